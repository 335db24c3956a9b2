using Aioinflux.Tests.Client;
using Aioinflux.Tests.Generation;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests.Caching;

/// <summary>The query cache through <see cref="InfluxDBClient"/>, against real influxd and redis-server.</summary>
public class ClientCacheTests
{
    private static InfluxServer Influx => InfluxFixture.Server;

    private static InfluxDBClient CreateClient(string? database, string? username = null, string? prefix = null, string? redis = null)
        => new(new InfluxDBClientOptions
        {
            Host = "127.0.0.1",
            Port = Influx.Port,
            Database = database,
            Username = username,
            Cache = new QueryCacheOptions { Configuration = redis ?? RedisFixture.Server.Configuration, KeyPrefix = prefix ?? "aioinflux-test:" + Guid.NewGuid().ToString("N")[..8] + ":" },
        });

    private static async Task<string> DatabaseWithTradesAsync(string hint, int count)
    {
        string db = await Influx.CreateDatabaseAsync(hint);
        using var writer = new InfluxDBClient(host: "127.0.0.1", port: Influx.Port, database: db);
        await writer.WriteAsync(Enumerable.Range(0, count).Select(i => new Trade(1_700_000_000_000_000_000 + i, "AAPL", Side.Buy, i, i, "t")));
        return db;
    }

    private static readonly QueryOptions Cached = new() { UseCache = true, Epoch = WritePrecision.Nanoseconds };

    [Test]
    public async Task A_repeated_query_is_answered_from_the_cache_in_every_form()
    {
        string db = await DatabaseWithTradesAsync("hits", 50);
        await using InfluxDBClient client = CreateClient(db);

        QueryResult first = await client.QueryAsync("SELECT * FROM trades", Cached);
        await Influx.QueryAsync(db, "DROP MEASUREMENT trades");
        QueryResult second = await client.QueryAsync("SELECT * FROM trades", Cached);
        QueryResult blocking = client.Query("SELECT * FROM trades", Cached);

        Assert.That(second.Statements[0].Series[0].Values.Select(r => r.ToArray()), Is.EqualTo(first.Statements[0].Series[0].Values.Select(r => r.ToArray())), "the cached answer, although the data is gone");
        Assert.That(blocking.Statements[0].Series[0].Values, Has.Count.EqualTo(50));
        Assert.That(client.CacheStatistics.Hits, Is.EqualTo(2));
        Assert.That(client.CacheStatistics.Stores, Is.EqualTo(1));
    }

    [Test]
    public async Task Chunked_iterpoints_answers_are_cached_too()
    {
        string db = await DatabaseWithTradesAsync("chunked", 30);
        await using InfluxDBClient client = CreateClient(db);
        var options = Cached with { ChunkSize = 7 };

        List<long> first = await client.IterPointsAsync("SELECT Size FROM trades", (row, _) => row[1].AsLong(), options).ToListAsync();
        List<long> second = await client.IterPointsAsync("SELECT Size FROM trades", (row, _) => row[1].AsLong(), options).ToListAsync();
        List<QueryResult> chunks = await client.QueryChunkedAsync("SELECT Size FROM trades", options).ToListAsync();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Has.Count.EqualTo(30));
        Assert.That(chunks, Has.Count.EqualTo(5));
        Assert.That(client.CacheStatistics.Hits, Is.EqualTo(2), "the chunked answer of the same request is the same entry");
    }

    [Test]
    public async Task Two_databases_two_users_and_two_epochs_never_share_an_entry()
    {
        string one = await DatabaseWithTradesAsync("iso_one", 1);
        string two = await DatabaseWithTradesAsync("iso_two", 2);
        string prefix = "aioinflux-iso:" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using InfluxDBClient alice = CreateClient(one, "alice", prefix);
        await using InfluxDBClient bob = CreateClient(one, "bob", prefix);

        QueryResult fromOne = await alice.QueryAsync("SELECT count(Size) FROM trades", Cached);
        QueryResult fromTwo = await alice.QueryAsync("SELECT count(Size) FROM trades", Cached with { Database = two });
        QueryResult asBob = await bob.QueryAsync("SELECT count(Size) FROM trades", Cached);
        QueryResult inSeconds = await alice.QueryAsync("SELECT count(Size) FROM trades", Cached with { Epoch = WritePrecision.Seconds });

        Assert.That(fromOne.Statements[0].Series[0].Values[0][1].AsLong(), Is.EqualTo(1));
        Assert.That(fromTwo.Statements[0].Series[0].Values[0][1].AsLong(), Is.EqualTo(2));
        Assert.That(asBob.Statements[0].Series[0].Values[0][1].AsLong(), Is.EqualTo(1));
        Assert.That(alice.CacheStatistics.Misses + bob.CacheStatistics.Misses, Is.EqualTo(4));
        Assert.That(alice.CacheStatistics.Hits + bob.CacheStatistics.Hits, Is.Zero);
        Assert.That(inSeconds.Statements[0].Series[0].Values[0][0].AsLong(), Is.Zero);
    }

    [Test]
    public async Task Write_statements_and_failed_answers_are_never_cached()
    {
        string db = await DatabaseWithTradesAsync("nocache", 3);
        await using InfluxDBClient client = CreateClient(db);

        await client.QueryAsync("SELECT * INTO copy FROM trades", Cached);
        await client.QueryAsync("SELECT * INTO copy FROM trades", Cached);
        Assert.ThrowsAsync<InfluxDBQueryException>(() => client.QueryAsync("SELECT * FROM nosuchdb..trades", Cached));
        Assert.ThrowsAsync<InfluxDBQueryException>(() => client.QueryAsync("SELECT * FROM nosuchdb..trades", Cached));

        Assert.That(client.CacheStatistics.Stores, Is.Zero);
        Assert.That(client.CacheStatistics.Hits, Is.Zero);
        Assert.That(client.CacheStatistics.Skipped, Is.EqualTo(4), "two SELECT … INTO statements and two failed answers");
    }

    [Test]
    public async Task With_Redis_unreachable_queries_still_succeed_from_InfluxDB()
    {
        string db = await DatabaseWithTradesAsync("noredis", 3);
        await using InfluxDBClient client = CreateClient(db, redis: "127.0.0.1:" + ClientWriteTests.FreePort());

        QueryResult result = await client.QueryAsync("SELECT * FROM trades", Cached);
        QueryResult again = client.Query("SELECT * FROM trades", Cached);

        Assert.That(result.Statements[0].Series[0].Values, Has.Count.EqualTo(3));
        Assert.That(again.Statements[0].Series[0].Values, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Nothing_is_cached_unless_asked_and_clearing_removes_the_entries()
    {
        string db = await DatabaseWithTradesAsync("clear", 3);
        await using InfluxDBClient client = CreateClient(db);

        await client.QueryAsync("SELECT * FROM trades");
        Assert.That(client.CacheStatistics.Misses + client.CacheStatistics.Stores, Is.Zero);
        await client.QueryAsync("SELECT * FROM trades", Cached);
        long cleared = await client.ClearCacheAsync();
        await client.QueryAsync("SELECT * FROM trades", Cached);

        Assert.That(cleared, Is.EqualTo(1));
        Assert.That(client.CacheStatistics.Misses, Is.EqualTo(2));
    }

    [Test]
    public void Caching_with_a_ready_made_HttpClient_needs_an_explicit_identity()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new InfluxDBClient(http, new InfluxDBClientOptions { Cache = new QueryCacheOptions { Configuration = RedisFixture.Server.Configuration } }));

        Assert.That(error!.Message, Does.Contain("QueryCacheOptions.Identity"));
        using var withIdentity = new InfluxDBClient(http, new InfluxDBClientOptions { Cache = new QueryCacheOptions { Configuration = RedisFixture.Server.Configuration, Identity = "service-a" } });
    }
}
