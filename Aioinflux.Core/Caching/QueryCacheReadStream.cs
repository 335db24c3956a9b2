using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;
using StackExchange.Redis;

namespace Aioinflux.Caching;

/// <summary>
/// A cache hit: the response's bytes, decompressed as they are read, fetched from Redis one piece at a time
/// (<see cref="CacheEntryFormat.PieceSize"/> compressed bytes), so memory stays bounded however large the response. Each
/// piece is read by a script that first checks the entry id, so a piece of a newer entry is never spliced into this one;
/// the end of stream is reported only after the length and hash of the whole response were checked.
/// </summary>
/// <remarks>Read-only, forward-only; one reader at a time, as for any stream.</remarks>
internal sealed class QueryCacheReadStream : Stream
{
    private readonly QueryCache _cache;
    private readonly IDatabase _database;
    private readonly QueryCacheKey _key;
    private readonly CacheEntryFormat.EntryHeader _header;
    private readonly RedisKey[] _keys;
    private readonly XxHash128 _hash = new();
    private byte[]? _piece;
    private int _pieceOffset;
    private int _pieceLength;
    private long _fetched;
    private long _produced;
    private BrotliDecoder _decoder;
    private bool _decoderDone;
    private bool _verified;

    /// <summary>Takes over <paramref name="firstPiece"/>, a pooled buffer holding the first piece at <paramref name="offset"/>.</summary>
    public QueryCacheReadStream(
        QueryCache cache,
        IDatabase database,
        QueryCacheKey key,
        CacheEntryFormat.EntryHeader header,
        byte[] firstPiece,
        int offset,
        int end)
    {
        _cache = cache;
        _database = database;
        _key = key;
        _header = header;
        _keys = [key.Key];
        _piece = firstPiece;
        _pieceOffset = offset;
        _pieceLength = end;
        _fetched = end - offset;
        _decoder = default;
    }

    /// <summary>The response's length, as recorded when it was stored.</summary>
    public long ResponseLength => _header.UncompressedLength;

    /// <inheritdoc />
    public override bool CanRead => _piece is not null;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException("A cached response is read forward only.");

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException("A cached response is read forward only.");
        set => throw new NotSupportedException("A cached response is read forward only.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_piece is null, this);
        while (!buffer.IsEmpty && !_verified)
        {
            int written = Decode(buffer);
            if (written > 0)
            {
                return written;
            }

            if (_decoderDone)
            {
                Verify();
                break;
            }

            Accept(FetchNext());
        }

        return 0;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_piece is null, this);
        while (!buffer.IsEmpty && !_verified)
        {
            int written = Decode(buffer.Span);
            if (written > 0)
            {
                return written;
            }

            if (_decoderDone)
            {
                Verify();
                break;
            }

            Accept(await FetchNextAsync(cancellationToken).ConfigureAwait(false));
        }

        return 0;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A cached response is read forward only.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("A cached response is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A cached response is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _piece is { } piece)
        {
            _piece = null;
            ArrayPool<byte>.Shared.Return(piece);
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Decompresses what the current piece holds into <paramref name="destination"/>; 0 when it needs the next piece or is done.</summary>
    private int Decode(Span<byte> destination)
    {
        if (_decoderDone)
        {
            return 0;
        }

        OperationStatus status = _decoder.Decompress(_piece.AsSpan(_pieceOffset, _pieceLength - _pieceOffset), destination, out int consumed, out int written);
        _pieceOffset += consumed;
        if (status == OperationStatus.InvalidData)
        {
            throw Lost("its compressed bytes are corrupt");
        }

        _decoderDone = status == OperationStatus.Done;
        if (written > 0)
        {
            _hash.Append(destination[..written]);
            _produced += written;
            if (_produced > _header.UncompressedLength)
            {
                throw Lost("it is longer than recorded");
            }
        }

        return written;
    }

    /// <summary>Checks the whole response before reporting its end.</summary>
    private void Verify()
    {
        if (_pieceOffset != _pieceLength || _fetched != _header.CompressedLength)
        {
            throw Lost("its compressed bytes end before the recorded length");
        }

        if (_produced != _header.UncompressedLength)
        {
            throw Lost("it is shorter than recorded");
        }

        Span<byte> hash = stackalloc byte[16];
        _hash.GetCurrentHash(hash);
        if (!hash.SequenceEqual(_header.ContentHash))
        {
            throw Lost("its content does not match its hash");
        }

        _verified = true;
    }

    private RespResult FetchNext()
    {
        int count = NextPieceLength();
        try
        {
            return _database.ScriptEvaluateResp(CacheEntryFormat.ReadPieceScript, _keys, NextPieceArguments(count));
        }
        catch (Exception exception)
        {
            _cache.ReportFailure(exception);
            throw new CacheEntryLostException(_key.Key, "Redis failed while it was read", exception);
        }
    }

    private async Task<RespResult> FetchNextAsync(CancellationToken cancellationToken)
    {
        int count = NextPieceLength();
        try
        {
            return await RedisTasks.WaitAsync(
                _database.ScriptEvaluateRespAsync(CacheEntryFormat.ReadPieceScript, _keys, NextPieceArguments(count)),
                _cache.Timeout,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisTasks.IsFailure(exception, cancellationToken))
        {
            _cache.ReportFailure(exception);
            throw new CacheEntryLostException(_key.Key, "Redis failed while it was read", exception);
        }
    }

    private int NextPieceLength()
    {
        long remaining = _header.CompressedLength - _fetched;
        if (remaining <= 0)
        {
            // The decoder wants more than the entry holds: the compressed data is cut short.
            throw Lost("its compressed bytes end early");
        }

        return (int)Math.Min(remaining, CacheEntryFormat.PieceSize);
    }

    private RedisValue[] NextPieceArguments(int count)
    {
        long start = CacheEntryFormat.HeaderSize + _fetched;
        return [_header.EntryId, start, start + count - 1];
    }

    /// <summary>Takes the next piece into the buffer; a nil answer means the key now holds another entry, or none.</summary>
    private void Accept(RespResult result)
    {
        using (result)
        {
            if (result.IsNull)
            {
                throw Lost("it expired, was evicted or was replaced while it was read");
            }

            int count = NextPieceLength();
            int length = result.ReadScalar().ScalarLength();
            if (length != count)
            {
                throw Lost("a piece is shorter than the recorded length");
            }

            result.ReadScalar().CopyTo(_piece.AsSpan(0, count));
            _pieceOffset = 0;
            _pieceLength = count;
            _fetched += count;
        }
    }

    private CacheEntryLostException Lost(string reason)
    {
        _cache.ReportLost(_key, reason);
        return new CacheEntryLostException(_key.Key, reason);
    }
}
