using System.Runtime.InteropServices;
using System.Text;
using Aioinflux.Writing;

namespace Aioinflux;

// The write methods (aioinflux's write). Every overload serializes its points request by request: a long sequence is
// split into requests of InfluxDBClientOptions.WriteBatchSize points, and a point that cannot be written fails its request
// before any of it is sent.
public sealed partial class InfluxDBClient
{
    /// <summary>Writes one point of a <c>[LineProtocol]</c> type (or any <see cref="ILineProtocolPoint"/>).</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="point">The point.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="InfluxDBWriteException">The point cannot be written, or InfluxDB refused it.</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public Task<WriteResult> WriteAsync<T>(T point, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
        => WriteItemsAsync([point], default(PointFormatter<T>), options, cancellationToken);

    /// <summary>Writes points of a <c>[LineProtocol]</c> type, in requests of <see cref="InfluxDBClientOptions.WriteBatchSize"/> points.</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="points">The points; enumerated once, as they are sent.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="InfluxDBWriteException">
    /// A point cannot be written (its index is given; none of its request was sent), or InfluxDB refused a request.
    /// <see cref="InfluxDBWriteException.PointsStoredBefore"/> says what earlier requests stored.
    /// </exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public Task<WriteResult> WriteAsync<T>(IEnumerable<T> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
        => WriteItemsAsync(points, default(PointFormatter<T>), options, cancellationToken);

    /// <summary>Writes points of a <c>[LineProtocol]</c> type from memory.</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="points">The points.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public Task<WriteResult> WriteAsync<T>(ReadOnlyMemory<T> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
        => WriteItemsAsync(MemoryMarshal.ToEnumerable(points), default(PointFormatter<T>), options, cancellationToken);

    /// <summary>Writes points of a <c>[LineProtocol]</c> type as they are produced, in requests of <see cref="InfluxDBClientOptions.WriteBatchSize"/> points.</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="points">The points.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>What was written.</returns>
    public async Task<WriteResult> WriteAsync<T>(IAsyncEnumerable<T> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
    {
        ArgumentNullException.ThrowIfNull(points);
        using var call = new WriteCall(this, _options, options);
        return await call.WriteAsync(points, default(PointFormatter<T>), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one value of a type you don't own, with its schema (an <see cref="ILineProtocolWriter{T}"/>).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="schema">The schema, such as the generated <c>SampleSchema.Instance</c>.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public Task<WriteResult> WriteAsync<T>(T value, ILineProtocolWriter<T> schema, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return WriteItemsAsync([value], new SchemaFormatter<T>(schema), options, cancellationToken);
    }

    /// <summary>Writes values of a type you don't own, with their schema.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The values; enumerated once, as they are sent.</param>
    /// <param name="schema">The schema, such as the generated <c>SampleSchema.Instance</c>.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public Task<WriteResult> WriteAsync<T>(IEnumerable<T> values, ILineProtocolWriter<T> schema, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return WriteItemsAsync(values, new SchemaFormatter<T>(schema), options, cancellationToken);
    }

    /// <summary>Writes values of a type you don't own from memory, with their schema.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public Task<WriteResult> WriteAsync<T>(ReadOnlyMemory<T> values, ILineProtocolWriter<T> schema, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return WriteItemsAsync(MemoryMarshal.ToEnumerable(values), new SchemaFormatter<T>(schema), options, cancellationToken);
    }

    /// <summary>Writes values of a type you don't own as they are produced, with their schema.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>What was written.</returns>
    public async Task<WriteResult> WriteAsync<T>(IAsyncEnumerable<T> values, ILineProtocolWriter<T> schema, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(schema);
        using var call = new WriteCall(this, _options, options);
        return await call.WriteAsync(values, new SchemaFormatter<T>(schema), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one point in aioinflux's mapping form: <c>measurement</c>, <c>time</c>, <c>tags</c>, <c>fields</c>
    /// (see <see cref="LineProtocol.Serialize(IReadOnlyDictionary{string, object?}, string?, IEnumerable{KeyValuePair{string, string?}}?)"/>).
    /// <see cref="WriteOptions.Measurement"/> is the measurement of a point that names none.
    /// </summary>
    /// <param name="point">The point.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, default measurement, gzip.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public Task<WriteResult> WriteAsync(IReadOnlyDictionary<string, object?> point, WriteOptions? options = null, CancellationToken cancellationToken = default)
        => WriteAsync([point], options, cancellationToken);

    /// <summary>Writes points in aioinflux's mapping form, in requests of <see cref="InfluxDBClientOptions.WriteBatchSize"/> points.</summary>
    /// <param name="points">The points; enumerated once, as they are sent.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, default measurement, gzip.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public Task<WriteResult> WriteAsync(IEnumerable<IReadOnlyDictionary<string, object?>> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        => WriteAsync(points, LineProtocol.MappingWriter(options?.Measurement), options, cancellationToken);

    /// <summary>Writes points in aioinflux's mapping form as they are produced.</summary>
    /// <param name="points">The points.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, default measurement, gzip.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>What was written.</returns>
    public Task<WriteResult> WriteAsync(IAsyncEnumerable<IReadOnlyDictionary<string, object?>> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        => WriteAsync(points, LineProtocol.MappingWriter(options?.Measurement), options, cancellationToken);

    /// <summary>
    /// Writes raw line protocol as it is, in one request (aioinflux's <c>str</c> and <c>bytes</c> input). Its timestamps
    /// must already be in <see cref="WriteOptions.Precision"/>, which is sent as the <c>precision</c> parameter; extra tags
    /// do not apply.
    /// </summary>
    /// <param name="lineProtocol">One or more lines.</param>
    /// <param name="options">Database, retention policy, precision, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written (the lines sent, not counting blank lines and comments).</returns>
    public Task<WriteResult> WriteAsync(string lineProtocol, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lineProtocol);
        return WriteAsync(Encoding.UTF8.GetBytes(lineProtocol), options, cancellationToken);
    }

    /// <summary>Writes raw UTF-8 line protocol as it is, in one request. See <see cref="WriteAsync(string, WriteOptions?, CancellationToken)"/>.</summary>
    /// <param name="lineProtocol">One or more lines, UTF-8.</param>
    /// <param name="options">Database, retention policy, precision, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public async Task<WriteResult> WriteAsync(ReadOnlyMemory<byte> lineProtocol, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        RejectExtraTags(options);
        using var call = new WriteCall(this, _options, options);
        Transport.RequestBody body = call.RawBody(lineProtocol.Span);
        using HttpContent content = call.Content(body);
        return await call.WriteRawAsync(content, body.Points, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes raw UTF-8 line protocol read from <paramref name="lineProtocol"/> while it is sent, in one request. If reading
    /// fails part-way, the request is aborted before it completes, and InfluxDB stores none of it.
    /// </summary>
    /// <param name="lineProtocol">The stream; read to its end, not disposed.</param>
    /// <param name="options">Database, retention policy, precision, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written (the lines sent, counted as they are read).</returns>
    public async Task<WriteResult> WriteAsync(Stream lineProtocol, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lineProtocol);
        RejectExtraTags(options);
        using var call = new WriteCall(this, _options, options);
        using HttpContent content = call.Content(lineProtocol);
        return await call.WriteRawAsync(content, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a background writer that batches points from many producers, bounded in memory, retrying while InfluxDB
    /// is unreachable, losing nothing it accepted. Dispose it (or call <see cref="BatchWriter.StopAsync"/>) to write what
    /// is buffered.
    /// </summary>
    /// <param name="options">Batch size, flush interval, bounds, database, retries; <see langword="null"/> for the defaults.</param>
    /// <returns>The writer, already running.</returns>
    public BatchWriter CreateBatchWriter(BatchWriterOptions? options = null)
        => new(this, _options, options ?? new BatchWriterOptions(), _logger);

    private async Task<WriteResult> WriteItemsAsync<T, TFormatter>(IEnumerable<T> items, TFormatter formatter, WriteOptions? options, CancellationToken cancellationToken)
        where TFormatter : ILineFormatter<T>
    {
        ArgumentNullException.ThrowIfNull(items);
        using var call = new WriteCall(this, _options, options);
        return await call.WriteAsync(items, formatter, cancellationToken).ConfigureAwait(false);
    }

    private static void RejectExtraTags(WriteOptions? options)
    {
        if (options?.ExtraTags is not null)
        {
            throw new ArgumentException("Extra tags cannot be added to raw line protocol, which is sent as it is. Add the tags to the lines, or write points instead.", nameof(options));
        }
    }
}
