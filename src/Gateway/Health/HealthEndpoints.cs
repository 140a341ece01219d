using BatchCalling.Organizations;

namespace BatchCalling.Gateway.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: a grain call through the cluster answers in time.</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));
        routes.MapGet("/health/ready", ReadyAsync);
        return routes;
    }

    private static async Task<IResult> ReadyAsync(IGrainFactory grains, CancellationToken aborted)
    {
        try
        {
            await grains.GetGrain<IOrganizationGrain>("health-probe").GetAsync().WaitAsync(ReadyTimeout, aborted);
            return TypedResults.Ok(new { status = "ready" });
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return TypedResults.Json(new { status = "unavailable", detail = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
