using System.Buffers;
using System.Text.Json;
using Aioinflux.Serialization;
using Aioinflux.Tests.Generation;
using Aioinflux.Tests.Generation.External;

namespace Aioinflux.Tests.Integration;

/// <summary>Values of types the schema does not own, written by generated <see cref="ILineProtocolWriter{T}"/>s through a real influxd and back.</summary>
public class ExternalSchemaRoundTripTests
{
    private static InfluxServer Server => InfluxFixture.Server;

    [Test]
    public async Task A_class_a_struct_and_a_record_written_through_their_schemas_read_back_exactly()
    {
        string database = await Server.CreateDatabaseAsync("external_schema");
        CpuSample[] samples =
        [
            new() { Host = "a,b=c d \\x ümlaut 漢字", Region = "us-west", Load = double.Epsilon, Count = long.MinValue, Timestamp = new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Utc) },
            new() { Host = "plain", Region = null, Load = -0.64, Count = null, Timestamp = new DateTime(2262, 4, 11, 23, 47, 16, 854, DateTimeKind.Utc) },
        ];
        var tick = new Tick { Symbol = "BRK.B", Side = Side.Buy, Price = 79228162514264.337593543950335m, Size = 7, Nanoseconds = -1_234_567_891_234_567_891 };
        Order[] orders = [new("lse", "VOD", 1.5, "2009-11-10T23:00:00.123456789+01:00"), new("lse", "BT", null, "2009-11-10T23:00:01Z")];

        var buffer = new ArrayBufferWriter<byte>();
        foreach (CpuSample sample in samples)
        {
            CpuSampleSchema.Instance.WriteLineProtocol(sample, buffer);
        }

        ILineProtocolWriter<Tick> tickWriter = TickSchema.Instance;
        tickWriter.WriteLineProtocol(tick, buffer);
        foreach (Order order in orders)
        {
            OrderSchema.Instance.WriteLineProtocol(order, buffer);
        }

        await Server.WriteAsync(database, buffer.WrittenMemory);
        List<Dictionary<string, JsonElement>> cpu = await Server.SelectAsync(database, "SELECT * FROM cpu ORDER BY time");
        Dictionary<string, JsonElement> ticks = (await Server.SelectAsync(database, "SELECT * FROM ticks")).Single();
        List<Dictionary<string, JsonElement>> lse = await Server.SelectAsync(database, "SELECT * FROM lse ORDER BY time");

        Assert.That(cpu, Has.Count.EqualTo(samples.Length));
        using (Assert.EnterMultipleScope())
        {
            for (int i = 0; i < samples.Length; i++)
            {
                CpuSample sample = samples[i];
                LineProtocolTime.TryFromDateTime(sample.Timestamp, out long nanoseconds);
                Assert.That(cpu[i]["time"].GetInt64(), Is.EqualTo(nanoseconds), "time");
                Assert.That(cpu[i]["Host"].GetString(), Is.EqualTo(sample.Host), "Host");
                Assert.That(Text(cpu[i]["region"]), Is.EqualTo(sample.Region), "region");
                Assert.That(cpu[i]["dc"].GetString(), Is.EqualTo("eu-1"), "the schema's extra tag");
                Assert.That(cpu[i]["load"].GetDouble(), Is.EqualTo(sample.Load), "load");
                Assert.That(Nullable(cpu[i]["Count"])?.GetInt64(), Is.EqualTo(sample.Count), "Count");
            }

            Assert.That(ticks["time"].GetInt64(), Is.EqualTo(tick.Nanoseconds));
            Assert.That(ticks["Symbol"].GetString(), Is.EqualTo("BRK.B"));
            Assert.That(ticks["side"].GetString(), Is.EqualTo("Buy"));
            Assert.That(ticks["price"].GetDouble(), Is.EqualTo((double)tick.Price));
            Assert.That(ticks["Size"].GetInt64(), Is.EqualTo(7));

            Assert.That(lse.Select(r => r["time"].GetInt64()), Is.EqualTo(new[] { 1_257_890_400_123_456_789, 1_257_894_001_000_000_000 }));
            Assert.That(lse.Select(r => r["Instrument"].GetString()), Is.EqualTo(new[] { "VOD", "BT" }));
            Assert.That(lse.Select(r => Nullable(r["Quantity"])?.GetDouble()), Is.EqualTo(new double?[] { 1.5, null }));
            Assert.That(lse.Select(r => Nullable(r["_"])?.GetBoolean()), Is.EqualTo(new bool?[] { null, true }), "the placeholder field of the order without fields");
        }
    }

    [Test]
    public async Task The_per_call_precision_and_extra_tags_of_a_schema_writer_reach_the_server()
    {
        string database = await Server.CreateDatabaseAsync("external_schema_precision");
        var options = new LineProtocolOptions(WritePrecision.Milliseconds, [new("run", "a b,c")]);
        var tick = new Tick { Symbol = "AAPL", Side = Side.Sell, Price = 219.23m, Nanoseconds = 1_540_184_368_785_116_123 };
        var buffer = new ArrayBufferWriter<byte>();
        TickSchema.Instance.WriteLineProtocol(tick, buffer, options);

        await Server.WriteAsync(database, buffer.WrittenMemory, WritePrecision.Milliseconds);
        Dictionary<string, JsonElement> row = (await Server.SelectAsync(database, "SELECT * FROM ticks")).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(row["time"].GetInt64(), Is.EqualTo(1_540_184_368_785_000_000));
            Assert.That(row["run"].GetString(), Is.EqualTo("a b,c"));
            Assert.That(row["price"].GetDouble(), Is.EqualTo(219.23));
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    private static JsonElement? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value;
}
