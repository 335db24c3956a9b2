using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace Aioinflux.Caching;

/// <summary>
/// Stores one InfluxDB response in the cache while the parser reads it. The parser reads <see cref="Body"/>, which passes
/// the response through unchanged; what passed is hashed, compressed into pooled buffers and appended to a temporary Redis
/// key a piece at a time (at most one append in flight, so memory stays at two pieces however large the response).
/// <see cref="CommitAsync"/> makes the entry visible under its key; anything else (<see cref="Abandon"/>, disposing, a
/// response larger than <see cref="QueryCacheOptions.MaxEntryBytes"/>, a Redis failure) deletes the temporary key and
/// leaves the key as it was.
/// </summary>
/// <remarks>
/// Redis failures never reach the parser or the caller: the writer stops storing and the response still streams. Use the
/// asynchronous or the synchronous methods throughout, not both: a blocking commit cannot wait for an asynchronous append
/// without blocking on a task, so it abandons the entry instead.
/// </remarks>
internal sealed class QueryCacheWriter : IDisposable, IAsyncDisposable
{
    /// <summary>How much of the response may remain after the parser finished: influxd ends its JSON with a line break.</summary>
    private const int DrainLimit = 64 * 1024;

    private readonly QueryCache _cache;
    private readonly IDatabase _database;
    private readonly QueryCacheKey _key;
    private readonly Stream _response;
    private readonly RedisKey[] _temporaryKeys;
    private readonly RedisValue _entryId;
    private readonly XxHash128 _hash = new();
    private BrotliEncoder _encoder;
    private byte[]? _buffer;
    private byte[]? _spare;
    private int _buffered;
    private long _sent;
    private long _responseLength;
    private Task<RedisResult>? _pending;
    private byte[]? _pendingBuffer;
    private long _pendingLength;
    private bool _responseEnded;
    private State _state;

    public QueryCacheWriter(QueryCache cache, IDatabase database, QueryCacheKey key, Stream response)
    {
        _cache = cache;
        _database = database;
        _key = key;
        _response = response;

        byte[] entryId = RandomNumberGenerator.GetBytes(CacheEntryFormat.EntryIdSize);
        _entryId = entryId;
        _temporaryKeys = [key.Key + ":tmp:" + Convert.ToHexStringLower(entryId)];
        _encoder = new BrotliEncoder(CacheEntryFormat.BrotliQuality, CacheEntryFormat.BrotliWindow);

        // The first piece starts with the header, so that the entry's first command (or, for a small response, its only
        // one) sends header and data as one value.
        _buffer = ArrayPool<byte>.Shared.Rent(CacheEntryFormat.PieceSize);
        CacheEntryFormat.WriteHeaderStart(_buffer, entryId);
        _buffered = CacheEntryFormat.HeaderSize;
        Body = new PassThroughStream(this);
    }

    private enum State
    {
        Writing,
        Committed,
        Stopped,
    }

    /// <summary>
    /// The response, for the parser to read instead of InfluxDB's stream. Disposing it does not dispose the response
    /// stream (its <see cref="HttpResponseMessage"/> does) and does not end the store.
    /// </summary>
    public Stream Body { get; }

    /// <summary>Whether the entry is still being stored: false once committed, abandoned, too large, or after a Redis failure.</summary>
    public bool IsStoring => _state == State.Writing;

    /// <summary>
    /// Stores the entry under its key, replacing any older one, with <see cref="QueryCacheOptions.CacheExpiry"/>. Call only
    /// when the response was complete and free of errors (status 200, no statement error), and before disposing the
    /// response: what the parser left unread (normally influxd's final line break) is read first, and if more than a few
    /// KiB remain or the response cannot be read to its end, nothing is stored.
    /// </summary>
    /// <param name="cancellationToken">Cancels the commit; the entry is then abandoned.</param>
    /// <returns>Whether the entry was stored. Redis failures are logged and counted, never thrown.</returns>
    public async ValueTask<bool> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_state != State.Writing)
        {
            return false;
        }

        try
        {
            if (!await DrainAsync(cancellationToken).ConfigureAwait(false) || !await FinishAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            long entryLength = _sent + _buffered;
            if (_sent == 0)
            {
                WriteTrailer(_buffer);
                await RedisTasks.WaitAsync(
                    _database.StringSetAsync(_key.Key, _buffer.AsMemory(0, _buffered), _cache.CacheExpiry, When.Always),
                    _cache.Timeout,
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (_buffered > 0 && !await SendBufferAsync(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                if (!await CompletePendingAsync(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                RedisResult committed = await RedisTasks.WaitAsync(
                    _database.ScriptEvaluateAsync(CacheEntryFormat.CommitScript, [_temporaryKeys[0], _key.Key], CommitArguments(entryLength)),
                    _cache.Timeout,
                    cancellationToken).ConfigureAwait(false);
                if (!Committed(committed))
                {
                    return false;
                }
            }

            return Succeeded(entryLength);
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            Fail(exception);
            return false;
        }
        catch
        {
            StopAndDelete();
            throw;
        }
    }

    /// <summary>The blocking form of <see cref="CommitAsync"/>, with StackExchange.Redis's synchronous calls.</summary>
    /// <param name="cancellationToken">Checked between steps; the entry is then abandoned.</param>
    /// <returns>Whether the entry was stored.</returns>
    public bool Commit(CancellationToken cancellationToken = default)
    {
        if (_state != State.Writing)
        {
            return false;
        }

        try
        {
            if (!Drain(cancellationToken) || !Finish())
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            long entryLength = _sent + _buffered;
            if (_sent == 0)
            {
                WriteTrailer(_buffer);
                _database.StringSet(_key.Key, _buffer.AsMemory(0, _buffered), _cache.CacheExpiry, When.Always);
            }
            else
            {
                if ((_buffered > 0 && !SendBuffer()) || !CompletePendingWithoutWaiting())
                {
                    return false;
                }

                RedisResult committed = _database.ScriptEvaluate(CacheEntryFormat.CommitScript, [_temporaryKeys[0], _key.Key], CommitArguments(entryLength));
                if (!Committed(committed))
                {
                    return false;
                }
            }

            return Succeeded(entryLength);
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            Fail(exception);
            return false;
        }
        catch
        {
            StopAndDelete();
            throw;
        }
    }

    /// <summary>
    /// Gives up on the entry (the response failed, or carried a statement error): the temporary key is deleted and the key
    /// keeps whatever it held. Counted as skipped. Does nothing after a commit.
    /// </summary>
    public void Abandon()
    {
        if (_state == State.Writing)
        {
            _cache.Skip("the response was not complete and successful");
            StopAndDelete();
        }
    }

    /// <summary>Abandons the entry unless it was committed.</summary>
    public void Dispose() => Abandon();

    /// <summary>Abandons the entry unless it was committed.</summary>
    /// <returns>A completed task: deleting the temporary key is not waited for.</returns>
    public ValueTask DisposeAsync()
    {
        Abandon();
        return ValueTask.CompletedTask;
    }

    /// <summary>Takes bytes the parser read: hashes and compresses them, sending full pieces synchronously.</summary>
    private void Capture(ReadOnlySpan<byte> data)
    {
        if (_state != State.Writing)
        {
            return;
        }

        _hash.Append(data);
        _responseLength += data.Length;
        while (true)
        {
            OperationStatus status = _encoder.Compress(data, _buffer.AsSpan(_buffered), out int consumed, out int written, isFinalBlock: false);
            _buffered += written;
            data = data[consumed..];
            if (!CheckProgress(status))
            {
                return;
            }

            if (status == OperationStatus.DestinationTooSmall || _buffered == _buffer!.Length)
            {
                if (!SendBuffer())
                {
                    return;
                }

                continue;
            }

            if (data.IsEmpty)
            {
                return;
            }
        }
    }

    /// <summary>Takes bytes the parser read: hashes and compresses them, sending full pieces without blocking.</summary>
    private async ValueTask CaptureAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_state != State.Writing)
        {
            return;
        }

        _hash.Append(data.Span);
        _responseLength += data.Length;
        while (true)
        {
            OperationStatus status = _encoder.Compress(data.Span, _buffer.AsSpan(_buffered), out int consumed, out int written, isFinalBlock: false);
            _buffered += written;
            data = data[consumed..];
            if (!CheckProgress(status))
            {
                return;
            }

            if (status == OperationStatus.DestinationTooSmall || _buffered == _buffer!.Length)
            {
                if (!await SendBufferAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (data.IsEmpty)
            {
                return;
            }
        }
    }

    /// <summary>Stops storing when the encoder fails or the entry outgrows <see cref="QueryCacheOptions.MaxEntryBytes"/>.</summary>
    private bool CheckProgress(OperationStatus status)
    {
        if (status == OperationStatus.InvalidData)
        {
            _cache.ReportLost(_key, "the compressor failed");
            StopAndDelete();
            return false;
        }

        if (_sent + _buffered - CacheEntryFormat.HeaderSize > _cache.MaxEntryBytes)
        {
            _cache.Skip("the response is larger than QueryCacheOptions.MaxEntryBytes compressed");
            StopAndDelete();
            return false;
        }

        return true;
    }

    /// <summary>Sends the full buffer and waits for Redis: the synchronous path keeps one buffer.</summary>
    private bool SendBuffer()
    {
        if (!CompletePendingWithoutWaiting())
        {
            return false;
        }

        long expected = _sent + _buffered;
        try
        {
            RedisResult length = _database.ScriptEvaluate(CacheEntryFormat.WritePieceScript, _temporaryKeys, PieceArguments(_buffer.AsMemory(0, _buffered)));
            if (!Appended(length, expected))
            {
                return false;
            }
        }
        catch (Exception exception)
        {
            Fail(exception);
            return false;
        }

        _sent = expected;
        _buffered = 0;
        return true;
    }

    /// <summary>
    /// Sends the full buffer without waiting for it, after waiting for the previous one: at most one append in flight, so
    /// two buffers in all, and a Redis slower than the response slows the parser rather than piling up memory.
    /// </summary>
    private async ValueTask<bool> SendBufferAsync(CancellationToken cancellationToken)
    {
        if (!await CompletePendingAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        byte[] sending = _buffer!;
        try
        {
            _pending = _database.ScriptEvaluateAsync(CacheEntryFormat.WritePieceScript, _temporaryKeys, PieceArguments(sending.AsMemory(0, _buffered)));
        }
        catch (Exception exception)
        {
            Fail(exception);
            return false;
        }

        _pendingBuffer = sending;
        _pendingLength = _sent + _buffered;
        _sent = _pendingLength;
        _buffer = _spare ?? ArrayPool<byte>.Shared.Rent(CacheEntryFormat.PieceSize);
        _spare = null;
        _buffered = 0;
        return true;
    }

    private async ValueTask<bool> CompletePendingAsync(CancellationToken cancellationToken)
    {
        if (_pending is not { } pending)
        {
            return _state == State.Writing;
        }

        RedisResult length;
        try
        {
            length = await RedisTasks.WaitAsync(pending, _cache.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            Fail(exception);
            return false;
        }
        catch
        {
            StopAndDelete();
            throw;
        }

        return TakeBackPending(length);
    }

    /// <summary>The synchronous path's view of an append left by the asynchronous one: usable only if already done.</summary>
    private bool CompletePendingWithoutWaiting()
    {
        if (_pending is not { } pending)
        {
            return _state == State.Writing;
        }

        if (!pending.IsCompleted)
        {
            _cache.Skip("the response was read both synchronously and asynchronously");
            StopAndDelete();
            return false;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            Fail(pending.Exception?.InnerException ?? new InvalidOperationException("A Redis append was cancelled."));
            return false;
        }

        return TakeBackPending(pending.Result);
    }

    private bool TakeBackPending(RedisResult length)
    {
        // Redis has answered, so StackExchange.Redis no longer reads the buffer: it can be written again.
        _spare = _pendingBuffer;
        _pendingBuffer = null;
        _pending = null;
        return Appended(length, _pendingLength);
    }

    private bool Appended(RedisResult length, long expected)
    {
        if ((long)length == expected)
        {
            return true;
        }

        _cache.ReportLost(_key, "its temporary key expired or was deleted while it was written");
        StopAndDelete();
        return false;
    }

    private bool Committed(RedisResult committed)
    {
        long outcome = (long)committed;
        if (outcome == 1)
        {
            return true;
        }

        _cache.ReportLost(_key, outcome == 0 ? "its temporary key expired or was deleted before the commit" : "its temporary key has the wrong length");
        StopAndDelete();
        return false;
    }

    /// <summary>Flushes the compressor's last block into the buffers.</summary>
    private bool Finish()
    {
        while (_state == State.Writing)
        {
            OperationStatus status = _encoder.Compress(default, _buffer.AsSpan(_buffered), out _, out int written, isFinalBlock: true);
            _buffered += written;
            if (!CheckProgress(status))
            {
                return false;
            }

            if (status == OperationStatus.Done)
            {
                return true;
            }

            if (!SendBuffer())
            {
                return false;
            }
        }

        return false;
    }

    private async ValueTask<bool> FinishAsync(CancellationToken cancellationToken)
    {
        while (_state == State.Writing)
        {
            OperationStatus status = _encoder.Compress(default, _buffer.AsSpan(_buffered), out _, out int written, isFinalBlock: true);
            _buffered += written;
            if (!CheckProgress(status))
            {
                return false;
            }

            if (status == OperationStatus.Done)
            {
                return true;
            }

            if (!await SendBufferAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Reads what the parser left of the response (its trailing line break), so the entry holds all of it.</summary>
    private bool Drain(CancellationToken cancellationToken)
    {
        if (_responseEnded)
        {
            return true;
        }

        byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int drained = 0;
            while (_state == State.Writing)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read = _response.Read(scratch);
                if (read == 0)
                {
                    _responseEnded = true;
                    return true;
                }

                drained += read;
                if (drained > DrainLimit)
                {
                    return DrainTooLong();
                }

                Capture(scratch.AsSpan(0, read));
            }

            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ResponseUnreadable();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private async ValueTask<bool> DrainAsync(CancellationToken cancellationToken)
    {
        if (_responseEnded)
        {
            return true;
        }

        byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int drained = 0;
            while (_state == State.Writing)
            {
                int read = await _response.ReadAsync(scratch, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    _responseEnded = true;
                    return true;
                }

                drained += read;
                if (drained > DrainLimit)
                {
                    return DrainTooLong();
                }

                await CaptureAsync(scratch.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ResponseUnreadable();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private bool DrainTooLong()
    {
        _cache.Skip("the response went on after the parser finished");
        StopAndDelete();
        return false;
    }

    private bool ResponseUnreadable()
    {
        _cache.Skip("the response could not be read to its end");
        StopAndDelete();
        return false;
    }

    private bool Succeeded(long entryLength)
    {
        _state = State.Committed;
        ReleaseBuffers();
        _cache.ReportSuccess();
        _cache.Counters.Store();
        CacheLog.Stored(_cache.Logger, _key.Hash, _responseLength, entryLength - CacheEntryFormat.HeaderSize);
        return true;
    }

    private void WriteTrailer(Span<byte> header)
    {
        Span<byte> hash = stackalloc byte[16];
        _hash.GetCurrentHash(hash);
        long compressed = _sent + _buffered - CacheEntryFormat.HeaderSize;
        CacheEntryFormat.WriteTrailer(header.Slice(CacheEntryFormat.TrailerOffset, CacheEntryFormat.TrailerSize), _responseLength, compressed, hash);
    }

    private RedisValue[] PieceArguments(ReadOnlyMemory<byte> piece)
        => [_entryId, piece, (long)CacheEntryFormat.TemporaryKeyLifetime.TotalMilliseconds, _sent == 0 ? "1" : "0"];

    private RedisValue[] CommitArguments(long entryLength)
    {
        byte[] trailer = new byte[CacheEntryFormat.TrailerSize];
        Span<byte> hash = stackalloc byte[16];
        _hash.GetCurrentHash(hash);
        CacheEntryFormat.WriteTrailer(trailer, _responseLength, entryLength - CacheEntryFormat.HeaderSize, hash);
        return [_entryId, trailer, entryLength, (long)_cache.CacheExpiry.TotalMilliseconds];
    }

    /// <summary>A Redis failure: counted, logged once per outage, and the entry given up.</summary>
    private void Fail(Exception exception)
    {
        _cache.ReportFailure(exception);
        StopAndDelete();
    }

    private void StopAndDelete()
    {
        if (_state != State.Writing)
        {
            return;
        }

        _state = State.Stopped;
        if (_sent > 0)
        {
            try
            {
                // Fire and forget, after any append already sent (one connection keeps order); the append script will not
                // recreate a deleted key, and the key's lifetime removes it anyway if this delete is lost.
                _database.KeyDelete(_temporaryKeys[0], CommandFlags.FireAndForget);
            }
            catch (Exception exception)
            {
                _cache.ReportFailure(exception);
            }
        }

        ReleaseBuffers();
    }

    private void ReleaseBuffers()
    {
        _encoder.Dispose();
        Return(ref _buffer);
        Return(ref _spare);
        if (_pending is { IsCompleted: true })
        {
            Return(ref _pendingBuffer);
        }
        else if (_pending is { } pending)
        {
            // StackExchange.Redis may still be sending this buffer: leave it to the garbage collector rather than the
            // pool, where another caller could overwrite it mid-send.
            RedisTasks.DisposeWhenDone(pending);
            _pendingBuffer = null;
        }

        _pending = null;
    }

    private static void Return(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    /// <summary>The response as the parser sees it: InfluxDB's bytes, unchanged, captured on the way.</summary>
    private sealed class PassThroughStream(QueryCacheWriter writer) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException("A response stream is read forward only.");

        public override long Position
        {
            get => throw new NotSupportedException("A response stream is read forward only.");
            set => throw new NotSupportedException("A response stream is read forward only.");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ValidateBufferArguments(buffer, offset, count);
            return Read(buffer.AsSpan(offset, count));
        }

        public override int Read(Span<byte> buffer)
        {
            int read = writer._response.Read(buffer);
            if (read > 0)
            {
                writer.Capture(buffer[..read]);
            }
            else if (!buffer.IsEmpty)
            {
                writer._responseEnded = true;
            }

            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            ValidateBufferArguments(buffer, offset, count);
            return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await writer._response.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                await writer.CaptureAsync(buffer[..read], cancellationToken).ConfigureAwait(false);
            }
            else if (!buffer.IsEmpty)
            {
                writer._responseEnded = true;
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A response stream is read forward only.");

        public override void SetLength(long value) => throw new NotSupportedException("A response stream is read-only.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A response stream is read-only.");
    }
}
