/* test_text.c - texts in three languages: lookup, fallback, locale, cuts
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The catalogs compiled from po/zh_CN.po and po/ja.po answer the English
 * text with a Chinese or Japanese one; a text they lack comes back in
 * English; "auto" reads the locale as GLib does (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG); a long CJK text is cut after "。", never inside a
 * UTF-8 sequence.
 */
#include <string.h>

#include <glib.h>

#include "mt_record.h"
#include "mt_text.h"

/* Texts every catalog has (from plugin/core/mt_anomalies.def and the SMTP
 * reply catalog). */
#define NO_COMMAND "Reply with no command waiting for it"

static gboolean
has_cjk(const char *s, gboolean kana)
{
    const char *p;

    g_assert_true(g_utf8_validate(s, -1, NULL));
    for (p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if ((c >= 0x4E00 && c <= 0x9FFF) || (kana && c >= 0x3040 && c <= 0x30FF))
            return TRUE;
    }
    return FALSE;
}

static void
test_lookup(void)
{
    const char *zh = mt_tr(MT_LANG_ZH_CN, NO_COMMAND);
    const char *ja = mt_tr(MT_LANG_JA, NO_COMMAND);
    mt_text t = MT_T(NO_COMMAND);

    /* English is the text itself, not a copy */
    g_assert_true(mt_tr(MT_LANG_EN, t.en) == t.en);
    g_assert_cmpstr(zh, !=, NO_COMMAND);
    g_assert_cmpstr(ja, !=, NO_COMMAND);
    g_assert_true(has_cjk(zh, FALSE));
    g_assert_true(has_cjk(ja, TRUE));
    g_assert_cmpstr(mt_text_get(&t, MT_LANG_JA), ==, ja);
    g_assert_cmpstr(mt_text_get(&t, MT_LANG_EN), ==, NO_COMMAND);
    g_assert_null(mt_text_get(NULL, MT_LANG_JA));
}

static void
test_fallback(void)
{
    const char *unknown = "a text no catalog has";

    g_assert_cmpstr(mt_tr(MT_LANG_ZH_CN, unknown), ==, unknown);
    g_assert_cmpstr(mt_tr(MT_LANG_JA, ""), ==, "");
    g_assert_null(mt_tr(MT_LANG_JA, NULL));
    /* an out-of-range language is English */
    g_assert_cmpstr(mt_tr((mt_lang)99, NO_COMMAND), ==, NO_COMMAND);
}

static void
test_catalog_sizes(void)
{
    /* both catalogs are complete (tools/po-check.py fails otherwise), so
     * they hold the same number of texts, and thousands of them */
    g_assert_cmpuint(mt_lang_catalog_size(MT_LANG_EN), ==, 0);
    g_assert_cmpuint(mt_lang_catalog_size(MT_LANG_ZH_CN), >, 2000);
    g_assert_cmpuint(mt_lang_catalog_size(MT_LANG_ZH_CN), ==, mt_lang_catalog_size(MT_LANG_JA));
}

static void
test_codes(void)
{
    g_assert_cmpint(mt_lang_from_code("en"), ==, MT_LANG_EN);
    g_assert_cmpint(mt_lang_from_code("en_US.UTF-8"), ==, MT_LANG_EN);
    g_assert_cmpint(mt_lang_from_code("zh_CN"), ==, MT_LANG_ZH_CN);
    g_assert_cmpint(mt_lang_from_code("zh_CN.UTF-8"), ==, MT_LANG_ZH_CN);
    g_assert_cmpint(mt_lang_from_code("zh_SG.GB18030"), ==, MT_LANG_ZH_CN);
    g_assert_cmpint(mt_lang_from_code("zh-Hans"), ==, MT_LANG_ZH_CN);
    g_assert_cmpint(mt_lang_from_code("zh"), ==, MT_LANG_ZH_CN);
    /* Traditional Chinese is not Simplified Chinese */
    g_assert_cmpint(mt_lang_from_code("zh_TW.UTF-8"), ==, -1);
    g_assert_cmpint(mt_lang_from_code("zh_HK"), ==, -1);
    g_assert_cmpint(mt_lang_from_code("ja_JP.UTF-8"), ==, MT_LANG_JA);
    g_assert_cmpint(mt_lang_from_code("ja"), ==, MT_LANG_JA);
    g_assert_cmpint(mt_lang_from_code("xx"), ==, -1);
    g_assert_cmpint(mt_lang_from_code("jav"), ==, -1);
    g_assert_cmpint(mt_lang_from_code("C"), ==, -1);
    g_assert_cmpint(mt_lang_from_code(""), ==, -1);
    g_assert_cmpint(mt_lang_from_code(NULL), ==, -1);
    g_assert_cmpstr(mt_lang_code(MT_LANG_ZH_CN), ==, "zh_CN");
    g_assert_cmpstr(mt_lang_code(MT_LANG_JA), ==, "ja");
    g_assert_cmpstr(mt_lang_code(MT_LANG_EN), ==, "en");
}

static mt_lang
lang_with(const char *language, const char *lc_all, const char *lc_messages, const char *lang)
{
    const char *names[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
    const char *values[] = { language, lc_all, lc_messages, lang };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (values[i])
            g_setenv(names[i], values[i], TRUE);
        else
            g_unsetenv(names[i]);
    }
    return mt_lang_from_locale();
}

static void
test_locale(void)
{
    g_assert_cmpint(lang_with(NULL, NULL, NULL, "ja_JP.UTF-8"), ==, MT_LANG_JA);
    g_assert_cmpint(lang_with(NULL, NULL, NULL, "zh_CN.UTF-8"), ==, MT_LANG_ZH_CN);
    /* LC_ALL before LC_MESSAGES before LANG */
    g_assert_cmpint(lang_with(NULL, "ja_JP.UTF-8", "zh_CN.UTF-8", "en_US.UTF-8"), ==, MT_LANG_JA);
    g_assert_cmpint(lang_with(NULL, NULL, "zh_CN.UTF-8", "ja_JP.UTF-8"), ==, MT_LANG_ZH_CN);
    /* C, POSIX, a language mailteach lacks: English */
    g_assert_cmpint(lang_with(NULL, NULL, NULL, "C.UTF-8"), ==, MT_LANG_EN);
    g_assert_cmpint(lang_with(NULL, NULL, NULL, "de_DE.UTF-8"), ==, MT_LANG_EN);
    g_assert_cmpint(lang_with(NULL, NULL, NULL, "zh_TW.UTF-8"), ==, MT_LANG_EN);
    g_assert_cmpint(lang_with(NULL, NULL, NULL, NULL), ==, MT_LANG_EN);
    /* LANGUAGE, a list, first; Taiwan's Chinese refused, Japanese next */
    g_assert_cmpint(lang_with("zh_TW:ja", NULL, NULL, "en_US.UTF-8"), ==, MT_LANG_JA);
    g_assert_cmpint(lang_with("de:zh_CN", NULL, NULL, "en_US.UTF-8"), ==, MT_LANG_ZH_CN);
}

static void
test_cjk_pieces(void)
{
    /* three sentences of 10 characters (30 bytes) each */
    const char *text = "服务器已就绪并问候客户端。客户端现在应当发送命令。服务器回答每条命令。";
    gsize skip, n;
    guint max;

    /* room for one sentence and a half: the cut is after the first "。" */
    n = mt_text_piece(text, 50, &skip);
    g_assert_cmpuint(n, ==, strlen("服务器已就绪并问候客户端。"));
    g_assert_cmpuint(skip, ==, 0);
    /* with no "。" in reach, a cut never falls inside a character */
    for (max = 1; max < strlen(text); max++) {
        n = mt_text_piece(text, max, &skip);
        g_assert_cmpuint(n, >, 0);
        g_assert_true(((guchar)text[n] & 0xC0) != 0x80);
        g_assert_true(g_utf8_validate(text, (gssize)n, NULL));
    }
}

/* A summary's count of 1 takes the singular in English: a student who
 * types a message line by line in telnet reads "message text, 1 line". */
static void
test_summary_counts(void)
{
    static const mt_text t = { "message text, {1} lines, {2} octets; {1} linesman", NULL };
    mt_record *r = mt_record_new(MT_PROTO_SMTP, MT_DIR_CLIENT, MT_R_MESSAGE, 1);
    char *s;

    mt_rec_summary(r, &t);
    mt_rec_summary_uint(r, 1, 1);
    mt_rec_summary_uint(r, 2, 1);
    s = mt_rec_summary_format(r, MT_LANG_EN);
    g_assert_cmpstr(s, ==, "message text, 1 line, 1 octet; 1 linesman");
    g_free(s);
    mt_rec_summary_uint(r, 1, 11);
    mt_rec_summary_uint(r, 2, 0);
    s = mt_rec_summary_format(r, MT_LANG_EN);
    g_assert_cmpstr(s, ==, "message text, 11 lines, 0 octets; 11 linesman");
    g_free(s);
    mt_record_free(r);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/text/lookup", test_lookup);
    g_test_add_func("/text/fallback", test_fallback);
    g_test_add_func("/text/catalog_sizes", test_catalog_sizes);
    g_test_add_func("/text/codes", test_codes);
    g_test_add_func("/text/locale", test_locale);
    g_test_add_func("/text/cjk_pieces", test_cjk_pieces);
    g_test_add_func("/text/summary_counts", test_summary_counts);
    return g_test_run();
}
