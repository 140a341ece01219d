using BatchCalling.Contacts;
using BatchCalling.Organizations;

namespace BatchCalling.Jobs;

/// <summary>The running side of a job: its start, the heartbeat that drives dispatch, and its finish.</summary>
internal sealed partial class BatchJobGrain
{
    private async Task ScheduleAsync(DateTimeOffset startAt)
    {
        Job.Status = JobStatus.Scheduled;
        Job.ScheduledStartTime = startAt;
        Job.ScheduledJobId = "sched_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            await Scheduler.RemindAtAsync(startAt);
        }
        catch
        {
            // The new schedule is in memory only: drop the activation so the stored one is read again.
            DeactivateOnIdle();
            throw;
        }

        await Record.SaveAsync();
        Scheduler.ArmStartTimer(Job);
        logger.JobScheduled(JobId, startAt);
    }

    /// <summary>Starts a pending or scheduled job; returns how many contacts wait to be dialed.</summary>
    private async Task<int> StartNowAsync()
    {
        Scheduler.DisarmStartTimer();
        Job.Status = JobStatus.Running;
        Job.ActualStartTime = Now;
        await Scheduler.KeepAwakeAsync();
        await Record.SaveAsync();
        logger.JobStarted(JobId, Job.ScheduledStartTime, Now);
        if (Job.ScheduledStartTime is { } due && Job.ActualStartTime >= due)
        {
            // Started by its schedule (a start on request comes before it): how late the schedule kept it.
            metrics.ScheduledStartLate(Job.ActualStartTime.Value - due);
        }

        var dispatcher = await DispatcherAsync();
        EnsureHeartbeat();
        return dispatcher.Board.ReadyCount;
    }

    private async Task StartIfDueAsync()
    {
        if (Job.Status == JobStatus.Scheduled && Job.ScheduledStartTime <= Now)
        {
            await StartNowAsync();
        }
        else
        {
            Scheduler.ArmStartTimer(Job);
        }
    }

    private void EnsureHeartbeat() =>
        _heartbeat ??= this.RegisterGrainTimer(HeartbeatAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Heartbeat) { KeepAlive = true });

    private void BeatNow()
    {
        EnsureHeartbeat();
        _heartbeat!.Change(TimeSpan.Zero, Heartbeat);
    }

    private void StopHeartbeat()
    {
        _heartbeat?.Dispose();
        _heartbeat = null;
    }

    private async Task HeartbeatAsync()
    {
        var dispatcher = await DispatcherAsync();
        if ((Job.Status == JobStatus.Running || AwaitsCredits) && Now - _lastCheck >= Heartbeat)
        {
            await CheckOrganizationAsync(dispatcher);
        }

        await ExpireIfDueAsync();
        await dispatcher.RunRoundAsync(Job.Status == JobStatus.Running && _organizationChecked, Now);
        if (Job.IsActive && dispatcher.Board.IsFinished)
        {
            Job.CompletedAt = Now;
            await FinishAsync(JobStatus.Completed);
        }
        else
        {
            await Record.FlushAsync(dispatcher.Board, Now, Heartbeat, force: false);
        }

        if (JobStateMachine.IsTerminal(Job.Status) && !dispatcher.HoldsSlots)
        {
            if (await Billing.CloseAsync())
            {
                await Record.SaveAsync();
            }

            await Scheduler.ForgetAsync();
            await Record.SyncIndexAsync();
            StopHeartbeat();
            return;
        }

        if (await RestIfPausedAsync(dispatcher))
        {
            return;
        }

        // A job short of slots is woken by the throttle when some free up; its beat is only the fallback. Dials that ended at
        // once (a listed number: no call, no report to wake the job) leave their slots free now.
        var next = dispatcher.DialAgainNow ? TimeSpan.Zero : Heartbeat;
        foreach (var due in new[] { dispatcher.Board.NextRetryAt, Job.EndAt })
        {
            if (due is { } at && at - Now < next)
            {
                next = at > Now ? at - Now : TimeSpan.Zero;
            }
        }

        _heartbeat?.Change(next, Heartbeat);
    }

    /// <summary>
    /// Charges the organization for ended calls and fails the job when it may not dial on. While the organization cannot
    /// answer (its storage is down), the job dials nothing new but goes on renewing its slots and collecting outcomes.
    /// </summary>
    private async Task CheckOrganizationAsync(JobDispatcher dispatcher)
    {
        _lastCheck = Now;
        DispatchCheck check;
        try
        {
            check = await Billing.CheckAsync();
        }
        catch (Exception ex)
        {
            _organizationChecked = false;
            logger.JobCheckFailed(ex, JobId);
            return;
        }

        _organizationChecked = check.FailureReason is null;
        if (check.FailureReason is not { } reason)
        {
            dispatcher.UseCheck(check, dialers.CallsPerSecond(check.PhoneNumber!), Billing.CallsCovered(check));
            if (Job.Status == JobStatus.Running && !Billing.Covers(check))
            {
                await PauseAsync(ErrorCodes.InsufficientCredits);
            }
            else if (AwaitsCredits && Billing.Covers(check))
            {
                await ResumeAsync();
            }

            return;
        }

        logger.JobFailed(JobId, reason);
        Job.FailureReason = reason;
        await FinishAsync(JobStatus.Failed);
    }

    /// <summary>
    /// At its <c>endAt</c> a job that has not ended ends <c>completed</c>: no call starts after it, and its contacts not final
    /// are cancelled as expired (calls on the line finish and are recorded).
    /// </summary>
    private async Task ExpireIfDueAsync()
    {
        if (Job.EndAt is not { } endAt || endAt > Now || JobStateMachine.IsTerminal(Job.Status))
        {
            return;
        }

        var expired = (await DispatcherAsync()).Board.CancelRemaining(EndReason.Expired);
        Job.CompletedAt = Now;
        await FinishAsync(JobStatus.Completed);
        logger.JobExpired(JobId, expired);
    }

    /// <summary>Moves the job to a terminal status; calls still in progress go on and report their outcome.</summary>
    private async Task FinishAsync(JobStatus status)
    {
        var dispatcher = await DispatcherAsync();
        Job.Status = status;
        dispatcher.Board.Stop();
        Scheduler.DisarmStartTimer();
        if (dispatcher.Board.InFlight == 0)
        {
            await Scheduler.ForgetAsync();
        }

        // Otherwise the reminder stays until the last call is billed: it wakes the job should its silo die before that.
        await Record.FlushAsync(dispatcher.Board, Now, Heartbeat, force: true);
        await dispatcher.ReleaseAsync(Now);
        Store.ForgetInputs();
        // Beats on while calls are on the line, then sends the last charge report and stops.
        EnsureHeartbeat();
    }
}
