namespace BatchCalling.Jobs;

/// <summary>A page of job ids, newest first, and how many jobs matched.</summary>
[GenerateSerializer, Immutable, Alias("batch.job-index-page")]
public sealed record JobIndexPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<string> JobIds);
