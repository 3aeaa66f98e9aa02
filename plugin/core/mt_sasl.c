/* mt_sasl.c - logins decoded and judged
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What each mechanism puts in its messages:
 * - PLAIN (RFC 4616 §2): one client message, [authzid] NUL authcid NUL
 *   passwd.
 * - LOGIN (draft-murchison-sasl-login): the server prompts "Username:" and
 *   "Password:" (any wording, any case); the client answers each. The
 *   prompt, not the count of answers, says which answer is the password.
 * - CRAM-MD5 (RFC 2195 §2): a challenge like <1896.697170952@host>; the
 *   answer is the user name, a space and 32 lower-case hex digits.
 * - SCRAM-* (RFC 5802 §5, §7): client-first "n,,n=user,r=nonce",
 *   server-first "r=..,s=..,i=..", client-final "c=..,r=..,p=..",
 *   server-final "v=.." or "e=..".
 * - XOAUTH2 (Google): "user=" user ^A "auth=Bearer " token ^A ^A.
 * - OAUTHBEARER (RFC 7628 §3.1): gs2-header ^A key=value ^A ... ^A ^A.
 * - EXTERNAL (RFC 4422 App. A), ANONYMOUS (RFC 4505 §2), NTLM, GSSAPI:
 *   recognised and explained, not taken apart further.
 */
#include "mt_sasl.h"

#include <string.h>

#include "mt_anomaly.h"
#include "mt_linecheck.h"
#include "mt_util.h"

/* Parts of one message itemised (SCRAM attributes, OAuth pairs). */
#define SASL_MAX_PARTS 32

enum { ASK_NONE = 0, ASK_USER, ASK_PASS, ASK_OTHER };

/* ---- texts ---- */

#define T(name, text) static const mt_text name = MT_T(text)

/* the line's explanations: client messages */
T(x_initial_note, "Initial response: the client sends its first SASL message with the command "
  "itself, before any challenge, which saves a round trip. No challenge came before it.");
T(x_plain, "PLAIN credentials, decoded from Base64: an authorization identity (often empty), "
  "NUL, the user name, NUL, the password. The password is readable by anyone who sees "
  "these bytes: Base64 is an encoding, not encryption.");
T(x_login_user, "LOGIN: the user name, in Base64, answering the server's prompt for it.");
T(x_login_user_initial, "LOGIN: the user name, in Base64, sent as initial response; the server "
  "then asks only for the password.");
T(x_login_pass, "LOGIN: the password, in Base64, answering the server's \"Password:\" prompt. "
  "Base64 is an encoding anyone can reverse, not encryption.");
T(x_cram, "CRAM-MD5 answer: the user name, a space and 32 hexadecimal digits, the HMAC-MD5 of the "
  "server's challenge keyed with the password. The password is not on the wire, but whoever "
  "captures the challenge and this answer can test guessed passwords offline until one gives "
  "the same digest.");
T(x_xoauth2, "XOAUTH2: \"user=\" the user name, then \"auth=Bearer \" an OAuth 2.0 access token, "
  "separated by ^A (0x01) bytes. The token works like a password until it expires: anyone who "
  "captures it can log in as this user.");
T(x_oauthbearer, "OAUTHBEARER: a GS2 header (\"n,a=user,\"), then key=value pairs separated by ^A "
  "(0x01): host, port and auth=Bearer with an OAuth 2.0 access token. Whoever captures the "
  "token can use it until it expires.");
T(x_oauth_abort, "A single ^A (0x01): after the server's error report the client ends the "
  "OAUTHBEARER exchange; the server then answers that the login failed.");
T(x_scram_cfirst, "SCRAM client-first message: the GS2 header (\"n,,\": no channel binding, no "
  "authorization identity), the user name (n=) and a random client nonce (r=). Nothing secret "
  "is sent.");
T(x_scram_cfinal, "SCRAM client-final message: the channel binding data (c=), the whole nonce "
  "again (r=) and the client proof (p=), which shows that the client knows the password without "
  "sending it. An eavesdropper can still test guessed passwords offline against this exchange; "
  "the salt and the iteration count make each guess slower.");
T(x_external, "EXTERNAL: the client asks to be identified by something outside SASL, usually its "
  "TLS client certificate. The message is the authorization identity it asks for (empty: the "
  "one the certificate gives). No password is sent.");
T(x_anonymous, "ANONYMOUS: trace information (often an email address) that the server may log; "
  "it proves nothing about who the client is.");
T(x_ntlm, "An NTLM message (binary, starting with \"NTLMSSP\"): type 1 negotiates, type 2 is the "
  "server's challenge, type 3 answers it with the user name and a response computed from the "
  "password hash. mailteach does not decode NTLM further; a captured exchange allows offline "
  "password guessing.");
T(x_gssapi, "A GSS-API (Kerberos V5) token, binary. mailteach does not decode it further. No "
  "password crosses the wire: the client shows a ticket from the Kerberos server.");
T(x_digest_md5, "A DIGEST-MD5 message (RFC 2831, now Historic): comma-separated name=value "
  "pairs. The password is not sent, but a captured exchange allows offline guessing.");
T(x_empty_answer, "An empty answer: the client has nothing to send at this step (after a SCRAM "
  "server-final message or an error report, the server then gives its verdict).");
T(x_other_answer, "A client message of this login exchange, decoded from Base64. mailteach does "
  "not take this mechanism's messages apart.");
T(x_cancel, "\"*\" cancels the login exchange; the server answers that authentication failed "
  "(SMTP 501, POP3 -ERR, IMAP BAD).");
T(x_invalid, "This message is not valid Base64. mailteach shows where the first character "
  "that does not belong to Base64 is; a server rejects the message.");

/* the line's explanations: server challenges */
T(x_ch_login_user, "LOGIN prompt, decoded from Base64: the server asks for the user name. "
  "(\"VXNlcm5hbWU6\" is \"Username:\"; some servers write \"username:\", which is "
  "\"dXNlcm5hbWU6\".) The client answers with the user name in Base64.");
T(x_ch_login_pass, "LOGIN prompt, decoded from Base64: the server asks for the password "
  "(\"UGFzc3dvcmQ6\" is \"Password:\"). The client answers with the password in Base64.");
T(x_ch_cram, "CRAM-MD5 challenge, decoded from Base64: a string used once, in the form of a "
  "message id (<...@host>). The client answers with its user name and an HMAC-MD5 of this "
  "string keyed with its password.");
T(x_ch_scram_first, "SCRAM server-first message: the whole nonce (r=, the client's nonce with the "
  "server's appended), the salt (s=, Base64) and the iteration count (i=) with which both "
  "sides derive keys from the password.");
T(x_ch_scram_final, "SCRAM server-final message: v= is the server signature, which proves that "
  "the server knows the salted password too (mutual authentication); e= reports an error.");
T(x_ch_oauth_error, "An OAuth error report, a JSON object (status, schemes, scope): the server "
  "refused the token. The client answers with an empty message (XOAUTH2) or ^A (OAUTHBEARER), "
  "and the server then says that the login failed.");
T(x_ch_empty, "An empty challenge: the server has nothing to ask and waits for the client's "
  "first message (for PLAIN, the whole credentials).");
T(x_ch_other, "A server challenge of this login exchange, decoded from Base64.");

/* meanings of parts */
T(m_authzid, "The authorization identity: the user the client wants to act as. Empty means the "
  "user name itself.");
T(m_username, "The user name (authentication identity) that the password belongs to.");
T(m_password, "The password, as it crossed the wire.");
T(m_token, "The OAuth 2.0 bearer token: whoever holds it can use it, like a password, until it "
  "expires.");
T(m_cram_digest, "HMAC-MD5 of the challenge, keyed with the password, in hexadecimal. Not the "
  "password, but it lets an eavesdropper test guessed passwords offline.");
T(m_tls_yes, "TLS protects this connection: on the network these bytes were encrypted. Wireshark "
  "shows them because it was given the TLS keys.");
T(m_tls_no, "No TLS: these bytes crossed the network exactly as shown. Anyone on the path can "
  "read them; Base64 hides nothing.");
T(m_tls_no_digest, "No TLS: an eavesdropper cannot read a password here, but can keep this "
  "exchange and test guessed passwords offline.");
T(m_on_screen, "What the line decodes to as the terminal showed it, after the backspaces. "
  "The server got the bytes as sent, backspaces included, which are not Base64.");
T(m_bad_at, "The first character that is not Base64 (A-Z, a-z, 0-9, +, / and = padding at the "
  "end).");
T(m_ok, "The server accepted these credentials: the session is now logged in as this user.");
T(m_cancelled, "The client cancelled this login attempt with \"*\" and the server confirms: "
  "nobody is logged in, and the client may start another login.");
T(m_failed, "The server refused this login attempt. The attempt is over; the client may try "
  "again, with the same or other credentials or another mechanism.");
T(m_scram_n, "n=: the user name (\"=2C\" stands for a comma, \"=3D\" for \"=\").");
T(m_scram_r, "r=: the nonce, random text that makes this exchange unique.");
T(m_scram_s, "s=: the salt, Base64: random data mixed into the password before hashing.");
T(m_scram_i, "i=: the iteration count: how many times the password is hashed, to slow down "
  "guessing.");
T(m_scram_c, "c=: channel binding, the GS2 header in Base64 (\"biws\" is \"n,,\": none).");
T(m_scram_p, "p=: the client proof, Base64: computed from the password and the whole exchange.");
T(m_scram_v, "v=: the server signature, Base64: proves that the server knows the password's "
  "salted hash.");
T(m_scram_e, "e=: the server reports an error; the login fails.");
T(m_scram_a, "a=: the authorization identity the client asks for.");
T(m_gs2_n, "GS2 header \"n\": the client does not use channel binding.");
T(m_gs2_y, "GS2 header \"y\": the client could use channel binding but thinks the server cannot.");
T(m_gs2_p, "GS2 header \"p=\": the client binds the exchange to this TLS channel.");
/* what each SCRAM attribute is, beside its value: "n=student (user name)" */
T(a_gs2_n, "GS2 header: no channel binding");
T(a_gs2_y, "GS2 header: channel binding not used");
T(a_gs2_p, "GS2 header: bound to the TLS channel");
T(a_scram_n, "user name");
T(a_scram_r, "nonce");
T(a_scram_s, "salt");
T(a_scram_i, "iteration count");
T(a_scram_c, "channel binding");
T(a_scram_p, "client proof");
T(a_scram_v, "server signature");
T(a_scram_e, "server error");
T(a_scram_a, "authorization identity");
T(m_oauth_pair, "A key=value pair of the OAuth message (host, port, auth).");

/* summaries */
T(s_plain, "PLAIN credentials: user {1}, password included");
T(s_login_user, "user name {1} (Base64)");
T(s_login_pass, "password (Base64, readable by anyone)");
T(s_cram, "user {1} and HMAC-MD5 digest (no password)");
T(s_oauth, "user {1} and OAuth bearer token");
T(s_oauth_abort, "end the exchange after the error");
T(s_scram_cfirst, "SCRAM client-first: user {1}, client nonce");
T(s_scram_cfinal, "SCRAM client-final: proof of the password");
T(s_external, "EXTERNAL: identity from outside SASL");
T(s_anonymous, "anonymous login");
T(s_ntlm, "NTLM message, type {1}");
T(s_gssapi, "GSSAPI (Kerberos) token");
T(s_digest_md5, "DIGEST-MD5 message");
T(s_empty, "empty answer");
T(s_other, "SASL message: {1}");
T(s_cancel, "cancel the login");
T(s_invalid, "not valid Base64");
T(s_challenge, "challenge \"{1}\"");
T(s_ch_empty, "empty challenge: go ahead");
T(s_ch_scram_first, "SCRAM server-first: salt and iteration count");
T(s_ch_scram_final, "SCRAM server-final: server signature");
T(s_ch_oauth_error, "OAuth error report (JSON)");

#undef T

#define RFC_SASL_SMTP "RFC 4954 §4"
#define RFC_SASL_POP3 "RFC 5034 §4"
#define RFC_SASL_IMAP "RFC 9051 §6.2.2"

static const char *
exchange_rfc(const mt_sasl *x)
{
    switch (x->proto) {
    case MT_PROTO_POP3: return RFC_SASL_POP3;
    case MT_PROTO_IMAP: return RFC_SASL_IMAP;
    default:            return RFC_SASL_SMTP;
    }
}

static const char *
kind_rfc(mt_sasl_kind k)
{
    switch (k) {
    case MT_SASL_K_PLAIN:       return "RFC 4616 §2";
    case MT_SASL_K_LOGIN:       return "draft-murchison-sasl-login";
    case MT_SASL_K_CRAM_MD5:    return "RFC 2195 §2";
    case MT_SASL_K_DIGEST_MD5:  return "RFC 2831";
    case MT_SASL_K_SCRAM:       return "RFC 5802 §5.1";
    case MT_SASL_K_XOAUTH2:     return "Google XOAUTH2";
    case MT_SASL_K_OAUTHBEARER: return "RFC 7628 §3.1";
    case MT_SASL_K_EXTERNAL:    return "RFC 4422 App. A";
    case MT_SASL_K_ANONYMOUS:   return "RFC 4505 §2";
    case MT_SASL_K_NTLM:        return "MS-NLMP";
    case MT_SASL_K_GSSAPI:      return "RFC 4752";
    default:                    return NULL;
    }
}

/* ---- state ---- */

void
mt_sasl_init(mt_sasl *x, mt_proto proto)
{
    memset(x, 0, sizeof(*x));
    x->proto = proto;
}

void
mt_sasl_clear(mt_sasl *x)
{
    g_free(x->username);
    x->username = NULL;
    x->creds = NULL;
}

static void
reset(mt_sasl *x, mt_sasl_kind kind, gboolean keep_user)
{
    if (!keep_user) {
        g_free(x->username);
        x->username = NULL;
    }
    x->active = TRUE;
    x->kind = kind;
    x->client_msgs = 0;
    x->server_msgs = 0;
    x->login_ask = ASK_NONE;
    x->user_given = FALSE;
    x->cancelled = FALSE;
    x->creds = NULL;
}

void
mt_sasl_begin(mt_sasl *x, const guint8 *mech, gsize len)
{
    mt_sasl_kind k = MT_SASL_K_OTHER;

    if (mt_ci_eq(mech, len, "PLAIN"))
        k = MT_SASL_K_PLAIN;
    else if (mt_ci_eq(mech, len, "LOGIN"))
        k = MT_SASL_K_LOGIN;
    else if (mt_ci_eq(mech, len, "CRAM-MD5"))
        k = MT_SASL_K_CRAM_MD5;
    else if (mt_ci_eq(mech, len, "DIGEST-MD5"))
        k = MT_SASL_K_DIGEST_MD5;
    else if (len > 6 && mt_ci_prefix(mech, len, 0, "SCRAM-"))
        k = MT_SASL_K_SCRAM;
    else if (mt_ci_eq(mech, len, "XOAUTH2"))
        k = MT_SASL_K_XOAUTH2;
    else if (mt_ci_eq(mech, len, "OAUTHBEARER"))
        k = MT_SASL_K_OAUTHBEARER;
    else if (mt_ci_eq(mech, len, "EXTERNAL"))
        k = MT_SASL_K_EXTERNAL;
    else if (mt_ci_eq(mech, len, "ANONYMOUS"))
        k = MT_SASL_K_ANONYMOUS;
    else if (mt_ci_eq(mech, len, "NTLM"))
        k = MT_SASL_K_NTLM;
    else if (mt_ci_eq(mech, len, "GSSAPI") || mt_ci_eq(mech, len, "GS2-KRB5"))
        k = MT_SASL_K_GSSAPI;
    reset(x, k, FALSE);
}

void
mt_sasl_begin_plain(mt_sasl *x, gboolean keep_user)
{
    reset(x, MT_SASL_K_PASSWORD, keep_user);
}

void
mt_sasl_set_user(mt_sasl *x, const guint8 *p, gsize len)
{
    g_free(x->username);
    x->username = mt_sasl_display(p, MIN(len, (gsize)256));
}

/* ---- Base64 ---- */

static gint
b64_value(guint8 c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

GByteArray *
mt_sasl_base64(const guint8 *p, gsize len, gsize *bad)
{
    gsize i, data = 0, pad = 0, outlen;
    guint8 *copy;
    GByteArray *out;
    gint state = 0;
    guint save = 0;

    *bad = 0;
    if (len > MT_SASL_MAX_BASE64) {
        *bad = MT_SASL_MAX_BASE64;
        return NULL;
    }
    for (i = 0; i < len; i++) {
        if (p[i] == '=') {
            if (data == 0 || pad >= 2) {
                *bad = i;
                return NULL;
            }
            pad++;
            continue;
        }
        if (pad > 0 || b64_value(p[i]) < 0) {
            *bad = i;
            return NULL;
        }
        data++;
    }
    /* a last group of one character cannot hold a byte; padding may be
     * left out, or cut short, but never goes past a group of four */
    if (data % 4 == 1) {
        *bad = len;
        return NULL;
    }
    if (pad > 0 && data % 4 == 0) {
        *bad = data;
        return NULL;
    }
    if (pad > 0 && data % 4 + pad > 4) {
        *bad = data + 4 - data % 4;
        return NULL;
    }
    /* restore the padding that may be missing, then decode */
    copy = g_malloc(data + 4);
    memcpy(copy, p, data);
    outlen = data;
    while (outlen % 4 != 0)
        copy[outlen++] = '=';
    out = g_byte_array_sized_new((guint)(outlen / 4 * 3 + 3));
    g_byte_array_set_size(out, (guint)(outlen / 4 * 3 + 3));
    g_byte_array_set_size(out, (guint)g_base64_decode_step((const gchar *)copy, outlen, out->data,
                                                           &state, &save));
    g_free(copy);
    return out;
}

/* ---- helpers ---- */

/* Bytes as text for a summary or the remembered user name: valid UTF-8,
 * control characters as ".". */
char *
mt_sasl_display(const guint8 *p, gsize len)
{
    GString *s = g_string_sized_new(len);
    char *valid;
    gsize i;

    for (i = 0; i < len; i++)
        g_string_append_c(s, (p[i] < 0x20 || p[i] == 0x7f) ? '.' : (gchar)p[i]);
    valid = g_utf8_make_valid(s->str, (gssize)s->len);
    g_string_free(s, TRUE);
    return valid;
}

/* An item of bytes of the decoded data. */
static gint
dec_item(mt_record *r, gint parent, mt_field f, gsize off, gsize len)
{
    gint it = mt_rec_bytes(r, parent, f, (guint32)off, (guint32)len, FALSE);
    mt_rec_set_src(r, it, MT_SRC_DECODED);
    return it;
}

static gint
dec_secret(mt_record *r, gint parent, mt_field f, gsize off, gsize len, const mt_text *meaning)
{
    gint it = dec_item(r, parent, f, off, len);
    mt_rec_set_secret(r, it);
    if (meaning)
        mt_rec_explain(r, it, (guint32)off, (guint32)len, meaning, NULL);
    return it;
}

static void
set_user(mt_sasl *x, mt_record *r, gint parent, const guint8 *d, gsize off, gsize len)
{
    gint it = dec_item(r, parent, MT_F_AUTH_USERNAME, off, len);
    mt_rec_explain(r, it, (guint32)off, (guint32)len, &m_username, NULL);
    mt_sasl_set_user(x, d + off, len);
}

/* The secret of these credentials crossed: say whether TLS protected it. */
static void
judge(mt_sasl *x, mt_record *r, guint32 off, guint32 len, gboolean reusable, gboolean tls)
{
    gint it = mt_rec_bool(r, -1, MT_F_AUTH_TLS, 0, 0, tls);

    mt_rec_explain(r, it, 0, 0, tls ? &m_tls_yes : reusable ? &m_tls_no : &m_tls_no_digest, NULL);
    if (reusable && !tls)
        mt_rec_anomaly(r, MT_A_AUTH_CLEARTEXT, off, len);
    x->creds = r;
}

/* The encoded text at the line's [off, off+len) holds a secret: a hidden
 * item marks it, so that the adapter can hide the line's Base64 too. */
static void
mark_line_secret(mt_record *r, gsize off, gsize len)
{
    gint it = mt_rec_bytes(r, -1, MT_F_NONE, (guint32)off, (guint32)len, FALSE);
    mt_rec_set_secret(r, it);
}

static gsize
find_byte(const guint8 *d, gsize from, gsize end, guint8 c)
{
    while (from < end && d[from] != c)
        from++;
    return from;
}

/* ---- mechanisms: client messages ---- */

static void
plain_message(mt_sasl *x, mt_record *r, const guint8 *d, gsize n)
{
    gsize a = find_byte(d, 0, n, 0), b;
    gint it;

    if (a >= n) {
        /* no NUL: not PLAIN's form */
        return;
    }
    it = dec_item(r, -1, MT_F_AUTH_AUTHZID, 0, a);
    mt_rec_explain(r, it, 0, (guint32)a, &m_authzid, "RFC 4616 §2");
    b = find_byte(d, a + 1, n, 0);
    set_user(x, r, -1, d, a + 1, b - (a + 1));
    if (b < n)
        dec_secret(r, -1, MT_F_AUTH_PASSWORD, b + 1, n - (b + 1), &m_password);
}

/* "user digest": the last space splits them. */
static void
cram_message(mt_sasl *x, mt_record *r, const guint8 *d, gsize n)
{
    gsize sp = n;

    while (sp > 0 && d[sp - 1] != ' ')
        sp--;
    if (sp == 0) {
        set_user(x, r, -1, d, 0, n);
        return;
    }
    set_user(x, r, -1, d, 0, sp - 1);
    dec_secret(r, -1, MT_F_AUTH_DIGEST, sp, n - sp, &m_cram_digest);
}

/* Its short name, shown beside the attribute's value. */
static const mt_text *
scram_name(guint8 c)
{
    switch (c) {
    case 'n': return &a_scram_n;
    case 'r': return &a_scram_r;
    case 's': return &a_scram_s;
    case 'i': return &a_scram_i;
    case 'c': return &a_scram_c;
    case 'p': return &a_scram_p;
    case 'v': return &a_scram_v;
    case 'e': return &a_scram_e;
    case 'a': return &a_scram_a;
    default:  return NULL;
    }
}

static const mt_text *
scram_meaning(guint8 c)
{
    switch (c) {
    case 'n': return &m_scram_n;
    case 'r': return &m_scram_r;
    case 's': return &m_scram_s;
    case 'i': return &m_scram_i;
    case 'c': return &m_scram_c;
    case 'p': return &m_scram_p;
    case 'v': return &m_scram_v;
    case 'e': return &m_scram_e;
    case 'a': return &m_scram_a;
    default:  return NULL;
    }
}

/* Comma-separated attributes from d[i..n). client_first: a GS2 header
 * comes first (two fields). */
static void
scram_attributes(mt_sasl *x, mt_record *r, const guint8 *d, gsize n, gboolean client_first)
{
    gsize i = 0;
    guint k = 0;

    if (client_first) {
        gsize e = find_byte(d, 0, n, ',');
        gint it = dec_item(r, -1, MT_F_AUTH_ATTRIBUTE, 0, e);
        /* the channel binding flag: "n", "y" or "p=name" (RFC 5802 §7) */
        if (e == 1 && (d[0] == 'n' || d[0] == 'y')) {
            mt_rec_set_meaning(r, it, d[0] == 'y' ? &a_gs2_y : &a_gs2_n);
            mt_rec_explain(r, it, 0, 1, d[0] == 'y' ? &m_gs2_y : &m_gs2_n, "RFC 5802 §7");
        } else if (e > 2 && d[0] == 'p' && d[1] == '=') {
            mt_rec_set_meaning(r, it, &a_gs2_p);
            mt_rec_explain(r, it, 0, (guint32)e, &m_gs2_p, "RFC 5802 §7");
        }
        i = e + 1;
        e = find_byte(d, i, n, ',');
        if (e > i) {
            it = dec_item(r, -1, MT_F_AUTH_AUTHZID, i + 2 <= e ? i + 2 : i, i + 2 <= e ? e - i - 2 : 0);
            mt_rec_explain(r, it, (guint32)i, (guint32)(e - i), &m_scram_a, "RFC 5802 §5.1");
        }
        i = e + 1;
    }
    while (i < n && k++ < SASL_MAX_PARTS) {
        gsize e = find_byte(d, i, n, ',');
        gint it = dec_item(r, -1, MT_F_AUTH_ATTRIBUTE, i, e - i);
        const mt_text *m = e - i >= 2 && d[i + 1] == '=' ? scram_meaning(d[i]) : NULL;

        if (m) {
            mt_rec_set_meaning(r, it, scram_name(d[i]));
            mt_rec_explain(r, it, (guint32)i, (guint32)(e - i), m, "RFC 5802 §5.1");
        }
        if (e - i >= 2 && d[i + 1] == '=') {
            if (d[i] == 'n' && client_first)
                set_user(x, r, it, d, i + 2, e - i - 2);
            else if (d[i] == 'p')
                mt_rec_set_secret(r, dec_item(r, it, MT_F_AUTH_DIGEST, i + 2, e - i - 2));
        }
        i = e + 1;
    }
}

/* XOAUTH2 and OAUTHBEARER: ^A-separated parts. */
static void
oauth_message(mt_sasl *x, mt_record *r, const guint8 *d, gsize n, gboolean gs2)
{
    gsize i = 0;
    guint k = 0;

    if (gs2) {
        /* "n,a=user@example.com," */
        gsize e = find_byte(d, 0, n, 0x01), a;
        for (a = 0; a + 2 < e; a++) {
            if ((a == 0 || d[a - 1] == ',') && d[a] == 'a' && d[a + 1] == '=') {
                gsize ae = find_byte(d, a + 2, e, ',');
                gint it = dec_item(r, -1, MT_F_AUTH_AUTHZID, a + 2, ae - a - 2);
                mt_rec_explain(r, it, (guint32)(a + 2), (guint32)(ae - a - 2), &m_authzid, "RFC 7628 §3.1");
                set_user(x, r, it, d, a + 2, ae - a - 2);
                break;
            }
        }
        i = e + 1;
    }
    while (i < n && k++ < SASL_MAX_PARTS) {
        gsize e = find_byte(d, i, n, 0x01);
        if (e > i) {
            gint it = dec_item(r, -1, MT_F_AUTH_ATTRIBUTE, i, e - i);
            if (e - i > 5 && mt_ci_prefix(d, e, i, "user=")) {
                set_user(x, r, it, d, i + 5, e - i - 5);
            } else if (e - i > 5 && mt_ci_prefix(d, e, i, "auth=")) {
                gsize t = i + 5;
                mt_rec_set_secret(r, it);
                if (mt_ci_prefix(d, e, t, "Bearer "))
                    t += 7;
                dec_secret(r, it, MT_F_AUTH_TOKEN, t, e - t, &m_token);
            } else {
                mt_rec_explain(r, it, (guint32)i, (guint32)(e - i), &m_oauth_pair, NULL);
            }
        }
        i = e + 1;
    }
}

/* "NTLMSSP\0" and a little-endian type. */
static guint
ntlm_type(const guint8 *d, gsize n)
{
    if (n >= 12 && memcmp(d, "NTLMSSP", 8) == 0)
        return d[8];
    return 0;
}

/* A line typed with backspace (or delete) bytes: the server decodes the
 * bytes as received, which are not Base64; what the terminal showed may
 * be. Both are shown, and which one the server got is said. */
static void
on_screen(mt_sasl *x, mt_record *r, const guint8 *p, gsize len)
{
    char *shown;
    GByteArray *d;
    gsize bad = 0;
    gint it;

    if (memchr(p, 0x08, len) == NULL && memchr(p, 0x7f, len) == NULL)
        return;
    shown = mt_line_on_screen(p, len);
    if (shown == NULL)
        return;
    d = mt_sasl_base64((const guint8 *)shown, strlen(shown), &bad);
    g_free(shown);
    if (d == NULL)
        return;
    it = mt_rec_owned(r, -1, MT_F_AUTH_DECODED, 0, 0, mt_sasl_display(d->data, d->len));
    mt_rec_explain(r, it, 0, 0, &m_on_screen, NULL);
    /* a LOGIN user name is no secret; anything else may be */
    if (!(x->kind == MT_SASL_K_LOGIN && x->login_ask != ASK_PASS && !x->user_given))
        mt_rec_set_secret(r, it);
    g_byte_array_free(d, TRUE);
}

/* ---- client messages ---- */

static void
say(mt_record *r, gint parent, gboolean initial, gsize off, gsize len, const mt_text *t,
    const char *rfc)
{
    if (initial && parent >= 0)
        mt_rec_explain(r, parent, (guint32)off, (guint32)len, t, rfc);
    else if (!initial)
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, t, rfc);
}

void
mt_sasl_client(mt_sasl *x, mt_record *r, gint parent, const guint8 *t, gsize off, gsize len,
               gboolean initial, gboolean tls)
{
    GByteArray *dec;
    gsize bad = 0, n;
    const guint8 *d;
    guint step = x->client_msgs;
    mt_sasl_kind k = x->kind;
    const char *rfc = kind_rfc(k);
    gint it;

    if (len == 1 && t[off] == '*' && !initial) {
        say(r, parent, initial, off, len, &x_cancel, exchange_rfc(x));
        mt_rec_summary(r, &s_cancel);
        x->creds = NULL;
        x->cancelled = TRUE;
        return;
    }
    if (initial)
        mt_rec_note(r, (guint32)off, (guint32)len, &x_initial_note, x->proto == MT_PROTO_IMAP
                    ? "RFC 4959 §3" : exchange_rfc(x));
    x->client_msgs++;
    if (initial && len == 1 && t[off] == '=') {
        dec = g_byte_array_new();
    } else {
        dec = mt_sasl_base64(t + off, len, &bad);
        if (dec == NULL) {
            it = mt_rec_uint(r, -1, MT_F_AUTH_BASE64_INVALID, (guint32)(off + bad),
                             bad < len ? 1 : 0, off + bad, NULL);
            mt_rec_explain(r, it, (guint32)(off + bad), bad < len ? 1 : 0, &m_bad_at, "RFC 4648 §4");
            mt_rec_anomaly(r, MT_A_AUTH_BASE64_INVALID, (guint32)(off + bad), bad < len ? 1 : 0);
            say(r, parent, initial, off, len, &x_invalid, exchange_rfc(x));
            mt_rec_summary(r, &s_invalid);
            /* what it may hold is still a secret */
            if (k != MT_SASL_K_LOGIN || x->login_ask == ASK_PASS || x->user_given)
                mark_line_secret(r, off, len);
            on_screen(x, r, t + off, len);
            return;
        }
    }
    mt_rec_set_decoded(r, dec->data, dec->len);
    d = r->decoded;
    n = r->decoded_len;
    g_byte_array_free(dec, TRUE);

    it = mt_rec_bytes(r, parent, MT_F_AUTH_DECODED, 0, (guint32)n, FALSE);
    mt_rec_set_src(r, it, MT_SRC_DECODED);

    if (n == 0) {
        say(r, parent, initial, off, len, &x_empty_answer, exchange_rfc(x));
        mt_rec_summary(r, &s_empty);
        return;
    }
    switch (k) {
    case MT_SASL_K_PLAIN:
        plain_message(x, r, d, n);
        say(r, parent, initial, off, len, &x_plain, rfc);
        mt_rec_summary(r, &s_plain);
        mt_rec_summary_str(r, 1, x->username ? x->username : "?");
        mark_line_secret(r, off, len);
        judge(x, r, (guint32)off, (guint32)len, TRUE, tls);
        break;
    case MT_SASL_K_LOGIN:
        if (x->login_ask == ASK_PASS || (x->login_ask != ASK_USER && x->user_given)) {
            dec_secret(r, -1, MT_F_AUTH_PASSWORD, 0, n, &m_password);
            say(r, parent, initial, off, len, &x_login_pass, rfc);
            mt_rec_summary(r, &s_login_pass);
            mark_line_secret(r, off, len);
            judge(x, r, (guint32)off, (guint32)len, TRUE, tls);
        } else {
            set_user(x, r, -1, d, 0, n);
            say(r, parent, initial, off, len, initial ? &x_login_user_initial : &x_login_user, rfc);
            mt_rec_summary(r, &s_login_user);
            mt_rec_summary_bytes(r, 1, d, n);
            x->user_given = TRUE;
        }
        x->login_ask = ASK_NONE;
        break;
    case MT_SASL_K_CRAM_MD5:
        cram_message(x, r, d, n);
        say(r, parent, initial, off, len, &x_cram, rfc);
        mt_rec_summary(r, &s_cram);
        mt_rec_summary_str(r, 1, x->username ? x->username : "?");
        judge(x, r, (guint32)off, (guint32)len, FALSE, tls);
        break;
    case MT_SASL_K_SCRAM:
        if (step == 0) {
            scram_attributes(x, r, d, n, TRUE);
            say(r, parent, initial, off, len, &x_scram_cfirst, rfc);
            mt_rec_summary(r, &s_scram_cfirst);
            mt_rec_summary_str(r, 1, x->username ? x->username : "?");
        } else {
            scram_attributes(x, r, d, n, FALSE);
            say(r, parent, initial, off, len, &x_scram_cfinal, rfc);
            mt_rec_summary(r, &s_scram_cfinal);
            judge(x, r, (guint32)off, (guint32)len, FALSE, tls);
        }
        break;
    case MT_SASL_K_XOAUTH2:
    case MT_SASL_K_OAUTHBEARER:
        if (n == 1 && d[0] == 0x01) {
            say(r, parent, initial, off, len, &x_oauth_abort, rfc);
            mt_rec_summary(r, &s_oauth_abort);
            break;
        }
        oauth_message(x, r, d, n, k == MT_SASL_K_OAUTHBEARER);
        say(r, parent, initial, off, len, k == MT_SASL_K_XOAUTH2 ? &x_xoauth2 : &x_oauthbearer, rfc);
        mt_rec_summary(r, &s_oauth);
        mt_rec_summary_str(r, 1, x->username ? x->username : "?");
        mark_line_secret(r, off, len);
        judge(x, r, (guint32)off, (guint32)len, TRUE, tls);
        break;
    case MT_SASL_K_EXTERNAL:
        if (n > 0) {
            it = dec_item(r, -1, MT_F_AUTH_AUTHZID, 0, n);
            mt_rec_explain(r, it, 0, (guint32)n, &m_authzid, NULL);
        }
        say(r, parent, initial, off, len, &x_external, rfc);
        mt_rec_summary(r, &s_external);
        x->creds = r;
        break;
    case MT_SASL_K_ANONYMOUS:
        say(r, parent, initial, off, len, &x_anonymous, rfc);
        mt_rec_summary(r, &s_anonymous);
        x->creds = r;
        break;
    case MT_SASL_K_NTLM:
        say(r, parent, initial, off, len, &x_ntlm, rfc);
        mt_rec_summary(r, &s_ntlm);
        mt_rec_summary_uint(r, 1, ntlm_type(d, n));
        if (ntlm_type(d, n) == 3)
            judge(x, r, (guint32)off, (guint32)len, FALSE, tls);
        break;
    case MT_SASL_K_GSSAPI:
        say(r, parent, initial, off, len, &x_gssapi, rfc);
        mt_rec_summary(r, &s_gssapi);
        x->creds = r;
        break;
    case MT_SASL_K_DIGEST_MD5:
        say(r, parent, initial, off, len, &x_digest_md5, rfc);
        mt_rec_summary(r, &s_digest_md5);
        if (step > 0)
            judge(x, r, (guint32)off, (guint32)len, FALSE, tls);
        break;
    default:
        say(r, parent, initial, off, len, &x_other_answer, exchange_rfc(x));
        mt_rec_summary(r, &s_other);
        mt_rec_summary_bytes(r, 1, d, n);
        /* what an unknown mechanism sends may be a secret */
        mark_line_secret(r, off, len);
        mt_rec_set_secret(r, it);
        x->creds = r;
        break;
    }
}

/* ---- server challenges ---- */

void
mt_sasl_server(mt_sasl *x, mt_record *r, const guint8 *t, gsize off, gsize len)
{
    GByteArray *dec;
    gsize bad = 0, n;
    const guint8 *d;
    mt_sasl_kind k = x->kind;
    const char *rfc = kind_rfc(k);
    gint it;

    if (len == 0) {
        mt_rec_explain(r, -1, 0, 0, &x_ch_empty, exchange_rfc(x));
        mt_rec_summary(r, &s_ch_empty);
        return;
    }
    dec = mt_sasl_base64(t + off, len, &bad);
    if (dec == NULL) {
        it = mt_rec_uint(r, -1, MT_F_AUTH_BASE64_INVALID, (guint32)(off + bad), bad < len ? 1 : 0,
                         off + bad, NULL);
        mt_rec_explain(r, it, (guint32)(off + bad), bad < len ? 1 : 0, &m_bad_at, "RFC 4648 §4");
        mt_rec_anomaly(r, MT_A_AUTH_BASE64_INVALID, (guint32)(off + bad), bad < len ? 1 : 0);
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_invalid, exchange_rfc(x));
        mt_rec_summary(r, &s_invalid);
        return;
    }
    mt_rec_set_decoded(r, dec->data, dec->len);
    g_byte_array_free(dec, TRUE);
    d = r->decoded;
    n = r->decoded_len;
    x->server_msgs++;

    it = mt_rec_bytes(r, -1, MT_F_AUTH_CHALLENGE, (guint32)off, (guint32)len, FALSE);
    mt_rec_set_src(r, it, MT_SRC_DECODED);
    /* the challenge's value is the decoded text: its bytes are the data
     * source's, all of them */
    r->items[it].off = 0;
    r->items[it].len = (guint32)n;
    it = mt_rec_bytes(r, -1, MT_F_AUTH_DECODED, 0, (guint32)n, FALSE);
    mt_rec_set_src(r, it, MT_SRC_DECODED);

    mt_rec_summary(r, &s_challenge);
    mt_rec_summary_bytes(r, 1, d, n);
    switch (k) {
    case MT_SASL_K_LOGIN:
        if (n >= 4 && g_ascii_strncasecmp((const char *)d, "user", 4) == 0) {
            x->login_ask = ASK_USER;
            mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_login_user, rfc);
        } else if (n >= 4 && g_ascii_strncasecmp((const char *)d, "pass", 4) == 0) {
            x->login_ask = ASK_PASS;
            mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_login_pass, rfc);
        } else {
            x->login_ask = ASK_OTHER;
            mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_other, rfc);
        }
        break;
    case MT_SASL_K_CRAM_MD5:
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_cram, rfc);
        break;
    case MT_SASL_K_SCRAM:
        scram_attributes(x, r, d, n, FALSE);
        /* server-first carries the nonce; server-final v= or e= */
        if (!(n >= 2 && (d[0] == 'v' || d[0] == 'e') && d[1] == '=')) {
            mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_scram_first, rfc);
            mt_rec_summary(r, &s_ch_scram_first);
        } else {
            mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_scram_final, rfc);
            mt_rec_summary(r, &s_ch_scram_final);
        }
        break;
    case MT_SASL_K_XOAUTH2:
    case MT_SASL_K_OAUTHBEARER:
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_oauth_error, rfc);
        mt_rec_summary(r, &s_ch_oauth_error);
        break;
    case MT_SASL_K_NTLM:
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ntlm, rfc);
        mt_rec_summary(r, &s_ntlm);
        mt_rec_summary_uint(r, 1, ntlm_type(d, n));
        break;
    case MT_SASL_K_GSSAPI:
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_gssapi, rfc);
        mt_rec_summary(r, &s_gssapi);
        break;
    case MT_SASL_K_DIGEST_MD5:
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_digest_md5, rfc);
        break;
    default:
        mt_rec_explain(r, -1, (guint32)off, (guint32)len, &x_ch_other, exchange_rfc(x));
        break;
    }
}

/* ---- plain logins ---- */

gint
mt_sasl_password(mt_sasl *x, mt_record *r, guint32 off, guint32 len, const char *value, gboolean tls)
{
    gint it = value ? mt_rec_owned(r, -1, MT_F_AUTH_PASSWORD, off, len, g_strdup(value))
                    : mt_rec_bytes(r, -1, MT_F_AUTH_PASSWORD, off, len, FALSE);

    mt_rec_set_secret(r, it);
    judge(x, r, off, len, TRUE, tls);
    return it;
}

void
mt_sasl_digest(mt_sasl *x, mt_record *r, gint it)
{
    mt_rec_set_secret(r, it);
    x->creds = r;
}

void
mt_sasl_forget_records(mt_sasl *x)
{
    x->creds = NULL;
}

void
mt_sasl_set_creds(mt_sasl *x, mt_record *r)
{
    x->creds = r;
}

/* ---- the outcome ---- */

gboolean
mt_sasl_cancel_pending(const mt_sasl *x)
{
    return x->active && x->cancelled;
}

void
mt_sasl_result(mt_sasl *x, mt_record *reply, gboolean ok)
{
    /* a refusal after "*" only confirms the client's cancel */
    gboolean cancelled = !ok && x->cancelled;
    const char *word = ok ? "succeeded" : cancelled ? "cancelled" : "failed";
    gint it;

    if (!x->active)
        return;
    x->active = FALSE;
    it = mt_rec_cstr(reply, -1, MT_F_AUTH_RESULT, 0, 0, word);
    mt_rec_explain(reply, it, 0, 0, ok ? &m_ok : cancelled ? &m_cancelled : &m_failed, NULL);
    if (x->creds && x->creds != reply) {
        mt_rec_uint(reply, -1, MT_F_AUTH_CREDENTIALS_IN, 0, 0, x->creds->frame, NULL);
        mt_rec_cstr(x->creds, -1, MT_F_AUTH_RESULT, 0, 0, word);
        mt_rec_uint(x->creds, -1, MT_F_AUTH_RESULT_IN, 0, 0, reply->frame, NULL);
    }
    x->creds = NULL;
}
