#!/usr/bin/python3
"""POP3 client scenarios for the mailteach captures (standard library only).

    pop3_clients.py SCENARIO [PORT]

The mailbox of "student" holds 3 messages (see seed_mailbox.py):
1 plain text, 2 with lines starting with "." (dot-stuffed on the wire),
3 multipart/mixed with a base64 attachment.
"""

import base64
import hashlib
import poplib
import re
import sys

from mtlib import HOST, PASSWORD, USER, Conn, fixed_client_port, keylog_from_env, tls_context


def lib_client(port):
    p = poplib.POP3(HOST, port, timeout=30)
    p.set_debuglevel(1)
    print(p.getwelcome())
    return p


def poplib_full(port=110):
    """USER/PASS, STAT, LIST, UIDL, RETR of every message, TOP, DELE, RSET,
    NOOP, CAPA, QUIT."""
    p = lib_client(port)
    p.capa()                       # CAPA before login (STLS, USER, SASL ...)
    p.user(USER)
    p.pass_(PASSWORD)
    count, size = p.stat()
    assert count == 3, count
    p.list()                       # multi-line
    p.list(1)                      # single-line form
    p.uidl()                       # multi-line
    p.uidl(2)                      # single-line form
    for i in range(1, count + 1):
        p.retr(i)                  # 2: dot-stuffed lines, 3: multipart
    p.top(3, 0)                    # headers only
    p.dele(2)
    p.rset()                       # undo the DELE
    p.noop()
    p.capa()                       # CAPA again, in TRANSACTION state
    p.quit()


def poplib_short(port):
    p = lib_client(port)
    p.user(USER)
    p.pass_(PASSWORD)
    p.stat()
    p.list()
    p.retr(1)
    p.quit()


def mime():
    """The MIME lab message (seeded as message 1): RETR 1, then TOP 1 3."""
    p = lib_client(110)
    p.user(USER)
    p.pass_(PASSWORD)
    p.retr(1)
    p.top(1, 3)
    p.quit()


def failed_login():
    c = Conn(110)
    c.pop_line()
    c.pop("STAT")                  # wrong state: -ERR before login
    c.pop("USER " + USER)
    assert c.pop("PASS wrong-password").startswith(b"-ERR")   # -ERR [AUTH] ...
    c.pop("USER " + USER)
    assert c.pop("PASS " + PASSWORD).startswith(b"+OK")
    c.pop("STAT")
    c.pop("RETR 9")                # no such message
    c.pop("XYZZY")                 # unknown command
    c.pop("QUIT")
    c.finish()


def keystroke():
    """One byte per TCP segment; "LSIT" corrected with three backspaces."""
    c = Conn(110)
    c.pop_line()

    def cmd(text, multi=False):
        c.type_slowly(text + "\r\n")
        status = c.pop_line()
        if multi and status.startswith(b"+OK"):
            c.pop_multi()
        return status

    assert cmd("USER " + USER).startswith(b"+OK")
    assert cmd("PASS " + PASSWORD).startswith(b"+OK")
    cmd("STAT")
    # typo: the server receives "LSIT\b\b\bIST" and does not know it
    assert cmd("LSIT\x08\x08\x08IST", multi=True).startswith(b"-ERR")
    assert cmd("LIST", multi=True).startswith(b"+OK")
    assert cmd("RETR 1", multi=True).startswith(b"+OK")
    cmd("QUIT")
    c.finish()


def apop_auth():
    """Four connections: AUTH PLAIN (RFC 5034, with "+ " continuation),
    APOP, AUTH PLAIN with initial response, AUTH LOGIN."""
    b64 = lambda b: base64.b64encode(b).decode()
    plain = b64(b"\0" + USER.encode() + b"\0" + PASSWORD.encode())

    # 1: CAPA, AUTH (mechanism list), AUTH PLAIN + continuation, STLS refused
    c = Conn(110)
    c.pop_line()
    c.pop("CAPA", multi=True)
    c.pop("AUTH", multi=True)      # lists the SASL mechanisms
    c.line("AUTH PLAIN")
    assert c.pop_line().startswith(b"+ ")
    c.line(plain)
    assert c.pop_line().startswith(b"+OK")
    c.pop("STAT")
    assert c.pop("STLS").startswith(b"-ERR")   # STLS not allowed after login
    c.pop("QUIT")
    c.finish()

    # 2: APOP (Dovecot only offers it because the passdb has plain passwords)
    c = Conn(110)
    greeting = c.pop_line()
    m = re.search(rb"<[^>]+>", greeting)
    assert m, "no APOP timestamp in greeting: %r" % greeting
    digest = hashlib.md5(m.group(0) + PASSWORD.encode()).hexdigest()
    assert c.pop("APOP %s %s" % (USER, digest)).startswith(b"+OK")
    c.pop("STAT")
    c.pop("QUIT")
    c.finish()

    # 3: AUTH PLAIN with the initial response on the same line
    c = Conn(110)
    c.pop_line()
    assert c.pop("AUTH PLAIN " + plain).startswith(b"+OK")
    c.pop("LIST", multi=True)
    c.pop("QUIT")
    c.finish()

    # 4: AUTH LOGIN: "+ VXNlcm5hbWU6" / "+ UGFzc3dvcmQ6"
    c = Conn(110)
    c.pop_line()
    c.line("AUTH LOGIN")
    assert c.pop_line().startswith(b"+ ")
    c.line(b64(USER.encode()))
    assert c.pop_line().startswith(b"+ ")
    c.line(b64(PASSWORD.encode()))
    assert c.pop_line().startswith(b"+OK")
    c.pop("UIDL", multi=True)
    c.pop("QUIT")
    c.finish()


def stls():
    ctx = tls_context(keylog_from_env())
    p = lib_client(110)
    p.stls(context=ctx)            # poplib sends CAPA first, then STLS
    p.user(USER)
    p.pass_(PASSWORD)
    p.stat()
    p.list()
    p.retr(2)
    # like p.quit(), but first read the server's TLS close_notify, so that
    # the capture ends with FIN/FIN instead of a RST for unread data
    p._shortcmd("QUIT")
    p.sock.recv(1)
    p.close()


def split(port):
    """Through split_proxy.py: every server reply arrives in small pieces.
    The client port is fixed: a random one could be a port Wireshark gives
    to another protocol (44818 is EtherNet/IP), which then takes the stream."""
    with fixed_client_port(50110):
        p = lib_client(port)
    p.capa()
    p.user(USER)
    p.pass_(PASSWORD)
    p.list()
    p.uidl()
    p.retr(2)
    p.retr(3)
    p.top(1, 0)
    p.quit()


SCENARIOS = {
    "poplib": poplib_full,
    "poplib-short": poplib_short,
    "failed-login": failed_login,
    "keystroke": keystroke,
    "apop-auth": apop_auth,
    "stls": stls,
    "split": split,
    "mime": mime,
}

if __name__ == "__main__":
    args = [int(a) for a in sys.argv[2:]]
    SCENARIOS[sys.argv[1]](*args)
