using System.Collections.Immutable;
using System.Composition;
using Aioinflux.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Aioinflux.Generators.CodeFixes;

/// <summary>
/// Repairs the schema mistakes of <see cref="SchemaAnalyzer"/> that have one obvious repair: a missing
/// <c>partial</c> (AIO001, AIO002), a second time or measurement attribute (AIO004, AIO005), a tag or field written
/// with the reserved key <c>time</c> (AIO011), and a member a schema class maps twice (AIO021). Each works on
/// <c>[LineProtocol]</c> types and on <c>[LineProtocolSchema]</c> classes alike.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SchemaCodeFixProvider))]
[Shared]
public sealed class SchemaCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix that adds <c>partial</c>.</summary>
    public const string MakePartialKey = "Aioinflux.MakePartial";

    /// <summary>The equivalence key of the fix that removes a second time attribute.</summary>
    public const string RemoveTimeAttributeKey = "Aioinflux.RemoveSecondTimeAttribute";

    /// <summary>The equivalence key of the fix that removes a second <c>[Measurement]</c> attribute.</summary>
    public const string RemoveMeasurementAttributeKey = "Aioinflux.RemoveSecondMeasurementAttribute";

    /// <summary>The equivalence key of the fix that removes the second mapping of a member.</summary>
    public const string RemoveSecondMappingKey = "Aioinflux.RemoveSecondMapping";

    /// <summary>The equivalence key of the fix that gives a tag or field another key than <c>time</c>.</summary>
    public const string RenameTimeKeyKey = "Aioinflux.RenameTimeKey";

    /// <summary>The key used when the member itself is named <c>time</c>.</summary>
    public const string ReplacementKey = "time_";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TypeNotPartial.Id,
        DiagnosticDescriptors.ContainingTypeNotPartial.Id,
        DiagnosticDescriptors.MultipleTimeMembers.Id,
        DiagnosticDescriptors.MultipleMeasurementMembers.Id,
        DiagnosticDescriptors.ReservedTimeKey.Id,
        DiagnosticDescriptors.MemberMappedTwice.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            TextSpan span = diagnostic.Location.SourceSpan;
            string id = diagnostic.Id;
            if (id == DiagnosticDescriptors.TypeNotPartial.Id || id == DiagnosticDescriptors.ContainingTypeNotPartial.Id)
            {
                RegisterMakePartial(context, root, span, diagnostic);
            }
            else if (id == DiagnosticDescriptors.MultipleTimeMembers.Id)
            {
                RegisterRemoveAttribute(context, root, span, diagnostic, "Remove the second time attribute", RemoveTimeAttributeKey);
            }
            else if (id == DiagnosticDescriptors.MultipleMeasurementMembers.Id)
            {
                RegisterRemoveAttribute(context, root, span, diagnostic, "Remove the second [{0}] attribute", RemoveMeasurementAttributeKey);
            }
            else if (id == DiagnosticDescriptors.MemberMappedTwice.Id)
            {
                RegisterRemoveAttribute(context, root, span, diagnostic, "Remove the second mapping", RemoveSecondMappingKey);
            }
            else if (id == DiagnosticDescriptors.ReservedTimeKey.Id)
            {
                RegisterRenameKey(context, root, span, diagnostic);
            }
        }
    }

    private static void RegisterMakePartial(CodeFixContext context, SyntaxNode root, TextSpan span, Diagnostic diagnostic)
    {
        // Reported on the identifier of the declaration that lacks 'partial'.
        SyntaxToken identifier = root.FindToken(span.Start);
        if (identifier.Parent is not TypeDeclarationSyntax declaration
            || declaration.Identifier != identifier
            || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Make '" + identifier.ValueText + "' partial",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, AddPartial(declaration)))),
                MakePartialKey),
            diagnostic);
    }

    /// <summary>Adds <c>partial</c> right before the type keyword, after every other modifier, keeping the trivia.</summary>
    internal static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        SyntaxTokenList modifiers = declaration.Modifiers;
        if (modifiers.Count == 0)
        {
            // The keyword carries the declaration's indentation (and comments): 'partial' takes them over.
            SyntaxToken keyword = declaration.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        // 'ref' (ref struct) and every other modifier stay before 'partial', which must touch the type keyword.
        return declaration.WithModifiers(modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }

    private static void RegisterRemoveAttribute(CodeFixContext context, SyntaxNode root, TextSpan span, Diagnostic diagnostic, string title, string equivalenceKey)
    {
        if (FindAttribute(root, span) is not { Parent: AttributeListSyntax } attribute)
        {
            return;
        }

        // "{0}" in the title is the attribute as written: [Measurement] on a point, [MeasurementMember] on a schema class.
        string name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : attribute.Name.ToString();
        if (name.EndsWith("Attribute", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Attribute".Length);
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, title, name),
                _ => Task.FromResult(context.Document.WithSyntaxRoot(RemoveAttribute(root, attribute))),
                equivalenceKey),
            diagnostic);
    }

    /// <summary>Removes <paramref name="attribute"/>, and its list (with a <c>property:</c> target) when it is alone in it.</summary>
    internal static SyntaxNode RemoveAttribute(SyntaxNode root, AttributeSyntax attribute)
    {
        var list = (AttributeListSyntax)attribute.Parent!;
        if (list.Attributes.Count > 1)
        {
            return root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
        }

        // A list on its own line takes that line with it; what stood on the lines before it (comments) stays. A list
        // among others ("[A] [B] x", "([property: B] T x") hands its indentation and comments to what follows it.
        bool ownLine = list.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);
        SyntaxTriviaList leading = list.GetLeadingTrivia();
        IEnumerable<SyntaxTrivia> kept = ownLine ? WithoutTrailingWhitespace(leading) : leading;
        SyntaxNode? removed = root.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia);
        if (removed is null)
        {
            return root;
        }

        SyntaxToken next = removed.FindToken(list.FullSpan.Start);
        return next.IsKind(SyntaxKind.None)
            ? removed
            : removed.ReplaceToken(next, next.WithLeadingTrivia(SyntaxFactory.TriviaList(kept).AddRange(next.LeadingTrivia)));
    }

    private static IEnumerable<SyntaxTrivia> WithoutTrailingWhitespace(SyntaxTriviaList trivia)
    {
        // The list's own indentation is the whitespace after the last line break before it.
        int last = trivia.Count - 1;
        while (last >= 0 && trivia[last].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            last--;
        }

        for (int i = 0; i <= last; i++)
        {
            yield return trivia[i];
        }
    }

    private static void RegisterRenameKey(CodeFixContext context, SyntaxNode root, TextSpan span, Diagnostic diagnostic)
    {
        if (FindAttribute(root, span) is not { Parent: AttributeListSyntax list } attribute)
        {
            return;
        }

        // On a schema class the attribute names the member in its first argument and takes the key as Key = "...".
        bool onSchemaClass = list.Parent is TypeDeclarationSyntax;
        if ((onSchemaClass ? MappedMemberName(attribute) : MemberName(list)) is not string memberName)
        {
            return;
        }

        string key = memberName == "time" ? ReplacementKey : memberName;
        AttributeSyntax renamed = onSchemaClass ? WithNamedKey(attribute, key) : WithKey(attribute, key);
        context.RegisterCodeFix(
            CodeAction.Create(
                "Use the key \"" + key + "\"",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, renamed))),
                RenameTimeKeyKey),
            diagnostic);
    }

    /// <summary>Sets the attribute's <c>Key = "..."</c> argument to <paramref name="key"/>, adding it when it is missing.</summary>
    internal static AttributeSyntax WithNamedKey(AttributeSyntax attribute, string key)
    {
        LiteralExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key));
        AttributeArgumentListSyntax arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        AttributeArgumentSyntax? existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Key");
        if (existing is not null)
        {
            return attribute.ReplaceNode(existing.Expression, literal.WithTriviaFrom(existing.Expression));
        }

        AttributeArgumentSyntax argument = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Key"), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            nameColon: null,
            literal);
        SeparatedSyntaxList<AttributeArgumentSyntax> list = arguments.Arguments.Count == 0
            ? arguments.Arguments.Add(argument)
            : SyntaxFactory.SeparatedList<AttributeArgumentSyntax>(arguments.Arguments.GetWithSeparators()
                .Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space))
                .Add(argument));
        return attribute.WithArgumentList(arguments.WithArguments(list));
    }

    /// <summary>
    /// The member a schema class's attribute names: <c>nameof(Sample.Host)</c> or <c>"Host"</c> in its first
    /// argument; <see langword="null"/> when it is anything else.
    /// </summary>
    private static string? MappedMemberName(AttributeSyntax attribute)
    {
        ExpressionSyntax? first = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null && a.NameColon is null)?.Expression;
        return first switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 } nameOf => nameOf.ArgumentList.Arguments[0].Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                SimpleNameSyntax name => name.Identifier.ValueText,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>Sets the attribute's (first, constructor) argument to the string <paramref name="key"/>.</summary>
    internal static AttributeSyntax WithKey(AttributeSyntax attribute, string key)
    {
        LiteralExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key));
        AttributeArgumentListSyntax? arguments = attribute.ArgumentList;
        AttributeArgumentSyntax? first = arguments?.Arguments.FirstOrDefault(a => a.NameEquals is null);
        if (arguments is not null && first is not null)
        {
            return attribute.ReplaceNode(first.Expression, literal.WithTriviaFrom(first.Expression));
        }

        AttributeArgumentSyntax argument = SyntaxFactory.AttributeArgument(literal);
        return arguments is null
            ? attribute.WithName(attribute.Name.WithoutTrailingTrivia())
                .WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)).WithTrailingTrivia(attribute.Name.GetTrailingTrivia()))
            : attribute.WithArgumentList(arguments.WithArguments(arguments.Arguments.Insert(0, argument)));
    }

    /// <summary>The member the attribute list is on; <see langword="null"/> when it is not exactly one member.</summary>
    private static string? MemberName(AttributeListSyntax list) => list.Parent switch
    {
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        ParameterSyntax parameter => parameter.Identifier.ValueText,
        // "[Field] public double time, other;" puts one attribute on both: one key for both cannot be right.
        FieldDeclarationSyntax { Declaration.Variables.Count: 1 } field => field.Declaration.Variables[0].Identifier.ValueText,
        _ => null,
    };

    private static AttributeSyntax? FindAttribute(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
}
