namespace Aioinflux.Query;

/// <summary>
/// A type whose values can be read from query results by generated code: the Aioinflux source generator implements it
/// for every <c>[LineProtocol]</c> type whose members can all be set (settable, or bound by a constructor parameter, as
/// in positional records). <c>InfluxDBClient.QueryAsync&lt;T&gt;</c> and
/// <c>IterPointsAsync&lt;T&gt;</c> use it without reflection.
/// </summary>
/// <typeparam name="TSelf">The type itself.</typeparam>
public interface IQueryReadable<TSelf>
    where TSelf : IQueryReadable<TSelf>
{
    /// <summary>The generated reader that maps columns (and <c>GROUP BY</c> tags) to members by the keys the type writes.</summary>
    static abstract IQueryRowReader<TSelf> QueryRowReader { get; }
}
