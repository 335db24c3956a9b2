using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Aioinflux.Serialization;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Integration;

/// <summary>Generated writers through a real influxd and back, value for value.</summary>
public class RoundTripTests
{
    private static InfluxServer Server => InfluxFixture.Server;

    private const string TrickyText = "quote \" backslash \\ newline \n tab \t unicode é 漢字 🎉 comma, equals= space";

    private static EveryType[] TrickyPoints() =>
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
            FieldDecimal = 79228162514264.337593543950335m,
            FieldString = TrickyText,
            FieldChar = '"',
            FieldEnum = Venue.Both,
            FieldNullableDouble = -0.0,
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
            FieldNullableDouble = 219.23,
            FieldNullableInt = 0,
            FieldNullableEnum = null,
            Time = new DateTime(2262, 4, 11, 23, 47, 16, 854, DateTimeKind.Utc),
        },
        new EveryType
        {
            TagString = "plain",
            FieldDouble = -1.7976931348623157e308,
            FieldString = "line one\nline two",
            Time = DateTime.SpecifyKind(new DateTime(2009, 11, 10, 23, 0, 0), DateTimeKind.Unspecified),
        },
    ];

    [Test]
    public async Task Every_supported_tag_and_field_type_reads_back_exactly()
    {
        string database = await Server.CreateDatabaseAsync("every_type");
        EveryType[] points = TrickyPoints().OrderBy(p => p.Time).ToArray();
        var writer = new ArrayBufferWriter<byte>();
        foreach (EveryType point in points)
        {
            point.WriteLineProtocol(writer);
        }

        await Server.WriteAsync(database, writer.WrittenMemory);
        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(database, "SELECT * FROM \"every type\" ORDER BY time");

        Assert.That(rows, Has.Count.EqualTo(points.Length));
        for (int i = 0; i < points.Length; i++)
        {
            EveryType p = points[i];
            Dictionary<string, JsonElement> row = rows[i];
            LineProtocolTime.TryFromDateTime(p.Time!.Value, out long nanoseconds);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(row["time"].GetInt64(), Is.EqualTo(nanoseconds), "time");
                Assert.That(Text(row["tag string"]), Is.EqualTo(string.IsNullOrEmpty(p.TagString) ? null : p.TagString), "tag string");
                Assert.That(Text(row["TagEnum"]), Is.EqualTo(Enum.IsDefined(p.TagEnum) ? p.TagEnum.ToString() : ((int)p.TagEnum).ToString(CultureInfo.InvariantCulture)));
                Assert.That(Text(row["TagNullableEnum"]), Is.EqualTo(p.TagNullableEnum?.ToString()));
                Assert.That(Text(row["TagInt"]), Is.EqualTo(p.TagInt.ToString(CultureInfo.InvariantCulture)));
                Assert.That(Text(row["TagULong"]), Is.EqualTo(p.TagULong.ToString(CultureInfo.InvariantCulture)));
                Assert.That(Text(row["TagBool"]), Is.EqualTo(p.TagBool ? "true" : "false"));
                Assert.That(Text(row["TagChar"]), Is.EqualTo(p.TagChar.ToString()));
                Assert.That(Text(row["TagGuid"]), Is.EqualTo(p.TagGuid.ToString("D")));
                Assert.That(Text(row["TagNullableLong"]), Is.EqualTo(p.TagNullableLong?.ToString(CultureInfo.InvariantCulture)));
                Assert.That(row["FieldBool"].GetBoolean(), Is.EqualTo(p.FieldBool));
                Assert.That(row["FieldSByte"].GetInt64(), Is.EqualTo(p.FieldSByte));
                Assert.That(row["FieldByte"].GetInt64(), Is.EqualTo(p.FieldByte));
                Assert.That(row["FieldShort"].GetInt64(), Is.EqualTo(p.FieldShort));
                Assert.That(row["FieldUShort"].GetInt64(), Is.EqualTo(p.FieldUShort));
                Assert.That(row["FieldInt"].GetInt64(), Is.EqualTo(p.FieldInt));
                Assert.That(row["FieldUInt"].GetInt64(), Is.EqualTo(p.FieldUInt));
                Assert.That(row["FieldLong"].GetInt64(), Is.EqualTo(p.FieldLong));
                Assert.That(row["FieldULong"].GetInt64(), Is.EqualTo((long)p.FieldULong));
                Assert.That((float)row["FieldFloat"].GetDouble(), Is.EqualTo(p.FieldFloat));
                Assert.That(row["FieldDouble"].GetDouble(), Is.EqualTo(p.FieldDouble));
                Assert.That(row["FieldDecimal"].GetDouble(), Is.EqualTo((double)p.FieldDecimal));
                Assert.That(row["FieldString"].GetString(), Is.EqualTo(p.FieldString));
                Assert.That(row["FieldChar"].GetString(), Is.EqualTo(p.FieldChar.ToString()));
                Assert.That(row["FieldEnum"].GetString(), Is.EqualTo(p.FieldEnum.ToString()));
                Assert.That(Nullable(row["FieldNullableDouble"])?.GetDouble(), Is.EqualTo(p.FieldNullableDouble));
                Assert.That(Nullable(row["FieldNullableInt"])?.GetInt64(), Is.EqualTo(p.FieldNullableInt));
                Assert.That(Nullable(row["FieldNullableEnum"])?.GetString(), Is.EqualTo(p.FieldNullableEnum is { } v ? (Enum.IsDefined(v) ? v.ToString() : ((int)v).ToString(CultureInfo.InvariantCulture)) : null));
            }
        }
    }

    [Test]
    public async Task Positional_records_structs_and_per_point_measurements_read_back()
    {
        string database = await Server.CreateDatabaseAsync("shapes");
        var writer = new ArrayBufferWriter<byte>();
        new PlainParameters("host a", 0.64, 1_000_000_001).WriteLineProtocol(writer);
        new Reading("living room", "t,1", null, "2009-11-10T23:00:00.123456789+01:00").WriteLineProtocol(writer);
        new Event("deploy", "v1.2 \"released\"", new DateTimeOffset(2020, 2, 29, 12, 0, 0, TimeSpan.FromHours(-5))).WriteLineProtocol(writer);
        await Server.WriteAsync(database, writer.WrittenMemory);

        var plain = await Server.SelectAsync(database, "SELECT * FROM PlainParameters");
        var reading = await Server.SelectAsync(database, "SELECT * FROM \"living room\"");
        var events = await Server.SelectAsync(database, "SELECT * FROM events");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Single()["Host"].GetString(), Is.EqualTo("host a"));
            Assert.That(plain.Single()["Value"].GetDouble(), Is.EqualTo(0.64));
            Assert.That(plain.Single()["time"].GetInt64(), Is.EqualTo(1_000_000_001));
            Assert.That(reading.Single()["sensor"].GetString(), Is.EqualTo("t,1"));
            Assert.That(reading.Single()["_"].GetBoolean(), Is.True, "the placeholder field");
            Assert.That(reading.Single()["time"].GetInt64(), Is.EqualTo(1_257_890_400_123_456_789));
            Assert.That(events.Single()["Message"].GetString(), Is.EqualTo("v1.2 \"released\""));
            Assert.That(events.Single()["time"].GetInt64(), Is.EqualTo(1_582_995_600_000_000_000));
        }
    }

    [Test]
    public async Task Each_precision_stores_the_time_truncated_towards_negative_infinity([Values] WritePrecision precision)
    {
        string database = await Server.CreateDatabaseAsync("precision_" + precision);
        long[] times = [1_540_184_368_785_116_123, -1_234_567_891_234_567_891, -1];
        var writer = new ArrayBufferWriter<byte>();
        var options = new LineProtocolOptions(precision);
        for (int i = 0; i < times.Length; i++)
        {
            new Trade(times[i], "I" + i.ToString(CultureInfo.InvariantCulture), Side.Buy, 1.5, i, "id").WriteLineProtocol(writer, options);
        }

        await Server.WriteAsync(database, writer.WrittenMemory, precision);
        var stored = (await Server.QueryAsync(database, "SELECT Size FROM trades GROUP BY Instrument"))
            .RootElement.GetProperty("results")[0].GetProperty("series").EnumerateArray()
            .ToDictionary(s => s.GetProperty("tags").GetProperty("Instrument").GetString()!, s => s.GetProperty("values")[0][0].GetInt64());

        long unit = LineProtocolTime.NanosecondsPer(precision);
        for (int i = 0; i < times.Length; i++)
        {
            long expected = (long)Math.Floor((decimal)times[i] / unit) * unit;
            Assert.That(stored["I" + i.ToString(CultureInfo.InvariantCulture)], Is.EqualTo(expected), $"time {times[i]} at {precision}");
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    private static JsonElement? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value;
}
