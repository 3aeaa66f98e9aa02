/* mt_smtp_texts.c - session-level teaching texts for SMTP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_smtp_texts.h"

static const mt_text stages[MT_SMTP_ST_COUNT] = {
    [MT_SMTP_ST_UNKNOWN]    = MT_T("Unknown: the capture started in the middle of the session"),
    [MT_SMTP_ST_CONNECTED]  = MT_T("Connected: waiting for the server's greeting"),
    [MT_SMTP_ST_GREETED]    = MT_T("Greeted: the client should now introduce itself (EHLO)"),
    [MT_SMTP_ST_HELLO]      = MT_T("Hello: the client introduced itself, waiting for the server's answer"),
    [MT_SMTP_ST_READY]      = MT_T("Session open: no mail transaction in progress"),
    [MT_SMTP_ST_TLS]        = MT_T("Switching to TLS: from here on the connection is encrypted"),
    [MT_SMTP_ST_AUTH]       = MT_T("Authentication exchange in progress"),
    [MT_SMTP_ST_SENDER]     = MT_T("Mail transaction: sender (MAIL FROM)"),
    [MT_SMTP_ST_RECIPIENTS] = MT_T("Mail transaction: recipients (RCPT TO)"),
    [MT_SMTP_ST_DATA_WAIT]  = MT_T("Mail transaction: DATA sent, waiting for the go-ahead (354)"),
    [MT_SMTP_ST_MESSAGE]    = MT_T("Mail transaction: the client is sending the message"),
    [MT_SMTP_ST_VERDICT]    = MT_T("Mail transaction: message ended, waiting for the server's verdict"),
    [MT_SMTP_ST_BDAT]       = MT_T("Mail transaction: the message is sent in BDAT chunks"),
    [MT_SMTP_ST_CLOSING]    = MT_T("Closing: QUIT sent, waiting for 221"),
    [MT_SMTP_ST_CLOSED]     = MT_T("Session over: the connection closes"),
    [MT_SMTP_ST_REFUSED]    = MT_T("Service refused by the server: the client should QUIT"),
};

static const mt_text nexts[MT_SMTP_N_COUNT] = {
    [MT_SMTP_N_NONE]         = MT_T(""),
    [MT_SMTP_N_GREETING]     = MT_T("Server: sends its greeting, 220 if it is ready (554 if it refuses service)."),
    [MT_SMTP_N_HELLO]        = MT_T("Client: introduces itself with EHLO <its domain> (HELO for an old server)."),
    [MT_SMTP_N_TRANSACTION]  = MT_T("Client: starts a mail transaction with MAIL FROM:<sender>, may first use STARTTLS or AUTH, or ends with QUIT."),
    [MT_SMTP_N_TRANSACTION_TLS] = MT_T("Client: starts a mail transaction with MAIL FROM:<sender>, may first log in with AUTH, or ends with QUIT (no second STARTTLS inside TLS)."),
    [MT_SMTP_N_TRANSACTION_AUTHED] = MT_T("Client: starts a mail transaction with MAIL FROM:<sender>, or ends with QUIT; after a successful login the server refuses another AUTH (503)."),
    [MT_SMTP_N_RCPT]         = MT_T("Client: names a recipient with RCPT TO:<address>, one command per recipient."),
    [MT_SMTP_N_RCPT_OR_DATA] = MT_T("Client: names another recipient with RCPT TO, or sends DATA to start the message."),
    [MT_SMTP_N_MESSAGE]      = MT_T("Client: sends the message: header lines, an empty line, the body, then a line holding only \".\"."),
    [MT_SMTP_N_MESSAGE_MORE] = MT_T("Client: goes on with the message until a line holding only \".\"."),
    [MT_SMTP_N_VERDICT]      = MT_T("Server: replies 250 if it takes the message, or 4xx/5xx if it refuses it."),
    [MT_SMTP_N_TLS]          = MT_T("Client: starts the TLS handshake at once; then it sends EHLO again, encrypted."),
    [MT_SMTP_N_EHLO_AGAIN]   = MT_T("Client: sends EHLO again, now inside TLS; the server forgot everything from before."),
    [MT_SMTP_N_SASL]         = MT_T("Client: answers the challenge with one Base64 line (or \"*\" to cancel)."),
    [MT_SMTP_N_RETRY]        = MT_T("Client: corrects the command and tries again, tries something else, or ends with QUIT."),
    [MT_SMTP_N_RETRY_LATER]  = MT_T("Client: may try again later (temporary failure) or go on with another command."),
    [MT_SMTP_N_CLOSE]        = MT_T("Both sides close the TCP connection."),
    [MT_SMTP_N_QUIT]         = MT_T("Client: should send QUIT; this server will not serve the session."),
    [MT_SMTP_N_CONTINUES]    = MT_T("Server: sends more lines of this reply; the last one has a space after the code."),
    [MT_SMTP_N_PIPELINED]    = MT_T("Server: its next reply answers the next command that is still waiting (pipelining)."),
    [MT_SMTP_N_BDAT_MORE]    = MT_T("Client: sends the next chunk with BDAT, the last one as BDAT <size> LAST."),
    [MT_SMTP_N_UNKNOWN]      = MT_T("Unknown: mailteach waits for a line that shows where the session stands."),
};

static const mt_text labels[MT_SMTP_L_COUNT] = {
    [MT_SMTP_L_COMMAND]     = MT_T("Command"),
    [MT_SMTP_L_REPLY]       = MT_T("Reply"),
    [MT_SMTP_L_REPLY_CONT]  = MT_T("Reply, continued"),
    [MT_SMTP_L_GREETING]    = MT_T("Greeting"),
    [MT_SMTP_L_MESSAGE]     = MT_T("Message text"),
    [MT_SMTP_L_DATA_END]    = MT_T("End of message"),
    [MT_SMTP_L_DOT_STUFFED] = MT_T("Dot-stuffed message line"),
    [MT_SMTP_L_HEADER_END]  = MT_T("End of the header section"),
    [MT_SMTP_L_NOTABLE]     = MT_T("Message line"),
    [MT_SMTP_L_SASL]        = MT_T("Authentication answer"),
    [MT_SMTP_L_BDAT_DATA]   = MT_T("BDAT chunk data"),
    [MT_SMTP_L_UNKNOWN]     = MT_T("Unrecognised line"),
};

typedef struct {
    mt_text     text;
    const char *rfc;
    mt_text     summary;    /* when this text explains a whole line */
} expl_row;

#define X(id, text, rfc)           [id] = { MT_T(text), (rfc), MT_T(NULL) }
#define XS(id, text, rfc, summary) [id] = { MT_T(text), (rfc), MT_T(summary) }
/* Only a short meaning, never an explanation of its own. */
#define S(id, summary)             [id] = { MT_T(NULL), NULL, MT_T(summary) }

static const expl_row expls[MT_SMTP_X_COUNT] = {
    X(MT_SMTP_X_MULTILINE,
      "Multi-line reply: a \"-\" right after the code means more lines follow; the last line "
      "has a space after the code.",
      "RFC 5321 §4.2.1"),
    XS(MT_SMTP_X_EHLO_UNKNOWN_KW,
       "mailteach does not know this EHLO keyword: most likely the server vendor's own "
       "extension, such as Coremail's \"coremail\" or \"MAILCOMPRESS\". RFC 5321 requires "
       "keywords that are not registered to start with X, and this one does not.",
       "RFC 5321 §2.2.2", "offers {1} (a vendor's own extension)"),
    XS(MT_SMTP_X_EHLO_PRIVATE_KW,
       "mailteach does not know this EHLO keyword. Keywords that start with X are local "
       "extensions, used only by agreement between a client and this server.",
       "RFC 5321 §2.2.2", "offers {1} (a local X extension)"),
    XS(MT_SMTP_X_MESSAGE,
       "Message text: counted here. Its header fields, MIME parts, boundaries and encodings "
       "are explained one by one in the items that follow.",
       "RFC 5321 §4.1.1.4", "message text, {1} lines"),
    X(MT_SMTP_X_DATA_END,
      "A line holding only \".\" ends the message. The server now gives its verdict on the "
      "whole message.",
      "RFC 5321 §4.1.1.4"),
    XS(MT_SMTP_X_DOT_STUFFED,
       "Dot-stuffing: this line of the message starts with \".\", so the client doubled the "
       "dot; otherwise a line \".\" could end the message early. The server removes one dot.",
       "RFC 5321 §4.5.2", "message line {1}: leading dot doubled"),
    XS(MT_SMTP_X_HEADER_END,
       "The first empty line of the message ends the header section (From:, To:, Subject: "
       "...). What follows is the body.",
       "RFC 5322 §2.1", "end of the header section: the body follows"),
    XS(MT_SMTP_X_SASL,
       "Answer to the server's 334 challenge, in Base64. Base64 is an encoding, not "
       "encryption: anyone who captures it can decode it.",
       "RFC 4954 §4", "answer to the challenge, in Base64"),
    XS(MT_SMTP_X_SASL_CANCEL,
       "\"*\" cancels the authentication exchange; the server answers 501.",
       "RFC 4954 §4", "cancel the login"),
    XS(MT_SMTP_X_BDAT_DATA,
       "Octets of a BDAT chunk: counted, never read as commands. The chunk is exactly as long "
       "as the BDAT command said; no \".\" line ends it.",
       "RFC 3030 §2", "BDAT chunk data, {1} octets"),
    XS(MT_SMTP_X_UNKNOWN_CMD,
       "Not an SMTP command that mailteach knows. A server answers 500 (not recognised) or 502 "
       "(not implemented).",
       "RFC 5321 §4.2.4", "unknown command {1}"),
    XS(MT_SMTP_X_MAYBE_MESSAGE,
       "Not a command: the capture probably started in the middle of a message, so this is "
       "likely message text.",
       NULL, "probably message text (capture started late)"),
    XS(MT_SMTP_X_EMPTY_LINE,
       "An empty command line: every command starts with its name, and this line has none. "
       "A server answers 500 (syntax error).",
       "RFC 5321 §4.1.1", "empty command line"),
    X(MT_SMTP_X_UNMATCHED_REPLY,
      "The command this reply answers is not in the capture.",
      NULL),
    XS(MT_SMTP_X_UNKNOWN_CODE,
       "mailteach does not know this code. Its first digit says how it went; its second "
       "digit says what it is about.",
       "RFC 5321 §4.2.1", "reply with an unknown code, {1}"),
    X(MT_SMTP_X_MAIL_FROM,
      "Envelope sender (return path): where the reports of failed delivery (bounces) go.",
      "RFC 5321 §3.3"),
    X(MT_SMTP_X_NULL_SENDER,
      "Null sender <>: used for bounces and other automatic messages, so that no bounce is "
      "ever sent back for them.",
      "RFC 5321 §4.5.5"),
    X(MT_SMTP_X_RCPT_TO,
      "Envelope recipient: the address the server delivers this message to.",
      "RFC 5321 §3.3"),
    X(MT_SMTP_X_HELLO_DOMAIN,
      "The client's own name: its domain, or an address literal such as [192.0.2.1].",
      "RFC 5321 §4.1.1.1"),
    X(MT_SMTP_X_BDAT_LAST,
      "LAST: this is the final chunk; after it the message is complete.",
      "RFC 3030 §2"),
    X(MT_SMTP_X_SIZE_LIMIT,
      "The largest message this server accepts. A client can announce its message size with "
      "MAIL FROM:<...> SIZE=n.",
      "RFC 1870 §4"),
    X(MT_SMTP_X_SIZE_NO_LIMIT,
      "SIZE without a number, or 0: the server announces no fixed limit.",
      "RFC 1870 §4"),
    X(MT_SMTP_X_UNKNOWN_MECH,
      "mailteach does not know this SASL mechanism.",
      "RFC 4422 §3.1"),
    X(MT_SMTP_X_UNKNOWN_PARAM,
      "mailteach does not know this parameter. A client may use only parameters of "
      "extensions that the server listed in its EHLO reply.",
      "RFC 5321 §4.1.2"),
    X(MT_SMTP_X_BARE_LF,
      "This line ends with LF alone. SMTP lines end with CR LF; servers that accept a bare LF "
      "and servers that do not can disagree on where a message ends (SMTP smuggling).",
      "RFC 5321 §2.3.8"),
    X(MT_SMTP_X_TOO_LONG_CMD,
      "A command line may be at most 512 octets, CR LF included.",
      "RFC 5321 §4.5.3.1.4"),
    X(MT_SMTP_X_TOO_LONG_REPLY,
      "A reply line may be at most 512 octets, CR LF included.",
      "RFC 5321 §4.5.3.1.5"),
    X(MT_SMTP_X_TOO_LONG_TEXT,
      "A line of message text may be at most 1000 octets, CR LF included; longer lines must "
      "be wrapped or encoded.",
      "RFC 5321 §4.5.3.1.6"),
    X(MT_SMTP_X_MIDSESSION,
      "The capture starts in the middle of this session: mailteach did not see the earlier "
      "lines and guesses where the session stands.",
      NULL),
    X(MT_SMTP_X_GREETING_MISSED,
      "The server's greeting is not in the capture (the capture started late, or the client "
      "spoke first).",
      "RFC 5321 §3.1"),
    X(MT_SMTP_X_REPLY_TEXT,
      "Text for humans. Programs act on the code only; the wording differs from server to "
      "server.",
      "RFC 5321 §4.2"),
    X(MT_SMTP_X_ENHANCED,
      "Enhanced status code class.subject.detail: a finer, machine-readable status than the "
      "three-digit code.",
      "RFC 3463 §2"),
    X(MT_SMTP_X_PIPELINED_BATCH,
      "Pipelining: the client sent this command before the previous ones were answered; the "
      "replies come back in the same order.",
      "RFC 2920 §3"),
    XS(MT_SMTP_X_HELO_KEYWORD,
       "The server lists an extension in its reply to HELO, which it need not do: the "
       "extension list belongs to the reply to EHLO. A client that said HELO uses plain SMTP "
       "and should not count on it.",
       "RFC 5321 §4.1.1.1", "lists {1} after HELO"),
    XS(MT_SMTP_X_REPLY_CONT,
       "Another line of the same reply: its text goes on from the lines before, and every "
       "line repeats the same code.",
       "RFC 5321 §4.2.1", "the reply goes on"),
    XS(MT_SMTP_X_BAD_REPLY,
       "Not a valid SMTP reply line: every reply line starts with a three-digit code, then a "
       "space or a \"-\".",
       "RFC 5321 §4.2", "not a valid reply line"),
    XS(MT_SMTP_X_MESSAGE_LINE,
       "One line of the message text, shown on its own because something about it needs "
       "attention (see below).",
       "RFC 5321 §4.1.1.4", "message line {1}"),
    XS(MT_SMTP_X_DOT_NOT_STUFFED,
       "This message line starts with one \".\" that the client did not double. The server "
       "removes that dot, so the message changes; a client must double a leading dot.",
       "RFC 5321 §4.5.2", "message line {1}: leading dot not doubled"),
    S(MT_SMTP_X_MISSING_ARGUMENT, "{1} without its argument"),
    S(MT_SMTP_X_EXTENSION, "offers {1} ({2})"),
    S(MT_SMTP_X_SIZE_OFFER, "offers SIZE: messages up to {1} octets"),
    S(MT_SMTP_X_AUTH_OFFER, "offers login with {1}"),
    S(MT_SMTP_X_QUEUED_AS, "message queued as {1}"),
    S(MT_SMTP_X_BDAT_LAST_ACCEPTED, "last chunk accepted: message queued"),
    S(MT_SMTP_X_NULL_SENDER_MAIL, "start a message with the null sender <>"),
    S(MT_SMTP_X_MAIL_SIZE, "start a message from {1}, {2} octets announced (SIZE)"),
    S(MT_SMTP_X_MAIL_BODY, "start a message from {1}, {2} body announced (BODY)"),
    S(MT_SMTP_X_MAIL_SIZE_7BIT, "start a message from {1}, {2} octets, 7BIT body"),
    S(MT_SMTP_X_MAIL_SIZE_8BITMIME, "start a message from {1}, {2} octets, 8BITMIME body"),
    S(MT_SMTP_X_MAIL_SIZE_BINARYMIME, "start a message from {1}, {2} octets, BINARYMIME body"),
    S(MT_SMTP_X_BDAT_LAST_CMD, "send the last chunk, {1} octets"),
    XS(MT_SMTP_X_RSET_IDLE,
       "RSET while no mail transaction is open (none was started, or the last message was "
       "already answered): it changes nothing, like NOOP. A message the server has already "
       "accepted is not taken back.",
       "RFC 5321 §4.1.1.5", "reset: no transaction is open, nothing changes"),
    XS(MT_SMTP_X_RSET_IDLE_OK,
       "The server accepts the reset. No transaction was open, so nothing was cleared; a "
       "message queued before stays queued.",
       "RFC 5321 §4.1.1.5", "reset done: nothing was open"),
    XS(MT_SMTP_X_REPLY_LAST,
       "The last line of this multi-line reply: a space after the code ends the reply.",
       "RFC 5321 §4.2.1", "last line of the reply"),
    XS(MT_SMTP_X_REPLY_CODE_DIFFERS,
       "This line carries another code than the first line of the same reply. Every line of "
       "a multi-line reply must carry the same code, so this reply is not valid SMTP.",
       "RFC 5321 §4.2.1", "code {1} differs from the reply's first line ({2})"),
    XS(MT_SMTP_X_UNSOLICITED,
       "No command waits for a reply here. Every command gets exactly one reply, and this one "
       "answers none of them: from here on, replies and commands no longer line up.",
       "RFC 5321 §4.2", "reply with no command waiting for it"),
    XS(MT_SMTP_X_500_TOO_LONG,
       "Syntax error: the command line was too long. A command line may hold at most 512 "
       "octets, CRLF included, and RFC 5321 counts a line that is too long among the errors "
       "answered with 500.",
       "RFC 5321 §4.5.3.1.4", "syntax error: the command line was too long"),
    XS(MT_SMTP_X_HELLO_IN_TLS,
       "The client introduces itself again, now inside TLS. After the TLS handshake the "
       "session starts over: the server forgets the earlier hello, the client forgets the "
       "extension list, and the server lists its extensions anew, without STARTTLS.",
       "RFC 3207 §4.2", "introduce itself again as {1}, now inside TLS"),
    XS(MT_SMTP_X_501_CANCELLED,
       "The client cancelled the login with \"*\", and the server confirms: it must answer a "
       "cancel with 501. This AUTH exchange is over; the client may start another one.",
       "RFC 4954 §4", "login cancelled by the client"),
    S(MT_SMTP_X_DATA_END_CUT,
      "end of the message: at least {1} lines, at least {2} octets"),
};

#undef X
#undef XS
#undef S

const mt_text *
mt_smtp_stage_text(mt_smtp_stage st)
{
    return (unsigned)st < MT_SMTP_ST_COUNT ? &stages[st] : NULL;
}

const mt_text *
mt_smtp_next_text(mt_smtp_next n)
{
    return (unsigned)n < MT_SMTP_N_COUNT && n != MT_SMTP_N_NONE ? &nexts[n] : NULL;
}

const mt_text *
mt_smtp_label_text(mt_smtp_label l)
{
    return (unsigned)l < MT_SMTP_L_COUNT ? &labels[l] : NULL;
}

const mt_text *
mt_smtp_expl_text(mt_smtp_expl x)
{
    return (unsigned)x < MT_SMTP_X_COUNT && expls[x].text.en ? &expls[x].text : NULL;
}

const mt_text *
mt_smtp_expl_summary(mt_smtp_expl x)
{
    return (unsigned)x < MT_SMTP_X_COUNT && expls[x].summary.en ? &expls[x].summary : NULL;
}

const char *
mt_smtp_expl_rfc(mt_smtp_expl x)
{
    return (unsigned)x < MT_SMTP_X_COUNT ? expls[x].rfc : NULL;
}
