using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio019;

// AIO019: the generator adds a shared Instance and public WriteLineProtocol(T value, ...) methods to the class.

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember(nameof(Reading.Celsius))]
public static partial class StaticSchema; // expect AIO019

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember(nameof(Reading.Celsius))]
public abstract partial class AbstractSchema; // expect AIO019

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class GenericSchema<T>; // expect AIO019

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class NoDefaultConstructorSchema(int size) // expect AIO019
{
    public int Size { get; } = size;
}

[LineProtocolSchema(typeof(Hidden), Measurement = "hidden")]
[FieldMember(nameof(Hidden.Value))]
public sealed partial class HiddenSchema; // expect AIO019
