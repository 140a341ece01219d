using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace BatchCalling.Hosting;

/// <summary>What a silo and a client of it add so that traces cross grain calls and the Orleans dashboard can show the cluster.</summary>
public static class BatchDiagnosticsExtensions
{
    /// <summary>Whether silos collect for the Orleans dashboard and the gateway serves it (<c>Dashboard:Enabled</c>, default true).</summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue("Dashboard:Enabled", true);

    /// <summary>
    /// Carries the caller's trace into each grain call, and collects grain statistics for the dashboard. Its live log view
    /// is off: it would stream every log line, debug ones with contacts' numbers included, to whoever opens it.
    /// </summary>
    public static ISiloBuilder AddBatchDiagnostics(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddActivityPropagation();
        if (DashboardEnabled(configuration))
        {
            silo.AddDashboard(o => o.HideTrace = true);
        }

        return silo;
    }

    /// <summary>The client's side: traces into grain calls, and the dashboard served from the silos' statistics.</summary>
    public static IClientBuilder AddBatchDiagnostics(this IClientBuilder client, IConfiguration configuration)
    {
        client.AddActivityPropagation();
        if (DashboardEnabled(configuration))
        {
            client.AddDashboard(o => o.HideTrace = true);
        }

        return client;
    }
}
