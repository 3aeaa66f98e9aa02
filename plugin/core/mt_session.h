/* mt_session.h - one mail session, whatever its protocol
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The adapter keeps one session per TCP conversation and feeds it the
 * bytes of each direction in capture order, once (on the first pass). The
 * session owns every record it returns; they live until the session is
 * freed or released, so the adapter can keep pointers to them for
 * revisits.
 */
#ifndef MT_SESSION_H
#define MT_SESSION_H

#include <glib.h>

#include "mt_record.h"

typedef struct mt_session mt_session;

/* The protocol's state is made when the session is first fed (or told it
 * runs inside TLS): a session never fed costs only its wrapper, and
 * answers as a new one does (not ended, no STARTTLS to accept). */
mt_session *mt_session_new(mt_proto proto);
void mt_session_free(mt_session *s);
mt_proto mt_session_proto(const mt_session *s);

/* Feed a chunk; new records are appended to out (if not NULL). frame is
 * an opaque tag stored in the records and used for request/response links. */
void mt_session_feed(mt_session *s, mt_dir dir, guint32 frame,
                     const guint8 *data, gsize len, GPtrArray *out);

/* Do these bytes, about to be fed, accept a pending STARTTLS/STLS? */
gboolean mt_session_tls_accept(const mt_session *s, mt_dir dir,
                               const guint8 *data, gsize len);

/* The session runs inside TLS from its first byte (implicit TLS: 465,
 * 995, 993): its logins are protected. */
void mt_session_set_tls(mt_session *s);

/* Has the session ended: the server answered QUIT or LOGOUT (or closed
 * the session), and no command waits for its answer? Then the protocol
 * state names no record but a login's credentials, which
 * mt_session_release() makes it forget. */
gboolean mt_session_ended(const mt_session *s);

/* Free every record handed out so far, when nothing will show them again
 * (a single pass, and the session has ended): the protocol state forgets
 * the records it still names (a login's credentials), and goes on
 * explaining what comes next (a command sent after QUIT) in new records.
 * The room the records and the line buffers took goes too; only the
 * protocol state stays. mt_session_kept_bytes() counts from 0 again. */
void mt_session_release(mt_session *s);

/* Number of records the session holds (for tests and limits). */
guint mt_session_record_count(const mt_session *s);

/* About how many bytes the session's records hold, counted as each record
 * is handed out (mt_record_size()); the adapter's memory budgets read it. */
guint64 mt_session_kept_bytes(const mt_session *s);

/* Why mailteach stopped feeding a session (the adapter's memory budgets). */
typedef enum {
    MT_BUDGET_SESSION = 1,      /* the session's own budget */
    MT_BUDGET_CAPTURE = 2       /* the budget of the whole capture */
} mt_budget;

/* A record for bytes mailteach no longer explains because a memory budget
 * was reached in frame stop_frame: the first one (first: the bytes where it
 * stopped) says why, with the budget's anomaly; each carries the number of
 * line ends in the bytes (lines). The caller owns it (mt_record_free()). */
mt_record *mt_session_budget_record(mt_proto proto, mt_dir dir, guint32 frame, mt_budget why,
                                    gboolean first, guint32 stop_frame, guint64 limit,
                                    guint64 lines);

#endif /* MT_SESSION_H */
