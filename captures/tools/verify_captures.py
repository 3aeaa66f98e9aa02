#!/usr/bin/python3
"""Check the regenerated captures with tshark (run by make-captures.sh).

    verify_captures.py CAPTURE_DIR [NAME ...]

For each capture: the expected number of TCP conversations, a SYN at the
start and a FIN from the server, a frame count in a sane range, the TLS
ones decrypt with their embedded secrets, and scenario-specific facts
(pipelined commands in one segment, one byte per segment, split replies,
the key command/reply lines). For the other-* (non-mail) captures also who
speaks first and how the first payload starts, the FTP data connection, and
the exact seeded random payloads. Prints one line per file; exit status 1 if
anything is off.
"""

import os
import subprocess
import sys

from other_servers import (NNTP_CAPABILITIES, NNTP_GREETING, RANDOM_CLIENT_LEN, RANDOM_SEED_CLIENT,
                           RANDOM_SEED_SERVER, RANDOM_SERVER_LEN, random_payload)


def tshark(path, *args):
    return subprocess.run(["tshark", "-r", path, *args], check=True,
                          capture_output=True, text=True).stdout


def segments(path):
    """[(frame, client_to_server, payload bytes, flags)] for every frame."""
    out = []
    text = tshark(path, "-T", "fields", "-E", "separator=\t",
                  "-e", "frame.number", "-e", "tcp.srcport", "-e", "tcp.dstport",
                  "-e", "tcp.payload", "-e", "tcp.flags.syn", "-e", "tcp.flags.fin",
                  "-e", "tcp.flags.reset", "-e", "tcp.stream")
    for line in text.splitlines():
        f = (line.split("\t") + [""] * 8)[:8]
        data = bytes.fromhex(f[3].replace(":", "")) if f[3] else b""
        flags = {n for n, v in zip(("SYN", "FIN", "RST"), f[4:7]) if v in ("1", "True")}
        out.append((int(f[0]), int(f[1]) > int(f[2]), data, flags, int(f[7])))
    return out


def stream_server_ports(path):
    """{tcp.stream: server port (the lower of the two ports)}."""
    out = {}
    for line in tshark(path, "-T", "fields", "-E", "separator=\t", "-e", "tcp.stream",
                       "-e", "tcp.srcport", "-e", "tcp.dstport").splitlines():
        st, a, b = line.split("\t")
        out[int(st)] = min(int(a), int(b))
    return out


def stream_bytes(segs, to_server):
    return b"".join(d for _, c, d, _, _ in segs if c == to_server)


def field_values(path, display_filter, field):
    return [v for v in tshark(path, "-Y", display_filter, "-T", "fields", "-e", field).splitlines() if v]


# name -> (conversations, client bytes that must appear, server bytes that must appear)
EXPECT = {
    "smtp-swaks-plain": (1, [b"EHLO ", b"MAIL FROM:", b"RCPT TO:", b"DATA\r\n", b"\r\n.\r\n", b"QUIT"],
                         [b"250-PIPELINING", b"354 ", b"250 2.0.0 Ok: queued", b"221 "]),
    "smtp-curl-send": (1, [b"MAIL FROM:<student@mail.example.test> SIZE=", b"Subject: Sent with curl"],
                       [b"354 ", b"queued as"]),
    "smtp-python-smtplib": (1, [b"vrfy student", b"expn student", b"help\r\n", b"noop\r\n", b"rset\r\n",
                                b"\r\n..hidden", b"\r\n...line", b"\r\n..\r\n"],
                            [b"252 2.0.0 student", b"550 5.1.1 <nosuchuser@", b"500 5.5.2"]),
    "smtp-errors": (1, [b"FOO bar", b"MAIL\r\n", b"BOGUS=1"],
                    [b"500 5.5.2", b"503 5.5.1 Error: send HELO/EHLO first", b"503 5.5.1 Error: need MAIL command",
                     b"503 5.5.1 Error: need RCPT command", b"501 5.5.4", b"501 5.1.7", b"555 5.5.4",
                     b"550 5.1.1", b"221 2.0.0 Bye"]),
    "smtp-pipelining": (1, [b"MAIL FROM:<student@mail.example.test>\r\nRCPT TO:<student@mail.example.test>\r\n"
                            b"RCPT TO:<teacher@mail.example.test>\r\nDATA\r\n"],
                        [b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n354 "]),
    "smtp-data-refused": (1, [b"RSET\r\n", b"NOOP\r\n"], [b"554 5.5.1 Error: no valid recipients"]),
    "smtp-keystroke": (1, [b"MAIL FROM:<studnet\x08\x08\x08ent@mail.example.test>"], [b"354 ", b"221 "]),
    "smtp-port2525": (1, [b"EHLO ", b"DATA\r\n"], [b"354 ", b"221 "]),
    "smtp-submission-587": (1, [b"AUTH PLAIN AHN0dWRlbnQAc2VjcmV0"], [b"235 2.7.0"]),
    "smtp-auth-login": (1, [b"AUTH LOGIN\r\n", b"c3R1ZGVudA==\r\n", b"*\r\n", b"c2VjcmV0\r\n"],
                        [b"334 VXNlcm5hbWU6", b"334 UGFzc3dvcmQ6", b"535 5.7.8", b"501 5.7.0", b"235 2.7.0"]),
    "smtp-auth-mechanisms": (4, [b"AUTH CRAM-MD5\r\n", b"AUTH SCRAM-SHA-1\r\n", b"AUTH SCRAM-SHA-256\r\n",
                                 b"AUTH PLAIN\r\n", b"AUTH LOGIN c3R1ZGVudA==\r\n"],
                             [b"334 PD", b"535 5.7.8", b"235 2.7.0"]),
    "smtp-starttls": (1, [b"STARTTLS\r\n"], [b"220 2.0.0 Ready to start TLS"]),
    "smtp-bdat": (1, [b"BDAT 221\r\n", b" LAST\r\n"], [b"250 2.0.0 Ok: 221 bytes", b"bytes queued as"]),
    "smtp-mime": (1, [b"Subject: =?gb2312?B?suLK1NPKvP4=?=", b"filename*0*=iso-2022-jp'ja'", b"\r\n.\r\n"],
                  [b"354 ", b"queued as"]),
    "pop3-mime": (1, [b"RETR 1", b"TOP 1 3"], [b"Content-Type: multipart/mixed", b"--=_mt_outer_1--"]),
    "imap-mime": (1, [b"BODY.PEEK[]", b"BODY.PEEK[1.2.1]", b"APPEND INBOX"],
                  [b"BODY[] {", b"--=_mt_outer_1--", b"APPENDUID"]),
    "smtp-long-lines": (1, [b"NOOP " + b"x" * 700 + b"\r\n", b"NOOP bare-LF-terminated\n", b"nul\x00byte",
                            b"L" * 1200 + b"\r\n", b"bare LF\nthis line contains a NUL byte here:\x00"],
                        [b"queued as"]),
    "pop3-python-poplib": (1, [b"USER student", b"PASS secret", b"STAT", b"LIST\r\n", b"LIST 1", b"UIDL\r\n",
                               b"UIDL 2", b"RETR 1", b"RETR 2", b"RETR 3", b"TOP 3 0", b"DELE 2", b"RSET",
                               b"NOOP", b"CAPA", b"QUIT"],
                           [b"\r\n..profile", b"\r\n...two dots", b"\r\n..\r\n", b"multipart/mixed", b"+OK Logging out"]),
    "pop3-curl": (1, [b"AUTH PLAIN", b"LIST\r\n", b"RETR 1"], [b"+OK 3 messages"]),
    "pop3-failed-login": (1, [b"PASS wrong-password", b"RETR 9", b"XYZZY"],
                          [b"-ERR Unknown command.", b"-ERR [AUTH] Authentication failed.", b"-ERR There's no message 9.",
                           b"-ERR Unknown command: XYZZY"]),
    "pop3-keystroke": (1, [b"LSIT\x08\x08\x08IST\r\n"], [b"-ERR Unknown command", b"+OK Logging out"]),
    "pop3-port1110": (1, [b"USER student", b"RETR 1"], [b"+OK 519 octets"]),
    "pop3-apop-auth": (4, [b"APOP student ", b"AUTH PLAIN\r\n", b"AUTH PLAIN AHN0", b"AUTH LOGIN", b"STLS"],
                       [b"+ \r\n", b"+ VXNlcm5hbWU6", b"+OK\r\nPLAIN\r\nLOGIN\r\n.\r\n", b"-ERR Unknown command: STLS"]),
    "pop3-auth-mechanisms": (3, [b"AUTH PLAIN AHN0", b"AUTH SCRAM-SHA-256\r\n", b"AUTH CRAM-MD5\r\n", b"*\r\n"],
                             [b"-ERR [AUTH]", b"+ PD", b"+OK Logged in."]),
    "pop3-stls": (1, [b"STLS\r\n"], [b"+OK Begin TLS negotiation now."]),
    "pop3-split-responses": (1, [b"RETR 2", b"RETR 3", b"UIDL"], [b"\r\n..\r\n"]),
    "imap-python-imaplib": (1, [b" CAPABILITY", b" LOGIN ", b" LIST ", b" LSUB ", b" STATUS ", b" SELECT INBOX",
                                b" FETCH 1:* (FLAGS UID RFC822.SIZE ENVELOPE BODYSTRUCTURE)", b" FETCH 1 (BODY[])",
                                b" SEARCH ", b" STORE 2 +FLAGS (\\Seen)", b" COPY ", b" CREATE ", b" RENAME ",
                                b" DELETE ", b" SUBSCRIBE ", b" UNSUBSCRIBE ", b" EXAMINE ", b" NOOP", b" CHECK",
                                b" EXPUNGE", b" UID FETCH", b" NAMESPACE", b" ID (", b" ENABLE ", b" UNSELECT",
                                b" CLOSE", b" LOGOUT"],
                            [b"BODY[] {519}\r\n", b"* 1 EXPUNGE", b"* BYE"]),
    "imap-append": (1, [b" APPEND INBOX (\\Seen \\Draft) \"02-Sep-2024 12:00:00 +0000\" {284}\r\n"],
                    [b"+ OK\r\n", b"[APPENDUID "]),
    "imap-login-literal": (3, [b"a003 LOGIN {7}\r\n", b"student {6}\r\n", b"secret\r\n", b"b001 LOGIN \"student\" \"secret\"",
                               b"c001 LOGIN {7+}\r\nstudent {6+}\r\nsecret\r\n", b"a002 this is garbage"],
                           [b"a001 NO [AUTHENTICATIONFAILED]", b"a002 BAD", b"+ OK\r\n", b"c001 OK"]),
    "imap-idle": (1, [b"a3 IDLE\r\n", b"DONE\r\n"], [b"+ idling", b"* 4 EXISTS", b"a3 OK Idle completed"]),
    "imap-keystroke": (1, [b"a2 SELECT INBXO\x08\x08OX\r\n", b"a3 FETCH 1 FLAGS\r\n"],
                       [b"a2 BAD", b"a2 OK", b"a4 OK Logout"]),
    "imap-port1143": (1, [b" LOGIN ", b" FETCH 1 (BODY[])"], [b"BODY[] {519}"]),
    "imap-starttls": (1, [b" STARTTLS\r\n"], [b"OK Begin TLS negotiation now."]),
    "imap-errors": (1, [b"a1 SELECT INBOX", b"a8 FOOBAR"],
                    [b"a1 BAD", b"a2 BAD", b"a4 BAD No mailbox selected", b"a5 NO Mailbox doesn't exist",
                     b"a7 NO [TRYCREATE]", b"a8 BAD", b"a9 BAD", b"a10 BAD", b"a11 BAD", b"a12 NO [ALREADYEXISTS]",
                     b"a13 NO [NONEXISTENT]"]),
    "imap-authenticate": (3, [b" AUTHENTICATE PLAIN\r\n", b"a1 AUTHENTICATE PLAIN AHN0", b"a2 AUTHENTICATE LOGIN\r\n",
                              b"*\r\n", b"a3 AUTHENTICATE SCRAM-SHA-1\r\n", b" AUTHENTICATE CRAM-MD5\r\n"],
                          [b"a1 NO [AUTHENTICATIONFAILED]", b"a2 BAD", b"a3 OK", b"+ PD"]),
    "imap-implicit-tls": (1, [], []),
    "imap-split-literal": (1, [b"a4 FETCH 3 (BODY[])"], [b"BODY[] {1682}\r\n", b"a4 OK", b"a6 OK Logout"]),
    # non-mail traffic on non-standard ports
    "other-ftp-2121": (2, [b"USER anonymous\r\n", b"PASS anonymous@\r\n", b"PWD\r\n", b"TYPE A\r\n", b"PASV\r\n",
                           b"LIST\r\n", b"QUIT\r\n"],
                       [b"331 Please specify the password.", b"230 Login successful.", b'257 "/"',
                        b"227 Entering Passive Mode (127,0,0,1,", b"150 Here comes the directory listing.",
                        b"README.txt\r\n", b"226 Directory send OK.", b"221 Goodbye."]),
    "other-ftp-banner-2122": (1, [b"USER anonymous\r\nPASS anonymous@\r\nQUIT\r\n"],
                              [b"331 Please specify the password.", b"230 Login successful.", b"221 Goodbye."]),
    "other-http-8080": (2, [b"GET / HTTP/1.1\r\n", b"GET /lesson.html HTTP/1.1\r\n", b"Host: 127.0.0.1:8080\r\n"],
                        [b"HTTP/1.0 200 OK\r\n", b"Server: SimpleHTTP/", b"<h1>Not mail</h1>"]),
    "other-redis-6380": (4, [b"*1\r\n$4\r\nPING\r\n", b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n",
                             b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", b"*1\r\n$4\r\nQUIT\r\n"],
                         [b"+PONG\r\n", b"+OK\r\n", b"$1\r\nv\r\n"]),
    "other-random-bytes-9000": (1, [], []),
    "other-nntp-like-1119": (1, [b"CAPABILITIES\r\n", b"QUIT\r\n"], [NNTP_CAPABILITIES, b"205 bye\r\n"]),
}

# the 2 KB + 1 KB random exchange can take as few as 9 frames (ACKs piggybacked)
MIN_FRAMES = {"other-random-bytes-9000": 8}

# other-*: who sends the first payload octets of every connection (S/C), and
# how the first payload of the first connection starts
FIRST = {"other-ftp-2121": ("S", b"220 (vsFTPd 3.0.3)\r\n"),
         "other-ftp-banner-2122": ("S", b"220 Welcome to the lab server.\r\n"),
         "other-http-8080": ("C", b"GET / HTTP/1.1\r\n"),
         "other-redis-6380": ("C", b"*1\r\n$4\r\nPING\r\n"),
         "other-random-bytes-9000": ("S", random_payload(RANDOM_SEED_SERVER, 16)),
         "other-nntp-like-1119": ("S", NNTP_GREETING)}

TLS = {"smtp-starttls": ("smtp", "smtp.req.command", {"ehlo", "mail", "rcpt", "data", "quit"}),
       "pop3-stls": ("pop", "pop.request.command", {"USER", "PASS", "STAT", "LIST", "RETR", "QUIT"}),
       "imap-starttls": ("imap", "imap.request.command", {"LOGIN", "SELECT", "FETCH", "LOGOUT"}),
       "imap-implicit-tls": ("imap", "imap.request.command", {"LOGIN", "SELECT", "LOGOUT"})}


def check(path):
    name = os.path.basename(path)[:-len(".pcapng")]
    problems = []
    segs = segments(path)
    nconv = len({s[4] for s in segs})
    want_conv, cli, srv = EXPECT.get(name, (1, [], []))
    if nconv != want_conv:
        problems.append("%d conversations, expected %d" % (nconv, want_conv))
    if not (MIN_FRAMES.get(name, 10) <= len(segs) <= 500):
        problems.append("%d frames" % len(segs))
    if not segs or "SYN" not in segs[0][3]:
        problems.append("does not start with SYN")
    for st in {s[4] for s in segs}:
        if not any("FIN" in s[3] and not s[1] and s[4] == st for s in segs):
            problems.append("no server FIN in stream %d" % st)
    rst = [f for f, _, _, fl, _ in segs if "RST" in fl]
    if rst and name != "smtp-errors":      # only there is a RST expected
        problems.append("RST in frame(s) %s" % rst)
    c2s, s2c = stream_bytes(segs, True), stream_bytes(segs, False)
    for b in cli:
        if b not in c2s and name not in TLS:
            problems.append("client never sent %r" % b[:60])
        elif name in TLS and b not in c2s:
            problems.append("client never sent %r" % b[:60])
    for b in srv:
        if b not in s2c:
            problems.append("server never sent %r" % b[:60])
    if name in TLS:
        proto, field, cmds = TLS[name]
        seen = {v.split(",")[0] for v in field_values(path, proto, field)}
        missing = cmds - seen
        if missing:
            problems.append("not decrypted/dissected: %s" % sorted(missing))
        if "Decryption Secrets" not in subprocess.run(["capinfos", path], capture_output=True, text=True).stdout \
                and not tshark(path, "-Y", "tls.app_data", "-T", "fields", "-e", "frame.number"):
            problems.append("no TLS data?")
    notes = []
    port = {"smtp": {25, 587}, "pop": {110}, "imap": {143}}
    sport = min(min(int(x) for x in tshark(path, "-c", "1", "-T", "fields", "-e", "tcp.srcport",
                                           "-e", "tcp.dstport").split()), 65535)
    for proto, ports in port.items():
        if sport in ports:
            n = len(tshark(path, "-Y", proto, "-T", "fields", "-e", "frame.number").split())
            if not n:
                problems.append("Wireshark's %s dissector shows nothing" % proto)
            notes.append("%d frames dissected as %s" % (n, proto))
    if name == "smtp-pipelining":
        pl = [f for f, c, d, _, _ in segs if c and d.count(b"\r\n") >= 4 and d.startswith(b"MAIL FROM")]
        if not pl:
            problems.append("no segment with MAIL+RCPT+RCPT+DATA")
        else:
            notes.append("pipelined commands in frame %d" % pl[0])
    if name.endswith("keystroke"):
        sizes = [len(d) for _, c, d, _, _ in segs if c and d]
        odd = [n for n in sizes if n not in (1, 2)]
        two = [d for _, c, d, _, _ in segs if c and len(d) == 2]
        if odd or any(d != b"\r\n" for d in two):
            problems.append("client segments not 1 octet (or CRLF): %s" % odd[:5])
        notes.append("%d one-octet client segments, %d CRLF segments" % (sizes.count(1), len(two)))
    if name in FIRST:
        side, start = FIRST[name]
        for st in sorted({s[4] for s in segs}):
            first = next(((c, d) for _, c, d, _, x in segs if x == st and d), None)
            if first is None:
                problems.append("no payload in stream %d" % st)
            elif ("C" if first[0] else "S") != side:
                problems.append("stream %d: the %s speaks first" % (st, "client" if first[0] else "server"))
            elif st == 0 and not first[1].startswith(start):
                problems.append("first payload starts %r" % first[1][:40])
        notes.append("%s speaks first" % {"S": "server", "C": "client"}[side])
        protos = set()
        for p in tshark(path, "-Y", "tcp.len > 0", "-T", "fields", "-e", "frame.protocols").split():
            protos.update(p.split(":")[4:5] or ["tcp"])
        notes.append("tshark: %s" % ",".join(sorted(protos)))
    if name == "other-ftp-2121":
        server_port = stream_server_ports(path)
        data = [st for st, port in sorted(server_port.items()) if 30000 <= port <= 30009]
        if len(data) != 1:
            problems.append("%d data connections on ports 30000-30009" % len(data))
        else:
            listing = b"".join(d for _, c, d, _, x in segs if x == data[0] and not c)
            if b"README.txt\r\n" not in listing or b" pub\r\n" not in listing:
                problems.append("LIST data %r" % listing[:80])
            notes.append("data connection = stream %d, port %d, %d octets of LIST" % (
                data[0], server_port[data[0]], len(listing)))
    if name == "other-random-bytes-9000":
        if s2c != random_payload(RANDOM_SEED_SERVER, RANDOM_SERVER_LEN):
            problems.append("server bytes: %d octets, not the seeded payload" % len(s2c))
        if c2s != random_payload(RANDOM_SEED_CLIENT, RANDOM_CLIENT_LEN):
            problems.append("client bytes: %d octets, not the seeded payload" % len(c2s))
        notes.append("%d + %d seeded random octets" % (len(s2c), len(c2s)))
    if name.endswith("split-responses") or name.endswith("split-literal"):
        small = [d for _, c, d, _, _ in segs if not c and 0 < len(d) <= 37]
        if len(small) < 50:
            problems.append("only %d small server segments" % len(small))
        notes.append("%d server segments of <= 37 octets" % len(small))
    return name, len(segs), nconv, problems, notes


def main():
    d = sys.argv[1]
    names = sys.argv[2:] or sorted(f[:-7] for f in os.listdir(d) if f.endswith(".pcapng"))
    bad = 0
    for n in names:
        path = os.path.join(d, n + ".pcapng")
        if not os.path.exists(path):
            print("MISSING %s" % n)
            bad += 1
            continue
        name, frames, conv, problems, notes = check(path)
        status = "ok  " if not problems else "FAIL"
        bad += bool(problems)
        print("%s %-28s %4d frames %d conv  %s" % (status, name, frames, conv,
                                                   "; ".join(problems + notes)))
    missing = set(EXPECT) - set(names)
    if len(sys.argv) == 2 and missing:
        print("MISSING:", ", ".join(sorted(missing)))
        bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
