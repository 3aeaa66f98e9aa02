#!/usr/bin/env bash
# Take a screenshot of the real Wireshark desktop showing mailteach's
# subtree, under Xvfb (packages: wireshark-qt xvfb xdotool imagemagick).
#   bash tools/screenshot.sh CAPTURE FRAME OUT.png [LANGUAGE]
# LANGUAGE: a value of mailteach.language (zh_CN, ja; the Chinese and
# Japanese texts need a CJK font: apt-get install fonts-noto-cjk).
# The plugin must be built (bash tools/build.sh). As root, Wireshark runs
# as user 65534: it loads personal plugins only without root privileges.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
cd "$(dirname "$0")/.."
capture=$1 frame=$2 out=$3 lang=${4:-en}
for tool in Xvfb xdotool import wireshark; do
    command -v $tool >/dev/null || { echo "needs $tool (apt-get install wireshark-qt xvfb xdotool imagemagick)" >&2; exit 1; }
done

T=$(mktemp -d)
DISP=:$((90 + RANDOM % 9))
cleanup() { pkill -f "wireshark -r $T" 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; rm -rf "$T"; }
mkdir -p "$T/.config/wireshark" "$T/run"
HOME="$T" cmake --build build --target install-user >/dev/null   # plugins/<version>/epan
cp "$capture" "$T/capture.pcapng"
# a tall details pane, no bytes pane, a short packet list
cat > "$T/.config/wireshark/recent_common" <<RECENT
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1400
gui.geometry_main_height: 1000
gui.geometry_main_maximized: FALSE
RECENT
cat > "$T/.config/wireshark/recent" <<RECENT
gui.byte_view_show: FALSE
gui.geometry_main_upper_pane: 250
RECENT
chmod -R a+rwX "$T"
chown 65534:65534 "$T/run" 2>/dev/null || true
chmod 700 "$T/run"

Xvfb "$DISP" -screen 0 1400x1000x24 >/dev/null 2>&1 &
XVFB=$!
disown "$XVFB"   # no "Terminated" when the cleanup stops it
trap cleanup EXIT
sleep 2
run=(env HOME="$T" DISPLAY="$DISP" XDG_RUNTIME_DIR="$T/run" wireshark)
[ "$(id -u)" = 0 ] && run=(setpriv --reuid=65534 --regid=65534 --clear-groups "${run[@]}")
(cd "$T" && "${run[@]}" -o "mailteach.language:$lang" -r "$T/capture.pcapng" -g "$frame" >/dev/null 2>&1 &)
for _ in $(seq 30); do
    W=$(DISPLAY=$DISP xdotool search --name "capture.pcapng" 2>/dev/null | head -1) && [ -n "$W" ] && break
    sleep 1
done
sleep 3
export DISPLAY=$DISP
xdotool windowmove "$W" 0 0 windowsize "$W" 1400 1000
sleep 2
# focus the details pane (its first row is just below the packet list),
# go to its last top-level item, mailteach, and expand all of it
xdotool mousemove 200 355 click 1
sleep 1
xdotool key End
sleep 1
xdotool key shift+Right
sleep 2
import -window root "$out"
echo "wrote $out"
