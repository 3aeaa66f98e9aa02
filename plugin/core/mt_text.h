/* mt_text.h - teaching texts and their translations
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every text a user reads is data: its English text, looked up in the
 * chosen language's gettext catalog when it is shown. A text the catalog
 * lacks is shown in English.
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

/* A text as the catalogs hold it: the English text, which is also the
 * gettext msgid, and a msgctxt where one English text has two meanings.
 * The translations live in po/<lang>.po, compiled into the plugin by the
 * build (mt_catalog_data.c, made by tools/po-to-c.py). */
typedef struct {
    const char *en;
    const char *ctx;
} mt_text;

/* Initialisers for catalog rows, and markers for texts given elsewhere.
 * tools/po-extract.py preprocesses the sources with MT_EXTRACT_MSGIDS
 * defined and reads the markers to write po/mailteach.pot, whatever macro
 * a catalog row is written with. */
#ifdef MT_EXTRACT_MSGIDS
#define MT_T(en)          __mt_msgid__(en)
#define MT_TC(ctx, en)    __mt_msgctxt__(ctx, en)
#define MT_N(en)          __mt_msgid__(en)
#define MT_NF(fmt)        __mt_msgfmt__(fmt)
#else
#define MT_T(en)          { (en), NULL }
#define MT_TC(ctx, en)    { (en), (ctx) }
/* A plain string to be translated where it is used, with mt_tr(). */
#define MT_N(en)          (en)
/* A printf format to be translated where it is used, with mt_tr();
 * msgfmt --check compares its conversions with the translation's. */
#define MT_NF(fmt)        (fmt)
#endif

/* The text in lang, falling back to English; NULL only if t is NULL or has
 * no English text. */
const char *mt_text_get(const mt_text *t, mt_lang lang);

/* The translation of an English string (an MT_N or MT_NF text) in lang,
 * or english itself. A translated printf format keeps the English one's
 * conversions (msgfmt --check), so the compiler checks the call against
 * the English format. */
const char *mt_tr(mt_lang lang, const char *english) G_GNUC_FORMAT(2);

/* "en", "zh_CN", "ja". */
const char *mt_lang_code(mt_lang lang);

/* The language a code names: "en", "zh_CN", "ja", and the locale forms
 * "zh", "zh_CN.UTF-8", "zh_SG", "zh_Hans", "ja_JP.UTF-8" ...; -1 for any
 * other. */
int mt_lang_from_code(const char *code);

/* The language of the user's locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE,
 * through GLib): the first of its languages mailteach has, else English. */
mt_lang mt_lang_from_locale(void);

/* How many texts the catalog of lang translates (0 for English). */
guint mt_lang_catalog_size(mt_lang lang);

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
