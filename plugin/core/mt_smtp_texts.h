/* mt_smtp_texts.h - session-level teaching texts for SMTP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Where the session stands, what a correct peer does next, what kind of
 * line this is, and explanations of structure (multi-line replies,
 * dot-stuffing, the end-of-data line ...). Command and reply knowledge is
 * in mt_smtp_catalog.h.
 */
#ifndef MT_SMTP_TEXTS_H
#define MT_SMTP_TEXTS_H

#include "mt_text.h"

typedef enum {
    MT_SMTP_ST_UNKNOWN = 0,
    MT_SMTP_ST_CONNECTED,
    MT_SMTP_ST_GREETED,
    MT_SMTP_ST_HELLO,
    MT_SMTP_ST_READY,
    MT_SMTP_ST_TLS,
    MT_SMTP_ST_AUTH,
    MT_SMTP_ST_SENDER,
    MT_SMTP_ST_RECIPIENTS,
    MT_SMTP_ST_DATA_WAIT,
    MT_SMTP_ST_MESSAGE,
    MT_SMTP_ST_VERDICT,
    MT_SMTP_ST_BDAT,
    MT_SMTP_ST_CLOSING,
    MT_SMTP_ST_CLOSED,
    MT_SMTP_ST_REFUSED,
    MT_SMTP_ST_COUNT
} mt_smtp_stage;

typedef enum {
    MT_SMTP_N_NONE = 0,
    MT_SMTP_N_GREETING,
    MT_SMTP_N_HELLO,
    MT_SMTP_N_TRANSACTION,
    MT_SMTP_N_TRANSACTION_TLS,     /* inside TLS: no second STARTTLS */
    MT_SMTP_N_TRANSACTION_AUTHED,  /* logged in: no second AUTH */
    MT_SMTP_N_RCPT,
    MT_SMTP_N_RCPT_OR_DATA,
    MT_SMTP_N_MESSAGE,
    MT_SMTP_N_MESSAGE_MORE,
    MT_SMTP_N_VERDICT,
    MT_SMTP_N_TLS,
    MT_SMTP_N_EHLO_AGAIN,
    MT_SMTP_N_SASL,
    MT_SMTP_N_RETRY,
    MT_SMTP_N_RETRY_LATER,
    MT_SMTP_N_CLOSE,
    MT_SMTP_N_QUIT,
    MT_SMTP_N_CONTINUES,
    MT_SMTP_N_PIPELINED,
    MT_SMTP_N_BDAT_MORE,
    MT_SMTP_N_UNKNOWN,
    MT_SMTP_N_COUNT
} mt_smtp_next;

typedef enum {
    MT_SMTP_L_COMMAND = 0,
    MT_SMTP_L_REPLY,
    MT_SMTP_L_REPLY_CONT,
    MT_SMTP_L_GREETING,
    MT_SMTP_L_MESSAGE,
    MT_SMTP_L_DATA_END,
    MT_SMTP_L_DOT_STUFFED,
    MT_SMTP_L_HEADER_END,
    MT_SMTP_L_NOTABLE,
    MT_SMTP_L_SASL,
    MT_SMTP_L_BDAT_DATA,
    MT_SMTP_L_UNKNOWN,
    MT_SMTP_L_COUNT
} mt_smtp_label;

typedef enum {
    MT_SMTP_X_MULTILINE = 0,
    MT_SMTP_X_EHLO_UNKNOWN_KW,
    MT_SMTP_X_MESSAGE,
    MT_SMTP_X_DATA_END,
    MT_SMTP_X_DOT_STUFFED,
    MT_SMTP_X_HEADER_END,
    MT_SMTP_X_SASL,
    MT_SMTP_X_SASL_CANCEL,
    MT_SMTP_X_BDAT_DATA,
    MT_SMTP_X_UNKNOWN_CMD,
    MT_SMTP_X_MAYBE_MESSAGE,
    MT_SMTP_X_EMPTY_LINE,
    MT_SMTP_X_UNMATCHED_REPLY,
    MT_SMTP_X_UNKNOWN_CODE,
    MT_SMTP_X_MAIL_FROM,
    MT_SMTP_X_NULL_SENDER,
    MT_SMTP_X_RCPT_TO,
    MT_SMTP_X_HELLO_DOMAIN,
    MT_SMTP_X_BDAT_LAST,
    MT_SMTP_X_SIZE_LIMIT,
    MT_SMTP_X_SIZE_NO_LIMIT,
    MT_SMTP_X_UNKNOWN_MECH,
    MT_SMTP_X_UNKNOWN_PARAM,
    MT_SMTP_X_BARE_LF,
    MT_SMTP_X_TOO_LONG_CMD,
    MT_SMTP_X_TOO_LONG_REPLY,
    MT_SMTP_X_TOO_LONG_TEXT,
    MT_SMTP_X_MIDSESSION,
    MT_SMTP_X_GREETING_MISSED,
    MT_SMTP_X_REPLY_TEXT,
    MT_SMTP_X_ENHANCED,
    MT_SMTP_X_PIPELINED_BATCH,
    MT_SMTP_X_EHLO_PRIVATE_KW,
    MT_SMTP_X_HELO_KEYWORD,
    MT_SMTP_X_REPLY_CONT,
    MT_SMTP_X_BAD_REPLY,
    MT_SMTP_X_MESSAGE_LINE,
    MT_SMTP_X_DOT_NOT_STUFFED,
    MT_SMTP_X_MISSING_ARGUMENT,
    MT_SMTP_X_EXTENSION,
    MT_SMTP_X_SIZE_OFFER,
    MT_SMTP_X_AUTH_OFFER,
    MT_SMTP_X_QUEUED_AS,
    MT_SMTP_X_BDAT_LAST_ACCEPTED,
    MT_SMTP_X_NULL_SENDER_MAIL,
    MT_SMTP_X_MAIL_SIZE,
    MT_SMTP_X_MAIL_BODY,
    MT_SMTP_X_MAIL_SIZE_7BIT,
    MT_SMTP_X_MAIL_SIZE_8BITMIME,
    MT_SMTP_X_MAIL_SIZE_BINARYMIME,
    MT_SMTP_X_BDAT_LAST_CMD,
    MT_SMTP_X_RSET_IDLE,
    MT_SMTP_X_RSET_IDLE_OK,
    MT_SMTP_X_REPLY_LAST,
    MT_SMTP_X_REPLY_CODE_DIFFERS,
    MT_SMTP_X_UNSOLICITED,
    MT_SMTP_X_500_TOO_LONG,
    MT_SMTP_X_501_CANCELLED,
    MT_SMTP_X_HELLO_IN_TLS,
    MT_SMTP_X_DATA_END_CUT,
    MT_SMTP_X_COUNT
} mt_smtp_expl;

const mt_text *mt_smtp_stage_text(mt_smtp_stage st);
const mt_text *mt_smtp_next_text(mt_smtp_next n);
const mt_text *mt_smtp_label_text(mt_smtp_label l);
const mt_text *mt_smtp_expl_text(mt_smtp_expl x);
/* RFC section for a structural explanation, or NULL. */
const char    *mt_smtp_expl_rfc(mt_smtp_expl x);
/* The short meaning of a line this text explains ("{1}" and "{2}" are
 * filled by the machine), or NULL if it is never a line's own text. */
const mt_text *mt_smtp_expl_summary(mt_smtp_expl x);

#endif /* MT_SMTP_TEXTS_H */
