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

    private static TestCaseData Case(string id, DiagnosticSeverity severity, string markup)
        => new TestCaseData(id, severity, markup).SetName($"{id}_is_reported_as_{severity}_on_the_offending_code({markup.GetHashCode(StringComparison.Ordinal) & 0xffff:x4})");

    [TestCaseSource(nameof(Cases))]
    public void Diagnostic_is_reported_with_its_id_severity_and_location(string id, DiagnosticSeverity severity, string markup)
    {
        (string source, TextSpan expectedSpan) = ParseMarkup("using Aioinflux;\n" + markup);
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        var diagnostics = GeneratorHarness.Analyze(output).Where(d => d.Id.StartsWith("AIO", StringComparison.Ordinal)).ToList();

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }), () => string.Join("\n", diagnostics));
        Diagnostic diagnostic = diagnostics[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(diagnostic.Severity, Is.EqualTo(severity));
            Assert.That(diagnostic.Location.SourceSpan, Is.EqualTo(expectedSpan), () => $"reported on '{source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}'");
            Assert.That(diagnostic.Descriptor.HelpLinkUri, Does.EndWith($"docs/diagnostics/{id}.md"));
            Assert.That(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.Contain("'Bad").Or.Contain("'Inner").Or.Contain("'Odd"));
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
