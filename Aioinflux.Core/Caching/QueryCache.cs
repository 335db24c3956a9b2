using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Aioinflux.Caching;

/// <summary>
/// The Redis query cache: stores InfluxDB's response bytes, compressed, under a key that covers everything that changes the
/// answer, and streams them back. Thread-safe; one per client.
/// </summary>
/// <remarks>
/// <para>How a query uses it (every step may be skipped by a <see langword="null"/>, which means "go to InfluxDB"):</para>
/// <list type="number">
/// <item><see cref="TryCreateKey"/>: <see langword="null"/> when the query must not be cached (it writes, or a parameter cannot be keyed).</item>
/// <item><see cref="TryOpenAsync"/> / <see cref="TryOpen"/>: on a hit, a stream of the response to parse instead of asking InfluxDB;
/// it throws <see cref="CacheEntryLostException"/> if the entry cannot be read whole, and the query then goes to InfluxDB.</item>
/// <item>On a miss, <see cref="BeginStore"/> wraps InfluxDB's response stream: the parser reads <see cref="QueryCacheWriter.Body"/>,
/// which passes the bytes through while they are compressed into Redis. After a complete, error-free response,
/// <see cref="QueryCacheWriter.CommitAsync"/>; otherwise dispose the writer, which abandons the entry.</item>
/// </list>
/// <para>
/// Redis down, slow or failing never fails a query: the methods a query calls return <see langword="null"/> or
/// <see langword="false"/> instead (only <see cref="ClearAsync"/>, which the user calls, throws), logs one warning per outage, and bypasses Redis while it is disconnected, or for
/// <see cref="QueryCacheOptions.RetryInterval"/> after a failed command, so that an outage does not cost each query a timeout.
/// </para>
/// </remarks>
internal sealed class QueryCache : IDisposable, IAsyncDisposable
{
    private readonly QueryCacheOptions _options;
    private readonly ConfigurationOptions? _configuration;
    private readonly bool _ownsConnection;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly string _endpoints;
    private volatile IConnectionMultiplexer? _connection;
    private long _connectNotBefore;
    private long _bypassUntil;
    private int _unavailable;

    /// <summary>Creates the cache. Nothing connects until the first query asks for the cache.</summary>
    /// <param name="options">Where Redis is and how entries are kept. The cache keeps a copy.</param>
    /// <param name="logger">Receives the outage warning and, at Debug, each hit, miss, store and skip.</param>
    /// <exception cref="ArgumentException">The options are incomplete or out of range, or the configuration string does not parse.</exception>
    public QueryCache(QueryCacheOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        Logger = logger ?? NullLogger.Instance;

        if (_options.ConnectionMultiplexer is { } connection)
        {
            _connection = connection;
            _endpoints = DescribeEndpoints(connection.GetEndPoints());
        }
        else
        {
            _ownsConnection = true;
            _configuration = CreateConfiguration(_options);
            _endpoints = DescribeEndpoints(_configuration.EndPoints);
        }
    }

    /// <summary>What the cache has done so far: a snapshot.</summary>
    public QueryCacheStatistics Statistics => Counters.Snapshot();

    /// <summary><see cref="QueryCacheOptions.KeyPrefix"/>.</summary>
    public string KeyPrefix => _options.KeyPrefix;

    internal QueryCacheCounters Counters { get; } = new();

    internal ILogger Logger { get; }

    internal TimeSpan Timeout => _options.Timeout;

    internal TimeSpan CacheExpiry => _options.CacheExpiry;

    internal long MaxEntryBytes => _options.MaxEntryBytes;

    /// <summary>
    /// The <see cref="QueryCacheRequest.IdentityHash"/> of a client with these credentials and this cache's
    /// <see cref="QueryCacheOptions.Identity"/>; compute it once per client.
    /// </summary>
    /// <param name="username">The client's configured user name, if any.</param>
    /// <param name="token">The client's configured token, if any.</param>
    /// <returns>A hash that holds none of the credentials.</returns>
    public string HashIdentity(string? username, string? token) => QueryCacheKey.HashIdentity(username, token, _options.Identity);

    /// <summary>
    /// The key of a request's cached response, or <see langword="null"/> when the request must not be cached: a statement
    /// that modifies data (or that the check cannot read for sure), or a bound parameter whose type cannot be keyed. A
    /// <see langword="null"/> counts as skipped.
    /// </summary>
    /// <param name="request">Every field of the request that changes the answer.</param>
    /// <returns>The key, or <see langword="null"/> to send the query to InfluxDB without the cache.</returns>
    public QueryCacheKey? TryCreateKey(in QueryCacheRequest request)
    {
        string? reason = QueryCacheKey.TryCreate(_options.KeyPrefix, request, out QueryCacheKey? key);
        if (reason is not null)
        {
            Skip(reason);
        }

        return key;
    }

    /// <summary>
    /// Opens the cached response of <paramref name="key"/>: the decompressed bytes, streamed from Redis in pieces. Reading
    /// it throws <see cref="CacheEntryLostException"/> if the entry expires, is evicted or replaced, fails its length or hash
    /// check, or Redis fails before the end; end of stream is reported only after the whole response was verified.
    /// </summary>
    /// <param name="key">From <see cref="TryCreateKey"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for Redis.</param>
    /// <returns>The response to parse; <see langword="null"/> on a miss, or when Redis is unavailable, slow or failing.</returns>
    public async ValueTask<Stream?> TryOpenAsync(QueryCacheKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        IDatabase? database = await TryGetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        if (database is null)
        {
            return null;
        }

        RespResult first;
        try
        {
            first = await RedisTasks.WaitAsync(database.ExecuteRespAsync("GETRANGE", FirstRead(key)), Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            ReportFailure(exception);
            return null;
        }

        using (first)
        {
            return Open(database, key, first);
        }
    }

    /// <summary>The blocking form of <see cref="TryOpenAsync"/>, with StackExchange.Redis's synchronous calls.</summary>
    /// <param name="key">From <see cref="TryCreateKey"/>.</param>
    /// <param name="cancellationToken">Checked before Redis is asked (a synchronous Redis call cannot be cancelled; its timeout bounds it).</param>
    /// <returns>The response to parse; <see langword="null"/> on a miss, or when Redis is unavailable, slow or failing.</returns>
    public Stream? TryOpen(QueryCacheKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        IDatabase? database = TryGetDatabase(cancellationToken);
        if (database is null)
        {
            return null;
        }

        RespResult first;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            first = database.ExecuteResp("GETRANGE", FirstRead(key));
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            ReportFailure(exception);
            return null;
        }

        using (first)
        {
            return Open(database, key, first);
        }
    }

    /// <summary>
    /// Starts storing InfluxDB's response to <paramref name="key"/> as it streams. Call after a miss from
    /// <see cref="TryOpenAsync"/> or <see cref="TryOpen"/> (this method never connects to Redis by itself).
    /// </summary>
    /// <param name="key">From <see cref="TryCreateKey"/>.</param>
    /// <param name="response">InfluxDB's response stream; the writer never disposes it.</param>
    /// <returns>The writer, whose <see cref="QueryCacheWriter.Body"/> the parser reads; <see langword="null"/> when Redis is unavailable (read <paramref name="response"/> directly).</returns>
    public QueryCacheWriter? BeginStore(QueryCacheKey key, Stream response)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        IConnectionMultiplexer? connection = _connection;
        if (connection is null || !IsUsable(connection))
        {
            // Not counted: the TryOpen before this one already counted the query as skipped or failed.
            return null;
        }

        return new QueryCacheWriter(this, connection.GetDatabase(_options.RedisDatabase), key, response);
    }

    /// <summary>
    /// Deletes every key under <see cref="QueryCacheOptions.KeyPrefix"/> (entries, and entries still being written), with
    /// <c>SCAN</c> and <c>UNLINK</c> in batches; keys outside the prefix are never touched (no <c>FLUSHDB</c>).
    /// </summary>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>The number of keys deleted.</returns>
    /// <exception cref="InfluxDBException">Redis is unavailable or failed; nothing or only part was deleted.</exception>
    public async Task<long> ClearAsync(CancellationToken cancellationToken = default)
    {
        IConnectionMultiplexer connection = await ConnectForClearAsync(cancellationToken).ConfigureAwait(false);
        IDatabase database = connection.GetDatabase(_options.RedisDatabase);
        long deleted = 0;
        try
        {
            var batch = new List<object>(ClearBatchSize);
            foreach (IServer server in connection.GetServers())
            {
                if (server.IsReplica || !server.IsConnected)
                {
                    continue;
                }

                await foreach (RedisKey key in server.KeysAsync(database.Database, KeyPattern(), ClearPageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    batch.Add(key);
                    if (batch.Count == ClearBatchSize)
                    {
                        deleted += (long)await database.ExecuteAsync("UNLINK", batch).ConfigureAwait(false);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    deleted += (long)await database.ExecuteAsync("UNLINK", batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            throw ClearFailed(exception, deleted);
        }

        CacheLog.Cleared(Logger, deleted, _options.KeyPrefix);
        return deleted;
    }

    /// <summary>The blocking form of <see cref="ClearAsync"/>.</summary>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>The number of keys deleted.</returns>
    /// <exception cref="InfluxDBException">Redis is unavailable or failed; nothing or only part was deleted.</exception>
    public long Clear(CancellationToken cancellationToken = default)
    {
        IConnectionMultiplexer connection = ConnectForClear(cancellationToken);
        IDatabase database = connection.GetDatabase(_options.RedisDatabase);
        long deleted = 0;
        try
        {
            var batch = new List<object>(ClearBatchSize);
            foreach (IServer server in connection.GetServers())
            {
                if (server.IsReplica || !server.IsConnected)
                {
                    continue;
                }

                foreach (RedisKey key in server.Keys(database.Database, KeyPattern(), ClearPageSize))
                {
                    batch.Add(key);
                    if (batch.Count == ClearBatchSize)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        deleted += (long)database.Execute("UNLINK", batch);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    deleted += (long)database.Execute("UNLINK", batch);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            throw ClearFailed(exception, deleted);
        }

        CacheLog.Cleared(Logger, deleted, _options.KeyPrefix);
        return deleted;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection?.Dispose();
        }

        _connectGate.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connectGate.Dispose();
    }

    /// <summary>Counts a Redis command that failed or timed out; the first failure of an outage logs the warning.</summary>
    internal void ReportFailure(Exception exception)
    {
        Counters.Error();
        Volatile.Write(ref _bypassUntil, Environment.TickCount64 + (long)_options.RetryInterval.TotalMilliseconds);
        MarkUnavailable(exception);
    }

    /// <summary>Notes a Redis command that succeeded, ending an outage if one was logged.</summary>
    internal void ReportSuccess()
    {
        if (Volatile.Read(ref _unavailable) == 1 && Interlocked.Exchange(ref _unavailable, 0) == 1)
        {
            CacheLog.RedisAvailableAgain(Logger, _endpoints);
        }
    }

    /// <summary>Counts an entry that could not be read or written whole although Redis answered.</summary>
    internal void ReportLost(QueryCacheKey key, string reason)
    {
        Counters.Error();
        CacheLog.EntryLost(Logger, key.Hash, reason);
    }

    internal void Skip(string reason)
    {
        Counters.Skip();
        CacheLog.Skipped(Logger, reason);
    }

    private const int ClearBatchSize = 256;
    private const int ClearPageSize = 1000;

    private static ReadOnlyMemory<RedisKeyOrValue> FirstRead(QueryCacheKey key)
        => new RedisKeyOrValue[] { (RedisKey)key.Key, (RedisValue)0, (RedisValue)(CacheEntryFormat.PieceSize - 1) };

    /// <summary>Turns the answer to the first read (the header and the rest of a piece, in one command) into a hit, a miss or a bad entry.</summary>
    private QueryCacheReadStream? Open(IDatabase database, QueryCacheKey key, RespResult first)
    {
        ReportSuccess();
        RespReaderLength(first, out int length);
        if (length == 0)
        {
            Counters.Miss();
            CacheLog.Miss(Logger, key.Hash);
            return null;
        }

        byte[] piece = ArrayPool<byte>.Shared.Rent(CacheEntryFormat.PieceSize);
        CopyScalar(first, piece);
        if (!CacheEntryFormat.TryReadHeader(piece.AsSpan(0, length), out CacheEntryFormat.EntryHeader header))
        {
            ArrayPool<byte>.Shared.Return(piece);
            ReportLost(key, "the entry's header is not one this version writes");
            return null;
        }

        if (length != CacheEntryFormat.HeaderSize + Math.Min(header.CompressedLength, CacheEntryFormat.PieceSize - CacheEntryFormat.HeaderSize))
        {
            ArrayPool<byte>.Shared.Return(piece);
            ReportLost(key, "the entry is shorter than its header says");
            return null;
        }

        Counters.Hit();
        CacheLog.Hit(Logger, key.Hash, header.CompressedLength, header.UncompressedLength);
        return new QueryCacheReadStream(this, database, key, header, piece, CacheEntryFormat.HeaderSize, length);
    }

    private static void RespReaderLength(RespResult result, out int length)
    {
        if (result.IsNull)
        {
            length = 0;
            return;
        }

        length = result.ReadScalar().ScalarLength();
    }

    private static void CopyScalar(RespResult result, Span<byte> destination) => result.ReadScalar().CopyTo(destination);

    private bool IsUsable(IConnectionMultiplexer connection)
    {
        if (!connection.IsConnected)
        {
            // Disconnected: StackExchange.Redis reconnects by itself; until then no query waits for it.
            MarkUnavailable(null);
            return false;
        }

        return Environment.TickCount64 >= Volatile.Read(ref _bypassUntil);
    }

    private void MarkUnavailable(Exception? exception)
    {
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            CacheLog.RedisUnavailable(Logger, exception, _endpoints);
        }
        else if (exception is not null)
        {
            CacheLog.RedisStillFailing(Logger, exception, _endpoints);
        }
    }

    private IDatabase? TryGetDatabase(CancellationToken cancellationToken)
    {
        IConnectionMultiplexer? connection = _connection;
        if (connection is null && Environment.TickCount64 >= Volatile.Read(ref _connectNotBefore))
        {
            _connectGate.Wait(cancellationToken);
            try
            {
                connection = _connection ??= Connect();
            }
            catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
            {
                ConnectFailed(exception);
            }
            finally
            {
                _connectGate.Release();
            }
        }

        return Usable(connection);
    }

    private async ValueTask<IDatabase?> TryGetDatabaseAsync(CancellationToken cancellationToken)
    {
        IConnectionMultiplexer? connection = _connection;
        if (connection is null && Environment.TickCount64 >= Volatile.Read(ref _connectNotBefore))
        {
            await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                connection = _connection ??= await ConnectAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
            {
                ConnectFailed(exception);
            }
            finally
            {
                _connectGate.Release();
            }
        }

        return Usable(connection);
    }

    private IDatabase? Usable(IConnectionMultiplexer? connection)
    {
        if (connection is null || !IsUsable(connection))
        {
            Counters.Skip();
            CacheLog.Bypassed(Logger);
            return null;
        }

        return connection.GetDatabase(_options.RedisDatabase);
    }

    private void ConnectFailed(Exception exception)
    {
        Volatile.Write(ref _connectNotBefore, Environment.TickCount64 + (long)_options.RetryInterval.TotalMilliseconds);
        Counters.Error();
        MarkUnavailable(exception);
    }

    // AbortOnConnectFail is off, so these return a connection that keeps trying in the background even when Redis is down.
    private ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(_configuration!);

    private Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(_configuration!);

    private async ValueTask<IConnectionMultiplexer> ConnectForClearAsync(CancellationToken cancellationToken)
    {
        IConnectionMultiplexer? connection = _connection;
        if (connection is null)
        {
            await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                connection = _connection ??= await ConnectAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
            {
                throw ClearFailed(exception, 0);
            }
            finally
            {
                _connectGate.Release();
            }
        }

        return connection.IsConnected ? connection : throw ClearFailed(null, 0);
    }

    private IConnectionMultiplexer ConnectForClear(CancellationToken cancellationToken)
    {
        IConnectionMultiplexer? connection = _connection;
        if (connection is null)
        {
            _connectGate.Wait(cancellationToken);
            try
            {
                connection = _connection ??= Connect();
            }
            catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
            {
                throw ClearFailed(exception, 0);
            }
            finally
            {
                _connectGate.Release();
            }
        }

        return connection.IsConnected ? connection : throw ClearFailed(null, 0);
    }

    private InfluxDBException ClearFailed(Exception? exception, long deleted)
        => new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Clearing the query cache failed: Redis at {_endpoints} {(exception is null ? "is not connected" : "failed: " + exception.Message)}. {deleted} keys under '{_options.KeyPrefix}' were deleted before that. Check that Redis is running and reachable, then clear again."),
            exception);

    /// <summary>The SCAN pattern of every key under the prefix, with the prefix's glob characters escaped.</summary>
    private string KeyPattern()
    {
        var pattern = new StringBuilder(_options.KeyPrefix.Length + 2);
        foreach (char c in _options.KeyPrefix)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('*').ToString();
    }

    private static ConfigurationOptions CreateConfiguration(QueryCacheOptions options)
    {
        ConfigurationOptions configuration;
        if (options.ConfigurationOptions is { } given)
        {
            configuration = given.Clone();
        }
        else
        {
            try
            {
                configuration = ConfigurationOptions.Parse(options.Configuration!);
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException($"QueryCacheOptions.Configuration is not a valid StackExchange.Redis configuration string: {exception.Message}", exception);
            }

            // A short, capped back-off, so that the cache returns soon after Redis does.
            configuration.ReconnectRetryPolicy = new ExponentialRetry(500, 5_000);
        }

        if (configuration.EndPoints.Count == 0)
        {
            throw new ArgumentException("The query cache's Redis configuration names no endpoint. Add one, such as \"localhost:6379\".");
        }

        int milliseconds = (int)Math.Ceiling(options.Timeout.TotalMilliseconds);
        configuration.ConnectTimeout = milliseconds;
        configuration.SyncTimeout = milliseconds;
        configuration.AsyncTimeout = milliseconds;
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "aioinflux-query-cache";
        return configuration;
    }

    /// <summary>Endpoints only, for log lines: the configuration string may hold a password.</summary>
    private static string DescribeEndpoints(IEnumerable<EndPoint> endpoints)
    {
        var text = new StringBuilder();
        foreach (EndPoint endpoint in endpoints)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(endpoint switch
            {
                DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
                _ => endpoint.ToString(),
            });
        }

        return text.Length == 0 ? "(no endpoint)" : text.ToString();
    }
}
