using System.Globalization;
using System.Text.RegularExpressions;
using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// AIO022: a type without a generated reader, used as the type argument of a typed query, is reported on the type
/// argument with the reason and the fix; a type whose members can all be set gets a reader, compiles at the call and
/// is not reported.
/// </summary>
public partial class QueryReadableDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Threading;
        using System.Threading.Tasks;
        using Aioinflux;

        """;

    public static IEnumerable<TestCaseData> UnreadableTypes()
    {
        yield return Case(
            "a get-only property no constructor binds",
            "[LineProtocol] public partial class Load { public Load(string host) => Host = host; [Tag] public string Host { get; } [Field] public double Usage { get; } }",
            "its member 'Usage' cannot be set; make it settable ({ get; set; } or { get; init; }, or a field that is not readonly), or add a constructor parameter of the same name and type");
        yield return Case(
            "two of them",
            "[LineProtocol] public partial class Load { [Tag] public string Host { get; } = \"\"; [Field] public double Usage { get; } [Field] public long Count { get; set; } }",
            "its members 'Host' and 'Usage' cannot be set; make them settable");
        yield return Case(
            "a computed property",
            "[LineProtocol] public partial class Load { [Field] public double Usage { get; set; } [Field] public double Percent => Usage * 100; }",
            "its member 'Percent' cannot be set");
        yield return Case(
            "a readonly field",
            "[LineProtocol] public partial struct Load { [Field] public readonly double Usage; }",
            "its member 'Usage' cannot be set");
        yield return Case(
            "a parameter of the same name but another type",
            "[LineProtocol] public partial class Load { public Load(float usage) => Usage = usage; [Field] public double Usage { get; } }",
            "none of its constructors can be called by the reader (parameter 'usage' of Load(float) matches no [Tag], [Field], time or [Measurement] member of the same name and type)");
        yield return Case(
            "a constructor parameter that is not a member",
            "[LineProtocol] public partial class Load { public Load(double usage, int retries) => Usage = usage; [Field] public double Usage { get; } }",
            "none of its constructors can be called by the reader (parameter 'retries' of Load(double, int) matches no [Tag], [Field], time or [Measurement] member of the same name and type); add a constructor whose parameters each have the name and type of a member, or a default value");
        yield return Case(
            "a required member that is not written",
            "[LineProtocol] public partial class Load { [Field] public double Usage { get; set; } public required string Note { get; init; } }",
            "its required member 'Note' cannot be set by the reader, not being a [Tag], [Field], time or [Measurement] member; remove 'required', or add [SetsRequiredMembers] to a constructor that sets it");
        yield return Case(
            "an abstract class",
            "[LineProtocol] public abstract partial class Load { [Field] public double Usage { get; set; } }",
            "it is abstract, so the reader could not create one; query a concrete type");
        yield return Case(
            "a member with the name of the generated property",
            "[LineProtocol] public partial class Load { [Field] public double Usage { get; set; } public static int QueryRowReader => 0; }",
            "it declares a member named 'QueryRowReader', a name the generated reader needs; rename that member");
        yield return Case(
            "a type that is not [LineProtocol]",
            "public class Load { public double Usage { get; set; } }",
            "it is not a [LineProtocol] type, so no reader is generated for it; mark it [LineProtocol]");
    }

    public static IEnumerable<TestCaseData> ReadableTypes()
    {
        yield return Readable("a positional record", "[LineProtocol] public partial record Load([property: Tag] string Host, [property: Field] double Usage, [property: TimeInt] long Time);");
        yield return Readable("a record struct", "[LineProtocol] public readonly partial record struct Load([property: Field] decimal Usage, [property: TimeStr] string? Time);");
        yield return Readable("a class of init-only properties", "[LineProtocol] public sealed partial class Load { [Tag] public required string Host { get; init; } [Field] public double Usage { get; init; } }");
        yield return Readable("a primary constructor", "[LineProtocol] public partial class Load(string host, double usage) { [Tag] public string Host { get; } = host; [Field] public double Usage { get; } = usage; }");
        yield return Readable(
            "readonly fields bound by the parameters of the same name without the underscore",
            "[LineProtocol] public readonly partial struct Load { public Load(string? host, double usage) { _host = host; _usage = usage; } [Tag] private readonly string? _host; [Field] private readonly double _usage; public double Usage => _usage; }");
        yield return Readable(
            "an optional parameter that is not a member",
            "[LineProtocol] public partial class Load { public Load(double usage, int scale = 1) => Usage = usage * scale; [Field] public double Usage { get; } [Tag] public string? Host { get; set; } }");
        yield return Readable(
            "a required member that is not written, set by a [SetsRequiredMembers] constructor",
            "[LineProtocol] public partial class Load { [SetsRequiredMembers] public Load() => Note = \"\"; [Field] public double Usage { get; set; } public required string Note { get; init; } }");
        yield return Readable(
            "several constructors, the longest binding what cannot be set",
            "[LineProtocol] public partial class Load { public Load() { } public Load(double usage, long time) { Usage = usage; Time = time; } [Field] public double Usage { get; } [TimeInt] public long Time { get; } [Tag] public string? Host { get; set; } }");
        yield return Readable("a positional record with init-only members beside", "[LineProtocol] public partial record Load([property: Field] double Usage) { [Tag] public string? Host { get; init; } [TimeInt] public long? Time { get; init; } }");
        yield return Readable("a struct with a primary constructor", "[LineProtocol] public partial struct Load(double usage, string host) { [Field] public double Usage { get; } = usage; [Tag] public string Host { get; } = host; }");
        yield return Readable("a private constructor, which the nested reader can call", "[LineProtocol] public sealed partial class Load { private Load(double usage) => Usage = usage; [Field] public double Usage { get; } }");
        yield return Readable("members named like the reader's parameters", "[LineProtocol] public partial class Load { [Tag] public string? Row { get; set; } [Field] public double Binding { get; set; } [Field(\"row\")] public long row2 { get; set; } }");
        yield return Readable("a generic class", "[LineProtocol] public partial class Load<TContext> { [Field] public double Usage { get; set; } public TContext? Context { get; set; } }", "Load<int>");
        yield return Readable(
            "a class whose base has a member named QueryRowReader, which the generated property hides",
            "public class Base { public static int QueryRowReader => 0; } [LineProtocol] public partial class Load : Base { [Field] public double Usage { get; set; } }");
    }

    [TestCaseSource(nameof(UnreadableTypes))]
    public void An_unreadable_type_is_reported_on_the_type_argument_with_the_reason(string declaration, string reason)
    {
        string markup = Usings + declaration + "\n"
            + "public static class Report { public static Task<List<Load>> ReadAsync(InfluxDBClient client) => client.QueryAsync<{|AIO022:Load|}>(\"SELECT * FROM load\"); }\n";
        (string source, TextSpan span) = ParseMarkup(markup);
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source, TypedQueryStub.Source));

        List<Diagnostic> reported = GeneratorHarness.Analyze(output).Where(d => d.Id == "AIO022").ToList();

        Assert.That(reported, Has.Count.EqualTo(1), () => string.Join("\n", GeneratorHarness.Analyze(output)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reported[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(reported[0].Location.SourceSpan, Is.EqualTo(span));
            Assert.That(reported[0].GetMessage(CultureInfo.InvariantCulture), Does.StartWith("'Load' cannot be read from query results by QueryAsync<Load>, because " + reason));
            Assert.That(reported[0].Descriptor.HelpLinkUri, Does.EndWith("docs/diagnostics/AIO022.md"));
            Assert.That(run.Results.Single().GeneratedSources.Select(s => s.HintName), Has.None.EndsWith(".QueryReader.g.cs"), "no reader is generated");
            Assert.That(output.GetDiagnostics().Select(d => d.Id), Has.Some.Match("^CS031[15]$"), "the compiler reports the unmet constraint too (CS0311 for a class, CS0315 for a struct)");
        }
    }

    [TestCaseSource(nameof(ReadableTypes))]
    public void A_type_whose_members_can_all_be_set_gets_a_reader_and_no_diagnostic(string declaration, string typeArgument)
    {
        string source = Usings + declaration + "\n"
            + $"public static class Report {{ public static Task<List<{typeArgument}>> ReadAsync(InfluxDBClient client) => client.QueryAsync<{typeArgument}>(\"SELECT * FROM load\"); }}\n";
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source, TypedQueryStub.Source));

        Assert.That(GeneratorHarness.Analyze(output), Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS0436"), Is.Empty, "the reader compiles cleanly, and so does the call");
        Assert.That(run.Results.Single().GeneratedSources.Select(s => s.HintName), Has.Some.Match(@"^Load(`1)?\.QueryReader\.g\.cs$"));
    }

    [TestCase("await client.QueryAsync<{|AIO022:Load|}>(\"q\");")]
    [TestCase("client.Query<{|AIO022:Load|}>(\"q\");")]
    [TestCase("await foreach (var load in client.IterPointsAsync<{|AIO022:Load|}>(\"q\")) { }")]
    [TestCase("foreach (var load in client.IterPoints<{|AIO022:Load|}>(\"q\")) { }")]
    [TestCase("Func<string, Aioinflux.QueryOptions?, CancellationToken, Task<List<Load>>> query = client.QueryAsync<{|AIO022:Load|}>;")]
    public void Every_typed_query_of_the_client_is_checked(string statement)
    {
        string markup = Usings
            + "[LineProtocol] public partial class Load { [Field] public double Usage { get; } }\n"
            + "public static class Report { public static async Task RunAsync(InfluxDBClient client) { " + statement + " } }\n";
        (string source, TextSpan span) = ParseMarkup(markup);
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source, TypedQueryStub.Source));

        List<Diagnostic> reported = GeneratorHarness.Analyze(output).Where(d => d.Id == "AIO022").ToList();

        Assert.That(reported.Select(d => d.Location.SourceSpan), Is.EqualTo(new[] { span }));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Not.Empty, "the compiler rejects the call too");
    }

    [Test]
    public void A_struct_is_reported_beside_the_compilers_CS0315()
    {
        string source = Usings
            + "[LineProtocol] public partial struct Load { [Field] public readonly double Usage; }\n"
            + "public static class Report { public static List<Load> Read(InfluxDBClient client) => client.Query<Load>(\"q\"); }\n";
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source, TypedQueryStub.Source));

        Assert.That(GeneratorHarness.Analyze(output).Select(d => d.Id), Is.EqualTo(new[] { "AIO022" }));
        Assert.That(output.GetDiagnostics().Select(d => d.Id), Does.Contain("CS0315"));
    }

    [Test]
    public void Type_parameters_and_other_types_methods_are_left_to_the_compiler()
    {
        string source = Usings
            + "[LineProtocol] public partial class Load { [Field] public double Usage { get; } }\n"
            + "public sealed class OtherClient { public List<T> QueryAsync<T>(string q) where T : Aioinflux.Query.IQueryReadable<T> => new(); }\n"
            + "public static class Report\n"
            + "{\n"
            + "    public static Task<List<T>> ReadAsync<T>(InfluxDBClient client) where T : Aioinflux.Query.IQueryReadable<T> => client.QueryAsync<T>(\"q\");\n"
            + "    public static List<Load> Read(OtherClient client) => client.QueryAsync<Load>(\"q\");\n"
            + "}\n";
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source, TypedQueryStub.Source));

        Assert.That(GeneratorHarness.Analyze(output), Is.Empty);
        Assert.That(output.GetDiagnostics().Select(d => d.Id), Does.Contain("CS0311"), "OtherClient's call is still a compiler error");
    }

    [Test]
    public void A_type_with_schema_errors_is_reported_as_such()
    {
        string source = Usings
            + "[LineProtocol] public class Load { [Field] public double Usage { get; set; } }\n"
            + "public static class Report { public static List<Load> Read(InfluxDBClient client) => client.Query<Load>(\"q\"); }\n";
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source, TypedQueryStub.Source));

        List<Diagnostic> diagnostics = GeneratorHarness.Analyze(output).ToList();

        Assert.That(diagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "AIO001", "AIO022" }));
        Assert.That(diagnostics.Single(d => d.Id == "AIO022").GetMessage(CultureInfo.InvariantCulture), Does.EndWith("because its [LineProtocol] schema has errors (reported on the type), so nothing is generated for it; fix them first"));
    }

    [Test]
    public void A_type_from_an_assembly_built_without_its_reader_is_reported_as_such()
    {
        byte[] library = GeneratorHarness.CompileLibrary("Sensors", "using Aioinflux;\n[LineProtocol] public partial class Load { [Field] public double Usage { get; set; } }\n");
        string source = Usings + "public static class Report { public static List<Load> Read(InfluxDBClient client) => client.Query<Load>(\"q\"); }\n";
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation([MetadataReference.CreateFromImage(library)], source, TypedQueryStub.Source));

        Assert.That(
            GeneratorHarness.Analyze(output).Select(d => d.GetMessage(CultureInfo.InvariantCulture)),
            Is.EqualTo(new[] { "'Load' cannot be read from query results by Query<Load>, because the assembly 'Sensors' that declares it was built without its generated reader; build that assembly with this version of Aioinflux" }));
    }

    private static TestCaseData Case(string name, string declaration, string reason)
        => new TestCaseData(declaration, reason).SetName($"An_unreadable_type_is_reported_on_the_type_argument_with_the_reason({name})");

    private static TestCaseData Readable(string name, string declaration, string typeArgument = "Load")
        => new TestCaseData(declaration, typeArgument).SetName($"A_type_whose_members_can_all_be_set_gets_a_reader_and_no_diagnostic({name})");

    [GeneratedRegex(@"\{\|AIO022:(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Markup();

    private static (string Source, TextSpan Span) ParseMarkup(string markup)
    {
        Match match = Markup().Match(markup);
        Assert.That(match.Success, Is.True, "the case marks its expected span");
        string text = match.Groups["text"].Value;
        return (markup[..match.Index] + text + markup[(match.Index + match.Length)..], new TextSpan(match.Index, text.Length));
    }
}
