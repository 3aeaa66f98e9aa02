/* test_imap_catalog.c - checks a teacher would make of the IMAP catalog,
 * texts, fields and anomalies
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "mt_anomaly.h"
#include "mt_imap_catalog.h"
#include "mt_imap_texts.h"
#include "mt_record.h"
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

static const char *
en(const mt_text *t)
{
    return mt_text_get(t, MT_LANG_EN);
}

/* IMAP's texts also end with a full stop (or a closing parenthesis). */
static void
check_teaching(const char *what, const mt_text *t)
{
    const char *s = mt_text_get(t, MT_LANG_EN);

    mt_check_teaching(what, t);
    if (s[strlen(s) - 1] != '.' && s[strlen(s) - 1] != ')')
        g_error("%s: does not end with a full stop: %s", what, s);
}

/* ------------------------------------------------------------------------
 * Text integrity
 * ------------------------------------------------------------------------ */

static void
check_name(const char *what, const mt_text *t)
{
    mt_check_english(what, en(t), NAME_MAX);
}

/* "RFC 9051 §6.3.2; RFC 3501 §6.3.1", "RFC 4959", "draft-...", a vendor. */
static void
check_rfc(const char *what, const char *rfc)
{
    gchar **refs;
    guint i;

    mt_check_english(what, rfc, NAME_MAX);
    if (g_str_has_prefix(rfc, "draft-") || g_str_has_prefix(rfc, "Google ")
        || g_str_has_prefix(rfc, "Apple "))
        return;
    refs = g_strsplit(rfc, "; ", -1);
    for (i = 0; refs[i] != NULL; i++) {
        const char *r = refs[i];
        const char *p = r + 4;
        if (!g_str_has_prefix(r, "RFC "))
            g_error("%s: bad citation \"%s\"", what, rfc);
        while (g_ascii_isdigit(*p))
            p++;
        if (p == r + 4)
            g_error("%s: no RFC number in \"%s\"", what, rfc);
        if (*p == '\0')
            continue;
        /* " §6.3.2" */
        if (strncmp(p, " §", 3) != 0 || !g_ascii_isdigit(p[3]))
            g_error("%s: bad section in \"%s\"", what, rfc);
        for (p += 3; *p; p++) {
            if (!g_ascii_isdigit(*p) && *p != '.')
                g_error("%s: bad section in \"%s\"", what, rfc);
        }
        if (p[-1] == '.')
            g_error("%s: section ends with a dot in \"%s\"", what, rfc);
    }
    g_strfreev(refs);
}

/* The core IMAP sections are cited with IMAP4rev2 first. */
static void
check_rev2_first(const char *what, const char *rfc)
{
    if (strstr(rfc, "RFC 9051") && strstr(rfc, "RFC 3501") && !g_str_has_prefix(rfc, "RFC 9051"))
        g_error("%s: cite RFC 9051 before RFC 3501: %s", what, rfc);
}

/* Look a keyword up in lower case through a buffer that holds exactly its
 * bytes, so AddressSanitizer catches any read past len. */
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

static const void *cmd_lookup(const guint8 *s, gsize l) { return mt_imap_command_lookup(s, l); }
static const void *status_lookup(const guint8 *s, gsize l) { return mt_imap_status_lookup(s, l); }
static const void *code_lookup(const guint8 *s, gsize l) { return mt_imap_code_lookup(s, l); }
static const void *ut_lookup(const guint8 *s, gsize l) { return mt_imap_untagged_lookup(s, l); }
static const void *cap_lookup(const guint8 *s, gsize l) { return mt_imap_cap_lookup(s, l); }
static const void *fetch_lookup(const guint8 *s, gsize l) { return mt_imap_fetch_lookup(s, l); }
static const void *flag_lookup(const guint8 *s, gsize l) { return mt_imap_flag_lookup(s, l); }
static const void *attr_lookup(const guint8 *s, gsize l) { return mt_imap_list_attr_lookup(s, l); }
static const void *sitem_lookup(const guint8 *s, gsize l) { return mt_imap_status_item_lookup(s, l); }
static const void *skey_lookup(const guint8 *s, gsize l) { return mt_imap_search_key_lookup(s, l); }

/* ------------------------------------------------------------------------
 * Commands
 * ------------------------------------------------------------------------ */

static void
test_commands(void)
{
    static const char *const issue[] = {
        "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "AUTHENTICATE", "LOGIN", "SELECT", "EXAMINE",
        "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB", "STATUS", "APPEND",
        "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "UID",
        "IDLE", "ENABLE", "NAMESPACE", "ID",
    };
    gsize n, i;
    const mt_imap_command_info *t = mt_imap_commands(&n);

    g_assert_cmpuint(n, ==, MT_IMAP_CMD_COUNT - 1);
    for (i = 0; i < n; i++) {
        char *what = g_strdup_printf("command %s", t[i].verb);
        g_assert_cmpint(t[i].id, ==, (gint)(i + 1));
        g_assert_true(mt_imap_command_get(t[i].id) == &t[i]);
        check_name(what, &t[i].name);
        mt_check_summary(what, &t[i].summary);
        check_teaching(what, &t[i].explanation);
        check_teaching(what, &t[i].next);
        check_rfc(what, t[i].rfc);
        check_rev2_first(what, t[i].rfc);
        mt_check_english(what, t[i].syntax, NAME_MAX);
        g_assert_cmpuint(t[i].states & ~MT_IMAP_IN_ANY, ==, 0);
        g_assert_cmpuint(t[i].states, !=, 0);
        if (t[i].id < MT_IMAP_CMD_CONNECT)
            g_assert_true(lookup_lower_exact(cmd_lookup, t[i].verb) == &t[i]);
        g_free(what);
    }
    for (i = 0; i < G_N_ELEMENTS(issue); i++) {
        if (mt_imap_command_lookup(u8(issue[i]), strlen(issue[i])) == NULL)
            g_error("command %s missing", issue[i]);
    }
    /* pseudo commands are not verbs */
    g_assert_null(mt_imap_command_lookup(u8("DONE"), 4));
    g_assert_null(mt_imap_command_lookup(u8("(connect)"), 9));
    g_assert_null(mt_imap_command_lookup(u8("FETCHX"), 6));
    g_assert_nonnull(mt_imap_command_lookup(u8("FETCHX"), 5));
    g_assert_null(mt_imap_command_lookup(u8("FETC"), 4));
    g_assert_null(mt_imap_command_lookup(NULL, 5));
    g_assert_null(mt_imap_command_lookup(u8("FETCH"), 0));
    g_assert_null(mt_imap_command_lookup(u8("FETCH"), (gsize)1 << 30));
    g_assert_null(mt_imap_command_get(MT_IMAP_CMD_UNKNOWN));
    g_assert_null(mt_imap_command_get(MT_IMAP_CMD_COUNT));

    /* sections a teacher checks against the RFCs */
    g_assert_cmpstr(mt_imap_command_get(MT_IMAP_CMD_SELECT)->rfc, ==, "RFC 9051 §6.3.2; RFC 3501 §6.3.1");
    g_assert_cmpstr(mt_imap_command_get(MT_IMAP_CMD_FETCH)->rfc, ==, "RFC 9051 §6.4.5; RFC 3501 §6.4.5");
    g_assert_cmpstr(mt_imap_command_get(MT_IMAP_CMD_UID)->rfc, ==, "RFC 9051 §6.4.9; RFC 3501 §6.4.8");
    g_assert_cmpstr(mt_imap_command_get(MT_IMAP_CMD_LSUB)->rfc, ==, "RFC 3501 §6.3.9");
    g_assert_cmpstr(mt_imap_command_get(MT_IMAP_CMD_IDLE)->rfc, ==, "RFC 9051 §6.3.13; RFC 2177 §3");
    /* states of RFC 9051 §3 */
    g_assert_cmpuint(mt_imap_command_get(MT_IMAP_CMD_LOGIN)->states, ==, MT_IMAP_IN_NOTAUTH);
    g_assert_cmpuint(mt_imap_command_get(MT_IMAP_CMD_FETCH)->states, ==, MT_IMAP_IN_SELECTED);
    g_assert_cmpuint(mt_imap_command_get(MT_IMAP_CMD_NOOP)->states, ==, MT_IMAP_IN_ANY);
    g_assert_cmpuint(mt_imap_command_get(MT_IMAP_CMD_ENABLE)->states, ==, MT_IMAP_IN_AUTH);
    g_assert_true(mt_imap_command_get(MT_IMAP_CMD_MOVE)->flags & MT_IMAP_CF_UID_SUB);
    g_assert_false(mt_imap_command_get(MT_IMAP_CMD_SELECT)->flags & MT_IMAP_CF_UID_SUB);
}

/* ------------------------------------------------------------------------
 * Responses
 * ------------------------------------------------------------------------ */

static void
test_statuses_and_contexts(void)
{
    gsize n, i;
    const mt_imap_status_info *st = mt_imap_statuses(&n);
    const mt_imap_context *cx;

    g_assert_cmpuint(n, ==, MT_IMAP_STATUS_COUNT - 1);
    for (i = 0; i < n; i++) {
        g_assert_true(mt_imap_status_get(st[i].id) == &st[i]);
        g_assert_true(lookup_lower_exact(status_lookup, st[i].word) == &st[i]);
        check_name(st[i].word, &st[i].name);
        check_teaching(st[i].word, &st[i].tagged);
        check_teaching(st[i].word, &st[i].untagged);
        check_rfc(st[i].word, st[i].rfc);
    }
    g_assert_cmpstr(mt_imap_status_get(MT_IMAP_STATUS_BAD)->rfc, ==, "RFC 9051 §7.1.3; RFC 3501 §7.1.3");
    g_assert_null(mt_imap_status_lookup(u8("OKAY"), 4));

    cx = mt_imap_contexts(&n);
    for (i = 0; i < n; i++) {
        gsize k;
        char *what = g_strdup_printf("context %d/%d", cx[i].cmd, cx[i].status);
        check_teaching(what, &cx[i].meaning);
        mt_check_summary(what, &cx[i].summary);
        g_assert_true(mt_imap_context_find(cx[i].cmd, cx[i].status) == &cx[i]);
        /* no duplicate rows */
        for (k = 0; k < i; k++)
            g_assert_false(cx[k].cmd == cx[i].cmd && cx[k].status == cx[i].status);
        g_assert_true(mt_imap_context_lookup(cx[i].cmd, cx[i].status) == &cx[i].meaning);
        g_free(what);
    }
    /* the fallback rows exist */
    g_assert_nonnull(mt_imap_context_lookup(MT_IMAP_CMD_UNKNOWN, MT_IMAP_STATUS_OK));
    g_assert_nonnull(mt_imap_context_lookup(MT_IMAP_CMD_UNKNOWN, MT_IMAP_STATUS_NO));
    g_assert_nonnull(mt_imap_context_lookup(MT_IMAP_CMD_UNKNOWN, MT_IMAP_STATUS_BAD));
    g_assert_nonnull(mt_imap_context_lookup(MT_IMAP_CMD_LOGIN, MT_IMAP_STATUS_NO));
    g_assert_nonnull(mt_imap_context_lookup(MT_IMAP_CMD_CONNECT, MT_IMAP_STATUS_PREAUTH));
    /* a failed login is this attempt, and any credential problem */
    g_assert_nonnull(strstr(en(mt_imap_context_lookup(MT_IMAP_CMD_LOGIN, MT_IMAP_STATUS_NO)), "may try again"));
    g_assert_null(strstr(en(mt_imap_context_lookup(MT_IMAP_CMD_LOGIN, MT_IMAP_STATUS_NO)), "usually a wrong"));
    g_assert_cmpstr(en(&mt_imap_context_find(MT_IMAP_CMD_LOGIN, MT_IMAP_STATUS_OK)->summary), ==, "logged in");
}

static void
test_codes(void)
{
    static const char *const issue[] = {
        "ALERT", "CAPABILITY", "PERMANENTFLAGS", "READ-ONLY", "READ-WRITE", "TRYCREATE", "UIDNEXT",
        "UIDVALIDITY", "UNSEEN", "AUTHENTICATIONFAILED", "NONEXISTENT", "ALREADYEXISTS",
        "UNAVAILABLE", "AUTHORIZATIONFAILED", "EXPIRED", "PRIVACYREQUIRED", "CONTACTADMIN", "NOPERM",
        "INUSE", "EXPUNGEISSUED", "CORRUPTION", "SERVERBUG", "CLIENTBUG", "CANNOT", "LIMIT",
        "OVERQUOTA", "APPENDUID", "COPYUID", "UIDNOTSTICKY", "CLOSED", "HIGHESTMODSEQ",
    };
    gsize n, i;
    const mt_imap_code_info *c = mt_imap_codes(&n);

    for (i = 0; i < n; i++) {
        check_teaching(c[i].name, &c[i].explanation);
        mt_check_summary(c[i].name, &c[i].summary);
        /* {1} only for the codes whose data is one number */
        if (strstr(en(&c[i].summary), "{1}"))
            g_assert_true(c[i].data == MT_IMAP_CODE_UIDVALIDITY || c[i].data == MT_IMAP_CODE_UIDNEXT
                          || c[i].data == MT_IMAP_CODE_UNSEEN || c[i].data == MT_IMAP_CODE_MODSEQ);
        check_rfc(c[i].name, c[i].rfc);
        check_rev2_first(c[i].name, c[i].rfc);
        g_assert_true(lookup_lower_exact(code_lookup, c[i].name) == &c[i]);
        if (i > 0)
            g_assert_cmpint(strcmp(c[i - 1].name, c[i].name), <, 0);
    }
    for (i = 0; i < G_N_ELEMENTS(issue); i++) {
        if (mt_imap_code_lookup(u8(issue[i]), strlen(issue[i])) == NULL)
            g_error("response code %s missing", issue[i]);
    }
    /* RFC 5530 codes cite it */
    g_assert_nonnull(strstr(mt_imap_code_lookup(u8("NONEXISTENT"), 11)->rfc, "RFC 5530 §3"));
    g_assert_cmpint(mt_imap_code_lookup(u8("UIDVALIDITY"), 11)->data, ==, MT_IMAP_CODE_UIDVALIDITY);
    g_assert_cmpint(mt_imap_code_lookup(u8("PERMANENTFLAGS"), 14)->data, ==, MT_IMAP_CODE_FLAGS);
    g_assert_cmpint(mt_imap_code_lookup(u8("CAPABILITY"), 10)->data, ==, MT_IMAP_CODE_CAPABILITIES);
    g_assert_null(mt_imap_code_lookup(u8("READ-ONLYX"), 10));
    /* RFC 5530 §3: any credential problem, not only a wrong password */
    g_assert_nonnull(strstr(en(&mt_imap_code_lookup(u8("AUTHENTICATIONFAILED"), 20)->explanation),
                            "any problem with the credentials"));
}

static void
test_untagged(void)
{
    static const char *const issue[] = {
        "CAPABILITY", "FLAGS", "EXISTS", "RECENT", "EXPUNGE", "FETCH", "SEARCH", "LIST", "LSUB",
        "STATUS", "ENABLED", "NAMESPACE", "ID",
    };
    gsize n, i;
    const mt_imap_untagged_info *u = mt_imap_untaggeds(&n);

    g_assert_cmpuint(n, ==, MT_IMAP_UT_COUNT - 1);
    for (i = 0; i < n; i++) {
        g_assert_true(mt_imap_untagged_get(u[i].id) == &u[i]);
        g_assert_true(lookup_lower_exact(ut_lookup, u[i].name) == &u[i]);
        check_teaching(u[i].name, &u[i].explanation);
        mt_check_summary(u[i].name, &u[i].summary);
        check_rfc(u[i].name, u[i].rfc);
        check_rev2_first(u[i].name, u[i].rfc);
    }
    for (i = 0; i < G_N_ELEMENTS(issue); i++) {
        if (mt_imap_untagged_lookup(u8(issue[i]), strlen(issue[i])) == NULL)
            g_error("untagged %s missing", issue[i]);
    }
    g_assert_true(mt_imap_untagged_lookup(u8("EXISTS"), 6)->numbered);
    g_assert_false(mt_imap_untagged_lookup(u8("SEARCH"), 6)->numbered);
    g_assert_cmpstr(mt_imap_untagged_lookup(u8("FETCH"), 5)->rfc, ==, "RFC 9051 §7.5.2; RFC 3501 §7.4.2");
    g_assert_true(mt_imap_untagged_for(MT_IMAP_UT_EXISTS, MT_IMAP_CMD_SELECT));
    g_assert_true(mt_imap_untagged_for(MT_IMAP_UT_FETCH, MT_IMAP_CMD_STORE));
    g_assert_false(mt_imap_untagged_for(MT_IMAP_UT_FETCH, MT_IMAP_CMD_LOGIN));
    g_assert_false(mt_imap_untagged_for(MT_IMAP_UT_EXISTS, MT_IMAP_CMD_UNKNOWN));
}

/* ------------------------------------------------------------------------
 * Capabilities, data items, words
 * ------------------------------------------------------------------------ */

static void
test_capabilities(void)
{
    static const char *const issue[] = {
        "IMAP4rev1", "IMAP4rev2", "STARTTLS", "LOGINDISABLED", "AUTH=PLAIN", "SASL-IR", "IDLE",
        "LITERAL+", "LITERAL-", "NAMESPACE", "ID", "ENABLE", "UIDPLUS", "MOVE", "CONDSTORE", "QRESYNC",
        "UNSELECT", "CHILDREN", "SPECIAL-USE", "LIST-EXTENDED", "LIST-STATUS", "ESEARCH", "SORT",
        "THREAD=REFERENCES", "BINARY", "CATENATE", "URLAUTH", "COMPRESS=DEFLATE", "QUOTA", "ACL",
        "METADATA", "NOTIFY", "I18NLEVEL=1", "CONTEXT=SEARCH", "UTF8=ACCEPT", "APPENDLIMIT",
        "APPENDLIMIT=35651584", "SAVEDATE", "OBJECTID", "PREVIEW", "STATUS=SIZE", "LOGIN-REFERRALS",
        "MAILBOX-REFERRALS", "WITHIN", "SEARCHRES", "ESORT", "SNIPPET=FUZZY", "MULTIAPPEND",
        "URL-PARTIAL", "SORT=DISPLAY", "PREVIEW=FUZZY",
    };
    gsize n, i;
    const mt_imap_cap_info *c = mt_imap_caps(&n);

    /* the session machine marks capabilities explained in 128 bits */
    g_assert_cmpuint(n, <=, 128);
    for (i = 0; i < n; i++) {
        gsize k;
        check_teaching(c[i].name, &c[i].explanation);
        check_rfc(c[i].name, c[i].rfc);
        if (c[i].prefix)
            g_assert_true(g_str_has_suffix(c[i].name, "=") || g_str_has_suffix(c[i].name, "-"));
        else
            g_assert_true(lookup_lower_exact(cap_lookup, c[i].name) == &c[i]);
        for (k = 0; k < i; k++)
            g_assert_false(g_ascii_strcasecmp(c[k].name, c[i].name) == 0);
    }
    for (i = 0; i < G_N_ELEMENTS(issue); i++) {
        if (mt_imap_cap_lookup(u8(issue[i]), strlen(issue[i])) == NULL)
            g_error("capability %s missing", issue[i]);
    }
    /* an exact row wins over a prefix row */
    g_assert_cmpstr(mt_imap_cap_lookup(u8("SORT=DISPLAY"), 12)->rfc, ==, "RFC 5957");
    g_assert_cmpstr(mt_imap_cap_lookup(u8("auth=scram-sha-256"), 18)->name, ==, "AUTH=");
    g_assert_cmpint(mt_imap_cap_lookup(u8("AUTH=PLAIN"), 10)->flag, ==, MT_IMAP_CAP_AUTH);
    /* a prefix alone is not a capability; length is honoured */
    g_assert_null(mt_imap_cap_lookup(u8("AUTH="), 5));
    g_assert_null(mt_imap_cap_lookup(u8("AUTH=PLAIN"), 4));
    g_assert_null(mt_imap_cap_lookup(u8("X-NOT-A-CAP"), 11));
    /* RFC 7888: LITERAL+ is §3, LITERAL- §5 */
    g_assert_cmpstr(mt_imap_cap_lookup(u8("LITERAL+"), 8)->rfc, ==, "RFC 7888 §3");
    g_assert_cmpstr(mt_imap_cap_lookup(u8("LITERAL-"), 8)->rfc, ==, "RFC 7888 §5");
    /* RFC 3348 §3: the attributes MAY be returned; \HasChildren is a hint */
    g_assert_nonnull(strstr(en(&mt_imap_cap_lookup(u8("CHILDREN"), 8)->explanation), "may show"));
    g_assert_null(strstr(en(&mt_imap_cap_lookup(u8("CHILDREN"), 8)->explanation), "for each mailbox"));
}

static void
test_fetch_items(void)
{
    static const char *const issue[] = { "FLAGS", "UID", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE",
                                         "BODY", "BODY.PEEK", "INTERNALDATE", "BINARY", "MODSEQ" };
    gsize n, i;
    const mt_imap_fetch_info *f = mt_imap_fetch_items(&n);

    g_assert_cmpuint(n, ==, MT_IMAP_FI_COUNT - 1);
    for (i = 0; i < n; i++) {
        g_assert_true(mt_imap_fetch_get(f[i].id) == &f[i]);
        check_teaching(f[i].name, &f[i].explanation);
        check_rfc(f[i].name, f[i].rfc);
        g_assert_true(lookup_lower_exact(fetch_lookup, f[i].name) == &f[i]);
    }
    for (i = 0; i < G_N_ELEMENTS(issue); i++)
        g_assert_nonnull(mt_imap_fetch_lookup(u8(issue[i]), strlen(issue[i])));
    /* BODY[...] is told apart by the session machine, not by name */
    g_assert_cmpint(mt_imap_fetch_lookup(u8("BODY"), 4)->id, ==, MT_IMAP_FI_BODY);
    g_assert_cmpint(mt_imap_fetch_lookup(u8("body[]"), 6)->id, ==, MT_IMAP_FI_BODY_SECTION);
    g_assert_null(mt_imap_fetch_lookup(u8("BODY["), 5));
    /* RFC 9051 §2.3.1.1: a UID does not change within a session, and a new
     * UIDVALIDITY says when UIDs changed */
    g_assert_null(strstr(en(&mt_imap_fetch_lookup(u8("UID"), 3)->explanation), "never changes"));
    g_assert_nonnull(strstr(en(&mt_imap_fetch_lookup(u8("UID"), 3)->explanation), "UIDVALIDITY"));
    g_assert_nonnull(strstr(mt_imap_fetch_lookup(u8("UID"), 3)->rfc, "§2.3.1.1"));
    /* fetching sets \Seen, except in a mailbox opened read-only */
    g_assert_nonnull(strstr(en(&mt_imap_fetch_lookup(u8("body[]"), 6)->explanation), "read-only"));
    g_assert_nonnull(strstr(en(&mt_imap_command_get(MT_IMAP_CMD_FETCH)->explanation), "read-only"));
}

static void
check_words(const char *table, const mt_imap_word_info *w, gsize n, kw_lookup_fn fn, guint8 max_args)
{
    gsize i;

    for (i = 0; i < n; i++) {
        char *what = g_strdup_printf("%s %s", table, w[i].name);
        check_teaching(what, &w[i].explanation);
        check_rfc(what, w[i].rfc);
        g_assert_cmpuint(w[i].nargs, <=, max_args);
        g_assert_true(lookup_lower_exact(fn, w[i].name) == &w[i]);
        g_free(what);
    }
}

static void
test_words(void)
{
    gsize n;
    const mt_imap_word_info *w;

    w = mt_imap_flags(&n);
    /* the session machine marks flags explained in 32 bits */
    g_assert_cmpuint(n, <=, 32);
    check_words("flag", w, n, flag_lookup, 0);
    g_assert_nonnull(mt_imap_flag_lookup(u8("\\seen"), 5));
    g_assert_nonnull(mt_imap_flag_lookup(u8("$Forwarded"), 10));
    g_assert_null(mt_imap_flag_lookup(u8("\\Bogus"), 6));

    w = mt_imap_list_attrs(&n);
    g_assert_cmpuint(n, <=, 32);
    check_words("attribute", w, n, attr_lookup, 0);
    g_assert_nonnull(mt_imap_list_attr_lookup(u8("\\HasNoChildren"), 14));
    g_assert_nonnull(mt_imap_list_attr_lookup(u8("\\Sent"), 5));

    w = mt_imap_status_items(&n);
    g_assert_cmpuint(n, <=, 32);
    check_words("status item", w, n, sitem_lookup, 0);
    g_assert_nonnull(mt_imap_status_item_lookup(u8("UIDVALIDITY"), 11));

    w = mt_imap_search_keys(&n);
    check_words("search key", w, n, skey_lookup, 2);
    g_assert_cmpuint(mt_imap_search_key_lookup(u8("HEADER"), 6)->nargs, ==, 2);
    g_assert_cmpuint(mt_imap_search_key_lookup(u8("from"), 4)->nargs, ==, 1);
    g_assert_cmpuint(mt_imap_search_key_lookup(u8("UNSEEN"), 6)->nargs, ==, 0);
}

/* ------------------------------------------------------------------------
 * Session texts
 * ------------------------------------------------------------------------ */

static void
test_session_texts(void)
{
    guint i;

    for (i = 0; i < MT_IMAP_ST_COUNT; i++)
        mt_check_english("stage", en(mt_imap_stage_text((mt_imap_stage)i)), LABEL_MAX);
    g_assert_null(mt_imap_next_text(MT_IMAP_N_NONE));
    for (i = 1; i < MT_IMAP_N_COUNT; i++)
        check_teaching("next", mt_imap_next_text((mt_imap_next)i));
    for (i = 0; i < MT_IMAP_L_COUNT; i++)
        mt_check_english("label", en(mt_imap_label_text((mt_imap_label)i)), NAME_MAX);
    for (i = 0; i < MT_IMAP_X_COUNT; i++) {
        char *what = g_strdup_printf("explanation %u", i);
        mt_check_line_text(what, mt_imap_expl_text((mt_imap_expl)i), mt_imap_expl_summary((mt_imap_expl)i));
        if (mt_imap_expl_rfc((mt_imap_expl)i))
            check_rfc(what, mt_imap_expl_rfc((mt_imap_expl)i));
        g_free(what);
    }
    g_assert_null(mt_imap_expl_text(MT_IMAP_X_COUNT));
    g_assert_null(mt_imap_stage_text(MT_IMAP_ST_COUNT));
    g_assert_cmpstr(mt_imap_expl_rfc(MT_IMAP_X_LITERAL_NONSYNC), ==, "RFC 7888 §3");
}

/* ------------------------------------------------------------------------
 * Fields and anomalies: names are a contract
 * ------------------------------------------------------------------------ */

typedef struct {
    const char *abbrev;
    const char *name;
    const char *blurb;
} field_row;

static const field_row all_fields[] = {
#define MT_FIELD(id, abbrev, name, type, base, blurb) { abbrev, name, blurb },
#include "mt_fields.def"
#include "mt_fields_pop3.def"
#include "mt_fields_imap.def"
#undef MT_FIELD
};

static const field_row imap_fields[] = {
#define MT_FIELD(id, abbrev, name, type, base, blurb) { abbrev, name, blurb },
#include "mt_fields_imap.def"
#undef MT_FIELD
};

typedef struct {
    const char *abbrev;
    const char *rfc_imap;
    mt_text     text;
} anomaly_row;

static const anomaly_row all_anomalies[] = {
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) { abbrev, rfc_imap, text },
#include "mt_anomalies.def"
#include "mt_anomalies_pop3.def"
#include "mt_anomalies_imap.def"
#undef MT_ANOMALY
};

static const anomaly_row imap_anomalies[] = {
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) { abbrev, rfc_imap, text },
#include "mt_anomalies_imap.def"
#undef MT_ANOMALY
};

static void
test_fields_and_anomalies(void)
{
    static const char *const issue[] = {
        "mailteach.imap.tag", "mailteach.imap.command", "mailteach.imap.status",
        "mailteach.imap.response_code", "mailteach.imap.literal.size", "mailteach.imap.subcommand",
        "mailteach.imap.argument", "mailteach.imap.response.text", "mailteach.imap.untagged",
        "mailteach.imap.capability", "mailteach.imap.flag", "mailteach.imap.count",
        "mailteach.imap.message_number", "mailteach.imap.fetch.item", "mailteach.imap.uid",
        "mailteach.imap.size", "mailteach.imap.search.result", "mailteach.imap.mailbox",
        "mailteach.imap.list.attribute", "mailteach.imap.status.item",
    };
    gsize i, k;

    for (i = 0; i < G_N_ELEMENTS(imap_fields); i++) {
        g_assert_true(g_str_has_prefix(imap_fields[i].abbrev, "mailteach.imap."));
        mt_check_english(imap_fields[i].abbrev, imap_fields[i].name, NAME_MAX);
        mt_check_english(imap_fields[i].abbrev, imap_fields[i].blurb, LABEL_MAX);
    }
    for (i = 0; i < G_N_ELEMENTS(issue); i++) {
        for (k = 0; k < G_N_ELEMENTS(imap_fields); k++) {
            if (strcmp(imap_fields[k].abbrev, issue[i]) == 0)
                break;
        }
        if (k == G_N_ELEMENTS(imap_fields))
            g_error("field %s missing", issue[i]);
    }
    /* every name is unique, and no expert info has a field's name */
    for (i = 0; i < G_N_ELEMENTS(all_fields); i++) {
        for (k = 0; k < i; k++)
            g_assert_cmpstr(all_fields[k].abbrev, !=, all_fields[i].abbrev);
        for (k = 0; k < G_N_ELEMENTS(all_anomalies); k++)
            g_assert_cmpstr(all_anomalies[k].abbrev, !=, all_fields[i].abbrev);
    }
    for (i = 0; i < G_N_ELEMENTS(all_anomalies); i++) {
        for (k = 0; k < i; k++)
            g_assert_cmpstr(all_anomalies[k].abbrev, !=, all_anomalies[i].abbrev);
    }
    for (i = 0; i < G_N_ELEMENTS(imap_anomalies); i++) {
        g_assert_true(g_str_has_prefix(imap_anomalies[i].abbrev, "mailteach.imap."));
        g_assert_nonnull(imap_anomalies[i].rfc_imap);
        check_rfc(imap_anomalies[i].abbrev, imap_anomalies[i].rfc_imap);
        mt_check_english(imap_anomalies[i].abbrev, en(&imap_anomalies[i].text), LABEL_MAX);
    }
    /* the common anomalies the IMAP machine raises cite IMAP */
    g_assert_nonnull(mt_anomaly_rfc(MT_A_BARE_LF, MT_PROTO_IMAP));
    g_assert_nonnull(mt_anomaly_rfc(MT_A_IMAP_TAG_UNMATCHED, MT_PROTO_IMAP));
    g_assert_null(mt_anomaly_rfc(MT_A_IMAP_TAG_UNMATCHED, MT_PROTO_SMTP));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/imap_catalog/commands", test_commands);
    g_test_add_func("/imap_catalog/statuses-and-contexts", test_statuses_and_contexts);
    g_test_add_func("/imap_catalog/codes", test_codes);
    g_test_add_func("/imap_catalog/untagged", test_untagged);
    g_test_add_func("/imap_catalog/capabilities", test_capabilities);
    g_test_add_func("/imap_catalog/fetch-items", test_fetch_items);
    g_test_add_func("/imap_catalog/words", test_words);
    g_test_add_func("/imap_catalog/session-texts", test_session_texts);
    g_test_add_func("/imap_catalog/fields-and-anomalies", test_fields_and_anomalies);
    return g_test_run();
}
