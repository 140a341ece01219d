using System.Net.ServerSentEvents;
using BatchCalling.Jobs;

namespace BatchCalling.Gateway.Live;

/// <summary>
/// One job's changes for every event stream of this gateway that shows it: one subscription to the job, renewed, and fanned
/// out to the streams. A renewal answers the job's figures, so changes lost with a silo are made good by the next one.
/// </summary>
internal sealed partial class JobFeed(string organizationId, string jobId, IGrainFactory grains, JobEvents events, ILogger logger) : IJobWatcher, IAsyncDisposable
{
    /// <summary>Well within the job's lease on a subscription (two minutes).</summary>
    private static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(30);

    /// <summary>After a failed renewal (the cluster unreachable, the job's silo dying).</summary>
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly HashSet<JobEventQueue> _queues = [];
    private readonly CancellationTokenSource _stop = new();
    private SseItem<string>? _latest;
    private IJobWatcher? _reference;
    private Task _renewing = Task.CompletedTask;

    private IBatchJobGrain Job => grains.GetGrain<IBatchJobGrain>(jobId);

    public void Start()
    {
        _reference = grains.CreateObjectReference<IJobWatcher>(this);
        _renewing = RenewAsync(_stop.Token);
    }

    /// <summary>Adds a stream, which is told the job's latest figures at once when they are known.</summary>
    public void Add(JobEventQueue queue)
    {
        lock (_gate)
        {
            _queues.Add(queue);
            if (_latest is { } latest)
            {
                queue.Offer(jobId, latest);
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
            await Job.UnwatchAsync(_reference!);
        }
        catch (Exception e)
        {
            // The subscription lapses by itself.
            LogUnwatchFailed(logger, e, jobId);
        }

        grains.DeleteObjectReference<IJobWatcher>(_reference!);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unwatching job {JobId} failed")]
    private static partial void LogUnwatchFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching job {JobId} failed; trying again in {Retry}")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string jobId, TimeSpan retry);

    Task IJobWatcher.JobChangedAsync(JobUpdate update)
    {
        Tell(update);
        return Task.CompletedTask;
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
                    var update = await Job.WatchAsync(organizationId, _reference!).WaitAsync(stop);
                    Tell(update);
                    if (update.IsGone)
                    {
                        return;
                    }

                    wait = RenewPeriod;
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    LogWatchFailed(logger, e, jobId, RetryPeriod);
                    wait = RetryPeriod;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The last stream left.
        }
    }

    private void Tell(JobUpdate update)
    {
        // Serialized once for every stream; a renewal that changed nothing is not sent again.
        var item = events.Of(update);
        lock (_gate)
        {
            if (_latest is { } latest && latest.EventType == item.EventType && latest.Data == item.Data)
            {
                return;
            }

            _latest = item;
            foreach (var queue in _queues)
            {
                queue.Offer(jobId, item);
            }
        }
    }
}
