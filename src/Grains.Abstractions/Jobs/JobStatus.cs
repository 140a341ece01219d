namespace BatchCalling.Jobs;

/// <summary>The lifecycle of a batch job (API.md "Job statuses").</summary>
public enum JobStatus
{
    Pending,
    Scheduled,
    Running,
    Paused,
    Completed,
    Failed,
    Cancelled,
}
