using System.Net.ServerSentEvents;
using BatchCalling.Jobs;

namespace BatchCalling.Gateway.Live;

/// <summary>
/// One subscription of this gateway to a grain, for every event stream that needs it: taken when the first stream joins,
/// renewed within the grain's lease, fanned out to the streams, and given up when the last leaves. A renewal
/// also answers what the grain shows now, so events lost with a silo are made good by the next one.
/// </summary>
internal abstract partial class Feed(ILogger logger) : IAsyncDisposable
{
    /// <summary>Well within a grain's lease on a subscription (<see cref="WatchLease"/>).</summary>
    private static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(30);

    /// <summary>After a failed renewal (the cluster unreachable, the grain's silo dying).</summary>
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly HashSet<JobEventQueue> _queues = [];
    private readonly CancellationTokenSource _stop = new();
    private (string Key, SseItem<string> Item)? _latest;
    private Task _renewing = Task.CompletedTask;

    /// <summary>What the feed watches, for the logs.</summary>
    protected abstract string Name { get; }

    public void Start() => _renewing = RenewAsync(_stop.Token);

    /// <summary>Adds a stream, which is told the latest state at once when it is known.</summary>
    public void Add(JobEventQueue queue)
    {
        lock (_gate)
        {
            _queues.Add(queue);
            if (_latest is var (key, item))
            {
                queue.Offer(key, item);
            }
        }
    }

    /// <summary>Removes a stream; true when it was the last.</summary>
    public bool Remove(JobEventQueue queue)
    {
        lock (_gate)
        {
            _queues.Remove(queue);
            return _queues.Count == 0;
        }
    }

    /// <summary>Stops renewing and gives the subscription up.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        try
        {
            await UnwatchAsync();
        }
        catch (Exception e)
        {
            // The subscription lapses by itself.
            LogUnwatchFailed(logger, e, Name);
        }

        _stop.Dispose();
    }

    /// <summary>Subscribes, or renews; false when there is nothing to watch (renewals stop).</summary>
    protected abstract Task<bool> WatchAsync(CancellationToken cancellationToken);

    protected abstract Task UnwatchAsync();

    /// <summary>
    /// Writes an event to every stream, keyed so that a stream not yet written to keeps only the latest of each key; a
    /// state (<paramref name="latest"/>) is also given to streams that join later, and is not sent again unchanged.
    /// </summary>
    protected void Tell(string key, SseItem<string> item, bool latest)
    {
        lock (_gate)
        {
            if (latest)
            {
                if (_latest is var (_, last) && last.EventType == item.EventType && last.Data == item.Data)
                {
                    return;
                }

                _latest = (key, item);
            }

            foreach (var queue in _queues)
            {
                queue.Offer(key, item);
            }
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        var wait = TimeSpan.Zero;
        try
        {
            while (true)
            {
                await Task.Delay(wait, stop);
                try
                {
                    if (!await WatchAsync(stop))
                    {
                        return;
                    }

                    wait = RenewPeriod;
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    LogWatchFailed(logger, e, Name, RetryPeriod);
                    wait = RetryPeriod;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The last stream left.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unwatching {Name} failed")]
    private static partial void LogUnwatchFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching {Name} failed; trying again in {Retry}")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string name, TimeSpan retry);
}
