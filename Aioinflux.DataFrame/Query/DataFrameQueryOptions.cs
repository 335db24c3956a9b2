namespace Aioinflux;

/// <summary>
/// How query results become <see cref="Microsoft.Data.Analysis.DataFrame"/>s: the time column's type, where column
/// types come from, and whether <c>GROUP BY</c> tags become columns. Database, epoch, parameters, chunk size and caching
/// are the per-call <see cref="QueryOptions"/>, as for any other query.
/// </summary>
public sealed record DataFrameQueryOptions
{
    /// <summary>
    /// The <c>time</c> column's type: <see cref="DataFrameTimeColumn.DateTime"/> (the default; UTC, in 100 ns ticks, so
    /// the last two digits of a nanosecond time are dropped) or <see cref="DataFrameTimeColumn.Nanoseconds"/> (an
    /// <c>Int64</c> column of nanoseconds since the Unix epoch: every digit, and what the DataFrame writer takes back).
    /// </summary>
    public DataFrameTimeColumn TimeColumn { get; init; } = DataFrameTimeColumn.DateTime;

    /// <summary>
    /// Where field columns get their types. JSON does not say whether <c>3</c> was the float 3.0 or the integer 3, so by
    /// default (<see cref="DataFrameColumnTypes.FromValues"/>) a column is typed from its values; with
    /// <see cref="DataFrameColumnTypes.FromFieldKeys"/> a column named like a field of the series' measurement takes the
    /// field's type from <c>SHOW FIELD KEYS</c> (or from <see cref="FieldKeys"/>).
    /// </summary>
    public DataFrameColumnTypes ColumnTypes { get; init; } = DataFrameColumnTypes.FromValues;

    /// <summary>
    /// The field keys used by <see cref="DataFrameColumnTypes.FromFieldKeys"/>, as returned by
    /// <see cref="InfluxDBClient.ShowFieldKeysAsync"/>: pass them to spare a <c>SHOW FIELD KEYS</c> round trip per
    /// query. <see langword="null"/> (the default) asks InfluxDB on every call.
    /// </summary>
    public IReadOnlyCollection<FieldKeyInfo>? FieldKeys { get; init; }

    /// <summary>
    /// Whether each of a series' <c>GROUP BY</c> tags is added to its frame as a <c>String</c> column holding the tag's
    /// value on every row, after the response's columns, as aioinflux does. On by default, so that frames of several
    /// series can be concatenated without losing which series a row came from. A tag named like a column of the
    /// response is not added. The tags are also on <see cref="SeriesDataFrame.Tags"/> either way.
    /// </summary>
    public bool TagColumns { get; init; } = true;
}

/// <summary>The type of the <c>time</c> column of a queried DataFrame.</summary>
public enum DataFrameTimeColumn
{
    /// <summary>
    /// A <c>DateTimeDataFrameColumn</c> of UTC times (<see cref="DateTimeKind.Utc"/>). <see cref="System.DateTime"/> holds
    /// 100 ns ticks, so nanosecond times are truncated to the tick.
    /// </summary>
    DateTime,

    /// <summary>An <c>Int64DataFrameColumn</c> of nanoseconds since the Unix epoch, whatever epoch was used on the wire.</summary>
    Nanoseconds,
}

/// <summary>Where the types of a queried DataFrame's columns come from.</summary>
public enum DataFrameColumnTypes
{
    /// <summary>
    /// From the values: integers only → <c>Int64</c>; any float → <c>Double</c> (integers widened); booleans →
    /// <c>Boolean</c>; strings → <c>String</c>; values that no number type holds together (a boolean and a number, a
    /// string and anything) → <c>String</c>. A column with no value at all is a <c>Double</c> column of nulls.
    /// </summary>
    FromValues,

    /// <summary>
    /// From InfluxDB's field types (<c>SHOW FIELD KEYS</c>): <c>float</c> → <c>Double</c> even when every value is
    /// whole, <c>integer</c> → <c>Int64</c>, <c>string</c> → <c>String</c>, <c>boolean</c> → <c>Boolean</c>. Columns
    /// that are not fields of the series' measurement (aggregates such as <c>mean</c>, aliases) are typed from their
    /// values, and a value the field type cannot hold (the float mean of an integer field named as the field) widens
    /// the column as <see cref="FromValues"/> would, never failing midway.
    /// </summary>
    FromFieldKeys,
}
