namespace BatchCalling.Webhooks;

/// <summary>The endpoint made (with its secret, shown this once), or which field was refused and why.</summary>
[GenerateSerializer, Immutable, Alias("batch.webhook-create-result")]
public sealed record WebhookCreateResult(
    [property: Id(0)] WebhookEndpoint? Endpoint,
    [property: Id(1)] string? InvalidField = null,
    [property: Id(2)] string? Problem = null);
