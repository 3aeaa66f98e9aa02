/* mt_imap_literal.c - IMAP literals in both directions
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A literal announced at the end of a line ("{n}", "{n+}", "~{n}") is
 * followed by n raw octets (RFC 9051 §4.3, LITERAL+ of RFC 7888). Here:
 * the announcement itemised, the line buffer told to hand over raw
 * octets, the raw records of the octets, the "+" a synchronising client
 * literal waits for, and a literal the server refused before it came.
 */

#include "mt_imap_int.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_mime.h"

void
literal_item(mt_record *r, gint parent, const inode *nd, gboolean client)
{
    gint it = mt_rec_uint_fmt(r, parent, MT_F_IMAP_LITERAL_SIZE, nd->off, nd->len, nd->num,
                              MT_FMT_OCTETS, NULL);

    if (nd->flags & NF_LITERAL8)
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL8);
    if (!client)
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL_SERVER);
    else if (nd->flags & NF_NONSYNC) {
        mt_rec_bool(r, it, MT_F_IMAP_LITERAL_NONSYNC, nd->off, nd->len, TRUE);
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL_NONSYNC);
    } else {
        explain_x(r, it, nd->off, nd->len, MT_IMAP_X_LITERAL_SYNC);
    }
}

/* Get ready for the literal that ends this line. */
static void
literal_start(mt_imap *s, mt_dir dir, const inode *nd, lit_role role, guint32 frame,
              guint32 req_frame)
{
    imap_literal *L = &s->lit[dir];

    mt_mime_free(L->mime);
    memset(L, 0, sizeof(*L));
    /* a whole message: APPEND's, or FETCH BODY[] / RFC822 */
    if (role == LIT_MESSAGE && nd->num > 0 && (dir == MT_DIR_CLIENT || s->resp.whole)) {
        L->mime = mt_mime_new();
        mt_mime_set_truncated(L->mime, dir == MT_DIR_SERVER && s->resp.whole == WHOLE_HEADER);
    }
    L->size = nd->num;
    L->nonsync = (nd->flags & NF_NONSYNC) != 0;
    L->role = role;
    L->whole = dir == MT_DIR_CLIENT ? WHOLE_MESSAGE : s->resp.whole;
    L->announce_frame = frame;
    L->req_frame = req_frame;
    if (nd->num > 0) {
        L->active = TRUE;
        mt_linebuf_expect_raw(&s->lb[dir], nd->num);
    }
}

/* The records the message's reader added from out[from] on get the
 * stage and next step. */
static void
mime_tag(mt_imap *s, GPtrArray *out, guint from)
{
    guint i;

    for (i = from; i < out->len; i++) {
        if (!mt_rec_find(out->pdata[i], MT_F_STAGE))
            add_stage_next(s, out->pdata[i], MT_IMAP_N_LITERAL_MORE);
    }
}

void
literal_piece(mt_imap *s, mt_dir dir, const mt_line *ln, guint32 frame, GPtrArray *out)
{
    imap_literal *L = &s->lit[dir];
    mt_record *r = mt_record_new(MT_PROTO_IMAP, dir, MT_R_RAW, frame);
    gboolean first = L->got == 0, done;
    gsize i;

    r->chunk_off = (guint32)ln->chunk_off;
    r->chunk_len = (guint32)ln->chunk_len;
    r->line_len = r->chunk_len;
    r->label = mt_imap_label_text(dir == MT_DIR_CLIENT ? MT_IMAP_L_LITERAL_CLIENT
                                                      : MT_IMAP_L_LITERAL_SERVER);
    if (dir == MT_DIR_SERVER)
        r->req_frame = L->req_frame;
    g_ptr_array_add(out, r);

    L->got += ln->len;
    done = !L->active || L->got >= L->size;
    for (i = 0; i < ln->len; i++) {
        if (ln->text[i] == '\n') {
            L->lines++;
            L->partial_line = FALSE;
        } else {
            L->partial_line = TRUE;
        }
    }
    if (L->role == LIT_USERNAME || L->role == LIT_MAILBOX || L->role == LIT_PASSWORD) {
        gsize n = MIN(ln->len, (gsize)(IMAP_LITERAL_KEEP - L->keep_len));
        memcpy(L->keep + L->keep_len, ln->text, n);
        L->keep_len += (guint)n;
    }

    mt_rec_uint_fmt(r, -1, MT_F_DATA_CHUNK, 0, 0, ln->len, MT_FMT_OCTETS, NULL);
    mt_rec_uint_fmt(r, -1, MT_F_IMAP_LITERAL_SIZE, 0, 0, L->size, MT_FMT_OCTETS, NULL);
    mt_rec_uint(r, -1, MT_F_IMAP_LITERAL_RECEIVED, 0, 0, L->got, NULL);
    explain_line(r, 0, 0, MT_IMAP_X_LITERAL_DATA);
    mt_rec_summary_uint(r, 1, L->got);
    mt_rec_summary_uint(r, 2, L->size);
    if (first && dir == MT_DIR_CLIENT && !L->nonsync && !L->waited && s->certain)
        mt_rec_anomaly(r, MT_A_IMAP_LITERAL_NOT_WAITED, 0, 0);

    if (L->mime) {
        mt_mime_ctx c = { MT_PROTO_IMAP, dir, frame, out };
        guint from = out->len;
        mt_mime_raw(L->mime, &c, ln);
        mime_tag(s, out, from);
    }
    if (done) {
        gint it;
        switch (L->role) {
        case LIT_USERNAME:
            if (L->keep_len > 0) {
                it = mt_rec_owned(r, -1, MT_F_AUTH_USERNAME, 0, 0, display_copy(L->keep, L->keep_len));
                explain_x(r, it, 0, 0, MT_IMAP_X_LITERAL_USERNAME);
                mt_sasl_set_user(&s->sasl, L->keep, L->keep_len);
            }
            break;
        case LIT_PASSWORD: {
            char *v = display_copy(L->keep, L->keep_len);
            explain_line(r, 0, 0, MT_IMAP_X_LITERAL_PASSWORD);
            if (dir == MT_DIR_CLIENT)
                mt_sasl_password(&s->sasl, r, 0, 0, v, s->tls_on);
            g_free(v);
            break;
        }
        case LIT_MAILBOX:
            if (L->keep_len > 0) {
                it = mt_rec_owned(r, -1, MT_F_IMAP_MAILBOX, 0, 0, display_copy(L->keep, L->keep_len));
                explain_x(r, it, 0, 0, MT_IMAP_X_LITERAL_MAILBOX);
            }
            break;
        case LIT_MESSAGE:
            mt_rec_uint(r, -1, MT_F_DATA_TOTAL_LINES, 0, 0, L->lines + (L->partial_line ? 1 : 0), NULL);
            mt_rec_uint_fmt(r, -1, MT_F_DATA_TOTAL_OCTETS, 0, 0, L->size, MT_FMT_OCTETS, NULL);
            note_x(r, MT_IMAP_X_LITERAL_MESSAGE);
            /* BODY[] and APPEND: the message; BODY[HEADER]: its header;
             * BODY[1.2.1], BODY[TEXT], BODY[2.MIME]: a part of it */
            summary_x(r, L->whole == WHOLE_MESSAGE ? MT_IMAP_X_S_LITERAL_MESSAGE
                         : L->whole == WHOLE_HEADER ? MT_IMAP_X_S_LITERAL_HEADER
                         : MT_IMAP_X_S_LITERAL_SECTION);
            mt_rec_summary_uint(r, 1, L->size);
            break;
        default:
            break;
        }
        if (L->role != LIT_PASSWORD && L->role != LIT_MESSAGE) {
            summary_x(r, MT_IMAP_X_S_LITERAL_END);
            mt_rec_summary_uint(r, 1, L->size);
        }
        note_x(r, MT_IMAP_X_LITERAL_DONE);
        if (L->mime) {
            mt_mime_ctx c = { MT_PROTO_IMAP, dir, frame, out };
            guint from = out->len;
            mt_mime_end_with(L->mime, &c, r, FALSE);
            mime_tag(s, out, from);
            mt_mime_free(L->mime);
            L->mime = NULL;
        }
        L->active = FALSE;
        add_stage_next(s, r, dir == MT_DIR_CLIENT ? MT_IMAP_N_CLIENT_LINE_GOES_ON
                                                  : MT_IMAP_N_SERVER_LINE_GOES_ON);
    } else {
        add_stage_next(s, r, MT_IMAP_N_LITERAL_MORE);
    }
}

/* Announce a literal that ends a client line; the next line goes on. */
void
client_literal(mt_imap *s, mt_record *r, const inode *lit, lit_role role, guint32 frame)
{
    literal_start(s, MT_DIR_CLIENT, lit, role, frame, 0);
    s->lit[MT_DIR_CLIENT].want_plus = !(lit->flags & NF_NONSYNC);
    s->cmode = CM_CONTINUE;
    if ((lit->flags & NF_NONSYNC) && s->caps_known && !(s->caps & MT_IMAP_CAP_LITERALPLUS)
        && !(lit->num <= 4096 && (s->caps & (MT_IMAP_CAP_LITERALMINUS | MT_IMAP_CAP_IMAP4REV2))))
        mt_rec_anomaly(r, MT_A_IMAP_LITERAL_PLUS_NOT_OFFERED, lit->off, lit->len);
}

mt_imap_next
client_literal_next(const mt_imap *s)
{
    const imap_literal *L = &s->lit[MT_DIR_CLIENT];

    if (L->size == 0)
        return MT_IMAP_N_CLIENT_LINE_GOES_ON;
    return L->nonsync ? MT_IMAP_N_LITERAL_GO : MT_IMAP_N_LITERAL_WAIT;
}

void
cancel_client_literal(mt_imap *s, mt_record *r)
{
    imap_literal *L = &s->lit[MT_DIR_CLIENT];

    if (!L->want_plus || L->got > 0)
        return;
    /* the client does not send a literal that the server refused; the
     * line buffer was told to expect it, so take that back */
    mt_linebuf_cancel_raw(&s->lb[MT_DIR_CLIENT]);
    mt_mime_free(L->mime);
    L->mime = NULL;
    L->active = FALSE;
    L->want_plus = FALSE;
    s->cmode = CM_COMMAND;
    note_x(r, MT_IMAP_X_LITERAL_NOT_SENT);
}

void
server_literal(mt_imap *s, const inode *lit, lit_role role, guint32 frame)
{
    literal_start(s, MT_DIR_SERVER, lit, role, frame, s->resp.req_frame);
    s->resp.active = TRUE;
}
