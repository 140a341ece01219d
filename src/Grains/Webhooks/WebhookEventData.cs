namespace BatchCalling.Webhooks;

/// <summary>
/// What an event says, as the outbox keeps it (Orleans' binary format, like grain state): its payload is written from this
/// when it is sent, so a contact's calls are read then, not on the job's hot path.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.webhook-event-data")]
public abstract record WebhookEventData
{
    /// <summary>
    /// The event's id, the <c>webhook-id</c> receivers dedupe on: made of what the event is about, so an event enqueued
    /// again (a job recovering from a crash applies the same outcome again) is the same event.
    /// </summary>
    public abstract string EventId { get; }

    /// <summary>Its wire name (<see cref="WebhookEventTypes"/>).</summary>
    public abstract string Type { get; }

    /// <summary>The job whose events an endpoint receives in order (empty for events of no job).</summary>
    public abstract string JobId { get; }
}
