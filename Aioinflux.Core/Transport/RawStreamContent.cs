using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Aioinflux.Transport;

/// <summary>
/// Raw line protocol read from the caller's stream while it is sent. If reading fails part-way, the exception
/// escapes the request, which aborts it before the body completes, so InfluxDB stores none of it.
/// </summary>
internal sealed class RawStreamContent : HttpContent
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _source;
    private readonly bool _gzip;
    private LineCounter _lines;

    public RawStreamContent(Stream source, bool gzip)
    {
        _source = source;
        _gzip = gzip;
        Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (gzip)
        {
            Headers.ContentEncoding.Add("gzip");
        }
    }

    /// <summary>The lines sent (not counting blank lines and comments), once the body has been sent.</summary>
    public long Lines => _lines.Count;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_gzip)
        {
            await CopyAsync(stream, cancellationToken).ConfigureAwait(false);
            return;
        }

        var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            await CopyAsync(gzip, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_gzip)
        {
            Copy(stream);
            return;
        }

        using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        Copy(gzip);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private async Task CopyAsync(Stream destination, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            _lines = default;
            while (true)
            {
                int read;
                try
                {
                    read = await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new SourceStreamException(e);
                }

                if (read == 0)
                {
                    return;
                }

                _lines.Add(buffer.AsSpan(0, read));
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Copy(Stream destination)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            _lines = default;
            while (true)
            {
                int read;
                try
                {
                    read = _source.Read(buffer);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new SourceStreamException(e);
                }

                if (read == 0)
                {
                    return;
                }

                _lines.Add(buffer.AsSpan(0, read));
                destination.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Counts lines that hold a point across buffer boundaries: not blank, not a <c>#</c> comment.</summary>
    private struct LineCounter
    {
        private bool _inLine;

        public long Count { get; private set; }

        public void Add(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                if (b == (byte)'\n')
                {
                    _inLine = false;
                }
                else if (!_inLine && b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    _inLine = true;
                    if (b != (byte)'#')
                    {
                        Count++;
                    }
                }
            }
        }
    }
}

/// <summary>The caller's stream failed while its line protocol was being sent; the request was aborted.</summary>
internal sealed class SourceStreamException(Exception inner) : IOException(inner.Message, inner);
