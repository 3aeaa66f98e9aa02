#!/usr/bin/env python3
# The benchmark capture: thousands of copies of the real mail sessions.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   python3 bench/make_bench.py OUT.pcapng [--packets 1000000] [--sessions N]
#
# Takes every SMTP, POP3 and IMAP capture in captures/ (the hand-made ones
# aside), gives each copy of each TCP session its own client address and
# port (10.1.x.y, the server stays 10.0.0.1 on its own port, so standard
# and classroom ports keep their meaning), and interleaves 32 sessions at
# a time, as a busy lab network would. Copies are added until the capture
# holds at least --packets packets (or exactly --sessions sessions, which
# is how bench.py makes the capture with half the sessions). The TLS keys
# of the captures are injected, so STARTTLS sessions are decrypted as in
# the originals. Prints the number of packets, sessions and bytes, and
# writes the number of sessions to OUT.sessions.

import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from pcapgen import PcapWriter, read_capture, pcapng_tls_keys, ip_bytes, _csum  # noqa: E402

SERVER_IP = ip_bytes("10.0.0.1")
CONCURRENT = 32


def load_sessions(captures):
    """[(name, [(is_client, frame bytes, ip header offset)])], one per TCP
    session, and the TLS keys of all captures."""
    sessions = []
    keys = []
    names = sorted(n for n in os.listdir(captures)
                   if re.match(r"(smtp|pop3|imap)-", n) and "handmade" not in n and n.endswith(".pcapng"))
    for n in names:
        src = os.path.join(captures, n)
        if src.endswith(".pcapng"):
            keys.append(pcapng_tls_keys(src).decode("ascii", "replace"))
        streams = {}
        servers = {}
        for _, frame in read_capture(src):
            if len(frame) < 54 or frame[12:14] != b"\x08\x00" or frame[23] != 6:
                continue
            ihl = (frame[14] & 0x0f) * 4
            sport, dport = struct.unpack("!HH", frame[14 + ihl:18 + ihl])
            flags = frame[14 + ihl + 13]
            key = (min(sport, dport), max(sport, dport))
            if flags & 0x12 == 0x02:        # SYN without ACK: dport is the server
                servers[key] = dport
            streams.setdefault(key, []).append((sport, frame))
        for key, pkts in streams.items():
            server = servers.get(key, key[0])
            sessions.append((n, [(sport != server, frame) for sport, frame in pkts]))
    return sessions, "".join(keys)


def rewrite(frame, is_client, client_ip, client_port):
    """The same packet between client_ip:client_port and the server."""
    f = bytearray(frame)
    ihl = (f[14] & 0x0f) * 4
    src, dst = (client_ip, SERVER_IP) if is_client else (SERVER_IP, client_ip)
    f[26:30], f[30:34] = src, dst
    f[24:26] = b"\0\0"
    f[24:26] = struct.pack("!H", _csum(bytes(f[14:14 + ihl])))
    t = 14 + ihl
    if is_client:
        f[t:t + 2] = struct.pack("!H", client_port)
    else:
        f[t + 2:t + 4] = struct.pack("!H", client_port)
    return bytes(f)


def build(out_pcap, sessions, want_packets, want_sessions):
    """Write copies round-robin, CONCURRENT sessions interleaved."""
    copies = 0
    total_sessions = 0
    with PcapWriter(out_pcap) as w:
        def session_iter(k):
            name, pkts = sessions[k % len(sessions)]
            copy = k // len(sessions)
            ip = bytes((10, 1 + copy // 250, copy % 250 + 1, 2 + (k % len(sessions)) % 250))
            port = 20000 + (k % len(sessions)) * 7 % 40000
            for is_client, frame in pkts:
                yield rewrite(frame, is_client, ip, port)

        k = 0
        started = 0     # packets of the sessions started so far: all get written
        active = []

        def more():
            if want_sessions is not None:
                return k < want_sessions
            return started < want_packets

        def start():
            nonlocal k, started
            started += len(sessions[k % len(sessions)][1])
            it = session_iter(k)
            k += 1
            return it

        while len(active) < CONCURRENT and more():
            active.append(start())
        i = 0
        while active:
            i %= len(active)
            frame = next(active[i], None)
            if frame is None:
                if more():
                    active[i] = start()
                else:
                    active.pop(i)
                continue
            w.write(frame)
            i += 1
        total_sessions = k
        copies = k / len(sessions)
        return w.packets, total_sessions, copies


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--packets", type=int, default=1_000_000)
    ap.add_argument("--sessions", type=int)
    ap.add_argument("--captures", default=os.path.join(SOURCE, "captures"))
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="mailteach-bench-")
    try:
        sessions, keys = load_sessions(args.captures)
        raw = os.path.join(tmp, "bench.pcap")
        packets, nsess, copies = build(raw, sessions, args.packets, args.sessions)
        keyfile = os.path.join(tmp, "keys.txt")
        with open(keyfile, "w") as f:
            f.write(keys)
        if keys.strip():
            subprocess.run(["editcap", "--inject-secrets", "tls," + keyfile, raw, args.out],
                           check=True, capture_output=True)
        else:
            subprocess.run(["editcap", "-F", "pcapng", raw, args.out], check=True, capture_output=True)
        with open(args.out + ".sessions", "w") as f:
            f.write("%d\n" % nsess)
        print("%s: %d packets, %d sessions (%.1f copies of %d sessions), %d bytes"
              % (args.out, packets, nsess, copies, len(sessions), os.path.getsize(args.out)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
