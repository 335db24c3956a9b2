using System.Buffers;
using System.Text;

namespace Aioinflux.Tests.Generation;

public class GeneratedWriterTests
{
    private static readonly Trade DocsTrade = new(
        Timestamp: 1540184368785116000,
        Instrument: "AAPL",
        Side: Side.Buy,
        Price: 219.23,
        Size: 100,
        TradeId: "34a1e085-3122-429c-9662-7ce82039d287");

    private static string Write<T>(T point, LineProtocolOptions options = default)
        where T : ILineProtocolPoint
    {
        var writer = new ArrayBufferWriter<byte>();
        point.WriteLineProtocol(writer, options);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    [Test]
    public void The_docs_trade_is_written_as_the_docs_show_it()
    {
        Assert.That(Write(DocsTrade), Is.EqualTo(
            "trades,Instrument=AAPL,Side=Buy,exchange=NASDAQ Price=219.23,Size=100i,trade_id=\"34a1e085-3122-429c-9662-7ce82039d287\" 1540184368785116000\n"));
    }

    [Test]
    public void ToLineProtocol_returns_the_line_without_its_newline()
    {
        Assert.That(DocsTrade.ToLineProtocol(), Is.EqualTo(
            "trades,Instrument=AAPL,Side=Buy,exchange=NASDAQ Price=219.23,Size=100i,trade_id=\"34a1e085-3122-429c-9662-7ce82039d287\" 1540184368785116000"));
    }
}
