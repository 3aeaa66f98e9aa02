#!/usr/bin/env python3
# Whole-plugin fuzzing as Wireshark does it: editcap -E mutations of every
# capture through tshark with mailteach built with ASan and UBSan.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   python3 fuzz/mutate.py --plugin build/mailteach-asan.so --count 10000
#   python3 fuzz/mutate.py --plugin build/mailteach-asan.so --minutes 30
#
# Each mutated file is one tshark run, as user 65534 with the sanitizer
# runtimes preloaded (LD_PRELOAD) and Wireshark's own fuzzing settings
# (strict wmem allocator, GLib debug blocks). The files cycle through the
# captures, three error rates (editcap -E 0.005, 0.02, 0.05), with and
# without the Ethernet/IP/TCP headers left intact (-o 0 or 54), and four
# ways of reading: one pass and two passes (-2), each with a tree (-V -x)
# and without one.
#
# A file is a finding when tshark reports a sanitizer error, crashes, runs
# out of time, or prints a "Malformed Packet" or "Dissector bug" that the
# same file without mailteach does not print. Crashes and malformed packets
# that plain tshark shows as well are Wireshark's and are counted apart.
# Findings are kept in --out (default fuzz-findings/) with tshark's output.
# Exit status 1 if anything is attributed to mailteach.
#
# tshark's start-up costs most of a run on these small captures (about 1.5
# CPU seconds with the sanitizers). --batch K concatenates K mutated files
# of K different captures (mergecap -a) into one run; a finding in a batch
# is then run file by file to name the file. The files themselves are the
# same as with --batch 1.
#
#   python3 fuzz/mutate.py --plugin build/mailteach-asan.so --as-is build/bench/hostile
#
# runs captures as they are (the hostile set), each in the four modes.

import argparse
import collections
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tools"))
sys.path.insert(0, os.path.join(SOURCE, "bench"))
import mtworld  # noqa: E402
import pcapgen  # noqa: E402

RATES = (0.005, 0.02, 0.05)
OFFSETS = (0, 54)
MODES = (("tree", ["-n", "-V", "-x"]), ("no tree", ["-n"]),
         ("2 passes tree", ["-n", "-2", "-V", "-x"]), ("2 passes no tree", ["-n", "-2"]))
ASAN_EXIT = 86

MARKER = re.compile(r"Malformed Packet|Dissector bug", re.I)
FRAME_V = re.compile(r"^Frame (\d+):")
FRAME_SUMMARY = re.compile(r"^\s*(\d+)\s")
SANITIZER = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:")


def pcapng_has_secrets(path):
    return any(btype == 0x0A for btype, _, _ in pcapgen.pcapng_blocks(path))


def markers(lines, tree):
    """Counter of (frame, marker line) in tshark's output lines."""
    found = collections.Counter()
    frame = 0
    for line in lines:
        m = (FRAME_V if tree else FRAME_SUMMARY).match(line)
        if m:
            frame = int(m.group(1))
        if MARKER.search(line):
            found[(frame, re.sub(r"\s+", " ", line.strip()))] += 1
    return found


class Run:
    def __init__(self, args):
        self.args = args
        self.world = mtworld.World(args.plugin)
        self.preload = mtworld.sanitizer_preload(self.world.path("mt_nodlclose.so"))
        shutil.copy(args.nodlclose, self.world.path("mt_nodlclose.so"))
        self.world.fix_modes()
        self.env = {
            "LD_PRELOAD": self.preload,
            # leaks: plugins stay loaded (mt_nodlclose.so), so what mailteach
            # still points to at exit is not reported, and a real leak is
            # reported with mailteach's frames
            "ASAN_OPTIONS": "detect_leaks=%d:exitcode=%d:quarantine_size_mb=64"
                            % (0 if args.no_leaks else 1, ASAN_EXIT),
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=0",
            "WIRESHARK_DEBUG_WMEM_OVERRIDE": "strict",
            "G_SLICE": "debug-blocks",
        }
        self.captures = sorted(os.path.join(d, c) for d in (args.as_is or [args.captures])
                               for c in os.listdir(d) if c.endswith((".pcapng", ".pcap")))
        # (without leak checks: a leak report ends tshark before its output is flushed)
        self.world.check_loaded(os.path.join(args.captures, "pop3-curl.pcapng"),
                                dict(self.env, ASAN_OPTIONS="detect_leaks=0"))
        if args.only:
            self.captures = [c for c in self.captures if re.search(args.only, os.path.basename(c))]
        # captures with TLS secrets: editcap works on a copy without them,
        # and the secrets go back into each mutated file
        self.secrets = {}
        for cap in self.captures:
            if cap.endswith(".pcapng") and pcapng_has_secrets(cap):
                bare = self.world.path("bare-" + os.path.basename(cap))
                keys = self.world.path("keys-" + os.path.basename(cap) + ".txt")
                with open(keys, "wb") as f:
                    f.write(pcapgen.strip_secrets(cap, bare))
                self.secrets[cap] = (bare, keys)
        self.stats = collections.Counter()
        self.lock = threading.Lock()
        self.findings = []
        os.makedirs(args.out, exist_ok=True)

    def tshark(self, path, mode_args, with_plugin):
        """(exit status or "timeout", markers, stderr). The output is read
        as it comes and only the marker lines are kept: the tree of a
        hostile capture can be gigabytes of text."""
        tree = "-V" in mode_args
        p = subprocess.Popen(self.world.command(mode_args + ["-r", path], with_plugin, self.env),
                             cwd=self.world.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        timer = threading.Timer(self.args.timeout, p.kill)
        timer.start()
        err = []
        reader = threading.Thread(target=lambda: err.append(p.stderr.read()))
        reader.start()
        lines = (raw.decode("utf-8", "replace") for raw in p.stdout)
        mk = markers((l for l in lines if MARKER.search(l) or (FRAME_V if tree else FRAME_SUMMARY).match(l)),
                     tree)
        rc = p.wait()
        reader.join()
        timed_out = not timer.is_alive()
        timer.cancel()
        return ("timeout" if timed_out else rc), mk, b"".join(err).decode("utf-8", "replace")

    def prepare(self, i):
        """The i-th mutated file (or, with --as-is, capture): (name, path,
        capture, rate, offset)."""
        a = self.args
        if a.as_is:
            cap = self.captures[(i // len(MODES)) % len(self.captures)]
            rate = offset = "-"
        else:
            cap = self.captures[i % len(self.captures)]
            rate = RATES[(i // len(self.captures)) % len(RATES)]
            offset = OFFSETS[(i // (len(self.captures) * len(RATES))) % len(OFFSETS)]
        name = "%06d-%s" % (i, os.path.basename(cap))
        path = self.world.path(name)
        if a.as_is:
            shutil.copy(cap, path)
        elif cap in self.secrets:
            bare, keys = self.secrets[cap]
            subprocess.run(["editcap", "--seed", str(a.seed * 1000003 + i), "-E", str(rate),
                            "-o", str(offset), bare, path + ".bare"], check=True, capture_output=True)
            subprocess.run(["editcap", "--inject-secrets", "tls," + keys, path + ".bare", path],
                           check=True, capture_output=True)
            os.unlink(path + ".bare")
        else:
            subprocess.run(["editcap", "--seed", str(a.seed * 1000003 + i), "-E", str(rate),
                            "-o", str(offset), cap, path], check=True, capture_output=True)
        os.chmod(path, 0o644)
        return name, path, cap, rate, offset

    def builtin_own(self, path, margs, extra):
        """The markers of extra that Wireshark's own dissector prints by
        itself when told the session is mail. On a port that is not mail's,
        mailteach's heuristic hands the session to the built-in SMTP, POP or
        IMAP dissector; what that dissector calls malformed (a mutated
        IMAP LOGIN, say) it calls malformed on its own port too. So plain
        tshark runs again with Decode As of that dissector on the frames'
        ports, and what it prints as well is Wireshark's."""
        frames = {f for f, _ in extra}
        cols = ["-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "tcp.srcport", "-e", "tcp.dstport"]
        two = ["-2"] if "-2" in margs else []
        out = self.world.run(["-n", "-r", path, "-T", "fields"] + two + cols, True,
                             dict(self.env, ASAN_OPTIONS="detect_leaks=0"), timeout=self.args.timeout)
        names = {"IMAP": ["imap"], "SMTP": ["smtp"], "IMF": ["smtp"], "POP": ["pop"]}
        decode = []
        for line in out.stdout.decode("utf-8", "replace").splitlines():
            f = line.split("\t")
            if len(f) != 4 or not f[0].isdigit() or int(f[0]) not in frames:
                continue
            # TLS after STARTTLS/STLS: the mail dissector handed over to it
            protos = names.get(f[1], ["smtp", "pop", "imap"] if f[1].startswith(("TLS", "SSL")) else [])
            for proto in protos:
                for port in (f[2], f[3]):
                    d = "tcp.port==%s,%s" % (port, proto)
                    if port.isdigit() and d not in decode:
                        decode.append(d)
        # one Decode As at a time: on both ports at once, the built-in takes
        # the lower port for the server's and reads the client's line as a
        # response
        for d in decode:
            _, pmk, _ = self.tshark(path, list(margs) + ["-d", d], False)
            extra = extra - pmk
            if not extra:
                break
        return extra

    def judge(self, path, margs):
        """(mailteach's problems, Wireshark's own, exit status, stderr)."""
        rc, mk, err = self.tshark(path, margs, True)
        problems, wireshark_own = [], []
        bad_rc = rc == "timeout" or (isinstance(rc, int) and (rc < 0 or rc == ASAN_EXIT))
        san = SANITIZER.search(err)
        if bad_rc or san or mk:
            prc, pmk, perr = self.tshark(path, margs, False)
            if san:
                if "mailteach" in err or not SANITIZER.search(perr):
                    problems.append("sanitizer report")
                else:
                    wireshark_own.append("sanitizer report")
            if bad_rc and not san:
                plain_bad = prc == "timeout" or (isinstance(prc, int) and (prc < 0 or prc == ASAN_EXIT))
                if plain_bad:
                    wireshark_own.append("crash/timeout (%s)" % rc)
                else:
                    problems.append("crash/timeout (%s)" % rc)
            extra = mk - pmk
            if extra:
                extra = self.builtin_own(path, margs, extra)
                if not extra:
                    wireshark_own.append("malformed (Wireshark's own SMTP/POP/IMAP on a port mailteach found)")
            if extra:
                problems.append("%d malformed/dissector bug not without mailteach: %s"
                                % (sum(extra.values()), "; ".join("frame %d: %s" % k
                                                                 for k in list(extra)[:3])))
            elif mk:
                wireshark_own.append("malformed (also without mailteach)")
        return problems, wireshark_own, rc, err

    def one(self, b):
        """Batch b: --batch files (distinct captures), one mode."""
        a = self.args
        k = 1 if a.as_is else a.batch
        mode, margs = MODES[b % len(MODES)]
        files = [self.prepare(b * k + j) for j in range(k)]
        if k == 1:
            path = files[0][1]
        else:
            path = self.world.path("batch-%06d.pcapng" % b)
            subprocess.run(["mergecap", "-a", "-w", path] + [f[1] for f in files], check=True,
                           capture_output=True)
            os.chmod(path, 0o644)
        problems, wireshark_own, rc, err = self.judge(path, margs)
        found = []
        if problems and k > 1:
            # which file of the batch was it?
            for f in files:
                p2, _, rc2, err2 = self.judge(f[1], margs)
                if p2:
                    found.append((f, p2, rc2, err2))
            if not found:
                found.append((("batch-%06d.pcapng" % b, path, "+".join(f[2] for f in files), "-", "-"),
                              problems + ["(only in the batch)"], rc, err))
        elif problems:
            found.append((files[0], problems, rc, err))
        with self.lock:
            s = self.stats
            s["files"] += k
            s["tshark runs"] += 1
            s[mode] += k
            s["passes2" if "-2" in margs else "passes1"] += k
            for w in wireshark_own:
                s["wireshark: " + w.split(" (")[0]] += 1
            for (name, fpath, cap, rate, offset), probs, frc, ferr in found:
                s["mailteach findings"] += 1
                keep = os.path.join(a.out, name)
                shutil.copy(fpath, keep)
                with open(keep + ".txt", "w") as f:
                    f.write("capture %s rate %s offset %s mode %s exit %s\n%s\n\n--- stderr\n%s\n"
                            % (cap, rate, offset, mode, frc, "\n".join(probs), ferr))
                self.findings.append("%s: %s" % (name, "; ".join(probs)))
                print("FINDING %s: %s" % (name, "; ".join(probs)), flush=True)
        for f in files:
            os.unlink(f[1])
        if k > 1:
            os.unlink(path)

    def summary(self, elapsed):
        s = self.stats
        what = "runs of captures as they are" if self.args.as_is else "mutated files"
        lines = [("mutation run: %d " + what + " in %d tshark runs, %.0f s (seed %d, %d captures)")
                 % (s["files"], s["tshark runs"], elapsed, self.args.seed, len(self.captures)),
                 "  one pass %d (tree %d, no tree %d); two passes %d (tree %d, no tree %d)"
                 % (s["passes1"], s["tree"], s["no tree"], s["passes2"], s["2 passes tree"],
                    s["2 passes no tree"]),
                 "  attributed to mailteach: %d" % s["mailteach findings"],
                 "  Wireshark's own (same without mailteach): malformed %d, crash/timeout %d, sanitizer %d"
                 % (s["wireshark: malformed"], s["wireshark: crash/timeout"],
                    s["wireshark: sanitizer report"])]
        return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--plugin", default=os.path.join(SOURCE, "build", "mailteach-asan.so"))
    ap.add_argument("--nodlclose", default=os.path.join(SOURCE, "build", "fuzz", "mt_nodlclose.so"),
                    help="fuzz/mt_nodlclose.c built (keeps plugins loaded for LeakSanitizer)")
    ap.add_argument("--captures", default=os.path.join(SOURCE, "captures"))
    ap.add_argument("--count", type=int, default=0, help="mutated files (0: until --minutes)")
    ap.add_argument("--minutes", type=float, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first file index (to resume)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=1,
                    help="mutated files per tshark run, concatenated with mergecap -a (default 1,"
                         " as Wireshark's fuzz-test.sh; more saves the start-up of tshark)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per tshark run")
    ap.add_argument("--only", help="regex: only captures whose name matches")
    ap.add_argument("--as-is", nargs="+", metavar="DIR",
                    help="no mutation: every capture in DIR, once in each of the four modes")
    ap.add_argument("--no-leaks", action="store_true", help="do not run LeakSanitizer")
    ap.add_argument("--out", default="fuzz-findings")
    args = ap.parse_args()
    run = Run(args)
    if args.as_is:
        args.count = len(run.captures) * len(MODES)
    if not args.count and not args.minutes:
        ap.error("give --count or --minutes")
    start = time.time()
    deadline = start + args.minutes * 60 if args.minutes else None
    per = 1 if args.as_is else args.batch
    if args.start % per:
        ap.error("--start must be a multiple of --batch")
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            b = args.start // per
            pending = set()
            while (not args.count or b * per < args.start + args.count) and \
                    (deadline is None or time.time() < deadline):
                pending.add(pool.submit(run.one, b))
                b += 1
                if len(pending) >= args.jobs * 2:
                    done, pending = concurrent.futures.wait(
                        pending, return_when=concurrent.futures.FIRST_COMPLETED)
                    for d in done:
                        d.result()
                if (b * per) % 250 < per:
                    print("[%d files, %.0f s, %d findings]" % (run.stats["files"], time.time() - start,
                                                                run.stats["mailteach findings"]),
                          flush=True)
            for d in concurrent.futures.as_completed(pending):
                d.result()
    finally:
        print(run.summary(time.time() - start), flush=True)
        run.world.close()
    return 1 if run.stats["mailteach findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
