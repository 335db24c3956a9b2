using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Aioinflux.Serialization;
using Aioinflux.Writing;
using Microsoft.Data.Analysis;

namespace Aioinflux.Query;

/// <summary>What a <see cref="ColumnBuilder"/> holds so far.</summary>
internal enum ColumnKind : byte
{
    /// <summary>Nothing but nulls yet: the first value decides.</summary>
    Empty,

    /// <summary>Integers.</summary>
    Int64,

    /// <summary>Floats, and integers widened to floats.</summary>
    Double,

    /// <summary>Booleans.</summary>
    Boolean,

    /// <summary>Strings, and the text of anything no other kind holds together with them.</summary>
    String,

    /// <summary>Times as <see cref="System.DateTime"/> (a column that holds them when frames are combined).</summary>
    DateTime,

    /// <summary>The <c>time</c> column of a response, read as UTC <see cref="System.DateTime"/>s.</summary>
    TimeDateTime,

    /// <summary>The <c>time</c> column of a response, read as nanoseconds since the Unix epoch.</summary>
    TimeNanoseconds,
}

/// <summary>
/// Builds one DataFrame column from values as they are read: fixed-width values go straight into a pooled byte buffer
/// and an Arrow validity bitmap (made only once a null appears); the finished column gets an exact copy of them as its
/// own buffers, so it holds no slack and the growth buffers are reused by the next query. Strings are appended to a
/// <see cref="StringDataFrameColumn"/>. No value is boxed. The column is typed by what it has seen
/// (<see cref="ColumnKind"/>) and widened in place when a value does not fit: integers to floats, anything to strings.
/// </summary>
internal sealed class ColumnBuilder
{
    private const int InitialCapacity = 256;

    private ColumnKind _kind;
    private byte[] _values = [];
    private byte[]? _validity;
    private StringDataFrameColumn? _strings;
    private int _capacity;
    private int _count;
    private int _nullCount;

    /// <summary>Creates a builder that starts as <paramref name="kind"/> (a field type, a time column) or <see cref="ColumnKind.Empty"/>.</summary>
    public ColumnBuilder(string name, ColumnKind kind = ColumnKind.Empty)
    {
        Name = name;
        _kind = kind;
        if (kind == ColumnKind.String)
        {
            _strings = new StringDataFrameColumn(name, 0);
        }
    }

    public string Name { get; }

    public ColumnKind Kind => _kind;

    public int Count => _count;

    /// <summary>Reads the row's current value (the hot path: one switch, one typed read, one store).</summary>
    public void Append(ref QueryRowReader row)
    {
        switch (_kind)
        {
            case ColumnKind.Double:
                InfluxValueKind valueKind = row.ValueKind;
                if (valueKind is InfluxValueKind.Float or InfluxValueKind.Integer)
                {
                    Put(row.GetDouble());
                    return;
                }

                break;
            case ColumnKind.Int64:
                if (row.TryGetInt64(out long integer))
                {
                    Put(integer);
                    return;
                }

                break;
            case ColumnKind.TimeNanoseconds:
                if (row.TryGetTimeNanoseconds(out long nanoseconds))
                {
                    Put(nanoseconds);
                    return;
                }

                AppendNonTime(ref row);
                return;
            case ColumnKind.TimeDateTime:
                if (row.TryGetTimeNanoseconds(out nanoseconds))
                {
                    Put(LineProtocolTime.ToDateTime(nanoseconds));
                    return;
                }

                AppendNonTime(ref row);
                return;
            case ColumnKind.String:
                if (row.ValueKind == InfluxValueKind.String)
                {
                    _strings!.Append(row.GetString());
                    _count++;
                    return;
                }

                break;
            case ColumnKind.Boolean:
                if (row.ValueKind == InfluxValueKind.Boolean)
                {
                    Put(row.GetBoolean());
                    return;
                }

                break;
        }

        AppendOther(ref row);
    }

    public void AppendNull()
    {
        switch (_kind)
        {
            case ColumnKind.Empty:
                break;
            case ColumnKind.String:
                _strings!.Append(null);
                break;
            default:
                EnsureRoom();
                if (_validity is null)
                {
                    CreateValidity(validRows: _count);
                }

                // Pooled memory holds old bytes: a null's value is zero, as in a column Microsoft.Data.Analysis builds.
                int width = WidthOf(_kind);
                _values.AsSpan(_count * width, width).Clear();
                break;
        }

        _count++;
        _nullCount++;
    }

    public void AppendNulls(long count)
    {
        for (long i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    public void Append(long value)
    {
        switch (_kind)
        {
            case ColumnKind.Int64 or ColumnKind.TimeNanoseconds:
                Put(value);
                return;
            case ColumnKind.Double:
                Put((double)value);
                return;
            case ColumnKind.Empty:
                WidenTo(ColumnKind.Int64);
                Put(value);
                return;
            default:
                AppendText(value.ToString(CultureInfo.InvariantCulture));
                return;
        }
    }

    public void Append(double value)
    {
        switch (_kind)
        {
            case ColumnKind.Double:
                Put(value);
                return;
            case ColumnKind.Int64 or ColumnKind.Empty:
                WidenTo(ColumnKind.Double);
                Put(value);
                return;
            default:
                AppendText(value.ToString("R", CultureInfo.InvariantCulture));
                return;
        }
    }

    public void Append(bool value)
    {
        switch (_kind)
        {
            case ColumnKind.Boolean:
                Put(value);
                return;
            case ColumnKind.Empty:
                WidenTo(ColumnKind.Boolean);
                Put(value);
                return;
            default:
                AppendText(value ? "true" : "false");
                return;
        }
    }

    public void Append(DateTime value)
    {
        switch (_kind)
        {
            case ColumnKind.DateTime or ColumnKind.TimeDateTime:
                Put(value);
                return;
            case ColumnKind.Empty:
                WidenTo(ColumnKind.DateTime);
                Put(value);
                return;
            default:
                AppendText(FormatTime(value));
                return;
        }
    }

    public void AppendText(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        if (_kind != ColumnKind.String)
        {
            WidenTo(ColumnKind.String);
        }

        _strings!.Append(value);
        _count++;
    }

    /// <summary>Appends a whole column (combining chunks): typed loops over its buffers, no boxing for the column types frames are read as.</summary>
    public void Append(DataFrameColumn column)
    {
        long length = column.Length;
        if (column.NullCount == length)
        {
            // A column of nulls says nothing about the type: it must not turn a Boolean column into a String one.
            AppendNulls(length);
            return;
        }

        switch (column)
        {
            case PrimitiveDataFrameColumn<long> integers:
                var integerCells = new PrimitiveCells<long>(integers, length);
                for (long i = 0; i < length; i++)
                {
                    if (integerCells.TryGet(i, out long value))
                    {
                        Append(value);
                    }
                    else
                    {
                        AppendNull();
                    }
                }

                return;
            case PrimitiveDataFrameColumn<double> floats:
                var floatCells = new PrimitiveCells<double>(floats, length);
                for (long i = 0; i < length; i++)
                {
                    if (floatCells.TryGet(i, out double value))
                    {
                        Append(value);
                    }
                    else
                    {
                        AppendNull();
                    }
                }

                return;
            case PrimitiveDataFrameColumn<bool> booleans:
                var booleanCells = new PrimitiveCells<bool>(booleans, length);
                for (long i = 0; i < length; i++)
                {
                    if (booleanCells.TryGet(i, out bool value))
                    {
                        Append(value);
                    }
                    else
                    {
                        AppendNull();
                    }
                }

                return;
            case PrimitiveDataFrameColumn<DateTime> times:
                var timeCells = new PrimitiveCells<DateTime>(times, length);
                for (long i = 0; i < length; i++)
                {
                    if (timeCells.TryGet(i, out DateTime value))
                    {
                        Append(value);
                    }
                    else
                    {
                        AppendNull();
                    }
                }

                return;
            case StringDataFrameColumn strings:
                for (long i = 0; i < length; i++)
                {
                    AppendText(strings[i]);
                }

                return;
            default:
                // Not a column type query results are read as (the caller changed a frame): its cells' text.
                for (long i = 0; i < length; i++)
                {
                    AppendText(column[i] switch
                    {
                        null => null,
                        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                        object other => other.ToString(),
                    });
                }

                return;
        }
    }

    /// <summary>The finished column, over exact copies of the builder's buffers; the builder is spent.</summary>
    public DataFrameColumn ToColumn()
    {
        switch (_kind)
        {
            case ColumnKind.Empty:
                return new DoubleDataFrameColumn(Name, _count);
            case ColumnKind.String:
                return _strings!;
        }

        int width = WidthOf(_kind);
        ReadOnlyMemory<byte> values = _count == 0 ? default : _values.AsSpan(0, _count * width).ToArray();
        ReturnValues();
        ReadOnlyMemory<byte> validity = _validity is null || _nullCount == 0 ? default : _validity.AsSpan(0, (_count + 7) / 8).ToArray();
        return _kind switch
        {
            ColumnKind.Int64 or ColumnKind.TimeNanoseconds => new Int64DataFrameColumn(Name, values, validity, _count, _nullCount),
            ColumnKind.Double => new DoubleDataFrameColumn(Name, values, validity, _count, _nullCount),
            ColumnKind.Boolean => new BooleanDataFrameColumn(Name, values, validity, _count, _nullCount),
            _ => new DateTimeDataFrameColumn(Name, values, validity, _count, _nullCount),
        };
    }

    private static int WidthOf(ColumnKind kind) => kind == ColumnKind.Boolean ? sizeof(bool) : sizeof(long);

    private static string FormatTime(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put<T>(T value)
        where T : unmanaged
    {
        int row = _count;
        if (row == _capacity)
        {
            Grow();
        }

        MemoryMarshal.Write(_values.AsSpan(row * Unsafe.SizeOf<T>()), in value);
        if (_validity is not null)
        {
            _validity[row >> 3] |= (byte)(1 << (row & 7));
        }

        _count = row + 1;
    }

    private void AppendOther(ref QueryRowReader row)
    {
        switch (row.ValueKind)
        {
            case InfluxValueKind.Null:
                AppendNull();
                return;
            case InfluxValueKind.Integer:
                Append(row.GetInt64());
                return;
            case InfluxValueKind.Float:
                Append(row.GetDouble());
                return;
            case InfluxValueKind.Boolean:
                Append(row.GetBoolean());
                return;
            default:
                AppendText(row.GetString());
                return;
        }
    }

    private void AppendNonTime(ref QueryRowReader row)
    {
        if (row.IsNull)
        {
            AppendNull();
            return;
        }

        throw new InfluxDBException(
            $"The 'time' value of row {row.RowIndex} of series {row.Series} is neither an integer time nor an RFC 3339 time "
            + $"({row.ValueKind}). Is the server InfluxDB 1.x?");
    }

    private void EnsureRoom()
    {
        if (_count == _capacity)
        {
            Grow();
        }
    }

    private void Grow()
    {
        int width = WidthOf(_kind);
        byte[] values = ArrayPool<byte>.Shared.Rent(NextCapacity(width) * width);
        int capacity = values.Length / width;
        _values.AsSpan(0, _count * width).CopyTo(values);
        ReturnValues();
        _values = values;
        if (_validity is not null)
        {
            byte[] validity = new byte[(capacity + 7) / 8];
            _validity.AsSpan(0, (_count + 7) / 8).CopyTo(validity);
            _validity = validity;
        }

        _capacity = capacity;
    }

    private int NextCapacity(int width)
    {
        int maxRows = Array.MaxLength / width;
        if (_count >= maxRows)
        {
            throw new InfluxDBException(
                $"Column '{Name}' has more rows than one DataFrame column buffer holds ({maxRows:N0}). Read the result in chunks "
                + "(QueryDataFrameChunkedAsync) or narrow the query's time range.");
        }

        return (int)Math.Min(maxRows, Math.Max(InitialCapacity, Math.Max(_count + 1L, _capacity * 2L)));
    }

    private void ReturnValues()
    {
        if (_values.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_values);
        }

        _values = [];
        _capacity = 0;
    }

    private void CreateValidity(int validRows)
    {
        _validity = new byte[(_capacity + 7) / 8];
        _validity.AsSpan(0, validRows / 8).Fill(0xFF);
        for (int row = validRows & ~7; row < validRows; row++)
        {
            _validity[row >> 3] |= (byte)(1 << (row & 7));
        }
    }

    private void WidenTo(ColumnKind kind)
    {
        ColumnKind from = _kind;
        if (kind == ColumnKind.String)
        {
            _strings = ToStrings(from);
            ReturnValues();
            _validity = null;
            _capacity = 0;
            _kind = ColumnKind.String;
            return;
        }

        _kind = kind;
        if (from == ColumnKind.Empty)
        {
            // Every row so far is null: buffers of that many zeroes, and a bitmap with none of their bits set.
            int width = WidthOf(kind);
            _values = ArrayPool<byte>.Shared.Rent(NextCapacity(width) * width);
            _capacity = _values.Length / width;
            _values.AsSpan(0, _count * width).Clear();
            _validity = _nullCount > 0 ? new byte[(_capacity + 7) / 8] : null;
            return;
        }

        // Int64 to Double, in place: both are eight bytes, and a null's zero bits are 0.0 as well as 0.
        Span<long> integers = MemoryMarshal.Cast<byte, long>(_values.AsSpan(0, _count * sizeof(long)));
        Span<double> floats = MemoryMarshal.Cast<byte, double>(_values.AsSpan(0, _count * sizeof(double)));
        for (int i = 0; i < integers.Length; i++)
        {
            floats[i] = integers[i];
        }
    }

    private StringDataFrameColumn ToStrings(ColumnKind from)
    {
        if (from == ColumnKind.Empty)
        {
            return new StringDataFrameColumn(Name, _count);
        }

        var strings = new StringDataFrameColumn(Name, 0);
        for (int row = 0; row < _count; row++)
        {
            if (_validity is not null && (_validity[row >> 3] & (1 << (row & 7))) == 0)
            {
                strings.Append(null);
                continue;
            }

            strings.Append(from switch
            {
                ColumnKind.Int64 or ColumnKind.TimeNanoseconds => MemoryMarshal.Read<long>(_values.AsSpan(row * sizeof(long))).ToString(CultureInfo.InvariantCulture),
                ColumnKind.Double => MemoryMarshal.Read<double>(_values.AsSpan(row * sizeof(double))).ToString("R", CultureInfo.InvariantCulture),
                ColumnKind.Boolean => _values[row] != 0 ? "true" : "false",
                _ => FormatTime(MemoryMarshal.Read<DateTime>(_values.AsSpan(row * sizeof(long)))),
            });
        }

        return strings;
    }
}
