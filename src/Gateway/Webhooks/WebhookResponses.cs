using BatchCalling.Webhooks;

namespace BatchCalling.Gateway.Webhooks;

/// <summary>A webhook endpoint as listed: never its secret.</summary>
public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookInfo w) => new(w.Id, w.Url.OriginalString, w.Events, w.CreatedAt);
}

/// <summary>A new endpoint, with its secret: shown here and on rotation only.</summary>
public sealed record CreatedWebhookResponse(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret)
{
    public static CreatedWebhookResponse From(WebhookEndpoint w) => new(w.Id, w.Url.OriginalString, w.Events, w.CreatedAt, w.Secret);
}

public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Webhooks);

/// <summary>One event's delivery to the endpoint: its last HTTP status (null when none came), attempts, and when it is tried next.</summary>
public sealed record WebhookDeliveryResponse(
    string EventId, string Type, string Status, int? StatusCode, int Attempts, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) =>
        new(d.EventId, d.Type, WireNames.Of(d.Status), d.StatusCode, d.Attempts, d.LastAttemptAt, d.NextAttemptAt, d.CreatedAt);
}

public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryResponse> Deliveries);

/// <summary>The <c>ping</c> queued for the endpoint: its <c>webhook-id</c>.</summary>
public sealed record WebhookTestResponse(string EventId);

/// <summary>The endpoint's new secret; the previous one signs too for 24 hours.</summary>
public sealed record WebhookSecretResponse(string Secret);
