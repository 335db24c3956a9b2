using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Aioinflux.Serialization;

/// <summary>Where a piece of text goes in a line, which decides how it is escaped and what it may not contain.</summary>
public enum LineProtocolElement
{
    /// <summary>The measurement: <c>,</c> and space are escaped.</summary>
    Measurement,

    /// <summary>A tag key: <c>,</c>, <c>=</c> and space are escaped.</summary>
    TagKey,

    /// <summary>A tag value: <c>,</c>, <c>=</c> and space are escaped.</summary>
    TagValue,

    /// <summary>A field key: <c>,</c>, <c>=</c> and space are escaped.</summary>
    FieldKey,

    /// <summary>A string field value, between double quotes: <c>"</c> and <c>\</c> are escaped.</summary>
    FieldString,
}

/// <summary>Why a piece of text cannot be written; <see cref="None"/> when it can.</summary>
public enum LineProtocolTextError
{
    /// <summary>The text was written.</summary>
    None,

    /// <summary>A newline, which ends a line and cannot be escaped outside string fields.</summary>
    Newline,

    /// <summary>A trailing backslash, which would escape the separator after it.</summary>
    TrailingBackslash,

    /// <summary>A backslash right before a character that must be escaped; InfluxDB 1.x would not read it back the same.</summary>
    BackslashBeforeEscapedCharacter,

    /// <summary>An unpaired UTF-16 surrogate, which has no UTF-8 form.</summary>
    InvalidUtf16,
}

/// <summary>
/// Escaping and validation of line-protocol text (InfluxDB 1.x rules, verified against influxd 1.6.7), shared by
/// the generated writers, the dynamic point builder and the client. Values are transcoded to UTF-8 straight into the
/// destination, with one vectorized search for characters that need care and a plain copy when there are none.
/// </summary>
public static class LineProtocolSyntax
{
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", \n\\");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= \n\\");
    private static readonly SearchValues<char> FieldStringSpecials = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> AnySpecials = SearchValues.Create(",= \n\\\"");

    // Above this length an exact count is cheaper than reserving three bytes per character.
    private const int ExactLengthThreshold = 256;

    /// <summary>
    /// An upper bound of the bytes <paramref name="text"/> takes once escaped and encoded as UTF-8, in any element.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The bound; 0 for <see langword="null"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MaxEscapedLength(string? text) => text is null ? 0 : MaxEscapedLength(text.AsSpan());

    /// <inheritdoc cref="MaxEscapedLength(string?)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MaxEscapedLength(ReadOnlySpan<char> text)
        // An escaped character is two ASCII bytes; any other UTF-16 unit is at most three UTF-8 bytes.
        => text.Length <= ExactLengthThreshold ? text.Length * 3 : ExactEscapedLength(text);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ExactEscapedLength(ReadOnlySpan<char> text)
    {
        int escapes = 0;
        ReadOnlySpan<char> rest = text;
        int index;
        while ((index = rest.IndexOfAny(AnySpecials)) >= 0)
        {
            escapes++;
            rest = rest[(index + 1)..];
        }

        return checked(Encoding.UTF8.GetByteCount(text) + escapes);
    }

    /// <summary>
    /// Whether <paramref name="text"/> starts with <c>#</c>, which would make InfluxDB read the whole line as a comment.
    /// </summary>
    /// <param name="text">A measurement.</param>
    /// <returns><see langword="true"/> when the measurement cannot be written.</returns>
    public static bool IsCommentMarker(ReadOnlySpan<char> text) => !text.IsEmpty && text[0] == '#';

    /// <summary>
    /// Escapes <paramref name="text"/> for <paramref name="element"/> and writes it as UTF-8.
    /// The destination must hold at least <see cref="MaxEscapedLength(ReadOnlySpan{char})"/> bytes.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="element">Where the text goes.</param>
    /// <param name="destination">Where to write.</param>
    /// <param name="bytesWritten">How many bytes were written (meaningless on error).</param>
    /// <returns><see cref="LineProtocolTextError.None"/>, or why the text cannot be written.</returns>
    public static LineProtocolTextError TryWriteEscaped(ReadOnlySpan<char> text, LineProtocolElement element, Span<byte> destination, out int bytesWritten)
    {
        SearchValues<char> specials = SpecialsOf(element);
        int written = 0;
        while (true)
        {
            int index = text.IndexOfAny(specials);
            ReadOnlySpan<char> run = index < 0 ? text : text[..index];
            if (!run.IsEmpty)
            {
                // Specials are ASCII, so a run never splits a surrogate pair.
                if (Utf8.FromUtf16(run, destination[written..], out _, out int runBytes, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    bytesWritten = written;
                    return LineProtocolTextError.InvalidUtf16;
                }

                written += runBytes;
            }

            if (index < 0)
            {
                bytesWritten = written;
                return LineProtocolTextError.None;
            }

            char special = text[index];
            text = text[(index + 1)..];
            if (element == LineProtocolElement.FieldString)
            {
                destination[written++] = (byte)'\\';
                destination[written++] = (byte)special;
                continue;
            }

            if (special == '\n')
            {
                bytesWritten = written;
                return LineProtocolTextError.Newline;
            }

            if (special == '\\')
            {
                // InfluxDB 1.x keeps a backslash literally unless it precedes an escapable character, so only
                // a backslash that is last or precedes one of those would not round-trip.
                if (text.IsEmpty)
                {
                    bytesWritten = written;
                    return LineProtocolTextError.TrailingBackslash;
                }

                if (IsEscapedAfterBackslash(text[0], element))
                {
                    bytesWritten = written;
                    return LineProtocolTextError.BackslashBeforeEscapedCharacter;
                }

                destination[written++] = (byte)'\\';
                continue;
            }

            destination[written++] = (byte)'\\';
            destination[written++] = (byte)special;
        }
    }

    /// <summary>The characters that need care in <paramref name="element"/>; folds to a constant when inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SearchValues<char> SpecialsOf(LineProtocolElement element) => element switch
    {
        LineProtocolElement.Measurement => MeasurementSpecials,
        LineProtocolElement.FieldString => FieldStringSpecials,
        _ => KeySpecials,
    };

    private static bool IsEscapedAfterBackslash(char next, LineProtocolElement element) => element switch
    {
        LineProtocolElement.Measurement => next is ',' or ' ',
        LineProtocolElement.FieldKey => next is ',' or '=' or ' ' or '"',
        _ => next is ',' or '=' or ' ',
    };

    /// <summary>Describes <paramref name="error"/> in words, for exception messages.</summary>
    /// <param name="error">The error.</param>
    /// <returns>A phrase such as "contains a newline".</returns>
    public static string Describe(LineProtocolTextError error) => error switch
    {
        LineProtocolTextError.Newline => "contains a newline, which line protocol cannot carry outside string fields",
        LineProtocolTextError.TrailingBackslash => "ends with a backslash, which InfluxDB 1.x would read as escaping the separator after it",
        LineProtocolTextError.BackslashBeforeEscapedCharacter => "has a backslash right before ',', '=', ' ' or '\"', which InfluxDB 1.x would not read back as written",
        LineProtocolTextError.InvalidUtf16 => "contains an unpaired UTF-16 surrogate, which has no UTF-8 form",
        _ => "is valid",
    };
}
