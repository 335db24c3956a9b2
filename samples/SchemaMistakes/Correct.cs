using Aioinflux;
using Vendor.Telemetry;

namespace SchemaMistakes;

// Schemas without mistakes, beside the broken ones: the generator still writes them, so this compiles.

[LineProtocol(Measurement = "cpu")]
public partial record CpuLoad([property: Tag] string Host, [property: Field] double Usage);

// A measurement named "time" is legal; only a tag or field key "time" is not.
[LineProtocol(Measurement = "time")]
public partial record ClockDrift([property: Tag] string Host, [property: Field] double Seconds);

[LineProtocolSchema(typeof(Reading), Measurement = "temperature")]
[TagMember(nameof(Reading.Device))]
[FieldMember(nameof(Reading.Celsius), Key = "celsius")]
[TimeMember(nameof(Reading.At))]
public sealed partial class ReadingSchema;

/// <summary>Uses the generated writers, so a type the generator skipped by mistake is a compiler error here.</summary>
public static class Lines
{
    public static string Cpu() => new CpuLoad("web1", 0.5).ToLineProtocol();

    public static string Drift() => new ClockDrift("web1", 0.25).ToLineProtocol();

    public static string Temperature() => ReadingSchema.Instance.ToLineProtocol(new Reading(20) { Device = "probe", Celsius = 21.5 });
}
