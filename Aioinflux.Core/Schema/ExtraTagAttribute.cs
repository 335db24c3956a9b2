namespace Aioinflux;

/// <summary>
/// A constant tag written on every point of a <see cref="LineProtocolAttribute"/> type or
/// <see cref="LineProtocolSchemaAttribute"/> schema, after its own tags (aioinflux's <c>extra_tags</c>). The key and value are escaped once, at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = true)]
public sealed class ExtraTagAttribute : Attribute
{
    /// <summary>Creates a constant tag.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    public ExtraTagAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The tag key.</summary>
    public string Key { get; }

    /// <summary>The tag value.</summary>
    public string Value { get; }
}
