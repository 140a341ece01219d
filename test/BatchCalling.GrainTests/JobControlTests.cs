using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Organizations;
using BatchCalling.Throttling;

namespace BatchCalling.GrainTests;

/// <summary>Pause and resume, one contact cancelled, credits that run out: on jobs running for real on the simulated dialer.</summary>
public abstract class JobControlTests(BatchCluster cluster)
{
    /// <summary>How long a paused job is watched for a call it must not place: several of its heartbeats (500 ms here).</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_paused_job_lets_its_calls_finish_places_none_holds_no_slot_and_stays_paused_when_reactivated()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(6, "completed", durationMs: 1500), limit: 2);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 2));

        var paused = await scenario.Job(jobId).PauseAsync(scenario.OrganizationId);

        Assert.Equal((null, JobStatus.Paused, 2), (paused.Error, paused.Status, paused.CallsInProgress));
        var detail = await WaitForCountAsync(scenario, jobId, "completed", 2);
        Assert.Equal((JobStatus.Paused, "user"), (detail.Summary.Status, detail.Summary.PauseReason));
        await Scenario.WaitUntilAsync(async () => await Throttle(scenario).GetHeldAsync() == 0);
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(Watch);
        Assert.Equal(2, cluster.Recorder.PlacedForJob(jobId));
        detail = await scenario.DetailAsync(jobId);
        Assert.Equal((JobStatus.Paused, 4), (detail.Summary.Status, detail.ContactStatusCounts["pending"]));

        var resumed = await scenario.Job(jobId).ResumeAsync(scenario.OrganizationId);

        Assert.Equal((null, JobStatus.Running), (resumed.Error, resumed.Status));
        detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
        Assert.Equal((6, 6, (string?)null), (detail.Summary.SuccessfulCalls, cluster.Recorder.PlacedForJob(jobId), detail.Summary.PauseReason));
    }

    [Fact]
    public async Task A_paused_job_whose_last_calls_end_is_completed_and_a_retry_falling_due_waits()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync([.. Scenario.Contacts(1, "completed", durationMs: 1000), .. Scenario.Contacts(1, "busy,completed", durationMs: 1000)],
            limit: 2, retryDelaySeconds: 0);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 2));

        await scenario.Job(jobId).PauseAsync(scenario.OrganizationId);
        await WaitForCountAsync(scenario, jobId, "busy", 1);
        await WaitForCountAsync(scenario, jobId, "completed", 1);
        await Task.Delay(Watch);
        Assert.Equal((JobStatus.Paused, 2), ((await scenario.DetailAsync(jobId)).Summary.Status, cluster.Recorder.PlacedForJob(jobId)));

        var cancelled = await scenario.Job(jobId).CancelContactAsync(scenario.OrganizationId, 1);

        Assert.Equal((ContactStatus.Cancelled, "contact_cancelled"), (cancelled.Contact!.Status, cancelled.Contact.FailureReason));
        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
        Assert.Equal((2, 1), (detail.Summary.ContactsProcessed, detail.Summary.SuccessfulCalls));
    }

    [Fact]
    public async Task One_contact_cancelled_is_never_called_its_call_on_the_line_finishes_and_a_final_contact_cannot_be_cancelled()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(
            [.. Scenario.Contacts(1, "no_answer", durationMs: 1500), .. Scenario.Contacts(1, "completed"), .. Scenario.Contacts(1, "completed")],
            limit: 1, retryDelaySeconds: 0);
        var job = scenario.Job(jobId);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 1));

        var onTheLine = await job.CancelContactAsync(scenario.OrganizationId, 0);
        var waiting = await job.CancelContactAsync(scenario.OrganizationId, 2);

        Assert.Equal((null, ContactStatus.Dialing), (onTheLine.Error, onTheLine.Contact!.Status));
        Assert.Equal((null, ContactStatus.Cancelled, 0), (waiting.Error, waiting.Contact!.Status, waiting.Contact.Attempts));
        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
        var contacts = detail.Contacts.Contacts;
        // The call on the line ended no_answer, which would have been retried: the contact ends cancelled, its call recorded.
        Assert.Equal((ContactStatus.Cancelled, 1, CallOutcome.NoAnswer), (contacts[0].Status, contacts[0].Attempts, contacts[0].LastOutcome));
        Assert.Equal([ContactStatus.Completed, ContactStatus.Cancelled], contacts.Skip(1).Select(c => c.Status));
        Assert.Equal(2, cluster.Recorder.PlacedForJob(jobId));
        Assert.Equal(ErrorCodes.InvalidStatus, (await job.CancelContactAsync(scenario.OrganizationId, 1)).Error);
        Assert.Equal(ErrorCodes.ContactNotFound, (await job.CancelContactAsync(scenario.OrganizationId, 3)).Error);
        Assert.Equal(ErrorCodes.JobNotFound, (await job.CancelContactAsync("org_other", 0)).Error);
    }

    [Fact]
    public async Task A_job_whose_organization_has_no_cover_pauses_without_a_call_and_resumes_by_itself_after_a_top_up()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(credits: 1m);
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(3, "completed"), autoStart: false);
        await scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId).AddCreditsAsync(-0.99m);
        await scenario.Job(jobId).StartAsync(scenario.OrganizationId);

        var detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Paused);

        Assert.Equal(("insufficient_credits", 0), (detail.Summary.PauseReason, cluster.Recorder.PlacedForJob(jobId)));
        Assert.Equal(ErrorCodes.InsufficientCredits, (await scenario.Job(jobId).ResumeAsync(scenario.OrganizationId)).Error);

        await scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId).AddCreditsAsync(10m);

        detail = await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
        Assert.Equal(3, detail.Summary.SuccessfulCalls);
    }

    [Fact]
    public async Task No_call_starts_without_cover_for_it()
    {
        // Two calls' worth at $0.035 each: the job's limit of 5 is cut to the two its organization can pay for.
        var scenario = await new Scenario(cluster).WithOrganizationAsync(credits: 1m);
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(6, "completed", durationMs: 300), limit: 5, autoStart: false);
        await scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId).AddCreditsAsync(-0.93m);
        await scenario.Job(jobId).StartAsync(scenario.OrganizationId);

        await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);

        Assert.Equal((2, 6), (cluster.Recorder.PeakForJob(jobId), cluster.Recorder.PlacedForJob(jobId)));
    }

    [Fact]
    public async Task A_paused_job_can_be_cancelled_and_gives_back_every_slot()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(4, "completed", durationMs: 1000), limit: 2);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Recorder.PlacedForJob(jobId) == 2));
        await scenario.Job(jobId).PauseAsync(scenario.OrganizationId);

        var cancelled = await scenario.Job(jobId).CancelAsync(scenario.OrganizationId);

        Assert.Equal((JobStatus.Paused, 2), (cancelled.PreviousStatus, cancelled.ContactsCancelled));
        var detail = await WaitForCountAsync(scenario, jobId, "completed", 2);
        Assert.Equal(JobStatus.Cancelled, detail.Summary.Status);
        await Scenario.WaitUntilAsync(async () => await Throttle(scenario).GetHeldAsync() == 0);
    }

    private IOrganizationThrottleGrain Throttle(Scenario scenario) => cluster.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);

    private static async Task<JobDetail> WaitForCountAsync(Scenario scenario, string jobId, string status, int count)
    {
        JobDetail? detail = null;
        await Scenario.WaitUntilAsync(async () => (detail = await scenario.DetailAsync(jobId)).ContactStatusCounts.GetValueOrDefault(status) == count,
            describe: () => $"job {jobId} has {detail?.ContactStatusCounts.GetValueOrDefault(status)} {status}, not {count}");
        return detail!;
    }
}

[Collection(MemoryTests.Name)]
public sealed class JobControlTestsOnMemory(MemoryCluster cluster) : JobControlTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class JobControlTestsOnPostgresRedis(PostgresRedisCluster cluster) : JobControlTests(cluster);
