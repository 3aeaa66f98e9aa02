/* mt_mime.c - the message itself: header fields and MIME structure
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An incremental reader: one line at a time, a small state (the entity
 * whose header is read, a stack of open multiparts, the body being
 * counted), no recursion. Everything kept is capped: a header field's
 * octets, the decoded octets of a part, the depth of the stack, the
 * number of parts. Base64 is GLib's (g_base64_decode_step), charsets are
 * iconv's (g_convert); quoted-printable and the RFC 2047/2231 syntax are
 * read here.
 */
#include "mt_mime.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_mime_texts.h"
#include "mt_util.h"

#define PATH_MAX_LEN      160
#define LINE_MAX_OCTETS   998       /* RFC 5322 §2.1.1, without CRLF */
#define TEXT_SHOW_MAX     200       /* octets of a text part shown as its start */
#define AUX_TEXT_MAX      1024      /* octets of a preamble or epilogue kept */
#define RAW_KEEP_MAX      MT_LINE_KEEP_MAX
#define ENVELOPE_MAX_RCPT 64
#define MIME_STACK_MAX    64u     /* open multiparts; max_depth is at most this */
#define PARAMS_MAX        32
#define SECTIONS_MAX      64
#define ADDRESSES_MAX     32

static mt_mime_limits limits = {
    MT_MIME_DEFAULT_DEPTH, MT_MIME_DEFAULT_PARTS, MT_MIME_DEFAULT_DECODED
};

void
mt_mime_set_limits(const mt_mime_limits *lim)
{
    limits.max_depth = lim && lim->max_depth ? MIN(lim->max_depth, MIME_STACK_MAX) : MT_MIME_DEFAULT_DEPTH;
    limits.max_parts = lim && lim->max_parts ? MIN(lim->max_parts, 100000u) : MT_MIME_DEFAULT_PARTS;
    limits.max_decoded = lim && lim->max_decoded ? MIN(lim->max_decoded, 64u * 1024u * 1024u)
                                                 : MT_MIME_DEFAULT_DECODED;
}

void
mt_mime_get_limits(mt_mime_limits *lim)
{
    *lim = limits;
}

typedef enum {
    CTE_NONE = 0,       /* not given: 7bit */
    CTE_7BIT,
    CTE_8BIT,
    CTE_BINARY,
    CTE_QP,
    CTE_BASE64,
    CTE_UNKNOWN
} cte_kind;

static const char *const cte_names[] = {
    "7bit", "7bit", "8bit", "binary", "quoted-printable", "base64", NULL
};

typedef enum {
    PS_HEADER = 0,
    PS_BODY,
    PS_PREAMBLE,
    PS_EPILOGUE,
    PS_IGNORE           /* past the part limit: counted only */
} pstate;

typedef enum {
    ACC_BODY = 0,
    ACC_PREAMBLE,
    ACC_EPILOGUE
} acc_kind;

/* The entity whose header is being read. */
typedef struct {
    char     path[PATH_MAX_LEN];
    guint    depth;
    gboolean top;           /* the message's own header, or an encapsulated one */
    gboolean outermost;     /* the message's own header */
    gboolean digest;        /* a part of multipart/digest: message/rfc822 by default */
    guint    nfields;
    char    *ctype;         /* lower case; NULL: not given */
    char    *charset;
    char    *boundary;
    char    *filename;
    cte_kind cte;
    char    *cte_name;
    gboolean boundary_bad;
    guint    received;      /* Received fields so far */
    gboolean has_from;      /* outermost: From: and Date: seen */
    gboolean has_date;
} entity;

/* An open multipart. */
typedef struct {
    char    *boundary;
    gsize    blen;
    char     path[PATH_MAX_LEN];
    guint    depth;         /* depth of its parts */
    guint    nparts;
    gboolean seen;          /* a delimiter was seen */
    gboolean digest;
} level;

/* A body, preamble or epilogue being counted. */
typedef struct {
    gboolean   active;
    acc_kind   kind;
    char       path[PATH_MAX_LEN];
    guint      depth;
    char      *ctype;       /* owned copies */
    char      *charset;
    char      *filename;
    cte_kind   cte;
    char      *cte_name;
    gboolean   is_multipart;    /* a multipart without usable boundary */
    guint64    start;       /* stream offset of its first octet */
    guint64    lines, octets;
    GByteArray *dec;        /* decoded, capped */
    guint64    dec_size;
    gint       b64_state;
    guint      b64_save;
    gboolean   b64_padded;
    gboolean   soft;        /* QP: the last line ended with "=" */
    guint      last_eol;    /* the last line's end of line, in octets */
    gboolean   last_empty;  /* the last line held nothing */
    gboolean   bad, eightbit, long_line, no_version;
} bodyacc;

/* One line as mt_mime reads it. */
typedef struct {
    const guint8 *text;     /* message text, without end of line */
    gsize         len;      /* octets at text */
    guint64       full_len; /* real length of the text */
    gsize         eol_len;
    guint64       stream_off;   /* where the line (with any skipped octet) starts */
    gsize         skip;
    guint64       chunk_base;   /* stream offset of the chunk's first octet */
} mline;

struct mt_mime {
    pstate     state;
    entity     ent;
    level     *stack;       /* grown as multiparts open, up to MIME_STACK_MAX */
    guint      nstack, stack_cap;
    guint      parts;           /* parts started (delimiters and encapsulations) */
    guint      max_depth;
    guint      max_parts;
    guint      max_decoded;
    guint64    lines;
    /* the header field being read */
    GByteArray *fbuf;
    guint64    fstart, fend;
    guint      flines;
    guint32    fframe;      /* the frame of its last line */
    gboolean   fopen, fcapped, flong;
    /* the body being counted */
    bodyacc    acc;
    /* raw octets cut into lines here */
    gboolean   from_raw;    /* the message comes in counted octets (BDAT, an IMAP literal) */
    GByteArray *raw;
    guint64    raw_start;
    guint64    raw_len;
    /* the SMTP envelope */
    char      *env_from;
    char      *env_rcpt[ENVELOPE_MAX_RCPT];
    guint      env_n;
    gboolean   env_seen[ENVELOPE_MAX_RCPT];
    gboolean   env_header_seen;     /* To or Cc read */
    /* what the end record gets */
    guint16    end_anoms[6];
    guint      n_end_anoms;
    gboolean   mime_version;
    gboolean   finished;
    gboolean   any;
    gboolean   truncated;
};

/* ---- small helpers ---- */

static gboolean
is_wsp(guint8 c)
{
    return c == ' ' || c == '\t';
}

static char *
lower_dup(const guint8 *p, gsize n)
{
    char *s = g_strndup((const char *)p, n);
    gsize i;

    for (i = 0; s[i]; i++)
        s[i] = g_ascii_tolower(s[i]);
    return s;
}

/* Bytes shown as text: valid UTF-8, control characters as ".". */
static char *
display_copy(const guint8 *p, gsize n)
{
    char *s, *q;

    if (n == 0 || p == NULL)
        return g_strdup("");
    s = g_utf8_make_valid((const char *)p, (gssize)n);

    for (q = s; *q; q++) {
        if ((guchar)*q < 0x20 || *q == 0x7f)
            *q = (*q == '\t') ? ' ' : '.';
    }
    return s;
}

/* Text of a body for one label: line ends become spaces. */
static char *
display_text(const char *utf8, gsize n)
{
    GString *s = g_string_sized_new(n + 1);
    gsize i;

    for (i = 0; i < n; i++) {
        char ch = utf8[i];
        if (ch == '\r')
            continue;
        if (ch == '\n' || ch == '\t')
            ch = ' ';
        else if ((guchar)ch < 0x20 || ch == 0x7f)
            ch = '.';
        g_string_append_c(s, ch);
    }
    return g_string_free(s, FALSE);
}

static void
child_path(char *dst, const char *parent, guint n)
{
    if (parent[0] == '\0')
        g_snprintf(dst, PATH_MAX_LEN, "%u", n);
    else
        g_snprintf(dst, PATH_MAX_LEN, "%s.%u", parent, n);
}

static void
end_anomaly(mt_mime *m, mt_anomaly a)
{
    guint i;

    for (i = 0; i < m->n_end_anoms; i++) {
        if (m->end_anoms[i] == a)
            return;
    }
    if (m->n_end_anoms < G_N_ELEMENTS(m->end_anoms))
        m->end_anoms[m->n_end_anoms++] = (guint16)a;
}

static void
explain_x(mt_record *r, gint parent, guint32 off, guint32 len, mt_mime_expl x)
{
    mt_rec_explain(r, parent, off, len, mt_mime_expl_text(x), mt_mime_expl_rfc(x));
}

/* ---- charsets ---- */

static gboolean
try_convert(const guint8 *p, gsize len, const char *cs, char **out)
{
    GError *err = NULL;
    gsize rd = 0, wr = 0;
    char *s = g_convert((const char *)p, (gssize)len, "UTF-8", cs, &rd, &wr, &err);

    if (s == NULL) {
        g_clear_error(&err);
        return FALSE;
    }
    *out = s;
    return TRUE;
}

char *
mt_mime_to_utf8(const guint8 *p, gsize len, const char *charset, gboolean *bad)
{
    char *cs, *out = NULL;
    const char *alt = NULL;
    gsize i;

    if (len == 0)
        return g_strdup("");
    if (charset == NULL || *charset == '\0')
        charset = "us-ascii";
    cs = g_ascii_strdown(charset, -1);
    /* RFC 2231 §5: charset*language */
    for (i = 0; cs[i]; i++) {
        if (cs[i] == '*') {
            cs[i] = '\0';
            break;
        }
    }
    if (strcmp(cs, "us-ascii") == 0 || strcmp(cs, "ascii") == 0 || strcmp(cs, "utf-8") == 0
        || strcmp(cs, "utf8") == 0) {
        g_free(cs);
        if (g_utf8_validate((const char *)p, (gssize)len, NULL) && memchr(p, 0, len) == NULL)
            return g_strndup((const char *)p, len);
        if (bad)
            *bad = TRUE;
        return g_utf8_make_valid((const char *)p, (gssize)len);
    }
    /* names mail uses for supersets iconv knows better */
    if (strcmp(cs, "gb2312") == 0 || strcmp(cs, "gbk") == 0 || strcmp(cs, "x-gbk") == 0
        || strcmp(cs, "euc-cn") == 0 || strcmp(cs, "eucgb2312_cn") == 0 /* Python's name */)
        alt = "GB18030";
    else if (strcmp(cs, "ks_c_5601-1987") == 0 || strcmp(cs, "euc-kr") == 0)
        alt = "CP949";
    else if (strcmp(cs, "shift_jis") == 0 || strcmp(cs, "sjis") == 0 || strcmp(cs, "x-sjis") == 0)
        alt = "CP932";
    else if (strcmp(cs, "iso-2022-jp") == 0)
        alt = "ISO-2022-JP-2";
    else if (strcmp(cs, "big5") == 0)
        alt = "BIG5-HKSCS";
    else if (strcmp(cs, "iso-8859-1") == 0 || strcmp(cs, "latin1") == 0)
        alt = "WINDOWS-1252";
    if (!try_convert(p, len, cs, &out) && !(alt && try_convert(p, len, alt, &out))) {
        GError *err = NULL;
        out = g_convert_with_fallback((const char *)p, (gssize)len, "UTF-8", alt ? alt : cs,
                                      "\xef\xbf\xbd", NULL, NULL, &err);
        g_clear_error(&err);
        if (bad)
            *bad = TRUE;
        if (out == NULL)
            out = g_utf8_make_valid((const char *)p, (gssize)len);
    }
    g_free(cs);
    if (strlen(out) == 0 && len > 0 && memchr(p, 0, len) == NULL) {
        /* a NUL in the converted text */
        g_free(out);
        if (bad)
            *bad = TRUE;
        out = g_utf8_make_valid((const char *)p, (gssize)len);
    }
    return out;
}

/* ---- RFC 2047 encoded words ---- */

typedef struct {
    gsize start, end;       /* in the value */
    gsize cs_start, cs_len; /* the charset */
    gsize lang_start, lang_len;
    char  enc;              /* 'B' or 'Q' */
    gsize text_start, text_len;
} eword;

/* Is there an encoded word at v[i..)? */
static gboolean
parse_eword(const guint8 *v, gsize len, gsize i, eword *w)
{
    gsize j, q1, q2, e;

    if (i + 1 >= len || v[i] != '=' || v[i + 1] != '?')
        return FALSE;
    j = i + 2;
    q1 = j;
    while (q1 < len && v[q1] != '?' && q1 - j < 64 && v[q1] > ' ' && v[q1] < 0x7f)
        q1++;
    if (q1 >= len || v[q1] != '?' || q1 == j || q1 + 2 >= len || v[q1 + 2] != '?')
        return FALSE;
    if (g_ascii_toupper(v[q1 + 1]) != 'B' && g_ascii_toupper(v[q1 + 1]) != 'Q')
        return FALSE;
    q2 = q1 + 3;
    for (e = q2; e + 1 < len; e++) {
        if (v[e] == '?' && v[e + 1] == '=')
            break;
        if (v[e] <= ' ' || v[e] >= 0x7f || v[e] == '?')
            return FALSE;
    }
    if (e + 1 >= len)
        return FALSE;
    memset(w, 0, sizeof(*w));
    w->start = i;
    w->end = e + 2;
    w->cs_start = j;
    w->cs_len = q1 - j;
    for (gsize k = j; k < q1; k++) {
        if (v[k] == '*') {
            w->cs_len = k - j;
            w->lang_start = k + 1;
            w->lang_len = q1 - k - 1;
            break;
        }
    }
    w->enc = (char)g_ascii_toupper(v[q1 + 1]);
    w->text_start = q2;
    w->text_len = e - q2;
    return TRUE;
}

static int
hexval(guint8 c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* The octets an encoded word stands for, appended to out. */
static void
eword_octets(const guint8 *v, const eword *w, GByteArray *out)
{
    const guint8 *t = v + w->text_start;
    gsize n = w->text_len, i;

    if (w->enc == 'B') {
        guint8 *buf = g_malloc(n / 4 * 3 + 4);
        gint state = 0;
        guint save = 0;
        gsize got = g_base64_decode_step((const gchar *)t, n, buf, &state, &save);
        g_byte_array_append(out, buf, (guint)got);
        g_free(buf);
        return;
    }
    for (i = 0; i < n; i++) {
        guint8 c = t[i];
        if (c == '_') {
            c = ' ';
        } else if (c == '=' && i + 2 < n && hexval(t[i + 1]) >= 0 && hexval(t[i + 2]) >= 0) {
            c = (guint8)(hexval(t[i + 1]) * 16 + hexval(t[i + 2]));
            i += 2;
        }
        g_byte_array_append(out, &c, 1);
    }
}

/* Decode a value's encoded words; with ws, record each word (or run of
 * adjacent words in one charset) for items. */
typedef struct {
    eword   w;
    char   *decoded;        /* the run this word ends, or NULL inside a run */
    char   *charset;
} eword_item;

static void
free_eword_items(GArray *a)
{
    guint i;

    if (a == NULL)
        return;
    for (i = 0; i < a->len; i++) {
        g_free(g_array_index(a, eword_item, i).decoded);
        g_free(g_array_index(a, eword_item, i).charset);
    }
    g_array_free(a, TRUE);
}

/* The octets of a run of encoded words in one charset, converted and
 * appended to s; the run's last word item gets the text. */
static void
flush_run(GString *s, GByteArray *run, char **run_cs, gboolean *bad, GArray *items)
{
    char *d;

    if (*run_cs == NULL)
        return;
    d = mt_mime_to_utf8(run->data, run->len, *run_cs, bad);
    g_string_append(s, d);
    if (items && items->len > 0)
        g_array_index(items, eword_item, items->len - 1).decoded = g_strdup(d);
    g_free(d);
    g_byte_array_set_size(run, 0);
    g_free(*run_cs);
    *run_cs = NULL;
}

static char *
decode_words(const guint8 *v, gsize len, gboolean *bad, GArray *items)
{
    GString *s = g_string_sized_new(len + 1);
    GByteArray *run = g_byte_array_new();
    char *run_cs = NULL;
    gsize i = 0, ws_start;
    guint words = 0;

    while (i < len) {
        eword w;
        if (words < 256 && parse_eword(v, len, i, &w)) {
            char *cs = lower_dup(v + w.cs_start, w.cs_len);
            /* adjacent words in one charset are joined before conversion:
             * a character may be cut between them */
            if (run_cs && strcmp(cs, run_cs) != 0)
                flush_run(s, run, &run_cs, bad, items);
            if (run_cs == NULL)
                run_cs = g_strdup(cs);
            eword_octets(v, &w, run);
            if (items) {
                eword_item it;
                memset(&it, 0, sizeof(it));
                it.w = w;
                it.charset = g_strdup(cs);
                g_array_append_val(items, it);
            }
            g_free(cs);
            words++;
            i = w.end;
            ws_start = i;
            /* whitespace up to the next encoded word is dropped */
            while (i < len && (is_wsp(v[i]) || v[i] == '\r' || v[i] == '\n'))
                i++;
            if (i < len && parse_eword(v, len, i, &w))
                continue;
            i = ws_start;
        }
        flush_run(s, run, &run_cs, bad, items);
        if (i < len) {
            /* ordinary text, up to the next "=?" */
            gsize j = i + 1;
            char *d;
            while (j < len && !(v[j] == '=' && j + 1 < len && v[j + 1] == '?'))
                j++;
            d = g_utf8_make_valid((const char *)v + i, (gssize)(j - i));
            g_string_append(s, d);
            g_free(d);
            i = j;
        }
    }
    flush_run(s, run, &run_cs, bad, items);
    g_byte_array_free(run, TRUE);
    return g_string_free(s, FALSE);
}

char *
mt_mime_decode_words(const guint8 *v, gsize len, gboolean *bad)
{
    return decode_words(v, len, bad, NULL);
}

/* ---- header values: unfolding, parameters, addresses ---- */

/* A field's value with its line ends removed, and where each octet came
 * from in the field as sent. */
typedef struct {
    guint8  *u;
    guint32 *map;
    gsize    n;
} unfolded;

static void
unfold(const guint8 *f, gsize flen, gsize from, unfolded *uf)
{
    gsize i;

    uf->u = g_malloc(flen - from + 1);
    uf->map = g_new(guint32, flen - from + 1);
    uf->n = 0;
    for (i = from; i < flen; i++) {
        if (f[i] == '\r' || f[i] == '\n')
            continue;
        uf->u[uf->n] = f[i];
        uf->map[uf->n] = (guint32)i;
        uf->n++;
    }
    uf->u[uf->n] = '\0';
}

static void
unfolded_free(unfolded *uf)
{
    g_free(uf->u);
    g_free(uf->map);
}

/* The field octets that unfolded [a, b) came from. */
static void
span_of(const unfolded *uf, gsize a, gsize b, guint32 *off, guint32 *len)
{
    if (a >= uf->n || b <= a) {
        *off = 0;
        *len = 0;
        return;
    }
    if (b > uf->n)
        b = uf->n;
    *off = uf->map[a];
    *len = uf->map[b - 1] + 1 - uf->map[a];
}

/* Skip spaces and (nested) comments. */
static gsize
skip_cfws(const guint8 *u, gsize n, gsize i)
{
    guint guard = 0;

    while (i < n && guard++ < 4096) {
        if (is_wsp(u[i])) {
            i++;
        } else if (u[i] == '(') {
            guint depth = 0;
            while (i < n) {
                if (u[i] == '\\' && i + 1 < n) {
                    i += 2;
                    continue;
                }
                if (u[i] == '(')
                    depth++;
                else if (u[i] == ')' && --depth == 0) {
                    i++;
                    break;
                }
                i++;
            }
        } else {
            break;
        }
    }
    return i;
}

static gboolean
is_tspecial(guint8 c)
{
    return c <= ' ' || c >= 0x7f || strchr("()<>@,;:\\\"/[]?=", c) != NULL;
}

static gsize
token_end(const guint8 *u, gsize n, gsize i)
{
    while (i < n && !is_tspecial(u[i]))
        i++;
    return i;
}

typedef struct {
    char       *name;       /* lower case, as sent: "filename*0*" */
    GByteArray *value;      /* unquoted */
    gboolean    quoted;
    gsize       start, end; /* in the unfolded value */
} param;

typedef struct {
    param p[PARAMS_MAX];
    guint n;
} params;

static void
params_free(params *ps)
{
    guint i;

    for (i = 0; i < ps->n; i++) {
        g_free(ps->p[i].name);
        g_byte_array_free(ps->p[i].value, TRUE);
    }
    ps->n = 0;
}

/* "; name=value; name="value"" from i on (RFC 2045 §5.1). */
static void
parse_params(const guint8 *u, gsize n, gsize i, params *ps)
{
    guint guard = 0;

    ps->n = 0;
    while (i < n && ps->n < PARAMS_MAX && guard++ < 1024) {
        gsize ns, ne, vs;
        param *p;

        i = skip_cfws(u, n, i);
        if (i >= n)
            break;
        if (u[i] != ';') {
            /* junk: on to the next ";" */
            while (i < n && u[i] != ';')
                i++;
            continue;
        }
        i = skip_cfws(u, n, i + 1);
        ns = i;
        ne = token_end(u, n, i);
        if (ne == ns) {
            continue;
        }
        i = skip_cfws(u, n, ne);
        if (i >= n || u[i] != '=')
            continue;
        i = skip_cfws(u, n, i + 1);
        vs = i;
        p = &ps->p[ps->n++];
        p->name = lower_dup(u + ns, ne - ns);
        p->value = g_byte_array_new();
        p->quoted = FALSE;
        p->start = ns;
        if (i < n && u[i] == '"') {
            p->quoted = TRUE;
            i++;
            while (i < n && u[i] != '"') {
                if (u[i] == '\\' && i + 1 < n)
                    i++;
                g_byte_array_append(p->value, u + i, 1);
                i++;
            }
            if (i < n)
                i++;
        } else {
            /* a token; lenient: up to ";" or a space */
            while (i < n && u[i] != ';' && !is_wsp(u[i]))
                i++;
            g_byte_array_append(p->value, u + vs, (guint)(i - vs));
        }
        p->end = i;
    }
}

/* A parameter's value, RFC 2231 (name*, name*0, name*0*, ...) first, then
 * the plain one (whose encoded words, against RFC 2047 §5 but common, are
 * decoded too). NULL if absent. */
typedef struct {
    char    *value;         /* UTF-8 */
    char    *charset;       /* RFC 2231 charset, or NULL */
    char    *language;
    gboolean rfc2231;
    gboolean ewords;        /* plain value with encoded words */
    gboolean bad;
    gsize    start, end;    /* in the unfolded value */
} param_value;

static void
param_value_free(param_value *pv)
{
    g_free(pv->value);
    g_free(pv->charset);
    g_free(pv->language);
    memset(pv, 0, sizeof(*pv));
}

static void
percent_decode(const guint8 *p, gsize n, GByteArray *out)
{
    gsize i;

    for (i = 0; i < n; i++) {
        if (p[i] == '%' && i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
            guint8 c = (guint8)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
            g_byte_array_append(out, &c, 1);
            i += 2;
        } else {
            g_byte_array_append(out, p + i, 1);
        }
    }
}

static gboolean
get_param(const params *ps, const char *name, param_value *pv)
{
    gsize nl = strlen(name);
    const param *sec[SECTIONS_MAX];
    gboolean sec_ext[SECTIONS_MAX];
    guint i, nsec = 0;
    const param *plain = NULL, *ext = NULL;

    memset(pv, 0, sizeof(*pv));
    memset(sec, 0, sizeof(sec));
    for (i = 0; i < ps->n; i++) {
        const char *pn = ps->p[i].name;
        if (strncmp(pn, name, nl) != 0)
            continue;
        if (pn[nl] == '\0') {
            plain = plain ? plain : &ps->p[i];
        } else if (pn[nl] == '*' && pn[nl + 1] == '\0') {
            ext = ext ? ext : &ps->p[i];
        } else if (pn[nl] == '*' && g_ascii_isdigit(pn[nl + 1])) {
            guint64 k = 0;
            gsize d = mt_parse_u64((const guint8 *)pn, strlen(pn), nl + 1, &k);
            const char *rest = pn + nl + 1 + d;
            if (k < SECTIONS_MAX && sec[k] == NULL && (rest[0] == '\0' || (rest[0] == '*' && rest[1] == '\0'))) {
                sec[k] = &ps->p[i];
                sec_ext[k] = rest[0] == '*';
                if (k + 1 > nsec)
                    nsec = (guint)k + 1;
            }
        }
    }
    if (ext || sec[0]) {
        GByteArray *raw = g_byte_array_new();
        const param *first = ext ? ext : sec[0];
        gboolean first_ext = ext ? TRUE : sec_ext[0];
        const guint8 *v = first->value->data;
        gsize vn = first->value->len;

        pv->rfc2231 = TRUE;
        pv->start = first->start;
        pv->end = first->end;
        if (first_ext) {
            const guint8 *q1 = vn ? memchr(v, '\'', vn) : NULL;
            const guint8 *q2 = q1 ? memchr(q1 + 1, '\'', vn - (gsize)(q1 + 1 - v)) : NULL;
            if (q1 && q2) {
                if (q1 > v) {
                    char *cs = display_copy(v, (gsize)(q1 - v));
                    pv->charset = g_ascii_strdown(cs, -1);
                    g_free(cs);
                }
                if (q2 > q1 + 1)
                    pv->language = display_copy(q1 + 1, (gsize)(q2 - q1 - 1));
                percent_decode(q2 + 1, vn - (gsize)(q2 + 1 - v), raw);
            } else {
                percent_decode(v, vn, raw);
            }
        } else {
            g_byte_array_append(raw, v, (guint)vn);
        }
        /* continuations in order; a gap ends them (RFC 2231 §3) */
        for (i = 1; !ext && i < nsec && sec[i]; i++) {
            if (sec_ext[i])
                percent_decode(sec[i]->value->data, sec[i]->value->len, raw);
            else
                g_byte_array_append(raw, sec[i]->value->data, sec[i]->value->len);
            pv->start = MIN(pv->start, sec[i]->start);
            pv->end = MAX(pv->end, sec[i]->end);
        }
        pv->value = mt_mime_to_utf8(raw->data, raw->len, pv->charset, &pv->bad);
        g_byte_array_free(raw, TRUE);
        return TRUE;
    }
    if (plain) {
        const guint8 *v = plain->value->data;
        gsize vn = plain->value->len;
        gsize k;

        pv->start = plain->start;
        pv->end = plain->end;
        for (k = 0; k + 1 < vn; k++) {
            if (v[k] == '=' && v[k + 1] == '?') {
                pv->ewords = TRUE;
                break;
            }
        }
        pv->value = pv->ewords ? decode_words(v, vn, &pv->bad, NULL)
                               : mt_mime_to_utf8(v, vn, "utf-8", &pv->bad);
        return TRUE;
    }
    return FALSE;
}

/* addr-specs of an address list: what is inside <...>, else words with
 * "@" between commas; quoted strings and comments skipped. */
static guint
find_addresses(const guint8 *u, gsize n, gsize starts[], gsize ends[], guint max)
{
    gsize i = 0, seg = 0;
    guint count = 0;
    gboolean angle_in_seg = FALSE;

    while (i <= n && count < max) {
        if (i == n || u[i] == ',' || u[i] == ';') {
            if (!angle_in_seg) {
                gsize a = seg, b = i;
                while (a < b && (is_wsp(u[a]) || u[a] == ':'))
                    a++;
                /* a group name "team:" before the first address */
                for (gsize k = a; k < b; k++) {
                    if (u[k] == ':') {
                        a = k + 1;
                        break;
                    }
                }
                while (a < b && is_wsp(u[a]))
                    a++;
                while (b > a && is_wsp(u[b - 1]))
                    b--;
                if (b > a && memchr(u + a, '@', b - a) && !memchr(u + a, ' ', b - a)
                    && !memchr(u + a, '"', b - a)) {
                    starts[count] = a;
                    ends[count++] = b;
                }
            }
            if (i == n)
                break;
            i++;
            seg = i;
            angle_in_seg = FALSE;
            continue;
        }
        if (u[i] == '"') {
            i++;
            while (i < n && u[i] != '"') {
                if (u[i] == '\\')
                    i++;
                i++;
            }
            i++;
            continue;
        }
        if (u[i] == '(') {
            i = skip_cfws(u, n, i);
            continue;
        }
        if (u[i] == '<') {
            gsize a = i + 1, b = a;
            while (b < n && u[b] != '>')
                b++;
            angle_in_seg = TRUE;
            if (b < n) {
                /* an obsolete route "@a,@b:" before the address */
                gsize k;
                for (k = a; k < b; k++) {
                    if (u[k] == ':') {
                        a = k + 1;
                        break;
                    }
                }
                if (b > a) {
                    starts[count] = a;
                    ends[count++] = b;
                }
                i = b + 1;
            } else {
                i = n;
            }
            continue;
        }
        i++;
    }
    return count;
}

/* ---- records ---- */

/* A record for stream octets [s, e) of the message. copy: those octets,
 * kept, for when they began in an earlier chunk. */
static mt_record *
span_record(const mt_mime_ctx *c, mt_rkind kind, mt_mime_label label, guint64 s, guint64 e,
            guint64 base, const guint8 *copy, gsize copy_len)
{
    mt_record *r = mt_record_new(c->proto, c->dir, kind, c->frame);

    r->label = mt_mime_label_text(label);
    r->line_len = (guint32)MIN(e - s, (guint64)G_MAXUINT32);
    if (s >= base) {
        r->chunk_off = (guint32)(s - base);
        r->chunk_len = (guint32)(e - s);
    } else {
        r->chunk_off = 0;
        r->chunk_len = e > base ? (guint32)(e - base) : 0;
        if (copy && kind != MT_R_MIME_PART) {
            r->rebuilt = g_malloc(copy_len ? copy_len : 1);
            if (copy_len > 0)
                memcpy(r->rebuilt, copy, copy_len);
            r->rebuilt_len = (guint32)copy_len;
            r->flags |= MT_RF_REBUILT;
            if (copy_len < e - s)
                r->flags |= MT_RF_TRUNCATED;
        }
    }
    g_ptr_array_add(c->out, r);
    return r;
}

static const char *
path_or_message(const char *path)
{
    return path[0] ? path : "(message)";
}

static void
part_items(mt_record *r, const char *path, guint depth)
{
    if (path[0])
        mt_rec_owned(r, -1, MT_F_MIME_PART, 0, 0, g_strdup(path));
    mt_rec_uint(r, -1, MT_F_MIME_DEPTH, 0, 0, depth, NULL);
}

/* ---- the entity whose header is read ---- */

static void
entity_clear(entity *e)
{
    g_free(e->ctype);
    g_free(e->charset);
    g_free(e->boundary);
    g_free(e->filename);
    g_free(e->cte_name);
    memset(e, 0, sizeof(*e));
}

static void
entity_start(mt_mime *m, const char *path, guint depth, gboolean top, gboolean digest)
{
    entity_clear(&m->ent);
    g_strlcpy(m->ent.path, path, PATH_MAX_LEN);
    m->ent.depth = depth;
    m->ent.top = top;
    m->ent.digest = digest;
    m->state = PS_HEADER;
}

static cte_kind
cte_of(const char *name)
{
    guint i;

    for (i = 1; cte_names[i]; i++) {
        if (g_ascii_strcasecmp(name, cte_names[i]) == 0)
            return (cte_kind)i;
    }
    return CTE_UNKNOWN;
}

/* ---- header fields ---- */

/* Each parameter as sent, RFC 2231 ones explained. */
static void
param_items(mt_record *r, const unfolded *uf, const params *ps)
{
    guint32 off, len;
    guint k;
    gint it;

    for (k = 0; k < ps->n; k++) {
        span_of(uf, ps->p[k].start, ps->p[k].end, &off, &len);
        it = mt_rec_bytes(r, -1, MT_F_MIME_PARAMETER, off, len, FALSE);
        if (strchr(ps->p[k].name, '*'))
            explain_x(r, it, off, len, MT_MIME_X_RFC2231);
    }
}

/* A file name (filename or name parameter), decoded; it becomes the
 * part's name when wins, or when the part has none yet. */
static void
filename_item(mt_mime *m, mt_record *r, const unfolded *uf, param_value *pv, gboolean wins)
{
    guint32 off, len;
    gint it;

    span_of(uf, pv->start, pv->end, &off, &len);
    if (wins || m->ent.filename == NULL) {
        g_free(m->ent.filename);
        m->ent.filename = g_strdup(pv->value);
    }
    it = mt_rec_owned(r, -1, MT_F_MIME_FILENAME, off, len, g_strdup(pv->value));
    explain_x(r, it, off, len, pv->ewords ? MT_MIME_X_FILENAME_EWORDS : MT_MIME_X_FILENAME);
    if (pv->charset)
        mt_rec_owned(r, it, MT_F_MIME_CHARSET, off, len, g_strdup(pv->charset));
    if (pv->language)
        mt_rec_owned(r, it, MT_F_MIME_LANGUAGE, off, len, g_strdup(pv->language));
    if (pv->ewords)
        mt_rec_anomaly(r, MT_A_MIME_BAD_ENCODED_WORD, off, len);
    if (pv->bad)
        mt_rec_anomaly(r, MT_A_MIME_CHARSET_UNKNOWN, off, len);
    param_value_free(pv);
}

static void
field_items_content_type(mt_mime *m, mt_record *r, const unfolded *uf)
{
    const guint8 *u = uf->u;
    gsize n = uf->n, i, ts, te, ss, se;
    params ps;
    param_value pv;
    guint32 off, len;
    gint it;

    i = skip_cfws(u, n, 0);
    ts = i;
    te = token_end(u, n, i);
    i = skip_cfws(u, n, te);
    if (te > ts && i < n && u[i] == '/') {
        ss = skip_cfws(u, n, i + 1);
        se = token_end(u, n, ss);
        if (se > ss) {
            char *t = lower_dup(u + ts, te - ts), *st = lower_dup(u + ss, se - ss);
            g_free(m->ent.ctype);
            m->ent.ctype = g_strdup_printf("%s/%s", t, st);
            g_free(t);
            g_free(st);
            span_of(uf, ts, se, &off, &len);
            mt_rec_owned(r, -1, MT_F_MIME_CONTENT_TYPE, off, len, g_strdup(m->ent.ctype));
        }
        i = se;
    }
    parse_params(u, n, i, &ps);
    param_items(r, uf, &ps);
    if (get_param(&ps, "charset", &pv)) {
        span_of(uf, pv.start, pv.end, &off, &len);
        g_free(m->ent.charset);
        m->ent.charset = g_ascii_strdown(pv.value, -1);
        it = mt_rec_owned(r, -1, MT_F_MIME_CHARSET, off, len, g_strdup(m->ent.charset));
        explain_x(r, it, off, len, MT_MIME_X_CHARSET);
        param_value_free(&pv);
    }
    if (get_param(&ps, "boundary", &pv)) {
        gsize bl = strlen(pv.value), k;
        gboolean ok = bl >= 1 && bl <= 70 && pv.value[bl - 1] != ' ';
        span_of(uf, pv.start, pv.end, &off, &len);
        for (k = 0; k < bl && ok; k++) {
            /* bchars of RFC 2046 §5.1.1 */
            if (!g_ascii_isalnum(pv.value[k]) && !strchr("'()+_,-./:=? ", pv.value[k]))
                ok = FALSE;
        }
        g_free(m->ent.boundary);
        m->ent.boundary = bl > 0 && bl <= MT_MIME_BOUNDARY_MAX ? g_strdup(pv.value) : NULL;
        m->ent.boundary_bad = !ok;
        it = mt_rec_owned(r, -1, MT_F_MIME_BOUNDARY, off, len, g_strdup(pv.value));
        explain_x(r, it, off, len, MT_MIME_X_BOUNDARY);
        if (!ok)
            mt_rec_anomaly(r, MT_A_MIME_BOUNDARY_INVALID, off, len);
        param_value_free(&pv);
    }
    if (m->ent.ctype && g_str_has_prefix(m->ent.ctype, "multipart/") && m->ent.boundary == NULL)
        mt_rec_anomaly(r, MT_A_MIME_NO_BOUNDARY, 0, 0);
    if (get_param(&ps, "name", &pv))
        filename_item(m, r, uf, &pv, FALSE);
    params_free(&ps);
}

static void
field_items_disposition(mt_mime *m, mt_record *r, const unfolded *uf)
{
    params ps;
    param_value pv;

    parse_params(uf->u, uf->n, token_end(uf->u, uf->n, skip_cfws(uf->u, uf->n, 0)), &ps);
    param_items(r, uf, &ps);
    /* filename wins over Content-Type's name */
    if (get_param(&ps, "filename", &pv))
        filename_item(m, r, uf, &pv, TRUE);
    params_free(&ps);
}

static gboolean
same_address(const char *a, const guint8 *b, gsize bn)
{
    return a && strlen(a) == bn && g_ascii_strncasecmp(a, (const char *)b, bn) == 0;
}

static void
field_items_addresses(mt_mime *m, mt_record *r, const unfolded *uf, mt_mime_hkind kind)
{
    gsize st[ADDRESSES_MAX], en[ADDRESSES_MAX];
    guint n = find_addresses(uf->u, uf->n, st, en, ADDRESSES_MAX), i, k;
    gboolean envelope = m->ent.outermost && (m->env_from || m->env_n > 0);

    for (i = 0; i < n; i++) {
        guint32 off, len;
        gint it;

        span_of(uf, st[i], en[i], &off, &len);
        it = mt_rec_owned(r, -1, MT_F_MIME_ADDRESS, off, len, display_copy(uf->u + st[i], en[i] - st[i]));
        if (!envelope)
            continue;
        if (kind == MT_MIME_H_FROM && m->env_from) {
            gboolean same = same_address(m->env_from, uf->u + st[i], en[i] - st[i]);
            gint e = mt_rec_owned(r, it, MT_F_MIME_ENVELOPE, off, len,
                                  m->env_from[0] ? display_copy((const guint8 *)m->env_from, strlen(m->env_from))
                                                  : g_strdup("<>"));
            mt_rec_bool(r, e, MT_F_MIME_ENVELOPE_MATCH, off, len, same);
            explain_x(r, e, off, len, same ? MT_MIME_X_FROM_SAME : MT_MIME_X_FROM_DIFFERS);
            if (!same)
                mt_rec_anomaly(r, MT_A_MIME_FROM_ENVELOPE, off, len);
        } else if ((kind == MT_MIME_H_TO || kind == MT_MIME_H_CC || kind == MT_MIME_H_BCC)
                   && m->env_n > 0) {
            gboolean found = FALSE;
            for (k = 0; k < m->env_n; k++) {
                if (same_address(m->env_rcpt[k], uf->u + st[i], en[i] - st[i])) {
                    m->env_seen[k] = TRUE;
                    found = TRUE;
                }
            }
            it = mt_rec_bool(r, it, MT_F_MIME_ENVELOPE_MATCH, off, len, found);
            explain_x(r, it, off, len, found ? MT_MIME_X_RCPT_IN_HEADER : MT_MIME_X_RCPT_NOT_IN_ENVELOPE);
        }
    }
    if (kind == MT_MIME_H_TO || kind == MT_MIME_H_CC)
        m->env_header_seen = TRUE;
}

/* The field in m->fbuf is complete: its record. */
static void
flush_field(mt_mime *m, const mt_mime_ctx *c, guint64 base)
{
    const guint8 *f = m->fbuf->data;
    gsize flen = m->fbuf->len, nlen, vstart, vend;
    const mt_mime_header_info *hi;
    mt_mime_hkind kind = MT_MIME_H_OTHER;
    gboolean part = !m->ent.top;
    mt_record *r;
    unfolded uf;
    gint it;
    guint32 off, len;
    gboolean bad = FALSE, eight = FALSE, has_ew = FALSE;
    char *decoded = NULL;
    gsize k, wsp;

    if (!m->fopen)
        return;
    m->fopen = FALSE;
    m->ent.nfields++;
    r = span_record(c, MT_R_MESSAGE_LINE, part ? MT_MIME_L_PART_FIELD : MT_MIME_L_FIELD,
                    m->fstart, m->fend, base, f, flen);
    /* a field is known to be complete only at the next line, which may
     * come in a later frame: the field belongs to the frame of its own
     * last line */
    if (m->fframe)
        r->frame = m->fframe;
    /* flen may be less than the field when capped */
    for (nlen = 0; nlen < flen && f[nlen] != ':'; nlen++)
        ;
    vstart = nlen < flen ? nlen + 1 : flen;
    /* white space before the colon is not part of the name (RFC 5322
     * §4.5, obsolete syntax) */
    for (wsp = nlen; nlen > 0 && is_wsp(f[nlen - 1]); nlen--)
        ;
    while (vstart < flen && is_wsp(f[vstart]))
        vstart++;
    vend = flen;
    while (vend > vstart && (f[vend - 1] == '\r' || f[vend - 1] == '\n'))
        vend--;
    hi = mt_mime_header_lookup(f, nlen);
    if (hi)
        kind = hi->kind;
    if (m->ent.outermost) {
        if (kind == MT_MIME_H_FROM)
            m->ent.has_from = TRUE;
        else if (nlen == 4 && g_ascii_strncasecmp((const char *)f, "Date", 4) == 0)
            m->ent.has_date = TRUE;
    }

    it = mt_rec_bytes(r, -1, MT_F_MIME_HEADER_NAME, 0, (guint32)nlen, FALSE);
    if (hi)
        mt_rec_set_meaning(r, it, &hi->meaning);
    if (wsp > nlen)
        mt_rec_anomaly(r, MT_A_MIME_SPACE_BEFORE_COLON, (guint32)nlen, (guint32)(wsp - nlen));
    unfold(f, vend, vstart, &uf);
    mt_rec_owned(r, -1, MT_F_MIME_HEADER_VALUE, (guint32)vstart, (guint32)(vend - vstart),
                 display_copy(uf.u, uf.n));
    if (m->flines > 1) {
        it = mt_rec_uint(r, -1, MT_F_MIME_HEADER_FOLDED, 0, 0, m->flines, NULL);
        explain_x(r, it, 0, 0, MT_MIME_X_FOLDED);
    }
    if (part || m->ent.depth > 0)
        part_items(r, m->ent.path, m->ent.depth);

    for (k = 0; k < uf.n; k++) {
        if (uf.u[k] >= 0x80)
            eight = TRUE;
        if (uf.u[k] == '=' && k + 1 < uf.n && uf.u[k + 1] == '?')
            has_ew = TRUE;
    }
    if (eight)
        mt_rec_anomaly(r, MT_A_MIME_RAW_8BIT_HEADER, (guint32)vstart, (guint32)(vend - vstart));
    /* encoded words, in unstructured text and in phrases of addresses */
    if (has_ew && kind != MT_MIME_H_CONTENT_TYPE && kind != MT_MIME_H_DISPOSITION) {
        GArray *words = g_array_new(FALSE, TRUE, sizeof(eword_item));
        guint w;
        gint last = -1;

        decoded = decode_words(uf.u, uf.n, &bad, words);
        for (w = 0; w < words->len && w < 64; w++) {
            const eword_item *ei = &g_array_index(words, eword_item, w);
            gint e;

            span_of(&uf, ei->w.start, ei->w.end, &off, &len);
            e = mt_rec_owned(r, -1, MT_F_MIME_ENCODED_WORD, off, len,
                             display_copy(uf.u + ei->w.start, ei->w.end - ei->w.start));
            if (last < 0)
                explain_x(r, e, off, len, MT_MIME_X_ENCODED_WORD);
            last = e;
            mt_rec_owned(r, e, MT_F_MIME_CHARSET, off, len, g_strdup(ei->charset));
            if (ei->w.lang_len)
                mt_rec_owned(r, e, MT_F_MIME_LANGUAGE, off, len,
                             display_copy(uf.u + ei->w.lang_start, ei->w.lang_len));
            it = mt_rec_cstr(r, e, MT_F_MIME_EW_ENCODING, off, len, ei->w.enc == 'B' ? "B" : "Q");
            explain_x(r, it, off, len, ei->w.enc == 'B' ? MT_MIME_X_EW_B : MT_MIME_X_EW_Q);
            if (ei->decoded)
                mt_rec_owned(r, e, MT_F_MIME_EW_DECODED, off, len, g_strdup(ei->decoded));
        }
        free_eword_items(words);
        mt_rec_owned(r, -1, MT_F_MIME_HEADER_DECODED, (guint32)vstart, (guint32)(vend - vstart),
                     g_strdup(decoded));
        if (bad)
            mt_rec_anomaly(r, MT_A_MIME_CHARSET_UNKNOWN, (guint32)vstart, (guint32)(vend - vstart));
    }

    switch (kind) {
    case MT_MIME_H_SUBJECT:
        if (m->ent.top) {
            char *subj = decoded ? g_strdup(decoded) : display_copy(uf.u, uf.n);
            mt_rec_owned(r, -1, MT_F_MIME_SUBJECT, (guint32)vstart, (guint32)(vend - vstart), subj);
        }
        break;
    case MT_MIME_H_CONTENT_TYPE:
        field_items_content_type(m, r, &uf);
        break;
    case MT_MIME_H_CTE: {
        gsize a = skip_cfws(uf.u, uf.n, 0), b = token_end(uf.u, uf.n, a);
        if (b > a) {
            g_free(m->ent.cte_name);
            m->ent.cte_name = lower_dup(uf.u + a, b - a);
            m->ent.cte = cte_of(m->ent.cte_name);
            span_of(&uf, a, b, &off, &len);
            mt_rec_owned(r, -1, MT_F_MIME_TRANSFER_ENCODING, off, len, g_strdup(m->ent.cte_name));
            if (m->ent.cte == CTE_UNKNOWN)
                mt_rec_anomaly(r, MT_A_MIME_UNKNOWN_ENCODING, off, len);
        }
        break;
    }
    case MT_MIME_H_DISPOSITION:
        field_items_disposition(m, r, &uf);
        break;
    case MT_MIME_H_MIME_VERSION:
        if (m->ent.outermost)
            m->mime_version = TRUE;
        break;
    case MT_MIME_H_RECEIVED:
        if (m->ent.top) {
            it = mt_rec_uint(r, -1, MT_F_MIME_HOP, 0, 0, ++m->ent.received, NULL);
            explain_x(r, it, 0, 0, MT_MIME_X_HOP);
        }
        break;
    case MT_MIME_H_FROM:
    case MT_MIME_H_SENDER:
    case MT_MIME_H_REPLY_TO:
    case MT_MIME_H_TO:
    case MT_MIME_H_CC:
    case MT_MIME_H_BCC:
    case MT_MIME_H_RETURN_PATH:
        field_items_addresses(m, r, &uf, kind);
        break;
    default:
        break;
    }

    if (hi)
        mt_rec_explain(r, -1, 0, (guint32)nlen, &hi->text, hi->rfc);
    else if (nlen >= 2 && (f[0] == 'X' || f[0] == 'x') && f[1] == '-')
        explain_x(r, -1, 0, (guint32)nlen, MT_MIME_X_FIELD_X);
    else
        explain_x(r, -1, 0, (guint32)nlen, MT_MIME_X_FIELD_OTHER);

    if (kind == MT_MIME_H_SUBJECT && m->ent.top) {
        mt_rec_summary(r, mt_mime_expl_summary(MT_MIME_X_S_SUBJECT));
        if (decoded)
            mt_rec_summary_str(r, 1, decoded);
        else
            mt_rec_summary_bytes(r, 1, uf.u, uf.n);
    } else if (part) {
        mt_rec_summary(r, mt_mime_expl_summary(MT_MIME_X_S_PART_FIELD));
        mt_rec_summary_str(r, 1, m->ent.path);
        mt_rec_summary_bytes(r, 2, f, nlen);
    } else {
        mt_rec_summary(r, mt_mime_expl_summary(MT_MIME_X_S_FIELD));
        mt_rec_summary_bytes(r, 1, f, nlen);
    }
    if (m->fcapped)
        mt_rec_anomaly(r, MT_A_MIME_FIELD_TOO_LONG, 0, 0);
    if (m->flong)
        mt_rec_anomaly(r, MT_A_MIME_LINE_TOO_LONG, 0, 0);
    g_free(decoded);
    unfolded_free(&uf);
}

/* ---- bodies, preambles, epilogues ---- */

static void
acc_clear(bodyacc *a)
{
    g_free(a->ctype);
    g_free(a->charset);
    g_free(a->filename);
    g_free(a->cte_name);
    if (a->dec)
        g_byte_array_free(a->dec, TRUE);
    memset(a, 0, sizeof(*a));
}

static void
acc_start(mt_mime *m, acc_kind kind, const char *path, guint depth, guint64 start)
{
    bodyacc *a = &m->acc;

    acc_clear(a);
    a->active = TRUE;
    a->kind = kind;
    g_strlcpy(a->path, path, PATH_MAX_LEN);
    a->depth = depth;
    a->start = start;
    a->dec = g_byte_array_new();
    if (kind == ACC_BODY) {
        const entity *e = &m->ent;
        a->ctype = g_strdup(e->ctype ? e->ctype : (e->digest ? "message/rfc822" : "text/plain"));
        a->charset = e->charset ? g_strdup(e->charset)
                                : (g_str_has_prefix(a->ctype, "text/") ? g_strdup("us-ascii") : NULL);
        a->filename = g_strdup(e->filename);
        a->cte = e->cte;
        a->cte_name = g_strdup(e->cte_name ? e->cte_name : "7bit");
        a->no_version = e->outermost && !m->mime_version && (e->ctype || e->cte_name);
    } else {
        a->cte = CTE_NONE;
    }
}

static void
acc_keep(mt_mime *m, bodyacc *a, const guint8 *p, gsize n)
{
    gsize room;

    a->dec_size += n;
    if (a->dec->len >= m->max_decoded)
        return;
    room = m->max_decoded - a->dec->len;
    g_byte_array_append(a->dec, p, (guint)MIN(n, room));
}

static gboolean
is_b64(guint8 c)
{
    return g_ascii_isalnum(c) || c == '+' || c == '/';
}

static void
acc_line(mt_mime *m, const guint8 *t, gsize n, guint64 full, gsize eol_len)
{
    bodyacc *a = &m->acc;
    gboolean first = a->lines == 0;
    gsize i;

    a->lines++;
    a->octets += full + eol_len;
    a->last_eol = (guint)eol_len;
    a->last_empty = full == 0;
    if (full > LINE_MAX_OCTETS)
        a->long_line = TRUE;
    if (a->kind != ACC_BODY) {
        if (!first)
            acc_keep(m, a, (const guint8 *)"\r\n", 2);
        acc_keep(m, a, t, n);
        return;
    }
    switch (a->cte) {
    case CTE_BASE64: {
        guint8 in[256], out[200];
        gsize k = 0;
        for (i = 0; i < n; i++) {
            guint8 ch = t[i];
            if (is_wsp(ch) || ch == '\r')
                continue;
            if (ch == '=') {
                a->b64_padded = TRUE;
            } else if (!is_b64(ch)) {
                a->bad = TRUE;
                continue;
            } else if (a->b64_padded) {
                a->bad = TRUE;
            }
            in[k++] = ch;
            if (k == sizeof(in)) {
                gsize got = g_base64_decode_step((const gchar *)in, k, out, &a->b64_state, &a->b64_save);
                acc_keep(m, a, out, got);
                k = 0;
            }
        }
        if (k > 0) {
            gsize got = g_base64_decode_step((const gchar *)in, k, out, &a->b64_state, &a->b64_save);
            acc_keep(m, a, out, got);
        }
        break;
    }
    case CTE_QP: {
        gsize end = n;
        gboolean soft = FALSE;
        /* trailing whitespace is transport padding (RFC 2045 §6.7 rule 3) */
        while (end > 0 && is_wsp(t[end - 1]))
            end--;
        if (end > 0 && t[end - 1] == '=') {
            soft = TRUE;
            end--;
        }
        if (!first && !a->soft)
            acc_keep(m, a, (const guint8 *)"\r\n", 2);
        for (i = 0; i < end; i++) {
            guint8 ch = t[i];
            if (ch == '=') {
                if (i + 2 < end && hexval(t[i + 1]) >= 0 && hexval(t[i + 2]) >= 0) {
                    ch = (guint8)(hexval(t[i + 1]) * 16 + hexval(t[i + 2]));
                    i += 2;
                } else {
                    a->bad = TRUE;
                }
            }
            acc_keep(m, a, &ch, 1);
        }
        a->soft = soft;
        break;
    }
    default:
        if (!first)
            acc_keep(m, a, (const guint8 *)"\r\n", 2);
        for (i = 0; i < n && !a->eightbit; i++) {
            if (t[i] >= 0x80)
                a->eightbit = TRUE;
        }
        acc_keep(m, a, t, n);
        break;
    }
}

static gboolean
is_text_type(const char *ctype)
{
    return ctype && g_str_has_prefix(ctype, "text/");
}

/* A delimiter line ends the body: the line end before it belongs to the
 * delimiter, not to the part (RFC 2046 §5.1.1: "the initial CRLF is
 * considered to be attached to the boundary delimiter line rather than part
 * of the preceding part"). So the part is that many octets shorter, and an
 * empty last line was only that line end: it is no line of the part. The
 * sizes are then the ones IMAP's BODYSTRUCTURE gives. */
static void
acc_give_eol_to_delimiter(bodyacc *a)
{
    if (a->lines == 0)
        return;
    a->octets -= MIN(a->octets, (guint64)a->last_eol);
    if (!a->last_empty)
        return;
    a->lines--;
    /* The text kept was joined with a line end before each line after the
     * first, so it never holds the last line's own line end: the one
     * before the empty last line ends the line above it, and that is
     * content of the part (in quoted-printable a hard line break, which
     * decodes to CRLF: RFC 2045 §6.7 rule 4). It stays. */
}

/* The body ends before stream offset end: its record. */
static void
acc_end(mt_mime *m, const mt_mime_ctx *c, guint64 end, guint64 base)
{
    bodyacc *a = &m->acc;
    mt_record *r;
    mt_mime_expl x;
    gint it;
    gboolean decoded = FALSE, bad_cs = FALSE;

    if (!a->active)
        return;
    a->active = FALSE;
    /* a preamble or epilogue with no text: its one line end belongs to
     * the delimiter after it (RFC 2046 §5.1.1) */
    if (a->kind != ACC_BODY && (a->lines == 0 || a->dec_size == 0 || (a->lines == 1 && a->octets <= 2))) {
        acc_clear(a);
        return;
    }
    r = span_record(c, MT_R_MIME_PART,
                    a->kind == ACC_BODY ? MT_MIME_L_BODY
                                        : a->kind == ACC_PREAMBLE ? MT_MIME_L_PREAMBLE : MT_MIME_L_EPILOGUE,
                    a->start, MAX(end, a->start), base, NULL, 0);
    part_items(r, a->path, a->depth);
    if (a->kind != ACC_BODY) {
        char *valid = a->dec->len ? g_utf8_make_valid((const char *)a->dec->data,
                                                       (gssize)MIN(a->dec->len, AUX_TEXT_MAX))
                                   : g_strdup("");
        char *txt = display_text(valid, strlen(valid));
        g_free(valid);
        mt_rec_uint(r, -1, MT_F_MIME_BODY_LINES, 0, 0, a->lines, NULL);
        mt_rec_owned(r, -1, a->kind == ACC_PREAMBLE ? MT_F_MIME_PREAMBLE : MT_F_MIME_EPILOGUE, 0, 0, txt);
        x = a->kind == ACC_PREAMBLE ? MT_MIME_X_PREAMBLE : MT_MIME_X_EPILOGUE;
        explain_x(r, -1, 0, 0, x);
        mt_rec_summary(r, mt_mime_expl_summary(x));
        mt_rec_summary_str(r, 1, path_or_message(a->path));
        mt_rec_summary_uint(r, 2, a->lines);
        if (a->long_line)
            mt_rec_anomaly(r, MT_A_MIME_LINE_TOO_LONG, 0, 0);
        acc_clear(a);
        return;
    }
    it = mt_rec_owned(r, -1, MT_F_MIME_CONTENT_TYPE, 0, 0, g_strdup(a->ctype));
    if (a->charset && is_text_type(a->ctype))
        mt_rec_owned(r, -1, MT_F_MIME_CHARSET, 0, 0, g_strdup(a->charset));
    if (a->filename)
        mt_rec_owned(r, -1, MT_F_MIME_FILENAME, 0, 0, g_strdup(a->filename));
    it = mt_rec_owned(r, -1, MT_F_MIME_TRANSFER_ENCODING, 0, 0, g_strdup(a->cte_name));
    mt_rec_uint(r, -1, MT_F_MIME_BODY_LINES, 0, 0, a->lines, NULL);
    mt_rec_uint_fmt(r, -1, MT_F_MIME_ENCODED_SIZE, 0, 0, a->octets, MT_FMT_OCTETS, NULL);
    switch (a->cte) {
    case CTE_BASE64:  x = MT_MIME_X_BODY_BASE64; decoded = TRUE; break;
    case CTE_QP:      x = MT_MIME_X_BODY_QP; decoded = TRUE; break;
    case CTE_8BIT:    x = MT_MIME_X_BODY_8BIT; break;
    case CTE_BINARY:  x = MT_MIME_X_BODY_BINARY; break;
    case CTE_UNKNOWN: x = MT_MIME_X_BODY_UNKNOWN; break;
    default:          x = MT_MIME_X_BODY_7BIT; break;
    }
    if (decoded)
        mt_rec_uint_fmt(r, -1, MT_F_MIME_DECODED_SIZE, 0, 0, a->dec_size, MT_FMT_OCTETS, NULL);
    if (is_text_type(a->ctype)) {
        char *utf8 = mt_mime_to_utf8(a->dec->data, a->dec->len, a->charset, &bad_cs);
        gsize show = strlen(utf8);
        if (show > TEXT_SHOW_MAX) {
            const char *e = g_utf8_find_prev_char(utf8, utf8 + TEXT_SHOW_MAX + 1);
            show = e ? (gsize)(e - utf8) : TEXT_SHOW_MAX;
        }
        mt_rec_owned(r, -1, MT_F_MIME_TEXT, 0, 0, display_text(utf8, show));
        if (decoded || (a->charset && g_ascii_strcasecmp(a->charset, "utf-8") != 0
                        && g_ascii_strcasecmp(a->charset, "us-ascii") != 0 && a->dec->len > 0)) {
            r->decoded_len = (guint32)strlen(utf8);
            r->decoded = (guint8 *)utf8;
            r->decoded_name = g_strdup_printf("Part %s, decoded (%s, %s)", a->path, a->cte_name,
                                              a->charset ? a->charset : "us-ascii");
            utf8 = NULL;
        }
        g_free(utf8);
        if (bad_cs)
            mt_rec_anomaly(r, MT_A_MIME_CHARSET_UNKNOWN, 0, 0);
    } else if (decoded && a->dec->len > 0) {
        r->decoded_len = a->dec->len;
        r->decoded = g_byte_array_free(a->dec, FALSE);
        a->dec = NULL;
        r->decoded_name = g_strdup_printf("Part %s, decoded (%s)", a->path, a->cte_name);
    }
    explain_x(r, -1, 0, 0, x);
    if (a->is_multipart)
        explain_x(r, it, 0, 0, MT_MIME_X_MULTIPART_BODY);
    mt_rec_summary(r, mt_mime_expl_summary(decoded ? MT_MIME_X_S_BODY_DECODED : MT_MIME_X_S_BODY));
    mt_rec_summary_str(r, 1, a->path);
    mt_rec_summary_str(r, 2, a->filename ? a->filename : a->ctype);
    if (a->bad)
        mt_rec_anomaly(r, a->cte == CTE_QP ? MT_A_MIME_BAD_QP : MT_A_MIME_BAD_BASE64, 0, 0);
    if (a->eightbit && (a->cte == CTE_7BIT || a->cte == CTE_NONE))
        mt_rec_anomaly(r, MT_A_MIME_8BIT_IN_7BIT, 0, 0);
    if (a->long_line && a->cte != CTE_BINARY)
        mt_rec_anomaly(r, MT_A_MIME_LINE_TOO_LONG, 0, 0);
    if (a->no_version)
        mt_rec_anomaly(r, MT_A_MIME_NO_VERSION, 0, 0);
    acc_clear(a);
}

/* ---- structure ---- */

/* Is the line a delimiter of level lv? *close for "--b--". */
static gboolean
is_delimiter(const level *lv, const guint8 *t, gsize n, gboolean *close)
{
    gsize i;

    if (n < 2 + lv->blen || t[0] != '-' || t[1] != '-' || memcmp(t + 2, lv->boundary, lv->blen) != 0)
        return FALSE;
    i = 2 + lv->blen;
    *close = i + 1 < n && t[i] == '-' && t[i + 1] == '-';
    if (*close)
        i += 2;
    /* transport padding */
    while (i < n && is_wsp(t[i]))
        i++;
    return i == n;
}

static void
level_pop(mt_mime *m)
{
    if (m->nstack == 0)
        return;
    m->nstack--;
    g_free(m->stack[m->nstack].boundary);
    memset(&m->stack[m->nstack], 0, sizeof(level));
}

static void header_end(mt_mime *m, const mt_mime_ctx *c, const mline *L, gboolean blank);

/* A delimiter of level li. */
static void
delimiter(mt_mime *m, const mt_mime_ctx *c, const mline *L, guint li, gboolean close)
{
    gsize n = L->len - L->skip;
    level *lv;
    mt_record *r = NULL;
    gboolean unclosed = FALSE, quiet;
    char path[PATH_MAX_LEN];
    gint it;

    if (m->state == PS_HEADER) {
        /* a part cut short in its header: it has no body */
        flush_field(m, c, L->chunk_base);
        if (!m->ent.top || m->ent.depth > 0) {
            m->state = PS_BODY;
            acc_start(m, ACC_BODY, m->ent.path, m->ent.depth, L->stream_off);
        }
    }
    acc_give_eol_to_delimiter(&m->acc);
    acc_end(m, c, L->stream_off, L->chunk_base);
    while (m->nstack > li + 1) {
        unclosed = TRUE;
        level_pop(m);
    }
    lv = &m->stack[li];
    lv->seen = TRUE;
    quiet = m->parts >= m->max_parts;
    if (!quiet) {
        r = span_record(c, MT_R_MESSAGE_LINE, close ? MT_MIME_L_CLOSE : MT_MIME_L_DELIMITER,
                        L->stream_off, L->stream_off + L->len, L->chunk_base, L->text, L->len);
        it = mt_rec_cstr(r, -1, MT_F_MIME_DELIMITER, (guint32)L->skip, (guint32)n,
                         close ? "close delimiter" : "delimiter");
        mt_rec_bytes(r, it, MT_F_MIME_BOUNDARY, (guint32)(L->skip + 2), (guint32)lv->blen, FALSE);
        if (unclosed)
            mt_rec_anomaly(r, MT_A_MIME_NO_CLOSE, 0, 0);
    }
    if (close) {
        if (r) {
            if (lv->path[0])
                mt_rec_owned(r, -1, MT_F_MIME_PART, 0, 0, g_strdup(lv->path));
            mt_rec_uint(r, -1, MT_F_MIME_DEPTH, 0, 0, lv->depth - 1, NULL);
            mt_rec_uint(r, -1, MT_F_MIME_PART_COUNT, 0, 0, lv->nparts, NULL);
            explain_x(r, -1, 0, 0, MT_MIME_X_CLOSE);
            mt_rec_summary(r, mt_mime_expl_summary(MT_MIME_X_S_CLOSE));
            mt_rec_summary_str(r, 1, path_or_message(lv->path));
            mt_rec_summary_uint(r, 2, lv->nparts);
        }
        g_strlcpy(path, lv->path, PATH_MAX_LEN);
        {
            guint depth = lv->depth - 1;
            level_pop(m);
            m->state = PS_EPILOGUE;
            acc_start(m, ACC_EPILOGUE, path, depth, L->stream_off + L->len + L->eol_len);
        }
        return;
    }
    lv->nparts++;
    child_path(path, lv->path, lv->nparts);
    if (r) {
        mt_rec_owned(r, -1, MT_F_MIME_PART, 0, 0, g_strdup(path));
        mt_rec_uint(r, -1, MT_F_MIME_DEPTH, 0, 0, lv->depth, NULL);
        explain_x(r, -1, 0, 0, MT_MIME_X_DELIMITER);
        mt_rec_summary(r, mt_mime_expl_summary(MT_MIME_X_S_DELIMITER));
        mt_rec_summary_str(r, 1, path);
    }
    if (quiet) {
        m->state = PS_IGNORE;
        return;
    }
    m->parts++;
    if (m->parts >= m->max_parts && r)
        mt_rec_anomaly(r, MT_A_MIME_TOO_MANY_PARTS, 0, 0);
    entity_start(m, path, lv->depth, FALSE, lv->digest);
}

/* The message's own header has ended: RFC 5322 §3.6 requires Date: and
 * From: in every message. A header with no field at all is flagged by
 * itself (MT_A_MIME_NO_HEADER). Every reader is made for a whole message
 * or a whole header (POP3 TOP, IMAP BODY[HEADER]), never for a few of
 * its fields. */
static void
required_fields(mt_mime *m)
{
    if (!m->ent.outermost || m->ent.nfields == 0)
        return;
    if (!m->ent.has_from)
        end_anomaly(m, MT_A_MIME_NO_FROM);
    if (!m->ent.has_date)
        end_anomaly(m, MT_A_MIME_NO_DATE);
}

/* The header of m->ent ends (at an empty line, or at a line that is not
 * a header field): what its body is. */
static void
header_end(mt_mime *m, const mt_mime_ctx *c, const mline *L, gboolean blank)
{
    entity *e = &m->ent;
    const char *ct = e->ctype ? e->ctype : (e->digest ? "message/rfc822" : "text/plain");
    guint64 body_start = blank ? L->stream_off + L->full_len + L->eol_len : L->stream_off;
    char path[PATH_MAX_LEN];

    required_fields(m);
    if (blank && e->outermost && m->from_raw && !m->truncated) {
        /* in counted octets no line of the message is shown by the
         * session (DATA and RETR show this one themselves): the message's
         * own empty line, as they show it; not after a header fetched
         * alone, which no body follows */
        mt_record *r = span_record(c, MT_R_MESSAGE_LINE, MT_MIME_L_HEADER_END, L->stream_off,
                                   L->stream_off + L->len, L->chunk_base, L->text, L->len);
        mt_rec_bool(r, -1, MT_F_DATA_HEADER_END, 0, 0, TRUE);
        explain_x(r, -1, 0, 0, MT_MIME_X_HEADER_END);
        mt_rec_summary(r, mt_mime_expl_summary(MT_MIME_X_HEADER_END));
    }
    if (blank && !e->outermost) {
        mt_record *r = span_record(c, MT_R_MESSAGE_LINE, MT_MIME_L_PART_HEADER_END, L->stream_off,
                                   L->stream_off + L->len, L->chunk_base, L->text, L->len);
        mt_mime_expl x = e->top ? MT_MIME_X_INNER_HEADER_END
                         : strcmp(ct, "message/rfc822") == 0 || strcmp(ct, "message/global") == 0
                           ? MT_MIME_X_ENCAPSULATED
                         : e->nfields == 0 ? MT_MIME_X_PART_NO_HEADER : MT_MIME_X_PART_HEADER_END;
        mt_rec_bool(r, -1, MT_F_DATA_HEADER_END, 0, 0, TRUE);
        part_items(r, e->path, e->depth);
        explain_x(r, -1, 0, 0, x);
        mt_rec_summary(r, mt_mime_expl_summary(x));
        mt_rec_summary_str(r, 1, path_or_message(e->path));
    }

    if (g_str_has_prefix(ct, "multipart/")) {
        if (e->boundary && e->depth + 1 <= m->max_depth && m->nstack < MIME_STACK_MAX) {
            level *lv;
            if (m->nstack == m->stack_cap) {
                /* most messages open one or two multiparts: no room for
                 * 64 levels (12 KB) zeroed for every message */
                m->stack_cap = MIN(MAX(m->stack_cap * 2u, 4u), MIME_STACK_MAX);
                m->stack = g_renew(level, m->stack, m->stack_cap);
            }
            lv = &m->stack[m->nstack++];
            memset(lv, 0, sizeof(*lv));
            lv->boundary = g_strdup(e->boundary);
            lv->blen = strlen(lv->boundary);
            g_strlcpy(lv->path, e->path, PATH_MAX_LEN);
            lv->depth = e->depth + 1;
            lv->digest = strcmp(ct, "multipart/digest") == 0;
            m->state = PS_PREAMBLE;
            acc_start(m, ACC_PREAMBLE, e->path, e->depth, body_start);
            return;
        }
        if (e->boundary)
            end_anomaly(m, MT_A_MIME_TOO_DEEP);
    } else if ((strcmp(ct, "message/rfc822") == 0 || strcmp(ct, "message/global") == 0)
               && (e->cte == CTE_NONE || e->cte == CTE_7BIT || e->cte == CTE_8BIT
                   || e->cte == CTE_BINARY)) {
        if (e->depth + 1 <= m->max_depth && m->parts < m->max_parts) {
            g_strlcpy(path, e->path[0] ? e->path : "1", PATH_MAX_LEN);
            entity_start(m, path, e->depth + 1, TRUE, FALSE);
            if (m->ent.path[0] && strcmp(m->ent.path, path) != 0)
                m->parts++;
            return;
        }
        end_anomaly(m, MT_A_MIME_TOO_DEEP);
    }
    /* a leaf: the body of the message itself is part 1, likewise the
     * body of an encapsulated message that is not multipart */
    if (e->top)
        child_path(path, e->path, 1);
    else
        g_strlcpy(path, e->path, PATH_MAX_LEN);
    if (e->top)
        m->parts++;
    {
        guint depth = e->top ? e->depth + 1 : e->depth;
        gboolean multi = g_str_has_prefix(ct, "multipart/");
        g_strlcpy(e->path, path, PATH_MAX_LEN);
        m->state = PS_BODY;
        acc_start(m, ACC_BODY, path, depth, body_start);
        m->acc.is_multipart = multi;
    }
}

static void body_line(mt_mime *m, const mline *L);

/* A line of a header section. */
static void
header_line(mt_mime *m, const mt_mime_ctx *c, const mline *L)
{
    const guint8 *t = L->text + L->skip;
    gsize n = L->len - L->skip, k, colon;
    guint64 end = L->stream_off + L->full_len + L->eol_len;

    if (L->full_len == L->skip) {
        flush_field(m, c, L->chunk_base);
        header_end(m, c, L, TRUE);
        return;
    }
    if (is_wsp(t[0]) && m->fopen) {
        m->flines++;
        m->fframe = c->frame;
        if (L->full_len - L->skip > LINE_MAX_OCTETS)
            m->flong = TRUE;
        m->fend = end;
        if (!m->fcapped && m->fbuf->len + L->len + L->eol_len <= MT_MIME_FIELD_KEEP
            && L->len == L->full_len) {
            g_byte_array_append(m->fbuf, L->text, (guint)L->len);
            g_byte_array_append(m->fbuf, (const guint8 *)"\r\n" + (2 - L->eol_len), (guint)L->eol_len);
        } else {
            m->fcapped = TRUE;
        }
        return;
    }
    /* name: printable characters up to a colon (RFC 5322 §2.2); the
     * obsolete syntax, which a receiver MUST accept, lets white space come
     * before the colon (§4, §4.5): "Subject : hello" typed in telnet */
    for (k = 0; k < n && t[k] > ' ' && t[k] < 0x7f && t[k] != ':'; k++)
        ;
    for (colon = k; k > 0 && colon < n && is_wsp(t[colon]); colon++)
        ;
    if (k > 0 && colon < n && t[colon] == ':' && L->skip == 0) {
        flush_field(m, c, L->chunk_base);
        g_byte_array_set_size(m->fbuf, 0);
        m->fopen = TRUE;
        m->fcapped = FALSE;
        m->flong = L->full_len > LINE_MAX_OCTETS;
        m->fstart = L->stream_off;
        m->fend = end;
        m->flines = 1;
        m->fframe = c->frame;
        if (L->len == L->full_len && L->len + L->eol_len <= MT_MIME_FIELD_KEEP) {
            g_byte_array_append(m->fbuf, L->text, (guint)L->len);
            g_byte_array_append(m->fbuf, (const guint8 *)"\r\n" + (2 - L->eol_len), (guint)L->eol_len);
        } else {
            g_byte_array_append(m->fbuf, L->text, (guint)MIN(L->len, (gsize)MT_MIME_FIELD_KEEP));
            m->fcapped = TRUE;
        }
        return;
    }
    /* not a header field */
    flush_field(m, c, L->chunk_base);
    {
        gboolean first = m->ent.nfields == 0;
        gboolean cont = is_wsp(t[0]);
        mt_record *r = span_record(c, MT_R_MESSAGE_LINE, MT_MIME_L_NOT_FIELD, L->stream_off,
                                   L->stream_off + L->len, L->chunk_base, L->text, L->len);
        mt_mime_expl x = first && m->ent.top ? MT_MIME_X_NO_HEADER : MT_MIME_X_NO_SEPARATOR;

        if (m->ent.path[0] || m->ent.depth > 0)
            part_items(r, m->ent.path, m->ent.depth);
        explain_x(r, -1, 0, (guint32)L->len, x);
        mt_rec_summary(r, mt_mime_expl_summary(x));
        if (cont)
            mt_rec_anomaly(r, MT_A_MIME_FOLD_FIRST, 0, (guint32)L->len);
        else if (x == MT_MIME_X_NO_HEADER)
            mt_rec_anomaly(r, MT_A_MIME_NO_HEADER, 0, (guint32)L->len);
        else
            mt_rec_anomaly(r, MT_A_MIME_NO_SEPARATOR, 0, (guint32)L->len);
    }
    header_end(m, c, L, FALSE);
    /* the line is the body's first (an encapsulated message's header
     * starts over, and reads it again) */
    if (m->state == PS_HEADER)
        header_line(m, c, L);
    else
        body_line(m, L);
}

static void
body_line(mt_mime *m, const mline *L)
{
    if (!m->acc.active)
        return;
    acc_line(m, L->text + L->skip, L->len - L->skip, L->full_len - L->skip, L->eol_len);
}

static void
one_line(mt_mime *m, const mt_mime_ctx *c, const mline *L)
{
    const guint8 *t = L->text + L->skip;
    gsize n = L->len - L->skip;
    guint i;

    m->any = TRUE;
    m->lines++;
    /* a delimiter of an open multipart, innermost first */
    if (n >= 2 && t[0] == '-' && t[1] == '-') {
        for (i = m->nstack; i-- > 0;) {
            gboolean close = FALSE;
            if (is_delimiter(&m->stack[i], t, n, &close)) {
                delimiter(m, c, L, i, close);
                return;
            }
        }
    }
    switch (m->state) {
    case PS_HEADER:
        header_line(m, c, L);
        break;
    case PS_BODY:
    case PS_PREAMBLE:
    case PS_EPILOGUE:
        body_line(m, L);
        break;
    default:
        break;
    }
}

/* ---- feeding ---- */

mt_mime *
mt_mime_new(void)
{
    mt_mime *m = g_new0(mt_mime, 1);

    m->max_depth = limits.max_depth;
    m->max_parts = limits.max_parts;
    m->max_decoded = limits.max_decoded;
    m->fbuf = g_byte_array_new();
    m->raw = g_byte_array_new();
    entity_start(m, "", 0, TRUE, FALSE);
    m->ent.outermost = TRUE;
    return m;
}

void
mt_mime_free(mt_mime *m)
{
    guint i;

    if (m == NULL)
        return;
    entity_clear(&m->ent);
    acc_clear(&m->acc);
    while (m->nstack > 0)
        level_pop(m);
    g_free(m->stack);
    g_byte_array_free(m->fbuf, TRUE);
    g_byte_array_free(m->raw, TRUE);
    g_free(m->env_from);
    for (i = 0; i < m->env_n; i++)
        g_free(m->env_rcpt[i]);
    g_free(m);
}

void
mt_mime_set_envelope(mt_mime *m, const char *mail_from, const char *const *rcpts, guint n)
{
    guint i;

    g_free(m->env_from);
    m->env_from = mail_from ? g_strdup(mail_from) : NULL;
    for (i = 0; i < m->env_n; i++)
        g_free(m->env_rcpt[i]);
    m->env_n = 0;
    for (i = 0; i < n && i < ENVELOPE_MAX_RCPT; i++) {
        m->env_rcpt[m->env_n] = g_strdup(rcpts[i]);
        m->env_seen[m->env_n++] = FALSE;
    }
}

void
mt_mime_line(mt_mime *m, const mt_mime_ctx *c, const mt_line *ln, gsize skip)
{
    mline L;

    if (m->finished)
        return;
    L.text = ln->text;
    L.len = ln->len;
    L.full_len = ln->full_len;
    L.eol_len = ln->eol_len;
    L.stream_off = ln->stream_off;
    L.skip = MIN(skip, ln->len);
    L.chunk_base = ln->stream_off + ln->full_len + ln->eol_len - (ln->chunk_off + ln->chunk_len);
    one_line(m, c, &L);
}

void
mt_mime_raw(mt_mime *m, const mt_mime_ctx *c, const mt_line *piece)
{
    const guint8 *p = piece->text;
    gsize n = piece->len, i = 0;
    guint64 base = piece->stream_off - piece->chunk_off;

    if (m->finished)
        return;
    m->from_raw = TRUE;
    while (i < n) {
        const guint8 *lf = memchr(p + i, '\n', n - i);
        gsize end = lf ? (gsize)(lf - p) : n;
        mline L;

        if (lf == NULL || m->raw_len > 0) {
            /* keep (the start of) a line that goes on in a later piece */
            if (m->raw_len == 0)
                m->raw_start = piece->stream_off + i;
            if (m->raw->len < RAW_KEEP_MAX)
                g_byte_array_append(m->raw, p + i, (guint)MIN(end - i, RAW_KEEP_MAX - m->raw->len));
            m->raw_len += end - i;
            if (lf == NULL)
                return;
            L.text = m->raw->data;
            L.len = m->raw->len;
            L.full_len = m->raw_len;
            L.stream_off = m->raw_start;
        } else {
            L.text = p + i;
            L.len = end - i;
            L.full_len = L.len;
            L.stream_off = piece->stream_off + i;
        }
        L.eol_len = 1;
        if (L.full_len > 0 && L.len == L.full_len && L.text[L.len - 1] == '\r') {
            L.len--;
            L.full_len--;
            L.eol_len = 2;
        } else if (L.full_len > L.len && L.len > 0 && L.text[L.len - 1] == '\r') {
            /* a kept copy that is cut: the CR may be gone, keep the count */
            L.full_len--;
            L.eol_len = 2;
        }
        L.skip = 0;
        L.chunk_base = base;
        one_line(m, c, &L);
        g_byte_array_set_size(m->raw, 0);
        m->raw_len = 0;
        i = end + 1;
    }
}

void
mt_mime_finish(mt_mime *m, const mt_mime_ctx *c)
{
    guint64 end;
    guint64 base;

    if (m->finished)
        return;
    if (m->raw_len > 0) {
        /* the last line has no line end */
        mline L;
        L.text = m->raw->data;
        L.len = m->raw->len;
        L.full_len = m->raw_len;
        L.eol_len = 0;
        L.stream_off = m->raw_start;
        L.skip = 0;
        L.chunk_base = G_MAXUINT64 / 2; /* shown from the kept copy */
        one_line(m, c, &L);
        g_byte_array_set_size(m->raw, 0);
        m->raw_len = 0;
    }
    m->finished = TRUE;
    /* the body ends where the message does: its records use no bytes of
     * this chunk then */
    end = G_MAXUINT64 / 2;
    base = end;
    if (m->state == PS_HEADER) {
        flush_field(m, c, base);
        required_fields(m);
        /* TOP and BODY[HEADER] cut the message on purpose */
        if (!m->ent.outermost && !m->truncated)
            end_anomaly(m, MT_A_MIME_MESSAGE_CUT);
    }
    if (m->acc.active)
        acc_end(m, c, m->acc.start + m->acc.octets, m->acc.start + m->acc.octets);
    while (m->nstack > 0) {
        if (!m->truncated)
            end_anomaly(m, m->stack[m->nstack - 1].seen ? MT_A_MIME_NO_CLOSE
                                                        : MT_A_MIME_BOUNDARY_NOT_SEEN);
        level_pop(m);
    }
}

void
mt_mime_end_with(mt_mime *m, const mt_mime_ctx *c, mt_record *r, gboolean move_after)
{
    guint before = c->out->len, i;

    mt_mime_finish(m, c);
    if (r == NULL)
        return;
    if (move_after && c->out->len > before) {
        for (i = before; i-- > 0;) {
            if (c->out->pdata[i] == r) {
                /* moved by hand: out may free what it removes */
                memmove(&c->out->pdata[i], &c->out->pdata[i + 1],
                        (c->out->len - i - 1) * sizeof(gpointer));
                c->out->pdata[c->out->len - 1] = r;
                break;
            }
        }
    }
    mt_mime_summarize(m, r);
}

void
mt_mime_set_truncated(mt_mime *m, gboolean truncated)
{
    m->truncated = truncated;
}

guint
mt_mime_part_count(const mt_mime *m)
{
    return m->parts;
}

void
mt_mime_summarize(const mt_mime *m, mt_record *r)
{
    guint i;
    gint it;

    if (!m->any)
        return;
    /* no body seen (TOP n 0, BODY[HEADER]): how many parts is unknown */
    if (m->parts > 0) {
        it = mt_rec_uint(r, -1, MT_F_MIME_PART_COUNT, 0, 0, m->parts, NULL);
        explain_x(r, it, 0, 0, MT_MIME_X_MESSAGE_STRUCTURE);
    }
    for (i = 0; i < m->env_n && m->env_header_seen; i++) {
        if (!m->env_seen[i]) {
            gint e = mt_rec_owned(r, -1, MT_F_MIME_BLIND_COPY, 0, 0,
                                  display_copy((const guint8 *)m->env_rcpt[i], strlen(m->env_rcpt[i])));
            explain_x(r, e, 0, 0, MT_MIME_X_BLIND_COPIES);
        }
    }
    for (i = 0; i < m->n_end_anoms; i++)
        mt_rec_anomaly(r, m->end_anoms[i], 0, 0);
}
