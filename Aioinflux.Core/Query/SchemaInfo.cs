namespace Aioinflux;

/// <summary>A user, from <see cref="InfluxDBClient.ShowUsersAsync"/>.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Admin">Whether the user is an administrator.</param>
public sealed record InfluxUser(string Name, bool Admin);

/// <summary>A tag key of a measurement, from <see cref="InfluxDBClient.ShowTagKeysAsync"/>.</summary>
/// <param name="Measurement">The measurement.</param>
/// <param name="Key">The tag key.</param>
public sealed record TagKeyInfo(string Measurement, string Key);

/// <summary>A field key of a measurement and its type, from <see cref="InfluxDBClient.ShowFieldKeysAsync"/>.</summary>
/// <param name="Measurement">The measurement.</param>
/// <param name="Key">The field key.</param>
/// <param name="Type">InfluxDB's type name: <c>float</c>, <c>integer</c>, <c>string</c> or <c>boolean</c>.</param>
public sealed record FieldKeyInfo(string Measurement, string Key, string Type);

/// <summary>A tag value, from <see cref="InfluxDBClient.ShowTagValuesAsync"/>.</summary>
/// <param name="Measurement">The measurement.</param>
/// <param name="Key">The tag key.</param>
/// <param name="Value">The tag value.</param>
public sealed record TagValueInfo(string Measurement, string Key, string Value);

/// <summary>A retention policy, from <see cref="InfluxDBClient.ShowRetentionPoliciesAsync"/>.</summary>
/// <param name="Name">The policy's name.</param>
/// <param name="Duration">How long data is kept, as InfluxDB writes it (<c>0s</c> for ever, <c>168h0m0s</c>).</param>
/// <param name="ShardGroupDuration">The shard group duration, as InfluxDB writes it.</param>
/// <param name="ReplicaN">The replication factor.</param>
/// <param name="Default">Whether it is the database's default policy.</param>
public sealed record RetentionPolicyInfo(string Name, string Duration, string ShardGroupDuration, long ReplicaN, bool Default);

/// <summary>A continuous query, from <see cref="InfluxDBClient.ShowContinuousQueriesAsync"/>.</summary>
/// <param name="Database">The database it belongs to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Query">Its <c>CREATE CONTINUOUS QUERY</c> statement.</param>
public sealed record ContinuousQueryInfo(string Database, string Name, string Query);
