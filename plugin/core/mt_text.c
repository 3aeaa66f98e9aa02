/* mt_text.c - teaching texts and their translations
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_text.h"

#include <string.h>

/* The compiled catalogs (mt_catalog_data.c, made from po/<lang>.po by
 * tools/po-to-c.py): for each language other than English, pairs of key
 * and translation, NULL-terminated; the key is the msgid, or msgctxt, the
 * byte 0x04 and the msgid, as in a .mo file. */
extern const char *const *const mt_catalog_data[MT_LANG_COUNT];

static GHashTable *catalogs[MT_LANG_COUNT];

static GHashTable *
catalog(mt_lang lang)
{
    static gsize ready;

    if (g_once_init_enter(&ready)) {
        guint l;

        for (l = MT_LANG_EN + 1; l < MT_LANG_COUNT; l++) {
            const char *const *d = mt_catalog_data[l];

            catalogs[l] = g_hash_table_new(g_str_hash, g_str_equal);
            for (; d != NULL && d[0] != NULL; d += 2)
                g_hash_table_insert(catalogs[l], (gpointer)d[0], (gpointer)d[1]);
        }
        g_once_init_leave(&ready, 1);
    }
    return (unsigned)lang < MT_LANG_COUNT ? catalogs[lang] : NULL;
}

static const char *
lookup(mt_lang lang, const char *ctx, const char *en)
{
    GHashTable *h;
    const char *tr;

    if (en == NULL || lang == MT_LANG_EN || (unsigned)lang >= MT_LANG_COUNT || en[0] == '\0')
        return en;
    h = catalog(lang);
    if (h == NULL)
        return en;
    if (ctx != NULL) {
        char *key = g_strconcat(ctx, "\004", en, NULL);

        tr = (const char *)g_hash_table_lookup(h, key);
        g_free(key);
    } else {
        tr = (const char *)g_hash_table_lookup(h, en);
    }
    return tr != NULL ? tr : en;
}

const char *
mt_text_get(const mt_text *t, mt_lang lang)
{
    if (t == NULL)
        return NULL;
    return lookup(lang, t->ctx, t->en);
}

const char *
mt_tr(mt_lang lang, const char *english)
{
    return lookup(lang, NULL, english);
}

guint
mt_lang_catalog_size(mt_lang lang)
{
    GHashTable *h = lang == MT_LANG_EN ? NULL : catalog(lang);

    return h != NULL ? g_hash_table_size(h) : 0;
}

const char *
mt_lang_code(mt_lang lang)
{
    switch (lang) {
    case MT_LANG_ZH_CN: return "zh_CN";
    case MT_LANG_JA:    return "ja";
    default:            return "en";
    }
}

int
mt_lang_from_code(const char *code)
{
    gsize n;

    if (code == NULL)
        return -1;
    /* the language part of a locale name: before "_", ".", "@" or "-" */
    n = strcspn(code, "_.@-");
    if (n == 2 && g_ascii_strncasecmp(code, "en", 2) == 0)
        return MT_LANG_EN;
    if (n == 2 && g_ascii_strncasecmp(code, "ja", 2) == 0)
        return MT_LANG_JA;
    if (n == 2 && g_ascii_strncasecmp(code, "zh", 2) == 0) {
        const char *rest = code + 2;

        /* Simplified Chinese: zh, zh_CN, zh_SG, zh_Hans; Taiwan, Hong Kong
         * and Macao write Traditional Chinese, which mailteach lacks */
        if (*rest == '\0' || *rest == '.' || *rest == '@'
            || g_ascii_strncasecmp(rest + 1, "CN", 2) == 0
            || g_ascii_strncasecmp(rest + 1, "SG", 2) == 0
            || g_ascii_strncasecmp(rest + 1, "Hans", 4) == 0)
            return MT_LANG_ZH_CN;
        return -1;
    }
    return -1;
}

mt_lang
mt_lang_from_locale(void)
{
    const gchar *const *names = g_get_language_names();
    char refused[8] = "";
    guint i;

    /* GLib lists each locale with its generalisations: "zh_TW.UTF-8",
     * "zh_TW", "zh.UTF-8", "zh". Once a locale of a language is refused
     * (Traditional Chinese), its generalisations are not taken for it. */
    for (i = 0; names != NULL && names[i] != NULL; i++) {
        gsize n = strcspn(names[i], "_.@-");
        int l;

        if (strcmp(names[i], "C") == 0 || strcmp(names[i], "POSIX") == 0)
            break;
        if (refused[0] != '\0' && n == strlen(refused) && strncmp(names[i], refused, n) == 0)
            continue;
        l = mt_lang_from_code(names[i]);
        if (l >= 0)
            return (mt_lang)l;
        if (n < sizeof refused)
            g_strlcpy(refused, names[i], n + 1);
    }
    return MT_LANG_EN;
}

/* Is text[i] the first byte of a UTF-8 sequence (or ASCII)? */
static gboolean
is_char_start(const char *text, gsize i)
{
    return ((guchar)text[i] & 0xC0) != 0x80;
}

gsize
mt_text_piece(const char *text, gsize max_bytes, gsize *skip)
{
    gsize len = strlen(text);
    gsize i, best_sentence = 0, best_space = 0;

    *skip = 0;
    if (len <= max_bytes)
        return len;
    if (max_bytes == 0)
        max_bytes = 1;

    for (i = 1; i <= max_bytes && i < len; i++) {
        /* ". ", "? " and "! " end a sentence; a semicolon or a colon does
         * not: a piece must read as whole sentences */
        if (text[i] == ' ' && (text[i - 1] == '.' || text[i - 1] == '?'
                               || text[i - 1] == '!'))
            best_sentence = i;
        else if (text[i] == ' ')
            best_space = i;
        /* U+3002 IDEOGRAPHIC FULL STOP (E3 80 82), U+FF01 FULLWIDTH
         * EXCLAMATION MARK (EF BC 81), U+FF1F FULLWIDTH QUESTION MARK
         * (EF BC 9F) */
        if (i >= 3 && (((guchar)text[i - 3] == 0xE3 && (guchar)text[i - 2] == 0x80
                        && (guchar)text[i - 1] == 0x82)
                       || ((guchar)text[i - 3] == 0xEF && (guchar)text[i - 2] == 0xBC
                           && ((guchar)text[i - 1] == 0x81 || (guchar)text[i - 1] == 0x9F))))
            best_sentence = i;
    }
    if (best_sentence > 0) {
        *skip = text[best_sentence] == ' ' ? 1 : 0;
        return best_sentence;
    }
    if (best_space > 0) {
        *skip = 1;
        return best_space;
    }
    /* No break found: cut at the last character boundary that fits. */
    i = max_bytes;
    while (i > 0 && !is_char_start(text, i))
        i--;
    if (i > 0)
        return i;
    /* max_bytes is shorter than the first character: take it whole (a
     * UTF-8 character has at most 4 bytes; invalid text gets no more) */
    for (i = 1; i < len && i < 4 && !is_char_start(text, i); i++)
        ;
    return i;
}
