using System.Text;
using Aioinflux.Query;
using Aioinflux.Tests.DataFrames;
using Aioinflux.Tests.Integration;
using Microsoft.Data.Analysis;

// In the Caching namespace so that the redis-server of RedisFixture runs for these tests too.
namespace Aioinflux.Tests.Caching;

/// <summary>DataFrame queries and the client's sink methods through the Redis query cache, against real influxd and redis-server.</summary>
public class DataFrameCacheTests
{
    private static InfluxServer Influx => InfluxFixture.Server;

    private static readonly QueryOptions Cached = new() { UseCache = true };

    private static InfluxDBClient CreateClient(string database)
        => new(new InfluxDBClientOptions
        {
            Host = "127.0.0.1",
            Port = Influx.Port,
            Database = database,
            Cache = new QueryCacheOptions { Configuration = RedisFixture.Server.Configuration, KeyPrefix = "aioinflux-df:" + Guid.NewGuid().ToString("N")[..8] + ":" },
        });

    [Test]
    public async Task Frames_are_read_from_a_cached_answer_in_every_form()
    {
        string db = await Influx.CreateDatabaseAsync("dfcache");
        await using InfluxDBClient client = CreateClient(db);
        DataFrame prices = PriceFrames.RandomWalk(120);
        await client.WriteAsync(prices, "prices", new DataFrameWriteOptions { TagColumns = ["tag"] });
        const string Query = """SELECT "LUY", "BEM", "AJW", "tag" FROM prices""";
        QueryOptions chunked = Cached with { ChunkSize = 50 };

        DataFrame first = await client.QuerySingleDataFrameAsync(Query, options: Cached);
        DataFrameQueryResult firstChunked = await DataFrameQueryResult.CombineAsync(client.QueryDataFrameChunkedAsync(Query, options: chunked));
        await Influx.QueryAsync(db, "DROP MEASUREMENT prices");
        DataFrame second = await client.QuerySingleDataFrameAsync(Query, options: Cached);
        DataFrame blocking = client.QuerySingleDataFrame(Query, options: Cached);
        DataFrameQueryResult secondChunked = DataFrameQueryResult.Combine(client.QueryDataFrameChunked(Query, options: chunked));

        FrameAssert.AreEqual(prices, first);
        FrameAssert.AreEqual(prices, second, "(from the cache, although the data is gone)");
        FrameAssert.AreEqual(prices, blocking, "(blocking, from the cache)");
        FrameAssert.AreEqual(firstChunked.SingleFrame(), secondChunked.SingleFrame(), "(chunked, from the cache)");
        Assert.That(client.CacheStatistics.Stores, Is.EqualTo(2));
        Assert.That(client.CacheStatistics.Hits, Is.EqualTo(3));
    }

    [Test]
    public async Task An_answer_with_a_statement_error_read_into_a_sink_is_not_cached()
    {
        string db = await Influx.CreateDatabaseAsync("dfcache_error");
        await Influx.WriteAsync(db, Encoding.UTF8.GetBytes("notes note=\"x\" 1\n"));
        await using InfluxDBClient client = CreateClient(db);
        const string Query = "SELECT MEAN(note) FROM notes";
        int sinksMade = 0;

        DataFrameQueryResult result = await client.QueryDataFrameAsync(Query, options: Cached with { ThrowOnStatementError = false });
        CountingSink sink = await client.QueryIntoAsync(Query, () => { sinksMade++; return new CountingSink(); }, Cached with { ThrowOnStatementError = false });
        Assert.That(
            async () => await client.QueryIntoAsync(Query, () => new CountingSink(), Cached),
            Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.StatementId)).EqualTo(0));

        Assert.That(result.Statements[0].Error, Does.Contain("unsupported mean iterator type"));
        Assert.That(sink.Errors, Is.EqualTo(new[] { result.Statements[0].Error }));
        Assert.That(sinksMade, Is.EqualTo(1));
        Assert.That(client.CacheStatistics.Stores, Is.Zero);
    }

    [Test]
    public async Task The_chunked_sink_method_yields_the_sink_after_every_chunk()
    {
        string db = await Influx.CreateDatabaseAsync("dfcache_chunks");
        await Influx.WriteAsync(db, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 10).Select(i => $"m v={i}i {i + 1}\n"))));
        using InfluxDBClient client = CreateClient(db);
        var rowsPerChunk = new List<int>();

        await foreach (CountingSink sink in client.QueryChunkedIntoAsync("SELECT v FROM m", () => new CountingSink(), new QueryOptions { ChunkSize = 4 }))
        {
            rowsPerChunk.Add(sink.TakeRows());
        }

        List<int> blocking = [.. client.QueryChunkedInto("SELECT v FROM m", () => new CountingSink(), new QueryOptions { ChunkSize = 4 }).Select(sink => sink.TakeRows())];
        CountingSink whole = client.QueryInto("SELECT v FROM m", () => new CountingSink());

        Assert.That(rowsPerChunk, Is.EqualTo(new[] { 4, 4, 2 }));
        Assert.That(blocking, Is.EqualTo(rowsPerChunk));
        Assert.That(whole.TakeRows(), Is.EqualTo(10));
        Assert.That(whole.Documents, Is.EqualTo(1));
    }

    /// <summary>Counts rows and documents, and notes statement errors.</summary>
    private sealed class CountingSink : IQueryResultSink
    {
        private int _rows;

        public List<string> Errors { get; } = [];

        public int Documents { get; private set; }

        public int TakeRows()
        {
            int rows = _rows;
            _rows = 0;
            return rows;
        }

        public void OnStatementStart(int statementId)
        {
        }

        public void OnSeriesStart(PointMetadata series)
        {
        }

        public void OnRow(ref QueryRowReader row) => _rows++;

        public void OnSeriesEnd(PointMetadata series, bool partial)
        {
        }

        public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
        {
            if (error is not null)
            {
                Errors.Add(error);
            }
        }

        public void OnDocumentEnd() => Documents++;
    }
}
