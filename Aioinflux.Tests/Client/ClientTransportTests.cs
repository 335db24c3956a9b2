using System.Diagnostics;
using System.Net;
using System.Text;
using Aioinflux.Tests.Generation;
using Aioinflux.Tests.Integration;
using Microsoft.Extensions.Logging;

namespace Aioinflux.Tests.Client;

/// <summary>Connecting: ping, credentials, HTTPS, Unix socket, and the constructor's rules.</summary>
public class ClientTransportTests
{
    private const string Password = "s3cr3t-p@ss";

    private static InfluxServer Server => InfluxFixture.Server;

    private static Trade OneTrade => new(1_700_000_000_000_000_000, "AAPL", Side.Buy, 1.5, 1, "t");

    [Test]
    public async Task Ping_returns_the_server_version_and_build()
    {
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port);

        PingResult ping = await client.PingAsync();
        PingResult blocking = client.Ping();

        Assert.That(ping.Version, Does.StartWith("1.6"));
        Assert.That(ping.Build, Is.EqualTo("OSS"));
        Assert.That(ping.Headers["X-Influxdb-Version"], Is.EqualTo(ping.Version));
        Assert.That(ping.RoundTripTime, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(blocking.Version, Is.EqualTo(ping.Version));
    }

    [Test]
    public async Task Databases_with_spaces_quotes_and_keywords_are_created_and_dropped()
    {
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port);
        string name = "my \"odd\" db's select " + Guid.NewGuid().ToString("N")[..6];

        await client.CreateDatabaseAsync(name);
        await client.WriteAsync(OneTrade, new WriteOptions { Database = name });
        var rows = await Server.SelectAsync(name, "SELECT * FROM trades");
        client.DropDatabase(name);

        Assert.That(rows, Has.Count.EqualTo(1));
        var error = Assert.ThrowsAsync<InfluxDBWriteException>(() => client.WriteAsync(OneTrade, new WriteOptions { Database = name }));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public void A_database_name_influxd_refuses_is_an_error_with_the_servers_text()
    {
        using var client = new InfluxDBClient(host: "127.0.0.1", port: Server.Port);

        var error = Assert.ThrowsAsync<InfluxDBQueryException>(() => client.CreateDatabaseAsync("back\\slash"));

        Assert.That(error!.ServerMessage, Is.EqualTo("invalid name"));
    }

    [Test]
    public async Task Basic_auth_writes_with_the_right_password_and_fails_clearly_with_a_wrong_one_without_leaking_it()
    {
        await using InfluxServer server = await InfluxServer.StartAsync("--auth");
        await server.QueryAsync(null, $"CREATE USER admin WITH PASSWORD '{Password}' WITH ALL PRIVILEGES");
        var log = new CapturingLogger();
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Host = "127.0.0.1", Port = server.Port, Username = "admin", Password = Password }, log);
        await client.CreateDatabaseAsync("secure");
        using var wrong = new InfluxDBClient(new InfluxDBClientOptions { Host = "127.0.0.1", Port = server.Port, Username = "admin", Password = Password + "x", Database = "secure" }, log);

        WriteResult result = await client.WriteAsync(OneTrade, new WriteOptions { Database = "secure" });
        var refused = Assert.ThrowsAsync<InfluxDBWriteException>(() => wrong.WriteAsync(OneTrade));
        var refusedPing = Assert.Throws<InfluxDBException>(() => wrong.CreateDatabase("other"));

        Assert.That(result.PointsWritten, Is.EqualTo(1));
        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refused.Message, Does.Contain("user name and password"));
        string everything = refused + refusedPing!.ToString() + string.Join("\n", log.Lines) + client.Address;
        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + Password));
        Assert.That(everything, Does.Not.Contain(Password).And.Not.Contain(basic).And.Not.Contain("Basic "));
        Assert.That(log.Lines, Is.Not.Empty, "the Debug log has one line per request");
    }

    [Test]
    public async Task A_token_is_sent_as_a_Token_authorization_header_checked_with_a_fake_server_because_influxd_1_6_rejects_tokens()
    {
        int port = ClientWriteTests.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Task<string> answer = Task.Run(async () =>
        {
            HttpListenerContext context = await listener.GetContextAsync();
            string? authorization = context.Request.Headers["Authorization"];
            string? query = context.Request.Url?.Query;
            context.Response.StatusCode = 204;
            context.Response.Close();
            return authorization + " " + query;
        });
        using var client = new InfluxDBClient(host: "127.0.0.1", port: port, database: "db", token: "my-token");

        await client.WriteAsync(OneTrade);

        Assert.That(await answer.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("Token my-token ?db=db&precision=ns"));
    }

    [Test]
    public async Task Https_with_the_servers_own_certificate_as_authority_works_and_an_untrusted_certificate_fails()
    {
        string directory = Directory.CreateTempSubdirectory("aioinflux-tls-").FullName;
        string certificate = Path.Combine(directory, "cert.pem");
        string key = Path.Combine(directory, "key.pem");
        await RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        await using InfluxServer server = await InfluxServer.StartAsync("--https", certificate, key);
        await server.QueryAsync(null, "CREATE DATABASE tls");

        using var trusting = new InfluxDBClient(new InfluxDBClientOptions { Host = "localhost", Port = server.Port, Ssl = true, Database = "tls", CaCertificatePath = certificate });
        using var callback = new InfluxDBClient(new InfluxDBClientOptions { Host = "127.0.0.1", Port = server.Port, Ssl = true, Database = "tls", ServerCertificateValidation = (_, cert, _, _) => cert?.Subject == "CN=localhost" });
        using var untrusting = new InfluxDBClient(new InfluxDBClientOptions { Host = "localhost", Port = server.Port, Ssl = true, Database = "tls" });

        await trusting.WriteAsync(OneTrade);
        callback.Write(OneTrade with { Timestamp = 1 });
        var error = Assert.ThrowsAsync<InfluxDBConnectionException>(() => untrusting.WriteAsync(OneTrade));

        Assert.That(trusting.Address, Does.StartWith("https://"));
        Assert.That(error!.Message, Does.Contain($"https://localhost:{server.Port}/"));
        Assert.That(await server.SelectAsync("tls", "SELECT * FROM trades"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_unix_socket_carries_async_and_blocking_calls()
    {
        await using InfluxServer server = await InfluxServer.StartAsync("--unix-socket");
        using var client = new InfluxDBClient(unixSocket: server.Socket, database: "sock");

        await client.CreateDatabaseAsync("sock");
        await client.WriteAsync(OneTrade);
        client.Write(OneTrade with { Timestamp = 2 });
        PingResult ping = client.Ping();

        Assert.That(client.Address, Is.EqualTo("unix:" + server.Socket));
        Assert.That(ping.Version, Does.StartWith("1.6"));
        Assert.That(await server.SelectAsync("sock", "SELECT * FROM trades"), Has.Count.EqualTo(2));
    }

    [Test]
    public void Transport_options_beside_a_ready_made_HttpClient_are_an_error_not_ignored()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new InfluxDBClient(http, new InfluxDBClientOptions { UnixSocket = "/tmp/x.sock", Timeout = TimeSpan.FromSeconds(5) }));

        Assert.That(error!.Message, Does.Contain("UnixSocket, Timeout"));
    }

    [Test]
    public async Task A_ready_made_HttpClient_is_used_and_left_open()
    {
        var http = new HttpClient();
        string db = await Server.CreateDatabaseAsync("external");
        using (var client = new InfluxDBClient(http, new InfluxDBClientOptions { Host = "127.0.0.1", Port = Server.Port, Database = db }))
        {
            await client.WriteAsync(OneTrade);
        }

        using HttpResponseMessage stillOpen = await http.GetAsync(new Uri($"http://127.0.0.1:{Server.Port}/ping"));
        Assert.That(stillOpen.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        http.Dispose();
    }

    [Test]
    public void Contradictory_credentials_are_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new InfluxDBClient(username: "a", password: "b", token: "c"));
        Assert.Throws<ArgumentException>(() => new InfluxDBClient(password: "b"));
        Assert.Throws<ArgumentException>(() => new InfluxDBClient(port: 0));
    }

    [Test]
    public async Task A_path_prefix_is_kept_in_every_request()
    {
        int port = ClientWriteTests.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/influx/");
        listener.Start();
        Task<string?> path = Task.Run(async () =>
        {
            HttpListenerContext context = await listener.GetContextAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            return context.Request.Url?.AbsolutePath;
        });
        using var client = new InfluxDBClient(host: "127.0.0.1", port: port, path: "influx", database: "db");

        await client.WriteAsync(OneTrade);

        Assert.That(await path.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("/influx/write"));
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, error);
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception) + exception);
            }
        }
    }
}
