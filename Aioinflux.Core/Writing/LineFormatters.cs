using System.Buffers;

namespace Aioinflux.Writing;

/// <summary>
/// Turns one item into one line. Implemented by structs so that the write loop is specialised per point type and the
/// call to the generated writer is direct.
/// </summary>
internal interface ILineFormatter<in T>
{
    void Write(T item, IBufferWriter<byte> writer, in LineProtocolOptions options);
}

/// <summary>Items that write themselves: <c>[LineProtocol]</c> types and <see cref="ILineProtocolPoint"/>s.</summary>
internal readonly struct PointFormatter<T> : ILineFormatter<T>
    where T : ILineProtocolPoint
{
    public void Write(T item, IBufferWriter<byte> writer, in LineProtocolOptions options) => item.WriteLineProtocol(writer, options);
}

/// <summary>Items written by a schema declared outside their type.</summary>
internal readonly struct SchemaFormatter<T>(ILineProtocolWriter<T> schema) : ILineFormatter<T>
{
    public void Write(T item, IBufferWriter<byte> writer, in LineProtocolOptions options) => schema.WriteLineProtocol(item, writer, options);
}
