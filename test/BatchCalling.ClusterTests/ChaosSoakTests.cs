using System.Globalization;
using System.Text.Json;

using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Organizations;
using BatchCalling.Testing;

using Xunit.Abstractions;

using static BatchCalling.Contacts.CallOutcome;

namespace BatchCalling.ClusterTests;

/// <summary>
/// The cluster the soak breaks, on production's timing: Orleans' default membership (a silo that dies without leaving
/// is declared dead after several missed probes, tens of seconds) and the default dispatch heartbeat. 500 ms calls.
/// </summary>
public sealed class SoakCluster() : ProcessCluster(callDurationMs: 500)
{
    protected override IEnumerable<(string Name, string Value)> TestTiming => [];
}

[CollectionDefinition(Name)]
public sealed class SoakClusterDefinition : ICollectionFixture<SoakCluster>
{
    public const string Name = "soak cluster";
}

/// <summary>
/// Jobs of two organizations, with retries and more per-job concurrency than their ceilings allow, run through what a
/// production cluster lives through (ARCHITECTURE.md, "The promises under failure"): silos killed, a rolling restart,
/// a database restart, the gateway killed. Judged from the platform's log, not from what the product says of itself.
/// </summary>
[Collection(SoakClusterDefinition.Name)]
public sealed class ChaosSoakTests(SoakCluster cluster, ITestOutputHelper output)
{
    /// <summary>From the first job created to the last check: a few minutes, the fixture's start not included.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(6);

    /// <summary>How long a silo sent SIGTERM may take to leave before it is killed: a Kubernetes pod's default grace period.</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(30);

    /// <summary>A silo that starts joins once every silo it must reach answers, or a dead one among them is declared dead.</summary>
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A killed silo's supervisor restarts it after a moment, as a kubelet would a container.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(2);

    /// <summary>Workload pacing: the jobs run this long between two faults.</summary>
    private static readonly TimeSpan BetweenFaults = TimeSpan.FromSeconds(8);

    /// <summary>After its jobs complete, an organization's slots and credits settle within this.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    private const int OpeningCredits = 10_000;

    /// <summary>Credits are kept to 28 digits, each charge rounded there; a call's price is far above this.</summary>
    private const decimal CreditPrecision = 0.000001m;

    /// <summary>Contact i dials by script i modulo their number: calls that end it, retries ending in success, in a final failure, or at the cap.</summary>
    private static readonly CallOutcome[][] Scripts =
    [
        [Completed], [Completed], [Completed],
        [NoAnswer, Completed],
        [Busy, NoAnswer, Completed],
        [Busy, Busy, Busy],
        [Failed],
        [Voicemail],
        [NoAnswer, Voicemail],
    ];

    private static readonly int[] Ceilings = [12, 7];

    /// <summary>Each organization's jobs may use more than its ceiling together, so the ceiling is what holds them back.</summary>
    private static readonly Plan[] Plans =
    [
        new(Organization: 0, Limit: 8, MaxAttempts: 3, Contacts: 500),
        new(Organization: 0, Limit: 6, MaxAttempts: 2, Contacts: 500),
        new(Organization: 0, Limit: 5, MaxAttempts: 3, Contacts: 400),
        new(Organization: 1, Limit: 5, MaxAttempts: 3, Contacts: 350),
        new(Organization: 1, Limit: 4, MaxAttempts: 2, Contacts: 300),
        // Paused once it dials, through every silo fault, and resumed after the last: it must stay paused and place nothing meanwhile.
        new(Organization: 1, Limit: 3, MaxAttempts: 2, Contacts: 150, PausedThroughFaults: true),
    ];

    /// <summary>A dial sent before a pause is answered may still reach the platform after it: at most the dialer's timeout later.</summary>
    private static readonly TimeSpan DialInFlight = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Jobs_through_kills_a_rolling_restart_and_a_database_restart_call_everyone_as_scripted_within_every_ceiling()
    {
        var started = DateTimeOffset.UtcNow;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_SEED"), out var given) ? given : Random.Shared.Next();
        var timeline = new Timeline(output);
        var jobs = await StartJobsAsync();
        timeline.Add("every job dials");

        var paused = await PauseAsync(jobs.Single(job => job.Plan.PausedThroughFaults), timeline);
        var lastSiloFault = await InjectFaultsAsync(new Random(seed), timeline);
        var (pauseProblems, resumedAt) = await ResumeAsync(paused.Job, timeline);

        Dictionary<Job, JsonElement?> finished = [];
        foreach (var job in jobs)
        {
            finished[job] = await WaitUntilFinishedAsync(job, started + Budget);
        }

        timeline.Add("the jobs finished, or the deadline passed");
        var (problems, peaks, calls) = await JudgeAsync(finished, timeline);
        problems.AddRange(pauseProblems);
        problems.AddRange(calls.Where(call => call.JobId == paused.Job.Id && call.StartedAt > paused.At + DialInFlight && call.StartedAt < resumedAt)
            .Select(call => $"job {paused.Job.Id} was paused at {Time(paused.At)} until {Time(resumedAt)}, yet call {call.CallId} started at {Time(call.StartedAt)}"));
        if (!calls.Any(call => call.StartedAt > lastSiloFault))
        {
            problems.Add($"no call started after the last silo fault ({Time(lastSiloFault)}): the jobs had ended, so the faults tested less than "
                + "this soak claims; give the jobs more contacts");
        }

        var report = $"""
            {problems.Count} problems in {DateTimeOffset.UtcNow - started:m\:ss} (seed {seed}: set CHAOS_SEED to kill the same silos; logs in {cluster.LogDirectory}):
            {string.Join("\n", problems.Select(problem => "- " + problem))}
            Concurrency, from the platform's log:
            {string.Join("\n", peaks)}
            Timeline (calls in progress in both organizations / calls placed so far, from the platform's log):
            {timeline.Describe(calls)}
            """;
        output.WriteLine(report);
        Assert.True(problems.Count == 0, report);
    }

    /// <summary>Two organizations and their jobs, every job dialing.</summary>
    private async Task<List<Job>> StartJobsAsync()
    {
        List<Tenant> tenants = [];
        foreach (var ceiling in Ceilings)
        {
            var (id, http) = await cluster.NewTenantAsync(ceiling);
            tenants.Add(new Tenant(id, ceiling, http));
        }

        List<Job> jobs = [];
        foreach (var (plan, n) in Plans.Select((plan, n) => (plan, n)))
        {
            var tenant = tenants[plan.Organization];
            var id = await tenant.Http.CreateJobAsync(
                Api.Contacts(plan.Contacts, seed: n, [SimulatedOutcomes.FieldName, SimulatedOutcomes.DurationFieldName],
                    i => [string.Join(',', Script(i).Select(WireNames.Of)), Invariant($"{DurationMs(i)}")]),
                ("concurrentCallLimit", Invariant($"{plan.Limit}")), ("maxAttempts", Invariant($"{plan.MaxAttempts}")), ("retryDelaySeconds", "1"));
            jobs.Add(new Job(id, tenant, plan));
        }

        foreach (var job in jobs)
        {
            await job.Tenant.Http.WaitForJobAsync(job.Id, Api.Processed(1), TimeSpan.FromMinutes(1));
        }

        return jobs;
    }

    private static async Task<(Job Job, DateTimeOffset At)> PauseAsync(Job job, Timeline timeline)
    {
        var answer = await Unavailable.RetryAsync(() => job.Tenant.Http.PostAsync($"/batch/jobs/{job.Id}/pause", null));
        answer.EnsureSuccessStatusCode();
        timeline.Add($"job {job.Id} paused");
        return (job, timeline.Events[^1].At);
    }

    /// <summary>The paused job, after every silo it could have lived on died or left: still paused, then resumed.</summary>
    private static async Task<(List<string> Problems, DateTimeOffset At)> ResumeAsync(Job job, Timeline timeline)
    {
        var detail = await job.Tenant.Http.WaitForJobAsync(job.Id, _ => true, TimeSpan.FromMinutes(1));
        List<string> problems = detail.GetProperty("status").GetString() == "paused" ? []
            : [$"job {job.Id} was paused before the faults, but after them it is {detail.GetProperty("status").GetString()}"];
        var answer = await Unavailable.RetryAsync(() => job.Tenant.Http.PostAsync($"/batch/jobs/{job.Id}/resume", null));
        answer.EnsureSuccessStatusCode();
        timeline.Add($"job {job.Id} resumed");
        return (problems, timeline.Events[^1].At);
    }

    /// <summary>The faults, paced so the jobs run between them; answers when the silos were last disturbed.</summary>
    private async Task<DateTimeOffset> InjectFaultsAsync(Random random, Timeline timeline)
    {
        await KillRandomSiloAsync(random, newAddress: false, timeline);
        await Task.Delay(BetweenFaults);
        await KillRandomSiloAsync(random, newAddress: true, timeline);
        await Task.Delay(BetweenFaults);
        await RestartPostgresAsync(timeline);
        await Task.Delay(BetweenFaults);
        await KillRandomSiloAsync(random, newAddress: false, timeline);
        await Task.Delay(BetweenFaults);
        await RollingRestartAsync(timeline);
        await Task.Delay(BetweenFaults);
        await KillRandomSiloAsync(random, newAddress: true, timeline);
        var lastSiloFault = timeline.Events[^1].At;
        await Task.Delay(BetweenFaults);
        await RestartGatewayAsync(timeline);
        return lastSiloFault;
    }

    /// <summary>Every check, on every job and organization: the problems found, each one's peak concurrency, and every call placed.</summary>
    private async Task<(List<string> Problems, List<string> Peaks, List<PlatformCall> Calls)> JudgeAsync(
        Dictionary<Job, JsonElement?> finished, Timeline timeline)
    {
        List<string> problems = [];
        List<string> peaks = [];
        void Judge((string Peak, string? Problem) concurrency)
        {
            peaks.Add(concurrency.Peak);
            problems.AddRange(concurrency.Problem is { } problem ? [problem] : []);
        }

        Dictionary<Job, List<PlatformCall>> callsByJob = [];
        foreach (var (job, detail) in finished)
        {
            var calls = callsByJob[job] = await CallLog.CallsAsync("job_id", job.Id);
            problems.AddRange(detail switch
            {
                null => [await DescribeUnfinishedAsync(job, calls)],
                { } completed when IsCompleted(completed) => JudgeCounters(job, completed, calls),
                { } ended => [$"job {job.Id} ended {ended.GetProperty("status").GetString()}: {ended.GetProperty("failureReason")}"],
            });
            problems.AddRange(JudgeCalls(job, calls, finished: detail is not null));
            Judge(JudgeConcurrency($"job {job.Id}", job.Plan.Limit, calls, timeline));
        }

        List<PlatformCall> everyCall = [];
        foreach (var tenant in finished.Keys.Select(job => job.Tenant).Distinct())
        {
            var calls = await CallLog.CallsAsync("organization_id", tenant.Id);
            everyCall.AddRange(calls);
            Judge(JudgeConcurrency($"organization {tenant.Id}", tenant.Ceiling, calls, timeline));
            var tenantJobs = finished.Where(job => job.Key.Tenant == tenant).ToList();
            if (tenantJobs.All(job => job.Value is { } detail && IsCompleted(detail)))
            {
                problems.AddRange(await JudgeOrganizationAsync(tenant, OpeningCredits - tenantJobs.Sum(job => ConnectedCost(callsByJob[job.Key]))));
            }
        }

        return (problems, peaks, everyCall);
    }

    /// <summary>What one call of each duration costs, to read a wrong amount by.</summary>
    private static string CallPrices => string.Join(", ", Enumerable.Range(0, 4).Select(contact => Invariant(
        $"a {DurationMs(contact)} ms call costs {JobEstimator.CallCost(DurationMs(contact) / 1000.0, AgentArchitecture.Pipeline):0.000000}")));

    private static string Charged(decimal excess) => excess > 0 ? "overcharged" : "undercharged";

    private static bool IsCompleted(JsonElement job) => job.GetProperty("status").GetString() == "completed";

    private static CallOutcome[] Script(int contact) => Scripts[contact % Scripts.Length];

    /// <summary>500 to 800 ms, in a cycle prime to the scripts', so every script comes with every duration.</summary>
    private static int DurationMs(int contact) => 500 + (100 * (contact % 4));

    /// <summary>The simulated dialer gives attempt n the script's n-th outcome, its last once the script runs out.</summary>
    private static CallOutcome OutcomeOf(CallOutcome[] script, int attempt) => script[Math.Min(attempt, script.Length) - 1];

    /// <summary>How many calls the contact's script takes under the job's retry policy (the default: no_answer, busy and timeout are tried again).</summary>
    private static int ImpliedAttempts(int contact, Plan plan)
    {
        var policy = RetryPolicy.Default(plan.MaxAttempts, retryOnVoicemail: false);
        var attempts = 1;
        while (attempts < plan.MaxAttempts && policy.Retries(OutcomeOf(Script(contact), attempts)))
        {
            attempts++;
        }

        return attempts;
    }

    private static string FinalStatus(int contact, Plan plan) =>
        WireNames.Of(ContactOutcomes.ToStatus(OutcomeOf(Script(contact), ImpliedAttempts(contact, plan))));

    /// <summary>What the job's calls that connected cost, by the platform's durations and the product's price list (caller pn_1 is a pipeline agent).</summary>
    /// <summary>What the connected calls cost together, priced as the product prices a job (by their total length).</summary>
    private static decimal ConnectedCost(IEnumerable<PlatformCall> calls) =>
        JobEstimator.CostOf(calls.Where(call => ContactOutcomes.IsConnected(call.Outcome)).Sum(call => (long)call.DurationMs), AgentArchitecture.Pipeline);

    private async Task KillRandomSiloAsync(Random random, bool newAddress, Timeline timeline)
    {
        var victim = random.Next(ProcessCluster.SiloCount);
        cluster.KillSilo(victim);
        timeline.Add($"SIGKILL silo {victim}");
        await Task.Delay(RestartDelay);
        cluster.StartSilo(victim, newAddress);
        timeline.Add(newAddress
            ? $"silo {victim} started on a new address (a rescheduled pod: the dead one is left to the probes)"
            : $"silo {victim} started again on its address");
        await cluster.WaitUntilSiloServingAsync(victim, JoinTimeout);
        timeline.Add($"silo {victim} serving");
    }

    /// <summary>A deploy: each silo in turn is sent SIGTERM, and its replacement (a new pod, a new address) joins before the next goes.</summary>
    private async Task RollingRestartAsync(Timeline timeline)
    {
        for (var silo = 0; silo < ProcessCluster.SiloCount; silo++)
        {
            timeline.Add($"SIGTERM silo {silo}");
            timeline.Add(await cluster.TerminateSiloAsync(silo, TerminationGrace) is { } code
                ? $"silo {silo} exited with code {code}"
                : $"silo {silo} still running {TerminationGrace.TotalSeconds} s after SIGTERM: SIGKILL");
            cluster.StartSilo(silo, newAddress: true);
            await cluster.WaitUntilSiloServingAsync(silo, JoinTimeout);
            timeline.Add($"silo {silo}'s replacement serving");
        }
    }

    /// <summary>PostgreSQL crashes (an immediate stop: no checkpoint, every connection cut) and comes back at once, as after a failover.</summary>
    private static async Task RestartPostgresAsync(Timeline timeline)
    {
        timeline.Add("PostgreSQL crashes");
        await Task.Run(() => LocalServices.Run("restart", "postgres"));
        timeline.Add("PostgreSQL accepts connections again");
    }

    private async Task RestartGatewayAsync(Timeline timeline)
    {
        cluster.KillGateway();
        timeline.Add("SIGKILL gateway");
        cluster.StartGateway();
        await cluster.WaitUntilReadyAsync();
        timeline.Add("gateway ready");
    }

    /// <summary>The job once it is completed, failed or cancelled; null when the deadline passed first.</summary>
    private static async Task<JsonElement?> WaitUntilFinishedAsync(Job job, DateTimeOffset deadline)
    {
        try
        {
            return await job.Tenant.Http.WaitForJobAsync(job.Id,
                detail => detail.GetProperty("status").GetString() is "completed" or "failed" or "cancelled", deadline - DateTimeOffset.UtcNow);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every call id placed once, and every contact called exactly as often as its script implies; in a job not
    /// <paramref name="finished"/>, a contact may still be short of it, never beyond.
    /// </summary>
    private static IEnumerable<string> JudgeCalls(Job job, List<PlatformCall> calls, bool finished)
    {
        if (calls.Where(call => call.Placements > 1).ToList() is { Count: > 0 } placedAgain)
        {
            yield return $"job {job.Id}: {placedAgain.Count} call ids placed more than once: "
                + List(placedAgain.Select(call => Invariant($"{call.CallId} ×{call.Placements}")));
        }

        var byContact = calls.ToLookup(call => call.ContactIndex);
        var miscalled = Enumerable.Range(0, job.Plan.Contacts)
            .Select(contact => (Contact: contact, Placed: byContact[contact].Select(call => call.Attempt).Order().ToList(), Implied: ImpliedAttempts(contact, job.Plan)))
            .Where(c => !c.Placed.SequenceEqual(Enumerable.Range(1, finished ? c.Implied : Math.Min(c.Placed.Count, c.Implied))))
            .Select(c => Invariant($"contact {c.Contact} ({string.Join(',', Script(c.Contact).Select(WireNames.Of))}) placed attempts [{string.Join(',', c.Placed)}], its script implies {c.Implied}"))
            .ToList();
        if (miscalled.Count > 0)
        {
            yield return $"job {job.Id} (maxAttempts {job.Plan.MaxAttempts}): {miscalled.Count} contacts not called as scripted: {List(miscalled)}";
        }
    }

    /// <summary>A completed job's counters and cost, against its contacts' scripts and its calls on the platform.</summary>
    private static IEnumerable<string> JudgeCounters(Job job, JsonElement detail, List<PlatformCall> calls)
    {
        var contacts = job.Plan.Contacts;
        var expectedCounts = Enumerable.Range(0, contacts).GroupBy(contact => FinalStatus(contact, job.Plan)).ToDictionary(g => g.Key, g => g.Count());
        var successful = expectedCounts.GetValueOrDefault(WireNames.Of(ContactStatus.Completed));
        var counts = detail.GetProperty("contactStatusCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var wrong = new (string Name, object Actual, object Expected)[]
            {
                ("totalContacts", detail.GetProperty("totalContacts").GetInt32(), contacts),
                ("contactsProcessed", detail.GetProperty("contactsProcessed").GetInt32(), contacts),
                ("successfulCalls", detail.GetProperty("successfulCalls").GetInt32(), successful),
                ("failedCalls", detail.GetProperty("failedCalls").GetInt32(), contacts - successful),
                ("contactStatusCounts", Counts(counts), Counts(expectedCounts)),
            }
            .Where(counter => !Equals(counter.Actual, counter.Expected))
            .Select(counter => $"{counter.Name} {counter.Actual} instead of {counter.Expected}")
            .ToList();
        if (wrong.Count > 0)
        {
            yield return $"job {job.Id} counters: {string.Join("; ", wrong)}";
        }

        var cost = ConnectedCost(calls);
        // The API rounds actualCostUsd to 4 places; the cheapest call here (500 ms) costs 0.000146, so one call too many or too few shows.
        var actualCost = detail.GetProperty("actualCostUsd").GetDecimal();
        if (actualCost != Math.Round(cost, 4, MidpointRounding.AwayFromZero))
        {
            yield return Invariant($"job {job.Id}: actualCostUsd {actualCost} (rounded to 4 places), but its {calls.Count(call => ContactOutcomes.IsConnected(call.Outcome))} ")
                + Invariant($"connected calls cost {cost:0.000000}: {Charged(actualCost - cost)} by about {Math.Abs(actualCost - cost):0.000000} ({CallPrices})");
        }
    }

    /// <summary>Once all its jobs completed: the organization holds no slot, and was charged exactly what its calls cost.</summary>
    private async Task<IEnumerable<string>> JudgeOrganizationAsync(Tenant tenant, decimal expectedCredits)
    {
        using var admin = cluster.Client(ProcessCluster.AdminToken);
        List<string> problems = [];
        JsonElement organization = default;
        try
        {
            await Wait.UntilAsync(async () =>
            {
                organization = await admin.GetJsonAsync($"/admin/organizations/{tenant.Id}");
                return organization.GetProperty("slotsInUse").GetInt32() == 0;
            }, SettleTimeout, () => "");
        }
        catch (TimeoutException)
        {
            problems.Add($"organization {tenant.Id}: slotsInUse still {organization.GetProperty("slotsInUse").GetInt32()} "
                + $"{SettleTimeout.TotalSeconds} s after its jobs completed");
        }

        try
        {
            await Wait.UntilAsync(async () =>
            {
                organization = await admin.GetJsonAsync($"/admin/organizations/{tenant.Id}");
                return Math.Abs(organization.GetProperty("credits").GetDecimal() - expectedCredits) < CreditPrecision;
            }, SettleTimeout, () => "");
        }
        catch (TimeoutException)
        {
            var credits = organization.GetProperty("credits").GetDecimal();
            problems.Add(Invariant($"organization {tenant.Id}: credits {credits}, but {OpeningCredits} less what its connected calls cost is {expectedCredits}: ")
                + Invariant($"{Charged(expectedCredits - credits)} by {Math.Abs(expectedCredits - credits):0.000000} ({CallPrices})"));
        }

        return problems;
    }

    /// <summary>
    /// The most calls <paramref name="what"/> had in progress at once, by the platform's start and end times, against its
    /// ceiling; when above it, also when and for how long, which calls, and the fault that came last before.
    /// </summary>
    private static (string Peak, string? Problem) JudgeConcurrency(string what, int ceiling, List<PlatformCall> calls, Timeline timeline)
    {
        var steps = CallLog.Concurrency(calls);
        var peak = steps.Count == 0 ? default : steps.MaxBy(step => step.Running);
        var summary = Invariant($"{what}: at most {peak.Running} calls at once (at {Time(peak.At)}), ceiling {ceiling}");
        if (peak.Running <= ceiling)
        {
            return (summary, null);
        }

        var above = TimeSpan.Zero;
        var episodes = 0;
        DateTimeOffset? first = null;
        for (var i = 0; i < steps.Count - 1; i++)
        {
            if (steps[i].Running > ceiling)
            {
                episodes += i == 0 || steps[i - 1].Running <= ceiling ? 1 : 0;
                first ??= steps[i].At;
                above += steps[i + 1].At - steps[i].At;
            }
        }

        var atPeak = calls.Where(call => call.StartedAt <= peak.At && peak.At < call.EndsAt).ToList();
        return (summary, Invariant($"{what}: {peak.Running} calls at once at {Time(peak.At)}, ceiling {ceiling}; first above it at {Time(first!.Value)} ")
            + Invariant($"(last event before: {timeline.LastBefore(first.Value)}), above it {episodes} times for {above.TotalSeconds:0.000} s in all; ")
            + "in progress at the peak, by job: "
            + string.Join(", ", atPeak.GroupBy(call => call.JobId).Select(g => Invariant($"{g.Key} {g.Count()}")))
            + "; " + List(atPeak.OrderBy(call => call.StartedAt).Select(call => $"{call.CallId} {Time(call.StartedAt)}–{Time(call.EndsAt)}"), int.MaxValue));
    }

    /// <summary>A job not finished by the deadline: where it stands, and each contact not final, as the job and the platform see it.</summary>
    private static async Task<string> DescribeUnfinishedAsync(Job job, List<PlatformCall> calls)
    {
        const int pageSize = 100;
        var detail = await job.Tenant.Http.GetJsonAsync($"/batch/jobs/{job.Id}?contactsPageSize=1");
        List<JsonElement> open = [];
        for (var page = 1; (page - 1) * pageSize < job.Plan.Contacts; page++)
        {
            var contacts = await job.Tenant.Http.GetJsonAsync(Invariant($"/batch/jobs/{job.Id}/contacts?page={page}&pageSize={pageSize}"));
            open.AddRange(contacts.GetProperty("contacts").EnumerateArray()
                .Where(c => c.GetProperty("status").GetString() is "pending" or "queued" or "dialing" || c.GetProperty("nextAttemptAt").ValueKind != JsonValueKind.Null));
        }

        var platform = calls.ToLookup(call => call.ContactIndex);
        // The likeliest stuck first: on a call, then handed to a contact grain, then waiting for a retry, then never dialed.
        var described = open.OrderBy(c => c.GetProperty("status").GetString() switch { "dialing" => 0, "queued" => 1, "pending" => 3, _ => 2 }).Select(c =>
        {
            var index = c.GetProperty("index").GetInt32();
            var jobCalls = c.GetProperty("calls").EnumerateArray().Select(call => Invariant(
                $"{call.GetProperty("attempt").GetInt32()}:{call.GetProperty("outcome").GetString() ?? "no outcome"} from {Time(call.GetProperty("startedAt").GetDateTimeOffset())}"));
            var platformCalls = platform[index].OrderBy(call => call.Attempt).Select(call => Invariant(
                $"{call.Attempt}:{WireNames.Of(call.Outcome)} {Time(call.StartedAt)}–{Time(call.EndsAt)} {(call.ReportedAt is { } reported ? "reported " + Time(reported) : "never reported")}"));
            return Invariant($"contact {index} {c.GetProperty("status").GetString()} after {c.GetProperty("attempts").GetInt32()} attempts")
                + (c.GetProperty("nextAttemptAt").ValueKind == JsonValueKind.Null ? "" : $" (next attempt due {Time(c.GetProperty("nextAttemptAt").GetDateTimeOffset())})")
                + $", calls per the job [{string.Join(", ", jobCalls)}], per the platform [{string.Join(", ", platformCalls)}]";
        });
        return Invariant($"job {job.Id} not finished by the deadline: {detail.GetProperty("status").GetString()}, ")
            + Invariant($"{detail.GetProperty("contactsProcessed").GetInt32()} of {job.Plan.Contacts} contacts final, {detail.GetProperty("contactStatusCounts")}; ")
            + Invariant($"{open.Count} contacts not final: {List(described)}");
    }

    private static string Counts(Dictionary<string, int> counts) =>
        "{" + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Invariant($"{c.Key}: {c.Value}"))) + "}";

    /// <summary>The first few items, and how many more there are: enough to start from, short enough to read.</summary>
    private static string List(IEnumerable<string> items, int shown = 10)
    {
        var all = items.ToList();
        return string.Join("; ", all.Take(shown)) + (all.Count > shown ? Invariant($"; and {all.Count - shown} more") : "");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record Plan(int Organization, int Limit, int MaxAttempts, int Contacts, bool PausedThroughFaults = false);

    private sealed record Tenant(string Id, int Ceiling, HttpClient Http);

    private sealed record Job(string Id, Tenant Tenant, Plan Plan);

    /// <summary>What was done to the cluster, and when: written to the test's output as it happens, and read back against the platform's log.</summary>
    private sealed class Timeline(ITestOutputHelper output)
    {
        private readonly List<(DateTimeOffset At, string What)> _events = [];

        public IReadOnlyList<(DateTimeOffset At, string What)> Events => _events;

        public void Add(string what)
        {
            _events.Add((DateTimeOffset.UtcNow, what));
            output.WriteLine($"{Time(_events[^1].At)} {what}");
        }

        public string LastBefore(DateTimeOffset at) =>
            _events.LastOrDefault(e => e.At <= at) is { What: not null } e ? $"{Time(e.At)} {e.What}" : "before any fault";

        /// <summary>Each event with how many calls were in progress then, and how many had been placed.</summary>
        public string Describe(List<PlatformCall> calls) => string.Join("\n", _events.Select(e => Invariant(
            $"{Time(e.At)} {e.What} ({calls.Count(call => call.StartedAt <= e.At && e.At < call.EndsAt)} / {calls.Count(call => call.StartedAt <= e.At)})")));
    }
}
