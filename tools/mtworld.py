# mtworld.py - run tshark as the unprivileged user, with or without mailteach
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Wireshark loads personal plugins only without special privileges, so
# every measuring and fuzzing script runs tshark as user 65534 (when run
# as root) with HOME in a world-readable folder: "with" holds the plugin in
# .local/lib/wireshark/plugins/<major.minor>/epan/ (the version of the
# tshark on PATH), "plain" holds the same folder empty. Everything else (tshark, its preferences, the user) is the same,
# so a difference between the two is mailteach's.

import os
import shutil
import re
import subprocess
import tempfile



def tshark_minor_version(program="tshark"):
    """"4.0", "4.4", "4.6": the major.minor of the tshark on PATH, which
    names the personal plugin folder it reads (a plugin in another
    version's folder is silently not loaded)."""
    first = subprocess.run([program, "--version"], capture_output=True, text=True,
                           errors="replace").stdout.splitlines()
    m = re.search(r"\b(\d+)\.(\d+)\.\d+", first[0] if first else "")
    if not m:
        raise RuntimeError("cannot read the version of %s from %r" % (program, first[:1]))
    return "%s.%s" % (m.group(1), m.group(2))


def plugin_subdir():
    """The personal plugin folder below a home, for the tshark on PATH."""
    return os.path.join(".local", "lib", "wireshark", "plugins", tshark_minor_version(), "epan")
SANITIZER_RUNTIMES = ("/usr/lib/x86_64-linux-gnu/libasan.so.8",
                      "/usr/lib/x86_64-linux-gnu/libubsan.so.1")


def sanitizer_preload(nodlclose=None):
    """LD_PRELOAD value for a plugin built with gcc's ASan and UBSan; with
    nodlclose (build/fuzz/mt_nodlclose.so) plugins stay loaded until exit,
    so that LeakSanitizer can name their functions."""
    found = [p for p in SANITIZER_RUNTIMES if os.path.exists(p)]
    if len(found) != len(SANITIZER_RUNTIMES):
        raise RuntimeError("sanitizer runtimes missing: %s" % ", ".join(SANITIZER_RUNTIMES))
    if nodlclose:
        found.append(nodlclose)
    return ":".join(found)


class World:
    """Two homes for tshark, one with the plugin and one without."""

    def __init__(self, plugin, root=None, keep=False):
        if not plugin or not os.path.exists(plugin):
            raise RuntimeError("no plugin at %r (build it first)" % plugin)
        self.root = root or tempfile.mkdtemp(prefix="mailteach-world-")
        self.keep = keep
        self.homes = {True: os.path.join(self.root, "with"), False: os.path.join(self.root, "plain")}
        subdir = plugin_subdir()
        for home in self.homes.values():
            os.makedirs(os.path.join(home, subdir), exist_ok=True)
        shutil.copy(plugin, os.path.join(self.homes[True], subdir, "mailteach.so"))
        self.files = os.path.join(self.root, "files")
        os.makedirs(self.files, exist_ok=True)
        self.fix_modes()

    def fix_modes(self):
        # mkdtemp makes a 0700 folder: user 65534 could not enter it and the
        # plugin would silently not load
        for dirpath, _, filenames in os.walk(self.root):
            if os.stat(dirpath).st_mode & 0o1777 != 0o1777:
                os.chmod(dirpath, 0o755)
            for f in filenames:
                os.chmod(os.path.join(dirpath, f), 0o644)

    def scratch(self, name):
        """A folder user 65534 may write to (valgrind's and callgrind's
        output files)."""
        d = os.path.join(self.root, name)
        os.makedirs(d, exist_ok=True)
        os.chmod(d, 0o1777)
        return d

    def path(self, name):
        """A world-readable place for a file tshark must read."""
        return os.path.join(self.files, name)

    def command(self, args, with_plugin=True, env=None, wrapper=(), program="tshark"):
        home = self.homes[with_plugin]
        e = ["PATH=/usr/bin:/bin", "HOME=" + home, "LANG=C.UTF-8",
             "XDG_CONFIG_HOME=" + os.path.join(home, ".config")]
        e += ["%s=%s" % kv for kv in (env or {}).items()]
        cmd = ["env", "-i"] + e + list(wrapper) + [program] + list(args)
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
        return cmd

    def run(self, args, with_plugin=True, env=None, wrapper=(), timeout=None, stdout=subprocess.PIPE,
            program="tshark"):
        return subprocess.run(self.command(args, with_plugin, env, wrapper, program), cwd=self.root,
                              stdout=stdout, stderr=subprocess.PIPE, timeout=timeout)

    def check_loaded(self, capture, env=None):
        """mailteach annotates capture in the world with it, and is unknown
        in the plain one. (Dissecting, not "-G plugins": that hangs at exit
        with the sanitizer runtimes preloaded.)"""
        shutil.copy(capture, self.path("check.pcapng"))
        self.fix_modes()
        args = ["-r", self.path("check.pcapng"), "-Y", "mailteach", "-T", "fields", "-e", "frame.number"]
        p = self.run(args, env=env, timeout=300)
        if not p.stdout.strip():
            raise RuntimeError("mailteach did not annotate %s: the plugin did not load?\n%s"
                               % (capture, p.stderr.decode("utf-8", "replace")))
        p = self.run(args, with_plugin=False, env=env, timeout=300)
        if p.returncode == 0:
            raise RuntimeError("the plain world knows the mailteach filter: it loads the plugin too")

    def close(self):
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)
