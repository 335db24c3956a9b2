using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio006;

// AIO006: each attribute writes only the member types it can map exactly onto InfluxDB's.

[LineProtocol(Measurement = "orders")]
public partial record Order([property: TimeInt] DateTimeOffset PlacedAt, [property: Field] decimal Total); // expect AIO006

[LineProtocol(Measurement = "events")]
public partial class TimeIntOnString
{
    [TimeInt] public string At { get; set; } = ""; // expect AIO006
    [Field] public double Value { get; set; }
}

[LineProtocol(Measurement = "events")]
public partial class TimeStrOnInt
{
    [TimeStr] public int At { get; set; } // expect AIO006
    [Field] public double Value { get; set; }
}

[LineProtocol(Measurement = "events")]
public partial class TimeDateTimeOnLong
{
    [TimeDateTime] public long At { get; set; } // expect AIO006
    [Field] public double Value { get; set; }
}

[LineProtocol]
public partial class MeasurementOnInt
{
    [Measurement] public int Kind { get; set; } // expect AIO006
    [Field] public double Value { get; set; }
}

[LineProtocol(Measurement = "shapes")]
public partial class Shapes
{
    [Tag] public List<string> Labels { get; } = []; // expect AIO006
    [Field] public object? Payload { get; set; } // expect AIO006
    [Field] public Location Where { get; set; } // expect AIO006
    [Tag] public Shapes? Parent { get; set; } // expect AIO006
    [Field] public double Value { get; set; }
}

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember(nameof(Reading.Celsius))]
[FieldMember(nameof(Reading.Samples))] // expect AIO006
[TagMember(nameof(Reading.Where))] // expect AIO006
[MeasurementMember(nameof(Reading.Fan))] // expect AIO006
[TimeMember(nameof(Reading.Healthy))] // expect AIO006
public sealed partial class ReadingSchema;
