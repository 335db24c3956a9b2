using System.Globalization;
using System.Text.Json;
using Aioinflux.Serialization;
using Aioinflux.Tests.Integration;
using Microsoft.Data.Analysis;

namespace Aioinflux.Tests.DataFrames;

/// <summary>DataFrames written through the client to a real influxd and read back with the harness's own queries.</summary>
public class DataFrameRoundTripTests
{
    private static InfluxServer Server => InfluxFixture.Server;

    private static InfluxDBClient CreateClient(string database, int batchSize = 5_000)
        => new(new InfluxDBClientOptions { Host = "127.0.0.1", Port = Server.Port, Database = database, WriteBatchSize = batchSize });

    private static long Nanoseconds(DateTime time)
    {
        Assert.That(LineProtocolTime.TryFromDateTime(time, out long nanoseconds), Is.True);
        return nanoseconds;
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    private static WriteOptions ExtraTags(params (string Key, string Value)[] tags)
        => new() { ExtraTags = tags.Select(t => new KeyValuePair<string, string?>(t.Key, t.Value)).ToArray() };

    [Test]
    public async Task The_docs_example_frame_reads_back_cell_by_cell()
    {
        string db = await Server.CreateDatabaseAsync("df_docs");
        using InfluxDBClient client = CreateClient(db);

        // client.write(df, measurement='prices', tag_columns=['tag'], asset_class='equities')
        WriteResult result = await client.WriteAsync(
            Frames.Docs(),
            "prices",
            new DataFrameWriteOptions { TagColumns = ["tag"] },
            ExtraTags(("asset_class", "equities")));

        Assert.That(result, Is.EqualTo(new WriteResult(5, 1)));
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT * FROM prices ORDER BY time");
        Assert.That(rows, Has.Count.EqualTo(5));
        for (int i = 0; i < rows.Count; i++)
        {
            Dictionary<string, JsonElement> row = rows[i];
            using (Assert.EnterMultipleScope())
            {
                Assert.That(row.Keys, Is.EquivalentTo(new[] { "time", "AJW", "BEM", "LUY", "asset_class", "tag" }));
                Assert.That(row["time"].GetInt64(), Is.EqualTo(Nanoseconds(Frames.DocsTimes[i])), $"time of row {i}");
                Assert.That(row["LUY"].GetDouble(), Is.EqualTo(Frames.Luy[i]), $"LUY of row {i}");
                Assert.That(row["BEM"].GetDouble(), Is.EqualTo(Frames.Bem[i]), $"BEM of row {i}");
                Assert.That(row["AJW"].GetDouble(), Is.EqualTo(Frames.Ajw[i]), $"AJW of row {i}");
                Assert.That(row["tag"].GetString(), Is.EqualTo(Frames.Tags[i]), $"tag of row {i}");
                Assert.That(row["asset_class"].GetString(), Is.EqualTo("equities"), $"asset_class of row {i}");
            }
        }

        List<Dictionary<string, JsonElement>> tagKeys = await Server.SelectAsync(db, "SHOW TAG KEYS FROM prices");
        Assert.That(tagKeys.Select(r => r["tagKey"].GetString()), Is.EquivalentTo(new[] { "asset_class", "tag" }), "tag columns are tags, the rest are fields");
    }

    [Test]
    public async Task Every_column_type_reads_back_with_its_line_protocol_type()
    {
        string db = await Server.CreateDatabaseAsync("df_types");
        using InfluxDBClient client = CreateClient(db);
        var frame = new DataFrame(
            new Int64DataFrameColumn("time", [1_000, 2_000]),
            new StringDataFrameColumn("host", ["a b,c=d", "漢字"]),
            new Int32DataFrameColumn("shard", [-3, 4]),
            new UInt64DataFrameColumn("id", [ulong.MaxValue, 0]),
            new BooleanDataFrameColumn("primary", [true, false]),
            new CharDataFrameColumn("grade", ['A', '=']),
            new DoubleDataFrameColumn("f64", [double.MaxValue, -0.5]),
            new SingleDataFrameColumn("f32", [0.1f, float.MinValue]),
            new DecimalDataFrameColumn("dec", [79228162514264.337593543950335m, -1.5m]),
            new SByteDataFrameColumn("i8", [sbyte.MinValue, sbyte.MaxValue]),
            new ByteDataFrameColumn("u8", [byte.MinValue, byte.MaxValue]),
            new Int16DataFrameColumn("i16", [short.MinValue, short.MaxValue]),
            new UInt16DataFrameColumn("u16", [ushort.MinValue, ushort.MaxValue]),
            new Int32DataFrameColumn("i32", [int.MinValue, int.MaxValue]),
            new UInt32DataFrameColumn("u32", [uint.MinValue, uint.MaxValue]),
            new Int64DataFrameColumn("i64", [long.MinValue, long.MaxValue]),
            new UInt64DataFrameColumn("u64", [0, (ulong)long.MaxValue]),
            new BooleanDataFrameColumn("flag", [false, true]),
            new CharDataFrameColumn("letter", ['"', 'é']),
            new StringDataFrameColumn("text", ["quote \" backslash \\ newline \n", ""]));
        var options = new DataFrameWriteOptions { TagColumns = ["host", "shard", "id", "primary", "grade"] };

        WriteResult result = await client.WriteAsync(frame, "types", options);

        Assert.That(result.PointsWritten, Is.EqualTo(2));
        List<Dictionary<string, JsonElement>> fieldKeys = await Server.SelectAsync(db, "SHOW FIELD KEYS FROM types");
        Dictionary<string, string?> fieldTypes = fieldKeys.ToDictionary(r => r["fieldKey"].GetString()!, r => r["fieldType"].GetString());
        Assert.That(fieldTypes, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["f64"] = "float", ["f32"] = "float", ["dec"] = "float",
            ["i8"] = "integer", ["u8"] = "integer", ["i16"] = "integer", ["u16"] = "integer",
            ["i32"] = "integer", ["u32"] = "integer", ["i64"] = "integer", ["u64"] = "integer",
            ["flag"] = "boolean", ["letter"] = "string", ["text"] = "string",
        }));

        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT * FROM types ORDER BY time");
        Assert.That(rows, Has.Count.EqualTo(2));
        for (int i = 0; i < 2; i++)
        {
            Dictionary<string, JsonElement> row = rows[i];
            using (Assert.EnterMultipleScope())
            {
                Assert.That(row["time"].GetInt64(), Is.EqualTo(((Int64DataFrameColumn)frame.Columns["time"])[i]));
                Assert.That(Text(row["host"]), Is.EqualTo(((StringDataFrameColumn)frame.Columns["host"])[i]));
                Assert.That(Text(row["shard"]), Is.EqualTo(((Int32DataFrameColumn)frame.Columns["shard"])[i]!.Value.ToString(CultureInfo.InvariantCulture)));
                Assert.That(Text(row["id"]), Is.EqualTo(((UInt64DataFrameColumn)frame.Columns["id"])[i]!.Value.ToString(CultureInfo.InvariantCulture)));
                Assert.That(Text(row["primary"]), Is.EqualTo(i == 0 ? "true" : "false"));
                Assert.That(Text(row["grade"]), Is.EqualTo(((CharDataFrameColumn)frame.Columns["grade"])[i]!.Value.ToString()));
                Assert.That(row["f64"].GetDouble(), Is.EqualTo(((DoubleDataFrameColumn)frame.Columns["f64"])[i]));
                Assert.That(row["f32"].GetDouble(), Is.EqualTo(double.Parse(((SingleDataFrameColumn)frame.Columns["f32"])[i]!.Value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
                Assert.That(row["dec"].GetDouble(), Is.EqualTo((double)((DecimalDataFrameColumn)frame.Columns["dec"])[i]!.Value));
                Assert.That(row["i8"].GetInt64(), Is.EqualTo(((SByteDataFrameColumn)frame.Columns["i8"])[i]));
                Assert.That(row["u8"].GetInt64(), Is.EqualTo(((ByteDataFrameColumn)frame.Columns["u8"])[i]));
                Assert.That(row["i16"].GetInt64(), Is.EqualTo(((Int16DataFrameColumn)frame.Columns["i16"])[i]));
                Assert.That(row["u16"].GetInt64(), Is.EqualTo(((UInt16DataFrameColumn)frame.Columns["u16"])[i]));
                Assert.That(row["i32"].GetInt64(), Is.EqualTo(((Int32DataFrameColumn)frame.Columns["i32"])[i]));
                Assert.That(row["u32"].GetInt64(), Is.EqualTo(((UInt32DataFrameColumn)frame.Columns["u32"])[i]));
                Assert.That(row["i64"].GetInt64(), Is.EqualTo(((Int64DataFrameColumn)frame.Columns["i64"])[i]));
                Assert.That(row["u64"].GetInt64(), Is.EqualTo((long)((UInt64DataFrameColumn)frame.Columns["u64"])[i]!.Value));
                Assert.That(row["flag"].GetBoolean(), Is.EqualTo(((BooleanDataFrameColumn)frame.Columns["flag"])[i]));
                Assert.That(row["letter"].GetString(), Is.EqualTo(((CharDataFrameColumn)frame.Columns["letter"])[i]!.Value.ToString()));
                Assert.That(row["text"].GetString(), Is.EqualTo(((StringDataFrameColumn)frame.Columns["text"])[i]));
            }
        }
    }

    [Test]
    public async Task Null_cells_are_omitted_and_rows_with_no_field_are_skipped_and_counted()
    {
        string db = await Server.CreateDatabaseAsync("df_nulls");
        using InfluxDBClient client = CreateClient(db);
        var frame = new DataFrame(
            new Int64DataFrameColumn("time", [1, 2, 3, 4, 5]),
            new StringDataFrameColumn("host", ["a", null, "", "d", "e"]),
            new DoubleDataFrameColumn("x", [1.5, null, double.NaN, null, 5.5]),
            new Int64DataFrameColumn("n", [null, 2, null, null, 5]),
            new StringDataFrameColumn("s", [null, "two", null, null, null]));

        WriteResult result = await client.WriteAsync(frame, "sparse", new DataFrameWriteOptions { TagColumns = ["host"] });

        Assert.That(result, Is.EqualTo(new WriteResult(PointsWritten: 3, Requests: 1, PointsSkipped: 2)));
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT * FROM sparse ORDER BY time");
        Assert.That(rows.Select(r => r["time"].GetInt64()), Is.EqualTo(new long[] { 1, 2, 5 }), "rows 3 and 4 have no field (null, NaN) and are skipped");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(r => Text(r["host"])), Is.EqualTo(new[] { "a", null, "e" }), "a null tag is omitted");
            Assert.That(rows.Select(r => r["x"].ValueKind == JsonValueKind.Null ? (double?)null : r["x"].GetDouble()), Is.EqualTo(new double?[] { 1.5, null, 5.5 }));
            Assert.That(rows.Select(r => r["n"].ValueKind == JsonValueKind.Null ? (long?)null : r["n"].GetInt64()), Is.EqualTo(new long?[] { null, 2, 5 }));
            Assert.That(rows.Select(r => Text(r["s"])), Is.EqualTo(new[] { null, "two", null }));
        }
    }

    [TestCase(WritePrecision.Nanoseconds)]
    [TestCase(WritePrecision.Microseconds)]
    [TestCase(WritePrecision.Milliseconds)]
    [TestCase(WritePrecision.Seconds)]
    [TestCase(WritePrecision.Minutes)]
    [TestCase(WritePrecision.Hours)]
    public async Task Times_are_sent_in_the_requested_precision(WritePrecision precision)
    {
        string db = await Server.CreateDatabaseAsync("df_precision");
        using InfluxDBClient client = CreateClient(db);

        await client.WriteAsync(Frames.Docs(), "prices", new DataFrameWriteOptions { TagColumns = ["tag"] }, new WriteOptions { Precision = precision });

        long unit = LineProtocolTime.NanosecondsPer(precision);
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT LUY FROM prices ORDER BY time");
        Assert.That(
            rows.Select(r => r["time"].GetInt64()),
            Is.EqualTo(Frames.DocsTimes.Select(t => LineProtocolTime.ToPrecision(Nanoseconds(t), precision) * unit).Distinct()));
    }

    [Test]
    public async Task A_frame_is_split_into_requests_and_a_bad_row_is_rejected_with_its_index_before_its_request_is_sent()
    {
        string db = await Server.CreateDatabaseAsync("df_bad_row");
        using InfluxDBClient client = CreateClient(db, batchSize: 10);
        double[] values = Enumerable.Range(0, 35).Select(i => i == 27 ? double.PositiveInfinity : i).ToArray();
        var frame = new DataFrame(new Int64DataFrameColumn("time", Enumerable.Range(1, 35).Select(i => (long)i)), new DoubleDataFrameColumn("x", values));

        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync(frame, "m"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.PointIndex, Is.EqualTo(27));
            Assert.That(error.Member, Is.EqualTo("x"));
            Assert.That(error.PointsStoredBefore, Is.EqualTo(20));
            Assert.That(error.InnerException, Is.TypeOf<LineProtocolException>());
        }

        List<Dictionary<string, JsonElement>> count = await Server.SelectAsync(db, "SELECT count(x) FROM m");
        Assert.That(count[0]["count"].GetInt64(), Is.EqualTo(20), "none of the bad row's request was stored");
    }

    [Test]
    public async Task Skipped_rows_keep_row_indices_and_batches_counting_right()
    {
        string db = await Server.CreateDatabaseAsync("df_skip_batches");
        using InfluxDBClient client = CreateClient(db, batchSize: 4);
        var frame = new DataFrame(
            new Int64DataFrameColumn("time", Enumerable.Range(1, 12).Select(i => (long)i)),
            new DoubleDataFrameColumn("x", Enumerable.Range(0, 12).Select(i => i % 3 == 0 ? (double?)null : i)));

        WriteResult result = await client.WriteAsync(frame, "m");

        Assert.That(result, Is.EqualTo(new WriteResult(PointsWritten: 8, Requests: 2, PointsSkipped: 4)));
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT x FROM m ORDER BY time");
        Assert.That(rows.Select(r => r["x"].GetDouble()), Is.EqualTo(new double[] { 1, 2, 4, 5, 7, 8, 10, 11 }));
    }

    [Test]
    public async Task The_blocking_write_stores_the_same_points()
    {
        string db = await Server.CreateDatabaseAsync("df_blocking");
        using InfluxDBClient client = CreateClient(db);

        WriteResult result = client.Write(Frames.Docs(), "prices", new DataFrameWriteOptions { TagColumns = ["tag"] }, ExtraTags(("asset_class", "equities")));

        Assert.That(result, Is.EqualTo(new WriteResult(5, 1)));
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT \"LUY\", \"tag\", \"asset_class\" FROM prices ORDER BY time");
        Assert.That(rows.Select(r => r["LUY"].GetDouble()), Is.EqualTo(Frames.Luy));
        Assert.That(rows.Select(r => r["asset_class"].GetString()), Is.All.EqualTo("equities"));
    }

    [Test]
    public async Task An_extra_tag_named_like_a_column_is_rejected_before_anything_is_sent()
    {
        string db = await Server.CreateDatabaseAsync("df_extra_clash");
        using InfluxDBClient client = CreateClient(db);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.WriteAsync(Frames.Docs(), "prices", new DataFrameWriteOptions { TagColumns = ["tag"] }, ExtraTags(("tag", "x"))));

        Assert.That(error!.Message, Does.Contain("'tag'"));
        Assert.That(await Server.SelectAsync(db, "SELECT * FROM prices"), Is.Empty);
    }
}
