#!/usr/bin/env bash
# Show what mailteach does: build it, load it into tshark and print a real
# SMTP session with the mailteach subtree under every command and reply.
#   bash tools/demo.sh [capture] [more tshark options]
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
cd "$(dirname "$0")/.."
capture=${1:-captures/smtp-swaks-plain.pcapng}
shift || true
bash tools/build.sh >/dev/null

# Wireshark loads personal plugins only when it does not run as root; as
# root, run tshark as user 65534 in a world-readable HOME.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# the personal plugin folder of the Wireshark built against (plugins/<version>/epan)
HOME="$T" cmake --build build --target install-user >/dev/null
cp "$capture" "$T/capture.pcapng"
chmod -R a+rX "$T"
run=(env HOME="$T" tshark)
[ "$(id -u)" = 0 ] && run=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T" tshark)
cd "$T"
"${run[@]}" -G plugins | grep -q mailteach.so || { echo "tshark did not load mailteach.so" >&2; exit 1; }
"${run[@]}" -r "$T/capture.pcapng" -Y "mailteach" -V -O mailteach "$@"
