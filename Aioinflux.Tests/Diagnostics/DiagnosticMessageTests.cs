using Aioinflux.Tests.Generation;
using Microsoft.CodeAnalysis;

namespace Aioinflux.Tests.Diagnostics;

/// <summary>
/// A diagnostic message quotes the user's names as C# writes them: `dotnet build` prints one line per diagnostic,
/// and a raw newline from <c>Measurement = "cpu\nload"</c> split it, leaving the rest of the message on a line of its own.
/// </summary>
public class DiagnosticMessageTests
{
    [TestCase("[LineProtocol(Measurement = \"cpu\\nload\")] public partial class Bad { [Field] public double V; }", "AIO009", @"'cpu\nload'")]
    [TestCase("[LineProtocol(Measurement = \"cpu\\r\\nload\")] public partial class Bad { [Field] public double V; }", "AIO009", @"'cpu\r\nload'")]
    [TestCase("[LineProtocol] public partial class Bad { [Field(\"half\\uD800\")] public double V; }", "AIO009", @"'half\uD800'")]
    [TestCase("[LineProtocol(Measurement = \"#a\\u2028b\")] public partial class Bad { [Field] public double V; }", "AIO010", @"'#a\u2028b'")]
    [TestCase("[LineProtocol, ExtraTag(\"a\\tb\", \"x\\ny\")] public partial class Bad { [Field] public double V; }", "AIO013", @"'a\tb'")]
    public void A_name_with_a_line_break_or_an_unpaired_surrogate_is_escaped_in_the_message(string source, string id, string quoted)
    {
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation("using Aioinflux;\n" + source));
        Diagnostic diagnostic = GeneratorHarness.Analyze(output).Single(d => d.Id == id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(message, Does.Contain(quoted));
        Assert.That(message.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029'), Is.False, message);
    }

    [Test]
    public void A_name_with_a_surrogate_pair_is_quoted_as_it_is()
    {
        var (output, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation("using Aioinflux;\n[LineProtocol(Measurement = \"#🌡\")] public partial class Bad { [Field] public double V; }"));
        string message = GeneratorHarness.Analyze(output).Single(d => d.Id == "AIO010").GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(message, Does.Contain("'#🌡'"));
    }
}
