/* test_pop3_catalog.c - checks a teacher would make of the POP3 catalog
 * and the POP3 session texts
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "mt_anomaly.h"
#include "mt_pop3_catalog.h"
#include "mt_pop3_texts.h"
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

static const mt_pop3_command_info *
cmd_get(mt_pop3_cmd id)
{
    const mt_pop3_command_info *c = mt_pop3_command_get(id);

    if (c == NULL)
        g_error("command id %d missing", (int)id);
    return c;
}

/* ------------------------------------------------------------------------
 * Text integrity helpers (as for the SMTP catalog)
 * ------------------------------------------------------------------------ */

static void
check_name(const char *what, const mt_text *t)
{
    mt_check_english(what, en(t), NAME_MAX);
}

/* "RFC 1939 §5" (one section, digits and dots), or a vendor for an
 * unregistered extension. */
static void
check_rfc(const char *what, const char *rfc)
{
    const char *sect;
    const char *p;

    mt_check_english(what, rfc, NAME_MAX);
    if (g_str_has_prefix(rfc, "Dovecot "))
        return;
    if (!g_str_has_prefix(rfc, "RFC "))
        g_error("%s: reference does not start with \"RFC \": %s", what, rfc);
    for (p = rfc + 4; g_ascii_isdigit(*p); p++)
        ;
    if (p == rfc + 4)
        g_error("%s: no RFC number: %s", what, rfc);
    sect = strstr(rfc, " §");
    if (sect == NULL || sect != p)
        g_error("%s: no section after the RFC number: %s", what, rfc);
    p = sect + strlen(" §");
    if (!g_ascii_isdigit(*p))
        g_error("%s: section is not a number: %s", what, rfc);
    for (; *p; p++) {
        if (!g_ascii_isdigit(*p) && *p != '.')
            g_error("%s: more than one section: %s", what, rfc);
    }
}

/* ------------------------------------------------------------------------
 * Commands
 * ------------------------------------------------------------------------ */

static void
test_command_lookup(void)
{
    static const char *const keywords[] = {
        "USER", "PASS", "APOP", "STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "QUIT",
        "TOP", "UIDL", "CAPA", "STLS", "AUTH", "UTF8", "LANG"
    };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(keywords); i++) {
        gchar *lower = g_ascii_strdown(keywords[i], -1);
        const mt_pop3_command_info *c = mt_pop3_command_lookup(u8(keywords[i]), strlen(keywords[i]));

        if (c == NULL)
            g_error("keyword %s missing", keywords[i]);
        g_assert_cmpstr(c->keyword, ==, keywords[i]);
        /* keywords are case-insensitive (RFC 1939 §3) */
        g_assert_true(mt_pop3_command_lookup(u8(lower), strlen(lower)) == c);
        g_free(lower);
    }
    g_assert_true(mt_pop3_command_lookup(u8("Retr"), 4)->id == MT_POP3_CMD_RETR);
    /* only whole keywords, never past the length given */
    g_assert_null(mt_pop3_command_lookup(u8("RETRX"), 5));
    g_assert_null(mt_pop3_command_lookup(u8("RET"), 3));
    g_assert_true(mt_pop3_command_lookup(u8("TOPS"), 3)->id == MT_POP3_CMD_TOP);
    g_assert_null(mt_pop3_command_lookup(u8("XYZZY"), 5));
    g_assert_null(mt_pop3_command_lookup(u8("LAST"), 4));
    g_assert_null(mt_pop3_command_lookup(u8(""), 0));
    g_assert_null(mt_pop3_command_lookup(NULL, 4));
    /* pseudo commands are labels, not keywords */
    g_assert_null(mt_pop3_command_lookup(u8("(connect)"), 9));
    g_assert_null(mt_pop3_command_lookup(u8("(SASL answer)"), 13));
    g_assert_null(mt_pop3_command_get(MT_POP3_CMD_UNKNOWN));
    g_assert_null(mt_pop3_command_get(MT_POP3_CMD_COUNT));
}

static void
test_command_table(void)
{
    gsize n, i;
    const mt_pop3_command_info *t = mt_pop3_commands(&n);

    g_assert_cmpuint(n, ==, MT_POP3_CMD_COUNT - 1);
    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("command %s", t[i].keyword);

        g_assert_cmpint(t[i].id, ==, (mt_pop3_cmd)(i + 1));
        g_assert_true(cmd_get(t[i].id) == &t[i]);
        g_assert_true(t[i].states != 0);
        mt_check_english(what, t[i].keyword, NAME_MAX);
        mt_check_english(what, t[i].syntax, NAME_MAX);
        check_rfc(what, t[i].rfc);
        check_name(what, &t[i].name);
        mt_check_summary(what, &t[i].summary);
        mt_check_teaching(what, &t[i].explanation);
        mt_check_teaching(what, &t[i].next);
        g_free(what);
    }
}

static void
test_command_sections(void)
{
    /* RFC 1939: §5 TRANSACTION commands, §6 UPDATE, §7 optional commands */
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_STAT)->rfc, ==, "RFC 1939 §5");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_LIST)->rfc, ==, "RFC 1939 §5");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_RETR)->rfc, ==, "RFC 1939 §5");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_DELE)->rfc, ==, "RFC 1939 §5");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_NOOP)->rfc, ==, "RFC 1939 §5");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_RSET)->rfc, ==, "RFC 1939 §5");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_QUIT)->rfc, ==, "RFC 1939 §6");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_TOP)->rfc, ==, "RFC 1939 §7");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_UIDL)->rfc, ==, "RFC 1939 §7");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_USER)->rfc, ==, "RFC 1939 §7");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_PASS)->rfc, ==, "RFC 1939 §7");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_APOP)->rfc, ==, "RFC 1939 §7");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_CAPA)->rfc, ==, "RFC 2449 §5");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_STLS)->rfc, ==, "RFC 2595 §4");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_AUTH)->rfc, ==, "RFC 5034 §4");
    g_assert_cmpstr(cmd_get(MT_POP3_CMD_CONNECT)->rfc, ==, "RFC 1939 §4");

    /* the states each command is valid in (RFC 1939 §3-§7, RFC 2449 §5, RFC 2595 §4) */
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_USER)->states, ==, MT_POP3_IN_AUTHORIZATION);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_STLS)->states, ==, MT_POP3_IN_AUTHORIZATION);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_AUTH)->states, ==, MT_POP3_IN_AUTHORIZATION);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_NOOP)->states, ==, MT_POP3_IN_TRANSACTION);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_TOP)->states, ==, MT_POP3_IN_TRANSACTION);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_QUIT)->states, ==, MT_POP3_IN_BOTH);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_CAPA)->states, ==, MT_POP3_IN_BOTH);

    /* the classic misconceptions are taught where they belong */
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_DELE)->explanation), "QUIT"));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_DELE)->explanation), "RSET"));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_DELE)->explanation), "UPDATE"));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_RETR)->explanation), "does not delete"));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_PASS)->explanation), "plain text"));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_APOP)->explanation), "MD5"));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_AUTH)->explanation), "not encryption"));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_SASL)->explanation), "\"*\""));
    g_assert_true(contains(en(&cmd_get(MT_POP3_CMD_USER)->next), "any name"));
}

/* ------------------------------------------------------------------------
 * Responses
 * ------------------------------------------------------------------------ */

static void
test_contexts(void)
{
    gsize n, i;
    const mt_pop3_response_context *t = mt_pop3_response_contexts(&n);
    guint id;

    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("context %d/%s/%d", (int)t[i].cmd, t[i].ok ? "+OK" : "-ERR",
                                      (int)t[i].variant);
        guint j;

        mt_check_teaching(what, &t[i].meaning);
        mt_check_summary(what, &t[i].summary);
        if (t[i].rfc)
            check_rfc(what, t[i].rfc);
        /* no row twice */
        for (j = 0; j < i; j++)
            g_assert_false(t[j].cmd == t[i].cmd && t[j].ok == t[i].ok && t[j].variant == t[i].variant);
        g_free(what);
    }
    /* every command, pseudo or not, says what +OK and -ERR mean for it */
    for (id = 0; id < MT_POP3_CMD_COUNT; id++) {
        if (mt_pop3_response_context_lookup((mt_pop3_cmd)id, TRUE, MT_POP3_V_ANY) == NULL
            && mt_pop3_response_context_lookup((mt_pop3_cmd)id, TRUE, MT_POP3_V_ARG) == NULL)
            g_error("no +OK meaning for command %u", id);
        if (mt_pop3_response_context_lookup((mt_pop3_cmd)id, FALSE, MT_POP3_V_ANY) == NULL)
            g_error("no -ERR meaning for command %u", id);
    }
    /* LIST, UIDL, AUTH: with and without argument are different answers */
    g_assert_true(mt_pop3_response_context_lookup(MT_POP3_CMD_LIST, TRUE, MT_POP3_V_NOARG)
                  != mt_pop3_response_context_lookup(MT_POP3_CMD_LIST, TRUE, MT_POP3_V_ARG));
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_UIDL, TRUE,
                                                               MT_POP3_V_NOARG)->meaning), "\".\""));
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_AUTH, TRUE,
                                                               MT_POP3_V_NOARG)->meaning), "non-standard"));
    /* QUIT: only after login does it delete */
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_QUIT, TRUE,
                                                               MT_POP3_V_AFTER_LOGIN)->meaning), "UPDATE"));
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_QUIT, TRUE,
                                                               MT_POP3_V_BEFORE_LOGIN)->meaning), "nothing"));
    /* a variant without its own row falls back to the general one */
    g_assert_true(mt_pop3_response_context_lookup(MT_POP3_CMD_RETR, FALSE, MT_POP3_V_ARG)
                  == mt_pop3_response_context_lookup(MT_POP3_CMD_RETR, FALSE, MT_POP3_V_ANY));
    g_assert_null(mt_pop3_response_context_lookup(MT_POP3_CMD_COUNT, TRUE, MT_POP3_V_ANY));
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_PASS, TRUE,
                                                               MT_POP3_V_ANY)->meaning), "TRANSACTION"));
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_DELE, TRUE,
                                                               MT_POP3_V_ANY)->meaning), "only at QUIT"));
    /* a failed login is this attempt, not the end of all attempts */
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_PASS, FALSE,
                                                               MT_POP3_V_ANY)->meaning), "may try again"));
    g_assert_cmpstr(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_PASS, TRUE,
                                                        MT_POP3_V_ANY)->summary), ==, "logged in");
    /* RFC 6856 §2.1: UTF8 is about the messages; user names need UTF8 USER */
    g_assert_true(contains(en(&mt_pop3_response_context_lookup(MT_POP3_CMD_UTF8, TRUE,
                                                               MT_POP3_V_ANY)->meaning), "UTF8 USER"));
}

static void
test_capabilities(void)
{
    /* the IANA "POP3 Extension Mechanism" registry, with its sections */
    static const struct { const char *tag; const char *rfc; mt_pop3_capa_param param; } iana[] = {
        { "TOP", "RFC 2449 §6.1", MT_POP3_CAPA_PARAM_NONE },
        { "USER", "RFC 2449 §6.2", MT_POP3_CAPA_PARAM_NONE },
        { "SASL", "RFC 2449 §6.3", MT_POP3_CAPA_PARAM_MECHS },
        { "RESP-CODES", "RFC 2449 §6.4", MT_POP3_CAPA_PARAM_NONE },
        { "LOGIN-DELAY", "RFC 2449 §6.5", MT_POP3_CAPA_PARAM_SECONDS },
        { "PIPELINING", "RFC 2449 §6.6", MT_POP3_CAPA_PARAM_NONE },
        { "EXPIRE", "RFC 2449 §6.7", MT_POP3_CAPA_PARAM_DAYS },
        { "UIDL", "RFC 2449 §6.8", MT_POP3_CAPA_PARAM_NONE },
        { "IMPLEMENTATION", "RFC 2449 §6.9", MT_POP3_CAPA_PARAM_TEXT },
        { "STLS", "RFC 2595 §4", MT_POP3_CAPA_PARAM_NONE },
        { "AUTH-RESP-CODE", "RFC 3206 §6", MT_POP3_CAPA_PARAM_NONE },
        { "UTF8", "RFC 6856 §2", MT_POP3_CAPA_PARAM_UTF8 },
        { "LANG", "RFC 6856 §3", MT_POP3_CAPA_PARAM_NONE },
    };
    gsize n, i, j;
    const mt_pop3_capa_info *t = mt_pop3_capabilities(&n);
    guint32 flags = 0;

    for (i = 0; i < G_N_ELEMENTS(iana); i++) {
        const mt_pop3_capa_info *c = mt_pop3_capa_lookup(u8(iana[i].tag), strlen(iana[i].tag));
        gchar *lower = g_ascii_strdown(iana[i].tag, -1);

        if (c == NULL)
            g_error("capability %s missing", iana[i].tag);
        g_assert_cmpstr(c->rfc, ==, iana[i].rfc);
        g_assert_cmpint(c->param, ==, iana[i].param);
        g_assert_true(c->flag != 0);
        g_assert_true((flags & c->flag) == 0);     /* one flag each */
        flags |= c->flag;
        g_assert_true(mt_pop3_capa_lookup(u8(lower), strlen(lower)) == c);
        g_free(lower);
    }
    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("capability %s", t[i].tag);

        mt_check_english(what, t[i].tag, NAME_MAX);
        check_rfc(what, t[i].rfc);
        check_name(what, &t[i].name);
        mt_check_teaching(what, &t[i].explanation);
        for (j = 0; j < i; j++)
            g_assert_cmpstr(t[j].tag, !=, t[i].tag);
        g_free(what);
    }
    /* the commands that a capability announces point to it */
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_STLS)->needs, ==, mt_pop3_capa_lookup(u8("STLS"), 4)->flag);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_AUTH)->needs, ==, mt_pop3_capa_lookup(u8("SASL"), 4)->flag);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_TOP)->needs, ==, mt_pop3_capa_lookup(u8("TOP"), 3)->flag);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_UIDL)->needs, ==, mt_pop3_capa_lookup(u8("UIDL"), 4)->flag);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_USER)->needs, ==, mt_pop3_capa_lookup(u8("USER"), 4)->flag);
    g_assert_cmpuint(cmd_get(MT_POP3_CMD_RETR)->needs, ==, 0);
    g_assert_null(mt_pop3_capa_lookup(u8("XFOO"), 4));
    g_assert_null(mt_pop3_capa_lookup(u8("TOPX"), 4));
    g_assert_true(contains(en(&mt_pop3_capa_lookup(u8("USER"), 4)->explanation), "TLS"));
    /* RFC 2449 §6.7: a minimum retention; §6.5: the code may be missing */
    g_assert_true(contains(en(&mt_pop3_capa_lookup(u8("EXPIRE"), 6)->explanation), "least number of days"));
    g_assert_true(contains(en(&mt_pop3_capa_lookup(u8("LOGIN-DELAY"), 11)->explanation), "without it"));
    /* RFC 6856 §2.2: UTF-8 user names only with the USER argument */
    g_assert_true(contains(en(&mt_pop3_capa_lookup(u8("UTF8"), 4)->explanation), "Only with the argument USER"));
    /* RFC 3206 §6: any problem with the credentials */
    g_assert_true(contains(en(&mt_pop3_capa_lookup(u8("AUTH-RESP-CODE"), 14)->explanation),
                           "problem with the credentials"));
}

static void
test_response_codes(void)
{
    static const struct { const char *code; const char *rfc; } known[] = {
        { "IN-USE", "RFC 2449 §8.1.2" },
        { "LOGIN-DELAY", "RFC 2449 §8.1.1" },
        { "SYS/TEMP", "RFC 3206 §4" },
        { "SYS/PERM", "RFC 3206 §4" },
        { "AUTH", "RFC 3206 §5" },
        { "UTF8", "RFC 6856 §5" },
    };
    gsize n, i;
    const mt_pop3_resp_code_info *t = mt_pop3_resp_codes(&n);
    const mt_pop3_resp_code_info *c;

    for (i = 0; i < G_N_ELEMENTS(known); i++) {
        c = mt_pop3_resp_code_lookup(u8(known[i].code), strlen(known[i].code));
        if (c == NULL)
            g_error("response code %s missing", known[i].code);
        g_assert_cmpstr(c->code, ==, known[i].code);
        g_assert_cmpstr(c->rfc, ==, known[i].rfc);
    }
    for (i = 0; i < n; i++) {
        gchar *what = g_strdup_printf("response code %s", t[i].code);
        mt_check_english(what, t[i].code, NAME_MAX);
        check_rfc(what, t[i].rfc);
        check_name(what, &t[i].name);
        mt_check_teaching(what, &t[i].explanation);
        g_free(what);
    }
    /* case-insensitive; a hierarchical code falls back to its first part */
    g_assert_cmpstr(mt_pop3_resp_code_lookup(u8("sys/temp"), 8)->code, ==, "SYS/TEMP");
    g_assert_cmpstr(mt_pop3_resp_code_lookup(u8("SYS/OTHER"), 9)->code, ==, "SYS");
    g_assert_null(mt_pop3_resp_code_lookup(u8("/TEMP"), 5));
    g_assert_null(mt_pop3_resp_code_lookup(u8("UNKNOWN-CODE"), 12));
    g_assert_null(mt_pop3_resp_code_lookup(u8(""), 0));
    g_assert_null(mt_pop3_resp_code_lookup(u8("IN-USEX"), 7));
    /* what a client should do: tell the user, or only wait */
    g_assert_true(contains(en(&mt_pop3_resp_code_lookup(u8("AUTH"), 4)->explanation), "tell the user"));
    /* RFC 3206 §5: any credential problem, not only a wrong password */
    g_assert_true(contains(en(&mt_pop3_resp_code_lookup(u8("AUTH"), 4)->explanation), "expired account"));
    g_assert_true(contains(en(&mt_pop3_resp_code_lookup(u8("IN-USE"), 6)->explanation), "try again later"));
    /* RFC 2449 §8.1.2: the authentication succeeded */
    g_assert_true(contains(en(&mt_pop3_resp_code_lookup(u8("IN-USE"), 6)->explanation),
                           "authentication succeeded"));
}

/* ------------------------------------------------------------------------
 * Session texts
 * ------------------------------------------------------------------------ */

static void
test_session_texts(void)
{
    guint i;

    for (i = 0; i < MT_POP3_ST_COUNT; i++) {
        gchar *what = g_strdup_printf("stage %u", i);
        g_assert_nonnull(mt_pop3_stage_text((mt_pop3_stage)i));
        mt_check_english(what, en(mt_pop3_stage_text((mt_pop3_stage)i)), LABEL_MAX - 20);
        g_free(what);
    }
    g_assert_null(mt_pop3_next_text(MT_POP3_N_NONE));
    for (i = 1; i < MT_POP3_N_COUNT; i++) {
        gchar *what = g_strdup_printf("next %u", i);
        mt_check_teaching(what, mt_pop3_next_text((mt_pop3_next)i));
        g_free(what);
    }
    for (i = 0; i < MT_POP3_L_COUNT; i++) {
        gchar *what = g_strdup_printf("label %u", i);
        mt_check_english(what, en(mt_pop3_label_text((mt_pop3_label)i)), NAME_MAX);
        g_free(what);
    }
    for (i = 0; i < MT_POP3_X_COUNT; i++) {
        gchar *what = g_strdup_printf("explanation %u", i);

        mt_check_line_text(what, mt_pop3_expl_text((mt_pop3_expl)i), mt_pop3_expl_summary((mt_pop3_expl)i));
        if (mt_pop3_expl_rfc((mt_pop3_expl)i))
            check_rfc(what, mt_pop3_expl_rfc((mt_pop3_expl)i));
        g_free(what);
    }
    /* RFC 1939 §11: how a message's octets are counted */
    g_assert_cmpstr(mt_pop3_expl_rfc(MT_POP3_X_SIZE_DIFFERS), ==, "RFC 1939 §11");
    g_assert_cmpstr(mt_anomaly_rfc(MT_A_POP3_SIZE_MISMATCH, MT_PROTO_POP3), ==, "RFC 1939 §11");
    /* PASS: APOP avoids sending the password, SASL PLAIN/LOGIN do not */
    g_assert_false(contains(en(mt_pop3_expl_text(MT_POP3_X_PASSWORD)), "SASL avoid"));
    g_assert_true(contains(en(mt_pop3_expl_text(MT_POP3_X_PASSWORD)), "SASL PLAIN and LOGIN do"));
    for (i = 0; i < MT_POP3_U_COUNT; i++)
        mt_check_english("unit", en(mt_pop3_unit_text((mt_pop3_unit)i)), NAME_MAX);
    g_assert_null(mt_pop3_stage_text(MT_POP3_ST_COUNT));
    g_assert_null(mt_pop3_expl_text(MT_POP3_X_COUNT));
    g_assert_null(mt_pop3_expl_rfc(MT_POP3_X_COUNT));
    /* the three RFC 1939 states are named where the session is in them */
    g_assert_true(g_str_has_prefix(en(mt_pop3_stage_text(MT_POP3_ST_AUTHORIZATION)), "AUTHORIZATION"));
    g_assert_true(g_str_has_prefix(en(mt_pop3_stage_text(MT_POP3_ST_TRANSACTION)), "TRANSACTION"));
    g_assert_true(g_str_has_prefix(en(mt_pop3_stage_text(MT_POP3_ST_UPDATE)), "UPDATE"));
    g_assert_true(contains(en(mt_pop3_expl_text(MT_POP3_X_DOT_STUFFED)), "removes one dot"));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pop3_catalog/command/lookup", test_command_lookup);
    g_test_add_func("/pop3_catalog/command/table", test_command_table);
    g_test_add_func("/pop3_catalog/command/sections", test_command_sections);
    g_test_add_func("/pop3_catalog/response/contexts", test_contexts);
    g_test_add_func("/pop3_catalog/capa/capabilities", test_capabilities);
    g_test_add_func("/pop3_catalog/response/codes", test_response_codes);
    g_test_add_func("/pop3_texts/all", test_session_texts);
    return g_test_run();
}
