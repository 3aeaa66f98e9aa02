/* mt_detect.h - is this TCP stream SMTP, POP3 or IMAP?
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Classroom servers listen on ports such as 2525, 1025, 1110 or 1143,
 * where Wireshark does not look for mail. The evidence comes in two
 * halves: the server's first line (its greeting) and the client's first
 * command. A greeting that names its protocol ("220 ... ESMTP ...",
 * "* OK [CAPABILITY IMAP4rev1] ...") is enough; a bare one ("220 163.com
 * Anti-spam GT for Coremail System", which an FTP server could also send)
 * is only a candidate until the client's first command confirms it.
 */
#ifndef MT_DETECT_H
#define MT_DETECT_H

#include <glib.h>

#include "mt_record.h"

typedef enum {
    MT_DETECT_NO = 0,
    MT_DETECT_MAYBE,
    MT_DETECT_YES
} mt_verdict;

/* Only this much of a first line is looked at. */
#define MT_DETECT_MAX_LINE 512

/* The first bytes a server sent on a connection. */
mt_verdict mt_detect_greeting(const guint8 *data, gsize len, mt_proto *proto);

/* The first bytes a client sent. candidate is what a MAYBE greeting
 * suggested, or MT_PROTO_NONE when no greeting was seen. */
mt_verdict mt_detect_client(const guint8 *data, gsize len, mt_proto candidate,
                            mt_proto *proto);

#endif /* MT_DETECT_H */
