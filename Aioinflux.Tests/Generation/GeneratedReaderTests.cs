using System.Globalization;
using System.Text;
using Aioinflux.Query;
using Aioinflux.Serialization;
using Aioinflux.Tests.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Generation;

/// <summary>
/// The generated row readers, fed /query responses: columns fill the members written with the same keys, <c>GROUP BY</c>
/// tags fill tag members, every member type converts as documented, missing values leave null or the default, and a
/// value that cannot be read is an error naming the column, the member and the value.
/// </summary>
public class GeneratedReaderTests
{
    // 2015-08-18T00:00:00Z
    private const long Start = 1_439_856_000_000_000_000;

    private static readonly Guid SomeGuid = new("34a1e085-3122-429c-9662-7ce82039d287");

    private static List<T> Read<T>(string json, WritePrecision? epoch = WritePrecision.Nanoseconds)
        where T : IQueryReadable<T>
        => QueryResponseParser.ReadRows(new MemoryStream(Encoding.UTF8.GetBytes(json)), T.QueryRowReader, new QueryReadOptions { Epoch = epoch }).ToList();

    /// <summary>A response of one statement holding the given series (JSON objects).</summary>
    private static string Response(params string[] series) => "{\"results\":[{\"statement_id\":0,\"series\":[" + string.Join(",", series) + "]}]}";

    private static string Failure<T>(string json, WritePrecision? epoch = WritePrecision.Nanoseconds)
        where T : IQueryReadable<T>
        => Assert.Throws<InfluxDBException>(() => Read<T>(json, epoch))!.Message;

    [Test]
    public void Columns_fill_a_positional_record_by_the_keys_it_writes_and_other_columns_are_ignored()
    {
        string json = Response("""
            {"name":"trades","columns":["time","Instrument","Price","Side","Size","exchange","trade_id","unrelated"],
             "values":[[1540184368785116000,"AAPL",219.23,"Buy",100,"NASDAQ","34a1e085",1.5]]}
            """);

        List<Trade> trades = Read<Trade>(json);

        Assert.That(trades, Is.EqualTo(new[] { new Trade(1540184368785116000, "AAPL", Side.Buy, 219.23, 100, "34a1e085") }));
    }

    [Test]
    public void Integer_tokens_widen_into_double_members()
    {
        string json = Response("""
            {"name":"trades","columns":["time","Price","Size"],"values":[[1,3,1],[2,100000000000000000000,2],[3,-0,3]]}
            """);

        List<Trade> trades = Read<Trade>(json);

        Assert.That(trades.Select(t => t.Price), Is.EqualTo(new[] { 3.0, 1e20, 0.0 }), "influxd writes the float 3.0 as 3");
    }

    [TestCase("1439856360123456789", WritePrecision.Nanoseconds, 1_439_856_360_123_456_789L)]
    [TestCase("1439856360123", WritePrecision.Milliseconds, 1_439_856_360_123_000_000L)]
    [TestCase("1439856360", WritePrecision.Seconds, 1_439_856_360_000_000_000L)]
    [TestCase("\"2015-08-18T00:06:00.123456789Z\"", null, 1_439_856_360_123_456_789L)]
    [TestCase("\"2015-08-18T00:06:00Z\"", null, 1_439_856_360_000_000_000L)]
    public void Time_members_read_integers_in_the_querys_epoch_and_rfc3339_strings(string time, WritePrecision? epoch, long nanoseconds)
    {
        string json = Response($$"""{"name":"m","columns":["time","Price","Value","Count","At","Message","Kind"],"values":[[{{time}},1,1,1,{{time}},"m","k"]]}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Read<Trade>(json, epoch).Single().Timestamp, Is.EqualTo(nanoseconds), "long, [TimeInt]");
            Assert.That(Read<PlainParameters>(json, epoch).Single().Time, Is.EqualTo(nanoseconds), "long?, [TimeInt]");
            Assert.That(Read<EveryType>(json, epoch).Single().Time, Is.EqualTo(LineProtocolTime.ToDateTime(nanoseconds)), "DateTime?");
            Assert.That(Read<EveryType>(json, epoch).Single().Time!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(Read<Event>(json, epoch).Single().At, Is.EqualTo(new DateTimeOffset(LineProtocolTime.ToDateTime(nanoseconds))), "DateTimeOffset");
            Assert.That(Read<Event>(json, epoch).Single().At.Offset, Is.EqualTo(TimeSpan.Zero));
        }
    }

    [TestCase("\"2015-08-18T00:06:00.123456789Z\"", null, "2015-08-18T00:06:00.123456789Z")]
    [TestCase("\"2015-08-18T01:06:00+01:00\"", null, "2015-08-18T01:06:00+01:00")]
    [TestCase("1439856360123456789", WritePrecision.Nanoseconds, "2015-08-18T00:06:00.123456789Z")]
    [TestCase("1439856360120000000", WritePrecision.Nanoseconds, "2015-08-18T00:06:00.12Z")]
    [TestCase("1439856000000000000", WritePrecision.Nanoseconds, "2015-08-18T00:00:00Z")]
    [TestCase("1439856360120", WritePrecision.Milliseconds, "2015-08-18T00:06:00.12Z")]
    [TestCase("-1", WritePrecision.Nanoseconds, "1969-12-31T23:59:59.999999999Z")]
    [TestCase("null", WritePrecision.Nanoseconds, null)]
    public void String_time_members_keep_the_servers_text_and_format_integer_times_as_the_server_does(string time, WritePrecision? epoch, string? text)
    {
        string json = Response($$"""{"name":"gauges","columns":["time","Device","Level"],"values":[[{{time}},"pump",3]]}""");

        Gauge gauge = Read<Gauge>(json, epoch).Single();

        Assert.That(gauge.Time, Is.EqualTo(text));
    }

    [Test]
    public void Every_member_type_reads_what_the_writer_writes()
    {
        string json = Response($$"""
            {"name":"every type",
             "columns":["time","FieldBool","FieldByte","FieldChar","FieldDecimal","FieldDouble","FieldEnum","FieldFloat","FieldInt","FieldLong",
                        "FieldNullableDouble","FieldNullableEnum","FieldNullableInt","FieldSByte","FieldShort","FieldString","FieldUInt","FieldULong","FieldUShort",
                        "TagBool","TagChar","TagEnum","TagGuid","TagInt","TagNullableEnum","TagNullableLong","TagULong","tag string"],
             "values":[[{{Start}},true,255,"\"",0.1,5e-324,"Both",0.1,-2147483648,-9223372036854775808,
                        -1.5,"12",7,-128,-32768,"quote \" backslash \\ newline \n é 漢字 🎉",4294967295,9223372036854775807,65535,
                        "true","=","Sell","{{SomeGuid}}","-42","Buy","-9223372036854775808","18446744073709551615","a,b=c d"]]}
            """);

        EveryType point = Read<EveryType>(json).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(point.Time, Is.EqualTo(LineProtocolTime.ToDateTime(Start)));
            Assert.That(point.FieldBool, Is.True);
            Assert.That(point.FieldByte, Is.EqualTo(byte.MaxValue));
            Assert.That(point.FieldChar, Is.EqualTo('"'));
            Assert.That(point.FieldDecimal, Is.EqualTo(0.1m), "decimals are read from the number's text, exactly");
            Assert.That(point.FieldDouble, Is.EqualTo(double.Epsilon));
            Assert.That(point.FieldEnum, Is.EqualTo(Venue.Both));
            Assert.That(point.FieldFloat, Is.EqualTo(0.1f));
            Assert.That(point.FieldInt, Is.EqualTo(int.MinValue));
            Assert.That(point.FieldLong, Is.EqualTo(long.MinValue));
            Assert.That(point.FieldNullableDouble, Is.EqualTo(-1.5));
            Assert.That(point.FieldNullableEnum, Is.EqualTo((Venue)12), "a value without a name is written, and read, as its number");
            Assert.That(point.FieldNullableInt, Is.EqualTo(7));
            Assert.That(point.FieldSByte, Is.EqualTo(sbyte.MinValue));
            Assert.That(point.FieldShort, Is.EqualTo(short.MinValue));
            Assert.That(point.FieldString, Is.EqualTo("quote \" backslash \\ newline \n é 漢字 🎉"));
            Assert.That(point.FieldUInt, Is.EqualTo(uint.MaxValue));
            Assert.That(point.FieldULong, Is.EqualTo((ulong)long.MaxValue));
            Assert.That(point.FieldUShort, Is.EqualTo(ushort.MaxValue));
            Assert.That(point.TagBool, Is.True, "tags are text: \"true\"");
            Assert.That(point.TagChar, Is.EqualTo('='));
            Assert.That(point.TagEnum, Is.EqualTo(Side.Sell));
            Assert.That(point.TagGuid, Is.EqualTo(SomeGuid));
            Assert.That(point.TagInt, Is.EqualTo(-42));
            Assert.That(point.TagNullableEnum, Is.EqualTo(Side.Buy));
            Assert.That(point.TagNullableLong, Is.EqualTo(long.MinValue));
            Assert.That(point.TagULong, Is.EqualTo(ulong.MaxValue));
            Assert.That(point.TagString, Is.EqualTo("a,b=c d"));
        }
    }

    [Test]
    public void Null_and_missing_values_leave_nullable_members_null_and_others_their_default()
    {
        string json = Response("""
            {"name":"every type","columns":["time","FieldDouble","FieldNullableDouble","FieldNullableEnum","FieldNullableInt","FieldString","TagEnum","TagInt","TagNullableEnum","TagNullableLong","tag string"],
             "values":[[1,null,null,null,null,null,null,null,null,null,null]]}
            """);

        EveryType point = Read<EveryType>(json).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(point.FieldDouble, Is.Zero);
            Assert.That(point.FieldNullableDouble, Is.Null);
            Assert.That(point.FieldNullableEnum, Is.Null);
            Assert.That(point.FieldNullableInt, Is.Null);
            Assert.That(point.FieldString, Is.Null);
            Assert.That(point.TagEnum, Is.EqualTo(default(Side)));
            Assert.That(point.TagInt, Is.Zero);
            Assert.That(point.TagNullableEnum, Is.Null);
            Assert.That(point.TagNullableLong, Is.Null);
            Assert.That(point.TagString, Is.Null);
            Assert.That(point.TagChar, Is.EqualTo('\0'), "a missing column leaves the default, not the property's initializer ('c')");
            Assert.That(point.FieldBool, Is.False);
        }
    }

    [Test]
    public void A_missing_non_nullable_string_is_empty_and_a_nullable_one_null()
    {
        string json = Response("""{"name":"trades","columns":["time","Size"],"values":[[1,2]]}""", """{"name":"Sparse","columns":["time"],"values":[[1]]}""");

        Assert.That(Read<Trade>(json).First(), Is.EqualTo(new Trade(1, string.Empty, Side.Buy, 0, 2, string.Empty)));
        Assert.That(Read<Sparse>(json).Last(), Has.Property(nameof(Sparse.Host)).Null.And.Property(nameof(Sparse.Value)).Null.And.Property(nameof(Sparse.Note)).Null.And.Property(nameof(Sparse.Time)).EqualTo(1));
    }

    [Test]
    public void Group_by_tags_fill_tag_members_of_every_type_series_by_series_and_empty_ones_are_missing()
    {
        string json = Response(
            $$"""
            {"name":"every type","tags":{"tag string":"a b","TagBool":"true","TagChar":"é","TagEnum":"Sell","TagGuid":"{{SomeGuid}}","TagInt":"-42",
                                         "TagNullableEnum":"7","TagNullableLong":"5","TagULong":"18446744073709551615"},
             "columns":["time","FieldDouble"],"values":[[1,1.5],[2,2.5]]}
            """,
            """{"name":"every type","tags":{"tag string":"","TagEnum":"","TagInt":"1","TagNullableLong":""},"columns":["time","FieldDouble"],"values":[[3,3.5]]}""");

        List<EveryType> points = Read<EveryType>(json);

        Assert.That(points, Has.Count.EqualTo(3));
        EveryType first = points[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.TagString, Is.EqualTo("a b"));
            Assert.That(first.TagBool, Is.True);
            Assert.That(first.TagChar, Is.EqualTo('é'));
            Assert.That(first.TagEnum, Is.EqualTo(Side.Sell));
            Assert.That(first.TagGuid, Is.EqualTo(SomeGuid));
            Assert.That(first.TagInt, Is.EqualTo(-42));
            Assert.That(first.TagNullableEnum, Is.EqualTo((Side)7));
            Assert.That(first.TagNullableLong, Is.EqualTo(5));
            Assert.That(first.TagULong, Is.EqualTo(ulong.MaxValue));
            Assert.That(points[1].TagEnum, Is.EqualTo(Side.Sell), "every row of the series");
            Assert.That(points[2].TagInt, Is.EqualTo(1), "the next series' own tags");
            Assert.That(points[2].TagString, Is.Null, "GROUP BY gives series without the tag an empty value: missing");
            Assert.That(points[2].TagEnum, Is.EqualTo(default(Side)));
            Assert.That(points[2].TagNullableLong, Is.Null);
            Assert.That(points.Select(p => p.FieldDouble), Is.EqualTo(new[] { 1.5, 2.5, 3.5 }));
        }
    }

    [Test]
    public void Enums_read_names_and_the_numbers_of_values_without_one()
    {
        string json = Response("""
            {"name":"quotes","columns":["time","Venue","bid","symbol"],"values":[[1,"Nyse",1,"A"],[2,"Nasdaq",1,"B"],[3,"9",1,"C"],[4,null,1,"D"]]}
            """);

        Assert.That(Read<Quote>(json).Select(q => q.Venue), Is.EqualTo(new Exchange?[] { Exchange.Nyse, Exchange.Nasdaq, (Exchange)9, null }));
    }

    [Test]
    public void An_unknown_enum_name_is_an_error_naming_the_column_the_member_and_the_value()
    {
        string message = Failure<Trade>(Response("""{"name":"trades","columns":["time","Side"],"values":[[1,"Buy"],[2,"Hold"]]}"""));

        Assert.That(message, Is.EqualTo(
            "Cannot read a Trade from the query result: Column 'Side' of series 'trades' (statement 0, row 1) holds the string \"Hold\", which is neither "
            + "a name of Side nor a number, so it cannot be read into Trade.Side. Was a member of Side renamed or removed since the point was written?"));
    }

    [Test]
    public void An_unknown_enum_name_in_a_group_by_tag_is_an_error_naming_the_tag_the_member_and_the_value()
    {
        string message = Failure<Trade>(Response("""{"name":"trades","tags":{"Side":"Hold"},"columns":["time","Price"],"values":[[1,2]]}"""));

        Assert.That(message, Does.Contain("The GROUP BY tag 'Side' of series 'trades' (statement 0) is \"Hold\", which is neither a name of Side nor a number, so it cannot be read into Trade.Side."));
    }

    [TestCase("Price", "\"high\"", "the string \"high\", which cannot be read into Trade.Price (a Double)")]
    [TestCase("Size", "1.5", "the number 1.5, which cannot be read into Trade.Size (an Int64)")]
    [TestCase("Size", "true", "true, which cannot be read into Trade.Size (an Int64)")]
    [TestCase("trade_id", "42", "the number 42, which cannot be read into Trade.TradeId (a String)")]
    [TestCase("time", "\"yesterday\"", "the string \"yesterday\", which cannot be read into Trade.Timestamp (a time (an integer in the query's epoch, or an RFC 3339 string))")]
    public void A_value_of_the_wrong_json_type_is_an_error_naming_the_column_the_member_and_the_value(string column, string value, string expected)
    {
        string message = Failure<Trade>(Response($$"""{"name":"trades","columns":["{{column}}"],"values":[[{{value}}]]}"""));

        Assert.That(message, Is.EqualTo($"Cannot read a Trade from the query result: Column '{column}' of series 'trades' (statement 0, row 0) holds {expected}."));
    }

    [TestCase("FieldInt", "2147483648", "the number 2147483648, which is out of the range of EveryType.FieldInt (an Int32)")]
    [TestCase("FieldByte", "256", "the number 256, which is out of the range of EveryType.FieldByte (a Byte)")]
    [TestCase("FieldSByte", "-129", "the number -129, which is out of the range of EveryType.FieldSByte (an SByte)")]
    [TestCase("FieldUInt", "-1", "the number -1, which is out of the range of EveryType.FieldUInt (a UInt32)")]
    [TestCase("FieldULong", "18446744073709551616", "the number 18446744073709551616, which cannot be read into EveryType.FieldULong (a UInt64)")]
    [TestCase("FieldFloat", "1e39", "the number 1e39, which is out of the range of EveryType.FieldFloat (a Single)")]
    [TestCase("TagInt", "\"2147483648\"", "the string \"2147483648\", which cannot be read into EveryType.TagInt (an Int32)")]
    [TestCase("TagGuid", "\"not a guid\"", "the string \"not a guid\", which cannot be read into EveryType.TagGuid (a Guid)")]
    [TestCase("FieldChar", "\"ab\"", "the string \"ab\", which cannot be read into EveryType.FieldChar (a Char)")]
    public void A_value_beyond_its_member_is_an_error_rather_than_wrapped(string column, string value, string expected)
    {
        string message = Failure<EveryType>(Response($$"""{"name":"every type","columns":["{{column}}"],"values":[[{{value}}]]}"""));

        Assert.That(message, Does.Contain($"Column '{column}' of series 'every type' (statement 0, row 0) holds {expected}."));
    }

    [Test]
    public void A_group_by_tag_that_is_not_a_value_of_its_member_is_an_error()
    {
        string message = Failure<EveryType>(Response("""{"name":"every type","tags":{"TagInt":"many"},"columns":["time"],"values":[[1]]}"""));

        Assert.That(message, Does.Contain("The GROUP BY tag 'TagInt' of series 'every type' (statement 0) is \"many\", which cannot be read into EveryType.TagInt (an Int32)."));
    }

    [Test]
    public void The_measurement_member_reads_the_series_name()
    {
        string json = Response(
            """{"name":"cpu","columns":["time","host","value"],"values":[[1,"a",0.5]]}""",
            """{"name":"mem","tags":{"host":"b"},"columns":["time","value"],"values":[[2,1024]]}""");

        Assert.That(Read<Metric>(json), Is.EqualTo(new[] { new Metric("cpu", "a", 0.5, 1), new Metric("mem", "b", 1024, 2) }));
    }

    [Test]
    public void An_init_only_class_is_filled_in_an_object_initializer()
    {
        string json = Response("""
            {"name":"quotes","columns":["time","Count","Ratio","Venue","ask","bid","symbol"],"values":[["2020-02-29T17:00:00.5Z",3,0.25,"Nasdaq",null,101.25,"AAPL"]]}
            """);

        Quote quote = Read<Quote>(json, epoch: null).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(quote.Symbol, Is.EqualTo("AAPL"));
            Assert.That(quote.Venue, Is.EqualTo(Exchange.Nasdaq));
            Assert.That(quote.Bid, Is.EqualTo(101.25m));
            Assert.That(quote.Ask, Is.Null);
            Assert.That(quote.Ratio, Is.EqualTo(0.25f));
            Assert.That(quote.Count, Is.EqualTo(3));
            Assert.That(quote.At, Is.EqualTo(new DateTimeOffset(2020, 2, 29, 17, 0, 0, 500, TimeSpan.Zero)));
        }
    }

    [Test]
    public void Constructor_parameters_and_settable_members_are_both_filled()
    {
        string json = Response("""{"name":"gauges","columns":["time","Alarm","Device","Level"],"values":[[1439856000000000000,true,"pump",7],[1439856000000000001,null,"valve",null]]}""");

        List<Gauge> gauges = Read<Gauge>(json);

        Assert.That(gauges.Select(g => (g.Device, g.Level, g.Alarm, g.Time)), Is.EqualTo(new[]
        {
            ("pump", 7, (bool?)true, "2015-08-18T00:00:00Z"),
            ("valve", 0, (bool?)null, "2015-08-18T00:00:00.000000001Z"),
        }));
    }

    [Test]
    public void A_struct_with_private_readonly_members_is_created_through_its_constructor()
    {
        string json = Response("""{"name":"living room","columns":["time","_","sensor","value"],"values":[["2009-11-10T22:00:00.123456789Z",true,"t,1",21.5],["2009-11-10T22:00:01Z",true,null,null]]}""");

        List<Reading> readings = Read<Reading>(json, epoch: null);

        Assert.That(readings, Is.EqualTo(new[]
        {
            new Reading("living room", "t,1", 21.5, "2009-11-10T22:00:00.123456789Z"),
            new Reading("living room", null, null, "2009-11-10T22:00:01Z"),
        }));
    }

    [Test]
    public void Records_nested_types_and_record_structs_read_their_members()
    {
        string json = Response(
            """{"name":"PlainParameters","columns":["time","Host","Value"],"values":[[5,"host a",0.64]]}""",
            """{"name":"Nested","columns":["time","Count"],"values":[[6,41]]}""",
            """{"name":"events","columns":["time","Kind","Message"],"values":[[1582995600000000000,"deploy","v1.2 \"released\""]]}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Read<PlainParameters>(json).First(), Is.EqualTo(new PlainParameters("host a", 0.64, 5)));
            Assert.That(Read<Outer.Nested>(json).ElementAt(1).Count, Is.EqualTo(41));
            Assert.That(Read<Event>(json).Last(), Is.EqualTo(new Event("deploy", "v1.2 \"released\"", new DateTimeOffset(2020, 2, 29, 17, 0, 0, TimeSpan.Zero))));
        }
    }

    [TestCase("select_epoch_ns.json", WritePrecision.Nanoseconds)]
    [TestCase("select_epoch_ms.json", WritePrecision.Milliseconds)]
    [TestCase("select_rfc3339.json", null)]
    [TestCase("group_by_host.json", WritePrecision.Nanoseconds)]
    [TestCase("multi_statement.json", WritePrecision.Seconds)]
    [TestCase("chunked_size_1.ndjson", WritePrecision.Nanoseconds)]
    public void The_generated_reader_reads_the_captured_responses_as_the_hand_written_one_does(string file, WritePrecision? epoch)
    {
        var options = new QueryReadOptions { Epoch = epoch };

        List<CpuReading> generated = QueryResponseParser.ReadRows(new MemoryStream(Bytes(file)), CpuReading.QueryRowReader, options).ToList();
        List<CpuReading> handWritten = QueryResponseParser.ReadRows(new MemoryStream(Bytes(file)), new CpuReadingReader(), options).ToList();

        Assert.That(generated, Is.Not.Empty);
        Assert.That(generated, Is.EqualTo(handWritten));
    }

    [Test]
    public async Task Rows_split_anywhere_across_reads_give_the_same_values()
    {
        byte[] json = Encoding.UTF8.GetBytes(Response($$"""
            {"name":"every type","tags":{"TagEnum":"Sell"},"columns":["time","FieldString","FieldNullableEnum","TagGuid","FieldDecimal"],
             "values":[[1,"é 漢字 🎉 \" \\","Lit","{{SomeGuid}}",0.1],[2,"x","12",null,-1.5]]}
            """));
        List<EveryType> whole = QueryResponseParser.ReadRows(new MemoryStream(json), EveryType.QueryRowReader).ToList();

        var split = new List<EveryType>();
        await foreach (EveryType point in QueryResponseParser.ReadRowsAsync(new ScriptedPipeReader(Split(json, Ones())), EveryType.QueryRowReader))
        {
            split.Add(point);
        }

        Assert.That(split.Select(Describe), Is.EqualTo(whole.Select(Describe)));
        Assert.That(whole[0].FieldString, Is.EqualTo("é 漢字 🎉 \" \\"));

        static string Describe(EveryType p) => string.Create(CultureInfo.InvariantCulture, $"{p.Time}|{p.TagEnum}|{p.FieldString}|{p.FieldNullableEnum}|{p.TagGuid}|{p.FieldDecimal}");
    }

    [Test]
    public void Reading_records_allocates_the_records_and_nothing_else_per_row()
    {
        // Metric: header and method table (16) + Name, Host (2 × 8) + double (8) + long? (16) = 56 bytes. The name is
        // the series' and the host a repeated value the parser shares, so no string per row.
        const int Rows = 20_000;
        byte[] json = Synthetic(Rows, i => $"[{i},\"server01\",{i}.5]", "\"time\",\"host\",\"value\"");

        double perRow = AllocatedPerRow<Metric>(json, Rows);

        Assert.That(perRow, Is.LessThan(56 + 8), $"{perRow:F1} bytes per row");
    }

    [Test]
    public void Reading_records_with_a_string_per_row_allocates_the_record_and_the_string()
    {
        // Trade: 16 + Instrument, TradeId (2 × 8) + Timestamp, Price, Size (3 × 8) + Side (4, padded to 8) = 64 bytes;
        // a 9-character string: 16 + length (4) + 10 chars (20), rounded up to 8 = 40 bytes.
        const int Rows = 20_000;
        byte[] json = Synthetic(Rows, i => string.Create(CultureInfo.InvariantCulture, $"[{i},\"AAPL\",\"Buy\",{i}.25,{i},\"id-{i % 1_000_000:D6}\"]"), "\"time\",\"Instrument\",\"Side\",\"Price\",\"Size\",\"trade_id\"", "trades");

        double perRow = AllocatedPerRow<Trade>(json, Rows);

        Assert.That(perRow, Is.LessThan(64 + 40 + 8), $"{perRow:F1} bytes per row");
    }

    [Test]
    public void Reading_structs_allocates_nothing_per_row()
    {
        const int Rows = 20_000;
        byte[] json = Synthetic(Rows, i => $"[{i},\"deploy\",\"done\"]", "\"time\",\"Kind\",\"Message\"", "events");

        double perRow = AllocatedPerRow<Event>(json, Rows);

        Assert.That(perRow * Rows, Is.LessThan(8 * 1024), $"{perRow * Rows:F0} bytes for {Rows} rows: only per-response objects");
    }

    private static double AllocatedPerRow<T>(byte[] json, int rows)
        where T : IQueryReadable<T>
    {
        var sink = new CountingSink<T>(T.QueryRowReader);
        QueryResponseParser.Parse(new MemoryStream(json), sink); // warm up: JIT, statics, the string cache's arrays
        sink.Rows = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        QueryResponseParser.Parse(new MemoryStream(json), sink);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(sink.Rows, Is.EqualTo(rows));
        TestContext.Out.WriteLine($"{typeof(T).Name}: {allocated} bytes for {rows} rows, {allocated / (double)rows:F2} per row");
        return allocated / (double)rows;
    }

    private static byte[] Synthetic(int rows, Func<int, string> row, string columns, string name = "cpu")
    {
        var json = new StringBuilder("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"" + name + "\",\"columns\":[" + columns + "],\"values\":[");
        for (int i = 0; i < rows; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(row(i));
        }

        return Encoding.UTF8.GetBytes(json.Append("]}]}]}\n").ToString());
    }

    /// <summary>Reads every row through a generated reader and keeps only a count, so that only the reading allocates.</summary>
    private sealed class CountingSink<T>(IQueryRowReader<T> reader) : IQueryResultSink
    {
        private QueryColumnBinding? _binding;

        public int Rows { get; set; }

        public T? Last { get; private set; }

        public void OnStatementStart(int statementId)
        {
        }

        public void OnSeriesStart(PointMetadata series) => _binding = reader.BindColumns(series);

        public void OnRow(ref QueryRowReader row)
        {
            Last = reader.ReadRow(ref row, _binding!);
            Rows++;
        }

        public void OnSeriesEnd(PointMetadata series, bool partial)
        {
        }

        public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
        {
        }

        public void OnDocumentEnd()
        {
        }
    }
}
