using System.Globalization;
using Aioinflux.Tests.Generation;

namespace Aioinflux.Tests.Serialization;

public class NumberFormatTests
{
    [TestCase(219.23, "219.23")]
    [TestCase(0.1, "0.1")]
    [TestCase(1e-4, "0.0001")]
    [TestCase(1e-5, "1e-05")]
    [TestCase(9.99e-6, "9.99e-06")]
    [TestCase(999999999999999.9, "999999999999999.9")]
    [TestCase(1e15, "1000000000000000")]
    [TestCase(1e20, "1e+20")]
    [TestCase(-1.7976931348623157e308, "-1.7976931348623157e+308")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(-0.0, "-0")]
    public void Floats_are_the_shortest_text_that_reads_back_the_same_with_a_lowercase_exponent(double value, string expected)
    {
        string line = new EveryType { FieldDouble = value }.ToLineProtocol();
        string written = line.Split("FieldDouble=")[1].Split(',')[0];
        Assert.That(written, Is.EqualTo(expected));
        Assert.That(double.Parse(written, CultureInfo.InvariantCulture), Is.EqualTo(value));
    }
}
