using System.Runtime.CompilerServices;
using Aioinflux.Tests.Generation;
using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests.Client;

/// <summary>Querying through the client against a real influxd: every form, epoch, parameters and error.</summary>
public class ClientQueryTests
{
    private const long BaseTime = 1_700_000_000_123_456_789;

    private static InfluxServer Server => InfluxFixture.Server;

    private static async Task<(InfluxDBClient Client, string Database)> ClientWithTradesAsync(string hint, int count = 10)
    {
        string db = await Server.CreateDatabaseAsync(hint);
        var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port, database: db);
        await client.WriteAsync(Enumerable.Range(0, count).Select(i => new Trade(BaseTime + (i * 1_000_000_000L), i % 2 == 0 ? "AAPL" : "MSFT", Side.Buy, 100 + i, i, "t" + i)));
        return (client, db);
    }

    [TestCase(null, "2023-11-14T22:13:20.123456789Z")]
    [TestCase(WritePrecision.Nanoseconds, 1_700_000_000_123_456_789L)]
    [TestCase(WritePrecision.Microseconds, 1_700_000_000_123_456L)]
    [TestCase(WritePrecision.Milliseconds, 1_700_000_000_123L)]
    [TestCase(WritePrecision.Seconds, 1_700_000_000L)]
    [TestCase(WritePrecision.Minutes, 28_333_333L)]
    [TestCase(WritePrecision.Hours, 472_222L)]
    public async Task Each_epoch_answers_times_in_its_unit_and_every_reader_turns_them_into_nanoseconds(WritePrecision? epoch, object wire)
    {
        (InfluxDBClient client, _) = await ClientWithTradesAsync("epoch", 1);
        using (client)
        {
            QueryResult result = await client.QueryAsync("SELECT * FROM trades", new QueryOptions { Epoch = epoch });

            Series series = result.Statements.Single().Series.Single();
            InfluxValue time = series.Values[0][series.Metadata.TimeColumnIndex];
            Assert.That(wire is string text ? time.AsString() : (object)time.AsLong(), Is.EqualTo(wire));
            long truncated = epoch is { } unit ? Aioinflux.Serialization.LineProtocolTime.ToPrecision(BaseTime, unit) * Aioinflux.Serialization.LineProtocolTime.NanosecondsPer(unit) : BaseTime;
            Assert.That(series.Metadata.GetTimeNanoseconds(series.Values[0]), Is.EqualTo(truncated));
        }
    }

    [Test]
    public async Task Bound_parameters_carry_values_safely_including_integers_above_two_to_the_53()
    {
        (InfluxDBClient client, string db) = await ClientWithTradesAsync("params");
        using (client)
        {
            await client.WriteAsync($"big value={long.MaxValue}i 1\nbig value={(1L << 53) + 1}i 2");
            var parameters = new QueryParameters { ["instrument"] = "AAPL", ["min"] = 3 };
            var injection = new QueryParameters { ["instrument"] = "AAPL' OR '1'='1" };
            var exact = new QueryParameters { ["v"] = (1L << 53) + 1 };

            List<long> sizes = await client.IterPointsAsync("SELECT Size FROM trades WHERE Instrument = $instrument AND Size >= $min", (row, meta) => row[meta.IndexOf("Size")].AsLong(), new QueryOptions { Parameters = parameters }).ToListAsync();
            List<long> injected = await client.IterPointsAsync("SELECT Size FROM trades WHERE Instrument = $instrument", (row, meta) => row[1].AsLong(), new QueryOptions { Parameters = injection }).ToListAsync();
            QueryResult big = await client.QueryAsync("SELECT value FROM big WHERE value = $v", new QueryOptions { Parameters = exact });

            Assert.That(sizes, Is.EqualTo(new long[] { 4, 6, 8 }));
            Assert.That(injected, Is.Empty, "the quote is part of the value, not of the query");
            Assert.That(big.Statements[0].Series[0].Values.Single()[1].AsLong(), Is.EqualTo((1L << 53) + 1));
        }
    }

    [Test]
    public async Task A_failed_statement_throws_by_default_or_is_reported_beside_the_statements_that_succeeded()
    {
        (InfluxDBClient client, _) = await ClientWithTradesAsync("statements", 3);
        using (client)
        {
            const string Query = "SELECT count(Size) FROM trades; SELECT count(Size) FROM nosuchdb..trades; SHOW MEASUREMENTS";

            var error = Assert.ThrowsAsync<InfluxDBQueryException>(() => client.QueryAsync(Query));
            QueryResult all = await client.QueryAsync(Query, new QueryOptions { ThrowOnStatementError = false });

            Assert.That(error!.StatementId, Is.EqualTo(1));
            Assert.That(all.Statements[0].Error, Is.Null);
            Assert.That(all.Statements[0].Series[0].Values[0][1].AsLong(), Is.EqualTo(3));
            Assert.That(all.Statements[1].Error, Is.Not.Null, "influxd 1.6.7 reports a failed statement in the middle as 'not executed' and runs none after it");
            Assert.That(all.Statements, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task A_query_influxd_cannot_parse_is_an_InfluxDBQueryException_with_the_servers_text()
    {
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port, database: "whatever");

        var error = Assert.ThrowsAsync<InfluxDBQueryException>(() => client.QueryAsync("SELEKT * FROM cpu"));
        var blocking = Assert.Throws<InfluxDBQueryException>(() => client.Query("SELEKT * FROM cpu"));

        Assert.That(error!.ServerMessage, Does.Contain("found SELEKT"));
        Assert.That(blocking!.ServerMessage, Is.EqualTo(error.ServerMessage));
    }

    [Test]
    public async Task An_unknown_database_is_a_statement_error_naming_it()
    {
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port, database: "no_such_db");

        var error = Assert.ThrowsAsync<InfluxDBQueryException>(() => client.QueryAsync("SELECT * FROM cpu"));

        Assert.That(error!.ServerMessage, Does.Contain("database not found"));
    }

    [Test]
    public async Task Chunked_answers_with_small_chunks_combine_into_exactly_the_unchunked_rows()
    {
        (InfluxDBClient client, _) = await ClientWithTradesAsync("chunks", 250);
        using (client)
        {
            QueryResult whole = await client.QueryAsync("SELECT * FROM trades GROUP BY Instrument");
            List<QueryResult> chunks = await client.QueryChunkedAsync("SELECT * FROM trades GROUP BY Instrument", new QueryOptions { ChunkSize = 7 }).ToListAsync();
            QueryResult combined = QueryResult.Combine(chunks);
            QueryResult blocking = QueryResult.Combine(client.QueryChunked("SELECT * FROM trades GROUP BY Instrument", new QueryOptions { ChunkSize = 7 }));

            Assert.That(chunks, Has.Count.GreaterThan(30));
            foreach (QueryResult candidate in new[] { combined, blocking })
            {
                Assert.That(candidate.Statements[0].Series.Select(s => s.Tags["Instrument"]), Is.EqualTo(whole.Statements[0].Series.Select(s => s.Tags["Instrument"])));
                for (int s = 0; s < whole.Statements[0].Series.Count; s++)
                {
                    Assert.That(candidate.Statements[0].Series[s].Values.Select(r => r.ToArray()), Is.EqualTo(whole.Statements[0].Series[s].Values.Select(r => r.ToArray())));
                }
            }
        }
    }

    [Test]
    public async Task IterPoints_with_a_parser_yields_the_docs_dictionary_per_point()
    {
        (InfluxDBClient client, _) = await ClientWithTradesAsync("iter", 4);
        using (client)
        {
            static Dictionary<string, object?> AsDictionary(InfluxRow row, PointMetadata meta)
            {
                var point = new Dictionary<string, object?> { ["measurement"] = meta.Name };
                for (int i = 0; i < meta.Columns.Count; i++)
                {
                    point[meta.Columns[i]] = row[i].Kind switch
                    {
                        InfluxValueKind.Integer => row[i].AsLong(),
                        InfluxValueKind.Float => row[i].AsDouble(),
                        InfluxValueKind.String => row[i].AsString(),
                        InfluxValueKind.Boolean => row[i].AsBool(),
                        _ => null,
                    };
                }

                return point;
            }

            List<Dictionary<string, object?>> points = await client.IterPointsAsync("SELECT * FROM trades", AsDictionary, new QueryOptions { Epoch = WritePrecision.Nanoseconds }).ToListAsync();
            List<Dictionary<string, object?>> blocking = client.IterPoints("SELECT * FROM trades", AsDictionary, new QueryOptions { Epoch = WritePrecision.Nanoseconds }).ToList();

            Assert.That(points, Has.Count.EqualTo(4));
            Assert.That(points[1], Does.ContainKey("trade_id").WithValue("t1").And.ContainKey("time").WithValue(BaseTime + 1_000_000_000L).And.ContainKey("measurement").WithValue("trades"));
            Assert.That(blocking, Is.EqualTo(points));
        }
    }

    [Test]
    public async Task The_built_in_SHOW_queries_return_typed_lists_and_quote_every_name()
    {
        string db = "show \"quoted\" db " + Guid.NewGuid().ToString("N")[..6];
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port, database: db);
        await client.CreateDatabaseAsync(db);
        await client.WriteAsync("select,host\\ name=a\\ b value=1,text=\"x\" 1\nother,host\\ name=c value=2i 2");
        await client.QueryAsync($"CREATE CONTINUOUS QUERY \"my cq\" ON {InfluxQL.QuoteIdentifier(db)} BEGIN SELECT mean(value) INTO \"avg\" FROM \"select\" GROUP BY time(1h) END");

        Assert.That(await client.ShowDatabasesAsync(), Does.Contain(db));
        Assert.That(await client.ShowMeasurementsAsync(), Is.EqualTo(new[] { "other", "select" }));
        Assert.That(await client.ShowSeriesAsync("select"), Is.EqualTo(new[] { "select,host\\ name=a\\ b" }));
        Assert.That(await client.ShowTagKeysAsync("select"), Is.EqualTo(new[] { new TagKeyInfo("select", "host name") }));
        Assert.That(await client.ShowFieldKeysAsync(), Is.EqualTo(new[] { new FieldKeyInfo("other", "value", "integer"), new FieldKeyInfo("select", "text", "string"), new FieldKeyInfo("select", "value", "float") }));
        Assert.That(await client.ShowTagValuesAsync("host name"), Is.EqualTo(new[] { new TagValueInfo("other", "host name", "c"), new TagValueInfo("select", "host name", "a b") }));
        Assert.That((await client.ShowRetentionPoliciesAsync()).Single(), Is.EqualTo(new RetentionPolicyInfo("autogen", "0s", "168h0m0s", 1, true)));
        Assert.That((await client.ShowContinuousQueriesAsync()).Single(q => q.Database == db).Name, Is.EqualTo("my cq"));
        Assert.That(client.ShowUsers(), Is.Empty);

        await client.DropMeasurementAsync("select");
        Assert.That(client.ShowMeasurements(), Is.EqualTo(new[] { "other" }));
    }

    [Test]
    public async Task Typed_queries_read_rows_back_into_the_generated_type_that_wrote_them()
    {
        (InfluxDBClient client, _) = await ClientWithTradesAsync("typed", 25);
        using (client)
        {
            Trade[] written = Enumerable.Range(0, 25).Select(i => new Trade(BaseTime + (i * 1_000_000_000L), i % 2 == 0 ? "AAPL" : "MSFT", Side.Buy, 100 + i, i, "t" + i)).ToArray();

            List<Trade> list = await client.QueryAsync<Trade>("SELECT * FROM trades", new QueryOptions { Epoch = WritePrecision.Nanoseconds });
            List<Trade> rfc3339 = await client.IterPointsAsync<Trade>("SELECT * FROM trades", new QueryOptions { ChunkSize = 4 }).ToListAsync();
            List<Trade> grouped = client.Query<Trade>("SELECT * FROM trades WHERE Instrument = $i GROUP BY Instrument", new QueryOptions { Parameters = new QueryParameters { ["i"] = "MSFT" } });

            Assert.That(list, Is.EqualTo(written));
            Assert.That(rfc3339, Is.EqualTo(written));
            Assert.That(grouped, Is.EqualTo(written.Where(t => t.Instrument == "MSFT")), "the Instrument tag comes from the series' GROUP BY tags");
        }
    }
}
