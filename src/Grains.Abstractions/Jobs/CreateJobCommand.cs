using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>
/// A validated create request: fields in range, times resolved to UTC, contacts parsed. A <see cref="DryRun"/> is
/// checked like a create and answered with the same figures, but nothing is stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.create-job")]
public sealed record CreateJobCommand(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string FromPhoneNumberId,
    [property: Id(3)] int ConcurrentCallLimit,
    [property: Id(10)] RetryPolicy RetryPolicy,
    [property: Id(5)] int RetryDelaySeconds,
    [property: Id(6)] DateTimeOffset? ScheduledStartTime,
    [property: Id(7)] string Timezone,
    [property: Id(8)] bool AutoStart,
    [property: Id(9)] IReadOnlyList<ContactInput> Contacts,
    [property: Id(11)] string? MetadataJson,
    [property: Id(12)] bool DryRun);
