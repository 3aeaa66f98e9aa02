/* mt_imap_fetch.c - IMAP FETCH data items, ENVELOPE and BODYSTRUCTURE
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The names of FETCH data items with their sections and partial ranges,
 * as a FETCH command asks for them and as a FETCH response returns them,
 * and the values a response gives: flags, UID, sizes, dates, the
 * ENVELOPE (RFC 9051 §7.5.2) and the BODYSTRUCTURE, part by part.
 */

#include "mt_imap_int.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_util.h"

/* ------------------------------------------------------------------------
 * FETCH data item names
 * ------------------------------------------------------------------------ */

/* "BODY.PEEK[HEADER.FIELDS (FROM)]<0.100>": the name, its section and its
 * partial range, each itemised under parent. Returns the item id. */
static mt_imap_fetch_item
fetch_name(mt_imap *s, mt_record *r, const guint8 *t, const inode *nd, gint *item_it)
{
    gsize i = nd->off, end = nd->off + nd->len, k = i, sec = 0, sec_end = 0;
    const mt_imap_fetch_info *fi;
    mt_imap_fetch_item id = MT_IMAP_FI_UNKNOWN;
    gboolean has_section = FALSE;
    gint it;

    while (k < end && t[k] != '[' && t[k] != '<')
        k++;
    if (k < end && t[k] == '[') {
        guint depth = 1;
        has_section = TRUE;
        sec = k + 1;
        sec_end = sec;
        while (sec_end < end && depth > 0) {
            if (t[sec_end] == '[')
                depth++;
            else if (t[sec_end] == ']' && --depth == 0)
                break;
            sec_end++;
        }
    }
    fi = mt_imap_fetch_lookup(t + i, k - i);
    if (fi) {
        id = fi->id;
        if (id == MT_IMAP_FI_BODY && has_section)
            id = MT_IMAP_FI_BODY_SECTION;
        fi = mt_imap_fetch_get(id);
    }
    it = mt_rec_bytes(r, -1, MT_F_IMAP_FETCH_ITEM, (guint32)i, (guint32)(end - i), TRUE);
    *item_it = it;
    if (fi) {
        if (first_time(s->said ? &s->said->items : NULL, (gsize)fi->id))
            mt_rec_explain(r, it, (guint32)i, (guint32)(end - i), &fi->explanation, fi->rfc);
    } else {
        explain_x(r, it, (guint32)i, (guint32)(end - i), MT_IMAP_X_UNKNOWN_ITEM);
    }

    if (has_section) {
        gsize sl = sec_end - sec;
        mt_imap_expl x = MT_IMAP_X_SECTION_PART;
        gsize p = sec;
        gint si;

        /* a part number, perhaps followed by a text part: "2", "2.MIME" */
        while (p < sec_end && (g_ascii_isdigit(t[p]) || t[p] == '.'))
            p++;
        if (p > sec && p < sec_end && t[p - 1] != '.')
            p = sec;    /* not a part number after all */
        if (sl == 0)
            x = MT_IMAP_X_SECTION_ALL;
        else if (p == sec_end)
            x = MT_IMAP_X_SECTION_PART;
        else if (mt_ci_prefix(t + p, sec_end - p, 0, "HEADER.FIELDS.NOT"))
            x = MT_IMAP_X_SECTION_FIELDS_NOT;
        else if (mt_ci_prefix(t + p, sec_end - p, 0, "HEADER.FIELDS"))
            x = MT_IMAP_X_SECTION_FIELDS;
        else if (mt_ci_eq(t + p, sec_end - p, "HEADER"))
            x = MT_IMAP_X_SECTION_HEADER;
        else if (mt_ci_eq(t + p, sec_end - p, "TEXT"))
            x = MT_IMAP_X_SECTION_TEXT;
        else if (mt_ci_eq(t + p, sec_end - p, "MIME"))
            x = MT_IMAP_X_SECTION_MIME;
        if (sl == 0) {
            explain_x(r, it, (guint32)(sec - 1), 2, x);
        } else {
            si = mt_rec_bytes(r, it, MT_F_IMAP_FETCH_SECTION, (guint32)sec, (guint32)sl, FALSE);
            explain_x(r, si, (guint32)sec, (guint32)sl, x);
        }
        k = sec_end < end ? sec_end + 1 : end;
    }
    if (k < end && t[k] == '<') {
        gsize pe = k;
        gint pi;
        while (pe < end && t[pe] != '>')
            pe++;
        if (pe < end)
            pe++;
        pi = mt_rec_bytes(r, it, MT_F_IMAP_FETCH_PARTIAL, (guint32)k, (guint32)(pe - k), FALSE);
        explain_x(r, pi, (guint32)k, (guint32)(pe - k), MT_IMAP_X_PARTIAL);
    }
    return id;
}

void
fetch_request_items(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr, const inode *nd)
{
    gint it;
    guint n = 0;

    if (nd->kind == N_LIST) {
        gint c;
        for (c = nd->child; c >= 0 && n++ < IMAP_MAX_LIST_ITEMS; c = tr->n[c].next)
            if (tr->n[c].kind == N_ATOM)
                fetch_name(s, r, t, &tr->n[c], &it);
        return;
    }
    if (nd->kind == N_ATOM)
        fetch_name(s, r, t, nd, &it);
}

/* ------------------------------------------------------------------------
 * ENVELOPE and BODYSTRUCTURE
 * ------------------------------------------------------------------------ */

/* ENVELOPE (date subject from sender reply-to to cc bcc in-reply-to
 * message-id), RFC 9051 §7.5.2. */
static void
envelope_items(mt_record *r, gint parent, const guint8 *t, const itree *tr, const inode *env)
{
    static const mt_field fields[10] = {
        MT_F_IMAP_ENVELOPE_DATE, MT_F_IMAP_ENVELOPE_SUBJECT, MT_F_IMAP_ENVELOPE_FROM,
        MT_F_IMAP_ENVELOPE_SENDER, MT_F_IMAP_ENVELOPE_REPLY_TO, MT_F_IMAP_ENVELOPE_TO,
        MT_F_IMAP_ENVELOPE_CC, MT_F_IMAP_ENVELOPE_BCC, MT_F_IMAP_ENVELOPE_IN_REPLY_TO,
        MT_F_IMAP_ENVELOPE_MESSAGE_ID
    };
    guint i;

    if (env == NULL || env->kind != N_LIST)
        return;
    for (i = 0; i < 10; i++) {
        const inode *v = nth_child(tr, env, i);
        guint na = 0;
        gint a;

        if (v == NULL)
            break;
        if (v->kind == N_NIL || v->kind == N_LITERAL)
            continue;
        if (v->kind != N_LIST) {
            string_item(r, parent, fields[i], t, v);
            continue;
        }
        /* a list of addresses: (name adl mailbox host) */
        for (a = v->child; a >= 0 && na++ < IMAP_MAX_ADDRESSES; a = tr->n[a].next) {
            const inode *ad = &tr->n[a];
            char *name, *mbox, *host, *shown;
            if (ad->kind != N_LIST)
                continue;
            name = node_string(t, nth_child(tr, ad, 0));
            mbox = node_string(t, nth_child(tr, ad, 2));
            host = node_string(t, nth_child(tr, ad, 3));
            if (host == NULL && mbox == NULL)
                shown = g_strdup("(end of group)");
            else if (host == NULL)
                shown = g_strdup_printf("group %s", mbox);
            else if (name && *name)
                shown = g_strdup_printf("%s <%s@%s>", name, mbox ? mbox : "", host);
            else
                shown = g_strdup_printf("%s@%s", mbox ? mbox : "", host);
            mt_rec_owned(r, parent, fields[i], ad->off, ad->len, shown);
            g_free(name);
            g_free(mbox);
            g_free(host);
        }
    }
}

/* BODYSTRUCTURE or BODY: each part with its number, type, encoding and
 * size. depth bounds the recursion (the tree is at most IMAP_MAX_DEPTH
 * deep anyway). */
static void
body_items(mt_record *r, gint parent, const guint8 *t, const itree *tr, const inode *b,
           const char *prefix, guint *parts, guint depth)
{
    const inode *first;

    if (b == NULL || b->kind != N_LIST || depth > IMAP_MAX_DEPTH || *parts >= IMAP_MAX_BODY_PARTS)
        return;
    first = nth_child(tr, b, 0);
    if (first == NULL)
        return;
    if (first->kind == N_LIST) {
        /* multipart: the parts, then the subtype */
        gint c;
        guint n = 0;
        const inode *sub = NULL;
        char *subtype, *type;
        gint it;

        for (c = b->child; c >= 0; c = tr->n[c].next) {
            if (tr->n[c].kind != N_LIST) {
                sub = &tr->n[c];
                break;
            }
        }
        subtype = node_string(t, sub);
        type = g_strdup_printf("multipart/%s", subtype ? subtype : "?");
        g_free(subtype);
        it = mt_rec_owned(r, parent, MT_F_IMAP_BODY_TYPE, b->off, b->len, g_ascii_strdown(type, -1));
        g_free(type);
        for (c = b->child; c >= 0 && tr->n[c].kind == N_LIST && *parts < IMAP_MAX_BODY_PARTS;
             c = tr->n[c].next) {
            char *num = *prefix ? g_strdup_printf("%s.%u", prefix, ++n) : g_strdup_printf("%u", ++n);
            const inode *p = &tr->n[c];
            const inode *pf = nth_child(tr, p, 0);
            if (pf && pf->kind == N_LIST) {
                gint pi = mt_rec_owned(r, it, MT_F_IMAP_BODY_PART, p->off, p->len, g_strdup(num));
                (*parts)++;
                body_items(r, pi, t, tr, p, num, parts, depth + 1);
            } else {
                body_items(r, it, t, tr, p, num, parts, depth + 1);
            }
            g_free(num);
        }
        return;
    }
    {
        /* one part: type subtype (params) id description encoding size ... */
        char *type = node_string(t, first), *subtype = node_string(t, nth_child(tr, b, 1));
        char *mime = g_strdup_printf("%s/%s", type ? type : "?", subtype ? subtype : "?");
        const inode *enc = nth_child(tr, b, 5), *size = nth_child(tr, b, 6);
        gint pi, ti;

        if (*prefix) {
            pi = mt_rec_owned(r, parent, MT_F_IMAP_BODY_PART, b->off, b->len, g_strdup(prefix));
            /* what a part number is, said at the first part */
            if (pi >= 0 && mt_rec_find(r, MT_F_IMAP_BODY_PART) == &r->items[pi])
                explain_x(r, pi, b->off, b->len, MT_IMAP_X_BODY_PART);
        } else {
            pi = parent;
        }
        (*parts)++;
        ti = mt_rec_owned(r, pi, MT_F_IMAP_BODY_TYPE, b->off, b->len, g_ascii_strdown(mime, -1));
        if (enc && enc->kind != N_NIL && enc->kind != N_LIST)
            string_item(r, ti, MT_F_IMAP_BODY_ENCODING, t, enc);
        if (size && size->kind == N_NUMBER)
            mt_rec_uint_fmt(r, ti, MT_F_IMAP_BODY_SIZE, size->off, size->len, size->num,
                            MT_FMT_OCTETS, NULL);
        /* message/rfc822 carries the inner message's structure */
        if (type && subtype && g_ascii_strcasecmp(type, "message") == 0
            && (g_ascii_strcasecmp(subtype, "rfc822") == 0 || g_ascii_strcasecmp(subtype, "global") == 0)) {
            const inode *inner = nth_child(tr, b, 8);
            char *num = *prefix ? g_strdup(prefix) : g_strdup("1");
            body_items(r, ti, t, tr, inner, num, parts, depth + 1);
            g_free(num);
        }
        g_free(type);
        g_free(subtype);
        g_free(mime);
    }
}

/* ------------------------------------------------------------------------
 * FETCH responses
 * ------------------------------------------------------------------------ */

static void
fetch_value(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr, const inode *v,
            mt_imap_fetch_item item, gint parent)
{
    guint parts = 0;

    switch (item) {
    case MT_IMAP_FI_FLAGS:
        flag_list(s, r, parent, t, tr, v);
        break;
    case MT_IMAP_FI_UID:
        if (v->kind == N_NUMBER)
            mt_rec_uint(r, parent, MT_F_IMAP_UID, v->off, v->len, v->num, NULL);
        break;
    case MT_IMAP_FI_RFC822_SIZE:
    case MT_IMAP_FI_BINARY_SIZE:
        if (v->kind == N_NUMBER)
            mt_rec_uint_fmt(r, parent, MT_F_IMAP_SIZE, v->off, v->len, v->num, MT_FMT_OCTETS, NULL);
        break;
    case MT_IMAP_FI_INTERNALDATE:
    case MT_IMAP_FI_SAVEDATE:
        string_item(r, parent, MT_F_IMAP_DATE, t, v);
        break;
    case MT_IMAP_FI_ENVELOPE:
        envelope_items(r, parent, t, tr, v);
        break;
    case MT_IMAP_FI_BODYSTRUCTURE:
    case MT_IMAP_FI_BODY:
        body_items(r, parent, t, tr, v, "", &parts, 0);
        break;
    case MT_IMAP_FI_MODSEQ: {
        const inode *n = nth_child(tr, v, 0);
        if (n && n->kind == N_NUMBER)
            mt_rec_uint(r, parent, MT_F_IMAP_MODSEQ, n->off, n->len, n->num, NULL);
        break;
    }
    default:
        if (v->kind == N_LITERAL)
            literal_item(r, parent, v, FALSE);
        else if (v->kind != N_NIL && v->kind != N_LIST)
            string_item(r, parent, MT_F_IMAP_ARGUMENT, t, v);
        break;
    }
}

static lit_role
fetch_literal_role(mt_imap_fetch_item item)
{
    switch (item) {
    case MT_IMAP_FI_BODY_SECTION:
    case MT_IMAP_FI_BODY_PEEK:
    case MT_IMAP_FI_BINARY:
    case MT_IMAP_FI_BINARY_PEEK:
    case MT_IMAP_FI_RFC822:
    case MT_IMAP_FI_RFC822_HEADER:
    case MT_IMAP_FI_RFC822_TEXT:
        return LIT_MESSAGE;
    default:
        return LIT_STRING;
    }
}

/* Does the item name a whole message, which the literal that follows
 * holds from its first octet: RFC822, BODY[], BINARY[] (WHOLE_MESSAGE), or
 * its header alone: RFC822.HEADER, BODY.PEEK[HEADER] (WHOLE_HEADER)? Not
 * with a <partial> range. */
static guint
names_whole_message(mt_imap_fetch_item item, const guint8 *t, gsize len)
{
    const guint8 *open, *close;

    if (memchr(t, '<', len))
        return 0;
    switch (item) {
    case MT_IMAP_FI_RFC822:
        return WHOLE_MESSAGE;
    case MT_IMAP_FI_RFC822_HEADER:
        return WHOLE_HEADER;
    case MT_IMAP_FI_BODY_SECTION:
    case MT_IMAP_FI_BODY_PEEK:
    case MT_IMAP_FI_BINARY:
    case MT_IMAP_FI_BINARY_PEEK:
        open = memchr(t, '[', len);
        close = open ? memchr(open, ']', len - (gsize)(open - t)) : NULL;
        if (open == NULL || close == NULL)
            return 0;
        if (close == open + 1)
            return WHOLE_MESSAGE;
        return mt_ci_prefix(open + 1, (gsize)(close - open - 1), 0, "HEADER") ? WHOLE_HEADER : 0;
    default:
        return 0;
    }
}

/* One node at the level of a FETCH response's data items: a name, or the
 * value of the name before it. A literal value sets c->role. */
void
fetch_level_node(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr, const inode *nd,
                 resp_ctx *c, gint *item_it)
{
    if (!c->want_value) {
        if (nd->kind == N_ATOM) {
            c->item = fetch_name(s, r, t, nd, item_it);
            c->whole = names_whole_message(c->item, t + nd->off, nd->len);
        } else {
            argument_item(r, nd);
            mt_rec_anomaly(r, MT_A_IMAP_SYNTAX, nd->off, nd->len);
            return;
        }
        c->want_value = TRUE;
        return;
    }
    c->want_value = FALSE;
    if (nd->kind == N_LITERAL && *item_it < 0)
        literal_item(r, -1, nd, FALSE);
    else
        fetch_value(s, r, t, tr, nd, c->item, *item_it);
    if (nd->kind == N_LITERAL)
        c->role = fetch_literal_role(c->item);
}
