using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Aioinflux.Query;

/// <summary>
/// The errors of <see cref="QueryRowReaderExtensions"/>, built out of the hot path: where the value came from (column,
/// series, statement, row), what it is, and which member it was going to.
/// </summary>
[StackTraceHidden]
internal static class QueryMemberErrors
{
    private const int MaxQuotedLength = 80;

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMismatch(ref QueryRowReader row, string member, string wanted)
        => throw new InfluxDBException($"{Where(ref row)} holds {Describe(ref row)}, which cannot be read into {member} ({Article(wanted)}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowOutOfRange<T>(ref QueryRowReader row, string member)
        => throw new InfluxDBException($"{Where(ref row)} holds {Describe(ref row)}, which is out of the range of {member} ({Article(typeof(T).Name)}). "
            + "Use a wider member type.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnknownEnumName(ref QueryRowReader row, string member, string enumType)
        => throw new InfluxDBException($"{Where(ref row)} holds {Describe(ref row)}, which is neither a name of {enumType} nor a number, "
            + $"so it cannot be read into {member}. Was a member of {enumType} renamed or removed since the point was written?");

    public static InfluxDBException SeriesTagMismatch(QueryColumnBinding binding, string text, string member, string wanted)
        => new($"{SeriesTag(binding, text)} is {Quote(text)}, which cannot be read into {member} ({Article(wanted)}).");

    public static InfluxDBException UnknownSeriesTagEnumName(QueryColumnBinding binding, string text, string member, string enumType)
        => new($"{SeriesTag(binding, text)} is {Quote(text)}, which is neither a name of {enumType} nor a number, so it cannot be read into {member}. "
            + $"Was a member of {enumType} renamed or removed since the point was written?");

    private static string Where(ref QueryRowReader row)
    {
        PointMetadata series = row.Series;
        return $"Column '{QueryErrors.ColumnName(series, row.ColumnIndex)}' of series '{series.Name}' (statement {series.StatementId}, row {row.RowIndex})";
    }

    private static string SeriesTag(QueryColumnBinding binding, string text)
    {
        PointMetadata series = binding.Series;
        string key = "?";
        foreach (KeyValuePair<string, string> tag in series.Tags)
        {
            if (ReferenceEquals(tag.Value, text))
            {
                key = tag.Key;
                break;
            }
        }

        return $"The GROUP BY tag '{key}' of series '{series.Name}' (statement {series.StatementId})";
    }

    private static string Describe(ref QueryRowReader row)
    {
        Utf8JsonReader json = row.Json;
        switch (json.TokenType)
        {
            case JsonTokenType.Null:
                return "null";
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.String:
                return "the string " + Quote(json.GetString() ?? string.Empty);
            case JsonTokenType.Number:
                byte[] number = json.HasValueSequence ? json.ValueSequence.ToArray() : json.ValueSpan.ToArray();
                return "the number " + Encoding.UTF8.GetString(number);
            default:
                return json.TokenType.ToString();
        }
    }

    private static string Quote(string text)
    {
        string shown = text.Length > MaxQuotedLength ? text[..MaxQuotedLength] + "…" : text;
        return "\"" + shown + "\"";
    }

    private static string Article(string typeOrPhrase)
        => typeOrPhrase.StartsWith("a ", StringComparison.Ordinal) || typeOrPhrase.StartsWith("an ", StringComparison.Ordinal) ? typeOrPhrase
            : (typeOrPhrase == nameof(SByte) || "AEIO".Contains(typeOrPhrase[0], StringComparison.Ordinal) ? "an " : "a ") + typeOrPhrase;
}
