using System.IO.Pipelines;
using System.Text;
using Aioinflux.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Query;

/// <summary>
/// The parser resumes wherever a buffer ends: split anywhere, delivered in any pieces, through a pipe or a stream,
/// every response parses to exactly what it parses to in one piece.
/// </summary>
public class BufferSplitTests
{
    private static IEnumerable<string> Unchunked => UnchunkedResponses;

    private static IEnumerable<string> Chunked => ChunkedResponses;

    [TestCaseSource(nameof(Unchunked))]
    public async Task Every_split_point_gives_the_same_result(string file)
    {
        byte[] data = Bytes(file);
        string expected = Dump(Parse(data));

        for (int split = 0; split <= data.Length; split++)
        {
            var reader = new ScriptedPipeReader([data.AsMemory(0, split), data.AsMemory(split)]);
            QueryResult result = await QueryResponseParser.ParseAsync(reader);
            Assert.That(Dump(result), Is.EqualTo(expected), $"split at byte {split}");
        }
    }

    [TestCaseSource(nameof(Unchunked))]
    public async Task One_byte_segments_give_the_same_result(string file)
    {
        byte[] data = Bytes(file);
        var reader = new ScriptedPipeReader(Split(data, Ones()));

        QueryResult result = await QueryResponseParser.ParseAsync(reader);

        Assert.That(Dump(result), Is.EqualTo(Dump(Parse(data))));
        Assert.That(reader.Reads, Is.GreaterThanOrEqualTo(data.Length), "every byte arrived on its own");
    }

    [TestCaseSource(nameof(Unchunked))]
    public async Task Random_segments_give_the_same_result(string file)
    {
        byte[] data = Bytes(file);
        string expected = Dump(Parse(data));

        for (int seed = 0; seed < 20; seed++)
        {
            var reader = new ScriptedPipeReader(Split(data, RandomSizes(seed, 1 + (seed * 7))));
            Assert.That(Dump(await QueryResponseParser.ParseAsync(reader)), Is.EqualTo(expected), $"seed {seed}");
        }
    }

    [TestCaseSource(nameof(Unchunked))]
    public void Blocking_stream_reads_of_any_size_give_the_same_result(string file)
    {
        byte[] data = Bytes(file);
        string expected = Dump(Parse(data));
        var smallBuffer = new QueryReadOptions { StreamBufferSize = 1 };

        Assert.That(Dump(QueryResponseParser.Parse(new TrickleStream(data, Ones()), smallBuffer)), Is.EqualTo(expected));
        for (int seed = 0; seed < 10; seed++)
        {
            using var stream = new TrickleStream(data, RandomSizes(seed, 40));
            Assert.That(Dump(QueryResponseParser.Parse(stream, smallBuffer)), Is.EqualTo(expected), $"seed {seed}");
        }
    }

    [TestCaseSource(nameof(Unchunked))]
    public async Task A_real_pipe_written_one_byte_at_a_time_gives_the_same_result(string file)
    {
        byte[] data = Bytes(file);
        var pipe = new Pipe();
        Task writer = Task.Run(async () =>
        {
            for (int i = 0; i < data.Length; i++)
            {
                await pipe.Writer.WriteAsync(data.AsMemory(i, 1));
            }

            await pipe.Writer.CompleteAsync();
        });

        QueryResult result = await QueryResponseParser.ParseAsync(pipe.Reader);
        await writer;

        Assert.That(Dump(result), Is.EqualTo(Dump(Parse(data))));
    }

    [TestCaseSource(nameof(Chunked))]
    public async Task Chunked_responses_split_anywhere_give_the_same_chunks(string file)
    {
        byte[] data = Bytes(file);
        string[] expected = QueryResponseParser.ParseChunks(new MemoryStream(data)).Select(Dump).ToArray();

        for (int split = 0; split <= data.Length; split += 3)
        {
            var reader = new ScriptedPipeReader([data.AsMemory(0, split), data.AsMemory(split)]);
            string[] chunks = await ToArrayAsync(QueryResponseParser.ParseChunksAsync(reader));
            Assert.That(chunks, Is.EqualTo(expected), $"split at byte {split}");
        }

        var bytes = new ScriptedPipeReader(Split(data, Ones()));
        Assert.That(await ToArrayAsync(QueryResponseParser.ParseChunksAsync(bytes)), Is.EqualTo(expected), "one byte at a time");
        Assert.That(QueryResponseParser.ParseChunks(new TrickleStream(data, Ones()), new QueryReadOptions { StreamBufferSize = 1 }).Select(Dump), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_large_response_in_pipe_sized_segments_gives_the_same_result()
    {
        byte[] data = TypedRowReaderTests.Synthetic(20_000);
        string expected = Dump(Parse(data));

        for (int seed = 0; seed < 3; seed++)
        {
            var sizes = new Random(seed);
            var reader = new ScriptedPipeReader(Split(data, Enumerable.Range(0, data.Length).Select(_ => sizes.Next(1_000, 20_000))));
            Assert.That(Dump(await QueryResponseParser.ParseAsync(reader)), Is.EqualTo(expected), $"seed {seed}");
        }
    }

    [Test]
    public async Task A_row_larger_than_the_buffer_grows_the_buffer()
    {
        string big = new('x', 200_000);
        byte[] data = Encoding.UTF8.GetBytes(
            $$"""{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","s"],"values":[[1,"{{big}}"],[2,"\u00e9{{big}}"]]}]}]}""");

        QueryResult fromStream = QueryResponseParser.Parse(new TrickleStream(data, RandomSizes(1, 5000)), new QueryReadOptions { StreamBufferSize = 256 });
        QueryResult fromPipe = await QueryResponseParser.ParseAsync(new ScriptedPipeReader(Split(data, RandomSizes(2, 3000))));

        foreach (QueryResult result in new[] { fromStream, fromPipe })
        {
            SeriesRows rows = result.Statements[0].Series[0].Values;
            Assert.That(rows[0][1].AsString(), Is.EqualTo(big));
            Assert.That(rows[1][1].AsString(), Is.EqualTo("é" + big));
        }
    }

    [Test]
    public async Task Pipe_is_left_after_the_response_and_not_completed()
    {
        byte[] data = Bytes("h2o_quality.json");
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(data);
        await pipe.Writer.CompleteAsync();

        await QueryResponseParser.ParseAsync(pipe.Reader);

        ReadResult rest = await pipe.Reader.ReadAsync();
        Assert.That(rest.IsCompleted, Is.True);
        Assert.That(rest.Buffer.IsEmpty, Is.True);
        pipe.Reader.AdvanceTo(rest.Buffer.End);
        await pipe.Reader.CompleteAsync();
    }

    [Test]
    public void Cancellation_stops_a_read_that_waits_for_bytes()
    {
        var pipe = new Pipe();
        using var cancellation = new CancellationTokenSource();
        ValueTask<QueryResult> parsing = QueryResponseParser.ParseAsync(pipe.Reader, cancellationToken: cancellation.Token);

        cancellation.Cancel();

        Assert.That(async () => await parsing, Throws.InstanceOf<OperationCanceledException>());
    }

    private static async Task<string[]> ToArrayAsync(IAsyncEnumerable<QueryResult> chunks)
    {
        var dumps = new List<string>();
        await foreach (QueryResult chunk in chunks)
        {
            dumps.Add(Dump(chunk));
        }

        return [.. dumps];
    }
}
