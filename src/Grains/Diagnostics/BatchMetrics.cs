using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BatchCalling.Contacts;

namespace BatchCalling.Diagnostics;

/// <summary>
/// The meter <c>BatchCalling</c> and its instruments, one per silo's services. Recording is lock-free and allocates nothing
/// beyond a tag: outcome tags are made once, and the throttle gauges read readings the throttles publish, not the grains.
/// </summary>
public sealed class BatchMetrics
{
    public const string MeterName = "BatchCalling";

    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
        [.. Enum.GetValues<CallOutcome>().Select(o => new KeyValuePair<string, object?>("outcome", WireNames.Of(o)))];

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _slotWait;
    private readonly Histogram<double> _startLateness;
    private readonly Histogram<double> _webhookLag;
    private readonly UpDownCounter<long> _watchers;
    private readonly ConcurrentDictionary<string, ThrottleReading> _throttles = new(StringComparer.Ordinal);

    public BatchMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("batch.call.attempts", "{attempt}", "Call attempts ended, by outcome");
        _slotWait = meter.CreateHistogram<double>("batch.slot.wait.duration", "s",
            "How long a job short of slots waited from being granted fewer than it asked for to its next grant");
        _startLateness = meter.CreateHistogram<double>("batch.job.start.lateness", "s",
            "How long after its scheduled time a job started by its schedule began");
        _webhookLag = meter.CreateHistogram<double>("batch.webhook.delivery.lag", "s",
            "From a webhook event's creation to its delivery (a 2xx answer)");
        _watchers = meter.CreateUpDownCounter<long>("batch.job.watchers", "{watcher}",
            "Subscriptions to jobs' changes held by jobs in this silo: one per watched job per gateway");
        meter.CreateObservableGauge("batch.throttle.slots.held", () => Read(r => r.Held), "{call}",
            "Organization slots held: calls in progress or being placed");
        meter.CreateObservableGauge("batch.throttle.slots.limit", () => Read(r => r.Limit), "{call}", "The organization's concurrency ceiling");
        meter.CreateObservableGauge("batch.throttle.utilization", () => Read(r => r.Limit > 0 ? (double)r.Held / r.Limit : 0), "1",
            "Slots held over the ceiling");
    }

    public void AttemptEnded(CallOutcome outcome) => _attempts.Add(1, OutcomeTags[(int)outcome]);

    public void SlotWaited(TimeSpan waited) => _slotWait.Record(waited.TotalSeconds);

    public void ScheduledStartLate(TimeSpan lateness) => _startLateness.Record(lateness.TotalSeconds);

    public void WebhookDelivered(TimeSpan lag) => _webhookLag.Record(lag.TotalSeconds);

    public void WatchersChanged(int delta)
    {
        if (delta != 0)
        {
            _watchers.Add(delta);
        }
    }

    /// <summary>An organization's throttle, active in this silo, publishes its reading here until it deactivates.</summary>
    public ThrottleReading Track(string organizationId) => _throttles[organizationId] = new ThrottleReading();

    public void Untrack(string organizationId, ThrottleReading reading) =>
        _throttles.TryRemove(new KeyValuePair<string, ThrottleReading>(organizationId, reading));

    private IEnumerable<Measurement<T>> Read<T>(Func<ThrottleReading, T> value)
        where T : struct =>
        _throttles.Select(t => new Measurement<T>(value(t.Value), new TagList { { "organization", t.Key } }));
}
