using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio013;

// AIO013: an [ExtraTag] is a constant tag on every point, so one that cannot be written is always a mistake.

[LineProtocol(Measurement = "cpu")]
[ExtraTag("region", "")] // expect AIO013
[ExtraTag("", "eu-west")] // expect AIO013
[ExtraTag("time", "now")] // expect AIO013
[ExtraTag("path", @"C:\")] // expect AIO013
public partial record CpuLoad([property: Tag] string Host, [property: Field] double Usage);

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[ExtraTag("source", "vendor\nsdk")] // expect AIO013
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class ReadingSchema;
