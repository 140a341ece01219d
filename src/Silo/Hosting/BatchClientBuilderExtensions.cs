using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace BatchCalling.Hosting;

/// <summary>How a separate process (the production gateway) joins the cluster as an Orleans client.</summary>
public static class BatchClientBuilderExtensions
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the client rereads the gateway list, and so how long it shuns a gateway it once failed to reach.
    /// Orleans' minute would keep a silo restarted on the same address shunned for a minute, closing each connection
    /// it opens to it and losing the replies under way; a Redis read every few seconds costs nothing.
    /// </summary>
    internal static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Redis membership finds the silos' gateways. The first connection is retried until it succeeds, so the
    /// gateway may start before the silos; later losses are reconnected by the client on its own.
    /// </summary>
    public static IClientBuilder UseBatchCluster(this IClientBuilder client, IConfiguration configuration)
    {
        var profile = BatchProfile.From(configuration);
        if (!profile.IsProduction)
        {
            throw new InvalidOperationException("Only the production profile runs the gateway apart from the silos.");
        }

        client.Services.AllowDependencyExceptions();
        return client
            .AddBatchDiagnostics(configuration)
            .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (profile.ServiceId, profile.ClusterId))
            .UseRedisClustering(profile.Redis!)
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod)
            .UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                await Task.Delay(RetryDelay, cancellationToken);
                return true;
            });
    }
}
