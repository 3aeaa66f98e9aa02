/* fuzz_session_cuts.c - the same session cut two ways must say the same
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: one byte choosing the protocol (SMTP, POP3 or IMAP), then
 * segments as described in mt_fuzz.h. The session is fed once with each
 * segment whole and once with each segment cut again into pieces of one
 * to a few dozen bytes, all in the segment's frame (TCP may hand a frame's
 * bytes over in pieces, a keystroke capture does). What the records say
 * about each line must not depend on the cuts; the unit tests check the
 * same on scripted sessions, this on any bytes.
 */
#include "mt_fuzz.h"

#include <stdio.h>
#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const mt_proto protos[] = { MT_PROTO_SMTP, MT_PROTO_POP3, MT_PROTO_IMAP };
    mt_proto proto;
    char *whole, *cut;

    if (size < 1)
        return 0;
    proto = protos[data[0] % 3];
    whole = mt_fuzz_session_dump(proto, data + 1, size - 1, 0);
    cut = mt_fuzz_session_dump(proto, data + 1, size - 1, 0x9e3779b9u ^ (guint32)size);
    if (strcmp(whole, cut) != 0) {
        gsize i = 0;

        while (whole[i] && whole[i] == cut[i])
            i++;
        while (i > 0 && whole[i - 1] != '\n')
            i--;
        fprintf(stderr, "records differ with the cuts, from:\n--- whole:\n%.600s\n--- cut:\n%.600s\n",
                whole + i, cut + i);
        MT_FUZZ_CHECK(!"the records depend on where the segments were cut");
    }
    g_free(whole);
    g_free(cut);
    return 0;
}
