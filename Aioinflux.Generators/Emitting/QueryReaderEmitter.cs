using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Aioinflux.Generators.Model;

namespace Aioinflux.Generators.Emitting;

/// <summary>
/// Writes the C# source of a <c>[LineProtocol]</c> type's query row reader from its spec: <c>IQueryReadable&lt;T&gt;</c>
/// on the type, and a private nested <c>IQueryRowReader&lt;T&gt;</c> that binds columns by the keys the type writes
/// and reads each value with the getter of its member's type (<c>Aioinflux.Query.QueryRowReaderExtensions</c>).
/// </summary>
/// <remarks>
/// What a reader does with what is not there: a member whose column is missing from the series or null in the row
/// (or whose <c>GROUP BY</c> tag is missing or empty) gets <see langword="null"/> when it is nullable, else its type's default, and a
/// string that is not nullable gets the empty string (the writer omits null fields and null or empty tags, so this is
/// what they read back as). Every member is set, so initializers (<c>= 'c'</c>) do not survive a missing column. A
/// time string is the server's RFC 3339 text, or an integer time formatted the same way.
/// </remarks>
internal static class QueryReaderEmitter
{
    private const string GeneratedCode = LineProtocolEmitter.GeneratedCode;
    private const string RowReader = "global::Aioinflux.Query.QueryRowReader";
    private const string Binding = "global::Aioinflux.Query.QueryColumnBinding";
    private const string ReaderClass = Parsing.QueryReaderParser.ReaderClassName;
    private const int MaxLineLength = 120;

    public static string Emit(LineProtocolTypeSpec spec, QueryReaderSpec reader)
    {
        var writer = new SourceWriter();
        // The getters are extension methods of QueryRowReader; every type is still named in full.
        LineProtocolEmitter.OpenFile(writer, spec, "using global::Aioinflux.Query;");
        Dictionary<string, string> enumReaders = EnumReaderNames(spec);

        writer.WriteLine($"partial {spec.Declaration.Keyword} {spec.Declaration.Name}{spec.Declaration.TypeParameters} : global::Aioinflux.Query.IQueryReadable<{reader.TypeName}>");
        writer.OpenBlock();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCode);
        writer.WriteLine($"public static {(reader.HidesInheritedMember ? "new " : string.Empty)}global::Aioinflux.Query.IQueryRowReader<{reader.TypeName}> QueryRowReader => {ReaderClass}.Instance;");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Reads query rows into {Escape(spec.PointTypeName)}: each column, or <c>GROUP BY</c> tag, fills the member written with its key;");
        writer.WriteLine("/// a missing or null value leaves null, or the default (an empty string for a string that is not nullable).");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(GeneratedCode);
        writer.WriteLine($"private sealed class {ReaderClass} : global::Aioinflux.Query.IQueryRowReader<{reader.TypeName}>");
        writer.OpenBlock();
        writer.WriteLine($"public static readonly {ReaderClass} Instance = new();");
        writer.WriteLine();
        writer.WriteLine("// Member i of a binding is the column, or the GROUP BY tag, named Keys[i].");
        EmitKeys(writer, ColumnMembers(reader));
        writer.WriteLine();
        writer.WriteLine($"public {Binding} BindColumns(global::Aioinflux.PointMetadata series)");
        writer.WriteLine($"    => {Binding}.Create(series, Keys);");
        writer.WriteLine();
        EmitReadRow(writer, reader, enumReaders);

        foreach (EnumSpec enumSpec in spec.Enums)
        {
            ReaderMemberSpec[] users = reader.Members.Where(m => m.ValueType == enumSpec.FullyQualifiedName).ToArray();
            if (users.Length == 0)
            {
                continue;
            }

            writer.WriteLine();
            EmitEnumReader(writer, enumSpec, users[0].EnumUnderlyingType!, enumReaders[enumSpec.FullyQualifiedName]);
            if (users.Any(m => m.Role == MemberRole.Tag))
            {
                writer.WriteLine();
                EmitSeriesTagEnumReader(writer, enumSpec, users[0].EnumUnderlyingType!, enumReaders[enumSpec.FullyQualifiedName]);
            }
        }

        writer.CloseBlock();
        writer.CloseBlock();
        LineProtocolEmitter.CloseFile(writer, spec);
        return writer.ToString();
    }

    private static void EmitKeys(SourceWriter writer, List<ReaderMemberSpec> columns)
    {
        string[] keys = columns.Select(m => LineProtocolEmitter.Literal(m.Key)).ToArray();
        string oneLine = $"private static readonly string[] Keys = new[] {{ {string.Join(", ", keys)} }};";
        if (oneLine.Length <= MaxLineLength)
        {
            writer.WriteLine(oneLine);
            return;
        }

        writer.WriteLine("private static readonly string[] Keys = new[]");
        writer.OpenBlock();
        foreach (string key in keys)
        {
            writer.WriteLine(key + ",");
        }

        writer.CloseBlock(";");
    }

    private static void EmitReadRow(SourceWriter writer, QueryReaderSpec reader, Dictionary<string, string> enumReaders)
    {
        writer.WriteLine($"public {reader.TypeName} ReadRow(ref {RowReader} row, {Binding} binding)");
        writer.OpenBlock();
        List<ReaderMemberSpec> columns = ColumnMembers(reader);
        foreach (ReaderMemberSpec member in reader.Members)
        {
            writer.WriteLine(Declaration(member, columns.IndexOf(member), enumReaders));
        }

        writer.WriteLine("while (row.Read())");
        writer.OpenBlock();
        writer.WriteLine("switch (binding.GetMember(row.ColumnIndex))");
        writer.OpenBlock();
        for (int i = 0; i < columns.Count; i++)
        {
            writer.WriteLine($"case {i.ToString(CultureInfo.InvariantCulture)}:");
            writer.Indent();
            writer.WriteLine($"{columns[i].Local} = {Read(columns[i], enumReaders)};");
            writer.WriteLine("break;");
            writer.Unindent();
        }

        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        EmitCreation(writer, reader);
        writer.CloseBlock();
    }

    private static void EmitCreation(SourceWriter writer, QueryReaderSpec reader)
    {
        string[] arguments = reader.ConstructorArguments
            .Select(a => (reader.NamedArguments ? a.ParameterName + ": " : string.Empty) + Value(reader.Members[a.Member]))
            .ToArray();
        ReaderMemberSpec[] initialized = reader.Members.Where(m => m.Initialized).ToArray();

        string creation = "return new " + reader.TypeName;
        if (arguments.Length == 0)
        {
            writer.WriteLine(creation + (initialized.Length == 0 ? "();" : string.Empty));
        }
        else if (arguments.Length <= 3)
        {
            writer.WriteLine($"{creation}({string.Join(", ", arguments)}){(initialized.Length == 0 ? ";" : string.Empty)}");
        }
        else
        {
            writer.WriteLine(creation + "(");
            writer.Indent();
            for (int i = 0; i < arguments.Length; i++)
            {
                bool last = i == arguments.Length - 1;
                writer.WriteLine(arguments[i] + (!last ? "," : initialized.Length == 0 ? ");" : ")"));
            }

            writer.Unindent();
        }

        if (initialized.Length > 0)
        {
            writer.OpenBlock();
            foreach (ReaderMemberSpec member in initialized)
            {
                writer.WriteLine($"{member.Name} = {Value(member)},");
            }

            writer.CloseBlock(";");
        }
    }

    /// <summary>The local's declaration, starting tag members from the series' <c>GROUP BY</c> tags and the measurement from its name.</summary>
    private static string Declaration(ReaderMemberSpec member, int index, Dictionary<string, string> enumReaders)
    {
        string position = index.ToString(CultureInfo.InvariantCulture);
        string name = LineProtocolEmitter.Literal(member.QualifiedName);
        string orDefault = member.IsNullable ? string.Empty : " ?? default";
        if (member.Role == MemberRole.Measurement)
        {
            return $"string {member.Local} = binding.Series.Name;";
        }

        if (member.Kind == ValueKind.String)
        {
            return member.Role == MemberRole.Tag
                ? $"string? {member.Local} = binding.GetSeriesTagOrNull({position});"
                : $"string? {member.Local} = null;";
        }

        if (member.Role == MemberRole.Tag)
        {
            return member.Kind == ValueKind.Enum
                ? $"{LocalType(member)} {member.Local} = {enumReaders[member.ValueType]}FromSeriesTag(binding, {position}, {name}){orDefault};"
                : $"{LocalType(member)} {member.Local} = binding.ParseSeriesTag<{member.ValueType}>({position}, {name}){orDefault};";
        }

        return $"{LocalType(member)} {member.Local} = {(member.IsNullable ? "null" : "default")};";
    }

    /// <summary>The expression that reads the current value into the member's type.</summary>
    private static string Read(ReaderMemberSpec member, Dictionary<string, string> enumReaders)
    {
        string name = LineProtocolEmitter.Literal(member.QualifiedName);
        if (member.Kind == ValueKind.String)
        {
            return member.Time == TimeFormat.IsoString ? $"row.GetTimeString({name})" : $"row.GetStringOrNull({name})";
        }

        string getter = (member.Role, member.Kind) switch
        {
            (MemberRole.Time, ValueKind.DateTime) => $"row.GetDateTime({name})",
            (MemberRole.Time, ValueKind.DateTimeOffset) => $"row.GetDateTimeOffset({name})",
            (MemberRole.Time, _) => $"row.GetTimeNanoseconds({name})",
            (_, ValueKind.Enum) => $"{enumReaders[member.ValueType]}(ref row, {name})",
            (MemberRole.Tag, _) or (_, ValueKind.Char) => $"row.ParseText<{member.ValueType}>({name})",
            (_, ValueKind.SignedInteger or ValueKind.UnsignedInteger) => $"row.GetInteger<{member.ValueType}>({name})",
            (_, ValueKind.Double) => $"row.GetDouble({name})",
            (_, ValueKind.Single) => $"row.GetSingle({name})",
            (_, ValueKind.Decimal) => $"row.GetDecimal({name})",
            _ => $"row.GetBoolean({name})",
        };
        return $"row.IsNull ? {(member.IsNullable ? "null" : "default")} : {getter}";
    }

    /// <summary>The local as the member receives it: a missing string is empty where the member is not nullable.</summary>
    private static string Value(ReaderMemberSpec member)
        => member.Kind == ValueKind.String && member.Role != MemberRole.Measurement && !member.IsNullable
            ? member.Local + " ?? string.Empty"
            : member.Local;

    private static string LocalType(ReaderMemberSpec member) => member.IsNullable ? member.ValueType + "?" : member.ValueType;

    private static void EmitEnumReader(SourceWriter writer, EnumSpec enumSpec, string underlyingType, string method)
    {
        string enumType = enumSpec.FullyQualifiedName;
        writer.WriteLine("// A name, or the number of a value without one, as the writer writes them.");
        writer.WriteLine($"private static {enumType} {method}(ref {RowReader} row, string member)");
        writer.Indent();
        string prefix = "=> ";
        foreach (EnumMemberSpec value in enumSpec.Members)
        {
            writer.WriteLine($"{prefix}row.ValueTextEquals({LineProtocolEmitter.Utf8(value.Name)}) ? {enumType}.{value.EscapedIdentifier}");
            prefix = ": ";
        }

        writer.WriteLine($"{prefix}({enumType})row.ParseEnumNumber<{underlyingType}>(member, {LineProtocolEmitter.Literal(SimpleName(enumType))});");
        writer.Unindent();
    }

    private static void EmitSeriesTagEnumReader(SourceWriter writer, EnumSpec enumSpec, string underlyingType, string method)
    {
        string enumType = enumSpec.FullyQualifiedName;
        writer.WriteLine($"private static {enumType}? {method}FromSeriesTag({Binding} binding, int member, string memberName)");
        writer.Indent();
        writer.WriteLine("=> binding.GetSeriesTag(member) switch");
        writer.OpenBlock();
        writer.WriteLine("null or \"\" => null,");
        foreach (EnumMemberSpec value in enumSpec.Members)
        {
            writer.WriteLine($"{LineProtocolEmitter.Literal(value.Name)} => {enumType}.{value.EscapedIdentifier},");
        }

        writer.WriteLine($"_ => ({enumType})binding.ParseSeriesTagEnumNumber<{underlyingType}>(member, memberName, {LineProtocolEmitter.Literal(SimpleName(enumType))}),");
        writer.CloseBlock(";");
        writer.Unindent();
    }

    /// <summary>The members that read a column: all but the measurement, numbered in this order.</summary>
    private static List<ReaderMemberSpec> ColumnMembers(QueryReaderSpec reader)
        => reader.Members.Where(m => m.Role != MemberRole.Measurement).ToList();

    /// <summary><c>ReadSide</c> for each enum, numbered where two enums share a simple name.</summary>
    private static Dictionary<string, string> EnumReaderNames(LineProtocolTypeSpec spec)
    {
        var names = new Dictionary<string, string>();
        var taken = new HashSet<string>();
        foreach (EnumSpec enumSpec in spec.Enums)
        {
            string name = "Read" + SimpleName(enumSpec.FullyQualifiedName);
            string candidate = name;
            for (int suffix = 2; !taken.Add(candidate); suffix++)
            {
                candidate = name + suffix.ToString(CultureInfo.InvariantCulture);
            }

            names.Add(enumSpec.FullyQualifiedName, candidate);
        }

        return names;
    }

    private static string SimpleName(string fullyQualifiedName)
    {
        string name = fullyQualifiedName.Substring(Math.Max(fullyQualifiedName.LastIndexOf('.'), fullyQualifiedName.LastIndexOf(':')) + 1);
        return name.StartsWith("@", StringComparison.Ordinal) ? name.Substring(1) : name;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
