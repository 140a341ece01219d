using BatchCalling.Hosting;
using BatchCalling.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: a grain call through the cluster answers in time and,
/// in the production profile, PostgreSQL and Redis answer too.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", HealthResponse.Live).WithName("Live").WithSummary("The process answers")
            .WithDescription("No authentication; for a liveness probe.");
        health.MapGet("/ready", ReadyAsync).WithName("Ready").WithSummary("The cluster (and, in production, PostgreSQL and Redis) answer")
            .WithDescription("No authentication; 503 names what does not answer. For a readiness probe.")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> ReadyAsync(IGrainFactory grains, DependencyProbes probes, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(HealthResponse.ReadyTimeout);
        string? unavailable;
        try
        {
            await grains.GetGrain<IOrganizationGrain>("health-probe").GetAsync().WaitAsync(deadline.Token);
            unavailable = await probes.FirstUnavailableAsync(deadline.Token);
        }
        catch (Exception ex) when (Errors.Transient.Is(ex) || ex is OperationCanceledException)
        {
            unavailable = "the Orleans cluster";
        }

        return HealthResponse.Ready(unavailable is null ? null : $"{unavailable} is not answering");
    }
}
