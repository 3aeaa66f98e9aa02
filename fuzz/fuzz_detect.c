/* fuzz_detect.c - the heuristic's greeting and first-command checks
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: the first bytes of a TCP stream, as the heuristic sees them.
 * They are judged as a server's greeting and as a client's first line
 * after each greeting verdict, whole and cut at every length up to the
 * detector's window (a greeting arrives in pieces). A YES or MAYBE must
 * name a protocol; a NO must not depend on bytes past the window.
 */
#include "mt_fuzz.h"

#include "mt_detect.h"

static void
check(mt_verdict v, mt_proto p)
{
    MT_FUZZ_CHECK(v == MT_DETECT_NO || v == MT_DETECT_MAYBE || v == MT_DETECT_YES);
    if (v != MT_DETECT_NO)
        MT_FUZZ_CHECK(p == MT_PROTO_SMTP || p == MT_PROTO_POP3 || p == MT_PROTO_IMAP);
}

static void
judge(const guint8 *d, gsize n)
{
    mt_proto p = MT_PROTO_NONE, q = MT_PROTO_NONE;
    mt_verdict v = mt_detect_greeting(d, n, &p);
    guint cand;

    check(v, p);
    for (cand = MT_PROTO_NONE; cand <= MT_PROTO_IMAP; cand++) {
        mt_verdict w = mt_detect_client(d, n, (mt_proto)cand, &q);
        check(w, q);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gsize cut;

    judge(data, size);
    for (cut = 0; cut < size && cut <= MT_DETECT_MAX_LINE + 1; cut += 1 + cut / 16)
        judge(data, cut);
    return 0;
}
