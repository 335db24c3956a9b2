#!/usr/bin/env bash
# Run a command against a fresh, throw-away influxd:
#   scripts/with-influxdb.sh CMD [ARGS...]
# Installs the services if needed (install-services.sh), starts influxd in a
# new temp dir (scripts/influxd.sh), exports INFLUXDB_HOST=127.0.0.1 and
# INFLUXDB_PORT=<port>, runs CMD, then always stops influxd and removes the
# temp dir. Exits with CMD's exit code.
# CMD is run directly (no shell, no eval). As a convenience, the literal texts
# $INFLUXDB_HOST, ${INFLUXDB_HOST}, $INFLUXDB_PORT and ${INFLUXDB_PORT} inside
# ARGS are replaced by their values, so an escaped \$INFLUXDB_PORT works:
#   scripts/with-influxdb.sh curl -s http://127.0.0.1:\$INFLUXDB_PORT/ping
#   scripts/with-influxdb.sh sh -c 'curl -s http://$INFLUXDB_HOST:$INFLUXDB_PORT/ping'
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -lt 1 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
fi

"$SCRIPT_DIR/install-services.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/with-influxdb.XXXXXX")
cleanup() {
    "$SCRIPT_DIR/influxd.sh" stop "$TMP/influxdb" || true
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

line=$("$SCRIPT_DIR/influxd.sh" start "$TMP/influxdb")
port=$(sed -E 's/^port=([0-9]+) .*/\1/' <<<"$line")
[[ "$port" =~ ^[0-9]+$ ]] || { echo "with-influxdb.sh: unexpected output from influxd.sh: $line" >&2; exit 1; }

export INFLUXDB_HOST=127.0.0.1
export INFLUXDB_PORT=$port

# expand_vars STRING (result in REPLY): replace $INFLUXDB_HOST/PORT and ${...} forms (whole names only)
expand_vars() {
    local s=$1 out= re='^([^$]*)\$(\{(INFLUXDB_HOST|INFLUXDB_PORT)\}|(INFLUXDB_HOST|INFLUXDB_PORT)([^A-Za-z0-9_]|$))(.*)$'
    while [[ "$s" == *'$'* ]]; do
        if [[ "$s" =~ $re ]]; then
            local name=${BASH_REMATCH[3]:-${BASH_REMATCH[4]}}
            out+=${BASH_REMATCH[1]}${!name}
            s=${BASH_REMATCH[5]}${BASH_REMATCH[6]}
        else
            # keep text up to and including the next '$' unchanged
            out+=${s%%'$'*}'$'
            s=${s#*'$'}
        fi
    done
    REPLY=$out$s
}
args=()
for a in "$@"; do
    expand_vars "$a"; args+=("$REPLY")
done

# Run CMD as a child we can forward signals to (a plain foreground command
# would delay our traps, and so the cleanup, until it exits). Background
# children of a non-interactive bash ignore SIGINT, so on SIGINT (Ctrl-C) we
# send CMD a SIGTERM. "<&0" keeps stdin (async commands otherwise get /dev/null).
child=
trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT
trap 'kill -HUP "$child" 2>/dev/null || true' HUP
"${args[@]}" <&0 &
child=$!
rc=0
while :; do
    rc=0
    wait "$child" || rc=$?
    # wait also returns (>128) when one of our traps ran; loop until CMD is gone
    kill -0 "$child" 2>/dev/null || break
done
exit "$rc"
