/* mt_imap_parse.c - IMAP syntax: tokens and lists of one line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The byte helpers and the parser that turns one line (or the rest of a
 * line after a literal) into a bounded tree of atoms, numbers, quoted
 * strings, NIL, lists and the literal announcement that may end it. It
 * builds no record: the command, response and FETCH readers walk its
 * nodes.
 */

#include "mt_imap_int.h"

#include <string.h>

#include "mt_util.h"

/* ------------------------------------------------------------------------
 * Small helpers (inputs are not NUL-terminated)
 * ------------------------------------------------------------------------ */

gsize
skip_sp(const guint8 *t, gsize len, gsize i)
{
    while (i < len && t[i] == ' ')
        i++;
    return i;
}

gsize
token_end(const guint8 *t, gsize len, gsize i)
{
    while (i < len && t[i] != ' ')
        i++;
    return i;
}

/* Digits at t[i..]: their count (0 if none or too many for 64 bits). */
gsize
parse_number(const guint8 *t, gsize len, gsize i, guint64 *v)
{
    gsize start = i;
    guint64 n = 0;

    while (i < len && g_ascii_isdigit(t[i])) {
        if (i - start >= IMAP_MAX_DIGITS)
            return 0;
        n = n * 10 + (guint64)(t[i] - '0');
        i++;
    }
    *v = n;
    return i - start;
}

/* A copy of bytes fit to show: valid UTF-8, control characters as "?". */
char *
display_copy(const guint8 *p, gsize n)
{
    char *raw = g_malloc(n + 1), *out;
    gsize i;

    for (i = 0; i < n; i++)
        raw[i] = (p[i] < 0x20 || p[i] == 0x7f) ? '?' : (char)p[i];
    raw[n] = '\0';
    out = g_utf8_make_valid(raw, (gssize)n);
    g_free(raw);
    return out;
}

/* The content of a quoted string without its quotes and escapes. */
char *
unquote(const guint8 *p, gsize n)
{
    guint8 *buf = g_malloc(n + 1);
    gsize i, k = 0;
    char *out;

    for (i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 1 < n)
            i++;
        buf[k++] = p[i];
    }
    out = display_copy(buf, k);
    g_free(buf);
    return out;
}

gboolean
is_tag_char(guint8 c)
{
    return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*'
           && c != '"' && c != '\\' && c != '+';
}

/* ------------------------------------------------------------------------
 * The line parser: tokens and lists of one line, from position i, inside
 * `outer` lists that earlier lines (before a literal) left open.
 * ------------------------------------------------------------------------ */

static gint
tree_add(mt_imap *s, itree *tr, nkind kind, gsize off, guint depth)
{
    inode *nd;

    if (tr->count >= IMAP_MAX_NODES) {
        tr->capped = TRUE;
        return -1;
    }
    if (tr->count == tr->cap) {
        guint cap = tr->cap ? tr->cap * 2 : IMAP_NODES_FIRST;
        if (cap > IMAP_MAX_NODES)
            cap = IMAP_MAX_NODES;
        s->nodes = g_renew(inode, s->nodes, cap);
        s->nodes_cap = cap;
        tr->n = s->nodes;
        tr->cap = cap;
    }
    nd = &tr->n[tr->count];
    memset(nd, 0, sizeof(*nd));
    nd->kind = (guint8)kind;
    nd->off = (guint32)off;
    nd->depth = (guint8)depth;
    nd->child = -1;
    nd->next = -1;
    nd->outer = (guint8)MIN(tr->closed_outer, 255u);
    return (gint)tr->count++;
}

static void
tree_link(itree *tr, const gint *par, gint *last, guint lvl, gint idx)
{
    if (last[lvl] >= 0)
        tr->n[last[lvl]].next = idx;
    else if (lvl == 0)
        tr->first = idx;
    else
        tr->n[par[lvl]].child = idx;
    last[lvl] = idx;
    if (lvl > 0)
        tr->n[par[lvl]].nchild++;
}

/* End of an atom at t[i..end): stops at space, parentheses and quotes;
 * "[...]" inside it (BODY[HEADER.FIELDS (FROM)]) is part of it. */
static gsize
atom_end(const guint8 *t, gsize end, gsize i)
{
    guint brackets = 0;

    while (i < end) {
        guint8 c = t[i];
        if (brackets > 0) {
            if (c == '[')
                brackets++;
            else if (c == ']')
                brackets--;
            i++;
            continue;
        }
        if (c == ' ' || c == '(' || c == ')' || c == '"')
            break;
        if (c == '[')
            brackets++;
        i++;
    }
    return i;
}

/* A literal announcement "{n}", "{n+}" or "~{n}" at t[i..] that ends the
 * line exactly at end. */
static gboolean
literal_at(const guint8 *t, gsize end, gsize i, guint64 *size, guint8 *flags)
{
    gsize k = i, nd;

    *flags = 0;
    if (k < end && t[k] == '~') {
        *flags |= NF_LITERAL8;
        k++;
    }
    if (k >= end || t[k] != '{')
        return FALSE;
    k++;
    nd = parse_number(t, end, k, size);
    if (nd == 0)
        return FALSE;
    k += nd;
    if (k < end && t[k] == '+') {
        *flags |= NF_NONSYNC;
        k++;
    }
    return k + 1 == end && t[k] == '}';
}

void
tree_parse(mt_imap *s, itree *tr, const guint8 *t, gsize end, gsize i, guint outer)
{
    gint par[IMAP_MAX_DEPTH + 1], last[IMAP_MAX_DEPTH + 1];
    guint lvl = 0, skip = 0, k;

    memset(tr, 0, sizeof(*tr));
    tr->n = s->nodes;
    tr->cap = s->nodes_cap;
    tr->first = -1;
    tr->literal = -1;
    par[0] = -1;
    last[0] = -1;

    while (i < end) {
        guint8 c = t[i];
        gint idx;

        if (c == ' ') {
            i++;
            continue;
        }
        if (c == '(') {
            if (skip > 0 || lvl >= IMAP_MAX_DEPTH || tr->capped) {
                if (lvl >= IMAP_MAX_DEPTH)
                    tr->too_deep = TRUE;
                skip++;
                i++;
                continue;
            }
            idx = tree_add(s, tr, N_LIST, i, lvl);
            if (idx < 0) {
                skip++;
                i++;
                continue;
            }
            tree_link(tr, par, last, lvl, idx);
            lvl++;
            par[lvl] = idx;
            last[lvl] = -1;
            i++;
            continue;
        }
        if (c == ')') {
            if (skip > 0)
                skip--;
            else if (lvl > 0) {
                inode *nd = &tr->n[par[lvl]];
                nd->len = (guint32)(i + 1 - nd->off);
                lvl--;
            } else if (tr->closed_outer < outer)
                tr->closed_outer++;
            else
                tr->bad = TRUE;
            i++;
            continue;
        }
        if (c == '"') {
            gsize k2 = i + 1;
            guint8 fl = 0;
            while (k2 < end && t[k2] != '"') {
                if (t[k2] == '\\' && k2 + 1 < end) {
                    fl |= NF_ESCAPED;
                    k2++;
                }
                k2++;
            }
            if (k2 >= end) {
                fl |= NF_BADQUOTE;
                tr->bad = TRUE;
                k2 = end;
            } else {
                k2++;
            }
            if (skip == 0 && (idx = tree_add(s, tr, N_QUOTED, i, lvl)) >= 0) {
                tr->n[idx].len = (guint32)(k2 - i);
                tr->n[idx].flags = fl;
                tree_link(tr, par, last, lvl, idx);
            }
            i = k2;
            continue;
        }
        if (c == '{' || c == '~') {
            guint64 size = 0;
            guint8 fl = 0;
            if (literal_at(t, end, i, &size, &fl)) {
                tr->has_lit = TRUE;
                tr->lit.kind = N_LITERAL;
                tr->lit.off = (guint32)i;
                tr->lit.len = (guint32)(end - i);
                tr->lit.num = size;
                tr->lit.flags = fl;
                tr->lit.depth = (guint8)MIN(lvl + skip, 255u);
                tr->lit.child = tr->lit.next = -1;
                if (skip == 0 && (idx = tree_add(s, tr, N_LITERAL, i, lvl)) >= 0) {
                    tr->n[idx].len = (guint32)(end - i);
                    tr->n[idx].num = size;
                    tr->n[idx].flags = fl;
                    tree_link(tr, par, last, lvl, idx);
                    tr->literal = idx;
                }
                i = end;
                continue;
            }
        }
        {
            gsize e = atom_end(t, end, i);
            if (e == i)             /* a lone '"' cannot get here; be safe */
                e = i + 1;
            if (skip == 0 && (idx = tree_add(s, tr, N_ATOM, i, lvl)) >= 0) {
                inode *nd = &tr->n[idx];
                guint64 v = 0;
                nd->len = (guint32)(e - i);
                if (parse_number(t, e, i, &v) == e - i) {
                    nd->kind = N_NUMBER;
                    nd->num = v;
                } else if (mt_ci_eq(t + i, e - i, "NIL")) {
                    nd->kind = N_NIL;
                }
                tree_link(tr, par, last, lvl, idx);
            }
            i = e;
        }
    }
    /* lists still open at the end of the line (a literal comes, or the
     * line is broken) */
    for (k = 1; k <= lvl; k++) {
        inode *nd = &tr->n[par[k]];
        nd->flags |= NF_OPEN;
        nd->len = (guint32)(end - nd->off);
    }
    tr->open = lvl + skip;
}

const inode *
node(const itree *tr, gint i)
{
    return (i >= 0 && (guint)i < tr->count) ? &tr->n[i] : NULL;
}

/* ------------------------------------------------------------------------
 * Reading parsed nodes
 * ------------------------------------------------------------------------ */

/* Octets between the quotes of a quoted string. */
guint32
quoted_len(const inode *nd)
{
    if (nd->flags & NF_BADQUOTE)
        return nd->len > 0 ? nd->len - 1 : 0;
    return nd->len >= 2 ? nd->len - 2 : 0;
}

/* A string-valued node, shown as a display copy (for composed texts). */
char *
node_string(const guint8 *t, const inode *nd)
{
    if (nd == NULL)
        return NULL;
    switch ((nkind)nd->kind) {
    case N_QUOTED:
        return unquote(t + nd->off + 1, quoted_len(nd));
    case N_ATOM:
    case N_NUMBER:
        return display_copy(t + nd->off, nd->len);
    default:
        return NULL;
    }
}

const inode *
nth_child(const itree *tr, const inode *list, guint n)
{
    gint c;

    if (list == NULL || list->kind != N_LIST)
        return NULL;
    for (c = list->child; c >= 0; c = tr->n[c].next) {
        if (n-- == 0)
            return &tr->n[c];
    }
    return NULL;
}
