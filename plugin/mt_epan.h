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
 *                       renders the core's records with;
 *   mt_walk.c           owns the "mailteach" tap and what reads it: the
 *                       walkthrough (-z mailteach,walkthrough), the flow
 *                       graph (sequence analysis "mailteach") and the
 *                       statistics (-z mailteach,stats, the stats tree);
 *                       mt_conv.c queues each chunk's records on the tap.
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
#define MT_PREF_LANG_AUTO (-1)

typedef struct {
    gint     language;      /* mt_lang, or MT_PREF_LANG_AUTO */
    mt_ws_bool takeover;    /* annotate on the standard ports */
    mt_ws_bool redact;      /* hide passwords, tokens and digests */
    mt_ws_bool teaching_notes;  /* each line's summary as a Chat expert info */
    mt_ws_bool info_meaning;    /* each line's summary appended to the Info column */
    gint     locale_lang;   /* mt_lang of the user's locale, for MT_PREF_LANG_AUTO */
    guint    session_budget_mib;    /* memory kept per session (0: no limit) */
    guint    capture_budget_mib;    /* memory kept per capture (0: no limit) */
} mt_prefs_t;

#define MT_DEFAULT_SESSION_BUDGET_MIB 8
#define MT_DEFAULT_CAPTURE_BUDGET_MIB 256
/* Besides capture_budget_mib, a capture keeps at most this many bytes per
 * byte of mail payload it has carried, plus MT_CAPTURE_BUDGET_FLOOR_MIB:
 * so no capture of N bytes makes mailteach keep more than 1 MiB + 128 N,
 * whatever capture_budget_mib says (a line of a few bytes costs a few
 * hundred: 60 bytes per byte for a flood of "+OK"; a bare LF, 700). */
#define MT_CAPTURE_BUDGET_PER_BYTE 128
#define MT_CAPTURE_BUDGET_FLOOR_MIB 1

/* The language texts are shown in. */
static inline mt_lang
mt_prefs_lang(const mt_prefs_t *p)
{
    gint l = p->language == MT_PREF_LANG_AUTO ? p->locale_lang : p->language;

    return l >= 0 && l < MT_LANG_COUNT ? (mt_lang)l : MT_LANG_EN;
}

/* ---- mt_tree.c ---- */

/* Register the fields, subtrees and expert infos under proto; the
 * explanations are shown in prefs->language. */
void mt_tree_register(int proto, const mt_prefs_t *prefs);

/* One "mailteach" item over the first length bytes of tvb, with a subtree
 * per record. */
void mt_tree_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                    mt_proto proto, gint length, mt_record *const *recs, guint n);

/* Would mt_tree_render() show anything of this frame? Not when there is no
 * tree, nobody listens for expert infos and the Info column gets no
 * meaning (tshark -n): then its records would be made for nobody. */
gboolean mt_tree_seen(proto_tree *tree);

/* ---- mt_conv.c ---- */

/* Register mailteach's dissector handles, one per mail protocol, each of a
 * helper protocol of proto named for Decode As (mailteach.smtp,
 * mailteach.pop3, mailteach.imap), and the per-capture state; the memory
 * budgets are read from prefs. */
void mt_conv_register(int proto, const mt_prefs_t *prefs);

/* Find Wireshark's own dissectors and TLS, offer the handles to Decode As
 * and add the heuristic on TCP. */
void mt_conv_handoff(void);

/* mailteach's handle for a mail protocol, and Wireshark's own one it calls
 * (NULL before mt_conv_handoff(), or if Wireshark has none). */
dissector_handle_t mt_conv_handle(mt_proto proto);
dissector_handle_t mt_conv_builtin(mt_proto proto);

/* ---- mt_walk.c ---- */

/* One mail session as the tap's readers see it; mt_conv.c keeps it with
 * the conversation (file scope) and fills it when the session starts. */
typedef struct {
    guint32          index;         /* 1, 2, ... in the order sessions start */
    mt_proto         proto;
    address          client;
    address          server;
    guint32          client_port;
    guint32          server_port;
    nstime_t         start;         /* time of the session's first payload */
    gboolean         implicit_tls;  /* inside TLS from its first byte (993, 995, 465) */
} mt_walk_session;

/* Register the tap "mailteach", the -z commands mailteach,walkthrough and
 * mailteach,stats, the sequence analysis "mailteach" and the stats tree. */
void mt_walk_register(int proto, const mt_prefs_t *settings);

/* Queue the records made from one chunk of bytes (chunk, len: the bytes
 * the records' chunk_off and chunk_len point into) on the tap, if anyone
 * listens. Records may belong to earlier frames (a greeting the heuristic
 * held back): each carries its own frame number. They must live until the
 * frame's dissection ends (records unpacked for a revisit are copies, so
 * the session's first record is told by first_is_session_start: recs[0]
 * is the first record of the session). */
void mt_walk_tap(packet_info *pinfo, const mt_walk_session *session, const guint8 *chunk,
                 gsize len, mt_record *const *recs, guint n, gboolean first_is_session_start);

/* Do taps run on first dissections? A single pass of tshark runs them, the
 * first pass of tshark -2 does not (mt_conv.c tells them apart). Until the
 * answer is yes, each call queues the frame on the tap "mailteach.pass",
 * whose own listener hears it after the frame's dissection when taps run. */
gboolean mt_walk_taps_run(packet_info *pinfo);
/* Forget the answer: a new capture. */
void mt_walk_taps_reset(void);

/* Does a reader of the tap "mailteach" listen (a walkthrough, the stats,
 * the flow graph)? */
gboolean mt_walk_listening(void);

#endif /* MT_EPAN_H */
