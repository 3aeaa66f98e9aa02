/* mt_lines.c - incremental line tokenizer for one direction of a session
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_lines.h"

#include <string.h>

void
mt_linebuf_init(mt_linebuf *lb)
{
    memset(lb, 0, sizeof(*lb));
}

void
mt_linebuf_clear(mt_linebuf *lb)
{
    if (lb->partial)
        g_byte_array_free(lb->partial, TRUE);
    memset(lb, 0, sizeof(*lb));
}

void
mt_linebuf_expect_raw(mt_linebuf *lb, guint64 n)
{
    lb->raw_left += n;
}

void
mt_linebuf_cancel_raw(mt_linebuf *lb)
{
    lb->raw_left = 0;
}

guint64
mt_linebuf_raw_left(const mt_linebuf *lb)
{
    return lb->raw_left;
}

gboolean
mt_linebuf_has_partial(const mt_linebuf *lb)
{
    return lb->partial_len > 0 && !lb->partial_used;
}

static void
keep(mt_linebuf *lb, const guint8 *p, gsize n)
{
    gsize room;

    if (lb->partial == NULL)
        lb->partial = g_byte_array_new();
    room = lb->partial->len < MT_LINE_KEEP_MAX ? MT_LINE_KEEP_MAX - lb->partial->len : 0;
    if (n < room)
        room = n;
    if (room > 0)
        g_byte_array_append(lb->partial, p, (guint)room);
    if (n > 0)
        lb->last = p[n - 1];
    lb->partial_len += n;
}

/* A kept line this long gave its buffer room for up to MT_LINE_KEEP_MAX
 * bytes; that room is let go rather than kept for the session's life. */
#define MT_LINE_KEEP_RETAIN 1024

static void
reset_partial(mt_linebuf *lb)
{
    if (lb->partial && lb->partial->len > MT_LINE_KEEP_RETAIN) {
        g_byte_array_free(lb->partial, TRUE);
        lb->partial = NULL;
    } else if (lb->partial) {
        g_byte_array_set_size(lb->partial, 0);
    }
    lb->partial_len = 0;
    lb->partial_used = FALSE;
}

void
mt_linebuf_trim(mt_linebuf *lb)
{
    if (lb->partial_used)
        reset_partial(lb);
    if (lb->partial && lb->partial_len == 0) {
        g_byte_array_free(lb->partial, TRUE);
        lb->partial = NULL;
    }
}

mt_ln_result
mt_linebuf_next(mt_linebuf *lb, const guint8 *data, gsize len, gsize *pos, mt_line *out)
{
    const guint8 *lf;
    gsize start = *pos, upto, content_end;

    if (lb->partial_used)
        reset_partial(lb);
    memset(out, 0, sizeof(*out));
    if (start == 0)
        lb->tail_len = 0;
    if (start >= len)
        return MT_LN_END;

    if (lb->raw_left > 0) {
        gsize n = len - start;
        if ((guint64)n > lb->raw_left)
            n = (gsize)lb->raw_left;
        lb->raw_left -= n;
        out->text = data + start;
        out->len = n;
        out->full_len = n;
        out->chunk_off = start;
        out->chunk_len = n;
        out->stream_off = lb->offset;
        lb->offset += n;
        *pos = start + n;
        return MT_LN_RAW;
    }

    lf = memchr(data + start, '\n', len - start);
    if (lf == NULL) {
        /* unfinished: keep it for the next chunk */
        keep(lb, data + start, len - start);
        lb->tail_off = start;
        lb->tail_len = len - start;
        lb->offset += len - start;
        *pos = len;
        return MT_LN_END;
    }

    upto = (gsize)(lf - data) + 1;          /* one past the LF */
    out->chunk_off = start;
    out->chunk_len = upto - start;
    content_end = upto - 1;                  /* index of the LF */

    if (lb->partial_len == 0) {
        out->stream_off = lb->offset;
        out->text = data + start;
        out->full_len = content_end - start;
        out->len = (gsize)out->full_len;
        if (content_end > start && data[content_end - 1] == '\r') {
            out->eol = MT_EOL_CRLF;
            out->eol_len = 2;
            out->len--;
            out->full_len--;
        } else {
            out->eol = MT_EOL_LF;
            out->eol_len = 1;
        }
    } else {
        gboolean cr;

        out->stream_off = lb->offset - lb->partial_len;
        if (content_end > start)
            keep(lb, data + start, content_end - start);
        /* the CR may be the last kept byte, even from an earlier chunk */
        cr = lb->last == '\r';
        out->rebuilt = TRUE;
        out->text = lb->partial->data;
        out->full_len = lb->partial_len;
        out->len = lb->partial->len;
        if (cr) {
            out->eol = MT_EOL_CRLF;
            out->eol_len = 2;
            out->full_len--;
            if (out->len == out->full_len + 1)
                out->len--;
        } else {
            out->eol = MT_EOL_LF;
            out->eol_len = 1;
        }
        if (out->len > out->full_len)
            out->len = (gsize)out->full_len;
        lb->partial_used = TRUE;
    }
    lb->offset += upto - start;
    *pos = upto;
    return MT_LN_LINE;
}
