using System.Buffers;
using System.Text;
using Aioinflux.Query;
using Microsoft.Data.Analysis;

namespace Aioinflux.Tests.DataFrames;

/// <summary>Cell-by-cell frame comparison, and ways to read canned responses into frames.</summary>
internal static class FrameAssert
{
    /// <summary>Same column names, column types, row count and cells (nulls included).</summary>
    public static void AreEqual(DataFrame expected, DataFrame actual, string because = "")
    {
        Assert.That(actual.Columns.Select(c => c.Name), Is.EqualTo(expected.Columns.Select(c => c.Name)), $"column names {because}");
        Assert.That(actual.Columns.Select(c => c.GetType()), Is.EqualTo(expected.Columns.Select(c => c.GetType())), $"column types {because}");
        Assert.That(actual.Rows.Count, Is.EqualTo(expected.Rows.Count), $"row count {because}");
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            DataFrameColumn want = expected.Columns[c];
            DataFrameColumn got = actual.Columns[c];
            Assert.That(got.NullCount, Is.EqualTo(want.NullCount), $"nulls of {want.Name} {because}");
            for (long r = 0; r < want.Length; r++)
            {
                Assert.That(got[r], Is.EqualTo(want[r]), $"{want.Name}[{r}] {because}");
            }
        }
    }

    public static DataFrameQueryResult Parse(string json, DataFrameQueryOptions? options = null, WritePrecision? epoch = null)
        => Parse(Encoding.UTF8.GetBytes(json), options, epoch);

    public static DataFrameQueryResult Parse(byte[] body, DataFrameQueryOptions? options = null, WritePrecision? epoch = null)
        => DataFrameQueryResult.Parse(new MemoryStream(body, writable: false), options, new QueryReadOptions { Epoch = epoch });

    /// <summary>A chunked body read chunk by chunk, as QueryDataFrameChunkedAsync reads one from InfluxDB.</summary>
    public static List<DataFrameQueryResult> ParseChunks(byte[] body, DataFrameQueryOptions? options = null, WritePrecision? epoch = null)
    {
        DataFrameResultBuilder builder = DataFrameResultBuilder.ForChunks(options, DataFrameQueryResult.FieldTypesFor(options));
        var engine = new QueryResponseEngine(builder, epoch, multipleDocuments: true);
        var chunks = new List<DataFrameQueryResult>();
        var buffer = new ReadOnlySequence<byte>(body);
        while (true)
        {
            FeedStatus status = engine.Feed(buffer, isFinalBlock: true, out long consumed);
            buffer = buffer.Slice(consumed);
            if (status == FeedStatus.DocumentCompleted)
            {
                chunks.Add(builder.TakeResult());
            }
            else if (status == FeedStatus.Completed)
            {
                return chunks;
            }
            else
            {
                throw new InvalidOperationException("The whole body was given, yet the parser asked for more.");
            }
        }
    }

    /// <summary>A one-series response with these columns and rows (JSON values as text).</summary>
    public static string Response(string name, string[] columns, params string[][] rows)
    {
        var json = new StringBuilder("""{"results":[{"statement_id":0,"series":[{"name":""").Append('"').Append(name).Append("\",\"columns\":[");
        json.AppendJoin(',', columns.Select(c => $"\"{c}\"")).Append("],\"values\":[");
        json.AppendJoin(',', rows.Select(row => "[" + string.Join(',', row) + "]"));
        return json.Append("]}]}]}").ToString();
    }
}
