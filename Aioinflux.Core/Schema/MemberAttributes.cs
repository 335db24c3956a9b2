namespace Aioinflux;

/// <summary>
/// Writes the member as an InfluxDB tag (aioinflux's <c>TAG</c> and <c>TAGENUM</c>).
/// Supported types: <see cref="string"/>, enums (written as the member's name), integral types,
/// <see cref="bool"/>, <see cref="char"/>, <see cref="Guid"/>, and their nullable forms.
/// A <see langword="null"/> or empty value omits the tag.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TagAttribute : Attribute
{
    /// <summary>Uses the member's name, verbatim, as the tag key.</summary>
    public TagAttribute()
    {
    }

    /// <summary>Uses <paramref name="key"/> as the tag key.</summary>
    /// <param name="key">The tag key.</param>
    public TagAttribute(string key) => Key = key;

    /// <summary>The tag key, or <see langword="null"/> for the member's name.</summary>
    public string? Key { get; }
}

/// <summary>
/// Writes the member as an InfluxDB field (aioinflux's <c>BOOL</c>, <c>INT</c>, <c>FLOAT</c>, <c>STR</c>, <c>ENUM</c>).
/// Supported types: <see cref="bool"/>, integral types (written with the <c>i</c> suffix), <see cref="float"/>,
/// <see cref="double"/>, <see cref="decimal"/>, <see cref="string"/>, <see cref="char"/>, enums (written as a
/// string holding the member's name), and their nullable forms. A <see langword="null"/> value omits the field.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class FieldAttribute : Attribute
{
    /// <summary>Uses the member's name, verbatim, as the field key.</summary>
    public FieldAttribute()
    {
    }

    /// <summary>Uses <paramref name="key"/> as the field key.</summary>
    /// <param name="key">The field key.</param>
    public FieldAttribute(string key) => Key = key;

    /// <summary>The field key, or <see langword="null"/> for the member's name.</summary>
    public string? Key { get; }
}

/// <summary>
/// A <see cref="string"/> member holding each point's measurement (aioinflux's <c>MEASUREMENT</c>).
/// It overrides <see cref="LineProtocolAttribute.Measurement"/>; a <see langword="null"/> or empty value is an error.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class MeasurementAttribute : Attribute
{
}

/// <summary>
/// The point's time as a <see cref="long"/> (or <see cref="Nullable{Int64}"/>) count of nanoseconds since the
/// Unix epoch (aioinflux's <c>TIMEINT</c>). A <see langword="null"/> time lets the server stamp the point.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TimeIntAttribute : Attribute
{
}

/// <summary>
/// The point's time as an ISO 8601 <see cref="string"/> such as <c>2009-11-10T23:00:00.123456789Z</c> or
/// <c>2017-01-01</c> (aioinflux's <c>TIMESTR</c>); without an offset it is UTC. Parsed without allocating,
/// to the nanosecond. A <see langword="null"/> time lets the server stamp the point.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TimeStrAttribute : Attribute
{
}

/// <summary>
/// The point's time as a <see cref="DateTime"/> or <see cref="DateTimeOffset"/> (or their nullable forms;
/// aioinflux's <c>TIMEDT</c>). A <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/> is UTC;
/// <see cref="DateTimeKind.Local"/> is converted to UTC. A <see langword="null"/> time lets the server stamp the point.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TimeDateTimeAttribute : Attribute
{
}
