using System.Diagnostics;
using System.Globalization;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// CPU time of the processes around the client, read from Linux's <c>/proc</c>, so the report can say how much the server
/// spent and how busy the rest of the machine (other builds) was during a round. Everything here is best effort: off
/// Linux, or without permission, the figures are simply missing.
/// </summary>
internal static class CpuMeters
{
    // USER_HZ, the unit of /proc/stat: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Finds the process listening on a loopback TCP port, such as the influxd that scripts/with-influxdb.sh started.</summary>
    /// <param name="port">The port.</param>
    /// <returns>The process, or <see langword="null"/> if it cannot be found.</returns>
    public static Process? FindListeningProcess(int port)
    {
        try
        {
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!File.Exists(table))
                {
                    continue;
                }

                foreach (string line in File.ReadLines(table).Skip(1))
                {
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    const string Listen = "0A";
                    if (fields.Length > 9 && fields[3] == Listen
                        && int.Parse(fields[1].AsSpan(fields[1].IndexOf(':', StringComparison.Ordinal) + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) == port)
                    {
                        inodes.Add("socket:[" + fields[9] + "]");
                    }
                }
            }

            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (string directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    continue;
                }

                try
                {
                    foreach (string fd in Directory.EnumerateFiles(Path.Combine(directory, "fd")))
                    {
                        if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                        {
                            return Process.GetProcessById(pid);
                        }
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    // The process ended while we looked, or is not ours to inspect.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>A process's CPU time so far.</summary>
    /// <param name="process">The process, or <see langword="null"/>.</param>
    /// <returns>Its user and system time, or <see langword="null"/>.</returns>
    public static TimeSpan? ProcessCpu(Process? process)
    {
        if (process is null)
        {
            return null;
        }

        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The CPU time all processes on the machine have used since boot (<c>/proc/stat</c>).</summary>
    /// <returns>The busy time, or <see langword="null"/> off Linux.</returns>
    public static TimeSpan? MachineBusy()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            string? line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }

            // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            foreach (int index in new[] { 1, 2, 3, 6, 7, 8 })
            {
                busy += long.Parse(fields[index], CultureInfo.InvariantCulture);
            }

            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
