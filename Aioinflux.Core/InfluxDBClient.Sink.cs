using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Aioinflux.Query;

namespace Aioinflux;

// The low-level query methods: the answer goes straight to an IQueryResultSink as it is parsed, so a caller that
// builds its own representation (a DataFrame, columns, aggregates) never pays for the result model in between.
// They go through QueryCall like every other query method, so the Redis cache, errors and logging are the same.
public sealed partial class InfluxDBClient
{
    /// <summary>
    /// Runs a query (or several, separated by <c>;</c>) and feeds its answer to a sink made by
    /// <paramref name="createSink"/>, as it is parsed: statements, series headers and each row while its bytes are in
    /// the read buffer. Nothing else is built: this is what the DataFrame reader is made of.
    /// </summary>
    /// <typeparam name="TSink">The sink's type.</typeparam>
    /// <param name="query">InfluxQL; put values in <see cref="QueryOptions.Parameters"/> rather than in the text.</param>
    /// <param name="createSink">
    /// Makes an empty sink. It is called once, or once more when a cached answer (<see cref="QueryOptions.UseCache"/>)
    /// expires while it is read and the query falls back to InfluxDB: the second sink starts afresh, so no row is seen twice.
    /// </param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, caching; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sink that read the whole answer.</returns>
    /// <exception cref="InfluxDBQueryException">
    /// InfluxDB refused the query, or a statement failed (unless <see cref="QueryOptions.ThrowOnStatementError"/> is
    /// <see langword="false"/>; the sink then sees the error in <see cref="IQueryResultSink.OnStatementEnd"/>, and the
    /// answer is not cached). The sink has seen the statements before the failed one.
    /// </exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    /// <exception cref="InfluxDBException">The answer is not a complete /query response.</exception>
    public async Task<TSink> QueryIntoAsync<TSink>(string query, Func<TSink> createSink, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where TSink : IQueryResultSink
    {
        ArgumentNullException.ThrowIfNull(createSink);
        var call = new QueryCall(this, query, options, chunked: false);
        bool throwOnStatementError = call.ThrowOnStatementError;
        StatementErrorGuard<TSink> guard = await call.ExecuteAsync(
            async (reader, readOptions, token) =>
            {
                var fresh = new StatementErrorGuard<TSink>(createSink(), throwOnStatementError);
                await QueryResponseParser.ParseAsync(reader, fresh, readOptions, token).ConfigureAwait(false);
                return fresh;
            },
            static guard => !guard.SawStatementError,
            cancellationToken).ConfigureAwait(false);
        return guard.Sink;
    }

    /// <summary>The blocking form of <see cref="QueryIntoAsync{TSink}"/>: the same sink events, read with no sync-over-async.</summary>
    /// <typeparam name="TSink">The sink's type.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="createSink">Makes an empty sink (again after a cached answer is lost mid-read).</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sink that read the whole answer.</returns>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed (see <see cref="QueryIntoAsync{TSink}"/>).</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public TSink QueryInto<TSink>(string query, Func<TSink> createSink, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where TSink : IQueryResultSink
    {
        ArgumentNullException.ThrowIfNull(createSink);
        var call = new QueryCall(this, query, options, chunked: false);
        bool throwOnStatementError = call.ThrowOnStatementError;
        StatementErrorGuard<TSink> guard = call.Execute(
            (stream, readOptions) =>
            {
                var fresh = new StatementErrorGuard<TSink>(createSink(), throwOnStatementError);
                QueryResponseParser.Parse(stream, fresh, readOptions);
                return fresh;
            },
            static guard => !guard.SawStatementError,
            cancellationToken);
        return guard.Sink;
    }

    /// <summary>
    /// Runs a query with a chunked answer (<c>chunked=true</c>) and feeds each chunk to one sink as it arrives, yielding
    /// the sink after every chunk (<see cref="IQueryResultSink.OnDocumentEnd"/>) so the caller can take what it built
    /// before the next chunk is read. Memory then depends on the chunk size (<see cref="QueryOptions.ChunkSize"/>), not
    /// on the result. influxd splits a series across chunks (<see cref="IQueryResultSink.OnSeriesEnd"/>'s <c>partial</c>).
    /// </summary>
    /// <typeparam name="TSink">The sink's type.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="createSink">
    /// Makes an empty sink: once, or once more when a cached answer is lost before the first chunk was yielded (lost
    /// later, the enumeration fails rather than splice two answers).
    /// </param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>The sink, once per chunk.</returns>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed (see <see cref="QueryIntoAsync{TSink}"/>).</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public IAsyncEnumerable<TSink> QueryChunkedIntoAsync<TSink>(string query, Func<TSink> createSink, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where TSink : IQueryResultSink
    {
        ArgumentNullException.ThrowIfNull(createSink);
        var call = new QueryCall(this, query, options, chunked: true);
        bool throwOnStatementError = call.ThrowOnStatementError;
        IAsyncEnumerable<StatementErrorGuard<TSink>> chunks = call.StreamAsync(
            (reader, readOptions, token) => SinkFeeding.FeedChunksAsync(reader, new StatementErrorGuard<TSink>(createSink(), throwOnStatementError), readOptions, token),
            static guard => !guard.SawStatementError,
            cancellationToken);
        return SinksOf(chunks, cancellationToken);
    }

    /// <summary>The blocking form of <see cref="QueryChunkedIntoAsync{TSink}"/>.</summary>
    /// <typeparam name="TSink">The sink's type.</typeparam>
    /// <param name="query">InfluxQL.</param>
    /// <param name="createSink">Makes an empty sink (again when a cached answer is lost before the first chunk was yielded).</param>
    /// <param name="options">Database, retention policy, epoch, bound parameters, chunk size, caching.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sink, once per chunk, each chunk read when enumerated.</returns>
    /// <exception cref="InfluxDBQueryException">InfluxDB refused the query, or a statement failed (see <see cref="QueryIntoAsync{TSink}"/>).</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public IEnumerable<TSink> QueryChunkedInto<TSink>(string query, Func<TSink> createSink, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where TSink : IQueryResultSink
    {
        ArgumentNullException.ThrowIfNull(createSink);
        var call = new QueryCall(this, query, options, chunked: true);
        bool throwOnStatementError = call.ThrowOnStatementError;
        return call.Stream(
            (stream, readOptions) => SinkFeeding.FeedChunks(stream, new StatementErrorGuard<TSink>(createSink(), throwOnStatementError), readOptions),
            static guard => !guard.SawStatementError,
            cancellationToken).Select(static guard => guard.Sink);
    }

    private static async IAsyncEnumerable<TSink> SinksOf<TSink>(IAsyncEnumerable<StatementErrorGuard<TSink>> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TSink : IQueryResultSink
    {
        await foreach (StatementErrorGuard<TSink> guard in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return guard.Sink;
        }
    }

    /// <summary>
    /// Passes every event on to the caller's sink and notes statement errors: the cache stores only answers without
    /// one, and <see cref="QueryOptions.ThrowOnStatementError"/> turns the first into an exception, as the other query
    /// methods do.
    /// </summary>
    private sealed class StatementErrorGuard<TSink>(TSink sink, bool throwOnStatementError) : IQueryResultSink
        where TSink : IQueryResultSink
    {
        public TSink Sink => sink;

        public bool SawStatementError { get; private set; }

        public void OnStatementStart(int statementId) => sink.OnStatementStart(statementId);

        public void OnSeriesStart(PointMetadata series) => sink.OnSeriesStart(series);

        public void OnRow(ref QueryRowReader row) => sink.OnRow(ref row);

        public void OnSeriesEnd(PointMetadata series, bool partial) => sink.OnSeriesEnd(series, partial);

        public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
        {
            sink.OnStatementEnd(statementId, error, messages, partial);
            if (error is not null)
            {
                SawStatementError = true;
                if (throwOnStatementError)
                {
                    throw QueryErrors.StatementFailed(statementId, error);
                }
            }
        }

        public void OnDocumentEnd() => sink.OnDocumentEnd();
    }

    /// <summary>
    /// Feeds a chunked answer to a sink one JSON document at a time, stopping after each so the caller can take what
    /// the sink built, with <see cref="QueryResponseParser"/>'s own steps (System.Text.Json's PipeReader loop, and a
    /// pooled buffer for the blocking form).
    /// </summary>
    private static class SinkFeeding
    {
        public static async IAsyncEnumerable<TSink> FeedChunksAsync<TSink>(
            PipeReader reader, TSink sink, QueryReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
            where TSink : IQueryResultSink
        {
            var engine = new QueryResponseEngine(sink, options.Epoch, multipleDocuments: true);
            while (true)
            {
                FeedStatus status = await QueryResponseParser.StepAsync(reader, engine, cancellationToken).ConfigureAwait(false);
                if (status == FeedStatus.DocumentCompleted)
                {
                    yield return sink;
                }
                else if (status == FeedStatus.Completed)
                {
                    yield break;
                }
            }
        }

        public static IEnumerable<TSink> FeedChunks<TSink>(Stream stream, TSink sink, QueryReadOptions options)
            where TSink : IQueryResultSink
        {
            var engine = new QueryResponseEngine(sink, options.Epoch, multipleDocuments: true);
            using var feeder = new QueryResponseParser.StreamFeeder(stream, options);
            while (true)
            {
                FeedStatus status = feeder.Step(engine);
                if (status == FeedStatus.DocumentCompleted)
                {
                    yield return sink;
                }
                else if (status == FeedStatus.Completed)
                {
                    yield break;
                }
            }
        }
    }
}
