#!/usr/bin/env python3
# test_imap.py - IMAP explained on the real Dovecot captures
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Facts a teacher would point at, frame by frame, on one pass and on two
# (tshark -2). Frames are found by their content, so that regenerating the
# captures (which can shift frame numbers by one or two) does not break the
# tests; the links between frames are then checked against the frames found.

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import CaptureTest  # noqa: E402

M = "mailteach."


def f(name):
    """'imap.command' -> 'mailteach.imap.command'."""
    return name if name.startswith(("mailteach.", "_ws.")) else M + name


def line_texts(frame):
    return [ln.text for ln in frame.lines]


def lines_where(frame, name, value=None, contains=None):
    out = []
    for ln in frame.lines:
        vals = ln.get(f(name))
        if value is not None and value not in vals:
            continue
        if contains is not None and not any(contains in v for v in vals):
            continue
        if value is None and contains is None and not vals:
            continue
        out.append(ln)
    return out


def frames_with_line(frames, text):
    """Frame numbers holding a mailteach line whose text contains text."""
    return [n for n in sorted(frames) if any(text in t for t in line_texts(frames[n]))]


def has_expert(line, name):
    return name in line.fields


def ints(line, name):
    return [int(v) for v in line.get(f(name))]


class ImapTest(CaptureTest):
    """Helpers shared by the IMAP capture tests."""

    def frame_of(self, frames, text, nth=0):
        found = frames_with_line(frames, text)
        self.assertGreater(len(found), nth, "no frame with a line containing %r" % text)
        return found[nth]

    def line(self, frame, name, value=None, contains=None):
        found = lines_where(frame, name, value, contains)
        self.assertTrue(found, "frame %d: no line with %s=%r/%r in %r"
                        % (frame.number, name, value, contains, line_texts(frame)))
        return found[0]

    def line_text(self, frame, text):
        for ln in frame.lines:
            if text in ln.text:
                return ln
        self.fail("frame %d: no line containing %r in %r" % (frame.number, text, line_texts(frame)))

    def assert_explained(self, frames):
        """Every line carries an explanation, the stage and the next step."""
        for n in sorted(frames):
            for ln in frames[n].lines:
                if ln.has(f("line.partial")):
                    continue        # the frame that ends the line explains it
                for name in ("explanation", "stage", "next"):
                    self.assertTrue(ln.has(f(name)), "frame %d line %r has no %s" % (n, ln.text, name))

    def assert_no_secret(self, frame, secret):
        """The password is the value of mailteach.auth.password (which
        mailteach.redact_secrets hides) and of no other field."""
        for ln in frame.lines:
            for name, vals in ln.fields.items():
                if name.startswith("mailteach.") and name not in ("mailteach.line", "mailteach.auth.password"):
                    self.assertNotIn(secret, vals, "frame %d: %s shows the password" % (frame.number, name))


class PythonImaplib(ImapTest):
    capture = "imap-python-imaplib.pcapng"

    def test_greeting_capabilities_and_login(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                g = frames[self.frame_of(frames, "* OK [CAPABILITY")]
                ln = g.lines[0]
                self.assertIn("OK", ln.get(f("imap.status")))
                self.assertIn("CAPABILITY", ln.get(f("imap.response_code")))
                self.assertIn("STARTTLS", ln.get(f("imap.capability")))
                self.assertIn("PLAIN", ln.get(f("auth.mechanism")))
                self.assertTrue(ln.has(f("stage"), "Not authenticated"))
                self.assertTrue(ln.text.startswith("* OK"))

                n = self.frame_of(frames, "LOGIN student")
                login = self.line(frames[n], "imap.command", "LOGIN")
                self.assertEqual(login.get(f("auth.username")), ["student"])
                self.assertTrue(login.has(f("meaning"), "The password, as the user typed it"))
                self.assert_no_secret(frames[n], "secret")
                self.assert_no_secret(frames[n], '"secret"')
                ok = frames[self.frame_of(frames, "OK Logged in")]
                tagged = self.line(ok, "imap.status", "OK")
                self.assertEqual(ints(tagged, "request_in"), [n])
                self.assertTrue(tagged.has(f("stage"), "Authenticated"))
                # the untagged CAPABILITY before it belongs to LOGIN too
                caps = self.line(ok, "imap.untagged", "CAPABILITY")
                self.assertEqual(ints(caps, "request_in"), [n])
                self.assertIn("MOVE", caps.get(f("imap.capability")))
                # Wireshark's own IMAP tree is still there
                self.assertIn("imap", frames[n].layers)
                if label == "two passes":
                    self.assertEqual(ints(login, "response_in"), [ok.number])

    def test_select_data_belongs_to_select(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "SELECT INBOX")
                data = frames[self.frame_of(frames, "OK [READ-WRITE]")]
                exists = self.line(data, "imap.untagged", "EXISTS")
                self.assertEqual(ints(exists, "imap.count"), [3])
                self.assertEqual(ints(exists, "request_in"), [n])
                uv = self.line(data, "imap.response_code", "UIDVALIDITY")
                self.assertEqual(ints(uv, "request_in"), [n])
                self.assertTrue(uv.get(f("imap.uidvalidity")))
                flags = self.line(data, "imap.untagged", "FLAGS")
                self.assertIn("\\Deleted", flags.get(f("imap.flag")))
                done = self.line(data, "imap.response_code", "READ-WRITE")
                self.assertTrue(done.has(f("stage"), "Selected: a mailbox is open read-write"))
                self.assertEqual(ints(done, "request_in"), [n])

    def test_fetch_items_decoded(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "FETCH 1:* (FLAGS UID RFC822.SIZE ENVELOPE BODYSTRUCTURE)")
                cmd = self.line(frames[n], "imap.command", "FETCH")
                self.assertIn("1:*", cmd.get(f("imap.sequence_set")))
                self.assertIn("BODYSTRUCTURE", cmd.get(f("imap.fetch.item")))
                r = frames[self.frame_of(frames, "* 1 FETCH (FLAGS (\\Recent) UID 1")]
                m1 = self.line(r, "imap.uid", "1")
                self.assertEqual(ints(m1, "request_in"), [n])
                self.assertEqual(ints(m1, "imap.message_number"), [1])
                self.assertEqual(ints(m1, "imap.size"), [519])
                self.assertIn("Welcome to the mail protocols lab", m1.get(f("imap.envelope.subject")))
                self.assertIn("Teacher <teacher@mail.example.test>", m1.get(f("imap.envelope.from")))
                self.assertIn("text/plain", m1.get(f("imap.body.type")))
                m3 = self.line(r, "imap.uid", "3")
                self.assertIn("multipart/mixed", m3.get(f("imap.body.type")))
                self.assertEqual(m3.get(f("imap.body.part")), ["1", "2"])
                self.assertIn("application/octet-stream", m3.get(f("imap.body.type")))
                self.assertIn("base64", m3.get(f("imap.body.encoding")))
                self.assertEqual(ints(m3, "imap.size"), [1682])

    def test_fetch_body_literal(self):
        # FETCH 1 (BODY[]): literal {519} counted as 519 octets; the closing
        # ")" line belongs to the same response, linked to the command that
        # its tagged OK completes
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "FETCH 1 (BODY[])")
                r = frames[self.frame_of(frames, "BODY[] {519}")]
                first = self.line(r, "imap.literal.size", "519")
                self.assertIn("BODY[]", first.get(f("imap.fetch.item")))
                self.assertEqual(ints(first, "request_in"), [n])
                raw = self.line(r, "data.chunk", "519")
                self.assertEqual(ints(raw, "imap.literal.received"), [519])
                self.assertTrue(raw.has(f("explanation"), "never read as commands or responses"))
                self.assertEqual(ints(raw, "data.total_octets"), [519])
                close = [ln for ln in r.lines if ln.text == ")"][0]
                self.assertEqual(ints(close, "request_in"), [n])
                self.assertTrue(close.has(f("explanation"), "the FETCH response is complete"))
                ok = r.lines[-1]
                self.assertIn("OK", ok.get(f("imap.status")))
                self.assertEqual(ints(ok, "request_in"), [n])
                # the message's lines are literal octets, not responses:
                # besides them only the message's own structure (header
                # fields, the empty line that ends them, and the body)
                protocol = [ln for ln in r.lines
                            if not ln.has(f("mime.header.name")) and not ln.has(f("mime.part"))
                            and not ln.has(f("data.header_end"))]
                self.assertEqual(len(protocol), 5, line_texts(r))
                self.assertEqual(len(r.lines) - len(protocol), 11, line_texts(r))
                end = [ln for ln in r.lines if ln.has(f("data.header_end"))]
                self.assertEqual([ln.text for ln in end], ["(empty line)"])
                self.assertEqual(end[0].get(f("summary")), ["end of the header section: the body follows"])
                if label == "two passes":
                    cmd = self.line(frames[n], "imap.command", "FETCH")
                    self.assertEqual(ints(cmd, "response_in"), [r.number])

    def test_two_literals_in_one_response(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                r = frames[self.frame_of(frames, "* 3 FETCH (BODY[1] {104}")]
                self.assertEqual(sorted(int(v) for ln in r.lines for v in ln.get(f("data.chunk"))),
                                 [104, 156])
                cont = self.line(r, "imap.fetch.section", "2.MIME")
                self.assertIn(M + "imap.literal.size", cont.fields)
                self.assertTrue(cont.has(f("explanation"), "still the same response"))

    def test_search_store_expunge_uid(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                r = frames[self.frame_of(frames, "* SEARCH 2 3")]
                self.assertEqual(ints(self.line(r, "imap.untagged", "SEARCH"), "imap.search.result"), [2, 3])
                n = self.frame_of(frames, "SEARCH FROM")
                cmd = self.line(frames[n], "imap.command", "SEARCH")
                self.assertEqual(cmd.get(f("imap.search.key")), ["FROM", "SUBJECT"])
                n = self.frame_of(frames, "STORE 2 +FLAGS")
                cmd = self.line(frames[n], "imap.command", "STORE")
                self.assertEqual(cmd.get(f("imap.store.action")), ["+FLAGS"])
                self.assertEqual(cmd.get(f("imap.flag")), ["\\Seen"])
                r = frames[self.frame_of(frames, "* 1 EXPUNGE")]
                ex = self.line(r, "imap.untagged", "EXPUNGE")
                self.assertEqual(ints(ex, "imap.message_number"), [1])
                self.assertEqual(ints(ex, "request_in"), [self.frame_of(frames, "EXPUNGE")])
                n = self.frame_of(frames, "UID FETCH")
                cmd = self.line(frames[n], "imap.command", "UID")
                self.assertEqual(cmd.get(f("imap.subcommand")), ["FETCH"])
                r = frames[self.frame_of(frames, "* 1 FETCH (UID 2")]
                self.assertEqual(ints(self.line(r, "imap.uid", "2"), "request_in"), [n])
                r = frames[self.frame_of(frames, "COPYUID")]
                copy = self.line(r, "imap.response_code", "COPYUID")
                self.assertTrue(copy.get(f("imap.uidvalidity")))

    def test_examine_is_read_only_and_logout(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                r = frames[self.frame_of(frames, "OK [READ-ONLY]")]
                done = self.line(r, "imap.response_code", "READ-ONLY")
                self.assertTrue(done.has(f("stage"), "read-only"))
                closed = self.line(r, "imap.response_code", "CLOSED")
                self.assertTrue(closed.get(f("request_in")))
                n = self.frame_of(frames, "LOGOUT")
                r = frames[self.frame_of(frames, "* BYE")]
                bye = self.line(r, "imap.status", "BYE")
                self.assertEqual(ints(bye, "request_in"), [n])
                self.assertFalse(has_expert(bye, M + "imap.response.bye"))
                self.assertTrue(r.lines[-1].has(f("stage"), "Session over"))

    def test_every_line_explained_and_no_alarm(self):
        # a well-behaved client and server: every line explained, nothing
        # flagged but the password sent without TLS (STARTTLS was offered)
        for label, frames in self.both_passes():
            with self.subTest(label):
                self.assert_explained(frames)
                for n, fr in frames.items():
                    for ln in fr.lines:
                        msgs = [m for m in ln.get("_ws.expert.message")
                                if not m.startswith(("A reusable secret", "Login before STARTTLS"))]
                        self.assertEqual(msgs, [], "frame %d line %r" % (n, ln.text))


class LoginLiteral(ImapTest):
    capture = "imap-login-literal.pcapng"

    def test_failed_login_and_garbage(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, 'a001 LOGIN "student"')
                self.assertEqual(self.line(frames[n], "imap.command", "LOGIN").get(f("auth.username")),
                                 ["student"])
                self.assert_no_secret(frames[n], "wrong-password")
                r = frames[self.frame_of(frames, "a001 NO")]
                no = self.line(r, "imap.response_code", "AUTHENTICATIONFAILED")
                self.assertTrue(has_expert(no, M + "imap.response.no"))
                self.assertTrue(no.has(f("meaning"), "any problem with the credentials"))
                self.assertEqual(ints(no, "request_in"), [n])
                n = self.frame_of(frames, "a002 this is garbage")
                g = frames[n].lines[0]
                self.assertTrue(has_expert(g, M + "imap.command.unknown"))
                r = frames[self.frame_of(frames, "a002 BAD")]
                bad = self.line(r, "imap.status", "BAD")
                self.assertTrue(has_expert(bad, M + "imap.response.bad"))
                self.assertEqual(ints(bad, "request_in"), [n])

    def test_login_with_synchronizing_literals(self):
        # LOGIN {7} framed; the user name is the literal's octets; the
        # literal octets are never read as commands
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "a003 LOGIN {7}")
                cmd = self.line(frames[n], "imap.command", "LOGIN")
                self.assertEqual(ints(cmd, "imap.literal.size"), [7])
                self.assertTrue(cmd.has(f("next"), '"+"'))
                plus = frames[self.frame_of(frames, "+ OK")]
                self.assertEqual(ints(plus.lines[0], "request_in"), [n])
                self.assertTrue(plus.lines[0].has(f("explanation"), "ready for the literal"))
                u = frames[self.frame_of(frames, "7 octets")]
                raw = self.line(u, "data.chunk", "7")
                self.assertEqual(raw.get(f("auth.username")), ["student"])
                rest = self.line(u, "imap.literal.size", "6")
                self.assertEqual(rest.text.strip(), "{6}")
                self.assertNotIn(M + "imap.command", rest.fields)
                self.assertNotIn(M + "imap.tag", rest.fields)
                p = frames[self.frame_of(frames, "6 octets")]
                raw = self.line(p, "data.chunk", "6")
                self.assertTrue(raw.has(f("explanation"), "password of LOGIN"))
                self.assertNotIn(M + "auth.username", raw.fields)
                self.assert_no_secret(p, "secret")
                end = self.line_text(p, "(empty line)")
                self.assertTrue(end.has(f("explanation"), "the command is complete"))
                ok = frames[self.frame_of(frames, "a003 OK")]
                self.assertEqual(ints(ok.lines[0], "request_in"), [n])
                self.assertTrue(ok.lines[0].has(f("stage"), "Authenticated"))
                # Wireshark's own dissector is confused by the literal; mailteach is not
                for k in (u.number, p.number):
                    self.assertFalse(lines_where(frames[k], "imap.command"), line_texts(frames[k]))
                self.assertFalse(any(has_expert(ln, M + "imap.command.unknown")
                                     for k in (n, u.number, p.number) for ln in frames[k].lines))
                if label == "two passes":
                    self.assertEqual(ints(cmd, "response_in"), [ok.number])
                    self.assertEqual(ints(rest, "response_in"), [ok.number])

    def test_login_with_literal_plus(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "c001 LOGIN {7+}")
                fr = frames[n]
                self.assertEqual([ln.text for ln in fr.lines],
                                 ["c001 LOGIN {7+}", "7 octets", " {6+}", "6 octets", "(empty line)"])
                cmd = fr.lines[0]
                self.assertEqual(cmd.get(f("imap.literal.non_synchronizing")), ["1"])
                self.assertEqual(fr.lines[1].get(f("auth.username")), ["student"])
                self.assert_no_secret(fr, "secret")
                self.assertFalse(any(has_expert(ln, M + "imap.literal.not_waited") for ln in fr.lines))
                ok = frames[self.frame_of(frames, "c001 OK")]
                self.assertEqual(ints(ok.lines[0], "request_in"), [n])

    def test_quoted_login(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, 'b001 LOGIN "student" "secret"')
                cmd = self.line(frames[n], "imap.command", "LOGIN")
                self.assertEqual(cmd.get(f("auth.username")), ["student"])
                self.assert_no_secret(frames[n], "secret")
                self.assert_explained(frames)


class Errors(ImapTest):
    capture = "imap-errors.pcapng"

    def expert_on(self, frames, text, expert):
        n = self.frame_of(frames, text)
        ln = self.line_text(frames[n], text)
        self.assertTrue(has_expert(ln, M + expert), "frame %d %r lacks %s: %r" % (n, text, expert,
                                                                               sorted(ln.fields)))
        return n

    def test_wrong_states(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                self.expert_on(frames, "a1 SELECT INBOX", "imap.command.wrong_state.not_authenticated")
                self.expert_on(frames, "a2 FETCH 1 FLAGS", "imap.command.wrong_state.not_authenticated")
                self.expert_on(frames, "a4 FETCH 1 FLAGS", "imap.command.wrong_state.no_mailbox")
                r = frames[self.frame_of(frames, "a4 BAD")]
                self.assertTrue(has_expert(r.lines[0], M + "imap.response.bad"))
                r = frames[self.frame_of(frames, "a5 NO")]
                self.assertTrue(r.lines[0].has(f("stage"), "no mailbox selected"))
                n = self.frame_of(frames, "a6 SELECT INBOX")
                self.assertFalse([k for k in self.line_text(frames[n], "a6 SELECT").fields
                                  if k.startswith(M + "imap.command.")])

    def test_no_and_bad_explained(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                for code, words in (("TRYCREATE", "CREATE"), ("ALREADYEXISTS", "exists already"),
                                    ("NONEXISTENT", "does not exist")):
                    r = frames[self.frame_of(frames, "[%s]" % code)]
                    ln = self.line(r, "imap.response_code", code)
                    self.assertTrue(ln.has(f("explanation"), words), code)
                    self.assertTrue(has_expert(ln, M + "imap.response.no"))
                self.expert_on(frames, "a8 FOOBAR", "imap.command.unknown")
                self.expert_on(frames, "a9 FETCH 99 FLAGS", "imap.sequence_set.out_of_range")
                self.expert_on(frames, "a10 FETCH 1", "imap.command.argument.missing")
                n = self.frame_of(frames, "a11 STORE")
                store = self.line_text(frames[n], "a11 STORE")
                self.assertEqual(store.get(f("imap.flag")), ["\\Bogus"])
                self.assertTrue(has_expert(store, M + "imap.flag.invalid"))
                self.assert_explained(frames)


class Idle(ImapTest):
    capture = "imap-idle.pcapng"

    def test_idle_and_done(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "a3 IDLE")
                plus = frames[self.frame_of(frames, "+ idling")].lines[0]
                self.assertEqual(ints(plus, "request_in"), [n])
                self.assertTrue(plus.has(f("stage"), "Idling"))
                self.assertTrue(plus.has(f("explanation"), "until the client sends DONE"))
                pushed = frames[self.frame_of(frames, "* 4 EXISTS")]
                ex = self.line(pushed, "imap.untagged", "EXISTS")
                self.assertEqual(ints(ex, "imap.count"), [4])
                self.assertEqual(ints(ex, "request_in"), [n])
                self.assertTrue(ex.has(f("note"), "Pushed during IDLE"))
                self.assertEqual(ints(self.line(pushed, "imap.untagged", "RECENT"), "imap.count"), [4])
                d = self.frame_of(frames, "DONE")
                done = frames[d].lines[0]
                self.assertEqual(done.get(f("imap.command")), ["DONE"])
                self.assertTrue(done.has(f("explanation"), "not a tagged command"))
                self.assertNotIn(M + "imap.tag", done.fields)
                ok = frames[self.frame_of(frames, "a3 OK Idle completed")].lines[0]
                self.assertEqual(ints(ok, "request_in"), [n])
                self.assertTrue(ok.has(f("stage"), "Selected"))
                if label == "two passes":
                    self.assertEqual(ints(done, "response_in"), [self.frame_of(frames, "a3 OK")])
                self.assert_explained(frames)


class Append(ImapTest):
    capture = "imap-append.pcapng"

    def test_client_literal_with_continuation(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "APPEND INBOX")
                cmd = self.line(frames[n], "imap.command", "APPEND")
                self.assertEqual(ints(cmd, "imap.literal.size"), [284])
                self.assertEqual(cmd.get(f("imap.mailbox")), ["INBOX"])
                self.assertEqual(cmd.get(f("imap.flag")), ["\\Seen", "\\Draft"])
                self.assertEqual(cmd.get(f("imap.date")), ["02-Sep-2024 12:00:00 +0000"])
                plus = frames[self.frame_of(frames, "+ OK")].lines[0]
                self.assertEqual(ints(plus, "request_in"), [n])
                lit = frames[self.frame_of(frames, "284 octets")]
                # the literal, then the message it holds, read as a message
                self.assertEqual(len([ln for ln in lit.lines if ln.has(f("data.chunk"))]), 1)
                self.assertFalse([ln for ln in lit.lines
                                  if not ln.has(f("data.chunk")) and not ln.has(f("mime.header.name"))
                                  and not ln.has(f("mime.part")) and not ln.has(f("data.header_end"))])
                self.assertEqual(len([ln for ln in lit.lines if ln.has(f("data.header_end"))]), 1)
                self.assertEqual(ints(lit.lines[0], "imap.literal.received"), [284])
                self.assertTrue(lit.lines[0].get(f("data.total_lines")))
                self.assertFalse(lines_where(lit, "imap.command"))
                # the empty line after the literal ends the command (the
                # literal's own one ends the message's header section)
                end = [ln for n2 in frames_with_line(frames, "(empty line)") for ln in frames[n2].lines
                       if ln.text == "(empty line)" and not ln.has(f("data.header_end"))][0]
                self.assertTrue(end.has(f("explanation"), "the command is complete"))
                ok = frames[self.frame_of(frames, "APPENDUID")]
                a = self.line(ok, "imap.response_code", "APPENDUID")
                self.assertEqual(ints(a, "imap.uid"), [4])
                self.assertEqual(ints(a, "request_in"), [n])
                if label == "two passes":
                    self.assertEqual(ints(cmd, "response_in"), [ok.number])
                    self.assertEqual(ints(end, "response_in"), [ok.number])
                self.assert_explained(frames)


class Keystroke(ImapTest):
    capture = "imap-keystroke.pcapng"

    def test_backspaces_rebuilt_once(self):
        # a2 SELECT INBXO\b\bOX: one line, with its backspaces and the text
        # the screen showed; Dovecot's BAD came before the line was complete
        for label, frames in self.both_passes():
            with self.subTest(label):
                typed = frames_with_line(frames, "INBXO")
                self.assertEqual(len(typed), 1, typed)
                ln = self.line_text(frames[typed[0]], "INBXO")
                self.assertEqual(ln.get(f("line.on_screen")), ["a2 SELECT INBOX"])
                self.assertEqual(len(ln.get(f("line.control"))), 2)
                self.assertTrue(has_expert(ln, M + "line.control.present"))
                self.assertEqual(ln.get(f("imap.command")), ["SELECT"])
                early = self.frame_of(frames, "a2 BAD")
                self.assertLess(early, typed[0])
                bad = frames[early].lines[0]
                self.assertTrue(has_expert(bad, M + "imap.tag.unmatched"))
                self.assertTrue(bad.has(f("note"), "rejected it early"))
                self.assertEqual(ints(ln, "response_in"), [early])
                self.assertTrue(ln.has(f("note"), "before the line was complete"))
                # the retyped SELECT is the one the data answers
                n = self.frame_of(frames, "a2 SELECT INBOX")
                data = frames[self.frame_of(frames, "* 3 EXISTS")]
                self.assertEqual(ints(self.line(data, "imap.untagged", "EXISTS"), "request_in"), [n])
                login = self.line_text(frames[self.frame_of(frames, "a1 LOGIN")], "a1 LOGIN")
                self.assertEqual(login.get(f("auth.username")), ["student"])
                self.assert_explained(frames)


class SplitLiteral(ImapTest):
    capture = "imap-split-literal.pcapng"

    def test_literal_counted_to_the_end(self):
        # {1682} arrives in 37-octet segments; every octet is counted, none
        # is read as a line
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "a4 FETCH 3 (BODY[])")
                first = frames[self.frame_of(frames, "BODY[] {1682}")]
                self.assertEqual(ints(self.line(first, "imap.literal.size", "1682"), "request_in"), [n])
                total, last = 0, None
                for k in sorted(frames):
                    for ln in frames[k].lines:
                        if ln.get(f("data.chunk")) and 1682 in ints(ln, "imap.literal.size"):
                            total += sum(ints(ln, "data.chunk"))
                            last = ln
                self.assertEqual(total, 1682)
                self.assertEqual(ints(last, "imap.literal.received"), [1682])
                self.assertEqual(ints(last, "data.total_octets"), [1682])
                close = [ln for k in sorted(frames) for ln in frames[k].lines if ln.text == ")"]
                self.assertEqual([ints(c, "request_in") for c in close], [[n], [self.frame_of(frames, "a5 FETCH")]])
                ok = self.frame_of(frames, "a4 OK Fetch completed")
                self.assertEqual(ints(frames[ok].lines[0], "request_in"), [n])
                # nothing from inside the literal became a response line
                for k in sorted(frames):
                    for ln in frames[k].lines:
                        self.assertFalse(has_expert(ln, M + "imap.response.invalid"), (k, ln.text))
                self.assert_explained(frames)

    def test_greeting_in_pieces(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                g = frames[self.frame_of(frames, "* OK [CAPABILITY")].lines[0]
                self.assertIn("LITERAL+", g.get(f("imap.capability")))
                self.assertIn("AUTH=LOGIN", g.get(f("imap.capability")))


class Starttls(ImapTest):
    capture = "imap-starttls.pcapng"

    def test_decrypted_session_annotated(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                n = self.frame_of(frames, "EFMC1 STARTTLS")
                ok_n = self.frame_of(frames, "Begin TLS negotiation")
                ok = frames[ok_n].lines[0]
                self.assertEqual(ints(ok, "request_in"), [n])
                self.assertTrue(ok.has(f("stage"), "Switching to TLS"))
                self.assertTrue(ok.has(f("next"), "TLS handshake"))
                cap = self.frame_of(frames, "EFMC2 CAPABILITY")
                self.assertGreater(cap, ok_n)
                self.assertIn("tls", frames[cap].layers)
                login_n = self.frame_of(frames, "EFMC3 LOGIN")
                login = self.line(frames[login_n], "imap.command", "LOGIN")
                self.assertEqual(login.get(f("auth.username")), ["student"])
                self.assertTrue(login.has(f("meaning"), "uses TLS"))
                self.assert_no_secret(frames[login_n], "secret")
                done = frames[self.frame_of(frames, "EFMC3 OK Logged in")]
                self.assertEqual(ints(self.line(done, "imap.status", "OK"), "request_in"), [login_n])
                # no STARTTLS capability inside TLS, and none offered: no alarm
                self.assertNotIn("STARTTLS", frames[self.frame_of(frames, "* CAPABILITY", 1)].lines[0]
                                 .get(f("imap.capability")))
                self.assert_explained(frames)


class Port1143(ImapTest):
    capture = "imap-port1143.pcapng"

    def test_found_by_the_heuristic(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                g = frames[self.frame_of(frames, "* OK [CAPABILITY")]
                self.assertEqual(g.number, 4)
                self.assertEqual(int(g.layers["tcp"]["tcp.srcport"]), 1143)
                n = self.frame_of(frames, "FETCH 1 (BODY[])")
                r = frames[self.frame_of(frames, "BODY[] {519}")]
                self.assertEqual(ints(self.line(r, "imap.literal.size", "519"), "request_in"), [n])
                self.assertEqual(ints(self.line(r, "data.chunk", "519"), "imap.literal.received"), [519])
                self.assertTrue(frames[self.frame_of(frames, "* BYE")].lines[-1].has(f("stage"), "Session over"))
                self.assert_explained(frames)


class EveryImapCapture(ImapTest):
    """What holds for every IMAP capture."""

    def test_framing_and_explanations(self):
        names = sorted(x for x in os.listdir(self.ts.captures) if x.startswith("imap-"))
        self.assertGreaterEqual(len(names), 9)
        for name in names:
            for label, frames in self.both_passes(name):
                with self.subTest(capture=name, passes=label):
                    self.assert_explained(frames)
                    for n, fr in frames.items():
                        for ln in fr.lines:
                            for bad in ("imap.response.invalid", "imap.tag.invalid", "imap.syntax.invalid",
                                        "imap.continuation.unexpected", "capture.mid_session",
                                        "imap.untagged.unknown"):
                                self.assertFalse(has_expert(ln, M + bad),
                                                 "%s frame %d line %r: %s" % (name, n, ln.text, bad))
                    # every literal's octets are counted to its announced size
                    sizes = {}
                    for n in sorted(frames):
                        for ln in frames[n].lines:
                            if ln.get(f("data.chunk")):
                                got = ints(ln, "imap.literal.received")
                                size = ints(ln, "imap.literal.size")
                                if got and size and got[0] == size[0]:
                                    sizes[(n, ln.text)] = size[0]
                    announced = [int(v) for n in sorted(frames) for ln in frames[n].lines
                                 if not ln.get(f("data.chunk")) for v in ln.get(f("imap.literal.size"))]
                    self.assertEqual(sorted(sizes.values()), sorted(announced), name)


if __name__ == "__main__":
    unittest.main(verbosity=2)
