#!/usr/bin/python3
"""Build the MIME lab message with Python's email package (standard library).

    mime_message.py OUT.eml

The message the mime-* captures carry: multipart/mixed holding
multipart/alternative (a quoted-printable text/plain and multipart/related
with an HTML part in GB2312 and an inline PNG), a PDF whose file name is an
ISO-2022-JP RFC 2231 parameter cut into filename*0*/filename*1* (as
Thunderbird writes long names), a text file whose name is an RFC 2047
encoded word in a quoted string (as Outlook and Foxmail write it), and a
forwarded message/rfc822. Subject in GB2312 and ISO-2022-JP encoded words,
From: with a UTF-8 display name. Boundaries, dates and ids are fixed so
that the captures can be made again byte for byte.
"""

import base64
import sys
from email import charset as email_charset
from email import policy
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr

from mtlib import DOMAIN, STUDENT, TEACHER

# a 1x1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc00000030101001a1c8d5b"
    "0000000049454e44ae426082")


def build():
    outer = MIMEMultipart("mixed", boundary="=_mt_outer_1")
    outer["From"] = formataddr((str(Header("王老师", "utf-8")), TEACHER))
    outer["To"] = formataddr(("Student", STUDENT))
    # as Foxmail and Outlook write it (Python's Header would name the
    # charset "eucgb2312_cn"), folded between the two encoded words
    outer["Subject"] = ("=?gb2312?B?%s?=\n =?ISO-2022-JP?B?%s?="
                        % (base64.b64encode("测试邮件".encode("gb2312")).decode(),
                           base64.b64encode("日本語の件名".encode("iso-2022-jp")).decode()))
    outer["Date"] = "Mon, 02 Sep 2024 14:00:00 +0000"
    outer["Message-ID"] = "<mime-lab.20240902140000@%s>" % DOMAIN
    outer.preamble = "This is a multi-part message in MIME format."
    outer.epilogue = ""

    alt = MIMEMultipart("alternative", boundary="=_mt_alt_2")
    qp = email_charset.Charset("utf-8")
    qp.body_encoding = email_charset.QP
    plain = MIMEText("Grüße aus dem Labor! Dieser Text ist quoted-printable kodiert, "
                     "eine lange Zeile wird mit einem weichen Zeilenumbruch geteilt.\n", "plain", qp)
    alt.attach(plain)
    related = MIMEMultipart("related", boundary="=_mt_rel_3")
    related.attach(MIMEText('<p>测试邮件 <img src="cid:dot@mime-lab"></p>\n', "html", "gb2312"))
    img = MIMEImage(PNG, "png")
    img["Content-ID"] = "<dot@mime-lab>"
    img.add_header("Content-Disposition", "inline", filename="dot.png")
    related.attach(img)
    alt.attach(related)
    outer.attach(alt)

    pdf = MIMEApplication(b"%PDF-1.4\n% mailteach lab\n" + bytes(range(256)), "pdf")
    # RFC 2231 §3 continuations with §4 charset and language, as a real
    # mail user agent cuts a long name
    # cut after the fourth character, each piece complete ISO-2022-JP (it
    # switches to JIS X 0208 and back), as Python's email package converts
    # each piece on its own
    first, rest = "宿題のフ".encode("iso-2022-jp"), "ァイル.pdf".encode("iso-2022-jp")

    def pct(b):
        return "".join(chr(c) if chr(c).isalnum() or chr(c) in "._-" else "%%%02X" % c for c in b)
    pdf["Content-Disposition"] = ("attachment;\n filename*0*=iso-2022-jp'ja'%s;\n filename*1*=%s"
                                  % (pct(first), pct(rest)))
    outer.attach(pdf)

    txt = MIMEText("附件内容\n", "plain", "utf-8")
    txt.add_header("Content-Disposition", "attachment",
                   filename=Header("中文附件.txt", "utf-8").encode())
    outer.attach(txt)

    inner = MIMEText("This is the forwarded message.\n", "plain", "us-ascii")
    inner["From"] = formataddr(("Teacher", TEACHER))
    inner["To"] = formataddr(("Student", STUDENT))
    inner["Subject"] = "Forwarded: homework rules"
    inner["Date"] = "Sun, 01 Sep 2024 08:00:00 +0000"
    fwd = MIMEMessage(inner)
    outer.attach(fwd)
    return outer


def main():
    msg = build()
    data = msg.as_bytes(policy=policy.compat32.clone(linesep="\r\n"))
    with open(sys.argv[1], "wb") as f:
        f.write(data)
    print("%s: %d octets" % (sys.argv[1], len(data)))


if __name__ == "__main__":
    main()
