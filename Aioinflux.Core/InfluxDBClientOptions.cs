using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Aioinflux;

/// <summary>
/// How <see cref="InfluxDBClient"/> reaches InfluxDB. The settable properties bind from configuration
/// (<c>"InfluxDB": { "Host": …, "Database": … }</c>); defaults match aioinflux's.
/// </summary>
public sealed class InfluxDBClientOptions
{
    /// <summary>The default value of <see cref="MaxRequestBodyBytes"/>: influxd's default <c>max-body-size</c>.</summary>
    public const long DefaultMaxRequestBodyBytes = 25_000_000;

    /// <summary>The server's host name or address. Default <c>localhost</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>The server's HTTP port. Default 8086.</summary>
    public int Port { get; set; } = 8086;

    /// <summary>
    /// The path InfluxDB's endpoints hang under, for a server behind a reverse proxy that adds a prefix
    /// (such as <c>/influx/</c>). Default <c>/</c>.
    /// </summary>
    public string Path { get; set; } = "/";

    /// <summary>Uses HTTPS. The server's certificate is validated unless <see cref="ServerCertificateValidation"/> says otherwise.</summary>
    public bool Ssl { get; set; }

    /// <summary>The database used when a call names none (aioinflux's <c>db</c>); also settable on the client later.</summary>
    public string? Database { get; set; }

    /// <summary>
    /// The path of influxd's Unix domain socket (<c>unix-socket-enabled</c>, usually <c>/var/run/influxdb.sock</c>).
    /// When set, <see cref="Host"/>, <see cref="Port"/> and <see cref="Ssl"/> are not used to connect.
    /// </summary>
    public string? UnixSocket { get; set; }

    /// <summary>The user name for basic authentication, sent preemptively in a header (never in a URL).</summary>
    public string? Username { get; set; }

    /// <summary>The password for basic authentication.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// A token sent as <c>Authorization: Token …</c> (InfluxDB 1.8+ and 2.x's 1.x compatibility endpoints). Not together
    /// with <see cref="Username"/>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How long one request may take before it fails. Default 100 seconds; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>A PEM or DER file holding the certificate authority that signed the server's certificate (for a private CA or a self-signed server).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The certificate authority that signed the server's certificate (for a private CA or a self-signed server).</summary>
    public X509Certificate2? CaCertificate { get; set; }

    /// <summary>Decides whether the server's certificate is acceptable, replacing the default validation.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>
    /// The most points sent in one write request; a longer sequence is split into several requests. Default 5,000.
    /// </summary>
    public int WriteBatchSize { get; set; } = 5_000;

    /// <summary>
    /// The largest uncompressed body of one write request. A request is cut before a line that would cross it.
    /// Default 25,000,000 bytes, influxd's default <c>max-body-size</c>.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Compresses write requests with gzip by default (each call can still choose). Off by default: on loopback and fast networks it is slower.</summary>
    public bool Gzip { get; set; }

    /// <summary>
    /// Caches the answers of queries that ask for it (<see cref="QueryOptions.UseCache"/>) in Redis, keyed by everything
    /// that changes the answer, including who asks. <see langword="null"/> (the default) for no cache.
    /// </summary>
    public QueryCacheOptions? Cache { get; set; }

    /// <summary>Whether any option that belongs to the <see cref="HttpClient"/> (socket, certificates, timeout) differs from its default.</summary>
    internal bool HasTransportOptions => TransportOptionNames().Any();

    /// <summary>Names the options that belong to the <see cref="HttpClient"/> and are set.</summary>
    internal IEnumerable<string> TransportOptionNames()
    {
        if (UnixSocket is not null)
        {
            yield return nameof(UnixSocket);
        }

        if (CaCertificatePath is not null)
        {
            yield return nameof(CaCertificatePath);
        }

        if (CaCertificate is not null)
        {
            yield return nameof(CaCertificate);
        }

        if (ServerCertificateValidation is not null)
        {
            yield return nameof(ServerCertificateValidation);
        }

        if (Timeout != TimeSpan.FromSeconds(100))
        {
            yield return nameof(Timeout);
        }
    }

    internal InfluxDBClientOptions Clone() => (InfluxDBClientOptions)MemberwiseClone();
}
