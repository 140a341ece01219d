namespace BatchCalling.Webhooks;

/// <summary>One event's delivery to one endpoint, as its log shows it: the last HTTP status, how often it was tried, and when next.</summary>
[GenerateSerializer, Immutable, Alias("batch.webhook-delivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] WebhookDeliveryStatus Status,
    [property: Id(3)] int? StatusCode,
    [property: Id(4)] int Attempts,
    [property: Id(5)] DateTimeOffset? LastAttemptAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] DateTimeOffset CreatedAt);
