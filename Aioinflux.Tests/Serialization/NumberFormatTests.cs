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
    [TestCase(0.0, "0")]
    [TestCase(-219.23, "-219.23")]
    [TestCase(0.0123, "0.0123")]
    [TestCase(1200.0, "1200")]
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(123456789012345.6, "123456789012345.6")]
    public void Floats_are_the_shortest_text_that_reads_back_the_same_with_a_lowercase_exponent(double value, string expected)
    {
        string line = new EveryType { FieldDouble = value }.ToLineProtocol();
        string written = line.Split("FieldDouble=")[1].Split(',')[0];
        Assert.That(written, Is.EqualTo(expected));
        Assert.That(double.Parse(written, CultureInfo.InvariantCulture), Is.EqualTo(value));
    }

    [TestCase(21.5f, "21.5")]
    [TestCase(0.1f, "0.1")]
    [TestCase(-0.01f, "-0.01")]
    [TestCase(1e-4f, "0.0001")]
    [TestCase(1e-5f, "1e-05")]
    [TestCase(1234567f, "1234567")]
    [TestCase(16777216f, "16777216")]
    [TestCase(3.4028235e38f, "3.4028235e+38")]
    [TestCase(-0f, "-0")]
    public void Singles_are_the_shortest_text_that_reads_back_as_the_same_single(float value, string expected)
    {
        string line = new EveryType { FieldFloat = value }.ToLineProtocol();
        string written = line.Split("FieldFloat=")[1].Split(',')[0];
        Assert.That(written, Is.EqualTo(expected));
        Assert.That(float.Parse(written, CultureInfo.InvariantCulture), Is.EqualTo(value));
    }
}
