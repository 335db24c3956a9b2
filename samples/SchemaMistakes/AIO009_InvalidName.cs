using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio009;

// AIO009: a measurement or key must be non-empty, on one line, valid UTF-16, and must read back as written.

[LineProtocol(Measurement = "disk")]
public partial record DiskFree(
    [property: Tag] string Host,
    [property: Field("used")] long UsedBytes,
    [property: Field(@"free_C:\")] long FreeBytes); // expect AIO009

[LineProtocol(Measurement = "")] // expect AIO009
public partial record Empty([property: Field] double Value);

[LineProtocol(Measurement = "cpu\nload")] // expect AIO009
public partial record Newline([property: Field] double Value);

[LineProtocol(Measurement = "net")]
public partial class Keys
{
    [Tag("")] public string? Interface { get; set; } // expect AIO009
    [Tag("rack\nslot")] public string? Rack { get; set; } // expect AIO009
    [Field("")] public long Packets { get; set; } // expect AIO009
    [Field("bytes\\ in")] public long BytesIn { get; set; } // expect AIO009
    [Field("half\uD800")] public long Broken { get; set; } // expect AIO009
}

[LineProtocolSchema(typeof(Reading), Measurement = "temp\r\nerature")] // expect AIO009
[FieldMember(nameof(Reading.Celsius))]
public sealed partial class NewlineSchema;

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[TagMember(nameof(Reading.Device), Key = "")] // expect AIO009
[FieldMember(nameof(Reading.Celsius), Key = "celsius\\")] // expect AIO009
public sealed partial class KeySchema;
