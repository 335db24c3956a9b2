namespace Aioinflux.Tests.Generation;

/// <summary>An enum with a narrow underlying type and numbers of its own.</summary>
public enum Exchange : byte
{
    Nasdaq = 1,
    Nyse = 2,
}

/// <summary>An immutable class of init-only properties, a required one among them: set in an object initializer.</summary>
[LineProtocol(Measurement = "quotes")]
public sealed partial class Quote
{
    [Tag("symbol")] public required string Symbol { get; init; }

    [Tag] public Exchange? Venue { get; init; }

    [Field("bid")] public decimal Bid { get; init; }

    [Field("ask")] public decimal? Ask { get; init; }

    [Field] public float Ratio { get; init; }

    [Field] public int Count { get; init; }

    [TimeDateTime] public DateTimeOffset At { get; init; }
}

/// <summary>A positional record whose measurement is a member: read from the series' name.</summary>
[LineProtocol]
public partial record Metric(
    [property: Measurement] string Name,
    [property: Tag("host")] string? Host,
    [property: Field("value")] double Value,
    [property: TimeInt] long? Time);

/// <summary>A class with a primary constructor for its get-only members, and settable ones beside.</summary>
[LineProtocol(Measurement = "gauges")]
public partial class Gauge(string device, int level)
{
    [Tag] public string Device { get; } = device;

    [Field] public int Level { get; } = level;

    [Field] public bool? Alarm { get; set; }

    [TimeStr] public string? Time { get; set; }
}
