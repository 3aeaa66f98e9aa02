#!/usr/bin/env python3
# Hand-made captures for malformed and adversarial cases, labelled so.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Real servers do not send these bytes, so they are written here, one TCP
# segment per entry, and turned into pcapng by text2pcap (-D: "I" lines go
# client to server, "O" lines server to client; TCP sequence numbers are
# tracked per direction). Every file made here is named *-handmade-*.
#   python3 captures/handmade/make_handmade.py [OUTDIR]

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(HERE)

C, S = "I", "O"

# A server that breaks the reply syntax, on the standard port (Wireshark's
# own SMTP dissector runs first).
MALFORMED_REPLIES = [
    (S, b"220 mx.example.test ESMTP handmade\r\n"),
    (C, b"EHLO client.example.test\r\n"),
    # a multi-line reply whose lines disagree, split inside its CRLF
    (S, b"250-mx.example.test\r"),
    (S, b"\n251 PIPELINING\r\n"),
    (C, b"MAIL FROM:<a@example.test>\r\n"),
    (S, b"250 ok\r\n"),
    # not a reply line at all, then a code with the wrong separator
    (S, b"OK fine\r\n"),
    (S, b"2500 too many digits\r\n"),
    (C, b"RCPT TO:<b@example.test>\r\n"),
    # enhanced status class that contradicts the code
    (S, b"250 5.1.1 that is not a success code\r\n"),
    # a reply nobody asked for, with a code no standard defines
    (S, b"299 unsolicited and unknown\r\n"),
    (C, b"DATA\r\n"),
    (S, b"354 go ahead\r\n"),
    # message text with a lone CR, binary bytes and an unstuffed dot line
    (C, b"Subject: odd\r\n\r\nline with a lone \r CR\r\n\x00\x01\x02\xff\xfe binary\r\n.unstuffed\r\n.\r\n"),
    (S, b"250 queued\r\n"),
    # a command line of 70 000 octets, longer than mailteach keeps across segments
    (C, b"NOOP " + b"y" * 35000),
    (C, b"y" * 35000 + b"\r\n"),
    (S, b"500 5.5.0 line too long\r\n"),
    (C, b"QUIT\r\n"),
    (S, b"221 bye\r\n"),
]

# Random bytes both ways on the SMTP port: nothing may crash and nothing
# malformed may be caused by mailteach.
def random_bytes():
    import random
    rnd = random.Random(20261123)
    segs = []
    for i in range(40):
        n = rnd.randrange(1, 1400)
        segs.append((S if i % 2 else C, bytes(rnd.randrange(256) for _ in range(n))))
    return segs


FILES = {
    "smtp-handmade-malformed-replies.pcapng": (MALFORMED_REPLIES, "40001,25"),
    "smtp-handmade-random-bytes.pcapng": (random_bytes(), "40002,25"),
}


def write(name, segments, ports):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as t:
        for i, (direction, data) in enumerate(segments):
            t.write("%s\n" % direction)
            for off in range(0, len(data), 16):
                chunk = data[off:off + 16]
                t.write("%06x %s\n" % (off, " ".join("%02x" % b for b in chunk)))
            t.write("\n")
        txt = t.name
    out = os.path.join(OUT, name)
    subprocess.run(["text2pcap", "-q", "-D", "-4", "192.0.2.10,192.0.2.25",
                    "-T", ports, txt, out], check=True)
    os.unlink(txt)
    print("wrote", out)


# Cut from a real capture: the session seen from the middle of a message.
CUTS = {
    "smtp-cut-midsession.pcapng": ("smtp-swaks-plain.pcapng", "15-21"),
}


def cut(name, source, frames):
    out = os.path.join(OUT, name)
    subprocess.run(["editcap", "-r", os.path.join(OUT, source), out, frames], check=True)
    print("wrote", out)


if __name__ == "__main__":
    for name, (segments, ports) in FILES.items():
        write(name, segments, ports)
    for name, (source, frames) in CUTS.items():
        cut(name, source, frames)
