using Aioinflux.Serialization;

namespace Aioinflux.Tests.Query;

public class InfluxValueTests
{
    [Test]
    public void Each_kind_round_trips_through_its_accessor()
    {
        Assert.That(InfluxValue.FromInteger(long.MinValue).AsLong(), Is.EqualTo(long.MinValue));
        Assert.That(InfluxValue.FromFloat(double.NaN).AsDouble(), Is.NaN);
        Assert.That(InfluxValue.FromString("é").AsString(), Is.EqualTo("é"));
        Assert.That(InfluxValue.FromBoolean(true).AsBool(), Is.True);
        Assert.That(InfluxValue.FromBoolean(false).AsBool(), Is.False);
        Assert.That(InfluxValue.Null.IsNull, Is.True);
        Assert.That(InfluxValue.FromString(null).IsNull, Is.True);
        Assert.That(default(InfluxValue).Kind, Is.EqualTo(InfluxValueKind.Null));
    }

    [Test]
    public void Kinds_are_reported()
    {
        Assert.That(new InfluxValue[] { 1L, 1.0, "1", true, InfluxValue.Null }.Select(v => v.Kind), Is.EqualTo(new[]
        {
            InfluxValueKind.Integer, InfluxValueKind.Float, InfluxValueKind.String, InfluxValueKind.Boolean, InfluxValueKind.Null,
        }));
        Assert.That(InfluxValue.FromInteger(1).IsNumber && InfluxValue.FromFloat(1).IsNumber, Is.True);
        Assert.That(InfluxValue.FromString("1").IsNumber, Is.False);
    }

    [Test]
    public void Integers_widen_to_double_but_floats_do_not_narrow_to_long()
    {
        Assert.That(InfluxValue.FromInteger(9_007_199_254_740_993).AsDouble(), Is.EqualTo(9_007_199_254_740_992.0));
        Assert.That(InfluxValue.FromFloat(3.0).TryGetLong(out _), Is.False);
        Assert.That(() => InfluxValue.FromFloat(3.0).AsLong(), Throws.InvalidOperationException.With.Message.Contains("a Float, not an Integer"));
    }

    [Test]
    public void Wrong_accessor_says_what_the_value_is()
    {
        Assert.That(() => InfluxValue.FromString("x").AsDouble(), Throws.InvalidOperationException.With.Message.Contains("x is a String"));
        Assert.That(() => InfluxValue.Null.AsString(), Throws.InvalidOperationException.With.Message.Contains("Null"));
        Assert.That(() => InfluxValue.FromInteger(1).AsBool(), Throws.InvalidOperationException);
    }

    [Test]
    public void TryGet_methods_report_without_throwing()
    {
        Assert.That(InfluxValue.FromInteger(5).TryGetDouble(out double widened) && widened == 5.0, Is.True);
        Assert.That(InfluxValue.FromString("s").TryGetString(out string? text) && text == "s", Is.True);
        Assert.That(InfluxValue.FromBoolean(true).TryGetBool(out bool flag) && flag, Is.True);
        Assert.That(InfluxValue.Null.TryGetDouble(out _), Is.False);
        Assert.That(InfluxValue.FromFloat(1).TryGetString(out _), Is.False);
    }

    [Test]
    public void Equality_is_by_kind_and_value()
    {
        InfluxValue three = InfluxValue.FromInteger(3);
        Assert.That(three, Is.EqualTo(InfluxValue.FromInteger(1 + 2)));
        Assert.That(InfluxValue.FromInteger(3), Is.Not.EqualTo(InfluxValue.FromFloat(3.0)));
        Assert.That(InfluxValue.FromFloat(double.NaN), Is.EqualTo(InfluxValue.FromFloat(0.0 / 0.0)));
        Assert.That(InfluxValue.FromString(new string('a', 3)), Is.EqualTo(InfluxValue.FromString("aaa")));
        Assert.That(InfluxValue.FromString("1"), Is.Not.EqualTo(InfluxValue.FromInteger(1)));
        Assert.That(InfluxValue.FromBoolean(true) == InfluxValue.FromBoolean(true), Is.True);
        Assert.That(InfluxValue.FromBoolean(true) != InfluxValue.FromInteger(1), Is.True);
        Assert.That(InfluxValue.Null, Is.EqualTo(default(InfluxValue)));
        Assert.That(InfluxValue.FromFloat(0.5).GetHashCode(), Is.EqualTo(InfluxValue.FromFloat(1 / 2.0).GetHashCode()));
        Assert.That(InfluxValue.FromString("k").GetHashCode(), Is.EqualTo(InfluxValue.FromString(new string('k', 1)).GetHashCode()));
    }

    [Test]
    public void ToString_uses_the_invariant_culture_and_round_trips_floats()
    {
        Assert.That(InfluxValue.FromFloat(0.1).ToString(), Is.EqualTo("0.1"));
        Assert.That(InfluxValue.FromFloat(1e20).ToString(), Is.EqualTo("1E+20"));
        Assert.That(InfluxValue.FromInteger(-5).ToString(), Is.EqualTo("-5"));
        Assert.That(InfluxValue.FromBoolean(false).ToString(), Is.EqualTo("false"));
        Assert.That(InfluxValue.Null.ToString(), Is.EqualTo("null"));
        Assert.That(InfluxValue.FromString("text").ToString(), Is.EqualTo("text"));
    }

    [Test]
    public void Time_reads_from_integers_in_any_epoch_and_from_rfc3339()
    {
        Assert.That(InfluxValue.FromInteger(1_439_856_000).ToNanoseconds(WritePrecision.Seconds), Is.EqualTo(1_439_856_000_000_000_000L));
        Assert.That(InfluxValue.FromInteger(24_000_000).ToNanoseconds(WritePrecision.Minutes), Is.EqualTo(1_440_000_000_000_000_000L));
        Assert.That(InfluxValue.FromInteger(42).ToNanoseconds(), Is.EqualTo(42L), "no epoch: nanoseconds");
        Assert.That(InfluxValue.FromString("2015-08-18T00:06:00.123456789Z").ToNanoseconds(), Is.EqualTo(1_439_856_360_123_456_789L));
        Assert.That(InfluxValue.FromString("1677-09-21T00:12:43.145224194Z").ToNanoseconds(), Is.EqualTo(LineProtocolTime.MinNanoseconds));
        Assert.That(InfluxValue.FromString("2015-08-18T00:00:00Z").ToDateTime(), Is.EqualTo(new DateTime(2015, 8, 18, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void Time_that_is_not_a_time_fails_clearly()
    {
        Assert.That(InfluxValue.FromInteger(long.MaxValue).TryGetNanoseconds(WritePrecision.Milliseconds, out _), Is.False, "overflow");
        Assert.That(InfluxValue.FromFloat(1.5).TryGetNanoseconds(null, out _), Is.False);
        Assert.That(() => InfluxValue.FromString("yesterday").ToNanoseconds(), Throws.TypeOf<FormatException>().With.Message.Contains("yesterday"));
        Assert.That(() => InfluxValue.Null.ToDateTime(), Throws.TypeOf<FormatException>());
    }
}
