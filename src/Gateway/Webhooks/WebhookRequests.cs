namespace BatchCalling.Gateway.Webhooks;

/// <summary>A new endpoint: where to post, and which events (<c>job.status_changed</c>, <c>contact.finished</c>).</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);
