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

    def test_language_falls_back_to_english(self):
        # untranslated texts are shown in English, never empty
        out = self.ts.run(["-r", self.ts.path("smtp-swaks-plain.pcapng"), "-o", "mailteach.language:ja",
                           "-Y", "frame.number == 14", "-T", "fields", "-e", "mailteach.explanation",
                           "-e", "mailteach.summary"]).stdout
        self.assertIn("Send the message now", out)
        self.assertIn("go ahead: send the message", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
