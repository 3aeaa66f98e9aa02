/* mt_test_util.h - feeding scripted sessions to the core in unit tests
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A session is a list of steps, each a chunk of one direction with the
 * frame number it arrives in. The runner feeds each step whole, one byte
 * at a time, or cut at pseudo-random points, so that every test checks
 * that the result does not depend on how TCP cut the bytes.
 */
#ifndef MT_TEST_UTIL_H
#define MT_TEST_UTIL_H

#include <glib.h>

#include "mt_record.h"
#include "mt_session.h"

typedef struct {
    mt_dir      dir;
    const char *bytes;
    gsize       len;        /* 0: strlen(bytes) */
} mt_step;

#define C(s) { MT_DIR_CLIENT, (s), 0 }
#define S(s) { MT_DIR_SERVER, (s), 0 }

typedef enum {
    MT_FEED_WHOLE = 0,
    MT_FEED_BYTES,
    MT_FEED_RANDOM
} mt_feed_mode;

typedef struct {
    mt_session *session;
    GPtrArray  *recs;       /* mt_record *, in order */
    GPtrArray  *rec_chunk;  /* GBytes * the record's chunk, parallel to recs */
} mt_run;

/* Are two records the same, field by field, item by item? (Asserts.) */
void mt_check_record_equal(const mt_record *a, const mt_record *b);
/* Pack the records (mt_record_pack()), unpack them and assert that each
 * came back the same. */
void mt_check_pack_round_trip(mt_record *const *recs, guint n, guint32 base);

/* Frame numbers are step index + 1. */
mt_run *mt_run_steps(mt_proto proto, const mt_step *steps, gsize n, mt_feed_mode mode);
void mt_run_free(mt_run *run);

/* The value of an item as text (numbers in decimal, texts in English). */
char *mt_run_item_value(const mt_run *run, guint rec, const mt_item *it);

/* Index of the nth (from 0) record that has an item of field f whose value
 * equals value (or any value if NULL); -1 if none. */
gint mt_run_find(const mt_run *run, mt_field f, const char *value, guint nth);
/* Record i, asserting it exists. */
const mt_record *mt_run_rec(const mt_run *run, gint i);
/* Like mt_run_find, but fails the test when there is no such record. */
gint mt_run_need(const mt_run *run, mt_field f, const char *value, guint nth);
/* Number of items of field f in r. */
guint mt_rec_count_items(const mt_record *r, mt_field f);
/* Does record rec have an item of field f whose value contains substr? */
gboolean mt_run_has(const mt_run *run, guint rec, mt_field f, const char *substr);
/* Does record rec's summary (English, placeholders filled) equal want? */
gboolean mt_run_summary_is(const mt_run *run, guint rec, const char *want);
/* Does any text item of record rec (explanation, meaning, note ...) or its
 * summary contain substr? For checking that a text is NOT there. */
gboolean mt_run_mentions(const mt_run *run, guint rec, const char *substr);
/* Number of records with anomaly id. */
guint mt_run_count_anomaly(const mt_run *run, guint16 id);
/* A canonical text of every record but message-text summaries, for
 * comparing feeding modes. */
char *mt_run_dump(const mt_run *run);
/* Sum of MT_F_DATA_LINES over message summaries. */
guint64 mt_run_message_lines(const mt_run *run);

/* Runs the steps whole, byte by byte and cut at random, asserts the dumps
 * agree, and returns the whole run. */
mt_run *mt_run_all_ways(mt_proto proto, const mt_step *steps, gsize n);

/* The teaching contract of mt_record.h, checked on every record of every
 * scripted session (mt_run_steps does it): exactly one explanation of the
 * line, meanings only under parts of it, no text twice, a summary with
 * every placeholder filled and at most MT_TEST_SUMMARY_MAX bytes, no
 * expert info twice. */
#define MT_TEST_SUMMARY_MAX 80
/* A catalog's summary text, before its placeholders are filled. */
#define MT_TEST_SUMMARY_TEXT_MAX 60
void mt_check_record_teaching(const mt_record *r, const char *what);

/* Catalog text checks shared by the catalog tests. Wireshark cuts tree
 * labels at MT_TEST_LABEL_MAX bytes. */
#define MT_TEST_LABEL_MAX       240
/* The longest sentence: it must fit in one "Explanation: ..." label
 * (240 bytes with its terminating NUL). */
#define MT_TEST_SENTENCE_MAX    (MT_TEST_LABEL_MAX - 1 - 13)
#define MT_TEST_EXPLANATION_MAX 400
#define MT_TEST_NAME_MAX        80
#define MT_TEST_SENTENCES_MAX   3

/* English text: valid UTF-8, not empty, at most max_bytes, no control
 * byte, ASCII except "§", no leading/trailing or double space. */
void mt_check_english(const char *what, const char *s, gsize max_bytes);

/* A teaching text: English as above, each sentence (split at ". ") fits
 * in one label, at most MT_TEST_SENTENCES_MAX sentences, the adapter's
 * splitter cuts it only between sentences, and every language slot yields
 * a text. */
void mt_check_teaching(const char *what, const mt_text *t);

/* A line's short meaning in a catalog: English as above, at most
 * MT_TEST_SUMMARY_TEXT_MAX bytes, no final period, not capitalised like a
 * sentence. */
void mt_check_summary(const char *what, const mt_text *t);

/* A row of a session-text table: a teaching text, a summary, or both. */
void mt_check_line_text(const char *what, const mt_text *text, const mt_text *summary);

#endif /* MT_TEST_UTIL_H */
