namespace BatchCalling.Throttling;

/// <summary>
/// The org-wide call ceiling (key: organization id). Slots are leases held per job, shared fairly between
/// the organization's jobs; a lease not renewed in time returns its slots by itself.
/// </summary>
[Alias("batch.IOrganizationThrottleGrain")]
public interface IOrganizationThrottleGrain : IGrainWithStringKey
{
    /// <summary>Records what the job holds, renews its lease and grants what its fair share and the ceiling allow.</summary>
    [Alias("Exchange")]
    Task<SlotGrant> ExchangeAsync(SlotRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets the ceiling (the organization calls it when its limit changes).</summary>
    [Alias("SetLimit")]
    Task SetLimitAsync(int concurrencyLimit);

    /// <summary>Slots held by all jobs right now.</summary>
    [Alias("GetHeld")]
    Task<int> GetHeldAsync();
}
