using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>
/// The simulated platform's contract, over HTTP against real PostgreSQL, with a real event receiver: what the cluster's
/// webhook dialer may rely on, and every misbehaviour it must survive. Each test dials call ids of a job of its own.
/// </summary>
public sealed class SimulatedPlatformTests(SimulatedPlatformFixture fixture) : IClassFixture<SimulatedPlatformFixture>, IDisposable
{
    /// <summary>A Standard Webhooks secret other than the platform's.</summary>
    private const string OtherSecret = "whsec_b3RoZXItc2VjcmV0LW9mLXRoaXJ0eS10d28tYnl0ZXM=";

    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] ScriptedAttempts = ["no_answer", "busy", "completed"];

    private readonly string _jobId = "job_" + Guid.NewGuid().ToString("N")[..12];
    private readonly PlatformClient _client = new(fixture.Platform.BaseAddress);
    private int _contacts;

    private EventReceiver Receiver => fixture.Receiver;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_repeated_post_places_nothing_new_and_answers_the_same()
    {
        var callId = NewCallId();
        var body = Body(callId, Script("completed", 300));

        var first = await (await _client.PlaceAsync(callId, body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await _client.PlaceAsync(callId, body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        Assert.StartsWith("sim_", first.GetProperty("providerCallId").GetString(), StringComparison.Ordinal);
        Assert.Equal("room_" + callId, first.GetProperty("roomName").GetString());
        Assert.Equal(first.GetRawText(), second.GetRawText());
        var call = Assert.Single(await CallLog.CallsAsync("job_id", _jobId));
        Assert.Equal((callId, 2), (call.CallId, call.Placements));
        Assert.Equal([200, 200], (await CallLog.DialRequestsAsync(callId)).Select(r => r.Status));
        await Receiver.WaitForAsync(callId, "completed");
        await CallLog.WaitUntilReportedAsync(callId, EventTimeout);
        Assert.Equal((1, 1, 0), await CallLog.CountsAsync(_jobId));
        Assert.Single(Receiver.EventsOf(callId));
    }

    [Theory]
    [InlineData("completed", "completed", null, "human", CallOutcome.Completed)]
    [InlineData("voicemail", "voicemail", null, "machine", CallOutcome.Voicemail)]
    [InlineData("timeout", "timeout", null, "human", CallOutcome.Timeout)]
    [InlineData("no_answer", "no_answer", 480, null, CallOutcome.NoAnswer)]
    [InlineData("busy", "busy", 486, null, CallOutcome.Busy)]
    [InlineData("failed", "failed", 500, null, CallOutcome.Failed)]
    [InlineData("invalid_number", "failed", 404, null, CallOutcome.InvalidNumber)]
    [InlineData("declined", "failed", 603, null, CallOutcome.Failed)]
    [InlineData("canceled", "canceled", null, null, CallOutcome.Failed)]
    [InlineData("no_such_outcome", "failed", 500, null, CallOutcome.Failed)]
    public async Task Each_scripted_outcome_ends_with_its_signed_event(string scripted, string status, int? sipCode, string? answeredBy, CallOutcome outcome)
    {
        var callId = await PlaceAsync(Script(scripted, 250));

        var received = await Receiver.WaitForAsync(callId, status, EventTimeout);

        Assert.True(received.Verified);
        Assert.Equal($"evt_{callId}_{status}", received.WebhookId);
        Assert.DoesNotContain(" ", received.Signature, StringComparison.Ordinal);
        var body = received.Body;
        Assert.Equal(callId, body.GetProperty("callId").GetString());
        Assert.Equal(answeredBy is null ? 0 : 0.25, body.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(sipCode, body.GetProperty("sipCode").ValueKind == JsonValueKind.Null ? null : body.GetProperty("sipCode").GetInt32());
        Assert.Equal(answeredBy, body.GetProperty("answeredBy").GetString());
        Assert.False(body.GetProperty("optOut").GetBoolean());
        Assert.Equal("room_" + callId, body.GetProperty("roomName").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("endedReason").GetString()));
        // GET of an ended call answers its final event, word for word.
        Assert.Equal(received.Raw, (await _client.LatestAsync(callId)).GetRawText());
        await CallLog.WaitUntilReportedAsync(callId, EventTimeout);
        var call = Assert.Single(await CallLog.CallsAsync("job_id", _jobId));
        Assert.Equal((outcome, answeredBy is null ? 0 : 250, 1), (call.Outcome, call.DurationMs, call.Placements));
        Assert.Equal(TimeSpan.FromMilliseconds(250), call.EndsAt - call.StartedAt);
    }

    [Fact]
    public async Task A_completed_call_reports_its_results()
    {
        var callId = await PlaceAsync(Script("completed", 100));

        var body = (await Receiver.WaitForAsync(callId, "completed", EventTimeout)).Body;

        Assert.Equal("customer-ended-call", body.GetProperty("endedReason").GetString());
        Assert.StartsWith("https://", body.GetProperty("recordingUrl").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("transcript").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("summary").GetString()));
        Assert.True(body.GetProperty("analysis").GetProperty("successEvaluation").GetBoolean());
    }

    [Fact]
    public async Task Attempt_n_takes_the_nth_scripted_outcome_and_the_last_repeats()
    {
        List<string> statuses = [];
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            // As a JSON array here; the other tests script with a comma list.
            var callId = await PlaceAsync(new Dictionary<string, object> { ["simulatedOutcomes"] = ScriptedAttempts, ["simulatedDurationMs"] = 0 }, attempt);
            var status = (await _client.LatestAsync(callId)).GetProperty("status").GetString()!;
            statuses.Add(status);
            await Receiver.WaitForAsync(callId, status, EventTimeout);
        }

        Assert.Equal(["no_answer", "busy", "completed", "completed"], statuses);
    }

    [Fact]
    public async Task Without_a_script_the_configured_weights_and_length_decide_and_the_dial_limits_the_length()
    {
        // The fixture weighs only busy: configured weights replace the default distribution.
        var unscripted = await PlaceAsync(new Dictionary<string, object>());
        var asText = await PlaceAsync(new Dictionary<string, object> { ["simulatedOutcomes"] = "completed", ["simulatedDurationMs"] = "150" });
        var limited = await PlaceAsync(Script("completed", 5000), maxDurationSeconds: 1);
        var configured = await PlaceAsync(new Dictionary<string, object> { ["simulatedOutcomes"] = "completed" });

        await Receiver.WaitForAsync(unscripted, "busy", EventTimeout);
        Assert.Equal(0.15, (await Receiver.WaitForAsync(asText, "completed", EventTimeout)).Body.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(1.0, (await Receiver.WaitForAsync(limited, "completed", EventTimeout)).Body.GetProperty("durationSeconds").GetDouble());
        // Platform:CallDurationMs keeps its default, 2 s.
        Assert.Equal(2.0, (await Receiver.WaitForAsync(configured, "completed", EventTimeout)).Body.GetProperty("durationSeconds").GetDouble());
        var calls = (await CallLog.CallsAsync("job_id", _jobId)).ToDictionary(c => c.CallId);
        Assert.Equal(TimeSpan.FromSeconds(1), calls[limited].EndsAt - calls[limited].StartedAt);
        Assert.Equal(CallOutcome.Busy, calls[unscripted].Outcome);
    }

    [Fact]
    public async Task A_request_not_signed_with_the_secret_or_signed_outside_five_minutes_is_401()
    {
        var callId = NewCallId();
        var body = Body(callId, Script("completed", 100));

        List<HttpResponseMessage> answers =
        [
            await _client.SendAsync(HttpMethod.Post, "/calls", body, callId, secret: OtherSecret),
            await _client.SendAsync(HttpMethod.Post, "/calls", body, callId, signedAt: DateTimeOffset.UtcNow.AddMinutes(-6)),
            await _client.SendAsync(HttpMethod.Post, "/calls", body, callId, signedAt: DateTimeOffset.UtcNow.AddMinutes(6)),
            await _client.SendAsync(HttpMethod.Get, $"/calls/{callId}", secret: OtherSecret),
            await _client.SendAsync(HttpMethod.Post, $"/calls/{callId}/hangup", secret: OtherSecret),
        ];
        using var unsigned = new HttpClient { BaseAddress = fixture.Platform.BaseAddress };
        answers.Add(await unsigned.PostAsync("/calls", new StringContent(body)));

        await AssertRefusedAsync(HttpStatusCode.Unauthorized, answers);
    }

    [Fact]
    public async Task A_malformed_dial_is_400_and_places_nothing()
    {
        var callId = NewCallId();
        var url = Receiver.EventsUrl(callId);
        var good = Body(callId, Script("completed", 100));

        List<HttpResponseMessage> answers =
        [
            await _client.SendAsync(HttpMethod.Post, "/calls", good),
            await _client.SendAsync(HttpMethod.Post, "/calls", good, idempotencyKey: "call_other"),
            await _client.PlaceAsync(callId, "{not json"),
            await _client.PlaceAsync(callId, "null"),
            await _client.PlaceAsync(callId, "[]"),
            await _client.PlaceAsync(callId, $$"""{"callId": 5, "attempt": 1, "jobId": "{{_jobId}}", "organizationId": "org", "eventsUrl": "{{url}}"}"""),
            await _client.PlaceAsync(callId, PlatformClient.CallBody(_jobId, callId, url, Script("completed", 100), attempt: 0)),
            await _client.PlaceAsync(callId, PlatformClient.CallBody(_jobId, callId, "calls/events", Script("completed", 100))),
            await _client.PlaceAsync(callId, PlatformClient.CallBody(_jobId, callId, url, Script("completed", 100, "sometimes_explodes"))),
            await _client.PlaceAsync("call with spaces", PlatformClient.CallBody(_jobId, "call with spaces", url, Script("completed", 100))),
        ];

        await AssertRefusedAsync(HttpStatusCode.BadRequest, answers);
    }

    [Fact]
    public async Task Get_tells_a_call_in_progress_then_its_final_event_and_404_for_a_call_never_placed()
    {
        var answered = await PlaceAsync(Script("completed", 60_000));
        var ringing = await PlaceAsync(Script("no_answer", 60_000));

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(NewCallId())).StatusCode);
        Assert.Equal($$"""{"callId":"{{answered}}","status":"answered"}""", (await _client.LatestAsync(answered)).GetRawText());
        Assert.Equal("ringing", (await _client.LatestAsync(ringing)).GetProperty("status").GetString());

        (await _client.HangUpAsync(answered)).EnsureSuccessStatusCode();
        (await _client.HangUpAsync(ringing)).EnsureSuccessStatusCode();
        Assert.Equal("timeout", (await _client.LatestAsync(answered)).GetProperty("status").GetString());
        await Receiver.WaitForAsync(answered, "timeout", EventTimeout);
        await Receiver.WaitForAsync(ringing, "timeout", EventTimeout);
    }

    [Fact]
    public async Task Hanging_up_ends_a_call_in_progress_as_timeout_once_and_its_event_follows()
    {
        var answered = await PlaceAsync(Script("completed", 60_000));
        var ringing = await PlaceAsync(Script("no_answer", 60_000));

        var hangUp = await _client.HangUpAsync(answered);
        Assert.Equal(HttpStatusCode.OK, hangUp.StatusCode);
        Assert.Equal("""{"ended":true}""", await hangUp.Content.ReadAsStringAsync());
        (await _client.HangUpAsync(ringing)).EnsureSuccessStatusCode();

        var body = (await Receiver.WaitForAsync(answered, "timeout", EventTimeout)).Body;
        Assert.InRange(body.GetProperty("durationSeconds").GetDouble(), 0.001, 10);
        Assert.Equal("human", body.GetProperty("answeredBy").GetString());
        Assert.Equal("hangup-requested", body.GetProperty("endedReason").GetString());
        // Hung up while it rang: connected to nobody.
        var unanswered = (await Receiver.WaitForAsync(ringing, "timeout", EventTimeout)).Body;
        Assert.Equal((0.0, JsonValueKind.Null), (unanswered.GetProperty("durationSeconds").GetDouble(), unanswered.GetProperty("answeredBy").ValueKind));

        var again = await _client.HangUpAsync(answered);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("""{"ended":false}""", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.HangUpAsync(NewCallId())).StatusCode);
        var call = (await CallLog.CallsAsync("job_id", _jobId)).Single(c => c.CallId == answered);
        Assert.Equal(CallOutcome.Timeout, call.Outcome);
        Assert.InRange(call.DurationMs, 1, 10_000);
        Assert.InRange(call.EndsAt - call.StartedAt, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Duplicate_events_posts_the_final_event_twice_with_one_webhook_id()
    {
        var callId = await PlaceAsync(Script("completed", 100, "duplicate_events"));

        var events = await WaitForEventsAsync(callId, 2);

        Assert.All(events, e => Assert.Equal(($"evt_{callId}_completed", true), (e.WebhookId, e.Verified)));
        Assert.Equal(events[0].Raw, events[1].Raw);
    }

    [Fact]
    public async Task Reordered_events_posts_the_final_event_before_answered_and_ringing()
    {
        var callId = await PlaceAsync(Script("completed", 100, "reordered_events"));

        var events = await WaitForEventsAsync(callId, 3);

        Assert.Equal(["completed", "answered", "ringing"], events.Select(e => e.Status));
        Assert.Equal($"evt_{callId}_answered", events[1].WebhookId);
    }

    [Fact]
    public async Task A_lost_event_is_never_posted_and_get_still_tells_the_outcome()
    {
        var lost = await PlaceAsync(Script("busy", 200, "lost_event"));
        var sibling = await PlaceAsync(Script("busy", 200));

        // The sibling ended after the lost call: had the lost call's event been owed, it would have come first.
        await Receiver.WaitForAsync(sibling, "busy", EventTimeout);
        await CallLog.WaitUntilReportedAsync(sibling, EventTimeout);

        Assert.Empty(Receiver.EventsOf(lost));
        Assert.Equal("busy", (await _client.LatestAsync(lost)).GetProperty("status").GetString());
        Assert.Null((await CallLog.CallsAsync("job_id", _jobId)).Single(c => c.CallId == lost).ReportedAt);
    }

    [Fact]
    public async Task Error_after_place_places_the_call_then_answers_500()
    {
        var callId = NewCallId();
        var body = Body(callId, Script("completed", 300, "error_after_place"));

        Assert.Equal(HttpStatusCode.InternalServerError, (await _client.PlaceAsync(callId, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(callId)).StatusCode);
        // Posting again without asking first is the duplicate dial the column placements exposes.
        (await _client.PlaceAsync(callId, body)).EnsureSuccessStatusCode();

        await AssertDialedAsync(callId, [500, 200], placements: 2);
    }

    [Theory]
    [InlineData("error_before_place", HttpStatusCode.ServiceUnavailable)]
    [InlineData("reject_429", HttpStatusCode.TooManyRequests)]
    public async Task A_refusing_first_post_places_nothing_and_asks_to_retry_after_a_second(string behaviour, HttpStatusCode refusal)
    {
        var callId = NewCallId();
        var body = Body(callId, Script("completed", 300, behaviour));

        var first = await _client.PlaceAsync(callId, body);
        Assert.Equal(refusal, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(callId)).StatusCode);
        (await _client.PlaceAsync(callId, body)).EnsureSuccessStatusCode();

        await AssertDialedAsync(callId, [(int)refusal, 200], placements: 1);
    }

    [Fact]
    public async Task Timeout_first_post_places_the_call_and_holds_the_first_answer()
    {
        var callId = NewCallId();
        var body = Body(callId, Script("completed", 300, "timeout_first_post"));

        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.PlaceAsync(callId, body, patience.Token));
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(callId)).StatusCode);
        var again = Stopwatch.StartNew();
        (await _client.PlaceAsync(callId, body)).EnsureSuccessStatusCode();
        // Only the first POST hangs (the fixture's Platform:HangingAnswerMs is 4 s).
        Assert.InRange(again.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        await AssertDialedAsync(callId, [200, 200], placements: 2);
    }

    [Fact]
    public async Task Slow_answer_places_at_once_and_answers_every_post_late()
    {
        var callId = NewCallId();
        var body = Body(callId, Script("completed", 300, "slow_answer"));
        // The platform's timer may fire a millisecond or so before the client's stopwatch says the time has passed.
        var slow = TimeSpan.FromMilliseconds(SimulatedPlatformFixture.SlowAnswerMs - 20);

        var sent = Stopwatch.StartNew();
        var placing = _client.PlaceAsync(callId, body);
        await Wait.UntilAsync(async () => (await _client.GetAsync(callId)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), () => "the call was not placed");
        Assert.False(placing.IsCompleted, "the answer came before the call could be seen placed");
        (await placing).EnsureSuccessStatusCode();
        Assert.True(sent.Elapsed >= slow, $"answered after {sent.Elapsed}");

        sent.Restart();
        (await _client.PlaceAsync(callId, body)).EnsureSuccessStatusCode();
        Assert.True(sent.Elapsed >= slow, $"answered again after {sent.Elapsed}");
        await Receiver.WaitForAsync(callId, "completed", EventTimeout);
    }

    [Fact]
    public async Task A_call_that_never_ends_outlives_its_length_and_limit_until_hung_up()
    {
        var endless = await PlaceAsync(Script("completed", 200, "never_ends"), maxDurationSeconds: 1);
        var bounded = await PlaceAsync(Script("completed", 5000), maxDurationSeconds: 1);

        await Receiver.WaitForAsync(bounded, "completed", EventTimeout);

        Assert.Equal("answered", (await _client.LatestAsync(endless)).GetProperty("status").GetString());
        Assert.Empty(Receiver.EventsOf(endless));
        (await _client.HangUpAsync(endless)).EnsureSuccessStatusCode();
        var body = (await Receiver.WaitForAsync(endless, "timeout", EventTimeout)).Body;
        Assert.True(body.GetProperty("durationSeconds").GetDouble() >= 1);
    }

    [Fact]
    public async Task An_event_the_receiver_fails_is_posted_again_with_growing_pauses_until_taken()
    {
        var callId = NewCallId();
        Receiver.Fail(callId, (int)HttpStatusCode.ServiceUnavailable);
        await PlaceAsync(Script("completed", 100), callId: callId);

        var failed = await WaitForEventsAsync(callId, 3);
        Receiver.Recover(callId);
        await Receiver.WaitForAsync(callId, "completed", EventTimeout);

        Assert.All(Receiver.EventsOf(callId), e => Assert.Equal(($"evt_{callId}_completed", failed[0].Raw), (e.WebhookId, e.Raw)));
        // Backoff from 250 ms, doubling.
        Assert.True(failed[1].At - failed[0].At >= TimeSpan.FromMilliseconds(200), $"{failed[1].At - failed[0].At}");
        Assert.True(failed[2].At - failed[1].At >= TimeSpan.FromMilliseconds(400), $"{failed[2].At - failed[1].At}");
        await CallLog.WaitUntilReportedAsync(callId, EventTimeout);
    }

    [Fact]
    public async Task An_event_the_receiver_refuses_with_404_is_posted_once()
    {
        var callId = NewCallId();
        Receiver.Fail(callId, (int)HttpStatusCode.NotFound);
        await PlaceAsync(Script("busy", 100), callId: callId);

        await CallLog.WaitUntilReportedAsync(callId, EventTimeout);

        Assert.Equal((int)HttpStatusCode.NotFound, Assert.Single(Receiver.EventsOf(callId)).Answered);
        Receiver.Recover(callId);
    }

    [Fact]
    public async Task Calls_end_on_time_while_the_platform_is_dead_and_their_events_come_after_its_restart()
    {
        List<string> callIds = [];
        for (var i = 0; i < 3; i++)
        {
            callIds.Add(await PlaceAsync(Script("completed", 1500)));
        }

        fixture.Platform.Kill();
        try
        {
            // No event is asserted absent meanwhile: another test run's platform, sharing the database, may post them.
            var lastEnd = (await CallLog.CallsAsync("job_id", _jobId)).Max(c => c.EndsAt);
            await Wait.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > lastEnd.AddMilliseconds(200)), TimeSpan.FromSeconds(10), () => "the calls did not end");
        }
        finally
        {
            await fixture.Platform.Start();
        }

        foreach (var callId in callIds)
        {
            var body = (await Receiver.WaitForAsync(callId, "completed", EventTimeout)).Body;
            Assert.Equal(1.5, body.GetProperty("durationSeconds").GetDouble());
            await CallLog.WaitUntilReportedAsync(callId, EventTimeout);
        }

        Assert.All(await CallLog.CallsAsync("job_id", _jobId), call => Assert.Equal(TimeSpan.FromMilliseconds(1500), call.EndsAt - call.StartedAt));
    }

    [Fact]
    public async Task With_progress_events_a_call_posts_ringing_and_answered_as_it_starts()
    {
        var platform = new PlatformProcess(("Platform__ProgressEvents", "true"));
        await platform.InitializeAsync();
        try
        {
            using var client = new PlatformClient(platform.BaseAddress);
            // Long enough that the progress posts of a process just started (its first requests, cold) are out before the end.
            var answered = await PlaceAsync(Script("completed", 2000), via: client);
            var unanswered = await PlaceAsync(Script("busy", 2000), via: client);

            await Receiver.WaitForAsync(answered, "completed", EventTimeout);
            await Receiver.WaitForAsync(unanswered, "busy", EventTimeout);

            Assert.Equal(["ringing", "answered", "completed"], Receiver.EventsOf(answered).Select(e => e.Status));
            Assert.Equal(["ringing", "busy"], Receiver.EventsOf(unanswered).Select(e => e.Status));
        }
        finally
        {
            await platform.DisposeAsync();
        }
    }

    private static Dictionary<string, object> Script(string outcome, int durationMs, string? behaviour = null)
    {
        var fields = new Dictionary<string, object> { ["simulatedOutcomes"] = outcome, ["simulatedDurationMs"] = durationMs };
        if (behaviour is not null)
        {
            fields["simulatedBehaviour"] = behaviour;
        }

        return fields;
    }

    /// <summary>A call id of this test's job, for its next contact: <c>call_{jobId}_{index}_{attempt}</c>, as the cluster names them.</summary>
    private string NewCallId(int attempt = 1) => $"call_{_jobId}_{_contacts++}_{attempt}";

    private string Body(string callId, object customFields, int attempt = 1, int maxDurationSeconds = 600) =>
        PlatformClient.CallBody(_jobId, callId, Receiver.EventsUrl(callId), customFields, attempt, maxDurationSeconds);

    private async Task<string> PlaceAsync(
        object customFields, int attempt = 1, int maxDurationSeconds = 600, string? callId = null, PlatformClient? via = null)
    {
        callId ??= NewCallId(attempt);
        (await (via ?? _client).PlaceAsync(callId, Body(callId, customFields, attempt, maxDurationSeconds))).EnsureSuccessStatusCode();
        return callId;
    }

    /// <summary>Every answer is a problem of that status, and nothing of this test's job was placed.</summary>
    private async Task AssertRefusedAsync(HttpStatusCode status, List<HttpResponseMessage> answers)
    {
        Assert.All(answers, answer =>
        {
            Assert.Equal(status, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(0, await CallLog.PlacedAsync(_jobId));
    }

    /// <summary>The call's POSTs were answered <paramref name="statuses"/>, placed it that often, and its completed event came.</summary>
    private async Task AssertDialedAsync(string callId, int[] statuses, int placements)
    {
        Assert.Equal(statuses, (await CallLog.DialRequestsAsync(callId)).Select(r => r.Status));
        Assert.Equal(placements, Assert.Single(await CallLog.CallsAsync("job_id", _jobId)).Placements);
        await Receiver.WaitForAsync(callId, "completed", EventTimeout);
    }

    private async Task<List<ReceivedEvent>> WaitForEventsAsync(string callId, int count)
    {
        await Wait.UntilAsync(() => Task.FromResult(Receiver.EventsOf(callId).Count >= count), EventTimeout,
            () => $"{Receiver.EventsOf(callId).Count} events of {callId}, not {count}");
        return Receiver.EventsOf(callId);
    }
}
