/* mt_pop3.h - the POP3 session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef MT_POP3_H
#define MT_POP3_H

#include <glib.h>

#include "mt_record.h"

typedef struct mt_pop3 mt_pop3;

mt_pop3 *mt_pop3_new(void);
void mt_pop3_free(mt_pop3 *s);

/* Feed a chunk of one direction. New records are appended to out. */
void mt_pop3_feed(mt_pop3 *s, mt_dir dir, guint32 frame,
                  const guint8 *data, gsize len, GPtrArray *out);

/* Would these server bytes accept a pending STARTTLS/STLS? */
gboolean mt_pop3_tls_accept(const mt_pop3 *s, mt_dir dir, const guint8 *data, gsize len);

#endif /* MT_POP3_H */
