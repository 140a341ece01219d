using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BatchCalling.Testing;
using Microsoft.Extensions.Logging;

namespace BatchCalling.GatewayTests;

/// <summary>The gateway's <c>/metrics</c> counts what jobs did (and the logs never name a contact's number), and the operators' pages take the admin token, by bearer or Basic.</summary>
[Collection(EmbeddedTests.Name)]
public sealed class ObservabilityTests(EmbeddedGateway gateway)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_count_a_jobs_attempts_by_outcome_and_a_scheduled_starts_lateness()
    {
        // Outcomes no other test asks the simulator for, so the counters' growth is this job's alone.
        var before = await ScrapeAsync();
        var tenant = await gateway.NewTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("""
            { "fromPhoneNumberId": "pn_1", "name": "Metrics", "retryPolicy": { "maxAttempts": 1 }, "contacts": [
              { "phone": "+12025550101", "simulatedOutcomes": "carrier_error" },
              { "phone": "+12025550102", "simulatedOutcomes": "carrier_error" },
              { "phone": "+12025550103", "simulatedOutcomes": "blocked" } ] }
            """)).JsonAsync(HttpStatusCode.Created);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        // One attempt: a retryable outcome (the simulator's pick by call id) would wait out the default retry delay.
        var scheduled = await tenant.CreateJobAsync(Api.Csv("+12025550104"), ("scheduledStartTime", startAt), ("maxAttempts", "1"));

        await tenant.WaitForJobAsync(created.GetProperty("batchJobId").GetString()!, Api.StatusIs("completed"));
        await tenant.WaitForJobAsync(scheduled, Api.StatusIs("completed"));

        PrometheusScrape after = before;
        await Wait.UntilAsync(async () =>
        {
            // The exporter caches a scrape for a moment: read until it shows the job's end.
            after = await ScrapeAsync();
            return Grown(after, "batch_call_attempts_total", ("outcome", "carrier_error")) == 2
                && Grown(after, "batch_call_attempts_total", ("outcome", "blocked")) == 1
                && Grown(after, "batch_job_start_lateness_seconds_count") >= 1;
        }, Deadline, () => after.Text);
        Assert.Equal(10, after.Sum("batch_throttle_slots_limit", ("organization", tenant.OrganizationId)));
        Assert.Contains("orleans_grains{", after.Text, StringComparison.Ordinal);
        // Nothing logged for operators reads a contact's number (every test dials +1202555….).
        Assert.DoesNotContain(gateway.Logs.All, e => e.Level >= LogLevel.Information && e.Message.Contains("+1202555", StringComparison.Ordinal));

        double Grown(PrometheusScrape now, string name, params (string, string)[] labels) => now.Sum(name, labels) - before.Sum(name, labels);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/metrics")]
    public async Task The_operators_pages_take_the_admin_token_as_a_bearer_token_or_a_Basic_password(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseAddress) };

        var anonymous = await http.GetAsync(path);
        var basic = await SendAsync(http, path, Basic("anyone", EmbeddedGateway.AdminToken));
        var wrong = await SendAsync(http, path, Basic("anyone", "not-the-token"));
        var bearer = await SendAsync(http, path, new AuthenticationHeaderValue("Bearer", EmbeddedGateway.AdminToken));
        var apiKey = await SendAsync(http, path, new AuthenticationHeaderValue("Bearer", IGatewayUnderTest.DemoKey));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiKey.StatusCode);
    }

    [Fact]
    public async Task The_dashboards_own_requests_answer_with_the_Basic_credentials_a_browser_repeats()
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseAddress) };

        var counters = await SendAsync(http, "/dashboard/DashboardCounters", Basic("ops", EmbeddedGateway.AdminToken));

        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("\"hosts\"", await counters.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await http.SendAsync(request);
    }

    private Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.ReadAsync(gateway.BaseAddress, EmbeddedGateway.AdminToken);
}
