/* mt_epan.h - what the parts of mailteach's epan adapter share
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The adapter is thin: packet-mailteach.c registers fields, expert infos,
 * preferences and handles; mt_conv.c keeps per-conversation and per-frame
 * state, calls Wireshark's own dissector and feeds the core; mt_tree.c
 * turns the core's records into tree items and expert infos.
 */
#ifndef MT_EPAN_H
#define MT_EPAN_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "core/mt_anomaly.h"
#include "core/mt_record.h"
#include "core/mt_session.h"

typedef struct {
    gint     language;      /* mt_lang */
    gboolean takeover;      /* annotate on the standard ports */
} mt_prefs_t;

extern mt_prefs_t mt_prefs;
extern int proto_mailteach;

/* packet-mailteach.c: registered ids */
int mt_hf_for_field(mt_field f);
extern int hf_mt_protocol;
extern int hf_mt_line;
extern int hf_mt_request_in;
extern int hf_mt_response_in;
extern gint ett_mailteach;
extern gint ett_mt_line;
gint mt_ett_for_field(mt_field f);
expert_field *mt_ei_for_anomaly(mt_anomaly a);

/* Handles: mailteach's own, and Wireshark's built-in one it wraps. */
dissector_handle_t mt_handle_for(mt_proto proto);
dissector_handle_t mt_builtin_for(mt_proto proto);
extern dissector_handle_t mt_tls_handle;

/* mt_conv.c */
void mt_conv_register(void);
int mt_dissect_session(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                       void *data, mt_proto proto);
gboolean mt_dissect_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);

/* mt_tree.c */
void mt_tree_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                    mt_proto proto, gint length, mt_record *const *recs, guint n);

#endif /* MT_EPAN_H */
