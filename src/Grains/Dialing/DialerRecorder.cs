using System.Collections.Concurrent;
using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>
/// The embedded default's call log, kept in memory, which also counts for tests and benchmarks: calls in progress
/// and their peaks per organization and per job, and any call id placed twice (a double dial).
/// </summary>
public sealed class DialerRecorder : ISimulatedCallLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Gauge> _gauges = [];
    private readonly ConcurrentDictionary<string, Call> _calls = new();
    private long _placed;
    private long _doubleDials;

    public long Placed => Interlocked.Read(ref _placed);

    public long DoubleDials => Interlocked.Read(ref _doubleDials);

    public int PeakForOrganization(string organizationId) => Read("org:" + organizationId, g => g.Peak);

    public int PeakForJob(string jobId) => Read("job:" + jobId, g => g.Peak);

    public int PlacedForJob(string jobId) => Read("job:" + jobId, g => g.Placed);

    public Task<bool> StartAsync(CallRequest request, CallOutcome outcome, TimeSpan duration)
    {
        if (!_calls.TryAdd(request.CallId, new Call(request, outcome, duration)))
        {
            Interlocked.Increment(ref _doubleDials);
            return Task.FromResult(false);
        }

        Interlocked.Increment(ref _placed);
        Change(request, +1);
        return Task.FromResult(true);
    }

    public Task<bool> ClaimEndAsync(string callId)
    {
        if (!_calls.TryGetValue(callId, out var call) || Interlocked.Exchange(ref call.Ended, 1) == 1)
        {
            return Task.FromResult(false);
        }

        Change(call.Request, -1);
        return Task.FromResult(true);
    }

    public Task<bool> HangUpAsync(string callId)
    {
        if (!_calls.TryGetValue(callId, out var call) || Interlocked.Exchange(ref call.Ended, 1) == 1)
        {
            return Task.FromResult(false);
        }

        call.Outcome = CallOutcome.Timeout;
        Change(call.Request, -1);
        return Task.FromResult(true);
    }

    /// <summary>Nothing to give back: in one process, a failed report is the contact's to retry.</summary>
    public Task ReleaseAsync(string callId) => Task.CompletedTask;

    /// <summary>None: on the embedded default a call cannot outlive the process that placed it.</summary>
    public Task<IReadOnlyList<EndedCall>> ClaimOverdueAsync(TimeSpan grace, int max) => Task.FromResult<IReadOnlyList<EndedCall>>([]);

    public Task<CallStatus> GetStatusAsync(string callId) => Task.FromResult(
        !_calls.TryGetValue(callId, out var call) ? CallStatus.Unknown
        : call.Ended == 0 ? CallStatus.InProgress
        : new CallStatus(true, call.Outcome, call.Duration.TotalSeconds));

    private void Change(CallRequest call, int delta)
    {
        lock (_lock)
        {
            foreach (var key in new[] { "org:" + call.OrganizationId, "job:" + call.JobId })
            {
                var gauge = _gauges.TryGetValue(key, out var g) ? g : _gauges[key] = new Gauge();
                gauge.Current += delta;
                gauge.Peak = Math.Max(gauge.Peak, gauge.Current);
                gauge.Placed += Math.Max(0, delta);
            }
        }
    }

    private int Read(string key, Func<Gauge, int> value)
    {
        lock (_lock)
        {
            return _gauges.TryGetValue(key, out var g) ? value(g) : 0;
        }
    }

    private sealed class Call(CallRequest request, CallOutcome outcome, TimeSpan duration)
    {
        public int Ended;

        public CallRequest Request => request;

        /// <summary>As scripted, or timeout when hung up before its end.</summary>
        public CallOutcome Outcome { get; set; } = outcome;

        public TimeSpan Duration => duration;
    }

    private sealed class Gauge
    {
        public int Current;
        public int Peak;
        public int Placed;
    }
}
