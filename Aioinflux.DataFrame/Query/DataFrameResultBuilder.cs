using Microsoft.Data.Analysis;

namespace Aioinflux.Query;

/// <summary>
/// Builds DataFrames straight from the parser's events: each row's values go from the JSON bytes into the columns'
/// buffers (<see cref="ColumnBuilder"/>), with no result model, row object or boxed value in between.
/// </summary>
/// <remarks>
/// Two modes. For a whole result, the pieces of a series split across chunks (<c>"partial": true</c>, then the same
/// series again) are read into the same columns, as are the pieces of a statement. For a chunk stream, every chunk's
/// pieces are frames of their own, marked partial, taken after each chunk with <see cref="TakeResult"/>.
/// </remarks>
internal sealed class DataFrameResultBuilder : IQueryResultSink
{
    private readonly DataFrameQueryOptions _options;
    private readonly FieldTypeMap? _fieldTypes;
    private readonly bool _joinPieces;

    private List<DataFrameStatement> _statements = [];
    private List<SeriesDataFrame> _series = [];
    private SeriesBuilder? _current;
    private SeriesBuilder? _continuable;
    private bool _statementPending;
    private int _statementId;
    private string? _error;
    private List<QueryMessage>? _messages;

    private DataFrameResultBuilder(DataFrameQueryOptions? options, FieldTypeMap? fieldTypes, bool joinPieces)
    {
        _options = options ?? new DataFrameQueryOptions();
        _fieldTypes = fieldTypes;
        _joinPieces = joinPieces;
    }

    /// <summary>A builder for a whole result, chunked on the wire or not.</summary>
    public static DataFrameResultBuilder ForWholeResult(DataFrameQueryOptions? options, FieldTypeMap? fieldTypes) => new(options, fieldTypes, joinPieces: true);

    /// <summary>A builder whose result is taken after every chunk.</summary>
    public static DataFrameResultBuilder ForChunks(DataFrameQueryOptions? options, FieldTypeMap? fieldTypes) => new(options, fieldTypes, joinPieces: false);

    public void OnStatementStart(int statementId)
    {
        if (_statementPending && statementId != _statementId)
        {
            // A statement that said more would follow, but another began: it ended there.
            EndStatement(partial: true);
        }

        _statementId = statementId;
        _statementPending = true;
    }

    public void OnSeriesStart(PointMetadata series)
    {
        if (_continuable is not null)
        {
            if (_continuable.Metadata.HasSameShape(series))
            {
                _current = _continuable;
                _continuable = null;
                return;
            }

            FinishSeries(_continuable, partial: true);
            _continuable = null;
        }

        _current = new SeriesBuilder(series, _options, _fieldTypes);
    }

    public void OnRow(ref QueryRowReader row) => _current!.AppendRow(ref row);

    public void OnSeriesEnd(PointMetadata series, bool partial)
    {
        SeriesBuilder current = _current!;
        _current = null;
        if (partial && _joinPieces)
        {
            _continuable = current;
        }
        else
        {
            FinishSeries(current, partial);
        }
    }

    public void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial)
    {
        _error ??= error;
        if (messages.Count > 0)
        {
            (_messages ??= []).AddRange(messages);
        }

        if (!(partial && _joinPieces))
        {
            EndStatement(partial);
        }
    }

    public void OnDocumentEnd()
    {
    }

    /// <summary>Takes what has been built (everything, or the last chunk) and starts afresh.</summary>
    public DataFrameQueryResult TakeResult()
    {
        if (_statementPending)
        {
            // Still partial at the end (a row limit, or the chunk's own piece): what came is what there is.
            EndStatement(partial: true);
        }

        var result = new DataFrameQueryResult(_statements);
        _statements = [];
        return result;
    }

    private void FinishSeries(SeriesBuilder series, bool partial)
    {
        PointMetadata metadata = series.Metadata;
        _series.Add(new SeriesDataFrame(metadata.StatementId, metadata.Name, metadata.Tags, series.ToFrame(_options.TagColumns), partial));
    }

    private void EndStatement(bool partial)
    {
        if (_continuable is not null)
        {
            FinishSeries(_continuable, partial: true);
            _continuable = null;
        }

        _statements.Add(new DataFrameStatement(_statementId, _series, _error, _messages, partial));
        _series = [];
        _error = null;
        _messages = null;
        _statementPending = false;
    }
}

/// <summary>One series' columns while its rows are read.</summary>
internal sealed class SeriesBuilder
{
    private readonly ColumnBuilder[] _columns;

    public SeriesBuilder(PointMetadata metadata, DataFrameQueryOptions options, FieldTypeMap? fieldTypes)
    {
        Metadata = metadata;
        ReadOnlySpan<string> names = metadata.ColumnSpan;
        _columns = new ColumnBuilder[names.Length];
        var taken = new HashSet<string>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            ColumnKind kind = i == metadata.TimeColumnIndex
                ? options.TimeColumn == DataFrameTimeColumn.Nanoseconds ? ColumnKind.TimeNanoseconds : ColumnKind.TimeDateTime
                : fieldTypes?.KindOf(metadata.Name, names[i]) ?? ColumnKind.Empty;
            _columns[i] = new ColumnBuilder(UniqueName(names[i], taken), kind);
        }
    }

    public PointMetadata Metadata { get; }

    public int RowCount { get; private set; }

    public void AppendRow(ref QueryRowReader row)
    {
        ColumnBuilder[] columns = _columns;
        int column = 0;
        while (row.Read())
        {
            if (column == columns.Length)
            {
                throw RowWidth(ref row, "more");
            }

            columns[column++].Append(ref row);
        }

        if (column != columns.Length)
        {
            throw RowWidth(ref row, "fewer");
        }

        RowCount++;
    }

    /// <summary>The frame: the response's columns, then one constant column per tag that no column is named like.</summary>
    public DataFrame ToFrame(bool tagColumns)
    {
        var columns = new List<DataFrameColumn>(_columns.Length + (tagColumns ? Metadata.Tags.Count : 0));
        foreach (ColumnBuilder column in _columns)
        {
            columns.Add(column.ToColumn());
        }

        if (tagColumns)
        {
            foreach ((string key, string value) in Metadata.Tags)
            {
                if (Metadata.IndexOf(key) < 0)
                {
                    columns.Add(new StringDataFrameColumn(key, Enumerable.Repeat(value, RowCount)));
                }
            }
        }

        return new DataFrame(columns);
    }

    // influxd already suffixes repeated names (value, value_1); should a column name still repeat, a DataFrame would refuse it.
    private static string UniqueName(string name, HashSet<string> taken)
    {
        string unique = name;
        for (int suffix = 1; !taken.Add(unique); suffix++)
        {
            unique = $"{name}_{suffix}";
        }

        return unique;
    }

    private InfluxDBException RowWidth(ref QueryRowReader row, string moreOrFewer) =>
        new($"Row {row.RowIndex} of series {Metadata} has {moreOrFewer} values than the series has columns ({_columns.Length}). Is the server InfluxDB 1.x?");
}
