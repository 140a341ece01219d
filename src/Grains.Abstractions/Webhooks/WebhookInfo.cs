namespace BatchCalling.Webhooks;

/// <summary>A webhook endpoint as listed: never its secret.</summary>
[GenerateSerializer, Immutable, Alias("batch.webhook-info")]
public sealed record WebhookInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] Uri Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] DateTimeOffset CreatedAt);
