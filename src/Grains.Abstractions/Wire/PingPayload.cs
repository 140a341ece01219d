namespace BatchCalling.Wire;

/// <summary>The body of a <c>ping</c> webhook.</summary>
public sealed record PingPayload(string Type, string WebhookId, DateTimeOffset At);
