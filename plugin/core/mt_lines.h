/* mt_lines.h - incremental line tokenizer for one direction of a session
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Bytes arrive in chunks of any size (a whole segment, a reassembled PDU,
 * one keystroke). The tokenizer hands back complete lines, keeping the
 * start of an unfinished line until its end arrives, and counted runs of
 * raw octets that a protocol announced (SMTP BDAT, IMAP literals). A line
 * ends at LF; "CRLF" and a bare "LF" are told apart. Nothing is allocated
 * for a line that lies wholly inside one chunk.
 */
#ifndef MT_LINES_H
#define MT_LINES_H

#include <glib.h>

/* At most this much of a line that spans chunks is kept; the rest is
 * counted. Longer than any legal SMTP, POP3 or IMAP line. */
#define MT_LINE_KEEP_MAX 65536

typedef enum {
    MT_EOL_NONE = 0,    /* no end of line (only for a truncated kept copy) */
    MT_EOL_CRLF,
    MT_EOL_LF           /* bare LF */
} mt_eol;

typedef struct {
    GByteArray *partial;    /* kept start of an unfinished line */
    guint64     partial_len;/* its real length, may exceed what is kept */
    gboolean    partial_used; /* handed out as a rebuilt line: clear on next call */
    guint8      last;       /* last byte of the unfinished line */
    guint64     raw_left;   /* octets to hand out uninterpreted */
    guint64     offset;     /* octets seen so far in this direction */
    gsize       tail_off;   /* the last chunk ended inside a line: where that */
    gsize       tail_len;   /* line's bytes start in it and how many (0: none) */
} mt_linebuf;

typedef enum {
    MT_LN_END = 0,      /* chunk exhausted */
    MT_LN_LINE,         /* a complete line */
    MT_LN_RAW           /* a piece of announced raw octets */
} mt_ln_result;

typedef struct {
    const guint8 *text;     /* content without end of line; valid until the next call */
    gsize         len;      /* bytes at text (may be less than full_len) */
    guint64       full_len; /* real content length */
    mt_eol        eol;
    gsize         eol_len;  /* 0, 1 or 2 */
    gsize         chunk_off;/* where this line's bytes start in the chunk */
    gsize         chunk_len;/* how many of its bytes (with end of line) are in the chunk */
    gboolean      rebuilt;  /* began in an earlier chunk; text is a kept copy */
    guint64       stream_off; /* offset of the line's first byte in the direction */
} mt_line;

void mt_linebuf_init(mt_linebuf *lb);
void mt_linebuf_clear(mt_linebuf *lb);

/* Announce n octets of raw data after the current position. */
void mt_linebuf_expect_raw(mt_linebuf *lb, guint64 n);

/* Take back raw octets announced but not yet seen (a refused literal). */
void mt_linebuf_cancel_raw(mt_linebuf *lb);

/* Octets still expected as raw data. */
guint64 mt_linebuf_raw_left(const mt_linebuf *lb);

/* Is an unfinished line pending? */
gboolean mt_linebuf_has_partial(const mt_linebuf *lb);

/* Lets go of the buffer kept for unfinished lines when none is pending:
 * for a session that has ended. The next unfinished line makes a new one. */
void mt_linebuf_trim(mt_linebuf *lb);

/* Take the next line or raw piece from data[*pos..len). Advances *pos.
 * For MT_LN_RAW, out->chunk_off/chunk_len give the piece and out->text
 * points to it. */
mt_ln_result mt_linebuf_next(mt_linebuf *lb, const guint8 *data, gsize len,
                             gsize *pos, mt_line *out);

#endif /* MT_LINES_H */
