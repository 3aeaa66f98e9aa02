# mtshark.py - run tshark with and without mailteach and read what it says
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Wireshark ignores personal plugins when it runs as root (wsutil/plugins.c
# scans the personal folder only without special privileges), so as root
# tshark is run as the unprivileged user 65534 with HOME in a world-readable
# folder that holds the plugin and copies of the captures.

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def _walk(node, out):
    """Collect every field value below node into out: name -> [values]."""
    if isinstance(node, list):
        for n in node:
            _walk(n, out)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key.endswith("_tree") or key == "_ws.expert":
            _walk(value, out)
            continue
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, (dict, list)):
                _walk(v, out)
            else:
                out.setdefault(key, []).append(v)


TEACHING_NOTE = "mailteach.teaching_note"


def strip_teaching_notes(node):
    """Remove the Chat expert infos of the preference teaching_notes (each
    line's summary, on by default) from tshark's JSON, in place: tests
    that look for expert infos look for what mailteach flags."""
    if isinstance(node, list):
        for n in node:
            strip_teaching_notes(n)
        return
    if not isinstance(node, dict):
        return
    ex = node.get("_ws.expert")
    if ex is not None:
        kept = [e for e in (ex if isinstance(ex, list) else [ex])
                if not (isinstance(e, dict) and TEACHING_NOTE in e)]
        if not kept:
            del node["_ws.expert"]
        else:
            node["_ws.expert"] = kept if len(kept) > 1 else kept[0]
    for v in node.values():
        if isinstance(v, (dict, list)):
            strip_teaching_notes(v)


class Line:
    """One mailteach.line subtree: its text and every field under it."""

    def __init__(self, text, tree):
        self.text = text
        self.fields = {}
        _walk(tree, self.fields)

    def get(self, name):
        return self.fields.get(name, [])

    def first(self, name):
        v = self.fields.get(name)
        return v[0] if v else None

    def has(self, name, contains=None):
        if contains is None:
            return name in self.fields
        return any(contains in v for v in self.fields.get(name, []))

    def text_of(self, name):
        return " ".join(self.fields.get(name, []))

    def __repr__(self):
        return "Line(%r)" % self.text


class Frame:
    def __init__(self, number, layers):
        self.number = number
        self.layers = layers
        self.lines = []
        self.fields = {}
        mt = layers.get("mailteach")
        for layer in (mt if isinstance(mt, list) else [mt] if mt else []):
            if not isinstance(layer, dict):
                continue        # an item with no line under it
            texts = layer.get("mailteach.line", [])
            trees = layer.get("mailteach.line_tree", [])
            if not isinstance(texts, list):
                texts, trees = [texts], [trees]
            for text, tree in zip(texts, trees):
                self.lines.append(Line(text, tree))
            _walk(layer, self.fields)

    def line(self, name=None, value=None, contains=None):
        """The first line with field mailteach.<name> equal to value (or
        containing `contains`); with no name, the first line."""
        for ln in self.lines:
            if name is None:
                return ln
            full = name if name.startswith("mailteach") else "mailteach." + name
            if contains is not None and ln.has(full, contains):
                return ln
            if contains is None and (value is None and ln.has(full) or value in ln.get(full)):
                return ln
        raise AssertionError("frame %d: no line with %s=%r%s in %r"
                             % (self.number, name, value,
                                " containing %r" % contains if contains else "", self.lines))



class Tshark:
    """A world where tshark runs with mailteach, and one where it runs without."""

    _instance = None

    @classmethod
    def get(cls):
        if cls._instance is None:
            cls._instance = cls(os.environ.get("MAILTEACH_PLUGIN"),
                                os.environ.get("MAILTEACH_CAPTURES", os.path.join(SOURCE, "captures")))
        return cls._instance

    def __init__(self, plugin, captures):
        if not plugin or not os.path.exists(plugin):
            raise RuntimeError("MAILTEACH_PLUGIN must name the built mailteach.so (got %r)" % plugin)
        self.root = tempfile.mkdtemp(prefix="mailteach-tests-")
        os.chmod(self.root, 0o755)     # tshark runs as user 65534 in here
        self.with_home = os.path.join(self.root, "with")
        self.bare_home = os.path.join(self.root, "bare")
        self.captures = os.path.join(self.root, "captures")
        os.makedirs(self.with_home)
        os.makedirs(self.bare_home)
        self.version = self._version()
        plugin_dir = self._personal_plugin_dir()
        os.makedirs(plugin_dir)
        shutil.copy(plugin, os.path.join(plugin_dir, "mailteach.so"))
        shutil.copytree(captures, self.captures,
                        ignore=shutil.ignore_patterns("*.py", "*.sh", "*.md", "tools"))
        # mkdtemp makes a 0700 folder: user 65534 could not enter it and
        # the plugin would silently not load
        for dirpath, dirnames, filenames in os.walk(self.root):
            os.chmod(dirpath, 0o755)
            for f in filenames:
                os.chmod(os.path.join(dirpath, f), 0o644)
        self._cache = {}
        self._check_loaded()

    def _cmd(self, args, with_plugin, locale=None):
        """locale: {"LANG": ..., "LC_ALL": ...}, in place of LANG=C.UTF-8"""
        home = self.with_home if with_plugin else self.bare_home
        env = ["env", "-i", "PATH=/usr/bin:/bin", "HOME=" + home,
               "XDG_CONFIG_HOME=" + os.path.join(home, ".config")]
        env += ["%s=%s" % kv for kv in sorted((locale or {"LANG": "C.UTF-8"}).items())]
        if os.geteuid() == 0:
            return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + env + ["tshark"] + args
        return env + ["tshark"] + args

    def _version(self):
        """(major, minor) of the tshark that runs the tests."""
        first = self.run(["--version"], with_plugin=False).stdout.splitlines()[0]
        m = re.search(r"\b(\d+)\.(\d+)\.\d+", first)
        if not m:
            raise RuntimeError("cannot read the version of tshark from %r" % first)
        return int(m.group(1)), int(m.group(2))

    def at_least(self, major, minor):
        """True when the tshark under test is Wireshark major.minor or newer."""
        return self.version >= (major, minor)

    def _personal_plugin_dir(self):
        """Where this tshark looks for personal dissector plugins
        (~/.local/lib/wireshark/plugins/<major.minor>/epan), as it says
        itself in -G folders."""
        out = self.run(["-G", "folders"]).stdout
        for line in out.splitlines():
            name, _, path = line.partition(":")
            if name.strip() == "Personal Plugins":
                return os.path.join(path.strip(), "epan")
        raise RuntimeError("tshark -G folders names no personal plugin folder:\n" + out)

    def run(self, args, with_plugin=True, check=True, locale=None):
        p = subprocess.run(self._cmd(args, with_plugin, locale), cwd=self.root, capture_output=True,
                           text=True, encoding="utf-8", errors="replace")
        if check and p.returncode != 0:
            raise AssertionError("tshark %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
        return p

    def _check_loaded(self):
        out = self.run(["-G", "plugins"]).stdout
        if "mailteach.so" not in out:
            raise RuntimeError("tshark -G plugins does not list mailteach.so: the plugin did not load.\n" + out)
        if "mailteach" not in self.run(["-G", "protocols"]).stdout:
            raise RuntimeError("tshark -G protocols does not list mailteach")

    def path(self, capture):
        p = os.path.join(self.captures, capture)
        if not os.path.exists(p):
            raise unittest.SkipTest("capture %s is missing" % capture)
        return p

    def json(self, capture, two_pass=False, with_plugin=True, layers=None, extra=(), teaching_notes=False):
        """tshark -T json of a capture; without the teaching notes unless asked."""
        key = (capture, two_pass, with_plugin, layers, tuple(extra), teaching_notes)
        if key not in self._cache:
            args = ["-r", self.path(capture), "-T", "json", "--no-duplicate-keys"]
            if layers:
                args += ["-J", layers]
            if two_pass:
                args.append("-2")
            args += list(extra)
            out = self.run(args, with_plugin).stdout
            packets = json.loads(out) if out.strip() else []
            for p in packets:
                p.pop("_index", None)
                if not teaching_notes:
                    strip_teaching_notes(p)
            self._cache[key] = packets
        return self._cache[key]

    def frames(self, capture, two_pass=False, extra=()):
        """Frame number -> Frame, for every frame."""
        result = {}
        for p in self.json(capture, two_pass, extra=extra):
            layers = p["_source"]["layers"]
            num = int(layers["frame"]["frame.number"])
            result[num] = Frame(num, layers)
        return result

    def field_values(self, capture, fields, display_filter=None, two_pass=False, with_plugin=True):
        """[(frame, {field: [values]})] from -T fields, one row a frame."""
        args = ["-r", self.path(capture), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=\x1f",
                "-E", "separator=\x1e", "-e", "frame.number"]
        for f in fields:
            args += ["-e", f]
        if display_filter:
            args += ["-Y", display_filter]
        if two_pass:
            args.append("-2")
        rows = []
        # not splitlines(): it also splits at \x1e and \x1f
        for line in self.run(args, with_plugin).stdout.split("\n"):
            if not line:
                continue
            cols = line.split("\x1e")
            rows.append((int(cols[0]), {f: (c.split("\x1f") if c else [])
                                        for f, c in zip(fields, cols[1:])}))
        return rows

    def frame_numbers(self, capture, display_filter, two_pass=False, with_plugin=True):
        return [f for f, _ in self.field_values(capture, [], display_filter, two_pass, with_plugin)]


class CaptureTest(unittest.TestCase):
    """Base class: tests read frames of a capture, on one and two passes."""

    capture = None

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def frames(self, two_pass=False, capture=None):
        return self.ts.frames(capture or self.capture, two_pass)

    def both_passes(self, capture=None):
        """The frames on one pass and on two (tshark -2)."""
        return [("one pass", self.frames(False, capture)), ("two passes", self.frames(True, capture))]
