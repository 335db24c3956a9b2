using System.Diagnostics;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// Issue 4's "tried as a new user would": scripts/check-diagnostics.sh builds samples/SchemaMistakes, where each
/// schema mistake is typed in and its line marked <c>// expect AIOxxx</c>, checks that `dotnet build` reports exactly
/// those, then applies the code fixes with `dotnet format analyzers` to a copy and rebuilds it. One build, one
/// format, one rebuild of a small project, with the dependencies already built by this test run.
/// </summary>
[Category("Slow")]
public class NewUserWalkthroughTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Test]
    public async Task Every_mistake_typed_into_the_sample_is_reported_on_its_line_and_the_code_fixes_apply()
    {
        string script = Path.Combine(InfluxServer.RepositoryRoot, "scripts", "check-diagnostics.sh");
        string log = Path.Combine(Path.GetTempPath(), $"check-diagnostics-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = InfluxServer.RepositoryRoot };

        // Into a file, not a pipe: a compiler server the build starts may outlive it holding inherited pipes open.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" >\"$1\" 2>&1");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(log);

        // The configuration of this run, whose build of Aioinflux.Core and the analyzers the script then reuses.
#if DEBUG
        start.Environment["CONFIGURATION"] = "Debug";
#else
        start.Environment["CONFIGURATION"] = "Release";
#endif

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
                Assert.Fail($"scripts/check-diagnostics.sh did not finish within {Timeout.TotalMinutes} minutes:\n{ReadLog(log)}");
            }

            string output = ReadLog(log);
            TestContext.Out.WriteLine(output);
            Assert.That(process.ExitCode, Is.Zero, "scripts/check-diagnostics.sh found a mismatch:\n" + output);
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no output)";
}
