namespace Aioinflux.Generators;

/// <summary>Names of the incremental pipeline's steps, so that tests can check what was cached.</summary>
public static class TrackingNames
{
    /// <summary>The step that turns <c>[LineProtocol]</c> types into specs.</summary>
    public const string LineProtocolSpecs = nameof(LineProtocolSpecs);

    /// <summary>The step that turns <c>[LineProtocolSchema]</c> classes into specs.</summary>
    public const string LineProtocolSchemaSpecs = nameof(LineProtocolSchemaSpecs);
}
