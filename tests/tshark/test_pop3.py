#!/usr/bin/env python3
# test_pop3.py - facts a teacher would check in the POP3 captures
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
    return [ln.first("mailteach.pop3.command") for ln in frame.lines if ln.has("mailteach.pop3.command")]


def statuses(frame):
    return [ln.first("mailteach.pop3.status") for ln in frame.lines if ln.has("mailteach.pop3.status")]


def capabilities(frame):
    return [ln.first("mailteach.pop3.capability") for ln in frame.lines if ln.has("mailteach.pop3.capability")]


def rows(frame, field):
    """(message number, value) of the listing rows in a frame."""
    return [(ln.first("mailteach.pop3.message_number"), ln.first(field)) for ln in frame.lines
            if ln.has("mailteach.pop3.message_number") and not ln.has("mailteach.pop3.status")]


def experts(frame):
    return " ".join(frame.fields.get(EXPERT, []))


class Poplib(CaptureTest):
    """Python poplib on port 110: every command of RFC 1939 and CAPA."""
    capture = "pop3-python-poplib.pcapng"

    def test_greeting_with_apop_timestamp(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                g = f[4].line("pop3.status", "+OK")
                self.assertTrue(g.first("mailteach.pop3.timestamp").startswith("<69de."))
                self.assertTrue(g.first("mailteach.pop3.timestamp").endswith("@vm>"))
                self.assertIn("APOP", g.text_of("mailteach.explanation"))
                self.assertIn("AUTHORIZATION", g.first("mailteach.stage"))
                self.assertIn("USER and PASS", g.text_of("mailteach.next"))

    def test_capa_one_line_per_capability(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[6]), ["CAPA"])
                # the +OK, nine capabilities and the "." line, each answering frame 6
                self.assertEqual(len(f[8].lines), 11)
                self.assertTrue(all(ln.first("mailteach.request_in") == "6" for ln in f[8].lines))
                self.assertEqual(f[8].lines[0].first("mailteach.pop3.response.multiline"), "1")
                self.assertEqual(capabilities(f[8]), ["CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING",
                                                      "AUTH-RESP-CODE", "STLS", "USER", "SASL"])
                for ln in f[8].lines[1:-1]:
                    self.assertTrue(ln.has("mailteach.explanation"), ln)
                    self.assertTrue(ln.has("mailteach.rfc"), ln)
                sasl = f[8].line("pop3.capability", "SASL")
                self.assertEqual(sasl.get("mailteach.auth.mechanism"), ["PLAIN", "LOGIN"])
                self.assertIn("RFC 2449 §6.3", sasl.get("mailteach.rfc"))
                self.assertIn("RFC 2595 §4", f[8].line("pop3.capability", "STLS").get("mailteach.rfc"))
                end = f[8].lines[-1]
                self.assertEqual(end.first("mailteach.pop3.response.end"), "1")
                self.assertEqual(end.first("mailteach.pop3.response.lines"), "9")

    def test_user_pass_login(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(f[9].line("pop3.command", "USER").first("mailteach.auth.username"), "student")
                self.assertIn("PASS", f[11].line().first("mailteach.stage"))
                pw = f[12].line("pop3.command", "PASS")
                self.assertEqual(pw.first("mailteach.pop3.command.argument"), "secret")
                self.assertIn("clear text", pw.text_of("mailteach.meaning"))
                self.assertIn("TRANSACTION", f[14].line().first("mailteach.stage"))

    def test_stat_decodes_messages_and_octets(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                stat = f[16].line("pop3.status", "+OK")
                self.assertEqual(stat.first("mailteach.pop3.messages"), "3")
                self.assertEqual(stat.first("mailteach.pop3.octets"), "2842")
                self.assertEqual(stat.first("mailteach.request_in"), "15")

    def test_list_and_uidl_rows(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(rows(f[19], "mailteach.pop3.octets"), [("1", "519"), ("2", "641"), ("3", "1682")])
                self.assertEqual(f[19].lines[-1].first("mailteach.pop3.response.end"), "1")
                # "LIST 1" is answered on one line
                one = f[22].line("pop3.status", "+OK")
                self.assertEqual(one.first("mailteach.pop3.message_number"), "1")
                self.assertEqual(one.first("mailteach.pop3.octets"), "519")
                self.assertFalse(one.has("mailteach.pop3.response.multiline"))
                self.assertEqual(len(f[22].lines), 1)
                uids = rows(f[25], "mailteach.pop3.uid")
                self.assertEqual([n for n, _ in uids], ["1", "2", "3"])
                self.assertTrue(all(u.startswith("00000") for _, u in uids))
                self.assertEqual(f[28].line().first("mailteach.pop3.uid"), uids[1][1])

    def test_retr_with_dot_stuffing_ends_at_the_dot_line(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                first = f[34].line("pop3.status", "+OK")
                self.assertEqual(first.first("mailteach.pop3.octets"), "641")
                self.assertEqual(first.first("mailteach.request_in"), "32")
                stuffed = [ln for ln in f[34].lines if ln.first("mailteach.data.dot_stuffed") == "1"]
                self.assertEqual(len(stuffed), 3)
                self.assertIn("doubled the dot", stuffed[0].text_of("mailteach.explanation"))
                self.assertIn("removes one dot", stuffed[0].text_of("mailteach.explanation"))
                end = f[34].line("data.end", "1")
                self.assertEqual(end.first("mailteach.data.total_lines"), "17")
                self.assertEqual(end.first("mailteach.data.total_octets"), "644")
                # after removing the three stuffed dots: the announced size
                self.assertEqual(end.first("mailteach.pop3.octets"), "641")
                self.assertEqual(end.first("mailteach.pop3.octets.announced"), "641")
                self.assertIn("has exactly this size", end.text_of("mailteach.meaning"))
                self.assertTrue(f[34].line("data.header_end", "1"))
                # 1702 octets, one segment: the whole multipart message
                self.assertEqual(f[37].line("data.end", "1").first("mailteach.pop3.octets"), "1682")

    def test_top_header_only(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                top = f[38].line("pop3.command", "TOP")
                self.assertEqual(top.first("mailteach.pop3.message_number"), "3")
                self.assertEqual(top.first("mailteach.pop3.top.lines"), "0")
                self.assertTrue(f[40].line("data.header_end", "1"))
                self.assertEqual(f[40].line("data.end", "1").first("mailteach.request_in"), "38")

    def test_dele_marks_rset_unmarks_quit_updates(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertIn("only marks", f[41].line("pop3.command", "DELE").text_of("mailteach.explanation"))
                self.assertEqual(f[43].line().first("mailteach.pop3.marked"), "1")
                self.assertEqual(f[46].line().first("mailteach.pop3.marked"), "0")
                self.assertIn("UPDATE", f[53].line("pop3.command", "QUIT").first("mailteach.stage"))
                bye = f[55].line("pop3.status", "+OK")
                self.assertIn("Session over", bye.first("mailteach.stage"))
                self.assertEqual(bye.first("mailteach.pop3.marked"), "0")
                # after login the server lists fewer capabilities
                self.assertEqual(capabilities(f[52]), ["CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING",
                                                       "AUTH-RESP-CODE"])

    def test_every_line_has_explanation_stage_next(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                for num, fr in f.items():
                    for ln in fr.lines:
                        self.assertTrue(ln.has("mailteach.explanation"), (num, ln))
                        self.assertTrue(ln.has("mailteach.stage"), (num, ln))
                        self.assertTrue(ln.has("mailteach.next"), (num, ln))

    def test_builtin_pop_fields_still_there(self):
        f = self.frames()
        self.assertEqual(f[6].layers["pop"]["pop.request_tree"]["pop.request.command"], "CAPA")
        self.assertIn("pop", f[16].layers)
        self.assertIn("pop", f[34].layers)

    def test_commands_link_forward_on_a_second_pass(self):
        f = self.frames(two_pass=True)
        self.assertEqual(f[6].line("pop3.command", "CAPA").first("mailteach.response_in"), "8")
        self.assertEqual(f[32].line("pop3.command", "RETR").first("mailteach.response_in"), "34")
        self.assertEqual(f[53].line("pop3.command", "QUIT").first("mailteach.response_in"), "55")

    def test_nothing_flagged_in_a_clean_session(self):
        # but the password sent without TLS (frame 12, PASS)
        f = self.frames()
        self.assertEqual([n for n, fr in f.items() if EXPERT in fr.fields
                          and not all(m.startswith("A reusable secret") for m in fr.fields[EXPERT])], [])
        self.assertTrue(any(m.startswith("A reusable secret") for m in f[12].fields.get(EXPERT, [])))


class FailedLogin(CaptureTest):
    """A raw client: STAT before login, a wrong password, errors after login."""
    capture = "pop3-failed-login.pcapng"

    def test_stat_before_login_is_in_the_wrong_state(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[6]), ["STAT"])
                self.assertIn("allowed only after login", experts(f[6]))
                self.assertIn("RFC 1939 §3", experts(f[6]))
                err = f[8].line("pop3.status", "-ERR")
                self.assertEqual(err.first("mailteach.request_in"), "6")
                self.assertIn("has not logged in", err.text_of("mailteach.explanation"))
                self.assertIn("AUTHORIZATION", err.first("mailteach.stage"))

    def test_auth_response_code_explained(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                err = f[14].line("pop3.status", "-ERR")
                self.assertEqual(err.first("mailteach.pop3.response_code"), "AUTH")
                self.assertIn("RFC 3206 §5", err.get("mailteach.rfc"))
                self.assertIn("tell the user", err.text_of("mailteach.meaning"))
                self.assertEqual(err.first("mailteach.request_in"), "12")
                self.assertIn("log in again", err.text_of("mailteach.next"))
                self.assertIn("Negative response", experts(f[14]))
                # the second attempt succeeds
                self.assertIn("TRANSACTION", f[20].line().first("mailteach.stage"))

    def test_errors_after_login(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(f[23].line("pop3.command", "RETR").first("mailteach.pop3.message_number"), "9")
                self.assertIn("No such message", f[25].line().text_of("mailteach.explanation"))
                self.assertEqual(commands(f[26]), ["XYZZY"])
                self.assertIn("Unknown POP3 command", experts(f[26]))
                self.assertEqual(f[28].line().first("mailteach.request_in"), "26")
                self.assertNotIn("wrong state", experts(f[21]).lower())


class Keystroke(CaptureTest):
    """A telnet-like client: one key per TCP segment, Enter as CR LF."""
    capture = "pop3-keystroke.pcapng"

    def test_each_line_annotated_once_where_it_completes(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                typed = {n: commands(fr) for n, fr in f.items() if commands(fr)}
                self.assertEqual(sorted(typed), [30, 55, 66, 89, 100, 115, 126])
                self.assertEqual(typed[30], ["USER"])
                self.assertEqual(typed[100], ["LIST"])
                self.assertEqual(f[30].line().first("mailteach.auth.username"), "student")
                # each keystroke segment only says it is part of an unfinished line
                for n in range(69, 89):
                    if f[n].lines:
                        self.assertEqual([ln.has("mailteach.line.partial") for ln in f[n].lines], [True])
                        self.assertEqual(f[87].line("line.partial").first("mailteach.line.partial"), "10")

    def test_backspaces_rebuilt_and_shown_as_on_screen(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                typo = f[89].line("line.on_screen", "LIST")
                self.assertEqual(typo.get("mailteach.line.control"), ["0x08", "0x08", "0x08"])
                self.assertIn("BACKSPACE", typo.text_of("mailteach.meaning"))
                self.assertIn("Unknown POP3 command", experts(f[89]))
                self.assertEqual(f[91].line("pop3.status", "-ERR").first("mailteach.request_in"), "89")
                # retyped correctly, and answered with the scan listing
                self.assertEqual(rows(f[102], "mailteach.pop3.octets"), [("1", "519"), ("2", "641"), ("3", "1682")])
                self.assertTrue(f[117].line("data.end", "1"))
                self.assertIn("Session over", f[128].line().first("mailteach.stage"))


class Port1110(CaptureTest):
    """poplib on port 1110, where Wireshark does not look for POP3."""
    capture = "pop3-port1110.pcapng"

    def test_found_by_the_heuristic_from_the_greeting(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                # the APOP timestamp in the greeting is enough to claim the stream
                self.assertEqual(statuses(f[4]), ["+OK"])
                self.assertTrue(f[4].line().has("mailteach.pop3.timestamp"))
                self.assertEqual(commands(f[6]), ["USER"])
                self.assertEqual(f[13].line().first("mailteach.pop3.messages"), "3")
                self.assertEqual(rows(f[16], "mailteach.pop3.octets"), [("1", "519"), ("2", "641"), ("3", "1682")])
                self.assertEqual(f[19].line("data.end", "1").first("mailteach.pop3.octets"), "519")
                self.assertIn("Session over", f[22].line().first("mailteach.stage"))
                # mailteach also calls Wireshark's POP dissector here
                self.assertIn("pop", f[6].layers)


class SplitResponses(CaptureTest):
    """Dovecot's bytes re-sent in 37-octet segments by a proxy on port 3110."""
    capture = "pop3-split-responses.pcapng"

    def test_greeting_split_in_three_segments(self):
        # the heuristic holds the greeting until the client's CAPA confirms
        # POP3, so the greeting is shown when frames are revisited
        f = self.frames(two_pass=True)
        g = f[8].line("pop3.status", "+OK")
        self.assertTrue(g.first("mailteach.pop3.timestamp").endswith("@vm>"))
        self.assertEqual(commands(f[10]), ["CAPA"])

    def test_capa_split_over_segments(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(capabilities(f[12]), ["CAPA", "TOP", "UIDL", "RESP-CODES"])
                self.assertEqual(capabilities(f[13]), ["PIPELINING", "AUTH-RESP-CODE", "STLS", "USER"])
                self.assertEqual(capabilities(f[15]), ["SASL"])
                # ".\r\n" cut after the dot: the end is in the frame of its CR LF
                self.assertFalse(any(ln.has("mailteach.pop3.response.end") for ln in f[15].lines))
                end = f[16].line("pop3.response.end", "1")
                self.assertEqual(end.first("mailteach.pop3.response.lines"), "9")
                self.assertEqual(end.first("mailteach.request_in"), "10")

    def test_list_framed_row_by_row_up_to_the_dot(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(rows(f[23], "mailteach.pop3.octets"), [("1", "519"), ("2", "641")])
                self.assertEqual(rows(f[24], "mailteach.pop3.octets"), [("3", "1682")])
                self.assertTrue(all(ln.first("mailteach.request_in") == "22" for fr in (f[23], f[24], f[26])
                                    for ln in fr.lines if not ln.has("mailteach.line.partial")))
                end = f[26].line("pop3.response.end", "1")
                self.assertEqual(end.first("mailteach.pop3.response.lines"), "3")
                self.assertIn("TRANSACTION", end.first("mailteach.stage"))
                self.assertEqual([n for n, _ in rows(f[28], "mailteach.pop3.uid") + rows(f[29], "mailteach.pop3.uid")],
                                 ["1", "2", "3"])
                self.assertTrue(f[31].line("pop3.response.end", "1"))

    def test_retr_split_into_19_and_47_segments(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(f[33].line("pop3.status", "+OK").first("mailteach.pop3.octets"), "641")
                stuffed = [n for n in range(33, 61) for ln in f[n].lines
                           if ln.first("mailteach.data.dot_stuffed") == "1"]
                self.assertEqual(stuffed, [54, 55, 55])
                end = f[60].line("data.end", "1")
                self.assertEqual(end.first("mailteach.pop3.octets"), "641")
                self.assertEqual(end.first("mailteach.data.total_lines"), "17")
                self.assertEqual(end.first("mailteach.request_in"), "32")
                big = f[131].line("data.end", "1")
                self.assertEqual(big.first("mailteach.pop3.octets"), "1682")
                self.assertEqual(big.first("mailteach.request_in"), "61")
                # no message line was taken for a response or a command
                self.assertEqual([n for n in range(33, 132) if statuses(f[n]) and n not in (33, 62)], [])
                self.assertTrue(f[149].line("data.end", "1"))
                self.assertIn("Session over", f[152].line().first("mailteach.stage"))

    def test_commands_answered_in_the_frame_that_ends_the_response(self):
        f = self.frames(two_pass=True)
        self.assertEqual(f[22].line("pop3.command", "LIST").first("mailteach.response_in"), "26")
        self.assertEqual(f[32].line("pop3.command", "RETR").first("mailteach.response_in"), "60")
        self.assertEqual(f[61].line("pop3.command", "RETR").first("mailteach.response_in"), "131")


class Stls(CaptureTest):
    """poplib with STLS; the capture carries its TLS keys."""
    capture = "pop3-stls.pcapng"

    def test_switch_explained_and_decrypted_session_annotated(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[9]), ["STLS"])
                ok = f[11].line("pop3.status", "+OK")
                self.assertIn("TLS", ok.first("mailteach.stage"))
                self.assertIn("CAPA again", ok.text_of("mailteach.next"))
                self.assertEqual(ok.first("mailteach.request_in"), "9")
                # decrypted: USER and PASS annotated inside TLS
                self.assertIn("tls", f[17].layers)
                self.assertEqual(f[17].line("pop3.command", "USER").first("mailteach.auth.username"), "student")
                pw = f[22].line("pop3.command", "PASS")
                self.assertIn("TLS", pw.text_of("mailteach.meaning"))
                self.assertIn("TRANSACTION", f[24].line().first("mailteach.stage"))
                self.assertEqual(f[27].line().first("mailteach.pop3.messages"), "3")
                self.assertEqual(len([ln for ln in f[33].lines if ln.first("mailteach.data.dot_stuffed") == "1"]), 3)
                self.assertEqual(f[33].line("data.end", "1").first("mailteach.pop3.octets"), "641")
                self.assertIn("Session over", f[36].line().first("mailteach.stage"))


class ApopAndAuth(CaptureTest):
    """Four connections: bare AUTH, AUTH PLAIN, STLS after login, APOP,
    AUTH PLAIN with an initial response, AUTH LOGIN."""
    capture = "pop3-apop-auth.pcapng"

    def test_bare_auth_lists_mechanisms(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[9]), ["AUTH"])
                mechs = [ln.first("mailteach.auth.mechanism") for ln in f[11].lines
                         if ln.has("mailteach.auth.mechanism")]
                self.assertEqual(mechs, ["PLAIN", "LOGIN"])
                self.assertIn("non-standard", f[11].lines[0].text_of("mailteach.explanation"))

    def test_sasl_answer_is_not_a_command(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(f[12].line("pop3.command", "AUTH").first("mailteach.auth.mechanism"), "PLAIN")
                self.assertEqual(statuses(f[14]), ["+"])
                self.assertEqual(f[14].line().first("mailteach.request_in"), "12")
                self.assertEqual(commands(f[15]), [])
                answer = f[15].line("pop3.command.argument", "AHN0dWRlbnQAc2VjcmV0")
                self.assertIn("Base64", answer.text_of("mailteach.explanation"))
                self.assertEqual(f[17].line().first("mailteach.request_in"), "15")
                self.assertIn("TRANSACTION", f[17].line().first("mailteach.stage"))
                self.assertNotIn("Unknown POP3 command", " ".join(experts(fr) for fr in f.values()))

    def test_stls_after_login_is_in_the_wrong_state(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(commands(f[20]), ["STLS"])
                self.assertIn("allowed only before login", experts(f[20]))
                self.assertIn("already logged in", f[22].line().text_of("mailteach.explanation"))

    def test_apop(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertTrue(f[32].line().has("mailteach.pop3.timestamp"))
                apop = f[34].line("pop3.command", "APOP")
                self.assertEqual(apop.first("mailteach.auth.username"), "student")
                self.assertEqual(apop.first("mailteach.pop3.apop.digest"), "8da914efdf0feb8cacc047703c27d321")
                self.assertNotIn(EXPERT, f[34].fields)
                self.assertIn("TRANSACTION", f[36].line().first("mailteach.stage"))

    def test_initial_response_and_auth_login(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                plain = f[50].line("pop3.command", "AUTH")
                self.assertEqual(plain.first("mailteach.pop3.command.argument"), "AHN0dWRlbnQAc2VjcmV0")
                self.assertIn("Initial response", plain.text_of("mailteach.note"))
                self.assertEqual(f[52].line().first("mailteach.request_in"), "50")
                self.assertEqual(rows(f[54], "mailteach.pop3.octets"), [("1", "519"), ("2", "641"), ("3", "1682")])
                self.assertEqual(f[68].line().first("mailteach.pop3.response.text"), "VXNlcm5hbWU6")
                self.assertEqual(commands(f[69]), [])
                self.assertEqual(f[70].line().first("mailteach.request_in"), "69")
                self.assertEqual(commands(f[71]), [])
                self.assertIn("TRANSACTION", f[73].line().first("mailteach.stage"))
                self.assertEqual(len(rows(f[75], "mailteach.pop3.uid")), 3)


class Curl(CaptureTest):
    """curl logs in with AUTH PLAIN, lists and downloads message 1."""
    capture = "pop3-curl.pcapng"

    def test_auth_plain_list_retr(self):
        for how, f in self.both_passes():
            with self.subTest(how):
                self.assertEqual(f[9].line("pop3.command", "AUTH").first("mailteach.auth.mechanism"), "PLAIN")
                self.assertEqual(statuses(f[11]), ["+"])
                self.assertEqual(commands(f[12]), [])
                self.assertIn("TRANSACTION", f[14].line().first("mailteach.stage"))
                self.assertEqual(rows(f[16], "mailteach.pop3.octets"), [("1", "519"), ("2", "641"), ("3", "1682")])
                self.assertEqual(f[19].line("data.end", "1").first("mailteach.pop3.octets"), "519")
                self.assertIn("Session over", f[22].line().first("mailteach.stage"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
