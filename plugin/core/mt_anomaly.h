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
    /* lines, any protocol */
    MT_A_BARE_LF,
    MT_A_LINE_TOO_LONG,
    MT_A_NUL,
    MT_A_CONTROL_CHAR,
    MT_A_MIDSESSION,
    MT_A_UNSOLICITED_REPLY,
    /* SMTP */
    MT_A_SMTP_UNKNOWN_COMMAND,
    MT_A_SMTP_UNKNOWN_REPLY,
    MT_A_SMTP_BAD_REPLY,
    MT_A_SMTP_MULTILINE_MISMATCH,
    MT_A_SMTP_ENH_MISMATCH,
    MT_A_SMTP_BEFORE_GREETING,
    MT_A_SMTP_NO_HELLO,
    MT_A_SMTP_RCPT_BEFORE_MAIL,
    MT_A_SMTP_DATA_BEFORE_RCPT,
    MT_A_SMTP_NESTED_MAIL,
    MT_A_SMTP_AFTER_QUIT,
    MT_A_SMTP_EHLO_AFTER_TLS,
    MT_A_SMTP_NOT_OFFERED,
    MT_A_SMTP_PIPELINING_NOT_OFFERED,
    MT_A_SMTP_TEXT_BEFORE_354,
    MT_A_SMTP_UNEXPECTED_ARGUMENT,
    MT_A_SMTP_MISSING_ARGUMENT,
    MT_A_SMTP_BAD_PATH,
    MT_A_SMTP_DOT_NOT_STUFFED,
    MT_A_SMTP_PERMANENT_FAILURE,
    MT_A_SMTP_TRANSIENT_FAILURE,
    MT_A_SMTP_CLOSING,
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
