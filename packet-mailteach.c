/* packet-mailteach.c - mailteach: SMTP, POP3 and IMAP explained line by line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Registration, preferences and hand-off. On the standard ports mailteach's
 * handles replace the built-in SMTP entry in the "tcp.port" table, call the
 * built-in dissector first (so its tree, columns and smtp.* fields stay as
 * users know them) and add a "mailteach" subtree beside it. Elsewhere a
 * heuristic finds mail sessions. What each line means comes from the core
 * (plugin/core), which has no Wireshark header.
 *
 * The three protocols share one protocol, "mailteach", so that one filter
 * and one preferences page cover them. dissector_add_uint_range_with_
 * preference() gives a protocol one "tcp.port" preference, which cannot
 * hold a range per handle; the port ranges are therefore preferences of
 * our own, applied (and re-asserted after the built-in re-registers
 * itself) by mt_apply_ports().
 */
#define WS_BUILD_DLL
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/dissectors/packet-tls.h>

#include "plugin/mt_epan.h"
#include "plugin/core/mt_smtp_catalog.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

#define MT_SMTP_PORTS      "25,587"
#define MT_SMTP_TLS_PORTS  "465"

int proto_mailteach = -1;
mt_prefs_t mt_prefs = { MT_LANG_EN, TRUE, NULL, NULL };
dissector_handle_t mt_tls_handle;

static dissector_handle_t mt_smtp_handle;
static dissector_handle_t builtin_smtp_handle;

/* Ports where mailteach's handles are registered now, to undo it. */
static range_t *active_smtp_ports;
static range_t *active_smtp_tls_ports;

/* ---- fields ---- */

int hf_mt_line = -1;
int hf_mt_request_in = -1;
int hf_mt_response_in = -1;
static int hf_mt_explanation = -1;
static int hf_mt_rfc = -1;
static int hf_mt_stage = -1;
static int hf_mt_next = -1;
static int hf_mt_line_length = -1;
static int hf_mt_line_eol = -1;
static int hf_mt_line_control = -1;
static int hf_mt_line_on_screen = -1;
static int hf_mt_auth_mechanism = -1;
static int hf_mt_auth_username = -1;
static int hf_mt_data_lines = -1;
static int hf_mt_data_line_number = -1;
static int hf_mt_data_total_lines = -1;
static int hf_mt_data_total_octets = -1;
static int hf_mt_data_end = -1;
static int hf_mt_data_dot_stuffed = -1;
static int hf_mt_data_header_end = -1;
static int hf_mt_data_chunk = -1;
static int hf_mt_smtp_command = -1;
static int hf_mt_smtp_argument = -1;
static int hf_mt_smtp_hello_domain = -1;
static int hf_mt_smtp_mail_from = -1;
static int hf_mt_smtp_rcpt_to = -1;
static int hf_mt_smtp_parameter = -1;
static int hf_mt_smtp_reply_code = -1;
static int hf_mt_smtp_reply_class = -1;
static int hf_mt_smtp_reply_category = -1;
static int hf_mt_smtp_reply_continues = -1;
static int hf_mt_smtp_reply_text = -1;
static int hf_mt_smtp_enhanced = -1;
static int hf_mt_smtp_enh_class = -1;
static int hf_mt_smtp_enh_subject = -1;
static int hf_mt_smtp_enh_detail = -1;
static int hf_mt_smtp_ehlo_keyword = -1;
static int hf_mt_smtp_ehlo_param = -1;
static int hf_mt_smtp_ehlo_size = -1;
static int hf_mt_smtp_bdat_size = -1;
static int hf_mt_smtp_bdat_last = -1;

/* The core's semantic fields, mapped to the registered ones. */
static int *const field_hf[MT_F_COUNT] = {
    [MT_F_EXPLANATION]          = &hf_mt_explanation,
    [MT_F_RFC]                  = &hf_mt_rfc,
    [MT_F_STAGE]                = &hf_mt_stage,
    [MT_F_NEXT]                 = &hf_mt_next,
    [MT_F_LINE_LENGTH]          = &hf_mt_line_length,
    [MT_F_LINE_EOL]             = &hf_mt_line_eol,
    [MT_F_LINE_CONTROL]         = &hf_mt_line_control,
    [MT_F_LINE_ON_SCREEN]       = &hf_mt_line_on_screen,
    [MT_F_AUTH_MECHANISM]       = &hf_mt_auth_mechanism,
    [MT_F_AUTH_USERNAME]        = &hf_mt_auth_username,
    [MT_F_DATA_LINES]           = &hf_mt_data_lines,
    [MT_F_DATA_FIRST_LINE]      = &hf_mt_data_line_number,
    [MT_F_DATA_TOTAL_LINES]     = &hf_mt_data_total_lines,
    [MT_F_DATA_TOTAL_OCTETS]    = &hf_mt_data_total_octets,
    [MT_F_DATA_END]             = &hf_mt_data_end,
    [MT_F_DATA_DOT_STUFFED]     = &hf_mt_data_dot_stuffed,
    [MT_F_DATA_HEADER_END]      = &hf_mt_data_header_end,
    [MT_F_DATA_CHUNK]           = &hf_mt_data_chunk,
    [MT_F_SMTP_COMMAND]         = &hf_mt_smtp_command,
    [MT_F_SMTP_ARGUMENT]        = &hf_mt_smtp_argument,
    [MT_F_SMTP_HELLO_DOMAIN]    = &hf_mt_smtp_hello_domain,
    [MT_F_SMTP_MAIL_FROM]       = &hf_mt_smtp_mail_from,
    [MT_F_SMTP_RCPT_TO]         = &hf_mt_smtp_rcpt_to,
    [MT_F_SMTP_PARAMETER]       = &hf_mt_smtp_parameter,
    [MT_F_SMTP_REPLY_CODE]      = &hf_mt_smtp_reply_code,
    [MT_F_SMTP_REPLY_CLASS]     = &hf_mt_smtp_reply_class,
    [MT_F_SMTP_REPLY_CATEGORY]  = &hf_mt_smtp_reply_category,
    [MT_F_SMTP_REPLY_CONTINUES] = &hf_mt_smtp_reply_continues,
    [MT_F_SMTP_REPLY_TEXT]      = &hf_mt_smtp_reply_text,
    [MT_F_SMTP_ENHANCED]        = &hf_mt_smtp_enhanced,
    [MT_F_SMTP_ENH_CLASS]       = &hf_mt_smtp_enh_class,
    [MT_F_SMTP_ENH_SUBJECT]     = &hf_mt_smtp_enh_subject,
    [MT_F_SMTP_ENH_DETAIL]      = &hf_mt_smtp_enh_detail,
    [MT_F_SMTP_EHLO_KEYWORD]    = &hf_mt_smtp_ehlo_keyword,
    [MT_F_SMTP_EHLO_PARAM]      = &hf_mt_smtp_ehlo_param,
    [MT_F_SMTP_EHLO_SIZE]       = &hf_mt_smtp_ehlo_size,
    [MT_F_SMTP_BDAT_SIZE]       = &hf_mt_smtp_bdat_size,
    [MT_F_SMTP_BDAT_LAST]       = &hf_mt_smtp_bdat_last,
};

int
mt_hf_for_field(mt_field f)
{
    if ((unsigned)f >= MT_F_COUNT || field_hf[f] == NULL)
        return -1;
    return *field_hf[f];
}

/* ---- subtrees ---- */

gint ett_mailteach = -1;
gint ett_mt_line = -1;
static gint ett_mt_field[MT_F_COUNT];

gint
mt_ett_for_field(mt_field f)
{
    return (unsigned)f < MT_F_COUNT ? ett_mt_field[f] : ett_mt_line;
}

/* ---- expert infos, one per core anomaly ---- */

static expert_field ei_mt[MT_A_COUNT];

expert_field *
mt_ei_for_anomaly(mt_anomaly a)
{
    return (unsigned)a < MT_A_COUNT && a != MT_A_NONE ? &ei_mt[a] : NULL;
}

/* ---- value strings built from the core's catalogs (English) ---- */

static value_string *vs_reply_code;
static value_string vs_reply_class[6];
static value_string vs_reply_category[7];
static value_string vs_enh_class[4];
static value_string vs_enh_subject[9];

static const true_false_string tfs_continues = { "More lines follow (\"-\")", "Last line (space)" };

static void
build_value_strings(void)
{
    gsize n, i, k;
    const mt_smtp_reply_info *replies = mt_smtp_replies(&n);
    static const guint enh_classes[] = { 2, 4, 5 };

    vs_reply_code = g_new0(value_string, n + 1);
    for (i = 0; i < n; i++) {
        vs_reply_code[i].value = replies[i].code;
        vs_reply_code[i].strptr = replies[i].name.s[MT_LANG_EN];
    }
    for (i = 1, k = 0; i <= 5; i++) {
        const mt_smtp_digit_info *d = mt_smtp_reply_class_lookup((guint)i);
        if (d) {
            vs_reply_class[k].value = (guint32)i;
            vs_reply_class[k++].strptr = d->name.s[MT_LANG_EN];
        }
    }
    for (i = 0, k = 0; i <= 5; i++) {
        const mt_smtp_digit_info *d = mt_smtp_reply_category_lookup((guint)i);
        if (d) {
            vs_reply_category[k].value = (guint32)i;
            vs_reply_category[k++].strptr = d->name.s[MT_LANG_EN];
        }
    }
    for (i = 0, k = 0; i < G_N_ELEMENTS(enh_classes); i++) {
        const mt_smtp_digit_info *d = mt_smtp_enhanced_class_lookup(enh_classes[i]);
        if (d) {
            vs_enh_class[k].value = enh_classes[i];
            vs_enh_class[k++].strptr = d->name.s[MT_LANG_EN];
        }
    }
    for (i = 0, k = 0; i <= 7; i++) {
        const mt_smtp_digit_info *d = mt_smtp_enhanced_subject_lookup((guint)i);
        if (d) {
            vs_enh_subject[k].value = (guint32)i;
            vs_enh_subject[k++].strptr = d->name.s[MT_LANG_EN];
        }
    }
}

/* ---- ports ---- */

static void
add_port(guint32 port, gpointer handle)
{
    dissector_add_uint("tcp.port", port, (dissector_handle_t)handle);
}

static void
delete_port(guint32 port, gpointer handle _U_)
{
    dissector_delete_uint("tcp.port", port, NULL);
}

static void
add_tls_port(guint32 port, gpointer handle)
{
    ssl_dissector_add(port, (dissector_handle_t)handle);
}

static void
delete_tls_port(guint32 port, gpointer handle)
{
    ssl_dissector_delete(port, (dissector_handle_t)handle);
}

/* Take the standard ports from the built-in dissector, or give them back. */
static void
mt_apply_ports(void)
{
    if (active_smtp_ports) {
        range_foreach(active_smtp_ports, delete_port, NULL);
        if (builtin_smtp_handle)
            range_foreach(active_smtp_ports, add_port, builtin_smtp_handle);
        wmem_free(wmem_epan_scope(), active_smtp_ports);
        active_smtp_ports = NULL;
    }
    if (active_smtp_tls_ports) {
        range_foreach(active_smtp_tls_ports, delete_tls_port, mt_smtp_handle);
        if (builtin_smtp_handle)
            range_foreach(active_smtp_tls_ports, add_tls_port, builtin_smtp_handle);
        wmem_free(wmem_epan_scope(), active_smtp_tls_ports);
        active_smtp_tls_ports = NULL;
    }
    if (!mt_prefs.takeover || builtin_smtp_handle == NULL)
        return;
    active_smtp_ports = range_copy(wmem_epan_scope(), mt_prefs.smtp_ports);
    range_foreach(active_smtp_ports, add_port, mt_smtp_handle);
    active_smtp_tls_ports = range_copy(wmem_epan_scope(), mt_prefs.smtp_tls_ports);
    range_foreach(active_smtp_tls_ports, add_tls_port, mt_smtp_handle);
}

/* The built-in dissector registers itself again when a user edits its
 * port preference; before each capture is dissected, take the ports back. */
static void
reassert_port(guint32 port, gpointer handle)
{
    if (dissector_get_uint_handle(find_dissector_table("tcp.port"), port) != handle)
        dissector_add_uint("tcp.port", port, (dissector_handle_t)handle);
}

static void
mt_init(void)
{
    if (mt_prefs.takeover && active_smtp_ports)
        range_foreach(active_smtp_ports, reassert_port, mt_smtp_handle);
}

/* ---- handles ---- */

dissector_handle_t
mt_handle_for(mt_proto proto)
{
    return proto == MT_PROTO_SMTP ? mt_smtp_handle : NULL;
}

dissector_handle_t
mt_builtin_for(mt_proto proto)
{
    return proto == MT_PROTO_SMTP ? builtin_smtp_handle : NULL;
}

static int
dissect_mailteach_smtp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return mt_dissect_session(tvb, pinfo, tree, data, MT_PROTO_SMTP);
}

/* ---- registration ---- */

static const enum_val_t language_vals[] = {
    { "en", "English", MT_LANG_EN },
    { "zh_CN", "Simplified Chinese (简体中文)", MT_LANG_ZH_CN },
    { "ja", "Japanese (日本語)", MT_LANG_JA },
    { NULL, NULL, 0 }
};

void
proto_register_mailteach(void)
{
    static hf_register_info hf[] = {
        { &hf_mt_line,
          { "Line", "mailteach.line", FT_STRING, BASE_NONE, NULL, 0x0,
            "One protocol line (or run of message text) that mailteach explains", HFILL } },
        { &hf_mt_request_in,
          { "Answers the command in frame", "mailteach.request_in", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame holding the command this reply answers", HFILL } },
        { &hf_mt_response_in,
          { "Answered in frame", "mailteach.response_in", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
            "The frame holding the reply that completes the answer to this command", HFILL } },
        { &hf_mt_explanation,
          { "Explanation", "mailteach.explanation", FT_STRING, BASE_NONE, NULL, 0x0,
            "What this line or part of a line means, in the chosen language", HFILL } },
        { &hf_mt_rfc,
          { "Reference", "mailteach.rfc", FT_STRING, BASE_NONE, NULL, 0x0,
            "The RFC section that defines it", HFILL } },
        { &hf_mt_stage,
          { "Stage", "mailteach.stage", FT_STRING, BASE_NONE, NULL, 0x0,
            "Where the session stands after this line", HFILL } },
        { &hf_mt_next,
          { "Next", "mailteach.next", FT_STRING, BASE_NONE, NULL, 0x0,
            "What a correct peer does next", HFILL } },
        { &hf_mt_line_length,
          { "Line length", "mailteach.line.length", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Length of the line in octets, end of line included", HFILL } },
        { &hf_mt_line_eol,
          { "End of line", "mailteach.line.eol", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the line ends, when it does not end with CRLF", HFILL } },
        { &hf_mt_line_control,
          { "Control character", "mailteach.line.control", FT_UINT8, BASE_HEX, NULL, 0x0,
            "A control character inside the line, as sent", HFILL } },
        { &hf_mt_line_on_screen,
          { "As seen on screen", "mailteach.line.on_screen", FT_STRING, BASE_NONE, NULL, 0x0,
            "The line after applying backspace and delete, as a terminal showed it", HFILL } },
        { &hf_mt_auth_mechanism,
          { "SASL mechanism", "mailteach.auth.mechanism", FT_STRING, BASE_NONE, NULL, 0x0,
            "An authentication mechanism offered or chosen", HFILL } },
        { &hf_mt_auth_username,
          { "User name", "mailteach.auth.username", FT_STRING, BASE_NONE, NULL, 0x0,
            "The user name sent to log in", HFILL } },
        { &hf_mt_data_lines,
          { "Message lines here", "mailteach.data.lines", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Lines of message text in this run", HFILL } },
        { &hf_mt_data_line_number,
          { "Line number in the message", "mailteach.data.line_number", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Number, counted from 1, of the (first) message line here", HFILL } },
        { &hf_mt_data_total_lines,
          { "Message lines in all", "mailteach.data.total_lines", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Lines of message text before the end-of-data line", HFILL } },
        { &hf_mt_data_total_octets,
          { "Message size", "mailteach.data.total_octets", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Octets of message text as sent, before the end-of-data line", HFILL } },
        { &hf_mt_data_end,
          { "End of message", "mailteach.data.end", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "This line ends the message text", HFILL } },
        { &hf_mt_data_dot_stuffed,
          { "Dot-stuffed", "mailteach.data.dot_stuffed", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The sender doubled a leading dot on this line", HFILL } },
        { &hf_mt_data_header_end,
          { "End of header section", "mailteach.data.header_end", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The empty line between a message's header fields and its body", HFILL } },
        { &hf_mt_data_chunk,
          { "Counted octets", "mailteach.data.chunk", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Octets announced in advance (BDAT chunk, literal) found here", HFILL } },
        { &hf_mt_smtp_command,
          { "Command", "mailteach.smtp.command", FT_STRING, BASE_NONE, NULL, 0x0,
            "SMTP command verb, upper-cased", HFILL } },
        { &hf_mt_smtp_argument,
          { "Argument", "mailteach.smtp.command.argument", FT_STRING, BASE_NONE, NULL, 0x0,
            "What follows the SMTP command verb", HFILL } },
        { &hf_mt_smtp_hello_domain,
          { "Client name", "mailteach.smtp.hello.domain", FT_STRING, BASE_NONE, NULL, 0x0,
            "The domain or address literal the client gives in EHLO/HELO", HFILL } },
        { &hf_mt_smtp_mail_from,
          { "Envelope sender", "mailteach.smtp.mail.from", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reverse-path of MAIL FROM", HFILL } },
        { &hf_mt_smtp_rcpt_to,
          { "Envelope recipient", "mailteach.smtp.rcpt.to", FT_STRING, BASE_NONE, NULL, 0x0,
            "The forward-path of RCPT TO", HFILL } },
        { &hf_mt_smtp_parameter,
          { "Parameter", "mailteach.smtp.parameter", FT_STRING, BASE_NONE, NULL, 0x0,
            "An ESMTP parameter of MAIL FROM or RCPT TO", HFILL } },
        { &hf_mt_smtp_reply_code,
          { "Reply code", "mailteach.smtp.reply.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The three-digit SMTP reply code", HFILL } },
        { &hf_mt_smtp_reply_class,
          { "First digit", "mailteach.smtp.reply.class", FT_UINT8, BASE_DEC, NULL, 0x0,
            "What the first digit of the reply code says: done, send more, try later, failed", HFILL } },
        { &hf_mt_smtp_reply_category,
          { "Second digit", "mailteach.smtp.reply.category", FT_UINT8, BASE_DEC, NULL, 0x0,
            "What the reply is about: syntax, information, connection, mail system", HFILL } },
        { &hf_mt_smtp_reply_continues,
          { "Continues", "mailteach.smtp.reply.continues", FT_BOOLEAN, BASE_NONE, TFS(&tfs_continues), 0x0,
            "Whether more lines of this multi-line reply follow", HFILL } },
        { &hf_mt_smtp_reply_text,
          { "Text", "mailteach.smtp.reply.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The human-readable text of the reply line", HFILL } },
        { &hf_mt_smtp_enhanced,
          { "Enhanced status code", "mailteach.smtp.reply.enhanced", FT_STRING, BASE_NONE, NULL, 0x0,
            "RFC 3463 status code class.subject.detail", HFILL } },
        { &hf_mt_smtp_enh_class,
          { "Class", "mailteach.smtp.reply.enhanced.class", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Enhanced status class: 2 success, 4 persistent transient failure, 5 permanent failure", HFILL } },
        { &hf_mt_smtp_enh_subject,
          { "Subject", "mailteach.smtp.reply.enhanced.subject", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Enhanced status subject: what the status is about", HFILL } },
        { &hf_mt_smtp_enh_detail,
          { "Detail", "mailteach.smtp.reply.enhanced.detail", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Enhanced status detail within its subject", HFILL } },
        { &hf_mt_smtp_ehlo_keyword,
          { "Extension", "mailteach.smtp.ehlo.keyword", FT_STRING, BASE_NONE, NULL, 0x0,
            "An EHLO keyword: an extension the server supports", HFILL } },
        { &hf_mt_smtp_ehlo_param,
          { "Extension parameters", "mailteach.smtp.ehlo.parameter", FT_STRING, BASE_NONE, NULL, 0x0,
            "What follows an EHLO keyword", HFILL } },
        { &hf_mt_smtp_ehlo_size,
          { "Message size limit", "mailteach.smtp.ehlo.size_limit", FT_UINT64, BASE_DEC, NULL, 0x0,
            "The largest message the server accepts, in octets (SIZE extension)", HFILL } },
        { &hf_mt_smtp_bdat_size,
          { "Chunk size", "mailteach.smtp.bdat.size", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Octets that follow a BDAT command", HFILL } },
        { &hf_mt_smtp_bdat_last,
          { "Last chunk", "mailteach.smtp.bdat.last", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "BDAT ... LAST: the final chunk of the message", HFILL } },
    };

    static ei_register_info ei[] = {
        { &ei_mt[MT_A_BARE_LF], { "mailteach.line.eol.bare_lf", PI_PROTOCOL, PI_WARN,
          "Line ends with a bare LF", EXPFILL } },
        { &ei_mt[MT_A_LINE_TOO_LONG], { "mailteach.line.length.exceeded", PI_PROTOCOL, PI_WARN,
          "Line longer than the protocol allows", EXPFILL } },
        { &ei_mt[MT_A_NUL], { "mailteach.line.nul_byte", PI_PROTOCOL, PI_WARN,
          "NUL byte in a line", EXPFILL } },
        { &ei_mt[MT_A_CONTROL_CHAR], { "mailteach.line.control.present", PI_PROTOCOL, PI_NOTE,
          "Control character in a line", EXPFILL } },
        { &ei_mt[MT_A_MIDSESSION], { "mailteach.capture.mid_session", PI_SEQUENCE, PI_NOTE,
          "Capture starts in the middle of a session", EXPFILL } },
        { &ei_mt[MT_A_UNSOLICITED_REPLY], { "mailteach.reply.unsolicited", PI_SEQUENCE, PI_WARN,
          "Reply with no command waiting for it", EXPFILL } },
        { &ei_mt[MT_A_SMTP_UNKNOWN_COMMAND], { "mailteach.smtp.command.unknown", PI_PROTOCOL, PI_WARN,
          "Unknown SMTP command", EXPFILL } },
        { &ei_mt[MT_A_SMTP_UNKNOWN_REPLY], { "mailteach.smtp.reply.code.unknown", PI_PROTOCOL, PI_NOTE,
          "Reply code not in any standard", EXPFILL } },
        { &ei_mt[MT_A_SMTP_BAD_REPLY], { "mailteach.smtp.reply.invalid", PI_PROTOCOL, PI_WARN,
          "Not a valid SMTP reply line", EXPFILL } },
        { &ei_mt[MT_A_SMTP_MULTILINE_MISMATCH], { "mailteach.smtp.reply.code.inconsistent", PI_PROTOCOL, PI_WARN,
          "Lines of one reply carry different codes", EXPFILL } },
        { &ei_mt[MT_A_SMTP_ENH_MISMATCH], { "mailteach.smtp.reply.enhanced.inconsistent", PI_PROTOCOL, PI_WARN,
          "Enhanced status class differs from the reply code", EXPFILL } },
        { &ei_mt[MT_A_SMTP_BEFORE_GREETING], { "mailteach.smtp.sequence.before_greeting", PI_SEQUENCE, PI_WARN,
          "Client spoke before the greeting", EXPFILL } },
        { &ei_mt[MT_A_SMTP_NO_HELLO], { "mailteach.smtp.sequence.no_hello", PI_SEQUENCE, PI_WARN,
          "Command before EHLO/HELO", EXPFILL } },
        { &ei_mt[MT_A_SMTP_RCPT_BEFORE_MAIL], { "mailteach.smtp.sequence.rcpt_before_mail", PI_SEQUENCE, PI_WARN,
          "RCPT before MAIL", EXPFILL } },
        { &ei_mt[MT_A_SMTP_DATA_BEFORE_RCPT], { "mailteach.smtp.sequence.data_before_rcpt", PI_SEQUENCE, PI_WARN,
          "DATA before RCPT", EXPFILL } },
        { &ei_mt[MT_A_SMTP_NESTED_MAIL], { "mailteach.smtp.sequence.nested_mail", PI_SEQUENCE, PI_WARN,
          "MAIL inside an open transaction", EXPFILL } },
        { &ei_mt[MT_A_SMTP_AFTER_QUIT], { "mailteach.smtp.sequence.after_quit", PI_SEQUENCE, PI_WARN,
          "Data after QUIT", EXPFILL } },
        { &ei_mt[MT_A_SMTP_EHLO_AFTER_TLS], { "mailteach.smtp.sequence.ehlo_after_tls", PI_SEQUENCE, PI_WARN,
          "No EHLO after STARTTLS", EXPFILL } },
        { &ei_mt[MT_A_SMTP_NOT_OFFERED], { "mailteach.smtp.extension.not_offered", PI_PROTOCOL, PI_WARN,
          "Extension used but not offered", EXPFILL } },
        { &ei_mt[MT_A_SMTP_PIPELINING_NOT_OFFERED], { "mailteach.smtp.pipelining.not_offered", PI_SEQUENCE, PI_WARN,
          "Pipelining without PIPELINING", EXPFILL } },
        { &ei_mt[MT_A_SMTP_TEXT_BEFORE_354], { "mailteach.smtp.sequence.text_before_354", PI_SEQUENCE, PI_WARN,
          "Message text before 354", EXPFILL } },
        { &ei_mt[MT_A_SMTP_UNEXPECTED_ARGUMENT], { "mailteach.smtp.command.argument.unexpected", PI_PROTOCOL, PI_NOTE,
          "Command takes no argument", EXPFILL } },
        { &ei_mt[MT_A_SMTP_MISSING_ARGUMENT], { "mailteach.smtp.command.argument.missing", PI_PROTOCOL, PI_WARN,
          "Command argument missing", EXPFILL } },
        { &ei_mt[MT_A_SMTP_BAD_PATH], { "mailteach.smtp.path.invalid", PI_PROTOCOL, PI_NOTE,
          "Address not in angle brackets", EXPFILL } },
        { &ei_mt[MT_A_SMTP_DOT_NOT_STUFFED], { "mailteach.smtp.data.dot_not_stuffed", PI_PROTOCOL, PI_NOTE,
          "Leading dot not doubled", EXPFILL } },
        { &ei_mt[MT_A_SMTP_PERMANENT_FAILURE], { "mailteach.smtp.reply.failure.permanent", PI_RESPONSE_CODE, PI_NOTE,
          "Permanent failure (5xx)", EXPFILL } },
        { &ei_mt[MT_A_SMTP_TRANSIENT_FAILURE], { "mailteach.smtp.reply.failure.transient", PI_RESPONSE_CODE, PI_NOTE,
          "Temporary failure (4xx)", EXPFILL } },
        { &ei_mt[MT_A_SMTP_CLOSING], { "mailteach.smtp.reply.closing", PI_RESPONSE_CODE, PI_NOTE,
          "Server closing the connection (421)", EXPFILL } },
    };

    static gint *ett[2 + MT_F_COUNT];
    module_t *module;
    expert_module_t *expert;
    guint i;

    proto_mailteach = proto_register_protocol("Mail Teaching Annotations", "mailteach", "mailteach");

    build_value_strings();
    for (i = 0; i < G_N_ELEMENTS(hf); i++) {
        if (hf[i].p_id == &hf_mt_smtp_reply_code)
            hf[i].hfinfo.strings = VALS(vs_reply_code);
        else if (hf[i].p_id == &hf_mt_smtp_reply_class)
            hf[i].hfinfo.strings = VALS(vs_reply_class);
        else if (hf[i].p_id == &hf_mt_smtp_reply_category)
            hf[i].hfinfo.strings = VALS(vs_reply_category);
        else if (hf[i].p_id == &hf_mt_smtp_enh_class)
            hf[i].hfinfo.strings = VALS(vs_enh_class);
        else if (hf[i].p_id == &hf_mt_smtp_enh_subject)
            hf[i].hfinfo.strings = VALS(vs_enh_subject);
    }
    proto_register_field_array(proto_mailteach, hf, array_length(hf));

    ett[0] = &ett_mailteach;
    ett[1] = &ett_mt_line;
    for (i = 0; i < MT_F_COUNT; i++) {
        ett_mt_field[i] = -1;
        ett[2 + i] = &ett_mt_field[i];
    }
    proto_register_subtree_array(ett, array_length(ett));

    expert = expert_register_protocol(proto_mailteach);
    expert_register_field_array(expert, ei, array_length(ei));

    module = prefs_register_protocol(proto_mailteach, mt_apply_ports);
    prefs_register_enum_preference(module, "language", "Language of the explanations",
        "Language of explanations, stages and next steps. Texts not yet translated are shown in English.",
        &mt_prefs.language, language_vals, FALSE);
    prefs_register_bool_preference(module, "standard_ports",
        "Annotate on the standard mail ports",
        "Register on the SMTP ports below, calling Wireshark's own SMTP dissector first and adding "
        "mailteach's subtree beside it. Off: only Wireshark's own dissection runs there "
        "(the heuristic still finds mail on other ports).",
        &mt_prefs.takeover);
    range_convert_str(wmem_epan_scope(), &mt_prefs.smtp_ports, MT_SMTP_PORTS, 65535);
    prefs_register_range_preference(module, "smtp_ports", "SMTP ports",
        "TCP ports of plain SMTP sessions (default " MT_SMTP_PORTS ")",
        &mt_prefs.smtp_ports, 65535);
    range_convert_str(wmem_epan_scope(), &mt_prefs.smtp_tls_ports, MT_SMTP_TLS_PORTS, 65535);
    prefs_register_range_preference(module, "smtp_tls_ports", "SMTP over TLS ports",
        "TCP ports of SMTP inside TLS from the first byte, decrypted when TLS keys are given "
        "(default " MT_SMTP_TLS_PORTS ")",
        &mt_prefs.smtp_tls_ports, 65535);

    mt_smtp_handle = register_dissector_with_description("mailteach.smtp",
        "SMTP with mailteach annotations", dissect_mailteach_smtp, proto_mailteach);

    register_init_routine(mt_init);
    mt_conv_register();
}

void
proto_reg_handoff_mailteach(void)
{
    builtin_smtp_handle = find_dissector_add_dependency("smtp", proto_mailteach);
    mt_tls_handle = find_dissector("tls");
    dissector_add_for_decode_as("tcp.port", mt_smtp_handle);
    heur_dissector_add("tcp", mt_dissect_heur, "Mail sessions on any port (mailteach)",
                       "mailteach_tcp", proto_mailteach, HEURISTIC_ENABLE);
    mt_apply_ports();
}

void
plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_mailteach;
    plug.register_handoff = proto_reg_handoff_mailteach;
    proto_register_plugin(&plug);
}
