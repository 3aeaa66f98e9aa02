#!/usr/bin/env bash
# Install what building and testing mailteach needs, if it is missing.
# Debian 12 (bookworm): Wireshark 4.0 and its development files.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

PACKAGES="tshark wireshark-dev libwireshark-dev libglib2.0-dev libgcrypt20-dev cmake make gcc pkg-config python3 util-linux gettext"

missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v gcc >/dev/null || missing+=(gcc)
command -v make >/dev/null || missing+=(make)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v python3 >/dev/null || missing+=(python3)
command -v tshark >/dev/null || missing+=(tshark)
command -v setpriv >/dev/null || missing+=(util-linux)
# msgfmt checks the translation catalogs (tests i18n.msgfmt.*)
command -v msgfmt >/dev/null || missing+=(gettext)
[ -f /usr/lib/x86_64-linux-gnu/wireshark/cmake/WiresharkConfig.cmake ] \
    || ls /usr/lib/*/wireshark/cmake/WiresharkConfig.cmake >/dev/null 2>&1 \
    || missing+=(wireshark-dev)
pkg-config --exists glib-2.0 2>/dev/null || missing+=(libglib2.0-dev)
# Wireshark's TLS header (for ssl_starttls_ack) includes gcrypt.h
[ -f /usr/include/gcrypt.h ] || missing+=(libgcrypt20-dev)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "mailteach needs: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y $PACKAGES" >&2
    exit 1
fi
echo "Installing build and test dependencies (${missing[*]}) ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $PACKAGES >/dev/null
