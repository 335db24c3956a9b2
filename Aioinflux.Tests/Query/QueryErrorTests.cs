using System.Text;
using System.Text.Json;
using Aioinflux.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Query;

/// <summary>Bodies that are not a complete /query response fail with context, never with a bare JsonException.</summary>
public class QueryErrorTests
{
    private static InfluxDBException ParseFails(string body) => ParseFails(Encoding.UTF8.GetBytes(body));

    private static InfluxDBException ParseFails(byte[] body)
    {
        Exception? error = null;
        try
        {
            QueryResponseParser.Parse(body);
        }
        catch (Exception e)
        {
            error = e;
        }

        Assert.That(error, Is.InstanceOf<InfluxDBException>(), () => $"got {error?.GetType().Name ?? "no exception"}: {error?.Message}");
        return (InfluxDBException)error!;
    }

    [Test]
    public void Top_level_parse_error_throws_with_the_servers_text()
    {
        InfluxDBQueryException? error = Assert.Throws<InfluxDBQueryException>(() => Parse("parse_error.json"));

        Assert.That(error!.ServerMessage, Is.EqualTo("error parsing query: found SELEKT, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, char 1"));
        Assert.That(error.StatementId, Is.Null);
        Assert.That(error.Message, Does.Contain("found SELEKT"));
    }

    [Test]
    public void Missing_query_parameter_throws_with_the_servers_text()
    {
        InfluxDBQueryException? error = Assert.Throws<InfluxDBQueryException>(() => Parse("missing_query.json"));

        Assert.That(error!.ServerMessage, Is.EqualTo("missing required parameter \"q\""));
    }

    [Test]
    public void Html_body_is_reported_as_not_json_with_its_start()
    {
        InfluxDBException error = ParseFails("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");

        Assert.That(error.Message, Does.Contain("not a JSON object").And.Contain("HTML").And.Contain("<!DOCTYPE html> <html><head><title>502 Bad Gateway"));
        Assert.That(error.Message, Does.Contain("at byte 0"));
        Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
    }

    [Test]
    public void Plain_text_body_is_reported_as_not_json()
    {
        InfluxDBException error = ParseFails("404 page not found\n");

        Assert.That(error.Message, Does.Contain("not a JSON object").And.Contain("404 page not found"));
    }

    [TestCase("")]
    [TestCase("  \r\n\t ")]
    public void Empty_body_is_reported_as_empty(string body)
    {
        InfluxDBException error = ParseFails(body);

        Assert.That(error.Message, Does.Contain("body was empty"));
    }

    [Test]
    public void Every_truncation_of_a_response_is_reported_as_truncated_with_context()
    {
        byte[] data = Bytes("group_by_host.json");
        int end = Array.LastIndexOf(data, (byte)'}') + 1;

        for (int length = 1; length < end; length++)
        {
            InfluxDBException error = ParseFails(data[..length]);
            Assert.That(error.Message, Does.Contain("ended after " + length + " bytes"), $"cut at {length}: {error.Message}");
        }
    }

    [Test]
    public void Truncation_names_what_was_being_read()
    {
        byte[] data = Bytes("group_by_host.json");
        string text = Encoding.UTF8.GetString(data);

        Assert.That(ParseFails(data[..text.IndexOf("[1439856360000000000", StringComparison.Ordinal)]).Message,
            Does.Contain("row 1 of series 'cpu' of statement 0"));
        Assert.That(ParseFails(data[..(text.IndexOf("\"columns\"", StringComparison.Ordinal) + 12)]).Message,
            Does.Contain("series 'cpu' of statement 0"));
        Assert.That(ParseFails(data[..20]).Message, Does.Contain("statement 0"));
        Assert.That(ParseFails(data[..5]).Message, Does.Contain("top level"));
    }

    [Test]
    public async Task Truncated_chunked_stream_fails_after_yielding_the_complete_chunks()
    {
        byte[] data = Bytes("chunked_size_2.ndjson");
        byte[] cut = data[..(data.Length - 40)];
        var chunks = new List<QueryResult>();

        InfluxDBException? error = Assert.ThrowsAsync<InfluxDBException>(async () =>
        {
            await foreach (QueryResult chunk in QueryResponseParser.ParseChunksAsync(new ScriptedPipeReader(Split(cut, RandomSizes(9, 100)))))
            {
                chunks.Add(chunk);
            }
        });

        Assert.That(chunks, Has.Count.EqualTo(8));
        Assert.That(error!.Message, Does.Contain("chunk 9").And.Contain("ended after " + cut.Length + " bytes"));
        await Task.CompletedTask;
    }

    [Test]
    public void Invalid_json_inside_a_row_names_the_row_and_byte()
    {
        string body = """{"results":[{"statement_id":0,"series":[{"name":"m","columns":["a","b"],"values":[[1,2],[3,tru]]}]}]}""";

        InfluxDBException error = ParseFails(body);

        Assert.That(error.Message, Does.Contain("not valid JSON at byte").And.Contain("row 1 of series 'm' of statement 0"));
        Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
    }

    [Test]
    public void Invalid_json_is_wrapped_whether_the_bytes_arrive_at_once_or_in_pieces()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"results":[{"statement_id":0,"series":[{"name":"m","columns":["a"],"values":[[1}]}]}""");

        Assert.That(() => QueryResponseParser.Parse(new TrickleStream(body, Ones())), Throws.InstanceOf<InfluxDBException>().With.InnerException.InstanceOf<JsonException>());
        Assert.That(async () => await QueryResponseParser.ParseAsync(new ScriptedPipeReader(Split(body, Ones()))),
            Throws.InstanceOf<InfluxDBException>().With.Message.Contains("row 0 of series 'm'"));
    }

    [TestCase("""{"results":{}}""", "expected an array for \"results\", found an object")]
    [TestCase("""{"results":[1]}""", "expected a statement's result object, found a number")]
    [TestCase("""{"results":[{"statement_id":"zero"}]}""", "expected an integer for \"statement_id\", found a string")]
    [TestCase("""{"results":[{"series":[{"columns":[1]}]}]}""", "expected a column name, found a number")]
    [TestCase("""{"results":[{"series":[{"columns":["a"],"values":[1]}]}]}""", "expected a row array, found a number")]
    [TestCase("""{"results":[{"series":[{"tags":{"a":1}}]}]}""", "expected a string for tag \"a\", found a number")]
    [TestCase("""{"results":[{"partial":"yes"}]}""", "expected a boolean for \"partial\", found a string")]
    public void Json_of_the_wrong_shape_says_what_was_expected(string body, string expected)
    {
        InfluxDBException error = ParseFails(body);

        Assert.That(error.Message, Does.Contain("unexpected shape").And.Contain(expected));
    }

    [TestCase("[1,2,3]")]
    [TestCase("\"results\"")]
    [TestCase("null")]
    public void Json_that_is_not_an_object_is_not_a_response(string body)
    {
        InfluxDBException error = ParseFails(body);

        Assert.That(error.Message, Does.Contain("not a JSON object").And.Contain("other JSON").And.Contain(body));
    }

    [TestCase("""{"results":[{"series":[{"values":[[1]],"columns":["a"]}]}]}""", "\"values\" before its \"columns\"")]
    [TestCase("""{"results":[{"series":[{"columns":["a"],"values":[[1]],"name":"m"}]}]}""", "\"name\" after its \"values\"")]
    [TestCase("""{"results":[{"series":[{"columns":["a"],"values":[],"tags":{}}]}]}""", "\"tags\" after its \"values\"")]
    public void Series_headers_after_rows_are_refused_with_an_explanation(string body, string expected)
    {
        InfluxDBException error = ParseFails(body);

        Assert.That(error.Message, Does.Contain(expected).And.Contain("before its rows"));
    }

    [TestCase("[[1,2,3]]", "has 3 value(s) but the series has 2 column(s)")]
    [TestCase("[[1]]", "has 1 value(s) but the series has 2 column(s)")]
    [TestCase("[[1,[2]]]", "holds an array")]
    [TestCase("[[1,{\"x\":2}]]", "holds an object")]
    public void Rows_that_do_not_fit_the_columns_are_refused(string values, string expected)
    {
        InfluxDBException error = ParseFails($$"""{"results":[{"series":[{"name":"m","columns":["a","b"],"values":{{values}}}]}]}""");

        Assert.That(error.Message, Does.Contain(expected).And.Contain("series 'm'"));
    }

    [Test]
    public void A_chunked_body_given_to_the_unchunked_parser_says_to_use_the_chunk_methods()
    {
        InfluxDBException error = ParseFails(Bytes("chunked_size_2.ndjson"));

        Assert.That(error.Message, Does.Contain("chunked response").And.Contain("ParseChunks"));
    }

    [Test]
    public void A_top_level_error_in_a_chunked_stream_throws_with_the_servers_text()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"results\":[{\"statement_id\":0}]}\n{\"error\":\"max-select-point limit exceeded\"}\n");
        var chunks = new List<QueryResult>();

        Assert.That(() =>
        {
            foreach (QueryResult chunk in QueryResponseParser.ParseChunks(new MemoryStream(body)))
            {
                chunks.Add(chunk);
            }
        }, Throws.TypeOf<InfluxDBQueryException>().With.Property(nameof(InfluxDBQueryException.ServerMessage)).EqualTo("max-select-point limit exceeded"));
        Assert.That(chunks, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_error_after_one_byte_at_a_time_leaves_the_pipe_usable()
    {
        byte[] body = Encoding.UTF8.GetBytes("<html>");
        var reader = new ScriptedPipeReader(Split(body, Ones()));

        Assert.That(async () => await QueryResponseParser.ParseAsync(reader), Throws.InstanceOf<InfluxDBException>().With.Message.Contains("HTML"));
    }
}
