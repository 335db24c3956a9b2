namespace Aioinflux;

/// <summary>Per-call options of <see cref="InfluxDBClient"/>'s write methods. Every property is optional.</summary>
public sealed record WriteOptions
{
    /// <summary>The database; <see langword="null"/> for <see cref="InfluxDBClient.Database"/>.</summary>
    public string? Database { get; init; }

    /// <summary>The retention policy; <see langword="null"/> for the database's default.</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary>
    /// The precision of timestamps on the wire. Every <see cref="long"/> time the library serializes is nanoseconds and is
    /// floor-converted to it; raw line protocol is sent unchanged, with this as its <c>precision</c> parameter.
    /// </summary>
    public WritePrecision Precision { get; init; } = WritePrecision.Nanoseconds;

    /// <summary>Tags added to every point, after its own tags (aioinflux's <c>**extra_tags</c>). Not applied to raw line protocol.</summary>
    public IEnumerable<KeyValuePair<string, string?>>? ExtraTags { get; init; }

    /// <summary>The measurement of dictionary points that name none (aioinflux's <c>measurement</c> argument).</summary>
    public string? Measurement { get; init; }

    /// <summary>Compresses the request bodies with gzip; <see langword="null"/> for <see cref="InfluxDBClientOptions.Gzip"/>.</summary>
    public bool? Gzip { get; init; }
}
