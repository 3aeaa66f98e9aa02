/* mt_util.c - small helpers over untrusted bytes, shared by the machines
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_util.h"

#include <string.h>

gboolean
mt_ci_eq(const guint8 *t, gsize len, const char *word)
{
    const guint8 *w = (const guint8 *)word;
    gsize i;

    /* never reads t past len, nor word past its NUL */
    for (i = 0; i < len; i++) {
        if (w[i] == '\0' || mt_ascii_upper(t[i]) != mt_ascii_upper(w[i]))
            return FALSE;
    }
    return w[len] == '\0';
}

gboolean
mt_ci_prefix(const guint8 *t, gsize len, gsize off, const char *word)
{
    gsize n = strlen(word);

    return off <= len && len - off >= n && g_ascii_strncasecmp((const char *)t + off, word, n) == 0;
}

gsize
mt_skip_ws(const guint8 *t, gsize len, gsize i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i;
}

gsize
mt_token_end_ws(const guint8 *t, gsize len, gsize i)
{
    while (i < len && t[i] != ' ' && t[i] != '\t')
        i++;
    return i;
}

gsize
mt_parse_u64(const guint8 *t, gsize len, gsize i, guint64 *v)
{
    gsize start = i;
    guint64 n = 0;

    while (i < len && g_ascii_isdigit(t[i])) {
        guint d = (guint)(t[i] - '0');
        n = n > (G_MAXUINT64 - d) / 10 ? G_MAXUINT64 : n * 10 + d;
        i++;
    }
    *v = n;
    return i - start;
}

const void *
mt_table_find(const void *table, gsize n, gsize stride, gsize name_off,
              const guint8 *key, gsize len, gsize max_len)
{
    const guint8 *row = table;
    guint8 first;
    gsize i;

    if (key == NULL || len == 0 || len > max_len)
        return NULL;
    first = mt_ascii_upper(key[0]);
    for (i = 0; i < n; i++, row += stride) {
        const char *name = *(const char *const *)(const void *)(row + name_off);
        /* the first letter rules out most rows without a call */
        if (name && mt_ascii_upper((guint8)name[0]) == first && mt_ci_eq(key, len, name))
            return row;
    }
    return NULL;
}
