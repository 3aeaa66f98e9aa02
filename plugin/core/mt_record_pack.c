/* mt_record_pack.c - records of a chunk, packed into bytes and back
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A packed record holds what the record holds, as LEB128 numbers (a record
 * and its items, about 450 bytes in memory, take about 120), and names the
 * static texts and strings it points to by their number
 * (mt_static_number()). Every read is checked
 * against the end of the bytes, though the bytes only ever come from
 * mt_record_pack().
 */
#include "mt_record.h"

#include <string.h>

/* ---- writing ---- */

static void
put_uint(GByteArray *b, guint64 v)
{
    guint8 c;

    do {
        c = (guint8)(v & 0x7f);
        v >>= 7;
        if (v)
            c |= 0x80;
        g_byte_array_append(b, &c, 1);
    } while (v);
}

/* A frame near base (usually the same one or close to it), zigzag. */
static guint64
near_of(guint32 v, guint32 base)
{
    gint64 d = (gint64)v - (gint64)base;

    return d >= 0 ? (guint64)d << 1 : (((guint64)(-d)) << 1) - 1;
}

static void
put_near(GByteArray *b, guint32 v, guint32 base)
{
    put_uint(b, near_of(v, base));
}

/* The same, 0 kept for "none". */
static void
put_link(GByteArray *b, guint32 v, guint32 frame)
{
    put_uint(b, v ? near_of(v, frame) + 1 : 0);
}

/* NULL and "" told apart: 0 is NULL, else the length plus one. */
static void
put_bytes(GByteArray *b, const guint8 *p, gsize len)
{
    if (p == NULL) {
        put_uint(b, 0);
        return;
    }
    put_uint(b, (guint64)len + 1);
    if (len)
        g_byte_array_append(b, p, (guint)len);
}

static void
put_str(GByteArray *b, const char *s)
{
    put_bytes(b, (const guint8 *)s, s ? strlen(s) : 0);
}

/* What a record has beside its fixed fields. */
#define HAS_REBUILT 0x01u
#define HAS_DECODED 0x02u

static void
put_record(GByteArray *b, const mt_record *r, guint32 base)
{
    guint i, has = 0;

    put_uint(b, (guint64)r->proto | (guint64)r->dir << 2 | (guint64)r->kind << 3);
    put_uint(b, r->flags);
    put_near(b, r->frame, base);
    put_uint(b, r->chunk_off);
    put_uint(b, r->chunk_len);
    put_uint(b, r->line_len);
    put_link(b, r->req_frame, r->frame);
    put_link(b, r->resp_frame, r->frame);
    put_uint(b, (guint64)(r->expl + 1));
    put_uint(b, mt_static_number(r->label));
    put_uint(b, mt_static_number(r->summary));
    for (i = 0; i < MT_SUMMARY_ARGS; i++) {
        put_uint(b, r->summary_kind[i]);
        switch (r->summary_kind[i]) {
        case MT_SA_TEXT:
            put_uint(b, mt_static_number(r->summary_arg[i].text));
            break;
        case MT_SA_STR:
            put_str(b, r->summary_arg[i].str);
            break;
        case MT_SA_NUM:
            put_uint(b, r->summary_arg[i].num);
            break;
        default:
            break;
        }
    }
    if (r->rebuilt)
        has |= HAS_REBUILT;
    if (r->decoded)
        has |= HAS_DECODED;
    put_uint(b, has);
    if (r->rebuilt)
        put_bytes(b, r->rebuilt, r->rebuilt_len);
    else
        put_uint(b, r->rebuilt_len);
    if (r->decoded) {
        put_bytes(b, r->decoded, r->decoded_len);
        put_str(b, r->decoded_name);
    }
    put_uint(b, r->n_items);
    for (i = 0; i < r->n_items; i++) {
        const mt_item *it = &r->items[i];

        put_uint(b, it->field);
        put_uint(b, (guint64)(it->parent + 1));
        put_uint(b, it->meaning_id);
        put_uint(b, (guint64)it->vkind | (guint64)it->fmt << 3 | (guint64)it->src << 5
                        | (guint64)it->secret << 7);
        put_uint(b, it->off);
        put_uint(b, it->len);
        switch (it->vkind) {
        case MT_V_UINT:
        case MT_V_BOOL:
            put_uint(b, it->v.u);
            break;
        case MT_V_TEXT:
            put_uint(b, mt_static_number(it->v.text));
            break;
        case MT_V_CSTR:
            put_uint(b, mt_static_number(it->v.cstr));
            break;
        case MT_V_OWNED:
            put_str(b, it->v.owned);
            break;
        default:
            break;
        }
    }
    put_uint(b, r->n_anoms);
    for (i = 0; i < r->n_anoms; i++) {
        put_uint(b, r->anoms[i].id);
        put_uint(b, r->anoms[i].off);
        put_uint(b, r->anoms[i].len);
    }
}

guint8 *
mt_record_pack(mt_record *const *recs, guint n, guint32 base, gsize *len)
{
    GByteArray *b = g_byte_array_sized_new(128u * MAX(n, 1u));
    guint i;

    put_uint(b, n);
    for (i = 0; i < n; i++)
        put_record(b, recs[i], base);
    *len = b->len;
    return g_byte_array_free(b, FALSE);
}

/* ---- reading ---- */

typedef struct {
    const guint8 *p;
    const guint8 *end;
    gboolean      bad;
} reader;

static guint64
get_uint(reader *rd)
{
    guint64 v = 0;
    guint shift = 0;

    while (!rd->bad) {
        guint8 c;

        if (rd->p >= rd->end || shift > 63) {
            rd->bad = TRUE;
            break;
        }
        c = *rd->p++;
        v |= (guint64)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
        shift += 7;
    }
    return 0;
}

/* A number that must fit in max. */
static guint32
get_upto(reader *rd, guint64 max)
{
    guint64 v = get_uint(rd);

    if (v > max) {
        rd->bad = TRUE;
        return 0;
    }
    return (guint32)v;
}

static guint32
from_near(reader *rd, guint64 z, guint32 base)
{
    guint64 d = (z >> 1) + (z & 1);     /* the distance from base */
    gint64 v;

    if (d > G_MAXUINT32) {
        rd->bad = TRUE;
        return 0;
    }
    v = (z & 1) ? (gint64)base - (gint64)d : (gint64)base + (gint64)d;
    if (v < 0 || v > G_MAXUINT32) {
        rd->bad = TRUE;
        return 0;
    }
    return (guint32)v;
}

static guint32
get_near(reader *rd, guint32 base)
{
    return from_near(rd, get_uint(rd), base);
}

static guint32
get_link(reader *rd, guint32 frame)
{
    guint64 z = get_uint(rd);

    return z ? from_near(rd, z - 1, frame) : 0;
}

static gconstpointer
get_static(reader *rd)
{
    guint64 n = get_uint(rd);
    gconstpointer p = n <= G_MAXUINT32 ? mt_static_at((guint32)n) : NULL;

    if (n != 0 && p == NULL)
        rd->bad = TRUE;
    return p;
}

/* Copied, with a NUL after them; NULL for a NULL (or on error). */
static guint8 *
get_bytes(reader *rd, guint32 *len)
{
    guint64 n = get_uint(rd);
    guint8 *out;

    *len = 0;
    if (n == 0 || rd->bad)
        return NULL;
    n--;
    if (n > (guint64)(rd->end - rd->p) || n > G_MAXUINT32) {
        rd->bad = TRUE;
        return NULL;
    }
    out = (guint8 *)g_malloc(n + 1);
    memcpy(out, rd->p, n);
    out[n] = 0;
    rd->p += n;
    *len = (guint32)n;
    return out;
}

static char *
get_str(reader *rd)
{
    guint32 len;

    return (char *)get_bytes(rd, &len);
}

static mt_record *
get_record(reader *rd, guint32 base)
{
    guint64 head = get_uint(rd);
    mt_record *r = mt_record_new((mt_proto)(head & 3), (mt_dir)((head >> 2) & 1),
                                 (mt_rkind)((head >> 3) & 0xff), 0);
    guint i, has;

    r->flags = (guint8)get_upto(rd, G_MAXUINT8);
    r->frame = get_near(rd, base);
    r->chunk_off = get_upto(rd, G_MAXUINT32);
    r->chunk_len = get_upto(rd, G_MAXUINT32);
    r->line_len = get_upto(rd, G_MAXUINT32);
    r->req_frame = get_link(rd, r->frame);
    r->resp_frame = get_link(rd, r->frame);
    r->expl = (gint16)((gint32)get_upto(rd, (guint64)G_MAXINT16 + 1) - 1);
    r->label = (const mt_text *)get_static(rd);
    r->summary = (const mt_text *)get_static(rd);
    for (i = 0; i < MT_SUMMARY_ARGS && !rd->bad; i++) {
        r->summary_kind[i] = (guint8)get_upto(rd, MT_SA_NUM);
        switch (r->summary_kind[i]) {
        case MT_SA_TEXT:
            r->summary_arg[i].text = (const mt_text *)get_static(rd);
            break;
        case MT_SA_STR:
            r->summary_arg[i].str = get_str(rd);
            if (r->summary_arg[i].str == NULL)
                r->summary_kind[i] = MT_SA_NONE;
            break;
        case MT_SA_NUM:
            r->summary_arg[i].num = get_uint(rd);
            break;
        default:
            break;
        }
    }
    has = get_upto(rd, HAS_REBUILT | HAS_DECODED);
    if (has & HAS_REBUILT)
        r->rebuilt = get_bytes(rd, &r->rebuilt_len);
    else
        r->rebuilt_len = get_upto(rd, G_MAXUINT32);
    if (has & HAS_DECODED) {
        r->decoded = get_bytes(rd, &r->decoded_len);
        r->decoded_name = get_str(rd);
    }
    r->n_items = (guint16)get_upto(rd, G_MAXUINT16);
    if (!rd->bad && r->n_items > (guint64)(rd->end - rd->p) / 6u)
        rd->bad = TRUE;         /* an item takes 6 bytes at least */
    if (rd->bad) {
        r->n_items = 0;
        return r;
    }
    r->cap_items = r->n_items;
    r->items = r->n_items ? g_new0(mt_item, r->n_items) : NULL;
    for (i = 0; i < r->n_items; i++) {
        mt_item *it = &r->items[i];
        guint32 bits;

        it->field = (guint16)get_upto(rd, MT_F_COUNT - 1);
        it->parent = (gint16)((gint32)get_upto(rd, i) - 1);
        it->meaning_id = (guint16)get_upto(rd, G_MAXUINT16);
        bits = get_upto(rd, 0xff);
        it->vkind = bits & 7;
        it->fmt = (bits >> 3) & 3;
        it->src = (bits >> 5) & 3;
        it->secret = (bits >> 7) & 1;
        it->off = get_upto(rd, G_MAXUINT32);
        it->len = get_upto(rd, G_MAXUINT32);
        switch (it->vkind) {
        case MT_V_UINT:
        case MT_V_BOOL:
            it->v.u = get_uint(rd);
            break;
        case MT_V_TEXT:
            it->v.text = (const mt_text *)get_static(rd);
            break;
        case MT_V_CSTR:
            it->v.cstr = (const char *)get_static(rd);
            break;
        case MT_V_OWNED:
            it->v.owned = get_str(rd);
            break;
        default:
            break;
        }
        if (rd->bad) {
            r->n_items = (guint16)(i + 1);
            return r;
        }
    }
    r->n_anoms = (guint8)get_upto(rd, MT_RECORD_MAX_ANOMS);
    if (r->n_anoms && !rd->bad) {
        r->anoms = g_new0(mt_anomaly_ref, r->n_anoms);
        for (i = 0; i < r->n_anoms; i++) {
            r->anoms[i].id = (guint16)get_upto(rd, G_MAXUINT16);
            r->anoms[i].off = get_upto(rd, G_MAXUINT32);
            r->anoms[i].len = get_upto(rd, G_MAXUINT32);
        }
    }
    return r;
}

gboolean
mt_record_unpack(const guint8 *p, gsize len, guint32 base, GPtrArray *out)
{
    reader rd = { p, p + len, FALSE };
    guint first = out->len;
    guint64 n = get_uint(&rd);
    guint64 i;

    /* a record takes 17 bytes at least */
    if (rd.bad || n > len / 17u + 1u)
        return FALSE;
    for (i = 0; i < n && !rd.bad; i++)
        g_ptr_array_add(out, get_record(&rd, base));
    if (!rd.bad && rd.p == rd.end)
        return TRUE;
    for (i = first; i < out->len; i++) {
        mt_record_free((mt_record *)out->pdata[i]);
        out->pdata[i] = NULL;   /* out may have a free function */
    }
    g_ptr_array_set_size(out, first);
    return FALSE;
}
