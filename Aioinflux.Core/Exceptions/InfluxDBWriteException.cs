using System.Net;

namespace Aioinflux;

/// <summary>
/// A write call failed (aioinflux's <c>InfluxDBWriteError</c>): either InfluxDB refused a request
/// (<see cref="StatusCode"/> and <see cref="ServerMessage"/> are set), or the client rejected a point before sending its
/// request (<see cref="PointIndex"/> is set and the inner exception is the <see cref="LineProtocolException"/>).
/// <see cref="PointsStoredBefore"/> says exactly what earlier requests of the same call stored.
/// </summary>
public sealed class InfluxDBWriteException : InfluxDBException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public InfluxDBWriteException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status InfluxDB answered, or <see langword="null"/> when no answer was received or the client rejected a point.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server's error text, verbatim, or <see langword="null"/>.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>
    /// For a <c>partial write</c>: how many points of the failed request InfluxDB dropped (the others of that request
    /// were stored). <see langword="null"/> when the server did not say.
    /// </summary>
    public int? DroppedPoints { get; init; }

    /// <summary>For parse errors: the rejected lines' text as the server quotes them (InfluxDB names no line numbers).</summary>
    public IReadOnlyList<string> RejectedLines { get; init; } = [];

    /// <summary>How long the server asked the client to wait before retrying (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The zero-based index, within the call's input, of the point the client rejected; <see langword="null"/> for
    /// server errors.
    /// </summary>
    public long? PointIndex { get; init; }

    /// <summary>The member, tag key or field key of the rejected point's bad value, when the client rejected it.</summary>
    public string? Member { get; init; }

    /// <summary>
    /// The points that earlier, successful requests of the same call stored before this failure. None of the failed
    /// request's points were stored, except for a partial write (see <see cref="DroppedPoints"/>).
    /// </summary>
    public long PointsStoredBefore { get; init; }

    /// <summary>The number of requests of the same call that succeeded before this failure.</summary>
    public int RequestsBefore { get; init; }
}
