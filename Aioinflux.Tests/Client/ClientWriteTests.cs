using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Aioinflux.Tests.Generation;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests.Client;

/// <summary>Every way to write, through a real influxd, read back with the test harness's own plain HTTP queries.</summary>
public class ClientWriteTests
{
    private const long BaseTime = 1_700_000_000_123_456_789;

    private static InfluxServer Server => InfluxFixture.Server;

    private static InfluxDBClient CreateClient(string? database, int batchSize = 5_000)
        => new(new InfluxDBClientOptions { Host = "127.0.0.1", Port = Server.Port, Database = database, WriteBatchSize = batchSize });

    private static Trade TradeAt(int i) => new(BaseTime + i, "AAPL", i % 2 == 0 ? Side.Buy : Side.Sell, 100 + (i / 100.0), i, "t" + i.ToString(CultureInfo.InvariantCulture));

    private static async Task<long> CountAsync(string database, string measurement = "trades")
    {
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(database, $"SELECT count(Price) FROM \"{measurement}\"");
        return rows.Count == 0 ? 0 : rows[0]["count"].GetInt64();
    }

    [Test]
    public async Task One_typed_point_is_stored_exactly()
    {
        string db = await Server.CreateDatabaseAsync("one");
        using var client = CreateClient(db);

        WriteResult result = await client.WriteAsync(TradeAt(7));

        Assert.That(result, Is.EqualTo(new WriteResult(1, 1)));
        var rows = await Server.SelectAsync(db, "SELECT * FROM trades");
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(rows[0]["time"].GetInt64(), Is.EqualTo(BaseTime + 7));
            Assert.That(rows[0]["Instrument"].GetString(), Is.EqualTo("AAPL"));
            Assert.That(rows[0]["Side"].GetString(), Is.EqualTo("Sell"));
            Assert.That(rows[0]["exchange"].GetString(), Is.EqualTo("NASDAQ"));
            Assert.That(rows[0]["Price"].GetDouble(), Is.EqualTo(100.07));
            Assert.That(rows[0]["Size"].GetInt64(), Is.EqualTo(7));
            Assert.That(rows[0]["trade_id"].GetString(), Is.EqualTo("t7"));
        });
    }

    [Test]
    public async Task A_long_sequence_is_split_into_requests_of_the_batch_size()
    {
        string db = await Server.CreateDatabaseAsync("split");
        using var client = CreateClient(db, batchSize: 1_000);

        WriteResult result = await client.WriteAsync(Enumerable.Range(0, 4_500).Select(TradeAt));

        Assert.That(result, Is.EqualTo(new WriteResult(4_500, 5)));
        Assert.That(await CountAsync(db), Is.EqualTo(4_500));
    }

    [Test]
    public async Task Requests_are_cut_before_a_line_that_would_cross_the_body_limit()
    {
        string db = await Server.CreateDatabaseAsync("bytes");
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Host = "127.0.0.1", Port = Server.Port, Database = db, MaxRequestBodyBytes = 4_096 });

        WriteResult result = await client.WriteAsync(Enumerable.Range(0, 200).Select(TradeAt));

        string oneLine = TradeAt(100).ToLineProtocol() + "\n";
        int perRequest = 4_096 / Encoding.UTF8.GetByteCount(oneLine);
        Assert.That(result.PointsWritten, Is.EqualTo(200));
        Assert.That(result.Requests, Is.InRange(200 / perRequest, (200 / perRequest) + 2));
        Assert.That(await CountAsync(db), Is.EqualTo(200));
    }

    [Test]
    public async Task Memory_async_enumerable_and_blocking_inputs_are_all_stored()
    {
        string db = await Server.CreateDatabaseAsync("forms");
        using var client = CreateClient(db, batchSize: 7);
        Trade[] points = Enumerable.Range(0, 40).Select(TradeAt).ToArray();

        WriteResult fromMemory = await client.WriteAsync((ReadOnlyMemory<Trade>)points.AsMemory(0, 10));
        WriteResult fromAsync = await client.WriteAsync(ProduceAsync(points[10..20]));
        WriteResult fromSpan = client.Write(points.AsSpan(20, 10));
        WriteResult fromEnumerable = client.Write(points[30..].AsEnumerable());
        WriteResult single = client.Write(TradeAt(1_000));

        Assert.Multiple(() =>
        {
            Assert.That(fromMemory, Is.EqualTo(new WriteResult(10, 2)));
            Assert.That(fromAsync, Is.EqualTo(new WriteResult(10, 2)));
            Assert.That(fromSpan, Is.EqualTo(new WriteResult(10, 2)));
            Assert.That(fromEnumerable, Is.EqualTo(new WriteResult(10, 2)));
            Assert.That(single, Is.EqualTo(new WriteResult(1, 1)));
        });
        Assert.That(await CountAsync(db), Is.EqualTo(41));
    }

    [TestCase(WritePrecision.Nanoseconds, 1_700_000_000_123_456_789L)]
    [TestCase(WritePrecision.Microseconds, 1_700_000_000_123_456_000L)]
    [TestCase(WritePrecision.Milliseconds, 1_700_000_000_123_000_000L)]
    [TestCase(WritePrecision.Seconds, 1_700_000_000_000_000_000L)]
    [TestCase(WritePrecision.Minutes, 1_699_999_980_000_000_000L)]
    [TestCase(WritePrecision.Hours, 1_699_999_200_000_000_000L)]
    public async Task Each_precision_stores_the_floor_of_the_nanosecond_time(WritePrecision precision, long stored)
    {
        string db = await Server.CreateDatabaseAsync("precision");
        using var client = CreateClient(db);

        await client.WriteAsync(TradeAt(0) with { Timestamp = BaseTime }, new WriteOptions { Precision = precision });

        var rows = await Server.SelectAsync(db, "SELECT * FROM trades");
        Assert.That(rows.Single()["time"].GetInt64(), Is.EqualTo(stored));
    }

    [Test]
    public async Task The_docs_dictionary_point_and_Point_builders_are_written_through_the_client()
    {
        string db = await Server.CreateDatabaseAsync("dynamic");
        using var client = CreateClient(db);
        var docs = new Dictionary<string, object?>
        {
            ["time"] = "2009-11-10T23:00:00Z",
            ["measurement"] = "cpu_load_short",
            ["tags"] = new Dictionary<string, object?> { ["host"] = "server01", ["region"] = "us-west" },
            ["fields"] = new Dictionary<string, object?> { ["value1"] = 0.64, ["value2"] = true, ["value3"] = 10 },
        };
        var noMeasurement = new Dictionary<string, object?> { ["time"] = "2009-11-10T23:00:01Z", ["fields"] = new Dictionary<string, object?> { ["value1"] = 0.5 } };

        WriteResult dictionaries = await client.WriteAsync([docs, noMeasurement], new WriteOptions { Measurement = "cpu_load_short" });
        WriteResult points = client.Write(
        [
            Point.Measurement("cpu_load_short").Tag("host", "server02").Field("value1", 0.25).Time(new DateTime(2009, 11, 10, 23, 0, 2, DateTimeKind.Utc)),
            Point.Measurement("cpu_load_short").Tag("host", "server03").Field("value1", 0.75).Time(1_257_894_003_000_000_000),
        ]);

        Assert.That(dictionaries, Is.EqualTo(new WriteResult(2, 1)));
        Assert.That(points, Is.EqualTo(new WriteResult(2, 1)));
        var rows = await Server.SelectAsync(db, "SELECT * FROM cpu_load_short");
        Assert.That(rows.Select(r => r["value1"].GetDouble()), Is.EqualTo(new[] { 0.64, 0.5, 0.25, 0.75 }));
        Assert.That(rows[0]["time"].GetInt64(), Is.EqualTo(1_257_894_000_000_000_000));
        Assert.That(rows[0]["value2"].GetBoolean(), Is.True);
        Assert.That(rows[0]["value3"].GetInt64(), Is.EqualTo(10));
        Assert.That(rows[0]["region"].GetString(), Is.EqualTo("us-west"));
    }

    [Test]
    public async Task A_dictionary_with_an_unknown_key_is_rejected_with_its_index_instead_of_ignored()
    {
        string db = await Server.CreateDatabaseAsync("dict_error");
        using var client = CreateClient(db);
        var good = new Dictionary<string, object?> { ["measurement"] = "m", ["fields"] = new Dictionary<string, object?> { ["v"] = 1 } };
        var typo = new Dictionary<string, object?> { ["measurement"] = "m", ["feilds"] = new Dictionary<string, object?> { ["v"] = 2 } };

        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync([good, typo]));

        Assert.That(error!.PointIndex, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("feilds"));
        Assert.That(await Server.SelectAsync(db, "SELECT * FROM m"), Is.Empty);
    }

    [Test]
    public async Task Raw_line_protocol_is_sent_unchanged_with_its_precision()
    {
        string db = await Server.CreateDatabaseAsync("raw");
        using var client = CreateClient(db);

        WriteResult text = await client.WriteAsync("cpu,host=a value=1 1700000000\n# a comment\n\ncpu,host=b value=2 1700000001", new WriteOptions { Precision = WritePrecision.Seconds });
        WriteResult bytes = await client.WriteAsync("cpu,host=c value=3 1700000002\n"u8.ToArray().AsMemory(), new WriteOptions { Precision = WritePrecision.Seconds });
        using var stream = new MemoryStream("cpu,host=d value=4 1700000003\n"u8.ToArray());
        WriteResult fromStream = await client.WriteAsync(stream, new WriteOptions { Precision = WritePrecision.Seconds });
        client.Write("cpu,host=e value=5 1700000004", new WriteOptions { Precision = WritePrecision.Seconds });

        Assert.That(text, Is.EqualTo(new WriteResult(2, 1)));
        Assert.That(bytes, Is.EqualTo(new WriteResult(1, 1)));
        Assert.That(fromStream, Is.EqualTo(new WriteResult(1, 1)));
        var rows = await Server.SelectAsync(db, "SELECT * FROM cpu");
        Assert.That(rows.Select(r => r["time"].GetInt64()), Is.EqualTo(Enumerable.Range(0, 5).Select(i => (1_700_000_000L + i) * 1_000_000_000L)));
        Assert.That(rows.Select(r => r["host"].GetString()), Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
    }

    [Test]
    public async Task Extra_tags_retention_policy_and_gzip_apply_to_every_point()
    {
        string db = await Server.CreateDatabaseAsync("options");
        await Server.QueryAsync(db, $"CREATE RETENTION POLICY \"short one\" ON \"{db}\" DURATION 1h REPLICATION 1");
        using var client = CreateClient(db, batchSize: 3);
        var options = new WriteOptions
        {
            RetentionPolicy = "short one",
            ExtraTags = [new("region", "eu west"), new("rack", null)],
            Gzip = true,
            Precision = WritePrecision.Milliseconds,
        };

        WriteResult result = await client.WriteAsync(Enumerable.Range(0, 10).Select(i => TradeAt(i) with { Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 + i * 1_000_000 }), options);

        Assert.That(result, Is.EqualTo(new WriteResult(10, 4)));
        var rows = await Server.SelectAsync(db, $"SELECT * FROM \"{db}\".\"short one\".trades");
        Assert.That(rows, Has.Count.EqualTo(10));
        Assert.That(rows.Select(r => r["region"].GetString()).Distinct(), Is.EqualTo(new[] { "eu west" }));
        Assert.That(rows[0].ContainsKey("rack"), Is.False);
        Assert.That(await CountAsync(db), Is.Zero, "nothing went to the default retention policy");
    }

    [Test]
    public async Task The_database_can_be_switched_after_construction()
    {
        string first = await Server.CreateDatabaseAsync("first");
        string second = await Server.CreateDatabaseAsync("second");
        using var client = CreateClient(first);

        await client.WriteAsync(TradeAt(1));
        client.Database = second;
        await client.WriteAsync(TradeAt(2));
        await client.WriteAsync(TradeAt(3), new WriteOptions { Database = first });

        Assert.That(await CountAsync(first), Is.EqualTo(2));
        Assert.That(await CountAsync(second), Is.EqualTo(1));
    }

    [Test]
    public async Task No_database_anywhere_is_an_error_that_says_where_to_set_one()
    {
        using var client = CreateClient(null);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => client.WriteAsync(TradeAt(1)));

        Assert.That(error!.Message, Does.Contain("InfluxDBClient.Database"));
    }

    [Test]
    public async Task A_bad_point_in_a_large_async_stream_fails_only_its_request_and_says_what_was_stored()
    {
        string db = await Server.CreateDatabaseAsync("bad_async");
        using var client = CreateClient(db, batchSize: 1_000);

        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync(ProduceAsync(Enumerable.Range(0, 5_000).Select(i => i == 3_456 ? TradeAt(i) with { Price = double.NaN } : TradeAt(i)))));

        Assert.Multiple(() =>
        {
            Assert.That(error!.PointIndex, Is.EqualTo(3_456));
            Assert.That(error.Member, Is.EqualTo("Price"));
            Assert.That(error.PointsStoredBefore, Is.EqualTo(3_000));
            Assert.That(error.RequestsBefore, Is.EqualTo(3));
            Assert.That(error.InnerException, Is.TypeOf<LineProtocolException>());
            Assert.That(error.Message, Does.Contain("index 3456").And.Contain("stored 3000 points"));
        });
        Assert.That(await CountAsync(db), Is.EqualTo(3_000), "none of the bad point's request was stored");
    }

    [Test]
    public async Task A_null_item_is_rejected_with_its_index()
    {
        string db = await Server.CreateDatabaseAsync("null_item");
        using var client = CreateClient(db);

        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync(new[] { TradeAt(0), null!, TradeAt(2) }));

        Assert.That(error!.PointIndex, Is.EqualTo(1));
        Assert.That(await CountAsync(db), Is.Zero);
    }

    [Test]
    public async Task A_field_type_conflict_is_a_partial_write_that_stores_the_other_points()
    {
        string db = await Server.CreateDatabaseAsync("partial");
        using var client = CreateClient(db);
        await client.WriteAsync("m value=1.5 1\n");

        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync("m value=2.5 2\nm value=3i 3\nm value=4.5 4\n"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.ServerMessage, Does.StartWith("partial write: field type conflict"));
            Assert.That(error.DroppedPoints, Is.EqualTo(1));
            Assert.That(error.PointIndex, Is.Null);
        });
        var rows = await Server.SelectAsync(db, "SELECT * FROM m");
        Assert.That(rows.Select(r => r["value"].GetDouble()), Is.EqualTo(new[] { 1.5, 2.5, 4.5 }));
    }

    [Test]
    public async Task Lines_the_server_cannot_parse_are_listed_in_the_error()
    {
        string db = await Server.CreateDatabaseAsync("parse");
        using var client = CreateClient(db);

        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync("m value=1 1\nm value= 2\nm value=3 3\nm,bad tag value=4 4\n"));

        Assert.That(error!.RejectedLines, Is.EqualTo(new[] { "m value= 2", "m,bad tag value=4 4" }));
        Assert.That(error.DroppedPoints, Is.EqualTo(2));
        var rows = await Server.SelectAsync(db, "SELECT * FROM m");
        Assert.That(rows.Select(r => r["value"].GetDouble()), Is.EqualTo(new[] { 1.0, 3.0 }), "influxd stores the lines it could parse");
    }

    [Test]
    public async Task An_unknown_database_is_a_404_that_says_to_create_it()
    {
        using var client = CreateClient("no_such_database");

        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync(TradeAt(1)));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.Message, Does.Contain("database not found").And.Contain("CreateDatabaseAsync"));
    }

    [Test]
    public void A_server_that_is_down_is_a_connection_error_naming_the_address()
    {
        int port = FreePort();
        using var client = new InfluxDBClient(host: "127.0.0.1", port: port, database: "db");

        var error = Assert.ThrowsAsync<InfluxDBConnectionException>(() => client.WriteAsync(TradeAt(1)));
        var blocking = Assert.Throws<InfluxDBConnectionException>(() => client.Write(TradeAt(1)));

        Assert.That(error!.Message, Does.Contain($"http://127.0.0.1:{port}/"));
        Assert.That(blocking!.Address, Is.EqualTo($"http://127.0.0.1:{port}/"));
    }

    [Test]
    public async Task Cancelling_mid_write_stops_the_call_with_an_OperationCanceledException()
    {
        string db = await Server.CreateDatabaseAsync("cancel");
        using var client = CreateClient(db, batchSize: 100);
        using var cancellation = new CancellationTokenSource();

        async IAsyncEnumerable<Trade> CancelHalfway([EnumeratorCancellation] CancellationToken token = default)
        {
            for (int i = 0; i < 1_000; i++)
            {
                if (i == 550)
                {
                    await cancellation.CancelAsync();
                }

                token.ThrowIfCancellationRequested();
                yield return TradeAt(i);
            }
        }

        Assert.CatchAsync<OperationCanceledException>(() => client.WriteAsync(CancelHalfway(), cancellationToken: cancellation.Token));

        Assert.That(await CountAsync(db), Is.LessThanOrEqualTo(500).And.Matches<long>(n => n % 100 == 0));
    }

    [Test]
    public async Task The_blocking_write_works_on_a_thread_whose_context_never_runs_posted_work()
    {
        string db = await Server.CreateDatabaseAsync("blocking");
        using var client = CreateClient(db, batchSize: 10);
        WriteResult result = default;
        Exception? failure = null;

        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new NeverRunsContext());
            try
            {
                result = client.Write(Enumerable.Range(0, 25).Select(TradeAt));
                client.Ping();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromSeconds(60)), Is.True, "the blocking write deadlocked");

        Assert.That(failure, Is.Null);
        Assert.That(result, Is.EqualTo(new WriteResult(25, 3)));
        Assert.That(await CountAsync(db), Is.EqualTo(25));
    }

    [Test]
    public async Task A_raw_stream_that_fails_part_way_aborts_its_request_and_nothing_is_stored()
    {
        string db = await Server.CreateDatabaseAsync("aborted");
        using var client = CreateClient(db);
        byte[] lines = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"m value={i} {i}\n")));
        using var failing = new FailingStream(lines, failAfter: lines.Length / 2);

        var error = Assert.CatchAsync<Exception>(() => client.WriteAsync(failing));

        Assert.That(error, Is.TypeOf<InfluxDBWriteException>());
        Assert.That(error!.InnerException, Is.TypeOf<IOException>());
        Assert.That(error.Message, Does.Contain("stored none of it"));
        await client.WriteAsync("marker value=1 1");
        Assert.That(await Server.SelectAsync(db, "SELECT count(value) FROM m"), Is.Empty, "influxd stored none of the aborted body");
    }

    [Test]
    public void Extra_tags_on_raw_line_protocol_are_refused_rather_than_ignored()
    {
        using var client = CreateClient("db");

        Assert.ThrowsAsync<ArgumentException>(() => client.WriteAsync("m v=1", new WriteOptions { ExtraTags = [new("a", "b")] }));
    }

    internal static async IAsyncEnumerable<T> ProduceAsync<T>(IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FailingStream(byte[] content, int failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
            {
                throw new IOException("The producer of the line protocol failed.");
            }

            int count = Math.Min(buffer.Length, failAfter - _position);
            content.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NeverRunsContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
            // Dropped on purpose: any sync-over-async in the blocking API would wait forever.
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("Send is not supported.");
    }
}
