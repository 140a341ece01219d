using System.Globalization;
using System.Text.Json;

using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Testing;

using Xunit.Abstractions;

using static BatchCalling.Contacts.CallOutcome;

namespace BatchCalling.ClusterTests;

/// <summary>
/// The cluster the platform fault tests run: Orleans' default membership and dispatch timing (the silo kill among them is
/// on production's timing), 1 s calls, and the call limits users may set shortened so that a call past them is seen within
/// a test: with no final event, a call is asked about <see cref="MaxCallDuration"/> + <see cref="EndGrace"/> after its dial.
/// The platform holds a <c>timeout_first_post</c> answer past the dialer's 4 s timeout.
/// </summary>
public sealed class PlatformFaultCluster() : ProcessCluster(callDurationMs: 1000)
{
    public static readonly TimeSpan MaxCallDuration = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long every POST of a <c>slow_answer</c> call waits before answering (the platform's default, stated).</summary>
    public const int SlowAnswerMs = 3000;

    public static TimeSpan CallEndDeadline => MaxCallDuration + EndGrace;

    protected override IEnumerable<(string Name, string Value)> TestTiming => [];

    protected override IEnumerable<(string Name, string Value)> SiloSettings =>
    [
        ("Dispatch__MaxCallDuration", MaxCallDuration.ToString("c", CultureInfo.InvariantCulture)),
        ("Dispatch__EndGrace", EndGrace.ToString("c", CultureInfo.InvariantCulture)),
    ];

    protected override IEnumerable<(string Name, string Value)> PlatformSettings =>
    [
        .. base.PlatformSettings,
        ("Platform__SlowAnswerMs", SlowAnswerMs.ToString(CultureInfo.InvariantCulture)),
        // Past the dialer's 4 s, short of the test's patience: the dial's fate is unknown, and only a GET may tell it.
        ("Platform__HangingAnswerMs", "10000"),
    ];
}

[CollectionDefinition(Name)]
public sealed class PlatformFaultClusterDefinition : ICollectionFixture<PlatformFaultCluster>
{
    public const string Name = "platform fault cluster";
}

/// <summary>
/// The webhook dialer against a platform that misbehaves, never ends a call or dies, and a silo killed under call events;
/// judged from the platform's own log (<c>platform_calls</c>, <c>platform_dial_requests</c>) and the API.
/// </summary>
[Collection(PlatformFaultClusterDefinition.Name)]
public sealed partial class PlatformFaultTests(PlatformFaultCluster cluster, ITestOutputHelper output)
{
    private static readonly string[] Misbehaviours =
        ["duplicate_events", "reordered_events", "lost_event", "error_after_place", "error_before_place", "reject_429", "timeout_first_post", "slow_answer"];

    /// <summary>Each misbehaviour meets each: a retry that succeeds, a retried final failure, and finals of one attempt.</summary>
    private static readonly CallOutcome[][] Finals = [[NoAnswer, Completed], [Busy], [Voicemail], [InvalidNumber]];

    /// <summary>
    /// The longer campaigns, of contacts that behave: calls that end the contact, a retry that succeeds, a retried final
    /// failure, and finals of one attempt.
    /// </summary>
    private static readonly CallOutcome[][] CampaignOutcomes = [[Completed], [Completed], [NoAnswer, Completed], [Busy], [Voicemail], [Failed]];

    /// <summary>How long a supervisor waits before it starts a killed process again.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_platform_misbehaving_in_every_way_it_can_gets_each_contact_called_once_per_attempt_as_scripted()
    {
        // A slow_answer call ends, and its final event comes, well before the dial's answer does.
        const int slowAnswerCallMs = 500;
        Assert.True(slowAnswerCallMs < PlatformFaultCluster.SlowAnswerMs / 2);
        var scripts = Enumerable.Range(0, Misbehaviours.Length * Finals.Length).Select(i => new Script(
                Finals[i / Misbehaviours.Length], Misbehaviours[i % Misbehaviours.Length],
                Misbehaviours[i % Misbehaviours.Length] == "slow_answer" ? slowAnswerCallMs : 1000))
            .ToArray();
        var campaign = await StartAsync(scripts, maxAttempts: 2, jobLimit: 6, organizationLimit: 5, seed: 1);

        var (problems, calls, contacts) = await JudgeAsync(campaign, TimeSpan.FromSeconds(75));

        foreach (var call in calls)
        {
            var behaviour = scripts[call.ContactIndex].Behaviour;
            // What each POST of the call id was answered: a refusal before it was placed is the platform's, then one post places it.
            int[] expected = behaviour switch
            {
                "error_before_place" => [503, 200],
                "reject_429" => [429, 200],
                "error_after_place" => [500],
                _ => [200],
            };
            var posts = await CallLog.DialRequestsAsync(call.CallId);
            if (!posts.Select(post => post.Status).SequenceEqual(expected))
            {
                problems.Add($"{call.CallId} ({behaviour}): POSTs answered [{string.Join(',', posts.Select(p => p.Status))}], "
                    + $"expected [{string.Join(',', expected)}]");
            }
            else if (expected.Length == 2 && posts[1].ReceivedAt - posts[0].ReceivedAt < TimeSpan.FromSeconds(1))
            {
                problems.Add(Invariant($"{call.CallId} ({behaviour}): posted again {(posts[1].ReceivedAt - posts[0].ReceivedAt).TotalMilliseconds} ms ")
                    + "after a refusal with Retry-After: 1");
            }
        }

        // A lost event's outcome is learned by asking the platform, and only once the call is past its deadline.
        foreach (var contact in contacts.Where(c => scripts[c.GetProperty("index").GetInt32()].Behaviour == "lost_event"))
        {
            foreach (var call in contact.GetProperty("calls").EnumerateArray())
            {
                var learnedAfter = call.GetProperty("endedAt").GetDateTimeOffset() - call.GetProperty("startedAt").GetDateTimeOffset();
                // A grain timer may fire a millisecond or so early.
                if (learnedAfter < PlatformFaultCluster.CallEndDeadline - TimeSpan.FromMilliseconds(50))
                {
                    problems.Add(Invariant($"{call.GetProperty("callId").GetString()} (lost_event): its outcome came {learnedAfter.TotalSeconds:0.000} s ")
                        + "after its dial, before the deadline");
                }
            }
        }

        Assert.True(problems.Count == 0, Report(problems));
        // The scenarios happened: lost events were never posted, all others were delivered.
        Assert.All(calls, call => Assert.Equal(scripts[call.ContactIndex].Behaviour == "lost_event", call.ReportedAt is null));
    }

    [Fact]
    public async Task A_call_its_platform_never_ends_is_hung_up_and_ended_timeout_past_its_deadline_and_only_then_frees_its_slot()
    {
        // Answered, and never ended by the platform: only the cluster's hang-up ends it.
        var scripts = Enumerable.Range(0, 2).Select(_ => new Script([CallOutcome.Timeout], "never_ends", 1000) { Told = "completed" }).ToArray();
        var campaign = await StartAsync(scripts, maxAttempts: 1, jobLimit: 1, organizationLimit: 5, seed: 2);

        var (problems, calls, _) = await JudgeAsync(campaign, TimeSpan.FromSeconds(60));

        Assert.True(problems.Count == 0, Report(problems));
        var (first, second) = (calls.MinBy(c => c.StartedAt)!, calls.MaxBy(c => c.StartedAt)!);
        Assert.True(second.StartedAt >= first.EndsAt, $"the second call started at {Time(second.StartedAt)}, before the first ended at {Time(first.EndsAt)}");
        Assert.All(calls, call =>
        {
            // The dial is stamped just before it reaches the platform: its clock may start a little later.
            var lasted = call.EndsAt - call.StartedAt;
            Assert.InRange(lasted, PlatformFaultCluster.CallEndDeadline - TimeSpan.FromMilliseconds(500), PlatformFaultCluster.CallEndDeadline + TimeSpan.FromSeconds(5));
        });
    }

    [Fact]
    public async Task Killing_the_silo_that_runs_a_job_while_call_events_are_in_flight_loses_no_call_and_places_none_twice()
    {
        var campaign = await StartAsync(CampaignScripts(300), maxAttempts: 2, jobLimit: 20, organizationLimit: 20, seed: 3);
        await PlacedAsync(campaign, 100);
        var victim = cluster.SiloHosting(campaign.JobId) ?? throw new InvalidOperationException($"No silo logged job {campaign.JobId}; logs in {cluster.LogDirectory}");

        var killedAt = DateTimeOffset.UtcNow;
        cluster.KillSilo(victim);
        output.WriteLine($"{Time(killedAt)} SIGKILL silo {victim}, which runs the job");
        await Task.Delay(RestartDelay);
        cluster.StartSilo(victim);
        output.WriteLine($"{Time(DateTimeOffset.UtcNow)} silo {victim} started again on its address");

        var (problems, calls, _) = await JudgeAsync(campaign, TimeSpan.FromSeconds(80));
        await cluster.WaitUntilSiloServingAsync(victim, TimeSpan.FromSeconds(90));

        Assert.True(problems.Count == 0, Report(problems));
        // Calls were on the line when the job's silo died, so their events came while it was gone; and the job dialed on after.
        Assert.Contains(calls, call => call.StartedAt <= killedAt && killedAt < call.EndsAt);
        Assert.Contains(calls, call => call.StartedAt > killedAt);
    }

    [Fact]
    public async Task Killing_the_platform_mid_campaign_and_starting_it_again_loses_no_call_and_places_none_twice()
    {
        var scripts = CampaignScripts(150);
        var campaign = await StartAsync(scripts, maxAttempts: 2, jobLimit: 10, organizationLimit: 10, seed: 4);
        await PlacedAsync(campaign, 30);

        var killedAt = DateTimeOffset.UtcNow;
        cluster.Platform.Kill();
        output.WriteLine($"{Time(killedAt)} SIGKILL the platform");
        // Down a few seconds: dials meanwhile find nothing to connect to, and the calls on the line end with nobody to report them.
        await Task.Delay(RestartDelay + TimeSpan.FromSeconds(1));
        var restartedAt = DateTimeOffset.UtcNow;
        await cluster.Platform.Start();
        output.WriteLine($"{Time(restartedAt)} platform started again, answering from {Time(DateTimeOffset.UtcNow)}");

        var (problems, calls, _) = await JudgeAsync(campaign, TimeSpan.FromSeconds(80));

        Assert.True(problems.Count == 0, Report(problems));
        // Calls that ended while the platform was down ended on time in PostgreSQL, and their events were taken (the judge waits
        // for every one). That they came only after the restart is not asserted: another test run's platform, sharing the
        // database, may post them meanwhile, as any instance of a platform may.
        var endedWhileDown = calls.Where(call => call.StartedAt < killedAt && killedAt < call.EndsAt && call.EndsAt < restartedAt).ToList();
        Assert.NotEmpty(endedWhileDown);
        Assert.All(endedWhileDown, call => Assert.Equal(scripts[call.ContactIndex].DurationMs, (call.EndsAt - call.StartedAt).TotalMilliseconds, 1.0));
        Assert.Contains(calls, call => call.StartedAt > restartedAt);
    }
}
