namespace BatchCalling.Jobs;

/// <summary>The outcome of a cancel; <see cref="PreviousStatus"/> picks the response message.</summary>
[GenerateSerializer, Immutable, Alias("batch.cancel-job-result")]
public sealed record CancelJobResult(
    [property: Id(0)] string? Error,
    [property: Id(1)] JobStatus PreviousStatus,
    [property: Id(2)] bool ReminderCancelled,
    [property: Id(3)] int ContactsCancelled);
