using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>
/// A call longer than <c>Dispatch:MaxCallDuration</c> is ended by its platform, told the limit by the dial; one whose
/// platform does not end it is hung up past the grace for its final event, not just booked as a timeout.
/// </summary>
[Collection(ShortCallsTests.Name)]
public sealed class CallLimitTests(ShortCallsCluster cluster)
{
    [Fact]
    public async Task The_platform_ends_a_call_at_the_maximum_it_was_told()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(2, "completed", durationMs: 60_000), limit: 1, maxAttempts: 2);

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed, TimeSpan.FromSeconds(30));

        Assert.Equal(new Dictionary<string, int> { ["completed"] = 2 }, detail.ContactStatusCounts);
        Assert.Equal(2, cluster.Recorder.PlacedForJob(jobId));
        Assert.Equal(1, cluster.Recorder.PeakForJob(jobId));
    }

    [Fact]
    public async Task A_call_its_platform_never_ends_is_hung_up_before_its_slot_rings_anyone_else()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var contacts = Scenario.Contacts(2, "completed").Select(c => c with { CustomFieldsJson = """{"simulatedOutcomes":"completed","simulatedBehaviour":"never_ends"}""" }).ToList();
        var (jobId, _) = await scenario.CreateJobAsync(contacts, limit: 1, maxAttempts: 2);

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed, TimeSpan.FromSeconds(30));

        Assert.Equal(new Dictionary<string, int> { ["timeout"] = 2 }, detail.ContactStatusCounts);
        Assert.Equal(4, cluster.Recorder.PlacedForJob(jobId));
        // Each call had ended on the platform before the next one rang: never two at once for a job limited to one.
        Assert.Equal(1, cluster.Recorder.PeakForJob(jobId));
    }
}
