#!/usr/bin/env python3
# test_registration.py - what mailteach registers is what the docs promise
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Checks, on the loaded plugin, what Wireshark's checkhf.pl and
# checkfiltername.pl cannot see through the .def tables: every field and
# expert info of the core's tables is registered, under "mailteach.", with
# a blurb, no name twice, no expert name equal to a field name; the
# README's field reference and preference list are current.

import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools"))
from mtshark import SOURCE, Tshark  # noqa: E402
import fieldref  # noqa: E402


class Registration(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        ts = Tshark.get()
        rows = [line.split("\t") for line in ts.run(["-G", "fields"]).stdout.split("\n")]
        cls.registered = {r[2]: r for r in rows if len(r) > 4 and r[0] == "F" and r[4] == "mailteach"}
        cls.prefs = ts.run(["-G", "defaultprefs"]).stdout
        cls.plugins = ts.run(["-G", "plugins"]).stdout

    def test_every_field_registered_with_a_blurb(self):
        for abbrev, name, ftype, blurb in fieldref.fields():
            with self.subTest(abbrev):
                self.assertIn(abbrev, self.registered)
                self.assertEqual(self.registered[abbrev][3], ftype)
                self.assertTrue(blurb)
                self.assertRegex(abbrev, r"^mailteach\.[a-z0-9_.]+$")

    def test_every_expert_info_registered(self):
        fields = {f[0] for f in fieldref.fields()}
        for abbrev, group, sev, text, rfc in fieldref.anomalies():
            with self.subTest(abbrev):
                self.assertIn(abbrev, self.registered)
                self.assertEqual(self.registered[abbrev][3], "FT_NONE")
                self.assertNotIn(abbrev, fields, "an expert name must not be a field name")
                self.assertRegex(abbrev, r"^mailteach\.[a-z0-9_.]+$")

    def test_nothing_registered_that_is_not_documented(self):
        documented = {f[0] for f in fieldref.fields()} | {a[0] for a in fieldref.anomalies()}
        self.assertEqual(sorted(set(self.registered) - documented), [])

    def test_readme_field_reference_is_current(self):
        p = subprocess.run([sys.executable, os.path.join(SOURCE, "tools", "fieldref.py"), "--check"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_readme_lists_every_preference(self):
        readme = open(os.path.join(SOURCE, "README.md"), encoding="utf-8").read()
        prefs = re.findall(r"^#mailteach\.(\w+):", self.prefs, re.M)
        self.assertGreaterEqual(len(prefs), 3)
        for p in prefs:
            with self.subTest(p):
                self.assertIn("`mailteach.%s`" % p, readme)

    def test_plugin_listed(self):
        self.assertIn("mailteach.so", self.plugins)


if __name__ == "__main__":
    unittest.main(verbosity=2)
