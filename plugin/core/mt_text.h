/* mt_text.h - teaching texts with one slot per language
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every text a user reads is data: a struct with one slot per supported
 * language. A slot left NULL falls back to English, so a catalog can be
 * translated entry by entry.
 */
#ifndef MT_TEXT_H
#define MT_TEXT_H

#include <glib.h>

typedef enum {
    MT_LANG_EN = 0,
    MT_LANG_ZH_CN,
    MT_LANG_JA,
    MT_LANG_COUNT
} mt_lang;

typedef struct {
    const char *s[MT_LANG_COUNT];
} mt_text;

/* Initialisers for catalog rows. */
#define MT_T(en)          { { (en), NULL, NULL } }
#define MT_T3(en, zh, ja) { { (en), (zh), (ja) } }

/* The text in lang, falling back to English; NULL only if t is NULL or has
 * no English text. */
const char *mt_text_get(const mt_text *t, mt_lang lang);

/* "en", "zh_CN", "ja". */
const char *mt_lang_code(mt_lang lang);

/* Long texts are shown as several tree items because Wireshark cuts item
 * labels at 240 bytes. Returns the byte length of the first piece of text
 * that fits in max_bytes: as many whole sentences as fit (a sentence ends
 * with ". ", "? ", "! " or "。", never at a semicolon or a colon). Only a
 * single sentence longer than max_bytes is cut, after a space, never
 * inside a UTF-8 sequence (a first character longer than max_bytes is
 * returned whole). *skip receives the number of separator bytes to skip
 * before the next piece. Returns 0 only for an empty text. */
gsize mt_text_piece(const char *text, gsize max_bytes, gsize *skip);

#endif /* MT_TEXT_H */
