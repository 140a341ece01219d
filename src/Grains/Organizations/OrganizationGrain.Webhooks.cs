using BatchCalling.Webhooks;

namespace BatchCalling.Organizations;

/// <summary>The organization's webhook endpoints (<see cref="WebhookRegistry"/>), their test pings and delivery logs.</summary>
internal sealed partial class OrganizationGrain
{
    /// <summary>How many of an endpoint's most recent deliveries its log shows.</summary>
    private const int DeliveryLogSize = 50;

    private WebhookRegistry Webhooks => new(Org, WriteAsync, time);

    async Task<WebhookCreateResult> IOrganizationGrain.CreateWebhookAsync(Uri url, IReadOnlyList<string> events) =>
        state.RecordExists ? await Webhooks.CreateAsync(url, events) : new WebhookCreateResult(null, "organization", "The organization does not exist.");

    Task<IReadOnlyList<WebhookInfo>> IOrganizationGrain.ListWebhooksAsync() => Task.FromResult(Webhooks.List());

    Task<WebhookEndpoint?> IOrganizationGrain.GetWebhookAsync(string webhookId) => Task.FromResult(Webhooks.Find(webhookId));

    async Task<bool> IOrganizationGrain.DeleteWebhookAsync(string webhookId)
    {
        if (!await Webhooks.DeleteAsync(webhookId))
        {
            return false;
        }

        // Its deliverer finds it gone and drops what was left for it.
        await GrainFactory.GetGrain<IWebhookEndpointGrain>(webhookId).WakeAsync(this.GetPrimaryKeyString());
        return true;
    }

    Task<string?> IOrganizationGrain.RotateWebhookSecretAsync(string webhookId) => Webhooks.RotateAsync(webhookId);

    async Task<string?> IOrganizationGrain.TestWebhookAsync(string webhookId)
    {
        if (Webhooks.Find(webhookId) is null)
        {
            return null;
        }

        var ping = new WebhookPing("evt_ping_" + Guid.NewGuid().ToString("N")[..20], webhookId, time.GetUtcNow());
        await enqueuer.EnqueueToAsync(this.GetPrimaryKeyString(), webhookId, ping, time.GetUtcNow());
        return ping.EventId;
    }

    async Task<IReadOnlyList<WebhookDelivery>?> IOrganizationGrain.GetWebhookDeliveriesAsync(string webhookId) =>
        Webhooks.Find(webhookId) is null ? null : await outbox.RecentAsync(webhookId, DeliveryLogSize);
}
