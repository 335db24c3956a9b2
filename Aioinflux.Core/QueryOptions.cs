namespace Aioinflux;

/// <summary>Per-call options of <see cref="InfluxDBClient"/>'s query methods. Every property is optional.</summary>
public sealed record QueryOptions
{
    /// <summary>
    /// The database; <see langword="null"/> for <see cref="InfluxDBClient.Database"/>, and an empty string for none
    /// (statements such as <c>SHOW DATABASES</c> need none).
    /// </summary>
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

    /// <summary>
    /// How many rows influxd puts in one chunk for the streaming forms (chunked queries, <c>IterPointsAsync</c>, typed
    /// queries), which ask for a chunked answer so that neither side ever holds the whole result. <see langword="null"/>
    /// for influxd's default, 10,000.
    /// </summary>
    public int? ChunkSize { get; init; }

    /// <summary>
    /// Whether a statement that InfluxDB answers with an error throws <see cref="InfluxDBQueryException"/> (the default).
    /// With <see langword="false"/>, <see cref="InfluxDBClient.QueryAsync(string, QueryOptions?, CancellationToken)"/>
    /// returns every statement's result, failed ones with <see cref="StatementResult.Error"/> set, so that a
    /// multi-statement query keeps the results of the statements that succeeded.
    /// </summary>
    public bool ThrowOnStatementError { get; init; } = true;

    /// <summary>
    /// Caches the answer in Redis (<see cref="InfluxDBClientOptions.Cache"/>); off unless asked, as in aioinflux. Queries that
    /// change data are never cached, nor are answers with an error.
    /// </summary>
    public bool UseCache { get; init; }
}
