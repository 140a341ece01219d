using BatchCalling.Diagnostics;
using BatchCalling.Jobs;
using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchCalling.Throttling;

/// <summary>
/// Holds the org ceiling's leases in memory and, in storage, only which jobs may hold slots and how many at most: a job
/// is stored before its first grant, so a new activation (after a crash or a deactivation) counts every stored bound as
/// taken until its job re-states what it holds, and asks each job to. No call in progress is ever counted out.
/// </summary>
internal sealed partial class OrganizationThrottleGrain(
    [PersistentState("throttle", BatchStorage.Name)] IPersistentState<ThrottleState> state,
    IOptions<ThrottleOptions> options,
    IOptions<DispatchOptions> dispatch,
    IOptions<Dialing.DialerOptions> dialer,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time,
    BatchMetrics metrics,
    ILogger<OrganizationThrottleGrain> logger) : Grain, IOrganizationThrottleGrain
{
    private const int DefaultLimit = 10;

    /// <summary>Beyond a dial's own timeout, how long a paced start may go unconfirmed (its contact slow to say) before the next.</summary>
    private static readonly TimeSpan ConfirmGrace = TimeSpan.FromSeconds(2);
    private SlotLedger _ledger = null!;
    private OrganizationPace _pace = null!;
    private IGrainTimer? _paceWake;
    private DateTimeOffset _paceWakeAt = DateTimeOffset.MaxValue;
    private ThrottleReading? _reading;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var organizationId = this.GetPrimaryKeyString();
        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(organizationId).GetAsync();
        // A job silent for a lease and a whole call has no call left on the line (calls are hung up at the maximum).
        _ledger = new SlotLedger(organization?.ConcurrencyLimit ?? DefaultLimit, options.Value.LeaseDuration, dispatch.Value.CallEndDeadline);
        _pace = new OrganizationPace(organization?.CallsPerSecond, time, dialer.Value.Timeout + ConfirmGrace);
        var asked = _ledger.Restore(state.State.Members, time.GetUtcNow());
        Ask(asked);
        _reading = metrics.Track(organizationId);
        Publish();
        if (asked.Count > 0)
        {
            var held = _ledger.Held;
            LogRestored(organizationId, asked.Count, held);
        }
    }

    /// <summary>Nobody is granted anything until the next activation, so what each job holds now bounds what it may hold then.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_reading is not null)
        {
            metrics.Untrack(this.GetPrimaryKeyString(), _reading);
        }

        state.State.Members = _ledger.Holdings();
        await state.WriteStateAsync(cancellationToken);
    }

    async Task<SlotGrant> IOrganizationThrottleGrain.ExchangeAsync(SlotRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Ask(_ledger.Expire(now));
        if (request.Wanted > 0 && state.State.Members.GetValueOrDefault(request.JobId) < request.Cap)
        {
            // Stored, with the most it may hold, before anything is granted to it: no activation can count the job's calls
            // short. (A deactivation stores only what each job held then, so a job back for more is stored again.)
            var members = state.State.Members;
            var joined = _ledger.UpperBounds();
            joined[request.JobId] = Math.Max(request.Cap, request.Holding);
            await StoredChange.ApplyAsync(() => state.State.Members = joined, () => state.State.Members = members,
                () => state.WriteStateAsync(cancellationToken));
        }

        var allowed = _pace.Allowed(request, now);
        var grant = _ledger.Exchange(request, now, allowed);
        if (_pace.Book(request, grant.Granted, allowed, now) is { } wakeAt)
        {
            WakePacedAt(wakeAt);
        }

        // Waiting jobs are told when slots free up: messages grow with calls ended, not with jobs waiting.
        Ask(_ledger.Wake(now));
        Publish();
        return grant;
    }

    Task IOrganizationThrottleGrain.SetLimitAsync(int concurrencyLimit)
    {
        _ledger.Limit = concurrencyLimit;
        Publish();
        return Task.CompletedTask;
    }

    Task IOrganizationThrottleGrain.SetPaceAsync(double? callsPerSecond)
    {
        _pace.CallsPerSecond = callsPerSecond;
        return Task.CompletedTask;
    }

    Task<DateTimeOffset> IOrganizationThrottleGrain.ReserveStartAsync(string phoneNumberId, double? numberCallsPerSecond) =>
        _pace.ReserveStartAsync(phoneNumberId, numberCallsPerSecond);

    Task IOrganizationThrottleGrain.ConfirmStartAsync(string phoneNumberId, double? numberCallsPerSecond)
    {
        _pace.ConfirmStart(phoneNumberId, numberCallsPerSecond);
        return Task.CompletedTask;
    }

    Task<int> IOrganizationThrottleGrain.GetHeldAsync()
    {
        Ask(_ledger.Expire(time.GetUtcNow()));
        return Task.FromResult(_ledger.Held);
    }

    /// <summary>After each turn that may change them: the metrics collector reads these, never the ledger.</summary>
    private void Publish() => _reading?.Update(_ledger.Held, _ledger.Limit);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Throttle of {OrganizationId} counts {Held} slots for {Jobs} jobs it had granted to, until each re-states what it holds")]
    private partial void LogRestored(string organizationId, int jobs, int held);

    /// <summary>Wakes the jobs pacing held back once their next start is within reach: one timer, at the earliest time asked.</summary>
    private void WakePacedAt(DateTimeOffset at)
    {
        if (_paceWake is not null && _paceWakeAt <= at)
        {
            return;
        }

        _paceWake?.Dispose();
        _paceWakeAt = at;
        var due = at - time.GetUtcNow();
        _paceWake = this.RegisterGrainTimer(() =>
        {
            _paceWake?.Dispose();
            (_paceWake, _paceWakeAt) = (null, DateTimeOffset.MaxValue);
            Ask(_pace.TakeHeld());
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// Asks jobs to exchange now: to take free slots, or to re-state a holding the ledger cannot vouch for. One-way: a lost
    /// message costs a waiting job a heartbeat, and an unsettled one is asked again a lease later.
    /// </summary>
    private void Ask(List<string> jobIds)
    {
        foreach (var jobId in jobIds)
        {
            _ = GrainFactory.GetGrain<IBatchJobGrain>(jobId).ExchangeNowAsync();
        }
    }
}
