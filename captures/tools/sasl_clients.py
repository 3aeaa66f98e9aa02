#!/usr/bin/python3
"""SASL logins of the mailteach captures, for SMTP (submission, port 587),
POP3 (110) and IMAP (143): CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256, PLAIN with
and without an initial response, LOGIN with an initial user name, failed
and cancelled logins. Dovecot checks the credentials (Postfix asks it
through its auth socket); make-captures.sh turns these mechanisms on for
these scenarios only.

    sasl_clients.py smtp | pop3 | imap

Standard library only; raw clients (mtlib.Conn) where the library has no
such login, smtplib and imaplib where it has.
"""

import base64
import hashlib
import hmac
import imaplib
import smtplib
import sys

from mtlib import CLIENT_NAME, HOST, PASSWORD, STUDENT, TEACHER, USER, Conn, keylog_from_env, log, tls_context

# RFC 7677 §3's client nonce: a fixed one keeps the captures comparable
CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO"


def b64(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.b64encode(data).decode()


def unb64(text):
    if isinstance(text, bytes):
        text = text.decode()
    return base64.b64decode(text.strip() + "=" * (-len(text.strip()) % 4)) if text.strip() else b""


class Scram:
    """A SCRAM client (RFC 5802 §3, §5): step(challenge) gives each message."""

    def __init__(self, hashname, user, password):
        self.hashname = hashname
        self.user = user
        self.password = password.encode()
        self.gs2 = "n,,"
        self.first_bare = "n=%s,r=%s" % (user, CLIENT_NONCE)
        self.state = 0
        self.server_signature = None

    def _hmac(self, key, msg):
        return hmac.new(key, msg, self.hashname).digest()

    def step(self, challenge):
        if self.state == 0:
            self.state = 1
            return (self.gs2 + self.first_bare).encode()
        if self.state == 1:
            self.state = 2
            server_first = challenge.decode()
            attrs = dict(kv.split("=", 1) for kv in server_first.split(","))
            salted = hashlib.pbkdf2_hmac(self.hashname, self.password, base64.b64decode(attrs["s"]),
                                         int(attrs["i"]))
            client_key = self._hmac(salted, b"Client Key")
            stored_key = hashlib.new(self.hashname, client_key).digest()
            final_bare = "c=%s,r=%s" % (b64(self.gs2), attrs["r"])
            auth_message = ",".join((self.first_bare, server_first, final_bare)).encode()
            signature = self._hmac(stored_key, auth_message)
            proof = bytes(a ^ b for a, b in zip(client_key, signature))
            self.server_signature = self._hmac(self._hmac(salted, b"Server Key"), auth_message)
            return (final_bare + ",p=" + b64(proof)).encode()
        # server-final: check the server's signature, then send nothing
        final = dict(kv.split("=", 1) for kv in challenge.decode().split(","))
        if "v" not in final or base64.b64decode(final["v"]) != self.server_signature:
            raise RuntimeError("SCRAM: the server's signature does not match: %r" % challenge)
        return b""


def cram_md5(user, password):
    return lambda challenge: ("%s %s" % (user, hmac.new(password.encode(), challenge, "md5").hexdigest())).encode()


def plain(user, password, authzid=""):
    return lambda challenge: ("%s\0%s\0%s" % (authzid, user, password)).encode()


# ---- SMTP ------------------------------------------------------------------

def smtp_exchange(c, mech, respond, expect):
    """AUTH mech, then one Base64 answer per 334 challenge."""
    c.line("AUTH " + mech)
    while True:
        code, lines = c.smtp_reply()
        if code != 334:
            break
        c.line(b64(respond(unb64(lines[-1][4:]))))
    if code != expect:
        raise RuntimeError("AUTH %s: expected %s, got %r" % (mech, expect, lines))


def smtp_raw_session(logins):
    c = Conn(587)
    assert c.smtp_reply()[0] == 220
    c.smtp("EHLO " + CLIENT_NAME, 250)
    for mech, respond, expect in logins:
        smtp_exchange(c, mech, respond, expect)
    c.smtp("QUIT", 221)
    c.finish()


def smtp():
    # 1: CRAM-MD5 with a wrong password, then SCRAM-SHA-1
    smtp_raw_session([("CRAM-MD5", cram_md5(USER, "wrong-password"), 535),
                      ("SCRAM-SHA-1", Scram("sha1", USER, PASSWORD).step, 235)])
    # 2: SCRAM-SHA-256
    smtp_raw_session([("SCRAM-SHA-256", Scram("sha256", USER, PASSWORD).step, 235)])
    # 3: smtplib: PLAIN without an initial response (wrong password), then
    #    LOGIN with the user name as initial response, and a message
    s = smtplib.SMTP(HOST, 587, local_hostname=CLIENT_NAME)
    s.set_debuglevel(1)
    s.ehlo()
    try:
        s.auth("PLAIN", lambda challenge=None: "\0%s\0%s" % (USER, "wrong-password"),
               initial_response_ok=False)
        raise RuntimeError("AUTH PLAIN with a wrong password succeeded")
    except smtplib.SMTPAuthenticationError:
        pass
    code, msg = s.docmd("AUTH", "LOGIN " + b64(USER))
    if code != 334:
        raise RuntimeError("AUTH LOGIN: %s %r" % (code, msg))
    code, msg = s.docmd(b64(PASSWORD))
    if code != 235:
        raise RuntimeError("AUTH LOGIN password: %s %r" % (code, msg))
    s.sendmail(STUDENT, [TEACHER], "From: %s\r\nTo: %s\r\nSubject: After AUTH LOGIN with an initial "
               "response\r\n\r\nLogged in.\r\n" % (STUDENT, TEACHER))
    s.quit()


# ---- POP3 ------------------------------------------------------------------

def pop3_exchange(c, command, respond, expect_ok):
    c.line(command)
    while True:
        line = c.pop_line()
        if not line.startswith(b"+ ") and line.rstrip(b"\r\n") != b"+":
            break
        c.line(b64(respond(unb64(line[2:]))) if respond else "*")
    if line.startswith(b"+OK") != expect_ok:
        raise RuntimeError("%s: unexpected %r" % (command, line))


def pop3():
    # 1: SCRAM-SHA-256; a wrong PLAIN (initial response) first
    c = Conn(110)
    assert c.pop_line().startswith(b"+OK")
    c.line("AUTH PLAIN " + b64("\0%s\0%s" % (USER, "wrong-password")))
    assert c.pop_line().startswith(b"-ERR")
    pop3_exchange(c, "AUTH SCRAM-SHA-256", Scram("sha256", USER, PASSWORD).step, True)
    c.line("STAT")
    c.pop_line()
    c.line("QUIT")
    c.pop_line()
    c.finish()
    # 2: CRAM-MD5 cancelled with "*", then CRAM-MD5
    c = Conn(110)
    assert c.pop_line().startswith(b"+OK")
    pop3_exchange(c, "AUTH CRAM-MD5", None, False)
    pop3_exchange(c, "AUTH CRAM-MD5", cram_md5(USER, PASSWORD), True)
    c.line("QUIT")
    c.pop_line()
    c.finish()


# ---- IMAP ------------------------------------------------------------------

def imap_exchange(c, tag, mech, respond, expect, initial=None):
    c.line("%s AUTHENTICATE %s%s" % (tag, mech, " " + b64(initial) if initial is not None else ""))
    while True:
        line = c.readline()
        if line.startswith(b"+"):
            c.line(b64(respond(unb64(line[1:].strip()))) if respond else "*")
            continue
        if line.startswith(tag.encode() + b" "):
            break
    if line.split()[1].decode() != expect:
        raise RuntimeError("%s: expected %s, got %r" % (mech, expect, line))


def imap():
    # 1: imaplib, AUTHENTICATE PLAIN without SASL-IR (imaplib waits for "+")
    m = imaplib.IMAP4(HOST, 143)
    m.debug = 4
    m.authenticate("PLAIN", lambda challenge: "\0%s\0%s" % (USER, PASSWORD))
    m.select("INBOX")
    m.logout()
    # 2: raw: PLAIN with SASL-IR and a wrong password, LOGIN cancelled,
    #    then SCRAM-SHA-1
    c = Conn(143)
    c.readline()
    imap_exchange(c, "a1", "PLAIN", None, "NO", initial="\0%s\0%s" % (USER, "wrong-password"))
    imap_exchange(c, "a2", "LOGIN", None, "BAD")
    imap_exchange(c, "a3", "SCRAM-SHA-1", Scram("sha1", USER, PASSWORD).step, "OK")
    c.line("a4 LOGOUT")
    while not c.readline().startswith(b"a4 "):
        pass
    c.finish()
    # 3: imaplib, CRAM-MD5
    m = imaplib.IMAP4(HOST, 143)
    m.debug = 4
    m.login_cram_md5(USER, PASSWORD)
    m.logout()


def imap_tls():
    """imaplib over implicit TLS (port 993): LOGIN inside TLS from the first
    byte; the key log is embedded in the capture."""
    m = imaplib.IMAP4_SSL(HOST, 993, ssl_context=tls_context(keylog_from_env()))
    m.debug = 4
    m.login(USER, PASSWORD)
    m.select("INBOX")
    # like m.logout(), but read the server's TLS close_notify before closing,
    # so the capture ends with FIN/FIN instead of a RST for unread data
    m.state = "LOGOUT"
    m._simple_command("LOGOUT")
    m.sock.recv(1)
    m.shutdown()


SCENARIOS = {"smtp": smtp, "pop3": pop3, "imap": imap, "imap-tls": imap_tls}

if __name__ == "__main__":
    log("--", "sasl_clients " + sys.argv[1])
    SCENARIOS[sys.argv[1]]()
