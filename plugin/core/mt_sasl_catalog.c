/* mt_sasl_catalog.c - SASL mechanisms, shared by SMTP AUTH, POP3 AUTH and
 * IMAP AUTHENTICATE
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * cleartext is TRUE when a passive eavesdropper can recover the password
 * from the exchange itself (PLAIN, LOGIN). Mechanisms that send a bearer
 * token (XOAUTH2, OAUTHBEARER) are FALSE: the token is not the password,
 * but the texts warn that it must be protected all the same.
 */
#include "mt_sasl_catalog.h"
#include "mt_util.h"

/* Longer than any mechanism name (SASL limits them to 20 characters). */
#define MT_SASL_MAX_NAME 64

#define MECH(name, clear, rfc, text) { (name), (clear), (rfc), MT_T(text) }

static const mt_sasl_mech_info sasl_mechs[] = {
    MECH("PLAIN", TRUE, "RFC 4616",
         "The client sends an authorization name, the user name and the password in one "
         "Base64 string, separated by NUL bytes. Anyone who sees it can decode the "
         "password, so PLAIN is safe only inside TLS."),
    MECH("LOGIN", TRUE, "draft-murchison-sasl-login",
         "The server asks for \"Username:\" (VXNlcm5hbWU6 in Base64), then \"Password:\" "
         "(UGFzc3dvcmQ6); the client answers each with one Base64 line. Base64 is not "
         "encryption: the password is readable unless TLS protects the connection."),
    MECH("CRAM-MD5", FALSE, "RFC 2195",
         "The server sends a Base64 challenge; the client answers with its user name and an "
         "HMAC-MD5 of the challenge, keyed with the password. The password does not cross "
         "the wire, but a captured exchange allows offline guessing; it is deprecated."),
    MECH("DIGEST-MD5", FALSE, "RFC 2831",
         "A challenge-response login based on MD5, with optional integrity and encryption "
         "layers. RFC 6331 moved it to Historic because of security and interoperability "
         "problems."),
    MECH("SCRAM-SHA-1", FALSE, "RFC 5802",
         "Salted challenge-response: client and server each prove that they know the "
         "password, without sending it. The server stores only salted hashes."),
    MECH("SCRAM-SHA-1-PLUS", FALSE, "RFC 5802",
         "SCRAM-SHA-1 with channel binding: the proof is tied to this TLS connection, so a "
         "man-in-the-middle who ends the TLS session cannot reuse it."),
    MECH("SCRAM-SHA-256", FALSE, "RFC 7677",
         "SCRAM with SHA-256: the password is never sent, and the server stores only salted "
         "hashes. It is the recommended choice for password login."),
    MECH("SCRAM-SHA-256-PLUS", FALSE, "RFC 7677",
         "SCRAM-SHA-256 with channel binding: the proof is also tied to this TLS "
         "connection, which stops a man-in-the-middle."),
    MECH("GSSAPI", FALSE, "RFC 4752",
         "Kerberos V5 login through GSS-API: the client shows a Kerberos ticket, not a "
         "password. It is common inside companies, for example with Active Directory."),
    MECH("GS2-KRB5", FALSE, "RFC 5801",
         "Kerberos V5 through the GS2 family of mechanisms. As with GSSAPI, no password "
         "crosses the wire."),
    MECH("NTLM", FALSE, "Microsoft (non-standard, MS-NLMP)",
         "Microsoft's challenge-response login, used by Exchange and Outlook. It is not an "
         "IETF standard, and a captured exchange allows offline password guessing."),
    MECH("XOAUTH2", FALSE, "Google (non-standard)",
         "Google's OAuth 2.0 login: the client sends a Base64 string with the user name and "
         "an access token. Anyone who captures the token can use it until it expires."),
    MECH("OAUTHBEARER", FALSE, "RFC 7628",
         "The standard OAuth 2.0 login: the client sends a bearer access token instead of a "
         "password. Like a password, the token must be protected by TLS."),
    MECH("EXTERNAL", FALSE, "RFC 4422 App. A",
         "The client asks to be identified by something outside SASL, usually its TLS client "
         "certificate. No password is sent."),
    MECH("ANONYMOUS", FALSE, "RFC 4505",
         "Login without an identity; the client may send trace text such as an email address. "
         "Servers rarely allow it for sending mail."),
    MECH("OTP", FALSE, "RFC 2444",
         "One-time password, in the style of S/KEY: each password works only once, so a "
         "captured one cannot be used again."),
};

#undef MECH

const mt_sasl_mech_info *
mt_sasl_mech_lookup(const guint8 *name, gsize len)
{
    return MT_TABLE_FIND(sasl_mechs, mt_sasl_mech_info, name, name, len, MT_SASL_MAX_NAME);
}

const mt_sasl_mech_info *
mt_sasl_mechs(gsize *n)
{
    if (n != NULL)
        *n = G_N_ELEMENTS(sasl_mechs);
    return sasl_mechs;
}
