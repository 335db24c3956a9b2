using System.Diagnostics;
using System.Globalization;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests.Caching;

/// <summary>
/// A private redis-server (Debian's package) on loopback, without persistence, started and stopped by
/// <c>scripts/redis.sh</c>; killed by its PID to play an outage, and restarted on the same port.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private RedisServer(string directory, int port, int pid)
    {
        Directory = directory;
        Port = port;
        Pid = pid;
    }

    public string Directory { get; }

    public int Port { get; }

    public int Pid { get; private set; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public static async Task<RedisServer> StartAsync()
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("aioinflux-redis-").FullName;
        (int port, int pid) = Parse(await RunScriptAsync("start", directory));
        return new RedisServer(directory, port, pid);
    }

    /// <summary>Kills redis-server with SIGKILL, as a crash would: connections drop without a goodbye.</summary>
    public void Kill()
    {
        using Process process = Process.GetProcessById(Pid);
        process.Kill();
        process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts redis-server again on the same port, after <see cref="Kill"/>. It comes back empty.</summary>
    public async Task RestartAsync()
    {
        (int port, int pid) = Parse(await RunScriptAsync("start", Directory));
        Assert.That(port, Is.EqualTo(Port), "redis-server came back on another port");
        Pid = pid;
    }

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync("stop", Pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS eventually.
        }
    }

    private static (int Port, int Pid) Parse(string output)
    {
        var values = output.Trim().Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (int.Parse(values["port"], CultureInfo.InvariantCulture), int.Parse(values["pid"], CultureInfo.InvariantCulture));
    }

    private static async Task<string> RunScriptAsync(string verb, string argument)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(InfluxServer.RepositoryRoot, "scripts", "redis.sh"));
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(argument);

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/redis.sh {verb} failed ({process.ExitCode}). Is redis-server installed? Run scripts/install-services.sh.\n{await stderr}");
        }

        return await stdout;
    }
}
