#!/usr/bin/env python3
# valgrind memcheck on tshark with mailteach over every capture.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   python3 fuzz/valgrind.py [--plugin build/mailteach.so] [--only REGEX] [--hostile DIR]
#
# Runs `tshark -n -2 -V -r CAPTURE` (both passes, with a tree) under
# valgrind memcheck as user 65534 with the plugin in its personal folder,
# for every capture in captures/ (and, with --hostile, the small hostile
# captures of bench/hostile.py in DIR), as Wireshark's own
# tools/valgrind-wireshark.sh does: WIRESHARK_DEBUG_WMEM_OVERRIDE=simple
# and G_SLICE=always-malloc, so every allocation is valgrind's to check.
# fuzz/mt_nodlclose.so keeps the plugin loaded until exit, so a leak is
# reported with mailteach's function names.
#
# An error counts as mailteach's when a frame of its stack is in
# mailteach.so; the rest are Wireshark's and GLib's (counted, not
# judged). Prints one line per capture and a total; exit status 1 if
# mailteach has an invalid read or write, a use of uninitialised memory,
# an invalid free, or definitely lost memory.

import argparse
import collections
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tools"))
import mtworld  # noqa: E402

ENV = {"WIRESHARK_DEBUG_WMEM_OVERRIDE": "simple", "G_SLICE": "always-malloc"}


def parse(xml_path):
    """[(kind, bytes lost or 0, ours, first frames)] from a valgrind XML log."""
    out = []
    try:
        root = ET.parse(xml_path).getroot()
    except ET.ParseError:
        # valgrind writes the closing tag last; a killed run leaves it open
        with open(xml_path, "a") as f:
            f.write("</valgrindoutput>\n")
        root = ET.parse(xml_path).getroot()
    for err in root.iter("error"):
        kind = err.findtext("kind")
        lost = int(err.findtext("xwhat/leakedbytes") or 0)
        frames = []
        ours = False
        for fr in err.iter("frame"):
            obj = fr.findtext("obj") or ""
            fn = fr.findtext("fn") or "?"
            if "mailteach" in obj:
                ours = True
            frames.append("%s (%s)" % (fn, os.path.basename(obj)))
        out.append((kind, lost, ours, frames[:8]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plugin", default=os.path.join(SOURCE, "build", "mailteach.so"))
    ap.add_argument("--nodlclose", default=os.path.join(SOURCE, "build", "fuzz", "mt_nodlclose.so"))
    ap.add_argument("--captures", default=os.path.join(SOURCE, "captures"))
    ap.add_argument("--hostile", help="also the hostile captures in this folder smaller than 2 MB")
    ap.add_argument("--only", help="regex on the capture names")
    ap.add_argument("--suppressions", default="/work/ws-src/ws-4.0/tools/vg-suppressions",
                    help="Wireshark's vg-suppressions, if present (GLib and libc noise)")
    ap.add_argument("--keep", help="copy the XML logs here")
    args = ap.parse_args()

    world = mtworld.World(args.plugin)
    shutil.copy(args.nodlclose, world.path("mt_nodlclose.so"))
    logs = world.scratch("logs")
    world.fix_modes()
    caps = sorted(os.path.join(args.captures, c) for c in os.listdir(args.captures)
                  if c.endswith((".pcapng", ".pcap")))
    if args.hostile:
        caps += sorted(os.path.join(args.hostile, c) for c in os.listdir(args.hostile)
                       if c.endswith(".pcap") and os.path.getsize(os.path.join(args.hostile, c)) < 2_000_000)
    if args.only:
        caps = [c for c in caps if re.search(args.only, os.path.basename(c))]
    vg = ["valgrind", "--tool=memcheck", "--leak-check=full", "--show-leak-kinds=definite",
          "--errors-for-leak-kinds=definite", "--num-callers=40", "--xml=yes"]
    if args.suppressions and os.path.exists(args.suppressions):
        vg.append("--suppressions=" + args.suppressions)
    env = dict(ENV, LD_PRELOAD=world.path("mt_nodlclose.so"))
    totals = collections.Counter()
    bad = 0
    try:
        for cap in caps:
            name = os.path.basename(cap)
            shutil.copy(cap, world.path(name))
            world.fix_modes()
            xml = os.path.join(logs, name + ".xml")
            p = world.run(["-n", "-2", "-V", "-r", world.path(name)], env=env,
                          wrapper=vg + ["--xml-file=" + xml], stdout=open(os.devnull, "wb"))
            errors = parse(xml)
            ours = [e for e in errors if e[2]]
            theirs = [e for e in errors if not e[2]]
            lost_ours = sum(e[1] for e in ours if e[0] == "Leak_DefinitelyLost")
            lost_theirs = sum(e[1] for e in theirs if e[0] == "Leak_DefinitelyLost")
            kinds = collections.Counter(e[0] for e in ours if not e[0].startswith("Leak_"))
            totals["captures"] += 1
            totals["mailteach errors"] += sum(kinds.values())
            totals["mailteach definitely lost bytes"] += lost_ours
            totals["other errors"] += sum(1 for e in theirs if not e[0].startswith("Leak_"))
            totals["other definitely lost bytes"] += lost_theirs
            flag = "ok" if not kinds and not lost_ours and p.returncode == 0 else "FAIL"
            if flag == "FAIL":
                bad += 1
            print("%-52s %s  mailteach: %d errors %s, %d B definitely lost; others: %d errors, %d B lost%s"
                  % (name, flag, sum(kinds.values()), dict(kinds) if kinds else "", lost_ours,
                     sum(1 for e in theirs if not e[0].startswith("Leak_")), lost_theirs,
                     "" if p.returncode == 0 else " (tshark exit %d)" % p.returncode), flush=True)
            for kind, lost, _, frames in ours:
                print("    %s %s: %s" % (kind, "%d B" % lost if lost else "", " <- ".join(frames)))
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                shutil.copy(xml, args.keep)
            os.unlink(world.path(name))
    finally:
        world.close()
    print("valgrind memcheck: %d captures, mailteach: %d errors (invalid read/write, uninitialised,"
          " bad free), %d bytes definitely lost; Wireshark/GLib: %d errors, %d bytes definitely lost"
          % (totals["captures"], totals["mailteach errors"], totals["mailteach definitely lost bytes"],
             totals["other errors"], totals["other definitely lost bytes"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
