/* test_imap_session.c - the IMAP session machine, fed like TCP would
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every session here is fed whole, one byte at a time and cut at random
 * (mt_run_all_ways); the records must not depend on it. Literal octets
 * are raw records, one per piece fed, so tests count them by octets.
 */
#include <string.h>

#include <glib.h>

#include "mt_anomaly.h"
#include "mt_session.h"
#include "mt_test_util.h"

#define RUN(steps) mt_run_all_ways(MT_PROTO_IMAP, (steps), G_N_ELEMENTS(steps))

static gint
command(const mt_run *run, const char *verb, guint nth)
{
    return mt_run_need(run, MT_F_IMAP_COMMAND, verb, nth);
}

/* The tagged response with this tag. */
static gint
tagged(const mt_run *run, const char *tag)
{
    guint n;

    for (n = 0; n < 64; n++) {
        gint i = mt_run_find(run, MT_F_IMAP_TAG, tag, n);
        if (i < 0)
            break;
        if (mt_run_rec(run, i)->dir == MT_DIR_SERVER)
            return i;
    }
    g_error("no tagged response %s", tag);
    return -1;
}

/* Octets in raw records of direction dir, and how many such records. */
static guint64
raw_octets(const mt_run *run, mt_dir dir, guint *records)
{
    guint i, n = 0;
    guint64 total = 0;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        const mt_item *it;
        if (r->kind != MT_R_RAW || r->dir != dir)
            continue;
        it = mt_rec_find(r, MT_F_DATA_CHUNK);
        g_assert_nonnull(it);
        total += it->v.u;
        n++;
    }
    if (records)
        *records = n;
    return total;
}

/* Every line carries an explanation, the stage and the next step. */
static void
every_record_explained(const mt_run *run)
{
    guint i;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        if (r->kind == MT_R_PARTIAL)
            continue;       /* explained in the frame that ends the line */
        if (mt_rec_find(r, MT_F_EXPLANATION) == NULL || mt_rec_find(r, MT_F_STAGE) == NULL
            || mt_rec_find(r, MT_F_NEXT) == NULL)
            g_error("record %u (frame %u, kind %u) lacks explanation, stage or next", i, r->frame, r->kind);
        g_assert_nonnull(r->label);
    }
}

/* No record of direction dir is of this kind with this field value. */
static gboolean
no_line_with(const mt_run *run, mt_field f, const char *value)
{
    return mt_run_find(run, f, value, 0) < 0;
}

/* ------------------------------------------------------------------------
 * A whole session, as a teacher would show it
 * ------------------------------------------------------------------------ */

#define BODY1 "Return-Path: <teacher@x>\r\nSubject: literal test\r\n\r\n" \
              "These lines are message text, not IMAP:\r\na1 LOGOUT\r\n* BYE fake\r\n" \
              "a9 OK fake\r\n"

static const mt_step full_session[] = {
    S("* OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.\r\n"),
    C("a0 CAPABILITY\r\n"),
    S("* CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN X-UNKNOWN-CAP\r\n"
      "a0 OK Pre-login capabilities listed.\r\n"),
    C("a1 LOGIN student \"se\\\"cret\"\r\n"),
    S("a1 OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS MOVE UNSELECT NAMESPACE CONDSTORE LITERAL+] Logged in\r\n"),
    C("a2 LIST \"\" *\r\n"),
    S("* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
      "a2 OK List completed.\r\n"),
    C("a3 SELECT INBOX\r\n"),
    S("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
      "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n"
      "* 2 EXISTS\r\n* 2 RECENT\r\n* OK [UNSEEN 1] First unseen.\r\n"
      "* OK [UIDVALIDITY 1795458604] UIDs valid\r\n* OK [UIDNEXT 3] Predicted next UID\r\n"
      "a3 OK [READ-WRITE] Select completed.\r\n"),
    C("a4 FETCH 1:* (FLAGS UID RFC822.SIZE ENVELOPE BODYSTRUCTURE)\r\n"),
    S("* 1 FETCH (FLAGS (\\Recent) UID 1 RFC822.SIZE 519 ENVELOPE (\"Mon, 02 Sep 2024 09:00:00 +0000\" "
      "\"Welcome\" ((\"Teacher\" NIL \"teacher\" \"mail.example.test\")) ((\"Teacher\" NIL \"teacher\" "
      "\"mail.example.test\")) ((\"Teacher\" NIL \"teacher\" \"mail.example.test\")) ((\"Student\" NIL "
      "\"student\" \"mail.example.test\")) NIL NIL NIL \"<welcome@mail.example.test>\") BODYSTRUCTURE "
      "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 148 5 NIL NIL NIL NIL))\r\n"
      "* 2 FETCH (FLAGS (\\Recent) UID 2 RFC822.SIZE 1682 ENVELOPE (NIL \"Homework\" NIL NIL NIL NIL "
      "NIL NIL NIL NIL) BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 104 4 "
      "NIL NIL NIL NIL)(\"application\" \"octet-stream\" (\"name\" \"homework.bin\") NIL NIL \"base64\" "
      "822 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b42\") NIL NIL NIL))\r\n"
      "a4 OK Fetch completed.\r\n"),
    C("a5 FETCH 1 (BODY[])\r\n"),
    S("* 1 FETCH (FLAGS (\\Seen \\Recent) BODY[] {127}\r\n" BODY1 ")\r\na5 OK Fetch completed.\r\n"),
    C("a6 SEARCH UNSEEN FROM \"teacher\"\r\n"),
    S("* SEARCH 2\r\na6 OK Search completed.\r\n"),
    C("a7 STORE 1 +FLAGS (\\Deleted)\r\n"),
    S("* 1 FETCH (FLAGS (\\Deleted \\Seen \\Recent))\r\na7 OK Store completed.\r\n"),
    C("a8 EXPUNGE\r\n"),
    S("* 1 EXPUNGE\r\na8 OK Expunge completed.\r\n"),
    C("a9 LOGOUT\r\n"),
    S("* BYE Logging out\r\na9 OK Logout completed.\r\n"),
};

static void
test_full_session(void)
{
    mt_run *run = RUN(full_session);
    gint i;
    const mt_record *r;
    guint n;

    g_assert_cmpuint(sizeof(BODY1) - 1, ==, 127);

    /* frame 1: the greeting, with its capabilities and the state */
    r = mt_run_rec(run, 0);
    g_assert_cmpuint(r->frame, ==, 1);
    g_assert_true(mt_run_has(run, 0, MT_F_IMAP_STATUS, "OK"));
    g_assert_true(mt_run_has(run, 0, MT_F_IMAP_RESPONSE_CODE, "CAPABILITY"));
    g_assert_true(mt_run_has(run, 0, MT_F_IMAP_CAPABILITY, "IDLE"));
    g_assert_true(mt_run_has(run, 0, MT_F_AUTH_MECHANISM, "PLAIN"));
    g_assert_true(mt_run_has(run, 0, MT_F_STAGE, "Not authenticated"));
    g_assert_true(mt_run_has(run, 0, MT_F_NEXT, "LOGIN or AUTHENTICATE"));
    g_assert_true(mt_run_mentions(run, 0, "untagged response"));
    /* the "*" carries what "untagged" means; the line, what the greeting means */
    g_assert_true(mt_run_has(run, 0, MT_F_IMAP_PREFIX, "*"));
    g_assert_true(mt_run_has(run, 0, MT_F_MEANING, "untagged response"));
    g_assert_true(mt_run_has(run, 0, MT_F_EXPLANATION, "greets the client"));
    g_assert_true(mt_run_summary_is(run, 0, "server ready (greeting)"));

    /* CAPABILITY: command and answer linked both ways; unknown ones said so */
    i = command(run, "CAPABILITY", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 3);
    g_assert_true(mt_run_mentions(run, (guint)i, "The tag"));
    i = mt_run_need(run, MT_F_IMAP_CAPABILITY, "X-UNKNOWN-CAP", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_UNTAGGED, "CAPABILITY"));
    g_assert_true(mt_run_mentions(run, (guint)i, "does not know this capability"));
    i = tagged(run, "a0");
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);

    /* LOGIN with a quoted password: the user name shown, the password not */
    i = command(run, "LOGIN", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    g_assert_true(mt_run_mentions(run, (guint)i, "The password, as the user typed it"));
    g_assert_false(mt_run_has(run, (guint)i, MT_F_IMAP_ARGUMENT, "cret"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "log in as student"));
    i = tagged(run, "a1");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Authenticated"));
    g_assert_true(mt_run_mentions(run, (guint)i, "Logged in"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "logged in"));

    /* LIST rows: attributes, delimiter, mailbox */
    i = mt_run_need(run, MT_F_IMAP_MAILBOX, "Sent", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_LIST_ATTRIBUTE, "\\Sent"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_LIST_DELIMITER, "/"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 6);
    i = command(run, "LIST", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_LIST_PATTERN, "*"));

    /* SELECT: every untagged line belongs to it; the codes decoded */
    i = mt_run_need(run, MT_F_IMAP_COUNT, "2", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_UNTAGGED, "EXISTS"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "2 messages in the mailbox"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 8);
    i = mt_run_need(run, MT_F_IMAP_UIDVALIDITY, "1795458604", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 8);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_RESPONSE_CODE, "UIDVALIDITY"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "UIDVALIDITY 1795458604"));
    i = mt_run_need(run, MT_F_IMAP_UIDNEXT, "3", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 8);
    i = mt_run_need(run, MT_F_IMAP_RESPONSE_CODE, "PERMANENTFLAGS", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_FLAG, "\\*"));
    i = tagged(run, "a3");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_RESPONSE_CODE, "READ-WRITE"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Selected"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "mailbox selected"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "SELECT", 0), "open the mailbox INBOX"));
    g_assert_cmpuint(mt_run_rec(run, command(run, "SELECT", 0))->resp_frame, ==, 9);

    /* FETCH: flags, UID, size, envelope, structure */
    i = mt_run_need(run, MT_F_IMAP_UID, "1", 0);
    r = mt_run_rec(run, i);
    g_assert_cmpuint(r->req_frame, ==, 10);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_MESSAGE_NUMBER, "1"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_FLAG, "\\Recent"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_SIZE, "519"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_ENVELOPE_SUBJECT, "Welcome"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_ENVELOPE_FROM, "Teacher <teacher@mail.example.test>"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_ENVELOPE_TO, "student@mail.example.test"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_ENVELOPE_MESSAGE_ID, "<welcome@mail.example.test>"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_BODY_TYPE, "text/plain"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_BODY_ENCODING, "7bit"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_BODY_SIZE, "148"));
    /* data items explained once per answer, not on every message */
    g_assert_true(mt_run_mentions(run, (guint)i, "unique identifier"));
    i = mt_run_need(run, MT_F_IMAP_UID, "2", 0);
    g_assert_false(mt_run_mentions(run, (guint)i, "unique identifier"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_BODY_TYPE, "multipart/mixed"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_BODY_PART, "2"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_BODY_TYPE, "application/octet-stream"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_BODY_ENCODING, "base64"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_ENVELOPE_SUBJECT, "Homework"));

    /* FETCH BODY[]: the literal is counted, its lines are never read */
    i = mt_run_need(run, MT_F_IMAP_LITERAL_SIZE, "127", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_REPLY);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_FETCH_ITEM, "BODY[]"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "literal"));
    g_assert_cmpuint(raw_octets(run, MT_DIR_SERVER, NULL), ==, 127);
    g_assert_true(no_line_with(run, MT_F_IMAP_RESPONSE_TEXT, "fake"));
    g_assert_cmpint(mt_run_find(run, MT_F_IMAP_STATUS, "BYE", 1), ==, -1);
    /* the ")" after the literal belongs to the same response */
    for (i = 0; i < (gint)run->recs->len; i++) {
        r = mt_run_rec(run, i);
        if (r->kind == MT_R_REPLY && mt_run_mentions(run, (guint)i, "closes the data"))
            break;
    }
    g_assert_cmpint(i, <, (gint)run->recs->len);
    g_assert_cmpuint(r->req_frame, ==, 12);
    g_assert_cmpuint(r->frame, ==, 13);
    g_assert_cmpuint(r->line_len, ==, 3);
    i = tagged(run, "a5");
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 12);
    g_assert_cmpuint(mt_run_rec(run, command(run, "FETCH", 1))->resp_frame, ==, 13);
    /* the literal's last piece tells the message's size in lines */
    i = mt_run_need(run, MT_F_DATA_TOTAL_LINES, "7", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_RAW);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 12);

    /* SEARCH: keys explained, results listed */
    i = command(run, "SEARCH", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_SEARCH_KEY, "UNSEEN"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_SEARCH_KEY, "FROM"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_ARGUMENT, "teacher"));
    i = mt_run_need(run, MT_F_IMAP_SEARCH_RESULT, "2", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 14);

    /* STORE: the flag change and its FETCH echo */
    i = command(run, "STORE", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_STORE_ACTION, "+FLAGS"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_FLAG, "\\Deleted"));
    g_assert_true(mt_run_mentions(run, (guint)i, "add these flags"));
    i = mt_run_need(run, MT_F_IMAP_FLAG, "\\Deleted", 3);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 16);

    /* EXPUNGE */
    i = mt_run_need(run, MT_F_IMAP_UNTAGGED, "EXPUNGE", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_MESSAGE_NUMBER, "1"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 18);

    /* LOGOUT: BYE belongs to it, then the session is over */
    i = mt_run_need(run, MT_F_IMAP_STATUS, "BYE", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 20);
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_BYE));
    i = tagged(run, "a9");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Session over"));

    /* a well-behaved session raises nothing, but the password sent
     * without TLS although STARTTLS was offered, and the short fetched
     * message's missing From: and Date: (RFC 5322 §3.6), told once at
     * its end */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_AUTH_CLEARTEXT), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_AUTH_BEFORE_TLS), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_FROM), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_DATE), ==, 1);
    i = mt_run_need(run, MT_F_DATA_TOTAL_LINES, "7", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_NO_DATE));
    for (n = 0; n < run->recs->len; n++) {
        r = mt_run_rec(run, (gint)n);
        if (r->n_anoms > (mt_rec_has_anomaly(r, MT_A_AUTH_CLEARTEXT) ? 1u : 0u)
                         + (mt_rec_has_anomaly(r, MT_A_AUTH_BEFORE_TLS) ? 1u : 0u)
                         + (mt_rec_has_anomaly(r, MT_A_MIME_NO_FROM) ? 1u : 0u)
                         + (mt_rec_has_anomaly(r, MT_A_MIME_NO_DATE) ? 1u : 0u))
            g_error("record %u (frame %u) has anomaly %u", n, r->frame, r->anoms[0].id);
    }
    every_record_explained(run);
    mt_run_free(run);
}

/* ------------------------------------------------------------------------
 * APPEND with a client literal
 * ------------------------------------------------------------------------ */

#define MSG "From: Student <student@x>\r\nSubject: draft\r\n\r\nHello.\r\na3 LOGOUT\r\n"

static const mt_step append_session[] = {
    S("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 OK Logged in\r\n"),
    C("a2 APPEND INBOX (\\Seen \\Draft) \"02-Sep-2024 12:00:00 +0000\" {64}\r\n"),
    S("+ OK\r\n"),
    C(MSG),
    C("\r\n"),
    S("a2 OK [APPENDUID 1795458605 4] Append completed.\r\n"),
    C("a4 NOOP\r\n"),
    S("a4 OK NOOP completed.\r\n"),
};

static void
test_append_literal(void)
{
    mt_run *run = RUN(append_session);
    gint i;
    guint pieces;

    g_assert_cmpuint(sizeof(MSG) - 1, ==, 64);
    i = command(run, "APPEND", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_MAILBOX, "INBOX"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_FLAG, "\\Draft"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_DATE, "02-Sep-2024 12:00:00 +0000"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_LITERAL_SIZE, "64"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "\"+\""));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 8);

    /* the "+" answers the literal's line */
    i = mt_run_need(run, MT_F_IMAP_CONTINUATION, "OK", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 4);
    g_assert_true(mt_run_mentions(run, (guint)i, "ready for the literal"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "sends the literal now"));

    /* 67 octets counted; the "a3 LOGOUT" inside is message text */
    g_assert_cmpuint(raw_octets(run, MT_DIR_CLIENT, &pieces), ==, 64);
    g_assert_cmpuint(pieces, >=, 1);
    g_assert_true(no_line_with(run, MT_F_IMAP_COMMAND, "LOGOUT"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_LITERAL_NOT_WAITED), ==, 0);
    i = mt_run_need(run, MT_F_DATA_TOTAL_LINES, "5", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->dir, ==, MT_DIR_CLIENT);

    /* the empty line after the literal ends the command */
    i = mt_run_need(run, MT_F_EXPLANATION, "The rest of the command line after the literal is empty: the "
             "command is complete, and the server answers now.", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 7);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 8);

    i = tagged(run, "a2");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_UIDVALIDITY, "1795458605"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_UID, "4"));
    g_assert_cmpuint(mt_run_rec(run, command(run, "NOOP", 0))->resp_frame, ==, 10);
    every_record_explained(run);
    mt_run_free(run);
}

/* ------------------------------------------------------------------------
 * LOGIN: atom, quoted and literal user names; sync and LITERAL+
 * ------------------------------------------------------------------------ */

static const mt_step login_literals[] = {
    S("* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready\r\n"),
    C("a001 LOGIN \"student\" \"wrong-password\"\r\n"),
    S("a001 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
    C("a002 this is garbage\r\n"),
    S("a002 BAD Error in IMAP command received by server.\r\n"),
    C("a003 LOGIN {7}\r\n"),
    S("+ OK\r\n"),
    C("student {6}\r\n"),
    S("+ OK\r\n"),
    C("secret\r\n"),
    S("a003 OK Logged in\r\n"),
    C("a004 LOGOUT\r\n"),
    S("* BYE Logging out\r\na004 OK Logout completed.\r\n"),
};

static void
test_login_literals(void)
{
    mt_run *run = RUN(login_literals);
    gint i;

    /* quoted user name, unquoted */
    i = command(run, "LOGIN", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    g_assert_false(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "\""));
    i = tagged(run, "a001");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_RESPONSE_CODE, "AUTHENTICATIONFAILED"));
    /* RFC 5530 §3: any problem with the credentials; this attempt failed */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "any problem with the credentials"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "may try again"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "login failed"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NO));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Not authenticated"));

    /* garbage: unknown command, answered BAD */
    i = command(run, "THIS", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_UNKNOWN_COMMAND));
    i = tagged(run, "a002");
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_BAD));

    /* LOGIN {7}: the user name comes as a literal after "+" */
    i = command(run, "LOGIN", 1);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 6);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_LITERAL_SIZE, "7"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 11);
    i = mt_run_need(run, MT_F_AUTH_USERNAME, "student", 1);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_RAW);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 8);
    /* the rest of the line announces the password's literal */
    i = mt_run_need(run, MT_F_IMAP_LITERAL_SIZE, "6", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_COMMAND);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 8);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 11);
    /* the password is framed, never a field value */
    g_assert_true(no_line_with(run, MT_F_AUTH_USERNAME, "secret"));
    g_assert_true(no_line_with(run, MT_F_IMAP_ARGUMENT, "secret"));
    g_assert_true(no_line_with(run, MT_F_IMAP_COMMAND, "SECRET"));
    g_assert_cmpuint(raw_octets(run, MT_DIR_CLIENT, NULL), ==, 13);
    i = tagged(run, "a003");
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 6);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Authenticated"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_LITERAL_NOT_WAITED), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_CONTINUATION_UNEXPECTED), ==, 0);
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step login_plus[] = {
    S("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"),
    C("c001 LOGIN {7+}\r\nstudent {6+}\r\nsecret\r\n"),
    S("c001 OK Logged in\r\n"),
    C("c002 LOGIN {5+}\r\n"),
};

static void
test_login_literal_plus(void)
{
    mt_run *run = RUN(login_plus);
    gint i;

    i = command(run, "LOGIN", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_LITERAL_NONSYNC, "1"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "sends the literal now"));
    i = mt_run_need(run, MT_F_AUTH_USERNAME, "student", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_RAW);
    g_assert_cmpuint(raw_octets(run, MT_DIR_CLIENT, NULL), ==, 13);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_LITERAL_NOT_WAITED), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_LITERAL_PLUS_NOT_OFFERED), ==, 0);
    i = tagged(run, "c001");
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);
    /* LOGIN once logged in */
    i = command(run, "LOGIN", 1);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_ALREADY_AUTHENTICATED));
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step literal_plus_not_offered[] = {
    S("* OK [CAPABILITY IMAP4rev1] ready\r\n"),
    C("a1 LOGIN {7+}\r\nstudent {6}\r\n"),
    C("secret\r\n"),
    S("+ go ahead\r\n"),
    S("a1 OK Logged in\r\n"),
};

static void
test_literal_rules(void)
{
    mt_run *run = RUN(literal_plus_not_offered);
    gint i;

    /* {n+} without LITERAL+, and {n} sent before its "+" */
    i = command(run, "LOGIN", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_LITERAL_PLUS_NOT_OFFERED));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_LITERAL_NOT_WAITED), ==, 1);
    i = mt_run_need(run, MT_F_AUTH_USERNAME, "student", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_RAW);
    g_assert_cmpuint(raw_octets(run, MT_DIR_CLIENT, NULL), ==, 13);
    every_record_explained(run);
    mt_run_free(run);
}

/* A synchronizing literal that the server refuses is never sent. */
static const mt_step literal_refused[] = {
    S("* OK ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 OK Logged in\r\n"),
    C("a2 XAPPEND INBOX {1000}\r\n"),
    S("a2 BAD Error in IMAP command XAPPEND: Unknown command\r\n"),
    C("a3 NOOP\r\n"),
    S("a3 OK NOOP completed\r\n"),
};

static void
test_literal_refused(void)
{
    mt_run *run = RUN(literal_refused);
    gint i;

    i = tagged(run, "a2");
    g_assert_true(mt_run_mentions(run, (guint)i, "the literal is not sent at all"));
    i = command(run, "NOOP", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_COMMAND);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 7);
    g_assert_cmpuint(raw_octets(run, MT_DIR_CLIENT, NULL), ==, 0);
    every_record_explained(run);
    mt_run_free(run);
}

/* ------------------------------------------------------------------------
 * IDLE, AUTHENTICATE, STARTTLS
 * ------------------------------------------------------------------------ */

static const mt_step idle_session[] = {
    S("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 OK Logged in\r\n"),
    C("a2 SELECT INBOX\r\n"),
    S("* 3 EXISTS\r\na2 OK [READ-WRITE] Select completed\r\n"),
    C("a3 IDLE\r\n"),
    S("+ idling\r\n"),
    S("* 4 EXISTS\r\n* 4 RECENT\r\n"),
    C("DONE\r\n"),
    S("a3 OK Idle completed\r\n"),
    C("a4 NOOP\r\n"),
    S("* 2 EXPUNGE\r\na4 OK NOOP completed\r\n"),
    C("DONE\r\n"),
    C("a5 SELECT Archive\r\n"),
    S("* 9 EXISTS\r\na5 OK [READ-WRITE] Select completed\r\n"),
};

static void
test_idle(void)
{
    mt_run *run = RUN(idle_session);
    gint i;

    i = mt_run_need(run, MT_F_IMAP_CONTINUATION, "idling", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 6);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Idling"));
    g_assert_true(mt_run_mentions(run, (guint)i, "until the client sends DONE"));
    /* pushed during IDLE, and linked to it */
    i = mt_run_need(run, MT_F_IMAP_COUNT, "4", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_UNTAGGED, "EXISTS"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 6);
    g_assert_true(mt_run_mentions(run, (guint)i, "Pushed during IDLE"));
    /* more than the 3 that SELECT counted: new mail (RFC 9051 §7.4.1) */
    g_assert_true(mt_run_summary_is(run, (guint)i, "now 4 messages in the mailbox: new messages arrived"));
    i = mt_run_need(run, MT_F_IMAP_COUNT, "3", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "3 messages in the mailbox"));
    /* another mailbox's count, not new mail, though it is larger */
    i = mt_run_need(run, MT_F_IMAP_COUNT, "9", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "9 messages in the mailbox"));
    /* DONE is not a tagged command */
    i = command(run, "DONE", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_CONTINUATION);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 10);
    g_assert_true(mt_run_mentions(run, (guint)i, "not a tagged command"));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_DONE_UNEXPECTED));
    g_assert_cmpuint(mt_run_rec(run, command(run, "IDLE", 0))->resp_frame, ==, 10);
    i = tagged(run, "a3");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Selected"));
    /* EXPUNGE during NOOP belongs to NOOP */
    i = mt_run_need(run, MT_F_IMAP_UNTAGGED, "EXPUNGE", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 11);
    /* a second DONE, without IDLE */
    i = command(run, "DONE", 1);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_DONE_UNEXPECTED));
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step unsolicited[] = {
    S("* OK ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 OK Logged in\r\n"),
    C("a2 SELECT INBOX\r\n"),
    S("* 1 EXISTS\r\na2 OK Select completed\r\n"),
    S("* 2 EXISTS\r\n"),
};

static void
test_unsolicited(void)
{
    mt_run *run = RUN(unsolicited);
    gint i = mt_run_need(run, MT_F_IMAP_COUNT, "2", 0);

    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "normal in IMAP"));
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step authenticate_plain[] = {
    S("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"),
    C("a1 AUTHENTICATE PLAIN\r\n"),
    S("+ \r\n"),
    C("AHN0dWRlbnQAd3Jvbmc=\r\n"),
    S("a1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
    C("a2 AUTHENTICATE PLAIN\r\n"),
    S("+ \r\n"),
    C("*\r\n"),
    S("a2 BAD Authentication aborted by client.\r\n"),
    C("a3 AUTHENTICATE PLAIN AHN0dWRlbnQAc2VjcmV0\r\n"),
    S("a3 OK Logged in\r\n"),
    C("a4 SELECT INBOX\r\n"),
};

static void
test_authenticate(void)
{
    mt_run *run = RUN(authenticate_plain);
    gint i;

    i = command(run, "AUTHENTICATE", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_MECHANISM, "PLAIN"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 5);
    i = mt_run_need(run, MT_F_IMAP_ARGUMENT, "AHN0dWRlbnQAd3Jvbmc=", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_CONTINUATION);
    g_assert_true(mt_run_mentions(run, (guint)i, "Base64"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 5);
    /* the "+" challenge asks for SASL data */
    for (i = 0; i < (gint)run->recs->len; i++) {
        if (mt_run_rec(run, i)->dir == MT_DIR_SERVER && mt_run_mentions(run, (guint)i, "empty challenge"))
            break;
    }
    g_assert_cmpint(i, <, (gint)run->recs->len);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "AUTHENTICATE exchange"));
    /* "*" cancels */
    i = mt_run_need(run, MT_F_IMAP_ARGUMENT, "*", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "cancels"));
    /* and the BAD that answers it confirms the cancel, as RFC 9051 §6.2.2
     * asks: no warning, and not "cancelled or not accepted" */
    i = tagged(run, "a2");
    g_assert_true(mt_run_summary_is(run, (guint)i, "login cancelled by the client"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "cancelled"));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_BAD));
    g_assert_false(mt_run_mentions(run, (guint)i, "or not accepted"));
    /* nothing to correct after a cancel: the client logs in again */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "LOGIN or AUTHENTICATE"));
    g_assert_false(mt_run_has(run, (guint)i, MT_F_NEXT, "corrects"));
    /* a NO to a login is a failure, with its warning */
    i = tagged(run, "a1");
    g_assert_true(mt_run_summary_is(run, (guint)i, "login failed"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NO));
    /* SASL-IR: the initial response on the command line */
    i = command(run, "AUTHENTICATE", 2);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_ARGUMENT, "AHN0dWRlbnQAc2VjcmV0"));
    g_assert_true(mt_run_mentions(run, (guint)i, "SASL-IR"));
    i = tagged(run, "a3");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Authenticated"));
    i = command(run, "SELECT", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    /* SASL lines are never read as commands */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_UNKNOWN_COMMAND), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_TAG_INVALID), ==, 0);
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step authenticate_bad[] = {
    S("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"),
    C("a1 AUTHENTICATE PLAIN\r\n"),
    S("+ \r\n"),
    C("not base64!\r\n"),
    S("a1 BAD Invalid base64 data\r\n"),
};

/* BAD without a "*" before it is a refusal, not a cancel (RFC 9051
 * §6.2.2): it keeps its warning and asks for a correction */
static void
test_authenticate_bad(void)
{
    mt_run *run = RUN(authenticate_bad);
    gint i = tagged(run, "a1");

    g_assert_true(mt_run_summary_is(run, (guint)i, "AUTHENTICATE not accepted"));
    g_assert_true(mt_run_mentions(run, (guint)i, "not valid Base64"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_BAD));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "corrects"));
    mt_run_free(run);
}

static const mt_step starttls[] = {
    S("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed\r\n"),
    C("a2 STARTTLS\r\n"),
    S("a2 OK Begin TLS negotiation now.\r\n"),
    /* decrypted, as TLS hands it over with keys */
    C("a3 CAPABILITY\r\n"),
    S("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na3 OK done\r\n"),
    C("a4 LOGIN student secret\r\n"),
    S("a4 OK Logged in\r\n"),
};

static void
test_starttls(void)
{
    mt_run *run = mt_run_steps(MT_PROTO_IMAP, starttls, 4, MT_FEED_WHOLE);
    const char *accept = "a2 OK Begin TLS negotiation now.\r\n";
    const char *lower = "a2 ok begin\r\n";
    const char *with_untagged = "* OK still here\r\na2 OK Begin TLS\r\n";
    gint i;

    /* before the acceptance is fed, the adapter can tell it accepts TLS */
    g_assert_true(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)accept, strlen(accept)));
    g_assert_true(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)lower, strlen(lower)));
    g_assert_true(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)with_untagged,
                                        strlen(with_untagged)));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)"a2 NO no\r\n", 10));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)"a2 BAD x\r\n", 10));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)"a1 OK x\r\n", 9));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)"a2 OKAY\r\n", 9));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)"a2", 2));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_CLIENT, (const guint8 *)accept, strlen(accept)));
    mt_run_free(run);
    /* no STARTTLS in progress: never */
    run = mt_run_steps(MT_PROTO_IMAP, starttls, 3, MT_FEED_WHOLE);
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)accept, strlen(accept)));
    mt_run_free(run);

    run = RUN(starttls);
    i = command(run, "LOGIN", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_LOGIN_DISABLED));
    i = tagged(run, "a2");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TLS"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "TLS handshake"));
    /* inside TLS: capabilities were forgotten, LOGIN is fine now */
    i = command(run, "LOGIN", 1);
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_LOGIN_DISABLED));
    g_assert_true(mt_run_mentions(run, (guint)i, "uses TLS"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Not authenticated"));
    mt_run_free(run);
}

/* ------------------------------------------------------------------------
 * Wrong states, NO and BAD
 * ------------------------------------------------------------------------ */

static const mt_step wrong_states[] = {
    S("* OK [CAPABILITY IMAP4rev1 ENABLE] ready\r\n"),
    C("a1 SELECT INBOX\r\n"),
    S("a1 BAD Error in IMAP command received by server.\r\n"),
    C("a2 FETCH 1 FLAGS\r\n"),
    S("a2 BAD Error in IMAP command received by server.\r\n"),
    C("a3 LOGIN student secret\r\n"),
    S("a3 OK Logged in\r\n"),
    C("a4 FETCH 1 FLAGS\r\n"),
    S("a4 BAD No mailbox selected\r\n"),
    C("a5 SELECT Nonexistent\r\n"),
    S("a5 NO Mailbox doesn't exist: Nonexistent\r\n"),
    C("a6 SELECT INBOX\r\n"),
    S("* 3 EXISTS\r\na6 OK [READ-WRITE] Select completed\r\n"),
    C("a7 COPY 1 Nonexistent\r\n"),
    S("a7 NO [TRYCREATE] Mailbox doesn't exist: Nonexistent\r\n"),
    C("a8 ENABLE CONDSTORE\r\n"),
    S("a8 BAD ENABLE not allowed now\r\n"),
    C("a9 FETCH 99 FLAGS\r\n"),
    S("a9 BAD Error in IMAP command FETCH: Invalid messageset\r\n"),
    C("a10 FETCH 1\r\n"),
    S("a10 BAD Error in IMAP command FETCH: Invalid arguments\r\n"),
    C("a11 UNSELECT\r\n"),
    S("a11 OK Unselect completed\r\n"),
    C("a12 EXPUNGE\r\n"),
    S("a12 BAD No mailbox selected\r\n"),
    C("a13 LOGOUT\r\n"),
    S("* BYE Logging out\r\na13 OK Logout completed\r\n"),
    C("a14 NOOP\r\n"),
};

static void
test_wrong_states(void)
{
    mt_run *run = RUN(wrong_states);
    gint i;

    i = command(run, "SELECT", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NOT_AUTHENTICATED));
    i = command(run, "FETCH", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NOT_AUTHENTICATED));
    i = command(run, "FETCH", 1);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NO_MAILBOX));
    i = tagged(run, "a4");
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_BAD));
    g_assert_true(mt_run_mentions(run, (guint)i, "allowed in this state"));
    /* failed SELECT: still no mailbox */
    i = tagged(run, "a5");
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NO));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "no mailbox selected"));
    i = command(run, "SELECT", 2);
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    /* NO [TRYCREATE] explained */
    i = tagged(run, "a7");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_RESPONSE_CODE, "TRYCREATE"));
    g_assert_true(mt_run_mentions(run, (guint)i, "CREATE"));
    /* ENABLE once a mailbox is selected */
    i = command(run, "ENABLE", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_MAILBOX_SELECTED));
    /* a message number past EXISTS, and a FETCH without data items */
    i = command(run, "FETCH", 2);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NO_SUCH_MESSAGE));
    i = command(run, "FETCH", 3);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_MISSING_ARGUMENT));
    /* UNSELECT leaves the selected state */
    i = command(run, "EXPUNGE", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NO_MAILBOX));
    i = command(run, "NOOP", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_AFTER_LOGOUT));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_TAG_UNMATCHED), ==, 0);
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step codes[] = {
    S("* OK ready\r\n"),
    C("t1 LOGIN student secret\r\n"),
    S("* OK [ALERT] Your password expires in 3 days\r\nt1 OK Logged in\r\n"),
    C("t2 CREATE INBOX\r\n"),
    S("t2 NO [ALREADYEXISTS] Mailbox already exists\r\n"),
    C("t3 DELETE Nonexistent\r\n"),
    S("t3 NO [NONEXISTENT] Mailbox doesn't exist\r\n"),
    C("t4 RENAME A B\r\n"),
    S("t4 NO [XYZZY frob] Some new code\r\n"),
    S("zz OK no such command\r\n"),
    S("* NO Disk almost full\r\n"),
    C("t5 SELECT INBOX\r\n"),
    S("t5 OK [READ-WRITE] done\r\n"),
    C("t6 STORE 1 +FLAGS (\\Bogus $Homework)\r\n"),
};

static void
test_response_codes(void)
{
    mt_run *run = RUN(codes);
    gint i;

    i = mt_run_need(run, MT_F_IMAP_RESPONSE_CODE, "ALERT", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_ALERT));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);
    i = mt_run_need(run, MT_F_IMAP_RESPONSE_CODE, "ALREADYEXISTS", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "exists already"));
    i = mt_run_need(run, MT_F_IMAP_RESPONSE_CODE, "NONEXISTENT", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 6);
    i = mt_run_need(run, MT_F_IMAP_RESPONSE_CODE, "XYZZY", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "does not know this response code"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_RESPONSE_CODE_DATA, "frob"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_RESPONSE_TEXT, "Some new code"));
    g_assert_true(mt_run_has(run, (guint)(command(run, "RENAME", 0)), MT_F_IMAP_MAILBOX, "B"));
    i = tagged(run, "zz");
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_TAG_UNMATCHED));
    i = mt_run_need(run, MT_F_IMAP_RESPONSE_TEXT, "Disk almost full", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_NO));
    g_assert_true(mt_run_mentions(run, (guint)i, "warning"));
    /* a system flag the RFCs do not define, and a keyword */
    i = command(run, "STORE", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_FLAG_INVALID));
    g_assert_true(mt_run_mentions(run, (guint)i, "system flags that the RFCs define"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_FLAG, "$Homework"));
    g_assert_true(mt_run_mentions(run, (guint)i, "A keyword"));
    every_record_explained(run);
    mt_run_free(run);
}

/* The server rejects a line that is still being typed (keystrokes). */
static const mt_step early_answer[] = {
    S("* OK ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 OK Logged in\r\n"),
    C("a2 SELECT INBXO\b"),
    S("a2 BAD Error in IMAP command SELECT: Invalid characters in atom\r\n"),
    C("\bOX\r\n"),
    C("a2 SELECT INBOX\r\n"),
    S("* 3 EXISTS\r\na2 OK [READ-WRITE] Select completed\r\n"),
};

static void
test_early_answer(void)
{
    mt_run *run = RUN(early_answer);
    gint i;

    i = tagged(run, "a2");
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 5);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_IMAP_TAG_UNMATCHED));
    g_assert_true(mt_run_mentions(run, (guint)i, "rejected it early"));
    /* the typed line, rebuilt once, answered before it was complete */
    i = command(run, "SELECT", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 6);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 5);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_LINE_ON_SCREEN, "a2 SELECT INBOX"));
    g_assert_cmpuint(mt_rec_count_items(mt_run_rec(run, i), MT_F_LINE_CONTROL), ==, 2);
    g_assert_true(mt_run_mentions(run, (guint)i, "before the line was complete"));
    /* the retyped command is the one the SELECT data answers */
    i = command(run, "SELECT", 1);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 8);
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    i = mt_run_need(run, MT_F_IMAP_COUNT, "3", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 7);
    g_assert_cmpint(mt_run_find(run, MT_F_IMAP_COMMAND, "SELECT", 2), ==, -1);
    /* the frame with the unfinished start of the line says so */
    i = mt_run_need(run, MT_F_LINE_PARTIAL, NULL, 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_PARTIAL);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 4);
    every_record_explained(run);
    mt_run_free(run);
}

/* ------------------------------------------------------------------------
 * Literals in odd places
 * ------------------------------------------------------------------------ */

static const mt_step odd_literals[] = {
    S("* OK ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 OK Logged in\r\n"),
    C("a2 LIST \"\" *\r\n"),
    S("* LIST (\\HasNoChildren) \"/\" {11}\r\nMy \"folder\"\r\n"
      "* STATUS {5}\r\nInbox (MESSAGES 2)\r\na2 OK done\r\n"),
    C("a3 SELECT {11}\r\n"),
    S("+ OK\r\n"),
    C("My \"folder\"\r\n"),
    S("* 2 EXISTS\r\na3 OK [READ-ONLY] done\r\n"),
    C("a4 FETCH 1 (ENVELOPE BINARY.PEEK[1])\r\n"),
    S("* 1 FETCH (ENVELOPE (NIL {9}\r\nSub)ject( (NIL NIL \"a\" \"b\") NIL NIL NIL NIL NIL NIL NIL) "
      "BINARY[1] ~{4}\r\n\x00\x01\r\n)\r\na4 OK done\r\n"),
    C("a5 UID FETCH 1:* (UID FLAGS)\r\n"),
    S("* 1 FETCH (UID 7 FLAGS ())\r\na5 OK done\r\n"),
};

static void
test_odd_literals(void)
{
    mt_step steps[G_N_ELEMENTS(odd_literals)];
    static const char fetch[] = "* 1 FETCH (ENVELOPE (NIL {9}\r\nSub)ject( (NIL NIL \"a\" \"b\") NIL NIL "
                                "NIL NIL NIL NIL NIL) BINARY[1] ~{4}\r\n\x00\x01\r\n)\r\na4 OK done\r\n";
    mt_run *run;
    gint i;

    memcpy(steps, odd_literals, sizeof(steps));
    steps[10].len = sizeof(fetch) - 1;     /* holds a NUL */
    run = mt_run_all_ways(MT_PROTO_IMAP, steps, G_N_ELEMENTS(steps));

    /* a mailbox name as a literal, in a response and in a command */
    i = mt_run_need(run, MT_F_IMAP_MAILBOX, "My \"folder\"", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_RAW);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 4);
    i = mt_run_need(run, MT_F_IMAP_MAILBOX, "Inbox", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_RAW);
    i = mt_run_need(run, MT_F_IMAP_STATUS_ITEM, "MESSAGES", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_STATUS_VALUE, "2"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 4);
    i = mt_run_need(run, MT_F_IMAP_MAILBOX, "My \"folder\"", 1);
    g_assert_cmpuint(mt_run_rec(run, i)->dir, ==, MT_DIR_CLIENT);
    i = tagged(run, "a3");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "read-only"));

    /* a literal inside ENVELOPE holds ")" and "(": they do not count */
    i = mt_run_need(run, MT_F_IMAP_FETCH_ITEM, "BINARY[1]", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_REPLY);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_LITERAL_SIZE, "4"));
    g_assert_true(mt_run_mentions(run, (guint)i, "literal8"));
    i = tagged(run, "a4");
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 10);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_SYNTAX), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_RESPONSE_INVALID), ==, 0);

    /* UID FETCH: the sub-command, and UID sets */
    i = command(run, "UID", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_SUBCOMMAND, "FETCH"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_SEQUENCE_SET, "1:*"));
    g_assert_true(mt_run_mentions(run, (guint)i, "by UID"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_IMAP_FETCH_ITEM, "FLAGS"));
    i = mt_run_need(run, MT_F_IMAP_UID, "7", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 12);
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step compress[] = {
    S("* OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] ready\r\n"),
    C("a1 LOGIN student secret\r\n"),
    S("a1 OK Logged in\r\n"),
    C("a2 COMPRESS DEFLATE\r\n"),
    S("a2 OK DEFLATE active\r\nx\x9c\xca\r\n* BYE\r\n"),
    C("x\x9c a3 LOGOUT\r\n"),
};

static void
test_compress(void)
{
    mt_run *run = RUN(compress);
    gint i;

    i = command(run, "COMPRESS", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    i = tagged(run, "a2");
    g_assert_true(mt_run_mentions(run, (guint)i, "Compression starts"));
    /* after it, octets are counted, not read as lines */
    g_assert_cmpint(mt_run_find(run, MT_F_IMAP_STATUS, "BYE", 0), ==, -1);
    g_assert_cmpint(mt_run_find(run, MT_F_IMAP_COMMAND, "LOGOUT", 0), ==, -1);
    i = mt_run_need(run, MT_F_EXPLANATION, "Compressed with DEFLATE since COMPRESS was accepted: these octets "
             "are not text, and mailteach cannot read them.", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_RAW);
    g_assert_cmpuint(raw_octets(run, MT_DIR_SERVER, NULL), ==, 12);
    g_assert_cmpuint(raw_octets(run, MT_DIR_CLIENT, NULL), ==, 14);
    every_record_explained(run);
    mt_run_free(run);
}

/* ------------------------------------------------------------------------
 * Captures that start late
 * ------------------------------------------------------------------------ */

static const mt_step mid_literal[] = {
    S("Return-Path: <teacher@x>\r\n"),
    S("a5 LOGOUT\r\n"),
    S(")\r\n"),
    S("a5 OK Fetch completed.\r\n"),
    C("a6 FETCH 2 FLAGS\r\n"),
    S("* 2 FETCH (FLAGS (\\Seen))\r\na6 OK Fetch completed.\r\n"),
    C("a7 LOGOUT\r\n"),
    S("* BYE Logging out\r\na7 OK Logout completed.\r\n"),
};

static void
test_mid_literal(void)
{
    mt_run *run = RUN(mid_literal);
    gint i;

    /* message text first: not responses, and no false alarms */
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, 0), MT_A_MIDSESSION));
    g_assert_cmpuint(mt_run_rec(run, 0)->kind, ==, MT_R_UNKNOWN);
    g_assert_true(mt_run_mentions(run, 0, "inside a literal"));
    g_assert_cmpuint(mt_run_rec(run, 1)->kind, ==, MT_R_UNKNOWN);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_TAG_UNMATCHED), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_RESPONSE_INVALID), ==, 0);
    i = tagged(run, "a5");
    g_assert_true(mt_run_mentions(run, (guint)i, "not in the capture"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Unknown"));
    /* a FETCH that works shows a mailbox is selected */
    i = command(run, "FETCH", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 6);
    i = tagged(run, "a6");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Selected"));
    i = tagged(run, "a7");
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Session over"));
    every_record_explained(run);
    mt_run_free(run);
}

static const mt_step client_first[] = {
    C("x\r\nFrom: a@b\r\n"),
    C("b7 NOOP\r\n"),
    S("b7 OK NOOP completed.\r\n"),
};

static void
test_client_first(void)
{
    mt_run *run = RUN(client_first);
    gint i;

    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, 0), MT_A_MIDSESSION));
    g_assert_cmpuint(mt_run_rec(run, 0)->kind, ==, MT_R_UNKNOWN);
    g_assert_cmpuint(mt_run_rec(run, 1)->kind, ==, MT_R_UNKNOWN);
    i = command(run, "NOOP", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 3);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_IMAP_TAG_INVALID), ==, 0);
    every_record_explained(run);
    mt_run_free(run);
}

/* ------------------------------------------------------------------------
 * Hostile input
 * ------------------------------------------------------------------------ */

static void
check_records(const GPtrArray *out, gsize len)
{
    guint i, j;

    for (i = 0; i < out->len; i++) {
        const mt_record *r = out->pdata[i];
        g_assert_cmpuint((gsize)r->chunk_off + r->chunk_len, <=, len);
        g_assert_cmpuint(r->proto, ==, MT_PROTO_IMAP);
        for (j = 0; j < r->n_items; j++) {
            const mt_item *it = &r->items[j];
            if (r->flags & MT_RF_REBUILT)
                g_assert_cmpuint((gsize)it->off + it->len, <=, r->rebuilt_len + 2);
            else if (it->len > 0)
                g_assert_cmpuint((gsize)it->off + it->len, <=, r->line_len);
            g_assert_cmpint(it->parent, <, (gint)j);
            if (it->vkind == MT_V_OWNED)
                if (!g_utf8_validate(it->v.owned, -1, NULL)) g_error("invalid utf8 field %u: %s", it->field, it->v.owned);
        }
    }
}

static void
test_garbage_is_safe(void)
{
    GRand *rnd = g_rand_new_with_seed(11);
    guint round;

    for (round = 0; round < 300; round++) {
        mt_session *s = mt_session_new(MT_PROTO_IMAP);
        GPtrArray *out = g_ptr_array_new();
        guint8 buf[900];
        guint k, i;

        for (k = 0; k < 24; k++) {
            gsize len = (gsize)g_rand_int_range(rnd, 0, (gint32)sizeof(buf));
            for (i = 0; i < len; i++) {
                guint32 r = g_rand_int(rnd);
                /* mostly IMAP-like bytes: tags, parens, quotes, braces, digits */
                buf[i] = (r % 3 == 0) ? (guint8)"\r\n ()[]{}\"\\*+~0123456789aOKNOBADFETCH"[r % 38]
                                      : (guint8)(r >> 8);
            }
            g_ptr_array_set_size(out, 0);
            mt_session_feed(s, (mt_dir)(k & 1), k + 1, buf, len, out);
            check_records(out, len);
        }
        g_ptr_array_free(out, TRUE);
        mt_session_free(s);
    }
    g_rand_free(rnd);
}

/* Valid-looking IMAP with random cuts, nesting and literals. */
static void
test_structured_garbage(void)
{
    static const char *const pieces[] = {
        "* ", "a1 ", "+ ", "OK ", "NO ", "BAD ", "FETCH ", "(", ")", "((((", "))))", "{3}\r\n",
        "{0}\r\n", "{2+}\r\n", "~{1}\r\n", "\"q\\\"x\" ", "NIL ", "BODY[HEADER.FIELDS (A B)] ",
        "ENVELOPE ", "BODYSTRUCTURE ", "[ALERT] ", "[CAPABILITY IMAP4rev1 ", "]", "1:* ", "12 ",
        "EXISTS", "LOGIN ", "SELECT ", "UID ", "\r\n", "\r\n", "\n", "DONE\r\n", "IDLE\r\n",
    };
    GRand *rnd = g_rand_new_with_seed(99);
    guint round;

    for (round = 0; round < 400; round++) {
        mt_session *s = mt_session_new(MT_PROTO_IMAP);
        GPtrArray *out = g_ptr_array_new();
        guint k;

        for (k = 0; k < 30; k++) {
            GString *g = g_string_new(NULL);
            guint n = (guint)g_rand_int_range(rnd, 1, 40), i;
            for (i = 0; i < n; i++)
                g_string_append(g, pieces[g_rand_int_range(rnd, 0, G_N_ELEMENTS(pieces))]);
            g_ptr_array_set_size(out, 0);
            mt_session_feed(s, (mt_dir)(g_rand_int(rnd) & 1), k + 1, (const guint8 *)g->str, g->len, out);
            check_records(out, g->len);
            for (i = 0; i < out->len; i++) {
                const mt_record *r = out->pdata[i];
                if (r->kind == MT_R_PARTIAL)
                    continue;
                g_assert_nonnull(mt_rec_find(r, MT_F_STAGE));
                g_assert_nonnull(mt_rec_find(r, MT_F_NEXT));
                if (!(r->flags & MT_RF_ITEMS_CAPPED) && mt_rec_find(r, MT_F_EXPLANATION) == NULL)
                    g_error("record without explanation, kind %u: %.*s", r->kind, (int)MIN(r->chunk_len, 80), g->str + r->chunk_off);
            }
            g_string_free(g, TRUE);
        }
        g_ptr_array_free(out, TRUE);
        mt_session_free(s);
    }
    g_rand_free(rnd);
}

static void
test_deep_nesting(void)
{
    GString *line = g_string_new("* 1 FETCH (BODYSTRUCTURE ");
    GString *cmd = g_string_new("a2 SEARCH ");
    mt_step steps[] = {
        S("* OK ready\r\n"), C("a1 LOGIN s p\r\n"), S("a1 OK in\r\n"), C(NULL), S(NULL),
        S("a2 OK done\r\n"),
    };
    mt_run *run;
    guint i;
    gint k;

    for (i = 0; i < 5000; i++)
        g_string_append_c(line, '(');
    g_string_append(line, "\"text\" \"plain\"");
    for (i = 0; i < 5000; i++)
        g_string_append_c(line, ')');
    g_string_append(line, ")\r\n");
    for (i = 0; i < 300; i++)
        g_string_append(cmd, "(OR SEEN ");
    g_string_append(cmd, "ALL");
    for (i = 0; i < 300; i++)
        g_string_append(cmd, " UNSEEN)");
    g_string_append(cmd, "\r\n");
    steps[3].bytes = cmd->str;
    steps[4].bytes = line->str;
    run = mt_run_all_ways(MT_PROTO_IMAP, steps, G_N_ELEMENTS(steps));

    k = mt_run_need(run, MT_F_IMAP_UNTAGGED, "FETCH", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, k), MT_A_IMAP_TOO_DEEP));
    k = command(run, "SEARCH", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, k), MT_A_IMAP_TOO_DEEP));
    /* the session goes on */
    k = tagged(run, "a2");
    g_assert_cmpuint(mt_run_rec(run, k)->req_frame, ==, 4);
    mt_run_free(run);
    g_string_free(line, TRUE);
    g_string_free(cmd, TRUE);
}

/* Many commands in progress: the queue is bounded, old ones forgotten. */
static void
test_many_pending(void)
{
    GString *c = g_string_new(NULL);
    mt_step steps[] = { S("* OK ready\r\n"), C(NULL), S("t0 OK old\r\nt499 OK new\r\n") };
    mt_run *run;
    guint i;
    gint k;

    for (i = 0; i < 500; i++)
        g_string_append_printf(c, "t%u NOOP\r\n", i);
    steps[1].bytes = c->str;
    run = mt_run_all_ways(MT_PROTO_IMAP, steps, G_N_ELEMENTS(steps));
    k = tagged(run, "t499");
    g_assert_cmpuint(mt_run_rec(run, k)->req_frame, ==, 2);
    k = tagged(run, "t0");
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, k), MT_A_IMAP_TAG_UNMATCHED));
    mt_run_free(run);
    g_string_free(c, TRUE);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/imap/full-session", test_full_session);
    g_test_add_func("/imap/append-literal", test_append_literal);
    g_test_add_func("/imap/login-literals", test_login_literals);
    g_test_add_func("/imap/login-literal-plus", test_login_literal_plus);
    g_test_add_func("/imap/literal-rules", test_literal_rules);
    g_test_add_func("/imap/literal-refused", test_literal_refused);
    g_test_add_func("/imap/idle", test_idle);
    g_test_add_func("/imap/unsolicited", test_unsolicited);
    g_test_add_func("/imap/authenticate", test_authenticate);
    g_test_add_func("/imap/authenticate-bad", test_authenticate_bad);
    g_test_add_func("/imap/starttls", test_starttls);
    g_test_add_func("/imap/wrong-states", test_wrong_states);
    g_test_add_func("/imap/response-codes", test_response_codes);
    g_test_add_func("/imap/early-answer", test_early_answer);
    g_test_add_func("/imap/odd-literals", test_odd_literals);
    g_test_add_func("/imap/compress", test_compress);
    g_test_add_func("/imap/mid-literal", test_mid_literal);
    g_test_add_func("/imap/client-first", test_client_first);
    g_test_add_func("/imap/garbage-is-safe", test_garbage_is_safe);
    g_test_add_func("/imap/structured-garbage", test_structured_garbage);
    g_test_add_func("/imap/deep-nesting", test_deep_nesting);
    g_test_add_func("/imap/many-pending", test_many_pending);
    return g_test_run();
}
