using BatchCalling.Contacts;
using BatchCalling.Windows;

namespace BatchCalling.Jobs;

/// <summary>
/// The job object of the detail endpoint: the summary plus settings, costs, per-status counts, when it should be done,
/// and one page of its contacts.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.job-detail")]
public sealed record JobDetail(
    [property: Id(0)] JobSummary Summary,
    [property: Id(4)] int RetryDelaySeconds,
    [property: Id(5)] string Timezone,
    [property: Id(6)] decimal EstimatedCost,
    [property: Id(7)] decimal ActualCost,
    [property: Id(8)] DateTimeOffset? CancelledAt,
    [property: Id(9)] string? FailureReason,
    [property: Id(10)] string? ScheduledJobId,
    [property: Id(11)] IReadOnlyDictionary<string, int> ContactStatusCounts,
    [property: Id(12)] double Progress,
    [property: Id(13)] DateTimeOffset? EstimatedCompletionTime,
    [property: Id(14)] ContactPage Contacts,
    [property: Id(15)] int MaxCallDurationSeconds,
    [property: Id(24)] CallingWindow? CallingWindow);
