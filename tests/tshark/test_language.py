#!/usr/bin/env python3
# test_language.py - mailteach.language: every text in Chinese or Japanese
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# With mailteach.language set to zh_CN or ja, every text mailteach shows on
# every bundled capture (summaries, explanations, meanings, notes, stages,
# next steps and its expert messages, on two passes so the outcome texts
# are there too) is in that language: it has a Chinese character, or for
# Japanese a kana or a kanji. "auto" follows LC_ALL, LC_MESSAGES and LANG;
# "en" is English whatever the locale. Field names stay English.

import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import Tshark  # noqa: E402

TEXT_FIELDS = ["mailteach.summary", "mailteach.explanation", "mailteach.meaning", "mailteach.note",
               "mailteach.stage", "mailteach.next"]
SCRIPT = {"zh_CN": re.compile(r"[\u4e00-\u9fff]"),
          "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")}
# greeting frame of smtp-auth-login.pcapng
GREETING = ("smtp-auth-login.pcapng", 4)
EN_GREETING = "server ready (greeting)"


def mail_captures(ts):
    return sorted(f for f in os.listdir(ts.captures)
                  if f.endswith((".pcapng", ".pcap")) and f.startswith(("smtp-", "pop3-", "imap-")))


def texts_of(node, out, inside=False):
    """(field, text) for every teaching text and, under the mailteach
    layer, every expert message."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in TEXT_FIELDS or (k == "_ws.expert.message" and inside):
                out.extend((k, t) for t in (v if isinstance(v, list) else [v]) if isinstance(t, str))
            else:
                texts_of(v, out, inside or k == "mailteach")
    elif isinstance(node, list):
        for v in node:
            texts_of(v, out, inside)
    return out


class Language(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def summary(self, pref=None, locale=None):
        cap, frame = GREETING
        args = ["-r", self.ts.path(cap), "-Y", "frame.number == %d" % frame,
                "-T", "fields", "-e", "mailteach.summary"]
        if pref:
            args += ["-o", "mailteach.language:" + pref]
        return self.ts.run(args, locale=locale).stdout.strip()

    def check_every_text(self, lang):
        bad = {}
        count = 0
        for cap in mail_captures(self.ts):
            args = ["-r", self.ts.path(cap), "-2", "-o", "mailteach.language:" + lang,
                    "-Y", "mailteach", "-T", "json", "-J", "frame mailteach"]
            packets = json.loads(self.ts.run(args).stdout or "[]")
            for p in packets:
                layers = p["_source"]["layers"]
                frame = layers.get("frame", {}).get("frame.number", "?")
                for field, t in texts_of(layers, []):
                    count += 1
                    if not SCRIPT[lang].search(t):
                        bad.setdefault((field, t), "%s frame %s" % (cap, frame))
        self.assertGreater(count, 1000, "too few texts: did the captures load?")
        self.assertEqual([], ["%s: %s: %r" % (where, f, t) for (f, t), where in sorted(bad.items())][:40],
                         "%d texts not in %s" % (len(bad), lang))

    def test_every_text_in_chinese(self):
        self.check_every_text("zh_CN")

    def test_every_text_in_japanese(self):
        self.check_every_text("ja")

    def test_classroom_outputs_in_japanese(self):
        # every capture's walkthrough, worksheet and checklist in Japanese,
        # and GLib reports nothing on stderr (no NULL text anywhere)
        labelled = 0
        for cap in mail_captures(self.ts):
            for kind in ("walkthrough", "worksheet", "checklist"):
                p = self.ts.run(["-q", "-r", self.ts.path(cap), "-o", "mailteach.language:ja",
                                 "-z", "mailteach," + kind])
                self.assertNotIn("CRITICAL", p.stderr, "%s %s" % (cap, kind))
                self.assertNotIn("WARNING", p.stderr, "%s %s" % (cap, kind))
                self.assertTrue(re.search(r"[\u3040-\u30ff]", p.stdout), "%s %s: no kana" % (cap, kind))
                if kind == "walkthrough":
                    # the facts under a line ("文字セット：utf-8") are
                    # labelled in Japanese too
                    facts = re.findall(r"\n {10}(\S[^\n]*)", p.stdout)
                    self.assertEqual([], [f for f in facts if f != "..."
                                          and not ("：" in f and SCRIPT["ja"].search(f.split("：", 1)[0]))],
                                     "%s: labels not in Japanese" % cap)
                    labelled += len(facts)
        self.assertGreater(labelled, 100, "too few labelled facts: did the MIME captures load?")
        out = self.ts.run(["-q", "-r", self.ts.path("smtp-auth-login.pcapng"), "-o", "mailteach.language:zh_CN",
                           "-z", "mailteach,walkthrough"]).stdout
        # frame 10: the 334 challenge decodes to "Username:", labelled in Chinese
        self.assertRegex(out, r'\n +10  S: 334 VXNlcm5hbWU6 +质询"Username:"\n {10}质询：Username:\n')

    def test_explicit_languages(self):
        self.assertEqual(self.summary("zh_CN"), "服务器就绪（问候消息）")
        self.assertEqual(self.summary("ja"), "サーバ準備完了（グリーティング）")
        self.assertEqual(self.summary("en"), EN_GREETING)

    def test_auto_follows_the_locale(self):
        self.assertEqual(self.summary(locale={"LANG": "ja_JP.UTF-8"}), "サーバ準備完了（グリーティング）")
        self.assertEqual(self.summary("auto", locale={"LANG": "zh_CN.UTF-8"}), "服务器就绪（问候消息）")
        # LC_ALL before LANG; LC_MESSAGES before LANG
        self.assertEqual(self.summary(locale={"LC_ALL": "zh_CN.UTF-8", "LANG": "ja_JP.UTF-8"}),
                         "服务器就绪（问候消息）")
        self.assertEqual(self.summary(locale={"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}),
                         "サーバ準備完了（グリーティング）")
        # a language mailteach lacks, Traditional Chinese included: English
        self.assertEqual(self.summary(locale={"LANG": "zh_TW.UTF-8"}), EN_GREETING)
        self.assertEqual(self.summary(locale={"LANG": "C.UTF-8"}), EN_GREETING)

    def test_en_whatever_the_locale(self):
        self.assertEqual(self.summary("en", locale={"LANG": "ja_JP.UTF-8"}), EN_GREETING)

    def test_field_names_stay_english(self):
        cap, frame = GREETING
        out = self.ts.run(["-r", self.ts.path(cap), "-Y", "frame.number == %d" % frame, "-O", "mailteach",
                           "-o", "mailteach.language:ja"]).stdout
        self.assertIn("Explanation: ", out)
        self.assertIn("Reference: RFC 5321", out)
        self.assertIn("[Summary: サーバ準備完了（グリーティング）]", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
