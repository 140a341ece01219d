using Orleans.Utilities;

namespace BatchCalling.Jobs;

/// <summary>
/// Live figures for gateways' feeds: watchers subscribe, renew, and are told of each change, about once a second at most.
/// Subscriptions live in memory only: a new activation has none, and the watchers' next renewals restore them.
/// </summary>
internal sealed partial class BatchJobGrain
{
    /// <summary>How often a watched job compares its figures: changes are coalesced to this.</summary>
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(1);

    private ObserverManager<IJobWatcher>? _watchers;
    private IGrainTimer? _watchTimer;
    private JobUpdate? _told;

    private ObserverManager<IJobWatcher> Watchers => _watchers ??=
        new(WatchLease.Duration, logger) { GetDateTime = () => time.GetUtcNow().UtcDateTime };

    Task<JobUpdate> IBatchJobGrain.WatchAsync(string organizationId, IJobWatcher watcher)
    {
        if (!Owns(organizationId))
        {
            return Task.FromResult(JobUpdate.Gone(JobId));
        }

        CountingWatchers(() => Watchers.Subscribe(watcher, watcher));
        _watchTimer ??= this.RegisterGrainTimer(TellWatchersAsync, new GrainTimerCreationOptions(WatchPeriod, WatchPeriod) { Interleave = true });
        return Task.FromResult(Update());
    }

    Task IBatchJobGrain.UnwatchAsync(IJobWatcher watcher)
    {
        CountingWatchers(() => _watchers?.Unsubscribe(watcher));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_watchers is { Count: > 0 })
        {
            // The last figures, or gone after a delete; watchers renewing later meet a new activation.
            TellWatchersAsync();
            CountingWatchers(_watchers.Clear);
        }

        return Task.CompletedTask;
    }

    private JobUpdate Update() => Owns(Job.OrganizationId)
        ? new JobUpdate(JobId, JobViews.Summary(JobId, Job, _dispatcher?.Board), JobViews.StatusCounts(Job, _dispatcher?.Board))
        : JobUpdate.Gone(JobId);

    private Task TellWatchersAsync()
    {
        var update = Update();
        if (!update.SameAs(_told))
        {
            _told = update;
            // One-way: nothing to wait for.
            CountingWatchers(() => Watchers.Notify(w => { _ = w.JobChangedAsync(update); }));
        }
        else
        {
            CountingWatchers(() => _watchers?.ClearExpired());
        }

        if (_watchers is not { Count: > 0 })
        {
            // Nobody watches: no timer until someone does.
            _watchTimer?.Dispose();
            _watchTimer = null;
            _told = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs a change to the subscriptions, counting the watchers it adds or drops (lapsed ones included).</summary>
    private void CountingWatchers(Action change)
    {
        var before = _watchers?.Count ?? 0;
        change();
        metrics.WatchersChanged((_watchers?.Count ?? 0) - before);
    }
}
