/* mt_sasl.h - logins decoded and judged: SASL exchanges (SMTP AUTH, POP3
 * AUTH, IMAP AUTHENTICATE) and plain logins (POP3 USER/PASS and APOP, IMAP
 * LOGIN)
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each session machine keeps one mt_sasl per session and tells it what
 * happens: a login begins (the mechanism named by AUTH or AUTHENTICATE, or
 * a plain login command), the client sends a message (an initial response
 * on the command line, or an answer line), the server sends a challenge
 * (SMTP "334 xxx", POP3 and IMAP "+ xxx"), the server gives the outcome.
 * mt_sasl decodes the Base64 of every message into the record's decoded
 * bytes (a data source of their own in Wireshark), itemises what the
 * mechanism puts there (user name, password, token, digest, SCRAM
 * attributes), explains the line for the step it is, flags a reusable
 * secret sent without TLS, and ties the outcome to the credentials: the
 * record that carried them and the reply both get mailteach.auth.result,
 * with a link to each other.
 *
 * Secrets (passwords, tokens, digests) are marked on their items
 * (mt_rec_set_secret), so that the adapter can hide them.
 */
#ifndef MT_SASL_H
#define MT_SASL_H

#include <glib.h>

#include "mt_record.h"

typedef enum {
    MT_SASL_K_NONE = 0,     /* no exchange known */
    MT_SASL_K_PLAIN,
    MT_SASL_K_LOGIN,
    MT_SASL_K_CRAM_MD5,
    MT_SASL_K_DIGEST_MD5,
    MT_SASL_K_SCRAM,
    MT_SASL_K_XOAUTH2,
    MT_SASL_K_OAUTHBEARER,
    MT_SASL_K_EXTERNAL,
    MT_SASL_K_ANONYMOUS,
    MT_SASL_K_NTLM,
    MT_SASL_K_GSSAPI,
    MT_SASL_K_OTHER,        /* a SASL mechanism mailteach does not decode */
    MT_SASL_K_PASSWORD      /* not SASL: USER/PASS, IMAP LOGIN */
} mt_sasl_kind;

typedef struct {
    mt_proto     proto;
    gboolean     active;        /* a login waits for its outcome */
    mt_sasl_kind kind;
    guint        client_msgs;   /* client messages of this exchange so far */
    guint        server_msgs;   /* challenges so far */
    guint8       login_ask;     /* LOGIN: what the last challenge asked for */
    gboolean     user_given;    /* LOGIN: the user name was sent */
    gboolean     cancelled;     /* the client answered a challenge with "*" */
    char        *username;      /* the user name this login names, or NULL */
    mt_record   *creds;         /* the record that carried the credentials */
} mt_sasl;

void mt_sasl_init(mt_sasl *x, mt_proto proto);
void mt_sasl_clear(mt_sasl *x);

/* AUTH / AUTHENTICATE names a mechanism: a new exchange. */
void mt_sasl_begin(mt_sasl *x, const guint8 *mech, gsize len);
/* A plain login command (USER, PASS, APOP, IMAP LOGIN) begins or goes on. */
void mt_sasl_begin_plain(mt_sasl *x, gboolean keep_user);

/* A client message: t[off..off+len) of r's line is Base64 (or "*", or "="
 * in an initial response). initial: it is the initial response on the
 * command line (its meaning goes under the item parent); otherwise it is
 * a whole answer line, whose explanation and summary are set here. tls:
 * the session is inside TLS. */
void mt_sasl_client(mt_sasl *x, mt_record *r, gint parent, const guint8 *t, gsize off, gsize len,
                    gboolean initial, gboolean tls);
/* A server challenge: t[off..off+len) of r's line (empty: an empty
 * challenge). Sets the line's explanation and summary. */
void mt_sasl_server(mt_sasl *x, mt_record *r, const guint8 *t, gsize off, gsize len);

/* Plain logins. The user name (USER, APOP, IMAP LOGIN) is remembered. */
void mt_sasl_set_user(mt_sasl *x, const guint8 *p, gsize len);
/* The password at r's line [off, off+len): an auth.password item (value
 * value if not NULL, else the bytes), secret, and judged. Returns the
 * item. */
gint mt_sasl_password(mt_sasl *x, mt_record *r, guint32 off, guint32 len, const char *value,
                      gboolean tls);
/* r carries credentials that are not a reusable secret (APOP): item it
 * (a digest) is hidden like one, and r gets the outcome. */
void mt_sasl_digest(mt_sasl *x, mt_record *r, gint it);
/* The record carries the credentials (a literal holding the password). */
void mt_sasl_set_creds(mt_sasl *x, mt_record *r);
/* Forget the credentials' record (the session frees it). */
void mt_sasl_forget_records(mt_sasl *x);

/* The server's final word on the login: reply gets auth.result, and so
 * does the record that carried the credentials, linked both ways. Does
 * nothing when no login is waiting. */
/* Has the client cancelled the exchange under way with "*"? A refusal
 * then confirms the cancel. */
gboolean mt_sasl_cancel_pending(const mt_sasl *x);
void mt_sasl_result(mt_sasl *x, mt_record *reply, gboolean ok);

/* Base64 of any case and padding (RFC 4648 §4): the decoded bytes, or
 * NULL with *bad the position of the first character that is not Base64
 * (len itself: the text ends too early). Nothing is decoded from more
 * than MT_SASL_MAX_BASE64 characters. */
#define MT_SASL_MAX_BASE64 65536
GByteArray *mt_sasl_base64(const guint8 *p, gsize len, gsize *bad);

/* Bytes as text: valid UTF-8, control characters as "."; g_free() it. */
char *mt_sasl_display(const guint8 *p, gsize len);

#endif /* MT_SASL_H */
