using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio018;

// AIO018: the generated writer is ordinary code in the schema class, so it reads only what that class could.

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember("_raw")] // expect AIO018
[FieldMember("Calibration")] // expect AIO018
[FieldMember(nameof(Reading.Offset))] // expect AIO018
[FieldMember(nameof(Reading.Fahrenheit))]
public sealed partial class ReadingSchema;
