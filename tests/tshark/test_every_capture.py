#!/usr/bin/env python3
# test_every_capture.py - what must hold for every capture in captures/
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# - Wireshark's own SMTP/POP/IMAP/IMF dissection is exactly what it is
#   without mailteach, frame by frame;
# - no frame is malformed that is not malformed without mailteach;
# - every frame that carries mail protocol bytes gets a mailteach subtree;
# - revisiting (tshark -2) shows what the first pass showed;
# - tshark -n, where mailteach stops feeding its core because nothing of
#   it is seen, prints the same lines as when it follows every session.

import copy
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import Tshark  # noqa: E402

BUILTIN_LAYERS = "smtp imf pop imap"
# captures are named after their protocol: smtp-*, pop3-*, imap-*
PROTOCOLS = ("smtp-", "pop3-", "imap-")


def captures():
    ts = Tshark.get()
    return sorted(f for f in os.listdir(ts.captures)
                  if f.endswith((".pcapng", ".pcap")) and f.startswith(PROTOCOLS))


def layer_map(packets, names):
    out = {}
    for p in packets:
        layers = p["_source"]["layers"]
        num = int(layers["frame"]["frame.number"]) if "frame.number" in layers.get("frame", {}) else None
        out[num] = {k: v for k, v in layers.items() if k in names}
    return out


# Replies are linked to later frames only once those were seen; so are
# credentials to the reply that judged them (their login result).
LATER = ("mailteach.response_in", "mailteach.auth.result", "mailteach.auth.result_in")


def strip_links(node):
    """Replies are linked to later frames only once those were seen."""
    if isinstance(node, dict):
        return {k: strip_links(v) for k, v in node.items() if k not in LATER}
    if isinstance(node, list):
        return [strip_links(v) for v in node]
    return node


class EveryCapture(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        cls.names = captures()
        if len(cls.names) < 10:
            raise AssertionError("expected the bundled captures, found %r" % cls.names)

    def test_builtin_dissection_unchanged(self):
        for name in self.names:
            with self.subTest(capture=name):
                args = ["-J", BUILTIN_LAYERS + " frame"]
                mine = self.ts.json(name, extra=args)
                bare = self.ts.json(name, with_plugin=False, extra=args)
                names = set(BUILTIN_LAYERS.split())
                a, b = layer_map(mine, names), layer_map(bare, names)
                self.assertEqual(sorted(a), sorted(b))
                for num in b:
                    # on other ports mailteach calls the built-in too: more is fine
                    if b[num]:
                        self.assertEqual(a[num], b[num], "%s frame %s: built-in layers differ" % (name, num))
                # and there is built-in dissection to compare on standard ports
                self.assertTrue(any(b.values()) or "port" in name or "split" in name,
                                "%s: no built-in mail dissection at all" % name)

    def test_no_malformed_frame_from_mailteach(self):
        for name in self.names:
            with self.subTest(capture=name):
                for two in (False, True):
                    mine = set(self.ts.frame_numbers(name, "_ws.malformed", two_pass=two))
                    bare = set(self.ts.frame_numbers(name, "_ws.malformed", two_pass=two, with_plugin=False))
                    self.assertLessEqual(mine, bare, "%s: malformed only with mailteach: %s"
                                         % (name, sorted(mine - bare)))

    def test_every_mail_frame_is_annotated(self):
        for name in self.names:
            with self.subTest(capture=name):
                # payload frames that are not a piece of a PDU reassembled later,
                # not TLS records, and belong to a conversation mailteach took
                # two passes: a greeting the heuristic held back is shown on revisits
                rows = self.ts.field_values(
                    name, ["tcp.len", "tcp.stream", "mailteach", "tls", "tcp.reassembled_in",
                           "tcp.segment_data"], "tcp.len > 0", two_pass=True)
                streams = {r[1]["tcp.stream"][0] for r in rows if r[1]["mailteach"]}
                self.assertTrue(streams, "%s: mailteach annotated nothing" % name)
                missing = [f for f, r in rows
                           if r["tcp.stream"][0] in streams and not r["mailteach"] and not r["tls"]
                           and not r["tcp.reassembled_in"] and not r["tcp.segment_data"]]
                self.assertEqual(missing, [], "%s: payload frames without mailteach" % name)

    def test_revisit_shows_the_first_pass(self):
        for name in self.names:
            with self.subTest(capture=name):
                one = layer_map(self.ts.json(name, extra=["-J", "mailteach frame"]), {"mailteach"})
                two = layer_map(self.ts.json(name, two_pass=True, extra=["-J", "mailteach frame"]),
                                {"mailteach"})
                for num in one:
                    if num in two and one[num]:
                        self.assertEqual(strip_links(copy.deepcopy(one[num])), strip_links(two[num]),
                                         "%s frame %s differs on the second pass" % (name, num))

    def test_summary_lines_same_whether_followed_or_not(self):
        # tshark -n shows no tree and runs no tap of mailteach: after the
        # first frames (which tell a single pass) mailteach no longer feeds
        # its core. A listener of the tap "mailteach" (-z mailteach,stats)
        # makes it follow every session. The summary lines, which Wireshark's
        # own dissectors and the heuristic make, must not differ (a STARTTLS
        # is acknowledged by the built-in then, not by mailteach).
        names = sorted(f for f in os.listdir(self.ts.captures) if f.endswith((".pcapng", ".pcap")))
        for name in names:
            with self.subTest(capture=name):
                plain = self.ts.run(["-n", "-r", self.ts.path(name)]).stdout
                followed = self.ts.run(["-n", "-r", self.ts.path(name), "-z", "mailteach,stats"]).stdout
                lines = followed.split("\n\n" + "=" * 78, 1)[0]
                self.assertIn("mailteach statistics", followed)
                self.assertEqual(plain.rstrip("\n").splitlines(), lines.rstrip("\n").splitlines())


if __name__ == "__main__":
    unittest.main(verbosity=2)
