using System.IO.Pipelines;
using Aioinflux.Query;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Query;

/// <summary>aioinflux's iterpoints, with the docs' examples (h2o_quality, LIMIT 5).</summary>
public class IterPointsTests
{
    private static readonly string[] DocsRows =
    [
        "[1439856000000000000, 41, coyote_creek, 1]",
        "[1439856000000000000, 99, santa_monica, 2]",
        "[1439856360000000000, 11, coyote_creek, 3]",
        "[1439856360000000000, 56, santa_monica, 2]",
        "[1439856720000000000, 65, santa_monica, 3]",
    ];

    [Test]
    public void Without_a_parser_each_point_is_a_plain_row_of_values()
    {
        QueryResult result = Parse("h2o_quality.json", WritePrecision.Nanoseconds);

        Assert.That(result.IterPoints().Select(row => row.ToString()), Is.EqualTo(DocsRows));
    }

    [Test]
    public void A_parser_with_meta_makes_a_dictionary_per_point()
    {
        QueryResult result = Parse("h2o_quality.json", WritePrecision.Nanoseconds);

        // aioinflux: iterpoints(r, lambda *x, meta: dict(zip(meta['columns'], x)))
        List<Dictionary<string, InfluxValue>> points = result
            .IterPoints((row, meta) => meta.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second))
            .ToList();

        Assert.That(points, Has.Count.EqualTo(5));
        Assert.That(points[0], Is.EqualTo(new Dictionary<string, InfluxValue>
        {
            ["time"] = 1439856000000000000L,
            ["index"] = 41L,
            ["location"] = "coyote_creek",
            ["randtag"] = "1",
        }));
        Assert.That(points[4]["location"].AsString(), Is.EqualTo("santa_monica"));
    }

    [Test]
    public void A_parser_can_make_a_record_per_point()
    {
        QueryResult result = Parse("h2o_quality.json", WritePrecision.Nanoseconds);

        // aioinflux: iterpoints(r, parser=namedtuple('MyPoint', ['time', 'index', 'location', 'randtag']))
        List<MyPoint> points = result
            .IterPoints((row, meta) => new MyPoint(row[0].AsLong(), row[1].AsLong(), row[2].AsString(), row[3].AsString()))
            .ToList();

        Assert.That(points[0].ToString(), Is.EqualTo("MyPoint { Time = 1439856000000000000, Index = 41, Location = coyote_creek, Randtag = 1 }"));
        Assert.That(points.Select(p => p.Index), Is.EqualTo(new[] { 41L, 99L, 11L, 56L, 65L }));
    }

    [Test]
    public void Meta_carries_columns_name_tags_and_statement_id()
    {
        QueryResult result = Parse("multi_statement.json", WritePrecision.Seconds);

        var metas = result.IterPoints((row, meta) => meta).Distinct().ToList();

        Assert.That(metas.Select(m => (m.StatementId, m.Name, m.Tags.GetValueOrDefault("host"))), Is.EqualTo(new[]
        {
            (0, "cpu", (string?)null),
            (1, "mem", "server01"),
            (1, "mem", "server02"),
        }));
        Assert.That(metas[1].Columns, Is.EqualTo(new[] { "time", "free", "used" }));
        Assert.That(metas[1].Epoch, Is.EqualTo(WritePrecision.Seconds));
    }

    [Test]
    public async Task Streamed_iterpoints_gives_the_docs_rows_without_building_a_result()
    {
        var points = new List<string>();
        PipeReader reader = new ScriptedPipeReader(Split(Bytes("h2o_quality.json"), RandomSizes(3, 20)));
        await foreach (string point in QueryResponseParser.IterPointsAsync(reader, (row, meta) => row.ToString()))
        {
            points.Add(point);
        }

        Assert.That(points, Is.EqualTo(DocsRows));
    }

    [Test]
    public void Streamed_iterpoints_passes_a_row_valid_during_the_call()
    {
        List<InfluxValue[]> copies = QueryResponseParser
            .IterPoints(new MemoryStream(Bytes("h2o_quality.json")), (row, meta) => row.ToArray())
            .ToList();

        Assert.That(copies.Select(c => c[1].AsLong()), Is.EqualTo(new[] { 41L, 99L, 11L, 56L, 65L }));
    }

    [Test]
    public void Iterpoints_over_a_result_with_a_failed_statement_throws_when_it_gets_there()
    {
        QueryResult result = Parse("statement_error_second.json");
        using IEnumerator<InfluxRow> points = result.IterPoints().GetEnumerator();

        Assert.That(points.MoveNext() && points.MoveNext(), Is.True, "statement 0's two rows");
        Assert.That(() => points.MoveNext(), Throws.TypeOf<InfluxDBQueryException>());
    }

    private sealed record MyPoint(long Time, long Index, string Location, string Randtag);
}
