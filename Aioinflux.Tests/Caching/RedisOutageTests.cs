using System.Diagnostics;
using System.Text;
using Aioinflux.Caching;
using Microsoft.Extensions.Logging;
using static Aioinflux.Tests.Caching.CacheTestSupport;

namespace Aioinflux.Tests.Caching;

/// <summary>Redis killed and restarted under the cache: queries never fail, one warning per outage, the cache comes back.</summary>
public class RedisOutageTests
{
    private static readonly byte[] Response = Encoding.UTF8.GetBytes("{\"results\":[{\"statement_id\":0}]}\n");

    private static QueryCache CreateCache(RedisServer server, ILogger logger)
        => new(new QueryCacheOptions
        {
            Configuration = server.Configuration,
            Timeout = TimeSpan.FromSeconds(1),
            RetryInterval = TimeSpan.FromMilliseconds(200),
        }, logger);

    /// <summary>Asks until Redis answers again (a miss or a hit, not a bypass), for at most about 30 seconds.</summary>
    private static async Task<bool> WaitUntilRedisAnswersAsync(QueryCache cache, QueryCacheKey key)
    {
        for (int attempt = 0; attempt < 150; attempt++)
        {
            long answered = cache.Statistics.Misses + cache.Statistics.Hits;
            await using (Stream? _ = await cache.TryOpenAsync(key))
            {
            }

            if (cache.Statistics.Misses + cache.Statistics.Hits > answered)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    [Test]
    public async Task Redis_killed_mid_run_costs_one_warning_and_the_cache_works_again_after_a_restart()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var logger = new CapturingLogger();
        await using QueryCache cache = CreateCache(server, logger);
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await StoreAsync(cache, key, new MemoryStream(Response)), Is.True);

        server.Kill();
        QueryCacheStatistics before = cache.Statistics;
        var elapsed = Stopwatch.StartNew();
        for (int i = 0; i < 10; i++)
        {
            Assert.That(await cache.TryOpenAsync(key), Is.Null, "a query got an answer from a dead Redis");
            Assert.That(cache.TryOpen(key), Is.Null, "a blocking query got an answer from a dead Redis");
            Assert.That(cache.BeginStore(key, new MemoryStream(Response)), Is.Null);
        }

        TestContext.Out.WriteLine($"30 cache calls with Redis killed took {elapsed.ElapsedMilliseconds} ms in all");
        QueryCacheStatistics during = cache.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(logger.Count(LogLevel.Warning, 100), Is.EqualTo(1), "one warning per outage, not one per query");
            Assert.That(during.Skipped + during.Errors - before.Skipped - before.Errors, Is.EqualTo(20), "each query counted once, as skipped or failed");
        });

        await server.RestartAsync();
        Assert.That(await WaitUntilRedisAnswersAsync(cache, key), Is.True, "the cache did not come back after Redis did");
        Assert.That(await StoreAsync(cache, key, new MemoryStream(Response)), Is.True);
        await using Stream? hit = await cache.TryOpenAsync(key);

        Assert.Multiple(async () =>
        {
            Assert.That(hit, Is.Not.Null);
            Assert.That(await ReadAllAsync(hit!), Is.EqualTo(Response));
            Assert.That(logger.Count(LogLevel.Warning, 100), Is.EqualTo(1));
            Assert.That(logger.Count(LogLevel.Information, 101), Is.EqualTo(1), "the end of the outage is logged once");
        });
    }

    [Test]
    public async Task Redis_killed_while_an_entry_is_read_or_written_fails_only_the_cache()
    {
        const int Length = 2_000_000;
        await using RedisServer server = await RedisServer.StartAsync();
        var logger = new CapturingLogger();
        await using QueryCache cache = CreateCache(server, logger);
        QueryCacheKey stored = KeyFor(cache, "SELECT 1");
        QueryCacheKey storing = KeyFor(cache, "SELECT 2");
        Assert.That(await StoreAsync(cache, stored, new GeneratedResponse(Length, seed: 11, incompressible: true)), Is.True);

        await using Stream hit = (await cache.TryOpenAsync(stored))!;
        await hit.ReadExactlyAsync(new byte[1000]);
        Assert.That(await cache.TryOpenAsync(storing), Is.Null);
        await using QueryCacheWriter writer = cache.BeginStore(storing, new GeneratedResponse(Length, seed: 12, incompressible: true))!;
        byte[] firstHalf = new byte[Length / 2];
        await writer.Body.ReadExactlyAsync(firstHalf);

        server.Kill();
        (_, Exception? failure) = await ReadUntilFailureAsync(hit);
        byte[] secondHalf = await ReadAllAsync(writer.Body);

        Assert.Multiple(async () =>
        {
            Assert.That(failure, Is.TypeOf<CacheEntryLostException>());
            Assert.That(firstHalf.Concat(secondHalf).ToArray(), Is.EqualTo(GeneratedResponse.Bytes(Length, seed: 12, incompressible: true)), "the response did not stream whole past the failed cache");
            Assert.That(await writer.CommitAsync(), Is.False);
            Assert.That(logger.Count(LogLevel.Warning, 100), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_slow_Redis_costs_one_timeout_and_is_then_bypassed_for_the_retry_interval()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var logger = new CapturingLogger();
        await using var cache = new QueryCache(new QueryCacheOptions
        {
            Configuration = server.Configuration,
            Timeout = TimeSpan.FromMilliseconds(500),
            RetryInterval = TimeSpan.FromMinutes(5),
        }, logger);
        QueryCacheKey key = KeyFor(cache);
        Assert.That(await StoreAsync(cache, key, new MemoryStream(Response)), Is.True);

        // CLIENT PAUSE holds every other client's commands: Redis is up and connected, but does not answer in time. (The
        // pausing connection is closed only at the end: closing sends QUIT, which the pause would hold too.)
        await using StackExchange.Redis.ConnectionMultiplexer pauser = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.Configuration + ",allowAdmin=true");
        await pauser.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", 3000);

        var elapsed = Stopwatch.StartNew();
        Assert.That(await cache.TryOpenAsync(key), Is.Null, "a paused Redis answered");
        TimeSpan firstCall = elapsed.Elapsed;
        QueryCacheStatistics afterTimeout = cache.Statistics;
        for (int i = 0; i < 5; i++)
        {
            Assert.That(await cache.TryOpenAsync(key), Is.Null);
            Assert.That(cache.TryOpen(key), Is.Null);
        }

        TestContext.Out.WriteLine($"Paused Redis: the first call gave up after {firstCall.TotalMilliseconds:0} ms, the next 10 took {(elapsed.Elapsed - firstCall).TotalMilliseconds:0} ms in all");

        QueryCacheStatistics afterBypass = cache.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(afterTimeout.Errors, Is.EqualTo(1), "the timeout was not counted as an error");
            Assert.That(afterBypass.Errors, Is.EqualTo(1), "queries within the retry interval still waited for Redis");
            Assert.That(afterBypass.Skipped - afterTimeout.Skipped, Is.EqualTo(10));
            Assert.That(logger.Count(LogLevel.Warning, 100), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_Redis_that_is_down_at_startup_is_used_once_it_comes_up()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        server.Kill();
        var logger = new CapturingLogger();
        await using QueryCache cache = CreateCache(server, logger);
        QueryCacheKey key = KeyFor(cache);

        Assert.That(await cache.TryOpenAsync(key), Is.Null);
        Assert.That(cache.TryOpen(key), Is.Null);
        Assert.That(logger.Count(LogLevel.Warning, 100), Is.EqualTo(1));

        await server.RestartAsync();
        Assert.That(await WaitUntilRedisAnswersAsync(cache, key), Is.True);
        Assert.That(await StoreAsync(cache, key, new MemoryStream(Response)), Is.True);
        await using Stream? hit = await cache.TryOpenAsync(key);
        Assert.That(hit, Is.Not.Null);
    }
}
