#!/usr/bin/env bash
# test-matrix.sh - build mailteach and run its whole test suite against the
# Wireshark of each Debian release, then build a .deb for each release and
# install it in a fresh chroot of that release:
#
#   host     Wireshark 4.0  Debian 12 (bookworm): this machine
#   trixie   Wireshark 4.4  Debian 13: a chroot
#   sid      Wireshark 4.6  Debian unstable: a chroot
#
#   bash tools/test-matrix.sh [--clean] [--no-packages] [host] [trixie] [sid]
#
# With no target, all three. Needs root (debootstrap, chroot, mount) and
# Debian's package archive. The chroots are made with
# `debootstrap --variant=minbase SUITE DIR MIRROR` from the mirror apt uses
# here, in .matrix/ inside this clone (git-ignored; MAILTEACH_MATRIX_DIR
# elsewhere), and kept for the next run; --clean makes them anew. Nothing
# is kept outside the clone. Every mount lives in a private mount namespace
# (unshare), so none outlives the script, whatever stops it.
#
# Prints each version's ctest summary and each package's check, then ONE
# combined line, the last: "N% tests passed, F tests failed out of T",
# summed over versions and packages. Exits non-zero if anything failed.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
cd "$(dirname "$0")/.."
SRC=$(pwd)

if [ "$(id -u)" != 0 ]; then
    echo "test-matrix.sh needs root: it makes chroots with debootstrap" >&2
    exit 2
fi
# Private mounts: /proc, /dev and the source tree bound into the chroots
# disappear with this process, and never show in the caller's namespace.
# Inside a chroot (CI runs in one) "/" is no mount point and its
# propagation cannot be changed: the namespace then keeps the propagation
# it has, and the EXIT trap below unmounts whatever is left.
if [ -z "${MAILTEACH_MATRIX_NS:-}" ]; then
    export MAILTEACH_MATRIX_NS=1
    if unshare --mount --propagation private true 2>/dev/null; then
        exec unshare --mount --propagation private bash "$0" "$@"
    fi
    exec unshare --mount --propagation unchanged bash "$0" "$@"
fi

CLEAN=0 PACKAGES=1 TARGETS=()
for a in "$@"; do
    case $a in
        --clean) CLEAN=1 ;;
        --no-packages) PACKAGES=0 ;;
        host|trixie|sid) TARGETS+=("$a") ;;
        *) echo "usage: $0 [--clean] [--no-packages] [host] [trixie] [sid]" >&2; exit 2 ;;
    esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(host trixie sid)
want() { local t; for t in "${TARGETS[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

M=${MAILTEACH_MATRIX_DIR:-$SRC/.matrix}
LOGS=$M/logs
mkdir -p "$M"
rm -rf "$LOGS"; mkdir -p "$LOGS"
JOBS=2      # the machine has two cores

say() { echo "[matrix $(date +%H:%M:%S)] $*"; }

# What building, testing and packaging need in a chroot (and on the host).
BUILD_PACKAGES="tshark wireshark-dev libwireshark-dev libglib2.0-dev libgcrypt20-dev"
BUILD_PACKAGES="$BUILD_PACKAGES cmake make gcc pkg-config python3 util-linux dpkg-dev file gettext"

# ---- the host: Debian 12 ----

host_tools() {
    local missing=()
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v dpkg-shlibdeps >/dev/null || missing+=(dpkg-dev)
    command -v file >/dev/null || missing+=(file)
    command -v unshare >/dev/null || missing+=(util-linux)
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]} on the host"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# The Debian mirror apt already uses, and its security mirror.
mirror_of() {   # $1: "" for the archive, "security" for the security archive
    local u
    u=$(awk -v want="$1" '/^URIs:/ { for (i = 2; i <= NF; i++) {
            sec = ($i ~ /security/); if ((want == "security") == sec) { print $i; exit } } }' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
    if [ -z "$u" ]; then
        u=$(awk -v want="$1" '/^deb / { sec = ($2 ~ /security/);
            if ((want == "security") == sec) { print $2; exit } }' /etc/apt/sources.list 2>/dev/null | head -1)
    fi
    [ -n "$u" ] || { [ "$1" = security ] && u=http://deb.debian.org/debian-security || u=http://deb.debian.org/debian; }
    echo "$u"
}
MIRROR=$(mirror_of "")
SECURITY=$(mirror_of security)

# ---- chroots ----

# Refuse to delete anything that still has a mount below it.
safe_rm() {
    local d
    d=$(realpath -m "$1")
    if awk -v d="$d" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
        echo "refusing to remove $d: something is mounted below it" >&2
        return 1
    fi
    rm -rf "$d"
}

mount_chroot() {    # $1: root; $2: bind the source tree at /src (1/0)
    mount -t proc proc "$1/proc"
    mount --bind /dev "$1/dev"
    if [ "${2:-0}" = 1 ]; then
        mkdir -p "$1/src"
        mount --bind "$SRC" "$1/src"
    fi
}

# Everything still mounted below $M, deepest first, unmounted.
umount_all() {
    local m
    [ -d "$M" ] || return 0
    for m in $(awk -v d="$(realpath -m "$M")" 'index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
        umount -l "$m" 2>/dev/null || true
    done
}
trap umount_all EXIT

umount_chroot() {
    local m
    for m in src dev proc; do
        mountpoint -q "$1/$m" 2>/dev/null && umount -l "$1/$m"
    done
    return 0
}

in_chroot() {       # $1: root; the rest: a shell command run there
    local r=$1; shift
    chroot "$r" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive bash -c "$*"
}

# apt sources of a chroot: the host's mirror, the suite's own updates and
# security suites where Debian has them (not for sid).
write_sources() {   # $1: root, $2: suite
    local r=$1 s=$2
    rm -f "$r/etc/apt/sources.list"
    if [ "$s" = sid ]; then
        printf 'Types: deb\nURIs: %s\nSuites: sid\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$MIRROR" > "$r/etc/apt/sources.list.d/debian.sources"
    else
        printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$MIRROR" "$s" "$s" "$SECURITY" "$s" > "$r/etc/apt/sources.list.d/debian.sources"
    fi
    # A mirror serving a fixed snapshot of the archive has Release files
    # past their Valid-Until date (unstable's is a week); accept them. Only
    # what the build needs, as for a normal user.
    cat > "$r/etc/apt/apt.conf.d/90mailteach-matrix" <<'EOF'
Acquire::Check-Valid-Until "false";
APT::Install-Recommends "false";
EOF
    # A throwaway system: dpkg need not sync every file it unpacks.
    echo force-unsafe-io > "$r/etc/dpkg/dpkg.cfg.d/90mailteach-matrix"
    cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
}

# A minbase system of the suite, kept as a tarball: the fresh system that
# packages are installed into, and the start of the build chroot.
make_base() {       # $1: suite
    local s=$1 t=$M/$1.base.tar tmp=$M/$1.debootstrap
    [ -s "$t" ] && return 0
    [ -e "$tmp" ] && safe_rm "$tmp"
    say "debootstrap --variant=minbase $s ($MIRROR)"
    debootstrap --variant=minbase "$s" "$tmp" "$MIRROR" > "$LOGS/debootstrap-$s.log" 2>&1 || {
        umount_chroot "$tmp"; tail -5 "$LOGS/debootstrap-$s.log" >&2; return 1; }
    umount_chroot "$tmp"
    write_sources "$tmp" "$s"
    tar -C "$tmp" -cf "$t.part" . || return 1
    mv "$t.part" "$t"
    safe_rm "$tmp"
}

# The build chroot: the base plus Wireshark's development files and the
# build tools; kept and reused while the package list is the same.
make_build_root() { # $1: suite
    local s=$1 r=$M/$1 stamp
    stamp=$BUILD_PACKAGES
    if [ -f "$r/.mailteach-ready" ] && [ "$(cat "$r/.mailteach-ready")" = "$stamp" ]; then
        return 0
    fi
    make_base "$s"
    [ -e "$r" ] && { umount_chroot "$r"; safe_rm "$r"; }
    mkdir -p "$r"
    tar -C "$r" -xf "$M/$s.base.tar"
    mount_chroot "$r" 0
    say "$s: installing $BUILD_PACKAGES and their dependencies"
    if ! in_chroot "$r" "apt-get update -q && apt-get install -y -q --no-install-recommends $BUILD_PACKAGES" \
            > "$LOGS/apt-$s.log" 2>&1; then
        umount_chroot "$r"; tail -5 "$LOGS/apt-$s.log" >&2; return 1
    fi
    in_chroot "$r" "apt-get clean"
    umount_chroot "$r"
    echo "$stamp" > "$r/.mailteach-ready"
}

# ---- build, test, package ----

# Results: one line per check in $LOGS/results: "name|failed|total|text".
record() { echo "$1|$2|$3|$4" >> "$LOGS/results"; }

run_suite() {       # $1: name (host, trixie, sid)
    local n=$1 r="" dir=$SRC bdir=build log=$LOGS/suite-$1.log ws summary failed total
    if [ "$n" != host ]; then
        r=$M/$n dir=/src bdir=build-$n
        mount_chroot "$r" 1
    fi
    local cmd="cd $dir && cmake -S . -B $bdir -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        && cmake --build $bdir -j$JOBS && cd $bdir && ctest --output-on-failure -j$JOBS; rc=\$?; \
        cpack -G DEB >cpack.log 2>&1 || { cat cpack.log; echo 'cpack failed'; }; exit \$rc"
    if [ -n "$r" ]; then
        ws=$(in_chroot "$r" "tshark --version 2>/dev/null | head -1")
    else
        ws=$(tshark --version 2>/dev/null | head -1)
    fi
    ws=$(echo "$ws" | grep -o '[0-9]\+\.[0-9]\+\.[0-9]\+' | head -1)
    say "$n: Wireshark $ws: build and run the test suite"
    if [ -n "$r" ]; then
        in_chroot "$r" "$cmd" > "$log" 2>&1 || true
        umount_chroot "$r"
    else
        bash -c "$cmd" > "$log" 2>&1 || true
    fi
    summary=$(grep -E '[0-9]+ tests? failed out of [0-9]+' "$log" | tail -1 || true)
    if [ -n "$summary" ]; then
        failed=$(echo "$summary" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
        total=$(echo "$summary" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/')
    else
        failed=1 total=1 summary="did not build or test (see $log)"
    fi
    record "Wireshark $ws ($n)" "$failed" "$total" "$summary"
    echo "$ws" > "$LOGS/version-$n"
}

deb_of() {          # $1: name -> the .deb its build made
    local b=build
    [ "$1" = host ] || b=build-$1
    ls "$SRC/$b"/wireshark-mailteach_*.deb 2>/dev/null | head -1
}

# Install the .deb into a fresh minbase chroot of its release, as a lab
# administrator would, and check that an ordinary user's tshark loads it
# from the system folder and annotates a capture.
package_test() {    # $1: name (host, trixie, sid), $2: suite
    local n=$1 s=$2 deb r=$M/$2-fresh log=$LOGS/package-$2.log name
    deb=$(deb_of "$n")
    if [ -z "$deb" ]; then
        record "package for $s" 1 1 "no .deb was built (see $LOGS/suite-$n.log)"
        return 0
    fi
    name=$(basename "$deb")
    if ! make_base "$s" >> "$log" 2>&1; then
        record "package $name" 1 1 "no $s base system (see $log)"
        return 0
    fi
    [ -e "$r" ] && safe_rm "$r"
    mkdir -p "$r"
    tar -C "$r" -xf "$M/$s.base.tar"
    mkdir -p "$r/tmp/pkg"
    cp "$deb" "$r/tmp/pkg/"
    cp "$SRC/captures/smtp-swaks-plain.pcapng" "$r/tmp/pkg/"
    chmod -R a+rX "$r/tmp/pkg"
    mount_chroot "$r" 0
    say "$s: installing $name in a fresh $s chroot"
    if in_chroot "$r" "set -e
        apt-get update -q
        apt-get install -y -q --no-install-recommends /tmp/pkg/$name tshark
        dpkg -s wireshark-mailteach | grep -E '^(Version|Depends):'
        echo '--- files'; dpkg -L wireshark-mailteach
        echo '--- as user 65534 (nobody), plugin in the system folder'
        as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C.UTF-8 \"\$@\"; }
        global=\$(as_user tshark -G folders | sed -n 's/^Global Plugins:[[:space:]]*//p')
        echo \"tshark's system plugin folder: \$global\"
        dpkg -L wireshark-mailteach | grep -qx \"\$global/epan/mailteach.so\"
        as_user tshark -G plugins | tee /tmp/pkg/plugins.txt | grep mailteach
        grep -q \"\$global/epan/mailteach.so\" /tmp/pkg/plugins.txt
        as_user tshark -r /tmp/pkg/smtp-swaks-plain.pcapng -Y mailteach -T fields \
            -e frame.number -e mailteach.smtp.command -e mailteach.smtp.reply.code > /tmp/pkg/fields.txt
        head -5 /tmp/pkg/fields.txt
        # the server's greeting (220) and the client's EHLO, explained
        awk -F'\t' '\$3 ~ /(^|,)220(,|\$)/ { g = 1 } \$2 ~ /EHLO/ { e = 1 } END { exit !(g && e) }' /tmp/pkg/fields.txt
        echo 'package check passed'" > "$log" 2>&1; then
        record "package $name" 0 1 "installed in a fresh $s chroot; tshark $(cat "$LOGS/version-$n" 2>/dev/null) as uid 65534 lists it and annotates a capture"
    else
        record "package $name" 1 1 "failed in a fresh $s chroot (see $log)"
        tail -15 "$log" | sed 's/^/    /'
    fi
    umount_chroot "$r"
    safe_rm "$r"
}

suite_of() { case $1 in host) echo bookworm ;; *) echo "$1" ;; esac; }

# ---- the run ----

start=$(date +%s)
host_tools
if [ "$CLEAN" = 1 ]; then
    for s in bookworm trixie sid; do
        for d in "$M/$s" "$M/$s-fresh" "$M/$s.debootstrap"; do
            [ -e "$d" ] && { umount_chroot "$d"; safe_rm "$d"; }
        done
        rm -f "$M/$s.base.tar"
    done
fi
: > "$LOGS/results"

# Chroots are made (mostly downloads) while the host runs its tests.
declare -A prep
for n in trixie sid; do
    want "$n" || continue
    ( make_build_root "$n" ) > "$LOGS/prepare-$n.log" 2>&1 &
    prep[$n]=$!
done
if [ "$PACKAGES" = 1 ] && want host; then
    ( make_base bookworm ) > "$LOGS/prepare-bookworm.log" 2>&1 &
    prep[bookworm]=$!
fi

pkg_jobs=()
if want host; then
    run_suite host
    if [ "$PACKAGES" = 1 ]; then
        [ -n "${prep[bookworm]:-}" ] && { wait "${prep[bookworm]}" || true; }
        package_test host bookworm &
        pkg_jobs+=($!)
    fi
fi
for n in trixie sid; do
    want "$n" || continue
    if ! wait "${prep[$n]}"; then
        say "$n: the chroot could not be made"
        sed 's/^/    /' "$LOGS/prepare-$n.log" | tail -20
        record "Wireshark ($n)" 1 1 "the $n chroot could not be made (see $LOGS/prepare-$n.log)"
        continue
    fi
    run_suite "$n"
    if [ "$PACKAGES" = 1 ]; then
        package_test "$n" "$(suite_of "$n")" &
        pkg_jobs+=($!)
    fi
done
for j in "${pkg_jobs[@]}"; do wait "$j" || true; done

# ---- what happened ----

echo
echo "==== mailteach test matrix ($(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s)"
for n in host trixie sid; do
    want "$n" || continue
    f=$LOGS/suite-$n.log
    [ -f "$f" ] || continue
    if grep -q "The following tests FAILED" "$f" || ! grep -qE ' 0 tests failed out of' "$f"; then
        echo "---- $n: failing tests (full log: $f)"
        sed -n '/The following tests FAILED/,$p' "$f" | head -30
        grep -E '^(FAIL|ERROR):|AssertionError|Error' "$f" | head -30
    fi
done
failed=0 total=0
while IFS='|' read -r name f t text; do
    [ -n "$name" ] || continue
    printf '%-52s %s\n' "$name:" "$text"
    failed=$((failed + f)) total=$((total + t))
done < "$LOGS/results"
if [ "$total" -eq 0 ]; then
    echo "0 tests failed out of 0"
    exit 1
fi
pct=$(( (total - failed) * 100 / total ))
echo "$pct% tests passed, $failed tests failed out of $total"
[ "$failed" -eq 0 ]
