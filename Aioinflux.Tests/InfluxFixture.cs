using Aioinflux.Tests.Integration;

namespace Aioinflux.Tests;

/// <summary>One influxd for every integration test of the run (in every namespace under this one); each test uses its own database.</summary>
[SetUpFixture]
public sealed class InfluxFixture
{
    private static InfluxServer? _server;

    public static InfluxServer Server => _server ?? throw new InvalidOperationException("influxd was not started.");

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await InfluxServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
