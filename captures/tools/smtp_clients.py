#!/usr/bin/python3
"""SMTP client scenarios for the mailteach captures (standard library only).

    smtp_clients.py SCENARIO

All scenarios talk to Postfix on 127.0.0.1. The raw ones use mtlib.Conn so
that every byte on the wire is chosen here; the smtplib ones show what a
real library client sends (note: smtplib sends lower-case commands).
"""

import base64
import smtplib
import sys
import time

from mtlib import (CLIENT_NAME, DOMAIN, HOST, STUDENT, TEACHER, Conn,
                   keylog_from_env, tls_context)

UNKNOWN = "nosuchuser@" + DOMAIN


def lib_client(port):
    s = smtplib.SMTP(HOST, port, local_hostname=CLIENT_NAME, timeout=30)
    s.set_debuglevel(1)
    return s


def smtplib_session():
    """smtplib: VRFY/EXPN/HELP/NOOP, sendmail to one unknown + one valid
    recipient with dot-stuffed lines, RSET, QUIT."""
    msg = (
        "From: Student <%s>\n"
        "To: Nobody <%s>, Teacher <%s>\n"
        "Subject: Dot-stuffing with smtplib\n"
        "Date: Mon, 02 Sep 2024 11:00:00 +0000\n"
        "Message-ID: <smtplib.20240902110000@client.example.test>\n"
        "\n"
        "Lines that start with a dot are doubled by smtplib:\n"
        ".hidden line with one dot\n"
        "..line that already had two dots\n"
        ".\n"
        "The line above was a single dot; without stuffing it would end DATA.\n"
        "Bye.\n" % (STUDENT, UNKNOWN, TEACHER)
    )
    s = lib_client(25)
    s.ehlo()
    print("VRFY student ->", s.verify("student"))
    print("VRFY nosuchuser ->", s.verify("nosuchuser"))
    print("EXPN ->", s.expn("student"))
    print("HELP ->", s.help())
    print("NOOP ->", s.noop())
    refused = s.sendmail(STUDENT, [UNKNOWN, TEACHER], msg)
    print("refused:", refused)
    assert UNKNOWN in refused and TEACHER not in refused
    print("RSET ->", s.rset())
    s.quit()


def mime():
    """smtplib sends the MIME lab message (mime_message.py): multipart with
    encoded-word subject and file names; the teacher gets a blind copy
    (RCPT TO, in no To: or Cc:)."""
    from mime_message import build
    data = build().as_bytes(policy=__import__("email").policy.compat32.clone(linesep="\r\n"))
    s = lib_client(25)
    s.ehlo()
    refused = s.sendmail(TEACHER, [STUDENT, TEACHER], data)
    assert not refused, refused
    s.quit()


def errors():
    """Raw client provoking Postfix error replies, then a good transaction."""
    c = Conn(25)
    assert c.smtp_reply()[0] == 220
    c.smtp("FOO bar", 500)                                  # unknown command
    c.smtp("MAIL FROM:<%s>" % STUDENT, 503)                 # before HELO/EHLO
    c.smtp("HELO", 501)                                     # syntax: no hostname
    c.smtp("EHLO " + CLIENT_NAME, 250)
    c.smtp("RCPT TO:<%s>" % STUDENT, 503)                   # need MAIL command
    c.smtp("DATA", 503)                                     # need RCPT command
    c.smtp("MAIL", 501)                                     # syntax
    c.smtp("MAIL FROM:<bad address>", 501)                  # bad address syntax
    c.smtp("MAIL FROM:<%s> BOGUS=1" % STUDENT, 555)         # unsupported parameter
    c.smtp("MAIL FROM:<%s>" % STUDENT, 250)
    c.smtp("RCPT TO:<%s>" % UNKNOWN, 550)                   # 550 5.1.1 user unknown
    c.smtp("RCPT TO:<%s>" % STUDENT, 250)
    c.smtp("DATA", 354)
    c.send("Subject: after the errors\r\n\r\nFinally a good message.\r\n.\r\n")
    assert c.smtp_reply()[0] == 250
    c.smtp("QUIT", 221)
    c.drain_until_close(2)          # the server closes (FIN) after 221
    time.sleep(0.2)
    # one more command after 221 on the half-closed connection: the server
    # has already closed its socket, so the kernel answers with RST
    try:
        c.line("NOOP")
        c.drain_until_close(2)
    except OSError as e:
        print("after QUIT:", e)
    c.close()


def data_refused():
    """All RCPTs rejected -> DATA refused; the following lines are commands."""
    c = Conn(25)
    assert c.smtp_reply()[0] == 220
    c.smtp("EHLO " + CLIENT_NAME, 250)
    c.smtp("MAIL FROM:<%s>" % STUDENT, 250)
    c.smtp("RCPT TO:<%s>" % UNKNOWN, 550)
    c.smtp("RCPT TO:<ghost@%s>" % DOMAIN, 550)
    c.smtp("DATA", 554)                                     # no valid recipients
    c.smtp("RSET", 250)
    c.smtp("NOOP", 250)
    c.smtp("MAIL FROM:<%s>" % STUDENT, 250)
    c.smtp("RCPT TO:<%s>" % STUDENT, 250)
    c.smtp("DATA", 354)
    c.send("Subject: second try\r\n\r\nThis time DATA was accepted.\r\n.\r\n")
    assert c.smtp_reply()[0] == 250
    c.smtp("QUIT", 221)
    c.finish()


def keystroke():
    """Telnet-like: one byte per TCP segment, with a backspace correction."""
    c = Conn(25)
    assert c.smtp_reply()[0] == 220

    def cmd(text, expect):
        c.type_slowly(text + "\r\n")
        code, lines = c.smtp_reply()
        assert code == expect, (text, lines)

    cmd("HELO student-pc", 250)
    # typo "studnet", three backspaces, "ent": the server gets the raw bytes
    # (Postfix accepts them as part of the address)
    cmd("MAIL FROM:<studnet\x08\x08\x08ent@%s>" % DOMAIN, 250)
    cmd("RCPT TO:<%s>" % TEACHER, 250)
    cmd("DATA", 354)
    c.type_slowly("Subject: typed by hand\r\n\r\nHi teacher,\r\nI typed this in telnet.\r\n.\r\n")
    assert c.smtp_reply()[0] == 250
    cmd("QUIT", 221)
    c.finish()


def auth_login():
    """AUTH LOGIN with the 334 Username:/Password: prompts: a failed attempt,
    a cancelled one, then a successful one and a transaction."""
    b64 = lambda s: base64.b64encode(s.encode()).decode()
    c = Conn(587)
    assert c.smtp_reply()[0] == 220
    c.smtp("EHLO " + CLIENT_NAME, 250)
    c.smtp("AUTH LOGIN", 334)                 # 334 VXNlcm5hbWU6 (Username:)
    c.smtp(b64("student"), 334)               # 334 UGFzc3dvcmQ6 (Password:)
    c.smtp(b64("wrong-password"), 535)        # 535 5.7.8 authentication failed
    c.smtp("AUTH LOGIN", 334)
    c.smtp("*", 501)                          # client cancels the exchange
    c.smtp("AUTH LOGIN", 334)
    c.smtp(b64("student"), 334)
    c.smtp(b64("secret"), 235)                # 235 2.7.0 Authentication successful
    c.smtp("MAIL FROM:<%s>" % STUDENT, 250)
    c.smtp("RCPT TO:<%s>" % TEACHER, 250)
    c.smtp("DATA", 354)
    c.send("Subject: after AUTH LOGIN\r\n\r\nAuthenticated as student.\r\n.\r\n")
    assert c.smtp_reply()[0] == 250
    c.smtp("QUIT", 221)
    c.finish()


def starttls():
    """smtplib STARTTLS; the key log is written for editcap --inject-secrets."""
    ctx = tls_context(keylog_from_env())
    s = lib_client(25)
    s.ehlo()
    s.starttls(context=ctx)
    s.ehlo()
    s.sendmail(STUDENT, [STUDENT],
               "From: %s\nTo: %s\nSubject: Inside TLS\n\nThis message travelled inside STARTTLS.\n"
               % (STUDENT, STUDENT))
    # like s.quit(), but first read the server's TLS close_notify, so that
    # the capture ends with FIN/FIN instead of a RST for unread data
    s.docmd("quit")
    s.sock.recv(1)
    s.close()


def bdat():
    """CHUNKING (RFC 3030): BDAT n + n octets, then BDAT m LAST + m octets."""
    c = Conn(25)
    assert c.smtp_reply()[0] == 220
    c.smtp("EHLO " + CLIENT_NAME, 250)
    c.smtp("MAIL FROM:<%s> BODY=8BITMIME" % STUDENT, 250)
    c.smtp("RCPT TO:<%s>" % STUDENT, 250)
    chunk1 = (b"From: Student <" + STUDENT.encode() + b">\r\n"
              b"To: Student <" + STUDENT.encode() + b">\r\n"
              b"Subject: BDAT chunks\r\n"
              b"\r\n"
              b"With BDAT there is no dot-stuffing and no end marker:\r\n"
              b".\r\n"
              b"the line above is just a dot, and this line is split ac")
    chunk2 = (b"ross two chunks.\r\n"
              b"QUIT\r\n"
              b"(the QUIT above is message text, not a command)\r\n")
    # chunk 1: the BDAT command and its octets in separate segments
    c.line("BDAT %d" % len(chunk1))
    time.sleep(0.05)
    c.send(chunk1)
    code, lines = c.smtp_reply()
    assert code == 250, lines
    # chunk 2: command and octets in one segment, as most clients do
    c.send(b"BDAT %d LAST\r\n" % len(chunk2) + chunk2)
    code, lines = c.smtp_reply()
    assert code == 250, lines
    c.smtp("QUIT", 221)
    c.finish()


def long_lines():
    """Unusual client bytes against the real Postfix: a >512-octet command,
    a >1000-octet message line, bare LF line ends, NUL bytes."""
    c = Conn(25)
    assert c.smtp_reply()[0] == 220
    c.smtp("EHLO " + CLIENT_NAME, 250)
    # 1. command line longer than 512 octets (RFC 5321 4.5.3.1.4 limit)
    c.smtp("NOOP " + "x" * 700, 250)
    # 2. command terminated by a bare LF
    c.send(b"NOOP bare-LF-terminated\n")
    assert c.smtp_reply()[0] == 250
    # 3. command containing a NUL byte
    c.send(b"NOOP nul\x00byte\r\n")
    assert c.smtp_reply()[0] == 250
    c.smtp("MAIL FROM:<%s>" % STUDENT, 250)
    c.smtp("RCPT TO:<%s>" % STUDENT, 250)
    c.smtp("DATA", 354)
    body = (b"Subject: unusual lines\r\n"
            b"\r\n"
            b"The next line is 1200 octets long:\r\n"
            + b"L" * 1200 + b"\r\n"
            b"this line ends with a bare LF\n"
            b"this line contains a NUL byte here:\x00:end\r\n"
            b"last line\r\n"
            b".\r\n")
    c.send(body)
    assert c.smtp_reply()[0] == 250
    c.smtp("QUIT", 221)
    c.finish()


SCENARIOS = {
    "smtplib": smtplib_session,
    "errors": errors,
    "data-refused": data_refused,
    "keystroke": keystroke,
    "auth-login": auth_login,
    "starttls": starttls,
    "bdat": bdat,
    "long-lines": long_lines,
    "mime": mime,
}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]]()
