using System.Buffers;
using System.Text;

namespace Aioinflux.Benchmarks;

/// <summary>
/// Checks, once per benchmark process, that the hand-written baseline is a general serializer: on values that need
/// escaping, non-ASCII text, undefined enums, extreme numbers and omitted members it writes exactly what the generated
/// writer writes, and it rejects what the generated writer rejects, committing nothing.
/// </summary>
internal static class HandWrittenSelfCheck
{
    private const string Id = "34a1e085-3122-429c-9662-7ce82039d287";

    private static readonly Trade[] Writable =
    [
        new(1, "A B,C=D", Side.Sell, -0.0, long.MinValue, "say \"hi\" C:\\dir\\"),
        new(-1, "ünïcödé ✓ 😀", (Side)7, 1e300, long.MaxValue, "multi\nline ünïcödé 😀"),
        new(long.MinValue + 2, "back\\slash", (Side)(-3), double.Epsilon, 0, ""),
        new(long.MaxValue - 1, "", Side.Buy, -1.5e-7, 42, Id),
        new(0, null!, Side.Buy, 123456789012345678, -1, null!),
    ];

    private static readonly Trade[] Rejected =
    [
        new(0, "new\nline", Side.Buy, 1, 1, Id),
        new(0, "trailing\\", Side.Buy, 1, 1, Id),
        new(0, "back\\ space", Side.Buy, 1, 1, Id),
        new(0, "bad \ud800 surrogate", Side.Buy, 1, 1, Id),
        new(0, "AAPL", Side.Buy, 1, 1, "bad \udc00 surrogate"),
        new(0, "AAPL", Side.Buy, double.NaN, 1, Id),
        new(0, "AAPL", Side.Buy, double.PositiveInfinity, 1, Id),
        new(long.MaxValue, "AAPL", Side.Buy, 1, 1, Id),
        new(long.MinValue, "AAPL", Side.Buy, 1, 1, Id),
    ];

    public static void Run()
    {
        var generated = new ArrayBufferWriter<byte>();
        var handWritten = new ArrayBufferWriter<byte>();
        foreach (Trade trade in Writable)
        {
            generated.ResetWrittenCount();
            handWritten.ResetWrittenCount();
            trade.WriteLineProtocol(generated);
            HandWrittenTradeSerializer.Write(trade, handWritten);
            if (!handWritten.WrittenSpan.SequenceEqual(generated.WrittenSpan))
            {
                throw new InvalidOperationException(
                    $"The hand-written serializer wrote {Encoding.UTF8.GetString(handWritten.WrittenSpan)} where the generated writer wrote {Encoding.UTF8.GetString(generated.WrittenSpan)}.");
            }
        }

        foreach (Trade trade in Rejected)
        {
            if (!Throws(() => trade.WriteLineProtocol(generated)))
            {
                throw new InvalidOperationException($"The generated writer accepted {trade}, which the self-check expects it to reject.");
            }

            handWritten.ResetWrittenCount();
            if (!Throws(() => HandWrittenTradeSerializer.Write(trade, handWritten)) || handWritten.WrittenCount != 0)
            {
                throw new InvalidOperationException($"The hand-written serializer did not reject {trade} cleanly.");
            }
        }
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (LineProtocolException)
        {
            return true;
        }
    }
}
