using System.Collections.Immutable;
using System.Reflection;
using Aioinflux.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aioinflux.Tests.Generation;

/// <summary>
/// The emitted source of representative types, compared with reviewed baselines in Baselines/. To accept a change,
/// run the tests with AIOINFLUX_UPDATE_BASELINES=1 and review the diff.
/// </summary>
public class GeneratorSnapshotTests
{
    private const string Trade = """
        using Aioinflux;

        namespace Market;

        public enum Side { Buy, Sell }

        [LineProtocol(Measurement = "trades")]
        [ExtraTag("exchange", "NASDAQ")]
        public partial record Trade(
            [property: TimeInt] long Timestamp,
            [property: Tag] string Instrument,
            [property: Tag] Side Side,
            [property: Field] double Price,
            [property: Field] long Size,
            [property: Field("trade_id")] string TradeId);
        """;

    private const string Sensor = """
        using System;
        using Aioinflux;

        public enum Unit : byte { Celsius, Kelvin }

        public static partial class Plant
        {
            [LineProtocol(Placeholder = true)]
            public partial struct Reading
            {
                public Reading(string room) => _room = room;

                [Measurement] private readonly string _room;
                [Tag("sensor id")] public Guid Sensor { get; init; }
                [Tag] public bool? Calibrated;
                [Field] public float? Celsius { get; set; }
                [Field("unit")] public Unit? Unit { get; set; }
                [Field] public char? Grade;
                [TimeDateTime] public DateTimeOffset? At { get; set; }
            }
        }
        """;

    private const string Log = """
        namespace Logs
        {
            [Aioinflux.LineProtocol(Measurement = "app log,v2")]
            internal sealed partial class Entry<TContext>
            {
                [Aioinflux.Tag] public string? @class { get; set; }
                [Aioinflux.Field("message text")] public string Message { get; set; } = "";
                [Aioinflux.Field] public decimal? Amount { get; set; }
                [Aioinflux.Field] public ulong Sequence { get; set; }
                [Aioinflux.TimeStr] public string? Time { get; set; }
                public TContext? Context { get; set; }
            }
        }
        """;

    private const string SensorType = """
        using System;

        namespace Vendor
        {
            public enum Health { Ok, Degraded }

            public class Sensor
            {
                public string Site { get; set; } = "";
                public string? Room;
                public Health? Health { get; set; }
                public double Celsius { get; set; }
                public string? Note { get; set; }
                public DateTimeOffset? ReadAt { get; set; }
            }
        }
        """;

    // A class target from another file: measurement member, nullable enum tag, extra tag, string field, nullable time.
    private const string SensorSchema = SensorType + """

        namespace Monitoring
        {
            using Aioinflux;
            using Vendor;

            [LineProtocolSchema(typeof(Sensor))]
            [ExtraTag("source", "vendor api")]
            [MeasurementMember(nameof(Sensor.Site))]
            [TagMember(nameof(Sensor.Room), Key = "room")]
            [TagMember(nameof(Sensor.Health))]
            [FieldMember(nameof(Sensor.Celsius), Key = "temperature")]
            [FieldMember(nameof(Sensor.Note))]
            [TimeMember(nameof(Sensor.ReadAt))]
            internal sealed partial class SensorSchema;
        }
        """;

    // A readonly record struct target in the global namespace, with a placeholder and an ISO 8601 time.
    private const string QuoteSchema = """
        using Aioinflux;

        public readonly record struct Quote(string Symbol, decimal? Bid, decimal? Ask, string? At);

        public static partial class Schemas
        {
            [LineProtocolSchema(typeof(Quote), Measurement = "quotes", Placeholder = true)]
            [TagMember(nameof(Quote.Symbol))]
            [FieldMember(nameof(Quote.Bid))]
            [FieldMember(nameof(Quote.Ask))]
            [TimeMember(nameof(Quote.At))]
            public sealed partial class QuoteSchema
            {
                private QuoteSchema()
                {
                }
            }
        }
        """;

    public static IEnumerable<TestCaseData> Sources()
    {
        yield return new TestCaseData(nameof(SensorSchema), SensorSchema).SetName("Generated_source_matches_its_baseline(SensorSchema)");
        yield return new TestCaseData(nameof(QuoteSchema), QuoteSchema).SetName("Generated_source_matches_its_baseline(QuoteSchema)");
        yield return new TestCaseData(nameof(Trade), Trade).SetName("Generated_source_matches_its_baseline(Trade)");
        yield return new TestCaseData(nameof(Sensor), Sensor).SetName("Generated_source_matches_its_baseline(Sensor)");
        yield return new TestCaseData(nameof(Log), Log).SetName("Generated_source_matches_its_baseline(Log)");
    }

    [TestCaseSource(nameof(Sources))]
    public void Generated_source_matches_its_baseline(string name, string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        (Compilation output, GeneratorDriverRunResult run) = GeneratorHarness.Generate(compilation);

        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "the generated code compiles cleanly");
        Assert.That(GeneratorHarness.Analyze(output), Is.Empty, "the schema is valid");
        ImmutableArray<GeneratedSourceResult> generated = run.Results.Single().GeneratedSources;
        string directory = Path.Combine(BaselineDirectory(), name);
        bool update = Environment.GetEnvironmentVariable("AIOINFLUX_UPDATE_BASELINES") == "1";
        if (update && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (GeneratedSourceResult file in generated)
        {
            string baselinePath = Path.Combine(directory, file.HintName + ".txt");
            string actual = file.SourceText.ToString().ReplaceLineEndings("\n");
            if (update)
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(baselinePath, actual);
            }

            Assert.That(File.Exists(baselinePath), Is.True, $"No baseline at {baselinePath}; run with AIOINFLUX_UPDATE_BASELINES=1 and review it.");
            Assert.That(actual, Is.EqualTo(File.ReadAllText(baselinePath).ReplaceLineEndings("\n")), file.HintName);
        }

        Assert.That(
            Directory.GetFiles(directory).Select(Path.GetFileName),
            Is.EquivalentTo(generated.Select(s => s.HintName + ".txt")),
            "every baseline is still generated");
    }

    [TestCaseSource(nameof(Sources))]
    public void An_unchanged_second_run_is_served_from_the_incremental_cache(string name, string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.Clone());

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var specs = SpecReasons(result).ToList();
        Assert.That(specs, Is.Not.Empty, "the source holds a spec");
        Assert.That(specs, Is.All.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged));
        Assert.That(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason), Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void An_edit_elsewhere_keeps_a_schema_cached_and_an_edit_to_its_target_regenerates_it()
    {
        string schemaOnly = SensorSchema[SensorType.Length..];
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(schemaOnly, SensorType, "public class Unrelated { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation unrelatedEdit = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText("public class Unrelated { public int X; }", GeneratorHarness.ParseOptions));
        GeneratorRunResult afterUnrelated = driver.RunGenerators(unrelatedEdit).GetRunResult().Results.Single();
        Assert.That(SpecReasons(afterUnrelated), Is.All.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged));
        Assert.That(afterUnrelated.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason), Is.All.EqualTo(IncrementalStepRunReason.Cached));

        // The schema's own file is untouched: the target's member changes type in another file.
        SyntaxTree target = compilation.SyntaxTrees.ElementAt(1);
        string edited = SensorType.Replace("public double Celsius", "public decimal Celsius", StringComparison.Ordinal);
        CSharpCompilation targetEdit = compilation.ReplaceSyntaxTree(target, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions));
        GeneratorRunResult afterTargetEdit = driver.RunGenerators(targetEdit).GetRunResult().Results.Single();
        Assert.That(afterTargetEdit.TrackedSteps[TrackingNames.LineProtocolSchemaSpecs].SelectMany(s => s.Outputs).Select(o => o.Reason), Does.Contain(IncrementalStepRunReason.Modified));
    }

    private static IEnumerable<IncrementalStepRunReason> SpecReasons(GeneratorRunResult result)
        => new[] { TrackingNames.LineProtocolSpecs, TrackingNames.LineProtocolSchemaSpecs }
            .SelectMany(name => result.TrackedSteps.TryGetValue(name, out var steps) ? steps : [])
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason);

    [Test]
    public void An_edit_elsewhere_keeps_the_spec_cached_and_an_edit_to_a_member_regenerates()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Trade, "public class Unrelated { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation unrelatedEdit = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText("public class Unrelated { public int X; }", GeneratorHarness.ParseOptions));
        GeneratorRunResult afterUnrelated = driver.RunGenerators(unrelatedEdit).GetRunResult().Results.Single();
        Assert.That(afterUnrelated.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason), Is.All.EqualTo(IncrementalStepRunReason.Cached));

        SyntaxTree trade = compilation.SyntaxTrees.First();
        CSharpCompilation memberEdit = compilation.ReplaceSyntaxTree(trade, CSharpSyntaxTree.ParseText(Trade.Replace("\"trade_id\"", "\"id\"", StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        GeneratorRunResult afterMemberEdit = driver.RunGenerators(memberEdit).GetRunResult().Results.Single();
        Assert.That(afterMemberEdit.TrackedSteps[TrackingNames.LineProtocolSpecs].SelectMany(s => s.Outputs).Select(o => o.Reason), Does.Contain(IncrementalStepRunReason.Modified));
    }

    [Test]
    public void Specs_hold_no_compiler_objects_so_they_can_be_cached()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel) };
        var visited = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(LineProtocolGenerator).Assembly.GetType("Aioinflux.Generators.Model.LineProtocolTypeSpec")!]);
        while (pending.Count > 0)
        {
            Type type = pending.Pop();
            if (!visited.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
            {
                continue;
            }

            Assert.That(forbidden.Any(f => f.IsAssignableFrom(type)), Is.False, $"{type} must not be in a spec");
            Assert.That(type.IsArray, Is.False, $"{type}: arrays compare by reference; use EquatableArray");
            foreach (Type argument in type.GetGenericArguments())
            {
                pending.Push(argument);
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                pending.Push(field.FieldType.IsArray && type.Name.StartsWith("EquatableArray", StringComparison.Ordinal) ? field.FieldType.GetElementType()! : field.FieldType);
            }
        }
    }

    private static string BaselineDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "Aioinflux.Tests", "Baselines");
            if (Directory.Exists(Path.Combine(directory.FullName, "Aioinflux.Tests")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Cannot find Aioinflux.Tests/Baselines.");
    }
}
