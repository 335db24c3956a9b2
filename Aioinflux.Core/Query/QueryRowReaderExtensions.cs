using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Aioinflux.Serialization;

namespace Aioinflux.Query;

/// <summary>
/// The getters generated row readers call: each reads the current value into one member's type, and a value that does
/// not fit throws an <see cref="InfluxDBException"/> naming the column, the series, the row, the value and the member
/// (<c>"Trade.Price"</c>), so the message says both where the value came from and where it was going.
/// </summary>
/// <remarks>
/// <para>
/// Fields are read strictly by their JSON type, as System.Text.Json does: numbers from numbers (integers widen to
/// floating point), booleans from booleans, strings from strings. Tags are text on the wire, so the <c>Parse…</c>
/// methods read integer, boolean, character and <see cref="Guid"/> tags from their text (and accept the bare JSON
/// number or boolean too). JSON <c>null</c> is the caller's to check first (<see cref="QueryRowReader.IsNull"/>), except
/// for <see cref="GetStringOrNull(ref QueryRowReader, string)"/> and <see cref="GetTimeString"/>.
/// </para>
/// <para>Nothing is allocated except the strings returned, and the exception on failure.</para>
/// </remarks>
public static class QueryRowReaderExtensions
{
    // The longest tag text parsed: a Guid in its widest form ({0x…,{…}}) takes 68 characters.
    private const int MaxParsedTextLength = 128;

    // 2262-04-11T23:47:16.854775807Z
    private const int MaxTimeTextLength = 30;

    /// <summary>The current value, a JSON integer, as <typeparamref name="TInteger"/>; a value out of its range throws rather than wrapping.</summary>
    /// <typeparam name="TInteger">The member's integer type.</typeparam>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not an integer, or does not fit <typeparamref name="TInteger"/>.</exception>
    public static TInteger GetInteger<TInteger>(this ref QueryRowReader row, string member)
        where TInteger : IBinaryInteger<TInteger>, IMinMaxValue<TInteger>
    {
        if (row.TryGetInt64(out long value))
        {
            if (TryNarrow(value, out TInteger? result))
            {
                return result;
            }

            QueryMemberErrors.ThrowOutOfRange<TInteger>(ref row, member);
        }

        // Beyond Int64: only a UInt64 member can hold it. (TryGetUInt64 rejects fractions and exponents.)
        if (row.Json.TokenType == JsonTokenType.Number && row.Json.TryGetUInt64(out ulong large))
        {
            if (TryNarrow(large, out TInteger? result))
            {
                return result;
            }

            QueryMemberErrors.ThrowOutOfRange<TInteger>(ref row, member);
        }

        QueryMemberErrors.ThrowMismatch(ref row, member, typeof(TInteger).Name);
        return default!;
    }

    /// <summary>The current value, a JSON number, as a <see cref="double"/>: floats as they are, integers widened (influxd writes the float 3.0 as <c>3</c>).</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not a number.</exception>
    public static double GetDouble(this ref QueryRowReader row, string member)
    {
        if (row.Json.TokenType == JsonTokenType.Number && row.Json.TryGetDouble(out double value))
        {
            return value;
        }

        QueryMemberErrors.ThrowMismatch(ref row, member, nameof(Double));
        return 0;
    }

    /// <summary>The current value, a JSON number, as a <see cref="float"/> (rounded to the nearest); a finite value beyond its range throws rather than becoming infinite.</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not a number, or beyond ±3.4e38.</exception>
    public static float GetSingle(this ref QueryRowReader row, string member)
    {
        double value = row.GetDouble(member);
        float narrowed = (float)value;
        if (float.IsInfinity(narrowed) && double.IsFinite(value))
        {
            QueryMemberErrors.ThrowOutOfRange<float>(ref row, member);
        }

        return narrowed;
    }

    /// <summary>The current value, a JSON number, as a <see cref="decimal"/>, read from its text exactly.</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not a number, or beyond the range of <see cref="decimal"/>.</exception>
    public static decimal GetDecimal(this ref QueryRowReader row, string member)
    {
        if (row.Json.TokenType == JsonTokenType.Number)
        {
            if (row.Json.TryGetDecimal(out decimal value))
            {
                return value;
            }

            QueryMemberErrors.ThrowOutOfRange<decimal>(ref row, member);
        }

        QueryMemberErrors.ThrowMismatch(ref row, member, nameof(Decimal));
        return 0;
    }

    /// <summary>The current value, a JSON boolean, as a <see cref="bool"/>.</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not <c>true</c> or <c>false</c>.</exception>
    public static bool GetBoolean(this ref QueryRowReader row, string member)
    {
        switch (row.Json.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                QueryMemberErrors.ThrowMismatch(ref row, member, nameof(Boolean));
                return false;
        }
    }

    /// <summary>The current value, a JSON string, unescaped (repeated short values share one instance; see <see cref="QueryRowReader.GetString()"/>).</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is not a string.</exception>
    public static string GetString(this ref QueryRowReader row, string member)
    {
        if (row.Json.TokenType != JsonTokenType.String)
        {
            QueryMemberErrors.ThrowMismatch(ref row, member, nameof(String));
        }

        return row.GetString();
    }

    /// <summary>The current value as a <see cref="string"/>, or <see langword="null"/> for JSON <c>null</c>.</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is neither a string nor null.</exception>
    public static string? GetStringOrNull(this ref QueryRowReader row, string member)
        => row.IsNull ? null : row.GetString(member);

    /// <summary>
    /// The current value, a tag's text, parsed as <typeparamref name="T"/> with the invariant culture: integer, boolean
    /// (<c>true</c>, <c>false</c>), character (exactly one) and <see cref="Guid"/> tags, as the generated writer writes
    /// them. A bare JSON number or boolean is parsed from its text too.
    /// </summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InfluxDBException">The value is null, or its text is not a <typeparamref name="T"/> (an integer out of range among them).</exception>
    public static T ParseText<T>(this ref QueryRowReader row, string member)
        where T : ISpanParsable<T>
    {
        Span<char> buffer = stackalloc char[MaxParsedTextLength];
        if (TryCopyText(ref row, buffer, out int length) && T.TryParse(buffer[..length], CultureInfo.InvariantCulture, out T? value))
        {
            return value;
        }

        QueryMemberErrors.ThrowMismatch(ref row, member, typeof(T).Name);
        return default!;
    }

    /// <summary>
    /// The current value, the text of an enum value that has no name in <paramref name="enumType"/> (the generated
    /// writer writes such values as their number), as the enum's underlying integer. Generated readers call it after
    /// comparing the value with every name of the enum.
    /// </summary>
    /// <typeparam name="TUnderlying">The enum's underlying type.</typeparam>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <param name="enumType">The enum's name, for error messages.</param>
    /// <returns>The number.</returns>
    /// <exception cref="InfluxDBException">The value is neither a number within <typeparamref name="TUnderlying"/> nor a name of the enum.</exception>
    public static TUnderlying ParseEnumNumber<TUnderlying>(this ref QueryRowReader row, string member, string enumType)
        where TUnderlying : IBinaryInteger<TUnderlying>, IMinMaxValue<TUnderlying>
    {
        Span<char> buffer = stackalloc char[MaxParsedTextLength];
        if (TryCopyText(ref row, buffer, out int length) && TryParseEnumNumber(buffer[..length], out TUnderlying? number))
        {
            return number;
        }

        QueryMemberErrors.ThrowUnknownEnumName(ref row, member, enumType);
        return default!;
    }

    /// <summary>The current value, a time, as nanoseconds since the Unix epoch; see <see cref="QueryRowReader.GetTimeNanoseconds()"/>.</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The time.</returns>
    /// <exception cref="InfluxDBException">The value is neither an integer in the query's epoch nor an RFC 3339 string, or is out of range.</exception>
    public static long GetTimeNanoseconds(this ref QueryRowReader row, string member)
    {
        if (!row.TryGetTimeNanoseconds(out long nanoseconds))
        {
            QueryMemberErrors.ThrowMismatch(ref row, member, "a time (an integer in the query's epoch, or an RFC 3339 string)");
        }

        return nanoseconds;
    }

    /// <summary>The current value, a time, as a UTC <see cref="DateTime"/> (truncated to 100 ns ticks).</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The time.</returns>
    /// <exception cref="InfluxDBException">The value is not a time.</exception>
    public static DateTime GetDateTime(this ref QueryRowReader row, string member)
        => LineProtocolTime.ToDateTime(row.GetTimeNanoseconds(member));

    /// <summary>The current value, a time, as a <see cref="DateTimeOffset"/> at offset zero (truncated to 100 ns ticks).</summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The time.</returns>
    /// <exception cref="InfluxDBException">The value is not a time.</exception>
    public static DateTimeOffset GetDateTimeOffset(this ref QueryRowReader row, string member)
        => new(row.GetDateTime(member));

    /// <summary>
    /// The current value, a time, as RFC 3339 text: a string exactly as the server sent it (a query without an epoch),
    /// or an integer (a query with one) formatted the way the server formats times itself, UTC with as many fraction
    /// digits as needed (<c>2015-08-18T00:06:00.001234567Z</c>, <c>2015-08-18T00:00:00Z</c>); <see langword="null"/>
    /// for JSON <c>null</c>.
    /// </summary>
    /// <param name="row">The row, on a value.</param>
    /// <param name="member">The member it goes to, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The time as text.</returns>
    /// <exception cref="InfluxDBException">The value is neither a string, nor null, nor an integer time in range.</exception>
    public static string? GetTimeString(this ref QueryRowReader row, string member)
    {
        switch (row.Json.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return row.GetString();
            default:
                return FormatRfc3339(row.GetTimeNanoseconds(member));
        }
    }

    /// <summary>
    /// The series' <c>GROUP BY</c> tag that fills member <paramref name="member"/>, or <see langword="null"/> when the
    /// series has no such tag or its value is empty: <c>GROUP BY</c> gives the series of points without the tag an
    /// empty value, and InfluxDB stores no empty tag value, so empty means missing, as a null tag column does.
    /// </summary>
    /// <param name="binding">The series' binding.</param>
    /// <param name="member">The member's index in the binding.</param>
    /// <returns>The tag's value, or <see langword="null"/>.</returns>
    public static string? GetSeriesTagOrNull(this QueryColumnBinding binding, int member)
    {
        ArgumentNullException.ThrowIfNull(binding);
        string? text = binding.GetSeriesTag(member);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// The series' <c>GROUP BY</c> tag that fills member <paramref name="member"/>, parsed as <typeparamref name="T"/>
    /// (see <see cref="ParseText{T}"/>); <see langword="null"/> when the series has no such tag or its value is empty
    /// (see <see cref="GetSeriesTagOrNull"/>).
    /// </summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="binding">The series' binding.</param>
    /// <param name="member">The member's index in the binding.</param>
    /// <param name="memberName">The member, as <c>Type.Member</c>, for error messages.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    /// <exception cref="InfluxDBException">The tag's text is not a <typeparamref name="T"/>.</exception>
    public static T? ParseSeriesTag<T>(this QueryColumnBinding binding, int member, string memberName)
        where T : struct, ISpanParsable<T>
    {
        string? text = binding.GetSeriesTagOrNull(member);
        if (text is null)
        {
            return null;
        }

        if (T.TryParse(text, CultureInfo.InvariantCulture, out T value))
        {
            return value;
        }

        throw QueryMemberErrors.SeriesTagMismatch(binding, text, memberName, typeof(T).Name);
    }

    /// <summary>
    /// The series' <c>GROUP BY</c> tag that fills member <paramref name="member"/>, the number of an enum value without
    /// a name; the <c>GROUP BY</c> counterpart of <see cref="ParseEnumNumber{TUnderlying}"/>.
    /// </summary>
    /// <typeparam name="TUnderlying">The enum's underlying type.</typeparam>
    /// <param name="binding">The series' binding.</param>
    /// <param name="member">The member's index in the binding; the series must have its tag.</param>
    /// <param name="memberName">The member, as <c>Type.Member</c>, for error messages.</param>
    /// <param name="enumType">The enum's name, for error messages.</param>
    /// <returns>The number.</returns>
    /// <exception cref="InfluxDBException">The tag is neither a number within <typeparamref name="TUnderlying"/> nor a name of the enum.</exception>
    public static TUnderlying ParseSeriesTagEnumNumber<TUnderlying>(this QueryColumnBinding binding, int member, string memberName, string enumType)
        where TUnderlying : IBinaryInteger<TUnderlying>, IMinMaxValue<TUnderlying>
    {
        ArgumentNullException.ThrowIfNull(binding);
        string text = binding.GetSeriesTag(member) ?? string.Empty;
        if (TryParseEnumNumber(text, out TUnderlying? number))
        {
            return number;
        }

        throw QueryMemberErrors.UnknownSeriesTagEnumName(binding, text, memberName, enumType);
    }

    private static bool TryParseEnumNumber<TUnderlying>(ReadOnlySpan<char> text, [NotNullWhen(true)] out TUnderlying? number)
        where TUnderlying : IBinaryInteger<TUnderlying>, IMinMaxValue<TUnderlying>
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long signed))
        {
            // The writer writes (long)value, so a UInt64 enum's values above Int64.MaxValue come back negative.
            if (typeof(TUnderlying) == typeof(ulong))
            {
                number = TUnderlying.CreateTruncating(signed);
                return true;
            }

            return TryNarrow(signed, out number);
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong unsigned))
        {
            return TryNarrow(unsigned, out number);
        }

        number = default;
        return false;
    }

    // Int128 holds every Int64 and UInt64, so one comparison per bound serves every integer type; the JIT folds the bounds.
    private static bool TryNarrow<TInteger>(Int128 value, [NotNullWhen(true)] out TInteger? result)
        where TInteger : IBinaryInteger<TInteger>, IMinMaxValue<TInteger>
    {
        if (value >= Int128.CreateTruncating(TInteger.MinValue) && value <= Int128.CreateTruncating(TInteger.MaxValue))
        {
            result = TInteger.CreateTruncating(value);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Copies the text of a string, number or boolean value into <paramref name="buffer"/>; fails for null and for longer text.</summary>
    private static bool TryCopyText(ref QueryRowReader row, scoped Span<char> buffer, out int length)
    {
        ref Utf8JsonReader json = ref row.Json;
        length = 0;
        long byteLength = json.HasValueSequence ? json.ValueSequence.Length : json.ValueSpan.Length;
        if (byteLength > buffer.Length)
        {
            // Unescaped text is never longer (in chars) than its UTF-8 bytes, so shorter text always fits.
            return false;
        }

        switch (json.TokenType)
        {
            case JsonTokenType.String:
                length = json.CopyString(buffer);
                return true;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                scoped ReadOnlySpan<byte> ascii = json.ValueSpan;
                if (json.HasValueSequence)
                {
                    Span<byte> joined = stackalloc byte[MaxParsedTextLength];
                    json.ValueSequence.CopyTo(joined);
                    ascii = joined[..(int)byteLength];
                }

                length = Encoding.ASCII.GetChars(ascii, buffer);
                return true;
            default:
                return false;
        }
    }

    private static string FormatRfc3339(long nanoseconds)
    {
        long seconds = Math.DivRem(nanoseconds, 1_000_000_000L, out long fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000L;
        }

        DateTime time = DateTime.UnixEpoch.AddSeconds(seconds);
        Span<char> text = stackalloc char[MaxTimeTextLength];
        time.TryFormat(text, out int length, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            text[length++] = '.';
            fraction.TryFormat(text[length..], out int digits, "D9", CultureInfo.InvariantCulture);
            length += digits;
            while (text[length - 1] == '0')
            {
                length--;
            }
        }

        text[length++] = 'Z';
        return new string(text[..length]);
    }
}
