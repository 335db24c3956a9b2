using System.Globalization;

namespace Aioinflux;

/// <summary>
/// What the query cache has done since the client was created: a snapshot, read while queries run. Counts only queries
/// that asked for the cache.
/// </summary>
public sealed class QueryCacheStatistics
{
    internal QueryCacheStatistics(long hits, long misses, long stores, long skipped, long errors)
    {
        Hits = hits;
        Misses = misses;
        Stores = stores;
        Skipped = skipped;
        Errors = errors;
    }

    /// <summary>Queries answered from the cache.</summary>
    public long Hits { get; }

    /// <summary>Queries not found in the cache, and so sent to InfluxDB.</summary>
    public long Misses { get; }

    /// <summary>Responses stored in the cache.</summary>
    public long Stores { get; }

    /// <summary>
    /// Queries the cache did not take part in although asked: statements that modify data, responses larger than
    /// <see cref="QueryCacheOptions.MaxEntryBytes"/>, and queries that went straight to InfluxDB while Redis was unavailable.
    /// </summary>
    public long Skipped { get; }

    /// <summary>
    /// Failures: Redis commands that failed or timed out, entries lost while being read (expired, evicted or replaced), and
    /// entries that failed their length or hash check. Each such query was answered by InfluxDB instead.
    /// </summary>
    public long Errors { get; }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Hits} hits, {Misses} misses, {Stores} stores, {Skipped} skipped, {Errors} errors");
}
