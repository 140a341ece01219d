using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;

namespace BatchCalling.GatewayTests;

/// <summary>What the gateway logs for requests that went as they should: a valid call logs nothing alarming, a client's mistake is not an error.</summary>
[Collection(EmbeddedTests.Name)]
public sealed class LoggingTests(EmbeddedGateway gateway)
{
    [Fact]
    public async Task A_valid_admin_call_authenticates_by_the_admin_token_alone()
    {
        var organizationId = "org_log_" + Guid.NewGuid().ToString("N")[..8];
        using var admin = gateway.ClientWith(EmbeddedGateway.AdminToken);

        await (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Logs" })).JsonAsync(HttpStatusCode.OK);
        await (await admin.GetAsync($"/admin/organizations/{organizationId}")).JsonAsync(HttpStatusCode.OK);

        var entries = gateway.Logs.ForPathContaining(organizationId);
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(entries, e => e.Category.EndsWith(nameof(BatchCalling.Gateway.Auth.ApiKeyAuthentication), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_body_is_the_clients_problem_and_logged_below_warning()
    {
        var organizationId = "org_log_" + Guid.NewGuid().ToString("N")[..8];
        using var admin = gateway.ClientWith(EmbeddedGateway.AdminToken);

        await (await admin.PutAsync($"/admin/organizations/{organizationId}", new StringContent("{\"name\": 1", Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await admin.PutAsync($"/admin/organizations/{organizationId}", new StringContent("""{"name":"x","concurrencyLimit":"ten"}""", Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        var entries = gateway.Logs.ForPathContaining(organizationId);
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Message.Contains("was answered 400", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
    }
}
