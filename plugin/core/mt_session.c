/* mt_session.c - one mail session, whatever its protocol
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_session.h"

#include "mt_smtp.h"

struct mt_session {
    mt_proto   proto;
    union {
        mt_smtp *smtp;
    } p;
    GPtrArray *records;     /* owns every record handed out */
};

mt_session *
mt_session_new(mt_proto proto)
{
    mt_session *s = g_new0(mt_session, 1);

    s->proto = proto;
    s->records = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    switch (proto) {
    case MT_PROTO_SMTP:
        s->p.smtp = mt_smtp_new();
        break;
    default:
        break;
    }
    return s;
}

void
mt_session_free(mt_session *s)
{
    if (s == NULL)
        return;
    switch (s->proto) {
    case MT_PROTO_SMTP:
        mt_smtp_free(s->p.smtp);
        break;
    default:
        break;
    }
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
    GPtrArray *tmp = g_ptr_array_new();
    guint i;

    switch (s->proto) {
    case MT_PROTO_SMTP:
        mt_smtp_feed(s->p.smtp, dir, frame, data, len, tmp);
        break;
    default:
        break;
    }
    for (i = 0; i < tmp->len; i++) {
        g_ptr_array_add(s->records, tmp->pdata[i]);
        if (out)
            g_ptr_array_add(out, tmp->pdata[i]);
    }
    g_ptr_array_free(tmp, TRUE);
}

gboolean
mt_session_tls_accept(const mt_session *s, mt_dir dir, const guint8 *data, gsize len)
{
    switch (s->proto) {
    case MT_PROTO_SMTP:
        return mt_smtp_tls_accept(s->p.smtp, dir, data, len);
    default:
        return FALSE;
    }
}

guint
mt_session_record_count(const mt_session *s)
{
    return s->records->len;
}
