using System.Text.RegularExpressions;
using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// The examples of each help page under docs/diagnostics/ do what the page says: the "Wrong" one is reported with
/// the page's ID and nothing else, the "Right" one with nothing, and both compile once the generator has run.
/// </summary>
public partial class DiagnosticPageTests
{
    public static IEnumerable<TestCaseData> Pages()
    {
        foreach (string path in Directory.GetFiles(DiagnosticsDirectory(), "AIO*.md").Order(StringComparer.Ordinal))
        {
            string id = Path.GetFileNameWithoutExtension(path);
            yield return new TestCaseData(id, File.ReadAllText(path)).SetName($"The_examples_of_the_help_page_do_what_it_says({id})");
        }
    }

    [TestCaseSource(nameof(Pages))]
    public void The_examples_of_the_help_page_do_what_it_says(string id, string page)
    {
        string wrong = Example(page, "Wrong");
        string right = Example(page, "Right");

        var (wrongOutput, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(wrong, TypedQueryStub.Source));
        var (rightOutput, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(right, TypedQueryStub.Source));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(GeneratorHarness.Analyze(wrongOutput).Select(d => d.Id).Distinct(), Is.EqualTo(new[] { id }), "the wrong example");
            Assert.That(GeneratorHarness.Analyze(rightOutput), Is.Empty, "the right example");
            Assert.That(rightOutput.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the right example compiles");
        }
    }

    [GeneratedRegex(@"## (?<heading>Wrong|Right)\s+```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    private static string Example(string page, string heading)
    {
        Match match = ExampleBlock().Matches(page.ReplaceLineEndings("\n")).FirstOrDefault(m => m.Groups["heading"].Value == heading)
            ?? throw new AssertionException($"The page has no '## {heading}' C# example.");
        return match.Groups["code"].Value;
    }

    private static string DiagnosticsDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "docs", "diagnostics");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Cannot find docs/diagnostics.");
    }
}
