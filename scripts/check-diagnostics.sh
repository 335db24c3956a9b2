#!/usr/bin/env bash
# Tries every schema mistake as a new user would, and checks what `dotnet build` says about it.
#
#   1. Builds samples/SchemaMistakes (deliberately broken, not in Aioinflux.sln) with `dotnet build`, which must
#      fail, and checks that each line marked "// expect AIOxxx" gets exactly that diagnostic and that nothing else
#      is reported: no compiler error from generated code, no diagnostic on an unmarked line.
#   2. Applies the code fixes to a copy with `dotnet format analyzers`, rebuilds the copy, and checks that the
#      fixable diagnostics are gone while every other marked one is still reported, on its (possibly moved) line.
#
# Prints one row per marker: ID, file:line, what the build reported there, and what became of it after the fixes.
# Exit code: 0 when everything matched, 1 on any mismatch, 2 when a step could not run at all.
#
# Environment: CONFIGURATION (default Release) is the configuration of every build, so the analyzers that
# `dotnet format` loads are the ones `dotnet build` just built.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sample="$root/samples/SchemaMistakes"
# The copy sits two folders below the root, like the sample, so its "..\..\Aioinflux.Core" references still resolve,
# and inside the repository, so it builds with the same Directory.Build.props (warnings as errors).
fixed="$root/artifacts/schema-mistakes-fixed"
configuration=${CONFIGURATION:-Release}
fixable=(AIO001 AIO002 AIO004 AIO005 AIO011 AIO021)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "check-diagnostics: $*" >&2; exit 2; }

# markers DIR: "file<TAB>line<TAB>ID<TAB>ordinal" for every "// expect AIOxxx [AIOyyy ...]" in DIR/*.cs, where
# ordinal counts the markers of that ID in that file (it pairs a marker with itself after a fix moved its line).
markers() {
    local dir=$1 file
    for file in "$dir"/*.cs; do
        awk -v file="$(basename "$file")" '
            match($0, /\/\/ expect AIO[0-9][0-9][0-9]( +AIO[0-9][0-9][0-9])*/) {
                n = split(substr($0, RSTART + 10, RLENGTH - 10), ids, / +/)
                for (i = 1; i <= n; i++) if (ids[i] != "") print file "\t" FNR "\t" ids[i] "\t" ++seen[ids[i]]
            }' "$file"
    done
}

# build DIR LOG: `dotnet build` of the project in DIR, as a user types it, with each diagnostic once in LOG (the
# console logger repeats them in its summary, and ignores NoSummary).
build() {
    dotnet build "$1" -c "$configuration" -nologo -tl:off -v:q -nodeReuse:false \
        "-flp:LogFile=$2;Verbosity=minimal;NoSummary" >"$2.console" 2>&1
}

# diagnostics DIR LOG: "file<TAB>line<TAB>column<TAB>severity<TAB>ID<TAB>message" for every diagnostic in LOG, files
# relative to DIR (a generated file keeps its full path). A diagnostic without a file position is kept with line 0.
diagnostics() {
    local dir=$1 log=$2
    sed -E 's# \[[^]]*\.csproj\]$##' "$log" \
        | sed -nE 's#^(.+)\(([0-9]+),([0-9]+)\): (error|warning) ([A-Za-z]+[0-9]+): (.*)$#\1\t\2\t\3\t\4\t\5\t\6#p' \
        | awk -F '\t' -v OFS='\t' -v prefix="$dir/" 'index($1, prefix) == 1 { $1 = substr($1, length(prefix) + 1) } { print }'
    grep -E ': (error|warning) [A-Za-z]+[0-9]+: ' "$log" | grep -vE '^.+\([0-9]+,[0-9]+\): (error|warning) ' \
        | sed -nE 's#^(.*): (error|warning) ([A-Za-z]+[0-9]+): (.*)$#\1\t0\t0\t\2\t\3\t\4#p'
}

# pair EXPECTED ACTUAL: pairs each marker with one diagnostic of its ID on its line. Prints
# "ok|missing<TAB>file<TAB>line<TAB>ID<TAB>ordinal<TAB>reported" per marker, then "unexpected<TAB>file<TAB>line<TAB>ID<TAB>-<TAB>
# severity (col N): message" per diagnostic no marker asked for.
pair() {
    awk -F '\t' -v OFS='\t' '
        FNR == NR { expected[++markers] = $0; next }
        { key = $1 SUBSEP $2 SUBSEP $5; pool[key] = pool[key] + 1; found[key, pool[key]] = $4 " (col " $3 ")"; full[key, pool[key]] = $0 }
        END {
            for (m = 1; m <= markers; m++) {
                split(expected[m], e, "\t")
                key = e[1] SUBSEP e[2] SUBSEP e[3]
                if (used[key] < pool[key]) { used[key]++; print "ok", e[1], e[2], e[3], e[4], found[key, used[key]] }
                else print "missing", e[1], e[2], e[3], e[4], "NOT REPORTED"
            }
            for (k in pool) for (i = used[k] + 1; i <= pool[k]; i++) {
                split(full[k, i], d, "\t")
                print "unexpected", d[1], d[2], d[5], "-", d[4] " (col " d[3] "): " d[6]
            }
        }' "$1" "$2"
}

is_fixable() { local id; for id in "${fixable[@]}"; do [ "$id" = "$1" ] && return 0; done; return 1; }

[ -f "$sample/SchemaMistakes.csproj" ] || fail "no sample project at $sample"
command -v dotnet >/dev/null || fail "dotnet is not on PATH"

echo "== dotnet build samples/SchemaMistakes (-c $configuration): expected to fail"
if build "$sample" "$work/build.log"; then
    echo "the build succeeded, but every file holds a mistake"
    status=1
fi
markers "$sample" >"$work/expected.tsv"
diagnostics "$sample" "$work/build.log" >"$work/actual.tsv"
pair "$work/expected.tsv" "$work/actual.tsv" >"$work/paired.tsv"
[ -s "$work/expected.tsv" ] || fail "no '// expect AIOxxx' markers in $sample"
if [ ! -s "$work/actual.tsv" ]; then
    tail -n 30 "$work/build.log" >&2
    fail "the build reported no diagnostic at all"
fi

echo "== dotnet format analyzers (on a copy in ${fixed#"$root"/}) --diagnostics ${fixable[*]} --severity error"
rm -rf "$fixed"
mkdir -p "$fixed"
tar -C "$sample" --exclude=./bin --exclude=./obj -cf - . | tar -C "$fixed" -xf -
# MSBuildWorkspace has no -c: an environment variable becomes the Configuration property of its design-time build.
Configuration=$configuration dotnet format analyzers "$fixed/SchemaMistakes.csproj" \
    --diagnostics "${fixable[@]}" --severity error -v normal >"$work/format.log" 2>&1
format_status=$?
grep -E 'Unable to fix|Failed to apply|warning|error' "$work/format.log" | sed 's/^/   dotnet format: /'
[ "$format_status" -eq 0 ] || echo "   dotnet format exited with $format_status"

echo "== dotnet build of the fixed copy"
build "$fixed" "$work/rebuild.log"
markers "$fixed" | awk -F '\t' -v fixable=" ${fixable[*]} " 'index(fixable, " " $3 " ") == 0' >"$work/expected-after.tsv"
diagnostics "$fixed" "$work/rebuild.log" >"$work/actual-after.tsv"
pair "$work/expected-after.tsv" "$work/actual-after.tsv" >"$work/paired-after.tsv"

# One row per marker of the sample as typed.
status=${status:-0}
printf '\n%-7s %-42s %-26s %s\n' "ID" "Where" "dotnet build" "After the code fixes"
while IFS=$'\t' read -r state file line id ordinal reported; do
    if [ "$state" = unexpected ]; then
        continue
    fi
    [ "$state" = ok ] || status=1
    if [ "$state" != ok ]; then
        after="-"
    elif is_fixable "$id"; then
        left=$(awk -F '\t' -v f="$file" -v i="$id" '$1 == f && $5 == i' "$work/actual-after.tsv" | wc -l)
        if [ "$left" -eq 0 ]; then after="fixed"; else after="NOT FIXED ($left left in the file)"; status=1; fi
    else
        after=$(awk -F '\t' -v f="$file" -v i="$id" -v o="$ordinal" '$2 == f && $4 == i && $5 == o { print $1 }' "$work/paired-after.tsv")
        case "$after" in
            ok) after="still reported" ;;
            missing) after="GONE after the fixes"; status=1 ;;
            *) after="MARKER LOST in the fixed copy"; status=1 ;;
        esac
    fi
    printf '%-7s %-42s %-26s %s\n' "$id" "$file:$line" "$reported" "$after"
done <"$work/paired.tsv"

report_unexpected() { # TSV LABEL
    local unexpected
    unexpected=$(awk -F '\t' '$1 == "unexpected" { print "  " $4 "  " $2 ":" $3 "  " $6 }' "$1")
    if [ -n "$unexpected" ]; then
        printf '\nUnexpected diagnostics %s:\n%s\n' "$2" "$unexpected"
        status=1
    fi
}
report_unexpected "$work/paired.tsv" "in the build of the sample (no marker asks for them)"
report_unexpected "$work/paired-after.tsv" "in the build of the fixed copy"

markers_count=$(wc -l <"$work/expected.tsv")
ids_count=$(cut -f3 "$work/expected.tsv" | sort -u | wc -l)
printf '\n%s markers of %s IDs; ' "$markers_count" "$ids_count"
if [ "$status" -eq 0 ]; then
    echo "every one reported on its line, nothing else; the code fixes removed ${fixable[*]} and left the rest."
else
    echo "MISMATCH (see the rows above). Logs: build, format and rebuild output follow."
    for log in build format rebuild; do
        printf '\n--- %s.log (last 40 lines)\n' "$log"
        tail -n 40 "$work/$log.log"
    done
fi

printf '\nWhat the code fixes changed (diff of the sample and the fixed copy):\n'
diff -ru --exclude=bin --exclude=obj "$sample" "$fixed" \
    | awk '/^diff / { n = split($NF, parts, "/"); print parts[n] ":"; next } /^(---|\+\+\+) / { next } /^[-+@]/ { print "  " $0 }'
exit "$status"
