/* mt_compat.h - the one place where Wireshark versions differ for mailteach
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * mailteach builds from one source tree against Wireshark 4.0 (Debian 12),
 * 4.2, 4.4 (Debian 13) and 4.6 (Debian unstable, the upstream stable
 * line). A plugin is built for one minor version: Wireshark refuses a
 * plugin whose plugin_want_major/minor differ from its own, so each
 * version gets its own build of the same sources.
 *
 * The adapter is written against the newest API; this header maps what it
 * uses onto older versions. Every version test of the adapter lives here,
 * so the rest of the code has no #if on WIRESHARK_VERSION_*. What changed:
 *
 *  - Plugin symbols. Every version loads plugin_version, plugin_want_major,
 *    plugin_want_minor and plugin_register. 4.4 added an optional
 *    plugin_describe() returning WS_PLUGIN_DESC_* flags; `tshark -G plugins`
 *    and Help > About > Plugins show its type from it ("dissector").
 *    MT_PLUGIN_EXPORTS() defines them as the version wants.
 *  - Booleans. 4.4 turned preferences' boolean variables into bool * and
 *    heuristic dissectors into functions returning bool (they were gboolean,
 *    an int: a pointer to one is not a pointer to the other). Declare
 *    boolean preference variables and heuristic results as mt_ws_bool.
 *    wmem pool callbacks return bool too in 4.4 (mt_wmem_cb_ret).
 *  - tvb accessors. 4.4 renamed tvb_get_guint8() and friends after the C99
 *    types (tvb_get_uint8()); 4.6 deprecates the old names, which the
 *    build treats as errors. Use the new names; below they map to the old
 *    ones on 4.0 and 4.2.
 *  - format_text() takes const char * from 4.4 on, const guchar * before.
 *    mt_format_text() and mt_format_text_string() take the bytes either way.
 *  - Statistics. 4.6's -z init callbacks return bool (void before);
 *    epan/sequence_analysis.h (flow graphs) is installed by no version:
 *    mailteach declares what it uses of it below, checked per version.
 *  - true_false_string lives in <epan/tfs.h>; 4.6's packet.h no longer
 *    pulls it in, so this header does (it exists in every version).
 *
 * Checked against the headers of each version's wireshark-dev package
 * (4.0.17, 4.4.x, 4.6.x) and, for 4.2, against upstream's release notes
 * and change history (no Debian release ships 4.2).
 *
 * APIs mailteach uses that did NOT change from 4.0 to 4.6, so need nothing
 * here: conversations (find_or_create_conversation,
 * conversation_{add,get}_proto_data, conversation_set_dissector), expert
 * infos (expert_register_field_array, expert_add_info_format,
 * proto_tree_add_expert_format), TLS (ssl_starttls_ack, ssl_dissector_add,
 * ssl_dissector_delete), tvb_new_child_real_data, add_new_data_source,
 * register_dissector_with_description, heur_dissector_add, wmem, ranges.
 */
#ifndef MT_COMPAT_H
#define MT_COMPAT_H

#include <wireshark.h>          /* ws_version.h: WIRESHARK_VERSION_MAJOR/MINOR */
#include <epan/tvbuff.h>
#include <epan/strutil.h>
#include <epan/tfs.h>
#include <epan/tap.h>
#include <epan/address.h>
#include <stddef.h>

/* True when built against Wireshark major.minor or newer. */
#define MT_WS_AT_LEAST(major, minor)                                        \
    (WIRESHARK_VERSION_MAJOR > (major)                                      \
     || (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

#if !MT_WS_AT_LEAST(4, 0)
#error "mailteach needs Wireshark 4.0 or newer"
#endif

/* ---- booleans handed to Wireshark ---- */

#if MT_WS_AT_LEAST(4, 4)
typedef bool mt_ws_bool;        /* prefs_register_bool_preference(), heur_dissector_t */
#else
typedef gboolean mt_ws_bool;
#endif

/* What a wmem pool callback (wmem_register_callback()) returns: gboolean
 * in 4.0, bool in 4.4 and 4.6. Taken from the header's own
 * wmem_user_cb_t (the type of a call, never evaluated), so it is right
 * whichever release changed it. */
typedef __typeof__(((wmem_user_cb_t)0)(NULL, WMEM_CB_FREE_EVENT, NULL)) mt_wmem_cb_ret;

/* ---- tvb accessors: the C99 names on every version ---- */

#if !MT_WS_AT_LEAST(4, 4)
#define tvb_get_uint8(tvb, offset)          tvb_get_guint8((tvb), (offset))
#define tvb_get_uint16(tvb, offset, enc)    tvb_get_guint16((tvb), (offset), (enc))
#define tvb_get_uint24(tvb, offset, enc)    tvb_get_guint24((tvb), (offset), (enc))
#define tvb_get_uint32(tvb, offset, enc)    tvb_get_guint32((tvb), (offset), (enc))
#define tvb_get_uint64(tvb, offset, enc)    tvb_get_guint64((tvb), (offset), (enc))
#endif

/* ---- text ---- */

/* Printable text of len bytes at p (which need not end in NUL). The
 * parameter is const guchar * before 4.4 and const char * since; a
 * const void * converts to either. */
#define mt_format_text(pool, p, len)  format_text((pool), (const void *)(p), (len))
/* The same for a NUL-terminated string (format_text_string()). */
#define mt_format_text_string(pool, s)  format_text_string((pool), (const void *)(s))

/* ---- statistics: taps, -z commands, sequence analysis ---- */

/* A -z command's init callback (stat_tap_ui.tap_init_cb) returns bool from
 * 4.6 on (false: the arguments were not understood), void before. */
#if MT_WS_AT_LEAST(4, 6)
typedef bool mt_stat_init_ret;
#define MT_STAT_INIT_RETURN(ok)  return (ok)
#else
typedef void mt_stat_init_ret;
#define MT_STAT_INIT_RETURN(ok)  do { (void)(ok); return; } while (0)
#endif

/* Flow graphs (Statistics > Flow Graph, tshark -z flow,NAME,...) come from
 * epan/sequence_analysis.h, which no version's wireshark-dev package
 * installs, though libwireshark exports its functions in every version.
 * These are the leading members of its structures, the ones mailteach
 * touches; the library allocates and frees them. The layouts were read
 * from the 4.0, 4.4 and 4.6 sources and checked against the offsets the
 * exported functions use in each version's libwireshark (disassembly of
 * sequence_analysis_create_sai_with_addresses(),
 * sequence_analysis_use_col_info_as_label_comment(),
 * sequence_analysis_list_sort() and the node walk of
 * sequence_analysis_get_nodes()): frame_label at 0x48, comment at 0x58,
 * display at 0x70 (gboolean, 4.0) or 0x6d (bool, 4.4 and 4.6), items at
 * 0x10 of the info. The static assertions below keep them so. */
typedef struct {
    guint32     frame_number;
    address     src_addr;
    guint16     port_src;
    address     dst_addr;
    guint16     port_dst;
    char       *frame_label;        /* on the arrow; g_malloc'd, freed by Wireshark */
    char       *time_str;
    char       *comment;            /* right of the graph; g_malloc'd */
    guint16     conv_num;
    unsigned    fg_color;
    unsigned    bg_color;
    mt_ws_bool  has_color_filter;
    mt_ws_bool  display;
    unsigned    src_node;
    unsigned    dst_node;
    /* more members follow that mailteach does not touch */
} mt_seq_item;

typedef struct {
    const char *name;
    mt_ws_bool  any_addr;
    int         nconv;
    GQueue     *items;              /* of seq_analysis_item_t */
    /* more members follow */
} mt_seq_info;

#if defined(__x86_64__) || defined(_M_X64) || defined(__aarch64__)
_Static_assert(offsetof(mt_seq_item, frame_label) == 0x48, "seq_analysis_item_t.frame_label");
_Static_assert(offsetof(mt_seq_item, comment) == 0x58, "seq_analysis_item_t.comment");
_Static_assert(offsetof(mt_seq_item, display) == (MT_WS_AT_LEAST(4, 4) ? 0x6d : 0x70),
               "seq_analysis_item_t.display");
_Static_assert(offsetof(mt_seq_info, items) == 0x10, "seq_analysis_info_t.items");
#endif

/* The exported functions, declared with the structures above. */
WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                           const char *tap_listener, unsigned tap_flags, tap_packet_cb tap_func);
WS_DLL_PUBLIC mt_seq_item *sequence_analysis_create_sai_with_addresses(packet_info *pinfo, mt_seq_info *sainfo);

/* ---- the symbols Wireshark's plugin loader looks for ---- */

#if MT_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h>         /* WS_PLUGIN_DESC_*; not installed by 4.0 */
#define MT_PLUGIN_DESCRIBE_                                                 \
    WS_DLL_PUBLIC uint32_t plugin_describe(void);                           \
    uint32_t plugin_describe(void) { return WS_PLUGIN_DESC_DISSECTOR; }
#else
#define MT_PLUGIN_DESCRIBE_
#endif

/* Use once, in the file that defines plugin_register(); needs WS_BUILD_DLL
 * defined before the first Wireshark header so that the symbols are
 * exported on Windows too. */
#define MT_PLUGIN_EXPORTS(version)                                          \
    WS_DLL_PUBLIC_DEF const char plugin_version[] = version;                \
    WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR; \
    WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR; \
    WS_DLL_PUBLIC void plugin_register(void);                               \
    MT_PLUGIN_DESCRIBE_

#endif /* MT_COMPAT_H */
