namespace Aioinflux.Generators.Model;

/// <summary>
/// Everything the emitter needs to write a <c>[LineProtocol]</c> type's query row reader: what each member reads, and
/// how a value is created (constructor arguments, then an object initializer).
/// </summary>
/// <param name="TypeName">The type as <c>global::Namespace.Name&lt;Parameters&gt;</c>.</param>
/// <param name="HidesInheritedMember">Whether a base type has a member named <c>QueryRowReader</c>, which the generated property hides (<c>new</c>).</param>
/// <param name="Members">
/// Every schema member, in the writer's order (measurement, tags, fields, time); the members that read a column are
/// numbered in that order, skipping the measurement, which comes from the series' name.
/// </param>
/// <param name="ConstructorArguments">The chosen constructor's arguments, in parameter order.</param>
/// <param name="NamedArguments">Whether the arguments are passed by name, because an optional parameter is skipped.</param>
internal sealed record QueryReaderSpec(
    string TypeName,
    bool HidesInheritedMember,
    EquatableArray<ReaderMemberSpec> Members,
    EquatableArray<ConstructorArgumentSpec> ConstructorArguments,
    bool NamedArguments);

/// <summary>One member as the row reader fills it.</summary>
/// <param name="Name">The member's name as written in C# (with <c>@</c> where it is a keyword).</param>
/// <param name="QualifiedName">The member as <c>Type.Member</c>, for error messages.</param>
/// <param name="Local">The local variable that holds the value until the type is created.</param>
/// <param name="Key">The column (or <c>GROUP BY</c> tag) it reads: <c>time</c>, the tag key or the field key; empty for the measurement.</param>
/// <param name="Role">Measurement, tag, field or time.</param>
/// <param name="Kind">The value's CLR shape.</param>
/// <param name="Time">How a time member is written, and so read.</param>
/// <param name="ValueType">The type of the value without <c>?</c>: <c>int</c>, <c>global::Market.Side</c>, <c>string</c>.</param>
/// <param name="IsNullable">Whether the member takes <see langword="null"/> for a missing value (<c>Nullable&lt;T&gt;</c>, <c>string?</c>).</param>
/// <param name="EnumUnderlyingType">The enum's underlying type, such as <c>int</c>, for enum members.</param>
/// <param name="Initialized">Whether it is set in the object initializer rather than passed to the constructor.</param>
internal sealed record ReaderMemberSpec(
    string Name,
    string QualifiedName,
    string Local,
    string Key,
    MemberRole Role,
    ValueKind Kind,
    TimeFormat Time,
    string ValueType,
    bool IsNullable,
    string? EnumUnderlyingType,
    bool Initialized);

/// <summary>A constructor argument: the parameter's name (with <c>@</c> where it is a keyword) and the index in <see cref="QueryReaderSpec.Members"/> of the member passed to it.</summary>
internal sealed record ConstructorArgumentSpec(string ParameterName, int Member);
