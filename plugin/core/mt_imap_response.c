/* mt_imap_response.c - the IMAP server side: status responses and dispatch
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Which kind of response a server line is (tagged, untagged, "+"
 * continuation request); status responses with their response codes;
 * the tagged completion that ends a command and moves the session
 * through the states of RFC 9051 §3.
 */

#include "mt_imap_int.h"

#include <string.h>

#include "mt_anomaly.h"

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

/* "OK [code] text" at t[i..]: status, code and text itemised. bad_asked:
 * a BAD is what the RFC asks for here (a cancelled login), no warning. */
mt_imap_status
status_response(mt_imap *s, mt_record *r, const guint8 *t, gsize len, gsize i, gboolean tagged,
                gboolean bad_asked, const mt_imap_code_info **code)
{
    gsize we = token_end(t, len, i);
    const mt_imap_status_info *si = mt_imap_status_lookup(t + i, we - i);
    gint it;

    *code = NULL;
    if (si == NULL)
        return MT_IMAP_STATUS_NONE;
    it = mt_rec_bytes(r, -1, MT_F_IMAP_STATUS, (guint32)i, (guint32)(we - i), TRUE);
    mt_rec_set_meaning(r, it, &si->name);
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
        if (!bad_asked)
            mt_rec_anomaly(r, MT_A_IMAP_BAD, 0, 0);
        break;
    default:
        break;
    }
    if (*code && strcmp((*code)->name, "ALERT") == 0)
        mt_rec_anomaly(r, MT_A_IMAP_ALERT, 0, 0);
    return si->id;
}

/* ------------------------------------------------------------------------
 * Server: tagged completions
 * ------------------------------------------------------------------------ */

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

/* What follows a tagged completion; BAD confirming the client's "*" asks
 * for no correction. */
static mt_imap_next
next_after(const mt_imap *s, mt_imap_status st, gboolean cancelled)
{
    if (s->closed || s->tls_switch)
        return next_for_state(s);
    if (has_other_pending(s))
        return MT_IMAP_N_PENDING;
    if (st == MT_IMAP_STATUS_BAD && !cancelled)
        return MT_IMAP_N_RETRY;
    return next_for_state(s);
}

/* The explanation and summary of a tagged completion: what the status
 * means for the command; a response code that says more names the
 * summary ("login failed" stays, "[READ-ONLY]" makes "mailbox open
 * read-only"). */
static void
completion_meaning(mt_record *r, mt_imap_cmd cmd, mt_imap_status st, const mt_imap_code_info *code)
{
    const mt_imap_context *cx = mt_imap_context_find(cmd, st);
    const mt_imap_command_info *ci = mt_imap_command_get(cmd);

    if (cx == NULL)
        cx = mt_imap_context_find(MT_IMAP_CMD_UNKNOWN, st);
    if (cx == NULL)
        return;
    mt_rec_explain(r, -1, 0, 0, &cx->meaning, ci ? ci->rfc : NULL);
    mt_rec_summary(r, &cx->summary);
    if (code && st == MT_IMAP_STATUS_OK && (cmd == MT_IMAP_CMD_SELECT || cmd == MT_IMAP_CMD_EXAMINE)
        && strcmp(code->name, "READ-ONLY") == 0)
        mt_rec_summary(r, &code->summary);
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
    gboolean cancelled;
    gint it;

    it = mt_rec_bytes(r, -1, MT_F_IMAP_TAG, 0, (guint32)tag_end, FALSE);
    if (!s->said_rtag) {
        explain_x(r, it, 0, (guint32)tag_end, MT_IMAP_X_TAG_RESPONSE);
        s->said_rtag = TRUE;
    }
    /* "*" cancelled the login: the server must answer BAD (RFC 9051 §6.2.2) */
    cancelled = c && effective(c) == MT_IMAP_CMD_AUTHENTICATE && mt_sasl_cancel_pending(&s->sasl);
    st = status_response(s, r, t, len, i, TRUE, cancelled, &code);
    if (st == MT_IMAP_STATUS_NONE || st == MT_IMAP_STATUS_PREAUTH || st == MT_IMAP_STATUS_BYE) {
        explain_line(r, 0, 0, MT_IMAP_X_BAD_RESPONSE);
        mt_rec_anomaly(r, MT_A_IMAP_RESPONSE_INVALID, 0, 0);
        check_line(r, ln, &rules_response);
        add_stage_next(s, r, next_for_state(s));
        return;
    }
    /* what the status means for the command it completes; BAD after the
     * client's "*" confirms the cancel */
    if (cancelled && st == MT_IMAP_STATUS_BAD)
        explain_line(r, 0, 0, MT_IMAP_X_SASL_CANCELLED);
    else
        completion_meaning(r, c ? effective(c) : MT_IMAP_CMD_UNKNOWN, st, code);
    if (c == NULL) {
        if (s->certain) {
            mt_rec_anomaly(r, MT_A_IMAP_TAG_UNMATCHED, 0, (guint32)tag_end);
            if (st != MT_IMAP_STATUS_OK) {
                note_x(r, MT_IMAP_X_MAYBE_EARLY);
                s->orphan_valid = TRUE;
                s->orphan_len = (guint8)MIN(tag_end, (gsize)IMAP_MAX_TAG);
                memcpy(s->orphan_tag, t, s->orphan_len);
                s->orphan_frame = frame;
            }
        } else {
            note_x(r, MT_IMAP_X_UNMATCHED);
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
    if (s->cli_cmd == c && st != MT_IMAP_STATUS_OK)
        cancel_client_literal(s, r);
    if (effective(c) == MT_IMAP_CMD_LOGIN || effective(c) == MT_IMAP_CMD_AUTHENTICATE)
        mt_sasl_result(&s->sasl, r, st == MT_IMAP_STATUS_OK);
    apply_completion(s, c, st, code);
    g_queue_remove(&s->pending, c);
    cmd_forget(s, c);
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, next_after(s, st, cancelled));
}

/* ------------------------------------------------------------------------
 * Server: continuation requests and dispatch
 * ------------------------------------------------------------------------ */

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
    gint it;

    it = mt_rec_bytes(r, -1, MT_F_IMAP_PREFIX, 0, 1, FALSE);
    if (i < len)
        mt_rec_bytes(r, -1, MT_F_IMAP_CONTINUATION, (guint32)i, (guint32)(len - i), FALSE);

    if (L->want_plus && L->got == 0) {
        L->want_plus = FALSE;
        L->waited = TRUE;
        r->req_frame = L->announce_frame;
        explain_line(r, 0, 0, MT_IMAP_X_CONT_LITERAL);
        next = MT_IMAP_N_LITERAL_GO;
    } else if (idle && !s->idling) {
        s->idling = TRUE;
        r->req_frame = idle->frame;
        explain_line(r, 0, 0, MT_IMAP_X_CONT_IDLE);
        next = MT_IMAP_N_IDLE;
    } else if (auth) {
        s->authenticating = TRUE;
        s->cmode = CM_SASL;
        s->cli_cmd = auth;
        r->req_frame = auth->frame;
        explain_line(r, 0, 0, MT_IMAP_X_CONT_SASL);
        mt_sasl_server(&s->sasl, r, t, i, len - i);
        next = MT_IMAP_N_SASL;
    } else {
        /* what "+" means, since nothing is waiting for it */
        explain_line(r, 0, 1, MT_IMAP_X_CONTINUATION);
        mt_rec_anomaly(r, MT_A_IMAP_CONTINUATION_UNEXPECTED, 0, 1);
        next = next_for_state(s);
        it = -1;
    }
    if (it >= 0)
        explain_x(r, it, 0, 1, MT_IMAP_X_CONTINUATION);
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, next);
}

void
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
        explain_line(r, 0, 0, MT_IMAP_X_MAYBE_LITERAL);
    } else {
        explain_line(r, 0, 0, MT_IMAP_X_BAD_RESPONSE);
        mt_rec_anomaly(r, MT_A_IMAP_RESPONSE_INVALID, 0, 0);
    }
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, next_for_state(s));
}
