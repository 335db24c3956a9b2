#!/usr/bin/env bash
# Run a command against a fresh, throw-away influxd and redis-server:
#   scripts/with-services.sh CMD [ARGS...]
# Starts redis-server in a new temp dir (scripts/redis.sh), exports
# REDIS_HOST=127.0.0.1 and REDIS_PORT=<port>, and runs CMD under
# scripts/with-influxdb.sh, which adds INFLUXDB_HOST and INFLUXDB_PORT (and
# expands $INFLUXDB_HOST/$INFLUXDB_PORT in ARGS; use sh -c '... $REDIS_PORT'
# for Redis's). Always stops redis-server (by its PID) and removes the temp dir
# afterwards. Exits with CMD's exit code. Example, the cache benchmark:
#   scripts/with-services.sh dotnet run -c Release --project Aioinflux.Benchmarks -- cache-e2e
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -lt 1 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
fi

"$SCRIPT_DIR/install-services.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/with-services.XXXXXX")
redis_pid=
cleanup() {
    if [ -n "$redis_pid" ]; then
        "$SCRIPT_DIR/redis.sh" stop "$redis_pid" || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

line=$("$SCRIPT_DIR/redis.sh" start "$TMP/redis")
port=$(sed -E 's/^port=([0-9]+) .*/\1/' <<<"$line")
redis_pid=$(sed -E 's/^.* pid=([0-9]+) .*/\1/' <<<"$line")
[[ "$port" =~ ^[0-9]+$ && "$redis_pid" =~ ^[0-9]+$ ]] || { echo "with-services.sh: unexpected output from redis.sh: $line" >&2; exit 1; }

export REDIS_HOST=127.0.0.1
export REDIS_PORT=$port

# As in with-influxdb.sh: run it as a child we can forward signals to, so that
# our traps (and the cleanup) run as soon as it is asked to stop.
child=
trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT
trap 'kill -HUP "$child" 2>/dev/null || true' HUP
"$SCRIPT_DIR/with-influxdb.sh" "$@" <&0 &
child=$!
rc=0
while :; do
    rc=0
    wait "$child" || rc=$?
    kill -0 "$child" 2>/dev/null || break
done
exit "$rc"
