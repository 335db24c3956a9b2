using Aioinflux.Query;

namespace Aioinflux;

// The built-in queries aioinflux's client has (show_databases, show_measurements, …), returning plain typed lists, with
// every identifier quoted so that names with spaces, quotes or keywords work.
public sealed partial class InfluxDBClient
{
    /// <summary>Lists the databases (<c>SHOW DATABASES</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The database names.</returns>
    public Task<List<string>> ShowDatabasesAsync(CancellationToken cancellationToken = default)
        => ShowAsync("SHOW DATABASES", null, Column("name"), cancellationToken);

    /// <summary>The blocking form of <see cref="ShowDatabasesAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The database names.</returns>
    public List<string> ShowDatabases(CancellationToken cancellationToken = default)
        => Show("SHOW DATABASES", null, Column("name"), cancellationToken);

    /// <summary>Lists the measurements of a database (<c>SHOW MEASUREMENTS</c>).</summary>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The measurement names.</returns>
    public Task<List<string>> ShowMeasurementsAsync(string? database = null, CancellationToken cancellationToken = default)
        => ShowAsync("SHOW MEASUREMENTS", ResolveDatabase(database), Column("name"), cancellationToken);

    /// <summary>The blocking form of <see cref="ShowMeasurementsAsync"/>.</summary>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The measurement names.</returns>
    public List<string> ShowMeasurements(string? database = null, CancellationToken cancellationToken = default)
        => Show("SHOW MEASUREMENTS", ResolveDatabase(database), Column("name"), cancellationToken);

    /// <summary>Lists the users (<c>SHOW USERS</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users.</returns>
    public Task<List<InfluxUser>> ShowUsersAsync(CancellationToken cancellationToken = default)
        => ShowAsync("SHOW USERS", null, ToUser, cancellationToken);

    /// <summary>The blocking form of <see cref="ShowUsersAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users.</returns>
    public List<InfluxUser> ShowUsers(CancellationToken cancellationToken = default)
        => Show("SHOW USERS", null, ToUser, cancellationToken);

    /// <summary>Lists series keys (<c>SHOW SERIES [FROM measurement]</c>), such as <c>cpu,host=server01</c>.</summary>
    /// <param name="measurement">Only this measurement's series; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The series keys.</returns>
    public Task<List<string>> ShowSeriesAsync(string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => ShowAsync("SHOW SERIES" + From(measurement), ResolveDatabase(database), Column("key"), cancellationToken);

    /// <summary>The blocking form of <see cref="ShowSeriesAsync"/>.</summary>
    /// <param name="measurement">Only this measurement's series; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The series keys.</returns>
    public List<string> ShowSeries(string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => Show("SHOW SERIES" + From(measurement), ResolveDatabase(database), Column("key"), cancellationToken);

    /// <summary>Lists tag keys per measurement (<c>SHOW TAG KEYS [FROM measurement]</c>).</summary>
    /// <param name="measurement">Only this measurement's keys; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tag keys.</returns>
    public Task<List<TagKeyInfo>> ShowTagKeysAsync(string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => ShowAsync("SHOW TAG KEYS" + From(measurement), ResolveDatabase(database), ToTagKey, cancellationToken);

    /// <summary>The blocking form of <see cref="ShowTagKeysAsync"/>.</summary>
    /// <param name="measurement">Only this measurement's keys; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tag keys.</returns>
    public List<TagKeyInfo> ShowTagKeys(string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => Show("SHOW TAG KEYS" + From(measurement), ResolveDatabase(database), ToTagKey, cancellationToken);

    /// <summary>Lists field keys and their types per measurement (<c>SHOW FIELD KEYS [FROM measurement]</c>).</summary>
    /// <param name="measurement">Only this measurement's keys; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The field keys.</returns>
    public Task<List<FieldKeyInfo>> ShowFieldKeysAsync(string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => ShowAsync("SHOW FIELD KEYS" + From(measurement), ResolveDatabase(database), ToFieldKey, cancellationToken);

    /// <summary>The blocking form of <see cref="ShowFieldKeysAsync"/>.</summary>
    /// <param name="measurement">Only this measurement's keys; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The field keys.</returns>
    public List<FieldKeyInfo> ShowFieldKeys(string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => Show("SHOW FIELD KEYS" + From(measurement), ResolveDatabase(database), ToFieldKey, cancellationToken);

    /// <summary>Lists the values of a tag key (<c>SHOW TAG VALUES [FROM measurement] WITH KEY = "key"</c>).</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="measurement">Only this measurement's values; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tag values.</returns>
    public Task<List<TagValueInfo>> ShowTagValuesAsync(string key, string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => ShowAsync("SHOW TAG VALUES" + From(measurement) + " WITH KEY = " + InfluxQL.QuoteIdentifier(key), ResolveDatabase(database), ToTagValue, cancellationToken);

    /// <summary>The blocking form of <see cref="ShowTagValuesAsync"/>.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="measurement">Only this measurement's values; <see langword="null"/> for all.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tag values.</returns>
    public List<TagValueInfo> ShowTagValues(string key, string? measurement = null, string? database = null, CancellationToken cancellationToken = default)
        => Show("SHOW TAG VALUES" + From(measurement) + " WITH KEY = " + InfluxQL.QuoteIdentifier(key), ResolveDatabase(database), ToTagValue, cancellationToken);

    /// <summary>Lists a database's retention policies (<c>SHOW RETENTION POLICIES ON "database"</c>).</summary>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The retention policies.</returns>
    public Task<List<RetentionPolicyInfo>> ShowRetentionPoliciesAsync(string? database = null, CancellationToken cancellationToken = default)
        => ShowAsync("SHOW RETENTION POLICIES ON " + InfluxQL.QuoteIdentifier(ResolveDatabase(database)), null, ToRetentionPolicy, cancellationToken);

    /// <summary>The blocking form of <see cref="ShowRetentionPoliciesAsync"/>.</summary>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The retention policies.</returns>
    public List<RetentionPolicyInfo> ShowRetentionPolicies(string? database = null, CancellationToken cancellationToken = default)
        => Show("SHOW RETENTION POLICIES ON " + InfluxQL.QuoteIdentifier(ResolveDatabase(database)), null, ToRetentionPolicy, cancellationToken);

    /// <summary>Lists the continuous queries of every database (<c>SHOW CONTINUOUS QUERIES</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The continuous queries.</returns>
    public Task<List<ContinuousQueryInfo>> ShowContinuousQueriesAsync(CancellationToken cancellationToken = default)
        => ShowAsync("SHOW CONTINUOUS QUERIES", null, ToContinuousQuery, cancellationToken);

    /// <summary>The blocking form of <see cref="ShowContinuousQueriesAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The continuous queries.</returns>
    public List<ContinuousQueryInfo> ShowContinuousQueries(CancellationToken cancellationToken = default)
        => Show("SHOW CONTINUOUS QUERIES", null, ToContinuousQuery, cancellationToken);

    /// <summary>Drops a measurement and all its data (<c>DROP MEASUREMENT</c>), with its name quoted.</summary>
    /// <param name="measurement">The measurement.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the measurement is gone.</returns>
    public Task DropMeasurementAsync(string measurement, string? database = null, CancellationToken cancellationToken = default)
        => QueryAsync("DROP MEASUREMENT " + InfluxQL.QuoteIdentifier(measurement), new QueryOptions { Database = ResolveDatabase(database) }, cancellationToken);

    /// <summary>The blocking form of <see cref="DropMeasurementAsync"/>.</summary>
    /// <param name="measurement">The measurement.</param>
    /// <param name="database">The database; <see langword="null"/> for <see cref="Database"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public void DropMeasurement(string measurement, string? database = null, CancellationToken cancellationToken = default)
        => Query("DROP MEASUREMENT " + InfluxQL.QuoteIdentifier(measurement), new QueryOptions { Database = ResolveDatabase(database) }, cancellationToken);

    private static string From(string? measurement) => measurement is null ? string.Empty : " FROM " + InfluxQL.QuoteIdentifier(measurement);

    private async Task<List<T>> ShowAsync<T>(string statement, string? database, Func<Series, InfluxRow, T> map, CancellationToken cancellationToken)
        => Collect(await QueryAsync(statement, new QueryOptions { Database = database }, cancellationToken).ConfigureAwait(false), map);

    private List<T> Show<T>(string statement, string? database, Func<Series, InfluxRow, T> map, CancellationToken cancellationToken)
        => Collect(Query(statement, new QueryOptions { Database = database }, cancellationToken), map);

    private static List<T> Collect<T>(QueryResult result, Func<Series, InfluxRow, T> map)
    {
        var values = new List<T>();
        foreach (StatementResult statement in result.Statements)
        {
            foreach (Series series in statement.Series)
            {
                foreach (InfluxRow row in series.Values)
                {
                    values.Add(map(series, row));
                }
            }
        }

        return values;
    }

    private static Func<Series, InfluxRow, string> Column(string column)
        => (series, row) => Cell(series, row, column).AsString();

    private static InfluxValue Cell(Series series, InfluxRow row, string column)
    {
        int index = series.Metadata.IndexOf(column);
        return index < 0
            ? throw new InfluxDBException($"InfluxDB's answer to a SHOW statement has no '{column}' column (columns: {string.Join(", ", series.Columns)}). Is this an InfluxDB 1.x server?")
            : row[index];
    }

    private static InfluxUser ToUser(Series series, InfluxRow row) => new(Cell(series, row, "user").AsString(), Cell(series, row, "admin").AsBool());

    private static TagKeyInfo ToTagKey(Series series, InfluxRow row) => new(series.Name, Cell(series, row, "tagKey").AsString());

    private static FieldKeyInfo ToFieldKey(Series series, InfluxRow row) => new(series.Name, Cell(series, row, "fieldKey").AsString(), Cell(series, row, "fieldType").AsString());

    private static TagValueInfo ToTagValue(Series series, InfluxRow row) => new(series.Name, Cell(series, row, "key").AsString(), Cell(series, row, "value").AsString());

    private static RetentionPolicyInfo ToRetentionPolicy(Series series, InfluxRow row)
        => new(Cell(series, row, "name").AsString(), Cell(series, row, "duration").AsString(), Cell(series, row, "shardGroupDuration").AsString(), Cell(series, row, "replicaN").AsLong(), Cell(series, row, "default").AsBool());

    private static ContinuousQueryInfo ToContinuousQuery(Series series, InfluxRow row) => new(series.Name, Cell(series, row, "name").AsString(), Cell(series, row, "query").AsString());
}
