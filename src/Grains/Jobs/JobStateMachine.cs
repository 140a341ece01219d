namespace BatchCalling.Jobs;

/// <summary>Which user actions each job status allows (API.md "Job statuses"), as error codes.</summary>
public static class JobStateMachine
{
    public static bool IsTerminal(JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>Null when the job may start now, else the error code.</summary>
    public static string? CheckStart(JobStatus status) => status switch
    {
        JobStatus.Pending or JobStatus.Scheduled => null,
        JobStatus.Running or JobStatus.Paused => ErrorCodes.AlreadyRunning,
        _ => ErrorCodes.InvalidStatus,
    };

    public static string? CheckCancel(JobStatus status) =>
        IsTerminal(status) ? ErrorCodes.AlreadyTerminal : null;

    public static string? CheckReschedule(JobStatus status) =>
        status is JobStatus.Pending or JobStatus.Scheduled ? null : ErrorCodes.InvalidStatus;

    public static string? CheckPause(JobStatus status) =>
        status == JobStatus.Running ? null : ErrorCodes.InvalidStatus;

    public static string? CheckResume(JobStatus status) =>
        status == JobStatus.Paused ? null : ErrorCodes.InvalidStatus;

    /// <summary>Only a job in a final status may be erased (calls still on the line are checked beside this).</summary>
    public static string? CheckDelete(JobStatus status) =>
        IsTerminal(status) ? null : ErrorCodes.InvalidStatus;
}
