/* mt_conv.c - sessions, frames and the built-in dissectors
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The user may click on frames in any order, and tshark -2 dissects every
 * frame twice, the first time without a tree. So the core is fed once, on
 * the first pass, and what it says about each chunk of bytes is kept with
 * the frame; revisits show the kept records. A frame can carry several
 * chunks (TCP hands over a reassembled PDU and then the rest of the
 * segment), so they are kept in order, each with its length and a hash of
 * its bytes to match them again.
 *
 * A single pass of tshark (without -2) never comes back to a frame. It
 * dissects every frame in one frame_data that it reuses, where Wireshark
 * and sharkd keep one per frame; the first pass of tshark -2 reuses one
 * too, but it runs no tap and shows no tree. So a single pass is told by
 * a reused frame_data together with a shown tree (-V, -T fields, json,
 * pdml) or taps that run (mt_walk_taps_run()) on a frame's first
 * dissection.
 * When both are seen, nothing will be revisited: from then on no chunk is
 * kept, and once a session has ended (QUIT or LOGOUT answered, nothing
 * pending) its records are freed, so such a run holds the records of open
 * sessions only. They are freed when a later frame comes: the taps read
 * a frame's records after its dissection. And when nothing of a frame
 * would be seen (tshark -n: no tree, no tap that reads mailteach or its
 * expert infos), the core is not fed at all (followed()).
 *
 * Otherwise (two passes, the desktop) an ended session's records are
 * packed (mt_record_pack(), about a quarter of their room) when a later
 * frame comes, and the session lets go of them; a revisit unpacks the
 * chunk's records for the time of its dissection. Records of a session
 * that has not ended stay as they are: a reply may still add to them.
 *
 * Wireshark's own dissector is called first on every chunk. It decides how
 * much it consumes and asks TCP for more when a line is incomplete; only
 * the bytes it consumed are fed to the core, so a line typed one key per
 * segment reaches mailteach once, whole, in the frame that completes it.
 *
 * The handles, one per mail protocol, are made here; the entry file puts
 * them on the ports its preferences name.
 *
 * Decode As by name ("tshark -d tcp.port==1110,mailteach.pop3") finds a
 * handle by the filter name of the handle's protocol, and every handle in
 * the "tcp.port" table is offered to Decode As. Were the three handles of
 * the protocol "mailteach", the name could not tell them apart. So each
 * mail protocol has a helper protocol, registered in name only (enabled
 * and disabled with mailteach), named like its handle: mailteach.smtp,
 * mailteach.pop3, mailteach.imap. The handles the ports, TLS, Decode As
 * and conversations use are those of the helpers; each passes the bytes on
 * to one inner handle of "mailteach", so the frame's layers
 * ("tcp:mailteach:smtp") are as when the heuristic attaches mailteach.
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/conversation.h>
#include <epan/proto_data.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/dissectors/packet-tls-utils.h>

#include "mt_epan.h"
#include "core/mt_detect.h"
#include "core/mt_session.h"

/* The heuristic decides within this many payload segments per side. */
#define MT_HEUR_MAX_SEGMENTS 8
/* It keeps at most this much of an undecided conversation's first bytes. */
#define MT_HEUR_MAX_KEEP 2048
/* On a session the heuristic found, Wireshark's own dissector may ask TCP
 * to reassemble a line up to this many bytes; past it, the built-in gets
 * what has arrived as it is. The built-in rescans the whole reassembled
 * line on every segment, so a line without end would cost time quadratic
 * in its length on any port where mailteach had found mail (on its own
 * port, the built-in has that cost by itself). The core keeps this much
 * of a line too (MT_LINE_KEEP_MAX) and tells the rest as a partial line. */
#define MT_HEUR_MAX_REASSEMBLY 65536
/* Chunks kept per frame; more are dissected but not annotated again. */
#define MT_MAX_CHUNKS_PER_FRAME 64
/* What a kept chunk costs besides its own struct, records and bytes: the
 * frame map's entry and wmem's bookkeeping, about (the capture budget). */
#define MT_CHUNK_OVERHEAD 32

typedef struct {
    guint32       len;
    guint32       hash;
    guint32       n;        /* records; once packed, bytes of packed */
    guint8        proto;
    guint8        is_packed;
    guint8        session_start;    /* its first record is the session's first */
    union {
        mt_record   **recs;     /* owned by the session */
        guint8       *packed;   /* mt_record_pack() of them, file scope */
    } u;
    guint8       *bytes;    /* bytes the heuristic held back, shown from here */
} mt_chunk;

/* A chunk kept since the session's last pack or release, with its frame. */
typedef struct {
    guint32       frame;
    mt_chunk     *chunk;
} mt_kept;

/* Most frames carry one chunk: the array grows as chunks come. */
typedef struct {
    guint32       n;
    guint32       cap;
    mt_chunk    **chunks;
} mt_frame;

/* Bytes the heuristic held back while it could not decide yet. */
#define MT_HEUR_MAX_HELD 4
typedef struct {
    guint32       frame;
    guint32       len;
    guint8       *data;
} mt_held;

typedef struct {
    mt_session   *session;
    mt_proto      proto;
    address       server_addr;
    guint32       server_port;
    gboolean      heuristic;        /* claimed by the heuristic, not by a port */
    gboolean      long_line[2];     /* per mt_dir: inside a line cut at MT_HEUR_MAX_REASSEMBLY */
    /* heuristic, before a protocol is known */
    gboolean      heur_done;
    guint8        heur_segments;
    mt_proto      candidate;
    gboolean      seen_server;
    address       first_addr;       /* who sent the first payload */
    guint32       first_port;
    gboolean      has_first;
    mt_held       held_server[MT_HEUR_MAX_HELD];   /* the greeting */
    guint         n_held_server;
    guint8       *held_client;      /* the client's first line so far */
    guint32       held_client_len;
    /* memory budgets: from stop_frame's chunk stop_chunk on, the session
     * is no longer fed to the core, only counted */
    guint32       stop_frame;
    guint32       stop_chunk;
    mt_budget     stop_why;
    guint64       stop_limit;
    mt_record    *stop_rec;         /* says why, shown in that chunk; in budget_records */
    mt_kept      *kept;             /* chunks to pack or forget when the session ends */
    guint32       n_kept;
    guint32       cap_kept;
    /* single pass: the first frame of the session that was not fed to
     * the core, because nothing of it would be seen (0: every frame fed) */
    guint32       unfollowed_from;
    gboolean      first_noted;      /* the session's first record was seen */
    gboolean      release_queued;   /* in release_queue */
    /* for the tap's readers (mt_walk.c) */
    nstime_t      first_ts;         /* the first payload mailteach saw */
    mt_walk_session walk;
} mt_conv;

static int proto_mailteach = -1;
static const mt_prefs_t *conv_prefs;
static dissector_handle_t tls_handle;
/* The handle of "mailteach" that the named handles pass the bytes to. */
static dissector_handle_t inner_handle;

static int dissect_named_smtp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
static int dissect_named_pop3(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
static int dissect_named_imap(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);

/* For each protocol: mailteach's handle (of the helper protocol named like
 * it) and Wireshark's own. */
typedef struct {
    mt_proto     proto;
    const char  *builtin;           /* Wireshark's own dissector */
    const char  *handle_name;       /* also the helper protocol's filter name */
    const char  *description;
    const char  *short_name;        /* of the helper protocol */
    dissector_t  dissect;
    dissector_handle_t handle;
    dissector_handle_t builtin_handle;
} mt_handles;

static mt_handles handles[] = {
    { MT_PROTO_SMTP, "smtp", "mailteach.smtp", "SMTP with mailteach annotations", "mailteach SMTP",
      dissect_named_smtp, NULL, NULL },
    { MT_PROTO_POP3, "pop", "mailteach.pop3", "POP3 with mailteach annotations", "mailteach POP3",
      dissect_named_pop3, NULL, NULL },
    { MT_PROTO_IMAP, "imap", "mailteach.imap", "IMAP with mailteach annotations", "mailteach IMAP",
      dissect_named_imap, NULL, NULL },
};

static const mt_handles *
handles_for(mt_proto proto)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(handles); i++) {
        if (handles[i].proto == proto)
            return &handles[i];
    }
    return NULL;
}

dissector_handle_t
mt_conv_handle(mt_proto proto)
{
    const mt_handles *h = handles_for(proto);
    return h ? h->handle : NULL;
}

dissector_handle_t
mt_conv_builtin(mt_proto proto)
{
    const mt_handles *h = handles_for(proto);
    return h ? h->builtin_handle : NULL;
}

/* Every session of the capture, freed when it closes. */
static GPtrArray *sessions;
/* Sessions started in this capture, for their numbers in the walkthrough. */
static guint32 n_sessions;
/* frame number -> mt_frame, emptied when the capture closes */
static wmem_map_t *frames;
/* What the capture's records and kept chunks hold, about, and how many
 * bytes of mail were fed to the core (the capture's memory budget). */
static guint64 capture_kept;
static guint64 capture_payload;
/* The records that say where a session stopped, freed when the capture closes. */
static GPtrArray *budget_records;
/* Will frames be revisited? (See the top of this file.) */
static const frame_data *last_fd;
static guint32 last_fd_num;
static gboolean single_pass;

/* Ended sessions whose records go (single pass) or are packed when a later
 * frame comes. */
static GPtrArray *release_queue;
static guint32 release_frame;

/* On the first pass: learn whether frames are kept for revisits. */
static void
note_frame_data(packet_info *pinfo, proto_tree *tree)
{
    gboolean shown, taps;

    if (single_pass || PINFO_FD_VISITED(pinfo))
        return;
    shown = tree && PTREE_DATA(tree)->visible;
    taps = mt_walk_taps_run(pinfo);
    if (pinfo->fd == last_fd && pinfo->num != last_fd_num && (shown || taps))
        single_pass = TRUE;
    last_fd = pinfo->fd;
    last_fd_num = pinfo->num;
}

/* ---- per-frame chunks ---- */

static guint32
chunk_hash(const guint8 *p, gsize len)
{
    /* FNV-1a over the ends: cheap, and enough to tell chunks of one frame apart */
    guint32 h = 2166136261u;
    gsize i;

    for (i = 0; i < len && i < 64; i++)
        h = (h ^ p[i]) * 16777619u;
    for (i = len > 128 ? len - 64 : MIN(len, (gsize)64); i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h ^ (guint32)len;
}

static mt_chunk *
store_chunk(mt_conv *mc, guint32 frame_num, const guint8 *p, gsize len, GPtrArray *recs,
            gboolean session_start, gboolean keep_bytes)
{
    mt_frame *f = (mt_frame *)wmem_map_lookup(frames, GUINT_TO_POINTER(frame_num));
    mt_chunk *c;

    if (f == NULL) {
        f = wmem_new0(wmem_file_scope(), mt_frame);
        wmem_map_insert(frames, GUINT_TO_POINTER(frame_num), f);
        capture_kept += sizeof(*f);
    }
    if (f->n >= MT_MAX_CHUNKS_PER_FRAME)
        return NULL;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 1;
        f->chunks = (mt_chunk **)wmem_realloc(wmem_file_scope(), f->chunks, f->cap * sizeof(mt_chunk *));
        capture_kept += (f->cap - f->n) * sizeof(mt_chunk *);
    }
    c = wmem_new0(wmem_file_scope(), mt_chunk);
    c->len = (guint32)len;
    c->hash = chunk_hash(p, len);
    c->proto = (guint8)mc->proto;
    c->session_start = (guint8)session_start;
    c->n = recs->len;
    c->u.recs = (mt_record **)wmem_memdup(wmem_file_scope(), recs->pdata, recs->len * sizeof(gpointer));
    if (keep_bytes)
        c->bytes = (guint8 *)wmem_memdup(wmem_file_scope(), p, len);
    f->chunks[f->n++] = c;
    capture_kept += sizeof(*c) + recs->len * sizeof(gpointer) + (keep_bytes ? len : 0) + MT_CHUNK_OVERHEAD;
    if (recs->len > 0) {
        if (mc->n_kept == mc->cap_kept) {
            mc->cap_kept = mc->cap_kept ? mc->cap_kept * 2 : 8;
            mc->kept = (mt_kept *)wmem_realloc(wmem_file_scope(), mc->kept, mc->cap_kept * sizeof(mt_kept));
        }
        mc->kept[mc->n_kept].frame = frame_num;
        mc->kept[mc->n_kept].chunk = c;
        mc->n_kept++;
    }
    return c;
}

/* The records of a chunk: kept, or unpacked for this dissection (freed
 * with the packet's pool, after the taps have read them). */
static mt_wmem_cb_ret
free_unpacked(wmem_allocator_t *allocator _U_, wmem_cb_event_t event _U_, void *data)
{
    g_ptr_array_free((GPtrArray *)data, TRUE);
    return 0;   /* once: unregister */
}

static mt_record *const *
chunk_records(packet_info *pinfo, const mt_chunk *c, guint32 frame, guint *n)
{
    GPtrArray *recs;

    if (!c->is_packed) {
        *n = c->n;
        return c->u.recs;
    }
    recs = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    mt_record_unpack(c->u.packed, c->n, frame, recs);
    wmem_register_callback(pinfo->pool, free_unpacked, recs);
    *n = recs->len;
    return (mt_record *const *)recs->pdata;
}

/* An ended session's kept chunks: pack their records (two passes, the
 * desktop) or forget them (single pass; a chunk of held bytes keeps its
 * bytes), before the session frees the records. */
static void
pack_kept(mt_conv *mc)
{
    guint i;

    for (i = 0; i < mc->n_kept; i++) {
        mt_chunk *c = mc->kept[i].chunk;
        guint8 *packed;
        gsize len = 0;

        if (c->is_packed)
            continue;
        if (single_pass || c->n == 0) {
            c->n = 0;
            continue;
        }
        packed = mt_record_pack(c->u.recs, c->n, mc->kept[i].frame, &len);
        wmem_free(wmem_file_scope(), c->u.recs);
        capture_kept -= MIN(capture_kept, (guint64)c->n * sizeof(gpointer));
        c->u.packed = (guint8 *)wmem_memdup(wmem_file_scope(), packed, len);
        c->n = (guint32)len;
        c->is_packed = TRUE;
        capture_kept += len;
        g_free(packed);
    }
    wmem_free(wmem_file_scope(), mc->kept);
    mc->kept = NULL;
    mc->n_kept = mc->cap_kept = 0;
}

/* The k-th chunk of this frame if it matches, else any that matches. */
static const mt_chunk *
find_chunk(guint32 frame_num, guint k, const guint8 *p, gsize len)
{
    mt_frame *f = (mt_frame *)wmem_map_lookup(frames, GUINT_TO_POINTER(frame_num));
    guint32 h;
    guint i;

    if (f == NULL || len == 0)
        return NULL;
    h = chunk_hash(p, len);
    if (k < f->n && f->chunks[k]->len == len && f->chunks[k]->hash == h)
        return f->chunks[k];
    for (i = 0; i < f->n; i++) {
        if (f->chunks[i]->len == len && f->chunks[i]->hash == h)
            return f->chunks[i];
    }
    return NULL;
}

/* How many chunks of this frame were handled in this dissection so far:
 * the index of the chunk being dissected. */
static guint
chunk_index(packet_info *pinfo)
{
    return GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto_mailteach, 0));
}

/* The same, counting the chunk being dissected as handled. */
static guint
next_chunk_index(packet_info *pinfo)
{
    guint k = chunk_index(pinfo);

    p_add_proto_data(pinfo->pool, pinfo, proto_mailteach, 0, GUINT_TO_POINTER(k + 1));
    return k;
}

/* On a revisit: was the chunk this call will show held back by the
 * heuristic on the first pass? Wireshark's own dissector never saw those
 * bytes then, so it has no per-frame state for them; calling it now would
 * make it dissect them differently from the first pass, and the POP
 * dissector of 4.4 and later asserts (a DissectorError, which would also
 * skip mailteach's annotation) on a continuation it has no state for. */
static gboolean
revisit_of_held(packet_info *pinfo)
{
    mt_frame *f;
    guint k;

    if (!PINFO_FD_VISITED(pinfo))
        return FALSE;
    f = (mt_frame *)wmem_map_lookup(frames, GUINT_TO_POINTER(pinfo->num));
    k = chunk_index(pinfo);
    return f && k < f->n && f->chunks[k]->bytes != NULL;
}

/* ---- conversations ---- */

static mt_conv *
get_conv(packet_info *pinfo, gboolean create)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    mt_conv *mc = (mt_conv *)conversation_get_proto_data(conv, proto_mailteach);

    if (mc == NULL && create) {
        mc = wmem_new0(wmem_file_scope(), mt_conv);
        mc->first_ts = pinfo->abs_ts;
        conversation_add_proto_data(conv, proto_mailteach, mc);
    }
    return mc;
}

static void
start_session(mt_conv *mc, packet_info *pinfo, mt_proto proto, const address *server, guint32 port)
{
    gboolean server_is_src = port == pinfo->srcport && addresses_equal(server, &pinfo->src);

    mc->proto = proto;
    mc->session = mt_session_new(proto);
    g_ptr_array_add(sessions, mc->session);
    copy_address_wmem(wmem_file_scope(), &mc->server_addr, server);
    mc->server_port = port;

    mc->walk.index = ++n_sessions;
    mc->walk.proto = proto;
    copy_address_wmem(wmem_file_scope(), &mc->walk.server, server);
    mc->walk.server_port = port;
    copy_address_wmem(wmem_file_scope(), &mc->walk.client, server_is_src ? &pinfo->dst : &pinfo->src);
    mc->walk.client_port = server_is_src ? pinfo->destport : pinfo->srcport;
    mc->walk.start = mc->first_ts;
    mc->first_noted = FALSE;
}

/* Do these records start the session (for the tap's readers)? */
static gboolean
note_first(mt_conv *mc, const GPtrArray *recs)
{
    if (!mc->first_noted && recs->len > 0) {
        mc->first_noted = TRUE;
        return TRUE;
    }
    return FALSE;
}

static mt_dir
direction(const mt_conv *mc, const packet_info *pinfo)
{
    if (pinfo->destport == mc->server_port && addresses_equal(&pinfo->dst, &mc->server_addr))
        return MT_DIR_CLIENT;
    if (pinfo->srcport == mc->server_port && addresses_equal(&pinfo->src, &mc->server_addr))
        return MT_DIR_SERVER;
    return pinfo->destport == mc->server_port ? MT_DIR_CLIENT : MT_DIR_SERVER;
}

/* ---- the built-in dissector ---- */

/* Is the built-in kept from asking TCP for more this time? On a session
 * the heuristic found: when the bytes are longer than
 * MT_HEUR_MAX_REASSEMBLY, and then for the rest of that line (until bytes
 * of the same direction hold a line end), so that the line's other bytes
 * are not reassembled either. Decided on the first pass and kept with the
 * frame (per chunk), so that a revisit makes the same call. */
static gboolean
cut_reassembly(mt_conv *mc, packet_info *pinfo, tvbuff_t *tvb, gint length)
{
    guint k = chunk_index(pinfo);
    mt_dir dir;
    gboolean cut;

    if (!mc->heuristic || k >= MT_MAX_CHUNKS_PER_FRAME)
        return FALSE;
    if (PINFO_FD_VISITED(pinfo))
        return p_get_proto_data(wmem_file_scope(), pinfo, proto_mailteach, k) != NULL;
    dir = direction(mc, pinfo);
    cut = length > MT_HEUR_MAX_REASSEMBLY || mc->long_line[dir];
    if (cut) {
        p_add_proto_data(wmem_file_scope(), pinfo, proto_mailteach, k, GUINT_TO_POINTER(1));
        /* (tvb_find_guint8 is deprecated from 4.4 on; the bytes are at hand) */
        mc->long_line[dir] = length <= 0 || memchr(tvb_get_ptr(tvb, 0, length), '\n', (size_t)length) == NULL;
    }
    return cut;
}

/* Calls Wireshark's own dissector for proto; returns its result and the
 * number of bytes it consumed this time. */
static int
call_builtin(mt_proto proto, mt_conv *mc, tvbuff_t *tvb, packet_info *pinfo,
             proto_tree *tree, void *data, gint *consumed)
{
    dissector_handle_t h = mt_conv_builtin(proto);
    guint32 saved_match = pinfo->match_uint;
    guint16 saved_can = pinfo->can_desegment;
    gint length = (gint)tvb_captured_length(tvb);
    volatile int ret = 0;
    volatile gboolean threw = FALSE;
    gboolean cut;

    *consumed = length;
    if (h == NULL)
        return length;
    cut = cut_reassembly(mc, pinfo, tvb, length);

    /* call_dissector*() lowers can_desegment for its callee; give the
     * built-in what TCP gave us, or it stops reassembling lines. */
    pinfo->can_desegment = pinfo->saved_can_desegment;
    if (cut)
        pinfo->can_desegment = 0;
    /* the built-ins tell requests by destport == match_uint */
    pinfo->match_uint = mc->server_port;
    pinfo->desegment_offset = 0;
    pinfo->desegment_len = 0;
    TRY {
        ret = call_dissector_only(h, tvb, pinfo, tree, data);
    }
    CATCH_NONFATAL_ERRORS {
        show_exception(tvb, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
        threw = TRUE;
    }
    ENDTRY;
    pinfo->match_uint = saved_match;
    pinfo->can_desegment = saved_can;
    if (cut) {
        /* the IMAP dissector of 4.0 asks for more even when told not to */
        pinfo->desegment_offset = 0;
        pinfo->desegment_len = 0;
    }

    if (threw)
        return length;
    if (pinfo->desegment_len > 0)
        *consumed = MIN((gint)pinfo->desegment_offset, length);
    else if (ret > 0 && ret < length)
        *consumed = ret;
    return ret > 0 ? ret : length;
}

/* ---- memory budgets ---- */

#define MT_MIB G_GUINT64_CONSTANT(1048576)

/* Feed the core the next chunk of mc, or has a budget been reached? */
static gboolean
budget_reached(const mt_conv *mc, mt_budget *why, guint64 *limit)
{
    guint64 session_limit = (guint64)conv_prefs->session_budget_mib * MT_MIB;

    if (session_limit && mt_session_kept_bytes(mc->session) >= session_limit) {
        *why = MT_BUDGET_SESSION;
        *limit = session_limit;
        return TRUE;
    }
    if (conv_prefs->capture_budget_mib) {
        guint64 lim = MIN((guint64)conv_prefs->capture_budget_mib * MT_MIB,
                          MT_CAPTURE_BUDGET_FLOOR_MIB * MT_MIB + MT_CAPTURE_BUDGET_PER_BYTE * capture_payload);
        if (capture_kept >= lim) {
            *why = MT_BUDGET_CAPTURE;
            *limit = lim;
            return TRUE;
        }
    }
    return FALSE;
}

static guint64
count_line_ends(const guint8 *p, gsize len)
{
    const guint8 *end = p + len, *q;
    guint64 n = 0;

    while (p < end && (q = (const guint8 *)memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p = q + 1;
    }
    return n;
}

/* The bytes of a session past its budget: where it stopped, the record
 * that says why; elsewhere one made for this dissection, with the count
 * of lines (not on the tap: the walkthrough tells the stop once). */
static void
render_stopped(mt_conv *mc, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, gint consumed, guint k)
{
    const guint8 *p = tvb_get_ptr(tvb, 0, consumed);
    mt_record *r;

    if (pinfo->num == mc->stop_frame && k == mc->stop_chunk) {
        mt_tree_render(tvb, pinfo, tree, mc->proto, consumed, &mc->stop_rec, 1);
        mt_walk_tap(pinfo, &mc->walk, p, (gsize)consumed, &mc->stop_rec, 1, FALSE);
        return;
    }
    r = mt_session_budget_record(mc->proto, direction(mc, pinfo), pinfo->num, mc->stop_why, FALSE,
                                 mc->stop_frame, mc->stop_limit, count_line_ends(p, (gsize)consumed));
    r->chunk_len = r->line_len = (guint32)consumed;
    mt_tree_render(tvb, pinfo, tree, mc->proto, consumed, &r, 1);
    mt_record_free(r);
}

/* An ended session's records go (single pass: nothing will show them
 * again) or are packed when a later frame comes. */
static void
queue_release(mt_conv *mc, const packet_info *pinfo)
{
    if (mc->release_queued || !mt_session_ended(mc->session))
        return;
    mc->release_queued = TRUE;
    g_ptr_array_add(release_queue, mc);
    release_frame = pinfo->num;
}

static void
release_queued(const packet_info *pinfo)
{
    guint i;

    if (release_queue->len == 0 || pinfo->num == release_frame)
        return;
    for (i = 0; i < release_queue->len; i++) {
        mt_conv *mc = (mt_conv *)release_queue->pdata[i];
        guint64 kept = mt_session_kept_bytes(mc->session);

        mc->release_queued = FALSE;
        if (!mt_session_ended(mc->session))
            continue;
        pack_kept(mc);
        capture_kept -= MIN(kept, capture_kept);
        mt_session_release(mc->session);
    }
    g_ptr_array_set_size(release_queue, 0);
}

/* On the first pass: stop feeding mc's session here if a budget is reached. */
static void
check_budget(mt_conv *mc, packet_info *pinfo, const guint8 *p, gint consumed, guint k)
{
    mt_budget why;
    guint64 limit;

    if (mc->stop_frame || !budget_reached(mc, &why, &limit))
        return;
    mc->stop_frame = pinfo->num;
    mc->stop_chunk = k;
    mc->stop_why = why;
    mc->stop_limit = limit;
    mc->stop_rec = mt_session_budget_record(mc->proto, direction(mc, pinfo), pinfo->num, why, TRUE,
                                            pinfo->num, limit, count_line_ends(p, (gsize)consumed));
    mc->stop_rec->chunk_len = mc->stop_rec->line_len = (guint32)consumed;
    g_ptr_array_add(budget_records, mc->stop_rec);
}

/* ---- annotation ---- */

/* Show records over bytes of their own (held back by the heuristic). */
static void
render_held(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const mt_chunk *c,
            const mt_conv *mc)
{
    tvbuff_t *held = tvb_new_child_real_data(tvb, c->bytes, c->len, c->len);
    guint n;
    mt_record *const *recs = chunk_records(pinfo, c, pinfo->num, &n);

    add_new_data_source(pinfo, held, "Rebuilt line");
    mt_tree_render(held, pinfo, tree, (mt_proto)c->proto, (gint)c->len, recs, n);
    if (mc)
        mt_walk_tap(pinfo, &mc->walk, c->bytes, c->len, recs, n, c->session_start);
}

/* On the first pass: is this chunk fed to the core? Not in a single pass
 * where nothing of it would be seen (tshark -n: no tree, no tap of
 * mailteach or expert infos, no meaning in the Info column): its records
 * would be made and freed for nobody (which made tshark -n take a
 * quarter more time).
 * Wireshark's own dissector has seen the chunk all the same. What is seen
 * is fixed for a whole run of tshark; should a frame be seen after frames
 * that were not fed, its session starts over there, as in a capture that
 * begins in the middle of a session. */
static gboolean
followed(mt_conv *mc, packet_info *pinfo, proto_tree *tree)
{
    if (single_pass && !mt_tree_seen(tree) && !mt_walk_listening()) {
        if (mc->unfollowed_from == 0)
            mc->unfollowed_from = pinfo->num;
        return FALSE;
    }
    if (mc->unfollowed_from) {
        mc->unfollowed_from = 0;
        mc->session = mt_session_new(mc->proto);
        g_ptr_array_add(sessions, mc->session);
        if (mc->walk.implicit_tls)
            mt_session_set_tls(mc->session);
        mc->first_noted = FALSE;
    }
    return TRUE;
}

static void
annotate(mt_conv *mc, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, gint consumed)
{
    const guint8 *p;
    guint k = next_chunk_index(pinfo);

    if (PINFO_FD_VISITED(pinfo)) {
        mt_frame *f = (mt_frame *)wmem_map_lookup(frames, GUINT_TO_POINTER(pinfo->num));
        const mt_chunk *c;

        if (f && k < f->n && f->chunks[k]->bytes) {
            render_held(tvb, pinfo, tree, f->chunks[k], mc);
            return;
        }
        if (consumed <= 0)
            return;
        p = tvb_get_ptr(tvb, 0, consumed);
        c = find_chunk(pinfo->num, k, p, (gsize)consumed);
        if (c) {
            guint n;
            mt_record *const *recs = chunk_records(pinfo, c, pinfo->num, &n);

            mt_tree_render(tvb, pinfo, tree, (mt_proto)c->proto, consumed, recs, n);
            mt_walk_tap(pinfo, &mc->walk, p, (gsize)consumed, recs, n, c->session_start);
        } else if (mc->stop_frame && pinfo->num >= mc->stop_frame) {
            render_stopped(mc, tvb, pinfo, tree, consumed, k);
        }
        return;
    }
    if (consumed <= 0 || mc->session == NULL)
        return;
    note_frame_data(pinfo, tree);
    release_queued(pinfo);
    if (!followed(mc, pinfo, tree))
        return;
    p = tvb_get_ptr(tvb, 0, consumed);
    check_budget(mc, pinfo, p, consumed, k);
    if (mc->stop_frame) {
        render_stopped(mc, tvb, pinfo, tree, consumed, k);
        return;
    }
    {
        GPtrArray *recs = g_ptr_array_new();
        guint64 before = mt_session_kept_bytes(mc->session);
        gboolean start;

        capture_payload += (guint64)consumed;
        mt_session_feed(mc->session, direction(mc, pinfo), pinfo->num, p, (gsize)consumed, recs);
        capture_kept += mt_session_kept_bytes(mc->session) - before;
        start = note_first(mc, recs);
        if (!single_pass)
            store_chunk(mc, pinfo->num, p, (gsize)consumed, recs, start, FALSE);
        mt_tree_render(tvb, pinfo, tree, mc->proto, consumed, (mt_record *const *)recs->pdata, recs->len);
        mt_walk_tap(pinfo, &mc->walk, p, (gsize)consumed, (mt_record *const *)recs->pdata, recs->len,
                    start);
        g_ptr_array_free(recs, TRUE);
        queue_release(mc, pinfo);
    }
}

static int
mt_dissect_session(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data, mt_proto proto)
{
    mt_conv *mc = get_conv(pinfo, TRUE);
    gint length = (gint)tvb_captured_length(tvb), consumed = 0;
    int ret;

    if (mc->session == NULL || mc->proto != proto) {
        /* reached through a port or Decode As: the server port is the matched one */
        guint32 port = pinfo->match_uint;
        if (port != pinfo->destport && port != pinfo->srcport)
            port = pinfo->destport;
        start_session(mc, pinfo, proto, port == pinfo->destport ? &pinfo->dst : &pinfo->src, port);
        /* decrypted bytes of a session that began inside TLS (implicit
         * TLS): its logins are protected */
        if (!PINFO_FD_VISITED(pinfo) && proto_is_frame_protocol(pinfo->layers, "tls")) {
            mt_session_set_tls(mc->session);
            mc->walk.implicit_tls = TRUE;
        }
    }

    /* The built-in acks the switch to TLS with its own handle while it
     * dissects the server's acceptance, and TLS honours only the first
     * ack; ack first so that decrypted traffic comes back to mailteach. */
    if (!PINFO_FD_VISITED(pinfo) && tls_handle && length > 0 && mc->unfollowed_from == 0
        && mt_session_tls_accept(mc->session, direction(mc, pinfo), tvb_get_ptr(tvb, 0, length),
                                 (gsize)length))
        ssl_starttls_ack(tls_handle, pinfo, mt_conv_handle(proto));

    if (revisit_of_held(pinfo)) {
        annotate(mc, tvb, pinfo, tree, length);
        return length;
    }
    ret = call_builtin(proto, mc, tvb, pinfo, tree, data, &consumed);
    annotate(mc, tvb, pinfo, tree, consumed);
    return ret;
}

/* ---- the handles known by name ---- */

/* What a named handle passes to the inner handle: the mail protocol, and
 * the data it was called with (TCP's), for Wireshark's own dissector. */
typedef struct {
    mt_proto  proto;
    void     *data;
} mt_inner_call;

/* The inner handle, of the protocol "mailteach". */
static int
dissect_inner(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const mt_inner_call *call = (const mt_inner_call *)data;

    return mt_dissect_session(tvb, pinfo, tree, call->data, call->proto);
}

/* A helper protocol's handle passes the bytes on to the inner handle. */
static int
dissect_named(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data, mt_proto proto)
{
    mt_inner_call call;

    call.proto = proto;
    call.data = data;
    /* call_dissector*() lowers can_desegment for each handle on the way, so
     * pass on what TCP offered (as proxies like SOCKS do), or the built-in
     * called after us could no longer reassemble lines */
    pinfo->can_desegment = pinfo->saved_can_desegment;
    return call_dissector_only(inner_handle, tvb, pinfo, tree, &call);
}

static int
dissect_named_smtp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return dissect_named(tvb, pinfo, tree, data, MT_PROTO_SMTP);
}

static int
dissect_named_pop3(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return dissect_named(tvb, pinfo, tree, data, MT_PROTO_POP3);
}

static int
dissect_named_imap(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return dissect_named(tvb, pinfo, tree, data, MT_PROTO_IMAP);
}

/* ---- heuristic ---- */

static gboolean
from_first_sender(const mt_conv *mc, const packet_info *pinfo)
{
    return pinfo->srcport == mc->first_port && addresses_equal(&pinfo->src, &mc->first_addr);
}

static void
hold_server(mt_conv *mc, packet_info *pinfo, const guint8 *p, gint len)
{
    guint32 total = 0;
    guint i;

    for (i = 0; i < mc->n_held_server; i++)
        total += mc->held_server[i].len;
    if (mc->n_held_server >= MT_HEUR_MAX_HELD || total + (guint32)len > MT_HEUR_MAX_KEEP) {
        mc->heur_done = TRUE;
        return;
    }
    mc->held_server[mc->n_held_server].frame = pinfo->num;
    mc->held_server[mc->n_held_server].len = (guint32)len;
    mc->held_server[mc->n_held_server].data = (guint8 *)wmem_memdup(wmem_file_scope(), p, (size_t)len);
    mc->n_held_server++;
}

static void
hold_client(mt_conv *mc, const guint8 *p, gint len)
{
    mc->held_client = (guint8 *)wmem_realloc(wmem_file_scope(), mc->held_client,
                                             mc->held_client_len + (guint32)len);
    memcpy(mc->held_client + mc->held_client_len, p, (size_t)len);
    mc->held_client_len += (guint32)len;
}

/* Claim the conversation: from now on TCP hands it to mailteach. The
 * greeting held back is fed first, kept with the frames it came in, and
 * shown when those frames are revisited. */
static void
claim(mt_conv *mc, packet_info *pinfo, mt_proto proto, const address *server, guint32 port)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    guint i;

    start_session(mc, pinfo, proto, server, port);
    conversation_set_dissector(conv, mt_conv_handle(proto));
    mc->heur_done = TRUE;
    mc->heuristic = TRUE;
    for (i = 0; i < mc->n_held_server; i++) {
        const mt_held *h = &mc->held_server[i];
        GPtrArray *recs = g_ptr_array_new();
        gboolean start;

        mt_session_feed(mc->session, MT_DIR_SERVER, h->frame, h->data, h->len, recs);
        start = note_first(mc, recs);
        store_chunk(mc, h->frame, h->data, h->len, recs, start, TRUE);
        /* their frames passed without a tap; the records carry their frames */
        mt_walk_tap(pinfo, &mc->walk, h->data, h->len, (mt_record *const *)recs->pdata, recs->len, start);
        g_ptr_array_free(recs, TRUE);
    }
}

/* The client's first line, held until complete, seen in this frame. */
static void
annotate_held_client(mt_conv *mc, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    GPtrArray *recs = g_ptr_array_new();
    mt_frame *f;

    mt_session_feed(mc->session, MT_DIR_CLIENT, pinfo->num, mc->held_client, mc->held_client_len, recs);
    store_chunk(mc, pinfo->num, mc->held_client, mc->held_client_len, recs, note_first(mc, recs), TRUE);
    g_ptr_array_free(recs, TRUE);
    f = (mt_frame *)wmem_map_lookup(frames, GUINT_TO_POINTER(pinfo->num));
    if (f && f->n > 0) {
        next_chunk_index(pinfo);
        render_held(tvb, pinfo, tree, f->chunks[f->n - 1], mc);
    }
}

static mt_ws_bool
mt_dissect_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    mt_conv *mc;
    gint length = (gint)tvb_captured_length(tvb);
    const guint8 *p;
    mt_proto proto = MT_PROTO_NONE;
    mt_verdict v;

    if (length <= 0 || PINFO_FD_VISITED(pinfo))
        return FALSE;
    mc = get_conv(pinfo, TRUE);
    if (mc->heur_done || mc->session)
        return FALSE;
    if (++mc->heur_segments > MT_HEUR_MAX_SEGMENTS) {
        mc->heur_done = TRUE;
        return FALSE;
    }
    p = tvb_get_ptr(tvb, 0, length);

    if (!mc->has_first) {
        /* the first payload of the conversation: a greeting? */
        mc->has_first = TRUE;
        copy_address_wmem(wmem_file_scope(), &mc->first_addr, &pinfo->src);
        mc->first_port = pinfo->srcport;
        v = mt_detect_greeting(p, (gsize)length, &proto);
        if (v == MT_DETECT_YES && mt_conv_handle(proto)) {
            claim(mc, pinfo, proto, &pinfo->src, pinfo->srcport);
            mt_dissect_session(tvb, pinfo, tree, data, proto);
            return TRUE;
        }
        if (v == MT_DETECT_MAYBE && mt_conv_handle(proto)) {
            mc->candidate = proto;
            mc->seen_server = TRUE;
            hold_server(mc, pinfo, p, length);
            return FALSE;
        }
        /* or a client that speaks first (the greeting was not captured) */
        v = mt_detect_client(p, (gsize)length, MT_PROTO_NONE, &proto);
        if (v == MT_DETECT_YES && mt_conv_handle(proto)) {
            claim(mc, pinfo, proto, &pinfo->dst, pinfo->destport);
            mt_dissect_session(tvb, pinfo, tree, data, proto);
            return TRUE;
        }
        mc->heur_done = TRUE;
        return FALSE;
    }

    if (from_first_sender(mc, pinfo)) {
        /* more greeting lines (a multi-line 220-) before the client speaks */
        if (mc->candidate != MT_PROTO_NONE && mc->held_client_len == 0)
            hold_server(mc, pinfo, p, length);
        else
            mc->heur_done = TRUE;
        return FALSE;
    }

    /* the other side: a client's first line, perhaps one key at a time */
    if (mc->held_client_len + (guint32)length > MT_DETECT_MAX_LINE) {
        mc->heur_done = TRUE;
        return FALSE;
    }
    hold_client(mc, p, length);
    if (memchr(mc->held_client, '\n', mc->held_client_len) == NULL)
        return FALSE;
    v = mt_detect_client(mc->held_client, mc->held_client_len, mc->candidate, &proto);
    if (v != MT_DETECT_YES || mt_conv_handle(proto) == NULL) {
        mc->heur_done = TRUE;
        return FALSE;
    }
    claim(mc, pinfo, proto, &pinfo->dst, pinfo->destport);
    if ((gint)mc->held_client_len == length)
        /* the whole line is in this segment: dissect it normally */
        mt_dissect_session(tvb, pinfo, tree, data, proto);
    else
        /* typed one key per segment: Wireshark's dissector missed the
         * start, so show the rebuilt line here */
        annotate_held_client(mc, tvb, pinfo, tree);
    return TRUE;
}

/* ---- capture life ---- */

static void
mt_conv_init(void)
{
    sessions = g_ptr_array_new_with_free_func((GDestroyNotify)mt_session_free);
    budget_records = g_ptr_array_new_with_free_func((GDestroyNotify)mt_record_free);
    n_sessions = 0;
    capture_kept = 0;
    capture_payload = 0;
    last_fd = NULL;
    last_fd_num = 0;
    single_pass = FALSE;
    mt_walk_taps_reset();
    release_queue = g_ptr_array_new();
    release_frame = 0;
}

static void
mt_conv_cleanup(void)
{
    if (sessions) {
        g_ptr_array_free(sessions, TRUE);
        sessions = NULL;
    }
    if (budget_records) {
        g_ptr_array_free(budget_records, TRUE);
        budget_records = NULL;
    }
    if (release_queue) {
        g_ptr_array_free(release_queue, TRUE);
        release_queue = NULL;
    }
}

/* ---- registration ---- */

void
mt_conv_register(int proto, const mt_prefs_t *prefs)
{
    guint i;

    proto_mailteach = proto;
    conv_prefs = prefs;
    for (i = 0; i < G_N_ELEMENTS(handles); i++) {
        mt_handles *h = &handles[i];
        int helper = proto_register_protocol_in_name_only(h->description, h->short_name,
                                                          h->handle_name, proto, FT_PROTOCOL);

        h->handle = register_dissector_with_description(h->handle_name, h->description, h->dissect,
                                                        helper);
    }
    inner_handle = create_dissector_handle(dissect_inner, proto);
    frames = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    register_init_routine(mt_conv_init);
    register_cleanup_routine(mt_conv_cleanup);
}

void
mt_conv_handoff(void)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(handles); i++) {
        handles[i].builtin_handle = find_dissector_add_dependency(handles[i].builtin, proto_mailteach);
        dissector_add_for_decode_as("tcp.port", handles[i].handle);
    }
    tls_handle = find_dissector("tls");
    heur_dissector_add("tcp", mt_dissect_heur, "Mail sessions on any port (mailteach)",
                       "mailteach_tcp", proto_mailteach, HEURISTIC_ENABLE);
}
