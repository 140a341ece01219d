namespace BatchCalling.Webhooks;

/// <summary>The events an organization's webhook endpoints may be told of, by their wire names.</summary>
public static class WebhookEventTypes
{
    public const string JobStatusChanged = "job.status_changed";
    public const string ContactFinished = "contact.finished";

    /// <summary>Sent only on request (<c>POST /batch/webhooks/{id}/test</c>), whatever the endpoint subscribed to.</summary>
    public const string Ping = "ping";

    /// <summary>What an endpoint may subscribe to.</summary>
    public static IReadOnlyList<string> Subscribable { get; } = [JobStatusChanged, ContactFinished];
}
