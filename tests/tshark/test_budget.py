#!/usr/bin/env python3
# test_budget.py - memory budgets, and lines without end on a heuristic port
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The captures are hand-made (bench/pcapgen.py, labelled "handmade" in
# their names) and written at run time: a POP3 client pipelining 5,000
# NOOP commands on port 1110, and an SMTP client sending a 300,000-byte
# line without CRLF on port 2525. Issue 12: what mailteach keeps to show a
# session again is bounded by the preferences session_budget_mib and
# capture_budget_mib; past a budget it says so once and only counts lines.
# On a port where its heuristic found mail, Wireshark's own dissector may
# not reassemble a line beyond 64 KiB.

import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
from mtshark import Tshark  # noqa: E402
from pcapgen import CLIENT as C, SERVER as S, PcapWriter, TcpSession  # noqa: E402

NOOPS = 5000
FLOOD = "handmade-budget-pop3-noop-flood-p1110.pcap"
LONG = "handmade-long-line-smtp-p2525.pcap"
LONG_LEN = 300000
# greeting, USER, +OK, the NOOPs and their +OKs, QUIT, +OK
FLOOD_LINES = 3 + 2 * NOOPS + 2


def write_captures(folder):
    with PcapWriter(os.path.join(folder, FLOOD)) as w:
        s = TcpSession(w, "10.0.0.2", 40001, "10.0.0.1", 1110)
        s.handshake()
        s.send(S, b"+OK POP3 server ready\r\n")
        s.send(C, b"USER student\r\n")
        s.send(S, b"+OK\r\n")
        s.send(C, b"NOOP\r\n" * NOOPS)
        s.send(S, b"+OK\r\n" * NOOPS)
        s.send(C, b"QUIT\r\n")
        s.send(S, b"+OK bye\r\n")
        s.close()
    with PcapWriter(os.path.join(folder, LONG)) as w:
        s = TcpSession(w, "10.0.0.2", 40002, "10.0.0.1", 2525)
        s.handshake()
        s.send(S, b"220 mx.example.test ESMTP\r\n")
        s.send(C, b"EHLO client.example.test\r\n")
        s.send(S, b"250-mx.example.test\r\n250 8BITMIME\r\n")
        s.send(C, b"X" * LONG_LEN)
        s.send(C, b"\r\nQUIT\r\n")
        s.send(S, b"221 2.0.0 Bye\r\n")
        s.close()
    for name in (FLOOD, LONG):
        os.chmod(os.path.join(folder, name), 0o644)


def ints(values):
    return [int(v) for v in values]


class Budget(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        write_captures(cls.ts.captures)

    def rows(self, prefs, two_pass=False):
        extra = []
        for p in prefs:
            extra += ["-o", p]
        args = ["-r", self.ts.path(FLOOD), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                "-e", "frame.number", "-e", "mailteach.line", "-e", "mailteach.line.partial",
                "-e", "mailteach.budget.stopped_in",
                "-e", "mailteach.budget.lines", "-e", "mailteach.budget.limit",
                "-e", "_ws.expert.message", "-Y", "mailteach"] + extra
        if two_pass:
            args.append("-2")
        out = []
        for line in self.ts.run(args).stdout.splitlines():
            cols = [c.split(",") if c else [] for c in line.split("\t")]
            # a line cut by a segment end is told as it arrives (a partial
            # line) and again, whole, when it ends
            out.append({"frame": int(cols[0][0]), "lines": len(cols[1]) - len(cols[2]),
                        "stopped_in": ints(cols[3]), "budget_lines": ints(cols[4]), "limit": ints(cols[5]),
                        "experts": cols[6]})
        return out

    def stop_frames(self, rows, text):
        return [r["frame"] for r in rows if any(text in e for e in r["experts"])]

    def test_default_budget_explains_the_whole_session(self):
        rows = self.rows([])
        self.assertFalse([r for r in rows if r["stopped_in"]])
        self.assertEqual(sum(r["lines"] for r in rows), FLOOD_LINES)

    def test_session_budget_stops_once_and_counts_the_rest(self):
        for two in (False, True):
            with self.subTest(two_pass=two):
                rows = self.rows(["mailteach.session_budget_mib:1"], two)
                stops = self.stop_frames(rows, "session_budget_mib")
                self.assertEqual(len(stops), 1, stops)
                stop = stops[0]
                before = [r for r in rows if r["frame"] < stop]
                after = [r for r in rows if r["frame"] >= stop]
                # explained before the stop, then not one line more
                self.assertTrue(before and all(r["lines"] and not r["stopped_in"] for r in before))
                self.assertTrue(all(r["stopped_in"] == [stop] for r in after))
                first = [r for r in after if r["frame"] == stop][0]
                self.assertEqual(first["limit"], [1048576])
                # every line of the session is either explained or counted
                explained = sum(r["lines"] for r in before)
                counted = sum(sum(r["budget_lines"]) for r in after)
                self.assertEqual(explained + counted, FLOOD_LINES)
                # a NOOP record takes a few hundred bytes: 1 MiB holds thousands
                self.assertGreater(explained, 1000)
                self.assertLess(explained, 2 * NOOPS)

    def test_one_and_two_passes_stop_in_the_same_frame(self):
        one = self.stop_frames(self.rows(["mailteach.session_budget_mib:1"]), "session_budget_mib")
        two = self.stop_frames(self.rows(["mailteach.session_budget_mib:1"], True), "session_budget_mib")
        self.assertEqual(one, two)

    def test_capture_budget(self):
        rows = self.rows(["mailteach.capture_budget_mib:1"])
        stops = self.stop_frames(rows, "capture_budget_mib")
        self.assertEqual(len(stops), 1, stops)
        self.assertFalse(self.stop_frames(rows, "session_budget_mib"))

    def test_zero_means_no_limit(self):
        rows = self.rows(["mailteach.session_budget_mib:0", "mailteach.capture_budget_mib:0"])
        self.assertFalse([r for r in rows if r["stopped_in"]])

    def test_walkthrough_tells_the_stop(self):
        out = self.ts.run(["-q", "-r", self.ts.path(FLOOD), "-o", "mailteach.session_budget_mib:1",
                           "-z", "mailteach,walkthrough"]).stdout
        stop = self.stop_frames(self.rows(["mailteach.session_budget_mib:1"]), "session_budget_mib")[0]
        line = [l for l in out.splitlines() if "explanations stop here: memory budget reached" in l]
        self.assertEqual(len(line), 1, out[-2000:])
        self.assertRegex(line[0], r"^\s*%d\b" % stop)

    def test_budget_texts_translated(self):
        rows = self.rows(["mailteach.session_budget_mib:1", "mailteach.language:ja"])
        msgs = [e for r in rows for e in r["experts"] if "session_budget_mib" in e]
        self.assertEqual(len(msgs), 1)
        self.assertRegex(msgs[0], "[\u3040-\u30ff]")


class LongLineOnAHeuristicPort(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        write_captures(cls.ts.captures)

    def test_reassembly_is_cut_at_64_kib(self):
        for two in (False, True):
            with self.subTest(two_pass=two):
                rows = self.ts.field_values(LONG, ["tcp.reassembled.length", "mailteach.line.partial",
                                                   "mailteach.smtp.command"], "mailteach", two)
                lengths = [int(v) for _, f in rows for v in f["tcp.reassembled.length"]]
                self.assertTrue(lengths)
                # the built-in asked for more until 64 KiB, never the whole 300,000 bytes
                self.assertLessEqual(max(lengths), 65536 + 1460)
                # the line is told in pieces as it arrives, and the session goes on
                self.assertGreaterEqual(sum(1 for _, f in rows if f["mailteach.line.partial"]), 4)
                self.assertIn("QUIT", [c for _, f in rows for c in f["mailteach.smtp.command"]])

    def test_without_mailteach_nothing_reassembles_there(self):
        # plain tshark does not know mail on 2525: the cut only bounds what
        # mailteach's hand-over to the built-in would have cost
        rows = self.ts.field_values(LONG, ["tcp.reassembled.length"], None, with_plugin=False)
        self.assertFalse([f for _, f in rows if f["tcp.reassembled.length"]])


if __name__ == "__main__":
    unittest.main(verbosity=2)
