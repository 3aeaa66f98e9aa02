/* mt_fuzz.h - what every mailteach fuzz target shares
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A fuzz target is one file fuzz_<name>.c that defines
 * LLVMFuzzerTestOneInput(); fuzz/CMakeLists.txt finds it by its name and
 * builds it twice: as a libFuzzer binary (clang, -DMAILTEACH_FUZZ=ON) and
 * as a replay binary (any compiler) that runs the corpus through the same
 * function as a ctest test. Its seeds live in fuzz/corpus/<name>/ and
 * inputs that once crashed it in fuzz/regress/<name>/.
 *
 * Session inputs are a list of TCP segments, each one:
 *
 *   byte 0   bit 7: 1 = server to client, 0 = client to server
 *            bit 6: 1 = same frame as the segment before (a frame that
 *                   carries several chunks, as after TCP reassembly)
 *            bits 5..0: high bits of the length
 *   byte 1   low 8 bits of the length (so at most 16383 bytes)
 *   then the segment's bytes (fewer if the input ends first)
 *
 * so the fuzzer decides where TCP cut the stream and the need-more paths
 * of every parser are reached. fuzz/make_seeds.py writes real sessions
 * from captures/ in this form.
 *
 * A broken promise to the adapter (an offset outside the chunk, an item
 * whose parent comes after it, an unknown field or anomaly id) aborts,
 * so the fuzzer reports it like a crash.
 */
#ifndef MT_FUZZ_H
#define MT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "mt_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
#define MT_FUZZ_CHECK(cond) \
    do { if (!(cond)) mt_fuzz_fail(__FILE__, __LINE__, #cond); } while (0)
G_NORETURN void mt_fuzz_fail(const char *file, int line, const char *what);

#define MT_FUZZ_SEG_MAX 16383

typedef struct {
    const guint8 *data;
    gsize         size;
    gsize         pos;
} mt_fuzz_reader;

typedef struct {
    mt_dir        dir;
    gboolean      same_frame;
    const guint8 *bytes;
    gsize         len;
} mt_fuzz_segment;

void mt_fuzz_reader_init(mt_fuzz_reader *rd, const guint8 *data, gsize size);
/* The next segment; FALSE at the end of the input. */
gboolean mt_fuzz_next_segment(mt_fuzz_reader *rd, mt_fuzz_segment *seg);

/* Check what the adapter relies on in the records one feed of chunk_len
 * bytes returned, and read every text they point to (so that the
 * sanitizers see a dangling or unterminated one). */
void mt_fuzz_check_records(mt_proto proto, mt_dir dir, guint32 frame, gsize chunk_len,
                           const GPtrArray *recs);

/* Feed the segments of data to a session of proto, as the adapter does:
 * ask first whether they accept a STARTTLS, then feed, then check. */
void mt_fuzz_session(mt_proto proto, const guint8 *data, gsize size);

/* Feed the segments as mt_fuzz_session() does, each segment whole
 * (cut_seed 0) or cut again at pseudo-random points seeded by cut_seed,
 * all pieces of a segment in its frame; returns a canonical text of the
 * records whose content must not depend on where TCP cut the bytes (as
 * the unit tests' mt_run_dump: message-text counts, raw octets and
 * unfinished-line records aside). g_free() it. */
char *mt_fuzz_session_dump(mt_proto proto, const guint8 *data, gsize size, guint32 cut_seed);

/* Touch every byte of a NUL-terminated string. */
void mt_fuzz_touch(const char *s);

#endif /* MT_FUZZ_H */
