using BatchCalling.Contacts;
using BatchCalling.Diagnostics;
using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Throttling;
using BatchCalling.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using System.Net;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace BatchCalling.Hosting;

/// <summary>Wires the batch grains, their options, the dialer and the providers that configuration picks.</summary>
public static class BatchSiloBuilderExtensions
{
    /// <summary>
    /// A silo of the profile configuration picks: its clustering, everything it needs to run batch jobs, trace propagation
    /// and the dashboard's collection.
    /// </summary>
    public static ISiloBuilder AddBatchSilo(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseBatchClustering(configuration).AddBatchCalling(configuration).AddBatchDiagnostics(configuration);

    /// <summary>
    /// Clustering by profile, in service <c>Orleans:ServiceId</c> and cluster <c>Orleans:ClusterId</c>, on ports
    /// <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c>: localhost clustering on the embedded default; Redis
    /// membership in production, advertising <see cref="SiloAddresses.Advertised"/>, named <c>POD_NAME</c> in a pod.
    /// </summary>
    private static ISiloBuilder UseBatchClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var profile = BatchProfile.From(configuration);
        var siloPort = configuration.GetValue("Orleans:SiloPort", 11111);
        var gatewayPort = configuration.GetValue("Orleans:GatewayPort", 30000);
        if (!profile.IsProduction)
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: profile.ServiceId, clusterId: profile.ClusterId);
        }

        var advertised = SiloAddresses.Advertised(configuration);
        if (configuration["POD_NAME"] is { Length: > 0 } podName)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = podName);
        }

        return silo
            .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (profile.ServiceId, profile.ClusterId))
            .ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised))
            .UseRedisClustering(profile.Redis!);
    }

    /// <summary>
    /// Adds everything a silo needs to run batch jobs: grain storage and reminders by profile (memory on the
    /// embedded default; PostgreSQL and Redis in production, the schema applied at start), options, the dialer and webhooks.
    /// </summary>
    public static ISiloBuilder AddBatchCalling(this ISiloBuilder silo, IConfiguration configuration)
    {
        var profile = BatchProfile.From(configuration);
        if (profile.IsProduction)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
                new SchemaMigrator(profile.Postgres!, sp.GetRequiredService<ILogger<SchemaMigrator>>()));
            silo.AddAdoNetGrainStorage(BatchStorage.Name, options => options.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = profile.Postgres;
                // Orleans' own binary format: compact rows, and types named by their [Alias], never by CLR name.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                // An erased job leaves no row behind (a cleared row would keep its key and version).
                o.DeleteStateOnClear = true;
            }));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(profile.Redis!));
        }
        else
        {
            // Orleans' binary format, as in production. The default, Newtonsoft JSON with type names and reference
            // tracking, made a cold detail read of a finished 10,000-contact job (its ten progress chunks) take
            // ~160 ms instead of ~15 ms (docs/benchmarks.md, workload 8), and read a job's retry outcomes back twice.
            silo.AddMemoryGrainStorage(BatchStorage.Name, options => options.Configure<Serializer>((o, serializer) =>
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.UseInMemoryReminderService();
        }

        silo.AddIncomingGrainCallFilter<DependencyFailureFilter>();
        silo.Services.AllowDependencyExceptions();
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(5));

        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BatchMetrics>();
        services.Configure<DispatchOptions>(configuration.GetSection(DispatchOptions.Section));
        services.Configure<ThrottleOptions>(configuration.GetSection(ThrottleOptions.Section));
        services.Configure<SimulatedDialerOptions>(configuration.GetSection(SimulatedDialerOptions.Section));
        services.AddBatchDialers(configuration, profile.IsProduction, profile.AllowPrivateAddresses);
        services.AddBatchWebhooks(configuration, profile.Postgres, profile.AllowPrivateAddresses);
        services.AddContactRecords(profile.Postgres);
        return silo;
    }
}
