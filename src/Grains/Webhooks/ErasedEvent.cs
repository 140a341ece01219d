namespace BatchCalling.Webhooks;

/// <summary>What an event of an erased job still says in the in-memory outbox: its id, type and job, nothing of a person.</summary>
[GenerateSerializer, Immutable, Alias("batch.erased-event")]
public sealed record ErasedEvent(
    [property: Id(0)] string ErasedEventId,
    [property: Id(1)] string ErasedType,
    [property: Id(2)] string ErasedJobId) : WebhookEventData
{
    public override string EventId => ErasedEventId;

    public override string Type => ErasedType;

    public override string JobId => ErasedJobId;
}
