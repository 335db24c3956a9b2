using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using StackExchange.Redis;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// The query cache's benchmark of issue 8: one query that answers <see cref="Settings.Rows"/> rows, run again and again,
/// answered by InfluxDB every time or by the Redis cache, through
/// <see cref="InfluxDBClient.QueryAsync(string, QueryOptions?, CancellationToken)"/> (the whole result) and through
/// <see cref="InfluxDBClient.IterPointsAsync{T}(string, Func{InfluxRow, PointMetadata, T}, QueryOptions?, CancellationToken)"/>
/// (chunked, one value per row). Sides:
/// <list type="bullet">
/// <item>each method with <see cref="QueryOptions.UseCache"/> off: InfluxDB answers every query;</item>
/// <item>each method with it on, after one query stored the answer: every measured query is a hit;</item>
/// <item><see cref="InfluxDBClient.QueryAsync(string, QueryOptions?, CancellationToken)"/> with the cache on but emptied
/// before each query (outside the timing): a miss that asks InfluxDB and stores the answer, the price of the first query.</item>
/// </list>
/// Each round runs every side <see cref="Settings.QueriesPerRound"/> times, the sides taking turns query by query (who
/// goes first rotates), so load from the rest of the machine hits every side alike. Every query is checked: the row count,
/// the sum of the <c>Size</c> column against the points written, and the cache's counters (a hit side must have hit, an
/// uncached side must not have touched Redis, the miss side must have stored).
/// </summary>
/// <remarks>
/// Run: <c>scripts/with-services.sh dotnet run -c Release --project Aioinflux.Benchmarks -- cache-e2e</c>, which starts
/// a throw-away influxd and redis-server and exports <c>INFLUXDB_HOST</c>, <c>INFLUXDB_PORT</c>, <c>REDIS_HOST</c> and
/// <c>REDIS_PORT</c>. Options: <c>--rows N</c>, <c>--warmup N</c>, <c>--rounds N</c>, <c>--queries N</c> (per side and
/// round). The cache's Redis timeout is raised to 10 s so that a hit on a loaded machine is measured as a hit rather than
/// falling back to InfluxDB (which the checks would report).
/// </remarks>
public static class CacheEndToEnd
{
    /// <summary>The first command-line argument that selects this benchmark.</summary>
    public const string Command = "cache-e2e";

    private const string Query = "SELECT * FROM \"trades\"";

    /// <summary>Runs the benchmark.</summary>
    /// <param name="args">The arguments after <see cref="Command"/>.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Settings.Parse(args, out string? error) is not { } settings)
        {
            await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            return 2;
        }

        string? host = Environment.GetEnvironmentVariable("INFLUXDB_HOST");
        string? redisHost = Environment.GetEnvironmentVariable("REDIS_HOST");
        if (string.IsNullOrEmpty(host) || !TryGetPort("INFLUXDB_PORT", out int port)
            || string.IsNullOrEmpty(redisHost) || !TryGetPort("REDIS_PORT", out int redisPort))
        {
            await Console.Error.WriteLineAsync(
                "cache-e2e needs a running influxd and redis-server, named by INFLUXDB_HOST, INFLUXDB_PORT, REDIS_HOST and REDIS_PORT, which are not all set. Start both for the run with\n" +
                "  scripts/with-services.sh dotnet run -c Release --project Aioinflux.Benchmarks -- cache-e2e").ConfigureAwait(false);
            return 2;
        }

        long runStarted = Stopwatch.GetTimestamp();
        Console.WriteLine($"cache-e2e: {Query} answering {settings.Rows:N0} rows");
        Console.WriteLine($".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average at the start: {WriteEndToEnd.LoadAverage()}");

        string database = string.Create(CultureInfo.InvariantCulture, $"cachebench_{Environment.ProcessId}");
        string redis = string.Create(CultureInfo.InvariantCulture, $"{redisHost}:{redisPort}");
        var clientOptions = new InfluxDBClientOptions
        {
            Host = host,
            Port = port,
            Database = database,
            Cache = new QueryCacheOptions { Configuration = redis, Timeout = TimeSpan.FromSeconds(10) },
        };

        // The miss side empties its cache before each query; its own prefix keeps the hit sides' entries.
        var missOptions = new InfluxDBClientOptions
        {
            Host = host,
            Port = port,
            Database = database,
            Cache = new QueryCacheOptions { Configuration = redis, Timeout = TimeSpan.FromSeconds(10), KeyPrefix = "aioinflux-bench-miss:" },
        };
        using var client = new InfluxDBClient(clientOptions);
        using var missClient = new InfluxDBClient(missOptions);

        PingResult ping = await client.PingAsync().ConfigureAwait(false);
        using Process? influxd = CpuMeters.FindListeningProcess(port);
        using Process? redisServer = CpuMeters.FindListeningProcess(redisPort);
        Console.WriteLine($"influxd {ping.Version} at {host}:{port}, pid {Pid(influxd)}; redis-server at {redis}, pid {Pid(redisServer)}");

        TradeSet set = TradeSet.Create(settings.Rows, 5_000);
        long expectedSizeSum = 0;
        foreach (Trade trade in set.Trades)
        {
            expectedSizeSum += trade.Size;
        }

        await client.CreateDatabaseAsync(database).ConfigureAwait(false);
        try
        {
            WriteResult written = await client.WriteAsync((IEnumerable<Trade>)set.Trades).ConfigureAwait(false);
            Console.WriteLine($"wrote {written.PointsWritten:N0} points into {database}");
            await client.ClearCacheAsync().ConfigureAwait(false);
            await missClient.ClearCacheAsync().ConfigureAwait(false);

            var expected = new Answer(settings.Rows, expectedSizeSum);
            var uncached = new QueryOptions { Epoch = WritePrecision.Nanoseconds };
            var cached = uncached with { UseCache = true };
            var sides = new QuerySide[]
            {
                new("QueryAsync, InfluxDB every time", CacheUse.None, () => QueryAsync(client, uncached)),
                new("QueryAsync, Redis cache hit", CacheUse.Hit, () => QueryAsync(client, cached)),
                new("IterPointsAsync, InfluxDB every time", CacheUse.None, () => IterPointsAsync(client, uncached)),
                new("IterPointsAsync, Redis cache hit", CacheUse.Hit, () => IterPointsAsync(client, cached)),
                new("QueryAsync, cache miss (asks InfluxDB, stores)", CacheUse.MissAndStore, () => QueryAsync(missClient, cached)),
            };

            // The first cached query of each form stores the answer the measured ones hit (the chunked form has its own entry).
            await QueryAsync(client, cached).ConfigureAwait(false);
            await IterPointsAsync(client, cached).ConfigureAwait(false);
            string sizes = await DescribeSizesAsync(host, port, database, redis, clientOptions.Cache.KeyPrefix).ConfigureAwait(false);
            Console.WriteLine(sizes);

            var samples = sides.Select(_ => new List<QuerySample>()).ToArray();
            for (int round = 0; round < settings.Warmup + settings.Rounds; round++)
            {
                bool warmup = round < settings.Warmup;
                for (int query = 0; query < settings.QueriesPerRound; query++)
                {
                    int first = (round * settings.QueriesPerRound + query) % sides.Length;
                    for (int turn = 0; turn < sides.Length; turn++)
                    {
                        int index = (first + turn) % sides.Length;
                        QuerySide side = sides[index];
                        InfluxDBClient sideClient = side.Use == CacheUse.MissAndStore ? missClient : client;
                        if (side.Use == CacheUse.MissAndStore)
                        {
                            await missClient.ClearCacheAsync().ConfigureAwait(false);
                        }

                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        GC.Collect();
                        QueryCacheStatistics before = sideClient.CacheStatistics;
                        (QuerySample sample, Answer answer) = await MeasureAsync(side.RunAsync, influxd, redisServer).ConfigureAwait(false);
                        Check(side, answer, expected, before, sideClient.CacheStatistics);
                        if (!warmup)
                        {
                            samples[index].Add(sample);
                        }

                        Console.WriteLine(
                            $"  {(warmup ? "warm-up" : "round " + (round - settings.Warmup + 1).ToString(CultureInfo.InvariantCulture)),-8} {side.Name,-48} " +
                            $"{sample.Wall.TotalMilliseconds,7:F1} ms {settings.Rows / sample.Wall.TotalSeconds,10:N0} rows/s  " +
                            $"client {sample.ClientCpu.TotalMilliseconds,6:F1} ms CPU {sample.AllocatedBytes / 1e6,7:F2} MB  " +
                            $"influxd {Format(sample.InfluxCpu?.TotalMilliseconds, "F1"),6} ms  redis {Format(sample.RedisCpu?.TotalMilliseconds, "F1"),6} ms  " +
                            $"others {Format(sample.OtherCores, "F2")} cores  GCs {sample.Gen0}/{sample.Gen1}/{sample.Gen2}");
                    }
                }
            }

            string report = Summarize(settings, ping.Version ?? "(version unknown)", sides, samples);
            Console.WriteLine();
            Console.Write(report);
            Console.WriteLine(sizes);
            Console.WriteLine($"Cache statistics of the main client: {client.CacheStatistics}; of the miss side's: {missClient.CacheStatistics}.");
            Console.WriteLine($"Load average at the end: {WriteEndToEnd.LoadAverage()}; whole run {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:F0} s.");
            return 0;
        }
        finally
        {
            await client.ClearCacheAsync().ConfigureAwait(false);
            await missClient.ClearCacheAsync().ConfigureAwait(false);
            await client.DropDatabaseAsync(database).ConfigureAwait(false);
        }
    }

    /// <summary>The answer's size on the wire (plain and chunked, as the two forms ask for it) and in Redis.</summary>
    private static async Task<string> DescribeSizesAsync(string host, int port, string database, string redis, string keyPrefix)
    {
        using var http = new HttpClient();
        string uri = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/query?db={Uri.EscapeDataString(database)}&epoch=ns&q={Uri.EscapeDataString(Query)}");
        long plain = (await http.GetByteArrayAsync(new Uri(uri)).ConfigureAwait(false)).LongLength;
        long chunked = (await http.GetByteArrayAsync(new Uri(uri + "&chunked=true")).ConfigureAwait(false)).LongLength;

        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
        IDatabase cache = connection.GetDatabase();
        var entries = new List<long>();
        await foreach (RedisKey key in connection.GetServer(redis).KeysAsync(pattern: keyPrefix + "*").ConfigureAwait(false))
        {
            entries.Add(await cache.StringLengthAsync(key).ConfigureAwait(false));
        }

        entries.Sort();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The answer is {plain:N0} bytes of JSON ({chunked:N0} chunked, as IterPointsAsync asks for it); Redis holds the two entries in {string.Join(" and ", entries.Select(e => e.ToString("N0", CultureInfo.InvariantCulture)))} bytes (Brotli).");
    }

    private static bool TryGetPort(string variable, out int port)
        => int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out port);

    private static string Pid(Process? process) => process?.Id.ToString(CultureInfo.InvariantCulture) ?? "not found: no CPU figures";

    /// <summary>The whole result, as a user of aioinflux's <c>query</c> gets it; then a walk over it, as any use would make.</summary>
    private static async Task<Answer> QueryAsync(InfluxDBClient client, QueryOptions options)
    {
        QueryResult result = await client.QueryAsync(Query, options).ConfigureAwait(false);
        long rows = 0, sizeSum = 0;
        foreach (Series series in result.Statements[0].Series)
        {
            int size = series.Metadata.IndexOf("Size");
            foreach (InfluxRow row in series.Values)
            {
                rows++;
                sizeSum += row[size].AsLong();
            }
        }

        return new Answer(rows, sizeSum);
    }

    /// <summary>aioinflux's <c>iterpoints</c> with a parser: one small value per row, made while the row is valid.</summary>
    private static async Task<Answer> IterPointsAsync(InfluxDBClient client, QueryOptions options)
    {
        var parser = new TradeRowParser();
        long rows = 0, sizeSum = 0;
        await foreach (TradeRow row in client.IterPointsAsync(Query, parser.Parse, options).ConfigureAwait(false))
        {
            rows++;
            sizeSum += row.Size;
        }

        return new Answer(rows, sizeSum);
    }

    private static void Check(QuerySide side, Answer answer, Answer expected, QueryCacheStatistics before, QueryCacheStatistics after)
    {
        if (answer != expected)
        {
            throw new InvalidOperationException($"{side.Name} answered {answer}, not {expected}.");
        }

        (long hits, long misses, long stores, long errors) = (after.Hits - before.Hits, after.Misses - before.Misses, after.Stores - before.Stores, after.Errors - before.Errors);
        bool asExpected = side.Use switch
        {
            CacheUse.None => hits == 0 && misses == 0 && stores == 0 && errors == 0,
            CacheUse.Hit => hits == 1 && misses == 0 && stores == 0 && errors == 0,
            _ => hits == 0 && misses == 1 && stores == 1 && errors == 0,
        };
        if (!asExpected)
        {
            throw new InvalidOperationException($"{side.Name}: the cache counted {hits} hits, {misses} misses, {stores} stores and {errors} errors for one query.");
        }
    }

    private static async Task<(QuerySample Sample, Answer Answer)> MeasureAsync(Func<Task<Answer>> query, Process? influxd, Process? redis)
    {
        TimeSpan? influxBefore = CpuMeters.ProcessCpu(influxd);
        TimeSpan? redisBefore = CpuMeters.ProcessCpu(redis);
        TimeSpan? machineBefore = CpuMeters.MachineBusy();
        Environment.ProcessCpuUsage cpuBefore = Environment.CpuUsage;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long started = Stopwatch.GetTimestamp();

        Answer answer = await query().ConfigureAwait(false);

        TimeSpan wall = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TimeSpan cpu = Environment.CpuUsage.TotalTime - cpuBefore.TotalTime;
        TimeSpan? influxCpu = CpuMeters.ProcessCpu(influxd) - influxBefore;
        TimeSpan? redisCpu = CpuMeters.ProcessCpu(redis) - redisBefore;
        TimeSpan? others = CpuMeters.MachineBusy() - machineBefore - cpu - (influxCpu ?? TimeSpan.Zero) - (redisCpu ?? TimeSpan.Zero);
        var sample = new QuerySample(wall, cpu, allocated, influxCpu, redisCpu, others, GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        return (sample, answer);
    }

    private static string Summarize(Settings settings, string version, QuerySide[] sides, List<QuerySample>[] samples)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{Query}` ({settings.Rows:N0} rows, epoch=ns) against influxd {version} and redis-server on loopback, sides taking turns query by query, median of {settings.Rounds * settings.QueriesPerRound} queries each:");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {settings.Rows:N0}-row query | ms/query | rows/s | client CPU ms/query | client allocated MB/query | B/row | influxd CPU ms/query | redis CPU ms/query | other processes (cores busy) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var wall = new double[sides.Length];
        for (int i = 0; i < sides.Length; i++)
        {
            List<QuerySample> queries = samples[i];
            wall[i] = Median(queries, s => s.Wall.TotalMilliseconds);
            double cpu = Median(queries, s => s.ClientCpu.TotalMilliseconds);
            double bytes = Median(queries, s => s.AllocatedBytes);
            double? influx = queries.All(s => s.InfluxCpu is not null) ? Median(queries, s => s.InfluxCpu!.Value.TotalMilliseconds) : null;
            double? redis = queries.All(s => s.RedisCpu is not null) ? Median(queries, s => s.RedisCpu!.Value.TotalMilliseconds) : null;
            double? others = queries.All(s => s.OtherCores is not null) ? Median(queries, s => s.OtherCores!.Value) : null;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {sides[i].Name} | {wall[i]:F1} | {settings.Rows / (wall[i] / 1000):N0} | {cpu:F1} | {bytes / 1e6:F2} | {bytes / settings.Rows:F0} | {Format(influx, "F1")} | {Format(redis, "F1")} | {Format(others, "F2")} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Cache hit speed-up (median times): QueryAsync {wall[0] / wall[1]:F1}×, IterPointsAsync {wall[2] / wall[3]:F1}×; a miss that stores costs {wall[4] / wall[0]:F2}× an uncached QueryAsync.");
        text.AppendLine();
        return text.ToString();
    }

    private static double Median(List<QuerySample> samples, Func<QuerySample, double> selector) => WriteEndToEnd.Median(samples.Select(selector).ToList());

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    /// <summary>How a side uses the cache, which decides what its counters must show after each query.</summary>
    private enum CacheUse
    {
        None,
        Hit,
        MissAndStore,
    }

    /// <summary>What a query returned, reduced to what can be checked: the row count and the sum of the <c>Size</c> column.</summary>
    private readonly record struct Answer(long Rows, long SizeSum);

    /// <summary>One row of the iterpoints side: what a backtest would keep of a trade.</summary>
    private readonly record struct TradeRow(long Time, double Price, long Size);

    /// <summary>One way of running the query.</summary>
    private sealed record QuerySide(string Name, CacheUse Use, Func<Task<Answer>> RunAsync);

    /// <summary>What one query cost.</summary>
    private sealed record QuerySample(
        TimeSpan Wall,
        TimeSpan ClientCpu,
        long AllocatedBytes,
        TimeSpan? InfluxCpu,
        TimeSpan? RedisCpu,
        TimeSpan? OtherCpu,
        int Gen0,
        int Gen1,
        int Gen2)
    {
        /// <summary>The average number of cores that processes other than the client, influxd and redis kept busy.</summary>
        public double? OtherCores => OtherCpu is { } other ? Math.Max(0, other / Wall) : null;
    }

    /// <summary>Reads a row by column position, looked up once per series rather than once per row.</summary>
    private sealed class TradeRowParser
    {
        private PointMetadata? _metadata;
        private int _price;
        private int _size;

        public TradeRow Parse(InfluxRow row, PointMetadata metadata)
        {
            if (!ReferenceEquals(metadata, _metadata))
            {
                _metadata = metadata;
                _price = metadata.IndexOf("Price");
                _size = metadata.IndexOf("Size");
            }

            return new TradeRow(row[metadata.TimeColumnIndex].AsLong(), row[_price].AsDouble(), row[_size].AsLong());
        }
    }

    /// <summary>The command line.</summary>
    private sealed record Settings(int Rows, int Warmup, int Rounds, int QueriesPerRound)
    {
        private const string Usage = "Options: --rows N, --warmup N, --rounds N, --queries N (per side and round).";

        public static Settings? Parse(string[] args, out string? error)
        {
            var settings = new Settings(Rows: 100_000, Warmup: 1, Rounds: 5, QueriesPerRound: 3);
            for (int i = 0; i < args.Length; i += 2)
            {
                string name = args[i];
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    error = $"cache-e2e: '{name}' is not an option followed by a whole number. {Usage}";
                    return null;
                }

                Settings? next = name switch
                {
                    "--rows" => settings with { Rows = value },
                    "--warmup" => settings with { Warmup = value },
                    "--rounds" => settings with { Rounds = value },
                    "--queries" => settings with { QueriesPerRound = value },
                    _ => null,
                };
                if (next is null)
                {
                    error = $"cache-e2e: unknown option '{name}'. {Usage}";
                    return null;
                }

                settings = next;
            }

            if (settings.Rows < 1 || settings.Rounds < 1 || settings.QueriesPerRound < 1)
            {
                error = "cache-e2e: --rows, --rounds and --queries must be at least 1.";
                return null;
            }

            error = null;
            return settings;
        }
    }
}
