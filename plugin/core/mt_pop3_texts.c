/* mt_pop3_texts.c - session-level teaching texts for POP3
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_pop3_texts.h"

static const mt_text stages[MT_POP3_ST_COUNT] = {
    [MT_POP3_ST_UNKNOWN]       = MT_T("Unknown: the capture started in the middle of the session"),
    [MT_POP3_ST_CONNECTED]     = MT_T("Connected: waiting for the server's greeting"),
    [MT_POP3_ST_AUTHORIZATION] = MT_T("AUTHORIZATION: the client must now identify itself"),
    [MT_POP3_ST_USER_OK]       = MT_T("AUTHORIZATION: user name accepted, the password (PASS) comes next"),
    [MT_POP3_ST_LOGIN_SENT]    = MT_T("AUTHORIZATION: login sent, waiting for the server's verdict"),
    [MT_POP3_ST_SASL]          = MT_T("AUTHORIZATION: SASL authentication exchange in progress"),
    [MT_POP3_ST_TLS]           = MT_T("AUTHORIZATION: switching to TLS; from here on the connection is encrypted"),
    [MT_POP3_ST_TRANSACTION]   = MT_T("TRANSACTION: logged in; the maildrop is locked for this session"),
    [MT_POP3_ST_UPDATE]        = MT_T("UPDATE: QUIT received; the server removes the marked messages, then closes"),
    [MT_POP3_ST_CLOSING]       = MT_T("Closing: QUIT before login; nothing is deleted"),
    [MT_POP3_ST_CLOSED]        = MT_T("Session over: the connection closes"),
    [MT_POP3_ST_REFUSED]       = MT_T("Service refused by the server: the connection closes"),
};

static const mt_text nexts[MT_POP3_N_COUNT] = {
    [MT_POP3_N_NONE]         = MT_T(""),
    [MT_POP3_N_GREETING]     = MT_T("Server: sends its greeting, +OK if it is ready."),
    [MT_POP3_N_LOGIN]        = MT_T("Client: logs in with USER and PASS, APOP or AUTH; it may first ask CAPA, and use STLS to encrypt."),
    [MT_POP3_N_PASS]         = MT_T("Client: sends PASS with the password."),
    [MT_POP3_N_TRANSACTION]  = MT_T("Client: works with the maildrop (STAT, LIST, UIDL, RETR, TOP, DELE, RSET, NOOP), then sends QUIT, which deletes the marked messages."),
    [MT_POP3_N_SASL]         = MT_T("Client: answers the challenge with one Base64 line (or \"*\" to cancel)."),
    [MT_POP3_N_TLS]          = MT_T("Client: starts the TLS handshake at once; inside TLS it should ask CAPA again, then log in."),
    [MT_POP3_N_MORE_LINES]   = MT_T("Server: sends the next line of this response; a line holding only \".\" ends it."),
    [MT_POP3_N_MESSAGE_MORE] = MT_T("Server: goes on with the message until a line holding only \".\"."),
    [MT_POP3_N_RETRY_LOGIN]  = MT_T("Client: tries to log in again (USER/PASS, APOP or AUTH), or ends with QUIT."),
    [MT_POP3_N_RETRY]        = MT_T("Client: corrects the command, tries another one, or ends with QUIT."),
    [MT_POP3_N_CLOSE]        = MT_T("Both sides close the TCP connection."),
    [MT_POP3_N_PIPELINED]    = MT_T("Server: its next response answers the next command that is still waiting (pipelining)."),
    [MT_POP3_N_UNKNOWN]      = MT_T("Unknown: mailteach waits for a line that shows where the session stands."),
};

static const mt_text labels[MT_POP3_L_COUNT] = {
    [MT_POP3_L_COMMAND]      = MT_T("Command"),
    [MT_POP3_L_RESPONSE]     = MT_T("Response"),
    [MT_POP3_L_GREETING]     = MT_T("Greeting"),
    [MT_POP3_L_CHALLENGE]    = MT_T("Server challenge"),
    [MT_POP3_L_SCAN]         = MT_T("Scan listing"),
    [MT_POP3_L_UID]          = MT_T("Unique-id listing"),
    [MT_POP3_L_CAPABILITY]   = MT_T("Capability"),
    [MT_POP3_L_MECHANISM]    = MT_T("SASL mechanism"),
    [MT_POP3_L_LANGUAGE]     = MT_T("Language"),
    [MT_POP3_L_RESPONSE_END] = MT_T("End of the multi-line response"),
    [MT_POP3_L_MESSAGE]      = MT_T("Message text"),
    [MT_POP3_L_MESSAGE_END]  = MT_T("End of message"),
    [MT_POP3_L_DOT_STUFFED]  = MT_T("Dot-stuffed message line"),
    [MT_POP3_L_HEADER_END]   = MT_T("End of the header section"),
    [MT_POP3_L_NOTABLE]      = MT_T("Message line"),
    [MT_POP3_L_SASL]         = MT_T("Authentication answer"),
    [MT_POP3_L_EARLIER]      = MT_T("Text of an earlier response"),
    [MT_POP3_L_UNKNOWN]      = MT_T("Unrecognised line"),
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

static const expl_row expls[MT_POP3_X_COUNT] = {
    X(MT_POP3_X_STATUS_OK,
      "+OK: a positive response; the server did what the command asked (in a greeting: it is "
      "ready).",
      "RFC 1939 §3"),
    X(MT_POP3_X_STATUS_ERR,
      "-ERR: a negative response; the command failed. POP3 has no error numbers: only the text, "
      "and a [code] if there is one, say why.",
      "RFC 1939 §3"),
    X(MT_POP3_X_CONTINUATION,
      "\"+\": the SASL exchange goes on; the server waits for one Base64 line from the client.",
      "RFC 5034 §4"),
    XS(MT_POP3_X_CHALLENGE,
       "The server's challenge, in Base64. For LOGIN it is a prompt (\"VXNlcm5hbWU6\" is "
       "\"Username:\", \"UGFzc3dvcmQ6\" is \"Password:\"); for PLAIN it is empty.",
       "RFC 5034 §4", "challenge: send the next Base64 line"),
    X(MT_POP3_X_RESPONSE_TEXT,
      "Text for humans. Programs act on +OK or -ERR only; the wording differs from server to "
      "server.",
      "RFC 1939 §3"),
    X(MT_POP3_X_RESPONSE_CODE,
      "Extended response code, in square brackets: a reason that programs can read, more "
      "precise than +OK or -ERR.",
      "RFC 2449 §8"),
    X(MT_POP3_X_UNKNOWN_CODE,
      "An extended response code that mailteach does not know; the text after it says more.",
      "RFC 2449 §8"),
    X(MT_POP3_X_MULTILINE,
      "Multi-line response: more lines follow this first line, and a line holding only \".\" "
      "ends them.",
      "RFC 1939 §3"),
    XS(MT_POP3_X_RESPONSE_END,
       "A line holding only \".\" ends the multi-line response. It is not part of the listing.",
       "RFC 1939 §3", "end of the list, {1} lines"),
    XS(MT_POP3_X_MESSAGE,
       "Message text: counted here. Its header fields, MIME parts, boundaries and encodings "
       "are explained one by one in the items that follow.",
       "RFC 1939 §5", "message text, {1} lines"),
    X(MT_POP3_X_MESSAGE_END,
      "A line holding only \".\" ends the message. It is not part of the message.",
      "RFC 1939 §3"),
    X(MT_POP3_X_UNSTUFFED_SIZE,
      "Size of the message as the client stores it: every line with its CR LF, after removing "
      "the dots added by dot-stuffing.",
      "RFC 1939 §11"),
    X(MT_POP3_X_SENT_SIZE,
      "Octets as they crossed the wire: the stuffed dots are counted here, so this is more "
      "than the size of the message itself.",
      "RFC 1939 §3"),
    X(MT_POP3_X_SIZE_MATCH,
      "The received message, without its stuffed dots, has exactly this size.",
      "RFC 1939 §11"),
    X(MT_POP3_X_SIZE_DIFFERS,
      "The received message has another size. RFC 1939 allows it: a server may store line "
      "ends differently from how it sends them.",
      "RFC 1939 §11"),
    X(MT_POP3_X_ANNOUNCED_SIZE,
      "The size the server gives after +OK, in octets. It is free text that RFC 1939 does not "
      "require, and it need not be exact.",
      "RFC 1939 §5"),
    XS(MT_POP3_X_DOT_STUFFED,
       "Dot-stuffing: this line of the message starts with \".\", so the server doubled the "
       "dot; otherwise a line \".\" could end the response early. The client removes one dot.",
       "RFC 1939 §3", "message line {1}: leading dot doubled"),
    XS(MT_POP3_X_HEADER_END,
       "The first empty line of the message ends the header section (From:, To:, Subject: "
       "...). What follows is the body.",
       "RFC 5322 §2.1", "end of the header section: the body follows"),
    XS(MT_POP3_X_SCAN_LISTING,
       "Scan listing: the message number, then the message's size in octets.",
       "RFC 1939 §5", "message {1}: {2} octets"),
    XS(MT_POP3_X_UID_LISTING,
       "Unique-id listing: the message number, then its unique id. The id stays the same in "
       "later sessions; the number may not.",
       "RFC 1939 §7", "message {1}: unique id {2}"),
    X(MT_POP3_X_UID_INVALID,
      "A unique id has 1 to 70 printable characters, with no space.",
      "RFC 1939 §7"),
    X(MT_POP3_X_TOP_LINES,
      "How many lines of the body to send after the header; 0 asks for the header only.",
      "RFC 1939 §7"),
    X(MT_POP3_X_USERNAME,
      "The user name (the owner of the maildrop). It travels in clear text unless TLS protects "
      "the connection.",
      "RFC 1939 §7"),
    X(MT_POP3_X_PASSWORD,
      "The password, in clear text: anyone who captures this line can read it. STLS (or port "
      "995) protects it; APOP does not send it, but SASL PLAIN and LOGIN do, only in Base64.",
      "RFC 1939 §7"),
    X(MT_POP3_X_PASSWORD_TLS,
      "The password. POP3 sends it as plain text, but TLS (started with STLS) encrypts this "
      "connection, so only the server can read it.",
      "RFC 2595 §4"),
    X(MT_POP3_X_APOP_DIGEST,
      "MD5 digest, in 32 hexadecimal digits, of the greeting's timestamp followed by the "
      "shared secret. It proves that the client knows the secret.",
      "RFC 1939 §7"),
    X(MT_POP3_X_TIMESTAMP,
      "APOP timestamp: a string unique to this connection. An APOP client digests it with its "
      "password, so a captured digest is useless in a later session.",
      "RFC 1939 §7"),
    XS(MT_POP3_X_SASL,
       "Answer to the server's \"+\" challenge, in Base64. Base64 is an encoding, not "
       "encryption: anyone who captures it can decode it.",
       "RFC 5034 §4", "answer to the challenge, in Base64"),
    XS(MT_POP3_X_SASL_CANCEL,
       "\"*\" cancels the authentication exchange; the server answers -ERR.",
       "RFC 5034 §4", "cancel the login"),
    X(MT_POP3_X_SASL_INITIAL,
      "Initial response: the first SASL data, sent with AUTH itself to save one round trip. "
      "\"=\" stands for empty data.",
      "RFC 5034 §4"),
    XS(MT_POP3_X_AUTH_LIST,
       "AUTH without a mechanism asks for the list of mechanisms. RFC 5034 does not define "
       "this form; the standard way is the CAPA SASL line.",
       "RFC 2449 §6.3", "ask for the list of SASL mechanisms"),
    XS(MT_POP3_X_UNKNOWN_CMD,
       "Not a POP3 command that mailteach knows. POP3 keywords have three or four letters; "
       "the server answers -ERR.",
       "RFC 1939 §3", "unknown command {1}"),
    XS(MT_POP3_X_UNKNOWN_CAPA,
       "mailteach does not know this capability: the server's own extension, or one not yet "
       "taught here. Registered capabilities never start with X.",
       "RFC 2449 §9", "offers {1}"),
    X(MT_POP3_X_UNKNOWN_MECH,
      "mailteach does not know this SASL mechanism.",
      "RFC 4422 §3.1"),
    XS(MT_POP3_X_EMPTY_LINE,
       "An empty command line: every command starts with a keyword, and this line has none. "
       "The server answers -ERR.",
       "RFC 1939 §3", "empty command line"),
    X(MT_POP3_X_UNMATCHED_RESPONSE,
      "The command this response answers is not in the capture.",
      NULL),
    X(MT_POP3_X_GREETING_MISSED,
      "The server's greeting is not in the capture: the capture started late, so mailteach "
      "guesses where the session stands.",
      "RFC 1939 §4"),
    XS(MT_POP3_X_MAYBE_SASL,
       "Not a command: the capture probably started during an AUTH exchange, so this is likely "
       "a Base64 answer.",
       NULL, "probably a Base64 answer (capture started late)"),
    XS(MT_POP3_X_EARLIER_RESPONSE,
       "Lines of a multi-line response whose first line is not in the capture: message text "
       "or a listing, up to a line \".\".",
       "RFC 1939 §3", "rest of an earlier response, {1} lines"),
    X(MT_POP3_X_PIPELINED,
      "Pipelining: the client sent this command before the previous ones were answered; the "
      "responses come back in the same order.",
      "RFC 2449 §6.6"),
    X(MT_POP3_X_BARE_LF,
      "This line ends with LF alone. POP3 lines end with CR LF; a strict peer does not see a "
      "line end here.",
      "RFC 1939 §3"),
    X(MT_POP3_X_TOO_LONG_CMD,
      "A command line may be at most 255 octets, CR LF included.",
      "RFC 2449 §4"),
    X(MT_POP3_X_TOO_LONG_RESPONSE,
      "The first line of a response may be at most 512 octets, CR LF included.",
      "RFC 2449 §4"),
    X(MT_POP3_X_LOGIN_DELAY,
      "Seconds after a successful login before the server accepts another login of this user.",
      "RFC 2449 §6.5"),
    X(MT_POP3_X_EXPIRE_DAYS,
      "The server keeps messages at least this many days; 0 means that a client may not leave "
      "mail on the server.",
      "RFC 2449 §6.7"),
    X(MT_POP3_X_EXPIRE_NEVER,
      "NEVER: the server does not delete messages.",
      "RFC 2449 §6.7"),
    X(MT_POP3_X_PER_USER,
      "USER: the value may differ between users. This one holds for every user; after login, "
      "CAPA should give this user's own value.",
      NULL),
    X(MT_POP3_X_MARKED,
      "Messages marked as deleted so far in this session. The server removes them only at QUIT "
      "(UPDATE state).",
      "RFC 1939 §6"),
    X(MT_POP3_X_MARKED_REMOVED,
      "Messages that were marked as deleted: the server removed them in the UPDATE state, "
      "before this +OK.",
      "RFC 1939 §6"),
    XS(MT_POP3_X_LANGUAGE,
       "A language the server offers for its response texts (see LANG).",
       "RFC 6856 §3", "offers the language {1}"),
    X(MT_POP3_X_LISTING_UNSTUFFED,
      "This line starts with a dot, so it was dot-stuffed; the client removes the first dot.",
      "RFC 1939 §3"),
    X(MT_POP3_X_NOT_LOGGED_IN,
      "The client has not logged in, and this command works only after login, in the "
      "TRANSACTION state: the server refuses it.",
      "RFC 1939 §3"),
    X(MT_POP3_X_ALREADY_LOGGED_IN,
      "The client has already logged in, and this command works only before login, in the "
      "AUTHORIZATION state: the server refuses it.",
      "RFC 1939 §3"),
    XS(MT_POP3_X_BAD_RESPONSE,
       "Not a POP3 response: every response starts with +OK or -ERR, or with \"+ \" during an "
       "AUTH exchange.",
       "RFC 1939 §3", "not a valid response line"),
    XS(MT_POP3_X_DOT_SINGLE,
       "This line starts with one \".\" followed by text. The client removes that dot; a server "
       "that meant it as text would have sent two dots.",
       "RFC 1939 §3", "message line {1}: leading dot not doubled"),
    X(MT_POP3_X_UTF8_USER,
      "USER: this server also accepts UTF-8 user names and passwords in USER, PASS and APOP, "
      "even before the UTF8 command.",
      "RFC 6856 §2.2"),
    XS(MT_POP3_X_MECH_LINE,
       "One SASL mechanism the server offers, in its answer to AUTH without a mechanism.",
       "RFC 2449 §6.3", "offers login with {1}"),
    XS(MT_POP3_X_MESSAGE_LINE,
       "One line of the message text, shown on its own because something about it needs "
       "attention (see below).",
       "RFC 1939 §3", "message line {1}"),
    XS(MT_POP3_X_EARLIER_END,
       "A line holding only \".\" ends a multi-line response whose first line is not in the "
       "capture.",
       "RFC 1939 §3", "end of an earlier response"),
    S(MT_POP3_X_S_STAT, "{1} messages, {2} octets"),
    S(MT_POP3_X_S_STAT_ONE, "1 message, {2} octets"),
    S(MT_POP3_X_S_LIST_ONE, "message {1}: {2} octets"),
    S(MT_POP3_X_S_UIDL_ONE, "message {1}: unique id {2}"),
    S(MT_POP3_X_S_RETR_SIZE, "message follows, {1} octets"),
    S(MT_POP3_X_S_GREETING_APOP, "server ready (greeting), APOP offered"),
    S(MT_POP3_X_S_LIST_ARG, "ask for the size of message {1}"),
    S(MT_POP3_X_S_UIDL_ARG, "ask for the unique id of message {1}"),
    S(MT_POP3_X_S_LANG_ARG, "ask for texts in the language {1}"),
    S(MT_POP3_X_S_QUIT_LOGIN, "end the session; messages marked with DELE are deleted"),
    S(MT_POP3_X_S_CAPA, "offers {1} ({2})"),
    S(MT_POP3_X_S_CAPA_SASL, "offers login with {1}"),
    S(MT_POP3_X_S_LOGIN_DELAY, "offers LOGIN-DELAY: {1} seconds between logins"),
    S(MT_POP3_X_S_EXPIRE, "keeps messages at least {1} days (EXPIRE)"),
    S(MT_POP3_X_S_EXPIRE_NEVER, "never deletes messages (EXPIRE NEVER)"),
    S(MT_POP3_X_S_EXPIRE_0, "mail may not stay on the server (EXPIRE 0)"),
    S(MT_POP3_X_S_MISSING_ARG, "{1} without its argument"),
    S(MT_POP3_X_S_MESSAGE_END, "end of the message: {1} lines, {2} octets"),
    XS(MT_POP3_X_TOP_END,
       "A line holding only \".\" ends the answer to TOP: the message's header, the empty line "
       "and as many body lines as were asked for. The message is cut here on purpose; it goes "
       "on in the maildrop.",
       "RFC 1939 §7", "end of the TOP answer: {1} lines, {2} octets"),
    /* a failed login with a response code (RFC 2449 §8.1, RFC 3206) */
    S(MT_POP3_X_S_LOGIN_FAILED_AUTH, "login failed: a problem with the credentials [AUTH]"),
    S(MT_POP3_X_S_LOGIN_FAILED_IN_USE, "login refused: the maildrop is in use [IN-USE]"),
    S(MT_POP3_X_S_LOGIN_FAILED_DELAY, "login refused: too soon after the last one [LOGIN-DELAY]"),
    S(MT_POP3_X_S_LOGIN_FAILED_SYS_TEMP, "login failed: a temporary problem of the server [SYS/TEMP]"),
    S(MT_POP3_X_S_LOGIN_FAILED_SYS_PERM, "login failed: a lasting problem of the server [SYS/PERM]"),
    S(MT_POP3_X_S_LOGIN_FAILED_SYS, "login failed: a problem of the server [SYS]"),
};

#undef X
#undef XS
#undef S

static const mt_text units[MT_POP3_U_COUNT] = {
    [MT_POP3_U_SECONDS] = MT_T("seconds"),
    [MT_POP3_U_DAYS]    = MT_T("days"),
};

const mt_text *
mt_pop3_stage_text(mt_pop3_stage st)
{
    return (unsigned)st < MT_POP3_ST_COUNT ? &stages[st] : NULL;
}

const mt_text *
mt_pop3_next_text(mt_pop3_next n)
{
    return (unsigned)n < MT_POP3_N_COUNT && n != MT_POP3_N_NONE ? &nexts[n] : NULL;
}

const mt_text *
mt_pop3_label_text(mt_pop3_label l)
{
    return (unsigned)l < MT_POP3_L_COUNT ? &labels[l] : NULL;
}

const mt_text *
mt_pop3_expl_text(mt_pop3_expl x)
{
    return (unsigned)x < MT_POP3_X_COUNT && expls[x].text.en ? &expls[x].text : NULL;
}

const mt_text *
mt_pop3_expl_summary(mt_pop3_expl x)
{
    return (unsigned)x < MT_POP3_X_COUNT && expls[x].summary.en ? &expls[x].summary : NULL;
}

const char *
mt_pop3_expl_rfc(mt_pop3_expl x)
{
    return (unsigned)x < MT_POP3_X_COUNT ? expls[x].rfc : NULL;
}

const mt_text *
mt_pop3_unit_text(mt_pop3_unit u)
{
    return (unsigned)u < MT_POP3_U_COUNT ? &units[u] : NULL;
}
