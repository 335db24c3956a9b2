namespace Aioinflux.Generators.Model;

/// <summary>What a member is in the line.</summary>
internal enum MemberRole
{
    Measurement,
    Tag,
    Field,
    Time,
}

/// <summary>The CLR shape of a member's value, after unwrapping <c>Nullable&lt;T&gt;</c>.</summary>
internal enum ValueKind
{
    String,
    Boolean,
    Char,
    SignedInteger,
    UnsignedInteger,
    Double,
    Single,
    Decimal,
    Guid,
    Enum,
    DateTime,
    DateTimeOffset,
}

/// <summary>How a time member is written.</summary>
internal enum TimeFormat
{
    None,
    Nanoseconds,
    IsoString,
    DateTime,
}

/// <summary>One schema member.</summary>
/// <param name="Name">The member's name as written in C# (with <c>@</c> where it is a keyword).</param>
/// <param name="MetadataName">The member's name, for messages and default keys.</param>
/// <param name="Role">Measurement, tag, field or time.</param>
/// <param name="Kind">The value's CLR shape.</param>
/// <param name="IsNullableValueType">Whether the member is <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="EscapedKey">The key, escaped for line protocol (empty for time and measurement members).</param>
/// <param name="Key">The key as written in C# and as query results name its column (empty for time and measurement members).</param>
/// <param name="EnumTypeName">The fully qualified enum type, for enum members.</param>
/// <param name="Time">How a time member is written.</param>
internal sealed record MemberSpec(
    string Name,
    string MetadataName,
    MemberRole Role,
    ValueKind Kind,
    bool IsNullableValueType,
    string EscapedKey,
    string Key,
    string? EnumTypeName,
    TimeFormat Time);
