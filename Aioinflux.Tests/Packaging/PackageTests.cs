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
    public Task A_fresh_project_restores_both_packages_from_a_local_feed_and_its_generated_code_writes_and_reads_back()
        => RepositoryScript.RunAsync("package-test.sh", Timeout, start =>
        {
            // `dotnet test` hands its own MSBuild settings to the test process; the script's builds must find their own.
            foreach (string name in start.Environment.Keys.Where(IsInheritedBuildSetting).ToList())
            {
                start.Environment.Remove(name);
            }
        });

    private static bool IsInheritedBuildSetting(string name)
        => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
            || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("VSTEST_", StringComparison.OrdinalIgnoreCase);
}
