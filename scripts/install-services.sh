#!/usr/bin/env bash
# Make sure influxd (Debian package "influxdb", 1.6.7 on Debian 12), redis-server,
# openssl and curl are installed. Idempotent: does nothing (fast) when all are
# present. Installs with apt-get without starting the Debian services (a
# temporary /usr/sbin/policy-rc.d returning 101 is used if none exists).
# Nothing is configured or started; use scripts/influxd.sh / scripts/redis.sh.
set -euo pipefail

pkgs=()
command -v influxd >/dev/null 2>&1 || pkgs+=(influxdb)
{ command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; } || pkgs+=(redis-server)
command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
command -v curl >/dev/null 2>&1 || pkgs+=(curl)

[ ${#pkgs[@]} -eq 0 ] && exit 0

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-services.sh: need root (or sudo) to install: ${pkgs[*]}" >&2; exit 1; }
    SUDO=(sudo)
fi

POLICY=/usr/sbin/policy-rc.d
created_policy=false
cleanup() {
    if [ "$created_policy" = true ]; then "${SUDO[@]}" rm -f "$POLICY"; fi
}
trap cleanup EXIT
if [ ! -e "$POLICY" ]; then
    # 101 = "action forbidden": invoke-rc.d will not start the services.
    printf '#!/bin/sh\n# temporary, created by scripts/install-services.sh\nexit 101\n' \
        | "${SUDO[@]}" tee "$POLICY" >/dev/null
    "${SUDO[@]}" chmod 755 "$POLICY"
    created_policy=true
fi

echo "install-services.sh: installing ${pkgs[*]}" >&2
"${SUDO[@]}" apt-get update >&2
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${pkgs[@]}" >&2

for b in influxd redis-server redis-cli openssl curl; do
    command -v "$b" >/dev/null 2>&1 || { echo "install-services.sh: $b still missing after install" >&2; exit 1; }
done
