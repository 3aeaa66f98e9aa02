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

int proto_mailteach = -1;
mt_prefs_t mt_prefs = { MT_LANG_EN, TRUE };
dissector_handle_t mt_tls_handle;

static int dissect_mailteach_smtp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
static int dissect_mailteach_pop3(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
static int dissect_mailteach_imap(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);

/* What mailteach registers for each protocol. */
typedef struct {
    mt_proto     proto;
    const char  *builtin;           /* Wireshark's own dissector */
    const char  *handle_name;
    const char  *description;
    dissector_t  dissect;
    const char  *pref;              /* "smtp": preferences smtp_ports, smtp_tls_ports */
    const char  *title;
    const char  *default_ports;     /* plain, STARTTLS possible */
    const char  *default_tls_ports; /* TLS from the first byte */
    dissector_handle_t handle;
    dissector_handle_t builtin_handle;
    range_t     *ports;             /* preference values */
    range_t     *tls_ports;
    range_t     *active_ports;      /* where mailteach is registered now */
    range_t     *active_tls_ports;
} mt_proto_reg;

static mt_proto_reg protos[] = {
    { MT_PROTO_SMTP, "smtp", "mailteach.smtp", "SMTP with mailteach annotations",
      dissect_mailteach_smtp, "smtp", "SMTP", "25,587", "465",
      NULL, NULL, NULL, NULL, NULL, NULL },
    { MT_PROTO_POP3, "pop", "mailteach.pop3", "POP3 with mailteach annotations",
      dissect_mailteach_pop3, "pop3", "POP3", "110", "995",
      NULL, NULL, NULL, NULL, NULL, NULL },
    { MT_PROTO_IMAP, "imap", "mailteach.imap", "IMAP with mailteach annotations",
      dissect_mailteach_imap, "imap", "IMAP", "143", "993",
      NULL, NULL, NULL, NULL, NULL, NULL },
};

static mt_proto_reg *
reg_for(mt_proto proto)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(protos); i++) {
        if (protos[i].proto == proto)
            return &protos[i];
    }
    return NULL;
}

/* ---- fields ---- */

int hf_mt_protocol = -1;
int hf_mt_line = -1;
int hf_mt_request_in = -1;
int hf_mt_response_in = -1;
/* One per row of the core's mt_fields*.def, indexed by mt_field. */
static int hf_mt_field[MT_F_COUNT];

int
mt_hf_for_field(mt_field f)
{
    return (unsigned)f < MT_F_COUNT && f != MT_F_NONE ? hf_mt_field[f] : -1;
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

/* ---- expert infos, one per row of the core's mt_anomalies*.def ---- */

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
    guint i;

    for (i = 0; i < G_N_ELEMENTS(protos); i++) {
        mt_proto_reg *r = &protos[i];

        if (r->active_ports) {
            range_foreach(r->active_ports, delete_port, NULL);
            if (r->builtin_handle)
                range_foreach(r->active_ports, add_port, r->builtin_handle);
            wmem_free(wmem_epan_scope(), r->active_ports);
            r->active_ports = NULL;
        }
        if (r->active_tls_ports) {
            range_foreach(r->active_tls_ports, delete_tls_port, r->handle);
            if (r->builtin_handle)
                range_foreach(r->active_tls_ports, add_tls_port, r->builtin_handle);
            wmem_free(wmem_epan_scope(), r->active_tls_ports);
            r->active_tls_ports = NULL;
        }
        if (!mt_prefs.takeover || r->builtin_handle == NULL || r->handle == NULL)
            continue;
        r->active_ports = range_copy(wmem_epan_scope(), r->ports);
        range_foreach(r->active_ports, add_port, r->handle);
        r->active_tls_ports = range_copy(wmem_epan_scope(), r->tls_ports);
        range_foreach(r->active_tls_ports, add_tls_port, r->handle);
    }
}

/* The built-in dissectors register themselves again when a user edits
 * their port preference; before each capture is dissected, take the
 * ports back. */
static void
reassert_port(guint32 port, gpointer handle)
{
    if (dissector_get_uint_handle(find_dissector_table("tcp.port"), port) != handle)
        dissector_add_uint("tcp.port", port, (dissector_handle_t)handle);
}

static void
mt_init(void)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(protos); i++) {
        if (mt_prefs.takeover && protos[i].active_ports)
            range_foreach(protos[i].active_ports, reassert_port, protos[i].handle);
    }
}

/* ---- handles ---- */

dissector_handle_t
mt_handle_for(mt_proto proto)
{
    mt_proto_reg *r = reg_for(proto);
    return r ? r->handle : NULL;
}

dissector_handle_t
mt_builtin_for(mt_proto proto)
{
    mt_proto_reg *r = reg_for(proto);
    return r ? r->builtin_handle : NULL;
}

static int
dissect_mailteach_smtp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return mt_dissect_session(tvb, pinfo, tree, data, MT_PROTO_SMTP);
}

static int
dissect_mailteach_pop3(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return mt_dissect_session(tvb, pinfo, tree, data, MT_PROTO_POP3);
}

static int
dissect_mailteach_imap(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    return mt_dissect_session(tvb, pinfo, tree, data, MT_PROTO_IMAP);
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
        { &hf_mt_protocol,
          { "Protocol", "mailteach.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "The mail protocol explained here: SMTP, POP3 or IMAP", HFILL } },
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
#define MT_FIELD(id, abbrev, name, type, base, blurb) \
        { &hf_mt_field[id], { name, abbrev, type, base, NULL, 0x0, blurb, HFILL } },
#include "plugin/core/mt_fields.def"
#include "plugin/core/mt_fields_pop3.def"
#include "plugin/core/mt_fields_imap.def"
#undef MT_FIELD
    };

    /* the expert summary is the English text of the message */
#undef MT_T
#undef MT_T3
#define MT_T(en) en
#define MT_T3(en, zh, ja) en
    static ei_register_info ei[] = {
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) \
        { &ei_mt[id], { abbrev, group, severity, text, EXPFILL } },
#include "plugin/core/mt_anomalies.def"
#include "plugin/core/mt_anomalies_pop3.def"
#include "plugin/core/mt_anomalies_imap.def"
#undef MT_ANOMALY
    };
#undef MT_T
#undef MT_T3

    static gint *ett[2 + MT_F_COUNT];
    module_t *module;
    expert_module_t *expert;
    guint i;

    proto_mailteach = proto_register_protocol("Mail Teaching Annotations", "mailteach", "mailteach");

    for (i = 0; i < MT_F_COUNT; i++)
        hf_mt_field[i] = -1;
    build_value_strings();
    for (i = 0; i < G_N_ELEMENTS(hf); i++) {
        if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CODE])
            hf[i].hfinfo.strings = VALS(vs_reply_code);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CLASS])
            hf[i].hfinfo.strings = VALS(vs_reply_class);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CATEGORY])
            hf[i].hfinfo.strings = VALS(vs_reply_category);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_ENH_CLASS])
            hf[i].hfinfo.strings = VALS(vs_enh_class);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_ENH_SUBJECT])
            hf[i].hfinfo.strings = VALS(vs_enh_subject);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CONTINUES])
            hf[i].hfinfo.strings = TFS(&tfs_continues);
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
        "Register on the SMTP, POP3 and IMAP ports below, calling Wireshark's own dissector first "
        "and adding mailteach's subtree beside it. Off: only Wireshark's own dissection runs there "
        "(the heuristic still finds mail on other ports).",
        &mt_prefs.takeover);
    for (i = 0; i < G_N_ELEMENTS(protos); i++) {
        mt_proto_reg *r = &protos[i];

        range_convert_str(wmem_epan_scope(), &r->ports, r->default_ports, 65535);
        prefs_register_range_preference(module, wmem_strdup_printf(wmem_epan_scope(), "%s_ports", r->pref),
            wmem_strdup_printf(wmem_epan_scope(), "%s ports", r->title),
            wmem_strdup_printf(wmem_epan_scope(),
                "TCP ports of plain %s sessions (STARTTLS possible); default %s", r->title, r->default_ports),
            &r->ports, 65535);
        range_convert_str(wmem_epan_scope(), &r->tls_ports, r->default_tls_ports, 65535);
        prefs_register_range_preference(module, wmem_strdup_printf(wmem_epan_scope(), "%s_tls_ports", r->pref),
            wmem_strdup_printf(wmem_epan_scope(), "%s over TLS ports", r->title),
            wmem_strdup_printf(wmem_epan_scope(),
                "TCP ports of %s inside TLS from the first byte, annotated when TLS keys are given; default %s",
                r->title, r->default_tls_ports),
            &r->tls_ports, 65535);
        r->handle = register_dissector_with_description(r->handle_name, r->description, r->dissect,
                                                        proto_mailteach);
    }

    register_init_routine(mt_init);
    mt_conv_register();
}

void
proto_reg_handoff_mailteach(void)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(protos); i++) {
        protos[i].builtin_handle = find_dissector_add_dependency(protos[i].builtin, proto_mailteach);
        dissector_add_for_decode_as("tcp.port", protos[i].handle);
    }
    mt_tls_handle = find_dissector("tls");
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
