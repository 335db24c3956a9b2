using Microsoft.Extensions.Logging;

namespace Aioinflux.Logging;

/// <summary>
/// Every log line the client writes, with fixed event IDs. One line per request at Debug; never a credential, an
/// <c>Authorization</c> header, a body or a query string.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Endpoint}: {Bytes} bytes sent, answered {Status} in {ElapsedMilliseconds:0.0} ms")]
    public static partial void Request(ILogger logger, string method, string endpoint, long? bytes, int status, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} {Endpoint}: the request to InfluxDB at {Address} failed")]
    public static partial void TransportFailed(ILogger logger, Exception exception, string method, string endpoint, string address);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The batch writer is retrying a batch of {Points} points: {Reason}")]
    public static partial void BatchRetrying(ILogger logger, int points, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "The batch writer could not write a batch of {Points} points, and no Failed handler took it")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int points);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The batch writer's Failed handler threw while handling a batch of {Points} points")]
    public static partial void FailureHandlerThrew(ILogger logger, Exception exception, int points);
}
