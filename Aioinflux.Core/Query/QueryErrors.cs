using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Aioinflux.Query;

/// <summary>Every exception of the query layer is built here, so the messages stay consistent.</summary>
internal static class QueryErrors
{
    private const int SnippetLength = 80;

    public static InfluxDBQueryException StatementFailed(int statementId, string serverMessage) =>
        new($"Statement {statementId} of the query failed: {serverMessage}", serverMessage, statementId);

    public static InfluxDBQueryException RequestFailed(string serverMessage) =>
        new($"InfluxDB rejected the query: {serverMessage}", serverMessage, statementId: null);

    public static InfluxDBException EmptyResponse() =>
        new("The /query response body was empty; expected a JSON object such as {\"results\":[…]}. Check that the request "
            + "reached InfluxDB 1.x's /query endpoint and not a proxy or load balancer that answers with no body.");

    public static InfluxDBException NotAResponse(ReadOnlySequence<byte> start, long offset, JsonException? inner)
    {
        string snippet = Snippet(start);
        string kind = snippet.StartsWith('<') ? "HTML or XML (often an error page from a proxy or load balancer)"
            : inner is not null ? "not JSON" : "other JSON";
        return new InfluxDBException(
            $"The /query response is not a JSON object ({{\"results\": […]}}) but {kind}, at byte {offset}: \"{snippet}\". "
            + "Check the URL, and whether a proxy answered instead of InfluxDB.",
            inner);
    }

    public static InfluxDBException InvalidJson(string location, long offset, JsonException inner) =>
        new($"The /query response is not valid JSON at byte {offset}, while reading {location}: {inner.Message}", inner);

    public static InfluxDBException Unexpected(string location, long offset, string expected, string found) =>
        new($"The /query response has an unexpected shape at byte {offset}, while reading {location}: expected {expected}, found {found}. "
            + "Is the server InfluxDB 1.x?");

    public static InfluxDBException Truncated(string location, long offset) =>
        new($"The /query response ended after {offset} bytes, in the middle of {location}: the connection was closed before "
            + "InfluxDB finished (a timeout, a restart, a proxy's size limit). Retry the query, or use chunked=true for large results.");

    public static InfluxDBException MoreThanOneDocument(long offset) =>
        new($"The /query response holds another JSON document from byte {offset} on: it is a chunked response (chunked=true). "
            + "Read it with QueryResponseParser.ParseChunksAsync or ParseChunks.");

    public static InfluxDBException OutOfOrder(string location, long offset, string what) =>
        new($"The /query response sent a series' {what} at byte {offset}, while reading {location}; the streaming parser "
            + "needs a series' name, tags and columns before its rows, as InfluxDB 1.x sends them.");

    public static InfluxDBException RowWidth(PointMetadata series, long row, int found) =>
        new($"Row {row} of series '{series.Name}' (statement {series.StatementId}) has {found} value(s) but the series has "
            + $"{series.Columns.Count} column(s) ({string.Join(", ", series.Columns)}).");

    public static InfluxDBException ValueMismatch(PointMetadata series, int column, long row, string found, string wanted) =>
        new($"Column '{ColumnName(series, column)}' of series '{series.Name}' (statement {series.StatementId}, row {row}) "
            + $"holds {found}, which cannot be read as {wanted}.");

    public static InfluxDBException NotScalar(PointMetadata series, int column, long row, string found) =>
        new($"Column '{ColumnName(series, column)}' of series '{series.Name}' (statement {series.StatementId}, row {row}) "
            + $"holds {found}; query values are numbers, strings, booleans or null.");

    public static InfluxDBException RowReaderFailed(Type type, Exception inner) =>
        new($"Cannot read a {type.Name} from the query result: {inner.Message}", inner);

    public static string ColumnName(PointMetadata series, int column) =>
        (uint)column < (uint)series.Columns.Count ? series.Columns[column] : $"#{column}";

    private static string Snippet(ReadOnlySequence<byte> start)
    {
        ReadOnlySequence<byte> head = start.Slice(0, Math.Min(start.Length, SnippetLength));
        string text = Encoding.UTF8.GetString(head);
        var printable = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            printable.Append(char.IsControl(c) ? ' ' : c);
        }

        return printable.ToString().Trim() + (start.Length > SnippetLength ? "…" : string.Empty);
    }
}
