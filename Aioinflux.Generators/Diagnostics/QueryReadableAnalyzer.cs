using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Aioinflux.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aioinflux.Generators.Diagnostics;

/// <summary>
/// Reports AIO022 where a type without a query row reader is the type argument of a typed query of
/// <c>Aioinflux.InfluxDBClient</c>: every method whose name starts with <c>Query</c> or <c>IterPoints</c> and whose
/// type parameter is constrained to <c>IQueryReadable&lt;T&gt;</c> (<c>QueryAsync&lt;T&gt;</c>, <c>Query&lt;T&gt;</c>,
/// <c>IterPointsAsync&lt;T&gt;</c>, <c>IterPoints&lt;T&gt;</c>, and those added later). The compiler reports the unmet
/// constraint as well, but cannot say why the type has no reader: here, the members that cannot be set, and the fix.
/// </summary>
/// <remarks>
/// Methods are matched by names, not symbols, so that the rule follows the client as it grows. The reasons come from
/// <see cref="QueryReaderParser"/>, the rules the generator applies.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class QueryReadableAnalyzer : DiagnosticAnalyzer
{
    private const string ClientType = "Aioinflux.InfluxDBClient";
    private const string QueryReadableNamespace = "Aioinflux.Query";
    private const string QueryReadableName = "IQueryReadable";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.TypeNotQueryReadable);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var known = new KnownSymbols(start.Compilation);
            if (known.QueryReadable is null)
            {
                return;
            }

            // A generic name, not an invocation: when T breaks the constraint the call does not bind (the method is
            // only a candidate), and a method group (client.QueryAsync<T> passed as a delegate) is no invocation.
            start.RegisterSyntaxNodeAction(context => AnalyzeGenericName(context, known), SyntaxKind.GenericName);
        });
    }

    private static void AnalyzeGenericName(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        var name = (GenericNameSyntax)context.Node;
        string methodName = name.Identifier.ValueText;
        if (!IsTypedQueryName(methodName))
        {
            return;
        }

        SeparatedSyntaxList<TypeSyntax> arguments = name.TypeArgumentList.Arguments;
        IMethodSymbol? method = Candidates(name, context.SemanticModel, context.CancellationToken)
            .OfType<IMethodSymbol>()
            .Select(m => m.OriginalDefinition)
            .FirstOrDefault(m => m.TypeParameters.Length == arguments.Count && IsTypedQuery(m));
        if (method is null)
        {
            return;
        }

        for (int i = 0; i < method.TypeParameters.Length; i++)
        {
            if (!IsQueryReadableConstrained(method.TypeParameters[i]))
            {
                continue;
            }

            ITypeSymbol? type = context.SemanticModel.GetTypeInfo(arguments[i], context.CancellationToken).Type;
            if (type is null or ITypeParameterSymbol or IErrorTypeSymbol)
            {
                continue;
            }

            if (Problem(type, known, context.CancellationToken) is { } problem)
            {
                string typeName = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TypeNotQueryReadable,
                    arguments[i].GetLocation(),
                    typeName,
                    methodName + "<" + typeName + ">",
                    problem));
            }
        }
    }

    /// <summary>
    /// The methods <paramref name="name"/> may mean. A call whose type argument breaks a constraint binds to no method
    /// but keeps the candidates; a method group converted to a delegate keeps none, so its receiver's members are used.
    /// </summary>
    private static ImmutableArray<ISymbol> Candidates(GenericNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
    {
        SymbolInfo info = model.GetSymbolInfo(name, cancellationToken);
        if (info.Symbol is not null)
        {
            return ImmutableArray.Create(info.Symbol);
        }

        if (!info.CandidateSymbols.IsEmpty)
        {
            return info.CandidateSymbols;
        }

        return name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            && model.GetTypeInfo(access.Expression, cancellationToken).Type is { } receiver
            ? receiver.GetMembers(name.Identifier.ValueText)
            : model.LookupSymbols(name.SpanStart, name: name.Identifier.ValueText);
    }

    /// <summary>Why <paramref name="type"/> has no reader, or <see langword="null"/> when it has one (or the generator will give it one).</summary>
    private static string? Problem(ITypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
    {
        if (ImplementsQueryReadable(type))
        {
            return null;
        }

        string name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        bool isLineProtocol = type is INamedTypeSymbol && known.LineProtocol is { } attribute
            && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
        if (!isLineProtocol)
        {
            return "it is not a [LineProtocol] type, so no reader is generated for it; mark it [LineProtocol] (a partial type with [Tag], [Field] "
                + "and time members), or implement IQueryReadable<" + name + "> yourself";
        }

        if (!type.Locations.Any(l => l.IsInSource))
        {
            return "the assembly '" + type.ContainingAssembly.Name + "' that declares it was built without its generated reader; build that assembly "
                + "with this version of Aioinflux";
        }

        var namedType = (INamedTypeSymbol)type.OriginalDefinition;
        if (LineProtocolParser.Parse(namedType, known, diagnostics: null, cancellationToken) is not { } spec)
        {
            return "its [LineProtocol] schema has errors (reported on the type), so nothing is generated for it; fix them first";
        }

        return spec.Reader is null ? spec.ReaderProblem : null;
    }

    private static bool IsTypedQueryName(string name)
        => name.StartsWith("Query", StringComparison.Ordinal) || name.StartsWith("IterPoints", StringComparison.Ordinal);

    private static bool IsTypedQuery(IMethodSymbol method)
        => IsTypedQueryName(method.Name)
            && method.ContainingType?.ToDisplayString() == ClientType
            && method.TypeParameters.Any(IsQueryReadableConstrained);

    private static bool IsQueryReadableConstrained(ITypeParameterSymbol parameter)
        => parameter.ConstraintTypes.Any(c => IsQueryReadableOf(c, parameter));

    private static bool ImplementsQueryReadable(ITypeSymbol type)
        => type.AllInterfaces.Any(i => IsQueryReadableOf(i, type));

    private static bool IsQueryReadableOf(ITypeSymbol candidate, ITypeSymbol self)
        => candidate is INamedTypeSymbol { Name: QueryReadableName, Arity: 1 } named
            && named.ContainingNamespace?.ToDisplayString() == QueryReadableNamespace
            && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], self);
}
