using System.IO.Pipelines;
using Aioinflux.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Query;

/// <summary>Chunked responses (chunked=true): one JSON document per chunk, series split across chunks.</summary>
public class ChunkedResponseTests
{
    private static readonly string[] ChunkedAll = ["chunked_size_1.ndjson", "chunked_size_2.ndjson", "chunked_default.ndjson"];

    [TestCase("chunked_size_1.ndjson", 14)]
    [TestCase("chunked_size_2.ndjson", 9)]
    [TestCase("chunked_default.ndjson", 5)]
    public void Each_line_is_one_chunk(string file, int chunks)
    {
        List<QueryResult> results = QueryResponseParser.ParseChunks(new MemoryStream(Bytes(file))).ToList();

        Assert.That(results, Has.Count.EqualTo(chunks));
        Assert.That(results.All(r => r.Statements.Count == 1), Is.True);
    }

    [Test]
    public async Task A_series_split_across_chunks_is_marked_partial_until_its_last_piece()
    {
        var chunks = new List<QueryResult>();
        await foreach (QueryResult chunk in QueryResponseParser.ParseChunksAsync(PipeReader.Create(new MemoryStream(Bytes("chunked_size_2.ndjson")))))
        {
            chunks.Add(chunk);
        }

        Series first = chunks[0].Statements[0].Series.Single();
        Assert.That(first.Tags["host"], Is.EqualTo("server01"));
        Assert.That(first.Partial, Is.True);
        Assert.That(chunks[0].Statements[0].Partial, Is.True);
        Series last = chunks[1].Statements[0].Series.Single();
        Assert.That(last.Tags["host"], Is.EqualTo("server01"));
        Assert.That(last.Partial, Is.False, "server01 is complete");
        Assert.That(chunks[1].Statements[0].Partial, Is.True, "statement 0 continues with server02");
        Assert.That(chunks[3].Statements[0].Partial, Is.False);
    }

    [TestCaseSource(nameof(ChunkedAll))]
    public void Combined_chunks_reproduce_the_unchunked_response_exactly(string file)
    {
        QueryResult combined = QueryResult.Combine(QueryResponseParser.ParseChunks(new MemoryStream(Bytes(file))));

        Assert.That(Dump(combined), Is.EqualTo(Dump(Parse("chunked_unchunked_reference.json"))));
    }

    [TestCaseSource(nameof(ChunkedAll))]
    public async Task Combined_async_chunks_reproduce_the_unchunked_response_exactly(string file)
    {
        var reader = new ScriptedPipeReader(Split(Bytes(file), RandomSizes(7, 50)));

        QueryResult combined = await QueryResult.CombineAsync(QueryResponseParser.ParseChunksAsync(reader));

        Assert.That(Dump(combined), Is.EqualTo(Dump(Parse("chunked_unchunked_reference.json"))));
    }

    [TestCaseSource(nameof(ChunkedAll))]
    public void Iterpoints_over_the_chunks_gives_the_unchunked_rows(string file)
    {
        string[] expected = Parse("chunked_unchunked_reference.json").IterPoints().Select(DumpRow).ToArray();

        string[] fromChunks = QueryResponseParser.ParseChunks(new MemoryStream(Bytes(file))).SelectMany(c => c.IterPoints()).Select(DumpRow).ToArray();
        string[] streamed = QueryResponseParser.IterPoints(new MemoryStream(Bytes(file)), (row, meta) => DumpRow(row)).ToArray();

        Assert.That(fromChunks, Is.EqualTo(expected));
        Assert.That(streamed, Is.EqualTo(expected));
    }

    [Test]
    public void Pieces_of_one_series_share_one_metadata_instance()
    {
        List<QueryResult> chunks = QueryResponseParser.ParseChunks(new MemoryStream(Bytes("chunked_size_1.ndjson"))).ToList();

        PointMetadata first = chunks[0].Statements[0].Series[0].Metadata;
        Assert.That(chunks[1].Statements[0].Series[0].Metadata, Is.SameAs(first));
        Assert.That(chunks[2].Statements[0].Series[0].Metadata, Is.SameAs(first));
        Assert.That(chunks[3].Statements[0].Series[0].Metadata, Is.Not.SameAs(first), "server02 is another series");
    }

    [Test]
    public void A_statement_error_after_rows_arrives_as_its_own_chunk()
    {
        List<QueryResult> chunks = QueryResponseParser.ParseChunks(new MemoryStream(Bytes("chunked_error.ndjson"))).ToList();

        Assert.That(chunks.Take(3).All(c => c.IsSuccess), Is.True);
        Assert.That(chunks[3].Statements.Single().Error, Does.StartWith("unsupported mean iterator type"));
        QueryResult combined = QueryResult.Combine(chunks);
        Assert.That(combined.Statements[0].Series.Single().Values, Has.Count.EqualTo(6));
        Assert.That(() => combined.EnsureSuccess(), Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.StatementId)).EqualTo(1));
    }

    [Test]
    public void Streamed_iterpoints_yields_the_rows_before_a_failing_statement_then_throws()
    {
        var seen = new List<string>();

        Assert.That(() =>
        {
            foreach (string row in QueryResponseParser.IterPoints(new MemoryStream(Bytes("chunked_error.ndjson")), (r, m) => DumpRow(r)))
            {
                seen.Add(row);
            }
        }, Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.ServerMessage)).StartsWith("unsupported mean"));
        Assert.That(seen, Has.Count.EqualTo(6));
    }

    [Test]
    public void Combining_aligns_pieces_whose_columns_differ_by_name()
    {
        QueryResult first = ParseText("""{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a"],"values":[[1,10]],"partial":true}],"partial":true}]}""");
        QueryResult second = ParseText("""{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","b","a"],"values":[[2,"x",20]]}]}]}""");
        QueryResult other = ParseText("""{"results":[{"statement_id":1,"series":[{"name":"n","columns":["v"],"values":[[true]]}],"messages":[{"level":"info","text":"t"}]}]}""");

        QueryResult combined = QueryResult.Combine([first, second, other]);

        Series m = combined.Statements[0].Series.Single();
        Assert.That(m.Columns, Is.EqualTo(new[] { "time", "a", "b" }));
        Assert.That(m.Values.Select(DumpRow), Is.EqualTo(new[] { "[Integer:1, Integer:10, Null:null]", "[Integer:2, Integer:20, \"x\"]" }));
        Assert.That(m.Partial, Is.False);
        Assert.That(combined.Statements[0].Partial, Is.False);
        Assert.That(combined.Statements[1].Messages.Single().Text, Is.EqualTo("t"));
    }

    [Test]
    public void Database_not_found_arrives_as_a_chunk_with_the_statement_error()
    {
        QueryResult chunk = QueryResponseParser.ParseChunks(new MemoryStream(Bytes("chunked_database_not_found.ndjson"))).Single();

        Assert.That(chunk.Statements.Single().Error, Is.EqualTo("database not found: nonexistent"));
    }
}
