using Aioinflux.Serialization;
using Aioinflux.Tests.Query;
using Microsoft.Data.Analysis;

namespace Aioinflux.Tests.DataFrames;

/// <summary>
/// Query responses read into DataFrames without a server: column typing and widening, nulls, times, series identity,
/// chunks. The canned responses are influxd 1.6.7's (TestData/query).
/// </summary>
public class DataFrameParseTests
{
    private const long T0 = 1_500_000_000_000_000_000;

    private static string[] Row(long time, params string[] values) => [time.ToString(System.Globalization.CultureInfo.InvariantCulture), .. values];

    [Test]
    public void Integer_only_columns_are_Int64_and_any_float_makes_the_column_Double()
    {
        string json = FrameAssert.Response("m", ["time", "ints", "mixed", "floats"],
            Row(T0, "1", "1", "0.5"),
            Row(T0 + 1, "-9223372036854775808", "2.5", "1e3"),
            Row(T0 + 2, "9223372036854775807", "3", "-0.0"));

        DataFrame frame = FrameAssert.Parse(json).SingleFrame();

        Assert.That(frame.Columns["ints"], Is.TypeOf<Int64DataFrameColumn>());
        Assert.That(frame.Columns["ints"].Cast<long?>(), Is.EqualTo(new long?[] { 1, long.MinValue, long.MaxValue }));
        Assert.That(frame.Columns["mixed"], Is.TypeOf<DoubleDataFrameColumn>(), "the integer read before the float is widened");
        Assert.That(frame.Columns["mixed"].Cast<double?>(), Is.EqualTo(new double?[] { 1, 2.5, 3 }));
        Assert.That(frame.Columns["floats"], Is.TypeOf<DoubleDataFrameColumn>());
        Assert.That(frame.Columns["floats"].Cast<double?>(), Is.EqualTo(new double?[] { 0.5, 1000, -0.0 }));
    }

    [Test]
    public void Values_no_number_type_holds_together_make_a_string_column_and_never_an_exception()
    {
        string json = FrameAssert.Response("m", ["time", "bool_then_int", "int_then_string", "float_then_bool", "string_then_float", "bools"],
            Row(T0, "true", "7", "1.5", "\"a\"", "true"),
            Row(T0 + 1, "1", "\"x\"", "false", "2.25", "null"),
            Row(T0 + 2, "null", "-3", "2", "9007199254740993", "false"));

        DataFrame frame = FrameAssert.Parse(json).SingleFrame();

        Assert.That(frame.Columns["bool_then_int"], Is.TypeOf<StringDataFrameColumn>());
        Assert.That(frame.Columns["bool_then_int"].Cast<string?>(), Is.EqualTo(new[] { "true", "1", null }));
        Assert.That(frame.Columns["int_then_string"].Cast<string?>(), Is.EqualTo(new[] { "7", "x", "-3" }));
        Assert.That(frame.Columns["float_then_bool"].Cast<string?>(), Is.EqualTo(new[] { "1.5", "false", "2" }));
        Assert.That(frame.Columns["string_then_float"].Cast<string?>(), Is.EqualTo(new[] { "a", "2.25", "9007199254740993" }));
        Assert.That(frame.Columns["bools"], Is.TypeOf<BooleanDataFrameColumn>());
        Assert.That(frame.Columns["bools"].Cast<bool?>(), Is.EqualTo(new bool?[] { true, null, false }));
    }

    [Test]
    public void Nulls_stay_null_in_every_column_type_wherever_they_fall()
    {
        string json = FrameAssert.Response("m", ["time", "f", "i", "b", "s", "none", "widened"],
            Row(T0, "null", "null", "null", "null", "null", "1"),
            Row(T0 + 1, "1.5", "2", "true", "\"x\"", "null", "null"),
            Row(T0 + 2, "null", "null", "null", "null", "null", "2.5"),
            Row(T0 + 3, "2.5", "4", "false", "\"y\"", "null", "null"));

        DataFrame frame = FrameAssert.Parse(json).SingleFrame();

        Assert.That(frame.Columns["f"].Cast<double?>(), Is.EqualTo(new double?[] { null, 1.5, null, 2.5 }));
        Assert.That(frame.Columns["i"].Cast<long?>(), Is.EqualTo(new long?[] { null, 2, null, 4 }));
        Assert.That(frame.Columns["b"].Cast<bool?>(), Is.EqualTo(new bool?[] { null, true, null, false }));
        Assert.That(frame.Columns["s"].Cast<string?>(), Is.EqualTo(new[] { null, "x", null, "y" }));
        Assert.That(frame.Columns["none"], Is.TypeOf<DoubleDataFrameColumn>(), "a column with no value at all");
        Assert.That(frame.Columns["none"].NullCount, Is.EqualTo(4));
        Assert.That(frame.Columns["widened"].Cast<double?>(), Is.EqualTo(new double?[] { 1, null, 2.5, null }));
        Assert.That(frame.Columns.Select(c => c.NullCount), Is.EqualTo(new long[] { 0, 2, 2, 2, 2, 4, 2 }));
    }

    [Test]
    public void Long_columns_grow_and_widen_past_their_first_buffers()
    {
        const int Rows = 5_000;
        var rows = new string[Rows][];
        for (int i = 0; i < Rows; i++)
        {
            string integer = i % 7 == 3 ? "null" : (i * 3L).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string late = i == 4_321 ? "0.5" : integer;
            string text = i == 4_999 ? "\"end\"" : integer;
            string flag = i % 5 == 0 ? "null" : i % 2 == 0 ? "true" : "false";
            rows[i] = Row(T0 + i, integer, late, text, flag);
        }

        DataFrame frame = FrameAssert.Parse(FrameAssert.Response("m", ["time", "integer", "late", "text", "flag"], rows)).SingleFrame();

        Assert.That(frame.Rows, Has.Count.EqualTo(Rows));
        Assert.That(frame.Columns["late"], Is.TypeOf<DoubleDataFrameColumn>());
        Assert.That(frame.Columns["text"], Is.TypeOf<StringDataFrameColumn>());
        for (int i = 0; i < Rows; i++)
        {
            long? integer = i % 7 == 3 ? null : i * 3L;
            bool? flag = i % 5 == 0 ? null : i % 2 == 0;
            Assert.That(frame.Columns["time"][i], Is.EqualTo(LineProtocolTime.ToDateTime(T0 + i)), $"time[{i}]");
            Assert.That(frame.Columns["integer"][i], Is.EqualTo(integer), $"integer[{i}]");
            Assert.That(frame.Columns["late"][i], Is.EqualTo(i == 4_321 ? 0.5 : (double?)integer), $"late[{i}]");
            Assert.That(frame.Columns["text"][i], Is.EqualTo(i == 4_999 ? "end" : integer?.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"text[{i}]");
            Assert.That(frame.Columns["flag"][i], Is.EqualTo(flag), $"flag[{i}]");
        }
    }

    [Test]
    public void Times_read_the_same_from_nanoseconds_milliseconds_and_RFC3339_text()
    {
        DataFrame fromNanoseconds = FrameAssert.Parse(QueryTestData.Bytes("select_epoch_ns.json"), epoch: WritePrecision.Nanoseconds).SingleFrame();
        DataFrame fromText = FrameAssert.Parse(QueryTestData.Bytes("select_rfc3339.json")).SingleFrame();
        DataFrame fromMilliseconds = FrameAssert.Parse(QueryTestData.Bytes("select_epoch_ms.json"), epoch: WritePrecision.Milliseconds).SingleFrame();
        DataFrame exact = FrameAssert.Parse(QueryTestData.Bytes("select_epoch_ns.json"), new DataFrameQueryOptions { TimeColumn = DataFrameTimeColumn.Nanoseconds }, WritePrecision.Nanoseconds).SingleFrame();

        FrameAssert.AreEqual(fromNanoseconds, fromText, "(RFC 3339 text)");
        var time = (DateTimeDataFrameColumn)fromNanoseconds.Columns["time"];
        Assert.That(time.Select(t => t!.Value.Kind), Is.All.EqualTo(DateTimeKind.Utc));
        Assert.That(time[1], Is.EqualTo(new DateTime(2015, 8, 18, 0, 0, 0, DateTimeKind.Utc)), "1 ns after the second is truncated to the 100 ns tick");
        Assert.That(exact.Columns["time"], Is.TypeOf<Int64DataFrameColumn>());
        Assert.That(exact.Columns["time"][1], Is.EqualTo(1_439_856_000_000_000_001L), "nanoseconds keep every digit");
        Assert.That(((DateTimeDataFrameColumn)fromMilliseconds.Columns["time"])[2], Is.EqualTo(new DateTime(2015, 8, 18, 0, 6, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void A_group_by_answer_is_one_frame_per_series_with_its_tags()
    {
        DataFrameQueryResult result = FrameAssert.Parse(QueryTestData.Bytes("group_by_host.json"), epoch: WritePrecision.Nanoseconds);
        DataFrameQueryResult withoutTagColumns = FrameAssert.Parse(QueryTestData.Bytes("group_by_host.json"), new DataFrameQueryOptions { TagColumns = false });

        Assert.That(result, Has.Count.EqualTo(2));
        Assert.That(result.Select(s => s.Key), Is.EqualTo(new[] { "cpu,host=server01", "cpu,host=server02" }));
        Assert.That(result.Select(s => s.Tags["host"]), Is.EqualTo(new[] { "server01", "server02" }));
        Assert.That(result.Select(s => s.Name), Is.All.EqualTo("cpu"));
        Assert.That(result.Statements[0].Frames.Keys, Is.EquivalentTo(new[] { "cpu,host=server01", "cpu,host=server02" }));
        Assert.That(result.Statements[0].Frames["cpu,host=server02"], Is.SameAs(result[1].Frame));
        DataFrame server02 = result[1].Frame;
        Assert.That(server02.Columns.Select(c => c.Name), Is.EqualTo(new[] { "time", "count", "label", "ok", "region", "value", "host" }), "the tag is a column after the response's, as in aioinflux");
        Assert.That(server02.Columns["host"].Cast<string>(), Is.All.EqualTo("server02"));
        Assert.That(withoutTagColumns[1].Frame.Columns.Select(c => c.Name), Does.Not.Contain("host"));
        Assert.That(() => result.SingleFrame(), Throws.InvalidOperationException.With.Message.Contains("cpu,host=server01").And.Message.Contains("2 series"));
    }

    [Test]
    public void Every_statement_of_a_multi_statement_answer_keeps_its_series_and_errors()
    {
        DataFrameQueryResult result = FrameAssert.Parse(QueryTestData.Bytes("multi_statement.json"), epoch: WritePrecision.Seconds);
        DataFrameQueryResult failed = FrameAssert.Parse(QueryTestData.Bytes("statement_error_second.json"));

        Assert.That(result.Statements.Select(s => s.StatementId), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(result.Statements[2].Series, Is.Empty);
        Assert.That(result.Select(s => s.StatementId).Distinct(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(result.Statements[0].Frames["cpu"].Rows, Has.Count.EqualTo(6));
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(failed.IsSuccess, Is.False);
        Assert.That(() => failed.EnsureSuccess(), Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.StatementId)).EqualTo(1));
    }

    [Test]
    public void An_answer_without_series_is_an_empty_single_frame()
    {
        DataFrameQueryResult result = FrameAssert.Parse(QueryTestData.Bytes("empty_result.json"));

        Assert.That(result, Is.Empty);
        Assert.That(result.SingleFrame().Columns, Is.Empty);
    }

    [Test]
    public void A_chunked_body_read_whole_or_combined_from_its_chunks_equals_the_unchunked_answer()
    {
        DataFrameQueryResult reference = FrameAssert.Parse(QueryTestData.Bytes("chunked_unchunked_reference.json"), epoch: WritePrecision.Nanoseconds);
        foreach (string body in new[] { "chunked_size_1.ndjson", "chunked_size_2.ndjson", "chunked_default.ndjson" })
        {
            DataFrameQueryResult whole = FrameAssert.Parse(QueryTestData.Bytes(body), epoch: WritePrecision.Nanoseconds);
            List<DataFrameQueryResult> chunks = FrameAssert.ParseChunks(QueryTestData.Bytes(body), epoch: WritePrecision.Nanoseconds);
            DataFrameQueryResult combined = DataFrameQueryResult.Combine(chunks);

            foreach (DataFrameQueryResult result in new[] { whole, combined })
            {
                Assert.That(result.Select(s => s.Key), Is.EqualTo(reference.Select(s => s.Key)), body);
                Assert.That(result.Select(s => s.Partial), Is.All.False, body);
                for (int i = 0; i < reference.Count; i++)
                {
                    FrameAssert.AreEqual(reference[i].Frame, result[i].Frame, $"{body}, {reference[i].Key}");
                }
            }
        }
    }

    [Test]
    public void Combining_widens_a_column_that_is_Int64_in_one_chunk_and_Double_in_another()
    {
        // influxd's chunks of cpu,host=server02 with chunk_size=2: value is [3, -0] (integers) then [1.2345678901234568e+29].
        List<DataFrameQueryResult> chunks = FrameAssert.ParseChunks(QueryTestData.Bytes("chunked_size_2.ndjson"), epoch: WritePrecision.Nanoseconds);
        SeriesDataFrame[] server02 = [.. chunks.SelectMany(c => c).Where(s => s.Key == "cpu,host=server02")];

        Assert.That(server02.Select(s => s.Partial), Is.EqualTo(new[] { true, false }));
        Assert.That(server02[0].Frame.Columns["value"], Is.TypeOf<Int64DataFrameColumn>());
        Assert.That(server02[1].Frame.Columns["value"], Is.TypeOf<DoubleDataFrameColumn>());
        DataFrame combined = DataFrameQueryResult.Combine(chunks).Single(s => s.Key == "cpu,host=server02").Frame;
        Assert.That(combined.Columns["value"], Is.TypeOf<DoubleDataFrameColumn>());
        Assert.That(combined.Columns["value"].Cast<double?>(), Is.EqualTo(new double?[] { 3, 0, 1.2345678901234568e+29 }));
        Assert.That(combined.Columns["ok"].Cast<bool?>(), Is.EqualTo(new bool?[] { false, null, false }));
    }

    [Test]
    public void Combining_matches_columns_by_name_and_a_column_of_nulls_does_not_change_a_type()
    {
        var first = new DataFrame(
            new Int64DataFrameColumn("time", [1, 2]),
            new BooleanDataFrameColumn("ok", [null, null]),
            new Int64DataFrameColumn("n", [1, 2]));
        var second = new DataFrame(
            new Int64DataFrameColumn("time", [3]),
            new BooleanDataFrameColumn("ok", [true]),
            new StringDataFrameColumn("extra", ["e"]));
        var third = new DataFrame(
            new Int64DataFrameColumn("time", [4]),
            new DoubleDataFrameColumn("ok", [null]),
            new BooleanDataFrameColumn("n", [true]));
        DataFrameQueryResult Chunk(DataFrame frame) => new([new DataFrameStatement(0, [new SeriesDataFrame(0, "m", null, frame, partial: true)], null, null, partial: true)]);

        DataFrame combined = DataFrameQueryResult.Combine([Chunk(first), Chunk(second), Chunk(third)]).SingleFrame();

        Assert.That(combined.Columns.Select(c => c.Name), Is.EqualTo(new[] { "time", "ok", "n", "extra" }));
        Assert.That(combined.Columns["time"].Cast<long?>(), Is.EqualTo(new long?[] { 1, 2, 3, 4 }));
        Assert.That(combined.Columns["ok"], Is.TypeOf<BooleanDataFrameColumn>(), "the pieces whose ok is all null say nothing of its type");
        Assert.That(combined.Columns["ok"].Cast<bool?>(), Is.EqualTo(new bool?[] { null, null, true, null }));
        Assert.That(combined.Columns["n"].Cast<string?>(), Is.EqualTo(new[] { "1", "2", null, "true" }), "Int64 and Boolean: the widest type is String");
        Assert.That(combined.Columns["extra"].Cast<string?>(), Is.EqualTo(new[] { null, null, "e", null }));
    }

    [Test]
    public void Field_keys_type_whole_floats_as_Double_and_leave_other_columns_to_their_values()
    {
        string json = FrameAssert.Response("prices", ["time", "price", "volume", "mean", "flag", "note"],
            Row(T0, "100", "5", "1", "true", "\"a\""),
            Row(T0 + 1, "101", "2.5", "2", "false", "\"b\""));
        FieldKeyInfo[] fieldKeys =
        [
            new("prices", "price", "float"), new("prices", "volume", "integer"), new("prices", "flag", "boolean"), new("prices", "note", "string"),
            new("other", "mean", "string"),
        ];

        DataFrame byValues = FrameAssert.Parse(json).SingleFrame();
        DataFrame byFieldKeys = FrameAssert.Parse(json, new DataFrameQueryOptions { ColumnTypes = DataFrameColumnTypes.FromFieldKeys, FieldKeys = fieldKeys }).SingleFrame();

        Assert.That(byValues.Columns["price"], Is.TypeOf<Int64DataFrameColumn>(), "JSON cannot tell 100.0 from 100");
        Assert.That(byFieldKeys.Columns["price"], Is.TypeOf<DoubleDataFrameColumn>());
        Assert.That(byFieldKeys.Columns["price"].Cast<double?>(), Is.EqualTo(new double?[] { 100, 101 }));
        Assert.That(byFieldKeys.Columns["volume"], Is.TypeOf<DoubleDataFrameColumn>(), "an integer field's column holding a float widens, as an aggregate aliased to the field's name does");
        Assert.That(byFieldKeys.Columns["mean"], Is.TypeOf<Int64DataFrameColumn>(), "not a field of prices: typed by its values");
        Assert.That(byFieldKeys.Columns["flag"], Is.TypeOf<BooleanDataFrameColumn>());
        Assert.That(byFieldKeys.Columns["note"], Is.TypeOf<StringDataFrameColumn>());
        Assert.That(
            () => FrameAssert.Parse(json, new DataFrameQueryOptions { ColumnTypes = DataFrameColumnTypes.FromFieldKeys }),
            Throws.ArgumentException.With.Message.Contains("FieldKeys"));
    }

    [Test]
    public void A_field_typed_differently_in_two_shards_takes_the_type_that_holds_both()
    {
        string json = FrameAssert.Response("m", ["time", "a", "b"], Row(T0, "1", "1"));
        FieldKeyInfo[] fieldKeys = [new("m", "a", "integer"), new("m", "a", "float"), new("m", "b", "integer"), new("m", "b", "string")];

        DataFrame frame = FrameAssert.Parse(json, new DataFrameQueryOptions { ColumnTypes = DataFrameColumnTypes.FromFieldKeys, FieldKeys = fieldKeys }).SingleFrame();

        Assert.That(frame.Columns["a"], Is.TypeOf<DoubleDataFrameColumn>());
        Assert.That(frame.Columns["b"].Cast<string?>(), Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public void SHOW_answers_without_time_read_into_frames_too()
    {
        DataFrameQueryResult result = FrameAssert.Parse(QueryTestData.Bytes("show_statements.json"));

        Assert.That(result.Statements[0].Frames["measurements"].Columns["name"], Is.TypeOf<StringDataFrameColumn>());
        Assert.That(result.Where(s => s.Frame.Columns.Count > 0).SelectMany(s => s.Frame.Columns).Select(c => c.Name), Does.Not.Contain("time"));
    }

    [Test]
    public void A_row_with_more_or_fewer_values_than_columns_is_an_error_naming_the_series()
    {
        string longer = FrameAssert.Response("m", ["time", "a"], Row(T0, "1", "2"));
        string shorter = FrameAssert.Response("m", ["time", "a", "b"], Row(T0, "1"));

        Assert.That(() => FrameAssert.Parse(longer), Throws.TypeOf<InfluxDBException>().With.Message.Contains("more values").And.Message.Contains("m"));
        Assert.That(() => FrameAssert.Parse(shorter), Throws.TypeOf<InfluxDBException>().With.Message.Contains("fewer values"));
    }

    [Test]
    public void A_column_name_repeated_by_the_server_is_suffixed_rather_than_refused()
    {
        DataFrame frame = FrameAssert.Parse(FrameAssert.Response("m", ["time", "a", "a"], Row(T0, "1", "2"))).SingleFrame();

        Assert.That(frame.Columns.Select(c => c.Name), Is.EqualTo(new[] { "time", "a", "a_1" }));
    }
}
