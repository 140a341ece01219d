using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Dialing;
using BatchCalling.Dialing.Webhook;
using Microsoft.Extensions.Configuration;
using StandardWebhooks;

namespace BatchCalling.UnitTests.Dialing;

/// <summary>The webhook protocol of API.md, from the cluster's side, against a scripted platform.</summary>
public sealed class WebhookDialerTests : IDisposable
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly Uri Platform = new("https://agents.example.com/calls/");

    private static readonly CallRequest Call = new("call_job1_7_2", "org_a", "job1", 2, "+12025550100", "agent_1",
        new ContactInput("+12025550101", "Ada", """{"plan":"gold","age":41}"""), """{"campaign":"spring"}""", TimeSpan.FromMinutes(30));

    /// <summary>The platform keys calls by call id: the rest of what the contact knows goes unused.</summary>
    private static readonly DialedCall Dialed = new(Call.CallId, DateTimeOffset.UnixEpoch, "+12025550101", "+12025550100");

    private readonly Platform _platform = new();

    private WebhookDialer Dialer(string secret) => new(_platform, Platform, secret,
        new EventsAddress(new ConfigurationBuilder().AddInMemoryCollection([new("Gateway:PublicUrl", "https://batch.example.com/")]).Build()),
        TimeProvider.System);

    public void Dispose() => _platform.Dispose();

    [Fact]
    public async Task A_dial_is_signed_keyed_by_its_call_id_and_says_everything_the_platform_needs()
    {
        _platform.Answer = _ => Json(HttpStatusCode.OK, """{"providerCallId":"p1","roomName":"room_7"}""");

        var placed = await Dialer(Secret).PlaceCallAsync(Call, default);

        Assert.Equal(PlaceResult.Placed("room_7"), placed);
        var (request, body) = _platform.Received.Single();
        Assert.Equal("https://agents.example.com/calls", request.RequestUri!.ToString());
        Assert.Equal(Call.CallId, request.Headers.GetValues("Idempotency-Key").Single());
        new StandardWebhook(Secret).Verify(body, Headers(request));
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("+12025550101", root.GetProperty("to").GetString());
        Assert.Equal("+12025550100", root.GetProperty("from").GetString());
        Assert.Equal(2, root.GetProperty("attempt").GetInt32());
        Assert.Equal(41, root.GetProperty("contact").GetProperty("customFields").GetProperty("age").GetInt32());
        Assert.Equal("spring", root.GetProperty("metadata").GetProperty("campaign").GetString());
        Assert.Equal("https://batch.example.com/calls/call_job1_7_2/events", root.GetProperty("eventsUrl").GetString());
        Assert.Equal(1800, root.GetProperty("maxDurationSeconds").GetInt32());
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 7, 7)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, 5)]
    public async Task A_platform_that_is_busy_has_placed_nothing_and_says_when_to_come_back(HttpStatusCode status, int? retryAfter, int expectedSeconds)
    {
        _platform.Answer = _ =>
        {
            var response = new HttpResponseMessage(status);
            if (retryAfter is { } seconds)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return response;
        };

        Assert.Equal(PlaceResult.NotPlaced(TimeSpan.FromSeconds(expectedSeconds)), await Dialer(Secret).PlaceCallAsync(Call, default));
    }

    [Fact]
    public async Task A_refused_dial_fails_the_attempt_with_the_status_as_its_code()
    {
        _platform.Answer = _ => new HttpResponseMessage(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(PlaceResult.Rejected("http_422"), await Dialer(Secret).PlaceCallAsync(Call, default));
    }

    [Fact]
    public async Task A_server_error_or_no_answer_leaves_the_dial_of_unknown_fate()
    {
        _platform.Answer = _ => new HttpResponseMessage(HttpStatusCode.BadGateway);
        Assert.Equal(PlaceResult.Unknown, await Dialer(Secret).PlaceCallAsync(Call, default));

        _platform.Answer = _ => throw new TaskCanceledException("timed out");
        Assert.Equal(PlaceResult.Unknown, await Dialer(Secret).PlaceCallAsync(Call, default));

        _platform.Answer = _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection closed mid-answer");
        Assert.Equal(PlaceResult.Unknown, await Dialer(Secret).PlaceCallAsync(Call, default));
    }

    [Fact]
    public async Task A_dial_that_could_not_connect_was_never_sent()
    {
        _platform.Answer = _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused");

        Assert.Equal(PlaceResult.Kinds.NotPlaced, (await Dialer(Secret).PlaceCallAsync(Call, default)).Kind);
    }

    [Fact]
    public async Task The_platform_tells_a_calls_status_by_its_id()
    {
        var dialer = Dialer(Secret);
        _platform.Answer = _ => new HttpResponseMessage(HttpStatusCode.NotFound);
        Assert.Equal(CallStatus.NeverPlaced, await dialer.GetStatusAsync(Dialed, default));

        _platform.Answer = _ => Json(HttpStatusCode.OK, """{"status":"answered"}""");
        Assert.Equal(CallStatus.InProgress, await dialer.GetStatusAsync(Dialed, default));

        _platform.Answer = _ => Json(HttpStatusCode.OK, """{"status":"busy","sipCode":486}""");
        Assert.Equal(new CallStatus(true, new CallEnd(CallOutcome.Busy, 0, "486", new CallResults(null, null, null, null, null, null))),
            await dialer.GetStatusAsync(Dialed, default));
        var (request, body) = _platform.Received.Last();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://agents.example.com/calls/call_job1_7_2", request.RequestUri!.ToString());
        new StandardWebhook(Secret).Verify(body, Headers(request));

        _platform.Answer = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        await Assert.ThrowsAsync<HttpRequestException>(() => dialer.GetStatusAsync(Dialed, default));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public async Task A_hang_up_says_whether_the_call_was_still_up(HttpStatusCode status, bool hungUp)
    {
        _platform.Answer = _ => new HttpResponseMessage(status);

        Assert.Equal(hungUp, await Dialer(Secret).HangUpAsync(Dialed, default));
        Assert.Equal("https://agents.example.com/calls/call_job1_7_2/hangup", _platform.Received.Single().Request.RequestUri!.ToString());
    }

    [Fact]
    public void An_event_signed_with_the_secret_and_in_time_is_read()
    {
        var body = """{"status":"completed","durationSeconds":93.25,"answeredBy":"human","roomName":"room_7","summary":"Booked","analysis":{"ok":true}}""";

        var reading = Dialer(Secret).ReadEvent(Event(body, Secret, DateTimeOffset.UtcNow));

        Assert.Equal(CallEventVerdict.Accepted, reading.Verdict);
        Assert.Equal(new CallEnd(CallOutcome.Completed, 93.25, null, new CallResults("room_7", null, null, null, "Booked", """{"ok":true}""")), reading.End);
    }

    [Fact]
    public void An_event_with_a_wrong_signature_or_stale_timestamp_or_none_is_refused()
    {
        var body = """{"status":"completed"}""";
        var other = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var dialer = Dialer(Secret);

        Assert.Equal(CallEventVerdict.Unauthorized, dialer.ReadEvent(Event(body, other, DateTimeOffset.UtcNow)).Verdict);
        Assert.Equal(CallEventVerdict.Unauthorized, dialer.ReadEvent(Event(body, Secret, DateTimeOffset.UtcNow.AddMinutes(-6))).Verdict);
        Assert.Equal(CallEventVerdict.Unauthorized, dialer.ReadEvent(new InboundCallEvent("https://batch.example.com/calls/x/events", body, new Dictionary<string, string>())).Verdict);
        var tampered = Event(body, Secret, DateTimeOffset.UtcNow);
        Assert.Equal(CallEventVerdict.Unauthorized, dialer.ReadEvent(tampered with { Body = """{"status":"busy"}""" }).Verdict);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"status":"exploded"}""")]
    [InlineData("""{"durationSeconds":3}""")]
    public void A_signed_body_that_is_no_event_is_malformed(string body) =>
        Assert.Equal(CallEventVerdict.Malformed, Dialer(Secret).ReadEvent(Event(body, Secret, DateTimeOffset.UtcNow)).Verdict);

    private static InboundCallEvent Event(string body, string secret, DateTimeOffset at)
    {
        var id = "evt_" + Guid.NewGuid().ToString("N");
        return new InboundCallEvent("https://batch.example.com/calls/call_job1_7_2/events", body, new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = new StandardWebhook(secret).Sign(id, at, body),
        });
    }

    private static Microsoft.AspNetCore.Http.HeaderDictionary Headers(HttpRequestMessage request) =>
        new(request.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues([.. h.Value])));

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}

/// <summary>A platform scripted per test: records what it received (with the body as sent) and answers as told.</summary>
internal sealed class Platform : HttpMessageHandler, IHttpClientFactory
{
    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.OK);

    public List<(HttpRequestMessage Request, string Body)> Received { get; } = [];

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Received.Add((request, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
        return Answer(request);
    }
}
