/* mt_mime_texts.h - what the parts of a message mean
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Header fields (RFC 5322, MIME, trace and authentication fields) and the
 * structure of a MIME message (RFC 2045, 2046, 2047, 2231), as catalog
 * texts for mt_mime.c.
 */
#ifndef MT_MIME_TEXTS_H
#define MT_MIME_TEXTS_H

#include <glib.h>

#include "mt_text.h"

/* Header fields mt_mime.c reads more closely than by their text. */
typedef enum {
    MT_MIME_H_OTHER = 0,
    MT_MIME_H_FROM,
    MT_MIME_H_SENDER,
    MT_MIME_H_REPLY_TO,
    MT_MIME_H_TO,
    MT_MIME_H_CC,
    MT_MIME_H_BCC,
    MT_MIME_H_SUBJECT,
    MT_MIME_H_RECEIVED,
    MT_MIME_H_RETURN_PATH,
    MT_MIME_H_MIME_VERSION,
    MT_MIME_H_CONTENT_TYPE,
    MT_MIME_H_CTE,
    MT_MIME_H_DISPOSITION,
    MT_MIME_H_UNSTRUCTURED  /* text that may hold encoded words */
} mt_mime_hkind;

typedef struct {
    const char   *name;     /* as RFCs write it */
    mt_mime_hkind kind;
    mt_text       meaning;  /* a few words, after the name */
    mt_text       text;     /* the explanation of the field */
    const char   *rfc;
} mt_mime_header_info;

/* The field named t[0..len), ASCII case-insensitive; NULL if unknown. */
const mt_mime_header_info *mt_mime_header_lookup(const guint8 *t, gsize len);
/* Every known field, for the catalog tests. */
const mt_mime_header_info *mt_mime_headers(gsize *n);

typedef enum {
    MT_MIME_L_FIELD = 0,
    MT_MIME_L_PART_FIELD,
    MT_MIME_L_DELIMITER,
    MT_MIME_L_CLOSE,
    MT_MIME_L_PART_HEADER_END,
    MT_MIME_L_HEADER_END,
    MT_MIME_L_BODY,
    MT_MIME_L_PREAMBLE,
    MT_MIME_L_EPILOGUE,
    MT_MIME_L_NOT_FIELD,
    MT_MIME_L_COUNT
} mt_mime_label;

typedef enum {
    MT_MIME_X_FIELD_X = 0,      /* X-anything */
    MT_MIME_X_FIELD_OTHER,
    MT_MIME_X_FOLDED,
    MT_MIME_X_ENCODED_WORD,
    MT_MIME_X_EW_B,
    MT_MIME_X_EW_Q,
    MT_MIME_X_RFC2231,
    MT_MIME_X_BOUNDARY,
    MT_MIME_X_CHARSET,
    MT_MIME_X_FILENAME,
    MT_MIME_X_FILENAME_EWORDS,
    MT_MIME_X_HOP,
    MT_MIME_X_DELIMITER,
    MT_MIME_X_CLOSE,
    MT_MIME_X_PART_HEADER_END,
    MT_MIME_X_PART_NO_HEADER,
    MT_MIME_X_ENCAPSULATED,
    MT_MIME_X_INNER_HEADER_END,
    MT_MIME_X_HEADER_END,       /* the message's own, sent in counted octets */
    MT_MIME_X_BODY_BASE64,
    MT_MIME_X_BODY_QP,
    MT_MIME_X_BODY_7BIT,
    MT_MIME_X_BODY_8BIT,
    MT_MIME_X_BODY_BINARY,
    MT_MIME_X_BODY_UNKNOWN,
    MT_MIME_X_MULTIPART_BODY,   /* a multipart's own body is its parts */
    MT_MIME_X_PREAMBLE,
    MT_MIME_X_EPILOGUE,
    MT_MIME_X_NO_HEADER,
    MT_MIME_X_NO_SEPARATOR,
    MT_MIME_X_MESSAGE_STRUCTURE,
    MT_MIME_X_FROM_SAME,
    MT_MIME_X_FROM_DIFFERS,
    MT_MIME_X_RCPT_IN_HEADER,
    MT_MIME_X_RCPT_NOT_IN_ENVELOPE,
    MT_MIME_X_BLIND_COPIES,
    /* short meanings only */
    MT_MIME_X_S_DELIMITER,
    MT_MIME_X_S_CLOSE,
    MT_MIME_X_S_BODY,
    MT_MIME_X_S_BODY_DECODED,
    MT_MIME_X_S_FIELD,
    MT_MIME_X_S_SUBJECT,
    MT_MIME_X_S_PART_FIELD,
    MT_MIME_X_COUNT
} mt_mime_expl;

const mt_text *mt_mime_label_text(mt_mime_label l);
const mt_text *mt_mime_expl_text(mt_mime_expl x);
const char    *mt_mime_expl_rfc(mt_mime_expl x);
const mt_text *mt_mime_expl_summary(mt_mime_expl x);

#endif /* MT_MIME_TEXTS_H */
