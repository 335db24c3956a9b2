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
/// Reads a <c>[LineProtocol]</c> type, or a <c>[LineProtocolSchema]</c> class and the type it names, into a
/// <see cref="LineProtocolTypeSpec"/>, applying every schema rule. The generator calls it without a diagnostic list and
/// skips types it rejects; <see cref="SchemaAnalyzer"/> calls it with one and reports what it found, so the rules exist
/// once, for both kinds of schema.
/// </summary>
/// <remarks>
/// Two types take part: <c>_type</c>, the declaration the generator reopens (the point, or the schema class), and
/// <c>_target</c>, whose members are written (the point itself, or the schema's target). Roles come from attributes on
/// the members of a point, or from the member attributes of a schema class; from then on both take the same path.
/// </remarks>
internal sealed class LineProtocolParser
{
    private readonly INamedTypeSymbol _type;
    private readonly KnownSymbols _known;
    private readonly List<Diagnostic>? _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _isSchema;
    private readonly Dictionary<string, EnumSpec> _enums = new();
    private INamedTypeSymbol _target;
    private bool _failed;

    private LineProtocolParser(INamedTypeSymbol type, KnownSymbols known, List<Diagnostic>? diagnostics, bool isSchema, CancellationToken cancellationToken)
    {
        _type = type;
        _target = type;
        _known = known;
        _diagnostics = diagnostics;
        _isSchema = isSchema;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses the point <paramref name="type"/>; <see langword="null"/> when its schema has an error.</summary>
    /// <param name="type">A type carrying <c>[LineProtocol]</c>.</param>
    /// <param name="known">The compilation's known symbols.</param>
    /// <param name="diagnostics">Where to report what is wrong, or <see langword="null"/> to only decide.</param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    public static LineProtocolTypeSpec? Parse(INamedTypeSymbol type, KnownSymbols known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
        => new LineProtocolParser(type, known, diagnostics, isSchema: false, cancellationToken).Parse();

    /// <summary>Parses the schema class <paramref name="type"/>; <see langword="null"/> when its schema has an error.</summary>
    /// <param name="type">A class carrying <c>[LineProtocolSchema]</c>.</param>
    /// <param name="known">The compilation's known symbols.</param>
    /// <param name="diagnostics">Where to report what is wrong, or <see langword="null"/> to only decide.</param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    public static LineProtocolTypeSpec? ParseSchema(INamedTypeSymbol type, KnownSymbols known, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
        => new LineProtocolParser(type, known, diagnostics, isSchema: true, cancellationToken).Parse();

    private string AttributeDisplayName => _isSchema ? "[LineProtocolSchema] class" : "[LineProtocol] type";

    private LineProtocolTypeSpec? Parse()
    {
        AttributeData? attribute = _type.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass, _isSchema ? _known.LineProtocolSchema : _known.LineProtocol));
        if (attribute is null)
        {
            return null;
        }

        WriterTargetSpec? target = null;
        if (_isSchema)
        {
            CheckSchemaClass();
            CheckPartial();
            target = ParseTarget(attribute);
            if (target is null)
            {
                return null;
            }
        }
        else
        {
            CheckTypeKind();
            CheckPartial();
        }

        string typeName = _target.Name;
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
        List<MemberSpec> members = _isSchema ? ParseMappedMembers(keys, placeholder) : ParseMembers(keys, placeholder);

        if (_failed)
        {
            return null;
        }

        (QueryReaderSpec? reader, string? readerProblem) = _isSchema
            ? (null, null)
            : QueryReaderParser.Parse(_type, _known, members, _cancellationToken);

        return new LineProtocolTypeSpec(
            _type.ContainingNamespace.IsGlobalNamespace ? null : _type.ContainingNamespace.ToDisplayString(),
            Declaration(_type),
            new EquatableArray<TypeDeclarationSpec>(ContainingTypes().Select(Declaration).ToArray()),
            typeName,
            escapedMeasurement,
            placeholder,
            extraTags,
            new EquatableArray<MemberSpec>(members),
            new EquatableArray<EnumSpec>(_enums.Values.ToArray()),
            target,
            reader,
            readerProblem);
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

    private void CheckSchemaClass()
    {
        if (_type.TypeKind != TypeKind.Class)
        {
            // [LineProtocolSchema] is for classes only: the compiler reports CS0592.
            _failed = true;
            return;
        }

        (string? problem, string? fix) = _type switch
        {
            { IsStatic: true } => ("it is static", "remove 'static': a writer is an object, handed to the client beside the values it writes"),
            { IsAbstract: true } => ("it is abstract", "remove 'abstract': the generated Instance property creates one"),
            { TypeParameters.Length: > 0 } => ("it is generic", "remove its type parameters: a schema names one closed target type"),
            _ when !_type.InstanceConstructors.Any(c => c.Parameters.Length == 0) => ("it has no parameterless constructor", "add one (it may be private): the generated Instance property calls it"),
            _ => (null, null),
        };
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedSchemaClass, TypeNameLocation(_type), _type.Name, problem, fix!);
        }
    }

    /// <summary>Resolves and checks the type <c>[LineProtocolSchema]</c> names; <see langword="null"/> when it cannot be written.</summary>
    private WriterTargetSpec? ParseTarget(AttributeData attribute)
    {
        ITypeSymbol? target = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as ITypeSymbol : null;
        if (target is null || target.TypeKind == TypeKind.Error || !_known.Compilation.IsSymbolAccessibleWithin(target, _type))
        {
            // A missing or inaccessible type is already a compiler error at the typeof.
            _failed = true;
            return null;
        }

        string? problem = target switch
        {
            IArrayTypeSymbol => "an array",
            INamedTypeSymbol { IsUnboundGenericType: true } => "an open generic type (give it its type arguments)",
            INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } => "Nullable<T> (name the underlying type)",
            INamedTypeSymbol { TypeKind: TypeKind.Interface } => "an interface",
            INamedTypeSymbol { TypeKind: TypeKind.Enum } => "an enum",
            INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "a delegate",
            INamedTypeSymbol { IsStatic: true } => "a static class (it has no values to write)",
            INamedTypeSymbol { IsRefLikeType: true } => "a ref struct, which cannot be the type argument of ILineProtocolWriter<T>",
            INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } => null,
            _ => "not a class or struct",
        };
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedSchemaTarget, AttributeLocation(attribute), _type.Name, target.ToDisplayString(), problem);
            return null;
        }

        _target = (INamedTypeSymbol)target;
        if (AccessibilityRank(_type) > AccessibilityRank(_target))
        {
            Report(
                DiagnosticDescriptors.UnsupportedSchemaClass,
                TypeNameLocation(_type),
                _type.Name,
                "it is more accessible than its target '" + _target.Name + "', so its public writer methods could not take a '" + _target.Name + "'",
                "make it no more accessible than '" + _target.Name + "'");
        }

        return new WriterTargetSpec(_target.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), _target.IsValueType);
    }

    /// <summary>
    /// How widely a type can be seen, through its containing types: 3 outside the assembly, 2 inside it (or to
    /// derived types), 1 inside its containing type. Coarser than the compiler's accessibility domains, but enough to
    /// catch the usual mistake, a public schema class for an internal type (CS0051 otherwise).
    /// </summary>
    private static int AccessibilityRank(INamedTypeSymbol type)
    {
        int rank = 3;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            int own = current.DeclaredAccessibility switch
            {
                Accessibility.Public => 3,
                Accessibility.Internal or Accessibility.Protected or Accessibility.ProtectedOrInternal => 2,
                _ => 1,
            };
            rank = System.Math.Min(rank, own);
        }

        return rank;
    }

    private void CheckPartial()
    {
        foreach (SyntaxReference reference in _type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), _type.Name, AttributeDisplayName);
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
        var mappings = new List<(ISymbol Member, RoleRequest Role)>();
        bool hasField = false;

        foreach (ISymbol member in _type.GetMembers())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || member is not (IFieldSymbol or IPropertySymbol))
            {
                continue;
            }

            List<RoleRequest> roles = RoleAttributes(member.GetAttributes());
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
                Report(DiagnosticDescriptors.ConflictingRoles, AttributeLocation(roles[1].Attribute), Qualified(member), roles[0].Name, roles[1].Name);
                continue;
            }

            hasField |= roles[0].Role == MemberRole.Field;
            mappings.Add((member, roles[0]));
        }

        foreach (IParameterSymbol parameter in PrimaryConstructorParametersOfNonRecord())
        {
            foreach (RoleRequest role in RoleAttributes(parameter.GetAttributes()))
            {
                Report(DiagnosticDescriptors.AttributeOnPrimaryConstructorParameter, AttributeLocation(role.Attribute), role.Name, parameter.Name, _type.Name);
            }
        }

        return ParseRoles(mappings, keys, placeholder, hasField);
    }

    /// <summary>The members a schema class maps, in the order of its attributes, each looked up on the target.</summary>
    private List<MemberSpec> ParseMappedMembers(KeyRegistry keys, bool placeholder)
    {
        var mapped = new Dictionary<ISymbol, RoleRequest>(SymbolEqualityComparer.Default);
        var mappings = new List<(ISymbol Member, RoleRequest Role)>();
        bool hasField = false;

        foreach (AttributeData attribute in _type.GetAttributes())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (MappedRoleOf(attribute) is not { } role)
            {
                continue;
            }

            // A mapping that fails below still means the user wants a field: no second error saying there is none.
            hasField |= role.Role == MemberRole.Field;
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error)
            {
                // A compiler error (a missing or mistyped argument) is already on the attribute.
                _failed = true;
                continue;
            }

            string name = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
            if (FindMember(name) is not { } member)
            {
                Report(DiagnosticDescriptors.MappedMemberNotFound, AttributeLocation(attribute), role.Name, _type.Name, name, _target.Name);
                continue;
            }

            if (mapped.TryGetValue(member, out RoleRequest? first))
            {
                if (Is(first.Attribute.AttributeClass, attribute.AttributeClass))
                {
                    Report(DiagnosticDescriptors.MemberMappedTwice, AttributeLocation(attribute), Qualified(member), role.Name, _type.Name);
                }
                else
                {
                    Report(DiagnosticDescriptors.ConflictingRoles, AttributeLocation(attribute), Qualified(member), first.Name, role.Name);
                }

                continue;
            }

            mapped.Add(member, role);
            mappings.Add((member, role));
        }

        return ParseRoles(mappings, keys, placeholder, hasField);
    }

    /// <summary>
    /// The property or field <paramref name="name"/> of the target or its base types, the most derived first, as C#
    /// member lookup finds it; <see langword="null"/> when there is none (a method of that name does not count).
    /// </summary>
    private ISymbol? FindMember(string name)
    {
        for (INamedTypeSymbol? type = _target; type is not null; type = type.BaseType)
        {
            foreach (ISymbol candidate in type.GetMembers(name))
            {
                if (candidate is IFieldSymbol or IPropertySymbol { IsIndexer: false })
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The rules every member obeys, whichever way its role was declared.</summary>
    private List<MemberSpec> ParseRoles(List<(ISymbol Member, RoleRequest Role)> mappings, KeyRegistry keys, bool placeholder, bool hasField)
    {
        var members = new List<MemberSpec>();
        string? timeMember = null;
        string? measurementMember = null;
        string? alwaysWrittenField = null;

        foreach ((ISymbol member, RoleRequest role) in mappings)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (!CheckReadable(member, role))
            {
                continue;
            }

            ITypeSymbol memberType = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
            if (_isSchema && !CheckAccessible(member, memberType, role))
            {
                continue;
            }

            MemberSpec? spec = ParseMember(member, memberType, role, keys);
            if (spec is null)
            {
                continue;
            }

            if (spec.Role == MemberRole.Time)
            {
                if (timeMember is not null)
                {
                    string keep = _isSchema ? "[TimeMember]" : "of [TimeInt], [TimeStr] and [TimeDateTime]";
                    Report(DiagnosticDescriptors.MultipleTimeMembers, AttributeLocation(role.Attribute), Qualified(member), _type.Name, timeMember, keep);
                    continue;
                }

                timeMember = member.Name;
            }
            else if (spec.Role == MemberRole.Measurement)
            {
                if (measurementMember is not null)
                {
                    Report(DiagnosticDescriptors.MultipleMeasurementMembers, AttributeLocation(role.Attribute), Qualified(member), _type.Name, measurementMember, role.Name);
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

        if (!hasField && !placeholder && !_type.IsStatic)
        {
            string fix = _isSchema ? "map a member of '" + _target.Name + "' with [FieldMember]" : "mark a member [Field]";
            Report(DiagnosticDescriptors.NoField, TypeNameLocation(_type), _type.Name, AttributeDisplayName, fix);
        }

        if (placeholder && alwaysWrittenField is not null)
        {
            Report(DiagnosticDescriptors.PlaceholderNeverUsed, TypeNameLocation(_type), _type.Name, alwaysWrittenField);
        }

        // Measurement first, then tags, fields and time, each in declaration order.
        return members.OrderBy(m => m.Role).ToList();
    }

    private MemberSpec? ParseMember(ISymbol member, ITypeSymbol type, RoleRequest role, KeyRegistry keys)
    {
        bool nullable = IsNullableValueType(type);
        ITypeSymbol valueType = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
        ValueKind? kind = Classify(valueType);
        MemberRole memberRole = role.Role;

        (TimeFormat time, bool supported, string supportedTypes) = memberRole switch
        {
            MemberRole.Tag => (TimeFormat.None,
                kind is ValueKind.String or ValueKind.Enum or ValueKind.SignedInteger or ValueKind.UnsignedInteger or ValueKind.Boolean or ValueKind.Char or ValueKind.Guid,
                "a tag must be a string, an enum, an integer, a bool, a char or a Guid, or a nullable form of these"),
            MemberRole.Field => (TimeFormat.None,
                kind is ValueKind.Boolean or ValueKind.SignedInteger or ValueKind.UnsignedInteger or ValueKind.Single or ValueKind.Double or ValueKind.Decimal or ValueKind.String or ValueKind.Char or ValueKind.Enum,
                "a field must be a bool, an integer, a float, a double, a decimal, a string, a char or an enum, or a nullable form of these"),
            MemberRole.Measurement => (TimeFormat.None,
                kind == ValueKind.String,
                _isSchema ? "[MeasurementMember] must name a string" : "a [Measurement] member must be a string"),
            _ => TimeFormatOf(role.Time, valueType, kind),
        };

        if (!supported)
        {
            Report(DiagnosticDescriptors.UnsupportedMemberType, AttributeLocation(role.Attribute), role.Name, Qualified(member), type.ToDisplayString(), supportedTypes);
            return null;
        }

        string escapedKey = string.Empty;
        string key = string.Empty;
        if (memberRole is MemberRole.Tag or MemberRole.Field)
        {
            key = role.Key ?? member.Name;
            string roleName = memberRole == MemberRole.Tag ? "tag" : "field";
            if (!LineProtocolNames.TryEscape(key, memberRole == MemberRole.Tag ? NameElement.TagKey : NameElement.FieldKey, out escapedKey, out string? problem))
            {
                Report(DiagnosticDescriptors.InvalidName, AttributeLocation(role.Attribute), roleName + " key", key, _type.Name, problem!);
                return null;
            }

            if (key == "time")
            {
                string replacement = "\"" + (member.Name == "time" ? "time_" : member.Name) + "\"";
                string example = _isSchema ? "Key = " + replacement : "[" + role.Name + "(" + replacement + ")]";
                Report(DiagnosticDescriptors.ReservedTimeKey, AttributeLocation(role.Attribute), Qualified(member), roleName, example);
                return null;
            }

            if (!keys.Add(key, "'" + member.Name + "'", AttributeLocation(role.Attribute), Qualified(member)))
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
            key,
            kind == ValueKind.Enum ? valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null,
            time);
    }

    /// <summary>
    /// Checks a time member's type against its declared format, or infers the format from the type for
    /// <c>[TimeMember]</c> (<paramref name="declared"/> is <see cref="TimeFormat.None"/>).
    /// </summary>
    private static (TimeFormat Time, bool Supported, string SupportedTypes) TimeFormatOf(TimeFormat declared, ITypeSymbol valueType, ValueKind? kind)
    {
        TimeFormat inferred = valueType.SpecialType == SpecialType.System_Int64 ? TimeFormat.Nanoseconds
            : kind == ValueKind.String ? TimeFormat.IsoString
            : kind is ValueKind.DateTime or ValueKind.DateTimeOffset ? TimeFormat.DateTime
            : TimeFormat.None;
        return declared switch
        {
            TimeFormat.Nanoseconds => (declared, inferred == declared,
                "[TimeInt] takes a long (or long?) of nanoseconds since the epoch; use [TimeStr] for strings and [TimeDateTime] for DateTime or DateTimeOffset"),
            TimeFormat.IsoString => (declared, inferred == declared,
                "[TimeStr] takes an ISO 8601 string; use [TimeInt] for long nanoseconds and [TimeDateTime] for DateTime or DateTimeOffset"),
            TimeFormat.DateTime => (declared, inferred == declared,
                "[TimeDateTime] takes a DateTime or DateTimeOffset (or their nullable forms); use [TimeInt] for long nanoseconds and [TimeStr] for strings"),
            _ => (inferred, inferred != TimeFormat.None,
                "a time member must be a long of nanoseconds since the epoch, a DateTime, a DateTimeOffset or an ISO 8601 string, or a nullable form of these"),
        };
    }

    private bool CheckReadable(ISymbol member, RoleRequest role)
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

        Report(DiagnosticDescriptors.MemberNotReadable, AttributeLocation(role.Attribute), Qualified(member), problem);
        return false;
    }

    /// <summary>Whether the schema class can read the member, and name its enum type, from its own code.</summary>
    private bool CheckAccessible(ISymbol member, ITypeSymbol memberType, RoleRequest role)
    {
        Compilation compilation = _known.Compilation;
        ITypeSymbol valueType = IsNullableValueType(memberType) ? ((INamedTypeSymbol)memberType).TypeArguments[0] : memberType;
        string? problem = null;
        if (!compilation.IsSymbolAccessibleWithin(member, _type, _target))
        {
            problem = "it is " + Describe(member);
        }
        else if (member is IPropertySymbol { GetMethod: { } getter } && !compilation.IsSymbolAccessibleWithin(getter, _type, _target))
        {
            problem = "its getter is " + Describe(getter);
        }
        else if (valueType.TypeKind == TypeKind.Enum && !compilation.IsSymbolAccessibleWithin(valueType, _type))
        {
            problem = "its enum type '" + valueType.ToDisplayString() + "', which the generated code names, is " + Describe(valueType);
        }

        if (problem is null)
        {
            return true;
        }

        Report(DiagnosticDescriptors.MappedMemberNotAccessible, AttributeLocation(role.Attribute), Qualified(member), _type.Name, problem);
        return false;
    }

    private static string Describe(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.Internal => "internal",
        _ => "not accessible",
    };

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

    private List<RoleRequest> RoleAttributes(IEnumerable<AttributeData> attributes)
    {
        var roles = new List<RoleRequest>();
        foreach (AttributeData attribute in attributes)
        {
            if (RoleOf(attribute) is { } role)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    /// <summary>The role a member attribute of a point declares: <c>[Tag("key")]</c>, <c>[TimeInt]</c>, ….</summary>
    private RoleRequest? RoleOf(AttributeData attribute)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        string? key = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        return type switch
        {
            _ when Is(type, _known.Tag) => new RoleRequest(attribute, MemberRole.Tag, TimeFormat.None, key),
            _ when Is(type, _known.Field) => new RoleRequest(attribute, MemberRole.Field, TimeFormat.None, key),
            _ when Is(type, _known.Measurement) => new RoleRequest(attribute, MemberRole.Measurement, TimeFormat.None, null),
            _ when Is(type, _known.TimeInt) => new RoleRequest(attribute, MemberRole.Time, TimeFormat.Nanoseconds, null),
            _ when Is(type, _known.TimeStr) => new RoleRequest(attribute, MemberRole.Time, TimeFormat.IsoString, null),
            _ when Is(type, _known.TimeDateTime) => new RoleRequest(attribute, MemberRole.Time, TimeFormat.DateTime, null),
            _ => null,
        };
    }

    /// <summary>The role a member attribute of a schema class declares: <c>[TagMember(nameof(T.M), Key = "key")]</c>, ….</summary>
    private RoleRequest? MappedRoleOf(AttributeData attribute)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        string? key = null;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == "Key")
            {
                key = argument.Value.Value as string;
            }
        }

        return type switch
        {
            _ when Is(type, _known.TagMember) => new RoleRequest(attribute, MemberRole.Tag, TimeFormat.None, key),
            _ when Is(type, _known.FieldMember) => new RoleRequest(attribute, MemberRole.Field, TimeFormat.None, key),
            _ when Is(type, _known.MeasurementMember) => new RoleRequest(attribute, MemberRole.Measurement, TimeFormat.None, null),
            _ when Is(type, _known.TimeMember) => new RoleRequest(attribute, MemberRole.Time, TimeFormat.None, null),
            _ => null,
        };
    }

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

    private string Qualified(ISymbol member) => _target.Name + "." + member.Name;

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

        // Names from the user's strings ("cpu\nload") are quoted as C# writes them: a raw newline would break the
        // compiler's one-line "file(line,col): error AIO009: message" in two.
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is string text)
            {
                arguments[i] = LineProtocolNames.Printable(text);
            }
        }

        _diagnostics?.Add(Diagnostic.Create(descriptor, location ?? TypeNameLocation(_type), arguments));
    }

    /// <summary>
    /// A member's role as one attribute declares it. <see cref="Time"/> is the declared time format, or
    /// <see cref="TimeFormat.None"/> for <c>[TimeMember]</c>, whose format follows from the member's type.
    /// </summary>
    private sealed class RoleRequest
    {
        public RoleRequest(AttributeData attribute, MemberRole role, TimeFormat time, string? key)
        {
            Attribute = attribute;
            Role = role;
            Time = time;
            Key = key;
            string name = attribute.AttributeClass?.Name ?? "?";
            Name = name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        public AttributeData Attribute { get; }

        public MemberRole Role { get; }

        public TimeFormat Time { get; }

        /// <summary>The explicit key, or <see langword="null"/> for the member's name.</summary>
        public string? Key { get; }

        /// <summary>The attribute as written, without its suffix: <c>Tag</c>, <c>TimeMember</c>.</summary>
        public string Name { get; }
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
