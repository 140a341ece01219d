using BatchCalling.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCalling.GrainTests;

/// <summary>The scheduled start, driven by a fake clock that both the jobs and the reminder service read.</summary>
public abstract class SchedulingTests(BatchCluster cluster)
{
    private readonly Scenario _scenario = new(cluster);

    /// <summary>When the job's reminder is due, read from the reminder table itself; null when there is none.</summary>
    private async Task<DateTime?> ReminderStartAsync(string jobId) =>
        (await cluster.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>()
            .ReadRow(_scenario.Job(jobId).GetGrainId(), "job"))?.StartAt;

    [Fact]
    public async Task A_scheduled_job_starts_when_its_reminder_fires()
    {
        await _scenario.WithOrganizationAsync();
        var startAt = cluster.Now.AddHours(6);
        var (jobId, created) = await _scenario.CreateJobAsync(Scenario.Contacts(1), startAt: startAt);
        Assert.Equal(JobStatus.Scheduled, created.Status);
        Assert.Equal(startAt.UtcDateTime, await ReminderStartAsync(jobId));

        cluster.Clock!.Advance(TimeSpan.FromHours(6));

        var detail = await _scenario.WaitForStartAsync(jobId);
        Assert.InRange(detail.Summary.ActualStartTime!.Value, startAt, startAt.AddSeconds(1));
    }

    [Fact]
    public async Task Reschedule_replaces_the_reminder()
    {
        await _scenario.WithOrganizationAsync();
        var first = cluster.Now.AddHours(6);
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(1), startAt: first);
        var second = first.AddHours(6);

        var result = await _scenario.Job(jobId).RescheduleAsync(_scenario.OrganizationId, second, null);

        Assert.True(result.OldScheduleCancelled);
        Assert.Equal(second.UtcDateTime, await ReminderStartAsync(jobId));
        cluster.Clock!.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        Assert.Equal(JobStatus.Scheduled, (await _scenario.DetailAsync(jobId)).Summary.Status);
        cluster.Clock.Advance(TimeSpan.FromHours(6));
        var detail = await _scenario.WaitForStartAsync(jobId);
        Assert.InRange(detail.Summary.ActualStartTime!.Value, second, second.AddMinutes(2));
    }

    [Fact]
    public async Task Cancel_removes_the_reminder()
    {
        await _scenario.WithOrganizationAsync();
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(3), startAt: cluster.Now.AddHours(1));

        var result = await _scenario.Job(jobId).CancelAsync(_scenario.OrganizationId);

        Assert.Equal((true, 3), (result.ReminderCancelled, result.ContactsCancelled));
        Assert.Null(await ReminderStartAsync(jobId));
        cluster.Clock!.Advance(TimeSpan.FromHours(2));
        var detail = await _scenario.DetailAsync(jobId);
        Assert.Equal(JobStatus.Cancelled, detail.Summary.Status);
        Assert.Equal(3, detail.ContactStatusCounts["cancelled"]);
    }

    [Fact]
    public async Task A_reminder_that_fires_late_starts_the_job_at_once()
    {
        await _scenario.WithOrganizationAsync();
        var startAt = cluster.Now.AddMinutes(30);
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(1), startAt: startAt);

        cluster.Clock!.Advance(TimeSpan.FromHours(3));

        var detail = await _scenario.WaitForStartAsync(jobId);
        Assert.True(detail.Summary.ActualStartTime >= startAt.AddHours(2.5));
    }

    [Fact]
    public async Task Start_now_cancels_the_scheduled_start()
    {
        await _scenario.WithOrganizationAsync();
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(2), startAt: cluster.Now.AddDays(1));

        var result = await _scenario.Job(jobId).StartAsync(_scenario.OrganizationId);

        Assert.Equal((null, JobStatus.Running, 2, true), (result.Error, result.Status, result.ContactsEnqueued, result.ReminderCancelled));
        Assert.Equal(cluster.Now, result.StartedAt);
    }
}

[Collection(MemoryTests.Name)]
public sealed class SchedulingTestsOnMemory(FakeTimeMemoryCluster cluster) : SchedulingTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class SchedulingTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : SchedulingTests(cluster);
