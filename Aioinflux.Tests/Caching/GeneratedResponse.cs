using System.Globalization;

namespace Aioinflux.Tests.Caching;

/// <summary>
/// A deterministic stand-in for an InfluxDB response of any length, generated as it is read so that a 30 MB response
/// costs no 30 MB array: rows of JSON-like text (which compress as InfluxDB's do), or random bytes (which do not).
/// </summary>
public sealed class GeneratedResponse : Stream
{
    private readonly Random _random;
    private readonly bool _incompressible;
    private readonly byte[] _row = new byte[128];
    private long _remaining;
    private int _rowOffset;
    private int _rowLength;
    private long _time = 1_439_856_000_000_000_000;

    public GeneratedResponse(long length, int seed, bool incompressible = false)
    {
        _remaining = length;
        _random = new Random(seed);
        _incompressible = incompressible;
        Length = length;
    }

    /// <summary>The bytes a fresh generator with these arguments yields.</summary>
    public static byte[] Bytes(long length, int seed, bool incompressible = false)
    {
        using var stream = new GeneratedResponse(length, seed, incompressible);
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => Length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length && _remaining > 0)
        {
            if (_rowOffset == _rowLength)
            {
                NextRow();
            }

            int count = (int)Math.Min(Math.Min(buffer.Length - written, _rowLength - _rowOffset), _remaining);
            _row.AsSpan(_rowOffset, count).CopyTo(buffer[written..]);
            _rowOffset += count;
            written += count;
            _remaining -= count;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void NextRow()
    {
        _rowOffset = 0;
        if (_incompressible)
        {
            _random.NextBytes(_row);
            _rowLength = _row.Length;
            return;
        }

        _time += _random.Next(1, 10_000) * 1_000_000L;

        // Formatted straight into the row buffer with non-generic TryFormat calls (interpolation boxes in unoptimized code):
        // the generator allocates nothing, so the tests can measure what the cache allocates.
        Span<byte> row = _row;
        int length = 0;
        row[length++] = (byte)'[';
        length += Format(_time, row[length..]);
        row[length++] = (byte)',';
        length += Format(_random.Next(0, 10_000) / 100.0, row[length..]);
        row[length++] = (byte)',';
        "\"server"u8.CopyTo(row[length..]);
        length += 7;
        length += Format(_random.Next(10, 30), row[length..]);
        "\","u8.CopyTo(row[length..]);
        length += 2;
        length += Format(_random.Next(0, 1000), row[length..]);
        "],"u8.CopyTo(row[length..]);
        _rowLength = length + 2;
    }

    private static int Format(long value, Span<byte> destination)
        => value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture) ? written : throw new InvalidOperationException("The row buffer is too small.");

    private static int Format(double value, Span<byte> destination)
        => value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture) ? written : throw new InvalidOperationException("The row buffer is too small.");
}
