using System.Net;
using System.Net.Http.Json;

namespace BatchCalling.GatewayTests;

public abstract class AdminAndHealthTests(IGatewayUnderTest gateway)
{
    [Fact]
    public async Task The_admin_api_needs_the_admin_token()
    {
        await (await gateway.ClientWith(null).PutAsJsonAsync("/admin/organizations/org_x", new { name = "X" }))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await gateway.ClientWith(IGatewayUnderTest.DemoKey).PostAsync("/admin/organizations/org_demo/api-keys", null))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Organizations_numbers_keys_and_credits_are_managed_by_the_admin()
    {
        var admin = gateway.ClientWith(gateway.AdminToken);
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..8];

        var created = await (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Acme", concurrencyLimit = 3, credits = 100.0 }))
            .JsonAsync(HttpStatusCode.OK);
        var number = await (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}/phone-numbers/pn_a",
            new { number = "+12025550100", outboundAgentId = (string?)null, agentArchitecture = "realtime" })).JsonAsync(HttpStatusCode.OK);
        var credits = await (await admin.PostAsJsonAsync($"/admin/organizations/{organizationId}/credits", new { amount = -25.5 })).JsonAsync(HttpStatusCode.OK);
        var key = await (await admin.PostAsync($"/admin/organizations/{organizationId}/api-keys", null)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(("Acme", 3), (created.GetProperty("name").GetString(), created.GetProperty("concurrencyLimit").GetInt32()));
        Assert.Equal(JsonValueKindNull, number.GetProperty("outboundAgentId").ValueKind);
        Assert.Equal("realtime", number.GetProperty("agentArchitecture").GetString());
        Assert.Equal(74.5m, credits.GetProperty("credits").GetDecimal());
        var tenant = gateway.ClientWith(key.GetProperty("apiKey").GetString());
        Assert.Equal(0, (await (await tenant.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task A_numbers_dialer_secret_is_write_only_and_kept_when_omitted()
    {
        var tenant = await gateway.NewTenantAsync();
        var admin = gateway.ClientWith(gateway.AdminToken);
        var numberPath = $"/admin/organizations/{tenant.OrganizationId}/phone-numbers/pn_hook";
        var secret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var set = await (await admin.PutAsJsonAsync(numberPath, new
        {
            number = "+12025550100", outboundAgentId = "agent_1", dialer = new { type = "webhook", url = "http://127.0.0.1:9/calls", secret },
        })).JsonAsync(HttpStatusCode.OK);
        var replaced = await (await admin.PutAsJsonAsync(numberPath, new
        {
            number = "+12025550100", outboundAgentId = "agent_2", dialer = new { type = "webhook", url = "http://127.0.0.1:9/v2/calls" },
        })).JsonAsync(HttpStatusCode.OK);
        var organization = await (await admin.GetAsync($"/admin/organizations/{tenant.OrganizationId}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("webhook", true), (set.GetProperty("dialer").GetProperty("type").GetString(), set.GetProperty("dialer").GetProperty("hasSecret").GetBoolean()));
        Assert.True(replaced.GetProperty("dialer").GetProperty("hasSecret").GetBoolean());
        Assert.Equal("http://127.0.0.1:9/v2/calls", replaced.GetProperty("dialer").GetProperty("url").GetString());
        Assert.DoesNotContain(secret[6..], set.GetRawText() + replaced.GetRawText() + organization.GetRawText(), StringComparison.Ordinal);
        await (await admin.PutAsJsonAsync($"/admin/organizations/{tenant.OrganizationId}/phone-numbers/pn_new", new
        {
            number = "+12025550100", dialer = new { type = "webhook", url = "http://127.0.0.1:9/calls" },
        })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task A_twilio_dialers_auth_token_is_write_only_and_kept_for_the_same_account()
    {
        var tenant = await gateway.NewTenantAsync();
        var admin = gateway.ClientWith(gateway.AdminToken);
        var numberPath = $"/admin/organizations/{tenant.OrganizationId}/phone-numbers/pn_twilio";
        const string account = "AC0123456789abcdef0123456789abcdef";
        const string token = "feedfacefeedfacefeedfacefeedface";

        var set = await (await admin.PutAsJsonAsync(numberPath, new
        {
            number = "+12025550100", dialer = new { type = "twilio", accountSid = account, authToken = token, url = "http://127.0.0.1:9/twiml", machineDetection = true },
        })).JsonAsync(HttpStatusCode.OK);
        var kept = await (await admin.PutAsJsonAsync(numberPath, new
        {
            number = "+12025550100", dialer = new { type = "twilio", accountSid = account, url = "http://127.0.0.1:9/v2/twiml" },
        })).JsonAsync(HttpStatusCode.OK);
        var organization = await (await admin.GetAsync($"/admin/organizations/{tenant.OrganizationId}")).JsonAsync(HttpStatusCode.OK);

        var dialer = set.GetProperty("dialer");
        Assert.Equal(("twilio", true, account, true), (dialer.GetProperty("type").GetString(), dialer.GetProperty("hasSecret").GetBoolean(),
            dialer.GetProperty("accountSid").GetString(), dialer.GetProperty("machineDetection").GetBoolean()));
        Assert.True(kept.GetProperty("dialer").GetProperty("hasSecret").GetBoolean());
        Assert.False(kept.GetProperty("dialer").GetProperty("machineDetection").GetBoolean());
        Assert.DoesNotContain(token, set.GetRawText() + kept.GetRawText() + organization.GetRawText(), StringComparison.Ordinal);
        // Another account's token would not be this one.
        await (await admin.PutAsJsonAsync(numberPath, new
        {
            number = "+12025550100", dialer = new { type = "twilio", accountSid = "AC" + new string('f', 32), url = "http://127.0.0.1:9/twiml" },
        })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
    }

    [Theory]
    [InlineData("""{ "type": "twilio", "url": "https://agents.example.com/twiml", "authToken": "0123456789abcdef0123456789abcdef" }""")]
    [InlineData("""{ "type": "twilio", "accountSid": "AC123", "url": "https://agents.example.com/twiml", "authToken": "0123456789abcdef0123456789abcdef" }""")]
    [InlineData("""{ "type": "twilio", "accountSid": "AC0123456789abcdef0123456789abcdef", "authToken": "0123456789abcdef0123456789abcdef" }""")]
    [InlineData("""{ "type": "twilio", "accountSid": "AC0123456789abcdef0123456789abcdef", "url": "https://agents.example.com/twiml" }""")]
    [InlineData("""{ "type": "carrier-pigeon" }""")]
    [InlineData("""{ "type": "webhook", "secret": "whsec_AAAA" }""")]
    [InlineData("""{ "type": "webhook", "url": "ftp://agents.example.com/calls", "secret": "whsec_AAAA" }""")]
    [InlineData("""{ "type": "webhook", "url": "https://agents.example.com/calls", "secret": "not base64!" }""")]
    public async Task A_dialer_that_could_not_work_is_refused(string dialer)
    {
        var admin = gateway.ClientWith(gateway.AdminToken);
        await (await admin.PutAsJsonAsync("/admin/organizations/org_d", new { name = "D" })).JsonAsync(HttpStatusCode.OK);

        using var body = new StringContent($$"""{ "number": "+12025550100", "dialer": {{dialer}} }""", System.Text.Encoding.UTF8, "application/json");
        await (await admin.PutAsync("/admin/organizations/org_d/phone-numbers/pn", body)).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task Keys_are_listed_without_the_key_and_a_revoked_key_stops_at_once()
    {
        var tenant = await gateway.NewTenantAsync();
        var admin = gateway.ClientWith(gateway.AdminToken);
        var issued = await (await admin.PostAsync($"/admin/organizations/{tenant.OrganizationId}/api-keys", null)).JsonAsync(HttpStatusCode.Created);
        var key = issued.GetProperty("apiKey").GetString()!;
        var keyId = issued.GetProperty("keyId").GetString()!;
        var client = gateway.ClientWith(key);
        await (await client.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK);

        var listed = (await (await admin.GetAsync($"/admin/organizations/{tenant.OrganizationId}/api-keys")).JsonAsync(HttpStatusCode.OK)).GetProperty("apiKeys");

        var entry = listed.EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == keyId);
        Assert.Equal(2, listed.GetArrayLength()); // the tenant's own key and this one
        Assert.Equal(key[..7], entry.GetProperty("prefix").GetString());
        Assert.NotEqual(JsonValueKindNull, entry.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/organizations/{tenant.OrganizationId}/api-keys/{keyId}")).StatusCode);
        await (await client.GetAsync("/batch/jobs")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await admin.DeleteAsync($"/admin/organizations/{tenant.OrganizationId}/api-keys/{keyId}")).ProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        await (await tenant.Http.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await (await admin.GetAsync($"/admin/organizations/{tenant.OrganizationId}/api-keys")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("apiKeys").GetArrayLength());
    }

    [Fact]
    public async Task Putting_an_organization_again_keeps_its_balance_and_what_was_left_out()
    {
        var admin = gateway.ClientWith(gateway.AdminToken);
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..8];
        await (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Acme", concurrencyLimit = 4, credits = 30.0 }))
            .JsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync($"/admin/organizations/{organizationId}/credits", new { amount = 5 })).JsonAsync(HttpStatusCode.OK);

        var renamed = await (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Acme Inc" })).JsonAsync(HttpStatusCode.OK);
        var ignored = await (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Acme Inc", credits = 1000.0 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Acme Inc", 4, 35m), (renamed.GetProperty("name").GetString(), renamed.GetProperty("concurrencyLimit").GetInt32(), renamed.GetProperty("credits").GetDecimal()));
        Assert.Equal(35m, ignored.GetProperty("credits").GetDecimal());
    }

    [Theory]
    [InlineData("PUT", "/admin/organizations/%20", "orgId")]
    [InlineData("GET", "/admin/organizations/%09", "orgId")]
    [InlineData("POST", "/admin/organizations/%20/api-keys", "orgId")]
    [InlineData("POST", "/admin/organizations/%20/credits", "orgId")]
    [InlineData("PUT", "/admin/organizations/org_demo/phone-numbers/%20", "phoneNumberId")]
    public async Task A_blank_admin_id_is_a_validation_error(string method, string path, string field)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "X", number = "+12025550100", amount = 1 }) };

        var problem = await (await gateway.ClientWith(gateway.AdminToken).SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Admin_input_is_validated()
    {
        var admin = gateway.ClientWith(gateway.AdminToken);

        await (await admin.PutAsJsonAsync("/admin/organizations/org_v", new { name = "" })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await admin.PutAsJsonAsync("/admin/organizations/org_v", new { name = "V", concurrencyLimit = "ten" })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await admin.PutAsJsonAsync("/admin/organizations/org_v", new { name = "V" })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync("/admin/organizations/org_v/phone-numbers/pn", new { number = "202-555-0100" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await admin.PutAsJsonAsync("/admin/organizations/org_v/phone-numbers/pn", new { number = "+12025550100", agentArchitecture = "quantum" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await admin.PostAsJsonAsync("/admin/organizations/org_missing/credits", new { amount = 1 })).ProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        await (await admin.PostAsync("/admin/organizations/org_missing/api-keys", null)).ProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
    }

    [Fact]
    public async Task The_demo_organization_is_ready_with_its_configured_key()
    {
        var demo = gateway.ClientWith(IGatewayUnderTest.DemoKey);

        var created = await (await demo.PostCsvAsync(Api.Csv("+12025550101"), ("fromPhoneNumberId", "pn_demo"), ("autoStart", "false")))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal("pending", created.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_key()
    {
        var anonymous = gateway.ClientWith(null);

        await (await anonymous.GetAsync("/health/live")).JsonAsync(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class AdminAndHealthTestsOnEmbedded(EmbeddedGateway gateway) : AdminAndHealthTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class AdminAndHealthTestsOnProduction(ProductionGateway gateway) : AdminAndHealthTests(gateway);
