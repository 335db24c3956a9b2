using Aioinflux;

namespace SchemaMistakes.Aio014;

// AIO014: points are instances handed on as ILineProtocolPoint: no static classes, no ref structs. A static class's
// members are static too, and each one marked is also AIO008.

[LineProtocol(Measurement = "cpu")]
public static partial class CpuLoad // expect AIO014
{
    [Field] public static double Usage { get; set; } // expect AIO008
}

[LineProtocol(Measurement = "cpu")]
public readonly ref partial struct CpuSample // expect AIO014
{
    [Tag] public string Host { get; init; }
    [Field] public double Usage { get; init; }
}
