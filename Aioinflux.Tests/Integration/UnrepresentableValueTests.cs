using System.Buffers;
using System.Text.Json;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Integration;

/// <summary>
/// Every value line protocol cannot carry throws a <see cref="LineProtocolException"/> naming the type and member,
/// leaves nothing of its point in the writer, and does not disturb the points written around it.
/// </summary>
public class UnrepresentableValueTests
{
    public sealed record BadPoint(string Rule, ILineProtocolPoint Point, string Member, string MessagePart)
    {
        public override string ToString() => Rule;
    }

    public static IEnumerable<BadPoint> BadPoints()
    {
        yield return new("NaN double", new EveryType { FieldDouble = double.NaN }, "FieldDouble", "not a finite number");
        yield return new("+Infinity double", new EveryType { FieldDouble = double.PositiveInfinity }, "FieldDouble", "not a finite number");
        yield return new("-Infinity nullable double", new EveryType { FieldNullableDouble = double.NegativeInfinity }, "FieldNullableDouble", "not a finite number");
        yield return new("NaN float", new EveryType { FieldFloat = float.NaN }, "FieldFloat", "not a finite number");
        yield return new("newline in a tag value", new EveryType { TagString = "a\nb" }, "TagString", "newline");
        yield return new("newline in a per-point measurement", new Reading("cpu\nload", null, 1, null), "_measurement", "newline");
        yield return new("tag value ending with a backslash", new EveryType { TagString = "abc\\" }, "TagString", "ends with a backslash");
        yield return new("backslash before a comma in a tag value", new EveryType { TagString = "a\\,b" }, "TagString", "backslash right before");
        yield return new("backslash before an equals sign in a tag value", new EveryType { TagString = "a\\=b" }, "TagString", "backslash right before");
        yield return new("backslash before a space in a tag value", new EveryType { TagString = "a\\ b" }, "TagString", "backslash right before");
        yield return new("measurement starting with #", new Reading("#cpu", null, 1, null), "_measurement", "comment");
        yield return new("null per-point measurement", new Reading(null!, null, 1, null), "_measurement", "null or empty");
        yield return new("empty per-point measurement", new Reading(string.Empty, null, 1, null), "_measurement", "null or empty");
        yield return new("time long.MinValue", new Trade(long.MinValue, "X", Side.Buy, 1, 1, "t"), "Timestamp", "outside the range");
        yield return new("time long.MaxValue", new Trade(long.MaxValue, "X", Side.Buy, 1, 1, "t"), "Timestamp", "outside the range");
        yield return new("DateTime before 1677", new EveryType { Time = new DateTime(1677, 9, 21, 0, 12, 43, DateTimeKind.Utc) }, "Time", "outside the range");
        yield return new("DateTime.MaxValue", new EveryType { Time = DateTime.MaxValue }, "Time", "outside the range");
        yield return new("DateTimeOffset after 2262", new Event("k", "m", new DateTimeOffset(2262, 4, 12, 0, 0, 0, TimeSpan.Zero)), "At", "outside the range");
        yield return new("unsigned value above long.MaxValue", new EveryType { FieldULong = (ulong)long.MaxValue + 1 }, "FieldULong", "signed 64-bit");
        yield return new("time string that is not ISO 8601", new Reading("r", null, 1, "yesterday"), "Time", "not an ISO 8601 time");
        yield return new("time string with month 13", new Reading("r", null, 1, "2017-13-01"), "Time", "not an ISO 8601 time");
        yield return new("unpaired surrogate in a string field", new EveryType { FieldString = "\uD800" }, "FieldString", "surrogate");
        yield return new("no field at all", new Sparse { Host = "h" }, string.Empty, "no field");
    }

    [TestCaseSource(nameof(BadPoints))]
    public void The_bad_value_throws_naming_type_and_member_and_leaves_the_writer_untouched(BadPoint bad)
    {
        var writer = new ArrayBufferWriter<byte>();
        new Trade(1, "before", Side.Buy, 1.5, 1, "a").WriteLineProtocol(writer);
        int before = writer.WrittenCount;

        LineProtocolException? exception = Assert.Throws<LineProtocolException>(() => bad.Point.WriteLineProtocol(writer));

        Assert.That(writer.WrittenCount, Is.EqualTo(before), "nothing of the bad point was written");
        Assert.That(exception!.PointType, Is.EqualTo(bad.Point.GetType().Name));
        Assert.That(exception.Message, Does.Contain(bad.MessagePart));
        if (bad.Member.Length > 0)
        {
            Assert.That(exception.Member, Is.EqualTo(bad.Member));
            Assert.That(exception.Message, Does.Contain($"{bad.Point.GetType().Name}.{bad.Member}"));
        }
    }

    [TestCaseSource(nameof(BadPoints))]
    public async Task The_points_around_the_bad_one_reach_influxd_intact(BadPoint bad)
    {
        string database = await InfluxFixture.Server.CreateDatabaseAsync("bad");
        var writer = new ArrayBufferWriter<byte>();
        var good = new[]
        {
            new Trade(1_000_000_000, "before", Side.Buy, 1.5, 1, "a,\"b\""),
            new Trade(2_000_000_000, "after", Side.Sell, -2.25, 2, "c\nd"),
        };

        good[0].WriteLineProtocol(writer);
        Assert.Throws<LineProtocolException>(() => bad.Point.WriteLineProtocol(writer));
        good[1].WriteLineProtocol(writer);
        await InfluxFixture.Server.WriteAsync(database, writer.WrittenMemory);

        List<Dictionary<string, JsonElement>> rows = await InfluxFixture.Server.SelectAsync(database, "SELECT * FROM /.*/ ORDER BY time");
        Assert.That(rows, Has.Count.EqualTo(2));
        for (int i = 0; i < good.Length; i++)
        {
            Assert.That(rows[i]["time"].GetInt64(), Is.EqualTo(good[i].Timestamp));
            Assert.That(rows[i]["Instrument"].GetString(), Is.EqualTo(good[i].Instrument));
            Assert.That(rows[i]["Price"].GetDouble(), Is.EqualTo(good[i].Price));
            Assert.That(rows[i]["trade_id"].GetString(), Is.EqualTo(good[i].TradeId));
        }
    }
}
