using System.Buffers;

namespace Aioinflux.Transport;

/// <summary>
/// The line protocol of one write request, in pooled segments rather than one growing array, so that a large
/// request never needs a large contiguous buffer and memory is returned to the pool between requests.
/// A line never straddles two segments, which lets the writer take back the last line cheaply
/// (<see cref="Truncate"/>) when it would push the request over its size limit.
/// </summary>
internal sealed class RequestBody : IBufferWriter<byte>, IDisposable
{
    private const int SegmentSize = 64 * 1024;

    private readonly List<byte[]> _segments = [];
    private readonly Stack<byte[]> _free = new();
    private readonly List<int> _lengths = [];
    private long _length;

    /// <summary>The number of bytes written.</summary>
    public long Length => _length;

    /// <summary>The number of points (lines) the writer counted in.</summary>
    public int Points { get; set; }

    /// <summary>A position to come back to with <see cref="Truncate"/>.</summary>
    public Mark GetMark() => new(_segments.Count, _segments.Count == 0 ? 0 : _lengths[^1], _length);

    /// <summary>Forgets everything written after <paramref name="mark"/>.</summary>
    public void Truncate(Mark mark)
    {
        while (_segments.Count > Math.Max(mark.SegmentCount, 1))
        {
            ArrayPool<byte>.Shared.Return(_segments[^1]);
            _segments.RemoveAt(_segments.Count - 1);
            _lengths.RemoveAt(_lengths.Count - 1);
        }

        if (_segments.Count > 0)
        {
            _lengths[^1] = mark.SegmentCount == 0 ? 0 : mark.LastSegmentLength;
        }

        _length = mark.Length;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int available = _segments.Count == 0 ? 0 : _segments[^1].Length - _lengths[^1];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, available);
        if (count > 0)
        {
            _lengths[^1] += count;
            _length += count;
        }
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        byte[] segment = Reserve(sizeHint);
        return segment.AsMemory(_lengths[^1]);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        byte[] segment = Reserve(sizeHint);
        return segment.AsSpan(_lengths[^1]);
    }

    /// <summary>Copies <paramref name="bytes"/> in, splitting them across segments as needed (raw line protocol).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            Span<byte> span = GetSpan(1);
            int count = Math.Min(span.Length, bytes.Length);
            bytes[..count].CopyTo(span);
            Advance(count);
            bytes = bytes[count..];
        }
    }

    /// <summary>Writes the body to <paramref name="stream"/>.</summary>
    public void CopyTo(Stream stream)
    {
        for (int i = 0; i < _segments.Count; i++)
        {
            stream.Write(_segments[i], 0, _lengths[i]);
        }
    }

    /// <summary>Writes the body to <paramref name="stream"/>.</summary>
    public async Task CopyToAsync(Stream stream, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _segments.Count; i++)
        {
            await stream.WriteAsync(_segments[i].AsMemory(0, _lengths[i]), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The body as one array; for tests and small error messages only.</summary>
    public byte[] ToArray()
    {
        byte[] result = new byte[_length];
        int offset = 0;
        for (int i = 0; i < _segments.Count; i++)
        {
            _segments[i].AsSpan(0, _lengths[i]).CopyTo(result.AsSpan(offset));
            offset += _lengths[i];
        }

        return result;
    }

    /// <summary>Empties the body, returning its segments to the pool.</summary>
    public void Reset() => Reset(keepSegments: false);

    /// <summary>
    /// Empties the body. With <paramref name="keepSegments"/>, the segments stay with this body for its next fill: a
    /// long-lived writer that reuses its bodies then allocates nothing in steady state, whatever the shared pool keeps.
    /// </summary>
    public void Reset(bool keepSegments)
    {
        foreach (byte[] segment in _segments)
        {
            if (keepSegments && segment.Length == SegmentSize)
            {
                _free.Push(segment);
            }
            else
            {
                ArrayPool<byte>.Shared.Return(segment);
            }
        }

        if (!keepSegments)
        {
            while (_free.TryPop(out byte[]? spare))
            {
                ArrayPool<byte>.Shared.Return(spare);
            }
        }

        _segments.Clear();
        _lengths.Clear();
        _length = 0;
        Points = 0;
    }

    /// <inheritdoc />
    public void Dispose() => Reset();

    private byte[] Reserve(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_segments.Count > 0 && _segments[^1].Length - _lengths[^1] >= sizeHint)
        {
            return _segments[^1];
        }

        // The unused tail of the previous segment is left as it is: a line must stay in one segment.
        byte[] segment = sizeHint <= SegmentSize && _free.TryPop(out byte[]? spare)
            ? spare
            : ArrayPool<byte>.Shared.Rent(Math.Max(SegmentSize, sizeHint));
        _segments.Add(segment);
        _lengths.Add(0);
        return segment;
    }

    /// <summary>A position in a <see cref="RequestBody"/>.</summary>
    internal readonly record struct Mark(int SegmentCount, int LastSegmentLength, long Length);
}
