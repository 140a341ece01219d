using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Testing;
using Npgsql;
using Xunit.Abstractions;

using static BatchCalling.Contacts.CallOutcome;

namespace BatchCalling.PodTests;

/// <summary>
/// Issue 11, the pods for real: the podman overlay played as deploy/README.md says (three silo pods, a gateway pod and
/// the simulated platform's pod on the podman network, PostgreSQL and Redis on the host), a campaign run through the
/// gateway, a silo pod crashed mid-campaign and played again, a fourth silo played; judged from the platform's log.
/// </summary>
public sealed class PodsForRealTests(ITestOutputHelper output)
{
    private const int Jobs = 2;
    private const int ContactsPerJob = 150;
    private const int MaxAttempts = 2;
    private const int JobLimit = 4;
    private const int OrganizationLimit = 6;

    /// <summary>The contacts of each job started once the cluster has four silos, and how many such jobs at most.</summary>
    private const int LateContacts = 30;
    private const int MaxLateJobs = 6;

    /// <summary>The whole test, image build included, stays under 8 minutes: each phase gets what is left of this.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(7.5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [PodmanFact]
    public async Task A_campaign_survives_a_crashed_silo_pod_and_a_fourth_silo_with_nothing_lost_nothing_twice_and_every_ceiling_held()
    {
        await using var pods = await PodCluster.StartAsync(Write, imageBuild: Left(TimeSpan.FromMinutes(4)), ready: Left(TimeSpan.FromMinutes(2)));
        var (organizationId, http) = await pods.NewTenantAsync(OrganizationLimit);
        using var _ = http;
        var scripts = Enumerable.Range(0, ContactsPerJob).Select(ScriptOf).ToArray();
        var jobIds = new List<string>();
        for (var job = 0; job < Jobs; job++)
        {
            jobIds.Add(await CreateJobAsync(http, scripts, seed: job + 1));
        }

        var totalCalls = scripts.Sum(s => s.Attempts(MaxAttempts)) * Jobs;
        pods.Log($"{organizationId} (ceiling {OrganizationLimit}): jobs {string.Join(", ", jobIds)} (limit {JobLimit} each), "
            + $"{ContactsPerJob} contacts each, {totalCalls} calls between them");

        // A crash once about a third of the calls are placed: the silo that runs the first job, the hardest one to lose.
        await Wait.UntilAsync(async () => await PlacedAsync(jobIds) >= totalCalls / 3, Left(TimeSpan.FromMinutes(2)),
            () => "a third of the calls were never placed");
        var victim = Enumerable.Range(0, 3).FirstOrDefault(i => PodCluster.SiloLog(i).Contains($"Job {jobIds[0]} started", StringComparison.Ordinal), 1);
        pods.Log($"{await PlacedAsync(jobIds)} calls placed; crashing {PodCluster.Silo(victim)}, which runs {jobIds[0]}");
        pods.Crash(victim);
        // Played again at once, as a restart policy would, and a fourth silo with it: both then have most of the campaign to take work.
        pods.PlaySilo(victim);
        pods.PlaySilo(3);
        await pods.WaitSilosReadyAsync([victim, 3], Left(TimeSpan.FromMinutes(2)));
        pods.Log($"{PodCluster.Silo(victim)} played again and {PodCluster.Silo(3)} played (4 silos), both ready; {await PlacedAsync(jobIds)} calls placed");

        // New work once there are four: small jobs of the same organization, one at a time, until every silo pod has placed
        // calls. A job's contacts are activated next to it (Orleans places by load and prefers the caller's silo), so a
        // silo takes work when a job lands on it: the fresh silos are the least loaded, and a new job should go there.
        var lateJobs = 0;
        var idle = IdleSilos(pods);
        while (idle.Count > 0 && lateJobs < MaxLateJobs)
        {
            jobIds.Add(await CreateJobAsync(http, scripts[..LateContacts], seed: Jobs + 1 + lateJobs));
            lateJobs++;
            pods.Log($"job {jobIds[^1]} of {LateContacts} contacts added; silos that had placed no call: {string.Join(", ", idle)}");
            var added = Stopwatch.StartNew();
            while (added.Elapsed < TimeSpan.FromSeconds(10) && (idle = IdleSilos(pods)).Count > 0)
            {
                await Task.Delay(1000);
            }
        }

        List<string> problems = [];
        foreach (var jobId in jobIds)
        {
            problems.AddRange(await JudgeJobAsync(http, jobId, jobIds.IndexOf(jobId) >= Jobs ? scripts[..LateContacts] : scripts));
        }

        pods.Log($"all jobs finished; {await PlacedAsync(jobIds)} calls placed");
        problems.AddRange(await CeilingsAsync(pods, organizationId, jobIds));
        problems.AddRange(EverySiloDialed(pods, victim));
        Assert.True(problems.Count == 0, $"{problems.Count} problems (renders and pod logs in {pods.Files}):\n" + string.Join('\n', problems.Take(40)));
        pods.Log("judged: nothing lost, nothing twice, ceilings held, every silo pod dialed");
        pods.Passed = true;
    }

    /// <summary>Contacts by index: a fifth unanswered once then answered, a seventh busy twice (failed), the rest answered; 1–2 s calls.</summary>
    private static Script ScriptOf(int index) => index switch
    {
        _ when index % 5 == 0 => new([NoAnswer, Completed], 1000 + (index * 37 % 1000)),
        _ when index % 7 == 3 => new([Busy], 1000 + (index * 37 % 1000)),
        _ => new([Completed], 1000 + (index * 37 % 1000)),
    };

    private static async Task<int> PlacedAsync(IEnumerable<string> jobIds)
    {
        var placed = 0;
        foreach (var jobId in jobIds)
        {
            placed += await Db(() => CallLog.PlacedAsync(jobId));
        }

        return placed;
    }

    private static async Task<string> CreateJobAsync(HttpClient http, Script[] scripts, int seed)
    {
        var csv = new StringBuilder($"phone,{SimulatedOutcomes.FieldName},{SimulatedOutcomes.DurationFieldName}\n");
        for (var i = 0; i < scripts.Length; i++)
        {
            csv.Append(FormattableString.Invariant($"+1312{2_000_000 + (seed * 100_000) + i},\"{scripts[i].Field}\",{scripts[i].DurationMs}\n"));
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent(csv.ToString()), "file", "contacts.csv" },
            { new StringContent("pn_1"), "fromPhoneNumberId" },
            { new StringContent("Pods campaign"), "name" },
            { new StringContent(Invariant(JobLimit)), "concurrentCallLimit" },
            { new StringContent(Invariant(MaxAttempts)), "maxAttempts" },
            { new StringContent("0"), "retryDelaySeconds" },
        };
        var response = await Unavailable.RetryAsync(() => http.PostAsync("/batch/jobs", form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("batchJobId").GetString()!;
    }

    /// <summary>
    /// Once the job is finished: it completed with every contact final as its script says after as many attempts; the
    /// platform placed exactly those attempts, each once, with the scripted outcomes, and every final event it posted was taken.
    /// </summary>
    private async Task<List<string>> JudgeJobAsync(HttpClient http, string jobId, Script[] scripts)
    {
        JsonElement job = default;
        await Wait.UntilAsync(async () =>
        {
            job = await GetJsonAsync(http, $"/batch/jobs/{jobId}");
            return job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, Left(TimeSpan.FromMinutes(4)), () => $"job {jobId} did not finish: {job}");

        List<string> problems = [];
        if (job.GetProperty("status").GetString() != "completed")
        {
            problems.Add($"{jobId} ended {job.GetProperty("status").GetString()}: {job}");
        }

        if (job.GetProperty("contactsProcessed").GetInt32() != scripts.Length)
        {
            problems.Add($"{jobId}: {job.GetProperty("contactsProcessed").GetInt32()} contacts processed of {scripts.Length}");
        }

        var contacts = new List<JsonElement>();
        for (var page = 1; (page - 1) * 100 < scripts.Length; page++)
        {
            contacts.AddRange((await GetJsonAsync(http, $"/batch/jobs/{jobId}/contacts?page={page}&pageSize=100")).GetProperty("contacts").EnumerateArray());
        }

        var calls = await Db(() => CallLog.CallsAsync("job_id", jobId));
        problems.AddRange(calls.Where(call => call.Placements != 1).Select(call => $"{call.CallId} placed {call.Placements} times"));
        var logged = calls.ToLookup(call => call.ContactIndex);
        if (contacts.Count != scripts.Length)
        {
            problems.Add($"{jobId} lists {contacts.Count} contacts of {scripts.Length}");
        }

        foreach (var contact in contacts)
        {
            var index = contact.GetProperty("index").GetInt32();
            var script = scripts[index];
            var attempts = Enumerable.Range(1, script.Attempts(MaxAttempts)).ToList();
            var status = contact.GetProperty("status").GetString();
            var what = FormattableString.Invariant($"{jobId} contact {index} ({script.Field})");
            if (status != script.FinalStatus(MaxAttempts) || contact.GetProperty("attempts").GetInt32() != attempts.Count)
            {
                problems.Add(FormattableString.Invariant($"{what}: {status} after {contact.GetProperty("attempts").GetInt32()} attempts, expected {script.FinalStatus(MaxAttempts)} after {attempts.Count}"));
            }

            if (!logged[index].Select(call => call.Attempt).Order().SequenceEqual(attempts))
            {
                problems.Add($"{what}: the platform placed attempts [{string.Join(',', logged[index].Select(c => c.Attempt).Order())}], expected [{string.Join(',', attempts)}]");
            }

            problems.AddRange(logged[index].Where(call => call.Outcome != script.OutcomeOf(call.Attempt))
                .Select(call => $"{call.CallId}: the platform logged {WireNames.Of(call.Outcome)}, expected {WireNames.Of(script.OutcomeOf(call.Attempt))}"));
        }

        // The platform marks deliveries in batches: every final event taken (answered 2xx) soon after the job finished.
        var unreported = new List<string>();
        try
        {
            await Wait.UntilAsync(async () =>
            {
                unreported = [.. (await Db(() => CallLog.CallsAsync("job_id", jobId))).Where(call => call.ReportStatus is not (>= 200 and < 300)).Select(call => call.CallId)];
                return unreported.Count == 0;
            }, TimeSpan.FromSeconds(30), () => "");
        }
        catch (TimeoutException)
        {
            problems.AddRange(unreported.Select(call => $"final event of {call} not taken"));
        }

        Write($"{jobId}: {job.GetProperty("status").GetString()}, {calls.Count} calls, {contacts.Count} contacts judged");
        return problems;
    }

    /// <summary>Neither job's limit nor the organization's ceiling exceeded at any instant, by the platform's start and end times; every slot back.</summary>
    private async Task<List<string>> CeilingsAsync(PodCluster pods, string organizationId, List<string> jobIds)
    {
        List<string> problems = [];
        foreach (var (column, id, ceiling) in jobIds.Select(id => ("job_id", id, JobLimit)).Append(("organization_id", organizationId, OrganizationLimit)))
        {
            var peak = await Db(() => CallLog.PeakAsync(column, id));
            Write($"{id}: at most {peak} calls at once, ceiling {ceiling}");
            if (peak > ceiling)
            {
                problems.Add($"{id}: {peak} calls at once, above its ceiling {ceiling}");
            }
        }

        using var admin = pods.Client(pods.AdminToken);
        var slots = -1;
        try
        {
            await Wait.UntilAsync(async () =>
            {
                slots = (await GetJsonAsync(admin, $"/admin/organizations/{organizationId}")).GetProperty("slotsInUse").GetInt32();
                return slots == 0;
            }, TimeSpan.FromSeconds(30), () => "");
        }
        catch (TimeoutException)
        {
            problems.Add($"{organizationId}: slotsInUse still {slots} 30 s after its jobs finished");
        }

        return problems;
    }

    /// <summary>
    /// Every silo pod placed calls: its container's log shows the dialer's POSTs to the platform (the HTTP client logs each
    /// request at Information). The crashed pod's log was kept before it went; the pod played again in its place must dial too.
    /// </summary>
    private List<string> EverySiloDialed(PodCluster pods, int victim)
    {
        var dial = Dial(pods);
        var logs = Enumerable.Range(0, 4).Select(i => (Pod: PodCluster.Silo(i), Log: PodCluster.SiloLog(i)))
            .Append(($"{PodCluster.Silo(victim)} (crashed)", File.ReadAllText(Path.Combine(pods.Files, $"{PodCluster.Silo(victim)}.crashed.log"))));
        List<string> problems = [];
        foreach (var (pod, log) in logs)
        {
            var dials = CountOf(log, dial);
            Write($"{pod}: {dials} calls placed, by its log");
            if (dials == 0)
            {
                problems.Add($"{pod} placed no call: no \"{dial}\" in its log");
            }
        }

        return problems;
    }

    /// <summary>The silo pods (of four) whose log shows no call placed yet.</summary>
    private static List<string> IdleSilos(PodCluster pods) =>
        [.. Enumerable.Range(0, 4).Where(i => CountOf(PodCluster.SiloLog(i), Dial(pods)) == 0).Select(PodCluster.Silo)];

    /// <summary>What the dialer's HTTP client logs (Information) for each call a silo places on the platform.</summary>
    private static string Dial(PodCluster pods) => $"Start processing HTTP request POST http://{pods.PlatformIp}:8080/calls";

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// A query of the platform's log, tried again while PostgreSQL has no connection to spare: the server is the one every
    /// test of ./test.sh shares, and some of them hold many.
    /// </summary>
    private static async Task<T> Db<T>(Func<Task<T>> query)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await query();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.TooManyConnections && attempt < 30)
            {
                await Task.Delay(1000);
            }
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string uri)
    {
        var response = await Unavailable.RetryAsync(() => http.GetAsync(uri));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {uri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary><paramref name="cap"/>, or what is left of the test's budget when that is less.</summary>
    private TimeSpan Left(TimeSpan cap)
    {
        var left = Budget - _clock.Elapsed;
        return left < cap ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : cap;
    }

    private void Write(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A contact's script: its outcomes by attempt (the last repeats) and its call's length.</summary>
    private sealed record Script(CallOutcome[] Outcomes, int DurationMs) : ScriptedOutcomes(Outcomes);
}
