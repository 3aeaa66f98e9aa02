#!/usr/bin/env python3
# test_messages.py - every message on the wire, compared with Python's email package
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# For every mail capture in captures/ (not other-*), the messages that cross
# the wire are cut out of the TCP streams' bytes here, without mailteach:
# tshark "follow" gives each stream's bytes (decrypted after STARTTLS/STLS or
# with implicit TLS) and a small splitter per protocol finds the messages:
#   SMTP  the client's text after DATA and the server's 354, up to CRLF.CRLF,
#         dot-unstuffed; BDAT chunks up to BDAT ... LAST, concatenated;
#   POP3  the server's multi-line answer to RETR, dot-unstuffed;
#   IMAP  the literals of FETCH BODY[] and RFC822 answers, and APPEND's.
# Messages cut short are read too, as far as they go: the answers to POP3
# TOP and IMAP BODY[HEADER] / RFC822.HEADER. Python's email package
# (policy.default) reads each message; mailteach's leaves (part number,
# content type, charset, transfer encoding, file name; python_leaves() and
# mt_leaves() of test_mime.py) and decoded subjects (of the message and of
# the messages forwarded in it) must be Python's, stream by stream and for
# the whole capture in capture order, on one pass and on two (tshark -2).
# A part mailteach misses or adds fails the test; so does a capture in
# which the splitter finds another number of messages than MESSAGES says.

import email
import email.errors
import email.policy
import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from mtshark import Tshark  # noqa: E402
from test_mime import M, mt_leaves, python_leaves  # noqa: E402

# The messages each capture carries: (whole messages, messages cut short);
# a capture not named here carries none. Counted by hand from FRAMES.md, so
# that a splitter that finds nothing cannot pass.
MESSAGES = {
    "smtp-auth-login.pcapng": (1, 0),
    "smtp-auth-mechanisms.pcapng": (2, 0),         # swaks (stream 0) and smtplib (stream 3)
    "smtp-bdat.pcapng": (1, 0),                    # two BDAT chunks, one message
    "smtp-curl-send.pcapng": (1, 0),
    "smtp-data-refused.pcapng": (1, 0),            # the first DATA is refused with 554
    "smtp-errors.pcapng": (1, 0),
    "smtp-handmade-malformed-replies.pcapng": (1, 0),
    "smtp-keystroke.pcapng": (1, 0),
    "smtp-long-lines.pcapng": (1, 0),
    "smtp-mime.pcapng": (1, 0),
    "smtp-pipelining.pcapng": (1, 0),
    "smtp-port2525.pcapng": (1, 0),
    "smtp-python-smtplib.pcapng": (1, 0),
    "smtp-starttls.pcapng": (1, 0),                # inside TLS
    "smtp-submission-587.pcapng": (1, 0),
    "smtp-swaks-plain.pcapng": (1, 0),
    # smtp-cut-midsession starts inside the message: no whole message
    "pop3-curl.pcapng": (1, 0),
    "pop3-keystroke.pcapng": (1, 0),
    "pop3-mime.pcapng": (1, 1),                    # RETR 1, TOP 1 3
    "pop3-port1110.pcapng": (1, 0),
    "pop3-python-poplib.pcapng": (3, 1),           # RETR 1, 2, 3, TOP 3 0
    "pop3-split-responses.pcapng": (2, 1),         # RETR 2, 3, TOP 1 0
    "pop3-stls.pcapng": (1, 0),                    # inside TLS
    "imap-append.pcapng": (1, 0),                  # APPEND; FETCH 4 asks for FLAGS ENVELOPE only
    "imap-mime.pcapng": (2, 1),                    # FETCH BODY.PEEK[], APPEND; BODY.PEEK[HEADER]
    "imap-port1143.pcapng": (1, 0),
    "imap-python-imaplib.pcapng": (1, 0),          # BODY[]; not BODY.PEEK[1] nor [2.MIME]
    "imap-split-literal.pcapng": (1, 0),           # BODY[]; not BODY.PEEK[TEXT]
}

CLIENT, SERVER = "C", "S"


# ---- the bytes of every TCP stream, from tshark without mailteach ----

def _endpoint(text):
    """'127.0.0.1:25' -> ('127.0.0.1', '25')"""
    addr, _, port = text.strip().rpartition(":")
    return addr.strip("[]"), port


def _follow_blocks(out):
    """Parse the output of tshark -q -z follow,PROTO,raw,N (several of them):
    {(PROTO, N): [(node, bytes)]}, node 0 or 1, in capture order."""
    blocks = {}
    current = None
    node0 = None
    for line in out.split("\n"):
        if line.startswith("Follow: "):
            proto = line.split()[1].split(",")[0]
            current = None
            continue
        if line.startswith("Filter: "):
            current = (proto, int(line.split()[-1]))
            blocks[current] = ([], None)
            continue
        if current is None or not line.strip() or line.startswith("="):
            continue
        if line.startswith("Node 0: "):
            node0 = _endpoint(line[len("Node 0: "):])
            blocks[current] = (blocks[current][0], node0)
            continue
        if line.startswith("Node 1: "):
            continue
        # data sent by node 1 is indented with a tab
        blocks[current][0].append((1 if line.startswith("\t") else 0, bytes.fromhex(line.strip())))
    return blocks


def _is_tls_record(data):
    return len(data) >= 3 and data[0] in (0x14, 0x15, 0x16, 0x17) and data[1] == 3 and data[2] <= 4


def conversations(ts, capture):
    """{stream: [(CLIENT or SERVER, bytes, frame)]}: what each side said,
    chunk by chunk in capture order, and the frame each chunk came in (None
    where the chunks cannot be matched to frames one to one: only used to
    tell where a message is). A stream that turns to TLS (STARTTLS, STLS,
    or from its first byte) is its clear-text chunks up to the first TLS
    record, then the decrypted ones (the captures carry their TLS secrets)."""
    path = ts.path(capture)
    rows = ts.run(["-r", path, "-T", "fields", "-e", "tcp.stream", "-e", "frame.number", "-e", "ip.src",
                   "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "tcp.flags.syn", "-e", "tcp.flags.ack",
                   "-e", "tcp.len", "-e", "tls.record.content_type"], with_plugin=False).stdout
    streams, clients, ports, tls = [], {}, {}, set()
    tcp_frames, tls_frames = {}, {}       # stream -> frames with TCP payload, with TLS application data
    for row in rows.split("\n"):
        cols = row.split("\t")
        if len(cols) < 9 or not cols[0]:
            continue
        n, frame = int(cols[0]), int(cols[1])
        if n not in streams:
            streams.append(n)
        src = (cols[2] or cols[3], cols[4])
        ports.setdefault(n, set()).add(src)
        if cols[5] in ("1", "True") and cols[6] in ("0", "False"):
            clients[n] = src              # the SYN's sender is the client
        if cols[7] and int(cols[7]) > 0:
            tcp_frames.setdefault(n, []).append(frame)
        if cols[8]:
            tls.add(n)
            tls_frames.setdefault(n, []).extend([frame] * cols[8].split(",").count("23"))
    for n in streams:
        if n not in clients:
            # no SYN (a capture cut in the middle): as the capture tools do,
            # take the endpoint with the higher port to be the client
            clients[n] = max(ports[n], key=lambda e: int(e[1]))
    args = ["-q", "-r", path]
    for n in streams:
        args += ["-z", "follow,tcp,raw,%d" % n]
        if n in tls:
            args += ["-z", "follow,tls,raw,%d" % n]
    blocks = _follow_blocks(ts.run(args, with_plugin=False).stdout)

    def chunks(proto, n, frames):
        said, node0 = blocks.get((proto, n), ([], None))
        first = CLIENT if node0 == clients[n] else SERVER
        other = SERVER if first == CLIENT else CLIENT
        if len(frames) != len(said):
            frames = [None] * len(said)
        return [(first if node == 0 else other, data, frame)
                for (node, data), frame in zip(said, frames)]

    result = {}
    for n in streams:
        conv = chunks("tcp", n, tcp_frames.get(n, []))
        if n in tls:
            cut = next((i for i, (_, d, _) in enumerate(conv) if _is_tls_record(d)), len(conv))
            conv = conv[:cut] + chunks("tls", n, tls_frames.get(n, []))
        result[n] = conv
    return result


# ---- the protocol splitters ----

class Message:
    """A message found on the wire: its bytes, where it starts, whether it
    is whole, and what Python's email package reads in it."""

    def __init__(self, how, data, chunk, whole=True):
        self.how = how          # "DATA", "BDAT", "RETR 1", "FETCH BODY[]", "APPEND", ...
        self.data = data
        self.chunk = chunk      # index in the stream's conversation of the chunk it starts in
        self.whole = whole      # False: cut short (TOP n k, BODY[HEADER]): a header and perhaps a little more
        self.stream = self.frame = None     # set by messages_in()
        self.msg = email.message_from_bytes(data, policy=email.policy.default)

    def __repr__(self):
        return "Message(%s, %d octets%s)" % (self.how, len(self.data), "" if self.whole else ", cut short")


class Said:
    """All that one side said in a conversation, and where each chunk of it
    starts: data[offset] was sent in conversation chunk chunk_of(offset),
    after the other side had sent heard_before(offset) octets."""

    def __init__(self, conv, side):
        self.data = b""
        self.starts = []        # (offset in data, index in conv, octets of the other side before)
        other = 0
        for i, (s, d, _) in enumerate(conv):
            if s == side:
                self.starts.append((len(self.data), i, other))
                self.data += d
            else:
                other += len(d)

    def _start(self, offset):
        found = (0, len(self.starts), 0)
        for st in self.starts:
            if st[0] > offset:
                break
            found = st
        return found

    def chunk_of(self, offset):
        return self._start(offset)[1]

    def heard_before(self, offset):
        return self._start(offset)[2]


def dot_unstuffed(text):
    """RFC 5321 4.5.2 / RFC 1939 3: a line's first dot is dropped."""
    return re.sub(rb"(^|\r\n)\.", rb"\1", text)


def until_dot_line(data, start):
    """(text, end): the text from start up to the line holding a single dot
    (its CRLF included in text), and the offset after that dot line; None
    when the data ends first."""
    if data.startswith(b".\r\n", start):
        return b"", start + 3
    i = data.find(b"\r\n.\r\n", start)
    if i < 0:
        return None
    return data[start:i + 2], i + 5


def next_line(data, start):
    """(line without its end, offset after it), or None; SMTP and POP3
    servers take a bare LF as a line end too."""
    i = data.find(b"\n", start)
    if i < 0:
        return None
    return data[start:i].rstrip(b"\r"), i + 1


def smtp_messages(conv):
    """SMTP: the client's message text after DATA, if the server's answer
    is 354: the last reply line it sends before the client speaks again
    (a pipelining client sends MAIL, RCPT and DATA at once, and the 354
    comes after the replies to MAIL and RCPT); then up to CRLF.CRLF,
    dot-unstuffed. BDAT: chunks of the sizes given, up to BDAT ... LAST."""
    client, server = Said(conv, CLIENT), Said(conv, SERVER)
    data = client.data
    out, chunks, first, pos = [], [], None, 0
    while True:
        got = next_line(data, pos)
        if got is None:
            break
        line, pos = got
        words = line.split()
        verb = words[0].upper() if words else b""
        if verb == b"DATA" and len(words) == 1:
            if pos >= len(data):
                break
            answer = server.data[client.heard_before(pos - 1):client.heard_before(pos)]
            replies = [ln for ln in answer.split(b"\r\n") if ln]
            if not (replies and replies[-1].startswith(b"354")):
                continue
            got = until_dot_line(data, pos)
            if got is None:
                break                # the capture ends inside the message
            text, end = got
            out.append(Message("DATA", dot_unstuffed(text), client.chunk_of(pos)))
            pos = end
        elif verb == b"BDAT" and len(words) >= 2 and words[1].isdigit():
            size = int(words[1])
            if first is None:
                first = client.chunk_of(pos)
            chunks.append(data[pos:pos + size])
            pos += size
            if len(words) > 2 and words[2].upper() == b"LAST":
                if pos <= len(data):
                    out.append(Message("BDAT", b"".join(chunks), first))
                chunks, first = [], None
        elif verb == b"RSET":
            chunks, first = [], None
    return out


def pop3_messages(conv):
    """POP3: each client line (a command, or a SASL answer) gets one
    answer line, and a multi-line answer if it is +OK to CAPA, RETR, TOP,
    LIST or UIDL without argument, or AUTH alone (Dovecot lists its
    mechanisms then). The multi-line answer to RETR is a message, to TOP a
    message cut short (its header and the first lines of its body)."""
    client, server = Said(conv, CLIENT).data, Said(conv, SERVER)
    out = []
    got = next_line(server.data, 0)      # the greeting
    if got is None:
        return out
    spos, cpos = got[1], 0
    while True:
        got = next_line(client, cpos)
        if got is None:
            break
        command, cpos = got
        got = next_line(server.data, spos)
        if got is None:
            break
        status, spos = got
        words = command.split()
        verb = words[0].upper() if words else b""
        multi = verb in (b"CAPA", b"RETR", b"TOP") or (verb in (b"LIST", b"UIDL", b"AUTH") and len(words) == 1)
        if not (multi and status.startswith(b"+OK")):
            continue
        start = spos
        got = until_dot_line(server.data, spos)
        if got is None:
            break
        text, spos = got
        if verb in (b"RETR", b"TOP"):
            out.append(Message(command.decode("ascii", "replace"), dot_unstuffed(text),
                               server.chunk_of(start), whole=verb == b"RETR"))
    return out


LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n$")
# the FETCH item a literal is the value of: "BODY[]", "BODY[HEADER.FIELDS (FROM)]", "BODY[]<0>"
FETCH_ITEM = re.compile(rb"([A-Za-z0-9.]+(?:\[[^\]]*\])?(?:<\d+>)?) ?\{\d+\+?\}\r\n$")


def imap_units(data):
    """IMAP commands or responses: [text, literal, text, literal, ..., text]
    each, the texts with their line ends and literal announcements."""
    units, pos = [], 0
    while pos < len(data):
        unit = []
        while True:
            i = data.find(b"\r\n", pos)
            if i < 0:
                unit.append(data[pos:])
                pos = len(data)
                break
            text, pos = data[pos:i + 2], i + 2
            unit.append(text)
            m = LITERAL.search(text)
            if not m:
                break
            size = int(m.group(1))
            unit.append(data[pos:pos + size])
            pos += size
        units.append(unit)
    return units


def imap_messages(conv):
    """IMAP: the message literals of APPEND (the ones after the mailbox)
    and of FETCH answers of BODY[] and RFC822 (BODY.PEEK[] is answered as
    BODY[]); BODY[HEADER...] and RFC822.HEADER are headers alone. Not
    BODY[1], BODY[TEXT], other sections or partial ranges BODY[]<0>.
    A synchronizing literal is taken to follow its announcement: the
    server refuses none in the captures."""
    out = []
    for side in (CLIENT, SERVER):
        said = Said(conv, side)
        pos = 0
        for unit in imap_units(said.data):
            texts, literals = unit[0::2], unit[1::2]
            words = texts[0].split()
            starts = []
            for part in unit:
                starts.append(pos)
                pos += len(part)
            if side == CLIENT and len(words) >= 2 and words[1].upper() == b"APPEND":
                # tag APPEND mailbox [flags] [date] literal: the mailbox may be a literal too
                for k, lit in enumerate(literals):
                    if k > 0 or len(words) > 3:
                        out.append(Message("APPEND", lit, said.chunk_of(starts[2 * k + 1])))
            elif side == SERVER and len(words) >= 3 and words[0] == b"*" and words[2].upper() == b"FETCH":
                for k, lit in enumerate(literals):
                    m = FETCH_ITEM.search(texts[k])
                    item = m.group(1).upper() if m else b""
                    at = said.chunk_of(starts[2 * k + 1])
                    if item in (b"BODY[]", b"RFC822"):
                        out.append(Message("FETCH " + item.decode(), lit, at))
                    elif item == b"RFC822.HEADER" or item.startswith(b"BODY[HEADER"):
                        out.append(Message("FETCH " + item.decode(), lit, at, whole=False))
    return sorted(out, key=lambda m: m.chunk)


SPLITTERS = {"smtp": smtp_messages, "pop3": pop3_messages, "imap": imap_messages}


def messages_in(ts, capture):
    """The Messages of a capture, in capture order (frame order where the
    chunks are matched to frames, else stream by stream)."""
    split = SPLITTERS[capture.split("-")[0]]
    found = []
    for n, conv in sorted(conversations(ts, capture).items()):
        for m in split(conv):
            m.stream, m.frame = n, conv[m.chunk][2]
            found.append(m)
    if all(m.frame is not None for m in found):
        found.sort(key=lambda m: m.frame)
    return found


# ---- what Python's email package finds ----

def expected_leaves(msg):
    """python_leaves(msg) (test_mime.py), with two readings a teacher gives
    where Python's API says nothing:
    - a text part without a charset parameter is us-ascii (RFC 2046 4.1.2;
      Python's own get_content() decodes it as ASCII, but
      get_content_charset() answers None for a parameter not stated);
    - a multipart whose delimiters are not in the text (a header alone, a
      message cut short by TOP) has no parts: Python keeps its text as one
      string payload (with a StartBoundaryNotFoundDefect) and
      python_leaves() would report the multipart/... itself as a leaf.
    Parts of a message cut short are the ones whose header is there (TOP
    1 0 of a text/plain message: part 1, with an empty body)."""
    out = []
    for path, ctype, charset, cte, filename in python_leaves(msg):
        if ctype.startswith("multipart/"):
            continue
        if charset is None and ctype.startswith("text/"):
            charset = "us-ascii"
        out.append((path, ctype, charset, cte, filename))
    return out


def expected_subjects(msg):
    """The decoded Subject of the message and of every message/rfc822 in
    it, in the order they come: mailteach shows both."""
    out = [str(msg["subject"])] if msg["subject"] is not None else []

    def inside(part):
        if part.get_content_type() == "message/rfc822" and part.is_multipart():
            return sum((expected_subjects(m) for m in part.get_payload()), [])
        if part.is_multipart():
            return sum((inside(p) for p in part.get_payload()), [])
        return []
    return out + inside(msg)


# ---- what mailteach shows ----

def stream_of(frame):
    tcp = frame.layers.get("tcp")
    return int(tcp["tcp.stream"]) if isinstance(tcp, dict) and "tcp.stream" in tcp else None


def mt_subjects(frames):
    return [ln.first(M + "subject") for n in sorted(frames) for ln in frames[n].lines if ln.has(M + "subject")]


def mail_captures(ts):
    """every capture of a mail protocol: smtp-*, pop3-*, imap-* (not other-*)"""
    return sorted(f for f in os.listdir(ts.captures)
                  if f.endswith((".pcapng", ".pcap")) and f.split("-")[0] in SPLITTERS)


class EveryMessage(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        cls.names = mail_captures(cls.ts)
        if len(cls.names) < 30:
            raise AssertionError("expected the bundled captures, found %r" % cls.names)
        cls.found = {name: messages_in(cls.ts, name) for name in cls.names}

    def describe(self, messages):
        return "".join("\n  stream %d frame %s: %r, Subject %r" % (m.stream, m.frame, m, m.msg["subject"])
                       for m in messages)

    def compare(self, expected_of, shown_by):
        """For every capture, on one pass and on two: what shown_by(frames)
        finds in mailteach's tree is expected_of(message) for the messages
        found, stream by stream and for the whole capture."""
        for name in self.names:
            messages = self.found[name]
            for label, frames in (("one pass", self.ts.frames(name)), ("two passes", self.ts.frames(name, True))):
                with self.subTest(capture=name, passes=label):
                    streams = {m.stream for m in messages} | {stream_of(f) for f in frames.values()}
                    for n in sorted(streams - {None}):
                        theirs = [m for m in messages if m.stream == n]
                        mine = {k: f for k, f in frames.items() if stream_of(f) == n}
                        self.assertEqual(shown_by(mine), [x for m in theirs for x in expected_of(m.msg)],
                                         "stream %d, messages found:%s\nmailteach:%s"
                                         % (n, self.describe(theirs), "".join(
                                             "\n  frame %d: %r" % (k, x) for k in sorted(mine)
                                             for x in shown_by({k: mine[k]}))))
                    self.assertEqual(shown_by(frames), [x for m in messages for x in expected_of(m.msg)],
                                     "the whole capture, in capture order")

    def test_messages_found(self):
        """the splitters themselves: the messages each capture is known to carry"""
        for name in self.names:
            with self.subTest(capture=name):
                found = self.found[name]
                counts = (sum(m.whole for m in found), sum(not m.whole for m in found))
                self.assertEqual(counts, MESSAGES.get(name, (0, 0)), self.describe(found))
                for m in found:
                    # a message starts with a header field, and Python finds no
                    # line in its header that is not one
                    self.assertRegex(m.data, rb"^[!-9;-~]+:", m)
                    self.assertFalse([d for d in m.msg.defects if isinstance(
                        d, (email.errors.MissingHeaderBodySeparatorDefect,
                            email.errors.InvalidHeaderDefect))], m)

    def test_same_leaves_as_python(self):
        self.compare(expected_leaves, mt_leaves)

    def test_same_subjects_as_python(self):
        self.compare(expected_subjects, mt_subjects)


if __name__ == "__main__":
    unittest.main(verbosity=2)
