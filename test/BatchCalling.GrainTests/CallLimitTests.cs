using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>A call longer than <c>Dispatch:MaxCallDuration</c> is hung up, not just booked as a timeout.</summary>
[Collection(ShortCallsTests.Name)]
public sealed class CallLimitTests(ShortCallsCluster cluster)
{
    [Fact]
    public async Task A_call_over_the_maximum_is_hung_up_before_its_slot_rings_anyone_else()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(2, "completed", durationMs: 60_000), limit: 1, maxAttempts: 2);

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed, TimeSpan.FromSeconds(30));

        Assert.Equal(new Dictionary<string, int> { ["timeout"] = 2 }, detail.ContactStatusCounts);
        Assert.Equal(4, cluster.Recorder.PlacedForJob(jobId));
        // Each call had ended on the platform before the next one rang: never two at once for a job limited to one.
        Assert.Equal(1, cluster.Recorder.PeakForJob(jobId));
    }
}
