namespace BatchCalling.Webhooks;

/// <summary>
/// Puts events in the outbox for the endpoints subscribed to them, in one write, then wakes those endpoints' deliverers
/// (one-way: the enqueuer never waits on an endpoint). A failed write throws: the caller's own write fails with it and is
/// tried again, so no event is ever dropped.
/// </summary>
public sealed class WebhookEnqueuer(IWebhookOutbox outbox, WebhookSubscriptions subscriptions, IGrainFactory grains)
{
    /// <summary>Whether any endpoint of the organization wants events of <paramref name="type"/>.</summary>
    public async ValueTask<bool> AnyAsync(string organizationId, string type) => (await subscriptions.ForAsync(organizationId, type)).Count > 0;

    /// <summary>Each event for every endpoint of the organization subscribed to its type.</summary>
    public async Task EnqueueAsync(string organizationId, IReadOnlyList<WebhookEventData> events, DateTimeOffset now)
    {
        var endpoints = new Dictionary<string, IReadOnlyList<WebhookInfo>>();
        foreach (var type in events.Select(e => e.Type).Distinct())
        {
            endpoints[type] = await subscriptions.ForAsync(organizationId, type);
        }

        // In the events' own order, which the outbox keeps for each job.
        await AddAsync([.. events.SelectMany(e => endpoints[e.Type].Select(endpoint => new OutboxEntry(endpoint.Id, organizationId, e)))], now);
    }

    /// <summary>One event for one endpoint, whatever it subscribed to (a ping).</summary>
    public Task EnqueueToAsync(string organizationId, string endpointId, WebhookEventData data, DateTimeOffset now) =>
        AddAsync([new OutboxEntry(endpointId, organizationId, data)], now);

    /// <summary>Erases what the events of an erased job say (see <see cref="IWebhookOutbox.EraseJobAsync"/>).</summary>
    public Task EraseJobAsync(string jobId) => outbox.EraseJobAsync(jobId);

    private async Task AddAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset now)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await outbox.AddAsync(entries, now);
        foreach (var (endpointId, organizationId) in entries.Select(e => (e.EndpointId, e.OrganizationId)).Distinct())
        {
            await grains.GetGrain<IWebhookEndpointGrain>(endpointId).WakeAsync(organizationId);
        }
    }
}
