namespace Aioinflux;

/// <summary>The answer to <see cref="InfluxDBClient.PingAsync"/>.</summary>
/// <param name="Version">The server's version (<c>X-Influxdb-Version</c>), such as <c>1.6.7~rc0</c>.</param>
/// <param name="Build">The server's build (<c>X-Influxdb-Build</c>), such as <c>OSS</c>.</param>
/// <param name="RoundTripTime">The time from sending the request to receiving the answer's headers.</param>
/// <param name="Headers">Every response header, as aioinflux's <c>ping</c> returns them.</param>
public sealed record PingResult(string? Version, string? Build, TimeSpan RoundTripTime, IReadOnlyDictionary<string, string> Headers);
