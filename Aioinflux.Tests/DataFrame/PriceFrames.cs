using Microsoft.Data.Analysis;

namespace Aioinflux.Tests.DataFrames;

/// <summary>Random-walk price frames like the docs' table, of any length, for the query tests.</summary>
internal static class PriceFrames
{
    public static readonly DateTime Start = new DateTime(2017, 6, 24, 8, 45, 17, DateTimeKind.Utc).AddTicks(9_290_970);

    /// <summary><paramref name="rows"/> rows every 90 minutes from the docs' first time: LUY, BEM, AJW random walks and a tag of A–E.</summary>
    public static DataFrame RandomWalk(int rows, int seed = 20170624)
    {
        var random = new Random(seed);
        string[] tagValues = ["A", "B", "C", "D", "E"];
        var times = new DateTime[rows];
        var luy = new double[rows];
        var bem = new double[rows];
        var ajw = new double[rows];
        var tags = new string[rows];
        double l = 0, b = 0, a = 0;
        for (int i = 0; i < rows; i++)
        {
            times[i] = Start.AddMinutes(90.0 * i);
            luy[i] = l += random.NextDouble() - 0.5;
            bem[i] = b += random.NextDouble() - 0.5;
            ajw[i] = a += random.NextDouble() - 0.5;
            tags[i] = tagValues[random.Next(tagValues.Length)];
        }

        return new DataFrame(
            new DateTimeDataFrameColumn("time", times),
            new DoubleDataFrameColumn("LUY", luy),
            new DoubleDataFrameColumn("BEM", bem),
            new DoubleDataFrameColumn("AJW", ajw),
            new StringDataFrameColumn("tag", tags));
    }

    /// <summary>The rows of <paramref name="frame"/> whose <paramref name="column"/> holds <paramref name="value"/>, in order.</summary>
    public static DataFrame RowsWhere(DataFrame frame, string column, string value)
        => frame.Filter(((StringDataFrameColumn)frame.Columns[column]).ElementwiseEquals(value));
}
