/* mt_sasl_catalog.h - SASL mechanisms, shared by SMTP AUTH, POP3 AUTH and
 * IMAP AUTHENTICATE
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef MT_SASL_CATALOG_H
#define MT_SASL_CATALOG_H

#include <glib.h>

#include "mt_text.h"

typedef struct {
    const char *name;           /* upper case: "PLAIN", "SCRAM-SHA-256" */
    gboolean    cleartext;      /* the password crosses the wire recoverably */
    const char *rfc;
    mt_text     explanation;
} mt_sasl_mech_info;

const mt_sasl_mech_info *mt_sasl_mech_lookup(const guint8 *name, gsize len);
const mt_sasl_mech_info *mt_sasl_mechs(gsize *n);

#endif /* MT_SASL_CATALOG_H */
