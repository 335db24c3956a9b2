using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Aioinflux;

/// <summary>
/// Reads <see cref="InfluxDBClientOptions"/> from configuration by hand: reflection-free, so trimming and Native AOT keep
/// working, and a malformed value is reported with its key. Certificates and callbacks are code-only options.
/// </summary>
internal static class InfluxDBClientOptionsBinder
{
    public static void Bind(IConfiguration configuration, InfluxDBClientOptions options)
    {
        options.Host = configuration[nameof(options.Host)] ?? options.Host;
        options.Port = Int(configuration, nameof(options.Port)) ?? options.Port;
        options.Path = configuration[nameof(options.Path)] ?? options.Path;
        options.Ssl = Bool(configuration, nameof(options.Ssl)) ?? options.Ssl;
        options.Database = configuration[nameof(options.Database)] ?? options.Database;
        options.UnixSocket = configuration[nameof(options.UnixSocket)] ?? options.UnixSocket;
        options.Username = configuration[nameof(options.Username)] ?? options.Username;
        options.Password = configuration[nameof(options.Password)] ?? options.Password;
        options.Token = configuration[nameof(options.Token)] ?? options.Token;
        options.Timeout = Time(configuration, nameof(options.Timeout)) ?? options.Timeout;
        options.CaCertificatePath = configuration[nameof(options.CaCertificatePath)] ?? options.CaCertificatePath;
        options.WriteBatchSize = Int(configuration, nameof(options.WriteBatchSize)) ?? options.WriteBatchSize;
        options.MaxRequestBodyBytes = Long(configuration, nameof(options.MaxRequestBodyBytes)) ?? options.MaxRequestBodyBytes;
        options.Gzip = Bool(configuration, nameof(options.Gzip)) ?? options.Gzip;
    }

    private static int? Int(IConfiguration configuration, string key)
        => configuration[key] is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Invalid(configuration, key, text, "an integer")
            : null;

    private static long? Long(IConfiguration configuration, string key)
        => configuration[key] is { } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : throw Invalid(configuration, key, text, "an integer")
            : null;

    private static bool? Bool(IConfiguration configuration, string key)
        => configuration[key] is { } text
            ? bool.TryParse(text, out bool value) ? value : throw Invalid(configuration, key, text, "true or false")
            : null;

    private static TimeSpan? Time(IConfiguration configuration, string key)
        => configuration[key] is { } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) ? value : throw Invalid(configuration, key, text, "a time span such as 00:00:30")
            : null;

    private static InvalidOperationException Invalid(IConfiguration configuration, string key, string text, string expected)
    {
        string path = configuration is IConfigurationSection section ? section.Path + ":" + key : key;
        string shown = key.Contains("Password", StringComparison.Ordinal) || key.Contains("Token", StringComparison.Ordinal) ? "(hidden)" : $"'{text}'";
        return new InvalidOperationException($"The configuration value {path} = {shown} is not {expected}.");
    }
}
