/* mt_imap_texts.h - session-level teaching texts for IMAP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Where the session stands, what a correct peer does next, what kind of
 * line this is, and explanations of structure (tags, untagged data,
 * literals, continuation requests ...). Command, response and data item
 * knowledge is in mt_imap_catalog.h.
 */
#ifndef MT_IMAP_TEXTS_H
#define MT_IMAP_TEXTS_H

#include "mt_text.h"

typedef enum {
    MT_IMAP_ST_UNKNOWN = 0,
    MT_IMAP_ST_CONNECTED,
    MT_IMAP_ST_NOT_AUTH,
    MT_IMAP_ST_TLS,
    MT_IMAP_ST_AUTHENTICATING,
    MT_IMAP_ST_AUTH,
    MT_IMAP_ST_SELECTED,
    MT_IMAP_ST_SELECTED_RO,
    MT_IMAP_ST_IDLE,
    MT_IMAP_ST_LOGOUT,
    MT_IMAP_ST_CLOSED,
    MT_IMAP_ST_COUNT
} mt_imap_stage;

typedef enum {
    MT_IMAP_N_NONE = 0,
    MT_IMAP_N_GREETING,
    MT_IMAP_N_LOGIN,
    MT_IMAP_N_AUTH,
    MT_IMAP_N_SELECTED,
    MT_IMAP_N_TLS,
    MT_IMAP_N_SASL,
    MT_IMAP_N_LITERAL_GO,
    MT_IMAP_N_LITERAL_WAIT,
    MT_IMAP_N_LITERAL_MORE,
    MT_IMAP_N_SERVER_LITERAL,
    MT_IMAP_N_CLIENT_LINE_GOES_ON,
    MT_IMAP_N_SERVER_LINE_GOES_ON,
    MT_IMAP_N_MORE_DATA,
    MT_IMAP_N_IDLE,
    MT_IMAP_N_PENDING,
    MT_IMAP_N_CLOSE,
    MT_IMAP_N_RETRY,
    MT_IMAP_N_UNKNOWN,
    MT_IMAP_N_COMPRESSED,
    MT_IMAP_N_COUNT
} mt_imap_next;

typedef enum {
    MT_IMAP_L_COMMAND = 0,
    MT_IMAP_L_COMMAND_CONT,
    MT_IMAP_L_TAGGED,
    MT_IMAP_L_UNTAGGED,
    MT_IMAP_L_RESPONSE_CONT,
    MT_IMAP_L_CONTINUATION,
    MT_IMAP_L_GREETING,
    MT_IMAP_L_LITERAL_CLIENT,
    MT_IMAP_L_LITERAL_SERVER,
    MT_IMAP_L_SASL,
    MT_IMAP_L_DONE,
    MT_IMAP_L_UNKNOWN,
    MT_IMAP_L_COMPRESSED,
    MT_IMAP_L_COUNT
} mt_imap_label;

typedef enum {
    MT_IMAP_X_TAG = 0,
    MT_IMAP_X_TAG_RESPONSE,
    MT_IMAP_X_UNTAGGED,
    MT_IMAP_X_CONTINUATION,
    MT_IMAP_X_CONT_LITERAL,
    MT_IMAP_X_CONT_SASL,
    MT_IMAP_X_CONT_IDLE,
    MT_IMAP_X_LITERAL_SYNC,
    MT_IMAP_X_LITERAL_NONSYNC,
    MT_IMAP_X_LITERAL8,
    MT_IMAP_X_LITERAL_SERVER,
    MT_IMAP_X_LITERAL_DATA,
    MT_IMAP_X_LITERAL_DONE,
    MT_IMAP_X_LITERAL_MESSAGE,
    MT_IMAP_X_LITERAL_USERNAME,
    MT_IMAP_X_LITERAL_PASSWORD,
    MT_IMAP_X_LITERAL_MAILBOX,
    MT_IMAP_X_LITERAL_NOT_SENT,
    MT_IMAP_X_CLIENT_LINE_END,
    MT_IMAP_X_CLIENT_LINE_GOES_ON,
    MT_IMAP_X_SERVER_LINE_GOES_ON,
    MT_IMAP_X_FETCH_END,
    MT_IMAP_X_USERNAME,
    MT_IMAP_X_PASSWORD,
    MT_IMAP_X_PASSWORD_TLS,
    MT_IMAP_X_MAILBOX,
    MT_IMAP_X_MAILBOX_NEW,
    MT_IMAP_X_SEQSET,
    MT_IMAP_X_UIDSET,
    MT_IMAP_X_MSGNO,
    MT_IMAP_X_REFERENCE,
    MT_IMAP_X_PATTERN,
    MT_IMAP_X_DELIMITER,
    MT_IMAP_X_APPEND_DATE,
    MT_IMAP_X_APPEND_FLAGS,
    MT_IMAP_X_STORE_SET,
    MT_IMAP_X_STORE_ADD,
    MT_IMAP_X_STORE_REMOVE,
    MT_IMAP_X_STORE_SILENT,
    MT_IMAP_X_SECTION_ALL,
    MT_IMAP_X_SECTION_HEADER,
    MT_IMAP_X_SECTION_FIELDS,
    MT_IMAP_X_SECTION_FIELDS_NOT,
    MT_IMAP_X_SECTION_TEXT,
    MT_IMAP_X_SECTION_MIME,
    MT_IMAP_X_SECTION_PART,
    MT_IMAP_X_PARTIAL,
    MT_IMAP_X_BODY_PART,
    MT_IMAP_X_COPY_SOURCE,
    MT_IMAP_X_COPY_TARGET,
    MT_IMAP_X_APPEND_UID,
    MT_IMAP_X_NAMESPACE_PERSONAL,
    MT_IMAP_X_NAMESPACE_OTHER,
    MT_IMAP_X_NAMESPACE_SHARED,
    MT_IMAP_X_ID_NIL,
    MT_IMAP_X_UNKNOWN_CMD,
    MT_IMAP_X_UNKNOWN_FLAG,
    MT_IMAP_X_UNKNOWN_SYSTEM_FLAG,
    MT_IMAP_X_UNKNOWN_CAP,
    MT_IMAP_X_UNKNOWN_CODE,
    MT_IMAP_X_UNKNOWN_ITEM,
    MT_IMAP_X_UNKNOWN_UNTAGGED,
    MT_IMAP_X_UNKNOWN_ATTR,
    MT_IMAP_X_UNKNOWN_STATUS_ITEM,
    MT_IMAP_X_UNKNOWN_MECH,
    MT_IMAP_X_UNSOLICITED,
    MT_IMAP_X_PUSHED_IDLE,
    MT_IMAP_X_MIDSESSION,
    MT_IMAP_X_MAYBE_LITERAL,
    MT_IMAP_X_UNMATCHED,
    MT_IMAP_X_MAYBE_EARLY,
    MT_IMAP_X_EARLY_ANSWER,
    MT_IMAP_X_EMPTY_LINE,
    MT_IMAP_X_NO_COMMAND,
    MT_IMAP_X_BAD_LINE,
    MT_IMAP_X_BAD_RESPONSE,
    MT_IMAP_X_DONE_OUT,
    MT_IMAP_X_SASL_LINE,
    MT_IMAP_X_SASL_CANCEL,
    MT_IMAP_X_SASL_IR,
    MT_IMAP_X_RESPONSE_TEXT,
    MT_IMAP_X_BARE_LF,
    MT_IMAP_X_TOO_LONG,
    MT_IMAP_X_GREETING_MISSED,
    MT_IMAP_X_COMPRESSED,
    MT_IMAP_X_PASSWORD_ARG,
    /* short meanings only */
    MT_IMAP_X_S_UNTAGGED_OK,
    MT_IMAP_X_S_UNTAGGED_NO,
    MT_IMAP_X_S_UNTAGGED_BAD,
    MT_IMAP_X_S_UNTAGGED_BYE,
    MT_IMAP_X_S_UNTAGGED_PREAUTH,
    MT_IMAP_X_S_LITERAL_PIECE,
    MT_IMAP_X_S_LITERAL_END,
    MT_IMAP_X_S_LITERAL_MESSAGE,
    MT_IMAP_X_S_LITERAL_HEADER,
    MT_IMAP_X_S_LITERAL_SECTION,
    MT_IMAP_X_S_LITERAL_LINE,
    MT_IMAP_X_S_MISSING_ARG,
    MT_IMAP_X_S_LITERAL_ARG,
    MT_IMAP_X_S_LOGOUT_BYE,
    MT_IMAP_X_COUNT
} mt_imap_expl;

const mt_text *mt_imap_stage_text(mt_imap_stage st);
const mt_text *mt_imap_next_text(mt_imap_next n);
const mt_text *mt_imap_label_text(mt_imap_label l);
const mt_text *mt_imap_expl_text(mt_imap_expl x);
/* RFC section for a structural explanation, or NULL. */
const char    *mt_imap_expl_rfc(mt_imap_expl x);
/* The short meaning of a line this text explains ("{1}" and "{2}" are
 * filled by the machine), or NULL if it is never a line's own text. */
const mt_text *mt_imap_expl_summary(mt_imap_expl x);

#endif /* MT_IMAP_TEXTS_H */
