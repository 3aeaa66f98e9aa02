/* mt_detect.c - is this TCP stream SMTP, POP3 or IMAP?
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_detect.h"

#include <string.h>

/* Length of the first line without its end, or -1 if data does not start
 * with one complete line of text. */
static gssize
first_line(const guint8 *data, gsize len)
{
    gsize i, max = MIN(len, (gsize)MT_DETECT_MAX_LINE);

    for (i = 0; i < max; i++) {
        guint8 c = data[i];
        if (c == '\n') {
            if (i > 0 && data[i - 1] == '\r')
                return (gssize)i - 1;
            return (gssize)i;
        }
        if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
            continue;
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return -1;
    }
    return -1;
}

/* A first line that has not ended yet (a greeting cut into several TCP
 * segments): its length without a trailing CR, or -1 if data is not just
 * the start of a line of text. */
static gssize
unfinished_line(const guint8 *data, gsize len)
{
    gsize i;

    if (len == 0 || len >= MT_DETECT_MAX_LINE)
        return -1;
    for (i = 0; i < len; i++) {
        guint8 c = data[i];
        if (c == '\r' && i + 1 == len)
            return (gssize)i;
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return -1;
    }
    return (gssize)len;
}

/* An APOP timestamp "<...@...>" (RFC 1939 §7): only POP3 greetings hold one. */
static gboolean
has_apop_timestamp(const guint8 *t, gsize len)
{
    gsize i;
    const guint8 *lt = memchr(t, '<', len);

    if (lt == NULL)
        return FALSE;
    for (i = (gsize)(lt - t) + 1; i < len && t[i] != '>'; i++) {
        if (t[i] == '@' && i + 1 < len && t[i + 1] != '>' && t + i - 1 != lt)
            return memchr(t + i, '>', len - i) != NULL;
    }
    return FALSE;
}

static gboolean
contains_ci(const guint8 *t, gsize len, const char *word)
{
    gsize n = strlen(word), i;

    for (i = 0; i + n <= len; i++) {
        if (g_ascii_strncasecmp((const char *)t + i, word, n) == 0)
            return TRUE;
    }
    return FALSE;
}

static gboolean
starts_ci(const guint8 *t, gsize len, const char *word)
{
    gsize n = strlen(word);
    return len >= n && g_ascii_strncasecmp((const char *)t, word, n) == 0;
}

/* "WORD" alone or followed by a space. */
static gboolean
is_word(const guint8 *t, gsize len, const char *word)
{
    gsize n = strlen(word);
    return starts_ci(t, len, word) && (len == n || t[n] == ' ');
}

mt_verdict
mt_detect_greeting(const guint8 *data, gsize len, mt_proto *proto)
{
    gssize l = first_line(data, len);
    gsize n;

    *proto = MT_PROTO_NONE;
    if (l < 0)
        l = unfinished_line(data, len);
    if (l < 3)
        return MT_DETECT_NO;
    n = (gsize)l;

    /* SMTP: "220 " or "220-", RFC 5321 §4.2 and §3.1 */
    if ((starts_ci(data, n, "220") || starts_ci(data, n, "554"))
        && (n == 3 || data[3] == ' ' || data[3] == '-')) {
        if (contains_ci(data, n, "FTP"))
            return MT_DETECT_NO;
        *proto = MT_PROTO_SMTP;
        if (contains_ci(data, n, "SMTP") || contains_ci(data, n, "LMTP"))
            return MT_DETECT_YES;
        return starts_ci(data, n, "220") ? MT_DETECT_MAYBE : MT_DETECT_NO;
    }
    /* POP3: "+OK ...", RFC 1939 §4 */
    if (starts_ci(data, n, "+OK") && (n == 3 || data[3] == ' ')) {
        *proto = MT_PROTO_POP3;
        if (contains_ci(data, n, "POP") || has_apop_timestamp(data, n))
            return MT_DETECT_YES;
        return MT_DETECT_MAYBE;
    }
    /* IMAP: "* OK", "* PREAUTH" or "* BYE", RFC 9051 §7.1 */
    if (starts_ci(data, n, "* OK") || starts_ci(data, n, "* PREAUTH")
        || starts_ci(data, n, "* BYE")) {
        *proto = MT_PROTO_IMAP;
        if (contains_ci(data, n, "IMAP"))
            return MT_DETECT_YES;
        return MT_DETECT_MAYBE;
    }
    return MT_DETECT_NO;
}

/* An IMAP tag: 1 to 32 characters of RFC 9051 tag syntax. Returns its
 * length, or 0. */
static gsize
imap_tag(const guint8 *t, gsize len)
{
    gsize i;

    for (i = 0; i < len && i <= 32; i++) {
        guint8 c = t[i];
        if (c == ' ')
            return i;
        if (c <= 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '{' || c == '%'
            || c == '*' || c == '"' || c == '\\' || c == '+')
            return 0;
    }
    return 0;
}

/* Number of space-separated arguments after a command word (at most 3). */
static guint
count_args(const guint8 *t, gsize len)
{
    guint n = 0;
    gsize i = 0;

    while (i < len && n < 3) {
        while (i < len && t[i] == ' ')
            i++;
        if (i >= len)
            break;
        n++;
        while (i < len && t[i] != ' ')
            i++;
    }
    return n;
}

/* The arguments a strong IMAP command must have to count as evidence, so
 * that an FTP or SMTP reply such as "230 Login successful." (a 3-digit
 * "tag" and the word Login) is not taken for IMAP: CAPABILITY and STARTTLS
 * take none (RFC 9051 §6.1.1, §6.2.1), AUTHENTICATE a mechanism (§6.2.2),
 * LOGIN a user name and a password (§6.2.3), the user name possibly a
 * literal whose octets follow on the next line. */
static gboolean
imap_args_plausible(const char *word, const guint8 *c, gsize cl)
{
    gsize wl = strlen(word);
    const guint8 *a = c + wl;
    gsize al = cl - wl;
    guint n = count_args(a, al);

    if (g_str_equal(word, "LOGIN"))
        return n >= 2 || (n == 1 && al > 0 && a[al - 1] == '}');
    if (g_str_equal(word, "AUTHENTICATE"))
        return n >= 1;
    return n == 0;
}

mt_verdict
mt_detect_client(const guint8 *data, gsize len, mt_proto candidate, mt_proto *proto)
{
    gssize l = first_line(data, len);
    gsize n, tl;
    static const char *const smtp_strong[] = { "EHLO ", "HELO ", "LHLO " };
    static const char *const smtp_weak[] = { "MAIL FROM:", "STARTTLS", "VRFY ", "EXPN " };
    static const char *const pop3[] = { "USER", "APOP", "CAPA", "AUTH", "STLS", "STAT",
                                        "LIST", "UIDL", "QUIT" };
    static const char *const imap_strong[] = { "CAPABILITY", "LOGIN", "AUTHENTICATE",
                                               "STARTTLS" };
    static const char *const imap_weak[] = { "ID", "NOOP", "LOGOUT", "ENABLE" };
    guint i;

    *proto = MT_PROTO_NONE;
    if (l < 4)
        return MT_DETECT_NO;
    n = (gsize)l;

    if (candidate == MT_PROTO_NONE || candidate == MT_PROTO_SMTP) {
        for (i = 0; i < G_N_ELEMENTS(smtp_strong); i++) {
            if (starts_ci(data, n, smtp_strong[i]) && n > 5) {
                *proto = MT_PROTO_SMTP;
                return MT_DETECT_YES;
            }
        }
        for (i = 0; candidate == MT_PROTO_SMTP && i < G_N_ELEMENTS(smtp_weak); i++) {
            if (starts_ci(data, n, smtp_weak[i])) {
                *proto = MT_PROTO_SMTP;
                return MT_DETECT_YES;
            }
        }
    }
    if (candidate == MT_PROTO_POP3) {
        for (i = 0; i < G_N_ELEMENTS(pop3); i++) {
            if (is_word(data, n, pop3[i])) {
                *proto = MT_PROTO_POP3;
                return MT_DETECT_YES;
            }
        }
    }
    if (candidate == MT_PROTO_NONE || candidate == MT_PROTO_IMAP) {
        tl = imap_tag(data, n);
        if (tl > 0) {
            const guint8 *c = data + tl + 1;
            gsize cl = n - tl - 1;
            for (i = 0; i < G_N_ELEMENTS(imap_strong); i++) {
                if (is_word(c, cl, imap_strong[i])
                    && imap_args_plausible(imap_strong[i], c, cl)) {
                    *proto = MT_PROTO_IMAP;
                    return MT_DETECT_YES;
                }
            }
            for (i = 0; candidate == MT_PROTO_IMAP && i < G_N_ELEMENTS(imap_weak); i++) {
                if (is_word(c, cl, imap_weak[i])) {
                    *proto = MT_PROTO_IMAP;
                    return MT_DETECT_YES;
                }
            }
        }
    }
    return MT_DETECT_NO;
}
