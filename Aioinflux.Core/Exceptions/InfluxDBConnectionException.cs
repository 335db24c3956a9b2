namespace Aioinflux;

/// <summary>
/// InfluxDB could not be reached, or did not answer in time: the server is down, the address is wrong, TLS failed, or the
/// request timed out. The message names the address (never credentials).
/// </summary>
public sealed class InfluxDBConnectionException : InfluxDBException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The cause.</param>
    public InfluxDBConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server's address as the client was configured, such as <c>http://localhost:8086/</c> or <c>unix:/var/run/influxdb.sock</c>.</summary>
    public string? Address { get; init; }
}
