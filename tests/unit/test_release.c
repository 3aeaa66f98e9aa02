/* test_release.c - freeing the records of an ended session (single pass)
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A single pass of tshark frees the records of a session once it has
 * ended (mt_session_ended(), mt_session_release()). A session has ended
 * only when the server answered QUIT or LOGOUT and no command waits for
 * its answer; after a release the session still explains what comes next,
 * in new records, and its state names no freed record.
 */
#include <string.h>

#include "mt_session.h"
#include "mt_anomaly.h"
#include "mt_lines.h"
#include "mt_test_util.h"

static GPtrArray *
feed(mt_session *s, mt_dir dir, guint32 frame, const char *text)
{
    GPtrArray *out = g_ptr_array_new();

    mt_session_feed(s, dir, frame, (const guint8 *)text, strlen(text), out);
    return out;
}

static void
feed_drop(mt_session *s, mt_dir dir, guint32 frame, const char *text)
{
    g_ptr_array_free(feed(s, dir, frame, text), TRUE);
}

static void
test_smtp(void)
{
    mt_session *s = mt_session_new(MT_PROTO_SMTP);
    GPtrArray *out;
    const mt_record *r;

    feed_drop(s, MT_DIR_SERVER, 1, "220 mail.example.test ESMTP\r\n");
    feed_drop(s, MT_DIR_CLIENT, 2, "EHLO client.example.test\r\n");
    g_assert_false(mt_session_ended(s));
    feed_drop(s, MT_DIR_SERVER, 3, "250-mail.example.test\r\n250 AUTH PLAIN\r\n");
    /* credentials that never get an answer: the state names their record */
    feed_drop(s, MT_DIR_CLIENT, 4, "AUTH PLAIN AHRlc3QAc2VjcmV0\r\n");
    feed_drop(s, MT_DIR_SERVER, 5, "421 4.3.2 shutting down\r\n");
    /* 421 ends the session; nothing is pending any more */
    g_assert_true(mt_session_ended(s));
    g_assert_cmpuint(mt_session_kept_bytes(s), >, 0);
    mt_session_release(s);
    g_assert_cmpuint(mt_session_kept_bytes(s), ==, 0);
    g_assert_cmpuint(mt_session_record_count(s), ==, 0);

    /* what comes after the end is still explained */
    out = feed(s, MT_DIR_CLIENT, 6, "NOOP\r\n");
    g_assert_cmpuint(out->len, ==, 1);
    r = out->pdata[0];
    g_assert_nonnull(mt_rec_explanation(r));
    g_ptr_array_free(out, TRUE);
    /* a command waits for its answer: not ended until it comes */
    g_assert_false(mt_session_ended(s));
    out = feed(s, MT_DIR_SERVER, 7, "235 2.7.0 Authentication successful\r\n");
    g_assert_cmpuint(out->len, ==, 1);
    r = out->pdata[0];
    g_assert_cmpuint(r->req_frame, ==, 6);
    g_ptr_array_free(out, TRUE);
    g_assert_true(mt_session_ended(s));
    mt_session_release(s);
    mt_session_free(s);

    /* QUIT: ended once 221 answers it, not before; a command after it is
     * flagged as in two passes (smtp-errors has one) */
    s = mt_session_new(MT_PROTO_SMTP);
    feed_drop(s, MT_DIR_SERVER, 1, "220 mail.example.test ESMTP\r\n");
    feed_drop(s, MT_DIR_CLIENT, 2, "QUIT\r\n");
    g_assert_false(mt_session_ended(s));
    feed_drop(s, MT_DIR_SERVER, 3, "221 2.0.0 Bye\r\n");
    g_assert_true(mt_session_ended(s));
    mt_session_release(s);
    out = feed(s, MT_DIR_CLIENT, 4, "NOOP\r\n");
    g_assert_cmpuint(out->len, ==, 1);
    r = out->pdata[0];
    g_assert_nonnull(mt_rec_explanation(r));
    g_assert_true(mt_rec_has_anomaly(r, MT_A_SMTP_AFTER_QUIT));
    g_ptr_array_free(out, TRUE);
    mt_session_free(s);
}

static void
test_pop3(void)
{
    mt_session *s = mt_session_new(MT_PROTO_POP3);

    feed_drop(s, MT_DIR_SERVER, 1, "+OK POP3 ready\r\n");
    feed_drop(s, MT_DIR_CLIENT, 2, "USER alice\r\n");
    feed_drop(s, MT_DIR_SERVER, 3, "+OK\r\n");
    feed_drop(s, MT_DIR_CLIENT, 4, "QUIT\r\n");
    g_assert_false(mt_session_ended(s));
    feed_drop(s, MT_DIR_SERVER, 5, "+OK Logging out\r\n");
    g_assert_true(mt_session_ended(s));
    mt_session_release(s);
    g_assert_cmpuint(mt_session_record_count(s), ==, 0);
    feed_drop(s, MT_DIR_CLIENT, 6, "STAT\r\n");
    g_assert_false(mt_session_ended(s));
    mt_session_free(s);
}

static void
test_imap(void)
{
    mt_session *s = mt_session_new(MT_PROTO_IMAP);

    feed_drop(s, MT_DIR_SERVER, 1, "* OK IMAP4rev1 ready\r\n");
    feed_drop(s, MT_DIR_CLIENT, 2, "a1 LOGIN alice secret\r\n");
    feed_drop(s, MT_DIR_SERVER, 3, "a1 OK Logged in\r\n");
    feed_drop(s, MT_DIR_CLIENT, 4, "a2 LOGOUT\r\n");
    feed_drop(s, MT_DIR_SERVER, 5, "* BYE Logging out\r\n");
    /* BYE comes before the tagged answer to LOGOUT, which still waits */
    g_assert_false(mt_session_ended(s));
    feed_drop(s, MT_DIR_SERVER, 6, "a2 OK Logout completed.\r\n");
    g_assert_true(mt_session_ended(s));
    mt_session_release(s);
    g_assert_cmpuint(mt_session_kept_bytes(s), ==, 0);
    feed_drop(s, MT_DIR_CLIENT, 7, "a3 NOOP\r\n");
    mt_session_free(s);
}

/* Random protocol-like bytes, released whenever the session has ended: the
 * sanitized build (MAILTEACH_SANITIZE) reports any freed record still
 * named by the state. */
static void
test_garbage(void)
{
    static const char *const pool[] = {
        "220 x\r\n", "QUIT\r\n", "221 bye\r\n", "421 gone\r\n", "AUTH PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\n",
        "235 ok\r\n", "535 no\r\n", "334 \r\n", "NOOP\r\n", "250 ok\r\n", "MAIL FROM:<a@b>\r\n",
        "DATA\r\n", "354 go\r\n", ".\r\n", "+OK\r\n", "-ERR x\r\n", "USER a\r\n", "PASS b\r\n",
        "+ \r\n", "a1 LOGOUT\r\n", "* BYE x\r\n", "a1 OK x\r\n", "a2 AUTHENTICATE PLAIN\r\n",
        "a2 NO x\r\n", "AUTH LOGIN\r\n", "dXNlcg==\r\n", "x\r\n", "\r\n", "a3 LOGIN u p\r\n",
    };
    GRand *rnd = g_rand_new_with_seed(7);
    guint round, released = 0;

    for (round = 0; round < 600; round++) {
        mt_session *s = mt_session_new((mt_proto)(MT_PROTO_SMTP + round % 3));
        guint k;

        for (k = 0; k < 40; k++) {
            const char *t = pool[g_rand_int_range(rnd, 0, G_N_ELEMENTS(pool))];
            mt_dir dir = g_rand_boolean(rnd) ? MT_DIR_SERVER : MT_DIR_CLIENT;

            feed_drop(s, dir, k + 1, t);
            if (mt_session_ended(s)) {
                mt_session_release(s);
                released++;
            }
        }
        mt_session_free(s);
    }
    g_rand_free(rnd);
    g_assert_cmpuint(released, >, 100);
}

/* The room kept for unfinished lines is let go of: at once after a long
 * line, and for any line when the session ends (mt_linebuf_trim()); a line
 * that comes later is still rebuilt whole. */
static void
test_line_buffers(void)
{
    mt_linebuf lb;
    mt_line ln;
    gsize pos;
    GString *big = g_string_new(NULL);
    guint i;

    for (i = 0; i < 3000; i++)
        g_string_append_c(big, (char)('a' + i % 26));
    mt_linebuf_init(&lb);
    pos = 0;
    g_assert_cmpint(mt_linebuf_next(&lb, (const guint8 *)big->str, 2000, &pos, &ln), ==, MT_LN_END);
    g_assert_true(mt_linebuf_has_partial(&lb));
    g_string_append(big, "\r\nnext");
    pos = 0;
    g_assert_cmpint(mt_linebuf_next(&lb, (const guint8 *)big->str + 2000, big->len - 2000, &pos, &ln),
                    ==, MT_LN_LINE);
    g_assert_cmpuint(pos, ==, 1002);
    g_assert_true(ln.rebuilt);
    g_assert_cmpuint(ln.len, ==, 3000);
    g_assert_true(memcmp(ln.text, big->str, 3000) == 0);
    /* the next call lets the 3000 bytes go, and keeps the short "next" */
    pos = 1002;
    g_assert_cmpint(mt_linebuf_next(&lb, (const guint8 *)big->str + 2000, big->len - 2000, &pos, &ln),
                    ==, MT_LN_END);
    g_assert_nonnull(lb.partial);
    g_assert_cmpuint(lb.partial->len, ==, 4);
    /* a pending line is kept by a trim */
    mt_linebuf_trim(&lb);
    g_assert_true(mt_linebuf_has_partial(&lb));
    pos = 0;
    g_assert_cmpint(mt_linebuf_next(&lb, (const guint8 *)"word\r\n", 6, &pos, &ln), ==, MT_LN_LINE);
    g_assert_cmpuint(ln.len, ==, 8);
    g_assert_true(memcmp(ln.text, "nextword", 8) == 0);
    /* none pending: the buffer goes */
    mt_linebuf_trim(&lb);
    g_assert_null(lb.partial);
    g_assert_false(mt_linebuf_has_partial(&lb));
    pos = 0;
    g_assert_cmpint(mt_linebuf_next(&lb, (const guint8 *)"ab", 2, &pos, &ln), ==, MT_LN_END);
    pos = 0;
    g_assert_cmpint(mt_linebuf_next(&lb, (const guint8 *)"c\n", 2, &pos, &ln), ==, MT_LN_LINE);
    g_assert_cmpuint(ln.len, ==, 3);
    g_assert_true(memcmp(ln.text, "abc", 3) == 0);
    g_assert_cmpuint(ln.stream_off, ==, 3012);
    mt_linebuf_clear(&lb);
    g_string_free(big, TRUE);
}

/* After a release, a line split across chunks and an IMAP line with more
 * nodes than the arena keeps are still read whole. */
static void
test_after_release(void)
{
    mt_session *s = mt_session_new(MT_PROTO_IMAP);
    GString *flags = g_string_new("* 1 FETCH (FLAGS (");
    GPtrArray *out;
    guint i;

    feed_drop(s, MT_DIR_SERVER, 1, "* OK IMAP4rev1 ready\r\n");
    feed_drop(s, MT_DIR_CLIENT, 2, "a1 LOGIN alice secret\r\n");
    feed_drop(s, MT_DIR_SERVER, 3, "a1 OK Logged in\r\n");
    for (i = 0; i < 300; i++)
        g_string_append_printf(flags, "%s$Kw%u", i ? " " : "", i);
    g_string_append(flags, "))\r\n");
    /* 300 nodes: more than the arena keeps between chunks */
    out = feed(s, MT_DIR_SERVER, 4, flags->str);
    g_assert_cmpuint(out->len, >=, 1);
    g_assert_nonnull(mt_rec_explanation(out->pdata[0]));
    g_ptr_array_free(out, TRUE);
    feed_drop(s, MT_DIR_CLIENT, 5, "a2 LOGOUT\r\n");
    feed_drop(s, MT_DIR_SERVER, 6, "* BYE bye\r\na2 OK done\r\n");
    g_assert_true(mt_session_ended(s));
    mt_session_release(s);
    /* the same line again, in two chunks */
    feed_drop(s, MT_DIR_SERVER, 7, "* 2 FETCH (FLAGS (\\Se");
    out = feed(s, MT_DIR_SERVER, 8, flags->str + strlen("* 1 FETCH (FLAGS ("));
    g_assert_cmpuint(out->len, >=, 1);
    g_assert_cmpuint(((const mt_record *)out->pdata[0])->frame, ==, 8);
    g_assert_true(((const mt_record *)out->pdata[0])->flags & MT_RF_REBUILT);
    g_assert_nonnull(mt_rec_explanation(out->pdata[0]));
    g_ptr_array_free(out, TRUE);
    mt_session_free(s);
    g_string_free(flags, TRUE);
}

/* What a capture shown again keeps per line: a record of 120 bytes and
 * items of 24 (on 64-bit machines; less elsewhere). An item names its
 * meaning by number, and a summary argument is one of a text, a string or
 * a number. */
static const mt_text meaning_a = MT_T("first meaning");
static const mt_text meaning_b = MT_T("second meaning");
static const mt_text summary_t = MT_T("{1} and {2}");
static const mt_text arg_t = MT_T("a text");

static void
test_record_layout(void)
{
    mt_record *r = mt_record_new(MT_PROTO_SMTP, MT_DIR_SERVER, MT_R_REPLY, 1);
    gint a, b, c;
    char *sum;

    g_assert_cmpuint(sizeof(mt_item), <=, 24);
    g_assert_cmpuint(sizeof(mt_record), <=, 120);

    a = mt_rec_uint(r, -1, MT_F_SUMMARY, 0, 3, 250, &meaning_a);
    b = mt_rec_uint(r, -1, MT_F_SUMMARY, 0, 3, 354, &meaning_b);
    c = mt_rec_uint(r, -1, MT_F_SUMMARY, 0, 3, 221, NULL);
    g_assert_true(mt_item_meaning(&r->items[a]) == &meaning_a);
    g_assert_true(mt_item_meaning(&r->items[b]) == &meaning_b);
    g_assert_null(mt_item_meaning(&r->items[c]));
    mt_rec_set_meaning(r, c, &meaning_a);
    g_assert_true(mt_item_meaning(&r->items[c]) == &meaning_a);
    g_assert_cmpuint(r->items[c].meaning_id, ==, r->items[a].meaning_id);
    mt_rec_set_meaning(r, c, NULL);
    g_assert_null(mt_item_meaning(&r->items[c]));

    /* each argument holds one value, the last one set */
    mt_rec_summary(r, &summary_t);
    mt_rec_summary_str(r, 1, "bytes");
    mt_rec_summary_uint(r, 1, 7);
    mt_rec_summary_str(r, 2, "x");
    mt_rec_summary_text(r, 2, &arg_t);
    sum = mt_rec_summary_format(r, MT_LANG_EN);
    g_assert_cmpstr(sum, ==, "7 and a text");
    g_free(sum);
    mt_rec_summary_uint(r, 2, 9);
    mt_rec_summary_str(r, 1, "line");
    sum = mt_rec_summary_format(r, MT_LANG_EN);
    g_assert_cmpstr(sum, ==, "line and 9");
    g_free(sum);
    /* no bytes: the argument is empty, shown as "?" */
    mt_rec_summary_bytes(r, 1, NULL, 0);
    sum = mt_rec_summary_format(r, MT_LANG_EN);
    g_assert_cmpstr(sum, ==, "? and 9");
    g_free(sum);
    /* a list of words is cut between words, never inside a mechanism's name */
    {
        static const char mechs[] = "PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256 SCRAM-SHA-256-PLUS "
                                    "OAUTHBEARER XOAUTH2 GSSAPI";
        char word[100];

        mt_rec_summary_words(r, 1, (const guint8 *)mechs, 46);
        sum = mt_rec_summary_format(r, MT_LANG_EN);
        g_assert_cmpstr(sum, ==, "PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256 and 9");
        g_free(sum);
        mt_rec_summary_words(r, 1, (const guint8 *)mechs, strlen(mechs));
        sum = mt_rec_summary_format(r, MT_LANG_EN);
        g_assert_cmpstr(sum, ==, "PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256 SCRAM-SHA-256-PLUS ... and 9");
        g_free(sum);
        /* one word longer than the limit: cut, and said so */
        memset(word, 'A', sizeof word);
        mt_rec_summary_words(r, 1, (const guint8 *)word, sizeof word);
        sum = mt_rec_summary_format(r, MT_LANG_EN);
        g_assert_cmpuint(strlen(sum), ==, MT_SUMMARY_LIST_MAX + strlen(" and 9"));
        g_assert_true(g_str_has_suffix(sum, "... and 9"));
        g_free(sum);
    }
    mt_rec_summary_str(r, 2, "kept");
    mt_record_free(r);      /* frees the string, which ASan would report */
}

/* Two passes and the desktop keep an ended session's records packed
 * (mt_record_pack()): every kind of value and every optional part comes
 * back, frames before and after the base too, and bytes that are not a
 * whole pack are refused, never read past their end. */
static void
test_pack(void)
{
    static const mt_text t1 = { "a text", NULL };
    static const mt_text t2 = { "another text", NULL };
    mt_record *recs[3];
    GPtrArray *back = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    guint8 *packed;
    gsize len, cut;
    gint it;
    guint i;

    recs[0] = mt_record_new(MT_PROTO_IMAP, MT_DIR_SERVER, MT_R_MIME_PART, 4000000000u);
    mt_rec_explain(recs[0], -1, 0, 0, &t1, "RFC 2045, section 6.8");
    it = mt_rec_uint_fmt(recs[0], -1, MT_F_LINE_LENGTH, 3, 70000, G_MAXUINT64, MT_FMT_OCTETS, &t2);
    mt_rec_bool(recs[0], it, MT_F_DATA_LINES, 0, 0, TRUE);
    mt_rec_text(recs[0], it, MT_F_NOTE, 1, 2, &t2);
    mt_rec_bytes(recs[0], -1, MT_F_LINE_ON_SCREEN, 0, 4, TRUE);
    it = mt_rec_owned(recs[0], -1, MT_F_NOTE, 5, 6, g_strdup("computed \xe2\x80\x94 text"));
    mt_rec_set_secret(recs[0], it);
    mt_rec_owned(recs[0], -1, MT_F_NOTE, 0, 0, g_strdup(""));
    mt_rec_summary(recs[0], &t1);
    mt_rec_summary_str(recs[0], 1, "joe@example.test");
    mt_rec_summary_uint(recs[0], 2, 123456789012345ull);
    mt_rec_anomaly(recs[0], MT_A_BARE_LF, 7, 1);
    mt_rec_anomaly(recs[0], MT_A_NUL, 0, 0);
    mt_rec_set_decoded(recs[0], (const guint8 *)"a\0b", 3);
    recs[0]->decoded_name = g_strdup("Decoded part");
    recs[0]->req_frame = 1;
    recs[0]->resp_frame = 4000000001u;
    recs[0]->chunk_off = 17;
    recs[0]->chunk_len = 300;
    recs[0]->line_len = G_MAXUINT32;
    recs[0]->label = &t2;

    recs[1] = mt_record_new(MT_PROTO_SMTP, MT_DIR_CLIENT, MT_R_CONTINUATION, 1);
    mt_rec_summary(recs[1], &t2);
    mt_rec_summary_text(recs[1], 1, &t1);
    recs[1]->flags |= MT_RF_REBUILT | MT_RF_TRUNCATED;
    recs[1]->rebuilt = (guint8 *)g_strdup("AHRlc3QAc2VjcmV0\r\n");
    recs[1]->rebuilt_len = 18;
    recs[1]->req_frame = 5;

    /* nothing optional: no items, no summary */
    recs[2] = mt_record_new(MT_PROTO_POP3, MT_DIR_CLIENT, MT_R_PARTIAL, 0);
    recs[2]->rebuilt_len = 9;   /* a length without a copy */

    for (i = 0; i < G_N_ELEMENTS(recs); i++)
        mt_record_compact(recs[i]);
    mt_check_pack_round_trip(recs, G_N_ELEMENTS(recs), 2000000000u);
    mt_check_pack_round_trip(recs, G_N_ELEMENTS(recs), 0);
    mt_check_pack_round_trip(recs, 0, 7);

    /* an unpacked record takes items added later, as the session's own do */
    packed = mt_record_pack(recs, 1, 9, &len);
    g_assert_cmpuint(len, <, mt_record_size(recs[0]));
    g_assert_true(mt_record_unpack(packed, len, 9, back));
    g_assert_cmpint(mt_rec_note(back->pdata[0], 0, 0, &t1, NULL), ==, recs[0]->n_items);
    g_ptr_array_set_size(back, 0);
    g_free(packed);

    /* every cut of the bytes, and bytes flipped, are refused or read whole */
    packed = mt_record_pack(recs, G_N_ELEMENTS(recs), 3, &len);
    for (cut = 0; cut < len; cut++) {
        g_assert_false(mt_record_unpack(packed, cut, 3, back));
        g_assert_cmpuint(back->len, ==, 0);
    }
    for (cut = 0; cut < len; cut++) {
        guint8 keep = packed[cut];

        packed[cut] ^= 0xff;
        if (!mt_record_unpack(packed, len, 3, back))
            g_assert_cmpuint(back->len, ==, 0);
        g_ptr_array_set_size(back, 0);
        packed[cut] = keep;
    }
    g_free(packed);
    g_assert_false(mt_record_unpack((const guint8 *)"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
                                    11, 0, back));
    g_assert_cmpuint(back->len, ==, 0);

    for (i = 0; i < G_N_ELEMENTS(recs); i++)
        mt_record_free(recs[i]);
    g_ptr_array_free(back, TRUE);
}

static guint
count_anomaly(const GPtrArray *recs, guint16 id)
{
    guint i, n = 0;

    for (i = 0; i < recs->len; i++)
        n += mt_rec_has_anomaly((const mt_record *)recs->pdata[i], id) ? 1 : 0;
    return n;
}

/* A single pass that shows nothing never feeds its sessions (mt_conv.c):
 * their protocol state is made only when first needed, and a session
 * never fed answers as a new one does. */
static void
test_never_fed(void)
{
    mt_proto protos[] = { MT_PROTO_SMTP, MT_PROTO_POP3, MT_PROTO_IMAP };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(protos); i++) {
        mt_session *s = mt_session_new(protos[i]);

        g_assert_false(mt_session_ended(s));
        g_assert_false(mt_session_tls_accept(s, MT_DIR_SERVER, (const guint8 *)"220 go\r\n", 8));
        g_assert_cmpuint(mt_session_kept_bytes(s), ==, 0);
        mt_session_release(s);
        mt_session_free(s);
    }
    /* told it is inside TLS before its first bytes: a login is not in clear */
    {
        mt_session *s = mt_session_new(MT_PROTO_SMTP);
        GPtrArray *out;

        mt_session_set_tls(s);
        feed_drop(s, MT_DIR_SERVER, 1, "220 mail.example.test ESMTP\r\n");
        out = feed(s, MT_DIR_CLIENT, 2, "AUTH PLAIN AHRlc3QAc2VjcmV0\r\n");
        g_assert_cmpuint(out->len, >, 0);
        g_assert_cmpuint(count_anomaly(out, MT_A_AUTH_CLEARTEXT), ==, 0);
        g_ptr_array_free(out, TRUE);
        mt_session_free(s);

        s = mt_session_new(MT_PROTO_SMTP);
        feed_drop(s, MT_DIR_SERVER, 1, "220 mail.example.test ESMTP\r\n");
        out = feed(s, MT_DIR_CLIENT, 2, "AUTH PLAIN AHRlc3QAc2VjcmV0\r\n");
        g_assert_cmpuint(count_anomaly(out, MT_A_AUTH_CLEARTEXT), ==, 1);
        g_ptr_array_free(out, TRUE);
        mt_session_free(s);
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/release/smtp", test_smtp);
    g_test_add_func("/release/pop3", test_pop3);
    g_test_add_func("/release/imap", test_imap);
    g_test_add_func("/release/garbage", test_garbage);
    g_test_add_func("/release/line_buffers", test_line_buffers);
    g_test_add_func("/release/after_release", test_after_release);
    g_test_add_func("/release/record_layout", test_record_layout);
    g_test_add_func("/release/pack", test_pack);
    g_test_add_func("/release/never_fed", test_never_fed);
    return g_test_run();
}
