using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Aioinflux.Benchmarks.EndToEnd;

/// <summary>
/// A minimal HTTP/1.1 server on loopback that reads every request body, discards it and answers <c>204</c>, as influxd
/// answers a write: the cheapest server a client can talk to, so what is left is the client's own cost. Built on a raw
/// <see cref="Socket"/> (no Kestrel, no HttpListener): one receive buffer per connection, no per-request parsing
/// beyond the head. It counts requests, body bytes and lines, served at <c>GET /stats</c>, so a round can check that
/// every point arrived. It runs in a process of its own (<see cref="SinkProcess"/>), so that its CPU time is not
/// charged to the client measured.
/// </summary>
internal sealed class LoopbackSink : IDisposable
{
    private const int BufferSize = 256 * 1024;

    private static readonly byte[] NoContent = "HTTP/1.1 204 No Content\r\nX-Influxdb-Version: loopback-sink\r\n\r\n"u8.ToArray();
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly Socket _listener;
    private long _requests;
    private long _bodyBytes;
    private long _lines;

    private LoopbackSink()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
    }

    /// <summary>The port the sink listens on.</summary>
    public int Port { get; }

    /// <summary>
    /// The sink process's entry point: prints <c>port=N</c> on standard output, then serves until standard input
    /// closes, which is how the parent stops it (and how it stops if the parent dies).
    /// </summary>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync()
    {
        using var sink = new LoopbackSink();
        Console.Out.WriteLine("port=" + sink.Port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        _ = sink.AcceptAsync();
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static int ParseInt(string text, int radix)
        => radix == 16
            ? int.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            // Without it, the small 204 can wait for a delayed ACK and every request takes 40 ms more.
            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var connection = new Connection(socket);
            try
            {
                while (await ServeRequestAsync(connection).ConfigureAwait(false))
                {
                }
            }
            catch (Exception e) when (e is SocketException or IOException or FormatException or InvalidDataException)
            {
                // The client closed or reset the connection, or sent something this sink does not speak: drop it.
            }
        }
    }

    /// <returns><see langword="false"/> when the client closed the connection between requests.</returns>
    private async Task<bool> ServeRequestAsync(Connection connection)
    {
        string? head = await connection.ReadHeadAsync().ConfigureAwait(false);
        if (head is null)
        {
            return false;
        }

        string[] lines = head.Split("\r\n");
        string target = lines[0].Split(' ')[1];
        long contentLength = 0;
        bool chunked = false;
        bool expectContinue = false;
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            string name = lines[i][..colon].Trim();
            string value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                expectContinue = value.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
            }
        }

        if (expectContinue)
        {
            await connection.SendAsync(Continue).ConfigureAwait(false);
        }

        (long bytes, long newlines) = chunked
            ? await DiscardChunkedAsync(connection).ConfigureAwait(false)
            : await connection.DiscardAsync(contentLength).ConfigureAwait(false);

        if (target.StartsWith("/stats", StringComparison.Ordinal))
        {
            string stats = string.Create(
                CultureInfo.InvariantCulture,
                $"requests={Interlocked.Read(ref _requests)} bytes={Interlocked.Read(ref _bodyBytes)} lines={Interlocked.Read(ref _lines)}");
            byte[] response = Encoding.ASCII.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {stats.Length}\r\n\r\n{stats}"));
            await connection.SendAsync(response).ConfigureAwait(false);
            return true;
        }

        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bodyBytes, bytes);
        Interlocked.Add(ref _lines, newlines);
        await connection.SendAsync(NoContent).ConfigureAwait(false);
        return true;
    }

    private static async Task<(long Bytes, long Lines)> DiscardChunkedAsync(Connection connection)
    {
        long bytes = 0;
        long lines = 0;
        while (true)
        {
            string sizeLine = await connection.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidDataException("The connection closed inside a chunked body.");
            int semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            int size = ParseInt(semicolon < 0 ? sizeLine : sizeLine[..semicolon], 16);
            if (size == 0)
            {
                // Trailers, then the empty line that ends the body.
                while (!string.IsNullOrEmpty(await connection.ReadLineAsync().ConfigureAwait(false)))
                {
                }

                return (bytes, lines);
            }

            (long chunkBytes, long chunkLines) = await connection.DiscardAsync(size).ConfigureAwait(false);
            bytes += chunkBytes;
            lines += chunkLines;
            await connection.ReadLineAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A connection's socket and its receive buffer; the bytes between <c>_start</c> and <c>_end</c> are unread.</summary>
    private sealed class Connection(Socket socket)
    {
        private readonly byte[] _buffer = new byte[BufferSize];
        private int _start;
        private int _end;

        public ValueTask<int> SendAsync(byte[] bytes) => socket.SendAsync(bytes.AsMemory(), SocketFlags.None);

        /// <summary>Reads up to the empty line that ends a request's head.</summary>
        /// <returns>The head without that empty line, or <see langword="null"/> if the connection closed first.</returns>
        public async ValueTask<string?> ReadHeadAsync()
        {
            while (true)
            {
                int end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    string head = Encoding.ASCII.GetString(_buffer, _start, end);
                    _start += end + 4;
                    return head;
                }

                if (!await ReceiveAsync().ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        /// <summary>Reads one line ending in CRLF.</summary>
        /// <returns>The line without its CRLF, or <see langword="null"/> if the connection closed first.</returns>
        public async ValueTask<string?> ReadLineAsync()
        {
            while (true)
            {
                int end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
                if (end >= 0)
                {
                    string line = Encoding.ASCII.GetString(_buffer, _start, end);
                    _start += end + 2;
                    return line;
                }

                if (!await ReceiveAsync().ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        /// <summary>Skips <paramref name="count"/> body bytes, counting the line feeds among them.</summary>
        /// <returns>The bytes skipped and the line feeds seen.</returns>
        public async ValueTask<(long Bytes, long Lines)> DiscardAsync(long count)
        {
            long remaining = count;
            long lines = 0;
            while (remaining > 0)
            {
                if (_start == _end && !await ReceiveAsync().ConfigureAwait(false))
                {
                    throw new InvalidDataException("The connection closed inside a request body.");
                }

                int take = (int)Math.Min(remaining, _end - _start);
                lines += _buffer.AsSpan(_start, take).Count((byte)'\n');
                _start += take;
                remaining -= take;
            }

            return (count, lines);
        }

        /// <returns><see langword="false"/> when the peer closed the connection.</returns>
        private async ValueTask<bool> ReceiveAsync()
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_end == _buffer.Length)
            {
                if (_start == 0)
                {
                    throw new InvalidDataException("A request head or chunk-size line is longer than the sink's buffer.");
                }

                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int received = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
            _end += received;
            return received > 0;
        }
    }
}
