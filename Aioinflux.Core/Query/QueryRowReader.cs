using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Aioinflux.Serialization;

namespace Aioinflux.Query;

/// <summary>
/// A cursor over the values of one fully buffered row of a /query response: <see cref="Read"/> moves to the next
/// value, the <c>Get…</c> methods read it straight from the JSON bytes. This is what generated typed readers,
/// iterpoints and the result model read rows through; nothing is allocated except the strings asked for.
/// </summary>
/// <remarks>
/// Numbers follow one rule: a number with no fraction or exponent that fits in a <see cref="long"/> is an integer,
/// any other number a float; <see cref="GetDouble"/> accepts both, so members of type <see cref="double"/> read
/// columns that influxd wrote as <c>3</c> for the float 3.0. Times are read by <see cref="GetTimeNanoseconds"/>
/// from either form influxd writes: an integer in the query's epoch, or an RFC 3339 string.
/// </remarks>
public ref struct QueryRowReader
{
    private static readonly SearchValues<byte> FractionOrExponent = SearchValues.Create(".eE"u8);

    // The parser reads the whole response through this field, so handing the row to a sink copies nothing.
    internal Utf8JsonReader Json;

    private PointMetadata? _series;
    private ColumnStringCache? _strings;
    private long _rowIndex;
    private int _column;
    private bool _rowEnded;

    internal QueryRowReader(Utf8JsonReader json)
    {
        Json = json;
        _series = null;
        _strings = null;
        _rowIndex = 0;
        _column = -1;
        _rowEnded = true;
    }

    /// <summary>The series this row belongs to: its columns, name, tags, statement and time epoch.</summary>
    public readonly PointMetadata Series => _series ?? throw new InvalidOperationException("The reader is not positioned on a row.");

    /// <summary>The index of the current value's column, or -1 before the first <see cref="Read"/>.</summary>
    public readonly int ColumnIndex => _column;

    /// <summary>The name of the current value's column.</summary>
    public readonly string ColumnName => QueryErrors.ColumnName(Series, _column);

    /// <summary>The row's index within its series (within this chunk, for chunked responses).</summary>
    public readonly long RowIndex => _rowIndex;

    /// <summary>The JSON type of the current value.</summary>
    public readonly InfluxValueKind ValueKind => Json.TokenType switch
    {
        JsonTokenType.Null => InfluxValueKind.Null,
        JsonTokenType.True or JsonTokenType.False => InfluxValueKind.Boolean,
        JsonTokenType.String => InfluxValueKind.String,
        JsonTokenType.Number => IsIntegerToken(out _) ? InfluxValueKind.Integer : InfluxValueKind.Float,
        _ => InfluxValueKind.Null,
    };

    /// <summary>Whether the current value is JSON <c>null</c> (the point has no value in this column).</summary>
    public readonly bool IsNull => Json.TokenType == JsonTokenType.Null;

    /// <summary>Moves to the next value of the row.</summary>
    /// <returns><see langword="false"/> at the end of the row (and on every later call).</returns>
    public bool Read()
    {
        if (_rowEnded)
        {
            return false;
        }

        if (!Json.Read())
        {
            ThrowTruncated();
        }

        if (Json.TokenType == JsonTokenType.EndArray)
        {
            _rowEnded = true;
            return false;
        }

        _column++;
        if (Json.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            throw QueryErrors.NotScalar(Series, _column, _rowIndex, Json.TokenType == JsonTokenType.StartArray ? "an array" : "an object");
        }

        return true;
    }

    /// <summary>The current value as an <see cref="InfluxValue"/> (strings are allocated; numbers follow the integer rule).</summary>
    /// <returns>The value.</returns>
    public InfluxValue GetValue()
    {
        switch (Json.TokenType)
        {
            case JsonTokenType.Number:
                return IsIntegerToken(out long integer) ? InfluxValue.FromInteger(integer) : InfluxValue.FromFloat(ReadDouble());
            case JsonTokenType.String:
                return InfluxValue.FromString(ReadString());
            case JsonTokenType.True:
                return InfluxValue.FromBoolean(true);
            case JsonTokenType.False:
                return InfluxValue.FromBoolean(false);
            default:
                return InfluxValue.Null;
        }
    }

    /// <summary>The current value as a <see cref="long"/>: an integer number.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is null, not a number, or not an integer within <see cref="long"/>.</exception>
    public readonly long GetInt64()
    {
        if (Json.TokenType == JsonTokenType.Number && IsIntegerToken(out long value))
        {
            return value;
        }

        ThrowMismatch("an Int64");
        return 0;
    }

    /// <summary>The current value as a <see cref="long"/>, when it is an integer number.</summary>
    /// <param name="value">The integer, or 0.</param>
    /// <returns>Whether the value is an integer within <see cref="long"/>.</returns>
    public readonly bool TryGetInt64(out long value)
    {
        if (Json.TokenType == JsonTokenType.Number && IsIntegerToken(out value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The current value as an <see cref="int"/>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not an integer within <see cref="int"/>.</exception>
    public readonly int GetInt32()
    {
        if (Json.TokenType == JsonTokenType.Number && IsIntegerToken(out long value) && value is >= int.MinValue and <= int.MaxValue)
        {
            return (int)value;
        }

        ThrowMismatch("an Int32");
        return 0;
    }

    /// <summary>The current value as a <see cref="ulong"/> (InfluxDB's unsigned integers reach 2^64 − 1).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not a non-negative integer within <see cref="ulong"/>.</exception>
    public readonly ulong GetUInt64()
    {
        if (Json.TokenType == JsonTokenType.Number && !HasFractionOrExponent() && Json.TryGetUInt64(out ulong value))
        {
            return value;
        }

        ThrowMismatch("a UInt64");
        return 0;
    }

    /// <summary>The current value as a <see cref="double"/>: floats as they are, integers widened.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is null or not a number.</exception>
    public readonly double GetDouble()
    {
        if (Json.TokenType != JsonTokenType.Number)
        {
            ThrowMismatch("a Double");
        }

        return ReadDouble();
    }

    /// <summary>The current value as a <see cref="decimal"/>, read from the number's text exactly.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not a number within <see cref="decimal"/>.</exception>
    public readonly decimal GetDecimal()
    {
        if (Json.TokenType == JsonTokenType.Number && Json.TryGetDecimal(out decimal value))
        {
            return value;
        }

        ThrowMismatch("a Decimal");
        return 0;
    }

    /// <summary>The current value as a <see cref="bool"/>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not <c>true</c> or <c>false</c>.</exception>
    public readonly bool GetBoolean()
    {
        switch (Json.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                ThrowMismatch("a Boolean");
                return false;
        }
    }

    /// <summary>
    /// The current value as a <see cref="string"/>, unescaped. Short values repeated in a column (tag-like values)
    /// share one instance, so they are allocated once per distinct value rather than once per row.
    /// </summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not a string.</exception>
    public string GetString()
    {
        if (Json.TokenType != JsonTokenType.String)
        {
            ThrowMismatch("a String");
        }

        return ReadString();
    }

    /// <summary>The current value as a <see cref="string"/>, or <see langword="null"/> for JSON <c>null</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is neither a string nor null.</exception>
    public string? GetStringOrNull() => Json.TokenType == JsonTokenType.Null ? null : GetString();

    /// <summary>
    /// Whether the current value is a string equal to <paramref name="utf8Text"/> (compared unescaped, without
    /// allocating): how generated readers map enum names.
    /// </summary>
    /// <param name="utf8Text">The UTF-8 text, such as <c>"Buy"u8</c>.</param>
    /// <returns>The comparison; <see langword="false"/> for values that are not strings.</returns>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8Text) =>
        Json.TokenType == JsonTokenType.String && Json.ValueTextEquals(utf8Text);

    /// <summary>Whether the current value is a string equal to <paramref name="text"/> (ordinal, without allocating).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The comparison; <see langword="false"/> for values that are not strings.</returns>
    public readonly bool ValueTextEquals(ReadOnlySpan<char> text) =>
        Json.TokenType == JsonTokenType.String && Json.ValueTextEquals(text);

    /// <summary>
    /// The current value as a time in nanoseconds since the Unix epoch: an integer in the query's epoch
    /// (<see cref="PointMetadata.Epoch"/>), or an RFC 3339 string. Allocates nothing.
    /// </summary>
    /// <returns>The time.</returns>
    /// <exception cref="InfluxDBException">The value is neither form, or out of range.</exception>
    public readonly long GetTimeNanoseconds()
    {
        if (!TryGetTimeNanoseconds(out long nanoseconds))
        {
            ThrowMismatch("a time (an integer in the query's epoch, or an RFC 3339 string)");
        }

        return nanoseconds;
    }

    /// <summary>The current value as a time in nanoseconds since the Unix epoch, when it is one; see <see cref="GetTimeNanoseconds"/>.</summary>
    /// <param name="nanoseconds">The time, or 0.</param>
    /// <returns>Whether the value is a time.</returns>
    public readonly bool TryGetTimeNanoseconds(out long nanoseconds)
    {
        if (Json.TokenType == JsonTokenType.Number)
        {
            if (IsIntegerToken(out long value))
            {
                return QueryTime.TryScale(value, Series.Epoch, out nanoseconds);
            }
        }
        else if (Json.TokenType == JsonTokenType.String)
        {
            long length = Json.HasValueSequence ? Json.ValueSequence.Length : Json.ValueSpan.Length;
            if (length <= QueryTime.MaxTextLength)
            {
                Span<char> text = stackalloc char[QueryTime.MaxTextLength];
                int written = Json.CopyString(text);
                return LineProtocolTime.TryParseIso8601(text[..written], out nanoseconds);
            }
        }

        nanoseconds = 0;
        return false;
    }

    /// <summary>The current value as a UTC <see cref="DateTime"/> (truncated to 100 ns ticks); see <see cref="GetTimeNanoseconds"/>.</summary>
    /// <returns>The time.</returns>
    /// <exception cref="InfluxDBException">The value is not a time.</exception>
    public readonly DateTime GetDateTime() => LineProtocolTime.ToDateTime(GetTimeNanoseconds());

    /// <summary>The current value as a <see cref="DateTimeOffset"/> at offset zero; see <see cref="GetTimeNanoseconds"/>.</summary>
    /// <returns>The time.</returns>
    /// <exception cref="InfluxDBException">The value is not a time.</exception>
    public readonly DateTimeOffset GetDateTimeOffset() => new(GetDateTime());

    internal void BeginRow(PointMetadata series, ColumnStringCache strings, long rowIndex)
    {
        _series = series;
        _strings = strings;
        _rowIndex = rowIndex;
        _column = -1;
        _rowEnded = false;
    }

    /// <summary>Skips what the sink left unread, leaving the reader on the row's closing bracket.</summary>
    internal void FinishRow()
    {
        while (Read())
        {
        }
    }

    /// <summary>The number of values read so far (valid after the row ended).</summary>
    internal readonly int ValuesRead => _column + 1;

    private string ReadString() => _strings is null ? Json.GetString()! : _strings.GetString(ref Json, _column);

    private readonly bool IsIntegerToken(out long value)
    {
        if (HasFractionOrExponent())
        {
            value = 0;
            return false;
        }

        return Json.TryGetInt64(out value);
    }

    private readonly bool HasFractionOrExponent()
    {
        if (!Json.HasValueSequence)
        {
            return Json.ValueSpan.ContainsAny(FractionOrExponent);
        }

        foreach (ReadOnlyMemory<byte> segment in Json.ValueSequence)
        {
            if (segment.Span.ContainsAny(FractionOrExponent))
            {
                return true;
            }
        }

        return false;
    }

    private readonly double ReadDouble()
    {
        if (!Json.TryGetDouble(out double value))
        {
            ThrowMismatch("a Double (it is beyond ±1.8e308)");
        }

        return value;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowMismatch(string wanted)
    {
        string found = Json.TokenType switch
        {
            JsonTokenType.Null => "null",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => IsIntegerToken(out _) ? "an integer"
                : HasFractionOrExponent() ? "a float" : "an integer beyond Int64",
            _ => Json.TokenType.ToString(),
        };
        throw QueryErrors.ValueMismatch(Series, _column, _rowIndex, found, wanted);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTruncated() =>
        throw new QueryRowTruncatedException();
}

/// <summary>A row ran out of bytes on the final block; the parser turns it into a truncation error with context.</summary>
internal sealed class QueryRowTruncatedException : Exception
{
}
