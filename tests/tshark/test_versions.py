#!/usr/bin/env python3
# test_versions.py - the plugin is built for the Wireshark that runs it
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Wireshark loads a plugin only from the folder of its own major.minor
# version, and only if the plugin says it wants that version. These tests
# run on every version of the test matrix (tools/test-matrix.sh): 4.0, 4.4
# and 4.6, each with the plugin built against its own headers.

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import Tshark  # noqa: E402

# What Wireshark's loader looks up (wsutil/plugins.c); plugin_describe()
# since 4.4, where `tshark -G plugins` shows the type it returns.
LOADER_SYMBOLS = {"plugin_version", "plugin_want_major", "plugin_want_minor", "plugin_register"}
WS_PLUGIN_DESC_DISSECTOR = 1


def plugin_rows(out):
    """tshark -G plugins: name, version, type, path per row."""
    return [[c.strip() for c in line.split("\t")] for line in out.splitlines() if line.count("\t") >= 3]


class Versions(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        cls.plugin = os.environ["MAILTEACH_PLUGIN"]
        cls.rows = [r for r in plugin_rows(cls.ts.run(["-G", "plugins"]).stdout)
                    if r[0] == "mailteach.so"]

    def test_built_for_the_version_that_runs_it(self):
        lib = ctypes.CDLL(self.plugin)
        want = (ctypes.c_int.in_dll(lib, "plugin_want_major").value,
                ctypes.c_int.in_dll(lib, "plugin_want_minor").value)
        self.assertEqual(want, self.ts.version)
        # a char array, not a pointer
        version = ctypes.string_at(ctypes.addressof(ctypes.c_char.in_dll(lib, "plugin_version")))
        self.assertRegex(version.decode("ascii"), r"^\d+\.\d+\.\d+")

    def test_exports_only_what_the_loader_looks_for(self):
        nm = shutil.which("nm")
        if nm is None:
            self.skipTest("nm (binutils) is not installed")
        out = subprocess.run([nm, "-D", "--defined-only", self.plugin], capture_output=True,
                             text=True, check=True).stdout
        exported = {line.split()[-1] for line in out.splitlines() if line.strip()}
        expected = set(LOADER_SYMBOLS)
        if self.ts.at_least(4, 4):
            expected.add("plugin_describe")
        # the core's functions stay inside the plugin: Wireshark opens
        # plugins with global symbols, where they could clash with others'
        self.assertEqual(exported - {"_init", "_fini"}, expected)

    def test_describes_itself_as_a_dissector(self):
        lib = ctypes.CDLL(self.plugin)
        if not self.ts.at_least(4, 4):
            self.assertFalse(hasattr(lib, "plugin_describe"))
            return
        lib.plugin_describe.restype = ctypes.c_uint32
        self.assertEqual(lib.plugin_describe(), WS_PLUGIN_DESC_DISSECTOR)

    def test_loaded_from_the_personal_folder_of_this_version(self):
        self.assertEqual(len(self.rows), 1, self.rows)
        name, version, kind, path = self.rows[0][:4]
        self.assertEqual(kind, "dissector")
        folder = os.path.join(".local", "lib", "wireshark", "plugins",
                              "%d.%d" % self.ts.version, "epan", "mailteach.so")
        self.assertTrue(path.endswith(os.sep + folder), path)

    def test_install_user_target_picks_this_versions_folder(self):
        build = os.environ.get("MAILTEACH_BUILD_DIR")
        cmake = os.environ.get("MAILTEACH_CMAKE", "cmake")
        if not build:
            self.skipTest("MAILTEACH_BUILD_DIR is not set")
        home = tempfile.mkdtemp(prefix="mailteach-home-")
        try:
            os.chmod(home, 0o755)
            env = dict(os.environ, HOME=home)
            p = subprocess.run([cmake, "--build", build, "--target", "install-user"],
                               env=env, capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            # where this tshark itself looks, for a user with that HOME
            out = self.ts.run(["-G", "folders"], with_plugin=False).stdout
            personal = [line.split(":", 1)[1].strip() for line in out.splitlines()
                        if line.startswith("Personal Plugins:")][0]
            personal = personal.replace(self.ts.bare_home, home)
            installed = os.path.join(personal, "epan", "mailteach.so")
            self.assertTrue(os.path.isfile(installed), "install-user did not write %s:\n%s"
                            % (installed, p.stdout))
            self.assertTrue(personal.endswith("plugins/%d.%d" % self.ts.version), personal)
        finally:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
