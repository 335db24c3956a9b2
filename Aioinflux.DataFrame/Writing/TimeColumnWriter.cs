using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Aioinflux.Serialization;
using Microsoft.Data.Analysis;

namespace Aioinflux.Writing;

/// <summary>Writes each row's timestamp from the frame's time column.</summary>
internal abstract class TimeColumnWriter(string column)
{
    public string Column { get; } = column;

    public abstract void Write(ref LineBuilder line, long row, WritePrecision precision);

    // A frame's timestamps are data: stamping a row with the server's clock instead would slip "now" into history
    // without a word, so a missing time is an error (with its row), not an omitted timestamp.
    [DoesNotReturn]
    protected static void ThrowNullTime(string column, long row)
        => throw new LineProtocolException(
            DataFrameLineProtocolWriter.PointType,
            column,
            $"Cannot write DataFrame.{column} as line protocol: row {row.ToString(CultureInfo.InvariantCulture)} has a null time. "
            + "Fill or drop that row, or write the frame without a time column (DataFrameWriteOptions.TimeColumn = null) to let InfluxDB stamp every point with its clock.");
}

/// <summary>Times from a <see cref="DateTime"/> column: unspecified kind is UTC, local is converted.</summary>
internal sealed class DateTimeColumnWriter(PrimitiveDataFrameColumn<DateTime> column, long rowCount) : TimeColumnWriter(column.Name)
{
    private readonly PrimitiveCells<DateTime> _cells = new(column, rowCount);

    public override void Write(ref LineBuilder line, long row, WritePrecision precision)
    {
        if (!_cells.TryGet(row, out DateTime time))
        {
            ThrowNullTime(Column, row);
        }

        line.Time(time, precision, Column);
    }
}

/// <summary>Times from an <see cref="long"/> column of nanoseconds since the Unix epoch.</summary>
internal sealed class NanosecondColumnWriter(PrimitiveDataFrameColumn<long> column, long rowCount) : TimeColumnWriter(column.Name)
{
    private readonly PrimitiveCells<long> _cells = new(column, rowCount);

    public override void Write(ref LineBuilder line, long row, WritePrecision precision)
    {
        if (!_cells.TryGet(row, out long nanoseconds))
        {
            ThrowNullTime(Column, row);
        }

        line.Time(nanoseconds, precision, Column);
    }
}
