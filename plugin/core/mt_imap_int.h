/* mt_imap_int.h - what the parts of the IMAP session machine share
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Private to plugin/core/mt_imap*.c; nothing outside the IMAP machine
 * includes it (the public interface is mt_imap.h). The machine is cut by
 * responsibility:
 *
 *   mt_imap.c           the session: creation, feeding, state and stage
 *                       texts, the queue of commands in progress
 *   mt_imap_parse.c     tokens and lists of one line (no records)
 *   mt_imap_values.c    strings, flags, capabilities, ID parameters
 *   mt_imap_fetch.c     FETCH data items, ENVELOPE, BODYSTRUCTURE
 *   mt_imap_literal.c   literals in both directions
 *   mt_imap_command.c   client lines: commands and their arguments
 *   mt_imap_response.c  server lines: status responses, tagged completions,
 *                       continuation requests, which kind a line is
 *   mt_imap_untagged.c  untagged responses and their data
 *
 * The functions below keep the short names they had as static functions
 * of one file; G_GNUC_INTERNAL keeps them out of the plugin's exported
 * symbols.
 */
#ifndef MT_IMAP_INT_H
#define MT_IMAP_INT_H

#include <glib.h>

#include "mt_imap.h"
#include "mt_imap_catalog.h"
#include "mt_imap_texts.h"
#include "mt_linecheck.h"
#include "mt_lines.h"
#include "mt_record.h"
#include "mt_sasl.h"

/* Servers should accept command lines of at least this many octets,
 * CRLF included (RFC 7162 §4); longer ones are flagged. */
#define IMAP_MAX_COMMAND_LINE   8192
/* Commands in progress that mailteach follows; the oldest is dropped. */
#define IMAP_MAX_PENDING        64
/* Octets of a tag kept to match responses; longer tags are cut. */
#define IMAP_MAX_TAG            64
/* Line records of one command linked to its tagged response. */
#define IMAP_MAX_CMD_RECS       16
/* Tokens parsed per line, and the nesting of lists decoded. */
#define IMAP_MAX_NODES          4096
#define IMAP_NODES_FIRST        16      /* first size of the node arena */
#define IMAP_NODES_RETAIN       64      /* a bigger arena is freed after its chunk */
#define IMAP_MAX_DEPTH          16
/* Items itemised per list: flags, capabilities, search results ... */
#define IMAP_MAX_LIST_ITEMS     128
/* Octets of a literal kept to show a user name or a mailbox name. */
#define IMAP_LITERAL_KEEP       256
/* Parts of a BODYSTRUCTURE and addresses of an ENVELOPE field itemised. */
#define IMAP_MAX_BODY_PARTS     64
#define IMAP_MAX_ADDRESSES      32
/* Decimal digits of a number mailteach accepts (fits in 64 bits). */
#define IMAP_MAX_DIGITS         19
/* Untagged lines that may come before a STARTTLS acceptance. */
#define IMAP_MAX_LINES_SCANNED  16

/* ---- parsed lines: tokens and parenthesised lists ---- */

typedef enum {
    N_ATOM = 0,         /* atom, flag, sequence set, data item name */
    N_NUMBER,
    N_QUOTED,
    N_LITERAL,          /* {n} ending the line: n octets follow */
    N_NIL,
    N_LIST
} nkind;

#define NF_OPEN      0x01   /* list not closed on this line */
#define NF_NONSYNC   0x02   /* {n+} */
#define NF_LITERAL8  0x04   /* ~{n} */
#define NF_ESCAPED   0x08   /* quoted string holds a backslash escape */
#define NF_BADQUOTE  0x10   /* quoted string not closed */

typedef struct {
    guint8  kind;       /* nkind */
    guint8  depth;      /* list level in this line, 0 = top */
    guint8  flags;      /* NF_* */
    guint8  outer;      /* top level: lists of earlier lines closed before it */
    guint32 off, len;   /* the whole token; a list from "(" to ")" */
    gint32  child;      /* first child of a list, -1 */
    gint32  next;       /* next sibling, -1 */
    guint32 nchild;
    guint64 num;        /* number value, literal size */
} inode;

typedef struct {
    inode   *n;
    guint    count;
    guint    cap;
    gint     first;         /* first top-level node */
    gint     literal;       /* the literal ending the line, -1 */
    guint    open;          /* lists opened on this line and not closed */
    guint    closed_outer;  /* ")" closing lists of earlier lines */
    gboolean has_lit;       /* the line ends with a literal announcement */
    inode    lit;           /* that literal (also when too deep to be a node) */
    gboolean capped;        /* IMAP_MAX_NODES reached */
    gboolean too_deep;      /* IMAP_MAX_DEPTH reached */
    gboolean bad;           /* syntax error */
} itree;

/* ---- commands in progress ---- */

/* What the answer to one command has explained already, so that a FETCH
 * of many messages explains each data item and flag once. Bits are
 * catalog indices. */
typedef struct {
    guint32 flags;
    guint32 items;
    guint32 attrs;
    guint32 sitems;
} said_set;

typedef struct {
    char        tag[IMAP_MAX_TAG + 1];
    guint8      tag_len;
    mt_imap_cmd cmd;
    mt_imap_cmd sub;            /* after UID */
    guint32     frame;
    mt_record  *recs[IMAP_MAX_CMD_RECS];
    guint       n_recs;
    said_set    said;
} imap_cmd;

/* What the arguments of the command being read have said so far; kept
 * across the literals of one command. */
typedef struct {
    mt_imap_cmd cmd;            /* the command, or UID's sub-command */
    gboolean    uid;
    guint       argn;           /* index of the next argument */
    guint       depth;          /* lists left open by a literal */
    guint       owed;           /* SEARCH: arguments owed to the last key */
    gboolean    action_seen;    /* STORE: FLAGS / +FLAGS / -FLAGS read */
    gboolean    ref_seen;       /* LIST: reference read */
    gboolean    pattern_seen;   /* LIST: pattern read */
} cmd_args;

typedef enum {
    LIT_STRING = 0,
    LIT_USERNAME,
    LIT_PASSWORD,
    LIT_MAILBOX,
    LIT_MESSAGE
} lit_role;

typedef struct {
    gboolean active;            /* raw octets are expected */
    guint64  size, got;
    gboolean nonsync;
    gboolean want_plus;         /* client {n}: the server's "+" is awaited */
    gboolean waited;            /* the server's "+" came (client literal) */
    lit_role role;
    guint    whole;             /* LIT_MESSAGE: WHOLE_MESSAGE, WHOLE_HEADER or 0 (a section) */
    guint32  announce_frame;
    guint32  req_frame;         /* server literal: the command answered */
    guint8   keep[IMAP_LITERAL_KEEP];
    guint    keep_len;
    guint64  lines;             /* LF seen */
    gboolean partial_line;      /* octets after the last LF */
    struct mt_mime *mime;       /* a whole message, read as RFC 5322 and MIME */
} imap_literal;

/* A server response that a literal interrupts. */
typedef struct {
    gboolean           active;
    mt_imap_untagged   ut;
    guint32            req_frame;
    gboolean           uid;        /* answers a UID command */
    guint              depth;      /* lists left open */
    guint              argn;
    gboolean           want_value; /* FETCH: an item name was read */
    mt_imap_fetch_item item;
    lit_role           role;       /* of a literal read at this level */
    guint              whole;      /* FETCH: the item names a whole message (WHOLE_*) */
} resp_ctx;

/* resp_ctx.whole: what a FETCH literal holds from its first octet. */
#define WHOLE_MESSAGE 1             /* BODY[], RFC822, BINARY[] */
#define WHOLE_HEADER  2             /* BODY[HEADER], RFC822.HEADER */

typedef enum {
    IS_UNKNOWN = 0,
    IS_CONNECTED,
    IS_NOT_AUTH,
    IS_AUTH,
    IS_SELECTED,
    IS_LOGOUT
} imap_state;

typedef enum {
    CM_COMMAND = 0,             /* client lines are tagged commands */
    CM_CONTINUE,                /* the next line goes on after a literal */
    CM_SASL                     /* the next line answers an AUTHENTICATE "+" */
} client_mode;

struct mt_imap {
    mt_linebuf    lb[2];
    imap_state    state;
    gboolean      certain;          /* the state is known, not guessed */
    gboolean      seen[2];          /* any line from this direction yet */
    gboolean      read_only;
    gboolean      tls_on;           /* STARTTLS accepted earlier */
    gboolean      tls_switch;       /* STARTTLS accepted by the last line */
    gboolean      idling;           /* "+" came for IDLE */
    gboolean      authenticating;   /* "+" came for AUTHENTICATE */
    gboolean      closed;           /* the server says the session is over */
    gboolean      compressed[2];    /* COMPRESS accepted: DEFLATE data from here */
    gboolean      caps_known;
    guint64       caps;
    gboolean      exists_known;     /* messages in the selected mailbox (EXISTS) */
    guint64       exists;
    /* structures explained once per session, so lines stay short */
    gboolean      said_tag, said_rtag, said_untagged, said_text, said_msgno;
    guint64       said_caps[2];     /* capabilities explained, by catalog index */
    said_set     *said;             /* the answer this line belongs to, or NULL */
    client_mode   cmode;
    imap_cmd     *cli_cmd;          /* the command the next client line continues */
    cmd_args      args;
    imap_literal  lit[2];
    resp_ctx      resp;
    GQueue        pending;          /* imap_cmd *, oldest first */
    /* a tagged NO or BAD that matched no command: the command may follow */
    char          orphan_tag[IMAP_MAX_TAG + 1];
    guint8        orphan_len;
    guint32       orphan_frame;
    gboolean      orphan_valid;
    /* the login exchange (LOGIN, AUTHENTICATE) */
    mt_sasl       sasl;
    /* parser arena, reused line after line */
    inode        *nodes;
    guint         nodes_cap;
};

/* ---- mt_imap.c: the session ---- */

/* Line checks: command lines (with the length limit of RFC 7162 §4), and
 * responses. */
G_GNUC_INTERNAL extern const mt_linecheck_rules rules_command;
G_GNUC_INTERNAL extern const mt_linecheck_rules rules_response;

G_GNUC_INTERNAL void explain_x(mt_record *r, gint parent, guint32 off, guint32 len, mt_imap_expl x);
/* x as the line's explanation, with its summary; x as a note; x's summary. */
G_GNUC_INTERNAL void explain_line(mt_record *r, guint32 off, guint32 len, mt_imap_expl x);
G_GNUC_INTERNAL void note_x(mt_record *r, mt_imap_expl x);
G_GNUC_INTERNAL void summary_x(mt_record *r, mt_imap_expl x);
G_GNUC_INTERNAL mt_record *line_record(const mt_line *ln, mt_dir dir, guint32 frame, mt_rkind kind,
                                       mt_imap_label label, GPtrArray *out);
G_GNUC_INTERNAL void check_line(mt_record *r, const mt_line *ln, const mt_linecheck_rules *base);
G_GNUC_INTERNAL mt_imap_next next_for_state(const mt_imap *s);
G_GNUC_INTERNAL void add_stage(mt_imap *s, mt_record *r);
G_GNUC_INTERNAL void add_stage_next(mt_imap *s, mt_record *r, mt_imap_next next);

/* commands in progress */
G_GNUC_INTERNAL void cmd_forget(mt_imap *s, imap_cmd *c);
G_GNUC_INTERNAL imap_cmd *cmd_push(mt_imap *s, const guint8 *tag, gsize tag_len, mt_imap_cmd cmd,
                                   guint32 frame);
G_GNUC_INTERNAL void cmd_add_rec(imap_cmd *c, mt_record *r);
G_GNUC_INTERNAL imap_cmd *cmd_by_tag(const mt_imap *s, const guint8 *tag, gsize len);
G_GNUC_INTERNAL mt_imap_cmd effective(const imap_cmd *c);
G_GNUC_INTERNAL imap_cmd *cmd_by_kind(const mt_imap *s, mt_imap_cmd want);
G_GNUC_INTERNAL imap_cmd *owner_of(const mt_imap *s, mt_imap_untagged ut);
G_GNUC_INTERNAL gboolean state_changing_pending(const mt_imap *s);
G_GNUC_INTERNAL gboolean has_other_pending(const mt_imap *s);

/* capabilities the server offered */
G_GNUC_INTERNAL void set_caps(mt_imap *s, guint64 caps);
G_GNUC_INTERNAL gboolean offered(const mt_imap *s, guint64 need);

/* ---- mt_imap_parse.c: tokens and lists ---- */

G_GNUC_INTERNAL gsize skip_sp(const guint8 *t, gsize len, gsize i);
G_GNUC_INTERNAL gsize token_end(const guint8 *t, gsize len, gsize i);
G_GNUC_INTERNAL gsize parse_number(const guint8 *t, gsize len, gsize i, guint64 *v);
G_GNUC_INTERNAL char *display_copy(const guint8 *p, gsize n);
G_GNUC_INTERNAL char *unquote(const guint8 *p, gsize n);
G_GNUC_INTERNAL gboolean is_tag_char(guint8 c);
/* Parse t[i..end) inside `outer` lists that earlier lines left open; the
 * nodes live in s's arena until the next call. */
G_GNUC_INTERNAL void tree_parse(mt_imap *s, itree *tr, const guint8 *t, gsize end, gsize i,
                                guint outer);
G_GNUC_INTERNAL const inode *node(const itree *tr, gint i);
G_GNUC_INTERNAL guint32 quoted_len(const inode *nd);
G_GNUC_INTERNAL char *node_string(const guint8 *t, const inode *nd);
G_GNUC_INTERNAL const inode *nth_child(const itree *tr, const inode *list, guint n);

/* ---- mt_imap_values.c: values commands and responses share ---- */

G_GNUC_INTERNAL gboolean first_time(guint32 *set, gsize index);
G_GNUC_INTERNAL gint string_item(mt_record *r, gint parent, mt_field f, const guint8 *t,
                                 const inode *nd);
G_GNUC_INTERNAL void argument_item(mt_record *r, const inode *nd);
G_GNUC_INTERNAL gint flag_item(mt_imap *s, mt_record *r, gint parent, const guint8 *t,
                               const inode *nd);
G_GNUC_INTERNAL void flag_list(mt_imap *s, mt_record *r, gint parent, const guint8 *t,
                               const itree *tr, const inode *nd);
G_GNUC_INTERNAL guint64 cap_item(mt_imap *s, mt_record *r, gint parent, const guint8 *t, gsize i,
                                 gsize e);
G_GNUC_INTERNAL guint64 cap_list(mt_imap *s, mt_record *r, gint parent, const guint8 *t, gsize end,
                                 gsize i);
G_GNUC_INTERNAL void id_params(mt_record *r, const guint8 *t, const itree *tr, const inode *nd);

/* ---- mt_imap_fetch.c: FETCH, ENVELOPE, BODYSTRUCTURE ---- */

/* The data item names of a FETCH command. */
G_GNUC_INTERNAL void fetch_request_items(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr,
                                         const inode *nd);
/* One node at the data item level of a FETCH response. */
G_GNUC_INTERNAL void fetch_level_node(mt_imap *s, mt_record *r, const guint8 *t, const itree *tr,
                                      const inode *nd, resp_ctx *c, gint *item_it);

/* ---- mt_imap_literal.c: literals ---- */

G_GNUC_INTERNAL void literal_item(mt_record *r, gint parent, const inode *nd, gboolean client);
G_GNUC_INTERNAL void literal_piece(mt_imap *s, mt_dir dir, const mt_line *ln, guint32 frame,
                                   GPtrArray *out);
G_GNUC_INTERNAL void client_literal(mt_imap *s, mt_record *r, const inode *lit, lit_role role,
                                    guint32 frame);
G_GNUC_INTERNAL mt_imap_next client_literal_next(const mt_imap *s);
G_GNUC_INTERNAL void cancel_client_literal(mt_imap *s, mt_record *r);
G_GNUC_INTERNAL void server_literal(mt_imap *s, const inode *lit, lit_role role, guint32 frame);

/* ---- mt_imap_command.c: client lines ---- */

G_GNUC_INTERNAL void client_line(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out);

/* ---- mt_imap_response.c: server lines, status responses ---- */

G_GNUC_INTERNAL mt_imap_status status_response(mt_imap *s, mt_record *r, const guint8 *t, gsize len,
                                               gsize i, gboolean tagged, gboolean bad_asked,
                                               const mt_imap_code_info **code);
G_GNUC_INTERNAL void server_line(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out);

/* ---- mt_imap_untagged.c: untagged responses ---- */

G_GNUC_INTERNAL void server_untagged(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out);
G_GNUC_INTERNAL void server_continue(mt_imap *s, const mt_line *ln, guint32 frame, GPtrArray *out);

#endif /* MT_IMAP_INT_H */
