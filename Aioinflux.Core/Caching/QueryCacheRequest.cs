namespace Aioinflux.Caching;

/// <summary>
/// Everything about a query request that changes InfluxDB's answer, from which <see cref="QueryCacheKey"/> is hashed. A new
/// request option that changes the answer must be added here, or two different answers would share one entry.
/// </summary>
internal readonly struct QueryCacheRequest
{
    /// <summary>The server's scheme, host, port and path (<c>http://influx:8086/prefix/</c>), or <c>unix:/path/to.sock</c>: the client's <c>Address</c>.</summary>
    public required string ServerAddress { get; init; }

    /// <summary>The database sent as <c>db</c>, if any.</summary>
    public string? Database { get; init; }

    /// <summary>The retention policy sent as <c>rp</c>, if any.</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary>The query text sent as <c>q</c>, exactly.</summary>
    public required string Query { get; init; }

    /// <summary>
    /// The bound parameters sent as <c>params</c>, in any order (they are sorted by name). Values of these types can be keyed:
    /// <see langword="null"/>, <see cref="string"/>, <see cref="bool"/>, <see cref="char"/>, every integer type,
    /// <see cref="float"/>, <see cref="double"/>, <see cref="decimal"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
    /// <see cref="TimeSpan"/>, <see cref="Guid"/>, enums and <see cref="System.Text.Json.JsonElement"/>; a query with a value
    /// of another type is not cached.
    /// </summary>
    public IEnumerable<KeyValuePair<string, object?>>? Parameters { get; init; }

    /// <summary>The epoch sent as <c>epoch</c> (<c>ns</c>, <c>u</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), or <see langword="null"/> for RFC 3339 times.</summary>
    public string? Epoch { get; init; }

    /// <summary>Whether <c>chunked=true</c> is sent.</summary>
    public bool Chunked { get; init; }

    /// <summary>The <c>chunk_size</c> sent, or 0 when none is.</summary>
    public int ChunkSize { get; init; }

    /// <summary>Who the answer is for: <see cref="QueryCacheKey.HashIdentity"/> of the client's credentials, computed once per client.</summary>
    public required string IdentityHash { get; init; }
}
