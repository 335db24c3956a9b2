using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio021;

// AIO021: a member is written once. Code fix: "Remove the second mapping".

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[TagMember(nameof(Reading.Device))]
[TagMember(nameof(Reading.Device), Key = "device")] // expect AIO021
[FieldMember(nameof(Reading.Celsius))]
[FieldMember(nameof(Reading.Celsius), Key = "celsius")] // expect AIO021
public sealed partial class ReadingSchema;
