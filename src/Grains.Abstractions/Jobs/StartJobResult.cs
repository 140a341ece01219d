namespace BatchCalling.Jobs;

/// <summary>The outcome of "start now".</summary>
[GenerateSerializer, Immutable, Alias("batch.start-job-result")]
public sealed record StartJobResult(
    [property: Id(0)] string? Error,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] int ContactsEnqueued,
    [property: Id(3)] bool ReminderCancelled,
    [property: Id(4)] DateTimeOffset? StartedAt);
