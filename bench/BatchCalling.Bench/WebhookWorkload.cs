using System.Diagnostics;
using System.Net.Http.Json;
using BatchCalling.Testing;

namespace BatchCalling.Bench;

/// <summary>
/// #12: outbound webhooks while dialing, over the webhook dialer and the simulated platform: 10 jobs × 1,000 contacts, 0 ms
/// calls, job limit 50, ceiling 500, one attempt each, dialed by three organizations in turn: one with no webhook endpoint,
/// one with a healthy endpoint on loopback (both events), one with a dead endpoint (it takes posts and never answers). Reports
/// each one's attempts per second, the deliveries per second at the healthy endpoint from the first create to the last
/// delivery, and each finished contact's lag from its call's end (as the cluster recorded it) to its arrival (p50, p99).
/// </summary>
public static class WebhookWorkload
{
    private const int Jobs = 10;
    private const int Contacts = 1000;
    private const int Ceiling = 500;
    private static readonly string[] Events = ["job.status_changed", "contact.finished"];

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var (baseline, _) = await DialAsync(deployment, null);

        await using var healthy = await WebhookReceiver.StartAsync();
        var (served, jobs) = await DialAsync(deployment, healthy);
        var finished = jobs.SelectMany(job => Enumerable.Range(0, Contacts).Select(i => $"evt_{job}_{i}_finished")).ToHashSet();
        var posts = await healthy.WaitForAsync(p => finished.IsSubsetOf(p.Select(x => x.Id)), "every finished contact", timeout: TimeSpan.FromMinutes(5));
        var firsts = posts.GroupBy(p => p.Id).Select(g => g.First()).ToList();
        var lags = firsts.Where(p => p.Type == "contact.finished")
            .Select(p => (p.At - LastCallEnd(p.Json.GetProperty("calls"))).TotalMilliseconds).Order().ToList();
        var span = (firsts.Max(p => p.At) - served.Started).TotalSeconds;

        await using var dead = await WebhookReceiver.StartAsync();
        dead.Hang();
        var (blocked, _) = await DialAsync(deployment, dead);

        return Measurement.Of(
            new Metric("attempts/s without webhooks", Jobs * Contacts / baseline.Seconds),
            new Metric("attempts/s with a healthy endpoint", Jobs * Contacts / served.Seconds),
            new Metric("attempts/s with a dead endpoint", Jobs * Contacts / blocked.Seconds),
            new Metric("deliveries/s", firsts.Count / span),
            new Metric("ms lag p50", Percentile(lags, 0.50)),
            new Metric("ms lag p99", Percentile(lags, 0.99)),
            new Metric("ms lag max", lags[^1]));
    }

    /// <summary>A new organization (with an endpoint at <paramref name="receiver"/>, if any) dials every job to completion.</summary>
    private static async Task<((DateTimeOffset Started, double Seconds) Run, string[] Jobs)> DialAsync(Deployment deployment, WebhookReceiver? receiver)
    {
        using var http = await deployment.NewTenantAsync(Ceiling);
        if (receiver is not null)
        {
            (await http.PostAsJsonAsync("/batch/webhooks", new { url = receiver.Url(), events = Events }))
                .EnsureSuccessStatusCode();
        }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, Jobs).Select(j =>
            ProductApi.PostJobAsync(http, ProductApi.ContactsCsv(Contacts, j), ("concurrentCallLimit", "50"), ("maxAttempts", "1"))));
        await ProductApi.WaitForCompletionAsync(http, ids);
        return ((started, clock.Elapsed.TotalSeconds), ids);
    }

    private static DateTimeOffset LastCallEnd(System.Text.Json.JsonElement calls) =>
        calls[calls.GetArrayLength() - 1].GetProperty("endedAt").GetDateTimeOffset();

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
