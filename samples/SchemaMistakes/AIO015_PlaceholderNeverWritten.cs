using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio015;

// AIO015 (a warning, an error here since the repository builds with warnings as errors): the placeholder _=true is
// written only when every field is null, which a non-nullable value-type field never is.

[LineProtocol(Measurement = "sensor", Placeholder = true)]
public partial record SensorReading([property: Tag] string Sensor, [property: Field] double Temperature); // expect AIO015

[LineProtocolSchema(typeof(Reading), Measurement = "fans", Placeholder = true)]
[TagMember(nameof(Reading.Device))]
[FieldMember(nameof(Reading.Fan))]
public sealed partial class FanSchema; // expect AIO015
