using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Hosting;

/// <summary>A health answer of a silo or a gateway: <c>live</c>, <c>ready</c> or <c>unavailable</c> with what is not answering.</summary>
public sealed record HealthResponse(string Status, string? Detail)
{
    /// <summary>How long a readiness check may take before what it waits on counts as not answering.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    public static Ok<HealthResponse> Live() => TypedResults.Ok(new HealthResponse("live", null));

    /// <summary><c>200 ready</c>, or <c>503</c> saying why not (<paramref name="unavailable"/>).</summary>
    public static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> Ready(string? unavailable) => unavailable is null
        ? TypedResults.Ok(new HealthResponse("ready", null))
        : TypedResults.Json(new HealthResponse("unavailable", unavailable), statusCode: StatusCodes.Status503ServiceUnavailable);
}
