using System.Collections.ObjectModel;

namespace Aioinflux;

/// <summary>
/// One /query response (or one chunk of a chunked response): a result per statement, in order. Statement errors
/// are data here (<see cref="StatementResult.Error"/>); <see cref="EnsureSuccess"/> turns them into an exception.
/// </summary>
public sealed class QueryResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="statements">The statements' results.</param>
    public QueryResult(IReadOnlyList<StatementResult> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        Statements = statements;
    }

    /// <summary>The result of each statement, in the order InfluxDB sent them (by <c>statement_id</c>).</summary>
    public IReadOnlyList<StatementResult> Statements { get; }

    /// <summary>Whether no statement has an error.</summary>
    public bool IsSuccess
    {
        get
        {
            foreach (StatementResult statement in Statements)
            {
                if (statement.Error is not null)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Throws for the first statement that failed; returns this result when none did.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="InfluxDBQueryException">A statement failed; it carries the statement's id and the server's text.</exception>
    public QueryResult EnsureSuccess()
    {
        foreach (StatementResult statement in Statements)
        {
            statement.EnsureSuccess();
        }

        return this;
    }

    /// <summary>
    /// Each point's values as a row, series after series, statement after statement (aioinflux's
    /// <c>iterpoints(resp)</c>). Rows are views into this result: nothing is copied.
    /// </summary>
    /// <returns>The rows.</returns>
    /// <exception cref="InfluxDBQueryException">On reaching a statement that failed (the rows before it have been yielded).</exception>
    public IEnumerable<InfluxRow> IterPoints()
    {
        foreach (StatementResult statement in Statements)
        {
            statement.EnsureSuccess();
            foreach (Series series in statement.Series)
            {
                foreach (InfluxRow row in series.Values)
                {
                    yield return row;
                }
            }
        }
    }

    /// <summary>
    /// Each point converted by <paramref name="parser"/> (aioinflux's <c>iterpoints(resp, parser)</c>), which receives
    /// the point's values and its series' <see cref="PointMetadata"/> (columns, name, tags, statement id).
    /// </summary>
    /// <typeparam name="T">What a point becomes.</typeparam>
    /// <param name="parser">Converts a point: for example <c>(row, meta) =&gt; meta.Columns.Zip(row).ToDictionary()</c>.</param>
    /// <returns>The converted points.</returns>
    /// <exception cref="InfluxDBQueryException">On reaching a statement that failed (the points before it have been yielded).</exception>
    public IEnumerable<T> IterPoints<T>(Func<InfluxRow, PointMetadata, T> parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return Iterate(this, parser);

        static IEnumerable<T> Iterate(QueryResult result, Func<InfluxRow, PointMetadata, T> parser)
        {
            foreach (StatementResult statement in result.Statements)
            {
                statement.EnsureSuccess();
                foreach (Series series in statement.Series)
                {
                    foreach (InfluxRow row in series.Values)
                    {
                        yield return parser(row, series.Metadata);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Joins the chunks of a chunked response into whole statements and series. influxd splits a series across chunks
    /// (<c>"partial": true</c>), so pieces are merged by statement id, measurement name and tags, in order of first
    /// appearance; pieces whose columns differ are aligned by column name (missing values become null).
    /// </summary>
    /// <param name="chunks">The chunks, in the order they arrived.</param>
    /// <returns>One result, as if the query had not been chunked.</returns>
    public static QueryResult Combine(IEnumerable<QueryResult> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var merger = new Query.QueryResultMerger();
        foreach (QueryResult chunk in chunks)
        {
            merger.Add(chunk);
        }

        return merger.ToResult();
    }

    /// <summary>Joins the chunks of a chunked response as they arrive; see <see cref="Combine(IEnumerable{QueryResult})"/>.</summary>
    /// <param name="chunks">The chunks.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>One result, as if the query had not been chunked.</returns>
    public static async ValueTask<QueryResult> CombineAsync(IAsyncEnumerable<QueryResult> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var merger = new Query.QueryResultMerger();
        await foreach (QueryResult chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            merger.Add(chunk);
        }

        return merger.ToResult();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Statements.Count} statement(s)";
}

/// <summary>The result of one statement of a query: its series, or its error, and any messages.</summary>
public sealed class StatementResult
{
    private static readonly ReadOnlyCollection<Series> NoSeries = ReadOnlyCollection<Series>.Empty;
    private static readonly ReadOnlyCollection<QueryMessage> NoMessages = ReadOnlyCollection<QueryMessage>.Empty;

    /// <summary>Creates a statement result.</summary>
    /// <param name="statementId">The <c>statement_id</c>.</param>
    /// <param name="series">The series, or <see langword="null"/> for none.</param>
    /// <param name="error">The server's error text, or <see langword="null"/>.</param>
    /// <param name="messages">The informational messages, or <see langword="null"/> for none.</param>
    /// <param name="partial">Whether more of this statement follows in a later chunk.</param>
    public StatementResult(int statementId, IReadOnlyList<Series>? series, string? error, IReadOnlyList<QueryMessage>? messages, bool partial)
    {
        StatementId = statementId;
        Series = series ?? NoSeries;
        Error = error;
        Messages = messages ?? NoMessages;
        Partial = partial;
    }

    /// <summary>The statement's position in the query (<c>statement_id</c>).</summary>
    public int StatementId { get; }

    /// <summary>The series the statement returned; empty for statements that return none (<c>CREATE DATABASE</c>, an empty <c>SELECT</c>).</summary>
    public IReadOnlyList<Series> Series { get; }

    /// <summary>The server's error text for this statement (such as <c>database not found: mydb</c>), or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Informational messages the server attached (<c>"messages": [{"level": "warning", "text": "…"}]</c>).</summary>
    public IReadOnlyList<QueryMessage> Messages { get; }

    /// <summary>Whether more of this statement's results follow in a later chunk (chunked queries, or a row limit).</summary>
    public bool Partial { get; }

    /// <summary>Throws when the statement failed.</summary>
    /// <exception cref="InfluxDBQueryException">The statement has an <see cref="Error"/>.</exception>
    public void EnsureSuccess()
    {
        if (Error is not null)
        {
            throw Query.QueryErrors.StatementFailed(StatementId, Error);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Error is null
        ? $"statement {StatementId}: {Series.Count} series"
        : $"statement {StatementId}: error: {Error}";
}

/// <summary>One series of a statement's result: a measurement (and its <c>GROUP BY</c> tags), its columns and its rows.</summary>
public sealed class Series
{
    /// <summary>Creates a series.</summary>
    /// <param name="metadata">The name, tags, columns and statement.</param>
    /// <param name="values">The rows.</param>
    /// <param name="partial">Whether the series continues in a later chunk.</param>
    public Series(PointMetadata metadata, SeriesRows values, bool partial)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Width != metadata.Columns.Count)
        {
            throw new ArgumentException($"The rows have {values.Width} values each, but the series has {metadata.Columns.Count} columns.", nameof(values));
        }

        Metadata = metadata;
        Values = values;
        Partial = partial;
    }

    /// <summary>The statement, name, tags and columns every row shares (iterpoints' <c>meta</c>).</summary>
    public PointMetadata Metadata { get; }

    /// <summary>The measurement name (or a <c>SHOW</c> result's name); empty when the series has none.</summary>
    public string Name => Metadata.Name;

    /// <summary>The <c>GROUP BY</c> tags of the series; empty without <c>GROUP BY</c>.</summary>
    public IReadOnlyDictionary<string, string> Tags => Metadata.Tags;

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns => Metadata.Columns;

    /// <summary>The rows, each with one value per column.</summary>
    public SeriesRows Values { get; }

    /// <summary>Whether the series continues in a later chunk (<c>"partial": true</c>).</summary>
    public bool Partial { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Metadata}: {Values.Count} row(s){(Partial ? " (partial)" : string.Empty)}";
}

/// <summary>An informational message attached to a statement's result.</summary>
/// <param name="Level">The level, such as <c>warning</c>.</param>
/// <param name="Text">The text.</param>
public sealed record QueryMessage(string Level, string Text);
