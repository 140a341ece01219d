using BatchCalling.Webhooks;

namespace BatchCalling.Organizations;

/// <summary>
/// An organization's webhook endpoints: at most <see cref="MaxEndpoints"/>, each subscribed to one or more events, each
/// with its secret (and, for a day after a rotation, the one before). Memory never ahead of storage: each change is undone
/// when its write fails.
/// </summary>
internal sealed class WebhookRegistry(OrganizationState org, Func<Task> write, TimeProvider time)
{
    public const int MaxEndpoints = 10;

    public async Task<WebhookCreateResult> CreateAsync(Uri url, IReadOnlyList<string> events)
    {
        if (events.Count == 0 || events.Any(e => !WebhookEventTypes.Subscribable.Contains(e)))
        {
            return new WebhookCreateResult(null, "events", $"Must list one or more of: {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        }

        if (org.Webhooks.Count >= MaxEndpoints)
        {
            return new WebhookCreateResult(null, "webhooks", $"An organization has at most {MaxEndpoints} webhook endpoints; delete one first.");
        }

        var endpoint = new WebhookEndpoint("wh_" + Guid.NewGuid().ToString("N")[..20], url, [.. events.Distinct()], time.GetUtcNow(), WebhookSecrets.Generate());
        await StoredChange.ApplyAsync(() => org.Webhooks.Add(endpoint), () => org.Webhooks.Remove(endpoint), write);
        return new WebhookCreateResult(endpoint);
    }

    public IReadOnlyList<WebhookInfo> List() => [.. org.Webhooks.Select(w => new WebhookInfo(w.Id, w.Url, w.Events, w.CreatedAt))];

    public WebhookEndpoint? Find(string webhookId) => org.Webhooks.Find(w => w.Id == webhookId);

    public async Task<bool> DeleteAsync(string webhookId)
    {
        var index = org.Webhooks.FindIndex(w => w.Id == webhookId);
        if (index < 0)
        {
            return false;
        }

        var endpoint = org.Webhooks[index];
        await StoredChange.ApplyAsync(() => org.Webhooks.RemoveAt(index), () => org.Webhooks.Insert(index, endpoint), write);
        return true;
    }

    /// <summary>The new secret; the one it replaces signs too for <see cref="WebhookSecrets.RotationOverlap"/>.</summary>
    public async Task<string?> RotateAsync(string webhookId)
    {
        var index = org.Webhooks.FindIndex(w => w.Id == webhookId);
        if (index < 0)
        {
            return null;
        }

        var endpoint = org.Webhooks[index];
        var rotated = endpoint with { Secret = WebhookSecrets.Generate(), PreviousSecret = endpoint.Secret, SecretRotatedAt = time.GetUtcNow() };
        await StoredChange.ApplyAsync(() => org.Webhooks[index] = rotated, () => org.Webhooks[index] = endpoint, write);
        return rotated.Secret;
    }
}
