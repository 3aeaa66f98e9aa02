#!/usr/bin/env python3
# test_calls_down.py - registration calls go down from the entry file, never up
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Reads the symbols of the plugin's object files (nm) and checks the
# adapter's layering (plugin/mt_epan.h): packet-mailteach.c registers the
# protocol and its preferences and is the only caller of the parts'
# registration functions; no other object uses anything the entry file
# defines; the parts own their registrations (mt_tree.c the fields,
# subtrees and expert infos, mt_conv.c the handles, their helper protocols
# and the heuristic).
#
# usage: test_calls_down.py NM OBJECT;OBJECT;...

import os
import subprocess
import sys
import unittest

NM = sys.argv[1] if len(sys.argv) > 1 else "nm"
OBJECTS = [o for arg in sys.argv[2:] for o in arg.split(";") if o]
ENTRY = "packet-mailteach.c"


def symbols(obj):
    """(defined, undefined) global symbols of one object file."""
    out = subprocess.run([NM, "-P", obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(name)
        elif kind in "TDBRVWC":
            defined.add(name)
    return defined, undefined


def source_of(obj):
    # CMake names objects after their source: .../plugin/mt_tree.c.o
    base = os.path.basename(obj)
    return base[:-2] if base.endswith(".o") else base


class CallsDown(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not OBJECTS:
            raise unittest.SkipTest("no object files given")
        cls.objs = {source_of(o): symbols(o) for o in OBJECTS}
        cls.entry = cls.objs.get(ENTRY)
        cls.parts = {k: v for k, v in cls.objs.items() if k != ENTRY}

    def users_of(self, symbol):
        return sorted(k for k, (_, undef) in self.objs.items() if symbol in undef)

    def test_objects_found(self):
        self.assertIsNotNone(self.entry, "no object for %s in %s" % (ENTRY, sorted(self.objs)))
        for part in ("mt_tree.c", "mt_conv.c", "mt_walk.c"):
            self.assertIn(part, self.parts)

    def test_nothing_calls_back_into_the_entry_file(self):
        defined, _ = self.entry
        for name, (_, undef) in self.parts.items():
            with self.subTest(name):
                self.assertEqual(sorted(undef & defined), [])

    def test_only_the_entry_file_calls_the_parts_registration(self):
        regs = sorted(s for _, (defs, _) in self.parts.items() for s in defs
                      if s.endswith("_register") or s.endswith("_handoff"))
        self.assertEqual(regs, ["mt_conv_handoff", "mt_conv_register", "mt_tree_register",
                                "mt_walk_register"])
        for r in regs:
            with self.subTest(r):
                self.assertEqual(self.users_of(r), [ENTRY])

    def test_only_the_entry_file_registers_the_protocol_and_preferences(self):
        api = {s for _, (_, undef) in self.objs.items() for s in undef
               if s in ("proto_register_protocol", "proto_register_plugin", "prefs_register_protocol")
               or s.startswith("prefs_register_")}
        self.assertIn("proto_register_protocol", api)
        for s in sorted(api):
            with self.subTest(s):
                self.assertEqual(self.users_of(s), [ENTRY])

    def test_the_parts_own_what_they_register(self):
        owners = {
            "proto_register_field_array": "mt_tree.c",
            "proto_register_subtree_array": "mt_tree.c",
            "expert_register_field_array": "mt_tree.c",
            "register_dissector_with_description": "mt_conv.c",
            "proto_register_protocol_in_name_only": "mt_conv.c",
            "heur_dissector_add": "mt_conv.c",
            "dissector_add_for_decode_as": "mt_conv.c",
            "register_tap": "mt_walk.c",
            "register_stat_tap_ui": "mt_walk.c",
            "register_seq_analysis": "mt_walk.c",
            "stats_tree_register_plugin": "mt_walk.c",
        }
        for api, owner in owners.items():
            with self.subTest(api):
                self.assertEqual(self.users_of(api), [owner])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
