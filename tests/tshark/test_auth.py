#!/usr/bin/env python3
# test_auth.py - logins decoded and judged, in every capture that has one
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Facts a teacher checks, per frame (captures/FRAMES.md): "frame 10: the
# 334 challenge decodes to Username:", "frame 13 carries the password
# wrong-password, in clear", "frame 15's 535 judges the credentials of frame
# 13". Checked on one pass and on two (tshark -2); the result on the
# credentials' own frame needs the reply, which only the second pass has
# seen when it shows that frame. With mailteach.redact_secrets on, no
# password, token or digest appears in mailteach's -V or -T json output.

import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import CaptureTest, Tshark  # noqa: E402

EXPERT = "_ws.expert.message"
CLEARTEXT = "A reusable secret (password or token) crosses without TLS"


def auth(frame, field):
    """The values of mailteach.auth.<field> in a frame."""
    return frame.fields.get("mailteach.auth." + field, [])


def cleartext(frame):
    return any(m.startswith(CLEARTEXT) for m in frame.fields.get(EXPERT, []))


class SmtpAuthLogin(CaptureTest):
    capture = "smtp-auth-login.pcapng"

    def test_prompts_and_answers(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(auth(f[10], "challenge"), ["Username:"])
                self.assertEqual(f[10].line().first("mailteach.summary"), 'challenge "Username:"')
                self.assertEqual(auth(f[11], "username"), ["student"])
                self.assertEqual(auth(f[11], "password"), [])
                self.assertFalse(cleartext(f[11]))
                self.assertEqual(auth(f[12], "challenge"), ["Password:"])
                self.assertEqual(auth(f[13], "password"), ["wrong-password"])
                self.assertEqual(auth(f[13], "decoded"), ["wrong-password"])
                self.assertTrue(cleartext(f[13]))
                self.assertEqual(auth(f[13], "tls"), ["0"])

    def test_outcomes_tied_to_the_credentials(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(auth(f[15], "result"), ["failed"])
                self.assertEqual(auth(f[15], "credentials_in"), ["13"])
                # "*" cancels: the 501 confirms it (RFC 4954 §4), no credentials
                self.assertEqual(f[19].line().first("mailteach.summary"), "cancel the login")
                self.assertEqual(auth(f[21], "result"), ["cancelled"])
                self.assertEqual(auth(f[21], "credentials_in"), [])
                # the retry: read by its prompts, not by counting answers
                self.assertEqual(auth(f[25], "username"), ["student"])
                self.assertEqual(auth(f[25], "password"), [])
                self.assertEqual(auth(f[28], "password"), ["secret"])
                self.assertEqual(auth(f[29], "result"), ["succeeded"])
                self.assertEqual(auth(f[29], "credentials_in"), ["28"])
        f = self.frames(two_pass=True)
        self.assertEqual(auth(f[13], "result"), ["failed"])
        self.assertEqual(auth(f[13], "result_in"), ["15"])
        self.assertEqual(auth(f[28], "result"), ["succeeded"])
        self.assertEqual(auth(f[28], "result_in"), ["29"])

    def test_decoded_data_source(self):
        out = self.ts.run(["-r", self.ts.path(self.capture), "-Y", "frame.number == 11", "-x"]).stdout
        self.assertIn("Decoded Base64 (7 bytes)", out)


class SmtpPlainInitialResponse(CaptureTest):
    capture = "smtp-submission-587.pcapng"

    def test_initial_response_is_not_an_answer_to_334(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                ln = f[9].line("smtp.command", "AUTH")
                self.assertEqual(ln.get("mailteach.auth.authzid"), [""])
                self.assertEqual(ln.get("mailteach.auth.username"), ["student"])
                self.assertEqual(ln.get("mailteach.auth.password"), ["secret"])
                self.assertEqual(ln.get("mailteach.auth.decoded"), ["\\0student\\0secret"])
                self.assertIn("No challenge came before it", ln.text_of("mailteach.note"))
                texts = " ".join(ln.get("mailteach.explanation") + ln.get("mailteach.meaning"))
                self.assertNotIn("334 challenge", texts)
                self.assertEqual(ln.first("mailteach.summary"),
                                 "PLAIN credentials: user student, password included")
                self.assertTrue(cleartext(f[9]))
                self.assertEqual(auth(f[10], "result"), ["succeeded"])
                self.assertEqual(auth(f[10], "credentials_in"), ["9"])


class Pop3Logins(CaptureTest):
    capture = "pop3-apop-auth.pcapng"

    def test_sasl_plain_login_and_apop(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                # AUTH PLAIN, an empty "+ " challenge, the credentials
                self.assertIn("empty challenge", f[14].line().text_of("mailteach.explanation"))
                self.assertEqual(auth(f[15], "username"), ["student"])
                self.assertEqual(auth(f[15], "password"), ["secret"])
                self.assertEqual(auth(f[17], "result"), ["succeeded"])
                self.assertEqual(auth(f[17], "credentials_in"), ["15"])
                # APOP: a digest, no password on the wire
                self.assertEqual(auth(f[34], "username"), ["student"])
                self.assertEqual(auth(f[34], "password"), [])
                self.assertFalse(cleartext(f[34]))
                self.assertEqual(auth(f[36], "credentials_in"), ["34"])
                # AUTH PLAIN with an initial response
                self.assertEqual(auth(f[50], "password"), ["secret"])
                self.assertIn("No challenge came before it", f[50].line().text_of("mailteach.note"))
                # AUTH LOGIN: "+ " challenges decode like SMTP's 334
                self.assertEqual(auth(f[68], "challenge"), ["Username:"])
                self.assertEqual(auth(f[69], "username"), ["student"])
                self.assertEqual(auth(f[70], "challenge"), ["Password:"])
                self.assertEqual(auth(f[71], "password"), ["secret"])
                self.assertEqual(auth(f[73], "result"), ["succeeded"])
        f = self.frames(two_pass=True)
        self.assertEqual(auth(f[34], "result"), ["succeeded"])
        self.assertEqual(auth(f[71], "result_in"), ["73"])

    def test_user_pass(self):
        for how, f in self.both_passes("pop3-failed-login.pcapng"):
            with self.subTest(how):
                self.assertEqual(auth(f[9], "username"), ["student"])
                self.assertEqual(auth(f[12], "password"), ["wrong-password"])
                self.assertTrue(cleartext(f[12]))
                self.assertEqual(auth(f[14], "result"), ["failed"])
                self.assertEqual(auth(f[14], "credentials_in"), ["12"])
                self.assertEqual(auth(f[18], "password"), ["secret"])
                self.assertEqual(auth(f[20], "result"), ["succeeded"])
                # USER alone is not judged: its +OK only asks for PASS
                self.assertEqual(auth(f[11], "result"), [])


class ImapLogins(CaptureTest):
    capture = "imap-login-literal.pcapng"

    def test_quoted_and_literal_logins(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(auth(f[6], "username"), ["student"])
                self.assertEqual(auth(f[6], "password"), ["wrong-password"])
                self.assertTrue(cleartext(f[6]))
                self.assertEqual(auth(f[8], "result"), ["failed"])
                self.assertEqual(auth(f[8], "credentials_in"), ["6"])
                # synchronizing literals: the password is the last one
                self.assertEqual(auth(f[15], "username"), ["student"])
                self.assertEqual(auth(f[18], "password"), ["secret"])
                self.assertEqual(auth(f[20], "result"), ["succeeded"])
                self.assertEqual(auth(f[20], "credentials_in"), ["18"])
                # LITERAL+: all in one segment
                self.assertEqual(auth(f[48], "password"), ["secret"])
                self.assertEqual(auth(f[50], "credentials_in"), ["48"])

    def test_inside_starttls(self):
        for how, f in self.both_passes("imap-starttls.pcapng"):
            with self.subTest(how):
                self.assertEqual(auth(f[23], "password"), ["secret"])
                self.assertEqual(auth(f[23], "tls"), ["1"])
                self.assertFalse(cleartext(f[23]))
                self.assertEqual(auth(f[25], "result"), ["succeeded"])


class SmtpMechanisms(CaptureTest):
    """Postfix submission with Dovecot SASL: CRAM-MD5, SCRAM, PLAIN, LOGIN."""
    capture = "smtp-auth-mechanisms.pcapng"

    def test_cram_md5(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                # swaks: the challenge is a message id, the answer user + digest
                self.assertRegex(auth(f[10], "challenge")[0], r"^<[0-9.]+@vm>$")
                self.assertEqual(auth(f[11], "username"), ["student"])
                self.assertRegex(auth(f[11], "digest")[0], r"^[0-9a-f]{32}$")
                self.assertEqual(auth(f[11], "password"), [])
                self.assertFalse(cleartext(f[11]))
                self.assertIn("password is not on the wire", f[11].line().text_of("mailteach.explanation"))
                self.assertEqual(auth(f[12], "result"), ["succeeded"])
                self.assertEqual(auth(f[12], "credentials_in"), ["11"])
                # a wrong password is only seen in the 535
                self.assertEqual(auth(f[40], "result"), ["failed"])
                self.assertEqual(auth(f[40], "credentials_in"), ["38"])

    def test_scram(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                for first, sfirst, final, sfinal, empty, ok in ((44, 46, 47, 48, 49, 50), (67, 68, 69, 70, 71, 72)):
                    self.assertEqual(auth(f[first], "username"), ["student"])
                    self.assertIn("n=student", auth(f[first], "attribute"))
                    self.assertIn("r=rOprNGfwEbeRWgbNEkqO", auth(f[first], "attribute"))
                    self.assertEqual(f[sfirst].line().first("mailteach.summary"),
                                     "SCRAM server-first: salt and iteration count")
                    self.assertIn("i=4096", auth(f[sfirst], "attribute"))
                    self.assertTrue(auth(f[final], "digest"))
                    self.assertFalse(cleartext(f[final]))
                    self.assertEqual(f[sfinal].line().first("mailteach.summary"),
                                     "SCRAM server-final: server signature")
                    self.assertEqual(f[empty].line().first("mailteach.summary"), "empty answer")
                    self.assertEqual(auth(f[ok], "credentials_in"), [str(final)])
                self.assertEqual(auth(f[43], "challenge"), [])
                self.assertIn("empty challenge", f[43].line().text_of("mailteach.explanation"))

    def test_plain_without_initial_response_and_login_with_one(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(auth(f[89], "password"), ["wrong-password"])
                self.assertEqual(auth(f[91], "result"), ["failed"])
                # AUTH LOGIN c3R1ZGVudA==: the user name on the command line
                self.assertEqual(auth(f[92], "username"), ["student"])
                self.assertIn("initial response", f[92].line().text_of("mailteach.meaning"))
                self.assertEqual(auth(f[94], "challenge"), ["Password:"])
                self.assertEqual(auth(f[95], "password"), ["secret"])
                self.assertEqual(auth(f[97], "credentials_in"), ["95"])


class Pop3Mechanisms(CaptureTest):
    capture = "pop3-auth-mechanisms.pcapng"

    def test_scram_cram_and_cancel(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(auth(f[6], "password"), ["wrong-password"])
                self.assertEqual(auth(f[8], "result"), ["failed"])
                self.assertEqual(auth(f[12], "username"), ["student"])
                self.assertEqual(f[13].line().first("mailteach.summary"),
                                 "SCRAM server-first: salt and iteration count")
                self.assertEqual(auth(f[18], "credentials_in"), ["14"])
                self.assertEqual(f[36].line().first("mailteach.summary"), "cancel the login")
                self.assertEqual(auth(f[37], "result"), ["cancelled"])     # RFC 5034 §4
                # curl's CRAM-MD5
                self.assertEqual(auth(f[61], "username"), ["student"])
                self.assertRegex(auth(f[61], "digest")[0], r"^[0-9a-f]{32}$")
                self.assertEqual(auth(f[63], "result"), ["succeeded"])


class ImapAuthenticate(CaptureTest):
    capture = "imap-authenticate.pcapng"

    def test_authenticate(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                # imaplib: no SASL-IR, the answer and its line end in two segments
                self.assertEqual(auth(f[14], "username"), ["student"])
                self.assertEqual(auth(f[14], "password"), ["secret"])
                self.assertEqual(auth(f[16], "credentials_in"), ["14"])
                # SASL-IR with a wrong password
                self.assertEqual(auth(f[31], "password"), ["wrong-password"])
                self.assertIn("SASL-IR", f[31].line().text_of("mailteach.meaning"))
                self.assertEqual(auth(f[33], "result"), ["failed"])
                # LOGIN cancelled
                self.assertEqual(auth(f[36], "challenge"), ["Username:"])
                self.assertEqual(f[37].line().first("mailteach.summary"), "cancel the login")
                self.assertEqual(auth(f[38], "result"), ["cancelled"])     # RFC 9051 §6.2.2: BAD
                # SCRAM-SHA-1
                self.assertEqual(auth(f[42], "username"), ["student"])
                self.assertEqual(auth(f[48], "credentials_in"), ["44"])
                # CRAM-MD5
                self.assertRegex(auth(f[66], "challenge")[0], r"^<[0-9.]+@vm>$")
                self.assertEqual(auth(f[69], "username"), ["student"])
                self.assertEqual(auth(f[71], "result"), ["succeeded"])


class ImplicitTls(CaptureTest):
    """Port 993: TLS from the first byte, so the login is protected."""
    capture = "imap-implicit-tls.pcapng"

    def test_login_inside_implicit_tls(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(auth(f[18], "username"), ["student"])
                self.assertEqual(auth(f[18], "password"), ["secret"])
                self.assertEqual(auth(f[18], "tls"), ["1"])
                self.assertFalse(cleartext(f[18]))
                self.assertEqual(auth(f[20], "result"), ["succeeded"])


# Secrets of the bundled captures: passwords, their Base64, an APOP digest.
TOKENS = ["wrong-password", "d3JvbmctcGFzc3dvcmQ", "c2VjcmV0", "AHN0dWRlbnQAc2VjcmV0", "AHN0dWRlbnQAd3Jvbmc",
          "8da914efdf0feb8cacc047703c27d321"]
SECRET = re.compile(r"\bsecret\b")
# Fields whose values are mailteach's own texts (they may say "secret")
TEACHING = ("mailteach.explanation", "mailteach.meaning", "mailteach.note", "mailteach.rfc",
            "mailteach.stage", "mailteach.next", "_ws.expert")
VALUE_LABELS = re.compile(r"^\s*\[?(Password|Decoded|Argument|Authentication answer|Command|Line|User name|"
                          r"Bearer token|Digest|Attribute|APOP digest|As seen on screen|Challenge|"
                          r"Command continues|Literal)\b[^:]*: (.*)$")

REDACTED = ["smtp-auth-login.pcapng", "smtp-submission-587.pcapng", "pop3-apop-auth.pcapng",
            "pop3-failed-login.pcapng", "pop3-python-poplib.pcapng", "imap-login-literal.pcapng",
            "imap-starttls.pcapng", "imap-python-imaplib.pcapng", "smtp-auth-mechanisms.pcapng",
            "pop3-auth-mechanisms.pcapng", "imap-authenticate.pcapng", "imap-implicit-tls.pcapng"]


def walk_values(node, out, skip=False):
    """Every string value in mailteach's JSON, but its teaching texts."""
    if isinstance(node, dict):
        for k, v in node.items():
            teaching = k.startswith(TEACHING)
            walk_values(v, out, skip or teaching)
            if not (skip or teaching) and isinstance(v, str):
                out.append((k, v))
    elif isinstance(node, list):
        for v in node:
            walk_values(v, out, skip)


class Redaction(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def captures(self):
        return [c for c in REDACTED if os.path.exists(os.path.join(self.ts.captures, c))]

    def test_no_secret_in_verbose_output(self):
        for name in self.captures():
            for two in (False, True):
                with self.subTest(capture=name, two_pass=two):
                    args = ["-r", self.ts.path(name), "-o", "mailteach.redact_secrets:TRUE",
                            "-Y", "mailteach", "-V", "-O", "mailteach", "-x"]
                    if two:
                        args.append("-2")
                    out = self.ts.run(args).stdout
                    for t in TOKENS:
                        mine = [ln for ln in out.splitlines() if t in ln and not re.match(r"^[0-9a-f]{4}  ", ln)]
                        self.assertEqual(mine, [], "%s shows %s" % (name, t))
                    for ln in out.splitlines():
                        m = VALUE_LABELS.match(ln)
                        if m:
                            self.assertIsNone(SECRET.search(m.group(2)), "%s: %s" % (name, ln))
                    self.assertIn("\u2022\u2022\u2022\u2022 (", out)

    def test_no_secret_in_json(self):
        for name in self.captures():
            with self.subTest(capture=name):
                out = self.ts.run(["-r", self.ts.path(name), "-o", "mailteach.redact_secrets:TRUE",
                                   "-T", "json", "-J", "mailteach", "-2"]).stdout
                values = []
                for p in json.loads(out):
                    walk_values(p["_source"]["layers"].get("mailteach"), values)
                self.assertTrue(values)
                for k, v in values:
                    self.assertIsNone(SECRET.search(v), "%s: %s = %r" % (name, k, v))
                    for t in TOKENS:
                        self.assertNotIn(t, v, "%s: %s = %r" % (name, k, v))
                pw = [v for k, v in values if k == "mailteach.auth.password"]
                self.assertTrue(all(v.startswith("\u2022\u2022\u2022\u2022 (") for v in pw), pw)

    def test_user_names_stay(self):
        f = self.ts.frames("smtp-auth-login.pcapng", extra=["-o", "mailteach.redact_secrets:TRUE"])
        self.assertEqual(auth(f[11], "username"), ["student"])
        self.assertEqual(auth(f[13], "password"), ["\u2022\u2022\u2022\u2022 (14 characters)"])
        out = self.ts.run(["-r", self.ts.path("smtp-auth-login.pcapng"), "-o", "mailteach.redact_secrets:TRUE",
                           "-Y", "frame.number == 13", "-x"]).stdout
        self.assertIn("Decoded Base64 (14 bytes)", out)
        self.assertIn("2a 2a 2a 2a 2a 2a 2a 2a 2a 2a 2a 2a 2a 2a", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
