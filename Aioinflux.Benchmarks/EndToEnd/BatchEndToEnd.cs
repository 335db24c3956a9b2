using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// The batch writer's benchmark of issue 9: <see cref="Settings.Points"/> trades handed one at a time to
/// <see cref="BatchWriter.WriteAsync{T}(T, CancellationToken)"/> by 1 and by 4 producer tasks (a writer made by
/// <see cref="InfluxDBClient.CreateBatchWriter"/> with batches of <see cref="Settings.BatchSize"/>, disposed at the end
/// of each call so that everything is written), against the same ceiling as <see cref="WriteEndToEnd"/>, measured in the
/// same run: the same points, pre-serialized into one byte array per request and posted one after the other by a plain
/// <see cref="HttpClient"/>. Phases:
/// <list type="number">
/// <item>influxd, interleaved (the default and the figure that counts): each side's round is cut into
/// <see cref="Settings.Slices"/> calls, taken turn about with the other sides', so load from the rest of the machine hits
/// every side alike. Each call makes a writer, runs the producers over its slice, and disposes the writer.</item>
/// <item>influxd, whole calls (off unless <c>--rounds N</c>): one call of all the points per side and round.</item>
/// <item>a <see cref="LoopbackSink"/> in its own process that discards the bodies: the writer's own cost and its top
/// speed, which is where a bottleneck inside the writer (its lock, its per-point copy) would show.</item>
/// </list>
/// Every influxd round writes into a fresh database; the stored count is checked with a query and the database dropped.
/// Every call also checks the writer's statistics: all points written, none retried, failed or dropped.
/// </summary>
/// <remarks>
/// Run: <c>scripts/with-influxdb.sh dotnet run -c Release --project Aioinflux.Benchmarks -- batch-e2e</c>.
/// Options: <c>--points N</c>, <c>--batch N</c>, <c>--producers 1,4</c> (one side per count); <c>--warmup N</c>,
/// <c>--interleaved-rounds N</c>, <c>--slices N</c>, <c>--rounds N</c> (whole-call rounds); <c>--sink-warmup N</c>,
/// <c>--sink-rounds N</c>, <c>--sink-repeat N</c>; a count of 0 skips its phase. <c>--sink-only</c> needs no influxd.
/// </remarks>
public static class BatchEndToEnd
{
    /// <summary>The first command-line argument that selects this benchmark.</summary>
    public const string Command = "batch-e2e";

    private const string CeilingName = "pre-serialized, plain HttpClient (ceiling)";

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
        string? portText = Environment.GetEnvironmentVariable("INFLUXDB_PORT");
        int port = 0;
        if (!settings.SinkOnly && (string.IsNullOrEmpty(host) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port)))
        {
            await Console.Error.WriteLineAsync(
                "batch-e2e needs a running influxd, named by INFLUXDB_HOST and INFLUXDB_PORT, which are not set. Start one for the run with\n" +
                "  scripts/with-influxdb.sh dotnet run -c Release --project Aioinflux.Benchmarks -- batch-e2e\n" +
                "or measure the writer against the loopback sink alone with `-- batch-e2e --sink-only`.").ConfigureAwait(false);
            return 2;
        }

        long runStarted = Stopwatch.GetTimestamp();
        Console.WriteLine($"batch-e2e: {settings.Points:N0} points, batches of {settings.BatchSize:N0}, producers {string.Join(" and ", settings.Producers)}");
        Console.WriteLine($".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average at the start: {WriteEndToEnd.LoadAverage()}");
        TradeSet set = TradeSet.Create(settings.Points, settings.BatchSize);
        Console.WriteLine($"{set.Batches.Length:N0} requests, {set.TotalBytes:N0} bytes of line protocol ({(double)set.TotalBytes / settings.Points:F1} B/point)");

        var report = new StringBuilder();
        if (!settings.SinkOnly)
        {
            await RunInfluxDBAsync(settings, set, host!, port, report).ConfigureAwait(false);
        }

        if (settings.SinkRounds > 0)
        {
            await RunSinkAsync(settings, set, report).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.Write(report.ToString());
        Console.WriteLine(
            "Client CPU and allocation: this process's (producers, the writer's sender and the HTTP stack; the sink is a separate process). " +
            $"Other processes: the cores kept busy on average by everything but the client and the server, of the {Environment.ProcessorCount} this machine has; it measures the noise.");
        Console.WriteLine($"Load average at the end: {WriteEndToEnd.LoadAverage()}; whole run {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:F0} s.");
        return 0;
    }

    private static async Task RunInfluxDBAsync(Settings settings, TradeSet set, string host, int port, StringBuilder report)
    {
        var options = new InfluxDBClientOptions { Host = host, Port = port };
        using var admin = new InfluxDBClient(options);
        using var client = new InfluxDBClient(options);
        using var ceiling = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        using var queries = new HttpClient();
        var baseUri = new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/");

        PingResult ping = await admin.PingAsync().ConfigureAwait(false);
        using Process? influxd = CpuMeters.FindListeningProcess(port);
        string server = $"influxd {ping.Version}";
        Console.WriteLine($"{server} at {baseUri}, pid {influxd?.Id.ToString(CultureInfo.InvariantCulture) ?? "not found: no server CPU figures"}");

        IReadOnlyList<WriteEndToEnd.Contender> sides = Sides(settings, client, (slice, database) => WriteEndToEnd.PostPreSerializedAsync(ceiling, baseUri, slice, database), repeat: 1);

        int databases = 0;
        async Task<string> Prepare()
        {
            string database = string.Create(CultureInfo.InvariantCulture, $"batchbench_{Environment.ProcessId}_{++databases}");
            await admin.CreateDatabaseAsync(database).ConfigureAwait(false);
            return database;
        }

        async Task Verify(IReadOnlyList<string> roundDatabases)
        {
            foreach (string database in roundDatabases)
            {
                try
                {
                    long stored = await WriteEndToEnd.CountStoredAsync(queries, baseUri, database).ConfigureAwait(false);
                    if (stored != settings.Points)
                    {
                        throw new InvalidOperationException($"influxd stored {stored:N0} points in {database}, not {settings.Points:N0}.");
                    }
                }
                finally
                {
                    await admin.DropDatabaseAsync(database).ConfigureAwait(false);
                }
            }
        }

        if (settings.InterleavedRounds > 0)
        {
            var phase = new WriteEndToEnd.Phase("interlvd", "influxd CPU µs/point", settings.Points, settings.Warmup, settings.InterleavedRounds, settings.Slices, Prepare, Verify, influxd);
            IReadOnlyList<WriteEndToEnd.Sample>[] samples = await WriteEndToEnd.RunRoundsAsync(phase, set, sides).ConfigureAwait(false);
            WriteEndToEnd.Summarize(
                report,
                $"Against {server}, interleaved: each side's {settings.Points:N0} points per round as {settings.Slices} calls of {settings.Points / settings.Slices:N0} (a batch writer per call, disposed at its end), taking turns with the other sides', median of {settings.InterleavedRounds} rounds each",
                phase,
                sides,
                samples);
        }

        if (settings.Rounds > 0)
        {
            var phase = new WriteEndToEnd.Phase("influxd", "influxd CPU µs/point", settings.Points, settings.InterleavedRounds > 0 ? 0 : settings.Warmup, settings.Rounds, 1, Prepare, Verify, influxd);
            IReadOnlyList<WriteEndToEnd.Sample>[] samples = await WriteEndToEnd.RunRoundsAsync(phase, set, sides).ConfigureAwait(false);
            WriteEndToEnd.Summarize(
                report,
                $"Against {server} on loopback, one call of {settings.Points:N0} points per side and round (a fresh database per round), sides rotating, median of {settings.Rounds} rounds each",
                phase,
                sides,
                samples);
        }
    }

    private static async Task RunSinkAsync(Settings settings, TradeSet set, StringBuilder report)
    {
        using SinkProcess sink = await SinkProcess.StartAsync().ConfigureAwait(false);
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Host = "127.0.0.1", Port = sink.Port });
        using var ceiling = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        var baseUri = new Uri($"http://127.0.0.1:{sink.Port.ToString(CultureInfo.InvariantCulture)}/");
        Console.WriteLine($"loopback sink at {baseUri}, pid {sink.Process.Id.ToString(CultureInfo.InvariantCulture)}");

        IReadOnlyList<WriteEndToEnd.Contender> sides = Sides(
            settings,
            client,
            (slice, database) => WriteEndToEnd.RepeatAsync(settings.SinkRepeat, () => WriteEndToEnd.PostPreSerializedAsync(ceiling, baseUri, slice, database)),
            settings.SinkRepeat);

        SinkStats before = default;
        async Task<string> Prepare()
        {
            before = await sink.StatsAsync().ConfigureAwait(false);
            return "sink";
        }

        async Task Verify(IReadOnlyList<string> roundDatabases)
        {
            // Bytes and lines, not requests: a batch that waits longer than the flush interval is sent before it is full.
            SinkStats received = await sink.StatsAsync().ConfigureAwait(false) - before;
            long passes = (long)settings.SinkRepeat * roundDatabases.Count;
            if (received.Bytes != set.TotalBytes * passes || received.Lines != settings.Points * passes)
            {
                throw new InvalidOperationException($"The sink received {received}; expected {set.TotalBytes * passes:N0} bytes in {settings.Points * passes:N0} lines.");
            }
        }

        var phase = new WriteEndToEnd.Phase("sink", "sink CPU µs/point", (long)settings.Points * settings.SinkRepeat, settings.SinkWarmup, settings.SinkRounds, 1, Prepare, Verify, sink.Process);
        IReadOnlyList<WriteEndToEnd.Sample>[] samples = await WriteEndToEnd.RunRoundsAsync(phase, set, sides).ConfigureAwait(false);
        WriteEndToEnd.Summarize(
            report,
            $"Against the loopback sink (reads and discards each body, answers 204; a process of its own), the same points {settings.SinkRepeat} times per round, sides rotating, median of {settings.SinkRounds} rounds each",
            phase,
            sides,
            samples);
    }

    /// <summary>The first producer count, the ceiling, then the other producer counts (the report's order: client first, ceiling second).</summary>
    private static List<WriteEndToEnd.Contender> Sides(Settings settings, InfluxDBClient client, Func<TradeSlice, string, Task> ceiling, int repeat)
    {
        var sides = new List<WriteEndToEnd.Contender>();
        foreach (int producers in settings.Producers)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"BatchWriter.WriteAsync, {producers} producer{(producers == 1 ? string.Empty : "s")}");
            sides.Add(new(name, (slice, database) => WriteEndToEnd.RepeatAsync(repeat, () => WriteWithBatchWriterAsync(client, settings, producers, slice, database))));
            if (sides.Count == 1)
            {
                sides.Add(new(CeilingName, ceiling));
            }
        }

        return sides;
    }

    /// <summary>
    /// The writer under test, as an application would use it: producers hand it points one at a time, from as many tasks
    /// as <paramref name="producers"/>, each over its own contiguous part of the slice; disposing writes what is buffered.
    /// </summary>
    private static async Task WriteWithBatchWriterAsync(InfluxDBClient client, Settings settings, int producers, TradeSlice slice, string database)
    {
        var options = new BatchWriterOptions
        {
            BatchSize = settings.BatchSize,
            Database = database,

            // A whole-call round buffers up to the default 64 MiB bound ahead of a slow server; give it time to drain.
            DisposeTimeout = TimeSpan.FromMinutes(5),
        };
        if (settings.BufferMiB > 0)
        {
            options.MaxBufferedBytes = settings.BufferMiB * 1024L * 1024;
        }

        BatchWriter writer = client.CreateBatchWriter(options);
        BatchWriteFailedEventArgs? failure = null;
        writer.Failed += (_, e) => failure ??= e;
        await using (writer.ConfigureAwait(false))
        {
            var tasks = new Task[producers];
            for (int p = 0; p < producers; p++)
            {
                int start = slice.Trades.Count * p / producers;
                int end = slice.Trades.Count * (p + 1) / producers;
                ArraySegment<Trade> part = slice.Trades.Slice(start, end - start);
                tasks[p] = Task.Run(() => ProduceAsync(writer, part));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"The batch writer failed a batch of {failure.Points:N0} points: {failure.Exception.Message}", failure.Exception);
        }

        BatchWriterStatistics statistics = writer.Statistics;
        if (statistics.Accepted != slice.Trades.Count || statistics.Written != slice.Trades.Count
            || statistics.Retried != 0 || statistics.Failed != 0 || statistics.Dropped != 0 || statistics.Buffered != 0)
        {
            throw new InvalidOperationException($"The batch writer's statistics are {statistics} for {slice.Trades.Count:N0} points written.");
        }
    }

    private static async Task ProduceAsync(BatchWriter writer, ArraySegment<Trade> trades)
    {
        for (int i = 0; i < trades.Count; i++)
        {
            await writer.WriteAsync(trades[i]).ConfigureAwait(false);
        }
    }

    /// <summary>The command line.</summary>
    private sealed record Settings(
        int Points,
        int BatchSize,
        int[] Producers,
        int BufferMiB,
        int Warmup,
        int InterleavedRounds,
        int Slices,
        int Rounds,
        int SinkWarmup,
        int SinkRounds,
        int SinkRepeat,
        bool SinkOnly)
    {
        private const string Usage =
            "Options: --points N, --batch N, --producers N[,N...], --buffer-mib N, --warmup N, --interleaved-rounds N, --slices N, --rounds N, " +
            "--sink-warmup N, --sink-rounds N, --sink-repeat N (a count of 0 skips its phase), --sink-only.";

        public static Settings? Parse(string[] args, out string? error)
        {
            var settings = new Settings(
                Points: 1_000_000,
                BatchSize: 5_000,
                Producers: [1, 4],
                BufferMiB: 0,
                Warmup: 1,
                InterleavedRounds: 5,
                Slices: 10,
                Rounds: 0,
                SinkWarmup: 1,
                SinkRounds: 3,
                SinkRepeat: 3,
                SinkOnly: false);
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name == "--sink-only")
                {
                    settings = settings with { SinkOnly = true };
                    continue;
                }

                if (name == "--producers" && i + 1 < args.Length)
                {
                    string[] counts = args[++i].Split(',');
                    var producers = new int[counts.Length];
                    for (int c = 0; c < counts.Length; c++)
                    {
                        if (!int.TryParse(counts[c], NumberStyles.None, CultureInfo.InvariantCulture, out producers[c]) || producers[c] < 1)
                        {
                            error = $"batch-e2e: --producers takes whole numbers of at least 1, separated by commas, not '{args[i]}'.";
                            return null;
                        }
                    }

                    settings = settings with { Producers = producers };
                    continue;
                }

                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    error = $"batch-e2e: '{name}' is not an option followed by a whole number. {Usage}";
                    return null;
                }

                i++;
                Settings? next = name switch
                {
                    "--points" => settings with { Points = value },
                    "--batch" => settings with { BatchSize = value },
                    "--buffer-mib" => settings with { BufferMiB = value },
                    "--warmup" => settings with { Warmup = value },
                    "--interleaved-rounds" => settings with { InterleavedRounds = value },
                    "--slices" => settings with { Slices = value },
                    "--rounds" => settings with { Rounds = value },
                    "--sink-warmup" => settings with { SinkWarmup = value },
                    "--sink-rounds" => settings with { SinkRounds = value },
                    "--sink-repeat" => settings with { SinkRepeat = value },
                    _ => null,
                };
                if (next is null)
                {
                    error = $"batch-e2e: unknown option '{name}'. {Usage}";
                    return null;
                }

                settings = next;
            }

            if (settings.Points < 1 || settings.BatchSize < 1 || settings.SinkRepeat < 1 || settings.Slices < 1
                || settings.Slices > (settings.Points + settings.BatchSize - 1) / settings.BatchSize)
            {
                error = "batch-e2e: --points, --batch, --sink-repeat and --slices must be at least 1, and a slice must hold at least one request.";
                return null;
            }

            error = null;
            return settings;
        }
    }
}
