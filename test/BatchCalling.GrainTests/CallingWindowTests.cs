using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Throttling;
using BatchCalling.Windows;
using Orleans.Core.Internal;

namespace BatchCalling.GrainTests;

/// <summary>
/// A running job whose contacts are all outside their calling window holds no slot, shows each contact's opening, and
/// dials each at that instant by the fake clock, even after its activation was dropped while it waited.
/// </summary>
public abstract class CallingWindowTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_job_whose_contacts_all_wait_holds_no_slot_and_dials_each_at_its_opening()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        // A one-hour window two hours from now in UTC; in Karachi (UTC+5, no daylight saving) it closed two hours ago.
        var opensInUtc = Minute(cluster.Now.AddHours(2));
        var opensInKarachi = opensInUtc.AddHours(19);
        var window = new CallingWindow(opensInUtc.Hour * 60 + opensInUtc.Minute, (opensInUtc.Hour * 60 + opensInUtc.Minute + 60) % 1440, WeekDays.All);
        var (jobId, _) = await scenario.CreateJobAsync([Contact("UTC"), Contact("Asia/Karachi")], callingWindow: window);

        var waiting = await WaitForContactsAsync(scenario, jobId, c => c.All(v => v.WaitReason == "calling_window"));
        Assert.Equal([opensInUtc, opensInKarachi], waiting.Contacts.Contacts.Select(c => c.NextAttemptAt));
        Assert.Equal((JobStatus.Running, window), (waiting.Summary.Status, waiting.CallingWindow));
        Assert.Equal(0, await scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId).GetHeldAsync());
        Assert.DoesNotContain(cluster.Journal.Calls, c => c.Arguments is [SlotRequest { Wanted: > 0 } request, ..] && request.JobId == jobId);

        // Its activation goes while it waits: the job's reminder brings it back, and it dials on time all the same.
        await scenario.Job(jobId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await DialsAtAsync(scenario, jobId, opensInUtc, placed: 1);
        cluster.Clock!.Advance(TimeSpan.FromSeconds(1)); // the call ends
        await DialsAtAsync(scenario, jobId, opensInKarachi, placed: 2);

        var dialed = (await scenario.DetailAsync(jobId)).Contacts.Contacts;
        Assert.Equal([opensInUtc, opensInKarachi], dialed.Select(c => c.LastAttemptAt));
    }

    /// <summary>
    /// Saturday 9 March 2030, 12:00 UTC: the eve of the United States' spring forward. Under the TCPA window each contact is
    /// dialed at 08:00 of its own zone, the number of two zones when both are open, and a retry that falls after 21:00 in
    /// New York waits for the next morning, already on summer time.
    /// </summary>
    [Fact]
    public async Task Contacts_around_the_world_are_dialed_at_their_own_openings_and_a_late_retry_the_next_morning()
    {
        var start = new DateTimeOffset(2030, 3, 9, 12, 0, 0, TimeSpan.Zero);
        Assert.True(cluster.Now <= start, $"the shared clock is past {start:O} already");
        cluster.Clock!.Advance(start - cluster.Now);
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        string[] phones = ["+442079460000", "+922134567890", "+18005550100", "+12125550100", "+16025550100", "+12085550100", "+18085550100", "+61291234567"];
        DateTimeOffset At(int day, int hour) => new(2030, 3, day, hour, 0, 0, TimeSpan.Zero);
        // London, Karachi and the toll-free number (the job's zone, UTC) are inside the window now; then New York, Phoenix,
        // Boise and Los Angeles together (08:00 in Los Angeles), Honolulu, Sydney (08:00 on its Sunday), and New York again.
        DateTimeOffset[] openings = [start, start, start, At(9, 13), At(9, 15), At(9, 16), At(9, 18), At(9, 21), At(10, 12)];
        var contacts = phones.Select((phone, i) => new ContactInput(phone, null, $$"""{"simulatedOutcomes":"{{(i == 3 ? "no_answer,completed" : "completed")}}"}""")).ToList();
        var (jobId, _) = await scenario.CreateJobAsync(contacts, retryDelaySeconds: 13 * 3600, callingWindow: CallingWindowPresets.Tcpa);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 3));

        for (var call = 3; call < openings.Length; call++)
        {
            await DialsAtAsync(scenario, jobId, openings[call], placed: call + 1);
            if (call == 3)
            {
                // New York's first call goes unanswered once the clock moves on: its retry, after 21:00, waits for 08:00 EDT.
                cluster.Clock.Advance(TimeSpan.FromSeconds(1));
                var newYork = (await WaitForContactsAsync(scenario, jobId, c => c[3].Status == ContactStatus.NoAnswer)).Contacts.Contacts[3];
                Assert.Equal((At(10, 12), "calling_window"), (newYork.NextAttemptAt, newYork.WaitReason));
            }
        }

        var dialed = (await scenario.DetailAsync(jobId)).Contacts.Contacts;
        // Each dialed at its opening to the second (a dial a beat early would show it); New York's last attempt is the retry.
        Assert.Equal([start, start, start, At(10, 12), At(9, 15), At(9, 16), At(9, 18), At(9, 21)], dialed.Select(c => c.LastAttemptAt));
        Assert.Equal(2, dialed[3].Attempts);
    }

    [Fact]
    public async Task A_toll_free_contact_waits_in_the_job_zone_even_when_a_reschedule_moved_it()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var opensInUtc = Minute(cluster.Now.AddHours(2));
        var window = new CallingWindow(opensInUtc.Hour * 60 + opensInUtc.Minute, (opensInUtc.Hour * 60 + opensInUtc.Minute + 60) % 1440, WeekDays.All);
        var tollFree = new ContactInput("+18005550100", null, null);
        var (jobId, _) = await scenario.CreateJobAsync([tollFree], startAt: cluster.Now.AddDays(1), callingWindow: window);
        await scenario.DetailAsync(jobId); // reads the board, its windows in UTC

        await scenario.Job(jobId).RescheduleAsync(scenario.OrganizationId, cluster.Now.AddDays(2), "Asia/Karachi");
        await scenario.Job(jobId).StartAsync(scenario.OrganizationId);

        var waiting = await WaitForContactsAsync(scenario, jobId, c => c[0].WaitReason == "calling_window");
        Assert.Equal(opensInUtc.AddHours(19), waiting.Contacts.Contacts[0].NextAttemptAt);
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private static ContactInput Contact(string timezone) =>
        Scenario.Contact() with { CustomFieldsJson = $$"""{"simulatedOutcomes":"completed","timezone":"{{timezone}}"}""" };

    /// <summary>Moves the clock to a second before the opening (nothing is dialed), then to it: the next beat dials.</summary>
    private async Task DialsAtAsync(Scenario scenario, string jobId, DateTimeOffset opening, int placed)
    {
        cluster.Clock!.Advance(opening - cluster.Now - TimeSpan.FromSeconds(1));
        Assert.Equal(placed - 1, cluster.Recorder.PlacedForJob(jobId));
        cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == placed), null,
            () => $"job {jobId} placed {cluster.Recorder.PlacedForJob(jobId)} calls, not {placed}");
    }

    private static async Task<JobDetail> WaitForContactsAsync(Scenario scenario, string jobId, Func<IReadOnlyList<ContactView>, bool> condition)
    {
        JobDetail? detail = null;
        await Scenario.WaitUntilAsync(async () => condition((detail = await scenario.DetailAsync(jobId)).Contacts.Contacts), null,
            () => $"job {jobId}: {string.Join(", ", detail?.Contacts.Contacts.Select(c => $"{c.Status} {c.WaitReason} {c.NextAttemptAt:O}") ?? [])}");
        return detail!;
    }
}

[Collection(MemoryTests.Name)]
public sealed class CallingWindowTestsOnMemory(FakeTimeMemoryCluster cluster) : CallingWindowTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class CallingWindowTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : CallingWindowTests(cluster);
