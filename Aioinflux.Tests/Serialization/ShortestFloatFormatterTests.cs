using System.Globalization;
using System.Text;
using Aioinflux.Serialization;

namespace Aioinflux.Tests.Serialization;

/// <summary>
/// The float fast path against <c>TryFormat(…, default, CultureInfo.InvariantCulture)</c>, byte for byte, over a
/// bounded set of values of every kind: whatever it writes, .NET writes; and the short decimals it exists for never
/// fall back to .NET.
/// </summary>
public class ShortestFloatFormatterTests
{
    private const int Seed = 20_181_022;
    private const int RandomCount = 200_000;

    private static readonly double[] PriceScales = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    [Test]
    public void Doubles_of_any_bit_pattern_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        AssertSameAsTryFormat(Enumerable.Range(0, RandomCount).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))));
    }

    [Test]
    public void Doubles_of_random_magnitudes_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        AssertSameAsTryFormat(Enumerable.Range(0, RandomCount).Select(_ => Math.Pow(10, (random.NextDouble() * 24) - 6) * (random.Next(2) == 0 ? 1 : -1)));
    }

    [Test]
    public void Short_decimals_take_the_fast_path_and_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        List<double> decimals = [];
        for (int i = 0; i < RandomCount; i++)
        {
            // 1 to 15 significant digits, 0 to 18 decimals, within [1e-4, 1e15): what the fast path promises to cover.
            int digits = random.Next(1, 16);
            long significand = random.NextInt64((long)Math.Pow(10, digits - 1), (long)Math.Pow(10, digits));
            int exponent = random.Next(-4, 15) - (digits - 1);
            double value = double.Parse($"{significand}e{exponent}", CultureInfo.InvariantCulture);
            decimals.Add(random.Next(2) == 0 ? value : -value);
        }

        AssertSameAsTryFormat(decimals, mustTakeFastPath: true);
    }

    [Test]
    public void Prices_with_up_to_eight_decimals_take_the_fast_path_and_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        AssertSameAsTryFormat(
            Enumerable.Range(0, RandomCount).Select(_ => random.NextInt64(10_000, 10_000_000_000) / PriceScales[random.Next(PriceScales.Length)]), // 0.0001 up
            mustTakeFastPath: true);
    }

    [Test]
    public void Neighbours_of_short_decimals_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        List<double> neighbours = [];
        for (int i = 0; i < RandomCount / 4; i++)
        {
            double value = random.NextInt64(1, 1_000_000_000) / Math.Pow(10, random.Next(0, 14));
            neighbours.AddRange([Math.BitIncrement(value), Math.BitDecrement(value), Math.BitIncrement(Math.BitIncrement(value)), -Math.BitDecrement(value)]);
        }

        AssertSameAsTryFormat(neighbours);
    }

    [Test]
    public void Doubles_near_powers_of_ten_and_the_fast_paths_ends_are_written_as_TryFormat_writes_them()
    {
        List<double> values = [];
        for (int exponent = -8; exponent <= 18; exponent++)
        {
            double power = double.Parse($"1e{exponent}", CultureInfo.InvariantCulture);
            foreach (double near in Around(power, 64))
            {
                values.AddRange([near, -near, near * 9.99, near * 0.999999999999999, near * 1.00000000000001]);
            }
        }

        values.AddRange(Around(999_999_999_999_999.9, 64));
        values.AddRange(Around(99_999.999_999_999_99, 64));
        values.AddRange(Around(0.000_099_999_999_999_99, 64));
        AssertSameAsTryFormat(values);
    }

    [Test]
    public void Integers_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        List<double> integers = [.. Enumerable.Range(-1_000, 2_001).Select(i => (double)i)];
        integers.AddRange(Enumerable.Range(0, RandomCount / 2).Select(_ => (double)random.NextInt64(-1L << 53, 1L << 53)));
        integers.AddRange(Enumerable.Range(0, RandomCount / 2).Select(_ => (double)random.NextInt64(0, 1_000_000_000_000_000)));
        AssertSameAsTryFormat(integers);
    }

    [Test]
    public void Doubles_widened_from_floats_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        AssertSameAsTryFormat(Enumerable.Range(0, RandomCount).Select(_ => (double)(random.NextInt64(1, 10_000_000) / (float)PriceScales[random.Next(PriceScales.Length)])));
    }

    [TestCase(0.0)]
    [TestCase(-0.0)]
    [TestCase(double.Epsilon)]
    [TestCase(-double.Epsilon)]
    [TestCase(2.2250738585072009e-308)] // largest subnormal
    [TestCase(2.2250738585072014e-308)] // smallest normal
    [TestCase(double.MaxValue)]
    [TestCase(double.MinValue)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(1e-4)]
    [TestCase(1e15)]
    [TestCase(0.1 + 0.2)]
    [TestCase(219.23)]
    [TestCase(-219.23)]
    [TestCase(0.0123)]
    [TestCase(100)]
    [TestCase(123_456_789_012_345)]
    [TestCase(123_456_789_012_345.6)]
    public void Special_doubles_are_written_as_TryFormat_writes_them(double value) => AssertSameAsTryFormat([value]);

    [Test]
    public void Subnormal_doubles_are_left_to_TryFormat()
    {
        var random = new Random(Seed);
        AssertSameAsTryFormat(Enumerable.Range(0, 1_000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64(1, 1L << 52))));
    }

    [Test]
    public void Floats_of_any_bit_pattern_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        AssertSameAsTryFormat(Enumerable.Range(0, RandomCount).Select(_ => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue))));
    }

    [Test]
    public void Short_float_decimals_take_the_fast_path_and_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        List<float> decimals = [];
        for (int i = 0; i < RandomCount; i++)
        {
            // 1 to 6 significant digits within [1e-4, 1e6).
            int digits = random.Next(1, 7);
            int significand = random.Next((int)Math.Pow(10, digits - 1), (int)Math.Pow(10, digits));
            int exponent = random.Next(-4, 6) - (digits - 1);
            float value = float.Parse($"{significand}e{exponent}", CultureInfo.InvariantCulture);
            decimals.Add(random.Next(2) == 0 ? value : -value);
        }

        AssertSameAsTryFormat(decimals, mustTakeFastPath: true);
    }

    [Test]
    public void Floats_near_short_decimals_and_powers_of_ten_are_written_as_TryFormat_writes_them()
    {
        var random = new Random(Seed);
        List<float> values = [];
        for (int i = 0; i < RandomCount / 4; i++)
        {
            float value = random.Next(1, 10_000_000) / (float)Math.Pow(10, random.Next(0, 11));
            values.AddRange([value, MathF.BitIncrement(value), MathF.BitDecrement(value), -MathF.BitIncrement(value)]);
        }

        for (int exponent = -8; exponent <= 10; exponent++)
        {
            float power = float.Parse($"1e{exponent}", CultureInfo.InvariantCulture);
            for (int step = -64; step <= 64; step++)
            {
                float near = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(power) + step);
                values.AddRange([near, -near]);
            }
        }

        values.AddRange(Enumerable.Range(-20_000, 40_001).Select(i => (float)i));
        AssertSameAsTryFormat(values);
    }

    [TestCase(0f)]
    [TestCase(-0f)]
    [TestCase(float.Epsilon)]
    [TestCase(float.MaxValue)]
    [TestCase(float.MinValue)]
    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    [TestCase(1e-4f)]
    [TestCase(0.01f)]
    [TestCase(1e6f)]
    [TestCase(21.5f)]
    [TestCase(-0.1f)]
    [TestCase(16_777_216f)]
    public void Special_floats_are_written_as_TryFormat_writes_them(float value) => AssertSameAsTryFormat([value]);

    [TestCase(-219.23, 7)]
    [TestCase(-0.000_123_456_789_012_345, 21)]
    public void A_destination_one_byte_short_is_declined(double value, int length)
    {
        Span<byte> destination = stackalloc byte[length];
        Assert.That(ShortestFloatFormatter.TryFormat(value, destination, out int written), Is.True);
        Assert.That(written, Is.EqualTo(length));
        Assert.That(ShortestFloatFormatter.TryFormat(value, destination[..^1], out written), Is.False);
        Assert.That(written, Is.Zero);
    }

    private static IEnumerable<double> Around(double value, int steps)
    {
        double below = value;
        double above = value;
        yield return value;
        for (int step = 0; step < steps; step++)
        {
            below = Math.BitDecrement(below);
            above = Math.BitIncrement(above);
            yield return below;
            yield return above;
        }
    }

    private static void AssertSameAsTryFormat(IEnumerable<double> values, bool mustTakeFastPath = false)
        => AssertSameAsTryFormat(values, ShortestFloatFormatter.TryFormat, static (double value, Span<byte> destination, out int written) => value.TryFormat(destination, out written, default, CultureInfo.InvariantCulture), mustTakeFastPath);

    private static void AssertSameAsTryFormat(IEnumerable<float> values, bool mustTakeFastPath = false)
        => AssertSameAsTryFormat(values, ShortestFloatFormatter.TryFormat, static (float value, Span<byte> destination, out int written) => value.TryFormat(destination, out written, default, CultureInfo.InvariantCulture), mustTakeFastPath);

    private delegate bool Formatter<T>(T value, Span<byte> destination, out int written);

    private static void AssertSameAsTryFormat<T>(IEnumerable<T> values, Formatter<T> fast, Formatter<T> expected, bool mustTakeFastPath)
        where T : IFormattable
    {
        Span<byte> fastText = stackalloc byte[64];
        Span<byte> expectedText = stackalloc byte[64];
        List<string> failures = [];
        int count = 0;
        int fastCount = 0;
        foreach (T value in values)
        {
            count++;
            expected(value, expectedText, out int expectedLength);
            fastText.Fill((byte)'#');
            if (!fast(value, fastText, out int fastLength))
            {
                if (mustTakeFastPath || fastLength != 0 || fastText[0] != (byte)'#')
                {
                    failures.Add($"{value.ToString("R", CultureInfo.InvariantCulture)}: declined{(fastLength != 0 || fastText[0] != (byte)'#' ? " but wrote" : "")}");
                }

                continue;
            }

            fastCount++;
            if (!fastText[..fastLength].SequenceEqual(expectedText[..expectedLength])
                || fastLength > ShortestFloatFormatter.MaxLength
                || fastText[fastLength] != (byte)'#')
            {
                failures.Add($"{value.ToString("R", CultureInfo.InvariantCulture)}: wrote {Encoding.ASCII.GetString(fastText[..fastLength])} where TryFormat writes {Encoding.ASCII.GetString(expectedText[..expectedLength])}");
            }
        }

        Assert.That(failures, Is.Empty, $"{failures.Count} of {count} values ({fastCount} on the fast path); the first: {string.Join("; ", failures.Take(10))}");
        TestContext.Out.WriteLine($"{TestContext.CurrentContext.Test.Name}: {count} values, {fastCount} on the fast path");
    }
}
