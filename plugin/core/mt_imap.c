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
 *
 * This file holds the session: its creation, the feeding of both
 * directions, the stage and next-step texts and the queue of commands in
 * progress. The parts it drives are listed in mt_imap_int.h.
 */
#include "mt_imap.h"

#include <string.h>

#include "mt_imap_int.h"
#include "mt_mime.h"
#include "mt_lines.h"

const mt_linecheck_rules rules_command = {
    IMAP_MAX_COMMAND_LINE, NULL, "RFC 7162 §4", NULL, "RFC 9051 §2.2", TRUE
};

const mt_linecheck_rules rules_response = {
    0, NULL, NULL, NULL, "RFC 9051 §2.2", TRUE
};

/* ------------------------------------------------------------------------
 * Records and texts
 * ------------------------------------------------------------------------ */

void
explain_x(mt_record *r, gint parent, guint32 off, guint32 len, mt_imap_expl x)
{
    mt_rec_explain(r, parent, off, len, mt_imap_expl_text(x), mt_imap_expl_rfc(x));
}

/* The line's own explanation and its short meaning. */
void
explain_line(mt_record *r, guint32 off, guint32 len, mt_imap_expl x)
{
    explain_x(r, -1, off, len, x);
    mt_rec_summary(r, mt_imap_expl_summary(x));
}

void
note_x(mt_record *r, mt_imap_expl x)
{
    mt_rec_note(r, 0, 0, mt_imap_expl_text(x), mt_imap_expl_rfc(x));
}

void
summary_x(mt_record *r, mt_imap_expl x)
{
    mt_rec_summary(r, mt_imap_expl_summary(x));
}

mt_record *
line_record(const mt_line *ln, mt_dir dir, guint32 frame, mt_rkind kind, mt_imap_label label, GPtrArray *out)
{
    return mt_line_record(MT_PROTO_IMAP, ln, dir, frame, kind, mt_imap_label_text(label), out);
}

void
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

mt_imap_next
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

void
add_stage(mt_imap *s, mt_record *r)
{
    mt_rec_text(r, -1, MT_F_STAGE, 0, 0, mt_imap_stage_text(stage_of(s)));
}

void
add_stage_next(mt_imap *s, mt_record *r, mt_imap_next next)
{
    add_stage(s, r);
    if (next != MT_IMAP_N_NONE)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_imap_next_text(next));
}

/* ------------------------------------------------------------------------
 * Commands in progress
 * ------------------------------------------------------------------------ */

void
cmd_forget(mt_imap *s, imap_cmd *c)
{
    if (s->cli_cmd == c)
        s->cli_cmd = NULL;
    g_free(c);
}

imap_cmd *
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

void
cmd_add_rec(imap_cmd *c, mt_record *r)
{
    if (c && c->n_recs < IMAP_MAX_CMD_RECS)
        c->recs[c->n_recs++] = r;
}

imap_cmd *
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

mt_imap_cmd
effective(const imap_cmd *c)
{
    return c->cmd == MT_IMAP_CMD_UID && c->sub != MT_IMAP_CMD_UNKNOWN ? c->sub : c->cmd;
}

/* The oldest command in progress that is want (or UID want). */
imap_cmd *
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

imap_cmd *
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

gboolean
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

gboolean
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
 * Capabilities
 * ------------------------------------------------------------------------ */

void
set_caps(mt_imap *s, guint64 caps)
{
    s->caps = caps;
    s->caps_known = TRUE;
}

gboolean
offered(const mt_imap *s, guint64 need)
{
    if (!s->caps_known || need == 0 || (s->caps & need))
        return TRUE;
    return (s->caps & MT_IMAP_CAP_IMAP4REV2) && (need & MT_IMAP_CAP_IN_REV2);
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
    mt_sasl_init(&s->sasl, MT_PROTO_IMAP);
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
    mt_mime_free(s->lit[0].mime);
    mt_mime_free(s->lit[1].mime);
    g_free(s->nodes);
    mt_sasl_clear(&s->sasl);
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
    explain_line(r, 0, 0, MT_IMAP_X_COMPRESSED);
    mt_rec_summary_uint(r, 1, len);
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
    /* the nodes of a long line are not kept for the session's life */
    if (s->nodes_cap > IMAP_NODES_RETAIN) {
        g_free(s->nodes);
        s->nodes = NULL;
        s->nodes_cap = 0;
    }
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

void
mt_imap_forget_records(mt_imap *s)
{
    mt_sasl_forget_records(&s->sasl);
    /* and what only a next line would use; it comes back if one does */
    g_free(s->nodes);
    s->nodes = NULL;
    s->nodes_cap = 0;
    mt_linebuf_trim(&s->lb[0]);
    mt_linebuf_trim(&s->lb[1]);
}

gboolean
mt_imap_ended(const mt_imap *s)
{
    return s->closed && s->pending.length == 0;
}

void
mt_imap_set_tls(mt_imap *s)
{
    s->tls_on = TRUE;
}
