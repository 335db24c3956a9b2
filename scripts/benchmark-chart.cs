// Draws docs/benchmarks/chart.svg from the benchmark results checked in beside it:
//   docs/benchmarks/serializer-report.csv  BenchmarkDotNet's CSV report of SerializerBenchmarks (ns per point)
//   docs/benchmarks/end-to-end.csv         name,points_per_second rows from the write-e2e harness
// Run from the repository's root:  dotnet run scripts/benchmark-chart.cs
using System.Globalization;
using System.Text;

string root = Directory.GetCurrentDirectory();
string folder = Path.Combine(root, "docs", "benchmarks");
var serializer = ReadBenchmarkDotNet(Path.Combine(folder, "serializer-report.csv"));
var endToEnd = ReadPairs(Path.Combine(folder, "end-to-end.csv"));

var svg = new StringBuilder();
const int Width = 760;
int height = 90 + (serializer.Count * 26) + 70 + (endToEnd.Count * 26) + 20;
svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="13">""");
svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="white"/>""");
int y = 30;
y = Chart(svg, y, "Serializing the docs' Trade: ns per point (lower is better)", serializer, "ns");
y += 40;
Chart(svg, y, "Writing 1,000,000 Trade points to influxd 1.6.7 on loopback: points/s (higher is better)", endToEnd, "points/s");
svg.AppendLine("</svg>");
File.WriteAllText(Path.Combine(folder, "chart.svg"), svg.ToString());
Console.WriteLine($"wrote {Path.Combine(folder, "chart.svg")}");

static int Chart(StringBuilder svg, int y, string title, List<(string Name, double Value)> rows, string unit)
{
    const int LabelWidth = 330;
    const int BarWidth = 300;
    svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="10" y="{y}" font-weight="bold">{Escape(title)}</text>""");
    y += 16;
    double max = rows.Max(r => r.Value);
    foreach ((string name, double value) in rows)
    {
        bool ours = name.Contains("Aioinflux", StringComparison.Ordinal);
        int width = Math.Max(1, (int)Math.Round(BarWidth * value / max));
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="10" y="{y + 14}"{(ours ? " font-weight=\"bold\"" : "")}>{Escape(name)}</text>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{LabelWidth}" y="{y + 2}" width="{width}" height="16" fill="{(ours ? "#2b7bb9" : "#a0a0a0")}"/>""");
        string text = value >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth + width + 6}" y="{y + 14}">{text} {unit}</text>""");
        y += 26;
    }

    return y;
}

static List<(string Name, double Value)> ReadBenchmarkDotNet(string path)
{
    string[] lines = File.ReadAllLines(path);
    string[] header = SplitCsv(lines[0]);
    int method = Array.IndexOf(header, "Method");
    int mean = Array.IndexOf(header, "Mean");
    var rows = new List<(string, double)>();
    foreach (string line in lines.Skip(1))
    {
        string[] cells = SplitCsv(line);
        string name = cells[method].Trim('\'');
        if (name.Contains("copy", StringComparison.OrdinalIgnoreCase))
        {
            continue;
        }

        string[] parts = cells[mean].Split(' ');
        double value = double.Parse(parts[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        value *= parts.Length > 1 ? parts[1] switch { "us" or "μs" => 1_000, "ms" => 1_000_000, _ => 1 } : 1;
        rows.Add((name, value));
    }

    return rows;
}

static List<(string Name, double Value)> ReadPairs(string path)
    => File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => SplitCsv(l)).Select(c => (c[0], double.Parse(c[1], CultureInfo.InvariantCulture))).ToList();

static string[] SplitCsv(string line)
{
    var cells = new List<string>();
    var cell = new StringBuilder();
    bool quoted = false;
    foreach (char c in line)
    {
        if (c == '"')
        {
            quoted = !quoted;
        }
        else if (c == ',' && !quoted)
        {
            cells.Add(cell.ToString());
            cell.Clear();
        }
        else
        {
            cell.Append(c);
        }
    }

    cells.Add(cell.ToString());
    return [.. cells];
}

static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
