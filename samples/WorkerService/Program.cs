// A worker service that emits metrics continuously through Aioinflux's batching writer.
//
// The client's options come from the "InfluxDB" section (appsettings.json, then environment variables such as
// InfluxDB__Port=8087, then the command line such as --InfluxDB:Port 8087); the writer is a hosted service that
// writes what is still buffered when the host stops. The producer stops the host after --points N points or
// --duration 00:00:30, or runs until Ctrl-C. Afterwards the sample counts what InfluxDB stored and exits non-zero if
// a point it produced is missing, so CI can run it:
//   scripts/with-influxdb.sh dotnet run --project samples/WorkerService -- --points 1000 \
//       --InfluxDB:Host \$INFLUXDB_HOST --InfluxDB:Port \$INFLUXDB_PORT
using System.Globalization;
using Aioinflux;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// appsettings.json sits beside the program, whatever folder `dotnet run` is started from.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--points"] = "Producer:Points",
    ["--duration"] = "Producer:Duration",
    ["--interval"] = "Producer:Interval",
});

builder.Services.AddInfluxDBClient(builder.Configuration.GetSection("InfluxDB"))
    .AddBatchWriter(options =>
    {
        options.BatchSize = 500;
        options.FlushInterval = TimeSpan.FromMilliseconds(500);
    });
builder.Services.Configure<ProducerOptions>(builder.Configuration.GetSection("Producer"));
builder.Services.AddSingleton<MetricsProducer>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<MetricsProducer>());

using IHost host = builder.Build();
await host.StartAsync();
await host.WaitForShutdownAsync(); // stops the producer, then the batching writer, which writes what it buffered

// The host has stopped but not yet been disposed: its client is still there to check what was stored.
var client = host.Services.GetRequiredService<InfluxDBClient>();
var writer = host.Services.GetRequiredService<BatchWriter>();
long produced = host.Services.GetRequiredService<MetricsProducer>().Produced;
QueryResult stored = await client.QueryAsync("SELECT count(sequence) FROM worker_metrics");
long count = stored.IterPoints().Select(row => row[1].AsLong()).SingleOrDefault();
BatchWriterStatistics statistics = writer.Statistics;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"produced {produced}, written {statistics.Written}, failed {statistics.Failed}, stored {count} point(s) in {client.Database}"));
return count == produced ? 0 : 1;

/// <summary>How many points the producer emits, for how long, and how fast.</summary>
internal sealed class ProducerOptions
{
    /// <summary>Stops the host after this many points; 0 for no limit.</summary>
    public long Points { get; set; }

    /// <summary>Stops the host after this long; null for no limit.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>The pause between two points.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(1);
}

/// <summary>Emits one sample per interval into the hosted <see cref="BatchWriter"/>, as a metrics source would.</summary>
internal sealed partial class MetricsProducer(
    InfluxDBClient client,
    BatchWriter writer,
    IOptions<ProducerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<MetricsProducer> logger) : BackgroundService
{
    private long _produced;

    public long Produced => Interlocked.Read(ref _produced);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ProducerOptions limits = options.Value;
        await client.CreateDatabaseAsync(client.Database ?? throw new InvalidOperationException("Set InfluxDB:Database in appsettings.json."), stoppingToken);
        LogStarted(logger, client.Address, client.Database, limits.Points, limits.Duration);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (limits.Duration is { } duration)
        {
            deadline.CancelAfter(duration);
        }

        using var timer = new PeriodicTimer(limits.Interval > TimeSpan.Zero ? limits.Interval : TimeSpan.FromTicks(1));
        try
        {
            while ((limits.Points == 0 || _produced < limits.Points) && await timer.WaitForNextTickAsync(deadline.Token))
            {
                long sequence = _produced;
                // No timestamp: the writer stamps each point with the strictly increasing time it accepted it.
                await writer.WriteAsync(new WorkerSample(Environment.MachineName, sequence, Math.Sin(sequence / 100.0)), deadline.Token);
                Interlocked.Increment(ref _produced);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        LogFinished(logger, Produced);
        lifetime.StopApplication();
    }

    [LoggerMessage(1, LogLevel.Information, "Producing points for {Address}, database {Database} (limit {Points} points, {Duration})")]
    private static partial void LogStarted(ILogger logger, string address, string? database, long points, TimeSpan? duration);

    [LoggerMessage(2, LogLevel.Information, "Produced {Points} points; stopping")]
    private static partial void LogFinished(ILogger logger, long points);
}

/// <summary>One metrics sample, serialized by generated code.</summary>
[LineProtocol(Measurement = "worker_metrics")]
internal partial record struct WorkerSample(
    [property: Tag("host")] string Host,
    [property: Field("sequence")] long Sequence,
    [property: Field("load")] double Load,
    [property: TimeInt] long? Time = null);
