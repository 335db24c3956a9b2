using Microsoft.Extensions.Logging;

namespace Aioinflux.Caching;

/// <summary>
/// The query cache's log lines (event IDs 100 and up). A Redis outage is one Warning when it starts and one Information line
/// when it ends; each query's hit, miss, store or skip is one Debug line (aioinflux's way to see whether the cache works).
/// Keys are logged as their hash, which tells nothing about the query; the Redis configuration (which may hold a password)
/// never is, only its endpoints.
/// </summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "The query cache cannot use Redis at {Endpoints}; queries go to InfluxDB until Redis answers again")]
    public static partial void RedisUnavailable(ILogger logger, Exception? exception, string endpoints);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Redis at {Endpoints} answers again; the query cache is back in use")]
    public static partial void RedisAvailableAgain(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Redis at {Endpoints} is still failing")]
    public static partial void RedisStillFailing(ILogger logger, Exception? exception, string endpoints);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Query cache hit {Key}: {CompressedBytes} compressed bytes for {Bytes} bytes of response")]
    public static partial void Hit(ILogger logger, string key, long compressedBytes, long bytes);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Query cache miss {Key}")]
    public static partial void Miss(ILogger logger, string key);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Query cache stored {Key}: {Bytes} bytes of response in {CompressedBytes} compressed bytes")]
    public static partial void Stored(ILogger logger, string key, long bytes, long compressedBytes);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Query not cached: {Reason}")]
    public static partial void Skipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug, Message = "Query cache entry {Key} was lost: {Reason}")]
    public static partial void EntryLost(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "Query cache bypassed: Redis is unavailable")]
    public static partial void Bypassed(ILogger logger);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Query cache cleared: {Count} keys under '{Prefix}' deleted")]
    public static partial void Cleared(ILogger logger, long count, string prefix);
}
