using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>Well-formed schemas of every supported shape produce no diagnostic at all, and compile.</summary>
public class SchemaShapeTests
{
    private const string Shapes = """
        using System;
        using Aioinflux;

        public enum Color { Red, Green }

        [LineProtocol] public partial class PlainClass { [Tag] public string? Host { get; set; } [Field] public double Value { get; set; } }
        [LineProtocol] public partial struct PlainStruct { [Field] public int Count; [TimeInt] public long Time; }
        [LineProtocol] public partial record PositionalWithTarget([property: Tag] string Host, [property: Field] double Value, [property: TimeInt] long? Time);
        [LineProtocol] public partial record PositionalPlain([Tag] string Host, [Field] double Value, [TimeDateTime] DateTime Time);
        [LineProtocol] public readonly partial record struct RecordStruct([property: Field] decimal Amount, [property: TimeStr] string? Time);
        [LineProtocol(Measurement = "m")] public partial class NoTime { [Field] public bool Ok { get; init; } }
        [LineProtocol] public partial class Nullables
        {
            [Tag] public int? TagInt { get; set; }
            [Tag] public Color? TagColor { get; set; }
            [Field] public double? A { get; set; }
            [Field] public string? B { get; set; }
            [Field] public Color? C { get; set; }
            [TimeDateTime] public DateTimeOffset? Time { get; set; }
        }
        [LineProtocol] public partial class Enums { [Tag] public Color Tag { get; set; } [Field("color")] public Color Field { get; set; } }
        [LineProtocol] public partial class Private { [Tag] private string? _host; [Field] private double _value; [Measurement] private string _name = "x"; public void Set(string h, double v) { _host = h; _value = v; } }
        [LineProtocol(Placeholder = true)] public partial class OnlyNullableFields { [Field] public double? V { get; set; } }
        [LineProtocol, ExtraTag("region", "eu west"), ExtraTag("rack", "1")] public partial class WithExtraTags { [Field] public long N { get; set; } }
        [LineProtocol] public partial class Generic<T> { [Field] public double V { get; set; } public T? Payload { get; set; } }
        [LineProtocol(Measurement = "time")] public partial class MeasurementNamedTime { [Field] public double V { get; set; } }

        public static partial class Container
        {
            public partial class Middle
            {
                [LineProtocol] public partial record Deep([property: Field] int V);
            }
        }

        namespace Named.Space
        {
            [LineProtocol] internal partial class InNamespace { [Field] public ulong V { get; set; } }
        }
        """;

    [Test]
    public void Well_formed_schemas_of_every_shape_produce_no_diagnostic_and_compile()
    {
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(Shapes));

        Assert.That(GeneratorHarness.Analyze(output), Is.Empty);
        Assert.That(run.Diagnostics, Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty);
        Assert.That(run.Results.Single().GeneratedSources, Has.Length.EqualTo(15));
    }
}
