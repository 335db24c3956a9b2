using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Aioinflux;

/// <summary>
/// Values for a query's <c>$name</c> placeholders (InfluxDB 1.x's bound parameters), typed so they reach the server as
/// the JSON types it expects: integers stay exact beyond 2^53. Use it with a collection initializer:
/// <c>new QueryParameters { ["host"] = "server01", ["since"] = DateTime.UtcNow.AddHours(-1), ["limit"] = 10 }</c>.
/// </summary>
public sealed class QueryParameters : IEnumerable<KeyValuePair<string, QueryParameterValue>>
{
    private readonly List<KeyValuePair<string, QueryParameterValue>> _values = [];

    /// <summary>Sets a parameter; the name is written without its <c>$</c>.</summary>
    /// <param name="name">The placeholder's name, such as <c>host</c> for <c>$host</c>.</param>
    /// <returns>The value.</returns>
    public QueryParameterValue this[string name]
    {
        get => _values.First(pair => pair.Key == name).Value;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            string key = name.StartsWith('$') ? name[1..] : name;
            int index = _values.FindIndex(pair => pair.Key == key);
            if (index >= 0)
            {
                _values[index] = new(key, value);
            }
            else
            {
                _values.Add(new(key, value));
            }
        }
    }

    /// <summary>The number of parameters.</summary>
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, QueryParameterValue>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The <c>params</c> JSON object, with names in a stable (sorted) order.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach ((string name, QueryParameterValue value) in _values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}

/// <summary>One bound parameter's value: a string, an integer, a float, a boolean, or a time (sent as RFC 3339).</summary>
public readonly struct QueryParameterValue : IEquatable<QueryParameterValue>
{
    private readonly object? _value;

    private QueryParameterValue(object? value) => _value = value;

    /// <summary>A string value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator QueryParameterValue(string? value) => new(value);

    /// <summary>An integer value, exact beyond 2^53.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator QueryParameterValue(long value) => new(value);

    /// <summary>An integer value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator QueryParameterValue(int value) => new((long)value);

    /// <summary>A float value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator QueryParameterValue(double value) => new(value);

    /// <summary>A boolean value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator QueryParameterValue(bool value) => new(value);

    /// <summary>A time, sent as an RFC 3339 string (a <see cref="DateTimeKind.Unspecified"/> time is UTC).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator QueryParameterValue(DateTime value)
        => new((value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime()).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    /// <summary>A time, sent as an RFC 3339 string.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator QueryParameterValue(DateTimeOffset value) => value.UtcDateTime;

    /// <summary>Creates a value from a string (for languages without implicit conversions).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The parameter value.</returns>
    public static QueryParameterValue FromString(string? value) => value;

    /// <summary>Creates a value from an integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The parameter value.</returns>
    public static QueryParameterValue FromInt64(long value) => value;

    /// <summary>Creates a value from a float.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The parameter value.</returns>
    public static QueryParameterValue FromDouble(double value) => value;

    /// <summary>Creates a value from a boolean.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The parameter value.</returns>
    public static QueryParameterValue FromBoolean(bool value) => value;

    /// <summary>Creates a value from a time.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The parameter value.</returns>
    public static QueryParameterValue FromDateTime(DateTime value) => value;

    /// <inheritdoc />
    public bool Equals(QueryParameterValue other) => Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is QueryParameterValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value?.GetHashCode() ?? 0;

    /// <inheritdoc />
    public override string ToString() => _value switch
    {
        null => "null",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => _value.ToString() ?? string.Empty,
    };

    /// <summary>Compares two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(QueryParameterValue left, QueryParameterValue right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(QueryParameterValue left, QueryParameterValue right) => !left.Equals(right);

    /// <summary>The value as the cache key expects it.</summary>
    internal object? Value => _value;

    internal void WriteTo(Utf8JsonWriter writer)
    {
        switch (_value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case long integer: writer.WriteNumberValue(integer); break;
            case double number when double.IsFinite(number): writer.WriteNumberValue(number); break;
            case double number: throw new ArgumentException($"The query parameter value {number} is not a finite number, which JSON cannot carry.");
            case bool boolean: writer.WriteBooleanValue(boolean); break;
            default: throw new InvalidOperationException("Unreachable: every constructor is typed.");
        }
    }
}
