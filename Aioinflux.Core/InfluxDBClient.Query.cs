using System.IO.Pipelines;
using Aioinflux.Query;

namespace Aioinflux;

// The query methods (aioinflux's query, chunked queries and iterpoints). Answers are parsed as they arrive, from the
// response stream: no string or document of the whole answer is ever built.
public sealed partial class InfluxDBClient
{
    /// <summary>Runs a query (or several, separated by <c>;</c>) and returns every statement's result (aioinflux's <c>query</c>).</summary>
    /// <param name="query">InfluxQL; put values in <see cref="QueryOptions.Parameters"/> rather than in the text.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, caching; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The results, statement by statement.</returns>
    /// <exception cref="InfluxDBQueryException">
    /// InfluxDB refused the query (a parse error, say), or a statement failed (unless
    /// <see cref="QueryOptions.ThrowOnStatementError"/> is <see langword="false"/>); the server's text is kept verbatim.
    /// </exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public async Task<QueryResult> QueryAsync(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new QueryCall(this, query, options, chunked: false);
        QueryResult result = await call.ExecuteAsync(
            static (reader, readOptions, token) => QueryResponseParser.ParseAsync(reader, readOptions, token),
            static result => result.IsSuccess,
            cancellationToken).ConfigureAwait(false);
        return call.ThrowOnStatementError ? result.EnsureSuccess() : result;
    }

    /// <summary>The blocking form of <see cref="QueryAsync(string, QueryOptions?, CancellationToken)"/>.</summary>
    /// <param name="query">InfluxQL.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The results, statement by statement.</returns>
    public QueryResult Query(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new QueryCall(this, query, options, chunked: false);
        QueryResult result = call.Execute(static (stream, readOptions) => QueryResponseParser.Parse(stream, readOptions), static result => result.IsSuccess, cancellationToken);
        return call.ThrowOnStatementError ? result.EnsureSuccess() : result;
    }

    /// <summary>
    /// Runs a query with a chunked answer (aioinflux's <c>chunked=True</c>) and yields each chunk as it arrives, so memory
    /// does not depend on the size of the result. A chunk is not a series: influxd splits one series across chunks
    /// (<see cref="Series.Partial"/>); <see cref="QueryResult.CombineAsync"/> merges them back by statement, name and tags.
    /// </summary>
    /// <param name="query">InfluxQL.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, <see cref="QueryOptions.ChunkSize"/>, caching.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>The chunks.</returns>
    public IAsyncEnumerable<QueryResult> QueryChunkedAsync(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new QueryCall(this, query, options, chunked: true);
        IAsyncEnumerable<QueryResult> chunks = call.StreamAsync(
            static (reader, readOptions, token) => QueryResponseParser.ParseChunksAsync(reader, readOptions, token),
            static chunk => chunk.IsSuccess,
            cancellationToken);
        return call.ThrowOnStatementError ? EnsureSuccessAsync(chunks, cancellationToken) : chunks;
    }

    /// <summary>The blocking form of <see cref="QueryChunkedAsync"/>.</summary>
    /// <param name="query">InfluxQL.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chunks, read as they are enumerated.</returns>
    public IEnumerable<QueryResult> QueryChunked(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new QueryCall(this, query, options, chunked: true);
        IEnumerable<QueryResult> chunks = call.Stream(static (stream, readOptions) => QueryResponseParser.ParseChunks(stream, readOptions), static chunk => chunk.IsSuccess, cancellationToken);
        return call.ThrowOnStatementError ? chunks.Select(static chunk => chunk.EnsureSuccess()) : chunks;
    }

    /// <summary>
    /// Runs a query and yields one value per point, made by <paramref name="parser"/> from the point's values and its series'
    /// metadata (aioinflux's <c>iterpoints</c> with a parser). The answer is streamed in chunks.
    /// </summary>
    /// <typeparam name="T">What a point becomes.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="parser">Makes a value from a row (valid only during the call) and its series' columns, name, tags and statement id.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>The values, in the answer's order.</returns>
    public IAsyncEnumerable<T> IterPointsAsync<T>(string query, Func<InfluxRow, PointMetadata, T> parser, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parser);
        var call = new QueryCall(this, query, options, chunked: true);
        return call.StreamAsync((reader, readOptions, token) => QueryResponseParser.IterPointsAsync(reader, parser, readOptions, token), static _ => true, cancellationToken);
    }

    /// <summary>The blocking form of <see cref="IterPointsAsync{T}(string, Func{InfluxRow, PointMetadata, T}, QueryOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">What a point becomes.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="parser">Makes a value from a row and its series' metadata.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The values, read as they are enumerated.</returns>
    public IEnumerable<T> IterPoints<T>(string query, Func<InfluxRow, PointMetadata, T> parser, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parser);
        var call = new QueryCall(this, query, options, chunked: true);
        return call.Stream((stream, readOptions) => QueryResponseParser.IterPoints(stream, parser, readOptions), static _ => true, cancellationToken);
    }

    /// <summary>
    /// Runs a query and yields its rows as values of a <c>[LineProtocol]</c> type, read by generated code: columns (and
    /// <c>GROUP BY</c> tags) fill the members with the same keys the type writes; other columns are ignored. Streamed in chunks.
    /// </summary>
    /// <typeparam name="T">A <c>[LineProtocol]</c> type whose members can all be set.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>The values, in the answer's order.</returns>
    public IAsyncEnumerable<T> IterPointsAsync<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : IQueryReadable<T>
    {
        var call = new QueryCall(this, query, options, chunked: true);
        return call.StreamAsync(static (reader, readOptions, token) => QueryResponseParser.ReadRowsAsync(reader, T.QueryRowReader, readOptions, token), static _ => true, cancellationToken);
    }

    /// <summary>The blocking form of <see cref="IterPointsAsync{T}(string, QueryOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">A <c>[LineProtocol]</c> type whose members can all be set.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The values, read as they are enumerated.</returns>
    public IEnumerable<T> IterPoints<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : IQueryReadable<T>
    {
        var call = new QueryCall(this, query, options, chunked: true);
        return call.Stream(static (stream, readOptions) => QueryResponseParser.ReadRows(stream, T.QueryRowReader, readOptions), static _ => true, cancellationToken);
    }

    /// <summary>Runs a query and returns its rows as a list of a <c>[LineProtocol]</c> type (see <see cref="IterPointsAsync{T}(string, QueryOptions?, CancellationToken)"/>).</summary>
    /// <typeparam name="T">A <c>[LineProtocol]</c> type whose members can all be set.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The values.</returns>
    public async Task<List<T>> QueryAsync<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : IQueryReadable<T>
    {
        var values = new List<T>();
        await foreach (T value in IterPointsAsync<T>(query, options, cancellationToken).ConfigureAwait(false))
        {
            values.Add(value);
        }

        return values;
    }

    /// <summary>The blocking form of <see cref="QueryAsync{T}(string, QueryOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">A <c>[LineProtocol]</c> type whose members can all be set.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The values.</returns>
    public List<T> Query<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : IQueryReadable<T>
        => [.. IterPoints<T>(query, options, cancellationToken)];

    private static async IAsyncEnumerable<QueryResult> EnsureSuccessAsync(IAsyncEnumerable<QueryResult> chunks, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (QueryResult chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk.EnsureSuccess();
        }
    }
}
