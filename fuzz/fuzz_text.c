/* fuzz_text.c - the text helpers the adapter applies to wire bytes and texts
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: any bytes. mt_text_piece() cuts a (translated) text into tree
 * items: the pieces must fit, cover the text in order and, for UTF-8
 * input, never cut inside a character. mt_line_on_screen() replays
 * backspace edits typed on a terminal: its result must be valid UTF-8.
 * mt_parse_u64() reads the decimal numbers of the wire (literal sizes,
 * BDAT sizes, message numbers): it saturates instead of wrapping.
 */
#include "mt_fuzz.h"

#include <string.h>

#include "mt_format.h"
#include "mt_linecheck.h"
#include "mt_text.h"
#include "mt_util.h"

static void
pieces(const char *text, gsize max)
{
    gsize len = strlen(text), done = 0, piece, skip;
    gboolean utf8 = g_utf8_validate(text, -1, NULL);
    guint guard = 0;

    while (done < len) {
        piece = mt_text_piece(text + done, max, &skip);
        MT_FUZZ_CHECK(piece > 0 || len - done == 0);
        /* at most max bytes, or one character when max is shorter than it */
        MT_FUZZ_CHECK(piece <= MAX(max, (gsize)4) || piece == len - done);
        MT_FUZZ_CHECK(piece + skip <= len - done);
        if (utf8)
            MT_FUZZ_CHECK(g_utf8_validate(text + done, (gssize)piece, NULL));
        done += piece + skip;
        MT_FUZZ_CHECK(++guard <= len + 1);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = g_strndup((const char *)data, size);   /* stops at a NUL */
    char *shown;
    guint64 v = 0, w;
    gsize i, n;

    pieces(s, size > 0 ? data[0] % 64 : 0);
    pieces(s, 200);
    g_free(s);

    shown = mt_line_on_screen(data, size);
    if (shown) {
        MT_FUZZ_CHECK(g_utf8_validate(shown, -1, NULL));
        g_free(shown);
    }

    for (i = 0; i < size; i++)
        (void)mt_control_name(data[i]);
    for (i = 0; i + 8 <= size && i < 64; i += 8) {
        memcpy(&w, data + i, 8);
        g_free(mt_format_octets(w));
    }
    n = mt_parse_u64(data, size, 0, &v);
    MT_FUZZ_CHECK(n <= size);
    {   /* the same number, saturating, the slow way */
        guint64 ref = 0;
        for (i = 0; i < n; i++) {
            MT_FUZZ_CHECK(g_ascii_isdigit(data[i]));
            guint d = data[i] - '0';
            ref = ref > (G_MAXUINT64 - d) / 10 ? G_MAXUINT64 : ref * 10 + d;
        }
        MT_FUZZ_CHECK(n == size || !g_ascii_isdigit(data[n]));
        MT_FUZZ_CHECK(v == ref);
    }
    i = mt_skip_ws(data, size, 0);
    MT_FUZZ_CHECK(i <= size);
    MT_FUZZ_CHECK(mt_token_end_ws(data, size, i) <= size);
    return 0;
}
