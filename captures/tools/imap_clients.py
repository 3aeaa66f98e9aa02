#!/usr/bin/python3
"""IMAP client scenarios for the mailteach captures (standard library only).

    imap_clients.py SCENARIO [PORT]

The INBOX of "student" holds 3 messages (see seed_mailbox.py).
imaplib uses random 4-letter tag prefixes (e.g. "JBOC1"); the raw clients
use fixed tags (a1, a2, ...).
"""

import imaplib
import smtplib
import sys
import time

from mtlib import (CLIENT_NAME, fixed_client_port, HOST, PASSWORD, STUDENT, TEACHER, USER, Conn,
                   keylog_from_env, tls_context)


def lib_client(port, cls=imaplib.IMAP4, **kw):
    m = cls(HOST, port, **kw)
    m.debug = 4
    return m


def ok(res):
    typ, data = res
    assert typ == "OK", (typ, data)
    return data


def imaplib_full(port=143):
    m = lib_client(port)                       # imaplib sends CAPABILITY itself
    ok(m.xatom("ID", '("name" "mailteach-imaplib" "version" "1.0")'))
    ok(m.login(USER, PASSWORD))
    ok(m.namespace())
    ok(m.enable("CONDSTORE"))
    ok(m.list())
    ok(m.lsub())
    ok(m.status("INBOX", "(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)"))
    ok(m.select("INBOX"))
    ok(m.fetch("1:*", "(FLAGS UID RFC822.SIZE ENVELOPE BODYSTRUCTURE)"))
    ok(m.fetch("1", "(BODY[])"))               # whole message as a server literal
    ok(m.fetch("3", "(BODY.PEEK[1] BODY.PEEK[2.MIME])"))
    ok(m.search(None, "UNSEEN"))
    ok(m.search(None, "FROM", '"teacher"', "SUBJECT", '"dot"'))
    ok(m.store("2", "+FLAGS", "(\\Seen)"))
    ok(m.create("Archive"))
    ok(m.copy("1:2", "Archive"))
    ok(m.subscribe("Archive"))
    ok(m.lsub())
    ok(m.select("Archive", readonly=True))     # EXAMINE (read-only SELECT)
    ok(m.noop())
    ok(m.select("Archive"))
    ok(m.store("1", "+FLAGS", "(\\Deleted)"))
    ok(m.check())
    ok(m.expunge())                            # "* 1 EXPUNGE"
    ok(m.uid("FETCH", "1:*", "(FLAGS)"))
    ok(m.close())
    ok(m.unsubscribe("Archive"))
    ok(m.rename("Archive", "Archive2"))
    ok(m.delete("Archive2"))
    ok(m.select("INBOX"))
    ok(m.unselect())
    m.logout()


def imaplib_short(port):
    m = lib_client(port)
    ok(m.login(USER, PASSWORD))
    ok(m.select("INBOX"))
    ok(m.fetch("1:*", "(FLAGS ENVELOPE)"))
    ok(m.fetch("1", "(BODY[])"))
    m.logout()


def append():
    msg = (b"From: Student <" + STUDENT.encode() + b">\r\n"
           b"To: Student <" + STUDENT.encode() + b">\r\n"
           b"Subject: Draft saved with APPEND\r\n"
           b"Date: Mon, 02 Sep 2024 12:00:00 +0000\r\n"
           b"Message-ID: <append.20240902120000@client.example.test>\r\n"
           b"\r\n"
           b"This message was uploaded by the client with APPEND and a literal.\r\n")
    m = lib_client(143)
    ok(m.login(USER, PASSWORD))
    ok(m.append("INBOX", "(\\Seen \\Draft)",
                imaplib.Time2Internaldate(1725278400), msg))   # {n} + "+ OK" continuation
    ok(m.select("INBOX"))
    ok(m.fetch("4", "(FLAGS ENVELOPE)"))
    m.logout()


def mime():
    """The MIME lab message (seeded as message 1): BODYSTRUCTURE, the whole
    message with BODY.PEEK[], one part (BODY.PEEK[1.2.1], the HTML), the
    header alone, then an APPEND of the same message."""
    from mime_message import build
    import email.policy
    data = build().as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))
    m = lib_client(143)
    ok(m.login(USER, PASSWORD))
    ok(m.select("INBOX"))
    ok(m.fetch("1", "(BODYSTRUCTURE)"))
    ok(m.fetch("1", "(BODY.PEEK[])"))
    ok(m.fetch("1", "(BODY.PEEK[1.2.1])"))
    ok(m.fetch("1", "(BODY.PEEK[HEADER])"))
    ok(m.append("INBOX", "(\\Seen)", imaplib.Time2Internaldate(1725285600), data))
    m.logout()


def login_literal():
    """LOGIN with synchronizing literals, a failed login, a BAD line; then a
    quoted LOGIN and a LITERAL+ (non-synchronizing) LOGIN on new connections."""
    # connection 1
    c = Conn(143)
    c.imap_response_line()
    r = c.imap("a001", 'LOGIN "student" "wrong-password"')
    assert b"NO [AUTHENTICATIONFAILED]" in r[-1], r
    r = c.imap("a002", "this is garbage")
    assert r[-1].startswith(b"a002 BAD"), r
    c.line("a003 LOGIN {7}")
    assert c.readline().startswith(b"+")          # continuation request
    c.line("student {6}")
    assert c.readline().startswith(b"+")
    c.line("secret")
    r = c.imap_until("a003")
    assert r[-1].startswith(b"a003 OK"), r
    c.imap("a004", "LOGOUT")
    c.finish()

    # connection 2: quoted strings
    c = Conn(143)
    c.imap_response_line()
    r = c.imap("b001", 'LOGIN "student" "secret"')
    assert r[-1].startswith(b"b001 OK"), r
    c.imap("b002", "LOGOUT")
    c.finish()

    # connection 3: LITERAL+ (RFC 7888): no continuation requests, one segment
    c = Conn(143)
    c.imap_response_line()
    c.send(b"c001 LOGIN {7+}\r\nstudent {6+}\r\nsecret\r\n")
    r = c.imap_until("c001")
    assert r[-1].startswith(b"c001 OK"), r
    c.imap("c002", "LOGOUT")
    c.finish()


def idle():
    """IDLE; a message is delivered over SMTP (port 25, not captured) and the
    server announces it with "* 4 EXISTS" during IDLE."""
    c = Conn(143)
    c.imap_response_line()
    c.imap("a1", "LOGIN student secret")
    c.imap("a2", "SELECT INBOX")
    c.line("a3 IDLE")
    assert c.readline().startswith(b"+")          # "+ idling"
    time.sleep(1.0)
    s = smtplib.SMTP(HOST, 25, local_hostname=CLIENT_NAME, timeout=30)
    s.sendmail(TEACHER, [STUDENT],
               "From: %s\nTo: %s\nSubject: New mail during IDLE\n\n"
               "The server pushes * EXISTS while the client idles.\n" % (TEACHER, STUDENT))
    s.quit()
    deadline = time.time() + 20
    c.sock.settimeout(20)
    got = False
    while time.time() < deadline:
        line = c.readline()
        if b"EXISTS" in line:
            got = True
            break
    assert got, "no EXISTS during IDLE"
    time.sleep(0.5)                               # let * RECENT etc. arrive too
    c.line("DONE")
    r = c.imap_until("a3")
    assert r[-1].startswith(b"a3 OK"), r
    c.imap("a4", "LOGOUT")
    c.finish()


def keystroke():
    """One byte per TCP segment; "INBXO" corrected with two backspaces; the
    server answers BAD and the user types the command again."""
    c = Conn(143)
    c.imap_response_line()

    def cmd(tag, text):
        c.type_slowly("%s %s\r\n" % (tag, text))
        return c.imap_until(tag)

    assert cmd("a1", "LOGIN student secret")[-1].startswith(b"a1 OK")
    r = cmd("a2", "SELECT INBXO\x08\x08OX")
    assert r[-1].startswith(b"a2 BAD"), r
    assert cmd("a2", "SELECT INBOX")[-1].startswith(b"a2 OK")
    assert cmd("a3", "FETCH 1 FLAGS")[-1].startswith(b"a3 OK")
    cmd("a4", "LOGOUT")
    c.finish()


def starttls():
    ctx = tls_context(keylog_from_env())
    m = lib_client(143)                        # CAPABILITY (sent by imaplib)
    ok(m.starttls(ssl_context=ctx))            # then CAPABILITY again inside TLS
    ok(m.login(USER, PASSWORD))
    ok(m.select("INBOX"))
    ok(m.fetch("1", "(FLAGS ENVELOPE)"))
    # like m.logout(), but read the server's TLS close_notify before closing,
    # so the capture ends with FIN/FIN instead of a RST for unread data
    m.state = "LOGOUT"
    m._simple_command("LOGOUT")
    m.sock.recv(1)
    m.shutdown()


def errors():
    c = Conn(143)
    c.imap_response_line()
    # not authenticated yet (Dovecot disconnects after 3 bad pre-login commands)
    c.imap("a1", "SELECT INBOX")                  # BAD
    c.imap("a2", "FETCH 1 FLAGS")                 # BAD
    c.imap("a3", "LOGIN student secret")
    c.imap("a4", "FETCH 1 FLAGS")                 # BAD No mailbox selected
    c.imap("a5", "SELECT Nonexistent")            # NO Mailbox doesn't exist
    c.imap("a6", "SELECT INBOX")
    c.imap("a7", "COPY 1 Nonexistent")            # NO [TRYCREATE]
    c.imap("a8", "FOOBAR")                        # BAD Unknown command
    c.imap("a9", "FETCH 99 FLAGS")                # BAD Invalid messageset
    c.imap("a10", "FETCH 1")                      # BAD Invalid arguments
    c.imap("a11", "STORE 1 +FLAGS (\\Bogus)")     # BAD Invalid system flag
    c.imap("a12", "CREATE INBOX")                 # NO [ALREADYEXISTS]
    c.imap("a13", "DELETE Nonexistent")           # NO [NONEXISTENT]
    c.imap("a14", "LOGOUT")
    c.finish()


def split(port):
    """Through split_proxy.py: literals arrive in many small segments.
    A raw client (not imaplib, which closes right after "* BYE" and would
    leave the tagged OK of LOGOUT unread when it arrives in pieces).
    The client port is fixed, as in pop3_clients.split()."""
    with fixed_client_port(50143):
        c = Conn(port)
    c.imap_response_line()
    c.imap("a1", "LOGIN student secret")
    c.imap("a2", "SELECT INBOX")
    c.imap("a3", "FETCH 1:3 (FLAGS RFC822.SIZE)")
    r = c.imap("a4", "FETCH 3 (BODY[])")         # 1.7 KB literal, many segments
    assert r[-1].startswith(b"a4 OK"), r
    c.imap("a5", "FETCH 2 (BODY.PEEK[TEXT])")
    r = c.imap("a6", "LOGOUT")
    assert r[-1].startswith(b"a6 OK"), r
    c.finish()


SCENARIOS = {
    "imaplib": imaplib_full,
    "mime": mime,
    "imaplib-short": imaplib_short,
    "append": append,
    "login-literal": login_literal,
    "idle": idle,
    "keystroke": keystroke,
    "starttls": starttls,
    "errors": errors,
    "split": split,
}

if __name__ == "__main__":
    args = [int(a) for a in sys.argv[2:]]
    SCENARIOS[sys.argv[1]](*args)
