using System.Buffers;

namespace Aioinflux;

/// <summary>
/// A value that writes itself as one line of InfluxDB line protocol. The Aioinflux source generator
/// implements it for every <see cref="LineProtocolAttribute"/> type; the client writes these without reflection.
/// </summary>
public interface ILineProtocolPoint
{
    /// <summary>
    /// Writes this point as exactly one line ending in <c>\n</c>, with a nanosecond timestamp.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="LineProtocolException">
    /// A value cannot be carried by line protocol; nothing was written to <paramref name="writer"/>.
    /// </exception>
    void WriteLineProtocol(IBufferWriter<byte> writer);

    /// <summary>
    /// Writes this point as exactly one line ending in <c>\n</c>, with the timestamp in
    /// <see cref="LineProtocolOptions.Precision"/> and the per-call extra tags after the type's own tags.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="options">Per-call precision and extra tags.</param>
    /// <exception cref="LineProtocolException">
    /// A value cannot be carried by line protocol; nothing was written to <paramref name="writer"/>.
    /// </exception>
    void WriteLineProtocol(IBufferWriter<byte> writer, in LineProtocolOptions options);
}
