namespace BatchCalling.Jobs;

/// <summary>What a watcher of a job is told: its list view and contacts per status, or neither when it is gone.</summary>
[GenerateSerializer, Immutable, Alias("batch.job-update")]
public sealed record JobUpdate(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobSummary? Summary,
    [property: Id(2)] IReadOnlyDictionary<string, int> StatusCounts)
{
    public bool IsGone => Summary is null;

    public static JobUpdate Gone(string jobId) => new(jobId, null, new Dictionary<string, int>());

    /// <summary>The same figures (the dictionary compared by content, which record equality does not do).</summary>
    public bool SameAs(JobUpdate? other) =>
        other is not null && Summary == other.Summary && StatusCounts.Count == other.StatusCounts.Count
        && StatusCounts.All(c => other.StatusCounts.TryGetValue(c.Key, out var n) && n == c.Value);
}
