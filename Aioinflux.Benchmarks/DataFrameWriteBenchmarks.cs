using System.Buffers;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Analysis;

namespace Aioinflux.Benchmarks;

/// <summary>
/// Serializing a 100,000-row frame like the docs' (a time, a string tag, three float fields) into an
/// <see cref="ArrayBufferWriter{T}"/>: the same data as generated-type points (the baseline) and as a
/// <see cref="DataFrame"/> through <see cref="DataFrameLineProtocolWriter"/>, built on every call as a write call builds
/// it. Each operation is one row (<c>OperationsPerInvoke</c>), so Mean is ns per row and Allocated is bytes per row.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DataFrameWriteBenchmarks
{
    /// <summary>The rows per benchmark invocation.</summary>
    public const int Rows = 100_000;

    private static readonly DataFrameWriteOptions Options = new() { TagColumns = ["tag"] };

    private PricePoint[] _points = null!;
    private DataFrame _frame = null!;
    private ArrayBufferWriter<byte> _writer = null!;

    /// <summary>Builds the same random-walk prices as points and as a frame, and checks both write the same bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20170624);
        var start = new DateTime(2017, 6, 24, 8, 45, 17, DateTimeKind.Utc).AddTicks(9_290_970);
        string[] tags = ["A", "B", "C", "D", "E"];
        double luy = 0, bem = 0, ajw = 0;
        _points = new PricePoint[Rows];
        for (int i = 0; i < Rows; i++)
        {
            luy += random.NextDouble() - 0.5;
            bem += random.NextDouble() - 0.5;
            ajw += random.NextDouble() - 0.5;
            _points[i] = new PricePoint(start.AddMinutes(90.0 * i), tags[random.Next(tags.Length)], luy, bem, ajw);
        }

        _frame = new DataFrame(
            new DateTimeDataFrameColumn("time", _points.Select(p => p.Time)),
            new DoubleDataFrameColumn("LUY", _points.Select(p => p.Luy)),
            new DoubleDataFrameColumn("BEM", _points.Select(p => p.Bem)),
            new DoubleDataFrameColumn("AJW", _points.Select(p => p.Ajw)),
            new StringDataFrameColumn("tag", _points.Select(p => p.Tag)));

        _writer = new ArrayBufferWriter<byte>(Rows * 128);
        GeneratedPoints();
        byte[] expected = _writer.WrittenSpan.ToArray();
        DataFrameRows();
        if (!_writer.WrittenSpan.SequenceEqual(expected))
        {
            throw new InvalidOperationException("The DataFrame writer and the generated points wrote different bytes.");
        }

        // BenchmarkDotNet's per-row figure rounds the writer's one-off allocations away; show them per call.
        long before = GC.GetAllocatedBytesForCurrentThread();
        DataFrameRows();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"// {Rows} rows, {expected.Length} bytes, {expected.Length / (double)Rows:F1} bytes per line");
        Console.WriteLine($"// DataFrame row writer: {allocated} bytes allocated per {Rows}-row call (building the writer), none per row");
    }

    /// <summary>The same data as generated-type points: the baseline.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "generated-type points")]
    public int GeneratedPoints()
    {
        _writer.ResetWrittenCount();
        foreach (PricePoint point in _points)
        {
            point.WriteLineProtocol(_writer);
        }

        return _writer.WrittenCount;
    }

    /// <summary>The frame, row by row through the DataFrame writer (built once per call, as a write call does).</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(OperationsPerInvoke = Rows, Description = "DataFrame row writer")]
    public int DataFrameRows()
    {
        _writer.ResetWrittenCount();
        var rows = new DataFrameLineProtocolWriter(_frame, "prices", Options);
        for (long row = 0; row < rows.RowCount; row++)
        {
            rows.WriteLineProtocol(row, _writer);
        }

        return _writer.WrittenCount;
    }
}

/// <summary>One row of the docs' DataFrame as a generated-type point.</summary>
/// <param name="Time">The row's time.</param>
/// <param name="Tag">The tag column.</param>
/// <param name="Luy">A price.</param>
/// <param name="Bem">A price.</param>
/// <param name="Ajw">A price.</param>
[LineProtocol(Measurement = "prices")]
public partial record PricePoint(
    [property: TimeDateTime] DateTime Time,
    [property: Tag("tag")] string Tag,
    [property: Field("LUY")] double Luy,
    [property: Field("BEM")] double Bem,
    [property: Field("AJW")] double Ajw);
