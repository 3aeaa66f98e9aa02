#!/usr/bin/env python3
# test_smtp.py - facts a teacher would check in the SMTP captures
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Frame numbers are those of the bundled captures (captures/FRAMES.md).
# Every fact is checked on one pass and on two passes (tshark -2), where
# frames are dissected again from what the first pass kept.

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtshark import CaptureTest  # noqa: E402

EXPERT = "_ws.expert.message"


def commands(frame):
    return [ln.first("mailteach.smtp.command") for ln in frame.lines if ln.has("mailteach.smtp.command")]


def codes(frame):
    return [ln.first("mailteach.smtp.reply.code") for ln in frame.lines if ln.has("mailteach.smtp.reply.code")]


class PlainSend(CaptureTest):
    """swaks sends one message on port 25."""
    capture = "smtp-swaks-plain.pcapng"

    def test_greeting_says_what_comes_next(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                g = f[4].line("smtp.reply.code", "220")
                self.assertEqual(g.first("mailteach.smtp.reply.class"), "2")
                self.assertIn("Greeted", g.first("mailteach.stage"))
                self.assertIn("EHLO", g.text_of("mailteach.next"))

    def test_ehlo_extensions_each_explained(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[6]), ["EHLO"])
                self.assertEqual(f[6].line().first("mailteach.smtp.hello.domain"), "client.example.test")
                # frame 8: the first line and 11 extension lines, each answering frame 6
                self.assertEqual(len(f[8].lines), 12)
                self.assertTrue(all(ln.first("mailteach.request_in") == "6" for ln in f[8].lines))
                keywords = [ln.first("mailteach.smtp.ehlo.keyword") for ln in f[8].lines[1:]]
                self.assertEqual(keywords, ["PIPELINING", "SIZE", "VRFY", "ETRN", "STARTTLS", "AUTH",
                                            "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING"])
                for ln in f[8].lines[1:]:
                    self.assertTrue(ln.has("mailteach.explanation"), ln)
                    self.assertTrue(ln.first("mailteach.rfc").startswith("RFC "), ln)
                size = f[8].line("smtp.ehlo.keyword", "SIZE")
                self.assertEqual(size.first("mailteach.smtp.ehlo.size_limit"), "10240000")
                auth = f[8].line("smtp.ehlo.keyword", "AUTH")
                self.assertEqual(auth.get("mailteach.auth.mechanism"), ["PLAIN", "LOGIN"])
                # "250-" continues, "250 " ends, explained on the first line
                self.assertIn("more lines follow", f[8].lines[0].text_of("mailteach.meaning"))
                self.assertEqual(f[8].lines[0].first("mailteach.smtp.reply.continues"), "1")
                self.assertEqual(f[8].lines[-1].first("mailteach.smtp.reply.continues"), "0")
                self.assertIn("Session open", f[8].lines[-1].first("mailteach.stage"))

    def test_envelope_sender_is_not_the_from_header(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                mail = f[9].line("smtp.command", "MAIL")
                self.assertEqual(mail.first("mailteach.smtp.mail.from"), "student@mail.example.test")
                self.assertIn("From: header", mail.text_of("mailteach.explanation"))
                rcpt = f[11].line("smtp.command", "RCPT")
                self.assertEqual(rcpt.first("mailteach.smtp.rcpt.to"), "student@mail.example.test")
                ok = f[12].line("smtp.reply.code", "250")
                self.assertEqual(ok.first("mailteach.smtp.reply.enhanced"), "2.1.5")
                self.assertEqual(ok.first("mailteach.request_in"), "11")

    def test_354_go_ahead_and_end_of_data(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                go = f[14].line("smtp.reply.code", "354")
                self.assertEqual(go.first("mailteach.request_in"), "13")
                self.assertIn('"."', go.text_of("mailteach.explanation"))
                self.assertIn("sending the message", go.first("mailteach.stage"))
                # frame 15: the whole message, counted, with its blank line and its end
                end = f[15].line("data.end", "1")
                self.assertEqual(end.first("mailteach.data.total_lines"), "10")
                self.assertIn("waiting for the server's verdict", end.first("mailteach.stage"))
                self.assertTrue(f[15].line("data.header_end", "1"))
                queued = f[16].line("smtp.reply.code", "250")
                self.assertEqual(queued.first("mailteach.request_in"), "15")
                self.assertIn("queued", queued.text_of("mailteach.explanation"))

    def test_quit_and_221(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[17]), ["QUIT"])
                bye = f[18].line("smtp.reply.code", "221")
                self.assertIn("Session over", bye.first("mailteach.stage"))

    def test_commands_link_forward_on_a_second_pass(self):
        f = self.frames(two_pass=True)
        self.assertEqual(f[13].line("smtp.command", "DATA").first("mailteach.response_in"), "14")
        self.assertEqual(f[15].line("data.end", "1").first("mailteach.response_in"), "16")
        self.assertEqual(f[6].line("smtp.command", "EHLO").first("mailteach.response_in"), "8")

    def test_nothing_flagged_in_a_clean_session(self):
        f = self.frames()
        self.assertEqual([n for n, fr in f.items() if EXPERT in fr.fields], [])


class Errors(CaptureTest):
    """A raw client provokes Postfix's error replies."""
    capture = "smtp-errors.pcapng"

    def expert(self, frame):
        return " ".join(frame.fields.get(EXPERT, []))

    def test_unknown_command(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[6]), ["FOO"])
                self.assertIn("Unknown SMTP command", self.expert(f[6]))
                self.assertIn("not an SMTP command", f[6].line().text_of("mailteach.explanation").replace(
                    "Not an SMTP", "not an SMTP"))
                self.assertEqual(f[8].line().first("mailteach.request_in"), "6")

    def test_out_of_sequence_commands_say_what_rfc_5321_expects(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertIn("must start with EHLO", self.expert(f[9]))
                self.assertIn("RFC 5321 §4.1.4", self.expert(f[9]))
                self.assertIn("RCPT before an accepted MAIL", self.expert(f[15]))
                self.assertIn("DATA before any accepted RCPT", self.expert(f[17]))
                self.assertEqual(codes(f[16]), ["503"])

    def test_refused_data_leaves_commands_as_commands(self):
        # Wireshark's own SMTP dissector calls frames 19-31 "DATA fragment"
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[19]), ["MAIL"])
                self.assertIn("needs an argument", self.expert(f[19]))
                self.assertEqual(commands(f[21]), ["MAIL"])
                self.assertEqual(commands(f[23]), ["MAIL"])
                self.assertEqual(f[23].line().get("mailteach.smtp.parameter"), ["BOGUS=1"])
                self.assertEqual(commands(f[29]), ["RCPT"])
                self.assertEqual(commands(f[31]), ["DATA"])
                self.assertTrue(f[33].line("data.end", "1"))

    def test_550_unknown_user(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                r = f[28].line("smtp.reply.code", "550")
                self.assertEqual(r.first("mailteach.smtp.reply.enhanced"), "5.1.1")
                self.assertEqual(r.first("mailteach.smtp.reply.enhanced.detail"), "1")
                self.assertIn("Permanent failure", self.expert(f[28]))

    def test_syntax_errors(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(codes(f[12]), ["501"])
                self.assertIn("needs an argument", self.expert(f[11]))
                self.assertEqual(codes(f[24]), ["555"])

    def test_anything_after_quit(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[39]), ["NOOP"])
                self.assertIn("more after QUIT", self.expert(f[39]))


class Pipelining(CaptureTest):
    capture = "smtp-pipelining.pcapng"

    def test_batch_and_replies_in_order(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[9]), ["MAIL", "RCPT", "RCPT", "DATA"])
                self.assertEqual(codes(f[10]), ["250", "250", "250", "354"])
                self.assertTrue(all(ln.first("mailteach.request_in") == "9" for ln in f[10].lines))
                # the later commands of the batch are explained as pipelining
                self.assertIn("Pipelining", f[9].lines[1].text_of("mailteach.note"))
                self.assertNotIn("_ws.expert.message", f[9].fields)
                self.assertIn("next reply answers the next command", f[10].lines[0].text_of("mailteach.next"))


class DataRefused(CaptureTest):
    capture = "smtp-data-refused.pcapng"

    def test_after_refused_data_the_client_sends_commands(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(codes(f[16]), ["554"])
                self.assertIn("commands", f[16].line().text_of("mailteach.explanation"))
                self.assertEqual(commands(f[17]), ["RSET"])
                self.assertEqual(commands(f[19]), ["NOOP"])
                self.assertEqual(commands(f[21]), ["MAIL"])
                self.assertEqual(commands(f[23]), ["RCPT"])
                self.assertEqual(codes(f[26]), ["354"])
                self.assertTrue(f[27].line("data.end", "1"))


class Keystroke(CaptureTest):
    """A telnet-like client sends one key per TCP segment."""
    capture = "smtp-keystroke.pcapng"

    def test_each_line_annotated_once_where_it_completes(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                mails = [n for n, fr in f.items() if "MAIL" in commands(fr)]
                self.assertEqual(mails, [115])
                self.assertEqual([n for n, fr in f.items() if "HELO" in commands(fr)], [36])
                # the keystroke segments before it carry no annotation of their own
                self.assertFalse(any(f[n].lines for n in range(39, 115)))

    def test_backspaces_shown_and_explained(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                mail = f[115].line("smtp.command", "MAIL")
                self.assertEqual(mail.get("mailteach.line.control"), ["0x08", "0x08", "0x08"])
                self.assertEqual(mail.first("mailteach.line.on_screen"),
                                 "MAIL FROM:<student@mail.example.test>")
                self.assertIn("BACKSPACE", mail.text_of("mailteach.meaning"))
                self.assertIn("studnet", mail.first("mailteach.smtp.mail.from"))

    def test_message_typed_line_by_line(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(codes(f[182]), ["354"])
                self.assertTrue(f[291].line("data.end", "1"))
                self.assertEqual(f[293].line().first("mailteach.request_in"), "291")


class NonStandardPort(CaptureTest):
    """Postfix on 2525: found by the heuristic from the greeting."""
    capture = "smtp-port2525.pcapng"

    def test_found_and_annotated_on_the_first_pass(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(codes(f[4]), ["220"])
                self.assertEqual(commands(f[6]), ["EHLO"])
                self.assertEqual(len(f[8].lines), 12)
                self.assertEqual(codes(f[14]), ["354"])
                self.assertEqual(codes(f[18]), ["221"])
                # mailteach also calls Wireshark's SMTP dissector here
                self.assertIn("smtp", f[6].layers)


class LongLines(CaptureTest):
    """Unusual client bytes sent to the real Postfix."""
    capture = "smtp-long-lines.pcapng"

    def test_overlong_bare_lf_nul(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                long_cmd = f[9].line("smtp.command", "NOOP")
                self.assertEqual(long_cmd.first("mailteach.line.length"), "707")
                self.assertIn("512 octets", long_cmd.text_of("mailteach.meaning"))
                bare = f[11].line("smtp.command", "NOOP")
                self.assertTrue(bare.has("mailteach.line.eol"))
                self.assertIn("bare LF", " ".join(f[11].fields[EXPERT]))
                self.assertIn("NUL byte", " ".join(f[13].fields[EXPERT]))
                # inside the message: the 1200-octet line, a bare LF and a NUL
                experts = " ".join(f[21].fields[EXPERT])
                for what in ("longer than the protocol allows", "bare LF", "NUL byte"):
                    self.assertIn(what, experts)
                self.assertTrue(f[21].line("data.end", "1"))


class Bdat(CaptureTest):
    capture = "smtp-bdat.pcapng"

    def test_chunks_are_counted_not_read_as_commands(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(f[13].line("smtp.command", "BDAT").first("mailteach.smtp.bdat.size"), "221")
                self.assertEqual(f[15].lines[0].first("mailteach.data.chunk"), "221")
                self.assertEqual(commands(f[15]), [])
                # nothing but mailteach shows the message's own empty line in
                # counted octets: it ends the header section (RFC 5322 §2.1)
                ends = [ln for ln in f[15].lines if ln.first("mailteach.data.header_end")]
                self.assertEqual(len(ends), 1)
                self.assertEqual(ends[0].first("mailteach.summary"), "end of the header section: the body follows")
                self.assertEqual(ends[0].first("mailteach.rfc"), "RFC 5322 §2.1")
                last = f[18].line("smtp.command", "BDAT")
                self.assertEqual(last.first("mailteach.smtp.bdat.last"), "1")
                # the LAST chunk holds a line "QUIT": message text, not a command
                self.assertEqual(commands(f[18]), ["BDAT"])
                self.assertEqual(f[18].lines[1].first("mailteach.data.chunk"), "73")
                self.assertEqual(f[19].line().first("mailteach.request_in"), "18")
                self.assertIn("Session open", f[19].line().first("mailteach.stage"))


class AuthLogin(CaptureTest):
    capture = "smtp-auth-login.pcapng"

    def test_answers_to_334_are_not_commands(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                auth = f[9].line("smtp.command", "AUTH")
                self.assertEqual(auth.first("mailteach.auth.mechanism"), "LOGIN")
                self.assertEqual(codes(f[10]), ["334"])
                self.assertEqual(commands(f[11]), [])
                self.assertIn("Base64", f[11].line().text_of("mailteach.explanation"))
                self.assertEqual(codes(f[15]), ["535"])
                self.assertIn("cancels", f[19].line().text_of("mailteach.explanation"))
                self.assertEqual(codes(f[29]), ["235"])
                self.assertNotIn("Unknown SMTP command", " ".join(
                    m for fr in f.values() for m in fr.fields.get(EXPERT, [])))


class StartTls(CaptureTest):
    """smtplib with STARTTLS; the capture carries its TLS keys."""
    capture = "smtp-starttls.pcapng"

    def test_switch_explained_and_decrypted_session_annotated(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                ready = f[10].line("smtp.reply.code", "220")
                self.assertIn("TLS", ready.first("mailteach.stage"))
                self.assertIn("EHLO again", ready.text_of("mailteach.next"))
                self.assertEqual(commands(f[15]), ["EHLO"])
                self.assertIn("tls", f[15].layers)
                self.assertEqual(codes(f[22]), ["354"])
                self.assertTrue(f[23].line("data.end", "1"))
                self.assertEqual(codes(f[26]), ["221"])


class Submission(CaptureTest):
    capture = "smtp-submission-587.pcapng"

    def test_auth_plain_on_587(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                auth = f[9].line("smtp.command", "AUTH")
                self.assertEqual(auth.first("mailteach.auth.mechanism"), "PLAIN")
                self.assertEqual(auth.first("mailteach.smtp.command.argument"), "AHN0dWRlbnQAc2VjcmV0")
                self.assertEqual(codes(f[10]), ["235"])


class Smtplib(CaptureTest):
    capture = "smtp-python-smtplib.pcapng"

    def test_lower_case_commands_and_vrfy(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[9]), ["VRFY"])
                self.assertEqual(codes(f[10]), ["252"])
                self.assertEqual(codes(f[14]), ["500"])
                r = f[22].line("smtp.reply.code", "550")
                self.assertEqual(r.first("mailteach.smtp.reply.enhanced"), "5.1.1")
                self.assertIn("mailbox", r.text_of("mailteach.explanation"))

    def test_dot_stuffed_lines_explained(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                stuffed = [ln for ln in f[27].lines if ln.first("mailteach.data.dot_stuffed") == "1"]
                self.assertEqual(len(stuffed), 3)
                self.assertIn("doubled the dot", stuffed[0].text_of("mailteach.explanation"))
                self.assertTrue(f[27].line("data.end", "1"))


class CurlSend(CaptureTest):
    capture = "smtp-curl-send.pcapng"

    def test_lone_final_dot(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(codes(f[14]), ["354"])
                self.assertTrue(f[16].line("data.end", "1"))
                self.assertEqual(codes(f[18]), ["250"])
                self.assertEqual(f[18].line().first("mailteach.request_in"), "16")


if __name__ == "__main__":
    unittest.main(verbosity=2)
