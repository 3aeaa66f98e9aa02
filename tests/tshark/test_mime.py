#!/usr/bin/env python3
# test_mime.py - the message itself, compared with Python's email package
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The MIME lab message (captures/tools/mime_message.py) crosses the wire
# three times: sent with SMTP DATA (smtp-mime), fetched with POP3 RETR and
# TOP (pop3-mime), fetched with IMAP FETCH BODY.PEEK[] and sent back with
# APPEND (imap-mime). mailteach's parts (numbered as IMAP BODY[] sections),
# content types, charsets, transfer encodings, boundaries and decoded file
# names must be what Python's email package (policy.default) finds in the
# same message; and facts a teacher checks per frame. One pass and two.

import email
import email.policy
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "captures", "tools"))
from mtshark import CaptureTest  # noqa: E402
from mime_message import build  # noqa: E402

M = "mailteach.mime."
SUBJECT = "测试邮件日本語の件名"


def lab_message():
    data = build().as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))
    return email.message_from_bytes(data, policy=email.policy.default)


def filename_of(part):
    for h in ("content-disposition", "content-type"):
        v = part.get(h)
        if v is not None:
            name = v.params.get("filename" if h == "content-disposition" else "name")
            if name:
                return name
    return None


def python_leaves(msg, prefix="", top=True):
    """[(part, content type, charset, transfer encoding, file name)] of the
    leaves of msg in walk order, numbered as IMAP numbers BODY[] sections
    (RFC 9051 §6.4.5)."""
    out = []
    if msg.is_multipart() and msg.get_content_maintype() == "multipart":
        for i, sub in enumerate(msg.get_payload(), 1):
            path = "%s.%d" % (prefix, i) if prefix else str(i)
            out += python_leaves(sub, path, False)
        return out
    if msg.get_content_type() == "message/rfc822":
        inner = msg.get_payload()[0]
        if inner.get_content_maintype() == "multipart":
            return python_leaves(inner, prefix, False)
        return python_leaves(inner, prefix, True)
    path = ("%s.1" % prefix if prefix else "1") if top else prefix
    charset = msg.get_content_charset() if msg.get_content_maintype() == "text" else None
    cte = (msg.get("content-transfer-encoding") or "7bit").lower()
    return [(path, msg.get_content_type(), charset, cte, filename_of(msg))]


def python_boundaries(msg):
    return [p.get_boundary() for p in msg.walk() if p.get_content_maintype() == "multipart"]


def mt_leaves(frames):
    """The same, from mailteach's body records, in frame order."""
    out = []
    for n in sorted(frames):
        for ln in frames[n].lines:
            if ln.has(M + "body.lines") and ln.has(M + "content_type"):
                out.append((ln.first(M + "part"), ln.first(M + "content_type"), ln.first(M + "charset"),
                            ln.first(M + "transfer_encoding"), ln.first(M + "filename")))
    return out


def mt_lines(frames, field, value=None):
    return [(n, ln) for n in sorted(frames) for ln in frames[n].lines
            if ln.has(M + field) and (value is None or value in ln.get(M + field))]


class Lab(CaptureTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.msg = lab_message()
        cls.leaves = python_leaves(cls.msg)

    def check_message(self, frames, copies=1, boundaries=None):
        self.assertEqual(mt_leaves(frames), self.leaves * copies)
        self.assertEqual(str(self.msg["subject"]), SUBJECT)
        want = boundaries
        boundaries = [ln.first(M + "boundary") for _, ln in mt_lines(frames, "header.name", "Content-Type")
                      if ln.has(M + "boundary")]
        self.assertEqual(boundaries, python_boundaries(self.msg) * copies if want is None else want)
        # each boundary's close delimiter, with the number of parts
        closes = [(ln.first(M + "part"), ln.first(M + "part_count"))
                  for _, ln in mt_lines(frames, "delimiter", "close delimiter")]
        self.assertEqual(closes, [("1.2", "2"), ("1", "2"), (None, "4")] * copies)
        # no structure alarm: the lab message is well formed
        for _, ln in mt_lines(frames, "delimiter"):
            self.assertFalse(ln.has("_ws.expert.message"), ln)


class SmtpMime(Lab):
    capture = "smtp-mime.pcapng"

    def test_same_parts_as_python(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                self.check_message(frames)

    def test_header_fields_decoded(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                [(n, subj)] = mt_lines(frames, "subject", SUBJECT)
                self.assertEqual(subj.first(M + "header.folded_lines"), "2")
                self.assertEqual(subj.get(M + "charset"), ["gb2312", "iso-2022-jp"])
                self.assertEqual(subj.get(M + "encoded_word.encoding"), ["B", "B"])
                self.assertTrue(subj.has("mailteach.explanation", "Subject:"))
                [(_, frm)] = mt_lines(frames, "header.name", "From")[:1]
                self.assertEqual(frm.first(M + "header.decoded"), "王老师 <teacher@mail.example.test>")
                self.assertEqual(frm.first(M + "address"), "teacher@mail.example.test")
                # From: and MAIL FROM are the same here
                self.assertEqual(frm.first(M + "envelope"), "teacher@mail.example.test")
                self.assertIn(frm.first(M + "envelope.match"), ("1", "True"))

    def test_file_names_and_decoding(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                [(_, pdf)] = [x for x in mt_lines(frames, "body.lines") if x[1].first(M + "part") == "2"]
                self.assertEqual(pdf.first(M + "filename"), "宿題のファイル.pdf")
                self.assertEqual(pdf.first(M + "transfer_encoding"), "base64")
                raw = self.msg.get_payload()[1].get_payload(decode=True)
                self.assertEqual(int(pdf.first(M + "body.decoded_size")), len(raw))
                self.assertEqual(pdf.first(M + "body.decoded").replace(":", ""), raw.hex())
                [(_, disp)] = [x for x in mt_lines(frames, "header.name", "Content-Disposition")
                               if "宿題のファイル.pdf" in x[1].get(M + "filename")]
                self.assertEqual(disp.get(M + "language"), ["ja"])
                self.assertEqual(len(disp.get(M + "parameter")), 2)
                [(_, html)] = [x for x in mt_lines(frames, "body.lines") if x[1].first(M + "part") == "1.2.1"]
                self.assertTrue(html.first(M + "body.text").startswith("<p>测试邮件"))
                [(_, qp)] = [x for x in mt_lines(frames, "body.lines") if x[1].first(M + "part") == "1.1"]
                self.assertTrue(qp.first(M + "body.text").startswith("Grüße aus dem Labor! "))
                self.assertIn("geteilt.", qp.first(M + "body.text"))

    def test_blind_copy_told_at_the_end(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                # every part numbered, as many as Python walks (without the message itself)
                parts = str(len(list(self.msg.walk())) - 1)
                [(_, end)] = mt_lines(frames, "part_count", parts)
                self.assertTrue(end.has("mailteach.data.end"))
                # named as a blind copy, not as an address "not the same as the envelope"
                self.assertEqual(end.get(M + "envelope.blind_copy"), ["teacher@mail.example.test"])
                self.assertFalse(end.has(M + "envelope.match"))
                self.assertTrue(end.has("mailteach.meaning", "blind copy (Bcc)"))


class Pop3Mime(Lab):
    capture = "pop3-mime.pcapng"

    def test_same_parts_as_python(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                retr = self.frame_of(frames, "RETR 1")
                later = {n: f for n, f in frames.items() if n > retr}
                top = min(n for n, f in frames.items() if any("TOP 1 3" in ln.text for ln in f.lines))
                self.check_message({n: f for n, f in later.items() if n < top})
                # TOP: only the start of the message, no alarm that it ends early
                after_top = {n: f for n, f in frames.items() if n > top}
                self.assertFalse(any("--boundary--" in e for f in after_top.values()
                                     for e in f.fields.get("_ws.expert.message", [])))

    def frame_of(self, frames, text):
        return min(n for n, f in frames.items() if any(text in ln.text for ln in f.lines))


class ImapMime(Lab):
    capture = "imap-mime.pcapng"

    def test_same_parts_as_python(self):
        for label, frames in self.both_passes():
            with self.subTest(label):
                # FETCH BODY.PEEK[] and APPEND: the whole message twice;
                # BODY.PEEK[1.2.1] is one part, BODY.PEEK[HEADER] a header
                b = python_boundaries(self.msg)
                # the header alone (BODY.PEEK[HEADER]) names the outer boundary too
                self.check_message(frames, copies=2, boundaries=b + b[:1] + b)
                headers = [ln.first(M + "subject") for _, ln in mt_lines(frames, "subject")]
                self.assertEqual(headers.count(SUBJECT), 3)


class OtherCaptures(CaptureTest):
    """The lab mailbox (tools/messages/0*.eml, seeded by seed_mailbox.py)
    fetched by earlier captures: the same leaves as Python's email package."""

    def leaves_of(self, *names):
        out = []
        for name in names:
            path = os.path.join(os.path.dirname(os.path.dirname(HERE)), "captures", "tools", "messages", name)
            with open(path, "rb") as f:
                out += python_leaves(email.message_from_bytes(f.read(), policy=email.policy.default))
        return out

    def test_pop3_retr_of_every_message(self):
        # RETR 1, 2, 3; then TOP 3 0: a header only, no body
        want = self.leaves_of("01-welcome.eml", "02-dots.eml", "03-homework-multipart.eml")
        for label, frames in self.both_passes("pop3-python-poplib.pcapng"):
            with self.subTest(label):
                self.assertEqual(mt_leaves(frames), want)

    def test_imap_body_of_message_1(self):
        # FETCH 1 (BODY[]) is the whole message; BODY.PEEK[1] and [2.MIME] are not
        want = self.leaves_of("01-welcome.eml")
        for label, frames in self.both_passes("imap-python-imaplib.pcapng"):
            with self.subTest(label):
                self.assertEqual(mt_leaves(frames), want)


if __name__ == "__main__":
    unittest.main(verbosity=2)
