using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Aioinflux.Transport;

/// <summary>Builds the <see cref="SocketsHttpHandler"/> for the transport options: Unix socket, certificate authority, validation.</summary>
public static class HttpHandlerFactory
{
    /// <summary>
    /// Creates a handler configured by <paramref name="options"/>' transport settings. <c>AddInfluxDBClient</c> uses it
    /// as the primary handler of the named <see cref="HttpClient"/>; it is public for users who build their own clients.
    /// </summary>
    /// <param name="options">The client options.</param>
    /// <returns>A new handler.</returns>
    public static SocketsHttpHandler Create(InfluxDBClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            // Picks up DNS changes of a long-lived client, as IHttpClientFactory would.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };

        if (options.UnixSocket is { } socketPath)
        {
            var endPoint = new UnixDomainSocketEndPoint(socketPath);
            handler.ConnectCallback = (_, _) => ConnectUnixSocket(endPoint);
        }

        X509Certificate2? authority = options.CaCertificate ?? LoadCertificateAuthority(options.CaCertificatePath);
        if (authority is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust };
            policy.CustomTrustStore.Add(authority);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        if (options.ServerCertificateValidation is { } validation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        }

        return handler;
    }

    /// <summary>
    /// Connects synchronously: connecting to a local socket does not block in practice, and completing at once keeps the
    /// blocking API (<see cref="HttpClient.Send(HttpRequestMessage)"/>) free of sync-over-async.
    /// </summary>
    private static ValueTask<Stream> ConnectUnixSocket(UnixDomainSocketEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(endPoint);
            return ValueTask.FromResult<Stream>(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static X509Certificate2? LoadCertificateAuthority(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            string text = File.ReadAllText(path);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"The certificate authority file '{path}' (InfluxDBClientOptions.CaCertificatePath) cannot be read as a PEM or DER certificate: {e.Message}", nameof(path), e);
        }
    }
}
