#!/usr/bin/env python3
# test_decode_as.py - Decode As by name picks the protocol the user names
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tshark -d finds a handle by the filter name of its protocol. mailteach's
# three handles belong to the helper protocols mailteach.smtp,
# mailteach.pop3 and mailteach.imap, so each name picks its own protocol
# (it used to print "matched 3 dissectors" and always take IMAP). The
# heuristic is turned off in these runs, so that only Decode As can have
# attached mailteach to the non-standard ports of these captures.

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import Tshark  # noqa: E402

NO_HEURISTIC = ["--disable-heuristic", "mailteach_tcp"]


class DecodeAsByName(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def decode(self, capture, port, name, fields, two_pass=False, check=True):
        """tshark -d tcp.port==port,name: (stderr, {frame: {field: [values]}}),
        for the frames mailteach annotated."""
        args = ["-r", self.ts.path(capture), "-d", "tcp.port==%d,%s" % (port, name)] + NO_HEURISTIC
        args += ["-Y", "mailteach", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=\x1f",
                 "-E", "separator=\x1e", "-e", "frame.number"]
        for f in fields:
            args += ["-e", f]
        if two_pass:
            args.append("-2")
        p = self.ts.run(args, check=check)
        rows = {}
        for line in p.stdout.split("\n"):
            if line:
                cols = line.split("\x1e")
                rows[int(cols[0])] = {f: (c.split("\x1f") if c else []) for f, c in zip(fields, cols[1:])}
        return p, rows

    def assert_protocol(self, rows, protocol):
        self.assertTrue(rows, "nothing annotated")
        for num, f in rows.items():
            self.assertEqual(set(f["mailteach.protocol"]), {protocol}, "frame %d" % num)

    def test_without_decode_as_nothing_is_annotated(self):
        # the control: with the heuristic off, these ports are plain TCP
        out = self.ts.run(["-r", self.ts.path("pop3-port1110.pcapng"), "-Y", "mailteach"] + NO_HEURISTIC)
        self.assertEqual(out.stdout.strip(), "")

    def test_pop3_on_1110(self):
        for two_pass in (False, True):
            with self.subTest(two_pass=two_pass):
                p, rows = self.decode("pop3-port1110.pcapng", 1110, "mailteach.pop3",
                                      ["mailteach.protocol", "frame.protocols", "mailteach.pop3.command",
                                       "mailteach.pop3.messages", "mailteach.pop3.octets"], two_pass)
                self.assertNotIn("matched", p.stderr)
                self.assert_protocol(rows, "POP3")
                # Wireshark's own POP dissector runs under mailteach, as on port 110
                self.assertIn(":tcp:mailteach:pop", rows[12]["frame.protocols"][0])
                self.assertEqual(rows[12]["mailteach.pop3.command"], ["STAT"])
                # frame 13: "+OK 3 2842" is 3 messages, 2842 octets
                self.assertEqual(rows[13]["mailteach.pop3.messages"], ["3"])
                self.assertEqual(rows[13]["mailteach.pop3.octets"], ["2842"])

    def test_smtp_on_2525(self):
        p, rows = self.decode("smtp-port2525.pcapng", 2525, "mailteach.smtp",
                              ["mailteach.protocol", "mailteach.smtp.command", "mailteach.smtp.reply.code"])
        self.assertNotIn("matched", p.stderr)
        self.assert_protocol(rows, "SMTP")
        self.assertEqual(rows[6]["mailteach.smtp.command"], ["EHLO"])
        self.assertEqual(rows[14]["mailteach.smtp.reply.code"], ["354"])

    def test_imap_on_1143(self):
        p, rows = self.decode("imap-port1143.pcapng", 1143, "mailteach.imap",
                              ["mailteach.protocol", "mailteach.imap.command", "mailteach.imap.literal.size"])
        self.assertNotIn("matched", p.stderr)
        self.assert_protocol(rows, "IMAP")
        self.assertEqual(rows[9]["mailteach.imap.command"], ["LOGIN"])
        # frame 20: the {519} literal of FETCH 1 (BODY[]) is counted
        self.assertIn("519", rows[20]["mailteach.imap.literal.size"])

    def test_the_name_decides_not_the_traffic(self):
        # a teacher may decode on purpose as the wrong protocol: the name wins
        for name, protocol in (("mailteach.smtp", "SMTP"), ("mailteach.pop3", "POP3"),
                               ("mailteach.imap", "IMAP")):
            with self.subTest(name):
                p, rows = self.decode("pop3-port1110.pcapng", 1110, name, ["mailteach.protocol"])
                self.assertNotIn("matched", p.stderr)
                self.assert_protocol(rows, protocol)

    def test_same_annotations_as_the_heuristic(self):
        for capture, port, name in (("smtp-port2525.pcapng", 2525, "mailteach.smtp"),
                                    ("pop3-port1110.pcapng", 1110, "mailteach.pop3"),
                                    ("imap-port1143.pcapng", 1143, "mailteach.imap")):
            with self.subTest(capture):
                _, decoded = self.decode(capture, port, name, ["mailteach.line", "mailteach.explanation"])
                found = self.ts.field_values(capture, ["mailteach.line", "mailteach.explanation"], "mailteach")
                self.assertEqual(decoded, dict(found))

    def test_bare_name_is_refused_with_the_three_names(self):
        # "mailteach" alone does not say which protocol: tshark says so and
        # lists the names it accepts
        p, _ = self.decode("pop3-port1110.pcapng", 1110, "mailteach", [], check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertNotIn("matched", p.stderr)
        self.assertIn('"mailteach" isn\'t valid for layer type "tcp.port"', p.stderr)
        for proto in ("SMTP", "POP3", "IMAP"):
            self.assertIn("mailteach.%s (%s with mailteach annotations)" % (proto.lower(), proto), p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
