namespace BatchCalling.Jobs;

/// <summary>
/// The outcome of a pause, resume or delete: an error code or none, the job's status after it, and how many of its calls
/// are on the line (what a pause lets finish; what keeps a delete from erasing).
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.job-control-result")]
public sealed record JobControlResult(
    [property: Id(0)] string? Error,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] int CallsInProgress);
