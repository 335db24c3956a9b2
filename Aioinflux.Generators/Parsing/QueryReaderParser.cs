using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Aioinflux.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Aioinflux.Generators.Parsing;

/// <summary>
/// Decides how the generated row reader creates a <c>[LineProtocol]</c> type from query results, or why it cannot.
/// Every member the type writes must be settable (a <c>set</c> or <c>init</c> accessor, a field that is not
/// <c>readonly</c>; private ones too, since the reader is nested in the type) or bound by a parameter of the
/// constructor the reader calls.
/// </summary>
/// <remarks>
/// <para>
/// A constructor parameter binds the member of the same name, compared ignoring case and one leading underscore
/// (<c>host</c> binds <c>Host</c> and <c>_host</c>), and of the same type. A constructor can be called when each of its
/// parameters binds a member or is optional (left to its default). Among the constructors that can be called and that
/// bind every member that cannot be set, the reader calls the primary constructor (positional records, primary
/// constructors) if it is one of them, else the one binding the most members, the first declared on a tie; a record's
/// copy constructor never. Members the constructor does not bind are set in an object initializer, as are
/// <c>required</c> members unless the constructor has <c>[SetsRequiredMembers]</c>.
/// </para>
/// <para>Problems are sentences completing "'T' cannot be read from query results, because …", each saying what to fix.</para>
/// </remarks>
internal static class QueryReaderParser
{
    /// <summary>The generated static property that implements <c>IQueryReadable&lt;T&gt;.QueryRowReader</c>.</summary>
    public const string PropertyName = "QueryRowReader";

    /// <summary>The generated private nested class that implements <c>IQueryRowReader&lt;T&gt;</c>.</summary>
    public const string ReaderClassName = "LineProtocolRowReader";

    private const string MemberRoles = "[Tag], [Field], time or [Measurement] member";

    /// <summary>The reader of <paramref name="type"/>, or why there is none (both <see langword="null"/> when the type has its own).</summary>
    /// <param name="type">A valid <c>[LineProtocol]</c> type.</param>
    /// <param name="known">The compilation's known symbols.</param>
    /// <param name="members">The members the type writes, as the writer's parser found them.</param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    public static (QueryReaderSpec? Reader, string? Problem) Parse(INamedTypeSymbol type, KnownSymbols known, IReadOnlyList<MemberSpec> members, CancellationToken cancellationToken)
    {
        if (known.QueryReadable is null || ImplementsQueryReadable(type, known.QueryReadable))
        {
            return (null, null);
        }

        if (type.IsAbstract)
        {
            return (null, "it is abstract, so the reader could not create one; query a concrete type");
        }

        foreach (string generated in new[] { PropertyName, ReaderClassName })
        {
            if (type.GetMembers(generated).Any(m => !m.IsImplicitlyDeclared))
            {
                return (null, "it declares a member named '" + generated + "', a name the generated reader needs; rename that member");
            }
        }

        var symbols = new ISymbol[members.Count];
        var needsConstructor = new List<int>();
        for (int i = 0; i < members.Count; i++)
        {
            symbols[i] = type.GetMembers(members[i].MetadataName).First(m => m is IFieldSymbol or IPropertySymbol);
            if (!IsSettable(symbols[i]))
            {
                needsConstructor.Add(i);
            }
        }

        List<string> requiredElsewhere = RequiredMembers(type).Where(name => !members.Any(m => m.MetadataName == name)).ToList();
        var candidates = new List<Candidate>();
        Candidate? firstUnusable = null;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsCopyConstructor(type, constructor))
            {
                continue;
            }

            Candidate candidate = Bind(constructor, members, symbols, known, cancellationToken);
            if (candidate.Unusable is null)
            {
                candidates.Add(candidate);
            }
            else
            {
                firstUnusable ??= candidate;
            }
        }

        if (candidates.Count == 0)
        {
            return (null, "none of its constructors can be called by the reader (" + firstUnusable?.Unusable + "); add a constructor "
                + "whose parameters each have the name and type of a member, or a default value");
        }

        List<Candidate> covering = candidates.Where(c => needsConstructor.All(c.Binds)).ToList();
        if (covering.Count == 0)
        {
            Candidate closest = candidates.OrderByDescending(c => needsConstructor.Count(c.Binds)).First();
            List<string> unset = needsConstructor.Where(i => !closest.Binds(i)).Select(i => members[i].MetadataName).ToList();
            return (null, "its " + Plural(unset, "member") + " " + List(unset) + " cannot be set; make " + (unset.Count == 1 ? "it" : "them")
                + " settable ({ get; set; } or { get; init; }, or a field that is not readonly), or add a constructor parameter of the same name and type"
                + (unset.Count == 1 ? string.Empty : " for each"));
        }

        List<Candidate> callable = requiredElsewhere.Count == 0 ? covering : covering.Where(c => c.SetsRequiredMembers).ToList();
        if (callable.Count == 0)
        {
            return (null, "its required " + Plural(requiredElsewhere, "member") + " " + List(requiredElsewhere) + " cannot be set by the reader, not being "
                + (requiredElsewhere.Count == 1 ? "a " + MemberRoles : MemberRoles + "s")
                + "; remove 'required', or add [SetsRequiredMembers] to a constructor that sets " + (requiredElsewhere.Count == 1 ? "it" : "them"));
        }

        Candidate chosen = callable.FirstOrDefault(c => c.IsPrimary) ?? callable.OrderByDescending(c => c.Arguments.Count).First();
        return (Build(type, members, symbols, chosen), null);
    }

    /// <summary>Whether <paramref name="type"/> already implements <c>IQueryReadable&lt;itself&gt;</c>, by hand or by a base type's code.</summary>
    public static bool ImplementsQueryReadable(ITypeSymbol type, INamedTypeSymbol queryReadable)
        => type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, queryReadable)
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type));

    private static QueryReaderSpec Build(INamedTypeSymbol type, IReadOnlyList<MemberSpec> members, ISymbol[] symbols, Candidate constructor)
    {
        var requiredNames = new HashSet<string>(RequiredMembers(type));
        var locals = new HashSet<string>(StringComparer.Ordinal) { "row", "binding" };
        var readers = new List<ReaderMemberSpec>();
        for (int i = 0; i < members.Count; i++)
        {
            MemberSpec member = members[i];
            ITypeSymbol memberType = symbols[i] is IFieldSymbol field ? field.Type : ((IPropertySymbol)symbols[i]).Type;
            bool isNullableValue = memberType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            ITypeSymbol valueType = isNullableValue ? ((INamedTypeSymbol)memberType).TypeArguments[0] : memberType;
            bool boundByConstructor = constructor.Arguments.Any(a => a.Member == i);
            bool initialized = !boundByConstructor || (requiredNames.Contains(member.MetadataName) && !constructor.SetsRequiredMembers);
            readers.Add(new ReaderMemberSpec(
                member.Name,
                type.Name + "." + member.MetadataName,
                LocalName(member.MetadataName, locals),
                member.Role == MemberRole.Time ? "time" : member.Key,
                member.Role,
                member.Kind,
                member.Time,
                valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                isNullableValue || (!memberType.IsValueType && memberType.NullableAnnotation != NullableAnnotation.NotAnnotated),
                valueType is INamedTypeSymbol { EnumUnderlyingType: { } underlying } ? underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null,
                initialized));
        }

        var hidesInherited = false;
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            hidesInherited |= !baseType.GetMembers(PropertyName).IsEmpty;
        }

        return new QueryReaderSpec(
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            hidesInherited,
            new EquatableArray<ReaderMemberSpec>(readers),
            new EquatableArray<ConstructorArgumentSpec>(constructor.Arguments),
            constructor.SkipsOptionalParameters);
    }

    private static Candidate Bind(IMethodSymbol constructor, IReadOnlyList<MemberSpec> members, ISymbol[] symbols, KnownSymbols known, CancellationToken cancellationToken)
    {
        var arguments = new List<ConstructorArgumentSpec>();
        string? unusable = null;
        bool skips = false;
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            int member = -1;
            for (int i = 0; i < members.Count && member < 0; i++)
            {
                ITypeSymbol memberType = symbols[i] is IFieldSymbol field ? field.Type : ((IPropertySymbol)symbols[i]).Type;
                if (NamesMatch(members[i].MetadataName, parameter.Name) && SymbolEqualityComparer.Default.Equals(memberType, parameter.Type))
                {
                    member = i;
                }
            }

            if (parameter.RefKind is RefKind.Out or RefKind.Ref)
            {
                unusable ??= "parameter '" + parameter.Name + "' of " + Signature(constructor) + " is " + (parameter.RefKind == RefKind.Out ? "out" : "ref");
            }
            else if (member >= 0)
            {
                arguments.Add(new ConstructorArgumentSpec(LineProtocolParser.EscapeIdentifier(parameter.Name), member));
            }
            else if (parameter.IsOptional || parameter.IsParams)
            {
                skips = true;
            }
            else
            {
                unusable ??= "parameter '" + parameter.Name + "' of " + Signature(constructor) + " matches no " + MemberRoles + " of the same name and type";
            }
        }

        bool isPrimary = constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax);
        bool setsRequired = known.SetsRequiredMembers is { } attribute
            && constructor.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
        return new Candidate(arguments, isPrimary, setsRequired, skips, unusable);
    }

    private static bool IsSettable(ISymbol member) => member switch
    {
        IFieldSymbol field => !field.IsReadOnly && !field.IsConst,
        IPropertySymbol property => property.SetMethod is not null,
        _ => false,
    };

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor)
        => type.IsRecord && constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    private static IEnumerable<string> RequiredMembers(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true } && seen.Add(member.Name))
                {
                    yield return member.Name;
                }
            }
        }
    }

    private static bool NamesMatch(string member, string parameter)
        => string.Equals(WithoutUnderscore(member), WithoutUnderscore(parameter), StringComparison.OrdinalIgnoreCase);

    private static string WithoutUnderscore(string name) => name.Length > 1 && name[0] == '_' ? name.Substring(1) : name;

    private static string LocalName(string memberName, HashSet<string> taken)
    {
        string trimmed = memberName.TrimStart('_');
        string name = trimmed.Length == 0 ? "member" : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
        string candidate = name;
        for (int suffix = 2; !taken.Add(candidate); suffix++)
        {
            candidate = name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return LineProtocolParser.EscapeIdentifier(candidate);
    }

    private static string Signature(IMethodSymbol constructor)
        => constructor.ContainingType.Name + "(" + string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")";

    private static string Plural(List<string> names, string noun) => names.Count == 1 ? noun : noun + "s";

    /// <summary>"'A'", "'A' and 'B'", "'A', 'B' and 'C'".</summary>
    private static string List(List<string> names)
    {
        List<string> quoted = names.Select(n => "'" + n + "'").ToList();
        return quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[quoted.Count - 1];
    }

    /// <summary>A constructor as the reader would call it; <see cref="Unusable"/> says why it cannot.</summary>
    private sealed class Candidate
    {
        public Candidate(List<ConstructorArgumentSpec> arguments, bool isPrimary, bool setsRequiredMembers, bool skipsOptionalParameters, string? unusable)
        {
            Arguments = arguments;
            IsPrimary = isPrimary;
            SetsRequiredMembers = setsRequiredMembers;
            SkipsOptionalParameters = skipsOptionalParameters;
            Unusable = unusable;
        }

        public List<ConstructorArgumentSpec> Arguments { get; }

        public bool IsPrimary { get; }

        public bool SetsRequiredMembers { get; }

        public bool SkipsOptionalParameters { get; }

        public string? Unusable { get; }

        public bool Binds(int member) => Arguments.Any(a => a.Member == member);
    }
}
