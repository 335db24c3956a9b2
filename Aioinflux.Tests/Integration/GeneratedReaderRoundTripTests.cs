using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using Aioinflux.Query;
using Aioinflux.Serialization;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Integration;

/// <summary>
/// Points written by the generated writers into a real influxd, queried back over /query (with epoch=ns, and without
/// an epoch, RFC 3339 times) and read by the generated readers: equal member by member.
/// </summary>
public class GeneratedReaderRoundTripTests
{
    private const string TrickyText = "quote \" backslash \\ newline \n tab \t unicode é 漢字 🎉 comma, equals= space";

    private static InfluxServer Server => InfluxFixture.Server;

    public static IEnumerable<WritePrecision?> Epochs() => [WritePrecision.Nanoseconds, null];

    // Decimals go through InfluxDB's float64, so only values a double holds exactly, or prints back the same, come back equal.
    private static EveryType[] EveryTypePoints() =>
    [
        new EveryType
        {
            TagString = "a,b=c d \\x ümlaut 漢字",
            TagEnum = Side.Sell,
            TagNullableEnum = null,
            TagInt = int.MinValue,
            TagULong = ulong.MaxValue,
            TagBool = true,
            TagChar = '=',
            TagGuid = new Guid("34a1e085-3122-429c-9662-7ce82039d287"),
            TagNullableLong = long.MinValue,
            FieldBool = true,
            FieldSByte = sbyte.MinValue,
            FieldByte = byte.MaxValue,
            FieldShort = short.MinValue,
            FieldUShort = ushort.MaxValue,
            FieldInt = int.MinValue,
            FieldUInt = uint.MaxValue,
            FieldLong = long.MinValue,
            FieldULong = long.MaxValue,
            FieldFloat = 0.1f,
            FieldDouble = double.Epsilon,
            FieldDecimal = 123456.789m,
            FieldString = TrickyText,
            FieldChar = '"',
            FieldEnum = Venue.Both,
            FieldNullableDouble = 219.23,
            FieldNullableInt = null,
            FieldNullableEnum = (Venue)42,
            Time = new DateTime(1677, 9, 21, 0, 12, 43, 146, DateTimeKind.Utc),
        },
        new EveryType
        {
            TagString = null,
            TagEnum = (Side)7,
            TagNullableEnum = Side.Buy,
            TagInt = int.MaxValue,
            TagULong = 0,
            TagBool = false,
            TagChar = 'é',
            TagGuid = Guid.Empty,
            TagNullableLong = null,
            FieldBool = false,
            FieldLong = long.MaxValue,
            FieldULong = 0,
            FieldFloat = float.MaxValue,
            FieldDouble = double.MaxValue,
            FieldDecimal = -1.5m,
            FieldString = string.Empty,
            FieldChar = '\\',
            FieldEnum = Venue.None,
            FieldNullableDouble = null,
            FieldNullableInt = 0,
            FieldNullableEnum = null,
            Time = new DateTime(2262, 4, 11, 23, 47, 16, 854, DateTimeKind.Utc),
        },
        new EveryType
        {
            TagString = "plain",
            FieldDouble = -1.7976931348623157e308,
            FieldDecimal = 0.1m,
            FieldString = "line one\nline two",
            Time = new DateTime(2009, 11, 10, 23, 0, 0, 123, DateTimeKind.Utc).AddTicks(4567),
        },
    ];

    [TestCaseSource(nameof(Epochs))]
    public async Task Every_member_type_reads_back_as_it_was_written(WritePrecision? epoch)
    {
        string database = await Server.CreateDatabaseAsync("read_every_type");
        EveryType[] points = EveryTypePoints().OrderBy(p => p.Time).ToArray();
        await WriteAsync(database, points);

        List<EveryType> read = await QueryAsync<EveryType>(database, "SELECT * FROM \"every type\" ORDER BY time", epoch);

        Assert.That(read, Has.Count.EqualTo(points.Length));
        for (int i = 0; i < points.Length; i++)
        {
            AssertSameMembers(points[i], read[i]);
        }
    }

    [TestCaseSource(nameof(Epochs))]
    public async Task Group_by_tags_read_back_into_tag_members_of_every_type(WritePrecision? epoch)
    {
        string database = await Server.CreateDatabaseAsync("read_group_by");
        EveryType[] points = EveryTypePoints();
        await WriteAsync(database, points);

        // GROUP BY * moves every tag out of the columns into the series' tags, "" for series without it.
        List<EveryType> read = await QueryAsync<EveryType>(database, "SELECT * FROM \"every type\" GROUP BY *", epoch);

        Assert.That(read, Has.Count.EqualTo(points.Length));
        foreach (EveryType point in points)
        {
            AssertSameMembers(point, read.Single(r => r.Time == point.Time));
        }
    }

    [TestCaseSource(nameof(Epochs))]
    public async Task Records_structs_init_only_and_constructor_bound_types_read_back(WritePrecision? epoch)
    {
        string database = await Server.CreateDatabaseAsync("read_shapes");
        Trade[] trades =
        [
            new(1_540_184_368_785_116_000, "AAPL", Side.Buy, 219.23, 100, "34a1e085-3122-429c-9662-7ce82039d287"),
            new(1_540_184_368_785_116_001, "MSFT, Inc", (Side)9, 3, long.MinValue, TrickyText),
        ];
        Reading reading = new("living room", "t,1", 21.5, "2009-11-10T23:00:00.123456789+01:00");
        Reading empty = new("living room", null, null, "2009-11-10T23:00:01+01:00");
        Event happened = new("deploy", "v1.2 \"released\"", new DateTimeOffset(2020, 2, 29, 12, 0, 0, TimeSpan.FromHours(-5)));
        PlainParameters plain = new("host a", 0.64, 1_000_000_001);
        Sparse sparse = new() { Host = null, Value = 1.5, Note = null, Time = 2_000_000_002 };
        Quote quote = new() { Symbol = "AAPL", Venue = Exchange.Nyse, Bid = 101.25m, Ask = null, Ratio = 0.1f, Count = int.MaxValue, At = new DateTimeOffset(2020, 2, 29, 17, 0, 0, 500, TimeSpan.Zero) };
        Metric metric = new("cpu load", "server 1", 0.5, 3_000_000_003);
        Gauge gauge = new("pump", 7) { Alarm = true, Time = "2015-08-18T00:06:00.5Z" };
        await WriteAsync(database, trades);
        await WriteAsync(database, [reading, empty]);
        await WriteAsync(database, [happened]);
        await WriteAsync(database, [plain]);
        await WriteAsync(database, [sparse]);
        await WriteAsync(database, [quote]);
        await WriteAsync(database, [metric]);
        await WriteAsync(database, [gauge]);

        List<Reading> readings = await QueryAsync<Reading>(database, "SELECT * FROM \"living room\"", epoch);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await QueryAsync<Trade>(database, "SELECT * FROM trades", epoch), Is.EqualTo(trades));
            Assert.That(await QueryAsync<Trade>(database, "SELECT * FROM trades GROUP BY Instrument, Side", epoch), Is.EquivalentTo(trades));
            Assert.That(readings, Is.EqualTo(new[]
            {
                new Reading("living room", "t,1", 21.5, "2009-11-10T22:00:00.123456789Z"),
                new Reading("living room", null, null, "2009-11-10T22:00:01Z"),
            }), "the measurement comes from the series' name; the ISO time as influxd prints it, with an epoch or without");
            Assert.That((await QueryAsync<Event>(database, "SELECT * FROM events", epoch)).Single(), Is.EqualTo(happened));
            Assert.That((await QueryAsync<PlainParameters>(database, "SELECT * FROM PlainParameters", epoch)).Single(), Is.EqualTo(plain));
            AssertSameMembers(sparse, (await QueryAsync<Sparse>(database, "SELECT * FROM Sparse", epoch)).Single());
            AssertSameMembers(quote, (await QueryAsync<Quote>(database, "SELECT * FROM quotes", epoch)).Single());
            Assert.That((await QueryAsync<Metric>(database, "SELECT * FROM \"cpu load\"", epoch)).Single(), Is.EqualTo(metric));
            AssertSameMembers(gauge, (await QueryAsync<Gauge>(database, "SELECT * FROM gauges", epoch)).Single());
        }
    }

    private static async Task WriteAsync<T>(string database, IEnumerable<T> points)
        where T : ILineProtocolPoint
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (T point in points)
        {
            point.WriteLineProtocol(writer);
        }

        await Server.WriteAsync(database, writer.WrittenMemory);
    }

    /// <summary>POSTs the query to /query as the client does, and reads the streamed body with <typeparamref name="T"/>'s generated reader.</summary>
    private static async Task<List<T>> QueryAsync<T>(string database, string query, WritePrecision? epoch)
        where T : IQueryReadable<T>
    {
        var form = new Dictionary<string, string> { ["db"] = database, ["q"] = query };
        if (epoch is { } precision)
        {
            form["epoch"] = LineProtocolTime.ToWireValue(precision);
        }

        using var content = new FormUrlEncodedContent(form);
        using HttpResponseMessage response = await Server.Http.PostAsync("query", content);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"/query answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await using Stream body = await response.Content.ReadAsStreamAsync();
        var rows = new List<T>();
        await foreach (T row in QueryResponseParser.ReadRowsAsync(PipeReader.Create(body), T.QueryRowReader, new QueryReadOptions { Epoch = epoch }))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Compares every public property, naming the one that differs.</summary>
    private static void AssertSameMembers<T>(T expected, T actual)
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (PropertyInfo property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.That(property.GetValue(actual), Is.EqualTo(property.GetValue(expected)), $"{typeof(T).Name}.{property.Name}");
            }
        }
    }
}
