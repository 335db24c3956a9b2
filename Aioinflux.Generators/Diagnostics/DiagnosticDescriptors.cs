using Microsoft.CodeAnalysis;

namespace Aioinflux.Generators.Diagnostics;

/// <summary>
/// The one catalog of Aioinflux diagnostics. IDs are stable: never renumbered, never reused
/// (retired ones stay listed in AnalyzerReleases.Shipped.md). Each has a page under docs/diagnostics/.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Aioinflux";
    private const string HelpRoot = "https://github.com/aioinflux/aioinflux-dotnet/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "AIO001",
        "[LineProtocol] type must be partial",
        "The {1} '{0}' must be declared partial so that its line-protocol writer can be generated into it; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "AIO002",
        "Type containing a [LineProtocol] type must be partial",
        "The {2} '{0}' is nested in '{1}', which must also be declared partial; add the 'partial' modifier to '{1}'");

    public static readonly DiagnosticDescriptor NoField = Error(
        "AIO003",
        "[LineProtocol] type has no field",
        "The {1} '{0}' has no field member, and InfluxDB stores no point without a field; {2}, or set Placeholder = true to write _=true");

    public static readonly DiagnosticDescriptor MultipleTimeMembers = Error(
        "AIO004",
        "More than one time member",
        "'{0}' is a second time member of '{1}' (the first is '{2}'); a point has one timestamp, so keep only one {3}");

    public static readonly DiagnosticDescriptor MultipleMeasurementMembers = Error(
        "AIO005",
        "More than one [Measurement] member",
        "'{0}' is a second measurement member of '{1}' (the first is '{2}'); a point has one measurement, so keep only one [{3}]");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(
        "AIO006",
        "Attribute on a member of an unsupported type",
        "[{0}] cannot be applied to '{1}' of type '{2}'; {3}");

    public static readonly DiagnosticDescriptor ConflictingRoles = Error(
        "AIO007",
        "Member has more than one role",
        "'{0}' is marked both [{1}] and [{2}]; a member is either a tag, a field, the measurement or the time, so keep one attribute");

    public static readonly DiagnosticDescriptor MemberNotReadable = Error(
        "AIO008",
        "Schema member cannot be read",
        "'{0}' cannot be written because it {1}; schema members must be readable instance properties or fields");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "AIO009",
        "Name cannot be written as line protocol",
        "The {0} '{1}' of '{2}' {3}; choose another name");

    public static readonly DiagnosticDescriptor MeasurementStartsWithHash = Error(
        "AIO010",
        "Measurement starts with '#'",
        "The measurement '{0}' of '{1}' starts with '#', which makes InfluxDB read every line as a comment and store nothing; choose a measurement that does not start with '#'");

    public static readonly DiagnosticDescriptor ReservedTimeKey = Error(
        "AIO011",
        "Tag or field key 'time'",
        "'{0}' would be written with the {1} key 'time', which InfluxDB reserves for the timestamp (it drops such a tag's point, and such a field silently); give it another key, for example {2}");

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        "AIO012",
        "Two members produce the same key",
        "'{0}' is written with the key '{1}', which {2} already uses; InfluxDB keeps one value per key in a point (tags and fields share the name space in queries), so give one of them another key");

    public static readonly DiagnosticDescriptor InvalidExtraTag = Error(
        "AIO013",
        "[ExtraTag] cannot be written",
        "The [ExtraTag] '{0}' of '{1}' {2}; fix its key or value");

    public static readonly DiagnosticDescriptor UnsupportedTypeKind = Error(
        "AIO014",
        "[LineProtocol] on an unsupported kind of type",
        "[LineProtocol] cannot be applied to '{0}' because it is {1}; use a non-static class, struct, record or record struct");

    public static readonly DiagnosticDescriptor PlaceholderNeverUsed = new(
        "AIO015",
        "Placeholder is never written",
        "'{0}' sets Placeholder = true, but its field '{1}' is never null, so the placeholder field _=true can never be written; remove Placeholder = true",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpRoot + "AIO015.md");

    public static readonly DiagnosticDescriptor AttributeOnPrimaryConstructorParameter = Error(
        "AIO016",
        "Schema attribute on a parameter that is not a property",
        "[{0}] is on the parameter '{1}', which does not become a property of '{2}'; put the attribute on a property or field (positional records turn parameters into properties, other primary constructors do not)");

    public static readonly DiagnosticDescriptor MappedMemberNotFound = Error(
        "AIO017",
        "Mapped member does not exist",
        "[{0}] on '{1}' names '{2}', but '{3}' has no property or field of that name; name one of its members, best with nameof({3}.Member)");

    public static readonly DiagnosticDescriptor MappedMemberNotAccessible = Error(
        "AIO018",
        "Mapped member cannot be read from the schema class",
        "'{0}' cannot be read from '{1}' because {2}; map only what '{1}' can access (public members, or internal ones of its own assembly)");

    public static readonly DiagnosticDescriptor UnsupportedSchemaClass = Error(
        "AIO019",
        "[LineProtocolSchema] on an unsupported class",
        "[LineProtocolSchema] cannot be applied to '{0}' because {1}; {2}");

    public static readonly DiagnosticDescriptor UnsupportedSchemaTarget = Error(
        "AIO020",
        "[LineProtocolSchema] names an unsupported type",
        "[LineProtocolSchema] on '{0}' names '{1}', which is {2}; name a closed class, struct, record or record struct");

    public static readonly DiagnosticDescriptor MemberMappedTwice = Error(
        "AIO021",
        "Member mapped twice",
        "'{0}' is mapped a second time by [{1}] on '{2}'; a member is written once, so keep one attribute");

    public static readonly DiagnosticDescriptor TypeNotQueryReadable = Error(
        "AIO022",
        "Type cannot be read from query results",
        "'{0}' cannot be read from query results by {1}, because {2}");

    private static DiagnosticDescriptor Error(string id, string title, string message) => new(
        id,
        title,
        message,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpRoot + id + ".md");
}
