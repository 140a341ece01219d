using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace BatchCalling.Bench;

/// <summary>
/// #9: 100 running jobs in one organization with ceiling 10, each able to use 5 slots (job limit 5, 100 contacts, one
/// attempt each), so about 90 wait at any time; calls of 1 s. After the last create and a 10 s warm-up, a 30 s window
/// in which the benchmark only watches: the grain calls the silo receives (<see cref="GrainCallCounter"/>) and its CPU;
/// afterwards, from every job's call records, the calls started and ended in the window and the mean calls on the line.
/// Target: throttle messages grow with calls, not with waiting jobs: at most 1 per waiting job per second (its lease
/// renewal) plus 2 per call; at least 95 % of the ceiling in use. <c>BENCH_CALL_MS</c> and <c>BENCH_WINDOW_S</c> change
/// the call length and the window.
/// </summary>
public static class WaitingJobsWorkload
{
    private const int Jobs = 100;
    private const int Ceiling = 10;
    private const string Throttle = "IOrganizationThrottleGrain.";

    // One page of the contacts listing, and far more than a job dials in a run (each gets about a tenth of a slot).
    private const int ContactsPerJob = 100;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(BenchEnvironment.Number("BENCH_WINDOW_S", 30));

    public static readonly (string, string)[] Settings =
        [("Dialer__Simulated__CallDurationMs", BenchEnvironment.Number("BENCH_CALL_MS", 1000).ToString(CultureInfo.InvariantCulture)), GrainCallCounter.Setting];

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        using var http = await deployment.NewTenantAsync(Ceiling);
        var ids = await ProductApi.PostJobsAsync(http, Jobs, ContactsPerJob, ("concurrentCallLimit", "5"), ("maxAttempts", "1"));
        await Task.Delay(WarmUp);
        var first = await Sample.TakeAsync(deployment.Silo);
        await Task.Delay(Window);
        var last = await Sample.TakeAsync(deployment.Silo);

        var seconds = (last.At - first.At).TotalSeconds;
        var rates = last.Calls.ToDictionary(c => c.Key, c => (c.Value - first.Calls.GetValueOrDefault(c.Key)) / seconds);
        var messages = rates.Where(r => r.Key.StartsWith(Throttle, StringComparison.Ordinal)).Sum(r => r.Value);
        Console.WriteLine("  grain calls/s received in the window: " + string.Join(", ", rates.Where(r => r.Value >= 0.05)
            .OrderByDescending(r => r.Value).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:0.0}"))));

        var calls = (await Task.WhenAll(ids.Select(id => CallsAsync(http, id)))).SelectMany(c => c).ToList();
        if (calls.GroupBy(c => c.Job).Max(g => g.Count()) >= ContactsPerJob)
        {
            throw new InvalidOperationException("A job ran out of contacts: fewer jobs were waiting than the workload says.");
        }

        var started = calls.Count(c => c.Start >= first.At && c.Start < last.At) / seconds;
        var ended = calls.Count(c => c.End >= first.At && c.End < last.At) / seconds;
        var onLine = CallOverlap.Average(Spans(calls), first.At, last.At);
        var peakPerJob = calls.Where(c => c.Start < last.At && (c.End ?? DateTime.MaxValue) > first.At)
            .GroupBy(c => c.Job).Max(g => CallOverlap.Peak(Spans(g)));
        // Jobs not on a call: exact while no job holds two calls at once in the window (peak per job 1); otherwise an undercount.
        var waiting = Jobs - onLine;
        var budget = waiting + (2 * started);
        // A wake-up and a call's end each make the job exchange at once (a job's heartbeat runs at once on either);
        // every other exchange is a heartbeat's lease renewal.
        var wakeUps = rates.GetValueOrDefault("IBatchJobGrain.SlotsFreedAsync");
        var renewals = rates.GetValueOrDefault(Throttle + "ExchangeAsync") - wakeUps - rates.GetValueOrDefault("IBatchJobGrain.ReportAttemptAsync");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  targets: throttle messages ≤ waiting jobs/s + 2 × calls/s: {Verdict(messages <= budget)} ({messages:0.0} vs {budget:0.0}); utilisation ≥ 95 %: {Verdict(onLine >= 0.95 * Ceiling)}"));
        return Measurement.Of(
            new Metric("throttle messages/s", messages, "0.0"),
            new Metric("calls started/s", started, "0.00"),
            new Metric("calls ended/s", ended, "0.00"),
            new Metric("throttle messages/call", messages / started, "0.00"),
            new Metric("waiting jobs", waiting, "0.0"),
            new Metric("messages/waiting job/s beyond 2 per call", (messages - (2 * started)) / waiting, "0.00"),
            new Metric("% of the message budget", 100 * messages / budget, "0.0"),
            new Metric("lease renewals/job/s", renewals / Jobs, "0.00"),
            new Metric("wake-ups/call", wakeUps / started, "0.00"),
            new Metric("% of the ceiling", 100 * onLine / Ceiling, "0.0"),
            new Metric("peak calls in progress", CallOverlap.Peak(Spans(calls))),
            new Metric("peak calls per job in the window", peakPerJob),
            new Metric("% silo CPU (of one core)", 100 * (last.Cpu - first.Cpu).TotalSeconds / seconds, "0.0"));
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    /// <summary>The calls as (start, end) spans for <see cref="CallOverlap"/>; a call still on the line has not ended yet.</summary>
    private static List<(DateTime, DateTime)> Spans(IEnumerable<(string Job, DateTime Start, DateTime? End)> calls) =>
        [.. calls.Select(c => (c.Start, c.End ?? DateTime.MaxValue))];

    /// <summary>Every call of the job as its contacts list them; <c>End</c> is null while the call is on the line.</summary>
    private static async Task<IEnumerable<(string Job, DateTime Start, DateTime? End)>> CallsAsync(HttpClient http, string jobId)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/batch/jobs/{jobId}/contacts?pageSize={ContactsPerJob}");
        return page.GetProperty("contacts").EnumerateArray().SelectMany(c => c.GetProperty("calls").EnumerateArray()).Select(call => (
            jobId,
            call.GetProperty("startedAt").GetDateTimeOffset().UtcDateTime,
            call.GetProperty("endedAt").ValueKind == JsonValueKind.Null ? (DateTime?)null : call.GetProperty("endedAt").GetDateTimeOffset().UtcDateTime)).ToList();
    }

    /// <summary>The silo's grain calls received so far and its CPU time, at one instant.</summary>
    private sealed record Sample(DateTime At, TimeSpan Cpu, Dictionary<string, long> Calls)
    {
        public static async Task<Sample> TakeAsync(Process silo)
        {
            var calls = await GrainCallCounter.ReadAsync(silo);
            return new Sample(DateTime.UtcNow, silo.TotalProcessorTime, calls);
        }
    }
}
