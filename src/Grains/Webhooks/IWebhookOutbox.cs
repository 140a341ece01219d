namespace BatchCalling.Webhooks;

/// <summary>
/// The durable outbox of webhook events: one row per event and endpoint, written by whoever makes the event before what it
/// reports is stored, and worked off by each endpoint's deliverer. In memory on the embedded default; PostgreSQL in production.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Adds the entries in their order (which orders each job's events), all or none. An event already there for an endpoint
    /// is left as it is: enqueuing again is how a recovered job makes sure, and it sends nothing twice. An event of a job
    /// whose earlier event is waiting to be retried waits as long.
    /// </summary>
    Task AddAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset now);

    /// <summary>Up to <paramref name="max"/> events not yet delivered whose time has come, oldest first.</summary>
    Task<DueRows> TakeDueAsync(string endpointId, DateTimeOffset now, int max);

    /// <summary>Records a round's attempts and holds back the events behind the ones that failed, in one write.</summary>
    Task RecordAsync(string endpointId, IReadOnlyList<DeliveryOutcome> outcomes, IReadOnlyList<DeliveryDeferral> deferrals);

    /// <summary>The endpoint's most recent events, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> RecentAsync(string endpointId, int max);

    /// <summary>Endpoints that have events due.</summary>
    Task<IReadOnlyList<DueEndpoint>> DueEndpointsAsync(DateTimeOffset now, int max);

    /// <summary>Drops everything of an endpoint that was deleted.</summary>
    Task ForgetEndpointAsync(string endpointId);

    /// <summary>
    /// Erases what a job's events say (the job was erased): each keeps its id, type and delivery status codes only, and one
    /// not yet delivered is given up, as what it would report is gone.
    /// </summary>
    Task EraseJobAsync(string jobId);

    /// <summary>Drops delivered and given-up events made before <paramref name="createdBefore"/>.</summary>
    Task PurgeAsync(DateTimeOffset createdBefore);
}
