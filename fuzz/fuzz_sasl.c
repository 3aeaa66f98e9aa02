/* fuzz_sasl.c - the login exchange fed arbitrary challenges and answers
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: a byte choosing the mechanism, a byte choosing the protocol and
 * whether the first client message is an initial response, then segments
 * as described in mt_fuzz.h: a server segment is a challenge, a client
 * segment an answer, a segment in the same frame as the last one gives
 * the outcome. Every record must satisfy what the adapter relies on
 * (mt_fuzz_check_records), the outcome links point to real frames, and
 * mt_sasl_base64() decodes what GLib encodes back to the same text
 * (padding and unused low bits aside), or names a position inside it.
 */
#include "mt_fuzz.h"

#include <string.h>

#include "mt_sasl.h"

static const char *const mechs[] = {
    "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "XOAUTH2",
    "OAUTHBEARER", "EXTERNAL", "ANONYMOUS", "NTLM", "GSSAPI", "X-UNKNOWN"
};

static void
check_base64(const guint8 *p, gsize len)
{
    gsize bad = 0, n = 0;
    GByteArray *a = mt_sasl_base64(p, len, &bad);
    gchar *back;

    if (a == NULL) {
        MT_FUZZ_CHECK(bad <= len || bad == MT_SASL_MAX_BASE64);
        return;
    }
    back = g_base64_encode(a->data, a->len);
    while (n < len && p[n] != '=')
        n++;
    /* the same characters, but for the padding GLib adds and the unused
     * low bits of the last character */
    MT_FUZZ_CHECK(strlen(back) >= n && (strlen(back) == n || back[n] == '='));
    MT_FUZZ_CHECK(n == 0 || strncmp(back, (const char *)p, n - 1) == 0);
    g_free(back);
    g_byte_array_free(a, TRUE);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const mt_proto protos[] = { MT_PROTO_SMTP, MT_PROTO_POP3, MT_PROTO_IMAP };
    mt_fuzz_reader rd;
    mt_fuzz_segment seg;
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    mt_sasl x;
    mt_proto proto;
    const char *mech;
    gboolean initial;
    guint32 frame = 0;
    guint k;

    if (size < 2)
        return 0;
    mech = mechs[data[0] % G_N_ELEMENTS(mechs)];
    proto = protos[(data[1] & 0x7f) % G_N_ELEMENTS(protos)];
    initial = (data[1] & 0x80) != 0;
    mt_sasl_init(&x, proto);
    mt_sasl_begin(&x, (const guint8 *)mech, strlen(mech));
    mt_fuzz_reader_init(&rd, data + 2, size - 2);
    while (mt_fuzz_next_segment(&rd, &seg) && frame < 4096) {
        GPtrArray *one = g_ptr_array_new();
        mt_record *r;

        frame++;
        check_base64(seg.bytes, seg.len);
        r = mt_record_new(proto, seg.dir, seg.dir == MT_DIR_SERVER ? MT_R_REPLY : MT_R_CONTINUATION,
                          frame);
        r->chunk_off = 0;
        r->chunk_len = (guint32)seg.len;
        r->line_len = (guint32)seg.len;
        if (seg.same_frame) {
            mt_sasl_result(&x, r, (seg.len & 1) != 0);
            if (seg.len & 2)
                mt_sasl_begin(&x, (const guint8 *)mech, strlen(mech));
        } else if (seg.dir == MT_DIR_SERVER) {
            mt_sasl_server(&x, r, seg.bytes, 0, seg.len);
        } else {
            gint parent = initial ? mt_rec_bytes(r, -1, MT_F_AUTH_DECODED, 0, (guint32)seg.len, FALSE) : -1;
            mt_sasl_client(&x, r, parent, seg.bytes, 0, seg.len, initial, (seg.len & 4) != 0);
            initial = FALSE;
        }
        g_ptr_array_add(one, r);
        mt_fuzz_check_records(proto, seg.dir, frame, seg.len, one);
        g_ptr_array_free(one, TRUE);
        g_ptr_array_add(all, r);
    }
    /* links added afterwards point to frames that exist */
    for (k = 0; k < all->len; k++) {
        const mt_record *r = g_ptr_array_index(all, k);
        const mt_item *it = mt_rec_find(r, MT_F_AUTH_RESULT_IN);
        if (it)
            MT_FUZZ_CHECK(it->v.u > r->frame && it->v.u <= frame);
        it = mt_rec_find(r, MT_F_AUTH_CREDENTIALS_IN);
        if (it)
            MT_FUZZ_CHECK(it->v.u < r->frame);
    }
    mt_sasl_clear(&x);
    g_ptr_array_free(all, TRUE);
    return 0;
}
