/* mt_imap_values.c - IMAP values that commands and responses share
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Strings, flags, capability names (with their SASL mechanisms) and ID
 * parameters, itemised and explained the same way wherever they stand;
 * within the answer to one command each flag is explained once.
 */

#include "mt_imap_int.h"

#include "mt_anomaly.h"
#include "mt_sasl_catalog.h"

/* Explain this now? Always without a set; else only the first time. */
gboolean
first_time(guint32 *set, gsize index)
{
    guint32 bit;

    if (set == NULL || index >= 32)
        return TRUE;
    bit = 1u << index;
    if (*set & bit)
        return FALSE;
    *set |= bit;
    return TRUE;
}

/* A string value (atom, number, quoted string or NIL) as an item of f.
 * Literals are shown by their raw records, not here. */
gint
string_item(mt_record *r, gint parent, mt_field f, const guint8 *t, const inode *nd)
{
    if (nd == NULL)
        return -1;
    switch ((nkind)nd->kind) {
    case N_QUOTED: {
        guint32 clen = quoted_len(nd);
        if (clen == 0)
            return mt_rec_owned(r, parent, f, nd->off, nd->len, g_strdup(""));
        if (nd->flags & (NF_ESCAPED | NF_BADQUOTE))
            return mt_rec_owned(r, parent, f, nd->off, nd->len, unquote(t + nd->off + 1, clen));
        return mt_rec_bytes(r, parent, f, nd->off + 1, clen, FALSE);
    }
    case N_NIL:
        return mt_rec_cstr(r, parent, f, nd->off, nd->len, "NIL");
    case N_LITERAL:
        return -1;
    default:
        return mt_rec_bytes(r, parent, f, nd->off, nd->len, FALSE);
    }
}

void
argument_item(mt_record *r, const inode *nd)
{
    if (nd->kind != N_LITERAL)
        mt_rec_bytes(r, -1, MT_F_IMAP_ARGUMENT, nd->off, nd->len, FALSE);
}

gint
flag_item(mt_imap *s, mt_record *r, gint parent, const guint8 *t, const inode *nd)
{
    const mt_imap_word_info *fi;
    gint it;

    if (nd == NULL || nd->kind == N_LIST)
        return -1;
    it = mt_rec_bytes(r, parent, MT_F_IMAP_FLAG, nd->off, nd->len, FALSE);
    fi = mt_imap_flag_lookup(t + nd->off, nd->len);
    if (fi) {
        if (first_time(s->said ? &s->said->flags : NULL, (gsize)(fi - mt_imap_flags(NULL))))
            mt_rec_explain(r, it, nd->off, nd->len, &fi->explanation, fi->rfc);
    } else if (nd->len > 0 && t[nd->off] != '\\') {
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_UNKNOWN_FLAG);
    } else {
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_UNKNOWN_SYSTEM_FLAG);
        /* a client may only set the flags the RFCs define */
        if (r->dir == MT_DIR_CLIENT)
            mt_rec_anomaly(r, MT_A_IMAP_FLAG_INVALID, nd->off, nd->len);
    }
    return it;
}

/* Each flag of a list "(\Seen \Draft)", or a single flag. */
void
flag_list(mt_imap *s, mt_record *r, gint parent, const guint8 *t, const itree *tr, const inode *nd)
{
    guint n = 0;
    gint c;

    if (nd == NULL)
        return;
    if (nd->kind != N_LIST) {
        flag_item(s, r, parent, t, nd);
        return;
    }
    for (c = nd->child; c >= 0 && n++ < IMAP_MAX_LIST_ITEMS; c = tr->n[c].next)
        flag_item(s, r, parent, t, &tr->n[c]);
}

/* One capability name at t[i..e): explained, AUTH= mechanisms named. */
guint64
cap_item(mt_imap *s, mt_record *r, gint parent, const guint8 *t, gsize i, gsize e)
{
    const mt_imap_cap_info *ci = mt_imap_cap_lookup(t + i, e - i);
    gint it = mt_rec_bytes(r, parent, MT_F_IMAP_CAPABILITY, (guint32)i, (guint32)(e - i), FALSE);
    gsize idx;

    if (ci == NULL) {
        explain_x(r, it, (guint32)i, (guint32)(e - i), MT_IMAP_X_UNKNOWN_CAP);
        return 0;
    }
    /* capability lists come again and again: explain each name once */
    idx = (gsize)(ci - mt_imap_caps(NULL));
    if (ci->prefix || idx >= 128 || !(s->said_caps[idx / 64] & (G_GUINT64_CONSTANT(1) << (idx % 64)))) {
        if (!ci->prefix && idx < 128)
            s->said_caps[idx / 64] |= G_GUINT64_CONSTANT(1) << (idx % 64);
        mt_rec_explain(r, it, (guint32)i, (guint32)(e - i), &ci->explanation, ci->rfc);
    }
    if (ci->flag == MT_IMAP_CAP_AUTH && e - i > 5) {
        const mt_sasl_mech_info *mi = mt_sasl_mech_lookup(t + i + 5, e - i - 5);
        gint m = mt_rec_bytes(r, it, MT_F_AUTH_MECHANISM, (guint32)(i + 5), (guint32)(e - i - 5), TRUE);
        if (mi)
            mt_rec_explain(r, m, (guint32)(i + 5), (guint32)(e - i - 5), &mi->explanation, mi->rfc);
        else
            explain_x(r, m, (guint32)(i + 5), (guint32)(e - i - 5), MT_IMAP_X_UNKNOWN_MECH);
    }
    return ci->flag;
}

/* Capability names separated by spaces in t[i..end); returns their flags. */
guint64
cap_list(mt_imap *s, mt_record *r, gint parent, const guint8 *t, gsize end, gsize i)
{
    guint64 caps = 0;
    guint n = 0;

    while ((i = skip_sp(t, end, i)) < end && n++ < IMAP_MAX_LIST_ITEMS) {
        gsize e = token_end(t, end, i);
        caps |= cap_item(s, r, parent, t, i, e);
        i = e;
    }
    return caps;
}

/* The ID parameters (RFC 2971 §3.1), in a command or a response: NIL,
 * or a list of field/value pairs. */
void
id_params(mt_record *r, const guint8 *t, const itree *tr, const inode *nd)
{
    gint k;
    guint n = 0;

    if (nd->kind == N_NIL) {
        gint it = mt_rec_bytes(r, -1, MT_F_IMAP_ARGUMENT, nd->off, nd->len, TRUE);
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_ID_NIL);
        return;
    }
    if (nd->kind != N_LIST) {
        argument_item(r, nd);
        return;
    }
    for (k = nd->child; k >= 0 && n++ < IMAP_MAX_LIST_ITEMS; k = tr->n[k].next) {
        gint f = string_item(r, -1, MT_F_IMAP_ID_FIELD, t, &tr->n[k]);
        k = tr->n[k].next;
        if (k < 0)
            break;
        string_item(r, f, MT_F_IMAP_ID_VALUE, t, &tr->n[k]);
    }
}
