using System.Globalization;
using System.Text;
using Aioinflux.Query;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Analysis;

namespace Aioinflux.Benchmarks;

/// <summary>
/// Reading a canned 100,000-row /query response into a <see cref="DataFrame"/>: the docs' price table (a time, three
/// random-walk floats, a tag-like string), as <c>SELECT * FROM prices</c> answers it. Each operation is one row
/// (<c>OperationsPerInvoke</c>), so Mean is ns per row and Allocated is bytes per row.
/// </summary>
/// <remarks>
/// <para>(a) is the result model alone (<see cref="QueryResponseParser"/> into <see cref="QueryResult"/>): the least a
/// frame built from the model would cost. (b) is what <c>QueryDataFrameAsync</c> does: the parser's sink writes each
/// value into its column's buffer, typed by value. (c) builds the same frame from the result model with code that
/// already knows the column types, the best case of the model route. (d) is (b) with RFC 3339 times (no <c>epoch</c>),
/// which is why the DataFrame methods ask for nanoseconds. (e) is (b) on QueryParsingBenchmarks' mixed answer: integers,
/// booleans, strings, nulls, and a column widened from Int64 to Double at its fifth row.</para>
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
[MinColumn]
[MedianColumn]
public class DataFrameQueryBenchmarks
{
    /// <summary>The rows in each response.</summary>
    public const int Rows = 100_000;

    private static readonly QueryReadOptions NanosecondEpoch = new() { Epoch = WritePrecision.Nanoseconds };
    private static readonly QueryReadOptions Rfc3339 = new();

    private byte[] _prices = null!;
    private byte[] _pricesRfc3339 = null!;
    private byte[] _mixed = null!;

    /// <summary>Builds the responses and checks that every route reads the same frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _prices = BuildPriceResponse(Rows, rfc3339: false);
        _pricesRfc3339 = BuildPriceResponse(Rows, rfc3339: true);
        _mixed = QueryParsingBenchmarks.BuildResponse(Rows, chunkSize: 0);
        Console.WriteLine($"// prices response: {_prices.Length:N0} bytes ({_prices.Length / (double)Rows:F1} per row); RFC 3339: {_pricesRfc3339.Length:N0}; mixed: {_mixed.Length:N0}");

        DataFrame sink = DataFrameFromSink();
        DataFrame model = ResultModelThenColumns();
        DataFrame text = DataFrameRfc3339Times();
        foreach (string column in new[] { "time", "AJW", "BEM", "LUY", "tag" })
        {
            for (long row = 0; row < Rows; row += 997)
            {
                if (!Equals(sink.Columns[column][row], model.Columns[column][row]) || !Equals(sink.Columns[column][row], text.Columns[column][row]))
                {
                    throw new InvalidOperationException($"The routes read different values of {column}[{row}].");
                }
            }
        }

        DataFrame mixed = MixedDataFrameFromSink();
        Console.WriteLine($"// mixed frame: {string.Join(", ", mixed.Columns.Select(c => $"{c.Name}: {c.DataType.Name}"))}");
        ReportLiveMemory();
    }

    /// <summary>(a) The result model alone: the floor of any frame built from it.</summary>
    /// <returns>The result.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "(a) result model only")]
    public QueryResult ResultModel() => QueryResponseParser.Parse(new MemoryStream(_prices, writable: false), NanosecondEpoch);

    /// <summary>(b) The frame straight from the parser's sink, as <c>QueryDataFrameAsync</c> reads it.</summary>
    /// <returns>The frame.</returns>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(b) DataFrame from the sink")]
    public DataFrame DataFrameFromSink() => DataFrameQueryResult.Parse(new MemoryStream(_prices, writable: false), readOptions: NanosecondEpoch).SingleFrame();

    /// <summary>(c) The result model, then typed arrays and columns by code that knows the types.</summary>
    /// <returns>The frame.</returns>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(c) result model, then columns")]
    public DataFrame ResultModelThenColumns()
    {
        QueryResult result = QueryResponseParser.Parse(new MemoryStream(_prices, writable: false), NanosecondEpoch);
        Series series = result.Statements[0].Series[0];
        int rows = series.Values.Count;
        var time = new DateTime[rows];
        var ajw = new double[rows];
        var bem = new double[rows];
        var luy = new double[rows];
        var tag = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            InfluxRow row = series.Values[i];
            time[i] = row[0].ToDateTime(WritePrecision.Nanoseconds);
            ajw[i] = row[1].AsDouble();
            bem[i] = row[2].AsDouble();
            luy[i] = row[3].AsDouble();
            tag[i] = row[4].AsString();
        }

        return new DataFrame(
            new DateTimeDataFrameColumn("time", time),
            new DoubleDataFrameColumn("AJW", ajw),
            new DoubleDataFrameColumn("BEM", bem),
            new DoubleDataFrameColumn("LUY", luy),
            new StringDataFrameColumn("tag", tag));
    }

    /// <summary>(d) As (b), with times as RFC 3339 text.</summary>
    /// <returns>The frame.</returns>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(d) DataFrame, RFC 3339 times")]
    public DataFrame DataFrameRfc3339Times() => DataFrameQueryResult.Parse(new MemoryStream(_pricesRfc3339, writable: false), readOptions: Rfc3339).SingleFrame();

    /// <summary>(e) As (b), on the mixed answer of QueryParsingBenchmarks.</summary>
    /// <returns>The frame.</returns>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(e) DataFrame, mixed types")]
    public DataFrame MixedDataFrameFromSink() => DataFrameQueryResult.Parse(new MemoryStream(_mixed, writable: false), readOptions: NanosecondEpoch).SingleFrame();

    /// <summary>A <c>SELECT * FROM prices</c> answer as influxd writes it: columns in its order, floats in shortest form.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="rfc3339">Times as RFC 3339 text (no <c>epoch</c>) rather than integer nanoseconds.</param>
    /// <returns>The UTF-8 body.</returns>
    public static byte[] BuildPriceResponse(int rows, bool rfc3339)
    {
        var random = new Random(20170624);
        var start = new DateTime(2017, 6, 24, 8, 45, 17, DateTimeKind.Utc).AddTicks(9_290_970);
        string[] tags = ["A", "B", "C", "D", "E"];
        double luy = 0, bem = 0, ajw = 0;
        var json = new StringBuilder(rows * 90);
        json.Append("""{"results":[{"statement_id":0,"series":[{"name":"prices","columns":["time","AJW","BEM","LUY","tag"],"values":[""");
        for (int i = 0; i < rows; i++)
        {
            luy += random.NextDouble() - 0.5;
            bem += random.NextDouble() - 0.5;
            ajw += random.NextDouble() - 0.5;
            DateTime time = start.AddMinutes(90.0 * i);
            json.Append(i == 0 ? "[" : ",[");
            if (rfc3339)
            {
                json.Append('"').Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)).Append('"');
            }
            else
            {
                json.Append((time - DateTime.UnixEpoch).Ticks * 100);
            }

            json.Append(',').Append(ajw.ToString("R", CultureInfo.InvariantCulture))
                .Append(',').Append(bem.ToString("R", CultureInfo.InvariantCulture))
                .Append(',').Append(luy.ToString("R", CultureInfo.InvariantCulture))
                .Append(",\"").Append(tags[random.Next(tags.Length)]).Append("\"]");
        }

        json.Append("]}]}]}\n");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    // Not timed: what stays live once the answer is read, per row, as a frame and as the result model.
    private void ReportLiveMemory()
    {
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        DataFrame frame = DataFrameFromSink();
        long frameBytes = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        GC.KeepAlive(frame);
        baseline = GC.GetTotalMemory(forceFullCollection: true);
        QueryResult model = ResultModel();
        long modelBytes = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        GC.KeepAlive(model);
        Console.WriteLine($"// live after reading {Rows:N0} rows: DataFrame {frameBytes / (double)Rows:F1} bytes/row, result model {modelBytes / (double)Rows:F1} bytes/row");
    }
}
