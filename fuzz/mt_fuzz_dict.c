/* mt_fuzz_dict.c - print every name the catalogs know, one a line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Commands, EHLO keywords, MAIL/RCPT parameters, POP3 capabilities and
 * response codes, IMAP commands, statuses, response codes, untagged
 * names, capabilities, FETCH items, flags, mailbox attributes, STATUS
 * items, SEARCH keys, SASL mechanisms and reply codes: fuzz/make_seeds.py
 * turns them into the fuzzers' dictionaries, so a name added to a catalog
 * is fuzzed without anyone listing it again.
 */
#include <stdio.h>

#include "mt_imap_catalog.h"
#include "mt_pop3_catalog.h"
#include "mt_sasl_catalog.h"
#include "mt_smtp_catalog.h"

#define EACH(fn, member)                                     \
    do {                                                     \
        gsize n_, i_;                                        \
        const __typeof__(*fn(&n_)) *t_ = fn(&n_);            \
        for (i_ = 0; i_ < n_; i_++)                          \
            if (t_[i_].member && t_[i_].member[0])           \
                printf("%s\n", t_[i_].member);               \
    } while (0)

int
main(void)
{
    gsize n, i;
    const mt_smtp_reply_info *replies = mt_smtp_replies(&n);

    EACH(mt_smtp_commands, verb);
    EACH(mt_smtp_extensions, keyword);
    EACH(mt_smtp_params, keyword);
    EACH(mt_pop3_commands, keyword);
    EACH(mt_pop3_capabilities, tag);
    EACH(mt_pop3_resp_codes, code);
    EACH(mt_imap_commands, verb);
    EACH(mt_imap_statuses, word);
    EACH(mt_imap_codes, name);
    EACH(mt_imap_untaggeds, name);
    EACH(mt_imap_caps, name);
    EACH(mt_imap_fetch_items, name);
    EACH(mt_imap_flags, name);
    EACH(mt_imap_list_attrs, name);
    EACH(mt_imap_status_items, name);
    EACH(mt_imap_search_keys, name);
    EACH(mt_sasl_mechs, name);
    for (i = 0; i < n; i++)
        printf("%u\n", (unsigned)replies[i].code);
    return 0;
}
