namespace Aioinflux;

/// <summary>What a <see cref="BatchWriter"/> does when its buffer is full.</summary>
public enum BufferFullMode
{
    /// <summary><see cref="BatchWriter.WriteAsync{T}(T, CancellationToken)"/> waits for room and <c>TryWrite</c> returns <see langword="false"/>. Nothing is dropped. The default.</summary>
    Wait,

    /// <summary>The oldest buffered points not yet being sent are dropped to make room, and counted in <see cref="BatchWriterStatistics.Dropped"/>.</summary>
    DropOldest,
}

/// <summary>Options of <see cref="InfluxDBClient.CreateBatchWriter"/>.</summary>
public sealed class BatchWriterOptions
{
    /// <summary>The most points in one request. Default 5,000.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>The longest a point waits in a batch that is not full before the batch is sent. Default 1 second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The hard bound on buffered line protocol, in bytes, including the batch being sent. Default 64 MiB.</summary>
    public long MaxBufferedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The hard bound on buffered points, including the batch being sent. Default 1,000,000; at least twice <see cref="BatchSize"/>.</summary>
    public long MaxBufferedPoints { get; set; } = 1_000_000;

    /// <summary>What happens when a bound is reached. Default <see cref="BufferFullMode.Wait"/>: never drop.</summary>
    public BufferFullMode FullMode { get; set; } = BufferFullMode.Wait;

    /// <summary>The database; <see langword="null"/> for the client's.</summary>
    public string? Database { get; set; }

    /// <summary>The retention policy; <see langword="null"/> for the database's default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>The precision of timestamps on the wire (and of raw lines' timestamps).</summary>
    public WritePrecision Precision { get; set; } = WritePrecision.Nanoseconds;

    /// <summary>Tags added to every point (not to raw lines).</summary>
    public IEnumerable<KeyValuePair<string, string?>>? ExtraTags { get; set; }

    /// <summary>Compresses requests with gzip; <see langword="null"/> for the client's setting.</summary>
    public bool? Gzip { get; set; }

    /// <summary>
    /// How long a batch is retried (connection errors, timeouts, 5xx, 429) before it is handed to
    /// <see cref="BatchWriter.Failed"/>. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="MaxRetryDelay"/>, with jitter. Default 200 ms.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two retries. Default 10 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="BatchWriter.DisposeAsync"/> tries to write what is buffered. Default 30 seconds.</summary>
    public TimeSpan DisposeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (BatchSize <= 0)
        {
            throw new ArgumentException("BatchSize must be at least 1.", nameof(BatchSize));
        }

        if (MaxBufferedPoints < 2L * BatchSize)
        {
            throw new ArgumentException($"MaxBufferedPoints ({MaxBufferedPoints}) must be at least twice BatchSize ({BatchSize}), so that one batch can fill while another is sent.", nameof(MaxBufferedPoints));
        }

        if (MaxBufferedBytes < 64 * 1024)
        {
            throw new ArgumentException("MaxBufferedBytes must be at least 64 KiB.", nameof(MaxBufferedBytes));
        }

        if (FlushInterval <= TimeSpan.Zero || FirstRetryDelay < TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay || MaxRetryTime < TimeSpan.Zero || DisposeTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("FlushInterval must be positive, the retry delays and times non-negative, and MaxRetryDelay at least FirstRetryDelay.");
        }
    }
}

/// <summary>Counters of a <see cref="BatchWriter"/>, in points.</summary>
/// <param name="Accepted">Points accepted by <c>WriteAsync</c>/<c>TryWrite</c>.</param>
/// <param name="Written">Points InfluxDB stored.</param>
/// <param name="Retried">Requests sent again after a retryable failure.</param>
/// <param name="Failed">Points handed to <see cref="BatchWriter.Failed"/> (refused, or out of retry time).</param>
/// <param name="Dropped">Points dropped by <see cref="BufferFullMode.DropOldest"/>.</param>
/// <param name="Buffered">Points accepted and not yet written, failed or dropped.</param>
/// <param name="BufferedBytes">Their line protocol, in bytes.</param>
public readonly record struct BatchWriterStatistics(long Accepted, long Written, long Retried, long Failed, long Dropped, long Buffered, long BufferedBytes);

/// <summary>A batch the <see cref="BatchWriter"/> could not write, with its lines: nothing is discarded silently.</summary>
public sealed class BatchWriteFailedEventArgs : EventArgs
{
    internal BatchWriteFailedEventArgs(InfluxDBException exception, ReadOnlyMemory<byte> lineProtocol, int points, int attempts, long pointsWritten)
    {
        Exception = exception;
        LineProtocol = lineProtocol;
        Points = points;
        Attempts = attempts;
        PointsWritten = pointsWritten;
    }

    /// <summary>
    /// Why: an <see cref="InfluxDBWriteException"/> (server's status and text; for a partial write the dropped count and
    /// rejected lines) or an <see cref="InfluxDBConnectionException"/> after <see cref="BatchWriterOptions.MaxRetryTime"/>.
    /// </summary>
    public InfluxDBException Exception { get; }

    /// <summary>The batch's line protocol (UTF-8), to log, store or send again.</summary>
    public ReadOnlyMemory<byte> LineProtocol { get; }

    /// <summary>The points in the batch.</summary>
    public int Points { get; }

    /// <summary>The requests made for it.</summary>
    public int Attempts { get; }

    /// <summary>How many of the batch's points InfluxDB stored anyway (the rest of a partial write); 0 otherwise.</summary>
    public long PointsWritten { get; }

    /// <summary>The batch's lines as text.</summary>
    /// <returns>The lines, each ending in <c>\n</c>.</returns>
    public string GetLines() => System.Text.Encoding.UTF8.GetString(LineProtocol.Span);
}
