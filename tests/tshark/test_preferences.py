#!/usr/bin/env python3
# test_preferences.py - the preferences do what the README says
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import Tshark  # noqa: E402


class Preferences(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def frames(self, capture, flt, *prefs):
        args = ["-r", self.ts.path(capture), "-Y", flt, "-T", "fields", "-e", "frame.number"]
        for p in prefs:
            args += ["-o", p]
        return [int(x) for x in self.ts.run(args).stdout.split()]

    def test_standard_ports_off_leaves_wiresharks_own_dissection(self):
        cap = "smtp-swaks-plain.pcapng"
        self.assertEqual(self.frames(cap, "mailteach", "mailteach.standard_ports:FALSE"), [])
        self.assertEqual(self.frames(cap, "smtp", "mailteach.standard_ports:FALSE"),
                         self.frames(cap, "smtp"))
        self.assertEqual(len(self.frames(cap, "mailteach")), 13)

    def test_standard_ports_off_keeps_the_heuristic(self):
        self.assertEqual(len(self.frames("smtp-port2525.pcapng", "mailteach", "mailteach.standard_ports:FALSE")), 13)

    def test_editing_the_builtin_port_preference_does_not_displace_mailteach(self):
        # Wireshark's SMTP dissector registers itself again on its ports
        cap = "smtp-swaks-plain.pcapng"
        self.assertEqual(len(self.frames(cap, "mailteach", "smtp.tcp.port:25,2526")), 13)

    def test_own_port_range(self):
        # 2525 as a standard port: claimed through the port table, not the heuristic
        self.assertEqual(len(self.frames("smtp-port2525.pcapng", "mailteach", "mailteach.smtp_ports:2525")), 13)
        self.assertEqual(self.frames("smtp-swaks-plain.pcapng", "mailteach", "mailteach.smtp_ports:2525",
                                     "mailteach.smtp_tls_ports:465"), [])

    def test_mime_limits(self):
        # the MIME lab message nests 3 levels (mixed > alternative > related) and has 9 parts
        cap = "smtp-mime.pcapng"

        def values(field, *prefs):
            args = ["-r", self.ts.path(cap), "-Y", "mailteach", "-T", "fields", "-E", "occurrence=a",
                    "-E", "aggregator=,", "-e", field]
            for p in prefs:
                args += ["-o", p]
            return ",".join(v for v in self.ts.run(args).stdout.split() if v)

        self.assertNotIn("mailteach.mime.depth.exceeded", values("_ws.expert.message"))
        self.assertIn("1.2.2", values("mailteach.mime.part"))
        deep = values("mailteach.mime.part", "mailteach.mime_max_depth:2")
        self.assertNotIn("1.2.2", deep)
        self.assertIn("1.2", deep)
        few = values("mailteach.mime.part", "mailteach.mime_max_parts:3")
        self.assertNotIn("1.2.1", few)
        # 1 KiB of decoded octets kept, the size counted in full
        self.assertIn("281", values("mailteach.mime.body.decoded_size", "mailteach.mime_max_decoded_kib:1"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
