using System.Globalization;
using Aioinflux.Serialization;
using BenchmarkDotNet.Attributes;

namespace Aioinflux.Benchmarks;

/// <summary>
/// One float field, <c>m v=…\n</c>: through <see cref="LineBuilder"/>, whose fast path writes short decimals itself,
/// against the same line written with <see cref="double.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>.
/// The values are a price (fast path), a sum that needs 17 digits and a small value that needs an exponent (both
/// declined by the fast path, so they show what trying it costs).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FloatFieldBenchmarks
{
    private readonly byte[] _line = new byte[64];

    /// <summary>The value written.</summary>
    [Params(219.23, 0.1 + 0.2, 1.5e-7)]
    public double Value { get; set; }

    /// <summary>The line written with <c>TryFormat</c>, exponent lower-cased as Aioinflux writes it: the baseline.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Baseline = true, Description = "TryFormat")]
    public int TryFormat()
    {
        Span<byte> line = _line;
        "m v="u8.CopyTo(line);
        Value.TryFormat(line[4..], out int written, default, CultureInfo.InvariantCulture);
        int exponent = line.Slice(4, written).IndexOf((byte)'E');
        if (exponent >= 0)
        {
            line[4 + exponent] = (byte)'e';
        }

        int length = 4 + written;
        line[length++] = (byte)'\n';
        return length;
    }

    /// <summary>The line written by <see cref="LineBuilder"/>, as a generated writer writes it.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Description = "LineBuilder")]
    public int Builder()
    {
        var line = new LineBuilder(_line, "Point");
        line.Measurement("m"u8);
        line.Field("v="u8, Value, "Value");
        return line.Complete();
    }
}
