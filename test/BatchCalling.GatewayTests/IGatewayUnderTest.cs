using System.Net.Http.Json;

namespace BatchCalling.GatewayTests;

/// <summary>
/// A running gateway the HTTP tests talk to: the embedded default in this process, or the production profile's
/// separate gateway and silos. What the simulated dialer saw is asked here, since each keeps it elsewhere.
/// </summary>
public interface IGatewayUnderTest
{
    const string DemoKey = "test-demo-key";

    string AdminToken { get; }

    HttpClient ClientWith(string? bearer);

    Task<int> PeakForJobAsync(string jobId);

    Task<int> PlacedForJobAsync(string jobId);

    /// <summary>The most calls to <paramref name="phone"/> on the line at once, over the organization's jobs.</summary>
    Task<int> PeakForNumberAsync(string organizationId, string phone);

    /// <summary>The sum of a metric's samples over the gateway's and every silo's <c>/metrics</c>.</summary>
    Task<double> MetricSumAsync(string name);

    /// <summary>Call ids placed more than once (for the embedded default, in all jobs so far).</summary>
    Task<long> DoubleDialsAsync(string jobId);
}

/// <summary>An organization and an HTTP client that carries its API key.</summary>
public sealed record Tenant(string OrganizationId, HttpClient Http);

public static class GatewayUnderTestExtensions
{
    /// <summary>A new organization with a caller number <c>pn_1</c> (agent <c>agent_1</c>) and an API key for it.</summary>
    public static async Task<Tenant> NewTenantAsync(
        this IGatewayUnderTest gateway, int concurrencyLimit = 10, decimal credits = 1000m, string? agentId = "agent_1", string architecture = "pipeline")
    {
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..12];
        using var admin = gateway.ClientWith(gateway.AdminToken);
        (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Tenant", concurrencyLimit, credits })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}/phone-numbers/pn_1",
            new { number = "+12025550100", outboundAgentId = agentId, agentArchitecture = architecture })).EnsureSuccessStatusCode();
        var key = await (await admin.PostAsync($"/admin/organizations/{organizationId}/api-keys", null)).Content.ReadFromJsonAsync<Dictionary<string, string>>();
        return new Tenant(organizationId, gateway.ClientWith(key!["apiKey"]));
    }
}
