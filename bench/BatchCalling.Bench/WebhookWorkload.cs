using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BatchCalling.Testing;

namespace BatchCalling.Bench;

/// <summary>
/// #12: outbound webhooks while dialing, over the webhook dialer and the simulated platform: 10 jobs × 1,000 contacts, 0 ms
/// calls, job limit 50, ceiling 500, one attempt each, dialed as fast as the machine goes by three organizations in turn
/// (after a warm-up of the same size): one with no webhook endpoint, one with a healthy endpoint on loopback (both events), one with a dead
/// endpoint (it takes posts and never answers). Reports each one's attempts per second and processor time per attempt (every
/// process, the platform's included), the deliveries per second at the healthy endpoint from the first create to the last
/// delivery, and each finished contact's lag from its call's end (as the cluster recorded it) to its arrival: at full speed
/// (the machine saturated), and at a steady 200 calls a second (4 jobs × 500 contacts, 1 s calls, 50 at once each). Each lag
/// is also split at the moment the event was added to the outbox.
/// </summary>
public static class WebhookWorkload
{
    private const int Jobs = 10;
    private const int Contacts = 1000;
    private const int Ceiling = 500;
    private const int SteadyCallMs = 1000;
    private static readonly string[] Events = ["job.status_changed", "contact.finished"];

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        // A warm-up of the same size: the processes reach their steady speed (JIT tiers, pools) before anything is compared.
        await DialAsync(deployment, null, Jobs, Contacts);
        var baseline = await DialAsync(deployment, null, Jobs, Contacts);

        await using var healthy = await WebhookReceiver.StartAsync();
        var served = await DialAsync(deployment, healthy, Jobs, Contacts);
        var (lags, deliveries) = await LagsAsync(deployment, healthy, served);

        await using var dead = await WebhookReceiver.StartAsync();
        dead.Hang();
        var blocked = await DialAsync(deployment, dead, Jobs, Contacts);

        await using var steady = await WebhookReceiver.StartAsync();
        var (steadyLags, _) = await LagsAsync(deployment, steady, await DialAsync(deployment, steady, 4, 500, SteadyCallMs));

        return Measurement.Of([
            new Metric("attempts/s without webhooks", baseline.Rate),
            new Metric("attempts/s with a healthy endpoint", served.Rate),
            new Metric("attempts/s with a dead endpoint", blocked.Rate),
            new Metric("CPU ms/attempt without webhooks", baseline.CpuMs, "0.00"),
            new Metric("CPU ms/attempt with a healthy endpoint", served.CpuMs, "0.00"),
            new Metric("CPU ms/attempt with a dead endpoint", blocked.CpuMs, "0.00"),
            new Metric("deliveries/s", deliveries),
            .. Lag("at full speed", lags),
            .. Lag("at 200 calls/s", steadyLags)]);
    }

    /// <summary>
    /// A new organization (with an endpoint at <paramref name="receiver"/>, if any) dials <paramref name="jobs"/> jobs to
    /// completion, its calls lasting <paramref name="callMs"/> (else the deployment's 0 ms).
    /// </summary>
    private static async Task<Run> DialAsync(Deployment deployment, WebhookReceiver? receiver, int jobs, int contacts, int? callMs = null)
    {
        using var http = await deployment.NewTenantAsync(Ceiling);
        if (receiver is not null)
        {
            (await http.PostAsJsonAsync("/batch/webhooks", new { url = receiver.Url(), events = Events })).EnsureSuccessStatusCode();
        }

        var started = DateTimeOffset.UtcNow;
        var cpu = deployment.ProcessorTime();
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, jobs).Select(j =>
            ProductApi.PostJobAsync(http, ProductApi.ContactsCsv(contacts, j, callMs), ("concurrentCallLimit", "50"), ("maxAttempts", "1"))));
        await ProductApi.WaitForCompletionAsync(http, ids);
        var attempts = jobs * contacts;
        return new Run(ids, contacts, started, attempts / clock.Elapsed.TotalSeconds, (deployment.ProcessorTime() - cpu).TotalMilliseconds / attempts);
    }

    /// <summary>
    /// Waits for every finished contact of the run at the receiver; each one's lag from its call's end to its arrival, split
    /// at the moment its event was added to the outbox; and deliveries per second.
    /// </summary>
    private static async Task<(Lags Lags, double DeliveriesPerSecond)> LagsAsync(Deployment deployment, WebhookReceiver receiver, Run run)
    {
        var finished = run.Jobs.SelectMany(job => Enumerable.Range(0, run.Contacts).Select(i => $"evt_{job}_{i}_finished")).ToHashSet();
        var posts = await receiver.WaitForAsync(p => finished.IsSubsetOf(p.Select(x => x.Id)), "every finished contact", timeout: TimeSpan.FromMinutes(5));
        var firsts = posts.GroupBy(p => p.Id).Select(g => g.First()).ToList();
        var enqueued = (await Database.QueryAsync("SELECT event_id, created_at FROM webhook_outbox WHERE service_id = $1 AND job_id = ANY($2)",
            r => (r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)), deployment.ServiceId, run.Jobs)).ToDictionary(e => e.Item1, e => e.Item2);
        var contacts = firsts.Where(p => p.Type == "contact.finished").Select(p => (p.At, Ended: LastCallEnd(p.Json.GetProperty("calls")), Enqueued: enqueued[p.Id])).ToList();
        static List<double> Sorted(IEnumerable<TimeSpan> spans) => [.. spans.Select(s => s.TotalMilliseconds).Order()];
        return (new Lags(Sorted(contacts.Select(c => c.At - c.Ended)), Sorted(contacts.Select(c => c.Enqueued - c.Ended)), Sorted(contacts.Select(c => c.At - c.Enqueued))),
            firsts.Count / (firsts.Max(p => p.At) - run.Started).TotalSeconds);
    }

    private static Metric[] Lag(string when, Lags lags) =>
    [
        new($"ms lag p50 {when}", Measurement.Percentile(lags.Total, 0.50)),
        new($"ms lag p99 {when}", Measurement.Percentile(lags.Total, 0.99)),
        new($"ms to the outbox p99 {when}", Measurement.Percentile(lags.ToOutbox, 0.99)),
        new($"ms from the outbox p99 {when}", Measurement.Percentile(lags.FromOutbox, 0.99)),
    ];

    private static DateTimeOffset LastCallEnd(JsonElement calls) => calls[calls.GetArrayLength() - 1].GetProperty("endedAt").GetDateTimeOffset();

    /// <summary>Lags in milliseconds, sorted: call end to arrival, call end to the outbox, the outbox to arrival.</summary>
    private sealed record Lags(List<double> Total, List<double> ToOutbox, List<double> FromOutbox);

    private sealed record Run(string[] Jobs, int Contacts, DateTimeOffset Started, double Rate, double CpuMs);
}
