using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using BatchCalling.SimulatedPlatform.Hosting;
using BatchCalling.SimulatedPlatform.Twilio;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>
/// Posts one event: signed the Standard Webhooks way with the platform's secret, or for a call of the Twilio subset, as a
/// form signed in <c>X-Twilio-Signature</c> with the account's auth token.
/// </summary>
public sealed class EventSender(StandardWebhook webhook, IOptions<PlatformOptions> options) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        // A redirect is no answer from the receiver: it is retried like one.
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>The receiver's status code, or null when it gave none (refused, reset, or not within 5 s).</summary>
    public async Task<int?> PostAsync(string url, CallEvent callEvent, CancellationToken cancellation)
    {
        var body = JsonSerializer.Serialize(callEvent, JsonSerializerOptions.Web);
        // The same id on every delivery of this event, so that the receiver can tell a redelivery.
        var id = $"evt_{callEvent.CallId}_{callEvent.Status}";
        var now = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, MediaTypeNames.Application.Json) };
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        // Exactly one signature: StandardWebhooks 1.1.2 never checks the last of several.
        request.Headers.TryAddWithoutValidation("webhook-signature", webhook.Sign(id, now, body));
        return await SendAsync(request, cancellation);
    }

    /// <summary>A Twilio status callback to the dial's <c>StatusCallback</c>, exactly the address its signature covers.</summary>
    public async Task<int?> PostAsync(string url, TwilioCallback callback, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(callback.Fields) };
        request.Headers.TryAddWithoutValidation(TwilioSignature.Header, TwilioSignature.Sign(options.Value.Twilio.AuthToken ?? "", url, callback.Fields));
        return await SendAsync(request, cancellation);
    }

    public void Dispose() => _http.Dispose();

    private async Task<int?> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        try
        {
            using var response = await _http.SendAsync(request, cancellation);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return null;
        }
    }
}
