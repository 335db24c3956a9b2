namespace Aioinflux.Query;

/// <summary>
/// Joins the chunks of a chunked response: statements by <c>statement_id</c>, series by name and tags, in order of
/// first appearance, as if the query had not been chunked.
/// </summary>
internal sealed class QueryResultMerger
{
    private readonly List<StatementAccumulator> _statements = [];
    private readonly Dictionary<int, StatementAccumulator> _statementsById = [];

    public void Add(QueryResult chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        foreach (StatementResult statement in chunk.Statements)
        {
            if (!_statementsById.TryGetValue(statement.StatementId, out StatementAccumulator? accumulator))
            {
                accumulator = new StatementAccumulator(statement.StatementId);
                _statementsById.Add(statement.StatementId, accumulator);
                _statements.Add(accumulator);
            }

            accumulator.Add(statement);
        }
    }

    public QueryResult ToResult()
    {
        var statements = new StatementResult[_statements.Count];
        for (int i = 0; i < statements.Length; i++)
        {
            statements[i] = _statements[i].ToResult();
        }

        return new QueryResult(statements);
    }

    private sealed class StatementAccumulator(int statementId)
    {
        private readonly List<List<Series>> _series = [];
        private readonly Dictionary<SeriesKey, List<Series>> _seriesByKey = [];
        private List<QueryMessage>? _messages;
        private string? _error;
        private bool _partial;

        public void Add(StatementResult piece)
        {
            _error ??= piece.Error;
            _partial = piece.Partial;
            if (piece.Messages.Count > 0)
            {
                (_messages ??= []).AddRange(piece.Messages);
            }

            foreach (Series series in piece.Series)
            {
                var key = new SeriesKey(series.Metadata);
                if (!_seriesByKey.TryGetValue(key, out List<Series>? pieces))
                {
                    pieces = [];
                    _seriesByKey.Add(key, pieces);
                    _series.Add(pieces);
                }

                pieces.Add(series);
            }
        }

        public StatementResult ToResult()
        {
            var series = new Series[_series.Count];
            for (int i = 0; i < series.Length; i++)
            {
                series[i] = Join(_series[i]);
            }

            return new StatementResult(statementId, series, _error, _messages, _partial);
        }

        private static Series Join(List<Series> pieces)
        {
            Series first = pieces[0];
            if (pieces.Count == 1)
            {
                return first;
            }

            // Columns are the union, in order of first appearance; pieces with other columns are aligned by name.
            PointMetadata metadata = first.Metadata;
            List<string>? columns = null;
            foreach (Series piece in pieces)
            {
                if (piece.Metadata.HasSameShape(metadata) || (columns is null && piece.Metadata.ColumnSpan.SequenceEqual(metadata.ColumnSpan)))
                {
                    continue;
                }

                columns ??= [.. metadata.Columns];
                foreach (string column in piece.Metadata.Columns)
                {
                    if (!columns.Contains(column))
                    {
                        columns.Add(column);
                    }
                }
            }

            if (columns is not null)
            {
                metadata = new PointMetadata(metadata.StatementId, metadata.Name, metadata.Tags, [.. columns], metadata.Epoch);
            }

            var rows = new SeriesRows(metadata.Columns.Count);
            foreach (Series piece in pieces)
            {
                if (piece.Metadata.ColumnSpan.SequenceEqual(metadata.ColumnSpan))
                {
                    foreach (InfluxRow row in piece.Values)
                    {
                        rows.Add(row.AsSpan());
                    }

                    continue;
                }

                int[] target = new int[piece.Columns.Count];
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = metadata.IndexOf(piece.Columns[i]);
                }

                foreach (InfluxRow row in piece.Values)
                {
                    Span<InfluxValue> values = rows.AddRow();
                    for (int i = 0; i < target.Length; i++)
                    {
                        values[target[i]] = row[i];
                    }
                }
            }

            return new Series(metadata, rows, pieces[^1].Partial);
        }
    }

    /// <summary>A series' identity within a statement: its name and tags (ordinal).</summary>
    private readonly struct SeriesKey(PointMetadata metadata) : IEquatable<SeriesKey>
    {
        private readonly PointMetadata _metadata = metadata;

        public bool Equals(SeriesKey other) =>
            string.Equals(_metadata.Name, other._metadata.Name, StringComparison.Ordinal)
            && PointMetadata.TagsEqual(_metadata.Tags, other._metadata.Tags);

        public override bool Equals(object? obj) => obj is SeriesKey other && Equals(other);

        public override int GetHashCode()
        {
            // Order-independent over the tags, as dictionaries compare.
            int hash = StringComparer.Ordinal.GetHashCode(_metadata.Name);
            foreach (KeyValuePair<string, string> tag in _metadata.Tags)
            {
                hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(tag.Key), StringComparer.Ordinal.GetHashCode(tag.Value));
            }

            return hash;
        }
    }
}
