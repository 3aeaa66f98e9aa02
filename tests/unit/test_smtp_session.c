/* test_smtp_session.c - the SMTP session machine, fed like TCP would
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
#include "mt_session.h"
#include "mt_test_util.h"

#define RUN(steps) mt_run_all_ways(MT_PROTO_SMTP, (steps), G_N_ELEMENTS(steps))

/* The record that holds reply code `code` (the nth such). */
static gint
reply(const mt_run *run, const char *code, guint nth)
{
    return mt_run_need(run, MT_F_SMTP_REPLY_CODE, code, nth);
}

static gint
command(const mt_run *run, const char *verb, guint nth)
{
    return mt_run_need(run, MT_F_SMTP_COMMAND, verb, nth);
}

static const mt_step plain_session[] = {
    S("220 mail.example.test ESMTP Postfix\r\n"),
    C("EHLO client.example\r\n"),
    S("250-mail.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n"
      "250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 CHUNKING\r\n"),
    C("MAIL FROM:<student@example.test> SIZE=300\r\n"),
    S("250 2.1.0 Ok\r\n"),
    C("RCPT TO:<teacher@example.test>\r\n"),
    S("250 2.1.5 Ok\r\n"),
    C("DATA\r\n"),
    S("354 End data with <CR><LF>.<CR><LF>\r\n"),
    C("From: student@example.test\r\nSubject: hi\r\n\r\nHello.\r\n..a line that starts with a dot\r\n"),
    C(".\r\n"),
    S("250 2.0.0 Ok: queued as ABC123\r\n"),
    C("QUIT\r\n"),
    S("221 2.0.0 Bye\r\n"),
};

static void
test_plain_session(void)
{
    mt_run *run = RUN(plain_session);
    gint i;
    const mt_record *r;

    /* frame 1: the greeting, then EHLO's extensions */
    i = reply(run, "220", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 1);
    g_assert_true(mt_run_summary_is(run, (guint)i, "server ready (greeting)"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Greeted"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "EHLO"));

    i = command(run, "EHLO", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_HELLO_DOMAIN, "client.example"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 3);

    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "SIZE", 0);
    g_assert_cmpint(i, >=, 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_EHLO_SIZE, "10240000"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_REPLY_CONTINUES, "1"));
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 2);
    /* one explanation for the keyword line: what SIZE offers */
    g_assert_cmpuint(mt_rec_count_items(mt_run_rec(run, i), MT_F_EXPLANATION), ==, 1);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "largest message size"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "offers SIZE: messages up to 10240000 octets"));
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "PIPELINING", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "offers PIPELINING (Command pipelining)"));
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "AUTH", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "offers login with PLAIN LOGIN"));
    g_assert_cmpint(mt_run_find(run, MT_F_AUTH_MECHANISM, "PLAIN", 0), >=, 0);
    g_assert_cmpint(mt_run_find(run, MT_F_AUTH_MECHANISM, "LOGIN", 0), >=, 0);
    /* the last EHLO line says the reply is over and the session is open */
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "CHUNKING", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_REPLY_CONTINUES, "0"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Session open"));

    /* MAIL: envelope sender, not the From: header; SIZE parameter */
    i = command(run, "MAIL", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_MAIL_FROM, "student@example.test"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_PARAMETER, "SIZE=300"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "From:"));
    g_assert_true(mt_run_summary_is(run, (guint)i,
                                    "start a message from student@example.test, 300 octets announced (SIZE)"));
    /* said once per transaction: on MAIL, not again on its 250 */
    g_assert_false(mt_run_mentions(run, (guint)reply(run, "250", 8), "From:"));
    g_assert_true(mt_run_summary_is(run, (guint)reply(run, "250", 8), "sender accepted"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "RCPT", 0),
                                    "add the recipient teacher@example.test"));

    /* 2.1.5: enhanced code explained by class, subject and detail */
    i = reply(run, "250", 9);       /* 8 EHLO lines, MAIL's, then RCPT's */
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 6);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_ENHANCED, "2.1.5"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_ENH_SUBJECT, "1"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_ENH_DETAIL, "5"));
    /* what 250 means here, for RCPT; the enhanced code reads as a success */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "This recipient is accepted"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "recipient accepted"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "recipient is accepted"));
    g_assert_false(mt_run_mentions(run, (guint)i, "problem"));
    g_assert_false(mt_run_mentions(run, (guint)i, "after the final"));

    /* frame 9: 354 is explained: send the message, end with "." */
    i = reply(run, "354", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 9);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 8);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "\".\""));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "sending the message"));

    /* the message: 5 lines counted, the blank line and the dot-stuffed one explained */
    g_assert_cmpuint(mt_run_message_lines(run), ==, 5);
    i = mt_run_find(run, MT_F_DATA_HEADER_END, "1", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_DATA_LINE_NUMBER, "3"));
    i = mt_run_find(run, MT_F_DATA_DOT_STUFFED, "1", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "doubled the dot"));
    /* the end-of-data line, and the verdict tied to it */
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    r = mt_run_rec(run, i);
    g_assert_cmpuint(r->frame, ==, 11);
    g_assert_cmpuint(r->resp_frame, ==, 12);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_DATA_TOTAL_LINES, "5"));
    i = mt_run_find(run, MT_F_SMTP_REPLY_TEXT, "Ok: queued as ABC123", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 11);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "queued"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "message queued as ABC123"));
    /* 84 octets crossed the wire; the message is 83: the dot the client
     * doubled is not part of it (RFC 5321 §4.5.2, as SIZE counts, RFC 1870 §5) */
    g_assert_true(mt_run_summary_is(run, (guint)mt_run_find(run, MT_F_DATA_END, "1", 0),
                                    "end of the message: 5 lines, 83 octets"));

    i = reply(run, "221", 0);
    /* 221 closes: no "next command" after it */
    g_assert_false(mt_run_mentions(run, (guint)i, "next command"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "goodbye: connection closing"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Session over"));
    /* a well-behaved session raises nothing */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_NO_HELLO), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_PIPELINING_NOT_OFFERED), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_UNKNOWN_COMMAND), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_UNSOLICITED_REPLY), ==, 0);
    mt_run_free(run);
}

static const mt_step out_of_sequence[] = {
    S("220 mail.example.test ESMTP\r\n"),
    C("MAIL FROM:<a@example.test>\r\n"),
    S("503 5.5.1 Error: send HELO/EHLO first\r\n"),
    C("EHLO c\r\n"),
    S("250 mail.example.test\r\n"),
    C("RCPT TO:<b@example.test>\r\n"),
    S("503 5.5.1 Error: need MAIL command\r\n"),
    C("MAIL FROM:<a@example.test>\r\n"),
    S("250 2.1.0 Ok\r\n"),
    C("DATA\r\n"),
    S("554 5.5.1 Error: no valid recipients\r\n"),
    C("RSET\r\n"),
    S("250 2.0.0 Ok\r\n"),
    C("FOO bar\r\n"),
    S("502 5.5.2 Error: command not recognized\r\n"),
    C("QUIT\r\n"),
    S("221 2.0.0 Bye\r\n"),
    C("NOOP\r\n"),
};

static void
test_out_of_sequence(void)
{
    mt_run *run = RUN(out_of_sequence);
    gint i;

    /* frame 2: MAIL before EHLO, flagged with what RFC 5321 expects */
    i = command(run, "MAIL", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_NO_HELLO));
    /* frame 6: RCPT before MAIL */
    i = command(run, "RCPT", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_RCPT_BEFORE_MAIL));
    /* frame 10: DATA before RCPT; refused, so the next line is a command */
    i = command(run, "DATA", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_DATA_BEFORE_RCPT));
    i = reply(run, "554", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "commands"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_PERMANENT_FAILURE));
    i = command(run, "RSET", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 12);
    g_assert_cmpuint(mt_run_message_lines(run), ==, 0);
    /* frame 14: unknown command, answered 502 */
    i = command(run, "FOO", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_UNKNOWN_COMMAND));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 15);
    /* frame 18: anything after QUIT */
    i = command(run, "NOOP", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_AFTER_QUIT));
    /* the 503s are explained as out-of-sequence answers */
    i = reply(run, "503", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_REPLY_CODE, "503"));
    mt_run_free(run);
}

static const mt_step pipelined[] = {
    S("220 mx ESMTP\r\n"),
    C("EHLO c\r\n"),
    S("250-mx\r\n250 PIPELINING\r\n"),
    C("MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nRCPT TO:<nobody@x>\r\nDATA\r\n"),
    S("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 <nobody@x>: Recipient address rejected: User unknown\r\n"
      "354 End data with <CR><LF>.<CR><LF>\r\n"),
    C("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n"),
    S("250 2.0.0 Ok: queued\r\n221 2.0.0 Bye\r\n"),
};

static void
test_pipelining(void)
{
    mt_run *run = RUN(pipelined);
    gint i;

    /* four commands in frame 4, their replies in order in frame 5 */
    i = reply(run, "550", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 4);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_ENH_DETAIL, "1"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "next command"));
    i = mt_run_find(run, MT_F_SMTP_RCPT_TO, "nobody@x", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 5);
    /* the second RCPT is explained as pipelined, not flagged */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NOTE, "Pipelining"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_PIPELINING_NOT_OFFERED), ==, 0);
    /* one recipient accepted, so DATA goes ahead */
    g_assert_cmpuint(mt_run_message_lines(run), ==, 3);
    /* "." and QUIT in one segment; the replies answer them in order */
    i = reply(run, "221", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 6);
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 7);
    mt_run_free(run);
}

static const mt_step pipelining_not_offered[] = {
    S("220 mx ESMTP\r\n"),
    C("HELO c\r\n"),
    S("250 mx\r\n"),
    C("MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\n"),
};

static void
test_pipelining_not_offered(void)
{
    mt_run *run = RUN(pipelining_not_offered);
    gint i = command(run, "RCPT", 0);

    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_PIPELINING_NOT_OFFERED));
    mt_run_free(run);
}

static const mt_step keystroke[] = {
    S("220 mx ESMTP\r\n"),
    C("EHLP\bO x\r\n"),
    S("502 5.5.2 Error: command not recognized\r\n"),
    C("HELO x\r\n"),
    S("250 mx\r\n"),
    C("MAIL FROM:<studnet\b\b\bent@x>\r\n"),
};

static void
test_keystroke_edits(void)
{
    mt_run *run = RUN(keystroke);
    gint i;
    const mt_record *r;

    /* the server got "EHLP\bO": an unknown command, shown as typed */
    i = mt_run_find(run, MT_F_LINE_CONTROL, "8", 0);
    r = mt_run_rec(run, i);
    g_assert_cmpuint(r->frame, ==, 2);
    g_assert_true(mt_rec_has_anomaly(r, MT_A_SMTP_UNKNOWN_COMMAND));
    g_assert_true(mt_rec_has_anomaly(r, MT_A_CONTROL_CHAR));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_LINE_ON_SCREEN, "EHLO x"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "BACKSPACE"));
    /* three backspaces, and what the screen showed; the backspace is
     * explained once, not three times */
    i = command(run, "MAIL", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_LINE_ON_SCREEN, "MAIL FROM:<student@x>"));
    g_assert_cmpint(mt_run_find(run, MT_F_LINE_CONTROL, "8", 1), ==, i);
    g_assert_cmpuint(mt_rec_count_items(mt_run_rec(run, i), MT_F_LINE_CONTROL), ==, 3);
    /* meanings: the sender address, the backspace (once), the screen */
    g_assert_cmpuint(mt_rec_count_items(mt_run_rec(run, i), MT_F_MEANING), ==, 3);
    mt_run_free(run);
}

#define ODD_TEXT "nul\0here\r\nbare\n.not stuffed\r\n.\r\n"
static const mt_step odd_lines[] = {
    S("220 mx ESMTP\r\n"),
    C("EHLO bare-lf\n"),
    S("250 mx\r\n"),
    C("MAIL FROM:<a@x>\r\n"),
    S("250 ok\r\n"),
    C("RCPT TO:<b@x>\r\n"),
    S("250 ok\r\n"),
    C("DATA\r\n"),
    S("354 go\r\n"),
    C(ODD_TEXT),
    S("250 queued\r\n"),
};

static void
test_odd_lines(void)
{
    mt_step steps[G_N_ELEMENTS(odd_lines)];
    mt_run *run;
    gint i;

    memcpy(steps, odd_lines, sizeof(steps));
    steps[9].len = sizeof(ODD_TEXT) - 1;   /* the NUL is part of the data */
    run = mt_run_all_ways(MT_PROTO_SMTP, steps, G_N_ELEMENTS(steps));

    i = command(run, "EHLO", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_BARE_LF));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_HELLO_DOMAIN, "bare-lf"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_NUL), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_BARE_LF), ==, 2);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_DOT_NOT_STUFFED), ==, 1);
    g_assert_cmpuint(mt_run_message_lines(run), ==, 3);
    i = mt_run_find(run, MT_F_DATA_END, "1", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 11);
    mt_run_free(run);
}

static void
test_overlong_lines(void)
{
    GString *cmd = g_string_new("VRFY ");
    GString *text = g_string_new(NULL);
    mt_step steps[] = {
        S("220 mx ESMTP\r\n"), C("HELO x\r\n"), S("250 mx\r\n"),
        C(NULL), S("252 maybe\r\n"),
        C("MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nDATA\r\n"),
        S("250 ok\r\n250 ok\r\n354 go\r\n"),
        C(NULL), C(".\r\n"), S("250 ok\r\n"),
    };
    mt_run *run;
    gint i;

    while (cmd->len < 600)
        g_string_append_c(cmd, 'a');
    g_string_append(cmd, "\r\n");
    while (text->len < 1200)
        g_string_append_c(text, 'x');
    g_string_append(text, "\r\nshort\r\n");
    steps[3].bytes = cmd->str;
    steps[7].bytes = text->str;
    run = mt_run_all_ways(MT_PROTO_SMTP, steps, G_N_ELEMENTS(steps));

    i = command(run, "VRFY", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_LINE_TOO_LONG));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_LINE_LENGTH, "602"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_LINE_TOO_LONG), ==, 2);
    g_assert_cmpuint(mt_run_message_lines(run), ==, 2);
    mt_run_free(run);
    g_string_free(cmd, TRUE);
    g_string_free(text, TRUE);
}

static const mt_step bdat[] = {
    S("220 mx ESMTP\r\n"),
    C("EHLO c\r\n"),
    S("250-mx\r\n250-PIPELINING\r\n250 CHUNKING\r\n"),
    C("MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\n"),
    S("250 ok\r\n250 ok\r\n"),
    C("BDAT 10\r\nQUIT\r\nRSET"),
    S("250 2.0.0 10 octets received\r\n"),
    C("BDAT 6 LAST\r\n\r\n.\r\n\r\n"),
    S("250 2.0.0 Ok: queued\r\n"),
    C("QUIT\r\n"),
};

static void
test_bdat(void)
{
    mt_run *run = RUN(bdat);
    gint i;

    /* the 10 octets after BDAT hold "QUIT\r\nRSET": counted, not commands */
    i = command(run, "BDAT", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_BDAT_SIZE, "10"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 7);
    g_assert_cmpint(command(run, "QUIT", 0), >, command(run, "BDAT", 1));
    g_assert_cmpint(mt_run_find(run, MT_F_SMTP_COMMAND, "RSET", 0), ==, -1);
    i = command(run, "BDAT", 1);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_BDAT_LAST, "1"));
    /* and the LAST chunk's ".\r\n" is not an end-of-data line */
    g_assert_cmpint(mt_run_find(run, MT_F_DATA_END, NULL, 0), ==, -1);
    i = reply(run, "250", 6);     /* 3 EHLO lines, MAIL, RCPT, BDAT, BDAT LAST */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "Session open"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_UNKNOWN_COMMAND), ==, 0);
    mt_run_free(run);
}

static const mt_step auth_login[] = {
    S("220 mx ESMTP\r\n"),
    C("EHLO c\r\n"),
    S("250-mx\r\n250 AUTH PLAIN LOGIN\r\n"),
    C("AUTH LOGIN\r\n"),
    S("334 VXNlcm5hbWU6\r\n"),
    C("c3R1ZGVudA==\r\n"),
    S("334 UGFzc3dvcmQ6\r\n"),
    C("c2VjcmV0\r\n"),
    S("235 2.7.0 Authentication successful\r\n"),
    C("MAIL FROM:<student@x>\r\n"),
};

static void
test_auth_exchange(void)
{
    mt_run *run = RUN(auth_login);
    gint i;

    /* answers to 334 are not commands */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_UNKNOWN_COMMAND), ==, 0);
    i = mt_run_find(run, MT_F_SMTP_ARGUMENT, "c3R1ZGVudA==", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->kind, ==, MT_R_CONTINUATION);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "Base64"));
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 7);
    i = reply(run, "235", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->req_frame, ==, 8);
    i = command(run, "MAIL", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    i = command(run, "AUTH", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_MECHANISM, "LOGIN"));
    mt_run_free(run);
}

static const mt_step starttls[] = {
    S("220 mx ESMTP\r\n"),
    C("EHLO c\r\n"),
    S("250-mx\r\n250 STARTTLS\r\n"),
    C("STARTTLS\r\n"),
    S("220 2.0.0 Ready to start TLS\r\n"),
    /* decrypted, as TLS hands it over with keys */
    C("MAIL FROM:<a@x>\r\n"),
    S("503 5.5.1 Error: send HELO/EHLO first\r\n"),
    C("EHLO c\r\n"),
    S("250-mx\r\n250 AUTH PLAIN\r\n"),
    C("AUTH PLAIN AGEAc2VjcmV0\r\n"),
    S("235 2.7.0 Authentication successful\r\n"),
};

static void
test_starttls(void)
{
    mt_run *run = mt_run_steps(MT_PROTO_SMTP, starttls, 4, MT_FEED_WHOLE);
    const char *accept = "220 2.0.0 Ready to start TLS\r\n";
    gint i;

    /* before the acceptance is fed, the adapter can tell it accepts TLS */
    g_assert_true(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)accept, strlen(accept)));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)"454 no\r\n", 8));
    /* not before the whole 220 line is there: the built-in switches only
     * then, and TLS must not take over bytes it will not see (a mutated
     * capture whose 220 line had lost its end) */
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_SERVER, (const guint8 *)accept, 20));
    g_assert_false(mt_session_tls_accept(run->session, MT_DIR_CLIENT, (const guint8 *)accept, strlen(accept)));
    mt_run_free(run);

    run = RUN(starttls);
    i = reply(run, "220", 1);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_STAGE, "TLS"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "EHLO again"));
    /* RFC 3207 §4.2: the client must say EHLO again */
    i = command(run, "MAIL", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_EHLO_AFTER_TLS));
    i = command(run, "EHLO", 1);
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    /* the hello inside TLS starts the session over (RFC 3207 §4.2) */
    g_assert_true(mt_run_summary_is(run, (guint)i, "introduce itself again as c, now inside TLS"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 3207 §4.2"));
    g_assert_false(mt_run_summary_is(run, (guint)command(run, "EHLO", 0),
                                     "introduce itself again as c, now inside TLS"));
    /* what may come next: no second STARTTLS inside TLS, no second AUTH
     * after a successful one (RFC 4954 §4: 503) */
    i = reply(run, "250", 3);      /* the last line of the hello inside TLS */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "may first log in with AUTH"));
    g_assert_false(mt_run_has(run, (guint)i, MT_F_NEXT, "STARTTLS or AUTH"));
    i = reply(run, "235", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "refuses another AUTH (503)"));
    g_assert_false(mt_run_has(run, (guint)i, MT_F_NEXT, "may first"));
    i = reply(run, "250", 1);      /* the last line of the first hello */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "may first use STARTTLS or AUTH"));
    mt_run_free(run);
}

static const mt_step mid_session[] = {
    C("this is the middle of a message\r\n"),
    C(".\r\n"),
    S("250 2.0.0 Ok: queued as X\r\n"),
    C("QUIT\r\n"),
    S("221 Bye\r\n"),
};

static void
test_mid_session(void)
{
    mt_run *run = RUN(mid_session);
    gint i;

    /* the first line says the capture started late, and is not a command */
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, 0), MT_A_MIDSESSION));
    g_assert_cmpuint(mt_run_rec(run, 0)->kind, ==, MT_R_UNKNOWN);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_UNKNOWN_COMMAND), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_UNSOLICITED_REPLY), ==, 0);
    i = command(run, "QUIT", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->resp_frame, ==, 5);
    mt_run_free(run);
}

static void
test_garbage_is_safe(void)
{
    /* hostile bytes in both directions: no crash, every record in range */
    GRand *rnd = g_rand_new_with_seed(7);
    guint round;

    for (round = 0; round < 200; round++) {
        mt_session *s = mt_session_new(MT_PROTO_SMTP);
        GPtrArray *out = g_ptr_array_new();
        guint8 buf[700];
        guint k, i;

        for (k = 0; k < 20; k++) {
            gsize len = (gsize)g_rand_int_range(rnd, 0, (gint32)sizeof(buf));
            for (i = 0; i < len; i++) {
                guint32 r = g_rand_int(rnd);
                /* mostly text-like bytes, with line ends and digits */
                buf[i] = (r % 4 == 0) ? (guint8)"\r\n 0123456789.-<>:"[r % 18] : (guint8)(r >> 8);
            }
            g_ptr_array_set_size(out, 0);
            mt_session_feed(s, (mt_dir)(k & 1), k + 1, buf, len, out);
            for (i = 0; i < out->len; i++) {
                const mt_record *r = out->pdata[i];
                guint j;
                g_assert_cmpuint((gsize)r->chunk_off + r->chunk_len, <=, len);
                for (j = 0; j < r->n_items; j++) {
                    if (r->flags & MT_RF_REBUILT)
                        g_assert_cmpuint((gsize)r->items[j].off + r->items[j].len, <=, r->rebuilt_len + 2);
                    g_assert_cmpint(r->items[j].parent, <, (gint)j);
                }
            }
        }
        g_ptr_array_free(out, TRUE);
        mt_session_free(s);
    }
    g_rand_free(rnd);
}

/* Real replies of Chinese mail services, as students capture them: QQ
 * lists SIZE after HELO, Coremail (163) lists keywords of its own. */
static const mt_step vendor_replies[] = {
    S("220 163.com Anti-spam GT for Coremail System (163com[20141201])\r\n"),
    C("HELO lab-pc\r\n"),
    S("250-newxmesmtplogicsvrsza7.qq.com-9.46.16.6-1234567\r\n250-SIZE 73400320\r\n250 OK\r\n"),
    C("EHLO lab-pc\r\n"),
    S("250-mail\r\n250-PIPELINING\r\n250-AUTH LOGIN PLAIN XOAUTH2\r\n250-AUTH=LOGIN PLAIN XOAUTH2\r\n"
      "250-coremail 1Uxr2xKj7kG0xkI17xGrU7I0s8FY2U3Uj8Cz28x1UUUUU7Ic2I0Y2UrdD0ZIUCa0xDrUUUUj\r\n"
      "250-MAILCOMPRESS\r\n250-XMYEXT\r\n250 8BITMIME\r\n"),
    C("QUIT\r\n"),
    S("221 Bye\r\n"),
};

static void
test_vendor_replies(void)
{
    mt_run *run = RUN(vendor_replies);
    gint i;

    /* HELO: the server need not list extensions, and QQ lists SIZE anyway */
    i = mt_run_find(run, MT_F_SMTP_REPLY_TEXT, "newxmesmtplogicsvrsza7.qq.com-9.46.16.6-1234567", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "need not send one"));
    g_assert_false(mt_run_mentions(run, (guint)i, "lists no extensions"));
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "SIZE", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 3);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "need not do"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "lists SIZE after HELO"));
    /* "250 OK" after HELO is text, not a keyword */
    i = mt_run_find(run, MT_F_SMTP_REPLY_TEXT, "OK", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 3);
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_SMTP_EHLO_KEYWORD));
    g_assert_true(mt_run_summary_is(run, (guint)i, "last line of the reply"));
    /* Coremail's own keywords are vendor keywords, not "X" ones */
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "COREMAIL", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "vendor's own extension"));
    g_assert_false(mt_run_mentions(run, (guint)i, "Keywords that start with X"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "offers coremail (a vendor's own extension)"));
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "MAILCOMPRESS", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "vendor's own extension"));
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "XMYEXT", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "start with X are local"));
    /* the old AUTH= form is known */
    i = mt_run_find(run, MT_F_SMTP_EHLO_KEYWORD, "AUTH=", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "Non-standard"));
    mt_run_free(run);
}

/* A student's lab: VRFY, a stray empty line, a failed login retried. */
static const mt_step lab_login[] = {
    S("220 mail.example.test ESMTP Postfix\r\n"),                   /* 1 */
    C("EHLO lab\r\n"),                                               /* 2 */
    S("250-mail.example.test\r\n250-AUTH PLAIN LOGIN\r\n250 ENHANCEDSTATUSCODES\r\n"), /* 3 */
    C("VRFY student\r\n"),                                           /* 4 */
    S("252 2.0.0 student\r\n"),                                      /* 5 */
    C("\r\n"),                                                        /* 6 */
    S("500 5.5.2 Error: bad syntax\r\n"),                            /* 7 */
    C("AUTH LOGIN\r\n"),                                             /* 8 */
    S("334 VXNlcm5hbWU6\r\n"),                                       /* 9 */
    C("c3R1ZGVudA==\r\n"),                                           /* 10 */
    S("334 UGFzc3dvcmQ6\r\n"),                                       /* 11 */
    C("c2VjcmVU\r\n"),                                               /* 12 */
    S("535 5.7.8 Error: authentication failed: authentication failure\r\n"), /* 13 */
    C("AUTH LOGIN\r\n"),                                             /* 14 */
    S("334 VXNlcm5hbWU6\r\n"),                                       /* 15 */
    C("c3R1ZGVudA==\r\n"),                                           /* 16 */
    S("334 UGFzc3dvcmQ6\r\n"),                                       /* 17 */
    C("c2VjcmV0\r\n"),                                               /* 18 */
    S("235 2.7.0 Authentication successful\r\n"),                    /* 19 */
    C("QUIT\r\n"),                                                   /* 20 */
    S("221 2.0.0 Bye\r\n"),                                          /* 21 */
};

/* Replies that break the rules, each told for what it is (hand-made, as in
 * captures/smtp-handmade-malformed-replies) */
static const mt_step broken_replies[] = {
    S("220 mx ESMTP\r\n"),
    C("EHLO c\r\n"),
    S("250-mx\r\n251 PIPELINING\r\n"),
    S("299 unsolicited\r\n"),
    C("MAIL FROM:<a@x>\r\n"),
    S("250 ok\r\n"),
    C("RCPT TO:<b@x>\r\n"),
    S("250 ok\r\n"),
    C("DATA\r\n"),
    S("354 go\r\n"),
    C("Subject: cr\r\n\r\na lone \r here\r\n.\r\n"),
    S("250 queued\r\n"),
    C("NOOP " "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"),
    S("500 5.5.0 line too long\r\n"),
    C("NOOP\r\n"),
    S("500 what\r\n"),
};

static void
test_broken_replies(void)
{
    mt_run *run = RUN(broken_replies);
    gint i;

    /* RFC 5321 §4.2.1: every line of a reply carries the same code */
    i = reply(run, "251", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "code 251 differs from the reply's first line (250)"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_SMTP_MULTILINE_MISMATCH));
    /* a reply no command waits for is not "command accepted" */
    i = reply(run, "299", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "reply with no command waiting for it"));
    g_assert_false(mt_run_mentions(run, (guint)i, "command accepted"));
    /* a bare CR in message text is flagged (RFC 5321 §2.3.8) */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_BARE_CR), ==, 1);
    /* 500 after a line over 512 octets says so; after a short one it does not */
    i = reply(run, "500", 0);
    g_assert_true(mt_run_summary_is(run, (guint)i, "syntax error: the command line was too long"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 5321 §4.5.3.1.4"));
    i = reply(run, "500", 1);
    g_assert_false(mt_run_summary_is(run, (guint)i, "syntax error: the command line was too long"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "syntax error: command not recognized"));
    mt_run_free(run);
}

/* The capture starts inside the message text: its size is a lower bound */
static const mt_step cut_message[] = {
    C("Date: Mon, 23 Nov 2026 18:29:09 +0000\r\nSubject: x\r\n\r\nbody\r\n.\r\n"),
    S("250 2.0.0 Ok: queued as ABC\r\n"),
};

static void
test_cut_message(void)
{
    mt_run *run = RUN(cut_message);
    gint i = mt_run_need(run, MT_F_DATA_END, "1", 0);

    g_assert_true(mt_run_summary_is(run, (guint)i, "end of the message: at least 4 lines, at least 59 octets"));
    mt_run_free(run);
}

static void
test_lab_login(void)
{
    mt_run *run = RUN(lab_login);
    const mt_record *r;
    gint i;

    /* 252 answers VRFY: RFC 5321 §3.5.3 */
    i = reply(run, "252", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 5321 §3.5.3"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "cannot verify, would accept mail"));
    /* an empty command line breaks the syntax of §4.1.1 */
    for (i = 0; i < (gint)run->recs->len && mt_run_rec(run, i)->frame != 6; i++)
        ;
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "empty command line"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 5321 §4.1.1"));
    /* its 500 says nothing about AUTH: that remark belongs to AUTH's 500 */
    i = reply(run, "500", 0);
    g_assert_false(mt_run_mentions(run, (guint)i, "AUTH"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "syntax error: command not recognized"));
    /* 535: this attempt failed; the retry with the same user succeeds */
    i = reply(run, "535", 0);
    r = mt_run_rec(run, i);
    g_assert_cmpuint(r->frame, ==, 13);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "This login attempt failed"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "can succeed"));
    g_assert_false(mt_run_mentions(run, (guint)i, "will not work if repeated"));
    g_assert_true(mt_rec_has_anomaly(r, MT_A_SMTP_PERMANENT_FAILURE));
    g_assert_false(g_strrstr(mt_text_get(&mt_anomaly_get(MT_A_SMTP_PERMANENT_FAILURE)->text, MT_LANG_EN),
                             "fail again") != NULL);
    g_assert_true(mt_run_summary_is(run, (guint)i, "login failed: invalid credentials"));
    /* 235 2.7.0: a success, down to the enhanced code (RFC 4954 §6) */
    i = reply(run, "235", 0);
    g_assert_cmpuint(mt_run_rec(run, i)->frame, ==, 19);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_EXPLANATION, "Authenticated"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "login succeeded"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_ENH_CLASS, "2"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "The action succeeded"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MEANING, "successful login"));
    g_assert_false(mt_run_mentions(run, (guint)i, "problem"));
    g_assert_cmpuint(mt_run_rec(run, i)->n_anoms, ==, 0);
    /* 221 ends the session: no "next command" */
    g_assert_false(mt_run_mentions(run, (guint)reply(run, "221", 0), "next command"));
    mt_run_free(run);
}

/* The capture starts with a line that is no command: read as the rest of
 * a message, until the server speaks, which it does not do while the
 * client sends message text; what follows is read as commands again. */
static const mt_step late_not_message[] = {
    C("FOO bar\r\n"),
    S("500 5.5.2 Error: command not recognized\r\n"),
    C("MAIL FROM:<a@example.test>\r\n"),
    S("250 2.1.0 Ok\r\n"),
    C("\x8f\x01 random\r\n"),
};

static void
test_late_not_message(void)
{
    mt_run *run = RUN(late_not_message);
    gint i;

    g_assert_true(mt_run_summary_is(run, 0, "probably message text (capture started late)"));
    i = command(run, "MAIL", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_SMTP_MAIL_FROM, "a@example.test"));
    g_assert_cmpint(mt_run_find(run, MT_F_DATA_LINES, NULL, 0), ==, -1);
    /* and a line that is no command is now an unknown command */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_SMTP_UNKNOWN_COMMAND), ==, 1);
    mt_run_free(run);
}

/* What goes between the angle brackets of MAIL FROM and RCPT TO
 * (RFC 5321 §4.1.2): typed by hand, it is often not an address */
static const struct {
    gboolean    rcpt;
    const char *path;
    gboolean    ok;
} paths[] = {
    { FALSE, "student@mail.example.test", TRUE },
    { FALSE, "", TRUE },                                /* null sender */
    { TRUE, "", FALSE },
    { TRUE, "Postmaster", TRUE },
    { FALSE, "postmaster", FALSE },
    { FALSE, "first.last+tag@example.test", TRUE },
    { FALSE, "\"two words\"@example.test", TRUE },
    { FALSE, "@relay.example.test:user@example.test", TRUE },   /* source route */
    { FALSE, "user@[192.0.2.1]", TRUE },
    { FALSE, "\xe5\xad\xa6\xe7\x94\x9f@example.test", TRUE },      /* SMTPUTF8 */
    { FALSE, "studnet\b\b\bent@mail.example.test", FALSE },   /* smtp-keystroke */
    { FALSE, "bad address", FALSE },                   /* smtp-errors */
    { TRUE, "student", FALSE },
    { TRUE, "student@", FALSE },
    { TRUE, "@example.test", FALSE },
    { TRUE, "a..b@example.test", FALSE },
    { TRUE, ".a@example.test", FALSE },
    { TRUE, "a@example..test", FALSE },
    { TRUE, "a@exa_mple.test", FALSE },
};

static void
test_paths(void)
{
    gsize k;

    for (k = 0; k < G_N_ELEMENTS(paths); k++) {
        char *cmd = g_strdup_printf("%s:<%s>\r\n", paths[k].rcpt ? "RCPT TO" : "MAIL FROM", paths[k].path);
        mt_step steps[] = {
            S("220 mx ESMTP\r\n"),
            C("EHLO c\r\n"),
            S("250 mx\r\n"),
            C("MAIL FROM:<a@example.test>\r\n"),
            S("250 ok\r\n"),
            C(cmd),
            S("250 ok\r\n"),
        };
        mt_run *run = RUN(steps);
        /* the second MAIL FROM, or the RCPT TO */
        gint i = paths[k].rcpt ? mt_run_need(run, MT_F_SMTP_RCPT_TO, NULL, 0)
                               : mt_run_need(run, MT_F_SMTP_MAIL_FROM, NULL, 1);

        const mt_record *r = mt_run_rec(run, i);
        gboolean control = strchr(paths[k].path, '\b') != NULL;

        if ((mt_rec_has_anomaly(r, MT_A_SMTP_BAD_PATH) || mt_rec_has_anomaly(r, MT_A_SMTP_PATH_CONTROL))
            == paths[k].ok)
            g_error("<%s>: %s", paths[k].path, paths[k].ok ? "flagged" : "not flagged");
        /* a typed backspace gets its own reason (RFC 5321 §4.1.2), not
         * "not written as <local-part@domain>" */
        if (mt_rec_has_anomaly(r, MT_A_SMTP_PATH_CONTROL) != control
            || (control && mt_rec_has_anomaly(r, MT_A_SMTP_BAD_PATH)))
            g_error("<%s>: control characters flagged wrongly", paths[k].path);
        mt_run_free(run);
        g_free(cmd);
    }
}

/* SIZE=n on MAIL announces the message's size (RFC 1870 §6), BODY= its
 * body type (RFC 6152 §2, RFC 3030 §3); the summary says so only for a
 * number and a known type. */
static const mt_step mail_sizes[] = {
    S("220 mx.example.test ESMTP\r\n"),
    C("EHLO c\r\n"),
    S("250-mx.example.test\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n"),
    C("MAIL FROM:<a@x> size=12 BODY=8BITMIME\r\n"),
    S("250 ok\r\n"),
    C("RSET\r\n"),
    S("250 ok\r\n"),
    C("MAIL FROM:<b@x> SIZE=twelve\r\n"),
    S("250 ok\r\n"),
    C("RSET\r\n"),
    S("250 ok\r\n"),
    C("MAIL FROM:<> SIZE=5\r\n"),
    S("250 ok\r\n"),
    C("RSET\r\n"),
    S("250 ok\r\n"),
    C("MAIL FROM:<c@x> body=7bit\r\n"),
    S("250 ok\r\n"),
    C("RSET\r\n"),
    S("250 ok\r\n"),
    C("MAIL FROM:<d@x> BODY=9BIT\r\n"),
    S("250 ok\r\n"),
};

static void
test_mail_size(void)
{
    mt_run *run = RUN(mail_sizes);

    g_assert_true(mt_run_summary_is(run, (guint)command(run, "MAIL", 0),
                                    "start a message from a@x, 12 octets, 8BITMIME body"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "MAIL", 1), "start a message from b@x"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "MAIL", 2), "start a message with the null sender <>"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "MAIL", 3),
                                    "start a message from c@x, 7BIT body announced (BODY)"));
    g_assert_true(mt_run_summary_is(run, (guint)command(run, "MAIL", 4), "start a message from d@x"));
    mt_run_free(run);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/smtp/plain-session", test_plain_session);
    g_test_add_func("/smtp/mail-size", test_mail_size);
    g_test_add_func("/smtp/out-of-sequence", test_out_of_sequence);
    g_test_add_func("/smtp/pipelining", test_pipelining);
    g_test_add_func("/smtp/pipelining-not-offered", test_pipelining_not_offered);
    g_test_add_func("/smtp/keystroke-edits", test_keystroke_edits);
    g_test_add_func("/smtp/odd-lines", test_odd_lines);
    g_test_add_func("/smtp/overlong-lines", test_overlong_lines);
    g_test_add_func("/smtp/bdat", test_bdat);
    g_test_add_func("/smtp/auth-exchange", test_auth_exchange);
    g_test_add_func("/smtp/starttls", test_starttls);
    g_test_add_func("/smtp/mid-session", test_mid_session);
    g_test_add_func("/smtp/garbage-is-safe", test_garbage_is_safe);
    g_test_add_func("/smtp/vendor-replies", test_vendor_replies);
    g_test_add_func("/smtp/lab-login", test_lab_login);
    g_test_add_func("/smtp/broken-replies", test_broken_replies);
    g_test_add_func("/smtp/cut-message", test_cut_message);
    g_test_add_func("/smtp/paths", test_paths);
    g_test_add_func("/smtp/late-not-message", test_late_not_message);
    return g_test_run();
}
