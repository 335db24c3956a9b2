using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Aioinflux.Serialization;

/// <summary>Builds every <see cref="LineProtocolException"/> in one place, out of the hot path.</summary>
[StackTraceHidden]
internal static class LineProtocolThrow
{
    private const int MaxQuotedLength = 80;

    [DoesNotReturn]
    public static void InvalidText(string pointType, string member, string role, ReadOnlySpan<char> text, LineProtocolTextError error)
        => throw Create(pointType, member, $"its {role} {Quote(text)} {LineProtocolSyntax.Describe(error)}. {Advice(error)}");

    [DoesNotReturn]
    public static void CommentMeasurement(string pointType, string member, ReadOnlySpan<char> measurement)
        => throw Create(pointType, member, $"its measurement {Quote(measurement)} starts with '#', which makes InfluxDB read the whole line as a comment and store nothing. Choose a measurement that does not start with '#'.");

    [DoesNotReturn]
    public static void MissingMeasurement(string pointType, string member)
        => throw Create(pointType, member, "its measurement is null or empty. Set the [Measurement] member of every point to a non-empty name.");

    [DoesNotReturn]
    public static void NonFinite(string pointType, string member, double value)
        => throw Create(pointType, member, $"its field value {value.ToString(CultureInfo.InvariantCulture)} is not a finite number, and InfluxDB stores neither NaN nor infinities. Use a finite value, or null (with a nullable member) to omit the field.");

    [DoesNotReturn]
    public static void UnsignedOverflow(string pointType, string member, ulong value)
        => throw Create(pointType, member, $"its value {value.ToString(CultureInfo.InvariantCulture)} is above {long.MaxValue.ToString(CultureInfo.InvariantCulture)}, and InfluxDB 1.x has only signed 64-bit integers. Store it as a float or a string field instead.");

    [DoesNotReturn]
    public static void TimeOutOfRange(string pointType, string member, long nanoseconds)
        => throw Create(pointType, member, $"its time {nanoseconds.ToString(CultureInfo.InvariantCulture)} ns is outside the range InfluxDB can store ({LineProtocolTime.MinNanoseconds.ToString(CultureInfo.InvariantCulture)} to {LineProtocolTime.MaxNanoseconds.ToString(CultureInfo.InvariantCulture)} ns since 1970, about 1677 to 2262).");

    [DoesNotReturn]
    public static void TimeOutOfRange(string pointType, string member, DateTimeOffset value)
        => throw Create(pointType, member, $"its time {value.ToString("O", CultureInfo.InvariantCulture)} is outside the range InfluxDB can store (1677-09-21T00:12:43.145224194Z to 2262-04-11T23:47:16.854775806Z).");

    [DoesNotReturn]
    public static void InvalidTimeString(string pointType, string member, ReadOnlySpan<char> text)
        => throw Create(pointType, member, $"its time {Quote(text)} is not an ISO 8601 time InfluxDB can store. Write it like 2009-11-10T23:00:00.123456789Z, 2009-11-10T23:00:00+01:00 or 2017-01-01, between 1677 and 2262.");

    [DoesNotReturn]
    public static void NoField(string pointType)
        => throw Create(pointType, null, "it has no field to write: every field is null, and InfluxDB stores no point without a field. Set at least one field, or use [LineProtocol(Placeholder = true)] to write _=true in that case.");

    [DoesNotReturn]
    public static void ReservedKey(string pointType, string member, string role)
        => throw Create(pointType, member, $"its {role} is 'time', which InfluxDB reserves for the timestamp (it drops such a tag's point and such a field silently). Use another key.");

    private static LineProtocolException Create(string pointType, string? member, string reason)
    {
        string subject = member is null ? pointType : $"{pointType}.{member}";
        return new LineProtocolException(pointType, member, $"Cannot write {subject} as line protocol: {reason}");
    }

    private static string Advice(LineProtocolTextError error) => error switch
    {
        LineProtocolTextError.Newline => "Remove or replace the newline.",
        LineProtocolTextError.InvalidUtf16 => "Fix the string's encoding.",
        _ => "Remove the backslash or put another character after it.",
    };

    /// <summary>Quotes text for a message: C#-style escapes, long text shortened.</summary>
    internal static string Quote(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxQuotedLength) + 8).Append('"');
        foreach (char c in text.Length > MaxQuotedLength ? text[..MaxQuotedLength] : text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\\' => builder.Append("\\\\"),
                '"' => builder.Append("\\\""),
                _ when char.IsSurrogate(c) || char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => builder.Append(c),
            };
        }

        builder.Append('"');
        if (text.Length > MaxQuotedLength)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        }

        return builder.ToString();
    }
}
