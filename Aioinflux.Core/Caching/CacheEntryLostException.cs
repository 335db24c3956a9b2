namespace Aioinflux.Caching;

/// <summary>
/// A cached response could not be read whole: it expired, was evicted or replaced while it was read, failed its length or
/// hash check, or Redis failed mid-read. Every byte already returned belonged to the one entry, but the rest will not
/// come: the query must be answered by InfluxDB instead. The client catches it; it reaches no user.
/// </summary>
internal sealed class CacheEntryLostException : InfluxDBException
{
    public CacheEntryLostException(string key, string reason, Exception? innerException = null)
        : base($"The cached response {key} could not be read whole ({reason}). Query InfluxDB instead.", innerException)
    {
        Key = key;
        Reason = reason;
    }

    /// <summary>The entry's Redis key.</summary>
    public string Key { get; }

    /// <summary>What went wrong, for the log.</summary>
    public string Reason { get; }
}
