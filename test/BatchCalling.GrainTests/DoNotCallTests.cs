using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Organizations;
using BatchCalling.Recipients;

namespace BatchCalling.GrainTests;

/// <summary>
/// The do-not-call list is checked as each contact is about to be dialed, and the recipient cap counts across jobs: on a
/// fake clock, so a retry or a cap's period passes when the test says, and the simulated dialer's log says who was called.
/// </summary>
public abstract class DoNotCallTests(BatchCluster cluster)
{
    private FakeClockDriver Clock => new(cluster);

    [Fact]
    public async Task A_number_listed_before_upload_is_never_dialed_and_ends_blocked()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        ContactInput[] contacts = [Scenario.Contact("completed"), Scenario.Contact("completed")];
        Assert.Equal(1, await List(scenario).AddAsync([contacts[0].Phone]));

        var (jobId, _) = await scenario.CreateJobAsync(contacts);
        await Clock.AdvanceUntilAsync(scenario, jobId, JobStatus.Completed);

        var page = await ContactsAsync(scenario, jobId);
        Assert.Equal((ContactStatus.Blocked, 0, "do_not_call"), (page[0].Status, page[0].Attempts, page[0].FailureReason));
        Assert.Empty(page[0].Calls);
        Assert.Equal(ContactStatus.Completed, page[1].Status);
        Assert.Equal((0, 1), (Placed(scenario, contacts[0]), Placed(scenario, contacts[1])));
    }

    [Fact]
    public async Task A_number_listed_while_its_retry_waits_is_never_called_again()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var contact = Scenario.Contact("busy,completed");
        var (jobId, _) = await scenario.CreateJobAsync([contact], retryDelaySeconds: 3600);
        await Clock.AdvanceUntilAsync(async () => (await ContactsAsync(scenario, jobId))[0] is { Status: ContactStatus.Busy, NextAttemptAt: not null });

        await List(scenario).AddAsync([contact.Phone]);
        cluster.Clock!.Advance(TimeSpan.FromHours(1));
        await Clock.AdvanceUntilAsync(scenario, jobId, JobStatus.Completed);

        var blocked = (await ContactsAsync(scenario, jobId))[0];
        Assert.Equal((ContactStatus.Blocked, 1, "do_not_call"), (blocked.Status, blocked.Attempts, blocked.FailureReason));
        Assert.Equal(1, Placed(scenario, contact));
    }

    [Fact]
    public async Task A_scheduled_job_started_after_its_number_was_listed_places_no_call()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var contact = Scenario.Contact("completed");
        var (jobId, _) = await scenario.CreateJobAsync([contact], startAt: cluster.Now.AddHours(1));

        await List(scenario).AddAsync([contact.Phone]);
        cluster.Clock!.Advance(TimeSpan.FromHours(1));
        await Clock.AdvanceUntilAsync(scenario, jobId, JobStatus.Completed);

        Assert.Equal("do_not_call", (await ContactsAsync(scenario, jobId))[0].FailureReason);
        Assert.Equal(0, Placed(scenario, contact));
    }

    [Fact]
    public async Task Over_the_recipient_cap_a_contact_of_another_job_waits_until_the_period_frees_it_its_count_stored()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        await scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId)
            .UpsertAsync(new OrganizationSettings("Test", null, null, RecipientCap: new RecipientCap(1, 24)));
        var contact = Scenario.Contact("completed");
        var (first, _) = await scenario.CreateJobAsync([contact]);
        await Clock.AdvanceUntilAsync(scenario, first, JobStatus.Completed);
        var calledAt = (await ContactsAsync(scenario, first))[0].Calls[0].StartedAt;
        // The count is stored: every grain deactivated, the number's range reads it back.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var (second, _) = await scenario.CreateJobAsync([contact]);
        ContactView waiting = null!;
        await Clock.AdvanceUntilAsync(async () => (waiting = (await ContactsAsync(scenario, second))[0]).WaitReason is not null);

        Assert.Equal((ContactStatus.Pending, 0, "recipient_cap"), (waiting.Status, waiting.Attempts, waiting.WaitReason));
        // The wait ends when the first call leaves the sliding 24 hours: counted as it was let through, a step of the clock
        // at most before the call was stamped started.
        Assert.InRange(waiting.NextAttemptAt!.Value, calledAt.AddHours(24).AddSeconds(-1), calledAt.AddHours(24));
        Assert.Equal(1, Placed(scenario, contact));

        cluster.Clock!.Advance(waiting.NextAttemptAt.Value - cluster.Now);
        await Clock.AdvanceUntilAsync(scenario, second, JobStatus.Completed);
        Assert.Equal(2, Placed(scenario, contact));
    }

    [Fact]
    public async Task The_list_pages_every_number_once_and_forgets_a_removed_one()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var numbers = Enumerable.Range(0, 2_500).Select(i => $"+1212{3_000_000 + i}").ToList();
        Assert.Equal(2_500, await List(scenario).AddAsync(numbers));
        Assert.Equal(0, await List(scenario).AddAsync(numbers[..10]));

        var paged = new List<string>();
        for (var page = 1; page <= 26; page++)
        {
            var found = await List(scenario).GetPageAsync(page, 100);
            Assert.Equal(2_500, found.Total);
            paged.AddRange(found.Numbers);
        }

        Assert.Equal(numbers.Order(), paged.Order());
        Assert.True(await List(scenario).RemoveAsync(numbers[7]));
        Assert.False(await List(scenario).RemoveAsync(numbers[7]));
        Assert.Equal(2_499, (await List(scenario).GetPageAsync(1, 1)).Total);
    }

    private static IDoNotCallListGrain List(Scenario scenario) => scenario.Grains.GetGrain<IDoNotCallListGrain>(scenario.OrganizationId);

    private static async Task<IReadOnlyList<ContactView>> ContactsAsync(Scenario scenario, string jobId) =>
        (await scenario.Job(jobId).GetContactsAsync(scenario.OrganizationId, new ContactQuery(null, 1, 10)))!.Contacts;

    private int Placed(Scenario scenario, ContactInput contact) => cluster.Recorder.PlacedForNumber(scenario.OrganizationId, contact.Phone);
}

[Collection(MemoryTests.Name)]
public sealed class DoNotCallTestsOnMemory(FakeTimeMemoryCluster cluster) : DoNotCallTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class DoNotCallTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : DoNotCallTests(cluster);
