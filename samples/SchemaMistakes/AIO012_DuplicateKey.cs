using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio012;

// AIO012: one key, one value per point.

[LineProtocol(Measurement = "http")]
public partial record Response(
    [property: Tag("status")] int StatusCode,
    [property: Field("status")] string StatusText, // expect AIO012
    [property: Field] double Duration);

[LineProtocol(Measurement = "cpu")]
[ExtraTag("host", "web1")]
[ExtraTag("host", "web2")] // expect AIO012
public partial class CpuLoad
{
    [Tag("host")] public string? Host { get; set; } // expect AIO012
    [Tag] public string? Core { get; set; }
    [Tag("Core")] public string? Socket { get; set; } // expect AIO012
    [Field] public double Usage { get; set; }
    [Field("Usage")] public double Load { get; set; } // expect AIO012
}

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[ExtraTag("site", "berlin")]
[TagMember(nameof(Reading.Site), Key = "site")] // expect AIO012
[FieldMember(nameof(Reading.Celsius), Key = "value")]
[FieldMember(nameof(Reading.Fan), Key = "value")] // expect AIO012
public sealed partial class ReadingSchema;
