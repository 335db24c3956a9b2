using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using Aioinflux.Caching;

namespace Aioinflux.Query;

/// <summary>
/// One query request: its form body, its cache key, and the round trip that feeds the answer's bytes (from Redis or from
/// InfluxDB) to a parser. Only successful, complete answers are stored in the cache.
/// </summary>
internal sealed class QueryCall
{
    private const int PipeBufferSize = 64 * 1024;

    private readonly InfluxDBClient _client;
    private readonly string _query;
    private readonly QueryOptions? _options;
    private readonly string? _database;
    private readonly bool _chunked;
    private readonly QueryCacheKey? _cacheKey;

    public QueryCall(InfluxDBClient client, string query, QueryOptions? options, bool chunked)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        _client = client;
        _query = query;
        _options = options;
        string? database = options?.Database ?? client.Database;
        _database = string.IsNullOrEmpty(database) ? null : database;
        _chunked = chunked;
        ReadOptions = new QueryReadOptions { Epoch = options?.Epoch };
        if (options?.UseCache == true && client.Cache is { } cache)
        {
            _cacheKey = cache.TryCreateKey(new QueryCacheRequest
            {
                ServerAddress = client.Address,
                Database = _database,
                RetentionPolicy = options.RetentionPolicy,
                Query = query,
                Parameters = options.Parameters?.Select(static pair => new KeyValuePair<string, object?>(pair.Key, pair.Value.Value)),
                Epoch = options.Epoch is { } epoch ? Serialization.LineProtocolTime.ToWireValue(epoch) : null,
                Chunked = chunked,
                ChunkSize = chunked ? options.ChunkSize ?? 0 : 0,
                IdentityHash = client.CacheIdentity!,
            });
        }
    }

    public QueryReadOptions ReadOptions { get; }

    public bool ThrowOnStatementError => _options?.ThrowOnStatementError ?? true;

    /// <summary>Runs the query and parses the whole answer; a cached answer lost mid-read falls back to InfluxDB.</summary>
    public async Task<T> ExecuteAsync<T>(Func<PipeReader, QueryReadOptions, CancellationToken, ValueTask<T>> parse, Func<T, bool> complete, CancellationToken cancellationToken)
    {
        if (_cacheKey is not null && await _client.Cache!.TryOpenAsync(_cacheKey, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            try
            {
                await using (hit.ConfigureAwait(false))
                {
                    return await ParseAsync(hit, parse, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (CacheEntryLostException)
            {
                // The entry expired or was replaced while it was read: ask InfluxDB instead.
            }
        }

        using HttpResponseMessage response = await SendAsync(cancellationToken).ConfigureAwait(false);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        QueryCacheWriter? writer = _cacheKey is null ? null : _client.Cache!.BeginStore(_cacheKey, body);
        try
        {
            T result = await ParseAsync(writer?.Body ?? body, parse, cancellationToken).ConfigureAwait(false);
            if (writer is not null && response.StatusCode == HttpStatusCode.OK && complete(result))
            {
                await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            // Disposing an uncommitted writer abandons its entry: nothing incomplete or failed is ever cached.
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The blocking form of <see cref="ExecuteAsync"/>.</summary>
    public T Execute<T>(Func<Stream, QueryReadOptions, T> parse, Func<T, bool> complete, CancellationToken cancellationToken)
    {
        if (_cacheKey is not null && _client.Cache!.TryOpen(_cacheKey, cancellationToken) is { } hit)
        {
            try
            {
                using (hit)
                {
                    return parse(hit, ReadOptions);
                }
            }
            catch (CacheEntryLostException)
            {
                // The entry expired or was replaced while it was read: ask InfluxDB instead.
            }
        }

        using HttpResponseMessage response = Send(cancellationToken);
        using Stream body = response.Content.ReadAsStream(cancellationToken);
        using QueryCacheWriter? writer = _cacheKey is null ? null : _client.Cache!.BeginStore(_cacheKey, body);
        T result = parse(writer?.Body ?? body, ReadOptions);
        if (writer is not null && response.StatusCode == HttpStatusCode.OK && complete(result))
        {
            writer.Commit(cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Runs the query and streams what <paramref name="parse"/> yields as the answer arrives. A cached answer lost before
    /// anything was yielded falls back to InfluxDB; lost later, the call fails rather than splice two answers.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        Func<PipeReader, QueryReadOptions, CancellationToken, IAsyncEnumerable<T>> parse,
        Func<T, bool> complete,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_cacheKey is not null && await _client.Cache!.TryOpenAsync(_cacheKey, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            bool fallBack = false;
            long yielded = 0;
            await using (hit.ConfigureAwait(false))
            {
                PipeReader reader = PipeReader.Create(hit, new StreamPipeReaderOptions(bufferSize: PipeBufferSize, leaveOpen: true));
                IAsyncEnumerator<T> items = parse(reader, ReadOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (items.ConfigureAwait(false))
                {
                    while (true)
                    {
                        try
                        {
                            if (!await items.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                        catch (CacheEntryLostException lost) when (yielded > 0)
                        {
                            throw new InfluxDBException($"The cached answer of this query expired or was replaced after {yielded} items had been returned, and the rest cannot be spliced from InfluxDB's answer. Run the query again.", lost);
                        }
                        catch (CacheEntryLostException)
                        {
                            fallBack = true;
                            break;
                        }

                        yielded++;
                        yield return items.Current;
                    }
                }

                await reader.CompleteAsync().ConfigureAwait(false);
            }

            if (!fallBack)
            {
                yield break;
            }
        }

        using HttpResponseMessage response = await SendAsync(cancellationToken).ConfigureAwait(false);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        QueryCacheWriter? writer = _cacheKey is null ? null : _client.Cache!.BeginStore(_cacheKey, body);
        try
        {
            PipeReader reader = PipeReader.Create(writer?.Body ?? body, new StreamPipeReaderOptions(bufferSize: PipeBufferSize, leaveOpen: true));
            bool allComplete = true;
            await foreach (T item in parse(reader, ReadOptions, cancellationToken).ConfigureAwait(false))
            {
                allComplete &= complete(item);
                yield return item;
            }

            await reader.CompleteAsync().ConfigureAwait(false);
            if (writer is not null && allComplete && response.StatusCode == HttpStatusCode.OK)
            {
                await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The blocking form of <see cref="StreamAsync"/>.</summary>
    public IEnumerable<T> Stream<T>(Func<Stream, QueryReadOptions, IEnumerable<T>> parse, Func<T, bool> complete, CancellationToken cancellationToken)
    {
        if (_cacheKey is not null && _client.Cache!.TryOpen(_cacheKey, cancellationToken) is { } hit)
        {
            bool fallBack = false;
            long yielded = 0;
            using (hit)
            {
                using IEnumerator<T> items = parse(hit, ReadOptions).GetEnumerator();
                while (true)
                {
                    try
                    {
                        if (!items.MoveNext())
                        {
                            break;
                        }
                    }
                    catch (CacheEntryLostException lost) when (yielded > 0)
                    {
                        throw new InfluxDBException($"The cached answer of this query expired or was replaced after {yielded} items had been returned, and the rest cannot be spliced from InfluxDB's answer. Run the query again.", lost);
                    }
                    catch (CacheEntryLostException)
                    {
                        fallBack = true;
                        break;
                    }

                    yielded++;
                    yield return items.Current;
                }
            }

            if (!fallBack)
            {
                yield break;
            }
        }

        using HttpResponseMessage response = Send(cancellationToken);
        using Stream body = response.Content.ReadAsStream(cancellationToken);
        using QueryCacheWriter? writer = _cacheKey is null ? null : _client.Cache!.BeginStore(_cacheKey, body);
        bool allComplete = true;
        foreach (T item in parse(writer?.Body ?? body, ReadOptions))
        {
            allComplete &= complete(item);
            yield return item;
        }

        if (writer is not null && allComplete && response.StatusCode == HttpStatusCode.OK)
        {
            writer.Commit(cancellationToken);
        }
    }

    private async ValueTask<T> ParseAsync<T>(Stream body, Func<PipeReader, QueryReadOptions, CancellationToken, ValueTask<T>> parse, CancellationToken cancellationToken)
    {
        PipeReader reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: PipeBufferSize, leaveOpen: true));
        try
        {
            return await parse(reader, ReadOptions, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = _client.CreateRequest(HttpMethod.Post, "query", CreateForm());
        HttpResponseMessage response = await _client.SendAsync(request, "query", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest)
        {
            // A 400 carries influxd's JSON error (a parse error, say), which the parser turns into InfluxDBQueryException.
            return response;
        }

        using (response)
        {
            string body = await InfluxDBClient.ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw ExceptionFactory.RequestFailed(response.StatusCode, body, "the query");
        }
    }

    private HttpResponseMessage Send(CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = _client.CreateRequest(HttpMethod.Post, "query", CreateForm());
        HttpResponseMessage response = _client.Send(request, "query", null, cancellationToken);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest)
        {
            return response;
        }

        using (response)
        {
            throw ExceptionFactory.RequestFailed(response.StatusCode, InfluxDBClient.ReadErrorBody(response), "the query");
        }
    }

    private FormUrlEncodedContent CreateForm()
    {
        var form = new List<KeyValuePair<string, string>>(7) { new("q", _query) };
        if (_database is not null)
        {
            form.Add(new("db", _database));
        }

        if (_options?.RetentionPolicy is { } retentionPolicy)
        {
            form.Add(new("rp", retentionPolicy));
        }

        if (_options?.Epoch is { } epoch)
        {
            form.Add(new("epoch", Serialization.LineProtocolTime.ToWireValue(epoch)));
        }

        if (_options?.Parameters is { Count: > 0 } parameters)
        {
            form.Add(new("params", parameters.ToJson()));
        }

        if (_chunked)
        {
            form.Add(new("chunked", "true"));
            if (_options?.ChunkSize is { } chunkSize)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize, nameof(QueryOptions.ChunkSize));
                form.Add(new("chunk_size", chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return new FormUrlEncodedContent(form);
    }
}
