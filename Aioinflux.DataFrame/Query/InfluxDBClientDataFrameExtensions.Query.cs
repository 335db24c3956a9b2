using System.Runtime.CompilerServices;
using Aioinflux.Query;
using Microsoft.Data.Analysis;

namespace Aioinflux;

// Querying DataFrames (aioinflux's output='dataframe'): the answer is streamed through a DataFrameResultBuilder, an
// IQueryResultSink that puts each value straight into its column's buffer, via the client's sink methods, so the Redis
// cache, errors and logging are those of every other query.
public static partial class InfluxDBClientDataFrameExtensions
{
    private static readonly QueryOptions NanosecondEpoch = new() { Epoch = WritePrecision.Nanoseconds };

    /// <summary>
    /// Runs a query (or several, separated by <c>;</c>) and reads its answer into one DataFrame per series, each with its
    /// statement id, name and <c>GROUP BY</c> tags (aioinflux's <c>dataframe</c> output). Columns are built from the
    /// response as it streams in: <c>time</c> (a UTC <c>DateTime</c> column, or nanoseconds by option), then each column
    /// typed by its values (or by <c>SHOW FIELD KEYS</c>), then the tags.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="query">InfluxQL; put values in <see cref="QueryOptions.Parameters"/> rather than in the text.</param>
    /// <param name="dataFrameOptions">Time column type, column typing and tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">
    /// Database, retention policy, epoch, bound parameters, caching; <see langword="null"/> for the defaults. Without an
    /// <see cref="QueryOptions.Epoch"/>, times are asked for in nanoseconds (the fastest form to read, and exact).
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frames; <see cref="DataFrameQueryResult.SingleFrame"/> gives the only one.</returns>
    /// <exception cref="InfluxDBQueryException">
    /// InfluxDB refused the query, or a statement failed (unless <see cref="QueryOptions.ThrowOnStatementError"/> is
    /// <see langword="false"/>: the error is then in <see cref="DataFrameQueryResult.Statements"/>).
    /// </exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static async Task<DataFrameQueryResult> QueryDataFrameAsync(
        this InfluxDBClient client,
        string query,
        DataFrameQueryOptions? dataFrameOptions = null,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        FieldTypeMap? fieldTypes = await FieldTypesAsync(client, dataFrameOptions, options, cancellationToken).ConfigureAwait(false);
        DataFrameResultBuilder builder = await client.QueryIntoAsync(
            query, () => DataFrameResultBuilder.ForWholeResult(dataFrameOptions, fieldTypes), WithEpoch(options), cancellationToken).ConfigureAwait(false);
        return builder.TakeResult();
    }

    /// <summary>Runs a query and reads its answer into one DataFrame per series, blocking. See <see cref="QueryDataFrameAsync"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">InfluxQL.</param>
    /// <param name="dataFrameOptions">Time column type, column typing and tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">Database, retention policy, epoch (nanoseconds unless given), bound parameters, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frames.</returns>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed.</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static DataFrameQueryResult QueryDataFrame(
        this InfluxDBClient client,
        string query,
        DataFrameQueryOptions? dataFrameOptions = null,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        FieldTypeMap? fieldTypes = FieldTypes(client, dataFrameOptions, options, cancellationToken);
        return client.QueryInto(query, () => DataFrameResultBuilder.ForWholeResult(dataFrameOptions, fieldTypes), WithEpoch(options), cancellationToken).TakeResult();
    }

    /// <summary>
    /// Runs a query whose answer is one series and returns its DataFrame: the common case, where aioinflux returns a bare
    /// DataFrame. An answer with no series gives an empty frame.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="query">InfluxQL.</param>
    /// <param name="dataFrameOptions">Time column type, column typing and tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">Database, retention policy, epoch (nanoseconds unless given), bound parameters, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="InvalidOperationException">The answer has several series (a <c>GROUP BY</c>, several statements); use <see cref="QueryDataFrameAsync"/>.</exception>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed.</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static async Task<DataFrame> QuerySingleDataFrameAsync(
        this InfluxDBClient client,
        string query,
        DataFrameQueryOptions? dataFrameOptions = null,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
        => (await client.QueryDataFrameAsync(query, dataFrameOptions, options, cancellationToken).ConfigureAwait(false)).SingleFrame();

    /// <summary>Runs a query whose answer is one series and returns its DataFrame, blocking. See <see cref="QuerySingleDataFrameAsync"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">InfluxQL.</param>
    /// <param name="dataFrameOptions">Time column type, column typing and tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">Database, retention policy, epoch (nanoseconds unless given), bound parameters, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="InvalidOperationException">The answer has several series; use <see cref="QueryDataFrame"/>.</exception>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed.</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static DataFrame QuerySingleDataFrame(
        this InfluxDBClient client,
        string query,
        DataFrameQueryOptions? dataFrameOptions = null,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
        => client.QueryDataFrame(query, dataFrameOptions, options, cancellationToken).SingleFrame();

    /// <summary>
    /// Runs a query with a chunked answer (aioinflux's <c>chunked=True</c> with <c>dataframe</c> output) and yields each
    /// chunk's frames as soon as the chunk has been read, so memory depends on <see cref="QueryOptions.ChunkSize"/>, not on
    /// the result. influxd splits a series across chunks (<see cref="SeriesDataFrame.Partial"/>);
    /// <see cref="DataFrameQueryResult.CombineAsync"/> joins the pieces (aioinflux's <c>pd.concat</c>).
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="query">InfluxQL.</param>
    /// <param name="dataFrameOptions">Time column type, column typing and tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">Database, retention policy, epoch (nanoseconds unless given), bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>The chunks' frames. A column's type is decided per chunk, so the same column can be <c>Int64</c> in one chunk and <c>Double</c> in the next.</returns>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed.</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static IAsyncEnumerable<DataFrameQueryResult> QueryDataFrameChunkedAsync(
        this InfluxDBClient client,
        string query,
        DataFrameQueryOptions? dataFrameOptions = null,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return Chunks(client, query, dataFrameOptions, options, cancellationToken);

        static async IAsyncEnumerable<DataFrameQueryResult> Chunks(
            InfluxDBClient client, string query, DataFrameQueryOptions? dataFrameOptions, QueryOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            FieldTypeMap? fieldTypes = await FieldTypesAsync(client, dataFrameOptions, options, cancellationToken).ConfigureAwait(false);
            IAsyncEnumerable<DataFrameResultBuilder> chunks = client.QueryChunkedIntoAsync(
                query, () => DataFrameResultBuilder.ForChunks(dataFrameOptions, fieldTypes), WithEpoch(options), cancellationToken);
            await foreach (DataFrameResultBuilder builder in chunks.ConfigureAwait(false))
            {
                yield return builder.TakeResult();
            }
        }
    }

    /// <summary>Runs a query with a chunked answer and yields each chunk's frames, blocking. See <see cref="QueryDataFrameChunkedAsync"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">InfluxQL.</param>
    /// <param name="dataFrameOptions">Time column type, column typing and tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">Database, retention policy, epoch (nanoseconds unless given), bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chunks' frames, each chunk read when enumerated; <see cref="DataFrameQueryResult.Combine"/> joins them.</returns>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed.</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static IEnumerable<DataFrameQueryResult> QueryDataFrameChunked(
        this InfluxDBClient client,
        string query,
        DataFrameQueryOptions? dataFrameOptions = null,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return Chunks(client, query, dataFrameOptions, options, cancellationToken);

        static IEnumerable<DataFrameQueryResult> Chunks(
            InfluxDBClient client, string query, DataFrameQueryOptions? dataFrameOptions, QueryOptions? options, CancellationToken cancellationToken)
        {
            FieldTypeMap? fieldTypes = FieldTypes(client, dataFrameOptions, options, cancellationToken);
            foreach (DataFrameResultBuilder builder in client.QueryChunkedInto(
                query, () => DataFrameResultBuilder.ForChunks(dataFrameOptions, fieldTypes), WithEpoch(options), cancellationToken))
            {
                yield return builder.TakeResult();
            }
        }
    }

    // Integer nanoseconds are read faster than RFC 3339 text and lose nothing; an epoch the caller chose is kept.
    private static QueryOptions WithEpoch(QueryOptions? options) => options is null
        ? NanosecondEpoch
        : options.Epoch is null ? options with { Epoch = WritePrecision.Nanoseconds } : options;

    private static async ValueTask<FieldTypeMap?> FieldTypesAsync(
        InfluxDBClient client, DataFrameQueryOptions? dataFrameOptions, QueryOptions? options, CancellationToken cancellationToken)
    {
        if (dataFrameOptions?.ColumnTypes != DataFrameColumnTypes.FromFieldKeys)
        {
            return null;
        }

        IReadOnlyCollection<FieldKeyInfo> fieldKeys = dataFrameOptions.FieldKeys
            ?? await client.ShowFieldKeysAsync(measurement: null, options?.Database, cancellationToken).ConfigureAwait(false);
        return new FieldTypeMap(fieldKeys);
    }

    private static FieldTypeMap? FieldTypes(InfluxDBClient client, DataFrameQueryOptions? dataFrameOptions, QueryOptions? options, CancellationToken cancellationToken)
    {
        if (dataFrameOptions?.ColumnTypes != DataFrameColumnTypes.FromFieldKeys)
        {
            return null;
        }

        return new FieldTypeMap(dataFrameOptions.FieldKeys ?? client.ShowFieldKeys(measurement: null, options?.Database, cancellationToken));
    }
}
