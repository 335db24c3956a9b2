using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio020;

// AIO020: one value is one point, written from the members of one instance of a closed class or struct.

[LineProtocolSchema(typeof(Envelope<>), Measurement = "envelopes")] // expect AIO020
[TagMember("Source")]
[FieldMember("Size")]
public sealed partial class EnvelopeSchema;

[LineProtocolSchema(typeof(IReading), Measurement = "readings")] // expect AIO020
[FieldMember(nameof(IReading.Value))]
public sealed partial class InterfaceSchema;

[LineProtocolSchema(typeof(Reading[]), Measurement = "readings")] // expect AIO020
[FieldMember("Length")]
public sealed partial class ArraySchema;

[LineProtocolSchema(typeof(Math), Measurement = "math")] // expect AIO020
[FieldMember(nameof(Math.PI))]
public sealed partial class StaticClassSchema;

[LineProtocolSchema(typeof(DayOfWeek), Measurement = "days")] // expect AIO020
[FieldMember("value__")]
public sealed partial class EnumSchema;

[LineProtocolSchema(typeof(int?), Measurement = "numbers")] // expect AIO020
[FieldMember("Value")]
public sealed partial class NullableSchema;

[LineProtocolSchema(typeof(Span<byte>), Measurement = "spans")] // expect AIO020
[FieldMember("Length")]
public sealed partial class RefStructSchema;

[LineProtocolSchema(typeof(Action), Measurement = "actions")] // expect AIO020
[FieldMember("Method")]
public sealed partial class DelegateSchema;
