/* mt_anomaly.c - what a teacher would point at
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_anomaly.h"

/* Indexed by mt_anomaly. */
static const mt_anomaly_info anomalies[MT_A_COUNT] = {
    [MT_A_NONE] = { MT_A_NONE, { NULL, NULL, NULL, NULL }, MT_T("") },
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) \
    [id] = { id, { NULL, rfc_smtp, rfc_pop3, rfc_imap }, text },
#include "mt_anomalies.def"
#include "mt_anomalies_pop3.def"
#include "mt_anomalies_imap.def"
#include "mt_anomalies_mime.def"
#undef MT_ANOMALY
};

const mt_anomaly_info *
mt_anomaly_get(mt_anomaly id)
{
    if ((unsigned)id >= MT_A_COUNT || id == MT_A_NONE)
        return NULL;
    return &anomalies[id];
}

const char *
mt_anomaly_rfc(mt_anomaly id, mt_proto proto)
{
    const mt_anomaly_info *a = mt_anomaly_get(id);

    if (a == NULL || (unsigned)proto > MT_PROTO_IMAP)
        return NULL;
    return a->rfc[proto];
}
