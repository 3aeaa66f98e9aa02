/* mt_pop3_texts.h - session-level teaching texts for POP3
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Where the session stands (the RFC 1939 states AUTHORIZATION,
 * TRANSACTION and UPDATE, and the steps between them), what a correct peer
 * does next, what kind of line this is, and explanations of structure
 * (status indicators, multi-line responses, dot-stuffing, listings ...).
 * Command, capability and response-code knowledge is in mt_pop3_catalog.h.
 */
#ifndef MT_POP3_TEXTS_H
#define MT_POP3_TEXTS_H

#include "mt_text.h"

typedef enum {
    MT_POP3_ST_UNKNOWN = 0,
    MT_POP3_ST_CONNECTED,
    MT_POP3_ST_AUTHORIZATION,
    MT_POP3_ST_USER_OK,
    MT_POP3_ST_LOGIN_SENT,
    MT_POP3_ST_SASL,
    MT_POP3_ST_TLS,
    MT_POP3_ST_TRANSACTION,
    MT_POP3_ST_UPDATE,
    MT_POP3_ST_CLOSING,
    MT_POP3_ST_CLOSED,
    MT_POP3_ST_REFUSED,
    MT_POP3_ST_COUNT
} mt_pop3_stage;

typedef enum {
    MT_POP3_N_NONE = 0,
    MT_POP3_N_GREETING,
    MT_POP3_N_LOGIN,
    MT_POP3_N_PASS,
    MT_POP3_N_TRANSACTION,
    MT_POP3_N_SASL,
    MT_POP3_N_TLS,
    MT_POP3_N_MORE_LINES,
    MT_POP3_N_MESSAGE_MORE,
    MT_POP3_N_RETRY_LOGIN,
    MT_POP3_N_RETRY,
    MT_POP3_N_CLOSE,
    MT_POP3_N_PIPELINED,
    MT_POP3_N_UNKNOWN,
    MT_POP3_N_COUNT
} mt_pop3_next;

typedef enum {
    MT_POP3_L_COMMAND = 0,
    MT_POP3_L_RESPONSE,
    MT_POP3_L_GREETING,
    MT_POP3_L_CHALLENGE,
    MT_POP3_L_SCAN,
    MT_POP3_L_UID,
    MT_POP3_L_CAPABILITY,
    MT_POP3_L_MECHANISM,
    MT_POP3_L_LANGUAGE,
    MT_POP3_L_RESPONSE_END,
    MT_POP3_L_MESSAGE,
    MT_POP3_L_MESSAGE_END,
    MT_POP3_L_DOT_STUFFED,
    MT_POP3_L_HEADER_END,
    MT_POP3_L_NOTABLE,
    MT_POP3_L_SASL,
    MT_POP3_L_EARLIER,
    MT_POP3_L_UNKNOWN,
    MT_POP3_L_COUNT
} mt_pop3_label;

typedef enum {
    MT_POP3_X_STATUS_OK = 0,
    MT_POP3_X_STATUS_ERR,
    MT_POP3_X_CONTINUATION,
    MT_POP3_X_CHALLENGE,
    MT_POP3_X_RESPONSE_TEXT,
    MT_POP3_X_RESPONSE_CODE,
    MT_POP3_X_UNKNOWN_CODE,
    MT_POP3_X_MULTILINE,
    MT_POP3_X_RESPONSE_END,
    MT_POP3_X_MESSAGE,
    MT_POP3_X_MESSAGE_END,
    MT_POP3_X_UNSTUFFED_SIZE,
    MT_POP3_X_SENT_SIZE,
    MT_POP3_X_SIZE_MATCH,
    MT_POP3_X_SIZE_DIFFERS,
    MT_POP3_X_ANNOUNCED_SIZE,
    MT_POP3_X_DOT_STUFFED,
    MT_POP3_X_HEADER_END,
    MT_POP3_X_SCAN_LISTING,
    MT_POP3_X_UID_LISTING,
    MT_POP3_X_UID_INVALID,
    MT_POP3_X_TOP_LINES,
    MT_POP3_X_USERNAME,
    MT_POP3_X_PASSWORD,
    MT_POP3_X_PASSWORD_TLS,
    MT_POP3_X_APOP_DIGEST,
    MT_POP3_X_TIMESTAMP,
    MT_POP3_X_SASL,
    MT_POP3_X_SASL_CANCEL,
    MT_POP3_X_SASL_INITIAL,
    MT_POP3_X_AUTH_LIST,
    MT_POP3_X_UNKNOWN_CMD,
    MT_POP3_X_UNKNOWN_CAPA,
    MT_POP3_X_UNKNOWN_MECH,
    MT_POP3_X_EMPTY_LINE,
    MT_POP3_X_UNMATCHED_RESPONSE,
    MT_POP3_X_GREETING_MISSED,
    MT_POP3_X_MAYBE_SASL,
    MT_POP3_X_EARLIER_RESPONSE,
    MT_POP3_X_PIPELINED,
    MT_POP3_X_BARE_LF,
    MT_POP3_X_TOO_LONG_CMD,
    MT_POP3_X_TOO_LONG_RESPONSE,
    MT_POP3_X_LOGIN_DELAY,
    MT_POP3_X_EXPIRE_DAYS,
    MT_POP3_X_EXPIRE_NEVER,
    MT_POP3_X_PER_USER,
    MT_POP3_X_MARKED,
    MT_POP3_X_MARKED_REMOVED,
    MT_POP3_X_LANGUAGE,
    MT_POP3_X_LISTING_UNSTUFFED,
    MT_POP3_X_NOT_LOGGED_IN,
    MT_POP3_X_ALREADY_LOGGED_IN,
    MT_POP3_X_BAD_RESPONSE,
    MT_POP3_X_DOT_SINGLE,
    MT_POP3_X_UTF8_USER,
    MT_POP3_X_MECH_LINE,
    MT_POP3_X_MESSAGE_LINE,
    MT_POP3_X_EARLIER_END,
    /* short meanings only */
    MT_POP3_X_S_STAT,
    MT_POP3_X_S_STAT_ONE,
    MT_POP3_X_S_LIST_ONE,
    MT_POP3_X_S_UIDL_ONE,
    MT_POP3_X_S_RETR_SIZE,
    MT_POP3_X_S_GREETING_APOP,
    MT_POP3_X_S_LIST_ARG,
    MT_POP3_X_S_UIDL_ARG,
    MT_POP3_X_S_LANG_ARG,
    MT_POP3_X_S_QUIT_LOGIN,
    MT_POP3_X_S_CAPA,
    MT_POP3_X_S_CAPA_SASL,
    MT_POP3_X_S_LOGIN_DELAY,
    MT_POP3_X_S_EXPIRE,
    MT_POP3_X_S_EXPIRE_NEVER,
    MT_POP3_X_S_EXPIRE_0,
    MT_POP3_X_S_MISSING_ARG,
    MT_POP3_X_S_MESSAGE_END,
    MT_POP3_X_TOP_END,
    MT_POP3_X_S_LOGIN_FAILED_AUTH,
    MT_POP3_X_S_LOGIN_FAILED_IN_USE,
    MT_POP3_X_S_LOGIN_FAILED_DELAY,
    MT_POP3_X_S_LOGIN_FAILED_SYS_TEMP,
    MT_POP3_X_S_LOGIN_FAILED_SYS_PERM,
    MT_POP3_X_S_LOGIN_FAILED_SYS,
    MT_POP3_X_COUNT
} mt_pop3_expl;

/* Units shown after a number ("900 (seconds)"). */
typedef enum {
    MT_POP3_U_SECONDS = 0,
    MT_POP3_U_DAYS,
    MT_POP3_U_COUNT
} mt_pop3_unit;

const mt_text *mt_pop3_stage_text(mt_pop3_stage st);
const mt_text *mt_pop3_next_text(mt_pop3_next n);
const mt_text *mt_pop3_label_text(mt_pop3_label l);
const mt_text *mt_pop3_expl_text(mt_pop3_expl x);
/* RFC section for a structural explanation, or NULL. */
const char    *mt_pop3_expl_rfc(mt_pop3_expl x);
/* The short meaning of a line this text explains ("{1}" and "{2}" are
 * filled by the machine), or NULL if it is never a line's own text. */
const mt_text *mt_pop3_expl_summary(mt_pop3_expl x);
const mt_text *mt_pop3_unit_text(mt_pop3_unit u);

#endif /* MT_POP3_TEXTS_H */
