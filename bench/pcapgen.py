# pcapgen.py - write TCP sessions to pcap files, read pcap files back
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# For the hostile captures (bench/hostile.py) and the large benchmark
# capture (bench/make_bench.py): Ethernet + IPv4 + TCP, classic pcap with
# microsecond timestamps, written in a stream so that captures of millions
# of packets take little memory. Only the standard library.

import struct

LINKTYPE_ETHERNET = 1
MSS = 1460


def _csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ip_bytes(ip):
    return bytes(int(x) for x in ip.split("."))


class PcapWriter:
    """A classic pcap file, one packet at a time."""

    def __init__(self, path, snaplen=262144):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, LINKTYPE_ETHERNET))
        self.usec = 1_700_000_000 * 1_000_000
        self.packets = 0
        self.bytes = 24

    def write(self, frame, usec=None):
        if usec is None:
            self.usec += 10
            usec = self.usec
        hdr = struct.pack("<IIII", usec // 1_000_000, usec % 1_000_000, len(frame), len(frame))
        self.f.write(hdr)
        self.f.write(frame)
        self.packets += 1
        self.bytes += 16 + len(frame)

    def close(self):
        self.f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def tcp_frame(src, dst, sport, dport, seq, ack, flags, payload=b"", ip_id=0):
    """Ethernet + IPv4 (with its checksum) + TCP (checksum left 0: Wireshark
    does not check it by default)."""
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                      5 << 4, flags, 65535, 0, 0)
    total = 20 + len(tcp) + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ip_id & 0xffff, 0x4000, 64, 6, 0,
                     ip_bytes(src), ip_bytes(dst))
    ip = ip[:10] + struct.pack("!H", _csum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"
    return eth + ip + tcp + payload


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
CLIENT, SERVER = 0, 1


class TcpSession:
    """One TCP connection: a handshake, data both ways, a close. Each side's
    sequence number is tracked; every data segment acks the other side."""

    def __init__(self, w, client_ip, client_port, server_ip, server_port, isn=(1000, 5000)):
        self.w = w
        self.ends = ((client_ip, client_port), (server_ip, server_port))
        self.seq = [isn[0], isn[1]]
        self.ip_id = 0

    def packet(self, side, flags, payload=b"", seq=None):
        (src, sport), (dst, dport) = self.ends[side], self.ends[1 - side]
        self.ip_id += 1
        self.w.write(tcp_frame(src, dst, sport, dport, self.seq[side] if seq is None else seq,
                               self.seq[1 - side], flags, payload, self.ip_id))

    def handshake(self):
        self.packet(CLIENT, SYN)
        self.seq[CLIENT] += 1
        self.packet(SERVER, SYN | ACK)
        self.seq[SERVER] += 1
        self.packet(CLIENT, ACK)

    def send(self, side, data, mss=MSS, ack_every=0):
        """data in segments of at most mss bytes; with ack_every=n the other
        side sends a bare ACK after every n segments."""
        n = 0
        for i in range(0, len(data), mss):
            seg = data[i:i + mss]
            self.packet(side, PSH | ACK, seg)
            self.seq[side] += len(seg)
            n += 1
            if ack_every and n % ack_every == 0:
                self.packet(1 - side, ACK)

    def segment_at(self, side, offset, data):
        """A segment at a given offset from the current sequence number,
        which does not move (retransmissions, overlaps, out of order)."""
        self.packet(side, PSH | ACK, data, seq=self.seq[side] + offset)

    def advance(self, side, n):
        self.seq[side] += n

    def close(self):
        self.packet(CLIENT, FIN | ACK)
        self.seq[CLIENT] += 1
        self.packet(SERVER, FIN | ACK)
        self.seq[SERVER] += 1
        self.packet(CLIENT, ACK)


def read_pcap(path):
    """Yield (usec, frame bytes) from a classic pcap (microseconds or
    nanoseconds, either byte order)."""
    with open(path, "rb") as f:
        head = f.read(24)
        magic = struct.unpack("<I", head[:4])[0]
        if magic in (0xa1b2c3d4, 0xa1b23c4d):
            endian = "<"
        else:
            endian = ">"
            magic = struct.unpack(">I", head[:4])[0]
        nano = magic == 0xa1b23c4d
        rec = struct.Struct(endian + "IIII")
        while True:
            h = f.read(16)
            if len(h) < 16:
                return
            sec, frac, incl, _ = rec.unpack(h)
            data = f.read(incl)
            yield sec * 1_000_000 + (frac // 1000 if nano else frac), data


def pcapng_blocks(path):
    """Yield (block type, body, byte order) of every block of a pcapng file."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    endian = "<"
    while pos + 12 <= len(data):
        btype = struct.unpack(endian + "I", data[pos:pos + 4])[0]
        if btype == 0x0A0D0D0A:             # section header: its byte order
            bom = data[pos + 8:pos + 12]
            endian = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
        blen = struct.unpack(endian + "I", data[pos + 4:pos + 8])[0]
        if blen < 12:
            return
        yield btype, data[pos + 8:pos + blen - 4], endian
        pos += blen


def read_pcapng(path):
    """Yield (0, frame bytes) from the Enhanced and Simple Packet Blocks
    of a pcapng file (timestamps are not needed by the callers)."""
    for btype, body, endian in pcapng_blocks(path):
        if btype == 6:                      # Enhanced Packet Block
            caplen = struct.unpack(endian + "I", body[12:16])[0]
            yield 0, body[20:20 + caplen]
        elif btype == 3:                    # Simple Packet Block
            caplen = struct.unpack(endian + "I", body[0:4])[0]
            yield 0, body[4:4 + min(caplen, len(body) - 4)]


def pcapng_tls_keys(path):
    """The TLS key log held in a pcapng's Decryption Secrets Blocks."""
    keys = b""
    for btype, body, endian in pcapng_blocks(path):
        if btype == 0x0A:
            stype, slen = struct.unpack(endian + "II", body[:8])
            if stype == 0x544c534b:         # "TLSK": NSS key log
                keys += body[8:8 + slen]
    return keys


def read_capture(path):
    """pcap or pcapng, whichever path is."""
    with open(path, "rb") as f:
        magic = f.read(4)
    return read_pcapng(path) if magic == b"\x0a\x0d\x0d\x0a" else read_pcap(path)


def strip_secrets(src, dst):
    """Copy a pcapng without its Decryption Secrets Blocks; returns the TLS
    key log they held. (editcap 4.0 cannot rewrite a pcapng that has one:
    "can't be written as a pcapng file"; --inject-secrets puts them back.)"""
    keys = pcapng_tls_keys(src)
    with open(src, "rb") as f:
        data = f.read()
    out = bytearray()
    pos = 0
    endian = "<"
    while pos + 8 <= len(data):
        btype = struct.unpack(endian + "I", data[pos:pos + 4])[0]
        if btype == 0x0A0D0D0A:
            endian = "<" if data[pos + 8:pos + 12] == b"\x4d\x3c\x2b\x1a" else ">"
        blen = struct.unpack(endian + "I", data[pos + 4:pos + 8])[0]
        if blen < 12:
            break
        if btype != 0x0A:
            out += data[pos:pos + blen]
        pos += blen
    with open(dst, "wb") as f:
        f.write(out)
    return keys
