using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aioinflux;

/// <summary>Builds the client's exceptions in one place, so that every message has the same shape and no credential.</summary>
internal static partial class ExceptionFactory
{
    private const int MaxQuotedBody = 2_000;

    public static InfluxDBWriteException RejectedPoint(long index, Exception reason, long storedBefore, int requestsBefore)
    {
        string member = reason is LineProtocolException lp ? lp.Member ?? string.Empty : string.Empty;
        return new InfluxDBWriteException(
            $"The point at index {index.ToString(CultureInfo.InvariantCulture)} cannot be written, so its request was not sent: {reason.Message} {Stored(storedBefore, requestsBefore)}",
            reason)
        {
            PointIndex = index,
            Member = member.Length == 0 ? null : member,
            PointsStoredBefore = storedBefore,
            RequestsBefore = requestsBefore,
        };
    }

    public static InfluxDBWriteException NullPoint(long index, long storedBefore, int requestsBefore)
        => new($"The point at index {index.ToString(CultureInfo.InvariantCulture)} is null, so its request was not sent. Remove null items from the sequence. {Stored(storedBefore, requestsBefore)}")
        {
            PointIndex = index,
            PointsStoredBefore = storedBefore,
            RequestsBefore = requestsBefore,
        };

    public static InfluxDBWriteException LineTooLong(long index, long length, long limit, long storedBefore, int requestsBefore)
        => new($"The point at index {index.ToString(CultureInfo.InvariantCulture)} is {length.ToString(CultureInfo.InvariantCulture)} bytes of line protocol, more than one request may carry (InfluxDBClientOptions.MaxRequestBodyBytes = {limit.ToString(CultureInfo.InvariantCulture)}, which should match influxd's max-body-size). Raise both limits or shorten the point. {Stored(storedBefore, requestsBefore)}")
        {
            PointIndex = index,
            PointsStoredBefore = storedBefore,
            RequestsBefore = requestsBefore,
        };

    public static InfluxDBWriteException WriteFailed(HttpResponseMessage response, string body, string? database, long storedBefore, int requestsBefore)
    {
        HttpStatusCode status = response.StatusCode;
        TimeSpan? retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
        string serverMessage = ServerMessage(body);
        int? dropped = null;
        IReadOnlyList<string> rejected = ParseRejectedLines(serverMessage);
        bool partial = serverMessage.StartsWith("partial write", StringComparison.Ordinal);
        if (partial)
        {
            Match match = DroppedPattern().Match(serverMessage);
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                // influxd counts points it could not store, but not lines it could not parse.
                dropped = count + rejected.Count;
            }
        }

        string advice = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => " Check the user name and password (or token), and that the user may write to this database.",
            HttpStatusCode.NotFound when serverMessage.StartsWith("database not found", StringComparison.Ordinal)
                => $" Create the database first (CreateDatabaseAsync(\"{database}\")) or write to an existing one.",
            HttpStatusCode.RequestEntityTooLarge => " Lower InfluxDBClientOptions.MaxRequestBodyBytes to influxd's max-body-size.",
            _ when partial && dropped is not null => $" InfluxDB stored the other points of that request and dropped {dropped.Value.ToString(CultureInfo.InvariantCulture)}.",
            _ => string.Empty,
        };

        return new InfluxDBWriteException(
            $"InfluxDB refused a write request with {(int)status} {status}: {serverMessage}.{advice} {Stored(storedBefore, requestsBefore)}")
        {
            StatusCode = status,
            ServerMessage = serverMessage,
            DroppedPoints = dropped,
            RejectedLines = rejected,
            RetryAfter = retryAfter,
            PointsStoredBefore = storedBefore,
            RequestsBefore = requestsBefore,
        };
    }

    public static InfluxDBException RequestFailed(HttpStatusCode status, string body, string what)
    {
        string serverMessage = ServerMessage(body);
        string advice = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? " Check the user name and password (or token), and the user's privileges."
            : string.Empty;
        return new InfluxDBException($"InfluxDB refused {what} with {(int)status} {status}: {serverMessage}.{advice}");
    }

    public static InfluxDBConnectionException TransportFailed(string address, HttpRequestException cause, string? stored)
    {
        string what = cause.HttpRequestError switch
        {
            HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError => "could not be reached",
            HttpRequestError.SecureConnectionError => "could not be reached securely (TLS failed; check InfluxDBClientOptions.CaCertificatePath or ServerCertificateValidation)",
            _ => "did not complete the request",
        };
        string reason = cause.InnerException is { } inner ? $"{cause.Message} ({inner.Message})" : cause.Message;
        return new($"InfluxDB at {address} {what}: {reason}{(stored is null ? string.Empty : " " + stored)}", cause) { Address = address };
    }

    public static InfluxDBConnectionException TimedOut(string address, TimeSpan timeout, Exception cause, string? stored)
        => new($"InfluxDB at {address} did not answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (InfluxDBClientOptions.Timeout).{(stored is null ? string.Empty : " " + stored)}", cause) { Address = address };

    public static string Stored(long storedBefore, int requestsBefore)
        => requestsBefore == 0
            ? "No earlier request of this call was sent."
            : $"Earlier requests of this call ({requestsBefore.ToString(CultureInfo.InvariantCulture)}) stored {storedBefore.ToString(CultureInfo.InvariantCulture)} points.";

    /// <summary>The <c>error</c> member of influxd's JSON answer, or the body itself when it is not such JSON (a proxy's page).</summary>
    internal static string ServerMessage(string body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body));
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isError = reader.ValueTextEquals("error"u8);
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (isError && reader.TokenType == JsonTokenType.String)
                    {
                        return reader.GetString()!;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: quote it as it is.
        }

        string trimmed = body.Trim();
        return trimmed.Length <= MaxQuotedBody ? trimmed : string.Concat(trimmed.AsSpan(0, MaxQuotedBody), "…");
    }

    private static List<string> ParseRejectedLines(string serverMessage)
    {
        var lines = new List<string>();
        foreach (Match match in UnableToParsePattern().Matches(serverMessage))
        {
            lines.Add(match.Groups[1].Value);
        }

        return lines;
    }

    [GeneratedRegex(@"dropped=(\d+)\s*$")]
    private static partial Regex DroppedPattern();

    // influxd: fmt.Sprintf("unable to parse '%s': %v", line, err), several joined by newlines.
    [GeneratedRegex(@"unable to parse '(.*?)': ", RegexOptions.Singleline)]
    private static partial Regex UnableToParsePattern();
}
