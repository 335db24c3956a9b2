using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio004;

// AIO004: a point has one timestamp. Code fix: "Remove the second time attribute".

[LineProtocol(Measurement = "trades")]
public partial record Trade(
    [property: TimeInt] long Timestamp,
    [property: TimeDateTime] DateTime ReceivedAt, // expect AIO004
    [property: Field] double Price);

[LineProtocol(Measurement = "jobs")]
public partial class Job
{
    [TimeStr] public string? Started { get; set; }

    [TimeInt] // expect AIO004
    public long Finished { get; set; }

    [Field] public double Seconds { get; set; }
}

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember(nameof(Reading.Celsius))]
[TimeMember(nameof(Reading.At))]
[TimeMember(nameof(Reading.Stamp))] // expect AIO004
public sealed partial class ReadingSchema;
