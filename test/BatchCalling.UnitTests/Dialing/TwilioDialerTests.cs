using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Dialing.Twilio;
using BatchCalling.Organizations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCalling.UnitTests.Dialing;

/// <summary>Twilio's Calls API from the cluster's side (API.md, TELEPHONY.md), against a scripted Twilio.</summary>
public sealed class TwilioDialerTests : IDisposable
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "0123456789abcdef0123456789abcdef";
    private const string Sid = "CAfedcba9876543210fedcba9876543210";
    private const string CallbackUrl = "https://batch.example.com/twilio/calls/call_job1_7_2/status";
    private const string Calls = "https://api.twilio.example/2010-04-01/Accounts/" + AccountSid + "/Calls";

    private static readonly DateTimeOffset DialedAt = new(2026, 11, 26, 10, 0, 0, 500, TimeSpan.Zero);

    private static readonly CallRequest Call = new("call_job1_7_2", "org_a", "job1", 2, "+12025550100", "agent_1",
        new ContactInput("+12025550101", "Ada", null), null, TimeSpan.FromMinutes(30));

    private readonly Platform _twilio = new();

    private static DialedCall Dialed(string? sid = Sid) => new(Call.CallId, DialedAt, "+12025550101", "+12025550100", sid);

    private TwilioDialer Dialer(bool machineDetection = false, string authToken = AuthToken) => new(_twilio, new Uri("https://api.twilio.example/"),
        new DialerSettings(DialerType.Twilio, new Uri("https://agents.example.com/twiml?agent=1"), AccountSid: AccountSid, AuthToken: authToken, MachineDetection: machineDetection),
        new EventsAddress(new ConfigurationBuilder().AddInMemoryCollection([new("Gateway:PublicUrl", "https://batch.example.com/")]).Build()),
        NullLogger<TwilioDialer>.Instance);

    public void Dispose() => _twilio.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_dial_posts_the_calls_form_with_basic_auth_and_our_call_id_in_the_status_callback(bool machineDetection)
    {
        _twilio.Answer = _ => Json(HttpStatusCode.Created, $$"""{"sid":"{{Sid}}","status":"queued","date_created":"Thu, 26 Nov 2026 10:00:00 +0000"}""");

        var placed = await Dialer(machineDetection).PlaceCallAsync(Call, default);

        Assert.Equal(PlaceResult.Placed(null, Sid), placed);
        var (request, body) = _twilio.Received.Single();
        Assert.Equal((HttpMethod.Post, Calls + ".json"), (request.Method, request.RequestUri!.ToString()));
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal($"{AccountSid}:{AuthToken}", Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
        var form = HttpUtility.ParseQueryString(body);
        Assert.Equal("+12025550101", form["To"]);
        Assert.Equal("+12025550100", form["From"]);
        Assert.Equal("https://agents.example.com/twiml?agent=1", form["Url"]);
        Assert.Equal(CallbackUrl, form["StatusCallback"]);
        Assert.Equal(["initiated", "ringing", "answered", "completed"], form.GetValues("StatusCallbackEvent") ?? []);
        Assert.Equal("POST", form["StatusCallbackMethod"]);
        Assert.Equal("30", form["Timeout"]);
        Assert.Equal("1800", form["TimeLimit"]);
        Assert.Equal(machineDetection ? "Enable" : null, form["MachineDetection"]);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 7, 7)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, 5)]
    public async Task Twilio_busy_has_placed_nothing_and_says_when_to_come_back(HttpStatusCode status, int? retryAfter, int expectedSeconds)
    {
        _twilio.Answer = _ =>
        {
            var response = Json(status, """{"code":20429,"message":"Too Many Requests","status":429}""");
            if (retryAfter is { } seconds)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return response;
        };

        Assert.Equal(PlaceResult.NotPlaced(TimeSpan.FromSeconds(expectedSeconds)), await Dialer().PlaceCallAsync(Call, default));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}""", "twilio_21211")]
    [InlineData(HttpStatusCode.Unauthorized, """{"code":20003,"message":"Authenticate","status":401}""", "twilio_20003")]
    [InlineData(HttpStatusCode.Forbidden, "", "http_403")]
    [InlineData(HttpStatusCode.NotFound, """{"code":"not a number"}""", "http_404")]
    public async Task A_refused_dial_fails_the_attempt_with_twilios_code_or_the_status(HttpStatusCode status, string body, string errorCode)
    {
        _twilio.Answer = _ => Json(status, body);

        Assert.Equal(PlaceResult.Rejected(errorCode), await Dialer().PlaceCallAsync(Call, default));
    }

    [Fact]
    public async Task A_server_error_or_no_answer_leaves_the_dial_of_unknown_fate_and_no_connection_places_nothing()
    {
        _twilio.Answer = _ => new HttpResponseMessage(HttpStatusCode.BadGateway);
        Assert.Equal(PlaceResult.Unknown, await Dialer().PlaceCallAsync(Call, default));

        _twilio.Answer = _ => throw new TaskCanceledException("timed out");
        Assert.Equal(PlaceResult.Unknown, await Dialer().PlaceCallAsync(Call, default));

        _twilio.Answer = _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection closed mid-answer");
        Assert.Equal(PlaceResult.Unknown, await Dialer().PlaceCallAsync(Call, default));

        _twilio.Answer = _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused");
        Assert.Equal(PlaceResult.Kinds.NotPlaced, (await Dialer().PlaceCallAsync(Call, default)).Kind);
    }

    [Fact]
    public async Task A_dial_answered_without_a_readable_call_is_placed_with_no_sid()
    {
        _twilio.Answer = _ => Json(HttpStatusCode.Created, "<html>");

        Assert.Equal(PlaceResult.Placed(null), await Dialer().PlaceCallAsync(Call, default));
    }

    [Theory]
    [InlineData("queued", null, null, null, null)]
    [InlineData("ringing", null, null, null, null)]
    [InlineData("in-progress", "human", null, null, null)]
    [InlineData("completed", null, "93", CallOutcome.Completed, null)]
    [InlineData("completed", "human", "93", CallOutcome.Completed, null)]
    [InlineData("completed", "machine_end_beep", "93", CallOutcome.Voicemail, null)]
    [InlineData("busy", null, "0", CallOutcome.Busy, "486")]
    [InlineData("no-answer", null, "0", CallOutcome.NoAnswer, null)]
    [InlineData("failed", null, null, CallOutcome.Failed, null)]
    [InlineData("canceled", null, null, CallOutcome.Failed, "canceled")]
    public async Task A_call_with_a_known_sid_is_fetched_and_read_in_our_terms(string status, string? answeredBy, string? duration, CallOutcome? outcome, string? errorCode)
    {
        _twilio.Answer = _ => Json(HttpStatusCode.OK, Resource(Sid, status, answeredBy, duration, "Thu, 26 Nov 2026 10:00:00 +0000"));

        var found = await Dialer().GetStatusAsync(Dialed(), default);

        var (request, _) = _twilio.Received.Single();
        Assert.Equal((HttpMethod.Get, $"{Calls}/{Sid}.json"), (request.Method, request.RequestUri!.ToString()));
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.True(found.Placed);
        Assert.Equal(outcome, found.End?.Outcome);
        Assert.Equal(errorCode, found.End?.ErrorCode);
        Assert.Equal(outcome is CallOutcome.Completed or CallOutcome.Voicemail ? 93 : 0, found.End?.DurationSeconds ?? 0);
    }

    [Fact]
    public async Task A_sid_twilio_does_not_know_was_never_placed_and_an_error_or_nonsense_cannot_say()
    {
        _twilio.Answer = _ => Json(HttpStatusCode.NotFound, """{"code":20404,"status":404}""");
        Assert.Equal(CallStatus.NeverPlaced, await Dialer().GetStatusAsync(Dialed(), default));

        _twilio.Answer = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        await Assert.ThrowsAsync<HttpRequestException>(() => Dialer().GetStatusAsync(Dialed(), default));

        _twilio.Answer = _ => Json(HttpStatusCode.OK, Resource(Sid, "exploded", null, null, null));
        await Assert.ThrowsAsync<HttpRequestException>(() => Dialer().GetStatusAsync(Dialed(), default));
    }

    [Fact]
    public async Task Without_a_sid_the_call_is_the_one_created_between_the_numbers_at_the_dial()
    {
        // Newest first, as Twilio lists: one made long after the dial, the dial's own, and the previous attempt's just before it.
        _twilio.Answer = _ => Json(HttpStatusCode.OK, $$"""
            {"calls":[
              {{Resource("CAlater", "ringing", null, null, "Thu, 26 Nov 2026 10:05:00 +0000")}},
              {{Resource("CAdial", "completed", "human", "12", "Thu, 26 Nov 2026 10:00:01 +0000")}},
              {{Resource("CAearlier", "busy", null, "0", "Thu, 26 Nov 2026 09:59:50 +0000")}}
            ],"page":0,"page_size":20}
            """);

        var found = await Dialer().GetStatusAsync(Dialed(sid: null), default);

        Assert.Equal(new CallStatus(true, new CallEnd(CallOutcome.Completed, 12)), found);
        var (request, _) = _twilio.Received.Single();
        Assert.Equal($"{Calls}.json?To=%2B12025550101&From=%2B12025550100&PageSize=20", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Without_a_sid_and_no_call_created_at_the_dial_it_was_never_placed()
    {
        _twilio.Answer = _ => Json(HttpStatusCode.OK, $$"""{"calls":[{{Resource("CAearlier", "busy", null, "0", "Thu, 26 Nov 2026 09:58:00 +0000")}}]}""");
        Assert.Equal(CallStatus.NeverPlaced, await Dialer().GetStatusAsync(Dialed(sid: null), default));

        _twilio.Answer = _ => Json(HttpStatusCode.OK, """{"calls":[]}""");
        Assert.Equal(CallStatus.NeverPlaced, await Dialer().GetStatusAsync(Dialed(sid: null), default));
    }

    [Theory]
    [InlineData("ringing", new[] { "canceled" }, true)]
    [InlineData("queued", new[] { "canceled" }, true)]
    [InlineData("in-progress", new[] { "completed" }, true)]
    public async Task A_live_call_is_canceled_before_it_is_answered_and_completed_after(string status, string[] updates, bool hungUp)
    {
        _twilio.Answer = request => request.Method == HttpMethod.Get
            ? Json(HttpStatusCode.OK, Resource(Sid, status, null, null, null))
            : Json(HttpStatusCode.OK, Resource(Sid, HttpUtility.ParseQueryString(request.Content!.ReadAsStringAsync().Result)["Status"]!, null, null, null));

        Assert.Equal(hungUp, await Dialer().HangUpAsync(Dialed(), default));
        Assert.Equal(updates, Updates());
        Assert.All(_twilio.Received.Skip(1), r => Assert.Equal($"{Calls}/{Sid}.json", r.Request.RequestUri!.ToString()));
    }

    [Fact]
    public async Task A_call_answered_while_it_was_canceled_is_then_completed()
    {
        // Twilio's cancel leaves an answered call up, and says so.
        _twilio.Answer = request => Json(HttpStatusCode.OK, Resource(Sid, request.Method == HttpMethod.Get ? "ringing" : "in-progress", null, null, null));

        Assert.True(await Dialer().HangUpAsync(Dialed(), default));
        Assert.Equal(["canceled", "completed"], Updates());
    }

    [Fact]
    public async Task A_call_that_ended_or_never_was_is_not_hung_up()
    {
        _twilio.Answer = _ => Json(HttpStatusCode.OK, Resource(Sid, "completed", "human", "40", null));
        Assert.False(await Dialer().HangUpAsync(Dialed(), default));

        _twilio.Answer = _ => Json(HttpStatusCode.NotFound, """{"code":20404}""");
        Assert.False(await Dialer().HangUpAsync(Dialed(), default));

        // Ended between the look and the hang-up: Twilio's "not in progress".
        _twilio.Answer = request => request.Method == HttpMethod.Get
            ? Json(HttpStatusCode.OK, Resource(Sid, "in-progress", null, null, null))
            : Json(HttpStatusCode.BadRequest, """{"code":21220,"message":"Call is not in-progress. Cannot redirect.","status":400}""");
        Assert.False(await Dialer().HangUpAsync(Dialed(), default));
        Assert.Equal(["completed"], Updates());
    }

    [Theory]
    [InlineData("completed", "human", "93", null, null, CallOutcome.Completed, null, 93)]
    [InlineData("completed", null, "93", "200", null, CallOutcome.Completed, null, 93)]
    [InlineData("completed", "machine_end_beep", "21", null, null, CallOutcome.Voicemail, null, 21)]
    [InlineData("completed", "fax", "3", null, null, CallOutcome.Voicemail, null, 3)]
    [InlineData("busy", null, "0", "486", null, CallOutcome.Busy, "486", 0)]
    [InlineData("busy", null, "0", null, null, CallOutcome.Busy, "486", 0)]
    [InlineData("no-answer", null, "0", "487", null, CallOutcome.NoAnswer, "487", 0)]
    [InlineData("failed", null, "0", "404", null, CallOutcome.InvalidNumber, "404", 0)]
    [InlineData("failed", null, "0", "603", null, CallOutcome.Failed, "603", 0)]
    [InlineData("failed", null, "0", null, "32009", CallOutcome.Failed, "twilio_32009", 0)]
    [InlineData("canceled", null, "0", null, null, CallOutcome.Failed, "canceled", 0)]
    public void A_signed_final_callback_ends_the_attempt_per_the_table(
        string status, string? answeredBy, string duration, string? sipCode, string? twilioCode, CallOutcome outcome, string? errorCode, double seconds)
    {
        var fields = Callback(status);
        fields.Add(new("CallDuration", duration));
        fields.AddRange(new[] { ("AnsweredBy", answeredBy), ("SipResponseCode", sipCode), ("ErrorCode", twilioCode) }
            .Where(f => f.Item2 is not null).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2!)));

        var reading = Dialer().ReadEvent(Signed(fields));

        Assert.Equal(CallEventVerdict.Accepted, reading.Verdict);
        Assert.Equal(new CallEnd(outcome, seconds, errorCode), reading.End);
    }

    [Theory]
    [InlineData("initiated")]
    [InlineData("ringing")]
    [InlineData("in-progress")]
    public void A_progress_callback_is_taken_and_ends_nothing(string status) =>
        Assert.Equal(CallEventReading.Progress, Dialer().ReadEvent(Signed(Callback(status))));

    [Fact]
    public void A_callback_signed_over_our_public_address_is_taken_whatever_address_it_reached()
    {
        // Behind a TLS-terminating proxy the gateway sees http and its own host and port: the signature covers what Twilio called.
        var callback = Signed(Callback("completed")) with { Url = "http://10.0.0.7:8080/twilio/calls/call_job1_7_2/status" };

        Assert.Equal(CallEventVerdict.Accepted, Dialer().ReadEvent(callback).Verdict);
    }

    [Fact]
    public void A_callback_with_a_wrong_signature_a_tampered_form_another_address_or_no_signature_is_refused()
    {
        var dialer = Dialer();
        var good = Signed(Callback("completed"));
        var otherToken = Signed(Callback("completed"), token: "ffffffffffffffffffffffffffffffff");
        var tampered = good with { Body = good.Body.Replace("completed", "busy", StringComparison.Ordinal) };
        // Signed for another call (or over the address a proxy showed), then sent to this call's address.
        var otherCall = Signed(Callback("completed"), url: "https://batch.example.com/twilio/calls/call_job1_7_3/status") with { Url = CallbackUrl };
        var overTheRequest = Signed(Callback("completed"), url: "http://batch.example.com/twilio/calls/call_job1_7_2/status");
        var unsigned = good with { Headers = new Dictionary<string, string>() };
        // A part without a name is nothing Twilio sends: refused, not thrown on.
        var nameless = good with { Body = good.Body + "&orphan" };

        Assert.All(new[] { otherToken, tampered, otherCall, overTheRequest, unsigned, nameless },
            callback => Assert.Equal(CallEventVerdict.Unauthorized, dialer.ReadEvent(callback).Verdict));
        Assert.Equal(CallEventVerdict.Accepted, dialer.ReadEvent(good).Verdict);
    }

    [Fact]
    public void A_signed_callback_without_a_known_status_is_malformed()
    {
        List<KeyValuePair<string, string>> noStatus = [new("CallSid", Sid), new("AccountSid", AccountSid)];

        Assert.Equal(CallEventVerdict.Malformed, Dialer().ReadEvent(Signed(Callback("exploded"))).Verdict);
        Assert.Equal(CallEventVerdict.Malformed, Dialer().ReadEvent(Signed(noStatus)).Verdict);
    }

    private List<string> Updates() =>
        [.. _twilio.Received.Where(r => r.Request.Method == HttpMethod.Post).Select(r => HttpUtility.ParseQueryString(r.Body)["Status"]!)];

    private static List<KeyValuePair<string, string>> Callback(string status) =>
    [
        new("AccountSid", AccountSid),
        new("ApiVersion", "2010-04-01"),
        new("CallSid", Sid),
        new("CallStatus", status),
        new("Direction", "outbound-api"),
        new("From", "+12025550100"),
        new("To", "+12025550101"),
    ];

    /// <summary>A callback as Twilio posts it to <paramref name="url"/>: its form, signed over that address (TELEPHONY.md).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Twilio signs with HMAC-SHA1.")]
    private static InboundCallEvent Signed(List<KeyValuePair<string, string>> fields, string token = AuthToken, string url = CallbackUrl)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            signed.Append(name).Append(value);
        }

        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(signed.ToString())));
        using var form = new FormUrlEncodedContent(fields);
        return new InboundCallEvent(url, form.ReadAsStringAsync().Result, new Dictionary<string, string> { ["X-Twilio-Signature"] = signature });
    }

    private static string Resource(string sid, string status, string? answeredBy, string? duration, string? created) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {"sid":"{{sid}}","account_sid":"{{AccountSid}}","to":"+12025550101","from":"+12025550100","status":"{{status}}",
             "answered_by":{{Quoted(answeredBy)}},"duration":{{Quoted(duration)}},"date_created":{{Quoted(created)}}}
            """);

    private static string Quoted(string? text) => text is null ? "null" : $"\"{text}\"";

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
