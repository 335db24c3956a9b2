using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Aioinflux.Tests.Integration;

/// <summary>
/// A private influxd (Debian's package) on loopback with its data in a temp folder, started and stopped by
/// <c>scripts/influxd.sh</c>, which also serves the samples and CI.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private InfluxServer(string directory, int port, int pid, string? socket = null, string scheme = "http")
    {
        DataDirectory = directory;
        Port = port;
        Pid = pid;
        Socket = socket;
        Scheme = scheme;
        // The harness's own client trusts the test's self-signed certificate; the library's clients under test do not.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        Http = new HttpClient(handler) { BaseAddress = new Uri($"{scheme}://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The Unix socket's path when started with <c>--unix-socket</c>.</summary>
    public string? Socket { get; }

    /// <summary><c>http</c>, or <c>https</c> when started with <c>--https</c>.</summary>
    public string Scheme { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public int Pid { get; private set; }

    public HttpClient Http { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static async Task<InfluxServer> StartAsync(params string[] options)
    {
        string directory = Directory.CreateTempSubdirectory("aioinflux-influxd-").FullName;
        string output = await RunScriptAsync("start", [directory, .. options]);
        var values = output.Trim().Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new InfluxServer(
            directory,
            int.Parse(values["port"], CultureInfo.InvariantCulture),
            int.Parse(values["pid"], CultureInfo.InvariantCulture),
            values.GetValueOrDefault("socket"),
            values.GetValueOrDefault("scheme", "http"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await RunScriptAsync("stop", [Pid.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being released by the stopped server; the temp folder is cleaned by the OS eventually.
        }
    }

    /// <summary>Kills influxd with SIGKILL, as a crash or an OOM kill would: no flush, no goodbye.</summary>
    public void Kill()
    {
        using Process process = Process.GetProcessById(Pid);
        process.Kill();
        process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts influxd again on the same folder, port and data, after <see cref="Kill"/>.</summary>
    public async Task RestartAsync()
    {
        string output = await RunScriptAsync("start", [DataDirectory]);
        var values = output.Trim().Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.That(int.Parse(values["port"], CultureInfo.InvariantCulture), Is.EqualTo(Port), "influxd came back on another port");
        Pid = int.Parse(values["pid"], CultureInfo.InvariantCulture);
    }

    /// <summary>Creates a database whose name is unique to the calling test.</summary>
    public async Task<string> CreateDatabaseAsync(string hint)
    {
        string name = hint + "_" + Guid.NewGuid().ToString("N")[..8];
        using JsonDocument _ = await QueryAsync(null, $"CREATE DATABASE \"{name}\"");
        return name;
    }

    public async Task WriteAsync(string database, ReadOnlyMemory<byte> lines, WritePrecision precision = WritePrecision.Nanoseconds)
    {
        string url = $"write?db={Uri.EscapeDataString(database)}&precision={Aioinflux.Serialization.LineProtocolTime.ToWireValue(precision)}";
        using var content = new ReadOnlyMemoryContent(lines);
        using HttpResponseMessage response = await Http.PostAsync(url, content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(204), body);
    }

    public async Task<JsonDocument> QueryAsync(string? database, string query, string epoch = "ns")
    {
        var form = new Dictionary<string, string> { ["q"] = query, ["epoch"] = epoch };
        if (database is not null)
        {
            form["db"] = database;
        }

        using var content = new FormUrlEncodedContent(form);
        using HttpResponseMessage response = await Http.PostAsync("query", content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        var document = JsonDocument.Parse(body);
        JsonElement result = document.RootElement.GetProperty("results")[0];
        Assert.That(result.TryGetProperty("error", out JsonElement error), Is.False, () => error.ToString());
        return document;
    }

    /// <summary>The rows of the first series of a query, as column name → value.</summary>
    public async Task<List<Dictionary<string, JsonElement>>> SelectAsync(string database, string query)
    {
        using JsonDocument document = await QueryAsync(database, query);
        JsonElement result = document.RootElement.GetProperty("results")[0];
        var rows = new List<Dictionary<string, JsonElement>>();
        if (!result.TryGetProperty("series", out JsonElement series))
        {
            return rows;
        }

        JsonElement first = series[0];
        string[] columns = first.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        foreach (JsonElement values in first.GetProperty("values").EnumerateArray())
        {
            var row = new Dictionary<string, JsonElement>();
            int i = 0;
            foreach (JsonElement value in values.EnumerateArray())
            {
                row[columns[i++]] = value.Clone();
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task<string> RunScriptAsync(string verb, string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "influxd.sh"));
        start.ArgumentList.Add(verb);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/influxd.sh {verb} failed ({process.ExitCode}). Is InfluxDB installed? Run scripts/install-services.sh.\n{await stderr}");
        }

        return await stdout;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "influxd.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder holding scripts/influxd.sh).");
    }
}
