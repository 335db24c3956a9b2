using System.Diagnostics.CodeAnalysis;
using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio008;

// AIO008: each line is written from one instance's values; static, set-only and indexed members have none.

[LineProtocol(Measurement = "cpu")]
[SuppressMessage("Design", "CA1044", Justification = "The set-only property is the mistake shown.")]
public partial class CpuLoad
{
    [Tag] public static string Region { get; set; } = "eu-west"; // expect AIO008
    [Field] public double Limit { set => _ = value; } // expect AIO008
    [Field] public double this[int core] => core; // expect AIO008
    [Field] public double Usage { get; set; }
}

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember(nameof(Reading.Celsius))]
[FieldMember(nameof(Reading.Shared))] // expect AIO008
[FieldMember(nameof(Reading.WriteOnly))] // expect AIO008
public sealed partial class ReadingSchema;
