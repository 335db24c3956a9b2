using System.Diagnostics;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests.Packaging;

/// <summary>
/// Issue 10's "tried as a new user would": scripts/package-test.sh packs Aioinflux and Aioinflux.DataFrame into a local
/// folder feed, creates a fresh console project, adds both packages from that feed, builds the quick start with the
/// generator and analyzer from the package, and runs it against a private influxd. Two packs, two restores, two builds
/// of a small project and one run.
/// </summary>
[Category("Slow")]
public class PackageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    [Test]
    public async Task A_fresh_project_restores_both_packages_from_a_local_feed_and_its_generated_code_writes_and_reads_back()
    {
        string script = Path.Combine(InfluxServer.RepositoryRoot, "scripts", "package-test.sh");
        string log = Path.Combine(Path.GetTempPath(), $"package-test-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = InfluxServer.RepositoryRoot };

        // Into a file, not a pipe: a build server a build starts may outlive it holding inherited pipes open.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" >\"$1\" 2>&1 </dev/null");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(log);

        // `dotnet test` hands its own MSBuild settings to the test process; the script's builds must find their own.
        foreach (string name in start.Environment.Keys.Where(IsInheritedBuildSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        try
        {
            using Process process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"scripts/package-test.sh did not finish within {Timeout.TotalMinutes} minutes:\n{ReadLog(log)}");
            }

            string output = ReadLog(log);
            TestContext.Out.WriteLine(output);
            Assert.That(process.ExitCode, Is.Zero, "scripts/package-test.sh failed:\n" + output);
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static bool IsInheritedBuildSetting(string name)
        => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
            || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("VSTEST_", StringComparison.OrdinalIgnoreCase);

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no output)";
}
