namespace Aioinflux;

/// <summary>
/// Writes <see cref="Microsoft.Data.Analysis.DataFrame"/>s to InfluxDB through an <see cref="InfluxDBClient"/> and reads
/// query results into them, as aioinflux writes and reads pandas DataFrames (its <c>pandas</c> extra). The writing
/// methods are in <c>Writing/</c>, the query methods in <c>Query/</c>.
/// </summary>
public static partial class InfluxDBClientDataFrameExtensions
{
}
