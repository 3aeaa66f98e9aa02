/* mt_util.h - small helpers over untrusted bytes, shared by the machines
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every input is a pointer and a length: bytes from a capture are not
 * NUL-terminated, and nothing here reads past the length.
 */
#ifndef MT_UTIL_H
#define MT_UTIL_H

#include <stddef.h>

#include <glib.h>

/* ASCII upper case, inline: g_ascii_toupper() is a call into GLib, and
 * the catalog lookups run it for every row they look at. */
static inline guint8
mt_ascii_upper(guint8 c)
{
    return (guint8)(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
}

/* t[0..len) equals word, ASCII case-insensitive. */
gboolean mt_ci_eq(const guint8 *t, gsize len, const char *word);

/* t[off..len) starts with word, ASCII case-insensitive. */
gboolean mt_ci_prefix(const guint8 *t, gsize len, gsize off, const char *word);

/* The first index from i that is not a space or tab (or len). */
gsize mt_skip_ws(const guint8 *t, gsize len, gsize i);

/* The first index from i that is a space or tab (or len). */
gsize mt_token_end_ws(const guint8 *t, gsize len, gsize i);

/* Decimal digits at t[i..]: stores their value (saturating at
 * G_MAXUINT64) and returns how many there are. */
gsize mt_parse_u64(const guint8 *t, gsize len, gsize i, guint64 *v);

/* The row of a static table whose name (a const char * member at
 * name_off) equals key, ASCII case-insensitive; NULL if none, or if len is
 * 0 or longer than max_len. */
const void *mt_table_find(const void *table, gsize n, gsize stride, gsize name_off,
                          const guint8 *key, gsize len, gsize max_len);

#define MT_TABLE_FIND(table, type, member, key, len, max_len) \
    ((const type *)mt_table_find((table), G_N_ELEMENTS(table), sizeof(type), \
                                 offsetof(type, member), (key), (len), (max_len)))

#endif /* MT_UTIL_H */
