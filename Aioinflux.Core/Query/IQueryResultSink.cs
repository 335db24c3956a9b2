namespace Aioinflux.Query;

/// <summary>
/// Receives a /query response as the streaming parser reads it: statements, series headers, and each row while its
/// bytes are still in the read buffer. The result model, iterpoints, typed readers and data-frame builders are sinks;
/// none of them sees JSON structure, buffers or chunk boundaries beyond <see cref="OnDocumentEnd"/>.
/// </summary>
/// <remarks>
/// <para>Call order, per JSON document (a whole response, or one chunk of a chunked response):</para>
/// <code>
/// ( OnStatementStart ( OnSeriesStart OnRow* OnSeriesEnd )* OnStatementEnd )* OnDocumentEnd
/// </code>
/// <para>
/// <see cref="OnRow"/> is called only when the whole row is in the buffer, so a sink reads it synchronously and
/// never sees a row cut by a buffer boundary; whatever it leaves unread is skipped. A sink must not keep the
/// <see cref="QueryRowReader"/> (it is a <see langword="ref"/> struct) nor assign to it.
/// </para>
/// <para>
/// The parser passes the same <see cref="PointMetadata"/> instance again for a following series with the same
/// statement, name, tags and columns (the next piece of a series split across chunks), so a sink may cache
/// per-series work (a column binding) by reference.
/// </para>
/// <para>
/// A top-level <c>{"error": "…"}</c> is not passed to the sink: the parser throws <see cref="InfluxDBQueryException"/>.
/// Statement errors are passed to <see cref="OnStatementEnd"/>; the sink decides whether to keep or throw them.
/// </para>
/// </remarks>
public interface IQueryResultSink
{
    /// <summary>A statement's result begins (before its first series, or before its end when it has none).</summary>
    /// <param name="statementId">The <c>statement_id</c> (the position in the <c>results</c> array when the server sent none before the series).</param>
    void OnStatementStart(int statementId);

    /// <summary>A series begins: its rows follow.</summary>
    /// <param name="series">Statement id, name, tags, columns and the epoch of integer times.</param>
    void OnSeriesStart(PointMetadata series);

    /// <summary>One row of the current series, fully buffered. Read its values with <see cref="QueryRowReader.Read"/>.</summary>
    /// <param name="row">The row, positioned before its first value.</param>
    void OnRow(ref QueryRowReader row);

    /// <summary>The current series ends.</summary>
    /// <param name="series">The series' metadata, as passed to <see cref="OnSeriesStart"/>.</param>
    /// <param name="partial">Whether the series continues in a later chunk (<c>"partial": true</c>).</param>
    void OnSeriesEnd(PointMetadata series, bool partial);

    /// <summary>The current statement's result ends.</summary>
    /// <param name="statementId">The <c>statement_id</c>.</param>
    /// <param name="error">The server's error text for the statement, or <see langword="null"/>.</param>
    /// <param name="messages">Informational messages (empty when none).</param>
    /// <param name="partial">Whether more of this statement follows in a later chunk.</param>
    void OnStatementEnd(int statementId, string? error, IReadOnlyList<QueryMessage> messages, bool partial);

    /// <summary>A JSON document ends: the whole response, or one chunk of a chunked response.</summary>
    void OnDocumentEnd();
}
