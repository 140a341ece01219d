using Orleans.Concurrency;

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

    /// <summary>Sets the organization's calls per second (null: none), with every number's own.</summary>
    [Alias("SetPace")]
    Task SetPaceAsync(double? callsPerSecond);

    /// <summary>
    /// The time a call from this caller number may start, under its rate and the organization's: reserved, so no other
    /// start takes it, and only once the start before it was confirmed. A contact asks just before it dials, waits until
    /// then, and confirms once its dial was answered. Interleaves: it waits for that confirmation.
    /// </summary>
    [Alias("ReserveStart"), AlwaysInterleave]
    Task<DateTimeOffset> ReserveStartAsync(string phoneNumberId, double? numberCallsPerSecond);

    /// <summary>A paced call's dial was sent and answered (whatever the answer): the next start may be reserved.</summary>
    [Alias("ConfirmStart"), AlwaysInterleave, OneWay]
    Task ConfirmStartAsync(string phoneNumberId, double? numberCallsPerSecond);

    /// <summary>Slots held by all jobs right now.</summary>
    [Alias("GetHeld")]
    Task<int> GetHeldAsync();
}
