#!/usr/bin/env bash
# Rewrites the recorded public API of Aioinflux and Aioinflux.DataFrame after a deliberate change to it:
#   scripts/update-public-api.sh
# Adds what is new to PublicAPI.Unshipped.txt (RS0016's code fix, through `dotnet format analyzers`) and takes out what
# is gone (RS0017): a line of PublicAPI.Unshipped.txt is deleted, a line of PublicAPI.Shipped.txt is marked removed
# with a *REMOVED* line in PublicAPI.Unshipped.txt, as the analyzer expects. Review the diff: it is the API change.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

for project in Aioinflux.Core Aioinflux.DataFrame; do
    dir=$root/$project
    echo "== $project"
    # Warnings, not errors, so the build reports every RS0017 at once.
    log=$(dotnet build "$dir" -c Release -nodeReuse:false -nologo -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= 2>&1) || { echo "$log" >&2; exit 1; }
    { grep -oP "RS0017: Symbol '\K.*?(?=' is part of the declared API)" <<<"$log" || true; } | sort -u | while IFS= read -r symbol; do
        if grep -qxF -- "$symbol" "$dir/PublicAPI.Unshipped.txt"; then
            grep -vxF -- "$symbol" "$dir/PublicAPI.Unshipped.txt" >"$dir/PublicAPI.Unshipped.txt.new" || true
            mv "$dir/PublicAPI.Unshipped.txt.new" "$dir/PublicAPI.Unshipped.txt"
            echo "removed: $symbol"
        elif grep -qxF -- "$symbol" "$dir/PublicAPI.Shipped.txt"; then
            echo "*REMOVED*$symbol" >>"$dir/PublicAPI.Unshipped.txt"
            echo "removed (shipped): $symbol"
        fi
    done
    dotnet format analyzers "$dir/$project.csproj" --diagnostics RS0016 -v:q
done
git -C "$root" diff --stat -- '*PublicAPI.*.txt'
