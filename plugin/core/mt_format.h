/* mt_format.h - numbers and bytes in words a student reads
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef MT_FORMAT_H
#define MT_FORMAT_H

#include <glib.h>

/* "10240000 octets (10.2 MB, 9.8 MiB)"; "512 octets". g_free() it. */
char *mt_format_octets(guint64 v);

/* Name of an ASCII control character: "BS (backspace)", "NUL" ...; NULL
 * for a printable byte. */
const char *mt_control_name(guint8 c);

#endif /* MT_FORMAT_H */
