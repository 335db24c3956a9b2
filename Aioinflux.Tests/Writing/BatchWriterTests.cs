using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aioinflux.Tests.Client;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests.Writing;

/// <summary>A point per producer and sequence number, with a distinct timestamp each.</summary>
[LineProtocol(Measurement = "ticks")]
public partial record Tick([property: Tag] string Producer, [property: Field] long Seq, [property: TimeInt] long? Time);

/// <summary>The batching writer against a real influxd: bounded, lossless, across crashes.</summary>
public class BatchWriterTests
{
    private const long BaseTime = 1_600_000_000_000_000_000;

    private static InfluxServer Server => InfluxFixture.Server;

    private static async Task<long> CountAsync(InfluxServer server, string database, string measurement = "ticks", string field = "Seq")
    {
        List<Dictionary<string, JsonElement>> rows = await server.SelectAsync(database, $"SELECT count(\"{field}\") FROM \"{measurement}\"");
        return rows.Count == 0 ? 0 : rows[0]["count"].GetInt64();
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task A_million_points_from_four_producers_all_arrive_although_influxd_is_killed_twice(CancellationToken cancellationToken)
    {
        const int Producers = 4;
        const int PerProducer = 250_000;
        await using InfluxServer server = await InfluxServer.StartAsync();
        await server.QueryAsync(null, "CREATE DATABASE crashes");
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Host = "127.0.0.1", Port = server.Port, Database = "crashes", Timeout = TimeSpan.FromSeconds(30) });
        var failures = new ConcurrentBag<BatchWriteFailedEventArgs>();
        BatchWriter writer = client.CreateBatchWriter(new BatchWriterOptions
        {
            BatchSize = 5_000,
            MaxBufferedPoints = 100_000,
            FirstRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryTime = TimeSpan.FromMinutes(2),
        });
        writer.Failed += (_, e) => failures.Add(e);

        Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            string name = "p" + p;
            for (int i = 0; i < PerProducer; i++)
            {
                long seq = ((long)p * PerProducer) + i;
                await writer.WriteAsync(new Tick(name, seq, BaseTime + (seq * 1_000)), cancellationToken);
            }
        }, cancellationToken)).ToArray();

        foreach (long threshold in new[] { 250_000L, 600_000L })
        {
            while (writer.Statistics.Accepted < threshold && !producers.All(t => t.IsCompleted))
            {
                await Task.Delay(10, cancellationToken);
            }

            server.Kill();
            await Task.Delay(500, cancellationToken);
            await server.RestartAsync();
        }

        await Task.WhenAll(producers);
        await writer.DisposeAsync();

        BatchWriterStatistics statistics = writer.Statistics;
        Assert.That(failures, Is.Empty, () => failures.First().Exception.Message);
        Assert.Multiple(() =>
        {
            Assert.That(statistics.Accepted, Is.EqualTo(1_000_000));
            Assert.That(statistics.Written, Is.EqualTo(1_000_000));
            Assert.That(statistics.Failed + statistics.Dropped + statistics.Buffered, Is.Zero);
            Assert.That(statistics.Retried, Is.Positive, "the kills made some requests fail");
        });
        Assert.That(await CountAsync(server, "crashes"), Is.EqualTo(1_000_000));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task With_the_server_gone_producers_wait_at_the_bound_and_disposing_hands_every_point_to_the_failure_handler(CancellationToken cancellationToken)
    {
        const long Bound = 4 * 1024 * 1024;
        using var client = new InfluxDBClient(host: "127.0.0.1", port: ClientWriteTests.FreePort(), database: "gone");
        var failed = new ConcurrentBag<BatchWriteFailedEventArgs>();
        BatchWriter writer = client.CreateBatchWriter(new BatchWriterOptions
        {
            BatchSize = 1_000,
            MaxBufferedBytes = Bound,
            MaxBufferedPoints = 10_000_000,
            FirstRetryDelay = TimeSpan.FromMilliseconds(50),
            DisposeTimeout = TimeSpan.FromSeconds(1),
        });
        writer.Failed += (_, e) => failed.Add(e);
        long before = GC.GetTotalMemory(forceFullCollection: true);

        long accepted = 0;
        while (writer.TryWrite(new Tick("p", accepted, BaseTime + accepted)))
        {
            accepted++;
        }

        using var shortWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        shortWait.CancelAfter(TimeSpan.FromMilliseconds(300));
        Assert.CatchAsync<OperationCanceledException>(async () => await writer.WriteAsync(new Tick("p", -1, BaseTime - 1), shortWait.Token), "a producer waits at the bound");
        long growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        BatchWriterStatistics full = writer.Statistics;
        await writer.DisposeAsync();

        TestContext.Out.WriteLine($"bound {Bound} B; buffered {full.BufferedBytes} B in {full.Buffered} points; managed heap growth {growth} B");
        Assert.Multiple(() =>
        {
            Assert.That(full.BufferedBytes, Is.LessThanOrEqualTo(Bound).And.GreaterThan(Bound - 1_000));
            Assert.That(full.Accepted, Is.EqualTo(accepted));
            Assert.That(growth, Is.LessThan(Bound + (16 * 1024 * 1024)), "memory stays under the bound plus a constant");
            Assert.That(failed.Sum(f => f.Points), Is.EqualTo(accepted), "nothing accepted is silently lost");
            Assert.That(failed.All(f => f.Exception is InfluxDBConnectionException || f.Exception.Message.Contains("disposed", StringComparison.Ordinal)), Is.True);
            Assert.That(writer.Statistics.Failed, Is.EqualTo(accepted));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_bad_line_is_reported_with_its_text_and_every_other_point_arrives(CancellationToken cancellationToken)
    {
        string db = await Server.CreateDatabaseAsync("badline");
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port, database: db);
        var failed = new ConcurrentBag<BatchWriteFailedEventArgs>();
        await using (BatchWriter writer = client.CreateBatchWriter(new BatchWriterOptions { BatchSize = 100 }))
        {
            writer.Failed += (_, e) => failed.Add(e);
            for (int i = 0; i < 1_000; i++)
            {
                if (i == 456)
                {
                    await writer.WriteAsync("ticks,Producer=raw Seq=oops 1", cancellationToken);
                }

                await writer.WriteAsync(new Tick("p", i, BaseTime + i), cancellationToken);
            }
        }

        BatchWriteFailedEventArgs failure = failed.Single();
        var error = (InfluxDBWriteException)failure.Exception;
        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.RejectedLines, Is.EqualTo(new[] { "ticks,Producer=raw Seq=oops 1" }));
            Assert.That(failure.GetLines(), Does.Contain("Seq=oops"));
            Assert.That(failure.PointsWritten, Is.EqualTo(failure.Points - 1), "the rest of that batch was written");
        });
        Assert.That(await CountAsync(Server, db), Is.EqualTo(1_000));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Flush_writes_everything_accepted_so_far_while_producers_keep_writing(CancellationToken cancellationToken)
    {
        string db = await Server.CreateDatabaseAsync("flush");
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port, database: db);
        await using BatchWriter writer = client.CreateBatchWriter(new BatchWriterOptions { BatchSize = 1_000, FlushInterval = TimeSpan.FromMinutes(10) });
        using var stop = new CancellationTokenSource();
        Task background = Task.Run(async () =>
        {
            for (long i = 1_000_000; !stop.IsCancellationRequested && i < 1_500_000; i++)
            {
                await writer.WriteAsync(new Tick("background", i, BaseTime + i), cancellationToken);
            }
        }, cancellationToken);

        for (int i = 0; i < 2_345; i++)
        {
            await writer.WriteAsync(new Tick("foreground", i, BaseTime + i), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT count(Seq) FROM ticks WHERE Producer = 'foreground'");
        await stop.CancelAsync();
        await background;

        Assert.That(rows.Single()["count"].GetInt64(), Is.EqualTo(2_345), "less than one batch was still open, and flush sent it");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Points_without_a_timestamp_are_stamped_when_accepted_so_none_overwrite_each_other(CancellationToken cancellationToken)
    {
        string db = await Server.CreateDatabaseAsync("stamped");
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port, database: db);
        long acceptedFrom = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        await using (BatchWriter writer = client.CreateBatchWriter())
        {
            for (int i = 0; i < 500; i++)
            {
                await writer.WriteAsync(new Tick("same series", i, null), cancellationToken);
            }

            await writer.WriteAsync("ticks,Producer=raw Seq=1i\nticks,Producer=raw Seq=2i\n", cancellationToken);
        }

        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT * FROM ticks");
        Assert.That(rows, Has.Count.EqualTo(502));
        Assert.That(rows.Select(r => r["time"].GetInt64()), Is.Unique.And.All.GreaterThanOrEqualTo(acceptedFrom));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Drop_oldest_keeps_the_newest_points_and_counts_what_it_dropped(CancellationToken cancellationToken)
    {
        using var client = new InfluxDBClient(host: "127.0.0.1", port: ClientWriteTests.FreePort(), database: "gone");
        int failedPoints = 0;
        BatchWriter writer = client.CreateBatchWriter(new BatchWriterOptions
        {
            BatchSize = 100,
            MaxBufferedPoints = 1_000,
            FullMode = BufferFullMode.DropOldest,
            DisposeTimeout = TimeSpan.FromMilliseconds(200),
        });
        writer.Failed += (_, e) => Interlocked.Add(ref failedPoints, e.Points);

        for (int i = 0; i < 10_000; i++)
        {
            Assert.That(writer.TryWrite(new Tick("p", i, BaseTime + i)), Is.True);
        }

        BatchWriterStatistics statistics = writer.Statistics;
        await writer.DisposeAsync();

        Assert.That(statistics.Buffered, Is.LessThanOrEqualTo(1_000));
        Assert.That(statistics.Dropped + statistics.Buffered + statistics.Failed, Is.EqualTo(10_000));
        Assert.That(writer.Statistics.Dropped + failedPoints, Is.EqualTo(10_000));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_429_with_Retry_After_is_retried_after_the_servers_delay_checked_with_a_fake_server_because_influxd_1_6_never_sends_one(CancellationToken cancellationToken)
    {
        int port = ClientWriteTests.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var arrivals = new List<long>();
        Task server = Task.Run(async () =>
        {
            for (int i = 0; i < 2; i++)
            {
                HttpListenerContext context = await listener.GetContextAsync();
                arrivals.Add(Stopwatch.GetTimestamp());
                if (i == 0)
                {
                    context.Response.StatusCode = 429;
                    context.Response.AddHeader("Retry-After", "2");
                }
                else
                {
                    context.Response.StatusCode = 204;
                }

                context.Response.Close();
            }
        }, cancellationToken);
        using var client = new InfluxDBClient(host: "127.0.0.1", port: port, database: "db");

        await using (BatchWriter writer = client.CreateBatchWriter(new BatchWriterOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10) }))
        {
            await writer.WriteAsync(new Tick("p", 1, BaseTime), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            Assert.That(writer.Statistics, Is.EqualTo(new BatchWriterStatistics(1, 1, 1, 0, 0, 0, 0)));
        }

        await server;
        Assert.That(Stopwatch.GetElapsedTime(arrivals[0], arrivals[1]), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.5)), "the retry waited for Retry-After (2 s, less jitter)");
    }
}
