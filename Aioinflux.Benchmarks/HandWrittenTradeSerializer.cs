using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace Aioinflux.Benchmarks;

/// <summary>
/// A best-effort hand-written line-protocol serializer for <see cref="Trade"/>: the baseline the generated writer is
/// measured against. It is a correct general serializer for any member values, not a constant copy: it escapes and
/// validates the two strings with the same InfluxDB 1.x rules as Aioinflux (one vectorized
/// <see cref="SearchValues{T}"/> check, then a straight UTF-16 to UTF-8 transcode when nothing needs escaping),
/// formats the numbers with <c>TryFormat</c> straight into the span, rejects non-finite prices and out-of-range
/// timestamps, omits a null or empty tag and a null string field, and commits nothing when a value is rejected.
/// </summary>
public static class HandWrittenTradeSerializer
{
    // The most bytes a line takes besides the two strings' values:
    // "trades" 6, ",Instrument=" 12, ",Side=" 6 + an undefined Side's number 11, ",exchange=NASDAQ" 16,
    // " Price=" 7 + a double's 24, ",Size=" 6 + a long's 20 + "i", ",trade_id=\"" 11 + "\"", " " + a long's 20, "\n".
    private const int FixedMaxLength = 143;

    private static readonly SearchValues<char> TagValueSpecials = SearchValues.Create(",= \n\\");
    private static readonly SearchValues<char> StringFieldSpecials = SearchValues.Create("\"\\");

    /// <summary>Writes <paramref name="trade"/> as one line ending in <c>\n</c>, with a nanosecond timestamp.</summary>
    /// <param name="trade">The trade.</param>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentException">A value cannot be carried by line protocol; nothing was committed.</exception>
    public static void Write(Trade trade, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(writer);

        string? instrument = trade.Instrument;
        string? tradeId = trade.TradeId;
        double price = trade.Price;
        long timestamp = trade.Timestamp;
        if (!double.IsFinite(price))
        {
            ThrowInvalid(nameof(Trade.Price), "is NaN or infinite");
        }

        if (timestamp is < long.MinValue + 2 or long.MaxValue)
        {
            ThrowInvalid(nameof(Trade.Timestamp), "is outside the range InfluxDB can store");
        }

        // An escaped character takes two ASCII bytes, any other UTF-16 unit at most three UTF-8 bytes.
        int maxLength = checked(FixedMaxLength + (3 * (instrument?.Length ?? 0)) + (3 * (tradeId?.Length ?? 0)));
        Span<byte> line = writer.GetSpan(maxLength);

        "trades"u8.CopyTo(line);
        int length = 6;

        if (!string.IsNullOrEmpty(instrument))
        {
            ",Instrument="u8.CopyTo(line[length..]);
            length += 12;
            length += WriteTagValue(instrument, line[length..]);
        }

        ",Side="u8.CopyTo(line[length..]);
        length += 6;
        Side side = trade.Side;
        ReadOnlySpan<byte> sideName = side switch
        {
            Side.Buy => "Buy"u8,
            Side.Sell => "Sell"u8,
            _ => default,
        };
        if (sideName.IsEmpty)
        {
            length += WriteInteger((int)side, line[length..]);
        }
        else
        {
            sideName.CopyTo(line[length..]);
            length += sideName.Length;
        }

        ",exchange=NASDAQ Price="u8.CopyTo(line[length..]);
        length += 23;
        price.TryFormat(line[length..], out int written, default, CultureInfo.InvariantCulture);
        // .NET writes "1E+20"; lower-case it as Aioinflux and InfluxDB's own encoders do (InfluxDB reads both).
        int exponent = line.Slice(length, written).IndexOf((byte)'E');
        if (exponent >= 0)
        {
            line[length + exponent] = (byte)'e';
        }

        length += written;

        ",Size="u8.CopyTo(line[length..]);
        length += 6;
        length += WriteInteger(trade.Size, line[length..]);
        line[length++] = (byte)'i';

        if (tradeId is not null)
        {
            ",trade_id=\""u8.CopyTo(line[length..]);
            length += 11;
            length += WriteStringFieldValue(tradeId, line[length..]);
            line[length++] = (byte)'"';
        }

        line[length++] = (byte)' ';
        length += WriteInteger(timestamp, line[length..]);
        line[length++] = (byte)'\n';
        writer.Advance(length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteInteger(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteTagValue(ReadOnlySpan<char> value, Span<byte> destination)
    {
        if (!value.ContainsAny(TagValueSpecials)
            && Utf8.FromUtf16(value, destination, out _, out int written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return written;
        }

        return WriteEscaped(value, destination, isTagValue: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteStringFieldValue(ReadOnlySpan<char> value, Span<byte> destination)
    {
        if (!value.ContainsAny(StringFieldSpecials)
            && Utf8.FromUtf16(value, destination, out _, out int written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return written;
        }

        return WriteEscaped(value, destination, isTagValue: false);
    }

    // The slow path: escapes run by run. Tag values escape ',', '=' and ' ', reject '\n', and keep a backslash
    // literally unless it is last or precedes one of those (which InfluxDB 1.x would not read back as written);
    // string fields escape '"' and '\'. An unpaired surrogate, which has no UTF-8 form, is rejected.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteEscaped(ReadOnlySpan<char> text, Span<byte> destination, bool isTagValue)
    {
        SearchValues<char> specials = isTagValue ? TagValueSpecials : StringFieldSpecials;
        string member = isTagValue ? nameof(Trade.Instrument) : nameof(Trade.TradeId);
        int written = 0;
        while (true)
        {
            int index = text.IndexOfAny(specials);
            ReadOnlySpan<char> run = index < 0 ? text : text[..index];
            if (Utf8.FromUtf16(run, destination[written..], out _, out int runBytes, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                ThrowInvalid(member, "contains an unpaired UTF-16 surrogate");
            }

            written += runBytes;
            if (index < 0)
            {
                return written;
            }

            char special = text[index];
            text = text[(index + 1)..];
            if (isTagValue)
            {
                if (special == '\n')
                {
                    ThrowInvalid(member, "contains a newline");
                }

                if (special == '\\')
                {
                    if (text.IsEmpty || text[0] is ',' or '=' or ' ')
                    {
                        ThrowInvalid(member, "has a backslash that InfluxDB 1.x would not read back as written");
                    }

                    destination[written++] = (byte)'\\';
                    continue;
                }
            }

            destination[written++] = (byte)'\\';
            destination[written++] = (byte)special;
        }
    }

    [DoesNotReturn]
    private static void ThrowInvalid(string member, string problem)
        => throw new ArgumentException($"Trade.{member} {problem}, so the trade cannot be written as line protocol.", member);
}
