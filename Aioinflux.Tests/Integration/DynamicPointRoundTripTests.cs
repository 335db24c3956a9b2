using System.Buffers;
using System.Text.Json;
using Aioinflux.Serialization;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Integration;

/// <summary><see cref="Point"/>s and mapping points through a real influxd and back, value for value.</summary>
public class DynamicPointRoundTripTests
{
    private const string TrickyText = "quote \" backslash \\ newline \n tab \t unicode é 漢字 🎉 comma, equals= space";

    private static InfluxServer Server => InfluxFixture.Server;

    [Test]
    public async Task A_point_of_every_type_with_tricky_names_reads_back_exactly()
    {
        string database = await Server.CreateDatabaseAsync("dynamic_point");
        Point point = Point.Measurement("dyn, point")
            .Tag("host name", "a,b=c d \\x ümlaut")
            .Tag("core", -3)
            .Tag("big", ulong.MaxValue)
            .Tag("flag", true)
            .Tag("side", Side.Sell)
            .Tag("id", new Guid("34a1e085-3122-429c-9662-7ce82039d287"))
            .Field("double", double.Epsilon)
            .Field("float", 0.1f)
            .Field("decimal", 79228162514264.337593543950335m)
            .Field("long", long.MinValue)
            .Field("ulong", (ulong)long.MaxValue)
            .Field("bool", false)
            .Field("text", TrickyText)
            .Field("char", '"')
            .Field("venue", Venue.Both)
            .Field("omitted", (double?)null)
            .Time(new DateTime(1677, 9, 21, 0, 12, 43, 146, DateTimeKind.Utc));
        var writer = new ArrayBufferWriter<byte>();
        point.WriteLineProtocol(writer);

        await Server.WriteAsync(database, writer.WrittenMemory);
        Dictionary<string, JsonElement> row = (await Server.SelectAsync(database, "SELECT * FROM \"dyn, point\"")).Single();

        LineProtocolTime.TryFromDateTime(new DateTime(1677, 9, 21, 0, 12, 43, 146, DateTimeKind.Utc), out long nanoseconds);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row["time"].GetInt64(), Is.EqualTo(nanoseconds));
            Assert.That(row["host name"].GetString(), Is.EqualTo("a,b=c d \\x ümlaut"));
            Assert.That(row["core"].GetString(), Is.EqualTo("-3"));
            Assert.That(row["big"].GetString(), Is.EqualTo("18446744073709551615"));
            Assert.That(row["flag"].GetString(), Is.EqualTo("true"));
            Assert.That(row["side"].GetString(), Is.EqualTo("Sell"));
            Assert.That(row["id"].GetString(), Is.EqualTo("34a1e085-3122-429c-9662-7ce82039d287"));
            Assert.That(row["double"].GetDouble(), Is.EqualTo(double.Epsilon));
            Assert.That((float)row["float"].GetDouble(), Is.EqualTo(0.1f));
            Assert.That(row["decimal"].GetDouble(), Is.EqualTo((double)79228162514264.337593543950335m));
            Assert.That(row["long"].GetInt64(), Is.EqualTo(long.MinValue));
            Assert.That(row["ulong"].GetInt64(), Is.EqualTo(long.MaxValue));
            Assert.That(row["bool"].GetBoolean(), Is.False);
            Assert.That(row["text"].GetString(), Is.EqualTo(TrickyText));
            Assert.That(row["char"].GetString(), Is.EqualTo("\""));
            Assert.That(row["venue"].GetString(), Is.EqualTo("Both"));
            Assert.That(row.ContainsKey("omitted"), Is.False);
        }
    }

    [Test]
    public async Task The_docs_mapping_points_read_back_with_their_times()
    {
        string database = await Server.CreateDatabaseAsync("dynamic_mapping");
        var writer = new ArrayBufferWriter<byte>();
        LineProtocol.Serialize(new Dictionary<string, object?>
        {
            ["time"] = "2009-11-10T23:00:00Z",
            ["measurement"] = "cpu_load_short",
            ["tags"] = new Dictionary<string, object?> { ["host"] = "server01", ["region"] = "us-west" },
            ["fields"] = new Dictionary<string, object?> { ["value1"] = 0.64, ["value2"] = true, ["value3"] = 10 },
        }, writer);
        LineProtocol.MappingWriter("cpu_load_short").WriteLineProtocol(new Dictionary<string, object?>
        {
            ["time"] = "2017-01-01",
            ["tags"] = new Dictionary<string, string?> { ["host"] = "server 02", ["region"] = null },
            ["fields"] = new Dictionary<string, object?> { ["value1"] = 1.5m, ["value2"] = false, ["value3"] = TrickyText },
        }, writer, new LineProtocolOptions(WritePrecision.Nanoseconds, [new("dc", "eu,1")]));

        await Server.WriteAsync(database, writer.WrittenMemory);
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(database, "SELECT * FROM cpu_load_short ORDER BY time");

        Assert.That(rows, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows[0]["time"].GetInt64(), Is.EqualTo(1_257_894_000_000_000_000));
            Assert.That(rows[0]["host"].GetString(), Is.EqualTo("server01"));
            Assert.That(rows[0]["region"].GetString(), Is.EqualTo("us-west"));
            Assert.That(rows[0]["dc"].ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(rows[0]["value1"].GetDouble(), Is.EqualTo(0.64));
            Assert.That(rows[0]["value2"].GetBoolean(), Is.True);
            Assert.That(rows[0]["value3"].GetInt64(), Is.EqualTo(10));
            Assert.That(rows[1]["time"].GetInt64(), Is.EqualTo(1_483_228_800_000_000_000));
            Assert.That(rows[1]["host"].GetString(), Is.EqualTo("server 02"));
            Assert.That(rows[1]["region"].ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(rows[1]["dc"].GetString(), Is.EqualTo("eu,1"));
            Assert.That(rows[1]["value1"].GetDouble(), Is.EqualTo(1.5));
            Assert.That(rows[1]["value2"].GetBoolean(), Is.False);
        }
    }

    [Test]
    public async Task Points_and_mappings_at_a_coarse_precision_store_the_floored_time([Values(WritePrecision.Milliseconds, WritePrecision.Seconds)] WritePrecision precision)
    {
        string database = await Server.CreateDatabaseAsync("dynamic_precision_" + precision);
        const long Time = -1_234_567_891_234_567_891;
        var options = new LineProtocolOptions(precision);
        var writer = new ArrayBufferWriter<byte>();
        Point.Measurement("m").Tag("kind", "point").Field("v", 1L).Time(Time).WriteLineProtocol(writer, options);
        LineProtocol.Serialize(
            new Dictionary<string, object?> { ["measurement"] = "m", ["time"] = Time, ["tags"] = new Dictionary<string, object?> { ["kind"] = "mapping" }, ["fields"] = new Dictionary<string, object?> { ["v"] = 2 } },
            writer,
            options: options);

        await Server.WriteAsync(database, writer.WrittenMemory, precision);
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(database, "SELECT * FROM m");

        long unit = LineProtocolTime.NanosecondsPer(precision);
        long expected = (long)Math.Floor((decimal)Time / unit) * unit;
        Assert.That(rows.Select(r => (r["kind"].GetString(), r["time"].GetInt64())), Is.EquivalentTo(new[] { ("point", expected), ("mapping", expected) }));
    }
}
