using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio001;

// AIO001: the generator adds the writer as a second part of the type, so the type must be partial.
// Code fix: "Make 'CpuLoad' partial".

[LineProtocol(Measurement = "cpu")]
public record CpuLoad([property: Tag] string Host, [property: Field] double Usage); // expect AIO001

[LineProtocol(Measurement = "disk")]
public sealed class DiskFree // expect AIO001
{
    [Tag] public string Host { get; set; } = "";
    [Field] public long FreeBytes { get; set; }
}

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[TagMember(nameof(Reading.Device))]
[FieldMember(nameof(Reading.Celsius))]
public sealed class ReadingSchema; // expect AIO001
