using BatchCalling.Organizations;
using Microsoft.Extensions.Logging;

namespace BatchCalling.Jobs;

/// <summary>The running side of a job: start, heartbeat-driven dispatch, finishing, and persistence.</summary>
internal sealed partial class BatchJobGrain
{
    private JobStatus? _indexedStatus;
    private DateTimeOffset _lastFlush = DateTimeOffset.MinValue;
    private bool _organizationChecked;

    private async Task ScheduleAsync(DateTimeOffset startAt)
    {
        Job.Status = JobStatus.Scheduled;
        Job.ScheduledStartTime = startAt;
        Job.ScheduledJobId = "sched_" + Guid.NewGuid().ToString("N")[..16];
        var due = startAt - Now;
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, ReminderPeriod);
        }
        catch
        {
            // The new schedule is in memory only: drop the activation so the stored one is read again.
            DeactivateOnIdle();
            throw;
        }

        await SaveAsync();
        ArmStartTimer();
        LogScheduled(JobId, startAt);
    }

    /// <summary>Starts a pending or scheduled job; returns how many contacts wait to be dialed.</summary>
    private async Task<int> StartNowAsync()
    {
        _startTimer?.Dispose();
        _startTimer = null;
        Job.Status = JobStatus.Running;
        Job.ActualStartTime = Now;
        // The same reminder now wakes the job again should its silo die while it runs.
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        await SaveAsync();
        LogStart();
        await RunAsync();
        return _dispatcher!.Board.ReadyCount;
    }

    private async Task RunAsync()
    {
        await DispatcherAsync();
        EnsureHeartbeat();
    }

    private async Task StartIfDueAsync()
    {
        if (Job.Status == JobStatus.Scheduled && Job.ScheduledStartTime <= Now)
        {
            await StartNowAsync();
        }
        else
        {
            ArmStartTimer();
        }
    }

    /// <summary>A reminder is durable but not precise; a timer starts a job due soon at its second.</summary>
    private void ArmStartTimer()
    {
        _startTimer?.Dispose();
        _startTimer = null;
        if (Job.Status != JobStatus.Scheduled || Job.ScheduledStartTime is not { } startAt || startAt - Now > StartTimerWindow)
        {
            return;
        }

        var due = startAt - Now;
        _startTimer = this.RegisterGrainTimer(StartIfDueAsync,
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void EnsureHeartbeat() =>
        _heartbeat ??= this.RegisterGrainTimer(HeartbeatAsync,
            new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.Heartbeat) { KeepAlive = true });

    private async Task HeartbeatAsync()
    {
        var dispatcher = await DispatcherAsync();
        if (Job.Status == JobStatus.Running && Now - _lastCheck >= options.Value.Heartbeat)
        {
            await CheckOrganizationAsync(dispatcher);
        }

        await dispatcher.RunRoundAsync(Job.Status == JobStatus.Running && _organizationChecked, Now);
        if (Job.Status == JobStatus.Running && dispatcher.Board.IsFinished)
        {
            Job.CompletedAt = Now;
            await FinishAsync(JobStatus.Completed);
        }
        else
        {
            await FlushAsync(force: false);
        }

        if (JobStateMachine.IsTerminal(Job.Status) && !dispatcher.HoldsSlots)
        {
            await CloseBillingAsync();
            await UnregisterReminderAsync();
            await SyncIndexAsync();
            _heartbeat?.Dispose();
            _heartbeat = null;
            return;
        }

        // A job short of slots is woken by the throttle when some free up; its beat is only the fallback.
        var next = options.Value.Heartbeat;
        if (dispatcher.Board.NextRetryAt is { } retryAt && retryAt - Now < next)
        {
            next = retryAt > Now ? retryAt - Now : TimeSpan.Zero;
        }

        _heartbeat?.Change(next, options.Value.Heartbeat);
    }

    /// <summary>
    /// Charges the organization for ended calls (by running total: a repeat charges nothing) and fails the job when it may
    /// not dial on. While the organization cannot answer (its storage is down), the job dials nothing new but goes on
    /// renewing its slots and collecting outcomes.
    /// </summary>
    private async Task CheckOrganizationAsync(JobDispatcher dispatcher)
    {
        _lastCheck = Now;
        DispatchCheck check;
        try
        {
            check = await GrainFactory.GetGrain<IOrganizationGrain>(Job.OrganizationId)
                .CheckDispatchAsync(new ChargeReport(JobId, Job.FromPhoneNumberId, Job.ChargedThrough, Close: false));
        }
        catch (Exception ex)
        {
            _organizationChecked = false;
            LogCheckFailed(ex, JobId);
            return;
        }

        _organizationChecked = check.FailureReason is null;
        if (check.FailureReason is not { } reason)
        {
            dispatcher.UseCaller(check.PhoneNumber!);
        }
        else if (Job.Status == JobStatus.Running)
        {
            LogFailed(JobId, reason);
            Job.FailureReason = reason;
            dispatcher.Board.Stop();
            await FinishAsync(JobStatus.Failed);
        }
    }

    /// <summary>Moves the job to a terminal status; calls still in progress go on and report their outcome.</summary>
    private async Task FinishAsync(JobStatus status)
    {
        var dispatcher = await DispatcherAsync();
        Job.Status = status;
        dispatcher.Board.Stop();
        _startTimer?.Dispose();
        _startTimer = null;
        if (dispatcher.Board.InFlight == 0)
        {
            await UnregisterReminderAsync();
        }

        // Otherwise the reminder stays until the last call is billed: it wakes the job should its silo die before that.
        await FlushAsync(force: true);
        await dispatcher.ReleaseAsync();
        Store().ForgetInputs();
        // Beats on while calls are on the line, then sends the last charge report and stops.
        EnsureHeartbeat();
    }

    /// <summary>The job's last charge report, once every call has ended; until it is stored the heartbeat sends it again.</summary>
    private async Task CloseBillingAsync()
    {
        if (Job.BillingClosed)
        {
            return;
        }

        await GrainFactory.GetGrain<IOrganizationGrain>(Job.OrganizationId)
            .CheckDispatchAsync(new ChargeReport(JobId, Job.FromPhoneNumberId, Job.ChargedThrough, Close: true));
        Job.BillingClosed = true;
        await SaveAsync();
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Writes changed progress chunks and the job record, at most once a heartbeat unless forced.</summary>
    private async Task FlushAsync(bool force)
    {
        if (_dispatcher is not { } dispatcher || (!force && (!dispatcher.Board.HasChanges || Now - _lastFlush < options.Value.Heartbeat)))
        {
            return;
        }

        var board = dispatcher.Board;
        Job.ContactsProcessed = board.FinalCount;
        Job.SuccessfulCalls = board.Successful;
        Job.FailedCalls = board.Failed;
        Job.StatusCounts = new Dictionary<string, int>(board.CountsByStatus(WireNames.Of));
        await Store().SaveProgressAsync(board);
        await SaveAsync();
        _lastFlush = Now;
    }

    /// <summary>Writes the job record; a failed write drops the activation so memory never runs ahead of storage.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        try
        {
            await SyncIndexAsync();
        }
        catch (Exception ex)
        {
            // The job's own record is stored; the list catches up on a later beat, which runs until it has.
            LogIndexBehind(ex, JobId);
            EnsureHeartbeat();
        }
    }

    /// <summary>Tells the organization's job index the job's status, when it has not been told yet.</summary>
    private async Task SyncIndexAsync()
    {
        if (_indexedStatus != Job.Status)
        {
            await GrainFactory.GetGrain<IJobIndexGrain>(Job.OrganizationId).UpsertAsync(new JobIndexEntry(JobId, Job.CreatedAt, Job.Status, Job.Name));
            _indexedStatus = Job.Status;
        }
    }

    private void LogStart()
    {
        if (Job.ScheduledStartTime is not { } scheduledAt)
        {
            LogStarted(JobId);
        }
        else if (Now >= scheduledAt)
        {
            LogStartedLate(JobId, (Now - scheduledAt).TotalMilliseconds);
        }
        else
        {
            LogStartedEarly(JobId, scheduledAt - Now, scheduledAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started")]
    private partial void LogStarted(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started at its scheduled time ({LatenessMs} ms after it)")]
    private partial void LogStartedLate(string jobId, double latenessMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started on request, {EarlyBy} before its scheduled time {ScheduledAt}")]
    private partial void LogStartedEarly(string jobId, TimeSpan earlyBy, DateTimeOffset scheduledAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} scheduled for {StartAt}")]
    private partial void LogScheduled(string jobId, DateTimeOffset startAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is stored, but the job list could not be told its status yet")]
    private partial void LogIndexBehind(Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not check its organization; it dials nothing new until it can")]
    private partial void LogCheckFailed(Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed: {Reason}")]
    private partial void LogFailed(string jobId, string reason);
}
