#!/usr/bin/env python3
# tshark with mailteach against tshark without it, in one run, alternating.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   python3 bench/bench.py [--plugin build/mailteach.so] [--reps 3] [--mode "no tree" ...]
#   python3 bench/bench.py --hostile [--only REGEX]
#
# Real sessions (default): makes (or reuses, in --work, default
# build/bench/) the benchmark capture of bench/make_bench.py with at least
# --packets packets (1,000,000) and one with half its sessions, then runs
# tshark as user 65534 in four modes, each --reps times, plain and with
# mailteach alternating (plain first on even repetitions, mailteach first
# on odd ones), under /usr/bin/time:
#   tree        tshark -n -V -r FILE > /dev/null
#   fields      tshark -n -T fields -e frame.number -r FILE > /dev/null
#   no tree     tshark -n -r FILE > /dev/null
#   two passes  tshark -n -2 -V -r FILE > /dev/null
# (tshark 4.0 builds and shows a whole tree for -T fields, as for -V; only
# the summary lines of "no tree" need none.)
# "plain" is the same tshark, as the same user, with an empty personal
# plugin folder. --mode measures only the modes named (and skips the
# budget check and the scaling below). It prints the median CPU time (user + system; the wall
# time ratio beside it) and peak resident memory
# (%M) of each, their ratios against the targets, the extra peak memory
# per byte of capture, and the scaling: the time with mailteach on the full
# capture over the time on the half capture (twice the sessions should
# cost at most 2.1 times the time). Two passes keep every record until the
# capture closes; one more two-pass run tells whether the capture budget
# (preference capture_budget_mib) stopped the explanations, and where: then
# the two-pass memory is capped by that budget, and the output says so.
#
# --hostile: makes the hostile captures (bench/hostile.py) in
# --work/hostile/ and prints, for each, the time and peak-memory ratio of
# tshark -n -V with mailteach against plain tshark (target: memory <= 1.10; times are CPU seconds)
# and mailteach's extra peak memory per byte of capture.
#
# The machine should be otherwise idle: the ratios are only as good as the
# quiet they are measured in. Each run's numbers are printed as it ends.

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tools"))
import mtworld  # noqa: E402

MODES = [("tree", ["-n", "-V"]),
         ("fields", ["-n", "-T", "fields", "-e", "frame.number"]),
         ("no tree", ["-n"]),
         ("two passes", ["-n", "-2", "-V"])]
TARGET_TIME = {"tree": 1.10, "fields": 1.03, "no tree": 1.03, "two passes": 1.10}
TARGET_MEM_REAL = 1.05
TARGET_MEM_HOSTILE = 1.10
TARGET_SCALING = 2.1
TIME_FMT = "MTTIME %e %U %S %M"


def measure(world, path, margs, with_plugin, timeout):
    """(CPU seconds, wall seconds, peak KiB) of one tshark run; output to
    /dev/null. CPU time (user + system) is what the ratios use: on a
    shared machine the wall time also measures the neighbours."""
    t0 = time.time()
    try:
        p = world.run(margs + ["-r", path], with_plugin=with_plugin, timeout=timeout,
                      wrapper=["/usr/bin/time", "-f", TIME_FMT], stdout=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, None, None
    err = p.stderr.decode("utf-8", "replace")
    m = re.search(r"MTTIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", err)
    if p.returncode != 0 or not m:
        raise RuntimeError("tshark %s failed (%s):\n%s" % (" ".join(margs), p.returncode, err[-2000:]))
    return float(m.group(2)) + float(m.group(3)), time.time() - t0, int(m.group(4))


def alternate(world, path, margs, reps, timeout, log):
    """{True: [(cpu s, kib, wall s)], False: [...]} over reps, alternating
    the order."""
    res = {True: [], False: []}
    for r in range(reps):
        order = (False, True) if r % 2 == 0 else (True, False)
        for with_plugin in order:
            cpu, wall, kib = measure(world, path, margs, with_plugin, timeout)
            res[with_plugin].append((cpu, kib, wall))
            log("    rep %d %-6s %s" % (r + 1, "with" if with_plugin else "plain",
                                        "timeout" if cpu is None else "cpu %.2f s, wall %.2f s, %d MiB"
                                        % (cpu, wall, kib // 1024)))
    return res


def med(values, i):
    v = [x[i] for x in values if x[i] is not None]
    return statistics.median(v) if v else None


def verdict(value, target):
    if value is None:
        return "n/a"
    return "ok" if value <= target else "OVER"


def ensure_capture(path, packets=None, sessions=None):
    if os.path.exists(path):
        return
    cmd = [sys.executable, os.path.join(HERE, "make_bench.py"), path]
    cmd += ["--packets", str(packets)] if sessions is None else ["--sessions", str(sessions)]
    subprocess.run(cmd, check=True)


def capture_info(path):
    out = subprocess.run(["capinfos", "-c", "-M", path], capture_output=True, text=True).stdout
    m = re.search(r"Number of packets:\s+(\d+)", out)
    return int(m.group(1)) if m else 0


def real(args, world, log):
    full = os.path.join(args.work, "bench-%d.pcapng" % args.packets)
    ensure_capture(full, packets=args.packets)
    n_sessions = int(open(full + ".sessions").read())     # written by make_bench.py
    half = os.path.join(args.work, "bench-%d-half.pcapng" % args.packets)
    ensure_capture(half, sessions=n_sessions // 2)
    fpath, hpath = world.path("full.pcapng"), world.path("half.pcapng")
    for src, dst in ((full, fpath), (half, hpath)):
        if not os.path.exists(dst):
            shutil.copy(src, dst)
    world.fix_modes()
    size = os.path.getsize(fpath)
    log("benchmark capture: %d packets, %d TCP sessions, %.1f MB; half: %d packets"
        % (capture_info(fpath), n_sessions, size / 1e6, capture_info(hpath)))
    rows = []
    modes = [m for m in MODES if args.mode is None or m[0] in args.mode]
    for mode, margs in modes:
        log("  %s (%s)" % (mode, " ".join(margs)))
        res = alternate(world, fpath, margs, args.reps, args.timeout, log)
        rows.append((mode, res))
    if args.mode is not None:
        return table(rows, fpath, n_sessions, args.reps, size)
    # Two passes keep every record; past the capture budget (preference
    # capture_budget_mib) mailteach only counts lines, which caps its
    # memory. Say where, so that the ratio is read for what it measures.
    p = world.run(["-n", "-2", "-Y", "mailteach.budget.stopped_in", "-T", "fields", "-e", "frame.number",
                   "-r", fpath], timeout=args.timeout)
    if p.returncode != 0:
        raise RuntimeError("tshark -2 (budget check) failed (%s):\n%s"
                           % (p.returncode, p.stderr.decode("utf-8", "replace")[-2000:]))
    stopped = p.stdout.decode().split()
    log("  two passes: %s" % ("budget reached at frame %s" % stopped[0] if stopped else "within the budget"))
    log("  scaling: tree mode on the half capture")
    half_res = alternate(world, hpath, MODES[0][1], args.reps, args.timeout, log)

    lines = table(rows, fpath, n_sessions, args.reps, size)
    for mode, res in rows:
        if mode == "tree":
            extra = (med(res[True], 1) - med(res[False], 1)) * 1024 / size
    th_w, th_p = med(half_res[True], 0), med(half_res[False], 0)
    tf_w, tf_p = med(rows[0][1][True], 0), med(rows[0][1][False], 0)
    sc = tf_w / th_w
    lines.append("scaling (tree, CPU time): twice the sessions cost %.3f times the time with mailteach"
                 " (target <= %.1f, %s); plain tshark: %.3f"
                 % (sc, TARGET_SCALING, verdict(sc, TARGET_SCALING), tf_p / th_p))
    lines.append("mailteach's extra peak memory (tree): %.2f bytes per byte of capture (%.1f MiB for %.1f MB)"
                 % (extra, extra * size / 2**20, size / 1e6))
    if stopped:
        lines.append("two passes: the capture budget (capture_budget_mib) stopped the explanations at frame"
                     " %s of %d, and later lines were only counted; the memory ratio above is capped by"
                     " that budget" % (stopped[0], capture_info(fpath)))
    else:
        lines.append("two passes: every line explained, within the capture budget")
    return lines


def table(rows, fpath, n_sessions, reps, size):
    """The lines of the ratio table, one per mode measured."""
    lines = ["", "Benchmark (%d packets, %d sessions, %.1f MB, %d reps, median):"
             % (capture_info(fpath), n_sessions, size / 1e6, reps),
             "%-11s %9s %9s %7s %6s %6s %7s | %9s %9s %7s %6s %6s"
             % ("mode", "plain cpu", "with cpu", "ratio", "target", "", "wall", "plain MiB", "with MiB",
                "ratio", "target", "")]
    for mode, res in rows:
        tp, tw = med(res[False], 0), med(res[True], 0)
        mp, mw = med(res[False], 1), med(res[True], 1)
        tr = tw / tp if tp and tw else None
        mr = mw / mp if mp and mw else None
        wr = med(res[True], 2) / med(res[False], 2)
        lines.append("%-11s %9.2f %9.2f %7.3f %6.2f %6s %7.3f | %9.0f %9.0f %7.3f %6.2f %6s"
                     % (mode, tp, tw, tr, TARGET_TIME[mode], verdict(tr, TARGET_TIME[mode]), wr,
                        mp / 1024, mw / 1024, mr, TARGET_MEM_REAL, verdict(mr, TARGET_MEM_REAL)))
    return lines


def hostile(args, world, log):
    hdir = os.path.join(args.work, "hostile")
    manifest = os.path.join(hdir, "MANIFEST.tsv")
    if not os.path.exists(manifest):
        subprocess.run([sys.executable, os.path.join(HERE, "hostile.py"), hdir], check=True)
    entries = [l.rstrip("\n").split("\t") for l in open(manifest) if not l.startswith("#")]
    if args.only:
        entries = [e for e in entries if re.search(args.only, e[0])]
    lines = ["", "Hostile captures (tshark -n -V, %d rep%s, median; memory target <= %.2f):"
             % (args.reps, "s" if args.reps > 1 else "", TARGET_MEM_HOSTILE),
             "%-56s %8s %8s %8s %7s | %8s %8s %7s %6s | %s"
             % ("capture", "MB", "plain cpu", "with cpu", "ratio", "plain MiB", "with MiB", "ratio", "",
                "extra B/B")]
    for fname, proto, port, packets, nbytes, what in entries:
        path = world.path(fname)
        if not os.path.exists(path):
            subprocess.run(["cp", os.path.join(hdir, fname), path], check=True)
            world.fix_modes()
        log("  %s (%s packets): %s" % (fname, packets, what))
        res = alternate(world, path, MODES[0][1], args.reps, args.timeout, log)
        tp, tw = med(res[False], 0), med(res[True], 0)
        mp, mw = med(res[False], 1), med(res[True], 1)
        tr = tw / tp if tp and tw else None
        mr = mw / mp if mp and mw else None
        extra = (mw - mp) * 1024 / int(nbytes) if mp and mw else None
        fmt = lambda v, f: (f % v) if v is not None else "timeout"
        lines.append("%-56s %8.2f %8s %8s %7s | %8s %8s %7s %6s | %s"
                     % (fname.replace("hostile-handmade-", "").replace(".pcap", ""), int(nbytes) / 1e6,
                        fmt(tp, "%.2f"), fmt(tw, "%.2f"), fmt(tr, "%.2f"),
                        fmt(mp and mp / 1024, "%.0f"), fmt(mw and mw / 1024, "%.0f"), fmt(mr, "%.2f"),
                        verdict(mr, TARGET_MEM_HOSTILE), fmt(extra, "%.1f")))
        os.unlink(path)
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plugin", default=os.path.join(SOURCE, "build", "mailteach.so"))
    ap.add_argument("--work", default=os.path.join(SOURCE, "build", "bench"))
    ap.add_argument("--packets", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per tshark run")
    ap.add_argument("--hostile", action="store_true", help="measure the hostile captures instead")
    ap.add_argument("--only", help="with --hostile: regex on the file names")
    ap.add_argument("--mode", action="append", choices=[m[0] for m in MODES],
                    help="measure only this mode (may be given more than once); without it, every"
                         " mode, the two-pass budget check and the scaling")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    world = mtworld.World(args.plugin)
    log = lambda s: print(s, flush=True)
    try:
        world.check_loaded(os.path.join(SOURCE, "captures", "smtp-auth-login.pcapng"))
        log("tshark %s; plugin %s" % (subprocess.run(["tshark", "--version"], capture_output=True, text=True)
                                      .stdout.splitlines()[0], args.plugin))
        lines = hostile(args, world, log) if args.hostile else real(args, world, log)
        print("\n".join(lines))
    finally:
        world.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
