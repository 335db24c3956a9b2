using System.Runtime.CompilerServices;

namespace Aioinflux.Serialization;

/// <summary>
/// Validates and escapes a tag or field key known only at run time into the <c>key=</c> form <see cref="LineBuilder"/>
/// takes, by the rules the generator applies to keys at compile time (AIO009, AIO011).
/// </summary>
internal static class DynamicKeys
{
    public const string TagKeyRole = "tag key";
    public const string FieldKeyRole = "field key";

    /// <summary>An upper bound of the bytes <see cref="Write"/> writes for <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MaxLength(string? key) => LineProtocolSyntax.MaxEscapedLength(key) + 1;

    /// <summary>Writes <paramref name="key"/> escaped for <paramref name="element"/>, then <c>=</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="element"><see cref="LineProtocolElement.TagKey"/> or <see cref="LineProtocolElement.FieldKey"/>.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="pointType">The point's kind, for error messages.</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="LineProtocolException">The key is empty, <c>time</c>, or cannot be written.</exception>
    public static int Write(string? key, LineProtocolElement element, Span<byte> destination, string pointType)
    {
        string role = element == LineProtocolElement.TagKey ? TagKeyRole : FieldKeyRole;
        if (string.IsNullOrEmpty(key))
        {
            DynamicPointThrow.EmptyKey(pointType, role);
        }

        if (key == "time")
        {
            LineProtocolThrow.ReservedKey(pointType, key, role);
        }

        LineProtocolTextError error = LineProtocolSyntax.TryWriteEscaped(key, element, destination, out int written);
        if (error != LineProtocolTextError.None)
        {
            DynamicPointThrow.InvalidKey(pointType, key, role, error);
        }

        destination[written] = (byte)'=';
        return written + 1;
    }

    /// <summary>
    /// The text of an enum value as the generated writers write it: the member's name when the value is a defined
    /// member, its number otherwise (so a combination of flags without a name of its own is a number, never "A, B").
    /// </summary>
    public static string EnumText(Enum value)
        => Enum.IsDefined(value.GetType(), value) ? value.ToString() : value.ToString("D");

    /// <inheritdoc cref="EnumText(Enum)"/>
    public static string EnumText<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => Enum.IsDefined(value) ? value.ToString() : value.ToString("D");
}
