using System.Text.RegularExpressions;
using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// One test per diagnostic: its ID, severity and exact location. Sources mark the expected span as
/// <c>{|AIO001:text|}</c>, like the Roslyn testing packages.
/// </summary>
public partial class DiagnosticLocationTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("AIO001", DiagnosticSeverity.Error, "[LineProtocol] public class {|AIO001:Bad|} { [Field] public double V; }");
        yield return Case("AIO002", DiagnosticSeverity.Error, "public static class {|AIO002:Outer|} { [LineProtocol] public partial class Inner { [Field] public double V; } }");
        yield return Case("AIO003", DiagnosticSeverity.Error, "[LineProtocol] public partial class {|AIO003:Bad|} { [Tag] public string? T; }");
        yield return Case("AIO004", DiagnosticSeverity.Error, "[LineProtocol] public partial record Bad([property: TimeInt] long A, [property: Field] double V, [property: {|AIO004:TimeStr|}] string? B);");
        yield return Case("AIO005", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [Measurement] public string M = \"\"; [{|AIO005:Measurement|}] public string N = \"\"; [Field] public double V; }");
        yield return Case("AIO006", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [{|AIO006:Field|}] public System.Collections.Generic.List<int>? V; }");
        yield return Case("AIO006", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [Field] public double V; [{|AIO006:TimeDateTime|}] public long T; }");
        yield return Case("AIO007", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [Field] public double V; [Tag, {|AIO007:Field|}] public string? W; }");
        yield return Case("AIO008", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [Field] public double V; [{|AIO008:Field|}] public double W { set { } } }");
        yield return Case("AIO009", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [{|AIO009:Field(\"a\\nb\")|}] public double V; }");
        yield return Case("AIO009", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [{|AIO009:Tag(\"\")|}] public string? T; [Field] public double V; }");
        yield return Case("AIO010", DiagnosticSeverity.Error, "[{|AIO010:LineProtocol(Measurement = \"#cpu\")|}] public partial class Bad { [Field] public double V; }");
        yield return Case("AIO011", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [{|AIO011:Tag|}] public string? time; [Field] public double V; }");
        yield return Case("AIO012", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad { [Field(\"v\")] public double V; [{|AIO012:Tag(\"v\")|}] public string? W; }");
        yield return Case("AIO012", DiagnosticSeverity.Error, "[LineProtocol, ExtraTag(\"host\", \"a\")] public partial class Bad { [{|AIO012:Tag(\"host\")|}] public string? H; [Field] public double V; }");
        yield return Case("AIO013", DiagnosticSeverity.Error, "[LineProtocol, {|AIO013:ExtraTag(\"host\", \"a\\\\\")|}] public partial class Bad { [Field] public double V; }");
        yield return Case("AIO014", DiagnosticSeverity.Error, "[LineProtocol] public static partial class {|AIO014:Bad|} { }");
        yield return Case("AIO015", DiagnosticSeverity.Warning, "[LineProtocol(Placeholder = true)] public partial class {|AIO015:Odd|} { [Field] public double V; }");
        yield return Case("AIO016", DiagnosticSeverity.Error, "[LineProtocol] public partial class Bad([{|AIO016:Tag|}] string host) { [Field] public double V => host.Length; }");
    }

    /// <summary>Types the schema cases map, standing in for types of another assembly.</summary>
    private const string SchemaTargets = """
        public class Sample
        {
            private double Secret = 1;
            public string Host { get; set; } = "";
            public string Name = "";
            public double Value { get; set; }
            public long Time { get; set; }
            public bool Flag { get; set; }
            public string? Iso { get; set; }
            public System.Collections.Generic.List<int>? Items { get; set; }
            public double WriteOnly { set { } }
            public static double Shared;
            public double PrivateGetter { private get; set; }
            public double Read() => Secret + PrivateGetter;
        }
        internal class Hidden { public double V { get; set; } }
        public interface ISample { }

        """;

    public static IEnumerable<TestCaseData> SchemaCases()
    {
        const string Schema = "[LineProtocolSchema(typeof(Sample))] ";
        const string WithField = Schema + "[FieldMember(nameof(Sample.Value))] ";
        yield return SchemaCase("AIO001", DiagnosticSeverity.Error, WithField + "public sealed class {|AIO001:Bad|};");
        yield return SchemaCase("AIO002", DiagnosticSeverity.Error, "public static class {|AIO002:Outer|} { " + WithField + "public sealed partial class Bad; }");
        yield return SchemaCase("AIO003", DiagnosticSeverity.Error, Schema + "[TagMember(nameof(Sample.Host))] public sealed partial class {|AIO003:Bad|};");
        yield return SchemaCase("AIO004", DiagnosticSeverity.Error, WithField + "[TimeMember(nameof(Sample.Time))] [{|AIO004:TimeMember(nameof(Sample.Iso))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO005", DiagnosticSeverity.Error, WithField + "[MeasurementMember(nameof(Sample.Host))] [{|AIO005:MeasurementMember(nameof(Sample.Name))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO006", DiagnosticSeverity.Error, WithField + "[{|AIO006:FieldMember(nameof(Sample.Items))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO006", DiagnosticSeverity.Error, WithField + "[{|AIO006:TimeMember(nameof(Sample.Flag))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO007", DiagnosticSeverity.Error, WithField + "[TagMember(nameof(Sample.Host))] [{|AIO007:FieldMember(nameof(Sample.Host))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO008", DiagnosticSeverity.Error, WithField + "[{|AIO008:FieldMember(nameof(Sample.WriteOnly))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO008", DiagnosticSeverity.Error, WithField + "[{|AIO008:FieldMember(nameof(Sample.Shared))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO009", DiagnosticSeverity.Error, Schema + "[{|AIO009:FieldMember(nameof(Sample.Value), Key = \"\")|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO010", DiagnosticSeverity.Error, "[{|AIO010:LineProtocolSchema(typeof(Sample), Measurement = \"#cpu\")|}] [FieldMember(nameof(Sample.Value))] public sealed partial class Bad;");
        yield return SchemaCase("AIO011", DiagnosticSeverity.Error, WithField + "[{|AIO011:TagMember(nameof(Sample.Host), Key = \"time\")|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO012", DiagnosticSeverity.Error, Schema + "[FieldMember(nameof(Sample.Value), Key = \"v\")] [{|AIO012:TagMember(nameof(Sample.Host), Key = \"v\")|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO013", DiagnosticSeverity.Error, WithField + "[{|AIO013:ExtraTag(\"host\", \"a\\\\\")|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO015", DiagnosticSeverity.Warning, "[LineProtocolSchema(typeof(Sample), Placeholder = true)] [FieldMember(nameof(Sample.Value))] public sealed partial class {|AIO015:Bad|};");
        yield return SchemaCase("AIO017", DiagnosticSeverity.Error, WithField + "[{|AIO017:TagMember(\"Missing\")|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO017", DiagnosticSeverity.Error, WithField + "[{|AIO017:TagMember(\"Read\")|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO018", DiagnosticSeverity.Error, WithField + "[{|AIO018:FieldMember(\"Secret\")|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO018", DiagnosticSeverity.Error, WithField + "[{|AIO018:FieldMember(nameof(Sample.PrivateGetter))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO019", DiagnosticSeverity.Error, WithField + "public static partial class {|AIO019:Bad|};");
        yield return SchemaCase("AIO019", DiagnosticSeverity.Error, WithField + "public abstract partial class {|AIO019:Bad|};");
        yield return SchemaCase("AIO019", DiagnosticSeverity.Error, WithField + "public sealed partial class {|AIO019:Bad|}<T>;");
        yield return SchemaCase("AIO019", DiagnosticSeverity.Error, WithField + "public sealed partial class {|AIO019:Bad|} { public Bad(int size) { } }");
        yield return SchemaCase("AIO019", DiagnosticSeverity.Error, "[LineProtocolSchema(typeof(Hidden))] [FieldMember(nameof(Hidden.V))] public sealed partial class {|AIO019:Bad|};");
        yield return SchemaCase("AIO020", DiagnosticSeverity.Error, "[{|AIO020:LineProtocolSchema(typeof(ISample))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO020", DiagnosticSeverity.Error, "[{|AIO020:LineProtocolSchema(typeof(System.Collections.Generic.List<>))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO020", DiagnosticSeverity.Error, "[{|AIO020:LineProtocolSchema(typeof(Sample[]))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO020", DiagnosticSeverity.Error, "[{|AIO020:LineProtocolSchema(typeof(System.Math))|}] public sealed partial class Bad;");
        yield return SchemaCase("AIO021", DiagnosticSeverity.Error, WithField + "[TagMember(nameof(Sample.Host))] [{|AIO021:TagMember(nameof(Sample.Host), Key = \"h\")|}] public sealed partial class Bad;");
    }

    private static TestCaseData Case(string id, DiagnosticSeverity severity, string markup)
        => new TestCaseData(id, severity, markup).SetName($"{id}_is_reported_as_{severity}_on_the_offending_code({markup.GetHashCode(StringComparison.Ordinal) & 0xffff:x4})");

    private static TestCaseData SchemaCase(string id, DiagnosticSeverity severity, string markup)
        => new TestCaseData(id, severity, markup).SetName($"{id}_is_reported_as_{severity}_on_the_offending_schema_code({markup.GetHashCode(StringComparison.Ordinal) & 0xffff:x4})");

    [TestCaseSource(nameof(Cases))]
    public void Diagnostic_is_reported_with_its_id_severity_and_location(string id, DiagnosticSeverity severity, string markup)
        => AssertReported(id, severity, "using Aioinflux;\n" + markup, "'Bad", "'Inner", "'Odd");

    [TestCaseSource(nameof(SchemaCases))]
    public void Schema_class_diagnostic_is_reported_with_its_id_severity_and_location(string id, DiagnosticSeverity severity, string markup)
        => AssertReported(id, severity, "using Aioinflux;\n" + SchemaTargets + markup, "'Bad", "'Sample.");

    private static void AssertReported(string id, DiagnosticSeverity severity, string markup, params string[] named)
    {
        (string source, TextSpan expectedSpan) = ParseMarkup(markup);
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        var diagnostics = GeneratorHarness.Analyze(output).Where(d => d.Id.StartsWith("AIO", StringComparison.Ordinal)).ToList();

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }), () => string.Join("\n", diagnostics));
        Diagnostic diagnostic = diagnostics[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(diagnostic.Severity, Is.EqualTo(severity));
            Assert.That(diagnostic.Location.SourceSpan, Is.EqualTo(expectedSpan), () => $"reported on '{source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}'");
            Assert.That(diagnostic.Descriptor.HelpLinkUri, Does.EndWith($"docs/diagnostics/{id}.md"));
            string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(named.Any(message.Contains), Is.True, $"the message names the type or member: {message}");
        }

        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "no compiler error beside ours");
    }

    [GeneratedRegex(@"\{\|(?<id>AIO\d{3}):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Markup();

    private static (string Source, TextSpan Span) ParseMarkup(string markup)
    {
        Match match = Markup().Match(markup);
        Assert.That(match.Success, Is.True, "the case marks its expected span");
        string text = match.Groups["text"].Value;
        string source = markup[..match.Index] + text + markup[(match.Index + match.Length)..];
        return (source, new TextSpan(match.Index, text.Length));
    }
}
