/* mt_pop3.c - the POP3 session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Two views of the session are kept apart, as in mt_smtp.c. The client
 * view is what the client has sent: it decides whether the client's next
 * line is a command or an answer to a "+ " SASL challenge, and whether a
 * command comes in the wrong state. The server view is a queue of commands
 * waiting for responses (PIPELINING, RFC 2449 §6.6, puts several there),
 * matched with responses in order. Whether a +OK starts a multi-line
 * response depends on the command it answers (RFC 1939 §3): CAPA, LIST and
 * UIDL without argument, RETR, TOP, and the old argument-less AUTH and
 * LANG. Until the line "." every server line belongs to that response, so
 * a message line reading "-ERR" or "+OK" stays message text. The command
 * stays at the head of the queue until its response ends, so that it can
 * point to the frame that completed its answer.
 */
#include "mt_pop3.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_linecheck.h"
#include "mt_lines.h"
#include "mt_mime.h"
#include "mt_util.h"
#include "mt_pop3_catalog.h"
#include "mt_sasl.h"
#include "mt_sasl_catalog.h"

/* Line length limits, end of line included: commands (RFC 2449 §4) and the
 * first line of a response (RFC 1939 §3, RFC 2449 §4). */
#define POP3_MAX_COMMAND_LINE  255
#define POP3_MAX_RESPONSE_LINE 512
/* SASL mechanisms itemised per CAPA SASL line. */
#define POP3_MAX_TOKENS        64
/* A unique-id has 1 to 70 characters (RFC 1939 §7). */
#define POP3_MAX_UID           70
/* An APOP digest: MD5 in lower-case hexadecimal (RFC 1939 §7). */
#define POP3_APOP_DIGEST_LEN   32

typedef struct {
    mt_pop3_cmd     cmd;
    guint32         frame;
    mt_record      *rec;        /* the command's record, owned by the session */
    mt_pop3_variant variant;    /* with or without argument, before or after login */
} pop3_pending;

typedef enum {
    CM_COMMANDS = 0,            /* client lines are commands */
    CM_SASL                     /* the next client line answers a "+ " challenge */
} client_mode;

typedef enum {
    SM_RESPONSE = 0,            /* the next server line starts a response */
    SM_CAPA,                    /* capability lines until "." */
    SM_LIST,                    /* scan listings until "." */
    SM_UIDL,                    /* unique-id listings until "." */
    SM_MECHS,                   /* mechanism names (AUTH without argument) */
    SM_LANGS,                   /* languages (LANG without argument) */
    SM_MESSAGE,                 /* message text (RETR, TOP) until "." */
    SM_EARLIER                  /* lines of a response whose start was not captured */
} server_mode;

typedef enum {
    STATUS_NONE = 0,
    STATUS_OK,                  /* "+OK" */
    STATUS_ERR,                 /* "-ERR" */
    STATUS_CONT                 /* "+ " SASL continuation */
} status_kind;

struct mt_pop3 {
    mt_linebuf    lb[2];
    mt_pop3_stage stage;
    client_mode   cmode;
    server_mode   smode;
    gboolean      seen[2];          /* any line from this direction yet */
    gboolean      certain;          /* the state is known, not guessed */
    gboolean      greeted;
    gboolean      authed;           /* the server accepted a login */
    guint         login_pending;    /* PASS, APOP or AUTH sent, not answered */
    gboolean      user_sent;        /* USER sent and not refused */
    gboolean      quit_sent;
    gboolean      tls_on;           /* STLS accepted */
    gboolean      apop_offered;     /* the greeting holds a timestamp */
    gboolean      capa_seen;        /* capas holds a complete CAPA list */
    guint32       capas;            /* MT_POP3_CAP_* of the last CAPA list */
    guint32       capas_new;        /* the list being read */
    guint         marked;           /* messages marked with DELE */
    /* the multi-line response being read */
    guint32       ml_lines;
    guint64       msg_lines;
    guint64       msg_octets;       /* as sent */
    guint64       msg_unstuffed;    /* as the client stores it */
    guint64       announced;        /* "+OK 519 octets" */
    gboolean      has_announced;
    gboolean      msg_header_done;
    guint         msg_notable;
    gboolean      earlier_flagged;
    gboolean      told_text;        /* "text for humans" said once */
    mt_record    *msg_rec;          /* this chunk's message summary */
    gint          msg_rec_lines;    /* its MT_F_DATA_LINES item */
    mt_mime      *mime;             /* the message (RETR, TOP) read as RFC 5322 and MIME */
    /* commands waiting for a response */
    GQueue        pending;
    /* the login exchange */
    mt_sasl       sasl;
};

static const mt_linecheck_rules rules_command = {
    POP3_MAX_COMMAND_LINE, NULL, "RFC 2449 §4", NULL, "RFC 1939 §3", TRUE
};
static const mt_linecheck_rules rules_sasl = {
    0, NULL, NULL, NULL, "RFC 1939 §3", TRUE
};
static const mt_linecheck_rules rules_response = {
    POP3_MAX_RESPONSE_LINE, NULL, "RFC 2449 §4", NULL, "RFC 1939 §3", FALSE
};
static const mt_linecheck_rules rules_listing = {
    0, NULL, NULL, NULL, "RFC 1939 §3", TRUE
};
static const mt_linecheck_rules rules_text = {
    0, NULL, NULL, NULL, "RFC 1939 §3", FALSE
};

/* ---- numbers ---- */

/* A whole token of digits: its value, or FALSE. */
static gboolean
number_token(const guint8 *t, gsize len, gsize i, gsize end, guint64 *v)
{
    gsize nd = mt_parse_u64(t, len, i, v);
    return nd > 0 && i + nd == end;
}

static gboolean
is_dot_line(const mt_line *ln)
{
    return ln->full_len == 1 && ln->len == 1 && ln->text[0] == '.';
}

static guint32
clamp32(guint64 v)
{
    return v > G_MAXUINT32 ? G_MAXUINT32 : (guint32)v;
}

/* ---- texts ---- */

static void
explain_x(mt_record *r, gint parent, guint32 off, guint32 len, mt_pop3_expl x)
{
    mt_rec_explain(r, parent, off, len, mt_pop3_expl_text(x), mt_pop3_expl_rfc(x));
}

/* The line's own explanation and its short meaning. */
static void
explain_line(mt_record *r, guint32 off, guint32 len, mt_pop3_expl x)
{
    explain_x(r, -1, off, len, x);
    mt_rec_summary(r, mt_pop3_expl_summary(x));
}

static void
note_x(mt_record *r, guint32 off, guint32 len, mt_pop3_expl x)
{
    mt_rec_note(r, off, len, mt_pop3_expl_text(x), mt_pop3_expl_rfc(x));
}

static void
summary_x(mt_record *r, mt_pop3_expl x)
{
    mt_rec_summary(r, mt_pop3_expl_summary(x));
}

static void
add_stage_next(const mt_pop3 *s, mt_record *r, mt_pop3_next next)
{
    mt_rec_text(r, -1, MT_F_STAGE, 0, 0, mt_pop3_stage_text(s->stage));
    if (next != MT_POP3_N_NONE)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_pop3_next_text(next));
}

/* What the client should do next, from where the session stands. */
static mt_pop3_next
next_for_stage(const mt_pop3 *s)
{
    switch (s->stage) {
    case MT_POP3_ST_CONNECTED:     return MT_POP3_N_GREETING;
    case MT_POP3_ST_AUTHORIZATION:
    case MT_POP3_ST_LOGIN_SENT:    return MT_POP3_N_LOGIN;
    case MT_POP3_ST_USER_OK:       return MT_POP3_N_PASS;
    case MT_POP3_ST_SASL:          return MT_POP3_N_SASL;
    case MT_POP3_ST_TLS:           return MT_POP3_N_TLS;
    case MT_POP3_ST_TRANSACTION:   return MT_POP3_N_TRANSACTION;
    case MT_POP3_ST_UPDATE:
    case MT_POP3_ST_CLOSING:
    case MT_POP3_ST_CLOSED:
    case MT_POP3_ST_REFUSED:       return MT_POP3_N_CLOSE;
    default:                       return MT_POP3_N_UNKNOWN;
    }
}

/* ---- records ---- */

static mt_record *
line_record(const mt_line *ln, mt_dir dir, guint32 frame, mt_rkind kind, mt_pop3_label label, GPtrArray *out)
{
    return mt_line_record(MT_PROTO_POP3, ln, dir, frame, kind, mt_pop3_label_text(label), out);
}

static void
check_line(mt_record *r, const mt_line *ln, const mt_linecheck_rules *base, mt_pop3_expl too_long)
{
    mt_linecheck_rules rules = *base;

    if (!mt_linecheck_needed(ln, &rules))
        return;
    rules.too_long = mt_pop3_expl_text(too_long);
    rules.bare_lf = mt_pop3_expl_text(MT_POP3_X_BARE_LF);
    mt_linecheck(r, ln, &rules);
}

/* ---- pending commands ---- */

static void
push_pending(mt_pop3 *s, mt_pop3_cmd cmd, guint32 frame, mt_record *rec, mt_pop3_variant variant)
{
    pop3_pending *p;

    if (g_queue_get_length(&s->pending) >= MT_POP3_MAX_PENDING)
        g_free(g_queue_pop_head(&s->pending));
    p = g_new0(pop3_pending, 1);
    p->cmd = cmd;
    p->frame = frame;
    p->rec = rec;
    p->variant = variant;
    g_queue_push_tail(&s->pending, p);
}

static pop3_pending *
head(const mt_pop3 *s)
{
    return g_queue_peek_head((GQueue *)&s->pending);
}

/* Does a +OK to this command start a multi-line response? (RFC 1939 §3) */
static gboolean
is_multiline(const pop3_pending *p)
{
    switch (p->cmd) {
    case MT_POP3_CMD_CAPA:
    case MT_POP3_CMD_RETR:
    case MT_POP3_CMD_TOP:
        return TRUE;
    case MT_POP3_CMD_LIST:
    case MT_POP3_CMD_UIDL:
    case MT_POP3_CMD_AUTH:
    case MT_POP3_CMD_LANG:
        return p->variant == MT_POP3_V_NOARG;
    default:
        return FALSE;
    }
}

/* ---- client: arguments ---- */

static void
explain_mechanism(mt_record *r, gint parent, const guint8 *t, gsize start, gsize end)
{
    const mt_sasl_mech_info *mi = mt_sasl_mech_lookup(t + start, end - start);
    gint it = mt_rec_bytes(r, parent, MT_F_AUTH_MECHANISM, (guint32)start, (guint32)(end - start), TRUE);

    if (mi)
        mt_rec_explain(r, it, (guint32)start, (guint32)(end - start), &mi->explanation, mi->rfc);
    else
        explain_x(r, it, (guint32)start, (guint32)(end - start), MT_POP3_X_UNKNOWN_MECH);
}

/* A message number at t[i..]; returns the end of its token. */
static gsize
message_number(mt_record *r, const guint8 *t, gsize len, gsize i)
{
    gsize end = mt_token_end_ws(t, len, i);
    guint64 v = 0;

    if (number_token(t, len, i, end, &v) && v >= 1 && v <= G_MAXUINT32) {
        mt_rec_uint(r, -1, MT_F_POP3_MESSAGE_NUMBER, (guint32)i, (guint32)(end - i), v, NULL);
    } else {
        mt_rec_bytes(r, -1, MT_F_POP3_ARGUMENT, (guint32)i, (guint32)(end - i), FALSE);
        mt_rec_anomaly(r, MT_A_POP3_BAD_ARGUMENT, (guint32)i, (guint32)(end - i));
    }
    return end;
}

static void
no_more_arguments(mt_record *r, const guint8 *t, gsize len, gsize end)
{
    gsize i = mt_skip_ws(t, len, end);

    if (i < len)
        mt_rec_anomaly(r, MT_A_POP3_UNEXPECTED_ARGUMENT, (guint32)i, (guint32)(len - i));
}

static gboolean
is_hex_digest(const guint8 *t, gsize start, gsize end)
{
    gsize i;

    if (end - start != POP3_APOP_DIGEST_LEN)
        return FALSE;
    for (i = start; i < end; i++) {
        if (!g_ascii_isxdigit(t[i]))
            return FALSE;
    }
    return TRUE;
}

/* Itemises the arguments; returns the form of the command. */
static mt_pop3_variant
parse_arguments(const mt_pop3 *s, mt_record *r, const mt_pop3_command_info *ci, const guint8 *t,
                gsize len, gsize args)
{
    gsize end;
    guint64 v = 0;
    gint it;

    switch (ci->args) {
    case MT_POP3_ARG_NONE:
        if (args < len) {
            mt_rec_bytes(r, -1, MT_F_POP3_ARGUMENT, (guint32)args, (guint32)(len - args), FALSE);
            mt_rec_anomaly(r, MT_A_POP3_UNEXPECTED_ARGUMENT, (guint32)args, (guint32)(len - args));
        }
        return MT_POP3_V_ANY;
    case MT_POP3_ARG_MSG:
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_POP3_MISSING_ARGUMENT, 0, 0);
            return MT_POP3_V_ANY;
        }
        no_more_arguments(r, t, len, message_number(r, t, len, args));
        return MT_POP3_V_ANY;
    case MT_POP3_ARG_OPT_MSG:
        if (args >= len)
            return MT_POP3_V_NOARG;
        no_more_arguments(r, t, len, message_number(r, t, len, args));
        return MT_POP3_V_ARG;
    case MT_POP3_ARG_TOP:
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_POP3_MISSING_ARGUMENT, 0, 0);
            return MT_POP3_V_ANY;
        }
        args = mt_skip_ws(t, len, message_number(r, t, len, args));
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_POP3_MISSING_ARGUMENT, 0, 0);
            return MT_POP3_V_ANY;
        }
        end = mt_token_end_ws(t, len, args);
        if (number_token(t, len, args, end, &v)) {
            it = mt_rec_uint(r, -1, MT_F_POP3_TOP_LINES, (guint32)args, (guint32)(end - args), v, NULL);
            explain_x(r, it, (guint32)args, (guint32)(end - args), MT_POP3_X_TOP_LINES);
        } else {
            mt_rec_bytes(r, -1, MT_F_POP3_ARGUMENT, (guint32)args, (guint32)(end - args), FALSE);
            mt_rec_anomaly(r, MT_A_POP3_BAD_ARGUMENT, (guint32)args, (guint32)(end - args));
        }
        no_more_arguments(r, t, len, end);
        return MT_POP3_V_ANY;
    case MT_POP3_ARG_NAME:
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_POP3_MISSING_ARGUMENT, 0, 0);
            return MT_POP3_V_ANY;
        }
        /* the rest of the line, as servers read it, without trailing blanks */
        end = len;
        while (end > args && (t[end - 1] == ' ' || t[end - 1] == '\t'))
            end--;
        it = mt_rec_bytes(r, -1, MT_F_AUTH_USERNAME, (guint32)args, (guint32)(end - args), FALSE);
        explain_x(r, it, (guint32)args, (guint32)(end - args), MT_POP3_X_USERNAME);
        return MT_POP3_V_ANY;
    case MT_POP3_ARG_TEXT:
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_POP3_MISSING_ARGUMENT, 0, 0);
            return MT_POP3_V_ANY;
        }
        it = mt_rec_bytes(r, -1, MT_F_POP3_ARGUMENT, (guint32)args, (guint32)(len - args), FALSE);
        explain_x(r, it, (guint32)args, (guint32)(len - args),
                  s->tls_on ? MT_POP3_X_PASSWORD_TLS : MT_POP3_X_PASSWORD);
        return MT_POP3_V_ANY;
    case MT_POP3_ARG_APOP:
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_POP3_MISSING_ARGUMENT, 0, 0);
            return MT_POP3_V_ANY;
        }
        end = mt_token_end_ws(t, len, args);
        it = mt_rec_bytes(r, -1, MT_F_AUTH_USERNAME, (guint32)args, (guint32)(end - args), FALSE);
        explain_x(r, it, (guint32)args, (guint32)(end - args), MT_POP3_X_USERNAME);
        args = mt_skip_ws(t, len, end);
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_POP3_MISSING_ARGUMENT, 0, 0);
            return MT_POP3_V_ANY;
        }
        end = mt_token_end_ws(t, len, args);
        it = mt_rec_bytes(r, -1, MT_F_POP3_APOP_DIGEST, (guint32)args, (guint32)(end - args), FALSE);
        explain_x(r, it, (guint32)args, (guint32)(end - args), MT_POP3_X_APOP_DIGEST);
        if (!is_hex_digest(t, args, end))
            mt_rec_anomaly(r, MT_A_POP3_BAD_ARGUMENT, (guint32)args, (guint32)(end - args));
        no_more_arguments(r, t, len, end);
        return MT_POP3_V_ANY;
    case MT_POP3_ARG_MECH:
        if (args >= len) {
            explain_line(r, 0, 0, MT_POP3_X_AUTH_LIST);
            return MT_POP3_V_NOARG;
        }
        end = mt_token_end_ws(t, len, args);
        explain_mechanism(r, -1, t, args, end);
        args = mt_skip_ws(t, len, end);
        if (args < len) {
            end = mt_token_end_ws(t, len, args);
            mt_rec_bytes(r, -1, MT_F_POP3_ARGUMENT, (guint32)args, (guint32)(end - args), FALSE);
            no_more_arguments(r, t, len, end);
        }
        return MT_POP3_V_ARG;
    case MT_POP3_ARG_OPT_TEXT:
        if (args >= len)
            return MT_POP3_V_NOARG;
        mt_rec_bytes(r, -1, MT_F_POP3_ARGUMENT, (guint32)args, (guint32)(len - args), FALSE);
        return MT_POP3_V_ARG;
    default:
        return MT_POP3_V_ANY;
    }
}

/* ---- client: sequence (RFC 1939 §3, §7; RFC 2449) ---- */

static void
check_sequence(mt_pop3 *s, mt_record *r, const mt_pop3_command_info *ci, guint32 vlen)
{
    const pop3_pending *p = head(s);

    if (s->quit_sent) {
        mt_rec_anomaly(r, MT_A_POP3_AFTER_QUIT, 0, vlen);
        return;
    }
    if (p && p->cmd != MT_POP3_CMD_CONNECT) {
        if (s->certain && s->capa_seen && !(s->capas & MT_POP3_CAP_PIPELINING))
            mt_rec_anomaly(r, MT_A_POP3_PIPELINING_NOT_OFFERED, 0, vlen);
        else
            note_x(r, 0, vlen, MT_POP3_X_PIPELINED);
    }
    if (!s->certain || ci == NULL)
        return;
    if (ci->states == MT_POP3_IN_TRANSACTION && !s->authed && s->login_pending == 0)
        mt_rec_anomaly(r, MT_A_POP3_BEFORE_LOGIN, 0, vlen);
    else if (ci->states == MT_POP3_IN_AUTHORIZATION && s->authed)
        mt_rec_anomaly(r, MT_A_POP3_AFTER_LOGIN, 0, vlen);
    else if (ci->id == MT_POP3_CMD_PASS && !s->user_sent)
        mt_rec_anomaly(r, MT_A_POP3_PASS_WITHOUT_USER, 0, vlen);
    if (ci->id == MT_POP3_CMD_APOP && s->greeted && !s->apop_offered)
        mt_rec_anomaly(r, MT_A_POP3_APOP_NO_TIMESTAMP, 0, vlen);
    if (ci->needs && s->capa_seen && !(s->capas & ci->needs))
        mt_rec_anomaly(r, MT_A_POP3_NOT_OFFERED, 0, vlen);
}

/* ---- client lines ---- */

/* USER, PASS, APOP and AUTH tell the login exchange (mt_sasl.h). */
static void
login_command(mt_pop3 *s, mt_record *r, mt_pop3_cmd cmd, mt_pop3_variant variant, const guint8 *t,
              gsize len, gsize args)
{
    const mt_item *it;
    gsize end;

    switch (cmd) {
    case MT_POP3_CMD_USER:
        mt_sasl_begin_plain(&s->sasl, FALSE);
        if ((it = mt_rec_find_top(r, MT_F_AUTH_USERNAME)) != NULL)
            mt_sasl_set_user(&s->sasl, t + it->off, it->len);
        break;
    case MT_POP3_CMD_PASS:
        if (!s->sasl.active || s->sasl.kind != MT_SASL_K_PASSWORD)
            mt_sasl_begin_plain(&s->sasl, TRUE);
        if (args < len)
            mt_sasl_password(&s->sasl, r, (guint32)args, (guint32)(len - args), NULL, s->tls_on);
        break;
    case MT_POP3_CMD_APOP:
        mt_sasl_begin_plain(&s->sasl, FALSE);
        if ((it = mt_rec_find_top(r, MT_F_AUTH_USERNAME)) != NULL)
            mt_sasl_set_user(&s->sasl, t + it->off, it->len);
        if ((it = mt_rec_find_top(r, MT_F_POP3_APOP_DIGEST)) != NULL)
            mt_sasl_digest(&s->sasl, r, (gint)(it - r->items));
        break;
    case MT_POP3_CMD_AUTH:
        if (variant != MT_POP3_V_ARG)
            break;
        end = mt_token_end_ws(t, len, args);
        mt_sasl_begin(&s->sasl, t + args, end - args);
        if (s->certain && !s->tls_on && (s->capas & MT_POP3_CAP_STLS))
            mt_rec_anomaly(r, MT_A_AUTH_BEFORE_TLS, (guint32)args, (guint32)(end - args));
        if ((it = mt_rec_find_top(r, MT_F_POP3_ARGUMENT)) != NULL)
            mt_sasl_client(&s->sasl, r, (gint)(it - r->items), t, it->off, it->len, TRUE, s->tls_on);
        break;
    default:
        break;
    }
}

/* Fill the command's summary with its arguments, as parsed into r. */
static void
command_summary(const mt_pop3 *s, mt_record *r, const mt_pop3_command_info *ci,
                mt_pop3_variant variant, const guint8 *t, gsize vend)
{
    const mt_item *a1 = NULL, *a2 = NULL;

    switch (ci->id) {
    case MT_POP3_CMD_USER:
    case MT_POP3_CMD_APOP:
        a1 = mt_rec_find_top(r, MT_F_AUTH_USERNAME);
        break;
    case MT_POP3_CMD_RETR:
    case MT_POP3_CMD_DELE:
        a1 = mt_rec_find_top(r, MT_F_POP3_MESSAGE_NUMBER);
        break;
    case MT_POP3_CMD_TOP:
        a1 = mt_rec_find_top(r, MT_F_POP3_MESSAGE_NUMBER);
        a2 = mt_rec_find_top(r, MT_F_POP3_TOP_LINES);
        if (a2 == NULL)
            a1 = NULL;
        break;
    case MT_POP3_CMD_LIST:
    case MT_POP3_CMD_UIDL:
        if (variant != MT_POP3_V_ARG)
            return;
        summary_x(r, ci->id == MT_POP3_CMD_LIST ? MT_POP3_X_S_LIST_ARG : MT_POP3_X_S_UIDL_ARG);
        a1 = mt_rec_find_top(r, MT_F_POP3_MESSAGE_NUMBER);
        break;
    case MT_POP3_CMD_AUTH:
        if (variant != MT_POP3_V_ARG)
            return;     /* the list of mechanisms: said by explain_line */
        a1 = mt_rec_find_top(r, MT_F_AUTH_MECHANISM);
        break;
    case MT_POP3_CMD_LANG:
        if (variant != MT_POP3_V_ARG)
            return;
        summary_x(r, MT_POP3_X_S_LANG_ARG);
        a1 = mt_rec_find_top(r, MT_F_POP3_ARGUMENT);
        break;
    case MT_POP3_CMD_QUIT:
        if (s->authed)
            summary_x(r, MT_POP3_X_S_QUIT_LOGIN);
        return;
    default:
        return;     /* no argument in the summary */
    }
    if (a1 == NULL) {
        summary_x(r, MT_POP3_X_S_MISSING_ARG);
        mt_rec_summary_bytes(r, 1, t, vend);
        return;
    }
    if (a1->vkind == MT_V_UINT)
        mt_rec_summary_uint(r, 1, a1->v.u);
    else
        mt_rec_summary_bytes(r, 1, t + a1->off, a1->len);
    if (a2)
        mt_rec_summary_uint(r, 2, a2->v.u);
}

static void
client_command(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, vend, args;
    const mt_pop3_command_info *ci;
    mt_pop3_cmd cmd;
    mt_pop3_variant variant = MT_POP3_V_ANY;
    mt_record *r;
    gboolean greeting_missed = FALSE;
    const pop3_pending *p = head(s);
    gint it;

    vend = mt_token_end_ws(t, len, 0);
    ci = mt_pop3_command_lookup(t, vend);
    cmd = ci ? ci->id : MT_POP3_CMD_UNKNOWN;

    if (!s->seen[MT_DIR_SERVER] && p && p->cmd == MT_POP3_CMD_CONNECT) {
        /* the client speaks first: the greeting was not captured */
        g_free(g_queue_pop_head(&s->pending));
        s->certain = FALSE;
        s->stage = MT_POP3_ST_UNKNOWN;
        greeting_missed = TRUE;
    }

    if (!s->certain && ci == NULL && s->stage == MT_POP3_ST_UNKNOWN) {
        /* the capture started inside an AUTH exchange, most likely */
        r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_UNKNOWN, MT_POP3_L_UNKNOWN, out);
        explain_line(r, 0, 0, MT_POP3_X_MAYBE_SASL);
        if (greeting_missed)
            mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
        check_line(r, ln, &rules_sasl, MT_POP3_X_TOO_LONG_CMD);
        add_stage_next(s, r, MT_POP3_N_UNKNOWN);
        return;
    }

    r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_COMMAND, MT_POP3_L_COMMAND, out);
    if (greeting_missed) {
        note_x(r, 0, 0, MT_POP3_X_GREETING_MISSED);
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
    if (len == 0) {
        explain_line(r, 0, 0, MT_POP3_X_EMPTY_LINE);
    } else if (ci) {
        it = mt_rec_bytes(r, -1, MT_F_POP3_COMMAND, 0, (guint32)vend, TRUE);
        mt_rec_set_meaning(r, it, &ci->name);
        mt_rec_explain(r, -1, 0, (guint32)vend, &ci->explanation, ci->rfc);
        mt_rec_summary(r, &ci->summary);
    } else {
        mt_rec_bytes(r, -1, MT_F_POP3_COMMAND, 0, (guint32)vend, TRUE);
        explain_line(r, 0, (guint32)vend, MT_POP3_X_UNKNOWN_CMD);
        mt_rec_summary_bytes(r, 1, t, vend);
        mt_rec_anomaly(r, MT_A_POP3_UNKNOWN_COMMAND, 0, (guint32)vend);
    }

    args = mt_skip_ws(t, len, vend);
    if (ci) {
        variant = parse_arguments(s, r, ci, t, len, args);
        command_summary(s, r, ci, variant, t, vend);
        login_command(s, r, cmd, variant, t, len, args);
    }
    check_sequence(s, r, ci, (guint32)vend);
    check_line(r, ln, &rules_command, MT_POP3_X_TOO_LONG_CMD);

    /* the client view moves on */
    if (s->stage == MT_POP3_ST_TLS)
        s->stage = MT_POP3_ST_AUTHORIZATION;    /* TLS is up: this came inside it */
    switch (cmd) {
    case MT_POP3_CMD_USER:
        s->user_sent = TRUE;
        break;
    case MT_POP3_CMD_PASS:
    case MT_POP3_CMD_APOP:
        s->login_pending++;
        if (!s->authed)
            s->stage = MT_POP3_ST_LOGIN_SENT;
        break;
    case MT_POP3_CMD_AUTH:
        if (variant == MT_POP3_V_ARG) {
            s->login_pending++;
            if (!s->authed)
                s->stage = MT_POP3_ST_SASL;
        }
        break;
    case MT_POP3_CMD_STLS:
        if (s->authed)
            variant = MT_POP3_V_AFTER_LOGIN;
        break;
    case MT_POP3_CMD_QUIT:
        s->quit_sent = TRUE;
        variant = !s->authed ? MT_POP3_V_BEFORE_LOGIN
                  : s->marked == 0 && s->certain ? MT_POP3_V_NOTHING_MARKED : MT_POP3_V_AFTER_LOGIN;
        if (s->authed)
            s->stage = MT_POP3_ST_UPDATE;
        else if (s->certain)
            s->stage = MT_POP3_ST_CLOSING;
        break;
    default:
        break;
    }
    push_pending(s, cmd, frame, r, variant);
    add_stage_next(s, r, MT_POP3_N_NONE);
    if (ci)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &ci->next);
    else
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_pop3_next_text(MT_POP3_N_RETRY));
}

static void
client_sasl(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_CONTINUATION, MT_POP3_L_SASL, out);
    gboolean cancel = ln->len == 1 && ln->text[0] == '*';

    mt_rec_bytes(r, -1, MT_F_POP3_ARGUMENT, 0, (guint32)ln->len, FALSE);
    explain_line(r, 0, (guint32)ln->len, cancel ? MT_POP3_X_SASL_CANCEL : MT_POP3_X_SASL);
    mt_sasl_client(&s->sasl, r, -1, ln->text, 0, ln->len, FALSE, s->tls_on);
    check_line(r, ln, &rules_sasl, MT_POP3_X_TOO_LONG_CMD);
    push_pending(s, MT_POP3_CMD_SASL, frame, r, cancel ? MT_POP3_V_CANCEL : MT_POP3_V_ANY);
    s->cmode = CM_COMMANDS;
    add_stage_next(s, r, MT_POP3_N_NONE);
    mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &mt_pop3_command_get(MT_POP3_CMD_SASL)->next);
}

static void
client_line(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    if (s->cmode == CM_SASL)
        client_sasl(s, ln, frame, out);
    else
        client_command(s, ln, frame, out);
}

/* ---- server: the end of a response ---- */

/* A final response moves the session on; returns what comes next. */
static mt_pop3_next
apply_response(mt_pop3 *s, const pop3_pending *p, gboolean ok)
{
    mt_pop3_cmd cmd = p ? p->cmd : MT_POP3_CMD_UNKNOWN;
    const mt_pop3_command_info *ci = mt_pop3_command_get(cmd);

    switch (cmd) {
    case MT_POP3_CMD_CONNECT:
        if (ok) {
            s->greeted = TRUE;
            s->certain = TRUE;
            s->stage = MT_POP3_ST_AUTHORIZATION;
            return MT_POP3_N_LOGIN;
        }
        s->stage = MT_POP3_ST_REFUSED;
        return MT_POP3_N_CLOSE;
    case MT_POP3_CMD_USER:
        if (ok) {
            if (!s->authed)
                s->stage = MT_POP3_ST_USER_OK;
            return MT_POP3_N_PASS;
        }
        s->user_sent = FALSE;
        return MT_POP3_N_RETRY_LOGIN;
    case MT_POP3_CMD_AUTH:
        if (p->variant == MT_POP3_V_NOARG)      /* the list of mechanisms */
            return ok ? next_for_stage(s) : MT_POP3_N_RETRY;
        /* fall through */
    case MT_POP3_CMD_PASS:
    case MT_POP3_CMD_APOP:
    case MT_POP3_CMD_SASL:
        if (s->login_pending > 0)
            s->login_pending--;
        s->user_sent = FALSE;
        s->cmode = CM_COMMANDS;
        if (ok) {
            s->authed = TRUE;
            s->certain = TRUE;
            s->marked = 0;
            s->stage = MT_POP3_ST_TRANSACTION;
            return MT_POP3_N_TRANSACTION;
        }
        if (!s->authed && s->stage != MT_POP3_ST_UNKNOWN)
            s->stage = MT_POP3_ST_AUTHORIZATION;
        return MT_POP3_N_RETRY_LOGIN;
    case MT_POP3_CMD_STLS:
        if (ok) {
            /* RFC 2595 §4: forget the capabilities learnt before TLS */
            s->tls_on = TRUE;
            s->capa_seen = FALSE;
            s->capas = 0;
            s->stage = MT_POP3_ST_TLS;
            return MT_POP3_N_TLS;
        }
        return MT_POP3_N_RETRY;
    case MT_POP3_CMD_QUIT:
        s->stage = MT_POP3_ST_CLOSED;
        return MT_POP3_N_CLOSE;
    case MT_POP3_CMD_DELE:
        if (ok)
            s->marked++;
        break;
    case MT_POP3_CMD_RSET:
        if (ok)
            s->marked = 0;
        break;
    default:
        break;
    }
    if (ci && ci->states == MT_POP3_IN_TRANSACTION) {
        if (ok) {
            /* only a logged-in session gets +OK here: now we know */
            s->authed = TRUE;
            s->certain = TRUE;
            s->stage = MT_POP3_ST_TRANSACTION;
        } else if (!s->authed && s->certain) {
            return MT_POP3_N_LOGIN;
        }
    }
    return ok ? next_for_stage(s) : MT_POP3_N_RETRY;
}

/* Deletion marks, where they change or take effect (RFC 1939 §5, §6). */
static void
show_marks(const mt_pop3 *s, mt_record *r, const pop3_pending *p, gboolean ok)
{
    gint it;

    if (p == NULL || !ok)
        return;
    if (p->cmd == MT_POP3_CMD_DELE || p->cmd == MT_POP3_CMD_RSET) {
        it = mt_rec_uint(r, -1, MT_F_POP3_MARKED, 0, 0, s->marked, NULL);
        explain_x(r, it, 0, 0, MT_POP3_X_MARKED);
    } else if (p->cmd == MT_POP3_CMD_QUIT && p->variant == MT_POP3_V_AFTER_LOGIN) {
        it = mt_rec_uint(r, -1, MT_F_POP3_MARKED, 0, 0, s->marked, NULL);
        explain_x(r, it, 0, 0, MT_POP3_X_MARKED_REMOVED);
    } else if (p->cmd == MT_POP3_CMD_QUIT && p->variant == MT_POP3_V_NOTHING_MARKED) {
        /* 0 marked: the response's meaning says that nothing is removed */
        mt_rec_uint(r, -1, MT_F_POP3_MARKED, 0, 0, s->marked, NULL);
    }
}

/* The response of the command at the head of the queue is complete in
 * this frame: link them and move on. */
static void
finish_response(mt_pop3 *s, mt_record *r, guint32 frame, gboolean ok)
{
    pop3_pending *p = g_queue_pop_head(&s->pending);
    mt_pop3_next next;

    if (p && p->rec)
        p->rec->resp_frame = frame;
    if (p && (p->cmd == MT_POP3_CMD_PASS || p->cmd == MT_POP3_CMD_APOP || p->cmd == MT_POP3_CMD_SASL
              || (p->cmd == MT_POP3_CMD_AUTH && p->variant != MT_POP3_V_NOARG)))
        mt_sasl_result(&s->sasl, r, ok);
    next = apply_response(s, p, ok);
    show_marks(s, r, p, ok);
    g_free(p);
    s->smode = SM_RESPONSE;
    s->msg_rec = NULL;
    s->has_announced = FALSE;
    if (!g_queue_is_empty(&s->pending) && next != MT_POP3_N_CLOSE)
        next = MT_POP3_N_PIPELINED;
    add_stage_next(s, r, next);
}

/* ---- server: first lines of responses ---- */

static status_kind
parse_status(const guint8 *t, gsize len, gsize *slen)
{
    *slen = 0;
    if (len >= 3 && g_ascii_strncasecmp((const char *)t, "+OK", 3) == 0 && (len == 3 || t[3] == ' ')) {
        *slen = 3;
        return STATUS_OK;
    }
    if (len >= 4 && g_ascii_strncasecmp((const char *)t, "-ERR", 4) == 0 && (len == 4 || t[4] == ' ')) {
        *slen = 4;
        return STATUS_ERR;
    }
    /* RFC 5034 §4: continue-req = "+" SP [base64] CRLF; some send "+" alone */
    if (len >= 1 && t[0] == '+' && (len == 1 || t[1] == ' ')) {
        *slen = 1;
        return STATUS_CONT;
    }
    return STATUS_NONE;
}

/* A failed login whose -ERR carries a response code says why it failed
 * (RFC 2449 §8.1, RFC 3206). */
static void
login_failed_why(mt_record *r, const mt_pop3_resp_code_info *rc)
{
    static const struct {
        const char   *code;
        mt_pop3_expl  summary;
    } why[] = {
        { "AUTH", MT_POP3_X_S_LOGIN_FAILED_AUTH },
        { "IN-USE", MT_POP3_X_S_LOGIN_FAILED_IN_USE },
        { "LOGIN-DELAY", MT_POP3_X_S_LOGIN_FAILED_DELAY },
        { "SYS/TEMP", MT_POP3_X_S_LOGIN_FAILED_SYS_TEMP },
        { "SYS/PERM", MT_POP3_X_S_LOGIN_FAILED_SYS_PERM },
        { "SYS", MT_POP3_X_S_LOGIN_FAILED_SYS },
    };
    gsize k;

    for (k = 0; k < G_N_ELEMENTS(why); k++) {
        if (strcmp(rc->code, why[k].code) == 0) {
            summary_x(r, why[k].summary);
            return;
        }
    }
}

/* "[IN-USE]" right after the status (RFC 2449 §8); returns where the text
 * goes on. */
static gsize
response_code(mt_record *r, const guint8 *t, gsize len, gsize i, const mt_pop3_resp_code_info **found)
{
    const mt_pop3_resp_code_info *ri;
    gsize e;
    gint it;

    *found = NULL;
    if (i >= len || t[i] != '[')
        return i;
    for (e = i + 1; e < len && t[e] != ']'; e++)
        ;
    if (e >= len || e == i + 1)
        return i;
    ri = mt_pop3_resp_code_lookup(t + i + 1, e - i - 1);
    *found = ri;
    it = mt_rec_bytes(r, -1, MT_F_POP3_RESPONSE_CODE, (guint32)(i + 1), (guint32)(e - i - 1), TRUE);
    if (ri) {
        mt_rec_set_meaning(r, it, &ri->name);
        mt_rec_explain(r, it, (guint32)i, (guint32)(e + 1 - i), &ri->explanation, ri->rfc);
    } else {
        explain_x(r, it, (guint32)i, (guint32)(e + 1 - i), MT_POP3_X_UNKNOWN_CODE);
        mt_rec_anomaly(r, MT_A_POP3_UNKNOWN_CODE, (guint32)i, (guint32)(e + 1 - i));
    }
    return mt_skip_ws(t, len, e + 1);
}

/* "1 519" (LIST) or "2 000000026b04861b" (UIDL) at t[i..]: returns the end
 * of what was decoded, or i if the line does not have that form. */
static gsize
listing_fields(mt_record *r, gboolean uidl, const guint8 *t, gsize len, gsize i)
{
    gsize e = mt_token_end_ws(t, len, i), j, k;
    guint64 n = 0, size = 0;
    gboolean valid = TRUE;
    gint it;

    if (!number_token(t, len, i, e, &n) || n == 0 || n > G_MAXUINT32)
        return i;
    j = mt_skip_ws(t, len, e);
    if (j == e || j >= len)
        return i;
    k = mt_token_end_ws(t, len, j);
    if (!uidl) {
        if (!number_token(t, len, j, k, &size))
            return i;
        mt_rec_uint(r, -1, MT_F_POP3_MESSAGE_NUMBER, (guint32)i, (guint32)(e - i), n, NULL);
        mt_rec_uint_fmt(r, -1, MT_F_POP3_OCTETS, (guint32)j, (guint32)(k - j), size, MT_FMT_OCTETS, NULL);
        return k;
    }
    mt_rec_uint(r, -1, MT_F_POP3_MESSAGE_NUMBER, (guint32)i, (guint32)(e - i), n, NULL);
    it = mt_rec_bytes(r, -1, MT_F_POP3_UID, (guint32)j, (guint32)(k - j), FALSE);
    if (k - j > POP3_MAX_UID)
        valid = FALSE;
    for (e = j; e < k && valid; e++)
        valid = t[e] >= 0x21 && t[e] <= 0x7e;
    if (!valid) {
        explain_x(r, it, (guint32)j, (guint32)(k - j), MT_POP3_X_UID_INVALID);
        mt_rec_anomaly(r, MT_A_POP3_BAD_LISTING, (guint32)j, (guint32)(k - j));
    }
    return k;
}

/* "message 1: 519 octets" from the items listing_fields() added. */
static void
listing_summary(mt_record *r, mt_pop3_expl x, const guint8 *t)
{
    const mt_item *num = NULL, *val = NULL;
    guint k;

    for (k = 0; k < r->n_items; k++) {
        if (r->items[k].parent >= 0)
            continue;
        if (r->items[k].field == MT_F_POP3_MESSAGE_NUMBER)
            num = &r->items[k];
        else if (r->items[k].field == MT_F_POP3_OCTETS || r->items[k].field == MT_F_POP3_UID)
            val = &r->items[k];
    }
    if (num == NULL || val == NULL)
        return;
    summary_x(r, x);
    mt_rec_summary_uint(r, 1, num->v.u);
    if (val->vkind == MT_V_UINT)
        mt_rec_summary_uint(r, 2, val->v.u);
    else
        mt_rec_summary_bytes(r, 2, t + val->off, val->len);
}

/* "<1896.697170952@dbc.mtview.ca.us>" in a greeting (RFC 1939 §7):
 * TRUE if there is one. */
static gboolean
greeting_timestamp(mt_pop3 *s, mt_record *r, const guint8 *t, gsize len, gsize i)
{
    gsize lt, gt;
    gboolean at = FALSE;
    gint it;

    for (lt = i; lt < len && t[lt] != '<'; lt++)
        ;
    if (lt >= len)
        return FALSE;
    for (gt = lt + 1; gt < len && t[gt] != '>' && t[gt] != '<'; gt++)
        at = at || t[gt] == '@';
    if (gt >= len || t[gt] != '>' || !at)
        return FALSE;
    it = mt_rec_bytes(r, -1, MT_F_POP3_TIMESTAMP, (guint32)lt, (guint32)(gt + 1 - lt), FALSE);
    explain_x(r, it, (guint32)lt, (guint32)(gt + 1 - lt), MT_POP3_X_TIMESTAMP);
    s->apop_offered = TRUE;
    return TRUE;
}

/* What a first line says beyond its status: returns the offset of the
 * rest, which is free text. *decoded tells if anything was decoded. */
static gsize
decode_values(mt_pop3 *s, mt_record *r, const pop3_pending *p, gboolean ok,
              const guint8 *t, gsize len, gsize i, gboolean *decoded)
{
    gsize e, j, k;
    guint64 n = 0, m = 0;
    gint it;

    *decoded = FALSE;
    if (p == NULL || !ok || i >= len)
        return i;
    switch (p->cmd) {
    case MT_POP3_CMD_STAT:
        /* RFC 1939 §5: "+OK nn mm", the drop listing */
        e = mt_token_end_ws(t, len, i);
        j = mt_skip_ws(t, len, e);
        k = mt_token_end_ws(t, len, j);
        if (!number_token(t, len, i, e, &n) || j == e || !number_token(t, len, j, k, &m))
            return i;
        mt_rec_uint(r, -1, MT_F_POP3_MESSAGES, (guint32)i, (guint32)(e - i), clamp32(n), NULL);
        mt_rec_uint_fmt(r, -1, MT_F_POP3_OCTETS, (guint32)j, (guint32)(k - j), m, MT_FMT_OCTETS, NULL);
        summary_x(r, n == 1 ? MT_POP3_X_S_STAT_ONE : MT_POP3_X_S_STAT);
        mt_rec_summary_uint(r, 1, n);
        mt_rec_summary_uint(r, 2, m);
        *decoded = TRUE;
        return mt_skip_ws(t, len, k);
    case MT_POP3_CMD_LIST:
    case MT_POP3_CMD_UIDL:
        if (p->variant != MT_POP3_V_ARG)
            return i;
        e = listing_fields(r, p->cmd == MT_POP3_CMD_UIDL, t, len, i);
        if (e == i) {
            mt_rec_anomaly(r, MT_A_POP3_BAD_LISTING, (guint32)i, (guint32)(len - i));
        } else {
            listing_summary(r, p->cmd == MT_POP3_CMD_UIDL ? MT_POP3_X_S_UIDL_ONE : MT_POP3_X_S_LIST_ONE, t);
            *decoded = TRUE;
        }
        return mt_skip_ws(t, len, e);
    case MT_POP3_CMD_RETR:
        /* "+OK 120 octets": not required, but what most servers send */
        e = mt_token_end_ws(t, len, i);
        if (!number_token(t, len, i, e, &n))
            return i;
        it = mt_rec_uint_fmt(r, -1, MT_F_POP3_OCTETS, (guint32)i, (guint32)(e - i), n, MT_FMT_OCTETS, NULL);
        explain_x(r, it, (guint32)i, (guint32)(e - i), MT_POP3_X_ANNOUNCED_SIZE);
        summary_x(r, MT_POP3_X_S_RETR_SIZE);
        mt_rec_summary_uint(r, 1, n);
        s->announced = n;
        s->has_announced = TRUE;
        *decoded = TRUE;
        return mt_skip_ws(t, len, e);
    case MT_POP3_CMD_CONNECT:
        if (greeting_timestamp(s, r, t, len, i))
            summary_x(r, MT_POP3_X_S_GREETING_APOP);
        return i;
    default:
        return i;
    }
}

static void
start_multiline(mt_pop3 *s, const pop3_pending *p)
{
    s->ml_lines = 0;
    s->msg_lines = 0;
    s->msg_octets = 0;
    s->msg_unstuffed = 0;
    s->msg_header_done = FALSE;
    s->msg_notable = 0;
    s->msg_rec = NULL;
    mt_mime_free(s->mime);
    s->mime = NULL;
    if (p->cmd == MT_POP3_CMD_RETR || p->cmd == MT_POP3_CMD_TOP) {
        s->mime = mt_mime_new();
        mt_mime_set_truncated(s->mime, p->cmd == MT_POP3_CMD_TOP);
    }
    switch (p->cmd) {
    case MT_POP3_CMD_CAPA:
        s->capas_new = 0;
        s->smode = SM_CAPA;
        break;
    case MT_POP3_CMD_LIST:
        s->smode = SM_LIST;
        break;
    case MT_POP3_CMD_UIDL:
        s->smode = SM_UIDL;
        break;
    case MT_POP3_CMD_AUTH:
        s->smode = SM_MECHS;
        break;
    case MT_POP3_CMD_LANG:
        s->smode = SM_LANGS;
        break;
    default:
        s->smode = SM_MESSAGE;
        break;
    }
}

static void server_earlier(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out);

static void
server_continuation(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    gsize len = ln->len, i;
    pop3_pending *p = head(s);
    mt_record *r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, MT_POP3_L_CHALLENGE, out);
    mt_pop3_next next;
    gint it;

    it = mt_rec_bytes(r, -1, MT_F_POP3_STATUS, 0, 1, FALSE);
    explain_x(r, it, 0, 1, MT_POP3_X_CONTINUATION);
    i = len > 1 ? 2 : len;
    if (i < len)
        mt_rec_bytes(r, -1, MT_F_POP3_RESPONSE_TEXT, (guint32)i, (guint32)(len - i), FALSE);
    explain_line(r, (guint32)i, (guint32)(len - i), MT_POP3_X_CHALLENGE);
    if ((p && (p->cmd == MT_POP3_CMD_AUTH || p->cmd == MT_POP3_CMD_SASL)) || (!s->certain && p == NULL))
        mt_sasl_server(&s->sasl, r, ln->text, i, len - i);
    if (p && (p->cmd == MT_POP3_CMD_AUTH || p->cmd == MT_POP3_CMD_SASL)) {
        /* the step is answered; the client's next line answers the challenge */
        r->req_frame = p->frame;
        if (p->rec)
            p->rec->resp_frame = frame;
        g_free(g_queue_pop_head(&s->pending));
        s->cmode = CM_SASL;
        s->stage = MT_POP3_ST_SASL;
        next = MT_POP3_N_SASL;
    } else if (!s->certain && p == NULL) {
        note_x(r, 0, 0, MT_POP3_X_UNMATCHED_RESPONSE);
        if (!s->seen[MT_DIR_SERVER] && !s->seen[MT_DIR_CLIENT])
            mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
        s->cmode = CM_SASL;
        s->stage = MT_POP3_ST_SASL;
        next = MT_POP3_N_SASL;
    } else {
        mt_rec_anomaly(r, MT_A_POP3_BAD_CONTINUATION, 0, 1);
        next = next_for_stage(s);
    }
    check_line(r, ln, &rules_response, MT_POP3_X_TOO_LONG_RESPONSE);
    add_stage_next(s, r, next);
}

static void
server_response(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, slen, i;
    status_kind status = parse_status(t, len, &slen);
    pop3_pending *p = head(s);
    const mt_pop3_response_context *ctx;
    const mt_pop3_command_info *ci;
    gboolean ok, multi, decoded;
    const mt_pop3_resp_code_info *rc;
    mt_pop3_cmd cmd;
    mt_record *r;
    gint it;

    if (p && p->cmd == MT_POP3_CMD_CONNECT && !s->seen[MT_DIR_SERVER]
        && (status == STATUS_NONE || status == STATUS_CONT)) {
        /* not a greeting: the capture starts mid-session */
        g_free(g_queue_pop_head(&s->pending));
        p = NULL;
        s->certain = FALSE;
        s->stage = MT_POP3_ST_UNKNOWN;
    }
    if (status == STATUS_NONE) {
        if (p == NULL && !s->certain) {
            /* most likely the rest of a multi-line response */
            s->smode = SM_EARLIER;
            s->ml_lines = 0;
            s->msg_lines = 0;
            s->msg_rec = NULL;
            server_earlier(s, ln, frame, out);
            return;
        }
        r = line_record(ln, MT_DIR_SERVER, frame, MT_R_UNKNOWN, MT_POP3_L_UNKNOWN, out);
        if (p)
            r->req_frame = p->frame;
        explain_line(r, 0, 0, MT_POP3_X_BAD_RESPONSE);
        mt_rec_anomaly(r, MT_A_POP3_BAD_RESPONSE, 0, 0);
        check_line(r, ln, &rules_response, MT_POP3_X_TOO_LONG_RESPONSE);
        add_stage_next(s, r, next_for_stage(s));
        return;
    }
    if (status == STATUS_CONT) {
        server_continuation(s, ln, frame, out);
        return;
    }

    ok = status == STATUS_OK;
    cmd = p ? p->cmd : MT_POP3_CMD_UNKNOWN;
    ci = mt_pop3_command_get(cmd);
    multi = ok && p && is_multiline(p);
    r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY,
                    cmd == MT_POP3_CMD_CONNECT ? MT_POP3_L_GREETING : MT_POP3_L_RESPONSE, out);
    if (p)
        r->req_frame = p->frame;

    it = mt_rec_bytes(r, -1, MT_F_POP3_STATUS, 0, (guint32)slen, TRUE);
    explain_x(r, it, 0, (guint32)slen, ok ? MT_POP3_X_STATUS_OK : MT_POP3_X_STATUS_ERR);
    /* what +OK or -ERR means here, for the command it answers: the
     * explanation and the first guess of the summary; decoded values
     * below make the summary more precise */
    ctx = mt_pop3_response_context_lookup(cmd, ok, p ? p->variant : MT_POP3_V_ANY);
    if (ctx == NULL)
        ctx = mt_pop3_response_context_lookup(MT_POP3_CMD_UNKNOWN, ok, MT_POP3_V_ANY);
    if (!ok && ci && ci->states == MT_POP3_IN_TRANSACTION && !s->authed && s->certain) {
        explain_x(r, -1, 0, 0, MT_POP3_X_NOT_LOGGED_IN);
    } else if (!ok && ci && ci->states == MT_POP3_IN_AUTHORIZATION && s->authed) {
        explain_x(r, -1, 0, 0, MT_POP3_X_ALREADY_LOGGED_IN);
    } else if (ctx) {
        mt_rec_explain(r, -1, 0, 0, &ctx->meaning, ctx->rfc ? ctx->rfc : ci ? ci->rfc : NULL);
    }
    if (ctx)
        mt_rec_summary(r, &ctx->summary);
    i = slen < len ? slen + 1 : len;
    i = response_code(r, t, len, i, &rc);
    if (!ok && rc && p && p->variant != MT_POP3_V_CANCEL
        && (cmd == MT_POP3_CMD_PASS || cmd == MT_POP3_CMD_APOP || cmd == MT_POP3_CMD_AUTH
            || cmd == MT_POP3_CMD_SASL))
        login_failed_why(r, rc);
    i = decode_values(s, r, p, ok, t, len, i, &decoded);
    if (i < len) {
        it = mt_rec_bytes(r, -1, MT_F_POP3_RESPONSE_TEXT, (guint32)i, (guint32)(len - i), FALSE);
        if (!decoded && !s->told_text) {
            /* said once per session: it is the same for every response */
            explain_x(r, it, (guint32)i, (guint32)(len - i), MT_POP3_X_RESPONSE_TEXT);
            s->told_text = TRUE;
        }
    }
    if (multi) {
        it = mt_rec_bool(r, -1, MT_F_POP3_MULTILINE, 0, (guint32)slen, TRUE);
        explain_x(r, it, 0, (guint32)slen, MT_POP3_X_MULTILINE);
    }
    if (p == NULL) {
        if (s->certain) {
            mt_rec_anomaly(r, MT_A_UNSOLICITED_REPLY, 0, (guint32)slen);
        } else {
            note_x(r, 0, 0, MT_POP3_X_UNMATCHED_RESPONSE);
            if (!s->seen[MT_DIR_SERVER] && !s->seen[MT_DIR_CLIENT])
                mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
        }
    }
    if (!ok)
        mt_rec_anomaly(r, MT_A_POP3_NEGATIVE, 0, (guint32)slen);
    check_line(r, ln, &rules_response, MT_POP3_X_TOO_LONG_RESPONSE);

    if (multi) {
        start_multiline(s, p);
        add_stage_next(s, r, s->smode == SM_MESSAGE ? MT_POP3_N_MESSAGE_MORE : MT_POP3_N_MORE_LINES);
        return;
    }
    if (p == NULL) {
        add_stage_next(s, r, ok ? next_for_stage(s) : MT_POP3_N_RETRY);
        return;
    }
    finish_response(s, r, frame, ok);
}

/* ---- server: listings (CAPA, LIST, UIDL, AUTH, LANG) ---- */

static void
capability_line(mt_pop3 *s, mt_record *r, const guint8 *t, gsize len, gsize i)
{
    gsize kend = mt_token_end_ws(t, len, i), k, e;
    const mt_pop3_capa_info *ci;
    guint64 v = 0;
    guint n = 0;
    gint it, c;

    if (kend == i) {
        explain_line(r, 0, 0, MT_POP3_X_UNKNOWN_CAPA);
        mt_rec_summary_str(r, 1, "?");
        return;
    }
    ci = mt_pop3_capa_lookup(t + i, kend - i);
    it = mt_rec_bytes(r, -1, MT_F_POP3_CAPABILITY, (guint32)i, (guint32)(kend - i), TRUE);
    k = mt_skip_ws(t, len, kend);
    if (ci == NULL) {
        explain_line(r, (guint32)i, (guint32)(kend - i), MT_POP3_X_UNKNOWN_CAPA);
        mt_rec_summary_bytes(r, 1, t + i, kend - i);
        if (k < len)
            mt_rec_bytes(r, it, MT_F_POP3_CAPABILITY_PARAM, (guint32)k, (guint32)(len - k), FALSE);
        return;
    }
    /* the line's explanation is what the capability offers */
    mt_rec_set_meaning(r, it, &ci->name);
    mt_rec_explain(r, -1, (guint32)i, (guint32)(kend - i), &ci->explanation, ci->rfc);
    summary_x(r, MT_POP3_X_S_CAPA);
    mt_rec_summary_str(r, 1, ci->tag);
    mt_rec_summary_text(r, 2, &ci->name);
    s->capas_new |= ci->flag;
    switch (ci->param) {
    case MT_POP3_CAPA_PARAM_MECHS:
        if (k < len) {
            summary_x(r, MT_POP3_X_S_CAPA_SASL);
            mt_rec_summary_words(r, 1, t + k, len - k);
        }
        while (k < len && n++ < POP3_MAX_TOKENS) {
            e = mt_token_end_ws(t, len, k);
            explain_mechanism(r, it, t, k, e);
            k = mt_skip_ws(t, len, e);
        }
        break;
    case MT_POP3_CAPA_PARAM_UTF8:
        if (k >= len)
            break;
        e = mt_token_end_ws(t, len, k);
        c = mt_rec_bytes(r, it, MT_F_POP3_CAPABILITY_PARAM, (guint32)k, (guint32)(len - k), FALSE);
        if (mt_ci_eq(t + k, e - k, "USER"))
            explain_x(r, c, (guint32)k, (guint32)(e - k), MT_POP3_X_UTF8_USER);
        break;
    case MT_POP3_CAPA_PARAM_SECONDS:
    case MT_POP3_CAPA_PARAM_DAYS:
        if (k >= len)
            break;
        e = mt_token_end_ws(t, len, k);
        if (ci->param == MT_POP3_CAPA_PARAM_DAYS && mt_ci_eq(t + k, e - k, "NEVER")) {
            c = mt_rec_bytes(r, it, MT_F_POP3_CAPABILITY_PARAM, (guint32)k, (guint32)(e - k), TRUE);
            explain_x(r, c, (guint32)k, (guint32)(e - k), MT_POP3_X_EXPIRE_NEVER);
            summary_x(r, MT_POP3_X_S_EXPIRE_NEVER);
        } else if (number_token(t, len, k, e, &v)) {
            gboolean secs = ci->param == MT_POP3_CAPA_PARAM_SECONDS;
            c = mt_rec_uint(r, it, secs ? MT_F_POP3_LOGIN_DELAY : MT_F_POP3_EXPIRE, (guint32)k,
                            (guint32)(e - k), clamp32(v),
                            mt_pop3_unit_text(secs ? MT_POP3_U_SECONDS : MT_POP3_U_DAYS));
            explain_x(r, c, (guint32)k, (guint32)(e - k), secs ? MT_POP3_X_LOGIN_DELAY : MT_POP3_X_EXPIRE_DAYS);
            summary_x(r, secs ? MT_POP3_X_S_LOGIN_DELAY : v == 0 ? MT_POP3_X_S_EXPIRE_0 : MT_POP3_X_S_EXPIRE);
            mt_rec_summary_uint(r, 1, v);
        } else {
            mt_rec_bytes(r, it, MT_F_POP3_CAPABILITY_PARAM, (guint32)k, (guint32)(len - k), FALSE);
            break;
        }
        k = mt_skip_ws(t, len, e);
        if (k < len) {
            e = mt_token_end_ws(t, len, k);
            c = mt_rec_bytes(r, it, MT_F_POP3_CAPABILITY_PARAM, (guint32)k, (guint32)(len - k), FALSE);
            if (mt_ci_eq(t + k, e - k, "USER"))
                mt_rec_explain(r, c, (guint32)k, (guint32)(e - k),
                               mt_pop3_expl_text(MT_POP3_X_PER_USER), ci->rfc);
        }
        break;
    default:
        if (k < len)
            mt_rec_bytes(r, it, MT_F_POP3_CAPABILITY_PARAM, (guint32)k, (guint32)(len - k), FALSE);
        break;
    }
}

static void
end_listing(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out, const pop3_pending *p)
{
    mt_record *r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, MT_POP3_L_RESPONSE_END, out);

    if (p)
        r->req_frame = p->frame;
    mt_rec_bool(r, -1, MT_F_POP3_RESPONSE_END, 0, 1, TRUE);
    explain_line(r, 0, 1, MT_POP3_X_RESPONSE_END);
    mt_rec_summary_uint(r, 1, s->ml_lines);
    mt_rec_uint(r, -1, MT_F_POP3_RESPONSE_LINES, 0, 0, s->ml_lines, NULL);
    if (s->smode == SM_CAPA) {
        s->capas = s->capas_new;
        s->capa_seen = TRUE;
    }
    check_line(r, ln, &rules_listing, MT_POP3_X_COUNT);
    finish_response(s, r, frame, TRUE);
}

static void
server_listing(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, i = 0, e;
    const pop3_pending *p = head(s);
    mt_pop3_label label;
    mt_record *r;

    if (is_dot_line(ln)) {
        end_listing(s, ln, frame, out, p);
        return;
    }
    s->ml_lines++;
    switch (s->smode) {
    case SM_CAPA:  label = MT_POP3_L_CAPABILITY; break;
    case SM_LIST:  label = MT_POP3_L_SCAN; break;
    case SM_UIDL:  label = MT_POP3_L_UID; break;
    case SM_MECHS: label = MT_POP3_L_MECHANISM; break;
    default:       label = MT_POP3_L_LANGUAGE; break;
    }
    r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, label, out);
    if (p)
        r->req_frame = p->frame;
    if (len > 0 && t[0] == '.') {
        /* dot-stuffed; a listing line never starts with a dot in practice */
        note_x(r, 0, 1, MT_POP3_X_LISTING_UNSTUFFED);
        i = 1;
    }
    switch (s->smode) {
    case SM_LIST:
    case SM_UIDL:
        e = listing_fields(r, s->smode == SM_UIDL, t, len, i);
        explain_line(r, 0, (guint32)e, s->smode == SM_UIDL ? MT_POP3_X_UID_LISTING : MT_POP3_X_SCAN_LISTING);
        if (e == i) {
            /* say what the line should have been */
            if (i < len)
                mt_rec_bytes(r, -1, MT_F_POP3_RESPONSE_TEXT, (guint32)i, (guint32)(len - i), FALSE);
            summary_x(r, MT_POP3_X_BAD_RESPONSE);
            mt_rec_anomaly(r, MT_A_POP3_BAD_LISTING, 0, 0);
            break;
        }
        listing_summary(r, s->smode == SM_UIDL ? MT_POP3_X_UID_LISTING : MT_POP3_X_SCAN_LISTING, t);
        e = mt_skip_ws(t, len, e);
        if (e < len)
            mt_rec_bytes(r, -1, MT_F_POP3_RESPONSE_TEXT, (guint32)e, (guint32)(len - e), FALSE);
        break;
    case SM_CAPA:
        capability_line(s, r, t, len, i);
        break;
    case SM_MECHS:
        e = mt_token_end_ws(t, len, i);
        explain_line(r, (guint32)i, (guint32)(e - i), MT_POP3_X_MECH_LINE);
        mt_rec_summary_bytes(r, 1, t + i, e - i);
        if (e > i)
            explain_mechanism(r, -1, t, i, e);
        break;
    default:
        e = mt_token_end_ws(t, len, i);
        if (i < len)
            mt_rec_bytes(r, -1, MT_F_POP3_RESPONSE_TEXT, (guint32)i, (guint32)(len - i), FALSE);
        explain_line(r, (guint32)i, (guint32)(len - i), MT_POP3_X_LANGUAGE);
        mt_rec_summary_bytes(r, 1, t + i, e - i);
        break;
    }
    check_line(r, ln, &rules_listing, MT_POP3_X_COUNT);
    add_stage_next(s, r, MT_POP3_N_MORE_LINES);
}

/* ---- server: message text (RETR, TOP) ---- */

/* The records the message's reader added from out[from] on get the stage
 * and next step. */
static void
mime_tag(const mt_pop3 *s, GPtrArray *out, guint from, const mt_record *skip)
{
    guint i;

    for (i = from; i < out->len; i++) {
        if (out->pdata[i] != skip && !mt_rec_find(out->pdata[i], MT_F_STAGE))
            add_stage_next(s, out->pdata[i], MT_POP3_N_MESSAGE_MORE);
    }
}

/* One record counts the run of text lines of this chunk. */
static mt_record *
text_summary(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out, mt_pop3_label label,
             mt_pop3_expl x, mt_pop3_next next)
{
    mt_record *r = s->msg_rec;
    const pop3_pending *p = head(s);

    if (r == NULL) {
        r = line_record(ln, MT_DIR_SERVER, frame, MT_R_MESSAGE, label, out);
        /* a run of lines: no single line to copy */
        g_free(r->rebuilt);
        r->rebuilt = NULL;
        r->rebuilt_len = 0;
        r->flags &= (guint8)~(MT_RF_REBUILT | MT_RF_TRUNCATED);
        if (p && label == MT_POP3_L_MESSAGE)
            r->req_frame = p->frame;
        s->msg_rec_lines = mt_rec_uint(r, -1, MT_F_DATA_LINES, 0, 0, 0, NULL);
        mt_rec_uint(r, -1, MT_F_DATA_LINE_NUMBER, 0, 0, s->msg_lines, NULL);
        explain_line(r, 0, 0, x);
        add_stage_next(s, r, next);
        s->msg_rec = r;
    } else {
        r->chunk_len = (guint32)(ln->chunk_off + ln->chunk_len - r->chunk_off);
    }
    r->line_len = r->chunk_len;
    if (s->msg_rec_lines >= 0 && s->msg_rec_lines < (gint)r->n_items) {
        r->items[s->msg_rec_lines].v.u++;
        mt_rec_summary_uint(r, 1, r->items[s->msg_rec_lines].v.u);
    }
    return r;
}

static void
message_end(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const pop3_pending *p = head(s);
    mt_record *r = line_record(ln, MT_DIR_SERVER, frame, MT_R_MESSAGE_LINE, MT_POP3_L_MESSAGE_END, out);
    gint it;

    if (p)
        r->req_frame = p->frame;
    mt_rec_bool(r, -1, MT_F_DATA_END, 0, 1, TRUE);
    if (p && p->cmd == MT_POP3_CMD_TOP) {
        explain_x(r, -1, 0, 1, MT_POP3_X_TOP_END);
        summary_x(r, MT_POP3_X_TOP_END);
    } else {
        explain_x(r, -1, 0, 1, MT_POP3_X_MESSAGE_END);
        summary_x(r, MT_POP3_X_S_MESSAGE_END);
    }
    mt_rec_summary_uint(r, 1, s->msg_lines);
    mt_rec_summary_uint(r, 2, s->msg_unstuffed);
    mt_rec_uint(r, -1, MT_F_DATA_TOTAL_LINES, 0, 0, s->msg_lines, NULL);
    it = mt_rec_uint_fmt(r, -1, MT_F_DATA_TOTAL_OCTETS, 0, 0, s->msg_octets, MT_FMT_OCTETS, NULL);
    if (s->msg_octets != s->msg_unstuffed)
        explain_x(r, it, 0, 0, MT_POP3_X_SENT_SIZE);
    it = mt_rec_uint_fmt(r, -1, MT_F_POP3_OCTETS, 0, 0, s->msg_unstuffed, MT_FMT_OCTETS, NULL);
    explain_x(r, it, 0, 0, MT_POP3_X_UNSTUFFED_SIZE);
    if (s->has_announced) {
        it = mt_rec_uint_fmt(r, -1, MT_F_POP3_ANNOUNCED, 0, 0, s->announced, MT_FMT_OCTETS, NULL);
        if (s->announced == s->msg_unstuffed) {
            explain_x(r, it, 0, 0, MT_POP3_X_SIZE_MATCH);
        } else {
            explain_x(r, it, 0, 0, MT_POP3_X_SIZE_DIFFERS);
            mt_rec_anomaly(r, MT_A_POP3_SIZE_MISMATCH, 0, 0);
        }
    }
    check_line(r, ln, &rules_text, MT_POP3_X_COUNT);
    if (s->mime) {
        mt_mime_ctx c = { MT_PROTO_POP3, MT_DIR_SERVER, frame, out };
        guint from = out->len;
        mt_mime_end_with(s->mime, &c, r, TRUE);
        mime_tag(s, out, from - 1, r);
        mt_mime_free(s->mime);
        s->mime = NULL;
    }
    finish_response(s, r, frame, TRUE);
}

static void
server_message(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len;
    gboolean dot = ln->full_len > 0 && len > 0 && t[0] == '.';
    mt_pop3_label label = MT_POP3_L_NOTABLE;
    mt_pop3_expl x = MT_POP3_X_COUNT;
    gboolean bad;
    mt_record *r;

    if (is_dot_line(ln)) {
        message_end(s, ln, frame, out);
        return;
    }
    s->msg_lines++;
    s->msg_octets += ln->full_len + ln->eol_len;
    /* the client removes the first dot of a line that starts with one
     * (RFC 1939 §3), whether the server added it or not: MIME reads the
     * text without it */
    s->msg_unstuffed += ln->full_len + ln->eol_len - (dot ? 1 : 0);
    text_summary(s, ln, frame, out, MT_POP3_L_MESSAGE, MT_POP3_X_MESSAGE, MT_POP3_N_MESSAGE_MORE);
    if (s->mime) {
        mt_mime_ctx c = { MT_PROTO_POP3, MT_DIR_SERVER, frame, out };
        guint from = out->len;
        mt_mime_line(s->mime, &c, ln, dot ? 1 : 0);
        mime_tag(s, out, from, NULL);
    }

    bad = mt_linecheck_needed(ln, &rules_text);
    if (dot && len >= 2 && t[1] == '.') {
        label = MT_POP3_L_DOT_STUFFED;
        x = MT_POP3_X_DOT_STUFFED;
    } else if (dot) {
        bad = TRUE;
    } else if (ln->full_len == 0 && !s->msg_header_done) {
        label = MT_POP3_L_HEADER_END;
        x = MT_POP3_X_HEADER_END;
    }
    if (ln->full_len == 0)
        s->msg_header_done = TRUE;
    if (x == MT_POP3_X_COUNT && !bad)
        return;
    if (s->msg_notable >= MT_POP3_MAX_NOTABLE && x != MT_POP3_X_HEADER_END)
        return;
    s->msg_notable++;
    r = line_record(ln, MT_DIR_SERVER, frame, MT_R_MESSAGE_LINE, label, out);
    mt_rec_uint(r, -1, MT_F_DATA_LINE_NUMBER, 0, 0, s->msg_lines, NULL);
    if (x == MT_POP3_X_DOT_STUFFED) {
        mt_rec_bool(r, -1, MT_F_DATA_DOT_STUFFED, 0, 2, TRUE);
        explain_line(r, 0, 2, x);
    } else if (x == MT_POP3_X_HEADER_END) {
        mt_rec_bool(r, -1, MT_F_DATA_HEADER_END, 0, 0, TRUE);
        explain_line(r, 0, 0, x);
    } else if (dot) {
        explain_line(r, 0, 1, MT_POP3_X_DOT_SINGLE);
        mt_rec_anomaly(r, MT_A_POP3_DOT_NOT_STUFFED, 0, 1);
    } else {
        explain_line(r, 0, 0, MT_POP3_X_MESSAGE_LINE);
    }
    mt_rec_summary_uint(r, 1, s->msg_lines);
    check_line(r, ln, &rules_text, MT_POP3_X_COUNT);
    add_stage_next(s, r, MT_POP3_N_MESSAGE_MORE);
}

/* ---- server: lines of a response whose start was not captured ---- */

static void
server_earlier(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    gsize slen;
    status_kind status = parse_status(ln->text, ln->len, &slen);
    mt_record *r;

    if (!g_queue_is_empty(&s->pending) && (status == STATUS_OK || status == STATUS_ERR)) {
        /* the client spoke since: this answers it */
        s->smode = SM_RESPONSE;
        s->msg_rec = NULL;
        server_response(s, ln, frame, out);
        return;
    }
    if (is_dot_line(ln)) {
        r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY, MT_POP3_L_RESPONSE_END, out);
        mt_rec_bool(r, -1, MT_F_POP3_RESPONSE_END, 0, 1, TRUE);
        explain_line(r, 0, 1, MT_POP3_X_EARLIER_END);
        mt_rec_uint(r, -1, MT_F_POP3_RESPONSE_LINES, 0, 0, s->ml_lines, NULL);
        s->smode = SM_RESPONSE;
        s->msg_rec = NULL;
        add_stage_next(s, r, next_for_stage(s));
        return;
    }
    s->ml_lines++;
    s->msg_lines++;
    r = text_summary(s, ln, frame, out, MT_POP3_L_EARLIER, MT_POP3_X_EARLIER_RESPONSE, MT_POP3_N_MORE_LINES);
    if (!s->earlier_flagged) {
        s->earlier_flagged = TRUE;
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
}

static void
server_line(mt_pop3 *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    switch (s->smode) {
    case SM_RESPONSE:
        server_response(s, ln, frame, out);
        break;
    case SM_MESSAGE:
        server_message(s, ln, frame, out);
        break;
    case SM_EARLIER:
        server_earlier(s, ln, frame, out);
        break;
    default:
        server_listing(s, ln, frame, out);
        break;
    }
}

/* ---- feeding ---- */

mt_pop3 *
mt_pop3_new(void)
{
    mt_pop3 *s = g_new0(mt_pop3, 1);

    mt_linebuf_init(&s->lb[0]);
    mt_linebuf_init(&s->lb[1]);
    g_queue_init(&s->pending);
    s->stage = MT_POP3_ST_CONNECTED;
    s->certain = TRUE;
    s->msg_rec_lines = -1;
    mt_sasl_init(&s->sasl, MT_PROTO_POP3);
    push_pending(s, MT_POP3_CMD_CONNECT, 0, NULL, MT_POP3_V_ANY);
    return s;
}

void
mt_pop3_free(mt_pop3 *s)
{
    if (s == NULL)
        return;
    mt_linebuf_clear(&s->lb[0]);
    mt_linebuf_clear(&s->lb[1]);
    g_queue_clear_full(&s->pending, g_free);
    mt_sasl_clear(&s->sasl);
    mt_mime_free(s->mime);
    g_free(s);
}

void
mt_pop3_feed(mt_pop3 *s, mt_dir dir, guint32 frame, const guint8 *data, gsize len, GPtrArray *out)
{
    gsize pos = 0;
    mt_line ln;
    mt_ln_result res;
    mt_linebuf *lb;
    guint first = out->len;

    dir = dir == MT_DIR_SERVER ? MT_DIR_SERVER : MT_DIR_CLIENT;
    lb = &s->lb[dir == MT_DIR_SERVER ? 1 : 0];
    s->msg_rec = NULL;
    while ((res = mt_linebuf_next(lb, data, len, &pos, &ln)) != MT_LN_END) {
        if (res != MT_LN_LINE)
            continue;       /* POP3 announces no counted octets */
        if (dir == MT_DIR_CLIENT) {
            client_line(s, &ln, frame, out);
        } else {
            if (s->smode != SM_MESSAGE && s->smode != SM_EARLIER)
                s->msg_rec = NULL;
            server_line(s, &ln, frame, out);
        }
        s->seen[dir] = TRUE;
    }
    /* inside a message the text summary says enough, unless it is all there is */
    if (out->len == first || !(dir == MT_DIR_SERVER && (s->smode == SM_MESSAGE || s->smode == SM_EARLIER)))
        mt_linecheck_unfinished(MT_PROTO_POP3, dir, frame, lb, out);
    s->msg_rec = NULL;
}

/* Byte k of the server's unfinished line followed by data, or -1. */
static gint
byte_at(const mt_linebuf *lb, const guint8 *data, gsize len, gsize k)
{
    gsize kept = 0;

    if (mt_linebuf_has_partial(lb)) {
        kept = lb->partial ? lb->partial->len : 0;
        if (lb->partial_len != kept)
            return -1;      /* too long to be a status line anyway */
        if (k < kept)
            return lb->partial->data[k];
    }
    return k - kept < len ? data[k - kept] : -1;
}

gboolean
mt_pop3_tls_accept(const mt_pop3 *s, mt_dir dir, const guint8 *data, gsize len)
{
    const mt_linebuf *lb = &s->lb[1];
    const pop3_pending *p;
    gint c;

    if (dir != MT_DIR_SERVER || s->smode != SM_RESPONSE || data == NULL || len == 0)
        return FALSE;
    p = head(s);
    if (p == NULL || p->cmd != MT_POP3_CMD_STLS)
        return FALSE;
    /* RFC 2595 §4: "+OK", then TLS right after the end of that line */
    if (byte_at(lb, data, len, 0) != '+' || byte_at(lb, data, len, 1) != 'O'
        || byte_at(lb, data, len, 2) != 'K')
        return FALSE;
    c = byte_at(lb, data, len, 3);
    if (c != ' ' && c != '\r' && c != '\n')
        return FALSE;
    return memchr(data, '\n', len) != NULL;
}

mt_pop3_stage
mt_pop3_get_stage(const mt_pop3 *s)
{
    return s->stage;
}

void
mt_pop3_forget_records(mt_pop3 *s)
{
    mt_sasl_forget_records(&s->sasl);
    mt_linebuf_trim(&s->lb[0]);
    mt_linebuf_trim(&s->lb[1]);
}

gboolean
mt_pop3_ended(const mt_pop3 *s)
{
    return s->stage == MT_POP3_ST_CLOSED && s->pending.length == 0;
}

void
mt_pop3_set_tls(mt_pop3 *s)
{
    s->tls_on = TRUE;
}
