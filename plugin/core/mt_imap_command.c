/* mt_imap_command.c - the IMAP client side: command lines and arguments
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A tagged command line, the rest of it after a literal, DONE ending
 * IDLE and the lines that answer an AUTHENTICATE challenge: each
 * itemised and explained, its arguments read by what the command takes,
 * and checked against the session state and the capabilities offered.
 */

#include "mt_imap_int.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_sasl_catalog.h"
#include "mt_util.h"

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
password_item(mt_imap *s, mt_record *r, const guint8 *t, const inode *nd)
{
    gint it;

    if (nd->kind == N_LITERAL)
        return;
    /* the password, a secret the adapter can hide (mt_sasl.h) */
    if (nd->kind == N_QUOTED && (nd->flags & (NF_ESCAPED | NF_BADQUOTE))) {
        char *v = unquote(t + nd->off + 1, quoted_len(nd));
        it = mt_sasl_password(&s->sasl, r, nd->off, nd->len, v, s->tls_on);
        g_free(v);
    } else if (nd->kind == N_QUOTED) {
        it = mt_sasl_password(&s->sasl, r, nd->off + 1, quoted_len(nd), NULL, s->tls_on);
    } else {
        it = mt_sasl_password(&s->sasl, r, nd->off, nd->len, NULL, s->tls_on);
    }
    mt_rec_set_meaning(r, it, mt_imap_expl_text(MT_IMAP_X_PASSWORD_ARG));
    explain_x(r, it, nd->off, nd->len, s->tls_on ? MT_IMAP_X_PASSWORD_TLS : MT_IMAP_X_PASSWORD);
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
            if (it >= 0) {
                char *u = nd->kind == N_QUOTED ? unquote(t + nd->off + 1, quoted_len(nd))
                                               : display_copy(t + nd->off, nd->len);
                explain_x(r, it, nd->off, nd->len, MT_IMAP_X_USERNAME);
                mt_sasl_set_user(&s->sasl, (const guint8 *)u, strlen(u));
                g_free(u);
            }
        } else if (a->argn == 1) {
            password_item(s, r, t, nd);
        } else {
            argument_item(r, nd);
        }
        break;
    case MT_IMAP_CMD_AUTHENTICATE:
        if (a->argn == 0 && nd->kind == N_ATOM) {
            const mt_sasl_mech_info *mi = mt_sasl_mech_lookup(t + nd->off, nd->len);
            gint it = mt_rec_bytes(r, -1, MT_F_AUTH_MECHANISM, nd->off, nd->len, TRUE);
            mt_sasl_begin(&s->sasl, t + nd->off, nd->len);
            if (s->certain && !s->tls_on && s->caps_known && (s->caps & MT_IMAP_CAP_STARTTLS))
                mt_rec_anomaly(r, MT_A_AUTH_BEFORE_TLS, nd->off, nd->len);
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
            gint c, it = mt_rec_bytes(r, -1, MT_F_IMAP_ARGUMENT, nd->off, nd->len, FALSE);
            guint n = 0;
            explain_x(r, it, nd->off, nd->len, MT_IMAP_X_APPEND_FLAGS);
            for (c = nd->child; c >= 0 && n++ < IMAP_MAX_LIST_ITEMS; c = tr->n[c].next)
                flag_item(s, r, it, t, &tr->n[c]);
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

/* A message set that names one message: "3", not "1:3", "2,4" or "*". */
static gboolean
one_number(const guint8 *p, gsize len)
{
    gsize i;

    for (i = 0; i < len; i++) {
        if (!g_ascii_isdigit(p[i]))
            return FALSE;
    }
    return len > 0;
}

/* Fill {1} (and {2}) of the command's summary from the items of its
 * arguments: a mailbox, a user name, a mechanism, a message set. */
static void
command_summary(mt_record *r, const mt_imap_command_info *ci, const guint8 *t, gsize vs, gsize ve,
                gboolean has_lit)
{
    const mt_item *a1 = NULL, *a2 = NULL;
    const char *tmpl;
    const mt_imap_command_info *sub = NULL;

    mt_rec_summary(r, &ci->summary);
    switch (ci->id) {
    case MT_IMAP_CMD_LOGIN:
        a1 = mt_rec_find_top(r, MT_F_AUTH_USERNAME);
        break;
    case MT_IMAP_CMD_AUTHENTICATE:
        a1 = mt_rec_find_top(r, MT_F_AUTH_MECHANISM);
        break;
    case MT_IMAP_CMD_FETCH:
    case MT_IMAP_CMD_STORE:
        a1 = mt_rec_find_top(r, MT_F_IMAP_SEQUENCE_SET);
        break;
    case MT_IMAP_CMD_COPY:
    case MT_IMAP_CMD_MOVE:
        a1 = mt_rec_find_top(r, MT_F_IMAP_SEQUENCE_SET);
        a2 = mt_rec_find_top(r, MT_F_IMAP_MAILBOX);
        break;
    case MT_IMAP_CMD_UID:
        a1 = mt_rec_find_top(r, MT_F_IMAP_SUBCOMMAND);
        if (a1)
            sub = mt_imap_command_lookup(t + a1->off, a1->len);
        break;
    default:
        a1 = mt_rec_find_top(r, MT_F_IMAP_MAILBOX);
        break;
    }
    tmpl = mt_text_get(&ci->summary, MT_LANG_EN);
    if (strstr(tmpl, "{1}") == NULL)
        return;
    if (a1 == NULL || (strstr(tmpl, "{2}") && a2 == NULL)) {
        /* the argument is in a literal, or missing */
        summary_x(r, has_lit ? MT_IMAP_X_S_LITERAL_ARG : MT_IMAP_X_S_MISSING_ARG);
        mt_rec_summary_bytes(r, 1, t + vs, ve - vs);
        return;
    }
    if (sub) {
        mt_rec_summary_bytes(r, 1, t + a1->off, a1->len);
        return;
    }
    if (a1->field == MT_F_IMAP_SEQUENCE_SET && one_number(t + a1->off, a1->len)) {
        summary_x(r, ci->id == MT_IMAP_CMD_FETCH ? MT_IMAP_X_S_FETCH_ONE
                     : ci->id == MT_IMAP_CMD_STORE ? MT_IMAP_X_S_STORE_ONE
                     : ci->id == MT_IMAP_CMD_COPY ? MT_IMAP_X_S_COPY_ONE : MT_IMAP_X_S_MOVE_ONE);
    }
    if (a1->vkind == MT_V_OWNED)
        mt_rec_summary_str(r, 1, a1->v.owned);
    else
        mt_rec_summary_bytes(r, 1, t + a1->off, a1->len);
    if (a2 && a2->vkind == MT_V_OWNED)
        mt_rec_summary_str(r, 2, a2->v.owned);
    else if (a2)
        mt_rec_summary_bytes(r, 2, t + a2->off, a2->len);
}

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

static void
client_done(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out, imap_cmd *idle)
{
    mt_record *r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_CONTINUATION, MT_IMAP_L_DONE, out);
    const mt_imap_command_info *ci = mt_imap_command_get(MT_IMAP_CMD_DONE);

    gint it = mt_rec_bytes(r, -1, MT_F_IMAP_COMMAND, 0, (guint32)ln->len, TRUE);

    mt_rec_set_meaning(r, it, &ci->name);
    mt_rec_explain(r, -1, 0, (guint32)ln->len, &ci->explanation, ci->rfc);
    mt_rec_summary(r, &ci->summary);
    check_line(r, ln, &rules_command);
    if (idle == NULL) {
        explain_line(r, 0, 0, MT_IMAP_X_DONE_OUT);
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

    mt_rec_bytes(r, -1, MT_F_IMAP_ARGUMENT, 0, (guint32)ln->len, FALSE);
    explain_line(r, 0, (guint32)ln->len, cancel ? MT_IMAP_X_SASL_CANCEL : MT_IMAP_X_SASL_LINE);
    mt_sasl_client(&s->sasl, r, -1, ln->text, 0, ln->len, FALSE, s->tls_on);
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
        explain_line(r, 0, 0, MT_IMAP_X_CLIENT_LINE_END);
    } else {
        explain_line(r, 0, 0, MT_IMAP_X_CLIENT_LINE_GOES_ON);
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
        explain_line(r, 0, 0, MT_IMAP_X_MAYBE_LITERAL);
        if (greeting_missed)
            mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
        check_line(r, ln, &rules_response);
        add_stage_next(s, r, MT_IMAP_N_UNKNOWN);
        return;
    }

    r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_COMMAND, MT_IMAP_L_COMMAND, out);
    if (greeting_missed) {
        note_x(r, MT_IMAP_X_GREETING_MISSED);
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
    if (len == 0) {
        explain_line(r, 0, 0, MT_IMAP_X_EMPTY_LINE);
        mt_rec_anomaly(r, MT_A_IMAP_TAG_INVALID, 0, 0);
        check_line(r, ln, &rules_command);
        add_stage_next(s, r, MT_IMAP_N_RETRY);
        return;
    }
    if (!tag_ok) {
        if (tag_end > 0 && tag_end == len) {
            mt_rec_bytes(r, -1, MT_F_IMAP_TAG, 0, (guint32)tag_end, FALSE);
            explain_line(r, 0, (guint32)tag_end, MT_IMAP_X_NO_COMMAND);
        } else {
            explain_line(r, 0, 0, MT_IMAP_X_BAD_LINE);
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
        explain_line(r, 0, 0, MT_IMAP_X_NO_COMMAND);
        mt_rec_anomaly(r, MT_A_IMAP_TAG_INVALID, 0, (guint32)tag_end);
    } else if (ci) {
        it = mt_rec_bytes(r, -1, MT_F_IMAP_COMMAND, (guint32)vs, (guint32)(ve - vs), TRUE);
        mt_rec_set_meaning(r, it, &ci->name);
        mt_rec_explain(r, -1, (guint32)vs, (guint32)(ve - vs), &ci->explanation, ci->rfc);
    } else {
        mt_rec_bytes(r, -1, MT_F_IMAP_COMMAND, (guint32)vs, (guint32)(ve - vs), TRUE);
        explain_line(r, (guint32)vs, (guint32)(ve - vs), MT_IMAP_X_UNKNOWN_CMD);
        mt_rec_summary_bytes(r, 1, t + vs, ve - vs);
        mt_rec_anomaly(r, MT_A_IMAP_UNKNOWN_COMMAND, (guint32)vs, (guint32)(ve - vs));
    }

    /* a NO or BAD with this tag came already: the server answered the line
     * before it was complete */
    if (s->orphan_valid && s->orphan_len == MIN(tag_end, (gsize)IMAP_MAX_TAG)
        && memcmp(s->orphan_tag, t, s->orphan_len) == 0) {
        early = TRUE;
        r->resp_frame = s->orphan_frame;
        note_x(r, MT_IMAP_X_EARLY_ANSWER);
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
    if (cmd == MT_IMAP_CMD_LOGIN) {
        mt_sasl_begin_plain(&s->sasl, FALSE);
        if (s->certain && !s->tls_on && s->caps_known && (s->caps & MT_IMAP_CAP_STARTTLS))
            mt_rec_anomaly(r, MT_A_AUTH_BEFORE_TLS, (guint32)vs, (guint32)(ve - vs));
    }
    if (ve < len)
        has_lit = command_args(s, r, t, len, ve, &s->args, &lit, &role);
    if (ci)
        command_summary(r, ci, t, vs, ve, has_lit);
    if (cmd == MT_IMAP_CMD_AUTHENTICATE && !early) {
        /* SASL-IR (RFC 4959): the first message on the command line */
        const mt_item *ir = mt_rec_find_top(r, MT_F_IMAP_ARGUMENT);
        if (ir && ir->vkind == MT_V_BYTES)
            mt_sasl_client(&s->sasl, r, (gint)(ir - r->items), t, ir->off, ir->len, TRUE, s->tls_on);
    }
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

void
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
