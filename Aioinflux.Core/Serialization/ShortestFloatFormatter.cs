using System.Numerics;
using System.Runtime.CompilerServices;

namespace Aioinflux.Serialization;

/// <summary>
/// A fast path for the numbers most points carry (prices, readings: a few significant digits, no exponent) that
/// writes exactly the bytes <c>TryFormat(destination, out written, default, CultureInfo.InvariantCulture)</c>
/// writes, the shortest text that reads back as the same value, in a fraction of the time. It declines, and the
/// caller formats with <c>TryFormat</c>, when the value needs more digits or an exponent.
/// </summary>
/// <remarks>
/// <para>
/// Why a <see cref="double"/> <c>v</c> with <c>1e-4 &lt;= |v| &lt; 1e15</c> is written exactly as .NET writes it:
/// </para>
/// <list type="number">
/// <item>Two distinct decimals of at most 15 significant digits never round to the same double. In a decade
/// <c>[10^p, 10^(p+1))</c> they lie at least <c>10^(p-14)</c> apart, while two decimals rounding to one double lie
/// within one ulp of each other, at most <c>2^-52 * 10^(p+1)</c>, about <c>2.2e-15 * 10^p</c>. (This is why
/// <c>DBL_DIG</c> is 15.)</item>
/// <item>Take <c>k = 14 - p</c> decimals and <c>m = Math.Round(|v| * 10^k)</c>. If some decimal <c>d</c> of at most 15
/// significant digits reads back as <c>v</c>, then <c>d * 10^k</c> is an integer below <c>10^15</c> and it is
/// <c>m</c>: <c>d</c> is within half an ulp of <c>v</c> (at most <c>2^-53 * |v|</c>) and the product rounds by as
/// much again, so <c>|v| * 10^k</c> is within <c>2^-52 * 10^15 &lt; 0.25</c> of <c>d * 10^k</c>.</item>
/// <item><c>m &lt; 10^15 &lt; 2^53</c> and <c>10^k</c> (<c>k &lt;= 18</c>; powers of ten are exact up to
/// <c>10^22</c>) are exact doubles, so the division <c>m / 10^k</c> is correctly rounded: it is the double nearest
/// the decimal <c>m * 10^-k</c>, the one parsing that decimal gives. It equals <c>v</c> exactly when the decimal
/// reads back as <c>v</c>.</item>
/// <item>So when the check passes, <c>m * 10^-k</c> is a decimal of at most 15 significant digits that reads back as
/// <c>v</c>; by (1) it is the only one, and the shortest round-trip decimal, which has no more digits, is this one.
/// That is what .NET (shortest round-trip since .NET Core 3.0) prints, and in this range it prints it with a point,
/// not an exponent: <c>m</c>'s digits with the point <c>k</c> from the right, trailing zeros of the fraction dropped,
/// <c>0</c> before a leading point, <c>-</c> for negatives.</item>
/// </list>
/// <para>
/// <c>p</c> is only a guess that makes (2) find the decimal; correctness rests on the checks in (3) and
/// <c>m &lt; 10^15</c> alone. The same argument holds for a <see cref="float"/> <c>v</c> with <c>1e-4 &lt;= |v| &lt;
/// 1e6</c> with 6 digits (<c>FLT_DIG</c>): <c>k = 5 - p &lt;= 9</c>; the product of a 24-bit significand and
/// <c>10^k</c> is exact in a double, so <c>m</c> is the integer nearest <c>|v| * 10^k</c>, within <c>2^-24 * 10^6</c>
/// of <c>d * 10^k</c>; <c>m &lt; 10^6</c> and <c>10^k</c> are exact floats, so the <see cref="float"/> division is
/// correctly rounded. Zero is written as .NET writes it, <c>0</c> or <c>-0</c>.
/// </para>
/// </remarks>
internal static class ShortestFloatFormatter
{
    /// <summary>The most bytes the fast path writes: a sign, 15 digits, a point and the 4 zeros of <c>0.000</c>.</summary>
    public const int MaxLength = 21;

    // 10^p at index p + 4, where decade p starts. The negative powers are only the nearest doubles (floats), which puts
    // a value equal to one of them in the decade above when it lies just below 10^p; its one digit is found either way.
    private static ReadOnlySpan<double> DecadeStarts =>
        [1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private static ReadOnlySpan<float> SingleDecadeStarts => [1e-4f, 1e-3f, 1e-2f, 1e-1f, 1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f];

    private static ReadOnlySpan<double> PowersOfTen =>
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18];

    private static ReadOnlySpan<float> SinglePowersOfTen => [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f];

    private static ReadOnlySpan<ulong> IntegerPowersOfTen =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes <paramref name="value"/> as <see cref="double.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> would, if it is a value the fast path covers.</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">Where to write; <see cref="MaxLength"/> bytes always suffice.</param>
    /// <param name="written">The bytes written.</param>
    /// <returns><see langword="false"/>, writing nothing, when the value needs more than 15 digits, an exponent, or more room.</returns>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        double magnitude = double.Abs(value);
        if (magnitude is >= 1e-4 and < 1e15)
        {
            int decimals = 14 - DecimalExponent(magnitude);
            double scale = PowersOfTen[decimals];
            double significand = Math.Round(magnitude * scale);
            if (significand < 1e15 && significand / scale == magnitude)
            {
                return TryWriteFixed((ulong)significand, decimals, value < 0, destination, out written);
            }
        }
        else if (magnitude == 0)
        {
            return TryWriteZero(double.IsNegative(value), destination, out written);
        }

        written = 0;
        return false;
    }

    /// <summary>Writes <paramref name="value"/> as <see cref="float.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> would, if it is a value the fast path covers.</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">Where to write; <see cref="MaxLength"/> bytes always suffice.</param>
    /// <param name="written">The bytes written.</param>
    /// <returns><see langword="false"/>, writing nothing, when the value needs more than 6 digits, an exponent, or more room.</returns>
    public static bool TryFormat(float value, Span<byte> destination, out int written)
    {
        float magnitude = float.Abs(value);
        if (magnitude is >= 1e-4f and < 1e6f)
        {
            int decimals = 5 - DecimalExponent(magnitude);
            double significand = Math.Round(magnitude * PowersOfTen[decimals]);
            if (significand < 1e6 && (float)significand / SinglePowersOfTen[decimals] == magnitude)
            {
                return TryWriteFixed((ulong)significand, decimals, value < 0, destination, out written);
            }
        }
        else if (magnitude == 0)
        {
            return TryWriteZero(float.IsNegative(value), destination, out written);
        }

        written = 0;
        return false;
    }

    // floor(log10(magnitude)) for a normal magnitude in [1e-4, 1e15): floor(binary exponent * log10(2)) is that or one
    // less. 78913 / 2^18 is log10(2) to 8 digits, and >> floors negative products too.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecimalExponent(double magnitude)
    {
        int estimate = (((int)(BitConverter.DoubleToUInt64Bits(magnitude) >> 52) - 1023) * 78_913) >> 18;
        return magnitude >= DecadeStarts[estimate + 5] ? estimate + 1 : estimate;
    }

    // The same for a float in [1e-4, 1e6).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecimalExponent(float magnitude)
    {
        int estimate = (((int)(BitConverter.SingleToUInt32Bits(magnitude) >> 23) - 127) * 78_913) >> 18;
        return magnitude >= SingleDecadeStarts[estimate + 5] ? estimate + 1 : estimate;
    }

    private static bool TryWriteZero(bool negative, Span<byte> destination, out int written)
    {
        ReadOnlySpan<byte> zero = negative ? "-0"u8 : "0"u8;
        written = zero.TryCopyTo(destination) ? zero.Length : 0;
        return written != 0;
    }

    // Writes significand * 10^-decimals with the fraction's trailing zeros dropped; significand < 10^15.
    private static bool TryWriteFixed(ulong significand, int decimals, bool negative, Span<byte> destination, out int written)
    {
        // Halving steps drop up to 15 zeros in four tests, where one at a time would take up to 15.
        if (decimals >= 8 && significand % 100_000_000 == 0)
        {
            significand /= 100_000_000;
            decimals -= 8;
        }

        if (decimals >= 4 && significand % 10_000 == 0)
        {
            significand /= 10_000;
            decimals -= 4;
        }

        if (decimals >= 2 && significand % 100 == 0)
        {
            significand /= 100;
            decimals -= 2;
        }

        if (decimals >= 1 && significand % 10 == 0)
        {
            significand /= 10;
            decimals--;
        }

        int digits = int.Max(CountDigits(significand), decimals + 1); // at least "0" before the point
        int length = (negative ? 1 : 0) + digits + (decimals > 0 ? 1 : 0);
        if (length > destination.Length)
        {
            written = 0;
            return false;
        }

        // From the right: the fraction, the point, the integer part, the sign.
        ReadOnlySpan<byte> pairs = DigitPairs;
        int position = length;
        int fractionDigits = decimals;
        for (; fractionDigits >= 2; fractionDigits -= 2)
        {
            significand = WritePair(significand, pairs, destination, position -= 2);
        }

        if (fractionDigits == 1)
        {
            ulong quotient = significand / 10;
            destination[--position] = (byte)('0' + (significand - (quotient * 10)));
            significand = quotient;
        }

        if (decimals > 0)
        {
            destination[--position] = (byte)'.';
        }

        while (significand >= 10)
        {
            significand = WritePair(significand, pairs, destination, position -= 2);
        }

        if (position > (negative ? 1 : 0))
        {
            destination[--position] = (byte)('0' + significand);
        }

        if (negative)
        {
            destination[0] = (byte)'-';
        }

        written = length;
        return true;
    }

    // Writes the last two digits of value at destination[position..], returning the rest.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WritePair(ulong value, ReadOnlySpan<byte> pairs, Span<byte> destination, int position)
    {
        ulong quotient = value / 100;
        int pair = (int)(value - (quotient * 100)) * 2;
        destination[position + 1] = pairs[pair + 1];
        destination[position] = pairs[pair];
        return quotient;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountDigits(ulong value)
    {
        int estimate = ((64 - BitOperations.LeadingZeroCount(value | 1)) * 1233) >> 12; // 1233 / 2^12 ~ log10(2)
        return estimate + (value >= IntegerPowersOfTen[estimate] ? 1 : 0);
    }
}
