using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio011;

// AIO011: 'time' is the timestamp's column. Code fix: "Use the key "Elapsed"" (or "time_" for a member named time).

[LineProtocol(Measurement = "http")]
public partial record Request(
    [property: Tag] string Route,
    [property: Field] int Status,
    [property: Field("time")] double Elapsed); // expect AIO011

[LineProtocol(Measurement = "http")]
public partial class Response
{
    [Tag] public string? time { get; set; } // expect AIO011
    [Field] public int Status { get; set; }
}

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[TagMember(nameof(Reading.Device), Key = "time")] // expect AIO011
[TagMember(nameof(Reading.time))] // expect AIO011
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class ReadingSchema;
