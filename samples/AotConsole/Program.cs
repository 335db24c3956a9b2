// Aioinflux under Native AOT: a typed write, a typed query and iterpoints, against the server named by INFLUXDB_HOST and
// INFLUXDB_PORT (scripts/with-influxdb.sh sets both). Prints how long after Main started the first ping and the first
// write completed (.ci/run times the whole process), and exits non-zero if what it reads back is not what it wrote.
using System.Diagnostics;
using System.Globalization;
using Aioinflux;
using Aioinflux.Query;

string host = Environment.GetEnvironmentVariable("INFLUXDB_HOST") ?? "localhost";
int port = int.Parse(Environment.GetEnvironmentVariable("INFLUXDB_PORT") ?? "8086", CultureInfo.InvariantCulture);
var sinceMain = Stopwatch.StartNew();

await using var client = new InfluxDBClient(host: host, port: port, database: "aot");
PingResult ping = await client.PingAsync();
TimeSpan firstPing = sinceMain.Elapsed;
await client.CreateDatabaseAsync("aot");

Reading[] readings =
[
    new(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), "boiler", Unit.Celsius, 71.5, 3, true),
    new(new DateTime(2024, 1, 1, 0, 0, 1, DateTimeKind.Utc), "boiler", Unit.Celsius, 72.25, 4, true),
    new(new DateTime(2024, 1, 1, 0, 0, 2, DateTimeKind.Utc), "garden", Unit.Fahrenheit, 41.0, 1, false),
];
WriteResult written = await client.WriteAsync(readings);
TimeSpan firstWrite = sinceMain.Elapsed;
Console.WriteLine($"InfluxDB {ping.Version}: wrote {written.PointsWritten} points in {written.Requests} request(s)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"startup: first ping {firstPing.TotalMilliseconds:F1} ms, first write {firstWrite.TotalMilliseconds:F1} ms after Main started"));

// Typed query.
// TODO(lead): once the generator implements IQueryReadable<T> for [LineProtocol] types, read with
// client.QueryAsync<Reading>(query) here; until then the typed rows come from a parser, which is just as AOT-safe.
var typed = new List<Reading>();
await foreach (Reading reading in client.IterPointsAsync("SELECT * FROM readings GROUP BY sensor, unit", ParseReading))
{
    typed.Add(reading);
}

foreach (Reading reading in typed)
{
    Console.WriteLine("read: " + reading.ToLineProtocol());
}

// iterpoints: raw rows with their series' columns and tags, as aioinflux's iterpoints yields them.
int rows = 0;
QueryResult result = await client.QueryAsync("SELECT count(celsius) FROM readings GROUP BY sensor");
foreach (string line in result.IterPoints((row, series) => $"{series.Name} {series.Tags["sensor"]}: {row[series.IndexOf("count")].AsLong()}"))
{
    Console.WriteLine("iterpoints: " + line);
    rows++;
}

bool same = typed.SequenceEqual(readings);
Console.WriteLine(same && rows == 2 ? "AOT sample: OK" : "AOT sample: what was read back differs from what was written");
return same && rows == 2 ? 0 : 1;

static Reading ParseReading(InfluxRow row, PointMetadata series) => new(
    series.GetDateTime(row),
    series.Tags["sensor"],
    Enum.Parse<Unit>(series.Tags["unit"]),
    row[series.IndexOf("celsius")].AsDouble(),
    row[series.IndexOf("samples")].AsLong(),
    row[series.IndexOf("ok")].AsBool());

public enum Unit
{
    Celsius,
    Fahrenheit,
}

[LineProtocol(Measurement = "readings")]
public partial record Reading(
    [property: TimeDateTime] DateTime Time,
    [property: Tag("sensor")] string Sensor,
    [property: Tag("unit")] Unit Unit,
    [property: Field("celsius")] double Celsius,
    [property: Field("samples")] long Samples,
    [property: Field("ok")] bool Ok);
