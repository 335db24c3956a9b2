using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Aioinflux.Serialization;
using Aioinflux.Transport;
using Aioinflux.Writing;
using Microsoft.Extensions.Logging;

namespace Aioinflux;

/// <summary>
/// A background writer for applications that emit points continuously. Producers on any thread hand it points; it
/// serializes them at once into pooled batches (so memory is counted exactly and later mutation cannot change what is
/// sent), sends full batches and, every <see cref="BatchWriterOptions.FlushInterval"/>, partial ones, and retries with
/// backoff while InfluxDB is unreachable.
/// </summary>
/// <remarks>
/// Guarantees: memory stays under <see cref="BatchWriterOptions.MaxBufferedBytes"/> and
/// <see cref="BatchWriterOptions.MaxBufferedPoints"/> (producers wait, or with <see cref="BufferFullMode.DropOldest"/> the
/// oldest waiting points are dropped and counted); every accepted point is written, dropped by that choice, or handed
/// with its lines to <see cref="Failed"/>, never silently lost. Delivery is at-least-once: a retried batch may be stored
/// twice, which InfluxDB turns into one point because a point with the same series and timestamp overwrites the other.
/// So that this also holds for points without a timestamp, the writer stamps them with the time they were accepted.
/// </remarks>
public sealed class BatchWriter : IAsyncDisposable
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private readonly InfluxDBClient _client;
    private readonly BatchWriterOptions _options;
    private readonly ILogger _logger;
    private readonly string _database;
    private readonly string _relativeUri;
    private readonly bool _gzip;
    private readonly LineProtocolOptions _lineOptions;
    private readonly long _precisionDivisor;
    private readonly object _gate = new();
    private readonly Queue<RequestBody> _waiting = new();
    private readonly Stack<RequestBody> _spare = new();
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private readonly SemaphoreSlim _work = new(0);
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _sender;
    private RequestBody _open = new();
    private long _openSince;
    private long _lastStamp;
    private TaskCompletionSource _space = NewSignal();
    private TaskCompletionSource _progress = NewSignal();
    private long _sealed;
    private long _completed;
    private bool _stopping;
    private long _lastWarning;
    private long _accepted, _written, _retried, _failed, _dropped, _bufferedPoints, _bufferedBytes;

    internal BatchWriter(InfluxDBClient client, InfluxDBClientOptions clientOptions, BatchWriterOptions options, ILogger logger)
    {
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger;
        _database = client.ResolveDatabase(options.Database);
        _relativeUri = WriteCall.WriteUri(_database, options.RetentionPolicy, options.Precision);
        _gzip = options.Gzip ?? clientOptions.Gzip;
        _lineOptions = new LineProtocolOptions(options.Precision, options.ExtraTags);
        _precisionDivisor = LineProtocolTime.NanosecondsPer(options.Precision);
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>
    /// A batch could not be written: InfluxDB refused it (401/403, 404, 413, a 400 with the server's text and rejected
    /// lines), or it stayed unreachable for <see cref="BatchWriterOptions.MaxRetryTime"/>, or the writer was disposed
    /// before it could send it. Raised on the writer's background task; without a handler, the failure is logged as an error.
    /// </summary>
    public event EventHandler<BatchWriteFailedEventArgs>? Failed;

    /// <summary>The writer's counters, read together.</summary>
    public BatchWriterStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new(_accepted, _written, _retried, _failed, _dropped, _bufferedPoints, _bufferedBytes);
            }
        }
    }

    /// <summary>Accepts a point, waiting while the buffer is full (<see cref="BufferFullMode.Wait"/>).</summary>
    /// <typeparam name="T">A <c>[LineProtocol]</c> type, <see cref="Point"/>, or any <see cref="ILineProtocolPoint"/>.</typeparam>
    /// <param name="point">The point; serialized before this method returns.</param>
    /// <param name="cancellationToken">Stops waiting for room.</param>
    /// <returns>A task that completes when the point is accepted.</returns>
    /// <exception cref="LineProtocolException">The point cannot be written; nothing was buffered.</exception>
    /// <exception cref="ObjectDisposedException">The writer is stopping or stopped.</exception>
    public ValueTask WriteAsync<T>(T point, CancellationToken cancellationToken = default)
        where T : ILineProtocolPoint
        => AcceptAsync(new Item<T, PointFormatter<T>>(point, default), cancellationToken);

    /// <summary>Accepts a point if there is room now.</summary>
    /// <typeparam name="T">A <c>[LineProtocol]</c> type, <see cref="Point"/>, or any <see cref="ILineProtocolPoint"/>.</typeparam>
    /// <param name="point">The point.</param>
    /// <returns><see langword="false"/> when the buffer is full (only in <see cref="BufferFullMode.Wait"/>).</returns>
    public bool TryWrite<T>(T point)
        where T : ILineProtocolPoint
        => TryAccept(new Item<T, PointFormatter<T>>(point, default));

    /// <summary>Accepts a value of a type you don't own, with its schema, waiting while the buffer is full.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="schema">Its schema.</param>
    /// <param name="cancellationToken">Stops waiting for room.</param>
    /// <returns>A task that completes when the value is accepted.</returns>
    public ValueTask WriteAsync<T>(T value, ILineProtocolWriter<T> schema, CancellationToken cancellationToken = default)
        => AcceptAsync(new Item<T, SchemaFormatter<T>>(value, new(schema ?? throw new ArgumentNullException(nameof(schema)))), cancellationToken);

    /// <summary>Accepts a value of a type you don't own if there is room now.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="schema">Its schema.</param>
    /// <returns><see langword="false"/> when the buffer is full.</returns>
    public bool TryWrite<T>(T value, ILineProtocolWriter<T> schema)
        => TryAccept(new Item<T, SchemaFormatter<T>>(value, new(schema ?? throw new ArgumentNullException(nameof(schema)))));

    /// <summary>
    /// Accepts raw line protocol: one or more lines, timestamps in <see cref="BatchWriterOptions.Precision"/>. Lines are not
    /// validated (InfluxDB reports bad ones through <see cref="Failed"/>); a line without a timestamp is stamped.
    /// </summary>
    /// <param name="lines">The lines.</param>
    /// <param name="cancellationToken">Stops waiting for room.</param>
    /// <returns>A task that completes when the lines are accepted.</returns>
    public ValueTask WriteAsync(string lines, CancellationToken cancellationToken = default)
        => AcceptAsync(new RawItem(lines ?? throw new ArgumentNullException(nameof(lines))), cancellationToken);

    /// <summary>Accepts raw line protocol if there is room now.</summary>
    /// <param name="lines">The lines.</param>
    /// <returns><see langword="false"/> when the buffer is full.</returns>
    public bool TryWrite(string lines) => TryAccept(new RawItem(lines ?? throw new ArgumentNullException(nameof(lines))));

    /// <summary>Sends everything accepted so far and waits until it is written (or handed to <see cref="Failed"/>).</summary>
    /// <param name="cancellationToken">Stops waiting; the points are still sent.</param>
    /// <returns>A task that completes when every point accepted before the call is settled.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        long target;
        lock (_gate)
        {
            SealOpen();
            target = _sealed;
        }

        _work.Release();
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_completed >= target)
                {
                    return;
                }

                progress = _progress.Task;
            }

            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting points, writes everything buffered, and stops the background task (for hosted services).</summary>
    /// <param name="cancellationToken">Gives up writing: what is still buffered is handed to <see cref="Failed"/>.</param>
    /// <returns>A task that completes when the writer has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _stopping = true;
            SealOpen();
            _space.TrySetResult();
        }

        _work.Release();
        try
        {
            await _sender.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await _sender.ConfigureAwait(false);
        }
    }

    /// <summary>Stops like <see cref="StopAsync"/>, giving up after <see cref="BatchWriterOptions.DisposeTimeout"/>.</summary>
    /// <returns>A task that completes when the writer has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(_options.DisposeTimeout))
        {
            await StopAsync(timeout.Token).ConfigureAwait(false);
        }

        _abort.Dispose();
        _work.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async ValueTask AcceptAsync<TItem>(TItem item, CancellationToken cancellationToken)
        where TItem : IBatchItem
    {
        while (true)
        {
            Task space;
            lock (_gate)
            {
                if (TryAcceptLocked(item))
                {
                    return;
                }

                space = _space.Task;
            }

            await space.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryAccept<TItem>(TItem item)
        where TItem : IBatchItem
    {
        lock (_gate)
        {
            return TryAcceptLocked(item);
        }
    }

    private bool TryAcceptLocked<TItem>(TItem item)
        where TItem : IBatchItem
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _scratch.ResetWrittenCount();
        int points = item.Write(_scratch, _lineOptions, this);
        int bytes = _scratch.WrittenCount;
        if (points == 0)
        {
            return true;
        }

        while (_bufferedBytes + bytes > _options.MaxBufferedBytes || _bufferedPoints + points > _options.MaxBufferedPoints)
        {
            if (_options.FullMode == BufferFullMode.Wait || !DropOldestLocked())
            {
                if (_space.Task.IsCompleted)
                {
                    _space = NewSignal();
                }

                return false;
            }
        }

        if (_open.Points == 0)
        {
            _openSince = Stopwatch.GetTimestamp();
        }

        _open.Write(_scratch.WrittenSpan);
        _open.Points += points;
        _accepted += points;
        _bufferedPoints += points;
        _bufferedBytes += bytes;
        if (_open.Points >= _options.BatchSize)
        {
            SealOpen();
            _work.Release();
        }

        return true;
    }

    private bool DropOldestLocked()
    {
        RequestBody? victim = _waiting.Count > 0 ? _waiting.Dequeue() : null;
        if (victim is null)
        {
            if (_open.Points == 0)
            {
                return false;
            }

            victim = _open;
            _open = Rent();
            _sealed++;
        }

        _dropped += victim.Points;
        Settle(victim);
        return true;
    }

    /// <summary>Appends the acceptance time to each line in <paramref name="scratch"/> that has no timestamp.</summary>
    private void StampLines(ArrayBufferWriter<byte> scratch)
    {
        ReadOnlySpan<byte> lines = scratch.WrittenSpan;
        if (!HasLineWithoutTimestamp(lines))
        {
            return;
        }

        byte[] copy = lines.ToArray();
        scratch.ResetWrittenCount();
        Span<byte> stamp = stackalloc byte[LineBuilder.MaxTimeLength + 1];
        stamp[0] = (byte)' ';
        ReadOnlySpan<byte> rest = copy;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            scratch.Write(line);
            if (NeedsStamp(line))
            {
                NextStamp().TryFormat(stamp[1..], out int length, default, CultureInfo.InvariantCulture);
                scratch.Write(stamp[..(length + 1)]);
            }

            scratch.Write("\n"u8);
        }
    }

    private long NextStamp()
    {
        // Distinct, increasing stamps: two points of one series accepted in the same clock tick must not overwrite each other.
        long now = LineProtocolTime.ToPrecision((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100, _options.Precision);
        _lastStamp = Math.Max(now, _lastStamp + 1);
        return _lastStamp;
    }

    private static bool HasLineWithoutTimestamp(ReadOnlySpan<byte> lines)
    {
        while (!lines.IsEmpty)
        {
            int end = lines.IndexOf((byte)'\n');
            if (NeedsStamp(end < 0 ? lines : lines[..end]))
            {
                return true;
            }

            lines = end < 0 ? default : lines[(end + 1)..];
        }

        return false;
    }

    /// <summary>
    /// A point line whose last space-separated token is not a timestamp. A timestamp is the only part of a line that can be
    /// all digits after the last space: a field set's last token always holds <c>=</c>, and a string field ends in <c>"</c>.
    /// </summary>
    private static bool NeedsStamp(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd("\r"u8);
        ReadOnlySpan<byte> trimmed = line.TrimStart(" \t"u8);
        if (trimmed.IsEmpty || trimmed[0] == (byte)'#')
        {
            return false;
        }

        int space = line.LastIndexOf((byte)' ');
        ReadOnlySpan<byte> last = line[(space + 1)..];
        if (!last.IsEmpty && last[0] == (byte)'-')
        {
            last = last[1..];
        }

        return last.IsEmpty || last.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private void SealOpen()
    {
        if (_open.Points == 0)
        {
            return;
        }

        _waiting.Enqueue(_open);
        _open = Rent();
        _sealed++;
    }

    private RequestBody Rent() => _spare.Count > 0 ? _spare.Pop() : new RequestBody();

    /// <summary>A batch is done (written, failed or dropped): frees its room and wakes producers and flushers.</summary>
    private void Settle(RequestBody batch)
    {
        _bufferedPoints -= batch.Points;
        _bufferedBytes -= batch.Length;
        _completed++;
        if (_spare.Count < 4)
        {
            // Spare batches keep their segments, so a writer that keeps up allocates nothing per batch.
            batch.Reset(keepSegments: true);
            _spare.Push(batch);
        }
        else
        {
            batch.Dispose();
        }

        _space.TrySetResult();
        _progress.TrySetResult();
        _progress = NewSignal();
    }

    private async Task SendLoopAsync()
    {
        while (true)
        {
            RequestBody? batch;
            bool stopping;
            TimeSpan wait = _options.FlushInterval;
            lock (_gate)
            {
                stopping = _stopping;
                if (_waiting.Count == 0 && _open.Points > 0)
                {
                    TimeSpan age = Stopwatch.GetElapsedTime(_openSince);
                    if (age >= _options.FlushInterval || stopping)
                    {
                        SealOpen();
                    }
                    else
                    {
                        wait = _options.FlushInterval - age;
                    }
                }

                _waiting.TryDequeue(out batch);
            }

            if (batch is null)
            {
                if (stopping)
                {
                    return;
                }

                await _work.WaitAsync(wait).ConfigureAwait(false);
                continue;
            }

            await SendAsync(batch).ConfigureAwait(false);
            lock (_gate)
            {
                Settle(batch);
            }
        }
    }

    private async Task SendAsync(RequestBody batch)
    {
        long started = Stopwatch.GetTimestamp();
        TimeSpan delay = _options.FirstRetryDelay;
        int attempts = 0;
        while (true)
        {
            attempts++;
            InfluxDBException failure;
            bool retryable;
            try
            {
                using var content = new LineProtocolContent(batch, _gzip);
                await WriteCall.PostAsync(_client, _relativeUri, _database, content, 0, 0, _abort.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _written += batch.Points;
                }

                return;
            }
            catch (InfluxDBConnectionException e)
            {
                (failure, retryable) = (e, true);
            }
            catch (InfluxDBWriteException e)
            {
                retryable = e.StatusCode is HttpStatusCode.TooManyRequests || (int?)e.StatusCode >= 500;
                failure = e;
                if (retryable && e.RetryAfter is { } retryAfter)
                {
                    delay = retryAfter;
                }
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                Fail(batch, new InfluxDBException("The batch writer was disposed (or its stop was cancelled) before this batch could be written."), attempts);
                return;
            }

            TimeSpan waited = Stopwatch.GetElapsedTime(started);
            if (!retryable || waited + delay > _options.MaxRetryTime)
            {
                Fail(batch, failure, attempts);
                return;
            }

            WarnRateLimited(failure, batch.Points);
            lock (_gate)
            {
                _retried++;
            }

            try
            {
                await Task.Delay(Jitter(delay), _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Fail(batch, new InfluxDBException($"The batch writer was disposed (or its stop was cancelled) while retrying this batch after: {failure.Message}", failure), attempts);
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
        }
    }

    private static TimeSpan Jitter(TimeSpan delay)
        => TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));

    private void WarnRateLimited(InfluxDBException failure, int points)
    {
        long now = Stopwatch.GetTimestamp();
        if (_lastWarning != 0 && Stopwatch.GetElapsedTime(_lastWarning, now) < WarningInterval)
        {
            return;
        }

        _lastWarning = now;
        Logging.Log.BatchRetrying(_logger, points, failure.Message);
    }

    private void Fail(RequestBody batch, InfluxDBException exception, int attempts)
    {
        long written = exception is InfluxDBWriteException { DroppedPoints: { } dropped } ? Math.Max(0, batch.Points - dropped) : 0;
        lock (_gate)
        {
            _written += written;
            _failed += batch.Points - written;
        }

        var args = new BatchWriteFailedEventArgs(exception, batch.ToArray(), batch.Points, attempts, written);
        EventHandler<BatchWriteFailedEventArgs>? handler = Failed;
        if (handler is null)
        {
            Logging.Log.BatchFailed(_logger, exception, batch.Points);
            return;
        }

        try
        {
            handler(this, args);
        }
        catch (Exception e)
        {
            // A throwing handler must not stop the writer; the failure it was told about is logged instead.
            Logging.Log.FailureHandlerThrew(_logger, e, batch.Points);
        }
    }

    private interface IBatchItem
    {
        /// <summary>Writes the item's lines, stamped where needed; returns the number of points.</summary>
        int Write(ArrayBufferWriter<byte> scratch, in LineProtocolOptions options, BatchWriter writer);
    }

    private readonly struct Item<T, TFormatter>(T value, TFormatter formatter) : IBatchItem
        where TFormatter : ILineFormatter<T>
    {
        public int Write(ArrayBufferWriter<byte> scratch, in LineProtocolOptions options, BatchWriter writer)
        {
            ArgumentNullException.ThrowIfNull(value);
            formatter.Write(value, scratch, options);
            if (scratch.WrittenCount == 0)
            {
                return 0; // the formatter skipped the value on purpose
            }

            writer.StampLines(scratch);
            return 1;
        }
    }

    private readonly struct RawItem(string lines) : IBatchItem
    {
        public int Write(ArrayBufferWriter<byte> scratch, in LineProtocolOptions options, BatchWriter writer)
        {
            int length = Encoding.UTF8.GetMaxByteCount(lines.Length) + 1;
            int written = Encoding.UTF8.GetBytes(lines, scratch.GetSpan(length));
            scratch.Advance(written);
            if (written > 0 && scratch.WrittenSpan[^1] != (byte)'\n')
            {
                scratch.Write("\n"u8);
            }

            writer.StampLines(scratch);
            return WriteCall.CountLines(scratch.WrittenSpan);
        }
    }
}
