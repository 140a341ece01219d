using BatchCalling.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Silo.Health;

/// <summary>
/// The silo's probes: <c>/health/live</c>, the process answers; <c>/health/ready</c>, the silo is active in the cluster and
/// PostgreSQL and Redis answer. A silo leaving (SIGTERM) is no longer ready while its grains move away.
/// </summary>
public static class SiloHealthEndpoints
{
    /// <summary>
    /// HTTP where <c>ASPNETCORE_HTTP_PORTS</c> or <c>ASPNETCORE_URLS</c> say (8080 in the images), else a free loopback port, so
    /// that silos started side by side on one machine never collide. Shutdown waits <c>Silo:ShutdownTimeout</c> (60 s) for the
    /// silo to leave the cluster gracefully: a pod's grace period must be longer.
    /// </summary>
    public static WebApplicationBuilder AddSiloHealth(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (configuration["urls"] is null && configuration["http_ports"] is null && configuration["https_ports"] is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        var profile = BatchProfile.From(configuration);
        builder.Services.AddSingleton(new DependencyProbes(profile.Postgres, profile.Redis));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = configuration.GetValue("Silo:ShutdownTimeout", TimeSpan.FromSeconds(60)));
        return builder;
    }

    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", HealthResponse.Live);
        routes.MapGet("/health/ready", ReadyAsync);
        return routes;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> ReadyAsync(
        IClusterMembershipService membership, ILocalSiloDetails silo, DependencyProbes probes, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(HealthResponse.ReadyTimeout);
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return HealthResponse.Ready(status != SiloStatus.Active
            ? $"this silo is {status.ToString().ToLowerInvariant()}, not active"
            : await probes.FirstUnavailableAsync(deadline.Token) is { } unavailable ? $"{unavailable} is not answering" : null);
    }
}
