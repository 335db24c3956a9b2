using System.Runtime.CompilerServices;
using static Aioinflux.Tests.Query.QueryTestData;

namespace Aioinflux.Tests.Query;

/// <summary>
/// JSON carries no InfluxDB field type, so one rule decides: a number with no fraction or exponent that fits in a
/// long is an integer, any other number a float.
/// </summary>
public class NumberRuleTests
{
    private static InfluxValue ParseOne(string number) =>
        ParseText($$"""{"results":[{"statement_id":0,"series":[{"name":"m","columns":["v"],"values":[[{{number}}]]}]}]}""")
            .Statements[0].Series[0].Values[0][0];

    [TestCase("0", 0L)]
    [TestCase("3", 3L)]
    [TestCase("-0", 0L)]
    [TestCase("-1", -1L)]
    [TestCase("9007199254740993", 9_007_199_254_740_993L)]
    [TestCase("9223372036854775807", long.MaxValue)]
    [TestCase("-9223372036854775808", long.MinValue)]
    public void Number_without_fraction_or_exponent_within_long_is_an_exact_integer(string json, long expected)
    {
        InfluxValue value = ParseOne(json);

        Assert.That(value.Kind, Is.EqualTo(InfluxValueKind.Integer));
        Assert.That(value.AsLong(), Is.EqualTo(expected));
    }

    [TestCase("3.0", 3.0)]
    [TestCase("0.1", 0.1)]
    [TestCase("1e20", 1e20)]
    [TestCase("1E5", 1e5)]
    [TestCase("1e+2", 100.0)]
    [TestCase("-0.0", -0.0)]
    [TestCase("1.5e-300", 1.5e-300)]
    [TestCase("1.2345678901234568e+29", 1.2345678901234568e+29)]
    [TestCase("100000000000000000000", 1e20)]
    [TestCase("9223372036854775808", 9223372036854775808.0)]
    [TestCase("-9223372036854775809", -9223372036854775809.0)]
    [TestCase("1.7976931348623157e308", double.MaxValue)]
    public void Any_other_number_is_a_float(string json, double expected)
    {
        InfluxValue value = ParseOne(json);

        Assert.That(value.Kind, Is.EqualTo(InfluxValueKind.Float));
        Assert.That(value.AsDouble(), Is.EqualTo(expected));
        Assert.That(BitConverter.DoubleToInt64Bits(value.AsDouble()), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), "bit-exact, sign of zero included");
    }

    [Test]
    public void A_value_is_two_words()
    {
        Assert.That(Unsafe.SizeOf<InfluxValue>(), Is.EqualTo(16));
    }
}
