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
}
