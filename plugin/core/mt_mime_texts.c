/* mt_mime_texts.c - what the parts of a message mean
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_mime_texts.h"

#include <stddef.h>

#include "mt_util.h"

#define H(name, kind, meaning, text, rfc) { (name), (kind), MT_T(meaning), MT_T(text), (rfc) }

static const mt_mime_header_info headers[] = {
    H("From", MT_MIME_H_FROM, "author",
      "From: the author of the message, as the sending program wrote it. SMTP does not check "
      "it against the login or MAIL FROM, so it is easy to forge; SPF, DKIM and DMARC are the "
      "defences a receiver checks.",
      "RFC 5322 §3.6.2"),
    H("Sender", MT_MIME_H_SENDER, "who sent it for the author",
      "Sender: the mailbox that actually sent the message, when it is not the author named in "
      "From: (a secretary sending for a manager, a mailing list).",
      "RFC 5322 §3.6.2"),
    H("Reply-To", MT_MIME_H_REPLY_TO, "where replies go",
      "Reply-To: where the author wants replies to go, instead of the From: address.",
      "RFC 5322 §3.6.2"),
    H("To", MT_MIME_H_TO, "primary recipients",
      "To: the primary recipients, as every reader sees them. Delivery does not use this "
      "field: a server delivers to the envelope's RCPT TO addresses.",
      "RFC 5322 §3.6.3"),
    H("Cc", MT_MIME_H_CC, "carbon copy",
      "Cc (carbon copy): further recipients, visible to all readers. Like To:, it is shown, "
      "not used for delivery.",
      "RFC 5322 §3.6.3"),
    H("Bcc", MT_MIME_H_BCC, "blind carbon copy",
      "Bcc (blind carbon copy): recipients the others must not see. The sending program gives "
      "them RCPT TO in the envelope and removes this field, or sends them a separate copy that "
      "keeps it.",
      "RFC 5322 §3.6.3"),
    H("Subject", MT_MIME_H_SUBJECT, "topic",
      "Subject: a short topic of the message, free text. Text that is not ASCII is sent as "
      "RFC 2047 encoded words, decoded below.",
      "RFC 5322 §3.6.5"),
    H("Comments", MT_MIME_H_UNSTRUCTURED, "comments",
      "Comments: free text about the body of the message.",
      "RFC 5322 §3.6.5"),
    H("Keywords", MT_MIME_H_UNSTRUCTURED, "keywords",
      "Keywords: a comma-separated list of words that describe the message.",
      "RFC 5322 §3.6.5"),
    H("Date", MT_MIME_H_OTHER, "when it was written",
      "Date: when the author's program completed the message and handed it to the mail "
      "system (the origination date), with the sender's offset from UTC. A submission server "
      "may add it when it is missing, or correct it when its syntax is wrong (RFC 6409 §8.2).",
      "RFC 5322 §3.6.1"),
    H("Message-ID", MT_MIME_H_OTHER, "unique identifier",
      "Message-ID: an identifier unique to this message worldwide, <left@right>, made by the "
      "sending host. Replies refer to it in In-Reply-To and References.",
      "RFC 5322 §3.6.4"),
    H("In-Reply-To", MT_MIME_H_OTHER, "the message answered",
      "In-Reply-To: the Message-ID of the message this one replies to.",
      "RFC 5322 §3.6.4"),
    H("References", MT_MIME_H_OTHER, "earlier messages of the thread",
      "References: the Message-IDs of the earlier messages of the conversation; mail readers "
      "use them to show threads.",
      "RFC 5322 §3.6.4"),
    H("Received", MT_MIME_H_RECEIVED, "trace of one hop",
      "Received: a trace line that each server adds at the top of the message when it takes "
      "it: from whom, by whom, when. The first Received field is the latest hop, so read them "
      "from the bottom up to follow the message's path.",
      "RFC 5321 §4.4"),
    H("Return-Path", MT_MIME_H_RETURN_PATH, "the envelope sender",
      "Return-Path: added by the server that delivers the message into the mailbox, with the "
      "envelope sender (MAIL FROM). Bounces go to this address, not to From:.",
      "RFC 5321 §4.4"),
    H("Resent-From", MT_MIME_H_OTHER, "who resent it",
      "Resent-From: a user resent (redirected) this message; the Resent- fields say who, to "
      "whom and when, and the original fields stay as they were.",
      "RFC 5322 §3.6.6"),
    H("Resent-To", MT_MIME_H_OTHER, "resent to",
      "Resent-To: the recipients of a resent (redirected) message.",
      "RFC 5322 §3.6.6"),
    H("Resent-Date", MT_MIME_H_OTHER, "when it was resent",
      "Resent-Date: when the message was resent (redirected).",
      "RFC 5322 §3.6.6"),
    H("MIME-Version", MT_MIME_H_MIME_VERSION, "uses MIME",
      "MIME-Version: the message uses MIME (parts, media types, transfer encodings). The only "
      "version is 1.0.",
      "RFC 2045 §4"),
    H("Content-Type", MT_MIME_H_CONTENT_TYPE, "media type",
      "Content-Type: the media type of the body, type/subtype with parameters (charset, "
      "boundary, name). Without it a body is text/plain; charset=us-ascii.",
      "RFC 2045 §5"),
    H("Content-Transfer-Encoding", MT_MIME_H_CTE, "how the body is encoded",
      "Content-Transfer-Encoding: how the body was written as mail-safe lines: 7bit, 8bit or "
      "binary (not encoded), quoted-printable or base64. Without it: 7bit.",
      "RFC 2045 §6"),
    H("Content-Disposition", MT_MIME_H_DISPOSITION, "inline or attachment",
      "Content-Disposition: inline (show it in the message) or attachment (offer it as a "
      "file), with the file name the reader suggests when saving.",
      "RFC 2183 §2"),
    H("Content-ID", MT_MIME_H_OTHER, "part identifier",
      "Content-ID: a unique identifier of this part, so that another part can refer to it: an "
      "HTML body shows an inline image with <img src=\"cid:...\">.",
      "RFC 2045 §7"),
    H("Content-Description", MT_MIME_H_UNSTRUCTURED, "description of the part",
      "Content-Description: a short description of the part, for people.",
      "RFC 2045 §8"),
    H("Content-Language", MT_MIME_H_OTHER, "language of the content",
      "Content-Language: the language(s) of the part's content, as language tags (en, zh-CN).",
      "RFC 3282 §2"),
    H("Content-Location", MT_MIME_H_OTHER, "URI of the part",
      "Content-Location: a URI that names this part, so that an HTML part can refer to it.",
      "RFC 2557 §4"),
    H("DKIM-Signature", MT_MIME_H_OTHER, "digital signature of the domain",
      "DKIM-Signature: a signature by the domain in d= over the body and the header fields "
      "listed in h=. A receiver fetches the public key from DNS "
      "(selector._domainkey.domain) to check that they were not changed.",
      "RFC 6376 §3.5"),
    H("Authentication-Results", MT_MIME_H_OTHER, "checks done by a receiver",
      "Authentication-Results: what a receiving server found when it checked the message: "
      "SPF, DKIM and DMARC results (pass, fail, none).",
      "RFC 8601 §2"),
    H("Received-SPF", MT_MIME_H_OTHER, "SPF result",
      "Received-SPF: the result of an SPF check: may the client's IP address send mail for "
      "the MAIL FROM domain?",
      "RFC 7208 §9.1"),
    H("ARC-Seal", MT_MIME_H_OTHER, "ARC chain seal",
      "ARC-Seal: an intermediary (a list, a forwarder) seals the authentication results it "
      "saw, so that later receivers can trust them.",
      "RFC 8617 §4.1.3"),
    H("ARC-Message-Signature", MT_MIME_H_OTHER, "ARC signature",
      "ARC-Message-Signature: a DKIM-like signature added by an intermediary of the "
      "Authenticated Received Chain.",
      "RFC 8617 §4.1.2"),
    H("ARC-Authentication-Results", MT_MIME_H_OTHER, "results seen by an intermediary",
      "ARC-Authentication-Results: the authentication results an intermediary saw, kept for "
      "later receivers.",
      "RFC 8617 §4.1.1"),
    H("List-Id", MT_MIME_H_OTHER, "mailing list",
      "List-Id: the mailing list that distributed this message.",
      "RFC 2919 §2"),
    H("List-Unsubscribe", MT_MIME_H_OTHER, "how to leave the list",
      "List-Unsubscribe: how to leave the mailing list, as mailto: or https: URIs.",
      "RFC 2369 §3.2"),
    H("Auto-Submitted", MT_MIME_H_OTHER, "sent by a program",
      "Auto-Submitted: the message was sent by a program (auto-replied, auto-generated), so "
      "other programs must not answer it automatically.",
      "RFC 3834 §5"),
    H("Delivered-To", MT_MIME_H_OTHER, "delivered to this address",
      "Delivered-To: added by the delivering server (Postfix, qmail) with the address it "
      "delivered to; it uses it to detect mail loops. No RFC defines it.",
      NULL),
    H("User-Agent", MT_MIME_H_UNSTRUCTURED, "the sending program",
      "User-Agent: the program the author used. It is informational only; no mail RFC "
      "defines it.",
      NULL),
    H("X-Mailer", MT_MIME_H_UNSTRUCTURED, "the sending program",
      "X-Mailer: the program the author used. It is informational only; no mail RFC "
      "defines it.",
      NULL),
};

const mt_mime_header_info *
mt_mime_header_lookup(const guint8 *t, gsize len)
{
    return MT_TABLE_FIND(headers, mt_mime_header_info, name, t, len, 64);
}

const mt_mime_header_info *
mt_mime_headers(gsize *n)
{
    *n = G_N_ELEMENTS(headers);
    return headers;
}

static const mt_text labels[MT_MIME_L_COUNT] = {
    [MT_MIME_L_FIELD]           = MT_T("Header field"),
    [MT_MIME_L_PART_FIELD]      = MT_T("Part header field"),
    [MT_MIME_L_DELIMITER]       = MT_T("Boundary delimiter"),
    [MT_MIME_L_CLOSE]           = MT_T("Close delimiter"),
    [MT_MIME_L_PART_HEADER_END] = MT_T("End of the part's header"),
    [MT_MIME_L_HEADER_END]      = MT_T("End of the header section"),
    [MT_MIME_L_BODY]            = MT_T("Body"),
    [MT_MIME_L_PREAMBLE]        = MT_T("Preamble"),
    [MT_MIME_L_EPILOGUE]        = MT_T("Epilogue"),
    [MT_MIME_L_NOT_FIELD]       = MT_T("Not a header field"),
};

typedef struct {
    mt_text     text;
    const char *rfc;
    mt_text     summary;
} expl_row;

#define X(id, text, rfc)           [id] = { MT_T(text), (rfc), MT_T(NULL) }
#define XS(id, text, rfc, summary) [id] = { MT_T(text), (rfc), MT_T(summary) }
#define S(id, summary)             [id] = { MT_T(NULL), NULL, MT_T(summary) }

static const expl_row expls[MT_MIME_X_COUNT] = {
    X(MT_MIME_X_FIELD_X,
      "A field whose name starts with X-: an extension of a program or a site. Readers ignore "
      "fields they do not know; RFC 6648 advises against the X- prefix for new fields.",
      "RFC 5322 §3.6.8"),
    X(MT_MIME_X_FIELD_OTHER,
      "A header field mailteach does not explain: name, colon, value. Readers ignore fields "
      "they do not know.",
      "RFC 5322 §3.6.8"),
    X(MT_MIME_X_FOLDED,
      "Folded field: a long field goes on over lines that start with a space or tab. A reader "
      "joins them by removing each CRLF before such a line.",
      "RFC 5322 §2.2.3"),
    X(MT_MIME_X_ENCODED_WORD,
      "Encoded word =?charset?encoding?text?=: header fields hold only ASCII, so other text is "
      "written in a charset and encoded with B or Q. Space between two adjacent encoded words "
      "is dropped when they are decoded.",
      "RFC 2047 §2"),
    X(MT_MIME_X_EW_B,
      "B: the text is Base64, like the base64 transfer encoding of a body.",
      "RFC 2047 §4.1"),
    X(MT_MIME_X_EW_Q,
      "Q: like quoted-printable: =XX is an octet in hexadecimal and \"_\" stands for a space.",
      "RFC 2047 §4.2"),
    X(MT_MIME_X_RFC2231,
      "RFC 2231 parameter: name*=charset'language'%XX carries text that is not ASCII, and "
      "name*0=, name*1= ... cut a long value into pieces that a reader joins in order.",
      "RFC 2231 §3"),
    X(MT_MIME_X_BOUNDARY,
      "The boundary: a line \"--\" plus the boundary starts each part, and \"--\" plus the "
      "boundary plus \"--\" ends the multipart. The sender chose it so that it occurs nowhere "
      "in the parts.",
      "RFC 2046 §5.1.1"),
    X(MT_MIME_X_CHARSET,
      "The charset of the text: how its octets map to characters. mailteach converts the "
      "text to UTF-8 to show it.",
      "RFC 2046 §4.1.2"),
    X(MT_MIME_X_FILENAME,
      "The file name a reader suggests when the part is saved.",
      "RFC 2183 §2.3"),
    X(MT_MIME_X_FILENAME_EWORDS,
      "A file name written as RFC 2047 encoded words in a parameter: RFC 2047 says an "
      "encoded word must not be used in a parameter of Content-Type or Content-Disposition, "
      "nor inside a quoted string. Many mail programs write and read it anyway, so mailteach "
      "decodes it; the standard form is RFC 2231, as in filename*=utf-8''%E4%B8%AD%E6%96%87.txt",
      "RFC 2047 §5"),
    X(MT_MIME_X_HOP,
      "Received fields counted from the top: 1 is the last server the message passed "
      "through before this point.",
      "RFC 5321 §4.4"),
    XS(MT_MIME_X_DELIMITER,
       "Boundary delimiter: \"--\" and the boundary of the enclosing multipart start a new "
       "part: its header fields, an empty line, its body. The line end before this line "
       "belongs to the delimiter, not to the previous part.",
       "RFC 2046 §5.1.1", "part {1} starts"),
    XS(MT_MIME_X_CLOSE,
       "Close delimiter: \"--\", the boundary and \"--\" end the multipart. Text after it, up "
       "to the end of the enclosing part, is the epilogue, which readers ignore.",
       "RFC 2046 §5.1.1", "end of multipart {1}: {2} parts"),
    XS(MT_MIME_X_PART_HEADER_END,
       "The empty line ends the part's header section; its body follows.",
       "RFC 2046 §5.1.1", "end of the header of part {1}: its body follows"),
    XS(MT_MIME_X_PART_NO_HEADER,
       "The part starts with an empty line: it has no header fields, so it is plain US-ASCII "
       "text (text/plain; charset=us-ascii).",
       "RFC 2046 §5.1.1", "part {1} has no header fields: plain text"),
    XS(MT_MIME_X_ENCAPSULATED,
       "The empty line ends the part's header. The part is message/rfc822: its body is a whole "
       "message (a forwarded one) with its own header fields and body, numbered under this "
       "part's number.",
       "RFC 2046 §5.2.1", "end of the header of part {1}: a whole message follows"),
    XS(MT_MIME_X_INNER_HEADER_END,
       "The empty line ends the header of the message inside this part; its body follows.",
       "RFC 2046 §5.2.1", "end of the header of the message in part {1}"),
    XS(MT_MIME_X_HEADER_END,
       "The first empty line of the message ends the header section (From:, To:, Subject: "
       "...). What follows is the body.",
       "RFC 5322 §2.1", "end of the header section: the body follows"),
    X(MT_MIME_X_BODY_BASE64,
      "Base64: each 3 octets are sent as 4 characters (A-Z a-z 0-9 + /) in lines of at most 76, "
      "so the decoded part is about 3/4 of what is sent. The decoded octets are a data source "
      "of their own.",
      "RFC 2045 §6.8"),
    X(MT_MIME_X_BODY_QP,
      "Quoted-printable: printable ASCII stays as it is, other octets are written =XX in "
      "hexadecimal, and \"=\" at the end of a line is a soft line break that joins it with the "
      "next.",
      "RFC 2045 §6.7"),
    X(MT_MIME_X_BODY_7BIT,
      "7bit: the body is sent as it is: US-ASCII lines of at most 998 octets.",
      "RFC 2045 §2.7"),
    X(MT_MIME_X_BODY_8BIT,
      "8bit: the body is sent as it is, with octets above 127. A server relays it unchanged "
      "only if the next one offers 8BITMIME (RFC 6152).",
      "RFC 2045 §2.8"),
    X(MT_MIME_X_BODY_BINARY,
      "binary: the body is sent as it is, any octets, lines of any length; only with "
      "BINARYMIME and BDAT (RFC 3030).",
      "RFC 2045 §2.9"),
    X(MT_MIME_X_BODY_UNKNOWN,
      "Unknown transfer encoding: a reader treats the part as application/octet-stream.",
      "RFC 2045 §6.4"),
    X(MT_MIME_X_MULTIPART_BODY,
      "A multipart's body is its parts, each between two boundary lines.",
      "RFC 2046 §5.1.1"),
    XS(MT_MIME_X_PREAMBLE,
       "Preamble: text before the first delimiter of a multipart. MIME readers do not show "
       "it; senders write a note there for readers that do not know MIME.",
       "RFC 2046 §5.1.1", "preamble of multipart {1}, ignored by readers: {2} line(s)"),
    XS(MT_MIME_X_EPILOGUE,
       "Epilogue: text after the close delimiter of a multipart. MIME readers do not show it.",
       "RFC 2046 §5.1.1", "epilogue of multipart {1}, ignored by readers: {2} line(s)"),
    XS(MT_MIME_X_NO_HEADER,
       "This first line is not a header field (name, colon, value), so the message has no "
       "header section. Readers such as Python's email package take it as the first line of "
       "the body.",
       "RFC 5322 §2.1", "no header fields: the body starts here"),
    XS(MT_MIME_X_NO_SEPARATOR,
       "This line is not a header field and no empty line came before it: the header section "
       "ends without the empty line RFC 5322 requires. Readers such as Python's email package "
       "take this line as the first line of the body.",
       "RFC 5322 §2.1", "header ends without an empty line"),
    X(MT_MIME_X_MESSAGE_STRUCTURE,
      "The message's MIME structure: parts numbered as IMAP numbers them in BODY[1], "
      "BODY[2.1] (the whole message is BODY[]).",
      "RFC 9051 §6.4.5"),
    X(MT_MIME_X_FROM_SAME,
      "From: names the same address as MAIL FROM, the envelope sender.",
      "RFC 5321 §3.3"),
    X(MT_MIME_X_FROM_DIFFERS,
      "From: (what the reader sees) differs from MAIL FROM (where bounces go). That is allowed "
      "(lists, forwarders) and is also how forged mail looks: SPF checks the MAIL FROM domain, "
      "DKIM signs for a domain, DMARC wants one of them to match From:.",
      "RFC 7489 §3.1"),
    X(MT_MIME_X_RCPT_IN_HEADER,
      "This address is also an envelope recipient (RCPT TO), so this copy is delivered to it.",
      "RFC 5321 §3.3"),
    X(MT_MIME_X_RCPT_NOT_IN_ENVELOPE,
      "No accepted RCPT TO of this transaction names this address (a recipient the server "
      "refused gets no copy): the header only shows it, this copy is not delivered to it "
      "(another transaction may send it one).",
      "RFC 5321 §3.3"),
    X(MT_MIME_X_BLIND_COPIES,
      "An envelope recipient that no To: or Cc: field names: it gets the message as a blind "
      "copy (Bcc), or as a member of a list the header names.",
      "RFC 5322 §3.6.3"),
    S(MT_MIME_X_S_DELIMITER, "part {1} starts"),
    S(MT_MIME_X_S_CLOSE, "end of multipart {1}: {2} parts"),
    S(MT_MIME_X_S_BODY, "body of part {1}: {2}"),
    S(MT_MIME_X_S_BODY_DECODED, "body of part {1}: {2}, decoded"),
    S(MT_MIME_X_S_FIELD, "header field {1}"),
    S(MT_MIME_X_S_SUBJECT, "subject: {1}"),
    S(MT_MIME_X_S_PART_FIELD, "part {1} header field {2}"),
};

const mt_text *
mt_mime_label_text(mt_mime_label l)
{
    return (unsigned)l < MT_MIME_L_COUNT ? &labels[l] : NULL;
}

const mt_text *
mt_mime_expl_text(mt_mime_expl x)
{
    return (unsigned)x < MT_MIME_X_COUNT && expls[x].text.en ? &expls[x].text : NULL;
}

const char *
mt_mime_expl_rfc(mt_mime_expl x)
{
    return (unsigned)x < MT_MIME_X_COUNT ? expls[x].rfc : NULL;
}

const mt_text *
mt_mime_expl_summary(mt_mime_expl x)
{
    return (unsigned)x < MT_MIME_X_COUNT && expls[x].summary.en ? &expls[x].summary : NULL;
}
