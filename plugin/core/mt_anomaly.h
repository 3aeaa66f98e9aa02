/* mt_anomaly.h - what a teacher would point at
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The core flags anomalies on records; the adapter turns each into an
 * expert info (one registered expert field per id, with its severity and
 * group). The message text is catalog data.
 */
#ifndef MT_ANOMALY_H
#define MT_ANOMALY_H

#include <glib.h>

#include "mt_record.h"
#include "mt_text.h"

typedef enum {
    MT_A_NONE = 0,
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) id,
#include "mt_anomalies.def"
#include "mt_anomalies_pop3.def"
#include "mt_anomalies_imap.def"
#include "mt_anomalies_mime.def"
#undef MT_ANOMALY
    MT_A_COUNT
} mt_anomaly;

typedef struct {
    mt_anomaly  id;
    const char *rfc[4];     /* by mt_proto: [SMTP], [POP3], [IMAP]; NULL: none */
    mt_text     text;       /* the expert message, short */
} mt_anomaly_info;

const mt_anomaly_info *mt_anomaly_get(mt_anomaly id);
/* The RFC to cite for an anomaly found in proto, or NULL. */
const char *mt_anomaly_rfc(mt_anomaly id, mt_proto proto);

#endif /* MT_ANOMALY_H */
