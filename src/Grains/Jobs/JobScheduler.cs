namespace BatchCalling.Jobs;

/// <summary>
/// What wakes a job: a durable reminder (for a scheduled start; then, while the job runs or has calls to collect, to
/// wake it again should its silo die) and a grain timer that starts a job due soon at its second, as a reminder is
/// durable but not precise.
/// </summary>
internal sealed class JobScheduler(IGrainBase grain, TimeProvider time, Func<Task> startIfDue)
{
    private const string ReminderName = "job";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StartTimerWindow = TimeSpan.FromMinutes(5);

    private IGrainTimer? _startTimer;

    /// <summary>Registers the reminder to fire at <paramref name="startAt"/> (at once when it is past).</summary>
    public Task RemindAtAsync(DateTimeOffset startAt)
    {
        var due = startAt - time.GetUtcNow();
        return grain.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, ReminderPeriod);
    }

    /// <summary>The same reminder then wakes the job every period, should its silo die while it has work.</summary>
    public Task KeepAwakeAsync() => grain.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);

    public async Task ForgetAsync()
    {
        if (await grain.GetReminder(ReminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    /// <summary>Arms the start timer when the job is scheduled to start within a few minutes.</summary>
    public void ArmStartTimer(JobState job)
    {
        DisarmStartTimer();
        if (job.Status != JobStatus.Scheduled || job.ScheduledStartTime is not { } startAt || startAt - time.GetUtcNow() > StartTimerWindow)
        {
            return;
        }

        var due = startAt - time.GetUtcNow();
        _startTimer = grain.RegisterGrainTimer(startIfDue,
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    public void DisarmStartTimer()
    {
        _startTimer?.Dispose();
        _startTimer = null;
    }
}
