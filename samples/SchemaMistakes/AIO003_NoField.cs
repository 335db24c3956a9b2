using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes.Aio003;

// AIO003: InfluxDB stores no point without a field. Mark a [Field], or set Placeholder = true.

[LineProtocol(Measurement = "heartbeat")]
public partial record Heartbeat([property: Tag] string Host, [property: TimeDateTime] DateTime Time); // expect AIO003

[LineProtocol(Measurement = "login")]
public partial class Login // expect AIO003
{
    [Tag] public string User { get; set; } = "";
    [TimeInt] public long At { get; set; }
}

[LineProtocolSchema(typeof(Reading), Measurement = "devices")]
[TagMember(nameof(Reading.Device))]
[TimeMember(nameof(Reading.At))]
public sealed partial class DeviceSeenSchema; // expect AIO003
