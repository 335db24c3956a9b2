namespace Aioinflux;

/// <summary>
/// Marks a <c>partial</c> class, record, struct or record struct whose instances are InfluxDB points.
/// The Aioinflux source generator implements <see cref="ILineProtocolPoint"/> for it at compile time,
/// from the members marked <see cref="TagAttribute"/>, <see cref="FieldAttribute"/>,
/// <see cref="MeasurementAttribute"/> and at most one time attribute
/// (<see cref="TimeIntAttribute"/>, <see cref="TimeStrAttribute"/>, <see cref="TimeDateTimeAttribute"/>).
/// </summary>
/// <remarks>This is aioinflux's <c>@lineprotocol</c> decorator.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class LineProtocolAttribute : Attribute
{
    /// <summary>
    /// The measurement every point of this type is written to. Defaults to the type's name.
    /// A member marked <see cref="MeasurementAttribute"/> overrides it per point.
    /// </summary>
    public string? Measurement { get; set; }

    /// <summary>
    /// When <see langword="true"/>, a point whose fields are all <see langword="null"/> is written with the
    /// single field <c>_=true</c> instead of being rejected (aioinflux's <c>placeholder</c>).
    /// </summary>
    public bool Placeholder { get; set; }
}
