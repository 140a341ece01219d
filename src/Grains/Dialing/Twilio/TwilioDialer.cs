using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BatchCalling.Contacts;
using BatchCalling.Organizations;
using Microsoft.Extensions.Logging;

namespace BatchCalling.Dialing.Twilio;

/// <summary>
/// Dials through a customer's Twilio account with the Calls API (API.md, TELEPHONY.md), over the named dialer client at
/// <c>Dialer:Twilio:BaseUrl</c>: the SDK hard-codes Twilio's host, so it serves only to verify callbacks.
/// <para>
/// Twilio has no idempotency key, so a dial is never sent twice by the client, and a call is found again by the sid the dial
/// answered, which the contact keeps while it is active. Without it (a dial whose answer was lost, or a contact that moved
/// to another silo) the calls between the dial's numbers are listed, and the one created within a minute of the dial is
/// taken as its call: Twilio echoes nothing of the dial (not its StatusCallback) that would name it. That guess is wrong
/// only if another call between the same two numbers was created in that minute: then the first of them is taken.
/// </para>
/// </summary>
public sealed partial class TwilioDialer : ICallDialer
{
    /// <summary>More than the calls between two numbers in the minute after a dial could ever be.</summary>
    private const int ListPageSize = 20;

    private readonly IHttpClientFactory _httpClients;
    private readonly EventsAddress _events;
    private readonly ILogger<TwilioDialer> _logger;
    private readonly string _authToken;
    private readonly Uri _agentUrl;
    private readonly bool _machineDetection;
    private readonly string _calls;
    private readonly AuthenticationHeaderValue _authorization;

    public TwilioDialer(IHttpClientFactory httpClients, Uri baseUrl, DialerSettings settings, EventsAddress events, ILogger<TwilioDialer> logger)
    {
        var accountSid = settings.AccountSid ?? throw new InvalidOperationException("A twilio dialer needs its account SID.");
        (_httpClients, _events, _logger, _machineDetection) = (httpClients, events, logger, settings.MachineDetection);
        _authToken = settings.AuthToken ?? throw new InvalidOperationException("A twilio dialer needs its auth token.");
        _agentUrl = settings.Url ?? throw new InvalidOperationException("A twilio dialer needs the agent's TwiML url.");
        _calls = $"{baseUrl.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}/Calls";
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{_authToken}")));
    }

    public async Task<PlaceResult> PlaceCallAsync(CallRequest request, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Post, _calls + ".json",
            TwilioCallForm.Write(request, _agentUrl, _events.TwilioStatusFor(request.CallId), _machineDetection));
        // Placed even when the body cannot be read: the call is then found by its numbers.
        return await DialAnswers.SendAsync(Http, message,
            async response => PlaceResult.Placed(null, (await TwilioCall.ReadAsync(response, cancellationToken))?.Sid),
            response => TwilioErrors.OfAsync(response, cancellationToken), cancellationToken);
    }

    public async Task<CallStatus> GetStatusAsync(DialedCall dialed, CancellationToken cancellationToken) =>
        await FindAsync(dialed, cancellationToken) is { } found ? found.ToStatus() : CallStatus.NeverPlaced;

    /// <summary>
    /// A call not yet answered is canceled, an answered one completed; one answered between the look and the cancel (which
    /// Twilio leaves up) is then completed.
    /// </summary>
    public async Task<bool> HangUpAsync(DialedCall dialed, CancellationToken cancellationToken)
    {
        if (await FindAsync(dialed, cancellationToken) is not { IsLive: true } live)
        {
            return false;
        }

        var status = await UpdateAsync(live.Sid, live.IsAnswered ? "completed" : "canceled", cancellationToken);
        if (status == "in-progress")
        {
            status = await UpdateAsync(live.Sid, "completed", cancellationToken);
        }

        return status is not null;
    }

    public CallEventReading ReadEvent(InboundCallEvent callEvent) => TwilioStatusCallback.Read(callEvent, _authToken, _events);

    /// <summary>The call by its sid when known, else by its numbers and the time of its dial; null when Twilio has none.</summary>
    private async Task<TwilioCall?> FindAsync(DialedCall dialed, CancellationToken cancellationToken)
    {
        if (dialed.ProviderCallId is { } sid)
        {
            using var message = Request(HttpMethod.Get, CallUrl(sid), null);
            using var response = await Http.SendAsync(message, cancellationToken);
            return response.StatusCode == HttpStatusCode.NotFound ? null
                : await TwilioCall.ReadAsync(response.EnsureSuccessStatusCode(), cancellationToken)
                    ?? throw new HttpRequestException($"Twilio answered call {sid} with no call resource.");
        }

        using (var message = Request(HttpMethod.Get,
            $"{_calls}.json?To={Uri.EscapeDataString(dialed.To)}&From={Uri.EscapeDataString(dialed.From)}&PageSize={ListPageSize}", null))
        using (var response = await Http.SendAsync(message, cancellationToken))
        {
            var found = TwilioCall.MadeBy(await TwilioCall.ReadPageAsync(response.EnsureSuccessStatusCode(), cancellationToken), dialed.DialedAt);
            if (found is not null)
            {
                LogFoundByNumbers(dialed.CallId, found.Sid);
            }

            return found;
        }
    }

    /// <summary>The call's status after the update, "" when unread; null when Twilio refused it (the call is not up to be ended).</summary>
    private async Task<string?> UpdateAsync(string sid, string status, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Post, CallUrl(sid), new FormUrlEncodedContent([new("Status", status)]));
        using var response = await Http.SendAsync(message, cancellationToken);
        if (response.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError)
        {
            return null;
        }

        return (await TwilioCall.ReadAsync(response.EnsureSuccessStatusCode(), cancellationToken))?.Status ?? "";
    }

    private HttpRequestMessage Request(HttpMethod method, string address, HttpContent? content) =>
        new(method, address) { Content = content, Headers = { Authorization = _authorization } };

    /// <summary>From the factory each time, so its handlers (and DNS answers) are renewed.</summary>
    private HttpClient Http => _httpClients.CreateClient(CallDialers.HttpClientName);

    private string CallUrl(string sid) => $"{_calls}/{Uri.EscapeDataString(sid)}.json";

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio call of {CallId} found by its numbers and time: {Sid}")]
    private partial void LogFoundByNumbers(string callId, string sid);
}
