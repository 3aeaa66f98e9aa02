/* mt_mime.h - the message itself: header fields and MIME structure
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * When a message crosses the wire (SMTP DATA and BDAT, POP3 RETR/TOP,
 * IMAP FETCH BODY[] and APPEND literals) the session machine feeds it
 * here line by line (or as raw octets, which are cut into lines here), in
 * the order the bytes arrive. mt_mime reads it incrementally, without
 * recursion and within fixed bounds (nesting depth, parts, kept header
 * size, kept decoded size), and adds records to the session's output:
 *
 * - one per header field, once the field is complete (a folded field ends
 *   at the next line that does not start with a space or tab, so its record
 *   comes with that line): name, value, decoded encoded words (RFC 2047),
 *   parameters (RFC 2231), what the field means;
 * - one per boundary delimiter and close delimiter line;
 * - one per empty line ending a part's header (the message's own is the
 *   session's "End of the header section");
 * - one per body, preamble and epilogue, at its end (MT_R_MIME_PART): lines,
 *   sizes, transfer encoding, the decoded octets as a data source;
 * - one for a line that should be a header field and is not.
 *
 * Parts are numbered as IMAP numbers BODY[] sections (RFC 9051 §6.4.5):
 * the parts of a top-level multipart are 1, 2 ..., their parts 2.1, 2.2;
 * the body of a message that is not multipart is 1; the parts of a
 * message/rfc822 part P are P.1, P.2 ...
 */
#ifndef MT_MIME_H
#define MT_MIME_H

#include <glib.h>

#include "mt_lines.h"
#include "mt_record.h"

/* Bounds on what one message may cost. */
typedef struct {
    guint max_depth;        /* nesting levels followed (multipart, message/rfc822) */
    guint max_parts;        /* parts followed in one message */
    guint max_decoded;      /* octets of one decoded part kept to show */
} mt_mime_limits;

#define MT_MIME_DEFAULT_DEPTH    16
#define MT_MIME_DEFAULT_PARTS    256
#define MT_MIME_DEFAULT_DECODED  (1024u * 1024u)
/* Octets of one header field kept (the rest is counted). */
#define MT_MIME_FIELD_KEEP       16384
/* Boundary delimiters checked: a boundary is at most 70 characters
 * (RFC 2046 §5.1.1); longer ones are accepted up to this. */
#define MT_MIME_BOUNDARY_MAX     256

/* The limits every new reader gets (the adapter sets them from its
 * preferences); values of 0 restore the defaults. */
void mt_mime_set_limits(const mt_mime_limits *lim);
void mt_mime_get_limits(mt_mime_limits *lim);

typedef struct mt_mime mt_mime;

/* Where records go and what they are tagged with. */
typedef struct {
    mt_proto   proto;
    mt_dir     dir;
    guint32    frame;
    GPtrArray *out;
} mt_mime_ctx;

mt_mime *mt_mime_new(void);
void mt_mime_free(mt_mime *m);

/* The SMTP envelope of the message (MAIL FROM, RCPT TO), compared with
 * From:, To: and Cc:. Addresses without angle brackets. */
void mt_mime_set_envelope(mt_mime *m, const char *mail_from, const char *const *rcpts, guint n);

/* A line of the message from the session's line tokenizer. skip: octets
 * at its start that are not message text (1 for a dot-stuffed line). */
void mt_mime_line(mt_mime *m, const mt_mime_ctx *c, const mt_line *ln, gsize skip);
/* Raw octets of the message (a BDAT chunk, an IMAP literal piece), as the
 * tokenizer hands them out (chunk_off, chunk_len, stream_off set). */
void mt_mime_raw(mt_mime *m, const mt_mime_ctx *c, const mt_line *piece);
/* The message ends: pending records are added. */
void mt_mime_finish(mt_mime *m, const mt_mime_ctx *c);
/* What the whole message was, as items of the record that ends it (the
 * final "." or the last piece of a literal). */
void mt_mime_summarize(const mt_mime *m, mt_record *r);

/* Both: the message ends with the line (or piece) of record r, already
 * in c->out; r gets the summary. move_after: r is an end line (".")
 * that comes after the records the end adds, so it is moved behind them. */
void mt_mime_end_with(mt_mime *m, const mt_mime_ctx *c, mt_record *r, gboolean move_after);

/* Only the start of the message is sent (POP3 TOP): a multipart left
 * open at its end is not flagged. */
void mt_mime_set_truncated(mt_mime *m, gboolean truncated);

/* Number of MIME parts seen, and whether anything was read. */
guint mt_mime_part_count(const mt_mime *m);

/* ---- building blocks, exposed for tests ---- */

/* RFC 2047: the UTF-8 text of a header value with its encoded words
 * decoded (whitespace between adjacent encoded words dropped). *bad is
 * set when a charset could not be converted. g_free() it. */
char *mt_mime_decode_words(const guint8 *v, gsize len, gboolean *bad);

/* Octets in charset to UTF-8, with fallbacks for the names mail uses
 * (gb2312 read as GB18030, ks_c_5601-1987 as CP949, ...); never NULL:
 * what cannot be converted is shown as U+FFFD and *bad set. */
char *mt_mime_to_utf8(const guint8 *p, gsize len, const char *charset, gboolean *bad);

#endif /* MT_MIME_H */
