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
    [MT_POP3_ST_USER_OK]       = MT_T("AUTHORIZATION: user name taken, the password (PASS) comes next"),
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
} expl_row;

static const expl_row expls[MT_POP3_X_COUNT] = {
    [MT_POP3_X_STATUS_OK] = { MT_T("+OK: a positive response; the server did what the command asked (in a "
                                   "greeting: it is ready)."),
                              "RFC 1939 §3" },
    [MT_POP3_X_STATUS_ERR] = { MT_T("-ERR: a negative response; the command failed. POP3 has no error numbers: "
                                    "only the text, and a [code] if there is one, say why."),
                               "RFC 1939 §3" },
    [MT_POP3_X_CONTINUATION] = { MT_T("\"+\": the SASL exchange goes on; the server waits for one Base64 line "
                                      "from the client."),
                                 "RFC 5034 §4" },
    [MT_POP3_X_CHALLENGE] = { MT_T("The server's challenge, in Base64. For LOGIN it is a prompt (\"VXNlcm5hbWU6\" "
                                   "is \"Username:\", \"UGFzc3dvcmQ6\" is \"Password:\"); for PLAIN it is empty."),
                              "RFC 5034 §4" },
    [MT_POP3_X_RESPONSE_TEXT] = { MT_T("Text for humans. Programs act on +OK or -ERR only; the wording differs "
                                       "from server to server."),
                                  "RFC 1939 §3" },
    [MT_POP3_X_RESPONSE_CODE] = { MT_T("Extended response code, in square brackets: a reason that programs can "
                                       "read, more precise than +OK or -ERR."),
                                  "RFC 2449 §8" },
    [MT_POP3_X_UNKNOWN_CODE] = { MT_T("mailteach does not know this response code; the text after it says more."),
                                 "RFC 2449 §8" },
    [MT_POP3_X_MULTILINE] = { MT_T("Multi-line response: more lines follow this first line, and a line holding "
                                   "only \".\" ends them."),
                              "RFC 1939 §3" },
    [MT_POP3_X_RESPONSE_END] = { MT_T("A line holding only \".\" ends the multi-line response. It is not part of "
                                      "the listing."),
                                 "RFC 1939 §3" },
    [MT_POP3_X_MESSAGE] = { MT_T("Message text: counted here, not explained line by line. Wireshark's Internet "
                                 "Message Format tree can show the header fields."),
                            "RFC 1939 §5" },
    [MT_POP3_X_MESSAGE_END] = { MT_T("A line holding only \".\" ends the message. It is not part of the message."),
                                "RFC 1939 §3" },
    [MT_POP3_X_UNSTUFFED_SIZE] = { MT_T("Size of the message as the client stores it: every line with its CR LF, "
                                        "after removing the dots added by dot-stuffing."),
                                   "RFC 1939 §3" },
    [MT_POP3_X_SENT_SIZE] = { MT_T("Octets as they crossed the wire: the stuffed dots are counted here, so this "
                                   "is more than the size of the message itself."),
                              "RFC 1939 §3" },
    [MT_POP3_X_SIZE_MATCH] = { MT_T("The received message, without its stuffed dots, has exactly this size."),
                               "RFC 1939 §5" },
    [MT_POP3_X_SIZE_DIFFERS] = { MT_T("The received message has another size. RFC 1939 allows it: a server may "
                                      "store line ends differently from how it sends them."),
                                 "RFC 1939 §10" },
    [MT_POP3_X_ANNOUNCED_SIZE] = { MT_T("The size of the message in octets, as the server counts it."),
                                   "RFC 1939 §5" },
    [MT_POP3_X_DOT_STUFFED] = { MT_T("Dot-stuffing: this line of the message starts with \".\", so the server "
                                     "doubled the dot; otherwise a line \".\" could end the response early. "
                                     "The client removes one dot."),
                                "RFC 1939 §3" },
    [MT_POP3_X_HEADER_END] = { MT_T("The first empty line of the message ends the header section (From:, To:, "
                                    "Subject: ...). What follows is the body."),
                               "RFC 5322 §2.1" },
    [MT_POP3_X_SCAN_LISTING] = { MT_T("Scan listing: the message number, then the message's size in octets."),
                                 "RFC 1939 §5" },
    [MT_POP3_X_UID_LISTING] = { MT_T("Unique-id listing: the message number, then its unique id. The id stays "
                                     "the same in later sessions; the number may not."),
                                "RFC 1939 §7" },
    [MT_POP3_X_UID_INVALID] = { MT_T("A unique id has 1 to 70 printable characters, with no space."),
                                "RFC 1939 §7" },
    [MT_POP3_X_TOP_LINES] = { MT_T("How many lines of the body to send after the header; 0 asks for the "
                                   "header only."),
                              "RFC 1939 §7" },
    [MT_POP3_X_USERNAME] = { MT_T("The user name (the owner of the maildrop). It travels in clear text unless "
                                  "TLS protects the connection."),
                             "RFC 1939 §7" },
    [MT_POP3_X_PASSWORD] = { MT_T("The password, in clear text: anyone who captures this line can read it. "
                                  "STLS (or port 995) protects it; APOP and SASL avoid sending it."),
                             "RFC 1939 §7" },
    [MT_POP3_X_PASSWORD_TLS] = { MT_T("The password. POP3 sends it as plain text, but TLS (started with STLS) "
                                      "encrypts this connection, so only the server can read it."),
                                 "RFC 2595 §4" },
    [MT_POP3_X_APOP_DIGEST] = { MT_T("MD5 digest, in 32 hexadecimal digits, of the greeting's timestamp followed "
                                     "by the shared secret. It proves that the client knows the secret."),
                                "RFC 1939 §7" },
    [MT_POP3_X_TIMESTAMP] = { MT_T("APOP timestamp: a string unique to this connection. An APOP client digests "
                                   "it with its password, so a captured digest is useless in a later session."),
                              "RFC 1939 §7" },
    [MT_POP3_X_SASL] = { MT_T("Answer to the server's \"+\" challenge, in Base64. Base64 is an encoding, not "
                              "encryption: anyone who captures it can decode it."),
                         "RFC 5034 §4" },
    [MT_POP3_X_SASL_CANCEL] = { MT_T("\"*\" cancels the authentication exchange; the server answers -ERR."),
                                "RFC 5034 §4" },
    [MT_POP3_X_SASL_INITIAL] = { MT_T("Initial response: the first SASL data, sent with AUTH itself to save "
                                      "one round trip. \"=\" stands for empty data."),
                                 "RFC 5034 §4" },
    [MT_POP3_X_AUTH_LIST] = { MT_T("AUTH without a mechanism asks for the list of mechanisms. RFC 5034 does not "
                                   "define this form; the standard way is the CAPA SASL line."),
                              "RFC 2449 §6.3" },
    [MT_POP3_X_UNKNOWN_CMD] = { MT_T("Not a POP3 command that mailteach knows. POP3 keywords have three or four "
                                     "letters; the server answers -ERR."),
                                "RFC 1939 §3" },
    [MT_POP3_X_UNKNOWN_CAPA] = { MT_T("mailteach does not know this capability. Names that start with X are "
                                      "private, non-standard extensions."),
                                 "RFC 2449 §5" },
    [MT_POP3_X_UNKNOWN_MECH] = { MT_T("mailteach does not know this SASL mechanism."),
                                 "RFC 4422 §3.1" },
    [MT_POP3_X_EMPTY_LINE] = { MT_T("An empty command line; the server answers -ERR."),
                               "RFC 1939 §3" },
    [MT_POP3_X_UNMATCHED_RESPONSE] = { MT_T("The command this response answers is not in the capture."),
                                       NULL },
    [MT_POP3_X_GREETING_MISSED] = { MT_T("The server's greeting is not in the capture: the capture started late, "
                                         "so mailteach guesses where the session stands."),
                                    "RFC 1939 §4" },
    [MT_POP3_X_MAYBE_SASL] = { MT_T("Not a command: the capture probably started during an AUTH exchange, so "
                                    "this is likely a Base64 answer."),
                               NULL },
    [MT_POP3_X_EARLIER_RESPONSE] = { MT_T("Lines of a multi-line response whose first line is not in the capture: "
                                          "message text or a listing, up to a line \".\"."),
                                     "RFC 1939 §3" },
    [MT_POP3_X_PIPELINED] = { MT_T("Pipelining: the client sent this command before the previous ones were "
                                   "answered; the responses come back in the same order."),
                              "RFC 2449 §6.6" },
    [MT_POP3_X_BARE_LF] = { MT_T("This line ends with LF alone. POP3 lines end with CR LF; a strict peer does "
                                 "not see a line end here."),
                            "RFC 1939 §3" },
    [MT_POP3_X_TOO_LONG_CMD] = { MT_T("A command line may be at most 255 octets, CR LF included."),
                                 "RFC 2449 §4" },
    [MT_POP3_X_TOO_LONG_RESPONSE] = { MT_T("The first line of a response may be at most 512 octets, CR LF included."),
                                      "RFC 2449 §4" },
    [MT_POP3_X_LOGIN_DELAY] = { MT_T("The least number of seconds between two logins."),
                                "RFC 2449 §6.5" },
    [MT_POP3_X_EXPIRE_DAYS] = { MT_T("Days the server keeps a message after a client retrieved it; 0 means that "
                                     "mail cannot be left on the server."),
                                "RFC 2449 §6.7" },
    [MT_POP3_X_EXPIRE_NEVER] = { MT_T("NEVER: the server keeps messages until a client deletes them."),
                                 "RFC 2449 §6.7" },
    [MT_POP3_X_PER_USER] = { MT_T("USER: the value differs between users; after login, CAPA gives this user's value."),
                             "RFC 2449 §6.5" },
    [MT_POP3_X_MARKED] = { MT_T("Messages marked as deleted so far in this session. The server removes them only "
                                "at QUIT (UPDATE state)."),
                           "RFC 1939 §6" },
    [MT_POP3_X_MARKED_REMOVED] = { MT_T("Messages that were marked as deleted: the server removed them in the UPDATE "
                                        "state, before this +OK."),
                                   "RFC 1939 §6" },
    [MT_POP3_X_LANGUAGE] = { MT_T("A language the server offers for its response texts (see LANG)."),
                             "RFC 6856 §3" },
    [MT_POP3_X_LISTING_UNSTUFFED] = { MT_T("This line starts with a dot, so it was dot-stuffed; the client removes "
                                           "the first dot."),
                                      "RFC 1939 §3" },
    [MT_POP3_X_NOT_LOGGED_IN] = { MT_T("The client has not logged in, and this command works only after login, in "
                                       "the TRANSACTION state: the server refuses it."),
                                  "RFC 1939 §3" },
    [MT_POP3_X_ALREADY_LOGGED_IN] = { MT_T("The client has already logged in, and this command works only before "
                                           "login, in the AUTHORIZATION state: the server refuses it."),
                                      "RFC 1939 §3" },
    [MT_POP3_X_BAD_RESPONSE] = { MT_T("Not a POP3 response: every response starts with +OK or -ERR, or with "
                                      "\"+ \" during an AUTH exchange."),
                                 "RFC 1939 §3" },
    [MT_POP3_X_DOT_SINGLE] = { MT_T("This line starts with one \".\" followed by text. The client removes that "
                                    "dot; a server that meant it as text would have sent two dots."),
                               "RFC 1939 §3" },
};

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
    return (unsigned)x < MT_POP3_X_COUNT ? &expls[x].text : NULL;
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
