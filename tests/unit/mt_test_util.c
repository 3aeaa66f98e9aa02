/* mt_test_util.c - feeding scripted sessions to the core in unit tests
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_test_util.h"

#include <string.h>

#include "mt_anomaly.h"

static void
feed(mt_run *run, mt_dir dir, guint32 frame, const guint8 *p, gsize len)
{
    GPtrArray *out = g_ptr_array_new();
    GBytes *chunk = g_bytes_new(p, len);
    guint i;

    mt_session_feed(run->session, dir, frame, p, len, out);
    for (i = 0; i < out->len; i++) {
        g_ptr_array_add(run->recs, out->pdata[i]);
        g_ptr_array_add(run->rec_chunk, g_bytes_ref(chunk));
    }
    g_bytes_unref(chunk);
    g_ptr_array_free(out, TRUE);
}


static const char *
item_text(const mt_item *it)
{
    return it->vkind == MT_V_TEXT ? mt_text_get(it->v.text, MT_LANG_EN) : NULL;
}

void
mt_check_record_teaching(const mt_record *r, const char *what)
{
    guint i, j, top = 0;
    char *sum;
    const char *tmpl;

    for (i = 0; i < r->n_items; i++) {
        const mt_item *it = &r->items[i];

        if (it->field == MT_F_EXPLANATION) {
            if (it->parent >= 0)
                g_error("%s: an explanation nested under item %d", what, it->parent);
            top++;
        }
        if (it->field == MT_F_MEANING && it->parent < 0)
            g_error("%s: a meaning with no part of the line to belong to", what);
        /* the same teaching text twice on one line says nothing new */
        if (item_text(it) == NULL || it->field == MT_F_STAGE || it->field == MT_F_NEXT)
            continue;
        for (j = i + 1; j < r->n_items; j++) {
            if (item_text(&r->items[j]) && r->items[j].field != MT_F_STAGE
                && r->items[j].field != MT_F_NEXT
                && strcmp(item_text(it), item_text(&r->items[j])) == 0)
                g_error("%s: the same text twice: %s", what, item_text(it));
        }
    }
    if (top != 1)
        g_error("%s: %u explanations of the line, want exactly 1", what, top);
    g_assert_true(mt_rec_explanation(r) != NULL);
    g_assert_cmpint(r->items[r->expl].field, ==, MT_F_EXPLANATION);

    tmpl = mt_text_get(r->summary, MT_LANG_EN);
    if (tmpl == NULL)
        g_error("%s: no summary", what);
    for (i = 1; i <= MT_SUMMARY_ARGS; i++) {
        char ph[4] = { '{', (char)('0' + i), '}', '\0' };
        if (strstr(tmpl, ph) && r->summary_kind[i - 1] == MT_SA_NONE)
            g_error("%s: summary \"%s\" without its {%u}", what, tmpl, i);
    }
    sum = mt_rec_summary_format(r, MT_LANG_EN);
    if (*sum == '\0' || strlen(sum) > MT_TEST_SUMMARY_MAX)
        g_error("%s: summary of %zu bytes: \"%s\"", what, strlen(sum), sum);
    g_free(sum);

    for (i = 0; i < r->n_anoms; i++) {
        for (j = i + 1; j < r->n_anoms; j++) {
            const mt_anomaly_info *a = mt_anomaly_get((mt_anomaly)r->anoms[i].id);
            const mt_anomaly_info *b = mt_anomaly_get((mt_anomaly)r->anoms[j].id);

            g_assert_cmpuint(r->anoms[i].id, !=, r->anoms[j].id);
            g_assert_cmpstr(mt_text_get(&a->text, MT_LANG_EN), !=, mt_text_get(&b->text, MT_LANG_EN));
        }
    }
}

static gboolean
same_bytes(const guint8 *a, const guint8 *b, gsize len)
{
    return (a == NULL) == (b == NULL) && (a == NULL || len == 0 || memcmp(a, b, len) == 0);
}

void
mt_check_record_equal(const mt_record *a, const mt_record *b)
{
    guint i;

    g_assert_cmpuint(a->frame, ==, b->frame);
    g_assert_cmpuint(a->proto, ==, b->proto);
    g_assert_cmpuint(a->dir, ==, b->dir);
    g_assert_cmpuint(a->kind, ==, b->kind);
    g_assert_cmpuint(a->flags, ==, b->flags);
    g_assert_cmpuint(a->chunk_off, ==, b->chunk_off);
    g_assert_cmpuint(a->chunk_len, ==, b->chunk_len);
    g_assert_cmpuint(a->line_len, ==, b->line_len);
    g_assert_cmpuint(a->rebuilt_len, ==, b->rebuilt_len);
    g_assert_cmpuint(a->req_frame, ==, b->req_frame);
    g_assert_cmpuint(a->resp_frame, ==, b->resp_frame);
    g_assert_cmpuint(a->decoded_len, ==, b->decoded_len);
    g_assert_cmpint(a->expl, ==, b->expl);
    g_assert_cmpuint(a->n_items, ==, b->n_items);
    g_assert_cmpuint(a->n_anoms, ==, b->n_anoms);
    g_assert_true(a->label == b->label);
    g_assert_true(a->summary == b->summary);
    g_assert_true(same_bytes(a->rebuilt, b->rebuilt, a->rebuilt_len));
    g_assert_true(same_bytes(a->decoded, b->decoded, a->decoded_len));
    g_assert_cmpstr(a->decoded_name, ==, b->decoded_name);
    for (i = 0; i < MT_SUMMARY_ARGS; i++) {
        g_assert_cmpuint(a->summary_kind[i], ==, b->summary_kind[i]);
        switch (a->summary_kind[i]) {
        case MT_SA_TEXT:
            g_assert_true(a->summary_arg[i].text == b->summary_arg[i].text);
            break;
        case MT_SA_STR:
            g_assert_cmpstr(a->summary_arg[i].str, ==, b->summary_arg[i].str);
            break;
        case MT_SA_NUM:
            g_assert_cmpuint(a->summary_arg[i].num, ==, b->summary_arg[i].num);
            break;
        default:
            break;
        }
    }
    for (i = 0; i < a->n_items; i++) {
        const mt_item *x = &a->items[i], *y = &b->items[i];

        g_assert_cmpuint(x->field, ==, y->field);
        g_assert_cmpint(x->parent, ==, y->parent);
        g_assert_cmpuint(x->meaning_id, ==, y->meaning_id);
        g_assert_cmpuint(x->vkind, ==, y->vkind);
        g_assert_cmpuint(x->fmt, ==, y->fmt);
        g_assert_cmpuint(x->src, ==, y->src);
        g_assert_cmpuint(x->secret, ==, y->secret);
        g_assert_cmpuint(x->off, ==, y->off);
        g_assert_cmpuint(x->len, ==, y->len);
        switch (x->vkind) {
        case MT_V_UINT:
        case MT_V_BOOL:
            g_assert_cmpuint(x->v.u, ==, y->v.u);
            break;
        case MT_V_TEXT:
            g_assert_true(x->v.text == y->v.text);
            break;
        case MT_V_CSTR:
            g_assert_true(x->v.cstr == y->v.cstr);
            break;
        case MT_V_OWNED:
            g_assert_cmpstr(x->v.owned, ==, y->v.owned);
            break;
        default:
            break;
        }
    }
    for (i = 0; i < a->n_anoms; i++) {
        g_assert_cmpuint(a->anoms[i].id, ==, b->anoms[i].id);
        g_assert_cmpuint(a->anoms[i].off, ==, b->anoms[i].off);
        g_assert_cmpuint(a->anoms[i].len, ==, b->anoms[i].len);
    }
}

void
mt_check_pack_round_trip(mt_record *const *recs, guint n, guint32 base)
{
    GPtrArray *back = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    gsize len = 0;
    guint8 *packed = mt_record_pack(recs, n, base, &len);
    guint i;

    g_assert_true(mt_record_unpack(packed, len, base, back));
    g_assert_cmpuint(back->len, ==, n);
    for (i = 0; i < n; i++)
        mt_check_record_equal(recs[i], back->pdata[i]);
    g_ptr_array_free(back, TRUE);
    g_free(packed);
}

mt_run *
mt_run_steps(mt_proto proto, const mt_step *steps, gsize n, mt_feed_mode mode)
{
    mt_run *run = g_new0(mt_run, 1);
    GRand *rnd = g_rand_new_with_seed(20261123);
    gsize i;

    run->session = mt_session_new(proto);
    run->recs = g_ptr_array_new();
    run->rec_chunk = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    for (i = 0; i < n; i++) {
        const guint8 *p = (const guint8 *)steps[i].bytes;
        gsize len = steps[i].len ? steps[i].len : strlen(steps[i].bytes);
        guint32 frame = (guint32)i + 1;
        gsize off = 0;

        switch (mode) {
        case MT_FEED_WHOLE:
            feed(run, steps[i].dir, frame, p, len);
            break;
        case MT_FEED_BYTES:
            for (off = 0; off < len; off++)
                feed(run, steps[i].dir, frame, p + off, 1);
            break;
        case MT_FEED_RANDOM:
            while (off < len) {
                gsize cut = (gsize)g_rand_int_range(rnd, 1, 9);
                if (cut > len - off)
                    cut = len - off;
                feed(run, steps[i].dir, frame, p + off, cut);
                off += cut;
            }
            break;
        }
    }
    g_rand_free(rnd);
    /* every machine follows the teaching contract of mt_record.h */
    for (i = 0; i < run->recs->len; i++) {
        char *what = g_strdup_printf("record %zu (frame %u)", i,
                                     ((mt_record *)run->recs->pdata[i])->frame);
        mt_check_record_teaching(run->recs->pdata[i], what);
        g_free(what);
    }
    /* and every record comes back whole from its packed bytes (the
     * adapter packs the records of an ended session) */
    mt_check_pack_round_trip((mt_record *const *)run->recs->pdata, run->recs->len, 1);
    return run;
}

void
mt_run_free(mt_run *run)
{
    if (run == NULL)
        return;
    mt_session_free(run->session);  /* frees the records */
    g_ptr_array_free(run->recs, TRUE);
    g_ptr_array_free(run->rec_chunk, TRUE);
    g_free(run);
}

char *
mt_run_item_value(const mt_run *run, guint rec, const mt_item *it)
{
    const mt_record *r = run->recs->pdata[rec];
    const guint8 *base;
    gsize avail;
    char *s;

    switch (it->vkind) {
    case MT_V_UINT:
    case MT_V_BOOL:
        return g_strdup_printf("%" G_GUINT64_FORMAT, it->v.u);
    case MT_V_TEXT:
        return g_strdup(mt_text_get(it->v.text, MT_LANG_EN));
    case MT_V_CSTR:
        return g_strdup(it->v.cstr);
    case MT_V_OWNED:
        return g_strdup(it->v.owned);
    case MT_V_BYTES:
    case MT_V_BYTES_UP:
        if (it->src == MT_SRC_DECODED) {
            /* as the adapter shows decoded bytes: NUL as \0, other
             * control characters as \xNN */
            GString *d = g_string_new(NULL);
            gsize k;
            g_assert_nonnull(r->decoded);
            g_assert_cmpuint((gsize)it->off + it->len, <=, r->decoded_len);
            for (k = it->off; k < (gsize)it->off + it->len; k++) {
                guint8 c = r->decoded[k];
                if (c == 0)
                    g_string_append(d, "\\0");
                else if (c < 0x20 || c == 0x7f)
                    g_string_append_printf(d, "\\x%02x", c);
                else
                    g_string_append_c(d, (gchar)c);
            }
            return g_string_free(d, FALSE);
        }
        if (r->flags & MT_RF_REBUILT) {
            base = r->rebuilt;
            avail = r->rebuilt_len;
        } else {
            gsize clen;
            const guint8 *c = g_bytes_get_data(run->rec_chunk->pdata[rec], &clen);
            g_assert_cmpuint(r->chunk_off, <=, clen);
            base = c + r->chunk_off;
            avail = clen - r->chunk_off;
        }
        g_assert_cmpuint((gsize)it->off + it->len, <=, avail);
        if (it->len == 0)
            return g_strdup("");    /* an empty rebuilt line keeps no copy */
        s = g_strndup((const char *)base + it->off, it->len);
        if (it->vkind == MT_V_BYTES_UP) {
            char *u = g_ascii_strup(s, -1);
            g_free(s);
            s = u;
        }
        return s;
    default:
        return g_strdup("");
    }
}

gint
mt_run_find(const mt_run *run, mt_field f, const char *value, guint nth)
{
    guint i, j;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        for (j = 0; j < r->n_items; j++) {
            char *v;
            gboolean hit;
            if (r->items[j].field != f)
                continue;
            v = mt_run_item_value(run, i, &r->items[j]);
            hit = value == NULL || g_strcmp0(v, value) == 0;
            g_free(v);
            if (hit) {
                if (nth == 0)
                    return (gint)i;
                nth--;
                break;
            }
        }
    }
    return -1;
}

const mt_record *
mt_run_rec(const mt_run *run, gint i)
{
    g_assert_cmpint(i, >=, 0);
    g_assert_cmpint(i, <, (gint)run->recs->len);
    return run->recs->pdata[i];
}

gint
mt_run_need(const mt_run *run, mt_field f, const char *value, guint nth)
{
    gint i = mt_run_find(run, f, value, nth);

    if (i < 0)
        g_error("no record with field %u = \"%s\" (#%u)", (guint)f, value ? value : "*", nth);
    return i;
}

guint
mt_rec_count_items(const mt_record *r, mt_field f)
{
    guint j, n = 0;

    for (j = 0; j < r->n_items; j++)
        n += r->items[j].field == f ? 1 : 0;
    return n;
}

gboolean
mt_run_has(const mt_run *run, guint rec, mt_field f, const char *substr)
{
    const mt_record *r;
    guint j;

    if (rec >= run->recs->len)
        return FALSE;
    r = run->recs->pdata[rec];
    for (j = 0; j < r->n_items; j++) {
        char *v;
        gboolean hit;
        if (r->items[j].field != f)
            continue;
        v = mt_run_item_value(run, rec, &r->items[j]);
        hit = substr == NULL || strstr(v, substr) != NULL;
        g_free(v);
        if (hit)
            return TRUE;
    }
    return FALSE;
}

gboolean
mt_run_summary_is(const mt_run *run, guint rec, const char *want)
{
    char *got;
    gboolean same;

    g_assert_cmpuint(rec, <, run->recs->len);
    got = mt_rec_summary_format(run->recs->pdata[rec], MT_LANG_EN);
    same = g_strcmp0(got, want) == 0;
    if (!same)
        g_printerr("record %u: summary \"%s\", want \"%s\"\n", rec, got ? got : "(none)", want);
    g_free(got);
    return same;
}

gboolean
mt_run_mentions(const mt_run *run, guint rec, const char *substr)
{
    const mt_record *r;
    char *sum;
    gboolean hit;
    guint j;

    g_assert_cmpuint(rec, <, run->recs->len);
    r = run->recs->pdata[rec];
    for (j = 0; j < r->n_items; j++) {
        const char *t = r->items[j].vkind == MT_V_TEXT
                        ? mt_text_get(r->items[j].v.text, MT_LANG_EN) : NULL;
        if (t && strstr(t, substr))
            return TRUE;
    }
    sum = mt_rec_summary_format(r, MT_LANG_EN);
    hit = sum && strstr(sum, substr);
    g_free(sum);
    return hit;
}

guint
mt_run_count_anomaly(const mt_run *run, guint16 id)
{
    guint i, n = 0;

    for (i = 0; i < run->recs->len; i++)
        n += mt_rec_has_anomaly(run->recs->pdata[i], id) ? 1 : 0;
    return n;
}

char *
mt_run_dump(const mt_run *run)
{
    GString *s = g_string_new(NULL);
    guint i, j;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        /* these depend on where the chunks were cut */
        if (r->kind == MT_R_MESSAGE || r->kind == MT_R_RAW || r->kind == MT_R_PARTIAL)
            continue;
        char *sum = mt_rec_summary_format(r, MT_LANG_EN);

        g_string_append_printf(s, "%c kind=%u frame=%u req=%u resp=%u len=%u [%s]\n",
                               r->dir == MT_DIR_CLIENT ? 'C' : 'S', r->kind, r->frame,
                               r->req_frame, r->resp_frame, r->line_len, sum ? sum : "");
        g_free(sum);
        for (j = 0; j < r->n_items; j++) {
            char *v = mt_run_item_value(run, i, &r->items[j]);
            g_string_append_printf(s, "  f%u p%d @%u+%u %s\n", r->items[j].field,
                                   r->items[j].parent, r->items[j].off, r->items[j].len, v);
            g_free(v);
        }
        for (j = 0; j < r->n_anoms; j++)
            g_string_append_printf(s, "  !%u @%u+%u\n", r->anoms[j].id, r->anoms[j].off, r->anoms[j].len);
    }
    return g_string_free(s, FALSE);
}

guint64
mt_run_message_lines(const mt_run *run)
{
    guint i;
    guint64 n = 0;

    for (i = 0; i < run->recs->len; i++) {
        const mt_record *r = run->recs->pdata[i];
        const mt_item *it;
        if (r->kind != MT_R_MESSAGE)
            continue;
        it = mt_rec_find(r, MT_F_DATA_LINES);
        if (it)
            n += it->v.u;
    }
    return n;
}

mt_run *
mt_run_all_ways(mt_proto proto, const mt_step *steps, gsize n)
{
    mt_run *whole = mt_run_steps(proto, steps, n, MT_FEED_WHOLE);
    char *want = mt_run_dump(whole);
    mt_feed_mode m;

    for (m = MT_FEED_BYTES; m <= MT_FEED_RANDOM; m++) {
        mt_run *other = mt_run_steps(proto, steps, n, m);
        char *got = mt_run_dump(other);
        if (g_strcmp0(want, got) != 0) {
            gchar **a = g_strsplit(want, "\n", -1), **b = g_strsplit(got, "\n", -1);
            guint k;
            for (k = 0; a[k] && b[k] && g_strcmp0(a[k], b[k]) == 0; k++)
                ;
            g_printerr("feeding mode %d differs at dump line %u:\n  whole: %s\n  other: %s\n",
                       (int)m, k, a[k] ? a[k] : "(end)", b[k] ? b[k] : "(end)");
            g_strfreev(a);
            g_strfreev(b);
        }
        g_assert_true(g_strcmp0(want, got) == 0);
        g_assert_cmpuint(mt_run_message_lines(whole), ==, mt_run_message_lines(other));
        g_free(got);
        mt_run_free(other);
    }
    g_free(want);
    return whole;
}

void
mt_check_english(const char *what, const char *s, gsize max_bytes)
{
    const char *p;

    if (s == NULL || *s == '\0')
        g_error("%s: empty text", what);
    if (!g_utf8_validate(s, -1, NULL))
        g_error("%s: not valid UTF-8: %s", what, s);
    if (strlen(s) > max_bytes)
        g_error("%s: %zu bytes, more than %zu: %s", what, strlen(s), max_bytes, s);
    for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);

        if (c < 0x20 || c == 0x7F)
            g_error("%s: control character 0x%02x in: %s", what, (guint)c, s);
        if (c >= 0x80 && c != 0x00A7)  /* only "§" outside ASCII */
            g_error("%s: non-ASCII character U+%04X in: %s", what, (guint)c, s);
    }
    if (s[strlen(s) - 1] == ' ' || s[0] == ' ')
        g_error("%s: leading or trailing space: \"%s\"", what, s);
    if (strstr(s, "  ") != NULL)
        g_error("%s: double space: %s", what, s);
}

void
mt_check_teaching(const char *what, const mt_text *t)
{
    const char *s = mt_text_get(t, MT_LANG_EN);
    gchar **parts;
    guint i, n;
    gsize skip, piece;

    mt_check_english(what, s, MT_TEST_EXPLANATION_MAX);
    parts = g_strsplit(s, ". ", -1);
    n = g_strv_length(parts);
    for (i = 0; i < n; i++) {
        if (strlen(parts[i]) > MT_TEST_SENTENCE_MAX)
            g_error("%s: sentence of %zu bytes: %s", what, strlen(parts[i]), parts[i]);
    }
    if (n > MT_TEST_SENTENCES_MAX)
        g_error("%s: %u sentences, more than %d: %s", what, n, MT_TEST_SENTENCES_MAX, s);
    g_strfreev(parts);
    /* the adapter cuts long texts into items between sentences only */
    piece = mt_text_piece(s, MT_TEST_SENTENCE_MAX, &skip);
    g_assert_cmpuint(piece, >, 0);
    g_assert_cmpuint(piece, <=, MT_TEST_SENTENCE_MAX);
    if (piece < strlen(s) && s[piece - 1] != '.' && s[piece - 1] != '?' && s[piece - 1] != '!')
        g_error("%s: cut inside a sentence after %zu bytes: %s", what, piece, s);
    /* zh_CN and ja fall back to English until translated */
    g_assert_nonnull(mt_text_get(t, MT_LANG_ZH_CN));
    g_assert_nonnull(mt_text_get(t, MT_LANG_JA));
}

void
mt_check_summary(const char *what, const mt_text *t)
{
    const char *s = mt_text_get(t, MT_LANG_EN);

    mt_check_english(what, s, MT_TEST_SUMMARY_TEXT_MAX);
    if (s[strlen(s) - 1] == '.')
        g_error("%s: summary ends with a period: %s", what, s);
    /* "recipient accepted", "OK: nothing done", "DATA refused": lower
     * case unless it starts with a protocol word */
    if (g_ascii_isupper(s[0]) && !g_ascii_isupper(s[1]))
        g_error("%s: summary starts like a sentence: %s", what, s);
    g_assert_nonnull(mt_text_get(t, MT_LANG_ZH_CN));
    g_assert_nonnull(mt_text_get(t, MT_LANG_JA));
}

void
mt_check_line_text(const char *what, const mt_text *text, const mt_text *summary)
{
    if (text == NULL && summary == NULL)
        g_error("%s: neither a text nor a summary", what);
    if (text)
        mt_check_teaching(what, text);
    if (summary)
        mt_check_summary(what, summary);
}
