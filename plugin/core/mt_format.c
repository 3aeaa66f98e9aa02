/* mt_format.c - numbers and bytes in words a student reads
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mt_format.h"

char *
mt_format_octets(guint64 v)
{
    char *si, *iec, *s;

    if (v < 1000)
        return g_strdup_printf("%" G_GUINT64_FORMAT " octet%s", v, v == 1 ? "" : "s");
    si = g_format_size_full(v, G_FORMAT_SIZE_DEFAULT);
    iec = g_format_size_full(v, G_FORMAT_SIZE_IEC_UNITS);
    s = g_strdup_printf("%" G_GUINT64_FORMAT " octets (%s, %s)", v, si, iec);
    g_free(si);
    g_free(iec);
    return s;
}

/* ASCII control characters by code (RFC 20). */
static const char *const control_names[32] = {
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL (bell)",
    "BS (backspace)", "HT (tab)", "LF (line feed)", "VT", "FF (form feed)",
    "CR (carriage return)", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
    "CAN", "EM", "SUB", "ESC (escape)", "FS", "GS", "RS", "US"
};

const char *
mt_control_name(guint8 c)
{
    if (c < 32)
        return control_names[c];
    if (c == 0x7f)
        return "DEL (delete)";
    return NULL;
}
