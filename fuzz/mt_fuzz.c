/* mt_fuzz.c - what every mailteach fuzz target shares
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mt_anomaly.h"
#include "mt_format.h"
#include "mt_session.h"
#include "mt_text.h"

void
mt_fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: broken invariant: %s\n", file, line, what);
    abort();
}

void
mt_fuzz_reader_init(mt_fuzz_reader *rd, const guint8 *data, gsize size)
{
    rd->data = data;
    rd->size = size;
    rd->pos = 0;
}

gboolean
mt_fuzz_next_segment(mt_fuzz_reader *rd, mt_fuzz_segment *seg)
{
    guint8 c0, c1;
    gsize len;

    if (rd->size - rd->pos < 2)
        return FALSE;
    c0 = rd->data[rd->pos];
    c1 = rd->data[rd->pos + 1];
    rd->pos += 2;
    len = ((gsize)(c0 & 0x3f) << 8) | c1;
    if (len > rd->size - rd->pos)
        len = rd->size - rd->pos;
    seg->dir = (c0 & 0x80) ? MT_DIR_SERVER : MT_DIR_CLIENT;
    seg->same_frame = (c0 & 0x40) != 0;
    seg->bytes = rd->data + rd->pos;
    seg->len = len;
    rd->pos += len;
    return TRUE;
}

void
mt_fuzz_touch(const char *s)
{
    /* strlen reads up to the NUL: a freed or unterminated string is seen
     * by AddressSanitizer here */
    volatile gsize n = strlen(s);
    (void)n;
}

static void
touch_text(const mt_text *t)
{
    guint lang;

    MT_FUZZ_CHECK(t != NULL && t->en != NULL);
    for (lang = 0; lang < MT_LANG_COUNT; lang++) {
        const char *s = mt_text_get(t, (mt_lang)lang);
        MT_FUZZ_CHECK(s != NULL);
        mt_fuzz_touch(s);
    }
}

static void
check_item(const mt_record *r, guint i)
{
    const mt_item *it = &r->items[i];

    MT_FUZZ_CHECK(it->field < MT_F_COUNT);
    /* MT_F_NONE only as the explanation's reference slot while the line
     * has no RFC reference (the adapter shows nothing for it) */
    MT_FUZZ_CHECK(it->field != MT_F_NONE || (r->expl >= 0 && i == (guint)r->expl + 1)
                  || it->secret);   /* or a hidden mark of secret bytes (mt_sasl.c) */
    MT_FUZZ_CHECK(it->secret <= 1);
    MT_FUZZ_CHECK(it->src == MT_SRC_LINE || it->src == MT_SRC_DECODED);
    /* decoded bytes: the adapter shows them from the record's copy */
    if (it->src == MT_SRC_DECODED)
        MT_FUZZ_CHECK(r->decoded != NULL && (guint64)it->off + it->len <= r->decoded_len);
    /* a parent is an earlier item of the same record, or the line */
    MT_FUZZ_CHECK(it->parent == -1 || (it->parent >= 0 && (guint)it->parent < i));
    if (mt_item_meaning(it))
        touch_text(mt_item_meaning(it));
    switch (it->vkind) {
    case MT_V_UINT:
        if (it->fmt == MT_FMT_OCTETS)
            g_free(mt_format_octets(it->v.u));
        else if (it->fmt == MT_FMT_CHAR)
            (void)mt_control_name((guint8)it->v.u);
        else
            MT_FUZZ_CHECK(it->fmt == MT_FMT_PLAIN);
        break;
    case MT_V_BOOL:
        MT_FUZZ_CHECK(it->v.u <= 1);
        break;
    case MT_V_TEXT:
        touch_text(it->v.text);
        break;
    case MT_V_CSTR:
    case MT_V_OWNED:
        /* shown as a string field: must be text Wireshark can show */
        MT_FUZZ_CHECK(it->v.cstr != NULL);
        MT_FUZZ_CHECK(g_utf8_validate(it->v.cstr, -1, NULL));
        break;
    case MT_V_BYTES:
    case MT_V_BYTES_UP:
        /* bytes of the line: the adapter reads them through the tvb,
         * which it clamps to the line */
        break;
    default:
        MT_FUZZ_CHECK(!"an item kind the adapter does not know");
    }
}

void
mt_fuzz_check_records(mt_proto proto, mt_dir dir, guint32 frame, gsize chunk_len,
                      const GPtrArray *recs)
{
    guint k, i;

    for (k = 0; k < recs->len; k++) {
        const mt_record *r = (const mt_record *)g_ptr_array_index(recs, k);

        MT_FUZZ_CHECK(r != NULL);
        MT_FUZZ_CHECK(r->proto == proto);
        MT_FUZZ_CHECK(r->kind <= MT_R_MIME_PART);
        if (r->decoded_len > 0) {
            volatile guint8 d = r->decoded[r->decoded_len - 1];
            (void)d;
            MT_FUZZ_CHECK(r->decoded_name == NULL || g_utf8_validate(r->decoded_name, -1, NULL));
            MT_FUZZ_CHECK(r->kind != MT_R_MIME_PART || r->decoded_name != NULL);
        }
        /* the frame of the line's last octet: the one fed, or, for a
         * MIME header field known complete only at the next line, an
         * earlier one */
        MT_FUZZ_CHECK(r->frame <= frame);
        (void)dir;
        /* the adapter adds the line's item over chunk_off/chunk_len of the
         * chunk it fed: outside it, tvb access throws (a "Malformed") */
        MT_FUZZ_CHECK((guint64)r->chunk_off + r->chunk_len <= chunk_len);
        MT_FUZZ_CHECK(r->req_frame <= frame && r->resp_frame <= frame);
        if (r->flags & MT_RF_REBUILT)
            MT_FUZZ_CHECK(r->rebuilt != NULL || r->rebuilt_len == 0);
        if (r->rebuilt && r->rebuilt_len > 0) {
            volatile guint8 last = r->rebuilt[r->rebuilt_len - 1];
            (void)last;
        }
        if (r->label)
            touch_text(r->label);
        MT_FUZZ_CHECK(r->n_items <= r->cap_items && r->cap_items <= MT_RECORD_MAX_ITEMS);
        for (i = 0; i < r->n_items; i++)
            check_item(r, i);
        MT_FUZZ_CHECK(r->n_anoms <= MT_RECORD_MAX_ANOMS);
        for (i = 0; i < r->n_anoms; i++) {
            const mt_anomaly_info *ai = mt_anomaly_get((mt_anomaly)r->anoms[i].id);
            MT_FUZZ_CHECK(r->anoms[i].id > MT_A_NONE && r->anoms[i].id < MT_A_COUNT);
            MT_FUZZ_CHECK(ai != NULL);
            touch_text(&ai->text);
            if (mt_anomaly_rfc((mt_anomaly)r->anoms[i].id, proto))
                mt_fuzz_touch(mt_anomaly_rfc((mt_anomaly)r->anoms[i].id, proto));
        }
    }
}

/* Two passes and the desktop keep an ended session's records packed:
 * they must come back whole (packed again, the same bytes) and as sound
 * as the session made them. */
static void
check_pack(mt_proto proto, mt_dir dir, guint32 frame, gsize chunk_len, const GPtrArray *recs)
{
    GPtrArray *back = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    gsize len = 0, len2 = 0;
    guint8 *packed = mt_record_pack((mt_record *const *)recs->pdata, recs->len, frame, &len);
    guint8 *again;

    MT_FUZZ_CHECK(mt_record_unpack(packed, len, frame, back));
    MT_FUZZ_CHECK(back->len == recs->len);
    mt_fuzz_check_records(proto, dir, frame, chunk_len, back);
    again = mt_record_pack((mt_record *const *)back->pdata, back->len, frame, &len2);
    MT_FUZZ_CHECK(len2 == len && memcmp(again, packed, len) == 0);
    g_free(again);
    g_free(packed);
    g_ptr_array_free(back, TRUE);
}

void
mt_fuzz_session(mt_proto proto, const guint8 *data, gsize size)
{
    mt_session *s = mt_session_new(proto);
    GPtrArray *recs = g_ptr_array_new();
    mt_fuzz_reader rd;
    mt_fuzz_segment seg;
    guint32 frame = 0;

    mt_fuzz_reader_init(&rd, data, size);
    while (mt_fuzz_next_segment(&rd, &seg)) {
        if (!seg.same_frame || frame == 0)
            frame++;
        if (seg.len == 0)
            continue;
        (void)mt_session_tls_accept(s, seg.dir, seg.bytes, seg.len);
        g_ptr_array_set_size(recs, 0);
        mt_session_feed(s, seg.dir, frame, seg.bytes, seg.len, recs);
        mt_fuzz_check_records(proto, seg.dir, frame, seg.len, recs);
        check_pack(proto, seg.dir, frame, seg.len, recs);
        /* as a single pass of tshark does: the sanitizers see any freed
         * record the state still names */
        if (mt_session_ended(s))
            mt_session_release(s);
    }
    g_ptr_array_free(recs, TRUE);
    mt_session_free(s);
}

static void
dump_records(GString *out, const GPtrArray *recs)
{
    guint k, j;

    for (k = 0; k < recs->len; k++) {
        const mt_record *r = (const mt_record *)g_ptr_array_index(recs, k);

        if (r->kind == MT_R_MESSAGE || r->kind == MT_R_RAW || r->kind == MT_R_PARTIAL)
            continue;
        g_string_append_printf(out, "%c kind=%u frame=%u req=%u resp=%u len=%u label=%s\n",
                               r->dir == MT_DIR_CLIENT ? 'C' : 'S', r->kind, r->frame, r->req_frame,
                               r->resp_frame, r->line_len,
                               r->label ? mt_text_get(r->label, MT_LANG_EN) : "-");
        for (j = 0; j < r->n_items; j++) {
            const mt_item *it = &r->items[j];
            g_string_append_printf(out, "  f%u p%d @%u+%u k%u ", it->field, it->parent, it->off,
                                   it->len, it->vkind);
            switch (it->vkind) {
            case MT_V_UINT:
            case MT_V_BOOL:
                g_string_append_printf(out, "%" G_GUINT64_FORMAT, it->v.u);
                break;
            case MT_V_TEXT:
                g_string_append(out, mt_text_get(it->v.text, MT_LANG_EN));
                break;
            case MT_V_CSTR:
            case MT_V_OWNED:
                g_string_append(out, it->v.cstr);
                break;
            default:
                break;
            }
            if (mt_item_meaning(it))
                g_string_append_printf(out, " (%s)", mt_text_get(mt_item_meaning(it), MT_LANG_EN));
            g_string_append_c(out, '\n');
        }
        for (j = 0; j < r->n_anoms; j++)
            g_string_append_printf(out, "  !%u @%u+%u\n", r->anoms[j].id, r->anoms[j].off,
                                   r->anoms[j].len);
    }
}

char *
mt_fuzz_session_dump(mt_proto proto, const guint8 *data, gsize size, guint32 cut_seed)
{
    mt_session *s = mt_session_new(proto);
    GPtrArray *recs = g_ptr_array_new();
    GString *out = g_string_new(NULL);
    mt_fuzz_reader rd;
    mt_fuzz_segment seg;
    guint32 frame = 0, state = cut_seed;

    mt_fuzz_reader_init(&rd, data, size);
    while (mt_fuzz_next_segment(&rd, &seg)) {
        gsize at = 0;

        if (!seg.same_frame || frame == 0)
            frame++;
        while (at < seg.len) {
            gsize n = seg.len - at;

            if (cut_seed) {
                state = state * 1103515245u + 12345u;
                n = MIN(n, (gsize)1 + ((state >> 16) % 7 == 0 ? (state >> 8) % 64 : 0));
            }
            (void)mt_session_tls_accept(s, seg.dir, seg.bytes + at, n);
            g_ptr_array_set_size(recs, 0);
            mt_session_feed(s, seg.dir, frame, seg.bytes + at, n, recs);
            mt_fuzz_check_records(proto, seg.dir, frame, n, recs);
            dump_records(out, recs);
            at += n;
        }
    }
    g_ptr_array_free(recs, TRUE);
    mt_session_free(s);
    return g_string_free(out, FALSE);
}
