using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>A validated create request: fields in range, times resolved to UTC, contacts parsed.</summary>
[GenerateSerializer, Immutable, Alias("batch.create-job")]
public sealed record CreateJobCommand(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string FromPhoneNumberId,
    [property: Id(3)] int ConcurrentCallLimit,
    [property: Id(4)] int MaxAttempts,
    [property: Id(5)] int RetryDelaySeconds,
    [property: Id(6)] DateTimeOffset? ScheduledStartTime,
    [property: Id(7)] string Timezone,
    [property: Id(8)] bool AutoStart,
    [property: Id(9)] IReadOnlyList<ContactInput> Contacts);
