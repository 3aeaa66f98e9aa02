/* mt_imap_untagged.c - IMAP untagged responses and their data
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * "* ..." lines: the greeting, untagged status responses and the data
 * responses (FLAGS, EXISTS, LIST, STATUS, SEARCH, CAPABILITY, NAMESPACE,
 * ID, FETCH ...), each linked to the command in progress it answers or
 * explained as unsolicited, and their continuation after a literal.
 */

#include "mt_imap_int.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_util.h"

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
        explain_line(r, 0, 0, MT_IMAP_X_FETCH_END);
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
            note_x(r, MT_IMAP_X_PUSHED_IDLE);
        return;
    }
    s->resp.req_frame = 0;
    s->resp.uid = FALSE;
    if (ut != MT_IMAP_UT_UNKNOWN || code)
        note_x(r, MT_IMAP_X_UNSOLICITED);
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

/* "* OK ...", "* NO ...", "* BYE ...": the greeting is explained for the
 * connection it answers; any other is information, a warning, an error
 * report or the end, and a known response code says in a few words what
 * it carries ("UIDVALIDITY 1795458616"). */
static void
untagged_status_meaning(mt_imap *s, mt_record *r, const mt_imap_status_info *si,
                        const mt_imap_code_info *code, gboolean greeting)
{
    static const mt_imap_expl sums[MT_IMAP_STATUS_COUNT] = {
        [MT_IMAP_STATUS_OK] = MT_IMAP_X_S_UNTAGGED_OK,
        [MT_IMAP_STATUS_NO] = MT_IMAP_X_S_UNTAGGED_NO,
        [MT_IMAP_STATUS_BAD] = MT_IMAP_X_S_UNTAGGED_BAD,
        [MT_IMAP_STATUS_PREAUTH] = MT_IMAP_X_S_UNTAGGED_PREAUTH,
        [MT_IMAP_STATUS_BYE] = MT_IMAP_X_S_UNTAGGED_BYE,
    };
    if (greeting) {
        const mt_imap_command_info *ci = mt_imap_command_get(MT_IMAP_CMD_CONNECT);
        const mt_imap_context *cx = mt_imap_context_find(MT_IMAP_CMD_CONNECT, si->id);
        if (cx) {
            mt_rec_explain(r, -1, 0, 0, &cx->meaning, ci->rfc);
            mt_rec_summary(r, &cx->summary);
            return;
        }
    }
    summary_x(r, sums[si->id]);
    if (si->id == MT_IMAP_STATUS_BYE && cmd_by_kind(s, MT_IMAP_CMD_LOGOUT))
        summary_x(r, MT_IMAP_X_S_LOGOUT_BYE);
    if (code == NULL || si->id == MT_IMAP_STATUS_BYE) {
        mt_rec_explain(r, -1, 0, 0, &si->untagged, si->rfc);
        return;
    }
    /* the code is what this line is about; the status keeps its meaning */
    mt_rec_explain(r, -1, 0, 0, &code->explanation, code->rfc);
    mt_rec_summary(r, &code->summary);
}

/* {1} of "UIDVALIDITY {1}": the code's number, once it is itemised. */
static void
untagged_status_number(mt_record *r)
{
    static const mt_field fields[] = {
        MT_F_IMAP_UIDVALIDITY, MT_F_IMAP_UIDNEXT, MT_F_IMAP_MODSEQ, MT_F_IMAP_MESSAGE_NUMBER
    };
    const mt_item *num = NULL;
    guint k;

    if (r->summary == NULL || strstr(mt_text_get(r->summary, MT_LANG_EN), "{1}") == NULL)
        return;
    for (k = 0; k < G_N_ELEMENTS(fields) && num == NULL; k++)
        num = mt_rec_find(r, fields[k]);
    if (num)
        mt_rec_summary_uint(r, 1, num->v.u);
    else
        summary_x(r, MT_IMAP_X_S_UNTAGGED_OK);
}

/* {1} of an untagged data response's summary: its number, or the mailbox
 * it is about. */
static void
untagged_summary_arg(mt_record *r, const mt_imap_untagged_info *ui, guint64 num, const guint8 *t)
{
    const mt_item *mb;

    if (strstr(mt_text_get(&ui->summary, MT_LANG_EN), "{1}") == NULL)
        return;
    if (ui->numbered) {
        mt_rec_summary_uint(r, 1, num);
        return;
    }
    mb = mt_rec_find_top(r, MT_F_IMAP_MAILBOX);
    if (mb == NULL)
        mt_rec_summary_str(r, 1, "(in a literal)");
    else if (mb->vkind == MT_V_OWNED)
        mt_rec_summary_str(r, 1, mb->v.owned);
    else if (mb->vkind == MT_V_CSTR)
        mt_rec_summary_str(r, 1, mb->v.cstr);
    else
        mt_rec_summary_bytes(r, 1, t + mb->off, mb->len);
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

/* Is a SELECT or EXAMINE waiting for its answer? Its EXISTS counts the
 * mailbox it opens, not new mail in the one open before. */
static gboolean
selecting(const mt_imap *s)
{
    const GList *l;

    for (l = s->pending.head; l; l = l->next) {
        mt_imap_cmd cmd = effective(l->data);
        if (cmd == MT_IMAP_CMD_SELECT || cmd == MT_IMAP_CMD_EXAMINE)
            return TRUE;
    }
    return FALSE;
}

void
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
        note_x(r, MT_IMAP_X_MIDSESSION);
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
    it = mt_rec_bytes(r, -1, MT_F_IMAP_PREFIX, 0, 1, FALSE);
    if (!s->said_untagged) {
        explain_x(r, it, 0, 1, MT_IMAP_X_UNTAGGED);
        s->said_untagged = TRUE;
    }

    if (si) {
        const mt_imap_code_info *code;
        mt_imap_status st;

        /* link first, so that the answer's explanations are not repeated */
        if (!greeting && si->id != MT_IMAP_STATUS_BYE)
            link_untagged(s, r, MT_IMAP_UT_UNKNOWN, peek_code(t, len, ke));
        untagged_status_meaning(s, r, si, greeting ? NULL : peek_code(t, len, ke), greeting);
        st = status_response(s, r, t, len, i, FALSE, FALSE, &code);
        untagged_status_number(r);

        if (greeting) {
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
        mt_rec_bytes(r, -1, MT_F_IMAP_UNTAGGED, (guint32)i, (guint32)(ke - i), TRUE);
        if (ui) {
            mt_rec_explain(r, -1, (guint32)i, (guint32)(ke - i), &ui->explanation, ui->rfc);
            mt_rec_summary(r, &ui->summary);
        } else {
            explain_line(r, (guint32)i, (guint32)(ke - i), MT_IMAP_X_UNKNOWN_UNTAGGED);
            mt_rec_summary_bytes(r, 1, t + i, ke - i);
            mt_rec_anomaly(r, MT_A_IMAP_UNKNOWN_UNTAGGED, (guint32)i, (guint32)(ke - i));
        }
    } else {
        explain_line(r, 0, 0, MT_IMAP_X_BAD_RESPONSE);
        mt_rec_anomaly(r, MT_A_IMAP_RESPONSE_INVALID, 0, 0);
    }
    if (nn > 0) {
        mt_field f = (ui && (ui->id == MT_IMAP_UT_EXISTS || ui->id == MT_IMAP_UT_RECENT))
                     ? MT_F_IMAP_COUNT : MT_F_IMAP_MESSAGE_NUMBER;
        it = mt_rec_uint(r, -1, f, (guint32)ns, (guint32)nn, num, NULL);
        if (ui && ui->id == MT_IMAP_UT_EXISTS) {
            /* the mailbox grew while selected: new messages (RFC 9051 §7.4.1),
             * what IDLE waits for */
            if (s->exists_known && num > s->exists && !selecting(s))
                summary_x(r, MT_IMAP_X_S_EXISTS_GREW);
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
        note_x(r, MT_IMAP_X_UIDSET);
    if (ui)
        untagged_summary_arg(r, ui, num, t);
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
void
server_continue(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, MT_IMAP_L_RESPONSE_CONT, out);
    lit_role role;
    inode lit;

    s->resp.active = FALSE;
    r->req_frame = s->resp.req_frame;
    s->said = said_of_frame(s, s->resp.req_frame);
    explain_line(r, 0, 0, MT_IMAP_X_SERVER_LINE_GOES_ON);
    if (data_args(s, r, ln->text, ln->len, 0, &s->resp, &lit, &role))
        server_literal(s, &lit, role, frame);
    check_line(r, ln, &rules_response);
    add_stage_next(s, r, s->resp.active ? MT_IMAP_N_SERVER_LITERAL : next_untagged(s));
}
