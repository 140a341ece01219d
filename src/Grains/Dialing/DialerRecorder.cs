using System.Collections.Concurrent;
using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>
/// The in-process simulator's call log, kept in memory, which also counts for tests and benchmarks: calls in progress
/// and their peaks per organization, per job and per number called, and any call id placed twice (a double dial).
/// </summary>
public sealed class DialerRecorder
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

    /// <summary>The most calls to one number on the line at once, across the organization's jobs.</summary>
    public int PeakForNumber(string organizationId, string phone) => Read(NumberKey(organizationId, phone), g => g.Peak);

    public int PlacedForNumber(string organizationId, string phone) => Read(NumberKey(organizationId, phone), g => g.Placed);

    private static string NumberKey(string organizationId, string phone) => "to:" + organizationId + "/" + phone;

    /// <summary>Records that the call starts now and ends after its duration; false when the id was placed before.</summary>
    public bool Start(CallRequest request, CallOutcome outcome, TimeSpan duration)
    {
        if (!_calls.TryAdd(request.CallId, new Call(request, outcome, duration)))
        {
            Interlocked.Increment(ref _doubleDials);
            return false;
        }

        Interlocked.Increment(ref _placed);
        Change(request, +1);
        return true;
    }

    /// <summary>Ends the call as scripted; false when it had ended (hung up) already.</summary>
    public bool End(string callId) => TryEnd(callId, null);

    /// <summary>Ends a call still in progress now, as a timeout; false when it had ended.</summary>
    public bool HangUp(string callId) => TryEnd(callId, CallOutcome.Timeout);

    public CallStatus Status(string callId) =>
        !_calls.TryGetValue(callId, out var call) ? CallStatus.NeverPlaced
        : call.Ended == 0 ? CallStatus.InProgress
        : new CallStatus(true, new CallEnd(call.Outcome, call.Duration.TotalSeconds));

    private bool TryEnd(string callId, CallOutcome? outcome)
    {
        if (!_calls.TryGetValue(callId, out var call) || Interlocked.Exchange(ref call.Ended, 1) == 1)
        {
            return false;
        }

        call.Outcome = outcome ?? call.Outcome;
        Change(call.Request, -1);
        return true;
    }

    private void Change(CallRequest call, int delta)
    {
        lock (_lock)
        {
            foreach (var key in new[] { "org:" + call.OrganizationId, "job:" + call.JobId, NumberKey(call.OrganizationId, call.Contact.Phone) })
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
