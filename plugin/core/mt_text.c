/* mt_text.c - teaching texts with one slot per language
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_text.h"

#include <string.h>

const char *
mt_text_get(const mt_text *t, mt_lang lang)
{
    if (t == NULL)
        return NULL;
    if ((unsigned)lang < MT_LANG_COUNT && t->s[lang] != NULL)
        return t->s[lang];
    return t->s[MT_LANG_EN];
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
