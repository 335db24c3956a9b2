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
/// is what the server costs by itself. BenchmarkDotNet fits badly here: a round is seconds long and talks to a server
/// outside the process. Three phases:
/// <list type="number">
/// <item>influxd, whole calls: each round writes all the points in one call into a fresh database (dropped after), the
/// two sides alternating which goes first, after warm-up rounds.</item>
/// <item>influxd, interleaved: the same, but each side's round is cut into <see cref="Settings.Slices"/> calls at request
/// boundaries, taken turn about with the other side's, so both see the same load from the rest of the machine. On a
/// shared machine this is the fair ratio; whole-call rounds seconds apart differ by ±20% from load alone.</item>
/// <item>a <see cref="LoopbackSink"/> in its own process that discards the bodies: the client's own cost.</item>
/// </list>
/// </summary>
/// <remarks>
/// Run: <c>scripts/with-influxdb.sh dotnet run -c Release --project Aioinflux.Benchmarks -- write-e2e</c>.
/// Options: <c>--points N</c>, <c>--batch N</c>; <c>--warmup N</c> and <c>--rounds N</c> (whole-call rounds against
/// influxd per side), <c>--interleaved-rounds N</c> and <c>--slices N</c>; <c>--sink-warmup N</c>,
/// <c>--sink-rounds N</c> and <c>--sink-repeat N</c> (passes over the points per sink round); a count of 0 skips its
/// phase. <c>--sink-only</c> needs no influxd; <c>--diagnose</c> adds two variants between client and ceiling.
/// </remarks>
public static class WriteEndToEnd
{
    /// <summary>The first command-line argument that selects this benchmark.</summary>
    public const string Command = "write-e2e";

    // Contenders: the client first, the ceiling second, then any diagnostic variants.
    private const int ClientIndex = 0;
    private const int CeilingIndex = 1;

    private const string ClientName = "Aioinflux WriteAsync(IEnumerable<Trade>)";
    private const string CeilingName = "pre-serialized, plain HttpClient (ceiling)";

    internal static readonly MediaTypeHeaderValue PlainText = new("text/plain") { CharSet = "utf-8" };

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
        Console.WriteLine($"write-e2e: {settings.Points:N0} points, {settings.BatchSize:N0} per request");
        Console.WriteLine($".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average at the start: {LoadAverage()}");
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
            $"Client CPU and allocation: this process's, which runs nothing but the client (the sink is a separate process). " +
            $"Other processes: the cores kept busy on average by everything but the client and the server, of the {Environment.ProcessorCount} this machine has; it measures the noise.");
        Console.WriteLine($"Load average at the end: {LoadAverage()}; whole run {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:F0} s.");
        return 0;
    }

    private static async Task RunInfluxDBAsync(Settings settings, TradeSet set, string host, int port, StringBuilder report)
    {
        var options = new InfluxDBClientOptions { Host = host, Port = port, WriteBatchSize = settings.BatchSize };
        using var admin = new InfluxDBClient(options);
        using var client = new InfluxDBClient(options);
        using var ceiling = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        using var queries = new HttpClient();
        var baseUri = new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/");

        PingResult ping = await admin.PingAsync().ConfigureAwait(false);
        using Process? influxd = CpuMeters.FindListeningProcess(port);
        string server = $"influxd {ping.Version}";
        Console.WriteLine($"{server} at {baseUri}, pid {influxd?.Id.ToString(CultureInfo.InvariantCulture) ?? "not found: no server CPU figures"}");

        var sides = new List<Contender>
        {
            new(ClientName, (slice, database) => WriteWithClientAsync(client, slice, database)),
            new(CeilingName, (slice, database) => PostPreSerializedAsync(ceiling, baseUri, slice, database)),
        };
        if (settings.Diagnose)
        {
            sides.Add(new("pre-serialized, 64 KB writes", (slice, database) => DiagnosticWrites.PostSlicedAsync(ceiling, baseUri, slice, database)));
            sides.Add(new("serialize, then post (no overlap)", (slice, database) => DiagnosticWrites.SerializeThenPostAsync(ceiling, baseUri, slice, settings.BatchSize, database)));
        }

        int databases = 0;
        async Task<string> Prepare()
        {
            string database = string.Create(CultureInfo.InvariantCulture, $"writebench_{Environment.ProcessId}_{++databases}");
            await admin.CreateDatabaseAsync(database).ConfigureAwait(false);
            return database;
        }

        async Task Verify(IReadOnlyList<string> roundDatabases)
        {
            foreach (string database in roundDatabases)
            {
                try
                {
                    long stored = await CountStoredAsync(queries, baseUri, database).ConfigureAwait(false);
                    if (stored != settings.Points)
                    {
                        throw new InvalidOperationException($"influxd stored {stored:N0} points in {database}, not {settings.Points:N0}.");
                    }
                }
                finally
                {
                    // One database per side and round, dropped at once, so the server's state does not grow from round to round.
                    await admin.DropDatabaseAsync(database).ConfigureAwait(false);
                }
            }
        }

        if (settings.Rounds > 0)
        {
            var phase = new Phase("influxd", "influxd CPU µs/point", settings.Points, settings.Warmup, settings.Rounds, 1, Prepare, Verify, influxd);
            IReadOnlyList<Sample>[] samples = await RunRoundsAsync(phase, set, sides).ConfigureAwait(false);
            Summarize(
                report,
                $"Against {server} on loopback, one call of {settings.Points:N0} points per round (requests of {settings.BatchSize:N0}, a fresh database per round), sides alternating, median of {settings.Rounds} rounds each",
                phase,
                sides,
                samples);
        }

        if (settings.InterleavedRounds > 0)
        {
            var phase = new Phase("interlvd", "influxd CPU µs/point", settings.Points, settings.Rounds > 0 ? 0 : settings.Warmup, settings.InterleavedRounds, settings.Slices, Prepare, Verify, influxd);
            IReadOnlyList<Sample>[] samples = await RunRoundsAsync(phase, set, sides).ConfigureAwait(false);
            Summarize(
                report,
                $"Against {server}, interleaved: each side's {settings.Points:N0} points per round as {settings.Slices} calls of {settings.Points / settings.Slices:N0}, taking turns with the other side's, median of {settings.InterleavedRounds} rounds each",
                phase,
                sides,
                samples);
        }
    }

    private static async Task RunSinkAsync(Settings settings, TradeSet set, StringBuilder report)
    {
        using SinkProcess sink = await SinkProcess.StartAsync().ConfigureAwait(false);
        var options = new InfluxDBClientOptions { Host = "127.0.0.1", Port = sink.Port, WriteBatchSize = settings.BatchSize };
        using var client = new InfluxDBClient(options);
        using var ceiling = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        var baseUri = new Uri($"http://127.0.0.1:{sink.Port.ToString(CultureInfo.InvariantCulture)}/");
        Console.WriteLine($"loopback sink at {baseUri}, pid {sink.Process.Id.ToString(CultureInfo.InvariantCulture)}");

        // The sink takes so little time per request that one pass over the points is too short to time well.
        var sides = new Contender[]
        {
            new(ClientName, (slice, database) => RepeatAsync(settings.SinkRepeat, () => WriteWithClientAsync(client, slice, database))),
            new(CeilingName, (slice, database) => RepeatAsync(settings.SinkRepeat, () => PostPreSerializedAsync(ceiling, baseUri, slice, database))),
        };

        SinkStats before = default;
        async Task<string> Prepare()
        {
            before = await sink.StatsAsync().ConfigureAwait(false);
            return "sink";
        }

        async Task Verify(IReadOnlyList<string> roundDatabases)
        {
            SinkStats received = await sink.StatsAsync().ConfigureAwait(false) - before;
            long passes = (long)settings.SinkRepeat * roundDatabases.Count;
            var expected = new SinkStats(set.Batches.Length * passes, set.TotalBytes * passes, settings.Points * passes);
            if (received != expected)
            {
                throw new InvalidOperationException($"The sink received {received}; expected {expected}.");
            }
        }

        var phase = new Phase("sink", "sink CPU µs/point", (long)settings.Points * settings.SinkRepeat, settings.SinkWarmup, settings.SinkRounds, 1, Prepare, Verify, sink.Process);
        IReadOnlyList<Sample>[] samples = await RunRoundsAsync(phase, set, sides).ConfigureAwait(false);
        Summarize(
            report,
            $"Against the loopback sink (reads and discards each body, answers 204; a process of its own), the same points {settings.SinkRepeat} times per round, sides alternating, median of {settings.SinkRounds} rounds each",
            phase,
            sides,
            samples);
    }

    internal static async Task RepeatAsync(int times, Func<Task> write)
    {
        for (int i = 0; i < times; i++)
        {
            await write().ConfigureAwait(false);
        }
    }

    /// <summary>The client under test: the typed write, as a user would call it.</summary>
    private static async Task WriteWithClientAsync(InfluxDBClient client, TradeSlice slice, string database)
    {
        WriteResult result = await client.WriteAsync((IEnumerable<Trade>)slice.Trades, new WriteOptions { Database = database }).ConfigureAwait(false);
        if (result.PointsWritten != slice.Trades.Count)
        {
            throw new InvalidOperationException($"The client reported {result.PointsWritten:N0} points written, not {slice.Trades.Count:N0}.");
        }
    }

    /// <summary>The ceiling: the finished bytes, one request at a time over the kept-alive connection, nothing else.</summary>
    internal static async Task PostPreSerializedAsync(HttpClient http, Uri baseUri, TradeSlice slice, string database)
    {
        var uri = new Uri(baseUri, "write?db=" + Uri.EscapeDataString(database) + "&precision=ns");
        foreach (byte[] batch in slice.Batches)
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

    internal static async Task<IReadOnlyList<Sample>[]> RunRoundsAsync(Phase phase, TradeSet set, IReadOnlyList<Contender> sides)
    {
        var samples = sides.Select(_ => new List<Sample>()).ToArray();
        for (int round = 0; round < phase.WarmupRounds + phase.Rounds; round++)
        {
            bool warmup = round < phase.WarmupRounds;
            var databases = new string[sides.Count];
            for (int i = 0; i < sides.Count; i++)
            {
                databases[i] = await phase.Prepare().ConfigureAwait(false);
            }

            // Garbage of earlier rounds (and of building the points) is collected now, not charged to this round.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var totals = new Sample[sides.Count];
            for (int slice = 0; slice < phase.Slices; slice++)
            {
                // Who goes first changes from round to round (and slice to slice), so a drift in the machine's load hits all sides alike.
                int first = (round + slice) % sides.Count;
                for (int turn = 0; turn < sides.Count; turn++)
                {
                    int index = (first + turn) % sides.Count;
                    TradeSlice part = set.Slice(slice, phase.Slices);
                    Sample sample = await MeasureAsync(() => sides[index].WriteAsync(part, databases[index]), phase.Server).ConfigureAwait(false);
                    totals[index] = totals[index] is null ? sample : totals[index] + sample;
                }
            }

            await phase.Verify(databases).ConfigureAwait(false);
            for (int i = 0; i < sides.Count; i++)
            {
                if (!warmup)
                {
                    samples[i].Add(totals[i]);
                }

                Sample s = totals[i];
                long points = phase.PointsPerRound;
                Console.WriteLine(
                    $"  {phase.Name,-8} {(warmup ? "warm-up" : "round " + (round - phase.WarmupRounds + 1).ToString(CultureInfo.InvariantCulture)),-8} {sides[i].Name,-44} " +
                    $"{s.Wall.TotalSeconds,6:F2} s {points / s.Wall.TotalSeconds,10:N0} points/s  " +
                    $"client {PerPoint(s.ClientCpu, points),5:F2} µs/pt (kernel {PerPoint(s.ClientKernelCpu, points),4:F2}) {(double)s.AllocatedBytes / points,5:F1} B/pt  " +
                    $"server {Format(PerPoint(s.ServerCpu, points), "F2"),5} µs/pt  others {Format(s.OtherCores, "F2")} cores  GCs {s.Gen0}/{s.Gen1}/{s.Gen2}");
            }
        }

        return samples;
    }

    internal static async Task<Sample> MeasureAsync(Func<Task> write, Process? server)
    {
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
        TimeSpan? serverCpu = CpuMeters.ProcessCpu(server) - serverBefore;
        TimeSpan? machineBusy = CpuMeters.MachineBusy() - machineBefore;
        return new Sample(
            wall,
            cpu,
            cpuAfter.PrivilegedTime - cpuBefore.PrivilegedTime,
            allocated,
            serverCpu,
            machineBusy - cpu - (serverCpu ?? TimeSpan.Zero),
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }

    internal static async Task<long> CountStoredAsync(HttpClient http, Uri baseUri, string database)
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

    internal static void Summarize(StringBuilder text, string title, Phase phase, IReadOnlyList<Contender> sides, IReadOnlyList<Sample>[] samples)
    {
        long points = phase.PointsPerRound;
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {points:N0} Trade points per round | points/s | client CPU µs/point | client allocated B/point | {phase.ServerColumn} | other processes (cores busy) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        var rates = new double[sides.Count];
        for (int i = 0; i < sides.Count; i++)
        {
            IReadOnlyList<Sample> rounds = samples[i];
            rates[i] = Median(rounds, s => points / s.Wall.TotalSeconds);
            double cpu = Median(rounds, s => PerPoint(s.ClientCpu, points)!.Value);
            double bytes = Median(rounds, s => (double)s.AllocatedBytes / points);
            double? server = rounds.All(s => s.ServerCpu is not null) ? Median(rounds, s => PerPoint(s.ServerCpu, points)!.Value) : null;
            double? others = rounds.All(s => s.OtherCores is not null) ? Median(rounds, s => s.OtherCores!.Value) : null;
            string name = i == ClientIndex ? $"**{sides[i].Name}**" : sides[i].Name;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rates[i]:N0} | {cpu:F2} | {bytes:F1} | {Format(server, "F2")} | {Format(others, "F2")} |");
        }

        text.AppendLine();
        for (int i = 0; i < sides.Count; i++)
        {
            if (i == CeilingIndex)
            {
                continue;
            }

            var perRound = new List<double>();
            for (int round = 0; round < Math.Min(samples[i].Count, samples[CeilingIndex].Count); round++)
            {
                perRound.Add(samples[CeilingIndex][round].Wall / samples[i][round].Wall);
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"{sides[i].Name} / ceiling: {Percent(rates[i] / rates[CeilingIndex])} (medians); per round {string.Join(", ", perRound.Select(Percent))}, median {Percent(Median(perRound))}.");
        }

        text.AppendLine();
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static double? PerPoint(TimeSpan? time, long points) => time?.TotalMicroseconds / points;

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    private static double Median(IReadOnlyList<Sample> samples, Func<Sample, double> selector) => Median(samples.Select(selector).ToList());

    internal static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    internal static string LoadAverage()
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

    /// <summary>One way of writing the points: writes a slice of them into a database.</summary>
    internal sealed record Contender(string Name, Func<TradeSlice, string, Task> WriteAsync);

    /// <summary>A series of rounds against one server.</summary>
    /// <param name="Name">A short name for the progress lines.</param>
    /// <param name="ServerColumn">The heading of the server's CPU column.</param>
    /// <param name="PointsPerRound">The points each side writes per round.</param>
    /// <param name="WarmupRounds">Rounds run first and not counted.</param>
    /// <param name="Rounds">Rounds counted.</param>
    /// <param name="Slices">Calls each side's round is cut into, taking turns with the other sides'.</param>
    /// <param name="Prepare">Makes a database for one side's round.</param>
    /// <param name="Verify">Checks what the round's databases received, and drops them.</param>
    /// <param name="Server">The server's process, for its CPU time.</param>
    internal sealed record Phase(
        string Name,
        string ServerColumn,
        long PointsPerRound,
        int WarmupRounds,
        int Rounds,
        int Slices,
        Func<Task<string>> Prepare,
        Func<IReadOnlyList<string>, Task> Verify,
        Process? Server);

    /// <summary>What one side's round (or one slice of it) cost.</summary>
    internal sealed record Sample(
        TimeSpan Wall,
        TimeSpan ClientCpu,
        TimeSpan ClientKernelCpu,
        long AllocatedBytes,
        TimeSpan? ServerCpu,
        TimeSpan? OtherCpu,
        int Gen0,
        int Gen1,
        int Gen2)
    {
        /// <summary>The average number of cores that processes other than the client and the server kept busy.</summary>
        public double? OtherCores => OtherCpu is { } other ? Math.Max(0, other / Wall) : null;

        public static Sample operator +(Sample left, Sample right) => new(
            left.Wall + right.Wall,
            left.ClientCpu + right.ClientCpu,
            left.ClientKernelCpu + right.ClientKernelCpu,
            left.AllocatedBytes + right.AllocatedBytes,
            left.ServerCpu + right.ServerCpu,
            left.OtherCpu + right.OtherCpu,
            left.Gen0 + right.Gen0,
            left.Gen1 + right.Gen1,
            left.Gen2 + right.Gen2);
    }

    /// <summary>The command line.</summary>
    private sealed record Settings(
        int Points,
        int BatchSize,
        int Warmup,
        int Rounds,
        int InterleavedRounds,
        int Slices,
        int SinkWarmup,
        int SinkRounds,
        int SinkRepeat,
        bool SinkOnly,
        bool Diagnose)
    {
        private const string Usage =
            "Options: --points N, --batch N, --warmup N, --rounds N, --interleaved-rounds N, --slices N, --sink-warmup N, " +
            "--sink-rounds N, --sink-repeat N (a count of 0 skips its phase), --sink-only, --diagnose.";

        public static Settings? Parse(string[] args, out string? error)
        {
            var settings = new Settings(
                Points: 1_000_000,
                BatchSize: 5_000,
                Warmup: 1,
                Rounds: 5,
                InterleavedRounds: 5,
                Slices: 10,
                SinkWarmup: 2,
                SinkRounds: 5,
                SinkRepeat: 5,
                SinkOnly: false,
                Diagnose: false);
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name is "--sink-only" or "--diagnose")
                {
                    settings = name == "--sink-only" ? settings with { SinkOnly = true } : settings with { Diagnose = true };
                    continue;
                }

                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    error = $"write-e2e: '{name}' is not an option followed by a whole number. {Usage}";
                    return null;
                }

                i++;
                Settings? next = name switch
                {
                    "--points" => settings with { Points = value },
                    "--batch" => settings with { BatchSize = value },
                    "--warmup" => settings with { Warmup = value },
                    "--rounds" => settings with { Rounds = value },
                    "--interleaved-rounds" => settings with { InterleavedRounds = value },
                    "--slices" => settings with { Slices = value },
                    "--sink-warmup" => settings with { SinkWarmup = value },
                    "--sink-rounds" => settings with { SinkRounds = value },
                    "--sink-repeat" => settings with { SinkRepeat = value },
                    _ => null,
                };
                if (next is null)
                {
                    error = $"write-e2e: unknown option '{name}'. {Usage}";
                    return null;
                }

                settings = next;
            }

            if (settings.Points < 1 || settings.BatchSize < 1 || settings.SinkRepeat < 1 || settings.Slices < 1
                || settings.Slices > (settings.Points + settings.BatchSize - 1) / settings.BatchSize)
            {
                error = "write-e2e: --points, --batch, --sink-repeat and --slices must be at least 1, and a slice must hold at least one request.";
                return null;
            }

            error = null;
            return settings;
        }
    }
}
