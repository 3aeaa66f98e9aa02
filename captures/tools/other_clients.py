#!/usr/bin/python3
"""Non-mail client scenarios for the other-* captures (standard library only).

    other_clients.py SCENARIO PORT

  ftp           ftplib, anonymous login, PWD, LIST (passive mode), QUIT
  ftp-banner    ftplib, anonymous login, QUIT (USER, PASS, QUIT only)
  random-bytes  reads the server's 2048 random octets, sends 1024 random
                octets back (seeded, see other_servers.py), waits for the
                server to close
  nntp-like     CAPABILITIES and QUIT against other_servers.py nntp-like
"""

import ftplib
import sys

from mtlib import HOST, Conn, log
from other_servers import (RANDOM_CLIENT_LEN, RANDOM_SEED_CLIENT, RANDOM_SEED_SERVER,
                           RANDOM_SERVER_LEN, random_payload)


def ftp_client(port):
    f = ftplib.FTP()
    f.set_debuglevel(1)
    f.connect(HOST, port, timeout=30)
    return f


def ftp_full(port):
    """USER anonymous, PASS, PWD, then LIST: ftplib sends TYPE A and PASV
    first and reads the listing over a second (data) connection."""
    f = ftp_client(port)
    f.login()                      # USER anonymous / PASS anonymous@
    f.pwd()
    lines = []
    f.retrlines("LIST", lines.append)
    assert lines, "empty LIST"
    for line in lines:
        log("DATA:", line)
    f.quit()


def ftp_banner(port):
    f = ftp_client(port)
    f.login()
    f.quit()


def random_bytes(port):
    c = Conn(port)
    data = c.read_exact(RANDOM_SERVER_LEN)
    if data != random_payload(RANDOM_SEED_SERVER, RANDOM_SERVER_LEN):
        raise RuntimeError("server bytes differ from the expected random payload")
    c.send(random_payload(RANDOM_SEED_CLIENT, RANDOM_CLIENT_LEN))
    c.finish()


def nntp_like(port):
    c = Conn(port)
    greeting = c.readline()
    if not greeting.startswith(b"200 "):
        raise RuntimeError("unexpected greeting %r" % greeting)
    c.line("CAPABILITIES")
    if not c.readline().startswith(b"101 "):
        raise RuntimeError("no capability list")
    while c.readline() not in (b".\r\n", b""):
        pass
    c.line("QUIT")
    if not c.readline().startswith(b"205 "):
        raise RuntimeError("no 205 after QUIT")
    c.finish()


SCENARIOS = {
    "ftp": ftp_full,
    "ftp-banner": ftp_banner,
    "random-bytes": random_bytes,
    "nntp-like": nntp_like,
}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]](int(sys.argv[2]))
