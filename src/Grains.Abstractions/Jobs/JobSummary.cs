namespace BatchCalling.Jobs;

/// <summary>The job object of the list endpoint.</summary>
[GenerateSerializer, Immutable, Alias("batch.job-summary")]
public sealed record JobSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] int TotalContacts,
    [property: Id(5)] int ContactsProcessed,
    [property: Id(6)] int SuccessfulCalls,
    [property: Id(7)] int FailedCalls,
    [property: Id(8)] DateTimeOffset? ScheduledStartTime,
    [property: Id(9)] DateTimeOffset? ActualStartTime,
    [property: Id(10)] DateTimeOffset? CompletedAt,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] string OrganizationId,
    [property: Id(13)] string? AgentId,
    [property: Id(14)] string FromPhoneNumberId,
    [property: Id(15)] int ConcurrentCallLimit,
    [property: Id(16)] RetryPolicy RetryPolicy,
    [property: Id(17)] string? MetadataJson,
    [property: Id(18)] string? PauseReason = null,
    [property: Id(19)] DateTimeOffset? EndAt = null);
