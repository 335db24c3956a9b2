using System.Collections.Immutable;
using Aioinflux.Generators.CodeFixes;
using Aioinflux.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// Fix All as <c>dotnet format analyzers --diagnostics AIO001 AIO005</c> runs it (its <c>SolutionCodeFixApplier</c>):
/// one diagnostic ID at a time, with the equivalence key of the first diagnostic it found, whatever that one's ID.
/// The IDE passes the key of the fix the user picked, and every ID the provider fixes.
/// </summary>
public class CodeFixFixAllTests
{
    private const string Source = """
        using Aioinflux;

        [LineProtocol]
        public record Trade([property: Field] double Price);

        [LineProtocol]
        public partial record Metric(
            [property: Measurement] string Name,
            [property: Measurement] string Source,
            [property: Field] double Value);
        """;

    private const string MetricFixed = """
        public partial record Metric(
            [property: Measurement] string Name,
            string Source,
            [property: Field] double Value);
        """;

    [Test]
    public async Task Fix_All_for_one_ID_fixes_it_even_with_the_equivalence_key_of_another_IDs_fix()
    {
        string text = await FixAllAsync(SchemaCodeFixProvider.MakePartialKey, ["AIO005"]);

        Assert.That(text, Does.Contain(MetricFixed));
        Assert.That(text, Does.Contain("public record Trade"), "AIO001 was not asked for");
    }

    [Test]
    public async Task Fix_All_with_the_key_of_a_fix_applies_only_that_fix()
    {
        string text = await FixAllAsync(SchemaCodeFixProvider.RemoveMeasurementAttributeKey, new SchemaCodeFixProvider().FixableDiagnosticIds);

        Assert.That(text, Does.Contain(MetricFixed));
        Assert.That(text, Does.Contain("public record Trade"), "making Trade partial is another fix");
    }

    [Test]
    public async Task Fix_All_for_AIO001_with_the_key_of_the_AIO005_fix_makes_the_type_partial()
    {
        string text = await FixAllAsync(SchemaCodeFixProvider.RemoveMeasurementAttributeKey, ["AIO001"]);

        Assert.That(text, Does.Contain("public partial record Trade"));
        Assert.That(text, Does.Contain("[property: Measurement] string Source"), "AIO005 was not asked for");
    }

    private static async Task<string> FixAllAsync(string equivalenceKey, IEnumerable<string> diagnosticIds)
    {
        using var workspace = new AdhocWorkspace();
        Document document = workspace.CurrentSolution
            .AddProject("FixAll", "FixAll", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithMetadataReferences(References.Value)
            .AddDocument("FixAll.cs", SourceText.From(Source));
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new SchemaAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        Assert.That(diagnostics.Select(d => d.Id).Order(), Is.EqualTo(new[] { "AIO001", "AIO005" }));

        var provider = new SchemaCodeFixProvider();
        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Solution,
            equivalenceKey,
            diagnosticIds,
            new AllDiagnostics(diagnostics),
            CancellationToken.None);
        CodeAction? action = await provider.GetFixAllProvider().GetFixAsync(context);
        Assert.That(action, Is.Not.Null, "a Fix All action");

        var operations = await action!.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), runtime, StringComparison.Ordinal))
            .Append(typeof(LineProtocolAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>Every diagnostic found, of every ID, as dotnet format hands them to the Fix All.</summary>
    private sealed class AllDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
