/* test_pop3_session.c - the POP3 session machine, fed like TCP would
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every session here is fed whole, one byte at a time and cut at random
 * (mt_run_all_ways); the records must not depend on it.
 */
#include <string.h>

#include <glib.h>

#include "mt_anomaly.h"
#include "mt_pop3.h"
#include "mt_session.h"
#include "mt_test_util.h"

#define RUN(steps) mt_run_all_ways(MT_PROTO_POP3, (steps), G_N_ELEMENTS(steps))

/* The record of the nth command with this keyword. */
static gint
command(const mt_run *run, const char *keyword, guint nth)
{
    return mt_run_need(run, MT_F_POP3_COMMAND, keyword, nth);
}

/* The record of the nth response with this status ("+OK", "-ERR", "+"). */
static gint
status(const mt_run *run, const char *st, guint nth)
{
    return mt_run_need(run, MT_F_POP3_STATUS, st, nth);
}

/* The first record of frame `frame` with an item of field f. */
static gint
in_frame(const mt_run *run, guint32 frame, mt_field f)
{
    guint i;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        if (r->frame == frame && mt_rec_find(r, f))
            return (gint)i;
    }
    g_error("frame %u has no record with field %d", frame, (int)f);
    return -1;
}

static guint
count_records(const mt_run *run, mt_field f)
{
    guint i, n = 0;

    for (i = 0; i < run->recs->len; i++)
        n += mt_rec_find(run->recs->pdata[i], f) ? 1 : 0;
    return n;
}

/* Every non-summary record says where the session stands and, except for
 * notable message lines, what comes next. */
static void
assert_every_line_explained(const mt_run *run)
{
    guint i;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        g_assert_nonnull(r->label);
        g_assert_nonnull(mt_rec_find(r, MT_F_STAGE));
        if (r->kind == MT_R_MESSAGE_LINE && mt_rec_find(r, MT_F_DATA_END) == NULL)
            continue;
        g_assert_nonnull(mt_rec_find(r, MT_F_NEXT));
        if (r->kind != MT_R_MESSAGE_LINE)
            g_assert_true(mt_rec_find(r, MT_F_EXPLANATION) != NULL || r->kind == MT_R_UNKNOWN);
    }
}

#define GREETING "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"

static const mt_step full_session[] = {
    S(GREETING),                                                        /* 1 */
    C("CAPA\r\n"),                                                      /* 2 */
    S("+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL PLAIN LOGIN\r\nRESP-CODES\r\n"
      "LOGIN-DELAY 900\r\nPIPELINING\r\nEXPIRE 30 USER\r\nUIDL\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n"
      "STLS\r\nXFOO bar\r\n.\r\n"),                                     /* 3 */
    C("USER student\r\n"),                                              /* 4 */
    S("+OK\r\n"),                                                       /* 5 */
    C("PASS secret\r\n"),                                               /* 6 */
    S("+OK Logged in.\r\n"),                                            /* 7 */
    C("STAT\r\n"),                                                      /* 8 */
    S("+OK 2 1498\r\n"),                                                /* 9 */
    C("LIST\r\n"),                                                      /* 10 */
    S("+OK 2 messages (1498 octets)\r\n1 102\r\n2 1396\r\n.\r\n"),      /* 11 */
    C("LIST 2\r\n"),                                                    /* 12 */
    S("+OK 2 1396\r\n"),                                                /* 13 */
    C("UIDL\r\n"),                                                      /* 14 */
    S("+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n"), /* 15 */
    C("RETR 1\r\n"),                                                    /* 16 */
    /* 103 octets as sent, 102 after un-stuffing */
    S("+OK 102 octets\r\nTo: a@b\r\nSubject: hi\r\n\r\nfirst line\r\n..dotted line here\r\n"
      "QUIT\r\n-ERR not a response\r\n+OK not one either\r\n.\r\n"),    /* 17 */
    C("TOP 2 0\r\n"),                                                   /* 18 */
    S("+OK\r\nSubject: two\r\n\r\n.\r\n"),                              /* 19 */
    C("DELE 1\r\n"),                                                    /* 20 */
    S("+OK message 1 deleted\r\n"),                                     /* 21 */
    C("RSET\r\n"),                                                      /* 22 */
    S("+OK maildrop has 2 messages (1498 octets)\r\n"),                 /* 23 */
    C("DELE 2\r\n"),                                                    /* 24 */
    S("+OK message 2 deleted\r\n"),                                     /* 25 */
    C("NOOP\r\n"),                                                      /* 26 */
    S("+OK\r\n"),                                                       /* 27 */
    C("QUIT\r\n"),                                                      /* 28 */
    S("+OK dewey POP3 server signing off (maildrop empty)\r\n"),        /* 29 */
};

static void
test_full_session(void)
{
    mt_run *run = RUN(full_session);
    gint i;
    const mt_record *r;

    /* frame 1: the greeting with its APOP timestamp */
    i = status(run, "+OK", 0);
    r = mt_run_rec(run, i);
    g_assert_cmpuint(r->frame, ==, 1);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_TIMESTAMP, "<1896.697170952@dbc.mtview.ca.us>"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "AUTHORIZATION"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "USER and PASS"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "server ready (greeting), APOP offered"));

    /* frame 3: CAPA, one record per capability, each explained */
    i = command(run, "CAPA", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 3);
    g_assert_cmpuint(count_records(run, MT_F_POP3_CAPABILITY), ==, 11);
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "SASL", 0);
    g_assert_cmpuint(mt_rec_count_items(mt_run_rec(run, i), MT_F_AUTH_MECHANISM), ==, 2);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 2449 §6.3"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "LOGIN-DELAY", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_LOGIN_DELAY, "900"));
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "EXPIRE", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_EXPIRE, "30"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "may differ between users"));
    /* RFC 2449 §6.7: EXPIRE is a guaranteed minimum, not a fixed time */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "least number of days"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "keeps messages at least 30 days (EXPIRE)"));
    /* the line's one explanation is what the capability offers */
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "LOGIN-DELAY", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "or without it"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "offers LOGIN-DELAY: 900 seconds between logins"));
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "SASL", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "offers login with PLAIN LOGIN"));
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "TOP", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "offers TOP (TOP command)"));
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "IMPLEMENTATION", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_CAPABILITY_PARAM, "Shlemazle-Plotz-v302"));
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "XFOO", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "does not know this capability"));
    i = mt_run_find(run, MT_F_POP3_RESPONSE_END, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 3);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_RESPONSE_LINES, "11"));

    /* USER/PASS: the user name is shown, the login moves to TRANSACTION */
    i = command(run, "USER", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    i = in_frame(run, 5, MT_F_POP3_STATUS);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "PASS"));
    i = command(run, "PASS", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "clear text"));
    /* RFC 5034: SASL PLAIN and LOGIN send the password too */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "SASL PLAIN and LOGIN do"));
    g_assert_false(mt_run_mentions(run, (guint)i, "SASL avoid"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "give the password"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "USER", 0), "give the user name student"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 7);
    i = in_frame(run, 7, MT_F_POP3_STATUS);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TRANSACTION"));

    /* frame 9: STAT decodes to 2 messages, 1498 octets */
    i = in_frame(run, 9, MT_F_POP3_MESSAGES);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MESSAGES, "2"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_OCTETS, "1498"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 8);
    g_assert_true(mt_run_summary_is(run, (guint)i, "2 messages, 1498 octets"));
    g_assert_true(mt_run_summary_is(run, (guint)in_frame(run, 7, MT_F_POP3_STATUS), "logged in"));

    /* frame 11: LIST, one record per row, ends at "." */
    i = command(run, "LIST", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 11);
    i = mt_run_find(run, MT_F_POP3_MESSAGE_NUMBER, "2", 0);     /* LIST's second row */
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 11);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_OCTETS, "1396"));
    g_assert_true(mt_run_mentions(run, (guint)i, "Scan listing"));
    /* frame 13: LIST 2 is one line */
    i = in_frame(run, 13, MT_F_POP3_STATUS);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MESSAGE_NUMBER, "2"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_OCTETS, "1396"));
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_POP3_MULTILINE));
    g_assert_true(mt_run_summary_is(run, (guint)i, "message 2: 1396 octets"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "LIST", 1), "ask for the size of message 2"));

    /* frame 15: UIDL rows */
    i = mt_run_find(run, MT_F_POP3_UID, "QhdPYR:00WBw1Ph7x7", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 15);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MESSAGE_NUMBER, "2"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "message 2: unique id QhdPYR:00WBw1Ph7x7"));

    /* frame 17: RETR; the message lines "QUIT", "-ERR", "+OK" stay text */
    i = in_frame(run, 17, MT_F_POP3_STATUS);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_OCTETS, "102"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MULTILINE, "1"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "message follows, 102 octets"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "RETR", 0), "download message 1"));
    i = mt_run_find(run, MT_F_DATA_DOT_STUFFED, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 17);
    g_assert_true(mt_run_mentions(run, (guint)i, "doubled the dot"));
    i = mt_run_find(run, MT_F_DATA_HEADER_END, "1", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_DATA_LINE_NUMBER, "3"));
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    r = mt_run_rec(run, i);
    g_assert_cmpuint(r->frame, ==, 17);
    g_assert_cmpuint(r->req_frame, ==, 16);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_DATA_TOTAL_LINES, "8"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_DATA_TOTAL_OCTETS, "103"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_OCTETS, "102"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_ANNOUNCED, "102"));
    g_assert_true(mt_run_mentions(run, (guint)i, "has exactly this size"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "end of the message: 8 lines, 102 octets"));
    g_assert_cmpuint(mt_run_rec(run, command(run, "RETR", 0))->resp_frame, ==, 17);
    g_assert_cmpint(mt_run_find(run, MT_F_POP3_COMMAND, "QUIT", 1), ==, -1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_NEGATIVE), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_SIZE_MISMATCH), ==, 0);
    /* TOP 2 0: the header and its blank line */
    i = command(run, "TOP", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_TOP_LINES, "0"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 19);
    i = mt_run_find(run, MT_F_DATA_END, "1", 1);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_DATA_TOTAL_LINES, "2"));
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_POP3_ANNOUNCED));     /* TOP's +OK gave no size */
    g_assert_cmpuint(mt_run_message_lines(run), ==, 10);

    /* DELE marks, RSET unmarks, QUIT removes in the UPDATE state */
    i = command(run, "DELE", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "only marks"));
    i = in_frame(run, 21, MT_F_POP3_MARKED);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MARKED, "1"));
    i = in_frame(run, 23, MT_F_POP3_MARKED);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MARKED, "0"));
    i = command(run, "QUIT", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "UPDATE"));
    i = in_frame(run, 29, MT_F_POP3_STATUS);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MARKED, "1"));
    g_assert_true(mt_run_mentions(run, (guint)i, "removed"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Session over"));

    /* a well-behaved session raises nothing, but the password sent
     * without TLS, and what the two short messages lack (RFC 5322 §3.6:
     * Date: in both, From: in both), each told once at the message's end */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_FROM), ==, 2);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_DATE), ==, 2);
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_NO_FROM));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_NO_DATE));
    for (i = 0; i < (gint)run->recs->len; i++) {
        const mt_record *rec = mt_run_rec(run, i);
        g_assert_cmpuint(rec->n_anoms, ==, (mt_rec_has_anomaly(rec, MT_A_AUTH_CLEARTEXT) ? 1u : 0u)
                                           + (mt_rec_has_anomaly(rec, MT_A_MIME_NO_FROM) ? 1u : 0u)
                                           + (mt_rec_has_anomaly(rec, MT_A_MIME_NO_DATE) ? 1u : 0u));
    }
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_AUTH_CLEARTEXT), ==, 1);
    assert_every_line_explained(run);
    mt_run_free(run);
}

static const mt_step failed_login[] = {
    S("+OK Dovecot ready.\r\n"),
    C("USER student\r\n"),
    S("+OK\r\n"),
    C("PASS wrong\r\n"),
    S("-ERR [AUTH] Authentication failed.\r\n"),
    C("USER student\r\n"),
    S("+OK\r\n"),
    C("PASS secret\r\n"),
    S("-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n"),
    C("PASS secret\r\n"),
    S("-ERR [SYS/TEMP] Try again later.\r\n"),
    C("APOP student c4c9334bac560ecc979e58001b3e22fb\r\n"),
    S("-ERR [XYZ/ABC] whatever\r\n"),
};

static void
test_failed_login(void)
{
    mt_run *run = RUN(failed_login);
    gint i;

    i = mt_run_find(run, MT_F_POP3_RESPONSE_CODE, "AUTH", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 5);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 4);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 3206 §5"));
    g_assert_true(mt_run_mentions(run, (guint)i, "tell the user"));
    /* RFC 3206 §5: [AUTH] is any problem with the credentials */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "expired account"));
    /* the summary says why, from the code */
    g_assert_true(mt_run_summary_is(run, (guint)i, "login failed: a problem with the credentials [AUTH]"));
    /* this attempt failed; the client may try again */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "may try again"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "AUTHORIZATION"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "log in again"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_NEGATIVE));
    i = mt_run_find(run, MT_F_POP3_RESPONSE_CODE, "IN-USE", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 2449 §8.1.2"));
    /* RFC 2449 §8.1.2: IN-USE comes after a successful authentication */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "authentication succeeded"));
    i = mt_run_find(run, MT_F_POP3_RESPONSE_CODE, "SYS/TEMP", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "temporary"));
    /* frame 10: the second PASS came after a failed one: no USER accepted */
    i = command(run, "PASS", 2);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 10);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_PASS_WITHOUT_USER));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, command(run, "PASS", 1)), MT_A_POP3_PASS_WITHOUT_USER));
    /* an unknown code is read from its text, and the greeting had no APOP timestamp */
    i = mt_run_find(run, MT_F_POP3_RESPONSE_CODE, "XYZ/ABC", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_UNKNOWN_CODE));
    i = command(run, "APOP", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_APOP_NO_TIMESTAMP));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_APOP_DIGEST, "c4c9334bac560ecc979e58001b3e22fb"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_NEGATIVE), ==, 4);
    assert_every_line_explained(run);
    mt_run_free(run);
}

static const mt_step wrong_state[] = {
    S("+OK ready\r\n"),                             /* 1 */
    C("STAT\r\n"),                                  /* 2 */
    S("-ERR Unknown command.\r\n"),                 /* 3 */
    C("PASS secret\r\n"),                           /* 4 */
    S("-ERR No username given.\r\n"),               /* 5 */
    C("RETR\r\n"),                                  /* 6 */
    S("-ERR Unknown command.\r\n"),                 /* 7 */
    C("USER student\r\n"),                          /* 8 */
    S("+OK\r\n"),                                   /* 9 */
    C("PASS secret\r\n"),                           /* 10 */
    S("+OK Logged in.\r\n"),                        /* 11 */
    C("USER teacher\r\n"),                          /* 12 */
    S("-ERR Unknown command: USER\r\n"),            /* 13 */
    C("STLS\r\n"),                                  /* 14 */
    S("-ERR Unknown command: STLS\r\n"),            /* 15 */
    C("RETR x1\r\n"),                               /* 16 */
    S("-ERR Invalid message number: x1\r\n"),       /* 17 */
    C("DELE 0\r\n"),                                /* 18 */
    S("-ERR Invalid message number: 0\r\n"),        /* 19 */
    C("NOOP now\r\n"),                              /* 20 */
    S("+OK\r\n"),                                   /* 21 */
    C("XYZZY\r\n"),                                 /* 22 */
    S("-ERR Unknown command: XYZZY\r\n"),           /* 23 */
    C("QUIT\r\n"),                                  /* 24 */
    S("+OK Logging out.\r\n"),                      /* 25 */
    C("NOOP\r\n"),                                  /* 26 */
};

static void
test_wrong_state(void)
{
    mt_run *run = RUN(wrong_state);
    gint i;

    /* frame 2: STAT before login */
    i = command(run, "STAT", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BEFORE_LOGIN));
    i = in_frame(run, 3, MT_F_POP3_STATUS);
    g_assert_true(mt_run_mentions(run, (guint)i, "has not logged in"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "logs in"));
    /* frame 4: PASS without USER */
    i = command(run, "PASS", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_PASS_WITHOUT_USER));
    /* frame 6: RETR without its argument, before login */
    i = command(run, "RETR", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_MISSING_ARGUMENT));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BEFORE_LOGIN));
    /* after login: USER and STLS are refused */
    i = command(run, "USER", 1);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_AFTER_LOGIN));
    i = command(run, "STLS", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_AFTER_LOGIN));
    i = in_frame(run, 15, MT_F_POP3_STATUS);
    g_assert_true(mt_run_mentions(run, (guint)i, "already logged in"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TRANSACTION"));
    /* bad arguments */
    i = command(run, "RETR", 1);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BAD_ARGUMENT));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_ARGUMENT, "x1"));
    i = command(run, "DELE", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BAD_ARGUMENT));
    i = command(run, "NOOP", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_UNEXPECTED_ARGUMENT));
    i = command(run, "XYZZY", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_UNKNOWN_COMMAND));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 23);
    /* frame 26: after QUIT */
    i = command(run, "NOOP", 1);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_AFTER_QUIT));
    /* nothing else was flagged as being in the wrong state */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_BEFORE_LOGIN), ==, 2);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_AFTER_LOGIN), ==, 2);
    assert_every_line_explained(run);
    mt_run_free(run);
}

static const mt_step sasl[] = {
    S("+OK ready\r\n"),                                 /* 1 */
    C("AUTH\r\n"),                                      /* 2 */
    S("+OK\r\nPLAIN\r\nLOGIN\r\nFANCY-MECH\r\n.\r\n"),  /* 3 */
    C("AUTH PLAIN\r\n"),                                /* 4 */
    S("+ \r\n"),                                        /* 5 */
    C("*\r\n"),                                         /* 6 */
    S("-ERR Authentication aborted\r\n"),               /* 7 */
    C("AUTH LOGIN\r\n"),                                /* 8 */
    S("+ VXNlcm5hbWU6\r\n"),                            /* 9 */
    C("c3R1ZGVudA==\r\n"),                              /* 10 */
    S("+ UGFzc3dvcmQ6\r\n"),                            /* 11 */
    C("c2VjcmV0\r\n"),                                  /* 12 */
    S("+OK Logged in.\r\n"),                            /* 13 */
    C("STAT\r\n"),                                      /* 14 */
    S("+OK 0 0\r\n"),                                   /* 15 */
};

static void
test_sasl(void)
{
    mt_run *run = RUN(sasl);
    gint i;

    /* frame 3: the bare AUTH lists mechanisms, one record each */
    g_assert_cmpint(mt_run_find(run, MT_F_AUTH_MECHANISM, "FANCY-MECH", 0), >=, 0);
    i = mt_run_find(run, MT_F_AUTH_MECHANISM, "LOGIN", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 3);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);
    /* frame 5: "+ " is a challenge, the answer "*" is not a command */
    i = status(run, "+", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 5);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 4);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "Base64"));
    i = mt_run_find(run, MT_F_POP3_ARGUMENT, "*", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_CONTINUATION);
    g_assert_true(mt_run_mentions(run, (guint)i, "cancels"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 7);
    /* AUTH LOGIN: two challenges, two answers, then logged in */
    i = mt_run_find(run, MT_F_POP3_ARGUMENT, "c3R1ZGVudA==", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_CONTINUATION);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 11);
    i = mt_run_find(run, MT_F_POP3_RESPONSE_TEXT, "UGFzc3dvcmQ6", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 10);
    i = in_frame(run, 13, MT_F_POP3_STATUS);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 12);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TRANSACTION"));
    /* no SASL line was read as a command */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_UNKNOWN_COMMAND), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_BEFORE_LOGIN), ==, 0);
    assert_every_line_explained(run);
    mt_run_free(run);
}

static const mt_step sasl_initial[] = {
    S("+OK ready <1.2@h>\r\n"),
    C("AUTH PLAIN AHN0dWRlbnQAc2VjcmV0\r\n"),
    S("+OK Logged in.\r\n"),
    C("LIST\r\n"),
    S("+OK 1 messages:\r\n1 300\r\n.\r\n"),
};

static void
test_sasl_initial_response(void)
{
    mt_run *run = RUN(sasl_initial);
    gint i = command(run, "AUTH", 0);

    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_MECHANISM, "PLAIN"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_ARGUMENT, "AHN0dWRlbnQAc2VjcmV0"));
    g_assert_true(mt_run_mentions(run, (guint)i, "Initial response"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 3);
    i = mt_run_find(run, MT_F_POP3_OCTETS, "300", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 5);
    mt_run_free(run);
}

static const mt_step stls[] = {
    S("+OK ready\r\n"),
    C("CAPA\r\n"),
    S("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
    C("STLS\r\n"),
    S("+OK Begin TLS negotiation now.\r\n"),
    /* decrypted, as TLS hands it over with keys */
    C("USER student\r\n"),
    S("+OK\r\n"),
    C("PASS secret\r\n"),
    S("+OK Logged in.\r\n"),
};

static gboolean
accepts(mt_run *run, const char *bytes)
{
    return mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)bytes, strlen(bytes));
}

static void
test_stls(void)
{
    mt_run *run = mt_run_steps(MT_PROTO_POP3, stls, 4, MT_FEED_WHOLE);
    const char *accept = "+OK Begin TLS negotiation now.\r\n";
    GPtrArray *out = g_ptr_array_new();
    gint i;

    /* before the acceptance is fed, the adapter can tell it accepts TLS */
    g_assert_true(accepts(run, accept));
    g_assert_true(accepts(run, "+OK\r\n"));
    g_assert_false(accepts(run, "-ERR TLS not available\r\n"));
    g_assert_false(accepts(run, "+OKAY\r\n"));
    g_assert_false(accepts(run, "+OK Begin TLS"));   /* the line must end here */
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_CLIENT, (const guint8 *)accept, strlen(accept)));
    /* "+O" in one segment, "K ...\r\n" in the next: the second one accepts */
    g_assert_false(accepts(run, "+O"));
    mt_session_feed(run->session, MT_DIR_SERVER, 5, (const guint8 *)"+O", 2, out);
    g_assert_true(accepts(run, "K Begin TLS negotiation now.\r\n"));
    mt_session_feed(run->session, MT_DIR_SERVER, 6, (const guint8 *)"K go\r\n", 6, out);
    /* after it, nothing accepts TLS any more */
    g_assert_false(accepts(run, accept));
    g_ptr_array_free(out, TRUE);
    mt_run_free(run);

    /* with no STLS pending, +OK accepts nothing */
    run = mt_run_steps(MT_PROTO_POP3, stls, 3, MT_FEED_WHOLE);
    g_assert_false(accepts(run, accept));
    mt_run_free(run);

    run = RUN(stls);
    i = in_frame(run, 5, MT_F_POP3_STATUS);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TLS"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "CAPA again"));
    i = command(run, "PASS", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "TLS"));
    g_assert_false(mt_run_mentions(run, (guint)i, "anyone who captures"));
    i = in_frame(run, 9, MT_F_POP3_STATUS);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TRANSACTION"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_NOT_OFFERED), ==, 0);
    mt_run_free(run);
}

/* A multi-line response whose lines and line ends arrive in later
 * segments, as the split proxy sends them. */
static const mt_step split_listing[] = {
    S("+OK Dovecot ready. <69de.e.6"),
    S("b04862a@vm>\r"),
    S("\n"),
    C("LIST\r\n"),
    S("+OK 3 messages:\r\n1 519\r\n2 641\r\n3 1682"),
    S("\r\n."),
    S("\r\n"),
    C("RETR 2\r\n"),
    S("+OK 9 octets\r\n..a\r\nb\r\n."),
    S("\r\n"),
};

static void
test_split_listing(void)
{
    mt_run *run = RUN(split_listing);
    gint i;

    i = mt_run_find(run, MT_F_POP3_TIMESTAMP, "<69de.e.6b04862a@vm>", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 3);
    g_assert_true(mt_run_rec(run, i)->flags & MT_RF_REBUILT);
    /* the third row ends in frame 6, the list in frame 7 */
    i = mt_run_find(run, MT_F_POP3_OCTETS, "1682", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 6);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_MESSAGE_NUMBER, "3"));
    i = mt_run_find(run, MT_F_POP3_RESPONSE_END, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 7);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_RESPONSE_LINES, "3"));
    g_assert_cmpuint(mt_run_rec(run, command(run, "LIST", 0))->resp_frame, ==, 7);
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 10);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_OCTETS, "7"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_SIZE_MISMATCH));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_ANNOUNCED, "9"));
    g_assert_true(mt_run_mentions(run, (guint)i, "another size"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_BAD_RESPONSE), ==, 0);
    mt_run_free(run);
}

static const mt_step pipelined[] = {
    S("+OK ready\r\n"),
    C("CAPA\r\n"),
    S("+OK\r\nPIPELINING\r\nUIDL\r\n.\r\n"),
    C("USER a\r\nPASS b\r\nSTAT\r\nUIDL 1\r\nLIST\r\n"),
    S("+OK\r\n+OK Logged in.\r\n+OK 1 5\r\n+OK 1 abc\r\n+OK\r\n1 5\r\n.\r\n"),
    C("TOP 1 1\r\nQUIT\r\n"),
};

static void
test_pipelining(void)
{
    mt_run *run = RUN(pipelined);
    gint i;

    /* commands sent before login was confirmed are not in the wrong state */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_BEFORE_LOGIN), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_PIPELINING_NOT_OFFERED), ==, 0);
    i = command(run, "STAT", 0);
    g_assert_true(mt_run_mentions(run, (guint)i, "Pipelining"));
    i = mt_run_find(run, MT_F_POP3_UID, "abc", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 4);
    i = mt_run_find(run, MT_F_POP3_MESSAGES, "1", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "pipelining"));
    /* TOP was not in the CAPA list */
    i = command(run, "TOP", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_NOT_OFFERED));
    i = mt_run_find(run, MT_F_POP3_RESPONSE_END, "1", 1);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 5);
    g_assert_cmpuint(mt_run_rec(run, command(run, "LIST", 0))->resp_frame, ==, 5);
    mt_run_free(run);
}

static const mt_step pipelining_not_offered[] = {
    S("+OK ready\r\n"),
    C("CAPA\r\n"),
    S("+OK\r\nUSER\r\n.\r\n"),
    C("USER a\r\nPASS b\r\n"),
};

static void
test_pipelining_not_offered(void)
{
    mt_run *run = RUN(pipelining_not_offered);
    gint i = command(run, "PASS", 0);

    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_PIPELINING_NOT_OFFERED));
    mt_run_free(run);
}

static const mt_step keystroke[] = {
    S("+OK ready\r\n"),
    C("L"), C("S"), C("I"), C("T"), C("\b"), C("\b"), C("\b"), C("I"), C("S"), C("T"), C("\r\n"),
    S("-ERR Unknown command: LSIT\b\b\bIST\r\n"),
};

static void
test_keystroke(void)
{
    mt_run *run = RUN(keystroke);
    gint i = mt_run_find(run, MT_F_LINE_ON_SCREEN, "LIST", 0);
    const mt_record *r = mt_run_rec(run, i);

    /* one record, in the frame of the Enter key, rebuilt from 11 segments */
    g_assert_cmpuint(r->frame, ==, 12);
    g_assert_true(r->flags & MT_RF_REBUILT);
    g_assert_cmpuint(mt_rec_count_items(r, MT_F_LINE_CONTROL), ==, 3);
    g_assert_true(mt_rec_has_anomaly(r, MT_A_POP3_UNKNOWN_COMMAND));
    g_assert_true(mt_rec_has_anomaly(r, MT_A_CONTROL_CHAR));
    g_assert_cmpuint(count_records(run, MT_F_POP3_COMMAND), ==, 1);
    g_assert_cmpuint(r->resp_frame, ==, 13);
    mt_run_free(run);
}

static const mt_step odd_lines[] = {
    S("+OK ready\r\n"),
    C("USER bare-lf\n"),
    S("+OK\r\n"),
    C(NULL),                        /* 4: an overlong PASS, filled in below */
    S("+OK Logged in.\r\n"),
    C("RETR 1\r\n"),
    S("+OK\r\n.not stuffed\r\nbare\n.\r\n"),
    C("FROB\r\n"),
    S("garbage reply\r\n"),
};

static void
test_odd_lines(void)
{
    mt_step steps[G_N_ELEMENTS(odd_lines)];
    GString *pass = g_string_new("PASS ");
    mt_run *run;
    gint i;

    while (pass->len < 300)
        g_string_append_c(pass, 'p');
    g_string_append(pass, "\r\n");
    memcpy(steps, odd_lines, sizeof(steps));
    steps[3].bytes = pass->str;
    run = mt_run_all_ways(MT_PROTO_POP3, steps, G_N_ELEMENTS(steps));

    i = command(run, "USER", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_BARE_LF));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "bare-lf"));
    i = command(run, "PASS", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_LINE_TOO_LONG));
    g_assert_true(mt_run_mentions(run, (guint)i, "255 octets"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_DOT_NOT_STUFFED), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_BARE_LF), ==, 2);
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_OCTETS, "18"));   /* "not stuffed\r\n" + "bare\n" */
    i = in_frame(run, 9, MT_F_STAGE);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BAD_RESPONSE));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 8);
    mt_run_free(run);
    g_string_free(pass, TRUE);
}

static const mt_step odd_responses[] = {
    S("+OK ready\r\n"),                                        /* 1 */
    C("USER a\r\n"),                                           /* 2 */
    S("+OK\r\n"),                                              /* 3 */
    C("PASS b\r\n"),                                           /* 4 */
    S("+OK\r\n"),                                              /* 5 */
    C("LIST\r\n"),                                             /* 6 */
    S("+OK\r\n1 120\r\nnonsense\r\n.\r\n"),                    /* 7 */
    C("UIDL\r\n"),                                             /* 8 */
    S("+OK\r\n1 has\001ctl\r\n.\r\n"),                         /* 9 */
    C("CAPA\r\n"),                                             /* 10 */
    S("+OK\r\nEXPIRE NEVER\r\nLANG\r\nUTF8\r\n.\r\n"),          /* 11 */
    C("NOOP\r\n"),                                             /* 12 */
    S("+ what\r\n"),                                           /* 13 */
    S("+OK\r\n"),                                              /* 14 */
    S("-ERR Disconnected for inactivity.\r\n"),                /* 15 */
    C("LANG\r\n"),                                             /* 16 */
    S("+OK\r\nen English\r\nja Japanese\r\n.\r\n"),            /* 17 */
    C("RETR 1\r\n"),                                           /* 18 */
    S("+OK message follows\r\nbody\r\n.\r\n"),                  /* 19 */
};

static void
test_odd_responses(void)
{
    mt_run *run = RUN(odd_responses);
    gint i;

    /* a listing line that is not "number size", a unique-id with a control byte */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_BAD_LISTING), ==, 2);
    i = mt_run_find(run, MT_F_POP3_RESPONSE_TEXT, "nonsense", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BAD_LISTING));
    g_assert_true(mt_run_mentions(run, (guint)i, "Scan listing"));
    i = in_frame(run, 9, MT_F_POP3_UID);
    g_assert_true(mt_run_mentions(run, (guint)i, "printable"));
    /* EXPIRE NEVER, and capabilities of RFC 6856 */
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "EXPIRE", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_POP3_CAPABILITY_PARAM, "NEVER"));
    g_assert_true(mt_run_mentions(run, (guint)i, "does not delete messages"));
    i = mt_run_find(run, MT_F_POP3_CAPABILITY, "UTF8", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 6856"));
    /* "+ " with no AUTH waiting; NOOP is still answered by the next +OK */
    i = status(run, "+", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 13);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BAD_CONTINUATION));
    g_assert_cmpuint(mt_run_rec(run, command(run, "NOOP", 0))->resp_frame, ==, 14);
    /* a response nobody asked for */
    i = in_frame(run, 15, MT_F_POP3_STATUS);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_UNSOLICITED_REPLY));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 0);
    /* LANG without argument lists languages, each explained */
    i = mt_run_find(run, MT_F_POP3_RESPONSE_TEXT, "ja Japanese", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 16);
    g_assert_true(mt_run_mentions(run, (guint)i, "language"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_NOT_OFFERED), ==, 0);
    /* "+OK message follows" (no size; Wireshark's own dissector flags it) is legal */
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 19);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_DATA_TOTAL_LINES, "1"));
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_POP3_ANNOUNCED));
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    assert_every_line_explained(run);
    mt_run_free(run);
}

/* The capture starts after the greeting: the client speaks first. */
static const mt_step mid_session_client[] = {
    C("STAT\r\n"),
    S("+OK 3 2842\r\n"),
    C("QUIT\r\n"),
    S("+OK Logging out.\r\n"),
};

static void
test_mid_session_client_first(void)
{
    mt_run *run = RUN(mid_session_client);
    gint i;

    i = command(run, "STAT", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIDSESSION));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_POP3_BEFORE_LOGIN));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Unknown"));
    /* STAT's +OK shows the session is logged in */
    i = in_frame(run, 2, MT_F_POP3_MESSAGES);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TRANSACTION"));
    i = command(run, "QUIT", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "UPDATE"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_UNSOLICITED_REPLY), ==, 0);
    mt_run_free(run);
}

/* The capture starts inside a RETR response. */
static const mt_step mid_session_server[] = {
    S("Subject: the middle of a message\r\n"),
    S("QUIT\r\n-ERR still text\r\n.\r\n"),
    C("DELE 1\r\n"),
    S("+OK Marked to be deleted.\r\n"),
};

static void
test_mid_session_server_first(void)
{
    mt_run *run = RUN(mid_session_server);
    gint i;

    g_assert_cmpuint(mt_run_rec(run, 0)->kind, ==, MT_R_MESSAGE);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, 0), MT_A_MIDSESSION));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIDSESSION), ==, 1);
    g_assert_cmpuint(mt_run_message_lines(run), ==, 3);
    i = mt_run_find(run, MT_F_POP3_RESPONSE_END, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 2);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_BAD_RESPONSE), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_NEGATIVE), ==, 0);
    i = command(run, "DELE", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 4);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Unknown"));
    i = in_frame(run, 4, MT_F_POP3_MARKED);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TRANSACTION"));
    mt_run_free(run);
}

/* The capture starts inside an AUTH exchange. */
static const mt_step mid_session_sasl[] = {
    C("c2VjcmV0\r\n"),
    S("+OK Logged in.\r\n"),
    C("STAT\r\n"),
};

static void
test_mid_session_sasl(void)
{
    mt_run *run = RUN(mid_session_sasl);

    g_assert_cmpuint(mt_run_rec(run, 0)->kind, ==, MT_R_UNKNOWN);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, 0), MT_A_MIDSESSION));
    g_assert_true(mt_run_mentions(run, 0, "AUTH exchange"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_POP3_UNKNOWN_COMMAND), ==, 0);
    mt_run_free(run);
}

static const mt_step refused[] = {
    S("-ERR [SYS/PERM] Service not available\r\n"),
    C("QUIT\r\n"),
};

static void
test_refused_greeting(void)
{
    mt_run *run = RUN(refused);

    g_assert_true(mt_run_has(run, 0, MT_F_STAGE, "refused"));
    g_assert_true(mt_run_has(run, 0, MT_F_POP3_RESPONSE_CODE, "SYS/PERM"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, 0), MT_A_POP3_NEGATIVE));
    mt_run_free(run);
}

static void
test_garbage_is_safe(void)
{
    /* hostile bytes in both directions: no crash, every record in range */
    GRand *rnd = g_rand_new_with_seed(11);
    guint round;

    for (round = 0; round < 300; round++) {
        mt_session *s = mt_session_new(MT_PROTO_POP3);
        GPtrArray *out = g_ptr_array_new();
        guint8 buf[700];
        guint k, i;

        for (k = 0; k < 24; k++) {
            gsize len = (gsize)g_rand_int_range(rnd, 0, (gint32)sizeof(buf));
            mt_dir dir = (mt_dir)g_rand_int_range(rnd, 0, 2);
            for (i = 0; i < len; i++) {
                guint32 r = g_rand_int(rnd);
                /* mostly protocol-like bytes, with line ends, dots and status words */
                static const char pool[] = "\r\n\r\n . .. +OK -ERR + [IN-USE] 123 RETR LIST CAPA AUTH \b";
                buf[i] = (r % 3 == 0) ? (guint8)pool[r % (sizeof(pool) - 1)] : (guint8)(r >> 8);
            }
            g_ptr_array_set_size(out, 0);
            (void)mt_session_tls_accept(s, dir, buf, len);
            mt_session_feed(s, dir, k + 1, buf, len, out);
            for (i = 0; i < out->len; i++) {
                const mt_record *r = out->pdata[i];
                guint j;
                g_assert_cmpuint(r->proto, ==, MT_PROTO_POP3);
                g_assert_cmpuint((gsize)r->chunk_off + r->chunk_len, <=, len);
                for (j = 0; j < r->n_items; j++) {
                    const mt_item *it = &r->items[j];
                    if (r->flags & MT_RF_REBUILT)
                        g_assert_cmpuint((gsize)it->off + it->len, <=, r->rebuilt_len + 2);
                    else if (r->kind != MT_R_MESSAGE && it->len > 0)
                        g_assert_cmpuint((gsize)r->chunk_off + it->off + it->len, <=, len);
                    g_assert_cmpint(it->parent, <, (gint)j);
                }
                for (j = 0; j < r->n_anoms; j++)
                    g_assert_cmpuint(r->anoms[j].id, <, MT_A_COUNT);
            }
        }
        g_ptr_array_free(out, TRUE);
        mt_session_free(s);
    }
    g_rand_free(rnd);
}

/* Random sessions made of plausible POP3 lines: whatever the mix, the
 * records do not depend on how the bytes are cut (mt_run_all_ways). */
static void
test_random_sessions(void)
{
    static const char *const client[] = {
        "USER student\r\n", "PASS secret\r\n", "STAT\r\n", "LIST\r\n", "LIST 1\r\n", "UIDL\r\n",
        "UIDL 2\r\n", "RETR 1\r\n", "TOP 1 0\r\n", "DELE 1\r\n", "RSET\r\n", "NOOP\r\n", "CAPA\r\n",
        "AUTH\r\n", "AUTH PLAIN\r\n", "STLS\r\n", "APOP a 0123456789abcdef0123456789abcdef\r\n",
        "QUIT\r\n", "XYZZY\r\n", "c2VjcmV0\r\n", "*\r\n", "LIST\b\bST\r\n", "NOOP\n",
    };
    static const char *const server[] = {
        "+OK\r\n", "-ERR no\r\n", "+ \r\n", "+ VXNlcm5hbWU6\r\n", "+OK 2 320\r\n", "1 120\r\n",
        ".\r\n", "..x\r\n", ".x\r\n", "\r\n", "Subject: x\r\n", "-ERR inside\r\n", "+OK 120 octets\r\n",
        "SASL PLAIN LOGIN\r\n", "LOGIN-DELAY 900 USER\r\n", "EXPIRE NEVER\r\n", "garbage\r\n",
        "-ERR [AUTH] bad\r\n", "+OK ready <1.2@host>\r\n", "2 abc\r\n", "bare\n",
    };
    GRand *rnd = g_rand_new_with_seed(1939);
    guint round;

    for (round = 0; round < 80; round++) {
        mt_step steps[48];
        GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
        guint n = (guint)g_rand_int_range(rnd, 4, (gint32)G_N_ELEMENTS(steps) - 1), k = 0;
        mt_run *run;

        while (k < n) {
            gboolean cl = g_rand_int_range(rnd, 0, 2) == 0;
            GString *b = g_string_new(NULL);
            guint items = (guint)g_rand_int_range(rnd, 1, 5), j;
            gsize cut;

            for (j = 0; j < items; j++)
                g_string_append(b, cl ? client[g_rand_int_range(rnd, 0, G_N_ELEMENTS(client))]
                                      : server[g_rand_int_range(rnd, 0, G_N_ELEMENTS(server))]);
            /* sometimes the segment ends inside a line and the next one goes on */
            cut = b->len;
            if (k + 1 < n && g_rand_int_range(rnd, 0, 3) == 0)
                cut = (gsize)g_rand_int_range(rnd, 1, (gint32)b->len);
            g_ptr_array_add(keep, g_strndup(b->str, cut));
            steps[k].dir = cl ? MT_DIR_CLIENT : MT_DIR_SERVER;
            steps[k].bytes = keep->pdata[keep->len - 1];
            steps[k].len = 0;
            k++;
            if (cut < b->len) {
                g_ptr_array_add(keep, g_strdup(b->str + cut));
                steps[k].dir = steps[k - 1].dir;
                steps[k].bytes = keep->pdata[keep->len - 1];
                steps[k].len = 0;
                k++;
            }
            g_string_free(b, TRUE);
        }
        run = mt_run_all_ways(MT_PROTO_POP3, steps, k);
        mt_run_free(run);
        g_ptr_array_free(keep, TRUE);
    }
    g_rand_free(rnd);
}

/* What the adapter's memory budgets read: the session counts what its
 * records hold as they are handed out, and gives back unused item room. */
static void
test_kept_bytes(void)
{
    mt_session *s = mt_session_new(MT_PROTO_POP3);
    GPtrArray *out = g_ptr_array_new();
    guint64 before, after_one, after_many;
    guint i;

    g_assert_cmpuint(mt_session_kept_bytes(s), ==, 0);
    mt_session_feed(s, MT_DIR_SERVER, 1, (const guint8 *)"+OK ready\r\n", 11, out);
    before = mt_session_kept_bytes(s);
    g_assert_cmpuint(before, >=, sizeof(mt_record));
    mt_session_feed(s, MT_DIR_CLIENT, 2, (const guint8 *)"NOOP\r\n", 6, out);
    after_one = mt_session_kept_bytes(s);
    g_assert_cmpuint(after_one, >, before);
    for (i = 0; i < 100; i++)
        mt_session_feed(s, MT_DIR_CLIENT, 3 + i, (const guint8 *)"NOOP\r\n", 6, out);
    after_many = mt_session_kept_bytes(s);
    /* each NOOP costs about what the first did (the pipelined ones carry a
     * note more): the count grows linearly */
    g_assert_cmpuint(after_many - after_one, >=, 90 * (after_one - before));
    g_assert_cmpuint(after_many - after_one, <=, 150 * (after_one - before));
    for (i = 0; i < out->len; i++) {
        const mt_record *r = out->pdata[i];
        g_assert_cmpuint(r->cap_items, ==, r->n_items);
        g_assert_cmpuint(mt_record_size(r), >=, sizeof(mt_record) + r->n_items * sizeof(mt_item));
    }
    g_ptr_array_free(out, TRUE);
    mt_session_free(s);
}

/* Past a budget the adapter shows what the core's budget record says. */
static void
test_budget_record(void)
{
    mt_record *first = mt_session_budget_record(MT_PROTO_POP3, MT_DIR_CLIENT, 9, MT_BUDGET_SESSION, TRUE,
                                                9, 1048576, 1460);
    mt_record *later = mt_session_budget_record(MT_PROTO_POP3, MT_DIR_CLIENT, 12, MT_BUDGET_CAPTURE,
                                                FALSE, 9, 1048576, 1);
    char *sum;

    g_assert_true(mt_rec_has_anomaly(first, MT_A_BUDGET_SESSION));
    g_assert_cmpuint(mt_rec_find(first, MT_F_BUDGET_LIMIT)->v.u, ==, 1048576);
    g_assert_cmpuint(mt_rec_find(first, MT_F_BUDGET_STOPPED_IN)->v.u, ==, 9);
    g_assert_cmpuint(mt_rec_find(first, MT_F_BUDGET_LINES)->v.u, ==, 1460);
    g_assert_nonnull(mt_rec_explanation(first));
    /* said once: the later bytes carry no anomaly, only the count */
    g_assert_cmpuint(later->n_anoms, ==, 0);
    g_assert_null(mt_rec_find(later, MT_F_BUDGET_LIMIT));
    g_assert_cmpuint(mt_rec_find(later, MT_F_BUDGET_STOPPED_IN)->v.u, ==, 9);
    sum = mt_rec_summary_format(later, MT_LANG_EN);
    g_assert_cmpstr(sum, ==, "lines not explained (memory budget): 1");
    g_free(sum);
    mt_record_free(first);
    mt_record_free(later);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pop3/full-session", test_full_session);
    g_test_add_func("/pop3/failed-login", test_failed_login);
    g_test_add_func("/pop3/wrong-state", test_wrong_state);
    g_test_add_func("/pop3/sasl", test_sasl);
    g_test_add_func("/pop3/sasl-initial-response", test_sasl_initial_response);
    g_test_add_func("/pop3/stls", test_stls);
    g_test_add_func("/pop3/split-listing", test_split_listing);
    g_test_add_func("/pop3/pipelining", test_pipelining);
    g_test_add_func("/pop3/pipelining-not-offered", test_pipelining_not_offered);
    g_test_add_func("/pop3/keystroke", test_keystroke);
    g_test_add_func("/pop3/odd-lines", test_odd_lines);
    g_test_add_func("/pop3/odd-responses", test_odd_responses);
    g_test_add_func("/pop3/mid-session-client-first", test_mid_session_client_first);
    g_test_add_func("/pop3/mid-session-server-first", test_mid_session_server_first);
    g_test_add_func("/pop3/mid-session-sasl", test_mid_session_sasl);
    g_test_add_func("/pop3/refused-greeting", test_refused_greeting);
    g_test_add_func("/pop3/garbage-is-safe", test_garbage_is_safe);
    g_test_add_func("/pop3/random-sessions", test_random_sessions);
    g_test_add_func("/pop3/kept-bytes", test_kept_bytes);
    g_test_add_func("/pop3/budget-record", test_budget_record);
    return g_test_run();
}
