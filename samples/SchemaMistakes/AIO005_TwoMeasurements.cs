using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio005;

// AIO005: a point has one measurement. Code fix: "Remove the second [Measurement] attribute".

[LineProtocol]
public partial record Metric(
    [property: Measurement] string Name,
    [property: Measurement] string Source, // expect AIO005
    [property: Field] double Value);

[LineProtocolSchema(typeof(Reading))]
[MeasurementMember(nameof(Reading.Device))]
[MeasurementMember(nameof(Reading.Iso))] // expect AIO005
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class ReadingSchema;
