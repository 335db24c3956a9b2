using System.Buffers;
using System.Collections;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Text;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Serialization;

public class MappingSerializationTests
{
    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((string key, object? value) in entries)
        {
            map.Add(key, value);
        }

        return map;
    }

    private static Dictionary<string, object?> Cpu(params (string Key, object? Value)[] fields)
        => Map(("measurement", "cpu"), ("fields", Map(fields)));

    private static Dictionary<string, object?> WithTags(params (string Key, object? Value)[] tags)
        => Map(("measurement", "cpu"), ("tags", Map(tags)), ("fields", Map(("f", true))));

    // The aioinflux docs' examples ("Writing dictionary-like objects" and the TL;DR), as C# dictionaries.

    [Test]
    public void The_docs_tldr_point_is_written_as_aioinflux_writes_it()
    {
        var point = new Dictionary<string, object?>
        {
            ["time"] = "2009-11-10T23:00:00Z",
            ["measurement"] = "cpu_load_short",
            ["tags"] = new Dictionary<string, object?> { ["host"] = "server01", ["region"] = "us-west" },
            ["fields"] = new Dictionary<string, object?> { ["value"] = 0.64 },
        };

        Assert.That(LineProtocol.Serialize(point), Is.EqualTo("cpu_load_short,host=server01,region=us-west value=0.64 1257894000000000000"));
    }

    [Test]
    public void The_docs_typical_point_is_written_with_lowercase_booleans_where_aioinflux_writes_True()
    {
        var point = new Dictionary<string, object?>
        {
            ["time"] = "2009-11-10T23:00:00Z",
            ["measurement"] = "cpu_load_short",
            ["tags"] = new Dictionary<string, string> { ["host"] = "server01", ["region"] = "us-west" },
            ["fields"] = new Dictionary<string, object?> { ["value1"] = 0.64, ["value2"] = true, ["value3"] = 10 },
        };

        Assert.That(LineProtocol.Serialize(point), Is.EqualTo("cpu_load_short,host=server01,region=us-west value1=0.64,value2=true,value3=10i 1257894000000000000"));
    }

    [Test]
    public void The_docs_date_only_time_is_midnight_UTC()
        => Assert.That(LineProtocol.Serialize(Map(("time", "2017-01-01"), ("measurement", "m"), ("fields", Map(("v", 1))))), Is.EqualTo("m v=1i 1483228800000000000"));

    [Test]
    public void A_point_without_measurement_takes_the_measurement_argument()
        => Assert.That(LineProtocol.Serialize(Map(("fields", Map(("v", 1)))), measurement: "prices"), Is.EqualTo("prices v=1i"));

    [Test]
    public void The_points_own_measurement_wins_over_the_argument()
        => Assert.That(LineProtocol.Serialize(Cpu(("v", 1)), measurement: "prices"), Is.EqualTo("cpu v=1i"));

    [Test]
    public void A_null_measurement_takes_the_argument()
        => Assert.That(LineProtocol.Serialize(Map(("measurement", null), ("fields", Map(("v", 1)))), measurement: "prices"), Is.EqualTo("prices v=1i"));

    [Test]
    public void Extra_tags_are_written_after_the_points_own_tags_like_aioinflux_keyword_arguments()
    {
        var point = Map(("measurement", "prices"), ("tags", Map(("tag", "B"))), ("fields", Map(("LUY", 2.545409))));
        Assert.That(LineProtocol.Serialize(point, extraTags: [new("asset_class", "equities"), new("none", null)]), Is.EqualTo("prices,tag=B,asset_class=equities LUY=2.545409"));
    }

    [Test]
    public void An_extra_tag_that_cannot_be_written_is_an_argument_error()
        => Assert.That(() => LineProtocol.Serialize(Cpu(("v", 1)), extraTags: [new("time", "x")]), Throws.ArgumentException);

    [Test]
    public void The_buffer_overload_writes_the_line_with_its_newline_after_what_the_writer_holds()
    {
        var writer = new ArrayBufferWriter<byte>();
        LineProtocol.Serialize(Cpu(("v", 1)), writer);
        LineProtocol.Serialize(Map(("fields", Map(("v", 2)))), writer, "mem", new LineProtocolOptions(WritePrecision.Seconds, [new("host", "a")]));
        Assert.That(Encoding.UTF8.GetString(writer.WrittenSpan), Is.EqualTo("cpu v=1i\nmem,host=a v=2i\n"));
    }

    [Test]
    public void Escaping_follows_the_generated_writers()
    {
        var point = Map(
            ("measurement", "app log,v2=x"),
            ("tags", Map(("tag key,=", "a,b=c d"), ("path", "C:\\temp"))),
            ("fields", Map(("field key,= \"", "a \"quoted\" \\ back\nslash"), ("漢字", 1))));
        Assert.That(LineProtocol.Serialize(point), Is.EqualTo(
            "app\\ log\\,v2=x,tag\\ key\\,\\==a\\,b\\=c\\ d,path=C:\\temp field\\ key\\,\\=\\ \"=\"a \\\"quoted\\\" \\\\ back\nslash\",漢字=1i"));
    }

    [Test]
    public void A_mapping_like_the_docs_trade_writes_the_same_bytes_as_the_generated_writer()
    {
        var trade = new Trade(1540184368785116000, "AAPL", Side.Sell, 219.23, 100, "34a1e085 \"quoted\"");
        var point = Map(
            ("measurement", "trades"),
            ("time", 1540184368785116000),
            ("tags", Map(("Instrument", "AAPL"), ("Side", Side.Sell), ("exchange", "NASDAQ"))),
            ("fields", Map(("Price", 219.23), ("Size", 100L), ("trade_id", "34a1e085 \"quoted\""))));
        var options = new LineProtocolOptions(WritePrecision.Microseconds, [new("region", "eu west")]);
        var writer = new ArrayBufferWriter<byte>();
        LineProtocol.Serialize(point, writer, options: options);

        Assert.That(Encoding.UTF8.GetString(writer.WrittenSpan), Is.EqualTo(trade.ToLineProtocol(options) + "\n"));
    }

    public static IEnumerable<TestCaseData> Tags()
    {
        yield return Case("plain", "t=plain", "string");
        yield return Case('=', "t=\\=", "char");
        yield return Case(true, "t=true", "bool");
        yield return Case((sbyte)-1, "t=-1", "sbyte");
        yield return Case((byte)255, "t=255", "byte");
        yield return Case((short)-300, "t=-300", "short");
        yield return Case((ushort)65535, "t=65535", "ushort");
        yield return Case(int.MinValue, "t=-2147483648", "int");
        yield return Case(uint.MaxValue, "t=4294967295", "uint");
        yield return Case(long.MaxValue, "t=9223372036854775807", "long");
        yield return Case(ulong.MaxValue, "t=18446744073709551615", "ulong");
        yield return Case(0.5f, "t=0.5", "float");
        yield return Case(0.64, "t=0.64", "double");
        yield return Case(1e20, "t=1E+20", "double with an exponent");
        yield return Case(-1.50m, "t=-1.50", "decimal");
        yield return Case(new Guid("34a1e085-3122-429c-9662-7ce82039d287"), "t=34a1e085-3122-429c-9662-7ce82039d287", "Guid");
        yield return Case(Side.Buy, "t=Buy", "enum");
        yield return Case((Side)9, "t=9", "undefined enum value");
        yield return Case(null, null, "null");
        yield return Case(string.Empty, null, "empty string");

        static TestCaseData Case(object? value, string? expected, string name)
            => new TestCaseData(value, expected).SetName($"Tag_value_is_written_exactly({name})");
    }

    [TestCaseSource(nameof(Tags))]
    public void Tag_value_is_written_exactly(object? value, string? expected)
        => Assert.That(LineProtocol.Serialize(WithTags(("t", value))), Is.EqualTo(expected is null ? "cpu f=true" : $"cpu,{expected} f=true"));

    public static IEnumerable<TestCaseData> Fields()
    {
        yield return Case(true, "f=true", "bool true");
        yield return Case(false, "f=false", "bool false");
        yield return Case((sbyte)-1, "f=-1i", "sbyte");
        yield return Case((byte)255, "f=255i", "byte");
        yield return Case((short)-300, "f=-300i", "short");
        yield return Case((ushort)65535, "f=65535i", "ushort");
        yield return Case(int.MinValue, "f=-2147483648i", "int");
        yield return Case(uint.MaxValue, "f=4294967295i", "uint");
        yield return Case(long.MinValue, "f=-9223372036854775808i", "long");
        yield return Case((ulong)long.MaxValue, "f=9223372036854775807i", "ulong up to long.MaxValue");
        yield return Case(0.1f, "f=0.1", "float");
        yield return Case(0.64, "f=0.64", "double");
        yield return Case(1e20, "f=1e+20", "double with an exponent");
        yield return Case(79228162514264.337593543950335m, "f=79228162514264.337593543950335", "decimal");
        yield return Case("say \"hi\"\\", "f=\"say \\\"hi\\\"\\\\\"", "string");
        yield return Case('"', "f=\"\\\"\"", "char");
        yield return Case(Venue.Both, "f=\"Both\"", "enum");
        yield return Case((Venue)42, "f=\"42\"", "undefined enum value");

        static TestCaseData Case(object? value, string? expected, string name)
            => new TestCaseData(value, expected).SetName($"Field_value_is_written_exactly({name})");
    }

    [TestCaseSource(nameof(Fields))]
    public void Field_value_is_written_exactly(object value, string expected)
        => Assert.That(LineProtocol.Serialize(Cpu(("first", 1), ("f", value))), Is.EqualTo($"cpu first=1i,{expected}"));

    [Test]
    public void A_null_field_is_omitted()
        => Assert.That(LineProtocol.Serialize(Cpu(("a", null), ("b", 1), ("c", null))), Is.EqualTo("cpu b=1i"));

    public static IEnumerable<TestCaseData> Times()
    {
        yield return Case(null, "", "null");
        yield return Case(1_257_894_000_123_456_789L, " 1257894000123456789", "long nanoseconds");
        yield return Case(-5, " -5", "int nanoseconds");
        yield return Case((short)12, " 12", "short nanoseconds");
        yield return Case(uint.MaxValue, " 4294967295", "uint nanoseconds");
        yield return Case((ulong)long.MaxValue - 1, " 9223372036854775806", "ulong nanoseconds");
        yield return Case(new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Unspecified), " 1257894000000000000", "unspecified DateTime");
        yield return Case(new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Utc), " 1257894000000000000", "UTC DateTime");
        yield return Case(new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Utc).ToLocalTime(), " 1257894000000000000", "local DateTime");
        yield return Case(new DateTimeOffset(2009, 11, 11, 0, 0, 0, TimeSpan.FromHours(1)), " 1257894000000000000", "DateTimeOffset");
        yield return Case("2009-11-10T23:00:00.123456789Z", " 1257894000123456789", "ISO 8601 with nanoseconds");
        yield return Case("2009-11-11T00:00:00+01:00", " 1257894000000000000", "ISO 8601 with an offset");
        yield return Case("2009-11-10T23:00:00", " 1257894000000000000", "ISO 8601 without an offset");
        yield return Case("2009-11-10 23:00", " 1257894000000000000", "ISO 8601 with a space");
        yield return Case("2017-01-01", " 1483228800000000000", "date only");

        static TestCaseData Case(object? value, string expected, string name)
            => new TestCaseData(value, expected).SetName($"Time_is_written_exactly({name})");
    }

    [TestCaseSource(nameof(Times))]
    public void Time_is_written_exactly(object? value, string expected)
        => Assert.That(LineProtocol.Serialize(Map(("measurement", "cpu"), ("time", value), ("fields", Map(("v", 1))))), Is.EqualTo("cpu v=1i" + expected));

    [TestCase(WritePrecision.Microseconds, "1257894000123456")]
    [TestCase(WritePrecision.Milliseconds, "1257894000123")]
    [TestCase(WritePrecision.Seconds, "1257894000")]
    [TestCase(WritePrecision.Hours, "349415")]
    public void The_precision_floors_every_kind_of_time(WritePrecision precision, string expected)
    {
        object[] times = [1_257_894_000_123_456_789L, "2009-11-10T23:00:00.123456789Z", new DateTimeOffset(2009, 11, 10, 23, 0, 0, TimeSpan.Zero).AddTicks(1_234_567)];
        var writer = new ArrayBufferWriter<byte>();
        foreach (object time in times)
        {
            LineProtocol.Serialize(Map(("measurement", "cpu"), ("time", time), ("fields", Map(("v", 1)))), writer, options: new LineProtocolOptions(precision));
        }

        Assert.That(Encoding.UTF8.GetString(writer.WrittenSpan), Is.EqualTo(string.Concat(Enumerable.Repeat($"cpu v=1i {expected}\n", 3))));
    }

    public static IEnumerable<TestCaseData> Collections()
    {
        yield return Case(new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x" }, new Dictionary<string, object?> { ["v"] = 1.5 }, "Dictionary of objects");
        yield return Case(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "x" }, new Dictionary<string, string?> { ["v"] = "s" }, "Dictionary of strings");
        yield return Case(new Dictionary<string, int> { ["a"] = 1 }, new Dictionary<string, double> { ["v"] = 1.5 }, "Dictionary of value types, through IDictionary");
        yield return Case(new SortedDictionary<string, object?> { ["b"] = "x", ["a"] = 1 }, new SortedList<string, double> { ["v"] = 1.5 }, "sorted dictionaries");
        yield return Case(new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x" }), ImmutableDictionary<string, object?>.Empty.Add("v", 1.5), "read-only and immutable dictionaries");
        yield return Case(new List<KeyValuePair<string, object?>> { new("a", 1), new("b", "x") }, new[] { new KeyValuePair<string, string?>("v", "s") }, "lists and arrays of pairs");
        yield return Case(new Hashtable { ["a"] = 1 }, new Hashtable { ["v"] = 1.5 }, "Hashtable");

        static TestCaseData Case(object tags, object fields, string name)
            => new TestCaseData(tags, fields).SetName($"Tags_and_fields_can_be_any_mapping_of_string_keys({name})");
    }

    [TestCaseSource(nameof(Collections))]
    public void Tags_and_fields_can_be_any_mapping_of_string_keys(object tags, object fields)
    {
        string line = LineProtocol.Serialize(Map(("measurement", "cpu"), ("tags", tags), ("fields", fields)));
        Assert.That(line, Does.Match("^cpu,a=1(,b=x)? v=(1\\.5|\"s\")$"));
    }

    [Test]
    public void Tags_and_fields_keep_the_order_of_their_collection()
    {
        var point = Map(
            ("measurement", "cpu"),
            ("tags", new List<KeyValuePair<string, object?>> { new("z", 1), new("a", 2) }),
            ("fields", new List<KeyValuePair<string, object?>> { new("y", 1), new("b", 2) }));
        Assert.That(LineProtocol.Serialize(point), Is.EqualTo("cpu,z=1,a=2 y=1i,b=2i"));
    }

    [Test]
    public void Many_tags_and_fields_are_written_whole()
    {
        var tags = Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, object?>("t" + i, i)).ToList();
        var fields = Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, object?>(new string('f', 300) + i, i)).ToList();
        string line = LineProtocol.Serialize(Map(("measurement", "cpu"), ("tags", tags), ("fields", fields)));

        Assert.That(line, Is.EqualTo("cpu," + string.Join(',', tags.Select(t => $"{t.Key}={t.Value}")) + " " + string.Join(',', fields.Select(f => $"{f.Key}={f.Value}i"))));
    }

    public sealed record BadMapping(string Rule, Func<IReadOnlyDictionary<string, object?>> Build, string? Member, string MessagePart, string? DefaultMeasurement = null)
    {
        public override string ToString() => Rule;
    }

    public static IEnumerable<BadMapping> BadMappings()
    {
        yield return new("unknown top-level key", () => Map(("measurement", "cpu"), ("fields", Map(("v", 1))), ("extra", 1)), "extra", "none of 'measurement', 'time', 'tags' and 'fields'");
        yield return new("top-level key in the wrong case", () => Map(("measurement", "cpu"), ("Fields", Map(("v", 1)))), "Fields", "none of");
        yield return new("no fields", () => Map(("measurement", "cpu")), "fields", "no 'fields'");
        yield return new("null fields", () => Map(("measurement", "cpu"), ("fields", null)), "fields", "no 'fields'");
        yield return new("empty fields", () => Cpu(), "fields", "no non-null value");
        yield return new("every field null", () => Cpu(("a", null), ("b", null)), "fields", "no non-null value");
        yield return new("fields that are not a mapping", () => Map(("measurement", "cpu"), ("fields", "v=1")), "fields", "is a System.String, not a mapping");
        yield return new("tags that are not a mapping", () => Map(("measurement", "cpu"), ("tags", 42), ("fields", Map(("v", 1)))), "tags", "is a System.Int32, not a mapping");
        yield return new("non-string key", () => Map(("measurement", "cpu"), ("fields", new Hashtable { [1] = 1.5 })), "fields", "key of type System.Int32");
        yield return new("no measurement and no default", () => Map(("fields", Map(("v", 1)))), "measurement", "no measurement");
        yield return new("null measurement and no default", () => Map(("measurement", null), ("fields", Map(("v", 1)))), "measurement", "no measurement");
        yield return new("empty measurement", () => Map(("measurement", ""), ("fields", Map(("v", 1)))), "measurement", "'measurement' is empty", "default");
        yield return new("measurement that is not a string", () => Map(("measurement", 5), ("fields", Map(("v", 1)))), "measurement", "is a System.Int32. Use a string");
        yield return new("measurement starting with #", () => Map(("measurement", "#cpu"), ("fields", Map(("v", 1)))), "measurement", "comment");
        yield return new("default measurement starting with #", () => Map(("fields", Map(("v", 1)))), "measurement", "comment", "#cpu");
        yield return new("newline in the measurement", () => Map(("measurement", "a\nb"), ("fields", Map(("v", 1)))), "measurement", "newline");
        yield return new("tag key time", () => WithTags(("time", "x")), "time", "reserves for the timestamp");
        yield return new("tag key time with a null value", () => WithTags(("time", null)), "time", "reserves for the timestamp");
        yield return new("field key time", () => Cpu(("time", 1)), "time", "reserves for the timestamp");
        yield return new("field key time with a null value", () => Cpu(("v", 1), ("time", null)), "time", "reserves for the timestamp");
        yield return new("empty tag key", () => WithTags(("", "x")), null, "tag keys is null or empty");
        yield return new("empty field key", () => Cpu(("", 1)), null, "field keys is null or empty");
        yield return new("null field key in a list of pairs", () => Map(("measurement", "cpu"), ("fields", new List<KeyValuePair<string, object?>> { new(null!, 1) })), null, "field keys is null or empty");
        yield return new("newline in a tag key", () => WithTags(("a\nb", "x")), "a\nb", "newline");
        yield return new("newline in a field key", () => Cpu(("a\nb", 1)), "a\nb", "newline");
        yield return new("newline in a tag value", () => WithTags(("host", "a\nb")), "host", "newline");
        yield return new("tag value ending with a backslash", () => WithTags(("host", "ab\\")), "host", "ends with a backslash");
        yield return new("tag value of an unsupported type", () => WithTags(("when", DateTime.UnixEpoch)), "when", "tag value is a System.DateTime");
        yield return new("field value of an unsupported type", () => Cpu(("id", Guid.Empty)), "id", "field value is a System.Guid");
        yield return new("field value that is an array", () => Cpu(("values", new[] { 1, 2 })), "values", "field value is a System.Int32[]");
        yield return new("NaN", () => Cpu(("v", double.NaN)), "v", "not a finite number");
        yield return new("infinite float", () => Cpu(("v", float.NegativeInfinity)), "v", "not a finite number");
        yield return new("ulong above long.MaxValue", () => Cpu(("v", ulong.MaxValue)), "v", "signed 64-bit");
        yield return new("unpaired surrogate in a string field", () => Cpu(("s", "\uD800")), "s", "surrogate");
        yield return new("tag and field with the same key", () => Map(("measurement", "cpu"), ("tags", Map(("k", "x"))), ("fields", Map(("k", 1)))), "k", "both by a tag and by a field");
        yield return new("duplicate tag in a list of pairs", () => Map(("measurement", "cpu"), ("tags", new List<KeyValuePair<string, string?>> { new("k", "1"), new("k", "2") }), ("fields", Map(("v", 1)))), "k", "duplicate tags");
        yield return new("duplicate field in a list of pairs", () => Map(("measurement", "cpu"), ("fields", new List<KeyValuePair<string, object?>> { new("k", 1), new("k", 2) })), "k", "only the last value");
        yield return new("duplicate among many pairs", () => Map(("measurement", "cpu"), ("fields", Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, object?>("k" + (i % 39), i)).ToList())), "k0", "only the last value");
        yield return new("time of an unsupported type", () => Map(("measurement", "cpu"), ("time", 1.5), ("fields", Map(("v", 1)))), "time", "'time' is a System.Double");
        yield return new("time string that is not ISO 8601", () => Map(("measurement", "cpu"), ("time", "yesterday"), ("fields", Map(("v", 1)))), "time", "not an ISO 8601 time");
        yield return new("empty time string", () => Map(("measurement", "cpu"), ("time", ""), ("fields", Map(("v", 1)))), "time", "not an ISO 8601 time");
        yield return new("time long.MaxValue", () => Map(("measurement", "cpu"), ("time", long.MaxValue), ("fields", Map(("v", 1)))), "time", "outside the range");
        yield return new("time ulong.MaxValue", () => Map(("measurement", "cpu"), ("time", ulong.MaxValue), ("fields", Map(("v", 1)))), "time", "outside the range");
        yield return new("DateTime before 1677", () => Map(("measurement", "cpu"), ("time", new DateTime(1600, 1, 1)), ("fields", Map(("v", 1)))), "time", "outside the range");
    }

    [TestCaseSource(nameof(BadMappings))]
    public void A_mapping_line_protocol_cannot_carry_throws_naming_the_key_and_leaves_the_writer_untouched(BadMapping bad)
    {
        var writer = new ArrayBufferWriter<byte>();
        LineProtocol.Serialize(Cpu(("before", 1)), writer);
        int before = writer.WrittenCount;

        LineProtocolException? exception = Assert.Throws<LineProtocolException>(() => LineProtocol.Serialize(bad.Build(), writer, bad.DefaultMeasurement));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(writer.WrittenCount, Is.EqualTo(before), "nothing of the bad point was written");
            Assert.That(exception!.PointType, Is.EqualTo("mapping"));
            Assert.That(exception.Member, Is.EqualTo(bad.Member));
            Assert.That(exception.Message, Does.Contain(bad.MessagePart));
            Assert.That(exception.Message, Does.StartWith("Cannot write mapping"));
        }
    }

    [Test]
    public void The_mapping_writer_uses_its_default_measurement_and_the_per_call_options()
    {
        ILineProtocolWriter<IReadOnlyDictionary<string, object?>> mappings = LineProtocol.MappingWriter("default m");
        var writer = new ArrayBufferWriter<byte>();
        mappings.WriteLineProtocol(Map(("time", 1_500_000_000_123_456_789L), ("fields", Map(("v", 1)))), writer);
        mappings.WriteLineProtocol(Map(("measurement", "own"), ("time", 1_500_000_000_123_456_789L), ("fields", Map(("v", 2)))), writer, new LineProtocolOptions(WritePrecision.Seconds, [new("dc", "x")]));

        Assert.That(Encoding.UTF8.GetString(writer.WrittenSpan), Is.EqualTo("default\\ m v=1i 1500000000123456789\nown,dc=x v=2i 1500000000\n"));
    }

    [Test]
    public void The_mapping_writer_without_default_requires_a_measurement_in_every_point()
    {
        var mappings = new MappingPointWriter();
        Assert.That(mappings.DefaultMeasurement, Is.Null);
        Assert.That(() => mappings.WriteLineProtocol(Map(("fields", Map(("v", 1)))), new ArrayBufferWriter<byte>()),
            Throws.InstanceOf<LineProtocolException>().With.Message.Contains("no measurement"));
    }

    [TestCase("", "is empty")]
    [TestCase("#cpu", "comment")]
    [TestCase("a\nb", "newline")]
    public void A_default_measurement_that_cannot_be_written_is_refused_when_the_writer_is_made(string measurement, string reason)
        => Assert.That(() => new MappingPointWriter(measurement), Throws.ArgumentException.With.Message.Contains(reason));

    [Test]
    public void Writing_a_mapping_of_dictionaries_without_enums_allocates_nothing()
    {
        var point = new Dictionary<string, object?>
        {
            ["measurement"] = "cpu load",
            ["time"] = 1_500_000_000_123_456_789L,
            ["tags"] = new Dictionary<string, object?> { ["host"] = "server 01", ["core"] = 3, ["ratio"] = 0.5 },
            ["fields"] = new Dictionary<string, object?> { ["value"] = 0.64, ["count"] = 10, ["note"] = "a \"b\"", ["missing"] = null },
        };
        var mappings = new MappingPointWriter("unused");
        var options = new LineProtocolOptions(WritePrecision.Milliseconds, [new("region", "eu")]);
        var writer = new ArrayBufferWriter<byte>(1 << 16);
        mappings.WriteLineProtocol(point, writer, options);
        writer.ResetWrittenCount();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            mappings.WriteLineProtocol(point, writer, options);
            writer.ResetWrittenCount();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
