using System.Net;
using System.Text;
using System.Text.Json;
using BatchCalling.Contacts;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace BatchCalling.Dialing.Webhook;

/// <summary>
/// Dials a customer's voice platform over the webhook protocol of API.md: every request signed per Standard Webhooks, the
/// call id as idempotency key, and a post whose fate is unknown never sent again before the platform was asked about it.
/// </summary>
public sealed class WebhookDialer(IHttpClientFactory httpClients, Uri url, string secret, EventsAddress events, TimeProvider time) : ICallDialer
{
    private readonly StandardWebhook _signer = new(secret);
    private readonly string _calls = url.ToString().TrimEnd('/');

    public async Task<PlaceResult> PlaceCallAsync(CallRequest request, CancellationToken cancellationToken)
    {
        using var message = Signed(HttpMethod.Post, _calls, WebhookDialBody.Write(request, events.For(request.CallId)), request.CallId);
        message.Headers.Add("Idempotency-Key", request.CallId);
        return await DialAnswers.SendAsync(Http, message,
            async response => PlaceResult.Placed(await RoomNameAsync(response, cancellationToken)),
            response => Task.FromResult($"http_{(int)response.StatusCode}"), cancellationToken);
    }

    public async Task<CallStatus> GetStatusAsync(DialedCall dialed, CancellationToken cancellationToken)
    {
        using var message = Signed(HttpMethod.Get, CallUrl(dialed.CallId), "", Guid.NewGuid().ToString("N"));
        using var response = await Http.SendAsync(message, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return CallStatus.NeverPlaced;
        }

        response.EnsureSuccessStatusCode();
        var reading = WebhookCallEvent.Read(await response.Content.ReadAsStringAsync(cancellationToken));
        return reading.Verdict == CallEventVerdict.Accepted
            ? new CallStatus(true, reading.End)
            : throw new HttpRequestException($"The platform described call {dialed.CallId} in terms it does not define.");
    }

    public async Task<bool> HangUpAsync(DialedCall dialed, CancellationToken cancellationToken)
    {
        using var message = Signed(HttpMethod.Post, CallUrl(dialed.CallId) + "/hangup", "", Guid.NewGuid().ToString("N"));
        using var response = await Http.SendAsync(message, cancellationToken);
        return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict ? false
            : response.EnsureSuccessStatusCode().IsSuccessStatusCode;
    }

    public CallEventReading ReadEvent(InboundCallEvent callEvent)
    {
        try
        {
            _signer.Verify(callEvent.Body, new Microsoft.AspNetCore.Http.HeaderDictionary(
                callEvent.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value), StringComparer.OrdinalIgnoreCase)));
        }
        catch (Exception ex) when (ex is WebhookVerificationException or FormatException or ArgumentException)
        {
            return CallEventReading.Unauthorized;
        }

        return WebhookCallEvent.Read(callEvent.Body);
    }

    /// <summary>A request signed per Standard Webhooks over its exact body (empty for a GET).</summary>
    private HttpRequestMessage Signed(HttpMethod method, string address, string body, string messageId)
    {
        var now = time.GetUtcNow();
        var message = new HttpRequestMessage(method, address);
        if (method != HttpMethod.Get)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        message.Headers.Add("webhook-id", messageId);
        message.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add("webhook-signature", _signer.Sign(messageId, now, body));
        return message;
    }

    /// <summary>From the factory each time, so its handlers (and DNS answers) are renewed.</summary>
    private HttpClient Http => httpClients.CreateClient(CallDialers.HttpClientName);

    private string CallUrl(string callId) => _calls + "/" + Uri.EscapeDataString(callId);

    private static async Task<string?> RoomNameAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return body.RootElement.TryGetProperty("roomName", out var room) && room.ValueKind == JsonValueKind.String ? room.GetString() : null;
        }
        catch (JsonException)
        {
            // Placed all the same: the room is only shown, never needed.
            return null;
        }
    }
}
