using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Aioinflux.Logging;
using Aioinflux.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aioinflux;

/// <summary>
/// An InfluxDB 1.x client (aioinflux's <c>InfluxDBClient</c>): ping, write every kind of point, query. Thread-safe;
/// create one per server and keep it, as with <see cref="HttpClient"/>. Every method has a blocking twin
/// (<see cref="Ping"/>, <c>Write</c>, <c>Query</c>) that uses <see cref="HttpClient.Send(HttpRequestMessage)"/>, never
/// sync-over-async.
/// </summary>
public sealed partial class InfluxDBClient : IDisposable, IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly InfluxDBClientOptions _options;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly ILogger _logger;
    private readonly Uri _baseAddress;
    private volatile string? _database;

    /// <summary>Creates a client that owns its connection pool, configured by <paramref name="options"/>.</summary>
    /// <param name="options">Where and how to connect. The client keeps a copy.</param>
    /// <param name="logger">Receives one Debug line per request (never a credential); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The options contradict each other (such as a user name and a token).</exception>
    public InfluxDBClient(InfluxDBClientOptions options, ILogger? logger = null)
        : this(null, options, logger, external: false)
    {
    }

    /// <summary>
    /// Creates a client over an existing <see cref="HttpClient"/> (from <c>IHttpClientFactory</c>, say). Transport settings
    /// (Unix socket, certificates, timeout) then belong to that client's handler, and setting them in
    /// <paramref name="options"/> as well is an error rather than a silent ignore. Credentials still come from the options.
    /// The client does not dispose <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">The client to send requests with. Handlers added to it must support synchronous <c>Send</c> for the blocking methods.</param>
    /// <param name="options">Where and how to connect.</param>
    /// <param name="logger">Receives one Debug line per request; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A transport option is set in <paramref name="options"/>, or the options contradict each other.</exception>
    public InfluxDBClient(HttpClient httpClient, InfluxDBClientOptions options, ILogger? logger = null)
        : this(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), options, logger, external: true)
    {
    }

    /// <summary>Creates a client with aioinflux's constructor parameters.</summary>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The server's HTTP port.</param>
    /// <param name="path">The path the endpoints hang under (for a reverse proxy's prefix).</param>
    /// <param name="ssl">Uses HTTPS, validating the server's certificate.</param>
    /// <param name="database">The database used when a call names none.</param>
    /// <param name="username">The user name for basic authentication.</param>
    /// <param name="password">The password for basic authentication.</param>
    /// <param name="token">A token for <c>Authorization: Token</c> (InfluxDB 1.8+, 2.x).</param>
    /// <param name="unixSocket">The path of influxd's Unix domain socket, instead of host and port.</param>
    /// <param name="timeout">How long one request may take; <see langword="null"/> for 100 seconds.</param>
    /// <param name="logger">Receives one Debug line per request; <see langword="null"/> for none.</param>
    public InfluxDBClient(
        string host = "localhost",
        int port = 8086,
        string path = "/",
        bool ssl = false,
        string? database = null,
        string? username = null,
        string? password = null,
        string? token = null,
        string? unixSocket = null,
        TimeSpan? timeout = null,
        ILogger? logger = null)
        : this(new InfluxDBClientOptions
        {
            Host = host,
            Port = port,
            Path = path,
            Ssl = ssl,
            Database = database,
            Username = username,
            Password = password,
            Token = token,
            UnixSocket = unixSocket,
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        }, logger)
    {
    }

    /// <summary>
    /// The one constructor that does the work. <paramref name="external"/> rejects transport options beside a ready-made
    /// <see cref="HttpClient"/>; <c>AddInfluxDBClient</c> passes <see langword="false"/> with its named client, whose handler
    /// already carries them.
    /// </summary>
    internal InfluxDBClient(HttpClient? httpClient, InfluxDBClientOptions options, ILogger? logger, bool external)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        Validate(_options, external);
        _authorization = CreateAuthorization(_options);
        _logger = logger ?? NullLogger.Instance;
        _database = _options.Database;
        _baseAddress = CreateBaseAddress(_options);
        Address = _options.UnixSocket is { } socket ? $"unix:{socket}" : _baseAddress.ToString();

        if (_options.Cache is { } cacheOptions)
        {
            if (httpClient is not null && _authorization is null && cacheOptions.Identity is null)
            {
                throw new ArgumentException(
                    "Query caching is on with a ready-made HttpClient and no user name or token in the options, so the client cannot tell whose answers it caches. Set QueryCacheOptions.Identity to a name for the identity that HttpClient authenticates as (it is hashed into every cache key).",
                    nameof(options));
            }

            Cache = new Caching.QueryCache(cacheOptions, _logger);
            CacheIdentity = Cache.HashIdentity(_options.Username, _options.Token);
        }

        if (httpClient is null)
        {
            _http = new HttpClient(HttpHandlerFactory.Create(_options), disposeHandler: true) { Timeout = _options.Timeout };
            _ownsHttpClient = true;
        }
        else
        {
            _http = httpClient;
        }
    }

    /// <summary>Counters of the query cache (hits, misses, stores, skipped, errors); all zero without a cache.</summary>
    public QueryCacheStatistics CacheStatistics => Cache?.Statistics ?? new QueryCacheStatistics(0, 0, 0, 0, 0);

    internal Caching.QueryCache? Cache { get; }

    /// <summary>A hash of who the client authenticates as, for cache keys; never the credential itself.</summary>
    internal string? CacheIdentity { get; }

    /// <summary>Deletes every cached answer under the cache's key prefix, and nothing else in Redis (aioinflux says <c>redis-cli flushdb</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of entries deleted.</returns>
    /// <exception cref="InvalidOperationException">The client has no cache (<see cref="InfluxDBClientOptions.Cache"/>).</exception>
    public Task<long> ClearCacheAsync(CancellationToken cancellationToken = default)
        => (Cache ?? throw NoCache()).ClearAsync(cancellationToken);

    /// <summary>The blocking form of <see cref="ClearCacheAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of entries deleted.</returns>
    public long ClearCache(CancellationToken cancellationToken = default)
        => (Cache ?? throw NoCache()).Clear(cancellationToken);

    private static InvalidOperationException NoCache()
        => new("This client has no query cache. Set InfluxDBClientOptions.Cache to cache queries in Redis.");

    /// <summary>
    /// The database used when a call names none (aioinflux's <c>db</c>). Can be changed at any time; calls already
    /// running keep the database they started with.
    /// </summary>
    public string? Database
    {
        get => _database;
        set => _database = value;
    }

    /// <summary>The server's address, for messages: <c>http://localhost:8086/</c> or <c>unix:/path/to.sock</c>. Never holds credentials.</summary>
    public string Address { get; }

    /// <summary>Checks that the server answers, and returns its version and build (aioinflux's <c>ping</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The server's version, build and headers, and the round-trip time.</returns>
    /// <exception cref="InfluxDBConnectionException">The server cannot be reached or did not answer in time.</exception>
    /// <exception cref="InfluxDBException">The server answered with an error.</exception>
    public async Task<PingResult> PingAsync(CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = CreateRequest(HttpMethod.Get, "ping");
        long started = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await SendAsync(request, "ping", null, cancellationToken).ConfigureAwait(false);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
        {
            string body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw ExceptionFactory.RequestFailed(response.StatusCode, body, "a ping");
        }

        return CreatePingResult(response, elapsed);
    }

    /// <summary>The blocking form of <see cref="PingAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The server's version, build and headers, and the round-trip time.</returns>
    public PingResult Ping(CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = CreateRequest(HttpMethod.Get, "ping");
        long started = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = Send(request, "ping", null, cancellationToken);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
        {
            throw ExceptionFactory.RequestFailed(response.StatusCode, ReadErrorBody(response), "a ping");
        }

        return CreatePingResult(response, elapsed);
    }

    /// <summary>Creates a database (<c>CREATE DATABASE</c>), with its name quoted; succeeds if it exists.</summary>
    /// <param name="name">The database's name; any characters but a line break.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the database exists.</returns>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
        => QueryAsync("CREATE DATABASE " + InfluxQL.QuoteIdentifier(name), NoDatabase, cancellationToken);

    /// <summary>The blocking form of <see cref="CreateDatabaseAsync"/>.</summary>
    /// <param name="name">The database's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public void CreateDatabase(string name, CancellationToken cancellationToken = default)
        => Query("CREATE DATABASE " + InfluxQL.QuoteIdentifier(name), NoDatabase, cancellationToken);

    /// <summary>Drops a database and all its data (<c>DROP DATABASE</c>), with its name quoted; succeeds if it does not exist.</summary>
    /// <param name="name">The database's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the database is gone.</returns>
    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
        => QueryAsync("DROP DATABASE " + InfluxQL.QuoteIdentifier(name), NoDatabase, cancellationToken);

    /// <summary>The blocking form of <see cref="DropDatabaseAsync"/>.</summary>
    /// <param name="name">The database's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public void DropDatabase(string name, CancellationToken cancellationToken = default)
        => Query("DROP DATABASE " + InfluxQL.QuoteIdentifier(name), NoDatabase, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Cache?.Dispose();
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Cache is not null)
        {
            await Cache.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    internal string ResolveDatabase(string? database)
        => database ?? _database ?? throw new InvalidOperationException(
            "No database was given: set InfluxDBClient.Database (or InfluxDBClientOptions.Database), or pass one to this call.");

    internal HttpRequestMessage CreateRequest(HttpMethod method, string relativeUri, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseAddress, relativeUri)) { Content = content };
        request.Headers.Authorization = _authorization;
        return request;
    }

    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string endpoint, string? stored, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            LogResponse(request, endpoint, response, started);
            return response;
        }
        catch (Exception e) when (TranslateTransportFailure(e, request, endpoint, stored, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    internal HttpResponseMessage Send(HttpRequestMessage request, string endpoint, string? stored, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            HttpResponseMessage response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            LogResponse(request, endpoint, response, started);
            return response;
        }
        catch (Exception e) when (TranslateTransportFailure(e, request, endpoint, stored, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    internal static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }

    internal static string ReadErrorBody(HttpResponseMessage response)
    {
        try
        {
            using Stream stream = response.Content.ReadAsStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }

    private void LogResponse(HttpRequestMessage request, string endpoint, HttpResponseMessage response, long started)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.Request(_logger, request.Method.Method, endpoint, request.Content?.Headers.ContentLength, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private Exception? TranslateTransportFailure(Exception exception, HttpRequestMessage request, string endpoint, string? stored, CancellationToken cancellationToken)
    {
        if (FindInChain<SourceStreamException>(exception) is { } source)
        {
            return new InfluxDBWriteException(
                $"Reading the line protocol stream failed part-way: {source.InnerException!.Message} The request was aborted before it completed, so InfluxDB stored none of it. {stored}",
                source.InnerException);
        }

        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null;
            case TaskCanceledException:
                return ExceptionFactory.TimedOut(Address, _http.Timeout, exception, stored);
            case HttpRequestException http:
                Log.TransportFailed(_logger, exception, request.Method.Method, endpoint, Address);
                return ExceptionFactory.TransportFailed(Address, http, stored);
            default:
                return null;
        }
    }

    private static T? FindInChain<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Database statements name their database in the text; sending the client's database as well is harmless but misleading.</summary>
    private static QueryOptions NoDatabase { get; } = new() { Database = string.Empty };

    private static PingResult CreatePingResult(HttpResponseMessage response, TimeSpan elapsed)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, IEnumerable<string> values) in response.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        headers.TryGetValue("X-Influxdb-Version", out string? version);
        headers.TryGetValue("X-Influxdb-Build", out string? build);
        return new PingResult(version, build, elapsed, headers);
    }

    private static void Validate(InfluxDBClientOptions options, bool external)
    {
        if (external && options.HasTransportOptions)
        {
            throw new ArgumentException(
                $"The options set {string.Join(", ", options.TransportOptionNames())}, which belong to the HttpClient's handler, but a ready-made HttpClient was given, so they would be ignored. Configure them on that HttpClient (or its primary handler: HttpHandlerFactory.Create(options) builds one), or let InfluxDBClient create its own.",
                nameof(options));
        }

        if (options.Token is not null && (options.Username is not null || options.Password is not null))
        {
            throw new ArgumentException("Both a token and a user name or password are set; InfluxDB takes one way of authenticating. Set either Token or Username and Password.", nameof(options));
        }

        if (options.Password is not null && options.Username is null)
        {
            throw new ArgumentException("A password is set without a user name. Set InfluxDBClientOptions.Username too.", nameof(options));
        }

        if (options.Port is <= 0 or > 65535)
        {
            throw new ArgumentException($"The port {options.Port.ToString(CultureInfo.InvariantCulture)} is not a TCP port; use 1 to 65535 (influxd's default is 8086).", nameof(options));
        }

        if (options.WriteBatchSize <= 0)
        {
            throw new ArgumentException("WriteBatchSize must be at least 1 point per request.", nameof(options));
        }

        if (options.MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("MaxRequestBodyBytes must be at least 1024 bytes (influxd's max-body-size default is 25,000,000).", nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("Timeout must be positive, or Timeout.InfiniteTimeSpan for none.", nameof(options));
        }
    }

    private static AuthenticationHeaderValue? CreateAuthorization(InfluxDBClientOptions options)
    {
        if (options.Token is { } token)
        {
            return new AuthenticationHeaderValue("Token", token);
        }

        if (options.Username is { } username)
        {
            // Preemptive: a streamed body cannot be replayed after a 401 challenge, so HttpClient credentials would not do.
            string pair = username + ":" + (options.Password ?? string.Empty);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        return null;
    }

    private static Uri CreateBaseAddress(InfluxDBClientOptions options)
    {
        string path = options.Path;
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        if (!path.EndsWith('/'))
        {
            path += "/";
        }

        // A Unix socket needs some authority for the request line; InfluxDB ignores it.
        string host = options.UnixSocket is null ? options.Host : "localhost";
        var builder = new UriBuilder(options.Ssl && options.UnixSocket is null ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, host, options.Port, path);
        return builder.Uri;
    }
}
