/* mt_session.c - one mail session, whatever its protocol
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_session.h"

#include "mt_imap.h"
#include "mt_pop3.h"
#include "mt_smtp.h"
#include "mt_anomaly.h"

/* What every protocol machine offers. */
typedef struct {
    gpointer (*create)(void);
    void     (*destroy)(gpointer state);
    void     (*feed)(gpointer state, mt_dir dir, guint32 frame,
                     const guint8 *data, gsize len, GPtrArray *out);
    gboolean (*tls_accept)(gconstpointer state, mt_dir dir, const guint8 *data, gsize len);
    void     (*set_tls)(gpointer state);
    gboolean (*ended)(gconstpointer state);
    void     (*forget)(gpointer state);
} mt_proto_ops;

/* Typed adapters, so that no call goes through a cast function pointer. */
#define MT_PROTO_OPS(p)                                                          \
    static gpointer p##_create(void) { return mt_##p##_new(); }                  \
    static void p##_destroy(gpointer st) { mt_##p##_free((mt_##p *)st); }        \
    static void p##_feed(gpointer st, mt_dir dir, guint32 frame,                 \
                         const guint8 *data, gsize len, GPtrArray *out)          \
    { mt_##p##_feed((mt_##p *)st, dir, frame, data, len, out); }                 \
    static gboolean p##_tls_accept(gconstpointer st, mt_dir dir,                 \
                                   const guint8 *data, gsize len)                \
    { return mt_##p##_tls_accept((const mt_##p *)st, dir, data, len); }          \
    static void p##_set_tls(gpointer st) { mt_##p##_set_tls((mt_##p *)st); }     \
    static gboolean p##_ended(gconstpointer st) { return mt_##p##_ended((const mt_##p *)st); } \
    static void p##_forget(gpointer st) { mt_##p##_forget_records((mt_##p *)st); } \
    static const mt_proto_ops ops_##p = { p##_create, p##_destroy, p##_feed, p##_tls_accept, \
                                          p##_set_tls, p##_ended, p##_forget };

MT_PROTO_OPS(smtp)
MT_PROTO_OPS(pop3)
MT_PROTO_OPS(imap)

struct mt_session {
    mt_proto            proto;
    const mt_proto_ops *ops;
    gpointer            state;      /* made when first needed (see below) */
    GPtrArray          *records;    /* owns every record handed out */
    guint64             kept;       /* their size when handed out, about */
};

mt_session *
mt_session_new(mt_proto proto)
{
    mt_session *s = g_new0(mt_session, 1);

    s->proto = proto;
    s->records = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    switch (proto) {
    case MT_PROTO_SMTP: s->ops = &ops_smtp; break;
    case MT_PROTO_POP3: s->ops = &ops_pop3; break;
    case MT_PROTO_IMAP: s->ops = &ops_imap; break;
    default:            s->ops = NULL; break;
    }
    return s;
}

/* The protocol's state, made on first use: a session that is never fed
 * (a single pass where nothing is seen, mt_conv.c) costs only this
 * wrapper. */
static gpointer
state_of(mt_session *s)
{
    if (s->state == NULL && s->ops)
        s->state = s->ops->create();
    return s->state;
}

void
mt_session_free(mt_session *s)
{
    if (s == NULL)
        return;
    if (s->ops && s->state)
        s->ops->destroy(s->state);
    g_ptr_array_free(s->records, TRUE);
    g_free(s);
}

mt_proto
mt_session_proto(const mt_session *s)
{
    return s->proto;
}

void
mt_session_feed(mt_session *s, mt_dir dir, guint32 frame, const guint8 *data, gsize len,
                GPtrArray *out)
{
    guint first = s->records->len, i;

    if (s->ops == NULL || len == 0)
        return;
    s->ops->feed(state_of(s), dir, frame, data, len, s->records);
    for (i = first; i < s->records->len; i++) {
        mt_record *r = (mt_record *)s->records->pdata[i];

        mt_record_compact(r);
        s->kept += mt_record_size(r) + sizeof(gpointer);
        if (out)
            g_ptr_array_add(out, r);
    }
}

guint64
mt_session_kept_bytes(const mt_session *s)
{
    return s->kept;
}

gboolean
mt_session_tls_accept(const mt_session *s, mt_dir dir, const guint8 *data, gsize len)
{
    /* a session fed nothing has asked for no TLS */
    return s->ops && s->state ? s->ops->tls_accept(s->state, dir, data, len) : FALSE;
}

guint
mt_session_record_count(const mt_session *s)
{
    return s->records->len;
}

void
mt_session_set_tls(mt_session *s)
{
    if (s->ops)
        s->ops->set_tls(state_of(s));
}

gboolean
mt_session_ended(const mt_session *s)
{
    return s->ops != NULL && s->state != NULL && s->ops->ended(s->state);
}

void
mt_session_release(mt_session *s)
{
    if (s->ops && s->state)
        s->ops->forget(s->state);
    /* a new array: set_size(0) would keep the old one's room */
    g_ptr_array_free(s->records, TRUE);
    s->records = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    s->kept = 0;
}

/* ---- memory budgets ---- */

static const mt_text budget_label = MT_T("Not explained");
static const mt_text budget_first_summary = MT_T("explanations stop here: memory budget reached");
static const mt_text budget_summary = MT_T("lines not explained (memory budget): {1}");
static const mt_text budget_first_expl_session =
    MT_T("mailteach stops explaining this session here. What it keeps to show the session's lines again "
         "(when you click on a frame, or with two passes) reached the memory budget for one session, so "
         "from this frame on it only counts the lines. To see them explained, raise the preference "
         "session_budget_mib and open the capture again.");
static const mt_text budget_first_expl_capture =
    MT_T("mailteach stops explaining this session here. What it keeps to show the capture's lines again "
         "(when you click on a frame, or with two passes) reached the memory budget for the whole capture, "
         "so from this frame on it only counts the lines of every session. To see them explained, raise "
         "the preference capture_budget_mib, or open a smaller part of the capture.");
static const mt_text budget_expl =
    MT_T("mailteach no longer explains this session: a memory budget was reached in an earlier frame, "
         "so these lines are only counted.");

mt_record *
mt_session_budget_record(mt_proto proto, mt_dir dir, guint32 frame, mt_budget why, gboolean first,
                         guint32 stop_frame, guint64 limit, guint64 lines)
{
    mt_record *r = mt_record_new(proto, dir, MT_R_UNKNOWN, frame);

    r->label = &budget_label;
    if (first) {
        mt_rec_summary(r, &budget_first_summary);
        mt_rec_explain(r, -1, 0, 0,
                       why == MT_BUDGET_CAPTURE ? &budget_first_expl_capture : &budget_first_expl_session,
                       NULL);
        mt_rec_uint_fmt(r, -1, MT_F_BUDGET_LIMIT, 0, 0, limit, MT_FMT_OCTETS, NULL);
        mt_rec_anomaly(r, why == MT_BUDGET_CAPTURE ? MT_A_BUDGET_CAPTURE : MT_A_BUDGET_SESSION, 0, 0);
    } else {
        mt_rec_summary(r, &budget_summary);
        mt_rec_summary_uint(r, 1, lines);
        mt_rec_explain(r, -1, 0, 0, &budget_expl, NULL);
    }
    mt_rec_uint(r, -1, MT_F_BUDGET_STOPPED_IN, 0, 0, stop_frame, NULL);
    mt_rec_uint(r, -1, MT_F_BUDGET_LINES, 0, 0, lines, NULL);
    return r;
}
