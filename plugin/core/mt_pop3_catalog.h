/* mt_pop3_catalog.h - what mailteach knows about POP3
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Knowledge only: commands (RFC 1939, 2449, 2595, 5034, 6856), what +OK
 * and -ERR mean for each command, the CAPA capabilities and the extended
 * response codes ([IN-USE], [SYS/TEMP] ...). Every row cites its RFC
 * section. The session machine (mt_pop3.c) decides which row applies.
 */
#ifndef MT_POP3_CATALOG_H
#define MT_POP3_CATALOG_H

#include <glib.h>

#include "mt_text.h"

typedef enum {
    MT_POP3_CMD_UNKNOWN = 0,
    MT_POP3_CMD_USER,
    MT_POP3_CMD_PASS,
    MT_POP3_CMD_APOP,
    MT_POP3_CMD_STAT,
    MT_POP3_CMD_LIST,
    MT_POP3_CMD_RETR,
    MT_POP3_CMD_DELE,
    MT_POP3_CMD_NOOP,
    MT_POP3_CMD_RSET,
    MT_POP3_CMD_QUIT,
    MT_POP3_CMD_TOP,
    MT_POP3_CMD_UIDL,
    MT_POP3_CMD_CAPA,
    MT_POP3_CMD_STLS,
    MT_POP3_CMD_AUTH,
    MT_POP3_CMD_UTF8,       /* RFC 6856 */
    MT_POP3_CMD_LANG,       /* RFC 6856 */
    /* Not keywords: what else a response can answer. */
    MT_POP3_CMD_CONNECT,    /* the TCP connection: the greeting answers it */
    MT_POP3_CMD_SASL,       /* a client line answering a "+ " challenge */
    MT_POP3_CMD_COUNT
} mt_pop3_cmd;

/* The states a command is valid in (RFC 1939 §3). */
#define MT_POP3_IN_AUTHORIZATION 0x01u
#define MT_POP3_IN_TRANSACTION   0x02u
#define MT_POP3_IN_BOTH          (MT_POP3_IN_AUTHORIZATION | MT_POP3_IN_TRANSACTION)

/* What follows the keyword. */
typedef enum {
    MT_POP3_ARG_NONE = 0,   /* STAT, NOOP, RSET, QUIT, CAPA, STLS, UTF8 */
    MT_POP3_ARG_MSG,        /* one message number: RETR, DELE */
    MT_POP3_ARG_OPT_MSG,    /* an optional message number: LIST, UIDL */
    MT_POP3_ARG_TOP,        /* message number and line count */
    MT_POP3_ARG_NAME,       /* a user name: USER */
    MT_POP3_ARG_TEXT,       /* the rest of the line, spaces included: PASS */
    MT_POP3_ARG_APOP,       /* name and digest */
    MT_POP3_ARG_MECH,       /* [mechanism [initial-response]]: AUTH */
    MT_POP3_ARG_OPT_TEXT    /* an optional word: LANG */
} mt_pop3_arg;

/* Capabilities mailteach tracks, to check later commands against them. */
#define MT_POP3_CAP_TOP            0x0001u
#define MT_POP3_CAP_USER           0x0002u
#define MT_POP3_CAP_SASL           0x0004u
#define MT_POP3_CAP_RESP_CODES     0x0008u
#define MT_POP3_CAP_LOGIN_DELAY    0x0010u
#define MT_POP3_CAP_PIPELINING     0x0020u
#define MT_POP3_CAP_EXPIRE         0x0040u
#define MT_POP3_CAP_UIDL           0x0080u
#define MT_POP3_CAP_IMPLEMENTATION 0x0100u
#define MT_POP3_CAP_STLS           0x0200u
#define MT_POP3_CAP_AUTH_RESP_CODE 0x0400u
#define MT_POP3_CAP_UTF8           0x0800u
#define MT_POP3_CAP_LANG           0x1000u

typedef struct {
    mt_pop3_cmd id;
    const char *keyword;        /* upper case; for pseudo commands a label */
    const char *syntax;         /* "TOP msg n" */
    const char *rfc;            /* "RFC 1939 §7" */
    guint8      states;         /* MT_POP3_IN_* */
    mt_pop3_arg args;
    guint32     needs;          /* MT_POP3_CAP_* that announces it, or 0 */
    mt_text     name;           /* "Download a message" */
    mt_text     summary;        /* "download message {1}": {1}, {2} are arguments */
    mt_text     explanation;    /* what it is for and what it asks */
    mt_text     next;           /* what the server does next */
} mt_pop3_command_info;

/* Which form of a command a response context is about. */
typedef enum {
    MT_POP3_V_ANY = 0,
    MT_POP3_V_ARG,              /* LIST 1, UIDL 2, AUTH PLAIN, LANG ja */
    MT_POP3_V_NOARG,            /* LIST, UIDL, AUTH, LANG */
    MT_POP3_V_AFTER_LOGIN,      /* QUIT in the TRANSACTION state; STLS after login */
    MT_POP3_V_BEFORE_LOGIN,     /* QUIT in the AUTHORIZATION state */
    MT_POP3_V_CANCEL,           /* a SASL answer "*": the client cancels */
    MT_POP3_V_NOTHING_MARKED    /* QUIT after login, no message marked (or RSET) */
} mt_pop3_variant;

/* What +OK or -ERR means for the command it answers. */
typedef struct {
    mt_pop3_cmd     cmd;
    gboolean        ok;         /* +OK (TRUE) or -ERR (FALSE) */
    mt_pop3_variant variant;
    const char     *rfc;        /* NULL: the command's own */
    mt_text         summary;    /* "logged in" */
    mt_text         meaning;
} mt_pop3_response_context;

/* How mailteach reads a capability's parameters. */
typedef enum {
    MT_POP3_CAPA_PARAM_NONE = 0,
    MT_POP3_CAPA_PARAM_MECHS,   /* SASL mechanism names */
    MT_POP3_CAPA_PARAM_SECONDS, /* LOGIN-DELAY n [USER] */
    MT_POP3_CAPA_PARAM_DAYS,    /* EXPIRE n|NEVER [USER] */
    MT_POP3_CAPA_PARAM_TEXT,    /* free text: IMPLEMENTATION */
    MT_POP3_CAPA_PARAM_UTF8     /* [USER]: UTF-8 user names too (RFC 6856 §2.2) */
} mt_pop3_capa_param;

typedef struct {
    const char        *tag;     /* upper case, as in CAPA responses */
    guint32            flag;    /* MT_POP3_CAP_* */
    mt_pop3_capa_param param;
    const char        *rfc;
    mt_text            name;
    mt_text            explanation;
} mt_pop3_capa_info;

/* Extended response codes, "-ERR [IN-USE] ..." (RFC 2449 §8). */
typedef struct {
    const char *code;           /* upper case, "SYS/TEMP" */
    const char *rfc;
    mt_text     name;
    mt_text     explanation;
} mt_pop3_resp_code_info;

/* Lookups. Keyword, tag and code lookups are ASCII case-insensitive and
 * take a length; they return NULL when unknown. */
const mt_pop3_command_info *mt_pop3_command_lookup(const guint8 *keyword, gsize len);
const mt_pop3_command_info *mt_pop3_command_get(mt_pop3_cmd id);
/* The meaning for this form of the command, else for any form; NULL if
 * the catalog has none. */
const mt_pop3_response_context *mt_pop3_response_context_lookup(mt_pop3_cmd cmd, gboolean ok,
                                                                mt_pop3_variant variant);
const mt_pop3_capa_info *mt_pop3_capa_lookup(const guint8 *tag, gsize len);
/* A hierarchical code ("SYS/TEMP") that is not known as a whole is looked
 * up by its first part ("SYS"). */
const mt_pop3_resp_code_info *mt_pop3_resp_code_lookup(const guint8 *code, gsize len);

/* Whole tables, for tests and documentation. */
const mt_pop3_command_info     *mt_pop3_commands(gsize *n);
const mt_pop3_response_context *mt_pop3_response_contexts(gsize *n);
const mt_pop3_capa_info        *mt_pop3_capabilities(gsize *n);
const mt_pop3_resp_code_info   *mt_pop3_resp_codes(gsize *n);

#endif /* MT_POP3_CATALOG_H */
