using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Aioinflux.Generators.Diagnostics;
using Aioinflux.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aioinflux.Generators.Parsing;

/// <summary>
/// Reads a <c>[LineProtocol]</c> type into a <see cref="LineProtocolTypeSpec"/>, applying every schema rule. The
/// generator calls it without a diagnostic list and skips types it rejects; <see cref="SchemaAnalyzer"/> calls it with
/// one and reports what it found, so the rules exist once.
/// </summary>
internal sealed class LineProtocolParser
{
    private readonly INamedTypeSymbol _type;
    private readonly KnownSymbols _known;
    private readonly List<Diagnostic>? _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, EnumSpec> _enums = new();
    private bool _failed;

    private LineProtocolParser(INamedTypeSymbol type, KnownSymbols known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
    {
        _type = type;
        _known = known;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses <paramref name="type"/>; <see langword="null"/> when its schema has an error.</summary>
    /// <param name="type">A type carrying <c>[LineProtocol]</c>.</param>
    /// <param name="known">The compilation's known symbols.</param>
    /// <param name="diagnostics">Where to report what is wrong, or <see langword="null"/> to only decide.</param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    public static LineProtocolTypeSpec? Parse(INamedTypeSymbol type, KnownSymbols known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
        => new LineProtocolParser(type, known, diagnostics, cancellationToken).Parse();

    private LineProtocolTypeSpec? Parse()
    {
        AttributeData? attribute = _type.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass, _known.LineProtocol));
        if (attribute is null)
        {
            return null;
        }

        string typeName = _type.Name;
        CheckTypeKind();
        CheckPartial();

        string measurement = typeName;
        bool placeholder = false;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == "Measurement" && argument.Value.Value is string name)
            {
                measurement = name;
            }
            else if (argument.Key == "Placeholder" && argument.Value.Value is bool value)
            {
                placeholder = value;
            }
        }

        string escapedMeasurement = EscapeMeasurement(measurement, attribute);
        var keys = new KeyRegistry(this);
        string extraTags = ParseExtraTags(keys);
        List<MemberSpec> members = ParseMembers(keys, placeholder);

        if (_failed)
        {
            return null;
        }

        return new LineProtocolTypeSpec(
            _type.ContainingNamespace.IsGlobalNamespace ? null : _type.ContainingNamespace.ToDisplayString(),
            Declaration(_type),
            new EquatableArray<TypeDeclarationSpec>(ContainingTypes().Select(Declaration).ToArray()),
            typeName,
            escapedMeasurement,
            placeholder,
            extraTags,
            new EquatableArray<MemberSpec>(members),
            new EquatableArray<EnumSpec>(_enums.Values.ToArray()));
    }

    private void CheckTypeKind()
    {
        string? problem = _type.IsStatic ? "static"
            : _type.IsRefLikeType ? "a ref struct, which cannot be converted to an interface"
            : null;
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedTypeKind, TypeNameLocation(_type), _type.Name, problem);
        }
    }

    private void CheckPartial()
    {
        foreach (SyntaxReference reference in _type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), _type.Name);
            }
        }

        foreach (INamedTypeSymbol containing in ContainingTypes())
        {
            foreach (SyntaxReference reference in containing.DeclaringSyntaxReferences)
            {
                // Reported by SchemaAnalyzer while it analyses the containing type, where the location is local.
                if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    _failed = true;
                }
            }
        }
    }

    private string EscapeMeasurement(string measurement, AttributeData attribute)
    {
        if (measurement.Length > 0 && measurement[0] == '#')
        {
            Report(DiagnosticDescriptors.MeasurementStartsWithHash, AttributeLocation(attribute), measurement, _type.Name);
            return string.Empty;
        }

        if (!LineProtocolNames.TryEscape(measurement, NameElement.Measurement, out string escaped, out string? problem))
        {
            Report(DiagnosticDescriptors.InvalidName, AttributeLocation(attribute), "measurement", measurement, _type.Name, problem!);
        }

        return escaped;
    }

    private string ParseExtraTags(KeyRegistry keys)
    {
        var builder = new System.Text.StringBuilder();
        foreach (AttributeData attribute in _type.GetAttributes())
        {
            if (!Is(attribute.AttributeClass, _known.ExtraTag) || attribute.ConstructorArguments.Length != 2)
            {
                continue;
            }

            string key = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
            string value = attribute.ConstructorArguments[1].Value as string ?? string.Empty;
            Location? location = AttributeLocation(attribute);
            string? problem = null;
            if (!LineProtocolNames.TryEscape(key, NameElement.TagKey, out string escapedKey, out string? keyProblem))
            {
                problem = "has a key that " + keyProblem;
            }
            else if (key == "time")
            {
                problem = "has the key 'time', which InfluxDB reserves for the timestamp (it drops such points)";
            }
            else if (!LineProtocolNames.TryEscape(value, NameElement.TagValue, out string escapedValue, out string? valueProblem))
            {
                problem = value.Length == 0
                    ? "has an empty value, and InfluxDB 1.x rejects empty tag values"
                    : "has a value that " + valueProblem;
            }
            else
            {
                builder.Append(',').Append(escapedKey).Append('=').Append(escapedValue);
                keys.Add(key, "[ExtraTag(\"" + key + "\")]", location);
                continue;
            }

            Report(DiagnosticDescriptors.InvalidExtraTag, location, key, _type.Name, problem);
        }

        return builder.ToString();
    }

    private List<MemberSpec> ParseMembers(KeyRegistry keys, bool placeholder)
    {
        Dictionary<string, IParameterSymbol> positional = PositionalParameters();
        var members = new List<MemberSpec>();
        string? timeMember = null;
        string? measurementMember = null;
        string? alwaysWrittenField = null;
        bool hasField = false;

        foreach (ISymbol member in _type.GetMembers())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || member is not (IFieldSymbol or IPropertySymbol))
            {
                continue;
            }

            List<AttributeData> roles = RoleAttributes(member.GetAttributes());
            if (positional.TryGetValue(member.Name, out IParameterSymbol? parameter))
            {
                roles.AddRange(RoleAttributes(parameter.GetAttributes()));
            }

            if (roles.Count == 0)
            {
                continue;
            }

            if (roles.Count > 1)
            {
                Report(DiagnosticDescriptors.ConflictingRoles, AttributeLocation(roles[1]), Qualified(member), ShortName(roles[0]), ShortName(roles[1]));
                continue;
            }

            AttributeData role = roles[0];
            hasField |= Is(role.AttributeClass, _known.Field);
            if (!CheckReadable(member, role))
            {
                continue;
            }

            ITypeSymbol memberType = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
            MemberSpec? spec = ParseMember(member, memberType, role, keys);
            if (spec is null)
            {
                continue;
            }

            if (spec.Role == MemberRole.Time)
            {
                if (timeMember is not null)
                {
                    Report(DiagnosticDescriptors.MultipleTimeMembers, AttributeLocation(role), Qualified(member), _type.Name, timeMember);
                    continue;
                }

                timeMember = member.Name;
            }
            else if (spec.Role == MemberRole.Measurement)
            {
                if (measurementMember is not null)
                {
                    Report(DiagnosticDescriptors.MultipleMeasurementMembers, AttributeLocation(role), Qualified(member), _type.Name, measurementMember);
                    continue;
                }

                measurementMember = member.Name;
            }
            else if (spec.Role == MemberRole.Field)
            {
                if (alwaysWrittenField is null && memberType.IsValueType && !IsNullableValueType(memberType))
                {
                    alwaysWrittenField = member.Name;
                }
            }

            members.Add(spec);
        }

        foreach (IParameterSymbol parameter in PrimaryConstructorParametersOfNonRecord())
        {
            foreach (AttributeData role in RoleAttributes(parameter.GetAttributes()))
            {
                Report(DiagnosticDescriptors.AttributeOnPrimaryConstructorParameter, AttributeLocation(role), ShortName(role), parameter.Name, _type.Name);
            }
        }

        if (!hasField && !placeholder && !_type.IsStatic)
        {
            Report(DiagnosticDescriptors.NoField, TypeNameLocation(_type), _type.Name);
        }

        if (placeholder && alwaysWrittenField is not null)
        {
            Report(DiagnosticDescriptors.PlaceholderNeverUsed, TypeNameLocation(_type), _type.Name, alwaysWrittenField);
        }

        // Measurement first, then tags, fields and time, each in declaration order.
        return members.OrderBy(m => m.Role).ToList();
    }

    private MemberSpec? ParseMember(ISymbol member, ITypeSymbol type, AttributeData role, KeyRegistry keys)
    {
        bool nullable = IsNullableValueType(type);
        ITypeSymbol valueType = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
        ValueKind? kind = Classify(valueType);
        string attributeName = ShortName(role);
        INamedTypeSymbol? roleClass = role.AttributeClass;

        (MemberRole memberRole, TimeFormat time, bool supported, string supportedTypes) = roleClass switch
        {
            _ when Is(roleClass, _known.Tag) => (MemberRole.Tag, TimeFormat.None,
                kind is ValueKind.String or ValueKind.Enum or ValueKind.SignedInteger or ValueKind.UnsignedInteger or ValueKind.Boolean or ValueKind.Char or ValueKind.Guid,
                "a tag must be a string, an enum, an integer, a bool, a char or a Guid, or a nullable form of these"),
            _ when Is(roleClass, _known.Field) => (MemberRole.Field, TimeFormat.None,
                kind is ValueKind.Boolean or ValueKind.SignedInteger or ValueKind.UnsignedInteger or ValueKind.Single or ValueKind.Double or ValueKind.Decimal or ValueKind.String or ValueKind.Char or ValueKind.Enum,
                "a field must be a bool, an integer, a float, a double, a decimal, a string, a char or an enum, or a nullable form of these"),
            _ when Is(roleClass, _known.Measurement) => (MemberRole.Measurement, TimeFormat.None,
                kind == ValueKind.String,
                "a [Measurement] member must be a string"),
            _ when Is(roleClass, _known.TimeInt) => (MemberRole.Time, TimeFormat.Nanoseconds,
                valueType.SpecialType == SpecialType.System_Int64,
                "[TimeInt] takes a long (or long?) of nanoseconds since the epoch; use [TimeStr] for strings and [TimeDateTime] for DateTime or DateTimeOffset"),
            _ when Is(roleClass, _known.TimeStr) => (MemberRole.Time, TimeFormat.IsoString,
                kind == ValueKind.String,
                "[TimeStr] takes an ISO 8601 string; use [TimeInt] for long nanoseconds and [TimeDateTime] for DateTime or DateTimeOffset"),
            _ => (MemberRole.Time, TimeFormat.DateTime,
                kind is ValueKind.DateTime or ValueKind.DateTimeOffset,
                "[TimeDateTime] takes a DateTime or DateTimeOffset (or their nullable forms); use [TimeInt] for long nanoseconds and [TimeStr] for strings"),
        };

        if (!supported)
        {
            Report(DiagnosticDescriptors.UnsupportedMemberType, AttributeLocation(role), attributeName, Qualified(member), type.ToDisplayString(), supportedTypes);
            return null;
        }

        string escapedKey = string.Empty;
        if (memberRole is MemberRole.Tag or MemberRole.Field)
        {
            string key = role.ConstructorArguments.Length == 1 && role.ConstructorArguments[0].Value is string explicitKey ? explicitKey : member.Name;
            string roleName = memberRole == MemberRole.Tag ? "tag" : "field";
            if (!LineProtocolNames.TryEscape(key, memberRole == MemberRole.Tag ? NameElement.TagKey : NameElement.FieldKey, out escapedKey, out string? problem))
            {
                Report(DiagnosticDescriptors.InvalidName, AttributeLocation(role), roleName + " key", key, _type.Name, problem!);
                return null;
            }

            if (key == "time")
            {
                Report(DiagnosticDescriptors.ReservedTimeKey, AttributeLocation(role), Qualified(member), roleName, attributeName, member.Name == "time" ? "time_" : member.Name);
                return null;
            }

            if (!keys.Add(key, "'" + member.Name + "'", AttributeLocation(role), Qualified(member)))
            {
                return null;
            }
        }

        if (kind == ValueKind.Enum)
        {
            AddEnum(valueType);
        }

        return new MemberSpec(
            EscapeIdentifier(member.Name),
            member.Name,
            memberRole,
            kind!.Value,
            nullable,
            escapedKey,
            kind == ValueKind.Enum ? valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null,
            time);
    }

    private bool CheckReadable(ISymbol member, AttributeData role)
    {
        string? problem = member switch
        {
            { IsStatic: true } => "is static",
            IPropertySymbol { IsIndexer: true } => "is an indexer",
            IPropertySymbol { GetMethod: null } => "has no getter",
            _ => null,
        };
        if (problem is null)
        {
            return true;
        }

        Report(DiagnosticDescriptors.MemberNotReadable, AttributeLocation(role), Qualified(member), problem);
        return false;
    }

    private void AddEnum(ITypeSymbol enumType)
    {
        string name = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (_enums.ContainsKey(name))
        {
            return;
        }

        var values = new HashSet<object>();
        var names = new List<EnumMemberSpec>();
        foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>())
        {
            // The first name declared for a number wins: a switch holds one name per number.
            if (field.HasConstantValue && field.ConstantValue is not null && values.Add(field.ConstantValue))
            {
                names.Add(new EnumMemberSpec(field.Name, EscapeIdentifier(field.Name)));
            }
        }

        _enums.Add(name, new EnumSpec(name, new EquatableArray<EnumMemberSpec>(names)));
    }

    private Dictionary<string, IParameterSymbol> PositionalParameters()
    {
        var parameters = new Dictionary<string, IParameterSymbol>();
        if (!_type.IsRecord)
        {
            return parameters;
        }

        foreach (IMethodSymbol constructor in _type.InstanceConstructors)
        {
            if (IsPrimaryConstructor(constructor))
            {
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    parameters[parameter.Name] = parameter;
                }
            }
        }

        return parameters;
    }

    private IEnumerable<IParameterSymbol> PrimaryConstructorParametersOfNonRecord()
    {
        if (_type.IsRecord)
        {
            return Enumerable.Empty<IParameterSymbol>();
        }

        return _type.InstanceConstructors.Where(IsPrimaryConstructor).SelectMany(c => c.Parameters);
    }

    private bool IsPrimaryConstructor(IMethodSymbol constructor)
        => constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(_cancellationToken) is TypeDeclarationSyntax);

    private List<AttributeData> RoleAttributes(IEnumerable<AttributeData> attributes)
        => attributes.Where(a => IsRole(a.AttributeClass)).ToList();

    private bool IsRole(INamedTypeSymbol? attribute)
        => Is(attribute, _known.Tag) || Is(attribute, _known.Field) || Is(attribute, _known.Measurement)
        || Is(attribute, _known.TimeInt) || Is(attribute, _known.TimeStr) || Is(attribute, _known.TimeDateTime);

    private ValueKind? Classify(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Enum)
        {
            return ValueKind.Enum;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return ValueKind.String;
            case SpecialType.System_Boolean: return ValueKind.Boolean;
            case SpecialType.System_Char: return ValueKind.Char;
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64: return ValueKind.SignedInteger;
            case SpecialType.System_Byte:
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
            case SpecialType.System_UInt64: return ValueKind.UnsignedInteger;
            case SpecialType.System_Single: return ValueKind.Single;
            case SpecialType.System_Double: return ValueKind.Double;
            case SpecialType.System_Decimal: return ValueKind.Decimal;
            case SpecialType.System_DateTime: return ValueKind.DateTime;
        }

        if (Is(type, _known.Guid))
        {
            return ValueKind.Guid;
        }

        if (Is(type, _known.DateTimeOffset))
        {
            return ValueKind.DateTimeOffset;
        }

        return null;
    }

    private IEnumerable<INamedTypeSymbol> ContainingTypes()
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? containing = _type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            chain.Insert(0, containing);
        }

        return chain;
    }

    private static TypeDeclarationSpec Declaration(INamedTypeSymbol type)
    {
        string keyword = type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };
        string typeParameters = type.TypeParameters.Length == 0
            ? string.Empty
            : "<" + string.Join(", ", type.TypeParameters.Select(p => EscapeIdentifier(p.Name))) + ">";
        return new TypeDeclarationSpec(keyword, EscapeIdentifier(type.Name), typeParameters);
    }

    private static bool IsNullableValueType(ITypeSymbol type)
        => type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

    private static bool Is(ITypeSymbol? candidate, ITypeSymbol? known)
        => known is not null && SymbolEqualityComparer.Default.Equals(candidate, known);

    private string Qualified(ISymbol member) => _type.Name + "." + member.Name;

    private static string ShortName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "?";
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    internal static string EscapeIdentifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private Location? AttributeLocation(AttributeData attribute)
        => _diagnostics is null ? null : attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation();

    private Location? TypeNameLocation(INamedTypeSymbol type)
        => _diagnostics is null ? null : type.Locations.FirstOrDefault();

    private void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            _failed = true;
        }

        _diagnostics?.Add(Diagnostic.Create(descriptor, location ?? TypeNameLocation(_type), arguments));
    }

    /// <summary>Tracks tag and field keys so that no key is written twice, as a tag or as a field.</summary>
    private sealed class KeyRegistry
    {
        private readonly LineProtocolParser _parser;
        private readonly Dictionary<string, string> _owners = new();

        public KeyRegistry(LineProtocolParser parser) => _parser = parser;

        public bool Add(string key, string owner, Location? location, string? memberName = null)
        {
            if (_owners.TryGetValue(key, out string? first))
            {
                _parser.Report(DiagnosticDescriptors.DuplicateKey, location, memberName ?? owner, key, first);
                return false;
            }

            _owners.Add(key, owner);
            return true;
        }
    }
}
