using System.Text;
using Aioinflux.Writing;

namespace Aioinflux;

// The blocking API (aioinflux's mode='blocking'): HttpClient.Send and synchronous streams all the way down, so it works from
// a console app and from a thread whose synchronization context never runs posted work.
public sealed partial class InfluxDBClient
{
    /// <summary>The blocking form of <see cref="WriteAsync{T}(T, WriteOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="point">The point.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write<T>(T point, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
        => Write(new ReadOnlySpan<T>(in point), options, cancellationToken);

    /// <summary>The blocking form of <see cref="WriteAsync{T}(IEnumerable{T}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="points">The points; enumerated once, as they are sent.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write<T>(IEnumerable<T> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
    {
        ArgumentNullException.ThrowIfNull(points);
        using var call = new WriteCall(this, _options, options);
        return call.Write(points, default(PointFormatter<T>), cancellationToken);
    }

    /// <summary>The blocking form of <see cref="WriteAsync{T}(ReadOnlyMemory{T}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="points">The points.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write<T>(ReadOnlySpan<T> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
    {
        using var call = new WriteCall(this, _options, options);
        return call.Write(points, default(PointFormatter<T>), cancellationToken);
    }

    /// <summary>The blocking form of <see cref="WriteAsync{T}(T, ILineProtocolWriter{T}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write<T>(T value, ILineProtocolWriter<T> schema, WriteOptions? options = null, CancellationToken cancellationToken = default)
        => Write(new ReadOnlySpan<T>(in value), schema, options, cancellationToken);

    /// <summary>The blocking form of <see cref="WriteAsync{T}(IEnumerable{T}, ILineProtocolWriter{T}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write<T>(IEnumerable<T> values, ILineProtocolWriter<T> schema, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(schema);
        using var call = new WriteCall(this, _options, options);
        return call.Write(values, new SchemaFormatter<T>(schema), cancellationToken);
    }

    /// <summary>The blocking form of <see cref="WriteAsync{T}(ReadOnlyMemory{T}, ILineProtocolWriter{T}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write<T>(ReadOnlySpan<T> values, ILineProtocolWriter<T> schema, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var call = new WriteCall(this, _options, options);
        return call.Write(values, new SchemaFormatter<T>(schema), cancellationToken);
    }

    /// <summary>The blocking form of <see cref="WriteAsync(IReadOnlyDictionary{string, object?}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <param name="point">The point.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, default measurement, gzip.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write(IReadOnlyDictionary<string, object?> point, WriteOptions? options = null, CancellationToken cancellationToken = default)
        => Write([point], options, cancellationToken);

    /// <summary>The blocking form of <see cref="WriteAsync(IEnumerable{IReadOnlyDictionary{string, object?}}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <param name="points">The points.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, default measurement, gzip.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write(IEnumerable<IReadOnlyDictionary<string, object?>> points, WriteOptions? options = null, CancellationToken cancellationToken = default)
        => Write(points, LineProtocol.MappingWriter(options?.Measurement), options, cancellationToken);

    /// <summary>The blocking form of <see cref="WriteAsync(string, WriteOptions?, CancellationToken)"/>.</summary>
    /// <param name="lineProtocol">One or more lines.</param>
    /// <param name="options">Database, retention policy, precision, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write(string lineProtocol, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lineProtocol);
        return Write(Encoding.UTF8.GetBytes(lineProtocol).AsSpan(), options, cancellationToken);
    }

    /// <summary>The blocking form of <see cref="WriteAsync(ReadOnlyMemory{byte}, WriteOptions?, CancellationToken)"/>.</summary>
    /// <param name="lineProtocol">One or more lines, UTF-8.</param>
    /// <param name="options">Database, retention policy, precision, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write(ReadOnlySpan<byte> lineProtocol, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        RejectExtraTags(options);
        using var call = new WriteCall(this, _options, options);
        Transport.RequestBody body = call.RawBody(lineProtocol);
        using HttpContent content = call.Content(body);
        return call.WriteRaw(content, body.Points, cancellationToken);
    }

    /// <summary>The blocking form of <see cref="WriteAsync(Stream, WriteOptions?, CancellationToken)"/>.</summary>
    /// <param name="lineProtocol">The stream; read to its end, not disposed.</param>
    /// <param name="options">Database, retention policy, precision, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    public WriteResult Write(Stream lineProtocol, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lineProtocol);
        RejectExtraTags(options);
        using var call = new WriteCall(this, _options, options);
        using HttpContent content = call.Content(lineProtocol);
        return call.WriteRaw(content, 0, cancellationToken);
    }
}
