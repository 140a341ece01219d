namespace BatchCalling.Jobs;

/// <summary>What the per-organization index keeps of a job: enough to filter, search and order without waking it.</summary>
[GenerateSerializer, Immutable, Alias("batch.job-index-entry")]
public sealed record JobIndexEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] string? Name);
