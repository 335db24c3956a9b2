using System.Buffers;
using Aioinflux.Serialization;

namespace Aioinflux;

/// <summary>
/// Writes mapping points (aioinflux's dictionary form, described on <see cref="LineProtocol"/>) for the client's write
/// methods, with a default measurement validated and escaped once.
/// </summary>
public sealed class MappingPointWriter : ILineProtocolWriter<IReadOnlyDictionary<string, object?>>
{
    private readonly byte[]? _escapedDefaultMeasurement;

    /// <summary>Creates the writer.</summary>
    /// <param name="defaultMeasurement">The measurement of points without one, or <see langword="null"/> to require one in every point.</param>
    /// <exception cref="ArgumentException"><paramref name="defaultMeasurement"/> is empty, starts with <c>#</c>, or cannot be written.</exception>
    public MappingPointWriter(string? defaultMeasurement = null)
    {
        if (defaultMeasurement is null)
        {
            return;
        }

        DefaultMeasurement = defaultMeasurement;
        _escapedDefaultMeasurement = Escape(defaultMeasurement);
    }

    /// <summary>The measurement of points without one, or <see langword="null"/>.</summary>
    public string? DefaultMeasurement { get; }

    /// <inheritdoc/>
    public void WriteLineProtocol(IReadOnlyDictionary<string, object?> value, IBufferWriter<byte> writer)
        => MappingSerializer.Write(value, writer, DefaultMeasurement, _escapedDefaultMeasurement, default);

    /// <inheritdoc/>
    public void WriteLineProtocol(IReadOnlyDictionary<string, object?> value, IBufferWriter<byte> writer, in LineProtocolOptions options)
        => MappingSerializer.Write(value, writer, DefaultMeasurement, _escapedDefaultMeasurement, options);

    private static byte[] Escape(string defaultMeasurement)
    {
        if (defaultMeasurement.Length == 0)
        {
            throw new ArgumentException("The default measurement is empty; pass a non-empty name, or null to require a measurement in every point.", nameof(defaultMeasurement));
        }

        if (LineProtocolSyntax.IsCommentMarker(defaultMeasurement))
        {
            throw new ArgumentException($"The default measurement {LineProtocolThrow.Quote(defaultMeasurement)} starts with '#', which makes InfluxDB read the whole line as a comment and store nothing; choose a name that does not start with '#'.", nameof(defaultMeasurement));
        }

        byte[] buffer = new byte[LineProtocolSyntax.MaxEscapedLength(defaultMeasurement)];
        LineProtocolTextError error = LineProtocolSyntax.TryWriteEscaped(defaultMeasurement, LineProtocolElement.Measurement, buffer, out int written);
        if (error != LineProtocolTextError.None)
        {
            throw new ArgumentException($"The default measurement {LineProtocolThrow.Quote(defaultMeasurement)} {LineProtocolSyntax.Describe(error)}; choose another name.", nameof(defaultMeasurement));
        }

        return buffer[..written];
    }
}
