using System.Buffers;
using System.Reflection;
using System.Text;
using Aioinflux.Tests.Generation.External;
using Microsoft.CodeAnalysis;

namespace Aioinflux.Tests.Generation.External
{
    // Types the schemas below do not own: no attribute, not partial, as a library would ship them.

    public class CpuSample
    {
        public string Host { get; set; } = string.Empty;

        public string? Region;

        public double Load { get; set; }

        public long? Count { get; set; }

        public DateTime Timestamp { get; set; }
    }

    /// <summary>Derives from <see cref="CpuSample"/>: a writer of the base writes it too (<c>in T</c>).</summary>
    public sealed class GpuSample : CpuSample
    {
        public int Gpu { get; set; }
    }

    /// <summary>A mutable struct with fields and non-readonly getters: read in place, never copied defensively.</summary>
    public struct Tick
    {
        public string Symbol;

        public Side Side;

        public decimal Price;

        public long Nanoseconds;

        public int? Size { get; set; }
    }

    public sealed record Order(string Venue, string Instrument, double? Quantity, string? PlacedAt);
}

namespace Aioinflux.Tests.Generation
{
    [LineProtocolSchema(typeof(CpuSample), Measurement = "cpu")]
    [ExtraTag("dc", "eu-1")]
    [TagMember(nameof(CpuSample.Host))]
    [TagMember(nameof(CpuSample.Region), Key = "region")]
    [FieldMember(nameof(CpuSample.Load), Key = "load")]
    [FieldMember(nameof(CpuSample.Count))]
    [TimeMember(nameof(CpuSample.Timestamp))]
    public sealed partial class CpuSampleSchema;

    [LineProtocolSchema(typeof(Tick), Measurement = "ticks")]
    [TagMember(nameof(Tick.Symbol))]
    [TagMember(nameof(Tick.Side), Key = "side")]
    [FieldMember(nameof(Tick.Price), Key = "price")]
    [FieldMember(nameof(Tick.Size))]
    [TimeMember(nameof(Tick.Nanoseconds))]
    internal sealed partial class TickSchema;

    [LineProtocolSchema(typeof(Order), Placeholder = true)]
    [MeasurementMember(nameof(Order.Venue))]
    [TagMember(nameof(Order.Instrument))]
    [FieldMember(nameof(Order.Quantity))]
    [TimeMember(nameof(Order.PlacedAt))]
    public sealed partial class OrderSchema;

    /// <summary>
    /// Generated <see cref="ILineProtocolWriter{T}"/> implementations of <see cref="LineProtocolSchemaAttribute"/>
    /// classes: the same bytes and the same allocation-free path as a <see cref="LineProtocolAttribute"/> point.
    /// </summary>
    public class ExternalSchemaTests
    {
        private static readonly CpuSample Cpu = new()
        {
            Host = "server 01",
            Region = "us-west",
            Load = 0.64,
            Count = 3,
            Timestamp = new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Utc),
        };

        private static readonly Tick AaplTick = new() { Symbol = "AAPL", Side = Side.Sell, Price = 219.23m, Nanoseconds = 1540184368785116000 };

        private static readonly Order FilledOrder = new("lse", "VOD", 1.5, "2009-11-10T23:00:00.123456789Z");

        private static readonly LineProtocolOptions MillisecondsWithRun = new(WritePrecision.Milliseconds, [new("run", "a b")]);

        private static string Write<T>(ILineProtocolWriter<T> schema, T value)
        {
            var buffer = new ArrayBufferWriter<byte>();
            schema.WriteLineProtocol(value, buffer);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        private static string Write<T>(ILineProtocolWriter<T> schema, T value, in LineProtocolOptions options)
        {
            var buffer = new ArrayBufferWriter<byte>();
            schema.WriteLineProtocol(value, buffer, options);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        [Test]
        public void A_class_is_written_with_its_schemas_keys_measurement_and_extra_tags()
        {
            Assert.That(Write(CpuSampleSchema.Instance, Cpu), Is.EqualTo("cpu,Host=server\\ 01,region=us-west,dc=eu-1 load=0.64,Count=3i 1257894000000000000\n"));
        }

        [Test]
        public void A_class_is_written_in_the_per_call_precision_with_the_per_call_extra_tags_last()
        {
            Assert.That(Write(CpuSampleSchema.Instance, Cpu, MillisecondsWithRun), Is.EqualTo("cpu,Host=server\\ 01,region=us-west,dc=eu-1,run=a\\ b load=0.64,Count=3i 1257894000000\n"));
        }

        [Test]
        public void A_struct_is_written_with_enum_tags_decimal_fields_and_null_fields_omitted()
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(Write(TickSchema.Instance, AaplTick), Is.EqualTo("ticks,Symbol=AAPL,side=Sell price=219.23 1540184368785116000\n"));
                Assert.That(Write(TickSchema.Instance, AaplTick, MillisecondsWithRun), Is.EqualTo("ticks,Symbol=AAPL,side=Sell,run=a\\ b price=219.23 1540184368785\n"));
                Assert.That(Write(TickSchema.Instance, AaplTick with { Size = 100 }), Is.EqualTo("ticks,Symbol=AAPL,side=Sell price=219.23,Size=100i 1540184368785116000\n"));
            }
        }

        [Test]
        public void A_record_is_written_to_its_per_value_measurement_with_an_ISO_8601_time()
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(Write(OrderSchema.Instance, FilledOrder), Is.EqualTo("lse,Instrument=VOD Quantity=1.5 1257894000123456789\n"));
                Assert.That(Write(OrderSchema.Instance, FilledOrder, new LineProtocolOptions(WritePrecision.Microseconds)), Is.EqualTo("lse,Instrument=VOD Quantity=1.5 1257894000123456\n"));
            }
        }

        [Test]
        public void A_record_whose_fields_are_all_null_is_written_with_the_placeholder_and_no_time()
        {
            Assert.That(Write(OrderSchema.Instance, new Order("lse", "VOD", null, null)), Is.EqualTo("lse,Instrument=VOD _=true\n"));
        }

        [Test]
        public void ToLineProtocol_returns_the_line_without_its_newline()
        {
            Assert.That(TickSchema.Instance.ToLineProtocol(AaplTick), Is.EqualTo("ticks,Symbol=AAPL,side=Sell price=219.23 1540184368785116000"));
        }

        [Test]
        public void A_writer_of_a_base_class_writes_derived_values_through_contravariance()
        {
            ILineProtocolWriter<GpuSample> writer = CpuSampleSchema.Instance;
            var gpu = new GpuSample { Host = "h", Load = 1, Timestamp = new DateTime(1970, 1, 1, 0, 0, 1, DateTimeKind.Utc), Gpu = 2 };
            Assert.That(Write(writer, gpu), Is.EqualTo("cpu,Host=h,dc=eu-1 load=1 1000000000\n"));
        }

        [Test]
        public void A_null_value_is_refused_with_the_parameters_name()
        {
            Assert.That(
                () => CpuSampleSchema.Instance.WriteLineProtocol(null!, new ArrayBufferWriter<byte>()),
                Throws.ArgumentNullException.With.Property(nameof(ArgumentNullException.ParamName)).EqualTo("value"));
        }

        [Test]
        public void A_value_that_cannot_be_written_throws_before_any_byte_is_committed()
        {
            var buffer = new ArrayBufferWriter<byte>();
            var broken = new CpuSample { Host = "h", Load = double.NaN };
            Assert.That(() => CpuSampleSchema.Instance.WriteLineProtocol(broken, buffer), Throws.InstanceOf<LineProtocolException>().With.Message.Contains("CpuSample").And.Message.Contains("Load"));
            Assert.That(buffer.WrittenCount, Is.Zero);
        }

        [Test]
        public void Instance_is_one_shared_writer()
        {
            CpuSampleSchema first = CpuSampleSchema.Instance;
            Assert.That(CpuSampleSchema.Instance, Is.SameAs(first));
        }

        public static IEnumerable<TestCaseData> Writes()
        {
            yield return new TestCaseData(new Action<ArrayBufferWriter<byte>>(b => CpuSampleSchema.Instance.WriteLineProtocol(Cpu, b)))
                .SetName("Writing_through_a_schema_allocates_nothing(class)");
            yield return new TestCaseData(new Action<ArrayBufferWriter<byte>>(b => CpuSampleSchema.Instance.WriteLineProtocol(Cpu, b, MillisecondsWithRun)))
                .SetName("Writing_through_a_schema_allocates_nothing(class with precision and extra tags)");
            yield return new TestCaseData(new Action<ArrayBufferWriter<byte>>(b => TickSchema.Instance.WriteLineProtocol(AaplTick, b)))
                .SetName("Writing_through_a_schema_allocates_nothing(struct)");
            yield return new TestCaseData(new Action<ArrayBufferWriter<byte>>(b => ((ILineProtocolWriter<Tick>)TickSchema.Instance).WriteLineProtocol(AaplTick, b, MillisecondsWithRun)))
                .SetName("Writing_through_a_schema_allocates_nothing(struct through the interface, with precision and extra tags)");
            yield return new TestCaseData(new Action<ArrayBufferWriter<byte>>(b => OrderSchema.Instance.WriteLineProtocol(FilledOrder, b, MillisecondsWithRun)))
                .SetName("Writing_through_a_schema_allocates_nothing(record with ISO 8601 time)");
        }

        [TestCaseSource(nameof(Writes))]
        public void Writing_through_a_schema_allocates_nothing(Action<ArrayBufferWriter<byte>> write)
        {
            const int Values = 10_000;
            var buffer = new ArrayBufferWriter<byte>(1 << 20);
            write(buffer); // warm up: JIT, static SearchValues
            buffer.ResetWrittenCount();

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Values; i++)
            {
                write(buffer);
                buffer.ResetWrittenCount();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero, $"{allocated} bytes over {Values} values");
        }

        private const string VendorLibrary = """
            namespace Vendor.Telemetry
            {
                public enum Health { Ok, Degraded }

                public class Reading
                {
                    public string Device { get; set; } = "";
                    public Health Health { get; set; }
                    public double? Celsius { get; set; }
                    public long At { get; set; }
                    internal string Secret = "";
                    protected string Serial { get; set; } = "";
                }

                public sealed class FanReading : Reading
                {
                    public int Rpm { get; init; }
                }

                public readonly struct Pulse
                {
                    public Pulse(string device, int beats) { Device = device; Beats = beats; }
                    public string Device { get; }
                    public int Beats { get; }
                    public System.DateTimeOffset? At { get; init; }
                }

                public record Alert(string Source, string Text, System.DateTime? RaisedAt);
            }
            """;

        private const string VendorSchemas = """
            using System;
            using System.Buffers;
            using System.Text;
            using Aioinflux;
            using Vendor.Telemetry;

            namespace App;

            [LineProtocolSchema(typeof(FanReading), Measurement = "fans")]
            [TagMember(nameof(FanReading.Device))]
            [TagMember(nameof(FanReading.Health))]
            [FieldMember(nameof(FanReading.Celsius))]
            [FieldMember(nameof(FanReading.Rpm), Key = "rpm")]
            [TimeMember(nameof(FanReading.At))]
            public sealed partial class FanSchema;

            [LineProtocolSchema(typeof(Pulse))]
            [TagMember(nameof(Pulse.Device))]
            [FieldMember(nameof(Pulse.Beats))]
            [TimeMember(nameof(Pulse.At))]
            public sealed partial class PulseSchema;

            [LineProtocolSchema(typeof(Alert), Measurement = "alerts")]
            [TagMember(nameof(Alert.Source))]
            [FieldMember(nameof(Alert.Text))]
            [TimeMember(nameof(Alert.RaisedAt))]
            public sealed partial class AlertSchema;

            public static class Lines
            {
                public static string Fan() => FanSchema.Instance.ToLineProtocol(new FanReading { Device = "fan 1", Health = Health.Degraded, Celsius = 41.5, Rpm = 1200, At = 1_000 });

                public static string Pulse() => PulseSchema.Instance.ToLineProtocol(new Pulse("wrist", 61) { At = new DateTimeOffset(2020, 2, 29, 12, 0, 0, TimeSpan.FromHours(-5)) });

                public static string Alert()
                {
                    var buffer = new ArrayBufferWriter<byte>();
                    ILineProtocolWriter<Alert> writer = AlertSchema.Instance;
                    writer.WriteLineProtocol(new Alert("disk", "97% \"full\"", new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Utc)), buffer, new LineProtocolOptions(WritePrecision.Seconds));
                    return Encoding.UTF8.GetString(buffer.WrittenSpan);
                }
            }
            """;

        [Test]
        public void Types_of_another_assembly_are_written_by_schemas_that_see_them_only_as_metadata()
        {
            byte[] vendor = GeneratorHarness.CompileLibrary("Vendor.Telemetry", VendorLibrary);
            Assembly app = GeneratorHarness.CompileAndLoad([vendor], VendorSchemas);
            Type lines = app.GetType("App.Lines")!;
            string Line(string name) => (string)lines.GetMethod(name)!.Invoke(null, null)!;

            using (Assert.EnterMultipleScope())
            {
                Assert.That(Line("Fan"), Is.EqualTo("fans,Device=fan\\ 1,Health=Degraded Celsius=41.5,rpm=1200i 1000"));
                Assert.That(Line("Pulse"), Is.EqualTo("Pulse,Device=wrist Beats=61i 1582995600000000000"));
                Assert.That(Line("Alert"), Is.EqualTo("alerts,Source=disk Text=\"97% \\\"full\\\"\" 1257894000\n"));
            }
        }

        [Test]
        public void Schemas_over_metadata_types_produce_no_diagnostic()
        {
            byte[] vendor = GeneratorHarness.CompileLibrary("Vendor.Telemetry", VendorLibrary);
            var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation([MetadataReference.CreateFromImage(vendor)], VendorSchemas));
            Assert.That(GeneratorHarness.Analyze(output), Is.Empty);
        }

        [Test]
        public void The_example_of_the_docs_writes_the_line_the_docs_show()
        {
            string docs = File.ReadAllText(Path.Combine(Integration.InfluxServer.RepositoryRoot, "docs", "external-schemas.md")).ReplaceLineEndings("\n");
            string[] blocks = System.Text.RegularExpressions.Regex.Matches(docs, "```csharp\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => m.Groups[1].Value).ToArray();
            string schema = blocks[0];
            string usage = blocks[2];
            string expected = usage[(usage.IndexOf("// ", StringComparison.Ordinal) + 3)..].TrimEnd();
            const string Reading = """
                namespace Vendor.Telemetry;

                public class Reading
                {
                    public string Device { get; set; } = "";
                    public string? Site { get; set; }
                    public double? Celsius { get; set; }
                    public int Fan { get; set; }
                    public System.DateTime At { get; set; }
                }
                """;
            string run = "using System; using Vendor.Telemetry; public static class Docs { public static string Line() { " + usage + " return line; } }";

            byte[] vendor = GeneratorHarness.CompileLibrary("Vendor.Telemetry", Reading);
            Assembly app = GeneratorHarness.CompileAndLoad([vendor], schema, run);
            Assert.That(app.GetType("Docs")!.GetMethod("Line")!.Invoke(null, null), Is.EqualTo(expected));
        }

        [TestCase("Serial", "AIO018", "'Reading.Serial' cannot be read from 'ReadingSchema' because it is protected")]
        [TestCase("Secret", "AIO017", "'Reading' has no property or field of that name")]
        public void A_member_another_assembly_hides_from_the_schema_is_an_error_and_nothing_is_generated(string member, string id, string message)
        {
            // The compiler does not even import another assembly's internal members, so to a schema they do not exist.
            byte[] vendor = GeneratorHarness.CompileLibrary("Vendor.Telemetry", VendorLibrary);
            string schema = $$"""
                using Aioinflux;
                using Vendor.Telemetry;

                [LineProtocolSchema(typeof(Reading))]
                [TagMember("{{member}}")]
                [FieldMember(nameof(Reading.Celsius))]
                public sealed partial class ReadingSchema;
                """;
            var (output, run) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation([MetadataReference.CreateFromImage(vendor)], schema));
            var diagnostics = GeneratorHarness.Analyze(output);

            Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }));
            Assert.That(diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.Contain(message));
            Assert.That(run.Results.Single().GeneratedSources, Is.Empty, "nothing is generated for a rejected schema");
        }
    }
}
