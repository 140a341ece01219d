using Orleans.Concurrency;

namespace BatchCalling.Webhooks;

/// <summary>The one deliverer of a webhook endpoint (key: endpoint id): it sends what the outbox holds for it.</summary>
[Alias("batch.IWebhookEndpointGrain")]
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    /// <summary>
    /// Work may be waiting for this endpoint of <paramref name="organizationId"/>: the grain delivers what is due. One-way
    /// and interleaved, so whoever wakes it (a job, the sweeper) never waits on the endpoint, however slow it is.
    /// </summary>
    [Alias("Wake"), OneWay, AlwaysInterleave]
    Task WakeAsync(string organizationId);
}
