namespace Aioinflux.Query;

/// <summary>Builds the result model (<see cref="QueryResult"/>) from the parser's events; one result per JSON document.</summary>
internal sealed class QueryResultBuilder : IQueryResultSink
{
    private List<StatementResult> _statements = [];
    private List<Series>? _series;
    private SeriesRows? _rows;
    private QueryResult? _completed;

    /// <summary>Takes the result of the last completed document.</summary>
    public QueryResult TakeResult()
    {
        QueryResult result = _completed ?? throw new InvalidOperationException("No query result document has been completed.");
        _completed = null;
        return result;
    }

    public void OnStatementStart(int statementId) => _series = null;

    public void OnSeriesStart(PointMetadata series) => _rows = new SeriesRows(series.Columns.Count);

    public void OnRow(ref QueryRowReader row)
    {
        Span<InfluxValue> values = _rows!.AddRow();
        int count = 0;
        while (row.Read())
        {
            if (count == values.Length)
            {
                row.FinishRow();
                throw QueryErrors.RowWidth(row.Series, row.RowIndex, row.ValuesRead);
            }

            values[count++] = row.GetValue();
        }

        if (count != values.Length)
        {
            throw QueryErrors.RowWidth(row.Series, row.RowIndex, count);
        }
    }

    public void OnSeriesEnd(PointMetadata series, bool partial)
    {
        (_series ??= []).Add(new Series(series, _rows!, partial));
        _rows = null;
    }

    public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
    {
        _statements.Add(new StatementResult(statementId, _series, error, messages, partial));
        _series = null;
    }

    public void OnDocumentEnd()
    {
        _completed = new QueryResult(_statements);
        _statements = [];
    }
}

/// <summary>Collects rows read by an <see cref="IQueryRowReader{T}"/>; the caller drains <see cref="Batch"/> after each buffer.</summary>
internal sealed class TypedRowSink<T>(IQueryRowReader<T> reader) : IQueryResultSink
{
    private PointMetadata? _boundSeries;
    private QueryColumnBinding? _binding;

    public List<T> Batch { get; } = [];

    public void OnStatementStart(int statementId)
    {
    }

    public void OnSeriesStart(PointMetadata series)
    {
        if (!ReferenceEquals(series, _boundSeries))
        {
            _binding = reader.BindColumns(series);
            _boundSeries = series;
        }
    }

    public void OnRow(ref QueryRowReader row)
    {
        T value;
        try
        {
            value = reader.ReadRow(ref row, _binding!);
        }
        catch (InfluxDBException e)
        {
            throw QueryErrors.RowReaderFailed(typeof(T), e);
        }

        Batch.Add(value);
    }

    public void OnSeriesEnd(PointMetadata series, bool partial)
    {
    }

    public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
    {
        if (error is not null)
        {
            throw QueryErrors.StatementFailed(statementId, error);
        }
    }

    public void OnDocumentEnd()
    {
    }
}

/// <summary>
/// Streams iterpoints: each row is decoded into one reused buffer and handed to the parser at once, so nothing is
/// kept per row but what the parser returns.
/// </summary>
internal sealed class IterPointsSink<T>(Func<InfluxRow, PointMetadata, T> parser) : IQueryResultSink
{
    private InfluxValue[] _row = [];
    private PointMetadata? _series;

    public List<T> Batch { get; } = [];

    public void OnStatementStart(int statementId)
    {
    }

    public void OnSeriesStart(PointMetadata series)
    {
        _series = series;
        if (_row.Length != series.Columns.Count)
        {
            _row = new InfluxValue[series.Columns.Count];
        }
    }

    public void OnRow(ref QueryRowReader row)
    {
        int count = 0;
        while (row.Read())
        {
            if (count == _row.Length)
            {
                row.FinishRow();
                throw QueryErrors.RowWidth(row.Series, row.RowIndex, row.ValuesRead);
            }

            _row[count++] = row.GetValue();
        }

        if (count != _row.Length)
        {
            throw QueryErrors.RowWidth(row.Series, row.RowIndex, count);
        }

        Batch.Add(parser(new InfluxRow(_row, 0, _row.Length), _series!));
    }

    public void OnSeriesEnd(PointMetadata series, bool partial)
    {
    }

    public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
    {
        if (error is not null)
        {
            throw QueryErrors.StatementFailed(statementId, error);
        }
    }

    public void OnDocumentEnd()
    {
    }
}
