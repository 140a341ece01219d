namespace BatchCalling.Webhooks;

/// <summary>A <c>ping</c>, sent on request to one endpoint; each request is an event of its own.</summary>
[GenerateSerializer, Immutable, Alias("batch.webhook-ping")]
public sealed record WebhookPing(
    [property: Id(0)] string PingId,
    [property: Id(1)] string WebhookId,
    [property: Id(2)] DateTimeOffset At) : WebhookEventData
{
    public override string EventId => PingId;

    public override string Type => WebhookEventTypes.Ping;

    public override string JobId => "";
}
