/* mt_epan.h - what the parts of mailteach's epan adapter offer
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The adapter is thin, and its calls go one way, down from the entry file:
 *
 *   packet-mailteach.c  registers the protocol and its preferences, calls
 *                       mt_tree_register() and mt_conv_register() from its
 *                       register function and mt_conv_handoff() from its
 *                       hand-off, and puts the handles mt_conv.c made on the
 *                       ports its preferences name;
 *   mt_conv.c           owns the dissector handles, the heuristic, the TLS
 *                       hand-back and the per-conversation and per-frame
 *                       state; calls Wireshark's own dissector, feeds the
 *                       core, and hands the records to mt_tree_render();
 *   mt_tree.c           owns the fields, subtrees and expert infos it
 *                       renders the core's records with.
 *
 * Nothing here calls back into packet-mailteach.c.
 */
#ifndef MT_EPAN_H
#define MT_EPAN_H

#include <epan/packet.h>

#include "mt_compat.h"
#include "core/mt_record.h"

/* The preferences: the entry file registers them, Wireshark writes them,
 * the parts read them through the pointer given at registration. */
typedef struct {
    gint     language;      /* mt_lang */
    mt_ws_bool takeover;    /* annotate on the standard ports */
    mt_ws_bool redact;      /* hide passwords, tokens and digests */
} mt_prefs_t;

/* ---- mt_tree.c ---- */

/* Register the fields, subtrees and expert infos under proto; the
 * explanations are shown in prefs->language. */
void mt_tree_register(int proto, const mt_prefs_t *prefs);

/* One "mailteach" item over the first length bytes of tvb, with a subtree
 * per record. */
void mt_tree_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                    mt_proto proto, gint length, mt_record *const *recs, guint n);

/* ---- mt_conv.c ---- */

/* Register mailteach's dissector handles, one per mail protocol, each of a
 * helper protocol of proto named for Decode As (mailteach.smtp,
 * mailteach.pop3, mailteach.imap), and the per-capture state. */
void mt_conv_register(int proto);

/* Find Wireshark's own dissectors and TLS, offer the handles to Decode As
 * and add the heuristic on TCP. */
void mt_conv_handoff(void);

/* mailteach's handle for a mail protocol, and Wireshark's own one it calls
 * (NULL before mt_conv_handoff(), or if Wireshark has none). */
dissector_handle_t mt_conv_handle(mt_proto proto);
dissector_handle_t mt_conv_builtin(mt_proto proto);

#endif /* MT_EPAN_H */
