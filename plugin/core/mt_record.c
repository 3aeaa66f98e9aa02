/* mt_record.c - what the core tells the adapter about each line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_record.h"

#include <string.h>

mt_record *
mt_record_new(mt_proto proto, mt_dir dir, mt_rkind kind, guint32 frame)
{
    mt_record *r = g_new0(mt_record, 1);

    r->proto = (guint8)proto;
    r->dir = (guint8)dir;
    r->kind = (guint8)kind;
    r->frame = frame;
    r->expl = -1;
    return r;
}

static void
clear_summary_args(mt_record *r)
{
    guint i;

    for (i = 0; i < MT_SUMMARY_ARGS; i++) {
        if (r->summary_kind[i] == MT_SA_STR)
            g_free(r->summary_arg[i].str);
        r->summary_kind[i] = MT_SA_NONE;
        r->summary_arg[i].num = 0;
    }
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
    clear_summary_args(r);
    g_free(r->anoms);
    g_free(r->items);
    g_free(r->rebuilt);
    g_free(r->decoded);
    g_free(r->decoded_name);
    g_free(r);
}

void
mt_record_compact(mt_record *r)
{
    if (r->cap_items > r->n_items) {
        r->items = r->n_items ? g_renew(mt_item, r->items, r->n_items) : (g_free(r->items), NULL);
        r->cap_items = r->n_items;
    }
    r->flags |= MT_RF_COMPACTED;
}

/* What malloc adds to each block, about. */
#define MT_MALLOC_OVERHEAD 16u

static gsize
block(gsize n)
{
    return n ? n + MT_MALLOC_OVERHEAD : 0;
}

gsize
mt_record_size(const mt_record *r)
{
    gsize n = block(sizeof(*r)) + block((gsize)r->cap_items * sizeof(mt_item))
              + block((gsize)r->n_anoms * sizeof(mt_anomaly_ref)) + block(r->rebuilt_len)
              + block(r->decoded_len) + (r->decoded_name ? block(strlen(r->decoded_name) + 1) : 0);
    guint i;

    for (i = 0; i < MT_SUMMARY_ARGS; i++) {
        if (r->summary_kind[i] == MT_SA_STR)
            n += block(strlen(r->summary_arg[i].str) + 1);
    }
    for (i = 0; i < r->n_items; i++) {
        if (r->items[i].vkind == MT_V_OWNED && r->items[i].v.owned)
            n += block(strlen(r->items[i].v.owned) + 1);
    }
    return n;
}

/* The line's explanation and its reference may go beyond
 * MT_RECORD_MAX_ITEMS, so that even a capped record has one. */
#define MT_RECORD_ITEMS_HARD_MAX (MT_RECORD_MAX_ITEMS + 2)

/* Items name their meaning by number (mt_item.meaning_id), not by a
 * pointer, so that an item takes 24 bytes; packed records (mt_record_pack.c)
 * name every text and static string so. Catalog texts and static strings
 * are finitely many, so the table holds at most as many as the program
 * has, for its life; number n is statics->pdata[n - 1]. */
static GPtrArray  *statics;
static GHashTable *static_numbers;      /* pointer -> its number */

guint32
mt_static_number(gconstpointer p)
{
    gpointer n;

    if (p == NULL)
        return 0;
    if (statics == NULL) {
        statics = g_ptr_array_new();
        static_numbers = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    n = g_hash_table_lookup(static_numbers, p);
    if (n != NULL)
        return GPOINTER_TO_UINT(n);
    g_ptr_array_add(statics, (gpointer)p);
    g_hash_table_insert(static_numbers, (gpointer)p, GUINT_TO_POINTER(statics->len));
    return statics->len;
}

gconstpointer
mt_static_at(guint32 n)
{
    if (n == 0 || statics == NULL || n > statics->len)
        return NULL;
    return statics->pdata[n - 1];
}

static guint16
meaning_number(const mt_text *t)
{
    guint32 n = mt_static_number(t);

    /* more texts and strings than the program has: cannot happen */
    return n <= G_MAXUINT16 ? (guint16)n : 0;
}

static mt_item *
add_item_upto(mt_record *r, guint limit, gint parent, mt_field f, guint32 off, guint32 len,
              mt_vkind vk)
{
    mt_item *it;

    if (r->n_items >= limit) {
        r->flags |= MT_RF_ITEMS_CAPPED;
        return NULL;
    }
    if (r->n_items == r->cap_items) {
        /* a record already handed out gets few items later: its room
         * grows by a few, not twice (two passes keep every record) */
        guint cap = r->cap_items == 0                ? 16u
                    : (r->flags & MT_RF_COMPACTED) ? r->cap_items + 4u
                                                   : r->cap_items * 2u;
        if (cap > MT_RECORD_ITEMS_HARD_MAX)
            cap = MT_RECORD_ITEMS_HARD_MAX;
        r->items = g_renew(mt_item, r->items, cap);
        r->cap_items = (guint16)cap;
    }
    it = &r->items[r->n_items++];
    it->field = (guint16)f;
    it->vkind = (guint8)vk;
    it->fmt = MT_FMT_PLAIN;
    /* a parent must be an earlier item; anything else hangs off the line */
    it->parent = (parent >= 0 && parent < (gint)r->n_items - 1) ? (gint16)parent : -1;
    it->src = MT_SRC_LINE;
    it->secret = 0;
    it->off = off;
    it->len = len;
    it->v.u = 0;
    it->meaning_id = 0;
    return it;
}

static mt_item *
add_item(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len, mt_vkind vk)
{
    return add_item_upto(r, MT_RECORD_MAX_ITEMS, parent, f, off, len, vk);
}

static gint
index_of(const mt_record *r, const mt_item *it)
{
    return it ? (gint)(it - r->items) : -1;
}

/* The line's one explanation: the item r->expl, always followed by its
 * reference item (MT_F_NONE, hidden, while there is no reference), so that
 * a later call can replace both in place. */
static gint
set_explanation(mt_record *r, guint32 off, guint32 len, const mt_text *t, const char *rfc)
{
    mt_item *it, *ref;

    if (r->expl < 0) {
        if (r->n_items + 2u > MT_RECORD_ITEMS_HARD_MAX)
            return -1;      /* cannot happen: only these two pass the cap */
        it = add_item_upto(r, MT_RECORD_ITEMS_HARD_MAX, -1, MT_F_EXPLANATION, off, len, MT_V_TEXT);
        r->expl = (gint16)index_of(r, it);
        ref = add_item_upto(r, MT_RECORD_ITEMS_HARD_MAX, -1, MT_F_NONE, off, len, MT_V_CSTR);
    }
    it = &r->items[r->expl];
    ref = &r->items[r->expl + 1];
    it->v.text = t;
    it->off = off;
    it->len = len;
    ref->field = (guint16)(rfc && *rfc ? MT_F_RFC : MT_F_NONE);
    ref->v.cstr = rfc && *rfc ? rfc : "";
    ref->off = off;
    ref->len = len;
    return r->expl;
}

gint
mt_rec_uint_fmt(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                guint64 v, mt_fmt fmt, const mt_text *meaning)
{
    mt_item *it = add_item(r, parent, f, off, len, MT_V_UINT);

    if (it) {
        it->v.u = v;
        it->fmt = (guint8)fmt;
        it->meaning_id = meaning_number(meaning);
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

    if (t == NULL || t->en == NULL)
        return -1;
    if (f == MT_F_EXPLANATION) {
        /* one explanation per line; a part's explanation is its meaning */
        if (parent < 0 || parent >= (gint)r->n_items)
            return set_explanation(r, off, len, t, NULL);
        f = MT_F_MEANING;
    }
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
    if (t == NULL || t->en == NULL)
        return;
    if (parent < 0 || parent >= (gint)r->n_items) {
        set_explanation(r, off, len, t, rfc);
        return;
    }
    /* a meaning is said once a line: the second "OR" of a SEARCH, the
     * third backspace, are understood from the first */
    if (mt_rec_says(r, t))
        return;
    if (mt_rec_text(r, parent, MT_F_MEANING, off, len, t) >= 0 && rfc && *rfc)
        mt_rec_cstr(r, parent, MT_F_RFC, off, len, rfc);
}

gboolean
mt_rec_says(const mt_record *r, const mt_text *t)
{
    guint i;

    for (i = 0; i < r->n_items; i++) {
        if (r->items[i].vkind == MT_V_TEXT && r->items[i].v.text == t)
            return TRUE;
    }
    return FALSE;
}

const mt_item *
mt_rec_explanation(const mt_record *r)
{
    return r->expl >= 0 && r->expl < (gint)r->n_items ? &r->items[r->expl] : NULL;
}

void
mt_rec_set_meaning(mt_record *r, gint it, const mt_text *meaning)
{
    if (it >= 0 && it < (gint)r->n_items)
        r->items[it].meaning_id = meaning_number(meaning);
}

const mt_text *
mt_item_meaning(const mt_item *it)
{
    return (const mt_text *)mt_static_at(it->meaning_id);
}

gint
mt_rec_note(mt_record *r, guint32 off, guint32 len, const mt_text *t, const char *rfc)
{
    gint it = mt_rec_text(r, -1, MT_F_NOTE, off, len, t);

    if (it >= 0 && rfc && *rfc)
        mt_rec_cstr(r, it, MT_F_RFC, off, len, rfc);
    return it;
}

/* ---- summary ---- */

void
mt_rec_summary(mt_record *r, const mt_text *t)
{
    clear_summary_args(r);
    r->summary = t;
}

/* Argument {n}, emptied to hold a value of kind k; NULL if n is no argument. */
static mt_summary_arg *
summary_arg(mt_record *r, guint n, mt_sa_kind k)
{
    if (n < 1 || n > MT_SUMMARY_ARGS)
        return NULL;
    if (r->summary_kind[n - 1] == MT_SA_STR)
        g_free(r->summary_arg[n - 1].str);
    r->summary_arg[n - 1].num = 0;
    r->summary_kind[n - 1] = (guint8)k;
    return &r->summary_arg[n - 1];
}

void
mt_rec_summary_text(mt_record *r, guint n, const mt_text *t)
{
    mt_summary_arg *a = summary_arg(r, n, t ? MT_SA_TEXT : MT_SA_NONE);

    if (a)
        a->text = t;
}

/* The bytes as a summary argument of at most max bytes ("..." past it);
 * tail: what follows bytes the caller cut short of max already (NULL:
 * nothing). */
static void
summary_bytes(mt_record *r, guint n, const guint8 *p, gsize len, gsize max, const char *tail)
{
    mt_summary_arg *a;
    GString *s;
    char *valid;
    gsize i, cut;

    if ((a = summary_arg(r, n, MT_SA_NONE)) == NULL || p == NULL)
        return;
    r->summary_kind[n - 1] = MT_SA_STR;
    if (len <= max && tail == NULL) {
        /* the usual case, printable ASCII that fits: copied as it is */
        for (i = 0; i < len && p[i] >= 0x20 && p[i] < 0x7f; i++)
            ;
        if (i == len) {
            a->str = g_strndup((const char *)p, len);
            return;
        }
    }
    s = g_string_sized_new(MIN(len, max) + 4);
    for (i = 0; i < len && s->len <= max + 4; i++)
        g_string_append_c(s, (p[i] < 0x20 || p[i] == 0x7f) ? '.' : (gchar)p[i]);
    valid = g_utf8_make_valid(s->str, (gssize)s->len);
    g_string_free(s, TRUE);
    if (strlen(valid) > max || i < len) {
        /* cut at a character boundary and say so */
        cut = MIN(strlen(valid), max - 3);
        while (cut > 0 && ((guchar)valid[cut] & 0xC0) == 0x80)
            cut--;
        valid[cut] = '\0';
        a->str = g_strconcat(valid, "...", NULL);
        g_free(valid);
        return;
    }
    if (tail) {
        a->str = g_strconcat(valid, tail, NULL);
        g_free(valid);
        return;
    }
    a->str = valid;
}

void
mt_rec_summary_bytes(mt_record *r, guint n, const guint8 *p, gsize len)
{
    summary_bytes(r, n, p, len, MT_SUMMARY_ARG_MAX, NULL);
}

void
mt_rec_summary_words(mt_record *r, guint n, const guint8 *p, gsize len)
{
    gsize cut;

    if (p == NULL || len <= MT_SUMMARY_LIST_MAX) {
        summary_bytes(r, n, p, len, MT_SUMMARY_LIST_MAX, NULL);
        return;
    }
    /* the last whole word that leaves room for " ..." */
    cut = MT_SUMMARY_LIST_MAX - 4;
    while (cut > 0 && p[cut] != ' ' && p[cut] != '\t')
        cut--;
    while (cut > 0 && (p[cut - 1] == ' ' || p[cut - 1] == '\t'))
        cut--;
    if (cut == 0)
        summary_bytes(r, n, p, len, MT_SUMMARY_LIST_MAX, NULL);
    else
        summary_bytes(r, n, p, cut, MT_SUMMARY_LIST_MAX, " ...");
}

void
mt_rec_summary_str(mt_record *r, guint n, const char *s)
{
    if (s)
        mt_rec_summary_bytes(r, n, (const guint8 *)s, strlen(s));
}

void
mt_rec_summary_uint(mt_record *r, guint n, guint64 v)
{
    mt_summary_arg *a = summary_arg(r, n, MT_SA_NUM);

    if (a)
        a->num = v;
}

/* English counts: "1 line", not "1 lines". The templates are written for
 * any count ("message text, {1} lines"); after a 1, the plural of a noun
 * that counts is made singular. Other languages have no plural here. */
static gsize
english_singular(const char *t)
{
    static const char *const nouns[] = { " lines", " octets", " parts", " messages" };
    gsize k;

    for (k = 0; k < G_N_ELEMENTS(nouns); k++) {
        gsize n = strlen(nouns[k]);

        if (strncmp(t, nouns[k], n) == 0 && !g_ascii_isalnum(t[n]))
            return n;
    }
    return 0;
}

char *
mt_rec_summary_format(const mt_record *r, mt_lang lang)
{
    const char *t = mt_text_get(r->summary, lang);
    GString *s;

    if (t == NULL)
        return NULL;
    s = g_string_sized_new(strlen(t) + 16);
    while (*t) {
        if (t[0] == '{' && t[1] >= '1' && t[1] < '1' + MT_SUMMARY_ARGS && t[2] == '}') {
            const mt_summary_arg *a = &r->summary_arg[t[1] - '1'];
            mt_sa_kind k = (mt_sa_kind)r->summary_kind[t[1] - '1'];
            const char *v = k == MT_SA_STR ? a->str : k == MT_SA_TEXT ? mt_text_get(a->text, lang) : NULL;

            if (k == MT_SA_NUM)
                g_string_append_printf(s, "%" G_GUINT64_FORMAT, a->num);
            else
                g_string_append(s, v ? v : "?");
            t += 3;
            if (k == MT_SA_NUM && a->num == 1 && lang == MT_LANG_EN) {
                gsize n = english_singular(t);

                if (n > 0) {
                    g_string_append_len(s, t, (gssize)(n - 1));
                    t += n;
                }
            }
        } else {
            g_string_append_c(s, *t++);
        }
    }
    return g_string_free(s, FALSE);
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
    r->anoms = g_renew(mt_anomaly_ref, r->anoms, r->n_anoms + 1u);
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

const mt_item *
mt_rec_find_top(const mt_record *r, mt_field f)
{
    guint i;

    for (i = 0; i < r->n_items; i++) {
        if (r->items[i].field == f && r->items[i].parent < 0)
            return &r->items[i];
    }
    return NULL;
}

/* ---- decoded bytes and secrets ---- */

void
mt_rec_set_decoded(mt_record *r, const guint8 *p, gsize len)
{
    g_free(r->decoded);
    r->decoded = NULL;
    r->decoded_len = 0;
    if (p == NULL && len > 0)
        return;
    len = MIN(len, (gsize)G_MAXUINT32);
    r->decoded = len ? g_memdup2(p, len) : g_malloc(1);
    r->decoded_len = (guint32)len;
}

void
mt_rec_set_src(mt_record *r, gint it, mt_src src)
{
    if (it >= 0 && it < (gint)r->n_items)
        r->items[it].src = (guint8)src;
}

void
mt_rec_set_secret(mt_record *r, gint it)
{
    if (it >= 0 && it < (gint)r->n_items)
        r->items[it].secret = 1;
}

gboolean
mt_rec_secret_overlaps(const mt_record *r, mt_src src, guint32 off, guint32 len)
{
    guint i;

    for (i = 0; i < r->n_items; i++) {
        const mt_item *it = &r->items[i];

        if (!it->secret || it->src != src || it->len == 0)
            continue;
        if (len == 0 || (off < it->off + it->len && it->off < off + len))
            return TRUE;
    }
    return FALSE;
}
