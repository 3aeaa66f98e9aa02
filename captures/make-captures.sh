#!/bin/bash
# make-captures.sh - regenerate every mailteach teaching capture in captures/
#
# Run as root on a THROWAWAY Debian 12 lab machine:
#     sudo bash captures/make-captures.sh            # all scenarios
#     sudo bash captures/make-captures.sh smtp-bdat  # only the named ones
#     sudo bash captures/make-captures.sh --setup-only  # configure + start servers
#
# It installs Postfix/Dovecot/swaks/curl/tshark/vsftpd/redis if missing, OVERWRITES
# /etc/postfix/main.cf, /etc/postfix/master.cf and /etc/dovecot/dovecot.conf
# (originals kept once as *.mailteach-orig), creates the local users
# student/secret and teacher/lesson, starts the servers on 127.0.0.1 only,
# captures each scenario with dumpcap on the loopback interface and stops
# the servers it started. The other-* scenarios (non-mail traffic on
# non-standard ports) run private vsftpd/redis/Python servers on 127.0.0.1
# and need neither Postfix nor Dovecot. See captures/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$HERE/tools"
OUT="${MAILTEACH_OUT:-$HERE}"
PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1   # keep tools/ free of __pycache__
WORK="$(mktemp -d /tmp/mailteach-captures.XXXXXX)"
LOG="$WORK/run.log"
DOMAIN=mail.example.test
STUDENT="student@$DOMAIN"
TEACHER="teacher@$DOMAIN"

say() { printf '== %s\n' "$*" | tee -a "$LOG" >&2; }
die() { printf 'ERROR: %s (logs in %s)\n' "$*" "$WORK" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run me as root (this is a lab-machine script)"
[ -x "$PY" ] || die "$PY not found"

# ---------------------------------------------------------------------------
# 1. packages
# ---------------------------------------------------------------------------
install_packages() {
    local pkgs=(postfix dovecot-imapd dovecot-pop3d swaks curl python3 tshark ssl-cert iproute2 procps
                vsftpd redis-server redis-tools)
    local missing=() p
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing: ${missing[*]}"
        debconf-set-selections <<EOF
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string $DOMAIN
wireshark-common wireshark-common/install-setuid boolean false
EOF
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
        # the other-* scenarios run private instances; the system services
        # the packages may have started (vsftpd on port 21 of every
        # interface, redis on 6379) are stopped and disabled again
        for p in vsftpd redis-server; do
            case " ${missing[*]} " in *" $p "*) disable_service "$p" ;; esac
        done
    fi
    if [ ! -s /etc/ssl/certs/ssl-cert-snakeoil.pem ] || [ ! -s /etc/ssl/private/ssl-cert-snakeoil.key ]; then
        say "generating the snakeoil certificate"
        make-ssl-cert generate-default-snakeoil --force-overwrite
    fi
}

disable_service() {
    say "stopping and disabling the system service $1 (installed just now)"
    if [ -d /run/systemd/system ]; then
        systemctl disable --now "$1" >>"$LOG" 2>&1 || true
    else
        service "$1" stop >>"$LOG" 2>&1 || true
        update-rc.d "$1" disable >>"$LOG" 2>&1 || true
    fi
}

# ---------------------------------------------------------------------------
# 2. users and configuration
# ---------------------------------------------------------------------------
setup_users() {
    local u
    for u in student teacher; do
        id "$u" >/dev/null 2>&1 || useradd -m -s /bin/bash -c "mailteach lab user" "$u"
    done
    echo 'student:secret' | chpasswd
    echo 'teacher:lesson' | chpasswd
    # Dovecot passdb with plain-text passwords (needed for APOP)
    cat > /etc/dovecot/mailteach.passwd <<'EOF'
student:{PLAIN}secret::::::
teacher:{PLAIN}lesson::::::
EOF
    chown root:dovecot /etc/dovecot/mailteach.passwd
    chmod 0640 /etc/dovecot/mailteach.passwd
}

backup_once() { [ -e "$1.mailteach-orig" ] || { [ -e "$1" ] && cp -p "$1" "$1.mailteach-orig"; } || true; }

write_config() {
    backup_once /etc/postfix/main.cf
    backup_once /etc/postfix/master.cf
    backup_once /etc/dovecot/dovecot.conf
    install -m 0644 "$TOOLS/config/postfix-main.cf" /etc/postfix/main.cf
    install -m 0644 "$TOOLS/config/postfix-master.cf" /etc/postfix/master.cf
    install -m 0644 "$TOOLS/config/dovecot.conf" /etc/dovecot/dovecot.conf
    echo "$DOMAIN" > /etc/mailname
    [ -f /etc/aliases ] || printf 'postmaster: root\n' > /etc/aliases
    newaliases
    postfix check
    doveconf -n >/dev/null
}

# ---------------------------------------------------------------------------
# 3. servers (stop only what we started)
# ---------------------------------------------------------------------------
POSTFIX_WAS_RUNNING=0
DOVECOT_WAS_RUNNING=0
MAIL_STARTED=0
HAVE_SYSTEMD=0
[ -d /run/systemd/system ] && HAVE_SYSTEMD=1

start_servers() {
    postfix status >/dev/null 2>&1 && POSTFIX_WAS_RUNNING=1
    pgrep -x dovecot >/dev/null 2>&1 && DOVECOT_WAS_RUNNING=1
    say "starting Postfix and Dovecot (were running: postfix=$POSTFIX_WAS_RUNNING dovecot=$DOVECOT_WAS_RUNNING)"
    if [ $HAVE_SYSTEMD = 1 ]; then
        systemctl restart dovecot
        systemctl restart postfix
    else
        if [ $DOVECOT_WAS_RUNNING = 1 ]; then doveadm stop || true; sleep 1; fi
        dovecot
        if [ $POSTFIX_WAS_RUNNING = 1 ]; then postfix stop || true; sleep 1; fi
        postfix start
    fi
    MAIL_STARTED=1
    wait_listen 25 587 2525 110 1110 143 1143 993
}

stop_servers() {
    if [ $HAVE_SYSTEMD = 1 ]; then
        [ $POSTFIX_WAS_RUNNING = 1 ] || systemctl stop postfix || true
        [ $DOVECOT_WAS_RUNNING = 1 ] || systemctl stop dovecot || true
    else
        [ $POSTFIX_WAS_RUNNING = 1 ] || postfix stop >/dev/null 2>&1 || true
        [ $DOVECOT_WAS_RUNNING = 1 ] || doveadm stop >/dev/null 2>&1 || true
    fi
}

wait_listen() {
    local port i
    for port in "$@"; do
        for i in $(seq 1 100); do
            ss -Hltn "sport = :$port" | grep -q LISTEN && break
            sleep 0.1
        done
        ss -Hltn "sport = :$port" | grep -q "127.0.0.1:$port" || die "nothing listens on 127.0.0.1:$port"
    done
}

wait_queue_empty() {
    local i
    postqueue -f >/dev/null 2>&1 || true
    for i in $(seq 1 60); do
        postqueue -p 2>/dev/null | grep -q "Mail queue is empty" && return 0
        sleep 0.5
    done
    say "warning: Postfix queue not empty after 30 s"
}

seed() { wait_queue_empty; "$PY" "$TOOLS/seed_mailbox.py" student >>"$LOG" 2>&1; }

# ---------------------------------------------------------------------------
# 4. capturing
# ---------------------------------------------------------------------------
CAP_PID=""
CAP_NAME=""
CAP_RAW=""
export MAILTEACH_KEYLOG=""

cap_start() {   # cap_start NAME "capture filter"
    CAP_NAME="$1"
    CAP_RAW="$WORK/$1.raw.pcapng"
    MAILTEACH_KEYLOG="$WORK/$1.keys"
    rm -f "$CAP_RAW" "$MAILTEACH_KEYLOG" "$OUT/$1.pcapng"
    : > "$WORK/$1.dumpcap.err"
    say "capture $1 ($2)"
    dumpcap -i lo -f "$2" -w "$CAP_RAW" -q 2>"$WORK/$1.dumpcap.err" &
    CAP_PID=$!
    local i
    for i in $(seq 1 100); do
        grep -q "Capturing on" "$WORK/$1.dumpcap.err" && break
        kill -0 "$CAP_PID" 2>/dev/null || die "dumpcap failed for $1: $(cat "$WORK/$1.dumpcap.err")"
        sleep 0.1
    done
    sleep 0.5
}

cap_stop() {
    sleep 1
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait "$CAP_PID" || true
    CAP_PID=""
    if [ -s "$MAILTEACH_KEYLOG" ]; then
        # embed the TLS secrets in the pcapng (Decryption Secrets Block)
        editcap --inject-secrets "tls,$MAILTEACH_KEYLOG" "$CAP_RAW" "$OUT/$CAP_NAME.pcapng"
    else
        cp "$CAP_RAW" "$OUT/$CAP_NAME.pcapng"
    fi
    chmod 0644 "$OUT/$CAP_NAME.pcapng"
    say "  -> $CAP_NAME.pcapng: $(capinfos -c -M "$OUT/$CAP_NAME.pcapng" | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}') frames"
}

cleanup() {
    local rc=$?
    set +e
    if [ -n "$CAP_PID" ]; then kill -INT "$CAP_PID" 2>/dev/null; wait "$CAP_PID" 2>/dev/null; fi
    if [ -n "${PROXY_PID:-}" ]; then kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; fi
    if [ -n "${OTHER_PID:-}" ]; then kill "$OTHER_PID" 2>/dev/null; wait "$OTHER_PID" 2>/dev/null; fi
    [ -e "$MECHS_CONF" ] && rm -f "$MECHS_CONF"
    [ $MAIL_STARTED = 0 ] || stop_servers
    if [ $rc = 0 ]; then rm -rf "$WORK"; else echo "FAILED, logs kept in $WORK" >&2; fi
}

run() { "$@" >>"$LOG" 2>&1 || die "failed: $*"; }
smtp_py() { run "$PY" "$TOOLS/smtp_clients.py" "$@"; }
pop3_py() { run "$PY" "$TOOLS/pop3_clients.py" "$@"; }
imap_py() { run "$PY" "$TOOLS/imap_clients.py" "$@"; }
sasl_py() { run "$PY" "$TOOLS/sasl_clients.py" "$@"; }

# CRAM-MD5 and SCRAM (Dovecot can: its passwd-file holds {PLAIN} passwords)
# are offered only while the SASL scenarios run; the other captures keep
# offering PLAIN and LOGIN
MECHS_CONF=/etc/dovecot/mailteach-mechanisms.conf
more_mechanisms() {   # more_mechanisms on|off
    if [ "$1" = on ]; then
        echo "auth_mechanisms = plain login apop cram-md5 scram-sha-1 scram-sha-256" > "$MECHS_CONF"
    else
        rm -f "$MECHS_CONF"
    fi
    doveconf -n >/dev/null
    doveadm reload
    sleep 2
}

PROXY_PID=""
proxy_start() {   # proxy_start LISTEN_PORT TARGET_PORT
    "$PY" "$TOOLS/split_proxy.py" "$1" "$2" >>"$WORK/proxy.log" 2>&1 &
    PROXY_PID=$!
    wait_listen "$1"
}
proxy_stop() { kill "$PROXY_PID" 2>/dev/null || true; wait "$PROXY_PID" 2>/dev/null || true; PROXY_PID=""; }

# the other-* servers: one at a time, started before and stopped after the
# capture (so neither start-up nor shutdown traffic is captured)
OTHER_PID=""
other_start() {   # other_start PORT COMMAND...
    local port="$1"; shift
    ss -Hltn "sport = :$port" | grep -q LISTEN && die "port $port is already in use"
    "$@" >>"$WORK/other-$port.log" 2>&1 &
    OTHER_PID=$!
    wait_listen "$port"
}
other_stop() {    # stop the server (if it has not exited by itself) and reap it
    local rc=0
    if [ -n "$OTHER_PID" ]; then
        kill "$OTHER_PID" 2>/dev/null || true
        wait "$OTHER_PID" 2>/dev/null || rc=$?
    fi
    OTHER_PID=""
    return $rc
}
other_wait() {    # the one-connection Python servers exit by themselves
    local rc=0
    wait "$OTHER_PID" || rc=$?
    OTHER_PID=""
    [ $rc = 0 ] || die "server failed (exit $rc), see $WORK/other-*.log"
}
other_py() { run "$PY" "$TOOLS/other_clients.py" "$@"; }

vsftpd_start() {  # vsftpd_start PORT [-oOPTION=VALUE ...]
    local port="$1"; shift
    local root="$WORK/ftp-root" empty="$WORK/vsftpd-empty"
    # a root-owned copy of the config (vsftpd refuses a config file that is
    # not owned by the user running it)
    install -m 0600 -o root -g root "$TOOLS/config/vsftpd.conf" "$WORK/vsftpd.conf"
    install -d -m 0755 -o root -g root "$empty" "$root" "$root/pub"
    # the anonymous FTP root listed by LIST, with fixed times
    printf 'mailteach lab FTP server: nothing here is mail.\r\n' > "$root/README.txt"
    printf 'FTP replies look like SMTP replies: 220, 230, 221.\r\n' > "$root/pub/notes.txt"
    chmod 0644 "$root/README.txt" "$root/pub/notes.txt"
    touch -h -d "2024-09-02 12:00:00 UTC" "$root/README.txt" "$root/pub/notes.txt" "$root/pub" "$root"
    other_start "$port" vsftpd "$WORK/vsftpd.conf" -olisten_port="$port" \
        -oanon_root="$root" -osecure_chroot_dir="$empty" \
        -ovsftpd_log_file="$WORK/vsftpd-$port.log" "$@"
}

# ---------------------------------------------------------------------------
# 5. scenarios (file names are a contract with the tests)
# ---------------------------------------------------------------------------
SWAKS=(swaks --server 127.0.0.1 --helo client.example.test --hide-all)

s_smtp_swaks_plain() {
    cap_start smtp-swaks-plain "tcp port 25"
    run "${SWAKS[@]}" --port 25 --from "$STUDENT" --to "$STUDENT" \
        --header "Subject: Plain SMTP with swaks" --body "Hello from swaks, no TLS, no AUTH."
    cap_stop
}

s_smtp_curl_send() {
    cap_start smtp-curl-send "tcp port 25"
    run curl -sS --crlf "smtp://127.0.0.1:25/client.example.test" \
        --mail-from "$STUDENT" --mail-rcpt "$STUDENT" \
        --upload-file "$TOOLS/messages/curl-message.eml"
    cap_stop
}

s_smtp_python_smtplib() { cap_start smtp-python-smtplib "tcp port 25"; smtp_py smtplib; cap_stop; }
s_smtp_errors()        { cap_start smtp-errors "tcp port 25";         smtp_py errors; cap_stop; }

s_smtp_pipelining() {
    cap_start smtp-pipelining "tcp port 25"
    # swaks sends MAIL, RCPT, RCPT, DATA in one write (one TCP segment)
    run "${SWAKS[@]}" --port 25 --pipeline --from "$STUDENT" --to "$STUDENT,$TEACHER" \
        --header "Subject: PIPELINING with swaks" --body "MAIL, RCPT, RCPT and DATA went out in one segment."
    cap_stop
}

s_smtp_data_refused()  { cap_start smtp-data-refused "tcp port 25";   smtp_py data-refused; cap_stop; }
s_smtp_keystroke()     { cap_start smtp-keystroke "tcp port 25";      smtp_py keystroke; cap_stop; }

s_smtp_port2525() {
    cap_start smtp-port2525 "tcp port 2525"
    run "${SWAKS[@]}" --port 2525 --from "$STUDENT" --to "$TEACHER" \
        --header "Subject: SMTP on port 2525" --body "Same protocol, non-standard port."
    cap_stop
}

s_smtp_submission_587() {
    cap_start smtp-submission-587 "tcp port 587"
    run "${SWAKS[@]}" --port 587 --from "$STUDENT" --to "$TEACHER" \
        --auth PLAIN --auth-user student --auth-password secret \
        --header "Subject: Submission on port 587" --body "Authenticated with AUTH PLAIN in clear text."
    cap_stop
}

s_smtp_auth_login()    { cap_start smtp-auth-login "tcp port 587";    smtp_py auth-login; cap_stop; }

s_smtp_auth_mechanisms() {
    more_mechanisms on
    cap_start smtp-auth-mechanisms "tcp port 587"
    run "${SWAKS[@]}" --port 587 --from "$STUDENT" --to "$TEACHER" \
        --auth CRAM-MD5 --auth-user student --auth-password secret \
        --header "Subject: CRAM-MD5 with swaks" --body "Authenticated with AUTH CRAM-MD5."
    sasl_py smtp
    cap_stop
    more_mechanisms off
}
s_smtp_starttls()      { cap_start smtp-starttls "tcp port 25";       smtp_py starttls; cap_stop; }
s_smtp_bdat()          { cap_start smtp-bdat "tcp port 25";           smtp_py bdat; cap_stop; }
s_smtp_mime()          { cap_start smtp-mime "tcp port 25";           smtp_py mime; cap_stop; }
s_smtp_long_lines()    { cap_start smtp-long-lines "tcp port 25";     smtp_py long-lines; cap_stop; }

s_pop3_python_poplib() { seed; cap_start pop3-python-poplib "tcp port 110"; pop3_py poplib 110; cap_stop; }

s_pop3_curl() {
    seed
    cap_start pop3-curl "tcp port 110"
    # one connection: LIST (URL without message number) then RETR 1
    run curl -sS -u student:secret "pop3://127.0.0.1:110/" "pop3://127.0.0.1:110/1"
    cap_stop
}

# the MIME lab message (tools/mime_message.py) as message 1 of the mailbox
seed_mime() {
    wait_queue_empty
    run "$PY" "$TOOLS/mime_message.py" "$WORK/mime-lab.eml"
    run "$PY" "$TOOLS/seed_mailbox.py" student "$WORK/mime-lab.eml"
}
s_pop3_mime()          { seed_mime; cap_start pop3-mime "tcp port 110";    pop3_py mime; cap_stop; }
s_pop3_failed_login()  { seed; cap_start pop3-failed-login "tcp port 110"; pop3_py failed-login; cap_stop; }
s_pop3_keystroke()     { seed; cap_start pop3-keystroke "tcp port 110";    pop3_py keystroke; cap_stop; }
s_pop3_port1110()      { seed; cap_start pop3-port1110 "tcp port 1110";    pop3_py poplib-short 1110; cap_stop; }
s_pop3_apop_auth()     { seed; cap_start pop3-apop-auth "tcp port 110";    pop3_py apop-auth; cap_stop; }
s_pop3_stls()          { seed; cap_start pop3-stls "tcp port 110";         pop3_py stls; cap_stop; }

s_pop3_auth_mechanisms() {
    seed
    more_mechanisms on
    cap_start pop3-auth-mechanisms "tcp port 110"
    sasl_py pop3
    # curl's CRAM-MD5, then LIST
    run curl -sS -u student:secret --login-options "AUTH=CRAM-MD5" "pop3://127.0.0.1:110/"
    cap_stop
    more_mechanisms off
}

s_pop3_split_responses() {
    seed
    proxy_start 3110 110
    cap_start pop3-split-responses "tcp port 3110"
    pop3_py split 3110
    cap_stop
    proxy_stop
}

s_imap_python_imaplib() { seed; cap_start imap-python-imaplib "tcp port 143"; imap_py imaplib 143; cap_stop; }
s_imap_mime()           { seed_mime; cap_start imap-mime "tcp port 143";   imap_py mime; cap_stop; }
s_imap_append()         { seed; cap_start imap-append "tcp port 143";         imap_py append; cap_stop; }
s_imap_login_literal()  { seed; cap_start imap-login-literal "tcp port 143";  imap_py login-literal; cap_stop; }

s_imap_idle() {
    seed
    cap_start imap-idle "tcp port 143"
    # the client triggers the new-mail delivery itself (SMTP on port 25,
    # not captured) while it is in IDLE
    imap_py idle
    cap_stop
}

s_imap_keystroke()      { seed; cap_start imap-keystroke "tcp port 143";      imap_py keystroke; cap_stop; }
s_imap_port1143()       { seed; cap_start imap-port1143 "tcp port 1143";      imap_py imaplib-short 1143; cap_stop; }
s_imap_starttls()       { seed; cap_start imap-starttls "tcp port 143";       imap_py starttls; cap_stop; }
s_imap_errors()         { seed; cap_start imap-errors "tcp port 143";         imap_py errors; cap_stop; }

s_imap_implicit_tls()   { seed; cap_start imap-implicit-tls "tcp port 993";   sasl_py imap-tls; cap_stop; }

s_imap_authenticate() {
    seed
    more_mechanisms on
    cap_start imap-authenticate "tcp port 143"
    sasl_py imap
    cap_stop
    more_mechanisms off
}

s_imap_split_literal() {
    seed
    proxy_start 3143 143
    cap_start imap-split-literal "tcp port 3143"
    imap_py split 3143
    cap_stop
    proxy_stop
}

# ---- non-mail traffic on non-standard ports (the heuristic must leave it alone)

s_other_ftp_2121() {
    vsftpd_start 2121 -opasv_min_port=30000 -opasv_max_port=30009
    # the LIST data connection goes to one of the passive ports 30000-30009
    cap_start other-ftp-2121 "tcp port 2121 or tcp portrange 30000-30009"
    other_py ftp 2121
    cap_stop
    other_stop || true
}

s_other_ftp_banner_2122() {
    vsftpd_start 2122 -opasv_min_port=30010 -opasv_max_port=30019 \
        "-oftpd_banner=Welcome to the lab server."
    cap_start other-ftp-banner-2122 "tcp port 2122"
    other_py ftp-banner 2122
    cap_stop
    other_stop || true
}

s_other_http_8080() {
    local www="$WORK/www"
    install -d -m 0755 "$www"
    printf '<!DOCTYPE html>\n<html><head><title>Lab web server</title></head>\n<body><h1>Not mail</h1>\n<p>HTTP on port 8080. See <a href="lesson.html">the lesson</a>.</p></body></html>\n' > "$www/index.html"
    printf '<!DOCTYPE html>\n<html><head><title>Lesson</title></head>\n<body><p>HTTP clients speak first: GET / HTTP/1.1</p></body></html>\n' > "$www/lesson.html"
    touch -d "2024-09-02 12:00:00 UTC" "$www/index.html" "$www/lesson.html"
    other_start 8080 "$PY" -m http.server 8080 --bind 127.0.0.1 --directory "$www"
    cap_start other-http-8080 "tcp port 8080"
    # http.server answers HTTP/1.0 and closes: two connections
    run curl -sS -o /dev/null -o /dev/null "http://127.0.0.1:8080/" "http://127.0.0.1:8080/lesson.html"
    cap_stop
    other_stop || true
}

s_other_redis_6380() {
    other_start 6380 redis-server "$TOOLS/config/redis.conf" --port 6380 \
        --dir "$WORK" --logfile "$WORK/redis-6380.log"
    cap_start other-redis-6380 "tcp port 6380"
    # one redis-cli call (= one connection) per command: redis-cli 7.0 in
    # REPL mode (commands from stdin) first sends COMMAND DOCS (~170 KB of
    # reply) and handles QUIT itself without sending it
    local cli=(redis-cli -h 127.0.0.1 -p 6380)
    run "${cli[@]}" PING
    run "${cli[@]}" SET k v
    run "${cli[@]}" GET k
    run "${cli[@]}" QUIT
    cap_stop
    other_stop || true
}

s_other_random_bytes_9000() {
    other_start 9000 "$PY" "$TOOLS/other_servers.py" random-bytes 9000
    cap_start other-random-bytes-9000 "tcp port 9000"
    other_py random-bytes 9000
    cap_stop
    other_wait
}

s_other_nntp_like_1119() {
    other_start 1119 "$PY" "$TOOLS/other_servers.py" nntp-like 1119
    cap_start other-nntp-like-1119 "tcp port 1119"
    other_py nntp-like 1119
    cap_stop
    other_wait
}

ALL=(
    smtp-swaks-plain smtp-curl-send smtp-python-smtplib smtp-errors smtp-pipelining
    smtp-data-refused smtp-keystroke smtp-port2525 smtp-submission-587 smtp-auth-login
    smtp-starttls smtp-bdat smtp-long-lines smtp-auth-mechanisms smtp-mime
    pop3-python-poplib pop3-curl pop3-failed-login pop3-keystroke pop3-port1110
    pop3-apop-auth pop3-stls pop3-split-responses pop3-auth-mechanisms pop3-mime
    imap-python-imaplib imap-append imap-login-literal imap-idle imap-keystroke
    imap-port1143 imap-starttls imap-errors imap-split-literal imap-authenticate
    imap-implicit-tls imap-mime
    other-ftp-2121 other-ftp-banner-2122 other-http-8080 other-redis-6380
    other-random-bytes-9000 other-nntp-like-1119
)

# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
main() {
    if [ "${1:-}" = "--setup-only" ]; then
        # configure and start the servers, leave them running (for debugging)
        install_packages; setup_users; write_config; start_servers
        "$PY" "$TOOLS/seed_mailbox.py" teacher >>"$LOG" 2>&1
        seed
        say "servers configured and running; nothing captured"
        rm -rf "$WORK"
        return 0
    fi
    local want=("$@") name
    [ ${#want[@]} -gt 0 ] || want=("${ALL[@]}")
    for name in "${want[@]}"; do
        declare -F "s_${name//-/_}" >/dev/null || die "unknown scenario: $name"
    done
    # Postfix and Dovecot only if a mail scenario is wanted (other-* alone
    # leaves the mail configuration and servers as they are)
    local mail=0
    for name in "${want[@]}"; do
        case "$name" in other-*) ;; *) mail=1 ;; esac
    done
    install_packages
    if [ $mail = 1 ]; then
        setup_users
        write_config
    fi
    trap cleanup EXIT
    if [ $mail = 1 ]; then
        start_servers
        "$PY" "$TOOLS/seed_mailbox.py" teacher >>"$LOG" 2>&1
        seed
    fi
    for name in "${want[@]}"; do
        "s_${name//-/_}"
    done
    [ $mail = 0 ] || wait_queue_empty
    if [ $# -eq 0 ]; then
        # malformed and adversarial cases, written by hand, and a cut of a real capture
        say "hand-made and cut captures (handmade/make_handmade.py)"
        "$PY" "$(dirname "$TOOLS")/handmade/make_handmade.py" "$OUT" >>"$LOG" 2>&1
    fi
    say "checking the captures with tshark"
    "$PY" "$TOOLS/verify_captures.py" "$OUT" "${want[@]}" | tee -a "$LOG" >&2 \
        || die "a capture does not look as expected (see above)"
    "$PY" "$TOOLS/describe_captures.py" "$OUT" "$OUT/FRAMES.md" >>"$LOG"
    say "done: ${#want[@]} capture(s) in $OUT (frame map: $OUT/FRAMES.md)"
}

main "$@"
