#!/usr/bin/env python3
# Where mailteach spends its instructions: callgrind on tshark with it.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   python3 bench/profile.py [--packets 30000] [--mode tree|fields|notree] [--top 25]
#
# Makes a mid-size capture of real sessions (bench/make_bench.py, in
# build/bench/), runs tshark -n -V (--mode fields: -T fields -e
# frame.number; --mode notree: tshark -n, the summary lines) on it under
# callgrind as user 65534, with mailteach and
# without it, and prints:
#   - the instructions of the whole run with and without mailteach, and
#     their ratio (instruction counts repeat from run to run, unlike time);
#   - the same per packet, with the start-up taken off (the instructions
#     of the same run stopped after one packet, -c 1): on a few thousand
#     packets tshark's start-up outweighs the packets, and the whole-run
#     ratio hides what mailteach costs per packet;
#   - mailteach's own functions (self cost), each as instructions per
#     packet and share of the whole run, the biggest first;
#   - the inclusive cost of the entry points (the core's feed, the tree,
#     the built-in dissector mailteach calls), per packet.
# The callgrind output files are kept in build/bench/profile/ for
# callgrind_annotate or kcachegrind.

import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tools"))
import mtworld  # noqa: E402

# "fields" builds a whole tree too (tshark needs one for -T fields);
# "notree", the summary lines, is the only mode without one.
MODES = {"tree": ["-n", "-V"], "fields": ["-n", "-T", "fields", "-e", "frame.number"],
         "notree": ["-n"]}
ENTRY_POINTS = ("mt_dissect_session", "mt_dissect_heur", "mt_session_feed", "mt_tree_render",
                "call_builtin", "annotate", "store_chunk", "mt_record_new", "mt_record_free")


def annotate(outfile, inclusive):
    """{function: (Ir, file)} from callgrind_annotate."""
    p = subprocess.run(["callgrind_annotate", "--inclusive=%s" % ("yes" if inclusive else "no"),
                        "--threshold=100", outfile], capture_output=True, text=True, check=True)
    funcs = {}
    total = 0
    for line in p.stdout.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*?):(\S+)(?: \[(.*)\])?$", line)
        if m:
            ir = int(m.group(1).replace(",", ""))
            funcs.setdefault(m.group(3), (ir, m.group(2), m.group(4) or ""))
            continue
        m = re.match(r"^\s*([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS", line)
        if m:
            total = int(m.group(1).replace(",", ""))
    return total, funcs


def is_mailteach(fname, obj):
    return "mailteach" in obj or "/plugin/" in fname or "packet-mailteach" in fname


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plugin", default=os.path.join(SOURCE, "build", "mailteach.so"))
    ap.add_argument("--nodlclose", default=os.path.join(SOURCE, "build", "fuzz", "mt_nodlclose.so"))
    ap.add_argument("--work", default=os.path.join(SOURCE, "build", "bench"))
    ap.add_argument("--packets", type=int, default=30000)
    ap.add_argument("--mode", choices=sorted(MODES), default="tree")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    cap = os.path.join(args.work, "bench-%d.pcapng" % args.packets)
    if not os.path.exists(cap):
        subprocess.run([sys.executable, os.path.join(HERE, "make_bench.py"), cap, "--packets",
                        str(args.packets)], check=True)
    packets = int(re.search(r"Number of packets:\s+(\d+)",
                            subprocess.run(["capinfos", "-c", "-M", cap], capture_output=True,
                                           text=True).stdout).group(1))
    world = mtworld.World(args.plugin)
    shutil.copy(args.nodlclose, world.path("mt_nodlclose.so"))
    shutil.copy(cap, world.path("cap.pcapng"))
    out = world.scratch("callgrind")
    world.fix_modes()
    keep = os.path.join(args.work, "profile")
    os.makedirs(keep, exist_ok=True)
    results = {}
    for with_plugin in (True, False):
        for first in (False, True):
            # first: the same run stopped after the first packet, whose
            # instructions (start-up, registration) are taken off the
            # whole run's to give the cost per packet
            tag = ("with" if with_plugin else "plain") + (".first" if first else "")
            f = os.path.join(out, "callgrind.%s.%s" % (args.mode, tag))
            world.run(MODES[args.mode] + (["-c", "1"] if first else []) + ["-r", world.path("cap.pcapng")],
                      with_plugin=with_plugin, env={"LD_PRELOAD": world.path("mt_nodlclose.so")},
                      wrapper=["valgrind", "--tool=callgrind", "--callgrind-out-file=" + f],
                      stdout=open(os.devnull, "wb"))
            shutil.copy(f, keep)
            results[tag] = f
    total_w, self_w = annotate(results["with"], False)
    total_p, _ = annotate(results["plain"], False)
    first_w, _ = annotate(results["with.first"], False)
    first_p, _ = annotate(results["plain.first"], False)
    _, incl_w = annotate(results["with"], True)
    world.close()

    mine = sorted(((ir, fn, f) for fn, (ir, f, obj) in self_w.items() if is_mailteach(f, obj)), reverse=True)
    mine_total = sum(ir for ir, _, _ in mine)
    print("capture: %s, %d packets, tshark %s" % (os.path.basename(cap), packets, " ".join(MODES[args.mode])))
    print("instructions: with mailteach %d, plain %d, ratio %.3f; extra %.0f per packet"
          % (total_w, total_p, total_w / total_p, (total_w - total_p) / packets))
    per_w, per_p = (total_w - first_w) / (packets - 1), (total_p - first_p) / (packets - 1)
    print("per packet, start-up (a run of -c 1: %d with, %d plain) taken off: with mailteach %.0f,"
          " plain %.0f, ratio %.3f" % (first_w, first_p, per_w, per_p, per_w / per_p))
    print("mailteach's own functions (self): %d instructions, %.1f%% of the run, %.0f per packet"
          % (mine_total, 100.0 * mine_total / total_w, mine_total / packets))
    print("\n%-34s %12s %8s %7s  %s" % ("function (self cost)", "Ir", "/packet", "% run", "file"))
    for ir, fn, f in mine[:args.top]:
        print("%-34s %12d %8.1f %6.2f%%  %s" % (fn[:34], ir, ir / packets, 100.0 * ir / total_w,
                                                re.sub(r".*/(plugin/|packet-)", r"\1", f)))
    print("\n%-34s %12s %8s %7s" % ("entry point (inclusive)", "Ir", "/packet", "% run"))
    for fn in ENTRY_POINTS:
        if fn in incl_w:
            ir = incl_w[fn][0]
            print("%-34s %12d %8.1f %6.2f%%" % (fn, ir, ir / packets, 100.0 * ir / total_w))
    print("\ncallgrind files: %s" % keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
