using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>The job list follows each job's stored status, even when telling it failed once.</summary>
public abstract class JobIndexTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_job_list_entry_left_behind_is_corrected_when_the_job_wakes()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(1), autoStart: false);
        var created = (await scenario.DetailAsync(jobId)).Summary.CreatedAt;
        Assert.Null((await scenario.Job(jobId).CancelAsync(scenario.OrganizationId)).Error);
        var index = scenario.Grains.GetGrain<IJobIndexGrain>(scenario.OrganizationId);
        await Scenario.WaitUntilAsync(async () => (await index.ListAsync(JobStatus.Cancelled, null, 1, 10)).JobIds.Contains(jobId));

        // What a silo that died between storing "cancelled" and telling the list would leave behind.
        await index.UpsertAsync(new JobIndexEntry(jobId, created, JobStatus.Pending, "Test job"));

        // The job goes once its last beat (closing its billing) is over; then a request wakes it again.
        await Scenario.WaitUntilAsync(async () =>
        {
            await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            await scenario.Job(jobId).GetSummaryAsync(scenario.OrganizationId);
            return (await index.ListAsync(JobStatus.Cancelled, null, 1, 10)).JobIds.Contains(jobId);
        }, null, () => "the job list still shows the job as pending");
        Assert.Empty((await index.ListAsync(JobStatus.Pending, null, 1, 10)).JobIds);
    }
}

[Collection(MemoryTests.Name)]
public sealed class JobIndexTestsOnMemory(MemoryCluster cluster) : JobIndexTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class JobIndexTestsOnPostgresRedis(PostgresRedisCluster cluster) : JobIndexTests(cluster);
