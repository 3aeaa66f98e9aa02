/* mt_imap_texts.c - session-level teaching texts for IMAP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_imap_texts.h"

static const mt_text stages[MT_IMAP_ST_COUNT] = {
    [MT_IMAP_ST_UNKNOWN]        = MT_T("Unknown: the capture started in the middle of the session"),
    [MT_IMAP_ST_CONNECTED]      = MT_T("Connected: waiting for the server's greeting"),
    [MT_IMAP_ST_NOT_AUTH]       = MT_T("Not authenticated: the client must log in first"),
    [MT_IMAP_ST_TLS]            = MT_T("Switching to TLS: from here on the connection is encrypted"),
    [MT_IMAP_ST_AUTHENTICATING] = MT_T("Not authenticated: an AUTHENTICATE exchange is in progress"),
    [MT_IMAP_ST_AUTH]           = MT_T("Authenticated: logged in, no mailbox selected"),
    [MT_IMAP_ST_SELECTED]       = MT_T("Selected: a mailbox is open read-write"),
    [MT_IMAP_ST_SELECTED_RO]    = MT_T("Selected: a mailbox is open read-only"),
    [MT_IMAP_ST_IDLE]           = MT_T("Idling: the server reports changes as they happen"),
    [MT_IMAP_ST_LOGOUT]         = MT_T("Logout: the session is ending"),
    [MT_IMAP_ST_CLOSED]         = MT_T("Session over: the connection closes"),
};

static const mt_text nexts[MT_IMAP_N_COUNT] = {
    [MT_IMAP_N_NONE]       = MT_T(""),
    [MT_IMAP_N_GREETING]   = MT_T("Server: sends its greeting: * OK (log in next), * PREAUTH (logged in "
                                  "already) or * BYE (refused)."),
    [MT_IMAP_N_LOGIN]      = MT_T("Client: logs in with LOGIN or AUTHENTICATE, after STARTTLS if the "
                                  "connection is not encrypted yet."),
    [MT_IMAP_N_AUTH]       = MT_T("Client: opens a mailbox with SELECT or EXAMINE, or works with "
                                  "mailboxes (LIST, STATUS, CREATE, APPEND ...); LOGOUT ends."),
    [MT_IMAP_N_SELECTED]   = MT_T("Client: works with messages (FETCH, SEARCH, STORE, COPY, EXPUNGE ...); "
                                  "CLOSE or UNSELECT leaves the mailbox; LOGOUT ends."),
    [MT_IMAP_N_TLS]        = MT_T("Client: starts the TLS handshake at once; inside TLS it asks for "
                                  "CAPABILITY again, then logs in."),
    [MT_IMAP_N_SASL]       = MT_T("Client: answers the challenge with one Base64 line (or \"*\" to "
                                  "cancel)."),
    [MT_IMAP_N_LITERAL_GO] = MT_T("Client: sends the literal now, exactly the announced number of octets, "
                                  "then the rest of the command line."),
    [MT_IMAP_N_LITERAL_WAIT] = MT_T("Server: answers \"+\" to ask for the literal, or a tagged NO or BAD to "
                                    "refuse the command."),
    [MT_IMAP_N_LITERAL_MORE] = MT_T("More octets of the literal follow, until the announced number has "
                                    "arrived."),
    [MT_IMAP_N_SERVER_LITERAL] = MT_T("Server: sends the literal's octets right after this line, then goes on "
                                      "with the response."),
    [MT_IMAP_N_CLIENT_LINE_GOES_ON] = MT_T("Client: goes on with the command line right after the literal."),
    [MT_IMAP_N_SERVER_LINE_GOES_ON] = MT_T("Server: goes on with the response line right after the "
                                           "literal."),
    [MT_IMAP_N_MORE_DATA]  = MT_T("Server: more untagged data may follow, then the tagged answer to the "
                                  "command in progress."),
    [MT_IMAP_N_IDLE]       = MT_T("Server: reports changes at any time; the client sends DONE to stop "
                                  "idling."),
    [MT_IMAP_N_PENDING]    = MT_T("Server: still has to answer other commands in progress; their tagged "
                                  "answers follow."),
    [MT_IMAP_N_CLOSE]      = MT_T("Both sides close the TCP connection."),
    [MT_IMAP_N_RETRY]      = MT_T("Client: corrects the command and tries again, or does something else."),
    [MT_IMAP_N_UNKNOWN]    = MT_T("Unknown: mailteach waits for a line that shows where the session "
                                  "stands."),
    [MT_IMAP_N_COMPRESSED] = MT_T("Both sides go on with compressed data; mailteach cannot follow the "
                                  "session from here."),
};

static const mt_text labels[MT_IMAP_L_COUNT] = {
    [MT_IMAP_L_COMMAND]        = MT_T("Command"),
    [MT_IMAP_L_COMMAND_CONT]   = MT_T("Command, continued after a literal"),
    [MT_IMAP_L_TAGGED]         = MT_T("Tagged response"),
    [MT_IMAP_L_UNTAGGED]       = MT_T("Untagged response"),
    [MT_IMAP_L_RESPONSE_CONT]  = MT_T("Response, continued after a literal"),
    [MT_IMAP_L_CONTINUATION]   = MT_T("Continuation request"),
    [MT_IMAP_L_GREETING]       = MT_T("Greeting"),
    [MT_IMAP_L_LITERAL_CLIENT] = MT_T("Literal from the client"),
    [MT_IMAP_L_LITERAL_SERVER] = MT_T("Literal from the server"),
    [MT_IMAP_L_SASL]           = MT_T("Authentication answer"),
    [MT_IMAP_L_DONE]           = MT_T("End of IDLE"),
    [MT_IMAP_L_UNKNOWN]        = MT_T("Unrecognised line"),
    [MT_IMAP_L_COMPRESSED]     = MT_T("Compressed data"),
};

typedef struct {
    mt_text     text;
    const char *rfc;
} expl_row;

static const expl_row expls[MT_IMAP_X_COUNT] = {
    [MT_IMAP_X_TAG] = { MT_T("The tag: a label the client chooses for each command. The server ends its "
                             "answer with a line that starts with the same tag, so answers can be "
                             "matched to commands."),
                        "RFC 9051 §2.2.1" },
    [MT_IMAP_X_TAG_RESPONSE] = { MT_T("The tag of the command that this line completes: it is the "
                                      "command's final answer."),
                                 "RFC 9051 §2.2.2" },
    [MT_IMAP_X_UNTAGGED] = { MT_T("\"*\": an untagged response. It carries data or information and does not "
                                  "end a command; several can come before the tagged answer, or at any "
                                  "time."),
                             "RFC 9051 §2.2.2" },
    [MT_IMAP_X_CONTINUATION] = { MT_T("\"+\": a command continuation request. The server is ready for "
                                      "more from the client."),
                                 "RFC 9051 §7.6; RFC 3501 §7.5" },
    [MT_IMAP_X_CONT_LITERAL] = { MT_T("The server is ready for the literal that the client announced: the "
                                      "client sends the octets now. The text after \"+\" means nothing."),
                                 "RFC 9051 §4.3" },
    [MT_IMAP_X_CONT_SASL] = { MT_T("A SASL challenge in Base64 (it may be empty). The client answers with "
                                   "one Base64 line, or \"*\" to cancel."),
                              "RFC 9051 §6.2.2" },
    [MT_IMAP_X_CONT_IDLE] = { MT_T("The server accepted IDLE: from now on it sends untagged updates as "
                                   "they happen, until the client sends DONE."),
                              "RFC 9051 §6.3.13; RFC 2177 §3" },
    [MT_IMAP_X_LITERAL_SYNC] = { MT_T("{n}: a literal. Exactly n octets follow the end of this line, sent "
                                      "as they are; the client must first wait for the server's \"+\"."),
                                 "RFC 9051 §4.3" },
    [MT_IMAP_X_LITERAL_NONSYNC] = { MT_T("{n+}: a non-synchronizing literal. The n octets follow at once, "
                                         "without waiting for \"+\" (LITERAL+ or LITERAL-)."),
                                    "RFC 7888 §3" },
    [MT_IMAP_X_LITERAL8] = { MT_T("~{n}: a literal8. Its n octets may hold any value, even NUL (BINARY)."),
                             "RFC 3516" },
    [MT_IMAP_X_LITERAL_SERVER] = { MT_T("{n}: a literal. Exactly n octets follow the end of this line, sent "
                                        "as they are; after them the line goes on."),
                                   "RFC 9051 §4.3" },
    [MT_IMAP_X_LITERAL_DATA] = { MT_T("Literal: octets sent as they are. They are never read as commands "
                                      "or responses, even where they look like IMAP lines."),
                                 "RFC 9051 §4.3" },
    [MT_IMAP_X_LITERAL_DONE] = { MT_T("The literal is complete; the line goes on right after its last "
                                      "octet."),
                                 "RFC 9051 §4.3" },
    [MT_IMAP_X_LITERAL_MESSAGE] = { MT_T("This literal holds a message or a part of one: header lines, an "
                                         "empty line, then the body."),
                                    "RFC 5322 §2.1" },
    [MT_IMAP_X_LITERAL_USERNAME] = { MT_T("This literal holds the user name of LOGIN."),
                                     "RFC 9051 §6.2.3" },
    [MT_IMAP_X_LITERAL_PASSWORD] = { MT_T("This literal holds the password of LOGIN, as the user typed it, in "
                                          "clear text: whoever captures it can read it."),
                                     "RFC 9051 §6.2.3" },
    [MT_IMAP_X_LITERAL_MAILBOX] = { MT_T("This literal holds a mailbox name, for example one with spaces, "
                                         "quotes or non-ASCII characters."),
                                    "RFC 9051 §4.3" },
    [MT_IMAP_X_LITERAL_NOT_SENT] = { MT_T("The server refused the command before the client sent the "
                                          "literal, so the literal is not sent at all."),
                                     "RFC 9051 §4.3" },
    [MT_IMAP_X_CLIENT_LINE_END] = { MT_T("The rest of the command line after the literal is empty: the "
                                         "command is complete, and the server answers now."),
                                    "RFC 9051 §4.3" },
    [MT_IMAP_X_CLIENT_LINE_GOES_ON] = { MT_T("The command line goes on after the literal: this is still the "
                                             "same command."),
                                        "RFC 9051 §4.3" },
    [MT_IMAP_X_SERVER_LINE_GOES_ON] = { MT_T("The response line goes on after the literal: this is still "
                                             "the same response."),
                                        "RFC 9051 §4.3" },
    [MT_IMAP_X_FETCH_END] = { MT_T("\")\" closes the data of this message: the FETCH response is "
                                   "complete."),
                              "RFC 9051 §7.5.2" },
    [MT_IMAP_X_USERNAME] = { MT_T("The user name, in clear text."),
                             "RFC 9051 §6.2.3" },
    [MT_IMAP_X_PASSWORD] = { MT_T("The password, as the user typed it. Without TLS, anyone who captures "
                                  "this connection can read it. (The preference mailteach.redact_secrets "
                                  "hides it on screen.)"),
                             "RFC 9051 §6.2.3" },
    [MT_IMAP_X_PASSWORD_TLS] = { MT_T("The password. The connection uses TLS, so it was encrypted on the "
                                      "network; Wireshark shows it only because it has the TLS keys."),
                                 "RFC 9051 §6.2.3" },
    [MT_IMAP_X_MAILBOX] = { MT_T("A mailbox (folder) name. INBOX, in any case, is the user's main "
                                 "mailbox."),
                            "RFC 9051 §5.1" },
    [MT_IMAP_X_MAILBOX_NEW] = { MT_T("The new name of the mailbox."),
                                "RFC 9051 §6.3.6" },
    [MT_IMAP_X_SEQSET] = { MT_T("The messages to work on, by sequence number: n is one message, n:m a "
                                "range, and * the last message, so 1:* means all of them."),
                           "RFC 9051 §4.1.1" },
    [MT_IMAP_X_UIDSET] = { MT_T("The messages to work on, by UID: n is one UID, n:m a range of UIDs, and "
                                "* the highest UID in the mailbox."),
                           "RFC 9051 §4.1.1" },
    [MT_IMAP_X_MSGNO] = { MT_T("The message sequence number: the position of the message in the mailbox, "
                               "counted from 1. It changes when messages before it are removed; the UID "
                               "does not."),
                          "RFC 9051 §2.3.1.2" },
    [MT_IMAP_X_REFERENCE] = { MT_T("The reference: where the pattern starts. \"\" means the top level."),
                              "RFC 9051 §6.3.9" },
    [MT_IMAP_X_PATTERN] = { MT_T("The pattern: * matches any characters, % matches any characters except "
                                 "the hierarchy delimiter (one level only)."),
                            "RFC 9051 §6.3.9" },
    [MT_IMAP_X_DELIMITER] = { MT_T("The hierarchy delimiter: the character between the levels of a mailbox "
                                   "name. NIL means that the names are flat."),
                              "RFC 9051 §7.3.1" },
    [MT_IMAP_X_APPEND_DATE] = { MT_T("The internal date to give the new message, instead of the time of "
                                     "the upload."),
                                "RFC 9051 §6.3.12" },
    [MT_IMAP_X_APPEND_FLAGS] = { MT_T("Flags to set on the new message."),
                                 "RFC 9051 §6.3.12" },
    [MT_IMAP_X_STORE_SET] = { MT_T("FLAGS: replace the message's flags with this list."),
                              "RFC 9051 §6.4.6" },
    [MT_IMAP_X_STORE_ADD] = { MT_T("+FLAGS: add these flags and keep the others."),
                              "RFC 9051 §6.4.6" },
    [MT_IMAP_X_STORE_REMOVE] = { MT_T("-FLAGS: remove these flags and keep the others."),
                                 "RFC 9051 §6.4.6" },
    [MT_IMAP_X_STORE_SILENT] = { MT_T(".SILENT: the server does not send the new flags back."),
                                 "RFC 9051 §6.4.6" },
    [MT_IMAP_X_SECTION_ALL] = { MT_T("[] with nothing inside: the whole message, header and body."),
                                "RFC 9051 §6.4.5" },
    [MT_IMAP_X_SECTION_HEADER] = { MT_T("HEADER: only the header section of the message."),
                                   "RFC 9051 §6.4.5" },
    [MT_IMAP_X_SECTION_FIELDS] = { MT_T("HEADER.FIELDS (...): only the header fields named in the list."),
                                   "RFC 9051 §6.4.5" },
    [MT_IMAP_X_SECTION_FIELDS_NOT] = { MT_T("HEADER.FIELDS.NOT (...): every header field except those "
                                            "named."),
                                       "RFC 9051 §6.4.5" },
    [MT_IMAP_X_SECTION_TEXT] = { MT_T("TEXT: only the body, without the header section."),
                                 "RFC 9051 §6.4.5" },
    [MT_IMAP_X_SECTION_MIME] = { MT_T("MIME: the MIME header fields of one part."),
                                 "RFC 9051 §6.4.5" },
    [MT_IMAP_X_SECTION_PART] = { MT_T("A part number: one part of a multipart message, counted as in "
                                      "BODYSTRUCTURE (1, 2, 2.1 ...)."),
                                 "RFC 9051 §6.4.5" },
    [MT_IMAP_X_PARTIAL] = { MT_T("<start.length>: only this range of octets (a partial fetch)."),
                            "RFC 9051 §6.4.5" },
    [MT_IMAP_X_BODY_PART] = { MT_T("One part of the message with its MIME type; BODY[number] fetches it."),
                              "RFC 9051 §7.5.2" },
    [MT_IMAP_X_COPY_SOURCE] = { MT_T("The UIDs of the original messages, in the mailbox they were copied "
                                     "from."),
                                "RFC 4315 §3" },
    [MT_IMAP_X_COPY_TARGET] = { MT_T("The UIDs that the copies got in the target mailbox, in the same order."),
                                "RFC 4315 §3" },
    [MT_IMAP_X_APPEND_UID] = { MT_T("The UID that the new message got in the target mailbox."),
                               "RFC 4315 §3" },
    [MT_IMAP_X_NAMESPACE_PERSONAL] = { MT_T("The user's own mailboxes: the prefix of their names and the "
                                            "hierarchy delimiter."),
                                       "RFC 9051 §6.3.10" },
    [MT_IMAP_X_NAMESPACE_OTHER] = { MT_T("Other users' mailboxes that this user may see."),
                                    "RFC 9051 §6.3.10" },
    [MT_IMAP_X_NAMESPACE_SHARED] = { MT_T("Shared mailboxes, such as public folders."),
                                     "RFC 9051 §6.3.10" },
    [MT_IMAP_X_ID_NIL] = { MT_T("NIL: no information is given."),
                           "RFC 2971 §3.1" },
    [MT_IMAP_X_UNKNOWN_CMD] = { MT_T("Not an IMAP command that mailteach knows. A server answers BAD to a "
                                     "command it does not know."),
                                "RFC 9051 §6" },
    [MT_IMAP_X_UNKNOWN_FLAG] = { MT_T("A keyword: a flag that a client or a user made up. It has no fixed "
                                      "meaning."),
                                 "RFC 9051 §2.3.2" },
    [MT_IMAP_X_UNKNOWN_SYSTEM_FLAG] = { MT_T("Flags that start with \"\\\" are system flags that the RFCs "
                                             "define. mailteach does not know this one; a server may refuse a "
                                             "flag it does not define."),
                                        "RFC 9051 §2.3.2" },
    [MT_IMAP_X_UNKNOWN_CAP] = { MT_T("mailteach does not know this capability. Clients ignore capabilities "
                                     "they do not know."),
                                "RFC 9051 §7.2.2" },
    [MT_IMAP_X_UNKNOWN_CODE] = { MT_T("mailteach does not know this response code. Clients ignore codes "
                                      "they do not know."),
                                 "RFC 9051 §7.1" },
    [MT_IMAP_X_UNKNOWN_ITEM] = { MT_T("mailteach does not know this data item."),
                                 "RFC 9051 §6.4.5" },
    [MT_IMAP_X_UNKNOWN_UNTAGGED] = { MT_T("mailteach does not know this untagged response. Clients ignore "
                                          "responses that they do not understand."),
                                     "RFC 9051 §7" },
    [MT_IMAP_X_UNKNOWN_ATTR] = { MT_T("mailteach does not know this mailbox attribute."),
                                 "RFC 9051 §7.3.1" },
    [MT_IMAP_X_UNKNOWN_STATUS_ITEM] = { MT_T("mailteach does not know this STATUS item."),
                                        "RFC 9051 §6.3.11" },
    [MT_IMAP_X_UNKNOWN_MECH] = { MT_T("mailteach does not know this SASL mechanism."),
                                 "RFC 4422 §3.1" },
    [MT_IMAP_X_UNSOLICITED] = { MT_T("No command in progress asked for this data. That is normal in IMAP: "
                                     "the server reports changes, such as new mail, whenever it may."),
                                "RFC 9051 §5.3; RFC 3501 §5.3" },
    [MT_IMAP_X_PUSHED_IDLE] = { MT_T("Pushed during IDLE: the server reports this change as soon as it "
                                     "happens, without a new command."),
                                "RFC 9051 §6.3.13" },
    [MT_IMAP_X_MIDSESSION] = { MT_T("The capture starts in the middle of this session: mailteach did not see "
                                    "the earlier lines and guesses where the session stands."),
                               NULL },
    [MT_IMAP_X_MAYBE_LITERAL] = { MT_T("Not an IMAP line: the capture probably started inside a literal, "
                                       "such as a message, so this is likely part of it."),
                                  NULL },
    [MT_IMAP_X_UNMATCHED] = { MT_T("The command this response answers is not in the capture."),
                              NULL },
    [MT_IMAP_X_MAYBE_EARLY] = { MT_T("No command with this tag is in progress. Either the capture missed "
                                     "it, or the client is still sending the line and the server rejected "
                                     "it early, at the first error it read."),
                                "RFC 9051 §2.2.2" },
    [MT_IMAP_X_EARLY_ANSWER] = { MT_T("The server answered this command before the line was complete: it "
                                      "read the start of the line and rejected it there. The client then "
                                      "sent the rest anyway."),
                                 "RFC 9051 §2.2.2" },
    [MT_IMAP_X_EMPTY_LINE] = { MT_T("An empty line: not a command. A server answers BAD."),
                               "RFC 9051 §2.2.1" },
    [MT_IMAP_X_NO_COMMAND] = { MT_T("A tag without a command name after it. A server answers BAD."),
                               "RFC 9051 §2.2.1" },
    [MT_IMAP_X_BAD_LINE] = { MT_T("Not a valid command line: it must start with a tag (letters and digits), a "
                                  "space and a command name. A server answers BAD."),
                             "RFC 9051 §2.2.1" },
    [MT_IMAP_X_BAD_RESPONSE] = { MT_T("Not an IMAP response: a server line starts with \"*\" (untagged), "
                                      "\"+\" (continuation) or a tag followed by OK, NO or BAD."),
                                 "RFC 9051 §2.2.2" },
    [MT_IMAP_X_DONE_OUT] = { MT_T("DONE ends IDLE, but no IDLE is in progress, so a server reads it as a "
                                  "command line and answers BAD."),
                             "RFC 9051 §6.3.13" },
    [MT_IMAP_X_SASL_LINE] = { MT_T("Answer to the server's challenge, in Base64. Base64 is an encoding, not "
                                   "encryption: anyone who captures it can decode it."),
                              "RFC 9051 §6.2.2" },
    [MT_IMAP_X_SASL_CANCEL] = { MT_T("\"*\" cancels the AUTHENTICATE exchange; the server answers BAD."),
                                "RFC 9051 §6.2.2" },
    [MT_IMAP_X_SASL_CANCELLED] = { MT_T("The server confirms that the client cancelled the login with \"*\": "
                                        "it rejects AUTHENTICATE with BAD, as it must. Nobody is logged in; the "
                                        "client may start another login."),
                                   "RFC 9051 §6.2.2" },
    [MT_IMAP_X_SASL_IR] = { MT_T("The initial response (SASL-IR): the first SASL data, in Base64, on the "
                                 "command line itself; \"=\" means empty."),
                            "RFC 4959" },
    [MT_IMAP_X_RESPONSE_TEXT] = { MT_T("Text for humans. Programs act on the status and the response "
                                       "code, not on these words."),
                                  "RFC 9051 §7.1" },
    [MT_IMAP_X_BARE_LF] = { MT_T("This line ends with LF alone. IMAP lines end with CR LF; some servers "
                                 "accept a bare LF, others do not."),
                            "RFC 9051 §2.2" },
    [MT_IMAP_X_TOO_LONG] = { MT_T("The command line is longer than 8192 octets. Servers should accept at "
                                  "least that much, but may refuse longer lines."),
                             "RFC 7162 §4" },
    [MT_IMAP_X_GREETING_MISSED] = { MT_T("The server's greeting is not in the capture (the capture started "
                                         "late)."),
                                    "RFC 9051 §7.1" },
    [MT_IMAP_X_COMPRESSED] = { MT_T("Compressed with DEFLATE since COMPRESS was accepted: these octets are "
                                    "not text, and mailteach cannot read them."),
                               "RFC 4978 §3" },
    [MT_IMAP_X_PASSWORD_ARG] = { MT_T("The second argument of LOGIN: the password."),
                                 "RFC 9051 §6.2.3" },
};

/* The short meaning of a line that a text above explains, and short
 * meanings of their own. */
static const mt_text summaries[MT_IMAP_X_COUNT] = {
    [MT_IMAP_X_CONTINUATION]         = MT_T("continuation request"),
    [MT_IMAP_X_CONT_LITERAL]         = MT_T("go ahead: send the literal"),
    [MT_IMAP_X_CONT_SASL]            = MT_T("challenge: send the next Base64 line"),
    [MT_IMAP_X_CONT_IDLE]            = MT_T("IDLE accepted: waiting for news"),
    [MT_IMAP_X_LITERAL_DATA]         = MT_T("literal, {1} of {2} octets so far"),
    [MT_IMAP_X_LITERAL_PASSWORD]     = MT_T("the LOGIN password, in a literal"),
    [MT_IMAP_X_CLIENT_LINE_END]      = MT_T("end of the command line"),
    [MT_IMAP_X_CLIENT_LINE_GOES_ON]  = MT_T("rest of the command line"),
    [MT_IMAP_X_SERVER_LINE_GOES_ON]  = MT_T("rest of the response line"),
    [MT_IMAP_X_FETCH_END]            = MT_T("end of this message's data"),
    [MT_IMAP_X_UNKNOWN_CMD]          = MT_T("unknown command {1}"),
    [MT_IMAP_X_UNKNOWN_UNTAGGED]     = MT_T("unknown response {1}"),
    [MT_IMAP_X_MAYBE_LITERAL]        = MT_T("probably part of a literal (capture started late)"),
    [MT_IMAP_X_EMPTY_LINE]           = MT_T("empty line"),
    [MT_IMAP_X_NO_COMMAND]           = MT_T("tag without a command"),
    [MT_IMAP_X_BAD_LINE]             = MT_T("not a valid command line"),
    [MT_IMAP_X_BAD_RESPONSE]         = MT_T("not a valid response line"),
    [MT_IMAP_X_DONE_OUT]             = MT_T("DONE without IDLE"),
    [MT_IMAP_X_SASL_LINE]            = MT_T("answer to the challenge, in Base64"),
    [MT_IMAP_X_SASL_CANCEL]          = MT_T("cancel the login"),
    [MT_IMAP_X_SASL_CANCELLED]       = MT_T("login cancelled by the client"),
    [MT_IMAP_X_COMPRESSED]           = MT_T("compressed data, {1} octets"),
    [MT_IMAP_X_S_UNTAGGED_OK]        = MT_T("information from the server"),
    [MT_IMAP_X_S_EXISTS_GREW]        = MT_T("now {1} messages in the mailbox: new messages arrived"),
    [MT_IMAP_X_S_UNTAGGED_NO]        = MT_T("warning from the server"),
    [MT_IMAP_X_S_UNTAGGED_BAD]       = MT_T("error report from the server"),
    [MT_IMAP_X_S_UNTAGGED_BYE]       = MT_T("the server closes the connection"),
    [MT_IMAP_X_S_UNTAGGED_PREAUTH]   = MT_T("PREAUTH outside the greeting"),
    [MT_IMAP_X_S_LITERAL_PIECE]      = MT_T("literal, {1} of {2} octets so far"),
    [MT_IMAP_X_S_LITERAL_END]        = MT_T("literal complete, {1} octets"),
    [MT_IMAP_X_S_LITERAL_MESSAGE]    = MT_T("message text in a literal, {1} octets"),
    [MT_IMAP_X_S_LITERAL_HEADER]     = MT_T("the message's header in a literal, {1} octets"),
    [MT_IMAP_X_S_LITERAL_SECTION]    = MT_T("a section of the message in a literal, {1} octets"),
    [MT_IMAP_X_S_LITERAL_LINE]       = MT_T("literal announced: {1} octets follow"),
    [MT_IMAP_X_S_MISSING_ARG]        = MT_T("{1} without its argument"),
    [MT_IMAP_X_S_LITERAL_ARG]        = MT_T("{1}, with an argument in a literal"),
    [MT_IMAP_X_S_LOGOUT_BYE]         = MT_T("logging out: the server says goodbye"),
    /* the command's summary when its set names one message */
    [MT_IMAP_X_S_FETCH_ONE]          = MT_T("fetch data of message {1}"),
    [MT_IMAP_X_S_STORE_ONE]          = MT_T("change the flags of message {1}"),
    [MT_IMAP_X_S_COPY_ONE]           = MT_T("copy message {1} to {2}"),
    [MT_IMAP_X_S_MOVE_ONE]           = MT_T("move message {1} to {2}"),
};

const mt_text *
mt_imap_stage_text(mt_imap_stage st)
{
    return (unsigned)st < MT_IMAP_ST_COUNT ? &stages[st] : NULL;
}

const mt_text *
mt_imap_next_text(mt_imap_next n)
{
    return (unsigned)n < MT_IMAP_N_COUNT && n != MT_IMAP_N_NONE ? &nexts[n] : NULL;
}

const mt_text *
mt_imap_label_text(mt_imap_label l)
{
    return (unsigned)l < MT_IMAP_L_COUNT ? &labels[l] : NULL;
}

const mt_text *
mt_imap_expl_text(mt_imap_expl x)
{
    return (unsigned)x < MT_IMAP_X_COUNT && expls[x].text.en ? &expls[x].text : NULL;
}

const mt_text *
mt_imap_expl_summary(mt_imap_expl x)
{
    return (unsigned)x < MT_IMAP_X_COUNT && summaries[x].en ? &summaries[x] : NULL;
}

const char *
mt_imap_expl_rfc(mt_imap_expl x)
{
    return (unsigned)x < MT_IMAP_X_COUNT ? expls[x].rfc : NULL;
}
