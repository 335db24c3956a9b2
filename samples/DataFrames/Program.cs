// DataFrames in and out of InfluxDB: a random-walk price frame like the one in aioinflux's docs is written
// (client.write(df, measurement='prices', tag_columns=['tag'], asset_class='equities')), then read back whole, by tag
// (GROUP BY) and in chunks, and compared with what was written.
// Run it against a private, throw-away InfluxDB with:  scripts/with-influxdb.sh dotnet run --project samples/DataFrames
using System.Globalization;
using Aioinflux;
using Microsoft.Data.Analysis;

string host = Environment.GetEnvironmentVariable("INFLUXDB_HOST") ?? "localhost";
int port = int.Parse(Environment.GetEnvironmentVariable("INFLUXDB_PORT") ?? "8086", CultureInfo.InvariantCulture);
using var client = new InfluxDBClient(host: host, port: port, database: "dataframes");
await client.CreateDatabaseAsync("dataframes");

DataFrame prices = RandomWalk(rows: 1_000);
Console.WriteLine($"Writing {prices.Rows.Count} rows (the first 5):");
Print(prices, 5);

WriteResult written = await client.WriteAsync(
    prices,
    "prices",
    new DataFrameWriteOptions { TagColumns = ["tag"] },
    new WriteOptions { ExtraTags = [new("asset_class", "equities")] });
Console.WriteLine($"Wrote {written.PointsWritten} points in {written.Requests} request(s).");

// aioinflux: df = await client.query('SELECT * FROM prices') in dataframe mode.
DataFrame read = await client.QuerySingleDataFrameAsync("""SELECT "LUY", "BEM", "AJW", "tag", "asset_class" FROM prices""");
Console.WriteLine();
Console.WriteLine($"Read back {read.Rows.Count} rows (the first 5):");
Print(read, 5);
int differences = CountDifferences(prices, read);
Console.WriteLine(differences == 0 ? "Every cell read back equals the one written." : $"{differences} cell(s) differ.");

// GROUP BY gives one frame per series, each with its tags (aioinflux: a dict of frames keyed 'prices,tag=A').
Console.WriteLine();
Console.WriteLine("""SELECT MEAN("LUY"), LAST("AJW") FROM prices GROUP BY "tag":""");
DataFrameQueryResult byTag = await client.QueryDataFrameAsync("""SELECT MEAN("LUY"), LAST("AJW") FROM prices GROUP BY "tag" """);
foreach (SeriesDataFrame series in byTag)
{
    Console.WriteLine($"  {series.Key,-14} mean LUY {series.Frame.Columns["mean"][0],10:F6}   last AJW {series.Frame.Columns["last"][0],10:F6}");
}

// Chunked: frames arrive chunk by chunk; CombineAsync joins the pieces (aioinflux: pd.concat([c async for c in cursor])).
int chunks = 0;
DataFrameQueryResult combined = await DataFrameQueryResult.CombineAsync(
    Counted(client.QueryDataFrameChunkedAsync("""SELECT "LUY", "BEM", "AJW", "tag", "asset_class" FROM prices""", options: new QueryOptions { ChunkSize = 300 })));
Console.WriteLine();
Console.WriteLine($"Read in {chunks} chunks of at most 300 rows and combined: {combined.SingleFrame().Rows.Count} rows, "
    + (CountDifferences(prices, combined.SingleFrame()) == 0 ? "equal to what was written." : "NOT equal to what was written."));

return differences == 0 ? 0 : 1;

async IAsyncEnumerable<DataFrameQueryResult> Counted(IAsyncEnumerable<DataFrameQueryResult> results)
{
    await foreach (DataFrameQueryResult result in results)
    {
        chunks++;
        yield return result;
    }
}

// Prices every 90 minutes from the docs' first time: three random walks and a tag of A to E.
static DataFrame RandomWalk(int rows)
{
    var random = new Random(20170624);
    var start = new DateTime(2017, 6, 24, 8, 45, 17, DateTimeKind.Utc).AddTicks(9_290_970);
    string[] tagValues = ["A", "B", "C", "D", "E"];
    var time = new DateTime[rows];
    var luy = new double[rows];
    var bem = new double[rows];
    var ajw = new double[rows];
    var tag = new string[rows];
    double l = 0, b = 0, a = 0;
    for (int i = 0; i < rows; i++)
    {
        time[i] = start.AddMinutes(90.0 * i);
        luy[i] = l += random.NextDouble() * 2 - 1;
        bem[i] = b += random.NextDouble() * 2 - 1;
        ajw[i] = a += random.NextDouble() * 2 - 1;
        tag[i] = tagValues[random.Next(tagValues.Length)];
    }

    return new DataFrame(
        new DateTimeDataFrameColumn("time", time),
        new DoubleDataFrameColumn("LUY", luy),
        new DoubleDataFrameColumn("BEM", bem),
        new DoubleDataFrameColumn("AJW", ajw),
        new StringDataFrameColumn("tag", tag));
}

// The written frame's cells against the same columns of the read one (which has asset_class besides).
static int CountDifferences(DataFrame written, DataFrame read)
{
    int differences = written.Rows.Count == read.Rows.Count ? 0 : 1;
    foreach (DataFrameColumn column in written.Columns)
    {
        DataFrameColumn other = read.Columns[column.Name];
        for (long row = 0; row < Math.Min(column.Length, other.Length); row++)
        {
            differences += Equals(column[row], other[row]) ? 0 : 1;
        }
    }

    return differences;
}

// DataFrame.ToString() pads every cell to ten characters, which a time overflows: a table of our own.
static void Print(DataFrame frame, int rows)
{
    string[] names = [.. frame.Columns.Select(c => c.Name)];
    var cells = new List<string[]> { names };
    for (long row = 0; row < Math.Min(rows, frame.Rows.Count); row++)
    {
        cells.Add([.. frame.Columns.Select(c => c[row] switch
        {
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture),
            double value => value.ToString("F6", CultureInfo.InvariantCulture),
            null => "null",
            object value => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        })]);
    }

    int[] widths = [.. Enumerable.Range(0, names.Length).Select(c => cells.Max(line => line[c].Length))];
    foreach (string[] line in cells)
    {
        Console.WriteLine("  " + string.Join("  ", line.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
    }
}
