using System.Buffers;
using System.Globalization;
using Aioinflux.Serialization;

namespace Aioinflux;

/// <summary>
/// A point built at run time, for data whose shape is not known at compile time:
/// <c>Point.Measurement("cpu").Tag("host", "a").Field("value", 0.64).Time(DateTime.UtcNow)</c>.
/// For points of a fixed shape, a <see cref="LineProtocolAttribute"/> type is faster and checked at compile time.
/// </summary>
/// <remarks>
/// <para>
/// Every key and value is validated, escaped and formatted when it is added, by the same <see cref="LineBuilder"/>
/// the generated writers use, so a value line protocol cannot carry throws a <see cref="LineProtocolException"/>
/// (its <see cref="LineProtocolException.PointType"/> is <c>Point</c>, its <see cref="LineProtocolException.Member"/>
/// the key) at the call that adds it, and writing the point only copies bytes and formats the time.
/// </para>
/// <para>
/// Tags and fields are written in the order they were first added. Adding a tag or field whose key is already set
/// replaces its value where it stands, as a dictionary would; a <see langword="null"/> value (or an empty tag value)
/// removes it. InfluxDB rejects duplicate tag keys and keeps only the last of duplicate field keys, so a point never
/// holds either. A key used by both a tag and a field throws, as it does for generated types (AIO012).
/// </para>
/// <para>A point is not thread-safe while it is being built; once built it can be written from any number of threads.</para>
/// </remarks>
public sealed class Point : ILineProtocolPoint
{
    private const int StackScratchLength = 256;

    private readonly byte[] _measurement;
    private Entry[] _tags = [];
    private Entry[] _fields = [];
    private int _tagCount;
    private int _fieldCount;
    private int _tagsLength;
    private int _fieldsLength;
    private long _time;
    private bool _hasTime;

    private delegate void SegmentWriter<T>(ref LineBuilder line, ReadOnlySpan<byte> escapedKey, T value, string key);

    private Point(byte[] escapedMeasurement) => _measurement = escapedMeasurement;

    /// <summary>Starts a point in <paramref name="measurement"/>.</summary>
    /// <param name="measurement">The measurement; escaped as needed.</param>
    /// <returns>A point without tags, fields or time.</returns>
    /// <exception cref="LineProtocolException">The measurement is null, empty, starts with <c>#</c> or cannot be written.</exception>
    public static Point Measurement(string measurement)
    {
        if (string.IsNullOrEmpty(measurement))
        {
            DynamicPointThrow.PointMissingMeasurement();
        }

        int maxLength = LineProtocolSyntax.MaxEscapedLength(measurement);
        byte[]? rented = null;
        Span<byte> scratch = maxLength <= StackScratchLength ? stackalloc byte[StackScratchLength] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            var line = new LineBuilder(scratch, DynamicPointThrow.PointType);
            line.Measurement(measurement, DynamicPointThrow.MeasurementMember);
            return new Point(line.WrittenSpan.ToArray());
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Sets a string tag; <see langword="null"/> or empty removes the tag.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>This point.</returns>
    /// <exception cref="LineProtocolException">The key is empty or <c>time</c>, a field uses it, or the key or value cannot be written.</exception>
    public Point Tag(string key, string? value)
        => string.IsNullOrEmpty(value)
            ? RemoveTag(key)
            : SetTag(key, value, LineProtocolSyntax.MaxEscapedLength(value), static (ref line, k, v, m) => line.Tag(k, v, m));

    /// <summary>Sets an integer tag, written in invariant digits.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, long value)
        => SetTag(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Tag(k, v, m));

    /// <summary>Sets an integer tag; <see langword="null"/> removes the tag.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, long? value) => value.HasValue ? Tag(key, value.GetValueOrDefault()) : RemoveTag(key);

    /// <summary>Sets an unsigned integer tag (tags are text, so every value fits).</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, ulong value)
        => SetTag(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Tag(k, v, m));

    /// <summary>Sets an unsigned integer tag; <see langword="null"/> removes the tag.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, ulong? value) => value.HasValue ? Tag(key, value.GetValueOrDefault()) : RemoveTag(key);

    /// <summary>Sets a boolean tag, written <c>true</c> or <c>false</c>.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, bool value)
        => SetTag(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Tag(k, v, m));

    /// <summary>Sets a boolean tag; <see langword="null"/> removes the tag.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, bool? value) => value.HasValue ? Tag(key, value.GetValueOrDefault()) : RemoveTag(key);

    /// <summary>Sets a character tag, written as a one-character string.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, char value)
        => SetTag(key, value, LineProtocolSyntax.MaxEscapedLength(new ReadOnlySpan<char>(in value)), static (ref line, k, v, m) => line.Tag(k, v, m));

    /// <summary>Sets a character tag; <see langword="null"/> removes the tag.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, char? value) => value.HasValue ? Tag(key, value.GetValueOrDefault()) : RemoveTag(key);

    /// <summary>Sets a <see cref="Guid"/> tag, written in its <c>D</c> form.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, Guid value)
        => SetTag(key, value, LineBuilder.GuidLength, static (ref line, k, v, m) => line.Tag(k, v, m));

    /// <summary>Sets a <see cref="Guid"/> tag; <see langword="null"/> removes the tag.</summary>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag(string key, Guid? value) => value.HasValue ? Tag(key, value.GetValueOrDefault()) : RemoveTag(key);

    /// <summary>Sets an enum tag: the member's name, or the number of a value that is not a defined member.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag<TEnum>(string key, TEnum value)
        where TEnum : struct, Enum
        => Tag(key, DynamicKeys.EnumText(value));

    /// <summary>Sets an enum tag; <see langword="null"/> removes the tag.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <inheritdoc cref="Tag(string, string?)"/>
    public Point Tag<TEnum>(string key, TEnum? value)
        where TEnum : struct, Enum
        => value.HasValue ? Tag(key, value.GetValueOrDefault()) : RemoveTag(key);

    /// <summary>Sets a boolean field.</summary>
    /// <param name="key">The field key.</param>
    /// <param name="value">The field value.</param>
    /// <returns>This point.</returns>
    /// <exception cref="LineProtocolException">The key is empty or <c>time</c>, a tag uses it, or the key or value cannot be written.</exception>
    public Point Field(string key, bool value)
        => SetField(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets a boolean field; <see langword="null"/> removes the field.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, bool? value) => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets an integer field (<c>42i</c>); <see cref="int"/>, <see cref="short"/>, <see cref="uint"/> and the other integers come here.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, long value)
        => SetField(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets an integer field; <see langword="null"/> removes the field.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, long? value) => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets an integer field from an unsigned value; above <see cref="long.MaxValue"/> throws, as InfluxDB 1.x has no unsigned integers.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, ulong value)
        => SetField(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets an integer field from an unsigned value; <see langword="null"/> removes the field.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, ulong? value) => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets a float field; NaN and infinities throw.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, double value)
        => SetField(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets a float field; <see langword="null"/> removes the field.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, double? value) => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets a float field from a <see cref="float"/>, in the shortest text that reads back as the same <see cref="float"/>; NaN and infinities throw.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, float value)
        => SetField(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets a float field from a <see cref="float"/>; <see langword="null"/> removes the field.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, float? value) => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets a float field from a <see cref="decimal"/>, digit for digit.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, decimal value)
        => SetField(key, value, LineBuilder.MaxNumberLength, static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets a float field from a <see cref="decimal"/>; <see langword="null"/> removes the field.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, decimal? value) => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets a string field; <see langword="null"/> removes the field. Newlines are written as they are.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, string? value)
        => value is null
            ? RemoveField(key)
            : SetField(key, value, 2 + LineProtocolSyntax.MaxEscapedLength(value), static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets a character field, written as a one-character string.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, char value)
        => SetField(key, value, 2 + LineProtocolSyntax.MaxEscapedLength(new ReadOnlySpan<char>(in value)), static (ref line, k, v, m) => line.Field(k, v, m));

    /// <summary>Sets a character field; <see langword="null"/> removes the field.</summary>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field(string key, char? value) => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets an enum field: a string holding the member's name, or the number of a value that is not a defined member.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field<TEnum>(string key, TEnum value)
        where TEnum : struct, Enum
        => Field(key, DynamicKeys.EnumText(value));

    /// <summary>Sets an enum field; <see langword="null"/> removes the field.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <inheritdoc cref="Field(string, bool)"/>
    public Point Field<TEnum>(string key, TEnum? value)
        where TEnum : struct, Enum
        => value.HasValue ? Field(key, value.GetValueOrDefault()) : RemoveField(key);

    /// <summary>Sets the time; without one, the server stamps the point when it receives it.</summary>
    /// <param name="nanoseconds">Nanoseconds since the Unix epoch.</param>
    /// <returns>This point.</returns>
    /// <exception cref="LineProtocolException">The time is outside the range InfluxDB can store (about 1677 to 2262).</exception>
    public Point Time(long nanoseconds)
    {
        if (!LineProtocolTime.IsInRange(nanoseconds))
        {
            LineProtocolThrow.TimeOutOfRange(DynamicPointThrow.PointType, DynamicPointThrow.TimeMember, nanoseconds);
        }

        _time = nanoseconds;
        _hasTime = true;
        return this;
    }

    /// <summary>Sets the time; a <see cref="DateTimeKind.Unspecified"/> time is UTC, a <see cref="DateTimeKind.Local"/> one is converted.</summary>
    /// <param name="value">The time.</param>
    /// <returns>This point.</returns>
    /// <exception cref="LineProtocolException">The time is outside the range InfluxDB can store (about 1677 to 2262).</exception>
    public Point Time(DateTime value)
    {
        if (!LineProtocolTime.TryFromDateTime(value, out long nanoseconds))
        {
            LineProtocolThrow.TimeOutOfRange(DynamicPointThrow.PointType, DynamicPointThrow.TimeMember, new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
        }

        return Time(nanoseconds);
    }

    /// <summary>Sets the time.</summary>
    /// <param name="value">The time.</param>
    /// <returns>This point.</returns>
    /// <exception cref="LineProtocolException">The time is outside the range InfluxDB can store (about 1677 to 2262).</exception>
    public Point Time(DateTimeOffset value)
    {
        if (!LineProtocolTime.TryFromDateTimeOffset(value, out long nanoseconds))
        {
            LineProtocolThrow.TimeOutOfRange(DynamicPointThrow.PointType, DynamicPointThrow.TimeMember, value);
        }

        return Time(nanoseconds);
    }

    /// <inheritdoc/>
    /// <exception cref="LineProtocolException">The point has no field; nothing was written.</exception>
    public void WriteLineProtocol(IBufferWriter<byte> writer) => WriteLineProtocol(writer, default);

    /// <inheritdoc/>
    /// <exception cref="LineProtocolException">The point has no field; nothing was written.</exception>
    public void WriteLineProtocol(IBufferWriter<byte> writer, in LineProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_fieldCount == 0)
        {
            DynamicPointThrow.PointNoField();
        }

        // The field separators (a space, then commas) and the final newline are one byte per field plus one.
        int maxLength = _measurement.Length + _tagsLength + options.MaxLength + _fieldsLength + _fieldCount
            + LineBuilder.MaxTimeLength + 1;
        Span<byte> line = writer.GetSpan(maxLength);

        _measurement.CopyTo(line);
        int length = _measurement.Length;
        for (int i = 0; i < _tagCount; i++)
        {
            byte[] tag = _tags[i].Segment;
            tag.CopyTo(line[length..]);
            length += tag.Length;
        }

        ReadOnlySpan<byte> extraTags = options.EscapedExtraTags;
        extraTags.CopyTo(line[length..]);
        length += extraTags.Length;

        for (int i = 0; i < _fieldCount; i++)
        {
            line[length++] = i == 0 ? (byte)' ' : (byte)',';
            byte[] field = _fields[i].Segment;
            field.CopyTo(line[length..]);
            length += field.Length;
        }

        if (_hasTime)
        {
            line[length++] = (byte)' ';
            LineProtocolTime.ToPrecision(_time, options.Precision).TryFormat(line[length..], out int written, default, CultureInfo.InvariantCulture);
            length += written;
        }

        line[length++] = (byte)'\n';
        writer.Advance(length);
    }

    /// <summary>This point as one line of line protocol, without the final newline (aioinflux's <c>to_lineprotocol</c>); for debugging.</summary>
    /// <returns>The line.</returns>
    /// <exception cref="LineProtocolException">The point has no field.</exception>
    public string ToLineProtocol() => LineProtocolPointExtensions.ToLineProtocol(this);

    private Point SetTag<T>(string key, T value, int maxValueLength, SegmentWriter<T> write)
    {
        byte[] segment = Render(key, LineProtocolElement.TagKey, value, maxValueLength, write);
        if (IndexOf(_fields, _fieldCount, key) >= 0)
        {
            DynamicPointThrow.TagAndFieldKey(DynamicPointThrow.PointType, key);
        }

        Set(ref _tags, ref _tagCount, ref _tagsLength, key, segment);
        return this;
    }

    private Point SetField<T>(string key, T value, int maxValueLength, SegmentWriter<T> write)
    {
        byte[] segment = Render(key, LineProtocolElement.FieldKey, value, maxValueLength, write);
        if (IndexOf(_tags, _tagCount, key) >= 0)
        {
            DynamicPointThrow.TagAndFieldKey(DynamicPointThrow.PointType, key);
        }

        Set(ref _fields, ref _fieldCount, ref _fieldsLength, key, segment);
        return this;
    }

    private Point RemoveTag(string key)
    {
        ValidateKey(key, LineProtocolElement.TagKey);
        Remove(_tags, ref _tagCount, ref _tagsLength, key);
        return this;
    }

    private Point RemoveField(string key)
    {
        ValidateKey(key, LineProtocolElement.FieldKey);
        Remove(_fields, ref _fieldCount, ref _fieldsLength, key);
        return this;
    }

    // A removal validates its key too, so that whether a key is accepted never depends on the value that comes with it.
    private static void ValidateKey(string key, LineProtocolElement element)
    {
        int maxLength = DynamicKeys.MaxLength(key);
        byte[]? rented = null;
        Span<byte> scratch = maxLength <= StackScratchLength ? stackalloc byte[StackScratchLength] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            DynamicKeys.Write(key, element, scratch, DynamicPointThrow.PointType);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Writes the tag (",key=value") or field (" key=value") through a LineBuilder, the way a generated writer would,
    // and keeps its bytes: the key's escaped form at the start of the scratch, the line after it.
    private static byte[] Render<T>(string key, LineProtocolElement element, T value, int maxValueLength, SegmentWriter<T> write)
    {
        int maxKeyLength = DynamicKeys.MaxLength(key);
        int maxLength = (2 * maxKeyLength) + 1 + maxValueLength;
        byte[]? rented = null;
        Span<byte> scratch = maxLength <= StackScratchLength ? stackalloc byte[StackScratchLength] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            int keyLength = DynamicKeys.Write(key, element, scratch, DynamicPointThrow.PointType);
            var line = new LineBuilder(scratch[maxKeyLength..], DynamicPointThrow.PointType);
            write(ref line, scratch[..keyLength], value, key);

            // A field is stored without its separator, which depends on its position when the point is written.
            return element == LineProtocolElement.TagKey ? line.WrittenSpan.ToArray() : line.WrittenSpan[1..].ToArray();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int IndexOf(Entry[] entries, int count, string key)
    {
        for (int i = 0; i < count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Set(ref Entry[] entries, ref int count, ref int length, string key, byte[] segment)
    {
        int index = IndexOf(entries, count, key);
        if (index >= 0)
        {
            length += segment.Length - entries[index].Segment.Length;
            entries[index].Segment = segment;
            return;
        }

        if (count == entries.Length)
        {
            Array.Resize(ref entries, Math.Max(4, count * 2));
        }

        entries[count++] = new Entry(key, segment);
        length += segment.Length;
    }

    private static void Remove(Entry[] entries, ref int count, ref int length, string key)
    {
        int index = IndexOf(entries, count, key);
        if (index < 0)
        {
            return;
        }

        length -= entries[index].Segment.Length;
        Array.Copy(entries, index + 1, entries, index, count - index - 1);
        entries[--count] = default;
    }

    private struct Entry(string key, byte[] segment)
    {
        public readonly string Key = key;
        public byte[] Segment = segment;
    }
}
