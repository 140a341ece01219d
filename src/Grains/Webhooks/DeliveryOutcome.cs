namespace BatchCalling.Webhooks;

/// <summary>How an attempt at a row ended: its new status, the HTTP status (null when none came), and when it is tried next.</summary>
public sealed record DeliveryOutcome(
    long Seq, WebhookDeliveryStatus Status, int? StatusCode, int Attempts, DateTimeOffset AttemptedAt, DateTimeOffset? NextAttemptAt);
