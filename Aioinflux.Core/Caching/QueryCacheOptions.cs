using StackExchange.Redis;

namespace Aioinflux;

/// <summary>
/// Where and how the query cache keeps query results (aioinflux's <c>redis_opts</c> and <c>cache_expiry</c>). Caching is
/// opt-in per query: configuring Redis caches nothing until a query asks for it.
/// </summary>
/// <remarks>
/// <para>
/// What is cached is the server's response, compressed, under a key that covers everything that changes the answer: the
/// server's address and path, the database, the retention policy, the query text, the bound parameters, the epoch, chunking
/// and chunk size, and the identity (a hash of the user name, token or <see cref="Identity"/>, never a credential). Only
/// complete, successful responses to queries that read (<c>SELECT</c> without <c>INTO</c>, <c>SHOW</c>) are stored.
/// </para>
/// <para>
/// Redis being down, slow or failing never fails a query: the query goes to InfluxDB, one warning is logged, and the cache is
/// used again once Redis answers. Standalone and replicated Redis are supported; Redis Cluster is not (an entry is written
/// under a temporary key and renamed, which a cluster refuses across hash slots).
/// </para>
/// </remarks>
public sealed class QueryCacheOptions
{
    /// <summary>The default of <see cref="CacheExpiry"/>: one day, as in aioinflux.</summary>
    public static readonly TimeSpan DefaultCacheExpiry = TimeSpan.FromSeconds(86_400);

    /// <summary>The default of <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "aioinflux:";

    /// <summary>The default of <see cref="MaxEntryBytes"/>: 64 MiB of compressed response.</summary>
    public const long DefaultMaxEntryBytes = 64L * 1024 * 1024;

    /// <summary>The default of <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="RetryInterval"/>.</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A StackExchange.Redis configuration string, such as <c>localhost:6379</c> or
    /// <c>redis.example.com:6380,ssl=true,password=…</c>. Set exactly one of this, <see cref="ConfigurationOptions"/> and
    /// <see cref="ConnectionMultiplexer"/>.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// StackExchange.Redis configuration. The cache connects with a copy, in which the connect, synchronous and asynchronous
    /// timeouts become <see cref="Timeout"/>, <c>AbortOnConnectFail</c> is off (so a Redis that is down at startup is used
    /// once it comes up) and commands fail fast while disconnected rather than queue.
    /// </summary>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// An existing connection, shared with the rest of the application; the cache never disposes it. Its synchronous
    /// timeout (<c>SyncTimeout</c>) bounds the blocking query methods' cache calls, so keep it short; the asynchronous
    /// methods use <see cref="Timeout"/>.
    /// </summary>
    public IConnectionMultiplexer? ConnectionMultiplexer { get; set; }

    /// <summary>The Redis database number. Default -1: the connection's default database (0 unless its configuration says otherwise).</summary>
    public int RedisDatabase { get; set; } = -1;

    /// <summary>How long a cached response lives (aioinflux's <c>cache_expiry</c>). Default 86,400 seconds.</summary>
    public TimeSpan CacheExpiry { get; set; } = DefaultCacheExpiry;

    /// <summary>
    /// The prefix of every key the cache writes; clearing the cache deletes only keys under it. Default <c>aioinflux:</c>.
    /// Give applications that must not share entries different prefixes (entries are already isolated by server, database
    /// and identity).
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// The largest response the cache stores, in compressed bytes. A larger response is returned in full but not cached.
    /// Default 64 MiB.
    /// </summary>
    public long MaxEntryBytes { get; set; } = DefaultMaxEntryBytes;

    /// <summary>
    /// How long one Redis command may take before the cache gives up on it and the query goes to InfluxDB. Default 1 second:
    /// a cache slower than that is not worth waiting for.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// After Redis failed or timed out, how long the cache is bypassed before it is tried again, so that a slow Redis costs
    /// one timeout per interval rather than one per query. Default 10 seconds. A disconnected Redis is bypassed until it
    /// reconnects, however long that takes.
    /// </summary>
    public TimeSpan RetryInterval { get; set; } = DefaultRetryInterval;

    /// <summary>
    /// Who the answers are for, when the client cannot tell: required when the client was given an <see cref="HttpClient"/>
    /// that authenticates on its own (with a handler that adds credentials, say), because two such clients with different
    /// credentials must not share entries. Any stable string that differs between identities, such as the user name; it is
    /// hashed into the key, never stored. Combined with the configured user name or token when those are set too.
    /// </summary>
    public string? Identity { get; set; }

    /// <summary>Checks that the options can work, naming the one to fix.</summary>
    /// <exception cref="ArgumentException">An option is missing, contradicts another or is out of range.</exception>
    internal void Validate()
    {
        int connections = (Configuration is null ? 0 : 1) + (ConfigurationOptions is null ? 0 : 1) + (ConnectionMultiplexer is null ? 0 : 1);
        if (connections != 1)
        {
            throw new ArgumentException(
                connections == 0
                    ? "QueryCacheOptions needs a Redis connection: set Configuration (such as \"localhost:6379\"), ConfigurationOptions or ConnectionMultiplexer."
                    : "QueryCacheOptions has more than one Redis connection: set only one of Configuration, ConfigurationOptions and ConnectionMultiplexer.");
        }

        if (Configuration is not null && string.IsNullOrWhiteSpace(Configuration))
        {
            throw new ArgumentException("QueryCacheOptions.Configuration is empty. Set it to a Redis configuration string such as \"localhost:6379\".");
        }

        if (RedisDatabase < -1)
        {
            throw new ArgumentException($"QueryCacheOptions.RedisDatabase is {RedisDatabase}. Use a database number (0 or more), or -1 for the connection's default.");
        }

        if (CacheExpiry < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentException($"QueryCacheOptions.CacheExpiry is {CacheExpiry}. Use a positive duration of at least a millisecond.");
        }

        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw new ArgumentException("QueryCacheOptions.KeyPrefix is empty. Use a prefix such as \"aioinflux:\", so that the cache's keys (and clearing them) stay apart from other keys.");
        }

        if (MaxEntryBytes <= 0)
        {
            throw new ArgumentException($"QueryCacheOptions.MaxEntryBytes is {MaxEntryBytes}. Use a positive number of bytes.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"QueryCacheOptions.Timeout is {Timeout}. Use a positive duration (a second or less is usual).");
        }

        if (RetryInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"QueryCacheOptions.RetryInterval is {RetryInterval}. Use zero or a positive duration.");
        }
    }

    internal QueryCacheOptions Clone() => (QueryCacheOptions)MemberwiseClone();
}
