/* mt_record.h - what the core tells the adapter about each line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The core turns bytes into records: one record per protocol line (or per
 * run of message text), each holding a flat list of items. An item names a
 * semantic field (mt_field), the bytes it explains (offset and length from
 * the start of the record's line, so every explanation can highlight its
 * bytes) and a value: a number, a catalog text (translated when shown), a
 * static string, or bytes of the line. Items may nest under an earlier
 * item of the same record. The adapter maps each mt_field to one registered
 * Wireshark field and adds the items; it knows nothing about the protocols.
 *
 * Records are built on the first pass and kept for revisits; they only
 * point to static catalog texts, so building them costs no text formatting.
 *
 * What a line means, for the student (the teaching contract):
 *
 * - The explanation. Every record carries exactly one explanation of the
 *   whole line (mailteach.explanation, with its Reference): what the line
 *   means here, for a reply what it means for the command it answers.
 *   mt_rec_explain(r, -1, ...) sets it; calling it again replaces the text
 *   and the reference, so the most specific layer, which runs last, wins.
 *   mt_rec_text(r, -1, MT_F_EXPLANATION, ...) follows the same rule.
 * - The meaning of a part of the line goes with that part, never into a
 *   second explanation: a short name after the part's value, "Reply code:
 *   250 (Requested mail action okay, completed)" (the meaning argument of
 *   mt_rec_uint(), or mt_rec_set_meaning() for any item), and, when a
 *   sentence or two is needed, a text nested under the part, shown as
 *   "Meaning: ..." (mailteach.meaning) with its Reference:
 *   mt_rec_explain(r, part, ...) with part >= 0.
 * - A note (mailteach.note, mt_rec_note()) is a remark about the line's
 *   situation rather than its meaning: the command was pipelined, the
 *   greeting is not in the capture.
 * - The summary: the short meaning a student writes next to the line in a
 *   report ("recipient accepted", "ask for the user name (Base64)"), about
 *   60 characters of English at most, lower case, no final period. Every
 *   record gets one: mt_rec_summary(). A summary text may hold the
 *   placeholders {1} and {2}, filled with data of the line (shown as is)
 *   by mt_rec_summary_str()/mt_rec_summary_bytes(), or with catalog texts
 *   (translated when shown) by mt_rec_summary_text(). The Info column, the
 *   walkthrough and the flow graph show mt_rec_summary_format().
 */
#ifndef MT_RECORD_H
#define MT_RECORD_H

#include <glib.h>

#include "mt_text.h"

typedef enum {
    MT_DIR_CLIENT = 0,  /* client to server */
    MT_DIR_SERVER = 1   /* server to client */
} mt_dir;

typedef enum {
    MT_PROTO_NONE = 0,
    MT_PROTO_SMTP,
    MT_PROTO_POP3,
    MT_PROTO_IMAP
} mt_proto;

/* Semantic fields, one per row of mt_fields*.def: the adapter maps each
 * to the registered mailteach.* field named there. */
typedef enum {
    MT_F_NONE = 0,
#define MT_FIELD(id, abbrev, name, type, base, blurb) id,
#include "mt_fields.def"
#include "mt_fields_pop3.def"
#include "mt_fields_imap.def"
#include "mt_fields_mime.def"
#undef MT_FIELD
    MT_F_COUNT
} mt_field;

/* How an item's value is held. */
typedef enum {
    MT_V_NONE = 0,
    MT_V_UINT,      /* v.u */
    MT_V_BOOL,      /* v.u != 0 */
    MT_V_TEXT,      /* v.text: catalog text, shown in the chosen language */
    MT_V_CSTR,      /* v.cstr: static string (RFC references, catalog verbs) */
    MT_V_BYTES,     /* the item's own bytes of the line, as text */
    MT_V_BYTES_UP,  /* the same, upper-cased (verbs, keywords) */
    MT_V_OWNED      /* v.owned: string owned by the record (computed text) */
} mt_vkind;

/* Whose bytes an item's offset and length point into. */
typedef enum {
    MT_SRC_LINE = 0,        /* the record's line */
    MT_SRC_DECODED          /* the record's decoded bytes (Base64 of SASL) */
} mt_src;

/* Display hints for numbers. */
typedef enum {
    MT_FMT_PLAIN = 0,
    MT_FMT_OCTETS,   /* "10240000 octets (9.8 MiB)" */
    MT_FMT_CHAR      /* a control character: "0x08 (BS, backspace)" */
} mt_fmt;

/* One item of a line. 24 bytes: a capture shown again (two passes, the
 * desktop) keeps every record, and most of a record is its items. */
typedef struct {
    guint16 field;          /* mt_field */
    gint16  parent;         /* index of the parent item, -1: the line itself */
    guint16 meaning_id;     /* its meaning, shown after the value, "354 (Start mail
                             * input)": read it with mt_item_meaning() */
    guint8  vkind  : 3;     /* mt_vkind */
    guint8  fmt    : 2;     /* mt_fmt */
    guint8  src    : 2;     /* mt_src: whose bytes off and len point into */
    guint8  secret : 1;     /* the value is a password, token or digest */
    guint32 off;            /* from the start of the record's line */
    guint32 len;            /* 0: generated, explains the whole line */
    union {
        guint64        u;
        const mt_text *text;
        const char    *cstr;
        char          *owned;
    } v;
} mt_item;

G_STATIC_ASSERT(MT_V_OWNED < 8 && MT_FMT_CHAR < 4 && MT_SRC_DECODED < 4);
G_STATIC_ASSERT(MT_F_COUNT <= G_MAXUINT16);

/* Placeholders {1} and {2} of a summary text. */
#define MT_SUMMARY_ARGS 2
/* A summary argument taken from the line is cut to this many bytes. */
#define MT_SUMMARY_ARG_MAX 40
/* a list of words (mechanisms offered) is cut only between words */
#define MT_SUMMARY_LIST_MAX 80

/* What a summary argument holds (mt_record.summary_kind). */
typedef enum {
    MT_SA_NONE = 0,
    MT_SA_TEXT,             /* a catalog text, translated when shown */
    MT_SA_STR,              /* data, owned by the record, shown as is */
    MT_SA_NUM               /* a number, shown in decimal */
} mt_sa_kind;

typedef union {
    const mt_text *text;
    char          *str;
    guint64        num;
} mt_summary_arg;

typedef struct {
    guint16 id;             /* mt_anomaly */
    guint32 off;            /* from the start of the line */
    guint32 len;            /* 0: the whole line */
} mt_anomaly_ref;

/* Record kinds, for the label of the line's subtree. */
typedef enum {
    MT_R_COMMAND = 0,       /* a client command line */
    MT_R_REPLY,             /* a server reply / response line */
    MT_R_CONTINUATION,      /* client line answering a server challenge (SASL, literal) */
    MT_R_MESSAGE,           /* a run of message text lines, counted */
    MT_R_MESSAGE_LINE,      /* one notable message line (".", "..", blank) */
    MT_R_RAW,               /* counted octets (BDAT chunk, IMAP literal) */
    MT_R_PARTIAL,           /* the start of a line that ends in a later chunk */
    MT_R_UNKNOWN,           /* a line mailteach cannot place */
    MT_R_MIME_PART          /* a MIME body, preamble or epilogue, told at its end
                             * (mt_mime.h): its bytes here, its items generated */
} mt_rkind;

#define MT_RF_REBUILT       0x01  /* the line began in an earlier chunk */
#define MT_RF_ITEMS_CAPPED  0x02  /* more items than MT_RECORD_MAX_ITEMS */
#define MT_RF_ANOMS_CAPPED  0x04  /* more anomalies than MT_RECORD_MAX_ANOMS */
#define MT_RF_TRUNCATED     0x08  /* the line is longer than the kept copy */
#define MT_RF_COMPACTED     0x10  /* handed out: items added later grow it by a few */

#define MT_RECORD_MAX_ITEMS 512
#define MT_RECORD_MAX_ANOMS 6

/* A line, explained. 120 bytes, its small fields first: a capture shown
 * again (two passes, the desktop) keeps every record. */
typedef struct {
    guint32 frame;          /* frame (or any caller tag) that completed it; a MIME
                             * header field, known complete only at the next
                             * line, names the frame of its own last line */
    guint8  proto;          /* mt_proto */
    guint8  dir;            /* mt_dir */
    guint8  kind;           /* mt_rkind */
    guint8  flags;          /* MT_RF_* */
    guint32 chunk_off;      /* where the record's bytes start in the fed chunk */
    guint32 chunk_len;      /* how many of its bytes are in that chunk */
    guint32 line_len;       /* whole line with its end of line */
    guint32 rebuilt_len;
    guint32 req_frame;      /* frame of the command this answers, 0 if none */
    guint32 resp_frame;     /* frame of the reply that completed the answer */
    guint32 decoded_len;
    gint16  expl;           /* index of the line's explanation item, -1: none yet */
    guint16 n_items;
    guint16 cap_items;
    guint8  n_anoms;
    guint8  summary_kind[MT_SUMMARY_ARGS]; /* mt_sa_kind of summary_arg[] */
    guint8 *rebuilt;        /* copy of the whole line when MT_RF_REBUILT */
    const mt_text *label;   /* what this line is, for the subtree label */
    const mt_text *summary; /* the line's short meaning; may hold {1} {2} */
    mt_summary_arg summary_arg[MT_SUMMARY_ARGS];
    mt_item *items;
    mt_anomaly_ref *anoms;  /* n_anoms of them, owned; NULL: none (most lines) */
    /* What the record's bytes stand for once decoded, shown as a data
     * source of its own: a SASL line's Base64 (items with MT_SRC_DECODED
     * point into it; decoded_name NULL: "Decoded Base64"), or a MIME
     * part's body after Base64 or quoted-printable, text in UTF-8 (named
     * decoded_name). NULL: none. Owned; decoded_len bytes. */
    guint8 *decoded;
    char   *decoded_name;
} mt_record;

mt_record *mt_record_new(mt_proto proto, mt_dir dir, mt_rkind kind, guint32 frame);
void mt_record_free(mt_record *r);
/* Give back the room kept for items not added (the session does it once a
 * record is handed out; adding more items later still works). */
void mt_record_compact(mt_record *r);
/* About how many bytes of memory the record holds, itself included (for
 * the memory budgets of mt_session.h). */
gsize mt_record_size(const mt_record *r);

/* Add an item; returns its index, or -1 when the record is full (then
 * MT_RF_ITEMS_CAPPED is set and the item is dropped). */
gint mt_rec_uint(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                 guint64 v, const mt_text *meaning);
gint mt_rec_uint_fmt(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                     guint64 v, mt_fmt fmt, const mt_text *meaning);
gint mt_rec_bool(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                 gboolean v);
gint mt_rec_text(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                 const mt_text *t);
gint mt_rec_cstr(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                 const char *s);
gint mt_rec_bytes(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                  gboolean upper);
/* Takes ownership of s (g_malloc'd). */
gint mt_rec_owned(mt_record *r, gint parent, mt_field f, guint32 off, guint32 len,
                  char *s);
/* With parent -1: the line's explanation and its reference (set again:
 * replaced). With parent >= 0: the meaning of that part of the line
 * (mailteach.meaning) and its reference, nested under the part, unless
 * the line says it already. */
void mt_rec_explain(mt_record *r, gint parent, guint32 off, guint32 len,
                    const mt_text *t, const char *rfc);
/* Does an item of r already hold this text? (A part's meaning is given
 * once a line: mt_rec_explain(r, part, ...) skips a text already there.) */
gboolean mt_rec_says(const mt_record *r, const mt_text *t);
/* The line's explanation item, or NULL if none was set. */
const mt_item *mt_rec_explanation(const mt_record *r);
/* A short meaning shown after the value of item it (any kind of value).
 * Meanings are catalog texts, which live as long as the program. */
void mt_rec_set_meaning(mt_record *r, gint it, const mt_text *meaning);

/* The meaning of an item, or NULL. */
const mt_text *mt_item_meaning(const mt_item *it);
/* A remark about the line's situation, with its reference (rfc may be
 * NULL). Returns the item's index. */
gint mt_rec_note(mt_record *r, guint32 off, guint32 len, const mt_text *t, const char *rfc);

/* The summary: set (again: replaced, arguments cleared), then fill its
 * placeholders; n is 1 or 2. Bytes are copied, made valid UTF-8, control
 * characters shown as ".", and cut to MT_SUMMARY_ARG_MAX bytes ("..."). */
void mt_rec_summary(mt_record *r, const mt_text *t);
void mt_rec_summary_text(mt_record *r, guint n, const mt_text *t);
void mt_rec_summary_str(mt_record *r, guint n, const char *s);
void mt_rec_summary_bytes(mt_record *r, guint n, const guint8 *p, gsize len);
/* A space-separated list: up to MT_SUMMARY_LIST_MAX bytes, cut between
 * words (" ..." then), never inside one. */
void mt_rec_summary_words(mt_record *r, guint n, const guint8 *p, gsize len);
/* A number: cheap to set again and again (a count that grows). */
void mt_rec_summary_uint(mt_record *r, guint n, guint64 v);
/* The summary in lang with its placeholders filled, g_free() it; NULL if
 * the record has none. An unfilled placeholder shows as "?". */
char *mt_rec_summary_format(const mt_record *r, mt_lang lang);

/* Flag an anomaly (see mt_anomaly.h) on bytes of the line. Repeats of the
 * same id on a record are dropped. */
void mt_rec_anomaly(mt_record *r, guint16 id, guint32 off, guint32 len);
gboolean mt_rec_has_anomaly(const mt_record *r, guint16 id);

/* Bytes decoded from the line (copied), shown as a data source of their
 * own; items moved there with mt_rec_set_src() point into them. */
void mt_rec_set_decoded(mt_record *r, const guint8 *p, gsize len);
void mt_rec_set_src(mt_record *r, gint it, mt_src src);
/* The item's value (and the bytes it covers) is a secret: a password, a
 * bearer token or a digest made from the password. The adapter can hide
 * it (preference redact_secrets). */
void mt_rec_set_secret(mt_record *r, gint it);
/* Does a secret item cover any of these bytes of src? len 0: any byte. */
gboolean mt_rec_secret_overlaps(const mt_record *r, mt_src src, guint32 off, guint32 len);

/* Find the first item of field f; NULL if none. */
const mt_item *mt_rec_find(const mt_record *r, mt_field f);
/* The same among the items not nested under another one. */
const mt_item *mt_rec_find_top(const mt_record *r, mt_field f);

/* The number of a catalog text or static string, and back: numbers hold
 * for the program's life (0: NULL; mt_static_at() of an unknown number:
 * NULL). Never for memory that may be freed: the table keeps every
 * pointer it is given. */
guint32 mt_static_number(gconstpointer p);
gconstpointer mt_static_at(guint32 n);

/* Records packed into bytes (mt_record_pack.c): a record and its items
 * take about a quarter of their room in memory. The adapter packs the
 * records of a session that has ended and unpacks them when it shows a
 * frame again. base is a frame number near the records' own (the chunk's
 * frame); the same base unpacks them. Texts and static strings are named
 * by numbers that hold for the program's life, so packed bytes are only
 * for this process. mt_record_unpack() appends the records to out (free
 * them with mt_record_free()); on bytes that are not mt_record_pack()'s,
 * it appends nothing and returns FALSE. */
guint8 *mt_record_pack(mt_record *const *recs, guint n, guint32 base, gsize *len);
gboolean mt_record_unpack(const guint8 *p, gsize len, guint32 base, GPtrArray *out);

#endif /* MT_RECORD_H */
