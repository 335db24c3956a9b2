using System.Text;
using Aioinflux.Caching;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using static Aioinflux.Tests.Caching.CacheTestSupport;

namespace Aioinflux.Tests.Caching;

/// <summary>The query cache against a real redis-server: hits, misses, expiry, large entries, lost entries, clearing.</summary>
public class QueryCacheTests
{
    private const string SmallResponse = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":[\"time\",\"value\"],\"values\":[[1439856000000000000,0.64]]}]}]}\n";

    private string _prefix = null!;
    private CapturingLogger _logger = null!;

    private static IDatabase Inspector => RedisFixture.Inspector;

    [SetUp]
    public void SetUp()
    {
        _prefix = "test:" + Guid.NewGuid().ToString("N")[..12] + ":";
        _logger = new CapturingLogger();
    }

    [TearDown]
    public async Task DeleteKeysAsync()
    {
        foreach (string key in await KeysUnderAsync(RedisFixture.InspectorServer, _prefix))
        {
            await Inspector.KeyDeleteAsync(key);
        }
    }

    private QueryCache CreateCache(Action<QueryCacheOptions>? configure = null)
    {
        var options = new QueryCacheOptions { Configuration = RedisFixture.Server.Configuration, KeyPrefix = _prefix };
        configure?.Invoke(options);
        return new QueryCache(options, _logger);
    }

    [Test]
    public async Task A_miss_then_a_stored_response_then_a_hit_that_returns_the_same_bytes()
    {
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);

        Assert.That(await cache.TryOpenAsync(key), Is.Null);
        Assert.That(await StoreAsync(cache, key, new MemoryStream(Encoding.UTF8.GetBytes(SmallResponse))), Is.True);
        await using Stream? hit = await cache.TryOpenAsync(key);

        Assert.That(hit, Is.Not.Null);
        Assert.Multiple(async () =>
        {
            Assert.That(Encoding.UTF8.GetString(await ReadAllAsync(hit!)), Is.EqualTo(SmallResponse));
            QueryCacheStatistics statistics = cache.Statistics;
            Assert.That((statistics.Hits, statistics.Misses, statistics.Stores, statistics.Skipped, statistics.Errors), Is.EqualTo((1L, 2L, 1L, 0L, 0L)));
            Assert.That(_logger.Count(LogLevel.Debug, 103), Is.EqualTo(1), "one Debug line per hit");
            Assert.That(_logger.Count(LogLevel.Debug, 104), Is.EqualTo(2), "one Debug line per miss");
            Assert.That(_logger.Count(LogLevel.Debug, 105), Is.EqualTo(1), "one Debug line per store");
            Assert.That(await Inspector.KeyExistsAsync(key.Key), Is.True);
        });
    }

    [Test]
    public void The_blocking_methods_store_and_read_an_entry_of_many_pieces()
    {
        const int Length = 1_500_000;
        using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);

        Assert.That(cache.TryOpen(key), Is.Null);
        using (QueryCacheWriter writer = cache.BeginStore(key, new GeneratedResponse(Length, seed: 3, incompressible: true))!)
        {
            writer.Body.CopyTo(Stream.Null);
            Assert.That(writer.Commit(), Is.True);
        }

        using Stream hit = cache.TryOpen(key)!;
        var copy = new MemoryStream();
        hit.CopyTo(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(GeneratedResponse.Bytes(Length, seed: 3, incompressible: true)));
    }

    [Test]
    public async Task An_entry_expires_after_CacheExpiry()
    {
        await using QueryCache cache = CreateCache(o => o.CacheExpiry = TimeSpan.FromSeconds(1));
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await StoreAsync(cache, key, new MemoryStream(Encoding.UTF8.GetBytes(SmallResponse))), Is.True);

        TimeSpan? ttl = await Inspector.KeyTimeToLiveAsync(key.Key);
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromSeconds(1)).And.GreaterThan(TimeSpan.Zero));

        Stream? stillThere = null;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            stillThere = await cache.TryOpenAsync(key);
            if (stillThere is null)
            {
                break;
            }

            await stillThere.DisposeAsync();
            await Task.Delay(100);
        }

        Assert.That(stillThere, Is.Null, "the entry outlived its expiry");
    }

    [Test]
    public async Task A_30_MB_response_round_trips_exactly_while_allocating_a_fraction_of_its_size()
    {
        const long Length = 30_000_000;
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await cache.TryOpenAsync(key), Is.Null);
        byte[] buffer = new byte[64 * 1024];
        byte[] expected = new byte[64 * 1024];

        // Warm the pools and the scripts, so the measurement shows what each query costs rather than the first one.
        Assert.That(await StoreAsync(cache, KeyFor(cache, "SELECT 1"), new GeneratedResponse(1_000_000, seed: 9)), Is.True);
        await using (Stream warm = (await cache.TryOpenAsync(KeyFor(cache, "SELECT 1")))!)
        {
            await warm.CopyToAsync(Stream.Null);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        await using (QueryCacheWriter writer = cache.BeginStore(key, new GeneratedResponse(Length, seed: 7))!)
        {
            await using var reference = new GeneratedResponse(Length, seed: 7);
            int read;
            while ((read = await writer.Body.ReadAsync(buffer)) > 0)
            {
                reference.ReadExactly(expected, 0, read);
                Assert.That(buffer.AsSpan(0, read).SequenceEqual(expected.AsSpan(0, read)), Is.True, "the parser saw other bytes than InfluxDB sent");
            }

            Assert.That(await writer.CommitAsync(), Is.True);
        }

        long stored = GC.GetTotalAllocatedBytes(precise: true);

        // The first hit of this size fills the buffer pools; the second shows what a later hit costs (usually tens of KB; up to
        // a few 256 KB pool misses when the continuations land on threads whose pool caches are still empty).
        await using (Stream first = (await cache.TryOpenAsync(key))!)
        {
            await first.CopyToAsync(Stream.Null);
        }

        long warmedUp = GC.GetTotalAllocatedBytes(precise: true);
        long readBack = 0;
        await using (Stream hit = (await cache.TryOpenAsync(key))!)
        {
            await using var reference = new GeneratedResponse(Length, seed: 7);
            int read;
            while ((read = await hit.ReadAsync(buffer)) > 0)
            {
                reference.ReadExactly(expected, 0, read);
                if (!buffer.AsSpan(0, read).SequenceEqual(expected.AsSpan(0, read)))
                {
                    Assert.Fail($"The hit differs from the response at or after byte {readBack}.");
                }

                readBack += read;
            }
        }

        long after = GC.GetTotalAllocatedBytes(precise: true);
        long compressed = await Inspector.StringLengthAsync(key.Key);
        TestContext.Out.WriteLine($"30 MB response: {compressed:N0} bytes in Redis; allocated {stored - before:N0} B storing, {warmedUp - stored:N0} B in the first hit, {after - warmedUp:N0} B in the next");
        Assert.Multiple(() =>
        {
            Assert.That(readBack, Is.EqualTo(Length));
            Assert.That(stored - before, Is.LessThan(Length / 10), "storing allocated in proportion to the response");
            Assert.That(warmedUp - stored, Is.LessThan(Length / 10), "the first hit allocated in proportion to the response");
            Assert.That(after - warmedUp, Is.LessThan(Length / 10), "a hit allocated in proportion to the response");
        });
    }

    [Test]
    public async Task An_entry_replaced_while_it_is_read_is_detected_and_never_spliced()
    {
        const int Length = 2_000_000;
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await StoreAsync(cache, key, new GeneratedResponse(Length, seed: 1, incompressible: true)), Is.True);

        await using Stream hit = (await cache.TryOpenAsync(key))!;
        byte[] start = new byte[100_000];
        await hit.ReadExactlyAsync(start);
        Assert.That(await StoreAsync(cache, key, new GeneratedResponse(Length, seed: 2, incompressible: true)), Is.True, "the newer answer was not stored");
        (byte[] rest, Exception? failure) = await ReadUntilFailureAsync(hit);

        byte[] original = GeneratedResponse.Bytes(Length, seed: 1, incompressible: true);
        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.TypeOf<CacheEntryLostException>());
            Assert.That(start.Concat(rest).ToArray(), Is.EqualTo(original.AsSpan(0, start.Length + rest.Length).ToArray()), "bytes of the newer entry were spliced in");
            Assert.That(start.Length + rest.Length, Is.LessThan(Length));
            Assert.That(cache.Statistics.Errors, Is.EqualTo(1));
        });

        await using Stream newer = (await cache.TryOpenAsync(key))!;
        Assert.That(await ReadAllAsync(newer), Is.EqualTo(GeneratedResponse.Bytes(Length, seed: 2, incompressible: true)));
    }

    [Test]
    public async Task An_entry_deleted_while_it_is_read_is_detected()
    {
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await StoreAsync(cache, key, new GeneratedResponse(1_000_000, seed: 4, incompressible: true)), Is.True);

        await using Stream hit = (await cache.TryOpenAsync(key))!;
        await hit.ReadExactlyAsync(new byte[1000]);
        await Inspector.KeyDeleteAsync(key.Key);
        (_, Exception? failure) = await ReadUntilFailureAsync(hit);

        Assert.That(failure, Is.TypeOf<CacheEntryLostException>().With.Message.Contain("expired, was evicted or was replaced"));
    }

    [Test]
    public async Task An_entry_altered_in_Redis_fails_its_check_before_the_end_of_the_stream()
    {
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await StoreAsync(cache, key, new GeneratedResponse(1_000_000, seed: 5, incompressible: true)), Is.True);
        await Inspector.StringSetRangeAsync(key.Key, 600_000, "tampered");

        await using Stream hit = (await cache.TryOpenAsync(key))!;
        (_, Exception? failure) = await ReadUntilFailureAsync(hit);

        Assert.That(failure, Is.TypeOf<CacheEntryLostException>());
    }

    [Test]
    public async Task An_abandoned_response_leaves_no_key()
    {
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await cache.TryOpenAsync(key), Is.Null);

        QueryCacheWriter writer = cache.BeginStore(key, new GeneratedResponse(2_000_000, seed: 6, incompressible: true))!;
        await writer.Body.ReadExactlyAsync(new byte[1_000_000]);
        Assert.That(await KeysUnderAsync(RedisFixture.InspectorServer, _prefix), Is.Not.Empty, "nothing was written while the response streamed");
        writer.Abandon();

        Assert.Multiple(async () =>
        {
            Assert.That(await WaitForNoKeysAsync(RedisFixture.InspectorServer, _prefix), Is.Empty);
            Assert.That(await writer.CommitAsync(), Is.False, "an abandoned entry committed");
            Assert.That(await cache.TryOpenAsync(key), Is.Null);
            Assert.That(cache.Statistics.Skipped, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_writer_disposed_without_a_commit_leaves_no_key()
    {
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await cache.TryOpenAsync(key), Is.Null);

        await using (QueryCacheWriter writer = cache.BeginStore(key, new GeneratedResponse(1_000_000, seed: 6, incompressible: true))!)
        {
            await writer.Body.CopyToAsync(Stream.Null);
        }

        Assert.That(await WaitForNoKeysAsync(RedisFixture.InspectorServer, _prefix), Is.Empty);
    }

    [Test]
    public async Task A_response_larger_than_MaxEntryBytes_streams_whole_but_is_not_cached()
    {
        const int Length = 2_000_000;
        await using QueryCache cache = CreateCache(o => o.MaxEntryBytes = 300_000);
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await cache.TryOpenAsync(key), Is.Null);

        await using QueryCacheWriter writer = cache.BeginStore(key, new GeneratedResponse(Length, seed: 8, incompressible: true))!;
        byte[] body = await ReadAllAsync(writer.Body);

        Assert.Multiple(async () =>
        {
            Assert.That(body, Is.EqualTo(GeneratedResponse.Bytes(Length, seed: 8, incompressible: true)));
            Assert.That(writer.IsStoring, Is.False);
            Assert.That(await writer.CommitAsync(), Is.False);
            Assert.That(await WaitForNoKeysAsync(RedisFixture.InspectorServer, _prefix), Is.Empty);
            Assert.That(cache.Statistics.Skipped, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task What_the_parser_leaves_unread_is_read_into_the_entry_at_commit()
    {
        byte[] response = Encoding.UTF8.GetBytes(SmallResponse);
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await cache.TryOpenAsync(key), Is.Null);

        await using (QueryCacheWriter writer = cache.BeginStore(key, new MemoryStream(response))!)
        {
            await writer.Body.ReadExactlyAsync(new byte[response.Length - 1]);
            Assert.That(await writer.CommitAsync(), Is.True);
        }

        await using Stream hit = (await cache.TryOpenAsync(key))!;
        Assert.That(await ReadAllAsync(hit), Is.EqualTo(response));
    }

    [Test]
    public async Task Two_databases_users_and_epochs_never_share_an_entry()
    {
        await using QueryCache cache = CreateCache();
        Assert.That(await StoreAsync(cache, KeyFor(cache, database: "a"), new MemoryStream(Encoding.UTF8.GetBytes(SmallResponse))), Is.True);

        QueryCacheKey otherUser = cache.TryCreateKey(new QueryCacheRequest
        {
            ServerAddress = "http://127.0.0.1:8086/",
            Database = "a",
            Query = "SELECT * FROM cpu",
            Epoch = "ns",
            IdentityHash = QueryCacheKey.HashIdentity("bob", null, null),
        })!;
        Assert.Multiple(async () =>
        {
            Assert.That(await cache.TryOpenAsync(KeyFor(cache, database: "b")), Is.Null);
            Assert.That(await cache.TryOpenAsync(KeyFor(cache, database: "a", epoch: "s")), Is.Null);
            Assert.That(await cache.TryOpenAsync(otherUser), Is.Null);
        });
    }

    [Test]
    public async Task Clearing_deletes_only_keys_under_the_prefix_even_one_with_glob_characters()
    {
        string id = Guid.NewGuid().ToString("N")[..12];
        string prefix = $"glob[a]*?{id}:";
        string[] bystanders = [$"globaXY{id}:1", $"glob[a]*?{id}", $"other:{id}"];
        foreach (string bystander in bystanders)
        {
            await Inspector.StringSetAsync(bystander, "keep me");
        }

        try
        {
            await using var cache = new QueryCache(new QueryCacheOptions { Configuration = RedisFixture.Server.Configuration, KeyPrefix = prefix }, _logger);
            for (int i = 0; i < 3; i++)
            {
                Assert.That(await StoreAsync(cache, KeyFor(cache, "SELECT " + i), new MemoryStream(Encoding.UTF8.GetBytes(SmallResponse))), Is.True);
            }

            long deleted = await cache.ClearAsync();

            Assert.Multiple(async () =>
            {
                Assert.That(deleted, Is.EqualTo(3));
                Assert.That(await KeysUnderAsync(RedisFixture.InspectorServer, prefix), Is.Empty);
                foreach (string bystander in bystanders)
                {
                    Assert.That(await Inspector.KeyExistsAsync(bystander), Is.True, bystander);
                }

                Assert.That(cache.Clear(), Is.Zero, "the blocking form found keys left");
            });
        }
        finally
        {
            await Inspector.KeyDeleteAsync([.. bystanders.Select(b => (RedisKey)b)]);
        }
    }

    [Test]
    public async Task A_real_influxd_response_round_trips_through_the_cache()
    {
        Integration.InfluxServer influx = InfluxFixture.Server;
        string database = await influx.CreateDatabaseAsync("cache");
        await influx.WriteAsync(database, Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 5_000).Select(i => $"cpu,host=h{i % 7} value={i}.5,n={i}i {1_600_000_000_000_000_000L + i}"))));
        await using QueryCache cache = CreateCache();
        QueryCacheKey key = KeyFor(cache, "SELECT * FROM cpu GROUP BY host", database);
        Assert.That(await cache.TryOpenAsync(key), Is.Null);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["db"] = database, ["q"] = "SELECT * FROM cpu GROUP BY host", ["epoch"] = "ns" });
        using HttpResponseMessage response = await influx.Http.PostAsync("query", form);
        byte[] parsed;
        await using (QueryCacheWriter writer = cache.BeginStore(key, await response.Content.ReadAsStreamAsync())!)
        {
            parsed = await ReadAllAsync(writer.Body);
            Assert.That(await writer.CommitAsync(), Is.True);
        }

        await using Stream hit = (await cache.TryOpenAsync(key))!;
        Assert.Multiple(async () =>
        {
            Assert.That(parsed, Has.Length.GreaterThan(100_000));
            Assert.That(await ReadAllAsync(hit), Is.EqualTo(parsed));
        });
    }
}
