namespace Aioinflux;

/// <summary>
/// Writes <see cref="Microsoft.Data.Analysis.DataFrame"/>s to InfluxDB through an <see cref="InfluxDBClient"/>, as
/// aioinflux writes pandas DataFrames (its <c>pandas</c> extra). The writing methods are in <c>Writing/</c>; reading
/// query results into frames goes in <c>Query/</c>.
/// </summary>
public static partial class InfluxDBClientDataFrameExtensions
{
}
