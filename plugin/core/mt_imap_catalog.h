/* mt_imap_catalog.h - what mailteach knows about IMAP
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Knowledge only: commands and the states they are valid in, status
 * responses and what they mean for each command, response codes,
 * untagged data, capabilities, FETCH data items, flags, mailbox
 * attributes, STATUS items and SEARCH keys. Every row cites its RFC:
 * IMAP4rev2 (RFC 9051) and, where the section differs or the thing was
 * dropped from IMAP4rev2, IMAP4rev1 (RFC 3501). The session machine
 * (mt_imap*.c) decides which row applies.
 */
#ifndef MT_IMAP_CATALOG_H
#define MT_IMAP_CATALOG_H

#include <glib.h>

#include "mt_text.h"

/* Longest keyword any table holds is far below this; longer input is
 * refused before it is read. */
#define MT_IMAP_MAX_KEYWORD 64

typedef enum {
    MT_IMAP_CMD_UNKNOWN = 0,
    /* any state (RFC 9051 §6.1) */
    MT_IMAP_CMD_CAPABILITY,
    MT_IMAP_CMD_NOOP,
    MT_IMAP_CMD_LOGOUT,
    /* not authenticated (§6.2) */
    MT_IMAP_CMD_STARTTLS,
    MT_IMAP_CMD_AUTHENTICATE,
    MT_IMAP_CMD_LOGIN,
    /* authenticated (§6.3) */
    MT_IMAP_CMD_ENABLE,
    MT_IMAP_CMD_SELECT,
    MT_IMAP_CMD_EXAMINE,
    MT_IMAP_CMD_CREATE,
    MT_IMAP_CMD_DELETE,
    MT_IMAP_CMD_RENAME,
    MT_IMAP_CMD_SUBSCRIBE,
    MT_IMAP_CMD_UNSUBSCRIBE,
    MT_IMAP_CMD_LIST,
    MT_IMAP_CMD_LSUB,
    MT_IMAP_CMD_NAMESPACE,
    MT_IMAP_CMD_STATUS,
    MT_IMAP_CMD_APPEND,
    MT_IMAP_CMD_IDLE,
    /* selected (§6.4) */
    MT_IMAP_CMD_CHECK,
    MT_IMAP_CMD_CLOSE,
    MT_IMAP_CMD_UNSELECT,
    MT_IMAP_CMD_EXPUNGE,
    MT_IMAP_CMD_SEARCH,
    MT_IMAP_CMD_FETCH,
    MT_IMAP_CMD_STORE,
    MT_IMAP_CMD_COPY,
    MT_IMAP_CMD_MOVE,
    MT_IMAP_CMD_UID,
    /* extensions */
    MT_IMAP_CMD_ID,
    MT_IMAP_CMD_COMPRESS,
    MT_IMAP_CMD_SORT,
    MT_IMAP_CMD_THREAD,
    MT_IMAP_CMD_GETQUOTA,
    MT_IMAP_CMD_GETQUOTAROOT,
    MT_IMAP_CMD_SETQUOTA,
    MT_IMAP_CMD_GETACL,
    MT_IMAP_CMD_SETACL,
    MT_IMAP_CMD_MYRIGHTS,
    MT_IMAP_CMD_GETMETADATA,
    MT_IMAP_CMD_SETMETADATA,
    MT_IMAP_CMD_UNAUTHENTICATE,
    MT_IMAP_CMD_XLIST,
    /* Not verbs: what else a response can answer. */
    MT_IMAP_CMD_CONNECT,    /* the TCP connection: the greeting answers it */
    MT_IMAP_CMD_DONE,       /* the line that ends IDLE */
    MT_IMAP_CMD_SASL,       /* a client line answering an AUTHENTICATE "+" */
    MT_IMAP_CMD_COUNT
} mt_imap_cmd;

/* The states a command is valid in (RFC 9051 §3). */
#define MT_IMAP_IN_NOTAUTH   0x01u
#define MT_IMAP_IN_AUTH      0x02u
#define MT_IMAP_IN_SELECTED  0x04u
#define MT_IMAP_IN_ANY       0x07u

/* Command flags. */
#define MT_IMAP_CF_UID_SUB   0x01u  /* may follow UID */

/* Capabilities mailteach tracks, to check later commands against them. */
#define MT_IMAP_CAP_IMAP4REV1      (G_GUINT64_CONSTANT(1) << 0)
#define MT_IMAP_CAP_IMAP4REV2      (G_GUINT64_CONSTANT(1) << 1)
#define MT_IMAP_CAP_STARTTLS       (G_GUINT64_CONSTANT(1) << 2)
#define MT_IMAP_CAP_LOGINDISABLED  (G_GUINT64_CONSTANT(1) << 3)
#define MT_IMAP_CAP_AUTH           (G_GUINT64_CONSTANT(1) << 4)
#define MT_IMAP_CAP_SASL_IR        (G_GUINT64_CONSTANT(1) << 5)
#define MT_IMAP_CAP_IDLE           (G_GUINT64_CONSTANT(1) << 6)
#define MT_IMAP_CAP_LITERALPLUS    (G_GUINT64_CONSTANT(1) << 7)
#define MT_IMAP_CAP_LITERALMINUS   (G_GUINT64_CONSTANT(1) << 8)
#define MT_IMAP_CAP_NAMESPACE      (G_GUINT64_CONSTANT(1) << 9)
#define MT_IMAP_CAP_ID             (G_GUINT64_CONSTANT(1) << 10)
#define MT_IMAP_CAP_ENABLE         (G_GUINT64_CONSTANT(1) << 11)
#define MT_IMAP_CAP_UIDPLUS        (G_GUINT64_CONSTANT(1) << 12)
#define MT_IMAP_CAP_MOVE           (G_GUINT64_CONSTANT(1) << 13)
#define MT_IMAP_CAP_CONDSTORE      (G_GUINT64_CONSTANT(1) << 14)
#define MT_IMAP_CAP_QRESYNC        (G_GUINT64_CONSTANT(1) << 15)
#define MT_IMAP_CAP_UNSELECT       (G_GUINT64_CONSTANT(1) << 16)
#define MT_IMAP_CAP_CHILDREN       (G_GUINT64_CONSTANT(1) << 17)
#define MT_IMAP_CAP_SPECIAL_USE    (G_GUINT64_CONSTANT(1) << 18)
#define MT_IMAP_CAP_LIST_EXTENDED  (G_GUINT64_CONSTANT(1) << 19)
#define MT_IMAP_CAP_LIST_STATUS    (G_GUINT64_CONSTANT(1) << 20)
#define MT_IMAP_CAP_ESEARCH        (G_GUINT64_CONSTANT(1) << 21)
#define MT_IMAP_CAP_SORT           (G_GUINT64_CONSTANT(1) << 22)
#define MT_IMAP_CAP_THREAD         (G_GUINT64_CONSTANT(1) << 23)
#define MT_IMAP_CAP_BINARY         (G_GUINT64_CONSTANT(1) << 24)
#define MT_IMAP_CAP_CATENATE       (G_GUINT64_CONSTANT(1) << 25)
#define MT_IMAP_CAP_MULTIAPPEND    (G_GUINT64_CONSTANT(1) << 26)
#define MT_IMAP_CAP_COMPRESS       (G_GUINT64_CONSTANT(1) << 27)
#define MT_IMAP_CAP_QUOTA          (G_GUINT64_CONSTANT(1) << 28)
#define MT_IMAP_CAP_ACL            (G_GUINT64_CONSTANT(1) << 29)
#define MT_IMAP_CAP_METADATA       (G_GUINT64_CONSTANT(1) << 30)
#define MT_IMAP_CAP_UNAUTHENTICATE (G_GUINT64_CONSTANT(1) << 31)
#define MT_IMAP_CAP_XLIST          (G_GUINT64_CONSTANT(1) << 32)
#define MT_IMAP_CAP_SEARCHRES      (G_GUINT64_CONSTANT(1) << 33)
#define MT_IMAP_CAP_STATUS_SIZE    (G_GUINT64_CONSTANT(1) << 34)

/* What IMAP4rev2 includes, so a rev2 server need not list it separately
 * (RFC 9051 Appendix E). */
#define MT_IMAP_CAP_IN_REV2 (MT_IMAP_CAP_NAMESPACE | MT_IMAP_CAP_UNSELECT | MT_IMAP_CAP_UIDPLUS \
                             | MT_IMAP_CAP_ESEARCH | MT_IMAP_CAP_SEARCHRES | MT_IMAP_CAP_ENABLE \
                             | MT_IMAP_CAP_IDLE | MT_IMAP_CAP_SASL_IR | MT_IMAP_CAP_LIST_EXTENDED \
                             | MT_IMAP_CAP_LIST_STATUS | MT_IMAP_CAP_MOVE | MT_IMAP_CAP_LITERALMINUS \
                             | MT_IMAP_CAP_BINARY | MT_IMAP_CAP_SPECIAL_USE | MT_IMAP_CAP_STATUS_SIZE \
                             | MT_IMAP_CAP_CHILDREN)

typedef struct {
    mt_imap_cmd id;
    const char *verb;           /* upper case; for pseudo commands a label */
    const char *syntax;         /* "SELECT SP mailbox" */
    const char *rfc;            /* "RFC 9051 §6.3.2; RFC 3501 §6.3.1" */
    guint8      states;         /* MT_IMAP_IN_* where it is valid */
    guint8      flags;          /* MT_IMAP_CF_* */
    guint64     needs;          /* MT_IMAP_CAP_* the server must offer, or 0 */
    mt_text     name;           /* "Open a mailbox (read-write)" */
    mt_text     summary;        /* "open the mailbox {1}": {1}, {2} are arguments */
    mt_text     explanation;    /* what it is for and what it asks */
    mt_text     next;           /* what the server does next */
} mt_imap_command_info;

typedef enum {
    MT_IMAP_STATUS_NONE = 0,
    MT_IMAP_STATUS_OK,
    MT_IMAP_STATUS_NO,
    MT_IMAP_STATUS_BAD,
    MT_IMAP_STATUS_PREAUTH,
    MT_IMAP_STATUS_BYE,
    MT_IMAP_STATUS_COUNT
} mt_imap_status;

typedef struct {
    mt_imap_status id;
    const char    *word;
    const char    *rfc;
    mt_text        name;        /* "Success" */
    mt_text        tagged;      /* as the final answer to a command */
    mt_text        untagged;    /* as "* OK ..." information */
} mt_imap_status_info;

/* What a status means for the command it completes. */
typedef struct {
    mt_imap_cmd    cmd;
    mt_imap_status status;
    mt_text        summary;     /* "logged in" */
    mt_text        meaning;
} mt_imap_context;

/* How mailteach reads what follows a response code's name. */
typedef enum {
    MT_IMAP_CODE_NONE = 0,      /* nothing */
    MT_IMAP_CODE_NUMBER,        /* one number, shown as is */
    MT_IMAP_CODE_UIDVALIDITY,   /* one number: the UIDVALIDITY */
    MT_IMAP_CODE_UIDNEXT,       /* one number: the next UID */
    MT_IMAP_CODE_UNSEEN,        /* one number: a message sequence number */
    MT_IMAP_CODE_MODSEQ,        /* one number: a mod-sequence */
    MT_IMAP_CODE_FLAGS,         /* a list of flags */
    MT_IMAP_CODE_CAPABILITIES,  /* capability names */
    MT_IMAP_CODE_APPENDUID,     /* UIDVALIDITY and UID(s) */
    MT_IMAP_CODE_COPYUID,       /* UIDVALIDITY, source and destination UID sets */
    MT_IMAP_CODE_OTHER          /* shown as text */
} mt_imap_code_data;

typedef struct {
    const char       *name;     /* upper case */
    const char       *rfc;
    mt_imap_code_data data;
    mt_text           summary;  /* "UIDVALIDITY {1}": {1} is the code's number */
    mt_text           explanation;
} mt_imap_code_info;

typedef enum {
    MT_IMAP_UT_UNKNOWN = 0,
    MT_IMAP_UT_CAPABILITY,
    MT_IMAP_UT_ENABLED,
    MT_IMAP_UT_FLAGS,
    MT_IMAP_UT_LIST,
    MT_IMAP_UT_LSUB,
    MT_IMAP_UT_XLIST,
    MT_IMAP_UT_STATUS,
    MT_IMAP_UT_SEARCH,
    MT_IMAP_UT_ESEARCH,
    MT_IMAP_UT_SORT,
    MT_IMAP_UT_THREAD,
    MT_IMAP_UT_NAMESPACE,
    MT_IMAP_UT_ID,
    MT_IMAP_UT_EXISTS,
    MT_IMAP_UT_RECENT,
    MT_IMAP_UT_EXPUNGE,
    MT_IMAP_UT_FETCH,
    MT_IMAP_UT_VANISHED,
    MT_IMAP_UT_QUOTA,
    MT_IMAP_UT_QUOTAROOT,
    MT_IMAP_UT_ACL,
    MT_IMAP_UT_MYRIGHTS,
    MT_IMAP_UT_METADATA,
    MT_IMAP_UT_COUNT
} mt_imap_untagged;

#define MT_IMAP_UT_MAX_FOR 6

typedef struct {
    mt_imap_untagged id;
    const char      *name;      /* upper case */
    gboolean         numbered;  /* "* n NAME": a number comes first */
    const char      *rfc;
    mt_text          summary;   /* "{1} messages in the mailbox": the number or the mailbox */
    mt_text          explanation;
    /* commands whose answer it belongs to; the rest of the time it is
     * unsolicited information */
    mt_imap_cmd      for_cmds[MT_IMAP_UT_MAX_FOR];
} mt_imap_untagged_info;

typedef struct {
    const char *name;           /* upper case; a prefix row ends in "=" or "-" */
    gboolean    prefix;         /* matches every name that starts with it */
    guint64     flag;           /* MT_IMAP_CAP_* or 0 */
    const char *rfc;
    mt_text     explanation;
} mt_imap_cap_info;

typedef enum {
    MT_IMAP_FI_UNKNOWN = 0,
    MT_IMAP_FI_ALL,
    MT_IMAP_FI_FAST,
    MT_IMAP_FI_FULL,
    MT_IMAP_FI_FLAGS,
    MT_IMAP_FI_UID,
    MT_IMAP_FI_RFC822_SIZE,
    MT_IMAP_FI_INTERNALDATE,
    MT_IMAP_FI_ENVELOPE,
    MT_IMAP_FI_BODYSTRUCTURE,
    MT_IMAP_FI_BODY,            /* BODY without a section: the structure */
    MT_IMAP_FI_BODY_SECTION,    /* BODY[...] */
    MT_IMAP_FI_BODY_PEEK,       /* BODY.PEEK[...] */
    MT_IMAP_FI_BINARY,
    MT_IMAP_FI_BINARY_PEEK,
    MT_IMAP_FI_BINARY_SIZE,
    MT_IMAP_FI_RFC822,
    MT_IMAP_FI_RFC822_HEADER,
    MT_IMAP_FI_RFC822_TEXT,
    MT_IMAP_FI_MODSEQ,
    MT_IMAP_FI_PREVIEW,
    MT_IMAP_FI_SAVEDATE,
    MT_IMAP_FI_EMAILID,
    MT_IMAP_FI_THREADID,
    MT_IMAP_FI_COUNT
} mt_imap_fetch_item;

typedef struct {
    mt_imap_fetch_item id;
    const char        *name;    /* upper case, without [section] */
    const char        *rfc;
    mt_text            explanation;
} mt_imap_fetch_info;

/* Flags, mailbox attributes, STATUS items, SEARCH keys: a word and what
 * it means. nargs is how many arguments follow a SEARCH key. */
typedef struct {
    const char *name;           /* as written: "\\Seen", "$Forwarded", "UNSEEN" */
    guint8      nargs;
    const char *rfc;
    mt_text     explanation;
} mt_imap_word_info;

/* Lookups. Keyword lookups are ASCII case-insensitive, take a length and
 * never read past it; they return NULL when unknown. */
const mt_imap_command_info  *mt_imap_command_lookup(const guint8 *verb, gsize len);
const mt_imap_command_info  *mt_imap_command_get(mt_imap_cmd id);
const mt_imap_status_info   *mt_imap_status_lookup(const guint8 *word, gsize len);
const mt_imap_status_info   *mt_imap_status_get(mt_imap_status id);
/* What status means after cmd, or NULL. */
const mt_text               *mt_imap_context_lookup(mt_imap_cmd cmd, mt_imap_status status);
/* The whole row (summary and meaning); NULL if none. */
const mt_imap_context       *mt_imap_context_find(mt_imap_cmd cmd, mt_imap_status status);
const mt_imap_code_info     *mt_imap_code_lookup(const guint8 *name, gsize len);
const mt_imap_untagged_info *mt_imap_untagged_lookup(const guint8 *name, gsize len);
const mt_imap_untagged_info *mt_imap_untagged_get(mt_imap_untagged id);
/* Does this untagged response belong to the answer of cmd? */
gboolean                     mt_imap_untagged_for(mt_imap_untagged ut, mt_imap_cmd cmd);
const mt_imap_cap_info      *mt_imap_cap_lookup(const guint8 *name, gsize len);
const mt_imap_fetch_info    *mt_imap_fetch_lookup(const guint8 *name, gsize len);
const mt_imap_fetch_info    *mt_imap_fetch_get(mt_imap_fetch_item id);
const mt_imap_word_info     *mt_imap_flag_lookup(const guint8 *name, gsize len);
const mt_imap_word_info     *mt_imap_list_attr_lookup(const guint8 *name, gsize len);
const mt_imap_word_info     *mt_imap_status_item_lookup(const guint8 *name, gsize len);
const mt_imap_word_info     *mt_imap_search_key_lookup(const guint8 *name, gsize len);

/* Whole tables, for tests and for the README's reference. */
const mt_imap_command_info  *mt_imap_commands(gsize *n);
const mt_imap_status_info   *mt_imap_statuses(gsize *n);
const mt_imap_context       *mt_imap_contexts(gsize *n);
const mt_imap_code_info     *mt_imap_codes(gsize *n);
const mt_imap_untagged_info *mt_imap_untaggeds(gsize *n);
const mt_imap_cap_info      *mt_imap_caps(gsize *n);
const mt_imap_fetch_info    *mt_imap_fetch_items(gsize *n);
const mt_imap_word_info     *mt_imap_flags(gsize *n);
const mt_imap_word_info     *mt_imap_list_attrs(gsize *n);
const mt_imap_word_info     *mt_imap_status_items(gsize *n);
const mt_imap_word_info     *mt_imap_search_keys(gsize *n);

#endif /* MT_IMAP_CATALOG_H */
