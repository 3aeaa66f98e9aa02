/* mt_linecheck.c - checks every protocol applies to a line
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_linecheck.h"

#include <string.h>

#include "mt_anomaly.h"

static const mt_text x_bs = MT_T("0x08 BACKSPACE: the terminal erased a character on the screen, but this byte was sent too. The server does not apply it: it sees every typed byte.");
static const mt_text x_del = MT_T("0x7F DELETE: erases a character on some terminals, but the byte itself was sent; the server sees it.");
static const mt_text x_cr = MT_T("A bare CR (0x0D): no LF follows it. CR and LF must occur only together, as CRLF at the end of a line; a client must not send a CR alone, and a program reading the line may take it for a line end.");
static const mt_text x_ctl = MT_T("A control character, sent as a raw byte.");
static const mt_text x_nul = MT_T("A NUL byte (0x00). Mail protocols do not allow it in text; many servers refuse the line or cut it here.");
static const mt_text x_on_screen = MT_T("What the line looked like on the user's screen after the corrections. The server received the raw bytes, not this.");
static const mt_text x_eol_lf = MT_T("LF only (bare LF)");

static const mt_text x_unfinished = MT_T("Part of a line that ends in a later segment: mailteach explains the whole line in the frame that completes it.");
static const mt_text l_unfinished = MT_T("Unfinished line");
static const mt_text s_unfinished = MT_T("start of a line, {1} octets so far");

mt_record *
mt_line_record(mt_proto proto, const mt_line *ln, mt_dir dir, guint32 frame, mt_rkind kind,
               const mt_text *label, GPtrArray *out)
{
    mt_record *r = mt_record_new(proto, dir, kind, frame);

    r->chunk_off = (guint32)ln->chunk_off;
    r->chunk_len = (guint32)ln->chunk_len;
    r->line_len = (guint32)MIN(ln->full_len + ln->eol_len, G_MAXUINT32);
    r->label = label;
    if (ln->rebuilt) {
        r->flags |= MT_RF_REBUILT;
        r->rebuilt = g_memdup2(ln->text, ln->len);
        r->rebuilt_len = (guint32)ln->len;
        if (ln->len < ln->full_len)
            r->flags |= MT_RF_TRUNCATED;
    }
    g_ptr_array_add(out, r);
    return r;
}

mt_record *
mt_linecheck_unfinished(mt_proto proto, mt_dir dir, guint32 frame, const mt_linebuf *lb,
                        GPtrArray *out)
{
    mt_record *r;

    if (lb->tail_len == 0)
        return NULL;
    r = mt_record_new(proto, dir, MT_R_PARTIAL, frame);
    r->chunk_off = (guint32)lb->tail_off;
    r->chunk_len = (guint32)lb->tail_len;
    r->line_len = r->chunk_len;
    r->label = &l_unfinished;
    mt_rec_uint_fmt(r, -1, MT_F_LINE_PARTIAL, 0, 0, lb->partial_len, MT_FMT_OCTETS, NULL);
    mt_rec_explain(r, -1, 0, 0, &x_unfinished, NULL);
    mt_rec_summary(r, &s_unfinished);
    mt_rec_summary_uint(r, 1, lb->partial_len);
    g_ptr_array_add(out, r);
    return r;
}

static gboolean
is_control(guint8 c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

gboolean
mt_linecheck_needed(const mt_line *ln, const mt_linecheck_rules *rules)
{
    gsize i;

    if (ln->eol == MT_EOL_LF)
        return TRUE;
    if (rules->max_octets && ln->full_len + ln->eol_len > rules->max_octets)
        return TRUE;
    for (i = 0; i < ln->len; i++) {
        if (is_control(ln->text[i])
            && (rules->controls || ln->text[i] == 0 || ln->text[i] == '\r'))
            return TRUE;
    }
    return FALSE;
}

char *
mt_line_on_screen(const guint8 *text, gsize len)
{
    GString *s;
    gsize i;
    gboolean edited = FALSE;

    for (i = 0; i < len; i++) {
        if (text[i] == 0x08 || text[i] == 0x7f) {
            edited = TRUE;
            break;
        }
    }
    if (!edited)
        return NULL;
    s = g_string_sized_new(len);
    for (i = 0; i < len; i++) {
        guint8 c = text[i];
        if (c == 0x08 || c == 0x7f) {
            /* erase one character, a whole UTF-8 sequence if need be */
            while (s->len > 0 && ((guchar)s->str[s->len - 1] & 0xC0) == 0x80)
                g_string_truncate(s, s->len - 1);
            if (s->len > 0)
                g_string_truncate(s, s->len - 1);
        } else if (c >= 0x20 || c == '\t') {
            g_string_append_c(s, (gchar)c);
        }
    }
    /* the typed bytes need not be UTF-8; the shown text must be */
    if (!g_utf8_validate(s->str, (gssize)s->len, NULL)) {
        char *valid = g_utf8_make_valid(s->str, (gssize)s->len);
        g_string_free(s, TRUE);
        return valid;
    }
    return g_string_free(s, FALSE);
}

gboolean
mt_linecheck(mt_record *r, const mt_line *ln, const mt_linecheck_rules *rules)
{
    gboolean found = FALSE;
    guint64 octets = ln->full_len + ln->eol_len;
    gsize i;
    guint n_ctl = 0;
    gboolean nul_seen = FALSE, cr_seen = FALSE, edit_seen = FALSE;

    if (ln->eol == MT_EOL_LF) {
        gint it = mt_rec_text(r, -1, MT_F_LINE_EOL, (guint32)ln->full_len, 1, &x_eol_lf);
        if (rules->bare_lf)
            mt_rec_explain(r, it, (guint32)ln->full_len, 1, rules->bare_lf, rules->bare_lf_rfc);
        mt_rec_anomaly(r, MT_A_BARE_LF, (guint32)ln->full_len, 1);
        found = TRUE;
    }
    if (rules->max_octets && octets > rules->max_octets) {
        gint it = mt_rec_uint_fmt(r, -1, MT_F_LINE_LENGTH, 0, 0, octets, MT_FMT_OCTETS, NULL);
        if (rules->too_long)
            mt_rec_explain(r, it, 0, 0, rules->too_long, rules->too_long_rfc);
        mt_rec_anomaly(r, MT_A_LINE_TOO_LONG, 0, 0);
        found = TRUE;
    }
    for (i = 0; i < ln->len; i++) {
        guint8 c = ln->text[i];
        const mt_text *x;
        gint it;

        if (!is_control(c))
            continue;
        if (c != 0 && c != '\r' && !rules->controls)
            continue;
        found = TRUE;
        if (c == 0) {
            if (!nul_seen)
                mt_rec_anomaly(r, MT_A_NUL, (guint32)i, 1);
            nul_seen = TRUE;
            x = &x_nul;
        } else if (c == '\r') {
            if (!cr_seen)
                mt_rec_anomaly(r, MT_A_BARE_CR, (guint32)i, 1);
            cr_seen = TRUE;
            x = &x_cr;
        } else {
            if (c == 0x08 || c == 0x7f)
                edit_seen = TRUE;
            mt_rec_anomaly(r, MT_A_CONTROL_CHAR, (guint32)i, 1);
            x = c == 0x08 ? &x_bs : c == 0x7f ? &x_del : &x_ctl;
        }
        if (n_ctl++ >= MT_LINECHECK_MAX_CONTROLS)
            continue;
        it = mt_rec_uint_fmt(r, -1, MT_F_LINE_CONTROL, (guint32)i, 1, c, MT_FMT_CHAR, NULL);
        /* said once a line, at the first such byte (mt_rec_explain) */
        mt_rec_explain(r, it, (guint32)i, 1, x, NULL);
    }
    if (edit_seen) {
        char *shown = mt_line_on_screen(ln->text, ln->len);
        if (shown) {
            gint it = mt_rec_owned(r, -1, MT_F_LINE_ON_SCREEN, 0, 0, shown);
            mt_rec_explain(r, it, 0, 0, &x_on_screen, NULL);
        }
    }
    return found;
}
