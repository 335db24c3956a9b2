namespace Aioinflux.Tests.Generation;

public enum Side
{
    Buy,
    Sell,
}

[Flags]
public enum Venue : ushort
{
    None = 0,
    Lit = 1,
    Dark = 2,
    Both = Lit | Dark,
}

/// <summary>The docs' Trade, as the README shows it.</summary>
[LineProtocol(Measurement = "trades")]
[ExtraTag("exchange", "NASDAQ")]
public partial record Trade(
    [property: TimeInt] long Timestamp,
    [property: Tag] string Instrument,
    [property: Tag] Side Side,
    [property: Field] double Price,
    [property: Field] long Size,
    [property: Field("trade_id")] string TradeId);

/// <summary>Positional parameters carrying plain attributes, without <c>property:</c>.</summary>
[LineProtocol]
public partial record PlainParameters([Tag] string Host, [Field] double Value, [TimeInt] long? Time);

/// <summary>Every supported tag and field type, nullable where it can be.</summary>
[LineProtocol(Measurement = "every type")]
public partial class EveryType
{
    [Tag("tag string")] public string? TagString { get; set; }
    [Tag] public Side TagEnum { get; set; }
    [Tag] public Side? TagNullableEnum { get; set; }
    [Tag] public int TagInt { get; set; }
    [Tag] public ulong TagULong { get; set; }
    [Tag] public bool TagBool { get; set; }
    [Tag] public char TagChar { get; set; } = 'c';
    [Tag] public Guid TagGuid { get; set; }
    [Tag] public long? TagNullableLong { get; set; }

    [Field] public bool FieldBool { get; set; }
    [Field] public sbyte FieldSByte { get; set; }
    [Field] public byte FieldByte { get; set; }
    [Field] public short FieldShort { get; set; }
    [Field] public ushort FieldUShort { get; set; }
    [Field] public int FieldInt { get; set; }
    [Field] public uint FieldUInt { get; set; }
    [Field] public long FieldLong { get; set; }
    [Field] public ulong FieldULong { get; set; }
    [Field] public float FieldFloat { get; set; }
    [Field] public double FieldDouble { get; set; }
    [Field] public decimal FieldDecimal { get; set; }
    [Field] public string? FieldString { get; set; }
    [Field] public char FieldChar { get; set; } = 'x';
    [Field] public Venue FieldEnum { get; set; }
    [Field] public double? FieldNullableDouble { get; set; }
    [Field] public int? FieldNullableInt { get; set; }
    [Field] public Venue? FieldNullableEnum { get; set; }

    [TimeDateTime] public DateTime? Time { get; set; }
}

/// <summary>A struct with a per-point measurement, private members and an ISO 8601 time.</summary>
[LineProtocol(Placeholder = true)]
public partial struct Reading
{
    public Reading(string measurement, string? sensor, double? value, string? time)
    {
        _measurement = measurement;
        Sensor = sensor;
        _value = value;
        Time = time;
    }

    [Measurement] private readonly string _measurement;

    [Tag("sensor")] public string? Sensor { get; }

    [Field("value")] private readonly double? _value;

    [TimeStr] public string? Time { get; }
}

/// <summary>A record struct with a DateTimeOffset time.</summary>
[LineProtocol(Measurement = "events")]
public partial record struct Event([property: Tag] string Kind, [property: Field] string Message, [property: TimeDateTime] DateTimeOffset At);

public static partial class Outer
{
    /// <summary>A type nested in a partial type.</summary>
    [LineProtocol]
    public partial class Nested
    {
        [Field] public int Count { get; set; }
    }
}

/// <summary>Only nullable fields and no placeholder: a point with every field null cannot be written.</summary>
[LineProtocol]
public partial class Sparse
{
    [Tag] public string? Host { get; set; }
    [Field] public double? Value { get; set; }
    [Field] public string? Note { get; set; }
    [TimeInt] public long? Time { get; set; }
}
