/* mt_anomaly.c - what a teacher would point at
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_anomaly.h"

#define SMTP_ONLY(r) { NULL, (r), NULL, NULL }

/* Indexed by mt_anomaly: keep the order of the enum. */
static const mt_anomaly_info anomalies[MT_A_COUNT] = {
    { MT_A_NONE, { NULL, NULL, NULL, NULL }, MT_T("") },
    { MT_A_BARE_LF,
      { NULL, "RFC 5321 §2.3.8", "RFC 1939 §3", "RFC 9051 §2.2" },
      MT_T("Line ends with a bare LF, not CRLF: strict servers do not see a line end here") },
    { MT_A_LINE_TOO_LONG,
      { NULL, "RFC 5321 §4.5.3.1", "RFC 2449 §4", "RFC 7162 §4" },
      MT_T("Line is longer than the protocol allows") },
    { MT_A_NUL,
      { NULL, "RFC 5321 §4.1.1.4", "RFC 1939 §3", "RFC 9051 §4.3" },
      MT_T("NUL byte (0x00) in a line: not allowed in mail protocol text") },
    { MT_A_CONTROL_CHAR,
      { NULL, "RFC 5321 §4.1.1", "RFC 1939 §3", "RFC 9051 §9" },
      MT_T("Control character in a line: the server receives this byte as it is; a backspace erases nothing") },
    { MT_A_MIDSESSION,
      { NULL, NULL, NULL, NULL },
      MT_T("Capture starts in the middle of a session: earlier lines were not captured, so the state is a guess") },
    { MT_A_UNSOLICITED_REPLY,
      { NULL, "RFC 5321 §4.2", "RFC 1939 §3", "RFC 9051 §2.2.2" },
      MT_T("Reply with no command waiting for it") },

    { MT_A_SMTP_UNKNOWN_COMMAND, SMTP_ONLY("RFC 5321 §4.2.4"),
      MT_T("Unknown SMTP command: a server answers 500 or 502") },
    { MT_A_SMTP_UNKNOWN_REPLY, SMTP_ONLY("RFC 5321 §4.2.1"),
      MT_T("Reply code not defined by a standard mailteach knows: read it from its digits") },
    { MT_A_SMTP_BAD_REPLY, SMTP_ONLY("RFC 5321 §4.2"),
      MT_T("Not a valid SMTP reply line: a reply starts with a three-digit code") },
    { MT_A_SMTP_MULTILINE_MISMATCH, SMTP_ONLY("RFC 5321 §4.2.1"),
      MT_T("All lines of a multi-line reply must carry the same code") },
    { MT_A_SMTP_ENH_MISMATCH, SMTP_ONLY("RFC 3463 §2"),
      MT_T("Enhanced status code class differs from the first digit of the reply code") },
    { MT_A_SMTP_BEFORE_GREETING, SMTP_ONLY("RFC 5321 §3.1"),
      MT_T("Client spoke before the server's greeting: a client must wait for the 220") },
    { MT_A_SMTP_NO_HELLO, SMTP_ONLY("RFC 5321 §4.1.4"),
      MT_T("Out of sequence: a session must start with EHLO (or HELO) before a mail transaction") },
    { MT_A_SMTP_RCPT_BEFORE_MAIL, SMTP_ONLY("RFC 5321 §3.3"),
      MT_T("Out of sequence: RCPT before an accepted MAIL; the server answers 503") },
    { MT_A_SMTP_DATA_BEFORE_RCPT, SMTP_ONLY("RFC 5321 §3.3"),
      MT_T("Out of sequence: DATA before any accepted RCPT; the server answers 503 or 554") },
    { MT_A_SMTP_NESTED_MAIL, SMTP_ONLY("RFC 5321 §4.1.4"),
      MT_T("Out of sequence: MAIL while a mail transaction is open; end it or send RSET first") },
    { MT_A_SMTP_AFTER_QUIT, SMTP_ONLY("RFC 5321 §4.1.1.10"),
      MT_T("Client sent more after QUIT: the session is over") },
    { MT_A_SMTP_EHLO_AFTER_TLS, SMTP_ONLY("RFC 3207 §4.2"),
      MT_T("After STARTTLS the client must send EHLO again before anything else") },
    { MT_A_SMTP_NOT_OFFERED, SMTP_ONLY("RFC 5321 §4.1.1.1"),
      MT_T("Uses an extension the server did not offer in its EHLO reply") },
    { MT_A_SMTP_PIPELINING_NOT_OFFERED, SMTP_ONLY("RFC 2920 §3"),
      MT_T("Command sent before the previous reply arrived, but the server did not offer PIPELINING") },
    { MT_A_SMTP_TEXT_BEFORE_354, SMTP_ONLY("RFC 2920 §3.1"),
      MT_T("Message text sent before the server's 354: the client must wait for it") },
    { MT_A_SMTP_UNEXPECTED_ARGUMENT, SMTP_ONLY("RFC 5321 §4.1.1"),
      MT_T("This command takes no argument; strict servers answer 501") },
    { MT_A_SMTP_MISSING_ARGUMENT, SMTP_ONLY("RFC 5321 §4.1.1"),
      MT_T("This command needs an argument; the server answers 501") },
    { MT_A_SMTP_BAD_PATH, SMTP_ONLY("RFC 5321 §4.1.2"),
      MT_T("Address is not written as <local-part@domain> in angle brackets") },
    { MT_A_SMTP_DOT_NOT_STUFFED, SMTP_ONLY("RFC 5321 §4.5.2"),
      MT_T("Message line starts with \".\" but was not dot-stuffed: the server removes this dot") },
    { MT_A_SMTP_PERMANENT_FAILURE, SMTP_ONLY("RFC 5321 §4.2.1"),
      MT_T("Permanent failure (5xx): the server refuses; the same command will fail again") },
    { MT_A_SMTP_TRANSIENT_FAILURE, SMTP_ONLY("RFC 5321 §4.2.1"),
      MT_T("Temporary failure (4xx): the server refuses for now; try again later") },
    { MT_A_SMTP_CLOSING, SMTP_ONLY("RFC 5321 §3.8"),
      MT_T("Server is closing the connection (421)") },
};

const mt_anomaly_info *
mt_anomaly_get(mt_anomaly id)
{
    if ((unsigned)id >= MT_A_COUNT || id == MT_A_NONE)
        return NULL;
    return &anomalies[id];
}

const char *
mt_anomaly_rfc(mt_anomaly id, mt_proto proto)
{
    const mt_anomaly_info *a = mt_anomaly_get(id);

    if (a == NULL || (unsigned)proto > MT_PROTO_IMAP)
        return NULL;
    return a->rfc[proto];
}
