/* fuzz_lines.c - the line tokenizer, fed in chunks the input chooses
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: 2 bytes that seed the chunk sizes, then the stream. A line ending
 * in "{N}" announces N raw octets (as an IMAP literal does, N may be any
 * number) and a line "~" takes back what is still announced. Every byte
 * must come out exactly once, as a line or as raw octets, at the stream
 * offset the tokenizer claims, with the kept text equal to the stream.
 */
#include "mt_fuzz.h"

#include <string.h>

#include "mt_lines.h"
#include "mt_util.h"

/* The next chunk length: mostly small, sometimes large. */
static gsize
next_chunk(guint32 *state, gsize left)
{
    gsize n;

    *state = *state * 1103515245u + 12345u;
    switch ((*state >> 16) & 3) {
    case 0: n = 1; break;
    case 1: n = 1 + ((*state >> 8) & 7); break;
    case 2: n = 1 + ((*state >> 4) & 0x3ff); break;
    default: n = left; break;
    }
    return n < left ? n : left;
}

static void
after_line(mt_linebuf *lb, const mt_line *ln)
{
    guint64 n = 0;
    gsize i;

    if (ln->len == 1 && ln->text[0] == '~') {
        mt_linebuf_cancel_raw(lb);
        return;
    }
    if (ln->len < 3 || ln->text[ln->len - 1] != '}')
        return;
    for (i = ln->len - 1; i > 0 && ln->text[i - 1] != '{'; i--)
        ;
    if (i == 0 || i == ln->len - 1
        || mt_parse_u64(ln->text, ln->len - 1, i, &n) != ln->len - 1 - i)
        return;
    mt_linebuf_expect_raw(lb, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const guint8 *stream;
    gsize total, at = 0;   /* stream bytes fed so far */
    guint64 next_off = 0;  /* where the next line or raw piece must start */
    guint32 state;
    mt_linebuf lb;

    if (size < 2)
        return 0;
    state = (guint32)data[0] << 8 | data[1];
    stream = data + 2;
    total = size - 2;
    mt_linebuf_init(&lb);
    while (at < total) {
        gsize n = next_chunk(&state, total - at), pos = 0, expect_pos = 0;
        const guint8 *chunk = stream + at;
        mt_line ln;
        mt_ln_result res;

        while ((res = mt_linebuf_next(&lb, chunk, n, &pos, &ln)) != MT_LN_END) {
            MT_FUZZ_CHECK(pos <= n && pos > expect_pos);
            /* the piece ends where the tokenizer stopped, and starts where
             * the last one ended (or, for a rebuilt line, before the chunk) */
            MT_FUZZ_CHECK(ln.chunk_off == expect_pos);
            MT_FUZZ_CHECK(ln.chunk_off + ln.chunk_len == pos);
            MT_FUZZ_CHECK(ln.stream_off == next_off);
            if (res == MT_LN_RAW) {
                MT_FUZZ_CHECK(ln.len == ln.chunk_len && ln.full_len == ln.len);
                MT_FUZZ_CHECK(ln.text == chunk + ln.chunk_off);
                next_off += ln.len;
            } else {
                guint64 line_end = (guint64)at + pos;   /* one past the LF */

                MT_FUZZ_CHECK(res == MT_LN_LINE);
                MT_FUZZ_CHECK(stream[line_end - 1] == '\n');
                MT_FUZZ_CHECK(ln.stream_off + ln.full_len + ln.eol_len == line_end);
                MT_FUZZ_CHECK(ln.len <= ln.full_len);
                if (ln.eol == MT_EOL_CRLF)
                    MT_FUZZ_CHECK(ln.eol_len == 2 && stream[line_end - 2] == '\r');
                else
                    MT_FUZZ_CHECK(ln.eol == MT_EOL_LF && ln.eol_len == 1
                                  && (line_end < 2 || line_end - 1 == ln.stream_off
                                      || stream[line_end - 2] != '\r'));
                if (ln.rebuilt)
                    MT_FUZZ_CHECK(ln.len <= MT_LINE_KEEP_MAX);
                else
                    MT_FUZZ_CHECK(ln.len == ln.full_len && ln.text == chunk + ln.chunk_off);
                /* the kept text is the stream's */
                MT_FUZZ_CHECK(ln.len == 0 || memcmp(ln.text, stream + ln.stream_off, ln.len) == 0);
                next_off = line_end;
                after_line(&lb, &ln);
            }
            expect_pos = pos;
        }
        MT_FUZZ_CHECK(pos == n);
        at += n;
    }
    mt_linebuf_clear(&lb);
    return 0;
}
