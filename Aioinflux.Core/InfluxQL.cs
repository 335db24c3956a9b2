using System.Text;

namespace Aioinflux;

/// <summary>
/// Quoting for the parts of an InfluxQL statement that bound parameters cannot carry: identifiers such as database,
/// measurement and retention policy names. Values belong in bound parameters instead.
/// </summary>
public static class InfluxQL
{
    /// <summary>
    /// Quotes <paramref name="identifier"/> as an InfluxQL identifier (<c>"my db"</c>), escaping <c>"</c> and <c>\</c>,
    /// so that names with spaces, quotes or keywords work.
    /// </summary>
    /// <param name="identifier">A database, retention policy, measurement, tag key or field key.</param>
    /// <returns>The quoted identifier.</returns>
    /// <exception cref="ArgumentException">The identifier is empty or contains a newline, which InfluxQL cannot quote.</exception>
    public static string QuoteIdentifier(string identifier) => Quote(identifier, '"', nameof(identifier));

    /// <summary>Quotes <paramref name="value"/> as an InfluxQL string literal (<c>'it\'s'</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted literal.</returns>
    /// <exception cref="ArgumentException">The value contains a newline, which InfluxQL cannot quote.</exception>
    public static string QuoteString(string value) => Quote(value, '\'', nameof(value), allowEmpty: true);

    private static string Quote(string text, char quote, string parameterName, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        if (!allowEmpty && text.Length == 0)
        {
            throw new ArgumentException("An InfluxQL identifier cannot be empty.", parameterName);
        }

        if (text.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ArgumentException($"'{text.ReplaceLineEndings(" ")}' contains a line break, which InfluxQL cannot quote. Use a name without one.", parameterName);
        }

        var builder = new StringBuilder(text.Length + 2);
        builder.Append(quote);
        foreach (char c in text)
        {
            if (c == quote || c == '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append(quote).ToString();
    }
}
