# shellcheck shell=bash
# Shared helpers for scripts/influxd.sh and scripts/redis.sh (sourced, not run).
# Port picking, "does PID own this listening port" checks, and stopping a PID.

# die MSG...: print to stderr and exit 1.
die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# port_in_use PORT: true if something listens on (or accepts on) 127.0.0.1:PORT / *:PORT.
port_in_use() {
    local p=$1
    if command -v ss >/dev/null 2>&1; then
        # any listener whose local port is P (any address), TCP
        if [ -n "$(ss -Htln "sport = :$p" 2>/dev/null)" ]; then
            return 0
        fi
    fi
    # fallback / double check: try to connect
    if timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; then
        return 0
    fi
    return 1
}

# pick_free_port [EXCLUDED_PORT...]: print a currently free TCP port.
# Prefers 20000..(start of the kernel's ephemeral range - 1), so that outgoing
# connections are unlikely to grab it between picking and binding.
pick_free_port() {
    local lo=20000 hi=60000 eph_lo eph_hi p i ex skip
    if read -r eph_lo eph_hi < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null; then
        if [ "$eph_lo" -gt $((lo + 1000)) ] && [ "$eph_lo" -le "$hi" ]; then
            hi=$((eph_lo - 1))
        fi
    fi
    for ((i = 0; i < 200; i++)); do
        p=$(( lo + ( (RANDOM << 15 | RANDOM) % (hi - lo + 1) ) ))
        skip=0
        for ex in "$@"; do [ "$ex" = "$p" ] && skip=1; done
        [ "$skip" = 1 ] && continue
        if ! port_in_use "$p"; then
            echo "$p"
            return 0
        fi
    done
    echo "could not find a free port in $lo-$hi" >&2
    return 1
}

# pid_alive PID: true if PID exists and is not a zombie.
pid_alive() {
    local pid=$1 state
    [ -d "/proc/$pid" ] || return 1
    state=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null) || return 1
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# pid_comm PID: print the executable name of PID (empty if gone).
pid_comm() { cat "/proc/$1/comm" 2>/dev/null || true; }

# pid_listens_on PID PORT: true if PID holds the TCP socket listening on 127.0.0.1:PORT.
# (Guards against a /ping answered by some *other* server that won the port.)
pid_listens_on() {
    local pid=$1 port=$2 hexport inode fd
    hexport=$(printf '%04X' "$port")
    # /proc/net/tcp: sl local rem st ... uid timeout inode ; 0A = LISTEN
    inode=$(awk -v a="0100007F:$hexport" -v b="00000000:$hexport" \
        '($2 == a || $2 == b) && $4 == "0A" { print $10; exit }' /proc/net/tcp 2>/dev/null)
    [ -n "$inode" ] || return 1
    for fd in /proc/"$pid"/fd/*; do
        [ "$(readlink "$fd" 2>/dev/null)" = "socket:[$inode]" ] && return 0
    done
    return 1
}

# stop_pid PID EXPECTED_COMM: SIGTERM, wait up to 10 s, then SIGKILL.
# Exit status 0 if the process is gone (or was already gone).
stop_pid() {
    local pid=$1 comm=$2 actual i
    [[ "$pid" =~ ^[0-9]+$ ]] || die "not a PID: $pid"
    if ! pid_alive "$pid"; then
        return 0
    fi
    actual=$(pid_comm "$pid")
    if [ "$actual" != "$comm" ]; then
        echo "$(basename "$0"): pid $pid is '$actual', not $comm; assuming $comm already exited, not killing it" >&2
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        pid_alive "$pid" || return 0
        sleep 0.1
    done
    echo "$(basename "$0"): $comm pid $pid did not exit after SIGTERM within 10 s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        pid_alive "$pid" || return 0
        sleep 0.1
    done
    die "$comm pid $pid still alive after SIGKILL"
}

# env_unset_args PREFIX: print "-u" and NAME lines (for `env`) removing all vars starting with PREFIX.
env_unset_args() {
    local prefix=$1 name
    for name in $(compgen -e); do
        case "$name" in "$prefix"*) printf '%s\n' "-u" "$name" ;; esac
    done
}
