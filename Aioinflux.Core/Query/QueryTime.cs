using Aioinflux.Serialization;

namespace Aioinflux.Query;

/// <summary>Time values as /query writes them: integers in the query's epoch, or RFC 3339 strings without one.</summary>
internal static class QueryTime
{
    /// <summary>The longest time text read: influxd writes at most 30 characters (<c>2262-04-11T23:47:16.854775806Z</c>).</summary>
    public const int MaxTextLength = 64;

    /// <summary>Scales an integer time in units of <paramref name="epoch"/> to nanoseconds, failing on overflow.</summary>
    public static bool TryScale(long value, WritePrecision? epoch, out long nanoseconds)
    {
        if (epoch is null or WritePrecision.Nanoseconds)
        {
            nanoseconds = value;
            return true;
        }

        long unit = LineProtocolTime.NanosecondsPer(epoch.GetValueOrDefault());
        Int128 scaled = (Int128)value * unit;
        if (scaled < long.MinValue || scaled > long.MaxValue)
        {
            nanoseconds = 0;
            return false;
        }

        nanoseconds = (long)scaled;
        return true;
    }
}
