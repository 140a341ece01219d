using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Recipients;

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

    [Fact]
    public async Task A_hold_whose_call_ended_but_whose_release_was_lost_does_not_keep_the_number_waiting()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var contact = Scenario.Contact("completed");
        var (first, _) = await scenario.CreateJobAsync([contact]);
        await scenario.WaitForStatusAsync(first, JobStatus.Completed);
        // The range's silo died before it wrote the release: the hold comes back, good for the call's longest life.
        var ended = ContactKey.CallId(first, 0, 1);
        var range = cluster.Grains.GetGrain<IRecipientRangeGrain>(RecipientKey.For(scenario.OrganizationId, contact.Phone));
        Assert.Equal(RecipientAdmission.Admitted, await range.AdmitAsync(new RecipientDial(contact.Phone, ended, DateTimeOffset.UtcNow.AddHours(1), null)));

        var (second, _) = await scenario.CreateJobAsync([contact]);

        // Asked about, the ended call lets go at once: not an hour, and not even a recheck's 5 s.
        var detail = await scenario.WaitForStatusAsync(second, JobStatus.Completed, TimeSpan.FromSeconds(4));
        Assert.Equal(1, detail.Summary.SuccessfulCalls);
    }
}

[Collection(MemoryTests.Name)]
public sealed class RecipientLineTestsOnMemory(MemoryCluster cluster) : RecipientLineTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class RecipientLineTestsOnPostgresRedis(PostgresRedisCluster cluster) : RecipientLineTests(cluster);
