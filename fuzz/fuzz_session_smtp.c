/* fuzz_session_smtp.c - the SMTP session machine, both directions, cut anywhere
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
    mt_fuzz_session(MT_PROTO_SMTP, data, size);
    return 0;
}
