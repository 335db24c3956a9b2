using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio017;

// AIO017: a mapping must name a property or field of the target. With nameof(Reading.device) the compiler would
// report CS0117 instead, which hides every AIO diagnostic of the build (see README.md); hence the strings here.

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[TagMember("device")] // expect AIO017
[TagMember(nameof(Reading.Read))] // expect AIO017
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class ReadingSchema;
