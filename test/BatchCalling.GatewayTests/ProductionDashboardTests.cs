using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BatchCalling.GatewayTests;

/// <summary>On the production profile the gateway, an Orleans client, serves the dashboard from the silos' statistics.</summary>
[Collection(ProductionTests.Name)]
public sealed class ProductionDashboardTests(ProductionGateway gateway)
{
    [Fact]
    public async Task The_gateway_shows_the_silos_on_the_dashboard_to_the_admin_token_alone()
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + ProductionGateway.AdminToken)));

        var anonymous = await http.GetAsync("/dashboard/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters") { Headers = { Authorization = basic } };
        using var counters = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        // The silos' membership as the dashboard grain on a silo reports it: at least the one the gateway is ready through.
        var hosts = JsonDocument.Parse(await counters.Content.ReadAsStringAsync()).RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Contains(hosts, h => h.GetProperty("status").GetString() == "Active");
        Assert.All(hosts, h => Assert.Equal("BatchCalling.Silo", h.GetProperty("roleName").GetString()));
    }
}
