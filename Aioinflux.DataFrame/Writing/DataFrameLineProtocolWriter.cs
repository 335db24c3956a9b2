using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Aioinflux.Serialization;
using Aioinflux.Writing;
using Microsoft.Data.Analysis;

namespace Aioinflux;

/// <summary>
/// Writes the rows of one <see cref="DataFrame"/> as line protocol, one line per row index, column by column: the
/// columns are resolved to their typed form and the measurement and keys escaped once, when the writer is built, so a
/// row is read from the typed column buffers and written through <see cref="LineBuilder"/> without boxing a cell or
/// building a string. <see cref="InfluxDBClientDataFrameExtensions"/> writes a whole frame with it; pass it with row
/// indices to any <see cref="InfluxDBClient"/> write method to write some of the rows.
/// </summary>
/// <remarks>
/// <para>Column types: <c>Double</c>, <c>Single</c> and <c>Decimal</c> columns are float fields; every integer column
/// is an integer field (a <c>UInt64</c> value above <see cref="long.MaxValue"/> is rejected); <c>Boolean</c> is a
/// boolean field; <c>String</c> (and Arrow string) columns are string fields; <c>Char</c> columns are one-character
/// string fields. Tag columns may be string, integer, <c>Boolean</c> or <c>Char</c> columns. Any other column type is
/// rejected when the writer is built, naming the column.</para>
/// <para>Missing values: a null cell omits its field or tag, and so does NaN in a <c>Double</c> or <c>Single</c>
/// column, which is how pandas (and so aioinflux) marks a missing number. A row whose fields are all missing has no
/// line: the writer writes nothing for it, and the client counts it in <see cref="WriteResult.PointsSkipped"/>. A null
/// time is an error. Infinities are errors too: InfluxDB cannot store them.</para>
/// <para>The frame is read while it is written; do not change it meanwhile. The writer itself holds no per-row state,
/// so it may write rows from several threads at once.</para>
/// </remarks>
public sealed class DataFrameLineProtocolWriter : ILineProtocolWriter<long>
{
    /// <summary>What <see cref="LineProtocolException.PointType"/> says for a frame's rows.</summary>
    internal const string PointType = "DataFrame";

    private readonly byte[] _escapedMeasurement;
    private readonly ColumnWriter[] _tags;
    private readonly ColumnWriter[] _fields;
    private readonly TimeColumnWriter? _time;
    private readonly int _fixedLength;

    /// <summary>Resolves the columns of <paramref name="frame"/> and escapes its measurement and keys.</summary>
    /// <param name="frame">The frame; read while rows are written, so do not change it meanwhile.</param>
    /// <param name="measurement">The measurement of every row (aioinflux's <c>measurement</c>, mandatory for frames).</param>
    /// <param name="options">The time column and the tag columns; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">
    /// The measurement or a column name cannot be written as line protocol, a column named by the options is missing,
    /// a column's type cannot be written (the message names the column and what to convert it to), or no column is
    /// left to be a field.
    /// </exception>
    public DataFrameLineProtocolWriter(DataFrame frame, string measurement, DataFrameWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(measurement);
        options ??= new DataFrameWriteOptions();

        Measurement = measurement;
        RowCount = frame.Rows.Count;
        _escapedMeasurement = EscapeMeasurement(measurement);

        DataFrameColumn? timeColumn = FindTimeColumn(frame, options.TimeColumn);
        _time = timeColumn is null ? null : CreateTimeWriter(timeColumn, RowCount);

        List<string> tagNames = ResolveTagColumns(frame, options.TagColumns, timeColumn);
        var tags = new List<ColumnWriter>(tagNames.Count);
        foreach (string name in tagNames)
        {
            tags.Add(CreateTagWriter(frame.Columns[name], RowCount));
        }

        var fields = new List<ColumnWriter>(frame.Columns.Count);
        foreach (DataFrameColumn column in frame.Columns)
        {
            if (!ReferenceEquals(column, timeColumn) && !tagNames.Contains(column.Name))
            {
                fields.Add(CreateFieldWriter(column, RowCount));
            }
        }

        if (fields.Count == 0)
        {
            throw new ArgumentException(
                $"The DataFrame has no field column: every column is the time or a tag, and InfluxDB stores no point without a field. Leave at least one column out of {nameof(DataFrameWriteOptions.TagColumns)}.",
                nameof(frame));
        }

        _tags = [.. tags];
        _fields = [.. fields];
        _fixedLength = _escapedMeasurement.Length + LineBuilder.FixedLength + (_time is null ? 0 : LineBuilder.MaxTimeLength);
    }

    /// <summary>The measurement of every row.</summary>
    public string Measurement { get; }

    /// <summary>The frame's row count when the writer was built; row indices run from 0 to one less.</summary>
    public long RowCount { get; }

    /// <summary>The time column's name, or <see langword="null"/> when rows carry no timestamp.</summary>
    public string? TimeColumn => _time?.Column;

    /// <summary>The tag columns, in the order their tags are written.</summary>
    public IReadOnlyList<string> TagColumns => Array.ConvertAll(_tags, t => t.Column);

    /// <summary>The field columns, in the order their fields are written (the frame's order).</summary>
    public IReadOnlyList<string> FieldColumns => Array.ConvertAll(_fields, f => f.Column);

    /// <summary>Writes row <paramref name="value"/> with a nanosecond timestamp, or nothing when all its fields are missing.</summary>
    /// <param name="value">The row index.</param>
    /// <param name="writer">The destination.</param>
    public void WriteLineProtocol(long value, IBufferWriter<byte> writer)
        => WriteLineProtocol(value, writer, default);

    /// <summary>
    /// Writes row <paramref name="value"/> as one line, with the timestamp in <see cref="LineProtocolOptions.Precision"/>
    /// and the per-call extra tags after the frame's tags; writes nothing when all its fields are missing.
    /// </summary>
    /// <param name="value">The row index.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="options">Per-call precision and extra tags.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a row of the frame.</exception>
    /// <exception cref="LineProtocolException">
    /// A cell cannot be carried by line protocol (an infinity, a newline in a tag, a time out of range, a null time);
    /// nothing was written to <paramref name="writer"/>.
    /// </exception>
    public void WriteLineProtocol(long value, IBufferWriter<byte> writer, in LineProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if ((ulong)value >= (ulong)RowCount)
        {
            ThrowRowOutOfRange(value, RowCount);
        }

        long row = value;
        int fieldsLength = 0;
        foreach (ColumnWriter field in _fields)
        {
            fieldsLength += field.MaxLength(row);
        }

        if (fieldsLength == 0)
        {
            return; // every field is missing: no line, which the client counts as a skipped point
        }

        int maxLength = _fixedLength + options.MaxLength + fieldsLength;
        foreach (ColumnWriter tag in _tags)
        {
            maxLength += tag.MaxLength(row);
        }

        var line = new LineBuilder(writer.GetSpan(maxLength), PointType);
        line.Measurement(_escapedMeasurement);
        foreach (ColumnWriter tag in _tags)
        {
            tag.Write(ref line, row);
        }

        line.ExtraTags(in options);
        foreach (ColumnWriter field in _fields)
        {
            field.Write(ref line, row);
        }

        _time?.Write(ref line, row, options.Precision);
        writer.Advance(line.Complete());
    }

    /// <summary>0, 1, … <paramref name="count"/> − 1, for the client's write loop.</summary>
    internal static IEnumerable<long> RowIndices(long count)
    {
        for (long row = 0; row < count; row++)
        {
            yield return row;
        }
    }

    [DoesNotReturn]
    private static void ThrowRowOutOfRange(long row, long rowCount)
        => throw new ArgumentOutOfRangeException(nameof(row), row, $"The DataFrame had {rowCount.ToString(CultureInfo.InvariantCulture)} rows when the writer was built; write rows 0 to {(rowCount - 1).ToString(CultureInfo.InvariantCulture)}.");

    private static byte[] EscapeMeasurement(string measurement)
    {
        if (measurement.Length == 0)
        {
            throw new ArgumentException("The measurement is empty; InfluxDB needs a measurement name for every point. Pass the measurement to write the DataFrame to.", nameof(measurement));
        }

        if (LineProtocolSyntax.IsCommentMarker(measurement))
        {
            throw new ArgumentException($"The measurement '{measurement}' starts with '#', which makes InfluxDB read every line as a comment and store nothing. Choose a measurement that does not start with '#'.", nameof(measurement));
        }

        byte[] escaped = new byte[LineProtocolSyntax.MaxEscapedLength(measurement)];
        LineProtocolTextError error = LineProtocolSyntax.TryWriteEscaped(measurement, LineProtocolElement.Measurement, escaped, out int written);
        if (error != LineProtocolTextError.None)
        {
            throw new ArgumentException($"The measurement '{measurement}' {LineProtocolSyntax.Describe(error)}. Choose another measurement.", nameof(measurement));
        }

        return escaped[..written];
    }

    private static byte[] EscapeKey(DataFrameColumn column, LineProtocolElement element, string role)
    {
        string name = column.Name;
        if (name.Length == 0)
        {
            throw new ArgumentException($"A DataFrame column has an empty name, which cannot be a {role} key. Rename the column.", "frame");
        }

        if (name == DataFrameWriteOptions.DefaultTimeColumn)
        {
            throw new ArgumentException(
                $"Column 'time' would be written as a {role}, but InfluxDB reserves the key 'time' for the timestamp and drops such a {role}. Make it the time column ({nameof(DataFrameWriteOptions)}.{nameof(DataFrameWriteOptions.TimeColumn)} = \"time\") or rename it.",
                "frame");
        }

        byte[] escaped = new byte[LineProtocolSyntax.MaxEscapedLength(name) + 1];
        LineProtocolTextError error = LineProtocolSyntax.TryWriteEscaped(name, element, escaped, out int written);
        if (error != LineProtocolTextError.None)
        {
            throw new ArgumentException($"The name of column '{name}' {LineProtocolSyntax.Describe(error)}, so it cannot be a {role} key. Rename the column.", "frame");
        }

        escaped[written] = (byte)'=';
        return escaped[..(written + 1)];
    }

    private static DataFrameColumn? FindTimeColumn(DataFrame frame, string? name)
    {
        if (name is null)
        {
            return null;
        }

        int index = frame.Columns.IndexOf(name);
        if (index >= 0)
        {
            return frame.Columns[index];
        }

        if (name == DataFrameWriteOptions.DefaultTimeColumn)
        {
            return null; // the default time column is optional: without it, InfluxDB stamps the points
        }

        throw new ArgumentException(
            $"The time column '{name}' is not a column of the DataFrame (its columns: {ListColumns(frame)}). Name an existing column in {nameof(DataFrameWriteOptions)}.{nameof(DataFrameWriteOptions.TimeColumn)}, or set it to null to write points without a timestamp.",
            "dataFrameOptions");
    }

    private static List<string> ResolveTagColumns(DataFrame frame, IEnumerable<string>? tagColumns, DataFrameColumn? timeColumn)
    {
        var names = new List<string>();
        foreach (string? name in tagColumns ?? [])
        {
            if (name is null)
            {
                throw new ArgumentException($"{nameof(DataFrameWriteOptions.TagColumns)} holds a null name. Name only columns of the DataFrame.", "dataFrameOptions");
            }

            if (frame.Columns.IndexOf(name) < 0)
            {
                throw new ArgumentException(
                    $"The tag column '{name}' is not a column of the DataFrame (its columns: {ListColumns(frame)}). Name only existing columns in {nameof(DataFrameWriteOptions.TagColumns)}.",
                    "dataFrameOptions");
            }

            if (timeColumn is not null && name == timeColumn.Name)
            {
                throw new ArgumentException(
                    $"Column '{name}' is the time column and cannot also be a tag. Remove it from {nameof(DataFrameWriteOptions.TagColumns)}, or choose another {nameof(DataFrameWriteOptions.TimeColumn)}.",
                    "dataFrameOptions");
            }

            if (names.Contains(name))
            {
                throw new ArgumentException($"The tag column '{name}' is named twice in {nameof(DataFrameWriteOptions.TagColumns)}. Name each tag column once.", "dataFrameOptions");
            }

            names.Add(name);
        }

        return names;
    }

    private static TimeColumnWriter CreateTimeWriter(DataFrameColumn column, long rowCount) => column switch
    {
        PrimitiveDataFrameColumn<DateTime> times => new DateTimeColumnWriter(times, rowCount),
        PrimitiveDataFrameColumn<long> nanoseconds => new NanosecondColumnWriter(nanoseconds, rowCount),
        _ => throw new ArgumentException(
            $"The time column '{column.Name}' is {Describe(column)}; a time column must be a DateTime column (unspecified kind is UTC) or an Int64 column of nanoseconds since the Unix epoch. Convert it to one of those, or set {nameof(DataFrameWriteOptions)}.{nameof(DataFrameWriteOptions.TimeColumn)} to another column or to null.",
            "frame"),
    };

    private static ColumnWriter CreateFieldWriter(DataFrameColumn column, long rowCount)
    {
        return column switch
        {
            PrimitiveDataFrameColumn<double> c => new PrimitiveColumnWriter<double, DoubleField>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<float> c => new PrimitiveColumnWriter<float, SingleField>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<decimal> c => new PrimitiveColumnWriter<decimal, DecimalField>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<sbyte> c => new PrimitiveColumnWriter<sbyte, IntegerField<sbyte>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<byte> c => new PrimitiveColumnWriter<byte, IntegerField<byte>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<short> c => new PrimitiveColumnWriter<short, IntegerField<short>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<ushort> c => new PrimitiveColumnWriter<ushort, IntegerField<ushort>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<int> c => new PrimitiveColumnWriter<int, IntegerField<int>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<uint> c => new PrimitiveColumnWriter<uint, IntegerField<uint>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<long> c => new PrimitiveColumnWriter<long, IntegerField<long>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<ulong> c => new PrimitiveColumnWriter<ulong, UInt64Field>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<bool> c => new PrimitiveColumnWriter<bool, BooleanField>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<char> c => new PrimitiveColumnWriter<char, CharField>(c, rowCount, Key()),
            StringDataFrameColumn or ArrowStringDataFrameColumn => new StringFieldWriter(column, Key()),
            PrimitiveDataFrameColumn<DateTime> => throw new ArgumentException(
                $"Column '{column.Name}' is a DateTime column, and line protocol has no time fields: only the time column holds times. "
                + $"Name it in {nameof(DataFrameWriteOptions)}.{nameof(DataFrameWriteOptions.TimeColumn)}, or convert it to an Int64 column of nanoseconds (an integer field) or to a String column.",
                "frame"),
            _ => throw new ArgumentException(
                $"Column '{column.Name}' is {Describe(column)}, which has no line protocol field type. "
                + "Convert it to a Double, Single, Decimal, integer, Boolean or String column (aioinflux writes str() of such values; here you choose the text, e.g. with new StringDataFrameColumn(name, values)), or drop it from the frame.",
                "frame"),
        };

        byte[] Key() => EscapeKey(column, LineProtocolElement.FieldKey, "field");
    }

    private static ColumnWriter CreateTagWriter(DataFrameColumn column, long rowCount)
    {
        return column switch
        {
            StringDataFrameColumn or ArrowStringDataFrameColumn => new StringTagWriter(column, Key()),
            PrimitiveDataFrameColumn<sbyte> c => new PrimitiveColumnWriter<sbyte, IntegerTag<sbyte>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<byte> c => new PrimitiveColumnWriter<byte, IntegerTag<byte>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<short> c => new PrimitiveColumnWriter<short, IntegerTag<short>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<ushort> c => new PrimitiveColumnWriter<ushort, IntegerTag<ushort>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<int> c => new PrimitiveColumnWriter<int, IntegerTag<int>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<uint> c => new PrimitiveColumnWriter<uint, IntegerTag<uint>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<long> c => new PrimitiveColumnWriter<long, IntegerTag<long>>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<ulong> c => new PrimitiveColumnWriter<ulong, UInt64Tag>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<bool> c => new PrimitiveColumnWriter<bool, BooleanTag>(c, rowCount, Key()),
            PrimitiveDataFrameColumn<char> c => new PrimitiveColumnWriter<char, CharTag>(c, rowCount, Key()),
            _ => throw new ArgumentException(
                $"The tag column '{column.Name}' is {Describe(column)}. Tags are text: a tag column must be a String, integer, Boolean or Char column. "
                + "Convert it to a String column in the text you will query by (a number's or a time's text depends on its format), or write it as a field by leaving it out of TagColumns.",
                "dataFrameOptions"),
        };

        byte[] Key() => EscapeKey(column, LineProtocolElement.TagKey, "tag");
    }

    private static string Describe(DataFrameColumn column)
        => $"a {column.GetType().Name} (of {column.DataType.Name})";

    private static string ListColumns(DataFrame frame)
    {
        var names = new List<string>(frame.Columns.Count);
        foreach (DataFrameColumn column in frame.Columns)
        {
            names.Add($"'{column.Name}'");
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
