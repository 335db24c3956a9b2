using Aioinflux.Serialization;

namespace Aioinflux.Tests.Serialization;

public class LineProtocolTimeTests
{
    [TestCase("2009-11-10T23:00:00Z", 1_257_894_000_000_000_000L)]
    [TestCase("2009-11-10T23:00:00.123456789Z", 1_257_894_000_123_456_789L)]
    [TestCase("2009-11-10t23:00:00.1z", 1_257_894_000_100_000_000L)]
    [TestCase("2009-11-10 23:00", 1_257_894_000_000_000_000L)]
    [TestCase("2009-11-10T23:00:00+01:00", 1_257_890_400_000_000_000L)]
    [TestCase("2009-11-10T23:00:00-0130", 1_257_899_400_000_000_000L)]
    [TestCase("2009-11-10T23:00:00+01", 1_257_890_400_000_000_000L)]
    [TestCase("2017-01-01", 1_483_228_800_000_000_000L)]
    [TestCase("1970-01-01T00:00:00Z", 0L)]
    [TestCase("1969-12-31T23:59:59.999999999Z", -1L)]
    [TestCase("2000-02-29", 951_782_400_000_000_000L)]
    [TestCase("1677-09-21T00:12:43.145224194Z", LineProtocolTime.MinNanoseconds)]
    [TestCase("2262-04-11T23:47:16.854775806Z", LineProtocolTime.MaxNanoseconds)]
    public void ISO_8601_text_parses_to_the_exact_nanosecond(string text, long expected)
    {
        Assert.That(LineProtocolTime.TryParseIso8601(text, out long nanoseconds), Is.True);
        Assert.That(nanoseconds, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("yesterday")]
    [TestCase("2017-13-01")]
    [TestCase("2017-02-29")]
    [TestCase("2017-1-1")]
    [TestCase("2009-11-10T24:00:00Z")]
    [TestCase("2009-11-10T23:00:00.Z")]
    [TestCase("2009-11-10T23:00:00.1234567891Z")]
    [TestCase("2009-11-10T23:00:00Zjunk")]
    [TestCase("1677-09-21T00:12:43.145224193Z")]
    [TestCase("2262-04-11T23:47:16.854775807Z")]
    public void Text_that_is_not_a_storable_ISO_8601_time_is_refused(string text)
        => Assert.That(LineProtocolTime.TryParseIso8601(text, out _), Is.False);

    [TestCase(1_999L, WritePrecision.Microseconds, 1L)]
    [TestCase(-1L, WritePrecision.Microseconds, -1L)]
    [TestCase(-1_000L, WritePrecision.Microseconds, -1L)]
    [TestCase(-1_001L, WritePrecision.Microseconds, -2L)]
    [TestCase(-1L, WritePrecision.Hours, -1L)]
    [TestCase(7_199_999_999_999L, WritePrecision.Hours, 1L)]
    [TestCase(LineProtocolTime.MinNanoseconds, WritePrecision.Seconds, -9_223_372_037L)]
    public void Converting_to_a_coarser_precision_truncates_towards_negative_infinity(long nanoseconds, WritePrecision precision, long expected)
        => Assert.That(LineProtocolTime.ToPrecision(nanoseconds, precision), Is.EqualTo(expected));

    [Test]
    public void Wire_values_are_the_ones_influxd_1x_understands()
    {
        string[] wire = Enum.GetValues<WritePrecision>().Select(LineProtocolTime.ToWireValue).ToArray();
        Assert.That(wire, Is.EqualTo(new[] { "ns", "u", "ms", "s", "m", "h" }));
    }

    [Test]
    public void A_DateTime_of_unspecified_kind_is_UTC_and_a_local_one_is_converted()
    {
        var unspecified = new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Unspecified);
        LineProtocolTime.TryFromDateTime(unspecified, out long fromUnspecified);
        LineProtocolTime.TryFromDateTime(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc).ToLocalTime(), out long fromLocal);
        Assert.That(fromUnspecified, Is.EqualTo(1_257_894_000_000_000_000L));
        Assert.That(fromLocal, Is.EqualTo(fromUnspecified));
    }
}
