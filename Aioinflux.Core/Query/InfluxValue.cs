using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using Aioinflux.Query;
using Aioinflux.Serialization;

namespace Aioinflux;

/// <summary>The JSON type of an <see cref="InfluxValue"/>.</summary>
public enum InfluxValueKind : byte
{
    /// <summary>JSON <c>null</c>: the point has no value in this column.</summary>
    Null = 0,

    /// <summary>A JSON number with no fraction or exponent that fits in a <see cref="long"/>.</summary>
    Integer,

    /// <summary>Any other JSON number: with a fraction or an exponent, or too large for a <see cref="long"/>.</summary>
    Float,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>
/// One value of a query result: a <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="bool"/>
/// or null, held without boxing in 16 bytes.
/// </summary>
/// <remarks>
/// JSON does not carry InfluxDB's field type: influxd writes the float <c>3.0</c> as <c>3</c> and <c>1e20</c> as
/// <c>100000000000000000000</c>. So a number with no fraction or exponent that fits in a <see cref="long"/> is an
/// <see cref="InfluxValueKind.Integer"/> (exact, also beyond 2^53), any other number a <see cref="InfluxValueKind.Float"/>;
/// <see cref="AsDouble"/> accepts both. Times are integers when the query gave an epoch and RFC 3339 strings when it
/// did not; <see cref="ToNanoseconds"/> and <see cref="ToDateTime"/> read either.
/// Equality is by kind and value: the integer <c>3</c> is not equal to the float <c>3.0</c>.
/// </remarks>
public readonly struct InfluxValue : IEquatable<InfluxValue>
{
    // The kind is encoded in the reference: null, a string, or one of three sentinels whose payload is in _bits.
    // That keeps the struct at two words, which matters for a million-row result (16 bytes per value, not 24).
    private readonly object? _reference;
    private readonly long _bits;

    private InfluxValue(object? reference, long bits)
    {
        _reference = reference;
        _bits = bits;
    }

    /// <summary>The null value.</summary>
    public static InfluxValue Null => default;

    /// <summary>The JSON type of the value.</summary>
    public InfluxValueKind Kind => _reference switch
    {
        null => InfluxValueKind.Null,
        KindTag tag => tag.Kind,
        _ => InfluxValueKind.String,
    };

    /// <summary>Whether the value is JSON <c>null</c>.</summary>
    public bool IsNull => _reference is null;

    /// <summary>Whether the value is an integer or a float.</summary>
    public bool IsNumber => ReferenceEquals(_reference, KindTag.Integer) || ReferenceEquals(_reference, KindTag.Float);

    /// <summary>An integer value.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The value.</returns>
    public static InfluxValue FromInteger(long value) => new(KindTag.Integer, value);

    /// <summary>A float value.</summary>
    /// <param name="value">The float.</param>
    /// <returns>The value.</returns>
    public static InfluxValue FromFloat(double value) => new(KindTag.Float, BitConverter.DoubleToInt64Bits(value));

    /// <summary>A string value, or null when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The string.</param>
    /// <returns>The value.</returns>
    public static InfluxValue FromString(string? value) => new(value, 0);

    /// <summary>A boolean value.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static InfluxValue FromBoolean(bool value) => new(KindTag.Boolean, value ? 1 : 0);

    /// <summary>Converts a <see cref="long"/> to an integer value.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator InfluxValue(long value) => FromInteger(value);

    /// <summary>Converts a <see cref="double"/> to a float value.</summary>
    /// <param name="value">The float.</param>
    public static implicit operator InfluxValue(double value) => FromFloat(value);

    /// <summary>Converts a <see cref="string"/> to a string value (null for <see langword="null"/>).</summary>
    /// <param name="value">The string.</param>
    public static implicit operator InfluxValue(string? value) => FromString(value);

    /// <summary>Converts a <see cref="bool"/> to a boolean value.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator InfluxValue(bool value) => FromBoolean(value);

    /// <summary>The integer.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is not an <see cref="InfluxValueKind.Integer"/>.</exception>
    public long AsLong()
    {
        if (!ReferenceEquals(_reference, KindTag.Integer))
        {
            ThrowWrongKind(InfluxValueKind.Integer);
        }

        return _bits;
    }

    /// <summary>The number as a <see cref="double"/>: floats as they are, integers widened (rounded beyond 2^53).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public double AsDouble()
    {
        if (ReferenceEquals(_reference, KindTag.Float))
        {
            return BitConverter.Int64BitsToDouble(_bits);
        }

        if (!ReferenceEquals(_reference, KindTag.Integer))
        {
            ThrowWrongKind(InfluxValueKind.Float);
        }

        return _bits;
    }

    /// <summary>The string.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is not a <see cref="InfluxValueKind.String"/>.</exception>
    public string AsString()
    {
        if (_reference is string text)
        {
            return text;
        }

        ThrowWrongKind(InfluxValueKind.String);
        return null;
    }

    /// <summary>The boolean.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is not a <see cref="InfluxValueKind.Boolean"/>.</exception>
    public bool AsBool()
    {
        if (!ReferenceEquals(_reference, KindTag.Boolean))
        {
            ThrowWrongKind(InfluxValueKind.Boolean);
        }

        return _bits != 0;
    }

    /// <summary>The integer, when the value is one.</summary>
    /// <param name="value">The integer, or 0.</param>
    /// <returns>Whether the value is an <see cref="InfluxValueKind.Integer"/>.</returns>
    public bool TryGetLong(out long value)
    {
        bool isInteger = ReferenceEquals(_reference, KindTag.Integer);
        value = isInteger ? _bits : 0;
        return isInteger;
    }

    /// <summary>The number as a <see cref="double"/>, when the value is a number (integers widen).</summary>
    /// <param name="value">The number, or 0.</param>
    /// <returns>Whether the value is a number.</returns>
    public bool TryGetDouble(out double value)
    {
        if (ReferenceEquals(_reference, KindTag.Float))
        {
            value = BitConverter.Int64BitsToDouble(_bits);
            return true;
        }

        bool isInteger = ReferenceEquals(_reference, KindTag.Integer);
        value = isInteger ? _bits : 0;
        return isInteger;
    }

    /// <summary>The string, when the value is one.</summary>
    /// <param name="value">The string, or <see langword="null"/>.</param>
    /// <returns>Whether the value is a <see cref="InfluxValueKind.String"/>.</returns>
    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = _reference as string;
        return value is not null;
    }

    /// <summary>The boolean, when the value is one.</summary>
    /// <param name="value">The boolean, or <see langword="false"/>.</param>
    /// <returns>Whether the value is a <see cref="InfluxValueKind.Boolean"/>.</returns>
    public bool TryGetBool(out bool value)
    {
        bool isBoolean = ReferenceEquals(_reference, KindTag.Boolean);
        value = isBoolean && _bits != 0;
        return isBoolean;
    }

    /// <summary>
    /// Reads a time value as nanoseconds since the Unix epoch: an integer in units of <paramref name="epoch"/> (the
    /// query's <c>epoch</c>; <see langword="null"/> reads integers as nanoseconds), or an RFC 3339 string.
    /// </summary>
    /// <param name="epoch">The precision the query asked for, or <see langword="null"/> when it gave none.</param>
    /// <param name="nanoseconds">The time, or 0.</param>
    /// <returns><see langword="false"/> when the value is neither an integer nor an RFC 3339 string, or is out of range.</returns>
    public bool TryGetNanoseconds(WritePrecision? epoch, out long nanoseconds)
    {
        if (ReferenceEquals(_reference, KindTag.Integer))
        {
            return QueryTime.TryScale(_bits, epoch, out nanoseconds);
        }

        if (_reference is string text)
        {
            return LineProtocolTime.TryParseIso8601(text, out nanoseconds);
        }

        nanoseconds = 0;
        return false;
    }

    /// <summary>
    /// Reads a time value as nanoseconds since the Unix epoch: an integer in units of <paramref name="epoch"/> (the
    /// query's <c>epoch</c>; <see langword="null"/> reads integers as nanoseconds), or an RFC 3339 string.
    /// </summary>
    /// <param name="epoch">The precision the query asked for, or <see langword="null"/> when it gave none.</param>
    /// <returns>The time in nanoseconds since the Unix epoch.</returns>
    /// <exception cref="FormatException">The value is not a time InfluxDB can hold.</exception>
    public long ToNanoseconds(WritePrecision? epoch = null)
    {
        if (!TryGetNanoseconds(epoch, out long nanoseconds))
        {
            throw new FormatException(
                $"{this} ({Kind}) is not a time: expected an integer in the query's epoch or an RFC 3339 string within 1677–2262.");
        }

        return nanoseconds;
    }

    /// <summary>Reads a time value as a UTC <see cref="DateTime"/> (truncated to 100 ns ticks); see <see cref="ToNanoseconds"/>.</summary>
    /// <param name="epoch">The precision the query asked for, or <see langword="null"/> when it gave none.</param>
    /// <returns>The UTC time.</returns>
    /// <exception cref="FormatException">The value is not a time InfluxDB can hold.</exception>
    public DateTime ToDateTime(WritePrecision? epoch = null) => LineProtocolTime.ToDateTime(ToNanoseconds(epoch));

    /// <summary>The value as text: numbers in the invariant culture (floats round-trip), <c>true</c>/<c>false</c>, <c>null</c>, strings as they are.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _reference switch
    {
        null => "null",
        string text => text,
        _ when ReferenceEquals(_reference, KindTag.Integer) => _bits.ToString(CultureInfo.InvariantCulture),
        _ when ReferenceEquals(_reference, KindTag.Float) => BitConverter.Int64BitsToDouble(_bits).ToString("R", CultureInfo.InvariantCulture),
        _ => _bits != 0 ? "true" : "false",
    };

    /// <inheritdoc/>
    public bool Equals(InfluxValue other)
    {
        if (_reference is string text)
        {
            return other._reference is string otherText && string.Equals(text, otherText, StringComparison.Ordinal);
        }

        if (!ReferenceEquals(_reference, other._reference))
        {
            return false;
        }

        return ReferenceEquals(_reference, KindTag.Float)
            ? BitConverter.Int64BitsToDouble(_bits).Equals(BitConverter.Int64BitsToDouble(other._bits))
            : _bits == other._bits;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InfluxValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _reference switch
    {
        null => 0,
        string text => StringComparer.Ordinal.GetHashCode(text),
        _ when ReferenceEquals(_reference, KindTag.Float) => HashCode.Combine(InfluxValueKind.Float, BitConverter.Int64BitsToDouble(_bits)),
        KindTag tag => HashCode.Combine(tag.Kind, _bits),
        _ => 0,
    };

    /// <summary>Whether two values have the same kind and value.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The comparison.</returns>
    public static bool operator ==(InfluxValue left, InfluxValue right) => left.Equals(right);

    /// <summary>Whether two values differ in kind or value.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The comparison.</returns>
    public static bool operator !=(InfluxValue left, InfluxValue right) => !left.Equals(right);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongKind(InfluxValueKind wanted) =>
        throw new InvalidOperationException($"The value {this} is {Article(Kind)} {Kind}, not {Article(wanted)} {wanted}; check Kind first or use the TryGet… methods.");

    private static string Article(InfluxValueKind kind) => kind == InfluxValueKind.Integer ? "an" : "a";

    private sealed class KindTag(InfluxValueKind kind)
    {
        public static readonly KindTag Integer = new(InfluxValueKind.Integer);
        public static readonly KindTag Float = new(InfluxValueKind.Float);
        public static readonly KindTag Boolean = new(InfluxValueKind.Boolean);

        public InfluxValueKind Kind { get; } = kind;
    }
}
