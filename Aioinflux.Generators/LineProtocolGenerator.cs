using Aioinflux.Generators.Emitting;
using Aioinflux.Generators.Model;
using Aioinflux.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aioinflux.Generators;

/// <summary>
/// Generates an allocation-free <c>ILineProtocolPoint</c> implementation for every <c>[LineProtocol]</c> type (and,
/// where its members can all be set, an <c>IQueryReadable&lt;T&gt;</c> implementation that reads query results into
/// it), and an <c>ILineProtocolWriter&lt;T&gt;</c> implementation for every <c>[LineProtocolSchema]</c> class. Types whose schema
/// is wrong are skipped; <see cref="Diagnostics.SchemaAnalyzer"/> tells the user why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LineProtocolGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<LineProtocolTypeSpec> points = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.LineProtocolAttribute,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => context.TargetSymbol is INamedTypeSymbol type
                    ? LineProtocolParser.Parse(type, new KnownSymbols(context.SemanticModel.Compilation), diagnostics: null, cancellationToken)
                    : null)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.LineProtocolSpecs);

        IncrementalValuesProvider<LineProtocolTypeSpec> schemas = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.LineProtocolSchemaAttribute,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => context.TargetSymbol is INamedTypeSymbol type
                    ? LineProtocolParser.ParseSchema(type, new KnownSymbols(context.SemanticModel.Compilation), diagnostics: null, cancellationToken)
                    : null)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.LineProtocolSchemaSpecs);

        context.RegisterSourceOutput(points, static (context, spec) =>
        {
            context.AddSource(spec.HintName, LineProtocolEmitter.Emit(spec));
            if (spec.Reader is { } reader)
            {
                context.AddSource(spec.ReaderHintName, QueryReaderEmitter.Emit(spec, reader));
            }
        });
        context.RegisterSourceOutput(schemas, static (context, spec) => context.AddSource(spec.HintName, LineProtocolEmitter.Emit(spec)));
    }
}
