using System.Buffers;
using System.Text;
using Aioinflux.Serialization;

namespace Aioinflux;

/// <summary>
/// Line protocol for mapping points, aioinflux's dictionary form (<c>serialization.mapping.serialize</c>):
/// <code>
/// var point = new Dictionary&lt;string, object?&gt;
/// {
///     ["time"] = "2009-11-10T23:00:00Z",
///     ["measurement"] = "cpu_load_short",
///     ["tags"] = new Dictionary&lt;string, object?&gt; { ["host"] = "server01", ["region"] = "us-west" },
///     ["fields"] = new Dictionary&lt;string, object?&gt; { ["value"] = 0.64 },
/// };
/// LineProtocol.Serialize(point); // cpu_load_short,host=server01,region=us-west value=0.64 1257894000000000000
/// </code>
/// Prefer <see cref="Point"/> for points built at run time, and <see cref="LineProtocolAttribute"/> types for points of a
/// fixed shape: both are checked sooner and written faster.
/// </summary>
/// <remarks>
/// <para>The keys of a mapping point:</para>
/// <list type="bullet">
/// <item><c>measurement</c>: a non-empty string; when missing or <see langword="null"/>, the default measurement.</item>
/// <item><c>time</c>: a <see cref="DateTime"/> (<see cref="DateTimeKind.Unspecified"/> is UTC, <see cref="DateTimeKind.Local"/>
/// is converted), a <see cref="DateTimeOffset"/>, an integer count of nanoseconds since 1970, or an ISO 8601 string
/// (<c>2009-11-10T23:00:00Z</c>, <c>2009-11-10T23:00:00.5+01:00</c>, <c>2017-01-01</c>; UTC without an offset).
/// Missing or <see langword="null"/>: the server stamps the point.</item>
/// <item><c>tags</c>: optional; values are strings, characters, booleans (<c>true</c>/<c>false</c>), integers,
/// floating-point numbers and decimals (invariant culture), <see cref="Guid"/>s (<c>D</c> form) or enums (the member's
/// name, or the number of an undefined value). A <see langword="null"/> or empty value omits the tag.</item>
/// <item><c>fields</c>: required, with at least one non-null value; values are booleans, integers (<c>42i</c>; a
/// <see cref="ulong"/> above <see cref="long.MaxValue"/> throws), <see cref="float"/>, <see cref="double"/> and
/// <see cref="decimal"/> (finite), strings, characters, or enums (a string holding the name). <see langword="null"/> omits the field.</item>
/// </list>
/// <para>
/// <c>tags</c> and <c>fields</c> may be any <see cref="IReadOnlyDictionary{TKey, TValue}"/> or <see cref="IDictionary{TKey, TValue}"/>
/// of <see cref="string"/> to <see cref="object"/> or <see cref="string"/>, any other sequence of such
/// <see cref="KeyValuePair{TKey, TValue}"/>s (enumerated twice, so it must yield the same entries both times), or any
/// non-generic <see cref="System.Collections.IDictionary"/> with string keys, which covers every <c>Dictionary&lt;string, T&gt;</c>.
/// Tags are written in the collection's order, followed by the per-call extra tags.
/// </para>
/// <para>
/// Unlike aioinflux, which ignores them, any other top-level key throws: nothing is dropped silently. So does a key
/// that appears twice (possible in a sequence of pairs), a key used by both a tag and a field, a tag or field key
/// <c>time</c>, and every value line protocol cannot carry, with the rules of the generated writers. Every error is a
/// <see cref="LineProtocolException"/> whose <see cref="LineProtocolException.PointType"/> is <c>mapping</c> and whose
/// <see cref="LineProtocolException.Member"/> is the key at fault, and nothing is written for the rejected point.
/// </para>
/// <para>
/// A per-call extra tag whose key the point's own tags also use is not detected here (nor for generated types):
/// InfluxDB rejects such a point with "duplicate tags", where aioinflux let the extra tag win.
/// </para>
/// </remarks>
public static class LineProtocol
{
    /// <summary>
    /// Converts a mapping point to one line of line protocol, without the final <c>\n</c> and with a nanosecond timestamp
    /// (aioinflux's <c>serialize</c>, which returns the same text as bytes). For debugging and tests: it allocates, while
    /// <see cref="Serialize(IReadOnlyDictionary{string, object?}, IBufferWriter{byte}, string?, in LineProtocolOptions)"/> does not.
    /// </summary>
    /// <param name="point">The point: <c>measurement</c>, <c>time</c>, <c>tags</c> and <c>fields</c>.</param>
    /// <param name="measurement">The measurement of a point without one.</param>
    /// <param name="extraTags">Tags written after the point's own tags; a <see langword="null"/> or empty value omits its tag.</param>
    /// <returns>The line.</returns>
    /// <exception cref="LineProtocolException">The point cannot be written as line protocol; the message says why.</exception>
    /// <exception cref="ArgumentException">An extra tag is empty, <c>time</c>, or cannot be written.</exception>
    public static string Serialize(IReadOnlyDictionary<string, object?> point, string? measurement = null, IEnumerable<KeyValuePair<string, string?>>? extraTags = null)
    {
        var options = extraTags is null ? default : new LineProtocolOptions(WritePrecision.Nanoseconds, extraTags);
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(point, buffer, measurement, options);
        return Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    /// <summary>Writes a mapping point as exactly one line ending in <c>\n</c>.</summary>
    /// <param name="point">The point: <c>measurement</c>, <c>time</c>, <c>tags</c> and <c>fields</c>.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="measurement">The measurement of a point without one.</param>
    /// <param name="options">Per-call precision and extra tags.</param>
    /// <exception cref="LineProtocolException">The point cannot be written as line protocol; nothing was written to <paramref name="writer"/>.</exception>
    public static void Serialize(IReadOnlyDictionary<string, object?> point, IBufferWriter<byte> writer, string? measurement = null, in LineProtocolOptions options = default)
        => MappingSerializer.Write(point, writer, measurement, null, options);

    /// <summary>A writer of mapping points for the client's write methods.</summary>
    /// <param name="defaultMeasurement">The measurement of points without one, or <see langword="null"/> to require one in every point.</param>
    /// <returns>The writer.</returns>
    /// <exception cref="ArgumentException"><paramref name="defaultMeasurement"/> is empty, starts with <c>#</c>, or cannot be written.</exception>
    public static MappingPointWriter MappingWriter(string? defaultMeasurement = null) => new(defaultMeasurement);
}
