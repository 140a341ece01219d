namespace BatchCalling.Jobs;

/// <summary>
/// Pausing a job, by its user or because its organization's credits no longer cover a call, and resuming it. A paused job
/// dials nothing: calls on the line finish and are recorded, and it gives back every slot they do not hold.
/// </summary>
internal sealed partial class BatchJobGrain
{
    async Task<JobControlResult> IBatchJobGrain.PauseAsync(string organizationId)
    {
        if (!Owns(organizationId))
        {
            return new JobControlResult(ErrorCodes.JobNotFound, default, 0);
        }

        if (JobStateMachine.CheckPause(Job.Status) is { } error)
        {
            return new JobControlResult(error, Job.Status, 0);
        }

        await PauseAsync(JobState.PausedByUser);
        return new JobControlResult(null, Job.Status, (await DispatcherAsync()).Board.InFlight);
    }

    async Task<JobControlResult> IBatchJobGrain.ResumeAsync(string organizationId)
    {
        if (!Owns(organizationId))
        {
            return new JobControlResult(ErrorCodes.JobNotFound, default, 0);
        }

        if (JobStateMachine.CheckResume(Job.Status) is { } error)
        {
            return new JobControlResult(error, Job.Status, 0);
        }

        var check = await Billing.CheckAsync();
        if (!Billing.Covers(check))
        {
            return new JobControlResult(ErrorCodes.InsufficientCredits, Job.Status, 0);
        }

        await ResumeAsync();
        return new JobControlResult(null, Job.Status, (await DispatcherAsync()).Board.InFlight);
    }

    private async Task PauseAsync(string reason)
    {
        var dispatcher = await DispatcherAsync();
        var (status, previousReason) = (Job.Status, Job.PauseReason);
        (Job.Status, Job.PauseReason) = (JobStatus.Paused, reason);
        try
        {
            await Record.FlushAsync(dispatcher.Board, Now, Heartbeat, force: true);
        }
        catch
        {
            (Job.Status, Job.PauseReason) = (status, previousReason);
            throw;
        }

        logger.JobPaused(JobId, reason);
        // The next round gives back the slots no call holds; the beat stops once none is held (unless credits are awaited).
        BeatNow();
    }

    private async Task ResumeAsync()
    {
        var reason = Job.PauseReason;
        (Job.Status, Job.PauseReason) = (JobStatus.Running, null);
        try
        {
            await Scheduler.KeepAwakeAsync();
            await Record.SaveAsync();
        }
        catch
        {
            (Job.Status, Job.PauseReason) = (JobStatus.Paused, reason);
            throw;
        }

        logger.JobResumed(JobId);
        _lastCheck = DateTimeOffset.MinValue;
        BeatNow();
    }

    /// <summary>A job paused for credits looks at its organization's balance each beat, and dials again once it covers a call.</summary>
    private bool AwaitsCredits => Job.Status == JobStatus.Paused && Job.PauseReason == ErrorCodes.InsufficientCredits;

    /// <summary>
    /// A paused job with no call on the line needs no beat: it stays stored as paused, and only a resume, a cancel or its
    /// <c>endAt</c> wakes it (a job waiting for credits beats on to see them come).
    /// </summary>
    private async Task<bool> RestIfPausedAsync(JobDispatcher dispatcher)
    {
        if (Job.Status != JobStatus.Paused || dispatcher.HoldsSlots || AwaitsCredits)
        {
            return false;
        }

        await Record.FlushAsync(dispatcher.Board, Now, Heartbeat, force: dispatcher.Board.HasChanges);
        if (Job.EndAt is { } endAt)
        {
            await Scheduler.RemindAtAsync(endAt);
        }
        else
        {
            await Scheduler.ForgetAsync();
        }

        StopHeartbeat();
        return true;
    }
}
