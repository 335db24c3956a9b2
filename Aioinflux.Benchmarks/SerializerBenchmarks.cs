using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using V2 = InfluxDB.Client.Writes;
using V2Precision = InfluxDB.Client.Api.Domain.WritePrecision;
using V3 = InfluxDB3.Client.Write;
using V3Precision = InfluxDB3.Client.Write.WritePrecision;

namespace Aioinflux.Benchmarks;

/// <summary>
/// Serializing the docs' trade into an <see cref="ArrayBufferWriter{T}"/>: the hand-written baseline, Aioinflux's
/// generated writer, the official InfluxDB.Client (v2 API) and InfluxDB3.Client point builders, and a plain copy
/// of the finished bytes as the floor. The writer is created once and reset on every call, so the allocations
/// measured are the serializer's own.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SerializerBenchmarks
{
    /// <summary>The line the docs show, which the generated and hand-written writers must produce byte for byte.</summary>
    public const string ExpectedLine =
        "trades,Instrument=AAPL,Side=Buy,exchange=NASDAQ Price=219.23,Size=100i,trade_id=\"34a1e085-3122-429c-9662-7ce82039d287\" 1540184368785116000\n";

    // InfluxDB3.Client can order tags explicitly; its default (sorted, ordinal) already gives the generated order here,
    // so the timed benchmarks use the default and the setup only shows that the explicit order writes the same line.
    private static readonly string[] V3TagOrder = ["Instrument", "Side", "exchange"];

    private Trade _trade = null!;
    private ArrayBufferWriter<byte> _writer = null!;
    private byte[] _expected = null!;
    private V2.PointData _v2Point = null!;
    private V3.PointData _v3Point = null!;

    /// <summary>Builds the trade, the writer and the official clients' points, and checks what each serializer writes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _trade = new Trade(
            Timestamp: 1540184368785116000,
            Instrument: "AAPL",
            Side: Side.Buy,
            Price: 219.23,
            Size: 100,
            TradeId: "34a1e085-3122-429c-9662-7ce82039d287");
        _writer = new ArrayBufferWriter<byte>(1024);
        _expected = Encoding.UTF8.GetBytes(ExpectedLine);
        _v2Point = BuildV2Point(_trade);
        _v3Point = BuildV3Point(_trade);

        Check("(a) generated", Generated());
        Check("(d) hand-written", HandWritten());
        Check("(e) copy", CopyFinishedLine());
        HandWrittenSelfCheck.Run();

        Show("(b) InfluxDB.Client 5.1.0 build+serialize", InfluxDBClientBuildAndSerialize());
        Show("(b2) InfluxDB.Client 5.1.0 serialize only", InfluxDBClientSerialize());
        Show("(c) InfluxDB3.Client 1.10.0 build+serialize", InfluxDB3ClientBuildAndSerialize());
        Show("(c2) InfluxDB3.Client 1.10.0 serialize only", InfluxDB3ClientSerialize());
        _writer.ResetWrittenCount();
        WriteUtf8Line(_v3Point.ToLineProtocol(V3Precision.Ns, null, V3TagOrder), _writer);
        Show("(c2) with an explicit tagOrder (not timed)", _writer.WrittenCount);
        Console.WriteLine($"// expected line:                                {Printable(ExpectedLine)}");
    }

    /// <summary>(d) The hand-written serializer: the baseline.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Baseline = true, Description = "(d) hand-written")]
    public int HandWritten()
    {
        _writer.ResetWrittenCount();
        HandWrittenTradeSerializer.Write(_trade, _writer);
        return _writer.WrittenCount;
    }

    /// <summary>(a) Aioinflux's generated writer.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Description = "(a) Aioinflux generated")]
    public int Generated()
    {
        _writer.ResetWrittenCount();
        _trade.WriteLineProtocol(_writer);
        return _writer.WrittenCount;
    }

    /// <summary>(b) InfluxDB.Client: build the point, serialize it to a string, encode it.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Description = "(b) InfluxDB.Client build+serialize")]
    public int InfluxDBClientBuildAndSerialize()
    {
        _writer.ResetWrittenCount();
        WriteUtf8Line(BuildV2Point(_trade).ToLineProtocol(), _writer);
        return _writer.WrittenCount;
    }

    /// <summary>(b2) InfluxDB.Client: serialize a point built once, encode it.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Description = "(b2) InfluxDB.Client serialize")]
    public int InfluxDBClientSerialize()
    {
        _writer.ResetWrittenCount();
        WriteUtf8Line(_v2Point.ToLineProtocol(), _writer);
        return _writer.WrittenCount;
    }

    /// <summary>(c) InfluxDB3.Client: build the point, serialize it to a string, encode it.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Description = "(c) InfluxDB3.Client build+serialize")]
    public int InfluxDB3ClientBuildAndSerialize()
    {
        _writer.ResetWrittenCount();
        WriteUtf8Line(BuildV3Point(_trade).ToLineProtocol(), _writer);
        return _writer.WrittenCount;
    }

    /// <summary>(c2) InfluxDB3.Client: serialize a point built once, encode it.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Description = "(c2) InfluxDB3.Client serialize")]
    public int InfluxDB3ClientSerialize()
    {
        _writer.ResetWrittenCount();
        WriteUtf8Line(_v3Point.ToLineProtocol(), _writer);
        return _writer.WrittenCount;
    }

    /// <summary>(e) Copy the finished line: the floor.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Description = "(e) copy finished bytes")]
    public int CopyFinishedLine()
    {
        _writer.ResetWrittenCount();
        byte[] line = _expected;
        line.CopyTo(_writer.GetSpan(line.Length));
        _writer.Advance(line.Length);
        return _writer.WrittenCount;
    }

    // Tags and fields added in the generated line's order; both clients sort tags by key (ordinal) themselves, which
    // happens to give the same order for these keys.
    private static V2.PointData BuildV2Point(Trade trade) => V2.PointData
        .Measurement("trades")
        .Tag("Instrument", trade.Instrument)
        .Tag("Side", trade.Side.ToString())
        .Tag("exchange", "NASDAQ")
        .Field("Price", trade.Price)
        .Field("Size", trade.Size)
        .Field("trade_id", trade.TradeId)
        .Timestamp(trade.Timestamp, V2Precision.Ns);

    private static V3.PointData BuildV3Point(Trade trade) => V3.PointData
        .Measurement("trades")
        .SetTag("Instrument", trade.Instrument)
        .SetTag("Side", trade.Side.ToString())
        .SetTag("exchange", "NASDAQ")
        .SetField("Price", trade.Price)
        .SetField("Size", trade.Size)
        .SetField("trade_id", trade.TradeId)
        .SetTimestamp(trade.Timestamp, V3Precision.Ns);

    // The official clients return the line as a string without its newline; encode it into the writer as a client
    // sending it would, and end it with '\n' like the others.
    private static void WriteUtf8Line(string line, IBufferWriter<byte> writer)
    {
        Span<byte> span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length) + 1);
        int length = Encoding.UTF8.GetBytes(line, span);
        span[length++] = (byte)'\n';
        writer.Advance(length);
    }

    private void Check(string name, int length)
    {
        if (length != _writer.WrittenCount || !_writer.WrittenSpan.SequenceEqual(_expected))
        {
            throw new InvalidOperationException(
                $"{name} wrote {Printable(Encoding.UTF8.GetString(_writer.WrittenSpan))}, expected {Printable(ExpectedLine)}.");
        }
    }

    private void Show(string name, int length)
    {
        string line = Encoding.UTF8.GetString(_writer.WrittenSpan[..length]);
        string verdict = line == ExpectedLine ? "same bytes as expected" : "DIFFERS from expected";
        Console.WriteLine($"// {name,-45} {Printable(line)}   [{verdict}]");
    }

    private static string Printable(string line) => line.Replace("\n", "\\n", StringComparison.Ordinal);
}
