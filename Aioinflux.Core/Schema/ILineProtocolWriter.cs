using System.Buffers;

namespace Aioinflux;

/// <summary>
/// Writes values of a type the user does not own (or cannot make <c>partial</c>) as InfluxDB line protocol.
/// The Aioinflux source generator implements it for every class marked <see cref="LineProtocolSchemaAttribute"/>;
/// every write path of <c>InfluxDBClient</c> accepts one beside the values it writes.
/// </summary>
/// <typeparam name="T">The type whose values are written.</typeparam>
public interface ILineProtocolWriter<in T>
{
    /// <summary>
    /// Writes <paramref name="value"/> as exactly one line ending in <c>\n</c>, with a nanosecond timestamp.
    /// </summary>
    /// <param name="value">The value to write.</param>
    /// <param name="writer">The destination.</param>
    /// <exception cref="LineProtocolException">
    /// A value cannot be carried by line protocol; nothing was written to <paramref name="writer"/>.
    /// </exception>
    void WriteLineProtocol(T value, IBufferWriter<byte> writer);

    /// <summary>
    /// Writes <paramref name="value"/> as exactly one line ending in <c>\n</c>, with the timestamp in
    /// <see cref="LineProtocolOptions.Precision"/> and the per-call extra tags after the schema's own tags.
    /// </summary>
    /// <param name="value">The value to write.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="options">Per-call precision and extra tags.</param>
    /// <exception cref="LineProtocolException">
    /// A value cannot be carried by line protocol; nothing was written to <paramref name="writer"/>.
    /// </exception>
    void WriteLineProtocol(T value, IBufferWriter<byte> writer, in LineProtocolOptions options);
}
