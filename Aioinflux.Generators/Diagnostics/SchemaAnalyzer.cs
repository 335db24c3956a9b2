using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Aioinflux.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aioinflux.Generators.Diagnostics;

/// <summary>
/// Reports every schema mistake of <c>[LineProtocol]</c> types and <c>[LineProtocolSchema]</c> classes while the user types, with the same rules the
/// generator applies (it shares <see cref="LineProtocolParser"/>). Analyzer diagnostics honour <c>#pragma</c> and
/// .editorconfig, and code fixes can attach to them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SchemaAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TypeNotPartial,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.NoField,
        DiagnosticDescriptors.MultipleTimeMembers,
        DiagnosticDescriptors.MultipleMeasurementMembers,
        DiagnosticDescriptors.UnsupportedMemberType,
        DiagnosticDescriptors.ConflictingRoles,
        DiagnosticDescriptors.MemberNotReadable,
        DiagnosticDescriptors.InvalidName,
        DiagnosticDescriptors.MeasurementStartsWithHash,
        DiagnosticDescriptors.ReservedTimeKey,
        DiagnosticDescriptors.DuplicateKey,
        DiagnosticDescriptors.InvalidExtraTag,
        DiagnosticDescriptors.UnsupportedTypeKind,
        DiagnosticDescriptors.PlaceholderNeverUsed,
        DiagnosticDescriptors.AttributeOnPrimaryConstructorParameter,
        DiagnosticDescriptors.MappedMemberNotFound,
        DiagnosticDescriptors.MappedMemberNotAccessible,
        DiagnosticDescriptors.UnsupportedSchemaClass,
        DiagnosticDescriptors.UnsupportedSchemaTarget,
        DiagnosticDescriptors.MemberMappedTwice);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var known = new KnownSymbols(start.Compilation);
            if (known.LineProtocol is null && known.LineProtocolSchema is null)
            {
                return;
            }

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    ReportNonPartialContainer(symbolContext, type, known);
                    var diagnostics = new List<Diagnostic>();
                    if (Has(type, known.LineProtocol))
                    {
                        LineProtocolParser.Parse(type, known, diagnostics, symbolContext.CancellationToken);
                    }

                    if (Has(type, known.LineProtocolSchema))
                    {
                        LineProtocolParser.ParseSchema(type, known, diagnostics, symbolContext.CancellationToken);
                    }

                    foreach (Diagnostic diagnostic in diagnostics)
                    {
                        symbolContext.ReportDiagnostic(diagnostic);
                    }
                },
                SymbolKind.NamedType);
        });
    }

    // AIO002 belongs to the containing type's declaration, so it is reported while analysing that type: a diagnostic
    // outside the analysed symbol's own syntax would not show in the IDE's live analysis of the file.
    private static void ReportNonPartialContainer(SymbolAnalysisContext context, INamedTypeSymbol container, KnownSymbols known)
    {
        INamedTypeSymbol? nested = FindNestedLineProtocolType(container, known);
        if (nested is null)
        {
            return;
        }

        string kind = Has(nested, known.LineProtocol) ? "[LineProtocol] type" : "[LineProtocolSchema] class";

        foreach (SyntaxReference reference in container.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, declaration.Identifier.GetLocation(), nested.Name, container.Name, kind));
            }
        }
    }

    private static INamedTypeSymbol? FindNestedLineProtocolType(INamedTypeSymbol container, KnownSymbols known)
    {
        foreach (INamedTypeSymbol nested in container.GetTypeMembers())
        {
            if (Has(nested, known.LineProtocol) || Has(nested, known.LineProtocolSchema))
            {
                return nested;
            }

            if (FindNestedLineProtocolType(nested, known) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }

    private static bool Has(INamedTypeSymbol type, INamedTypeSymbol? attribute)
        => attribute is not null && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
}
