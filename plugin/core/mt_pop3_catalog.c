/* mt_pop3_catalog.c - what mailteach knows about POP3
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Static tables only: commands, what +OK and -ERR mean for each of them,
 * CAPA capabilities and extended response codes. The texts are written for
 * students who read English as a second language: short sentences, present
 * tense, one idea each. Every row cites the RFC section that defines it.
 */
#include "mt_pop3_catalog.h"

#include <stddef.h>
#include <string.h>

#include "mt_util.h"

/* Longest keyword, tag or code we know is far below this; any longer input
 * cannot match and is refused before it is read. */
#define MT_POP3_MAX_KEYWORD 64

/* ------------------------------------------------------------------------
 * Commands, in enum order (MT_POP3_CMD_USER first).
 * ------------------------------------------------------------------------ */

#define AUTHZ MT_POP3_IN_AUTHORIZATION
#define TRANS MT_POP3_IN_TRANSACTION
#define BOTH  MT_POP3_IN_BOTH

static const mt_pop3_command_info pop3_commands[] = {
    { MT_POP3_CMD_USER, "USER", "USER name", "RFC 1939 §7", AUTHZ, MT_POP3_ARG_NAME,
      MT_POP3_CAP_USER,
      MT_T("Give the user name (first half of a USER/PASS login)"),
      MT_T("give the user name {1}"),
      MT_T("The client names the mailbox user; PASS with the password must follow. "
           "Both travel in clear text unless the connection is protected by TLS (STLS, or port 995)."),
      MT_T("+OK means the server waits for PASS. Many servers answer +OK to any name, so that "
           "nobody can test which users exist. -ERR refuses the name.") },

    { MT_POP3_CMD_PASS, "PASS", "PASS string", "RFC 1939 §7", AUTHZ, MT_POP3_ARG_TEXT,
      MT_POP3_CAP_USER,
      MT_T("Give the password (second half of USER/PASS)"),
      MT_T("give the password"),
      MT_T("The client sends the password of the user named by USER, as plain text. "
           "A server may read the whole rest of the line as the password, spaces included."),
      MT_T("+OK means logged in: the server locks the maildrop and the session enters the "
           "TRANSACTION state. -ERR means this attempt failed; a code such as [AUTH] or [IN-USE] may say why.") },

    { MT_POP3_CMD_APOP, "APOP", "APOP name digest", "RFC 1939 §7", AUTHZ, MT_POP3_ARG_APOP, 0,
      MT_T("Log in with a digest instead of the password"),
      MT_T("log in as {1} with an MD5 digest"),
      MT_T("The client sends the user name and the MD5 digest of the greeting's timestamp followed by "
           "the shared secret. The password itself never crosses the wire, but MD5 is weak: a captured "
           "exchange allows offline guessing."),
      MT_T("+OK means logged in (TRANSACTION state). -ERR means the name or the digest is wrong, "
           "or the maildrop is locked.") },

    { MT_POP3_CMD_STAT, "STAT", "STAT", "RFC 1939 §5", TRANS, MT_POP3_ARG_NONE, 0,
      MT_T("Ask for the maildrop summary"),
      MT_T("ask how many messages there are, and their size"),
      MT_T("The client asks how many messages the maildrop holds and their total size in octets. "
           "Messages marked with DELE are not counted."),
      MT_T("The server answers +OK, the number of messages and the total size, for example "
           "\"+OK 2 320\".") },

    { MT_POP3_CMD_LIST, "LIST", "LIST [msg]", "RFC 1939 §5", TRANS, MT_POP3_ARG_OPT_MSG, 0,
      MT_T("List message sizes (scan listing)"),
      MT_T("ask for the size of every message"),
      MT_T("Without an argument, the client asks for one line per message: its number and its size "
           "in octets. With a message number, it asks about that message only."),
      MT_T("Without an argument: +OK, one line \"number size\" per message, then a line \".\". "
           "With a number: one line \"+OK number size\", or -ERR if there is no such message.") },

    { MT_POP3_CMD_RETR, "RETR", "RETR msg", "RFC 1939 §5", TRANS, MT_POP3_ARG_MSG, 0,
      MT_T("Download a message"),
      MT_T("download message {1}"),
      MT_T("The client asks for the whole message with this number: the header section, a blank line "
           "and the body. RETR does not delete it; only DELE followed by QUIT does."),
      MT_T("+OK, then the message text, dot-stuffed, ending with a line holding only \".\". "
           "-ERR means there is no such message, or it is marked as deleted.") },

    { MT_POP3_CMD_DELE, "DELE", "DELE msg", "RFC 1939 §5", TRANS, MT_POP3_ARG_MSG, 0,
      MT_T("Mark a message as deleted"),
      MT_T("mark message {1} as deleted"),
      MT_T("DELE only marks the message: the server deletes it at QUIT, when the session enters the "
           "UPDATE state. Until then RSET unmarks it, and a broken connection deletes nothing."),
      MT_T("+OK means the message is marked; later commands can no longer use its number. "
           "-ERR means there is no such message, or it is already marked.") },

    { MT_POP3_CMD_NOOP, "NOOP", "NOOP", "RFC 1939 §5", TRANS, MT_POP3_ARG_NONE, 0,
      MT_T("No operation (is the server still there?)"),
      MT_T("do nothing, check the server is there"),
      MT_T("The server does nothing but answer. Clients use NOOP to keep an idle session open, "
           "because a server may close a session after 10 minutes without commands."),
      MT_T("The server answers +OK.") },

    { MT_POP3_CMD_RSET, "RSET", "RSET", "RFC 1939 §5", TRANS, MT_POP3_ARG_NONE, 0,
      MT_T("Unmark all messages marked as deleted"),
      MT_T("unmark the messages marked as deleted"),
      MT_T("Every message marked with DELE in this session is unmarked, so nothing will be deleted "
           "at QUIT. Nothing else changes."),
      MT_T("The server answers +OK.") },

    { MT_POP3_CMD_QUIT, "QUIT", "QUIT", "RFC 1939 §6", BOTH, MT_POP3_ARG_NONE, 0,
      MT_T("End the session (and delete the marked messages)"),
      MT_T("end the session"),
      MT_T("After login, QUIT moves the session to the UPDATE state: only now does the server remove "
           "the messages marked with DELE. Before login, QUIT only closes the connection."),
      MT_T("The server answers +OK and closes the connection. -ERR after login means that some "
           "marked messages could not be removed.") },

    { MT_POP3_CMD_TOP, "TOP", "TOP msg n", "RFC 1939 §7", TRANS, MT_POP3_ARG_TOP, MT_POP3_CAP_TOP,
      MT_T("Download the header and the first n body lines"),
      MT_T("ask for the header and {2} body lines of message {1}"),
      MT_T("The client asks for the header section of a message and the first n lines of its body; "
           "\"TOP 3 0\" gives the header only. Clients use it to preview messages without downloading them."),
      MT_T("+OK, then the header, the blank line and n body lines, dot-stuffed, up to a line \".\". "
           "-ERR means there is no such message.") },

    { MT_POP3_CMD_UIDL, "UIDL", "UIDL [msg]", "RFC 1939 §7", TRANS, MT_POP3_ARG_OPT_MSG,
      MT_POP3_CAP_UIDL,
      MT_T("List the unique ids of messages"),
      MT_T("ask for the unique id of every message"),
      MT_T("The server gives each message a unique id that stays the same in later sessions, unlike "
           "its number. A client that leaves mail on the server uses it to know which messages it "
           "already downloaded."),
      MT_T("Without an argument: +OK, one line \"number unique-id\" per message, then a line \".\". "
           "With a number: one line \"+OK number unique-id\".") },

    { MT_POP3_CMD_CAPA, "CAPA", "CAPA", "RFC 2449 §5", BOTH, MT_POP3_ARG_NONE, 0,
      MT_T("Ask for the server's capabilities"),
      MT_T("ask for the capabilities"),
      MT_T("The client asks which optional commands and extensions the server supports, such as "
           "STLS, SASL, TOP or UIDL. The list can change after login and after STLS."),
      MT_T("+OK, then one capability per line, ending with a line \".\". An old server without "
           "extensions answers -ERR.") },

    { MT_POP3_CMD_STLS, "STLS", "STLS", "RFC 2595 §4", AUTHZ, MT_POP3_ARG_NONE, MT_POP3_CAP_STLS,
      MT_T("Start TLS encryption on this connection"),
      MT_T("ask to switch to TLS encryption"),
      MT_T("The client asks to turn this plain-text connection into an encrypted TLS connection "
           "before it logs in. STLS is allowed only in the AUTHORIZATION state."),
      MT_T("After +OK the TLS handshake starts at once; from then on Wireshark sees only TLS records. "
           "The client should send CAPA again inside TLS. -ERR means the server refuses: TLS is "
           "not available, or STLS came after login.") },

    { MT_POP3_CMD_AUTH, "AUTH", "AUTH mechanism [initial-response]", "RFC 5034 §4", AUTHZ,
      MT_POP3_ARG_MECH, MT_POP3_CAP_SASL,
      MT_T("Log in with a SASL mechanism"),
      MT_T("log in with the {1} mechanism"),
      MT_T("The client logs in with a SASL mechanism that the CAPA SASL line offered, for example "
           "PLAIN or LOGIN. The data is Base64: an encoding, not encryption, so without TLS anyone "
           "can decode it."),
      MT_T("\"+ \" asks for the next Base64 line; +OK means logged in (TRANSACTION state); -ERR means "
           "the login failed or the mechanism is not supported.") },

    { MT_POP3_CMD_UTF8, "UTF8", "UTF8", "RFC 6856 §2", AUTHZ, MT_POP3_ARG_NONE, MT_POP3_CAP_UTF8,
      MT_T("Switch to UTF-8 mode"),
      MT_T("switch to UTF-8 mode"),
      MT_T("The client switches the session to UTF-8 mode: the server may then send messages "
           "with UTF-8 header fields as they are. It is allowed only before login, in the "
           "AUTHORIZATION state."),
      MT_T("+OK means UTF-8 mode is on; -ERR refuses it.") },

    { MT_POP3_CMD_LANG, "LANG", "LANG [language]", "RFC 6856 §3", BOTH, MT_POP3_ARG_OPT_TEXT,
      MT_POP3_CAP_LANG,
      MT_T("Choose the language of the server's texts"),
      MT_T("ask which languages the server offers"),
      MT_T("With an argument, the client asks for response texts in that language, such as \"ja\" or "
           "\"zh-CN\". Without one, it asks which languages the server offers."),
      MT_T("With an argument: +OK or -ERR. Without one: +OK, one language per line, then a line \".\".") },

    { MT_POP3_CMD_CONNECT, "(connect)", "(TCP connection opened)", "RFC 1939 §4", BOTH,
      MT_POP3_ARG_NONE, 0,
      MT_T("Connection opened: the server greets first"),
      MT_T("connection opened"),
      MT_T("This is not a command: it is the TCP connection itself. In POP3 the server speaks first, "
           "with a one-line greeting, and the client waits for it."),
      MT_T("+OK means the server is ready and the session is in the AUTHORIZATION state. "
           "-ERR means it refuses service.") },

    { MT_POP3_CMD_SASL, "(SASL answer)", "base64 / \"*\"", "RFC 5034 §4", AUTHZ,
      MT_POP3_ARG_TEXT, 0,
      MT_T("Answer to an AUTH challenge"),
      MT_T("answer to the challenge, in Base64"),
      MT_T("After a \"+ \" challenge the client sends one line of Base64 data, for example the user "
           "name or the password for LOGIN. Base64 is only an encoding: anyone who sees this line can "
           "decode it. A line \"*\" cancels the login."),
      MT_T("\"+ \" for one more step, +OK when the login succeeds, or -ERR when it fails or after \"*\".") },
};
G_STATIC_ASSERT(G_N_ELEMENTS(pop3_commands) == MT_POP3_CMD_COUNT - 1);

#undef AUTHZ
#undef TRANS
#undef BOTH

/* ------------------------------------------------------------------------
 * What +OK and -ERR mean for each command.
 * ------------------------------------------------------------------------ */

#define OK(cmd, v, sum, text)  { MT_POP3_CMD_##cmd, TRUE, MT_POP3_V_##v, NULL, MT_T(sum), MT_T(text) }
#define ERR(cmd, v, sum, text) { MT_POP3_CMD_##cmd, FALSE, MT_POP3_V_##v, NULL, MT_T(sum), MT_T(text) }
#define OK_RFC(cmd, v, rfc, sum, text) { MT_POP3_CMD_##cmd, TRUE, MT_POP3_V_##v, (rfc), MT_T(sum), MT_T(text) }
#define ERR_RFC(cmd, v, rfc, sum, text) { MT_POP3_CMD_##cmd, FALSE, MT_POP3_V_##v, (rfc), MT_T(sum), MT_T(text) }

static const mt_pop3_response_context pop3_contexts[] = {
    /* a command mailteach does not know */
    OK_RFC(UNKNOWN, ANY, "RFC 1939 §3", "command accepted",
           "The server accepted this command, which mailteach does not know."),
    ERR_RFC(UNKNOWN, ANY, "RFC 1939 §3", "command refused",
            "The server refuses the command. \"Unknown command\" means that it does not exist "
            "here, or not in this state."),

    OK(CONNECT, ANY, "server ready (greeting)",
       "The server is ready: the session is in the AUTHORIZATION state. A <...@...> timestamp "
       "in the greeting means that the server also accepts APOP."),
    ERR(CONNECT, ANY, "service refused",
        "The server refuses to serve this client and closes the connection."),

    OK(USER, ANY, "user name accepted: send the password",
       "The server takes the name and waits for PASS. This does not prove that the user "
       "exists."),
    ERR(USER, ANY, "user name refused",
        "The server refuses this user name, or USER/PASS login is not allowed here (some "
        "servers allow it only inside TLS)."),

    OK(PASS, ANY, "logged in",
       "Logged in: the server has locked the maildrop for this session, and the session is now "
       "in the TRANSACTION state."),
    ERR(PASS, ANY, "login failed",
        "This login attempt failed: wrong user name or password, the maildrop is locked by "
        "another session, or another reason the text gives. The session stays in the "
        "AUTHORIZATION state, and the client may try again."),

    OK(APOP, ANY, "logged in with APOP",
       "Logged in with APOP: the digest matched, and the session is now in the TRANSACTION "
       "state."),
    ERR(APOP, ANY, "APOP login failed",
        "This APOP attempt failed: wrong name or digest, or the maildrop is locked. The "
        "session stays in the AUTHORIZATION state, and the client may try again."),

    OK(AUTH, ARG, "logged in",
       "Logged in with SASL: the session is now in the TRANSACTION state."),
    OK_RFC(AUTH, NOARG, "RFC 2449 §6.3", "SASL mechanisms follow",
           "The server lists its SASL mechanisms, one per line, up to a line \".\". AUTH "
           "without a mechanism is an old, non-standard form; the CAPA SASL line is the "
           "standard way to ask."),
    ERR(AUTH, ANY, "login failed",
        "This SASL attempt failed, was cancelled, or the mechanism is not supported. The "
        "session stays in the AUTHORIZATION state, and the client may try again."),

    OK(SASL, ANY, "logged in",
       "Logged in with SASL: the session is now in the TRANSACTION state."),
    ERR(SASL, ANY, "login failed",
        "This SASL attempt failed or was cancelled. The session stays in the AUTHORIZATION "
        "state, and the client may try again."),
    ERR_RFC(SASL, CANCEL, "RFC 5034 §4", "login cancelled by the client",
            "The client cancelled the exchange with \"*\", and the server must then reject AUTH "
            "with -ERR. The credentials were never checked. The session stays in the "
            "AUTHORIZATION state, and the client may try again."),

    OK(STAT, ANY, "maildrop summary",
       "Maildrop summary: the first number is how many messages there are, the second their "
       "total size in octets. Messages marked as deleted are not counted."),
    ERR(STAT, ANY, "STAT refused",
        "STAT failed; most often the client has not logged in yet."),

    OK(LIST, NOARG, "scan listing follows",
       "The scan listing follows: one line per message, with its number and its size in "
       "octets, then a line \".\"."),
    OK(LIST, ARG, "scan listing of one message",
       "The scan listing of one message: its number and its size in octets."),
    ERR(LIST, ANY, "no such message",
        "No such message, or it is marked as deleted."),

    OK(RETR, ANY, "message follows",
       "The message follows, up to a line holding only \".\". A line that starts with \".\" "
       "gets one more dot (dot-stuffing), which the client removes."),
    ERR(RETR, ANY, "no such message",
        "No such message, or it is marked as deleted."),

    OK(DELE, ANY, "message marked as deleted",
       "The message is marked as deleted. The server removes it only at QUIT; RSET would "
       "unmark it."),
    ERR(DELE, ANY, "no such message",
        "No such message, or it is already marked as deleted."),

    OK(NOOP, ANY, "OK: nothing done",
       "The server is still there; nothing changed."),
    ERR(NOOP, ANY, "NOOP refused",
        "NOOP failed; most often the client has not logged in yet."),

    OK(RSET, ANY, "deletion marks removed",
       "All deletion marks are removed: no message will be deleted at QUIT."),
    ERR(RSET, ANY, "RSET refused",
        "RSET failed; most often the client has not logged in yet."),

    OK(QUIT, AFTER_LOGIN, "marked messages removed, goodbye",
       "The UPDATE state is done: the server removed the messages marked as deleted, released "
       "the maildrop and closes the connection."),
    OK_RFC(QUIT, NOTHING_MARKED, "RFC 1939 §6", "goodbye: nothing was marked, nothing removed",
           "The UPDATE state is done. No message is marked as deleted (none was, or RSET removed "
           "the marks), so the server removes nothing; it releases the maildrop and closes the "
           "connection."),
    OK(QUIT, ANY, "goodbye: connection closing",
       "The server closes the connection. Before login nothing is deleted."),
    ERR(QUIT, ANY, "some marked messages not removed",
        "The server could not remove every marked message; it closes the connection anyway."),

    OK(TOP, ANY, "header and first body lines follow",
       "The header section and the requested number of body lines follow, up to a line "
       "\".\"."),
    ERR(TOP, ANY, "no such message, or no TOP",
        "No such message, or it is marked as deleted, or the server does not support TOP."),

    OK(UIDL, NOARG, "unique-id listing follows",
       "The unique-id listing follows: one line per message, with its number and its unique "
       "id, then a line \".\"."),
    OK(UIDL, ARG, "unique id of one message",
       "The unique-id listing of one message: its number and its unique id."),
    ERR(UIDL, ANY, "no such message, or no UIDL",
        "No such message, or it is marked as deleted, or the server does not support UIDL."),

    OK(CAPA, ANY, "capability list follows",
       "The capability list follows, one capability per line, up to a line \".\"."),
    ERR(CAPA, ANY, "CAPA not supported",
        "This server does not support CAPA: it is an RFC 1939 server without extensions."),

    OK(STLS, ANY, "start TLS now",
       "TLS starts now: the next bytes on this connection are the TLS handshake."),
    ERR(STLS, ANY, "TLS not available",
        "TLS is not available, or STLS came in the wrong state (for example after login)."),
    ERR_RFC(STLS, AFTER_LOGIN, "RFC 2595 §4", "STLS refused: allowed only before login",
            "STLS is permitted only in the AUTHORIZATION state, and the client has already "
            "logged in, so the server refuses it. This says nothing about whether the server "
            "offers TLS; the session goes on unencrypted."),

    OK_RFC(UTF8, ANY, "RFC 6856 §2.1", "UTF-8 mode on",
           "UTF-8 mode is on: the server may now send messages with UTF-8 in their header "
           "fields as they are. UTF-8 user names and passwords depend on the UTF8 USER "
           "capability, not on this command."),
    ERR_RFC(UTF8, ANY, "RFC 6856 §2.1", "UTF-8 mode refused",
            "The server refuses UTF-8 mode, or the command came after login."),

    OK(LANG, NOARG, "languages follow",
       "The server lists the languages it offers, one per line, up to a line \".\"."),
    OK(LANG, ARG, "language changed",
       "The server now writes its response texts in the chosen language, starting with this "
       "one."),
    ERR(LANG, ANY, "language not offered",
        "The server does not offer this language; its texts stay in the language used so "
        "far."),
};

#undef OK
#undef ERR
#undef OK_RFC
#undef ERR_RFC

/* ------------------------------------------------------------------------
 * CAPA capabilities (IANA "POP3 Extension Mechanism" registry).
 * ------------------------------------------------------------------------ */

#define CAPA(tag, flag, param, rfc, name, text) \
    { (tag), (flag), MT_POP3_CAPA_PARAM_##param, (rfc), MT_T(name), MT_T(text) }

static const mt_pop3_capa_info pop3_capas[] = {
    CAPA("TOP", MT_POP3_CAP_TOP, NONE, "RFC 2449 §6.1", "TOP command",
         "The server supports TOP: a client can preview the header and the first lines of a message."),
    CAPA("USER", MT_POP3_CAP_USER, NONE, "RFC 2449 §6.2", "USER/PASS login",
         "The server accepts USER/PASS login with a plain-text password. Without TLS, anyone who "
         "captures the session can read the password."),
    CAPA("SASL", MT_POP3_CAP_SASL, MECHS, "RFC 2449 §6.3", "SASL login (AUTH)",
         "The server accepts AUTH. The words after SASL are the mechanisms it offers, such as "
         "PLAIN or LOGIN."),
    CAPA("RESP-CODES", MT_POP3_CAP_RESP_CODES, NONE, "RFC 2449 §6.4", "Extended response codes",
         "The server puts response codes in square brackets after +OK or -ERR, such as [IN-USE], "
         "so that programs can tell why a command failed."),
    CAPA("LOGIN-DELAY", MT_POP3_CAP_LOGIN_DELAY, SECONDS, "RFC 2449 §6.5", "Minimum time between logins",
         "The number is how many seconds after a successful login the server refuses another "
         "login of the same user. The refusal may come with the code [LOGIN-DELAY], or "
         "without it."),
    CAPA("PIPELINING", MT_POP3_CAP_PIPELINING, NONE, "RFC 2449 §6.6", "Command pipelining",
         "The client may send several commands without waiting for each response. "
         "The responses still come back in order, one per command."),
    CAPA("EXPIRE", MT_POP3_CAP_EXPIRE, DAYS, "RFC 2449 §6.7", "Minimum retention of messages",
         "The least number of days the server keeps messages; it may keep them longer, and "
         "when it starts counting is up to it. NEVER means that it never deletes messages; 0 "
         "means that a client may not leave mail on the server."),
    CAPA("UIDL", MT_POP3_CAP_UIDL, NONE, "RFC 2449 §6.8", "UIDL command",
         "The server supports UIDL: unique ids that let a client know which messages it has already "
         "downloaded."),
    CAPA("IMPLEMENTATION", MT_POP3_CAP_IMPLEMENTATION, TEXT, "RFC 2449 §6.9", "Server software",
         "The name and version of the server software, for humans only. Many administrators hide it, "
         "since it helps attackers choose an exploit."),
    CAPA("STLS", MT_POP3_CAP_STLS, NONE, "RFC 2595 §4", "Switch to TLS with STLS",
         "The client can switch this connection to TLS with STLS before it logs in. If it does not, "
         "passwords and mail cross the network in clear text."),
    CAPA("AUTH-RESP-CODE", MT_POP3_CAP_AUTH_RESP_CODE, NONE, "RFC 3206 §6", "The [AUTH] response code",
         "When a login fails because of a problem with the credentials, the server says so with "
         "the code [AUTH]. Other failures, such as a locked maildrop, get other codes."),
    CAPA("UTF8", MT_POP3_CAP_UTF8, UTF8, "RFC 6856 §2", "UTF-8 support",
         "The server accepts the UTF8 command, which switches to UTF-8 mode for the messages. "
         "Only with the argument USER does it accept UTF-8 user names and passwords."),
    CAPA("LANG", MT_POP3_CAP_LANG, NONE, "RFC 6856 §3", "Response texts in other languages",
         "The server can write its response texts in other languages; the LANG command chooses one."),
    /* not registered, but listed by Dovecot and others */
    CAPA("CAPA", 0, NONE, "Dovecot (non-standard; the CAPA command is RFC 2449 §5)", "The CAPA command itself (not a registered capability)",
         "Not a registered capability: some servers, such as Dovecot, list the CAPA command itself. "
         "It adds nothing, since a server that answers CAPA supports CAPA."),
};

#undef CAPA

/* ------------------------------------------------------------------------
 * Extended response codes (IANA "POP3 Response Codes" registry).
 * ------------------------------------------------------------------------ */

static const mt_pop3_resp_code_info pop3_codes[] = {
    { "IN-USE", "RFC 2449 §8.1.2", MT_T("Maildrop in use"),
      MT_T("The authentication succeeded, but another session holds the lock on this maildrop, "
           "for example a mail program still open elsewhere. The client should try again later.") },
    { "LOGIN-DELAY", "RFC 2449 §8.1.1", MT_T("Logged in too soon"),
      MT_T("This user logged in recently and may not log in again before the login delay is "
           "over; the LOGIN-DELAY capability says how long it is.") },
    { "SYS/TEMP", "RFC 3206 §4", MT_T("Temporary system problem"),
      MT_T("A temporary problem on the server, not the user's fault. Try again later, and do not ask "
           "the user for a new password.") },
    { "SYS/PERM", "RFC 3206 §4", MT_T("Permanent system problem"),
      MT_T("A lasting problem on the server, not the user's fault. Trying again will not help: the user "
           "should contact the administrator.") },
    { "SYS", "RFC 3206 §4", MT_T("System problem"),
      MT_T("A problem on the server, not with the user's name or password.") },
    { "AUTH", "RFC 3206 §5", MT_T("Problem with the credentials"),
      MT_T("The login failed because of a problem with the user's credentials: a wrong password, "
           "an unknown user name, an expired account, a login against policy, or another one. "
           "The client should tell the user.") },
    { "UTF8", "RFC 6856 §5", MT_T("UTF-8 mode needed"),
      MT_T("The command failed because the message holds UTF-8 text and the session is not in "
           "UTF-8 mode. The client may send UTF8 and try again.") },
};

/* ------------------------------------------------------------------------
 * Lookups.
 * ------------------------------------------------------------------------ */

const mt_pop3_command_info *
mt_pop3_command_lookup(const guint8 *keyword, gsize len)
{
    /* the table is in enum order: the rows before the pseudo commands
     * (whose labels are not words a client sends) are the real ones */
    return mt_table_find(pop3_commands, MT_POP3_CMD_CONNECT - 1, sizeof(pop3_commands[0]),
                         offsetof(mt_pop3_command_info, keyword), keyword, len, MT_POP3_MAX_KEYWORD);
}

const mt_pop3_command_info *
mt_pop3_command_get(mt_pop3_cmd id)
{
    const mt_pop3_command_info *c;

    if ((guint)id == MT_POP3_CMD_UNKNOWN || (guint)id >= MT_POP3_CMD_COUNT)
        return NULL;
    /* row id - 1; a table out of enum order shows as a missing row in the tests */
    c = &pop3_commands[(guint)id - 1];
    return c->id == id ? c : NULL;
}

static const mt_pop3_response_context *
context_find(mt_pop3_cmd cmd, gboolean ok, mt_pop3_variant variant)
{
    gsize i;

    for (i = 0; i < G_N_ELEMENTS(pop3_contexts); i++) {
        const mt_pop3_response_context *c = &pop3_contexts[i];

        if (c->cmd == cmd && (c->ok ? TRUE : FALSE) == (ok ? TRUE : FALSE) && c->variant == variant)
            return c;
    }
    return NULL;
}

const mt_pop3_response_context *
mt_pop3_response_context_lookup(mt_pop3_cmd cmd, gboolean ok, mt_pop3_variant variant)
{
    const mt_pop3_response_context *c;

    if ((guint)cmd >= MT_POP3_CMD_COUNT)
        return NULL;
    c = context_find(cmd, ok, variant);
    if (c == NULL && variant != MT_POP3_V_ANY)
        c = context_find(cmd, ok, MT_POP3_V_ANY);
    return c;
}

const mt_pop3_capa_info *
mt_pop3_capa_lookup(const guint8 *tag, gsize len)
{
    return MT_TABLE_FIND(pop3_capas, mt_pop3_capa_info, tag, tag, len, MT_POP3_MAX_KEYWORD);
}

const mt_pop3_resp_code_info *
mt_pop3_resp_code_lookup(const guint8 *code, gsize len)
{
    gsize i, first;

    if (code == NULL || len == 0 || len > MT_POP3_MAX_KEYWORD)
        return NULL;
    for (i = 0; i < G_N_ELEMENTS(pop3_codes); i++) {
        if (mt_ci_eq(code, len, pop3_codes[i].code))
            return &pop3_codes[i];
    }
    /* "SYS/SOMETHING": the first part says enough */
    for (first = 0; first < len && code[first] != '/'; first++)
        ;
    if (first == 0 || first == len)
        return NULL;
    for (i = 0; i < G_N_ELEMENTS(pop3_codes); i++) {
        if (mt_ci_eq(code, first, pop3_codes[i].code))
            return &pop3_codes[i];
    }
    return NULL;
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

TABLE_GETTER(mt_pop3_commands, mt_pop3_command_info, pop3_commands)
TABLE_GETTER(mt_pop3_response_contexts, mt_pop3_response_context, pop3_contexts)
TABLE_GETTER(mt_pop3_capabilities, mt_pop3_capa_info, pop3_capas)
TABLE_GETTER(mt_pop3_resp_codes, mt_pop3_resp_code_info, pop3_codes)

#undef TABLE_GETTER
