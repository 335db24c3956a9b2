using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio002;

// AIO002: a nested [LineProtocol] type's generated part is nested the same way, so every containing type must be
// partial too. Code fix: "Make 'Telemetry' partial".

public static class Telemetry // expect AIO002
{
    [LineProtocol(Measurement = "cpu")]
    public partial record CpuLoad([property: Tag] string Host, [property: Field] double Usage);
}

public class Outer // expect AIO002
{
    public class Middle // expect AIO002
    {
        [LineProtocol(Measurement = "memory")]
        public partial struct MemoryUse
        {
            [Field] public long UsedBytes { get; set; }
        }
    }
}

public static class Schemas // expect AIO002
{
    [LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
    [FieldMember(nameof(Reading.Celsius))]
    public sealed partial class ReadingSchema;
}
