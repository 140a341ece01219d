using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>On the real clock: a job scheduled a few seconds ahead starts within one second of its time.</summary>
public abstract class StartPrecisionTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_scheduled_job_starts_within_a_second_of_its_time()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var (jobId, created) = await scenario.CreateJobAsync(Scenario.Contacts(1), startAt: startAt);
        Assert.Equal(JobStatus.Scheduled, created.Status);

        var detail = await scenario.WaitForStartAsync(jobId);

        Assert.InRange(detail.Summary.ActualStartTime!.Value, startAt, startAt.AddSeconds(1));
    }
}

[Collection(MemoryTests.Name)]
public sealed class StartPrecisionTestsOnMemory(MemoryCluster cluster) : StartPrecisionTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class StartPrecisionTestsOnPostgresRedis(PostgresRedisCluster cluster) : StartPrecisionTests(cluster);
