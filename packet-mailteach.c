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
 * This file registers the protocol and its preferences, and is the only
 * one that calls the parts' registration: mt_tree_register() (fields,
 * subtrees, expert infos), mt_conv_register() and mt_conv_handoff()
 * (handles, heuristic, per-capture state), mt_walk_register() (the tap,
 * the walkthrough, the flow graph and the statistics). Nothing calls back into it
 * (plugin/mt_epan.h).
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
#include <epan/prefs.h>
#include <epan/dissectors/packet-tls.h>

#include "plugin/mt_compat.h"
#include "plugin/mt_epan.h"
#include "plugin/core/mt_mime.h"
#include "plugin/core/mt_text.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

MT_PLUGIN_EXPORTS(VERSION)

static int proto_mailteach = -1;
static mt_prefs_t mt_prefs = { MT_PREF_LANG_AUTO, TRUE, FALSE, TRUE, FALSE, MT_LANG_EN,
                               MT_DEFAULT_SESSION_BUDGET_MIB, MT_DEFAULT_CAPTURE_BUDGET_MIB };
/* How far a message is read (mt_mime.h): nesting, parts, decoded octets. */
static guint mime_max_depth = MT_MIME_DEFAULT_DEPTH;
static guint mime_max_parts = MT_MIME_DEFAULT_PARTS;
static guint mime_max_decoded_kib = MT_MIME_DEFAULT_DECODED / 1024;

/* The message readers made from now on use these (0: the default). */
static void
mt_apply_mime_limits(void)
{
    mt_mime_limits lim;

    lim.max_depth = mime_max_depth;
    lim.max_parts = mime_max_parts;
    lim.max_decoded = mime_max_decoded_kib > 65536 ? 64u * 1024u * 1024u : mime_max_decoded_kib * 1024u;
    mt_mime_set_limits(&lim);
}

/* The ports of each protocol: preferences, and where mailteach's handle
 * (made by mt_conv.c) is registered now. */
typedef struct {
    mt_proto     proto;
    const char  *pref;              /* "smtp": preferences smtp_ports, smtp_tls_ports */
    const char  *title;
    const char  *default_ports;     /* plain, STARTTLS possible */
    const char  *default_tls_ports; /* TLS from the first byte */
    range_t     *ports;             /* preference values */
    range_t     *tls_ports;
    range_t     *active_ports;      /* where mailteach is registered now */
    range_t     *active_tls_ports;
} mt_proto_reg;

static mt_proto_reg protos[] = {
    { MT_PROTO_SMTP, "smtp", "SMTP", "25,587", "465", NULL, NULL, NULL, NULL },
    { MT_PROTO_POP3, "pop3", "POP3", "110", "995", NULL, NULL, NULL, NULL },
    { MT_PROTO_IMAP, "imap", "IMAP", "143", "993", NULL, NULL, NULL, NULL },
};

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

    mt_apply_mime_limits();

    for (i = 0; i < G_N_ELEMENTS(protos); i++) {
        mt_proto_reg *r = &protos[i];
        dissector_handle_t handle = mt_conv_handle(r->proto);
        dissector_handle_t builtin_handle = mt_conv_builtin(r->proto);

        if (r->active_ports) {
            range_foreach(r->active_ports, delete_port, NULL);
            if (builtin_handle)
                range_foreach(r->active_ports, add_port, builtin_handle);
            wmem_free(wmem_epan_scope(), r->active_ports);
            r->active_ports = NULL;
        }
        if (r->active_tls_ports) {
            range_foreach(r->active_tls_ports, delete_tls_port, handle);
            if (builtin_handle)
                range_foreach(r->active_tls_ports, add_tls_port, builtin_handle);
            wmem_free(wmem_epan_scope(), r->active_tls_ports);
            r->active_tls_ports = NULL;
        }
        if (!mt_prefs.takeover || builtin_handle == NULL || handle == NULL)
            continue;
        r->active_ports = range_copy(wmem_epan_scope(), r->ports);
        range_foreach(r->active_ports, add_port, handle);
        r->active_tls_ports = range_copy(wmem_epan_scope(), r->tls_ports);
        range_foreach(r->active_tls_ports, add_tls_port, handle);
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
            range_foreach(protos[i].active_ports, reassert_port, mt_conv_handle(protos[i].proto));
    }
}

/* ---- registration ---- */

static const enum_val_t language_vals[] = {
    { "auto", "As the user's locale (LC_ALL, LC_MESSAGES, LANG)", MT_PREF_LANG_AUTO },
    { "en", "English", MT_LANG_EN },
    { "zh_CN", "Simplified Chinese (简体中文)", MT_LANG_ZH_CN },
    { "ja", "Japanese (日本語)", MT_LANG_JA },
    { NULL, NULL, 0 }
};

void
proto_register_mailteach(void)
{
    module_t *module;
    guint i;

    proto_mailteach = proto_register_protocol("Mail Teaching Annotations", "mailteach", "mailteach");
    mt_tree_register(proto_mailteach, &mt_prefs);

    module = prefs_register_protocol(proto_mailteach, mt_apply_ports);
    prefs_register_enum_preference(module, "language", "Language of the explanations",
        "Language of explanations, meanings, stages, next steps and expert messages: auto (the "
        "locale's language: LC_ALL, LC_MESSAGES, LANG; English where it is none of these), en, zh_CN "
        "or ja. Field names, filter names and preference names stay English.",
        &mt_prefs.language, language_vals, FALSE);
    /* the locale does not change while Wireshark runs */
    mt_prefs.locale_lang = mt_lang_from_locale();
    prefs_register_bool_preference(module, "standard_ports",
        "Annotate on the standard mail ports",
        "Register on the SMTP, POP3 and IMAP ports below, calling Wireshark's own dissector first "
        "and adding mailteach's subtree beside it. Off: only Wireshark's own dissection runs there "
        "(the heuristic still finds mail on other ports).",
        &mt_prefs.takeover);
    prefs_register_bool_preference(module, "redact_secrets",
        "Hide passwords, tokens and digests",
        "Show every password, bearer token and digest that mailteach decodes (in its tree, its "
        "fields and its decoded data) as \"•••• (N characters)\", for "
        "projecting a capture in a classroom. User names stay. Wireshark's own SMTP, POP and IMAP "
        "trees and the frame's bytes still show what was sent.",
        &mt_prefs.redact);
    prefs_register_uint_preference(module, "mime_max_depth", "Message: nesting levels followed",
        "How deep mailteach follows multiparts and message/rfc822 parts inside a message; deeper parts "
        "are counted as body text and flagged (0: the default, 16)",
        10, &mime_max_depth);
    prefs_register_uint_preference(module, "mime_max_parts", "Message: parts followed",
        "How many MIME parts of one message mailteach explains; the rest are counted as body text and "
        "flagged (0: the default, 256)",
        10, &mime_max_parts);
    prefs_register_uint_preference(module, "mime_max_decoded_kib", "Message: decoded KiB kept per part",
        "How many KiB of a part's decoded body (Base64, quoted-printable, text in UTF-8) are kept to "
        "show as a data source; the size is counted in full (0: the default, 1024)",
        10, &mime_max_decoded_kib);
    mt_apply_mime_limits();
    prefs_register_uint_preference(module, "session_budget_mib", "Memory budget per session (MiB)",
        "How much memory mailteach keeps for one session's explanations, so that clicking on a frame "
        "or a second pass shows them again. Past it, mailteach says so once (expert info "
        "mailteach.budget.session) and only counts the session's later lines (0: no limit; default 8, "
        "about 20,000 short lines)",
        10, &mt_prefs.session_budget_mib);
    prefs_register_uint_preference(module, "capture_budget_mib", "Memory budget per capture (MiB)",
        "How much memory mailteach keeps for the explanations of the whole capture; it also keeps at "
        "most 1 MiB plus 128 bytes per byte of mail the capture carries. Past it, "
        "mailteach says so once in each session (expert info mailteach.budget.capture) and only counts "
        "the lines (0: no limit; default 256)",
        10, &mt_prefs.capture_budget_mib);
    prefs_register_bool_preference(module, "teaching_notes",
        "Teaching notes as expert infos",
        "Add each line's short meaning as an expert info of severity Chat, so that Analyze > Expert "
        "Information steps through the session line by line.",
        &mt_prefs.teaching_notes);
    prefs_register_bool_preference(module, "info_meaning",
        "Meaning in the Info column",
        "Append each line's short meaning to the Info column in brackets, "
        "e.g. \"S: 334 VXNlcm5hbWU6 [ask for the user name (Base64)]\".",
        &mt_prefs.info_meaning);
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
    }

    register_init_routine(mt_init);
    mt_conv_register(proto_mailteach, &mt_prefs);
    mt_walk_register(proto_mailteach, &mt_prefs);
}

void
proto_reg_handoff_mailteach(void)
{
    mt_conv_handoff();
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
