using System.Collections;
using System.Text;

namespace Aioinflux;

/// <summary>
/// The values of one point, in the order of its series' columns (aioinflux's plain list per point). A view over
/// storage shared by many rows: it allocates nothing, and stays valid as long as its <see cref="Series"/> does
/// (rows passed to an iterpoints parser while streaming are valid only during that call; see
/// <see cref="Query.QueryResponseParser.IterPointsAsync{T}"/>).
/// </summary>
public readonly struct InfluxRow : IReadOnlyList<InfluxValue>
{
    private readonly InfluxValue[]? _values;
    private readonly int _offset;
    private readonly int _count;

    internal InfluxRow(InfluxValue[] values, int offset, int count)
    {
        _values = values;
        _offset = offset;
        _count = count;
    }

    /// <summary>The number of values: the number of the series' columns.</summary>
    public int Count => _count;

    /// <summary>The value in column <paramref name="index"/>.</summary>
    /// <param name="index">The column index.</param>
    /// <returns>The value.</returns>
    public InfluxValue this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _values![_offset + index];
        }
    }

    /// <summary>The values as a span.</summary>
    /// <returns>The values.</returns>
    public ReadOnlySpan<InfluxValue> AsSpan() => _values is null ? default : _values.AsSpan(_offset, _count);

    /// <summary>A copy of the values.</summary>
    /// <returns>A new array.</returns>
    public InfluxValue[] ToArray() => AsSpan().ToArray();

    /// <summary>An allocation-free enumerator.</summary>
    /// <returns>The enumerator.</returns>
    public ReadOnlySpan<InfluxValue>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    IEnumerator<InfluxValue> IEnumerable<InfluxValue>.GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return _values![_offset + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<InfluxValue>)this).GetEnumerator();

    /// <summary>The values as aioinflux prints a point: <c>[1439856000000000000, 41, coyote_creek, 1]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        ReadOnlySpan<InfluxValue> values = AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(values[i].ToString());
        }

        return text.Append(']').ToString();
    }
}

/// <summary>
/// The rows of one series, stored in blocks of at most 4,096 values (64 KiB, below the large-object heap) so that
/// growing a large result never copies it and never lands on the large-object heap.
/// </summary>
public sealed class SeriesRows : IReadOnlyList<InfluxRow>
{
    private const int MaxValuesPerBlock = 4096;
    private const int FirstBlockRows = 4;

    private readonly List<InfluxValue[]> _blocks = [];
    private readonly int _width;
    private readonly int _rowsPerBlock;
    private int _count;

    /// <summary>Creates an empty list of rows of <paramref name="width"/> values each.</summary>
    /// <param name="width">The number of columns.</param>
    public SeriesRows(int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        _width = width;
        _rowsPerBlock = Math.Max(1, MaxValuesPerBlock / Math.Max(1, width));
    }

    /// <summary>The number of values in each row.</summary>
    public int Width => _width;

    /// <summary>The number of rows.</summary>
    public int Count => _count;

    /// <summary>Row <paramref name="index"/>.</summary>
    /// <param name="index">The row index.</param>
    /// <returns>The row.</returns>
    public InfluxRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            (int block, int row) = Math.DivRem(index, _rowsPerBlock);
            return new InfluxRow(_blocks[block], row * _width, _width);
        }
    }

    /// <summary>Appends a row and returns the span to fill with its <see cref="Width"/> values.</summary>
    /// <returns>The new row's storage, cleared to nulls.</returns>
    public Span<InfluxValue> AddRow()
    {
        (int block, int row) = Math.DivRem(_count, _rowsPerBlock);
        if (block == _blocks.Count)
        {
            // The first block grows by doubling until it is full size, so that a one-row SHOW result stays small;
            // from the second block on every block is full size and indexing stays a division.
            _blocks.Add(new InfluxValue[(block == 0 ? Math.Min(_rowsPerBlock, FirstBlockRows) : _rowsPerBlock) * _width]);
        }
        else if (block == 0 && (row + 1) * _width > _blocks[0].Length)
        {
            InfluxValue[] grown = new InfluxValue[Math.Min(_rowsPerBlock, _blocks[0].Length / Math.Max(1, _width) * 2) * _width];
            _blocks[0].CopyTo(grown, 0);
            _blocks[0] = grown;
        }

        _count++;
        return _blocks[block].AsSpan(row * _width, _width);
    }

    /// <summary>Appends a copy of <paramref name="values"/> as a row.</summary>
    /// <param name="values">Exactly <see cref="Width"/> values.</param>
    public void Add(ReadOnlySpan<InfluxValue> values)
    {
        if (values.Length != _width)
        {
            throw new ArgumentException($"A row of this series has {_width} values, not {values.Length}.", nameof(values));
        }

        values.CopyTo(AddRow());
    }

    /// <summary>An allocation-free enumerator.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<InfluxRow> IEnumerable<InfluxRow>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the rows without allocating.</summary>
    public struct Enumerator : IEnumerator<InfluxRow>
    {
        private readonly SeriesRows _rows;
        private int _index;

        internal Enumerator(SeriesRows rows)
        {
            _rows = rows;
            _index = -1;
        }

        /// <inheritdoc/>
        public readonly InfluxRow Current => _rows[_index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++_index < _rows._count;

        /// <inheritdoc/>
        public void Reset() => _index = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
