using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Throttling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;

namespace BatchCalling.Hosting;

/// <summary>Wires the batch grains, their options, the dialer and the providers that configuration picks.</summary>
public static class BatchSiloBuilderExtensions
{
    /// <summary>
    /// Clustering by configuration. For now localhost clustering (one machine) on <c>Orleans:SiloPort</c> and
    /// <c>Orleans:GatewayPort</c>, in service <c>Orleans:ServiceId</c> and cluster <c>Orleans:ClusterId</c>.
    /// </summary>
    public static ISiloBuilder UseBatchClustering(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseLocalhostClustering(
            configuration.GetValue("Orleans:SiloPort", 11111),
            configuration.GetValue("Orleans:GatewayPort", 30000),
            serviceId: configuration["Orleans:ServiceId"] ?? "batch-calling",
            clusterId: configuration["Orleans:ClusterId"] ?? "embedded");

    /// <summary>
    /// Adds everything a silo needs to run batch jobs. <c>Storage:Provider</c> picks grain storage and reminders:
    /// <c>Memory</c> (the embedded default) keeps both in memory.
    /// </summary>
    public static ISiloBuilder AddBatchCalling(this ISiloBuilder silo, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "Memory";
        if (!provider.Equals("Memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported; use 'Memory'.");
        }

        silo.AddMemoryGrainStorage(BatchStorage.Name);
        silo.UseInMemoryReminderService();
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(5));

        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<DispatchOptions>(configuration.GetSection(DispatchOptions.Section));
        services.Configure<ThrottleOptions>(configuration.GetSection(ThrottleOptions.Section));
        services.Configure<SimulatedDialerOptions>(configuration.GetSection(SimulatedDialerOptions.Section));
        services.TryAddSingleton<DialerRecorder>();
        services.TryAddSingleton<ICallDialer, SimulatedDialer>();
        return silo;
    }
}
