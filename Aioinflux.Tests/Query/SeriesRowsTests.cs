namespace Aioinflux.Tests.Query;

public class SeriesRowsTests
{
    [TestCase(1, 10_000)]
    [TestCase(3, 5_000)]
    [TestCase(7, 1_500)]
    [TestCase(4096, 3)]
    [TestCase(5000, 3)]
    [TestCase(0, 10)]
    public void Rows_keep_their_values_across_blocks(int width, int count)
    {
        var rows = new SeriesRows(width);
        for (int i = 0; i < count; i++)
        {
            Span<InfluxValue> row = rows.AddRow();
            for (int c = 0; c < width; c++)
            {
                row[c] = (long)((i * 10_000) + c);
            }
        }

        Assert.That(rows, Has.Count.EqualTo(count));
        int index = 0;
        foreach (InfluxRow row in rows)
        {
            Assert.That(row.Count, Is.EqualTo(width));
            for (int c = 0; c < width; c++)
            {
                Assert.That(row[c].AsLong(), Is.EqualTo((index * 10_000L) + c), $"row {index}, column {c}");
            }

            index++;
        }

        Assert.That(index, Is.EqualTo(count));
    }

    [Test]
    public void Add_copies_a_row_of_the_right_width_only()
    {
        var rows = new SeriesRows(2);

        rows.Add([1L, "a"]);

        Assert.That(rows[0].ToString(), Is.EqualTo("[1, a]"));
        Assert.That(() => rows.Add([1L]), Throws.ArgumentException.With.Message.Contains("2 values, not 1"));
        Assert.That(() => rows[1], Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => rows[0][2], Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}

public class ColumnStringSharingTests
{
    [Test]
    public void Repeated_short_values_of_a_column_share_one_string_instance()
    {
        QueryResult result = QueryTestData.ParseText(
            """{"results":[{"statement_id":0,"series":[{"name":"m","columns":["host","id"],"values":[["a","x1"],["b","x2"],["a","x3"],["b","x4"],["a\u0301","x5"]]}]}]}""");

        SeriesRows rows = result.Statements[0].Series[0].Values;
        Assert.That(rows[2][0].AsString(), Is.SameAs(rows[0][0].AsString()));
        Assert.That(rows[3][0].AsString(), Is.SameAs(rows[1][0].AsString()));
        Assert.That(rows[4][0].AsString(), Is.EqualTo("a\u0301"), "an escaped value that starts like a cached one is read in full");
        Assert.That(rows.Select(r => r[1].AsString()), Is.EqualTo(new[] { "x1", "x2", "x3", "x4", "x5" }));
    }
}
