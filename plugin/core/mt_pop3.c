/* mt_pop3.c - the POP3 session machine (placeholder: annotates nothing yet)
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_pop3.h"

struct mt_pop3 {
    int unused;
};

mt_pop3 *
mt_pop3_new(void)
{
    return g_new0(mt_pop3, 1);
}

void
mt_pop3_free(mt_pop3 *s)
{
    g_free(s);
}

void
mt_pop3_feed(mt_pop3 *s, mt_dir dir, guint32 frame, const guint8 *data, gsize len, GPtrArray *out)
{
    (void)s; (void)dir; (void)frame; (void)data; (void)len; (void)out;
}

gboolean
mt_pop3_tls_accept(const mt_pop3 *s, mt_dir dir, const guint8 *data, gsize len)
{
    (void)s; (void)dir; (void)data; (void)len;
    return FALSE;
}
