namespace Aioinflux.Caching;

/// <summary>The live counters behind <see cref="QueryCacheStatistics"/>, incremented from any thread.</summary>
internal sealed class QueryCacheCounters
{
    private long _hits;
    private long _misses;
    private long _stores;
    private long _skipped;
    private long _errors;

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    public void Store() => Interlocked.Increment(ref _stores);

    public void Skip() => Interlocked.Increment(ref _skipped);

    public void Error() => Interlocked.Increment(ref _errors);

    public QueryCacheStatistics Snapshot()
        => new(
            Interlocked.Read(ref _hits),
            Interlocked.Read(ref _misses),
            Interlocked.Read(ref _stores),
            Interlocked.Read(ref _skipped),
            Interlocked.Read(ref _errors));
}
