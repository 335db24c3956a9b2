// The quick start: typed points written with generated code, read back, printed.
// Run it against a private, throw-away InfluxDB with:  scripts/with-influxdb.sh dotnet run --project samples/QuickStart
// Until InfluxDBClient lands, the HTTP calls are made with a plain HttpClient.
using System.Buffers;
using System.Text.Json;
using Aioinflux;

string host = Environment.GetEnvironmentVariable("INFLUXDB_HOST") ?? "localhost";
string port = Environment.GetEnvironmentVariable("INFLUXDB_PORT") ?? "8086";
using var http = new HttpClient { BaseAddress = new Uri($"http://{host}:{port}/") };

await Query("CREATE DATABASE quickstart");

Trade[] trades =
[
    new(1540184368785116000, "AAPL", Side.Buy, 219.23, 100, "34a1e085-3122-429c-9662-7ce82039d287"),
    new(1540184368785117000, "MSFT", Side.Sell, 108.10, 250, "f3c1d2a0-1b7e-4d7a-9d55-0c8e1b2f6a11"),
    new(1540184368785118000, "BRK B", Side.Buy, 215.50, 10, "quote \" and backslash \\"),
];

Console.WriteLine("Writing:");
var body = new ArrayBufferWriter<byte>();
foreach (Trade trade in trades)
{
    Console.WriteLine("  " + trade.ToLineProtocol());
    trade.WriteLineProtocol(body); // generated at compile time, allocation-free
}

using (var content = new ReadOnlyMemoryContent(body.WrittenMemory))
using (HttpResponseMessage written = await http.PostAsync("write?db=quickstart&precision=ns", content))
{
    written.EnsureSuccessStatusCode();
}

Console.WriteLine("Reading back:");
using JsonDocument result = await Query("SELECT * FROM trades GROUP BY Instrument", database: "quickstart");
foreach (JsonElement series in result.RootElement.GetProperty("results")[0].GetProperty("series").EnumerateArray())
{
    string instrument = series.GetProperty("tags").GetProperty("Instrument").GetString()!;
    string[] columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
    foreach (JsonElement row in series.GetProperty("values").EnumerateArray())
    {
        var cells = row.EnumerateArray().Select((value, i) => $"{columns[i]}={value}");
        Console.WriteLine($"  {instrument}: {string.Join(", ", cells)}");
    }
}

async Task<JsonDocument> Query(string query, string? database = null)
{
    var form = new Dictionary<string, string> { ["q"] = query, ["epoch"] = "ns" };
    if (database is not null)
    {
        form["db"] = database;
    }

    using HttpResponseMessage response = await http.PostAsync("query", new FormUrlEncodedContent(form));
    response.EnsureSuccessStatusCode();
    return JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
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
