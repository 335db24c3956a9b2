using System.Buffers;
using Aioinflux.Serialization;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end benchmark's points, built once before any round, and the same points pre-serialized into one byte array
/// per request: what a client with no serialization cost at all would send.
/// </summary>
internal sealed class TradeSet
{
    /// <summary>The docs' timestamp; point <c>i</c> is one microsecond after point <c>i - 1</c>, so no two points collide.</summary>
    public const long FirstTimestamp = 1540184368785116000;

    // 8 instruments x 2 sides: 16 series, a realistic handful for one measurement.
    private static readonly string[] Instruments = ["AAPL", "MSFT", "AMZN", "GOOG", "META", "NVDA", "TSLA", "NFLX"];

    private TradeSet(Trade[] trades, byte[][] batches, int batchSize)
    {
        Trades = trades;
        Batches = batches;
        BatchSize = batchSize;
        foreach (byte[] batch in batches)
        {
            TotalBytes += batch.Length;
        }
    }

    /// <summary>The points, as a caller would hold them.</summary>
    public Trade[] Trades { get; }

    /// <summary>The points' line protocol, <see cref="BatchSize"/> lines per array.</summary>
    public byte[][] Batches { get; }

    /// <summary>Points per request.</summary>
    public int BatchSize { get; }

    /// <summary>The line protocol's size, all batches together.</summary>
    public long TotalBytes { get; }

    /// <summary>Builds <paramref name="count"/> trades (the same ones on every run) and their line protocol.</summary>
    /// <param name="count">How many points.</param>
    /// <param name="batchSize">Points per pre-serialized request.</param>
    /// <returns>The set.</returns>
    public static TradeSet Create(int count, int batchSize)
    {
        var random = new Random(20181022);
        var trades = new Trade[count];
        Span<byte> id = stackalloc byte[16];
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(id);
            trades[i] = new Trade(
                Timestamp: FirstTimestamp + (i * 1_000L),
                Instrument: Instruments[i % Instruments.Length],
                Side: (i / Instruments.Length) % 2 == 0 ? Side.Buy : Side.Sell,
                Price: Math.Round(100 + (random.NextDouble() * 200), 2),
                Size: random.Next(1, 1_000),
                TradeId: new Guid(id).ToString());
        }

        // The options the client uses by default (nanoseconds, no extra tags), so both sides send the same bytes.
        var options = new LineProtocolOptions(WritePrecision.Nanoseconds);
        var batches = new byte[(count + batchSize - 1) / batchSize][];
        var writer = new ArrayBufferWriter<byte>(batchSize * 160);
        for (int b = 0; b < batches.Length; b++)
        {
            writer.ResetWrittenCount();
            int end = Math.Min(count, (b + 1) * batchSize);
            for (int i = b * batchSize; i < end; i++)
            {
                trades[i].WriteLineProtocol(writer, options);
            }

            batches[b] = writer.WrittenSpan.ToArray();
        }

        return new TradeSet(trades, batches, batchSize);
    }

    /// <summary>Part <paramref name="index"/> of <paramref name="count"/> equal parts, cut at request boundaries.</summary>
    /// <param name="index">Which part.</param>
    /// <param name="count">How many parts.</param>
    /// <returns>The part's points and their pre-serialized requests.</returns>
    public TradeSlice Slice(int index, int count)
    {
        int firstBatch = (int)((long)Batches.Length * index / count);
        int endBatch = (int)((long)Batches.Length * (index + 1) / count);
        int firstTrade = firstBatch * BatchSize;
        int endTrade = Math.Min(Trades.Length, endBatch * BatchSize);
        return new TradeSlice(
            new ArraySegment<Trade>(Trades, firstTrade, endTrade - firstTrade),
            new ArraySegment<byte[]>(Batches, firstBatch, endBatch - firstBatch));
    }
}

/// <summary>A run of consecutive points and the pre-serialized requests that carry exactly them.</summary>
/// <param name="Trades">The points.</param>
/// <param name="Batches">Their line protocol, one array per request.</param>
internal readonly record struct TradeSlice(ArraySegment<Trade> Trades, ArraySegment<byte[]> Batches);
