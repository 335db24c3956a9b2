using System.Text;
using Aioinflux.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Query;

/// <summary>A sample <c>[LineProtocol]</c> type: written by the generated writer, read back by <see cref="CpuReadingReader"/>.</summary>
[LineProtocol(Measurement = "cpu")]
public sealed partial record CpuReading(
    [property: TimeDateTime] DateTime Time,
    [property: Tag("host")] string Host,
    [property: Tag("region")] string? Region,
    [property: Field("value")] double Value,
    [property: Field("count")] long? Count,
    [property: Field("ok")] bool? Ok,
    [property: Field("label")] string? Label);

/// <summary>
/// What the source generator will emit for <see cref="CpuReading"/>, written by hand: members bound by key once per
/// series, each value read with the getter of its member's type, tags from <c>GROUP BY</c> series tags.
/// </summary>
public sealed class CpuReadingReader : IQueryRowReader<CpuReading>
{
    private static readonly string[] Keys = ["time", "host", "region", "value", "count", "ok", "label"];

    public int Bindings { get; private set; }

    public QueryColumnBinding BindColumns(PointMetadata series)
    {
        Bindings++;
        return QueryColumnBinding.Create(series, Keys);
    }

    public CpuReading ReadRow(ref QueryRowReader row, QueryColumnBinding binding)
    {
        DateTime time = default;
        string? host = binding.GetSeriesTag(1);
        string? region = binding.GetSeriesTag(2);
        double value = default;
        long? count = null;
        bool? ok = null;
        string? label = null;
        while (row.Read())
        {
            switch (binding.GetMember(row.ColumnIndex))
            {
                case 0:
                    time = row.GetDateTime();
                    break;
                case 1:
                    host = row.GetStringOrNull();
                    break;
                case 2:
                    region = row.GetStringOrNull();
                    break;
                case 3:
                    value = row.IsNull ? default : row.GetDouble();
                    break;
                case 4:
                    count = row.IsNull ? null : row.GetInt64();
                    break;
                case 5:
                    ok = row.IsNull ? null : row.GetBoolean();
                    break;
                case 6:
                    label = row.GetStringOrNull();
                    break;
            }
        }

        return new CpuReading(time, host ?? string.Empty, region, value, count, ok, label);
    }
}

public class TypedRowReaderTests
{
    private static readonly DateTime Start = new(2015, 8, 18, 0, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Columns_map_to_members_by_key_and_integers_widen_to_double()
    {
        List<CpuReading> rows = QueryResponseParser.ReadRows(new MemoryStream(Bytes("select_epoch_ns.json")), new CpuReadingReader()).ToList();

        Assert.That(rows, Has.Count.EqualTo(6));
        Assert.That(rows[0], Is.EqualTo(new CpuReading(Start, "server01", "us-west", 0.64, 3, true, "idle")));
        Assert.That(rows[1], Is.EqualTo(new CpuReading(Start, "server02", "us-east", 3.0, long.MinValue, false, "busy")), "float 3.0 came back as the integer 3");
        Assert.That(rows[2].Value, Is.EqualTo(1e20));
        Assert.That(rows[2].Count, Is.EqualTo(long.MaxValue));
        Assert.That(rows[3], Is.EqualTo(new CpuReading(Start.AddMinutes(6).AddTicks(1_234_567), "server02", null, 0, 9_007_199_254_740_993, null, "no region")));
    }

    [Test]
    public void Group_by_tags_fill_tag_members_from_the_series()
    {
        var reader = new CpuReadingReader();

        List<CpuReading> rows = QueryResponseParser.ReadRows(new MemoryStream(Bytes("group_by_host.json")), reader).ToList();

        Assert.That(rows.Select(r => r.Host), Is.EqualTo(new[] { "server01", "server01", "server01", "server02", "server02", "server02" }));
        Assert.That(rows.Select(r => r.Region), Is.EqualTo(new[] { "us-west", "us-west", "us-west", "us-east", null, "us-east" }));
        Assert.That(reader.Bindings, Is.EqualTo(2));
    }

    [TestCase("select_epoch_ns.json", WritePrecision.Nanoseconds, 1)]
    [TestCase("select_epoch_ms.json", WritePrecision.Milliseconds, 1_000_000)]
    [TestCase("select_rfc3339.json", null, 1)]
    public void Time_reads_from_integers_in_the_epoch_and_from_rfc3339_strings(string file, WritePrecision? epoch, long unit)
    {
        long[] expected = Parse("select_epoch_ns.json").IterPoints().Select(r => r[0].AsLong() / unit * unit).ToArray();

        List<CpuReading> rows = QueryResponseParser.ReadRows(new MemoryStream(Bytes(file)), new CpuReadingReader(), new QueryReadOptions { Epoch = epoch }).ToList();

        Assert.That(rows.Select(r => r.Time), Is.EqualTo(expected.Select(Aioinflux.Serialization.LineProtocolTime.ToDateTime)));
    }

    [Test]
    public void Unmatched_columns_are_ignored_and_missing_members_keep_their_defaults()
    {
        List<CpuReading> rows = QueryResponseParser.ReadRows(new MemoryStream(Bytes("multi_statement.json")), new CpuReadingReader(), new QueryReadOptions { Epoch = WritePrecision.Seconds })
            .Where(r => r.Label is null && r.Ok is null && r.Count is null && r.Value == 0)
            .ToList();

        Assert.That(rows.Select(r => r.Host), Is.EqualTo(new[] { "server01", "server02" }), "mem's free and used columns matched no member");
        Assert.That(rows[0].Time, Is.EqualTo(Start));
    }

    [Test]
    public async Task Chunks_bind_once_per_series_not_once_per_chunk()
    {
        var reader = new CpuReadingReader();
        var rows = new List<CpuReading>();
        await foreach (CpuReading row in QueryResponseParser.ReadRowsAsync(new ScriptedPipeReader(Split(Bytes("chunked_size_1.ndjson"), RandomSizes(5, 64))), reader))
        {
            rows.Add(row);
        }

        Assert.That(rows, Has.Count.EqualTo(13));
        Assert.That(reader.Bindings, Is.EqualTo(4), "cpu host=server01, cpu host=server02, mem, h2o_quality — over 14 chunks");
    }

    [Test]
    public void A_value_of_the_wrong_json_type_names_the_type_column_and_wanted_type()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","value"],"values":[[1,2],[2,"high"]]}]}]}""");

        InfluxDBException? error = Assert.Throws<InfluxDBException>(() => QueryResponseParser.ReadRows(new MemoryStream(json), new CpuReadingReader()).ToList());

        Assert.That(error!.Message, Does.Contain("CpuReading").And.Contain("Column 'value'").And.Contain("row 1").And.Contain("a string").And.Contain("Double"));
    }

    [Test]
    public void A_failed_statement_ends_the_rows_with_its_error()
    {
        var rows = new List<CpuReading>();

        Assert.That(() =>
        {
            foreach (CpuReading row in QueryResponseParser.ReadRows(new MemoryStream(Bytes("chunked_error.ndjson")), new CpuReadingReader()))
            {
                rows.Add(row);
            }
        }, Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.StatementId)).EqualTo(1));
        Assert.That(rows, Has.Count.EqualTo(6));
    }

    [Test]
    public void Binding_resolves_columns_series_tags_and_unbound_members()
    {
        var series = new PointMetadata(0, "cpu", new Dictionary<string, string> { ["host"] = "a" }, ["time", "extra", "value"]);

        QueryColumnBinding binding = QueryColumnBinding.Create(series, ["time", "host", "value", "missing"]);

        Assert.That(Enumerable.Range(0, 3).Select(binding.GetMember), Is.EqualTo(new[] { 0, -1, 2 }));
        Assert.That(binding.GetMember(99), Is.EqualTo(-1));
        Assert.That(Enumerable.Range(0, 4).Select(binding.GetColumn), Is.EqualTo(new[] { 0, -1, 2, -1 }));
        Assert.That(binding.GetSeriesTag(1), Is.EqualTo("a"));
        Assert.That(Enumerable.Range(0, 4).Select(binding.IsBound), Is.EqualTo(new[] { true, true, true, false }));
        Assert.That(binding.MemberCount, Is.EqualTo(4));
        Assert.That(binding.Series, Is.SameAs(series));
    }

    [Test]
    public void Reading_rows_into_a_struct_allocates_nothing_per_row()
    {
        const int Rows = 20_000;
        byte[] json = Synthetic(Rows);
        var sink = new SummingSink();
        QueryResponseParser.Parse(new MemoryStream(json), sink); // warm up: JIT, statics

        sink.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        QueryResponseParser.Parse(new MemoryStream(json), sink);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(sink.Rows, Is.EqualTo(Rows));
        Assert.That(sink.Sum, Is.EqualTo(Rows * 1.5));
        Assert.That(allocated, Is.LessThan(8 * 1024), $"{allocated} bytes for {Rows} rows: only per-response objects, nothing per row");
    }

    [Test]
    public void Reading_rows_into_records_allocates_the_records_and_little_else()
    {
        const int Rows = 20_000;
        byte[] json = Synthetic(Rows);
        var reader = new CpuReadingReader();
        _ = QueryResponseParser.ReadRows(new MemoryStream(json), reader).Count(); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = QueryResponseParser.ReadRows(new MemoryStream(json), reader).Count();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // CpuReading: object header and method table (16) + DateTime, 3 references, double, long?, bool? = 80 bytes.
        Assert.That(count, Is.EqualTo(Rows));
        Assert.That(allocated / (double)Rows, Is.LessThan(80 + 8), $"{allocated} bytes for {Rows} rows");
    }

    internal static byte[] Synthetic(int rows)
    {
        var json = new StringBuilder("""{"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"server01"},"columns":["time","value","count","ok"],"values":[""");
        for (int i = 0; i < rows; i++)
        {
            json.Append(i == 0 ? "[" : ",[").Append(1_439_856_000_000_000_000L + i).Append(",1.5,").Append(i).Append(",true]");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}]}]}\n").ToString());
    }

    /// <summary>A sink that reads each row into a struct through the typed contract and keeps nothing.</summary>
    private sealed class SummingSink : IQueryResultSink
    {
        private readonly SampleStructReader _reader = new();
        private QueryColumnBinding? _binding;

        public int Rows { get; private set; }

        public double Sum { get; private set; }

        public void Reset()
        {
            Rows = 0;
            Sum = 0;
        }

        public void OnStatementStart(int statementId)
        {
        }

        public void OnSeriesStart(PointMetadata series) => _binding = _reader.BindColumns(series);

        public void OnRow(ref QueryRowReader row)
        {
            Sample sample = _reader.ReadRow(ref row, _binding!);
            Rows++;
            Sum += sample.Value;
        }

        public void OnSeriesEnd(PointMetadata series, bool partial)
        {
        }

        public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
        {
        }

        public void OnDocumentEnd()
        {
        }
    }

    private readonly record struct Sample(long Time, double Value, long Count, bool Ok);

    private sealed class SampleStructReader : IQueryRowReader<Sample>
    {
        private static readonly string[] Keys = ["time", "value", "count", "ok"];

        public QueryColumnBinding BindColumns(PointMetadata series) => QueryColumnBinding.Create(series, Keys);

        public Sample ReadRow(ref QueryRowReader row, QueryColumnBinding binding)
        {
            long time = 0;
            double value = 0;
            long count = 0;
            bool ok = false;
            while (row.Read())
            {
                switch (binding.GetMember(row.ColumnIndex))
                {
                    case 0:
                        time = row.GetTimeNanoseconds();
                        break;
                    case 1:
                        value = row.GetDouble();
                        break;
                    case 2:
                        count = row.GetInt64();
                        break;
                    case 3:
                        ok = row.GetBoolean();
                        break;
                }
            }

            return new Sample(time, value, count, ok);
        }
    }
}
