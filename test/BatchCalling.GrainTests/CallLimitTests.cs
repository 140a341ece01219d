using BatchCalling.Contacts;
using BatchCalling.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

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

    [Fact]
    public async Task An_attempt_the_platform_never_got_is_given_its_whole_time_from_when_it_is_posted_at_last()
    {
        // What a silo that died between storing an attempt and posting it leaves: the attempt, stored past its deadline.
        var jobId = "job_" + Guid.NewGuid().ToString("N")[..12];
        var contact = cluster.Grains.GetGrain<IContactGrain>(ContactKey.For(jobId, 0));
        var stored = new ContactState
        {
            Calls = { new CallAttempt { CallId = ContactKey.CallId(jobId, 0, 1), Attempt = 1, StartedAt = cluster.Now - TimeSpan.FromSeconds(10) } },
        };
        var storage = cluster.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(BatchStorage.Name);
        await storage.WriteStateAsync("contact", contact.GetGrainId(), new GrainState<ContactState>(stored));

        // Its job, recovered, asks again: the platform never got it, so it is posted now. It lasts the 1 s maximum, within its deadline.
        var dial = new DialRequest("org_x", 1, "+12025550100", "agent", Scenario.Contacts(1, "completed", durationMs: 60_000)[0], FirstDial: false);
        await contact.DialAsync(dial, CancellationToken.None);
        CallAttempt? ended = null;
        await Scenario.WaitUntilAsync(async () => (ended = (await contact.GetCallsAsync()).Single()).Outcome is not null);

        Assert.Equal(CallOutcome.Completed, ended!.Outcome);
        Assert.Equal(1, cluster.Recorder.PlacedForJob(jobId));
    }
}
