#!/usr/bin/env python3
# test_walkthrough.py - the classroom outputs: walkthrough, flow graph, statistics, notes
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# -z mailteach,walkthrough (plain and ,md) of bundled captures compared with
# reviewed files in expected/ (each line read against captures/FRAMES.md
# and the RFCs); facts a teacher checks in them; the flow graph (-z
# flow,mailteach,standard) with one arrow per walkthrough line, in the
# right direction; -z mailteach,stats and -z mailteach,tree counting what
# the capture holds; the preferences teaching_notes and info_meaning.
#
# To see what changed after an intended change of the output:
#   MAILTEACH_WALK_UPDATE=1 ctest -R tshark.walkthrough   (rewrites expected/,
#   then read the diff line by line before committing it)

import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from mtshark import Tshark  # noqa: E402

EXPECTED = os.path.join(HERE, "expected")
# Captures whose walkthrough is reviewed: a failed, a cancelled and a
# successful AUTH LOGIN; POP3 with errors and USER/PASS; IMAP with a
# literal; SMTP found by the heuristic on port 2525.
REVIEWED = ["smtp-auth-login", "pop3-failed-login", "imap-append", "smtp-port2525",
            # reviewed line by line against the RFCs in a second round
            "smtp-curl-send", "smtp-starttls", "pop3-stls", "imap-idle", "imap-starttls"]
LINE_RE = re.compile(r"^ *(\d+)  ([CS]): (.*?)(?:  +(\S.*))?$")


def report(ts, capture, kind, *extra):
    """-z mailteach,KIND[,FILTER] (worksheet, checklist, stats)."""
    arg = "mailteach," + kind + ("," + extra[0] if extra else "")
    return ts.run(["-q", "-r", ts.path(capture + ".pcapng"), "-z", arg]).stdout


def walkthrough(ts, capture, *extra, md=False, two_pass=False):
    arg = "mailteach,walkthrough" + (",md" if md else "")
    if extra:
        arg += "," + extra[0]
    args = ["-q", "-r", ts.path(capture + ".pcapng"), "-z", arg]
    if two_pass:
        args.append("-2")
    return ts.run(args).stdout


def transcript_lines(text):
    """(frame, C/S, rest) of each transcript line of the plain walkthrough."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^ *(\d+)  ([CS]): (.*)$", line)
        if m:
            out.append((int(m.group(1)), m.group(2), m.group(3)))
    return out


class Expected(unittest.TestCase):
    """The walkthroughs of the reviewed captures, as reviewed."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def compare(self, capture, md, kind="walkthrough"):
        if kind == "walkthrough":
            got = walkthrough(self.ts, capture, md=md)
            path = os.path.join(EXPECTED, capture + (".walkthrough.md" if md else ".walkthrough.txt"))
        else:
            got = report(self.ts, capture, kind)
            path = os.path.join(EXPECTED, "%s.%s.txt" % (capture, kind))
        if os.environ.get("MAILTEACH_WALK_UPDATE"):
            with open(path, "w", encoding="utf-8") as f:
                f.write(got)
        with open(path, encoding="utf-8") as f:
            want = f.read()
        self.assertEqual(got.splitlines(), want.splitlines(), "%s differs from %s" % (capture, path))

    def test_plain(self):
        for c in REVIEWED:
            with self.subTest(capture=c):
                self.compare(c, False)

    def test_markdown(self):
        for c in REVIEWED:
            with self.subTest(capture=c):
                self.compare(c, True)

    def test_worksheet(self):
        for c in REVIEWED:
            with self.subTest(capture=c):
                self.compare(c, False, "worksheet")

    def test_checklist(self):
        for c in REVIEWED:
            with self.subTest(capture=c):
                self.compare(c, False, "checklist")

    def test_two_passes_print_the_same(self):
        for c in REVIEWED + ["smtp-keystroke", "imap-login-literal"]:
            with self.subTest(capture=c):
                self.assertEqual(walkthrough(self.ts, c), walkthrough(self.ts, c, two_pass=True))


class Facts(unittest.TestCase):
    """What a teacher checks in the walkthrough of a capture."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()
        cls.auth = walkthrough(cls.ts, "smtp-auth-login")

    def summary(self, text):
        return text[text.index("Summary of session"):]

    def test_header_names_the_session(self):
        self.assertIn("Session 1: SMTP, client 127.0.0.1 port 40016, server 127.0.0.1 port 587, "
                      "started 2026-11-23 18:29:31.837 UTC", self.auth)

    def test_one_line_per_protocol_line(self):
        lines = transcript_lines(self.auth)
        # greeting, EHLO, 12 reply lines, 3 x AUTH with its exchange, envelope,
        # DATA, the message (3 lines folded, its Subject: field, the blank
        # line, its one MIME part, the "."), QUIT
        self.assertEqual(lines[0], (4, "S", lines[0][2]))
        self.assertTrue(lines[0][2].startswith("220 mail.example.test ESMTP Postfix"))
        self.assertEqual(sum(1 for f, d, _ in lines if f == 8), 12)
        self.assertEqual([f for f, d, _ in lines if d == "C"],
                         [6, 9, 11, 13, 16, 19, 22, 25, 28, 30, 32, 34, 36, 36, 36, 36, 36, 38])

    def test_meanings(self):
        text = self.auth
        self.assertRegex(text, r"\n   10  S: 334 VXNlcm5hbWU6 +challenge \"Username:\"\n")
        self.assertRegex(text, r"\n   11  C: c3R1ZGVudA== +user name student \(Base64\)\n")
        self.assertRegex(text, r"\n   36  C: \[part 1\] +body of part 1: text/plain\n")
        self.assertRegex(text, r"\n   29  S: 235 2\.7\.0 Authentication successful +login succeeded\n")
        self.assertRegex(text, r"\n   36  C: \[message text: 3 lines\] +message text, 3 lines\n")
        self.assertRegex(text, r"\n   36  C: \. +end of the message: 3 lines, 56 octets\n")

    def test_login_outcomes(self):
        s = self.summary(self.auth)
        self.assertIn("AUTH LOGIN as student: failed (frame 15", s)
        self.assertIn("AUTH LOGIN: cancelled by the client (frame 21", s)
        self.assertIn("AUTH LOGIN as student: succeeded (frame 29", s)

    def test_envelope_and_the_message_fate(self):
        s = self.summary(self.auth)
        self.assertRegex(s, r"Sender: +student@mail\.example\.test \(frame 30\)")
        self.assertRegex(s, r"Recipients: +teacher@mail\.example\.test \(frame 32\)")
        self.assertIn("message 1 (3 lines, 56 octets, sent with DATA, frame 36): "
                      "message queued as 5643210C3A7 (frame 37)", s)
        self.assertRegex(s, r"TLS: +no")
        self.assertIn("QUIT (frame 38)", s)

    def test_starttls_is_reported(self):
        s = self.summary(walkthrough(self.ts, "smtp-starttls"))
        self.assertRegex(s, r"TLS: +yes: STARTTLS accepted in frame 10")
        self.assertIn("client.example.test (EHLO, frame 15)", s)

    def test_pop3_logins_and_errors(self):
        s = self.summary(walkthrough(self.ts, "pop3-failed-login"))
        self.assertIn("USER/PASS as student: failed (frame 14: login failed: a problem with the credentials [AUTH])", s)
        self.assertIn("USER/PASS as student: succeeded (frame 20: logged in)", s)
        self.assertIn("frame 25: -ERR There's no message 9.", s)

    def test_imap_literal_user_and_sessions(self):
        text = walkthrough(self.ts, "imap-login-literal")
        self.assertEqual(len(re.findall(r"^Session \d+: IMAP, ", text, re.M)), 3)
        self.assertRegex(text, r"\n   15  C: \[7 counted octets\] .*\n +User name: student\n")
        self.assertIn("LOGIN as student: failed (frame 8: login failed)", text)

    def test_keystrokes_shown_as_seen(self):
        text = walkthrough(self.ts, "smtp-keystroke")
        self.assertIn("C: MAIL FROM:<studnet\\x08\\x08\\x08ent@mail.example.test>", text)
        self.assertIn("As seen on screen: MAIL FROM:<student@mail.example.test>", text)

    def test_message_in_many_segments_reads_as_one(self):
        # RETR 2 and RETR 3 came in many segments: one count of each
        # message's text, then its notable lines with their frames in order
        text = walkthrough(self.ts, "pop3-split-responses")
        lines = transcript_lines(text)
        counts = [(f, rest) for f, d, rest in lines if rest.startswith("[message text")]
        self.assertEqual([(f, re.match(r"\[message text: (\d+) lines", r).group(1)) for f, r in counts],
                         [(34, "17"), (63, "39"), (134, "10")])   # RETR 2, RETR 3, TOP 1 0
        self.assertIn("end of the message: 17 lines, 641 octets", text)
        self.assertIn("end of the message: 39 lines, 1682 octets", text)
        for start, end in ((33, 60), (62, 129)):
            frames = [f for f, d, _ in lines if start <= f <= end and d == "S"]
            self.assertEqual(frames, sorted(frames), "frames %d-%d out of order" % (start, end))
        # typed one line per segment: the same
        text = walkthrough(self.ts, "smtp-keystroke")
        self.assertEqual([r.split("  ")[0] for f, d, r in transcript_lines(text) if r.startswith("[message text")],
                         ["[message text: 4 lines, frames 216-287]"])

    def extras(self, text, line_re):
        """The "Label: value" lines under the first transcript line matching line_re."""
        out, inside = [], False
        for line in text.splitlines():
            if re.match(r"^ *\d+  [CS]: ", line):
                if inside:
                    break
                inside = re.search(line_re, line) is not None
            elif inside and line.startswith("          "):
                out.append(line.strip())
        return out

    def test_part_facts_told_alike(self):
        # every part's delimiter and body lines tell the same facts: a number
        # that happens to equal another item's ("MIME part: 1", "Nesting
        # depth: 1") or to stand in the line is not left out; a boundary
        # line's meaning says it all ("Delimiter: delimiter" said nothing)
        text = walkthrough(self.ts, "imap-split-literal")
        for n in ("1", "2"):
            self.assertEqual(self.extras(text, r"part %s starts$" % n), [])
            self.assertIn("Nesting depth: 1", self.extras(text, r"S: \[part %s\] " % n))
        self.assertEqual(self.extras(text, r"part 2 header field Content-Disposition$"), [])
        text = walkthrough(self.ts, "smtp-mime")
        self.assertIn("Body lines: 1", self.extras(text, r"C: \[part 1\.2\.1\] "))
        # the close delimiter's meaning counts the parts: no "Parts: 2" under it
        self.assertEqual(self.extras(text, r"C: --=_mt_rel_3-- +end of multipart 1\.2: 2 parts$"), [])
        # the headers of the message inside part 4 say whose they are
        self.assertEqual(self.extras(text, r"C: Subject: Forwarded: homework rules"), ["MIME part: 4"])

    def test_filter_keeps_matching_frames(self):
        text = walkthrough(self.ts, "smtp-auth-login", "mailteach.smtp.reply.class >= 4")
        self.assertEqual([f for f, _, _ in transcript_lines(text)], [15, 21])
        self.assertIn("frames matching mailteach.smtp.reply.class >= 4", text)
        # a failed reply is not taken for the greeting
        self.assertRegex(text, r"Server greeting: +not in the capture")

    def test_no_mail_session(self):
        self.assertIn("No SMTP, POP3 or IMAP session found.", walkthrough(self.ts, "other-http-8080"))

    def test_markdown_diagram(self):
        md = walkthrough(self.ts, "pop3-failed-login", md=True)
        rows = [l for l in md.splitlines() if re.match(r"^\| \d+ \| [CS]: \|", l)]
        arrows = [l for l in md.splitlines() if re.match(r"^    [CS]->>[CS]: \d+: ", l)]
        self.assertIn("```mermaid\nsequenceDiagram\n", md)
        self.assertEqual(len(rows), 19)
        self.assertEqual(len(arrows), len(rows))
        self.assertIn("    S->>C: 4: +OK Dovecot (Debian) ready. #lt;", md)
        self.assertIn("    C->>S: 18: PASS secret (give the password)", md)
        # nothing in a diagram line ends a Mermaid statement early
        for a in arrows:
            self.assertNotIn(";", a.replace("#59;", "").replace("#lt;", "").replace("#gt;", "")
                             .replace("#35;", ""))


class Worksheet(unittest.TestCase):
    """Questions only about frames that exist, each with its answer."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def split(self, text):
        qs = text[:text.index("Answer key")]
        ans = text[text.index("Answer key"):]
        q = dict((int(n), t) for n, t in re.findall(r"^ *(\d+)\. (.*)$", qs, re.M))
        a = dict((int(n), t) for n, t in re.findall(r"^ *(\d+)\. (.*)$", ans, re.M))
        return q, a

    def test_frames_exist_and_every_question_has_an_answer(self):
        for c in REVIEWED + ["pop3-apop-auth", "imap-login-literal", "smtp-errors", "smtp-keystroke"]:
            with self.subTest(capture=c):
                q, a = self.split(report(self.ts, c, "worksheet"))
                self.assertGreaterEqual(len(q), 4)
                self.assertEqual(sorted(q), sorted(a))
                self.assertEqual(sorted(q), list(range(1, len(q) + 1)))
                annotated = set(self.ts.frame_numbers(c + ".pcapng", "mailteach"))
                for n, text in q.items():
                    for f in re.findall(r"\bframes? (\d+)", text):
                        self.assertIn(int(f), annotated, "question %d: %s" % (n, text))

    def test_no_reply_asked_about_twice(self):
        # the login's and the ending's answers name the reply that tells;
        # no other question may ask about that reply again
        for c in REVIEWED + ["imap-login-literal", "imap-errors", "imap-idle", "pop3-auth-mechanisms"]:
            with self.subTest(capture=c):
                text = report(self.ts, c, "worksheet")
                qs = re.split(r"\nSession \d+", text[:text.index("Answer key")])[1:]
                ans = re.split(r"\nSession \d+", text[text.index("Answer key"):])[1:]
                self.assertEqual(len(qs), len(ans))
                for session, key in zip(qs, ans):
                    q = dict((int(n), t) for n, t in re.findall(r"^ *(\d+)\. (.*)$", session, re.M))
                    a = dict((int(n), t) for n, t in re.findall(r"^ *(\d+)\. (.*)$", key, re.M))
                    told = set()
                    for n in q:
                        if q[n].startswith("Did the login that starts"):
                            told.update(int(f) for f in re.findall(r"^It [^:]*?frame (\d+)", a[n]))
                        elif q[n].startswith("Who ends the session"):
                            told.update(int(f) for f in re.findall(r"answered .* \(frame (\d+)\)\.$", a[n]))
                    asked = [int(f) for n in q for f in re.findall(r"^Frame (\d+) carries", q[n])]
                    self.assertFalse(told & set(asked), session[:200])
                    self.assertTrue(told, session[:200])

    def test_answer_key(self):
        q, a = self.split(report(self.ts, "smtp-auth-login", "worksheet"))
        by_q = {q[n]: a[n] for n in q}
        self.assertEqual(by_q['Frame 10 carries "334 VXNlcm5hbWU6". What does the server ask for, and how is it '
                              'encoded?'], '"Username:", encoded in Base64 (RFC 4954 §4).')
        self.assertTrue(by_q['Frame 11 carries "c3R1ZGVudA==". What does it decode to, and who can read it?']
                        .startswith('"student", in Base64. Base64 is an encoding, not encryption'))
        self.assertEqual(by_q["Did the login that starts in frame 9 succeed? Which frame tells, and how?"],
                         'It failed: frame 15, "535 5.7.8 Error: authentication failed: (reason unavailable)" '
                         '(login failed: invalid credentials).')
        self.assertTrue(by_q["What became of the message, according to frame 37?"]
                        .startswith("message queued as 5643210C3A7"))

    def test_required_header_fields(self):
        # RFC 5322 §3.6: Date: and From: are the only required fields
        question = ("Frame %d: an empty line ends the header section of the message. Which header fields "
                    "must every message have, and are they in this one?")
        for capture, frame, answer in [
                ("smtp-auth-login", 36, "this message has neither. A submission server may add Date: "
                                        "(RFC 6409 §8.2)."),
                ("smtp-starttls", 23, "this message has From: but no Date:. A submission server may add "
                                      "Date: (RFC 6409 §8.2)."),
                ("smtp-curl-send", 15, "this message has both."),
                # a message sent with BDAT: its empty line is in the chunk of frame 15
                ("smtp-bdat", 15, "this message has From: but no Date:. A submission server may add "
                                  "Date: (RFC 6409 §8.2).")]:
            with self.subTest(capture=capture):
                q, a = self.split(report(self.ts, capture, "worksheet"))
                by_q = {q[n]: a[n] for n in q}
                self.assertEqual(by_q[question % frame],
                                 "Date: and From:, the only required fields (RFC 5322 §3.6); " + answer)
        # the capture starts inside the message (frame 1 holds its Date:
        # line): whether its header had From: is not in the capture, and
        # mailteach flags neither field missing, so nothing is asked
        q, a = self.split(report(self.ts, "smtp-cut-midsession", "worksheet"))
        self.assertNotIn(question % 1, q.values())
        self.assertFalse([t for t in a.values() if "required fields" in t])

    def test_challenge_response_answers_hold_no_password(self):
        # RFC 2195 §2: user name and digest; RFC 5802: SCRAM sends no password
        q, a = self.split(report(self.ts, "imap-authenticate", "worksheet"))
        by_q = {q[n]: a[n] for n in q}
        cram = by_q['Frame 69 carries "c3R1ZGVudCBhMzcxZTk3NWU0YjE2YjdjNjI5NWNhZTdiMjAxZjQzZA==". '
                    'What does it decode to, and who can read it?']
        self.assertTrue(cram.startswith('"student a371e975e4b16b7c6295cae7b201f43d", in Base64: the user name and '
                                        'an HMAC-MD5 digest'), cram)
        self.assertIn("The password is not in it", cram)
        self.assertIn("test guessed passwords offline", cram)
        scram = by_q['Frame 42 carries "biwsbj1zdHVkZW50LHI9ck9wck5HZndFYmVSV2diTkVrcU8=". '
                     'What does it decode to, and who can read it?']
        self.assertIn("SCRAM never sends the password", scram)
        self.assertIn("(RFC 5802 §9)", scram)
        # PLAIN holds the password itself
        plain = [a[n] for n in q if "decode to" in q[n] and "\\x00student" in a[n]]
        self.assertTrue(plain and "the password (RFC 4616 §2)" in plain[0])
        self.assertNotIn("not in it", plain[0])

    def test_plain_and_literals(self):
        q, a = self.split(report(self.ts, "pop3-apop-auth", "worksheet"))
        self.assertIn('"\\x00student\\x00secret", in Base64.', a[2])
        self.assertIn("RFC 4616 §2", a[2])
        q, a = self.split(report(self.ts, "imap-login-literal", "worksheet"))
        lit = [n for n in q if "ends with {7+}" in q[n]]
        self.assertEqual(len(lit), 1)
        self.assertIn("non-synchronizing literal, RFC 7888 §3", a[lit[0]])

    def test_failure_answer_names_the_flagged_command(self):
        q, a = self.split(report(self.ts, "pop3-failed-login", "worksheet"))
        self.assertIn("mailteach flags the command in frame 6: Wrong state", a[2])


class Checklist(unittest.TestCase):
    """What the capture shows the student did."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def steps(self, capture):
        out = report(self.ts, capture, "checklist")
        steps = dict((name, (mark == "x", how)) for mark, name, how in
                     re.findall(r"^\[([x ])\] ([^:\n]+)(?:: (.*))?$", out, re.M))
        done = re.search(r"^Done: (\d+) of (\d+)$", out, re.M)
        self.assertEqual(int(done.group(1)), sum(1 for d, _ in steps.values() if d))
        self.assertEqual(int(done.group(2)), len(steps))
        return steps

    def test_smtp_login_after_failures(self):
        s = self.steps("smtp-auth-login")
        self.assertEqual(s["Logged in"],
                         (True, "SMTP AUTH LOGIN as student succeeded (frame 29), after 2 failed or cancelled attempts"))
        self.assertFalse(s["Started TLS (STARTTLS or STLS)"][0])
        self.assertTrue(s["Sent a message the server accepted"][0])

    def test_starttls_and_helo(self):
        self.assertTrue(self.steps("smtp-starttls")["Started TLS (STARTTLS or STLS)"][0])
        ehlo = self.steps("smtp-keystroke")["Greeted an SMTP server with EHLO"]
        self.assertEqual(ehlo, (False, "only HELO (frame 36), which asks for no extension list"))

    def test_fetching(self):
        pop = self.steps("pop3-python-poplib")["Fetched a message by POP3 (RETR, TOP) or IMAP (FETCH of its text)"]
        self.assertTrue(pop[0])
        self.assertTrue(pop[1].startswith("POP3 RETR 1 (frame 29)"), pop[1])
        self.assertIn("an attachment came in frame 37", pop[1])
        imap = self.steps("imap-python-imaplib")["Fetched a message by POP3 (RETR, TOP) or IMAP (FETCH of its text)"]
        # FETCH of FLAGS, RFC822.SIZE, ENVELOPE is not the message text; BODY[] is
        self.assertTrue(imap[1].startswith("IMAP LIEC10 FETCH 1 (BODY[]) (frame 36)"), imap[1])

    def test_nothing_to_grade(self):
        s = self.steps("other-http-8080")
        self.assertFalse(any(d for d, _ in s.values()))


class FlowGraph(unittest.TestCase):
    """-z flow,mailteach,standard: one arrow per walkthrough line."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def flow(self, capture):
        out = self.ts.run(["-q", "-r", self.ts.path(capture + ".pcapng"), "-z", "flow,mailteach,standard"]).stdout
        lines = out.splitlines()
        items = []
        for i, line in enumerate(lines):
            # tshark prefixes a conversation number when there are several,
            # and 4.0 drops the "|" after a label of some widths; 4.4 and
            # later draw a node's "|" right after a short label
            m = re.match(r"^(?:\d+ *)?\|[0-9.]+ *\| *(.*?)[ |]*(SMTP|POP3|IMAP): (.*)$", line)
            if m and i + 1 < len(lines):
                # the ports in the order of the arrow, sender first: 4.0
                # always draws "(src) --> (dst)", 4.4 and later draw the
                # nodes left to right and point the arrow "<--" when the
                # sender is on the right
                ports = re.findall(r"\((\d+)\)", lines[i + 1])
                if "<-" in lines[i + 1]:
                    ports.reverse()
                items.append((m.group(1), m.group(2), m.group(3), ports))
        return items

    def test_one_arrow_per_line(self):
        for c in REVIEWED + ["smtp-starttls", "imap-login-literal"]:
            with self.subTest(capture=c):
                lines = transcript_lines(walkthrough(self.ts, c))
                items = self.flow(c)
                self.assertEqual(len(items), len(lines))
                self.assertGreater(len(items), 10)

    def test_arrows_go_the_right_way(self):
        lines = transcript_lines(walkthrough(self.ts, "smtp-auth-login"))
        items = self.flow("smtp-auth-login")
        for (frame, d, raw), (label, proto, meaning, ports) in zip(lines, items):
            with self.subTest(frame=frame):
                self.assertEqual(proto, "SMTP")
                self.assertEqual(ports, ["40016", "587"] if d == "C" else ["587", "40016"])

    def test_labels_and_meanings(self):
        items = self.flow("smtp-auth-login")
        self.assertIn(("334 VXNlcm5hbWU6", "SMTP", 'challenge "Username:"', ["587", "40016"]),
                      items)
        self.assertIn(("AUTH LOGIN", "SMTP", "log in with the LOGIN mechanism", ["40016", "587"]), items)

    def test_greeting_held_by_the_heuristic_is_drawn(self):
        items = self.flow("smtp-port2525")
        self.assertEqual(items[0][1:], ("SMTP", "server ready (greeting)", ["2525", "39232"]))


class Statistics(unittest.TestCase):
    """-z mailteach,stats and the stats tree count what the capture holds."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def stats(self, capture):
        out = self.ts.run(["-q", "-r", self.ts.path(capture + ".pcapng"), "-z", "mailteach,stats"]).stdout
        counts, path = {}, []
        for line in out.splitlines():
            m = re.match(r"^( *)(\S.*?) +(\d+)$", line)
            if not m:
                continue
            depth = len(m.group(1)) // 2
            path = path[:depth] + [m.group(2)]
            counts["/".join(path)] = int(m.group(3))
        return counts

    def test_smtp_counts(self):
        s = self.stats("smtp-auth-login")
        self.assertEqual(s["Sessions/SMTP"], 1)
        # as many commands as the capture has mailteach.smtp.command values
        rows = self.ts.field_values("smtp-auth-login.pcapng", ["mailteach.smtp.command"], "mailteach")
        verbs = [v for _, f in rows for v in f["mailteach.smtp.command"]]
        self.assertEqual(s["Commands/SMTP"], len(verbs))
        for verb in set(verbs):
            self.assertEqual(s["Commands/SMTP/" + verb], verbs.count(verb))
        # 220, 250 (EHLO), 235, 250, 250, 250 queued, 221; 334 x5 and 354; 535, 501
        self.assertEqual(s["Replies/SMTP/2xx"], 7)
        self.assertEqual(s["Replies/SMTP/3xx"], 6)
        self.assertEqual(s["Replies/SMTP/5xx"], 2)
        self.assertEqual(s["Logins/SMTP AUTH LOGIN/failed"], 1)
        self.assertEqual(s["Logins/SMTP AUTH LOGIN/cancelled by the client"], 1)
        self.assertEqual(s["Logins/SMTP AUTH LOGIN/succeeded"], 1)
        self.assertEqual(s["Messages/SMTP/accepted"], 1)
        # the 535; the 501 that confirms the client's "*" (RFC 4954 §4) is none
        self.assertEqual(s["Errors/SMTP/5xx"], 1)

    def test_pop3_counts(self):
        s = self.stats("pop3-failed-login")
        self.assertEqual(s["Replies/POP3/+OK"], 6)
        self.assertEqual(s["Replies/POP3/-ERR"], 4)
        self.assertEqual(s["Commands/POP3/PASS"], 2)
        self.assertEqual(s["Logins/POP3 USER/PASS/failed"], 1)
        self.assertEqual(s["Logins/POP3 USER/PASS/succeeded"], 1)
        # the 2 of before, and both passwords sent in clear text
        self.assertEqual(s["Problems flagged"], 4)

    def test_imap_sessions(self):
        s = self.stats("imap-login-literal")
        self.assertEqual(s["Sessions/IMAP"], 3)
        self.assertEqual(s["Commands/IMAP/LOGIN"], 4)

    def test_stats_tree(self):
        out = self.ts.run(["-q", "-r", self.ts.path("smtp-auth-login.pcapng"), "-z", "mailteach,tree"]).stdout
        self.assertIn("Mail Teaching (mailteach)", out)
        self.assertRegex(out, r"\n Sessions? +1 |\nSessions +1 ")
        self.assertRegex(out, r"\n  AUTH +3 ")
        self.assertRegex(out, r"\n  cancelled by the client +1 ")


class Preferences(unittest.TestCase):
    """teaching_notes (on) and info_meaning (off); redact_secrets."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def test_redacted_walkthrough_keeps_no_password(self):
        # smtp-auth-login: passwords "wrong-password" (frame 13) and
        # "secret" (frame 28), sent as d3JvbmctcGFzc3dvcmQ= and c2VjcmV0
        for md in (False, True):
            args = ["-q", "-r", self.ts.path("smtp-auth-login.pcapng"), "-o", "mailteach.redact_secrets:TRUE",
                    "-z", "mailteach,walkthrough" + (",md" if md else "")]
            out = self.ts.run(args).stdout
            for secret in ("wrong-password", "d3JvbmctcGFzc3dvcmQ", "c2VjcmV0", "Decoded: secret"):
                self.assertNotIn(secret, out)
            self.assertIn("(6 characters)", out)
            # the user name stays
            self.assertIn("student", out)
        clear = walkthrough(self.ts, "smtp-auth-login")
        self.assertIn("c2VjcmV0", clear)
        self.assertIn("wrong-password", clear)

    def chats(self, *prefs):
        args = ["-r", self.ts.path("smtp-auth-login.pcapng"), "-T", "fields", "-e", "frame.number",
                "-e", "_ws.expert.message", "-E", "occurrence=a", "-E", "aggregator=\x1f",
                "-Y", "mailteach.teaching_note"]
        for p in prefs:
            args += ["-o", p]
        rows = {}
        for line in self.ts.run(args).stdout.splitlines():
            num, _, msgs = line.partition("\t")
            rows[int(num)] = msgs.split("\x1f")
        return rows

    def info(self, *prefs):
        args = ["-r", self.ts.path("smtp-auth-login.pcapng"), "-T", "fields", "-e", "frame.number",
                "-e", "_ws.col.Info"]
        for p in prefs:
            args += ["-o", p]
        return dict((int(n), i) for n, _, i in (l.partition("\t") for l in self.ts.run(args).stdout.splitlines()))

    def test_teaching_notes_on_by_default(self):
        rows = self.chats()
        lines = transcript_lines(walkthrough(self.ts, "smtp-auth-login"))
        self.assertEqual(sorted(rows), sorted(set(f for f, _, _ in lines)))
        self.assertIn('challenge "Username:"', rows[10])
        self.assertIn("login succeeded", rows[29])

    def test_teaching_notes_without_a_tree(self):
        # No tree is shown here: the notes are made because a filter names
        # their field, or because the expert tap listens (-z expert).
        want = set(self.chats())
        out = self.ts.run(["-r", self.ts.path("smtp-auth-login.pcapng"), "-Y", "mailteach.teaching_note"]).stdout
        self.assertEqual(set(int(l.split()[0]) for l in out.splitlines()), want)
        out = self.ts.run(["-r", self.ts.path("smtp-auth-login.pcapng"), "-q", "-z", "expert,chat"]).stdout
        chats = out.partition("Chats (")[2]
        self.assertRegex(chats, r"\n\s*\d+\s+Sequence\s+mailteach\s+challenge \"Username:\"\n")
        self.assertRegex(chats, r"\n\s*1\s+Sequence\s+mailteach\s+login succeeded\n")

    def test_teaching_notes_off(self):
        self.assertEqual(self.chats("mailteach.teaching_notes:FALSE"), {})

    def test_info_meaning(self):
        self.assertEqual(self.info()[10], "S: 334 VXNlcm5hbWU6")
        on = self.info("mailteach.info_meaning:TRUE")
        self.assertEqual(on[10], 'S: 334 VXNlcm5hbWU6 [challenge "Username:"]')
        self.assertEqual(on[29], "S: 235 2.7.0 Authentication successful [login succeeded]")
        # a frame of many lines gets at most four meanings
        self.assertTrue(on[8].endswith(" [...]"), on[8])
        self.assertEqual(on[8].count(" ["), 5)


class ReviewedAgainstTheRfcs(unittest.TestCase):
    """Lines a review of more captures against the RFCs found wrong, as a
    teacher would mark them, now right."""

    @classmethod
    def setUpClass(cls):
        cls.ts = Tshark.get()

    def line(self, text, frame, start):
        """The meaning of the transcript line of frame that starts so."""
        for f, side, rest in transcript_lines(text):
            if f == frame and rest.startswith(start):
                return rest
        self.fail("no line %d %r in:\n%s" % (frame, start, text))

    def test_cancel_is_confirmed_not_an_error(self):
        # RFC 4954 §4: "*" cancels, and the server MUST answer it with 501
        text = walkthrough(self.ts, "smtp-auth-login")
        self.assertRegex(self.line(text, 21, "501"), r"login cancelled by the client$")
        self.assertIn("AUTH LOGIN: cancelled by the client (frame 21: 501 5.7.0 Authentication aborted)", text)
        errors = text[text.index("  Errors:"):]
        self.assertNotIn("frame 21", errors)
        self.assertIn("frame 15: 535", errors)
        # IMAP answers a cancel with a tagged BAD (RFC 9051 §6.2.2): no error either
        text = walkthrough(self.ts, "imap-authenticate")
        self.assertIn("AUTHENTICATE LOGIN: cancelled by the client (frame 38: a2 BAD", text)
        self.assertEqual(text.count("frame 38: a2 BAD"), 1)
        self.assertRegex(self.line(text, 38, "a2 BAD"), r"login cancelled by the client$")

    def test_required_header_fields(self):
        # RFC 5322 §3.6: Date: and From: are the only required fields. The
        # message typed after AUTH LOGIN has neither; curl's has both.
        text = walkthrough(self.ts, "smtp-auth-login")
        self.assertIn("    - frame 36: The message has no From: field, which RFC 5322 requires"
                      " in every message\n", text)
        self.assertIn("    - frame 36: The message has no Date: field, which RFC 5322 requires"
                      " in every message; RFC 6409 lets a submission server add it\n", text)
        self.assertRegex(self.line(text, 36, "."), r"end of the message: 3 lines, 56 octets$")
        text = walkthrough(self.ts, "smtp-curl-send")
        self.assertNotIn("has no From: field", text)
        self.assertNotIn("has no Date: field", text)

    def test_each_encoded_word_with_its_charset(self):
        # RFC 2047 §2: every encoded word names its own charset; a Subject
        # of a GB2312 word and an ISO-2022-JP word tells both
        text = walkthrough(self.ts, "smtp-mime")
        self.assertIn("          Decoded: 测试邮件 (gb2312, B)\n"
                      "          Decoded: 日本語の件名 (iso-2022-jp, B)\n"
                      "          Decoded value: 测试邮件日本語の件名\n", text)
        self.assertIn("          Decoded: 王老师 (utf-8, B)\n", text)
        self.assertNotIn("Encoding: B", text)

    def test_scram_attributes_say_what_they_are(self):
        # RFC 5802 §5.1, §7: "n" is the GS2 flag, p= the client proof (not
        # a digest of the password)
        text = walkthrough(self.ts, "imap-authenticate")
        self.assertIn("          Attribute: n (GS2 header: no channel binding)\n"
                      "          Attribute: n=student (user name)\n"
                      "          Attribute: r=", text)
        # said once: no "User name: student" under n=student
        self.assertNotRegex(text, r"n=student \(user name\)\n +User name:")
        self.assertIn("          Attribute: s=FPD4r4sbCm8Tl6qG7/erFA== (salt)\n"
                      "          Attribute: i=4096 (iteration count)\n", text)
        self.assertIn("          Attribute: c=biws (channel binding)\n", text)
        self.assertIn("          Attribute: p=H7KECPQbsJTm7UAxb7x8BgVjPtY= (client proof)\n"
                      "          Protected by TLS: no\n", text)
        self.assertNotIn("Digest: H7KECPQbsJTm7UAxb7x8BgVjPtY=", text)
        # CRAM-MD5's answer is a digest
        self.assertIn("          Digest: a371e975e4b16b7c6295cae7b201f43d\n", text)

    def test_hello_inside_tls_starts_over(self):
        # RFC 3207 §4.2: after the handshake the session starts over
        text = walkthrough(self.ts, "smtp-starttls")
        self.assertRegex(self.line(text, 15, "ehlo"),
                         r"introduce itself again as client\.example\.test, now inside TLS$")
        self.assertRegex(self.line(text, 6, "ehlo"),
                         r"introduce itself as client\.example\.test, ask for extensions$")

    def test_rset_takes_back_the_deletion(self):
        # RFC 1939 §5: RSET unmarks messages marked as deleted
        s = walkthrough(self.ts, "pop3-python-poplib")
        s = s[s.index("  Messages:"):]
        self.assertIn("- DELE 2 (frame 41): message marked as deleted (frame 43)\n"
                      "    - RSET (frame 44): deletion marks removed (frame 46)", s)

    def test_control_character_in_an_address(self):
        # RFC 5321 §4.1.2: control characters MUST NOT be used in MAIL or RCPT
        text = walkthrough(self.ts, "smtp-keystroke")
        self.assertIn("frame 115: Control character in the address", text[text.index("  Errors:"):])

    def test_message_size_without_stuffing_dots(self):
        # RFC 1870 §5 / RFC 5321 §4.5.2: 451 octets, the client's own SIZE=451
        text = walkthrough(self.ts, "smtp-python-smtplib")
        self.assertRegex(self.line(text, 27, ".  "), r"end of the message: 12 lines, 451 octets$")
        self.assertIn("message 1 (12 lines, 451 octets, sent with DATA, frame 27)", text)

    def test_rset_after_the_message_changes_nothing(self):
        # RFC 5321 §4.1.1.5: after the end of data was acknowledged, RSET is a NOOP
        text = walkthrough(self.ts, "smtp-python-smtplib")
        self.assertRegex(self.line(text, 29, "rset"), r"reset: no transaction is open, nothing changes$")
        self.assertRegex(self.line(text, 30, "250"), r"reset done: nothing was open$")

    def test_refused_recipient_is_not_the_envelope(self):
        text = walkthrough(self.ts, "smtp-python-smtplib")
        self.assertIn("Same as the envelope: no (nosuchuser@mail.example.test)", text)
        self.assertIn("Same as the envelope: yes (teacher@mail.example.test)", text)
        self.assertIn("nosuchuser@mail.example.test (frame 21): refused in frame 22 (recipient refused)", text)
        sheet = report(self.ts, "smtp-python-smtplib", "worksheet")
        self.assertIn("Frame 23: to which mailbox does the client ask", sheet)
        self.assertNotIn("Frame 21: to which mailbox", sheet)

    def test_refused_senders_are_marked(self):
        text = walkthrough(self.ts, "smtp-errors")
        self.assertIn("student@mail.example.test (frame 9): refused in frame 10", text)
        self.assertIn("bad address (frame 21): refused in frame 22", text)
        self.assertRegex(text, r"\n +- student@mail\.example\.test \(frame 25\)\n")
        sheet = report(self.ts, "smtp-errors", "worksheet")
        self.assertIn("Frame 25: who is the sender of the message", sheet)
        self.assertIn("Frame 29: to which mailbox", sheet)
        self.assertIn("server may answer 503 or 554", text)

    def test_pipelined_recipients_both_in_the_key(self):
        sheet = report(self.ts, "smtp-pipelining", "worksheet")
        self.assertIn("student@mail.example.test, teacher@mail.example.test, named with RCPT TO", sheet)

    def test_bdat_message_is_all_its_chunks(self):
        # RFC 3030 §2; the server says "294 bytes queued"
        text = walkthrough(self.ts, "smtp-bdat")
        self.assertIn("message 1 (294 octets in 2 BDAT chunks, frames 13 to 18)", text)

    def test_plain_login_separators_shown_as_nul(self):
        # RFC 4616 §2: authzid NUL authcid NUL passwd
        text = walkthrough(self.ts, "smtp-auth-mechanisms")
        self.assertIn("Decoded: \\x00student\\x00wrong-password", text)
        self.assertNotIn("\ufffd", text)

    def test_attempts_counted_before_the_login_only(self):
        self.assertRegex(report(self.ts, "smtp-auth-mechanisms", "checklist"),
                         r"AUTH CRAM-MD5 as student succeeded \(frame 12\)\n")
        self.assertIn("succeeded (frame 18), after 1 failed or cancelled attempt\n",
                      report(self.ts, "pop3-auth-mechanisms", "checklist"))
        self.assertRegex(report(self.ts, "imap-authenticate", "checklist"),
                         r"AUTHENTICATE PLAIN as student succeeded \(frame 16\)\n")

    def test_pop3_cancel_is_not_a_failure(self):
        # RFC 5034 §4: after "*" the server must answer -ERR
        text = walkthrough(self.ts, "pop3-auth-mechanisms")
        self.assertRegex(self.line(text, 37, "-ERR"), r"login cancelled by the client$")
        self.assertIn("It did not succeed: the client cancelled it; the server confirms in frame 37",
                      report(self.ts, "pop3-auth-mechanisms", "worksheet"))

    def test_part_sizes_leave_the_delimiter_crlf_out(self):
        # RFC 2046 §5.1.1: the CRLF before "--boundary" belongs to the
        # delimiter; Dovecot's BODYSTRUCTURE (imap-mime frame 17) gives part
        # 1.1 as 140 octets in 2 lines, and BODY[1.2.1] is {62}
        got = {}
        for n, frame in self.ts.frames("smtp-mime.pcapng").items():
            for ln in frame.lines:
                if ln.has("mailteach.mime.body.encoded_size"):
                    got[ln.first("mailteach.mime.part")] = (ln.first("mailteach.mime.body.lines"),
                                                            ln.first("mailteach.mime.body.encoded_size"))
        self.assertEqual(got, {"1.1": ("2", "140"), "1.2.1": ("1", "62"), "1.2.2": ("2", "100"),
                               "2": ("5", "386"), "3": ("1", "22"), "4.1": ("1", "32")})

    def test_quit_removes_only_what_was_marked(self):
        # RFC 1939 §6: "In no case may the server remove any messages not marked as deleted"
        text = walkthrough(self.ts, "pop3-python-poplib")      # DELE 2, then RSET
        self.assertRegex(self.line(text, 55, "+OK"), r"goodbye: nothing was marked, nothing removed$")

    def test_implicit_tls_is_tls(self):
        text = walkthrough(self.ts, "imap-implicit-tls")
        self.assertRegex(text, r"TLS: +yes: TLS from the first byte \(implicit TLS, port 993\)")
        self.assertIn("[x] Started TLS (STARTTLS or STLS): IMAP over TLS from the first byte",
                      report(self.ts, "imap-implicit-tls", "checklist"))

    def test_top_answer_is_cut_on_purpose(self):
        # RFC 1939 §7: TOP sends the header and the number of body lines asked for
        text = walkthrough(self.ts, "pop3-mime")
        self.assertRegex(self.line(text, 17, ".  "), r"end of the TOP answer: 12 lines, 477 octets$")
        self.assertNotIn("ends inside a part's header section", text)

    def test_header_only_has_no_part_count(self):
        # TOP 1 0 and BODY[HEADER] carry no body: the parts are not counted
        # as 0 (the message has a multipart body)
        for capture, frame, start in (("pop3-python-poplib", 40, ".  "), ("imap-mime", 26, "[355 counted")):
            with self.subTest(capture=capture):
                text = walkthrough(self.ts, capture)
                self.line(text, frame, start)
                self.assertNotIn("Parts: 0", text)

    def test_preamble_is_ignored_by_readers(self):
        # RFC 2046 §5.1.1: implementations must ignore the preamble; the
        # walkthrough counts its lines (its header says text is not shown)
        text = walkthrough(self.ts, "imap-mime")
        self.assertRegex(self.line(text, 20, "[MIME part]"),
                         r"preamble of multipart \(message\), ignored by readers: 1 line\(s\)$")

    def test_imap_literals_say_what_they_hold(self):
        # RFC 9051 §6.4.5: BODY[] is the message, BODY[HEADER] its header, BODY[1.2.1] a part
        text = walkthrough(self.ts, "imap-mime")
        self.assertRegex(self.line(text, 20, "[2575"), r"message text in a literal, 2575 octets$")
        self.assertRegex(self.line(text, 23, "[62"), r"a section of the message in a literal, 62 octets$")
        self.assertRegex(self.line(text, 26, "[355"), r"the message's header in a literal, 355 octets$")

    def test_stls_after_login(self):
        # RFC 2595 §4: STLS only in the AUTHORIZATION state; the server offers it (CAPA)
        text = walkthrough(self.ts, "pop3-apop-auth")
        self.assertRegex(self.line(text, 22, "-ERR"), r"STLS refused: allowed only before login$")

    def test_malformed_replies_told_for_what_they_are(self):
        # hand-made capture (captures/README.md): RFC 5321 §4.2.1, §4.2, §4.5.3.1.4, §2.3.8
        text = walkthrough(self.ts, "smtp-handmade-malformed-replies")
        self.assertRegex(self.line(text, 4, "251 PIPELINING"), r"code 251 differs from the reply's first line \(250\)$")
        self.assertRegex(self.line(text, 11, "299"), r"reply with no command waiting for it$")
        self.assertRegex(self.line(text, 18, "500"), r"syntax error: the command line was too long$")
        self.assertIn("frame 14: Bare CR (0x0D) in a line", text)
        sheet = report(self.ts, "smtp-handmade-malformed-replies", "worksheet")
        # its lines do not all carry 250: the worksheet does not claim they do
        self.assertNotIn("several lines", sheet)
        self.assertIn("syntax error: the command line was too long. mailteach flags the command in frame 17", sheet)

    def test_random_bytes_are_not_a_mail_server(self):
        # hand-made: random bytes on port 25 are not SMTP, and nothing is known of TLS or login
        text = walkthrough(self.ts, "smtp-handmade-random-bytes")
        self.assertIn("TLS:              unknown: no valid SMTP reply line in this session", text)
        self.assertNotIn("clear text", text)
        sheet = report(self.ts, "smtp-handmade-random-bytes", "checklist")
        self.assertIn("[ ] Connected to a mail server: 192.0.2.25 port 25, but no valid SMTP reply line came", sheet)

    def test_cut_session_knows_what_it_cannot_know(self):
        # the capture starts inside the message text: earlier facts are unknown, the size a lower bound
        text = walkthrough(self.ts, "smtp-cut-midsession")
        self.assertIn("Sender:           none in the capture (it starts inside the session)", text)
        self.assertIn("TLS:              no: clear text from where the capture starts", text)
        self.assertIn("message 1 (at least 10 lines, at least 275 octets: its start is not in the capture; frame 1)", text)
        self.assertRegex(self.line(text, 1, ". "), r"end of the message: at least 10 lines, at least 275 octets$")

    def test_append_is_not_sending(self):
        # RFC 9051 §6.3.12: APPEND stores a message in a mailbox; it is not sent to anyone
        sheet = report(self.ts, "imap-mime", "checklist")
        self.assertIn("[ ] Sent a message with an attachment: a message with an attachment was only stored "
                      "in a mailbox with IMAP APPEND (frame 30)", sheet)
        self.assertIn("fetch complete (frame 20); an attachment came in frame 20", sheet)

    def test_part_header_is_not_the_attachment(self):
        # BODY[2.MIME] (RFC 9051 §6.4.5) is the MIME header of part 2, not the attached file
        sheet = report(self.ts, "imap-python-imaplib", "checklist")
        self.assertNotIn("an attachment came in frame 41", sheet)
        text = walkthrough(self.ts, "imap-python-imaplib")
        self.assertRegex(self.line(text, 36, "LIEC10 FETCH 1"), r"fetch data of message 1$")
        self.assertRegex(self.line(text, 33, "LIEC9 FETCH 1:*"), r"fetch data of messages 1:\*$")

    def test_early_bad_is_not_an_orphan(self):
        # the server rejected the start of a typed line (frame 87) before its end came (frame 94)
        text = walkthrough(self.ts, "imap-keystroke")
        self.assertNotIn("frame 87: Tagged response, but no command with this tag", text)
        self.assertIn("frame 87: a2 BAD", text)
        # the worksheet's answer names the command once its line is complete, and why
        sheet = report(self.ts, "imap-keystroke", "worksheet")
        self.assertIn("It answers the command tagged a2, whose line ends in frame 94: the server refused it "
                      "before the line was complete", sheet)
        self.assertIn("mailteach flags that line: Control character in a line", sheet)

    def test_pop3_login_starts_at_user(self):
        # RFC 1939 §7: USER then PASS make one login; it starts at USER
        sheet = report(self.ts, "pop3-failed-login", "worksheet")
        self.assertIn("Did the login that starts in frame 9 succeed?", sheet)
        self.assertIn('"-ERR [AUTH] Authentication failed." (login failed: a problem with the credentials [AUTH])', sheet)

    def test_typed_message_lines_keep_their_frames(self):
        # keystroke capture: each line of the message ends in its own frame;
        # one count of the message's text says which frames it spans
        text = walkthrough(self.ts, "smtp-keystroke")
        self.assertIn("[message text: 4 lines, frames 216-287]", text)
        self.assertRegex(self.line(text, 216, "Subject: typed by hand"), r"subject: typed by hand$")
        self.assertRegex(self.line(text, 217, "(empty line)"), r"end of the header section")

    def test_unknown_command_expects_500(self):
        # RFC 5321 §4.2.4: 500 for a command not recognized, 502 for one
        # recognized but not implemented; Postfix answers FOO with 500
        text = walkthrough(self.ts, "smtp-errors")
        self.assertIn("frame 6: Unknown SMTP command: a server that does not recognize it should answer 500 "
                      "(502: recognized but not implemented)", text)
        self.assertRegex(self.line(text, 8, "500 5.5.2"), r"command not recognized$")

    def test_blind_copy_is_named_so(self):
        # RFC 5322 §3.6.3: an envelope recipient no To:/Cc: names is a blind copy
        text = walkthrough(self.ts, "smtp-mime")
        self.assertIn("Blind copy (in no To: or Cc:): teacher@mail.example.test", text)
        self.assertNotIn("Same as the envelope: no (teacher@mail.example.test)", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
