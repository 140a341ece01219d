using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>
/// Every contact ends: an outcome lost on its way (a silo died between the platform's report and the contact) is found
/// again by the job, which asks a contact without an outcome for longer than any call lasts.
/// </summary>
public abstract class LostOutcomeTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_contact_whose_outcome_was_lost_is_asked_again_and_its_job_completes()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(1, "busy", durationMs: 3000), maxAttempts: 1);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 1));

        // The call ends and nobody reports it, as with a platform whose reporter died.
        Assert.True(cluster.Recorder.End(ContactKey.CallId(jobId, 0, 1)));
        cluster.Clock!.Advance(new DispatchOptions().CallEndDeadline + TimeSpan.FromMinutes(2));

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed, TimeSpan.FromSeconds(20));
        Assert.Equal(new Dictionary<string, int> { ["busy"] = 1 }, detail.ContactStatusCounts);
        Assert.Equal(1, cluster.Recorder.PlacedForJob(jobId));
    }
}

[Collection(MemoryTests.Name)]
public sealed class LostOutcomeTestsOnMemory(FakeTimeMemoryCluster cluster) : LostOutcomeTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class LostOutcomeTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : LostOutcomeTests(cluster);
