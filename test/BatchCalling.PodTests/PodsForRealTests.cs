using System.Diagnostics;

using BatchCalling.Testing;
using Xunit.Abstractions;

namespace BatchCalling.PodTests;

/// <summary>
/// Issue 11, the pods for real: the podman overlay played as deploy/README.md says (three silo pods, a gateway pod and
/// the simulated platform's pod on the podman network, PostgreSQL and Redis on the host), a campaign run through the
/// gateway while silo pods are crashed, added, or restarted one by one as a deploy does; judged from the platform's log.
/// </summary>
public sealed class PodsForRealTests(ITestOutputHelper output)
{
    private const int ContactsPerJob = 150;

    /// <summary>The contacts of each job started once the cluster has four silos, and how many such jobs at most.</summary>
    private const int LateContacts = 30;
    private const int MaxLateJobs = 6;

    /// <summary>Each test, image build included, stays under 8 minutes: each phase gets what is left of this.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(7.5);

    /// <summary>What a silo pod is given to leave after SIGTERM before it is killed: the manifests' terminationGracePeriodSeconds.</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(90);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [PodmanFact]
    public async Task A_campaign_survives_a_crashed_silo_pod_and_a_fourth_silo_with_nothing_lost_nothing_twice_and_every_ceiling_held()
    {
        await using var pods = await StartPodsAsync();
        using var campaign = await PodCampaign.StartAsync(pods, Write);
        var scripts = PodCampaign.Scripts(ContactsPerJob, baseMs: 1000);
        var first = await campaign.CreateJobAsync(scripts, seed: 1);
        await campaign.CreateJobAsync(scripts, seed: 2);
        Describe(pods, campaign);

        // A crash once about a third of the calls are placed: the silo that runs the first job, the hardest one to lose.
        await WaitPlacedAsync(campaign, campaign.TotalCalls / 3);
        var victim = Enumerable.Range(0, 3).FirstOrDefault(i => PodCluster.SiloLog(i).Contains($"Job {first} started", StringComparison.Ordinal), 1);
        pods.Log($"{await campaign.PlacedAsync()} calls placed; crashing {PodCluster.Silo(victim)}, which runs {first}");
        pods.Crash(victim);
        // Played again at once, as a restart policy would, and a fourth silo with it: both then have most of the campaign to take work.
        pods.PlaySilo(victim);
        pods.PlaySilo(3);
        await pods.WaitSilosReadyAsync([victim, 3], Left(TimeSpan.FromMinutes(2)));
        pods.Log($"{PodCluster.Silo(victim)} played again and {PodCluster.Silo(3)} played (4 silos), both ready; {await campaign.PlacedAsync()} calls placed");

        // New work once there are four: small jobs of the same organization, one at a time, until every silo pod has placed
        // calls. Orleans places each new activation by load (CPU, memory, activations: the fresh silos are the least
        // loaded), and every contact dialed is a new activation: the new jobs make sure there are contacts still to place.
        var lateJobs = 0;
        var idle = IdleSilos(pods);
        while (idle.Count > 0 && lateJobs < MaxLateJobs)
        {
            await campaign.CreateJobAsync(scripts[..LateContacts], seed: 3 + lateJobs);
            lateJobs++;
            pods.Log($"job {campaign.JobIds[^1]} of {LateContacts} contacts added; silos that had placed no call: {string.Join(", ", idle)}");
            var added = Stopwatch.StartNew();
            while (added.Elapsed < TimeSpan.FromSeconds(10) && (idle = IdleSilos(pods)).Count > 0)
            {
                await Task.Delay(1000);
            }
        }

        var problems = await campaign.JudgeAsync(Left(TimeSpan.FromMinutes(4)));
        problems.AddRange(EverySiloDialed(pods, victim));
        Assert.True(problems.Count == 0, $"{problems.Count} problems (renders and pod logs in {pods.Files}):\n" + string.Join('\n', problems.Take(40)));
        pods.Log("judged: nothing lost, nothing twice, ceilings held, every silo pod dialed");
        pods.Passed = true;
    }

    /// <summary>
    /// A deploy: each silo pod in turn is sent SIGTERM while the campaign runs, leaves within its grace period, and its
    /// replacement (a new pod on a new address) is ready before the next one goes; on Orleans' default timing.
    /// </summary>
    [PodmanFact]
    public async Task A_rolling_SIGTERM_restart_of_every_silo_pod_mid_campaign_loses_nothing_places_nothing_twice_and_holds_every_ceiling()
    {
        await using var pods = await StartPodsAsync();
        using var campaign = await PodCampaign.StartAsync(pods, Write);
        // Calls of 1.5–3 s at a ceiling of 6: the campaign lasts about two and a half minutes, well past the three restarts.
        var scripts = PodCampaign.Scripts(ContactsPerJob, baseMs: 1500);
        await campaign.CreateJobAsync(scripts, seed: 1);
        await campaign.CreateJobAsync(scripts, seed: 2);
        Describe(pods, campaign);
        await WaitPlacedAsync(campaign, campaign.TotalCalls / 10);

        List<string> problems = [];
        for (var silo = 0; silo < 3; silo++)
        {
            var placed = await campaign.PlacedAsync();
            if (placed >= campaign.TotalCalls)
            {
                problems.Add($"the campaign had ended ({placed} calls placed) before {PodCluster.Silo(silo)} was restarted: it tests no restart");
            }

            pods.Log($"{placed} calls placed; SIGTERM to {PodCluster.Silo(silo)}");
            var (exitCode, took) = pods.Terminate(silo, TerminationGrace);
            pods.Log($"{PodCluster.Silo(silo)} exited with code {exitCode} {took.TotalSeconds:F1} s after SIGTERM");
            if (exitCode != 0)
            {
                problems.Add($"{PodCluster.Silo(silo)} exited with code {exitCode} {took.TotalSeconds:F1} s after SIGTERM, not gracefully (grace {TerminationGrace.TotalSeconds} s)");
            }

            pods.PlaySilo(silo);
            await pods.WaitSilosReadyAsync([silo], Left(TimeSpan.FromMinutes(2)));
            pods.Log($"{PodCluster.Silo(silo)}'s replacement ready");
        }

        problems.AddRange(await campaign.JudgeAsync(Left(TimeSpan.FromMinutes(4))));
        Assert.True(problems.Count == 0, $"{problems.Count} problems (renders and pod logs in {pods.Files}):\n" + string.Join('\n', problems.Take(40)));
        pods.Log("judged: nothing lost, nothing twice, ceilings held, every silo pod left gracefully");
        pods.Passed = true;
    }

    private Task<PodCluster> StartPodsAsync() =>
        PodCluster.StartAsync(Write, imageBuild: Left(TimeSpan.FromMinutes(4)), ready: Left(TimeSpan.FromMinutes(2)));

    private static void Describe(PodCluster pods, PodCampaign campaign) =>
        pods.Log($"{campaign.OrganizationId} (ceiling {PodCampaign.OrganizationLimit}): jobs {string.Join(", ", campaign.JobIds)} "
            + $"(limit {PodCampaign.JobLimit} each), {campaign.TotalCalls} calls between them");

    private async Task WaitPlacedAsync(PodCampaign campaign, int calls) =>
        await Wait.UntilAsync(async () => await campaign.PlacedAsync() >= calls, Left(TimeSpan.FromMinutes(2)),
            () => $"{calls} calls were never placed");

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
}
