using System.Buffers;
using Aioinflux.Serialization;

namespace Aioinflux;

/// <summary>
/// Per-call options for <see cref="ILineProtocolPoint.WriteLineProtocol(System.Buffers.IBufferWriter{byte}, in LineProtocolOptions)"/>:
/// the timestamp precision and extra tags added to every point. The tags are validated and escaped once, when the
/// options are created, so writing a point only copies them.
/// </summary>
public readonly struct LineProtocolOptions : IEquatable<LineProtocolOptions>
{
    private readonly byte[]? _escapedExtraTags;

    /// <summary>Options with a precision and no extra tags.</summary>
    /// <param name="precision">The precision of the timestamps on the wire.</param>
    public LineProtocolOptions(WritePrecision precision)
    {
        _ = LineProtocolTime.NanosecondsPer(precision); // rejects undefined values here, not per point
        Precision = precision;
    }

    /// <summary>Options with a precision and extra tags, written after each point's own tags in the given order.</summary>
    /// <param name="precision">The precision of the timestamps on the wire.</param>
    /// <param name="extraTags">Tags added to every point; a <see langword="null"/> or empty value omits its tag.</param>
    /// <exception cref="ArgumentException">A key is empty or <c>time</c>, or a key or value cannot be written as line protocol.</exception>
    public LineProtocolOptions(WritePrecision precision, IEnumerable<KeyValuePair<string, string?>>? extraTags)
        : this(precision)
    {
        if (extraTags is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        foreach ((string key, string? value) in extraTags)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("An extra tag has an empty key; give every extra tag a key.", nameof(extraTags));
            }

            if (key == "time")
            {
                throw new ArgumentException("The extra tag key 'time' is reserved by InfluxDB for the timestamp (it drops such points); use another key.", nameof(extraTags));
            }

            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            Span<byte> span = buffer.GetSpan(2 + LineProtocolSyntax.MaxEscapedLength(key) + LineProtocolSyntax.MaxEscapedLength(value));
            span[0] = (byte)',';
            int length = 1 + Escape(key, LineProtocolElement.TagKey, span[1..], "key", key);
            span[length++] = (byte)'=';
            length += Escape(value, LineProtocolElement.TagValue, span[length..], "value", key);
            buffer.Advance(length);
        }

        _escapedExtraTags = buffer.WrittenSpan.ToArray();
    }

    /// <summary>Nanosecond timestamps and no extra tags.</summary>
    public static LineProtocolOptions Default => default;

    /// <summary>The precision of the timestamps on the wire.</summary>
    public WritePrecision Precision { get; }

    /// <summary>The extra tags, escaped, each written as <c>,key=value</c>.</summary>
    public ReadOnlySpan<byte> EscapedExtraTags => _escapedExtraTags;

    /// <summary>An upper bound of the bytes these options add to a line.</summary>
    public int MaxLength => _escapedExtraTags?.Length ?? 0;

    private static int Escape(string text, LineProtocolElement element, Span<byte> destination, string role, string key)
    {
        LineProtocolTextError error = LineProtocolSyntax.TryWriteEscaped(text, element, destination, out int written);
        if (error != LineProtocolTextError.None)
        {
            throw new ArgumentException($"The extra tag {role} of '{key}' {LineProtocolSyntax.Describe(error)}.", "extraTags");
        }

        return written;
    }

    /// <inheritdoc/>
    public bool Equals(LineProtocolOptions other)
        => Precision == other.Precision && EscapedExtraTags.SequenceEqual(other.EscapedExtraTags);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LineProtocolOptions other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Precision);
        hash.AddBytes(EscapedExtraTags);
        return hash.ToHashCode();
    }

    /// <summary>Compares two options by value.</summary>
    /// <param name="left">The first options.</param>
    /// <param name="right">The second options.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(LineProtocolOptions left, LineProtocolOptions right) => left.Equals(right);

    /// <summary>Compares two options by value.</summary>
    /// <param name="left">The first options.</param>
    /// <param name="right">The second options.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(LineProtocolOptions left, LineProtocolOptions right) => !left.Equals(right);
}
