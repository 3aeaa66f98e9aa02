/* mt_imap.c - the IMAP session machine (placeholder: annotates nothing yet)
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_imap.h"

struct mt_imap {
    int unused;
};

mt_imap *
mt_imap_new(void)
{
    return g_new0(mt_imap, 1);
}

void
mt_imap_free(mt_imap *s)
{
    g_free(s);
}

void
mt_imap_feed(mt_imap *s, mt_dir dir, guint32 frame, const guint8 *data, gsize len, GPtrArray *out)
{
    (void)s; (void)dir; (void)frame; (void)data; (void)len; (void)out;
}

gboolean
mt_imap_tls_accept(const mt_imap *s, mt_dir dir, const guint8 *data, gsize len)
{
    (void)s; (void)dir; (void)data; (void)len;
    return FALSE;
}
