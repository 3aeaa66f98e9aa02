#!/usr/bin/env python3
# test_teaching.py - one clear explanation per line, and its short meaning
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# What a student reads under each line, checked in tshark's JSON and text
# output: exactly one explanation of the line (what it means here, for the
# command it answers), the meanings of its parts nested under the parts, a
# one-line summary, every expert info once, no label cut inside a sentence.
# Frame numbers are those of captures/FRAMES.md.

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import CaptureTest, Tshark  # noqa: E402

# Every machine follows the one-explanation contract (mt_record.h).
CONTRACT = ("smtp-", "pop3-", "imap-")
LABEL_MAX = 239     # Wireshark's ITEM_LABEL_LENGTH, without the NUL
TEACHING_KEYS = ("mailteach.explanation", "mailteach.meaning", "mailteach.note")


def captures(prefixes):
    ts = Tshark.get()
    return sorted(f for f in os.listdir(ts.captures)
                  if f.endswith((".pcapng", ".pcap")) and f.startswith(prefixes))


def as_list(v):
    return v if isinstance(v, list) else [v]


def line_trees(layers):
    """(line text, line tree) for every mailteach line of a frame."""
    out = []
    mt = layers.get("mailteach")
    for layer in as_list(mt) if mt else []:
        if not isinstance(layer, dict):
            continue
        texts = as_list(layer.get("mailteach.line", []))
        trees = as_list(layer.get("mailteach.line_tree", []))
        out.extend(zip(texts, trees))
    return out


def texts_in(node, keys=TEACHING_KEYS):
    """Every teaching text anywhere under node."""
    found = []
    if isinstance(node, list):
        for n in node:
            found += texts_in(n, keys)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in keys:
                found += [x for x in as_list(v) if isinstance(x, str)]
            if isinstance(v, (dict, list)):
                found += texts_in(v, keys)
    return found


class EveryLine(unittest.TestCase):
    """The contract, on every SMTP, POP3 and IMAP capture, one and two passes."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        cls.names = captures(CONTRACT)

    def test_one_explanation_and_one_summary_per_line(self):
        for name in self.names:
            for two in (False, True):
                with self.subTest(capture=name, two_pass=two):
                    lines = 0
                    for p in self.ts.json(name, two_pass=two):
                        layers = p["_source"]["layers"]
                        num = layers["frame"]["frame.number"]
                        for text, tree in line_trees(layers):
                            lines += 1
                            where = "%s frame %s %r" % (name, num, text)
                            self.assertEqual(len(as_list(tree.get("mailteach.explanation", []))), 1, where)
                            summary = as_list(tree.get("mailteach.summary", []))
                            self.assertEqual(len(summary), 1, where)
                            self.assertTrue(0 < len(summary[0]) <= 80, where)
                            self.assertNotIn("{1}", summary[0], where)
                            # a part's meaning is never a second explanation
                            for k, v in tree.items():
                                if k.endswith("_tree") and isinstance(v, dict):
                                    self.assertEqual(texts_in(v, ("mailteach.explanation",)), [], where)
                    self.assertGreater(lines, 0, name)

    def test_expert_infos_once_per_line(self):
        for name in self.names:
            with self.subTest(capture=name):
                for p in self.ts.json(name):
                    layers = p["_source"]["layers"]
                    for text, tree in line_trees(layers):
                        msgs = texts_in(tree, ("_ws.expert.message",))
                        self.assertEqual(len(msgs), len(set(msgs)), "%s %r: %r" % (name, text, msgs))

    def test_labels_fit_and_are_cut_between_sentences(self):
        for name in self.names:
            with self.subTest(capture=name):
                out = self.ts.run(["-r", self.ts.path(name), "-V", "-O", "mailteach"]).stdout
                labels = [ln.strip() for ln in out.splitlines()
                          if ln.strip().startswith(("Explanation: ", "Meaning: ", "Note: ",
                                                    "[Explanation: ", "[Meaning: ", "[Note: "))]
                self.assertTrue(labels, name)
                for label in labels:
                    bare = label[1:-1] if label.startswith("[") else label
                    self.assertLessEqual(len(bare.encode()), LABEL_MAX, label)
                    self.assertNotIn("[truncated]", label)
                    # whole sentences only: a piece never stops at ";" or ":"
                    self.assertFalse(re.search(r"[;:,]$", bare), label)


class AuthLogin(CaptureTest):
    """smtp-auth-login: a failed LOGIN, a cancelled one, then a good one."""
    capture = "smtp-auth-login.pcapng"

    def test_ehlo_reply_one_explanation_per_line(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(len(f[8].lines), 12)
                for ln in f[8].lines:
                    self.assertEqual(len(ln.get("mailteach.explanation")), 1, ln)
                size = f[8].line("smtp.ehlo.keyword", "SIZE")
                self.assertEqual(size.first("mailteach.summary"), "offers SIZE: messages up to 10240000 octets")
                self.assertIn("largest message size", size.first("mailteach.explanation"))
                pipe = f[8].line("smtp.ehlo.keyword", "PIPELINING")
                self.assertEqual(pipe.first("mailteach.summary"), "offers PIPELINING (Command pipelining)")
                self.assertEqual(f[8].lines[0].first("mailteach.summary"), "hello accepted")

    def test_535_this_attempt_failed(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                no = f[15].line("smtp.reply.code", "535")
                self.assertEqual(no.first("mailteach.summary"), "login failed: invalid credentials")
                self.assertIn("This login attempt failed", no.first("mailteach.explanation"))
                self.assertIn("can succeed", no.first("mailteach.explanation"))
                teaching = " ".join(no.text_of(k) for k in TEACHING_KEYS)
                self.assertNotIn("will not work if repeated", teaching)
                experts = f[15].fields.get("_ws.expert.message", [])
                self.assertEqual(len(experts), 1, experts)
                self.assertIn("this attempt is over", experts[0])
                self.assertNotIn("fail again", experts[0])
                # the enhanced code 5.7.8 reads as a failure of the credentials
                self.assertEqual(no.first("mailteach.smtp.reply.enhanced.class"), "5")

    def test_235_270_is_a_success(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                ok = f[29].line("smtp.reply.code", "235")
                self.assertEqual(ok.first("mailteach.summary"), "login succeeded")
                self.assertIn("Authenticated", ok.first("mailteach.explanation"))
                self.assertEqual(ok.first("mailteach.smtp.reply.enhanced"), "2.7.0")
                self.assertEqual(ok.first("mailteach.smtp.reply.enhanced.class"), "2")
                meanings = ok.text_of("mailteach.meaning")
                self.assertIn("The action succeeded", meanings)
                self.assertIn("successful login", meanings)
                self.assertNotIn("problem", meanings)
                self.assertNotIn("_ws.expert.message", f[29].fields)

    def test_250_after_rcpt_and_after_the_dot(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                rcpt = f[33].line("smtp.reply.code", "250")
                self.assertEqual(rcpt.first("mailteach.summary"), "recipient accepted")
                self.assertIn("This recipient is accepted", rcpt.first("mailteach.explanation"))
                self.assertNotIn("final", rcpt.text_of("mailteach.meaning"))
                self.assertIn("recipient is accepted", rcpt.text_of("mailteach.meaning"))
                queued = f[37].line("smtp.reply.code", "250")
                self.assertEqual(queued.first("mailteach.summary"), "message queued as 5643210C3A7")
                self.assertIn("queued", queued.first("mailteach.explanation"))

    def test_221_has_no_next_command(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                bye = f[39].line("smtp.reply.code", "221")
                self.assertEqual(bye.first("mailteach.summary"), "goodbye: connection closing")
                for key in TEACHING_KEYS:
                    self.assertNotIn("next command", bye.text_of(key))

    def test_summary_is_a_filter(self):
        self.assertEqual(self.ts.frame_numbers(self.capture, 'mailteach.summary == "recipient accepted"'), [33])
        self.assertEqual(self.ts.frame_numbers(self.capture, 'mailteach.summary == "login succeeded"'), [29])


class EnvelopeOnce(CaptureTest):
    """smtp-swaks-plain: "not the From: header" is said once per transaction."""
    capture = "smtp-swaks-plain.pcapng"

    def test_from_header_said_once(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                said = 0
                for num in range(9, 17):
                    for ln in f[num].lines if num in f else []:
                        said += sum(t.count("From: header") for key in TEACHING_KEYS for t in ln.get(key))
                self.assertEqual(said, 1)
                mail = f[9].line("smtp.command", "MAIL")
                self.assertEqual(mail.first("mailteach.summary"),
                                 "start a message from student@mail.example.test")


class Pop3Login(CaptureTest):
    """pop3-failed-login: [AUTH] is any credential problem; STAT in a few words."""
    capture = "pop3-failed-login.pcapng"

    def test_auth_code_and_retry(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                g = f[4].line("pop3.status", "+OK")
                self.assertEqual(g.first("mailteach.summary"), "server ready (greeting), APOP offered")
                err = f[14].line("pop3.response_code", "AUTH")
                self.assertEqual(err.first("mailteach.summary"), "login failed: a problem with the credentials [AUTH]")
                self.assertIn("may try again", err.first("mailteach.explanation"))
                self.assertIn("expired account", err.text_of("mailteach.meaning"))
                self.assertEqual(len(err.get("mailteach.explanation")), 1)
                self.assertEqual(f[20].line("pop3.status", "+OK").first("mailteach.summary"), "logged in")
                self.assertEqual(f[22].line("pop3.status", "+OK").first("mailteach.summary"),
                                 "3 messages, 2842 octets")
                pw = f[12].line("pop3.command", "PASS")
                self.assertEqual(pw.first("mailteach.summary"), "give the password")
                self.assertIn("SASL PLAIN and LOGIN do", pw.text_of("mailteach.meaning"))


class Pop3Capabilities(CaptureTest):
    """pop3-apop-auth: each CAPA line explained by what it offers."""
    capture = "pop3-apop-auth.pcapng"

    def test_capa_lines(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                caps = [ln for ln in f[8].lines if ln.has("mailteach.pop3.capability")]
                self.assertEqual(len(caps), 9)
                for ln in caps:
                    self.assertEqual(len(ln.get("mailteach.explanation")), 1, ln)
                code = f[8].line("pop3.capability", "AUTH-RESP-CODE")
                self.assertIn("problem with the credentials", code.first("mailteach.explanation"))
                sasl = f[8].line("pop3.capability", "SASL")
                self.assertEqual(sasl.first("mailteach.summary"), "offers login with PLAIN LOGIN")
                end = f[8].line("pop3.response.end", "1")
                self.assertEqual(end.first("mailteach.summary"), "end of the list, 9 lines")


class ImapSession(CaptureTest):
    """imap-python-imaplib: each IMAP line explained once, with its summary."""
    capture = "imap-python-imaplib.pcapng"

    def test_summaries(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                g = f[4].line("imap.status", "OK")
                self.assertEqual(g.first("mailteach.summary"), "server ready (greeting)")
                self.assertEqual(g.first("mailteach.imap.prefix"), "*")
                self.assertIn("untagged response", g.text_of("mailteach.meaning"))
                login = f[12].line("imap.command", "LOGIN")
                self.assertEqual(login.first("mailteach.summary"), "log in as student")
                ok = f[14].line("imap.tag", "LIEC2")
                self.assertEqual(ok.first("mailteach.summary"), "logged in")
                self.assertEqual(len(ok.get("mailteach.explanation")), 1)
                sel = f[30].line("imap.command", "SELECT")
                self.assertEqual(sel.first("mailteach.summary"), "open the mailbox INBOX")
                exists = f[32].line("imap.untagged", "EXISTS")
                self.assertEqual(exists.first("mailteach.summary"), "3 messages in the mailbox")
                status = f[29].line("imap.untagged", "STATUS")
                self.assertEqual(status.first("mailteach.summary"), "counters of INBOX")
                self.assertEqual(f[44].line("imap.untagged", "SEARCH").first("mailteach.summary"),
                                 "search results")

    def test_uid_and_seen_texts(self):
        f = self.frames()
        fetch = f[33].line("imap.command", "FETCH")
        uid = fetch.text_of("mailteach.meaning")
        self.assertNotIn("never changes", uid)
        self.assertIn("UIDVALIDITY", uid)


class ImapErrors(CaptureTest):
    """imap-errors: NO and BAD explained for the command they complete."""
    capture = "imap-errors.pcapng"

    def test_no_and_bad(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                no = f[26].line("imap.tag", "a7")
                self.assertEqual(no.first("mailteach.summary"), "nothing copied")
                self.assertIn("TRYCREATE", no.first("mailteach.explanation"))
                bad = f[29].line("imap.tag", "a8")
                self.assertEqual(bad.first("mailteach.summary"), "command not accepted")
                experts = f[26].fields.get("_ws.expert.message", [])
                self.assertEqual(len(experts), len(set(experts)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
