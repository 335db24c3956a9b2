using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Aioinflux.Serialization;

/// <summary>
/// Writes a mapping point (aioinflux's <c>serialization.mapping.serialize</c>) through a <see cref="LineBuilder"/>:
/// a first pass checks the shape and value types and bounds the line, a second writes it into a span of that size and
/// commits it only once complete, so a rejected point leaves nothing in the writer.
/// </summary>
internal static class MappingSerializer
{
    private const string Type = DynamicPointThrow.MappingType;
    private const int StackScratchLength = 256;
    private const int LinearDuplicateSearchLimit = 32;

    private const string SupportedTagValues = "Tag values can be strings, characters, booleans, integers, floating-point numbers, decimals, Guids or enums (written as their name); null or an empty string omits the tag.";
    private const string SupportedFieldValues = "Field values can be booleans, integers, floating-point numbers, decimals, strings, characters or enums (written as a string holding their name); null omits the field.";

    /// <summary>Writes <paramref name="point"/> as one line ending in <c>\n</c>.</summary>
    /// <param name="point">The mapping.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="defaultMeasurement">The measurement of a point without one, or <see langword="null"/>.</param>
    /// <param name="escapedDefaultMeasurement">The same, escaped ahead of time, or <see langword="null"/> to escape it here.</param>
    /// <param name="options">Per-call precision and extra tags.</param>
    public static void Write(
        IReadOnlyDictionary<string, object?> point,
        IBufferWriter<byte> writer,
        string? defaultMeasurement,
        byte[]? escapedDefaultMeasurement,
        in LineProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(writer);

        int known = 0;
        string? measurement = null;
        if (point.TryGetValue(DynamicPointThrow.MeasurementMember, out object? measurementValue))
        {
            known++;
            if (measurementValue is not null and not string)
            {
                DynamicPointThrow.MeasurementNotString(measurementValue);
            }

            measurement = (string?)measurementValue;
            if (measurement is { Length: 0 })
            {
                DynamicPointThrow.MappingEmptyMeasurement();
            }
        }

        if (point.TryGetValue(DynamicPointThrow.TimeMember, out object? time))
        {
            known++;
        }

        if (point.TryGetValue(DynamicPointThrow.TagsMember, out object? tags))
        {
            known++;
        }

        if (point.TryGetValue(DynamicPointThrow.FieldsMember, out object? fields))
        {
            known++;
        }

        if (point.Count != known)
        {
            ThrowUnknownKey(point);
        }

        if (fields is null)
        {
            DynamicPointThrow.MappingMissingFields();
        }

        int measurementLength;
        if (measurement is not null)
        {
            measurementLength = LineProtocolSyntax.MaxEscapedLength(measurement);
        }
        else if (escapedDefaultMeasurement is not null)
        {
            measurementLength = escapedDefaultMeasurement.Length;
        }
        else if (!string.IsNullOrEmpty(defaultMeasurement))
        {
            measurement = defaultMeasurement;
            measurementLength = LineProtocolSyntax.MaxEscapedLength(measurement);
        }
        else
        {
            DynamicPointThrow.MappingMissingMeasurement();
            return;
        }

        var inlineKeys = default(InlineKeys);
        var keys = new KeyList(inlineKeys);
        try
        {
            int maxKeyLength = 0;
            int maxLength = LineBuilder.FixedLength + LineBuilder.MaxTimeLength + options.MaxLength + measurementLength;
            if (tags is not null)
            {
                maxLength += Measure(tags, DynamicPointThrow.TagsMember, ref keys, ref maxKeyLength);
            }

            int tagCount = keys.Count;
            maxLength += Measure(fields, DynamicPointThrow.FieldsMember, ref keys, ref maxKeyLength);
            if (keys.Count == tagCount)
            {
                DynamicPointThrow.MappingNoField();
            }

            keys.ThrowOnDuplicate(tagCount);

            // The scratch holds ",key=" and, for a floating-point tag, its digits (LineBuilder has no tag overload for
            // those). It lies past the line in the same span, as LineBuilder takes keys only from memory that lives as
            // long as its destination.
            int maxScratchLength = 1 + maxKeyLength + LineBuilder.MaxNumberLength;
            Span<byte> destination = writer.GetSpan(maxLength + maxScratchLength);
            Span<byte> scratch = destination.Slice(maxLength, maxScratchLength);
            var line = new LineBuilder(destination[..maxLength], Type);
            if (measurement is not null)
            {
                line.Measurement(measurement, DynamicPointThrow.MeasurementMember);
            }
            else
            {
                line.Measurement(escapedDefaultMeasurement);
            }

            if (tags is not null)
            {
                WriteTags(ref line, tags, scratch);
            }

            line.ExtraTags(in options);
            WriteFields(ref line, fields, scratch);
            WriteTime(ref line, time, options.Precision);
            writer.Advance(line.Complete());
        }
        finally
        {
            keys.Dispose();
        }
    }

    private static int Measure(object collection, string member, ref KeyList keys, ref int maxKeyLength)
    {
        bool isTags = member == DynamicPointThrow.TagsMember;
        int maxLength = 0;
        MappingEntries entries = MappingEntries.Of(collection, member);
        try
        {
            while (entries.MoveNext())
            {
                string? key = entries.Key;
                int keyLength = DynamicKeys.MaxLength(key);
                int valueLength = isTags ? MaxTagValueLength(key, entries.Value) : MaxFieldValueLength(key, entries.Value);
                if (valueLength < 0)
                {
                    // An omitted entry's key is still checked, so that whether a key is accepted never depends on its value.
                    ValidateKey(key, isTags ? LineProtocolElement.TagKey : LineProtocolElement.FieldKey);
                    continue;
                }

                if (string.IsNullOrEmpty(key))
                {
                    DynamicPointThrow.EmptyKey(Type, isTags ? DynamicKeys.TagKeyRole : DynamicKeys.FieldKeyRole);
                }

                keys.Add(key);
                maxKeyLength = Math.Max(maxKeyLength, keyLength);
                maxLength += 1 + keyLength + valueLength;
            }
        }
        finally
        {
            entries.Dispose();
        }

        return maxLength;
    }

    // -1 when the tag is omitted.
    private static int MaxTagValueLength(string? key, object? value) => value switch
    {
        null => -1,
        string text => text.Length == 0 ? -1 : LineProtocolSyntax.MaxEscapedLength(text),
        char => 3,
        bool or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => LineBuilder.MaxNumberLength,
        Guid => LineBuilder.GuidLength,
        Enum enumValue => LineProtocolSyntax.MaxEscapedLength(DynamicKeys.EnumText(enumValue)),
        _ => Unsupported(key, DynamicKeys.TagKeyRole, "tag value", value, SupportedTagValues),
    };

    // -1 when the field is omitted.
    private static int MaxFieldValueLength(string? key, object? value) => value switch
    {
        null => -1,
        string text => 2 + LineProtocolSyntax.MaxEscapedLength(text),
        char => 2 + 3,
        bool or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => LineBuilder.MaxNumberLength,
        Enum enumValue => 2 + LineProtocolSyntax.MaxEscapedLength(DynamicKeys.EnumText(enumValue)),
        _ => Unsupported(key, DynamicKeys.FieldKeyRole, "field value", value, SupportedFieldValues),
    };

    private static int Unsupported(string? key, string keyRole, string valueRole, object value, string supported)
    {
        if (string.IsNullOrEmpty(key))
        {
            DynamicPointThrow.EmptyKey(Type, keyRole);
        }

        DynamicPointThrow.UnsupportedValue(Type, key, valueRole, value, supported);
        return 0;
    }

    private static void WriteTags(ref LineBuilder line, object tags, Span<byte> scratch)
    {
        scratch[0] = (byte)',';
        MappingEntries entries = MappingEntries.Of(tags, DynamicPointThrow.TagsMember);
        try
        {
            while (entries.MoveNext())
            {
                object? value = entries.Value;
                if (value is null or "")
                {
                    continue;
                }

                string key = entries.Key!;
                int keyLength = DynamicKeys.Write(key, LineProtocolElement.TagKey, scratch[1..], Type);
                ReadOnlySpan<byte> escapedKey = scratch.Slice(1, keyLength);
                switch (value)
                {
                    case string text:
                        line.Tag(escapedKey, text, key);
                        break;
                    case char character:
                        line.Tag(escapedKey, character, key);
                        break;
                    case bool boolean:
                        line.Tag(escapedKey, boolean, key);
                        break;
                    case ulong unsigned:
                        line.Tag(escapedKey, unsigned, key);
                        break;
                    case Guid guid:
                        line.Tag(escapedKey, guid, key);
                        break;
                    case Enum enumValue:
                        line.Tag(escapedKey, DynamicKeys.EnumText(enumValue), key);
                        break;
                    case float or double or decimal:
                        // Digits, '.', '-', 'E' and '+' need no escaping in a tag value.
                        int start = 1 + keyLength;
                        ((IUtf8SpanFormattable)value).TryFormat(scratch[start..], out int written, default, CultureInfo.InvariantCulture);
                        line.ExtraTags(scratch[..(start + written)]);
                        break;
                    default:
                        line.Tag(escapedKey, ToInt64(value), key);
                        break;
                }
            }
        }
        finally
        {
            entries.Dispose();
        }
    }

    private static void WriteFields(ref LineBuilder line, object fields, Span<byte> scratch)
    {
        MappingEntries entries = MappingEntries.Of(fields, DynamicPointThrow.FieldsMember);
        try
        {
            while (entries.MoveNext())
            {
                object? value = entries.Value;
                if (value is null)
                {
                    continue;
                }

                string key = entries.Key!;
                ReadOnlySpan<byte> escapedKey = scratch[..DynamicKeys.Write(key, LineProtocolElement.FieldKey, scratch, Type)];
                switch (value)
                {
                    case double number:
                        line.Field(escapedKey, number, key);
                        break;
                    case string text:
                        line.Field(escapedKey, text, key);
                        break;
                    case bool boolean:
                        line.Field(escapedKey, boolean, key);
                        break;
                    case float number:
                        line.Field(escapedKey, number, key);
                        break;
                    case decimal number:
                        line.Field(escapedKey, number, key);
                        break;
                    case char character:
                        line.Field(escapedKey, character, key);
                        break;
                    case ulong unsigned:
                        line.Field(escapedKey, unsigned, key);
                        break;
                    case Enum enumValue:
                        line.Field(escapedKey, DynamicKeys.EnumText(enumValue), key);
                        break;
                    default:
                        line.Field(escapedKey, ToInt64(value), key);
                        break;
                }
            }
        }
        finally
        {
            entries.Dispose();
        }
    }

    private static void WriteTime(ref LineBuilder line, object? time, WritePrecision precision)
    {
        const string Member = DynamicPointThrow.TimeMember;
        switch (time)
        {
            case null:
                break;
            case DateTime dateTime:
                line.Time(dateTime, precision, Member);
                break;
            case DateTimeOffset dateTimeOffset:
                line.Time(dateTimeOffset, precision, Member);
                break;
            case string text:
                line.TimeString(text, precision, Member);
                break;
            case ulong unsigned:
                if (unsigned > long.MaxValue)
                {
                    DynamicPointThrow.TimeOutOfRange(unsigned);
                }

                line.Time((long)unsigned, precision, Member);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                line.Time(ToInt64(time), precision, Member);
                break;
            default:
                DynamicPointThrow.UnsupportedTime(time);
                break;
        }
    }

    // Only ever called with a boxed integer of at most 64 signed or 32 unsigned bits; Measure let no other type through.
    private static long ToInt64(object value) => value switch
    {
        int number => number,
        long number => number,
        short number => number,
        sbyte number => number,
        byte number => number,
        ushort number => number,
        uint number => number,
        _ => throw new UnreachableException(),
    };

    private static void ValidateKey(string? key, LineProtocolElement element)
    {
        int maxLength = DynamicKeys.MaxLength(key);
        byte[]? rented = null;
        Span<byte> scratch = maxLength <= StackScratchLength ? stackalloc byte[StackScratchLength] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            DynamicKeys.Write(key, element, scratch, Type);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownKey(IReadOnlyDictionary<string, object?> point)
    {
        foreach (string key in point.Keys)
        {
            if (key is not (DynamicPointThrow.MeasurementMember or DynamicPointThrow.TimeMember or DynamicPointThrow.TagsMember or DynamicPointThrow.FieldsMember))
            {
                DynamicPointThrow.UnknownKey(key);
            }
        }

        // Only a dictionary whose comparer matches more than ordinal equality gets here, for example "Tags" beside "tags".
        throw new ArgumentException("The point has more keys than 'measurement', 'time', 'tags' and 'fields' can account for; use a dictionary with ordinal keys.", nameof(point));
    }

    [InlineArray(16)]
    private struct InlineKeys
    {
        private string? _first;
    }

    /// <summary>The keys written so far, tags first: on the stack for ordinary points, pooled beyond that.</summary>
    private ref struct KeyList(Span<string?> inline)
    {
        private Span<string?> _keys = inline;
        private string?[]? _rented;

        public int Count { get; private set; }

        public void Add(string key)
        {
            if (Count == _keys.Length)
            {
                string?[] larger = ArrayPool<string?>.Shared.Rent(_keys.Length * 2);
                _keys.CopyTo(larger);
                Return();
                _keys = _rented = larger;
            }

            _keys[Count++] = key;
        }

        public readonly void ThrowOnDuplicate(int tagCount)
        {
            ReadOnlySpan<string?> keys = _keys[..Count];
            if (keys.Length <= LinearDuplicateSearchLimit)
            {
                for (int i = 1; i < keys.Length; i++)
                {
                    for (int j = 0; j < i; j++)
                    {
                        if (string.Equals(keys[i], keys[j], StringComparison.Ordinal))
                        {
                            ThrowDuplicate(keys[i]!, j < tagCount, i < tagCount);
                        }
                    }
                }

                return;
            }

            var seen = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (int i = 0; i < keys.Length; i++)
            {
                if (!seen.TryAdd(keys[i]!, i))
                {
                    ThrowDuplicate(keys[i]!, seen[keys[i]!] < tagCount, i < tagCount);
                }
            }
        }

        private static void ThrowDuplicate(string key, bool firstIsTag, bool secondIsTag)
        {
            if (firstIsTag != secondIsTag)
            {
                DynamicPointThrow.TagAndFieldKey(Type, key);
            }

            DynamicPointThrow.DuplicateKey(Type, key, firstIsTag ? DynamicKeys.TagKeyRole : DynamicKeys.FieldKeyRole);
        }

        public void Dispose() => Return();

        private void Return()
        {
            if (_rented is not null)
            {
                ArrayPool<string?>.Shared.Return(_rented, clearArray: true);
                _rented = null;
            }
        }
    }
}
