using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace BatchCalling.Bench;

/// <summary>
/// #15: <c>GET /batch/jobs/events</c> under 200 open streams (loopback clients, as 200 browsers on one jobs list): 20 jobs of
/// 2,000 contacts (0 ms calls, one attempt each) run three times: once to warm up, once watched by no stream and once by 200 streams each showing all 20. It reads
/// the subscriptions the cluster holds (gateway feeds, jobs' watchers: one per job per gateway is the promise), the CPU of
/// the gateway and of the process hosting the grains over each run, the gateway's memory with the streams open, the events
/// each stream got, and how long after a job's <c>completedAt</c> the streams learned it (p50, p99 over all of them).
/// </summary>
public static class EventsWorkload
{
    private const int Streams = 200;
    private const int Jobs = 20;
    private const int Contacts = 2_000;

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        using var http = await deployment.NewTenantAsync(Jobs * 10);
        // A first round unmeasured: both measured rounds run on a warmed-up process.
        await RunJobsAsync(deployment, http, watched: false);
        var quiet = await RunJobsAsync(deployment, http, watched: false);
        var watched = await RunJobsAsync(deployment, http, watched: true);
        return new Measurement([.. quiet, .. watched]);
    }

    private static async Task<List<Metric>> RunJobsAsync(Deployment deployment, HttpClient http, bool watched)
    {
        var label = watched ? $"{Streams} streams" : "no stream";
        var jobIds = await ProductApi.PostJobsAsync(http, Jobs, Contacts, ("autoStart", "false"), ("concurrentCallLimit", "10"), ("maxAttempts", "1"));
        var memoryBefore = deployment.Gateway.WorkingSetMegabytes();
        var streams = watched ? await Task.WhenAll(Enumerable.Range(0, Streams).Select(_ => StreamReader.OpenAsync(http, jobIds))) : [];
        var metrics = new List<Metric>();
        try
        {
            await Task.WhenAll(streams.Select(s => s.UntilAsync(seen => seen.Count == Jobs)));
            if (watched)
            {
                metrics.Add(new Metric("gateway feeds (subscriptions) for 200 streams of 20 jobs", await deployment.MetricSumAsync("batch_gateway_job_feeds")));
                metrics.Add(new Metric("jobs' watchers in the cluster", await deployment.MetricSumAsync("batch_job_watchers")));
                metrics.Add(new Metric("MB gateway working set before the streams", memoryBefore, "0"));
                metrics.Add(new Metric("MB with the streams open", deployment.Gateway.WorkingSetMegabytes(), "0"));
            }

            var gatewayBefore = Cpu(deployment.Gateway);
            var siloBefore = Cpu(deployment.Silo);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(jobIds.Select(id => http.PostAsync($"/batch/jobs/{id}/start", null)));
            await ProductApi.WaitForCompletionAsync(http, jobIds);
            await Task.WhenAll(streams.Select(s => s.UntilAsync(seen => seen.Values.All(e => e.Completed))));
            metrics.Add(new Metric($"s run, {label}", clock.Elapsed.TotalSeconds, "0.0"));
            metrics.Add(new Metric($"CPU s gateway, {label}", (Cpu(deployment.Gateway) - gatewayBefore).TotalSeconds, "0.00"));
            if (deployment.Production)
            {
                metrics.Add(new Metric($"CPU s silo, {label}", (Cpu(deployment.Silo) - siloBefore).TotalSeconds, "0.00"));
            }

            if (watched)
            {
                var lags = streams.SelectMany(s => s.CompletionLags).Order().ToArray();
                metrics.Add(new Metric("events per stream (median)", streams.Select(s => (double)s.Events).Order().ElementAt(Streams / 2)));
                metrics.Add(new Metric("ms completedAt to stream p50", Measurement.Percentile(lags, 0.5)));
                metrics.Add(new Metric("ms completedAt to stream p99", Measurement.Percentile(lags, 0.99)));
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }

        return metrics;
    }

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>One loopback "browser": a stream of the jobs, keeping each job's last figures.</summary>
    private sealed class StreamReader : IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (bool Completed, double LagMs)> _seen = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private JobEventsReader? _stream;

        public int Events { get; private set; }

        public IEnumerable<double> CompletionLags
        {
            get
            {
                lock (_gate)
                {
                    return [.. _seen.Values.Select(v => v.LagMs)];
                }
            }
        }

        public static async Task<StreamReader> OpenAsync(HttpClient http, IEnumerable<string> jobIds)
        {
            var reader = new StreamReader();
            reader._stream = await JobEventsReader.OpenAsync(http, jobIds, reader.Saw);
            return reader;
        }

        /// <summary>Waits, at most a few minutes, until what the stream has seen satisfies <paramref name="done"/>.</summary>
        public async Task UntilAsync(Func<IReadOnlyDictionary<string, (bool Completed, double LagMs)>, bool> done)
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (done(_seen))
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(deadline - DateTime.UtcNow);
            }
        }

        public ValueTask DisposeAsync() => _stream!.DisposeAsync();

        private void Saw(SseItem<string> item)
        {
            if (item.EventType != "job")
            {
                return;
            }

            var job = JsonDocument.Parse(item.Data).RootElement.GetProperty("job");
            var lag = job.GetProperty("completedAt") is { ValueKind: JsonValueKind.String } at
                ? (DateTimeOffset.UtcNow - at.GetDateTimeOffset()).TotalMilliseconds
                : (double?)null;
            lock (_gate)
            {
                Events++;
                _seen[job.GetProperty("id").GetString()!] = (lag is not null, lag ?? 0);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
