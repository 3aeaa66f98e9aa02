/* mt_linecheck.h - checks every protocol applies to a line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Bare LF ends, overlong lines, NUL bytes and control characters (the
 * backspace a student typed in telnet) are explained and flagged the same
 * way in SMTP, POP3 and IMAP; only the limits and RFCs differ.
 */
#ifndef MT_LINECHECK_H
#define MT_LINECHECK_H

#include "mt_lines.h"
#include "mt_record.h"

/* At most this many control characters are itemised per line. */
#define MT_LINECHECK_MAX_CONTROLS 16

typedef struct {
    guint64        max_octets;      /* with the end of line; 0: no limit */
    const mt_text *too_long;        /* explanation when over max_octets */
    const char    *too_long_rfc;
    const mt_text *bare_lf;         /* explanation of a bare LF */
    const char    *bare_lf_rfc;
    gboolean       controls;        /* itemise control characters */
} mt_linecheck_rules;

/* Adds items and anomalies to r for what is wrong with ln. Returns TRUE
 * if anything was found. */
gboolean mt_linecheck(mt_record *r, const mt_line *ln, const mt_linecheck_rules *rules);

/* Does the line need checking at all? (cheap pre-test) */
gboolean mt_linecheck_needed(const mt_line *ln, const mt_linecheck_rules *rules);

/* A new record for a whole line: where its bytes are in the chunk, and a
 * copy of the line when it began in an earlier chunk. Appended to out. */
mt_record *mt_line_record(mt_proto proto, const mt_line *ln, mt_dir dir, guint32 frame,
                          mt_rkind kind, const mt_text *label, GPtrArray *out);

/* If the chunk just fed to lb ended inside a line, a record for those
 * bytes ("part of a line, explained where it ends"), appended to out.
 * Without Wireshark's reassembly (POP3, or TCP reassembly off) each key a
 * telnet user types arrives alone: the student sees why it is not yet
 * explained. */
mt_record *mt_linecheck_unfinished(mt_proto proto, mt_dir dir, guint32 frame,
                                   const mt_linebuf *lb, GPtrArray *out);

/* The line as it looked on a terminal after backspace/delete edits, or
 * NULL if it holds no such byte. g_free() the result. */
char *mt_line_on_screen(const guint8 *text, gsize len);

#endif /* MT_LINECHECK_H */
