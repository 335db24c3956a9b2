namespace Aioinflux.Generators.Model;

/// <summary>Everything the emitter needs to write one type's line-protocol writer; only strings, bools, enums and equatable arrays.</summary>
internal sealed record LineProtocolTypeSpec(
    string? Namespace,
    TypeDeclarationSpec Declaration,
    EquatableArray<TypeDeclarationSpec> ContainingTypes,
    string PointTypeName,
    string EscapedMeasurement,
    bool Placeholder,
    string EscapedExtraTags,
    EquatableArray<MemberSpec> Members,
    EquatableArray<EnumSpec> Enums)
{
    /// <summary>The file name: <c>{Namespace}.{Type}.LineProtocol.g.cs</c>, nested and generic types made unique.</summary>
    public string HintName
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

            return name.Append(Declaration.FileName).Append(".LineProtocol.g.cs").ToString();
        }
    }
}

/// <summary>How to reopen a type in a partial declaration: <c>partial record struct Name&lt;T&gt;</c>.</summary>
internal sealed record TypeDeclarationSpec(string Keyword, string Name, string TypeParameters)
{
    public string FileName => TypeParameters.Length == 0 ? Name : Name + "`" + (TypeParameters.Split(',').Length);
}

/// <summary>One enum used by a tag or field, with the UTF-8 names of its defined values.</summary>
internal sealed record EnumSpec(string FullyQualifiedName, EquatableArray<EnumMemberSpec> Members);

/// <summary>A defined enum value: the first name declared for its number.</summary>
internal sealed record EnumMemberSpec(string Name, string EscapedIdentifier);
