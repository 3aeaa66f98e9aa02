/* mt_imap.h - the IMAP session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * IMAP4rev1 (RFC 3501) and IMAP4rev2 (RFC 9051): tagged commands, tagged,
 * untagged and continuation responses, literals in both directions
 * (RFC 9051 §4.3, LITERAL+ of RFC 7888), IDLE, AUTHENTICATE and STARTTLS,
 * and the states not authenticated, authenticated, selected and logout.
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

/* Would these server bytes, about to be fed, accept a pending STARTTLS?
 * TRUE exactly when they start with the tagged OK that completes it
 * (perhaps after complete untagged lines, RFC 9051 §6.2.1). */
gboolean mt_imap_tls_accept(const mt_imap *s, mt_dir dir, const guint8 *data, gsize len);

/* The session runs inside TLS from its first byte (an implicit-TLS port):
 * logins are protected. */
void mt_imap_set_tls(mt_imap *s);
/* Has the session ended (LOGOUT answered, or BYE), with no command left
 * unanswered? */
gboolean mt_imap_ended(const mt_imap *s);
/* Forget the records the state still names, before the session frees
 * them (mt_session_release()), and let go of line buffers kept for a
 * next line. */
void mt_imap_forget_records(mt_imap *s);

#endif /* MT_IMAP_H */
