using Aioinflux;

namespace SchemaMistakes.Aio016;

// AIO016: only a positional record turns its parameters into properties; another primary constructor does not.

[LineProtocol(Measurement = "cpu")]
public partial class CpuLoad([Tag] string host, double usage) // expect AIO016
{
    public string Host { get; } = host;
    [Field] public double Usage { get; } = usage;
}

[LineProtocol(Measurement = "memory")]
public partial struct MemoryUse([Tag] string host, [Field] long usedBytes) // expect AIO003 AIO016 AIO016
{
    public readonly string Describe() => host + ": " + usedBytes;
}
