using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aioinflux;

/// <summary>Registers <see cref="InfluxDBClient"/> (and optionally a hosted <see cref="BatchWriter"/>) with dependency injection.</summary>
public static class InfluxDBServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client gets from <c>IHttpClientFactory</c>; add your own handlers to it.</summary>
    public const string HttpClientName = "Aioinflux";

    /// <summary>
    /// Registers a singleton <see cref="InfluxDBClient"/> whose options are bound from <paramref name="configuration"/>
    /// (such as <c>builder.Configuration.GetSection("InfluxDB")</c>: <c>{ "Host": …, "Database": … }</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding <see cref="InfluxDBClientOptions"/>.</param>
    /// <param name="configure">Further configuration in code (certificate callbacks, say), applied after binding.</param>
    /// <returns>A builder to configure the named <see cref="HttpClient"/> or add a batching writer.</returns>
    public static InfluxDBClientBuilder AddInfluxDBClient(this IServiceCollection services, IConfiguration configuration, Action<InfluxDBClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        InfluxDBClientBuilder builder = services.AddInfluxDBClient(configure);
        services.AddOptions<InfluxDBClientOptions>().Configure(options => InfluxDBClientOptionsBinder.Bind(configuration, options));
        return builder;
    }

    /// <summary>
    /// Registers a singleton <see cref="InfluxDBClient"/> configured in code. Its <see cref="HttpClient"/> comes from
    /// <c>IHttpClientFactory</c> (named <see cref="HttpClientName"/>), whose primary handler carries the transport options
    /// (Unix socket, certificate authority, validation callback) and whose timeout is <see cref="InfluxDBClientOptions.Timeout"/>;
    /// its logger comes from DI.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder to configure the named <see cref="HttpClient"/> or add a batching writer.</returns>
    public static InfluxDBClientBuilder AddInfluxDBClient(this IServiceCollection services, Action<InfluxDBClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<InfluxDBClientOptions> options = services.AddOptions<InfluxDBClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        IHttpClientBuilder http = services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => Transport.HttpHandlerFactory.Create(provider.GetRequiredService<IOptions<InfluxDBClientOptions>>().Value))
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<InfluxDBClientOptions>>().Value.Timeout);

        services.TryAddSingleton(provider => new InfluxDBClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<InfluxDBClientOptions>>().Value,
            provider.GetService<ILoggerFactory>()?.CreateLogger<InfluxDBClient>(),
            external: false));

        return new InfluxDBClientBuilder(services, http);
    }
}

/// <summary>Configures what <see cref="InfluxDBServiceCollectionExtensions.AddInfluxDBClient(IServiceCollection, Action{InfluxDBClientOptions}?)"/> registered.</summary>
public sealed class InfluxDBClientBuilder
{
    internal InfluxDBClientBuilder(IServiceCollection services, IHttpClientBuilder httpClient)
    {
        Services = services;
        HttpClient = httpClient;
    }

    /// <summary>The services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The named <see cref="System.Net.Http.HttpClient"/>'s builder: add handlers and resilience here. They must support synchronous <c>Send</c> for the blocking methods.</summary>
    public IHttpClientBuilder HttpClient { get; }

    /// <summary>
    /// Registers a singleton <see cref="BatchWriter"/> created from the client, run as a hosted service that writes what is
    /// buffered when the host stops.
    /// </summary>
    /// <param name="configure">Configures the writer's options.</param>
    /// <returns>This builder.</returns>
    public InfluxDBClientBuilder AddBatchWriter(Action<BatchWriterOptions>? configure = null)
    {
        OptionsBuilder<BatchWriterOptions> options = Services.AddOptions<BatchWriterOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        Services.TryAddSingleton(provider => provider.GetRequiredService<InfluxDBClient>()
            .CreateBatchWriter(provider.GetRequiredService<IOptions<BatchWriterOptions>>().Value));
        Services.AddHostedService<BatchWriterHostedService>();
        return this;
    }
}

/// <summary>Stops the <see cref="BatchWriter"/> with the host, writing what is buffered within the host's shutdown timeout.</summary>
internal sealed class BatchWriterHostedService(BatchWriter writer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => writer.StopAsync(cancellationToken);
}
