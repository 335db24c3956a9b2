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
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        Document document = context.Document;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (FindFix(root, diagnostic) is { } fix)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, _ => Task.FromResult(document.WithSyntaxRoot(fix.Apply(root, fix.Target))), fix.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// Fixes every diagnostic of a Fix All in one document: those whose fix has the equivalence key the user picked,
    /// or, when that key belongs to none of the Fix All's diagnostic IDs, all of them. <c>dotnet format analyzers</c>
    /// fixes one ID at a time but passes the key of the first diagnostic it found, whatever its ID
    /// (<c>SolutionCodeFixApplier</c>), so with <c>--diagnostics AIO001 AIO005</c> the AIO005 pass would get
    /// "Aioinflux.MakePartial" and, matched by key, fix nothing.
    /// </summary>
    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || diagnostics.IsEmpty)
        {
            return null;
        }

        string? key = context.CodeActionEquivalenceKey;
        bool keyOfTheseIds = context.DiagnosticIds.Any(id => EquivalenceKeyOf(id) == key);
        var fixes = new List<SchemaFix>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (FindFix(root, diagnostic) is { } fix && (!keyOfTheseIds || fix.EquivalenceKey == key))
            {
                fixes.Add(fix);
            }
        }

        // Each fix finds its node again in the root the fixes before it changed (a containing type made partial
        // still holds the nested one; an attribute removed leaves the others in place).
        SyntaxNode fixedRoot = root.TrackNodes(fixes.Select(fix => fix.Target));
        foreach (SchemaFix fix in fixes)
        {
            if (fixedRoot.GetCurrentNode(fix.Target) is { } target)
            {
                fixedRoot = fix.Apply(fixedRoot, target);
            }
        }

        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary>The equivalence key of the fix for diagnostics with <paramref name="id"/>.</summary>
    private static string? EquivalenceKeyOf(string id)
    {
        if (id == DiagnosticDescriptors.TypeNotPartial.Id || id == DiagnosticDescriptors.ContainingTypeNotPartial.Id)
        {
            return MakePartialKey;
        }

        if (id == DiagnosticDescriptors.MultipleTimeMembers.Id)
        {
            return RemoveTimeAttributeKey;
        }

        if (id == DiagnosticDescriptors.MultipleMeasurementMembers.Id)
        {
            return RemoveMeasurementAttributeKey;
        }

        if (id == DiagnosticDescriptors.MemberMappedTwice.Id)
        {
            return RemoveSecondMappingKey;
        }

        return id == DiagnosticDescriptors.ReservedTimeKey.Id ? RenameTimeKeyKey : null;
    }

    /// <summary>The fix of <paramref name="diagnostic"/>, found in <paramref name="root"/>; <see langword="null"/> when there is none.</summary>
    private static SchemaFix? FindFix(SyntaxNode root, Diagnostic diagnostic)
    {
        TextSpan span = diagnostic.Location.SourceSpan;
        return EquivalenceKeyOf(diagnostic.Id) switch
        {
            MakePartialKey => FindMakePartial(root, span),
            RemoveTimeAttributeKey => FindRemoveAttribute(root, span, "Remove the second time attribute", RemoveTimeAttributeKey),
            RemoveMeasurementAttributeKey => FindRemoveAttribute(root, span, "Remove the second [{0}] attribute", RemoveMeasurementAttributeKey),
            RemoveSecondMappingKey => FindRemoveAttribute(root, span, "Remove the second mapping", RemoveSecondMappingKey),
            RenameTimeKeyKey => FindRenameKey(root, span),
            _ => null,
        };
    }

    private static SchemaFix? FindMakePartial(SyntaxNode root, TextSpan span)
    {
        // Reported on the identifier of the declaration that lacks 'partial'.
        SyntaxToken identifier = root.FindToken(span.Start);
        if (identifier.Parent is not TypeDeclarationSyntax declaration
            || declaration.Identifier != identifier
            || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return null;
        }

        return new SchemaFix(
            "Make '" + identifier.ValueText + "' partial",
            MakePartialKey,
            declaration,
            static (root, target) => root.ReplaceNode(target, AddPartial((TypeDeclarationSyntax)target)));
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

    private static SchemaFix? FindRemoveAttribute(SyntaxNode root, TextSpan span, string title, string equivalenceKey)
    {
        if (FindAttribute(root, span) is not { Parent: AttributeListSyntax } attribute)
        {
            return null;
        }

        // "{0}" in the title is the attribute as written: [Measurement] on a point, [MeasurementMember] on a schema class.
        string name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : attribute.Name.ToString();
        if (name.EndsWith("Attribute", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Attribute".Length);
        }

        return new SchemaFix(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, title, name),
            equivalenceKey,
            attribute,
            static (root, target) => RemoveAttribute(root, (AttributeSyntax)target));
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

    private static SchemaFix? FindRenameKey(SyntaxNode root, TextSpan span)
    {
        if (FindAttribute(root, span) is not { Parent: AttributeListSyntax list } attribute)
        {
            return null;
        }

        // On a schema class the attribute names the member in its first argument and takes the key as Key = "...".
        bool onSchemaClass = list.Parent is TypeDeclarationSyntax;
        if ((onSchemaClass ? MappedMemberName(attribute) : MemberName(list)) is not string memberName)
        {
            return null;
        }

        string key = memberName == "time" ? ReplacementKey : memberName;
        return new SchemaFix(
            "Use the key \"" + key + "\"",
            RenameTimeKeyKey,
            attribute,
            (root, target) => root.ReplaceNode(target, onSchemaClass ? WithNamedKey((AttributeSyntax)target, key) : WithKey((AttributeSyntax)target, key)));
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

    /// <summary>
    /// One repair: found in the document as analysed, applied to a root that other fixes of a Fix All may have changed
    /// already, where <see cref="Target"/> is the current form of the node it was found on.
    /// </summary>
    private sealed class SchemaFix
    {
        public SchemaFix(string title, string equivalenceKey, SyntaxNode target, Func<SyntaxNode, SyntaxNode, SyntaxNode> apply)
        {
            Title = title;
            EquivalenceKey = equivalenceKey;
            Target = target;
            Apply = apply;
        }

        public string Title { get; }

        public string EquivalenceKey { get; }

        /// <summary>The declaration to make partial, or the attribute to remove or rename.</summary>
        public SyntaxNode Target { get; }

        /// <summary>Takes the root and the target's current form, and returns the fixed root.</summary>
        public Func<SyntaxNode, SyntaxNode, SyntaxNode> Apply { get; }
    }
}
