namespace Aioinflux;

/// <summary>Per-call options of <see cref="InfluxDBClient"/>'s query methods. Every property is optional.</summary>
public sealed record QueryOptions
{
    /// <summary>The database; <see langword="null"/> for <see cref="InfluxDBClient.Database"/> (statements such as <c>SHOW DATABASES</c> need none).</summary>
    public string? Database { get; init; }

    /// <summary>The retention policy unqualified measurements are read from; <see langword="null"/> for the database's default.</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary>
    /// The precision of times in the answer (<c>epoch</c>): integers in that unit. <see langword="null"/> (the default)
    /// asks for RFC 3339 strings. Every reader accepts both, and every <see cref="long"/> time it hands out is nanoseconds.
    /// </summary>
    public WritePrecision? Epoch { get; init; }

    /// <summary>
    /// Values bound to <c>$name</c> placeholders in the query (InfluxDB 1.x's <c>params</c>): the injection-safe way to put
    /// values in a query. They bind values only, not identifiers such as a measurement name (quote those with
    /// <see cref="InfluxQL.QuoteIdentifier"/>).
    /// </summary>
    public QueryParameters? Parameters { get; init; }

    /// <summary>Caches the answer in Redis (see <c>InfluxDBClientOptions.Cache</c>); off unless asked, as in aioinflux.</summary>
    public bool UseCache { get; init; }
}
