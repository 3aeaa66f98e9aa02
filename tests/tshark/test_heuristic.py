#!/usr/bin/env python3
# test_heuristic.py - mailteach finds mail on other ports and leaves the rest alone
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# captures/other-*.pcapng are real FTP (one greeting without the word FTP),
# HTTP, Redis (whose "+OK" replies look like POP3 greetings), random bytes
# and an NNTP-like server on non-standard ports: nothing there may be
# claimed, and nothing else in their dissection may change.

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import Tshark  # noqa: E402


def strip(packets):
    for p in packets:
        p["_source"]["layers"].get("frame", {}).pop("frame.time_relative", None)
    return packets


class LeavesOtherProtocolsAlone(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        cls.names = sorted(f for f in os.listdir(cls.ts.captures) if f.startswith("other-"))

    def test_the_negative_captures_are_there(self):
        for want in ("other-ftp-2121", "other-ftp-banner-2122", "other-http-8080", "other-redis-6380",
                     "other-random-bytes-9000", "other-nntp-like-1119"):
            self.assertIn(want + ".pcapng", self.names)

    def test_nothing_claimed(self):
        for name in self.names:
            for two in (False, True):
                with self.subTest(capture=name, two_pass=two):
                    self.assertEqual(self.ts.frame_numbers(name, "mailteach || smtp || pop || imap",
                                                           two_pass=two), [])

    def test_dissection_unchanged(self):
        for name in self.names:
            with self.subTest(capture=name):
                self.assertEqual(strip(self.ts.json(name)), strip(self.ts.json(name, with_plugin=False)))


class FindsMailOnOtherPorts(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def test_smtp_on_2525_from_the_greeting(self):
        # Postfix's greeting names ESMTP: claimed at once, the greeting annotated on one pass
        frames = self.ts.frame_numbers("smtp-port2525.pcapng", "mailteach")
        self.assertEqual(frames[0], 4)
        self.assertEqual(len(frames), 13)


if __name__ == "__main__":
    unittest.main(verbosity=2)
