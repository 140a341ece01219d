using BatchCalling.Jobs;

namespace BatchCalling.Webhooks;

/// <summary>A <c>job.status_changed</c> event: a job reached <see cref="Status"/> (a job reaches each status once at most).</summary>
[GenerateSerializer, Immutable, Alias("batch.job-status-change")]
public sealed record JobStatusChange(
    [property: Id(0)] string ChangedJobId,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] JobStatus? PreviousStatus,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Total,
    [property: Id(5)] int Processed,
    [property: Id(6)] int Successful,
    [property: Id(7)] int Failed,
    [property: Id(8)] IReadOnlyDictionary<string, int> StatusBreakdown) : WebhookEventData
{
    public override string EventId => $"evt_{ChangedJobId}_{WireNames.Of(Status)}";

    public override string Type => WebhookEventTypes.JobStatusChanged;

    public override string JobId => ChangedJobId;
}
