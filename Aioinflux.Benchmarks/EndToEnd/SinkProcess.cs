using System.Diagnostics;
using System.Globalization;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// The <see cref="LoopbackSink"/> running in a child process (this same program with <see cref="SinkArgument"/>), so
/// that the benchmark process's CPU time is the client's alone. Disposing closes the child's standard input, which
/// stops it.
/// </summary>
internal sealed class SinkProcess : IDisposable
{
    /// <summary>The argument after <c>write-e2e</c> that makes this program a sink.</summary>
    public const string SinkArgument = "--sink-server";

    private readonly Process _process;
    private readonly HttpClient _statsClient;

    private SinkProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _statsClient = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/") };
    }

    /// <summary>The port the sink listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The sink process, for its CPU time.</summary>
    public Process Process => _process;

    /// <summary>Starts the child and waits for it to listen.</summary>
    /// <returns>The running sink.</returns>
    public static async Task<SinkProcess> StartAsync()
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown, so the sink process cannot be started.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under `dotnet Aioinflux.Benchmarks.dll` the process is the dotnet host, which needs the assembly's path first.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SinkProcess).Assembly.Location);
        }

        // A profiler attached to the benchmark (dotnet-trace collect -- ...) is not for the sink, which would wait for it.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        start.Environment.Remove("DOTNET_DefaultDiagnosticPortSuspend");

        start.ArgumentList.Add(WriteEndToEnd.Command);
        start.ArgumentList.Add(SinkArgument);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The sink process did not start.");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            if (line is null || !line.StartsWith("port=", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The sink process printed '{line}' instead of its port.");
            }

            return new SinkProcess(process, int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>What the sink has received so far.</summary>
    /// <returns>Requests, body bytes and lines, counted since the sink started.</returns>
    public async Task<SinkStats> StatsAsync()
    {
        string text = await _statsClient.GetStringAsync(new Uri("stats", UriKind.Relative)).ConfigureAwait(false);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string pair in text.Split(' '))
        {
            string[] parts = pair.Split('=');
            values[parts[0]] = long.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        return new SinkStats(values["requests"], values["bytes"], values["lines"]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _statsClient.Dispose();
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}

/// <summary>What a <see cref="LoopbackSink"/> has received.</summary>
/// <param name="Requests">Requests answered with 204.</param>
/// <param name="Bytes">Body bytes read.</param>
/// <param name="Lines">Line feeds among them: the points.</param>
internal readonly record struct SinkStats(long Requests, long Bytes, long Lines)
{
    /// <summary>What was received between two readings.</summary>
    /// <param name="later">The later reading.</param>
    /// <param name="earlier">The earlier reading.</param>
    /// <returns>The difference.</returns>
    public static SinkStats operator -(SinkStats later, SinkStats earlier)
        => new(later.Requests - earlier.Requests, later.Bytes - earlier.Bytes, later.Lines - earlier.Lines);

    /// <summary>The difference of two readings (the named form of <c>-</c>).</summary>
    /// <param name="later">The later reading.</param>
    /// <param name="earlier">The earlier reading.</param>
    /// <returns>The difference.</returns>
    public static SinkStats Subtract(SinkStats later, SinkStats earlier) => later - earlier;
}
