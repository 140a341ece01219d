namespace BatchCalling.Jobs;

/// <summary>How long a grain keeps a watcher (<see cref="IJobWatcher"/>, <see cref="IJobListWatcher"/>) that does not renew.</summary>
public static class WatchLease
{
    /// <summary>Gateways renew well within it, so only a gone gateway's subscription lapses.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
}
