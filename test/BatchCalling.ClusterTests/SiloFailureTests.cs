using System.Net.Http.Json;
using System.Text.Json;

using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>Silos die by SIGKILL in the middle of work; what the product promises is checked from the data.</summary>
[Collection(ProcessClusterTests.Name)]
public sealed class SiloFailureTests(FaultCluster cluster)
{
    [Fact]
    public async Task Killing_a_silo_mid_job_loses_nothing_dials_nothing_twice_and_exceeds_no_ceiling()
    {
        var (organizationId, http) = await cluster.NewTenantAsync(concurrencyLimit: 20);
        var jobId = await http.CreateJobAsync(Api.Contacts(2000, seed: 1), ("concurrentCallLimit", "20"), ("maxAttempts", "2"), ("retryDelaySeconds", "0"));
        await http.WaitForJobAsync(jobId, Api.Processed(400), TimeSpan.FromMinutes(2));

        var victim = cluster.SiloHosting(jobId) ?? 1;
        cluster.KillSilo(victim);
        JsonElement job;
        try
        {
            job = await http.WaitForJobAsync(jobId, Api.StatusIs("completed"), TimeSpan.FromMinutes(4));
        }
        finally
        {
            cluster.StartSilo(victim);
        }

        Assert.Equal(2000, job.GetProperty("contactsProcessed").GetInt32());
        var counts = job.GetProperty("contactStatusCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(2000, counts.Values.Sum());
        Assert.DoesNotContain(counts.Keys, status => status is "pending" or "queued" or "in_progress");

        var attempts = 0;
        for (var page = 1; page <= 20; page++)
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"/batch/jobs/{jobId}/contacts?page={page}&pageSize=100");
            attempts += body.GetProperty("contacts").EnumerateArray().Sum(c => c.GetProperty("attempts").GetInt32());
        }

        var (calls, placedTwice, unreported) = await CallLog.CountsAsync(jobId);
        Assert.Equal((attempts, 0, 0), (calls, placedTwice, unreported));
        Assert.InRange(await CallLog.PeakAsync("job_id", jobId), 1, 20);
        Assert.InRange(await CallLog.PeakAsync("organization_id", organizationId), 1, 20);
        using var admin = cluster.Client(ProcessCluster.AdminToken);
        await Wait.UntilAsync(async () =>
            (await admin.GetFromJsonAsync<JsonElement>($"/admin/organizations/{organizationId}")).GetProperty("slotsInUse").GetInt32() == 0,
            TimeSpan.FromSeconds(30), () => "the organization's slots did not all come back");
    }
}
