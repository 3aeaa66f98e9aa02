/* test_fuzz_found.c - what fuzzing found in the core, one readable case each
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The input that found each bug is kept in fuzz/regress/<target>/ and
 * replayed by the fuzz.replay.* tests; here the same bug is stated the way
 * a reader understands it.
 */
#include <string.h>

#include <glib.h>

#include "mt_detect.h"
#include "mt_text.h"

/* fuzz_text: a piece limit shorter than the first character ("é" is two
 * bytes) cut the character in half, and the label shown was not UTF-8. */
static void
test_text_piece_keeps_characters_whole(void)
{
    const char *text = "\xc3\xa9t\xc3\xa9";     /* "été" */
    gsize skip = 9, piece;

    piece = mt_text_piece(text, 1, &skip);
    g_assert_cmpuint(piece, ==, 2);
    g_assert_cmpuint(skip, ==, 0);
    g_assert_true(g_utf8_validate(text, (gssize)piece, NULL));
    /* "日" is three bytes: a limit of 2 still gives the whole character */
    piece = mt_text_piece("\xe6\x97\xa5\xe6\x9c\xac", 2, &skip);
    g_assert_cmpuint(piece, ==, 3);
    /* where the character fits, the limit holds as before */
    g_assert_cmpuint(mt_text_piece("abcdef", 3, &skip), ==, 3);
}

/* fuzz_text: the fix above took "the first character" whole however many
 * continuation bytes followed; in text that is not UTF-8 that made one
 * piece of any length. A character is at most 4 bytes. */
static void
test_text_piece_bounded_on_invalid_utf8(void)
{
    char text[64];
    gsize skip;

    text[0] = 'x';
    memset(text + 1, 0x80, sizeof(text) - 2);     /* continuation bytes only */
    text[sizeof(text) - 1] = '\0';
    g_assert_cmpuint(mt_text_piece(text + 1, 1, &skip), <=, 4);
    g_assert_cmpuint(mt_text_piece(text + 1, 2, &skip), <=, 4);
}

static mt_proto
client_verdict(const char *line, mt_verdict *v)
{
    mt_proto p;

    *v = mt_detect_client((const guint8 *)line, strlen(line), MT_PROTO_NONE, &p);
    return p;
}

/* fuzz.mutation_short: a mutated FTP capture whose server segment "230
 * Login successful." opened a new conversation was taken for an IMAP
 * LOGIN (tag "230"), handed to Wireshark's IMAP dissector and shown as a
 * malformed IMAP request. LOGIN needs a user name and a password. */
static void
test_detect_ftp_reply_is_not_imap_login(void)
{
    mt_verdict v;

    g_assert_cmpint(client_verdict("230 Login successful.\r\n", &v), ==, MT_PROTO_NONE);
    g_assert_cmpint(v, ==, MT_DETECT_NO);
    g_assert_cmpint(client_verdict("250 Capability\r\n", &v), ==, MT_PROTO_IMAP);  /* a real CAPABILITY */
    g_assert_cmpint(client_verdict("250 CAPABILITY now\r\n", &v), ==, MT_PROTO_NONE);
    g_assert_cmpint(client_verdict("230 LOGIN alice secret\r\n", &v), ==, MT_PROTO_IMAP);
    g_assert_cmpint(v, ==, MT_DETECT_YES);
    g_assert_cmpint(client_verdict("a1 LOGIN {5}\r\n", &v), ==, MT_PROTO_IMAP);
    g_assert_cmpint(client_verdict("a1 AUTHENTICATE PLAIN\r\n", &v), ==, MT_PROTO_IMAP);
    g_assert_cmpint(client_verdict("a1 AUTHENTICATE\r\n", &v), ==, MT_PROTO_NONE);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fuzz_found/detect_ftp_reply_is_not_imap_login",
                    test_detect_ftp_reply_is_not_imap_login);
    g_test_add_func("/fuzz_found/text_piece_keeps_characters_whole",
                    test_text_piece_keeps_characters_whole);
    g_test_add_func("/fuzz_found/text_piece_bounded_on_invalid_utf8",
                    test_text_piece_bounded_on_invalid_utf8);
    return g_test_run();
}
