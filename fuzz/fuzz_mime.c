/* fuzz_mime.c - the message reader on its own
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: any bytes, read as a message that arrives as raw octets (a BDAT
 * chunk, an IMAP literal) cut into pieces at points the input's first
 * bytes choose, and then as header text for the RFC 2047 decoder. The
 * records must keep the invariants every session's records keep
 * (mt_fuzz_check_records: bytes inside the chunk, valid UTF-8 strings),
 * and decoded text must be valid UTF-8. Small limits make the depth and
 * part caps reachable.
 */
#include "mt_fuzz.h"

#include <string.h>

#include "mt_mime.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mt_mime_limits lim = { 3, 8, 256 }, old;
    mt_mime *m;
    GPtrArray *recs = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    guint8 cut = size > 0 ? data[0] : 0;
    gsize pos = 0;
    guint64 stream = 0;
    guint32 frame = 1;
    gboolean bad = FALSE;
    char *d;

    mt_mime_get_limits(&old);
    mt_mime_set_limits(&lim);
    m = mt_mime_new();
    {
        const char *env[] = { "a@example.test", "b@example.test" };
        mt_mime_set_envelope(m, "a@example.test", env, 2);
    }
    while (pos < size) {
        gsize n = MIN(size - pos, (gsize)(cut % 61) + 1);
        mt_line piece;
        mt_mime_ctx c = { MT_PROTO_SMTP, MT_DIR_CLIENT, frame, recs };
        guint first = recs->len, i;
        GPtrArray *view = g_ptr_array_new();

        memset(&piece, 0, sizeof(piece));
        piece.text = data + pos;
        piece.len = n;
        piece.full_len = n;
        piece.chunk_off = 0;
        piece.chunk_len = n;
        piece.stream_off = stream;
        mt_mime_raw(m, &c, &piece);
        for (i = first; i < recs->len; i++)
            g_ptr_array_add(view, recs->pdata[i]);
        mt_fuzz_check_records(MT_PROTO_SMTP, MT_DIR_CLIENT, frame, n, view);
        g_ptr_array_free(view, TRUE);
        pos += n;
        stream += n;
        frame++;
        cut = (guint8)(cut * 31 + 7);
    }
    {
        mt_mime_ctx c = { MT_PROTO_SMTP, MT_DIR_CLIENT, frame, recs };
        mt_record *end = mt_record_new(MT_PROTO_SMTP, MT_DIR_CLIENT, MT_R_MESSAGE_LINE, frame);
        guint first = recs->len, i;
        GPtrArray *view = g_ptr_array_new();

        g_ptr_array_add(recs, end);
        mt_mime_end_with(m, &c, end, TRUE);
        MT_FUZZ_CHECK(recs->pdata[recs->len - 1] == end);
        for (i = first; i < recs->len; i++)
            g_ptr_array_add(view, recs->pdata[i]);
        mt_fuzz_check_records(MT_PROTO_SMTP, MT_DIR_CLIENT, frame, 0, view);
        g_ptr_array_free(view, TRUE);
    }
    mt_mime_free(m);
    mt_mime_set_limits(&old);
    g_ptr_array_free(recs, TRUE);

    d = mt_mime_decode_words(data, size, &bad);
    MT_FUZZ_CHECK(d != NULL && g_utf8_validate(d, -1, NULL));
    g_free(d);
    return 0;
}
