namespace Aioinflux;

/// <summary>What one write call did.</summary>
/// <param name="PointsWritten">The points (lines) InfluxDB accepted. For raw line protocol, the lines sent.</param>
/// <param name="Requests">The HTTP requests the call made.</param>
/// <param name="PointsSkipped">The points deliberately not written (such as DataFrame rows whose fields are all null).</param>
public readonly record struct WriteResult(long PointsWritten, int Requests, long PointsSkipped = 0)
{
    /// <summary>Adds two results.</summary>
    /// <param name="left">A result.</param>
    /// <param name="right">Another result.</param>
    /// <returns>The sum.</returns>
    public static WriteResult operator +(WriteResult left, WriteResult right)
        => new(left.PointsWritten + right.PointsWritten, left.Requests + right.Requests, left.PointsSkipped + right.PointsSkipped);

    /// <summary>Adds two results.</summary>
    /// <param name="left">A result.</param>
    /// <param name="right">Another result.</param>
    /// <returns>The sum.</returns>
    public static WriteResult Add(WriteResult left, WriteResult right) => left + right;
}
