using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using BatchCalling.Dialing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCalling.GatewayTests;

/// <summary>
/// The real gateway on Kestrel (so body limits and the wire are real) with its embedded silo on free ports,
/// 100 ms simulated calls, and a known demo key and admin token.
/// </summary>
public sealed class GatewayFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminToken = "test-admin-token";
    public const string DemoKey = "test-demo-key";

    public DialerRecorder Recorder => Services.GetRequiredService<DialerRecorder>();

    public Task InitializeAsync()
    {
        UseKestrel(FreePort());
        StartServer();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Admin:Token", AdminToken);
        builder.UseSetting("Demo:ApiKey", DemoKey);
        builder.UseSetting("Dialer:Simulated:CallDurationMs", "100");
    }

    public HttpClient ClientWith(string? bearer)
    {
        var client = CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A new organization with a caller number <c>pn_1</c> (agent <c>agent_1</c>) and an API key for it.</summary>
    public async Task<Tenant> NewTenantAsync(int concurrencyLimit = 10, decimal credits = 1000m, string? agentId = "agent_1", string architecture = "pipeline")
    {
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..12];
        using var admin = ClientWith(AdminToken);
        (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Tenant", concurrencyLimit, credits })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}/phone-numbers/pn_1",
            new { number = "+12025550100", outboundAgentId = agentId, agentArchitecture = architecture })).EnsureSuccessStatusCode();
        var key = await (await admin.PostAsync($"/admin/organizations/{organizationId}/api-keys", null)).Content.ReadFromJsonAsync<ApiKeyBody>();
        return new Tenant(organizationId, ClientWith(key!.ApiKey));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record ApiKeyBody(string ApiKey);
}

/// <summary>An organization and an HTTP client that carries its API key.</summary>
public sealed record Tenant(string OrganizationId, HttpClient Http);

[CollectionDefinition(Name)]
public sealed class GatewayTests : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
