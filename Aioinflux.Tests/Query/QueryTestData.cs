using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Aioinflux.Query;

namespace Aioinflux.Tests.Query;

/// <summary>The canned /query responses under TestData/query (captured from influxd 1.6.7 by capture.sh) and ways to feed them.</summary>
internal static class QueryTestData
{
    /// <summary>Every captured unchunked response that parses into a result (no top-level error).</summary>
    public static readonly string[] UnchunkedResponses =
    [
        "select_epoch_ns.json", "select_epoch_ms.json", "select_rfc3339.json", "group_by_host.json", "multi_statement.json",
        "show_statements.json", "empty_result.json", "create_database.json", "text.json", "h2o_quality.json",
        "bound_parameters.json", "statement_error.json", "statement_error_second.json", "database_not_found.json",
        "chunked_unchunked_reference.json", "messages.json",
    ];

    /// <summary>Every captured chunked response.</summary>
    public static readonly string[] ChunkedResponses =
    [
        "chunked_size_1.ndjson", "chunked_size_2.ndjson", "chunked_default.ndjson", "chunked_error.ndjson", "chunked_database_not_found.ndjson",
    ];

    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "query", name));

    public static QueryResult Parse(string name, WritePrecision? epoch = null) =>
        QueryResponseParser.Parse(Bytes(name), new QueryReadOptions { Epoch = epoch });

    public static QueryResult Parse(byte[] json) => QueryResponseParser.Parse(json);

    public static QueryResult ParseText(string json) => QueryResponseParser.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>A deterministic text of everything a result holds, kinds included, for comparing results.</summary>
    public static string Dump(QueryResult result)
    {
        var text = new StringBuilder();
        foreach (StatementResult statement in result.Statements)
        {
            text.Append(CultureInfo.InvariantCulture, $"statement {statement.StatementId} partial={statement.Partial} error={statement.Error ?? "<none>"}\n");
            foreach (QueryMessage message in statement.Messages)
            {
                text.Append(CultureInfo.InvariantCulture, $"  message {message.Level}: {message.Text}\n");
            }

            foreach (Series series in statement.Series)
            {
                string tags = string.Join(",", series.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
                text.Append(CultureInfo.InvariantCulture, $"  series '{series.Name}' tags={{{tags}}} columns=[{string.Join(",", series.Columns)}] partial={series.Partial} statement={series.Metadata.StatementId}\n");
                foreach (InfluxRow row in series.Values)
                {
                    text.Append("    ").Append(DumpRow(row)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    public static string DumpRow(InfluxRow row) =>
        "[" + string.Join(", ", row.ToArray().Select(v => v.Kind == InfluxValueKind.String ? $"\"{v}\"" : $"{v.Kind}:{v}")) + "]";

    /// <summary>Splits <paramref name="data"/> into pieces of the given sizes (the last piece takes the rest).</summary>
    public static List<ReadOnlyMemory<byte>> Split(byte[] data, IEnumerable<int> sizes)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        int offset = 0;
        foreach (int size in sizes)
        {
            if (offset >= data.Length)
            {
                break;
            }

            int length = Math.Min(size, data.Length - offset);
            pieces.Add(data.AsMemory(offset, length));
            offset += length;
        }

        if (offset < data.Length)
        {
            pieces.Add(data.AsMemory(offset));
        }

        return pieces;
    }

    public static IEnumerable<int> RandomSizes(int seed, int max)
    {
        var random = new Random(seed);
        while (true)
        {
            yield return random.Next(1, max + 1);
        }
    }

    public static IEnumerable<int> Ones()
    {
        while (true)
        {
            yield return 1;
        }
    }
}

/// <summary>
/// A <see cref="PipeReader"/> that delivers scripted pieces one per read, each as its own segment of a multi-segment
/// buffer, and delivers the next piece only once the previous buffer was examined to its end, as a real pipe does:
/// so every token can straddle a segment boundary, deterministically.
/// </summary>
internal sealed class ScriptedPipeReader(IEnumerable<ReadOnlyMemory<byte>> pieces) : PipeReader
{
    private readonly Queue<ReadOnlyMemory<byte>> _pending = new(pieces.Where(p => !p.IsEmpty));
    private List<ReadOnlyMemory<byte>> _buffered = [];
    private ReadOnlySequence<byte> _current;
    private bool _examinedAll = true;

    public int Reads { get; private set; }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Reads++;
        if (_examinedAll && _pending.Count > 0)
        {
            _buffered.Add(_pending.Dequeue());
        }

        _current = Segments.Create(_buffered);
        return new ValueTask<ReadResult>(new ReadResult(_current, isCanceled: false, isCompleted: _pending.Count == 0));
    }

    public override bool TryRead(out ReadResult result) => throw new NotSupportedException();

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        ReadOnlySequence<byte> rest = _current.Slice(consumed);
        _examinedAll = _current.Slice(examined).IsEmpty;
        _buffered = [];
        foreach (ReadOnlyMemory<byte> segment in rest)
        {
            if (!segment.IsEmpty)
            {
                _buffered.Add(segment);
            }
        }
    }

    public override void CancelPendingRead() => throw new NotSupportedException();

    public override void Complete(Exception? exception = null)
    {
    }
}

/// <summary>Builds multi-segment sequences.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Create(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
    {
        if (pieces.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(pieces[0], 0);
        Segment last = first;
        for (int i = 1; i < pieces.Count; i++)
        {
            last = last.Append(pieces[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>A stream that returns at most the scripted number of bytes per read, like a slow socket.</summary>
internal sealed class TrickleStream(byte[] data, IEnumerable<int> sizes) : Stream
{
    private readonly IEnumerator<int> _sizes = sizes.GetEnumerator();
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        _sizes.MoveNext();
        int length = Math.Min(Math.Min(_sizes.Current, buffer.Length), data.Length - _position);
        data.AsSpan(_position, length).CopyTo(buffer);
        _position += length;
        return length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sizes.Dispose();
        }

        base.Dispose(disposing);
    }
}
