namespace BatchCalling.Webhooks;

/// <summary>An event due at an endpoint, as the deliverer takes it: <see cref="Seq"/> orders the events of a job.</summary>
public sealed record OutboxRow(long Seq, WebhookEventData Event, int Attempts, DateTimeOffset CreatedAt);
