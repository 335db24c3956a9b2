namespace Aioinflux.Query;

/// <summary>
/// Reads rows of a /query response straight into <typeparamref name="T"/>, with no per-row dictionary and no
/// <see cref="InfluxValue"/> in between. The Aioinflux source generator will implement it for
/// <c>[LineProtocol]</c> types, mapping columns to members by the same keys it writes; it can also be written by hand.
/// </summary>
/// <typeparam name="T">What a row becomes.</typeparam>
/// <remarks>
/// <para>
/// <see cref="BindColumns"/> runs once per series (the parser passes the same <see cref="PointMetadata"/> again for the
/// next piece of a series split across chunks, and the callers then reuse the binding). It resolves, by key, which
/// member each column fills and which members the series' <c>GROUP BY</c> tags fill, usually with
/// <see cref="QueryColumnBinding.Create(PointMetadata, ReadOnlySpan{string})"/>.
/// </para>
/// <para>
/// <see cref="ReadRow"/> runs once per row, on a fully buffered row: it loops <see cref="QueryRowReader.Read"/>,
/// switches on <see cref="QueryColumnBinding.GetMember"/> of <see cref="QueryRowReader.ColumnIndex"/>, reads each
/// value with the getter for the member's type (<see cref="QueryRowReader.GetDouble"/> widens integers,
/// <see cref="QueryRowReader.GetDateTime"/> reads integer or RFC 3339 times, <see cref="QueryRowReader.IsNull"/>
/// guards nullable members), ignores unmatched columns (member -1), starts tag members from
/// <see cref="QueryColumnBinding.GetSeriesTag"/>, and returns the value. A generated reader looks like:
/// </para>
/// <code>
/// public Cpu ReadRow(ref QueryRowReader row, QueryColumnBinding binding)
/// {
///     DateTime time = default;
///     string? host = binding.GetSeriesTag(1);
///     double value = default;
///     while (row.Read())
///     {
///         switch (binding.GetMember(row.ColumnIndex))
///         {
///             case 0: time = row.GetDateTime(); break;
///             case 1: host = row.GetStringOrNull(); break;
///             case 2: if (!row.IsNull) value = row.GetDouble(); break;
///         }
///     }
///     return new Cpu(time, host, value);
/// }
/// </code>
/// <para>
/// A getter that meets a value of the wrong JSON type throws an <see cref="InfluxDBException"/> naming the column,
/// series and row; the callers add the name of <typeparamref name="T"/>. Implementations must be stateless (or at
/// least not depend on call order across series), since one instance may serve many queries.
/// </para>
/// </remarks>
public interface IQueryRowReader<out T>
{
    /// <summary>Maps a series' columns (and its <c>GROUP BY</c> tags) to the members of <typeparamref name="T"/>.</summary>
    /// <param name="series">The series' statement, name, tags and columns.</param>
    /// <returns>The binding, passed back to <see cref="ReadRow"/> for every row of the series.</returns>
    QueryColumnBinding BindColumns(PointMetadata series);

    /// <summary>Reads one row.</summary>
    /// <param name="row">The row, positioned before its first value.</param>
    /// <param name="binding">What <see cref="BindColumns"/> returned for the row's series.</param>
    /// <returns>The value.</returns>
    T ReadRow(ref QueryRowReader row, QueryColumnBinding binding);
}

/// <summary>
/// Which member of a type each column of a series fills, and which members the series' <c>GROUP BY</c> tags fill:
/// computed once per series by <see cref="IQueryRowReader{T}.BindColumns"/>, consulted per value by array index.
/// Members are numbered by their position in the key list given to <see cref="Create(PointMetadata, ReadOnlySpan{string})"/>.
/// </summary>
public sealed class QueryColumnBinding
{
    private readonly int[] _memberByColumn;
    private readonly int[] _columnByMember;
    private readonly string?[] _seriesTagByMember;

    private QueryColumnBinding(PointMetadata series, int[] memberByColumn, int[] columnByMember, string?[] seriesTagByMember)
    {
        Series = series;
        _memberByColumn = memberByColumn;
        _columnByMember = columnByMember;
        _seriesTagByMember = seriesTagByMember;
    }

    /// <summary>The series this binding was made for.</summary>
    public PointMetadata Series { get; }

    /// <summary>The number of members.</summary>
    public int MemberCount => _columnByMember.Length;

    /// <summary>
    /// Binds by key: member <c>i</c> is the column named <c>memberKeys[i]</c> (ordinal), else the series tag of that
    /// key (a <c>GROUP BY</c> tag), else unbound. Keys are what the member is written as: <c>time</c> for the time
    /// member, the tag key or the field key.
    /// </summary>
    /// <param name="series">The series.</param>
    /// <param name="memberKeys">The key of each member, in member order.</param>
    /// <returns>The binding.</returns>
    public static QueryColumnBinding Create(PointMetadata series, ReadOnlySpan<string> memberKeys)
    {
        ArgumentNullException.ThrowIfNull(series);
        ReadOnlySpan<string> columns = series.ColumnSpan;
        int[] memberByColumn = new int[columns.Length];
        memberByColumn.AsSpan().Fill(-1);
        int[] columnByMember = new int[memberKeys.Length];
        string?[] seriesTagByMember = new string?[memberKeys.Length];
        for (int member = 0; member < memberKeys.Length; member++)
        {
            int column = columns.IndexOf(memberKeys[member]);
            columnByMember[member] = column;
            if (column >= 0)
            {
                if (memberByColumn[column] < 0)
                {
                    memberByColumn[column] = member;
                }
            }
            else if (series.Tags.TryGetValue(memberKeys[member], out string? tag))
            {
                seriesTagByMember[member] = tag;
            }
        }

        return new QueryColumnBinding(series, memberByColumn, columnByMember, seriesTagByMember);
    }

    /// <summary>The member that column <paramref name="column"/> fills, or -1 when none does (the column is ignored).</summary>
    /// <param name="column">The column index (<see cref="QueryRowReader.ColumnIndex"/>).</param>
    /// <returns>The member index, or -1.</returns>
    public int GetMember(int column) => (uint)column < (uint)_memberByColumn.Length ? _memberByColumn[column] : -1;

    /// <summary>The column that fills member <paramref name="member"/>, or -1.</summary>
    /// <param name="member">The member index.</param>
    /// <returns>The column index, or -1.</returns>
    public int GetColumn(int member) => _columnByMember[member];

    /// <summary>The value of the series' <c>GROUP BY</c> tag that fills member <paramref name="member"/>, or <see langword="null"/>.</summary>
    /// <param name="member">The member index.</param>
    /// <returns>The tag value, or <see langword="null"/> when the member is a column or not in the series.</returns>
    public string? GetSeriesTag(int member) => _seriesTagByMember[member];

    /// <summary>Whether member <paramref name="member"/> is filled by a column or a series tag.</summary>
    /// <param name="member">The member index.</param>
    /// <returns>Whether the series carries the member.</returns>
    public bool IsBound(int member) => _columnByMember[member] >= 0 || _seriesTagByMember[member] is not null;
}
