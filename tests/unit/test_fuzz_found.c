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

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fuzz_found/text_piece_keeps_characters_whole",
                    test_text_piece_keeps_characters_whole);
    g_test_add_func("/fuzz_found/text_piece_bounded_on_invalid_utf8",
                    test_text_piece_bounded_on_invalid_utf8);
    return g_test_run();
}
