using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Aioinflux.Query;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Aioinflux.Benchmarks;

/// <summary>
/// Reading a 100,000-row /query response shaped like influxd 1.6.7's (<c>SELECT * FROM cpu</c>, epoch=ns: an integer
/// time, two integers, three strings one of them often null, a boolean and a float) into: System.Text.Json's DOM
/// (<see cref="JsonDocument"/>, the reference), Aioinflux's result model (from memory, a stream and a pipe), streamed
/// iterpoints with a parser, and typed records through a hand-written <see cref="IQueryRowReader{T}"/> (what the
/// generator will emit). The extra columns give rows per second and bytes allocated per row.
/// </summary>
/// <remarks>
/// InfluxDB.Client (the v2 client) has no InfluxDB 1.x JSON reader to compare with: it reads Flux's annotated CSV.
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(RowColumnsConfig))]
public class QueryParsingBenchmarks
{
    /// <summary>The number of rows in the response: the 1,000,000 of issue 6.</summary>
    public const int Rows = 1_000_000;

    private static readonly QueryReadOptions NanosecondEpoch = new() { Epoch = WritePrecision.Nanoseconds };

    private byte[] _response = null!;
    private readonly BenchCpuReader _reader = new();
    private double _checksum;

    /// <summary>Builds the response and checks that every reader sees the same rows.</summary>
    [GlobalSetup]
    /// <returns>A task.</returns>
    public async Task Setup()
    {
        _response = BuildResponse(Rows, chunkSize: 0);
        Console.WriteLine($"// response: {_response.Length:N0} bytes, {_response.Length / (double)Rows:F1} bytes/row");
        Check("(a) JsonDocument", JsonDocumentDom());
        Check("(b) result model, memory", ResultModelFromMemory());
        Check("(c) result model, stream", ResultModelFromStream());
        Check("(d) result model, pipe", await ResultModelFromPipe());
        Check("(e) iterpoints", IterPointsStreamed());
        Check("(f) typed records", TypedRecords());
        ReportLiveMemory();
        Console.WriteLine($"// iterpoints checksum {_checksum:R}");
    }

    /// <summary>(a) System.Text.Json's DOM of the whole response, every value visited: the reference.</summary>
    /// <returns>The number of rows.</returns>
    [Benchmark(Baseline = true, Description = "(a) STJ JsonDocument")]
    public int JsonDocumentDom()
    {
        using JsonDocument document = JsonDocument.Parse(_response);
        int rows = 0;
        foreach (JsonElement statement in document.RootElement.GetProperty("results").EnumerateArray())
        {
            foreach (JsonElement series in statement.GetProperty("series").EnumerateArray())
            {
                foreach (JsonElement row in series.GetProperty("values").EnumerateArray())
                {
                    foreach (JsonElement value in row.EnumerateArray())
                    {
                        _ = value.ValueKind;
                    }

                    rows++;
                }
            }
        }

        return rows;
    }

    /// <summary>(b) The result model from a body in memory.</summary>
    /// <returns>The number of rows.</returns>
    [Benchmark(Description = "(b) result model, memory")]
    public int ResultModelFromMemory() => CountRows(QueryResponseParser.Parse(_response.AsMemory(), NanosecondEpoch));

    /// <summary>(c) The result model read from a stream through the blocking path (16 KiB buffer).</summary>
    /// <returns>The number of rows.</returns>
    [Benchmark(Description = "(c) result model, Stream")]
    public int ResultModelFromStream() => CountRows(QueryResponseParser.Parse(new MemoryStream(_response, writable: false), NanosecondEpoch));

    /// <summary>(d) The result model read from a <see cref="PipeReader"/> over a stream (16 KiB segments).</summary>
    /// <returns>The number of rows.</returns>
    [Benchmark(Description = "(d) result model, PipeReader")]
    public async ValueTask<int> ResultModelFromPipe()
    {
        PipeReader reader = PipeReader.Create(new MemoryStream(_response, writable: false), new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        QueryResult result = await QueryResponseParser.ParseAsync(reader, NanosecondEpoch).ConfigureAwait(false);
        await reader.CompleteAsync().ConfigureAwait(false);
        return CountRows(result);
    }

    /// <summary>(e) Streamed iterpoints with a parser that reads two values of each row.</summary>
    /// <returns>The number of rows.</returns>
    [Benchmark(Description = "(e) iterpoints, streamed")]
    public int IterPointsStreamed()
    {
        int rows = 0;
        double sum = 0;
        foreach (double value in QueryResponseParser.IterPoints(new MemoryStream(_response, writable: false), static (row, meta) => row[6].AsDouble() + row[1].AsLong(), NanosecondEpoch))
        {
            sum += value;
            rows++;
        }

        _checksum = sum;
        return rows;
    }

    /// <summary>(f) Typed records through the hand-written row reader: only the records and their strings are allocated.</summary>
    /// <returns>The number of rows.</returns>
    [Benchmark(Description = "(f) typed records, streamed")]
    public int TypedRecords()
    {
        int rows = 0;
        foreach (BenchCpu _ in QueryResponseParser.ReadRows(new MemoryStream(_response, writable: false), _reader, NanosecondEpoch))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>A response as influxd writes it; with <paramref name="chunkSize"/> &gt; 0, one JSON document per chunk.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="chunkSize">Rows per chunk, or 0 for an unchunked response.</param>
    /// <returns>The UTF-8 body.</returns>
    public static byte[] BuildResponse(int rows, int chunkSize)
    {
        const string Header = """{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","count","host","label","ok","region","value"],"values":[""";
        var json = new StringBuilder(rows * 80);
        int perDocument = chunkSize > 0 ? chunkSize : rows;
        for (int start = 0; start < rows; start += perDocument)
        {
            int end = Math.Min(rows, start + perDocument);
            json.Append(Header);
            for (int i = start; i < end; i++)
            {
                json.Append(i == start ? "[" : ",[")
                    .Append(1_600_000_000_000_000_000L + (i * 1_000_000_007L)).Append(',')
                    .Append(i * 37L).Append(",\"server").Append(i % 10).Append("\",")
                    .Append(i % 4 == 0 ? "\"label " + i.ToString(CultureInfo.InvariantCulture) + "\"" : "null").Append(',')
                    .Append(i % 2 == 0 ? "true" : "false").Append(",\"us-west-").Append(i % 3).Append("\",")
                    .Append(i % 5 == 0 ? (i / 5).ToString(CultureInfo.InvariantCulture) : (i * 0.01).ToString("R", CultureInfo.InvariantCulture))
                    .Append(']');
            }

            bool partial = end < rows;
            json.Append(']').Append(partial ? ",\"partial\":true}],\"partial\":true}]}\n" : "}]}]}\n");
        }

        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static int CountRows(QueryResult result)
    {
        int rows = 0;
        foreach (StatementResult statement in result.Statements)
        {
            foreach (Series series in statement.Series)
            {
                rows += series.Values.Count;
            }
        }

        return rows;
    }

    private static void Check(string name, int rows)
    {
        if (rows != Rows)
        {
            throw new InvalidOperationException($"{name} read {rows} rows, not {Rows}.");
        }
    }

    // Not timed: how much managed memory stays live while reading 1,000,000 rows, whole versus in chunks of 10,000.
    private static void ReportLiveMemory()
    {
        const int Large = 1_000_000;
        byte[] chunked = BuildResponse(Large, chunkSize: 10_000);
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        int rows = 0;
        foreach (QueryResult chunk in QueryResponseParser.ParseChunks(new MemoryStream(chunked, writable: false), NanosecondEpoch))
        {
            rows += CountRows(chunk);
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        Console.WriteLine($"// {rows:N0} rows chunked (10,000 per chunk), one chunk held at a time: at most {peak / 1024.0 / 1024.0:F1} MiB live besides the body");
        byte[] whole = BuildResponse(Large, chunkSize: 0);
        chunked = [];
        baseline = GC.GetTotalMemory(forceFullCollection: true);
        QueryResult result = QueryResponseParser.Parse(new MemoryStream(whole, writable: false), NanosecondEpoch);
        long live = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        Console.WriteLine($"// {CountRows(result):N0} rows unchunked into one result model: {live / 1024.0 / 1024.0:F1} MiB live ({live / (double)Large:F0} bytes/row)");
        GC.KeepAlive(result);
        GC.KeepAlive(whole);
    }

    /// <summary>Adds rows per second and bytes allocated per row to the summary.</summary>
    private sealed class RowColumnsConfig : ManualConfig
    {
        public RowColumnsConfig() => AddColumn(new RowsPerSecondColumn(), new BytesPerRowColumn());
    }

    private sealed class RowsPerSecondColumn : IColumn
    {
        public string Id => nameof(RowsPerSecondColumn);

        public string ColumnName => "Rows/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Rows read per second (rows / mean time)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return meanNanoseconds is > 0 ? (Rows / (meanNanoseconds.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }

    private sealed class BytesPerRowColumn : IColumn
    {
        public string Id => nameof(BytesPerRowColumn);

        public string ColumnName => "B/row";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Size;

        public string Legend => "Bytes allocated per row (allocated per operation / rows)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            long? bytes = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is null ? "-" : (bytes.Value / (double)Rows).ToString("F1", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}

/// <summary>The benchmark's row type.</summary>
/// <param name="Time">The time.</param>
/// <param name="Count">An integer field.</param>
/// <param name="Host">A tag.</param>
/// <param name="Label">A string field, often null.</param>
/// <param name="Ok">A boolean field.</param>
/// <param name="Region">A tag.</param>
/// <param name="Value">A float field (integers widen).</param>
public sealed record BenchCpu(DateTime Time, long Count, string Host, string? Label, bool Ok, string? Region, double Value);

/// <summary>What the generator will emit for <see cref="BenchCpu"/>, by hand.</summary>
public sealed class BenchCpuReader : IQueryRowReader<BenchCpu>
{
    private static readonly string[] Keys = ["time", "count", "host", "label", "ok", "region", "value"];

    /// <inheritdoc/>
    public QueryColumnBinding BindColumns(PointMetadata series) => QueryColumnBinding.Create(series, Keys);

    /// <inheritdoc/>
    public BenchCpu ReadRow(ref QueryRowReader row, QueryColumnBinding binding)
    {
        DateTime time = default;
        long count = 0;
        string? host = binding.GetSeriesTag(2);
        string? label = null;
        bool ok = false;
        string? region = binding.GetSeriesTag(5);
        double value = 0;
        while (row.Read())
        {
            switch (binding.GetMember(row.ColumnIndex))
            {
                case 0:
                    time = row.GetDateTime();
                    break;
                case 1:
                    count = row.GetInt64();
                    break;
                case 2:
                    host = row.GetStringOrNull();
                    break;
                case 3:
                    label = row.GetStringOrNull();
                    break;
                case 4:
                    ok = row.GetBoolean();
                    break;
                case 5:
                    region = row.GetStringOrNull();
                    break;
                case 6:
                    value = row.GetDouble();
                    break;
            }
        }

        return new BenchCpu(time, count, host ?? string.Empty, label, ok, region, value);
    }
}
