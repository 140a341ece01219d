using BatchCalling.Contacts;
using BatchCalling.Windows;

namespace BatchCalling.Jobs;

/// <summary>
/// A validated create request: fields in range, times resolved to UTC, contacts parsed. A <see cref="DryRun"/> is
/// checked like a create and answered with the same figures, but nothing is stored. A create under an
/// <c>Idempotency-Key</c> carries the request's <see cref="IdempotencyFingerprint"/>: the job id comes from the key, so a
/// repeat finds the job it made and is answered as the first was.
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
    [property: Id(12)] bool DryRun,
    [property: Id(13)] string? IdempotencyFingerprint = null,
    [property: Id(14)] int MaxCallDurationSeconds = 1800,
    [property: Id(15)] DateTimeOffset? EndAt = null,
    [property: Id(16)] CallingWindow? CallingWindow = null);
