using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BatchCalling.Bench;

/// <summary>An Orleans client of the deployment, to count grain activations by type through the management grain and to time grain calls.</summary>
public sealed class ClusterProbe : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterProbe(IHost host) => _host = host;

    /// <summary>The cluster's grains, as a client calls them.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    private IManagementGrain Management => Grains.GetGrain<IManagementGrain>(0);

    public static async Task<ClusterProbe> ConnectAsync(Deployment deployment)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            if (deployment.Production)
            {
                client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (deployment.ServiceId, deployment.ServiceId))
                    .UseRedisClustering(Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? throw new InvalidOperationException("ConnectionStrings__Redis is not set."));
            }
            else
            {
                client.UseLocalhostClustering(deployment.GatewayPort, deployment.ServiceId, deployment.ServiceId);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterProbe(host);
    }

    /// <summary>Activations across the cluster whose grain type name contains <paramref name="grainClass"/>.</summary>
    public async Task<int> ActivationsAsync(string grainClass)
    {
        var statistics = await Management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(grainClass, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>Waits until <paramref name="count"/> silos are active members of the cluster.</summary>
    public async Task WaitForSilosAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await Management.GetHosts(onlyActive: true)).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} silos joined the cluster.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Deactivates every idle activation in the cluster; returns how many of <paramref name="grainClass"/> remain.</summary>
    public async Task<int> CollectAsync(string grainClass)
    {
        await Management.ForceActivationCollection(TimeSpan.Zero);
        return await ActivationsAsync(grainClass);
    }

    /// <summary>Deactivates every idle grain, so that the next read of a job activates it from storage.</summary>
    public async Task CollectJobsAsync()
    {
        if (await CollectAsync("BatchJobGrain") is var left and > 0)
        {
            throw new InvalidOperationException($"{left} job grains are still active after a forced collection.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
