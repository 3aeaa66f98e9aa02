/* mt_imap_catalog.c - what mailteach knows about IMAP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Static tables only. The texts are written for students who read English
 * as a second language: short sentences, present tense, one idea each.
 * Every row cites the RFC (or, for vendor extensions, the vendor). Where
 * IMAP4rev2 (RFC 9051) and IMAP4rev1 (RFC 3501) both define a thing, both
 * sections are given, because most servers still speak IMAP4rev1.
 */
#include "mt_imap_catalog.h"

#include <stddef.h>
#include <string.h>

#include "mt_util.h"

/* Does s (len bytes) start with kw, ignoring case? */
static gboolean
keyword_prefix(const guint8 *s, gsize len, const char *kw)
{
    gsize i;

    for (i = 0; kw[i] != '\0'; i++) {
        if (i >= len || g_ascii_toupper((gchar)s[i]) != g_ascii_toupper(kw[i]))
            return FALSE;
    }
    return TRUE;
}

/* ------------------------------------------------------------------------
 * Commands, in enum order (MT_IMAP_CMD_CAPABILITY first).
 * ------------------------------------------------------------------------ */

#define ANY      MT_IMAP_IN_ANY
#define NOTAUTH  MT_IMAP_IN_NOTAUTH
#define AUTHSEL  (MT_IMAP_IN_AUTH | MT_IMAP_IN_SELECTED)
#define AUTHONLY MT_IMAP_IN_AUTH
#define SEL      MT_IMAP_IN_SELECTED
#define UIDSUB   MT_IMAP_CF_UID_SUB

static const mt_imap_command_info imap_commands[] = {
    { MT_IMAP_CMD_CAPABILITY, "CAPABILITY", "CAPABILITY", "RFC 9051 §6.1.1; RFC 3501 §6.1.1",
      ANY, 0, 0,
      MT_T("Ask which capabilities the server has"),
      MT_T("ask for the capabilities"),
      MT_T("The client asks which extensions and login methods the server supports. "
           "The list can change after STARTTLS and after login, so clients ask again then."),
      MT_T("The server sends one untagged * CAPABILITY line with the list, then a tagged OK.") },

    { MT_IMAP_CMD_NOOP, "NOOP", "NOOP", "RFC 9051 §6.1.2; RFC 3501 §6.1.2",
      ANY, 0, 0,
      MT_T("No operation (poll for updates)"),
      MT_T("do nothing, let the server report news"),
      MT_T("NOOP does nothing by itself. Clients send it to keep the connection open and to "
           "give the server a chance to report changes, such as new messages."),
      MT_T("The server may first send untagged updates (EXISTS, EXPUNGE, FETCH ...), "
           "then a tagged OK.") },

    { MT_IMAP_CMD_LOGOUT, "LOGOUT", "LOGOUT", "RFC 9051 §6.1.3; RFC 3501 §6.1.3",
      ANY, 0, 0,
      MT_T("End the session"),
      MT_T("log out and end the session"),
      MT_T("The client says it is finished. The server answers and then closes the connection."),
      MT_T("The server sends an untagged * BYE, then a tagged OK, and closes the TCP "
           "connection.") },

    { MT_IMAP_CMD_STARTTLS, "STARTTLS", "STARTTLS", "RFC 9051 §6.2.1; RFC 3501 §6.2.1",
      NOTAUTH, 0, MT_IMAP_CAP_STARTTLS,
      MT_T("Start TLS encryption on this connection"),
      MT_T("ask to switch to TLS encryption"),
      MT_T("The client asks to turn this clear-text connection into an encrypted TLS "
           "connection before it logs in. A client may ask only when the server lists STARTTLS."),
      MT_T("After the tagged OK the TLS handshake starts at once; then Wireshark shows TLS "
           "records (or the decrypted lines, when it has the keys). The client asks CAPABILITY "
           "again.") },

    { MT_IMAP_CMD_AUTHENTICATE, "AUTHENTICATE", "AUTHENTICATE SP mechanism [SP initial-response]",
      "RFC 9051 §6.2.2; RFC 3501 §6.2.2",
      NOTAUTH, 0, 0,
      MT_T("Log in with a SASL mechanism"),
      MT_T("log in with the {1} mechanism"),
      MT_T("The client logs in with a SASL mechanism that the server lists as AUTH=..., "
           "for example PLAIN. The data is Base64, which is an encoding, not encryption."),
      MT_T("The server sends \"+\" challenges that the client answers line by line, then a "
           "tagged OK (logged in) or NO (refused).") },

    { MT_IMAP_CMD_LOGIN, "LOGIN", "LOGIN SP userid SP password", "RFC 9051 §6.2.3; RFC 3501 §6.2.3",
      NOTAUTH, 0, 0,
      MT_T("Log in with user name and password"),
      MT_T("log in as {1}"),
      MT_T("The client sends a user name and a password in clear text. Without TLS, anyone who "
           "captures the traffic can read the password. A server that lists LOGINDISABLED "
           "refuses LOGIN."),
      MT_T("A tagged OK means the session is authenticated, often with a new capability list; "
           "NO means the login failed.") },

    { MT_IMAP_CMD_ENABLE, "ENABLE", "ENABLE 1*(SP capability)", "RFC 9051 §6.3.1; RFC 5161 §3.1",
      AUTHONLY, 0, MT_IMAP_CAP_ENABLE,
      MT_T("Turn on extensions"),
      MT_T("turn on extensions"),
      MT_T("The client asks the server to turn on extensions that change how the server "
           "behaves, such as CONDSTORE or UTF8=ACCEPT. It is allowed only before a mailbox is "
           "selected."),
      MT_T("The server lists what it turned on in an untagged * ENABLED line, then sends a "
           "tagged OK.") },

    { MT_IMAP_CMD_SELECT, "SELECT", "SELECT SP mailbox [SP (parameters)]",
      "RFC 9051 §6.3.2; RFC 3501 §6.3.1",
      AUTHSEL, 0, 0,
      MT_T("Open a mailbox (read-write)"),
      MT_T("open the mailbox {1}"),
      MT_T("The client opens a mailbox, such as INBOX, to work with its messages. Only one "
           "mailbox is selected at a time; selecting another one closes the first."),
      MT_T("The server sends untagged data about the mailbox (FLAGS, EXISTS, UIDVALIDITY, "
           "UIDNEXT ...), then a tagged OK [READ-WRITE]. NO means no mailbox is selected now.") },

    { MT_IMAP_CMD_EXAMINE, "EXAMINE", "EXAMINE SP mailbox", "RFC 9051 §6.3.3; RFC 3501 §6.3.2",
      AUTHSEL, 0, 0,
      MT_T("Open a mailbox read-only"),
      MT_T("open the mailbox {1} read-only"),
      MT_T("Like SELECT, but read-only: nothing in the mailbox can change, and reading a "
           "message does not set its \\Seen flag."),
      MT_T("The server sends the same untagged data as for SELECT, then a tagged "
           "OK [READ-ONLY].") },

    { MT_IMAP_CMD_CREATE, "CREATE", "CREATE SP mailbox", "RFC 9051 §6.3.4; RFC 3501 §6.3.3",
      AUTHSEL, 0, 0,
      MT_T("Create a mailbox"),
      MT_T("create the mailbox {1}"),
      MT_T("The client creates a new mailbox (folder). A name can have levels, separated by "
           "the hierarchy delimiter, such as Archive/2024."),
      MT_T("A tagged OK means the mailbox exists now; NO (often [ALREADYEXISTS]) means it was "
           "not created.") },

    { MT_IMAP_CMD_DELETE, "DELETE", "DELETE SP mailbox", "RFC 9051 §6.3.5; RFC 3501 §6.3.4",
      AUTHSEL, 0, 0,
      MT_T("Delete a mailbox"),
      MT_T("delete the mailbox {1}"),
      MT_T("The client deletes a mailbox and every message in it. INBOX cannot be deleted."),
      MT_T("A tagged OK means the mailbox is gone; NO (for example [NONEXISTENT]) means "
           "nothing was deleted.") },

    { MT_IMAP_CMD_RENAME, "RENAME", "RENAME SP mailbox SP new-mailbox",
      "RFC 9051 §6.3.6; RFC 3501 §6.3.5",
      AUTHSEL, 0, 0,
      MT_T("Rename a mailbox"),
      MT_T("rename the mailbox {1}"),
      MT_T("The client gives a mailbox a new name. Renaming INBOX is special: its messages "
           "move to the new mailbox, and INBOX stays, empty."),
      MT_T("A tagged OK means the mailbox has its new name; NO means it was not renamed.") },

    { MT_IMAP_CMD_SUBSCRIBE, "SUBSCRIBE", "SUBSCRIBE SP mailbox", "RFC 9051 §6.3.7; RFC 3501 §6.3.6",
      AUTHSEL, 0, 0,
      MT_T("Add a mailbox to the subscription list"),
      MT_T("subscribe to the mailbox {1}"),
      MT_T("The client marks a mailbox as subscribed: one the user wants to see in the "
           "folder list. It does not create or open the mailbox."),
      MT_T("The server answers with a tagged OK, or NO.") },

    { MT_IMAP_CMD_UNSUBSCRIBE, "UNSUBSCRIBE", "UNSUBSCRIBE SP mailbox",
      "RFC 9051 §6.3.8; RFC 3501 §6.3.7",
      AUTHSEL, 0, 0,
      MT_T("Remove a mailbox from the subscription list"),
      MT_T("unsubscribe from the mailbox {1}"),
      MT_T("The client removes a mailbox from the list of subscribed mailboxes. The mailbox "
           "and its messages stay."),
      MT_T("The server answers with a tagged OK, or NO.") },

    { MT_IMAP_CMD_LIST, "LIST", "LIST SP reference SP pattern", "RFC 9051 §6.3.9; RFC 3501 §6.3.8",
      AUTHSEL, 0, 0,
      MT_T("List mailboxes"),
      MT_T("list mailboxes"),
      MT_T("The client asks which mailboxes exist. The first argument is a reference (usually "
           "\"\"), the second a pattern: * matches everything, % matches one level only."),
      MT_T("The server sends one untagged * LIST line per mailbox, with its attributes, "
           "delimiter and name, then a tagged OK.") },

    { MT_IMAP_CMD_LSUB, "LSUB", "LSUB SP reference SP pattern", "RFC 3501 §6.3.9",
      AUTHSEL, 0, 0,
      MT_T("List subscribed mailboxes (obsolete)"),
      MT_T("list the subscribed mailboxes"),
      MT_T("Like LIST, but only for subscribed mailboxes. IMAP4rev2 drops LSUB; clients use "
           "LIST (SUBSCRIBED) instead."),
      MT_T("The server sends one untagged * LSUB line per subscribed mailbox, then a tagged "
           "OK.") },

    { MT_IMAP_CMD_NAMESPACE, "NAMESPACE", "NAMESPACE", "RFC 9051 §6.3.10; RFC 2342 §5",
      AUTHSEL, 0, MT_IMAP_CAP_NAMESPACE,
      MT_T("Ask how mailbox names are organised"),
      MT_T("ask for the namespaces"),
      MT_T("The client asks for the prefixes and delimiters of the user's own mailboxes, of "
           "other users' mailboxes and of shared mailboxes."),
      MT_T("The server sends one untagged * NAMESPACE line with three parts (NIL when a part "
           "does not exist), then a tagged OK.") },

    { MT_IMAP_CMD_STATUS, "STATUS", "STATUS SP mailbox SP (items)", "RFC 9051 §6.3.11; RFC 3501 §6.3.10",
      AUTHSEL, 0, 0,
      MT_T("Ask about a mailbox without opening it"),
      MT_T("ask for the counters of {1}"),
      MT_T("The client asks for counters of a mailbox, such as MESSAGES or UNSEEN, without "
           "selecting it. It is meant for mailboxes other than the selected one."),
      MT_T("The server sends an untagged * STATUS line with the values, then a tagged OK.") },

    { MT_IMAP_CMD_APPEND, "APPEND", "APPEND SP mailbox [SP (flags)] [SP date-time] SP literal",
      "RFC 9051 §6.3.12; RFC 3501 §6.3.11",
      AUTHSEL, 0, 0,
      MT_T("Upload a message into a mailbox"),
      MT_T("upload a message to {1}"),
      MT_T("The client stores a new message in a mailbox, for example a sent message or a "
           "draft. Flags and a date may come first; the message itself follows as a literal."),
      MT_T("A tagged OK, often with [APPENDUID], means the message is stored; NO [TRYCREATE] "
           "means the mailbox does not exist.") },

    { MT_IMAP_CMD_IDLE, "IDLE", "IDLE CRLF ... \"DONE\"", "RFC 9051 §6.3.13; RFC 2177 §3",
      AUTHSEL, 0, MT_IMAP_CAP_IDLE,
      MT_T("Wait for the server to report changes"),
      MT_T("wait for news (IDLE)"),
      MT_T("The client asks the server to push changes, such as new messages, as soon as "
           "they happen, instead of polling with NOOP."),
      MT_T("The server answers \"+\" and then sends untagged updates at any time. The client "
           "ends IDLE with a line DONE; the server then sends the tagged OK.") },

    { MT_IMAP_CMD_CHECK, "CHECK", "CHECK", "RFC 3501 §6.4.1",
      SEL, 0, 0,
      MT_T("Checkpoint the mailbox (obsolete)"),
      MT_T("ask for a checkpoint of the mailbox"),
      MT_T("The client asks the server to save the state of the selected mailbox. Servers "
           "do this anyway, so IMAP4rev2 drops CHECK; NOOP is enough."),
      MT_T("The server answers with a tagged OK.") },

    { MT_IMAP_CMD_CLOSE, "CLOSE", "CLOSE", "RFC 9051 §6.4.1; RFC 3501 §6.4.2",
      SEL, 0, 0,
      MT_T("Close the mailbox and remove deleted messages"),
      MT_T("close the mailbox, remove deleted messages"),
      MT_T("The client closes the selected mailbox. Messages marked \\Deleted are removed for "
           "good, without untagged EXPUNGE responses (but not after EXAMINE)."),
      MT_T("The server answers a tagged OK; the session is back in the authenticated state.") },

    { MT_IMAP_CMD_UNSELECT, "UNSELECT", "UNSELECT", "RFC 9051 §6.4.2; RFC 3691 §2",
      SEL, 0, MT_IMAP_CAP_UNSELECT,
      MT_T("Close the mailbox without removing anything"),
      MT_T("close the mailbox, remove nothing"),
      MT_T("The client closes the selected mailbox, like CLOSE, but removes nothing: messages "
           "marked \\Deleted stay."),
      MT_T("The server answers a tagged OK; the session is back in the authenticated state.") },

    { MT_IMAP_CMD_EXPUNGE, "EXPUNGE", "EXPUNGE", "RFC 9051 §6.4.3; RFC 3501 §6.4.3",
      SEL, UIDSUB, 0,
      MT_T("Remove the messages marked \\Deleted"),
      MT_T("remove the messages marked \\Deleted"),
      MT_T("The client asks the server to remove for good every message in the selected "
           "mailbox that has the \\Deleted flag. UID EXPUNGE removes only the given UIDs."),
      MT_T("The server sends one untagged * n EXPUNGE per removed message, then a tagged OK.") },

    { MT_IMAP_CMD_SEARCH, "SEARCH", "SEARCH [SP CHARSET SP charset] 1*(SP search-key)",
      "RFC 9051 §6.4.4; RFC 3501 §6.4.4",
      SEL, UIDSUB, 0,
      MT_T("Find messages that match criteria"),
      MT_T("search for messages"),
      MT_T("The client asks which messages match search keys, such as UNSEEN, "
           "FROM \"teacher\" or SINCE 1-Sep-2024. When several keys follow each other, all of "
           "them must match."),
      MT_T("The server sends an untagged * SEARCH line with the matching numbers (* ESEARCH "
           "in IMAP4rev2), then a tagged OK.") },

    { MT_IMAP_CMD_FETCH, "FETCH", "FETCH SP sequence-set SP (items)", "RFC 9051 §6.4.5; RFC 3501 §6.4.5",
      SEL, UIDSUB, 0,
      MT_T("Read data of messages"),
      MT_T("fetch data of messages {1}"),
      MT_T("The client asks for data items of some messages: flags, size, envelope, structure "
           "or content. BODY[...] marks the message as \\Seen (unless the mailbox is read-only); "
           "BODY.PEEK[...] does not."),
      MT_T("The server sends one untagged * n FETCH line per message, large content as "
           "literals, then a tagged OK.") },

    { MT_IMAP_CMD_STORE, "STORE", "STORE SP sequence-set SP [+|-]FLAGS[.SILENT] SP (flags)",
      "RFC 9051 §6.4.6; RFC 3501 §6.4.6",
      SEL, UIDSUB, 0,
      MT_T("Change the flags of messages"),
      MT_T("change the flags of messages {1}"),
      MT_T("The client replaces (FLAGS), adds (+FLAGS) or removes (-FLAGS) flags of messages. "
           "Adding \\Deleted marks a message for removal by EXPUNGE."),
      MT_T("The server sends the new flags in untagged * n FETCH lines (not with .SILENT), "
           "then a tagged OK.") },

    { MT_IMAP_CMD_COPY, "COPY", "COPY SP sequence-set SP mailbox", "RFC 9051 §6.4.7; RFC 3501 §6.4.7",
      SEL, UIDSUB, 0,
      MT_T("Copy messages to another mailbox"),
      MT_T("copy messages {1} to {2}"),
      MT_T("The client copies messages from the selected mailbox to the end of another "
           "mailbox. The originals stay where they are."),
      MT_T("A tagged OK (often with [COPYUID]) means every message was copied; NO [TRYCREATE] "
           "means the target mailbox does not exist.") },

    { MT_IMAP_CMD_MOVE, "MOVE", "MOVE SP sequence-set SP mailbox", "RFC 9051 §6.4.8; RFC 6851 §3",
      SEL, UIDSUB, MT_IMAP_CAP_MOVE,
      MT_T("Move messages to another mailbox"),
      MT_T("move messages {1} to {2}"),
      MT_T("The client moves messages to another mailbox: the server copies them and removes "
           "the originals in one step."),
      MT_T("The server sends [COPYUID] in an untagged OK and one * n EXPUNGE per moved "
           "message, then a tagged OK.") },

    { MT_IMAP_CMD_UID, "UID", "UID SP (FETCH / SEARCH / STORE / COPY / MOVE / EXPUNGE) ...",
      "RFC 9051 §6.4.9; RFC 3501 §6.4.8",
      SEL, 0, 0,
      MT_T("Run a command with UIDs instead of sequence numbers"),
      MT_T("{1} with UIDs"),
      MT_T("UID comes before FETCH, SEARCH, STORE, COPY, MOVE or EXPUNGE. The numbers in the "
           "command and in the answer are then UIDs, which do not change when other messages "
           "are removed."),
      MT_T("The server answers as for the command after UID, with UIDs; each FETCH response "
           "then includes the UID.") },

    { MT_IMAP_CMD_ID, "ID", "ID SP ( \"(\" field value ... \")\" / NIL )", "RFC 2971 §3.1",
      ANY, 0, MT_IMAP_CAP_ID,
      MT_T("Exchange client and server software names"),
      MT_T("exchange software names (ID)"),
      MT_T("The client tells its software name and version and asks for the server's. "
           "It helps with debugging and gives no rights. NIL sends nothing."),
      MT_T("The server sends an untagged * ID line with its own fields (or NIL), then a "
           "tagged OK.") },

    { MT_IMAP_CMD_COMPRESS, "COMPRESS", "COMPRESS SP algorithm", "RFC 4978 §3",
      AUTHSEL, 0, MT_IMAP_CAP_COMPRESS,
      MT_T("Compress the rest of the connection"),
      MT_T("ask to compress the connection"),
      MT_T("The client asks to compress everything after this command with DEFLATE. From then "
           "on the bytes are not readable as text."),
      MT_T("After the tagged OK both sides compress; Wireshark cannot read the IMAP lines "
           "after that.") },

    { MT_IMAP_CMD_SORT, "SORT", "SORT SP (criteria) SP charset 1*(SP search-key)", "RFC 5256 §3",
      SEL, UIDSUB, MT_IMAP_CAP_SORT,
      MT_T("Search and sort messages"),
      MT_T("sort messages"),
      MT_T("Like SEARCH, but the server returns the matching messages in an order, such as by "
           "DATE or SUBJECT. A charset comes before the search keys."),
      MT_T("The server sends an untagged * SORT line with the sorted numbers, then a tagged "
           "OK.") },

    { MT_IMAP_CMD_THREAD, "THREAD", "THREAD SP algorithm SP charset 1*(SP search-key)", "RFC 5256 §3",
      SEL, UIDSUB, MT_IMAP_CAP_THREAD,
      MT_T("Search and group messages into threads"),
      MT_T("group messages into threads"),
      MT_T("Like SEARCH, but the server groups the matching messages into conversation "
           "threads with an algorithm, such as REFERENCES."),
      MT_T("The server sends an untagged * THREAD line with nested lists of message numbers, "
           "then a tagged OK.") },

    { MT_IMAP_CMD_GETQUOTA, "GETQUOTA", "GETQUOTA SP quota-root", "RFC 9208",
      AUTHSEL, 0, MT_IMAP_CAP_QUOTA,
      MT_T("Ask for a quota (storage limit)"),
      MT_T("ask for a quota"),
      MT_T("The client asks how much of a quota root is used and what its limits are, for "
           "example the storage the user may fill."),
      MT_T("The server sends an untagged * QUOTA line, then a tagged OK.") },

    { MT_IMAP_CMD_GETQUOTAROOT, "GETQUOTAROOT", "GETQUOTAROOT SP mailbox", "RFC 9208",
      AUTHSEL, 0, MT_IMAP_CAP_QUOTA,
      MT_T("Ask which quotas apply to a mailbox"),
      MT_T("ask for the quotas of {1}"),
      MT_T("The client asks which quota roots apply to a mailbox, with their usage and "
           "limits."),
      MT_T("The server sends * QUOTAROOT and * QUOTA lines, then a tagged OK.") },

    { MT_IMAP_CMD_SETQUOTA, "SETQUOTA", "SETQUOTA SP quota-root SP (limits)", "RFC 9208",
      AUTHSEL, 0, MT_IMAP_CAP_QUOTA,
      MT_T("Change a quota limit"),
      MT_T("set a quota"),
      MT_T("An administrator changes the limits of a quota root. Most servers refuse this "
           "command from normal users."),
      MT_T("The server answers a tagged OK, or NO when the user may not change quotas.") },

    { MT_IMAP_CMD_GETACL, "GETACL", "GETACL SP mailbox", "RFC 4314 §3.3",
      AUTHSEL, 0, MT_IMAP_CAP_ACL,
      MT_T("Ask who may use a mailbox"),
      MT_T("ask for the access rights of {1}"),
      MT_T("The client asks for the access control list of a mailbox: which users have which "
           "rights."),
      MT_T("The server sends an untagged * ACL line, then a tagged OK.") },

    { MT_IMAP_CMD_SETACL, "SETACL", "SETACL SP mailbox SP identifier SP rights", "RFC 4314 §3.1",
      AUTHSEL, 0, MT_IMAP_CAP_ACL,
      MT_T("Give or take rights on a mailbox"),
      MT_T("set access rights"),
      MT_T("The client changes the rights of a user on a mailbox, for example to share a "
           "folder. The rights are letters, such as l (list), r (read) and i (insert)."),
      MT_T("The server answers a tagged OK, or NO.") },

    { MT_IMAP_CMD_MYRIGHTS, "MYRIGHTS", "MYRIGHTS SP mailbox", "RFC 4314 §3.5",
      AUTHSEL, 0, MT_IMAP_CAP_ACL,
      MT_T("Ask for one's own rights on a mailbox"),
      MT_T("ask for own rights on {1}"),
      MT_T("The client asks which rights the logged-in user has on a mailbox."),
      MT_T("The server sends an untagged * MYRIGHTS line, then a tagged OK.") },

    { MT_IMAP_CMD_GETMETADATA, "GETMETADATA", "GETMETADATA [SP (options)] SP mailbox SP entries",
      "RFC 5464 §4",
      AUTHSEL, 0, MT_IMAP_CAP_METADATA,
      MT_T("Read annotations"),
      MT_T("ask for annotations"),
      MT_T("The client reads annotations (entries such as /private/comment) of a mailbox or, "
           "with \"\", of the server."),
      MT_T("The server sends an untagged * METADATA line, then a tagged OK.") },

    { MT_IMAP_CMD_SETMETADATA, "SETMETADATA", "SETMETADATA SP mailbox SP (entry value ...)",
      "RFC 5464 §4",
      AUTHSEL, 0, MT_IMAP_CAP_METADATA,
      MT_T("Write annotations"),
      MT_T("set annotations"),
      MT_T("The client sets or removes (with NIL) annotations of a mailbox or of the server."),
      MT_T("The server answers a tagged OK, or NO [METADATA ...] when a limit is reached.") },

    { MT_IMAP_CMD_UNAUTHENTICATE, "UNAUTHENTICATE", "UNAUTHENTICATE", "RFC 8437",
      AUTHSEL, 0, MT_IMAP_CAP_UNAUTHENTICATE,
      MT_T("Log out but keep the connection"),
      MT_T("log out, keep the connection"),
      MT_T("The client ends the login but keeps the connection open, so that it can log in "
           "again, perhaps as another user."),
      MT_T("After the tagged OK the session is back in the not authenticated state.") },

    { MT_IMAP_CMD_XLIST, "XLIST", "XLIST SP reference SP pattern", "Google (non-standard)",
      AUTHSEL, 0, MT_IMAP_CAP_XLIST,
      MT_T("List mailboxes with their roles (old Gmail extension)"),
      MT_T("list mailboxes (old XLIST)"),
      MT_T("Non-standard, from Gmail: like LIST, with roles such as \\Inbox or \\Sent. "
           "SPECIAL-USE (RFC 6154) replaced it."),
      MT_T("The server sends untagged * XLIST lines, then a tagged OK.") },

    { MT_IMAP_CMD_CONNECT, "(connect)", "(TCP connection opened)", "RFC 9051 §3; RFC 3501 §3",
      ANY, 0, 0,
      MT_T("Connection opened: the server greets first"),
      MT_T("connection opened"),
      MT_T("This is not a command: it is the TCP connection itself. In IMAP the server speaks "
           "first, with an untagged greeting, and the client waits for it."),
      MT_T("* OK means the client must log in; * PREAUTH means it is logged in already; "
           "* BYE means the server refuses the connection.") },

    { MT_IMAP_CMD_DONE, "DONE", "\"DONE\" CRLF", "RFC 9051 §6.3.13; RFC 2177 §3",
      AUTHSEL, 0, 0,
      MT_T("End of IDLE"),
      MT_T("end IDLE"),
      MT_T("DONE is not a tagged command: it ends the IDLE command in progress. After it the "
           "client may send commands again."),
      MT_T("The server ends IDLE with the tagged OK that carries the IDLE command's tag.") },

    { MT_IMAP_CMD_SASL, "(SASL answer)", "base64 / \"*\"", "RFC 9051 §6.2.2; RFC 3501 §6.2.2",
      NOTAUTH, 0, 0,
      MT_T("Answer to an AUTHENTICATE challenge"),
      MT_T("answer to the challenge, in Base64"),
      MT_T("After a \"+\" challenge the client sends one line of Base64 data, such as the user "
           "name and password for PLAIN. Base64 is only an encoding: anyone who sees it can "
           "decode it. A line \"*\" cancels."),
      MT_T("The server sends another \"+\" challenge, or the tagged OK (logged in), NO "
           "(refused) or BAD (cancelled).") },
};

G_STATIC_ASSERT(G_N_ELEMENTS(imap_commands) == MT_IMAP_CMD_COUNT - 1);

#undef ANY
#undef NOTAUTH
#undef AUTHSEL
#undef AUTHONLY
#undef SEL
#undef UIDSUB

/* ------------------------------------------------------------------------
 * Status responses (RFC 9051 §7.1), in enum order.
 * ------------------------------------------------------------------------ */

static const mt_imap_status_info imap_statuses[] = {
    { MT_IMAP_STATUS_OK, "OK", "RFC 9051 §7.1.1; RFC 3501 §7.1.1",
      MT_T("Success"),
      MT_T("OK as the tagged answer: the command with this tag is complete and it worked."),
      MT_T("An untagged OK is information, not the end of a command. Its response code in "
           "brackets often carries data, such as the UIDVALIDITY of the mailbox.") },
    { MT_IMAP_STATUS_NO, "NO", "RFC 9051 §7.1.2; RFC 3501 §7.1.2",
      MT_T("Failure"),
      MT_T("NO as the tagged answer: the command failed. The server understood it but could not "
           "do it, for example because of a wrong password or an unknown mailbox."),
      MT_T("An untagged NO is a warning from the server; the command in progress goes on.") },
    { MT_IMAP_STATUS_BAD, "BAD", "RFC 9051 §7.1.3; RFC 3501 §7.1.3",
      MT_T("Protocol error"),
      MT_T("BAD as the tagged answer: the server did not accept the command. It is a syntax "
           "error, an unknown command, or a command that is not allowed in this state."),
      MT_T("An untagged BAD reports a protocol error that the server cannot tie to a command, "
           "or a problem of the server itself.") },
    { MT_IMAP_STATUS_PREAUTH, "PREAUTH", "RFC 9051 §7.1.4; RFC 3501 §7.1.4",
      MT_T("Already authenticated"),
      MT_T("PREAUTH is never a tagged answer; it is valid only as the greeting."),
      MT_T("Greeting: the connection is authenticated already, for example by the network it "
           "comes from, so no login is needed.") },
    { MT_IMAP_STATUS_BYE, "BYE", "RFC 9051 §7.1.5; RFC 3501 §7.1.5",
      MT_T("Closing"),
      MT_T("BYE is never a tagged answer; it is always untagged."),
      MT_T("The server is about to close the connection: after LOGOUT, when it shuts down, or "
           "when the client was idle for too long.") },
};

G_STATIC_ASSERT(G_N_ELEMENTS(imap_statuses) == MT_IMAP_STATUS_COUNT - 1);

/* ------------------------------------------------------------------------
 * What a status means for the command it completes. Rows for
 * MT_IMAP_CMD_UNKNOWN are the fallback for commands without their own.
 * ------------------------------------------------------------------------ */

#define CTX(c, st, sum, text) { MT_IMAP_CMD_##c, MT_IMAP_STATUS_##st, MT_T(sum), MT_T(text) }

static const mt_imap_context imap_contexts[] = {
    CTX(UNKNOWN, OK, "command completed", "The command worked."),
    CTX(UNKNOWN, NO, "command failed", "The command failed; the session goes on."),
    CTX(UNKNOWN, BAD, "command not accepted",
        "The server did not accept the command: check its spelling, its arguments and whether "
        "it is allowed in this state."),

    CTX(CONNECT, OK, "server ready (greeting)",
        "The server is ready and greets the client. The client now logs in with LOGIN or "
        "AUTHENTICATE, after STARTTLS if the connection is not encrypted yet."),
    CTX(CONNECT, PREAUTH, "server ready, already logged in",
        "The server greets the client as already logged in: the session starts in the "
        "authenticated state."),
    CTX(CONNECT, BYE, "connection refused",
        "The server refuses the connection and closes it."),

    CTX(CAPABILITY, OK, "capability list complete",
        "The capability list above is complete. The client may use what it lists."),
    CTX(NOOP, OK, "OK: nothing done",
        "Nothing happened; any untagged updates came before this line."),
    CTX(LOGOUT, OK, "logged out: connection closing",
        "The session is over; the server closes the connection now."),

    CTX(STARTTLS, OK, "start TLS now",
        "Start the TLS handshake now: everything after it is encrypted. The client must forget "
        "the capabilities it saw and should ask for them again."),
    CTX(STARTTLS, NO, "TLS not available",
        "TLS is not available now; the connection stays unencrypted. A careful client stops "
        "here instead of sending a password in clear text."),
    CTX(STARTTLS, BAD, "STARTTLS not accepted",
        "STARTTLS is not accepted here: TLS may be active already, or the server does not "
        "offer it."),

    CTX(AUTHENTICATE, OK, "logged in",
        "Logged in: the session is now authenticated. The client can select a mailbox."),
    CTX(AUTHENTICATE, NO, "login failed",
        "This login attempt failed: the credentials were not accepted, or the server refuses "
        "the mechanism. The client is not logged in and may try again."),
    CTX(AUTHENTICATE, BAD, "AUTHENTICATE not accepted",
        "The server did not accept the exchange: the mechanism or an argument is invalid, or a "
        "line was not valid Base64 (a cancel with \"*\" is answered with BAD too)."),

    CTX(LOGIN, OK, "logged in",
        "Logged in: the session is now authenticated. The client can list and select "
        "mailboxes."),
    CTX(LOGIN, NO, "login failed",
        "This login attempt failed: the credentials were not accepted, for example a wrong user "
        "name or password or an expired account. The client is still not authenticated and may "
        "try again."),
    CTX(LOGIN, BAD, "LOGIN not accepted",
        "The LOGIN command was not accepted: a syntax error, or the client is logged in "
        "already."),

    CTX(ENABLE, OK, "extensions turned on",
        "The extensions named in * ENABLED are now on for the rest of the session."),

    CTX(SELECT, OK, "mailbox selected",
        "The mailbox is selected: the client can now FETCH, SEARCH and STORE. The untagged "
        "lines before this one describe it."),
    CTX(SELECT, NO, "mailbox not opened",
        "The mailbox could not be opened, for example because it does not exist. Now no "
        "mailbox is selected, even if one was before."),
    CTX(SELECT, BAD, "SELECT not accepted",
        "SELECT was not accepted, for example before login."),
    CTX(EXAMINE, OK, "mailbox open read-only",
        "The mailbox is open read-only: the client can read messages but change nothing."),
    CTX(EXAMINE, NO, "mailbox not opened",
        "The mailbox could not be opened. Now no mailbox is selected."),

    CTX(CREATE, OK, "mailbox created", "The mailbox is created."),
    CTX(CREATE, NO, "mailbox not created",
        "The mailbox was not created, for example because it exists already."),
    CTX(DELETE, OK, "mailbox deleted", "The mailbox and its messages are deleted."),
    CTX(DELETE, NO, "nothing deleted",
        "Nothing was deleted, for example because the mailbox does not exist."),
    CTX(RENAME, OK, "mailbox renamed", "The mailbox has its new name."),
    CTX(RENAME, NO, "mailbox not renamed", "The mailbox was not renamed."),
    CTX(SUBSCRIBE, OK, "subscribed", "The mailbox is now on the subscription list."),
    CTX(UNSUBSCRIBE, OK, "unsubscribed", "The mailbox is no longer on the subscription list."),
    CTX(LIST, OK, "list complete",
        "The list is complete: one * LIST line came for each matching mailbox."),
    CTX(LSUB, OK, "list complete",
        "The list of subscribed mailboxes is complete (it may be empty)."),
    CTX(NAMESPACE, OK, "namespaces sent", "The namespaces are in the * NAMESPACE line above."),
    CTX(STATUS, OK, "counters sent", "The counters are in the * STATUS line above."),
    CTX(STATUS, NO, "no counters",
        "No status: the mailbox does not exist or the user may not read it."),

    CTX(APPEND, OK, "message stored",
        "The message is stored in the mailbox. [APPENDUID] gives the UID it got."),
    CTX(APPEND, NO, "message not stored",
        "The message was not stored. With [TRYCREATE] the mailbox does not exist yet."),
    CTX(APPEND, BAD, "APPEND not accepted",
        "The APPEND command or its literal was not accepted."),

    CTX(IDLE, OK, "IDLE over", "IDLE is over. The client may send commands again."),
    CTX(IDLE, NO, "IDLE refused", "The server does not allow IDLE now."),
    CTX(IDLE, BAD, "IDLE not accepted",
        "IDLE was not accepted, or the line that ended it was not DONE."),

    CTX(CHECK, OK, "checkpoint done", "The mailbox state is saved."),
    CTX(CLOSE, OK, "mailbox closed; messages marked \\Deleted, if any, removed",
        "The mailbox is closed and its messages marked \\Deleted, if any, are removed (none "
        "are if it was opened read-only, with EXAMINE). No mailbox is selected now."),
    CTX(UNSELECT, OK, "mailbox closed",
        "The mailbox is closed; nothing was removed. No mailbox is selected now."),
    CTX(EXPUNGE, OK, "deleted messages removed",
        "The messages marked \\Deleted are removed; each * n EXPUNGE above named one of them."),
    CTX(EXPUNGE, NO, "nothing removed",
        "Nothing was removed, for example because the mailbox is read-only."),
    CTX(SEARCH, OK, "search done",
        "The search is done; the matches are in the * SEARCH line above."),
    CTX(SEARCH, NO, "search failed",
        "The search failed, for example because of an unknown charset."),
    CTX(SEARCH, BAD, "search keys not understood", "The search keys were not understood."),
    CTX(FETCH, OK, "fetch complete", "All data asked for was sent in the * FETCH lines above."),
    CTX(FETCH, NO, "some data not sent",
        "Some data could not be sent, for example because a message was removed meanwhile."),
    CTX(FETCH, BAD, "FETCH not accepted",
        "FETCH was not accepted: a wrong message number, wrong data items, or no mailbox "
        "selected."),
    CTX(STORE, OK, "flags changed",
        "The flags are changed; the * FETCH lines above show the new flags."),
    CTX(STORE, NO, "flags not changed",
        "The flags were not changed, for example in a read-only mailbox."),
    CTX(STORE, BAD, "STORE not accepted",
        "STORE was not accepted, for example because of an invalid flag."),
    CTX(COPY, OK, "messages copied", "The messages are copied. [COPYUID] lists the new UIDs."),
    CTX(COPY, NO, "nothing copied",
        "Nothing was copied. With [TRYCREATE] the target mailbox does not exist yet; the client "
        "may CREATE it and try again."),
    CTX(MOVE, OK, "messages moved",
        "The messages are moved: copied to the target and removed here."),
    CTX(MOVE, NO, "nothing moved",
        "Nothing was moved. With [TRYCREATE] the target mailbox does not exist yet."),
    CTX(ID, OK, "ID exchanged",
        "The ID exchange is done; the server's fields are in the * ID line above."),
    CTX(COMPRESS, OK, "compression starts",
        "Compression starts right after this line on both sides."),
    CTX(DONE, OK, "IDLE over", "IDLE is over. The client may send commands again."),
    CTX(SASL, OK, "logged in",
        "Logged in: the credentials are accepted. The session is now authenticated."),
    CTX(SASL, NO, "login failed",
        "This login attempt failed: the credentials sent in Base64 were not accepted. The "
        "client may try again."),
    CTX(SASL, BAD, "login cancelled or invalid",
        "The exchange is over: cancelled with \"*\", or the Base64 data was invalid."),
};

#undef CTX

/* ------------------------------------------------------------------------
 * Response codes (RFC 9051 §7.1 and the extensions), sorted by name.
 * ------------------------------------------------------------------------ */

#define CODE(n, rfc, d, sum, text) { (n), (rfc), MT_IMAP_CODE_##d, MT_T(sum), MT_T(text) }

static const mt_imap_code_info imap_codes[] = {
    CODE("ALERT", "RFC 9051 §7.1; RFC 3501 §7.1", NONE,
         "alert for the user",
         "The text is an alert that the client must show to the user, for example a warning "
         "about the account."),
    CODE("ALREADYEXISTS", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "already exists",
         "The mailbox (or other object) exists already, so it cannot be created again."),
    CODE("APPENDUID", "RFC 9051 §7.1; RFC 4315 §3", APPENDUID,
         "stored, with its new UID",
         "After APPEND: the UIDVALIDITY of the target mailbox and the UID the new message got."),
    CODE("AUTHENTICATIONFAILED", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "login failed",
         "The login failed for a reason the server does not give, typically an unknown user or "
         "a wrong password: any problem with the credentials. Trying the same ones again later "
         "will not help."),
    CODE("AUTHORIZATIONFAILED", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "not authorized for that identity",
         "The credentials are right, but this user may not act as the identity it asked for."),
    CODE("BADCHARSET", "RFC 9051 §7.1; RFC 3501 §7.1", OTHER,
         "charset not supported",
         "SEARCH used a character set that the server does not support; the list in "
         "parentheses names those it does."),
    CODE("BADURL", "RFC 4469", OTHER,
         "URL not usable",
         "A URL given to CATENATE could not be used."),
    CODE("CANNOT", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "not possible here",
         "The operation is not possible here and never will be, for example a name the server "
         "cannot store."),
    CODE("CAPABILITY", "RFC 9051 §7.1; RFC 3501 §7.1", CAPABILITIES,
         "capability list",
         "The server's capability list, sent with the greeting or the login answer so that the "
         "client need not ask with CAPABILITY."),
    CODE("CLIENTBUG", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "the client made a mistake",
         "The server thinks the client made a mistake, although the command worked, for "
         "example because it asked for the same thing twice."),
    CODE("CLOSED", "RFC 9051 §7.1; RFC 7162 §3.2", NONE,
         "previous mailbox closed",
         "The mailbox selected before is closed now. The data after this line is about the "
         "newly selected mailbox."),
    CODE("COMPRESSIONACTIVE", "RFC 4978", NONE,
         "already compressed",
         "Compression is active on this connection already."),
    CODE("CONTACTADMIN", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "contact the administrator",
         "The user should contact the system administrator or the support desk."),
    CODE("COPYUID", "RFC 9051 §7.1; RFC 4315 §3", COPYUID,
         "copied, with the new UIDs",
         "After COPY or MOVE: the UIDVALIDITY of the target mailbox, the source UIDs and the "
         "UIDs the copies got, in the same order."),
    CODE("CORRUPTION", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "damaged data on the server",
         "The server found damaged data, for example a broken mailbox file."),
    CODE("EXPIRED", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "password or account expired",
         "The login is refused because the password or the account has expired."),
    CODE("EXPUNGEISSUED", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "messages removed meanwhile",
         "Another session removed messages while this command ran, so some data may be "
         "missing."),
    CODE("HASCHILDREN", "RFC 9051 §7.1", NONE,
         "mailbox has child mailboxes",
         "The mailbox cannot be deleted because it has child mailboxes."),
    CODE("HIGHESTMODSEQ", "RFC 7162 §3.1", MODSEQ,
         "highest mod-sequence {1}",
         "The highest mod-sequence in the mailbox (CONDSTORE). A client that saved it can later "
         "fetch only what changed since."),
    CODE("INUSE", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "in use by another session",
         "The command cannot run now because another session uses the object, for example a "
         "locked mailbox. Try again later."),
    CODE("LIMIT", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "server limit reached",
         "A limit of the server is reached, for example too many mailboxes or too large a "
         "command."),
    CODE("MAILBOXID", "RFC 8474", OTHER,
         "mailbox id",
         "The permanent identifier that the server gave to the mailbox (OBJECTID)."),
    CODE("METADATA", "RFC 5464", OTHER,
         "annotation problem",
         "A problem with annotations (METADATA), such as a value that is too large."),
    CODE("MODIFIED", "RFC 7162 §3.1", OTHER,
         "changed since, not modified",
         "These messages were not changed, because they changed after the mod-sequence the "
         "client gave (UNCHANGEDSINCE)."),
    CODE("NOMODSEQ", "RFC 7162 §3.1", NONE,
         "no mod-sequences here",
         "This mailbox keeps no mod-sequences, so CONDSTORE cannot be used with it."),
    CODE("NONEXISTENT", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "does not exist",
         "The mailbox or other object does not exist."),
    CODE("NOPERM", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "no permission",
         "The user has no permission for this operation, for example on another user's "
         "mailbox."),
    CODE("NOTSAVED", "RFC 5182", NONE,
         "search result not saved",
         "The search result was not saved for later use as $ (SEARCHRES)."),
    CODE("OVERQUOTA", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "over quota",
         "The user's quota (storage limit) is reached. With NO nothing was stored; with OK it "
         "is a warning."),
    CODE("PARSE", "RFC 9051 §7.1; RFC 3501 §7.1", NONE,
         "message could not be parsed",
         "The server could not parse the header or the MIME structure of a message."),
    CODE("PERMANENTFLAGS", "RFC 9051 §7.1; RFC 3501 §7.1", FLAGS,
         "flags the client may change",
         "The flags that the client can change for good in this mailbox. \\* means it may "
         "also create new keywords."),
    CODE("PRIVACYREQUIRED", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "TLS required",
         "The operation needs a protected connection: the client must use TLS first."),
    CODE("READ-ONLY", "RFC 9051 §7.1; RFC 3501 §7.1", NONE,
         "mailbox open read-only",
         "The mailbox is open read-only: nothing in it can change in this session (EXAMINE, "
         "or no right to write)."),
    CODE("READ-WRITE", "RFC 9051 §7.1; RFC 3501 §7.1", NONE,
         "mailbox open read-write",
         "The mailbox is open read-write: the client may change flags and remove messages."),
    CODE("REFERRAL", "RFC 2221", OTHER,
         "go to another server",
         "The server sends the client to another server (an IMAP URL) for this account or "
         "mailbox."),
    CODE("SERVERBUG", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "server error",
         "The server failed because of a bug or an internal problem, not because of the "
         "client."),
    CODE("TOOBIG", "RFC 4469; RFC 7888 §5", NONE,
         "too big",
         "The message or literal is larger than the server accepts."),
    CODE("TRYCREATE", "RFC 9051 §7.1; RFC 3501 §7.1", NONE,
         "target mailbox missing: create it first",
         "The target mailbox does not exist, but it could be created: the client may send "
         "CREATE and then try the command again."),
    CODE("UIDNEXT", "RFC 9051 §7.1; RFC 3501 §7.1", UIDNEXT,
         "next UID {1}",
         "The UID that the next new message in this mailbox will get, at least. A client can "
         "see from it whether new messages arrived."),
    CODE("UIDNOTSTICKY", "RFC 9051 §7.1; RFC 4315 §3", NONE,
         "UIDs do not persist here",
         "This mailbox cannot keep UIDs from one session to the next; saved UIDs may be wrong "
         "next time."),
    CODE("UIDVALIDITY", "RFC 9051 §7.1; RFC 3501 §7.1", UIDVALIDITY,
         "UIDVALIDITY {1}",
         "The UIDVALIDITY of the mailbox. While it stays the same, UIDs keep their meaning; if "
         "it changes, the client must forget every UID it saved."),
    CODE("UNAVAILABLE", "RFC 9051 §7.1; RFC 5530 §3", NONE,
         "temporary failure",
         "A temporary failure, for example a database that the server needs is down. Try "
         "again later."),
    CODE("UNKNOWN-CTE", "RFC 9051 §7.1; RFC 3516", NONE,
         "encoding unknown to the server",
         "The server cannot decode the Content-Transfer-Encoding of the part the client asked "
         "for with BINARY."),
    CODE("UNSEEN", "RFC 3501 §7.1", UNSEEN,
         "first unseen message: {1}",
         "The sequence number of the first message without the \\Seen flag. IMAP4rev2 drops "
         "this code."),
    CODE("USEATTR", "RFC 6154", NONE,
         "special-use attribute refused",
         "The special-use attribute given with CREATE cannot be used."),
};

#undef CODE

/* ------------------------------------------------------------------------
 * Untagged responses, in enum order.
 * ------------------------------------------------------------------------ */

#define C(x) MT_IMAP_CMD_##x
#define NONE_FOR { MT_IMAP_CMD_UNKNOWN }

static const mt_imap_untagged_info imap_untaggeds[] = {
    { MT_IMAP_UT_CAPABILITY, "CAPABILITY", FALSE, "RFC 9051 §7.2.2; RFC 3501 §7.2.1",
      MT_T("capability list"),
      MT_T("The list of capabilities: the IMAP version, the extensions and the login methods "
           "(AUTH=...). Clients ignore names they do not know."),
      { C(CAPABILITY), C(LOGIN), C(AUTHENTICATE), C(SASL), C(STARTTLS) } },
    { MT_IMAP_UT_ENABLED, "ENABLED", FALSE, "RFC 9051 §7.2.1; RFC 5161 §3.2",
      MT_T("extensions turned on"),
      MT_T("The extensions that the server turned on in answer to ENABLE."),
      { C(ENABLE) } },
    { MT_IMAP_UT_FLAGS, "FLAGS", FALSE, "RFC 9051 §7.3.5; RFC 3501 §7.2.6",
      MT_T("flags of the mailbox"),
      MT_T("The flags defined in the selected mailbox. Which of them the client may change is "
           "in PERMANENTFLAGS."),
      { C(SELECT), C(EXAMINE) } },
    { MT_IMAP_UT_LIST, "LIST", FALSE, "RFC 9051 §7.3.1; RFC 3501 §7.2.2",
      MT_T("mailbox {1}"),
      MT_T("One mailbox: its attributes in parentheses, the hierarchy delimiter and its name."),
      { C(LIST) } },
    { MT_IMAP_UT_LSUB, "LSUB", FALSE, "RFC 3501 §7.2.3",
      MT_T("subscribed mailbox {1}"),
      MT_T("One subscribed mailbox, written like a LIST line. IMAP4rev2 drops LSUB."),
      { C(LSUB) } },
    { MT_IMAP_UT_XLIST, "XLIST", FALSE, "Google (non-standard)",
      MT_T("mailbox {1}"),
      MT_T("One mailbox, like a LIST line, with Gmail's folder roles."),
      { C(XLIST) } },
    { MT_IMAP_UT_STATUS, "STATUS", FALSE, "RFC 9051 §7.3.3; RFC 3501 §7.2.4",
      MT_T("counters of {1}"),
      MT_T("Counters of a mailbox: each item name is followed by its value."),
      { C(STATUS), C(LIST) } },
    { MT_IMAP_UT_SEARCH, "SEARCH", FALSE, "RFC 3501 §7.2.5",
      MT_T("search results"),
      MT_T("The numbers of the messages that match: sequence numbers, or UIDs after UID SEARCH. "
           "An empty list means that nothing matched."),
      { C(SEARCH), C(UID) } },
    { MT_IMAP_UT_ESEARCH, "ESEARCH", FALSE, "RFC 9051 §7.3.4; RFC 4731",
      MT_T("search results"),
      MT_T("Extended search result: how many messages matched, the lowest and highest match, "
           "or ALL as a compact set."),
      { C(SEARCH), C(UID), C(SORT) } },
    { MT_IMAP_UT_SORT, "SORT", FALSE, "RFC 5256 §4",
      MT_T("sorted messages"),
      MT_T("The matching messages in the order that the client asked for."),
      { C(SORT), C(UID) } },
    { MT_IMAP_UT_THREAD, "THREAD", FALSE, "RFC 5256 §4",
      MT_T("message threads"),
      MT_T("The matching messages grouped into threads: each parenthesised list is a thread "
           "or a branch of one."),
      { C(THREAD), C(UID) } },
    { MT_IMAP_UT_NAMESPACE, "NAMESPACE", FALSE, "RFC 9051 §7.3.2; RFC 2342 §5",
      MT_T("namespaces"),
      MT_T("Three parts: the user's own namespace, other users' and shared ones. Each is NIL or "
           "a list of (prefix delimiter)."),
      { C(NAMESPACE) } },
    { MT_IMAP_UT_ID, "ID", FALSE, "RFC 2971 §3.2",
      MT_T("server software (ID)"),
      MT_T("The server's software name, version and other fields as name-value pairs, or NIL."),
      { C(ID) } },
    { MT_IMAP_UT_EXISTS, "EXISTS", TRUE, "RFC 9051 §7.4.1; RFC 3501 §7.3.1",
      MT_T("{1} messages in the mailbox"),
      MT_T("The number of messages in the mailbox. It comes after SELECT and whenever the "
           "number grows, for example when new mail arrives."),
      { C(SELECT), C(EXAMINE), C(NOOP), C(IDLE), C(APPEND), C(CHECK) } },
    { MT_IMAP_UT_RECENT, "RECENT", TRUE, "RFC 3501 §7.3.2",
      MT_T("messages marked \\Recent: {1}"),
      MT_T("The number of messages with the \\Recent flag: new since the last session looked "
           "at the mailbox. IMAP4rev2 drops RECENT."),
      { C(SELECT), C(EXAMINE), C(NOOP), C(IDLE), C(EXPUNGE), C(APPEND) } },
    { MT_IMAP_UT_EXPUNGE, "EXPUNGE", TRUE, "RFC 9051 §7.5.1; RFC 3501 §7.4.1",
      MT_T("message {1} removed"),
      MT_T("The message with this sequence number is removed for good. Every later message "
           "moves down by one, so the client must renumber."),
      { C(EXPUNGE), C(MOVE), C(UID), C(NOOP), C(IDLE), C(CHECK) } },
    { MT_IMAP_UT_FETCH, "FETCH", TRUE, "RFC 9051 §7.5.2; RFC 3501 §7.4.2",
      MT_T("data of message {1}"),
      MT_T("Data about one message: pairs of a data item name and its value. It answers FETCH "
           "or STORE, or reports a change, such as new flags."),
      { C(FETCH), C(STORE), C(UID), C(NOOP), C(IDLE) } },
    { MT_IMAP_UT_VANISHED, "VANISHED", FALSE, "RFC 7162 §3.2",
      MT_T("messages removed (UIDs)"),
      MT_T("UIDs of messages that were removed (QRESYNC); it replaces EXPUNGE responses."),
      { C(SELECT), C(EXAMINE), C(EXPUNGE), C(UID), C(NOOP), C(IDLE) } },
    { MT_IMAP_UT_QUOTA, "QUOTA", FALSE, "RFC 9208",
      MT_T("quota"),
      MT_T("Usage and limit of each resource of a quota root, such as STORAGE in units of "
           "1024 octets."),
      { C(GETQUOTA), C(GETQUOTAROOT) } },
    { MT_IMAP_UT_QUOTAROOT, "QUOTAROOT", FALSE, "RFC 9208",
      MT_T("quota roots"),
      MT_T("The quota roots that apply to a mailbox."),
      { C(GETQUOTAROOT) } },
    { MT_IMAP_UT_ACL, "ACL", FALSE, "RFC 4314 §3.6",
      MT_T("access rights"),
      MT_T("Who may do what with a mailbox: pairs of a user and the letters of their rights."),
      { C(GETACL) } },
    { MT_IMAP_UT_MYRIGHTS, "MYRIGHTS", FALSE, "RFC 4314 §3.8",
      MT_T("own rights"),
      MT_T("The rights the logged-in user has on a mailbox, as letters (l list, r read, "
           "s seen, w write, i insert ...)."),
      { C(MYRIGHTS) } },
    { MT_IMAP_UT_METADATA, "METADATA", FALSE, "RFC 5464 §4",
      MT_T("annotations"),
      MT_T("Annotations (entries and values) of a mailbox or of the server."),
      { C(GETMETADATA) } },
};

#undef C
#undef NONE_FOR

G_STATIC_ASSERT(G_N_ELEMENTS(imap_untaggeds) == MT_IMAP_UT_COUNT - 1);

/* ------------------------------------------------------------------------
 * Capabilities. Prefix rows match every name that starts with them.
 * ------------------------------------------------------------------------ */

#define CAP(n, pre, flag, rfc, text) { (n), (pre), (flag), (rfc), MT_T(text) }

static const mt_imap_cap_info imap_caps[] = {
    CAP("IMAP4rev1", FALSE, MT_IMAP_CAP_IMAP4REV1, "RFC 3501 §7.2.1",
        "The server speaks IMAP4rev1 (RFC 3501), the IMAP version most servers implement."),
    CAP("IMAP4rev2", FALSE, MT_IMAP_CAP_IMAP4REV2, "RFC 9051 §7.2.2",
        "The server speaks IMAP4rev2 (RFC 9051), which includes many former extensions, such "
        "as IDLE, MOVE and NAMESPACE."),
    CAP("STARTTLS", FALSE, MT_IMAP_CAP_STARTTLS, "RFC 9051 §6.2.1",
        "The client can switch this connection to TLS with STARTTLS before it logs in."),
    CAP("LOGINDISABLED", FALSE, MT_IMAP_CAP_LOGINDISABLED, "RFC 9051 §6.2.3",
        "The LOGIN command is disabled here, usually until the connection uses TLS. It keeps "
        "passwords from crossing the network in clear text."),
    CAP("AUTH=", TRUE, MT_IMAP_CAP_AUTH, "RFC 9051 §6.2.2",
        "A SASL mechanism that the client may use with AUTHENTICATE; its name follows "
        "\"AUTH=\"."),
    CAP("SASL-IR", FALSE, MT_IMAP_CAP_SASL_IR, "RFC 4959",
        "The client may put its first SASL data on the AUTHENTICATE line itself, which saves "
        "a round trip."),
    CAP("IDLE", FALSE, MT_IMAP_CAP_IDLE, "RFC 2177",
        "The client may use IDLE to have changes pushed to it at once."),
    CAP("LITERAL+", FALSE, MT_IMAP_CAP_LITERALPLUS, "RFC 7888 §3",
        "The client may send literals as {n+} without waiting for the server's \"+\"."),
    CAP("LITERAL-", FALSE, MT_IMAP_CAP_LITERALMINUS, "RFC 7888 §5",
        "Like LITERAL+, but only for literals of up to 4096 octets."),
    CAP("NAMESPACE", FALSE, MT_IMAP_CAP_NAMESPACE, "RFC 2342",
        "The server answers the NAMESPACE command."),
    CAP("ID", FALSE, MT_IMAP_CAP_ID, "RFC 2971",
        "The server answers the ID command, which exchanges software names and versions."),
    CAP("ENABLE", FALSE, MT_IMAP_CAP_ENABLE, "RFC 5161",
        "The client may turn on extensions with ENABLE."),
    CAP("UIDPLUS", FALSE, MT_IMAP_CAP_UIDPLUS, "RFC 4315",
        "The server tells the UIDs of new messages ([APPENDUID], [COPYUID]) and supports "
        "UID EXPUNGE."),
    CAP("MOVE", FALSE, MT_IMAP_CAP_MOVE, "RFC 6851",
        "The client may move messages with MOVE in one step."),
    CAP("CONDSTORE", FALSE, MT_IMAP_CAP_CONDSTORE, "RFC 7162 §3.1",
        "The server keeps a mod-sequence for each message, so that a client can fetch only "
        "what changed."),
    CAP("QRESYNC", FALSE, MT_IMAP_CAP_QRESYNC, "RFC 7162 §3.2",
        "Quick resynchronisation: a client can catch up on every change, removals included, "
        "when it selects a mailbox."),
    CAP("UNSELECT", FALSE, MT_IMAP_CAP_UNSELECT, "RFC 3691",
        "The client may close a mailbox with UNSELECT, which keeps \\Deleted messages."),
    CAP("CHILDREN", FALSE, MT_IMAP_CAP_CHILDREN, "RFC 3348",
        "LIST may show \\HasChildren or \\HasNoChildren for a mailbox; \\HasChildren is only "
        "a hint."),
    CAP("SPECIAL-USE", FALSE, MT_IMAP_CAP_SPECIAL_USE, "RFC 6154",
        "LIST marks mailboxes with their role, such as \\Sent, \\Drafts or \\Trash."),
    CAP("CREATE-SPECIAL-USE", FALSE, 0, "RFC 6154",
        "The client may give a role, such as \\Sent, to a mailbox when it creates it."),
    CAP("LIST-EXTENDED", FALSE, MT_IMAP_CAP_LIST_EXTENDED, "RFC 5258",
        "LIST takes selection and return options, for example to list only subscribed "
        "mailboxes."),
    CAP("LIST-STATUS", FALSE, MT_IMAP_CAP_LIST_STATUS, "RFC 5819",
        "LIST can return STATUS data for every mailbox in one command."),
    CAP("LIST-MYRIGHTS", FALSE, 0, "RFC 8440",
        "LIST can return the user's rights on every mailbox."),
    CAP("ESEARCH", FALSE, MT_IMAP_CAP_ESEARCH, "RFC 4731",
        "SEARCH can return compact results: a count, the lowest or highest match, or ranges."),
    CAP("SEARCHRES", FALSE, MT_IMAP_CAP_SEARCHRES, "RFC 5182",
        "A search result can be saved and used as $ in the next command."),
    CAP("SORT", FALSE, MT_IMAP_CAP_SORT, "RFC 5256",
        "The server sorts search results with the SORT command."),
    CAP("SORT=DISPLAY", FALSE, MT_IMAP_CAP_SORT, "RFC 5957",
        "SORT can order by the displayed names (DISPLAYFROM, DISPLAYTO)."),
    CAP("THREAD=", TRUE, MT_IMAP_CAP_THREAD, "RFC 5256",
        "The server groups messages into threads with the THREAD command; the name after "
        "\"=\" is the algorithm."),
    CAP("ESORT", FALSE, 0, "RFC 5267",
        "SORT can return compact results, as ESEARCH does for SEARCH."),
    CAP("CONTEXT=", TRUE, 0, "RFC 5267",
        "The server can keep search or sort results up to date while the mailbox changes."),
    CAP("WITHIN", FALSE, 0, "RFC 5032",
        "SEARCH can use YOUNGER and OLDER: an age in seconds."),
    CAP("MULTIAPPEND", FALSE, MT_IMAP_CAP_MULTIAPPEND, "RFC 3502",
        "One APPEND command can upload several messages."),
    CAP("CATENATE", FALSE, MT_IMAP_CAP_CATENATE, "RFC 4469",
        "APPEND can build a message from pieces, some of them taken from other messages by "
        "URL."),
    CAP("URL-PARTIAL", FALSE, 0, "RFC 5550",
        "IMAP URLs may name a range of octets of a message part (;PARTIAL=)."),
    CAP("URLAUTH", FALSE, 0, "RFC 4467",
        "The server can create URLs that let another server, such as a submission server, "
        "fetch a message."),
    CAP("BINARY", FALSE, MT_IMAP_CAP_BINARY, "RFC 3516",
        "The server can decode parts itself (FETCH BINARY[...]) and accept binary content."),
    CAP("COMPRESS=", TRUE, MT_IMAP_CAP_COMPRESS, "RFC 4978",
        "The client may compress the connection with COMPRESS; the name after \"=\" is the "
        "algorithm, usually DEFLATE."),
    CAP("QUOTA", FALSE, MT_IMAP_CAP_QUOTA, "RFC 9208",
        "The server reports storage limits with GETQUOTA and GETQUOTAROOT."),
    CAP("QUOTA=", TRUE, MT_IMAP_CAP_QUOTA, "RFC 9208",
        "A quota resource or feature that the server supports, such as RES-STORAGE."),
    CAP("ACL", FALSE, MT_IMAP_CAP_ACL, "RFC 4314",
        "Mailboxes have access control lists: users can share mailboxes with others."),
    CAP("RIGHTS=", TRUE, MT_IMAP_CAP_ACL, "RFC 4314",
        "Extra rights letters that the server supports in access control lists."),
    CAP("METADATA", FALSE, MT_IMAP_CAP_METADATA, "RFC 5464",
        "Mailboxes and the server can carry annotations (entries and values)."),
    CAP("METADATA-SERVER", FALSE, MT_IMAP_CAP_METADATA, "RFC 5464",
        "Only the server, not each mailbox, can carry annotations."),
    CAP("NOTIFY", FALSE, 0, "RFC 5465",
        "The client can ask to hear about changes in several mailboxes, not only the "
        "selected one."),
    CAP("I18NLEVEL=", TRUE, 0, "RFC 5255",
        "How well the server compares text in other languages when it searches and sorts "
        "(level 1 or 2)."),
    CAP("LANGUAGE", FALSE, 0, "RFC 5255",
        "The client can choose the language of the server's human-readable texts."),
    CAP("UTF8=", TRUE, 0, "RFC 6855",
        "UTF-8 support: after ENABLE UTF8=ACCEPT, mailbox names and header fields may be plain "
        "UTF-8, such as Chinese or Japanese text."),
    CAP("APPENDLIMIT", FALSE, 0, "RFC 7889",
        "The server announces the largest message that APPEND accepts (per mailbox in "
        "STATUS)."),
    CAP("APPENDLIMIT=", TRUE, 0, "RFC 7889",
        "The largest message, in octets, that APPEND accepts in any mailbox."),
    CAP("SAVEDATE", FALSE, 0, "RFC 8514",
        "The server records when each message was saved in its mailbox (SAVEDATE)."),
    CAP("OBJECTID", FALSE, 0, "RFC 8474",
        "Mailboxes and messages have permanent identifiers (MAILBOXID, EMAILID, THREADID)."),
    CAP("PREVIEW", FALSE, 0, "RFC 8970",
        "FETCH PREVIEW returns a short text preview of a message."),
    CAP("PREVIEW=", TRUE, 0, "draft-ietf-extra-imap-fetch-preview",
        "An early draft form of PREVIEW; the name after \"=\" is the algorithm."),
    CAP("SNIPPET=", TRUE, 0, "draft-ietf-extra-imap-fetch-preview",
        "An early draft name of PREVIEW (FETCH SNIPPET); the name after \"=\" is the "
        "algorithm."),
    CAP("STATUS=SIZE", FALSE, MT_IMAP_CAP_STATUS_SIZE, "RFC 8438",
        "STATUS can return the total size of a mailbox in octets."),
    CAP("LOGIN-REFERRALS", FALSE, 0, "RFC 2221",
        "At login the server may send the client to another server ([REFERRAL])."),
    CAP("MAILBOX-REFERRALS", FALSE, 0, "RFC 2193",
        "The server may send the client to other servers for some mailboxes."),
    CAP("FILTERS", FALSE, 0, "RFC 5466",
        "Searches can be stored on the server as named filters."),
    CAP("MULTISEARCH", FALSE, 0, "RFC 7377",
        "One ESEARCH command can search several mailboxes."),
    CAP("REPLACE", FALSE, 0, "RFC 8508",
        "A message can be replaced by a new version in one step (REPLACE)."),
    CAP("UNAUTHENTICATE", FALSE, MT_IMAP_CAP_UNAUTHENTICATE, "RFC 8437",
        "The client can end the login without closing the connection."),
    CAP("CONVERT", FALSE, 0, "RFC 5259",
        "The server can convert message parts into other formats."),
    CAP("XLIST", FALSE, MT_IMAP_CAP_XLIST, "Google (non-standard)",
        "Old Gmail extension: LIST with folder roles. SPECIAL-USE replaced it."),
    CAP("X-GM-EXT-1", FALSE, 0, "Google (non-standard)",
        "Gmail extensions: labels, and Gmail's own message and thread identifiers."),
};

#undef CAP

/* ------------------------------------------------------------------------
 * FETCH data items, in enum order.
 * ------------------------------------------------------------------------ */

#define FI(id, n, rfc, text) { MT_IMAP_FI_##id, (n), (rfc), MT_T(text) }

static const mt_imap_fetch_info imap_fetch_items[] = {
    FI(ALL, "ALL", "RFC 9051 §6.4.5; RFC 3501 §6.4.5",
       "A shortcut for FLAGS INTERNALDATE RFC822.SIZE ENVELOPE."),
    FI(FAST, "FAST", "RFC 9051 §6.4.5; RFC 3501 §6.4.5",
       "A shortcut for FLAGS INTERNALDATE RFC822.SIZE."),
    FI(FULL, "FULL", "RFC 9051 §6.4.5; RFC 3501 §6.4.5",
       "A shortcut for FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY."),
    FI(FLAGS, "FLAGS", "RFC 9051 §7.5.2; RFC 3501 §7.4.2",
       "The flags of the message, such as \\Seen (read) or \\Flagged (starred)."),
    FI(UID, "UID", "RFC 9051 §2.3.1.1; RFC 9051 §7.5.2",
       "The unique identifier of the message in this mailbox. Unlike the sequence number, it "
       "does not change during the session; a new UIDVALIDITY says that UIDs changed since an "
       "earlier one."),
    FI(RFC822_SIZE, "RFC822.SIZE", "RFC 9051 §7.5.2; RFC 3501 §7.4.2",
       "The size of the message in octets, as the server would send it for BODY[]."),
    FI(INTERNALDATE, "INTERNALDATE", "RFC 9051 §7.5.2; RFC 3501 §7.4.2",
       "When the server received or stored the message. It is not the Date: header field."),
    FI(ENVELOPE, "ENVELOPE", "RFC 9051 §7.5.2; RFC 3501 §7.4.2",
       "The main header fields, parsed by the server: date, subject, from, sender, reply-to, "
       "to, cc, bcc, in-reply-to and message-id."),
    FI(BODYSTRUCTURE, "BODYSTRUCTURE", "RFC 9051 §7.5.2; RFC 3501 §7.4.2",
       "The MIME structure of the message: each part with its type, encoding and size, so that "
       "a client can fetch only the parts it needs."),
    FI(BODY, "BODY", "RFC 9051 §7.5.2; RFC 3501 §7.4.2",
       "BODY without a section: the MIME structure without extension data, a shorter "
       "BODYSTRUCTURE."),
    FI(BODY_SECTION, "BODY[]", "RFC 9051 §6.4.5; RFC 3501 §6.4.5",
       "The content of the message or of one section of it; [] is the whole message. Fetching "
       "it sets the \\Seen flag, except in a mailbox opened read-only."),
    FI(BODY_PEEK, "BODY.PEEK", "RFC 9051 §6.4.5; RFC 3501 §6.4.5",
       "Like BODY[...], but it does not set the \\Seen flag. The answer calls it BODY[...]."),
    FI(BINARY, "BINARY", "RFC 9051 §6.4.5; RFC 3516",
       "A part with its transfer encoding removed, for example with base64 already decoded."),
    FI(BINARY_PEEK, "BINARY.PEEK", "RFC 9051 §6.4.5; RFC 3516",
       "Like BINARY[...], but it does not set the \\Seen flag."),
    FI(BINARY_SIZE, "BINARY.SIZE", "RFC 9051 §6.4.5; RFC 3516",
       "The size of a part after its transfer encoding is removed."),
    FI(RFC822, "RFC822", "RFC 3501 §6.4.5",
       "The whole message, like BODY[] (an old form that IMAP4rev2 drops)."),
    FI(RFC822_HEADER, "RFC822.HEADER", "RFC 3501 §6.4.5",
       "The header section, like BODY.PEEK[HEADER] (an old form that IMAP4rev2 drops)."),
    FI(RFC822_TEXT, "RFC822.TEXT", "RFC 3501 §6.4.5",
       "The body without the header, like BODY[TEXT] (an old form that IMAP4rev2 drops)."),
    FI(MODSEQ, "MODSEQ", "RFC 7162 §3.1",
       "The mod-sequence of the message: it grows every time the message's flags change."),
    FI(PREVIEW, "PREVIEW", "RFC 8970",
       "A short plain-text preview of the message, for a message list."),
    FI(SAVEDATE, "SAVEDATE", "RFC 8514",
       "When the message was saved in this mailbox."),
    FI(EMAILID, "EMAILID", "RFC 8474",
       "A permanent identifier of the message content, the same in every mailbox."),
    FI(THREADID, "THREADID", "RFC 8474",
       "A permanent identifier of the conversation (thread) that the message belongs to."),
};

#undef FI

G_STATIC_ASSERT(G_N_ELEMENTS(imap_fetch_items) == MT_IMAP_FI_COUNT - 1);

/* ------------------------------------------------------------------------
 * Flags (RFC 9051 §2.3.2).
 * ------------------------------------------------------------------------ */

#define W(n, a, rfc, text) { (n), (a), (rfc), MT_T(text) }

static const mt_imap_word_info imap_flags[] = {
    W("\\Seen", 0, "RFC 9051 §2.3.2; RFC 3501 §2.3.2", "System flag: the message has been read."),
    W("\\Answered", 0, "RFC 9051 §2.3.2; RFC 3501 §2.3.2",
      "System flag: the message has been answered."),
    W("\\Flagged", 0, "RFC 9051 §2.3.2; RFC 3501 §2.3.2",
      "System flag: the message is marked for urgent or special attention (starred)."),
    W("\\Deleted", 0, "RFC 9051 §2.3.2; RFC 3501 §2.3.2",
      "System flag: the message is marked for removal; EXPUNGE or CLOSE removes it for good."),
    W("\\Draft", 0, "RFC 9051 §2.3.2; RFC 3501 §2.3.2",
      "System flag: the message is a draft, not finished and not sent."),
    W("\\Recent", 0, "RFC 3501 §2.3.2",
      "The message is new: this is the first session to see it. Clients cannot change this "
      "flag, and IMAP4rev2 drops it."),
    W("\\*", 0, "RFC 9051 §7.1; RFC 3501 §7.1",
      "In PERMANENTFLAGS: the client may also create new keywords of its own."),
    W("$Forwarded", 0, "RFC 9051 §2.3.2", "Keyword: the message has been forwarded."),
    W("$MDNSent", 0, "RFC 9051 §2.3.2", "Keyword: a read receipt was sent for the message."),
    W("$Junk", 0, "RFC 9051 §2.3.2", "Keyword: the user or a filter says the message is spam."),
    W("$NotJunk", 0, "RFC 9051 §2.3.2", "Keyword: the user says the message is not spam."),
    W("$Phishing", 0, "RFC 9051 §2.3.2",
      "Keyword: the message may be a phishing attack, and the client should warn the user."),
    W("$Important", 0, "RFC 8457", "Keyword: the message is important."),
};

/* Mailbox attributes in LIST and LSUB (RFC 9051 §7.3.1, RFC 6154). */
static const mt_imap_word_info imap_list_attrs[] = {
    W("\\Noinferiors", 0, "RFC 9051 §7.3.1; RFC 3501 §7.2.2",
      "No child mailbox can exist under this name."),
    W("\\Noselect", 0, "RFC 9051 §7.3.1; RFC 3501 §7.2.2",
      "This name cannot be selected: it is only a level in the hierarchy."),
    W("\\NonExistent", 0, "RFC 9051 §7.3.1; RFC 5258",
      "The mailbox does not exist; it is listed only because of its children or its "
      "subscription."),
    W("\\HasChildren", 0, "RFC 9051 §7.3.1; RFC 3348",
      "The mailbox has child mailboxes (a hint: a later LIST may not show them)."),
    W("\\HasNoChildren", 0, "RFC 9051 §7.3.1; RFC 3348", "The mailbox has no child mailboxes."),
    W("\\Marked", 0, "RFC 9051 §7.3.1; RFC 3501 §7.2.2",
      "The server thinks the mailbox is interesting: it probably has new messages."),
    W("\\Unmarked", 0, "RFC 9051 §7.3.1; RFC 3501 §7.2.2",
      "No new messages since the mailbox was last selected."),
    W("\\Subscribed", 0, "RFC 9051 §7.3.1; RFC 5258", "The mailbox is subscribed."),
    W("\\Remote", 0, "RFC 9051 §7.3.1; RFC 5258", "The mailbox is on another server."),
    W("\\All", 0, "RFC 6154 §2", "Special use: a virtual mailbox that shows every message."),
    W("\\Archive", 0, "RFC 6154 §2", "Special use: the mailbox for archived messages."),
    W("\\Drafts", 0, "RFC 6154 §2", "Special use: the mailbox for drafts."),
    W("\\Flagged", 0, "RFC 6154 §2", "Special use: a virtual mailbox of the \\Flagged messages."),
    W("\\Junk", 0, "RFC 6154 §2", "Special use: the mailbox for spam."),
    W("\\Sent", 0, "RFC 6154 §2", "Special use: the mailbox for copies of sent messages."),
    W("\\Trash", 0, "RFC 6154 §2", "Special use: the mailbox for deleted messages (wastebasket)."),
    W("\\Important", 0, "RFC 8457", "Special use: a mailbox for important messages."),
};

/* STATUS items (RFC 9051 §6.3.11). */
static const mt_imap_word_info imap_status_items[] = {
    W("MESSAGES", 0, "RFC 9051 §6.3.11; RFC 3501 §6.3.10", "The number of messages in the mailbox."),
    W("RECENT", 0, "RFC 3501 §6.3.10",
      "The number of messages with the \\Recent flag (IMAP4rev1 only)."),
    W("UIDNEXT", 0, "RFC 9051 §6.3.11; RFC 3501 §6.3.10",
      "The UID that the next new message will get."),
    W("UIDVALIDITY", 0, "RFC 9051 §6.3.11; RFC 3501 §6.3.10",
      "The UID validity value of the mailbox."),
    W("UNSEEN", 0, "RFC 9051 §6.3.11; RFC 3501 §6.3.10",
      "The number of messages without the \\Seen flag (unread)."),
    W("DELETED", 0, "RFC 9051 §6.3.11", "The number of messages with the \\Deleted flag."),
    W("SIZE", 0, "RFC 9051 §6.3.11; RFC 8438", "The total size of the mailbox in octets."),
    W("HIGHESTMODSEQ", 0, "RFC 7162 §3.1", "The highest mod-sequence of the mailbox (CONDSTORE)."),
    W("APPENDLIMIT", 0, "RFC 7889", "The largest message APPEND accepts for this mailbox."),
    W("MAILBOXID", 0, "RFC 8474", "The permanent identifier of the mailbox."),
};

/* SEARCH keys (RFC 9051 §6.4.4); nargs arguments follow each. */
static const mt_imap_word_info imap_search_keys[] = {
    W("ALL", 0, "RFC 9051 §6.4.4", "Every message in the mailbox."),
    W("ANSWERED", 0, "RFC 9051 §6.4.4", "Messages with the \\Answered flag."),
    W("BCC", 1, "RFC 9051 §6.4.4", "Messages whose Bcc: header field contains the string."),
    W("BEFORE", 1, "RFC 9051 §6.4.4", "Messages received (internal date) before the date."),
    W("BODY", 1, "RFC 9051 §6.4.4", "Messages whose body contains the string."),
    W("CC", 1, "RFC 9051 §6.4.4", "Messages whose Cc: header field contains the string."),
    W("DELETED", 0, "RFC 9051 §6.4.4", "Messages with the \\Deleted flag."),
    W("DRAFT", 0, "RFC 9051 §6.4.4", "Messages with the \\Draft flag."),
    W("FLAGGED", 0, "RFC 9051 §6.4.4", "Messages with the \\Flagged flag."),
    W("FROM", 1, "RFC 9051 §6.4.4", "Messages whose From: header field contains the string."),
    W("HEADER", 2, "RFC 9051 §6.4.4",
      "Messages with the named header field, whose value contains the string."),
    W("KEYWORD", 1, "RFC 9051 §6.4.4", "Messages with this keyword."),
    W("LARGER", 1, "RFC 9051 §6.4.4", "Messages larger than this many octets."),
    W("NEW", 0, "RFC 3501 §6.4.4", "Messages that are \\Recent and not \\Seen (IMAP4rev1 only)."),
    W("NOT", 0, "RFC 9051 §6.4.4", "Messages that do not match the next key."),
    W("OLD", 0, "RFC 3501 §6.4.4", "Messages without the \\Recent flag (IMAP4rev1 only)."),
    W("ON", 1, "RFC 9051 §6.4.4", "Messages received (internal date) on the date."),
    W("OR", 0, "RFC 9051 §6.4.4", "Messages that match at least one of the next two keys."),
    W("RECENT", 0, "RFC 3501 §6.4.4", "Messages with the \\Recent flag (IMAP4rev1 only)."),
    W("SEEN", 0, "RFC 9051 §6.4.4", "Messages with the \\Seen flag (read)."),
    W("SENTBEFORE", 1, "RFC 9051 §6.4.4", "Messages whose Date: header is before the date."),
    W("SENTON", 1, "RFC 9051 §6.4.4", "Messages whose Date: header is on the date."),
    W("SENTSINCE", 1, "RFC 9051 §6.4.4", "Messages whose Date: header is on or after the date."),
    W("SINCE", 1, "RFC 9051 §6.4.4", "Messages received (internal date) on or after the date."),
    W("SMALLER", 1, "RFC 9051 §6.4.4", "Messages smaller than this many octets."),
    W("SUBJECT", 1, "RFC 9051 §6.4.4", "Messages whose Subject: header field contains the string."),
    W("TEXT", 1, "RFC 9051 §6.4.4", "Messages whose header or body contains the string."),
    W("TO", 1, "RFC 9051 §6.4.4", "Messages whose To: header field contains the string."),
    W("UID", 1, "RFC 9051 §6.4.4", "Messages whose UIDs are in the set."),
    W("UNANSWERED", 0, "RFC 9051 §6.4.4", "Messages without the \\Answered flag."),
    W("UNDELETED", 0, "RFC 9051 §6.4.4", "Messages without the \\Deleted flag."),
    W("UNDRAFT", 0, "RFC 9051 §6.4.4", "Messages without the \\Draft flag."),
    W("UNFLAGGED", 0, "RFC 9051 §6.4.4", "Messages without the \\Flagged flag."),
    W("UNKEYWORD", 1, "RFC 9051 §6.4.4", "Messages without this keyword."),
    W("UNSEEN", 0, "RFC 9051 §6.4.4", "Messages without the \\Seen flag (unread)."),
    W("CHARSET", 1, "RFC 9051 §6.4.4",
      "The character set of the strings in the search, such as UTF-8."),
    W("RETURN", 1, "RFC 9051 §6.4.4; RFC 4731",
      "What the server returns (MIN, MAX, COUNT, ALL): the answer is an * ESEARCH line."),
    W("YOUNGER", 1, "RFC 5032", "Messages received less than this many seconds ago."),
    W("OLDER", 1, "RFC 5032", "Messages received more than this many seconds ago."),
    W("MODSEQ", 1, "RFC 7162 §3.1", "Messages changed at or after this mod-sequence."),
    W("SAVEDBEFORE", 1, "RFC 8514", "Messages saved in the mailbox before the date."),
    W("SAVEDON", 1, "RFC 8514", "Messages saved in the mailbox on the date."),
    W("SAVEDSINCE", 1, "RFC 8514", "Messages saved in the mailbox on or after the date."),
    W("EMAILID", 1, "RFC 8474", "The message with this permanent identifier."),
    W("THREADID", 1, "RFC 8474", "The messages of the conversation with this identifier."),
    W("FUZZY", 0, "RFC 6203", "The next key may match approximately, not only exactly."),
};

#undef W

/* ------------------------------------------------------------------------
 * Lookups.
 * ------------------------------------------------------------------------ */

const mt_imap_command_info *
mt_imap_command_lookup(const guint8 *verb, gsize len)
{
    /* the table is in enum order: the rows before the pseudo commands
     * (whose labels are not words a client sends) are the real ones */
    return mt_table_find(imap_commands, MT_IMAP_CMD_CONNECT - 1, sizeof(imap_commands[0]),
                         offsetof(mt_imap_command_info, verb), verb, len, MT_IMAP_MAX_KEYWORD);
}

const mt_imap_command_info *
mt_imap_command_get(mt_imap_cmd id)
{
    const mt_imap_command_info *c;

    if ((guint)id == MT_IMAP_CMD_UNKNOWN || (guint)id >= MT_IMAP_CMD_COUNT)
        return NULL;
    /* row id - 1; a table out of enum order shows as a missing row in the tests */
    c = &imap_commands[(guint)id - 1];
    return c->id == id ? c : NULL;
}

const mt_imap_status_info *
mt_imap_status_lookup(const guint8 *word, gsize len)
{
    return MT_TABLE_FIND(imap_statuses, mt_imap_status_info, word, word, len, MT_IMAP_MAX_KEYWORD);
}

const mt_imap_status_info *
mt_imap_status_get(mt_imap_status id)
{
    if ((guint)id == MT_IMAP_STATUS_NONE || (guint)id >= MT_IMAP_STATUS_COUNT)
        return NULL;
    return &imap_statuses[(guint)id - 1];
}

const mt_text *
mt_imap_context_lookup(mt_imap_cmd cmd, mt_imap_status status)
{
    const mt_imap_context *c = mt_imap_context_find(cmd, status);

    return c ? &c->meaning : NULL;
}

const mt_imap_context *
mt_imap_context_find(mt_imap_cmd cmd, mt_imap_status status)
{
    gsize i;

    for (i = 0; i < G_N_ELEMENTS(imap_contexts); i++) {
        if (imap_contexts[i].cmd == cmd && imap_contexts[i].status == status)
            return &imap_contexts[i];
    }
    return NULL;
}

const mt_imap_code_info *
mt_imap_code_lookup(const guint8 *name, gsize len)
{
    return MT_TABLE_FIND(imap_codes, mt_imap_code_info, name, name, len, MT_IMAP_MAX_KEYWORD);
}

const mt_imap_untagged_info *
mt_imap_untagged_lookup(const guint8 *name, gsize len)
{
    return MT_TABLE_FIND(imap_untaggeds, mt_imap_untagged_info, name, name, len, MT_IMAP_MAX_KEYWORD);
}

const mt_imap_untagged_info *
mt_imap_untagged_get(mt_imap_untagged id)
{
    if ((guint)id == MT_IMAP_UT_UNKNOWN || (guint)id >= MT_IMAP_UT_COUNT)
        return NULL;
    return &imap_untaggeds[(guint)id - 1];
}

gboolean
mt_imap_untagged_for(mt_imap_untagged ut, mt_imap_cmd cmd)
{
    const mt_imap_untagged_info *u = mt_imap_untagged_get(ut);
    guint i;

    if (u == NULL || cmd == MT_IMAP_CMD_UNKNOWN)
        return FALSE;
    for (i = 0; i < MT_IMAP_UT_MAX_FOR; i++) {
        if (u->for_cmds[i] == cmd)
            return TRUE;
    }
    return FALSE;
}

/* Exact names first; then the prefix rows ("AUTH=PLAIN" finds "AUTH="). */
const mt_imap_cap_info *
mt_imap_cap_lookup(const guint8 *name, gsize len)
{
    gsize i;
    guint8 first;

    if (name == NULL || len == 0 || len > MT_IMAP_MAX_KEYWORD)
        return NULL;
    /* the first letter rules out most rows without a call */
    first = mt_ascii_upper(name[0]);
    for (i = 0; i < G_N_ELEMENTS(imap_caps); i++) {
        if (!imap_caps[i].prefix && mt_ascii_upper((guint8)imap_caps[i].name[0]) == first
            && mt_ci_eq(name, len, imap_caps[i].name))
            return &imap_caps[i];
    }
    for (i = 0; i < G_N_ELEMENTS(imap_caps); i++) {
        if (imap_caps[i].prefix && mt_ascii_upper((guint8)imap_caps[i].name[0]) == first && len > strlen(imap_caps[i].name)
            && keyword_prefix(name, len, imap_caps[i].name))
            return &imap_caps[i];
    }
    return NULL;
}

const mt_imap_fetch_info *
mt_imap_fetch_lookup(const guint8 *name, gsize len)
{
    return MT_TABLE_FIND(imap_fetch_items, mt_imap_fetch_info, name, name, len, MT_IMAP_MAX_KEYWORD);
}

const mt_imap_fetch_info *
mt_imap_fetch_get(mt_imap_fetch_item id)
{
    if ((guint)id == MT_IMAP_FI_UNKNOWN || (guint)id >= MT_IMAP_FI_COUNT)
        return NULL;
    return &imap_fetch_items[(guint)id - 1];
}

static const mt_imap_word_info *
word_find(const mt_imap_word_info *table, gsize n, const guint8 *name, gsize len)
{
    gsize i;

    if (name == NULL || len == 0 || len > MT_IMAP_MAX_KEYWORD)
        return NULL;
    for (i = 0; i < n; i++) {
        if (mt_ci_eq(name, len, table[i].name))
            return &table[i];
    }
    return NULL;
}

const mt_imap_word_info *
mt_imap_flag_lookup(const guint8 *name, gsize len)
{
    return word_find(imap_flags, G_N_ELEMENTS(imap_flags), name, len);
}

const mt_imap_word_info *
mt_imap_list_attr_lookup(const guint8 *name, gsize len)
{
    return word_find(imap_list_attrs, G_N_ELEMENTS(imap_list_attrs), name, len);
}

const mt_imap_word_info *
mt_imap_status_item_lookup(const guint8 *name, gsize len)
{
    return word_find(imap_status_items, G_N_ELEMENTS(imap_status_items), name, len);
}

const mt_imap_word_info *
mt_imap_search_key_lookup(const guint8 *name, gsize len)
{
    return word_find(imap_search_keys, G_N_ELEMENTS(imap_search_keys), name, len);
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

TABLE_GETTER(mt_imap_commands, mt_imap_command_info, imap_commands)
TABLE_GETTER(mt_imap_statuses, mt_imap_status_info, imap_statuses)
TABLE_GETTER(mt_imap_contexts, mt_imap_context, imap_contexts)
TABLE_GETTER(mt_imap_codes, mt_imap_code_info, imap_codes)
TABLE_GETTER(mt_imap_untaggeds, mt_imap_untagged_info, imap_untaggeds)
TABLE_GETTER(mt_imap_caps, mt_imap_cap_info, imap_caps)
TABLE_GETTER(mt_imap_fetch_items, mt_imap_fetch_info, imap_fetch_items)
TABLE_GETTER(mt_imap_flags, mt_imap_word_info, imap_flags)
TABLE_GETTER(mt_imap_list_attrs, mt_imap_word_info, imap_list_attrs)
TABLE_GETTER(mt_imap_status_items, mt_imap_word_info, imap_status_items)
TABLE_GETTER(mt_imap_search_keys, mt_imap_word_info, imap_search_keys)

#undef TABLE_GETTER
