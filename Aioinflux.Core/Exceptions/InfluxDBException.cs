namespace Aioinflux;

/// <summary>The root of every exception Aioinflux throws for InfluxDB-related failures (aioinflux's <c>InfluxDBError</c>).</summary>
public class InfluxDBException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public InfluxDBException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The cause.</param>
    public InfluxDBException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
