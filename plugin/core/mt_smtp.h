/* mt_smtp.h - the SMTP session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Here we follow an SMTP session from both directions' bytes, in capture
 * order, and say for each line what it is, what it means for this session,
 * where the session stands and what a correct peer does next. It is not a
 * validator: when the peers do something odd we note it and keep going,
 * and above all we keep track of which client lines are commands, message
 * text (after 354), BDAT octets or authentication answers (after 334).
 */
#ifndef MT_SMTP_H
#define MT_SMTP_H

#include <glib.h>

#include "mt_record.h"
#include "mt_smtp_texts.h"

typedef struct mt_smtp mt_smtp;

/* Commands sent but not yet answered; more are not tracked. */
#define MT_SMTP_MAX_PENDING 256
/* Notable message lines (dot-stuffed, overlong ...) itemised per message. */
#define MT_SMTP_MAX_NOTABLE 32

mt_smtp *mt_smtp_new(void);
void mt_smtp_free(mt_smtp *s);

/* Feed a chunk of one direction. New records are appended to out. */
void mt_smtp_feed(mt_smtp *s, mt_dir dir, guint32 frame,
                  const guint8 *data, gsize len, GPtrArray *out);

/* Would these server bytes accept a pending STARTTLS? (The adapter must
 * know before the built-in dissector sees the frame.) */
gboolean mt_smtp_tls_accept(const mt_smtp *s, mt_dir dir, const guint8 *data, gsize len);

/* The session runs inside TLS from its first byte (an implicit-TLS port):
 * logins are protected. */
void mt_smtp_set_tls(mt_smtp *s);
/* Has the session ended (QUIT answered, or 421), with no command left
 * unanswered? */
gboolean mt_smtp_ended(const mt_smtp *s);
/* Forget the records the state still names, before the session frees
 * them (mt_session_release()), and let go of line buffers kept for a
 * next line. */
void mt_smtp_forget_records(mt_smtp *s);

mt_smtp_stage mt_smtp_get_stage(const mt_smtp *s);

#endif /* MT_SMTP_H */
