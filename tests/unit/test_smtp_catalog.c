/* test_smtp_catalog.c - checks a teacher would make of the SMTP and SASL
 * catalogs
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "mt_sasl_catalog.h"
#include "mt_smtp_catalog.h"
#include "mt_smtp_texts.h"
#include "mt_test_util.h"
#include "mt_text.h"

/* Wireshark cuts tree item labels at this many bytes. */
#define LABEL_MAX       MT_TEST_LABEL_MAX
#define EXPLANATION_MAX MT_TEST_EXPLANATION_MAX
/* newer GLib pulls in <limits.h>, which has a NAME_MAX of its own */
#undef NAME_MAX
#define NAME_MAX        MT_TEST_NAME_MAX
#define SENTENCES_MAX   MT_TEST_SENTENCES_MAX

static const guint8 *
u8(const char *s)
{
    return (const guint8 *)s;
}

static gboolean
contains(const char *haystack, const char *needle)
{
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

static const char *
en(const mt_text *t)
{
    return mt_text_get(t, MT_LANG_EN);
}

/* Checked accessors: a missing row fails with its name, not a crash. */
static const mt_smtp_command_info *
cmd_get(mt_smtp_cmd id)
{
    const mt_smtp_command_info *c = mt_smtp_command_get(id);

    if (c == NULL)
        g_error("command id %d missing", (int)id);
    return c;
}

static const mt_smtp_reply_info *
reply_get(guint code)
{
    const mt_smtp_reply_info *r = mt_smtp_reply_lookup(code);

    if (r == NULL)
        g_error("reply %u missing", code);
    return r;
}

static const char *
ctx_get(mt_smtp_cmd cmd, guint code)
{
    const mt_text *t = mt_smtp_reply_context_lookup(cmd, code);

    if (t == NULL)
        g_error("context (%d, %u) missing", (int)cmd, code);
    return en(t);
}

static const mt_smtp_enhanced_info *
enh_get(guint subject, guint detail)
{
    const mt_smtp_enhanced_info *e = mt_smtp_enhanced_lookup(subject, detail);

    if (e == NULL)
        g_error("enhanced X.%u.%u missing", subject, detail);
    return e;
}

static const mt_smtp_ext_info *
ext_get(const char *kw, gsize len)
{
    const mt_smtp_ext_info *e = mt_smtp_ext_lookup((const guint8 *)kw, len);

    if (e == NULL)
        g_error("EHLO keyword %.*s missing", (int)len, kw);
    return e;
}

static const mt_smtp_param_info *
param_get(const char *kw, gsize len)
{
    const mt_smtp_param_info *p = mt_smtp_param_lookup((const guint8 *)kw, len);

    if (p == NULL)
        g_error("parameter %.*s missing", (int)len, kw);
    return p;
}

static const mt_sasl_mech_info *
mech_get(const char *name, gsize len)
{
    const mt_sasl_mech_info *m = mt_sasl_mech_lookup((const guint8 *)name, len);

    if (m == NULL)
        g_error("SASL mechanism %.*s missing", (int)len, name);
    return m;
}

/* ------------------------------------------------------------------------
 * Text integrity helpers
 * ------------------------------------------------------------------------ */

static void
check_name(const char *what, const mt_text *t)
{
    mt_check_english(what, en(t), NAME_MAX);
}


static gboolean
rfc_cites_vendor(const char *rfc)
{
    static const char *const vendors[] = {
        "Postfix", "Microsoft", "Google", "Netscape", NULL
    };
    guint i;

    for (i = 0; vendors[i] != NULL; i++) {
        if (g_str_has_prefix(rfc, vendors[i]))
            return TRUE;
    }
    return FALSE;
}

/* "RFC 5321 §4.1.1.1", "draft-...", a vendor, or (only for registry
 * entries whose specification we could not confirm) the IANA registry. */
static void
check_rfc(const char *what, const char *rfc, gboolean allow_iana)
{
    mt_check_english(what, rfc, NAME_MAX);
    if (g_str_has_prefix(rfc, "RFC ")) {
        g_assert_true(g_ascii_isdigit(rfc[4]));
        return;
    }
    if (g_str_has_prefix(rfc, "draft-") || rfc_cites_vendor(rfc))
        return;
    if (allow_iana && g_str_has_prefix(rfc, "IANA "))
        return;
    g_error("%s: bad citation \"%s\"", what, rfc);
}

static gboolean
is_upper_keyword(const char *s)
{
    const char *p;

    if (s == NULL || *s == '\0')
        return FALSE;
    for (p = s; *p != '\0'; p++) {
        if (!(g_ascii_isupper(*p) || g_ascii_isdigit(*p) || *p == '-' || *p == '='))
            return FALSE;
    }
    return TRUE;
}

/* Look a keyword up in lower case, through a buffer that holds exactly its
 * bytes (no NUL), so AddressSanitizer catches any read past len. */
typedef const void *(*kw_lookup_fn)(const guint8 *, gsize);

static const void *
lookup_lower_exact(kw_lookup_fn fn, const char *kw)
{
    gsize len = strlen(kw), i;
    guint8 *buf = g_malloc(len);
    const void *r;

    for (i = 0; i < len; i++)
        buf[i] = (guint8)g_ascii_tolower(kw[i]);
    r = fn(buf, len);
    g_free(buf);
    return r;
}

static const void *
cmd_lookup(const guint8 *s, gsize len)
{
    return mt_smtp_command_lookup(s, len);
}

static const void *
ext_lookup(const guint8 *s, gsize len)
{
    return mt_smtp_ext_lookup(s, len);
}

static const void *
param_lookup(const guint8 *s, gsize len)
{
    return mt_smtp_param_lookup(s, len);
}

static const void *
sasl_lookup(const guint8 *s, gsize len)
{
    return mt_sasl_mech_lookup(s, len);
}

/* ------------------------------------------------------------------------
 * Commands
 * ------------------------------------------------------------------------ */

static void
test_command_lookup(void)
{
    const mt_smtp_command_info *c;

    c = mt_smtp_command_lookup(u8("ehlo"), 4);
    g_assert_nonnull(c);
    g_assert_cmpint(c->id, ==, MT_SMTP_CMD_EHLO);
    g_assert_cmpstr(c->rfc, ==, "RFC 5321 §4.1.1.1");

    c = mt_smtp_command_lookup(u8("MaIl"), 4);
    g_assert_nonnull(c);
    g_assert_cmpint(c->id, ==, MT_SMTP_CMD_MAIL);

    /* the length is honoured: the extra "X" is not part of the verb */
    c = mt_smtp_command_lookup(u8("STARTTLSX"), 8);
    g_assert_nonnull(c);
    g_assert_cmpint(c->id, ==, MT_SMTP_CMD_STARTTLS);
    g_assert_cmpstr(c->rfc, ==, "RFC 3207 §4");

    g_assert_null(mt_smtp_command_lookup(u8("STAR"), 4));
    g_assert_null(mt_smtp_command_lookup(u8("STARTTLSX"), 9));
    g_assert_null(mt_smtp_command_lookup(u8("EHLO"), 0));
    g_assert_null(mt_smtp_command_lookup(NULL, 4));
    g_assert_null(mt_smtp_command_lookup(u8("EHLO"), (gsize)1 << 30));
    g_assert_null(mt_smtp_command_lookup(u8("EHL\0"), 4));
    g_assert_null(mt_smtp_command_lookup(u8("XYZZ"), 4));

    /* obsolete and LMTP verbs are still known */
    c = mt_smtp_command_lookup(u8("turn"), 4);
    g_assert_nonnull(c);
    g_assert_true(g_str_has_prefix(c->rfc, "RFC 821"));
    c = mt_smtp_command_lookup(u8("LHLO"), 4);
    g_assert_nonnull(c);
    g_assert_true(g_str_has_prefix(c->rfc, "RFC 2033"));
    c = mt_smtp_command_lookup(u8("BDAT"), 4);
    g_assert_nonnull(c);
    g_assert_cmpstr(c->rfc, ==, "RFC 3030 §2");
    c = mt_smtp_command_lookup(u8("auth"), 4);
    g_assert_nonnull(c);
    g_assert_cmpstr(c->rfc, ==, "RFC 4954 §4");
}

static void
test_command_sections(void)
{
    static const struct {
        mt_smtp_cmd id;
        const char *rfc;
    } want[] = {
        { MT_SMTP_CMD_HELO, "RFC 5321 §4.1.1.1" },
        { MT_SMTP_CMD_EHLO, "RFC 5321 §4.1.1.1" },
        { MT_SMTP_CMD_MAIL, "RFC 5321 §4.1.1.2" },
        { MT_SMTP_CMD_RCPT, "RFC 5321 §4.1.1.3" },
        { MT_SMTP_CMD_DATA, "RFC 5321 §4.1.1.4" },
        { MT_SMTP_CMD_RSET, "RFC 5321 §4.1.1.5" },
        { MT_SMTP_CMD_VRFY, "RFC 5321 §4.1.1.6" },
        { MT_SMTP_CMD_EXPN, "RFC 5321 §4.1.1.7" },
        { MT_SMTP_CMD_HELP, "RFC 5321 §4.1.1.8" },
        { MT_SMTP_CMD_NOOP, "RFC 5321 §4.1.1.9" },
        { MT_SMTP_CMD_QUIT, "RFC 5321 §4.1.1.10" },
    };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(want); i++) {
        const mt_smtp_command_info *c = mt_smtp_command_get(want[i].id);

        g_assert_nonnull(c);
        g_assert_cmpstr(c->rfc, ==, want[i].rfc);
    }
    g_assert_true(contains(cmd_get(MT_SMTP_CMD_MAIL)->syntax, "MAIL FROM:<"));
    g_assert_true(contains(cmd_get(MT_SMTP_CMD_RCPT)->syntax, "RCPT TO:<"));
}

static void
test_command_every_id(void)
{
    gsize n, i;
    const mt_smtp_command_info *t = mt_smtp_commands(&n);
    guint id;

    g_assert_cmpuint(n, ==, MT_SMTP_CMD_COUNT - 1);
    for (id = MT_SMTP_CMD_UNKNOWN + 1; id < MT_SMTP_CMD_COUNT; id++) {
        const mt_smtp_command_info *c = mt_smtp_command_get((mt_smtp_cmd)id);
        guint rows = 0;

        g_assert_nonnull(c);
        g_assert_cmpint(c->id, ==, (mt_smtp_cmd)id);
        for (i = 0; i < n; i++) {
            if (t[i].id == (mt_smtp_cmd)id)
                rows++;
        }
        g_assert_cmpuint(rows, ==, 1);
    }
    g_assert_null(mt_smtp_command_get(MT_SMTP_CMD_UNKNOWN));
    g_assert_null(mt_smtp_command_get(MT_SMTP_CMD_COUNT));
    g_assert_null(mt_smtp_command_get((mt_smtp_cmd)999));
}

static void
test_command_verbs_and_pseudo(void)
{
    gsize n, i;
    const mt_smtp_command_info *t = mt_smtp_commands(&n);

    for (i = 0; i < n; i++) {
        const mt_smtp_command_info *c = &t[i];

        if (c->id >= MT_SMTP_CMD_CONNECT) {
            /* pseudo commands: labels are never found as verbs */
            g_assert_null(mt_smtp_command_lookup(u8(c->verb), strlen(c->verb)));
            g_assert_null(lookup_lower_exact(cmd_lookup, c->verb));
        } else {
            g_assert_true(is_upper_keyword(c->verb));
            g_assert_true(lookup_lower_exact(cmd_lookup, c->verb) == c);
            g_assert_true(g_str_has_prefix(c->syntax, c->verb));
        }
    }
    g_assert_null(mt_smtp_command_lookup(u8("CONNECT"), 7));
    g_assert_null(mt_smtp_command_lookup(u8("SASL"), 4));
    g_assert_null(mt_smtp_command_lookup(u8("."), 1));
}

static void
test_command_texts(void)
{
    gsize n, i;
    const mt_smtp_command_info *t = mt_smtp_commands(&n);

    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("command %s", t[i].verb);

        mt_check_english(what, t[i].verb, NAME_MAX);
        mt_check_english(what, t[i].syntax, NAME_MAX);
        check_rfc(what, t[i].rfc, FALSE);
        check_name(what, &t[i].name);
        mt_check_summary(what, &t[i].summary);
        mt_check_teaching(what, &t[i].explanation);
        mt_check_teaching(what, &t[i].next);
        g_free(what);
    }
    /* the summary names the argument where there is one */
    g_assert_true(contains(en(&cmd_get(MT_SMTP_CMD_RCPT)->summary), "{1}"));
    g_assert_true(contains(en(&cmd_get(MT_SMTP_CMD_EHLO)->summary), "{1}"));
    g_assert_false(contains(en(&cmd_get(MT_SMTP_CMD_QUIT)->summary), "{1}"));
    /* RFC 3207 §4.2: SHOULD send EHLO again after TLS, not MUST */
    g_assert_true(contains(en(&cmd_get(MT_SMTP_CMD_EHLO)->explanation),
                           "should send it again after STARTTLS"));
    /* the classic misconceptions are taught where they belong */
    g_assert_true(contains(en(&cmd_get(MT_SMTP_CMD_MAIL)->explanation), "From:"));
    g_assert_true(contains(en(&cmd_get(MT_SMTP_CMD_AUTH)->explanation),
                           "not encryption"));
    g_assert_true(contains(en(&cmd_get(MT_SMTP_CMD_SASL)->explanation), "\"*\""));
    g_assert_true(contains(en(&cmd_get(MT_SMTP_CMD_DATA_END)->name), "\".\""));
}

/* ------------------------------------------------------------------------
 * Reply codes and digits
 * ------------------------------------------------------------------------ */

static void
test_reply_codes(void)
{
    /* RFC 5321 §4.2.3, all of it */
    static const guint rfc5321[] = {
        211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455,
        500, 501, 502, 503, 504, 550, 551, 552, 553, 554, 555
    };
    /* RFC 3207, RFC 4954, RFC 7504 */
    static const guint extensions[] = {
        220, 454, 530, 235, 334, 432, 500, 534, 535, 538, 521, 556
    };
    const mt_smtp_reply_info *r;
    guint i;

    for (i = 0; i < G_N_ELEMENTS(rfc5321); i++) {
        r = mt_smtp_reply_lookup(rfc5321[i]);
        if (r == NULL)
            g_error("RFC 5321 reply %u missing", rfc5321[i]);
        g_assert_true(g_str_has_prefix(r->rfc, "RFC 5321 §4.2.3"));
    }
    for (i = 0; i < G_N_ELEMENTS(extensions); i++)
        g_assert_nonnull(mt_smtp_reply_lookup(extensions[i]));

    r = mt_smtp_reply_lookup(354);
    g_assert_true(contains(en(&r->name), "mail input"));
    g_assert_true(contains(reply_get(530)->rfc, "RFC 3207"));
    g_assert_true(contains(reply_get(530)->rfc, "RFC 4954"));
    g_assert_true(contains(reply_get(454)->rfc, "RFC 3207"));
    g_assert_true(contains(reply_get(454)->rfc, "RFC 4954"));
    g_assert_true(contains(en(&reply_get(535)->name), "credentials invalid"));

    g_assert_null(mt_smtp_reply_lookup(0));
    g_assert_null(mt_smtp_reply_lookup(199));
    g_assert_null(mt_smtp_reply_lookup(299));
    g_assert_null(mt_smtp_reply_lookup(600));
    g_assert_null(mt_smtp_reply_lookup(G_MAXUINT));
}

static void
test_reply_table_integrity(void)
{
    gsize n, i;
    const mt_smtp_reply_info *t = mt_smtp_replies(&n);

    g_assert_cmpuint(n, >=, 24);
    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("reply %u", t[i].code);

        g_assert_cmpuint(t[i].code, >=, 200);
        g_assert_cmpuint(t[i].code, <=, 599);
        if (i > 0)
            g_assert_cmpuint(t[i - 1].code, <, t[i].code);  /* sorted and unique */
        g_assert_true(mt_smtp_reply_lookup(t[i].code) == &t[i]);
        check_rfc(what, t[i].rfc, FALSE);
        check_name(what, &t[i].name);
        mt_check_teaching(what, &t[i].explanation);
        g_free(what);
    }
}

static void
test_reply_digits(void)
{
    guint d;

    for (d = 1; d <= 5; d++) {
        const mt_smtp_digit_info *c = mt_smtp_reply_class_lookup(d);
        gchar *what = g_strdup_printf("reply class %u", d);

        g_assert_nonnull(c);
        g_assert_cmpuint(c->value, ==, d);
        g_assert_cmpstr(c->rfc, ==, "RFC 5321 §4.2.1");
        check_name(what, &c->name);
        mt_check_teaching(what, &c->explanation);
        g_free(what);
    }
    g_assert_null(mt_smtp_reply_class_lookup(0));
    g_assert_null(mt_smtp_reply_class_lookup(6));
    g_assert_true(contains(en(&mt_smtp_reply_class_lookup(4)->explanation), "later"));
    g_assert_true(contains(en(&mt_smtp_reply_class_lookup(5)->explanation), "unchanged"));
    /* 2yz is also the class of 221: nothing about a next command */
    g_assert_false(contains(en(&mt_smtp_reply_class_lookup(2)->explanation), "next command"));
    /* 5yz: this request failed; a changed one can succeed (RFC 5321 §4.2.1) */
    g_assert_false(contains(en(&mt_smtp_reply_class_lookup(5)->explanation), "will not work"));
    g_assert_true(contains(en(&mt_smtp_reply_class_lookup(5)->explanation), "can still succeed"));
    /* generic code texts hold no condition on a command: that is the
     * context rows' job */
    g_assert_false(contains(en(&reply_get(250)->explanation), "final"));
    g_assert_false(contains(en(&reply_get(500)->explanation), "AUTH"));
    g_assert_false(contains(en(&reply_get(554)->explanation), "greeting"));

    for (d = 0; d <= 5; d++) {
        const mt_smtp_digit_info *c = mt_smtp_reply_category_lookup(d);
        gchar *what = g_strdup_printf("reply category %u", d);

        g_assert_nonnull(c);
        g_assert_cmpuint(c->value, ==, d);
        check_name(what, &c->name);
        mt_check_teaching(what, &c->explanation);
        g_free(what);
    }
    g_assert_null(mt_smtp_reply_category_lookup(6));
    g_assert_cmpstr(en(&mt_smtp_reply_category_lookup(0)->name), ==, "Syntax");
    g_assert_cmpstr(en(&mt_smtp_reply_category_lookup(5)->name), ==, "Mail system");
}

/* ------------------------------------------------------------------------
 * Reply contexts
 * ------------------------------------------------------------------------ */

static void
test_context_examples(void)
{
    const mt_text *t;

    t = mt_smtp_reply_context_lookup(MT_SMTP_CMD_DATA, 354);
    g_assert_nonnull(t);
    g_assert_true(contains(en(t), "\".\""));

    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_RCPT, 550));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_RCPT, 251));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_VRFY, 252));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_HELP, 214));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_NOOP, 250));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_RSET, 250));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_BDAT, 250));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_AUTH, 235));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_AUTH, 535));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_SASL, 535));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_ETRN, 458));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_ETRN, 459));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_DATA_END, 552));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_DATA_END, 554));
    g_assert_nonnull(mt_smtp_reply_context_lookup(MT_SMTP_CMD_DATA_END, 451));

    g_assert_true(contains(ctx_get(MT_SMTP_CMD_CONNECT, 220), "EHLO"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_CONNECT, 554), "QUIT"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_EHLO, 250),
                           "extension"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_MAIL, 250), "RCPT TO"));
    /* "not the From: header" is taught on MAIL itself, once per transaction */
    g_assert_false(contains(ctx_get(MT_SMTP_CMD_MAIL, 250), "From:"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_DATA, 503),
                           "commands again"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_DATA, 554),
                           "commands again"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_DATA_END, 250),
                           "queued"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_DATA_END, 250),
                           "not yet"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_QUIT, 221), "closes"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_STARTTLS, 220),
                           "EHLO again"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_AUTH, 334), "Base64"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_AUTH, 334), "\"*\""));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_VRFY, 252),
                           "harvesting"));
    g_assert_cmpstr(mt_smtp_reply_context_find(MT_SMTP_CMD_VRFY, 252)->rfc, ==, "RFC 5321 §3.5.3");
    /* 535: this attempt failed; new credentials can succeed (RFC 4954 §6) */
    g_assert_false(contains(ctx_get(MT_SMTP_CMD_AUTH, 535), "will not help"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_AUTH, 535), "can succeed"));
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_SASL, 535), "can succeed"));
    g_assert_cmpstr(en(&mt_smtp_reply_context_find(MT_SMTP_CMD_AUTH, 235)->summary), ==,
                    "login succeeded");
    g_assert_cmpstr(en(&mt_smtp_reply_context_find(MT_SMTP_CMD_RCPT, 250)->summary), ==,
                    "recipient accepted");
    /* HELO: the server need not list extensions (QQ lists SIZE anyway) */
    g_assert_true(contains(ctx_get(MT_SMTP_CMD_HELO, 250), "need not"));
}

static void
test_context_fallback(void)
{
    const mt_text *exact, *klass;

    /* no exact (MAIL, 457) row: the class 4 row for MAIL answers */
    klass = mt_smtp_reply_context_lookup(MT_SMTP_CMD_MAIL, 4);
    g_assert_nonnull(klass);
    g_assert_true(mt_smtp_reply_context_lookup(MT_SMTP_CMD_MAIL, 457) == klass);

    /* an exact row wins over the class row */
    exact = mt_smtp_reply_context_lookup(MT_SMTP_CMD_MAIL, 421);
    g_assert_nonnull(exact);
    g_assert_true(exact != klass);

    /* RCPT 599 falls back to the class 5 row */
    g_assert_true(mt_smtp_reply_context_lookup(MT_SMTP_CMD_RCPT, 599)
                  == mt_smtp_reply_context_lookup(MT_SMTP_CMD_RCPT, 5));

    /* NOOP has no class rows: nothing to say about an odd reply */
    g_assert_null(mt_smtp_reply_context_lookup(MT_SMTP_CMD_NOOP, 554));

    /* nonsense */
    g_assert_null(mt_smtp_reply_context_lookup(MT_SMTP_CMD_MAIL, 0));
    g_assert_null(mt_smtp_reply_context_lookup(MT_SMTP_CMD_MAIL, 99));
    g_assert_null(mt_smtp_reply_context_lookup(MT_SMTP_CMD_MAIL, 600));
    g_assert_null(mt_smtp_reply_context_lookup(MT_SMTP_CMD_MAIL, 6));
    g_assert_null(mt_smtp_reply_context_lookup(MT_SMTP_CMD_COUNT, 250));
    g_assert_null(mt_smtp_reply_context_lookup((mt_smtp_cmd)999, 250));
}

/* What RFC 5321 §4.3.2 (and RFC 3207/4954/3030/1985/2645) list for each
 * command: every one of them has an exact row. */
static void
test_context_rfc_sequences(void)
{
    static const struct {
        mt_smtp_cmd cmd;
        guint codes[12];
    } want[] = {
        { MT_SMTP_CMD_CONNECT,  { 220, 554, 421, 0 } },
        { MT_SMTP_CMD_EHLO,     { 250, 504, 550, 502, 500, 501, 421, 0 } },
        { MT_SMTP_CMD_HELO,     { 250, 504, 550, 501, 421, 0 } },
        { MT_SMTP_CMD_MAIL,     { 250, 552, 451, 452, 550, 553, 503, 455, 555, 501, 421, 0 } },
        { MT_SMTP_CMD_RCPT,     { 250, 251, 550, 551, 552, 553, 450, 451, 452, 503, 455, 555 } },
        { MT_SMTP_CMD_DATA,     { 354, 503, 554, 421, 0 } },
        { MT_SMTP_CMD_DATA_END, { 250, 552, 554, 451, 452, 450, 550, 421, 0 } },
        { MT_SMTP_CMD_RSET,     { 250, 0 } },
        { MT_SMTP_CMD_VRFY,     { 250, 251, 252, 550, 551, 553, 502, 504, 0 } },
        { MT_SMTP_CMD_EXPN,     { 250, 252, 550, 500, 502, 504, 0 } },
        { MT_SMTP_CMD_HELP,     { 211, 214, 502, 504, 0 } },
        { MT_SMTP_CMD_NOOP,     { 250, 0 } },
        { MT_SMTP_CMD_QUIT,     { 221, 0 } },
        { MT_SMTP_CMD_STARTTLS, { 220, 454, 501, 0 } },
        { MT_SMTP_CMD_AUTH,     { 235, 334, 432, 454, 500, 501, 503, 504, 530, 534, 535, 538 } },
        { MT_SMTP_CMD_SASL,     { 235, 334, 501, 535, 0 } },
        { MT_SMTP_CMD_BDAT,     { 250, 503, 552, 554, 0 } },
        { MT_SMTP_CMD_ETRN,     { 250, 251, 252, 253, 458, 459, 500, 501, 0 } },
        { MT_SMTP_CMD_ATRN,     { 250, 450, 451, 453, 530, 0 } },
        { MT_SMTP_CMD_LHLO,     { 250, 0 } },
    };
    gsize n, i, j;
    const mt_smtp_reply_context *t = mt_smtp_reply_contexts(&n);

    for (i = 0; i < G_N_ELEMENTS(want); i++) {
        for (j = 0; j < G_N_ELEMENTS(want[i].codes) && want[i].codes[j] != 0; j++) {
            guint code = want[i].codes[j];
            gboolean found = FALSE;
            gsize k;

            for (k = 0; k < n; k++) {
                if (t[k].cmd == want[i].cmd && t[k].code == code)
                    found = TRUE;
            }
            if (!found)
                g_error("no exact context row for %s %u",
                        cmd_get(want[i].cmd)->verb, code);
        }
    }
}

static void
test_context_integrity(void)
{
    gsize n, i, j;
    const mt_smtp_reply_context *t = mt_smtp_reply_contexts(&n);
    guint id;

    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("context (%d, %u)", (int)t[i].cmd, t[i].code);

        g_assert_cmpint(t[i].cmd, <, MT_SMTP_CMD_COUNT);
        g_assert_true((t[i].code >= 1 && t[i].code <= 5)
                      || (t[i].code >= 200 && t[i].code <= 599));
        /* an exact code needs a reply row to go with it */
        if (t[i].code >= 200)
            g_assert_nonnull(mt_smtp_reply_lookup(t[i].code));
        for (j = i + 1; j < n; j++)
            g_assert_false(t[i].cmd == t[j].cmd && t[i].code == t[j].code);
        mt_check_teaching(what, &t[i].meaning);
        mt_check_summary(what, &t[i].summary);
        if (t[i].rfc)
            check_rfc(what, t[i].rfc, FALSE);
        g_assert_true(mt_smtp_reply_context_lookup(t[i].cmd, t[i].code) == &t[i].meaning);
        g_assert_true(mt_smtp_reply_context_find(t[i].cmd, t[i].code) == &t[i]);
        g_free(what);
    }
    /* every command, pseudo or not, has something to teach */
    for (id = MT_SMTP_CMD_UNKNOWN; id < MT_SMTP_CMD_COUNT; id++) {
        gboolean any = FALSE;

        for (i = 0; i < n; i++) {
            if (t[i].cmd == (mt_smtp_cmd)id)
                any = TRUE;
        }
        if (!any)
            g_error("no context row for command id %u", id);
    }
}

/* ------------------------------------------------------------------------
 * Enhanced status codes
 * ------------------------------------------------------------------------ */

static void
test_enhanced_examples(void)
{
    const mt_smtp_enhanced_info *e;

    e = mt_smtp_enhanced_lookup(1, 1);
    g_assert_nonnull(e);
    g_assert_cmpstr(en(&e->name), ==, "Bad destination mailbox address");

    e = mt_smtp_enhanced_lookup(7, 8);
    g_assert_nonnull(e);
    g_assert_true(g_str_has_prefix(e->rfc, "RFC 4954"));
    g_assert_cmpstr(en(&e->name), ==, "Authentication credentials invalid");

    g_assert_nonnull(mt_smtp_enhanced_lookup(7, 0));    /* 4.7.0 */
    g_assert_nonnull(mt_smtp_enhanced_lookup(7, 30));   /* REQUIRETLS */
    g_assert_true(g_str_has_prefix(enh_get(7, 30)->rfc, "RFC 8689"));
    g_assert_true(g_str_has_prefix(enh_get(7, 29)->rfc, "RFC 8617"));
    g_assert_true(g_str_has_prefix(enh_get(7, 26)->rfc, "RFC 7372"));
    g_assert_true(g_str_has_prefix(enh_get(1, 10)->rfc, "RFC 7505"));
    g_assert_true(g_str_has_prefix(enh_get(5, 6)->rfc, "RFC 4954"));
    g_assert_cmpstr(en(&enh_get(2, 2)->name), ==, "Mailbox full");
    g_assert_cmpstr(en(&enh_get(7, 1)->name), ==,
                    "Delivery not authorized, message refused");

    g_assert_null(mt_smtp_enhanced_lookup(7, 31));
    g_assert_null(mt_smtp_enhanced_lookup(8, 0));
    g_assert_null(mt_smtp_enhanced_lookup(0, 1));
    g_assert_null(mt_smtp_enhanced_lookup(G_MAXUINT, G_MAXUINT));
}

static void
test_enhanced_registry_complete(void)
{
    /* highest detail per subject in the IANA registry */
    static const guint last[8] = { 0, 10, 4, 6, 7, 6, 10, 30 };
    gsize n, i;
    const mt_smtp_enhanced_info *t = mt_smtp_enhanced_codes(&n);
    guint s, d, total = 0;

    for (s = 0; s < 8; s++) {
        for (d = 0; d <= last[s]; d++) {
            if (mt_smtp_enhanced_lookup(s, d) == NULL)
                g_error("enhanced X.%u.%u missing", s, d);
            total++;
        }
        g_assert_null(mt_smtp_enhanced_lookup(s, last[s] + 1));
    }
    g_assert_cmpuint(n, ==, total);

    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("enhanced X.%u.%u", t[i].subject, t[i].detail);

        if (i > 0) {
            guint prev = t[i - 1].subject * 1000u + t[i - 1].detail;
            guint cur = t[i].subject * 1000u + t[i].detail;

            g_assert_cmpuint(prev, <, cur);     /* sorted and unique */
        }
        check_rfc(what, t[i].rfc, TRUE);
        check_name(what, &t[i].name);
        mt_check_teaching(what, &t[i].explanation);
        g_free(what);
    }
}

/* A detail's meaning follows the class: in a success reply it reads as a
 * success (RFC 4954 §6 gives 2.7.0 to a successful login), in a failure
 * it is the registry's text. */
static void
test_enhanced_by_class(void)
{
    static const guint success[][2] = {
        { 0, 0 }, { 1, 0 }, { 1, 5 }, { 2, 0 }, { 3, 0 }, { 4, 0 }, { 5, 0 }, { 6, 0 }, { 7, 0 },
    };
    const char *rfc = NULL;
    const mt_text *t;
    guint i;

    for (i = 0; i < G_N_ELEMENTS(success); i++) {
        gchar *what = g_strdup_printf("enhanced 2.%u.%u", success[i][0], success[i][1]);

        t = mt_smtp_enhanced_meaning(2, success[i][0], success[i][1], &rfc);
        if (t == NULL)
            g_error("%s: no success meaning", what);
        mt_check_teaching(what, t);
        check_rfc(what, rfc, FALSE);
        g_assert_false(contains(en(t), "problem"));
        g_assert_false(contains(en(t), "fail"));
        g_free(what);
    }
    t = mt_smtp_enhanced_meaning(2, 7, 0, &rfc);
    g_assert_true(contains(en(t), "successful login"));
    g_assert_cmpstr(rfc, ==, "RFC 4954 §6");
    g_assert_true(contains(en(mt_smtp_enhanced_meaning(2, 1, 5, NULL)), "accepted"));
    /* a failure detail in a success reply makes no sense: name only */
    g_assert_null(mt_smtp_enhanced_meaning(2, 1, 1, NULL));
    /* failures: the registry's text */
    g_assert_true(mt_smtp_enhanced_meaning(5, 7, 8, &rfc) == &enh_get(7, 8)->explanation);
    g_assert_cmpstr(rfc, ==, "RFC 4954 §6");
    g_assert_true(mt_smtp_enhanced_meaning(4, 7, 0, NULL) == &enh_get(7, 0)->explanation);
    g_assert_null(mt_smtp_enhanced_meaning(3, 0, 0, NULL));
    g_assert_null(mt_smtp_enhanced_meaning(5, 9, 0, NULL));
}

static void
test_enhanced_digits(void)
{
    static const guint classes[] = { 2, 4, 5 };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(classes); i++) {
        const mt_smtp_digit_info *c = mt_smtp_enhanced_class_lookup(classes[i]);

        g_assert_nonnull(c);
        g_assert_cmpuint(c->value, ==, classes[i]);
        check_rfc("enhanced class", c->rfc, FALSE);
        check_name("enhanced class", &c->name);
        mt_check_teaching("enhanced class", &c->explanation);
    }
    g_assert_cmpstr(en(&mt_smtp_enhanced_class_lookup(2)->name), ==, "Success");
    g_assert_cmpstr(en(&mt_smtp_enhanced_class_lookup(4)->name), ==,
                    "Persistent Transient Failure");
    g_assert_cmpstr(en(&mt_smtp_enhanced_class_lookup(5)->name), ==, "Permanent Failure");
    g_assert_null(mt_smtp_enhanced_class_lookup(3));
    g_assert_null(mt_smtp_enhanced_class_lookup(0));

    for (i = 0; i <= 7; i++) {
        const mt_smtp_digit_info *c = mt_smtp_enhanced_subject_lookup(i);

        g_assert_nonnull(c);
        g_assert_cmpuint(c->value, ==, i);
        check_rfc("enhanced subject", c->rfc, FALSE);
        check_name("enhanced subject", &c->name);
        mt_check_teaching("enhanced subject", &c->explanation);
    }
    g_assert_true(contains(en(&mt_smtp_enhanced_subject_lookup(1)->name), "Addressing"));
    /* subjects are shared by every class: no word of failure in them */
    for (i = 0; i <= 7; i++)
        g_assert_false(contains(en(&mt_smtp_enhanced_subject_lookup(i)->explanation), "problem"));
    g_assert_true(contains(en(&mt_smtp_enhanced_subject_lookup(7)->name), "Security or Policy"));
    g_assert_null(mt_smtp_enhanced_subject_lookup(8));
}

/* ------------------------------------------------------------------------
 * EHLO keywords and MAIL/RCPT parameters
 * ------------------------------------------------------------------------ */

static void
test_extensions(void)
{
    static const char *const keywords[] = {
        "PIPELINING", "SIZE", "8BITMIME", "STARTTLS", "AUTH", "ENHANCEDSTATUSCODES",
        "DSN", "CHUNKING", "BINARYMIME", "SMTPUTF8", "VRFY", "EXPN", "HELP", "ETRN",
        "ATRN", "DELIVERBY", "REQUIRETLS", "MT-PRIORITY", "FUTURERELEASE",
        "NO-SOLICITING", "BURL", "CHECKPOINT", "CONNEG", "RRVS", "SUBMITTER", "LIMITS",
        "UTF8SMTP", "XCLIENT", "XFORWARD", "X-EXPS", "XEXCH50", "X-LINK2STATE", "AUTH=",
    };
    static const struct {
        const char *kw;
        guint32 flag;
    } flags[] = {
        { "PIPELINING", MT_SMTP_EXT_PIPELINING },
        { "SIZE", MT_SMTP_EXT_SIZE },
        { "STARTTLS", MT_SMTP_EXT_STARTTLS },
        { "AUTH", MT_SMTP_EXT_AUTH },
        { "CHUNKING", MT_SMTP_EXT_CHUNKING },
        { "ENHANCEDSTATUSCODES", MT_SMTP_EXT_ENHANCEDSTATUS },
        { "8BITMIME", MT_SMTP_EXT_8BITMIME },
        { "SMTPUTF8", MT_SMTP_EXT_SMTPUTF8 },
        { "DSN", MT_SMTP_EXT_DSN },
        { "VRFY", MT_SMTP_EXT_VRFY },
        { "ETRN", MT_SMTP_EXT_ETRN },
        { "BINARYMIME", MT_SMTP_EXT_BINARYMIME },
    };
    const mt_smtp_ext_info *e;
    gsize n, i, j;
    const mt_smtp_ext_info *t = mt_smtp_extensions(&n);

    for (i = 0; i < G_N_ELEMENTS(keywords); i++) {
        e = lookup_lower_exact(ext_lookup, keywords[i]);
        if (e == NULL)
            g_error("EHLO keyword %s not found", keywords[i]);
        g_assert_cmpstr(e->keyword, ==, keywords[i]);
    }
    for (i = 0; i < G_N_ELEMENTS(flags); i++) {
        e = mt_smtp_ext_lookup(u8(flags[i].kw), strlen(flags[i].kw));
        g_assert_nonnull(e);
        g_assert_cmpuint(e->flag, ==, flags[i].flag);
    }

    e = mt_smtp_ext_lookup(u8("size"), 4);
    g_assert_nonnull(e);
    g_assert_cmpint(e->param, ==, MT_SMTP_EXT_PARAM_SIZE);
    e = mt_smtp_ext_lookup(u8("Auth"), 4);
    g_assert_nonnull(e);
    g_assert_cmpint(e->param, ==, MT_SMTP_EXT_PARAM_MECHS);
    g_assert_cmpint(ext_get("PIPELINING", 10)->param, ==,
                    MT_SMTP_EXT_PARAM_NONE);

    /* the pre-standard "AUTH=LOGIN PLAIN" form */
    e = mt_smtp_ext_lookup(u8("AUTH=LOGIN"), 10);
    g_assert_nonnull(e);
    g_assert_cmpstr(e->keyword, ==, "AUTH=");
    g_assert_cmpint(e->param, ==, MT_SMTP_EXT_PARAM_MECHS);
    g_assert_cmpuint(e->flag, ==, MT_SMTP_EXT_AUTH);

    /* lengths are honoured */
    g_assert_cmpstr(ext_get("SIZEX", 4)->keyword, ==, "SIZE");
    g_assert_null(mt_smtp_ext_lookup(u8("SIZ"), 3));
    g_assert_null(mt_smtp_ext_lookup(u8("AUT"), 3));
    g_assert_null(mt_smtp_ext_lookup(u8("SIZE"), 0));
    g_assert_null(mt_smtp_ext_lookup(NULL, 4));
    g_assert_null(mt_smtp_ext_lookup(u8("SIZE"), (gsize)1 << 30));
    g_assert_null(mt_smtp_ext_lookup(u8("X-UNKNOWN"), 9));

    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("EHLO keyword %s", t[i].keyword);

        g_assert_true(is_upper_keyword(t[i].keyword));
        g_assert_true(mt_smtp_ext_lookup(u8(t[i].keyword), strlen(t[i].keyword)) == &t[i]);
        for (j = i + 1; j < n; j++)
            g_assert_cmpstr(t[i].keyword, !=, t[j].keyword);
        check_rfc(what, t[i].rfc, FALSE);
        check_name(what, &t[i].name);
        mt_check_teaching(what, &t[i].explanation);
        /* vendor keywords say they are non-standard */
        if (!g_str_has_prefix(t[i].rfc, "RFC "))
            g_assert_true(contains(en(&t[i].explanation), "Non-standard"));
        g_free(what);
    }
}

static void
test_params(void)
{
    static const struct {
        const char *kw;
        guint32 needs;
    } want[] = {
        { "SIZE", MT_SMTP_EXT_SIZE },
        { "BODY", MT_SMTP_EXT_8BITMIME },
        { "SMTPUTF8", MT_SMTP_EXT_SMTPUTF8 },
        { "RET", MT_SMTP_EXT_DSN },
        { "ENVID", MT_SMTP_EXT_DSN },
        { "NOTIFY", MT_SMTP_EXT_DSN },
        { "ORCPT", MT_SMTP_EXT_DSN },
        { "AUTH", MT_SMTP_EXT_AUTH },
        { "BY", 0 },
        { "REQUIRETLS", 0 },
        { "MT-PRIORITY", 0 },
        { "HOLDFOR", 0 },
        { "HOLDUNTIL", 0 },
        { "RRVS", 0 },
        { "SOLICIT", 0 },
        { "SUBMITTER", 0 },
    };
    gsize n, i, j;
    const mt_smtp_param_info *t = mt_smtp_params(&n);

    for (i = 0; i < G_N_ELEMENTS(want); i++) {
        const mt_smtp_param_info *p = lookup_lower_exact(param_lookup, want[i].kw);

        if (p == NULL)
            g_error("parameter %s not found", want[i].kw);
        g_assert_cmpstr(p->keyword, ==, want[i].kw);
        g_assert_cmpuint(p->needs, ==, want[i].needs);
    }
    g_assert_cmpstr(param_get("AUTH=<>", 4)->rfc, ==, "RFC 4954 §5");
    g_assert_null(mt_smtp_param_lookup(u8("B"), 1));
    g_assert_null(mt_smtp_param_lookup(u8("SIZE="), 5));
    g_assert_null(mt_smtp_param_lookup(u8("SIZE"), 0));
    g_assert_null(mt_smtp_param_lookup(NULL, 4));
    g_assert_null(mt_smtp_param_lookup(u8("SIZE"), (gsize)1 << 30));

    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("parameter %s", t[i].keyword);

        g_assert_true(is_upper_keyword(t[i].keyword));
        g_assert_null(strchr(t[i].keyword, '='));
        g_assert_true(mt_smtp_param_lookup(u8(t[i].keyword), strlen(t[i].keyword)) == &t[i]);
        for (j = i + 1; j < n; j++)
            g_assert_cmpstr(t[i].keyword, !=, t[j].keyword);
        check_rfc(what, t[i].rfc, FALSE);
        mt_check_teaching(what, &t[i].explanation);
        g_free(what);
    }
}

/* ------------------------------------------------------------------------
 * SASL
 * ------------------------------------------------------------------------ */

static void
test_sasl(void)
{
    static const char *const names[] = {
        "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS",
        "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS", "GSSAPI", "GS2-KRB5", "NTLM", "XOAUTH2",
        "OAUTHBEARER", "EXTERNAL", "ANONYMOUS", "OTP",
    };
    const mt_sasl_mech_info *m;
    gsize n, i, j;
    const mt_sasl_mech_info *t = mt_sasl_mechs(&n);

    g_assert_cmpuint(n, ==, G_N_ELEMENTS(names));
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        m = lookup_lower_exact(sasl_lookup, names[i]);
        if (m == NULL)
            g_error("SASL mechanism %s not found", names[i]);
        g_assert_cmpstr(m->name, ==, names[i]);
        /* a passive eavesdropper recovers the password only from these */
        g_assert_cmpint(m->cleartext, ==,
                        strcmp(names[i], "PLAIN") == 0 || strcmp(names[i], "LOGIN") == 0);
    }

    m = mt_sasl_mech_lookup(u8("SCRAM-SHA-256-PLUS"), 13);
    g_assert_nonnull(m);
    g_assert_cmpstr(m->name, ==, "SCRAM-SHA-256");
    g_assert_cmpstr(m->rfc, ==, "RFC 7677");
    g_assert_cmpstr(mech_get("plain", 5)->rfc, ==, "RFC 4616");
    g_assert_true(g_str_has_prefix(mech_get("LOGIN", 5)->rfc, "draft-"));
    g_assert_true(contains(en(&mech_get("LOGIN", 5)->explanation),
                           "Username:"));
    g_assert_true(contains(en(&mech_get("LOGIN", 5)->explanation),
                           "Password:"));
    g_assert_true(contains(en(&mech_get("DIGEST-MD5", 10)->explanation),
                           "RFC 6331"));
    g_assert_null(mt_sasl_mech_lookup(u8("PLAI"), 4));
    g_assert_null(mt_sasl_mech_lookup(u8("PLAIN"), 0));
    g_assert_null(mt_sasl_mech_lookup(NULL, 5));
    g_assert_null(mt_sasl_mech_lookup(u8("PLAIN"), (gsize)1 << 30));
    g_assert_null(mt_sasl_mech_lookup(u8("KERBEROS_V4"), 11));

    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("SASL %s", t[i].name);

        g_assert_true(is_upper_keyword(t[i].name));
        g_assert_cmpuint(strlen(t[i].name), <=, 20);  /* RFC 4422 §3.1 */
        for (j = i + 1; j < n; j++)
            g_assert_cmpstr(t[i].name, !=, t[j].name);
        check_rfc(what, t[i].rfc, FALSE);
        mt_check_teaching(what, &t[i].explanation);
        g_free(what);
    }
}

/* ------------------------------------------------------------------------
 * Session texts (mt_smtp_texts.c)
 * ------------------------------------------------------------------------ */

static void
test_session_texts(void)
{
    guint i;

    for (i = 0; i < MT_SMTP_X_COUNT; i++) {
        gchar *what = g_strdup_printf("SMTP text %u", i);

        mt_check_line_text(what, mt_smtp_expl_text((mt_smtp_expl)i), mt_smtp_expl_summary((mt_smtp_expl)i));
        if (mt_smtp_expl_rfc((mt_smtp_expl)i))
            check_rfc(what, mt_smtp_expl_rfc((mt_smtp_expl)i), FALSE);
        g_free(what);
    }
    for (i = 0; i < MT_SMTP_ST_COUNT; i++)
        mt_check_english("stage", en(mt_smtp_stage_text((mt_smtp_stage)i)), LABEL_MAX - 20);
    for (i = MT_SMTP_N_NONE + 1; i < MT_SMTP_N_COUNT; i++)
        mt_check_teaching("next", mt_smtp_next_text((mt_smtp_next)i));
    for (i = 0; i < MT_SMTP_L_COUNT; i++)
        check_name("label", mt_smtp_label_text((mt_smtp_label)i));
    /* unknown vendor keywords are not called "X" keywords (Coremail's are not) */
    g_assert_true(contains(en(mt_smtp_expl_text(MT_SMTP_X_EHLO_UNKNOWN_KW)), "vendor"));
    g_assert_cmpstr(mt_smtp_expl_rfc(MT_SMTP_X_EHLO_UNKNOWN_KW), ==, "RFC 5321 §2.2.2");
    /* an empty line breaks the command syntax (§4.1.1), not the 502 rule */
    g_assert_cmpstr(mt_smtp_expl_rfc(MT_SMTP_X_EMPTY_LINE), ==, "RFC 5321 §4.1.1");
    g_assert_null(mt_smtp_expl_text(MT_SMTP_X_COUNT));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/smtp_catalog/command/lookup", test_command_lookup);
    g_test_add_func("/smtp_catalog/command/sections", test_command_sections);
    g_test_add_func("/smtp_catalog/command/every_id", test_command_every_id);
    g_test_add_func("/smtp_catalog/command/verbs_and_pseudo", test_command_verbs_and_pseudo);
    g_test_add_func("/smtp_catalog/command/texts", test_command_texts);
    g_test_add_func("/smtp_catalog/reply/codes", test_reply_codes);
    g_test_add_func("/smtp_catalog/reply/integrity", test_reply_table_integrity);
    g_test_add_func("/smtp_catalog/reply/digits", test_reply_digits);
    g_test_add_func("/smtp_catalog/context/examples", test_context_examples);
    g_test_add_func("/smtp_catalog/context/fallback", test_context_fallback);
    g_test_add_func("/smtp_catalog/context/rfc_sequences", test_context_rfc_sequences);
    g_test_add_func("/smtp_catalog/context/integrity", test_context_integrity);
    g_test_add_func("/smtp_catalog/enhanced/examples", test_enhanced_examples);
    g_test_add_func("/smtp_catalog/enhanced/registry", test_enhanced_registry_complete);
    g_test_add_func("/smtp_catalog/enhanced/digits", test_enhanced_digits);
    g_test_add_func("/smtp_catalog/enhanced/by_class", test_enhanced_by_class);
    g_test_add_func("/smtp_catalog/ehlo/extensions", test_extensions);
    g_test_add_func("/smtp_catalog/mail/params", test_params);
    g_test_add_func("/smtp_catalog/session_texts", test_session_texts);
    g_test_add_func("/sasl_catalog/mechanisms", test_sasl);

    return g_test_run();
}
