using System.Diagnostics.CodeAnalysis;

namespace Vendor.Telemetry;

// Stands in for types of another assembly (a vendor SDK): the schema classes map them without changing them.

/// <summary>A vendor's reading, mapped by the [LineProtocolSchema] classes of the walkthrough.</summary>
[SuppressMessage("Design", "CA1044", Justification = "A set-only property is one of the mistakes mapped.")]
public class Reading
{
    private readonly double _raw;

    public Reading(double raw) => _raw = raw;

    public string Device { get; set; } = "";
    public string? Site { get; set; }
    public double? Celsius { get; set; }
    public int Fan { get; set; }
    public DateTime At { get; set; }
    public long Stamp { get; set; }
    public string? Iso { get; set; }
    public bool Healthy { get; set; }
    public List<int> Samples { get; } = [];
    public Location Where { get; set; }
    public double WriteOnly { set => _ = value; }
    public static double Shared { get; set; }
    public double Offset { private get; set; }
    protected double Calibration { get; set; }
    public string time { get; set; } = "";
    public double Fahrenheit => _raw * 9 / 5 + 32 + Offset + Calibration;
    public double Read() => _raw;
}

/// <summary>A struct of the vendor's: neither a tag nor a field value.</summary>
public struct Location
{
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}

/// <summary>A type the walkthrough's assembly does not export.</summary>
internal sealed class Hidden
{
    public double Value { get; set; }
}

/// <summary>An interface: no members to read.</summary>
public interface IReading
{
    double Value { get; }
}

/// <summary>A generic type, mapped open by mistake.</summary>
public sealed class Envelope<T>
{
    public string Source { get; set; } = "";
    public T? Body { get; set; }
    public double Size { get; set; }
}
