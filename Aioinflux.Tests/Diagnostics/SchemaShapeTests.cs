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
        string[] files = run.Results.Single().GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.That(files.Count(f => f.EndsWith(".LineProtocol.g.cs", StringComparison.Ordinal)), Is.EqualTo(15));
        Assert.That(files.Where(f => f.EndsWith(".QueryReader.g.cs", StringComparison.Ordinal)), Is.EquivalentTo(
            files.Where(f => f.EndsWith(".LineProtocol.g.cs", StringComparison.Ordinal)).Select(f => f.Replace(".LineProtocol.", ".QueryReader.", StringComparison.Ordinal))),
            "every shape's members can all be set, so every one is readable");
    }
    private const string SchemaShapes = """
        using System;
        using Aioinflux;

        public enum Color { Red, Green }

        // Targets: plain types, none of them partial or attributed.
        public class PlainClass { public string? Host { get; set; } public double Value { get; set; } }
        public struct PlainStruct { public int Count; public long Time; }
        public record PositionalRecord(string Host, double Value, long? Time);
        public readonly record struct RecordStruct(decimal Amount, string? Time);
        public class Nullables
        {
            public int? TagInt { get; set; }
            public Color? TagColor { get; set; }
            public double? A { get; set; }
            public string? B { get; set; }
            public Color? C { get; set; }
            public DateTimeOffset? Time { get; set; }
        }
        public class Base { public string Site { get; set; } = ""; }
        public sealed class Derived : Base { public double V { get; set; } }
        public class Generic<T> { public T? Payload { get; set; } public double V { get; set; } }
        public class Keywords { public string? @class { get; set; } public double @event; }
        internal class InternalTarget { internal double V = 1; }
        public partial class WithPrivate
        {
            private double _value = 1;

            [LineProtocolSchema(typeof(WithPrivate))]
            [FieldMember(nameof(_value))]
            private sealed partial class Schema;
        }

        [LineProtocolSchema(typeof(PlainClass))] [TagMember(nameof(PlainClass.Host))] [FieldMember(nameof(PlainClass.Value))]
        public sealed partial class PlainClassSchema;

        [LineProtocolSchema(typeof(PlainStruct))] [FieldMember(nameof(PlainStruct.Count))] [TimeMember(nameof(PlainStruct.Time))]
        internal sealed partial class PlainStructSchema;

        [LineProtocolSchema(typeof(PositionalRecord))] [TagMember(nameof(PositionalRecord.Host))] [FieldMember(nameof(PositionalRecord.Value))] [TimeMember(nameof(PositionalRecord.Time))]
        public sealed partial class PositionalRecordSchema;

        [LineProtocolSchema(typeof(RecordStruct), Measurement = "m")] [FieldMember(nameof(RecordStruct.Amount))] [TimeMember(nameof(RecordStruct.Time))]
        public sealed partial class RecordStructSchema;

        [LineProtocolSchema(typeof(Nullables), Placeholder = true)]
        [TagMember(nameof(Nullables.TagInt))] [TagMember(nameof(Nullables.TagColor))]
        [FieldMember(nameof(Nullables.A))] [FieldMember(nameof(Nullables.B))] [FieldMember(nameof(Nullables.C))]
        [TimeMember(nameof(Nullables.Time))]
        public sealed partial class NullablesSchema;

        [LineProtocolSchema(typeof(Derived))] [MeasurementMember(nameof(Derived.Site))] [FieldMember(nameof(Derived.V))]
        public sealed partial class InheritedMemberSchema;

        [LineProtocolSchema(typeof(Generic<string>), Measurement = "time")] [FieldMember(nameof(Generic<string>.V))]
        public sealed partial class ClosedGenericSchema;

        [LineProtocolSchema(typeof(Keywords)), ExtraTag("region", "eu west"), ExtraTag("rack", "1")]
        [TagMember(nameof(Keywords.@class))] [FieldMember("event", Key = "e")]
        public sealed partial class KeywordSchema;

        [LineProtocolSchema(typeof(InternalTarget))] [FieldMember(nameof(InternalTarget.V))]
        internal partial class InternalSchema
        {
            private InternalSchema()
            {
            }
        }

        [LineProtocol, LineProtocolSchema(typeof(PlainClass))] [FieldMember(nameof(PlainClass.Value))]
        public sealed partial class PointAndSchema { [Field] public double Own { get; set; } }

        public static partial class Container
        {
            public partial class Middle
            {
                [LineProtocolSchema(typeof(PlainStruct))] [FieldMember(nameof(PlainStruct.Count))]
                public sealed partial class Deep;
            }
        }

        namespace Named.Space
        {
            [LineProtocolSchema(typeof(global::PlainClass))] [FieldMember(nameof(global::PlainClass.Value))]
            internal sealed partial record RecordSchema;
        }
        """;

    [Test]
    public void Well_formed_schema_classes_of_every_shape_produce_no_diagnostic_and_compile()
    {
        var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(SchemaShapes));

        Assert.That(GeneratorHarness.Analyze(output), Is.Empty);
        Assert.That(run.Diagnostics, Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty);
        Assert.That(run.Results.Single().GeneratedSources.Select(s => s.HintName), Is.EquivalentTo(new[]
        {
            "WithPrivate.Schema.LineProtocolWriter.g.cs",
            "PlainClassSchema.LineProtocolWriter.g.cs",
            "PlainStructSchema.LineProtocolWriter.g.cs",
            "PositionalRecordSchema.LineProtocolWriter.g.cs",
            "RecordStructSchema.LineProtocolWriter.g.cs",
            "NullablesSchema.LineProtocolWriter.g.cs",
            "InheritedMemberSchema.LineProtocolWriter.g.cs",
            "ClosedGenericSchema.LineProtocolWriter.g.cs",
            "KeywordSchema.LineProtocolWriter.g.cs",
            "InternalSchema.LineProtocolWriter.g.cs",
            "PointAndSchema.LineProtocol.g.cs",
            "PointAndSchema.LineProtocolWriter.g.cs",
            "PointAndSchema.QueryReader.g.cs",
            "Container.Middle.Deep.LineProtocolWriter.g.cs",
            "Named.Space.RecordSchema.LineProtocolWriter.g.cs",
        }));
    }
}
