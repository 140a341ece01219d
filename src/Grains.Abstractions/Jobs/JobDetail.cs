namespace BatchCalling.Jobs;

/// <summary>The job object of the detail endpoint: the summary plus settings, costs and per-status counts.</summary>
[GenerateSerializer, Immutable, Alias("batch.job-detail")]
public sealed record JobDetail(
    [property: Id(0)] JobSummary Summary,
    [property: Id(1)] string FromPhoneNumberId,
    [property: Id(2)] int ConcurrentCallLimit,
    [property: Id(3)] int MaxAttempts,
    [property: Id(4)] int RetryDelaySeconds,
    [property: Id(5)] string Timezone,
    [property: Id(6)] decimal EstimatedCost,
    [property: Id(7)] decimal ActualCost,
    [property: Id(8)] DateTimeOffset? CancelledAt,
    [property: Id(9)] string? FailureReason,
    [property: Id(10)] string? ScheduledJobId,
    [property: Id(11)] IReadOnlyDictionary<string, int> ContactStatusCounts,
    [property: Id(12)] double Progress);
