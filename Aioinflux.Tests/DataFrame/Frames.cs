using Microsoft.Data.Analysis;

namespace Aioinflux.Tests.DataFrames;

/// <summary>The frames the DataFrame tests write, and a generated type that writes the same points.</summary>
internal static class Frames
{
    /// <summary>The docs' example times (2017-06-24 08:45:17.929097+00:00 and every 90 minutes after).</summary>
    public static readonly DateTime[] DocsTimes =
    [
        At(8, 45), At(10, 15), At(11, 45), At(13, 15), At(14, 45),
    ];

    public static readonly double[] Luy = [2.545409, -0.306673, 0.894738, -1.799512, 0.390137];
    public static readonly double[] Bem = [5.173134, -1.132941, -0.561979, -1.722805, -0.016709];
    public static readonly double[] Ajw = [5.532397, -2.130625, -1.487940, -2.308823, -0.667895];
    public static readonly string[] Tags = ["B", "E", "B", "D", "E"];

    /// <summary>The docs' frame: three float columns and a tag column, indexed by time.</summary>
    public static DataFrame Docs() => new(
        new DateTimeDataFrameColumn("time", DocsTimes),
        new DoubleDataFrameColumn("LUY", Luy),
        new DoubleDataFrameColumn("BEM", Bem),
        new DoubleDataFrameColumn("AJW", Ajw),
        new StringDataFrameColumn("tag", Tags));

    /// <summary>
    /// Rows of <see cref="CpuSample"/>: text that needs escaping, nulls in tags and fields, an empty tag, a row with
    /// only one field, extreme numbers, and an unspecified-kind time.
    /// </summary>
    public static CpuSample[] CpuSamples() =>
    [
        new() { Host = "server 01", Region = "us,west", Value = 0.64, Count = 3, Ok = true, Note = "say \"hi\" \\ there", Ratio = 0.1f, Time = new DateTime(2009, 11, 10, 23, 0, 0, DateTimeKind.Utc) },
        new() { Host = "server=02", Region = null, Value = null, Count = long.MinValue, Ok = false, Note = null, Ratio = float.MaxValue, Time = new DateTime(2009, 11, 10, 23, 0, 1, DateTimeKind.Utc).AddTicks(1) },
        new() { Host = "", Region = "eu", Value = 1e-7, Count = null, Ok = null, Note = "", Ratio = null, Time = new DateTime(2009, 11, 10, 23, 0, 2, DateTimeKind.Unspecified) },
        new() { Host = "漢字 é", Region = "eu", Value = null, Count = null, Ok = null, Note = "line one\nline two", Ratio = null, Time = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        new() { Host = "h", Region = "r", Value = -1.7976931348623157e308, Count = long.MaxValue, Ok = true, Note = "x", Ratio = -0f, Time = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999) },
    ];

    /// <summary>The same rows as a frame, columns in <see cref="CpuSample"/>'s member order.</summary>
    public static DataFrame CpuFrame(CpuSample[] samples) => new(
        new DateTimeDataFrameColumn("time", samples.Select(s => s.Time)),
        new StringDataFrameColumn("host", samples.Select(s => s.Host)),
        new StringDataFrameColumn("region", samples.Select(s => s.Region)),
        new DoubleDataFrameColumn("value", samples.Select(s => s.Value)),
        new Int64DataFrameColumn("count", samples.Select(s => s.Count)),
        new BooleanDataFrameColumn("ok", samples.Select(s => s.Ok)),
        new StringDataFrameColumn("note", samples.Select(s => s.Note)),
        new SingleDataFrameColumn("ratio", samples.Select(s => s.Ratio)));

    public static DataFrameWriteOptions CpuOptions { get; } = new() { TagColumns = ["host", "region"] };

    private static DateTime At(int hour, int minute)
        => new DateTime(2017, 6, 24, hour, minute, 17, DateTimeKind.Utc).AddTicks(9_290_970);
}

/// <summary>The points of <see cref="Frames.CpuFrame"/>, as a generated type writes them.</summary>
[LineProtocol(Measurement = "cpu load")]
public partial class CpuSample
{
    [Tag("host")] public string? Host { get; set; }
    [Tag("region")] public string? Region { get; set; }
    [Field("value")] public double? Value { get; set; }
    [Field("count")] public long? Count { get; set; }
    [Field("ok")] public bool? Ok { get; set; }
    [Field("note")] public string? Note { get; set; }
    [Field("ratio")] public float? Ratio { get; set; }
    [TimeDateTime] public DateTime Time { get; set; }
}
