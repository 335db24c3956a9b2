namespace Aioinflux;

/// <summary>
/// Marks a <c>partial</c> class as the line-protocol schema of another type: one the user does not own, or cannot
/// make <c>partial</c> (aioinflux's functional form, <c>lineprotocol(cls, schema=...)</c>). The Aioinflux source
/// generator implements <see cref="ILineProtocolWriter{T}"/> of <see cref="TargetType"/> on the class, from the members
/// of the target named by <see cref="TagMemberAttribute"/>, <see cref="FieldMemberAttribute"/>,
/// <see cref="MeasurementMemberAttribute"/> and at most one <see cref="TimeMemberAttribute"/> on the class, and
/// adds a <c>public static Instance</c> property and a <c>ToLineProtocol(value)</c> method for debugging.
/// </summary>
/// <remarks>
/// <para>
/// The class must be <c>partial</c>, not <c>static</c>, <c>abstract</c> or generic, have a parameterless constructor
/// (the implicit one will do) and be no more accessible than the target. The target must be a closed class, struct,
/// record or record struct. Mapped members are instance properties with a getter, or fields, that the class can read
/// (declared on the target or inherited); name them with <see langword="nameof"/> so that renames follow.
/// </para>
/// <para>Tags are written in the order of their attributes, after the measurement; then the fields, in order.</para>
/// <code>
/// [LineProtocolSchema(typeof(Sample), Measurement = "cpu")]
/// [TagMember(nameof(Sample.Host))]
/// [FieldMember(nameof(Sample.Load), Key = "load")]
/// [TimeMember(nameof(Sample.Timestamp))]
/// public sealed partial class SampleSchema;
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class LineProtocolSchemaAttribute : Attribute
{
    /// <summary>Declares the schema of <paramref name="targetType"/>.</summary>
    /// <param name="targetType">The type whose values the schema writes.</param>
    public LineProtocolSchemaAttribute(Type targetType) => TargetType = targetType;

    /// <summary>The type whose values the schema writes.</summary>
    public Type TargetType { get; }

    /// <summary>
    /// The measurement every value is written to. Defaults to the target type's name.
    /// A member named by <see cref="MeasurementMemberAttribute"/> overrides it per value.
    /// </summary>
    public string? Measurement { get; set; }

    /// <summary>
    /// When <see langword="true"/>, a value whose fields are all <see langword="null"/> is written with the
    /// single field <c>_=true</c> instead of being rejected (aioinflux's <c>placeholder</c>).
    /// </summary>
    public bool Placeholder { get; set; }
}
