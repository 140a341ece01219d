using System.Net.Http.Json;

namespace BatchCalling.Testing;

/// <summary>New organizations for a test, made through the admin API of a running gateway.</summary>
public static class Tenants
{
    /// <summary>
    /// An organization <paramref name="idPrefix"/>… with caller <c>pn_1</c> and an API key; answers its id and the key. Each
    /// call is retried while the cluster answers 503 (still starting, or recovering).
    /// </summary>
    public static async Task<(string OrganizationId, string ApiKey)> CreateAsync(HttpClient admin, string idPrefix, string name, int concurrencyLimit,
        int credits = 10_000)
    {
        var organizationId = idPrefix + Guid.NewGuid().ToString("N")[..12];
        (await Unavailable.RetryAsync(() => admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name, concurrencyLimit, credits })))
            .EnsureSuccessStatusCode();
        (await Unavailable.RetryAsync(() => admin.PutAsJsonAsync($"/admin/organizations/{organizationId}/phone-numbers/pn_1",
            new { number = "+12025550100", outboundAgentId = "agent_1" }))).EnsureSuccessStatusCode();
        var key = await (await Unavailable.RetryAsync(() => admin.PostAsync($"/admin/organizations/{organizationId}/api-keys", null)))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Dictionary<string, string>>();
        return (organizationId, key!["apiKey"]);
    }
}
