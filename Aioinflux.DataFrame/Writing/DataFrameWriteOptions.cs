namespace Aioinflux;

/// <summary>
/// How a <see cref="Microsoft.Data.Analysis.DataFrame"/> maps to points: which column is the time and which columns are
/// tags (aioinflux's <c>tag_columns</c>); every other column is a field. Extra tags, database, retention policy and
/// precision are per-call <see cref="WriteOptions"/>, as for any other write.
/// </summary>
public sealed record DataFrameWriteOptions
{
    /// <summary>The time column used when none is named: <c>time</c>, the counterpart of a pandas <c>DatetimeIndex</c>.</summary>
    public const string DefaultTimeColumn = "time";

    /// <summary>
    /// The column holding each row's timestamp: a <c>DateTime</c> column (<see cref="DateTimeKind.Unspecified"/> is UTC,
    /// <see cref="DateTimeKind.Local"/> is converted) or an <c>Int64</c> column of nanoseconds since the Unix epoch.
    /// The default, <c>time</c>, may be absent from the frame; then, as with <see langword="null"/>, points carry no
    /// timestamp and InfluxDB stamps them with its clock. Any other name must be a column of the frame.
    /// </summary>
    public string? TimeColumn { get; init; } = DefaultTimeColumn;

    /// <summary>
    /// The columns written as tags, in this order (aioinflux's <c>tag_columns</c>). A tag column is a <c>String</c>,
    /// integer, <c>Boolean</c> or <c>Char</c> column; a null or empty cell omits the tag from its row.
    /// <see langword="null"/> for none.
    /// </summary>
    public IEnumerable<string>? TagColumns { get; init; }
}
