using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Aioinflux.Query;

/// <summary>
/// Reads InfluxDB 1.x /query JSON responses as they stream in: from a <see cref="PipeReader"/> (asynchronous) or a
/// <see cref="Stream"/> (blocking, with no sync-over-async), never holding more than one buffer of the response.
/// Knows JSON, not HTTP: the caller sends the request, checks the status and hands over the body.
/// </summary>
/// <remarks>
/// <para>Every method here drives one resumable parser core with a sink (<see cref="IQueryResultSink"/>):</para>
/// <list type="bullet">
/// <item><see cref="ParseAsync(PipeReader, QueryReadOptions?, CancellationToken)"/>, <see cref="Parse(Stream, QueryReadOptions?)"/>:
/// one response into the result model. A chunked body is refused here (use the chunk methods).</item>
/// <item><see cref="ParseChunksAsync"/>, <see cref="ParseChunks"/>: a chunked response (<c>chunked=true</c>: one JSON
/// document per chunk, newline-separated) as one <see cref="QueryResult"/> per chunk, each parsed as it arrives.</item>
/// <item><see cref="ReadRowsAsync{T}"/>, <see cref="ReadRows{T}"/>: rows straight into typed values through an
/// <see cref="IQueryRowReader{T}"/>; chunked or not.</item>
/// <item><see cref="IterPointsAsync{T}"/>, <see cref="IterPoints{T}"/>: aioinflux's iterpoints with a parser, streamed; chunked or not.</item>
/// <item><see cref="ParseAsync(PipeReader, IQueryResultSink, QueryReadOptions?, CancellationToken)"/>,
/// <see cref="Parse(Stream, IQueryResultSink, QueryReadOptions?)"/>: any sink; chunked or not.</item>
/// </list>
/// <para>
/// Errors: a body that is empty, not JSON (an HTML error page), not shaped like a /query response or cut short throws
/// <see cref="InfluxDBException"/> saying what was being read and at which byte; a top-level <c>{"error": "…"}</c>
/// throws <see cref="InfluxDBQueryException"/> with the server's text. A statement's error is data in the result model
/// (<see cref="StatementResult.Error"/>, <see cref="QueryResult.EnsureSuccess"/>); the row and iterpoints streams,
/// which have nowhere to put it, throw <see cref="InfluxDBQueryException"/> when they reach it.
/// </para>
/// <para>
/// The <see cref="PipeReader"/> is not completed; on an exception it is advanced to where the failed read started.
/// For speed, give it buffers of 16 KiB or more (<c>StreamPipeReaderOptions.BufferSize</c>).
/// </para>
/// </remarks>
public static class QueryResponseParser
{
    /// <summary>Parses one /query response into the result model.</summary>
    /// <param name="reader">The response body.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static async ValueTask<QueryResult> ParseAsync(PipeReader reader, QueryReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var builder = new QueryResultBuilder();
        var engine = new QueryResponseEngine(builder, options?.Epoch, multipleDocuments: false);
        while (await StepAsync(reader, engine, cancellationToken).ConfigureAwait(false) != FeedStatus.Completed)
        {
        }

        return builder.TakeResult();
    }

    /// <summary>Parses one /query response into the result model, blocking on <paramref name="stream"/>'s reads.</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static QueryResult Parse(Stream stream, QueryReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var builder = new QueryResultBuilder();
        var engine = new QueryResponseEngine(builder, options?.Epoch, multipleDocuments: false);
        using var feeder = new StreamFeeder(stream, options);
        while (feeder.Step(engine) != FeedStatus.Completed)
        {
        }

        return builder.TakeResult();
    }

    /// <summary>Parses one /query response held in memory (a cached body, a test) into the result model.</summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static QueryResult Parse(ReadOnlySequence<byte> utf8Json, QueryReadOptions? options = null)
    {
        var builder = new QueryResultBuilder();
        var engine = new QueryResponseEngine(builder, options?.Epoch, multipleDocuments: false);
        engine.Feed(utf8Json, isFinalBlock: true, out _);
        return builder.TakeResult();
    }

    /// <summary>Parses one /query response held in memory into the result model.</summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static QueryResult Parse(ReadOnlyMemory<byte> utf8Json, QueryReadOptions? options = null) =>
        Parse(new ReadOnlySequence<byte>(utf8Json), options);

    /// <summary>Feeds a response (one document, or a chunked stream of them) to a sink.</summary>
    /// <param name="reader">The response body.</param>
    /// <param name="sink">Receives statements, series and rows.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The number of JSON documents read (1 for an unchunked response).</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static async ValueTask<int> ParseAsync(PipeReader reader, IQueryResultSink sink, QueryReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sink);
        var engine = new QueryResponseEngine(sink, options?.Epoch, multipleDocuments: true);
        while (await StepAsync(reader, engine, cancellationToken).ConfigureAwait(false) != FeedStatus.Completed)
        {
        }

        return engine.Documents;
    }

    /// <summary>Feeds a response (one document, or a chunked stream of them) to a sink, blocking on <paramref name="stream"/>'s reads.</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="sink">Receives statements, series and rows.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <returns>The number of JSON documents read (1 for an unchunked response).</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static int Parse(Stream stream, IQueryResultSink sink, QueryReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        var engine = new QueryResponseEngine(sink, options?.Epoch, multipleDocuments: true);
        using var feeder = new StreamFeeder(stream, options);
        while (feeder.Step(engine) != FeedStatus.Completed)
        {
        }

        return engine.Documents;
    }

    /// <summary>
    /// Parses a chunked /query response (<c>chunked=true</c>) chunk by chunk: each is yielded as soon as it has been
    /// read, so memory depends on the chunk size, not on the result. An unchunked body yields one chunk.
    /// </summary>
    /// <param name="reader">The response body.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The chunks. A series can span chunks (<c>"partial": true</c>); <see cref="QueryResult.CombineAsync"/> joins them.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete chunked /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static async IAsyncEnumerable<QueryResult> ParseChunksAsync(
        PipeReader reader, QueryReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var builder = new QueryResultBuilder();
        var engine = new QueryResponseEngine(builder, options?.Epoch, multipleDocuments: true);
        while (true)
        {
            FeedStatus status = await StepAsync(reader, engine, cancellationToken).ConfigureAwait(false);
            if (status == FeedStatus.DocumentCompleted)
            {
                yield return builder.TakeResult();
            }
            else if (status == FeedStatus.Completed)
            {
                yield break;
            }
        }
    }

    /// <summary>Parses a chunked /query response chunk by chunk, blocking on <paramref name="stream"/>'s reads; see <see cref="ParseChunksAsync"/>.</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <returns>The chunks, each read when enumerated.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete chunked /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static IEnumerable<QueryResult> ParseChunks(Stream stream, QueryReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Chunks(stream, options);

        static IEnumerable<QueryResult> Chunks(Stream stream, QueryReadOptions? options)
        {
            var builder = new QueryResultBuilder();
            var engine = new QueryResponseEngine(builder, options?.Epoch, multipleDocuments: true);
            using var feeder = new StreamFeeder(stream, options);
            while (true)
            {
                FeedStatus status = feeder.Step(engine);
                if (status == FeedStatus.DocumentCompleted)
                {
                    yield return builder.TakeResult();
                }
                else if (status == FeedStatus.Completed)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>
    /// Reads every row of a response (chunked or not) straight into <typeparamref name="T"/>: no result model, no
    /// per-row dictionary; rows are yielded buffer by buffer as they arrive.
    /// </summary>
    /// <typeparam name="T">What a row becomes.</typeparam>
    /// <param name="reader">The response body.</param>
    /// <param name="rowReader">Maps columns to members and reads rows (generated for <c>[LineProtocol]</c> types).</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The rows, statement after statement, series after series.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response, or a value does not fit its member.</exception>
    /// <exception cref="InfluxDBQueryException">The query, or one of its statements, failed (rows before it have been yielded).</exception>
    public static async IAsyncEnumerable<T> ReadRowsAsync<T>(
        PipeReader reader, IQueryRowReader<T> rowReader, QueryReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(rowReader);
        var sink = new TypedRowSink<T>(rowReader);
        var engine = new QueryResponseEngine(sink, options?.Epoch, multipleDocuments: true);
        FeedStatus status;
        do
        {
            status = await StepAsync(reader, engine, cancellationToken).ConfigureAwait(false);
            foreach (T row in sink.Batch)
            {
                yield return row;
            }

            sink.Batch.Clear();
        }
        while (status != FeedStatus.Completed);
    }

    /// <summary>Reads every row of a response straight into <typeparamref name="T"/>, blocking on <paramref name="stream"/>'s reads; see <see cref="ReadRowsAsync{T}"/>.</summary>
    /// <typeparam name="T">What a row becomes.</typeparam>
    /// <param name="stream">The response body.</param>
    /// <param name="rowReader">Maps columns to members and reads rows.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <returns>The rows, read as enumerated.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response, or a value does not fit its member.</exception>
    /// <exception cref="InfluxDBQueryException">The query, or one of its statements, failed (rows before it have been yielded).</exception>
    public static IEnumerable<T> ReadRows<T>(Stream stream, IQueryRowReader<T> rowReader, QueryReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rowReader);
        var sink = new TypedRowSink<T>(rowReader);
        return Drain(stream, sink, sink.Batch, options);
    }

    /// <summary>
    /// aioinflux's <c>iterpoints(resp, parser)</c> over a streaming response (chunked or not): each point's values and
    /// its series' metadata go to <paramref name="parser"/> as the row is read. The <see cref="InfluxRow"/> is only
    /// valid during the call (its storage is reused for the next row; <see cref="InfluxRow.ToArray"/> keeps a copy).
    /// </summary>
    /// <typeparam name="T">What a point becomes.</typeparam>
    /// <param name="reader">The response body.</param>
    /// <param name="parser">Converts a point.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The converted points.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The query, or one of its statements, failed (points before it have been yielded).</exception>
    public static async IAsyncEnumerable<T> IterPointsAsync<T>(
        PipeReader reader, Func<InfluxRow, PointMetadata, T> parser, QueryReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(parser);
        var sink = new IterPointsSink<T>(parser);
        var engine = new QueryResponseEngine(sink, options?.Epoch, multipleDocuments: true);
        FeedStatus status;
        do
        {
            status = await StepAsync(reader, engine, cancellationToken).ConfigureAwait(false);
            foreach (T point in sink.Batch)
            {
                yield return point;
            }

            sink.Batch.Clear();
        }
        while (status != FeedStatus.Completed);
    }

    /// <summary>aioinflux's <c>iterpoints(resp, parser)</c> over a streaming response, blocking on <paramref name="stream"/>'s reads; see <see cref="IterPointsAsync{T}"/>.</summary>
    /// <typeparam name="T">What a point becomes.</typeparam>
    /// <param name="stream">The response body.</param>
    /// <param name="parser">Converts a point; the row is only valid during the call.</param>
    /// <param name="options">The query's epoch; <see langword="null"/> for the defaults.</param>
    /// <returns>The converted points, read as enumerated.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The query, or one of its statements, failed (points before it have been yielded).</exception>
    public static IEnumerable<T> IterPoints<T>(Stream stream, Func<InfluxRow, PointMetadata, T> parser, QueryReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(parser);
        var sink = new IterPointsSink<T>(parser);
        return Drain(stream, sink, sink.Batch, options);
    }

    private static IEnumerable<T> Drain<T>(Stream stream, IQueryResultSink sink, List<T> batch, QueryReadOptions? options)
    {
        var engine = new QueryResponseEngine(sink, options?.Epoch, multipleDocuments: true);
        using var feeder = new StreamFeeder(stream, options);
        FeedStatus status;
        do
        {
            status = feeder.Step(engine);
            foreach (T item in batch)
            {
                yield return item;
            }

            batch.Clear();
        }
        while (status != FeedStatus.Completed);
    }

    // One read and one parse of what is buffered: System.Text.Json's PipeReader loop. Whatever is not consumed stays
    // in the pipe; examined = End makes the next read wait for new bytes rather than return the same ones.
    internal static async ValueTask<FeedStatus> StepAsync(PipeReader reader, QueryResponseEngine engine, CancellationToken cancellationToken)
    {
        ReadResult read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (read.IsCanceled)
        {
            reader.AdvanceTo(read.Buffer.Start);
            throw new OperationCanceledException("The read of the /query response was canceled (PipeReader.CancelPendingRead).");
        }

        ReadOnlySequence<byte> buffer = read.Buffer;
        FeedStatus status;
        long consumed;
        try
        {
            status = engine.Feed(buffer, read.IsCompleted, out consumed);
        }
        catch
        {
            reader.AdvanceTo(buffer.Start);
            throw;
        }

        SequencePosition position = buffer.GetPosition(consumed);
        if (status == FeedStatus.NeedMoreData)
        {
            reader.AdvanceTo(position, buffer.End);
        }
        else
        {
            reader.AdvanceTo(position);
        }

        return status;
    }

    /// <summary>The blocking twin of the PipeReader loop: a pooled buffer filled by <see cref="Stream.Read(Span{byte})"/>.</summary>
    internal sealed class StreamFeeder(Stream stream, QueryReadOptions? options) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, (options ?? QueryReadOptions.Default).StreamBufferSize));
        private int _start;
        private int _end;
        private bool _final;
        private bool _needsData = true;

        public FeedStatus Step(QueryResponseEngine engine)
        {
            if (_needsData && !_final)
            {
                Fill();
            }

            FeedStatus status = engine.Feed(new ReadOnlySequence<byte>(_buffer, _start, _end - _start), _final, out long consumed);
            _start += (int)consumed;

            // After a document the rest of the buffer may hold the next one: parse it before reading more.
            _needsData = status == FeedStatus.NeedMoreData;
            return status;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Fill()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                // Nothing could be consumed from a full buffer: one unit (a row) is larger than it.
                byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _end).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _final = true;
            }
            else
            {
                _end += read;
            }
        }
    }
}
