using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BatchCalling.Throttling;

/// <summary>
/// Holds the org ceiling's leases in memory only: every running job re-states its holding each second,
/// so a new activation learns the truth within a lease renewal.
/// </summary>
internal sealed class OrganizationThrottleGrain(IOptions<ThrottleOptions> options, [FromKeyedServices(BatchClock.Key)] TimeProvider time)
    : Grain, IOrganizationThrottleGrain
{
    private const int DefaultLimit = 10;
    private SlotLedger _ledger = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(this.GetPrimaryKeyString()).GetAsync();
        _ledger = new SlotLedger(organization?.ConcurrencyLimit ?? DefaultLimit, options.Value.LeaseDuration);
    }

    Task<SlotGrant> IOrganizationThrottleGrain.ExchangeAsync(SlotRequest request) =>
        Task.FromResult(_ledger.Exchange(request, time.GetUtcNow()));

    Task IOrganizationThrottleGrain.SetLimitAsync(int concurrencyLimit)
    {
        _ledger.Limit = concurrencyLimit;
        return Task.CompletedTask;
    }

    Task<int> IOrganizationThrottleGrain.GetHeldAsync()
    {
        _ledger.Expire(time.GetUtcNow());
        return Task.FromResult(_ledger.Held);
    }
}
