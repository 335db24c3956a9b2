// The quick start: write typed points, a dictionary point and raw line protocol with InfluxDBClient, read them back, print them.
// Run it against a private, throw-away InfluxDB with:  scripts/with-influxdb.sh dotnet run --project samples/QuickStart
using Aioinflux;

string host = Environment.GetEnvironmentVariable("INFLUXDB_HOST") ?? "localhost";
int port = int.Parse(Environment.GetEnvironmentVariable("INFLUXDB_PORT") ?? "8086", System.Globalization.CultureInfo.InvariantCulture);

await using var client = new InfluxDBClient(host: host, port: port, database: "quickstart");
PingResult ping = await client.PingAsync();
Console.WriteLine($"InfluxDB {ping.Version} at {client.Address} answered in {ping.RoundTripTime.TotalMilliseconds:0.0} ms");
await client.CreateDatabaseAsync("quickstart");

Trade[] trades =
[
    new(1540184368785116000, "AAPL", Side.Buy, 219.23, 100, "34a1e085-3122-429c-9662-7ce82039d287"),
    new(1540184368785117000, "MSFT", Side.Sell, 108.10, 250, "f3c1d2a0-1b7e-4d7a-9d55-0c8e1b2f6a11"),
    new(1540184368785118000, "BRK B", Side.Buy, 215.50, 10, "quote \" and backslash \\"),
];

Console.WriteLine("Writing typed points (generated code, no reflection):");
foreach (Trade trade in trades)
{
    Console.WriteLine("  " + trade.ToLineProtocol());
}

WriteResult written = await client.WriteAsync(trades);

// aioinflux's mapping form, for points whose shape is only known at run time.
written += await client.WriteAsync(new Dictionary<string, object?>
{
    ["measurement"] = "trades",
    ["time"] = "2018-10-22T04:59:28.785119Z",
    ["tags"] = new Dictionary<string, object?> { ["Instrument"] = "GOOG", ["Side"] = "Sell", ["exchange"] = "NASDAQ" },
    ["fields"] = new Dictionary<string, object?> { ["Price"] = 1100.5, ["Size"] = 5, ["trade_id"] = "from a dictionary" },
});

// Raw line protocol is sent as it is.
written += await client.WriteAsync("trades,Instrument=AMZN,Side=Buy,exchange=NASDAQ Price=1780.75,Size=3i,trade_id=\"raw\" 1540184368785120000");
Console.WriteLine($"Wrote {written.PointsWritten} points in {written.Requests} requests.");

Console.WriteLine("Reading back, one row per point:");
var query = "SELECT * FROM trades WHERE Price > $min GROUP BY Instrument";
var options = new QueryOptions { Parameters = new QueryParameters { ["min"] = 100.0 } };
await foreach (string row in client.IterPointsAsync(query, (row, meta) => $"  {meta.Tags["Instrument"],-6} {meta.GetDateTime(row):O} {row}", options))
{
    Console.WriteLine(row);
}

Console.WriteLine("Reading back into the generated type (no reflection, no dictionary per row):");
foreach (Trade trade in await client.QueryAsync<Trade>("SELECT * FROM trades WHERE exchange = 'NASDAQ'"))
{
    Console.WriteLine($"  {trade}");
}

public enum Side
{
    Buy,
    Sell,
}

[LineProtocol(Measurement = "trades")]
[ExtraTag("exchange", "NASDAQ")]
public partial record Trade(
    [property: TimeInt] long Timestamp,
    [property: Tag] string Instrument,
    [property: Tag] Side Side,
    [property: Field] double Price,
    [property: Field] long Size,
    [property: Field("trade_id")] string TradeId);
