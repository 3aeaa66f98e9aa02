/* mt_walk.c - the classroom outputs: walkthrough, flow graph, statistics
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * mt_conv.c queues on the tap "mailteach" the records it made from each
 * chunk of bytes, with the session they belong to and the bytes of each
 * line (mt_walk_tap()). Everything here reads that tap:
 *
 *   -z mailteach,walkthrough[,md][,FILTER]
 *       a lab-report transcript per TCP session: one line per protocol
 *       line (frame, C:/S:, the line, its short meaning) and a closing
 *       summary; ",md" gives Markdown with a Mermaid sequence diagram;
 *   sequence analysis "mailteach"
 *       Statistics > Flow Graph in the desktop, -z flow,mailteach,standard
 *       in tshark: one arrow per line, labelled with the line, its meaning
 *       in the comment;
 *   -z mailteach,stats[,FILTER] and the stats tree "mailteach"
 *       (Statistics > Mail Teaching, -z mailteach,tree): sessions,
 *       commands, reply classes, logins and their outcomes, errors.
 *
 * The readers know the protocols only through the core's fields: a
 * command's verb, a reply's code or status, a tag, auth.* values; items
 * of fields this file does not name (mailteach.auth.*, mailteach.mime.*)
 * are shown under their line by their label, read by field id from the
 * .def tables.
 */
#include <string.h>

#include <wireshark.h>

#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
#include <epan/expert.h>
#include <epan/to_str.h>
#include <wsutil/str_util.h>

#include "mt_epan.h"
#include "core/mt_anomaly.h"
#include "core/mt_text.h"

/* Limits: the transcript of a hostile capture stays readable and bounded. */
#define MT_WALK_RAW_MAX        100      /* characters of a line shown */
#define MT_WALK_FLOW_LABEL_MAX 60       /* characters of a line on an arrow */
#define MT_WALK_EXTRAS_MAX     12       /* decoded values shown under a line */
#define MT_WALK_LINES_MAX      20000    /* transcript lines kept per session */
#define MT_WALK_FACTS_MAX      64       /* entries per summary list */
#define MT_WALK_PENDING_MAX    128      /* commands waiting for their answer */
#define MT_WALK_MERMAID_MAX    300      /* arrows in a Markdown diagram */
#define MT_WALK_RAW_PAD        48       /* the meaning column starts here */

static int proto_mailteach = -1;
static int mt_tap = -1;
static const mt_prefs_t *walk_prefs;
/* Do taps run on first dissections? (mt_walk_taps_run()) */
static int pass_tap = -1;
static gboolean taps_ran;

/* The language the outputs are written in: the preference, English before
 * the preferences are known. */
static mt_lang
walk_lang(void)
{
    return walk_prefs != NULL ? mt_prefs_lang(walk_prefs) : MT_LANG_EN;
}

/* An English text of the outputs in that language (po/mailteach.pot holds
 * it): WT for a plain text, WF for a printf format. A format is given to
 * the printf function directly, so that the compiler checks the arguments
 * against the English format (mt_tr() is a format_arg function); a
 * translation keeps its conversions (msgfmt --check). */
#define WT(s) mt_tr(walk_lang(), MT_N(s))
#define WF(s) mt_tr(walk_lang(), MT_NF(s))

static const char *const proto_names[] = { "", "SMTP", "POP3", "IMAP" };

static const char *
proto_name(guint p)
{
    return proto_names[p <= MT_PROTO_IMAP ? p : 0];
}

/* Filter names by field id, from the .def tables. */
static const char *const field_abbrev[MT_F_COUNT] = {
    NULL,
#define MT_FIELD(id, abbrev, name, type, base, blurb) abbrev,
#include "core/mt_fields.def"
#include "core/mt_fields_pop3.def"
#include "core/mt_fields_imap.def"
#include "core/mt_fields_mime.def"
#undef MT_FIELD
};
/* The labels the walkthrough puts before a decoded login or a MIME
 * part's facts ("Challenge: Username:", "Charset: utf-8"), in the
 * reader's language (in the tree they stay as registered, in English);
 * the fields without one are not told under a line. */
static const mt_text walk_label[MT_F_COUNT] = {
    [MT_F_LINE_ON_SCREEN] = MT_TC("walkthrough label", "As seen on screen"),
#define MT_FIELD(id, abbrev, name, type, base, blurb) [id] = MT_TC("walkthrough label", name),
#include "core/mt_fields_auth.def"
#include "core/mt_fields_mime.def"
#undef MT_FIELD
};
/* Severity and group of each anomaly: the summary lists warnings and
 * errors, except those about a reply code (the failed reply is listed). */
static const int anomaly_severity[MT_A_COUNT] = {
    0,
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) severity,
#include "core/mt_anomalies.def"
#include "core/mt_anomalies_pop3.def"
#include "core/mt_anomalies_imap.def"
#include "core/mt_anomalies_mime.def"
#undef MT_ANOMALY
};
static const int anomaly_group[MT_A_COUNT] = {
    0,
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) group,
#include "core/mt_anomalies.def"
#include "core/mt_anomalies_pop3.def"
#include "core/mt_anomalies_imap.def"
#include "core/mt_anomalies_mime.def"
#undef MT_ANOMALY
};

/* ---- what the tap carries ---- */

typedef struct {
    const guint8 *p;        /* the line's bytes, without its end of line */
    guint32       len;
} mt_walk_line;

typedef struct {
    const mt_walk_session *session;
    guint                  n;
    gboolean               session_start;   /* recs[0] is the session's first record */
    const mt_record      **recs;
    mt_walk_line          *lines;
} mt_walk_tapinfo;

static tap_packet_status
pass_packet(void *tapdata _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data _U_,
            tap_flags_t flags _U_)
{
    taps_ran = TRUE;
    return TAP_PACKET_DONT_REDRAW;
}

gboolean
mt_walk_taps_run(packet_info *pinfo)
{
    if (!taps_ran && pass_tap >= 0)
        tap_queue_packet(pass_tap, pinfo, NULL);
    return taps_ran;
}

void
mt_walk_taps_reset(void)
{
    taps_ran = FALSE;
}

gboolean
mt_walk_listening(void)
{
    return mt_tap >= 0 && have_tap_listener(mt_tap);
}

void
mt_walk_tap(packet_info *pinfo, const mt_walk_session *session, const guint8 *chunk,
            gsize len, mt_record *const *recs, guint n, gboolean first_is_session_start)
{
    mt_walk_tapinfo *ti;
    guint i;

    if (mt_tap < 0 || n == 0 || session == NULL || !have_tap_listener(mt_tap))
        return;
    ti = wmem_new0(pinfo->pool, mt_walk_tapinfo);
    ti->session = session;
    ti->n = n;
    ti->session_start = first_is_session_start;
    ti->recs = wmem_alloc_array(pinfo->pool, const mt_record *, n);
    ti->lines = wmem_alloc0_array(pinfo->pool, mt_walk_line, n);
    for (i = 0; i < n; i++) {
        const mt_record *r = recs[i];
        const guint8 *p = NULL;
        gsize l = 0;

        ti->recs[i] = r;
        if ((r->flags & MT_RF_REBUILT) && r->rebuilt) {
            p = r->rebuilt;
            l = r->rebuilt_len;
        } else if (chunk && r->chunk_off < len) {
            p = chunk + r->chunk_off;
            l = MIN((gsize)r->chunk_len, len - r->chunk_off);
        }
        while (l > 0 && (p[l - 1] == '\n' || p[l - 1] == '\r'))
            l--;
        ti->lines[i].p = p;
        ti->lines[i].len = (guint32)l;
    }
    tap_queue_packet(mt_tap, pinfo, ti);
}

/* ---- reading records ---- */

static const char *
text_of(const mt_text *t)
{
    return mt_text_get(t, walk_lang());
}

/* The value of an item of r as text (g_free it); NULL if it has none.
 * Bytes come from the line, or from the record's decoded bytes (SASL
 * Base64); a secret is hidden as in the tree when redact_secrets is on. */
/* Printable text of bytes: UTF-8 kept, control characters (NUL too) and
 * bytes that are not UTF-8 as \xNN, cut to max characters with "...". */
static char *
printable(const guint8 *p, gsize len, gsize max)
{
    GString *out = g_string_new(NULL);
    gsize i = 0, chars = 0;

    while (p && i < len && chars < max) {
        gunichar c = g_utf8_get_char_validated((const char *)p + i, (gssize)(len - i));
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append_printf(out, "\\x%02x", p[i]);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            g_string_append_printf(out, "\\x%02x", c);
            i++;
        } else {
            const char *next = g_utf8_next_char((const char *)p + i);
            gsize step = (gsize)(next - ((const char *)p + i));
            g_string_append_len(out, (const char *)p + i, (gssize)step);
            i += step;
        }
        chars++;
    }
    if (p && i < len)
        g_string_append(out, "...");
    return g_string_free(out, FALSE);
}

static char *
item_value_raw(const mt_record *r, const mt_item *it, const mt_walk_line *ln)
{
    switch (it->vkind) {
    case MT_V_UINT:
        return g_strdup_printf("%" G_GUINT64_FORMAT, it->v.u);
    case MT_V_BOOL:
        return g_strdup(it->v.u ? WT("yes") : WT("no"));
    case MT_V_TEXT:
        return it->v.text ? g_strdup(text_of(it->v.text)) : NULL;
    case MT_V_CSTR:
        return it->v.cstr ? g_strdup(it->v.cstr) : NULL;
    case MT_V_OWNED:
        return it->v.owned ? g_strdup(it->v.owned) : NULL;
    case MT_V_BYTES:
    case MT_V_BYTES_UP: {
        const guint8 *p = ln->p;
        gsize plen = ln->len;
        char *s;
        if (it->src == MT_SRC_DECODED) {
            p = r->decoded;
            plen = r->decoded_len;
        }
        gsize n;
        if (p == NULL || it->len == 0 || it->off >= plen)
            return NULL;
        n = MIN(it->len, plen - it->off);
        /* NUL and other control bytes as \xNN (a PLAIN login's separators),
         * not as U+FFFD, as the tree shows them */
        if (it->vkind == MT_V_BYTES_UP) {
            guint8 *up = (guint8 *)g_memdup2(p + it->off, n);
            gsize k;
            for (k = 0; k < n; k++)
                up[k] = (guint8)g_ascii_toupper((gchar)up[k]);
            s = printable(up, n, G_MAXSIZE);
            g_free(up);
        } else {
            s = printable(p + it->off, n, G_MAXSIZE);
        }
        return s;
    }
    default:
        return NULL;
    }
}

static char *
item_value(const mt_record *r, const mt_item *it, const mt_walk_line *ln)
{
    char *v = item_value_raw(r, it, ln);

    if (v && walk_prefs->redact
        && (it->secret || mt_rec_secret_overlaps(r, (mt_src)it->src, it->off, it->len))) {
        /* four U+2022, as in the tree */
        char *h = g_strdup_printf(WF("\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2 (%ld characters)"),
                                  (long)g_utf8_strlen(v, -1));
        g_free(v);
        v = h;
    }
    return v;
}

/* The value of the record's first item of field f, or NULL. */
static char *
field_value(const mt_record *r, const mt_walk_line *ln, mt_field f)
{
    const mt_item *it = mt_rec_find(r, f);
    return it ? item_value(r, it, ln) : NULL;
}

static gboolean
field_uint(const mt_record *r, mt_field f, guint64 *v)
{
    const mt_item *it = mt_rec_find(r, f);

    if (it == NULL || (it->vkind != MT_V_UINT && it->vkind != MT_V_BOOL))
        return FALSE;
    *v = it->v.u;
    return TRUE;
}

/* "[message text: 3 lines]": a run of message text lines, told by their
 * number. */
static char *
message_text_count(guint64 n)
{
    return n == 1 ? g_strdup_printf(WF("[message text: %llu line]"), (unsigned long long)n)
                  : g_strdup_printf(WF("[message text: %llu lines]"), (unsigned long long)n);
}

static char *
message_text_span(guint64 n, guint32 first, guint32 last)
{
    return g_strdup_printf(WF("[message text: %llu lines, frames %u-%u]"), (unsigned long long)n, first, last);
}

/* The line as the transcript shows it: message text folded to a count. */
static char *
shown_line(const mt_record *r, const mt_walk_line *ln, gsize max)
{
    guint64 v = 0;

    switch (r->kind) {
    case MT_R_MESSAGE:
        field_uint(r, MT_F_DATA_LINES, &v);
        return message_text_count(v);
    case MT_R_RAW:
        field_uint(r, MT_F_DATA_CHUNK, &v);
        return g_strdup_printf(WF("[%llu counted octets]"), (unsigned long long)v);
    case MT_R_MIME_PART: {
        /* a body, preamble or epilogue told at its end: its bytes were
         * counted in the message text already */
        char *path = field_value(r, ln, MT_F_MIME_PART), *out;
        out = path ? g_strdup_printf(WF("[part %s]"), path) : g_strdup(WT("[MIME part]"));
        g_free(path);
        return out;
    }
    default:
        if (ln->len == 0)
            return g_strdup(WT("(empty line)"));
        if (walk_prefs->redact && mt_rec_secret_overlaps(r, MT_SRC_LINE, 0, (guint32)ln->len)) {
            /* each secret run of the line (its Base64 too) as "*" */
            guint8 *masked = g_memdup2(ln->p, ln->len);
            char *out;
            guint i;

            for (i = 0; i < r->n_items; i++) {
                const mt_item *it = &r->items[i];

                if (it->secret && it->src == MT_SRC_LINE && it->off < ln->len)
                    memset(masked + it->off, '*', MIN((gsize)it->len, ln->len - it->off));
            }
            out = printable(masked, ln->len, max);
            g_free(masked);
            return out;
        }
        return printable(ln->p, ln->len, max);
    }
}

static char *
meaning_of(const mt_record *r)
{
    char *m = mt_rec_summary_format(r, walk_lang());
    return m ? m : g_strdup("");
}

/* The command verb of a client line, upper-cased ("UID FETCH" for IMAP's
 * UID commands); NULL if the line has none. */
static char *
command_verb(const mt_record *r, const mt_walk_line *ln)
{
    char *verb = NULL, *sub;

    if (r->dir != MT_DIR_CLIENT || r->kind != MT_R_COMMAND)
        return NULL;
    switch (r->proto) {
    case MT_PROTO_SMTP:
        verb = field_value(r, ln, MT_F_SMTP_COMMAND);
        break;
    case MT_PROTO_POP3:
        verb = field_value(r, ln, MT_F_POP3_COMMAND);
        break;
    case MT_PROTO_IMAP:
        verb = field_value(r, ln, MT_F_IMAP_COMMAND);
        sub = verb ? field_value(r, ln, MT_F_IMAP_SUBCOMMAND) : NULL;
        if (sub) {
            char *both = g_strdup_printf("%s %s", verb, sub);
            g_free(verb);
            g_free(sub);
            verb = both;
        }
        break;
    default:
        break;
    }
    if (verb)
        ascii_strup_inplace(verb);
    return verb;
}

/* What a server line says about the command it answers. */
typedef enum {
    R_NONE = 0,         /* not a status: data, an untagged line, a listing */
    R_MORE,             /* go on: 334, 354, "+", a continuation */
    R_OK,               /* the command succeeded */
    R_FAIL              /* it failed: 4xx/5xx, -ERR, NO, BAD */
} mt_reply_kind;

typedef struct {
    mt_reply_kind kind;
    gboolean      final;        /* the last line of the answer (tagged, last line of a reply) */
    char         *class_name;   /* "2xx", "+OK", "NO" ...: for the statistics */
    guint64       code;         /* SMTP reply code */
} mt_reply;

static void
read_reply(const mt_record *r, const mt_walk_line *ln, mt_reply *out)
{
    char *st, *tag;
    guint64 code = 0, cont = 0;

    memset(out, 0, sizeof(*out));
    if (r->dir != MT_DIR_SERVER || r->kind != MT_R_REPLY)
        return;
    switch (r->proto) {
    case MT_PROTO_SMTP:
        if (!field_uint(r, MT_F_SMTP_REPLY_CODE, &code))
            return;
        field_uint(r, MT_F_SMTP_REPLY_CONTINUES, &cont);
        out->code = code;
        out->final = cont == 0;
        out->class_name = g_strdup_printf("%uxx", (guint)(code / 100));
        if (code == 334 || code == 354)
            out->kind = R_MORE;
        else if (code >= 200 && code < 400)
            out->kind = R_OK;
        else if (code >= 400)
            out->kind = R_FAIL;
        else
            out->kind = R_MORE;
        return;
    case MT_PROTO_POP3:
        st = field_value(r, ln, MT_F_POP3_STATUS);
        if (st == NULL)
            return;
        out->final = TRUE;
        out->class_name = st;
        out->kind = strcmp(st, "+OK") == 0 ? R_OK : strcmp(st, "-ERR") == 0 ? R_FAIL : R_MORE;
        return;
    case MT_PROTO_IMAP:
        st = field_value(r, ln, MT_F_IMAP_STATUS);
        tag = field_value(r, ln, MT_F_IMAP_TAG);
        if (st == NULL) {
            char *prefix = field_value(r, ln, MT_F_IMAP_PREFIX);
            if (prefix && strcmp(prefix, "+") == 0) {
                out->kind = R_MORE;
                out->class_name = g_strdup(WT("+ (continuation)"));
            }
            g_free(prefix);
            g_free(tag);
            return;
        }
        ascii_strup_inplace(st);
        out->class_name = tag ? g_strdup_printf(WF("tagged %s"), st) : g_strdup_printf(WF("untagged %s"), st);
        if (tag) {
            out->final = TRUE;
            out->kind = strcmp(st, "OK") == 0 ? R_OK : R_FAIL;
        }
        g_free(st);
        g_free(tag);
        return;
    default:
        return;
    }
}

/* ---- one session, followed line by line ---- */

typedef enum {
    C_OTHER = 0,
    C_LOGIN,            /* AUTH, PASS, APOP, LOGIN, AUTHENTICATE */
    C_TLS,              /* STARTTLS, STLS */
    C_DATA,             /* DATA, BDAT: the message's verdict comes later */
    C_MESSAGE_END,      /* the end of the message text: its verdict */
    C_MESSAGE_OP,       /* POP3 RETR, TOP, DELE, RSET; IMAP APPEND, FETCH, STORE, COPY, MOVE, EXPUNGE */
    C_QUIT              /* QUIT, LOGOUT */
} mt_cmd_kind;

typedef struct {
    guint32     frame;
    guint32     start_frame;/* a login's first command (POP3 USER before PASS), 0: frame */
    mt_cmd_kind kind;
    char       *what;       /* "AUTH LOGIN", "RETR 1", "message 1 (3 lines, 56 octets)" */
    char       *user;       /* the user name given for a login */
    gboolean    fetch;      /* RETR, TOP, or a FETCH of message text */
    /* MAIL FROM or RCPT TO: the address, and its line in the summary's
     * Sender or Recipients list (index in fact_list, -1: not listed); the
     * reply decides whether it belongs to the envelope */
    char       *addr;
    gboolean    addr_rcpt;
    GPtrArray  *fact_list;
    gint        fact_index;
} mt_pending;

typedef struct {
    guint32   frame;
    guint8    dir;
    char     *raw;
    char     *meaning;
    GPtrArray *extras;      /* "Label: value" of decoded items, or NULL */
    gboolean  literal;      /* raw is the line as sent, not a count or "(empty line)" */
    guint64   message_lines;/* for a folded run of message text */
    guint32   last_frame;   /* its last frame, if not frame (0: the same) */
} mt_wline;

typedef struct {
    guint32   index;
    guint     proto;
    char     *client;
    char     *server;
    guint32   client_port;
    guint32   server_port;
    nstime_t  start;
    gboolean  counted;      /* the session was counted (statistics) */
    /* the transcript */
    GPtrArray *lines;       /* of mt_wline */
    guint      dropped;     /* lines over MT_WALK_LINES_MAX */
    mt_wline  *open_message;/* the run of message text lines go into */
    /* facts for the summary */
    char      *greeting;
    guint32    greeting_frame;
    gboolean   client_spoke;
    gboolean   late;        /* the capture starts inside the session */
    gboolean   server_replied;  /* a server line read as a reply of the protocol */
    gboolean   data_seen;   /* DATA or BDAT since the last message */
    guint32    user_frame;  /* POP3 USER just before, for the PASS that follows */
    char      *hello;
    char      *tls;         /* how STARTTLS went, NULL: never asked */
    GPtrArray *logins;
    GPtrArray *senders;
    GPtrArray *recipients;
    /* the worksheet's question about RCPT TO: its command frame, its
     * answer's index, and the accepted addresses of that frame so far */
    guint64    bdat_octets;     /* BDAT chunks of the message being sent */
    guint      bdat_chunks;
    guint32    bdat_first;
    guint32    rcpt_q_frame;
    guint      rcpt_q_index;
    GString   *rcpt_q_addrs;
    guint      rcpt_q_n;        /* addresses in it, at most MT_WALK_FACTS_MAX */
    GPtrArray *messages;
    GPtrArray *errors;
    char      *ending;
    /* for the checklist: what the student did, and where */
    guint32    ehlo_frame;  /* EHLO (or HELO: helo_frame) answered */
    guint32    helo_frame;
    guint32    tls_frame;   /* STARTTLS/STLS accepted */
    gboolean   implicit_tls;    /* inside TLS from the first byte */
    char      *login_ok;    /* the first login that worked */
    guint      n_failed_before_ok;  /* logins that failed or were cancelled before it */
    guint      n_login_failed;
    char      *sent_ok;     /* the first message accepted */
    guint      n_sent_refused;
    guint32    attachment_frame;
    guint32    appended_attachment_frame;  /* in a message stored with IMAP APPEND */
    guint32    fetched_attachment_frame;   /* in message text the server sent */
    char      *fetched;     /* the first message fetched */
    guint32    quit_frame;  /* QUIT/LOGOUT answered with success */
    char      *user;        /* user name of the login under way */
    char      *mechanism;   /* its mechanism */
    gboolean   cancelled;   /* the client answered a challenge with "*" */
    guint      n_messages;
    guint64    msg_lines;   /* of the message being sent */
    guint64    msg_octets;
    GPtrArray *pending;     /* of mt_pending */
    /* for the worksheet (NULL for the other readers) */
    GPtrArray *questions;
    GPtrArray *answers;
    guint32    asked;       /* bit per mt_question kind already asked */
    guint32    told_frame;   /* a reply the login or the ending question names, 0: none */
    gboolean   hdr_from;    /* the header of the message being sent holds From:, Date: */
    gboolean   hdr_date;
    guint32    ml_frame;    /* first frame of the multi-line reply under way, 0: none */
    gboolean   ml_bad;      /* a line of it carried another code */
    guint32    unmatched_frame;       /* the latest tagged response without its command */
    const char *unmatched_error;      /* its entry in errors, NULL: none */
    char      *client_warning;        /* the latest warning about a client line */
    guint32    client_warning_frame;
    guint32    early_q_frame;         /* a failure asked about before its command's line
                                       * was complete (frame of the response), 0: none */
    guint      early_q_index;         /* its answer, told again when the command comes */
    char      *early_q_meaning;
    guint      n_lines;     /* protocol lines in all */
} mt_wsess;

static void
pending_free(gpointer p)
{
    mt_pending *c = (mt_pending *)p;
    g_free(c->what);
    g_free(c->user);
    g_free(c->addr);
    g_free(c);
}

static void
wline_free(gpointer p)
{
    mt_wline *l = (mt_wline *)p;
    g_free(l->raw);
    g_free(l->meaning);
    if (l->extras)
        g_ptr_array_free(l->extras, TRUE);
    g_free(l);
}

static void
wsess_free(gpointer p)
{
    mt_wsess *s = (mt_wsess *)p;
    g_free(s->client);
    g_free(s->server);
    g_ptr_array_free(s->lines, TRUE);
    g_free(s->greeting);
    g_free(s->hello);
    g_free(s->tls);
    g_ptr_array_free(s->logins, TRUE);
    g_ptr_array_free(s->senders, TRUE);
    g_ptr_array_free(s->recipients, TRUE);
    if (s->rcpt_q_addrs)
        g_string_free(s->rcpt_q_addrs, TRUE);
    g_ptr_array_free(s->messages, TRUE);
    g_ptr_array_free(s->errors, TRUE);
    g_free(s->ending);
    g_free(s->login_ok);
    g_free(s->sent_ok);
    g_free(s->fetched);
    g_free(s->user);
    g_free(s->mechanism);
    g_ptr_array_free(s->pending, TRUE);
    if (s->questions)
        g_ptr_array_free(s->questions, TRUE);
    if (s->answers)
        g_ptr_array_free(s->answers, TRUE);
    g_free(s->client_warning);
    g_free(s->early_q_meaning);
    g_free(s);
}

/* Sessions by number, for one reader. */
typedef struct {
    GHashTable *by_index;   /* index -> mt_wsess */
    GPtrArray  *order;      /* mt_wsess in the order they were first seen */
    gboolean    worksheet;  /* collect questions */
} mt_tracker;

static void
tracker_init(mt_tracker *t)
{
    t->by_index = g_hash_table_new(g_direct_hash, g_direct_equal);
    t->order = g_ptr_array_new_with_free_func(wsess_free);
}

static void
tracker_clear(mt_tracker *t)
{
    if (t->by_index)
        g_hash_table_destroy(t->by_index);
    if (t->order)
        g_ptr_array_free(t->order, TRUE);
    t->by_index = NULL;
    t->order = NULL;
}

static mt_wsess *
tracker_session(mt_tracker *t, packet_info *pinfo, const mt_walk_session *ws)
{
    mt_wsess *s = (mt_wsess *)g_hash_table_lookup(t->by_index, GUINT_TO_POINTER(ws->index));

    if (s)
        return s;
    s = g_new0(mt_wsess, 1);
    s->index = ws->index;
    s->proto = ws->proto;
    s->client = address_to_str(NULL, &ws->client);
    s->server = address_to_str(NULL, &ws->server);
    /* address_to_str() allocates with wmem's NULL scope (g_malloc) */
    s->client_port = ws->client_port;
    s->server_port = ws->server_port;
    s->start = ws->start;
    s->implicit_tls = ws->implicit_tls;
    if (ws->implicit_tls)
        s->tls = g_strdup_printf(WF("yes: TLS from the first byte (implicit TLS, port %u); the lines are shown "
                                    "decrypted with the TLS keys"), ws->server_port);
    s->lines = g_ptr_array_new_with_free_func(wline_free);
    s->logins = g_ptr_array_new_with_free_func(g_free);
    s->senders = g_ptr_array_new_with_free_func(g_free);
    s->recipients = g_ptr_array_new_with_free_func(g_free);
    s->messages = g_ptr_array_new_with_free_func(g_free);
    s->errors = g_ptr_array_new_with_free_func(g_free);
    s->pending = g_ptr_array_new_with_free_func(pending_free);
    if (t->worksheet) {
        s->questions = g_ptr_array_new_with_free_func(g_free);
        s->answers = g_ptr_array_new_with_free_func(g_free);
    }
    (void)pinfo;
    g_hash_table_insert(t->by_index, GUINT_TO_POINTER(ws->index), s);
    g_ptr_array_add(t->order, s);
    return s;
}

/* Add to a summary list, at most MT_WALK_FACTS_MAX entries (then "..."). */
static void
fact(GPtrArray *list, char *text)
{
    if (list->len < MT_WALK_FACTS_MAX)
        g_ptr_array_add(list, text);
    else {
        if (list->len == MT_WALK_FACTS_MAX)
            g_ptr_array_add(list, g_strdup("..."));
        g_free(text);
    }
}

static void
push_pending(mt_wsess *s, guint32 frame, mt_cmd_kind kind, char *what)
{
    mt_pending *c;

    if (s->pending->len >= MT_WALK_PENDING_MAX)
        g_ptr_array_remove_index(s->pending, 0);
    c = g_new0(mt_pending, 1);
    c->frame = frame;
    c->kind = kind;
    c->what = what;
    g_ptr_array_add(s->pending, c);
}

/* The command this final answer belongs to: the first waiting one of the
 * frame the reply names, else the oldest. Removed from the list. */
static mt_pending *
take_pending(mt_wsess *s, guint32 req_frame)
{
    guint i;

    if (s->pending->len == 0)
        return NULL;
    for (i = 0; i < s->pending->len; i++) {
        mt_pending *c = (mt_pending *)g_ptr_array_index(s->pending, i);
        if (c->frame == req_frame)
            return (mt_pending *)g_ptr_array_steal_index(s->pending, i);
    }
    return (mt_pending *)g_ptr_array_steal_index(s->pending, 0);
}

static mt_cmd_kind
classify(guint proto, const char *verb, const mt_record *r)
{
    if (verb == NULL)
        return C_OTHER;
    if (strcmp(verb, "STARTTLS") == 0 || strcmp(verb, "STLS") == 0)
        return C_TLS;
    if (strcmp(verb, "QUIT") == 0 || strcmp(verb, "LOGOUT") == 0)
        return C_QUIT;
    switch (proto) {
    case MT_PROTO_SMTP:
        if (strcmp(verb, "AUTH") == 0)
            return C_LOGIN;
        if (strcmp(verb, "DATA") == 0)
            return C_DATA;
        if (strcmp(verb, "BDAT") == 0) {
            guint64 last = 0;
            return field_uint(r, MT_F_SMTP_BDAT_LAST, &last) && last ? C_MESSAGE_END : C_DATA;
        }
        return C_OTHER;
    case MT_PROTO_POP3:
        if (strcmp(verb, "PASS") == 0 || strcmp(verb, "APOP") == 0 || strcmp(verb, "AUTH") == 0)
            /* a bare AUTH asks for the list of mechanisms */
            return strcmp(verb, "AUTH") != 0 || mt_rec_find(r, MT_F_AUTH_MECHANISM) ? C_LOGIN : C_OTHER;
        /* RSET takes back the deletions a student reads above it */
        if (strcmp(verb, "RETR") == 0 || strcmp(verb, "TOP") == 0 || strcmp(verb, "DELE") == 0
            || strcmp(verb, "RSET") == 0)
            return C_MESSAGE_OP;
        return C_OTHER;
    case MT_PROTO_IMAP:
        if (strcmp(verb, "LOGIN") == 0 || strcmp(verb, "AUTHENTICATE") == 0)
            return C_LOGIN;
        if (strcmp(verb, "APPEND") == 0 || g_str_has_suffix(verb, "FETCH") || g_str_has_suffix(verb, "STORE")
            || g_str_has_suffix(verb, "COPY") || g_str_has_suffix(verb, "MOVE")
            || g_str_has_suffix(verb, "EXPUNGE"))
            return C_MESSAGE_OP;
        return C_OTHER;
    default:
        return C_OTHER;
    }
}

/* Is v among the values already listed for this line? */
static gboolean
said_before(const GPtrArray *seen, const char *v)
{
    guint i;

    for (i = 0; seen && i < seen->len; i++) {
        if (strcmp((const char *)g_ptr_array_index(seen, i), v) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Does text show v, as a whole: not inside a longer word or number (the
 * "1" of "MIME-Version: 1.0" is a word, that of "boundary_42x1" is not)?
 * nocase: in any case (a value upper-cased from the line). */
static gboolean
text_shows(const char *text, const char *v, gboolean nocase)
{
    gsize n = strlen(v), i;

    if (n == 0)
        return FALSE;
    for (i = 0; text[i]; i++) {
        const char *p = text + i;
        gboolean open, close;

        if (nocase ? g_ascii_strncasecmp(p, v, n) != 0 : strncmp(p, v, n) != 0)
            continue;
        open = i == 0 || !g_ascii_isalnum(p[-1]) || !g_ascii_isalnum(v[0]);
        close = p[n] == '\0' || !g_ascii_isalnum(p[n]) || !g_ascii_isalnum(v[n - 1]);
        if (open && close)
            return TRUE;
    }
    return FALSE;
}

/* Does the line show the item's value already? A value taken from the line
 * does, if the shown line (cut, made printable) still has it; a value made
 * otherwise only if it is a word of three characters or more there: a
 * number or a letter that happens to be in the line ("1" in "1.0", "n" in
 * Base64) is not the fact the item tells. */
static gboolean
line_shows(const char *raw, const mt_item *it, const char *v)
{
    if (it->vkind == MT_V_BOOL || it->vkind == MT_V_UINT)
        return FALSE;
    if ((it->vkind == MT_V_BYTES || it->vkind == MT_V_BYTES_UP) && it->src == MT_SRC_LINE)
        return text_shows(raw, v, it->vkind == MT_V_BYTES_UP);
    return strlen(v) >= 3 && text_shows(raw, v, FALSE);
}

/* "Label: value" of the items a reader may not know (decoded logins, MIME
 * parts), of user names and of what a terminal showed of a line typed with
 * backspaces, unless the line shows the value already (or an earlier item
 * of the line gave the same text: "Decoded: Username:" after "Challenge:
 * Username:" says nothing new; numbers of different items are different
 * facts, "MIME part: 1" and "Nesting depth: 1"). A MIME part's number is
 * not repeated where the meaning names it ("part 1.1 header field ..."),
 * and its depth is told on the part's own line only. */
/* An RFC 2047 encoded word in one line: its decoded text, then its
 * charset and encoding, "测试邮件 (gb2312, B)"; NULL if it was not
 * decoded. Told apart, each word's charset would be left out where the
 * line shows it, and stand beside the wrong word. */
static char *
encoded_word_value(const mt_record *r, guint w, const mt_walk_line *ln)
{
    char *decoded = NULL, *charset = NULL, *enc = NULL, *v = NULL;
    guint i;

    for (i = w + 1; i < r->n_items; i++) {
        const mt_item *it = &r->items[i];

        if (it->parent != (gint)w)
            continue;
        if (it->field == MT_F_MIME_EW_DECODED && decoded == NULL)
            decoded = item_value(r, it, ln);
        else if (it->field == MT_F_MIME_CHARSET && charset == NULL)
            charset = item_value(r, it, ln);
        else if (it->field == MT_F_MIME_EW_ENCODING && enc == NULL)
            enc = item_value(r, it, ln);
    }
    if (decoded)
        v = charset && enc ? g_strdup_printf("%s (%s, %s)", decoded, charset, enc) : g_strdup(decoded);
    g_free(decoded);
    g_free(charset);
    g_free(enc);
    return v;
}

static GPtrArray *
extras_of(const mt_record *r, const mt_walk_line *ln, const char *raw, const char *meaning)
{
    GPtrArray *out = NULL, *seen = NULL;
    guint i;

    for (i = 0; i < r->n_items; i++) {
        const mt_item *it = &r->items[i];
        mt_field shown_as;
        char *v;

        /* the outcome and the links between credentials and reply are in
         * the reply's meaning and the summary; on the credentials' frame
         * they exist only after a second pass, and the walkthrough prints
         * the same with -2 or without */
        if (it->field == MT_F_NONE || it->field >= MT_F_COUNT || it->field == MT_F_AUTH_MECHANISM
            || it->field == MT_F_AUTH_RESULT || it->field == MT_F_AUTH_RESULT_IN
            || it->field == MT_F_AUTH_CREDENTIALS_IN)
            continue;
        /* only the facts that have a walkthrough label: a login's, a
         * message's, and what a terminal showed */
        if (walk_label[it->field].en == NULL)
            continue;
        /* a boundary line's meaning says which part starts or which
         * multipart ends, with its number of parts */
        if (it->field == MT_F_MIME_DELIMITER
            || (it->field == MT_F_MIME_PART_COUNT && mt_rec_find(r, MT_F_MIME_DELIMITER)))
            continue;
        /* an encoded word is told whole, as its "Decoded" line */
        if (it->parent >= 0 && it->parent < (gint)r->n_items
            && r->items[it->parent].field == MT_F_MIME_ENCODED_WORD)
            continue;
        shown_as = it->field == MT_F_MIME_ENCODED_WORD ? MT_F_MIME_EW_DECODED : it->field;
        v = it->field == MT_F_MIME_ENCODED_WORD ? encoded_word_value(r, i, ln) : item_value(r, it, ln);
        /* the user name "student" under "n=student (user name)" and the
         * proof under "p=... (client proof)" would say it again */
        if (v && it->parent >= 0 && it->parent < (gint)r->n_items
            && r->items[it->parent].field == MT_F_AUTH_ATTRIBUTE && mt_item_meaning(&r->items[it->parent])) {
            char *attr = item_value(r, &r->items[it->parent], ln);
            gboolean same = attr && strlen(attr) >= 2 && attr[1] == '=' && strcmp(attr + 2, v) == 0;

            g_free(attr);
            if (same) {
                g_free(v);
                continue;
            }
        }
        /* an attribute with what it is: "n=student (user name)" */
        if (v && it->field == MT_F_AUTH_ATTRIBUTE && mt_item_meaning(it)) {
            char *named = g_strdup_printf("%s (%s)", v, text_of(mt_item_meaning(it)));
            g_free(v);
            v = named;
        }
        /* a yes/no is about the part it is nested under: "Same as the
         * envelope: no (nosuchuser@example.test)" */
        if (v && it->vkind == MT_V_BOOL && it->parent >= 0 && it->parent < (gint)r->n_items) {
            char *about = item_value(r, &r->items[it->parent], ln);
            if (about && *about) {
                char *both = g_strdup_printf("%s (%s)", v, about);
                g_free(v);
                v = both;
            }
            g_free(about);
        }
        /* what the line shows already is not repeated; a yes/no is never
         * "shown" by a line that happens to hold its text ("no" in "Nobody") */
        if (v == NULL || *v == '\0' || line_shows(raw, it, v)
            || (it->vkind != MT_V_UINT && said_before(seen, v))
            || (it->field == MT_F_MIME_PART && meaning && text_shows(meaning, v, FALSE))
            || (it->field == MT_F_MIME_DEPTH && r->kind != MT_R_MIME_PART)) {
            g_free(v);
            continue;
        }
        if (it->vkind != MT_V_UINT) {
            if (seen == NULL)
                seen = g_ptr_array_new_with_free_func(g_free);
            g_ptr_array_add(seen, g_strdup(v));
        }
        if (out == NULL)
            out = g_ptr_array_new_with_free_func(g_free);
        if (out->len >= MT_WALK_EXTRAS_MAX) {
            g_ptr_array_add(out, g_strdup("..."));
            g_free(v);
            break;
        }
        {
            char *shown = printable((const guint8 *)v, strlen(v), MT_WALK_RAW_MAX);
            /* TRANSLATORS: a label and its value under a walkthrough line */
            g_ptr_array_add(out, g_strdup_printf(WF("%s: %s"), text_of(&walk_label[shown_as]), shown));
            g_free(shown);
        }
        g_free(v);
    }
    if (seen)
        g_ptr_array_free(seen, TRUE);
    return out;
}

/* Does an IMAP FETCH line (upper-cased) ask for message text: BODY[...],
 * BODY.PEEK[...], BINARY[...], RFC822 or RFC822.TEXT (RFC 9051 §6.4.5,
 * RFC 3501 §6.4.5)? Not RFC822.SIZE, RFC822.HEADER, ENVELOPE or FLAGS. */
static gboolean
fetches_text(const char *line)
{
    const char *p;

    if (strstr(line, "BODY[") || strstr(line, "BODY.PEEK[") || strstr(line, "BINARY[")
        || strstr(line, "BINARY.PEEK[") || strstr(line, "RFC822.TEXT"))
        return TRUE;
    for (p = strstr(line, "RFC822"); p; p = strstr(p + 6, "RFC822")) {
        if (p[6] != '.' && !g_ascii_isalnum(p[6]))
            return TRUE;
    }
    return FALSE;
}

/* Does this line of message text (a run of lines, a literal) mark a part
 * as an attachment: "Content-Disposition: attachment" (RFC 2183 §2.2), as
 * a header field line or in raw text, or an item of mailteach.mime.*
 * whose value is "attachment"? */
static gboolean
has_attachment(const mt_record *r, const mt_walk_line *ln)
{
    static const char needle[] = "content-disposition:";
    gsize i, n = G_N_ELEMENTS(needle) - 1;
    guint k;
    char *name = field_value(r, ln, MT_F_MIME_HEADER_NAME);

    if (name) {
        gboolean cd = g_ascii_strcasecmp(name, "Content-Disposition") == 0;
        char *v = cd ? field_value(r, ln, MT_F_MIME_HEADER_VALUE) : NULL;
        gboolean yes = v && g_ascii_strncasecmp(g_strchug(v), "attachment", 10) == 0
                       && (v[10] == '\0' || v[10] == ';' || g_ascii_isspace(v[10]));

        g_free(name);
        g_free(v);
        if (yes)
            return TRUE;
    }

    for (k = 0; k < r->n_items; k++) {
        const mt_item *it = &r->items[k];
        char *v;
        gboolean yes;
        if (it->field == MT_F_NONE || it->field >= MT_F_COUNT
            || !g_str_has_prefix(field_abbrev[it->field], "mailteach.mime."))
            continue;
        v = item_value(r, it, ln);
        yes = v && g_ascii_strcasecmp(v, "attachment") == 0;
        g_free(v);
        if (yes)
            return TRUE;
    }
    /* raw octets the server sends are IMAP literals: a section such as
     * BODY[2.MIME] holds a part's header, not the attachment */
    if ((r->kind != MT_R_MESSAGE && r->kind != MT_R_RAW) || ln->p == NULL
        || (r->kind == MT_R_RAW && r->dir == MT_DIR_SERVER))
        return FALSE;
    for (i = 0; i + n <= ln->len; i++) {
        gsize j = i + n;
        if ((i > 0 && ln->p[i - 1] != '\n') || g_ascii_strncasecmp((const char *)ln->p + i, needle, n) != 0)
            continue;
        while (j < ln->len && (ln->p[j] == ' ' || ln->p[j] == '\t'))
            j++;
        if (j + 10 <= ln->len && g_ascii_strncasecmp((const char *)ln->p + j, "attachment", 10) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Statistics ticks of one line: paths such as "Commands/SMTP/EHLO", the
 * parts separated by MT_SEP (texts may hold "/"). */
#define MT_SEP "\x1f"
typedef void (*mt_tick_fn)(void *ctx, const char *path);

static void
tick(mt_tick_fn fn, void *ctx, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
tick(mt_tick_fn fn, void *ctx, const char *fmt, ...)
{
    va_list ap;
    char *path;

    if (fn == NULL)
        return;
    va_start(ap, fmt);
    path = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fn(ctx, path);
    g_free(path);
}

/* ---- worksheet questions ---- */

/* Each kind of question is asked once a session, about the first line
 * that allows it; the answer comes from what mailteach says of the line. */
typedef enum {
    Q_GREETING = 0, Q_HELLO, Q_MULTILINE, Q_SIZE, Q_CHALLENGE, Q_B64ANSWER, Q_LOGIN, Q_SENDER,
    Q_RCPT, Q_GOAHEAD, Q_DOT, Q_QUEUED, Q_STAT, Q_TAG, Q_FAIL, Q_QUIT, Q_LITERAL, Q_REQUIRED
} mt_question;

static gboolean
ask(mt_wsess *s, mt_question q)
{
    if (s->questions == NULL || (s->asked & (1u << q)))
        return FALSE;
    s->asked |= 1u << q;
    return TRUE;
}

static void
question(mt_wsess *s, char *q, char *a)
{
    g_ptr_array_add(s->questions, q);
    g_ptr_array_add(s->answers, a);
}

/* The text of a line if it is Base64 that decodes to text (NULs shown as
 * \x00, as the PLAIN mechanism has them); else NULL. */
static char *
base64_text(const char *t)
{
    gsize n = t ? strlen(t) : 0, i, pad = 0, out_len = 0;
    guchar *bin;
    char *shown = NULL;

    if (n == 0 || n % 4 != 0 || n > 400)
        return NULL;
    for (i = 0; i < n; i++) {
        char c = t[i];
        if (c == '=' && i >= n - 2) {
            pad++;
            continue;
        }
        if (pad || !(g_ascii_isalnum(c) || c == '+' || c == '/'))
            return NULL;
    }
    bin = g_base64_decode(t, &out_len);
    if (bin && out_len > 0) {
        /* text: UTF-8 with no control character but NUL */
        gboolean ok = TRUE;
        gsize k = 0;
        while (ok && k < out_len) {
            gunichar c = bin[k] == 0 ? 0 : g_utf8_get_char_validated((const char *)bin + k,
                                                                     (gssize)(out_len - k));
            if (c == (gunichar)-1 || c == (gunichar)-2 || (c != 0 && c < 0x20) || c == 0x7f)
                ok = FALSE;
            else
                k += c == 0 ? 1 : (gsize)(g_utf8_next_char((const char *)bin + k) - ((const char *)bin + k));
        }
        if (ok)
            shown = printable(bin, out_len, MT_WALK_RAW_MAX);
    }
    g_free(bin);
    return shown;
}

/* A reply that ends a login the client cancelled with "*": the core marks
 * its result so (SMTP 501, POP3 -ERR, IMAP BAD are what the RFCs ask). */
static gboolean
confirms_cancel(const mt_record *r)
{
    const mt_item *it = mt_rec_find(r, MT_F_AUTH_RESULT);

    return it && it->vkind == MT_V_CSTR && it->v.cstr && strcmp(it->v.cstr, "cancelled") == 0;
}

/* The header of a message the client sends: From: and Date: are noted,
 * and the empty line that ends it asks whether the two fields RFC 5322
 * requires are there. A part's header (it has a part number) is not the
 * message's. */
static gboolean
ask_required_fields(mt_wsess *s, const mt_record *r, const mt_walk_line *ln)
{
    const char *why = "RFC 5322 §3.6";
    char *name;

    if (r->proto != MT_PROTO_SMTP || r->dir != MT_DIR_CLIENT)
        return FALSE;
    /* a message that ended inside its header leaves nothing to the next */
    if (mt_rec_find(r, MT_F_DATA_END)) {
        s->hdr_from = s->hdr_date = FALSE;
        return FALSE;
    }
    if (mt_rec_find(r, MT_F_MIME_PART))
        return FALSE;
    if ((name = field_value(r, ln, MT_F_MIME_HEADER_NAME)) != NULL) {
        if (g_ascii_strcasecmp(name, "From") == 0)
            s->hdr_from = TRUE;
        else if (g_ascii_strcasecmp(name, "Date") == 0)
            s->hdr_date = TRUE;
        g_free(name);
        return FALSE;
    }
    if (mt_rec_find(r, MT_F_DATA_HEADER_END) == NULL)
        return FALSE;
    /* a message whose start is not in the capture (no DATA or BDAT seen)
     * may have had both before it: not a question the capture answers */
    if (s->data_seen && ask(s, Q_REQUIRED))
        question(s, g_strdup_printf(WF("Frame %u: an empty line ends the header section of the message. Which "
                                       "header fields must every message have, and are they in this one?"),
                                    r->frame),
                 s->hdr_from && s->hdr_date
                 ? g_strdup_printf(WF("Date: and From:, the only required fields (%s); this message has both."), why)
                 : s->hdr_from
                 ? g_strdup_printf(WF("Date: and From:, the only required fields (%s); this message has From: "
                                      "but no Date:. A submission server may add Date: (RFC 6409 §8.2)."), why)
                 : s->hdr_date
                 ? g_strdup_printf(WF("Date: and From:, the only required fields (%s); this message has Date: "
                                      "but no From:."), why)
                 : g_strdup_printf(WF("Date: and From:, the only required fields (%s); this message has "
                                      "neither. A submission server may add Date: (RFC 6409 §8.2)."), why));
    s->hdr_from = s->hdr_date = FALSE;
    return TRUE;
}

static void
ask_about(mt_wsess *s, const mt_record *r, const mt_walk_line *ln, const char *raw, const char *meaning,
          const char *verb, const mt_reply *rep)
{
    guint64 u = 0;
    char *v, *d;

    if (ask_required_fields(s, r, ln))
        return;

    if (r->dir == MT_DIR_SERVER && r->req_frame == 0 && s->greeting_frame == r->frame
        && r->kind == MT_R_REPLY && ask(s, Q_GREETING)) {
        question(s, g_strdup_printf(WF("Frame %u carries \"%s\". Who sends it, and what does it tell the client?"),
                                    r->frame, raw),
                 g_strdup_printf(WF("The server, first, before the client says anything: %s."), meaning));
        return;
    }
    if (verb && (strcmp(verb, "EHLO") == 0 || strcmp(verb, "HELO") == 0) && ask(s, Q_HELLO)) {
        question(s, g_strdup_printf(WF("Frame %u carries \"%s\". What does the client do with it?"), r->frame, raw),
                 g_strdup_printf(WF("The client: %s (RFC 5321 §4.1.1.1)."), meaning));
        return;
    }
    /* asked at the last line of a multi-line reply, once all its lines
     * are known to carry the same code */
    if (r->proto == MT_PROTO_SMTP && rep->class_name && field_uint(r, MT_F_SMTP_REPLY_CONTINUES, &u)) {
        if (s->ml_frame == 0 && u) {
            s->ml_frame = r->frame;
            s->ml_bad = FALSE;
        }
        if (mt_rec_has_anomaly(r, MT_A_SMTP_MULTILINE_MISMATCH))
            s->ml_bad = TRUE;
    }
    if (rep->final && s->ml_frame != 0) {
        guint32 first = s->ml_frame;

        s->ml_frame = 0;
        if (!s->ml_bad && r->proto == MT_PROTO_SMTP && ask(s, Q_MULTILINE)) {
            question(s, g_strdup_printf(WF("The reply in frame %u has several lines: each but the last starts with "
                                       "\"%03llu-\", the last with \"%03llu \". Why?"),
                                    first, (unsigned long long)rep->code, (unsigned long long)rep->code),
                 g_strdup(WT("A hyphen after the code says that more lines of the same reply follow; a space "
                             "after it marks the last line (RFC 5321 §4.2.1).")));
            return;
        }
    }
    if (mt_rec_find(r, MT_F_SMTP_EHLO_SIZE) && ask(s, Q_SIZE)) {
        question(s, g_strdup_printf(WF("Frame %u holds the line \"%s\". What does it tell the client?"), r->frame, raw),
                 g_strdup_printf(WF("The server %s (RFC 1870)."), meaning));
        return;
    }
    if (r->dir == MT_DIR_SERVER && rep->kind == R_MORE) {
        const char *rfc = r->proto == MT_PROTO_SMTP ? "RFC 4954 §4"
                          : r->proto == MT_PROTO_POP3 ? "RFC 5034 §4" : "RFC 9051 §6.2.2";
        v = field_value(r, ln, r->proto == MT_PROTO_SMTP ? MT_F_SMTP_REPLY_TEXT
                               : r->proto == MT_PROTO_POP3 ? MT_F_POP3_RESPONSE_TEXT : MT_F_IMAP_CONTINUATION);
        d = base64_text(v);
        g_free(v);
        if (d && ask(s, Q_CHALLENGE)) {
            question(s, g_strdup_printf(WF("Frame %u carries \"%s\". What does the server ask for, and how is it "
                                           "encoded?"), r->frame, raw),
                     g_strdup_printf(WF("\"%s\", encoded in Base64 (%s)."), d, rfc));
            g_free(d);
            return;
        }
        g_free(d);
    }
    if (r->dir == MT_DIR_CLIENT && r->kind == MT_R_CONTINUATION) {
        char *line = ln->p ? g_strndup((const char *)ln->p, ln->len) : NULL;
        d = base64_text(line);
        if (d && ask(s, Q_B64ANSWER)) {
            gboolean plain = strstr(d, "\\x00") && s->mechanism && strstr(s->mechanism, "PLAIN");
            /* challenge-response: what anyone decodes is not the password */
            const char *mech = s->mechanism ? strrchr(s->mechanism, ' ') : NULL;    /* "AUTH CRAM-MD5" */
            gboolean cram = mech && g_ascii_strcasecmp(mech + 1, "CRAM-MD5") == 0;
            gboolean scram = mech && g_ascii_strncasecmp(mech + 1, "SCRAM-", 6) == 0;
            question(s, g_strdup_printf(WF("Frame %u carries \"%s\". What does it decode to, and who can read it?"),
                                        r->frame, raw),
                     cram
                     ? g_strdup_printf(WF("\"%s\", in Base64: the user name and an HMAC-MD5 digest computed from "
                                          "the password and the server's challenge (RFC 2195 §2). Anyone who "
                                          "captures the line can decode it. The password is not in it, but without "
                                          "TLS an eavesdropper can keep the exchange and test guessed passwords "
                                          "offline."), d)
                     : scram
                     ? g_strdup_printf(WF("\"%s\", in Base64 (RFC 5802 §5). Anyone who captures the line can "
                                          "decode it. SCRAM never sends the password: its messages hold the user "
                                          "name, nonces, the salt and a proof computed from the password, but "
                                          "without TLS an eavesdropper can keep the exchange and test guessed "
                                          "passwords offline (RFC 5802 §9)."), d)
                     : plain
                     ? g_strdup_printf(WF("\"%s\", in Base64. Base64 is an encoding, not encryption: anyone who "
                                          "captures the line can decode it. With PLAIN the NUL bytes (\\x00) "
                                          "separate the authorization identity (empty when the line starts with "
                                          "one), the user name and the password (RFC 4616 §2)."), d)
                     : g_strdup_printf(WF("\"%s\", in Base64. Base64 is an encoding, not encryption: anyone who "
                                          "captures the line can decode it."), d));
        }
        g_free(line);
        g_free(d);
        return;
    }
    /* MAIL FROM and RCPT TO are asked about when the server accepts them
     * (envelope_accepted()): a refused address is not the envelope's */
    if (mt_rec_find(r, MT_F_SMTP_MAIL_FROM) || mt_rec_find(r, MT_F_SMTP_RCPT_TO))
        return;
    if (rep->code == 354 && ask(s, Q_GOAHEAD)) {
        question(s, g_strdup_printf(WF("What does \"%s\" in frame %u ask the client to do?"), raw, r->frame),
                 g_strdup_printf(WF("%s (RFC 5321 §4.1.1.4)."), meaning));
        return;
    }
    if (r->dir == MT_DIR_CLIENT && field_uint(r, MT_F_DATA_END, &u) && u && ask(s, Q_DOT)) {
        question(s, g_strdup_printf(WF("Frame %u holds a line with only \".\". What does it mean?"), r->frame),
                 g_strdup_printf(WF("%s (RFC 5321 §4.1.1.4)."), meaning));
        return;
    }
    if (mt_rec_find(r, MT_F_POP3_MESSAGES) && ask(s, Q_STAT)) {
        question(s, g_strdup_printf(WF("Frame %u carries \"%s\". How many messages are in the maildrop, and how "
                                       "large are they in all?"), r->frame, raw),
                 g_strdup_printf(WF("%s (RFC 1939 §5, STAT)."), meaning));
        return;
    }
    if (r->proto == MT_PROTO_IMAP && r->dir == MT_DIR_CLIENT && field_uint(r, MT_F_IMAP_LITERAL_SIZE, &u)
        && ask(s, Q_LITERAL)) {
        guint64 nonsync = 0;
        field_uint(r, MT_F_IMAP_LITERAL_NONSYNC, &nonsync);
        /* "+": the mark of a non-synchronizing literal, not a word */
        question(s, g_strdup_printf(WF("The line in frame %u ends with {%llu%s}. What follows it, "
                                       "and when may the client send it?"), r->frame, (unsigned long long)u,
                                    nonsync ? "+" : ""),
                 nonsync
                 ? g_strdup_printf(WF("A literal: exactly %llu octets, counted, not read as lines. "
                                      "With {n+} the client sends them at once, without waiting for the server "
                                      "(a non-synchronizing literal, RFC 7888 §3)."), (unsigned long long)u)
                 : g_strdup_printf(WF("A literal: exactly %llu octets, counted, not read as lines. "
                                      "With {n} the client must wait for the server's \"+\" continuation "
                                      "request before it sends them (RFC 9051 §4.3)."), (unsigned long long)u));
        return;
    }
    /* the login or the ending question asks about this reply already */
    if (s->told_frame != 0 && r->frame == s->told_frame && r->dir == MT_DIR_SERVER)
        return;
    if (r->proto == MT_PROTO_IMAP && rep->final && r->req_frame && rep->kind == R_OK && ask(s, Q_TAG)) {
        v = field_value(r, ln, MT_F_IMAP_TAG);
        question(s, g_strdup_printf(WF("Frame %u carries \"%s\". Which command does it answer, and how did that "
                                       "command go?"), r->frame, raw),
                 g_strdup_printf(WF("The command in frame %u, which has the same tag %s; %s (RFC 9051 §2.2.2)."),
                                 r->req_frame, v ? v : "", meaning));
        g_free(v);
        return;
    }
    /* a cancel the client asked for is no failure to explain */
    if (rep->kind == R_FAIL && rep->final && !confirms_cancel(r) && ask(s, Q_FAIL)) {
        question(s, g_strdup_printf(WF("Frame %u carries \"%s\". What went wrong?"), r->frame, raw),
                 s->client_warning && s->client_warning_frame == r->req_frame
                 ? g_strdup_printf(WF("%s. mailteach flags the command in frame %u: %s."), meaning, r->req_frame,
                                   s->client_warning)
                 : g_strdup_printf(WF("%s."), meaning));
        if (r->proto == MT_PROTO_IMAP && r->req_frame == 0 && mt_rec_has_anomaly(r, MT_A_IMAP_TAG_UNMATCHED)) {
            /* its command may still be under way: a slowly typed line */
            s->early_q_frame = r->frame;
            s->early_q_index = s->answers->len - 1;
            g_free(s->early_q_meaning);
            s->early_q_meaning = g_strdup(meaning);
        }
        return;
    }
}

/* The command of a failure asked about before its line was complete has
 * come: the answer names it, and what mailteach flags in it. */
static void
early_answer(mt_wsess *s, const mt_record *r, const mt_walk_line *ln)
{
    const char *flagged = NULL;
    char *tag;
    guint i;

    if (s->early_q_frame == 0 || r->dir != MT_DIR_CLIENT || r->resp_frame != s->early_q_frame
        || r->resp_frame >= r->frame || s->early_q_index >= s->answers->len)
        return;
    s->early_q_frame = 0;
    for (i = 0; i < r->n_anoms && flagged == NULL; i++) {
        const mt_anomaly_info *ai = mt_anomaly_get((mt_anomaly)r->anoms[i].id);
        if (ai && r->anoms[i].id < MT_A_COUNT && anomaly_group[r->anoms[i].id] != PI_SECURITY)
            flagged = text_of(&ai->text);
    }
    tag = field_value(r, ln, MT_F_IMAP_TAG);
    g_free(s->answers->pdata[s->early_q_index]);
    s->answers->pdata[s->early_q_index] = flagged
        ? g_strdup_printf(WF("%s. It answers the command tagged %s, whose line ends in frame %u: the server "
                             "refused it before the line was complete, as soon as it read what it could not "
                             "accept. mailteach flags that line: %s."),
                          s->early_q_meaning, tag ? tag : "", r->frame, flagged)
        : g_strdup_printf(WF("%s. It answers the command tagged %s, whose line ends in frame %u: the server "
                             "refused it before the line was complete, as soon as it read what it could not "
                             "accept."),
                          s->early_q_meaning, tag ? tag : "", r->frame);
    g_free(tag);
}

static void
login_done(mt_wsess *s, mt_pending *c, const mt_reply *rep, const char *meaning, guint32 frame,
           const char *raw, mt_tick_fn fn, void *ctx)
{
    const char *user = c->user ? c->user : s->user;
    /* in the summary's list of logins and in the statistics */
    const char *outcome = rep->kind == R_OK ? WT("succeeded")
                          : s->cancelled ? WT("cancelled by the client") : WT("failed");

    if (ask(s, Q_LOGIN)) {
        s->told_frame = frame;
        question(s, g_strdup_printf(WF("Did the login that starts in frame %u succeed? Which frame tells, and how?"),
                                    c->start_frame ? c->start_frame : c->frame),
                 rep->kind == R_OK
                 ? g_strdup_printf(WF("It succeeded: frame %u, \"%s\" (%s)."), frame, raw, meaning)
                 : s->cancelled
                 ? g_strdup_printf(WF("It did not succeed: the client cancelled it; the server confirms in frame %u, \"%s\" (%s)."),
                                   frame, raw, meaning)
                 : g_strdup_printf(WF("It failed: frame %u, \"%s\" (%s)."), frame, raw, meaning));
    }

    /* a cancel's confirmation: its meaning would repeat the outcome */
    const char *said = rep->kind != R_OK && s->cancelled ? raw : meaning;

    if (user)
        fact(s->logins, g_strdup_printf(WF("%s as %s: %s (frame %u: %s)"), c->what, user, outcome, frame,
                                        said));
    else
        fact(s->logins, g_strdup_printf(WF("%s: %s (frame %u: %s)"), c->what, outcome, frame, said));
    tick(fn, ctx, "Logins" MT_SEP "%s %s" MT_SEP "%s", proto_name(s->proto), s->mechanism ? s->mechanism : c->what, outcome);
    if (rep->kind == R_OK && s->login_ok == NULL) {
        s->login_ok = user ? g_strdup_printf(WF("%s as %s succeeded (frame %u)"), c->what, user, frame)
                           : g_strdup_printf(WF("%s succeeded (frame %u)"), c->what, frame);
        s->n_failed_before_ok = s->n_login_failed;
    } else if (rep->kind != R_OK)
        s->n_login_failed++;
    g_free(s->user);
    s->user = NULL;
    s->cancelled = FALSE;
}

/* A MAIL FROM or RCPT TO just queued: its address and its line in the
 * Sender or Recipients list go with the pending command. */
static void
envelope_pending(mt_wsess *s, const mt_record *r, const mt_walk_line *ln)
{
    mt_pending *c;
    char *v;
    gboolean rcpt = FALSE;
    GPtrArray *list;

    if ((v = field_value(r, ln, MT_F_SMTP_MAIL_FROM)) == NULL) {
        if ((v = field_value(r, ln, MT_F_SMTP_RCPT_TO)) == NULL)
            return;
        rcpt = TRUE;
    }
    if (s->pending->len == 0) {
        g_free(v);
        return;
    }
    c = (mt_pending *)g_ptr_array_index(s->pending, s->pending->len - 1);
    list = rcpt ? s->recipients : s->senders;
    c->addr = v;
    c->addr_rcpt = rcpt;
    c->fact_list = list;
    c->fact_index = list->len > 0 && list->len <= MT_WALK_FACTS_MAX ? (gint)list->len - 1 : -1;
}

/* The reply to a MAIL FROM or RCPT TO: a refused address is marked so in
 * the summary; an accepted one is what the worksheet asks about. */
static void
envelope_answered(mt_wsess *s, const mt_pending *c, const mt_reply *rep, const char *meaning,
                  guint32 frame)
{
    const char *v = c->addr;

    if (v == NULL)
        return;
    if (rep->kind != R_OK) {
        if (c->fact_index >= 0 && (guint)c->fact_index < c->fact_list->len) {
            char *old = (char *)g_ptr_array_index(c->fact_list, c->fact_index);
            c->fact_list->pdata[c->fact_index] =
                g_strdup_printf(WF("%s: refused in frame %u (%s)"), old, frame, meaning);
            g_free(old);
        }
        return;
    }
    if (!c->addr_rcpt) {
        if (ask(s, Q_SENDER))
            question(s, g_strdup_printf(WF("Frame %u: who is the sender of the message, as the envelope says? "
                                           "Must it be the From: header field of the message?"), c->frame),
                     g_strdup_printf(WF("%s, given with MAIL FROM: the reverse-path, which can be used to report "
                                        "errors (RFC 5321 §3.3). It belongs to the envelope, not to the message, "
                                        "and may differ from the From: header field."),
                                     *v ? v : WT("<> (none)")));
        return;
    }
    if (s->rcpt_q_addrs && s->rcpt_q_frame == c->frame && s->rcpt_q_index < s->answers->len) {
        /* another accepted recipient of the same (pipelined) frame; a
         * frame of thousands of RCPTs names the first ones */
        if (s->rcpt_q_n > MT_WALK_FACTS_MAX)
            return;
        g_string_append(s->rcpt_q_addrs, ", ");
        g_string_append(s->rcpt_q_addrs, s->rcpt_q_n++ < MT_WALK_FACTS_MAX ? v : "...");
        g_free(s->answers->pdata[s->rcpt_q_index]);
        s->answers->pdata[s->rcpt_q_index] =
            g_strdup_printf(WF("%s, named with RCPT TO (RFC 5321 §3.3)."), s->rcpt_q_addrs->str);
        return;
    }
    if (ask(s, Q_RCPT)) {
        question(s, g_strdup_printf(WF("Frame %u: to which mailbox does the client ask the server to deliver "
                                       "the message?"), c->frame),
                 g_strdup_printf(WF("%s, named with RCPT TO (RFC 5321 §3.3)."), v));
        s->rcpt_q_frame = c->frame;
        s->rcpt_q_index = s->answers->len - 1;
        s->rcpt_q_addrs = g_string_new(v);
        s->rcpt_q_n = 1;
    }
}

/* Does r go on the message whose text the transcript is counting? Its
 * header fields, notable lines and parts do, so that a message that came
 * in many segments reads as one count of its text, then its notable lines
 * in order, as one that came whole; its end ("." or the end of the data)
 * ends it. */
static gboolean
in_open_message(const mt_wsess *s, const mt_record *r)
{
    guint64 end = 0;

    if (s->open_message == NULL || s->open_message->dir != r->dir)
        return FALSE;
    if (r->kind == MT_R_MIME_PART)
        return TRUE;
    return r->kind == MT_R_MESSAGE_LINE && !(field_uint(r, MT_F_DATA_END, &end) && end);
}

/* Follow one line of a session: the transcript (keep_lines), the facts
 * of the summary, and the statistics ticks (fn). */
static void
follow(mt_wsess *s, const mt_record *r, const mt_walk_line *ln, gboolean keep_lines,
       mt_tick_fn fn, void *ctx)
{
    char *raw, *meaning, *verb, *v;
    mt_reply rep;
    guint i;

    if (r->kind == MT_R_PARTIAL)
        return;
    raw = shown_line(r, ln, MT_WALK_RAW_MAX);
    meaning = meaning_of(r);
    s->n_lines++;
    if (mt_rec_has_anomaly(r, MT_A_MIDSESSION))
        s->late = TRUE;
    if (r->dir == MT_DIR_SERVER && r->kind == MT_R_REPLY)
        s->server_replied = TRUE;

    /* the transcript: runs of message text fold into one line */
    if (keep_lines) {
        guint64 lines = 0;
        if (r->kind == MT_R_MESSAGE && s->open_message && s->open_message->dir == r->dir
            && field_uint(r, MT_F_DATA_LINES, &lines)) {
            s->open_message->message_lines += lines;
            g_free(s->open_message->raw);
            /* a run that goes on in later frames (lines typed one by one)
             * says which frames it spans */
            if (r->frame != s->open_message->frame)
                s->open_message->last_frame = r->frame;
            s->open_message->raw = s->open_message->last_frame
                ? message_text_span(s->open_message->message_lines, s->open_message->frame,
                                    s->open_message->last_frame)
                : message_text_count(s->open_message->message_lines);
            g_free(s->open_message->meaning);
            s->open_message->meaning = g_strdup_printf(WF("message text, %llu lines"),
                                                       (unsigned long long)s->open_message->message_lines);
        } else if (s->lines->len < MT_WALK_LINES_MAX) {
            mt_wline *w = g_new0(mt_wline, 1);
            w->frame = r->frame;
            w->dir = r->dir;
            w->raw = g_strdup(raw);
            w->meaning = g_strdup(meaning);
            w->extras = extras_of(r, ln, raw, meaning);
            w->literal = r->kind != MT_R_MESSAGE && r->kind != MT_R_RAW && r->kind != MT_R_MIME_PART
                         && ln->len > 0;
            if (r->kind == MT_R_MESSAGE && field_uint(r, MT_F_DATA_LINES, &lines)) {
                w->message_lines = lines;
                s->open_message = w;
            } else if (!in_open_message(s, r)) {
                s->open_message = NULL;
            }
            g_ptr_array_add(s->lines, w);
        } else {
            s->dropped++;
            s->open_message = NULL;
        }
    }

    /* user names, whatever line names them; "*" cancels a login */
    if (r->dir == MT_DIR_CLIENT && r->kind == MT_R_CONTINUATION && ln->len == 1 && ln->p[0] == '*') {
        s->cancelled = TRUE;
    }
    if (r->dir == MT_DIR_CLIENT) {
        v = field_value(r, ln, MT_F_AUTH_USERNAME);
        if (v) {
            g_free(s->user);
            s->user = v;
        }
    }

    /* an attachment in a message the client sends (RFC 2183 §2.2) */
    if (r->dir == MT_DIR_CLIENT && s->proto == MT_PROTO_SMTP && s->attachment_frame == 0
        && has_attachment(r, ln))
        s->attachment_frame = r->frame;
    /* IMAP APPEND stores a message in a mailbox: it sends it to no one */
    if (r->dir == MT_DIR_CLIENT && s->proto == MT_PROTO_IMAP && s->appended_attachment_frame == 0
        && has_attachment(r, ln))
        s->appended_attachment_frame = r->frame;
    if (r->dir == MT_DIR_SERVER && s->fetched_attachment_frame == 0 && has_attachment(r, ln))
        s->fetched_attachment_frame = r->frame;

    /* the message text: its size, and its end, whose verdict comes next */
    if (r->dir == MT_DIR_CLIENT && (r->kind == MT_R_MESSAGE_LINE || r->kind == MT_R_MESSAGE)) {
        guint64 end = 0, total = 0, octets = 0;
        if (field_uint(r, MT_F_DATA_END, &end) && end && s->proto == MT_PROTO_SMTP) {
            field_uint(r, MT_F_DATA_TOTAL_LINES, &total);
            field_uint(r, MT_F_DATA_TOTAL_OCTETS, &octets);
            s->n_messages++;
            if (s->data_seen)
                push_pending(s, r->frame, C_MESSAGE_END,
                             g_strdup_printf(WF("message %u (%llu lines, %llu octets, sent with DATA, frame %u)"),
                                             s->n_messages, (unsigned long long)total,
                                             (unsigned long long)octets, r->frame));
            else
                push_pending(s, r->frame, C_MESSAGE_END,
                             g_strdup_printf(WF("message %u (at least %llu lines, at least %llu octets: its "
                                                "start is not in the capture; frame %u)"),
                                             s->n_messages, (unsigned long long)total,
                                             (unsigned long long)octets, r->frame));
            s->data_seen = FALSE;
        }
    }

    /* client commands */
    verb = command_verb(r, ln);
    if (verb) {
        mt_cmd_kind kind = classify(s->proto, verb, r);
        s->client_spoke = TRUE;
        tick(fn, ctx, "Commands" MT_SEP "%s" MT_SEP "%s", proto_name(s->proto), verb);
        if (strcmp(verb, "DATA") == 0 || strcmp(verb, "BDAT") == 0)
            s->data_seen = TRUE;
        if (s->proto == MT_PROTO_POP3)
            s->user_frame = strcmp(verb, "USER") == 0 ? r->frame : strcmp(verb, "PASS") == 0 ? s->user_frame : 0;
        if (strcmp(verb, "EHLO") == 0 && s->ehlo_frame == 0)
            s->ehlo_frame = r->frame;
        if (strcmp(verb, "HELO") == 0 && s->helo_frame == 0)
            s->helo_frame = r->frame;
        if (s->proto == MT_PROTO_SMTP && (v = field_value(r, ln, MT_F_SMTP_HELLO_DOMAIN)) != NULL) {
            g_free(s->hello);
            s->hello = g_strdup_printf(WF("%s (%s, frame %u)"), v, verb, r->frame);
            g_free(v);
        }
        if (s->proto == MT_PROTO_SMTP && kind != C_MESSAGE_END && strcmp(verb, "BDAT") == 0) {
            guint64 size = 0;
            if (field_uint(r, MT_F_SMTP_BDAT_SIZE, &size)) {
                if (s->bdat_chunks == 0)
                    s->bdat_first = r->frame;
                s->bdat_octets += size;
                s->bdat_chunks++;
            }
        } else if (strcmp(verb, "MAIL") == 0 || strcmp(verb, "RSET") == 0) {
            s->bdat_octets = 0;     /* a new transaction, or none */
            s->bdat_chunks = 0;
        }
        if ((v = field_value(r, ln, MT_F_SMTP_MAIL_FROM)) != NULL)
            fact(s->senders, g_strdup_printf(WF("%s (frame %u)"), *v ? v : WT("<> (null sender)"), r->frame)),
                g_free(v);
        if ((v = field_value(r, ln, MT_F_SMTP_RCPT_TO)) != NULL)
            fact(s->recipients, g_strdup_printf(WF("%s (frame %u)"), v, r->frame)), g_free(v);
        if (kind == C_LOGIN) {
            const mt_item *mech = mt_rec_find(r, MT_F_AUTH_MECHANISM);
            char *m = mech ? item_value(r, mech, ln) : NULL;
            char *what;
            g_free(s->mechanism);
            s->mechanism = m ? g_strdup_printf("%s %s", verb, m) : g_strdup(verb);
            if (s->proto == MT_PROTO_POP3 && strcmp(verb, "PASS") == 0)
                what = g_strdup("USER/PASS");
            else
                what = g_strdup(s->mechanism);
            g_free(s->mechanism);
            s->mechanism = g_strdup(what);
            push_pending(s, r->frame, kind, what);
            if (s->proto == MT_PROTO_POP3 && strcmp(verb, "PASS") == 0 && s->user_frame) {
                ((mt_pending *)g_ptr_array_index(s->pending, s->pending->len - 1))->start_frame = s->user_frame;
                s->user_frame = 0;
            }
            g_free(m);
        } else if (kind == C_MESSAGE_END && s->proto == MT_PROTO_SMTP) {
            /* BDAT ... LAST: the message is all its chunks (RFC 3030 §2) */
            guint64 size = 0;
            field_uint(r, MT_F_SMTP_BDAT_SIZE, &size);
            s->n_messages++;
            if (s->bdat_chunks == 0)
                s->bdat_first = r->frame;
            s->bdat_octets += size;
            s->bdat_chunks++;
            push_pending(s, r->frame, C_MESSAGE_END,
                         s->bdat_chunks == 1
                         ? g_strdup_printf(WF("message %u (%llu octets in one BDAT chunk, frame %u)"),
                                           s->n_messages, (unsigned long long)s->bdat_octets, r->frame)
                         : g_strdup_printf(WF("message %u (%llu octets in %u BDAT chunks, frames %u to %u)"),
                                           s->n_messages, (unsigned long long)s->bdat_octets, s->bdat_chunks,
                                           s->bdat_first, r->frame));
            s->bdat_octets = 0;
            s->bdat_chunks = 0;
        } else {
            char *line = shown_line(r, ln, 40);
            push_pending(s, r->frame, kind, line);
            envelope_pending(s, r, ln);
            if (kind == C_MESSAGE_OP) {
                char *all = g_ascii_strup(ln->p ? (const char *)ln->p : "", ln->p ? (gssize)ln->len : 0);
                mt_pending *c = (mt_pending *)g_ptr_array_index(s->pending, s->pending->len - 1);
                c->fetch = strcmp(verb, "RETR") == 0 || strcmp(verb, "TOP") == 0
                           || (g_str_has_suffix(verb, "FETCH") && fetches_text(all));
                g_free(all);
            }
        }
    }

    /* server replies */
    read_reply(r, ln, &rep);
    if (r->dir == MT_DIR_SERVER && r->kind == MT_R_REPLY && !s->client_spoke && s->greeting == NULL
        && r->req_frame == 0) {
        s->greeting = g_strdup(raw);
        s->greeting_frame = r->frame;
    }
    if (rep.class_name && (rep.final || s->proto != MT_PROTO_SMTP))
        tick(fn, ctx, "Replies" MT_SEP "%s" MT_SEP "%s", proto_name(s->proto), rep.class_name);
    /* the server confirming a cancel the client asked for is no error */
    if (rep.kind == R_FAIL && (rep.final || s->proto != MT_PROTO_SMTP) && !confirms_cancel(r)) {
        fact(s->errors, g_strdup_printf(WF("frame %u: %s (%s)"), r->frame, raw, meaning));
        tick(fn, ctx, "Errors" MT_SEP "%s" MT_SEP "%s", proto_name(s->proto), rep.class_name);
    }
    if (rep.final && rep.kind == R_MORE && rep.code == 354) {
        /* DATA is answered; the message's verdict answers its end */
        mt_pending *c = take_pending(s, r->req_frame);
        if (c)
            pending_free(c);
    }
    if (rep.final && rep.kind != R_NONE && rep.kind != R_MORE) {
        mt_pending *c = take_pending(s, r->req_frame);
        if (c) {
            envelope_answered(s, c, &rep, meaning, r->frame);
            switch (c->kind) {
            case C_LOGIN:
                login_done(s, c, &rep, meaning, r->frame, raw, fn, ctx);
                break;
            case C_TLS:
                g_free(s->tls);
                s->tls = rep.kind == R_OK
                    ? g_strdup_printf(WF("yes: %s accepted in frame %u; what follows is encrypted "
                                         "(shown here only with the TLS keys)"), c->what, r->frame)
                    : g_strdup_printf(WF("no: %s refused in frame %u"), c->what, r->frame);
                if (rep.kind == R_OK && s->tls_frame == 0)
                    s->tls_frame = r->frame;
                break;
            case C_MESSAGE_END:
                fact(s->messages, g_strdup_printf(WF("%s: %s (frame %u)"), c->what, meaning, r->frame));
                tick(fn, ctx, "Messages" MT_SEP "%s" MT_SEP "%s", proto_name(s->proto),
                     rep.kind == R_OK ? WT("accepted") : WT("refused"));
                if (rep.kind == R_OK && ask(s, Q_QUEUED))
                    question(s, g_strdup_printf(WF("What became of the message, according to frame %u?"), r->frame),
                             g_strdup_printf(WF("%s (\"%s\")."), meaning, raw));
                if (rep.kind != R_OK)
                    s->n_sent_refused++;
                else if (s->sent_ok == NULL)
                    s->sent_ok = g_strdup_printf(WF("frame %u: %s"), r->frame, meaning);
                break;
            case C_MESSAGE_OP:
                fact(s->messages, g_strdup_printf(WF("%s (frame %u): %s (frame %u)"), c->what, c->frame,
                                                  meaning, r->frame));
                if (c->fetch && rep.kind == R_OK && s->fetched == NULL)
                    s->fetched = g_strdup_printf(WF("%s %s (frame %u), %s (frame %u)"), proto_name(s->proto),
                                                 c->what, c->frame, meaning, r->frame);
                break;
            case C_QUIT:
                g_free(s->ending);
                s->ending = g_strdup_printf(WF("the client ended it with %s (frame %u); the server answered "
                                               "\"%s\" (frame %u)"), c->what, c->frame, meaning, r->frame);
                if (rep.kind == R_OK)
                    s->quit_frame = r->frame;
                if (ask(s, Q_QUIT)) {
                    s->told_frame = r->frame;
                    question(s, g_strdup(WT("Who ends the session, and in which frames?")),
                             g_strdup_printf(WF("The client: %s (frame %u); the server answered \"%s\" "
                                                "(frame %u)."), c->what, c->frame, meaning, r->frame));
                }
                break;
            case C_DATA:
                if (rep.kind == R_FAIL)
                    fact(s->messages, g_strdup_printf(WF("%s (frame %u) refused: %s (frame %u)"), c->what,
                                                      c->frame, meaning, r->frame));
                break;
            default:
                break;
            }
            pending_free(c);
        }
    }
    if (s->questions) {
        ask_about(s, r, ln, raw, meaning, verb, &rep);
        early_answer(s, r, ln);
    }
    g_free(rep.class_name);

    /* a tagged response that came before its command's line was complete
     * (the server rejected the start of a slowly typed line) matched no
     * command when it came; the command has now come */
    if (r->dir == MT_DIR_CLIENT && s->unmatched_error && r->resp_frame == s->unmatched_frame
        && r->resp_frame < r->frame) {
        guint at;
        if (g_ptr_array_find(s->errors, s->unmatched_error, &at))
            g_ptr_array_remove_index(s->errors, at);
        s->unmatched_error = NULL;
    }

    /* what the server or client did wrong */
    for (i = 0; i < r->n_anoms; i++) {
        const mt_anomaly_info *ai = mt_anomaly_get((mt_anomaly)r->anoms[i].id);
        if (ai == NULL || r->anoms[i].id >= MT_A_COUNT || anomaly_severity[r->anoms[i].id] < PI_WARN
            || anomaly_group[r->anoms[i].id] == PI_RESPONSE_CODE)
            continue;
        fact(s->errors, g_strdup_printf(WF("frame %u: %s"), r->frame, text_of(&ai->text)));
        if (r->anoms[i].id == MT_A_IMAP_TAG_UNMATCHED && s->errors->len <= MT_WALK_FACTS_MAX) {
            s->unmatched_frame = r->frame;
            s->unmatched_error = g_ptr_array_index(s->errors, s->errors->len - 1);
        }
        /* a security warning (a password in clear text) says nothing about
         * why the server refused a command */
        if (r->dir == MT_DIR_CLIENT && anomaly_group[r->anoms[i].id] != PI_SECURITY) {
            g_free(s->client_warning);
            s->client_warning = g_strdup(text_of(&ai->text));
            s->client_warning_frame = r->frame;
        }
        tick(fn, ctx, "Problems flagged" MT_SEP "%s", text_of(&ai->text));
    }
    g_free(verb);
    g_free(raw);
    g_free(meaning);
}

static void
follow_tapinfo(mt_tracker *t, packet_info *pinfo, const mt_walk_tapinfo *ti, gboolean keep_lines,
               mt_tick_fn fn, void *ctx)
{
    mt_wsess *s = tracker_session(t, pinfo, ti->session);
    guint i;

    for (i = 0; i < ti->n; i++) {
        if (!s->counted && i == 0 && ti->session_start) {
            s->counted = TRUE;
            tick(fn, ctx, "Sessions" MT_SEP "%s", proto_name(s->proto));
        }
        follow(s, ti->recs[i], &ti->lines[i], keep_lines, fn, ctx);
    }
}

/* ---- the walkthrough ---- */

typedef struct {
    gboolean   markdown;
    char      *filter;
    mt_tracker tracker;
} mt_walk_listener;

static char *
start_time(const nstime_t *t)
{
    GDateTime *dt = g_date_time_new_from_unix_utc((gint64)t->secs);
    char *day, *out;

    if (dt == NULL)
        return g_strdup("?");
    day = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S");
    out = g_strdup_printf("%s.%03d UTC", day, t->nsecs / 1000000);
    g_free(day);
    g_date_time_unref(dt);
    return out;
}

static const char *
dir_mark(guint8 dir)
{
    return dir == MT_DIR_CLIENT ? "C:" : "S:";
}

/* Markdown: a table cell, with | and line-breaking characters escaped. */
static char *
md_cell(const char *s)
{
    GString *out = g_string_new(NULL);

    for (; *s; s++) {
        if (*s == '|')
            g_string_append(out, "\\|");
        else if (*s == '<')
            g_string_append(out, "&lt;");
        else if (*s == '>')
            g_string_append(out, "&gt;");
        else if (*s == '*' || *s == '_' || *s == '`' || *s == '\\' || *s == '[' || *s == ']')
            g_string_append_printf(out, "\\%c", *s);
        else
            g_string_append_c(out, *s);
    }
    return g_string_free(out, FALSE);
}

/* Markdown: a code span in a table cell, so that the line shows as sent. */
static char *
md_code(const char *s)
{
    GString *out = g_string_new(NULL);
    gboolean tick = strchr(s, '`') != NULL;

    g_string_append(out, tick ? "`` " : "`");
    for (; *s; s++) {
        if (*s == '|')
            g_string_append(out, "\\|");
        else
            g_string_append_c(out, *s);
    }
    g_string_append(out, tick ? " ``" : "`");
    return g_string_free(out, FALSE);
}

/* Markdown: what stands for a line (a count, "(empty line)"), in italics. */
static char *
md_italic(const char *s)
{
    char *cell = md_cell(s), *out = g_strdup_printf("_%s_", cell);

    g_free(cell);
    return out;
}

/* Mermaid: a message text, with what ends or breaks a statement escaped. */
static char *
mermaid_text(const char *s)
{
    GString *out = g_string_new(NULL);

    for (; *s; s++) {
        switch (*s) {
        case ';': g_string_append(out, "#59;"); break;
        case '#': g_string_append(out, "#35;"); break;
        case '<': g_string_append(out, "#lt;"); break;
        case '>': g_string_append(out, "#gt;"); break;
        case '%': g_string_append(out, "#37;"); break;
        case '{': g_string_append(out, "#123;"); break;
        case '}': g_string_append(out, "#125;"); break;
        default: g_string_append_c(out, *s);
        }
    }
    return g_string_free(out, FALSE);
}

/* Columns as a terminal shows them: a Chinese or Japanese character (East
 * Asian wide) takes two columns, a combining mark none. */
static glong
display_width(const char *s)
{
    glong w = 0;

    for (; *s; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        w += g_unichar_iswide(c) ? 2 : g_unichar_iszerowidth(c) ? 0 : 1;
    }
    return w;
}

/* s, then spaces up to width columns (right: spaces first). */
static void
print_padded(const char *s, glong width, gboolean right)
{
    glong w = display_width(s);
    int pad = w < width ? (int)(width - w) : 0;

    if (right)
        printf("%*s%s", pad, "", s);
    else
        printf("%s%*s", s, pad, "");
}

/* "  Label:            value", or "- **Label:** value" in Markdown. */
static void
print_kv(gboolean md, const char *label, const char *value)
{
    if (md) {
        char *v = md_cell(value);
        printf("- **%s:** %s\n", label, v);
        g_free(v);
    } else {
        char *l = g_strdup_printf("%s:", label);
        printf("  ");
        print_padded(l, 17, FALSE);
        printf(" %s\n", value);
        g_free(l);
    }
}

/* none: what to say when the list is empty (NULL: "none") */
static void
print_list_or(gboolean md, const char *label, const GPtrArray *list, const char *none)
{
    guint i;

    if (list->len <= 1) {
        print_kv(md, label, list->len ? (const char *)g_ptr_array_index(list, 0) : none ? none : WT("none"));
        return;
    }
    printf(md ? "- **%s:**\n" : "  %s:\n", label);
    for (i = 0; i < list->len; i++) {
        char *v = md ? md_cell((const char *)g_ptr_array_index(list, i))
                     : g_strdup((const char *)g_ptr_array_index(list, i));
        printf(md ? "  - %s\n" : "    - %s\n", v);
        g_free(v);
    }
}

static void
print_list(gboolean md, const char *label, const GPtrArray *list)
{
    print_list_or(md, label, list, NULL);
}

static void
print_summary(const mt_wsess *s, gboolean md)
{
    char *v;
    /* what an empty fact means: nothing happened, or nothing could be seen */
    char *noproto = g_strdup_printf(WF("unknown: no valid %s reply line in this session"),
                                    proto_name(s->proto));
    /* facts from before the capture started are unknown, not absent */
    const char *unseen = s->server_replied && s->late ? WT("none in the capture (it starts inside the session)")
                         : NULL;

    if (md) {
        printf("\n### ");
        printf(WF("Summary of session %u"), s->index);
        printf("\n\n");
    } else {
        printf("\n  ");
        printf(WF("Summary of session %u (%s)"), s->index, proto_name(s->proto));
        printf("\n");
    }
    if (s->greeting) {
        v = g_strdup_printf(WF("%s (frame %u)"), s->greeting, s->greeting_frame);
        print_kv(md, WT("Server greeting"), v);
        g_free(v);
    } else if (!s->server_replied) {
        print_kv(md, WT("Server greeting"), noproto);
    } else {
        print_kv(md, WT("Server greeting"), WT("not in the capture (it started after the greeting)"));
    }
    if (s->proto == MT_PROTO_SMTP)
        print_kv(md, WT("Client name"), s->hello ? s->hello : unseen ? unseen : WT("none given (no EHLO or HELO)"));
    if (s->tls)
        print_kv(md, WT("TLS"), s->tls);
    else if (!s->server_replied)
        print_kv(md, WT("TLS"), noproto);
    else if (s->late)
        print_kv(md, WT("TLS"), WT("no: clear text from where the capture starts"));
    else
        print_kv(md, WT("TLS"), WT("no: the whole session went in clear text"));
    print_list_or(md, WT("Login"), s->logins, unseen);
    if (s->proto == MT_PROTO_SMTP) {
        print_list_or(md, WT("Sender"), s->senders, unseen);
        print_list_or(md, WT("Recipients"), s->recipients, unseen);
    }
    print_list(md, WT("Messages"), s->messages);
    print_list(md, WT("Errors"), s->errors);
    print_kv(md, WT("End"), s->ending ? s->ending : WT("no QUIT or LOGOUT answered in the capture"));
    g_free(noproto);
}

static void
print_session_plain(const mt_wsess *s)
{
    char *when = start_time(&s->start);
    guint i, j;

    printf("\n");
    printf(WF("Session %u: %s, client %s port %u, server %s port %u, started %s"),
           s->index, proto_name(s->proto), s->client, s->client_port, s->server, s->server_port, when);
    printf("\n");
    printf("%s\n", "------------------------------------------------------------------------------");
    print_padded(WT("Frame"), 5, TRUE);
    printf("  ");
    print_padded(WT("Line"), MT_WALK_RAW_PAD, FALSE);
    printf("  %s\n", WT("Meaning"));
    for (i = 0; i < s->lines->len; i++) {
        const mt_wline *w = (const mt_wline *)g_ptr_array_index(s->lines, i);
        char *line = g_strdup_printf("%s %s", dir_mark(w->dir), w->raw);
        printf("%5u  ", w->frame);
        print_padded(line, MT_WALK_RAW_PAD, FALSE);
        printf("  %s\n", w->meaning);
        for (j = 0; w->extras && j < w->extras->len; j++)
            printf("%5s     %s\n", "", (const char *)g_ptr_array_index(w->extras, j));
        g_free(line);
    }
    if (s->dropped) {
        printf("%5s  ", "");
        printf(WF("... %u more lines not shown"), s->dropped);
        printf("\n");
    }
    print_summary(s, FALSE);
    g_free(when);
}

static void
print_session_md(const mt_wsess *s)
{
    char *when = start_time(&s->start);
    guint i, j, arrows = 0;

    printf("\n## ");
    printf(WF("Session %u: %s"), s->index, proto_name(s->proto));
    printf("\n\n- **%s:** ", WT("Client"));
    printf(WF("%s port %u"), s->client, s->client_port);
    printf("\n- **%s:** ", WT("Server"));
    printf(WF("%s port %u"), s->server, s->server_port);
    printf("\n- **%s:** %s\n\n", WT("Started"), when);
    printf("| %s | | %s | %s |\n|---:|---|---|---|\n", WT("Frame"), WT("Line"), WT("Meaning"));
    for (i = 0; i < s->lines->len; i++) {
        const mt_wline *w = (const mt_wline *)g_ptr_array_index(s->lines, i);
        char *raw = w->literal ? md_code(w->raw) : md_italic(w->raw), *meaning = md_cell(w->meaning);
        printf("| %u | %s | %s | %s", w->frame, dir_mark(w->dir), raw, meaning);
        for (j = 0; w->extras && j < w->extras->len; j++) {
            char *e = md_cell((const char *)g_ptr_array_index(w->extras, j));
            printf("<br>%s", e);
            g_free(e);
        }
        printf(" |\n");
        g_free(raw);
        g_free(meaning);
    }
    if (s->dropped) {
        printf("| | | ");
        printf(WF("... %u more lines not shown"), s->dropped);
        printf(" | |\n");
    }

    printf("\n```mermaid\nsequenceDiagram\n");
    /* the names Mermaid shows for the two participants */
    printf("    participant C as ");
    printf(WF("Client %s port %u"), s->client, s->client_port);
    printf("\n    participant S as ");
    printf(WF("Server %s port %u"), s->server, s->server_port);
    printf("\n");
    for (i = 0; i < s->lines->len; i++) {
        const mt_wline *w = (const mt_wline *)g_ptr_array_index(s->lines, i);
        char *raw, *meaning;
        if (arrows++ >= MT_WALK_MERMAID_MAX) {
            char *more = g_strdup_printf(WF("%u more lines, see the table"), s->lines->len - i);
            char *note = mermaid_text(more);
            printf("    Note over C,S: %s\n", note);
            g_free(note);
            g_free(more);
            break;
        }
        raw = mermaid_text(w->raw);
        meaning = mermaid_text(w->meaning);
        printf("    %s: %u: %s (%s)\n", w->dir == MT_DIR_CLIENT ? "C->>S" : "S->>C", w->frame, raw, meaning);
        g_free(raw);
        g_free(meaning);
    }
    printf("```\n");
    print_summary(s, TRUE);
    g_free(when);
}

static void
walk_reset(void *tapdata)
{
    mt_walk_listener *l = (mt_walk_listener *)tapdata;

    tracker_clear(&l->tracker);
    tracker_init(&l->tracker);
}

static tap_packet_status
walk_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
            tap_flags_t flags _U_)
{
    mt_walk_listener *l = (mt_walk_listener *)tapdata;

    if (data == NULL)
        return TAP_PACKET_DONT_REDRAW;
    follow_tapinfo(&l->tracker, pinfo, (const mt_walk_tapinfo *)data, TRUE, NULL, NULL);
    return TAP_PACKET_REDRAW;
}

static void
walk_draw(void *tapdata)
{
    mt_walk_listener *l = (mt_walk_listener *)tapdata;
    guint i;

    if (l->markdown) {
        printf("\n# %s\n\n", WT("mailteach walkthrough"));
        if (l->filter) {
            printf(WF("Lines of frames matching the display filter `%s`."), l->filter);
            printf("\n");
        }
    } else {
        printf("\n==============================================================================\n");
        if (l->filter)
            printf(WF("mailteach walkthrough, frames matching %s"), l->filter);
        else
            printf("%s", WT("mailteach walkthrough"));
        printf("\n%s\n", WT("C: client to server, S: server to client; message text is counted, not shown."));
        printf("==============================================================================\n");
    }
    if (l->tracker.order == NULL || l->tracker.order->len == 0)
        printf("\n%s\n", WT("No SMTP, POP3 or IMAP session found."));
    for (i = 0; l->tracker.order && i < l->tracker.order->len; i++) {
        const mt_wsess *s = (const mt_wsess *)g_ptr_array_index(l->tracker.order, i);
        if (l->markdown)
            print_session_md(s);
        else
            print_session_plain(s);
    }
    if (!l->markdown)
        printf("==============================================================================\n");
}

static void
walk_finish(void *tapdata)
{
    mt_walk_listener *l = (mt_walk_listener *)tapdata;

    tracker_clear(&l->tracker);
    g_free(l->filter);
    g_free(l);
}

/* "mailteach,walkthrough[,md][,FILTER]" */
static mt_stat_init_ret
walk_init(const char *opt_arg, void *userdata _U_)
{
    mt_walk_listener *l = g_new0(mt_walk_listener, 1);
    const char *rest = opt_arg + strlen("mailteach,walkthrough");
    GString *err;

    if (*rest == ',' && strncmp(rest + 1, "md", 2) == 0 && (rest[3] == ',' || rest[3] == '\0')) {
        l->markdown = TRUE;
        rest += 3;
    }
    if (*rest == ',' && rest[1])
        l->filter = g_strdup(rest + 1);
    tracker_init(&l->tracker);
    err = register_tap_listener("mailteach", l, l->filter, TL_REQUIRES_NOTHING, walk_reset, walk_packet,
                                walk_draw, walk_finish);
    if (err) {
        fprintf(stderr, "tshark: mailteach,walkthrough: %s\n", err->str);
        g_string_free(err, TRUE);
        tracker_clear(&l->tracker);
        g_free(l->filter);
        g_free(l);
        MT_STAT_INIT_RETURN(FALSE);
    }
    MT_STAT_INIT_RETURN(TRUE);
}

/* ---- the worksheet ---- */

/* -z mailteach,worksheet[,FILTER]: numbered questions on the lines of the
 * capture, then the answer key. */
typedef struct {
    char       *filter;
    mt_tracker  tracker;
} mt_sheet_listener;

static void
sheet_draw(void *tapdata)
{
    mt_sheet_listener *l = (mt_sheet_listener *)tapdata;
    guint i, j, n;

    printf("\n==============================================================================\n");
    if (l->filter)
        printf(WF("mailteach worksheet, frames matching %s"), l->filter);
    else
        printf("%s", WT("mailteach worksheet"));
    printf("\n%s\n", WT("Questions on the lines of this capture; the answer key follows them."));
    printf("==============================================================================\n");
    for (i = 0, n = 0; l->tracker.order && i < l->tracker.order->len; i++) {
        const mt_wsess *s = (const mt_wsess *)g_ptr_array_index(l->tracker.order, i);
        printf("\n");
        printf(WF("Session %u: %s, client %s port %u, server %s port %u"), s->index, proto_name(s->proto),
               s->client, s->client_port, s->server, s->server_port);
        printf("\n\n");
        for (j = 0; j < s->questions->len; j++)
            printf("%3u. %s\n", ++n, (const char *)g_ptr_array_index(s->questions, j));
    }
    if (n == 0)
        printf("\n%s\n", WT("No SMTP, POP3 or IMAP line to ask about."));
    printf("\n------------------------------------------------------------------------------\n");
    printf("%s\n", WT("Answer key"));
    printf("------------------------------------------------------------------------------\n");
    for (i = 0, n = 0; l->tracker.order && i < l->tracker.order->len; i++) {
        const mt_wsess *s = (const mt_wsess *)g_ptr_array_index(l->tracker.order, i);
        if (s->answers->len) {
            printf("\n");
            printf(WF("Session %u"), s->index);
            printf("\n");
        }
        for (j = 0; j < s->answers->len; j++)
            printf("%3u. %s\n", ++n, (const char *)g_ptr_array_index(s->answers, j));
    }
    printf("==============================================================================\n");
}

static void
sheet_reset(void *tapdata)
{
    mt_sheet_listener *l = (mt_sheet_listener *)tapdata;

    tracker_clear(&l->tracker);
    tracker_init(&l->tracker);
    l->tracker.worksheet = TRUE;
}

static tap_packet_status
sheet_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
             tap_flags_t flags _U_)
{
    mt_sheet_listener *l = (mt_sheet_listener *)tapdata;

    if (data == NULL)
        return TAP_PACKET_DONT_REDRAW;
    follow_tapinfo(&l->tracker, pinfo, (const mt_walk_tapinfo *)data, FALSE, NULL, NULL);
    return TAP_PACKET_REDRAW;
}

static void
sheet_finish(void *tapdata)
{
    mt_sheet_listener *l = (mt_sheet_listener *)tapdata;

    tracker_clear(&l->tracker);
    g_free(l->filter);
    g_free(l);
}

/* "mailteach,worksheet[,FILTER]" */
static mt_stat_init_ret
sheet_init(const char *opt_arg, void *userdata _U_)
{
    mt_sheet_listener *l = g_new0(mt_sheet_listener, 1);
    const char *rest = opt_arg + strlen("mailteach,worksheet");
    GString *err;

    if (*rest == ',' && rest[1])
        l->filter = g_strdup(rest + 1);
    sheet_reset(l);
    err = register_tap_listener("mailteach", l, l->filter, TL_REQUIRES_NOTHING, sheet_reset, sheet_packet,
                                sheet_draw, sheet_finish);
    if (err) {
        fprintf(stderr, "tshark: mailteach,worksheet: %s\n", err->str);
        g_string_free(err, TRUE);
        sheet_finish(l);
        MT_STAT_INIT_RETURN(FALSE);
    }
    MT_STAT_INIT_RETURN(TRUE);
}

/* ---- the checklist ---- */

/* -z mailteach,checklist[,FILTER]: what the capture shows the student
 * did, one line per step, "[x]" done or "[ ]" not, for grading scripts. */
typedef struct {
    char       *filter;
    mt_tracker  tracker;
} mt_check_listener;

static void
check_line(gboolean done, const char *step, const char *how, guint *n_done, guint *n_steps)
{
    printf("[%s] %s%s%s\n", done ? "x" : " ", step, how && *how ? ": " : "", how ? how : "");
    (*n_steps)++;
    if (done)
        (*n_done)++;
}

static void
check_draw(void *tapdata)
{
    mt_check_listener *l = (mt_check_listener *)tapdata;
    GString *conn = g_string_new(NULL);
    char *ehlo = NULL, *tls = NULL, *login = NULL, *sent = NULL, *attach = NULL, *fetched = NULL, *quit = NULL;
    /* logins that failed or were cancelled: in all, and before the first
     * that worked (those after it are not "attempts" before it) */
    guint n_login_failed = 0, n_failed_before = 0, n_sent_refused = 0, n_done = 0, n_steps = 0,
          n_sessions = 0, i;
    guint32 helo = 0, appended = 0;
    gboolean greeted, logged_in, sent_accepted, attached;

    for (i = 0; l->tracker.order && i < l->tracker.order->len; i++) {
        const mt_wsess *s = (const mt_wsess *)g_ptr_array_index(l->tracker.order, i);
        /* a server that never answered in its protocol's terms is not
         * shown to be a mail server */
        if (s->server_replied)
            n_sessions++;
        if (conn->len < 400) {
            if (conn->len)
                g_string_append(conn, ", ");
            if (s->server_replied)
                g_string_append_printf(conn, WF("%s to %s port %u (session %u)"),
                                       proto_name(s->proto), s->server, s->server_port, s->index);
            else
                g_string_append_printf(conn, WF("%s port %u, but no valid %s reply line came (session %u)"),
                                       s->server, s->server_port, proto_name(s->proto), s->index);
        }
        if (s->ehlo_frame && ehlo == NULL)
            ehlo = g_strdup_printf(WF("EHLO in frame %u"), s->ehlo_frame);
        if (s->helo_frame && helo == 0)
            helo = s->helo_frame;
        if (s->tls_frame && tls == NULL)
            tls = g_strdup_printf(WF("%s, accepted in frame %u"), proto_name(s->proto), s->tls_frame);
        if (s->implicit_tls && tls == NULL)
            tls = g_strdup_printf(WF("%s over TLS from the first byte (implicit TLS, port %u)"),
                                  proto_name(s->proto), s->server_port);
        if (login == NULL)
            n_failed_before += s->login_ok ? s->n_failed_before_ok : s->n_login_failed;
        if (s->login_ok && login == NULL)
            login = g_strdup_printf("%s %s", proto_name(s->proto), s->login_ok);
        n_login_failed += s->n_login_failed;
        if (s->sent_ok && sent == NULL)
            sent = g_strdup(s->sent_ok);
        n_sent_refused += s->n_sent_refused;
        if (s->attachment_frame && attach == NULL)
            attach = g_strdup_printf(WF("Content-Disposition: attachment in frame %u"), s->attachment_frame);
        if (s->appended_attachment_frame && appended == 0)
            appended = s->appended_attachment_frame;
        if (s->fetched && fetched == NULL)
            fetched = s->fetched_attachment_frame
                ? g_strdup_printf(WF("%s; an attachment came in frame %u"), s->fetched, s->fetched_attachment_frame)
                : g_strdup(s->fetched);
        if (s->quit_frame && quit == NULL)
            quit = g_strdup_printf(WF("%s, answered in frame %u"), proto_name(s->proto), s->quit_frame);
    }

    printf("\n==============================================================================\n");
    if (l->filter)
        printf(WF("mailteach checklist, frames matching %s"), l->filter);
    else
        printf("%s", WT("mailteach checklist"));
    printf("\n");
    printf("==============================================================================\n");
    check_line(n_sessions > 0, WT("Connected to a mail server"), conn->str, &n_done, &n_steps);
    /* a step is done when the capture shows it; the text after it says how,
     * or what came closest */
    greeted = ehlo != NULL;
    if (ehlo == NULL && helo)
        ehlo = g_strdup_printf(WF("only HELO (frame %u), which asks for no extension list"), helo);
    check_line(greeted, WT("Greeted an SMTP server with EHLO"), ehlo, &n_done, &n_steps);
    check_line(tls != NULL, WT("Started TLS (STARTTLS or STLS)"), tls, &n_done, &n_steps);
    logged_in = login != NULL;
    if (login && n_failed_before) {
        char *both = n_failed_before == 1
            ? g_strdup_printf(WF("%s, after %u failed or cancelled attempt"), login, n_failed_before)
            : g_strdup_printf(WF("%s, after %u failed or cancelled attempts"), login, n_failed_before);
        g_free(login);
        login = both;
    } else if (login == NULL && n_login_failed) {
        login = n_login_failed == 1
            ? g_strdup_printf(WF("%u attempt, none succeeded"), n_login_failed)
            : g_strdup_printf(WF("%u attempts, none succeeded"), n_login_failed);
    }
    check_line(logged_in, WT("Logged in"), login, &n_done, &n_steps);
    sent_accepted = sent != NULL;
    if (sent == NULL && n_sent_refused)
        sent = n_sent_refused == 1
            ? g_strdup_printf(WF("refused %u time"), n_sent_refused)
            : g_strdup_printf(WF("refused %u times"), n_sent_refused);
    check_line(sent_accepted, WT("Sent a message the server accepted"), sent, &n_done, &n_steps);
    attached = attach != NULL;
    if (attach == NULL && appended)
        attach = g_strdup_printf(WF("a message with an attachment was only stored in a mailbox with IMAP "
                                    "APPEND (frame %u), which sends it to no one"), appended);
    check_line(attached, WT("Sent a message with an attachment"), attach, &n_done, &n_steps);
    check_line(fetched != NULL, WT("Fetched a message by POP3 (RETR, TOP) or IMAP (FETCH of its text)"), fetched,
               &n_done, &n_steps);
    check_line(quit != NULL, WT("Logged out cleanly (QUIT or LOGOUT answered)"), quit, &n_done, &n_steps);
    printf(WF("Done: %u of %u"), n_done, n_steps);
    printf("\n");
    printf("==============================================================================\n");
    g_string_free(conn, TRUE);
    g_free(ehlo);
    g_free(tls);
    g_free(login);
    g_free(sent);
    g_free(attach);
    g_free(fetched);
    g_free(quit);
}

static void
check_reset(void *tapdata)
{
    mt_check_listener *l = (mt_check_listener *)tapdata;

    tracker_clear(&l->tracker);
    tracker_init(&l->tracker);
}

static tap_packet_status
check_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
             tap_flags_t flags _U_)
{
    mt_check_listener *l = (mt_check_listener *)tapdata;

    if (data == NULL)
        return TAP_PACKET_DONT_REDRAW;
    follow_tapinfo(&l->tracker, pinfo, (const mt_walk_tapinfo *)data, FALSE, NULL, NULL);
    return TAP_PACKET_REDRAW;
}

static void
check_finish(void *tapdata)
{
    mt_check_listener *l = (mt_check_listener *)tapdata;

    tracker_clear(&l->tracker);
    g_free(l->filter);
    g_free(l);
}

/* "mailteach,checklist[,FILTER]" */
static mt_stat_init_ret
check_init(const char *opt_arg, void *userdata _U_)
{
    mt_check_listener *l = g_new0(mt_check_listener, 1);
    const char *rest = opt_arg + strlen("mailteach,checklist");
    GString *err;

    if (*rest == ',' && rest[1])
        l->filter = g_strdup(rest + 1);
    tracker_init(&l->tracker);
    err = register_tap_listener("mailteach", l, l->filter, TL_REQUIRES_NOTHING, check_reset, check_packet,
                                check_draw, check_finish);
    if (err) {
        fprintf(stderr, "tshark: mailteach,checklist: %s\n", err->str);
        g_string_free(err, TRUE);
        check_finish(l);
        MT_STAT_INIT_RETURN(FALSE);
    }
    MT_STAT_INIT_RETURN(TRUE);
}

/* ---- the flow graph ---- */

static tap_packet_status
flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
            tap_flags_t flags _U_)
{
    mt_seq_info *sainfo = (mt_seq_info *)tapdata;
    const mt_walk_tapinfo *ti = (const mt_walk_tapinfo *)data;
    const mt_walk_session *ws;
    gboolean from_server;
    guint i;

    if (ti == NULL || sainfo == NULL)
        return TAP_PACKET_DONT_REDRAW;
    ws = ti->session;
    from_server = pinfo->srcport == ws->server_port && addresses_equal(&pinfo->src, &ws->server);
    for (i = 0; i < ti->n; i++) {
        const mt_record *r = ti->recs[i];
        mt_seq_item *sai;
        char *raw, *meaning;

        if (r->kind == MT_R_PARTIAL)
            continue;
        sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
        if (sai == NULL)
            return TAP_PACKET_DONT_REDRAW;
        sai->frame_number = r->frame ? r->frame : pinfo->num;
        sai->port_src = (guint16)pinfo->srcport;
        sai->port_dst = (guint16)pinfo->destport;
        if ((r->dir == MT_DIR_SERVER) != from_server) {
            /* a line of the other direction, kept back by the heuristic */
            address a = sai->src_addr;
            guint16 p = sai->port_src;
            sai->src_addr = sai->dst_addr;
            sai->dst_addr = a;
            sai->port_src = sai->port_dst;
            sai->port_dst = p;
        }
        raw = shown_line(r, &ti->lines[i], MT_WALK_FLOW_LABEL_MAX);
        meaning = meaning_of(r);
        sai->frame_label = g_strdup(raw);
        sai->comment = g_strdup_printf("%s: %s", proto_name(r->proto), meaning);
        sai->conv_num = (guint16)ws->index;
        sai->display = TRUE;
        g_queue_push_tail(sainfo->items, sai);
        g_free(raw);
        g_free(meaning);
    }
    return TAP_PACKET_REDRAW;
}

/* ---- statistics ---- */

/* -z mailteach,stats: counts by path, printed as an indented tree in the
 * order the nodes were first seen. */
typedef struct {
    char       *filter;
    mt_tracker  tracker;
    GHashTable *counts;     /* path -> guint64 * */
    GPtrArray  *paths;      /* in order of first appearance */
} mt_stats_listener;

static void
stats_count(void *ctx, const char *path)
{
    mt_stats_listener *l = (mt_stats_listener *)ctx;
    char **parts = g_strsplit(path, MT_SEP, 4);
    GString *prefix = g_string_new(NULL);
    guint i;

    for (i = 0; parts[i]; i++) {
        guint64 *n;
        if (i)
            g_string_append(prefix, MT_SEP);
        g_string_append(prefix, parts[i]);
        n = (guint64 *)g_hash_table_lookup(l->counts, prefix->str);
        if (n == NULL) {
            char *key = g_strdup(prefix->str);
            n = g_new0(guint64, 1);
            g_hash_table_insert(l->counts, key, n);
            g_ptr_array_add(l->paths, key);
        }
        (*n)++;
    }
    g_string_free(prefix, TRUE);
    g_strfreev(parts);
}

static void
stats_clear(mt_stats_listener *l)
{
    tracker_clear(&l->tracker);
    if (l->paths)
        g_ptr_array_free(l->paths, TRUE);
    if (l->counts)
        g_hash_table_destroy(l->counts);
    l->paths = NULL;
    l->counts = NULL;
}

static void
stats_reset(void *tapdata)
{
    mt_stats_listener *l = (mt_stats_listener *)tapdata;

    stats_clear(l);
    tracker_init(&l->tracker);
    l->counts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    l->paths = g_ptr_array_new_with_free_func(g_free);
}

static tap_packet_status
stats_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
             tap_flags_t flags _U_)
{
    mt_stats_listener *l = (mt_stats_listener *)tapdata;

    if (data == NULL)
        return TAP_PACKET_DONT_REDRAW;
    follow_tapinfo(&l->tracker, pinfo, (const mt_walk_tapinfo *)data, FALSE, stats_count, l);
    return TAP_PACKET_REDRAW;
}

/* Children of prefix, in order of first appearance, sorted nowhere else. */
static void
stats_print_level(const mt_stats_listener *l, const char *prefix, guint depth)
{
    /* the names are the paths' first parts; shown in the chosen language */
    static const char *const tops[] = { MT_N("Sessions"), MT_N("Commands"), MT_N("Replies"), MT_N("Logins"),
                                        MT_N("Messages"), MT_N("Errors"), MT_N("Problems flagged") };
    guint i;

    if (depth == 0) {
        for (i = 0; i < G_N_ELEMENTS(tops); i++) {
            const guint64 *n = (const guint64 *)g_hash_table_lookup(l->counts, tops[i]);
            print_padded(mt_tr(walk_lang(), tops[i]), 60, FALSE);
            printf(" %8" G_GUINT64_FORMAT "\n", n ? *n : 0);
            if (n)
                stats_print_level(l, tops[i], 1);
        }
        return;
    }
    for (i = 0; i < l->paths->len; i++) {
        const char *p = (const char *)g_ptr_array_index(l->paths, i);
        const char *last;
        size_t plen = strlen(prefix);
        if (strncmp(p, prefix, plen) != 0 || p[plen] != MT_SEP[0] || strchr(p + plen + 1, MT_SEP[0]) != NULL)
            continue;
        last = p + plen + 1;
        printf("%*s", (int)depth * 2, "");
        print_padded(last, 60 - (glong)depth * 2, FALSE);
        printf(" %8" G_GUINT64_FORMAT "\n", *(const guint64 *)g_hash_table_lookup(l->counts, p));
        stats_print_level(l, p, depth + 1);
    }
}

static void
stats_draw(void *tapdata)
{
    mt_stats_listener *l = (mt_stats_listener *)tapdata;

    printf("\n==============================================================================\n");
    if (l->filter)
        printf(WF("mailteach statistics, frames matching %s"), l->filter);
    else
        printf("%s", WT("mailteach statistics"));
    printf("\n%s\n", WT("Replies: SMTP replies (multi-line ones once), POP3 status lines, IMAP status responses."));
    printf("==============================================================================\n");
    if (l->counts)
        stats_print_level(l, "", 0);
    printf("==============================================================================\n");
}

static void
stats_finish(void *tapdata)
{
    mt_stats_listener *l = (mt_stats_listener *)tapdata;

    stats_clear(l);
    g_free(l->filter);
    g_free(l);
}

/* "mailteach,stats[,FILTER]" */
static mt_stat_init_ret
stats_init(const char *opt_arg, void *userdata _U_)
{
    mt_stats_listener *l = g_new0(mt_stats_listener, 1);
    const char *rest = opt_arg + strlen("mailteach,stats");
    GString *err;

    if (*rest == ',' && rest[1])
        l->filter = g_strdup(rest + 1);
    stats_reset(l);
    err = register_tap_listener("mailteach", l, l->filter, TL_REQUIRES_NOTHING, stats_reset, stats_packet,
                                stats_draw, stats_finish);
    if (err) {
        fprintf(stderr, "tshark: mailteach,stats: %s\n", err->str);
        g_string_free(err, TRUE);
        stats_clear(l);
        g_free(l->filter);
        g_free(l);
        MT_STAT_INIT_RETURN(FALSE);
    }
    MT_STAT_INIT_RETURN(TRUE);
}

/* The stats tree (Statistics menu, -z mailteach,tree): the same ticks. */
static mt_tracker st_tracker;

static void
st_tick(void *ctx, const char *path)
{
    stats_tree *st = (stats_tree *)ctx;
    char **parts = g_strsplit(path, MT_SEP, 4);
    int parent = 0;
    guint i;

    /* the first part names a node st_init() made, in the chosen language */
    for (i = 0; parts[i]; i++)
        parent = tick_stat_node(st, i == 0 ? mt_tr(walk_lang(), parts[i]) : parts[i], parent, parts[i + 1] != NULL);
    g_strfreev(parts);
}

static void
st_init(stats_tree *st)
{
    /* the names are the paths' first parts; shown in the chosen language */
    static const char *const tops[] = { MT_N("Sessions"), MT_N("Commands"), MT_N("Replies"), MT_N("Logins"),
                                        MT_N("Messages"), MT_N("Errors"), MT_N("Problems flagged") };
    guint i;

    tracker_clear(&st_tracker);
    tracker_init(&st_tracker);
    for (i = 0; i < G_N_ELEMENTS(tops); i++)
        stats_tree_create_node(st, mt_tr(walk_lang(), tops[i]), 0, STAT_DT_INT, TRUE);
}

static void
st_cleanup(stats_tree *st _U_)
{
    tracker_clear(&st_tracker);
}

static tap_packet_status
st_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
          tap_flags_t flags _U_)
{
    if (data == NULL || st_tracker.by_index == NULL)
        return TAP_PACKET_DONT_REDRAW;
    follow_tapinfo(&st_tracker, pinfo, (const mt_walk_tapinfo *)data, FALSE, st_tick, st);
    return TAP_PACKET_REDRAW;
}

/* ---- registration ---- */

void
mt_walk_register(int proto, const mt_prefs_t *settings)
{
    GString *err;
    static stat_tap_ui walk_ui = {
        REGISTER_STAT_GROUP_GENERIC, "mailteach walkthrough", "mailteach,walkthrough", walk_init, 0, NULL
    };
    static stat_tap_ui stats_ui = {
        REGISTER_STAT_GROUP_GENERIC, "mailteach statistics", "mailteach,stats", stats_init, 0, NULL
    };
    static stat_tap_ui sheet_ui = {
        REGISTER_STAT_GROUP_GENERIC, "mailteach worksheet", "mailteach,worksheet", sheet_init, 0, NULL
    };
    static stat_tap_ui check_ui = {
        REGISTER_STAT_GROUP_GENERIC, "mailteach checklist", "mailteach,checklist", check_init, 0, NULL
    };

    proto_mailteach = proto;
    walk_prefs = settings;
    mt_tap = register_tap("mailteach");
    pass_tap = register_tap("mailteach.pass");
    err = register_tap_listener("mailteach.pass", &pass_tap, NULL, TL_REQUIRES_NOTHING, NULL,
                                pass_packet, NULL, NULL);
    if (err)
        g_string_free(err, TRUE);
    register_stat_tap_ui(&walk_ui, NULL);
    register_stat_tap_ui(&stats_ui, NULL);
    register_stat_tap_ui(&check_ui, NULL);
    register_stat_tap_ui(&sheet_ui, NULL);
    register_seq_analysis("mailteach", "Mail lines (mailteach)", proto_mailteach, "mailteach",
                          TL_REQUIRES_NOTHING, flow_packet);
    stats_tree_register_plugin("mailteach", "mailteach", "Mail Teaching (mailteach)", 0,
                               st_packet, st_init, st_cleanup);
}
