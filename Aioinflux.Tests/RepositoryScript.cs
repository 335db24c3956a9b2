using System.Diagnostics;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests;

/// <summary>Runs one of the repository's scripts as CI would, for the slow end-to-end tests.</summary>
internal static class RepositoryScript
{
    /// <summary>
    /// Runs <c>scripts/{name}</c> from the repository's root, bounded by <paramref name="timeout"/> (the process tree is
    /// killed then), prints its output to the test log, and fails the test with that output when it exits non-zero.
    /// </summary>
    public static async Task RunAsync(string name, TimeSpan timeout, Action<ProcessStartInfo>? configure = null)
    {
        string script = Path.Combine(InfluxServer.RepositoryRoot, "scripts", name);
        string log = Path.Combine(Path.GetTempPath(), $"{Path.GetFileNameWithoutExtension(name)}-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = InfluxServer.RepositoryRoot };

        // Into a file, not a pipe: a compiler or build server the script starts may outlive it holding inherited pipes open.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" >\"$1\" 2>&1 </dev/null");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(log);
        configure?.Invoke(start);

        try
        {
            using Process process = Process.Start(start)!;
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"scripts/{name} did not finish within {timeout.TotalMinutes} minutes:\n{ReadLog(log)}");
            }

            string output = ReadLog(log);
            TestContext.Out.WriteLine(output);
            Assert.That(process.ExitCode, Is.Zero, $"scripts/{name} failed:\n{output}");
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no output)";
}
