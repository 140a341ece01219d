using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Throttling;

namespace BatchCalling.GrainTests;

/// <summary>Jobs running for real on the simulated dialer: retries, both ceilings, fairness, cancel, counters.</summary>
public abstract class DispatchTests(BatchCluster cluster)
{
    [Fact]
    public async Task Retries_follow_the_outcomes_until_a_final_one_or_the_last_attempt()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        ContactInput[] contacts = [Scenario.Contact("no_answer,busy,completed"), Scenario.Contact("no_answer"), Scenario.Contact("invalid_number")];
        var (jobId, _) = await scenario.CreateJobAsync(contacts, maxAttempts: 3, retryDelaySeconds: 0);

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);

        Assert.Equal((3, 1, 2), (detail.Summary.ContactsProcessed, detail.Summary.SuccessfulCalls, detail.Summary.FailedCalls));
        var page = (await scenario.Job(jobId).GetContactsAsync(scenario.OrganizationId, new ContactQuery(null, 1, 10)))!;
        Assert.Equal(
            [
                (ContactStatus.Completed, 3, "NoAnswer,Busy,Completed"),
                (ContactStatus.NoAnswer, 3, "NoAnswer,NoAnswer,NoAnswer"),
                (ContactStatus.InvalidNumber, 1, "InvalidNumber"),
            ],
            page.Contacts.Select(c => (c.Status, c.Attempts, string.Join(',', c.Calls.Select(a => a.Outcome)))).ToList());
        Assert.All(page.Contacts.SelectMany(c => c.Calls), call => Assert.NotNull(call.EndedAt));
        Assert.Equal([1, 2, 3], page.Contacts[0].Calls.Select(c => c.Attempt));
        Assert.Equal(0, cluster.Recorder.DoubleDials);
    }

    [Fact]
    public async Task The_retry_delay_separates_attempts()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync([Scenario.Contact("busy,completed")], retryDelaySeconds: 2);

        await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);

        var calls = (await scenario.Job(jobId).GetContactsAsync(scenario.OrganizationId, new ContactQuery(null, 1, 1)))!.Contacts[0].Calls;
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].StartedAt - calls[0].EndedAt!.Value >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Neither_ceiling_is_ever_exceeded_and_every_slot_comes_back()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 4);
        var (wide, _) = await scenario.CreateJobAsync(Scenario.Contacts(40, "completed"), limit: 10);
        var (narrow, _) = await scenario.CreateJobAsync(Scenario.Contacts(20, "completed"), limit: 2);

        await scenario.WaitForStatusAsync(wide, JobStatus.Completed);
        await scenario.WaitForStatusAsync(narrow, JobStatus.Completed);

        Assert.InRange(cluster.Recorder.PeakForOrganization(scenario.OrganizationId), 3, 4);
        Assert.InRange(cluster.Recorder.PeakForJob(wide), 1, 4);
        Assert.InRange(cluster.Recorder.PeakForJob(narrow), 1, 2);
        await Scenario.WaitUntilAsync(async () =>
            await scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId).GetHeldAsync() == 0);
    }

    [Fact]
    public async Task A_small_job_is_not_starved_by_a_big_one_of_the_same_organization()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 10);
        var (big, _) = await scenario.CreateJobAsync(Scenario.Contacts(400, "completed"), limit: 50);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PeakForJob(big) == 10));

        var (small, _) = await scenario.CreateJobAsync(Scenario.Contacts(10, "completed"), limit: 5);
        await scenario.WaitForStatusAsync(small, JobStatus.Completed);

        var bigNow = await scenario.DetailAsync(big);
        Assert.Equal(JobStatus.Running, bigNow.Summary.Status);
        Assert.True(bigNow.Summary.ContactsProcessed < 300, $"the big job had done {bigNow.Summary.ContactsProcessed} of 400");
        Assert.Equal(5, cluster.Recorder.PeakForJob(small));
        Assert.True(cluster.Recorder.PeakForOrganization(scenario.OrganizationId) <= 10);
        await scenario.WaitForStatusAsync(big, JobStatus.Completed, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Cancelling_a_running_job_lets_calls_in_progress_finish_and_record_their_outcome()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(30, "completed"), limit: 3);
        await Scenario.WaitUntilAsync(async () => (await scenario.DetailAsync(jobId)).Summary.ContactsProcessed >= 3);

        var result = await scenario.Job(jobId).CancelAsync(scenario.OrganizationId);

        Assert.Equal(JobStatus.Running, result.PreviousStatus);
        await Scenario.WaitUntilAsync(async () => (await scenario.DetailAsync(jobId)).Summary.ContactsProcessed == 30);
        var detail = await scenario.DetailAsync(jobId);
        Assert.Equal(JobStatus.Cancelled, detail.Summary.Status);
        Assert.Equal(result.ContactsCancelled, detail.ContactStatusCounts["cancelled"]);
        Assert.Equal(30 - result.ContactsCancelled, detail.Summary.SuccessfulCalls);
        Assert.Equal(30, detail.ContactStatusCounts.Values.Sum());
        await Scenario.WaitUntilAsync(async () =>
            await scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId).GetHeldAsync() == 0);
    }

    [Fact]
    public async Task Counters_match_the_dialers_outcomes_exactly()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 50);
        var contacts = Scenario.Contacts(500);
        var (jobId, _) = await scenario.CreateJobAsync(contacts, limit: 50, maxAttempts: 2, retryDelaySeconds: 0);

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed, TimeSpan.FromSeconds(60));

        var expected = contacts.Select((c, i) => Expected(jobId, i, c, maxAttempts: 2)).ToList();
        Assert.Equal(expected.Count(o => o == CallOutcome.Completed), detail.Summary.SuccessfulCalls);
        Assert.Equal(500 - detail.Summary.SuccessfulCalls, detail.Summary.FailedCalls);
        Assert.Equal(
            expected.GroupBy(o => WireNames.Of(ContactOutcomes.ToStatus(o))).ToDictionary(g => g.Key, g => g.Count()),
            detail.ContactStatusCounts);
        Assert.Equal(100, detail.Progress);
    }

    [Fact]
    public async Task A_first_dial_that_finds_a_record_after_all_fails_and_the_attempt_asked_again_never_rings_twice()
    {
        // A job that crashed before writing its progress takes a finished contact again as a first dial.
        var (jobId, contact, request) = LoneContact("completed");
        var placed = await contact.DialAsync(request, CancellationToken.None);
        await Scenario.WaitUntilAsync(async () => (await contact.GetCallsAsync()) is [{ Outcome: not null }]);
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await Assert.ThrowsAnyAsync<Exception>(() => contact.DialAsync(request, CancellationToken.None));
        var askedAgain = await contact.DialAsync(request with { FirstDial = false }, CancellationToken.None);

        Assert.Equal(placed.CallId, askedAgain.CallId);
        Assert.Equal(CallOutcome.Completed, askedAgain.Ended?.Outcome);
        Assert.Equal(1, cluster.Recorder.PlacedForJob(jobId));
    }

    [Fact]
    public async Task Asked_only_for_its_outcome_a_contact_places_nothing_even_when_its_dial_arrives_late()
    {
        // A cancelled job asks a contact whose dial it lost track of: the dialer never got the call.
        var (jobId, contact, dial) = LoneContact("completed");

        var asked = await contact.DialAsync(dial with { OutcomeOnly = true }, CancellationToken.None);
        var late = await contact.DialAsync(dial, CancellationToken.None);

        Assert.Equal(CallOutcome.NotPlaced, asked.Ended?.Outcome);
        Assert.Equal(CallOutcome.NotPlaced, late.Ended?.Outcome);
        Assert.Equal(0, cluster.Recorder.PlacedForJob(jobId));
    }

    [Fact]
    public async Task Asked_only_for_its_outcome_a_contact_on_a_call_answers_with_the_calls_outcome()
    {
        var (jobId, contact, dial) = LoneContact("busy");
        await contact.DialAsync(dial, CancellationToken.None);

        DialResult? asked = null;
        await Scenario.WaitUntilAsync(async () =>
            (asked = await contact.DialAsync(dial with { FirstDial = false, OutcomeOnly = true }, CancellationToken.None)).Ended is not null);

        Assert.Equal(CallOutcome.Busy, asked!.Ended!.Outcome);
        Assert.Equal(1, cluster.Recorder.PlacedForJob(jobId));
    }

    /// <summary>The first contact of a job that was never created, and its first dial, asked of it directly.</summary>
    private (string JobId, IContactGrain Contact, DialRequest FirstDial) LoneContact(string simulatedOutcomes)
    {
        var jobId = "job_" + Guid.NewGuid().ToString("N")[..12];
        return (jobId, cluster.Grains.GetGrain<IContactGrain>(ContactKey.For(jobId, 0)),
            new DialRequest("org_x", 1, "+12025550100", "agent", Scenario.Contact(simulatedOutcomes), FirstDial: true));
    }

    /// <summary>What the simulated dialer decides for a contact, attempt by attempt, replayed here.</summary>
    private static CallOutcome Expected(string jobId, int index, ContactInput contact, int maxAttempts)
    {
        var weights = new SimulatedDialerOptions().Outcomes;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = SimulatedOutcomes.Pick(
                new CallRequest(ContactKey.CallId(jobId, index, attempt), "", jobId, attempt, "", "", contact, null, TimeSpan.FromHours(1)), weights);
            if (!RetryPolicy.Default(maxAttempts, retryOnVoicemail: false).Retries(outcome) || attempt == maxAttempts)
            {
                return outcome;
            }
        }
    }
}

[Collection(MemoryTests.Name)]
public sealed class DispatchTestsOnMemory(MemoryCluster cluster) : DispatchTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class DispatchTestsOnPostgresRedis(PostgresRedisCluster cluster) : DispatchTests(cluster);
