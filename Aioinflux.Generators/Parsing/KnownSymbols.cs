using Microsoft.CodeAnalysis;

namespace Aioinflux.Generators.Parsing;

/// <summary>The symbols the parser compares against, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    public const string LineProtocolAttribute = "Aioinflux.LineProtocolAttribute";
    public const string ExtraTagAttribute = "Aioinflux.ExtraTagAttribute";
    public const string TagAttribute = "Aioinflux.TagAttribute";
    public const string FieldAttribute = "Aioinflux.FieldAttribute";
    public const string MeasurementAttribute = "Aioinflux.MeasurementAttribute";
    public const string TimeIntAttribute = "Aioinflux.TimeIntAttribute";
    public const string TimeStrAttribute = "Aioinflux.TimeStrAttribute";
    public const string TimeDateTimeAttribute = "Aioinflux.TimeDateTimeAttribute";
    public const string LineProtocolSchemaAttribute = "Aioinflux.LineProtocolSchemaAttribute";
    public const string TagMemberAttribute = "Aioinflux.TagMemberAttribute";
    public const string FieldMemberAttribute = "Aioinflux.FieldMemberAttribute";
    public const string MeasurementMemberAttribute = "Aioinflux.MeasurementMemberAttribute";
    public const string TimeMemberAttribute = "Aioinflux.TimeMemberAttribute";
    public const string QueryReadableInterface = "Aioinflux.Query.IQueryReadable`1";
    public const string InfluxDBClientType = "Aioinflux.InfluxDBClient";

    public KnownSymbols(Compilation compilation)
    {
        Compilation = compilation;
        LineProtocol = compilation.GetTypeByMetadataName(LineProtocolAttribute);
        ExtraTag = compilation.GetTypeByMetadataName(ExtraTagAttribute);
        Tag = compilation.GetTypeByMetadataName(TagAttribute);
        Field = compilation.GetTypeByMetadataName(FieldAttribute);
        Measurement = compilation.GetTypeByMetadataName(MeasurementAttribute);
        TimeInt = compilation.GetTypeByMetadataName(TimeIntAttribute);
        TimeStr = compilation.GetTypeByMetadataName(TimeStrAttribute);
        TimeDateTime = compilation.GetTypeByMetadataName(TimeDateTimeAttribute);
        LineProtocolSchema = compilation.GetTypeByMetadataName(LineProtocolSchemaAttribute);
        TagMember = compilation.GetTypeByMetadataName(TagMemberAttribute);
        FieldMember = compilation.GetTypeByMetadataName(FieldMemberAttribute);
        MeasurementMember = compilation.GetTypeByMetadataName(MeasurementMemberAttribute);
        TimeMember = compilation.GetTypeByMetadataName(TimeMemberAttribute);
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        QueryReadable = compilation.GetTypeByMetadataName(QueryReadableInterface);
        SetsRequiredMembers = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
    }

    /// <summary>For accessibility checks of the members a schema class maps.</summary>
    public Compilation Compilation { get; }

    public INamedTypeSymbol? LineProtocol { get; }

    public INamedTypeSymbol? ExtraTag { get; }

    public INamedTypeSymbol? Tag { get; }

    public INamedTypeSymbol? Field { get; }

    public INamedTypeSymbol? Measurement { get; }

    public INamedTypeSymbol? TimeInt { get; }

    public INamedTypeSymbol? TimeStr { get; }

    public INamedTypeSymbol? TimeDateTime { get; }

    public INamedTypeSymbol? LineProtocolSchema { get; }

    public INamedTypeSymbol? TagMember { get; }

    public INamedTypeSymbol? FieldMember { get; }

    public INamedTypeSymbol? MeasurementMember { get; }

    public INamedTypeSymbol? TimeMember { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    /// <summary><c>IQueryReadable&lt;TSelf&gt;</c>, unbound; <see langword="null"/> when the referenced Aioinflux predates typed queries.</summary>
    public INamedTypeSymbol? QueryReadable { get; }

    public INamedTypeSymbol? SetsRequiredMembers { get; }
}
