using System.Net;
using System.Text;
using System.Text.Json;

using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Testing;

using static BatchCalling.Contacts.CallOutcome;

namespace BatchCalling.PodTests;

/// <summary>
/// A campaign of one organization through the pods' gateway: jobs of scripted contacts, and their judgment from the
/// platform's log once they finish — nothing lost, nothing placed twice, every outcome as scripted, every final event
/// taken, neither a job's limit nor the organization's ceiling exceeded at any instant.
/// </summary>
public sealed class PodCampaign(PodCluster pods, HttpClient http, string organizationId, Action<string> write) : IDisposable
{
    public const int JobLimit = 4;
    public const int OrganizationLimit = 6;
    public const int MaxAttempts = 2;

    private readonly List<(string JobId, Script[] Scripts)> _jobs = [];

    public string OrganizationId => organizationId;

    public IReadOnlyList<string> JobIds => [.. _jobs.Select(job => job.JobId)];

    /// <summary>A new organization of ceiling <see cref="OrganizationLimit"/> on the pods, with no job yet.</summary>
    public static async Task<PodCampaign> StartAsync(PodCluster pods, Action<string> write)
    {
        var (organizationId, http) = await pods.NewTenantAsync(OrganizationLimit);
        return new PodCampaign(pods, http, organizationId, write);
    }

    /// <summary>
    /// Contacts by index: a fifth unanswered once then answered, a seventh busy twice (failed), the rest answered; calls
    /// of <paramref name="baseMs"/> to twice that.
    /// </summary>
    public static Script[] Scripts(int contacts, int baseMs) => [.. Enumerable.Range(0, contacts).Select(index =>
    {
        var duration = baseMs + (index * 37 % baseMs);
        return index switch
        {
            _ when index % 5 == 0 => new Script([NoAnswer, Completed], duration),
            _ when index % 7 == 3 => new Script([Busy], duration),
            _ => new Script([Completed], duration),
        };
    })];

    /// <summary>The calls the campaign's jobs take between them, by their scripts.</summary>
    public int TotalCalls => _jobs.Sum(job => job.Scripts.Sum(s => s.Attempts(MaxAttempts)));

    /// <summary>A job of <paramref name="scripts"/> (limit <see cref="JobLimit"/>, no retry delay), numbers from <paramref name="seed"/>.</summary>
    public async Task<string> CreateJobAsync(Script[] scripts, int seed)
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
        var jobId = JsonDocument.Parse(body).RootElement.GetProperty("batchJobId").GetString()!;
        _jobs.Add((jobId, scripts));
        return jobId;
    }

    /// <summary>The calls the platform has placed for the campaign so far.</summary>
    public async Task<int> PlacedAsync()
    {
        var placed = 0;
        foreach (var (jobId, _) in _jobs)
        {
            placed += await CallLog.PlacedAsync(jobId);
        }

        return placed;
    }

    /// <summary>Waits for every job to finish (each within <paramref name="finish"/>), then judges them all: the problems found.</summary>
    public async Task<List<string>> JudgeAsync(TimeSpan finish)
    {
        List<string> problems = [];
        foreach (var (jobId, scripts) in _jobs)
        {
            problems.AddRange(await JudgeJobAsync(jobId, scripts, finish));
        }

        write($"all jobs finished; {await PlacedAsync()} calls placed");
        problems.AddRange(await CeilingsAsync());
        return problems;
    }

    /// <summary>
    /// Once the job is finished: it completed with every contact final as its script says after as many attempts; the
    /// platform placed exactly those attempts, each once, with the scripted outcomes, and every final event it posted was taken.
    /// </summary>
    private async Task<List<string>> JudgeJobAsync(string jobId, Script[] scripts, TimeSpan finish)
    {
        JsonElement job = default;
        await Wait.UntilAsync(async () =>
        {
            job = await GetJsonAsync(http, $"/batch/jobs/{jobId}");
            return job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, finish, () => $"job {jobId} did not finish: {job}");

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

        var calls = await CallLog.CallsAsync("job_id", jobId);
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
                unreported = [.. (await CallLog.CallsAsync("job_id", jobId)).Where(call => call.ReportStatus is not (>= 200 and < 300)).Select(call => call.CallId)];
                return unreported.Count == 0;
            }, TimeSpan.FromSeconds(30), () => "");
        }
        catch (TimeoutException)
        {
            problems.AddRange(unreported.Select(call => $"final event of {call} not taken"));
        }

        write($"{jobId}: {job.GetProperty("status").GetString()}, {calls.Count} calls, {contacts.Count} contacts judged");
        return problems;
    }

    /// <summary>Neither a job's limit nor the organization's ceiling exceeded at any instant, by the platform's start and end times; every slot back.</summary>
    private async Task<List<string>> CeilingsAsync()
    {
        List<string> problems = [];
        foreach (var (column, id, ceiling) in _jobs.Select(job => ("job_id", job.JobId, JobLimit)).Append(("organization_id", organizationId, OrganizationLimit)))
        {
            var peak = await CallLog.PeakAsync(column, id);
            write($"{id}: at most {peak} calls at once, ceiling {ceiling}");
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

    public void Dispose() => http.Dispose();

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string uri)
    {
        var response = await Unavailable.RetryAsync(() => client.GetAsync(uri));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {uri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A contact's script: its outcomes by attempt (the last repeats) and its call's length.</summary>
    public sealed record Script(CallOutcome[] Outcomes, int DurationMs) : ScriptedOutcomes(Outcomes);
}
