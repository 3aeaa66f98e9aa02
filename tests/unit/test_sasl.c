/* test_sasl.c - logins decoded and judged, in SMTP, POP3 and IMAP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Facts a teacher checks: "334 VXNlcm5hbWU6 decodes to Username:", "the
 * second answer is the password", "AUTH PLAIN's initial response is not an
 * answer to a 334", "CRAM-MD5 sends no password", "the 535 judges the
 * credentials of frame N". Examples from the RFCs where they give one
 * (RFC 2195 §2, RFC 5802 §5, RFC 7628 §4.1).
 */
#include <string.h>

#include <glib.h>

#include "mt_anomaly.h"
#include "mt_sasl.h"
#include "mt_session.h"
#include "mt_test_util.h"

#define RUN(proto, steps) mt_run_all_ways((proto), (steps), G_N_ELEMENTS(steps))

/* The record of frame f (step f) that has an item of field fl. */
static gint
in_frame(const mt_run *run, guint32 f, mt_field fl)
{
    guint i;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = mt_run_rec(run, (gint)i);
        if (r->frame == f && mt_rec_find(r, fl))
            return (gint)i;
    }
    g_error("no record of frame %u with field %d", f, fl);
    return -1;
}

static gboolean
has_secret(const mt_record *r, mt_field f)
{
    guint i;

    for (i = 0; i < r->n_items; i++) {
        if (r->items[i].field == f && r->items[i].secret)
            return TRUE;
    }
    return FALSE;
}

/* ---- Base64 ---- */

static void
b64_is(const char *in, const char *want)
{
    gsize bad = 99;
    GByteArray *a = mt_sasl_base64((const guint8 *)in, strlen(in), &bad);

    g_assert_nonnull(a);
    g_assert_cmpuint(a->len, ==, strlen(want));
    g_assert_true(memcmp(a->data, want, a->len) == 0);
    g_byte_array_free(a, TRUE);
}

static void
b64_bad(const char *in, gsize at)
{
    gsize bad = 99;

    g_assert_null(mt_sasl_base64((const guint8 *)in, strlen(in), &bad));
    g_assert_cmpuint(bad, ==, at);
}

static void
test_base64(void)
{
    b64_is("VXNlcm5hbWU6", "Username:");
    b64_is("dXNlcm5hbWU6", "username:");     /* Coremail's lower-case prompt */
    b64_is("UGFzc3dvcmQ6", "Password:");
    b64_is("c3R1ZGVudA==", "student");
    b64_is("c3R1ZGVudA", "student");         /* padding left out */
    b64_is("c3R1ZGVudA=", "student");        /* half the padding */
    b64_is("ODc3MjYxNzkzQHFxLmNvbQ==", "877261793@qq.com");
    b64_is("", "");
    b64_bad("c3R1Z!VudA==", 5);
    b64_bad("=abc", 0);
    b64_bad("ab=c", 3);
    b64_bad("abc===", 5);
    b64_bad("c3R1ZGVud", 9);                 /* 4n+1 characters: the text ends too early */
    b64_bad("c3R1 ZGVudA==", 4);
}

/* ---- SMTP ---- */

static const mt_step smtp_login[] = {
    S("220 mail.example.test ESMTP\r\n"),                   /* 1 */
    C("EHLO client\r\n"),                                   /* 2 */
    S("250-mail.example.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n"),
    C("AUTH LOGIN\r\n"),                                    /* 4 */
    S("334 VXNlcm5hbWU6\r\n"),                              /* 5 */
    C("c3R1ZGVudA==\r\n"),                                  /* 6 */
    S("334 UGFzc3dvcmQ6\r\n"),                              /* 7 */
    C("d3JvbmctcGFzc3dvcmQ=\r\n"),                          /* 8 */
    S("535 5.7.8 Error: authentication failed\r\n"),        /* 9 */
    C("AUTH LOGIN\r\n"),                                    /* 10 */
    S("334 dXNlcm5hbWU6\r\n"),                              /* 11: Coremail's lower case */
    C("ODc3MjYxNzkzQHFxLmNvbQ==\r\n"),                      /* 12 */
    S("334 UGFzc3dvcmQ6\r\n"),                              /* 13 */
    C("c2VjcmV0\r\n"),                                      /* 14 */
    S("235 2.7.0 Authentication successful\r\n"),           /* 15 */
};

static void
test_smtp_login(void)
{
    mt_run *run = RUN(MT_PROTO_SMTP, smtp_login);
    gint i;

    /* frame 5: the 334 challenge decodes to "Username:" */
    i = in_frame(run, 5, MT_F_AUTH_CHALLENGE);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CHALLENGE, "Username:"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "challenge \"Username:\""));
    g_assert_true(mt_run_mentions(run, (guint)i, "asks for the user name"));
    /* frame 6: the user name, decoded */
    i = in_frame(run, 6, MT_F_AUTH_USERNAME);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_DECODED, "student"));
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_AUTH_PASSWORD));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    /* frame 8: the password, in clear, judged by the 535 of frame 9 */
    i = in_frame(run, 8, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "wrong-password"));
    g_assert_true(has_secret(mt_run_rec(run, i), MT_F_AUTH_PASSWORD));
    g_assert_true(mt_rec_secret_overlaps(mt_run_rec(run, i), MT_SRC_LINE, 0, 4));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_TLS, "0"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT_IN, "9"));
    i = in_frame(run, 9, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CREDENTIALS_IN, "8"));
    /* the retry: the lower-case prompt is read the same, the user name is
     * not taken for the password */
    i = in_frame(run, 11, MT_F_AUTH_CHALLENGE);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CHALLENGE, "username:"));
    i = in_frame(run, 12, MT_F_AUTH_USERNAME);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "877261793@qq.com"));
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_AUTH_PASSWORD));
    i = in_frame(run, 14, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "secret"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "succeeded"));
    i = in_frame(run, 15, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "succeeded"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CREDENTIALS_IN, "14"));
    /* AUTH before STARTTLS, which the server offered */
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_AUTH_BEFORE_TLS), ==, 2);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_AUTH_CLEARTEXT), ==, 2);
    mt_run_free(run);
}

static const mt_step smtp_plain_ir[] = {
    S("220 mail.example.test ESMTP\r\n"),
    C("EHLO client\r\n"),
    S("250-mail.example.test\r\n250 AUTH PLAIN LOGIN\r\n"),
    C("AUTH PLAIN AHN0dWRlbnQAc2VjcmV0\r\n"),                 /* 4 */
    S("235 2.7.0 Authentication successful\r\n"),             /* 5 */
    C("AUTH LOGIN c3R1ZGVudA==\r\n"),                         /* 6: user name as initial response */
    S("334 UGFzc3dvcmQ6\r\n"),                                /* 7 */
    C("c2VjcmV0\r\n"),                                        /* 8 */
    S("503 5.5.1 Error: already authenticated\r\n"),          /* 9 */
    C("AUTH PLAIN\r\n"),                                      /* 10 */
    S("334 \r\n"),                                            /* 11: empty challenge */
    C("dGVhY2hlcgB0ZWFjaGVyAHMzY3JldA==\r\n"),                /* 12 */
    S("535 5.7.8 Error\r\n"),                                 /* 13 */
};

static void
test_smtp_plain(void)
{
    mt_run *run = RUN(MT_PROTO_SMTP, smtp_plain_ir);
    gint i;

    /* the initial response: authzid empty, user, password */
    i = in_frame(run, 4, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_AUTHZID, ""));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "secret"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_DECODED, "\\0student\\0secret"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "PLAIN credentials: user student, password included"));
    /* no 334 came: it is not called an answer to one */
    g_assert_false(mt_run_mentions(run, (guint)i, "nswer to the server"));
    g_assert_true(mt_run_mentions(run, (guint)i, "No challenge came before it"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "succeeded"));
    g_assert_nonnull(mt_run_rec(run, i)->decoded);
    g_assert_cmpuint(mt_run_rec(run, i)->decoded_len, ==, 15);
    /* LOGIN with the user name on the command line */
    i = in_frame(run, 6, MT_F_AUTH_USERNAME);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    g_assert_true(mt_run_mentions(run, (guint)i, "initial response"));
    i = in_frame(run, 8, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "secret"));
    /* an empty challenge, then the credentials as an answer */
    i = in_frame(run, 11, MT_F_SMTP_REPLY_CODE);
    g_assert_true(mt_run_mentions(run, (guint)i, "empty challenge"));
    i = in_frame(run, 12, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_AUTHZID, "teacher"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "teacher"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "s3cret"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    mt_run_free(run);
}

static const mt_step smtp_cram[] = {
    S("220 mail.example.test ESMTP\r\n"),
    C("EHLO client\r\n"),
    S("250 AUTH CRAM-MD5\r\n"),
    C("AUTH CRAM-MD5\r\n"),
    S("334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n"),  /* 5 */
    C("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n"),              /* 6 */
    S("235 2.7.0 Authentication successful\r\n"),
};

static void
test_smtp_cram(void)
{
    mt_run *run = RUN(MT_PROTO_SMTP, smtp_cram);
    gint i;

    /* RFC 2195 §2's example */
    i = in_frame(run, 5, MT_F_AUTH_CHALLENGE);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CHALLENGE, "<1896.697170952@postoffice.reston.mci.net>"));
    i = in_frame(run, 6, MT_F_AUTH_DIGEST);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "tim"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_DIGEST, "b913a602c7eda7a495b4e6e7334d3890"));
    g_assert_true(has_secret(mt_run_rec(run, i), MT_F_AUTH_DIGEST));
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_AUTH_PASSWORD));
    g_assert_true(mt_run_mentions(run, (guint)i, "password is not on the wire"));
    g_assert_true(mt_run_mentions(run, (guint)i, "offline"));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "succeeded"));
    mt_run_free(run);
}

static const mt_step smtp_xoauth2[] = {
    S("220 smtp.example.com ESMTP\r\n"),
    C("EHLO client\r\n"),
    S("250 AUTH XOAUTH2\r\n"),
    C("AUTH XOAUTH2 dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==\r\n"),
    S("334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\r\n"),
    C("\r\n"),                                                /* 6 */
    S("535 5.7.8 Username and Password not accepted\r\n"),    /* 7 */
};

static void
test_smtp_xoauth2(void)
{
    mt_run *run = RUN(MT_PROTO_SMTP, smtp_xoauth2);
    gint i;

    i = in_frame(run, 4, MT_F_AUTH_TOKEN);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "someuser@example.com"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_TOKEN, "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"));
    g_assert_true(has_secret(mt_run_rec(run, i), MT_F_AUTH_TOKEN));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_DECODED, "\\x01auth=Bearer"));
    i = in_frame(run, 5, MT_F_AUTH_CHALLENGE);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CHALLENGE, "{\"status\":\"401\""));
    g_assert_true(mt_run_mentions(run, (guint)i, "JSON"));
    i = in_frame(run, 6, MT_F_AUTH_DECODED);
    g_assert_true(mt_run_summary_is(run, (guint)i, "empty answer"));
    /* the credentials were in frame 4, not in the empty answer */
    i = in_frame(run, 7, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CREDENTIALS_IN, "4"));
    mt_run_free(run);
}

static const mt_step smtp_invalid[] = {
    S("220 mail.example.test ESMTP\r\n"),
    C("EHLO client\r\n"),
    S("250 AUTH LOGIN\r\n"),
    C("AUTH LOGIN\r\n"),
    S("334 VXNlcm5hbWU6\r\n"),
    C("c3R1Z!VudA==\r\n"),                                    /* 6 */
    S("501 5.5.2 Invalid base64 data\r\n"),
    C("AUTH LOGIN\r\n"),
    S("334 VXNlcm5hbWU6\r\n"),
    C("*\r\n"),                                               /* 10 */
    S("501 5.7.0 Authentication aborted\r\n"),                /* 11 */
};

static void
test_smtp_invalid_cancel(void)
{
    mt_run *run = RUN(MT_PROTO_SMTP, smtp_invalid);
    gint i;

    i = in_frame(run, 6, MT_F_AUTH_BASE64_INVALID);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_BASE64_INVALID, "5"));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_BASE64_INVALID));
    g_assert_null(mt_run_rec(run, i)->decoded);
    i = in_frame(run, 10, MT_F_SMTP_ARGUMENT);
    g_assert_true(mt_run_summary_is(run, (guint)i, "cancel the login"));
    /* bad Base64 fails the login; "*" cancels it, and the 501 that
     * answers it (RFC 4954 §4: a MUST) is the confirmation */
    i = in_frame(run, 7, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "login cancelled or bad Base64"));
    i = in_frame(run, 11, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "cancelled"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "login cancelled by the client"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_RFC, "RFC 4954 §4"));
    g_assert_null(mt_rec_find(mt_run_rec(run, i), MT_F_AUTH_CREDENTIALS_IN));
    /* nothing to correct after a cancel: the session goes on */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_NEXT, "MAIL FROM"));
    g_assert_false(mt_run_has(run, (guint)i, MT_F_NEXT, "corrects"));
    mt_run_free(run);
}

static const mt_step smtp_backspace[] = {
    S("220 mail.example.test ESMTP\r\n"),
    C("EHLO client\r\n"),
    S("250 AUTH LOGIN\r\n"),
    C("AUTH LOGIN\r\n"),
    S("334 VXNlcm5hbWU6\r\n"),
    C("c3R1ZGVxx\x08\x08udA==\r\n"),                          /* 6: typed with two backspaces */
    S("501 5.5.2 Invalid base64 data\r\n"),
};

static void
test_smtp_backspace(void)
{
    mt_run *run = RUN(MT_PROTO_SMTP, smtp_backspace);
    gint i = in_frame(run, 6, MT_F_AUTH_BASE64_INVALID);

    /* as received: not Base64 from the first backspace on */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_BASE64_INVALID, "9"));
    /* as seen on screen: the user name */
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_DECODED, "student"));
    g_assert_true(mt_run_mentions(run, (guint)i, "The server got the bytes as sent"));
    g_assert_false(has_secret(mt_run_rec(run, i), MT_F_AUTH_DECODED));
    mt_run_free(run);
}

static const mt_step smtp_tls[] = {
    S("220 mail.example.test ESMTP\r\n"),
    C("EHLO client\r\n"),
    S("250-mail.example.test\r\n250 STARTTLS\r\n"),
    C("STARTTLS\r\n"),
    S("220 2.0.0 Ready to start TLS\r\n"),
    /* decrypted, as TLS hands it over with keys */
    C("EHLO client\r\n"),
    S("250-mail.example.test\r\n250 AUTH PLAIN LOGIN\r\n"),
    C("AUTH PLAIN AHN0dWRlbnQAc2VjcmV0\r\n"),                 /* 8 */
    S("235 2.7.0 Authentication successful\r\n"),
};

static void
test_smtp_inside_tls(void)
{
    mt_run *run = RUN(MT_PROTO_SMTP, smtp_tls);
    gint i = in_frame(run, 8, MT_F_AUTH_PASSWORD);

    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_TLS, "1"));
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_AUTH_CLEARTEXT), ==, 0);
    g_assert_cmpuint(mt_run_count_anomaly(run, MT_A_AUTH_BEFORE_TLS), ==, 0);
    mt_run_free(run);
}

/* ---- POP3 ---- */

static const mt_step pop3_logins[] = {
    S("+OK ready <1896.697170952@dbc.mtview.ca.us>\r\n"),     /* 1 */
    C("USER student\r\n"),                                    /* 2 */
    S("+OK\r\n"),
    C("PASS wrong\r\n"),                                      /* 4 */
    S("-ERR [AUTH] Authentication failed.\r\n"),              /* 5 */
    C("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"),     /* 6: RFC 1939 §7 */
    S("-ERR [AUTH] Authentication failed.\r\n"),              /* 7 */
    C("AUTH LOGIN\r\n"),                                      /* 8 */
    S("+ VXNlcm5hbWU6\r\n"),
    C("c3R1ZGVudA==\r\n"),
    S("+ UGFzc3dvcmQ6\r\n"),
    C("c2VjcmV0\r\n"),                                        /* 12 */
    S("+OK Logged in.\r\n"),                                  /* 13 */
};

static void
test_pop3(void)
{
    mt_run *run = RUN(MT_PROTO_POP3, pop3_logins);
    gint i;

    i = in_frame(run, 4, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "wrong"));
    g_assert_true(has_secret(mt_run_rec(run, i), MT_F_AUTH_PASSWORD));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    i = in_frame(run, 5, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CREDENTIALS_IN, "4"));
    /* APOP: the digest is hidden like a secret, but no password crosses */
    i = in_frame(run, 6, MT_F_POP3_APOP_DIGEST);
    g_assert_true(has_secret(mt_run_rec(run, i), MT_F_POP3_APOP_DIGEST));
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    /* POP3 "+ " challenges decode like SMTP's 334 */
    i = in_frame(run, 9, MT_F_AUTH_CHALLENGE);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CHALLENGE, "Username:"));
    i = in_frame(run, 12, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "secret"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "succeeded"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT_IN, "13"));
    mt_run_free(run);
}

/* ---- IMAP ---- */

static const mt_step imap_logins[] = {
    S("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=SCRAM-SHA-1 AUTH=OAUTHBEARER] ready\r\n"),
    C("a1 LOGIN \"student\" \"wr\\\\ong\"\r\n"),              /* 2: quoted, with an escape */
    S("a1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),  /* 3 */
    C("a2 AUTHENTICATE SCRAM-SHA-1\r\n"),                     /* 4 */
    S("+ \r\n"),                                              /* 5 */
    C("biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM\r\n"),  /* 6 */
    S("+ cj1meWtvK2QybGJiRmdPTlJ2OXFreGRhd0wzcmZjTkhZSlkxWlZ2V1ZzN2oscz1RU1hDUitRNnNlazhiZjkyLGk9NDA5Ng==\r\n"),
    C("Yz1iaXdzLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdMM3JmY05IWUpZMVpWdldWczdqLHA9djBYOHYzQnoyVDBDSkdiSlF5RjBYK0hJNFRzPQ==\r\n"),
    S("+ dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9\r\n"),     /* 9 */
    C("\r\n"),                                                /* 10 */
    S("a2 OK Logged in\r\n"),                                 /* 11 */
    C("a3 LOGOUT\r\n"),
};

/* The short name beside attribute value v of record rec ("nonce"), or
 * NULL. */
static const char *
attribute_name(const mt_run *run, guint rec, const char *v)
{
    const mt_record *r = mt_run_rec(run, (gint)rec);
    guint j;

    for (j = 0; j < r->n_items; j++) {
        const mt_item *it = &r->items[j];
        char *got;
        gboolean same;

        if (it->field != MT_F_AUTH_ATTRIBUTE)
            continue;
        got = mt_run_item_value(run, rec, it);
        same = strcmp(got, v) == 0;
        g_free(got);
        if (same)
            return mt_item_meaning(it) ? mt_item_meaning(it)->en : NULL;
    }
    return NULL;
}

static void
test_imap_scram(void)
{
    mt_run *run = RUN(MT_PROTO_IMAP, imap_logins);
    gint i;

    i = in_frame(run, 2, MT_F_AUTH_PASSWORD);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "student"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_PASSWORD, "wr\\ong"));
    g_assert_true(has_secret(mt_run_rec(run, i), MT_F_AUTH_PASSWORD));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "failed"));
    /* RFC 5802 §5's example */
    i = in_frame(run, 6, MT_F_AUTH_ATTRIBUTE);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "user"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_ATTRIBUTE, "r=fyko+d2lbbFgONRv9qkxdawL"));
    g_assert_true(mt_run_mentions(run, (guint)i, "Nothing secret"));
    /* each attribute says what it is (RFC 5802 §5.1, §7) */
    g_assert_cmpstr(attribute_name(run, (guint)i, "n"), ==, "GS2 header: no channel binding");
    g_assert_cmpstr(attribute_name(run, (guint)i, "n=user"), ==, "user name");
    g_assert_cmpstr(attribute_name(run, (guint)i, "r=fyko+d2lbbFgONRv9qkxdawL"), ==, "nonce");
    i = in_frame(run, 7, MT_F_AUTH_ATTRIBUTE);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_ATTRIBUTE, "s=QSXCR+Q6sek8bf92"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_ATTRIBUTE, "i=4096"));
    g_assert_cmpstr(attribute_name(run, (guint)i, "s=QSXCR+Q6sek8bf92"), ==, "salt");
    g_assert_cmpstr(attribute_name(run, (guint)i, "i=4096"), ==, "iteration count");
    g_assert_true(mt_run_mentions(run, (guint)i, "iteration count"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "SCRAM server-first: salt and iteration count"));
    i = in_frame(run, 8, MT_F_AUTH_DIGEST);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_DIGEST, "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
    g_assert_cmpstr(attribute_name(run, (guint)i, "c=biws"), ==, "channel binding");
    g_assert_cmpstr(attribute_name(run, (guint)i, "p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="), ==, "client proof");
    g_assert_false(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "succeeded"));
    i = in_frame(run, 9, MT_F_AUTH_ATTRIBUTE);
    g_assert_true(mt_run_mentions(run, (guint)i, "server signature"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "SCRAM server-final: server signature"));
    i = in_frame(run, 11, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_CREDENTIALS_IN, "8"));
    mt_run_free(run);
}

static const mt_step imap_oauth[] = {
    S("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=OAUTHBEARER AUTH=EXTERNAL AUTH=ANONYMOUS] ready\r\n"),
    C("a1 AUTHENTICATE OAUTHBEARER bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB\r\n"),
    S("a1 NO Try again\r\n"),                                 /* 3 */
    C("a2 AUTHENTICATE ANONYMOUS dHJhY2VAZXhhbXBsZS5jb20=\r\n"),  /* 4 */
    S("a2 NO no\r\n"),
    C("a3 AUTHENTICATE EXTERNAL =\r\n"),                      /* 6 */
    S("a3 OK welcome\r\n"),                                   /* 7 */
};

static void
test_imap_oauth(void)
{
    mt_run *run = RUN(MT_PROTO_IMAP, imap_oauth);
    gint i;

    /* RFC 7628 §4.1's example */
    i = in_frame(run, 2, MT_F_AUTH_TOKEN);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_AUTHZID, "user@example.com"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_USERNAME, "user@example.com"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_ATTRIBUTE, "host=server.example.com"));
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_TOKEN, "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="));
    g_assert_true(mt_rec_has_anomaly(mt_run_rec(run, i), MT_A_AUTH_CLEARTEXT));
    g_assert_true(mt_run_mentions(run, (guint)i, "SASL-IR"));
    i = in_frame(run, 4, MT_F_AUTH_DECODED);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_DECODED, "trace@example.com"));
    g_assert_true(mt_run_summary_is(run, (guint)i, "anonymous login"));
    i = in_frame(run, 6, MT_F_AUTH_DECODED);
    g_assert_true(mt_run_summary_is(run, (guint)i, "empty answer"));
    i = in_frame(run, 7, MT_F_AUTH_RESULT);
    g_assert_true(mt_run_has(run, (guint)i, MT_F_AUTH_RESULT, "succeeded"));
    mt_run_free(run);
}

static const mt_step imap_ntlm[] = {
    S("* OK [CAPABILITY IMAP4rev1 AUTH=NTLM AUTH=GSSAPI] ready\r\n"),
    C("a1 AUTHENTICATE NTLM\r\n"),
    S("+\r\n"),
    C("TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==\r\n"),   /* 4 */
    S("a1 NO no\r\n"),
};

static void
test_imap_ntlm(void)
{
    mt_run *run = RUN(MT_PROTO_IMAP, imap_ntlm);
    gint i = in_frame(run, 4, MT_F_AUTH_DECODED);

    g_assert_true(mt_run_summary_is(run, (guint)i, "NTLM message, type 1"));
    g_assert_true(mt_run_mentions(run, (guint)i, "does not decode NTLM further"));
    mt_run_free(run);
}

/* Random bytes as login messages of every mechanism: nothing breaks. */
static void
test_random(void)
{
    static const char *const mechs[] = {
        "PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-256", "XOAUTH2", "OAUTHBEARER", "EXTERNAL",
        "ANONYMOUS", "NTLM", "GSSAPI", "DIGEST-MD5", "X-UNKNOWN"
    };
    GRand *rnd = g_rand_new_with_seed(4954);
    guint m, k, j;

    for (m = 0; m < G_N_ELEMENTS(mechs); m++) {
        for (k = 0; k < 50; k++) {
            mt_sasl x;
            mt_record *r = mt_record_new(MT_PROTO_SMTP, MT_DIR_CLIENT, MT_R_CONTINUATION, 1);
            guint8 raw[64];
            gchar *b64;
            gsize n = (gsize)g_rand_int_range(rnd, 0, (gint)sizeof(raw));

            for (j = 0; j < n; j++)
                raw[j] = (guint8)g_rand_int_range(rnd, 0, 256);
            b64 = g_base64_encode(raw, n);
            mt_sasl_init(&x, MT_PROTO_SMTP);
            mt_sasl_begin(&x, (const guint8 *)mechs[m], strlen(mechs[m]));
            mt_sasl_server(&x, r, (const guint8 *)b64, 0, strlen(b64));
            mt_sasl_client(&x, r, -1, (const guint8 *)b64, 0, strlen(b64), k % 2 == 0, FALSE);
            mt_sasl_client(&x, r, -1, raw, 0, n, FALSE, FALSE);
            mt_sasl_result(&x, r, TRUE);
            mt_sasl_clear(&x);
            mt_record_free(r);
            g_free(b64);
        }
    }
    g_rand_free(rnd);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sasl/base64", test_base64);
    g_test_add_func("/sasl/smtp-login", test_smtp_login);
    g_test_add_func("/sasl/smtp-plain", test_smtp_plain);
    g_test_add_func("/sasl/smtp-cram-md5", test_smtp_cram);
    g_test_add_func("/sasl/smtp-xoauth2", test_smtp_xoauth2);
    g_test_add_func("/sasl/smtp-invalid-cancel", test_smtp_invalid_cancel);
    g_test_add_func("/sasl/smtp-inside-tls", test_smtp_inside_tls);
    g_test_add_func("/sasl/smtp-backspace", test_smtp_backspace);
    g_test_add_func("/sasl/pop3", test_pop3);
    g_test_add_func("/sasl/imap-scram", test_imap_scram);
    g_test_add_func("/sasl/imap-oauth", test_imap_oauth);
    g_test_add_func("/sasl/imap-ntlm", test_imap_ntlm);
    g_test_add_func("/sasl/random", test_random);
    return g_test_run();
}
