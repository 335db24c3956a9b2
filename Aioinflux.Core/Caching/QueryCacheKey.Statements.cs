namespace Aioinflux.Caching;

internal sealed partial class QueryCacheKey
{
    private enum TokenKind
    {
        None,
        Word,
        Operand,
        RegexOperator,
        Other,
    }

    /// <summary>
    /// Whether a query's answer may be cached: every statement is a <c>SELECT</c> without <c>INTO</c> or a <c>SHOW</c>.
    /// Statements that modify data (<c>CREATE</c>, <c>DROP</c>, <c>DELETE</c>, <c>ALTER</c>, <c>GRANT</c>, <c>REVOKE</c>,
    /// <c>KILL</c>, <c>SET PASSWORD</c>, <c>SELECT … INTO</c>) and anything else (<c>EXPLAIN</c>…) are not, nor is a query
    /// this check cannot read for sure.
    /// </summary>
    /// <remarks>
    /// The text is scanned as influxql's scanner does: comments (<c>--</c> to the end of the line, <c>/* … */</c>), string
    /// literals, quoted identifiers and regular expressions are skipped, statements split at <c>;</c>. Where a <c>/</c> makes
    /// the reading depend on the grammar (a regex may hold quotes or <c>;</c>, a division may not), a second, blunt check
    /// must agree too: split at every <c>;</c> and searched for the word <c>INTO</c> without regard to quoting. A query both
    /// checks pass cannot hide a write from InfluxDB, whose parser reads the whole query before it runs any statement.
    /// </remarks>
    /// <param name="query">The query text.</param>
    /// <returns><see langword="true"/> when the answer may be cached.</returns>
    public static bool IsCacheable(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ScannedStatementsOnlyRead(query) && (!query.Contains('/', StringComparison.Ordinal) || BluntlyOnlyReads(query));
    }

    private static bool ScannedStatementsOnlyRead(string query)
    {
        int statements = 0;
        bool atStatementStart = true;
        TokenKind previous = TokenKind.None;
        ReadOnlySpan<char> previousWord = default;
        int i = 0;
        while (i < query.Length)
        {
            char c = query[i];
            char next = i + 1 < query.Length ? query[i + 1] : '\0';
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                i++;
                continue;
            }

            if (c == '-' && next == '-')
            {
                // influxql's reader turns a lone \r into \n, so a line comment ends at either.
                int end = query.AsSpan(i).IndexOfAny('\n', '\r');
                i = end < 0 ? query.Length : i + end;
                continue;
            }

            if (c == '/' && next == '*')
            {
                int end = query.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }

                i = end + 2;
                continue;
            }

            if (c == ';')
            {
                atStatementStart = true;
                previous = TokenKind.None;
                i++;
                continue;
            }

            if (IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < query.Length && IsIdentifierChar(query[i]))
                {
                    i++;
                }

                ReadOnlySpan<char> word = query.AsSpan(start, i - start);
                if (atStatementStart)
                {
                    if (!word.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !word.Equals("SHOW", StringComparison.OrdinalIgnoreCase))
                    {
                        return false;
                    }

                    atStatementStart = false;
                    statements++;
                }
                else if (word.Equals("INTO", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                previous = TokenKind.Word;
                previousWord = word;
                continue;
            }

            if (atStatementStart)
            {
                // A statement starts with its keyword; anything else (a parenthesis, a literal) is nothing we can vouch for.
                return false;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
            {
                // Numbers and durations (10, 1.5, 5m, 10µs): nothing inside them can start another token.
                while (i < query.Length && (IsIdentifierChar(query[i]) || query[i] is '.' or 'µ'))
                {
                    i++;
                }

                previous = TokenKind.Operand;
                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    if (!TrySkipQuoted(query, ref i))
                    {
                        return false;
                    }

                    previous = TokenKind.Operand;
                    continue;
                case '$':
                    i++;
                    while (i < query.Length && IsIdentifierChar(query[i]))
                    {
                        i++;
                    }

                    previous = TokenKind.Operand;
                    continue;
                case '=' or '!' when next == '~':
                    i += 2;
                    previous = TokenKind.RegexOperator;
                    continue;
                case ')':
                    i++;
                    previous = TokenKind.Operand;
                    continue;
                case '/' when StartsRegex(previous, previousWord):
                    if (!TrySkipRegex(query, ref i))
                    {
                        return false;
                    }

                    previous = TokenKind.Operand;
                    continue;
                default:
                    i++;
                    previous = TokenKind.Other;
                    continue;
            }
        }

        return statements > 0;
    }

    /// <summary>
    /// Whether a <c>/</c> here is where influxql's parser reads a regular expression: after <c>=~</c> or <c>!~</c>, after
    /// <c>FROM</c>, <c>BY</c> or <c>SELECT</c> (measurement, dimension and field regexes), and after punctuation such as
    /// <c>,</c> or <c>(</c>. After an operand it is a division.
    /// </summary>
    private static bool StartsRegex(TokenKind previous, ReadOnlySpan<char> previousWord)
        => previous switch
        {
            TokenKind.RegexOperator or TokenKind.Other => true,
            TokenKind.Word => previousWord.Equals("FROM", StringComparison.OrdinalIgnoreCase)
                              || previousWord.Equals("BY", StringComparison.OrdinalIgnoreCase)
                              || previousWord.Equals("SELECT", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    /// <summary>Skips a string literal or quoted identifier as influxql's <c>ScanString</c> does: backslash escapes, no line break.</summary>
    private static bool TrySkipQuoted(string query, ref int i)
    {
        char quote = query[i++];
        while (i < query.Length)
        {
            char c = query[i];
            if (c == quote)
            {
                i++;
                return true;
            }

            if (c is '\n' or '\r')
            {
                return false;
            }

            if (c == '\\')
            {
                if (i + 1 >= query.Length || query[i + 1] is '\n' or '\r')
                {
                    return false;
                }

                i += 2;
                continue;
            }

            i++;
        }

        return false;
    }

    /// <summary>
    /// Skips a regular expression as influxql's <c>ScanDelimited</c> does: only <c>\/</c> is an escape; any other backslash
    /// stands for itself and the character after it is read normally, so <c>\\/</c> does not end the regex.
    /// </summary>
    private static bool TrySkipRegex(string query, ref int i)
    {
        i++;
        while (i < query.Length)
        {
            char c = query[i];
            if (c == '/')
            {
                i++;
                return true;
            }

            if (c is '\n' or '\r')
            {
                return false;
            }

            i += c == '\\' && i + 1 < query.Length && query[i + 1] == '/' ? 2 : 1;
        }

        return false;
    }

    /// <summary>
    /// The check that does not depend on reading regexes and divisions right: split at every <c>;</c>, each non-blank part
    /// must begin with the word <c>SELECT</c> or <c>SHOW</c>, and the word <c>INTO</c> may appear nowhere, quoted or not.
    /// </summary>
    private static bool BluntlyOnlyReads(string query)
    {
        foreach (Range range in query.AsSpan().Split(';'))
        {
            ReadOnlySpan<char> part = query.AsSpan(range).TrimStart(" \t\r\n");
            if (part.IsEmpty)
            {
                continue;
            }

            int length = 0;
            while (length < part.Length && IsIdentifierChar(part[length]))
            {
                length++;
            }

            ReadOnlySpan<char> word = part[..length];
            if (!word.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !word.Equals("SHOW", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        ReadOnlySpan<char> text = query;
        int position = 0;
        while (position < text.Length)
        {
            if (!IsIdentifierChar(text[position]))
            {
                position++;
                continue;
            }

            int start = position;
            while (position < text.Length && IsIdentifierChar(text[position]))
            {
                position++;
            }

            if (text[start..position].Equals("INTO", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetter(char c) => char.IsAsciiLetter(c);

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
