namespace Aioinflux;

/// <summary>
/// A point holds a value that InfluxDB line protocol cannot carry (NaN, a newline in a tag, a timestamp out of
/// range, …). Thrown before any byte of that point reaches the destination, so nothing is half-written.
/// </summary>
public sealed class LineProtocolException : InfluxDBException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pointType">The point's type or kind, such as <c>Trade</c>.</param>
    /// <param name="member">The member, tag or field that holds the value, or <see langword="null"/>.</param>
    /// <param name="message">The full message.</param>
    public LineProtocolException(string pointType, string? member, string message)
        : base(message)
    {
        PointType = pointType;
        Member = member;
    }

    /// <summary>The point's type (for generated types) or kind (for dynamic points), such as <c>Trade</c>.</summary>
    public string PointType { get; }

    /// <summary>The member, tag key or field key that holds the value, or <see langword="null"/> when the point as a whole is wrong.</summary>
    public string? Member { get; }
}
