using System.Buffers;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Serialization;

/// <summary>The generated writers allocate nothing per point once the destination has grown.</summary>
public class AllocationTests
{
    private const int Points = 10_000;

    public static IEnumerable<TestCaseData> Points_to_write()
    {
        yield return new TestCaseData(new Trade(1540184368785116000, "AAPL", Side.Buy, 219.23, 100, "34a1e085-3122-429c-9662-7ce82039d287"), default(LineProtocolOptions))
            .SetName("Writing_allocates_nothing(Trade without escaping)");
        yield return new TestCaseData(new Trade(-1, "BRK,B =A", (Side)9, 1e-300, long.MinValue, "quote \" backslash \\ newline \n 漢字"), new LineProtocolOptions(WritePrecision.Milliseconds, [new("region", "eu west,1")]))
            .SetName("Writing_allocates_nothing(Trade with escaping, precision and extra tags)");
        yield return new TestCaseData(new EveryType { TagString = "a b", TagNullableEnum = Side.Sell, FieldString = "x\"y", FieldNullableEnum = Venue.Dark, Time = DateTime.UtcNow }, default(LineProtocolOptions))
            .SetName("Writing_allocates_nothing(every type)");
        yield return new TestCaseData(new Reading("living room", "s 1", 21.5, "2009-11-10T23:00:00.123456789+01:00"), default(LineProtocolOptions))
            .SetName("Writing_allocates_nothing(struct with ISO 8601 time)");
    }

    [TestCaseSource(nameof(Points_to_write))]
    public void Writing_allocates_nothing(ILineProtocolPoint point, LineProtocolOptions options)
    {
        var writer = new ArrayBufferWriter<byte>(1 << 20);
        point.WriteLineProtocol(writer, options); // warm up: JIT, static SearchValues
        writer.ResetWrittenCount();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Points; i++)
        {
            point.WriteLineProtocol(writer, options);
            writer.ResetWrittenCount();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"{allocated} bytes over {Points} points");
    }
}
