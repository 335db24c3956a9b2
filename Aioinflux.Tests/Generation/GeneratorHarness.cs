using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Aioinflux.Generators;
using Aioinflux.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aioinflux.Tests.Generation;

/// <summary>Runs the generator and the schema analyzer over source text, the way the compiler does.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Append(typeof(LineProtocolAttribute).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation([], sources);

    /// <summary>A compilation of <paramref name="sources"/> that also references <paramref name="libraries"/>.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<MetadataReference> libraries, params string[] sources) => CSharpCompilation.Create(
        "GeneratorTest" + Guid.NewGuid().ToString("N"),
        sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
        References.AddRange(libraries),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// Compiles <paramref name="source"/>, without the generator, into the image of a library named
    /// <paramref name="assemblyName"/>: "another assembly", whose types a compilation sees only as metadata.
    /// </summary>
    public static byte[] CompileLibrary(string assemblyName, string source)
    {
        CSharpCompilation library = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, ParseOptions)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return image.ToArray();
    }

    public static GeneratorDriver CreateDriver(bool trackSteps = true) => CSharpGeneratorDriver.Create(
        new[] { new LineProtocolGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the compilation with the generated sources and its compiler diagnostics.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The diagnostics of the schema analyzer and the typed-query analyzer for <paramref name="compilation"/>.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
        => compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SchemaAnalyzer(), new QueryReadableAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    /// <summary>Generates, compiles and loads <paramref name="sources"/>; fails on any compiler error.</summary>
    public static Assembly CompileAndLoad(params string[] sources) => CompileAndLoad([], sources);

    /// <summary>
    /// Generates, compiles and loads <paramref name="sources"/> against <paramref name="libraries"/> (images from
    /// <see cref="CompileLibrary"/>), loaded into the same context; fails on any compiler error.
    /// </summary>
    public static Assembly CompileAndLoad(IReadOnlyList<byte[]> libraries, params string[] sources)
    {
        (Compilation output, GeneratorDriverRunResult run) = Generate(CreateCompilation(libraries.Select(l => (MetadataReference)MetadataReference.CreateFromImage(l)), sources));
        Assert.That(run.Diagnostics, Is.Empty, "generator diagnostics");
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext(null, isCollectible: true);
        foreach (byte[] library in libraries)
        {
            using var libraryImage = new MemoryStream(library);
            context.LoadFromStream(libraryImage);
        }

        return context.LoadFromStream(image);
    }
}
