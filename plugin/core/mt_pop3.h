/* mt_pop3.h - the POP3 session machine
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Here we follow a POP3 session from both directions' bytes, in capture
 * order, and say for each line what it is, what it means for this session,
 * where the session stands (the RFC 1939 states AUTHORIZATION, TRANSACTION
 * and UPDATE) and what a correct peer does next. It is not a validator:
 * when the peers do something odd we note it and keep going, and above all
 * we keep track of which server lines belong to a multi-line response
 * (CAPA, LIST, UIDL, RETR, TOP), so that a message line "-ERR" or "QUIT"
 * stays message text, and which client lines answer a SASL challenge.
 */
#ifndef MT_POP3_H
#define MT_POP3_H

#include <glib.h>

#include "mt_pop3_texts.h"
#include "mt_record.h"

typedef struct mt_pop3 mt_pop3;

/* Commands sent but not yet answered; more are not tracked. */
#define MT_POP3_MAX_PENDING 256
/* Notable message lines (dot-stuffed, header end ...) itemised per message. */
#define MT_POP3_MAX_NOTABLE 32

mt_pop3 *mt_pop3_new(void);
void mt_pop3_free(mt_pop3 *s);

/* Feed a chunk of one direction. New records are appended to out. */
void mt_pop3_feed(mt_pop3 *s, mt_dir dir, guint32 frame,
                  const guint8 *data, gsize len, GPtrArray *out);

/* Would these server bytes, about to be fed, be the +OK that accepts a
 * pending STLS? (The adapter must know before the built-in dissector sees
 * the frame.) TRUE only if the +OK line ends in these bytes. */
gboolean mt_pop3_tls_accept(const mt_pop3 *s, mt_dir dir, const guint8 *data, gsize len);

/* The session runs inside TLS from its first byte (an implicit-TLS port):
 * logins are protected. */
void mt_pop3_set_tls(mt_pop3 *s);
/* Has the session ended (QUIT answered), with no command left unanswered? */
gboolean mt_pop3_ended(const mt_pop3 *s);
/* Forget the records the state still names, before the session frees
 * them (mt_session_release()), and let go of line buffers kept for a
 * next line. */
void mt_pop3_forget_records(mt_pop3 *s);

mt_pop3_stage mt_pop3_get_stage(const mt_pop3 *s);

#endif /* MT_POP3_H */
