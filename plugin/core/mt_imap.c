/* mt_imap.c - the IMAP session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An IMAP command or response is one line, or several lines joined by
 * literals: "{n}" (or "{n+}", "~{n}") at the end of a line announces n raw
 * octets, after which the same command or response goes on with the next
 * line. Each line becomes one record; the literal's octets become raw
 * records, one per piece fed, and are never read as lines. The parser
 * state that a literal interrupts (the argument being read, lists still
 * open, the FETCH data item whose value the literal is) is kept per
 * direction until the line goes on.
 *
 * Commands carry tags. Commands in progress wait in a queue (bounded)
 * until the tagged response with their tag completes them; the two are
 * linked both ways. Untagged responses are linked to the command in
 * progress they belong to (FLAGS and EXISTS to SELECT, FETCH to FETCH and
 * STORE, anything to IDLE), else they are unsolicited, which IMAP allows.
 * Completions move the session through the states of RFC 9051 §3: not
 * authenticated, authenticated, selected, logout.
 *
 * Everything read from the capture is untrusted: every loop is bounded,
 * lists are decoded to a fixed depth, and no offset passes the line.
 */
#include "mt_imap.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_imap_catalog.h"
#include "mt_imap_texts.h"
#include "mt_linecheck.h"
#include "mt_lines.h"
#include "mt_util.h"
#include "mt_sasl_catalog.h"

/* Servers should accept command lines of at least this many octets,
 * CRLF included (RFC 7162 §4); longer ones are flagged. */
#define IMAP_MAX_COMMAND_LINE   8192
/* Commands in progress that mailteach follows; the oldest is dropped. */
#define IMAP_MAX_PENDING        64
/* Octets of a tag kept to match responses; longer tags are cut. */
#define IMAP_MAX_TAG            64
/* Line records of one command linked to its tagged response. */
#define IMAP_MAX_CMD_RECS       16
/* Tokens parsed per line, and the nesting of lists decoded. */
#define IMAP_MAX_NODES          4096
#define IMAP_MAX_DEPTH          16
/* Items itemised per list: flags, capabilities, search results ... */
#define IMAP_MAX_LIST_ITEMS     128
/* Octets of a literal kept to show a user name or a mailbox name. */
#define IMAP_LITERAL_KEEP       256
/* Parts of a BODYSTRUCTURE and addresses of an ENVELOPE field itemised. */
#define IMAP_MAX_BODY_PARTS     64
#define IMAP_MAX_ADDRESSES      32
/* Decimal digits of a number mailteach accepts (fits in 64 bits). */
#define IMAP_MAX_DIGITS         19
/* Untagged lines that may come before a STARTTLS acceptance. */
#define IMAP_MAX_LINES_SCANNED  16

/* ---- parsed lines: tokens and parenthesised lists ---- */

typedef enum {
    N_ATOM = 0,         /* atom, flag, sequence set, data item name */
    N_NUMBER,
    N_QUOTED,
    N_LITERAL,          /* {n} ending the line: n octets follow */
    N_NIL,
    N_LIST
} nkind;

#define NF_OPEN      0x01   /* list not closed on this line */
#define NF_NONSYNC   0x02   /* {n+} */
#define NF_LITERAL8  0x04   /* ~{n} */
#define NF_ESCAPED   0x08   /* quoted string holds a backslash escape */
#define NF_BADQUOTE  0x10   /* quoted string not closed */

typedef struct {
    guint8  kind;       /* nkind */
    guint8  depth;      /* list level in this line, 0 = top */
    guint8  flags;      /* NF_* */
    guint8  outer;      /* top level: lists of earlier lines closed before it */
    guint32 off, len;   /* the whole token; a list from "(" to ")" */
    gint32  child;      /* first child of a list, -1 */
    gint32  next;       /* next sibling, -1 */
    guint32 nchild;
    guint64 num;        /* number value, literal size */
} inode;

typedef struct {
    inode   *n;
    guint    count;
    guint    cap;
    gint     first;         /* first top-level node */
    gint     literal;       /* the literal ending the line, -1 */
    guint    open;          /* lists opened on this line and not closed */
    guint    closed_outer;  /* ")" closing lists of earlier lines */
    gboolean has_lit;       /* the line ends with a literal announcement */
    inode    lit;           /* that literal (also when too deep to be a node) */
    gboolean capped;        /* IMAP_MAX_NODES reached */
    gboolean too_deep;      /* IMAP_MAX_DEPTH reached */
    gboolean bad;           /* syntax error */
} itree;

/* ---- commands in progress ---- */

/* What the answer to one command has explained already, so that a FETCH
 * of many messages explains each data item and flag once. Bits are
 * catalog indices. */
typedef struct {
    guint32 flags;
    guint32 items;
    guint32 attrs;
    guint32 sitems;
} said_set;

typedef struct {
    char        tag[IMAP_MAX_TAG + 1];
    guint8      tag_len;
    mt_imap_cmd cmd;
    mt_imap_cmd sub;            /* after UID */
    guint32     frame;
    mt_record  *recs[IMAP_MAX_CMD_RECS];
    guint       n_recs;
    said_set    said;
} imap_cmd;

/* What the arguments of the command being read have said so far; kept
 * across the literals of one command. */
typedef struct {
    mt_imap_cmd cmd;            /* the command, or UID's sub-command */
    gboolean    uid;
    guint       argn;           /* index of the next argument */
    guint       depth;          /* lists left open by a literal */
    guint       owed;           /* SEARCH: arguments owed to the last key */
    gboolean    action_seen;    /* STORE: FLAGS / +FLAGS / -FLAGS read */
    gboolean    ref_seen;       /* LIST: reference read */
    gboolean    pattern_seen;   /* LIST: pattern read */
} cmd_args;

typedef enum {
    LIT_STRING = 0,
    LIT_USERNAME,
    LIT_PASSWORD,
    LIT_MAILBOX,
    LIT_MESSAGE
} lit_role;

typedef struct {
    gboolean active;            /* raw octets are expected */
    guint64  size, got;
    gboolean nonsync;
    gboolean want_plus;         /* client {n}: the server's "+" is awaited */
    gboolean waited;            /* the server's "+" came (client literal) */
    lit_role role;
    guint32  announce_frame;
    guint32  req_frame;         /* server literal: the command answered */
    guint8   keep[IMAP_LITERAL_KEEP];
    guint    keep_len;
    guint64  lines;             /* LF seen */
    gboolean partial_line;      /* octets after the last LF */
} imap_literal;

/* A server response that a literal interrupts. */
typedef struct {
    gboolean           active;
    mt_imap_untagged   ut;
    guint32            req_frame;
    gboolean           uid;        /* answers a UID command */
    guint              depth;      /* lists left open */
    guint              argn;
    gboolean           want_value; /* FETCH: an item name was read */
    mt_imap_fetch_item item;
    lit_role           role;       /* of a literal read at this level */
} resp_ctx;

typedef enum {
    IS_UNKNOWN = 0,
    IS_CONNECTED,
    IS_NOT_AUTH,
    IS_AUTH,
    IS_SELECTED,
    IS_LOGOUT
} imap_state;

typedef enum {
    CM_COMMAND = 0,             /* client lines are tagged commands */
    CM_CONTINUE,                /* the next line goes on after a literal */
    CM_SASL                     /* the next line answers an AUTHENTICATE "+" */
} client_mode;

struct mt_imap {
    mt_linebuf    lb[2];
    imap_state    state;
    gboolean      certain;          /* the state is known, not guessed */
    gboolean      seen[2];          /* any line from this direction yet */
    gboolean      read_only;
    gboolean      tls_on;           /* STARTTLS accepted earlier */
    gboolean      tls_switch;       /* STARTTLS accepted by the last line */
    gboolean      idling;           /* "+" came for IDLE */
    gboolean      authenticating;   /* "+" came for AUTHENTICATE */
    gboolean      closed;           /* the server says the session is over */
    gboolean      compressed[2];    /* COMPRESS accepted: DEFLATE data from here */
    gboolean      caps_known;
    guint64       caps;
    gboolean      exists_known;     /* messages in the selected mailbox (EXISTS) */
    guint64       exists;
    /* structures explained once per session, so lines stay short */
    gboolean      said_tag, said_rtag, said_untagged, said_text, said_msgno;
    guint64       said_caps[2];     /* capabilities explained, by catalog index */
    said_set     *said;             /* the answer this line belongs to, or NULL */
    client_mode   cmode;
    imap_cmd     *cli_cmd;          /* the command the next client line continues */
    cmd_args      args;
    imap_literal  lit[2];
    resp_ctx      resp;
    GQueue        pending;          /* imap_cmd *, oldest first */
    /* a tagged NO or BAD that matched no command: the command may follow */
    char          orphan_tag[IMAP_MAX_TAG + 1];
    guint8        orphan_len;
    guint32       orphan_frame;
    gboolean      orphan_valid;
    /* parser arena, reused line after line */
    inode        *nodes;
    guint         nodes_cap;
};

static const mt_linecheck_rules rules_command = {
    IMAP_MAX_COMMAND_LINE, NULL, "RFC 7162 §4", NULL, "RFC 9051 §2.2", TRUE
};
static const mt_linecheck_rules rules_response = {
    0, NULL, NULL, NULL, "RFC 9051 §2.2", TRUE
};

/* ------------------------------------------------------------------------
 * Small helpers (inputs are not NUL-terminated)
 * ------------------------------------------------------------------------ */

static gsize
skip_sp(const guint8 *t, gsize len, gsize i)
{
    while (i < len && t[i] == ' ')
        i++;
    return i;
}

static gsize
token_end(const guint8 *t, gsize len, gsize i)
{
    while (i < len && t[i] != ' ')
        i++;
    return i;
}

/* Digits at t[i..]: their count (0 if none or too many for 64 bits). */
static gsize
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
static char *
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
static char *
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

/* Explain this now? Always without a set; else only the first time. */
static gboolean
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

static gboolean
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
        guint cap = tr->cap ? tr->cap * 2 : 64;
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

static void
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

static const inode *
node(const itree *tr, gint i)
{
    return (i >= 0 && (guint)i < tr->count) ? &tr->n[i] : NULL;
}

/* ------------------------------------------------------------------------
 * Records and texts
 * ------------------------------------------------------------------------ */

static void
explain_x(mt_record *r, gint parent, guint32 off, guint32 len, mt_imap_expl x)
{
    mt_rec_explain(r, parent, off, len, mt_imap_expl_text(x), mt_imap_expl_rfc(x));
}

static mt_record *
line_record(const mt_line *ln, mt_dir dir, guint32 frame, mt_rkind kind, mt_imap_label label, GPtrArray *out)
{
    return mt_line_record(MT_PROTO_IMAP, ln, dir, frame, kind, mt_imap_label_text(label), out);
}

static void
check_line(mt_record *r, const mt_line *ln, const mt_linecheck_rules *base)
{
    mt_linecheck_rules rules = *base;

    if (!mt_linecheck_needed(ln, &rules))
        return;
    rules.too_long = mt_imap_expl_text(MT_IMAP_X_TOO_LONG);
    rules.bare_lf = mt_imap_expl_text(MT_IMAP_X_BARE_LF);
    mt_linecheck(r, ln, &rules);
}

static mt_imap_stage
stage_of(const mt_imap *s)
{
    if (s->closed)
        return MT_IMAP_ST_CLOSED;
    if (s->tls_switch)
        return MT_IMAP_ST_TLS;
    if (s->idling)
        return MT_IMAP_ST_IDLE;
    switch (s->state) {
    case IS_CONNECTED: return MT_IMAP_ST_CONNECTED;
    case IS_NOT_AUTH:  return s->authenticating ? MT_IMAP_ST_AUTHENTICATING : MT_IMAP_ST_NOT_AUTH;
    case IS_AUTH:      return MT_IMAP_ST_AUTH;
    case IS_SELECTED:  return s->read_only ? MT_IMAP_ST_SELECTED_RO : MT_IMAP_ST_SELECTED;
    case IS_LOGOUT:    return MT_IMAP_ST_LOGOUT;
    default:           return MT_IMAP_ST_UNKNOWN;
    }
}

static mt_imap_next
next_for_state(const mt_imap *s)
{
    if (s->closed)
        return MT_IMAP_N_CLOSE;
    if (s->tls_switch)
        return MT_IMAP_N_TLS;
    if (s->idling)
        return MT_IMAP_N_IDLE;
    switch (s->state) {
    case IS_CONNECTED: return MT_IMAP_N_GREETING;
    case IS_NOT_AUTH:  return s->authenticating ? MT_IMAP_N_SASL : MT_IMAP_N_LOGIN;
    case IS_AUTH:      return MT_IMAP_N_AUTH;
    case IS_SELECTED:  return MT_IMAP_N_SELECTED;
    case IS_LOGOUT:    return MT_IMAP_N_CLOSE;
    default:           return MT_IMAP_N_UNKNOWN;
    }
}

static void
add_stage(mt_imap *s, mt_record *r)
{
    mt_rec_text(r, -1, MT_F_STAGE, 0, 0, mt_imap_stage_text(stage_of(s)));
}

static void
add_stage_next(mt_imap *s, mt_record *r, mt_imap_next next)
{
    add_stage(s, r);
    if (next != MT_IMAP_N_NONE)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_imap_next_text(next));
}

/* Octets between the quotes of a quoted string. */
static guint32
quoted_len(const inode *nd)
{
    if (nd->flags & NF_BADQUOTE)
        return nd->len > 0 ? nd->len - 1 : 0;
    return nd->len >= 2 ? nd->len - 2 : 0;
}

/* A string value (atom, number, quoted string or NIL) as an item of f.
 * Literals are shown by their raw records, not here. */
static gint
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

/* ------------------------------------------------------------------------
 * Commands in progress
 * ------------------------------------------------------------------------ */

static void
cmd_forget(mt_imap *s, imap_cmd *c)
{
    if (s->cli_cmd == c)
        s->cli_cmd = NULL;
    g_free(c);
}

static imap_cmd *
cmd_push(mt_imap *s, const guint8 *tag, gsize tag_len, mt_imap_cmd cmd, guint32 frame)
{
    imap_cmd *c;

    if (g_queue_get_length(&s->pending) >= IMAP_MAX_PENDING)
        cmd_forget(s, g_queue_pop_head(&s->pending));
    c = g_new0(imap_cmd, 1);
    c->tag_len = (guint8)MIN(tag_len, (gsize)IMAP_MAX_TAG);
    memcpy(c->tag, tag, c->tag_len);
    c->cmd = cmd;
    c->frame = frame;
    g_queue_push_tail(&s->pending, c);
    return c;
}

static void
cmd_add_rec(imap_cmd *c, mt_record *r)
{
    if (c && c->n_recs < IMAP_MAX_CMD_RECS)
        c->recs[c->n_recs++] = r;
}

static imap_cmd *
cmd_by_tag(const mt_imap *s, const guint8 *tag, gsize len)
{
    GList *l;

    if (len > IMAP_MAX_TAG)
        len = IMAP_MAX_TAG;
    for (l = s->pending.head; l; l = l->next) {
        imap_cmd *c = l->data;
        if (c->cmd != MT_IMAP_CMD_CONNECT && c->tag_len == len && memcmp(c->tag, tag, len) == 0)
            return c;
    }
    return NULL;
}

static mt_imap_cmd
effective(const imap_cmd *c)
{
    return c->cmd == MT_IMAP_CMD_UID && c->sub != MT_IMAP_CMD_UNKNOWN ? c->sub : c->cmd;
}

/* The oldest command in progress that is want (or UID want). */
static imap_cmd *
cmd_by_kind(const mt_imap *s, mt_imap_cmd want)
{
    GList *l;

    for (l = s->pending.head; l; l = l->next) {
        imap_cmd *c = l->data;
        if (c->cmd == want || effective(c) == want)
            return c;
    }
    return NULL;
}

static imap_cmd *
owner_of(const mt_imap *s, mt_imap_untagged ut)
{
    GList *l;
    imap_cmd *idle;

    for (l = s->pending.head; l; l = l->next) {
        imap_cmd *c = l->data;
        if (c->cmd == MT_IMAP_CMD_CONNECT)
            continue;
        if (mt_imap_untagged_for(ut, c->cmd) || mt_imap_untagged_for(ut, effective(c)))
            return c;
    }
    idle = cmd_by_kind(s, MT_IMAP_CMD_IDLE);
    return idle;
}

static gboolean
state_changing_pending(const mt_imap *s)
{
    GList *l;

    for (l = s->pending.head; l; l = l->next) {
        const imap_cmd *c = l->data;
        switch (c->cmd) {
        case MT_IMAP_CMD_LOGIN:
        case MT_IMAP_CMD_AUTHENTICATE:
        case MT_IMAP_CMD_SELECT:
        case MT_IMAP_CMD_EXAMINE:
        case MT_IMAP_CMD_CLOSE:
        case MT_IMAP_CMD_UNSELECT:
        case MT_IMAP_CMD_STARTTLS:
        case MT_IMAP_CMD_UNAUTHENTICATE:
        case MT_IMAP_CMD_CONNECT:
            return TRUE;
        default:
            break;
        }
    }
    return FALSE;
}

static gboolean
has_other_pending(const mt_imap *s)
{
    GList *l;

    for (l = s->pending.head; l; l = l->next) {
        if (((imap_cmd *)l->data)->cmd != MT_IMAP_CMD_CONNECT)
            return TRUE;
    }
    return FALSE;
}

/* ------------------------------------------------------------------------
 * Shared decoders: flags, capabilities, sections, envelopes, structures
 * ------------------------------------------------------------------------ */

static gint
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
static void
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
static guint64
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
static guint64
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

static void
set_caps(mt_imap *s, guint64 caps)
{
    s->caps = caps;
    s->caps_known = TRUE;
}

static gboolean
offered(const mt_imap *s, guint64 need)
{
    if (!s->caps_known || need == 0 || (s->caps & need))
        return TRUE;
    return (s->caps & MT_IMAP_CAP_IMAP4REV2) && (need & MT_IMAP_CAP_IN_REV2);
}

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

/* A string-valued node, shown as a display copy (for composed texts). */
static char *
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

static const inode *
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
 * Literals
 * ------------------------------------------------------------------------ */

static void
literal_item(mt_record *r, gint parent, const inode *nd, gboolean client)
{
    gint it = mt_rec_uint_fmt(r, parent, MT_F_IMAP_LITERAL_SIZE, nd->off, nd->len, nd->num,
                              MT_FMT_OCTETS, NULL);

    if (nd->flags & NF_LITERAL8)
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL8);
    if (!client)
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL_SERVER);
    else if (nd->flags & NF_NONSYNC) {
        mt_rec_bool(r, it, MT_F_IMAP_LITERAL_NONSYNC, nd->off, nd->len, TRUE);
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL_NONSYNC);
    } else {
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL_SYNC);
    }
}

/* Get ready for the literal that ends this line. */
static void
literal_start(mt_imap *s, mt_dir dir, const inode *nd, lit_role role, guint32 frame,
              guint32 req_frame)
{
    imap_literal *L = &s->lit[dir];

    memset(L, 0, sizeof(*L));
    L->size = nd->num;
    L->nonsync = (nd->flags & NF_NONSYNC) != 0;
    L->role = role;
    L->announce_frame = frame;
    L->req_frame = req_frame;
    if (nd->num > 0) {
        L->active = TRUE;
        mt_linebuf_expect_raw(&s->lb[dir], nd->num);
    }
}

static void
literal_piece(mt_imap *s, mt_dir dir, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    imap_literal *L = &s->lit[dir];
    mt_record *r = mt_record_new(MT_PROTO_IMAP, dir, MT_R_RAW, frame);
    gboolean first = L->got == 0, done;
    gsize i;

    r->chunk_off = (guint32)ln->chunk_off;
    r->chunk_len = (guint32)ln->chunk_len;
    r->line_len = r->chunk_len;
    r->label = mt_imap_label_text(dir == MT_DIR_CLIENT ? MT_IMAP_L_LITERAL_CLIENT
                                                      : MT_IMAP_L_LITERAL_SERVER);
    if (dir == MT_DIR_SERVER)
        r->req_frame = L->req_frame;
    g_ptr_array_add(out, r);

    L->got += ln->len;
    done = !L->active || L->got >= L->size;
    for (i = 0; i < ln->len; i++) {
        if (ln->text[i] == '\n') {
            L->lines++;
            L->partial_line = FALSE;
        } else {
            L->partial_line = TRUE;
        }
    }
    if (L->role == LIT_USERNAME || L->role == LIT_MAILBOX) {
        gsize n = MIN(ln->len, (gsize)(IMAP_LITERAL_KEEP - L->keep_len));
        memcpy(L->keep + L->keep_len, ln->text, n);
        L->keep_len += (guint)n;
    }

    mt_rec_uint_fmt(r, -1, MT_F_DATA_CHUNK, 0, 0, ln->len, MT_FMT_OCTETS, NULL);
    mt_rec_uint_fmt(r, -1, MT_F_IMAP_LITERAL_SIZE, 0, 0, L->size, MT_FMT_OCTETS, NULL);
    mt_rec_uint(r, -1, MT_F_IMAP_LITERAL_RECEIVED, 0, 0, L->got, NULL);
    explain_x(r, -1, 0, 0, MT_IMAP_X_LITERAL_DATA);
    if (first && dir == MT_DIR_CLIENT && !L->nonsync && !L->waited && s->certain)
        mt_rec_anomaly(r, MT_A_IMAP_LITERAL_NOT_WAITED, 0, 0);

    if (done) {
        gint it;
        switch (L->role) {
        case LIT_USERNAME:
            if (L->keep_len > 0) {
                it = mt_rec_owned(r, -1, MT_F_AUTH_USERNAME, 0, 0, display_copy(L->keep, L->keep_len));
                explain_x(r, it, 0, 0, MT_IMAP_X_LITERAL_USERNAME);
            }
            break;
        case LIT_PASSWORD:
            explain_x(r, -1, 0, 0, MT_IMAP_X_LITERAL_PASSWORD);
            break;
        case LIT_MAILBOX:
            if (L->keep_len > 0) {
                it = mt_rec_owned(r, -1, MT_F_IMAP_MAILBOX, 0, 0, display_copy(L->keep, L->keep_len));
                explain_x(r, it, 0, 0, MT_IMAP_X_LITERAL_MAILBOX);
            }
            break;
        case LIT_MESSAGE:
            mt_rec_uint(r, -1, MT_F_DATA_TOTAL_LINES, 0, 0, L->lines + (L->partial_line ? 1 : 0), NULL);
            mt_rec_uint_fmt(r, -1, MT_F_DATA_TOTAL_OCTETS, 0, 0, L->size, MT_FMT_OCTETS, NULL);
            explain_x(r, -1, 0, 0, MT_IMAP_X_LITERAL_MESSAGE);
            break;
        default:
            break;
        }
        explain_x(r, -1, 0, 0, MT_IMAP_X_LITERAL_DONE);
        L->active = FALSE;
        add_stage_next(s, r, dir == MT_DIR_CLIENT ? MT_IMAP_N_CLIENT_LINE_GOES_ON
                                                  : MT_IMAP_N_SERVER_LINE_GOES_ON);
    } else {
        add_stage_next(s, r, MT_IMAP_N_LITERAL_MORE);
    }
}

/* ------------------------------------------------------------------------
 * Client: command arguments
 * ------------------------------------------------------------------------ */

static void
mailbox_item(mt_record *r, const guint8 *t, const inode *nd, mt_imap_expl x)
{
    gint it = string_item(r, -1, MT_F_IMAP_MAILBOX, t, nd);
    if (it >= 0)
        explain_x(r, it, nd->off, nd->len, x);
}

static void
argument_item(mt_record *r, const inode *nd)
{
    if (nd->kind != N_LITERAL)
        mt_rec_bytes(r, -1, MT_F_IMAP_ARGUMENT, nd->off, nd->len, FALSE);
}

/* The ID parameters (RFC 2971 §3.1), in a command or a response: NIL,
 * or a list of field/value pairs. */
static void
id_params(mt_record *r, const guint8 *t, const itree *tr, const inode *nd)
{
    gint k;
    guint n = 0;

    if (nd->kind == N_NIL) {
        explain_x(r, -1, nd->off, nd->len, MT_IMAP_X_ID_NIL);
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

/* Does a sequence set name a message beyond the last one? */
static gboolean
beyond_last(const guint8 *t, const inode *nd, guint64 exists)
{
    gsize i = nd->off, end = nd->off + nd->len;

    while (i < end) {
        guint64 v = 0;
        gsize n = parse_number(t, end, i, &v);
        if (n > 0 && v > exists)
            return TRUE;
        i += n > 0 ? n : 1;
    }
    return FALSE;
}

static void
seqset_item(mt_imap *s, mt_record *r, const guint8 *t, const inode *nd, gboolean uid)
{
    gint it = mt_rec_bytes(r, -1, MT_F_IMAP_SEQUENCE_SET, nd->off, nd->len, FALSE);
    explain_x(r, it, nd->off, nd->len, uid ? MT_IMAP_X_UIDSET : MT_IMAP_X_SEQSET);
    if (!uid && s->certain && s->state == IS_SELECTED && s->exists_known && nd->kind != N_LITERAL
        && beyond_last(t, nd, s->exists))
        mt_rec_anomaly(r, MT_A_IMAP_NO_SUCH_MESSAGE, nd->off, nd->len);
}

static gboolean
looks_like_set(const guint8 *t, const inode *nd)
{
    guint32 i;

    if (nd->kind == N_NUMBER)
        return TRUE;
    if (nd->kind != N_ATOM)
        return FALSE;
    for (i = 0; i < nd->len; i++) {
        guint8 c = t[nd->off + i];
        if (!g_ascii_isdigit(c) && c != ':' && c != ',' && c != '*' && c != '$')
            return FALSE;
    }
    return nd->len > 0;
}

/* SEARCH keys, in a list or at the top; nested lists (groups of keys)
 * are read to a bounded depth. */
static void
search_node(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr, const inode *nd, cmd_args *a,
            guint depth)
{
    const mt_imap_word_info *ki;

    if (a->owed > 0) {
        a->owed--;
        if (nd->kind == N_LIST && depth < IMAP_MAX_DEPTH) {
            /* RETURN (...) and MODSEQ's optional entry: shown as they are */
            argument_item(r, nd);
        } else if (nd->kind != N_LITERAL) {
            string_item(r, -1, MT_F_IMAP_ARGUMENT, t, nd);
        }
        return;
    }
    if (nd->kind == N_LIST) {
        gint c;
        guint n = 0;
        if (depth >= IMAP_MAX_DEPTH)
            return;
        for (c = nd->child; c >= 0 && n++ < IMAP_MAX_LIST_ITEMS; c = tr->n[c].next)
            search_node(s, r, t, tr, &tr->n[c], a, depth + 1);
        return;
    }
    if (nd->kind == N_ATOM && (ki = mt_imap_search_key_lookup(t + nd->off, nd->len)) != NULL) {
        gint it = mt_rec_bytes(r, -1, MT_F_IMAP_SEARCH_KEY, nd->off, nd->len, TRUE);
        mt_rec_explain(r, it, nd->off, nd->len, &ki->explanation, ki->rfc);
        a->owed = ki->nargs;
        return;
    }
    if (looks_like_set(t, nd)) {
        seqset_item(s, r, t, nd, a->uid);
        return;
    }
    argument_item(r, nd);
}

static void
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

static void
store_action(mt_record *r, const guint8 *t, const inode *nd)
{
    const guint8 *p = t + nd->off;
    gsize n = nd->len;
    gint it = mt_rec_bytes(r, -1, MT_F_IMAP_STORE_ACTION, nd->off, nd->len, TRUE);

    if (n > 0 && p[0] == '+')
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_STORE_ADD);
    else if (n > 0 && p[0] == '-')
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_STORE_REMOVE);
    else
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_STORE_SET);
    if (n >= 7 && g_ascii_strncasecmp((const char *)p + n - 7, ".SILENT", 7) == 0)
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_STORE_SILENT);
}

static void
password_item(mt_imap *s, mt_record *r, const inode *nd)
{
    if (nd->kind == N_LITERAL)
        return;
    explain_x(r, -1, nd->off, nd->len, s->tls_on ? MT_IMAP_X_PASSWORD_TLS : MT_IMAP_X_PASSWORD);
}

/* The role of a literal that is the argument argn (at list depth depth). */
static lit_role
client_literal_role(const cmd_args *a, guint depth)
{
    if (depth > 0)
        return a->cmd == MT_IMAP_CMD_APPEND ? LIT_MESSAGE : LIT_STRING;
    switch (a->cmd) {
    case MT_IMAP_CMD_LOGIN:
        return a->argn == 0 ? LIT_USERNAME : a->argn == 1 ? LIT_PASSWORD : LIT_STRING;
    case MT_IMAP_CMD_SELECT:
    case MT_IMAP_CMD_EXAMINE:
    case MT_IMAP_CMD_CREATE:
    case MT_IMAP_CMD_DELETE:
    case MT_IMAP_CMD_SUBSCRIBE:
    case MT_IMAP_CMD_UNSUBSCRIBE:
    case MT_IMAP_CMD_STATUS:
    case MT_IMAP_CMD_GETQUOTAROOT:
    case MT_IMAP_CMD_GETACL:
    case MT_IMAP_CMD_MYRIGHTS:
        return a->argn == 0 ? LIT_MAILBOX : LIT_STRING;
    case MT_IMAP_CMD_RENAME:
        return a->argn <= 1 ? LIT_MAILBOX : LIT_STRING;
    case MT_IMAP_CMD_COPY:
    case MT_IMAP_CMD_MOVE:
        return a->argn == 1 ? LIT_MAILBOX : LIT_STRING;
    case MT_IMAP_CMD_LIST:
    case MT_IMAP_CMD_LSUB:
    case MT_IMAP_CMD_XLIST:
        return a->ref_seen ? LIT_MAILBOX : LIT_STRING;
    case MT_IMAP_CMD_APPEND:
        return a->argn == 0 ? LIT_MAILBOX : LIT_MESSAGE;
    default:
        return LIT_STRING;
    }
}

/* One argument of a command, at the top of its line. Returns FALSE when
 * it does not count as an argument (UID's sub-command resets the count). */
static gboolean
command_arg(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr, const inode *nd,
            cmd_args *a)
{
    if (nd->kind == N_LITERAL) {
        /* the octets follow the line; the raw records show them */
        literal_item(r, -1, nd, TRUE);
        if (a->owed > 0)
            a->owed--;
        if (!a->ref_seen)
            a->ref_seen = TRUE;
        else
            a->pattern_seen = TRUE;
        return TRUE;
    }

    switch (a->cmd) {
    case MT_IMAP_CMD_LOGIN:
        if (a->argn == 0) {
            gint it = string_item(r, -1, MT_F_AUTH_USERNAME, t, nd);
            if (it >= 0)
                explain_x(r, it, nd->off, nd->len, MT_IMAP_X_USERNAME);
        } else if (a->argn == 1) {
            password_item(s, r, nd);
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_CMD_AUTHENTICATE:
        if (a->argn == 0 && nd->kind == N_ATOM) {
            const mt_sasl_mech_info *mi = mt_sasl_mech_lookup(t + nd->off, nd->len);
            gint it = mt_rec_bytes(r, -1, MT_F_AUTH_MECHANISM, nd->off, nd->len, TRUE);
            if (mi)
                mt_rec_explain(r, it, nd->off, nd->len, &mi->explanation, mi->rfc);
            else
                explain_x(r, it, nd->off, nd->len, MT_IMAP_X_UNKNOWN_MECH);
        } else if (a->argn == 1) {
            gint it = string_item(r, -1, MT_F_IMAP_ARGUMENT, t, nd);
            if (it >= 0)
                explain_x(r, it, nd->off, nd->len, MT_IMAP_X_SASL_IR);
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_CMD_SELECT:
    case MT_IMAP_CMD_EXAMINE:
    case MT_IMAP_CMD_CREATE:
    case MT_IMAP_CMD_DELETE:
    case MT_IMAP_CMD_SUBSCRIBE:
    case MT_IMAP_CMD_UNSUBSCRIBE:
    case MT_IMAP_CMD_GETQUOTAROOT:
    case MT_IMAP_CMD_GETACL:
    case MT_IMAP_CMD_MYRIGHTS:
        if (a->argn == 0)
            mailbox_item(r, t, nd, MT_IMAP_X_MAILBOX);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_CMD_RENAME:
        if (a->argn <= 1)
            mailbox_item(r, t, nd, a->argn == 0 ? MT_IMAP_X_MAILBOX : MT_IMAP_X_MAILBOX_NEW);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_CMD_LIST:
    case MT_IMAP_CMD_LSUB:
    case MT_IMAP_CMD_XLIST:
        if (nd->kind == N_LIST && !a->ref_seen) {
            argument_item(r, nd);           /* LIST-EXTENDED selection options */
        } else if (!a->ref_seen) {
            gint it = string_item(r, -1, MT_F_IMAP_LIST_PATTERN, t, nd);
            if (it >= 0)
                explain_x(r, it, nd->off, nd->len, MT_IMAP_X_REFERENCE);
            a->ref_seen = TRUE;
        } else if (!a->pattern_seen) {
            gint it = nd->kind == N_LIST ? mt_rec_bytes(r, -1, MT_F_IMAP_LIST_PATTERN, nd->off, nd->len, FALSE)
                                         : string_item(r, -1, MT_F_IMAP_LIST_PATTERN, t, nd);
            if (it >= 0)
                explain_x(r, it, nd->off, nd->len, MT_IMAP_X_PATTERN);
            a->pattern_seen = TRUE;
        } else {
            argument_item(r, nd);           /* RETURN (...) */
        }
        break;
    case MT_IMAP_CMD_STATUS:
        if (a->argn == 0) {
            mailbox_item(r, t, nd, MT_IMAP_X_MAILBOX);
        } else if (nd->kind == N_LIST) {
            gint c;
            guint n = 0;
            for (c = nd->child; c >= 0 && n++ < IMAP_MAX_LIST_ITEMS; c = tr->n[c].next) {
                const inode *ci = &tr->n[c];
                const mt_imap_word_info *wi = mt_imap_status_item_lookup(t + ci->off, ci->len);
                gint it = mt_rec_bytes(r, -1, MT_F_IMAP_STATUS_ITEM, ci->off, ci->len, TRUE);
                if (wi)
                    mt_rec_explain(r, it, ci->off, ci->len, &wi->explanation, wi->rfc);
                else
                    explain_x(r, it, ci->off, ci->len, MT_IMAP_X_UNKNOWN_STATUS_ITEM);
            }
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_CMD_APPEND:
        if (a->argn == 0) {
            mailbox_item(r, t, nd, MT_IMAP_X_MAILBOX);
        } else if (nd->kind == N_LIST) {
            gint c;
            guint n = 0;
            explain_x(r, -1, nd->off, nd->len, MT_IMAP_X_APPEND_FLAGS);
            for (c = nd->child; c >= 0 && n++ < IMAP_MAX_LIST_ITEMS; c = tr->n[c].next)
                flag_item(s, r, -1, t, &tr->n[c]);
        } else if (nd->kind == N_QUOTED) {
            gint it = string_item(r, -1, MT_F_IMAP_DATE, t, nd);
            explain_x(r, it, nd->off, nd->len, MT_IMAP_X_APPEND_DATE);
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_CMD_FETCH:
        if (a->argn == 0)
            seqset_item(s, r, t, nd, a->uid);
        else if (a->argn == 1)
            fetch_request_items(s, r, t, tr, nd);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_CMD_STORE:
        if (a->argn == 0) {
            seqset_item(s, r, t, nd, a->uid);
        } else if (!a->action_seen && nd->kind == N_LIST) {
            argument_item(r, nd);           /* (UNCHANGEDSINCE n) */
        } else if (!a->action_seen) {
            store_action(r, t, nd);
            a->action_seen = TRUE;
        } else {
            flag_list(s, r, -1, t, tr, nd);
        }
        break;
    case MT_IMAP_CMD_COPY:
    case MT_IMAP_CMD_MOVE:
        if (a->argn == 0)
            seqset_item(s, r, t, nd, a->uid);
        else if (a->argn == 1)
            mailbox_item(r, t, nd, MT_IMAP_X_MAILBOX);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_CMD_EXPUNGE:
        if (a->argn == 0 && a->uid)
            seqset_item(s, r, t, nd, TRUE);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_CMD_SEARCH:
        search_node(s, r, t, tr, nd, a, 0);
        break;
    case MT_IMAP_CMD_SORT:
    case MT_IMAP_CMD_THREAD:
        if (a->argn <= 1)
            argument_item(r, nd);           /* criteria or algorithm, then charset */
        else
            search_node(s, r, t, tr, nd, a, 0);
        break;
    case MT_IMAP_CMD_ENABLE:
        if (nd->kind == N_ATOM)
            cap_item(s, r, -1, t, nd->off, nd->off + nd->len);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_CMD_ID:
        id_params(r, t, tr, nd);
        break;
    case MT_IMAP_CMD_UID:
        if (a->argn == 0 && nd->kind == N_ATOM) {
            const mt_imap_command_info *ci = mt_imap_command_lookup(t + nd->off, nd->len);
            gint it = mt_rec_bytes(r, -1, MT_F_IMAP_SUBCOMMAND, nd->off, nd->len, TRUE);
            if (ci && (ci->flags & MT_IMAP_CF_UID_SUB)) {
                mt_rec_explain(r, it, nd->off, nd->len, &ci->explanation, ci->rfc);
                a->cmd = ci->id;
                a->uid = TRUE;
                a->argn = 0;
                if (s->cli_cmd)
                    s->cli_cmd->sub = ci->id;
                return FALSE;
            }
            explain_x(r, it, nd->off, nd->len, MT_IMAP_X_UNKNOWN_CMD);
            mt_rec_anomaly(r, MT_A_IMAP_UNKNOWN_COMMAND, nd->off, nd->len);
        } else {
            argument_item(r, nd);
        }
        break;
    default:
        argument_item(r, nd);
        break;
    }
    return TRUE;
}

/* Walk the top-level nodes of a command line (or of its continuation
 * after a literal); nodes inside lists that an earlier line left open
 * are shown as they are. Returns TRUE, with the literal and its role,
 * when a literal ends the line. */
static gboolean
command_args(mt_imap *s, mt_record *r, const guint8 *t, gsize len, gsize i, cmd_args *a,
             inode *lit, lit_role *role)
{
    itree tr;
    gint c;
    guint n = 0, outer = a->depth;

    tree_parse(s, &tr, t, len, i, outer);
    *role = LIT_STRING;
    if (tr.has_lit && tr.lit.depth > 0)
        *role = client_literal_role(a, tr.lit.depth);
    for (c = tr.first; c >= 0 && n++ < IMAP_MAX_NODES; c = tr.n[c].next) {
        const inode *nd = &tr.n[c];
        guint at = outer > nd->outer ? outer - nd->outer : 0;

        if (at > 0) {
            if (nd->kind == N_LITERAL) {
                literal_item(r, -1, nd, TRUE);
                *role = client_literal_role(a, at);
            } else {
                string_item(r, -1, MT_F_IMAP_ARGUMENT, t, nd);
            }
            continue;
        }
        if (nd->kind == N_LITERAL)
            *role = client_literal_role(a, 0);
        if (command_arg(s, r, t, &tr, nd, a))
            a->argn++;
    }
    if (tr.too_deep)
        mt_rec_anomaly(r, MT_A_IMAP_TOO_DEEP, 0, 0);
    if (tr.bad || tr.capped)
        mt_rec_anomaly(r, MT_A_IMAP_SYNTAX, 0, 0);
    /* lists open now: those of earlier lines still open, plus new ones */
    a->depth = (outer > tr.closed_outer ? outer - tr.closed_outer : 0) + tr.open;
    if (tr.has_lit)
        *lit = tr.lit;
    return tr.has_lit;
}

/* ------------------------------------------------------------------------
 * Client: command lines
 * ------------------------------------------------------------------------ */

static gboolean
check_state(mt_imap *s, mt_record *r, const mt_imap_command_info *ci, guint32 vlen)
{
    imap_state st = s->state;
    guint8 mask;

    if (!s->certain || ci == NULL)
        return FALSE;
    if (st == IS_LOGOUT || s->closed) {
        mt_rec_anomaly(r, MT_A_IMAP_AFTER_LOGOUT, 0, vlen);
        return TRUE;
    }
    if (state_changing_pending(s))
        return FALSE;
    mask = st == IS_NOT_AUTH ? MT_IMAP_IN_NOTAUTH : st == IS_AUTH ? MT_IMAP_IN_AUTH
           : st == IS_SELECTED ? MT_IMAP_IN_SELECTED : 0;
    if (mask == 0 || (ci->states & mask))
        return FALSE;
    if (st == IS_NOT_AUTH)
        mt_rec_anomaly(r, MT_A_IMAP_NOT_AUTHENTICATED, 0, vlen);
    else if (ci->states == MT_IMAP_IN_NOTAUTH)
        mt_rec_anomaly(r, MT_A_IMAP_ALREADY_AUTHENTICATED, 0, vlen);
    else if (st == IS_AUTH)
        mt_rec_anomaly(r, MT_A_IMAP_NO_MAILBOX, 0, vlen);
    else
        mt_rec_anomaly(r, MT_A_IMAP_MAILBOX_SELECTED, 0, vlen);
    return TRUE;
}

/* Arguments a command needs at least (RFC 9051 §9). */
static guint
min_args(mt_imap_cmd cmd)
{
    switch (cmd) {
    case MT_IMAP_CMD_LOGIN:
    case MT_IMAP_CMD_RENAME:
    case MT_IMAP_CMD_LIST:
    case MT_IMAP_CMD_LSUB:
    case MT_IMAP_CMD_XLIST:
    case MT_IMAP_CMD_STATUS:
    case MT_IMAP_CMD_APPEND:
    case MT_IMAP_CMD_FETCH:
    case MT_IMAP_CMD_COPY:
    case MT_IMAP_CMD_MOVE:
    case MT_IMAP_CMD_SETQUOTA:
    case MT_IMAP_CMD_GETMETADATA:
    case MT_IMAP_CMD_SETMETADATA:
        return 2;
    case MT_IMAP_CMD_STORE:
    case MT_IMAP_CMD_SORT:
    case MT_IMAP_CMD_THREAD:
    case MT_IMAP_CMD_SETACL:
        return 3;
    case MT_IMAP_CMD_AUTHENTICATE:
    case MT_IMAP_CMD_SELECT:
    case MT_IMAP_CMD_EXAMINE:
    case MT_IMAP_CMD_CREATE:
    case MT_IMAP_CMD_DELETE:
    case MT_IMAP_CMD_SUBSCRIBE:
    case MT_IMAP_CMD_UNSUBSCRIBE:
    case MT_IMAP_CMD_SEARCH:
    case MT_IMAP_CMD_UID:
    case MT_IMAP_CMD_ENABLE:
    case MT_IMAP_CMD_ID:
    case MT_IMAP_CMD_COMPRESS:
    case MT_IMAP_CMD_GETQUOTA:
    case MT_IMAP_CMD_GETQUOTAROOT:
    case MT_IMAP_CMD_GETACL:
    case MT_IMAP_CMD_MYRIGHTS:
        return 1;
    default:
        return 0;
    }
}

/* The command line is complete: are its arguments? */
static void
check_arg_count(mt_imap *s, mt_record *r)
{
    guint need = min_args(s->args.cmd);

    if (s->args.uid && s->args.cmd == MT_IMAP_CMD_EXPUNGE)
        need = 1;
    if (s->args.argn < need)
        mt_rec_anomaly(r, MT_A_IMAP_MISSING_ARGUMENT, 0, 0);
}

/* Announce a literal that ends a client line; the next line goes on. */
static void
client_literal(mt_imap *s, mt_record *r, const inode *lit, lit_role role, guint32 frame)
{
    literal_start(s, MT_DIR_CLIENT, lit, role, frame, 0);
    s->lit[MT_DIR_CLIENT].want_plus = !(lit->flags & NF_NONSYNC);
    s->cmode = CM_CONTINUE;
    if ((lit->flags & NF_NONSYNC) && s->caps_known && !(s->caps & MT_IMAP_CAP_LITERALPLUS)
        && !(lit->num <= 4096 && (s->caps & (MT_IMAP_CAP_LITERALMINUS | MT_IMAP_CAP_IMAP4REV2))))
        mt_rec_anomaly(r, MT_A_IMAP_LITERAL_PLUS_NOT_OFFERED, lit->off, lit->len);
}

static mt_imap_next
client_literal_next(const mt_imap *s)
{
    const imap_literal *L = &s->lit[MT_DIR_CLIENT];

    if (L->size == 0)
        return MT_IMAP_N_CLIENT_LINE_GOES_ON;
    return L->nonsync ? MT_IMAP_N_LITERAL_GO : MT_IMAP_N_LITERAL_WAIT;
}

static void
client_done(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out, imap_cmd *idle)
{
    mt_record *r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_CONTINUATION, MT_IMAP_L_DONE, out);
    const mt_imap_command_info *ci = mt_imap_command_get(MT_IMAP_CMD_DONE);

    mt_rec_bytes(r, -1, MT_F_IMAP_COMMAND, 0, (guint32)ln->len, TRUE);
    mt_rec_explain(r, -1, 0, (guint32)ln->len, &ci->explanation, ci->rfc);
    check_line(r, ln, &rules_command);
    if (idle == NULL) {
        explain_x(r, -1, 0, 0, MT_IMAP_X_DONE_OUT);
        mt_rec_anomaly(r, MT_A_IMAP_DONE_UNEXPECTED, 0, (guint32)ln->len);
        add_stage_next(s, r, MT_IMAP_N_RETRY);
        return;
    }
    cmd_add_rec(idle, r);
    s->idling = FALSE;
    add_stage(s, r);
    mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &ci->next);
}

static void
client_sasl(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_CONTINUATION, MT_IMAP_L_SASL, out);
    gboolean cancel = ln->len == 1 && ln->text[0] == '*';
    const mt_imap_command_info *ci = mt_imap_command_get(MT_IMAP_CMD_SASL);
    gint it;

    it = mt_rec_bytes(r, -1, MT_F_IMAP_ARGUMENT, 0, (guint32)ln->len, FALSE);
    explain_x(r, it, 0, (guint32)ln->len, cancel ? MT_IMAP_X_SASL_CANCEL : MT_IMAP_X_SASL_LINE);
    check_line(r, ln, &rules_command);
    cmd_add_rec(s->cli_cmd, r);
    s->cmode = CM_COMMAND;
    add_stage(s, r);
    mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &ci->next);
}

/* The rest of a command line after a literal. */
static void
client_continue(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_COMMAND, MT_IMAP_L_COMMAND_CONT, out);
    imap_cmd *c = s->cli_cmd;
    inode lit;
    gboolean has_lit = FALSE;
    lit_role role = LIT_STRING;

    s->cmode = CM_COMMAND;
    cmd_add_rec(c, r);
    if (ln->len == 0) {
        explain_x(r, -1, 0, 0, MT_IMAP_X_CLIENT_LINE_END);
    } else {
        explain_x(r, -1, 0, 0, MT_IMAP_X_CLIENT_LINE_GOES_ON);
        has_lit = command_args(s, r, ln->text, ln->len, 0, &s->args, &lit, &role);
    }
    check_line(r, ln, &rules_command);
    if (has_lit) {
        client_literal(s, r, &lit, role, frame);
        add_stage_next(s, r, client_literal_next(s));
        return;
    }
    s->cli_cmd = NULL;
    check_arg_count(s, r);
    add_stage(s, r);
    {
        const mt_imap_command_info *ci = c ? mt_imap_command_get(c->cmd) : NULL;
        if (ci)
            mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &ci->next);
        else
            mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_imap_next_text(next_for_state(s)));
    }
}

static void
client_command(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, tag_end = 0, vs, ve;
    const mt_imap_command_info *ci = NULL;
    mt_imap_cmd cmd = MT_IMAP_CMD_UNKNOWN;
    gboolean greeting_missed = FALSE, early = FALSE, tag_ok;
    mt_record *r;
    imap_cmd *c = NULL, *idle;
    inode lit;
    gboolean has_lit = FALSE;
    lit_role role = LIT_STRING;
    gint it;

    /* DONE ends IDLE: it has no tag */
    idle = cmd_by_kind(s, MT_IMAP_CMD_IDLE);
    if (mt_ci_eq(t, len, "DONE")) {
        client_done(s, ln, frame, out, idle);
        return;
    }

    if (!s->seen[MT_DIR_SERVER] && !g_queue_is_empty(&s->pending)
        && ((imap_cmd *)g_queue_peek_head(&s->pending))->cmd == MT_IMAP_CMD_CONNECT) {
        /* the client speaks first: the greeting was not captured */
        cmd_forget(s, g_queue_pop_head(&s->pending));
        s->certain = FALSE;
        s->state = IS_UNKNOWN;
        greeting_missed = TRUE;
    }

    while (tag_end < len && is_tag_char(t[tag_end]))
        tag_end++;
    tag_ok = tag_end > 0 && tag_end < len && t[tag_end] == ' ';
    vs = tag_ok ? skip_sp(t, len, tag_end) : 0;
    ve = token_end(t, len, vs);
    if (tag_ok && ve > vs) {
        ci = mt_imap_command_lookup(t + vs, ve - vs);
        cmd = ci ? ci->id : MT_IMAP_CMD_UNKNOWN;
    }

    if (!s->certain && s->state == IS_UNKNOWN && ci == NULL) {
        /* capture started inside a literal, most likely */
        r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_UNKNOWN, MT_IMAP_L_UNKNOWN, out);
        explain_x(r, -1, 0, 0, MT_IMAP_X_MAYBE_LITERAL);
        if (greeting_missed)
            mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
        check_line(r, ln, &rules_response);
        add_stage_next(s, r, MT_IMAP_N_UNKNOWN);
        return;
    }

    r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_COMMAND, MT_IMAP_L_COMMAND, out);
    if (greeting_missed) {
        explain_x(r, -1, 0, 0, MT_IMAP_X_GREETING_MISSED);
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
    if (len == 0) {
        explain_x(r, -1, 0, 0, MT_IMAP_X_EMPTY_LINE);
        mt_rec_anomaly(r, MT_A_IMAP_TAG_INVALID, 0, 0);
        check_line(r, ln, &rules_command);
        add_stage_next(s, r, MT_IMAP_N_RETRY);
        return;
    }
    if (!tag_ok) {
        if (tag_end > 0 && tag_end == len) {
            it = mt_rec_bytes(r, -1, MT_F_IMAP_TAG, 0, (guint32)tag_end, FALSE);
            explain_x(r, it, 0, (guint32)tag_end, MT_IMAP_X_NO_COMMAND);
        } else {
            explain_x(r, -1, 0, 0, MT_IMAP_X_BAD_LINE);
        }
        mt_rec_anomaly(r, MT_A_IMAP_TAG_INVALID, 0, 0);
        check_line(r, ln, &rules_command);
        add_stage_next(s, r, MT_IMAP_N_RETRY);
        return;
    }

    it = mt_rec_bytes(r, -1, MT_F_IMAP_TAG, 0, (guint32)tag_end, FALSE);
    if (!s->said_tag) {
        explain_x(r, it, 0, (guint32)tag_end, MT_IMAP_X_TAG);
        s->said_tag = TRUE;
    }
    if (ve == vs) {
        explain_x(r, -1, 0, 0, MT_IMAP_X_NO_COMMAND);
        mt_rec_anomaly(r, MT_A_IMAP_TAG_INVALID, 0, (guint32)tag_end);
    } else if (ci) {
        mt_rec_bytes(r, -1, MT_F_IMAP_COMMAND, (guint32)vs, (guint32)(ve - vs), TRUE);
        mt_rec_explain(r, -1, (guint32)vs, (guint32)(ve - vs), &ci->explanation, ci->rfc);
    } else {
        it = mt_rec_bytes(r, -1, MT_F_IMAP_COMMAND, (guint32)vs, (guint32)(ve - vs), TRUE);
        explain_x(r, it, (guint32)vs, (guint32)(ve - vs), MT_IMAP_X_UNKNOWN_CMD);
        mt_rec_anomaly(r, MT_A_IMAP_UNKNOWN_COMMAND, (guint32)vs, (guint32)(ve - vs));
    }

    /* a NO or BAD with this tag came already: the server answered the line
     * before it was complete */
    if (s->orphan_valid && s->orphan_len == MIN(tag_end, (gsize)IMAP_MAX_TAG)
        && memcmp(s->orphan_tag, t, s->orphan_len) == 0) {
        early = TRUE;
        r->resp_frame = s->orphan_frame;
        explain_x(r, -1, 0, 0, MT_IMAP_X_EARLY_ANSWER);
    }
    s->orphan_valid = FALSE;

    if (!early && cmd_by_tag(s, t, tag_end))
        mt_rec_anomaly(r, MT_A_IMAP_TAG_REUSED, 0, (guint32)tag_end);
    if (ci) {
        check_state(s, r, ci, (guint32)(ve - vs));
        if (!offered(s, ci->needs))
            mt_rec_anomaly(r, MT_A_IMAP_NOT_OFFERED, (guint32)vs, (guint32)(ve - vs));
        if (cmd == MT_IMAP_CMD_LOGIN && s->caps_known && (s->caps & MT_IMAP_CAP_LOGINDISABLED))
            mt_rec_anomaly(r, MT_A_IMAP_LOGIN_DISABLED, (guint32)vs, (guint32)(ve - vs));
    }

    if (!early) {
        c = cmd_push(s, t, tag_end, cmd, frame);
        cmd_add_rec(c, r);
    }
    s->cli_cmd = c;
    memset(&s->args, 0, sizeof(s->args));
    s->args.cmd = cmd;
    if (ve < len)
        has_lit = command_args(s, r, t, len, ve, &s->args, &lit, &role);
    check_line(r, ln, &rules_command);

    if (has_lit && !early) {
        client_literal(s, r, &lit, role, frame);
        add_stage_next(s, r, client_literal_next(s));
        return;
    }
    if (has_lit) {
        /* answered already: the literal octets may follow anyway */
        client_literal(s, r, &lit, role, frame);
    } else {
        s->cli_cmd = NULL;
        if (ci)
            check_arg_count(s, r);
    }
    add_stage(s, r);
    if (early)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_imap_next_text(MT_IMAP_N_RETRY));
    else if (ci)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &ci->next);
    else
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_imap_next_text(MT_IMAP_N_RETRY));
}

static void
client_line(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    s->tls_switch = FALSE;
    s->said = NULL;
    switch (s->cmode) {
    case CM_CONTINUE:
        client_continue(s, ln, frame, out);
        break;
    case CM_SASL:
        client_sasl(s, ln, frame, out);
        break;
    default:
        client_command(s, ln, frame, out);
        break;
    }
}

/* ------------------------------------------------------------------------
 * Server: status responses and response codes
 * ------------------------------------------------------------------------ */

/* "[CODE data]" at t[i]; returns the position after "]" (and the space),
 * and the code's info through *out (NULL if unknown or none). */
static gsize
response_code(mt_imap *s, mt_record *r, const guint8 *t, gsize len, gsize i,
              const mt_imap_code_info **out)
{
    gsize e = i + 1, ne, ds;
    guint depth = 0;
    gboolean quoted = FALSE;
    const mt_imap_code_info *ci;
    gint it;

    *out = NULL;
    while (e < len) {
        guint8 c = t[e];
        if (quoted) {
            if (c == '\\' && e + 1 < len)
                e++;
            else if (c == '"')
                quoted = FALSE;
        } else if (c == '"') {
            quoted = TRUE;
        } else if (c == '(') {
            depth++;
        } else if (c == ')' && depth > 0) {
            depth--;
        } else if (c == ']' && depth == 0) {
            break;
        }
        e++;
    }
    ne = i + 1;
    while (ne < e && t[ne] != ' ')
        ne++;
    if (ne == i + 1) {
        mt_rec_anomaly(r, MT_A_IMAP_SYNTAX, (guint32)i, (guint32)(e - i));
        return e < len ? skip_sp(t, len, e + 1) : len;
    }
    ci = mt_imap_code_lookup(t + i + 1, ne - i - 1);
    *out = ci;
    it = mt_rec_bytes(r, -1, MT_F_IMAP_RESPONSE_CODE, (guint32)(i + 1), (guint32)(ne - i - 1), TRUE);
    if (ci)
        mt_rec_explain(r, it, (guint32)i, (guint32)(MIN(e + 1, len) - i), &ci->explanation, ci->rfc);
    else
        explain_x(r, it, (guint32)(i + 1), (guint32)(ne - i - 1), MT_IMAP_X_UNKNOWN_CODE);
    if (e >= len)
        mt_rec_anomaly(r, MT_A_IMAP_SYNTAX, (guint32)i, (guint32)(len - i));

    ds = skip_sp(t, e, ne);
    if (ds < e) {
        guint64 v = 0;
        gsize nd = parse_number(t, e, ds, &v);
        mt_imap_code_data kind = ci ? ci->data : MT_IMAP_CODE_OTHER;

        switch (kind) {
        case MT_IMAP_CODE_UIDVALIDITY:
            if (nd > 0)
                mt_rec_uint(r, it, MT_F_IMAP_UIDVALIDITY, (guint32)ds, (guint32)nd, v, NULL);
            break;
        case MT_IMAP_CODE_UIDNEXT:
            if (nd > 0)
                mt_rec_uint(r, it, MT_F_IMAP_UIDNEXT, (guint32)ds, (guint32)nd, v, NULL);
            break;
        case MT_IMAP_CODE_UNSEEN:
            if (nd > 0)
                mt_rec_uint(r, it, MT_F_IMAP_MESSAGE_NUMBER, (guint32)ds, (guint32)nd, v, NULL);
            break;
        case MT_IMAP_CODE_MODSEQ:
            if (nd > 0)
                mt_rec_uint(r, it, MT_F_IMAP_MODSEQ, (guint32)ds, (guint32)nd, v, NULL);
            break;
        case MT_IMAP_CODE_CAPABILITIES:
            set_caps(s, cap_list(s, r, it, t, e, ds));
            break;
        case MT_IMAP_CODE_FLAGS: {
            itree tr;
            tree_parse(s, &tr, t, e, ds, 0);
            flag_list(s, r, it, t, &tr, node(&tr, tr.first));
            break;
        }
        case MT_IMAP_CODE_APPENDUID:
        case MT_IMAP_CODE_COPYUID: {
            gsize k = ds, te;
            guint n = 0;
            if (nd > 0)
                mt_rec_uint(r, it, MT_F_IMAP_UIDVALIDITY, (guint32)ds, (guint32)nd, v, NULL);
            k = skip_sp(t, e, ds + nd);
            while (k < e && n < 4) {
                guint64 u = 0;
                mt_imap_expl x = kind == MT_IMAP_CODE_APPENDUID ? MT_IMAP_X_APPEND_UID
                                 : n == 0 ? MT_IMAP_X_COPY_SOURCE : MT_IMAP_X_COPY_TARGET;
                gint ui;
                te = token_end(t, e, k);
                if (parse_number(t, te, k, &u) == te - k)
                    ui = mt_rec_uint(r, it, MT_F_IMAP_UID, (guint32)k, (guint32)(te - k), u, NULL);
                else
                    ui = mt_rec_bytes(r, it, MT_F_IMAP_SEQUENCE_SET, (guint32)k, (guint32)(te - k), FALSE);
                if (n < 2)
                    mt_rec_text(r, ui, MT_F_EXPLANATION, (guint32)k, (guint32)(te - k), mt_imap_expl_text(x));
                n++;
                k = skip_sp(t, e, te);
            }
            break;
        }
        default:
            mt_rec_bytes(r, it, MT_F_IMAP_RESPONSE_CODE_DATA, (guint32)ds, (guint32)(e - ds), FALSE);
            break;
        }
    }
    return e < len ? skip_sp(t, len, e + 1) : len;
}

/* "OK [code] text" at t[i..]: status, code and text itemised. */
static mt_imap_status
status_response(mt_imap *s, mt_record *r, const guint8 *t, gsize len, gsize i, gboolean tagged,
                const mt_imap_code_info **code)
{
    gsize we = token_end(t, len, i);
    const mt_imap_status_info *si = mt_imap_status_lookup(t + i, we - i);
    gint it;

    *code = NULL;
    if (si == NULL)
        return MT_IMAP_STATUS_NONE;
    it = mt_rec_bytes(r, -1, MT_F_IMAP_STATUS, (guint32)i, (guint32)(we - i), TRUE);
    mt_rec_explain(r, it, (guint32)i, (guint32)(we - i), tagged ? &si->tagged : &si->untagged, si->rfc);
    i = skip_sp(t, len, we);
    if (i < len && t[i] == '[')
        i = response_code(s, r, t, len, i, code);
    if (i < len) {
        it = mt_rec_bytes(r, -1, MT_F_IMAP_RESPONSE_TEXT, (guint32)i, (guint32)(len - i), FALSE);
        if (!s->said_text) {
            explain_x(r, it, (guint32)i, (guint32)(len - i), MT_IMAP_X_RESPONSE_TEXT);
            s->said_text = TRUE;
        }
    }
    switch (si->id) {
    case MT_IMAP_STATUS_NO:
        mt_rec_anomaly(r, MT_A_IMAP_NO, 0, 0);
        break;
    case MT_IMAP_STATUS_BAD:
        mt_rec_anomaly(r, MT_A_IMAP_BAD, 0, 0);
        break;
    default:
        break;
    }
    if (*code && strcmp((*code)->name, "ALERT") == 0)
        mt_rec_anomaly(r, MT_A_IMAP_ALERT, 0, 0);
    return si->id;
}

static void
cancel_client_literal(mt_imap *s, mt_record *r)
{
    imap_literal *L = &s->lit[MT_DIR_CLIENT];

    if (!L->want_plus || L->got > 0)
        return;
    /* the client does not send a literal that the server refused; the
     * line buffer was told to expect it, so take that back */
    mt_linebuf_cancel_raw(&s->lb[MT_DIR_CLIENT]);
    L->active = FALSE;
    L->want_plus = FALSE;
    s->cmode = CM_COMMAND;
    explain_x(r, -1, 0, 0, MT_IMAP_X_LITERAL_NOT_SENT);
}

/* A tagged completion moves the session on. */
static void
apply_completion(mt_imap *s, const imap_cmd *c, mt_imap_status st, const mt_imap_code_info *code)
{
    mt_imap_cmd cmd = effective(c);
    guint8 states = 0;
    const mt_imap_command_info *ci = mt_imap_command_get(cmd);

    if (ci)
        states = ci->states;
    switch (cmd) {
    case MT_IMAP_CMD_LOGIN:
    case MT_IMAP_CMD_AUTHENTICATE:
        s->authenticating = FALSE;
        if (s->cmode == CM_SASL)
            s->cmode = CM_COMMAND;
        if (st == MT_IMAP_STATUS_OK) {
            s->state = IS_AUTH;
            s->certain = TRUE;
        }
        return;
    case MT_IMAP_CMD_SELECT:
    case MT_IMAP_CMD_EXAMINE:
        if (st != MT_IMAP_STATUS_OK)
            s->exists_known = FALSE;
        if (st == MT_IMAP_STATUS_OK) {
            s->state = IS_SELECTED;
            s->certain = TRUE;
            s->read_only = cmd == MT_IMAP_CMD_EXAMINE
                           || (code && strcmp(code->name, "READ-ONLY") == 0);
        } else if (st == MT_IMAP_STATUS_NO && (s->state == IS_SELECTED || s->state == IS_AUTH)) {
            s->state = IS_AUTH;
        }
        return;
    case MT_IMAP_CMD_CLOSE:
    case MT_IMAP_CMD_UNSELECT:
        if (st == MT_IMAP_STATUS_OK) {
            s->exists_known = FALSE;
            s->state = IS_AUTH;
            s->certain = TRUE;
        }
        return;
    case MT_IMAP_CMD_UNAUTHENTICATE:
        if (st == MT_IMAP_STATUS_OK)
            s->state = IS_NOT_AUTH;
        return;
    case MT_IMAP_CMD_LOGOUT:
        s->state = IS_LOGOUT;
        s->closed = TRUE;
        return;
    case MT_IMAP_CMD_STARTTLS:
        if (st == MT_IMAP_STATUS_OK) {
            s->tls_on = TRUE;
            s->tls_switch = TRUE;
            s->caps_known = FALSE;
            s->caps = 0;
        }
        return;
    case MT_IMAP_CMD_IDLE:
        s->idling = FALSE;
        return;
    case MT_IMAP_CMD_COMPRESS:
        /* both sides compress right after this line (RFC 4978 §3) */
        if (st == MT_IMAP_STATUS_OK)
            s->compressed[MT_DIR_CLIENT] = s->compressed[MT_DIR_SERVER] = TRUE;
        return;
    default:
        /* a command valid only in the selected state worked: a mailbox is
         * selected, whatever the capture missed */
        if (st == MT_IMAP_STATUS_OK && states == MT_IMAP_IN_SELECTED && s->state != IS_SELECTED
            && s->state != IS_LOGOUT) {
            s->state = IS_SELECTED;
            s->certain = TRUE;
        }
        return;
    }
}

static mt_imap_next
next_after(const mt_imap *s, mt_imap_status st)
{
    if (s->closed || s->tls_switch)
        return next_for_state(s);
    if (has_other_pending(s))
        return MT_IMAP_N_PENDING;
    if (st == MT_IMAP_STATUS_BAD)
        return MT_IMAP_N_RETRY;
    return next_for_state(s);
}

/* "tag OK/NO/BAD ..." */
static void
server_tagged(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out, gsize tag_end)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, i = skip_sp(t, len, tag_end);
    mt_record *r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, MT_IMAP_L_TAGGED, out);
    imap_cmd *c = cmd_by_tag(s, t, tag_end);
    const mt_imap_code_info *code;
    mt_imap_status st;
    gint it;

    it = mt_rec_bytes(r, -1, MT_F_IMAP_TAG, 0, (guint32)tag_end, FALSE);
    if (!s->said_rtag) {
        explain_x(r, it, 0, (guint32)tag_end, MT_IMAP_X_TAG_RESPONSE);
        s->said_rtag = TRUE;
    }
    st = status_response(s, r, t, len, i, TRUE, &code);
    if (st == MT_IMAP_STATUS_NONE || st == MT_IMAP_STATUS_PREAUTH || st == MT_IMAP_STATUS_BYE) {
        mt_rec_anomaly(r, MT_A_IMAP_RESPONSE_INVALID, 0, 0);
        check_line(r, ln, &rules_response);
        add_stage_next(s, r, next_for_state(s));
        return;
    }
    if (c == NULL) {
        if (s->certain) {
            mt_rec_anomaly(r, MT_A_IMAP_TAG_UNMATCHED, 0, (guint32)tag_end);
            if (st != MT_IMAP_STATUS_OK) {
                explain_x(r, -1, 0, 0, MT_IMAP_X_MAYBE_EARLY);
                s->orphan_valid = TRUE;
                s->orphan_len = (guint8)MIN(tag_end, (gsize)IMAP_MAX_TAG);
                memcpy(s->orphan_tag, t, s->orphan_len);
                s->orphan_frame = frame;
            }
        } else {
            explain_x(r, -1, 0, 0, MT_IMAP_X_UNMATCHED);
            if (!s->seen[MT_DIR_SERVER] && !s->seen[MT_DIR_CLIENT])
                mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
        }
        check_line(r, ln, &rules_response);
        add_stage_next(s, r, next_for_state(s));
        return;
    }

    r->req_frame = c->frame;
    {
        guint k;
        for (k = 0; k < c->n_recs; k++)
            c->recs[k]->resp_frame = frame;
    }
    {
        const mt_text *meaning = mt_imap_context_lookup(effective(c), st);
        const mt_imap_command_info *ci = mt_imap_command_get(effective(c));
        if (meaning == NULL)
            meaning = mt_imap_context_lookup(MT_IMAP_CMD_UNKNOWN, st);
        if (meaning)
            mt_rec_explain(r, -1, 0, 0, meaning, ci ? ci->rfc : NULL);
    }
    if (s->cli_cmd == c && st != MT_IMAP_STATUS_OK)
        cancel_client_literal(s, r);
    apply_completion(s, c, st, code);
    g_queue_remove(&s->pending, c);
    cmd_forget(s, c);
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, next_after(s, st));
}

/* ------------------------------------------------------------------------
 * Server: untagged data
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

/* One node at the level of a FETCH response's data items: a name, or the
 * value of the name before it. A literal value sets c->role. */
static void
fetch_level_node(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr, const inode *nd,
                 resp_ctx *c, gint *item_it)
{
    if (!c->want_value) {
        if (nd->kind == N_ATOM) {
            c->item = fetch_name(s, r, t, nd, item_it);
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

/* The data of an untagged response: one top-level node (argument) at a
 * time, with the argument count kept across literals. A literal read
 * here sets c->role. */
static void
data_arg(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr, const inode *nd, resp_ctx *c,
         gint *item_it)
{
    switch (c->ut) {
    case MT_IMAP_UT_FETCH:
        if (nd->kind == N_LIST && c->argn == 0) {
            gint k;
            guint n = 0;
            for (k = nd->child; k >= 0 && n++ < IMAP_MAX_NODES; k = tr->n[k].next)
                fetch_level_node(s, r, t, tr, &tr->n[k], c, item_it);
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_UT_FLAGS:
        flag_list(s, r, -1, t, tr, nd);
        break;
    case MT_IMAP_UT_LIST:
    case MT_IMAP_UT_LSUB:
    case MT_IMAP_UT_XLIST:
        if (c->argn == 0 && nd->kind == N_LIST) {
            gint k;
            guint n = 0;
            for (k = nd->child; k >= 0 && n++ < IMAP_MAX_LIST_ITEMS; k = tr->n[k].next) {
                const inode *a = &tr->n[k];
                const mt_imap_word_info *wi = mt_imap_list_attr_lookup(t + a->off, a->len);
                gint it = mt_rec_bytes(r, -1, MT_F_IMAP_LIST_ATTRIBUTE, a->off, a->len, FALSE);
                if (wi) {
                    if (first_time(s->said ? &s->said->attrs : NULL,
                                   (gsize)(wi - mt_imap_list_attrs(NULL))))
                        mt_rec_explain(r, it, a->off, a->len, &wi->explanation, wi->rfc);
                } else
                    explain_x(r, it, a->off, a->len, MT_IMAP_X_UNKNOWN_ATTR);
            }
        } else if (c->argn == 1) {
            gint it = string_item(r, -1, MT_F_IMAP_LIST_DELIMITER, t, nd);
            if (it >= 0)
                explain_x(r, it, nd->off, nd->len, MT_IMAP_X_DELIMITER);
        } else if (c->argn == 2) {
            string_item(r, -1, MT_F_IMAP_MAILBOX, t, nd);
            if (nd->kind == N_LITERAL)
                c->role = LIT_MAILBOX;
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_UT_STATUS:
        if (c->argn == 0) {
            string_item(r, -1, MT_F_IMAP_MAILBOX, t, nd);
            if (nd->kind == N_LITERAL)
                c->role = LIT_MAILBOX;
        } else if (nd->kind == N_LIST) {
            gint k;
            guint n = 0;
            for (k = nd->child; k >= 0 && n++ < IMAP_MAX_LIST_ITEMS; k = tr->n[k].next) {
                const inode *a = &tr->n[k];
                const inode *v = node(tr, a->next);
                const mt_imap_word_info *wi = mt_imap_status_item_lookup(t + a->off, a->len);
                gint it = mt_rec_bytes(r, -1, MT_F_IMAP_STATUS_ITEM, a->off, a->len, TRUE);
                if (wi) {
                    if (first_time(s->said ? &s->said->sitems : NULL,
                                   (gsize)(wi - mt_imap_status_items(NULL))))
                        mt_rec_explain(r, it, a->off, a->len, &wi->explanation, wi->rfc);
                } else
                    explain_x(r, it, a->off, a->len, MT_IMAP_X_UNKNOWN_STATUS_ITEM);
                if (v == NULL)
                    break;
                if (v->kind == N_NUMBER)
                    mt_rec_uint(r, it, MT_F_IMAP_STATUS_VALUE, v->off, v->len, v->num, NULL);
                k = a->next;
            }
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_UT_SEARCH:
    case MT_IMAP_UT_SORT:
        if (nd->kind == N_NUMBER)
            mt_rec_uint(r, -1, MT_F_IMAP_SEARCH_RESULT, nd->off, nd->len, nd->num, NULL);
        else if (nd->kind == N_LIST && nth_child(tr, nd, 1) && nth_child(tr, nd, 1)->kind == N_NUMBER)
            mt_rec_uint(r, -1, MT_F_IMAP_MODSEQ, nth_child(tr, nd, 1)->off, nth_child(tr, nd, 1)->len,
                        nth_child(tr, nd, 1)->num, NULL);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_UT_CAPABILITY:
    case MT_IMAP_UT_ENABLED:
        if (nd->kind == N_ATOM || nd->kind == N_NUMBER)
            cap_item(s, r, -1, t, nd->off, nd->off + nd->len);
        else
            argument_item(r, nd);
        break;
    case MT_IMAP_UT_NAMESPACE:
        if (c->argn < 3) {
            static const mt_imap_expl xs[3] = {
                MT_IMAP_X_NAMESPACE_PERSONAL, MT_IMAP_X_NAMESPACE_OTHER, MT_IMAP_X_NAMESPACE_SHARED
            };
            if (nd->kind == N_LIST) {
                gint k;
                guint n = 0;
                for (k = nd->child; k >= 0 && n++ < IMAP_MAX_LIST_ITEMS; k = tr->n[k].next) {
                    const inode *d = &tr->n[k];
                    char *prefix = node_string(t, nth_child(tr, d, 0));
                    char *delim = node_string(t, nth_child(tr, d, 1));
                    gint it = mt_rec_owned(r, -1, MT_F_IMAP_NAMESPACE, d->off, d->len,
                                           g_strdup_printf("prefix \"%s\", delimiter %s%s%s",
                                                           prefix ? prefix : "", delim ? "\"" : "",
                                                           delim ? delim : "NIL", delim ? "\"" : ""));
                    explain_x(r, it, d->off, d->len, xs[c->argn]);
                    g_free(prefix);
                    g_free(delim);
                }
            } else {
                gint it = mt_rec_cstr(r, -1, MT_F_IMAP_NAMESPACE, nd->off, nd->len, "NIL");
                explain_x(r, it, nd->off, nd->len, xs[c->argn]);
            }
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_UT_ID:
        id_params(r, t, tr, nd);
        break;
    case MT_IMAP_UT_ESEARCH:
        if (nd->kind == N_ATOM && mt_ci_eq(t + nd->off, nd->len, "COUNT") && node(tr, nd->next)
            && node(tr, nd->next)->kind == N_NUMBER) {
            const inode *v = node(tr, nd->next);
            mt_rec_uint(r, -1, MT_F_IMAP_COUNT, v->off, v->len, v->num, NULL);
        }
        argument_item(r, nd);
        break;
    default:
        if (nd->kind == N_QUOTED || nd->kind == N_ATOM)
            string_item(r, -1, MT_F_IMAP_ARGUMENT, t, nd);
        else
            argument_item(r, nd);
        break;
    }
}

/* Data after the keyword of an untagged response (or of its continuation
 * after a literal, with c->depth lists still open). Returns TRUE, with
 * the literal and its role, when a literal ends the line. */
static gboolean
data_args(mt_imap *s, mt_record *r, const guint8 *t, gsize len, gsize i, resp_ctx *c,
          inode *lit, lit_role *role)
{
    itree tr;
    gint k, item_it = -1;
    guint n = 0, outer = c->depth;

    tree_parse(s, &tr, t, len, i, outer);
    c->role = LIT_STRING;
    for (k = tr.first; k >= 0 && n++ < IMAP_MAX_NODES; k = tr.n[k].next) {
        const inode *nd = &tr.n[k];
        guint at = outer > nd->outer ? outer - nd->outer : 0;

        if (at == 0) {
            data_arg(s, r, t, &tr, nd, c, &item_it);
            c->argn++;
        } else if (c->ut == MT_IMAP_UT_FETCH && at == 1) {
            fetch_level_node(s, r, t, &tr, nd, c, &item_it);
        } else if (nd->kind == N_LITERAL) {
            /* inside a value that an earlier line opened */
            literal_item(r, -1, nd, FALSE);
        } else {
            string_item(r, -1, MT_F_IMAP_ARGUMENT, t, nd);
        }
    }
    if (c->ut == MT_IMAP_UT_FETCH && outer > 0 && tr.closed_outer >= outer)
        explain_x(r, -1, 0, 0, MT_IMAP_X_FETCH_END);
    if (tr.too_deep)
        mt_rec_anomaly(r, MT_A_IMAP_TOO_DEEP, 0, 0);
    if (tr.bad || tr.capped)
        mt_rec_anomaly(r, MT_A_IMAP_SYNTAX, 0, 0);
    *role = c->role;
    /* a literal nested in a value (an ENVELOPE subject ...) is a string */
    if (tr.has_lit) {
        guint at = (outer > tr.closed_outer ? outer - tr.closed_outer : 0) + tr.lit.depth;
        if (at != (c->ut == MT_IMAP_UT_FETCH ? 1u : 0u))
            *role = LIT_STRING;
        *lit = tr.lit;
    }
    c->depth = (outer > tr.closed_outer ? outer - tr.closed_outer : 0) + tr.open;
    if (c->ut == MT_IMAP_UT_FETCH && c->depth > 1)
        c->want_value = FALSE;  /* inside a value: the next name comes after it */
    return tr.has_lit;
}

static void
server_literal(mt_imap *s, const inode *lit, lit_role role, guint32 frame)
{
    literal_start(s, MT_DIR_SERVER, lit, role, frame, s->resp.req_frame);
    s->resp.active = TRUE;
}

/* Codes that describe a mailbox being selected (RFC 9051 §6.3.2). */
static gboolean
select_code(const mt_imap_code_info *code)
{
    static const char *const names[] = {
        "CLOSED", "NOMODSEQ", "READ-ONLY", "READ-WRITE", "UIDNOTSTICKY", "HIGHESTMODSEQ"
    };
    guint i;

    if (code == NULL)
        return FALSE;
    switch (code->data) {
    case MT_IMAP_CODE_UIDVALIDITY:
    case MT_IMAP_CODE_UIDNEXT:
    case MT_IMAP_CODE_UNSEEN:
    case MT_IMAP_CODE_FLAGS:
        return TRUE;
    default:
        break;
    }
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (strcmp(code->name, names[i]) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Link an untagged response to the command it belongs to; explain when
 * it is unsolicited. */
static void
link_untagged(mt_imap *s, mt_record *r, mt_imap_untagged ut, const mt_imap_code_info *code)
{
    imap_cmd *c = NULL;

    if (select_code(code)) {
        c = cmd_by_kind(s, MT_IMAP_CMD_SELECT);
        if (c == NULL)
            c = cmd_by_kind(s, MT_IMAP_CMD_EXAMINE);
    }
    if (c == NULL && ut != MT_IMAP_UT_UNKNOWN)
        c = owner_of(s, ut);
    if (c == NULL && code && strcmp(code->name, "COPYUID") == 0)
        c = cmd_by_kind(s, MT_IMAP_CMD_MOVE);
    if (c == NULL && ut == MT_IMAP_UT_UNKNOWN) {
        GList *l;
        for (l = s->pending.head; l && c == NULL; l = l->next) {
            if (((imap_cmd *)l->data)->cmd != MT_IMAP_CMD_CONNECT)
                c = l->data;
        }
    }
    if (c) {
        r->req_frame = c->frame;
        s->said = &c->said;
        s->resp.req_frame = c->frame;
        s->resp.uid = c->cmd == MT_IMAP_CMD_UID;
        if (c->cmd == MT_IMAP_CMD_IDLE && s->idling)
            explain_x(r, -1, 0, 0, MT_IMAP_X_PUSHED_IDLE);
        return;
    }
    s->resp.req_frame = 0;
    s->resp.uid = FALSE;
    if (ut != MT_IMAP_UT_UNKNOWN || code)
        explain_x(r, -1, 0, 0, MT_IMAP_X_UNSOLICITED);
}

/* The response code after "OK " at t[i..], without itemising it. */
static const mt_imap_code_info *
peek_code(const guint8 *t, gsize len, gsize i)
{
    gsize e;

    i = skip_sp(t, len, i);
    if (i >= len || t[i] != '[')
        return NULL;
    for (e = i + 1; e < len && t[e] != ' ' && t[e] != ']'; e++)
        ;
    return mt_imap_code_lookup(t + i + 1, e - i - 1);
}

static mt_imap_next
next_untagged(const mt_imap *s)
{
    if (s->closed)
        return MT_IMAP_N_CLOSE;
    if (s->idling)
        return MT_IMAP_N_IDLE;
    if (has_other_pending(s))
        return MT_IMAP_N_MORE_DATA;
    return next_for_state(s);
}

static void
server_untagged(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, i = skip_sp(t, len, 1), ke, ns = 0, nn = 0;
    guint64 num = 0;
    const mt_imap_status_info *si;
    const mt_imap_untagged_info *ui;
    imap_cmd *head = g_queue_peek_head(&s->pending);
    gboolean greeting = head && head->cmd == MT_IMAP_CMD_CONNECT && !s->seen[MT_DIR_SERVER];
    mt_record *r;
    gint it;

    if (i < len && g_ascii_isdigit(t[i])) {
        ns = i;
        nn = parse_number(t, len, i, &num);
        i = skip_sp(t, len, i + (nn ? nn : 1));
    }
    ke = token_end(t, len, i);
    si = nn == 0 ? mt_imap_status_lookup(t + i, ke - i) : NULL;
    ui = si ? NULL : mt_imap_untagged_lookup(t + i, ke - i);
    if (ui && ui->numbered != (nn > 0))
        ui = NULL;

    if (greeting && !(si && (si->id == MT_IMAP_STATUS_OK || si->id == MT_IMAP_STATUS_PREAUTH
                             || si->id == MT_IMAP_STATUS_BYE))) {
        /* not a greeting: the capture starts in the middle of the session */
        cmd_forget(s, g_queue_pop_head(&s->pending));
        s->certain = FALSE;
        s->state = IS_UNKNOWN;
        greeting = FALSE;
        head = NULL;
    }

    r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY,
                    greeting ? MT_IMAP_L_GREETING : MT_IMAP_L_UNTAGGED, out);
    if (!s->seen[MT_DIR_SERVER] && !greeting && !s->seen[MT_DIR_CLIENT]) {
        explain_x(r, -1, 0, 0, MT_IMAP_X_MIDSESSION);
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
    if (!s->said_untagged) {
        explain_x(r, -1, 0, 1, MT_IMAP_X_UNTAGGED);
        s->said_untagged = TRUE;
    }

    if (si) {
        const mt_imap_code_info *code;
        mt_imap_status st;

        /* link first, so that the answer's explanations are not repeated */
        if (!greeting && si->id != MT_IMAP_STATUS_BYE)
            link_untagged(s, r, MT_IMAP_UT_UNKNOWN, peek_code(t, len, ke));
        st = status_response(s, r, t, len, i, FALSE, &code);

        if (greeting) {
            const mt_imap_command_info *ci = mt_imap_command_get(MT_IMAP_CMD_CONNECT);
            const mt_text *meaning = mt_imap_context_lookup(MT_IMAP_CMD_CONNECT, st);
            if (meaning)
                mt_rec_explain(r, -1, 0, 0, meaning, ci->rfc);
            cmd_forget(s, g_queue_pop_head(&s->pending));
            s->certain = TRUE;
            s->state = st == MT_IMAP_STATUS_PREAUTH ? IS_AUTH
                       : st == MT_IMAP_STATUS_BYE ? IS_LOGOUT : IS_NOT_AUTH;
            if (st == MT_IMAP_STATUS_BYE)
                s->closed = TRUE;
        } else {
            if (st == MT_IMAP_STATUS_PREAUTH)
                mt_rec_anomaly(r, MT_A_IMAP_RESPONSE_INVALID, 0, 0);
            if (st == MT_IMAP_STATUS_BYE) {
                imap_cmd *lo = cmd_by_kind(s, MT_IMAP_CMD_LOGOUT);
                if (lo) {
                    r->req_frame = lo->frame;
                } else {
                    /* not asked for: nothing more will come */
                    mt_rec_anomaly(r, MT_A_IMAP_BYE, 0, 0);
                    s->closed = TRUE;
                }
                s->state = IS_LOGOUT;
            }
        }
        check_line(r, ln, &rules_response);
        add_stage_next(s, r, greeting ? next_for_state(s) : next_untagged(s));
        return;
    }

    memset(&s->resp, 0, sizeof(s->resp));
    s->resp.ut = ui ? ui->id : MT_IMAP_UT_UNKNOWN;
    link_untagged(s, r, s->resp.ut, NULL);
    if (ke > i) {
        it = mt_rec_bytes(r, -1, MT_F_IMAP_UNTAGGED, (guint32)i, (guint32)(ke - i), TRUE);
        if (ui) {
            mt_rec_explain(r, it, (guint32)i, (guint32)(ke - i), &ui->explanation, ui->rfc);
        } else {
            explain_x(r, it, (guint32)i, (guint32)(ke - i), MT_IMAP_X_UNKNOWN_UNTAGGED);
            mt_rec_anomaly(r, MT_A_IMAP_UNKNOWN_UNTAGGED, (guint32)i, (guint32)(ke - i));
        }
    } else {
        explain_x(r, -1, 0, 0, MT_IMAP_X_BAD_RESPONSE);
        mt_rec_anomaly(r, MT_A_IMAP_RESPONSE_INVALID, 0, 0);
    }
    if (nn > 0) {
        mt_field f = (ui && (ui->id == MT_IMAP_UT_EXISTS || ui->id == MT_IMAP_UT_RECENT))
                     ? MT_F_IMAP_COUNT : MT_F_IMAP_MESSAGE_NUMBER;
        it = mt_rec_uint(r, -1, f, (guint32)ns, (guint32)nn, num, NULL);
        if (ui && ui->id == MT_IMAP_UT_EXISTS) {
            s->exists = num;
            s->exists_known = TRUE;
        } else if (ui && ui->id == MT_IMAP_UT_EXPUNGE && s->exists > 0) {
            s->exists--;
        }
        if (f == MT_F_IMAP_MESSAGE_NUMBER && !s->said_msgno) {
            explain_x(r, it, (guint32)ns, (guint32)nn, MT_IMAP_X_MSGNO);
            s->said_msgno = TRUE;
        }
    }
    if (ui && ui->id == MT_IMAP_UT_CAPABILITY) {
        set_caps(s, cap_list(s, r, -1, t, len, ke));
    } else if (ke < len) {
        lit_role role;
        inode lit;
        if (data_args(s, r, t, len, ke, &s->resp, &lit, &role))
            server_literal(s, &lit, role, frame);
    }
    if (ui && ui->id == MT_IMAP_UT_SEARCH && s->resp.uid)
        explain_x(r, -1, 0, 0, MT_IMAP_X_UIDSET);
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, s->resp.active ? MT_IMAP_N_SERVER_LITERAL : next_untagged(s));
}

/* The explanations already given in the answer to the command of frame. */
static said_set *
said_of_frame(mt_imap *s, guint32 frame)
{
    GList *l;

    if (frame == 0)
        return NULL;
    for (l = s->pending.head; l; l = l->next) {
        imap_cmd *c = l->data;
        if (c->frame == frame)
            return &c->said;
    }
    return NULL;
}

/* The rest of a response after a literal. */
static void
server_continue(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, MT_IMAP_L_RESPONSE_CONT, out);
    lit_role role;
    inode lit;

    s->resp.active = FALSE;
    r->req_frame = s->resp.req_frame;
    s->said = said_of_frame(s, s->resp.req_frame);
    explain_x(r, -1, 0, 0, MT_IMAP_X_SERVER_LINE_GOES_ON);
    if (data_args(s, r, ln->text, ln->len, 0, &s->resp, &lit, &role))
        server_literal(s, &lit, role, frame);
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, s->resp.active ? MT_IMAP_N_SERVER_LITERAL : next_untagged(s));
}

/* "+ text": the server waits for more from the client. */
static void
server_plus(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, i = skip_sp(t, len, 1);
    mt_record *r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, MT_IMAP_L_CONTINUATION, out);
    imap_literal *L = &s->lit[MT_DIR_CLIENT];
    imap_cmd *idle = cmd_by_kind(s, MT_IMAP_CMD_IDLE);
    imap_cmd *auth = cmd_by_kind(s, MT_IMAP_CMD_AUTHENTICATE);
    mt_imap_next next;

    explain_x(r, -1, 0, 1, MT_IMAP_X_CONTINUATION);
    if (i < len)
        mt_rec_bytes(r, -1, MT_F_IMAP_CONTINUATION, (guint32)i, (guint32)(len - i), FALSE);

    if (L->want_plus && L->got == 0) {
        L->want_plus = FALSE;
        L->waited = TRUE;
        r->req_frame = L->announce_frame;
        explain_x(r, -1, 0, 0, MT_IMAP_X_CONT_LITERAL);
        next = MT_IMAP_N_LITERAL_GO;
    } else if (idle && !s->idling) {
        s->idling = TRUE;
        r->req_frame = idle->frame;
        explain_x(r, -1, 0, 0, MT_IMAP_X_CONT_IDLE);
        next = MT_IMAP_N_IDLE;
    } else if (auth) {
        s->authenticating = TRUE;
        s->cmode = CM_SASL;
        s->cli_cmd = auth;
        r->req_frame = auth->frame;
        explain_x(r, -1, 0, 0, MT_IMAP_X_CONT_SASL);
        next = MT_IMAP_N_SASL;
    } else {
        mt_rec_anomaly(r, MT_A_IMAP_CONTINUATION_UNEXPECTED, 0, 1);
        next = next_for_state(s);
    }
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, next);
}

static void
server_line(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, tag_end = 0;
    mt_record *r;

    s->tls_switch = FALSE;
    s->said = NULL;
    if (s->resp.active) {
        server_continue(s, ln, frame, out);
        return;
    }
    if (len >= 1 && t[0] == '+') {
        server_plus(s, ln, frame, out);
        return;
    }
    if (len >= 1 && t[0] == '*' && (len == 1 || t[1] == ' ')) {
        server_untagged(s, ln, frame, out);
        return;
    }
    while (tag_end < len && is_tag_char(t[tag_end]))
        tag_end++;
    if (tag_end > 0 && tag_end < len && t[tag_end] == ' ') {
        gsize ws = skip_sp(t, len, tag_end);
        if (mt_imap_status_lookup(t + ws, token_end(t, len, ws) - ws)) {
            if (!s->seen[MT_DIR_SERVER] && g_queue_peek_head(&s->pending)
                && ((imap_cmd *)g_queue_peek_head(&s->pending))->cmd == MT_IMAP_CMD_CONNECT) {
                cmd_forget(s, g_queue_pop_head(&s->pending));
                s->certain = FALSE;
                s->state = IS_UNKNOWN;
            }
            server_tagged(s, ln, frame, out, tag_end);
            return;
        }
    }
    /* not a response */
    r = line_record(ln, MT_DIR_SERVER, frame, MT_R_UNKNOWN, MT_IMAP_L_UNKNOWN, out);
    if (!s->seen[MT_DIR_SERVER] && !s->seen[MT_DIR_CLIENT]) {
        if (g_queue_peek_head(&s->pending)
            && ((imap_cmd *)g_queue_peek_head(&s->pending))->cmd == MT_IMAP_CMD_CONNECT)
            cmd_forget(s, g_queue_pop_head(&s->pending));
        s->certain = FALSE;
        s->state = IS_UNKNOWN;
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
    if (!s->certain) {
        explain_x(r, -1, 0, 0, MT_IMAP_X_MAYBE_LITERAL);
    } else {
        explain_x(r, -1, 0, 0, MT_IMAP_X_BAD_RESPONSE);
        mt_rec_anomaly(r, MT_A_IMAP_RESPONSE_INVALID, 0, 0);
    }
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, next_for_state(s));
}

/* ------------------------------------------------------------------------
 * Feeding
 * ------------------------------------------------------------------------ */

mt_imap *
mt_imap_new(void)
{
    mt_imap *s = g_new0(mt_imap, 1);

    mt_linebuf_init(&s->lb[0]);
    mt_linebuf_init(&s->lb[1]);
    g_queue_init(&s->pending);
    s->state = IS_CONNECTED;
    s->certain = TRUE;
    cmd_push(s, (const guint8 *)"", 0, MT_IMAP_CMD_CONNECT, 0);
    return s;
}

void
mt_imap_free(mt_imap *s)
{
    if (s == NULL)
        return;
    mt_linebuf_clear(&s->lb[0]);
    mt_linebuf_clear(&s->lb[1]);
    g_queue_clear_full(&s->pending, g_free);
    g_free(s->nodes);
    g_free(s);
}

/* Octets after COMPRESS: counted, not read. */
static void
compressed_piece(mt_imap *s, mt_dir dir, guint32 frame, gsize off, gsize len, GPtrArray *out)
{
    mt_record *r = mt_record_new(MT_PROTO_IMAP, dir, MT_R_RAW, frame);

    r->chunk_off = (guint32)off;
    r->chunk_len = (guint32)len;
    r->line_len = r->chunk_len;
    r->label = mt_imap_label_text(MT_IMAP_L_COMPRESSED);
    g_ptr_array_add(out, r);
    mt_rec_uint_fmt(r, -1, MT_F_DATA_CHUNK, 0, 0, len, MT_FMT_OCTETS, NULL);
    explain_x(r, -1, 0, 0, MT_IMAP_X_COMPRESSED);
    add_stage_next(s, r, MT_IMAP_N_COMPRESSED);
}

void
mt_imap_feed(mt_imap *s, mt_dir dir, guint32 frame, const guint8 *data, gsize len, GPtrArray *out)
{
    gsize pos = 0;
    mt_line ln;
    mt_ln_result res;
    mt_linebuf *lb;

    dir = dir == MT_DIR_SERVER ? MT_DIR_SERVER : MT_DIR_CLIENT;
    lb = &s->lb[dir];
    while (!s->compressed[dir] && (res = mt_linebuf_next(lb, data, len, &pos, &ln)) != MT_LN_END) {
        if (res == MT_LN_RAW) {
            literal_piece(s, dir, &ln, frame, out);
            continue;
        }
        if (dir == MT_DIR_CLIENT)
            client_line(s, &ln, frame, out);
        else
            server_line(s, &ln, frame, out);
        s->seen[dir] = TRUE;
    }
    if (s->compressed[dir]) {
        if (pos < len)
            compressed_piece(s, dir, frame, pos, len - pos, out);
        return;
    }
    /* a line typed one key per segment: say why it is not explained yet */
    mt_linecheck_unfinished(MT_PROTO_IMAP, dir, frame, lb, out);
}

gboolean
mt_imap_tls_accept(const mt_imap *s, mt_dir dir, const guint8 *data, gsize len)
{
    const imap_cmd *c = NULL;
    GList *l;
    gsize i = 0;
    guint lines = 0;

    if (dir != MT_DIR_SERVER || s->resp.active || mt_linebuf_has_partial(&s->lb[1])
        || mt_linebuf_raw_left(&s->lb[1]) > 0)
        return FALSE;
    for (l = s->pending.head; l; l = l->next) {
        if (((const imap_cmd *)l->data)->cmd == MT_IMAP_CMD_STARTTLS) {
            c = l->data;
            break;
        }
    }
    if (c == NULL || c->tag_len == 0)
        return FALSE;
    /* untagged lines may come first; then the tagged OK (RFC 9051 §6.2.1) */
    while (i + 2 <= len && data[i] == '*' && data[i + 1] == ' ' && lines++ < IMAP_MAX_LINES_SCANNED) {
        const guint8 *lf = memchr(data + i, '\n', len - i);
        if (lf == NULL)
            return FALSE;
        i = (gsize)(lf - data) + 1;
    }
    if (len - i < (gsize)c->tag_len + 3 || memcmp(data + i, c->tag, c->tag_len) != 0)
        return FALSE;
    i += c->tag_len;
    if (data[i] != ' ')
        return FALSE;
    i = skip_sp(data, len, i);
    if (len - i < 2 || g_ascii_toupper(data[i]) != 'O' || g_ascii_toupper(data[i + 1]) != 'K')
        return FALSE;
    i += 2;
    return i == len || data[i] == ' ' || data[i] == '\r' || data[i] == '\n';
}
