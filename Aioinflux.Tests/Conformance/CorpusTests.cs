using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using Aioinflux.Serialization;
using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aioinflux.Tests.Conformance;

/// <summary>
/// InfluxData's line-protocol encode corpus, through the serialization primitives (as the dynamic point builder uses
/// them) and through types generated from equivalent <c>[LineProtocol]</c> schemas.
/// </summary>
public class CorpusTests
{
    public static IEnumerable<CorpusCase> Standard() => ConformanceCorpus.Cases.Where(c =>
        !ConformanceCorpus.HasEmptyTagValue(c) && !ConformanceCorpus.HasBackslashBeforeEscapedCharacter(c));

    public static IEnumerable<CorpusCase> BackslashRejected() => ConformanceCorpus.Cases.Where(c =>
        ConformanceCorpus.HasBackslashBeforeEscapedCharacter(c) && !ConformanceCorpus.IsRejectedButCarriableByInfluxd(c));

    public static IEnumerable<CorpusCase> BackslashRejectedButCarriable() => ConformanceCorpus.Cases.Where(ConformanceCorpus.IsRejectedButCarriableByInfluxd);

    public static IEnumerable<CorpusCase> EmptyTagValue() => ConformanceCorpus.Cases.Where(ConformanceCorpus.HasEmptyTagValue);

    private static readonly Lazy<Assembly> GeneratedCorpus = new(() => GeneratorHarness.CompileAndLoad(CorpusSource()));

    [Test]
    public void The_corpus_holds_all_115_encode_cases()
    {
        Assert.That(ConformanceCorpus.Cases, Has.Count.EqualTo(115));
        Assert.That(Standard().Count() + BackslashRejected().Count() + BackslashRejectedButCarriable().Count() + EmptyTagValue().Count(), Is.EqualTo(115));
    }

    [TestCaseSource(nameof(Standard))]
    public void Primitives_encode_the_case_byte_for_byte(CorpusCase @case)
    {
        string line = WriteWithPrimitives(@case);
        Assert.That(ConformanceCorpus.LinesAreEquivalent(@case.ExpectedLine!, line, @case), Is.True, () => $"expected {@case.ExpectedLine}\n but was {line}");
    }

    [TestCaseSource(nameof(Standard))]
    public void Generated_code_encodes_the_case_byte_for_byte(CorpusCase @case)
    {
        string line = WriteWithGeneratedType(@case);
        Assert.That(ConformanceCorpus.LinesAreEquivalent(@case.ExpectedLine!, line, @case), Is.True, () => $"expected {@case.ExpectedLine}\n but was {line}");
    }

    [TestCaseSource(nameof(BackslashRejected))]
    public void Primitives_reject_a_backslash_before_an_escaped_character_because_influxd_1x_would_not_read_the_reference_escaping_back(CorpusCase @case)
        => Assert.That(() => WriteWithPrimitives(@case), Throws.InstanceOf<LineProtocolException>().With.Message.Contains("backslash"));

    [TestCaseSource(nameof(BackslashRejectedButCarriable))]
    public void Primitives_reject_a_tag_value_ending_in_backslash_space_although_influxd_1x_could_carry_it(CorpusCase @case)
        => Assert.That(() => WriteWithPrimitives(@case), Throws.InstanceOf<LineProtocolException>().With.Message.Contains("backslash"));

    [TestCaseSource(nameof(BackslashRejected))]
    [TestCaseSource(nameof(BackslashRejectedButCarriable))]
    public void Generated_code_rejects_a_backslash_before_an_escaped_character_at_compile_time_or_when_writing(CorpusCase @case)
    {
        Type type = GeneratedCorpus.Value.GetType(TypeName(@case))!;
        if (!typeof(ILineProtocolPoint).IsAssignableFrom(type))
        {
            // A name known at compile time: the analyzer reports it and the generator emits nothing.
            var diagnostics = GeneratorHarness.Analyze(GeneratorHarness.CreateCompilation(CaseSource(@case)));
            Assert.That(diagnostics.Select(d => d.Id), Does.Contain("AIO009"));
            return;
        }

        var writer = new ArrayBufferWriter<byte>();
        var point = (ILineProtocolPoint)Activator.CreateInstance(type)!;
        Assert.That(() => point.WriteLineProtocol(writer), Throws.InstanceOf<LineProtocolException>().With.Message.Contains("backslash"));
        Assert.That(writer.WrittenCount, Is.Zero);
    }

    [TestCaseSource(nameof(EmptyTagValue))]
    public void An_empty_tag_value_is_omitted_where_the_reference_encoder_fails_because_InfluxDB_1x_rejects_empty_tags(CorpusCase @case)
    {
        Assert.That(@case.ExpectedError, Is.Not.Null);
        string expected = "cpu value=42 0";
        Assert.That(WriteWithPrimitives(@case), Is.EqualTo(expected));
        Assert.That(WriteWithGeneratedType(@case), Is.EqualTo(expected));
    }

    private static string WriteWithPrimitives(CorpusCase @case)
    {
        var buffer = new byte[8192];
        var line = new LineBuilder(buffer, "corpus");
        line.Measurement(@case.Measurement, "measurement");
        foreach ((string key, string value) in @case.Tags)
        {
            line.Tag(EscapedKey(key, LineProtocolElement.TagKey), value, key);
        }

        foreach (CorpusField field in @case.Fields)
        {
            byte[] key = EscapedKey(field.Key, LineProtocolElement.FieldKey);
            switch (field.Value)
            {
                case double d: line.Field(key, d, field.Key); break;
                case long l: line.Field(key, l, field.Key); break;
                case ulong u: line.Field(key, u, field.Key); break;
                case string s: line.Field(key, s, field.Key); break;
                case bool b: line.Field(key, b, field.Key); break;
            }
        }

        line.Time(@case.Time, WritePrecision.Nanoseconds, "time");
        int length = line.Complete();
        return Encoding.UTF8.GetString(buffer, 0, length - 1);
    }

    private static byte[] EscapedKey(string key, LineProtocolElement element)
    {
        var buffer = new byte[LineProtocolSyntax.MaxEscapedLength(key) + 1];
        LineProtocolTextError error = LineProtocolSyntax.TryWriteEscaped(key, element, buffer, out int written);
        if (error != LineProtocolTextError.None)
        {
            throw new LineProtocolException("corpus", key, $"key {key} {LineProtocolSyntax.Describe(error)}");
        }

        buffer[written] = (byte)'=';
        return buffer[..(written + 1)];
    }

    private static string WriteWithGeneratedType(CorpusCase @case)
    {
        Type type = GeneratedCorpus.Value.GetType(TypeName(@case))!;
        var point = (ILineProtocolPoint)Activator.CreateInstance(type)!;
        var writer = new ArrayBufferWriter<byte>();
        point.WriteLineProtocol(writer);
        return Encoding.UTF8.GetString(writer.WrittenSpan[..^1]);
    }

    private static string TypeName(CorpusCase @case) => "Corpus.Case_" + @case.Key;

    private static string CorpusSource()
        => string.Join("\n", ConformanceCorpus.Cases.Select(CaseSource).Select((s, i) => i == 0 ? s : s[s.IndexOf("[", StringComparison.Ordinal)..]));

    /// <summary>A [LineProtocol] type equivalent to the case: one member per tag and field, initialised to its value.</summary>
    private static string CaseSource(CorpusCase @case)
    {
        var source = new StringBuilder("using Aioinflux;\nnamespace Corpus;\n");
        source.Append("[LineProtocol(Measurement = ").Append(Literal(@case.Measurement)).Append(")]\n");
        source.Append("public partial class Case_").Append(@case.Key).Append("\n{\n");
        int index = 0;
        foreach ((string key, string value) in @case.Tags)
        {
            source.Append($"    [Tag({Literal(key)})] public string T{index++} {{ get; set; }} = {Literal(value)};\n");
        }

        foreach (CorpusField field in @case.Fields)
        {
            (string type, string value) = field.Value switch
            {
                double d => ("double", d.ToString("R", CultureInfo.InvariantCulture)),
                long l => ("long", l.ToString(CultureInfo.InvariantCulture) + "L"),
                ulong u => ("ulong", u.ToString(CultureInfo.InvariantCulture) + "UL"),
                string s => ("string", Literal(s)),
                bool b => ("bool", b ? "true" : "false"),
                _ => throw new InvalidOperationException(),
            };
            source.Append($"    [Field({Literal(field.Key)})] public {type} F{index++} {{ get; set; }} = {value};\n");
        }

        source.Append($"    [TimeInt] public long Time {{ get; set; }} = {@case.Time.ToString(CultureInfo.InvariantCulture)}L;\n}}\n");
        return source.ToString();
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
