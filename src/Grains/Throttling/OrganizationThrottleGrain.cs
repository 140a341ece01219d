using BatchCalling.Jobs;
using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BatchCalling.Throttling;

/// <summary>
/// Holds the org ceiling's leases in memory: every running job re-states its holding each heartbeat, so a new
/// activation learns the truth within one. After a crash, or a deactivation while slots were held, it grants nothing
/// until then, lest it hand out slots that calls still in progress hold.
/// </summary>
internal sealed class OrganizationThrottleGrain(
    [PersistentState("throttle", BatchStorage.Name)] IPersistentState<ThrottleState> state,
    IOptions<ThrottleOptions> options,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time) : Grain, IOrganizationThrottleGrain
{
    private const int DefaultLimit = 10;
    private SlotLedger _ledger = null!;
    private DateTimeOffset _grantsFrom = DateTimeOffset.MinValue;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(this.GetPrimaryKeyString()).GetAsync();
        _ledger = new SlotLedger(organization?.ConcurrencyLimit ?? DefaultLimit, options.Value.LeaseDuration);
        if (state.State.Active)
        {
            _grantsFrom = time.GetUtcNow() + options.Value.RecoveryQuietPeriod;
        }

        state.State.Active = true;
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>
    /// A deactivation forgets the ledger, so it may only clear the flag when nothing is held; otherwise the next activation
    /// must wait for the jobs to re-state their holdings, exactly as after a crash.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _ledger.Expire(time.GetUtcNow());
        state.State.Active = _ledger.Held > 0;
        await state.WriteStateAsync(cancellationToken);
    }

    Task<SlotGrant> IOrganizationThrottleGrain.ExchangeAsync(SlotRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grant = _ledger.Exchange(now < _grantsFrom ? request with { Wanted = 0 } : request, now);
        if (now >= _grantsFrom)
        {
            // One-way: a lost wake-up costs the job at most a heartbeat; messages grow with calls ended, not with jobs waiting.
            foreach (var jobId in _ledger.Wake(now))
            {
                _ = GrainFactory.GetGrain<IBatchJobGrain>(jobId).SlotsFreedAsync();
            }
        }

        return Task.FromResult(grant);
    }

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
