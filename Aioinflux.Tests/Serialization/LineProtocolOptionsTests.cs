using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Serialization;

public class LineProtocolOptionsTests
{
    private static readonly Trade Trade = new(1_500_000_000_123, "AAPL", Side.Buy, 1.5, 1, "id");

    [Test]
    public void Per_call_extra_tags_are_escaped_once_and_written_after_the_types_own_tags()
    {
        var options = new LineProtocolOptions(WritePrecision.Nanoseconds, [new("region", "eu west,1"), new("empty", null), new("host", "a=b")]);
        Assert.That(Trade.ToLineProtocol(options), Is.EqualTo(
            "trades,Instrument=AAPL,Side=Buy,exchange=NASDAQ,region=eu\\ west\\,1,host=a\\=b Price=1.5,Size=1i,trade_id=\"id\" 1500000000123"));
    }

    [Test]
    public void The_precision_decides_the_wire_value_of_the_time()
        => Assert.That(Trade.ToLineProtocol(new LineProtocolOptions(WritePrecision.Seconds)), Does.EndWith(" 1500"));

    [TestCase("time", "x", "reserved")]
    [TestCase("", "x", "empty key")]
    [TestCase("k", "a\nb", "newline")]
    [TestCase("k\\", "x", "backslash")]
    [TestCase("k", "x\\ y", "backslash")]
    public void An_extra_tag_that_cannot_be_written_is_refused_when_the_options_are_made(string key, string value, string reason)
        => Assert.That(() => new LineProtocolOptions(WritePrecision.Nanoseconds, [new(key, value)]),
            Throws.ArgumentException.With.Message.Contains(reason));

    [Test]
    public void An_undefined_precision_is_refused_when_the_options_are_made()
        => Assert.That(() => new LineProtocolOptions((WritePrecision)42), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
