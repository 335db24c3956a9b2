using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Analysis;

namespace Aioinflux.Writing;

/// <summary>
/// Reads the cells of a <see cref="PrimitiveDataFrameColumn{T}"/> without boxing: straight from its value buffer and
/// null bitmap when they can be trusted, through the column's typed indexer otherwise.
/// </summary>
/// <typeparam name="T">The column's element type.</typeparam>
internal readonly struct PrimitiveCells<T>
    where T : unmanaged
{
    private readonly PrimitiveDataFrameColumn<T> _column;
    private readonly ReadOnlyMemory<T> _values;
    private readonly ReadOnlyMemory<byte> _validity;
    private readonly bool _direct;
    private readonly bool _hasNulls;

    public PrimitiveCells(PrimitiveDataFrameColumn<T> column, long rowCount)
    {
        _column = column;
        _hasNulls = column.NullCount > 0;
        using IEnumerator<ReadOnlyMemory<T>> values = column.GetReadOnlyDataBuffers().GetEnumerator();
        using IEnumerator<ReadOnlyMemory<byte>> validity = column.GetReadOnlyNullBitMapBuffers().GetEnumerator();
        if (!values.MoveNext() || !validity.MoveNext())
        {
            return; // no buffer: an empty column, read (never) through the indexer
        }

        _values = values.Current;
        _validity = validity.Current;

        // Only a column held in one buffer is read directly: a column that needs more (over 2 GB of values) is rare
        // enough to go through the indexer, which finds the buffer of each row.
        _direct = !values.MoveNext()
            && _values.Length == rowCount
            && StartsAtItsMemory(_values)
            && (!_hasNulls || _validity.Length >= (rowCount + 7) / 8);
    }

    /// <summary>Reads row <paramref name="row"/>; <see langword="false"/> when the cell is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(long row, out T value)
    {
        if (_direct)
        {
            // Arrow's validity bitmap: bit (row % 8) of byte (row / 8), set when the cell holds a value.
            if (_hasNulls && (_validity.Span[(int)(row >> 3)] & (1 << (int)(row & 7))) == 0)
            {
                value = default;
                return false;
            }

            value = _values.Span[(int)row];
            return true;
        }

        T? cell = _column[row];
        value = cell.GetValueOrDefault();
        return cell.HasValue;
    }

    // Microsoft.Data.Analysis (0.23) hands out its byte buffers reinterpreted as ReadOnlyMemory<T>, keeping the byte
    // offset where an element offset belongs: a column over memory that does not start at its array's first byte
    // (an Arrow IPC buffer, say) reads wrong values through Span. The typed indexer reads those right, so only a buffer
    // whose memory starts at offset 0 is read directly. Native (MemoryManager) buffers report no offset we could
    // trust, so they go through the indexer too.
    private static bool StartsAtItsMemory(ReadOnlyMemory<T> memory)
        => MemoryMarshal.TryGetArray(memory, out ArraySegment<T> segment)
            ? segment.Offset == 0
            : MemoryMarshal.TryGetMemoryManager(memory, out MemoryManager<T>? _, out int start, out int _) && start == 0;
}
