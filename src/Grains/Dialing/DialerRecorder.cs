using System.Collections.Concurrent;

namespace BatchCalling.Dialing;

/// <summary>
/// What the simulated dialer saw, for tests and benchmarks: calls in progress and their peaks per organization
/// and per job, and every call id placed (a second placement of one id is counted as a double dial).
/// </summary>
public sealed class DialerRecorder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Gauge> _gauges = [];
    private readonly ConcurrentDictionary<string, byte> _callIds = new();
    private long _placed;
    private long _doubleDials;

    public long Placed => Interlocked.Read(ref _placed);

    public long DoubleDials => Interlocked.Read(ref _doubleDials);

    public int PeakForOrganization(string organizationId) => Read("org:" + organizationId, g => g.Peak);

    public int PeakForJob(string jobId) => Read("job:" + jobId, g => g.Peak);

    public int PlacedForJob(string jobId) => Read("job:" + jobId, g => g.Placed);

    public void CallStarted(CallRequest call)
    {
        Interlocked.Increment(ref _placed);
        if (!_callIds.TryAdd(call.CallId, 0))
        {
            Interlocked.Increment(ref _doubleDials);
        }

        lock (_lock)
        {
            Change("org:" + call.OrganizationId, +1);
            Change("job:" + call.JobId, +1);
        }
    }

    public void CallEnded(CallRequest call)
    {
        lock (_lock)
        {
            Change("org:" + call.OrganizationId, -1);
            Change("job:" + call.JobId, -1);
        }
    }

    private void Change(string key, int delta)
    {
        var gauge = _gauges.TryGetValue(key, out var g) ? g : _gauges[key] = new Gauge();
        gauge.Current += delta;
        gauge.Peak = Math.Max(gauge.Peak, gauge.Current);
        gauge.Placed += Math.Max(0, delta);
    }

    private int Read(string key, Func<Gauge, int> value)
    {
        lock (_lock)
        {
            return _gauges.TryGetValue(key, out var g) ? value(g) : 0;
        }
    }

    private sealed class Gauge
    {
        public int Current;
        public int Peak;
        public int Placed;
    }
}
