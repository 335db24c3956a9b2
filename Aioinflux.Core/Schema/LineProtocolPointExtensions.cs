using System.Buffers;
using System.Text;

namespace Aioinflux;

/// <summary>Conveniences over <see cref="ILineProtocolPoint"/>.</summary>
public static class LineProtocolPointExtensions
{
    /// <summary>
    /// The point's line protocol as a string, without the final <c>\n</c> (aioinflux's <c>to_lineprotocol</c>). For debugging
    /// and tests: it allocates, while <see cref="ILineProtocolPoint.WriteLineProtocol(IBufferWriter{byte})"/> does not.
    /// </summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="point">The point.</param>
    /// <param name="options">Per-call precision and extra tags.</param>
    /// <returns>The line.</returns>
    public static string ToLineProtocol<T>(this T point, in LineProtocolOptions options = default)
        where T : ILineProtocolPoint
    {
        ArgumentNullException.ThrowIfNull(point);
        var buffer = new ArrayBufferWriter<byte>(256);
        point.WriteLineProtocol(buffer, options);
        return Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }
}
