/* mt_imap.h - the IMAP session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef MT_IMAP_H
#define MT_IMAP_H

#include <glib.h>

#include "mt_record.h"

typedef struct mt_imap mt_imap;

mt_imap *mt_imap_new(void);
void mt_imap_free(mt_imap *s);

/* Feed a chunk of one direction. New records are appended to out. */
void mt_imap_feed(mt_imap *s, mt_dir dir, guint32 frame,
                  const guint8 *data, gsize len, GPtrArray *out);

/* Would these server bytes accept a pending STARTTLS/STLS? */
gboolean mt_imap_tls_accept(const mt_imap *s, mt_dir dir, const guint8 *data, gsize len);

#endif /* MT_IMAP_H */
