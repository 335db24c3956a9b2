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

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_gzip)
        {
            await _source.CopyToAsync(stream, BufferSize, cancellationToken).ConfigureAwait(false);
            return;
        }

        var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            await _source.CopyToAsync(gzip, BufferSize, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_gzip)
        {
            _source.CopyTo(stream, BufferSize);
            return;
        }

        using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        _source.CopyTo(gzip, BufferSize);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
