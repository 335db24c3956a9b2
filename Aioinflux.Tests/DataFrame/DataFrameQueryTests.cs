using System.Text;
using Aioinflux.Tests.Integration;
using Microsoft.Data.Analysis;

namespace Aioinflux.Tests.DataFrames;

/// <summary>Frames written through the client to a real influxd and queried back into frames.</summary>
public class DataFrameQueryTests
{
    private static InfluxServer Server => InfluxFixture.Server;

    private static readonly DataFrameWriteOptions TagIsATag = new() { TagColumns = ["tag"] };

    private static InfluxDBClient CreateClient(string database)
        => new(new InfluxDBClientOptions { Host = "127.0.0.1", Port = Server.Port, Database = database });

    private static async Task<(string Database, InfluxDBClient Client)> DatabaseWithAsync(string hint, DataFrame frame, string measurement, DataFrameWriteOptions? options = null, WriteOptions? writeOptions = null)
    {
        string db = await Server.CreateDatabaseAsync(hint);
        InfluxDBClient client = CreateClient(db);
        await client.WriteAsync(frame, measurement, options, writeOptions);
        return (db, client);
    }

    [Test]
    public async Task The_docs_example_frame_written_and_queried_back_is_equal_cell_by_cell()
    {
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_docs", Frames.Docs(), "prices", TagIsATag, new WriteOptions { ExtraTags = [new("asset_class", "equities")] });
        using (client)
        {
            // client.write(df, measurement='prices', tag_columns=['tag'], asset_class='equities'); df = client.query(...)
            DataFrame selected = await client.QuerySingleDataFrameAsync("""SELECT "LUY", "BEM", "AJW", "tag" FROM prices""");
            DataFrame everything = await client.QuerySingleDataFrameAsync("SELECT * FROM prices");

            FrameAssert.AreEqual(Frames.Docs(), selected);
            Assert.That(((DateTimeDataFrameColumn)selected.Columns["time"]).Select(t => t!.Value.Kind), Is.All.EqualTo(DateTimeKind.Utc));
            Assert.That(everything.Columns.Select(c => c.Name), Is.EqualTo(new[] { "time", "AJW", "BEM", "LUY", "asset_class", "tag" }), "influxd's order for SELECT *");
            Assert.That(everything.Columns["asset_class"].Cast<string>(), Is.All.EqualTo("equities"));
        }
    }

    [Test]
    public async Task Every_column_type_reads_back_as_its_DataFrame_column_type()
    {
        var frame = new DataFrame(
            new Int64DataFrameColumn("time", [1_000_000_000, 2_000_000_000]),
            new StringDataFrameColumn("host", ["a", "b"]),
            new DoubleDataFrameColumn("f", [0.5, -1e300]),
            new Int64DataFrameColumn("i", [long.MinValue, 42]),
            new BooleanDataFrameColumn("b", [true, false]),
            new StringDataFrameColumn("s", ["x \"quoted\"", "漢字"]),
            new SingleDataFrameColumn("single", [0.25f, 1.5f]),
            new Int32DataFrameColumn("int32", [-3, 7]));
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_types", frame, "types", new DataFrameWriteOptions { TagColumns = ["host"] });
        using (client)
        {
            DataFrame read = await client.QuerySingleDataFrameAsync("SELECT * FROM types");
            DataFrame exact = await client.QuerySingleDataFrameAsync("SELECT * FROM types", new DataFrameQueryOptions { TimeColumn = DataFrameTimeColumn.Nanoseconds });

            Assert.That(read.Columns.Select(c => (c.Name, c.GetType())), Is.EqualTo(new[]
            {
                ("time", typeof(DateTimeDataFrameColumn)), ("b", typeof(BooleanDataFrameColumn)), ("f", typeof(DoubleDataFrameColumn)),
                ("host", typeof(StringDataFrameColumn)), ("i", typeof(Int64DataFrameColumn)), ("int32", typeof(Int64DataFrameColumn)),
                ("s", typeof(StringDataFrameColumn)), ("single", typeof(DoubleDataFrameColumn)),
            }));
            Assert.That(read.Columns["time"].Cast<DateTime?>(), Is.EqualTo(new DateTime?[] { DateTime.UnixEpoch.AddSeconds(1), DateTime.UnixEpoch.AddSeconds(2) }));
            Assert.That(exact.Columns["time"], Is.TypeOf<Int64DataFrameColumn>());
            Assert.That(exact.Columns["time"].Cast<long?>(), Is.EqualTo(new long?[] { 1_000_000_000, 2_000_000_000 }));
            Assert.That(read.Columns["b"].Cast<bool?>(), Is.EqualTo(new bool?[] { true, false }));
            Assert.That(read.Columns["f"].Cast<double?>(), Is.EqualTo(new double?[] { 0.5, -1e300 }));
            Assert.That(read.Columns["host"].Cast<string?>(), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(read.Columns["i"].Cast<long?>(), Is.EqualTo(new long?[] { long.MinValue, 42 }));
            Assert.That(read.Columns["int32"].Cast<long?>(), Is.EqualTo(new long?[] { -3, 7 }));
            Assert.That(read.Columns["s"].Cast<string?>(), Is.EqualTo(new[] { "x \"quoted\"", "漢字" }));
            Assert.That(read.Columns["single"].Cast<double?>(), Is.EqualTo(new double?[] { 0.25, 1.5 }));
        }
    }

    [Test]
    public async Task Null_cells_written_read_back_as_null_cells_in_every_column_type()
    {
        var frame = new DataFrame(
            new Int64DataFrameColumn("time", [1, 2, 3, 4]),
            new StringDataFrameColumn("host", ["a", null, "c", null]),
            new DoubleDataFrameColumn("f", [null, 1.5, null, 2.5]),
            new Int64DataFrameColumn("i", [1, null, null, 4]),
            new BooleanDataFrameColumn("b", [null, null, true, null]),
            new StringDataFrameColumn("s", ["w", "x", null, null]));
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_nulls", frame, "nulls", new DataFrameWriteOptions { TagColumns = ["host"] });
        using (client)
        {
            DataFrame read = await client.QuerySingleDataFrameAsync("SELECT \"host\", \"f\", \"i\", \"b\", \"s\" FROM nulls", new DataFrameQueryOptions { TimeColumn = DataFrameTimeColumn.Nanoseconds });

            Assert.That(read.Columns["host"].Cast<string?>(), Is.EqualTo(new[] { "a", null, "c", null }));
            Assert.That(read.Columns["f"].Cast<double?>(), Is.EqualTo(new double?[] { null, 1.5, null, 2.5 }));
            Assert.That(read.Columns["i"].Cast<long?>(), Is.EqualTo(new long?[] { 1, null, null, 4 }));
            Assert.That(read.Columns["b"].Cast<bool?>(), Is.EqualTo(new bool?[] { null, null, true, null }));
            Assert.That(read.Columns["s"].Cast<string?>(), Is.EqualTo(new[] { "w", "x", null, null }));
            Assert.That(read.Columns.Skip(1).Select(c => c.NullCount), Is.EqualTo(new long[] { 2, 2, 2, 3, 2 }));
        }
    }

    [Test]
    public async Task A_group_by_query_gives_each_series_its_frame_and_tags()
    {
        DataFrame prices = PriceFrames.RandomWalk(200);
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_group", prices, "prices", TagIsATag);
        using (client)
        {
            DataFrameQueryResult result = await client.QueryDataFrameAsync("""SELECT "LUY", "BEM", "AJW" FROM prices GROUP BY "tag" """);

            Assert.That(result.Select(s => s.Key), Is.EqualTo(new[] { "prices,tag=A", "prices,tag=B", "prices,tag=C", "prices,tag=D", "prices,tag=E" }));
            Assert.That(result.Statements[0].Frames, Has.Count.EqualTo(5));
            foreach (SeriesDataFrame series in result)
            {
                string tag = series.Tags["tag"];
                Assert.That(series.Name, Is.EqualTo("prices"));
                FrameAssert.AreEqual(PriceFrames.RowsWhere(prices, "tag", tag), series.Frame, series.Key);
            }

            Assert.That(() => result.SingleFrame(), Throws.InvalidOperationException.With.Message.Contains("5 series"));
        }
    }

    [Test]
    public async Task A_failed_statement_throws_unless_asked_not_to_and_the_statements_before_it_keep_their_frames()
    {
        (string db, InfluxDBClient client) = await DatabaseWithAsync("dfq_statements", Frames.Docs(), "prices", TagIsATag);
        using (client)
        {
            await Server.WriteAsync(db, "notes note=\"x\" 1\n"u8.ToArray());
            const string Query = """SELECT "LUY" FROM prices; SELECT MEAN("note") FROM notes""";

            DataFrameQueryResult kept = await client.QueryDataFrameAsync(Query, options: new QueryOptions { ThrowOnStatementError = false });

            Assert.That(kept.Statements.Select(s => s.StatementId), Is.EqualTo(new[] { 0, 1 }));
            Assert.That(kept.Statements[1].Error, Does.Contain("unsupported mean iterator type"));
            Assert.That(kept.Select(s => (s.StatementId, s.Frame.Rows.Count)), Is.EqualTo(new[] { (0, 5L) }));
            Assert.That(kept.Statements[0].Frames["prices"].Columns["LUY"].Cast<double?>(), Is.EqualTo(Frames.Luy.Select(v => (double?)v)));
            Assert.That(kept.IsSuccess, Is.False);
            Assert.That(
                async () => await client.QueryDataFrameAsync(Query),
                Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.StatementId)).EqualTo(1));
            Assert.That(() => client.QueryDataFrameChunked(Query).ToList(), Throws.TypeOf<InfluxDBQueryException>());
        }
    }

    [Test]
    public async Task Chunked_reading_combined_equals_unchunked_reading()
    {
        DataFrame prices = PriceFrames.RandomWalk(1_000, seed: 7);
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_chunks", prices, "prices", TagIsATag);
        using (client)
        {
            const string Query = """SELECT * FROM prices GROUP BY "tag"; SELECT "LUY" FROM prices""";
            var chunked = new QueryOptions { ChunkSize = 37 };

            DataFrameQueryResult unchunked = await client.QueryDataFrameAsync(Query);
            List<DataFrameQueryResult> chunks = await client.QueryDataFrameChunkedAsync(Query, options: chunked).ToListAsync();
            DataFrameQueryResult combined = DataFrameQueryResult.Combine(chunks);
            DataFrameQueryResult combinedAsync = await DataFrameQueryResult.CombineAsync(client.QueryDataFrameChunkedAsync(Query, options: chunked));
            DataFrameQueryResult combinedBlocking = DataFrameQueryResult.Combine(client.QueryDataFrameChunked(Query, options: chunked));

            Assert.That(chunks, Has.Count.GreaterThan(1_000 / 37));
            Assert.That(chunks.SelectMany(c => c).Count(s => s.Partial), Is.GreaterThan(0), "influxd split series across chunks");
            Assert.That(unchunked, Has.Count.EqualTo(6));
            foreach (DataFrameQueryResult result in new[] { combined, combinedAsync, combinedBlocking })
            {
                Assert.That(result.Select(s => (s.StatementId, s.Key)), Is.EqualTo(unchunked.Select(s => (s.StatementId, s.Key))));
                Assert.That(result.Select(s => s.Partial), Is.All.False);
                for (int i = 0; i < unchunked.Count; i++)
                {
                    FrameAssert.AreEqual(unchunked[i].Frame, result[i].Frame, unchunked[i].Key);
                }
            }

            FrameAssert.AreEqual(new DataFrame(prices.Columns["time"].Clone(), prices.Columns["LUY"].Clone()), unchunked.Statements[1].Frames["prices"]);
        }
    }

    [Test]
    public async Task SHOW_FIELD_KEYS_types_a_float_field_of_whole_numbers_as_Double()
    {
        string db = await Server.CreateDatabaseAsync("dfq_fieldkeys");
        await Server.WriteAsync(db, Encoding.UTF8.GetBytes("m price=100,volume=5i,flag=t,note=\"a\" 1\nm price=101,volume=6i,flag=f,note=\"b\" 2\n"));
        using InfluxDBClient client = CreateClient(db);
        var fromFieldKeys = new DataFrameQueryOptions { ColumnTypes = DataFrameColumnTypes.FromFieldKeys };

        DataFrame byValues = await client.QuerySingleDataFrameAsync("SELECT * FROM m");
        DataFrame byFieldKeys = await client.QuerySingleDataFrameAsync("SELECT * FROM m", fromFieldKeys);
        DataFrame blocking = client.QuerySingleDataFrame("SELECT * FROM m", fromFieldKeys);
        DataFrame mean = await client.QuerySingleDataFrameAsync("SELECT MEAN(volume) AS volume FROM m", fromFieldKeys);
        List<DataFrameQueryResult> chunks = await client.QueryDataFrameChunkedAsync("SELECT * FROM m", fromFieldKeys with { FieldKeys = await client.ShowFieldKeysAsync() }).ToListAsync();

        Assert.That(byValues.Columns["price"], Is.TypeOf<Int64DataFrameColumn>(), "influxd writes the float 100 as 100");
        Assert.That(byFieldKeys.Columns["price"], Is.TypeOf<DoubleDataFrameColumn>());
        Assert.That(byFieldKeys.Columns["price"].Cast<double?>(), Is.EqualTo(new double?[] { 100, 101 }));
        Assert.That(byFieldKeys.Columns["volume"], Is.TypeOf<Int64DataFrameColumn>());
        Assert.That(byFieldKeys.Columns["flag"], Is.TypeOf<BooleanDataFrameColumn>());
        Assert.That(byFieldKeys.Columns["note"], Is.TypeOf<StringDataFrameColumn>());
        FrameAssert.AreEqual(byFieldKeys, blocking);
        FrameAssert.AreEqual(byFieldKeys, DataFrameQueryResult.Combine(chunks).SingleFrame());
        Assert.That(mean.Columns["volume"].Cast<double?>(), Is.EqualTo(new double?[] { 5.5 }), "an integer field's name on a float aggregate widens");
    }

    [Test]
    public async Task The_blocking_forms_read_the_same_frames()
    {
        DataFrame prices = PriceFrames.RandomWalk(50);
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_blocking", prices, "prices", TagIsATag);
        using (client)
        {
            DataFrame single = client.QuerySingleDataFrame("""SELECT "LUY", "BEM", "AJW", "tag" FROM prices""");
            DataFrameQueryResult grouped = client.QueryDataFrame("""SELECT * FROM prices GROUP BY "tag" """);
            DataFrameQueryResult groupedAsync = await client.QueryDataFrameAsync("""SELECT * FROM prices GROUP BY "tag" """);

            FrameAssert.AreEqual(prices, single);
            Assert.That(grouped.Select(s => s.Key), Is.EqualTo(groupedAsync.Select(s => s.Key)));
            for (int i = 0; i < grouped.Count; i++)
            {
                FrameAssert.AreEqual(groupedAsync[i].Frame, grouped[i].Frame, grouped[i].Key);
            }
        }
    }

    [Test]
    public async Task A_frame_read_back_writes_again_with_the_default_options()
    {
        DataFrame prices = PriceFrames.RandomWalk(100, seed: 3);
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_rewrite", prices, "prices", TagIsATag);
        using (client)
        {
            DataFrame read = await client.QuerySingleDataFrameAsync("SELECT * FROM prices");
            WriteResult written = await client.WriteAsync(read, "copy", TagIsATag);
            DataFrame copy = await client.QuerySingleDataFrameAsync("SELECT * FROM copy");

            Assert.That(written.PointsWritten, Is.EqualTo(100));
            FrameAssert.AreEqual(read, copy);
        }
    }

    [Test]
    public async Task Nothing_matched_is_an_empty_frame()
    {
        (_, InfluxDBClient client) = await DatabaseWithAsync("dfq_empty", Frames.Docs(), "prices", TagIsATag);
        using (client)
        {
            DataFrame frame = await client.QuerySingleDataFrameAsync("SELECT * FROM prices WHERE time > now()");
            List<DataFrameQueryResult> chunks = await client.QueryDataFrameChunkedAsync("SELECT * FROM prices WHERE time > now()").ToListAsync();

            Assert.That(frame.Rows, Has.Count.EqualTo(0));
            Assert.That(frame.Columns, Is.Empty);
            Assert.That(DataFrameQueryResult.Combine(chunks), Is.Empty);
        }
    }
}
