namespace BatchCalling.Jobs;

/// <summary>The commands a customer gives a job: start it now, cancel it, move its start.</summary>
internal sealed partial class BatchJobGrain
{
    async Task<StartJobResult> IBatchJobGrain.StartAsync(string organizationId)
    {
        if (!Owns(organizationId))
        {
            return new StartJobResult(ErrorCodes.JobNotFound, default, 0, false, null);
        }

        if (JobStateMachine.CheckStart(Job.Status) is { } error)
        {
            return new StartJobResult(error, Job.Status, 0, false, null);
        }

        var wasScheduled = Job.Status == JobStatus.Scheduled;
        var enqueued = await StartNowAsync();
        return new StartJobResult(null, Job.Status, enqueued, wasScheduled, Job.ActualStartTime);
    }

    async Task<CancelJobResult> IBatchJobGrain.CancelAsync(string organizationId)
    {
        if (!Owns(organizationId))
        {
            return new CancelJobResult(ErrorCodes.JobNotFound, default, false, 0);
        }

        var previous = Job.Status;
        if (JobStateMachine.CheckCancel(previous) is { } error)
        {
            return new CancelJobResult(error, previous, false, 0);
        }

        var cancelled = (await DispatcherAsync()).Board.CancelRemaining();
        Job.CancelledAt = Now;
        await FinishAsync(JobStatus.Cancelled);
        return new CancelJobResult(null, previous, previous == JobStatus.Scheduled, cancelled);
    }

    async Task<CancelContactResult> IBatchJobGrain.CancelContactAsync(string organizationId, int index)
    {
        if (!Owns(organizationId))
        {
            return new CancelContactResult(ErrorCodes.JobNotFound, null);
        }

        if (index < 0 || index >= Job.TotalContacts)
        {
            return new CancelContactResult(ErrorCodes.ContactNotFound, null);
        }

        var dispatcher = await DispatcherAsync();
        if (!dispatcher.Board.CancelOne(index))
        {
            return new CancelContactResult(ErrorCodes.InvalidStatus, null);
        }

        await Record.FlushAsync(dispatcher.Board, Now, Heartbeat, force: true);
        if (Job.IsActive)
        {
            // A job whose last open contact this was is now complete; its beat sees to it.
            BeatNow();
        }

        var contacts = await JobContactPages.ReadAsync(JobId, dispatcher.Board, Store, GrainFactory, [index]);
        return new CancelContactResult(null, contacts[0]);
    }

    async Task<RescheduleJobResult> IBatchJobGrain.RescheduleAsync(string organizationId, DateTimeOffset startAt, string? timezone)
    {
        if (!Owns(organizationId))
        {
            return new RescheduleJobResult(ErrorCodes.JobNotFound, default, null, false, null);
        }

        if (JobStateMachine.CheckReschedule(Job.Status) is { } error)
        {
            return new RescheduleJobResult(error, Job.Status, null, false, null);
        }

        if (startAt <= Now)
        {
            return new RescheduleJobResult(ErrorCodes.PastScheduledTime, Job.Status, null, false, null);
        }

        var replaced = Job.ScheduledJobId is not null;
        if (timezone is not null && timezone != Job.Timezone && Job.CallingWindow is not null)
        {
            // Contacts placed in the job's zone move with it: a board read before (its windows in the old zone) is read again.
            (_loading, _dispatcher) = (null, null);
        }

        Job.Timezone = timezone ?? Job.Timezone;
        await ScheduleAsync(startAt);
        return new RescheduleJobResult(null, Job.Status, startAt, replaced, Job.ScheduledJobId);
    }
}
