// Aioinflux under Native AOT: a typed write, a typed query and iterpoints, against the server named by INFLUXDB_HOST and
// INFLUXDB_PORT (scripts/with-influxdb.sh sets both). Prints how long after Main started the first ping and the first
// write completed (.ci/run times the whole process), and exits non-zero if what it reads back is not what it wrote.
using System.Diagnostics;
using System.Globalization;
using Aioinflux;

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

// Typed query: the generated reader fills Reading from the columns (and GROUP BY tags), no reflection involved.
List<Reading> typed = await client.QueryAsync<Reading>("SELECT * FROM readings");
foreach (Reading reading in typed)
{
    Console.WriteLine("read: " + reading.ToLineProtocol());
}

// iterpoints: each row with its series' columns and tags, through a parser, as aioinflux's iterpoints yields them.
int rows = 0;
await foreach (string line in client.IterPointsAsync(
    "SELECT count(celsius) FROM readings GROUP BY sensor",
    (row, series) => $"{series.Name} {series.Tags["sensor"]}: {row[series.IndexOf("count")].AsLong()}"))
{
    Console.WriteLine("iterpoints: " + line);
    rows++;
}

bool same = typed.SequenceEqual(readings);
Console.WriteLine(same && rows == 2 ? "AOT sample: OK" : "AOT sample: what was read back differs from what was written");
return same && rows == 2 ? 0 : 1;

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
