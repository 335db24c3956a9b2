using System.Collections;
using System.Collections.Frozen;
using System.IO.Pipelines;
using Aioinflux.Query;
using Microsoft.Data.Analysis;

namespace Aioinflux;

/// <summary>
/// A query's result as DataFrames: one <see cref="SeriesDataFrame"/> per series, each carrying its statement id, name
/// and tags, listed statement after statement. It is aioinflux's <c>dataframe</c> output made uniform: where aioinflux
/// returns a DataFrame, a dict of them, or a list of dicts depending on what came back, this is always the flat list,
/// with <see cref="SingleFrame"/> for the common one-series case and <see cref="Statements"/> for the list of dicts.
/// </summary>
/// <remarks>
/// <para>aioinflux to Aioinflux:</para>
/// <list type="table">
/// <listheader><term>aioinflux</term><description>Aioinflux</description></listheader>
/// <item><term><c>df = await client.query(q)</c> (one series)</term><description><c>result.SingleFrame()</c>, or <c>QuerySingleDataFrameAsync</c></description></item>
/// <item><term><c>dfs['cpu,host=a']</c> (one statement, several series)</term><description><c>result.Statements[0].Frames["cpu,host=a"]</c>, or LINQ over <c>result</c> by <see cref="SeriesDataFrame.Tags"/></description></item>
/// <item><term><c>dfs[1]['cpu']</c> (several statements)</term><description><c>result.Statements[1].Frames["cpu"]</c></description></item>
/// <item><term><c>df.name</c></term><description><see cref="SeriesDataFrame.Name"/></description></item>
/// <item><term><c>pd.concat([c async for c in cursor])</c></term><description><see cref="CombineAsync"/></description></item>
/// </list>
/// </remarks>
public sealed class DataFrameQueryResult : IReadOnlyList<SeriesDataFrame>
{
    private readonly SeriesDataFrame[] _series;

    /// <summary>Creates a result from its statements.</summary>
    /// <param name="statements">The statements' results, in order.</param>
    public DataFrameQueryResult(IReadOnlyList<DataFrameStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        Statements = statements;
        var series = new List<SeriesDataFrame>();
        foreach (DataFrameStatement statement in statements)
        {
            series.AddRange(statement.Series);
        }

        _series = [.. series];
    }

    /// <summary>Each statement's result, in the order InfluxDB sent them (aioinflux's list of dicts).</summary>
    public IReadOnlyList<DataFrameStatement> Statements { get; }

    /// <summary>The number of series, over all statements.</summary>
    public int Count => _series.Length;

    /// <summary>Whether no statement has an error.</summary>
    public bool IsSuccess => Statements.All(static statement => statement.Error is null);

    /// <summary>A series, in statement order then the server's order.</summary>
    /// <param name="index">The index over all statements' series.</param>
    /// <returns>The series' frame and identity.</returns>
    public SeriesDataFrame this[int index] => _series[index];

    /// <summary>
    /// Parses a /query response (one document, or a chunked body of several, whose pieces of a series are joined) held
    /// in a stream (a file, a cached body) into frames, blocking on its reads.
    /// </summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="options">
    /// Time column type, column typing and tag columns; <see cref="DataFrameColumnTypes.FromFieldKeys"/> needs
    /// <see cref="DataFrameQueryOptions.FieldKeys"/> here. <see langword="null"/> for the defaults.
    /// </param>
    /// <param name="readOptions">The epoch the response's integer times are in (nanoseconds when not given).</param>
    /// <returns>The frames; statement errors are in <see cref="Statements"/> (see <see cref="EnsureSuccess"/>).</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static DataFrameQueryResult Parse(Stream utf8Json, DataFrameQueryOptions? options = null, QueryReadOptions? readOptions = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        DataFrameResultBuilder builder = DataFrameResultBuilder.ForWholeResult(options, FieldTypesFor(options));
        QueryResponseParser.Parse(utf8Json, builder, readOptions);
        return builder.TakeResult();
    }

    /// <summary>Parses a /query response from a <see cref="PipeReader"/> into frames; see <see cref="Parse"/>.</summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="options">Time column type, column typing and tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="readOptions">The epoch the response's integer times are in (nanoseconds when not given).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The frames.</returns>
    /// <exception cref="InfluxDBException">The body is not a complete /query response.</exception>
    /// <exception cref="InfluxDBQueryException">The server rejected the query as a whole (a top-level <c>"error"</c>).</exception>
    public static async ValueTask<DataFrameQueryResult> ParseAsync(
        PipeReader utf8Json, DataFrameQueryOptions? options = null, QueryReadOptions? readOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        DataFrameResultBuilder builder = DataFrameResultBuilder.ForWholeResult(options, FieldTypesFor(options));
        await QueryResponseParser.ParseAsync(utf8Json, builder, readOptions, cancellationToken).ConfigureAwait(false);
        return builder.TakeResult();
    }

    /// <summary>
    /// Joins the chunks of a chunked query (aioinflux's <c>pd.concat([i async for i in cursor])</c>): the pieces of a
    /// series, which influxd splits across chunks, are concatenated row-wise by statement, name and tags, in the order
    /// they came; columns are matched by name (a column missing from a piece is null there), and a column typed
    /// <c>Int64</c> in one piece and <c>Double</c> in another becomes <c>Double</c> (other mixes, <c>String</c>).
    /// </summary>
    /// <param name="chunks">The chunks, as <c>QueryDataFrameChunked</c> yields them.</param>
    /// <returns>One frame per series. A series that came in one piece keeps its frame, uncopied.</returns>
    public static DataFrameQueryResult Combine(IEnumerable<DataFrameQueryResult> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var combiner = new DataFrameCombiner();
        foreach (DataFrameQueryResult chunk in chunks)
        {
            combiner.Add(chunk);
        }

        return combiner.ToResult();
    }

    /// <summary>Joins the chunks of a chunked query as they arrive; see <see cref="Combine"/>.</summary>
    /// <param name="chunks">The chunks, as <c>QueryDataFrameChunkedAsync</c> yields them.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>One frame per series.</returns>
    public static async ValueTask<DataFrameQueryResult> CombineAsync(IAsyncEnumerable<DataFrameQueryResult> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var combiner = new DataFrameCombiner();
        await foreach (DataFrameQueryResult chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            combiner.Add(chunk);
        }

        return combiner.ToResult();
    }

    /// <summary>
    /// The frame of the only series: the common case (aioinflux returns a bare DataFrame then). A result with no
    /// series (nothing matched) gives an empty frame.
    /// </summary>
    /// <returns>The frame.</returns>
    /// <exception cref="InvalidOperationException">The result has several series; the message lists them.</exception>
    public DataFrame SingleFrame()
    {
        if (_series.Length == 1)
        {
            return _series[0].Frame;
        }

        if (_series.Length == 0)
        {
            return new DataFrame();
        }

        IEnumerable<string> names = _series.Take(5).Select(static s => $"statement {s.StatementId}: {s.Key}");
        throw new InvalidOperationException(
            $"The query returned {_series.Length} series ({string.Join("; ", names)}{(_series.Length > 5 ? "; …" : string.Empty)}), not one. "
            + "Pick one from the result of QueryDataFrameAsync by Name and Tags (or Statements[i].Frames[key]), or combine them yourself.");
    }

    /// <summary>Throws for the first statement that failed; returns this result when none did.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="InfluxDBQueryException">A statement failed; it carries the statement's id and the server's text.</exception>
    public DataFrameQueryResult EnsureSuccess()
    {
        foreach (DataFrameStatement statement in Statements)
        {
            statement.EnsureSuccess();
        }

        return this;
    }

    /// <summary>Enumerates the series, statement after statement.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<SeriesDataFrame> GetEnumerator() => ((IEnumerable<SeriesDataFrame>)_series).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => $"{Statements.Count} statement(s), {_series.Length} series";

    internal static FieldTypeMap? FieldTypesFor(DataFrameQueryOptions? options)
    {
        if (options?.ColumnTypes != DataFrameColumnTypes.FromFieldKeys)
        {
            return null;
        }

        return options.FieldKeys is { } fieldKeys
            ? new FieldTypeMap(fieldKeys)
            : throw new ArgumentException(
                "ColumnTypes = FromFieldKeys needs the field keys when a response is parsed without a client: set DataFrameQueryOptions.FieldKeys "
                + "(from InfluxDBClient.ShowFieldKeysAsync).",
                nameof(options));
    }
}

/// <summary>One statement's frames (aioinflux's dict of frames for the statement), error and messages.</summary>
public sealed class DataFrameStatement
{
    private IReadOnlyDictionary<string, DataFrame>? _frames;

    /// <summary>Creates a statement's result.</summary>
    /// <param name="statementId">The <c>statement_id</c>.</param>
    /// <param name="series">Its series' frames.</param>
    /// <param name="error">The server's error for the statement, or <see langword="null"/>.</param>
    /// <param name="messages">Informational messages, or <see langword="null"/> for none.</param>
    /// <param name="partial">Whether more of the statement follows in a later chunk.</param>
    public DataFrameStatement(int statementId, IReadOnlyList<SeriesDataFrame> series, string? error, IReadOnlyList<QueryMessage>? messages, bool partial)
    {
        ArgumentNullException.ThrowIfNull(series);
        StatementId = statementId;
        Series = series;
        Error = error;
        Messages = messages ?? [];
        Partial = partial;
    }

    /// <summary>The statement's <c>statement_id</c>: its position in a multi-statement query.</summary>
    public int StatementId { get; }

    /// <summary>The statement's series, in the server's order.</summary>
    public IReadOnlyList<SeriesDataFrame> Series { get; }

    /// <summary>
    /// The frames by <see cref="SeriesDataFrame.Key"/> (<c>cpu</c>, or <c>cpu,host=a</c> with <c>GROUP BY</c>):
    /// aioinflux's dict of frames for one statement.
    /// </summary>
    public IReadOnlyDictionary<string, DataFrame> Frames => _frames ??= Series
        .GroupBy(static series => series.Key, StringComparer.Ordinal)
        .ToFrozenDictionary(static group => group.Key, static group => group.First().Frame, StringComparer.Ordinal);

    /// <summary>The server's error text for the statement, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Informational messages the server attached.</summary>
    public IReadOnlyList<QueryMessage> Messages { get; }

    /// <summary>Whether more of this statement follows in a later chunk.</summary>
    public bool Partial { get; }

    /// <summary>Throws when the statement failed.</summary>
    /// <exception cref="InfluxDBQueryException">The statement has an <see cref="Error"/>.</exception>
    public void EnsureSuccess()
    {
        if (Error is not null)
        {
            throw new InfluxDBQueryException($"Statement {StatementId} of the query failed: {Error}", Error, StatementId);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Error is null ? $"statement {StatementId}: {Series.Count} series" : $"statement {StatementId}: error: {Error}";
}

/// <summary>
/// One series' DataFrame with what identifies it: statement, measurement name and <c>GROUP BY</c> tags. The frame has
/// the response's columns in its order (<c>time</c> first), then, by default, one column per tag.
/// </summary>
public sealed class SeriesDataFrame
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = FrozenDictionary<string, string>.Empty;

    private string? _key;

    /// <summary>Creates a series' frame.</summary>
    /// <param name="statementId">The statement's <c>statement_id</c>.</param>
    /// <param name="name">The measurement (or <c>SHOW</c> result) name; empty when the series has none.</param>
    /// <param name="tags">The <c>GROUP BY</c> tags, or <see langword="null"/> for none.</param>
    /// <param name="frame">The rows.</param>
    /// <param name="partial">Whether the series continues in a later chunk.</param>
    public SeriesDataFrame(int statementId, string name, IReadOnlyDictionary<string, string>? tags, DataFrame frame, bool partial = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(frame);
        StatementId = statementId;
        Name = name;
        Tags = tags ?? NoTags;
        Frame = frame;
        Partial = partial;
    }

    /// <summary>The statement's <c>statement_id</c>.</summary>
    public int StatementId { get; }

    /// <summary>The measurement name (aioinflux's <c>df.name</c>), or the name of a <c>SHOW</c> result; empty when there is none.</summary>
    public string Name { get; }

    /// <summary>The tags the series is grouped by (<c>GROUP BY host</c>); empty without <c>GROUP BY</c>.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>
    /// aioinflux's key for the series in its dict of frames: the name and the tags as <c>key=value</c>, joined by commas
    /// (<c>cpu,host=a,region=eu</c>), in the server's tag order.
    /// </summary>
    public string Key => _key ??= string.Join(',', Tags.Select(static tag => $"{tag.Key}={tag.Value}").Prepend(Name).Where(static part => part.Length > 0));

    /// <summary>The series' rows.</summary>
    public DataFrame Frame { get; }

    /// <summary>Whether the series continues in a later chunk (only in chunks of a chunked query; <see cref="DataFrameQueryResult.Combine"/> joins them).</summary>
    public bool Partial { get; }

    /// <inheritdoc/>
    public override string ToString() => $"statement {StatementId}: {Key}: {Frame.Rows.Count} row(s){(Partial ? " (partial)" : string.Empty)}";
}
