#!/usr/bin/env python3
# Seeds and dictionaries for the fuzz targets, from the real captures.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   python3 fuzz/make_seeds.py OUTDIR [--dictgen build/fuzz/mt_fuzz_dict]
#
# reads every captures/*.pcapng with tshark (no plugin needed) and writes
#   OUTDIR/fuzz_session_{smtp,pop3,imap}/  each TCP session in the segment
#       form of fuzz/mt_fuzz.h, once as captured and once cut again at
#       pseudo-random points; TLS sessions with their decrypted text after
#       the STARTTLS (the capture carries its secrets)
#   OUTDIR/fuzz_session_cuts/  the same sessions after a protocol byte
#   OUTDIR/fuzz_lines/     each direction of each session as one stream
#   OUTDIR/fuzz_detect/    the first bytes each side sent
#   OUTDIR/fuzz_catalog/   the words that start lines and the bracketed
#       response codes, one per file
#   OUTDIR/fuzz_text/      lines that hold control or 8-bit bytes
#   OUTDIR/<target>.dict   libFuzzer dictionaries: words seen in the
#       captures plus, with --dictgen, every name the catalogs know
# Files are named by content, so running it again changes nothing.

import argparse
import hashlib
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
SEG_MAX = 16383
PROTOS = ("smtp", "pop3", "imap")


def tshark(args):
    p = subprocess.run(["tshark"] + args, capture_output=True, check=True)
    return p.stdout.decode("ascii", "replace")


def tcp_sessions(path):
    """{stream: {"server": port or None, "segs": [(is_server, bytes)]}}"""
    out = tshark(["-r", path, "-T", "fields", "-e", "tcp.stream", "-e", "tcp.srcport",
                  "-e", "tcp.dstport", "-e", "tcp.flags.syn", "-e", "tcp.flags.ack",
                  "-e", "tcp.analysis.retransmission", "-e", "tcp.payload",
                  "-o", "tcp.analyze_sequence_numbers:TRUE"])
    sessions = {}
    for row in out.splitlines():
        f = row.split("\t")
        if len(f) < 7 or not f[0]:
            continue
        stream, sport, dport = int(f[0]), int(f[1]), int(f[2])
        s = sessions.setdefault(stream, {"server": None, "ports": (sport, dport), "segs": []})
        if f[3] == "1" and f[4] == "0":
            s["server"] = dport
        if f[5] or not f[6]:
            continue
        s["segs"].append((sport, bytes.fromhex(f[6])))
    for s in sessions.values():
        server = s["server"] if s["server"] is not None else min(s["ports"])
        s["server"] = server
        s["segs"] = [(port == server, data) for port, data in s["segs"]]
    return sessions


def tls_text(path, stream, server_port):
    """Decrypted segments of a TLS stream: [(is_server, bytes)]"""
    out = tshark(["-r", path, "-q", "-z", "follow,tls,raw,%d" % stream])
    node0_server = None
    segs = []
    for line in out.splitlines():
        m = re.match(r"Node 0: .*:(\d+)$", line)
        if m:
            node0_server = int(m.group(1)) == server_port
            continue
        hexpart = line.strip()
        if node0_server is None or not re.fullmatch(r"[0-9a-f]+", hexpart or "x"):
            continue
        indented = line.startswith("\t")
        segs.append((node0_server != indented, bytes.fromhex(hexpart)))
    return segs


def with_tls_text(path, stream, session):
    """The plain part up to the TLS handshake, then the decrypted text."""
    segs = session["segs"]
    for i, (_, data) in enumerate(segs):
        if data[:2] == b"\x16\x03":
            text = tls_text(path, stream, session["server"])
            return segs[:i] + text if text else None
    return None


def encode(segs, rnd=None):
    """The segment form of mt_fuzz.h; with rnd, cut again at random."""
    out = bytearray()
    for is_server, data in segs:
        pieces = []
        if rnd is None:
            pieces = [data[i:i + SEG_MAX] for i in range(0, len(data), SEG_MAX)]
        else:
            i = 0
            while i < len(data):
                n = min(rnd.choice((1, 2, 3, 7, 40, 200, SEG_MAX)), len(data) - i)
                pieces.append(data[i:i + n])
                i += n
        for k, p in enumerate(pieces):
            c0 = (0x80 if is_server else 0) | (0x40 if k > 0 else 0) | (len(p) >> 8)
            out += bytes((c0, len(p) & 0xff)) + p
    return bytes(out)


SASL_MECHS = [b"PLAIN", b"LOGIN", b"CRAM-MD5", b"DIGEST-MD5", b"SCRAM-SHA-1", b"SCRAM-SHA-256",
              b"XOAUTH2", b"OAUTHBEARER", b"EXTERNAL", b"ANONYMOUS", b"NTLM", b"GSSAPI"]
B64_LINE = re.compile(rb"^(?:334 |\+ ?)?([A-Za-z0-9+/=]*)\r?$")


def sasl_seed(segs, proto):
    """fuzz_sasl's form of a session's login: the mechanism AUTH names,
    then its challenges and answers, Base64 only."""
    client = b"".join(d for srv, d in segs if not srv)
    m = re.search(rb"AUTH(?:ENTICATE)? ([A-Z0-9-]+)", client, re.I)
    if not m or m.group(1).upper() not in SASL_MECHS:
        return None
    msgs = []
    for srv, data in segs:
        for line in data.split(b"\n"):
            b = B64_LINE.match(line)
            if b and b.group(1) and len(b.group(1)) < 4000:
                msgs.append((srv, b.group(1)))
    if not msgs:
        return None
    head = bytes((SASL_MECHS.index(m.group(1).upper()),
                  {"smtp": 0, "pop3": 1, "imap": 2}.get(proto, 0)))
    return head + encode(msgs)


def save(folder, data, limit=None):
    if limit is not None:
        data = data[:limit]
    if not data:
        return
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


WORD = re.compile(rb"[A-Za-z0-9$\\][A-Za-z0-9$\\._/=+-]{1,39}")


def words_of(stream):
    """First words of lines, words in [] and (), capability-like words."""
    found = set()
    for line in stream.split(b"\n"):
        line = line.rstrip(b"\r")
        parts = line.split(b" ")
        for p in parts[:3]:
            m = WORD.fullmatch(p.strip(b"()[]:<>"))
            if m:
                found.add(m.group(0))
        for m in re.finditer(rb"[\[(]([^\])]{1,60})[\])]", line):
            for w in m.group(1).split(b" "):
                if WORD.fullmatch(w):
                    found.add(w)
    return found


def dict_line(word):
    s = "".join(chr(b) if 0x20 <= b < 0x7f and b not in (0x22, 0x5c) else "\\x%02x" % b
                for b in word)
    return '"%s"\n' % s


# Tokens of the protocols' syntax that words alone do not give.
SYNTAX = [b"\r\n", b"\n", b"\r\n.\r\n", b"\r\n\r\n", b".\r\n", b"..", b" ", b"-", b":",
          b"<>", b"<", b">", b"@", b"=", b"{", b"}", b"}\r\n", b"{0}\r\n", b"{4294967295}",
          b"{99999999999999999999}", b"+ ", b"* ", b"a1 ", b"(", b")", b"[", b"]", b"\"",
          b"\\", b"NIL", b"+OK ", b"-ERR ", b"334 ", b"250-", b"250 ", b"354 ", b"220 ",
          b"\x00", b"\x08", b"\x7f", b"\xff", b"\xc3\xa9", b"=?UTF-8?B?", b"?=",
          b"boundary=", b"Content-Type: multipart/mixed; ", b"--", b"BODY[", b"BODY.PEEK[",
          b"BODYSTRUCTURE", b"LITERAL+", b"BDAT 10 LAST\r\n", b"AUTH LOGIN\r\n",
          b"AUTH PLAIN ", b"STARTTLS\r\n", b"STLS\r\n", b"dGVzdA==", b"=", b"=="]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--captures", default=os.path.join(SOURCE, "captures"))
    ap.add_argument("--dictgen", help="mt_fuzz_dict: prints every name the catalogs know")
    args = ap.parse_args()
    out = args.outdir
    rnd = random.Random(20240611)
    words = {p: set() for p in PROTOS}
    all_words = set()
    odd_lines = set()

    for name in sorted(os.listdir(args.captures)):
        if not name.endswith((".pcapng", ".pcap")):
            continue
        path = os.path.join(args.captures, name)
        proto = name.split("-")[0]
        for stream, s in sorted(tcp_sessions(path).items()):
            if not s["segs"]:
                continue
            variants = [s["segs"]]
            decrypted = with_tls_text(path, stream, s)
            if decrypted:
                variants.append(decrypted)
            targets = ["fuzz_session_" + proto] if proto in PROTOS else \
                ["fuzz_session_" + p for p in PROTOS]
            for segs in variants:
                for t in targets:
                    save(os.path.join(out, t), encode(segs))
                    save(os.path.join(out, t), encode(segs, rnd))
                    # fuzz_session_cuts: a byte choosing the protocol first
                    index = bytes((PROTOS.index(t.rsplit("_", 1)[1]),))
                    save(os.path.join(out, "fuzz_session_cuts"), index + encode(segs))
                sasl = sasl_seed(segs, proto)
                if sasl:
                    save(os.path.join(out, "fuzz_sasl"), sasl)
                for side in (False, True):
                    stream_bytes = b"".join(d for srv, d in segs if srv == side)
                    seed = bytes((rnd.randrange(256), rnd.randrange(256)))
                    save(os.path.join(out, "fuzz_lines"), seed + stream_bytes, 1 << 16)
                    save(os.path.join(out, "fuzz_detect"), stream_bytes, 600)
                    for line in stream_bytes.split(b"\n"):
                        if re.search(rb"[\x00-\x08\x0b-\x1f\x7f-\xff]", line):
                            odd_lines.add(line[:400])
                    w = words_of(stream_bytes)
                    all_words |= w
                    for p in (PROTOS if proto not in PROTOS else (proto,)):
                        words[p] |= w
    for w in sorted(all_words):
        save(os.path.join(out, "fuzz_catalog"), w)
    # most come from the random-bytes captures: a sample is enough
    for line in random.Random(7).sample(sorted(odd_lines), min(100, len(odd_lines))):
        save(os.path.join(out, "fuzz_text"), line)

    catalog = []
    if args.dictgen:
        gen = subprocess.run([args.dictgen], capture_output=True, check=True).stdout
        catalog = [w for w in gen.split(b"\n") if w]
    for w in catalog:
        save(os.path.join(out, "fuzz_catalog"), w)
    base = set(SYNTAX) | set(catalog)
    dicts = {"fuzz_session_" + p: base | words[p] for p in PROTOS}
    dicts["fuzz_session_cuts"] = base | words["smtp"] | words["pop3"] | words["imap"]
    dicts["fuzz_lines"] = set(SYNTAX)
    dicts["fuzz_detect"] = base | all_words
    dicts["fuzz_catalog"] = set(catalog) | all_words
    dicts["fuzz_text"] = set(SYNTAX)
    for target, ws in dicts.items():
        with open(os.path.join(out, target + ".dict"), "w") as f:
            f.write("# generated by fuzz/make_seeds.py from captures/ and the catalogs\n")
            for w in sorted(ws):
                if 0 < len(w) <= 64:
                    f.write(dict_line(w))
    counts = {t: len(os.listdir(os.path.join(out, t)))
              for t in sorted(os.listdir(out)) if os.path.isdir(os.path.join(out, t))}
    print("seeds: " + ", ".join("%s %d" % kv for kv in counts.items()))


if __name__ == "__main__":
    sys.exit(main())
