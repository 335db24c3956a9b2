using System.Collections.Immutable;
using Aioinflux.Generators.Diagnostics;
using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// The generator and the analyzer run on every keystroke, so they must never throw: random and half-typed sources
/// carrying the attributes produce no AD0001 (analyzer crash) and no CS8785 (generator crash).
/// </summary>
public class GeneratorFuzzTests
{
    private static readonly string[] Fragments =
    [
        "[LineProtocol]", "[LineProtocol(Measurement = \"m\")]", "[LineProtocol(Placeholder = true)]", "[LineProtocol(Measurement = null)]",
        "[ExtraTag(\"k\", \"v\")]", "[ExtraTag(null, null)]", "[ExtraTag(\"k\")]", "public", "partial", "static", "readonly", "record", "struct",
        "class", "Point", "<T>", "(", ")", "{", "}", ";", "[Tag]", "[Tag(\"k\")]", "[Tag(null)]", "[Field]", "[Field(\"time\")]", "[Field(1)]",
        "[Measurement]", "[TimeInt]", "[TimeStr]", "[TimeDateTime]", "[property: Field]", "[property: TimeInt]", "string", "string?", "int",
        "long", "double?", "Side", "System.DateTime", "object", "T", "Value", "Time", "time", "{ get; set; }", "{ set { } }", "=> 1;", "= \"x\";",
        ",", "=", "\"", "\\", "\n", "enum Side { A, B }", "namespace N;", "public partial class Outer {", "[Tag, Field]", "[LineProtocol(",
        "[LineProtocolSchema(typeof(Point))]", "[LineProtocolSchema(typeof(Point<>))]", "[LineProtocolSchema(typeof(int[]))]", "[LineProtocolSchema(null)]",
        "[LineProtocolSchema(typeof(Side), Placeholder = true)]", "[LineProtocolSchema(typeof(Missing))]", "[LineProtocolSchema]", "[LineProtocolSchema(",
        "[TagMember(nameof(Point.Value))]", "[TagMember(null)]", "[TagMember]", "[TagMember(\"Value\", Key = \"time\")]", "[FieldMember(\"Value\")]",
        "[FieldMember(nameof(Value), Key = null)]", "[FieldMember(1)]", "[MeasurementMember(\"Time\")]", "[TimeMember(\"Time\")]", "[TimeMember(nameof(Point.Time))]",
        "SampleSchema", "sealed", "abstract", "typeof(Point)", "[LineProtocolSchema(typeof(int*))]", "[LineProtocolSchema(typeof(SampleSchema))]",
    ];

    [Test]
    public void Random_and_half_typed_sources_never_crash_the_generator_or_the_analyzer()
    {
        var random = new Random(20261125);
        int crashes = 0;
        var failures = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            string source = "using Aioinflux;\n" + string.Join(" ", Enumerable.Range(0, random.Next(3, 40)).Select(_ => Fragments[random.Next(Fragments.Length)]));
            if (i % 3 == 0)
            {
                // Mid-typing: a valid type cut off at a random point.
                const string Valid = "[LineProtocol(Measurement = \"trades\")] public partial record Trade([property: TimeInt] long Timestamp, [property: Tag] string Instrument, [property: Field] double Price);";
                source = "using Aioinflux;\n" + Valid[..random.Next(Valid.Length)];
            }
            else if (i % 3 == 1 && i % 2 == 0)
            {
                // Mid-typing a schema class for a type it does not own.
                const string Valid = "public class Point { public string Host { get; set; } = \"\"; public double Value; public long Time; } "
                    + "[LineProtocolSchema(typeof(Point), Measurement = \"p\")] [ExtraTag(\"k\", \"v\")] [TagMember(nameof(Point.Host), Key = \"host\")] "
                    + "[FieldMember(nameof(Point.Value))] [TimeMember(nameof(Point.Time))] public sealed partial class PointSchema;";
                source = "using Aioinflux;\n" + Valid[..random.Next(Valid.Length)];
            }

            var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var analyzed = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SchemaAnalyzer()), options)
                .GetAllDiagnosticsAsync().GetAwaiter().GetResult();

            if (exceptions.Count > 0 || run.Results.Any(r => r.Exception is not null)
                || run.Diagnostics.Concat(analyzed).Any(d => d.Id is "AD0001" or "CS8785"))
            {
                crashes++;
                failures.Add(source + "\n=> " + string.Join("; ", exceptions.Select(e => e.Message).Concat(run.Results.Select(r => r.Exception?.ToString() ?? string.Empty))));
            }
        }

        Assert.That(crashes, Is.Zero, () => string.Join("\n\n", failures.Take(3)));
    }
}
