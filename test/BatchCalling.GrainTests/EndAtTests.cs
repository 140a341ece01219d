using BatchCalling.Contacts;
using BatchCalling.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCalling.GrainTests;

/// <summary><c>endAt</c> on a fake clock: a job running, paused or never started ends <c>completed</c> then, its open contacts expired.</summary>
public abstract class EndAtTests(BatchCluster cluster)
{
    private readonly Scenario _scenario = new(cluster);

    [Fact]
    public async Task A_running_job_whose_contacts_wait_for_a_retry_ends_at_its_end_with_them_expired()
    {
        await _scenario.WithOrganizationAsync();
        var endAt = cluster.Now.AddHours(2);
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(2, "no_answer"), limit: 2, retryDelaySeconds: 86_400, endAt: endAt);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 2));
        await EndCallsAsync(jobId, "no_answer", 2);

        cluster.Clock!.Advance(TimeSpan.FromHours(2));

        var detail = await _scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
        Assert.InRange(detail.Summary.CompletedAt!.Value, endAt, endAt.AddSeconds(1));
        Assert.Equal(endAt, detail.Summary.EndAt);
        Assert.All(detail.Contacts.Contacts, c => Assert.Equal((ContactStatus.Cancelled, "expired", 1), (c.Status, c.FailureReason, c.Attempts)));
        Assert.Equal(2, cluster.Recorder.PlacedForJob(jobId));
    }

    [Fact]
    public async Task A_job_never_started_ends_at_its_end_without_a_call()
    {
        await _scenario.WithOrganizationAsync();
        var endAt = cluster.Now.AddHours(1);
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(3), autoStart: false, endAt: endAt);
        // Durable: the reminder table holds the wake-up, so a silo restart cannot lose it.
        Assert.Equal(endAt.UtcDateTime, await ReminderAtAsync(jobId));

        cluster.Clock!.Advance(TimeSpan.FromHours(1));

        var detail = await WakeAsync(jobId);
        Assert.InRange(detail.Summary.CompletedAt!.Value, endAt, endAt.AddMinutes(2));
        Assert.Equal(new Dictionary<string, int> { ["cancelled"] = 3 }, detail.ContactStatusCounts);
        Assert.All(detail.Contacts.Contacts, c => Assert.Equal("expired", c.FailureReason));
        Assert.Equal(0, cluster.Recorder.PlacedForJob(jobId));
    }

    [Fact]
    public async Task A_paused_job_at_rest_is_woken_by_its_end()
    {
        await _scenario.WithOrganizationAsync();
        var endAt = cluster.Now.AddHours(3);
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(2, "busy"), limit: 1, retryDelaySeconds: 86_400, endAt: endAt);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 1));
        await EndCallsAsync(jobId, "busy", 1);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 2));
        await EndCallsAsync(jobId, "busy", 2);
        Assert.Null((await _scenario.Job(jobId).PauseAsync(_scenario.OrganizationId)).Error);
        // At rest once its slots are given back: no beat, only the reminder at its end.
        await Scenario.WaitUntilAsync(async () => await ReminderAtAsync(jobId) == endAt.UtcDateTime);

        cluster.Clock!.Advance(TimeSpan.FromHours(3));

        var detail = await WakeAsync(jobId);
        Assert.InRange(detail.Summary.CompletedAt!.Value, endAt, endAt.AddMinutes(2));
        Assert.All(detail.Contacts.Contacts, c => Assert.Equal((ContactStatus.Cancelled, "expired"), (c.Status, c.FailureReason)));
    }

    /// <summary>
    /// Waits for the job to end by its reminder. The fake clock may move before a reminder just written is armed (it is then
    /// armed from the moved clock): its period, a minute, brings it back, so the clock moves on a minute at a time.
    /// </summary>
    private async Task<JobDetail> WakeAsync(string jobId)
    {
        JobDetail? detail = null;
        await Scenario.WaitUntilAsync(async () =>
        {
            if ((detail = await _scenario.DetailAsync(jobId)).Summary.Status == JobStatus.Completed)
            {
                return true;
            }

            cluster.Clock!.Advance(TimeSpan.FromSeconds(10));
            return false;
        }, describe: () => $"job {jobId} is {detail?.Summary.Status}");
        return detail!;
    }

    private async Task<DateTime?> ReminderAtAsync(string jobId) =>
        (await cluster.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>().ReadRow(_scenario.Job(jobId).GetGrainId(), "job"))?.StartAt;

    /// <summary>The simulated calls last on the fake clock: moves it past them until the job has <paramref name="count"/> such outcomes.</summary>
    private async Task EndCallsAsync(string jobId, string status, int count) =>
        await Scenario.WaitUntilAsync(async () =>
        {
            cluster.Clock!.Advance(TimeSpan.FromMilliseconds(100));
            return (await _scenario.DetailAsync(jobId)).ContactStatusCounts.GetValueOrDefault(status) == count;
        });
}

[Collection(MemoryTests.Name)]
public sealed class EndAtTestsOnMemory(FakeTimeMemoryCluster cluster) : EndAtTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class EndAtTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : EndAtTests(cluster);
