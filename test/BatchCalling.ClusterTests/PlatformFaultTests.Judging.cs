using System.Globalization;
using System.Text.Json;

using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>How the platform fault tests script a campaign, and judge it once it is finished.</summary>
public sealed partial class PlatformFaultTests
{
    /// <summary>A contact's script: the outcomes the cluster should see by attempt (the last repeats), its misbehaviour and its call's length.</summary>
    private sealed record Script(CallOutcome[] Outcomes, string Behaviour, int DurationMs) : ScriptedOutcomes(Outcomes)
    {
        /// <summary>What the contact's <c>simulatedOutcomes</c> tells the platform, when not the outcomes themselves.</summary>
        public string? Told { get; init; }

        public override string Field => Told ?? base.Field;
    }

    private sealed record Campaign(string JobId, string OrganizationId, HttpClient Http, Script[] Scripts, int MaxAttempts, int JobLimit, int OrganizationLimit);

    /// <summary>A new organization and a job of one contact per script, running; retries follow at once.</summary>
    private async Task<Campaign> StartAsync(Script[] scripts, int maxAttempts, int jobLimit, int organizationLimit, int seed)
    {
        var (organizationId, http) = await cluster.NewTenantAsync(organizationLimit);
        var jobId = await http.CreateJobAsync(
            Api.Contacts(scripts.Length, seed, [SimulatedOutcomes.FieldName, SimulatedOutcomes.DurationFieldName, SimulatedOutcomes.BehaviourFieldName],
                i => [scripts[i].Field, Invariant($"{scripts[i].DurationMs}"), scripts[i].Behaviour]),
            ("concurrentCallLimit", Invariant($"{jobLimit}")), ("maxAttempts", Invariant($"{maxAttempts}")), ("retryDelaySeconds", "0"));
        output.WriteLine($"{Time(DateTimeOffset.UtcNow)} job {jobId} of {organizationId}: {scripts.Length} contacts");
        return new Campaign(jobId, organizationId, http, scripts, maxAttempts, jobLimit, organizationLimit);
    }

    /// <summary>
    /// Waits until the job is finished, then everything a finished campaign must show: the job completed with the counters
    /// its scripts imply; each contact ended as its script says after as many attempts, each placed once and listed by the
    /// job as the platform logged it; neither ceiling exceeded at any instant; every slot given back; every final event the
    /// platform posted taken. Answers the problems found, the platform's calls and the job's contacts.
    /// </summary>
    private async Task<(List<string> Problems, List<PlatformCall> Calls, List<JsonElement> Contacts)> JudgeAsync(Campaign campaign, TimeSpan timeout)
    {
        var job = await campaign.Http.WaitForJobAsync(campaign.JobId,
            detail => detail.GetProperty("status").GetString() is "completed" or "failed" or "cancelled", timeout);
        output.WriteLine($"{Time(DateTimeOffset.UtcNow)} job {campaign.JobId} {job.GetProperty("status").GetString()}");
        List<string> problems = [];
        if (job.GetProperty("status").GetString() != "completed")
        {
            problems.Add($"job ended {job.GetProperty("status").GetString()}: {job.GetProperty("failureReason")}");
        }

        var scripts = campaign.Scripts;
        var finals = Enumerable.Range(0, scripts.Length).Select(i => scripts[i].FinalStatus(campaign.MaxAttempts)).ToList();
        var successful = finals.Count(status => status == "completed");
        var expectedCounts = Counts(finals.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()));
        var counts = Counts(job.GetProperty("contactStatusCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
        problems.AddRange(new (string Name, object Actual, object Expected)[]
            {
                ("contactsProcessed", job.GetProperty("contactsProcessed").GetInt32(), scripts.Length),
                ("successfulCalls", job.GetProperty("successfulCalls").GetInt32(), successful),
                ("failedCalls", job.GetProperty("failedCalls").GetInt32(), scripts.Length - successful),
                ("contactStatusCounts", counts, expectedCounts),
            }
            .Where(counter => !Equals(counter.Actual, counter.Expected))
            .Select(counter => $"{counter.Name} {counter.Actual} instead of {counter.Expected}"));

        var contacts = await ContactsAsync(campaign);
        var calls = await CallLog.CallsAsync("job_id", campaign.JobId);
        problems.AddRange(calls.Where(call => call.Placements != 1).Select(call => Invariant($"{call.CallId} placed {call.Placements} times")));
        var logged = calls.ToLookup(call => call.ContactIndex);
        foreach (var contact in contacts)
        {
            var index = contact.GetProperty("index").GetInt32();
            var script = scripts[index];
            var what = Invariant($"contact {index} ({script.Field}, {script.Behaviour})");
            var attempts = Enumerable.Range(1, script.Attempts(campaign.MaxAttempts)).ToList();
            var listed = contact.GetProperty("calls").EnumerateArray().ToList();
            var status = contact.GetProperty("status").GetString();
            if (status != finals[index] || contact.GetProperty("attempts").GetInt32() != attempts.Count)
            {
                problems.Add(Invariant($"{what}: {status} after {contact.GetProperty("attempts").GetInt32()} attempts, ")
                    + Invariant($"expected {finals[index]} after {attempts.Count}"));
            }

            if (!logged[index].Select(call => call.Attempt).Order().SequenceEqual(attempts))
            {
                problems.Add($"{what}: the platform placed attempts [{string.Join(',', logged[index].Select(c => c.Attempt).Order())}], "
                    + $"expected [{string.Join(',', attempts)}]");
            }

            problems.AddRange(logged[index].Where(call => call.Outcome != script.OutcomeOf(call.Attempt))
                .Select(call => $"{call.CallId}: the platform logged {WireNames.Of(call.Outcome)}, expected {WireNames.Of(script.OutcomeOf(call.Attempt))}"));
            problems.AddRange(Disagreements(what, listed, logged[index].ToList()));
        }

        problems.AddRange(await CeilingsAsync(campaign));
        // The platform marks deliveries in batches, and a delivery claimed by a platform instance that died comes back when its claim lapses.
        List<string> unreported = [];
        await HoldsWithinAsync(async () =>
        {
            calls = await CallLog.CallsAsync("job_id", campaign.JobId);
            unreported = [.. calls
                .Where(call => scripts[call.ContactIndex].Behaviour != "lost_event" && call.ReportStatus is not (>= 200 and < 300))
                .Select(call => $"{call.CallId} (event answered {call.ReportStatus?.ToString(CultureInfo.InvariantCulture) ?? "never"})")];
            return unreported.Count == 0;
        }, TimeSpan.FromSeconds(30));
        problems.AddRange(unreported.Select(call => $"final event not taken: {call}"));
        return (problems, calls, contacts);
    }

    /// <summary>Where the calls the job lists for a contact and those the platform logged differ: ids, attempts, outcomes, lengths.</summary>
    private static IEnumerable<string> Disagreements(string what, List<JsonElement> listed, List<PlatformCall> logged)
    {
        var byId = logged.ToDictionary(call => call.CallId);
        foreach (var call in listed)
        {
            var id = call.GetProperty("callId").GetString()!;
            var outcome = call.GetProperty("outcome").GetString();
            if (!byId.Remove(id, out var platform))
            {
                yield return $"{what}: the job lists {id} ({outcome}), which the platform never placed";
                continue;
            }

            // A call the cluster hung up is timed by each side's own clock; any other length is the one the final event gave.
            var tolerance = platform.Outcome == CallOutcome.Timeout ? 1.0 : 0.001;
            var seconds = call.GetProperty("durationSeconds").ValueKind == JsonValueKind.Number ? call.GetProperty("durationSeconds").GetDouble() : double.NaN;
            if (call.GetProperty("attempt").GetInt32() != platform.Attempt || outcome != WireNames.Of(platform.Outcome)
                || !(Math.Abs(seconds - (platform.DurationMs / 1000.0)) <= tolerance))
            {
                yield return Invariant($"{what}: the job lists {id} as attempt {call.GetProperty("attempt").GetInt32()}, {outcome}, {seconds} s; ")
                    + Invariant($"the platform logged attempt {platform.Attempt}, {WireNames.Of(platform.Outcome)}, {platform.DurationMs} ms");
            }
        }

        foreach (var id in byId.Keys)
        {
            yield return $"{what}: the platform placed {id}, which the job does not list";
        }
    }

    /// <summary>The job's and the organization's most calls at once, by the platform's times, within their ceilings; every slot back.</summary>
    private async Task<List<string>> CeilingsAsync(Campaign campaign)
    {
        List<string> problems = [];
        (string Column, string Id, int Ceiling)[] scopes =
            [("job_id", campaign.JobId, campaign.JobLimit), ("organization_id", campaign.OrganizationId, campaign.OrganizationLimit)];
        foreach (var (column, id, ceiling) in scopes)
        {
            var peak = await CallLog.PeakAsync(column, id);
            output.WriteLine(Invariant($"{column} {id}: at most {peak} calls at once, ceiling {ceiling}"));
            if (peak > ceiling)
            {
                problems.Add(Invariant($"{id}: {peak} calls at once, above its ceiling {ceiling}"));
            }
        }

        using var admin = cluster.Client(ProcessCluster.AdminToken);
        var slots = -1;
        if (!await HoldsWithinAsync(async () =>
            {
                slots = (await admin.GetJsonAsync($"/admin/organizations/{campaign.OrganizationId}")).GetProperty("slotsInUse").GetInt32();
                return slots == 0;
            }, TimeSpan.FromSeconds(30)))
        {
            problems.Add(Invariant($"organization {campaign.OrganizationId}: slotsInUse still {slots} 30 s after its job finished"));
        }

        return problems;
    }

    private static async Task<List<JsonElement>> ContactsAsync(Campaign campaign)
    {
        const int pageSize = 100;
        List<JsonElement> contacts = [];
        for (var page = 1; (page - 1) * pageSize < campaign.Scripts.Length; page++)
        {
            var body = await campaign.Http.GetJsonAsync(Invariant($"/batch/jobs/{campaign.JobId}/contacts?page={page}&pageSize={pageSize}"));
            contacts.AddRange(body.GetProperty("contacts").EnumerateArray());
        }

        return contacts;
    }

    /// <summary>
    /// Whether <paramref name="condition"/> comes to hold within <paramref name="timeout"/>: for a check that reports, rather
    /// than throws, when it does not.
    /// </summary>
    private static async Task<bool> HoldsWithinAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        try
        {
            await Wait.UntilAsync(condition, timeout, () => "");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private string Report(List<string> problems)
    {
        var report = $"{problems.Count} problems (logs in {cluster.LogDirectory}, platform {cluster.Platform.LogPath}):\n"
            + string.Join("\n", problems.Take(40).Select(problem => "- " + problem));
        output.WriteLine(report);
        return report;
    }

    private static string Counts(Dictionary<string, int> counts) =>
        "{" + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Invariant($"{c.Key}: {c.Value}"))) + "}";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Contacts that behave, with calls of 0.8 to 1.2 s, in a cycle prime to the outcomes'.</summary>
    private static Script[] CampaignScripts(int contacts) =>
        [.. Enumerable.Range(0, contacts).Select(i => new Script(CampaignOutcomes[i % CampaignOutcomes.Length], "", 800 + (100 * (i % 5))))];

    /// <summary>Until the platform has placed <paramref name="calls"/> calls of the job: the campaign is well under way.</summary>
    private static Task PlacedAsync(Campaign campaign, int calls) =>
        Wait.UntilAsync(async () => await CallLog.PlacedAsync(campaign.JobId) >= calls, TimeSpan.FromSeconds(60),
            () => Invariant($"job {campaign.JobId} did not get {calls} calls placed"));
}
