using System.Buffers;
using System.Text;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Serialization;

public class PointTests
{
    [Flags]
    public enum Permissions
    {
        None = 0,
        Read = 1,
        Write = 2,
    }

    private static string Write(Point point, in LineProtocolOptions options = default)
    {
        var writer = new ArrayBufferWriter<byte>();
        point.WriteLineProtocol(writer, options);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    private static Point Cpu() => Point.Measurement("cpu");

    [Test]
    public void The_docs_point_is_written_as_aioinflux_writes_it()
    {
        Point point = Point.Measurement("cpu_load_short")
            .Tag("host", "server01")
            .Tag("region", "us-west")
            .Field("value", 0.64)
            .Time(new DateTimeOffset(2009, 11, 10, 23, 0, 0, TimeSpan.Zero));

        Assert.That(Write(point), Is.EqualTo("cpu_load_short,host=server01,region=us-west value=0.64 1257894000000000000\n"));
    }

    [Test]
    public void A_point_built_like_the_docs_trade_writes_the_same_bytes_as_the_generated_writer()
    {
        var trade = new Trade(1540184368785116000, "AAPL", Side.Sell, 219.23, 100, "34a1e085 \"quoted\"");
        Point point = Point.Measurement("trades")
            .Tag("Instrument", "AAPL")
            .Tag("Side", Side.Sell)
            .Tag("exchange", "NASDAQ")
            .Field("Price", 219.23)
            .Field("Size", 100)
            .Field("trade_id", "34a1e085 \"quoted\"")
            .Time(1540184368785116000);
        var options = new LineProtocolOptions(WritePrecision.Milliseconds, [new("region", "eu west")]);

        Assert.That(point.ToLineProtocol(options), Is.EqualTo(trade.ToLineProtocol(options)));
    }

    [Test]
    public void ToLineProtocol_returns_the_line_without_its_newline_as_the_extension_does()
    {
        Point point = Cpu().Field("value", 1L);
        Assert.That(point.ToLineProtocol(), Is.EqualTo("cpu value=1i"));
        Assert.That(LineProtocolPointExtensions.ToLineProtocol(point), Is.EqualTo(point.ToLineProtocol()));
    }

    public static IEnumerable<TestCaseData> Tags()
    {
        yield return Case(p => p.Tag("t", "plain"), "t=plain", "string");
        yield return Case(p => p.Tag("t", 42), "t=42", "int");
        yield return Case(p => p.Tag("t", long.MinValue), "t=-9223372036854775808", "long.MinValue");
        yield return Case(p => p.Tag("t", ulong.MaxValue), "t=18446744073709551615", "ulong.MaxValue");
        yield return Case(p => p.Tag("t", (byte)7), "t=7", "byte");
        yield return Case(p => p.Tag("t", true), "t=true", "bool true");
        yield return Case(p => p.Tag("t", false), "t=false", "bool false");
        yield return Case(p => p.Tag("t", '='), "t=\\=", "char needing an escape");
        yield return Case(p => p.Tag("t", 'é'), "t=é", "non-ASCII char");
        yield return Case(p => p.Tag("t", new Guid("34a1e085-3122-429c-9662-7ce82039d287")), "t=34a1e085-3122-429c-9662-7ce82039d287", "Guid");
        yield return Case(p => p.Tag("t", Side.Buy), "t=Buy", "enum");
        yield return Case(p => p.Tag("t", (Side)7), "t=7", "undefined enum value");
        yield return Case(p => p.Tag("t", Venue.Both), "t=Both", "flags value with a name");
        yield return Case(p => p.Tag("t", Permissions.Read | Permissions.Write), "t=3", "flags combination without a name");
        yield return Case(p => p.Tag("t", (long?)5), "t=5", "nullable long");
        yield return Case(p => p.Tag("t", (ulong?)5), "t=5", "nullable ulong");
        yield return Case(p => p.Tag("t", (bool?)true), "t=true", "nullable bool");
        yield return Case(p => p.Tag("t", (char?)'c'), "t=c", "nullable char");
        yield return Case(p => p.Tag("t", (Guid?)Guid.Empty), "t=00000000-0000-0000-0000-000000000000", "nullable Guid");
        yield return Case(p => p.Tag("t", (Side?)Side.Sell), "t=Sell", "nullable enum");
        yield return Case(p => p.Tag("t", (string?)null), null, "null string");
        yield return Case(p => p.Tag("t", string.Empty), null, "empty string");
        yield return Case(p => p.Tag("t", (long?)null), null, "null long");
        yield return Case(p => p.Tag("t", (ulong?)null), null, "null ulong");
        yield return Case(p => p.Tag("t", (bool?)null), null, "null bool");
        yield return Case(p => p.Tag("t", (char?)null), null, "null char");
        yield return Case(p => p.Tag("t", (Guid?)null), null, "null Guid");
        yield return Case(p => p.Tag("t", (Side?)null), null, "null enum");

        static TestCaseData Case(Func<Point, Point> tag, string? expected, string name)
            => new TestCaseData(tag, expected).SetName($"Tag_is_written_exactly({name})");
    }

    [TestCaseSource(nameof(Tags))]
    public void Tag_is_written_exactly(Func<Point, Point> tag, string? expected)
        => Assert.That(Write(tag(Cpu()).Field("f", true)), Is.EqualTo(expected is null ? "cpu f=true\n" : $"cpu,{expected} f=true\n"));

    public static IEnumerable<TestCaseData> Fields()
    {
        yield return Case(p => p.Field("f", true), "f=true", "bool true");
        yield return Case(p => p.Field("f", false), "f=false", "bool false");
        yield return Case(p => p.Field("f", 42), "f=42i", "int");
        yield return Case(p => p.Field("f", (sbyte)-8), "f=-8i", "sbyte");
        yield return Case(p => p.Field("f", uint.MaxValue), "f=4294967295i", "uint");
        yield return Case(p => p.Field("f", long.MinValue), "f=-9223372036854775808i", "long.MinValue");
        yield return Case(p => p.Field("f", (ulong)long.MaxValue), "f=9223372036854775807i", "ulong at long.MaxValue");
        yield return Case(p => p.Field("f", 0.64), "f=0.64", "double");
        yield return Case(p => p.Field("f", 1e20), "f=1e+20", "double with an exponent");
        yield return Case(p => p.Field("f", double.Epsilon), "f=5e-324", "double.Epsilon");
        yield return Case(p => p.Field("f", -0.0), "f=-0", "negative zero");
        yield return Case(p => p.Field("f", 0.1f), "f=0.1", "float");
        yield return Case(p => p.Field("f", 79228162514264.337593543950335m), "f=79228162514264.337593543950335", "decimal");
        yield return Case(p => p.Field("f", "a \"quoted\" \\ back\nslash"), "f=\"a \\\"quoted\\\" \\\\ back\nslash\"", "string with quotes, backslash and newline");
        yield return Case(p => p.Field("f", string.Empty), "f=\"\"", "empty string");
        yield return Case(p => p.Field("f", '"'), "f=\"\\\"\"", "char needing an escape");
        yield return Case(p => p.Field("f", Venue.Dark), "f=\"Dark\"", "enum");
        yield return Case(p => p.Field("f", (Venue)42), "f=\"42\"", "undefined enum value");
        yield return Case(p => p.Field("f", (bool?)true), "f=true", "nullable bool");
        yield return Case(p => p.Field("f", (long?)-1), "f=-1i", "nullable long");
        yield return Case(p => p.Field("f", (ulong?)1), "f=1i", "nullable ulong");
        yield return Case(p => p.Field("f", (double?)1.5), "f=1.5", "nullable double");
        yield return Case(p => p.Field("f", (float?)1.5f), "f=1.5", "nullable float");
        yield return Case(p => p.Field("f", (decimal?)1.50m), "f=1.50", "nullable decimal");
        yield return Case(p => p.Field("f", (char?)'x'), "f=\"x\"", "nullable char");
        yield return Case(p => p.Field("f", (Venue?)Venue.Lit), "f=\"Lit\"", "nullable enum");
        yield return Case(p => p.Field("f", (bool?)null), null, "null bool");
        yield return Case(p => p.Field("f", (long?)null), null, "null long");
        yield return Case(p => p.Field("f", (ulong?)null), null, "null ulong");
        yield return Case(p => p.Field("f", (double?)null), null, "null double");
        yield return Case(p => p.Field("f", (float?)null), null, "null float");
        yield return Case(p => p.Field("f", (decimal?)null), null, "null decimal");
        yield return Case(p => p.Field("f", (string?)null), null, "null string");
        yield return Case(p => p.Field("f", (char?)null), null, "null char");
        yield return Case(p => p.Field("f", (Venue?)null), null, "null enum");

        static TestCaseData Case(Func<Point, Point> field, string? expected, string name)
            => new TestCaseData(field, expected).SetName($"Field_is_written_exactly({name})");
    }

    [TestCaseSource(nameof(Fields))]
    public void Field_is_written_exactly(Func<Point, Point> field, string? expected)
        => Assert.That(Write(field(Cpu().Field("first", 1L))), Is.EqualTo(expected is null ? "cpu first=1i\n" : $"cpu first=1i,{expected}\n"));

    [Test]
    public void Measurement_keys_and_values_are_escaped_as_the_generated_writers_escape_them()
    {
        Point point = Point.Measurement("app log,v2=x")
            .Tag("tag key,=", "a,b=c d")
            .Tag("path", "C:\\temp")
            .Field("field key,= \"", "v")
            .Field("漢字", 1L);

        Assert.That(point.ToLineProtocol(), Is.EqualTo("app\\ log\\,v2=x,tag\\ key\\,\\==a\\,b\\=c\\ d,path=C:\\temp field\\ key\\,\\=\\ \"=\"v\",漢字=1i"));
    }

    [Test]
    public void Long_keys_and_values_beyond_the_stack_scratch_are_written_whole()
    {
        string key = new('k', 300);
        string value = string.Concat(Enumerable.Repeat("a b,", 200));
        Point point = Point.Measurement(new string('m', 600)).Tag(key, value).Field(key + "f", value);

        Assert.That(point.ToLineProtocol(), Is.EqualTo(
            $"{new string('m', 600)},{key}={value.Replace(" ", "\\ ", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)} {key}f=\"{value}\""));
    }

    [Test]
    public void Tags_and_fields_keep_the_order_they_were_added_in()
        => Assert.That(Cpu().Tag("z", "1").Tag("a", "2").Field("y", 1L).Field("b", 2L).ToLineProtocol(), Is.EqualTo("cpu,z=1,a=2 y=1i,b=2i"));

    [Test]
    public void A_tag_set_twice_keeps_its_place_and_takes_the_last_value()
        => Assert.That(Cpu().Tag("host", "a").Tag("region", "eu").Tag("host", 7).Field("v", 1L).ToLineProtocol(), Is.EqualTo("cpu,host=7,region=eu v=1i"));

    [Test]
    public void A_field_set_twice_keeps_its_place_and_takes_the_last_value()
        => Assert.That(Cpu().Field("a", 1L).Field("b", 2L).Field("a", "longer text").ToLineProtocol(), Is.EqualTo("cpu a=\"longer text\",b=2i"));

    [Test]
    public void A_null_or_empty_value_removes_a_tag_set_before()
        => Assert.That(Cpu().Tag("a", "1").Tag("b", "2").Tag("c", 3).Tag("a", (string?)null).Tag("b", string.Empty).Tag("c", (long?)null).Field("v", 1L).ToLineProtocol(), Is.EqualTo("cpu v=1i"));

    [Test]
    public void A_null_value_removes_a_field_set_before()
        => Assert.That(Cpu().Field("a", 1L).Field("b", 2.5).Field("a", (long?)null).ToLineProtocol(), Is.EqualTo("cpu b=2.5"));

    [Test]
    public void A_point_can_be_written_many_times_and_grows_between_writes()
    {
        Point point = Cpu().Field("a", 1L);
        string first = point.ToLineProtocol();
        point.Tag("host", "h").Field("b", 2L);
        Assert.That(new[] { first, point.ToLineProtocol(), point.ToLineProtocol() }, Is.EqualTo(new[] { "cpu a=1i", "cpu,host=h a=1i,b=2i", "cpu,host=h a=1i,b=2i" }));
    }

    [Test]
    public void A_point_without_time_is_written_without_one_so_the_server_stamps_it()
        => Assert.That(Write(Cpu().Field("v", 1L)), Is.EqualTo("cpu v=1i\n"));

    [Test]
    public void An_unspecified_DateTime_is_UTC()
        => Assert.That(Cpu().Field("v", 1L).Time(new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Unspecified)).ToLineProtocol(), Is.EqualTo("cpu v=1i 1257894000000000000"));

    [Test]
    public void A_local_DateTime_is_converted_to_UTC()
    {
        var utc = new DateTime(2009, 11, 10, 23, 0, 0, 123, DateTimeKind.Utc);
        Assert.That(Cpu().Field("v", 1L).Time(utc.ToLocalTime()).ToLineProtocol(), Is.EqualTo("cpu v=1i 1257894000123000000"));
    }

    [Test]
    public void A_DateTimeOffset_is_converted_from_its_offset()
        => Assert.That(Cpu().Field("v", 1L).Time(new DateTimeOffset(2009, 11, 11, 0, 0, 0, TimeSpan.FromHours(1))).ToLineProtocol(), Is.EqualTo("cpu v=1i 1257894000000000000"));

    [Test]
    public void The_last_time_set_wins()
        => Assert.That(Cpu().Field("v", 1L).Time(5).Time(6).ToLineProtocol(), Is.EqualTo("cpu v=1i 6"));

    [TestCase(WritePrecision.Nanoseconds, 1_500_000_000_123_456_789L, "1500000000123456789")]
    [TestCase(WritePrecision.Microseconds, 1_500_000_000_123_456_789L, "1500000000123456")]
    [TestCase(WritePrecision.Milliseconds, 1_500_000_000_123_456_789L, "1500000000123")]
    [TestCase(WritePrecision.Seconds, 1_500_000_000_123_456_789L, "1500000000")]
    [TestCase(WritePrecision.Minutes, 1_500_000_000_123_456_789L, "25000000")]
    [TestCase(WritePrecision.Hours, 1_500_000_000_123_456_789L, "416666")]
    [TestCase(WritePrecision.Microseconds, -1L, "-1")]
    [TestCase(WritePrecision.Seconds, -1_000_000_001L, "-2")]
    public void The_precision_floors_the_time(WritePrecision precision, long nanoseconds, string expected)
        => Assert.That(Cpu().Field("v", 1L).Time(nanoseconds).ToLineProtocol(new LineProtocolOptions(precision)), Is.EqualTo("cpu v=1i " + expected));

    [Test]
    public void Per_call_extra_tags_are_written_after_the_points_own_tags()
    {
        var options = new LineProtocolOptions(WritePrecision.Nanoseconds, [new("region", "eu west"), new("skipped", null)]);
        Assert.That(Write(Cpu().Tag("host", "a").Field("v", 1L), options), Is.EqualTo("cpu,host=a,region=eu\\ west v=1i\n"));
        Assert.That(Write(Cpu().Field("v", 1L), options), Is.EqualTo("cpu,region=eu\\ west v=1i\n"));
    }

    public sealed record BadCall(string Rule, Func<Point> Build, string? Member, string MessagePart)
    {
        public override string ToString() => Rule;
    }

    public static IEnumerable<BadCall> BadCalls()
    {
        yield return new("null measurement", () => Point.Measurement(null!), "measurement", "null or empty");
        yield return new("empty measurement", () => Point.Measurement(string.Empty), "measurement", "null or empty");
        yield return new("measurement starting with #", () => Point.Measurement("#cpu"), "measurement", "comment");
        yield return new("newline in the measurement", () => Point.Measurement("cpu\nload"), "measurement", "newline");
        yield return new("measurement ending with a backslash", () => Point.Measurement("cpu\\"), "measurement", "ends with a backslash");
        yield return new("tag key time", () => Cpu().Tag("time", "x"), "time", "reserves for the timestamp");
        yield return new("tag key time with a null value", () => Cpu().Tag("time", (string?)null), "time", "reserves for the timestamp");
        yield return new("field key time", () => Cpu().Field("time", 1.0), "time", "reserves for the timestamp");
        yield return new("field key time with a null value", () => Cpu().Field("time", (double?)null), "time", "reserves for the timestamp");
        yield return new("empty tag key", () => Cpu().Tag(string.Empty, "x"), null, "tag keys is null or empty");
        yield return new("null field key", () => Cpu().Field(null!, 1L), null, "field keys is null or empty");
        yield return new("newline in a tag key", () => Cpu().Tag("a\nb", "x"), "a\nb", "newline");
        yield return new("newline in a field key", () => Cpu().Field("a\nb", 1L), "a\nb", "newline");
        yield return new("backslash before a comma in a tag key", () => Cpu().Tag("a\\,b", "x"), "a\\,b", "backslash right before");
        yield return new("newline in a tag value", () => Cpu().Tag("host", "a\nb"), "host", "newline");
        yield return new("tag value ending with a backslash", () => Cpu().Tag("host", "ab\\"), "host", "ends with a backslash");
        yield return new("unpaired surrogate in a tag value", () => Cpu().Tag("host", "\uD800"), "host", "surrogate");
        yield return new("newline in a char tag", () => Cpu().Tag("c", '\n'), "c", "newline");
        yield return new("NaN double", () => Cpu().Field("v", double.NaN), "v", "not a finite number");
        yield return new("+Infinity double", () => Cpu().Field("v", double.PositiveInfinity), "v", "not a finite number");
        yield return new("-Infinity nullable double", () => Cpu().Field("v", (double?)double.NegativeInfinity), "v", "not a finite number");
        yield return new("NaN float", () => Cpu().Field("v", float.NaN), "v", "not a finite number");
        yield return new("unsigned value above long.MaxValue", () => Cpu().Field("v", (ulong)long.MaxValue + 1), "v", "signed 64-bit");
        yield return new("unpaired surrogate in a string field", () => Cpu().Field("s", "\uDC00"), "s", "surrogate");
        yield return new("tag key already used by a field", () => Cpu().Field("k", 1L).Tag("k", "x"), "k", "both by a tag and by a field");
        yield return new("field key already used by a tag", () => Cpu().Tag("k", "x").Field("k", 1L), "k", "both by a tag and by a field");
        yield return new("time long.MinValue", () => Cpu().Time(long.MinValue), "time", "outside the range");
        yield return new("time long.MaxValue", () => Cpu().Time(long.MaxValue), "time", "outside the range");
        yield return new("DateTime.MinValue", () => Cpu().Time(DateTime.MinValue), "time", "outside the range");
        yield return new("DateTimeOffset after 2262", () => Cpu().Time(new DateTimeOffset(2262, 4, 12, 0, 0, 0, TimeSpan.Zero)), "time", "outside the range");
    }

    [TestCaseSource(nameof(BadCalls))]
    public void A_value_line_protocol_cannot_carry_throws_at_the_call_that_adds_it(BadCall bad)
    {
        LineProtocolException? exception = Assert.Throws<LineProtocolException>(() => bad.Build());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.PointType, Is.EqualTo("Point"));
            Assert.That(exception.Member, Is.EqualTo(bad.Member));
            Assert.That(exception.Message, Does.Contain(bad.MessagePart));
            Assert.That(exception.Message, Does.StartWith("Cannot write Point"));
            Assert.That(exception, Is.InstanceOf<InfluxDBException>());
        }
    }

    [Test]
    public void A_rejected_call_leaves_the_point_as_it_was()
    {
        Point point = Cpu().Tag("host", "a").Field("v", 1.5).Time(1);
        Assert.That(() => point.Field("v", double.NaN), Throws.InstanceOf<LineProtocolException>());
        Assert.That(() => point.Tag("host", "x\ny"), Throws.InstanceOf<LineProtocolException>());
        Assert.That(() => point.Tag("v", "x"), Throws.InstanceOf<LineProtocolException>());
        Assert.That(() => point.Time(long.MaxValue), Throws.InstanceOf<LineProtocolException>());
        Assert.That(point.ToLineProtocol(), Is.EqualTo("cpu,host=a v=1.5 1"));
    }

    [Test]
    public void A_point_without_a_field_throws_when_written_and_leaves_the_writer_untouched()
    {
        var writer = new ArrayBufferWriter<byte>();
        Cpu().Field("before", 1L).WriteLineProtocol(writer);
        int before = writer.WrittenCount;
        Point point = Cpu().Tag("host", "a").Field("v", 1L).Field("v", (long?)null);

        LineProtocolException? exception = Assert.Throws<LineProtocolException>(() => point.WriteLineProtocol(writer));

        Assert.That(writer.WrittenCount, Is.EqualTo(before));
        Assert.That(exception!.PointType, Is.EqualTo("Point"));
        Assert.That(exception.Member, Is.Null);
        Assert.That(exception.Message, Does.Contain("no field"));
    }

    [Test]
    public void Writing_a_built_point_allocates_nothing()
    {
        Point point = Point.Measurement("cpu load")
            .Tag("host", "server 01").Tag("core", 3)
            .Field("value", 0.64).Field("count", 10).Field("note", "a \"b\"")
            .Time(DateTime.UtcNow);
        var options = new LineProtocolOptions(WritePrecision.Milliseconds, [new("region", "eu")]);
        var writer = new ArrayBufferWriter<byte>(1 << 16);
        point.WriteLineProtocol(writer, options);
        writer.ResetWrittenCount();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            point.WriteLineProtocol(writer, options);
            writer.ResetWrittenCount();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
