namespace Aioinflux;

/// <summary>
/// On a <see cref="LineProtocolSchemaAttribute"/> class: writes the target's member <see cref="MemberName"/> as a tag,
/// by the rules of <see cref="TagAttribute"/> (the same types; a <see langword="null"/> or empty value omits the tag).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class TagMemberAttribute : Attribute
{
    /// <summary>Maps the target's member <paramref name="memberName"/> to a tag.</summary>
    /// <param name="memberName">The property or field of the target, best written <c>nameof(Target.Member)</c>.</param>
    public TagMemberAttribute(string memberName) => MemberName = memberName;

    /// <summary>The property or field of the target.</summary>
    public string MemberName { get; }

    /// <summary>The tag key; <see langword="null"/> (the default) for the member's name, verbatim.</summary>
    public string? Key { get; set; }
}

/// <summary>
/// On a <see cref="LineProtocolSchemaAttribute"/> class: writes the target's member <see cref="MemberName"/> as a
/// field, by the rules of <see cref="FieldAttribute"/> (the same types; a <see langword="null"/> value omits the field).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class FieldMemberAttribute : Attribute
{
    /// <summary>Maps the target's member <paramref name="memberName"/> to a field.</summary>
    /// <param name="memberName">The property or field of the target, best written <c>nameof(Target.Member)</c>.</param>
    public FieldMemberAttribute(string memberName) => MemberName = memberName;

    /// <summary>The property or field of the target.</summary>
    public string MemberName { get; }

    /// <summary>The field key; <see langword="null"/> (the default) for the member's name, verbatim.</summary>
    public string? Key { get; set; }
}

/// <summary>
/// On a <see cref="LineProtocolSchemaAttribute"/> class: the target's <see cref="string"/> member
/// <see cref="MemberName"/> holds each value's measurement, by the rules of <see cref="MeasurementAttribute"/>.
/// It overrides <see cref="LineProtocolSchemaAttribute.Measurement"/>; a <see langword="null"/> or empty value is an error.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class MeasurementMemberAttribute : Attribute
{
    /// <summary>Maps the target's member <paramref name="memberName"/> to the measurement.</summary>
    /// <param name="memberName">The property or field of the target, best written <c>nameof(Target.Member)</c>.</param>
    public MeasurementMemberAttribute(string memberName) => MemberName = memberName;

    /// <summary>The property or field of the target.</summary>
    public string MemberName { get; }
}

/// <summary>
/// On a <see cref="LineProtocolSchemaAttribute"/> class: the target's member <see cref="MemberName"/> is the time,
/// in the format its type implies, as a member of a <see cref="LineProtocolAttribute"/> type would declare it: a
/// <see cref="long"/> counts nanoseconds since the Unix epoch (<see cref="TimeIntAttribute"/>); a
/// <see cref="DateTime"/> or <see cref="DateTimeOffset"/> is written as one (<see cref="TimeDateTimeAttribute"/>);
/// a <see cref="string"/> is ISO 8601 (<see cref="TimeStrAttribute"/>). Nullable forms too: a
/// <see langword="null"/> time lets the server stamp the point.
/// </summary>
/// <remarks>
/// The format is inferred because the member's type is fixed by a type the schema does not own: each of these types
/// has exactly one time format, so naming it again could only disagree.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class TimeMemberAttribute : Attribute
{
    /// <summary>Maps the target's member <paramref name="memberName"/> to the time.</summary>
    /// <param name="memberName">The property or field of the target, best written <c>nameof(Target.Member)</c>.</param>
    public TimeMemberAttribute(string memberName) => MemberName = memberName;

    /// <summary>The property or field of the target.</summary>
    public string MemberName { get; }
}
