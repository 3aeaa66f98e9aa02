/* mt_smtp_catalog.c - what mailteach knows about SMTP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Static tables only: commands, reply codes, what a reply means for the
 * command it answers, enhanced status codes, EHLO keywords and MAIL/RCPT
 * parameters. The texts are written for students who read English as a
 * second language: short sentences, present tense, one idea each.
 * Every row cites the RFC (or, for vendor extensions, the vendor).
 */
#include "mt_smtp_catalog.h"

#include <stddef.h>
#include <string.h>

#include "mt_util.h"

/* Longest verb, keyword or parameter name we know is far below this; any
 * longer input cannot match and is refused before it is read. */
#define MT_SMTP_MAX_KEYWORD 64

/* ------------------------------------------------------------------------
 * Commands, in enum order (MT_SMTP_CMD_HELO first).
 * ------------------------------------------------------------------------ */

static const mt_smtp_command_info smtp_commands[] = {
    { MT_SMTP_CMD_HELO, "HELO", "HELO SP domain", "RFC 5321 §4.1.1.1",
      MT_T("Hello (old style, no extension list)"),
      MT_T("introduce itself as {1} (no extension list)"),
      MT_T("The client opens the session and gives its own host name. "
           "HELO is the original SMTP greeting: unlike EHLO, it does not ask "
           "the server to list its extensions."),
      MT_T("The server answers 250 with its own name; the client can then start "
           "a message with MAIL FROM. A 5xx reply means the greeting is refused.") },

    { MT_SMTP_CMD_EHLO, "EHLO", "EHLO SP ( domain / address-literal )", "RFC 5321 §4.1.1.1",
      MT_T("Extended hello (ask for the extension list)"),
      MT_T("introduce itself as {1}, ask for extensions"),
      MT_T("The client opens the session, gives its own host name and asks which "
           "SMTP extensions the server supports. The client must send EHLO (or HELO) "
           "before MAIL FROM, and should send it again after STARTTLS."),
      MT_T("The server answers with a multi-line 250: the first line greets the client "
           "and each further line names one extension, such as SIZE or STARTTLS. "
           "A very old server answers 500 or 502, and the client falls back to HELO.") },

    { MT_SMTP_CMD_MAIL, "MAIL", "MAIL FROM:<reverse-path> [SP mail-parameters]",
      "RFC 5321 §4.1.1.2",
      MT_T("Start a message: the envelope sender"),
      MT_T("start a message from {1}"),
      MT_T("The client starts a new mail transaction and gives the envelope sender: "
           "the address that receives bounce reports. It is not the From: header "
           "that the reader sees, and the two can differ. "
           "An empty path <> means that no bounce may be sent back."),
      MT_T("250 means the sender is accepted, and the client names recipients with "
           "RCPT TO. 4xx means try again later; 5xx means the sender is refused.") },

    { MT_SMTP_CMD_RCPT, "RCPT", "RCPT TO:<forward-path> [SP rcpt-parameters]",
      "RFC 5321 §4.1.1.3",
      MT_T("Add one recipient: the envelope recipient"),
      MT_T("add the recipient {1}"),
      MT_T("The client names one recipient of the message; it sends one RCPT command "
           "for each recipient. These envelope recipients decide where the message goes; "
           "the To: and Cc: headers do not, so a Bcc recipient appears only here."),
      MT_T("250 (or 251) accepts this recipient; 550 or another 5xx refuses it. "
           "After at least one recipient is accepted, the client sends DATA (or BDAT).") },

    { MT_SMTP_CMD_DATA, "DATA", "DATA", "RFC 5321 §4.1.1.4",
      MT_T("Send the message content"),
      MT_T("ask to send the message text"),
      MT_T("The client asks to send the message itself: the header lines, a blank line, "
           "then the body. DATA takes no argument and is allowed only after MAIL FROM "
           "and at least one accepted RCPT TO."),
      MT_T("354 means the server now reads message text until a line holding only \".\"; "
           "then it sends a second reply. 503 or 554 means DATA is refused, and the "
           "client must not send the message text.") },

    { MT_SMTP_CMD_RSET, "RSET", "RSET", "RFC 5321 §4.1.1.5",
      MT_T("Reset: cancel the current transaction"),
      MT_T("cancel the current mail transaction"),
      MT_T("The client cancels the current mail transaction. The server forgets the "
           "envelope sender, the recipients and any message data, but the connection "
           "and the EHLO result stay."),
      MT_T("The server answers 250. The client can begin a new message with MAIL FROM.") },

    { MT_SMTP_CMD_VRFY, "VRFY", "VRFY SP string", "RFC 5321 §4.1.1.6",
      MT_T("Verify a user or mailbox"),
      MT_T("ask whether {1} is a valid mailbox"),
      MT_T("The client asks whether a user name or mailbox exists on this server, and for "
           "its full address. Many servers disable VRFY or answer 252 to every name, "
           "to stop spammers from collecting (harvesting) valid addresses."),
      MT_T("250 or 251 gives the mailbox; 252 means the server will not verify but would "
           "try to deliver; 550 means no such user; 502 means VRFY is disabled.") },

    { MT_SMTP_CMD_EXPN, "EXPN", "EXPN SP string", "RFC 5321 §4.1.1.7",
      MT_T("Expand a mailing list"),
      MT_T("ask for the members of the list {1}"),
      MT_T("The client asks the server to list the members of a mailing list. "
           "Most servers disable EXPN, because the answer would show many addresses "
           "to spammers."),
      MT_T("A multi-line 250 lists the members; 252 means the server will not tell; "
           "550 means no such list; 502 means EXPN is disabled.") },

    { MT_SMTP_CMD_HELP, "HELP", "HELP [SP string]", "RFC 5321 §4.1.1.8",
      MT_T("Ask for help text"),
      MT_T("ask for help text"),
      MT_T("The client asks for help, in general or about one command. "
           "The answer is written for a human at a terminal, not for a program."),
      MT_T("The server answers 214 (help message) or 211 (system status). "
           "502 means HELP is not implemented.") },

    { MT_SMTP_CMD_NOOP, "NOOP", "NOOP [SP string]", "RFC 5321 §4.1.1.9",
      MT_T("No operation (keep the connection alive)"),
      MT_T("do nothing, check the server is there"),
      MT_T("NOOP asks the server to do nothing except answer. Clients use it to keep an "
           "idle connection open or to check that the server is still there."),
      MT_T("The server answers 250 and nothing changes. Any argument is ignored.") },

    { MT_SMTP_CMD_QUIT, "QUIT", "QUIT", "RFC 5321 §4.1.1.10",
      MT_T("End the session"),
      MT_T("end the session"),
      MT_T("The client says it is finished and asks the server to close the connection. "
           "Only a message that got 250 after its \".\" line is sent; an unfinished one is "
           "cancelled."),
      MT_T("The server answers 221 and closes the TCP connection.") },

    { MT_SMTP_CMD_AUTH, "AUTH", "AUTH SP mechanism [SP initial-response]", "RFC 4954 §4",
      MT_T("Log in with a SASL mechanism"),
      MT_T("log in with the {1} mechanism"),
      MT_T("The client logs in with one SASL mechanism that the EHLO AUTH line offered, "
           "for example PLAIN or LOGIN. The data after the mechanism is Base64. "
           "Base64 is an encoding, not encryption: without TLS, anyone can decode it."),
      MT_T("334 asks for the next Base64 line; 235 means the login succeeded; 535 means the "
           "credentials were not accepted; 504 means the mechanism is not supported.") },

    { MT_SMTP_CMD_STARTTLS, "STARTTLS", "STARTTLS", "RFC 3207 §4",
      MT_T("Start TLS encryption on this connection"),
      MT_T("ask to switch to TLS encryption"),
      MT_T("The client asks to turn this plain-text connection into an encrypted TLS "
           "connection. A client may ask only when the EHLO reply lists STARTTLS."),
      MT_T("After 220 the TLS handshake starts at once; from then on Wireshark sees only "
           "encrypted TLS records. The client sends EHLO again inside TLS. "
           "454 means TLS is not available now.") },

    { MT_SMTP_CMD_BDAT, "BDAT", "BDAT SP chunk-size [SP \"LAST\"]", "RFC 3030 §2",
      MT_T("Send one chunk of the message (CHUNKING)"),
      MT_T("send a chunk of {1} octets"),
      MT_T("The client sends the message in chunks of an exact size in octets, instead of "
           "DATA with a \".\" line at the end. The chunk bytes follow the command line at "
           "once, without dot-stuffing; LAST marks the final chunk."),
      MT_T("The server answers 250 for each chunk it accepts; 250 after the LAST chunk "
           "means the message is accepted. After a 4xx or 5xx the client must not send "
           "more chunks for this message.") },

    { MT_SMTP_CMD_ETRN, "ETRN", "ETRN SP [ \"@\" / \"#\" ] node", "RFC 1985",
      MT_T("Ask the server to send the queued mail"),
      MT_T("ask to deliver the mail queued for {1}"),
      MT_T("A host that was offline asks the server to start delivering the mail that "
           "waits in its queue for a domain (node). The mail comes on a new, separate "
           "SMTP connection, not on this one."),
      MT_T("250, 251, 252 or 253 say whether mail is waiting and that delivery starts; "
           "458 and 459 refuse the request.") },

    { MT_SMTP_CMD_ATRN, "ATRN", "ATRN [SP domain *( \",\" domain )]", "RFC 2645",
      MT_T("Authenticated turn (On-Demand Mail Relay)"),
      MT_T("ask to swap roles and fetch queued mail"),
      MT_T("After AUTH, a client asks the server to swap roles on this same connection, "
           "so that the server can deliver the mail queued for the client's domains. "
           "It is used on port 366 by hosts whose IP address changes."),
      MT_T("250 means the roles swap now: the client becomes the server and sends a 220 "
           "greeting. 453 means no mail is waiting; 450 or 451 refuses the request for now.") },

    { MT_SMTP_CMD_TURN, "TURN", "TURN", "RFC 821 §4.1.1",
      MT_T("Turn around the roles (obsolete)"),
      MT_T("ask to swap roles (obsolete TURN)"),
      MT_T("The client asked the server to swap roles so that the server could send mail "
           "back on this connection. Anyone could claim to be the receiving domain, so "
           "RFC 5321 dropped TURN."),
      MT_T("A modern server answers 502 (not implemented).") },

    { MT_SMTP_CMD_SEND, "SEND", "SEND FROM:<reverse-path>", "RFC 821 §4.1.1",
      MT_T("Send to the user's terminal (obsolete)"),
      MT_T("send to a terminal (obsolete SEND)"),
      MT_T("Like MAIL, but the message went to the user's terminal screen instead of the "
           "mailbox. RFC 5321 dropped it; today it usually means a very old client or a scan."),
      MT_T("A modern server answers 502 (not implemented) or 500.") },

    { MT_SMTP_CMD_SOML, "SOML", "SOML FROM:<reverse-path>", "RFC 821 §4.1.1",
      MT_T("Send or mail (obsolete)"),
      MT_T("send or mail (obsolete SOML)"),
      MT_T("Like MAIL, but the message went to the user's terminal if the user was logged "
           "in, and to the mailbox if not. RFC 5321 dropped it."),
      MT_T("A modern server answers 502 (not implemented) or 500.") },

    { MT_SMTP_CMD_SAML, "SAML", "SAML FROM:<reverse-path>", "RFC 821 §4.1.1",
      MT_T("Send and mail (obsolete)"),
      MT_T("send and mail (obsolete SAML)"),
      MT_T("Like MAIL, but the message went both to the user's terminal and to the "
           "mailbox. RFC 5321 dropped it."),
      MT_T("A modern server answers 502 (not implemented) or 500.") },

    { MT_SMTP_CMD_LHLO, "LHLO", "LHLO SP domain", "RFC 2033 §4",
      MT_T("LMTP hello (local delivery)"),
      MT_T("introduce itself as {1} (LMTP)"),
      MT_T("LHLO is the EHLO of LMTP, the protocol between a mail server and the mailbox "
           "store on the same site. The main difference from SMTP: after the final \".\", "
           "the server answers once for each accepted recipient."),
      MT_T("The server answers a multi-line 250 that lists its extensions, as for EHLO.") },

    { MT_SMTP_CMD_CONNECT, "(connect)", "(TCP connection opened)", "RFC 5321 §3.1",
      MT_T("Connection opened: the server greets first"),
      MT_T("connection opened"),
      MT_T("This is not a command: it is the TCP connection itself. In SMTP the server "
           "speaks first, with a greeting line, and the client waits for it before EHLO."),
      MT_T("220 means the server is ready, and the client now sends EHLO. 554 means the "
           "server refuses service; 421 means it is busy, so try again later.") },

    { MT_SMTP_CMD_DATA_END, "(end of data)", "CRLF \".\" CRLF", "RFC 5321 §4.1.1.4",
      MT_T("End of message: the line holding only \".\""),
      MT_T("end of the message: {1} lines, {2} octets"),
      MT_T("A line holding only \".\" ends the message text sent after 354. If a line of "
           "the message itself starts with \".\", the client doubles that dot "
           "(dot-stuffing, RFC 5321 §4.5.2) and the server removes it again."),
      MT_T("The server sends its second reply to DATA: 250 means it accepts responsibility "
           "for the message (queued). 4xx or 5xx means the message is not accepted.") },

    { MT_SMTP_CMD_SASL, "(SASL answer)", "base64 / \"*\"", "RFC 4954 §4",
      MT_T("Answer to an AUTH challenge"),
      MT_T("answer to the challenge, in Base64"),
      MT_T("After a 334 challenge the client sends one line of Base64 data, for example "
           "the user name or the password for LOGIN. Base64 is only an encoding: anyone "
           "who sees this line can decode it. A line holding only \"*\" cancels the login."),
      MT_T("The server answers 334 for one more step, 235 when the login succeeds, 535 when "
           "the credentials are not accepted, or 501 after \"*\".") },
};

G_STATIC_ASSERT(G_N_ELEMENTS(smtp_commands) == MT_SMTP_CMD_COUNT - 1);

/* ------------------------------------------------------------------------
 * Reply codes, sorted by code.
 * ------------------------------------------------------------------------ */

static const mt_smtp_reply_info smtp_replies[] = {
    { 211, "RFC 5321 §4.2.3", MT_T("System status, or system help reply"),
      MT_T("Information about the server's state, usually in answer to HELP. "
           "It is meant for a human reader.") },
    { 214, "RFC 5321 §4.2.3", MT_T("Help message"),
      MT_T("Help text for a human reader, in answer to HELP. Programs should not depend "
           "on its content.") },
    { 220, "RFC 5321 §4.2.3; RFC 3207 §4",
      MT_T("<domain> Service ready"),
      MT_T("The server is ready for what comes next: the session (in the greeting), or the "
           "TLS handshake (after STARTTLS, where the text is \"Ready to start TLS\").") },
    { 221, "RFC 5321 §4.2.3", MT_T("<domain> Service closing transmission channel"),
      MT_T("The server closes the connection. It is the answer to QUIT.") },
    { 235, "RFC 4954 §4", MT_T("Authentication Succeeded"),
      MT_T("The AUTH exchange succeeded: the client is now authenticated as this user.") },
    { 250, "RFC 5321 §4.2.3", MT_T("Requested mail action okay, completed"),
      MT_T("The requested action is done. What that means depends on the command it "
           "answers.") },
    { 251, "RFC 5321 §4.2.3", MT_T("User not local; will forward to <forward-path>"),
      MT_T("The recipient is accepted, but the mailbox is elsewhere; this server will "
           "forward the message (RFC 5321 §3.4).") },
    { 252, "RFC 5321 §4.2.3",
      MT_T("Cannot VRFY user, but will accept message and attempt delivery"),
      MT_T("The server will not say whether the user exists, but it would accept mail "
           "for it. Many servers give this answer to every VRFY, to protect addresses.") },
    { 253, "RFC 1985", MT_T("OK, <n> pending messages for node <x> started"),
      MT_T("An answer to ETRN: the server starts delivering the messages that wait "
           "for this node, and says how many there are.") },
    { 334, "RFC 4954 §4", MT_T("Server challenge (Base64 text follows)"),
      MT_T("The AUTH exchange continues. The text after 334 is a Base64 challenge, "
           "and the client answers with one Base64 line or \"*\" to cancel.") },
    { 354, "RFC 5321 §4.2.3", MT_T("Start mail input; end with <CRLF>.<CRLF>"),
      MT_T("The server is ready for the message text. The client sends headers, a blank "
           "line and the body, and ends with a line holding only \".\".") },
    { 421, "RFC 5321 §4.2.3",
      MT_T("<domain> Service not available, closing transmission channel"),
      MT_T("The service is not available and the server closes the connection. It may answer "
           "any command this way when it must shut down; the client tries again later.") },
    { 432, "RFC 4954 §6", MT_T("A password transition is needed"),
      MT_T("The user must first move to the requested mechanism, typically by logging in "
           "once with PLAIN.") },
    { 450, "RFC 5321 §4.2.3", MT_T("Requested mail action not taken: mailbox unavailable"),
      MT_T("A temporary failure: the mailbox is busy or blocked for now, often by "
           "greylisting. The client should try again later.") },
    { 451, "RFC 5321 §4.2.3", MT_T("Requested action aborted: local error in processing"),
      MT_T("A temporary failure on the server side. The client keeps the message and "
           "tries again later.") },
    { 452, "RFC 5321 §4.2.3",
      MT_T("Requested action not taken: insufficient system storage"),
      MT_T("A temporary failure: the server lacks storage, or a transaction has too many "
           "recipients. Try again later.") },
    { 453, "RFC 2645", MT_T("You have no mail"),
      MT_T("An answer to ATRN: no mail is waiting for the client's domains.") },
    { 454, "RFC 3207 §4; RFC 4954 §6",
      MT_T("TLS not available due to temporary reason / Temporary authentication failure"),
      MT_T("A temporary failure of a security step: TLS cannot start now, or a login cannot "
           "be checked now. The client may try again later.") },
    { 455, "RFC 5321 §4.2.3", MT_T("Server unable to accommodate parameters"),
      MT_T("The server understands the MAIL or RCPT parameters but cannot accept them now. "
           "It is a temporary failure.") },
    { 458, "RFC 1985", MT_T("Unable to queue messages for node <x>"),
      MT_T("An answer to ETRN: the server cannot start delivery for this node now.") },
    { 459, "RFC 1985", MT_T("Node <x> not allowed: <reason>"),
      MT_T("An answer to ETRN: this node is not allowed to ask for its queued mail here.") },
    { 500, "RFC 5321 §4.2.3", MT_T("Syntax error, command unrecognized"),
      MT_T("The server does not recognize the command, or the line is too long.") },
    { 501, "RFC 5321 §4.2.3", MT_T("Syntax error in parameters or arguments"),
      MT_T("The command is known, but its argument is wrong: missing, badly formed, "
           "or not allowed.") },
    { 502, "RFC 5321 §4.2.3", MT_T("Command not implemented"),
      MT_T("The server knows the command but does not support it, or an administrator "
           "disabled it.") },
    { 503, "RFC 5321 §4.2.3", MT_T("Bad sequence of commands"),
      MT_T("The command comes in the wrong order, for example RCPT before MAIL or DATA "
           "without an accepted recipient.") },
    { 504, "RFC 5321 §4.2.3", MT_T("Command parameter not implemented"),
      MT_T("The command is supported, but not with this parameter, for example an unknown "
           "AUTH mechanism.") },
    { 521, "RFC 7504", MT_T("Host does not accept mail"),
      MT_T("This host never accepts mail, usually said in the greeting. The client should "
           "not retry here.") },
    { 530, "RFC 3207 §4; RFC 4954 §6",
      MT_T("Must issue a STARTTLS command first / Authentication required"),
      MT_T("The server needs TLS or a login before this command. The client sends STARTTLS "
           "or AUTH first, then the command again.") },
    { 534, "RFC 4954 §6", MT_T("Authentication mechanism is too weak"),
      MT_T("Server policy does not allow this SASL mechanism for the user. "
           "The client should try a stronger one.") },
    { 535, "RFC 4954 §6", MT_T("Authentication credentials invalid"),
      MT_T("Authentication failed: the credentials sent are invalid or not sufficient.") },
    { 538, "RFC 4954 §6",
      MT_T("Encryption required for requested authentication mechanism"),
      MT_T("This mechanism is allowed only on an encrypted connection. "
           "The client should use STARTTLS first.") },
    { 550, "RFC 5321 §4.2.3", MT_T("Requested action not taken: mailbox unavailable"),
      MT_T("A permanent failure: no such mailbox, no access, or refused by policy. "
           "Do not retry unchanged.") },
    { 551, "RFC 5321 §4.2.3", MT_T("User not local; please try <forward-path>"),
      MT_T("The mailbox is not here and this server will not forward the message; "
           "the reply may name another address (RFC 5321 §3.4).") },
    { 552, "RFC 5321 §4.2.3",
      MT_T("Requested mail action aborted: exceeded storage allocation"),
      MT_T("The message is too large, or a storage limit is exceeded. Do not send the same "
           "message again unchanged.") },
    { 553, "RFC 5321 §4.2.3",
      MT_T("Requested action not taken: mailbox name not allowed"),
      MT_T("The address is not acceptable, for example because of a syntax error.") },
    { 554, "RFC 5321 §4.2.3",
      MT_T("Transaction failed (in the greeting: No SMTP service here)"),
      MT_T("A permanent failure, often after content or policy checks.") },
    { 555, "RFC 5321 §4.2.3",
      MT_T("MAIL FROM/RCPT TO parameters not recognized or not implemented"),
      MT_T("A parameter after the address (such as SIZE= or NOTIFY=) is unknown here, "
           "or the server did not offer the extension it needs.") },
    { 556, "RFC 7504", MT_T("Domain does not accept mail"),
      MT_T("The recipient's domain announces that it accepts no mail (for example with a "
           "null MX record). Do not retry.") },
};

G_STATIC_ASSERT(G_N_ELEMENTS(smtp_replies) == MT_SMTP_REPLY_COUNT);

/* ------------------------------------------------------------------------
 * Reply digits (RFC 5321 §4.2.1).
 * ------------------------------------------------------------------------ */

static const mt_smtp_digit_info smtp_reply_classes[] = {
    { 1, "RFC 5321 §4.2.1", MT_T("Positive Preliminary reply"),
      MT_T("The action has started and another reply will follow. SMTP does not use 1yz "
           "replies; they come from FTP, whose codes SMTP follows.") },
    { 2, "RFC 5321 §4.2.1", MT_T("Positive Completion reply"),
      MT_T("Done: the requested action has been completed.") },
    { 3, "RFC 5321 §4.2.1", MT_T("Positive Intermediate reply"),
      MT_T("Go on: the command is accepted, and the server waits for more data, "
           "such as the message text after 354 or a Base64 line after 334.") },
    { 4, "RFC 5321 §4.2.1", MT_T("Transient Negative Completion reply"),
      MT_T("A temporary failure: the command was not accepted and the action did not happen, "
           "but the same request may work later. The client should try again later.") },
    { 5, "RFC 5321 §4.2.1", MT_T("Permanent Negative Completion reply"),
      MT_T("A permanent failure: this command was not accepted and the action did not "
           "happen. The client should not repeat it unchanged; a changed request (another "
           "address, corrected credentials) can still succeed.") },
};

static const mt_smtp_digit_info smtp_reply_categories[] = {
    { 0, "RFC 5321 §4.2.1", MT_T("Syntax"),
      MT_T("The reply is about syntax: an unknown command, a bad argument, or a command "
           "that is not implemented.") },
    { 1, "RFC 5321 §4.2.1", MT_T("Information"),
      MT_T("The reply carries information, such as status or help text.") },
    { 2, "RFC 5321 §4.2.1", MT_T("Connections"),
      MT_T("The reply is about the transmission channel: opening or closing the connection.") },
    { 3, "RFC 5321 §4.2.1", MT_T("Unspecified"),
      MT_T("RFC 5321 gives this second digit no fixed meaning; extensions use it, "
           "for example 235 and 334 for AUTH.") },
    { 4, "RFC 5321 §4.2.1", MT_T("Unspecified"),
      MT_T("RFC 5321 gives this second digit no fixed meaning; it is left for future use.") },
    { 5, "RFC 5321 §4.2.1", MT_T("Mail system"),
      MT_T("The reply is about the mail system: the sender, a recipient mailbox, or the "
           "message itself.") },
};

/* ------------------------------------------------------------------------
 * What a reply means for the command it answers. code is an exact reply
 * code or a class digit 2..5 used as a fallback.
 * ------------------------------------------------------------------------ */

#define CTX(c, n, sum, text) { MT_SMTP_CMD_##c, (n), NULL, MT_T(sum), MT_T(text) }
#define CTX_RFC(c, n, rfc, sum, text) { MT_SMTP_CMD_##c, (n), (rfc), MT_T(sum), MT_T(text) }

static const mt_smtp_reply_context smtp_contexts[] = {
    /* A reply to a command mailteach does not know, and the last resort
     * for any command without a row for the code or its class. */
    CTX_RFC(UNKNOWN, 421, "RFC 5321 §4.2.3", "service closing the connection",
            "The server cannot go on and closes the connection; it may answer any command "
            "this way. The client should try again later."),
    CTX_RFC(UNKNOWN, 500, "RFC 5321 §4.2.4", "syntax error: command not recognized",
            "The server does not recognize this command. The session goes on; the client "
            "should use a command from the EHLO list or RFC 5321."),
    CTX_RFC(UNKNOWN, 502, "RFC 5321 §4.2.4", "command not implemented",
            "The server recognizes this command but does not implement it."),
    CTX_RFC(UNKNOWN, 1, "RFC 5321 §4.2.1", "preliminary reply (not used in SMTP)",
            "A 1yz reply says that the server started the action and will send another reply. "
            "SMTP does not use such replies."),
    CTX_RFC(UNKNOWN, 2, "RFC 5321 §4.2.1", "command accepted",
            "The server accepted this command and completed the action."),
    CTX_RFC(UNKNOWN, 3, "RFC 5321 §4.2.1", "accepted, server waits for more",
            "The server accepted this command and waits for more data before it acts."),
    CTX_RFC(UNKNOWN, 4, "RFC 5321 §4.2.1", "command refused for now",
            "The server did not accept this command, for a temporary reason. The client may "
            "send it again later."),
    CTX_RFC(UNKNOWN, 5, "RFC 5321 §4.2.1", "command refused",
            "The server did not accept this command. The session goes on; the client should "
            "not repeat the exact same command."),

    /* The greeting answers the TCP connection. */
    CTX_RFC(CONNECT, 220, "RFC 5321 §3.1", "server ready (greeting)",
            "The server is ready and greets the client; the text usually names the host and "
            "often its software. The client should now say EHLO (or HELO)."),
    CTX_RFC(CONNECT, 421, "RFC 5321 §3.1", "service not available, closing",
            "The server cannot serve the client now (busy, shutting down or limiting the rate) "
            "and closes the connection. The client should try again later."),
    CTX_RFC(CONNECT, 521, "RFC 7504", "this host accepts no mail",
            "This host never accepts mail. The client should close the connection and not "
            "retry here."),
    CTX_RFC(CONNECT, 554, "RFC 5321 §3.1", "no SMTP service here",
            "The server refuses service (\"No SMTP service here\"), often because of the "
            "client's IP address. The client should send QUIT and wait for the server to "
            "close the connection."),
    CTX_RFC(CONNECT, 2, "RFC 5321 §3.1", "server greets the client",
            "The server greets the client; the client can continue with EHLO."),
    CTX_RFC(CONNECT, 4, "RFC 5321 §3.1", "service refused for now",
            "A temporary refusal of the session. The client should try again later."),
    CTX_RFC(CONNECT, 5, "RFC 5321 §3.1", "service refused",
            "The server refuses the session. The client should send QUIT and not retry here "
            "unchanged."),

    /* HELO */
    CTX(HELO, 250, "hello accepted",
        "Hello accepted; the server's name follows 250. HELO does not ask for the extension "
        "list, so the server need not send one, and the client uses plain SMTP: it can now "
        "send MAIL FROM."),
    CTX(HELO, 501, "host name missing or bad in HELO",
        "The argument is wrong, usually a missing or badly formed host name. The client "
        "should send HELO again with its real domain name."),
    CTX(HELO, 504, "HELO argument not accepted",
        "The server does not accept this form of the HELO argument."),
    CTX(HELO, 550, "hello refused by policy",
        "The server refuses the greeting, often by policy, for example a fake host name. "
        "The client should send QUIT."),
    CTX(HELO, 421, "closing: try again later",
        "The server closes the connection before the session starts. Try again later."),
    CTX(HELO, 4, "hello refused for now",
        "The greeting is refused for a temporary reason. The client may try again later."),
    CTX(HELO, 5, "hello refused",
        "The greeting failed. The client must not send MAIL until a greeting succeeds."),

    /* EHLO */
    CTX(EHLO, 250, "hello accepted",
        "Hello accepted. The first line greets the client; each further line names one "
        "extension this server supports, such as SIZE, STARTTLS or AUTH. The client may use "
        "only the extensions listed here."),
    CTX(EHLO, 500, "EHLO unknown: an old server, use HELO",
        "The server does not know EHLO: it is an old SMTP server without extensions. "
        "The client should fall back to HELO."),
    CTX(EHLO, 501, "host name missing or bad in EHLO",
        "The EHLO argument is wrong, usually a missing or invalid host name. The client "
        "should send EHLO again with its full domain name."),
    CTX(EHLO, 502, "EHLO not implemented: use HELO",
        "EHLO is not implemented: an old server. The client should fall back to HELO and use "
        "no extensions."),
    CTX(EHLO, 504, "EHLO argument not accepted",
        "The server does not accept this form of the EHLO argument."),
    CTX(EHLO, 550, "hello refused by policy",
        "The server refuses the greeting by policy, for example a host name it does not "
        "believe. The client should send QUIT."),
    CTX(EHLO, 421, "closing: try again later",
        "The server closes the connection before the session starts. Try again later."),
    CTX(EHLO, 4, "hello refused for now",
        "The greeting is refused for a temporary reason. The client may try again later."),
    CTX(EHLO, 5, "hello refused",
        "The greeting failed. The client may try HELO, or send QUIT."),

    /* MAIL FROM */
    CTX(MAIL, 250, "sender accepted",
        "The envelope sender is accepted: a mail transaction has started. The client now "
        "names the recipients with RCPT TO."),
    CTX(MAIL, 421, "closing: try again later",
        "The server closes the connection in the middle of the session. The client keeps the "
        "message and tries again later."),
    CTX(MAIL, 451, "sender not accepted now (local error)",
        "A local error, or greylisting: the sender is not accepted now. The client should try "
        "the whole transaction again later."),
    CTX(MAIL, 452, "no storage now: try again later",
        "The server has too little storage now. The client should try again later."),
    CTX(MAIL, 455, "MAIL parameters not accepted now",
        "The server cannot accept the MAIL parameters (such as SIZE= or BODY=) now. "
        "The client may try again later."),
    CTX(MAIL, 501, "syntax error in MAIL FROM",
        "Syntax error: the line is not MAIL FROM:<address>. Common causes are a space after "
        "the colon or missing angle brackets."),
    CTX(MAIL, 503, "MAIL not allowed now (wrong order)",
        "Wrong order: MAIL is not allowed now, for example before EHLO, inside another "
        "transaction, or before the login that this server requires."),
    CTX_RFC(MAIL, 530, "RFC 4954 §6", "log in first",
            "The server requires a login (AUTH), and on some servers STARTTLS, before it "
            "accepts mail from this client."),
    CTX(MAIL, 550, "sender refused",
        "The sender is refused, often by policy: the domain is unknown or blocked, or this "
        "client may not send mail through this server. Do not retry unchanged."),
    CTX(MAIL, 552, "message too large (SIZE)",
        "The size declared with SIZE= is larger than this server accepts. Do not send this "
        "message here unchanged."),
    CTX(MAIL, 553, "sender address not allowed",
        "The sender address is not allowed, or its syntax is wrong. Check the address inside "
        "the angle brackets."),
    CTX_RFC(MAIL, 555, "RFC 5321 §4.1.1.11", "MAIL parameter not recognized",
            "A parameter after the address (such as SIZE= or BODY=) is unknown here, or the "
            "server did not offer it in EHLO. The client should send MAIL without it."),
    CTX(MAIL, 2, "sender accepted",
        "The envelope sender is accepted; the client continues with RCPT TO."),
    CTX(MAIL, 4, "sender not accepted now",
        "The sender is not accepted this time; the problem is temporary. The client should "
        "try the transaction again later."),
    CTX(MAIL, 5, "sender refused",
        "The sender is refused. The client should not send this MAIL command again unchanged."),

    /* RCPT TO */
    CTX(RCPT, 250, "recipient accepted",
        "This recipient is accepted. The client can add more recipients with RCPT TO, or send "
        "DATA (or BDAT) when the list is complete."),
    CTX_RFC(RCPT, 251, "RFC 5321 §3.4", "recipient accepted, will be forwarded",
            "The user is not local, but the server accepts the recipient and will forward the "
            "message to the address in the reply."),
    CTX(RCPT, 421, "closing: try again later",
        "The server closes the connection. The client keeps the message and tries again later."),
    CTX(RCPT, 450, "mailbox unavailable now",
        "The mailbox is not available now (busy, or blocked for a while, often greylisting). "
        "The client should try this recipient again later."),
    CTX(RCPT, 451, "recipient not accepted now (local error)",
        "A local error, or greylisting: this recipient is not accepted now. The client should "
        "try again later."),
    CTX_RFC(RCPT, 452, "RFC 5321 §4.5.3.1.10", "too many recipients, or no storage",
            "Too little storage, or too many recipients in this transaction. The client sends "
            "the rest of the recipients later, in a new transaction."),
    CTX(RCPT, 455, "RCPT parameters not accepted now",
        "The server cannot accept the RCPT parameters (such as NOTIFY=) now. The client may "
        "try again later."),
    CTX(RCPT, 501, "syntax error in RCPT TO",
        "Syntax error: the line is not RCPT TO:<address>. Check the angle brackets and the "
        "address."),
    CTX(RCPT, 503, "RCPT not allowed now (wrong order)",
        "Wrong order: RCPT is allowed only after an accepted MAIL FROM. The client should send "
        "MAIL FROM first."),
    CTX(RCPT, 550, "recipient refused",
        "No such mailbox here, or the recipient is refused by policy (for example \"relaying "
        "denied\"). The message will not go to this address; do not retry unchanged."),
    CTX_RFC(RCPT, 551, "RFC 5321 §3.4", "user not local, not forwarded",
            "The user is not local, and this server will not forward the message. The reply "
            "may name another address to try."),
    CTX_RFC(RCPT, 552, "RFC 5321 §4.5.3.1.10", "storage limit exceeded",
            "A storage limit for this recipient is exceeded. If the reply says \"too many "
            "recipients\", the client treats it as 452 and sends the rest later."),
    CTX(RCPT, 553, "mailbox name not allowed",
        "The mailbox name is not allowed, for example because of a syntax error. Check the "
        "address inside the angle brackets."),
    CTX_RFC(RCPT, 555, "RFC 5321 §4.1.1.11", "RCPT parameter not recognized",
            "A parameter after the address (such as NOTIFY= or ORCPT=) is unknown here, or the "
            "server did not offer it in EHLO."),
    CTX(RCPT, 2, "recipient accepted",
        "This recipient is accepted."),
    CTX(RCPT, 4, "recipient not accepted now",
        "This recipient is not accepted now; the problem is temporary. The client may try it "
        "again later; other recipients are not affected."),
    CTX(RCPT, 5, "recipient refused",
        "This recipient is refused. The message will not go to this address, but other "
        "accepted recipients still get it."),

    /* DATA: the first reply */
    CTX(DATA, 354, "go ahead: send the message, end with \".\"",
        "Send the message now: the header lines, a blank line, then the body. End it with a "
        "line holding only \".\"; the server replies again after that line."),
    CTX(DATA, 421, "closing: try again later",
        "The server closes the connection. The client keeps the message and tries again later."),
    CTX(DATA, 451, "DATA not accepted now (local error)",
        "A local error: DATA is not accepted now. The client should try again later."),
    CTX(DATA, 452, "no storage now: try again later",
        "Too little storage now. The client should try again later."),
    CTX(DATA, 503, "DATA refused: no recipient accepted",
        "DATA refused: wrong order, usually because no RCPT TO was accepted. The lines the "
        "client sends next are commands again, not message text."),
    CTX(DATA, 554, "DATA refused (no valid recipients)",
        "DATA refused, for example \"no valid recipients\". The lines the client sends next "
        "are commands again, not message text."),
    CTX(DATA, 4, "DATA refused for now",
        "DATA refused for now. No message text may follow; the client should try again later."),
    CTX(DATA, 5, "DATA refused",
        "DATA refused. The lines the client sends next are commands again, not message text."),

    /* The "." line: the second reply to DATA */
    CTX_RFC(DATA_END, 250, "RFC 5321 §4.2.5", "message accepted (queued)",
            "The server has taken responsibility for the message: it is queued. This is not "
            "yet delivery to the recipient's mailbox; the message can still bounce later."),
    CTX_RFC(DATA_END, 421, "RFC 5321 §4.2.5", "closing; message not accepted",
            "The server closes the connection, and the message is not accepted. The client "
            "keeps it and tries again later."),
    CTX_RFC(DATA_END, 450, "RFC 5321 §4.2.5", "message refused for now (policy)",
            "The message is refused for now by policy, for example a rate limit. The client "
            "should try again later."),
    CTX_RFC(DATA_END, 451, "RFC 5321 §4.2.5", "message not accepted (local error)",
            "A local error: the message is not accepted. The client keeps it and tries again "
            "later."),
    CTX_RFC(DATA_END, 452, "RFC 5321 §4.2.5", "message not accepted (no storage)",
            "Too little storage: the message is not accepted now. The client should try again "
            "later."),
    CTX_RFC(DATA_END, 550, "RFC 5321 §4.2.5", "message refused by policy",
            "The message is refused by policy, for example by a spam or virus filter. Do not "
            "send it again unchanged."),
    CTX_RFC(DATA_END, 552, "RFC 5321 §4.2.5", "message too large",
            "The message is too large for this server. Do not send it again unchanged."),
    CTX_RFC(DATA_END, 554, "RFC 5321 §4.2.5", "message refused",
            "Transaction failed: the server refuses the message, often after content checks "
            "(spam, virus, sender authentication). Do not send it again unchanged."),
    CTX_RFC(DATA_END, 2, "RFC 5321 §4.2.5", "message accepted (queued)",
            "The message is accepted and queued, which is not yet delivery to the mailbox."),
    CTX_RFC(DATA_END, 4, "RFC 5321 §4.2.5", "message not accepted now",
            "The message is not accepted now; the problem is temporary. The client keeps it "
            "and tries again later."),
    CTX_RFC(DATA_END, 5, "RFC 5321 §4.2.5", "message refused",
            "The message is refused, and the sending side must tell the sender (usually with a "
            "bounce). Do not send it again to this server unchanged."),

    /* RSET */
    CTX(RSET, 250, "transaction cleared",
        "The transaction is cleared: the server forgot the envelope sender, the recipients and "
        "any message data. The session stays open; start again with MAIL FROM."),
    CTX(RSET, 421, "closing: try again later",
        "The server closes the connection."),
    CTX(RSET, 5, "RSET refused",
        "The server did not accept RSET, which every server must support."),

    /* VRFY */
    CTX_RFC(VRFY, 250, "RFC 5321 §3.5.3", "mailbox verified",
            "The server has verified the mailbox and gives its full address. A server may "
            "answer 250 only after it really checked the address."),
    CTX_RFC(VRFY, 251, "RFC 5321 §3.5.3", "user not local, would forward",
            "The user is not local; the server gives the forward address and would forward "
            "mail to it."),
    CTX_RFC(VRFY, 252, "RFC 5321 §3.5.3", "cannot verify, would accept mail",
            "The server will not verify the user, but would accept mail and try to deliver it. "
            "Many servers answer this way to every VRFY, to stop address harvesting."),
    CTX(VRFY, 501, "syntax error: VRFY needs a name",
        "Syntax error: VRFY needs a user name or address as its argument."),
    CTX_RFC(VRFY, 502, "RFC 5321 §3.5.3", "VRFY disabled",
            "VRFY is disabled here, usually to stop spammers from testing addresses. RFC 5321 "
            "calls such servers not fully compliant."),
    CTX(VRFY, 504, "VRFY argument not supported",
        "The server does not support VRFY with this kind of argument."),
    CTX(VRFY, 550, "no such user",
        "No such user or mailbox here (or the server will not say)."),
    CTX_RFC(VRFY, 551, "RFC 5321 §3.4", "user not local",
            "The user is not local; the reply may name another address to try."),
    CTX(VRFY, 553, "name not allowed",
        "The name is not allowed, for example because of a syntax error."),
    CTX(VRFY, 5, "name not verified",
        "The server does not verify this name."),

    /* EXPN */
    CTX_RFC(EXPN, 250, "RFC 5321 §3.5.3", "list members follow",
            "The server lists the members of the mailing list, usually one per line of a "
            "multi-line reply."),
    CTX_RFC(EXPN, 252, "RFC 5321 §3.5.3", "list not expanded, would accept mail",
            "The server will not expand the list, but would accept mail for it."),
    CTX(EXPN, 500, "EXPN not recognized",
        "The server does not recognize EXPN."),
    CTX(EXPN, 501, "syntax error: EXPN needs a list name",
        "Syntax error: EXPN needs the name of a list as its argument."),
    CTX(EXPN, 502, "EXPN disabled",
        "EXPN is disabled here, usually to keep the members' addresses private."),
    CTX(EXPN, 504, "EXPN argument not supported",
        "The server does not support EXPN with this kind of argument."),
    CTX(EXPN, 550, "no such list",
        "No such mailing list here, or the server will not say."),
    CTX(EXPN, 5, "list not expanded",
        "The server does not expand this list."),

    /* HELP */
    CTX(HELP, 211, "system status",
        "System status or help, written for a human reader."),
    CTX(HELP, 214, "help text",
        "Help text for a human reader; it often lists the commands the server knows. Programs "
        "should not depend on it."),
    CTX(HELP, 502, "HELP not implemented",
        "HELP is not implemented here."),
    CTX(HELP, 504, "no help on this topic",
        "The server has no help for this topic."),

    /* NOOP */
    CTX(NOOP, 250, "OK: nothing done",
        "OK: nothing happened, and any transaction stays as it was. The connection is alive."),

    /* QUIT */
    CTX(QUIT, 221, "goodbye: connection closing",
        "The server says goodbye and closes the TCP connection. The session is over; a "
        "message that did not get 250 after its \".\" line is not sent."),

    /* AUTH */
    CTX_RFC(AUTH, 235, "RFC 4954 §6", "login succeeded",
            "Authenticated: the login succeeded. The client can now send mail as this user, "
            "usually with MAIL FROM next."),
    CTX_RFC(AUTH, 334, "RFC 4954 §4", "challenge: send the next Base64 line",
            "A Base64 challenge from the server (it may be empty). The client answers with one "
            "Base64 line, or \"*\" to cancel. For LOGIN the challenges decode to \"Username:\" "
            "and \"Password:\"."),
    CTX_RFC(AUTH, 432, "RFC 4954 §6", "password transition needed",
            "A password transition is needed: the user must first move to this mechanism, "
            "typically by logging in once with PLAIN."),
    CTX_RFC(AUTH, 454, "RFC 4954 §6", "temporary login failure",
            "Temporary authentication failure, for example the user database cannot be "
            "reached. The client should try again later."),
    CTX_RFC(AUTH, 500, "RFC 4954 §6", "AUTH line too long, or AUTH unknown",
            "Either the server does not know AUTH, or an authentication line was too long "
            "(enhanced code 5.5.6)."),
    CTX_RFC(AUTH, 501, "RFC 4954 §4", "syntax error in AUTH",
            "Syntax error in the AUTH arguments, for example bad Base64 in the initial "
            "response. This login attempt is over; the client may start a new one."),
    CTX(AUTH, 502, "AUTH not available",
        "AUTH is not available here. Check the EHLO reply: the server may offer AUTH only "
        "after STARTTLS."),
    CTX_RFC(AUTH, 503, "RFC 4954 §4", "AUTH not allowed now",
            "Wrong order: the client is already logged in, or AUTH was sent during a mail "
            "transaction."),
    CTX_RFC(AUTH, 504, "RFC 4954 §4", "mechanism not supported",
            "The server does not support this SASL mechanism. The client should choose one "
            "from the EHLO AUTH line."),
    CTX_RFC(AUTH, 530, "RFC 3207 §4", "STARTTLS first",
            "The server wants TLS first: the client should send STARTTLS, then EHLO, then AUTH "
            "again."),
    CTX_RFC(AUTH, 534, "RFC 4954 §6", "mechanism too weak",
            "This mechanism is too weak for this user by server policy. The client should try "
            "a stronger one."),
    CTX_RFC(AUTH, 535, "RFC 4954 §6", "login failed: invalid credentials",
            "This login attempt failed: the server did not accept the credentials sent. The "
            "client should ask the user for them again; a new attempt can succeed."),
    CTX_RFC(AUTH, 538, "RFC 4954 §6", "mechanism needs encryption",
            "This mechanism is allowed only on an encrypted connection. The client should use "
            "STARTTLS first."),
    CTX_RFC(AUTH, 2, "RFC 4954 §4", "login succeeded",
            "The login succeeded."),
    CTX_RFC(AUTH, 3, "RFC 4954 §4", "challenge: send the next Base64 line",
            "The exchange continues: the client sends the next Base64 line."),
    CTX_RFC(AUTH, 4, "RFC 4954 §4", "login failed for now",
            "The login failed for a temporary reason. Try again later."),
    CTX_RFC(AUTH, 5, "RFC 4954 §4", "login failed",
            "This login attempt failed, and the client is not authenticated. The client may "
            "start a new attempt with AUTH."),

    /* SASL answer lines (after 334) */
    CTX_RFC(SASL, 235, "RFC 4954 §6", "login succeeded",
            "Authenticated: the credentials in the Base64 lines are accepted. The client can "
            "now send MAIL FROM."),
    CTX_RFC(SASL, 334, "RFC 4954 §4", "next challenge: send another Base64 line",
            "One more challenge: the exchange continues. The client sends the next Base64 "
            "line, for example the password after the user name for LOGIN."),
    CTX_RFC(SASL, 432, "RFC 4954 §6", "password transition needed",
            "A password transition is needed: typically the user logs in once with PLAIN first."),
    CTX_RFC(SASL, 454, "RFC 4954 §6", "temporary login failure",
            "Temporary authentication failure. The client should try again later."),
    CTX_RFC(SASL, 500, "RFC 4954 §6", "authentication line too long",
            "The authentication line was too long for the server (enhanced code 5.5.6)."),
    CTX_RFC(SASL, 501, "RFC 4954 §4", "login cancelled or bad Base64",
            "The client cancelled with \"*\", or the server could not decode the Base64 line. "
            "This login attempt is over; the client may try AUTH again."),
    CTX_RFC(SASL, 534, "RFC 4954 §6", "mechanism too weak",
            "This mechanism is too weak for this user. Try a stronger one."),
    CTX_RFC(SASL, 535, "RFC 4954 §6", "login failed: invalid credentials",
            "This login attempt failed: the server did not accept the credentials (with PLAIN and "
            "LOGIN the user name and password sent in Base64, with CRAM-MD5 or SCRAM a value "
            "computed from the password). A new attempt, with AUTH again, can succeed."),
    CTX_RFC(SASL, 538, "RFC 4954 §6", "mechanism needs encryption",
            "This mechanism is allowed only on an encrypted connection. The client should use "
            "STARTTLS first."),
    CTX_RFC(SASL, 2, "RFC 4954 §4", "login succeeded",
            "The login succeeded."),
    CTX_RFC(SASL, 3, "RFC 4954 §4", "next challenge: send another Base64 line",
            "The exchange continues: the client sends the next Base64 line."),
    CTX_RFC(SASL, 4, "RFC 4954 §4", "login failed for now",
            "The login failed for a temporary reason. Try again later."),
    CTX_RFC(SASL, 5, "RFC 4954 §4", "login failed",
            "This login attempt failed, and the client is not authenticated. The client may "
            "start a new attempt with AUTH."),

    /* STARTTLS */
    CTX_RFC(STARTTLS, 220, "RFC 3207 §4.2", "start TLS now",
            "Start the TLS handshake now; everything after it is encrypted. Both sides forget "
            "what they learned before TLS, so the client should send EHLO again first."),
    CTX(STARTTLS, 454, "TLS not available now",
        "TLS is not available now, for a temporary reason. The client may try later, or go on "
        "without encryption only if its policy allows that."),
    CTX(STARTTLS, 501, "syntax error: STARTTLS takes no argument",
        "Syntax error: STARTTLS takes no argument."),
    CTX(STARTTLS, 4, "TLS not available now",
        "TLS cannot start now. The connection stays unencrypted."),
    CTX(STARTTLS, 5, "STARTTLS refused",
        "STARTTLS is refused; the connection stays unencrypted. A careful client stops here "
        "instead of sending passwords or mail in clear text."),

    /* BDAT */
    CTX(BDAT, 250, "chunk accepted",
        "Chunk accepted. The client sends the next chunk, or the chunk marked LAST."),
    CTX(BDAT, 421, "closing: try again later",
        "The server closes the connection. The client keeps the message and tries again later."),
    CTX(BDAT, 451, "transaction failed for now",
        "A local error: the transaction failed for now. The client sends no more chunks and "
        "tries again later."),
    CTX(BDAT, 503, "BDAT not allowed now (wrong order)",
        "Wrong order: BDAT is allowed only after MAIL FROM and an accepted RCPT TO."),
    CTX(BDAT, 552, "message too large",
        "The message is too large. The client sends no more chunks for it."),
    CTX(BDAT, 554, "transaction failed",
        "Transaction failed. The client must not send more chunks for this message."),
    CTX(BDAT, 2, "chunk accepted",
        "The chunk is accepted."),
    CTX(BDAT, 4, "chunk refused for now",
        "The chunk is refused for now, and the transaction has failed. The client sends no "
        "more chunks and tries again later."),
    CTX(BDAT, 5, "chunk refused, transaction failed",
        "The chunk is refused, and the transaction has failed. The client must not send more "
        "chunks for this message."),

    /* ETRN (RFC 1985) */
    CTX(ETRN, 250, "queue run started",
        "OK: delivery of the mail queued for this node has started. It comes on a separate, "
        "new connection."),
    CTX(ETRN, 251, "no messages waiting",
        "OK, but no messages are waiting for this node."),
    CTX(ETRN, 252, "pending messages: delivery started",
        "OK: delivery of the pending messages for this node has started."),
    CTX(ETRN, 253, "pending messages counted: delivery started",
        "OK: the reply says how many messages are pending; their delivery has started."),
    CTX(ETRN, 458, "cannot start the queue now",
        "The server cannot start the queue for this node now. Try again later."),
    CTX(ETRN, 459, "node not allowed",
        "This node is not allowed to use ETRN here; the reply gives the reason."),
    CTX(ETRN, 500, "syntax error in ETRN",
        "Syntax error in the ETRN command."),
    CTX(ETRN, 501, "syntax error in the node name",
        "Syntax error in the ETRN argument (the node name)."),
    CTX(ETRN, 5, "ETRN refused",
        "ETRN is refused or not supported here."),

    /* ATRN (RFC 2645) */
    CTX(ATRN, 250, "roles swap now",
        "OK: the roles swap now on this connection. The client acts as the server and sends a "
        "220 greeting; then the queued mail arrives."),
    CTX(ATRN, 450, "ATRN refused for now",
        "The ATRN request is refused for now. Try again later."),
    CTX(ATRN, 451, "ATRN failed for now",
        "The server cannot process ATRN now. Try again later."),
    CTX(ATRN, 453, "no mail waiting",
        "You have no mail: nothing is queued for these domains."),
    CTX(ATRN, 502, "ATRN not implemented",
        "ATRN is not implemented here."),
    CTX(ATRN, 530, "log in first",
        "Authentication required: the client must log in with AUTH before ATRN."),
    CTX(ATRN, 5, "ATRN refused",
        "ATRN is refused."),

    /* Obsolete RFC 821 commands */
    CTX(TURN, 250, "roles swap now",
        "OK: an old RFC 821 server swaps roles now and becomes the client."),
    CTX(TURN, 502, "TURN not implemented",
        "Not implemented: modern servers do not support TURN, because anyone could use it to "
        "collect another domain's mail."),
    CTX(TURN, 5, "TURN refused",
        "TURN is refused or unknown. RFC 5321 dropped it."),
    CTX(SEND, 502, "SEND not implemented",
        "Not implemented: modern servers do not support SEND."),
    CTX(SEND, 5, "SEND refused",
        "SEND is refused or unknown. RFC 5321 dropped it."),
    CTX(SOML, 502, "SOML not implemented",
        "Not implemented: modern servers do not support SOML."),
    CTX(SOML, 5, "SOML refused",
        "SOML is refused or unknown. RFC 5321 dropped it."),
    CTX(SAML, 502, "SAML not implemented",
        "Not implemented: modern servers do not support SAML."),
    CTX(SAML, 5, "SAML refused",
        "SAML is refused or unknown. RFC 5321 dropped it."),

    /* LHLO (LMTP) */
    CTX(LHLO, 250, "hello accepted (LMTP)",
        "Hello accepted: as with EHLO, the lines after the first list the extensions. After "
        "the final \".\", an LMTP server answers once for each accepted recipient."),
    CTX(LHLO, 5, "LMTP hello refused",
        "The LMTP greeting failed."),
};

#undef CTX
#undef CTX_RFC

/* ------------------------------------------------------------------------
 * Enhanced status codes: class, subject, and the IANA registry
 * (RFC 3463, RFC 5248 and later registrations).
 * ------------------------------------------------------------------------ */

static const mt_smtp_digit_info smtp_enhanced_classes[] = {
    { 2, "RFC 3463 §2", MT_T("Success"),
      MT_T("The action succeeded. The detail may still report a change, such as a "
           "conversion.") },
    { 4, "RFC 3463 §2", MT_T("Persistent Transient Failure"),
      MT_T("The request is valid, but a temporary condition stopped it. Sending it "
           "again later may work.") },
    { 5, "RFC 3463 §2", MT_T("Permanent Failure"),
      MT_T("Sending the same request again unchanged is not likely to work: something must "
           "change first, such as the message, the address or the credentials.") },
};

static const mt_smtp_digit_info smtp_enhanced_subjects[] = {
    { 0, "RFC 3463 §2", MT_T("Other or Undefined Status"),
      MT_T("No more information about what the status concerns.") },
    { 1, "RFC 3463 §2", MT_T("Addressing Status"),
      MT_T("The status concerns an address, of the sender or of a recipient: its syntax or "
           "whether it is valid.") },
    { 2, "RFC 3463 §2", MT_T("Mailbox Status"),
      MT_T("The status concerns the recipient's mailbox, for example whether it is full or "
           "disabled.") },
    { 3, "RFC 3463 §2", MT_T("Mail System Status"),
      MT_T("The status concerns the receiving mail system, for example its storage or its "
           "size limit.") },
    { 4, "RFC 3463 §2", MT_T("Network and Routing Status"),
      MT_T("The status concerns the network or routing: DNS, connections or loops.") },
    { 5, "RFC 3463 §2", MT_T("Mail Delivery Protocol Status"),
      MT_T("The status concerns the mail protocol itself: commands, syntax or order.") },
    { 6, "RFC 3463 §2", MT_T("Message Content or Media Status"),
      MT_T("The status concerns the message content: its format, encoding or conversion.") },
    { 7, "RFC 3463 §2", MT_T("Security or Policy Status"),
      MT_T("The status concerns security or policy: permission, authentication, encryption "
           "or anti-spam checks.") },
};

#define ESC(s, d, rfc, name, text) { (s), (d), (rfc), MT_T(name), MT_T(text) }

static const mt_smtp_enhanced_info smtp_enhanced[] = {
    ESC(0, 0, "RFC 3463 §3.1", "Other undefined Status",
        "Only the class (success, temporary or permanent) is known; there is no detail."),

    ESC(1, 0, "RFC 3463 §3.2", "Other address status",
        "Something about an address in the envelope caused this status."),
    ESC(1, 1, "RFC 3463 §3.2", "Bad destination mailbox address",
        "The recipient mailbox does not exist: the part before \"@\" is wrong."),
    ESC(1, 2, "RFC 3463 §3.2", "Bad destination system address",
        "The recipient's domain (the part after \"@\") does not exist or cannot receive mail."),
    ESC(1, 3, "RFC 3463 §3.2", "Bad destination mailbox address syntax",
        "The recipient address is not written correctly."),
    ESC(1, 4, "RFC 3463 §3.2", "Destination mailbox address ambiguous",
        "The recipient address matches more than one mailbox on the destination system."),
    ESC(1, 5, "RFC 3463 §3.2", "Destination address valid",
        "The recipient address is valid; this is used in success replies."),
    ESC(1, 6, "RFC 3463 §3.2", "Destination mailbox has moved, No forwarding address",
        "The mailbox existed once but accepts no more mail, and there is no new address."),
    ESC(1, 7, "RFC 3463 §3.2", "Bad sender's mailbox address syntax",
        "The envelope sender address (MAIL FROM) is not written correctly."),
    ESC(1, 8, "RFC 3463 §3.2", "Bad sender's system address",
        "The sender's domain does not exist or cannot receive replies and bounces."),
    ESC(1, 9, "RFC 3886", "Message relayed to non-compliant mailer",
        "The address was valid, but the message went on to a system that cannot report "
        "further status."),
    ESC(1, 10, "RFC 7505", "Recipient address has null MX",
        "The recipient's domain publishes a \"null MX\" record: it accepts no mail at all."),

    ESC(2, 0, "RFC 3463 §3.3", "Other or undefined mailbox status",
        "The mailbox exists, but something about it caused this status."),
    ESC(2, 1, "RFC 3463 §3.3", "Mailbox disabled, not accepting messages",
        "The mailbox exists but does not accept messages now, for example a closed account."),
    ESC(2, 2, "RFC 3463 §3.3", "Mailbox full",
        "The recipient's mailbox is over its quota; it can accept mail again after the "
        "owner deletes some."),
    ESC(2, 3, "RFC 3463 §3.3", "Message length exceeds administrative limit",
        "The message is larger than this mailbox's size limit."),
    ESC(2, 4, "RFC 3463 §3.3", "Mailing list expansion problem",
        "The address is a mailing list, and the list could not be expanded."),

    ESC(3, 0, "RFC 3463 §3.4", "Other or undefined mail system status",
        "The destination system normally accepts mail, but something about it caused "
        "this status."),
    ESC(3, 1, "RFC 3463 §3.4", "Mail system full",
        "The mail system's storage is full; the recipient cannot fix this by deleting mail."),
    ESC(3, 2, "RFC 3463 §3.4", "System not accepting network messages",
        "The host accepts no messages now, for example during shutdown, maintenance or "
        "heavy load."),
    ESC(3, 3, "RFC 3463 §3.4", "System not capable of selected features",
        "The destination system does not support a feature this message asks for."),
    ESC(3, 4, "RFC 3463 §3.4", "Message too big for system",
        "The message is larger than the system's size limit for any message."),
    ESC(3, 5, "RFC 3463 §3.4", "System incorrectly configured",
        "The destination system is configured in a way that prevents it from accepting "
        "this message."),
    ESC(3, 6, "RFC 6710", "Requested priority was changed",
        "The message is accepted, but with another priority than the MT-PRIORITY it asked for."),

    ESC(4, 0, "RFC 3463 §3.5", "Other or undefined network or routing status",
        "Something went wrong in the network, but it is not clear what."),
    ESC(4, 1, "RFC 3463 §3.5", "No answer from host",
        "The next mail server did not answer the connection attempt."),
    ESC(4, 2, "RFC 3463 §3.5", "Bad connection",
        "The connection opened, but the transaction could not finish, for example after "
        "a timeout."),
    ESC(4, 3, "RFC 3463 §3.5", "Directory server failure",
        "A directory service, usually DNS, was not available, so the message could not "
        "be routed."),
    ESC(4, 4, "RFC 3463 §3.5", "Unable to route",
        "The mail system found no route (no next hop) for the recipient's domain."),
    ESC(4, 5, "RFC 3463 §3.5", "Mail system congestion",
        "The mail system is too busy to deliver the message now."),
    ESC(4, 6, "RFC 3463 §3.5", "Routing loop detected",
        "The message was forwarded too many times, because of a routing or forwarding loop."),
    ESC(4, 7, "RFC 3463 §3.5", "Delivery time expired",
        "The message waited too long in a queue, so the mail system gave up."),

    ESC(5, 0, "RFC 3463 §3.6", "Other or undefined protocol status",
        "A problem with the SMTP protocol that no more specific code describes."),
    ESC(5, 1, "RFC 3463 §3.6", "Invalid command",
        "The command is out of order or not supported."),
    ESC(5, 2, "RFC 3463 §3.6", "Syntax error",
        "The command could not be understood: wrong syntax or unknown command."),
    ESC(5, 3, "RFC 3463 §3.6", "Too many recipients",
        "The transaction has more recipients than the server accepts; send the rest in "
        "another transaction."),
    ESC(5, 4, "RFC 3463 §3.6", "Invalid command arguments",
        "The command is valid, but an argument is out of range or names an unknown feature."),
    ESC(5, 5, "RFC 3463 §3.6", "Wrong protocol version",
        "Client and server could not agree on a protocol version."),
    ESC(5, 6, "RFC 4954 §6", "Authentication Exchange line is too long",
        "A Base64 line in the AUTH exchange was longer than the server accepts."),

    ESC(6, 0, "RFC 3463 §3.7", "Other or undefined media error",
        "Something about the message content made it undeliverable."),
    ESC(6, 1, "RFC 3463 §3.7", "Media not supported",
        "The message's content type is not supported on the way to the recipient."),
    ESC(6, 2, "RFC 3463 §3.7", "Conversion required and prohibited",
        "The content must be converted for delivery, but conversion is not allowed."),
    ESC(6, 3, "RFC 3463 §3.7", "Conversion required but not supported",
        "The content must be converted, for example from 8-bit to 7-bit, but the system "
        "cannot do it."),
    ESC(6, 4, "RFC 3463 §3.7", "Conversion with loss performed",
        "The message was delivered after a conversion that lost some data."),
    ESC(6, 5, "RFC 3463 §3.7", "Conversion Failed",
        "A needed conversion of the content was tried but did not work."),
    ESC(6, 6, "RFC 4468", "Message content not available",
        "The server could not fetch the message content from the URL given with BURL."),
    ESC(6, 7, "RFC 6531", "Non-ASCII addresses not permitted for that sender/recipient",
        "An address contains non-ASCII characters, but this path does not allow them."),
    ESC(6, 8, "RFC 6531", "UTF-8 string reply is required, but not permitted by the SMTP client",
        "The reply would need UTF-8 text, but the client did not say it can accept UTF-8."),
    ESC(6, 9, "RFC 6531",
        "UTF-8 header message cannot be transferred to one or more recipients",
        "The message has UTF-8 header fields, and the next hop cannot accept them, "
        "so the message is rejected."),
    ESC(6, 10, "RFC 6531", "UTF-8 string reply is required, but not permitted by the SMTP client",
        "A duplicate of X.6.8; the registry marks it deprecated, so servers should send "
        "X.6.8 instead."),

    ESC(7, 0, "RFC 3463 §3.8", "Other or undefined security status",
        "A security or policy problem that no more specific code describes. For example, "
        "454 4.7.0 is a temporary login failure, and 530 5.7.0 means a login is required."),
    ESC(7, 1, "RFC 3463 §3.8", "Delivery not authorized, message refused",
        "The sender is not allowed to send to this recipient, for example because of "
        "filtering or relay rules."),
    ESC(7, 2, "RFC 3463 §3.8", "Mailing list expansion prohibited",
        "The sender is not allowed to send to this mailing list."),
    ESC(7, 3, "RFC 3463 §3.8", "Security conversion required but not possible",
        "Delivery needs a conversion between secure message formats, and it is not possible."),
    ESC(7, 4, "RFC 3463 §3.8", "Security features not supported",
        "The message asks for security features that the delivery path does not support."),
    ESC(7, 5, "RFC 3463 §3.8", "Cryptographic failure",
        "A system could not check or decrypt the message, for example because a key was "
        "missing."),
    ESC(7, 6, "RFC 3463 §3.8", "Cryptographic algorithm not supported",
        "A system could not check or decrypt the message because it lacks the algorithm."),
    ESC(7, 7, "RFC 3463 §3.8", "Message integrity failure",
        "The message was changed or damaged, so its integrity check failed."),
    ESC(7, 8, "RFC 4954 §6", "Authentication credentials invalid",
        "The login failed: wrong user name, password or token."),
    ESC(7, 9, "RFC 4954 §6", "Authentication mechanism is too weak",
        "The chosen SASL mechanism is weaker than this server allows for the user."),
    ESC(7, 10, "RFC 5248", "Encryption Needed",
        "A strong encryption layer such as TLS is needed before this login mechanism can "
        "be used."),
    ESC(7, 11, "RFC 4954 §6", "Encryption required for requested authentication mechanism",
        "This SASL mechanism may be used only on an encrypted connection."),
    ESC(7, 12, "RFC 4954 §6", "A password transition is needed",
        "The user must first move to the chosen mechanism, typically by logging in once with "
        "PLAIN."),
    ESC(7, 13, "RFC 5248", "User Account Disabled",
        "The login was correct, but the account is disabled; only an administrator can fix it."),
    ESC(7, 14, "RFC 5248", "Trust relationship required",
        "The submission server needs a configured trust relationship with another server "
        "to get the message content."),
    ESC(7, 15, "RFC 6710", "Priority Level is too low",
        "The message's MT-PRIORITY is lower than this server accepts now."),
    ESC(7, 16, "RFC 6710", "Message is too big for the specified priority",
        "At this MT-PRIORITY level, the server accepts only smaller messages."),
    ESC(7, 17, "RFC 7293", "Mailbox owner has changed",
        "The mailbox has a new owner since the date given with RRVS, so the message is "
        "not delivered."),
    ESC(7, 18, "RFC 7293", "Domain owner has changed",
        "The recipient's domain has a new owner since the date given with RRVS."),
    ESC(7, 19, "RFC 7293", "RRVS test cannot be completed",
        "The server cannot check the RRVS date, because it did not record the needed time."),
    ESC(7, 20, "RFC 7372", "No passing DKIM signature found",
        "The message has no DKIM signature that verifies, and local policy requires one."),
    ESC(7, 21, "RFC 7372", "No acceptable DKIM signature found",
        "One or more DKIM signatures verify, but none is acceptable under local policy."),
    ESC(7, 22, "RFC 7372", "No valid author-matched DKIM signature found",
        "No valid DKIM signature comes from the domain in the From: header."),
    ESC(7, 23, "RFC 7372", "SPF validation failed",
        "The SPF check failed: the sending host is not allowed to send for the sender's "
        "domain."),
    ESC(7, 24, "RFC 7372", "SPF validation error",
        "The SPF check could not finish because of an error, for example in DNS."),
    ESC(7, 25, "RFC 7372", "Reverse DNS validation failed",
        "The client's IP address failed the reverse DNS check that local policy requires."),
    ESC(7, 26, "RFC 7372", "Multiple authentication checks failed",
        "The message failed more than one authentication check (such as SPF and DKIM)."),
    ESC(7, 27, "RFC 7505", "Sender address has null MX",
        "The sender's domain accepts no mail (null MX), so no bounce could be returned to it."),
    ESC(7, 28, "IANA SMTP Enhanced Status Codes registry", "Mail flood detected",
        "The message looks like part of a flood of similar abusive messages."),
    ESC(7, 29, "RFC 8617", "ARC validation failure",
        "The message's ARC chain (Authenticated Received Chain) failed validation."),
    ESC(7, 30, "RFC 8689", "REQUIRETLS support required",
        "The message requires TLS on every hop (REQUIRETLS), but the next hop does not "
        "support it."),
};

#undef ESC

/* What a detail means in a success reply (class 2). RFC 3463 words most
 * details as failures; these are the ones servers send with 2xx, worded
 * as the success they report. Any other detail in a success reply gets
 * its registry name only. */
typedef struct {
    guint8      subject;
    guint16     detail;
    const char *rfc;
    mt_text     explanation;
} mt_smtp_success_detail;

#define OK_ESC(s, d, rfc, text) { (s), (d), (rfc), MT_T(text) }

static const mt_smtp_success_detail smtp_enhanced_success[] = {
    OK_ESC(0, 0, "RFC 3463 §3.1",
           "Success, with no more detail: the action is done."),
    OK_ESC(1, 0, "RFC 3463 §3.2",
           "Success concerning an address, with no more detail, for example an accepted "
           "sender."),
    OK_ESC(1, 5, "RFC 3463 §3.2",
           "The recipient address is valid: the recipient is accepted."),
    OK_ESC(2, 0, "RFC 3463 §3.3",
           "Success concerning the mailbox, with no more detail."),
    OK_ESC(3, 0, "RFC 3463 §3.4",
           "Success concerning the mail system, with no more detail."),
    OK_ESC(4, 0, "RFC 3463 §3.5",
           "Success concerning the network or routing, with no more detail."),
    OK_ESC(5, 0, "RFC 3463 §3.6",
           "Success concerning the protocol, with no more detail: the command is accepted."),
    OK_ESC(6, 0, "RFC 3463 §3.7",
           "Success concerning the message content, with no more detail, for example an "
           "accepted message."),
    OK_ESC(7, 0, "RFC 4954 §6",
           "Success concerning security or policy, with no more detail. RFC 4954 sends it "
           "with 235 after a successful login."),
};

#undef OK_ESC

/* ------------------------------------------------------------------------
 * EHLO keywords.
 * ------------------------------------------------------------------------ */

#define EXT(kw, flag, param, rfc, name, text) \
    { (kw), (flag), MT_SMTP_EXT_PARAM_##param, (rfc), MT_T(name), MT_T(text) }

static const mt_smtp_ext_info smtp_extensions[] = {
    EXT("PIPELINING", MT_SMTP_EXT_PIPELINING, NONE, "RFC 2920", "Command pipelining",
        "The client may send several commands, such as MAIL, RCPT and DATA, without "
        "waiting for each reply. The replies still come back in order, one per command."),
    EXT("SIZE", MT_SMTP_EXT_SIZE, SIZE, "RFC 1870", "Message size declaration",
        "The number is the largest message size in octets this server accepts (0 means no "
        "fixed limit). The client can declare a size with SIZE= on MAIL FROM."),
    EXT("8BITMIME", MT_SMTP_EXT_8BITMIME, NONE, "RFC 6152", "8-bit MIME transport",
        "The server accepts message text with 8-bit bytes when MAIL FROM has BODY=8BITMIME. "
        "If it is missing, the client must send only 7-bit text (for example Base64 or "
        "quoted-printable)."),
    EXT("STARTTLS", MT_SMTP_EXT_STARTTLS, NONE, "RFC 3207", "TLS encryption available",
        "The server can switch this connection to TLS with the STARTTLS command. "
        "If the client does not use it, mail and passwords cross the network in clear text."),
    EXT("AUTH", MT_SMTP_EXT_AUTH, MECHS, "RFC 4954", "Authentication (SASL login)",
        "The server accepts the AUTH command. The words after AUTH are the SASL mechanisms "
        "it offers, for example PLAIN and LOGIN."),
    EXT("ENHANCEDSTATUSCODES", MT_SMTP_EXT_ENHANCEDSTATUS, NONE, "RFC 2034",
        "Enhanced status codes",
        "The server puts an enhanced status code such as 5.1.1 after the reply code "
        "(RFC 3463). It tells the status more precisely than the three digits."),
    EXT("DSN", MT_SMTP_EXT_DSN, NONE, "RFC 3461", "Delivery status notifications",
        "The client can ask for success, failure or delay reports with the NOTIFY=, RET=, "
        "ENVID= and ORCPT= parameters."),
    EXT("CHUNKING", MT_SMTP_EXT_CHUNKING, NONE, "RFC 3030", "Chunking: the message may be sent in BDAT chunks",
        "The server accepts BDAT, which sends the message in chunks of an exact size "
        "instead of DATA and the \".\" line."),
    EXT("BINARYMIME", MT_SMTP_EXT_BINARYMIME, NONE, "RFC 3030", "Binary MIME",
        "The server accepts binary message content (BODY=BINARYMIME). Such a message must "
        "be sent with BDAT, not DATA."),
    EXT("SMTPUTF8", MT_SMTP_EXT_SMTPUTF8, NONE, "RFC 6531", "Internationalized email",
        "The server accepts UTF-8, for example Chinese or Japanese characters, in addresses "
        "and header fields when MAIL FROM carries SMTPUTF8."),
    EXT("VRFY", MT_SMTP_EXT_VRFY, NONE, "RFC 5321 §4.1.1.6", "Address verification with VRFY",
        "The server lists VRFY as supported. That does not mean it answers truthfully: "
        "many servers answer 252 to every name."),
    EXT("EXPN", 0, NONE, "RFC 5321 §4.1.1.7", "EXPN command",
        "The server lists EXPN as supported: it may show the members of a mailing list."),
    EXT("HELP", 0, NONE, "RFC 5321 §4.1.1.8", "HELP command",
        "The server gives help text for human readers with the HELP command."),
    EXT("ETRN", MT_SMTP_EXT_ETRN, NONE, "RFC 1985", "Remote queue starting",
        "A client can ask with ETRN that the mail queued for its domain be sent now, "
        "on a new connection."),
    EXT("ATRN", 0, NONE, "RFC 2645", "Authenticated turn (On-Demand Mail Relay)",
        "After AUTH, a client can ask with ATRN to swap roles and receive its queued mail "
        "on this connection."),
    EXT("DELIVERBY", 0, OTHER, "RFC 2852", "Deliver by a time limit",
        "The client can ask that a message be delivered within a time (BY= on MAIL FROM). "
        "The number is the shortest time in seconds the server accepts."),
    EXT("REQUIRETLS", 0, NONE, "RFC 8689", "Require TLS on every hop",
        "The client can mark a message with REQUIRETLS on MAIL FROM. Every later hop must "
        "then use verified TLS, or the message is returned instead of being sent in clear "
        "text."),
    EXT("MT-PRIORITY", 0, OTHER, "RFC 6710", "Message transfer priority",
        "The server supports priorities from -9 to 9 (MT-PRIORITY= on MAIL FROM). "
        "The word after the keyword names the priority policy."),
    EXT("FUTURERELEASE", 0, OTHER, "RFC 4865", "Future message release",
        "The client can ask the server to hold a message and release it later (HOLDFOR= or "
        "HOLDUNTIL=). The numbers give the longest hold time and the latest date."),
    EXT("NO-SOLICITING", 0, OTHER, "RFC 3865", "No soliciting",
        "The server lists the solicitation keywords it refuses; a client marks a message "
        "with SOLICIT= on MAIL FROM. It is rarely used."),
    EXT("BURL", 0, OTHER, "RFC 4468", "Message from a URL (BURL)",
        "The client can build the message from an IMAP URL with the BURL command, instead "
        "of uploading the content again. It is used on submission servers."),
    EXT("CHECKPOINT", 0, NONE, "RFC 1845", "Checkpoint and restart",
        "The client can name a transaction (TRANSID=) and resume an interrupted transfer "
        "later. It is experimental and rarely seen."),
    EXT("CONNEG", 0, NONE, "RFC 4141", "Content conversion permission",
        "The server can tell which message formats the recipient accepts, for example for "
        "fax delivery. It is rarely seen."),
    EXT("RRVS", 0, NONE, "RFC 7293", "Require recipient valid since",
        "The client can ask that a recipient be refused if the mailbox got a new owner after "
        "a given date (RRVS= on RCPT TO)."),
    EXT("SUBMITTER", 0, NONE, "RFC 4405", "Responsible submitter",
        "The client can name the responsible submitter (SUBMITTER= on MAIL FROM) for Sender "
        "ID checks. Sender ID is historic, so this is rarely seen."),
    EXT("LIMITS", 0, OTHER, "RFC 9422", "Server limits",
        "The server announces limits, such as RCPTMAX (recipients per transaction) and "
        "MAILMAX (transactions per connection), so the client can stay within them."),
    EXT("UTF8SMTP", 0, NONE, "RFC 5336", "Old internationalized email (obsolete)",
        "An older, experimental form of SMTPUTF8 that RFC 6531 replaced. "
        "It shows an old server."),
    EXT("XCLIENT", 0, OTHER, "Postfix (non-standard)", "Postfix XCLIENT",
        "Non-standard, from Postfix: a trusted proxy or filter tells the server the original "
        "client's name and address. Only trusted hosts may use it."),
    EXT("XFORWARD", 0, OTHER, "Postfix (non-standard)", "Postfix XFORWARD",
        "Non-standard, from Postfix: a content filter passes on the original client's details "
        "for logging, not for access control."),
    EXT("X-EXPS", 0, MECHS, "Microsoft Exchange (non-standard)", "Exchange server login",
        "Non-standard, from Microsoft Exchange: a login between Exchange servers. "
        "The words after it are the mechanisms, such as GSSAPI or NTLM."),
    EXT("XEXCH50", 0, NONE, "Microsoft Exchange (non-standard)", "Exchange message properties",
        "Non-standard, from Microsoft Exchange: Exchange servers pass their own message "
        "properties to each other in binary form."),
    EXT("X-LINK2STATE", 0, NONE, "Microsoft Exchange (non-standard)", "Exchange link state",
        "Non-standard, from Microsoft Exchange 2000 and 2003: servers exchange routing "
        "information. It shows an old Exchange server."),
    EXT("AUTH=", MT_SMTP_EXT_AUTH, MECHS, "Netscape/Outlook (non-standard, pre-RFC 2554)",
        "Old form of the AUTH line",
        "Non-standard: some servers repeat the AUTH line as \"AUTH=LOGIN PLAIN\" for old "
        "Netscape and Outlook clients. The mechanisms mean the same as in the AUTH line."),
};

#undef EXT

/* ------------------------------------------------------------------------
 * MAIL FROM / RCPT TO parameters.
 * ------------------------------------------------------------------------ */

#define PARAM(kw, needs, rfc, text) { (kw), (needs), (rfc), MT_T(text) }

static const mt_smtp_param_info smtp_params[] = {
    PARAM("SIZE", MT_SMTP_EXT_SIZE, "RFC 1870",
          "On MAIL FROM: SIZE=n declares the message size in octets, so the server can "
          "refuse a message that is too large before it is sent."),
    PARAM("BODY", MT_SMTP_EXT_8BITMIME, "RFC 6152; RFC 3030",
          "On MAIL FROM: BODY=7BIT, 8BITMIME or BINARYMIME says what kind of body follows. "
          "8BITMIME needs the 8BITMIME extension; BINARYMIME needs BINARYMIME and BDAT."),
    PARAM("SMTPUTF8", MT_SMTP_EXT_SMTPUTF8, "RFC 6531",
          "On MAIL FROM, with no value: this message uses UTF-8 in its addresses or headers. "
          "Only a server that offered SMTPUTF8 may receive it."),
    PARAM("RET", MT_SMTP_EXT_DSN, "RFC 3461 §4.3",
          "On MAIL FROM: RET=FULL or RET=HDRS asks that a failure report return the whole "
          "message or only its headers."),
    PARAM("ENVID", MT_SMTP_EXT_DSN, "RFC 3461 §4.4",
          "On MAIL FROM: ENVID= is an identifier chosen by the sender. It is copied into any "
          "delivery report, so the sender can match the report to the message."),
    PARAM("NOTIFY", MT_SMTP_EXT_DSN, "RFC 3461 §4.1",
          "On RCPT TO: NOTIFY=NEVER, or a list of SUCCESS, FAILURE and DELAY, says which "
          "delivery reports the sender wants for this recipient."),
    PARAM("ORCPT", MT_SMTP_EXT_DSN, "RFC 3461 §4.2",
          "On RCPT TO: ORCPT= gives the original recipient address as type;address, for "
          "example rfc822;bob@example.com, for reports after forwarding."),
    PARAM("AUTH", MT_SMTP_EXT_AUTH, "RFC 4954 §5",
          "On MAIL FROM: AUTH=<mailbox> names the authenticated submitter, passed between "
          "trusted servers. AUTH=<> means the submitter is not known."),
    PARAM("BY", 0, "RFC 2852",
          "On MAIL FROM: BY=seconds;R or BY=seconds;N (DELIVERBY) asks for delivery within "
          "that time; if that fails, return the message (R) or only notify the sender (N)."),
    PARAM("REQUIRETLS", 0, "RFC 8689",
          "On MAIL FROM, with no value: every later hop must use verified TLS, or the "
          "message is returned instead of being sent in clear text."),
    PARAM("MT-PRIORITY", 0, "RFC 6710",
          "On MAIL FROM: MT-PRIORITY=n, from -9 (lowest) to 9 (highest), gives the message's "
          "priority for transfer."),
    PARAM("HOLDFOR", 0, "RFC 4865",
          "On MAIL FROM: HOLDFOR=seconds (FUTURERELEASE) asks the server to hold the message "
          "and release it for delivery after this many seconds."),
    PARAM("HOLDUNTIL", 0, "RFC 4865",
          "On MAIL FROM: HOLDUNTIL=date-time (FUTURERELEASE) asks the server to hold the "
          "message until that time."),
    PARAM("RRVS", 0, "RFC 7293",
          "On RCPT TO: RRVS=date-time asks for delivery only if this mailbox has had the same "
          "owner since then, so mail does not reach a new owner of a reused address."),
    PARAM("SOLICIT", 0, "RFC 3865",
          "On MAIL FROM: SOLICIT= marks the message as a solicitation of the named classes, "
          "so a server that refuses them can say no."),
    PARAM("SUBMITTER", 0, "RFC 4405",
          "On MAIL FROM: SUBMITTER=mailbox names the responsible submitter for Sender ID "
          "checks. Sender ID is historic."),
    PARAM("TRANSID", 0, "RFC 1845",
          "On MAIL FROM: TRANSID= (CHECKPOINT) names the transaction so that an interrupted "
          "transfer can resume later."),
};

#undef PARAM

/* ------------------------------------------------------------------------
 * Lookups.
 * ------------------------------------------------------------------------ */

const mt_smtp_command_info *
mt_smtp_command_lookup(const guint8 *verb, gsize len)
{
    /* the table is in enum order: the rows before the pseudo commands
     * (whose labels are not words a client sends) are the real ones */
    return mt_table_find(smtp_commands, MT_SMTP_CMD_CONNECT - 1, sizeof(smtp_commands[0]),
                         offsetof(mt_smtp_command_info, verb), verb, len, MT_SMTP_MAX_KEYWORD);
}

const mt_smtp_command_info *
mt_smtp_command_get(mt_smtp_cmd id)
{
    const mt_smtp_command_info *c;

    if ((guint)id == MT_SMTP_CMD_UNKNOWN || (guint)id >= MT_SMTP_CMD_COUNT)
        return NULL;
    /* row id - 1; a table out of enum order shows as a missing row in the tests */
    c = &smtp_commands[(guint)id - 1];
    return c->id == id ? c : NULL;
}

const mt_smtp_reply_info *
mt_smtp_reply_lookup(guint code)
{
    gsize lo = 0, hi = G_N_ELEMENTS(smtp_replies);

    while (lo < hi) {
        gsize mid = lo + (hi - lo) / 2;

        if (smtp_replies[mid].code == code)
            return &smtp_replies[mid];
        if (smtp_replies[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const mt_smtp_reply_context *
context_find(mt_smtp_cmd cmd, guint code)
{
    gsize i;

    for (i = 0; i < G_N_ELEMENTS(smtp_contexts); i++) {
        if (smtp_contexts[i].cmd == cmd && smtp_contexts[i].code == code)
            return &smtp_contexts[i];
    }
    return NULL;
}

const mt_smtp_reply_context *
mt_smtp_reply_context_find(mt_smtp_cmd cmd, guint code)
{
    const mt_smtp_reply_context *c;

    if ((guint)cmd >= MT_SMTP_CMD_COUNT)
        return NULL;
    /* a bare class digit asks for the class row directly */
    if (code >= 1 && code <= 5)
        return context_find(cmd, code);
    if (code < 100 || code > 599)
        return NULL;
    c = context_find(cmd, code);
    if (c == NULL)
        c = context_find(cmd, code / 100);
    return c;
}

const mt_text *
mt_smtp_reply_context_lookup(mt_smtp_cmd cmd, guint code)
{
    const mt_smtp_reply_context *c = mt_smtp_reply_context_find(cmd, code);

    return c ? &c->meaning : NULL;
}

static const mt_smtp_digit_info *
digit_find(const mt_smtp_digit_info *table, gsize n, guint value)
{
    gsize i;

    for (i = 0; i < n; i++) {
        if (table[i].value == value)
            return &table[i];
    }
    return NULL;
}

const mt_smtp_digit_info *
mt_smtp_reply_class_lookup(guint first_digit)
{
    return digit_find(smtp_reply_classes, G_N_ELEMENTS(smtp_reply_classes), first_digit);
}

const mt_smtp_digit_info *
mt_smtp_reply_category_lookup(guint second_digit)
{
    return digit_find(smtp_reply_categories, G_N_ELEMENTS(smtp_reply_categories),
                      second_digit);
}

const mt_smtp_digit_info *
mt_smtp_enhanced_class_lookup(guint klass)
{
    return digit_find(smtp_enhanced_classes, G_N_ELEMENTS(smtp_enhanced_classes), klass);
}

const mt_smtp_digit_info *
mt_smtp_enhanced_subject_lookup(guint subject)
{
    return digit_find(smtp_enhanced_subjects, G_N_ELEMENTS(smtp_enhanced_subjects), subject);
}

const mt_smtp_enhanced_info *
mt_smtp_enhanced_lookup(guint subject, guint detail)
{
    gsize i;

    for (i = 0; i < G_N_ELEMENTS(smtp_enhanced); i++) {
        if (smtp_enhanced[i].subject == subject && smtp_enhanced[i].detail == detail)
            return &smtp_enhanced[i];
    }
    return NULL;
}

const mt_text *
mt_smtp_enhanced_meaning(guint klass, guint subject, guint detail, const char **rfc)
{
    const mt_smtp_enhanced_info *e;
    gsize i;

    if (rfc)
        *rfc = NULL;
    if (klass == 2) {
        for (i = 0; i < G_N_ELEMENTS(smtp_enhanced_success); i++) {
            if (smtp_enhanced_success[i].subject == subject
                && smtp_enhanced_success[i].detail == detail) {
                if (rfc)
                    *rfc = smtp_enhanced_success[i].rfc;
                return &smtp_enhanced_success[i].explanation;
            }
        }
        return NULL;
    }
    if (klass != 4 && klass != 5)
        return NULL;
    e = mt_smtp_enhanced_lookup(subject, detail);
    if (e && rfc)
        *rfc = e->rfc;
    return e ? &e->explanation : NULL;
}

/* EHLO keywords match exactly (ignoring case). A table keyword that ends in
 * "=" (the pre-standard "AUTH=LOGIN PLAIN" form) also matches an input that
 * starts with it, so "AUTH=LOGIN" finds the "AUTH=" row. */
const mt_smtp_ext_info *
mt_smtp_ext_lookup(const guint8 *kw, gsize len)
{
    gsize i;

    if (kw == NULL || len == 0 || len > MT_SMTP_MAX_KEYWORD)
        return NULL;
    for (i = 0; i < G_N_ELEMENTS(smtp_extensions); i++) {
        if (mt_ci_eq(kw, len, smtp_extensions[i].keyword))
            return &smtp_extensions[i];
    }
    for (i = 0; i < G_N_ELEMENTS(smtp_extensions); i++) {
        const char *k = smtp_extensions[i].keyword;
        gsize klen = strlen(k);

        if (klen > 0 && k[klen - 1] == '=' && len > klen && mt_ci_eq(kw, klen, k))
            return &smtp_extensions[i];
    }
    return NULL;
}

const mt_smtp_param_info *
mt_smtp_param_lookup(const guint8 *kw, gsize len)
{
    return MT_TABLE_FIND(smtp_params, mt_smtp_param_info, keyword, kw, len, MT_SMTP_MAX_KEYWORD);
}

/* ------------------------------------------------------------------------
 * Whole tables.
 * ------------------------------------------------------------------------ */

#define TABLE_GETTER(fn, type, table)     \
    const type *                          \
    fn(gsize *n)                          \
    {                                     \
        if (n != NULL)                    \
            *n = G_N_ELEMENTS(table);     \
        return table;                     \
    }

TABLE_GETTER(mt_smtp_commands, mt_smtp_command_info, smtp_commands)
TABLE_GETTER(mt_smtp_replies, mt_smtp_reply_info, smtp_replies)
TABLE_GETTER(mt_smtp_reply_contexts, mt_smtp_reply_context, smtp_contexts)
TABLE_GETTER(mt_smtp_enhanced_codes, mt_smtp_enhanced_info, smtp_enhanced)
TABLE_GETTER(mt_smtp_extensions, mt_smtp_ext_info, smtp_extensions)
TABLE_GETTER(mt_smtp_params, mt_smtp_param_info, smtp_params)

#undef TABLE_GETTER
