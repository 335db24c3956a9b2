using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Aioinflux.Serialization;

/// <summary>
/// The <see cref="LineProtocolException"/>s only dynamic points (<see cref="Point"/> and mappings) can cause, worded
/// like <see cref="LineProtocolThrow"/>'s but with advice that fits a point built at run time.
/// </summary>
[StackTraceHidden]
internal static class DynamicPointThrow
{
    /// <summary>The <see cref="LineProtocolException.PointType"/> of errors in a <see cref="Point"/>.</summary>
    public const string PointType = "Point";

    /// <summary>The <see cref="LineProtocolException.PointType"/> of errors in a mapping point.</summary>
    public const string MappingType = "mapping";

    public const string MeasurementMember = "measurement";
    public const string TimeMember = "time";
    public const string TagsMember = "tags";
    public const string FieldsMember = "fields";

    [DoesNotReturn]
    public static void EmptyKey(string pointType, string role)
        => throw Create(pointType, null, $"one of its {role}s is null or empty. Give every {(role == DynamicKeys.TagKeyRole ? "tag" : "field")} a non-empty key.");

    [DoesNotReturn]
    public static void InvalidKey(string pointType, string key, string role, LineProtocolTextError error)
        => throw Create(pointType, key, $"its {role} {LineProtocolThrow.Quote(key)} {LineProtocolSyntax.Describe(error)}. Choose another key.", includeMember: false);

    [DoesNotReturn]
    public static void PointMissingMeasurement()
        => throw Create(PointType, MeasurementMember, "its measurement is null or empty. Pass a non-empty name to Point.Measurement.");

    [DoesNotReturn]
    public static void MappingMissingMeasurement()
        => throw Create(MappingType, MeasurementMember, "it has no measurement, as its 'measurement' is missing or null and no default measurement was given. Add a non-empty 'measurement', or pass a default measurement.");

    [DoesNotReturn]
    public static void MappingEmptyMeasurement()
        => throw Create(MappingType, MeasurementMember, "its 'measurement' is empty. Give it a non-empty name, or remove the key to use the default measurement.");

    [DoesNotReturn]
    public static void PointNoField()
        => throw Create(PointType, null, "it has no field, and InfluxDB stores no point without a field. Add one with Field(key, value) (a null value adds none).");

    [DoesNotReturn]
    public static void MappingNoField()
        => throw Create(MappingType, FieldsMember, "its 'fields' has no non-null value, and InfluxDB stores no point without a field. Give at least one field a value.");

    [DoesNotReturn]
    public static void MappingMissingFields()
        => throw Create(MappingType, FieldsMember, "it has no 'fields' (or it is null), and InfluxDB stores no point without a field. Add a 'fields' mapping with at least one non-null value.");

    [DoesNotReturn]
    public static void TagAndFieldKey(string pointType, string key)
        => throw Create(pointType, key, "its key is used both by a tag and by a field; InfluxDB would keep both, and queries would show the field as a second column named with a '_1' suffix. Give one of them another key.");

    [DoesNotReturn]
    public static void DuplicateKey(string pointType, string key, string role)
        => throw Create(pointType, key, role == DynamicKeys.TagKeyRole
            ? "the tag key appears twice, and InfluxDB rejects a point with duplicate tags. Keep one of them."
            : "the field key appears twice, and InfluxDB would silently keep only the last value. Keep one of them.");

    [DoesNotReturn]
    public static void UnsupportedValue(string pointType, string key, string role, object value, string supported)
        => throw Create(pointType, key, $"its {role} is a {Describe(value.GetType())}, which cannot be written as a {role}. {supported}");

    [DoesNotReturn]
    public static void UnknownKey(string key)
        => throw Create(MappingType, key, $"it has the key {LineProtocolThrow.Quote(key)}, which is none of 'measurement', 'time', 'tags' and 'fields'. Remove it, or move it into 'tags' or 'fields' (aioinflux ignores such keys; Aioinflux refuses them so that no data is dropped silently).");

    [DoesNotReturn]
    public static void NotAMapping(string member, object value)
        => throw Create(MappingType, member, $"its '{member}' is a {Describe(value.GetType())}, not a mapping. Use an IReadOnlyDictionary<string, object?>, an IDictionary with string keys, or an IEnumerable<KeyValuePair<string, object?>> or <string, string?>.");

    [DoesNotReturn]
    public static void NonStringKey(string member, object key)
        => throw Create(MappingType, member, $"its '{member}' has a key of type {Describe(key.GetType())}. Use string keys.");

    [DoesNotReturn]
    public static void MeasurementNotString(object value)
        => throw Create(MappingType, MeasurementMember, $"its 'measurement' is a {Describe(value.GetType())}. Use a string.");

    [DoesNotReturn]
    public static void UnsupportedTime(object value)
        => throw Create(MappingType, TimeMember, $"its 'time' is a {Describe(value.GetType())}. Use a DateTime, a DateTimeOffset, an integer count of nanoseconds since 1970 or an ISO 8601 string such as 2009-11-10T23:00:00Z or 2017-01-01.");

    [DoesNotReturn]
    public static void TimeOutOfRange(ulong nanoseconds)
        => throw Create(MappingType, TimeMember, $"its time {nanoseconds.ToString(CultureInfo.InvariantCulture)} ns is outside the range InfluxDB can store ({LineProtocolTime.MinNanoseconds.ToString(CultureInfo.InvariantCulture)} to {LineProtocolTime.MaxNanoseconds.ToString(CultureInfo.InvariantCulture)} ns since 1970, about 1677 to 2262).");

    private static string Describe(Type type) => type.ToString();

    private static LineProtocolException Create(string pointType, string? member, string reason, bool includeMember = true)
    {
        // A key that cannot be written may hold a newline, so it is quoted in the reason rather than named in the subject.
        string subject = member is null || !includeMember ? pointType : $"{pointType}.{member}";
        return new LineProtocolException(pointType, member, $"Cannot write {subject} as line protocol: {reason}");
    }
}
