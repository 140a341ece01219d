namespace BatchCalling.Webhooks;

/// <summary>
/// One of an organization's webhook endpoints as it is stored, secrets included: only its owner and its deliverer
/// (<see cref="IWebhookEndpointGrain"/>) see it whole. After a rotation the previous secret still signs until
/// <see cref="SecretRotatedAt"/> plus the overlap.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.webhook-endpoint")]
public sealed record WebhookEndpoint(
    [property: Id(0)] string Id,
    [property: Id(1)] Uri Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string Secret,
    [property: Id(5)] string? PreviousSecret = null,
    [property: Id(6)] DateTimeOffset? SecretRotatedAt = null);
