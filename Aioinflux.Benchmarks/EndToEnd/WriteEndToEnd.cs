using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end write benchmark of issue 5: <see cref="Settings.Points"/> trades written through
/// <see cref="InfluxDBClient.WriteAsync{T}(IEnumerable{T}, WriteOptions?, CancellationToken)"/> in requests of
/// <see cref="Settings.BatchSize"/>, against the ceiling measured in the same run: the same points, pre-serialized into
/// one byte array per request and posted one after the other by a plain <see cref="HttpClient"/> over keep-alive, which
/// is what the server costs by itself. Both run first against a real influxd (the one scripts/with-influxdb.sh starts),
/// then against a <see cref="LoopbackSink"/> that discards the bodies, which leaves the client's own cost. Rounds
/// alternate the two sides (client first, then ceiling first) after warm-up rounds, each influxd round into a fresh
/// database that is dropped afterwards, and the report gives medians. BenchmarkDotNet fits badly here: a round is
/// seconds long and talks to a server outside the process.
/// </summary>
/// <remarks>
/// Run: <c>scripts/with-influxdb.sh dotnet run -c Release --project Aioinflux.Benchmarks -- write-e2e</c>.
/// Options: <c>--points N</c>, <c>--batch N</c>, <c>--warmup N</c> and <c>--rounds N</c> (pairs of rounds against
/// influxd), <c>--sink-warmup N</c> and <c>--sink-rounds N</c> (pairs against the sink), <c>--sink-repeat N</c>
/// (passes over the points per sink round), <c>--sink-only</c>, <c>--influxdb-only</c>.
/// </remarks>
public static class WriteEndToEnd
{
    /// <summary>The first command-line argument that selects this benchmark.</summary>
    public const string Command = "write-e2e";

    private const string ClientName = "Aioinflux WriteAsync(IEnumerable<Trade>)";
    private const string CeilingName = "pre-serialized, plain HttpClient";

    private static readonly MediaTypeHeaderValue PlainText = new("text/plain") { CharSet = "utf-8" };

    /// <summary>Runs the benchmark (or, with <see cref="SinkProcess.SinkArgument"/>, the sink it starts as a child).</summary>
    /// <param name="args">The arguments after <see cref="Command"/>.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [SinkProcess.SinkArgument])
        {
            return await LoopbackSink.RunAsync().ConfigureAwait(false);
        }

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
                "write-e2e needs a running influxd, named by INFLUXDB_HOST and INFLUXDB_PORT, which are not set. Start one for the run with\n" +
                "  scripts/with-influxdb.sh dotnet run -c Release --project Aioinflux.Benchmarks -- write-e2e\n" +
                "or measure the client against the loopback sink alone with `-- write-e2e --sink-only`.").ConfigureAwait(false);
            return 2;
        }

        long runStarted = Stopwatch.GetTimestamp();
        PrintEnvironment(settings);
        Console.WriteLine($"Building {settings.Points:N0} trades and their line protocol...");
        TradeSet set = TradeSet.Create(settings.Points, settings.BatchSize);
        Console.WriteLine($"  {set.Batches.Length:N0} requests, {set.TotalBytes:N0} bytes of line protocol ({(double)set.TotalBytes / settings.Points:F1} B/point)");

        var report = new StringBuilder();
        if (!settings.SinkOnly)
        {
            report.Append(await RunInfluxDBAsync(settings, set, host!, port).ConfigureAwait(false));
        }

        if (!settings.InfluxDBOnly)
        {
            report.Append(await RunSinkAsync(settings, set).ConfigureAwait(false));
        }

        Console.WriteLine();
        Console.WriteLine(report.ToString());
        Console.WriteLine($"Load average at the end: {LoadAverage()}; whole run {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:F0} s.");
        return 0;
    }

    private static async Task<string> RunInfluxDBAsync(Settings settings, TradeSet set, string host, int port)
    {
        var options = new InfluxDBClientOptions { Host = host, Port = port, WriteBatchSize = settings.BatchSize };
        using var admin = new InfluxDBClient(options);
        using var client = new InfluxDBClient(options);
        using var ceiling = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        var baseUri = new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/");

        PingResult ping = await admin.PingAsync().ConfigureAwait(false);
        using Process? influxd = CpuMeters.FindListeningProcess(port);
        string serverName = $"influxd {ping.Version}";
        Console.WriteLine();
        Console.WriteLine($"Against {serverName} at {baseUri} (pid {influxd?.Id.ToString(CultureInfo.InvariantCulture) ?? "not found: no server CPU figures"})");

        int round = 0;
        async Task<string> Prepare()
        {
            string database = $"writebench_{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}_{(++round).ToString(CultureInfo.InvariantCulture)}";
            await admin.CreateDatabaseAsync(database).ConfigureAwait(false);
            return database;
        }

        async Task Verify(string database)
        {
            try
            {
                long stored = await CountStoredAsync(ceiling, baseUri, database).ConfigureAwait(false);
                if (stored != settings.Points)
                {
                    throw new InvalidOperationException($"influxd stored {stored:N0} points in {database}, not {settings.Points:N0}.");
                }
            }
            finally
            {
                // One database per round, dropped at once, so the server's state does not grow from round to round.
                await admin.DropDatabaseAsync(database).ConfigureAwait(false);
            }
        }

        var sides = new Contender[]
        {
            new(ClientName, database => WriteWithClientAsync(client, set, database)),
            new(CeilingName, database => PostPreSerializedAsync(ceiling, baseUri, set, database)),
        };
        IReadOnlyList<Sample>[] samples = await RunRoundsAsync("influxd", settings.Points, settings.Warmup, settings.Rounds, sides, Prepare, Verify, influxd).ConfigureAwait(false);
        return Summarize(
            $"Against {serverName} on loopback: {settings.Points:N0} points in requests of {settings.BatchSize:N0}, one fresh database per round, median of {settings.Rounds} rounds each",
            "influxd CPU µs/point",
            settings.Points,
            sides,
            samples);
    }

    private static async Task<string> RunSinkAsync(Settings settings, TradeSet set)
    {
        using SinkProcess sink = await SinkProcess.StartAsync().ConfigureAwait(false);
        var options = new InfluxDBClientOptions { Host = "127.0.0.1", Port = sink.Port, WriteBatchSize = settings.BatchSize };
        using var client = new InfluxDBClient(options);
        using var ceiling = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        var baseUri = new Uri($"http://127.0.0.1:{sink.Port.ToString(CultureInfo.InvariantCulture)}/");
        Console.WriteLine();
        Console.WriteLine($"Against the loopback sink at {baseUri} (pid {sink.Process.Id.ToString(CultureInfo.InvariantCulture)})");

        SinkStats before = default;
        async Task<string> Prepare()
        {
            before = await sink.StatsAsync().ConfigureAwait(false);
            return "sink";
        }

        async Task Verify(string database)
        {
            SinkStats received = await sink.StatsAsync().ConfigureAwait(false) - before;
            var expected = new SinkStats((long)set.Batches.Length * settings.SinkRepeat, set.TotalBytes * settings.SinkRepeat, (long)settings.Points * settings.SinkRepeat);
            if (received != expected)
            {
                throw new InvalidOperationException($"The sink received {received}; expected {expected}.");
            }
        }

        // The sink takes so little time per request that one pass over the points is too short to time well.
        var sides = new Contender[]
        {
            new(ClientName, database => RepeatAsync(settings.SinkRepeat, () => WriteWithClientAsync(client, set, database))),
            new(CeilingName, database => RepeatAsync(settings.SinkRepeat, () => PostPreSerializedAsync(ceiling, baseUri, set, database))),
        };
        IReadOnlyList<Sample>[] samples = await RunRoundsAsync("sink", (long)settings.Points * settings.SinkRepeat, settings.SinkWarmup, settings.SinkRounds, sides, Prepare, Verify, sink.Process).ConfigureAwait(false);
        return Summarize(
            $"Against the loopback sink (reads and discards each body, answers 204; its own process): the same points and requests, sent {settings.SinkRepeat} times per round, median of {settings.SinkRounds} rounds each",
            "sink CPU µs/point",
            (long)settings.Points * settings.SinkRepeat,
            sides,
            samples);
    }

    private static async Task RepeatAsync(int times, Func<Task> write)
    {
        for (int i = 0; i < times; i++)
        {
            await write().ConfigureAwait(false);
        }
    }

    /// <summary>The client under test: the typed write, as a user would call it.</summary>
    private static async Task WriteWithClientAsync(InfluxDBClient client, TradeSet set, string database)
    {
        WriteResult result = await client.WriteAsync((IEnumerable<Trade>)set.Trades, new WriteOptions { Database = database }).ConfigureAwait(false);
        if (result.PointsWritten != set.Trades.Length)
        {
            throw new InvalidOperationException($"The client reported {result.PointsWritten:N0} points written, not {set.Trades.Length:N0}.");
        }
    }

    /// <summary>The ceiling: the finished bytes, one request at a time over the kept-alive connection, nothing else.</summary>
    private static async Task PostPreSerializedAsync(HttpClient http, Uri baseUri, TradeSet set, string database)
    {
        var uri = new Uri(baseUri, "write?db=" + Uri.EscapeDataString(database) + "&precision=ns");
        foreach (byte[] batch in set.Batches)
        {
            using var content = new ByteArrayContent(batch);
            content.Headers.ContentType = PlainText;
            using HttpResponseMessage response = await http.PostAsync(uri, content).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"The pre-serialized post got {(int)response.StatusCode}: {body}");
            }
        }
    }

    private static async Task<IReadOnlyList<Sample>[]> RunRoundsAsync(
        string phase,
        long points,
        int warmupPairs,
        int measuredPairs,
        Contender[] sides,
        Func<Task<string>> prepare,
        Func<string, Task> verify,
        Process? server)
    {
        var samples = new List<Sample>[] { [], [] };
        for (int pair = 0; pair < warmupPairs + measuredPairs; pair++)
        {
            bool warmup = pair < warmupPairs;

            // Client first in one pair, ceiling first in the next, so a drift in the machine's load hits both alike.
            int first = warmup ? 0 : (pair - warmupPairs) % 2;
            foreach (int index in new[] { first, 1 - first })
            {
                string database = await prepare().ConfigureAwait(false);
                Sample sample = await MeasureAsync(() => sides[index].WriteAsync(database), server).ConfigureAwait(false);
                await verify(database).ConfigureAwait(false);
                if (!warmup)
                {
                    samples[index].Add(sample);
                }

                Console.WriteLine(
                    $"  {phase,-7} {(warmup ? "warm-up" : "round " + (pair - warmupPairs + 1).ToString(CultureInfo.InvariantCulture)),-8} {sides[index].Name,-42} " +
                    $"{sample.Wall.TotalSeconds,6:F2} s {points / sample.Wall.TotalSeconds,10:N0} points/s  " +
                    $"client {PerPoint(sample.ClientCpu, points),5:F2} µs/pt (kernel {PerPoint(sample.ClientKernelCpu, points),4:F2}) {(double)sample.AllocatedBytes / points,6:F1} B/pt  " +
                    $"server {Format(PerPoint(sample.ServerCpu, points), "F2"),5} µs/pt  others {Format(sample.OtherCores, "F2")} cores  " +
                    $"GCs {sample.Gen0}/{sample.Gen1}/{sample.Gen2}");
            }
        }

        return samples;
    }

    private static async Task<Sample> MeasureAsync(Func<Task> write, Process? server)
    {
        // Garbage of earlier rounds (and of building the points) is collected now, not charged to this round.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        TimeSpan? serverBefore = CpuMeters.ProcessCpu(server);
        TimeSpan? machineBefore = CpuMeters.MachineBusy();
        Environment.ProcessCpuUsage cpuBefore = Environment.CpuUsage;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long started = Stopwatch.GetTimestamp();

        await write().ConfigureAwait(false);

        TimeSpan wall = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Environment.ProcessCpuUsage cpuAfter = Environment.CpuUsage;
        TimeSpan cpu = cpuAfter.TotalTime - cpuBefore.TotalTime;
        TimeSpan kernel = cpuAfter.PrivilegedTime - cpuBefore.PrivilegedTime;
        TimeSpan? serverCpu = CpuMeters.ProcessCpu(server) - serverBefore;
        TimeSpan? machineBusy = CpuMeters.MachineBusy() - machineBefore;
        double? otherCores = machineBusy is { } busy ? Math.Max(0, (busy - cpu - (serverCpu ?? TimeSpan.Zero)).TotalSeconds / wall.TotalSeconds) : null;
        return new Sample(
            wall,
            cpu,
            kernel,
            allocated,
            serverCpu,
            otherCores,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }

    private static async Task<long> CountStoredAsync(HttpClient http, Uri baseUri, string database)
    {
        var uri = new Uri(baseUri, "query?db=" + Uri.EscapeDataString(database) + "&q=" + Uri.EscapeDataString("SELECT count(\"Size\") FROM \"trades\""));
        using HttpResponseMessage response = await http.GetAsync(uri).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out JsonElement error))
        {
            throw new InvalidOperationException($"Counting the points in {database} failed: {error}");
        }

        return result.TryGetProperty("series", out JsonElement series)
            ? series[0].GetProperty("values")[0][1].GetInt64()
            : 0;
    }

    private static string Summarize(string title, string serverColumn, long points, Contender[] sides, IReadOnlyList<Sample>[] samples)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {points:N0} Trade points per round | points/s | client CPU µs/point | client allocated B/point | {serverColumn} | other processes (cores busy) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        var rates = new double[2];
        for (int i = 0; i < sides.Length; i++)
        {
            IReadOnlyList<Sample> rounds = samples[i];
            rates[i] = Median(rounds, s => points / s.Wall.TotalSeconds);
            double cpu = Median(rounds, s => PerPoint(s.ClientCpu, points)!.Value);
            double bytes = Median(rounds, s => (double)s.AllocatedBytes / points);
            double? server = rounds.All(s => s.ServerCpu is not null) ? Median(rounds, s => PerPoint(s.ServerCpu, points)!.Value) : null;
            double? others = rounds.All(s => s.OtherCores is not null) ? Median(rounds, s => s.OtherCores!.Value) : null;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {sides[i].Name} | {rates[i]:N0} | {cpu:F2} | {bytes:F1} | {Format(server, "F2")} | {Format(others, "F2")} |");
        }

        var pairRatios = new List<double>();
        for (int i = 0; i < Math.Min(samples[0].Count, samples[1].Count); i++)
        {
            pairRatios.Add(samples[1][i].Wall / samples[0][i].Wall);
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Client / ceiling, points/s: {Percent(rates[0] / rates[1])} of medians; per pair of rounds: {string.Join(", ", pairRatios.Select(Percent))}.");
        text.AppendLine();
        return text.ToString();
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static double? PerPoint(TimeSpan? time, long points) => time?.TotalMicroseconds / points;

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    private static double Median(IReadOnlyList<Sample> samples, Func<Sample, double> selector)
    {
        double[] values = samples.Select(selector).Order().ToArray();
        int middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static void PrintEnvironment(Settings settings)
    {
        Console.WriteLine($"write-e2e: {settings.Points:N0} points, {settings.BatchSize:N0} per request; influxd {settings.Warmup} warm-up + {settings.Rounds} measured pairs, sink {settings.SinkWarmup} + {settings.SinkRounds} pairs of {settings.SinkRepeat} passes");
        Console.WriteLine($".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average at the start: {LoadAverage()}");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>One contender: writes all the points into a database.</summary>
    private sealed record Contender(string Name, Func<string, Task> WriteAsync);

    /// <summary>What one round cost.</summary>
    private sealed record Sample(TimeSpan Wall, TimeSpan ClientCpu, TimeSpan ClientKernelCpu, long AllocatedBytes, TimeSpan? ServerCpu, double? OtherCores, int Gen0, int Gen1, int Gen2);

    /// <summary>The command line.</summary>
    private sealed record Settings(int Points, int BatchSize, int Warmup, int Rounds, int SinkWarmup, int SinkRounds, int SinkRepeat, bool SinkOnly, bool InfluxDBOnly)
    {
        public static Settings? Parse(string[] args, out string? error)
        {
            var settings = new Settings(1_000_000, 5_000, 1, 3, 2, 5, 5, false, false);
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name == "--sink-only")
                {
                    settings = settings with { SinkOnly = true };
                    continue;
                }

                if (name == "--influxdb-only")
                {
                    settings = settings with { InfluxDBOnly = true };
                    continue;
                }

                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < (name is "--warmup" or "--sink-warmup" ? 0 : 1))
                {
                    error = $"write-e2e: '{name}' needs a whole number after it (known options: --points, --batch, --warmup, --rounds, --sink-warmup, --sink-rounds, --sink-repeat, --sink-only, --influxdb-only).";
                    return null;
                }

                i++;
                Settings? next = name switch
                {
                    "--points" => settings with { Points = value },
                    "--batch" => settings with { BatchSize = value },
                    "--warmup" => settings with { Warmup = value },
                    "--rounds" => settings with { Rounds = value },
                    "--sink-warmup" => settings with { SinkWarmup = value },
                    "--sink-rounds" => settings with { SinkRounds = value },
                    "--sink-repeat" => settings with { SinkRepeat = value },
                    _ => null,
                };
                if (next is null)
                {
                    error = $"write-e2e: unknown option '{name}'. Known: --points N, --batch N, --warmup N, --rounds N, --sink-warmup N, --sink-rounds N, --sink-repeat N, --sink-only, --influxdb-only.";
                    return null;
                }

                settings = next;
            }

            if (settings.SinkOnly && settings.InfluxDBOnly)
            {
                error = "write-e2e: --sink-only and --influxdb-only exclude each other.";
                return null;
            }

            error = null;
            return settings;
        }
    }
}
