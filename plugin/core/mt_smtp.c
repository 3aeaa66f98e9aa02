/* mt_smtp.c - the SMTP session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Two views of the session are kept apart. The client view is what the
 * client has sent: it decides what the client's next bytes are (commands,
 * message text after a 354, BDAT octets, an answer to a 334 challenge) and
 * whether a command comes out of sequence. The server view is what the
 * server has accepted: a queue of commands waiting for replies (pipelining
 * puts several there) is matched with replies in order, and each final
 * reply moves the session on. RFC 5321 §4.3.2 lists which replies each
 * command can get; mt_smtp_catalog.c says what they mean.
 */
#include "mt_smtp.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_linecheck.h"
#include "mt_lines.h"
#include "mt_mime.h"
#include "mt_util.h"
#include "mt_sasl.h"
#include "mt_sasl_catalog.h"
#include "mt_smtp_catalog.h"

/* Line length limits, end of line included (RFC 5321 §4.5.3.1). */
#define SMTP_MAX_COMMAND_LINE 512
#define SMTP_MAX_REPLY_LINE   512
#define SMTP_MAX_TEXT_LINE    1000
/* SASL mechanisms itemised per AUTH keyword, parameters per command. */
#define SMTP_MAX_TOKENS       64

typedef struct {
    mt_smtp_cmd cmd;
    guint32     frame;
    mt_record  *rec;        /* the command's record, owned by the session */
    gboolean    bdat_last;
    gboolean    idle_rset;  /* RSET with no transaction open */
    gboolean    too_long;   /* the command line exceeded 512 octets */
    gboolean    sasl_cancel;    /* a SASL line "*": the client cancels the login */
    char       *env_rcpt;   /* RCPT: its address in env_rcpt (of env_gen), if kept */
    guint       env_gen;
} smtp_pending;

typedef enum {
    CM_COMMANDS = 0,        /* client lines are commands */
    CM_SASL,                /* the next client line answers a 334 */
    CM_DATA_WAIT,           /* DATA sent, its reply not seen yet */
    CM_MESSAGE              /* message text until "." */
} client_mode;

typedef enum {
    TX_NONE = 0,            /* no MAIL, or MAIL refused */
    TX_MAIL_SENT,           /* MAIL sent, reply pending */
    TX_MAIL_OK              /* MAIL accepted */
} tx_state;

struct mt_smtp {
    mt_linebuf    lb[2];
    mt_smtp_stage stage;
    client_mode   cmode;
    gboolean      seen[2];          /* any line from this direction yet */
    gboolean      certain;          /* the state is known, not guessed */
    gboolean      hello_ok;
    gboolean      tls_on;
    gboolean      ehlo_after_tls;   /* STARTTLS done, EHLO not yet repeated */
    gboolean      quit_sent;
    gboolean      authed;
    gboolean      told_reply_text;  /* "text for humans" said once */
    gboolean      told_enhanced;    /* what an enhanced status code is, said once */
    guint32       exts;             /* MT_SMTP_EXT_* from the last EHLO reply */
    guint64       size_limit;
    tx_state      mail;
    guint         rcpt_pending;
    guint         rcpt_ok;
    gboolean      bdat_open;        /* a BDAT transaction without LAST yet */
    /* the message being sent after 354 */
    guint64       msg_lines;
    guint64       msg_octets;
    gboolean      msg_header_done;
    guint         msg_notable;
    gboolean      msg_cut;      /* the message's start is not in the capture */
    gboolean      no_guess;     /* a server line came while the client was
                                 * guessed to send message text: it was not */
    mt_record    *msg_rec;          /* this chunk's message summary */
    gint          msg_rec_lines;    /* its MT_F_DATA_LINES item */
    mt_mime      *mime;             /* the message read as RFC 5322 and MIME */
    gboolean      bdat_last_chunk;  /* the BDAT octets expected are the last ones */
    /* the envelope of the transaction (MAIL FROM, RCPT TO), for mime */
    char         *env_from;
    GPtrArray    *env_rcpt;         /* recipients not refused (so far) */
    guint         env_gen;          /* counts MAIL commands: env_rcpt's generation */
    char         *env_added;        /* the address the RCPT being read added */
    /* the reply being read (multi-line replies) */
    gboolean      in_reply;
    guint         reply_code;
    guint         reply_lines;
    /* commands waiting for a reply */
    GQueue        pending;
    /* the login exchange */
    mt_sasl       sasl;
};

static const mt_linecheck_rules rules_command = {
    SMTP_MAX_COMMAND_LINE, NULL, "RFC 5321 §4.5.3.1.4", NULL, "RFC 5321 §2.3.8", TRUE
};
static const mt_linecheck_rules rules_reply = {
    SMTP_MAX_REPLY_LINE, NULL, "RFC 5321 §4.5.3.1.5", NULL, "RFC 5321 §2.3.8", TRUE
};
static const mt_linecheck_rules rules_text = {
    SMTP_MAX_TEXT_LINE, NULL, "RFC 5321 §4.5.3.1.6", NULL, "RFC 5321 §2.3.8", FALSE
};

/* ---- texts ---- */

static const mt_text *
smtp_text(mt_smtp_expl x)
{
    return mt_smtp_expl_text(x);
}

static void
explain_x(mt_record *r, gint parent, guint32 off, guint32 len, mt_smtp_expl x)
{
    mt_rec_explain(r, parent, off, len, mt_smtp_expl_text(x), mt_smtp_expl_rfc(x));
}

/* The line's own explanation and its short meaning. */
static void
explain_line(mt_record *r, guint32 off, guint32 len, mt_smtp_expl x)
{
    explain_x(r, -1, off, len, x);
    mt_rec_summary(r, mt_smtp_expl_summary(x));
}

static void
note_x(mt_record *r, mt_smtp_expl x)
{
    mt_rec_note(r, 0, 0, mt_smtp_expl_text(x), mt_smtp_expl_rfc(x));
}

static void
add_stage_next(mt_smtp *s, mt_record *r, mt_smtp_next next)
{
    mt_rec_text(r, -1, MT_F_STAGE, 0, 0, mt_smtp_stage_text(s->stage));
    if (next != MT_SMTP_N_NONE)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_smtp_next_text(next));
}

/* What a client ready for a transaction may do: STARTTLS once (RFC 3207
 * §4.2: not offered again inside TLS), AUTH once (RFC 4954 §4: another
 * AUTH after a successful one gets 503). */
static mt_smtp_next
transaction_next(const mt_smtp *s)
{
    if (s->authed)
        return MT_SMTP_N_TRANSACTION_AUTHED;
    return s->tls_on ? MT_SMTP_N_TRANSACTION_TLS : MT_SMTP_N_TRANSACTION;
}

/* What the client should do next, from where the session stands. */
static mt_smtp_next
next_for_stage(const mt_smtp *s)
{
    switch (s->stage) {
    case MT_SMTP_ST_CONNECTED:  return MT_SMTP_N_GREETING;
    case MT_SMTP_ST_GREETED:    return MT_SMTP_N_HELLO;
    case MT_SMTP_ST_HELLO:      return MT_SMTP_N_CONTINUES;
    case MT_SMTP_ST_READY:      return s->ehlo_after_tls ? MT_SMTP_N_EHLO_AGAIN : transaction_next(s);
    case MT_SMTP_ST_TLS:        return MT_SMTP_N_TLS;
    case MT_SMTP_ST_AUTH:       return MT_SMTP_N_SASL;
    case MT_SMTP_ST_SENDER:     return MT_SMTP_N_RCPT;
    case MT_SMTP_ST_RECIPIENTS: return s->rcpt_ok > 0 ? MT_SMTP_N_RCPT_OR_DATA : MT_SMTP_N_RCPT;
    case MT_SMTP_ST_DATA_WAIT:  return MT_SMTP_N_VERDICT;
    case MT_SMTP_ST_MESSAGE:    return MT_SMTP_N_MESSAGE_MORE;
    case MT_SMTP_ST_VERDICT:    return MT_SMTP_N_VERDICT;
    case MT_SMTP_ST_BDAT:       return MT_SMTP_N_BDAT_MORE;
    case MT_SMTP_ST_CLOSING:
    case MT_SMTP_ST_CLOSED:     return MT_SMTP_N_CLOSE;
    case MT_SMTP_ST_REFUSED:    return MT_SMTP_N_QUIT;
    default:                    return MT_SMTP_N_UNKNOWN;
    }
}

/* ---- records ---- */

static mt_record *
line_record(const mt_line *ln, mt_dir dir, guint32 frame, mt_rkind kind, mt_smtp_label label, GPtrArray *out)
{
    return mt_line_record(MT_PROTO_SMTP, ln, dir, frame, kind, mt_smtp_label_text(label), out);
}

static void
check_line(mt_record *r, const mt_line *ln, const mt_linecheck_rules *base,
           mt_smtp_expl too_long)
{
    mt_linecheck_rules rules = *base;

    if (!mt_linecheck_needed(ln, &rules))
        return;
    rules.too_long = smtp_text(too_long);
    rules.bare_lf = smtp_text(MT_SMTP_X_BARE_LF);
    mt_linecheck(r, ln, &rules);
}

/* ---- pending commands ---- */

static void
push_pending(mt_smtp *s, mt_smtp_cmd cmd, guint32 frame, mt_record *rec, gboolean bdat_last)
{
    smtp_pending *p;

    if (g_queue_get_length(&s->pending) >= MT_SMTP_MAX_PENDING)
        g_free(g_queue_pop_head(&s->pending));
    p = g_new0(smtp_pending, 1);
    p->cmd = cmd;
    p->frame = frame;
    p->rec = rec;
    p->bdat_last = bdat_last;
    if (cmd == MT_SMTP_CMD_RCPT && s->env_added) {
        p->env_rcpt = s->env_added;
        p->env_gen = s->env_gen;
    }
    s->env_added = NULL;
    g_queue_push_tail(&s->pending, p);
}

/* A new message: read it as RFC 5322 and MIME, with the envelope. */
static void
mime_start(mt_smtp *s)
{
    mt_mime_free(s->mime);
    s->mime = mt_mime_new();
    mt_mime_set_envelope(s->mime, s->env_from, (const char *const *)s->env_rcpt->pdata,
                         s->env_rcpt->len);
}

static void
mime_ctx(mt_mime_ctx *c, guint32 frame, GPtrArray *out)
{
    c->proto = MT_PROTO_SMTP;
    c->dir = MT_DIR_CLIENT;
    c->frame = frame;
    c->out = out;
}

/* The records mime added from out[from] on get the stage and next step. */
static void
mime_tag(mt_smtp *s, GPtrArray *out, guint from, gboolean bdat, const mt_record *skip)
{
    guint i;

    for (i = from; i < out->len; i++) {
        mt_record *r = out->pdata[i];
        if (r == skip || mt_rec_find(r, MT_F_STAGE))
            continue;
        add_stage_next(s, r, bdat ? MT_SMTP_N_NONE : MT_SMTP_N_MESSAGE_MORE);
        if (bdat)
            mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &mt_smtp_command_get(MT_SMTP_CMD_BDAT)->next);
    }
}

/* The message ends: its last records, and the summary on r. */
static void
mime_end(mt_smtp *s, guint32 frame, GPtrArray *out, mt_record *r, gboolean move_after)
{
    mt_mime_ctx c;

    guint from = out->len;

    if (s->mime == NULL)
        return;
    mime_ctx(&c, frame, out);
    mt_mime_end_with(s->mime, &c, r, move_after);
    mime_tag(s, out, move_after ? from - 1 : from, !move_after, r);
    mt_mime_free(s->mime);
    s->mime = NULL;
}

static void
start_message(mt_smtp *s)
{
    mime_start(s);
    s->cmode = CM_MESSAGE;
    s->stage = MT_SMTP_ST_MESSAGE;
    s->msg_lines = 0;
    s->msg_octets = 0;
    s->msg_header_done = FALSE;
    s->msg_notable = 0;
    s->msg_cut = FALSE;
}

static void
reset_transaction(mt_smtp *s)
{
    s->mail = TX_NONE;
    s->rcpt_pending = 0;
    s->rcpt_ok = 0;
    s->bdat_open = FALSE;
}

/* ---- client: command arguments ---- */

/* An RFC 5321 atext octet (§4.1.2, RFC 5322 §3.2.3), or UTF-8 (RFC 6531). */
static gboolean
is_atext(guint8 c)
{
    return g_ascii_isalnum(c) || c >= 0x80 || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* Is p[0..n) what RFC 5321 §4.1.2 allows between the angle brackets:
 * [A-d-l ":"] Local-part "@" (Domain / address-literal), "<>" (a null
 * sender) or "Postmaster"? Checked for what a person typing the command
 * gets wrong: a control character (a backspace typed in telnet), a space,
 * a missing or empty side of the "@", dots out of place, a domain with
 * other characters than letters, digits, hyphens and dots. */
static gboolean
path_ok(const guint8 *p, gsize n, gboolean null_ok)
{
    gsize at = n, i, colon;

    if (n == 0)
        return null_ok;
    if (n == 10 && g_ascii_strncasecmp((const char *)p, "postmaster", 10) == 0)
        return !null_ok;
    for (i = 0; i < n; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f)
            return FALSE;
    }
    /* an old source route "@relay1,@relay2:" (RFC 5321 §4.1.2, to be
     * ignored): skipped */
    if (p[0] == '@') {
        for (colon = 0; colon < n && p[colon] != ':'; colon++)
            ;
        if (colon >= n)
            return FALSE;
        p += colon + 1;
        n -= colon + 1;
    }
    /* the local part: a quoted string, or atoms joined by single dots */
    if (n > 0 && p[0] == '"') {
        for (i = 1; i < n && p[i] != '"'; i++) {
            if (p[i] == '\\')
                i++;
        }
        if (i >= n)
            return FALSE;
        at = i + 1;
    } else {
        for (i = 0; i < n && p[i] != '@'; i++) {
            if (p[i] == '.' ? i == 0 || p[i - 1] == '.' : !is_atext(p[i]))
                return FALSE;
        }
        if (i == 0 || p[i - 1] == '.')
            return FALSE;
        at = i;
    }
    if (at >= n || p[at] != '@' || at + 1 >= n)
        return FALSE;
    /* the domain: an address literal "[...]", or labels joined by dots */
    p += at + 1;
    n -= at + 1;
    if (p[0] == '[')
        return p[n - 1] == ']' && n > 2;
    for (i = 0; i < n; i++) {
        if (p[i] == '.' ? i == 0 || p[i - 1] == '.' || i == n - 1
                        : !(g_ascii_isalnum(p[i]) || p[i] == '-' || p[i] >= 0x80))
            return FALSE;
    }
    return TRUE;
}

/* A control character (RFC 5321 §4.1.2: not in MAIL or RCPT), such as a
 * backspace typed in telnet: its own warning, not "not an address". */
static gboolean
has_control(const guint8 *p, gsize n)
{
    gsize i;

    for (i = 0; i < n; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f)
            return TRUE;
    }
    return FALSE;
}

/* "<path>" or a bare path at t[i..]; itemises it as field f. */
static gsize
parse_path(mt_record *r, const guint8 *t, gsize len, gsize i, mt_field f, mt_smtp_expl x)
{
    gsize start, end;
    gint it;

    i = mt_skip_ws(t, len, i);
    if (i < len && t[i] == '<') {
        start = i + 1;
        end = start;
        while (end < len && t[end] != '>')
            end++;
        if (end >= len) {
            mt_rec_anomaly(r, MT_A_SMTP_BAD_PATH, (guint32)i, (guint32)(len - i));
            it = mt_rec_bytes(r, -1, f, (guint32)start, (guint32)(len - start), FALSE);
            explain_x(r, it, (guint32)start, (guint32)(len - start), x);
            return len;
        }
        it = mt_rec_bytes(r, -1, f, (guint32)start, (guint32)(end - start), FALSE);
        if (end == start && f == MT_F_SMTP_MAIL_FROM)
            x = MT_SMTP_X_NULL_SENDER;
        if (has_control(t + start, end - start))
            mt_rec_anomaly(r, MT_A_SMTP_PATH_CONTROL, (guint32)start, (guint32)(end - start));
        else if (!path_ok(t + start, end - start, f == MT_F_SMTP_MAIL_FROM))
            mt_rec_anomaly(r, MT_A_SMTP_BAD_PATH, (guint32)start, (guint32)(end - start));
        explain_x(r, it, (guint32)i, (guint32)(end + 1 - i), x);
        return end + 1;
    }
    end = mt_token_end_ws(t, len, i);
    if (end == i) {
        mt_rec_anomaly(r, MT_A_SMTP_MISSING_ARGUMENT, 0, 0);
        return i;
    }
    mt_rec_anomaly(r, MT_A_SMTP_BAD_PATH, (guint32)i, (guint32)(end - i));
    it = mt_rec_bytes(r, -1, f, (guint32)i, (guint32)(end - i), FALSE);
    explain_x(r, it, (guint32)i, (guint32)(end - i), x);
    return end;
}

/* ESMTP parameters after MAIL FROM:<> / RCPT TO:<> (RFC 5321 §4.1.2). */
static void
parse_params(mt_smtp *s, mt_record *r, const guint8 *t, gsize len, gsize i)
{
    guint n = 0;

    while ((i = mt_skip_ws(t, len, i)) < len && n++ < SMTP_MAX_TOKENS) {
        gsize end = mt_token_end_ws(t, len, i), k = i;
        const mt_smtp_param_info *pi;
        gint it;

        while (k < end && t[k] != '=')
            k++;
        pi = mt_smtp_param_lookup(t + i, k - i);
        it = mt_rec_bytes(r, -1, MT_F_SMTP_PARAMETER, (guint32)i, (guint32)(end - i), FALSE);
        if (pi) {
            mt_rec_explain(r, it, (guint32)i, (guint32)(end - i), &pi->explanation, pi->rfc);
            if (pi->needs && s->certain && s->hello_ok && !(s->exts & pi->needs))
                mt_rec_anomaly(r, MT_A_SMTP_NOT_OFFERED, (guint32)i, (guint32)(end - i));
        } else {
            explain_x(r, it, (guint32)i, (guint32)(end - i), MT_SMTP_X_UNKNOWN_PARAM);
        }
        i = end;
    }
}

static void
explain_mechanism(mt_record *r, const guint8 *t, gsize start, gsize end)
{
    const mt_sasl_mech_info *mi = mt_sasl_mech_lookup(t + start, end - start);
    gint it = mt_rec_bytes(r, -1, MT_F_AUTH_MECHANISM, (guint32)start, (guint32)(end - start), TRUE);

    if (mi)
        mt_rec_explain(r, it, (guint32)start, (guint32)(end - start), &mi->explanation, mi->rfc);
    else
        explain_x(r, it, (guint32)start, (guint32)(end - start), MT_SMTP_X_UNKNOWN_MECH);
}

static void
require_ext(mt_smtp *s, mt_record *r, guint32 ext)
{
    if (s->certain && s->hello_ok && !(s->exts & ext))
        mt_rec_anomaly(r, MT_A_SMTP_NOT_OFFERED, 0, 0);
}

static void
no_argument(mt_record *r, const guint8 *t, gsize len, gsize args)
{
    (void)t;
    if (args < len)
        mt_rec_anomaly(r, MT_A_SMTP_UNEXPECTED_ARGUMENT, (guint32)args, (guint32)(len - args));
}

/* Returns the BDAT size through *bdat (0 if not BDAT). */
static void
parse_arguments(mt_smtp *s, mt_record *r, mt_smtp_cmd cmd, const guint8 *t, gsize len,
                gsize args, guint64 *bdat, gboolean *bdat_last)
{
    gsize end;
    gint it;

    switch (cmd) {
    case MT_SMTP_CMD_HELO:
    case MT_SMTP_CMD_EHLO:
    case MT_SMTP_CMD_LHLO:
        end = mt_token_end_ws(t, len, args);
        if (end == args) {
            mt_rec_anomaly(r, MT_A_SMTP_MISSING_ARGUMENT, 0, 0);
            break;
        }
        it = mt_rec_bytes(r, -1, MT_F_SMTP_HELLO_DOMAIN, (guint32)args, (guint32)(end - args), FALSE);
        explain_x(r, it, (guint32)args, (guint32)(end - args), MT_SMTP_X_HELLO_DOMAIN);
        break;
    case MT_SMTP_CMD_MAIL:
    case MT_SMTP_CMD_SEND:
    case MT_SMTP_CMD_SOML:
    case MT_SMTP_CMD_SAML:
        if (!mt_ci_prefix(t, len, args, "FROM:")) {
            mt_rec_anomaly(r, MT_A_SMTP_MISSING_ARGUMENT, 0, 0);
            break;
        }
        end = parse_path(r, t, len, args + 5, MT_F_SMTP_MAIL_FROM, MT_SMTP_X_MAIL_FROM);
        parse_params(s, r, t, len, end);
        break;
    case MT_SMTP_CMD_RCPT:
        if (!mt_ci_prefix(t, len, args, "TO:")) {
            mt_rec_anomaly(r, MT_A_SMTP_MISSING_ARGUMENT, 0, 0);
            break;
        }
        end = parse_path(r, t, len, args + 3, MT_F_SMTP_RCPT_TO, MT_SMTP_X_RCPT_TO);
        parse_params(s, r, t, len, end);
        break;
    case MT_SMTP_CMD_AUTH:
        end = mt_token_end_ws(t, len, args);
        if (end == args) {
            mt_rec_anomaly(r, MT_A_SMTP_MISSING_ARGUMENT, 0, 0);
            break;
        }
        explain_mechanism(r, t, args, end);
        require_ext(s, r, MT_SMTP_EXT_AUTH);
        args = mt_skip_ws(t, len, end);
        if (args < len) {
            end = mt_token_end_ws(t, len, args);
            mt_rec_bytes(r, -1, MT_F_SMTP_ARGUMENT, (guint32)args, (guint32)(end - args), FALSE);
        }
        break;
    case MT_SMTP_CMD_BDAT: {
        guint64 size = 0;
        gsize nd = mt_parse_u64(t, len, args, &size);
        if (nd == 0) {
            mt_rec_anomaly(r, MT_A_SMTP_MISSING_ARGUMENT, 0, 0);
            break;
        }
        mt_rec_uint_fmt(r, -1, MT_F_SMTP_BDAT_SIZE, (guint32)args, (guint32)nd, size, MT_FMT_OCTETS, NULL);
        *bdat = size;
        end = mt_skip_ws(t, len, args + nd);
        if (end < len && mt_ci_eq(t + end, mt_token_end_ws(t, len, end) - end, "LAST")) {
            it = mt_rec_bool(r, -1, MT_F_SMTP_BDAT_LAST, (guint32)end, 4, TRUE);
            explain_x(r, it, (guint32)end, 4, MT_SMTP_X_BDAT_LAST);
            *bdat_last = TRUE;
        }
        require_ext(s, r, MT_SMTP_EXT_CHUNKING);
        break;
    }
    case MT_SMTP_CMD_STARTTLS:
        require_ext(s, r, MT_SMTP_EXT_STARTTLS);
        no_argument(r, t, len, args);
        break;
    case MT_SMTP_CMD_DATA:
    case MT_SMTP_CMD_RSET:
    case MT_SMTP_CMD_QUIT:
    case MT_SMTP_CMD_TURN:
        no_argument(r, t, len, args);
        break;
    case MT_SMTP_CMD_VRFY:
    case MT_SMTP_CMD_EXPN:
    case MT_SMTP_CMD_ETRN:
        if (args >= len) {
            mt_rec_anomaly(r, MT_A_SMTP_MISSING_ARGUMENT, 0, 0);
            break;
        }
        /* fall through */
    default:
        if (args < len)
            mt_rec_bytes(r, -1, MT_F_SMTP_ARGUMENT, (guint32)args, (guint32)(len - args), FALSE);
        break;
    }
}

/* ---- client: sequence (RFC 5321 §4.1.4, §3.3; RFC 3207; RFC 2920) ---- */

static void
check_sequence(mt_smtp *s, mt_record *r, mt_smtp_cmd cmd, guint32 vlen)
{
    if (s->quit_sent) {
        mt_rec_anomaly(r, MT_A_SMTP_AFTER_QUIT, 0, vlen);
        return;
    }
    if (!g_queue_is_empty(&s->pending)) {
        const smtp_pending *head = g_queue_peek_head(&s->pending);
        if (head->cmd == MT_SMTP_CMD_CONNECT)
            mt_rec_anomaly(r, MT_A_SMTP_BEFORE_GREETING, 0, vlen);
        else if (s->certain && !(s->exts & MT_SMTP_EXT_PIPELINING))
            mt_rec_anomaly(r, MT_A_SMTP_PIPELINING_NOT_OFFERED, 0, vlen);
        else
            mt_rec_note(r, 0, vlen, mt_smtp_expl_text(MT_SMTP_X_PIPELINED_BATCH),
                        mt_smtp_expl_rfc(MT_SMTP_X_PIPELINED_BATCH));
    }
    if (!s->certain)
        return;
    if (s->ehlo_after_tls && cmd != MT_SMTP_CMD_EHLO && cmd != MT_SMTP_CMD_HELO
        && cmd != MT_SMTP_CMD_LHLO && cmd != MT_SMTP_CMD_QUIT && cmd != MT_SMTP_CMD_NOOP
        && cmd != MT_SMTP_CMD_RSET) {
        mt_rec_anomaly(r, MT_A_SMTP_EHLO_AFTER_TLS, 0, vlen);
        return;
    }
    switch (cmd) {
    case MT_SMTP_CMD_MAIL:
    case MT_SMTP_CMD_SEND:
    case MT_SMTP_CMD_SOML:
    case MT_SMTP_CMD_SAML:
        if (!s->hello_ok)
            mt_rec_anomaly(r, MT_A_SMTP_NO_HELLO, 0, vlen);
        else if (s->mail != TX_NONE)
            mt_rec_anomaly(r, MT_A_SMTP_NESTED_MAIL, 0, vlen);
        break;
    case MT_SMTP_CMD_RCPT:
        if (s->mail == TX_NONE)
            mt_rec_anomaly(r, MT_A_SMTP_RCPT_BEFORE_MAIL, 0, vlen);
        break;
    case MT_SMTP_CMD_DATA:
        if (s->rcpt_ok == 0 && s->rcpt_pending == 0)
            mt_rec_anomaly(r, MT_A_SMTP_DATA_BEFORE_RCPT, 0, vlen);
        break;
    case MT_SMTP_CMD_BDAT:
        if (!s->bdat_open && s->rcpt_ok == 0 && s->rcpt_pending == 0)
            mt_rec_anomaly(r, MT_A_SMTP_DATA_BEFORE_RCPT, 0, vlen);
        break;
    case MT_SMTP_CMD_AUTH:
        if (!s->hello_ok)
            mt_rec_anomaly(r, MT_A_SMTP_NO_HELLO, 0, vlen);
        break;
    default:
        break;
    }
}

/* ---- client lines ---- */

/* "add the recipient <bob@example.com>": the command's summary with its
 * argument, as parsed into the record. */
/* The value of a MAIL parameter "KEY=value" (the key with its "="), as
 * an offset and length in the line; FALSE if the command has none. */
static gboolean
mail_param(const mt_record *r, const guint8 *t, const char *key, gsize *off, gsize *len)
{
    gsize klen = strlen(key);
    guint i;

    for (i = 0; i < r->n_items; i++) {
        const mt_item *it = &r->items[i];

        if (it->field != MT_F_SMTP_PARAMETER || it->parent >= 0 || it->vkind != MT_V_BYTES
            || it->len <= klen || !mt_ci_prefix(t, (gsize)it->off + it->len, it->off, key))
            continue;
        *off = (gsize)it->off + klen;
        *len = it->len - klen;
        return TRUE;
    }
    return FALSE;
}

/* The size SIZE=n announces (RFC 1870 §6); FALSE if there is none, or it
 * is not a number that fits. */
static gboolean
announced_size(const mt_record *r, const guint8 *t, guint64 *size)
{
    gsize off, len;

    return mail_param(r, t, "SIZE=", &off, &len) && mt_parse_u64(t, off + len, off, size) == len
           && *size != G_MAXUINT64;
}

/* The body type BODY= announces: 7BIT, 8BITMIME (RFC 6152 §2) or
 * BINARYMIME (RFC 3030 §3), as an index of mail_body_types; -1 for
 * none or anything else. */
static const char *const mail_body_types[] = { "7BIT", "8BITMIME", "BINARYMIME" };

static gint
announced_body(const mt_record *r, const guint8 *t)
{
    gsize off, len;
    guint k;

    if (!mail_param(r, t, "BODY=", &off, &len))
        return -1;
    for (k = 0; k < G_N_ELEMENTS(mail_body_types); k++) {
        if (len == strlen(mail_body_types[k]) && mt_ci_prefix(t, off + len, off, mail_body_types[k]))
            return (gint)k;
    }
    return -1;
}

static void
command_summary(mt_record *r, const mt_smtp_command_info *ci, const guint8 *t, gsize vend,
                gboolean bdat_last)
{
    const mt_item *arg = NULL;

    mt_rec_summary(r, &ci->summary);
    switch (ci->id) {
    case MT_SMTP_CMD_HELO:
    case MT_SMTP_CMD_EHLO:
    case MT_SMTP_CMD_LHLO:
        arg = mt_rec_find_top(r, MT_F_SMTP_HELLO_DOMAIN);
        break;
    case MT_SMTP_CMD_MAIL:
    case MT_SMTP_CMD_SEND:
    case MT_SMTP_CMD_SOML:
    case MT_SMTP_CMD_SAML:
        arg = mt_rec_find_top(r, MT_F_SMTP_MAIL_FROM);
        if (arg && arg->len == 0 && ci->id == MT_SMTP_CMD_MAIL) {
            mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_NULL_SENDER_MAIL));
            return;
        }
        if (arg && ci->id == MT_SMTP_CMD_MAIL && arg->vkind == MT_V_BYTES) {
            /* two placeholders: with both, the body type is in the text */
            static const mt_smtp_expl size_and[] = {
                MT_SMTP_X_MAIL_SIZE_7BIT, MT_SMTP_X_MAIL_SIZE_8BITMIME, MT_SMTP_X_MAIL_SIZE_BINARYMIME
            };
            guint64 size;
            gboolean has_size = announced_size(r, t, &size);
            gint body = announced_body(r, t);

            if (has_size || body >= 0) {
                mt_rec_summary(r, mt_smtp_expl_summary(!has_size ? MT_SMTP_X_MAIL_BODY
                                                       : body >= 0 ? size_and[body] : MT_SMTP_X_MAIL_SIZE));
                mt_rec_summary_bytes(r, 1, t + arg->off, arg->len);
                if (has_size)
                    mt_rec_summary_uint(r, 2, size);
                else
                    mt_rec_summary_str(r, 2, mail_body_types[body]);
                return;
            }
        }
        break;
    case MT_SMTP_CMD_RCPT:
        arg = mt_rec_find_top(r, MT_F_SMTP_RCPT_TO);
        break;
    case MT_SMTP_CMD_AUTH:
        arg = mt_rec_find_top(r, MT_F_AUTH_MECHANISM);
        break;
    case MT_SMTP_CMD_BDAT:
        arg = mt_rec_find_top(r, MT_F_SMTP_BDAT_SIZE);
        if (arg) {
            if (bdat_last)
                mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_BDAT_LAST_CMD));
            mt_rec_summary_uint(r, 1, arg->v.u);
            return;
        }
        break;
    case MT_SMTP_CMD_VRFY:
    case MT_SMTP_CMD_EXPN:
    case MT_SMTP_CMD_ETRN:
        arg = mt_rec_find_top(r, MT_F_SMTP_ARGUMENT);
        break;
    default:
        return;     /* no argument in the summary */
    }
    if (arg == NULL) {
        mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_MISSING_ARGUMENT));
        mt_rec_summary_bytes(r, 1, t, vend);
        return;
    }
    if (arg->vkind == MT_V_BYTES_UP) {
        char *up = g_ascii_strup((const char *)t + arg->off, (gssize)arg->len);
        mt_rec_summary_str(r, 1, up);
        g_free(up);
    } else {
        mt_rec_summary_bytes(r, 1, t + arg->off, arg->len);
    }
}

/* The hello that follows STARTTLS is not the first one said again: it
 * starts the session anew inside TLS (RFC 3207 §4.2). */
static void
hello_in_tls(mt_record *r, const guint8 *t, gsize vend)
{
    const mt_item *d = mt_rec_find_top(r, MT_F_SMTP_HELLO_DOMAIN);

    if (d == NULL)
        return;
    explain_x(r, -1, 0, (guint32)vend, MT_SMTP_X_HELLO_IN_TLS);
    mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_HELLO_IN_TLS));
    mt_rec_summary_bytes(r, 1, t + d->off, d->len);
}

static void client_message(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out);

/* AUTH mechanism [initial-response] (RFC 4954 §4): a new login exchange. */
static void
auth_begin(mt_smtp *s, mt_record *r, const guint8 *t, gsize len, gsize args)
{
    gsize end = mt_token_end_ws(t, len, args), ir;
    const mt_item *arg;

    if (end == args)
        return;
    mt_sasl_begin(&s->sasl, t + args, end - args);
    if (s->certain && !s->tls_on && (s->exts & MT_SMTP_EXT_STARTTLS))
        mt_rec_anomaly(r, MT_A_AUTH_BEFORE_TLS, (guint32)args, (guint32)(end - args));
    ir = mt_skip_ws(t, len, end);
    arg = mt_rec_find_top(r, MT_F_SMTP_ARGUMENT);
    if (ir < len && arg)
        mt_sasl_client(&s->sasl, r, (gint)(arg - r->items), t, arg->off, arg->len, TRUE, s->tls_on);
}

/* MAIL FROM and RCPT TO addresses, kept to compare with the header. */
static void
envelope_note(mt_smtp *s, const mt_record *r, mt_smtp_cmd cmd, const guint8 *t, gsize len)
{
    const mt_item *it;

    switch (cmd) {
    case MT_SMTP_CMD_MAIL:
        it = mt_rec_find_top(r, MT_F_SMTP_MAIL_FROM);
        g_free(s->env_from);
        s->env_from = NULL;
        g_ptr_array_set_size(s->env_rcpt, 0);
        s->env_gen++;
        if (it && (gsize)it->off + it->len <= len)
            s->env_from = g_strndup((const char *)t + it->off, it->len);
        break;
    case MT_SMTP_CMD_RCPT:
        it = mt_rec_find_top(r, MT_F_SMTP_RCPT_TO);
        if (it && (gsize)it->off + it->len <= len && s->env_rcpt->len < 64) {
            s->env_added = g_strndup((const char *)t + it->off, it->len);
            g_ptr_array_add(s->env_rcpt, s->env_added);
        }
        break;
    default:
        break;
    }
}

static void
client_command(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, vend, args;
    const mt_smtp_command_info *ci;
    mt_smtp_cmd cmd;
    mt_record *r;
    guint64 bdat = 0;
    gboolean bdat_last = FALSE, known, greeting_missed = FALSE, idle_rset = FALSE;
    smtp_pending *p;
    gint it;

    vend = mt_token_end_ws(t, len, 0);
    ci = mt_smtp_command_lookup(t, vend);
    known = ci != NULL;
    cmd = known ? ci->id : MT_SMTP_CMD_UNKNOWN;

    if (!s->seen[MT_DIR_SERVER] && !g_queue_is_empty(&s->pending)
        && ((smtp_pending *)g_queue_peek_head(&s->pending))->cmd == MT_SMTP_CMD_CONNECT) {
        /* the client speaks first: the greeting was not captured */
        g_free(g_queue_pop_head(&s->pending));
        s->certain = FALSE;
        s->stage = MT_SMTP_ST_UNKNOWN;
        greeting_missed = TRUE;
    }

    if (!s->certain && s->stage == MT_SMTP_ST_UNKNOWN && ln->full_len == 1 && t[0] == '.') {
        /* most likely the end of a message whose start was not captured */
        client_message(s, ln, frame, out);
        if (greeting_missed)
            mt_rec_anomaly(out->pdata[out->len - 1], MT_A_MIDSESSION, 0, 0);
        return;
    }
    if (!s->certain && !known && s->stage == MT_SMTP_ST_UNKNOWN && !s->no_guess) {
        /* capture started inside a message, most likely */
        r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_UNKNOWN, MT_SMTP_L_UNKNOWN, out);
        explain_line(r, 0, 0, MT_SMTP_X_MAYBE_MESSAGE);
        if (greeting_missed)
            mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
        check_line(r, ln, &rules_text, MT_SMTP_X_TOO_LONG_TEXT);
        /* read what follows as message text, up to a "." line; its
         * start is missing, so it is not read as a message */
        start_message(s);
        mt_mime_free(s->mime);
        s->mime = NULL;
        s->msg_lines = 1;
        s->msg_octets = ln->full_len + ln->eol_len;
        s->msg_cut = TRUE;
        add_stage_next(s, r, MT_SMTP_N_MESSAGE_MORE);
        return;
    }

    r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_COMMAND, MT_SMTP_L_COMMAND, out);
    if (greeting_missed) {
        note_x(r, MT_SMTP_X_GREETING_MISSED);
        mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
    }
    if (len == 0) {
        explain_line(r, 0, 0, MT_SMTP_X_EMPTY_LINE);
    } else if (known) {
        it = mt_rec_bytes(r, -1, MT_F_SMTP_COMMAND, 0, (guint32)vend, TRUE);
        mt_rec_set_meaning(r, it, &ci->name);
        mt_rec_explain(r, -1, 0, (guint32)vend, &ci->explanation, ci->rfc);
    } else {
        mt_rec_bytes(r, -1, MT_F_SMTP_COMMAND, 0, (guint32)vend, TRUE);
        explain_line(r, 0, (guint32)vend, MT_SMTP_X_UNKNOWN_CMD);
        mt_rec_summary_bytes(r, 1, t, vend);
        mt_rec_anomaly(r, MT_A_SMTP_UNKNOWN_COMMAND, 0, (guint32)vend);
    }

    args = mt_skip_ws(t, len, vend);
    if (known) {
        parse_arguments(s, r, cmd, t, len, args, &bdat, &bdat_last);
        command_summary(r, ci, t, vend, bdat_last);
        if ((cmd == MT_SMTP_CMD_EHLO || cmd == MT_SMTP_CMD_HELO) && s->ehlo_after_tls)
            hello_in_tls(r, t, vend);
        if (cmd == MT_SMTP_CMD_AUTH)
            auth_begin(s, r, t, len, args);
        envelope_note(s, r, cmd, t, len);
    }
    check_sequence(s, r, cmd, (guint32)vend);
    check_line(r, ln, &rules_command, MT_SMTP_X_TOO_LONG_CMD);

    /* the client view moves on */
    switch (cmd) {
    case MT_SMTP_CMD_MAIL:
    case MT_SMTP_CMD_SEND:
    case MT_SMTP_CMD_SOML:
    case MT_SMTP_CMD_SAML:
        s->mail = TX_MAIL_SENT;
        s->rcpt_ok = 0;
        s->rcpt_pending = 0;
        s->stage = MT_SMTP_ST_SENDER;
        break;
    case MT_SMTP_CMD_RCPT:
        s->rcpt_pending++;
        s->stage = MT_SMTP_ST_RECIPIENTS;
        break;
    case MT_SMTP_CMD_DATA:
        s->cmode = CM_DATA_WAIT;
        s->stage = MT_SMTP_ST_DATA_WAIT;
        break;
    case MT_SMTP_CMD_BDAT:
        if (!s->bdat_open || s->mime == NULL)
            mime_start(s);
        s->bdat_open = !bdat_last;
        s->bdat_last_chunk = bdat_last;
        s->stage = MT_SMTP_ST_BDAT;
        if (bdat > 0)
            mt_linebuf_expect_raw(&s->lb[MT_DIR_CLIENT], bdat);
        break;
    case MT_SMTP_CMD_QUIT:
        s->quit_sent = TRUE;
        s->stage = MT_SMTP_ST_CLOSING;
        break;
    case MT_SMTP_CMD_RSET:
        /* nothing to reset: no MAIL since the last message was answered */
        idle_rset = s->certain && s->mail == TX_NONE && s->cmode == CM_COMMANDS
                    && g_queue_is_empty(&s->pending);
        if (idle_rset) {
            explain_line(r, 0, (guint32)vend, MT_SMTP_X_RSET_IDLE);
            mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_RSET_IDLE));
        }
        break;
    case MT_SMTP_CMD_AUTH:
        s->stage = MT_SMTP_ST_AUTH;
        break;
    case MT_SMTP_CMD_EHLO:
    case MT_SMTP_CMD_HELO:
    case MT_SMTP_CMD_LHLO:
        if (!s->hello_ok)
            s->stage = MT_SMTP_ST_HELLO;
        break;
    default:
        break;
    }
    push_pending(s, cmd, frame, r, bdat_last);
    p = g_queue_peek_tail(&s->pending);
    p->idle_rset = idle_rset;
    p->too_long = ln->full_len + ln->eol_len > SMTP_MAX_COMMAND_LINE;
    add_stage_next(s, r, MT_SMTP_N_NONE);
    if (known)
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &ci->next);
    else
        mt_rec_text(r, -1, MT_F_NEXT, 0, 0, mt_smtp_next_text(MT_SMTP_N_RETRY));
}

static void
client_sasl(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_CONTINUATION, MT_SMTP_L_SASL, out);
    gboolean cancel = ln->len == 1 && ln->text[0] == '*';

    mt_rec_bytes(r, -1, MT_F_SMTP_ARGUMENT, 0, (guint32)ln->len, FALSE);
    explain_line(r, 0, (guint32)ln->len, cancel ? MT_SMTP_X_SASL_CANCEL : MT_SMTP_X_SASL);
    mt_sasl_client(&s->sasl, r, -1, ln->text, 0, ln->len, FALSE, s->tls_on);
    check_line(r, ln, &rules_command, MT_SMTP_X_TOO_LONG_CMD);
    push_pending(s, MT_SMTP_CMD_SASL, frame, r, FALSE);
    ((smtp_pending *)g_queue_peek_tail(&s->pending))->sasl_cancel = cancel;
    s->cmode = CM_COMMANDS;
    add_stage_next(s, r, MT_SMTP_N_NONE);
    mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &mt_smtp_command_get(MT_SMTP_CMD_SASL)->next);
}

static void
message_summary(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = s->msg_rec;

    if (r == NULL) {
        r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_MESSAGE, MT_SMTP_L_MESSAGE, out);
        /* a run of lines: no single line to copy */
        g_free(r->rebuilt);
        r->rebuilt = NULL;
        r->rebuilt_len = 0;
        r->flags &= (guint8)~(MT_RF_REBUILT | MT_RF_TRUNCATED);
        s->msg_rec_lines = mt_rec_uint(r, -1, MT_F_DATA_LINES, 0, 0, 0, NULL);
        mt_rec_uint(r, -1, MT_F_DATA_LINE_NUMBER, 0, 0, s->msg_lines, NULL);
        explain_line(r, 0, 0, MT_SMTP_X_MESSAGE);
        add_stage_next(s, r, MT_SMTP_N_MESSAGE_MORE);
        s->msg_rec = r;
    } else {
        r->chunk_len = (guint32)(ln->chunk_off + ln->chunk_len - r->chunk_off);
    }
    r->line_len = r->chunk_len;
    if (s->msg_rec_lines >= 0) {
        r->items[s->msg_rec_lines].v.u++;
        mt_rec_summary_uint(r, 1, r->items[s->msg_rec_lines].v.u);
    }
}

static void
client_message(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len;
    mt_record *r;
    gsize stuffed;

    if (ln->full_len == 1 && t[0] == '.') {
        r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_MESSAGE_LINE, MT_SMTP_L_DATA_END, out);
        mt_rec_bool(r, -1, MT_F_DATA_END, 0, 1, TRUE);
        explain_x(r, -1, 0, 1, MT_SMTP_X_DATA_END);
        if (s->msg_cut || s->stage == MT_SMTP_ST_UNKNOWN)
            mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_DATA_END_CUT));
        else
            mt_rec_summary(r, &mt_smtp_command_get(MT_SMTP_CMD_DATA_END)->summary);
        mt_rec_summary_uint(r, 1, s->msg_lines);
        mt_rec_summary_uint(r, 2, s->msg_octets);
        mt_rec_uint(r, -1, MT_F_DATA_TOTAL_LINES, 0, 0, s->msg_lines, NULL);
        mt_rec_uint_fmt(r, -1, MT_F_DATA_TOTAL_OCTETS, 0, 0, s->msg_octets, MT_FMT_OCTETS, NULL);
        check_line(r, ln, &rules_text, MT_SMTP_X_TOO_LONG_TEXT);
        mime_end(s, frame, out, r, TRUE);
        s->cmode = CM_COMMANDS;
        s->stage = MT_SMTP_ST_VERDICT;
        s->msg_rec = NULL;
        push_pending(s, MT_SMTP_CMD_DATA_END, frame, r, FALSE);
        add_stage_next(s, r, MT_SMTP_N_VERDICT);
        return;
    }

    s->msg_lines++;
    /* the server deletes the first "." of a line that has more (RFC 5321
     * §4.5.2), whether the client added it or not: the message's size as
     * SIZE counts it (RFC 1870 §5), and the text MIME reads, are without it */
    stuffed = len >= 2 && t[0] == '.' ? 1 : 0;
    s->msg_octets += ln->full_len + ln->eol_len - stuffed;
    message_summary(s, ln, frame, out);
    if (s->mime) {
        mt_mime_ctx c;
        guint from = out->len;
        mime_ctx(&c, frame, out);
        mt_mime_line(s->mime, &c, ln, stuffed);
        mime_tag(s, out, from, FALSE, NULL);
    }

    {
        mt_smtp_label label = MT_SMTP_L_NOTABLE;
        mt_smtp_expl x = MT_SMTP_X_COUNT;
        gboolean bad = mt_linecheck_needed(ln, &rules_text);

        if (len >= 2 && t[0] == '.' && t[1] == '.') {
            label = MT_SMTP_L_DOT_STUFFED;
            x = MT_SMTP_X_DOT_STUFFED;
        } else if (len >= 1 && t[0] == '.') {
            bad = TRUE;
        } else if (ln->full_len == 0 && !s->msg_header_done) {
            label = MT_SMTP_L_HEADER_END;
            x = MT_SMTP_X_HEADER_END;
        }
        if (ln->full_len == 0)
            s->msg_header_done = TRUE;
        if (x == MT_SMTP_X_COUNT && !bad)
            return;
        if (s->msg_notable >= MT_SMTP_MAX_NOTABLE && x != MT_SMTP_X_HEADER_END)
            return;
        s->msg_notable++;
        r = line_record(ln, MT_DIR_CLIENT, frame, MT_R_MESSAGE_LINE, label, out);
        mt_rec_uint(r, -1, MT_F_DATA_LINE_NUMBER, 0, 0, s->msg_lines, NULL);
        if (x == MT_SMTP_X_DOT_STUFFED) {
            mt_rec_bool(r, -1, MT_F_DATA_DOT_STUFFED, 0, 2, TRUE);
            explain_line(r, 0, 2, x);
        } else if (x == MT_SMTP_X_HEADER_END) {
            mt_rec_bool(r, -1, MT_F_DATA_HEADER_END, 0, 0, TRUE);
            explain_line(r, 0, 0, x);
        } else if (len >= 1 && t[0] == '.') {
            explain_line(r, 0, 1, MT_SMTP_X_DOT_NOT_STUFFED);
            mt_rec_anomaly(r, MT_A_SMTP_DOT_NOT_STUFFED, 0, 1);
        } else {
            explain_line(r, 0, 0, MT_SMTP_X_MESSAGE_LINE);
        }
        mt_rec_summary_uint(r, 1, s->msg_lines);
        check_line(r, ln, &rules_text, MT_SMTP_X_TOO_LONG_TEXT);
        add_stage_next(s, r, MT_SMTP_N_MESSAGE_MORE);
    }
}

static void
client_line(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    switch (s->cmode) {
    case CM_MESSAGE:
        client_message(s, ln, frame, out);
        break;
    case CM_DATA_WAIT:
        /* text before the 354: RFC 2920 §3.1 says wait; read it as text */
        start_message(s);
        client_message(s, ln, frame, out);
        if (s->msg_rec)
            mt_rec_anomaly(s->msg_rec, MT_A_SMTP_TEXT_BEFORE_354, (guint32)(ln->chunk_off - s->msg_rec->chunk_off), 0);
        break;
    case CM_SASL:
        client_sasl(s, ln, frame, out);
        break;
    default:
        client_command(s, ln, frame, out);
        break;
    }
}

static void
client_raw(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    mt_record *r = mt_record_new(MT_PROTO_SMTP, MT_DIR_CLIENT, MT_R_RAW, frame);

    r->chunk_off = (guint32)ln->chunk_off;
    r->chunk_len = (guint32)ln->chunk_len;
    r->line_len = r->chunk_len;
    r->label = mt_smtp_label_text(MT_SMTP_L_BDAT_DATA);
    g_ptr_array_add(out, r);
    mt_rec_uint_fmt(r, -1, MT_F_DATA_CHUNK, 0, 0, ln->len, MT_FMT_OCTETS, NULL);
    explain_line(r, 0, 0, MT_SMTP_X_BDAT_DATA);
    mt_rec_summary_uint(r, 1, ln->len);
    add_stage_next(s, r, MT_SMTP_N_NONE);
    mt_rec_text(r, -1, MT_F_NEXT, 0, 0, &mt_smtp_command_get(MT_SMTP_CMD_BDAT)->next);
    if (s->mime) {
        mt_mime_ctx c;
        guint from = out->len;
        mime_ctx(&c, frame, out);
        mt_mime_raw(s->mime, &c, ln);
        mime_tag(s, out, from, TRUE, NULL);
        if (s->bdat_last_chunk && mt_linebuf_raw_left(&s->lb[MT_DIR_CLIENT]) == 0)
            mime_end(s, frame, out, r, FALSE);
    }
}

/* ---- server lines ---- */

static guint64
parse_size_keyword(mt_record *r, const guint8 *t, gsize len, gsize i, gint parent)
{
    guint64 v = 0;
    gsize nd;
    gint it;

    i = mt_skip_ws(t, len, i);
    nd = mt_parse_u64(t, len, i, &v);
    if (nd == 0 || v == 0) {
        explain_x(r, parent, (guint32)i, (guint32)nd, MT_SMTP_X_SIZE_NO_LIMIT);
        return 0;
    }
    it = mt_rec_uint_fmt(r, parent, MT_F_SMTP_EHLO_SIZE, (guint32)i, (guint32)nd, v, MT_FMT_OCTETS, NULL);
    explain_x(r, it, (guint32)i, (guint32)nd, MT_SMTP_X_SIZE_LIMIT);
    return v;
}

/* After HELO, lines after the first are text ("250 OK" from QQ), unless
 * they name an extension mailteach knows ("250-SIZE 73400320"). */
static gboolean
helo_lists_extension(const guint8 *t, gsize len, gsize i)
{
    gsize kend = mt_token_end_ws(t, len, i), k;

    for (k = i; k < kend && t[k] != '='; k++)
        ;
    return kend > i && mt_smtp_ext_lookup(t + i, (k < kend ? k + 1 : kend) - i) != NULL;
}

/* One EHLO keyword line after the first ("250-PIPELINING", "250 SIZE
 * 10240000"). The line's explanation is what the extension offers; after
 * HELO, that the server lists it anyway. */
static void
ehlo_keyword(mt_smtp *s, mt_record *r, const guint8 *t, gsize len, gsize i, gboolean after_helo)
{
    gsize kend = mt_token_end_ws(t, len, i), k;
    const mt_smtp_ext_info *ei;
    gint it;

    if (kend == i) {
        explain_line(r, 0, 0, MT_SMTP_X_REPLY_CONT);
        return;
    }
    /* "AUTH=LOGIN PLAIN": the pre-standard form */
    for (k = i; k < kend && t[k] != '='; k++)
        ;
    if (k < kend)
        ei = mt_smtp_ext_lookup(t + i, k + 1 - i);
    else
        ei = mt_smtp_ext_lookup(t + i, kend - i);
    if (k < kend)
        kend = k + 1;

    it = mt_rec_bytes(r, -1, MT_F_SMTP_EHLO_KEYWORD, (guint32)i, (guint32)(kend - i), TRUE);
    if (ei == NULL) {
        explain_line(r, (guint32)i, (guint32)(kend - i),
                     g_ascii_toupper(t[i]) == 'X' ? MT_SMTP_X_EHLO_PRIVATE_KW : MT_SMTP_X_EHLO_UNKNOWN_KW);
        mt_rec_summary_bytes(r, 1, t + i, kend - i);
        if (kend < len)
            mt_rec_bytes(r, it, MT_F_SMTP_EHLO_PARAM, (guint32)mt_skip_ws(t, len, kend),
                         (guint32)(len - mt_skip_ws(t, len, kend)), FALSE);
        return;
    }
    mt_rec_set_meaning(r, it, &ei->name);
    if (after_helo) {
        explain_line(r, (guint32)i, (guint32)(kend - i), MT_SMTP_X_HELO_KEYWORD);
        mt_rec_summary_bytes(r, 1, t + i, kend - i);
        mt_rec_explain(r, it, (guint32)i, (guint32)(kend - i), &ei->explanation, ei->rfc);
    } else {
        mt_rec_explain(r, -1, (guint32)i, (guint32)(kend - i), &ei->explanation, ei->rfc);
        mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_EXTENSION));
        mt_rec_summary_str(r, 1, ei->keyword);
        mt_rec_summary_text(r, 2, &ei->name);
    }
    s->exts |= ei->flag;
    switch (ei->param) {
    case MT_SMTP_EXT_PARAM_SIZE:
        s->size_limit = parse_size_keyword(r, t, len, kend, it);
        if (s->size_limit > 0 && !after_helo) {
            mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_SIZE_OFFER));
            mt_rec_summary_uint(r, 1, s->size_limit);
        }
        break;
    case MT_SMTP_EXT_PARAM_MECHS: {
        gsize m = kend;
        guint n = 0;
        while ((m = mt_skip_ws(t, len, m)) < len && n++ < SMTP_MAX_TOKENS) {
            gsize mend = mt_token_end_ws(t, len, m);
            explain_mechanism(r, t, m, mend);
            m = mend;
        }
        k = mt_skip_ws(t, len, kend);
        if (k < len && !after_helo) {
            mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_AUTH_OFFER));
            mt_rec_summary_words(r, 1, t + k, len - k);
        }
        break;
    }
    default:
        k = mt_skip_ws(t, len, kend);
        if (k < len)
            mt_rec_bytes(r, it, MT_F_SMTP_EHLO_PARAM, (guint32)k, (guint32)(len - k), FALSE);
        break;
    }
}

/* Enhanced status code "c.sss.ddd" at t[i..] (RFC 3463 §2). Returns the
 * offset after it and its separator, or i if there is none. Every part's
 * meaning follows the class: 2.7.0 after a login is a success. */
static gsize
enhanced_code(mt_smtp *s, mt_record *r, const guint8 *t, gsize len, gsize i, guint code)
{
    guint64 klass, subject, detail;
    gsize p = i, n;
    const mt_smtp_digit_info *di;
    const mt_smtp_enhanced_info *ei;
    const mt_text *meaning;
    const char *rfc;
    gint it, c;

    n = mt_parse_u64(t, len, p, &klass);
    if (n != 1 || p + n >= len || t[p + n] != '.')
        return i;
    p += n + 1;
    n = mt_parse_u64(t, len, p, &subject);
    if (n < 1 || n > 3 || p + n >= len || t[p + n] != '.')
        return i;
    p += n + 1;
    n = mt_parse_u64(t, len, p, &detail);
    if (n < 1 || n > 3 || (p + n < len && t[p + n] != ' '))
        return i;
    p += n;
    if (klass != 2 && klass != 4 && klass != 5)
        return i;

    ei = (subject <= 255 && detail <= 999) ? mt_smtp_enhanced_lookup((guint)subject, (guint)detail) : NULL;
    it = mt_rec_bytes(r, -1, MT_F_SMTP_ENHANCED, (guint32)i, (guint32)(p - i), FALSE);
    mt_rec_set_meaning(r, it, ei ? &ei->name : NULL);
    if (!s->told_enhanced) {
        /* said once per session: it is the same for every reply */
        explain_x(r, it, (guint32)i, (guint32)(p - i), MT_SMTP_X_ENHANCED);
        s->told_enhanced = TRUE;
    }
    di = mt_smtp_enhanced_class_lookup((guint)klass);
    c = mt_rec_uint(r, it, MT_F_SMTP_ENH_CLASS, (guint32)i, 1, klass, di ? &di->name : NULL);
    if (di)
        mt_rec_explain(r, c, (guint32)i, 1, &di->explanation, NULL);
    di = mt_smtp_enhanced_subject_lookup((guint)subject);
    c = mt_rec_uint(r, it, MT_F_SMTP_ENH_SUBJECT, (guint32)i, (guint32)(p - i), subject, di ? &di->name : NULL);
    if (di)
        mt_rec_explain(r, c, (guint32)i, (guint32)(p - i), &di->explanation, NULL);
    c = mt_rec_uint(r, it, MT_F_SMTP_ENH_DETAIL, (guint32)i, (guint32)(p - i), detail, ei ? &ei->name : NULL);
    meaning = (subject <= 255 && detail <= 999)
              ? mt_smtp_enhanced_meaning((guint)klass, (guint)subject, (guint)detail, &rfc) : NULL;
    if (meaning)
        mt_rec_explain(r, c, (guint32)i, (guint32)(p - i), meaning, rfc);
    if (klass != code / 100)
        mt_rec_anomaly(r, MT_A_SMTP_ENH_MISMATCH, (guint32)i, 1);
    return mt_skip_ws(t, len, p);
}

/* A final reply moves the session on; returns what comes next. */
static mt_smtp_next
apply_reply(mt_smtp *s, const smtp_pending *p, guint code)
{
    guint klass = code / 100;
    mt_smtp_cmd cmd = p ? p->cmd : MT_SMTP_CMD_UNKNOWN;

    if (code == 421) {
        s->stage = MT_SMTP_ST_CLOSED;
        s->cmode = CM_COMMANDS;
        return MT_SMTP_N_CLOSE;
    }
    switch (cmd) {
    case MT_SMTP_CMD_CONNECT:
        if (klass == 2) {
            s->stage = MT_SMTP_ST_GREETED;
            return MT_SMTP_N_HELLO;
        }
        s->stage = MT_SMTP_ST_REFUSED;
        return MT_SMTP_N_QUIT;
    case MT_SMTP_CMD_EHLO:
    case MT_SMTP_CMD_HELO:
    case MT_SMTP_CMD_LHLO:
        if (klass == 2) {
            s->hello_ok = TRUE;
            s->certain = TRUE;
            s->ehlo_after_tls = FALSE;
            reset_transaction(s);
            if (cmd == MT_SMTP_CMD_HELO)
                s->exts = 0;
            s->stage = MT_SMTP_ST_READY;
            return transaction_next(s);
        }
        if (!s->hello_ok)
            s->stage = MT_SMTP_ST_GREETED;
        return klass == 4 ? MT_SMTP_N_RETRY_LATER : MT_SMTP_N_RETRY;
    case MT_SMTP_CMD_MAIL:
    case MT_SMTP_CMD_SEND:
    case MT_SMTP_CMD_SOML:
    case MT_SMTP_CMD_SAML:
        if (klass == 2) {
            s->mail = TX_MAIL_OK;
            if (s->stage == MT_SMTP_ST_SENDER)
                return MT_SMTP_N_RCPT;
            return next_for_stage(s);
        }
        s->mail = TX_NONE;
        if (s->stage == MT_SMTP_ST_SENDER)
            s->stage = s->hello_ok ? MT_SMTP_ST_READY : MT_SMTP_ST_GREETED;
        return klass == 4 ? MT_SMTP_N_RETRY_LATER : MT_SMTP_N_RETRY;
    case MT_SMTP_CMD_RCPT:
        if (s->rcpt_pending > 0)
            s->rcpt_pending--;
        if (klass == 2)
            s->rcpt_ok++;
        else if (p && p->env_rcpt && p->env_gen == s->env_gen)
            /* a refused recipient gets no copy: not in the envelope the
             * message's header is compared with */
            g_ptr_array_remove(s->env_rcpt, p->env_rcpt);
        if (s->stage == MT_SMTP_ST_RECIPIENTS)
            return s->rcpt_ok > 0 ? MT_SMTP_N_RCPT_OR_DATA : MT_SMTP_N_RCPT;
        return next_for_stage(s);
    case MT_SMTP_CMD_DATA:
        if (klass == 3) {
            /* a client that did not wait is already sending (RFC 2920 §3.1) */
            if (s->cmode == CM_DATA_WAIT)
                start_message(s);
            return MT_SMTP_N_MESSAGE;
        }
        if (s->cmode == CM_DATA_WAIT)
            s->cmode = CM_COMMANDS;
        s->stage = s->rcpt_ok > 0 ? MT_SMTP_ST_RECIPIENTS
                   : s->mail == TX_MAIL_OK ? MT_SMTP_ST_SENDER
                   : s->hello_ok ? MT_SMTP_ST_READY : MT_SMTP_ST_GREETED;
        return klass == 4 ? MT_SMTP_N_RETRY_LATER : MT_SMTP_N_RETRY;
    case MT_SMTP_CMD_DATA_END:
        reset_transaction(s);
        s->stage = MT_SMTP_ST_READY;
        return klass == 2 ? transaction_next(s) : klass == 4 ? MT_SMTP_N_RETRY_LATER : MT_SMTP_N_RETRY;
    case MT_SMTP_CMD_BDAT:
        if (p->bdat_last || klass != 2) {
            if (p->bdat_last) {
                reset_transaction(s);
                s->stage = MT_SMTP_ST_READY;
            }
            return klass == 2 ? transaction_next(s) : MT_SMTP_N_RETRY;
        }
        return MT_SMTP_N_BDAT_MORE;
    case MT_SMTP_CMD_RSET:
        if (klass == 2) {
            reset_transaction(s);
            s->certain = s->certain || s->hello_ok;
            s->stage = s->hello_ok ? MT_SMTP_ST_READY : MT_SMTP_ST_GREETED;
        }
        return next_for_stage(s);
    case MT_SMTP_CMD_QUIT:
        s->stage = MT_SMTP_ST_CLOSED;
        return MT_SMTP_N_CLOSE;
    case MT_SMTP_CMD_STARTTLS:
        if (klass == 2) {
            s->tls_on = TRUE;
            s->ehlo_after_tls = TRUE;
            s->hello_ok = FALSE;
            s->authed = FALSE;
            s->exts = 0;
            reset_transaction(s);
            s->stage = MT_SMTP_ST_TLS;
            return MT_SMTP_N_TLS;
        }
        return klass == 4 ? MT_SMTP_N_RETRY_LATER : MT_SMTP_N_RETRY;
    case MT_SMTP_CMD_AUTH:
    case MT_SMTP_CMD_SASL:
        if (klass == 3) {
            s->cmode = CM_SASL;
            s->stage = MT_SMTP_ST_AUTH;
            return MT_SMTP_N_SASL;
        }
        s->cmode = CM_COMMANDS;
        s->stage = s->hello_ok ? MT_SMTP_ST_READY : MT_SMTP_ST_GREETED;
        if (klass == 2) {
            s->authed = TRUE;
            return transaction_next(s);
        }
        /* a confirmed cancel: nothing to correct, the session goes on
         * (RFC 4954 §4) */
        if (p && p->sasl_cancel && klass == 5)
            return next_for_stage(s);
        return klass == 4 ? MT_SMTP_N_RETRY_LATER : MT_SMTP_N_RETRY;
    default:
        if (klass == 5)
            return MT_SMTP_N_RETRY;
        if (klass == 4)
            return MT_SMTP_N_RETRY_LATER;
        return next_for_stage(s);
    }
}

/* "250 2.0.0 Ok: queued as 4Xyz" (Postfix), "250 OK id=1abc-0002" (Exim):
 * the queue id the server gave the message, or NULL. */
static const guint8 *
queue_id(const guint8 *t, gsize len, gsize i, gsize *id_len)
{
    static const char *const marks[] = { "queued as ", "id=" };
    gsize k, m, e;

    for (m = 0; m < G_N_ELEMENTS(marks); m++) {
        gsize ml = strlen(marks[m]);

        for (k = i; k + ml <= len; k++) {
            if (!mt_ci_prefix(t, len, k, marks[m]))
                continue;
            if (k > i && t[k - 1] != ' ' && m == 1)
                continue;   /* "id=" only as a word of its own */
            e = mt_token_end_ws(t, len, k + ml);
            while (e > k + ml && (t[e - 1] == ')' || t[e - 1] == '.' || t[e - 1] == ','))
                e--;
            if (e == k + ml)
                continue;
            *id_len = e - (k + ml);
            return t + k + ml;
        }
    }
    return NULL;
}

/* The first line of a reply: its explanation is what the code means for
 * the command it answers; the code, its digits and its enhanced code
 * carry their own, general meanings. */
static void
reply_meaning(mt_smtp *s, mt_record *r, const smtp_pending *p, mt_smtp_cmd cmd, guint code,
              gint code_item, const guint8 *t, gsize len, gsize text_at)
{
    const mt_smtp_reply_info *ri = mt_smtp_reply_lookup(code);
    const mt_smtp_reply_context *exact = NULL, *any = NULL;
    const mt_smtp_command_info *ci = mt_smtp_command_get(cmd);
    const guint8 *qid;
    gsize qlen = 0;

    if (code >= 100 && code <= 599) {
        exact = mt_smtp_reply_context_find(cmd, code);
        if (exact && exact->code != code)
            exact = NULL;
        any = exact ? exact : mt_smtp_reply_context_find(cmd, code / 100);
        if (any == NULL)
            any = mt_smtp_reply_context_find(MT_SMTP_CMD_UNKNOWN, code);
    }
    /* the general meaning of the code, where no row for this command
     * and code says it all */
    if (ri && exact == NULL)
        mt_rec_explain(r, code_item, 0, 3, &ri->explanation, ri->rfc);

    if (exact)
        mt_rec_explain(r, -1, 0, 3, &exact->meaning, exact->rfc ? exact->rfc : ci ? ci->rfc : NULL);
    else if (any && any->cmd == cmd && cmd != MT_SMTP_CMD_UNKNOWN)
        mt_rec_explain(r, -1, 0, 3, &any->meaning, any->rfc ? any->rfc : ci ? ci->rfc : NULL);
    else if (any)
        mt_rec_explain(r, -1, 0, 3, &any->meaning, any->rfc);
    else if (ri == NULL)
        explain_x(r, -1, 0, 3, MT_SMTP_X_UNKNOWN_CODE);
    /* else: the code's general meaning, on its item, says it all */

    if (code == 500 && p && p->too_long) {
        explain_line(r, 0, 3, MT_SMTP_X_500_TOO_LONG);
    } else if (code == 501 && p && p->sasl_cancel) {
        explain_line(r, 0, 3, MT_SMTP_X_501_CANCELLED);
    } else if (any) {
        mt_rec_summary(r, &any->summary);
    } else {
        mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_UNKNOWN_CODE));
        mt_rec_summary_uint(r, 1, code);
    }
    if (code / 100 == 2 && (cmd == MT_SMTP_CMD_DATA_END || (cmd == MT_SMTP_CMD_BDAT && p && p->bdat_last))) {
        qid = queue_id(t, len, text_at, &qlen);
        if (qid) {
            mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_QUEUED_AS));
            mt_rec_summary_bytes(r, 1, qid, qlen);
        } else if (cmd == MT_SMTP_CMD_BDAT) {
            mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_BDAT_LAST_ACCEPTED));
        }
    }
    if (p && p->idle_rset && code / 100 == 2) {
        explain_line(r, 0, 3, MT_SMTP_X_RSET_IDLE_OK);
        mt_rec_summary(r, mt_smtp_expl_summary(MT_SMTP_X_RSET_IDLE_OK));
    }
    if (ri == NULL)
        mt_rec_anomaly(r, MT_A_SMTP_UNKNOWN_REPLY, 0, 3);
    (void)s;
}

static void
server_line(mt_smtp *s, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    const guint8 *t = ln->text;
    gsize len = ln->len, i;
    guint code;
    gboolean last, first, keywords;
    smtp_pending *p;
    const mt_smtp_reply_info *ri;
    const mt_smtp_digit_info *di;
    mt_smtp_cmd cmd;
    mt_record *r;
    mt_smtp_next next;
    gint it, code_item;

    if (!s->certain && s->msg_cut && s->cmode == CM_MESSAGE) {
        /* the server does not speak while the client sends message text:
         * the client lines were not a message cut by the capture's start,
         * and what it sends next is read as commands */
        s->no_guess = TRUE;
        s->msg_cut = FALSE;
        s->msg_rec = NULL;
        s->cmode = CM_COMMANDS;
        s->stage = MT_SMTP_ST_UNKNOWN;
    }
    if (len < 3 || !g_ascii_isdigit(t[0]) || !g_ascii_isdigit(t[1]) || !g_ascii_isdigit(t[2])
        || (len > 3 && t[3] != ' ' && t[3] != '-')) {
        r = line_record(ln, MT_DIR_SERVER, frame, MT_R_UNKNOWN, MT_SMTP_L_UNKNOWN, out);
        explain_line(r, 0, 0, MT_SMTP_X_BAD_REPLY);
        mt_rec_anomaly(r, MT_A_SMTP_BAD_REPLY, 0, 0);
        check_line(r, ln, &rules_reply, MT_SMTP_X_TOO_LONG_REPLY);
        add_stage_next(s, r, next_for_stage(s));
        return;
    }
    code = (guint)((t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0'));
    last = len == 3 || t[3] == ' ';
    first = !s->in_reply;

    p = g_queue_peek_head(&s->pending);
    if (first && p && p->cmd == MT_SMTP_CMD_CONNECT && s->seen[MT_DIR_SERVER] == FALSE
        && code != 220 && code != 554 && code != 421) {
        /* not a greeting: the capture starts mid-session */
        g_free(g_queue_pop_head(&s->pending));
        p = NULL;
        s->certain = FALSE;
        s->stage = MT_SMTP_ST_UNKNOWN;
    }
    cmd = p ? p->cmd : MT_SMTP_CMD_UNKNOWN;

    r = line_record(ln, MT_DIR_SERVER, frame, MT_R_REPLY,
                    cmd == MT_SMTP_CMD_CONNECT ? MT_SMTP_L_GREETING
                    : first ? MT_SMTP_L_REPLY : MT_SMTP_L_REPLY_CONT, out);
    if (p)
        r->req_frame = p->frame;

    ri = mt_smtp_reply_lookup(code);
    code_item = mt_rec_uint(r, -1, MT_F_SMTP_REPLY_CODE, 0, 3, code, ri ? &ri->name : NULL);
    di = mt_smtp_reply_class_lookup(code / 100);
    it = mt_rec_uint(r, -1, MT_F_SMTP_REPLY_CLASS, 0, 1, code / 100, di ? &di->name : NULL);
    if (first) {
        if (di)
            mt_rec_explain(r, it, 0, 1, &di->explanation, NULL);
        di = mt_smtp_reply_category_lookup((code / 10) % 10);
        it = mt_rec_uint(r, -1, MT_F_SMTP_REPLY_CATEGORY, 1, 1, (code / 10) % 10, di ? &di->name : NULL);
        if (di)
            mt_rec_explain(r, it, 1, 1, &di->explanation, NULL);
    }
    if (!(first && last)) {
        it = mt_rec_bool(r, -1, MT_F_SMTP_REPLY_CONTINUES, 3, 1, !last);
        if (first)
            explain_x(r, it, 3, 1, MT_SMTP_X_MULTILINE);
    }
    if (!first && code != s->reply_code)
        mt_rec_anomaly(r, MT_A_SMTP_MULTILINE_MISMATCH, 0, 3);

    i = len > 4 ? 4 : len;
    keywords = (cmd == MT_SMTP_CMD_EHLO || cmd == MT_SMTP_CMD_LHLO || cmd == MT_SMTP_CMD_HELO)
               && code == 250;
    if (keywords && first && cmd != MT_SMTP_CMD_HELO) {
        /* a new EHLO reply replaces what an earlier one offered */
        s->exts = 0;
        s->size_limit = 0;
    }
    if (keywords && !first && (cmd != MT_SMTP_CMD_HELO || helo_lists_extension(t, len, i))) {
        ehlo_keyword(s, r, t, len, i, cmd == MT_SMTP_CMD_HELO);
    } else {
        i = enhanced_code(s, r, t, len, i, code);
        if (i < len) {
            it = mt_rec_bytes(r, -1, MT_F_SMTP_REPLY_TEXT, (guint32)i, (guint32)(len - i), FALSE);
            if (first && !s->told_reply_text) {
                /* said once per session: it is the same for every reply */
                explain_x(r, it, (guint32)i, (guint32)(len - i), MT_SMTP_X_REPLY_TEXT);
                s->told_reply_text = TRUE;
            }
        }
        if (!first)
            explain_line(r, 0, 0, last ? MT_SMTP_X_REPLY_LAST : MT_SMTP_X_REPLY_CONT);
    }
    if (!first && code != s->reply_code) {
        explain_line(r, 0, 3, MT_SMTP_X_REPLY_CODE_DIFFERS);
        mt_rec_summary_uint(r, 1, code);
        mt_rec_summary_uint(r, 2, s->reply_code);
    }

    if (first) {
        reply_meaning(s, r, p, cmd, code, code_item, t, len, i);
        if (code == 334 && last && (cmd == MT_SMTP_CMD_AUTH || cmd == MT_SMTP_CMD_SASL))
            mt_sasl_server(&s->sasl, r, t, len > 4 ? 4 : len, len > 4 ? len - 4 : 0);
        if (p == NULL) {
            if (s->certain) {
                mt_rec_anomaly(r, MT_A_UNSOLICITED_REPLY, 0, 3);
                explain_line(r, 0, 3, MT_SMTP_X_UNSOLICITED);
            }
            else {
                note_x(r, MT_SMTP_X_UNMATCHED_REPLY);
                if (!s->seen[MT_DIR_SERVER] && !s->seen[MT_DIR_CLIENT])
                    mt_rec_anomaly(r, MT_A_MIDSESSION, 0, 0);
            }
        }
        if (code == 421)
            mt_rec_anomaly(r, MT_A_SMTP_CLOSING, 0, 3);
        else if (code / 100 == 5)
            mt_rec_anomaly(r, MT_A_SMTP_PERMANENT_FAILURE, 0, 3);
        else if (code / 100 == 4)
            mt_rec_anomaly(r, MT_A_SMTP_TRANSIENT_FAILURE, 0, 3);
        s->reply_code = code;
        s->reply_lines = 0;
    }
    s->reply_lines++;
    check_line(r, ln, &rules_reply, MT_SMTP_X_TOO_LONG_REPLY);

    if (!last) {
        s->in_reply = TRUE;
        add_stage_next(s, r, MT_SMTP_N_CONTINUES);
        return;
    }
    s->in_reply = FALSE;
    if (p) {
        g_queue_pop_head(&s->pending);
        if (p->rec)
            p->rec->resp_frame = frame;
    }
    if (p && (p->cmd == MT_SMTP_CMD_AUTH || p->cmd == MT_SMTP_CMD_SASL) && code / 100 != 3)
        mt_sasl_result(&s->sasl, r, code / 100 == 2);
    /* 334 and 354 answer only a step: the command's exchange goes on */
    next = apply_reply(s, p, code);
    g_free(p);
    if (!g_queue_is_empty(&s->pending) && next != MT_SMTP_N_CLOSE)
        next = MT_SMTP_N_PIPELINED;
    add_stage_next(s, r, next);
}

/* ---- feeding ---- */

mt_smtp *
mt_smtp_new(void)
{
    mt_smtp *s = g_new0(mt_smtp, 1);

    mt_linebuf_init(&s->lb[0]);
    mt_linebuf_init(&s->lb[1]);
    g_queue_init(&s->pending);
    s->stage = MT_SMTP_ST_CONNECTED;
    s->certain = TRUE;
    s->msg_rec_lines = -1;
    mt_sasl_init(&s->sasl, MT_PROTO_SMTP);
    s->env_rcpt = g_ptr_array_new_with_free_func(g_free);
    push_pending(s, MT_SMTP_CMD_CONNECT, 0, NULL, FALSE);
    return s;
}

void
mt_smtp_free(mt_smtp *s)
{
    if (s == NULL)
        return;
    mt_linebuf_clear(&s->lb[0]);
    mt_linebuf_clear(&s->lb[1]);
    g_queue_clear_full(&s->pending, g_free);
    mt_sasl_clear(&s->sasl);
    mt_mime_free(s->mime);
    g_free(s->env_from);
    g_ptr_array_free(s->env_rcpt, TRUE);
    g_free(s);
}

void
mt_smtp_feed(mt_smtp *s, mt_dir dir, guint32 frame, const guint8 *data, gsize len, GPtrArray *out)
{
    gsize pos = 0;
    mt_line ln;
    mt_ln_result res;
    mt_linebuf *lb = &s->lb[dir == MT_DIR_SERVER ? 1 : 0];
    guint first = out->len;

    dir = dir == MT_DIR_SERVER ? MT_DIR_SERVER : MT_DIR_CLIENT;
    s->msg_rec = NULL;
    while ((res = mt_linebuf_next(lb, data, len, &pos, &ln)) != MT_LN_END) {
        if (res == MT_LN_RAW) {
            if (dir == MT_DIR_CLIENT)
                client_raw(s, &ln, frame, out);
            s->msg_rec = NULL;
            continue;
        }
        if (dir == MT_DIR_CLIENT) {
            if (s->cmode != CM_MESSAGE)
                s->msg_rec = NULL;
            client_line(s, &ln, frame, out);
        } else {
            server_line(s, &ln, frame, out);
        }
        s->seen[dir] = TRUE;
    }
    /* inside a message the text summary says enough, unless it is all there is */
    if (out->len == first || !(dir == MT_DIR_CLIENT && s->cmode == CM_MESSAGE))
        mt_linecheck_unfinished(MT_PROTO_SMTP, dir, frame, lb, out);
    s->msg_rec = NULL;
}

void
mt_smtp_forget_records(mt_smtp *s)
{
    mt_sasl_forget_records(&s->sasl);
    mt_linebuf_trim(&s->lb[0]);
    mt_linebuf_trim(&s->lb[1]);
}

gboolean
mt_smtp_ended(const mt_smtp *s)
{
    return s->stage == MT_SMTP_ST_CLOSED && s->pending.length == 0;
}

gboolean
mt_smtp_tls_accept(const mt_smtp *s, mt_dir dir, const guint8 *data, gsize len)
{
    const smtp_pending *p;

    if (dir != MT_DIR_SERVER || s->in_reply || mt_linebuf_has_partial(&s->lb[1]))
        return FALSE;
    p = g_queue_peek_head((GQueue *)&s->pending);
    /* RFC 3207 §4: "220 Ready to start TLS", the whole line: TLS starts
     * after its end, and the built-in switches only once it has it */
    return p && p->cmd == MT_SMTP_CMD_STARTTLS && len >= 4
           && data[0] == '2' && data[1] == '2' && data[2] == '0'
           && (data[3] == ' ' || data[3] == '\r' || data[3] == '\n')
           && memchr(data, '\n', len) != NULL;
}

mt_smtp_stage
mt_smtp_get_stage(const mt_smtp *s)
{
    return s->stage;
}

void
mt_smtp_set_tls(mt_smtp *s)
{
    s->tls_on = TRUE;
}
