namespace BatchCalling.Jobs;

/// <summary>The outcome of a reschedule.</summary>
[GenerateSerializer, Immutable, Alias("batch.reschedule-job-result")]
public sealed record RescheduleJobResult(
    [property: Id(0)] string? Error,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] DateTimeOffset? ScheduledStartTime,
    [property: Id(3)] bool OldScheduleCancelled,
    [property: Id(4)] string? ScheduledJobId);
