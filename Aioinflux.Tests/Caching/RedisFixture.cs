using StackExchange.Redis;

namespace Aioinflux.Tests.Caching;

/// <summary>One redis-server for the cache tests that do not stop it; each test keeps to its own key prefix.</summary>
[SetUpFixture]
public sealed class RedisFixture
{
    private static RedisServer? _server;
    private static ConnectionMultiplexer? _inspector;

    public static RedisServer Server => _server ?? throw new InvalidOperationException("redis-server was not started.");

    /// <summary>The tests' own connection, to look at and tamper with what the cache wrote.</summary>
    public static IDatabase Inspector => (_inspector ?? throw new InvalidOperationException("redis-server was not started.")).GetDatabase();

    public static IServer InspectorServer => _inspector!.GetServers()[0];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await RedisServer.StartAsync();
        _inspector = await ConnectionMultiplexer.ConnectAsync(_server.Configuration);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_inspector is not null)
        {
            await _inspector.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
