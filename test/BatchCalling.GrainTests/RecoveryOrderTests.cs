using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Throttling;
using Orleans.Core.Internal;

namespace BatchCalling.GrainTests;

/// <summary>
/// A job that comes back while its calls are on the line states what it holds to the throttle before it asks any of
/// those contacts again (which may place a call that never reached the dialer), so no slot is counted short meanwhile.
/// </summary>
public abstract class RecoveryOrderTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_job_back_with_calls_in_flight_states_its_holding_before_it_asks_any_contact_again()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(3, "completed", durationMs: 1500), limit: 3, maxAttempts: 1);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 3));
        var before = cluster.Journal.Calls.Count;

        // The job's activation goes while its three calls are on the line (its silo leaving, say); a report brings it back.
        await scenario.Job(jobId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);

        var after = cluster.Journal.Calls.Skip(before).ToList();
        var firstExchange = after.FindIndex(c => c.Arguments is [SlotRequest request, ..] && request.JobId == jobId);
        var firstAsk = after.FindIndex(c => c.Method == nameof(IContactGrain.DialAsync) && c.Target.ToString().Contains(jobId, StringComparison.Ordinal));
        Assert.True(firstAsk >= 0, "the job came back without asking its contacts in flight again");
        Assert.InRange(firstExchange, 0, firstAsk - 1);
        Assert.True(((SlotRequest)after[firstExchange].Arguments[0]!).Holding > 0);
        Assert.Equal(3, cluster.Recorder.PlacedForJob(jobId));
    }
}

[Collection(MemoryTests.Name)]
public sealed class RecoveryOrderTestsOnMemory(MemoryCluster cluster) : RecoveryOrderTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class RecoveryOrderTestsOnPostgresRedis(PostgresRedisCluster cluster) : RecoveryOrderTests(cluster);
