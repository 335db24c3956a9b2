using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Aioinflux.Transport;

/// <summary>
/// A write request's body. It can be sent more than once, and both its serialize paths are real: the synchronous one
/// keeps the blocking API free of sync-over-async.
/// </summary>
internal sealed class LineProtocolContent : HttpContent
{
    private static readonly MediaTypeHeaderValue PlainText = new("text/plain") { CharSet = "utf-8" };

    private readonly RequestBody _body;
    private readonly bool _gzip;

    public LineProtocolContent(RequestBody body, bool gzip)
    {
        _body = body;
        _gzip = gzip;
        Headers.ContentType = PlainText;
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
            await _body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            return;
        }

        var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            await _body.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_gzip)
        {
            _body.CopyTo(stream);
            return;
        }

        using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        _body.CopyTo(gzip);
    }

    protected override bool TryComputeLength(out long length)
    {
        // A compressed body's length is known only once compressed; it goes out chunked instead.
        length = _body.Length;
        return !_gzip;
    }
}
