using BatchCalling.Gateway.Auth;
using BatchCalling.Hosting;
using Orleans.Dashboard;

namespace BatchCalling.Gateway.Operations;

/// <summary>
/// What operators look at, behind the admin token (bearer, or Basic for a browser) and out of the OpenAPI document:
/// the Prometheus scrape at <c>/metrics</c> (its labels name organizations) and the Orleans dashboard at <c>/dashboard</c>.
/// </summary>
public static class OperationsEndpoints
{
    public const string DashboardPath = "/dashboard";

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder routes, IConfiguration configuration)
    {
        routes.MapBatchMetrics().RequireAuthorization(AuthPolicies.Operator);
        if (BatchDiagnosticsExtensions.DashboardEnabled(configuration))
        {
            routes.MapOrleansDashboard(DashboardPath).RequireAuthorization(AuthPolicies.Operator).ExcludeFromDescription();
        }

        return routes;
    }
}
