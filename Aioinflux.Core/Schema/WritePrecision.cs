namespace Aioinflux;

/// <summary>
/// The unit of the timestamps on the wire. Every <see cref="long"/> time the library takes is nanoseconds
/// since the Unix epoch; the precision only decides what is sent, converted by truncating towards negative
/// infinity (so <c>-1</c> ns is <c>-1</c> µs, not <c>0</c>).
/// </summary>
public enum WritePrecision
{
    /// <summary>Nanoseconds (<c>ns</c>), the default.</summary>
    Nanoseconds = 0,

    /// <summary>Microseconds (<c>u</c>; influxd 1.x reads <c>µ</c> or <c>us</c> as nanoseconds, silently).</summary>
    Microseconds,

    /// <summary>Milliseconds (<c>ms</c>).</summary>
    Milliseconds,

    /// <summary>Seconds (<c>s</c>).</summary>
    Seconds,

    /// <summary>Minutes (<c>m</c>).</summary>
    Minutes,

    /// <summary>Hours (<c>h</c>).</summary>
    Hours,
}
