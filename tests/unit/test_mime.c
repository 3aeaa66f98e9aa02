/* test_mime.c - the message itself: header fields, MIME structure, encodings
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The same multipart message sent with SMTP DATA and BDAT, fetched with
 * POP3 RETR and IMAP FETCH BODY[], fed whole, byte by byte and cut at
 * random: the parts must be numbered as IMAP numbers them (and as Python's
 * email package walks them, see tests/tshark/test_mime.py), encoded words
 * and RFC 2231 names decoded, broken structure flagged.
 */
#include <string.h>

#include "mt_anomaly.h"
#include "mt_mime.h"
#include "mt_mime_texts.h"
#include "mt_test_util.h"

#define MSG_HEADER \
    "Received: from client.example.test (localhost [127.0.0.1])\r\n" \
    "\tby mail.example.test (Postfix) with ESMTP id 4ABC\r\n" \
    "\tfor <student@mail.example.test>; Mon, 02 Sep 2024 09:10:00 +0000\r\n" \
    "From: =?UTF-8?Q?Lehrer_M=C3=BCller?= <teacher@mail.example.test>\r\n" \
    "To: Student <student@mail.example.test>\r\n" \
    "Subject: =?gb2312?B?suLK1NPKvP4=?=\r\n" \
    " =?ISO-2022-JP?B?GyRCRnxLXDhsJE43b0w+GyhC?=\r\n" \
    "Date: Mon, 02 Sep 2024 09:10:00 +0000\r\n" \
    "MIME-Version: 1.0\r\n" \
    "Content-Type: multipart/mixed; boundary=\"outer\"\r\n" \
    "\r\n"

#define MSG_BODY \
    "This is a multi-part message in MIME format.\r\n" \
    "\r\n" \
    "--outer\r\n" \
    "Content-Type: multipart/alternative; boundary=inner\r\n" \
    "\r\n" \
    "--inner\r\n" \
    "Content-Type: text/plain; charset=utf-8\r\n" \
    "Content-Transfer-Encoding: quoted-printable\r\n" \
    "\r\n" \
    "Gr=C3=BC=C3=9Fe, soft=\r\n" \
    " break\r\n" \
    "--inner\r\n" \
    "Content-Type: text/html; charset=gb2312\r\n" \
    "Content-Transfer-Encoding: base64\r\n" \
    "\r\n" \
    "suLK1NPKvP4=\r\n" \
    "--inner--\r\n" \
    "\r\n" \
    "--outer\r\n" \
    "Content-Type: application/pdf\r\n" \
    "Content-Disposition: attachment;\r\n" \
    " filename*0*=iso-2022-jp'ja'%1B%24B%3DIBj%24N%25U%25%21;\r\n" \
    " filename*1*=%25%24%25k%1B%28B.pdf\r\n" \
    "Content-Transfer-Encoding: base64\r\n" \
    "\r\n" \
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\r\n" \
    "OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3Bx\r\n" \
    "cnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmq\r\n" \
    "q6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj\r\n" \
    "5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhsc\r\n" \
    "HR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RV\r\n" \
    "VldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gIGCg4SFhoeIiYqLjI2O\r\n" \
    "j5CRkpOUlZaXmJmam5ydnp+goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2+v8DBwsPExcbH\r\n" \
    "yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/v8A\r\n" \
    "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5\r\n" \
    "Ojs8PT4/QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFy\r\n" \
    "c3R1dnd4eXp7fH1+f4CBgoOEhYaHiImKi4yNjo+QkZKTlJWWl5iZmpucnZ6foKGio6Slpqeoqaqr\r\n" \
    "rK2ur7CxsrO0tba3uLm6u7y9vr/AwcLDxMXGx8jJysvMzc7P0NHS09TV1tfY2drb3N3e3+Dh4uPk\r\n" \
    "5ebn6Onq6+zt7u/w8fLz9PX29/j5+vv8/f7/\r\n" \
    "--outer\r\n" \
    "Content-Type: message/rfc822\r\n" \
    "\r\n" \
    "From: a@b.test\r\n" \
    "Subject: =?UTF-8?B?5Lit5paH6ZmE5Lu2LnR4dA==?=\r\n" \
    "\r\n" \
    "forwarded body\r\n" \
    "--outer\r\n" \
    "Content-Type: text/plain; name=\"=?UTF-8?B?5Lit5paH6ZmE5Lu2LnR4dA==?=\"\r\n" \
    "\r\n" \
    "x\r\n" \
    "--outer--\r\n" \
    "epilogue\r\n"

#define MSG MSG_HEADER MSG_BODY

/* Record index of the nth record with field f equal to v, failing if none. */
static gint
need(const mt_run *run, mt_field f, const char *v, guint nth)
{
    return mt_run_need(run, f, v, nth);
}

/* The parts, in the order the records tell them. */
static char *
part_list(const mt_run *run)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        const mt_item *p, *ct;
        if (r->kind != MT_R_MIME_PART)
            continue;
        p = mt_rec_find(r, MT_F_MIME_PART);
        ct = mt_rec_find(r, MT_F_MIME_CONTENT_TYPE);
        if (p == NULL || ct == NULL)
            continue;
        g_string_append_printf(s, "%s %s;", p->v.owned, ct->v.owned);
    }
    return g_string_free(s, FALSE);
}

static void
check_message(const mt_run *run)
{
    gint i;
    char *parts = part_list(run);
    const mt_record *r;

    /* the leaves, in order, numbered as IMAP BODY[] sections */
    g_assert_cmpstr(parts, ==, "1.1 text/plain;1.2 text/html;2 application/pdf;3.1 text/plain;4 text/plain;");
    g_free(parts);
    /* encoded words: GB2312 and ISO-2022-JP, folded, the space between them dropped */
    i = need(run, MT_F_MIME_SUBJECT, "\xe6\xb5\x8b\xe8\xaf\x95\xe9\x82\xae\xe4\xbb\xb6"
                                     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe4\xbb\xb6\xe5\x90\x8d", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_HEADER_FOLDED, "2"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_CHARSET, "gb2312"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_CHARSET, "iso-2022-jp"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENCODED_WORD, "=?gb2312?B?suLK1NPKvP4=?="));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_EW_ENCODING, "B"));
    /* Q in a phrase */
    i = need(run, MT_F_MIME_HEADER_DECODED, "Lehrer M\xc3\xbcller <teacher@mail.example.test>", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_EW_ENCODING, "Q"));
    /* the encapsulated message's subject is its own */
    need(run, MT_F_MIME_SUBJECT, "\xe4\xb8\xad\xe6\x96\x87\xe9\x99\x84\xe4\xbb\xb6.txt", 0);
    /* Received: three lines, hop 1 */
    i = need(run, MT_F_MIME_HEADER_NAME, "Received", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_HEADER_FOLDED, "3"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_HOP, "1"));
    /* boundaries and delimiters */
    need(run, MT_F_MIME_BOUNDARY, "outer", 0);
    need(run, MT_F_MIME_BOUNDARY, "inner", 0);
    i = need(run, MT_F_MIME_DELIMITER, "close delimiter", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_PART, "1"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_PART_COUNT, "2"));
    i = need(run, MT_F_MIME_DELIMITER, "close delimiter", 1);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_PART_COUNT, "4"));
    i = need(run, MT_F_MIME_DELIMITER, "delimiter", 3);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_PART, "2"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_DEPTH, "1"));
    /* preamble and epilogue as text */
    need(run, MT_F_MIME_PREAMBLE, "This is a multi-part message in MIME format. ", 0);
    need(run, MT_F_MIME_EPILOGUE, "epilogue", 0);
    /* quoted-printable: =XX and the soft line break */
    i = need(run, MT_F_MIME_TEXT, "Gr\xc3\xbc\xc3\x9f" "e, soft break", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_TRANSFER_ENCODING, "quoted-printable"));
    /* base64 text in GB2312, converted */
    i = need(run, MT_F_MIME_TEXT, "\xe6\xb5\x8b\xe8\xaf\x95\xe9\x82\xae\xe4\xbb\xb6", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_CHARSET, "gb2312"));
    r = mt_run_rec(run, i);
    g_assert_nonnull(r->decoded);
    /* RFC 2231: ISO-2022-JP in two pieces, language ja */
    i = need(run, MT_F_MIME_FILENAME,
             "\xe5\xae\xbf\xe9\xa1\x8c\xe3\x81\xae\xe3\x83\x95\xe3\x82\xa1\xe3\x82\xa4\xe3\x83\xab.pdf", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_LANGUAGE, "ja"));
    /* base64: 1024 characters in 14 lines are 768 octets */
    i = need(run, MT_F_MIME_CONTENT_TYPE, "application/pdf", 1);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_DECODED_SIZE, "768"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_BODY_LINES, "14"));
    r = mt_run_rec(run, i);
    g_assert_cmpuint(r->decoded_len, ==, 768);
    g_assert_cmpuint(r->decoded[255], ==, 255);
    g_assert_cmpuint(r->decoded[256], ==, 0);
    /* an encoded word in a quoted parameter: decoded, and flagged */
    i = need(run, MT_F_MIME_FILENAME, "\xe4\xb8\xad\xe6\x96\x87\xe9\x99\x84\xe4\xbb\xb6.txt", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_BAD_ENCODED_WORD));
    g_assert_true(mt_run_mentions(run, (guint)i, "must not be used in a parameter of Content-Type"));
    /* the end: five leaves, one multipart inside, one message */
    need(run, MT_F_MIME_PART_COUNT, "7", 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_CLOSE), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_BAD_BASE64), ==, 0);
}

/* The lab message sent by SMTP from mail_from to student@ and rcpt2 */
static mt_run *
run_smtp_data(const char *mail_from, const char *rcpt2)
{
    const mt_step steps[] = {
        S("220 mail.example.test ESMTP\r\n"),
        C("EHLO client\r\n"),
        S("250-mail.example.test\r\n250 8BITMIME\r\n"),
        C(mail_from),
        S("250 2.1.0 Ok\r\n"),
        C("RCPT TO:<student@mail.example.test>\r\n"),
        S("250 2.1.5 Ok\r\n"),
        C(rcpt2),
        S("250 2.1.5 Ok\r\n"),
        C("DATA\r\n"),
        S("354 End data with <CR><LF>.<CR><LF>\r\n"),
        C(MSG_HEADER),
        C(MSG_BODY ".\r\n"),
        S("250 2.0.0 Ok: queued as 4ABC\r\n"),
    };

    return mt_run_all_ways(MT_PROTO_SMTP, steps, G_N_ELEMENTS(steps));
}

static void
test_smtp_data(void)
{
    mt_run *run = run_smtp_data("MAIL FROM:<bounce@lists.example.test>\r\n",
                                "RCPT TO:<hidden@mail.example.test>\r\n");
    gint i;

    check_message(run);
    /* envelope against header: From differs from MAIL FROM */
    i = need(run, MT_F_MIME_HEADER_NAME, "From", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENVELOPE, "bounce@lists.example.test"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENVELOPE_MATCH, "0"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_FROM_ENVELOPE));
    /* To: names an envelope recipient */
    i = need(run, MT_F_MIME_HEADER_NAME, "To", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENVELOPE_MATCH, "1"));
    /* the other one is a blind copy, said at the end of the message */
    i = need(run, MT_F_DATA_END, "1", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_BLIND_COPY, "hidden@mail.example.test"));
    g_assert_false(mt_run_has(run, (guint)i, MT_F_MIME_ENVELOPE_MATCH, "0"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_PART_COUNT, "7"));
    /* the end line stays last, after the records of the message's end */
    g_assert_cmpint(i, ==, (gint)run->recs->len - 2);
    mt_run_free(run);
}

/* The envelope addresses come from the capture: a byte that is not
 * UTF-8 in one (fuzz_session_smtp found it) must not reach a string
 * field as it is; Wireshark shows the replacement character there. */
static void
test_envelope_not_utf8(void)
{
    mt_run *run = run_smtp_data("MAIL FROM:<b\xf1unce@lists.example.test>\r\n",
                                "RCPT TO:<hidden@mail.example.\xf1" "est>\r\n");
    gint i;

    i = need(run, MT_F_MIME_HEADER_NAME, "From", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENVELOPE, "b\xef\xbf\xbd" "unce@lists.example.test"));
    i = need(run, MT_F_DATA_END, "1", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_BLIND_COPY, "hidden@mail.example.\xef\xbf\xbd" "est"));
    mt_run_free(run);
}

static void
test_smtp_bdat(void)
{
    gsize n = strlen(MSG);
    char *cmd1 = g_strdup_printf("BDAT %zu\r\n", (gsize)300);
    char *cmd2 = g_strdup_printf("BDAT %zu LAST\r\n", n - 300);
    char *head = g_strndup(MSG, 300);
    char *c1 = g_strconcat(cmd1, head, NULL);
    char *c2 = g_strconcat(cmd2, &MSG[300], NULL);
    mt_step steps[] = {
        S("220 mail.example.test ESMTP\r\n"),
        C("EHLO client\r\n"),
        S("250-mail.example.test\r\n250 CHUNKING\r\n"),
        C("MAIL FROM:<teacher@mail.example.test>\r\n"),
        S("250 2.1.0 Ok\r\n"),
        C("RCPT TO:<student@mail.example.test>\r\n"),
        S("250 2.1.5 Ok\r\n"),
        C(NULL),
        S("250 2.0.0 Ok\r\n"),
        C(NULL),
        S("250 2.0.0 Ok: queued as 4ABC\r\n"),
    };
    mt_run *run;
    gint i;

    steps[7].bytes = c1;
    steps[9].bytes = c2;
    run = mt_run_all_ways(MT_PROTO_SMTP, steps, G_N_ELEMENTS(steps));
    check_message(run);
    i = need(run, MT_F_MIME_HEADER_NAME, "From", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENVELOPE_MATCH, "1"));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_FROM_ENVELOPE));
    mt_run_free(run);
    g_free(cmd1);
    g_free(cmd2);
    g_free(c1);
    g_free(c2);
    g_free(head);
}

static void
test_pop3_retr(void)
{
    char *size = g_strdup_printf("+OK %zu octets\r\n", strlen(MSG));
    char *resp = g_strconcat(size, MSG, ".\r\n", NULL);
    mt_step steps[] = {
        S("+OK Dovecot ready.\r\n"),
        C("USER student\r\n"),
        S("+OK\r\n"),
        C("PASS secret\r\n"),
        S("+OK Logged in.\r\n"),
        C("RETR 1\r\n"),
        S(NULL),
        C("QUIT\r\n"),
        S("+OK Logging out.\r\n"),
    };
    mt_run *run;

    steps[6].bytes = resp;
    run = mt_run_all_ways(MT_PROTO_POP3, steps, G_N_ELEMENTS(steps));
    check_message(run);
    /* no envelope in POP3 */
    g_assert_cmpint(mt_run_find(run, MT_F_MIME_ENVELOPE_MATCH, NULL, 0), <, 0);
    mt_run_free(run);
    g_free(resp);
    g_free(size);
}

static void
test_imap_fetch(void)
{
    char *l1 = g_strdup_printf("* 1 FETCH (UID 7 BODY[] {%zu}\r\n", strlen(MSG));
    char *l2 = g_strdup_printf("a3 APPEND INBOX {%zu+}\r\n", strlen(MSG));
    char *resp = g_strconcat(l1, MSG, ")\r\n", NULL);
    char *append = g_strconcat(l2, MSG, "\r\n", NULL);
    mt_step steps[] = {
        S("* OK [CAPABILITY IMAP4rev1 LITERAL+] Dovecot ready.\r\n"),
        C("a1 LOGIN student secret\r\n"),
        S("a1 OK Logged in\r\n"),
        C("a2 SELECT INBOX\r\n"),
        S("* 1 EXISTS\r\na2 OK [READ-WRITE] Select completed\r\n"),
        C("a4 FETCH 1 BODY[]\r\n"),
        S(NULL),
        S("a4 OK Fetch completed\r\n"),
        C("a5 FETCH 1 BODY[2]\r\n"),
        S("* 1 FETCH (BODY[2] {12}\r\nsuLK1NPKvP4=)\r\na5 OK Fetch completed\r\n"),
        C(NULL),
        S("a3 OK Append completed\r\n"),
    };
    mt_run *run;
    char *parts;

    steps[6].bytes = resp;
    steps[10].bytes = append;
    run = mt_run_all_ways(MT_PROTO_IMAP, steps, G_N_ELEMENTS(steps));
    /* FETCH BODY[] and APPEND: the whole message twice; BODY[2] is not one */
    parts = part_list(run);
    g_assert_cmpstr(parts, ==, "1.1 text/plain;1.2 text/html;2 application/pdf;3.1 text/plain;4 text/plain;"
                               "1.1 text/plain;1.2 text/html;2 application/pdf;3.1 text/plain;4 text/plain;");
    g_free(parts);
    need(run, MT_F_MIME_PART_COUNT, "7", 1);
    mt_run_free(run);
    g_free(resp);
    g_free(append);
    g_free(l1);
    g_free(l2);
}

/* A message as sent after DATA, for the structure tests. */
static mt_run *
smtp_message(const char *text)
{
    char *data = g_strconcat(text, ".\r\n", NULL);
    mt_step steps[] = {
        S("220 mail.example.test ESMTP\r\n"),
        C("HELO client\r\n"),
        S("250 mail.example.test\r\n"),
        C("MAIL FROM:<a@example.test>\r\n"),
        S("250 Ok\r\n"),
        C("RCPT TO:<b@example.test>\r\n"),
        S("250 Ok\r\n"),
        C("DATA\r\n"),
        S("354 go ahead\r\n"),
        C(NULL),
        S("250 Ok\r\n"),
    };
    mt_run *run;

    steps[9].bytes = data;
    run = mt_run_all_ways(MT_PROTO_SMTP, steps, G_N_ELEMENTS(steps));
    g_free(data);
    return run;
}

/* How often the message's missing From: and Date: are flagged. */
static void
required_flags(const mt_run *run, guint from, guint date)
{
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_FROM), ==, from);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_DATE), ==, date);
}

/* RFC 5322 §3.6: "The only required header fields are the origination
 * date field and the originator address field(s)." Told once, at the
 * message's end; not for an encapsulated message, and not for a message
 * with no header at all (which has its own flag). */
static void
test_required_fields(void)
{
    mt_run *run = smtp_message("From: a@example.test\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
                               "Subject: complete\r\n\r\nbody\r\n");
    gint i;

    required_flags(run, 0, 0);
    mt_run_free(run);

    /* field names are case-insensitive */
    run = smtp_message("from: a@example.test\r\nDATE: Mon, 7 Dec 2026 10:00:00 +0000\r\n\r\nbody\r\n");
    required_flags(run, 0, 0);
    mt_run_free(run);

    /* what a student types in telnet */
    run = smtp_message("Subject: hello\r\n\r\nbody\r\n");
    required_flags(run, 1, 1);
    i = mt_run_need(run, MT_F_DATA_END, "1", 0);
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_NO_FROM));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_NO_DATE));
    mt_run_free(run);

    /* From: but no Date:, and a message that is only a header */
    run = smtp_message("From: a@example.test\r\nSubject: only a header\r\n");
    required_flags(run, 0, 1);
    mt_run_free(run);

    /* no header at all: that flag alone */
    run = smtp_message("Hello, this line is no header field.\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_HEADER), ==, 1);
    required_flags(run, 0, 0);
    mt_run_free(run);

    /* an attached message is not checked */
    run = smtp_message("From: a@example.test\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
                       "MIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n"
                       "Subject: inner\r\n\r\ninner body\r\n");
    need(run, MT_F_MIME_SUBJECT, "inner", 0);
    required_flags(run, 0, 0);
    mt_run_free(run);
}

/* RFC 5322 §4.5: "any amount of white space is allowed before the ":" at
 * the end of the field name" in the obsolete syntax, which §4 says a
 * receiver MUST accept and a sender MUST NOT generate. Students type
 * "Subject : hello" in telnet, and Postfix takes it as a Subject. */
static void
test_space_before_colon(void)
{
    mt_run *run = smtp_message("From : a@example.test\r\nDate\t: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
                               "Subject  : hello\r\n\r\nbody\r\n");
    gint i;

    i = need(run, MT_F_MIME_HEADER_NAME, "Subject", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_SUBJECT, "hello"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_MIME_SPACE_BEFORE_COLON));
    need(run, MT_F_MIME_HEADER_NAME, "From", 0);
    need(run, MT_F_MIME_HEADER_NAME, "Date", 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_SPACE_BEFORE_COLON), ==, 3);
    /* they are fields: the header has From: and Date:, and ends at the empty line */
    required_flags(run, 0, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_SEPARATOR), ==, 0);
    need(run, MT_F_MIME_BODY_LINES, "1", 0);
    mt_run_free(run);

    /* white space inside a name, or no colon after it: no field */
    run = smtp_message("Subject: a\r\nSub ject: b\r\n\r\nbody\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_SEPARATOR), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_SPACE_BEFORE_COLON), ==, 0);
    mt_run_free(run);
    run = smtp_message("Subject: a\r\nHello   \r\n\r\nbody\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_SEPARATOR), ==, 1);
    mt_run_free(run);

    /* a folded field keeps its name */
    run = smtp_message("Subject :\r\n folded\r\n\r\nbody\r\n");
    i = need(run, MT_F_MIME_HEADER_NAME, "Subject", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_HEADER_FOLDED, "2"));
    mt_run_free(run);
}

static void
test_no_header(void)
{
    mt_run *run = smtp_message("Hello, this line is no header field.\r\nSecond line\r\n");
    gint i = mt_run_need(run, MT_F_MIME_BODY_LINES, "2", 0);

    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_PART, "1"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_HEADER), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_SEPARATOR), ==, 0);
    mt_run_free(run);

    run = smtp_message("Subject: no empty line\r\nThe body starts here\r\n");
    need(run, MT_F_MIME_SUBJECT, "no empty line", 0);
    i = mt_run_need(run, MT_F_MIME_BODY_LINES, "1", 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_SEPARATOR), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_HEADER), ==, 0);
    mt_run_free(run);

    /* only a header: fine */
    run = smtp_message("Subject: only a header\r\n");
    need(run, MT_F_MIME_SUBJECT, "only a header", 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_SEPARATOR), ==, 0);
    mt_run_free(run);
}

/* A line that starts with "." loses that dot on the way (RFC 5321 §4.5.2,
 * RFC 1939 §3), whether the sender added it or not: a part's size counts
 * the text without it (".unstuffed" as in
 * captures/smtp-handmade-malformed-replies) */
static void
test_dot_removed(void)
{
    static const char body[] = "Subject: dots\r\n\r\n..stuffed\r\n.unstuffed\r\n";
    mt_step steps[] = {
        S("+OK ready\r\n"),
        C("RETR 1\r\n"),
        S(NULL),
    };
    mt_run *run = smtp_message(body);
    gint i = mt_run_need(run, MT_F_MIME_BODY_LINES, "2", 0);

    /* ".stuffed" CRLF and "unstuffed" CRLF */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENCODED_SIZE, "21"));
    mt_run_free(run);

    steps[2].bytes = "+OK message follows\r\nSubject: dots\r\n\r\n..stuffed\r\n.unstuffed\r\n.\r\n";
    run = mt_run_all_ways(MT_PROTO_POP3, steps, G_N_ELEMENTS(steps));
    i = mt_run_need(run, MT_F_MIME_BODY_LINES, "2", 0);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_MIME_ENCODED_SIZE, "21"));
    mt_run_free(run);
}

static void
test_broken(void)
{
    mt_run *run;

    run = smtp_message("MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n\r\nbody\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_BOUNDARY), ==, 1);
    mt_run_free(run);

    run = smtp_message("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\nno parts\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_BOUNDARY_NOT_SEEN), ==, 1);
    mt_run_free(run);

    run = smtp_message("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                       "--b\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD*RA==\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_NO_CLOSE), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_BAD_BASE64), ==, 1);
    need(run, MT_F_MIME_DECODED_SIZE, "4", 0);
    mt_run_free(run);

    run = smtp_message("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="
                       "\"0123456789012345678901234567890123456789012345678901234567890123456789X\"\r\n\r\n"
                       "--0123456789012345678901234567890123456789012345678901234567890123456789X\r\n\r\n"
                       "a\r\n--0123456789012345678901234567890123456789012345678901234567890123456789X--\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_BOUNDARY_INVALID), ==, 1);
    need(run, MT_F_MIME_PART_COUNT, "1", 0);
    mt_run_free(run);

    run = smtp_message("MIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
                       "Content-Transfer-Encoding: quoted-printable\r\n\r\nbad =ZZ here\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_BAD_QP), ==, 1);
    mt_run_free(run);

    {
        GString *big = g_string_new("Subject: ");
        guint k;
        for (k = 0; k < 1200; k++)
            g_string_append_c(big, 'x');
        g_string_append(big, "\r\n\r\nbody\r\n");
        run = smtp_message(big->str);
        g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_LINE_TOO_LONG), ==, 1);
        mt_run_free(run);
        g_string_free(big, TRUE);
    }

    run = smtp_message(" folded first\r\nSubject: x\r\n\r\nbody\r\n");
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_FOLD_FIRST), ==, 1);
    mt_run_free(run);
}

/* Nesting past the limit and more parts than the limit: counted, never
 * followed further, and nothing deeper than the cap is kept. */
static void
test_limits(void)
{
    GString *m = g_string_new("MIME-Version: 1.0\r\n");
    mt_mime_limits lim = { 4, 10, 64 }, old;
    mt_run *run;
    guint i;

    mt_mime_get_limits(&old);
    mt_mime_set_limits(&lim);
    for (i = 0; i < 8; i++)
        g_string_append_printf(m, "Content-Type: multipart/mixed; boundary=b%u\r\n\r\n--b%u\r\n", i, i);
    g_string_append(m, "\r\ntext\r\n");
    for (i = 0; i < 20; i++)
        g_string_append(m, "--b0\r\n\r\npart\r\n");
    g_string_append(m, "--b0--\r\n");
    run = smtp_message(m->str);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_TOO_DEEP), ==, 1);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_MIME_TOO_MANY_PARTS), ==, 1);
    mt_run_free(run);
    mt_mime_set_limits(&old);
    g_string_free(m, TRUE);
}

static void
test_decode_words(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "=?gb2312?B?suLK1NPKvP4=?=", "\xe6\xb5\x8b\xe8\xaf\x95\xe9\x82\xae\xe4\xbb\xb6" },
        { "=?GBK?B?suLK1NPKvP4=?=", "\xe6\xb5\x8b\xe8\xaf\x95\xe9\x82\xae\xe4\xbb\xb6" },
        { "=?GB18030?B?suLK1NPKvP4=?=", "\xe6\xb5\x8b\xe8\xaf\x95\xe9\x82\xae\xe4\xbb\xb6" },
        { "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus?= Berlin", "Gr\xc3\xbc\xc3\x9f" "e aus Berlin" },
        { "=?utf-8?q?a?= =?utf-8?q?b?=", "ab" },
        { "=?utf-8?q?a?=\r\n =?utf-8?q?b?=", "ab" },
        { "x =?utf-8?q?a?= y", "x a y" },
        { "=?ISO-2022-JP?B?GyRCRnxLXDhsJE43b0w+GyhC?=",
          "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe4\xbb\xb6\xe5\x90\x8d" },
        { "=?Shift_JIS?Q?=93=FA=96=7B=8C=EA?=", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" },
        { "=?EUC-KR?Q?=C7=D1=B1=B9=BE=EE?=", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4" },
        { "=?Big5?Q?=C1c=C5=E9?=", "\xe7\xb9\x81\xe9\xab\x94" },
        { "=?ISO-8859-1?Q?caf=E9?=", "caf\xc3\xa9" },
        { "=?windows-1252?Q?=80?=", "\xe2\x82\xac" },
        { "=?utf-8*en?q?lang?=", "lang" },
        /* a UTF-8 character split over two words: joined before conversion */
        { "=?utf-8?b?5Lit?= =?utf-8?b?5paH?=", "\xe4\xb8\xad\xe6\x96\x87" },
        { "=?utf-8?x?unknown?=", "=?utf-8?x?unknown?=" },
        { "=?utf-8?q?unterminated", "=?utf-8?q?unterminated" },
    };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        gboolean bad = FALSE;
        char *d = mt_mime_decode_words((const guint8 *)cases[i].in, strlen(cases[i].in), &bad);
        g_assert_cmpstr(d, ==, cases[i].out);
        g_assert_false(bad);
        g_free(d);
    }
    {
        gboolean bad = FALSE;
        char *d = mt_mime_decode_words((const guint8 *)"=?x-no-such-charset?q?abc?=", 27, &bad);
        g_assert_true(bad);
        g_assert_true(g_utf8_validate(d, -1, NULL));
        g_free(d);
    }
}

static void
test_catalog(void)
{
    gsize n, i;
    const mt_mime_header_info *h = mt_mime_headers(&n);

    for (i = 0; i < n; i++) {
        char *what = g_strdup_printf("header %s", h[i].name);
        mt_check_teaching(what, &h[i].text);
        g_assert_nonnull(mt_mime_header_lookup((const guint8 *)h[i].name, strlen(h[i].name)));
        g_free(what);
    }
    for (i = 0; i < MT_MIME_X_COUNT; i++) {
        char *what = g_strdup_printf("mime text %zu", i);
        mt_check_line_text(what, mt_mime_expl_text((mt_mime_expl)i), mt_mime_expl_summary((mt_mime_expl)i));
        g_free(what);
    }
    for (i = 0; i < MT_MIME_L_COUNT; i++)
        g_assert_nonnull(mt_text_get(mt_mime_label_text((mt_mime_label)i), MT_LANG_EN));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mime/decode_words", test_decode_words);
    g_test_add_func("/mime/catalog", test_catalog);
    g_test_add_func("/mime/smtp_data", test_smtp_data);
    g_test_add_func("/mime/required_fields", test_required_fields);
    g_test_add_func("/mime/envelope_not_utf8", test_envelope_not_utf8);
    g_test_add_func("/mime/smtp_bdat", test_smtp_bdat);
    g_test_add_func("/mime/pop3_retr", test_pop3_retr);
    g_test_add_func("/mime/imap_fetch", test_imap_fetch);
    g_test_add_func("/mime/space_before_colon", test_space_before_colon);
    g_test_add_func("/mime/no_header", test_no_header);
    g_test_add_func("/mime/dot_removed", test_dot_removed);
    g_test_add_func("/mime/broken", test_broken);
    g_test_add_func("/mime/limits", test_limits);
    return g_test_run();
}
