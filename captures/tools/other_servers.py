#!/usr/bin/python3
"""Tiny non-mail TCP servers for the other-* captures (standard library only).

    other_servers.py SCENARIO PORT

Listens on 127.0.0.1:PORT, serves exactly ONE connection and exits, so
make-captures.sh can simply wait for it. The server always closes first
(its FIN comes before the client's), like the mail servers in the other
captures.

  random-bytes  sends 2048 random octets (random.Random(RANDOM_SEED_SERVER),
                the same on every run) as soon as the client connects, reads
                the client's 1024 octets, closes
  nntp-like     a scripted stand-in for an NNTP server (RFC 3977 wording):
                "200 ... ready" greeting, CAPABILITIES -> "101 Capability
                list:" ... ".", QUIT -> "205 bye", anything else -> 500
"""

import random
import socket
import sys

HOST = "127.0.0.1"
RANDOM_SEED_SERVER = 9000      # 2048 octets server -> client
RANDOM_SEED_CLIENT = 9001      # 1024 octets client -> server (other_clients.py)
RANDOM_SERVER_LEN = 2048
RANDOM_CLIENT_LEN = 1024

NNTP_GREETING = b"200 news.example.test ready\r\n"
NNTP_CAPABILITIES = (b"101 Capability list:\r\n"
                     b"VERSION 2\r\n"
                     b"IMPLEMENTATION mailteach scripted NNTP stand-in\r\n"
                     b"READER\r\n"
                     b"LIST ACTIVE NEWSGROUPS\r\n"
                     b".\r\n")


def random_payload(seed, n):
    return random.Random(seed).randbytes(n)


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def accept_one(port):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((HOST, port))
    ls.listen(1)
    ls.settimeout(60)
    conn, peer = ls.accept()
    ls.close()
    conn.settimeout(30)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    log("connection from %s:%d" % peer)
    return conn


def recv_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def random_bytes(port):
    conn = accept_one(port)
    conn.sendall(random_payload(RANDOM_SEED_SERVER, RANDOM_SERVER_LEN))
    got = recv_exact(conn, RANDOM_CLIENT_LEN)
    log("received %d octets (expected %d)" % (len(got), RANDOM_CLIENT_LEN))
    conn.close()
    if got != random_payload(RANDOM_SEED_CLIENT, RANDOM_CLIENT_LEN):
        sys.exit("client bytes differ from the expected random payload")


def nntp_like(port):
    conn = accept_one(port)
    f = conn.makefile("rb")
    conn.sendall(NNTP_GREETING)
    while True:
        line = f.readline()
        if not line:
            break
        log("C: %r" % line)
        cmd = line.strip().upper()
        if cmd == b"CAPABILITIES":
            conn.sendall(NNTP_CAPABILITIES)
        elif cmd == b"QUIT":
            conn.sendall(b"205 bye\r\n")
            break
        else:
            conn.sendall(b"500 Unknown command\r\n")
    f.close()
    conn.close()


SCENARIOS = {
    "random-bytes": random_bytes,
    "nntp-like": nntp_like,
}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]](int(sys.argv[2]))
