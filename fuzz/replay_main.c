/* replay_main.c - run a fuzz target over files, without libFuzzer
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Linked with one fuzz_<name>.c, it replays every file named on the
 * command line (a folder: every file in it, recursively) through
 * LLVMFuzzerTestOneInput, so any compiler can replay the corpus and the
 * crash reproducers in CI. A crash or a broken invariant aborts; the
 * file being replayed is printed first. Exit status 0 when every input
 * ran, 1 when a folder or file could not be read or nothing was replayed.
 *
 *   replay_fuzz_lines fuzz/corpus/fuzz_lines fuzz/regress/fuzz_lines
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "mt_fuzz.h"

static guint replayed;
static gboolean failed;

static void
replay_file(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    GError *err = NULL;

    if (!g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "cannot read %s: %s\n", path, err->message);
        g_error_free(err);
        failed = TRUE;
        return;
    }
    fprintf(stderr, "replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    g_free(data);
    replayed++;
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
replay_path(const char *path)
{
    GDir *dir;
    const char *name;
    GPtrArray *names;
    guint i;

    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        replay_file(path);
        return;
    }
    dir = g_dir_open(path, 0, NULL);
    if (dir == NULL) {
        fprintf(stderr, "cannot open folder %s\n", path);
        failed = TRUE;
        return;
    }
    names = g_ptr_array_new_with_free_func(g_free);
    while ((name = g_dir_read_name(dir)) != NULL) {
        if (name[0] != '.')
            g_ptr_array_add(names, g_build_filename(path, name, NULL));
    }
    g_dir_close(dir);
    g_ptr_array_sort(names, by_name);      /* the same order on every run */
    for (i = 0; i < names->len; i++)
        replay_path((const char *)g_ptr_array_index(names, i));
    g_ptr_array_free(names, TRUE);
}

int
main(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        /* a missing folder is an empty one (a target without reproducers) */
        if (!g_file_test(argv[i], G_FILE_TEST_EXISTS))
            continue;
        replay_path(argv[i]);
    }
    printf("%s: replayed %u inputs\n", argc > 0 ? argv[0] : "replay", replayed);
    return failed || replayed == 0 ? 1 : 0;
}
