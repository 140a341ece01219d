using System.Net.Http.Json;
using System.Text.Json;

using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>Silos die by SIGKILL in the middle of work; what the product promises is checked from the data (and a dashboard's stream).</summary>
[Collection(ProcessClusterTests.Name)]
public sealed class SiloFailureTests(FaultCluster cluster)
{
    [Fact]
    public async Task Killing_a_silo_mid_job_loses_nothing_dials_nothing_twice_and_exceeds_no_ceiling()
    {
        var (organizationId, http) = await cluster.NewTenantAsync(concurrencyLimit: 20);
        var jobId = await http.CreateJobAsync(Api.Contacts(2000, seed: 1), ("concurrentCallLimit", "20"), ("maxAttempts", "2"), ("retryDelaySeconds", "0"));
        // A dashboard watching the job: its subscription dies with the job's silo, and the gateway's renewal finds the job again.
        var completedSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var events = await JobEventsReader.OpenAsync(http, [jobId], item =>
        {
            if (item.EventType == "job" && JsonDocument.Parse(item.Data).RootElement.GetProperty("job").GetProperty("status").GetString() == "completed")
            {
                completedSeen.TrySetResult();
            }
        });
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

        // Within a renewal (30 s) and a retry of the job's figures.
        await completedSeen.Task.WaitAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(2000, job.GetProperty("contactsProcessed").GetInt32());
        var counts = job.GetProperty("contactStatusCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(2000, counts.Values.Sum());
        Assert.DoesNotContain(counts.Keys, status => status is "pending" or "queued" or "dialing");

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

    [Fact]
    public async Task The_gateway_takes_back_a_silo_restarted_on_its_address_within_seconds()
    {
        const int victim = 2;
        using var admin = cluster.Client(ProcessCluster.AdminToken);
        await LookUpOrganizationsUntilAsync(admin, () => cluster.GatewayConnectionsTo(victim) > 0, TimeSpan.FromSeconds(90),
            $"the gateway never used silo {victim}");

        var failures = cluster.GatewayConnectFailuresTo(victim);
        cluster.KillSilo(victim);
        try
        {
            // Until the gateway has tried the dead silo and marked it dead: Orleans then shuns it for a while.
            await LookUpOrganizationsUntilAsync(admin, () => cluster.GatewayConnectFailuresTo(victim) > failures, TimeSpan.FromSeconds(60),
                $"the gateway never tried the dead silo {victim}");
        }
        finally
        {
            cluster.StartSilo(victim);
        }

        await cluster.WaitUntilReadyAsync();
        await LookUpOrganizationsUntilAsync(admin, () => cluster.GatewayConnectionsTo(victim) > 0, TimeSpan.FromSeconds(30),
            $"the gateway did not connect to the restarted silo {victim} (Orleans' default shuns it a minute or more)");
    }

    /// <summary>
    /// Looks up organizations nobody created until <paramref name="condition"/> holds: each is a new grain, whose
    /// requests take the next live gateway in turn, so every gateway the client deems live is tried.
    /// </summary>
    private static Task LookUpOrganizationsUntilAsync(HttpClient admin, Func<bool> condition, TimeSpan timeout, string failure) =>
        Wait.UntilAsync(async () =>
        {
            // A request routed through the silo that just died waits out Orleans' 30 s response timeout; the next
            // lookups must not queue behind it, or the gateway may drop the dead silo before any lookup tries it.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                using var response = await admin.GetAsync($"/admin/organizations/org_{Guid.NewGuid():N}", patience.Token);
            }
            catch (OperationCanceledException) when (patience.IsCancellationRequested)
            {
            }

            return condition();
        }, timeout, () => failure);
}
