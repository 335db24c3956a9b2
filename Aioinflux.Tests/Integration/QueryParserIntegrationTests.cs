using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Aioinflux.Query;
using Aioinflux.Serialization;
using Aioinflux.Tests.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Integration;

/// <summary>The query parser on live influxd 1.6.7 response streams, POSTed as form data the way the client will.</summary>
public class QueryParserIntegrationTests
{
    private static InfluxServer Server => InfluxFixture.Server;

    public static IEnumerable<TestCaseData> Canned_queries()
    {
        yield return new TestCaseData("select_epoch_ns.json", "SELECT * FROM cpu", "ns");
        yield return new TestCaseData("select_epoch_ms.json", "SELECT * FROM cpu", "ms");
        yield return new TestCaseData("select_rfc3339.json", "SELECT * FROM cpu", null);
        yield return new TestCaseData("group_by_host.json", "SELECT * FROM cpu GROUP BY host", "ns");
        yield return new TestCaseData("multi_statement.json", "SELECT * FROM cpu; SELECT * FROM mem GROUP BY *; SELECT * FROM nothing", "s");
        yield return new TestCaseData("text.json", "SELECT * FROM text", "ns");
        yield return new TestCaseData("h2o_quality.json", "SELECT * FROM h2o_quality LIMIT 5", "ns");
    }

    [TestCaseSource(nameof(Canned_queries))]
    public async Task Live_response_parses_to_the_captured_one(string file, string query, string? epoch)
    {
        string database = await CorpusDatabaseAsync();

        QueryResult live = await QueryAsync(database, query, epoch);

        Assert.That(Dump(live), Is.EqualTo(Dump(Parse(file))));
    }

    [Test]
    public async Task Live_numbers_are_exact_and_follow_the_integer_rule()
    {
        string database = await CorpusDatabaseAsync();

        QueryResult result = await QueryAsync(database, "SELECT \"count\", \"value\" FROM cpu", "ns");

        SeriesRows rows = result.EnsureSuccess().Statements[0].Series[0].Values;
        Assert.That(rows.Select(r => r[1].AsLong()), Is.EqualTo(new[] { 3L, long.MinValue, long.MaxValue, 9_007_199_254_740_993L, 0L, -1L }));
        Assert.That(rows[1][2].Kind, Is.EqualTo(InfluxValueKind.Integer), "the float 3.0");
        Assert.That(rows[2][2].Kind, Is.EqualTo(InfluxValueKind.Float), "the float 1e20");
        Assert.That(rows.Select(r => r[2].AsDouble()), Is.EqualTo(new[] { 0.64, 3.0, 1e20, 0.0, 1.5e-300, 1.2345678901234568e+29 }));
    }

    [TestCase("ns", WritePrecision.Nanoseconds)]
    [TestCase("u", WritePrecision.Microseconds)]
    [TestCase("ms", WritePrecision.Milliseconds)]
    [TestCase("s", WritePrecision.Seconds)]
    [TestCase("m", WritePrecision.Minutes)]
    [TestCase("h", WritePrecision.Hours)]
    [TestCase(null, null)]
    public async Task Every_epoch_reads_back_the_same_instants_truncated_to_its_unit(string? epoch, WritePrecision? precision)
    {
        string database = await CorpusDatabaseAsync();
        long[] nanoseconds = Parse("select_epoch_ns.json").IterPoints().Select(r => r[0].AsLong()).ToArray();
        WritePrecision unit = precision ?? WritePrecision.Nanoseconds;
        long[] expected = nanoseconds.Select(n => LineProtocolTime.ToPrecision(n, unit) * LineProtocolTime.NanosecondsPer(unit)).ToArray();

        using HttpResponseMessage response = await PostAsync(Form(database, "SELECT * FROM cpu", epoch));
        PipeReader reader = PipeReader.Create(await response.Content.ReadAsStreamAsync());
        var times = new List<long>();
        await foreach (long time in QueryResponseParser.IterPointsAsync(reader, (row, meta) => meta.GetTimeNanoseconds(row), new QueryReadOptions { Epoch = precision }))
        {
            times.Add(time);
        }

        await reader.CompleteAsync();
        Assert.That(times, Is.EqualTo(expected));
    }

    [Test]
    public async Task Chunked_live_response_with_a_small_chunk_size_reproduces_the_unchunked_rows_exactly()
    {
        string database = await Server.CreateDatabaseAsync("chunks");
        await Server.WriteAsync(database, ManyPoints(3_000));
        const string Query = "SELECT * FROM cpu GROUP BY host; SELECT count(\"value\") FROM cpu GROUP BY host";

        QueryResult unchunked = await QueryAsync(database, Query, "ns");
        var chunks = new List<QueryResult>();
        using (HttpResponseMessage response = await PostAsync(Form(database, Query, "ns", ("chunked", "true"), ("chunk_size", "7"))))
        {
            PipeReader reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(), new StreamPipeReaderOptions(bufferSize: 512));
            await foreach (QueryResult chunk in QueryResponseParser.ParseChunksAsync(reader))
            {
                chunks.Add(chunk);
            }

            await reader.CompleteAsync();
        }

        Assert.That(unchunked.Statements[0].Series.Sum(s => s.Values.Count), Is.EqualTo(3_000));
        Assert.That(chunks, Has.Count.GreaterThan(3_000 / 7));
        Assert.That(chunks.Max(c => c.Statements.Sum(s => s.Series.Sum(x => x.Values.Count))), Is.LessThanOrEqualTo(7));
        Assert.That(Dump(QueryResult.Combine(chunks)), Is.EqualTo(Dump(unchunked)));
    }

    [Test]
    public async Task Chunked_live_rows_read_straight_into_records_match_the_unchunked_ones()
    {
        string database = await Server.CreateDatabaseAsync("typed_chunks");
        await Server.WriteAsync(database, ManyPoints(1_000));
        var reader = new CpuReadingReader();

        List<CpuReading> unchunked = await ReadRowsAsync(database, "SELECT * FROM cpu GROUP BY host", reader);
        List<CpuReading> chunked = await ReadRowsAsync(database, "SELECT * FROM cpu GROUP BY host", reader, ("chunked", "true"), ("chunk_size", "10"));

        Assert.That(chunked, Has.Count.EqualTo(1_000));
        Assert.That(chunked, Is.EqualTo(unchunked));
        Assert.That(chunked.Select(r => r.Host).Distinct(), Is.EquivalentTo(new[] { "server0", "server1", "server2" }));
    }

    [Test]
    public async Task Typed_records_written_by_the_generated_writer_read_back_field_by_field()
    {
        string database = await Server.CreateDatabaseAsync("typed_round_trip");
        DateTime start = new(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc);
        CpuReading[] written =
        [
            new(start, "a", "eu", 3.0, long.MinValue, true, "quote \" backslash \\ newline \n 漢字 🎉"),
            new(start.AddTicks(1), "b", null, 1e20, long.MaxValue, false, null),
            new(start.AddSeconds(1), "a", "us", -0.5, null, null, string.Empty),
            new(start.AddDays(1), "c", "eu", 0.1, 9_007_199_254_740_993, true, "ümlaut"),
        ];
        var lines = new ArrayBufferWriter<byte>();
        foreach (CpuReading point in written)
        {
            point.WriteLineProtocol(lines);
        }

        await Server.WriteAsync(database, lines.WrittenMemory);

        List<CpuReading> read = await ReadRowsAsync(database, "SELECT * FROM cpu", new CpuReadingReader());
        List<CpuReading> readWithoutEpoch = await ReadRowsAsync(database, "SELECT * FROM cpu", new CpuReadingReader(), epoch: null);

        Assert.That(read, Is.EqualTo(written));
        Assert.That(readWithoutEpoch, Is.EqualTo(written), "RFC 3339 times");
    }

    [Test]
    public async Task Blocking_path_reads_a_live_response_and_a_live_chunked_response()
    {
        string database = await CorpusDatabaseAsync();

        using (HttpResponseMessage response = Post(Form(database, "SELECT * FROM cpu GROUP BY host", "ns")))
        {
            using Stream body = response.Content.ReadAsStream();
            Assert.That(Dump(QueryResponseParser.Parse(body)), Is.EqualTo(Dump(Parse("group_by_host.json"))));
        }

        using (HttpResponseMessage response = Post(Form(database, "SELECT * FROM cpu GROUP BY host; SELECT * FROM mem; SELECT * FROM nothing; SELECT * FROM h2o_quality", "ns", ("chunked", "true"), ("chunk_size", "1"))))
        {
            using Stream body = response.Content.ReadAsStream();
            Assert.That(QueryResponseParser.ParseChunks(body).Select(Dump), Is.EqualTo(QueryResponseParser.ParseChunks(new MemoryStream(Bytes("chunked_size_1.ndjson"))).Select(Dump)));
        }
    }

    [Test]
    public async Task Bound_parameters_select_by_an_integer_above_2_pow_53()
    {
        string database = await CorpusDatabaseAsync();

        QueryResult result = await QueryAsync(database, "SELECT * FROM cpu WHERE \"count\" = $count AND host = $host", "ns",
            ("params", """{"count":9007199254740993,"host":"server02"}"""));

        Assert.That(Dump(result), Is.EqualTo(Dump(Parse("bound_parameters.json"))));
    }

    [Test]
    public async Task Live_errors_become_statement_errors_or_exceptions_with_the_servers_text()
    {
        string database = await CorpusDatabaseAsync();

        QueryResult missing = await QueryAsync("nonexistent_" + Guid.NewGuid().ToString("N")[..6], "SELECT * FROM cpu", "ns");
        Assert.That(() => missing.EnsureSuccess(), Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.ServerMessage)).StartsWith("database not found"));

        QueryResult partlyFailed = await QueryAsync(database, "SELECT * FROM mem; SELECT mean(label) FROM cpu", "ns");
        Assert.That(partlyFailed.Statements[0].Series.Single().Values, Has.Count.EqualTo(2));
        Assert.That(partlyFailed.Statements[1].Error, Does.StartWith("unsupported mean iterator type"));

        using HttpResponseMessage response = await PostAsync(Form(database, "SELEKT * FROM cpu", "ns"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        PipeReader reader = PipeReader.Create(await response.Content.ReadAsStreamAsync());
        InfluxDBQueryException? error = Assert.ThrowsAsync<InfluxDBQueryException>(async () => await QueryResponseParser.ParseAsync(reader));
        Assert.That(error!.ServerMessage, Does.StartWith("error parsing query: found SELEKT"));
        await reader.CompleteAsync();
    }

    private static async Task<string> CorpusDatabaseAsync()
    {
        string database = await Server.CreateDatabaseAsync("query_corpus");
        await Server.WriteAsync(database, Bytes("corpus.lp"));
        return database;
    }

    private static byte[] ManyPoints(int count)
    {
        var lines = new System.Text.StringBuilder();
        for (int i = 0; i < count; i++)
        {
            lines.Append("cpu,host=server").Append(i % 3).Append(",region=r").Append(i % 2)
                .Append(" value=").Append(i % 5 == 0 ? "1" : (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(",count=").Append(i).Append("i,ok=").Append(i % 2 == 0 ? "true" : "false")
                .Append(i % 4 == 0 ? ",label=\"l" + i + "\"" : string.Empty)
                .Append(' ').Append(1_600_000_000_000_000_000L + (i * 1_000_000_007L)).Append('\n');
        }

        return System.Text.Encoding.UTF8.GetBytes(lines.ToString());
    }

    private static Dictionary<string, string> Form(string database, string query, string? epoch, params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string> { ["q"] = query, ["db"] = database };
        if (epoch is not null)
        {
            form["epoch"] = epoch;
        }

        foreach ((string key, string value) in extra)
        {
            form[key] = value;
        }

        return form;
    }

    private static async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "query") { Content = new FormUrlEncodedContent(form) };
        return await Server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static HttpResponseMessage Post(Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "query") { Content = new FormUrlEncodedContent(form) };
        return Server.Http.Send(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<QueryResult> QueryAsync(string database, string query, string? epoch, params (string Key, string Value)[] extra)
    {
        using HttpResponseMessage response = await PostAsync(Form(database, query, epoch, extra));
        PipeReader reader = PipeReader.Create(await response.Content.ReadAsStreamAsync());
        try
        {
            return await QueryResponseParser.ParseAsync(reader, new QueryReadOptions { Epoch = ToPrecision(epoch) });
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static Task<List<CpuReading>> ReadRowsAsync(string database, string query, CpuReadingReader rowReader, params (string Key, string Value)[] extra) =>
        ReadRowsAsync(database, query, rowReader, "ns", extra);

    private static async Task<List<CpuReading>> ReadRowsAsync(string database, string query, CpuReadingReader rowReader, string? epoch, params (string Key, string Value)[] extra)
    {
        using HttpResponseMessage response = await PostAsync(Form(database, query, epoch, extra));
        PipeReader reader = PipeReader.Create(await response.Content.ReadAsStreamAsync());
        var rows = new List<CpuReading>();
        await foreach (CpuReading row in QueryResponseParser.ReadRowsAsync(reader, rowReader, new QueryReadOptions { Epoch = ToPrecision(epoch) }))
        {
            rows.Add(row);
        }

        await reader.CompleteAsync();
        return rows;
    }

    private static WritePrecision? ToPrecision(string? epoch) => epoch switch
    {
        null => null,
        "ns" => WritePrecision.Nanoseconds,
        "u" => WritePrecision.Microseconds,
        "ms" => WritePrecision.Milliseconds,
        "s" => WritePrecision.Seconds,
        "m" => WritePrecision.Minutes,
        "h" => WritePrecision.Hours,
        _ => throw new ArgumentOutOfRangeException(nameof(epoch), epoch, null),
    };
}
