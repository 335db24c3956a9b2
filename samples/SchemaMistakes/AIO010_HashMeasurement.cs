using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio010;

// AIO010: a line that starts with '#' is a comment; InfluxDB answers 204 and stores nothing.

[LineProtocol(Measurement = "#errors")] // expect AIO010
public partial record AppError([property: Tag] string Service, [property: Field] string Message);

[LineProtocolSchema(typeof(Reading), Measurement = "#temperature")] // expect AIO010
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class ReadingSchema;
