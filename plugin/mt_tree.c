/* mt_tree.c - the core's records as tree items and expert infos
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One "mailteach" item per chunk of bytes, one subtree per record, one item
 * per record item. Texts are looked up in the chosen language only here,
 * and only when a tree is being built; expert infos are added either way.
 *
 * The cheap thing when nobody looks: a display filter or a tap without -V
 * builds a tree that is not shown, where Wireshark keeps only the fields
 * someone asked for. Items of fields nobody asked for are not formatted at
 * all there (proto_field_is_referenced()), and the teaching notes, one
 * Chat expert info per line, are made only when a tree is shown (-V and,
 * in tshark, -T fields), mailteach.teaching_note or an _ws.expert field is
 * asked for, or an expert tap listens (Analyze > Expert Information,
 * tshark -z expert). The problems mailteach flags are expert infos in
 * every case.
 *
 * The fields, subtrees and expert infos rendered here are registered here
 * too, one per row of the core's mt_fields*.def and mt_anomalies*.def
 * tables, by mt_tree_register(), which the entry file calls.
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/strutil.h>
#include <epan/tap.h>
#include <wsutil/str_util.h>

#include "mt_epan.h"
#include "core/mt_anomaly.h"
#include "core/mt_format.h"
#include "core/mt_smtp_catalog.h"
#include "core/mt_text.h"

static int proto_mailteach = -1;
static const mt_prefs_t *tree_prefs;

/* ---- fields ---- */

static int hf_mt_protocol = -1;
static int hf_mt_line = -1;
static int hf_mt_request_in = -1;
static int hf_mt_response_in = -1;
/* One per row of the core's mt_fields*.def, indexed by mt_field. */
static int hf_mt_field[MT_F_COUNT];

static int
mt_hf_for_field(mt_field f)
{
    return (unsigned)f < MT_F_COUNT && f != MT_F_NONE ? hf_mt_field[f] : -1;
}

/* ---- subtrees ---- */

static gint ett_mailteach = -1;
static gint ett_mt_line = -1;
static gint ett_mt_field[MT_F_COUNT];

static gint
mt_ett_for_field(mt_field f)
{
    return (unsigned)f < MT_F_COUNT ? ett_mt_field[f] : ett_mt_line;
}

/* ---- expert infos, one per row of the core's mt_anomalies*.def ---- */

static expert_field ei_mt[MT_A_COUNT];
/* A teaching note: the line's short meaning (preference teaching_notes). */
static expert_field ei_mt_teaching_note = EI_INIT;

static expert_field *
mt_ei_for_anomaly(mt_anomaly a)
{
    return (unsigned)a < MT_A_COUNT && a != MT_A_NONE ? &ei_mt[a] : NULL;
}
/* How much of a line its subtree label shows. */
#define MT_LABEL_LINE_MAX 120

static const char *const proto_names[] = { "", "SMTP", "POP3", "IMAP" };

typedef struct {
    tvbuff_t *tvb;      /* the chunk's or the rebuilt line's bytes */
    gint      base;     /* where the record's line starts in tvb */
    gint      avail;    /* bytes of tvb from base on */
    const mt_record *rec;
    tvbuff_t *dec_tvb;  /* the record's decoded bytes, a data source, or NULL */
} line_view;

/* ---- secrets (preference redact_secrets) ---- */

#define MT_REDACTED "\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"   /* four U+2022 */

static gboolean
redacting(void)
{
    return tree_prefs->redact ? TRUE : FALSE;
}

/* "•••• (6 characters)" for a secret of n UTF-8 characters, in the
 * language of the explanations. */
static const char *
placeholder_format(glong n)
{
    mt_lang lang = mt_prefs_lang(tree_prefs);

    return n == 1 ? mt_tr(lang, MT_NF(MT_REDACTED " (%ld character)"))
                  : mt_tr(lang, MT_NF(MT_REDACTED " (%ld characters)"));
}

static void
append_placeholder(GString *out, glong n)
{
    g_string_append_printf(out, placeholder_format(n), n);
}

static glong
utf8_chars(const guint8 *p, gsize n)
{
    glong c = 0;
    gsize i;

    for (i = 0; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            c++;
    }
    return c;
}

/* The end of the secret item of src that covers byte pos, or 0. */
static guint32
secret_end_at(const mt_record *r, mt_src src, guint32 pos)
{
    guint i;
    guint32 end = 0;

    for (i = 0; i < r->n_items; i++) {
        const mt_item *it = &r->items[i];
        if (it->secret && it->src == src && it->len > 0 && pos >= it->off && pos - it->off < it->len)
            end = MAX(end, it->off + it->len);
    }
    return end;
}

/* Bytes p[0..n) found at offset base of r's src, as display text:
 * escape: NUL as \0 and other control characters as \xNN; when
 * redacting, every secret run replaced by its placeholder. */
static char *
show_bytes(packet_info *pinfo, const mt_record *r, mt_src src, const guint8 *p, guint32 base,
           gint n, gboolean escape)
{
    GString *out = g_string_sized_new((gsize)MAX(n, 0) + 8);
    gboolean redact = r && redacting();
    char *valid, *res;
    gint i = 0;

    while (i < n) {
        guint32 end = redact ? secret_end_at(r, src, base + (guint32)i) : 0;
        if (end > 0) {
            gint stop = (gint)MIN((guint32)n, end - base);
            append_placeholder(out, utf8_chars(p + i, (gsize)(stop - i)));
            i = stop;
            continue;
        }
        if (escape && p[i] == 0)
            g_string_append(out, "\\0");
        else if (escape && (p[i] < 0x20 || p[i] == 0x7f))
            g_string_append_printf(out, "\\x%02x", p[i]);
        else
            g_string_append_c(out, (gchar)p[i]);
        i++;
    }
    valid = g_utf8_make_valid(out->str, (gssize)out->len);
    g_string_free(out, TRUE);
    res = wmem_strdup(pinfo->pool, valid);
    g_free(valid);
    return res;
}

/* A computed value that is a secret, or holds one: its placeholder. */
static const char *
hide_value(packet_info *pinfo, const mt_record *r, const mt_item *it, const char *value)
{
    glong n;

    if (!redacting() || r == NULL
        || !(it->secret || mt_rec_secret_overlaps(r, (mt_src)it->src, it->off, it->len)))
        return value;
    n = g_utf8_strlen(value, -1);
    return wmem_strdup_printf(pinfo->pool, placeholder_format(n), n);
}

/* Offsets from the core are trusted only as far as the bytes go. */
static void
clamp(const line_view *lv, guint32 off, guint32 len, gint *start, gint *length)
{
    if (len == 0 || (gint)off >= lv->avail || off > G_MAXINT32) {
        *start = lv->base;
        *length = 0;
        return;
    }
    *start = lv->base + (gint)off;
    *length = (gint)MIN((guint32)(lv->avail - (gint)off), len);
}

static const char *
text_of(const mt_text *t)
{
    return mt_text_get(t, mt_prefs_lang(tree_prefs));
}

/* A text is one item of its field, whose value is the whole text. Its
 * label shows as many whole sentences as fit in Wireshark's
 * ITEM_LABEL_LENGTH; the sentences that do not fit follow as lines of text
 * under it, cut only between sentences. */
static proto_item *
add_text(proto_tree *tree, int hf, mt_field f, const line_view *lv, gint start, gint length,
         const char *text, packet_info *pinfo)
{
    proto_item *pi, *more;
    proto_tree *sub;
    gsize piece, skip;
    guint guard = 0;
    /* "Name: " and the terminating NUL */
    gsize max = ITEM_LABEL_LENGTH - 1 - 2 - strlen(proto_registrar_get_name(hf));

    piece = mt_text_piece(text, max, &skip);
    if (text[piece] == '\0') {
        pi = proto_tree_add_string(tree, hf, lv->tvb, start, length, text);
    } else {
        pi = proto_tree_add_string_format_value(tree, hf, lv->tvb, start, length, text, "%s",
                                                wmem_strndup(pinfo->pool, text, piece));
        sub = proto_item_add_subtree(pi, mt_ett_for_field(f));
        text += piece + skip;
        while (*text && guard++ < 16) {
            piece = mt_text_piece(text, ITEM_LABEL_LENGTH - 1, &skip);
            if (piece == 0)
                break;
            proto_tree_add_subtree_format(sub, lv->tvb, start, length, mt_ett_for_field(f), &more,
                                          "%s", wmem_strndup(pinfo->pool, text, piece));
            if (length == 0)
                proto_item_set_generated(more);
            text += piece + skip;
        }
    }
    if (length == 0)
        proto_item_set_generated(pi);
    return pi;
}

static proto_item *
add_uint(proto_tree *tree, int hf, const line_view *lv, gint start, gint length,
         const mt_item *it)
{
    char *extra = NULL;
    const mt_text *meaning_text = mt_item_meaning(it);
    const char *meaning = meaning_text ? text_of(meaning_text) : NULL;
    proto_item *pi;
    guint64 v = it->v.u;

    if (it->fmt == MT_FMT_OCTETS)
        extra = mt_format_octets(v);
    else if (it->fmt == MT_FMT_CHAR && mt_control_name((guint8)v))
        extra = g_strdup_printf("0x%02x, %s", (guint)v, mt_control_name((guint8)v));

    switch (proto_registrar_get_ftype(hf)) {
    case FT_UINT64:
        if (extra)
            pi = proto_tree_add_uint64_format_value(tree, hf, lv->tvb, start, length, v, "%s", extra);
        else if (meaning)
            pi = proto_tree_add_uint64_format_value(tree, hf, lv->tvb, start, length, v,
                                                    "%" G_GUINT64_FORMAT " (%s)", v, meaning);
        else
            pi = proto_tree_add_uint64(tree, hf, lv->tvb, start, length, v);
        break;
    default: {
        guint32 v32 = v > G_MAXUINT32 ? G_MAXUINT32 : (guint32)v;
        if (extra)
            pi = proto_tree_add_uint_format_value(tree, hf, lv->tvb, start, length, v32, "%s", extra);
        else if (meaning)
            pi = proto_tree_add_uint_format_value(tree, hf, lv->tvb, start, length, v32,
                                                  "%u (%s)", v32, meaning);
        else
            pi = proto_tree_add_uint(tree, hf, lv->tvb, start, length, v32);
        break;
    }
    }
    g_free(extra);
    return pi;
}

/* "Extension: PIPELINING (Command pipelining)": the value stays the
 * field's value; the meaning is only shown. */
static proto_item *
add_string(proto_tree *tree, int hf, const line_view *lv, gint start, gint length,
           const char *value, const mt_text *meaning, packet_info *pinfo)
{
    if (meaning)
        return proto_tree_add_string_format_value(tree, hf, lv->tvb, start, length, value,
                                                  "%s (%s)",
                                                  mt_format_text_string(pinfo->pool, value),
                                                  text_of(meaning));
    return proto_tree_add_string(tree, hf, lv->tvb, start, length, value);
}

static proto_item *
add_item(proto_tree *tree, const line_view *line_lv, const mt_item *it, packet_info *pinfo)
{
    int hf = mt_hf_for_field((mt_field)it->field);
    gint start, length;
    proto_item *pi = NULL;
    line_view dec_lv;
    const line_view *lv = line_lv;
    const mt_record *r = line_lv->rec;

    if (hf < 0 || !proto_field_is_referenced(tree, hf))
        return NULL;
    if (it->src == MT_SRC_DECODED) {
        /* bytes of the decoded data source */
        dec_lv.tvb = line_lv->dec_tvb ? line_lv->dec_tvb : line_lv->tvb;
        dec_lv.base = 0;
        dec_lv.avail = line_lv->dec_tvb ? (gint)tvb_captured_length(line_lv->dec_tvb) : 0;
        dec_lv.rec = r;
        dec_lv.dec_tvb = line_lv->dec_tvb;
        lv = &dec_lv;
    }
    clamp(lv, it->off, it->len, &start, &length);

    switch (it->vkind) {
    case MT_V_TEXT:
        return add_text(tree, hf, (mt_field)it->field, lv, start, length, text_of(it->v.text), pinfo);
    case MT_V_CSTR:
        pi = add_string(tree, hf, lv, start, length, it->v.cstr, mt_item_meaning(it), pinfo);
        break;
    case MT_V_OWNED:
        pi = add_string(tree, hf, lv, start, length, hide_value(pinfo, r, it, it->v.owned),
                        mt_item_meaning(it), pinfo);
        break;
    case MT_V_BYTES:
    case MT_V_BYTES_UP: {
        char *s;
        if (it->src == MT_SRC_DECODED || (r && redacting()
                                          && mt_rec_secret_overlaps(r, MT_SRC_LINE, it->off, it->len))) {
            /* decoded bytes may hold NUL and ^A; secrets hidden */
            s = show_bytes(pinfo, r, (mt_src)it->src,
                           length > 0 ? tvb_get_ptr(lv->tvb, start, length) : NULL,
                           (guint32)(start - lv->base), length, it->src == MT_SRC_DECODED);
            if (it->secret && redacting() && length == 0)
                s = (char *)hide_value(pinfo, r, it, s);
        } else {
            s = (char *)tvb_get_string_enc(pinfo->pool, lv->tvb, start, length, ENC_UTF_8);
        }
        if (it->vkind == MT_V_BYTES_UP)
            ascii_strup_inplace(s);
        pi = add_string(tree, hf, lv, start, length, s, mt_item_meaning(it), pinfo);
        break;
    }
    case MT_V_UINT:
        pi = add_uint(tree, hf, lv, start, length, it);
        break;
    case MT_V_BOOL:
        pi = proto_tree_add_boolean(tree, hf, lv->tvb, start, length, it->v.u ? 1 : 0);
        break;
    default:
        return NULL;
    }
    if (length == 0)
        proto_item_set_generated(pi);
    return pi;
}

/* A line's short meaning, formatted once for the packet however many
 * places show it (the summary item, a MIME part's line, the teaching note,
 * the Info column); NULL if it has none. */
typedef struct {
    const mt_record *r;
    gboolean done;
    const char *text;
} line_summary;

static const char *
summary_of(line_summary *ls, packet_info *pinfo)
{
    if (!ls->done) {
        char *text = mt_rec_summary_format(ls->r, mt_prefs_lang(tree_prefs));

        ls->text = text ? wmem_strdup(pinfo->pool, text) : NULL;
        g_free(text);
        ls->done = TRUE;
    }
    return ls->text;
}

/* "Command: MAIL FROM:<a@b>" */
static proto_item *
add_line_item(proto_tree *tree, tvbuff_t *tvb, const line_view *lv, line_summary *ls,
              packet_info *pinfo)
{
    const mt_record *r = ls->r;
    const char *label = r->label ? text_of(r->label) : "";
    gint show = 0;
    const guint8 *p;
    char *text;
    proto_item *pi;

    if (r->kind == MT_R_PARTIAL) {
        show = MIN(lv->avail, MT_LABEL_LINE_MAX);
        text = mt_format_text(pinfo->pool, tvb_get_ptr(lv->tvb, lv->base, show), show);
    } else if (r->kind == MT_R_MIME_PART) {
        /* a body told at its end: what it is, not its first octets */
        const char *sum = summary_of(ls, pinfo);
        text = wmem_strdup(pinfo->pool, sum ? sum : "");
    } else if (r->kind == MT_R_MESSAGE || r->kind == MT_R_RAW) {
        const mt_item *n = mt_rec_find(r, r->kind == MT_R_RAW ? MT_F_DATA_CHUNK : MT_F_DATA_LINES);
        guint64 v = n ? n->v.u : 0;
        mt_lang lang = mt_prefs_lang(tree_prefs);

        text = wmem_strdup_printf(pinfo->pool,
                                  r->kind == MT_R_RAW ? mt_tr(lang, MT_NF("%llu octets"))
                                  : v == 1 ? mt_tr(lang, MT_NF("%llu line")) : mt_tr(lang, MT_NF("%llu lines")),
                                  (unsigned long long)v);
    } else {
        show = MIN(lv->avail, MT_LABEL_LINE_MAX);
        /* not the end of line */
        while (show > 0) {
            guint8 c = tvb_get_uint8(lv->tvb, lv->base + show - 1);
            if (c != '\r' && c != '\n')
                break;
            show--;
        }
        p = tvb_get_ptr(lv->tvb, lv->base, show);
        if (show > 0 && redacting() && mt_rec_secret_overlaps(r, MT_SRC_LINE, 0, (guint32)show))
            text = show_bytes(pinfo, r, MT_SRC_LINE, p, 0, show, TRUE);
        else
            text = show > 0 ? mt_format_text(pinfo->pool, p, show) : wmem_strdup(pinfo->pool, "(empty line)");
        if (show < lv->avail && (gint)r->line_len > show + 2 && show == MT_LABEL_LINE_MAX)
            text = wmem_strconcat(pinfo->pool, text, "…", NULL);
    }
    pi = proto_tree_add_string_format(tree, hf_mt_line, tvb, r->chunk_off, r->chunk_len, text,
                                      "%s: %s", label, text);
    return pi;
}

/* "Summary: recipient accepted" */
static void
add_summary(proto_tree *tree, tvbuff_t *tvb, line_summary *ls, packet_info *pinfo)
{
    const char *text;
    proto_item *pi;

    if (!proto_field_is_referenced(tree, mt_hf_for_field(MT_F_SUMMARY)))
        return;
    text = summary_of(ls, pinfo);
    if (text == NULL)
        return;
    pi = proto_tree_add_string(tree, mt_hf_for_field(MT_F_SUMMARY), tvb, 0, 0, text);
    proto_item_set_generated(pi);
}

/* Is f a text about the line rather than a part of it? */
static gboolean
is_teaching_field(guint16 f)
{
    switch (f) {
    case MT_F_EXPLANATION:
    case MT_F_MEANING:
    case MT_F_NOTE:
    case MT_F_RFC:
    case MT_F_STAGE:
    case MT_F_NEXT:
        return TRUE;
    default:
        return FALSE;
    }
}

/* The first shown part of the line that covers exactly these bytes. */
static proto_item *
item_for_range(const mt_record *r, const line_view *lv, proto_item **items, guint32 off, guint32 len)
{
    gint want_start, want_len, start, length;
    guint i;

    clamp(lv, off, len, &want_start, &want_len);
    if (want_len == 0)
        return NULL;
    for (i = 0; i < r->n_items; i++) {
        if (items[i] == NULL || is_teaching_field(r->items[i].field) || r->items[i].src != MT_SRC_LINE)
            continue;
        clamp(lv, r->items[i].off, r->items[i].len, &start, &length);
        if (start == want_start && length == want_len)
            return items[i];
    }
    return NULL;
}

/* What a MIME part's body decodes to: an item over all of its data
 * source (made by render_record). */
static void
add_decoded(proto_tree *tree, tvbuff_t *dtvb, const mt_record *r)
{
    int hf = mt_hf_for_field(MT_F_MIME_DECODED_DATA);

    if (hf >= 0)
        proto_tree_add_item(tree, hf, dtvb, 0, (gint)r->decoded_len, ENC_NA);
}

/* Returns the line's item (NULL without a tree). */
static proto_item *
render_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, line_summary *ls, gint length)
{
    const mt_record *r = ls->r;
    line_view lv;
    proto_item *li = NULL;
    proto_tree *lt = NULL;
    proto_item **items = NULL;
    guint i;

    /* the record's own bytes in this chunk */
    if ((gint)r->chunk_off >= length)
        return NULL;
    lv.tvb = tvb;
    lv.base = (gint)r->chunk_off;
    lv.avail = MIN(length - (gint)r->chunk_off, (gint)r->chunk_len);
    lv.rec = r;
    lv.dec_tvb = NULL;
    if ((r->flags & MT_RF_REBUILT) && r->rebuilt && tree) {
        lv.tvb = tvb_new_child_real_data(tvb, r->rebuilt, r->rebuilt_len, r->rebuilt_len);
        add_new_data_source(pinfo, lv.tvb, "Rebuilt line");
        lv.base = 0;
        lv.avail = (gint)r->rebuilt_len;
    } else if (r->kind == MT_R_MESSAGE || r->kind == MT_R_RAW || r->kind == MT_R_MIME_PART) {
        lv.avail = 0;   /* no line to point into: everything is generated */
    }

    if (tree && r->decoded && r->decoded_len > 0) {
        /* what the line decodes to (SASL Base64, a MIME part's body), in
         * the bytes pane; secret
         * bytes as "*" when redacting */
        guint8 *bytes = r->decoded;
        if (redacting()) {
            guint32 k;
            bytes = (guint8 *)wmem_memdup(pinfo->pool, r->decoded, r->decoded_len);
            for (k = 0; k < r->decoded_len; k++) {
                if (secret_end_at(r, MT_SRC_DECODED, k) > 0)
                    bytes[k] = '*';
            }
        }
        lv.dec_tvb = tvb_new_child_real_data(tvb, bytes, r->decoded_len, (gint)r->decoded_len);
        add_new_data_source(pinfo, lv.dec_tvb, r->decoded_name ? r->decoded_name : "Decoded Base64");
    }
    if (tree) {
        /* in a tree nobody sees, the line's own item is only the parent of
         * the items someone asked for: no text is made for it */
        if (proto_field_is_referenced(tree, hf_mt_line))
            li = add_line_item(tree, tvb, &lv, ls, pinfo);
        else
            li = proto_tree_add_string(tree, hf_mt_line, tvb, r->chunk_off, r->chunk_len, "");
        lt = proto_item_add_subtree(li, ett_mt_line);
        if (r->req_frame) {
            proto_item *pi = proto_tree_add_uint(lt, hf_mt_request_in, tvb, 0, 0, r->req_frame);
            proto_item_set_generated(pi);
        }
        if (r->resp_frame) {
            proto_item *pi = proto_tree_add_uint(lt, hf_mt_response_in, tvb, 0, 0, r->resp_frame);
            proto_item_set_generated(pi);
        }
        add_summary(lt, tvb, ls, pinfo);
        items = wmem_alloc0_array(pinfo->pool, proto_item *, r->n_items);
        /* the line's explanation and its reference come first */
        if (r->expl >= 0 && r->expl + 1 < (gint)r->n_items) {
            items[r->expl] = add_item(lt, &lv, &r->items[r->expl], pinfo);
            items[r->expl + 1] = add_item(lt, &lv, &r->items[r->expl + 1], pinfo);
        }
        for (i = 0; i < r->n_items; i++) {
            const mt_item *it = &r->items[i];
            proto_tree *parent = lt;

            if (r->expl >= 0 && ((gint)i == r->expl || (gint)i == r->expl + 1))
                continue;
            if (it->parent >= 0 && (guint)it->parent < i && items[it->parent]) {
                parent = proto_item_get_subtree(items[it->parent]);
                if (parent == NULL)
                    parent = proto_item_add_subtree(items[it->parent],
                                                    mt_ett_for_field((mt_field)r->items[it->parent].field));
            }
            items[i] = add_item(parent, &lv, it, pinfo);
        }
        if (lv.dec_tvb && r->decoded_name)
            add_decoded(lt, lv.dec_tvb, r);
    }

    for (i = 0; i < r->n_anoms; i++) {
        const mt_anomaly_ref *a = &r->anoms[i];
        const mt_anomaly_info *ai = mt_anomaly_get((mt_anomaly)a->id);
        expert_field *ei = mt_ei_for_anomaly((mt_anomaly)a->id);
        const char *rfc = mt_anomaly_rfc((mt_anomaly)a->id, (mt_proto)r->proto);
        proto_item *at;

        if (ai == NULL || ei == NULL)
            continue;
        /* on the item of the bytes it is about, else on the line: shown
         * once, as Wireshark shows an expert info, not as a text item too */
        at = items ? item_for_range(r, &lv, items, a->off, a->len) : NULL;
        if (at == NULL)
            at = li;
        if (rfc)
            expert_add_info_format(pinfo, at, ei, "%s (%s)", text_of(&ai->text), rfc);
        else
            expert_add_info_format(pinfo, at, ei, "%s", text_of(&ai->text));
    }
    return li;
}

/* How many lines' meanings the Info column gets at most. */
#define MT_INFO_MEANINGS_MAX 4

/* The line's short meaning, for a student stepping through the session:
 * a Chat expert info (Analyze > Expert Information lists them in order)
 * and, if wanted, after the line in the Info column. */
static void
add_meaning(packet_info *pinfo, proto_item *at, line_summary *ls, guint *n_info, gboolean notes)
{
    const char *text;

    if (ls->r->kind == MT_R_PARTIAL || !(notes || tree_prefs->info_meaning))
        return;
    text = summary_of(ls, pinfo);
    if (text == NULL)
        return;
    if (notes)
        expert_add_info_format(pinfo, at, &ei_mt_teaching_note, "%s", text);
    if (tree_prefs->info_meaning) {
        if (*n_info < MT_INFO_MEANINGS_MAX)
            col_append_fstr(pinfo->cinfo, COL_INFO, " [%s]", text);
        else if (*n_info == MT_INFO_MEANINGS_MAX)
            col_append_str(pinfo->cinfo, COL_INFO, " [...]");
        (*n_info)++;
    }
}

/* Does anyone listen for expert infos (Analyze > Expert Information,
 * tshark -z expert)? */
static gboolean
expert_listening(void)
{
    static int expert_tap = -1;

    if (expert_tap < 0)
        expert_tap = find_tap_id("expert");
    return expert_tap >= 0 && have_tap_listener(expert_tap);
}

/* Will anyone see a teaching note? (See the top of this file.) */
static gboolean
notes_wanted(proto_tree *tree)
{
    static int proto_expert = -1;

    if (!tree_prefs->teaching_notes)
        return FALSE;
    if (proto_expert < 0)
        proto_expert = proto_get_id_by_filter_name("_ws.expert");
    return (tree && proto_expert >= 0 && proto_field_is_referenced(tree, proto_expert))
           || (tree && ei_mt_teaching_note.hf >= 0 && proto_field_is_referenced(tree, ei_mt_teaching_note.hf))
           || expert_listening();
}

gboolean
mt_tree_seen(proto_tree *tree)
{
    return tree != NULL || tree_prefs->info_meaning || expert_listening();
}

void
mt_tree_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, mt_proto proto,
               gint length, mt_record *const *recs, guint n)
{
    proto_item *pi;
    proto_tree *mt = NULL;
    guint i, n_info = 0;
    gboolean notes;

    if (n == 0)
        return;
    notes = notes_wanted(tree);
    if (tree) {
        pi = proto_tree_add_item(tree, proto_mailteach, tvb, 0, length, ENC_NA);
        proto_item_append_text(pi, ", %s: %u %s", proto_names[proto <= MT_PROTO_IMAP ? proto : 0],
                               n, n == 1 ? "item" : "items");
        mt = proto_item_add_subtree(pi, ett_mailteach);
        pi = proto_tree_add_string(mt, hf_mt_protocol, tvb, 0, 0, proto_names[proto <= MT_PROTO_IMAP ? proto : 0]);
        proto_item_set_generated(pi);
    }
    for (i = 0; i < n; i++) {
        line_summary ls = { recs[i], FALSE, NULL };
        proto_item *li = render_record(tvb, pinfo, mt, &ls, length);
        add_meaning(pinfo, li, &ls, &n_info, notes);
    }
}

/* ---- value strings built from the core's catalogs (English) ---- */

/* The hf registration keeps pointers to these for as long as Wireshark
 * runs, so they have static storage, sized at compile time (one row per
 * catalog entry and the terminating { 0, NULL }), and nothing is allocated
 * that would have to be freed. */
static value_string vs_reply_code[MT_SMTP_REPLY_COUNT + 1];
static value_string vs_reply_class[6];          /* first digit 1..5 */
static value_string vs_reply_category[7];       /* second digit 0..5 */
static value_string vs_enh_class[4];            /* 2, 4, 5 */
static value_string vs_enh_subject[9];          /* 0..7 */

static const true_false_string tfs_continues = { "More lines follow (\"-\")", "Last line (space)" };

/* The digits first..last that the catalog names, into vs (size rows, the
 * last one left as the terminator). */
static void
digit_values(value_string *vs, gsize size, const mt_smtp_digit_info *(*lookup)(guint),
             guint first, guint last)
{
    gsize k = 0;
    guint d;

    for (d = first; d <= last && k + 1 < size; d++) {
        const mt_smtp_digit_info *info = lookup(d);
        if (info) {
            vs[k].value = d;
            vs[k++].strptr = info->name.en;
        }
    }
}

static void
build_value_strings(void)
{
    gsize n, i;
    const mt_smtp_reply_info *replies = mt_smtp_replies(&n);

    for (i = 0; i < n && i < MT_SMTP_REPLY_COUNT; i++) {
        vs_reply_code[i].value = replies[i].code;
        vs_reply_code[i].strptr = replies[i].name.en;
    }
    digit_values(vs_reply_class, G_N_ELEMENTS(vs_reply_class), mt_smtp_reply_class_lookup, 1, 5);
    digit_values(vs_reply_category, G_N_ELEMENTS(vs_reply_category), mt_smtp_reply_category_lookup, 0, 5);
    digit_values(vs_enh_class, G_N_ELEMENTS(vs_enh_class), mt_smtp_enhanced_class_lookup, 2, 5);
    digit_values(vs_enh_subject, G_N_ELEMENTS(vs_enh_subject), mt_smtp_enhanced_subject_lookup, 0, 7);
}

/* ---- registration ---- */

void
mt_tree_register(int proto, const mt_prefs_t *prefs)
{
    static hf_register_info hf[] = {
        { &hf_mt_protocol,
          { "Protocol", "mailteach.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "The mail protocol explained here: SMTP, POP3 or IMAP", HFILL } },
        { &hf_mt_line,
          { "Line", "mailteach.line", FT_STRING, BASE_NONE, NULL, 0x0,
            "One protocol line (or run of message text) that mailteach explains", HFILL } },
        { &hf_mt_request_in,
          { "Answers the command in frame", "mailteach.request_in", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame holding the command this reply answers", HFILL } },
        { &hf_mt_response_in,
          { "Answered in frame", "mailteach.response_in", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
            "The frame holding the reply that completes the answer to this command", HFILL } },
#define MT_FIELD(id, abbrev, name, type, base, blurb) \
        { &hf_mt_field[id], { name, abbrev, type, base, NULL, 0x0, blurb, HFILL } },
#include "core/mt_fields.def"
#include "core/mt_fields_pop3.def"
#include "core/mt_fields_imap.def"
#include "core/mt_fields_mime.def"
#undef MT_FIELD
    };

    /* the expert summary is the English text of the message */
#undef MT_T
#define MT_T(en) en
    static ei_register_info ei[] = {
#define MT_ANOMALY(id, abbrev, group, severity, rfc_smtp, rfc_pop3, rfc_imap, text) \
        { &ei_mt[id], { abbrev, group, severity, text, EXPFILL } },
#include "core/mt_anomalies.def"
#include "core/mt_anomalies_pop3.def"
#include "core/mt_anomalies_imap.def"
#include "core/mt_anomalies_mime.def"
#undef MT_ANOMALY
        { &ei_mt_teaching_note, { "mailteach.teaching_note", PI_SEQUENCE, PI_CHAT,
          "The line's short meaning (its summary); only with the preference teaching_notes", EXPFILL } },
    };
#undef MT_T

    static gint *ett[2 + MT_F_COUNT];
    expert_module_t *expert;
    guint i;

    proto_mailteach = proto;
    tree_prefs = prefs;

    for (i = 0; i < MT_F_COUNT; i++)
        hf_mt_field[i] = -1;
    build_value_strings();
    for (i = 0; i < G_N_ELEMENTS(hf); i++) {
        if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CODE])
            hf[i].hfinfo.strings = VALS(vs_reply_code);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CLASS])
            hf[i].hfinfo.strings = VALS(vs_reply_class);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CATEGORY])
            hf[i].hfinfo.strings = VALS(vs_reply_category);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_ENH_CLASS])
            hf[i].hfinfo.strings = VALS(vs_enh_class);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_ENH_SUBJECT])
            hf[i].hfinfo.strings = VALS(vs_enh_subject);
        else if (hf[i].p_id == &hf_mt_field[MT_F_SMTP_REPLY_CONTINUES])
            hf[i].hfinfo.strings = TFS(&tfs_continues);
    }
    proto_register_field_array(proto_mailteach, hf, array_length(hf));

    ett[0] = &ett_mailteach;
    ett[1] = &ett_mt_line;
    for (i = 0; i < MT_F_COUNT; i++) {
        ett_mt_field[i] = -1;
        ett[2 + i] = &ett_mt_field[i];
    }
    proto_register_subtree_array(ett, array_length(ett));

    expert = expert_register_protocol(proto_mailteach);
    expert_register_field_array(expert, ei, array_length(ei));
}
