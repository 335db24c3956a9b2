using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace Aioinflux.Serialization;

/// <summary>
/// Writes one line of line protocol into a span sized in advance, validating every value as it goes. The generated
/// <see cref="ILineProtocolPoint"/> writers call it one member at a time; the caller commits the bytes (for example
/// with <see cref="System.Buffers.IBufferWriter{T}.Advance(int)"/>) only after <see cref="Complete"/> returns, so a
/// value that cannot be written throws before any byte of its point is committed.
/// </summary>
/// <remarks>
/// Keys are passed already escaped and followed by <c>=</c> (<c>"host="u8</c>), as the generator emits them;
/// values are escaped here. Order of calls: <see cref="Measurement(ReadOnlySpan{byte})"/>, tags, fields, time,
/// <see cref="Complete"/>. The destination must be large enough for the whole line: the generator sums the
/// escaped names, separators, <see cref="MaxNumberLength"/> per number, <see cref="MaxTimeLength"/>,
/// <see cref="FixedLength"/> and <see cref="LineProtocolSyntax.MaxEscapedLength(string?)"/> per string.
/// </remarks>
public ref struct LineBuilder
{
    /// <summary>The most bytes a number value takes: a decimal's 31, or an integer's 20 and its <c>i</c>.</summary>
    public const int MaxNumberLength = 32;

    /// <summary>The most bytes a timestamp takes with the space before it.</summary>
    public const int MaxTimeLength = 21;

    /// <summary>The bytes of a <see cref="Guid"/> in its <c>D</c> form.</summary>
    public const int GuidLength = 36;

    /// <summary>The most bytes the line's fixed punctuation takes besides keys and values: the placeholder field and the final newline.</summary>
    public const int FixedLength = 8;

    private static ReadOnlySpan<byte> PlaceholderField => " _=true"u8;

    private const int FieldsClosed = -1;

    private readonly Span<byte> _line;
    private readonly string _pointType;
    private readonly bool _placeholder;
    private int _length;
    private int _fieldCount; // FieldsClosed once the time or the end has been written

    /// <summary>Starts a line.</summary>
    /// <param name="destination">Where the line is written; large enough for the bound described above.</param>
    /// <param name="pointType">The point's type name, for error messages.</param>
    /// <param name="placeholder">Write <c>_=true</c> instead of failing when the point has no field.</param>
    public LineBuilder(Span<byte> destination, string pointType, bool placeholder = false)
    {
        _line = destination;
        _pointType = pointType;
        _placeholder = placeholder;
    }

    /// <summary>The bytes written so far.</summary>
    public readonly int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _line[.._length];

    /// <summary>Writes a measurement escaped at compile time.</summary>
    /// <param name="escapedMeasurement">The escaped measurement.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Measurement(ReadOnlySpan<byte> escapedMeasurement) => WriteRaw(escapedMeasurement);

    /// <summary>Writes a per-point measurement, escaping and validating it.</summary>
    /// <param name="measurement">The measurement.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Measurement(string? measurement, string member)
    {
        if (string.IsNullOrEmpty(measurement))
        {
            LineProtocolThrow.MissingMeasurement(_pointType, member);
        }

        if (LineProtocolSyntax.IsCommentMarker(measurement))
        {
            LineProtocolThrow.CommentMeasurement(_pointType, member, measurement);
        }

        WriteEscaped(measurement, LineProtocolElement.Measurement, member, "measurement");
    }

    /// <summary>Writes a string tag; <see langword="null"/> or empty omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        StartTag(escapedKey);
        WriteEscaped(value, LineProtocolElement.TagValue, member, "tag value");
    }

    /// <summary>Writes an integer tag.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, long value, string member)
    {
        StartTag(escapedKey);
        WriteInteger(value);
    }

    /// <summary>Writes an integer tag; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, long? value, string member)
    {
        if (value.HasValue)
        {
            Tag(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes an unsigned integer tag (tags are text, so every value fits).</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, ulong value, string member)
    {
        StartTag(escapedKey);
        value.TryFormat(_line[_length..], out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Writes an unsigned integer tag; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, ulong? value, string member)
    {
        if (value.HasValue)
        {
            Tag(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes a boolean tag as <c>true</c> or <c>false</c>.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, bool value, string member)
    {
        StartTag(escapedKey);
        WriteRaw(value ? "true"u8 : "false"u8);
    }

    /// <summary>Writes a boolean tag; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, bool? value, string member)
    {
        if (value.HasValue)
        {
            Tag(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes a character tag as a one-character string.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, char value, string member)
    {
        StartTag(escapedKey);
        WriteEscaped(new ReadOnlySpan<char>(in value), LineProtocolElement.TagValue, member, "tag value");
    }

    /// <summary>Writes a character tag; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, char? value, string member)
    {
        if (value.HasValue)
        {
            Tag(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes a <see cref="Guid"/> tag in its <c>D</c> form.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, Guid value, string member)
    {
        StartTag(escapedKey);
        value.TryFormat(_line[_length..], out int written, "D");
        _length += written;
    }

    /// <summary>Writes a <see cref="Guid"/> tag; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(ReadOnlySpan<byte> escapedKey, Guid? value, string member)
    {
        if (value.HasValue)
        {
            Tag(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes an enum tag: its member's name (an identifier, needing no escape), or its number when undefined.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="name">The UTF-8 name of the value, or empty when the value is not a defined member.</param>
    /// <param name="value">The value's number.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnumTag(ReadOnlySpan<byte> escapedKey, ReadOnlySpan<byte> name, long value, string member)
    {
        StartTag(escapedKey);
        WriteEnumName(name, value);
    }

    /// <summary>Writes constant tags escaped at compile time, each as <c>,key=value</c>.</summary>
    /// <param name="escapedTags">The escaped tags.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExtraTags(ReadOnlySpan<byte> escapedTags) => WriteRaw(escapedTags);

    /// <summary>Writes the per-call extra tags of <paramref name="options"/>.</summary>
    /// <param name="options">The per-call options.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExtraTags(in LineProtocolOptions options)
    {
        if (options.MaxLength > 0)
        {
            WriteRaw(options.EscapedExtraTags);
        }
    }

    /// <summary>Writes a float field; NaN and infinities throw.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, double value, string member)
    {
        if (!double.IsFinite(value))
        {
            LineProtocolThrow.NonFinite(_pointType, member, value);
        }

        StartField(escapedKey);
        if (!ShortestFloatFormatter.TryFormat(value, _line[_length..], out int written))
        {
            written = FormatWithTryFormat(value, _line[_length..]);
        }

        _length += written;
    }

    /// <summary>Writes a float field; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, double? value, string member)
    {
        if (value.HasValue)
        {
            Field(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes a float field from a <see cref="float"/>, in the shortest text that reads back as the same <see cref="float"/>.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, float value, string member)
    {
        if (!float.IsFinite(value))
        {
            LineProtocolThrow.NonFinite(_pointType, member, value);
        }

        StartField(escapedKey);
        if (!ShortestFloatFormatter.TryFormat(value, _line[_length..], out int written))
        {
            written = FormatWithTryFormat(value, _line[_length..]);
        }

        _length += written;
    }

    /// <summary>Writes a float field from a <see cref="float"/>; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, float? value, string member)
    {
        if (value.HasValue)
        {
            Field(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes a float field from a <see cref="decimal"/>, digit for digit.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, decimal value, string member)
    {
        StartField(escapedKey);
        value.TryFormat(_line[_length..], out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Writes a float field from a <see cref="decimal"/>; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, decimal? value, string member)
    {
        if (value.HasValue)
        {
            Field(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes an integer field (<c>42i</c>).</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, long value, string member)
    {
        StartField(escapedKey);
        WriteInteger(value);
        _line[_length++] = (byte)'i';
    }

    /// <summary>Writes an integer field; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, long? value, string member)
    {
        if (value.HasValue)
        {
            Field(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes an integer field from an unsigned value; above <see cref="long.MaxValue"/> throws, as InfluxDB 1.x has no unsigned integers.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, ulong value, string member)
    {
        if (value > long.MaxValue)
        {
            LineProtocolThrow.UnsignedOverflow(_pointType, member, value);
        }

        Field(escapedKey, (long)value, member);
    }

    /// <summary>Writes an integer field from an unsigned value; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, ulong? value, string member)
    {
        if (value.HasValue)
        {
            Field(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes a boolean field.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, bool value, string member)
    {
        StartField(escapedKey);
        WriteRaw(value ? "true"u8 : "false"u8);
    }

    /// <summary>Writes a boolean field; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, bool? value, string member)
    {
        if (value.HasValue)
        {
            Field(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes a string field; <see langword="null"/> omits it. Newlines are written as they are.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, string? value, string member)
    {
        if (value is not null)
        {
            StringField(escapedKey, value, member);
        }
    }

    /// <summary>Writes a character field as a one-character string.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, char value, string member)
        => StringField(escapedKey, new ReadOnlySpan<char>(in value), member);

    /// <summary>Writes a character field; <see langword="null"/> omits it.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> escapedKey, char? value, string member)
    {
        if (value.HasValue)
        {
            Field(escapedKey, value.GetValueOrDefault(), member);
        }
    }

    /// <summary>Writes an enum field as a string holding its member's name, or its number when undefined.</summary>
    /// <param name="escapedKey">The escaped key followed by <c>=</c>.</param>
    /// <param name="name">The UTF-8 name of the value, or empty when the value is not a defined member.</param>
    /// <param name="value">The value's number.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnumField(ReadOnlySpan<byte> escapedKey, ReadOnlySpan<byte> name, long value, string member)
    {
        StartField(escapedKey);
        _line[_length++] = (byte)'"';
        WriteEnumName(name, value);
        _line[_length++] = (byte)'"';
    }

    /// <summary>Writes the timestamp, converted to <paramref name="precision"/>.</summary>
    /// <param name="nanoseconds">Nanoseconds since the Unix epoch.</param>
    /// <param name="precision">The wire precision.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Time(long nanoseconds, WritePrecision precision, string member)
    {
        if (!LineProtocolTime.IsInRange(nanoseconds))
        {
            LineProtocolThrow.TimeOutOfRange(_pointType, member, nanoseconds);
        }

        CloseFields();
        _line[_length++] = (byte)' ';
        WriteInteger(LineProtocolTime.ToPrecision(nanoseconds, precision));
    }

    /// <summary>Writes the timestamp; <see langword="null"/> writes none, so the server stamps the point.</summary>
    /// <param name="nanoseconds">Nanoseconds since the Unix epoch.</param>
    /// <param name="precision">The wire precision.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Time(long? nanoseconds, WritePrecision precision, string member)
    {
        if (nanoseconds.HasValue)
        {
            Time(nanoseconds.GetValueOrDefault(), precision, member);
        }
    }

    /// <summary>Writes the timestamp from a <see cref="DateTime"/> (unspecified kind is UTC, local is converted).</summary>
    /// <param name="value">The time.</param>
    /// <param name="precision">The wire precision.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Time(DateTime value, WritePrecision precision, string member)
    {
        if (!LineProtocolTime.TryFromDateTime(value, out long nanoseconds))
        {
            LineProtocolThrow.TimeOutOfRange(_pointType, member, new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
        }

        Time(nanoseconds, precision, member);
    }

    /// <summary>Writes the timestamp from a <see cref="DateTime"/>; <see langword="null"/> writes none.</summary>
    /// <param name="value">The time.</param>
    /// <param name="precision">The wire precision.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Time(DateTime? value, WritePrecision precision, string member)
    {
        if (value.HasValue)
        {
            Time(value.GetValueOrDefault(), precision, member);
        }
    }

    /// <summary>Writes the timestamp from a <see cref="DateTimeOffset"/>.</summary>
    /// <param name="value">The time.</param>
    /// <param name="precision">The wire precision.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Time(DateTimeOffset value, WritePrecision precision, string member)
    {
        if (!LineProtocolTime.TryFromDateTimeOffset(value, out long nanoseconds))
        {
            LineProtocolThrow.TimeOutOfRange(_pointType, member, value);
        }

        Time(nanoseconds, precision, member);
    }

    /// <summary>Writes the timestamp from a <see cref="DateTimeOffset"/>; <see langword="null"/> writes none.</summary>
    /// <param name="value">The time.</param>
    /// <param name="precision">The wire precision.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Time(DateTimeOffset? value, WritePrecision precision, string member)
    {
        if (value.HasValue)
        {
            Time(value.GetValueOrDefault(), precision, member);
        }
    }

    /// <summary>Writes the timestamp from ISO 8601 text (see <see cref="LineProtocolTime.TryParseIso8601"/>); <see langword="null"/> writes none.</summary>
    /// <param name="value">The time as text.</param>
    /// <param name="precision">The wire precision.</param>
    /// <param name="member">The member it comes from, for error messages.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void TimeString(string? value, WritePrecision precision, string member)
    {
        if (value is null)
        {
            return;
        }

        if (!LineProtocolTime.TryParseIso8601(value, out long nanoseconds))
        {
            LineProtocolThrow.InvalidTimeString(_pointType, member, value);
        }

        Time(nanoseconds, precision, member);
    }

    /// <summary>Ends the line with <c>\n</c>; a point without a field throws here unless the builder writes a placeholder.</summary>
    /// <returns>The length of the line in bytes, newline included.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Complete()
    {
        CloseFields();
        _line[_length++] = (byte)'\n';
        return _length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CloseFields()
    {
        if (_fieldCount == 0)
        {
            _length += WritePlaceholder(_line[_length..], _placeholder, _pointType);
        }

        _fieldCount = FieldsClosed;
    }

    // Static, as every out-of-line helper here: passing the builder by reference would keep the JIT from holding
    // its fields in registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WritePlaceholder(Span<byte> destination, bool placeholder, string pointType)
    {
        if (!placeholder)
        {
            LineProtocolThrow.NoField(pointType);
        }

        PlaceholderField.CopyTo(destination);
        return PlaceholderField.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StartTag(scoped ReadOnlySpan<byte> escapedKey)
    {
        _line[_length++] = (byte)',';
        WriteRaw(escapedKey);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StartField(scoped ReadOnlySpan<byte> escapedKey)
    {
        _line[_length++] = _fieldCount++ == 0 ? (byte)' ' : (byte)',';
        WriteRaw(escapedKey);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StringField(scoped ReadOnlySpan<byte> escapedKey, scoped ReadOnlySpan<char> value, string member)
    {
        StartField(escapedKey);
        _line[_length++] = (byte)'"';
        WriteEscaped(value, LineProtocolElement.FieldString, member, "string value");
        _line[_length++] = (byte)'"';
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_line[_length..]);
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteInteger(long value)
    {
        value.TryFormat(_line[_length..], out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteEnumName(scoped ReadOnlySpan<byte> name, long value)
    {
        if (name.IsEmpty)
        {
            WriteInteger(value);
        }
        else
        {
            WriteRaw(name);
        }
    }

    // The floats the fast path declines: those that need 16 or 17 digits or an exponent. .NET writes "1E+20"; InfluxDB
    // reads either case, and the lowercase form matches its own encoders byte for byte.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FormatWithTryFormat<T>(T value, Span<byte> destination)
        where T : IUtf8SpanFormattable
    {
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        int exponent = destination[..written].IndexOf((byte)'E');
        if (exponent >= 0)
        {
            destination[exponent] = (byte)'e';
        }

        return written;
    }

    // Most text needs no escaping: one vectorized search and a straight transcode, inlined with the element folded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteEscaped(scoped ReadOnlySpan<char> text, LineProtocolElement element, string member, string role)
    {
        if (!text.ContainsAny(LineProtocolSyntax.SpecialsOf(element))
            && Utf8.FromUtf16(text, _line[_length..], out _, out int written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            _length += written;
            return;
        }

        _length += WriteEscapedSlow(text, element, _line[_length..], _pointType, member, role);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteEscapedSlow(scoped ReadOnlySpan<char> text, LineProtocolElement element, Span<byte> destination, string pointType, string member, string role)
    {
        LineProtocolTextError error = LineProtocolSyntax.TryWriteEscaped(text, element, destination, out int written);
        if (error != LineProtocolTextError.None)
        {
            LineProtocolThrow.InvalidText(pointType, member, role, text, error);
        }

        return written;
    }
}
