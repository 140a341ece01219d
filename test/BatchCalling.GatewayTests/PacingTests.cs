using System.Net;
using System.Net.Http.Json;
using BatchCalling.Testing;

namespace BatchCalling.GatewayTests;

/// <summary>
/// Calls per second, per caller number and per organization, are never exceeded: judged from when the platform received
/// each dial (the simulated platform's call log), in every one-second window.
/// </summary>
[Collection(ProductionTests.Name)]
public sealed class PacingTests(ProductionGateway gateway)
{
    private static readonly string[] Callers = ["pn_1", "pn_2"];

    [Fact]
    public async Task No_second_sees_more_calls_start_than_the_number_or_the_organization_allows()
    {
        var tenant = await GatewayUnderTestExtensions.NewTenantAsync(gateway, concurrencyLimit: 10);
        using var admin = gateway.ClientWith(ProcessCluster.AdminToken);
        var organization = $"/admin/organizations/{tenant.OrganizationId}";
        (await admin.PutAsJsonAsync(organization, new { name = "Paced", callsPerSecond = 3 })).EnsureSuccessStatusCode();
        foreach (var (id, number) in new[] { ("pn_1", "+12025550100"), ("pn_2", "+12025550199") })
        {
            (await admin.PutAsJsonAsync($"{organization}/phone-numbers/{id}", new { number, outboundAgentId = "agent_1", callsPerSecond = 2 }))
                .EnsureSuccessStatusCode();
        }

        var shown = await (await admin.GetAsync(organization)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, shown.GetProperty("callsPerSecond").GetDouble());
        Assert.All(shown.GetProperty("phoneNumbers").EnumerateArray(), n => Assert.Equal(2, n.GetProperty("callsPerSecond").GetDouble()));

        var phones = Enumerable.Range(0, 8).Select(i => $"+1202555{i + 200:0000}").ToArray();
        var jobs = await Task.WhenAll(Callers.Select(caller =>
            tenant.CreateJobAsync(Api.Csv(phones), ("fromPhoneNumberId", caller), ("concurrentCallLimit", "5"), ("maxAttempts", "1"))));
        foreach (var job in jobs)
        {
            await tenant.WaitForJobAsync(job, Api.StatusIs("completed"), TimeSpan.FromSeconds(60));
        }

        var calls = await CallLog.CallsAsync("organization_id", tenant.OrganizationId);
        Assert.Equal(16, calls.Count);
        Assert.All(jobs, job => Assert.InRange(MostInOneSecond(calls.Where(c => c.JobId == job).Select(c => c.StartedAt)), 1, 2));
        Assert.InRange(MostInOneSecond(calls.Select(c => c.StartedAt)), 1, 3);
    }

    /// <summary>The most starts in any one-second window [t, t + 1 s): the busiest such window begins at a start.</summary>
    private static int MostInOneSecond(IEnumerable<DateTimeOffset> starts)
    {
        var sorted = starts.Order().ToList();
        return sorted.Select(from => sorted.Count(at => at >= from && at < from.AddSeconds(1))).Max();
    }
}
