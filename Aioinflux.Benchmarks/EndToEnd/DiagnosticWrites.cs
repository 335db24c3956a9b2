using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Aioinflux.Serialization;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// Variants between the client and the ceiling, run with <c>write-e2e --diagnose</c> to tell where a gap between the two
/// comes from: the shape of the body on the wire, or serializing while a request is in flight.
/// </summary>
internal static class DiagnosticWrites
{
    private const int SliceSize = 64 * 1024;

    private static readonly MediaTypeHeaderValue PlainText = new("text/plain") { CharSet = "utf-8" };

    /// <summary>The pre-serialized bytes, written to the connection in 64 KB slices as the client's pooled segments are.</summary>
    public static async Task PostSlicedAsync(HttpClient http, Uri baseUri, TradeSlice slice, string database)
    {
        var uri = new Uri(baseUri, "write?db=" + Uri.EscapeDataString(database) + "&precision=ns");
        foreach (byte[] batch in slice.Batches)
        {
            using var content = new SlicedContent(batch);
            using HttpResponseMessage response = await http.PostAsync(uri, content).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Serializes each request with the generated writer, then posts it: the client's work without its overlap.</summary>
    public static async Task SerializeThenPostAsync(HttpClient http, Uri baseUri, TradeSlice slice, int batchSize, string database)
    {
        var uri = new Uri(baseUri, "write?db=" + Uri.EscapeDataString(database) + "&precision=ns");
        var writer = new ArrayBufferWriter<byte>(batchSize * 160);
        var options = new LineProtocolOptions(WritePrecision.Nanoseconds);
        ArraySegment<Trade> trades = slice.Trades;
        for (int start = 0; start < trades.Count; start += batchSize)
        {
            writer.ResetWrittenCount();
            int end = Math.Min(trades.Count, start + batchSize);
            for (int i = start; i < end; i++)
            {
                trades[i].WriteLineProtocol(writer, options);
            }

            using var content = new ReadOnlyMemoryContent(writer.WrittenMemory);
            content.Headers.ContentType = PlainText;
            using HttpResponseMessage response = await http.PostAsync(uri, content).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed class SlicedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public SlicedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = PlainText;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            for (int offset = 0; offset < _bytes.Length; offset += SliceSize)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(SliceSize, _bytes.Length - offset)), cancellationToken).ConfigureAwait(false);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
