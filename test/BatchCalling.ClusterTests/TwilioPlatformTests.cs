using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>
/// The simulated platform's Twilio subset, over HTTP against real PostgreSQL, with a receiver that checks callbacks with
/// Twilio's own RequestValidator: what the cluster's twilio dialer may rely on. Each test dials call ids of a job of its own.
/// </summary>
public sealed class TwilioPlatformTests(TwilioPlatformFixture fixture) : IClassFixture<TwilioPlatformFixture>, IDisposable
{
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(15);

    private readonly string _jobId = "job_" + Guid.NewGuid().ToString("N")[..12];
    private readonly TwilioClient _client = new(fixture.Platform.BaseAddress);
    private int _contacts;

    private TwilioCallbackReceiver Receiver => fixture.Receiver;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Only_the_accounts_basic_auth_reaches_the_calls()
    {
        var callId = NewCallId();
        var dial = Dial("+12025550181", callId);
        const string otherAccount = "AC00000000000000000000000000000000";

        List<HttpResponseMessage> answers =
        [
            await _client.SendAsync(HttpMethod.Post, $"/2010-04-01/Accounts/{PlatformProcess.TwilioAccountSid}/Calls.json", dial, password: "0000"),
            await _client.SendAsync(HttpMethod.Post, $"/2010-04-01/Accounts/{otherAccount}/Calls.json", dial),
            await _client.SendAsync(HttpMethod.Post, $"/2010-04-01/Accounts/{otherAccount}/Calls.json", dial, user: otherAccount),
            await _client.SendAsync(HttpMethod.Get, $"/2010-04-01/Accounts/{PlatformProcess.TwilioAccountSid}/Calls.json", password: "0000"),
        ];

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal(20003, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        }

        Assert.Equal(0, await CallLog.PlacedAsync(_jobId));
    }

    [Fact]
    public async Task A_dial_answers_201_with_a_queued_call_and_the_call_log_keeps_it_under_our_call_id()
    {
        var callId = NewCallId();

        var answer = await _client.PlaceAsync(Dial("+12025550181", callId));

        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var call = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var sid = call.GetProperty("sid").GetString()!;
        Assert.Matches("^CA[0-9a-f]{32}$", sid);
        Assert.Equal("queued", call.GetProperty("status").GetString());
        Assert.Equal(("+12025550181", "+12025550100"), (call.GetProperty("to").GetString(), call.GetProperty("from").GetString()));
        Assert.Equal(PlatformProcess.TwilioAccountSid, call.GetProperty("account_sid").GetString());
        var created = DateTimeOffset.ParseExact(call.GetProperty("date_created").GetString()!, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);
        Assert.InRange(created, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var logged = Assert.Single(await CallLog.CallsAsync("job_id", _jobId));
        Assert.Equal((callId, CallOutcome.Completed, 1, PlatformProcess.TwilioAccountSid), (logged.CallId, logged.Outcome, logged.Placements, logged.OrganizationId));
        Assert.Equal(TimeSpan.FromMilliseconds(TwilioPlatformFixture.CallDurationMs), logged.EndsAt - logged.StartedAt);
        await Receiver.WaitForAsync(callId, "completed", CallbackTimeout);
    }

    [Theory]
    [InlineData("+12025550181", true, "completed", "human", "1", "200")]
    [InlineData("+12025550181", false, "completed", null, "1", "200")]
    [InlineData("+12025550184", true, "completed", "machine_end_beep", "1", "200")]
    [InlineData("+12025550184", false, "completed", null, "1", "200")]
    [InlineData("+12025550182", true, "no-answer", null, "0", "480")]
    [InlineData("+12025550183", true, "busy", null, "0", "486")]
    public async Task Each_scripted_number_ends_with_a_callback_signed_as_twilio_signs(
        string to, bool machineDetection, string status, string? answeredBy, string duration, string sipCode)
    {
        var callId = NewCallId();
        await PlaceAsync(to, callId, machineDetection);

        var final = await Receiver.WaitForAsync(callId, status, CallbackTimeout);

        Assert.True(final.Verified);
        Assert.Equal(PlatformProcess.TwilioAccountSid, final.Form["AccountSid"]);
        Assert.Matches("^CA[0-9a-f]{32}$", final.Form["CallSid"]);
        Assert.Equal((to, "+12025550100"), (final.Form["To"], final.Form["From"]));
        Assert.Equal((duration, sipCode), (final.Form["CallDuration"], final.Form["SipResponseCode"]));
        Assert.Equal(answeredBy, final.Form.GetValueOrDefault("AnsweredBy"));
        Assert.All(Receiver.CallbacksOf(callId), callback => Assert.True(callback.Verified));
        await CallLog.WaitUntilReportedAsync(callId, CallbackTimeout);
    }

    [Fact]
    public async Task Progress_callbacks_come_initiated_ringing_then_in_progress_for_an_answered_call()
    {
        var answered = NewCallId();
        var unanswered = NewCallId();
        await PlaceAsync("+12025550181", answered);
        await PlaceAsync("+12025550183", unanswered);

        await Receiver.WaitForAsync(answered, "completed", CallbackTimeout);
        await Receiver.WaitForAsync(unanswered, "busy", CallbackTimeout);

        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], Receiver.CallbacksOf(answered).Select(c => c.Status));
        Assert.Equal(["initiated", "ringing", "busy"], Receiver.CallbacksOf(unanswered).Select(c => c.Status));
    }

    [Fact]
    public async Task Attempt_n_of_a_number_takes_its_nth_scripted_outcome_and_the_last_repeats()
    {
        List<string> statuses = [];
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var callId = NewCallId(attempt);
            await PlaceAsync(TwilioPlatformFixture.ByAttempt, callId);
            statuses.Add((await Receiver.WaitForFinalAsync(callId, CallbackTimeout)).Status);
        }

        Assert.Equal(["no-answer", "busy", "completed", "completed"], statuses);
    }

    [Fact]
    public async Task Fetch_tells_a_call_in_progress_then_how_it_ended_and_404_for_a_sid_never_placed()
    {
        var callId = NewCallId();
        var sid = await PlaceAsync("+12025550181", callId, machineDetection: true);

        var during = await _client.CallAsync(sid);
        await Receiver.WaitForAsync(callId, "completed", CallbackTimeout);
        var after = await _client.CallAsync(sid);
        var unknown = await _client.GetAsync("CA" + Guid.NewGuid().ToString("N"));

        Assert.Equal(("in-progress", JsonValueKind.Null), (during.GetProperty("status").GetString(), during.GetProperty("duration").ValueKind));
        Assert.Equal(("completed", "human", "1"), (after.GetProperty("status").GetString(), after.GetProperty("answered_by").GetString(), after.GetProperty("duration").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(20404, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_list_filters_by_to_and_from_newest_first()
    {
        // A number of this test's own, so no other test's calls are listed with it.
        var to = "+1202555" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var first = await PlaceAsync(to, NewCallId());
        var second = await PlaceAsync(to, NewCallId(2));
        await PlaceAsync("+12025550183", NewCallId());

        var page = await (await _client.ListAsync($"To={Uri.EscapeDataString(to)}&From=%2B12025550100&PageSize=20")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var none = await (await _client.ListAsync($"To={Uri.EscapeDataString(to)}&From=%2B19995550100")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([second, first], page.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("sid").GetString()));
        Assert.Equal(20, page.GetProperty("page_size").GetInt32());
        Assert.Empty(none.GetProperty("calls").EnumerateArray());
    }

    [Fact]
    public async Task Completed_hangs_up_an_answered_call_once_and_its_callback_follows_while_canceled_leaves_it_up()
    {
        var callId = NewCallId();
        var sid = await PlaceAsync(TwilioPlatformFixture.Endless, callId);
        await Task.Delay(1200);

        var canceled = await _client.UpdateAsync(sid, "canceled");
        var completed = await _client.UpdateAsync(sid, "completed");
        var again = await _client.UpdateAsync(sid, "completed");

        Assert.Equal("in-progress", (await canceled.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("completed", (await completed.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(21220, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        var final = await Receiver.WaitForAsync(callId, "completed", CallbackTimeout);
        Assert.Equal("200", final.Form["SipResponseCode"]);
        Assert.True(int.Parse(final.Form["CallDuration"], CultureInfo.InvariantCulture) >= 2);
        var call = Assert.Single(await CallLog.CallsAsync("job_id", _jobId));
        Assert.Equal(CallOutcome.Timeout, call.Outcome);
    }

    [Fact]
    public async Task A_ringing_call_is_canceled_and_says_so()
    {
        var callId = NewCallId();
        var sid = await PlaceAsync(TwilioPlatformFixture.EndlessRinging, callId);

        Assert.Equal("ringing", (await _client.CallAsync(sid)).GetProperty("status").GetString());
        var canceled = await _client.UpdateAsync(sid, "canceled");

        Assert.Equal("canceled", (await canceled.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var final = await Receiver.WaitForAsync(callId, "canceled", CallbackTimeout);
        Assert.Equal(("0", "487"), (final.Form["CallDuration"], final.Form["SipResponseCode"]));
    }

    [Fact]
    public async Task A_second_dial_of_a_call_id_rings_again_as_twilio_would_and_counts_as_a_double_dial()
    {
        var callId = NewCallId();

        var first = await PlaceAsync("+12025550181", callId);
        var second = await PlaceAsync("+12025550181", callId);

        Assert.Equal(first, second);
        Assert.Equal(2, Assert.Single(await CallLog.CallsAsync("job_id", _jobId)).Placements);
        Assert.Equal([200, 200], (await CallLog.DialRequestsAsync(callId)).Select(r => r.Status));
    }

    [Fact]
    public async Task Misbehaving_first_dials_answer_500_after_placing_or_429_placing_nothing()
    {
        var afterPlace = NewCallId();
        var refused = NewCallId();

        var error = await _client.PlaceAsync(Dial(TwilioPlatformFixture.ErrorAfterPlace, afterPlace));
        var tooMany = await _client.PlaceAsync(Dial(TwilioPlatformFixture.Refused, refused));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), tooMany.Headers.RetryAfter?.Delta);
        Assert.Equal(20429, (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(afterPlace, Assert.Single(await CallLog.CallsAsync("job_id", _jobId)).CallId);
        await Receiver.WaitForAsync(afterPlace, "busy", CallbackTimeout);
    }

    [Theory]
    [InlineData("To", 21201)]
    [InlineData("From", 21213)]
    [InlineData("Url", 21205)]
    [InlineData("StatusCallback", 21609)]
    public async Task A_dial_missing_a_field_is_twilios_400_and_places_nothing(string missing, int code)
    {
        var answer = await _client.PlaceAsync(Dial("+12025550181", NewCallId()).Where(f => f.Key != missing));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(code, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(0, await CallLog.PlacedAsync(_jobId));
    }

    /// <summary>A call id of this test's job, for its next contact: <c>call_{jobId}_{index}_{attempt}</c>, as the cluster names them.</summary>
    private string NewCallId(int attempt = 1) => $"call_{_jobId}_{_contacts++}_{attempt}";

    private List<KeyValuePair<string, string>> Dial(string to, string callId, bool machineDetection = false) =>
        TwilioClient.Dial(to, Receiver.StatusCallback(callId), machineDetection);

    /// <summary>Places the call and answers its sid.</summary>
    private async Task<string> PlaceAsync(string to, string callId, bool machineDetection = false)
    {
        var answer = await _client.PlaceAsync(Dial(to, callId, machineDetection));
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
    }
}
