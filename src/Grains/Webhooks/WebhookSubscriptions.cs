using BatchCalling.Organizations;

namespace BatchCalling.Webhooks;

/// <summary>
/// Each organization's webhook endpoints as this silo last read them, for at most <see cref="Freshness"/>: how jobs
/// learn, at no cost on their hot path, whether anyone listens at all. An endpoint registered or deleted is seen by
/// every silo within that time (a deleted one is also never delivered to: its deliverer asks its organization first).
/// </summary>
public sealed class WebhookSubscriptions(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly RecentReads<string, IReadOnlyList<WebhookInfo>> _organizations = new(time, Freshness);

    /// <summary>The organization's endpoints subscribed to events of <paramref name="type"/>.</summary>
    public async ValueTask<IReadOnlyList<WebhookInfo>> ForAsync(string organizationId, string type)
    {
        var endpoints = await _organizations.GetAsync(organizationId, id => grains.GetGrain<IOrganizationGrain>(id).ListWebhooksAsync());
        return [.. endpoints.Where(e => e.Events.Contains(type))];
    }
}
