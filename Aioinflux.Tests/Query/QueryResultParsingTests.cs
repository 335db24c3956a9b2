using Aioinflux.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Query;

/// <summary>Captured influxd 1.6.7 responses into the result model.</summary>
public class QueryResultParsingTests
{
    [Test]
    public void Select_with_epoch_ns_gives_one_series_with_every_value_kind()
    {
        QueryResult result = Parse("select_epoch_ns.json", WritePrecision.Nanoseconds);

        Assert.That(result.Statements, Has.Count.EqualTo(1));
        StatementResult statement = result.Statements[0];
        Assert.That(statement.StatementId, Is.Zero);
        Assert.That(statement.Error, Is.Null);
        Assert.That(statement.Partial, Is.False);
        Series series = statement.Series.Single();
        Assert.That(series.Name, Is.EqualTo("cpu"));
        Assert.That(series.Tags, Is.Empty);
        Assert.That(series.Columns, Is.EqualTo(new[] { "time", "count", "host", "label", "ok", "region", "value" }));
        Assert.That(series.Values, Has.Count.EqualTo(6));
        Assert.That(DumpRow(series.Values[0]), Is.EqualTo("[Integer:1439856000000000000, Integer:3, \"server01\", \"idle\", Boolean:true, \"us-west\", Float:0.64]"));
        Assert.That(DumpRow(series.Values[1]), Is.EqualTo("[Integer:1439856000000000001, Integer:-9223372036854775808, \"server02\", \"busy\", Boolean:false, \"us-east\", Integer:3]"));
        Assert.That(DumpRow(series.Values[2]), Is.EqualTo("[Integer:1439856360000000000, Integer:9223372036854775807, \"server01\", Null:null, Boolean:true, \"us-west\", Float:1E+20]"));
        Assert.That(DumpRow(series.Values[3]), Is.EqualTo("[Integer:1439856360123456789, Integer:9007199254740993, \"server02\", \"no region\", Null:null, Null:null, Integer:0]"));
    }

    [Test]
    public void Integers_at_the_limits_of_long_and_above_2_pow_53_are_exact()
    {
        SeriesRows rows = Parse("select_epoch_ns.json").Statements[0].Series[0].Values;

        Assert.That(rows[1][1].AsLong(), Is.EqualTo(long.MinValue));
        Assert.That(rows[2][1].AsLong(), Is.EqualTo(long.MaxValue));
        Assert.That(rows[3][1].AsLong(), Is.EqualTo(9_007_199_254_740_993L));
        Assert.That(rows[3][0].AsLong(), Is.EqualTo(1_439_856_360_123_456_789L));
    }

    [Test]
    public void Floats_that_influxd_writes_without_a_fraction_come_back_as_integers_and_widen()
    {
        SeriesRows rows = Parse("select_epoch_ns.json").Statements[0].Series[0].Values;

        InfluxValue three = rows[1][6];
        Assert.That(three.Kind, Is.EqualTo(InfluxValueKind.Integer));
        Assert.That(three.AsDouble(), Is.EqualTo(3.0));
        InfluxValue huge = rows[2][6];
        Assert.That(huge.Kind, Is.EqualTo(InfluxValueKind.Float), "100000000000000000000 does not fit a long");
        Assert.That(huge.AsDouble(), Is.EqualTo(1e20));
        Assert.That(rows[4][6].AsDouble(), Is.EqualTo(1.5e-300));
        Assert.That(rows[5][6].AsDouble(), Is.EqualTo(1.2345678901234568e+29));
    }

    [Test]
    public void Times_in_ns_ms_and_rfc3339_read_as_the_same_instants()
    {
        QueryResult ns = Parse("select_epoch_ns.json", WritePrecision.Nanoseconds);
        QueryResult ms = Parse("select_epoch_ms.json", WritePrecision.Milliseconds);
        QueryResult text = Parse("select_rfc3339.json");

        SeriesRows nsRows = ns.Statements[0].Series[0].Values;
        for (int i = 0; i < nsRows.Count; i++)
        {
            long expected = nsRows[i][0].AsLong();
            Assert.That(text.Statements[0].Series[0].Metadata.GetTimeNanoseconds(text.Statements[0].Series[0].Values[i]), Is.EqualTo(expected));
            Assert.That(ms.Statements[0].Series[0].Metadata.GetTimeNanoseconds(ms.Statements[0].Series[0].Values[i]), Is.EqualTo(expected / 1_000_000 * 1_000_000));
        }

        Assert.That(text.Statements[0].Series[0].Values[1][0].AsString(), Is.EqualTo("2015-08-18T00:00:00.000000001Z"));
        Assert.That(ns.Statements[0].Series[0].Metadata.GetDateTime(nsRows[3]), Is.EqualTo(new DateTime(2015, 8, 18, 0, 6, 0, DateTimeKind.Utc).AddTicks(1_234_567)));
    }

    [Test]
    public void Group_by_tag_gives_one_series_per_tag_value_with_the_tag_in_the_series()
    {
        QueryResult result = Parse("group_by_host.json");

        IReadOnlyList<Series> series = result.Statements[0].Series;
        Assert.That(series, Has.Count.EqualTo(2));
        Assert.That(series[0].Tags, Is.EqualTo(new Dictionary<string, string> { ["host"] = "server01" }));
        Assert.That(series[1].Tags, Is.EqualTo(new Dictionary<string, string> { ["host"] = "server02" }));
        Assert.That(series[0].Columns, Does.Not.Contain("host"));
        Assert.That(series.Select(s => s.Values.Count), Is.EqualTo(new[] { 3, 3 }));
    }

    [Test]
    public void Multi_statement_query_keeps_each_statement_in_order_with_its_id()
    {
        QueryResult result = Parse("multi_statement.json", WritePrecision.Seconds);

        Assert.That(result.Statements.Select(s => s.StatementId), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(result.Statements[0].Series.Single().Values, Has.Count.EqualTo(6));
        Assert.That(result.Statements[1].Series.Select(s => s.Tags["host"]), Is.EqualTo(new[] { "server01", "server02" }));
        Assert.That(result.Statements[2].Series, Is.Empty);
        Assert.That(result.Statements[1].Series[0].Metadata.StatementId, Is.EqualTo(1));
        Assert.That(result.Statements[0].Series[0].Values[0][0].ToDateTime(WritePrecision.Seconds), Is.EqualTo(new DateTime(2015, 8, 18, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void Show_statements_give_series_without_a_time_column_and_sometimes_without_a_name_or_values()
    {
        QueryResult result = Parse("show_statements.json");

        Assert.That(result.Statements, Has.Count.EqualTo(7));
        Series measurements = result.Statements[0].Series.Single();
        Assert.That(measurements.Name, Is.EqualTo("measurements"));
        Assert.That(measurements.Metadata.TimeColumnIndex, Is.EqualTo(-1));
        Assert.That(measurements.Values.Select(r => r[0].AsString()), Is.EqualTo(new[] { "cpu", "h2o_quality", "mem", "text" }));

        Series users = result.Statements[3].Series.Single();
        Assert.That(users.Name, Is.Empty);
        Assert.That(users.Columns, Is.EqualTo(new[] { "user", "admin" }));
        Assert.That(users.Values, Is.Empty);

        Series policies = result.Statements[4].Series.Single();
        Assert.That(DumpRow(policies.Values[0]), Is.EqualTo("[\"autogen\", \"0s\", \"168h0m0s\", Integer:1, Boolean:true]"));

        Series keys = result.Statements[5].Series.Single();
        Assert.That(keys.Values.Select(r => r[0].AsString()), Does.Contain("text,kind=tag\\ with\\ space,other=a\\,b\\=c"));
        Assert.That(() => keys.Metadata.GetTimeNanoseconds(keys.Values[0]), Throws.InvalidOperationException.With.Message.Contains("no 'time' column"));
    }

    [TestCase("empty_result.json")]
    [TestCase("create_database.json")]
    public void Statement_without_series_gives_an_empty_series_list(string file)
    {
        QueryResult result = Parse(file);

        Assert.That(result.Statements.Single().Series, Is.Empty);
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.IterPoints(), Is.Empty);
    }

    [Test]
    public void Strings_are_unescaped_exactly()
    {
        SeriesRows rows = Parse("text.json").Statements[0].Series[0].Values;

        Assert.That(rows[0][3].AsString(), Is.EqualTo("quote \" backslash \\ tab\ttab newline\nnewline <html>&amp; \u0001ctl"));
        Assert.That(rows[1][3].AsString(), Is.EqualTo("é 漢字 🎉 \u2028 ÿ"));
        Assert.That(rows[2][3].AsString(), Is.Empty);
        Assert.That(rows[3][1].AsString(), Is.EqualTo("tag with space"));
        Assert.That(rows[3][2].AsString(), Is.EqualTo("a,b=c"));
        Assert.That(rows[0][2].IsNull, Is.True);
    }

    [Test]
    public void Bound_parameter_above_2_pow_53_selected_the_exact_point()
    {
        Series series = Parse("bound_parameters.json").Statements[0].Series.Single();

        Assert.That(series.Values.Single()[1].AsLong(), Is.EqualTo(9_007_199_254_740_993L));
    }

    [Test]
    public void Messages_are_kept_and_unknown_keys_are_skipped()
    {
        QueryResult result = Parse("messages.json");

        Assert.That(result.Statements[0].Messages, Is.EqualTo(new[]
        {
            new QueryMessage("warning", "deprecated use of 'SELECT' without \"FROM\""),
            new QueryMessage("info", "é"),
        }));
        Assert.That(result.Statements[0].Series.Single().Values.Single().ToString(), Is.EqualTo("[1, 2]"));
        Assert.That(result.Statements[1].Messages.Single(), Is.EqualTo(new QueryMessage(string.Empty, "only text")));
    }

    [Test]
    public void Statement_error_is_data_until_EnsureSuccess()
    {
        QueryResult result = Parse("statement_error_second.json");

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Statements[0].Error, Is.Null);
        Assert.That(result.Statements[0].Series.Single().Values, Has.Count.EqualTo(2));
        Assert.That(result.Statements[1].Error, Is.EqualTo("unsupported mean iterator type: *query.stringInterruptIterator"));
        InfluxDBQueryException? error = Assert.Throws<InfluxDBQueryException>(() => result.EnsureSuccess());
        Assert.That(error!.StatementId, Is.EqualTo(1));
        Assert.That(error.ServerMessage, Is.EqualTo("unsupported mean iterator type: *query.stringInterruptIterator"));
        Assert.That(error.Message, Does.Contain("Statement 1").And.Contain("unsupported mean iterator type"));
    }

    [Test]
    public void Database_not_found_is_a_statement_error()
    {
        QueryResult result = Parse("database_not_found.json");

        InfluxDBQueryException? error = Assert.Throws<InfluxDBQueryException>(() => result.EnsureSuccess());
        Assert.That(error!.ServerMessage, Is.EqualTo("database not found: nonexistent"));
        Assert.That(error.StatementId, Is.Zero);
    }

    [Test]
    public void Series_of_one_response_with_the_same_header_share_their_metadata_only_when_identical()
    {
        QueryResult result = Parse("group_by_host.json");

        Assert.That(result.Statements[0].Series[0].Metadata, Is.Not.SameAs(result.Statements[0].Series[1].Metadata));
        Assert.That(result.Statements[0].Series[0].Columns, Is.SameAs(result.Statements[0].Series[0].Metadata.Columns));
    }

    [Test]
    public void Keys_may_come_in_any_order_before_values_and_statement_id_after_series()
    {
        QueryResult result = ParseText(
            """{"results":[{"series":[{"columns":["time","v"],"tags":{"t":"x"},"name":"m","values":[[1,2.5]],"partial":true}],"statement_id":4}]}""");

        StatementResult statement = result.Statements.Single();
        Assert.That(statement.StatementId, Is.EqualTo(4));
        Assert.That(statement.Series.Single().Metadata.StatementId, Is.Zero, "the position stands in for an id the server had not sent yet");
        Assert.That(statement.Series.Single().Partial, Is.True);
        Assert.That(statement.Series.Single().Tags["t"], Is.EqualTo("x"));
    }

    [Test]
    public void Whitespace_and_pretty_printing_are_accepted()
    {
        QueryResult result = ParseText("""

            {
              "results": [
                {
                  "statement_id": 0,
                  "series": [ { "name": "m", "columns": [ "time", "v" ], "values": [ [ 1 , "a" ] , [ 2, null ] ] } ]
                }
              ]
            }

            """);

        Assert.That(Dump(result), Is.EqualTo(
            "statement 0 partial=False error=<none>\n  series 'm' tags={} columns=[time,v] partial=False statement=0\n    [Integer:1, \"a\"]\n    [Integer:2, Null:null]\n"));
    }

    [Test]
    public async Task A_byte_order_mark_before_the_response_is_skipped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Bytes("h2o_quality.json")];

        Assert.That(Dump(QueryResponseParser.Parse(body)), Is.EqualTo(Dump(Parse("h2o_quality.json"))));
        Assert.That(Dump(await QueryResponseParser.ParseAsync(new ScriptedPipeReader(Split(body, Ones())))), Is.EqualTo(Dump(Parse("h2o_quality.json"))));
        Assert.That(() => QueryResponseParser.Parse(new byte[] { 0xEF, 0xBB, 0xBF }), Throws.InstanceOf<InfluxDBException>().With.Message.Contains("empty"));
    }
}
