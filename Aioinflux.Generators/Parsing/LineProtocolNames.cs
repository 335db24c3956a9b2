using System.Text;

namespace Aioinflux.Generators.Parsing;

/// <summary>Where a compile-time name goes in a line.</summary>
internal enum NameElement
{
    Measurement,
    TagKey,
    TagValue,
    FieldKey,
}

/// <summary>
/// Compile-time escaping of names known to the generator, by the same InfluxDB 1.x rules as the runtime's
/// <c>Aioinflux.Serialization.LineProtocolSyntax</c> (the generator cannot reference the runtime; the conformance
/// tests run both against the same corpus).
/// </summary>
internal static class LineProtocolNames
{
    /// <summary>Escapes <paramref name="name"/>, or says why it cannot be written (a phrase for a diagnostic message).</summary>
    public static bool TryEscape(string name, NameElement element, out string escaped, out string? problem)
    {
        escaped = string.Empty;
        problem = null;
        if (name.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '\n')
            {
                problem = "contains a newline, which ends a line of line protocol";
                return false;
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])))
            {
                problem = "contains an unpaired UTF-16 surrogate, which has no UTF-8 form";
                return false;
            }

            if (c == '\\')
            {
                if (i + 1 == name.Length)
                {
                    problem = "ends with a backslash, which InfluxDB 1.x would read as escaping the separator after it";
                    return false;
                }

                if (IsEscapedAfterBackslash(name[i + 1], element))
                {
                    problem = "has a backslash right before a character that must be escaped, which InfluxDB 1.x would not read back as written";
                    return false;
                }

                builder.Append('\\');
                continue;
            }

            if (NeedsEscape(c, element))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        escaped = builder.ToString();
        return true;
    }

    private static bool NeedsEscape(char c, NameElement element) => element == NameElement.Measurement
        ? c is ',' or ' '
        : c is ',' or '=' or ' ';

    private static bool IsEscapedAfterBackslash(char next, NameElement element) => element switch
    {
        NameElement.Measurement => next is ',' or ' ',
        NameElement.FieldKey => next is ',' or '=' or ' ' or '"',
        _ => next is ',' or '=' or ' ',
    };

    /// <summary>
    /// <paramref name="text"/> as a diagnostic message quotes it: line breaks, other control characters and unpaired
    /// surrogates written as C# escapes (<c>\n</c>, <c>\uD800</c>), everything else as it is.
    /// </summary>
    public static string Printable(string text)
    {
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            string? escape = c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' || (char.IsSurrogate(c) && !paired) => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };

            if (escape is null)
            {
                builder?.Append(c);
                if (paired)
                {
                    builder?.Append(text[i + 1]);
                    i++;
                }

                continue;
            }

            builder ??= new StringBuilder(text.Length + 8).Append(text, 0, i);
            builder.Append(escape);
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>The UTF-8 length of already escaped text.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);
}
