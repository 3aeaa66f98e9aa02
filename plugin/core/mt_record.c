/* mt_record.c - what the core tells the adapter about each line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_record.h"

mt_record *
mt_record_new(mt_proto proto, mt_dir dir, mt_rkind kind, guint32 frame)
{
    mt_record *r = g_new0(mt_record, 1);

    r->proto = (guint8)proto;
    r->dir = (guint8)dir;
    r->kind = (guint8)kind;
    r->frame = frame;
    return r;
}

void
mt_record_free(mt_record *r)
{
    guint i;

    if (r == NULL)
        return;
    for (i = 0; i < r->n_items; i++) {
        if (r->items[i].vkind == MT_V_OWNED)
            g_free(r->items[i].v.owned);
    }
    g_free(r->items);
    g_free(r->rebuilt);
    g_free(r);
}

static mt_item *
add_item(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len, mt_vkind vk)
{
    mt_item *it;

    if (r->n_items >= MT_RECORD_MAX_ITEMS) {
        r->flags |= MT_RF_ITEMS_CAPPED;
        return NULL;
    }
    if (r->n_items == r->cap_items) {
        guint cap = r->cap_items ? r->cap_items * 2u : 8u;
        if (cap > MT_RECORD_MAX_ITEMS)
            cap = MT_RECORD_MAX_ITEMS;
        r->items = g_renew(mt_item, r->items, cap);
        r->cap_items = (guint16)cap;
    }
    it = &r->items[r->n_items++];
    it->field = (guint16)f;
    it->vkind = (guint8)vk;
    it->fmt = MT_FMT_PLAIN;
    /* a parent must be an earlier item; anything else hangs off the line */
    it->parent = (parent >= 0 && parent < (gint)r->n_items - 1) ? (gint16)parent : -1;
    it->off = off;
    it->len = len;
    it->v.u = 0;
    it->meaning = NULL;
    return it;
}

static gint
index_of(const mt_record *r, const mt_item *it)
{
    return it ? (gint)(it - r->items) : -1;
}

gint
mt_rec_uint_fmt(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                guint64 v, mt_fmt fmt, const mt_text *meaning)
{
    mt_item *it = add_item(r, parent, f, off, len, MT_V_UINT);

    if (it) {
        it->v.u = v;
        it->fmt = (guint8)fmt;
        it->meaning = meaning;
    }
    return index_of(r, it);
}

gint
mt_rec_uint(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
            guint64 v, const mt_text *meaning)
{
    return mt_rec_uint_fmt(r, parent, f, off, len, v, MT_FMT_PLAIN, meaning);
}

gint
mt_rec_bool(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len, gboolean v)
{
    mt_item *it = add_item(r, parent, f, off, len, MT_V_BOOL);

    if (it)
        it->v.u = v ? 1 : 0;
    return index_of(r, it);
}

gint
mt_rec_text(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
            const mt_text *t)
{
    mt_item *it;

    if (t == NULL || t->s[MT_LANG_EN] == NULL)
        return -1;
    it = add_item(r, parent, f, off, len, MT_V_TEXT);
    if (it)
        it->v.text = t;
    return index_of(r, it);
}

gint
mt_rec_cstr(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len, const char *s)
{
    mt_item *it;

    if (s == NULL)
        return -1;
    it = add_item(r, parent, f, off, len, MT_V_CSTR);
    if (it)
        it->v.cstr = s;
    return index_of(r, it);
}

gint
mt_rec_bytes(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len, gboolean upper)
{
    return index_of(r, add_item(r, parent, f, off, len, upper ? MT_V_BYTES_UP : MT_V_BYTES));
}

gint
mt_rec_owned(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len, char *s)
{
    mt_item *it = add_item(r, parent, f, off, len, MT_V_OWNED);

    if (it == NULL) {
        g_free(s);
        return -1;
    }
    it->v.owned = s;
    return index_of(r, it);
}

void
mt_rec_explain(mt_record *r, gint parent, guint32 off, guint32 len,
               const mt_text *t, const char *rfc)
{
    if (mt_rec_text(r, parent, MT_F_EXPLANATION, off, len, t) >= 0 && rfc && *rfc)
        mt_rec_cstr(r, parent, MT_F_RFC, off, len, rfc);
}

void
mt_rec_anomaly(mt_record *r, guint16 id, guint32 off, guint32 len)
{
    if (mt_rec_has_anomaly(r, id))
        return;
    if (r->n_anoms >= MT_RECORD_MAX_ANOMS) {
        r->flags |= MT_RF_ANOMS_CAPPED;
        return;
    }
    r->anoms[r->n_anoms].id = id;
    r->anoms[r->n_anoms].off = off;
    r->anoms[r->n_anoms].len = len;
    r->n_anoms++;
}

gboolean
mt_rec_has_anomaly(const mt_record *r, guint16 id)
{
    guint i;

    for (i = 0; i < r->n_anoms; i++) {
        if (r->anoms[i].id == id)
            return TRUE;
    }
    return FALSE;
}

const mt_item *
mt_rec_find(const mt_record *r, mt_field f)
{
    guint i;

    for (i = 0; i < r->n_items; i++) {
        if (r->items[i].field == f)
            return &r->items[i];
    }
    return NULL;
}
