using BatchCalling.Organizations;

namespace BatchCalling.Gateway.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: a grain call through the cluster answers in time and,
/// in the production profile, PostgreSQL and Redis answer too.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));
        routes.MapGet("/health/ready", ReadyAsync);
        return routes;
    }

    private static async Task<IResult> ReadyAsync(IGrainFactory grains, DependencyProbes probes, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(ReadyTimeout);
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

        return unavailable is null
            ? TypedResults.Ok(new { status = "ready" })
            : TypedResults.Json(new { status = "unavailable", detail = $"{unavailable} is not answering" }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
