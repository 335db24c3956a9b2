namespace Aioinflux.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one type's line-protocol writer; only strings, bools, enums, equatable arrays
/// and records of these. A <c>[LineProtocol]</c> point writes itself (<see cref="Target"/> is <see langword="null"/>);
/// a <c>[LineProtocolSchema]</c> class (<see cref="Declaration"/>) writes values of its <see cref="Target"/>.
/// A point whose members can all be set also gets a query row reader (<see cref="Reader"/>); when it cannot,
/// <see cref="ReaderProblem"/> says why, for the analyzer that reports it where the type is queried.
/// </summary>
internal sealed record LineProtocolTypeSpec(
    string? Namespace,
    TypeDeclarationSpec Declaration,
    EquatableArray<TypeDeclarationSpec> ContainingTypes,
    string PointTypeName,
    string EscapedMeasurement,
    bool Placeholder,
    string EscapedExtraTags,
    EquatableArray<MemberSpec> Members,
    EquatableArray<EnumSpec> Enums,
    WriterTargetSpec? Target = null,
    QueryReaderSpec? Reader = null,
    string? ReaderProblem = null)
{
    /// <summary>The expression the generated code reads members from: the point itself, or the value a schema writes.</summary>
    public string Receiver => Target is null ? "this" : "value";

    /// <summary>
    /// The file name: <c>{Namespace}.{Type}.LineProtocol.g.cs</c> for a point, <c>….LineProtocolWriter.g.cs</c> for a
    /// schema class (so that a class carrying both attributes gets two files), nested and generic types made unique.
    /// </summary>
    public string HintName => FileNamePrefix + (Target is null ? ".LineProtocol.g.cs" : ".LineProtocolWriter.g.cs");

    /// <summary>The row reader's file name: <c>{Namespace}.{Type}.QueryReader.g.cs</c>.</summary>
    public string ReaderHintName => FileNamePrefix + ".QueryReader.g.cs";

    private string FileNamePrefix
    {
        get
        {
            var name = new System.Text.StringBuilder();
            if (Namespace is not null)
            {
                name.Append(Namespace).Append('.');
            }

            foreach (TypeDeclarationSpec containing in ContainingTypes)
            {
                name.Append(containing.FileName).Append('.');
            }

            return name.Append(Declaration.FileName).ToString();
        }
    }
}

/// <summary>The type a <c>[LineProtocolSchema]</c> class writes.</summary>
/// <param name="FullyQualifiedName">The type as <c>global::Namespace.Name&lt;Arguments&gt;</c>.</param>
/// <param name="IsValueType">Whether values are structs, which the writer reads by reference rather than copying again.</param>
internal sealed record WriterTargetSpec(string FullyQualifiedName, bool IsValueType);

/// <summary>How to reopen a type in a partial declaration: <c>partial record struct Name&lt;T&gt;</c>.</summary>
internal sealed record TypeDeclarationSpec(string Keyword, string Name, string TypeParameters)
{
    public string FileName => TypeParameters.Length == 0 ? Name : Name + "`" + (TypeParameters.Split(',').Length);
}

/// <summary>One enum used by a tag or field, with the UTF-8 names of its defined values.</summary>
internal sealed record EnumSpec(string FullyQualifiedName, EquatableArray<EnumMemberSpec> Members);

/// <summary>A defined enum value: the first name declared for its number.</summary>
internal sealed record EnumMemberSpec(string Name, string EscapedIdentifier);
