using System.Globalization;
using System.Runtime.InteropServices;
using Aioinflux.Serialization;
using Aioinflux.Transport;

namespace Aioinflux.Writing;

/// <summary>
/// One write call: splits its items into requests of at most <see cref="InfluxDBClientOptions.WriteBatchSize"/> points
/// and <see cref="InfluxDBClientOptions.MaxRequestBodyBytes"/> bytes, each serialized completely before it is sent, so a
/// point that cannot be written fails its request before any of it reaches InfluxDB. While one request is in flight the
/// next is serialized.
/// </summary>
internal sealed class WriteCall : IDisposable
{
    private readonly InfluxDBClient _client;
    private readonly string _relativeUri;
    private readonly string _database;
    private readonly bool _gzip;
    private readonly int _batchSize;
    private readonly long _maxBytes;
    private readonly LineProtocolOptions _lineOptions;
    private RequestBody _filling = new();
    private RequestBody _sending = new();
    private long _nextIndex;

    public WriteCall(InfluxDBClient client, InfluxDBClientOptions clientOptions, WriteOptions? options)
    {
        _client = client;
        _database = client.ResolveDatabase(options?.Database);
        WritePrecision precision = options?.Precision ?? WritePrecision.Nanoseconds;
        _relativeUri = WriteUri(_database, options?.RetentionPolicy, precision);
        _gzip = options?.Gzip ?? clientOptions.Gzip;
        _batchSize = clientOptions.WriteBatchSize;
        _maxBytes = clientOptions.MaxRequestBodyBytes;
        _lineOptions = new LineProtocolOptions(precision, options?.ExtraTags);
    }

    /// <summary>Points stored by the requests of this call that succeeded.</summary>
    public long Stored { get; private set; }

    /// <summary>Requests of this call that succeeded.</summary>
    public int Requests { get; private set; }

    /// <summary>Items their formatter deliberately wrote nothing for.</summary>
    public long Skipped { get; private set; }

    public WriteResult Result => new(Stored, Requests, Skipped);

    public static string WriteUri(string database, string? retentionPolicy, WritePrecision precision)
    {
        string uri = "write?db=" + Uri.EscapeDataString(database);
        if (retentionPolicy is not null)
        {
            uri += "&rp=" + Uri.EscapeDataString(retentionPolicy);
        }

        return uri + "&precision=" + LineProtocolTime.ToWireValue(precision);
    }

    public Task<WriteResult> WriteAsync<T, TFormatter>(IEnumerable<T> items, TFormatter formatter, CancellationToken cancellationToken)
        where TFormatter : ILineFormatter<T>
        => WriteAsync(new SynchronousSequence<T>(items), formatter, cancellationToken);

    public async Task<WriteResult> WriteAsync<T, TFormatter>(IAsyncEnumerable<T> items, TFormatter formatter, CancellationToken cancellationToken)
        where TFormatter : ILineFormatter<T>
    {
        IAsyncEnumerator<T> enumerator = items.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            bool pending = false;
            bool ended = false;
            Task? inflight = null;
            try
            {
                while (!ended)
                {
                    while (true)
                    {
                        if (!pending)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                            {
                                ended = true;
                                break;
                            }

                            pending = true;
                        }

                        if (!TryAdd(_filling, enumerator.Current, formatter))
                        {
                            break;
                        }

                        pending = false;
                    }

                    inflight = await CompleteAsync(inflight).ConfigureAwait(false);
                    inflight = StartSending(cancellationToken);
                }

                await CompleteAsync(inflight).ConfigureAwait(false);
                return Result;
            }
            catch (PointRejection rejection)
            {
                await CompleteAsync(inflight).ConfigureAwait(false);
                throw rejection.ToException(Stored, Requests);
            }
            catch when (inflight is not null)
            {
                await ObserveAsync(inflight).ConfigureAwait(false);
                throw;
            }
        }
    }

    public WriteResult Write<T, TFormatter>(IEnumerable<T> items, TFormatter formatter, CancellationToken cancellationToken)
        where TFormatter : ILineFormatter<T>
    {
        try
        {
            foreach (T item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!TryAdd(_filling, item, formatter))
                {
                    SendFilling(cancellationToken);
                    TryAdd(_filling, item, formatter);
                }
            }

            SendFilling(cancellationToken);
            return Result;
        }
        catch (PointRejection rejection)
        {
            throw rejection.ToException(Stored, Requests);
        }
    }

    public WriteResult Write<T, TFormatter>(ReadOnlySpan<T> items, TFormatter formatter, CancellationToken cancellationToken)
        where TFormatter : ILineFormatter<T>
    {
        try
        {
            foreach (T item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!TryAdd(_filling, item, formatter))
                {
                    SendFilling(cancellationToken);
                    TryAdd(_filling, item, formatter);
                }
            }

            SendFilling(cancellationToken);
            return Result;
        }
        catch (PointRejection rejection)
        {
            throw rejection.ToException(Stored, Requests);
        }
    }

    /// <summary>Sends raw line protocol as it is, in one request.</summary>
    public async Task<WriteResult> WriteRawAsync(HttpContent content, long lines, CancellationToken cancellationToken)
    {
        await SendAsync(content, lines, cancellationToken).ConfigureAwait(false);
        return Result;
    }

    /// <summary>Sends raw line protocol as it is, in one request.</summary>
    public WriteResult WriteRaw(HttpContent content, long lines, CancellationToken cancellationToken)
    {
        Send(content, lines, cancellationToken);
        return Result;
    }

    /// <summary>Serializes raw line protocol into the request body (it is sent as it is, once).</summary>
    public RequestBody RawBody(ReadOnlySpan<byte> lines)
    {
        _filling.Write(lines);
        _filling.Points = CountLines(lines);
        return _filling;
    }

    public LineProtocolContent Content(RequestBody body) => new(body, _gzip);

    public RawStreamContent Content(Stream lines) => new(lines, _gzip);

    public void Dispose()
    {
        _filling.Dispose();
        _sending.Dispose();
    }

    internal static int CountLines(ReadOnlySpan<byte> lines)
    {
        int count = 0;
        while (!lines.IsEmpty)
        {
            int end = lines.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? lines : lines[..end];
            line = line.TrimStart(" \t\r"u8);
            if (!line.IsEmpty && line[0] != (byte)'#')
            {
                count++;
            }

            lines = end < 0 ? default : lines[(end + 1)..];
        }

        return count;
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The exception that stopped the call is the one reported; this request's outcome is already counted.
        }
    }

    private static async Task<Task?> CompleteAsync(Task? inflight)
    {
        if (inflight is not null)
        {
            await inflight.ConfigureAwait(false);
        }

        return null;
    }

    private bool TryAdd<T, TFormatter>(RequestBody body, T item, TFormatter formatter)
        where TFormatter : ILineFormatter<T>
    {
        if (body.Points >= _batchSize)
        {
            return false;
        }

        if (item is null)
        {
            throw new PointRejection(_nextIndex, null);
        }

        RequestBody.Mark mark = body.GetMark();
        try
        {
            formatter.Write(item, body, _lineOptions);
        }
        catch (LineProtocolException e)
        {
            body.Truncate(mark);
            throw new PointRejection(_nextIndex, e);
        }

        if (body.Length == mark.Length)
        {
            // A formatter that writes nothing skips the item on purpose (a DataFrame row whose fields are all null).
            Skipped++;
            _nextIndex++;
            return true;
        }

        if (body.Length > _maxBytes)
        {
            long length = body.Length - mark.Length;
            body.Truncate(mark);
            if (body.Points == 0)
            {
                throw new PointRejection(_nextIndex, null, length, _maxBytes);
            }

            return false;
        }

        body.Points++;
        _nextIndex++;
        return true;
    }

    private Task? StartSending(CancellationToken cancellationToken)
    {
        if (_filling.Points == 0)
        {
            return null;
        }

        (_filling, _sending) = (_sending, _filling);
        _filling.Reset(keepSegments: true);
        return SendAsync(_sending, cancellationToken);
    }

    private async Task SendAsync(RequestBody body, CancellationToken cancellationToken)
    {
        using LineProtocolContent content = Content(body);
        await SendAsync(content, body.Points, cancellationToken).ConfigureAwait(false);
    }

    private void SendFilling(CancellationToken cancellationToken)
    {
        if (_filling.Points == 0)
        {
            return;
        }

        using (LineProtocolContent content = Content(_filling))
        {
            Send(content, _filling.Points, cancellationToken);
        }

        _filling.Reset(keepSegments: true);
    }

    /// <summary>Posts one write request; throws <see cref="InfluxDBWriteException"/> or <see cref="InfluxDBConnectionException"/> on failure.</summary>
    internal static async Task PostAsync(InfluxDBClient client, string relativeUri, string database, HttpContent content, long storedBefore, int requestsBefore, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = client.CreateRequest(HttpMethod.Post, relativeUri, content);
        using HttpResponseMessage response = await client.SendAsync(request, "write", ExceptionFactory.Stored(storedBefore, requestsBefore), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string body = await InfluxDBClient.ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw ExceptionFactory.WriteFailed(response, body, database, storedBefore, requestsBefore);
        }
    }

    /// <summary>The blocking form of <see cref="PostAsync"/>.</summary>
    internal static void Post(InfluxDBClient client, string relativeUri, string database, HttpContent content, long storedBefore, int requestsBefore, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = client.CreateRequest(HttpMethod.Post, relativeUri, content);
        using HttpResponseMessage response = client.Send(request, "write", ExceptionFactory.Stored(storedBefore, requestsBefore), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ExceptionFactory.WriteFailed(response, InfluxDBClient.ReadErrorBody(response), database, storedBefore, requestsBefore);
        }
    }

    private async Task SendAsync(HttpContent content, long points, CancellationToken cancellationToken)
    {
        await PostAsync(_client, _relativeUri, _database, content, Stored, Requests, cancellationToken).ConfigureAwait(false);
        Succeeded(content is RawStreamContent stream ? stream.Lines : points);
    }

    private void Send(HttpContent content, long points, CancellationToken cancellationToken)
    {
        Post(_client, _relativeUri, _database, content, Stored, Requests, cancellationToken);
        Succeeded(content is RawStreamContent stream ? stream.Lines : points);
    }

    private void Succeeded(long points)
    {
        Stored += points;
        Requests++;
    }

    /// <summary>
    /// An in-memory sequence seen through the asynchronous loop, so both kinds of input share it: its
    /// <see cref="IAsyncEnumerator{T}.MoveNextAsync"/> completes at once, which costs a few nanoseconds per point.
    /// </summary>
    private sealed class SynchronousSequence<T>(IEnumerable<T> items) : IAsyncEnumerable<T>
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(items.GetEnumerator());

        private sealed class Enumerator(IEnumerator<T> inner) : IAsyncEnumerator<T>
        {
            public T Current => inner.Current;

            public ValueTask<bool> MoveNextAsync() => new(inner.MoveNext());

            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>A point the client refused; turned into <see cref="InfluxDBWriteException"/> once earlier requests are settled.</summary>
    private sealed class PointRejection(long index, LineProtocolException? reason, long length = 0, long limit = 0) : Exception
    {
        public InfluxDBWriteException ToException(long stored, int requests)
        {
            if (reason is not null)
            {
                return ExceptionFactory.RejectedPoint(index, reason, stored, requests);
            }

            return length > 0
                ? ExceptionFactory.LineTooLong(index, length, limit, stored, requests)
                : ExceptionFactory.NullPoint(index, stored, requests);
        }
    }
}
