namespace Aioinflux;

/// <summary>
/// InfluxDB refused a query: a statement failed (<c>"error"</c> inside one of <c>results</c>, such as
/// <c>database not found: mydb</c>), or the whole request did (a top-level <c>"error"</c>, such as a parse error).
/// </summary>
public class InfluxDBQueryException : InfluxDBException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="serverMessage">The server's error text, verbatim.</param>
    /// <param name="statementId">The failing statement's <c>statement_id</c>, or <see langword="null"/> when the whole request failed.</param>
    public InfluxDBQueryException(string message, string serverMessage, int? statementId)
        : base(message)
    {
        ServerMessage = serverMessage;
        StatementId = statementId;
    }

    /// <summary>The server's error text, verbatim (such as <c>database not found: mydb</c>).</summary>
    public string ServerMessage { get; }

    /// <summary>
    /// The failing statement's <c>statement_id</c> (its position in a multi-statement query), or
    /// <see langword="null"/> when the server rejected the request as a whole (a top-level <c>"error"</c>).
    /// </summary>
    public int? StatementId { get; }
}
