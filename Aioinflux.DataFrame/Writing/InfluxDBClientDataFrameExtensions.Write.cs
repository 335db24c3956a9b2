using Microsoft.Data.Analysis;

namespace Aioinflux;

// Writing DataFrames (aioinflux's client.write(df, measurement=..., tag_columns=[...], **extra_tags)): each row is one
// point, serialized by a DataFrameLineProtocolWriter through the client's ordinary write loop, so a frame is split into
// requests of InfluxDBClientOptions.WriteBatchSize rows and a row that cannot be written fails its request, with its
// index, before any of that request is sent.
public static partial class InfluxDBClientDataFrameExtensions
{
    /// <summary>
    /// Writes every row of <paramref name="frame"/> as a point of <paramref name="measurement"/>: the time column is the
    /// timestamp, the tag columns are tags, every other column is a field, and
    /// <see cref="WriteOptions.ExtraTags"/> are added to every point (aioinflux's <c>**extra_tags</c>).
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="frame">The frame; do not change it while it is written.</param>
    /// <param name="measurement">The measurement of every row.</param>
    /// <param name="dataFrameOptions">The time column (default <c>time</c>) and the tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// What was written. Rows whose fields are all null (or NaN) are not written and are counted in
    /// <see cref="WriteResult.PointsSkipped"/>.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// A column cannot be written (its name and what to do are in the message), a column named by
    /// <paramref name="dataFrameOptions"/> is missing, or an extra tag has the name of a column. Nothing was sent.
    /// </exception>
    /// <exception cref="InfluxDBWriteException">
    /// A row cannot be written (its index is given, and none of its request was sent), or InfluxDB refused a request.
    /// </exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static Task<WriteResult> WriteAsync(
        this InfluxDBClient client,
        DataFrame frame,
        string measurement,
        DataFrameWriteOptions? dataFrameOptions = null,
        WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        DataFrameLineProtocolWriter writer = CreateWriter(frame, measurement, dataFrameOptions, options);
        return client.WriteAsync(DataFrameLineProtocolWriter.RowIndices(writer.RowCount), writer, options, cancellationToken);
    }

    /// <summary>Writes every row of <paramref name="frame"/>, blocking. See <see cref="WriteAsync"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="frame">The frame; do not change it while it is written.</param>
    /// <param name="measurement">The measurement of every row.</param>
    /// <param name="dataFrameOptions">The time column (default <c>time</c>) and the tag columns; <see langword="null"/> for the defaults.</param>
    /// <param name="options">Database, retention policy, precision, extra tags, gzip; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written, with the rows skipped for having no field.</returns>
    /// <exception cref="ArgumentException">A column cannot be written, a named column is missing, or an extra tag has the name of a column.</exception>
    /// <exception cref="InfluxDBWriteException">A row cannot be written (its index is given), or InfluxDB refused a request.</exception>
    /// <exception cref="InfluxDBConnectionException">InfluxDB cannot be reached or did not answer in time.</exception>
    public static WriteResult Write(
        this InfluxDBClient client,
        DataFrame frame,
        string measurement,
        DataFrameWriteOptions? dataFrameOptions = null,
        WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        DataFrameLineProtocolWriter writer = CreateWriter(frame, measurement, dataFrameOptions, options);
        return client.Write(DataFrameLineProtocolWriter.RowIndices(writer.RowCount), writer, options, cancellationToken);
    }

    private static DataFrameLineProtocolWriter CreateWriter(DataFrame frame, string measurement, DataFrameWriteOptions? dataFrameOptions, WriteOptions? options)
    {
        var writer = new DataFrameLineProtocolWriter(frame, measurement, dataFrameOptions);
        if (options?.ExtraTags is { } extraTags)
        {
            IReadOnlyList<string> tags = writer.TagColumns;
            IReadOnlyList<string> fields = writer.FieldColumns;
            foreach ((string key, string? _) in extraTags)
            {
                // A point that carries a key twice is refused by InfluxDB (a tag) or read back ambiguously (a tag and a field).
                if (key is not null && (tags.Contains(key) || fields.Contains(key)))
                {
                    throw new ArgumentException(
                        $"The extra tag '{key}' has the name of a column of the DataFrame, so its points would carry the key twice. Rename the extra tag or the column.",
                        nameof(options));
                }
            }
        }

        return writer;
    }
}
