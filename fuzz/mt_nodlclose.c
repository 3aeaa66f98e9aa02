/* mt_nodlclose.c - keep plugins loaded until exit, for LeakSanitizer
 *
 * mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * tshark unloads its plugins before it exits; LeakSanitizer runs after
 * that and can no longer tell which library allocated a leaked block
 * ("<unknown module>"). Preloaded after the sanitizer runtimes, this
 * dlclose() leaves every library in place, so a leak from mailteach is
 * reported with mailteach's function names. Testing aid only.
 */
#include <stddef.h>

int dlclose(void *handle);

int
dlclose(void *handle)
{
    (void)handle;
    return 0;
}
