using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio007;

// AIO007: a member is a tag, a field, the measurement or the time: one of them.

[LineProtocol(Measurement = "cpu")]
public partial record CpuLoad([property: Tag, Field] string Host, [property: Field] double Usage); // expect AIO007

[LineProtocol(Measurement = "jobs")]
public partial class Job
{
    [Field]
    [TimeInt] // expect AIO007
    public long Finished { get; set; }

    [Field] public double Seconds { get; set; }
}

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[TagMember(nameof(Reading.Device))]
[FieldMember(nameof(Reading.Device))] // expect AIO007
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class ReadingSchema;
