/* mt_smtp_catalog.h - what mailteach knows about SMTP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Knowledge only: commands, reply codes, what a reply means for the command
 * it answers, enhanced status codes (RFC 3463 and the IANA registry), EHLO
 * extension keywords and MAIL/RCPT parameters. Every row cites its RFC.
 * The session machine (mt_smtp.c) decides which row applies.
 */
#ifndef MT_SMTP_CATALOG_H
#define MT_SMTP_CATALOG_H

#include <glib.h>

#include "mt_text.h"

typedef enum {
    MT_SMTP_CMD_UNKNOWN = 0,
    MT_SMTP_CMD_HELO,
    MT_SMTP_CMD_EHLO,
    MT_SMTP_CMD_MAIL,
    MT_SMTP_CMD_RCPT,
    MT_SMTP_CMD_DATA,
    MT_SMTP_CMD_RSET,
    MT_SMTP_CMD_VRFY,
    MT_SMTP_CMD_EXPN,
    MT_SMTP_CMD_HELP,
    MT_SMTP_CMD_NOOP,
    MT_SMTP_CMD_QUIT,
    MT_SMTP_CMD_AUTH,
    MT_SMTP_CMD_STARTTLS,
    MT_SMTP_CMD_BDAT,
    MT_SMTP_CMD_ETRN,
    MT_SMTP_CMD_ATRN,       /* RFC 2645 */
    MT_SMTP_CMD_TURN,       /* RFC 821, obsolete */
    MT_SMTP_CMD_SEND,       /* RFC 821, obsolete */
    MT_SMTP_CMD_SOML,       /* RFC 821, obsolete */
    MT_SMTP_CMD_SAML,       /* RFC 821, obsolete */
    MT_SMTP_CMD_LHLO,       /* RFC 2033, LMTP */
    /* Not verbs: what else a reply can answer. */
    MT_SMTP_CMD_CONNECT,    /* the TCP connection: the greeting answers it */
    MT_SMTP_CMD_DATA_END,   /* the "." line ending the message */
    MT_SMTP_CMD_SASL,       /* a client line answering a 334 challenge */
    MT_SMTP_CMD_COUNT
} mt_smtp_cmd;

typedef struct {
    mt_smtp_cmd id;
    const char *verb;           /* upper case; for pseudo commands a label */
    const char *syntax;         /* "MAIL FROM:<reverse-path> [parameters]" */
    const char *rfc;            /* "RFC 5321 §4.1.1.2" */
    mt_text     name;           /* "Start a mail transaction (sender)" */
    mt_text     summary;        /* "start a message from {1}": {1} is the argument */
    mt_text     explanation;    /* what it is for and what it asks */
    mt_text     next;           /* what the server does next */
} mt_smtp_command_info;

typedef struct {
    guint16     code;
    const char *rfc;
    mt_text     name;           /* short meaning, RFC wording */
    mt_text     explanation;    /* what the code tells, in general */
} mt_smtp_reply_info;

/* What a reply means for the command it answers. code is either an exact
 * reply code or a class 1..5 (any code of that class). */
typedef struct {
    mt_smtp_cmd cmd;
    guint16     code;
    const char *rfc;            /* NULL: the command's own */
    mt_text     summary;        /* "recipient accepted" */
    mt_text     meaning;
} mt_smtp_reply_context;

typedef struct {
    guint16     value;          /* digit, or for details subject*1000+detail */
    const char *rfc;
    mt_text     name;
    mt_text     explanation;
} mt_smtp_digit_info;

typedef struct {
    guint8      subject;
    guint16     detail;
    const char *rfc;
    mt_text     name;           /* IANA registry name: "Bad destination mailbox address" */
    mt_text     explanation;
} mt_smtp_enhanced_info;

/* How mailteach reads an EHLO keyword's parameters. */
typedef enum {
    MT_SMTP_EXT_PARAM_NONE = 0,
    MT_SMTP_EXT_PARAM_SIZE,     /* one number: a size limit in octets */
    MT_SMTP_EXT_PARAM_MECHS,    /* SASL mechanism names */
    MT_SMTP_EXT_PARAM_OTHER
} mt_smtp_ext_param;

/* Extensions mailteach tracks to check later commands against them. */
#define MT_SMTP_EXT_PIPELINING      0x0001u
#define MT_SMTP_EXT_SIZE            0x0002u
#define MT_SMTP_EXT_STARTTLS        0x0004u
#define MT_SMTP_EXT_AUTH            0x0008u
#define MT_SMTP_EXT_CHUNKING        0x0010u
#define MT_SMTP_EXT_ENHANCEDSTATUS  0x0020u
#define MT_SMTP_EXT_8BITMIME        0x0040u
#define MT_SMTP_EXT_SMTPUTF8        0x0080u
#define MT_SMTP_EXT_DSN             0x0100u
#define MT_SMTP_EXT_VRFY            0x0200u
#define MT_SMTP_EXT_ETRN            0x0400u
#define MT_SMTP_EXT_BINARYMIME      0x0800u

typedef struct {
    const char       *keyword;  /* upper case, as in EHLO replies */
    guint32           flag;     /* MT_SMTP_EXT_* or 0 */
    mt_smtp_ext_param param;
    const char       *rfc;
    mt_text           name;
    mt_text           explanation;
} mt_smtp_ext_info;

/* MAIL FROM / RCPT TO parameters (SIZE=, BODY=, NOTIFY= ...). */
typedef struct {
    const char *keyword;        /* upper case, without "=" */
    guint32     needs;          /* MT_SMTP_EXT_* the server must have offered, or 0 */
    const char *rfc;
    mt_text     explanation;
} mt_smtp_param_info;

/* Lookups. Verb, keyword and parameter lookups are ASCII case-insensitive
 * and take a length; they return NULL when unknown. */
const mt_smtp_command_info *mt_smtp_command_lookup(const guint8 *verb, gsize len);
const mt_smtp_command_info *mt_smtp_command_get(mt_smtp_cmd id);
const mt_smtp_reply_info   *mt_smtp_reply_lookup(guint code);
/* The row for this exact code, else for its class; NULL if neither. */
const mt_smtp_reply_context *mt_smtp_reply_context_find(mt_smtp_cmd cmd, guint code);
/* Its meaning. */
const mt_text              *mt_smtp_reply_context_lookup(mt_smtp_cmd cmd, guint code);
const mt_smtp_digit_info   *mt_smtp_reply_class_lookup(guint first_digit);
const mt_smtp_digit_info   *mt_smtp_reply_category_lookup(guint second_digit);
const mt_smtp_digit_info   *mt_smtp_enhanced_class_lookup(guint klass);
const mt_smtp_digit_info   *mt_smtp_enhanced_subject_lookup(guint subject);
const mt_smtp_enhanced_info *mt_smtp_enhanced_lookup(guint subject, guint detail);
/* What class.subject.detail means, worded for its class: a success (2)
 * reads as a success; NULL if the catalog has nothing for it. *rfc gets
 * the citation. */
const mt_text *mt_smtp_enhanced_meaning(guint klass, guint subject, guint detail, const char **rfc);
const mt_smtp_ext_info     *mt_smtp_ext_lookup(const guint8 *kw, gsize len);
const mt_smtp_param_info   *mt_smtp_param_lookup(const guint8 *kw, gsize len);

/* Rows of the reply table (mt_smtp_replies()), so that the adapter can size
 * its value_string at compile time; mt_smtp_catalog.c asserts it. */
#define MT_SMTP_REPLY_COUNT 38

/* Whole tables, for tests and for the README's reference. */
const mt_smtp_command_info  *mt_smtp_commands(gsize *n);
const mt_smtp_reply_info    *mt_smtp_replies(gsize *n);
const mt_smtp_reply_context *mt_smtp_reply_contexts(gsize *n);
const mt_smtp_enhanced_info *mt_smtp_enhanced_codes(gsize *n);
const mt_smtp_ext_info      *mt_smtp_extensions(gsize *n);
const mt_smtp_param_info    *mt_smtp_params(gsize *n);

#endif /* MT_SMTP_CATALOG_H */
