using Microsoft.Data.Analysis;

namespace Aioinflux.Query;

/// <summary>
/// Joins chunk results: statements by id, the pieces of a series by statement, name and tags, in the order they came;
/// frames are concatenated column by column through <see cref="ColumnBuilder"/>, which widens as it goes.
/// </summary>
internal sealed class DataFrameCombiner
{
    private readonly List<StatementPieces> _statements = [];
    private readonly Dictionary<int, StatementPieces> _statementsById = [];

    public void Add(DataFrameQueryResult chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        foreach (DataFrameStatement statement in chunk.Statements)
        {
            if (!_statementsById.TryGetValue(statement.StatementId, out StatementPieces? pieces))
            {
                pieces = new StatementPieces(statement.StatementId);
                _statementsById.Add(statement.StatementId, pieces);
                _statements.Add(pieces);
            }

            pieces.Add(statement);
        }
    }

    public DataFrameQueryResult ToResult() => new([.. _statements.Select(static statement => statement.ToStatement())]);

    private static DataFrame Concatenate(List<DataFrame> frames)
    {
        var builders = new List<ColumnBuilder>();
        var byName = new Dictionary<string, ColumnBuilder>(StringComparer.Ordinal);
        long rows = 0;
        foreach (DataFrame frame in frames)
        {
            long frameRows = frame.Rows.Count;
            foreach (DataFrameColumn column in frame.Columns)
            {
                if (!byName.TryGetValue(column.Name, out ColumnBuilder? builder))
                {
                    // A column the earlier pieces did not have: null in their rows.
                    builder = new ColumnBuilder(column.Name);
                    builder.AppendNulls(rows);
                    byName.Add(column.Name, builder);
                    builders.Add(builder);
                }

                builder.Append(column);
            }

            rows += frameRows;
            foreach (ColumnBuilder builder in builders)
            {
                builder.AppendNulls(rows - builder.Count);
            }
        }

        return new DataFrame(builders.Select(static builder => builder.ToColumn()));
    }

    private sealed class StatementPieces(int statementId)
    {
        private readonly List<SeriesPieces> _series = [];
        private readonly Dictionary<string, SeriesPieces> _seriesByIdentity = new(StringComparer.Ordinal);
        private readonly List<QueryMessage> _messages = [];
        private string? _error;
        private bool _partial;

        public void Add(DataFrameStatement statement)
        {
            _error ??= statement.Error;
            _messages.AddRange(statement.Messages);
            _partial = statement.Partial;
            foreach (SeriesDataFrame series in statement.Series)
            {
                string identity = IdentityOf(series);
                if (!_seriesByIdentity.TryGetValue(identity, out SeriesPieces? pieces))
                {
                    pieces = new SeriesPieces(series);
                    _seriesByIdentity.Add(identity, pieces);
                    _series.Add(pieces);
                }

                pieces.Add(series);
            }
        }

        public DataFrameStatement ToStatement()
            => new(statementId, [.. _series.Select(static series => series.ToSeries())], _error, _messages, _partial);
    }

    private sealed class SeriesPieces(SeriesDataFrame first)
    {
        private readonly List<DataFrame> _frames = [];
        private bool _partial;

        public void Add(SeriesDataFrame piece)
        {
            _frames.Add(piece.Frame);
            _partial = piece.Partial;
        }

        public SeriesDataFrame ToSeries()
            => new(first.StatementId, first.Name, first.Tags, _frames.Count == 1 ? _frames[0] : Concatenate(_frames), _partial);
    }

    // Name and tags, each part length-prefixed: aioinflux's "name,key=value" key is ambiguous once a value holds "," or "=".
    private static string IdentityOf(SeriesDataFrame series)
    {
        var identity = new System.Text.StringBuilder();
        identity.Append(series.Name.Length).Append(':').Append(series.Name);
        foreach ((string key, string value) in series.Tags.OrderBy(static tag => tag.Key, StringComparer.Ordinal))
        {
            identity.Append(key.Length).Append(':').Append(key).Append(value.Length).Append(':').Append(value);
        }

        return identity.ToString();
    }
}
