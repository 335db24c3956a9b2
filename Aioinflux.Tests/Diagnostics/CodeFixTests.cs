using System.Collections.Immutable;
using Aioinflux.Generators.CodeFixes;
using Aioinflux.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// Each fix of <see cref="SchemaCodeFixProvider"/> turns a source with the marked diagnostics (every diagnostic the
/// analyzer reports is marked) into the fixed source, which the analyzer and the compiler then accept. The harness
/// applies the fixes one by one and with Fix All. Only the analyzer runs, not the generator, so the sources use no
/// generated member.
/// </summary>
public class CodeFixTests
{
    [Test]
    public async Task Adding_partial_fixes_AIO001_on_a_record()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public record {|AIO001:Trade|}([property: Field] double Price);
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public partial record Trade([property: Field] double Price);
            """);
    }

    [Test]
    public async Task Adding_partial_fixes_AIO001_on_a_class_after_its_other_modifiers()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public sealed class {|AIO001:Trade|}
            {
                [Field] public double Price { get; set; }
            }
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public sealed partial class Trade
            {
                [Field] public double Price { get; set; }
            }
            """);
    }

    [Test]
    public async Task Adding_partial_fixes_AIO001_on_a_readonly_record_struct_right_before_record()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public readonly record struct {|AIO001:Tick|}([property: Field] double Price);
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public readonly partial record struct Tick([property: Field] double Price);
            """);
    }

    [Test]
    public async Task Adding_partial_fixes_AIO001_on_a_type_without_modifiers_and_keeps_its_indentation()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            namespace Market
            {
                [LineProtocol]
                // A trade.
                record {|AIO001:Trade|}([property: Field] double Price);
            }
            """,
            """
            using Aioinflux;

            namespace Market
            {
                [LineProtocol]
                // A trade.
                partial record Trade([property: Field] double Price);
            }
            """);
    }

    [Test]
    public async Task Adding_partial_fixes_AIO002_on_a_containing_static_class()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            public static class {|AIO002:Plant|}
            {
                [LineProtocol]
                public partial record Reading([property: Field] double Value);
            }
            """,
            """
            using Aioinflux;

            public static partial class Plant
            {
                [LineProtocol]
                public partial record Reading([property: Field] double Value);
            }
            """);
    }

    [Test]
    public async Task Adding_partial_fixes_AIO001_and_AIO002_together_on_a_nested_type()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            internal class {|AIO002:Outer|}
            {
                [LineProtocol]
                private protected sealed class {|AIO001:Inner|}
                {
                    [Field] public double Value;
                }
            }
            """,
            """
            using Aioinflux;

            internal partial class Outer
            {
                [LineProtocol]
                private protected sealed partial class Inner
                {
                    [Field] public double Value;
                }
            }
            """);
    }

    [Test]
    public async Task Removing_the_attribute_fixes_AIO004_on_a_positional_record_parameter()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public partial record Trade([property: Field] double Price, [property: TimeInt] long Ns, [property: {|AIO004:TimeStr|}] string? At);
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public partial record Trade([property: Field] double Price, [property: TimeInt] long Ns, string? At);
            """);
    }

    [Test]
    public async Task Removing_the_attribute_fixes_AIO004_and_keeps_the_other_attributes_of_its_list()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using System;
            using Aioinflux;

            [LineProtocol]
            public partial class Trade
            {
                [Field] public double Price { get; set; }
                [TimeInt] public long Ns { get; set; }
                [Obsolete("Use Ns"), {|AIO004:TimeDateTime|}] public DateTime At { get; set; }
            }
            """,
            """
            using System;
            using Aioinflux;

            [LineProtocol]
            public partial class Trade
            {
                [Field] public double Price { get; set; }
                [TimeInt] public long Ns { get; set; }
                [Obsolete("Use Ns")] public DateTime At { get; set; }
            }
            """);
    }

    [Test]
    public async Task Removing_the_attribute_fixes_AIO004_on_its_own_line_and_keeps_the_comment_above()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using System;
            using Aioinflux;

            [LineProtocol]
            public partial class Trade
            {
                [Field] public double Price { get; set; }

                [TimeInt]
                public long Ns { get; set; }

                // When it happened.
                [{|AIO004:TimeDateTime|}]
                public DateTime At { get; set; }
            }
            """,
            """
            using System;
            using Aioinflux;

            [LineProtocol]
            public partial class Trade
            {
                [Field] public double Price { get; set; }

                [TimeInt]
                public long Ns { get; set; }

                // When it happened.
                public DateTime At { get; set; }
            }
            """);
    }

    [Test]
    public async Task Removing_the_attribute_fixes_AIO004_before_another_attribute_list_on_the_same_line()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using System;
            using Aioinflux;

            [LineProtocol]
            public partial struct Trade
            {
                [Field] public double Price;
                [TimeInt] public long Ns;
                [{|AIO004:TimeStr|}] [Obsolete("Use Ns")] public string? At;
            }
            """,
            """
            using System;
            using Aioinflux;

            [LineProtocol]
            public partial struct Trade
            {
                [Field] public double Price;
                [TimeInt] public long Ns;
                [Obsolete("Use Ns")] public string? At;
            }
            """);
    }

    [Test]
    public async Task Removing_the_attribute_fixes_AIO005()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public partial class Reading
            {
                [Measurement] public string? Name { get; set; }
                [{|AIO005:Measurement|}] public string? Alias { get; set; }
                [Field] public double Value { get; set; }
            }
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public partial class Reading
            {
                [Measurement] public string? Name { get; set; }
                public string? Alias { get; set; }
                [Field] public double Value { get; set; }
            }
            """);
    }

    [Test]
    public async Task Using_the_member_name_as_key_fixes_AIO011_on_Field_time()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public partial class Reading
            {
                [{|AIO011:Field("time")|}] public double Value;
                [Field] public double Other;
            }
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public partial class Reading
            {
                [Field("Value")] public double Value;
                [Field] public double Other;
            }
            """);
    }

    [Test]
    public async Task Using_the_key_time__fixes_AIO011_on_a_Tag_member_named_time()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public partial class Reading
            {
                [{|AIO011:Tag|}] public string? time { get; set; }
                [Field] public double Value { get; set; }
            }
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public partial class Reading
            {
                [Tag("time_")] public string? time { get; set; }
                [Field] public double Value { get; set; }
            }
            """);
    }

    [Test]
    public async Task Renaming_the_key_fixes_every_AIO011_of_a_positional_record_at_once()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public partial record Reading([property: {|AIO011:Tag()|}] string? time, [property: {|AIO011:Field("time")|}] double Value, [property: Field] double Other);
            """,
            """
            using Aioinflux;

            [LineProtocol]
            public partial record Reading([property: Tag("time_")] string? time, [property: Field("Value")] double Value, [property: Field] double Other);
            """);
    }

    private const string Sample = """
        public class Sample
        {
            public string Host { get; set; } = "";
            public int time { get; set; }
            public double Value { get; set; }
            public long Ns { get; set; }
            public System.DateTime At { get; set; }
        }
        """;

    [Test]
    public async Task Adding_partial_fixes_AIO001_on_a_schema_class()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [FieldMember(nameof(Sample.Value))]
            public sealed class {|AIO001:SampleSchema|};

            """ + Sample,
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [FieldMember(nameof(Sample.Value))]
            public sealed partial class SampleSchema;

            """ + Sample);
    }

    [Test]
    public async Task Removing_the_attribute_fixes_AIO004_on_a_schema_class()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [FieldMember(nameof(Sample.Value))]
            [TimeMember(nameof(Sample.Ns))]
            [{|AIO004:TimeMember(nameof(Sample.At))|}]
            public sealed partial class SampleSchema;

            """ + Sample,
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [FieldMember(nameof(Sample.Value))]
            [TimeMember(nameof(Sample.Ns))]
            public sealed partial class SampleSchema;

            """ + Sample);
    }

    [Test]
    public async Task Removing_the_second_mapping_fixes_AIO021_and_keeps_the_other_attributes_of_its_list()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [TagMember(nameof(Sample.Host)), {|AIO021:TagMember(nameof(Sample.Host), Key = "h")|}, FieldMember(nameof(Sample.Value))]
            public sealed partial class SampleSchema;

            """ + Sample,
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [TagMember(nameof(Sample.Host)), FieldMember(nameof(Sample.Value))]
            public sealed partial class SampleSchema;

            """ + Sample);
    }

    [Test]
    public async Task Renaming_the_key_fixes_AIO011_on_a_schema_class_through_its_Key_argument()
    {
        await CodeFixVerifier.VerifyAsync(
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [{|AIO011:TagMember(nameof(Sample.Host), Key = "time")|}]
            [{|AIO011:FieldMember(nameof(Sample.time))|}]
            [FieldMember("Value")]
            public sealed partial class SampleSchema;

            """ + Sample,
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [TagMember(nameof(Sample.Host), Key = "Host")]
            [FieldMember(nameof(Sample.time), Key = "time_")]
            [FieldMember("Value")]
            public sealed partial class SampleSchema;

            """ + Sample);
    }

    [Test]
    public async Task The_fixes_on_a_schema_class_have_titles_that_say_what_they_do()
    {
        var titles = await CodeFixVerifier.TitlesAsync(
            """
            using Aioinflux;

            [LineProtocolSchema(typeof(Sample))]
            [FieldMember("time")]
            [MeasurementMember(nameof(Sample.Host)), MeasurementMember("Name")]
            [TagMember(nameof(Sample.Region)), TagMember(nameof(Sample.Region))]
            public class SampleSchema;

            public class Sample
            {
                public string Host { get; set; } = "";
                public string Name { get; set; } = "";
                public string Region { get; set; } = "";
                public double time { get; set; }
            }
            """);

        Assert.That(titles, Is.EquivalentTo(new[]
        {
            "AIO001: Make 'SampleSchema' partial",
            "AIO011: Use the key \"time_\"",
            "AIO005: Remove the second [MeasurementMember] attribute",
            "AIO021: Remove the second mapping",
        }));
    }

    [Test]
    public async Task The_fixes_have_titles_that_say_what_they_do()
    {
        var titles = await CodeFixVerifier.TitlesAsync(
            """
            using Aioinflux;

            [LineProtocol]
            public class Trade
            {
                [Field("time")] public double Price;
                [Measurement] public string? A;
                [Measurement] public string? B;
                [TimeInt] public long Ns;
                [TimeStr] public string? At;
            }
            """);

        Assert.That(titles, Is.EquivalentTo(new[]
        {
            "AIO001: Make 'Trade' partial",
            "AIO011: Use the key \"Price\"",
            "AIO005: Remove the second [Measurement] attribute",
            "AIO004: Remove the second time attribute",
        }));
    }
}

/// <summary>Runs <see cref="SchemaAnalyzer"/> and <see cref="SchemaCodeFixProvider"/> over sources, offline.</summary>
internal static class CodeFixVerifier
{
    /// <summary>
    /// The running runtime's assemblies and Aioinflux. The harness's own reference packs
    /// (<c>ReferenceAssemblies.Net.Net90</c>) are NuGet packages it downloads at run time, and the package feed here
    /// does not serve their exact versions; a <see cref="ReferenceAssemblies"/> without packages resolves offline to
    /// nothing, and these references stand in.
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), runtime, StringComparison.Ordinal))
            .Append(typeof(LineProtocolAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static async Task VerifyAsync(string source, string fixedSource, CodeFixTestBehaviors behaviors = CodeFixTestBehaviors.None)
    {
        var test = new CSharpCodeFixTest<SchemaAnalyzer, SchemaCodeFixProvider, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            CodeFixTestBehaviors = behaviors,
        };
        test.TestState.AdditionalReferences.AddRange(LazyReferences.Value);
        test.SolutionTransforms.Add(EnableNullable);
        await test.RunAsync();
    }

    /// <summary>"ID: title" of every fix offered for the analyzer's diagnostics in <paramref name="source"/>.</summary>
    public static async Task<IReadOnlyList<string>> TitlesAsync(string source)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.CurrentSolution
            .AddProject("Titles", "Titles", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithMetadataReferences(LazyReferences.Value);
        Document document = project.AddDocument("Titles.cs", source);
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SchemaAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        var provider = new SchemaCodeFixProvider();
        var titles = new List<string>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            var context = new CodeFixContext(
                document,
                diagnostic,
                (action, _) => titles.Add(diagnostic.Id + ": " + action.Title),
                CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
        }

        return titles;
    }

    private static Solution EnableNullable(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
    }
}
