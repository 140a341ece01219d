using BatchCalling.Gateway.OpenApi;

namespace BatchCalling.Gateway.Auth;

public static class ApiKeyRoutes
{
    /// <summary>A group of routes an organization's API key opens, with the problems any of them may answer.</summary>
    public static RouteGroupBuilder MapApiKeyGroup(this IEndpointRouteBuilder routes, string prefix, string tag) =>
        routes.MapGroup(prefix).RequireAuthorization(AuthPolicies.ApiKey).WithTags(tag)
            .Problem(StatusCodes.Status401Unauthorized, "unauthorized")
            .Problem(StatusCodes.Status429TooManyRequests, "rate_limited")
            .Problem(StatusCodes.Status500InternalServerError, "internal_error")
            .Problem(StatusCodes.Status503ServiceUnavailable, "service_unavailable");
}
