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
    public Task Every_mistake_typed_into_the_sample_is_reported_on_its_line_and_the_code_fixes_apply()
        => RepositoryScript.RunAsync("check-diagnostics.sh", Timeout, start =>
        {
            // The configuration of this run, whose build of Aioinflux.Core and the analyzers the script then reuses.
#if DEBUG
            start.Environment["CONFIGURATION"] = "Debug";
#else
            start.Environment["CONFIGURATION"] = "Release";
#endif
        });
}
