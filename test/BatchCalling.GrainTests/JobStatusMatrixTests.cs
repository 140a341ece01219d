using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Organizations;

namespace BatchCalling.GrainTests;

/// <summary>Start, cancel and reschedule from every job status, against real jobs brought to that status.</summary>
public abstract class JobStatusMatrixTests(BatchCluster cluster)
{
    public static TheoryData<JobStatus, string?> StartCases => new()
    {
        { JobStatus.Pending, null },
        { JobStatus.Scheduled, null },
        { JobStatus.Running, ErrorCodes.AlreadyRunning },
        { JobStatus.Paused, ErrorCodes.AlreadyRunning },
        { JobStatus.Completed, ErrorCodes.InvalidStatus },
        { JobStatus.Failed, ErrorCodes.InvalidStatus },
        { JobStatus.Cancelled, ErrorCodes.InvalidStatus },
    };

    public static TheoryData<JobStatus, string?> CancelCases => new()
    {
        { JobStatus.Pending, null },
        { JobStatus.Scheduled, null },
        { JobStatus.Running, null },
        { JobStatus.Paused, null },
        { JobStatus.Completed, ErrorCodes.AlreadyTerminal },
        { JobStatus.Failed, ErrorCodes.AlreadyTerminal },
        { JobStatus.Cancelled, ErrorCodes.AlreadyTerminal },
    };

    public static TheoryData<JobStatus, string?> RescheduleCases => new()
    {
        { JobStatus.Pending, null },
        { JobStatus.Scheduled, null },
        { JobStatus.Running, ErrorCodes.InvalidStatus },
        { JobStatus.Paused, ErrorCodes.InvalidStatus },
        { JobStatus.Completed, ErrorCodes.InvalidStatus },
        { JobStatus.Failed, ErrorCodes.InvalidStatus },
        { JobStatus.Cancelled, ErrorCodes.InvalidStatus },
    };

    public static TheoryData<JobStatus> Statuses => [.. Enum.GetValues<JobStatus>()];

    public static TheoryData<JobStatus, bool> PauseAndResumeCases
    {
        get
        {
            var cases = new TheoryData<JobStatus, bool>();
            foreach (var status in Enum.GetValues<JobStatus>())
            {
                cases.Add(status, true);
                cases.Add(status, false);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(PauseAndResumeCases))]
    public async Task Pause_and_resume(JobStatus status, bool pause)
    {
        var (scenario, jobId) = await JobInStatusAsync(status);
        var job = scenario.Job(jobId);

        var result = pause ? await job.PauseAsync(scenario.OrganizationId) : await job.ResumeAsync(scenario.OrganizationId);

        var (from, to) = pause ? (JobStatus.Running, JobStatus.Paused) : (JobStatus.Paused, JobStatus.Running);
        Assert.Equal((status == from ? null : ErrorCodes.InvalidStatus, status == from ? to : status), (result.Error, result.Status));
        Assert.Equal(result.Status, (await scenario.DetailAsync(jobId)).Summary.Status);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Delete(JobStatus status)
    {
        var (scenario, jobId) = await JobInStatusAsync(status);

        var result = await scenario.Job(jobId).DeleteAsync(scenario.OrganizationId);

        var allowed = JobStateMachine.IsTerminal(status);
        Assert.Equal(allowed ? null : ErrorCodes.InvalidStatus, result.Error);
        Assert.Equal(allowed, await scenario.Job(jobId).GetDetailAsync(scenario.OrganizationId, Scenario.FirstPage) is null);
        var listed = await scenario.Grains.GetGrain<IJobIndexGrain>(scenario.OrganizationId).ListAsync(null, null, 1, 10);
        Assert.Equal(!allowed, listed.JobIds.Contains(jobId));
        Assert.Equal(allowed ? ErrorCodes.JobNotFound : result.Error, (await scenario.Job(jobId).DeleteAsync(scenario.OrganizationId)).Error);
    }

    [Theory]
    [MemberData(nameof(StartCases))]
    public async Task Start(JobStatus status, string? error)
    {
        var (scenario, jobId) = await JobInStatusAsync(status);

        var result = await scenario.Job(jobId).StartAsync(scenario.OrganizationId);

        Assert.Equal(error, result.Error);
        Assert.Equal(error is null ? JobStatus.Running : status, (await scenario.DetailAsync(jobId)).Summary.Status);
        if (error is null)
        {
            Assert.Equal((2, status == JobStatus.Scheduled), (result.ContactsEnqueued, result.ReminderCancelled));
        }
    }

    [Theory]
    [MemberData(nameof(CancelCases))]
    public async Task Cancel(JobStatus status, string? error)
    {
        var (scenario, jobId) = await JobInStatusAsync(status);

        var result = await scenario.Job(jobId).CancelAsync(scenario.OrganizationId);

        Assert.Equal((error, status), (result.Error, result.PreviousStatus));
        var detail = await scenario.DetailAsync(jobId);
        Assert.Equal(error is null ? JobStatus.Cancelled : status, detail.Summary.Status);
        if (error is null)
        {
            // The running job's contacts have had one call each and wait a day for a retry: they are cancelled too.
            Assert.Equal(2, result.ContactsCancelled);
            Assert.Equal(2, detail.ContactStatusCounts["cancelled"]);
            Assert.NotNull(detail.CancelledAt);
        }
    }

    [Theory]
    [MemberData(nameof(RescheduleCases))]
    public async Task Reschedule(JobStatus status, string? error)
    {
        var (scenario, jobId) = await JobInStatusAsync(status);
        var startAt = DateTimeOffset.UtcNow.AddDays(2);

        var result = await scenario.Job(jobId).RescheduleAsync(scenario.OrganizationId, startAt, null);

        Assert.Equal(error, result.Error);
        var detail = await scenario.DetailAsync(jobId);
        Assert.Equal(error is null ? JobStatus.Scheduled : status, detail.Summary.Status);
        if (error is null)
        {
            Assert.Equal((startAt, status == JobStatus.Scheduled), (detail.Summary.ScheduledStartTime!.Value, result.OldScheduleCancelled));
            Assert.Equal(result.ScheduledJobId, detail.ScheduledJobId);
        }
    }

    [Fact]
    public async Task Reschedule_to_a_past_time_is_refused()
    {
        var (scenario, jobId) = await JobInStatusAsync(JobStatus.Pending);

        var result = await scenario.Job(jobId).RescheduleAsync(scenario.OrganizationId, DateTimeOffset.UtcNow.AddSeconds(-1), null);

        Assert.Equal(ErrorCodes.PastScheduledTime, result.Error);
    }

    [Fact]
    public async Task Another_organization_sees_no_job()
    {
        var (scenario, jobId) = await JobInStatusAsync(JobStatus.Pending);
        var job = scenario.Job(jobId);

        Assert.Null(await job.GetDetailAsync("org_other", Scenario.FirstPage));
        Assert.Null(await job.GetContactsAsync("org_other", Scenario.FirstPage));
        Assert.Equal(ErrorCodes.JobNotFound, (await job.StartAsync("org_other")).Error);
        Assert.Equal(ErrorCodes.JobNotFound, (await job.CancelAsync("org_other")).Error);
        Assert.Equal(ErrorCodes.JobNotFound, (await job.RescheduleAsync("org_other", DateTimeOffset.UtcNow.AddDays(1), null)).Error);
        Assert.Equal(ErrorCodes.JobNotFound, (await job.PauseAsync("org_other")).Error);
        Assert.Equal(ErrorCodes.JobNotFound, (await job.ResumeAsync("org_other")).Error);
        Assert.Equal(ErrorCodes.JobNotFound, (await job.DeleteAsync("org_other")).Error);
    }

    [Theory]
    [InlineData(JobStatus.Pending)]
    [InlineData(JobStatus.Completed)]
    public async Task A_job_reactivated_from_storage_reads_as_it_did(JobStatus status)
    {
        var (scenario, jobId) = await JobInStatusAsync(status);
        var before = await scenario.DetailAsync(jobId);

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await scenario.DetailAsync(jobId);

        // The embedded storage once stored JSON, and the retry policy came back with its outcomes twice.
        Assert.Equal([CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.Timeout], after.Summary.RetryPolicy.RetryableOutcomes);
        Assert.Equal((before.Summary.Status, before.Summary.CreatedAt, before.Summary.ContactsProcessed),
            (after.Summary.Status, after.Summary.CreatedAt, after.Summary.ContactsProcessed));
        Assert.Equal(before.ContactStatusCounts, after.ContactStatusCounts);
        Assert.Equal(before.Contacts.Contacts.Select(c => (c.Contact, c.Status, c.Attempts, c.CompletedAt)),
            after.Contacts.Contacts.Select(c => (c.Contact, c.Status, c.Attempts, c.CompletedAt)));
    }

    /// <summary>A two-contact job brought to <paramref name="status"/> the way users get there.</summary>
    private async Task<(Scenario Scenario, string JobId)> JobInStatusAsync(JobStatus status)
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        switch (status)
        {
            case JobStatus.Pending:
                return (scenario, (await scenario.CreateJobAsync(Scenario.Contacts(2), autoStart: false)).JobId);
            case JobStatus.Scheduled:
                return (scenario, (await scenario.CreateJobAsync(Scenario.Contacts(2), startAt: DateTimeOffset.UtcNow.AddHours(1))).JobId);
            case JobStatus.Running or JobStatus.Paused:
            {
                // Both contacts are dialed once, answer no_answer, then wait a day for their retry.
                var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(2, "no_answer"), limit: 1, retryDelaySeconds: 86_400);
                await Scenario.WaitUntilAsync(async () => (await scenario.DetailAsync(jobId)).ContactStatusCounts.GetValueOrDefault("no_answer") == 2);
                if (status == JobStatus.Paused)
                {
                    Assert.Null((await scenario.Job(jobId).PauseAsync(scenario.OrganizationId)).Error);
                }

                return (scenario, jobId);
            }

            case JobStatus.Completed:
            {
                var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(2, "completed"));
                await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
                return (scenario, jobId);
            }

            case JobStatus.Failed:
            {
                var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(2), autoStart: false);
                await scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId)
                    .SetPhoneNumberAsync(new PhoneNumber(Scenario.CallerId, "+12025550100", null, AgentArchitecture.Pipeline));
                await scenario.Job(jobId).StartAsync(scenario.OrganizationId);
                var failed = await scenario.WaitForStatusAsync(jobId, JobStatus.Failed);
                Assert.Equal("The caller phone number has no outbound agent", failed.FailureReason);
                return (scenario, jobId);
            }

            default:
            {
                var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(2), autoStart: false);
                await scenario.Job(jobId).CancelAsync(scenario.OrganizationId);
                return (scenario, jobId);
            }
        }
    }
}

[Collection(MemoryTests.Name)]
public sealed class JobStatusMatrixTestsOnMemory(MemoryCluster cluster) : JobStatusMatrixTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class JobStatusMatrixTestsOnPostgresRedis(PostgresRedisCluster cluster) : JobStatusMatrixTests(cluster);
