using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>
/// One organization never has two calls to the same number on the line at once: the same people uploaded in two jobs
/// running together are each called once per job, one call after the other (from the simulated dialer's own log).
/// </summary>
public abstract class RecipientLineTests(BatchCluster cluster)
{
    [Fact]
    public async Task Two_jobs_with_the_same_numbers_never_have_two_calls_to_one_number_on_the_line()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 10);
        var contacts = Scenario.Contacts(4, "completed", durationMs: 400);

        var jobs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => scenario.CreateJobAsync(contacts, limit: 4)));
        foreach (var (jobId, _) in jobs)
        {
            await scenario.WaitForStatusAsync(jobId, JobStatus.Completed, TimeSpan.FromSeconds(60));
        }

        Assert.All(contacts, c => Assert.Equal((1, 2),
            (cluster.Recorder.PeakForNumber(scenario.OrganizationId, c.Phone), cluster.Recorder.PlacedForNumber(scenario.OrganizationId, c.Phone))));
        Assert.All(jobs, j => Assert.Equal(4, cluster.Recorder.PlacedForJob(j.JobId)));
    }
}

[Collection(MemoryTests.Name)]
public sealed class RecipientLineTestsOnMemory(MemoryCluster cluster) : RecipientLineTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class RecipientLineTestsOnPostgresRedis(PostgresRedisCluster cluster) : RecipientLineTests(cluster);
