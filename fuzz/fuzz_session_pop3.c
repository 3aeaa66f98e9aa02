/* fuzz_session_pop3.c - the POP3 session machine, both directions, cut anywhere
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: segments as described in mt_fuzz.h.
 */
#include "mt_fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mt_fuzz_session(MT_PROTO_POP3, data, size);
    return 0;
}
