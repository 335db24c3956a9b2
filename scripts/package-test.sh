#!/usr/bin/env bash
# Tries the packages as a new user would:
#   scripts/package-test.sh
# Packs Aioinflux and Aioinflux.DataFrame into a local folder feed, creates a fresh console project in a temp dir
# (`dotnet new console`), adds both packages from that feed (their dependencies come from nuget.org), pastes in a
# quick start (a [LineProtocol] type, a typed write, a DataFrame write, queries read back as rows and as the type),
# builds it and runs it against a private influxd (scripts/with-influxdb.sh). Checks that the generator in the package
# ran (the writer's and reader's .g.cs under obj/), that the analyzer in the package reports a schema mistake
# (AIO001), and that the program printed what it wrote and read. Prints the packages' contents. Exits non-zero on any
# failure; the temp dir is always removed (KEEP_PACKAGE_TEST=1 keeps it, for a look).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)
[ -n "$version" ] || { echo "package-test.sh: no <Version> in Directory.Build.props" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/aioinflux-package-test.XXXXXX")
if [ "${KEEP_PACKAGE_TEST:-}" = 1 ]; then
    trap 'echo "package-test.sh: kept $work" >&2' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi
feed=$work/feed
app=$work/app

# No build servers: nothing may outlive this script (a test waits for its output to close), and the machine is shared.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { echo "== package test: $*"; }
fail() { echo "package-test.sh: $*" >&2; exit 1; }

step "pack $version into $feed"
dotnet pack "$root/Aioinflux.Core" -c Release -o "$feed" -nodeReuse:false -v:quiet -nologo
dotnet pack "$root/Aioinflux.DataFrame" -c Release -o "$feed" -nodeReuse:false -v:quiet -nologo
for package in Aioinflux Aioinflux.DataFrame; do
    nupkg=$feed/$package.$version.nupkg
    [ -f "$nupkg" ] || fail "dotnet pack made no $nupkg"
    [ -f "$feed/$package.$version.snupkg" ] || fail "dotnet pack made no symbols package for $package"
    echo "-- $package.$version.nupkg"
    unzip -l "$nupkg"
done
listing=$(unzip -Z1 "$feed/Aioinflux.$version.nupkg")
for entry in analyzers/dotnet/cs/Aioinflux.Generators.dll analyzers/dotnet/cs/Aioinflux.Generators.CodeFixes.dll \
             lib/net10.0/Aioinflux.dll lib/net10.0/Aioinflux.xml README.md; do
    grep -qx "$entry" <<<"$listing" || fail "Aioinflux.$version.nupkg lacks $entry"
done

step "a fresh console project in $app"
mkdir -p "$app"
# The temp dir must not pick up a Directory.Build.props or Directory.Packages.props from a folder above it.
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$work/$f"; done
# A packages folder of its own, so the packages just made are restored from the feed and never from an older copy of
# the same version in the machine's cache; that cache serves the dependencies as a fallback folder, so nothing is
# downloaded that the repository's own restore already fetched.
user_packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
fallback=
[ -d "$user_packages" ] && fallback="<add key=\"machine\" value=\"$user_packages\" />"
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <fallbackPackageFolders>
    <clear />
    $fallback
  </fallbackPackageFolders>
</configuration>
EOF
quietly() { # runs "$@" in the app's folder, showing its output only when it fails
    local log
    log=$(cd "$app" && "$@" 2>&1) || { echo "$log" >&2; fail "failed: $*"; }
}
quietly dotnet new console --name PackageConsumer --output . --framework net10.0 --no-restore
quietly dotnet add package Aioinflux --version "$version"
quietly dotnet add package Aioinflux.DataFrame --version "$version"
[ -d "$work/packages/aioinflux/$version" ] \
    || fail "Aioinflux $version was not restored from the local feed (is it in $user_packages? delete it there)"

cat >"$app/Program.cs" <<'EOF'
// The README's quick start, pasted into a new project that has only the two packages.
using System.Globalization;
using Aioinflux;
using Microsoft.Data.Analysis;

string host = Environment.GetEnvironmentVariable("INFLUXDB_HOST") ?? "localhost";
int port = int.Parse(Environment.GetEnvironmentVariable("INFLUXDB_PORT") ?? "8086", CultureInfo.InvariantCulture);

await using var client = new InfluxDBClient(host: host, port: port, database: "package_test");
await client.CreateDatabaseAsync("package_test");

Trade[] trades =
[
    new(1540184368785116000, "AAPL", Side.Buy, 219.23, 100, "34a1e085-3122-429c-9662-7ce82039d287"),
    new(1540184368785117000, "MSFT", Side.Sell, 108.10, 250, "f3c1d2a0-1b7e-4d7a-9d55-0c8e1b2f6a11"),
];
foreach (Trade trade in trades)
{
    Console.WriteLine("wrote: " + trade.ToLineProtocol());
}

WriteResult written = await client.WriteAsync(trades);
Console.WriteLine($"points written: {written.PointsWritten}");

var quotes = new DataFrame(
    new DateTimeDataFrameColumn("time", [new DateTime(2018, 10, 22, 5, 0, 0, DateTimeKind.Utc)]),
    new DoubleDataFrameColumn("bid", [219.20]),
    new StringDataFrameColumn("Instrument", ["AAPL"]));
WriteResult frame = await client.WriteAsync(quotes, "quotes", new DataFrameWriteOptions { TagColumns = ["Instrument"] });
Console.WriteLine($"frame rows written: {frame.PointsWritten}");

int read = 0;
await foreach (string row in client.IterPointsAsync(
    "SELECT Price, Size, trade_id FROM trades GROUP BY Instrument",
    (row, series) => $"{series.Tags["Instrument"]} {row[series.IndexOf("Price")].AsDouble().ToString(CultureInfo.InvariantCulture)} {row[series.IndexOf("Size")].AsLong()}"))
{
    Console.WriteLine("read: " + row);
    read++;
}

// Back into the generated type, by the reader the package's generator wrote.
List<Trade> typed = await client.QueryAsync<Trade>("SELECT * FROM trades");
foreach (Trade trade in typed)
{
    Console.WriteLine("typed: " + trade.ToLineProtocol());
}

double bid = (await client.QueryAsync("SELECT bid FROM quotes")).IterPoints().Single()[1].AsDouble();
Console.WriteLine($"read bid: {bid.ToString(CultureInfo.InvariantCulture)}");
return read == trades.Length && typed.SequenceEqual(trades) && bid == 219.20 ? 0 : 1;

public enum Side { Buy, Sell }

[LineProtocol(Measurement = "trades")]
[ExtraTag("exchange", "NASDAQ")]
public partial record Trade(
    [property: TimeInt] long Timestamp,
    [property: Tag] string Instrument,
    [property: Tag] Side Side,
    [property: Field] double Price,
    [property: Field] long Size,
    [property: Field("trade_id")] string TradeId);
EOF

step "build (the package's generator writes Trade's writer)"
(cd "$app" && dotnet build -c Release -nodeReuse:false -v:quiet -nologo -p:EmitCompilerGeneratedFiles=true) \
    || fail "the fresh project does not build against the packages"
generated=$(find "$app/obj" -path '*generated*' -name 'Trade.*.g.cs' | sort)
[ -n "$generated" ] || fail "no generated .g.cs for Trade under $app/obj: the generator in the package did not run"
echo "generated:"
sed "s|^$app/|  |" <<<"$generated"
# shellcheck disable=SC2086 # one path per line, none with spaces
grep -q 'WriteLineProtocol' $generated || fail "the generated code has no WriteLineProtocol"
# shellcheck disable=SC2086
grep -q 'QueryRowReader' $generated || fail "the generated code has no query reader"

step "run against a private influxd"
output=$("$root/scripts/with-influxdb.sh" dotnet run --project "$app" -c Release --no-build) \
    || { echo "$output"; fail "the fresh project failed against influxd"; }
echo "$output"
expected=(
    'wrote: trades,Instrument=AAPL,Side=Buy,exchange=NASDAQ Price=219.23,Size=100i,trade_id="34a1e085-3122-429c-9662-7ce82039d287" 1540184368785116000'
    'points written: 2'
    'frame rows written: 1'
    'read: AAPL 219.23 100'
    'read: MSFT 108.1 250'
    'typed: trades,Instrument=AAPL,Side=Buy,exchange=NASDAQ Price=219.23,Size=100i,trade_id="34a1e085-3122-429c-9662-7ce82039d287" 1540184368785116000'
    'read bid: 219.2'
)
for line in "${expected[@]}"; do
    grep -qxF "$line" <<<"$output" || fail "the program did not print: $line"
done

step "the package's analyzer reports a schema mistake"
cat >"$app/Mistake.cs" <<'EOF'
[Aioinflux.LineProtocol]
public record NotPartial([property: Aioinflux.Field] double Value);
EOF
if mistake=$(cd "$app" && dotnet build -c Release -nodeReuse:false -v:quiet -nologo 2>&1); then
    fail "a [LineProtocol] type that is not partial built without an error"
fi
grep -q 'AIO001' <<<"$mistake" || { echo "$mistake"; fail "the build failed, but not with AIO001"; }
echo "AIO001 reported, as expected"
rm "$app/Mistake.cs"

echo "package test: passed"
