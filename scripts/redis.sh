#!/usr/bin/env bash
# Start/stop a throw-away redis-server in its own directory, bound to
# 127.0.0.1 on a free port, no persistence (--save '' --appendonly no).
#
# Usage:
#   scripts/redis.sh start DIR
#       -> prints one line: port=<port> pid=<pid> dir=<DIR>
#       The port is stored in DIR/port; starting again on the same DIR reuses
#       it (fails clearly if that port is now taken).
#   scripts/redis.sh stop PID|DIR
#       SIGTERM, wait up to 10 s, then SIGKILL. Exit 0 if already gone.
#       (DIR means: the pid recorded in DIR/redis.pid.)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$SCRIPT_DIR/common.sh"

START_TIMEOUT=${REDIS_START_TIMEOUT:-30}
MAX_ATTEMPTS=5

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

fail_start() {
    echo "redis.sh: failed to start redis-server in $DIR: $1" >&2
    if [ -s "$LOG" ]; then
        echo "---- last lines of $LOG ----" >&2
        tail -n 25 "$LOG" >&2
    fi
    exit 1
}

# launch_and_wait PORT: sets PID; 0 = ready, 1 = failed, 3 = port in use
launch_and_wait() {
    local port=$1 deadline reply
    : > "$LOG"
    setsid redis-server --bind 127.0.0.1 --port "$port" --dir "$DIR" \
        --save '' --appendonly no --daemonize no --logfile '' \
        > "$LOG" 2>&1 < /dev/null &
    PID=$!
    echo "$PID" > "$DIR/redis.pid"
    deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        if ! pid_alive "$PID"; then
            grep -qi 'address already in use' "$LOG" && return 3
            return 1
        fi
        reply=$(timeout 3 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)
        if [ "$reply" = PONG ] && pid_listens_on "$PID" "$port"; then
            return 0
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "redis.sh: redis-server (pid $PID) not ready after ${START_TIMEOUT}s" >> "$LOG"
            kill -KILL "$PID" 2>/dev/null || true
            return 1
        fi
        sleep 0.1
    done
}

cmd_start() {
    [ $# -eq 1 ] || usage
    DIR=$1
    command -v redis-server >/dev/null || die "redis-server not found (run scripts/install-services.sh)"
    command -v redis-cli >/dev/null || die "redis-cli not found (run scripts/install-services.sh)"
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd)
    LOG=$DIR/redis.log

    if [ -f "$DIR/redis.pid" ]; then
        local old; old=$(cat "$DIR/redis.pid" 2>/dev/null || true)
        if [[ "$old" =~ ^[0-9]+$ ]] && pid_alive "$old" && [ "$(pid_comm "$old")" = redis-server ]; then
            die "redis-server already running for $DIR (pid $old); stop it first"
        fi
    fi

    local port rc attempt
    if [ -f "$DIR/port" ]; then
        port=$(cat "$DIR/port")
        [[ "$port" =~ ^[0-9]+$ ]] || die "$DIR/port does not contain a port number"
        port_in_use "$port" && die "cannot restart: port $port (from $DIR/port) is already in use"
        rc=0
        launch_and_wait "$port" || rc=$?
        [ "$rc" = 0 ] || fail_start "redis-server exited or did not become ready on port $port"
    else
        for ((attempt = 1; ; attempt++)); do
            port=$(pick_free_port) || fail_start "no free port"
            rc=0
            launch_and_wait "$port" || rc=$?
            if [ "$rc" = 0 ]; then
                echo "$port" > "$DIR/port"
                break
            fi
            kill -KILL "$PID" 2>/dev/null || true
            rm -f "$DIR/redis.pid"
            if [ "$rc" = 3 ] && [ "$attempt" -lt "$MAX_ATTEMPTS" ]; then continue; fi
            [ "$rc" = 3 ] && fail_start "ports kept colliding after $attempt attempts"
            fail_start "redis-server exited or did not become ready"
        done
    fi
    echo "port=$port pid=$PID dir=$DIR"
}

cmd_stop() {
    [ $# -eq 1 ] || usage
    local target=$1 pid
    if [ -d "$target" ]; then
        [ -f "$target/redis.pid" ] || exit 0
        pid=$(cat "$target/redis.pid")
    else
        pid=$target
    fi
    stop_pid "$pid" redis-server
}

case "${1:-}" in
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) usage ;;
esac
