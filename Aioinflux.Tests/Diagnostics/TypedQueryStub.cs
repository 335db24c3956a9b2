namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// <c>InfluxDBClient</c>'s typed queries as bare declarations, for test compilations while the referenced Aioinflux
/// does not have them yet; empty once it does. The source type wins over the referenced one (warning CS0436), and
/// the analyzer matches the methods by name, so tests read the same either way.
/// </summary>
internal static class TypedQueryStub
{
    private const string Stub = """
        namespace Aioinflux
        {
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Aioinflux.Query;

            public sealed class InfluxDBClient
            {
                public Task<QueryResult> QueryAsync(string query, QueryOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

                public Task<List<T>> QueryAsync<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
                    where T : IQueryReadable<T> => throw new NotSupportedException();

                public List<T> Query<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
                    where T : IQueryReadable<T> => throw new NotSupportedException();

                public IAsyncEnumerable<T> IterPointsAsync<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
                    where T : IQueryReadable<T> => throw new NotSupportedException();

                public IEnumerable<T> IterPoints<T>(string query, Func<InfluxRow, PointMetadata, T> parser, QueryOptions? options = null, CancellationToken cancellationToken = default)
                    => throw new NotSupportedException();

                public IEnumerable<T> IterPoints<T>(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
                    where T : IQueryReadable<T> => throw new NotSupportedException();
            }
        }
        """;

    /// <summary>Whether the referenced <see cref="InfluxDBClient"/> has the typed queries itself.</summary>
    public static bool ClientHasTypedQueries { get; } =
        typeof(InfluxDBClient).GetMethods().Any(m => m.Name == "QueryAsync" && m.IsGenericMethodDefinition);

    /// <summary>The stub's source, or empty when <see cref="ClientHasTypedQueries"/>.</summary>
    public static string Source => ClientHasTypedQueries ? string.Empty : Stub;
}
