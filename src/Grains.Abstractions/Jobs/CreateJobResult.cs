namespace BatchCalling.Jobs;

/// <summary>The outcome of a create: an error code, or the created job's first figures.</summary>
[GenerateSerializer, Immutable, Alias("batch.create-job-result")]
public sealed record CreateJobResult(
    [property: Id(0)] string? Error,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] int TotalContacts,
    [property: Id(3)] decimal EstimatedCost,
    [property: Id(4)] string EstimatedDuration,
    [property: Id(5)] DateTimeOffset? ScheduledStartTime)
{
    public static CreateJobResult Failure(string error) => new(error, JobStatus.Pending, 0, 0, "", null);
}
