using System.Runtime.CompilerServices;

namespace Aioinflux.Serialization;

/// <summary>
/// Exact, allocation-free conversions between the library's one time unit — <see cref="long"/> nanoseconds since
/// the Unix epoch — and <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, ISO 8601 text and wire precisions.
/// </summary>
public static class LineProtocolTime
{
    /// <summary>The earliest timestamp InfluxDB accepts, in nanoseconds (1677-09-21T00:12:43.145224194Z).</summary>
    public const long MinNanoseconds = long.MinValue + 2;

    /// <summary>The latest timestamp InfluxDB accepts, in nanoseconds (2262-04-11T23:47:16.854775806Z).</summary>
    public const long MaxNanoseconds = long.MaxValue - 1;

    private const long NanosecondsPerTick = 100;
    private const long UnixEpochTicks = 621_355_968_000_000_000; // DateTime.UnixEpoch.Ticks
    private const long MinTicksSinceEpoch = MinNanoseconds / NanosecondsPerTick;
    private const long MaxTicksSinceEpoch = MaxNanoseconds / NanosecondsPerTick;

    /// <summary>Whether <paramref name="nanoseconds"/> lies in the range InfluxDB can store.</summary>
    /// <param name="nanoseconds">Nanoseconds since the Unix epoch.</param>
    /// <returns><see langword="true"/> when it is within <see cref="MinNanoseconds"/> … <see cref="MaxNanoseconds"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsInRange(long nanoseconds) => nanoseconds is >= MinNanoseconds and <= MaxNanoseconds;

    /// <summary>
    /// Converts nanoseconds to <paramref name="precision"/>, truncating towards negative infinity
    /// (so that every instant of a precision unit maps to the same wire value, before and after 1970).
    /// </summary>
    /// <param name="nanoseconds">Nanoseconds since the Unix epoch.</param>
    /// <param name="precision">The wire precision.</param>
    /// <returns>The timestamp in units of <paramref name="precision"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToPrecision(long nanoseconds, WritePrecision precision)
    {
        if (precision == WritePrecision.Nanoseconds)
        {
            return nanoseconds;
        }

        long unit = NanosecondsPer(precision);
        if (unit == 1)
        {
            return nanoseconds;
        }

        long quotient = Math.DivRem(nanoseconds, unit, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>The number of nanoseconds in one unit of <paramref name="precision"/>.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>1 for nanoseconds, 3,600,000,000,000 for hours.</returns>
    public static long NanosecondsPer(WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => 1L,
        WritePrecision.Microseconds => 1_000L,
        WritePrecision.Milliseconds => 1_000_000L,
        WritePrecision.Seconds => 1_000_000_000L,
        WritePrecision.Minutes => 60_000_000_000L,
        WritePrecision.Hours => 3_600_000_000_000L,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a defined WritePrecision."),
    };

    /// <summary>The value InfluxDB 1.x expects for <paramref name="precision"/> in <c>/write?precision=</c> and <c>/query?epoch=</c>.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns><c>ns</c>, <c>u</c>, <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>.</returns>
    public static string ToWireValue(WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => "ns",
        WritePrecision.Microseconds => "u",
        WritePrecision.Milliseconds => "ms",
        WritePrecision.Seconds => "s",
        WritePrecision.Minutes => "m",
        WritePrecision.Hours => "h",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a defined WritePrecision."),
    };

    /// <summary>
    /// Converts a <see cref="DateTime"/> to nanoseconds since the epoch. <see cref="DateTimeKind.Unspecified"/> is
    /// taken as UTC (as aioinflux and pandas assume); <see cref="DateTimeKind.Local"/> is converted to UTC.
    /// </summary>
    /// <param name="value">The time.</param>
    /// <param name="nanoseconds">The time in nanoseconds since the Unix epoch.</param>
    /// <returns><see langword="false"/> when the time lies outside the range InfluxDB can store (roughly 1677–2262).</returns>
    public static bool TryFromDateTime(DateTime value, out long nanoseconds)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        return TryFromTicksSinceEpoch(value.Ticks - UnixEpochTicks, out nanoseconds);
    }

    /// <summary>Converts a <see cref="DateTimeOffset"/> to nanoseconds since the epoch.</summary>
    /// <param name="value">The time.</param>
    /// <param name="nanoseconds">The time in nanoseconds since the Unix epoch.</param>
    /// <returns><see langword="false"/> when the time lies outside the range InfluxDB can store (roughly 1677–2262).</returns>
    public static bool TryFromDateTimeOffset(DateTimeOffset value, out long nanoseconds)
        => TryFromTicksSinceEpoch(value.UtcTicks - UnixEpochTicks, out nanoseconds);

    private static bool TryFromTicksSinceEpoch(long ticks, out long nanoseconds)
    {
        if (ticks is < MinTicksSinceEpoch or > MaxTicksSinceEpoch)
        {
            nanoseconds = 0;
            return false;
        }

        nanoseconds = ticks * NanosecondsPerTick;
        return true;
    }

    /// <summary>Converts nanoseconds since the epoch to a UTC <see cref="DateTime"/>, truncating to its 100 ns ticks.</summary>
    /// <param name="nanoseconds">Nanoseconds since the Unix epoch.</param>
    /// <returns>The UTC time.</returns>
    public static DateTime ToDateTime(long nanoseconds)
        => new(UnixEpochTicks + ToTicksFloor(nanoseconds), DateTimeKind.Utc);

    private static long ToTicksFloor(long nanoseconds)
    {
        long quotient = Math.DivRem(nanoseconds, NanosecondsPerTick, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>
    /// Parses ISO 8601 / RFC 3339 text to nanoseconds since the epoch, exactly and without allocating.
    /// Accepted: <c>2017-01-01</c>, <c>2009-11-10T23:00</c>, <c>2009-11-10T23:00:00</c>, with a fraction of up to
    /// nine digits (<c>.123456789</c>), a <c>T</c>, <c>t</c> or space between date and time, and an optional
    /// <c>Z</c> or <c>±hh</c>, <c>±hh:mm</c>, <c>±hhmm</c> offset; without an offset the time is UTC.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="nanoseconds">The time in nanoseconds since the Unix epoch.</param>
    /// <returns><see langword="false"/> when the text is not such a time or lies outside the range InfluxDB can store.</returns>
    public static bool TryParseIso8601(ReadOnlySpan<char> text, out long nanoseconds)
    {
        nanoseconds = 0;
        int pos = 0;
        if (!TryReadDigits(text, ref pos, 4, out int year) || !TryRead(text, ref pos, '-')
            || !TryReadDigits(text, ref pos, 2, out int month) || !TryRead(text, ref pos, '-')
            || !TryReadDigits(text, ref pos, 2, out int day))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        long fraction = 0;
        long offsetSeconds = 0;
        if (pos < text.Length && text[pos] is 'T' or 't' or ' ')
        {
            pos++;
            if (!TryReadDigits(text, ref pos, 2, out hour) || !TryRead(text, ref pos, ':')
                || !TryReadDigits(text, ref pos, 2, out minute))
            {
                return false;
            }

            if (TryRead(text, ref pos, ':'))
            {
                if (!TryReadDigits(text, ref pos, 2, out second))
                {
                    return false;
                }

                if (pos < text.Length && text[pos] is '.' or ',')
                {
                    pos++;
                    int digits = 0;
                    while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                    {
                        if (++digits > 9)
                        {
                            return false;
                        }

                        fraction = (fraction * 10) + (text[pos++] - '0');
                    }

                    if (digits == 0)
                    {
                        return false;
                    }

                    for (; digits < 9; digits++)
                    {
                        fraction *= 10;
                    }
                }
            }

            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            if (pos < text.Length)
            {
                char sign = text[pos];
                if (sign is 'Z' or 'z')
                {
                    pos++;
                }
                else if (sign is '+' or '-')
                {
                    pos++;
                    if (!TryReadDigits(text, ref pos, 2, out int offsetHours))
                    {
                        return false;
                    }

                    int offsetMinutes = 0;
                    if (pos < text.Length)
                    {
                        TryRead(text, ref pos, ':');
                        if (!TryReadDigits(text, ref pos, 2, out offsetMinutes))
                        {
                            return false;
                        }
                    }

                    if (offsetHours > 23 || offsetMinutes > 59)
                    {
                        return false;
                    }

                    offsetSeconds = ((offsetHours * 60L) + offsetMinutes) * 60L * (sign == '-' ? -1 : 1);
                }
            }
        }

        if (pos != text.Length)
        {
            return false;
        }

        long seconds = (DaysFromCivil(year, month, day) * 86_400L) + (hour * 3_600L) + (minute * 60L) + second - offsetSeconds;
        Int128 total = ((Int128)seconds * 1_000_000_000) + fraction;
        if (total < MinNanoseconds || total > MaxNanoseconds)
        {
            return false;
        }

        nanoseconds = (long)total;
        return true;
    }

    // Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian calendar.
    private static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - (era * 400);
        long dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    private static bool TryRead(ReadOnlySpan<char> text, ref int pos, char expected)
    {
        if (pos < text.Length && text[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static bool TryReadDigits(ReadOnlySpan<char> text, ref int pos, int count, out int value)
    {
        value = 0;
        if (pos + count > text.Length)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            char c = text[pos + i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        pos += count;
        return true;
    }
}
