using System.Diagnostics.Metrics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace BatchCalling.Gateway.Live;

/// <summary>
/// This gateway's feeds of jobs' changes: however many event streams show a job, the gateway holds one subscription to it,
/// taken by the first stream and given up by the last.
/// </summary>
public sealed class JobFeeds
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Organization, string? Job), Feed> _feeds = [];
    private readonly IGrainFactory _grains;
    private readonly JobEvents _events;
    private readonly ILogger<JobFeeds> _logger;
    private readonly CancellationToken _stopping;
    private int _streams;

    public JobFeeds(IGrainFactory grains, JobEvents events, IMeterFactory meters, IHostApplicationLifetime lifetime, ILogger<JobFeeds> logger)
    {
        (_grains, _events, _logger) = (grains, events, logger);
        // Open streams would otherwise hold up the gateway's shutdown until its timeout.
        _stopping = lifetime.ApplicationStopping;
        // The meter the telemetry exports (BatchMetrics' in the silo).
        var meter = meters.Create("BatchCalling");
        meter.CreateObservableGauge("batch.gateway.job_feeds", () => Feeds, "{subscription}",
            "Subscriptions this gateway holds for its event streams: one per job shown (and per organization whose new jobs are asked for), however many streams");
        meter.CreateObservableGauge("batch.gateway.event_streams", () => Volatile.Read(ref _streams), "{stream}", "Open job event streams");
    }

    public int Feeds
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>
    /// Every event of the organization's <paramref name="jobIds"/>, their current figures first, and with
    /// <paramref name="listed"/> each new job of the organization, until cancelled or the gateway stops (the stream then
    /// ends, and browsers reconnect to another gateway).
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> StreamAsync(
        string organizationId, IReadOnlyList<string> jobIds, bool listed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = jobIds.Select(id => (organizationId, (string?)id)).ToList();
        if (listed)
        {
            // A null job is the organization's list.
            keys.Add((organizationId, null));
        }

        var queue = new JobEventQueue();
        Join(keys, queue);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping);
        try
        {
            await foreach (var item in queue.ReadAllAsync(_events.PingItem, ending.Token))
            {
                yield return item;
            }
        }
        finally
        {
            await LeaveAsync(keys, queue);
        }
    }

    private void Join(IEnumerable<(string Organization, string? Job)> keys, JobEventQueue queue)
    {
        Interlocked.Increment(ref _streams);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (!_feeds.TryGetValue(key, out var feed))
                {
                    feed = key.Job is { } jobId
                        ? new JobFeed(key.Organization, jobId, _grains, _events, _logger)
                        : new JobListFeed(key.Organization, _grains, _events, _logger);
                    _feeds.Add(key, feed);
                    feed.Start();
                }

                feed.Add(queue);
            }
        }
    }

    private async Task LeaveAsync(IEnumerable<(string Organization, string? Job)> keys, JobEventQueue queue)
    {
        Interlocked.Decrement(ref _streams);
        List<Feed> unwatched = [];
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_feeds.TryGetValue(key, out var feed) && feed.Remove(queue))
                {
                    _feeds.Remove(key);
                    unwatched.Add(feed);
                }
            }
        }

        await Task.WhenAll(unwatched.Select(f => f.DisposeAsync().AsTask()));
    }
}
