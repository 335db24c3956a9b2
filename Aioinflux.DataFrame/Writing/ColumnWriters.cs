using System.Numerics;
using System.Runtime.CompilerServices;
using Aioinflux.Serialization;
using Microsoft.Data.Analysis;

namespace Aioinflux.Writing;

/// <summary>
/// Writes one tag or field column of a frame, one row at a time: first how many bytes the cell needs (0 when it is
/// omitted), then the cell itself. The key is escaped once, when the writer is built.
/// </summary>
internal abstract class ColumnWriter(string column, byte[] escapedKey)
{
    /// <summary>The column's name, for error messages.</summary>
    public string Column { get; } = column;

    /// <summary>The escaped key followed by <c>=</c>.</summary>
    protected byte[] EscapedKey { get; } = escapedKey;

    /// <summary>The most bytes the cell of <paramref name="row"/> takes with its separator and key; 0 when it is omitted.</summary>
    public abstract int MaxLength(long row);

    /// <summary>Writes the cell of <paramref name="row"/>, or nothing when it is omitted.</summary>
    public abstract void Write(ref LineBuilder line, long row);
}

/// <summary>How one element type is written as a tag or a field; implemented by structs so each column writer is specialised.</summary>
/// <typeparam name="T">The column's element type.</typeparam>
internal interface ICellFormat<T>
{
    /// <summary>Whether a non-null cell is still a missing value (NaN, as pandas marks one).</summary>
    static abstract bool IsMissing(T value);

    /// <summary>The most bytes the value takes, without separator and key.</summary>
    static abstract int MaxValueLength(T value);

    static abstract void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, T value, string column);
}

/// <summary>A tag or field column of a <see cref="PrimitiveDataFrameColumn{T}"/>.</summary>
internal sealed class PrimitiveColumnWriter<T, TFormat>(PrimitiveDataFrameColumn<T> column, long rowCount, byte[] escapedKey)
    : ColumnWriter(column.Name, escapedKey)
    where T : unmanaged
    where TFormat : struct, ICellFormat<T>
{
    private readonly PrimitiveCells<T> _cells = new(column, rowCount);

    public override int MaxLength(long row)
        => _cells.TryGet(row, out T value) && !TFormat.IsMissing(value) ? 1 + EscapedKey.Length + TFormat.MaxValueLength(value) : 0;

    public override void Write(ref LineBuilder line, long row)
    {
        if (_cells.TryGet(row, out T value) && !TFormat.IsMissing(value))
        {
            TFormat.Write(ref line, EscapedKey, value, Column);
        }
    }
}

/// <summary>
/// The cells of a <see cref="StringDataFrameColumn"/> (read by reference) or an <see cref="ArrowStringDataFrameColumn"/>
/// (whose indexer decodes each UTF-8 cell into a new string).
/// </summary>
internal readonly struct StringCells(DataFrameColumn column)
{
    private readonly StringDataFrameColumn? _strings = column as StringDataFrameColumn;
    private readonly ArrowStringDataFrameColumn? _arrow = column as ArrowStringDataFrameColumn;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? Get(long row) => _strings is not null ? _strings[row] : _arrow![row];
}

/// <summary>A string field column: null omits the field, an empty string is written as <c>""</c>.</summary>
internal sealed class StringFieldWriter(DataFrameColumn column, byte[] escapedKey) : ColumnWriter(column.Name, escapedKey)
{
    private readonly StringCells _cells = new(column);

    public override int MaxLength(long row)
    {
        string? value = _cells.Get(row);
        return value is null ? 0 : 3 + EscapedKey.Length + LineProtocolSyntax.MaxEscapedLength(value);
    }

    public override void Write(ref LineBuilder line, long row) => line.Field(EscapedKey, _cells.Get(row), Column);
}

/// <summary>A string tag column: null or empty omits the tag.</summary>
internal sealed class StringTagWriter(DataFrameColumn column, byte[] escapedKey) : ColumnWriter(column.Name, escapedKey)
{
    private readonly StringCells _cells = new(column);

    public override int MaxLength(long row)
    {
        string? value = _cells.Get(row);
        return string.IsNullOrEmpty(value) ? 0 : 1 + EscapedKey.Length + LineProtocolSyntax.MaxEscapedLength(value);
    }

    public override void Write(ref LineBuilder line, long row) => line.Tag(EscapedKey, _cells.Get(row), Column);
}

/// <summary>A float field from <see cref="double"/>; NaN is a missing value, as in pandas.</summary>
internal readonly struct DoubleField : ICellFormat<double>
{
    public static bool IsMissing(double value) => double.IsNaN(value);

    public static int MaxValueLength(double value) => LineBuilder.MaxNumberLength;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, double value, string column) => line.Field(escapedKey, value, column);
}

/// <summary>A float field from <see cref="float"/>; NaN is a missing value, as in pandas.</summary>
internal readonly struct SingleField : ICellFormat<float>
{
    public static bool IsMissing(float value) => float.IsNaN(value);

    public static int MaxValueLength(float value) => LineBuilder.MaxNumberLength;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, float value, string column) => line.Field(escapedKey, value, column);
}

/// <summary>A float field from <see cref="decimal"/>, digit for digit.</summary>
internal readonly struct DecimalField : ICellFormat<decimal>
{
    public static bool IsMissing(decimal value) => false;

    public static int MaxValueLength(decimal value) => LineBuilder.MaxNumberLength;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, decimal value, string column) => line.Field(escapedKey, value, column);
}

/// <summary>An integer field from any integer type that fits in a <see cref="long"/>.</summary>
internal readonly struct IntegerField<T> : ICellFormat<T>
    where T : IBinaryInteger<T>
{
    public static bool IsMissing(T value) => false;

    public static int MaxValueLength(T value) => LineBuilder.MaxNumberLength;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, T value, string column) => line.Field(escapedKey, long.CreateTruncating(value), column);
}

/// <summary>An integer field from <see cref="ulong"/>; a value above <see cref="long.MaxValue"/> is rejected with its row.</summary>
internal readonly struct UInt64Field : ICellFormat<ulong>
{
    public static bool IsMissing(ulong value) => false;

    public static int MaxValueLength(ulong value) => LineBuilder.MaxNumberLength;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, ulong value, string column) => line.Field(escapedKey, value, column);
}

/// <summary>A boolean field.</summary>
internal readonly struct BooleanField : ICellFormat<bool>
{
    public static bool IsMissing(bool value) => false;

    public static int MaxValueLength(bool value) => 5;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, bool value, string column) => line.Field(escapedKey, value, column);
}

/// <summary>A string field of one character, as the generated writers write a <see cref="char"/>.</summary>
internal readonly struct CharField : ICellFormat<char>
{
    public static bool IsMissing(char value) => false;

    public static int MaxValueLength(char value) => 2 + LineProtocolSyntax.MaxEscapedLength(new ReadOnlySpan<char>(in value));

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, char value, string column) => line.Field(escapedKey, value, column);
}

/// <summary>An integer tag from any integer type that fits in a <see cref="long"/>.</summary>
internal readonly struct IntegerTag<T> : ICellFormat<T>
    where T : IBinaryInteger<T>
{
    public static bool IsMissing(T value) => false;

    public static int MaxValueLength(T value) => LineBuilder.MaxNumberLength;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, T value, string column) => line.Tag(escapedKey, long.CreateTruncating(value), column);
}

/// <summary>An integer tag from <see cref="ulong"/> (tags are text, so every value fits).</summary>
internal readonly struct UInt64Tag : ICellFormat<ulong>
{
    public static bool IsMissing(ulong value) => false;

    public static int MaxValueLength(ulong value) => LineBuilder.MaxNumberLength;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, ulong value, string column) => line.Tag(escapedKey, value, column);
}

/// <summary>A boolean tag, <c>true</c> or <c>false</c>.</summary>
internal readonly struct BooleanTag : ICellFormat<bool>
{
    public static bool IsMissing(bool value) => false;

    public static int MaxValueLength(bool value) => 5;

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, bool value, string column) => line.Tag(escapedKey, value, column);
}

/// <summary>A one-character tag.</summary>
internal readonly struct CharTag : ICellFormat<char>
{
    public static bool IsMissing(char value) => false;

    public static int MaxValueLength(char value) => LineProtocolSyntax.MaxEscapedLength(new ReadOnlySpan<char>(in value));

    public static void Write(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, char value, string column) => line.Tag(escapedKey, value, column);
}
