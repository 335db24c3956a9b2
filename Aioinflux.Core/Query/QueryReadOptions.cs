namespace Aioinflux.Query;

/// <summary>How to read a /query response.</summary>
public sealed record QueryReadOptions
{
    /// <summary>The defaults: times as the server sends them, 16 KiB initial buffer for streams.</summary>
    public static QueryReadOptions Default { get; } = new();

    /// <summary>
    /// The <c>epoch</c> the query was sent with, so integer times can be read as nanoseconds (<c>ms</c> times are
    /// multiplied by 1,000,000). <see langword="null"/> when the query gave none: influxd then writes RFC 3339
    /// strings, and any integer time is read as nanoseconds.
    /// </summary>
    public WritePrecision? Epoch { get; init; }

    /// <summary>
    /// The first size of the buffer used to read a <see cref="Stream"/> (the blocking path); it doubles when one row is
    /// larger. <see cref="System.IO.Pipelines.PipeReader"/>s manage their own buffers.
    /// </summary>
    public int StreamBufferSize { get; init; } = 16 * 1024;
}
