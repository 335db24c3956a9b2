#!/usr/bin/env bash
# Regenerates the canned /query responses in this folder from a throw-away influxd (scripts/influxd.sh):
# writes corpus.lp, then POSTs each query as form data and saves the body exactly as the server sent it.
# Usage: Aioinflux.Tests/TestData/query/capture.sh   (needs influxd and curl; run from anywhere)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
dir=$(mktemp -d /tmp/aioinflux-capture-XXXXXX)
read -r port pid _ < <("$root/scripts/influxd.sh" start "$dir" | sed 's/port=\([0-9]*\) pid=\([0-9]*\) .*/\1 \2 x/')
trap '"$root/scripts/influxd.sh" stop "$pid" >/dev/null; rm -rf "$dir"' EXIT
url="http://127.0.0.1:$port"

query() { # query FILE STATUS [curl --data-urlencode arguments...]
    local file=$1 expected=$2; shift 2
    local status
    status=$(curl -s -o "$here/$file" -w '%{http_code}' -XPOST "$url/query" "$@")
    [ "$status" = "$expected" ] || { echo "$file: HTTP $status, expected $expected" >&2; exit 1; }
}

query create_database.json 200 --data-urlencode "q=CREATE DATABASE corpus"
curl -sf -XPOST "$url/write?db=corpus" --data-binary "@$here/corpus.lp"

db=(--data-urlencode db=corpus)
query select_epoch_ns.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM cpu" --data-urlencode epoch=ns
query select_epoch_ms.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM cpu" --data-urlencode epoch=ms
query select_rfc3339.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM cpu"
query group_by_host.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM cpu GROUP BY host" --data-urlencode epoch=ns
query multi_statement.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM cpu; SELECT * FROM mem GROUP BY *; SELECT * FROM nothing" --data-urlencode epoch=s
query show_statements.json 200 "${db[@]}" --data-urlencode "q=SHOW MEASUREMENTS; SHOW TAG KEYS; SHOW FIELD KEYS; SHOW USERS; SHOW RETENTION POLICIES; SHOW SERIES; SHOW TAG VALUES WITH KEY = host"
query empty_result.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM nothing" --data-urlencode epoch=ns
query text.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM text" --data-urlencode epoch=ns
query h2o_quality.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM h2o_quality LIMIT 5" --data-urlencode epoch=ns
query bound_parameters.json 200 "${db[@]}" --data-urlencode 'q=SELECT * FROM cpu WHERE "count" = $count AND host = $host' \
    --data-urlencode 'params={"count":9007199254740993,"host":"server02"}' --data-urlencode epoch=ns
query statement_error.json 200 "${db[@]}" --data-urlencode "q=SELECT mean(label) FROM cpu"
query statement_error_second.json 200 "${db[@]}" --data-urlencode "q=SELECT * FROM mem; SELECT mean(label) FROM cpu"
query database_not_found.json 200 --data-urlencode db=nonexistent --data-urlencode "q=SELECT * FROM cpu"
query parse_error.json 400 "${db[@]}" --data-urlencode "q=SELEKT * FROM cpu"
query missing_query.json 400 "${db[@]}" --data-urlencode "q="

chunked=("${db[@]}" --data-urlencode chunked=true --data-urlencode epoch=ns)
all="SELECT * FROM cpu GROUP BY host; SELECT * FROM mem; SELECT * FROM nothing; SELECT * FROM h2o_quality"
query chunked_unchunked_reference.json 200 "${db[@]}" --data-urlencode "q=$all" --data-urlencode epoch=ns
query chunked_size_1.ndjson 200 "${chunked[@]}" --data-urlencode chunk_size=1 --data-urlencode "q=$all"
query chunked_size_2.ndjson 200 "${chunked[@]}" --data-urlencode chunk_size=2 --data-urlencode "q=$all"
query chunked_default.ndjson 200 "${chunked[@]}" --data-urlencode "q=$all"
query chunked_error.ndjson 200 "${chunked[@]}" --data-urlencode chunk_size=2 --data-urlencode "q=SELECT * FROM cpu; SELECT mean(label) FROM cpu"
query chunked_database_not_found.ndjson 200 --data-urlencode db=nonexistent --data-urlencode chunked=true --data-urlencode "q=SELECT * FROM cpu"
echo "captured into $here"
