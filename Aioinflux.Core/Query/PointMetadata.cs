using System.Collections.Frozen;

namespace Aioinflux;

/// <summary>
/// What every point of one series shares (aioinflux's iterpoints <c>meta</c>): the statement, the measurement name,
/// the <c>GROUP BY</c> tags and the columns. One instance per series, shared by all of its rows.
/// </summary>
public sealed class PointMetadata
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = FrozenDictionary<string, string>.Empty;

    private readonly string[] _columns;

    /// <summary>Creates the metadata of a series.</summary>
    /// <param name="statementId">The statement's <c>statement_id</c>.</param>
    /// <param name="name">The measurement (or <c>SHOW</c> result) name; empty when the series has none.</param>
    /// <param name="tags">The series' <c>GROUP BY</c> tags, or <see langword="null"/> for none.</param>
    /// <param name="columns">The column names.</param>
    /// <param name="epoch">The precision of integer times, or <see langword="null"/> when times are RFC 3339 strings.</param>
    public PointMetadata(int statementId, string name, IReadOnlyDictionary<string, string>? tags, string[] columns, WritePrecision? epoch = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(columns);
        StatementId = statementId;
        Name = name;
        Tags = tags ?? NoTags;
        _columns = columns;
        Epoch = epoch;
        TimeColumnIndex = Array.IndexOf(columns, "time");
    }

    /// <summary>The statement's <c>statement_id</c>: its position in a multi-statement query.</summary>
    public int StatementId { get; }

    /// <summary>The measurement name, or the name of a <c>SHOW</c> result (<c>measurements</c>, <c>databases</c>); empty when the series has none (<c>SHOW SERIES</c>).</summary>
    public string Name { get; }

    /// <summary>The tags the series is grouped by (<c>GROUP BY host</c>); empty without <c>GROUP BY</c>.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>The column names, in the order of each row's values.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The column names as a span.</summary>
    public ReadOnlySpan<string> ColumnSpan => _columns;

    /// <summary>The precision of integer time values, or <see langword="null"/> when the query gave no epoch (RFC 3339 strings).</summary>
    public WritePrecision? Epoch { get; }

    /// <summary>The index of the <c>time</c> column, or -1 (<c>SHOW</c> results have none).</summary>
    public int TimeColumnIndex { get; }

    /// <summary>The index of a column, by ordinal name comparison.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The index, or -1.</returns>
    public int IndexOf(string column) => Array.IndexOf(_columns, column);

    /// <summary>The time of a row of this series as nanoseconds since the Unix epoch, from either integer or RFC 3339 form.</summary>
    /// <param name="row">A row of this series.</param>
    /// <returns>The time.</returns>
    /// <exception cref="InvalidOperationException">The series has no <c>time</c> column.</exception>
    /// <exception cref="FormatException">The time value is null or not a time.</exception>
    public long GetTimeNanoseconds(InfluxRow row) => row[RequireTimeColumn()].ToNanoseconds(Epoch);

    /// <summary>The time of a row of this series as a UTC <see cref="DateTime"/>.</summary>
    /// <param name="row">A row of this series.</param>
    /// <returns>The time.</returns>
    /// <exception cref="InvalidOperationException">The series has no <c>time</c> column.</exception>
    /// <exception cref="FormatException">The time value is null or not a time.</exception>
    public DateTime GetDateTime(InfluxRow row) => row[RequireTimeColumn()].ToDateTime(Epoch);

    /// <summary>Whether another series has the same statement, name, tags and columns (so its rows continue this one's).</summary>
    /// <param name="other">The other series' metadata.</param>
    /// <returns>The comparison.</returns>
    public bool HasSameShape(PointMetadata other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other) || (IsSameSeries(other) && _columns.AsSpan().SequenceEqual(other._columns));
    }

    /// <summary>Whether another series has the same statement, name and tags: a piece of the same series.</summary>
    /// <param name="other">The other series' metadata.</param>
    /// <returns>The comparison.</returns>
    internal bool IsSameSeries(PointMetadata other) =>
        StatementId == other.StatementId && string.Equals(Name, other.Name, StringComparison.Ordinal) && TagsEqual(Tags, other.Tags);

    internal static bool TagsEqual(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, string> tag in left)
        {
            if (!right.TryGetValue(tag.Key, out string? value) || !string.Equals(value, tag.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private int RequireTimeColumn() => TimeColumnIndex >= 0
        ? TimeColumnIndex
        : throw new InvalidOperationException($"Series '{Name}' has no 'time' column (columns: {string.Join(", ", _columns)}).");

    /// <inheritdoc/>
    public override string ToString()
    {
        string tags = Tags.Count == 0 ? string.Empty : "," + string.Join(",", Tags.Select(t => $"{t.Key}={t.Value}"));
        return $"statement {StatementId}: {Name}{tags} [{string.Join(", ", _columns)}]";
    }
}
