using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>A bad schema is a compile-time error from the analyzer, and the generator emits nothing for it.</summary>
public class SchemaDiagnosticTests
{
    [TestCase("public class Bad { [Field] public double V { get; set; } }", "AIO001")]
    [TestCase("public partial class Bad { [Tag] public string? T { get; set; } }", "AIO003")]
    [TestCase("public partial class Bad { [Field] public double V; [TimeInt] public long A; [TimeDateTime] public System.DateTime B; }", "AIO004")]
    [TestCase("public partial class Bad { [Field] public double V; [TimeInt] public string? A; }", "AIO006")]
    [TestCase("public partial class Bad { [Field] public object? V; }", "AIO006")]
    [TestCase("public partial class Bad { [Tag, Field] public string? V; }", "AIO007")]
    [TestCase("public partial class Bad { [Field] public static double V; }", "AIO008")]
    [TestCase("public partial class Bad { [Field(\"time\")] public double V; }", "AIO011")]
    [TestCase("public partial class Bad { [Field(\"v\")] public double V; [Tag(\"v\")] public string? W; }", "AIO012")]
    public void A_bad_type_among_good_ones_shows_the_AIO_error_and_no_compiler_error(string badType, string id)
    {
        string source = "using Aioinflux;\n[LineProtocol]\n" + badType + "\n[LineProtocol] public partial class Good { [Field] public double V { get; set; } }\n";
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));

        var analyzerDiagnostics = GeneratorHarness.Analyze(output);
        Assert.That(analyzerDiagnostics.Select(d => d.Id), Does.Contain(id));
        Assert.That(analyzerDiagnostics.Where(d => d.Id == id).All(d => d.Severity == DiagnosticSeverity.Error), Is.True);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "no confusing compiler error beside ours");
        Assert.That(run.Results.Single().GeneratedSources.Select(s => s.HintName), Is.EqualTo(new[] { "Good.LineProtocol.g.cs", "Good.QueryReader.g.cs" }));
    }
    private const string Targets = """
        public class Sample
        {
            private double _secret = 1;
            public string Host { get; set; } = "";
            public double Value { get; set; }
            public long Time { get; set; }
            public double Secret() => _secret;
        }
        internal class Hidden { public double V { get; set; } }
        public interface ISample { }

        """;

    [TestCase("[FieldMember(nameof(Sample.Value))] public sealed class Bad;", "AIO001")]
    [TestCase("[TagMember(nameof(Sample.Host))] public sealed partial class Bad;", "AIO003")]
    [TestCase("[FieldMember(nameof(Sample.Value))] [TimeMember(nameof(Sample.Time))] [TimeMember(nameof(Sample.Host))] public sealed partial class Bad;", "AIO004")]
    [TestCase("[FieldMember(nameof(Sample.Value))] [TagMember(\"Missing\")] public sealed partial class Bad;", "AIO017")]
    [TestCase("[FieldMember(nameof(Sample.Value))] [TagMember(\"_secret\")] public sealed partial class Bad;", "AIO018")]
    [TestCase("[FieldMember(nameof(Sample.Value))] public static partial class Bad;", "AIO019")]
    [TestCase("[FieldMember(nameof(Sample.Value))] public sealed partial class Bad { public Bad(int size) { } }", "AIO019")]
    [TestCase("[FieldMember(nameof(Sample.Value))] [TagMember(nameof(Sample.Host))] [TagMember(nameof(Sample.Host), Key = \"h\")] public sealed partial class Bad;", "AIO021")]
    public void A_bad_schema_class_among_good_ones_shows_the_AIO_error_and_no_compiler_error(string badSchema, string id)
        => AssertOnlyGoodIsGenerated("[LineProtocolSchema(typeof(Sample))]\n" + badSchema, id);

    [TestCase("[LineProtocolSchema(typeof(Hidden))] [FieldMember(nameof(Hidden.V))] public sealed partial class Bad;", "AIO019")]
    [TestCase("[LineProtocolSchema(typeof(ISample))] [FieldMember(\"V\")] public sealed partial class Bad;", "AIO020")]
    public void A_schema_class_with_an_unusable_target_shows_the_AIO_error_and_no_compiler_error(string badSchema, string id)
        => AssertOnlyGoodIsGenerated(badSchema, id);

    private static void AssertOnlyGoodIsGenerated(string badSchema, string id)
    {
        string source = "using Aioinflux;\n" + Targets + badSchema + "\n[LineProtocolSchema(typeof(Sample))] [FieldMember(nameof(Sample.Value))] public sealed partial class Good;\n";
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));

        var analyzerDiagnostics = GeneratorHarness.Analyze(output);
        Assert.That(analyzerDiagnostics.Select(d => d.Id), Does.Contain(id));
        Assert.That(analyzerDiagnostics.Where(d => d.Id == id).All(d => d.Severity == DiagnosticSeverity.Error), Is.True);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "no confusing compiler error beside ours");
        Assert.That(run.Results.Single().GeneratedSources.Select(s => s.HintName), Is.EqualTo(new[] { "Good.LineProtocolWriter.g.cs" }));
    }
}
