#!/usr/bin/env python3
# Hostile captures, made here (hand-made bytes, labelled so), not committed.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   python3 bench/hostile.py OUTDIR [--only REGEX] [--list]
#
# Writes OUTDIR/hostile-handmade-<case>-<proto>-p<port>.pcap and
# OUTDIR/MANIFEST.tsv (file, protocol, port, what it is). Every case that
# a heuristic session can meet is made on the standard port (Wireshark's
# own dissector runs first, mailteach beside it) and on a classroom port
# (2525, 1110, 1143: mailteach's heuristic finds the session). They are
# what issues 11 and 12 name: lines without end, floods of lines, deep and
# wide MIME, IMAP literals and parentheses that announce the impossible,
# garbage where Base64 belongs, NUL and 8-bit bytes, one byte per segment,
# sessions cut at the start, TCP retransmissions/overlaps/reordering, and
# one direction only. bench/bench.py --hostile measures tshark on them with
# and without mailteach; fuzz/mutate.py --as-is DIR runs them with ASan.

import argparse
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pcapgen import CLIENT, SERVER, PcapWriter, TcpSession  # noqa: E402

C, S = CLIENT, SERVER
STD = {"smtp": 25, "pop3": 110, "imap": 143}
CLASSROOM = {"smtp": 2525, "pop3": 1110, "imap": 1143}
CLIENT_IP, SERVER_IP = "10.0.0.2", "10.0.0.1"


def prelude(s, proto, login=True):
    """Greeting and first exchange: enough for the heuristic to know it."""
    if proto == "smtp":
        s.send(S, b"220 mx.example.test ESMTP hostile\r\n")
        s.send(C, b"EHLO client.example.test\r\n")
        s.send(S, b"250-mx.example.test\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n"
                  b"250-CHUNKING\r\n250 8BITMIME\r\n")
    elif proto == "pop3":
        s.send(S, b"+OK POP3 server ready <1896.697170952@mx.example.test>\r\n")
        if login:
            s.send(C, b"USER student\r\n")
            s.send(S, b"+OK\r\n")
            s.send(C, b"PASS secret\r\n")
            s.send(S, b"+OK logged in\r\n")
    else:
        s.send(S, b"* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] IMAP server ready\r\n")
        if login:
            s.send(C, b"a1 LOGIN student secret\r\n")
            s.send(S, b"a1 OK LOGIN completed\r\n")


def smtp_message(s, body, **send_args):
    s.send(C, b"MAIL FROM:<student@example.test>\r\n")
    s.send(S, b"250 2.1.0 Ok\r\n")
    s.send(C, b"RCPT TO:<teacher@example.test>\r\n")
    s.send(S, b"250 2.1.5 Ok\r\n")
    s.send(C, b"DATA\r\n")
    s.send(S, b"354 End data with <CR><LF>.<CR><LF>\r\n")
    s.send(C, body + b"\r\n.\r\n", **send_args)
    s.send(S, b"250 2.0.0 Ok: queued\r\n")


def imap_fetch_message(s, body):
    s.send(C, b"a2 SELECT INBOX\r\n")
    s.send(S, b"* 1 EXISTS\r\na2 OK [READ-WRITE] SELECT completed\r\n")
    s.send(C, b"a3 FETCH 1 BODY[]\r\n")
    s.send(S, b"* 1 FETCH (BODY[] {%d}\r\n" % len(body) + body + b")\r\na3 OK FETCH completed\r\n")


# ---- the cases: (name, protocols, what, function(session, proto)) ----

def long_line(size):
    def make(s, proto):
        prelude(s, proto)
        start = {"smtp": b"MAIL FROM:<", "pop3": b"USER ", "imap": b"a2 SELECT "}[proto]
        s.send(C, start + b"a" * size)
    return make


def pipelined(n):
    def make(s, proto):
        prelude(s, proto)
        if proto == "smtp":
            s.send(C, b"MAIL FROM:<student@example.test>\r\n" +
                   b"".join(b"RCPT TO:<u%d@example.test>\r\n" % i for i in range(n - 1)))
            s.send(S, b"250 2.1.0 Ok\r\n" * 1 + b"250 2.1.5 Ok\r\n" * (n - 1))
        elif proto == "pop3":
            s.send(C, b"".join(b"LIST %d\r\n" % i for i in range(n)))
            s.send(S, b"".join(b"+OK %d 120\r\n" % i for i in range(n)))
        else:
            s.send(C, b"".join(b"t%d NOOP\r\n" % i for i in range(n)))
            s.send(S, b"".join(b"t%d OK NOOP completed\r\n" % i for i in range(n)))
    return make


def nested_multipart(depth):
    def body():
        out = [b"From: student@example.test\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"]
        for i in range(depth):
            out.append(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i))
        out.append(b"Content-Type: text/plain\r\n\r\ninnermost\r\n")
        for i in reversed(range(depth)):
            out.append(b"--b%d--\r\n" % i)
        return b"".join(out)

    def make(s, proto):
        prelude(s, proto)
        (smtp_message if proto == "smtp" else imap_fetch_message)(s, body())
    return make


def many_parts(n):
    def make(s, proto):
        prelude(s, proto)
        head = (b"From: student@example.test\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                b'Content-Type: multipart/mixed; boundary="p"\r\n\r\n')
        parts = b"".join(b"--p\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(n))
        (smtp_message if proto == "smtp" else imap_fetch_message)(s, head + parts + b"--p--\r\n")
    return make


def long_boundary(n):
    def make(s, proto):
        prelude(s, proto)
        b = b"x" * n
        body = (b"From: student@example.test\r\nMIME-Version: 1.0\r\n"
                b'Content-Type: multipart/mixed; boundary="' + b + b'"\r\n\r\n--' + b +
                b"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + b + b"--\r\n")
        (smtp_message if proto == "smtp" else imap_fetch_message)(s, body)
    return make


def huge_literal(announced, side):
    def make(s, proto):
        prelude(s, proto)
        if side == C:
            s.send(C, b"a2 APPEND INBOX {" + announced + b"}\r\n")
            s.send(S, b"+ Ready for literal data\r\n")
            s.send(C, b"Subject: short\r\n\r\nonly this\r\n")
        else:
            s.send(C, b"a2 SELECT INBOX\r\n")
            s.send(S, b"* 1 EXISTS\r\na2 OK SELECT completed\r\n")
            s.send(C, b"a3 FETCH 1 BODY[]\r\n")
            s.send(S, b"* 1 FETCH (BODY[] {" + announced + b"}\r\nonly this)\r\na3 OK done\r\n")
        s.send(C, b"a4 LOGOUT\r\n")
    return make


def nested_parens(depth):
    def make(s, proto):
        prelude(s, proto)
        s.send(C, b"a2 SELECT INBOX\r\n")
        s.send(S, b"* 1 EXISTS\r\na2 OK SELECT completed\r\n")
        s.send(C, b"a3 SEARCH " + b"(" * depth + b"ALL" + b")" * depth + b"\r\n")
        s.send(S, b"* SEARCH 1\r\na3 OK SEARCH completed\r\n")
        s.send(C, b"a4 FETCH 1 BODYSTRUCTURE\r\n")
        s.send(S, b"* 1 FETCH (BODYSTRUCTURE " + b"(" * depth + b'"TEXT" "PLAIN"' + b")" * depth +
               b")\r\na4 OK FETCH completed\r\n")
    return make


def garbage_b64(rnd):
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
    junk = b"!@#$%^&*()\x00\xff\x80-_.~ \t"
    return bytes(rnd.choice(alphabet if rnd.random() < 0.8 else junk) for _ in range(rnd.randrange(1, 200)))


def base64_garbage():
    def make(s, proto):
        rnd = random.Random(11)
        prelude(s, proto, login=False)
        if proto == "smtp":
            s.send(C, b"AUTH PLAIN " + garbage_b64(rnd) + b"\r\n")
            s.send(S, b"535 5.7.8 Authentication failed\r\n")
            s.send(C, b"AUTH LOGIN\r\n")
            s.send(S, b"334 " + garbage_b64(rnd) + b"\r\n")
            for _ in range(50):
                s.send(C, garbage_b64(rnd) + b"\r\n")
                s.send(S, b"334 " + garbage_b64(rnd) + b"\r\n")
            s.send(C, b"*\r\n")
            s.send(S, b"501 5.7.0 Authentication aborted\r\n")
            body = (b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
                    b"Content-Transfer-Encoding: base64\r\n\r\n" +
                    b"".join(garbage_b64(rnd) + b"\r\n" for _ in range(2000)))
            smtp_message(s, body.replace(b"\r\n.", b"\r\n.."))
        elif proto == "pop3":
            s.send(C, b"AUTH PLAIN\r\n")
            for _ in range(50):
                s.send(S, b"+ " + garbage_b64(rnd) + b"\r\n")
                s.send(C, garbage_b64(rnd) + b"\r\n")
            s.send(S, b"-ERR [AUTH] failed\r\n")
        else:
            s.send(C, b"a1 AUTHENTICATE PLAIN\r\n")
            for _ in range(50):
                s.send(S, b"+ " + garbage_b64(rnd) + b"\r\n")
                s.send(C, garbage_b64(rnd) + b"\r\n")
            s.send(S, b"a1 NO [AUTHENTICATIONFAILED] failed\r\n")
            s.send(C, b"a2 AUTHENTICATE PLAIN " + garbage_b64(rnd) + b"\r\n")
            s.send(S, b"a2 BAD garbage\r\n")
    return make


def nul_8bit():
    def make(s, proto):
        rnd = random.Random(12)
        prelude(s, proto)

        def line(prefix):
            return prefix + bytes(rnd.choice(b"\x00\x01\x7f\x80\xc3\xa9\xff\xfe\x1b AbZ09") for _ in
                                  range(rnd.randrange(0, 300))) + b"\r\n"
        cmds = {"smtp": (b"MAIL FROM:<", b"RCPT TO:<", b"HELO ", b"\x00EHLO "),
                "pop3": (b"USER ", b"RETR ", b"TOP ", b"\x00LIST "),
                "imap": (b"a2 SELECT ", b"a3 FETCH ", b"a4 \x00NOOP ", b"* ")}[proto]
        replies = {"smtp": (b"250 ", b"550-", b"\xff\xfe"), "pop3": (b"+OK ", b"-ERR ", b"\x00"),
                   "imap": (b"* OK ", b"a2 NO ", b"* 1 FETCH (")}[proto]
        for _ in range(1500):
            s.send(C, line(rnd.choice(cmds)))
            s.send(S, line(rnd.choice(replies)))
    return make


def one_byte_segments(total):
    def make(s, proto):
        prelude(s, proto)
        text = b"".join(b"line %06d of a message typed one byte per segment\r\n" % i
                        for i in range(total // 52 + 1))[:total]
        if proto == "smtp":
            smtp_message(s, text, mss=1, ack_every=2)
        elif proto == "pop3":
            s.send(C, b"RETR 1\r\n")
            s.send(S, b"+OK %d octets\r\n" % len(text) + text + b"\r\n.\r\n", mss=1, ack_every=2)
        else:
            s.send(C, b"a2 APPEND INBOX {%d}\r\n" % len(text))
            s.send(S, b"+ go ahead\r\n")
            s.send(C, text + b"\r\n", mss=1, ack_every=2)
            s.send(S, b"a2 OK APPEND completed\r\n")
    return make


def midstream():
    def make(s, proto):
        # no handshake, no greeting: the capture starts inside the data
        text = b"".join(b"quoted text line %d of a message\r\n" % i for i in range(200))
        if proto == "smtp":
            s.send(C, text[17:] + b".\r\n")
            s.send(S, b"250 2.0.0 Ok: queued as 4F2A1\r\n")
            s.send(C, b"QUIT\r\n")
            s.send(S, b"221 2.0.0 Bye\r\n")
        elif proto == "pop3":
            s.send(S, text[17:] + b".\r\n")
            s.send(C, b"DELE 1\r\n")
            s.send(S, b"+OK deleted\r\n")
            s.send(C, b"QUIT\r\n")
            s.send(S, b"+OK bye\r\n")
        else:
            s.send(S, text[17:] + b")\r\na3 OK FETCH completed\r\n")
            s.send(C, b"a4 LOGOUT\r\n")
            s.send(S, b"* BYE\r\na4 OK LOGOUT completed\r\n")
    return make


def tcp_anomalies():
    def make(s, proto):
        prelude(s, proto)
        cmd = {"smtp": b"MAIL FROM:<student@example.test>\r\nRCPT TO:<teacher@example.test>\r\n",
               "pop3": b"STAT\r\nLIST\r\n",
               "imap": b"a2 SELECT INBOX\r\na3 FETCH 1:* (FLAGS UID)\r\n"}[proto]
        half = len(cmd) // 2
        # retransmission: the same segment twice
        s.segment_at(C, 0, cmd[:half])
        s.segment_at(C, 0, cmd[:half])
        # overlap: a segment that covers the end of the previous one
        s.segment_at(C, half - 5, cmd[half - 5:])
        # out of order: the second half of the next commands first
        s.advance(C, len(cmd))
        s.segment_at(C, half, cmd[half:])
        s.segment_at(C, 0, cmd[:half])
        s.advance(C, len(cmd))
        # a retransmission that differs from the original (overlap conflict)
        s.segment_at(C, 0, cmd)
        s.segment_at(C, 0, cmd.replace(b"a", b"b"))
        s.advance(C, len(cmd))
        reply = {"smtp": b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n", "pop3": b"+OK 1 100\r\n+OK\r\n1 100\r\n.\r\n",
                 "imap": b"* 1 EXISTS\r\na2 OK done\r\n* 1 FETCH (FLAGS () UID 1)\r\na3 OK done\r\n"}[proto]
        for _ in range(3):
            s.send(S, reply)
        s.segment_at(S, -len(reply), reply)          # a late retransmission
    return make


def one_direction(side):
    def make(s, proto):
        full = {"smtp": [(S, b"220 mx.example.test ESMTP\r\n"), (C, b"EHLO client.example.test\r\n"),
                         (S, b"250-mx.example.test\r\n250 PIPELINING\r\n"),
                         (C, b"MAIL FROM:<a@example.test>\r\n"), (S, b"250 Ok\r\n"),
                         (C, b"RCPT TO:<b@example.test>\r\n"), (S, b"250 Ok\r\n"),
                         (C, b"DATA\r\n"), (S, b"354 go ahead\r\n"), (C, b"Subject: x\r\n\r\nhi\r\n.\r\n"),
                         (S, b"250 queued\r\n"), (C, b"QUIT\r\n"), (S, b"221 bye\r\n")],
                "pop3": [(S, b"+OK POP3 ready\r\n"), (C, b"USER student\r\n"), (S, b"+OK\r\n"),
                         (C, b"PASS secret\r\n"), (S, b"+OK\r\n"), (C, b"RETR 1\r\n"),
                         (S, b"+OK 20 octets\r\nSubject: x\r\n\r\nhi\r\n.\r\n"), (C, b"QUIT\r\n"),
                         (S, b"+OK bye\r\n")],
                "imap": [(S, b"* OK [CAPABILITY IMAP4rev1] ready\r\n"), (C, b"a1 LOGIN student secret\r\n"),
                         (S, b"a1 OK done\r\n"), (C, b"a2 SELECT INBOX\r\n"),
                         (S, b"* 1 EXISTS\r\na2 OK done\r\n"), (C, b"a3 FETCH 1 BODY[]\r\n"),
                         (S, b"* 1 FETCH (BODY[] {12}\r\nSubject: x\r\n)\r\na3 OK done\r\n"),
                         (C, b"a4 LOGOUT\r\n"), (S, b"* BYE\r\na4 OK done\r\n")]}[proto]
        for _ in range(20):
            for who, data in full:
                if who == side:
                    s.send(who, data)
                else:
                    s.advance(who, len(data))
    return make


def bare_lf(n):
    def make(s, proto):
        prelude(s, proto)
        s.send(C, b"\n" * n)
    return make


def ehlo_flood(n):
    def make(s, proto):
        s.send(S, b"220 mx.example.test ESMTP hostile\r\n")
        s.send(C, b"EHLO client.example.test\r\n")
        s.send(S, b"250-x\r\n" * (n - 1) + b"250 ok\r\n")
        s.send(C, b"QUIT\r\n")
        s.send(S, b"221 bye\r\n")
    return make


ALL = ("smtp", "pop3", "imap")
CASES = [
    # name, protocols, on classroom ports too, what, make, handshake
    ("10mb-line", ALL, True, "a 10 MB line without CRLF from the client", long_line(10_000_000), True),
    ("5mb-line", ("smtp",), True, "a 5 MB line without CRLF (issue 12: port 2525)", long_line(5_000_000), True),
    ("200k-pipelined", ALL, True, "200,000 pipelined commands and their replies", pipelined(200_000), True),
    ("mime-1000-deep", ("smtp", "imap"), True, "a message of 1,000 nested multiparts",
     nested_multipart(1000), True),
    ("mime-100k-parts", ("smtp", "imap"), True, "a message of 100,000 parts", many_parts(100_000), True),
    ("mime-500-boundary", ("smtp", "imap"), False, "a 500-character MIME boundary", long_boundary(500), True),
    ("literal-4294967295-client", ("imap",), True, "APPEND announcing {4294967295}, a line follows",
     huge_literal(b"4294967295", C), True),
    ("literal-2e19-client", ("imap",), True, "APPEND announcing {99999999999999999999}",
     huge_literal(b"99999999999999999999", C), True),
    ("literal-4294967295-server", ("imap",), True, "FETCH answer announcing {4294967295}",
     huge_literal(b"4294967295", S), True),
    ("literal-2e19-server", ("imap",), True, "FETCH answer announcing {99999999999999999999}",
     huge_literal(b"99999999999999999999", S), True),
    ("10k-parens", ("imap",), True, "10,000 nested parentheses in SEARCH and BODYSTRUCTURE",
     nested_parens(10_000), True),
    ("base64-garbage", ALL, True, "garbage where Base64 belongs: AUTH, challenges, a base64 body",
     base64_garbage(), True),
    ("nul-8bit", ALL, True, "NUL, control and 8-bit bytes in every command and reply", nul_8bit(), True),
    ("1-byte-segments", ALL, True, "100 KB sent one byte per segment", one_byte_segments(100_000), True),
    ("midstream", ALL, True, "a capture that starts inside the data, no handshake", midstream(), False),
    ("tcp-anomalies", ALL, True, "retransmissions, overlaps, out-of-order segments", tcp_anomalies(), True),
    ("client-only", ALL, True, "only the client's side was captured", one_direction(C), True),
    ("server-only", ALL, True, "only the server's side was captured", one_direction(S), True),
    ("1mb-bare-lf", ("smtp", "pop3"), True, "1 MB of bare LF from the client (issue 12)",
     bare_lf(1_000_000), True),
    ("2m-250-lines", ("smtp",), True, "an EHLO answered by 2,000,000 250- lines (issue 12)",
     ehlo_flood(2_000_000), True),
]


def plan():
    """[(file name, proto, port, what, make, handshake)]"""
    out = []
    for name, protos, classroom, what, make, handshake in CASES:
        for proto in protos:
            ports = [STD[proto]] + ([CLASSROOM[proto]] if classroom else [])
            for port in ports:
                out.append(("hostile-handmade-%s-%s-p%d.pcap" % (name, proto, port), proto, port, what,
                            make, handshake))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--only", help="regex: only files whose name matches")
    ap.add_argument("--list", action="store_true", help="list the files, write nothing")
    args = ap.parse_args()
    todo = [p for p in plan() if not args.only or re.search(args.only, p[0])]
    if args.list:
        for fname, proto, port, what, _, _ in todo:
            print("%s\t%s\t%d\t%s" % (fname, proto, port, what))
        return 0
    if not args.outdir:
        ap.error("give OUTDIR")
    os.makedirs(args.outdir, exist_ok=True)
    manifest = []
    for k, (fname, proto, port, what, make, handshake) in enumerate(todo):
        path = os.path.join(args.outdir, fname)
        with PcapWriter(path) as w:
            s = TcpSession(w, CLIENT_IP, 40000 + k, SERVER_IP, port)
            if handshake:
                s.handshake()
            make(s, proto)
            s.close()
            manifest.append("%s\t%s\t%d\t%d\t%d\t%s" % (fname, proto, port, w.packets, w.bytes, what))
        print("%-60s %9d packets %11d bytes" % (fname, w.packets, w.bytes), flush=True)
    with open(os.path.join(args.outdir, "MANIFEST.tsv"), "w") as f:
        f.write("# file\tprotocol\tport\tpackets\tbytes\twhat\n")
        f.write("\n".join(manifest) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
