using System.Text.Json;
using Aioinflux.Tests.Integration;
using Aioinflux.Tests.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aioinflux.Tests.Hosting;

/// <summary><c>AddInfluxDBClient</c> in a generic host, configured from configuration as an application would be.</summary>
public class HostingTests
{
    private static InfluxServer Server => InfluxFixture.Server;

    [Test]
    [CancelAfter(60_000)]
    public async Task The_client_and_a_hosted_batch_writer_come_from_configuration_and_the_writer_flushes_on_shutdown(CancellationToken cancellationToken)
    {
        string db = await Server.CreateDatabaseAsync("hosted");
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InfluxDB:Host"] = "127.0.0.1",
            ["InfluxDB:Port"] = Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["InfluxDB:Database"] = db,
            ["InfluxDB:Timeout"] = "00:00:20",
        });
        builder.Services.AddInfluxDBClient(builder.Configuration.GetSection("InfluxDB"))
            .AddBatchWriter(options => options.FlushInterval = TimeSpan.FromMinutes(5));

        using (IHost host = builder.Build())
        {
            await host.StartAsync(cancellationToken);
            var client = host.Services.GetRequiredService<InfluxDBClient>();
            var writer = host.Services.GetRequiredService<BatchWriter>();
            Assert.That(client.Database, Is.EqualTo(db));
            Assert.That((await client.PingAsync(cancellationToken)).Version, Does.StartWith("1.6"));
            for (int i = 0; i < 123; i++)
            {
                await writer.WriteAsync(new Tick("hosted", i, 1_600_000_000_000_000_000 + i), cancellationToken);
            }

            await host.StopAsync(cancellationToken);
        }

        List<Dictionary<string, JsonElement>> rows = await Server.SelectAsync(db, "SELECT count(Seq) FROM ticks");
        Assert.That(rows.Single()["count"].GetInt64(), Is.EqualTo(123), "the hosted writer flushed what it buffered when the host stopped");
    }

    [Test]
    public void A_malformed_configuration_value_names_its_key()
    {
        var services = new ServiceCollection();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["InfluxDB:Port"] = "eighty" }).Build();
        services.AddInfluxDBClient(configuration.GetSection("InfluxDB"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<InfluxDBClient>());

        Assert.That(error!.Message, Does.Contain("InfluxDB:Port").And.Contain("eighty"));
    }
}
