/* fuzz_catalog.c - every catalog lookup with an arbitrary token
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: the token itself (a verb, keyword, capability, code name, flag,
 * mechanism...). Its first bytes also serve as the numbers the numeric
 * lookups take (reply codes, enhanced status digits, command and status
 * ids). A row found by name must carry that name (case aside), or a
 * prefix of it for prefix and hierarchical rows; every text it points
 * to is read.
 */
#include "mt_fuzz.h"

#include <string.h>

#include "mt_imap_catalog.h"
#include "mt_pop3_catalog.h"
#include "mt_sasl_catalog.h"
#include "mt_smtp_catalog.h"
#include "mt_util.h"

static void
text(const mt_text *t)
{
    guint lang;

    for (lang = 0; lang < MT_LANG_COUNT; lang++) {
        const char *s = mt_text_get(t, (mt_lang)lang);
        if (s)
            mt_fuzz_touch(s);
    }
}

/* The row's name matches the token: equal, or a prefix of it when the
 * row is a prefix row (a name ending in "=" or "-": "AUTH=", "X-") or the
 * token goes on with "/" (a hierarchical code known by its first part). */
static void
named(const char *name, const guint8 *tok, gsize len)
{
    gsize n;

    MT_FUZZ_CHECK(name != NULL);
    n = strlen(name);
    if (mt_ci_eq(tok, len, name))
        return;
    MT_FUZZ_CHECK(n > 0 && n < len && mt_ci_prefix(tok, len, 0, name));
    MT_FUZZ_CHECK(name[n - 1] == '=' || name[n - 1] == '-' || tok[n] == '/');
}

static guint
num(const guint8 *d, gsize n, gsize i)
{
    guint v = 0;
    gsize k;

    for (k = i; k < i + 4 && k < n; k++)
        v = v << 8 | d[k];
    return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    guint a = num(d, n, 0), b = num(d, n, 4);
    gsize i;

    { const mt_smtp_command_info *r = mt_smtp_command_lookup(d, n);
      if (r) { named(r->verb, d, n); text(&r->name); text(&r->explanation); text(&r->next); } }
    { const mt_smtp_ext_info *r = mt_smtp_ext_lookup(d, n);
      if (r) { named(r->keyword, d, n); text(&r->name); text(&r->explanation); } }
    { const mt_smtp_param_info *r = mt_smtp_param_lookup(d, n);
      if (r) { named(r->keyword, d, n); text(&r->explanation); } }
    { const mt_pop3_command_info *r = mt_pop3_command_lookup(d, n);
      if (r) { named(r->keyword, d, n); text(&r->name); text(&r->explanation); text(&r->next); } }
    { const mt_pop3_capa_info *r = mt_pop3_capa_lookup(d, n);
      if (r) { named(r->tag, d, n); text(&r->name); text(&r->explanation); } }
    { const mt_pop3_resp_code_info *r = mt_pop3_resp_code_lookup(d, n);
      if (r) { named(r->code, d, n); text(&r->name); text(&r->explanation); } }
    { const mt_imap_command_info *r = mt_imap_command_lookup(d, n);
      if (r) { named(r->verb, d, n); text(&r->name); text(&r->explanation); text(&r->next); } }
    { const mt_imap_status_info *r = mt_imap_status_lookup(d, n);
      if (r) { named(r->word, d, n); text(&r->name); text(&r->tagged); text(&r->untagged); } }
    { const mt_imap_code_info *r = mt_imap_code_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_imap_untagged_info *r = mt_imap_untagged_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_imap_cap_info *r = mt_imap_cap_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_imap_fetch_info *r = mt_imap_fetch_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_imap_word_info *r = mt_imap_flag_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_imap_word_info *r = mt_imap_list_attr_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_imap_word_info *r = mt_imap_status_item_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_imap_word_info *r = mt_imap_search_key_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }
    { const mt_sasl_mech_info *r = mt_sasl_mech_lookup(d, n);
      if (r) { named(r->name, d, n); text(&r->explanation); } }

    /* numbers as a parser could compute them from the wire */
    { const mt_smtp_reply_info *r = mt_smtp_reply_lookup(a);
      if (r) { MT_FUZZ_CHECK(r->code == a); text(&r->name); text(&r->explanation); } }
    { const mt_text *t = mt_smtp_reply_context_lookup((mt_smtp_cmd)b, a); if (t) text(t); }
    { const mt_smtp_digit_info *r = mt_smtp_reply_class_lookup(a); if (r) text(&r->name); }
    { const mt_smtp_digit_info *r = mt_smtp_reply_category_lookup(a); if (r) text(&r->name); }
    { const mt_smtp_digit_info *r = mt_smtp_enhanced_class_lookup(a); if (r) text(&r->name); }
    { const mt_smtp_digit_info *r = mt_smtp_enhanced_subject_lookup(a); if (r) text(&r->name); }
    { const mt_smtp_enhanced_info *r = mt_smtp_enhanced_lookup(a, b);
      if (r) { MT_FUZZ_CHECK(r->subject == a && r->detail == b); text(&r->name); } }
    { const mt_smtp_command_info *r = mt_smtp_command_get((mt_smtp_cmd)a);
      if (r) MT_FUZZ_CHECK((guint)r->id == a); }
    { const mt_pop3_command_info *r = mt_pop3_command_get((mt_pop3_cmd)a);
      if (r) MT_FUZZ_CHECK((guint)r->id == a); }
    { const mt_pop3_response_context *r =
          mt_pop3_response_context_lookup((mt_pop3_cmd)a, (b & 1) != 0, (mt_pop3_variant)(b >> 1));
      if (r) text(&r->meaning); }
    { const mt_imap_command_info *r = mt_imap_command_get((mt_imap_cmd)a);
      if (r) MT_FUZZ_CHECK((guint)r->id == a); }
    { const mt_imap_status_info *r = mt_imap_status_get((mt_imap_status)a);
      if (r) MT_FUZZ_CHECK((guint)r->id == a); }
    { const mt_text *t = mt_imap_context_lookup((mt_imap_cmd)a, (mt_imap_status)b); if (t) text(t); }
    { const mt_imap_untagged_info *r = mt_imap_untagged_get((mt_imap_untagged)a);
      if (r) MT_FUZZ_CHECK((guint)r->id == a); }
    (void)mt_imap_untagged_for((mt_imap_untagged)a, (mt_imap_cmd)b);
    { const mt_imap_fetch_info *r = mt_imap_fetch_get((mt_imap_fetch_item)a);
      if (r) MT_FUZZ_CHECK((guint)r->id == a); }

    /* every prefix of a short token, as a parser cuts words */
    for (i = 0; i < n && i < 24; i++) {
        (void)mt_smtp_command_lookup(d, i);
        (void)mt_imap_cap_lookup(d, i);
        (void)mt_pop3_resp_code_lookup(d, i);
    }
    return 0;
}
