using BatchCalling.Jobs;
using BatchCalling.Organizations;

namespace BatchCalling.GrainTests;

/// <summary>Money is exact: what the organization is charged is what the job's calls cost, once, whatever the order of events.</summary>
public abstract class BillingTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_finished_job_is_charged_exactly_what_its_calls_cost_and_its_last_report_closes_it()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(credits: 100m);
        var (jobId, _) = await scenario.CreateJobAsync([.. Scenario.Contacts(6, "completed"), .. Scenario.Contacts(2, "busy")], maxAttempts: 1);

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
        var organization = scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId);
        await Scenario.WaitUntilAsync(async () => (await organization.GetAsync())!.Credits == 100m - detail.ActualCost, null,
            () => $"credits are not 100 - {detail.ActualCost}");

        Assert.True(detail.ActualCost > 0);
        // Copies of the job's reports arriving late (a retry after a lost answer) charge nothing more: its closing report
        // (sent first here, as the job's own may still be on its way: the credits match before the job closes), then any
        // report at all once it is closed.
        await organization.CheckDispatchAsync(new ChargeReport(jobId, Scenario.CallerId, detail.ActualCost, Close: true));
        await organization.CheckDispatchAsync(new ChargeReport(jobId, Scenario.CallerId, detail.ActualCost * 2, Close: false));
        Assert.Equal(100m - detail.ActualCost, (await organization.GetAsync())!.Credits);
    }

    [Fact]
    public async Task Updating_an_organization_keeps_its_balance_and_what_was_left_out()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 7, credits: 40m);
        var organization = scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId);

        var renamed = await organization.UpsertAsync(new OrganizationSettings("Renamed", null, 5m));

        Assert.Equal(("Renamed", 7, 40m), (renamed.Name, renamed.ConcurrencyLimit, renamed.Credits));
    }
}

[Collection(MemoryTests.Name)]
public sealed class BillingTestsOnMemory(MemoryCluster cluster) : BillingTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class BillingTestsOnPostgresRedis(PostgresRedisCluster cluster) : BillingTests(cluster);
