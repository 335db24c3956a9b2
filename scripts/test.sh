#!/usr/bin/env bash
# Runs every test of the solution. Installs InfluxDB and Redis first when they are missing (Debian, as root);
# the tests start their own private servers on loopback and stop them. Results (TRX) go to artifacts/test-results.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-services.sh"
rm -rf "$root/artifacts/test-results"
exec dotnet test "$root/Aioinflux.sln" -c Release --logger "trx" --results-directory "$root/artifacts/test-results" "$@"
