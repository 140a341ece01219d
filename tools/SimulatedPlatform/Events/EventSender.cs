using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using StandardWebhooks;

namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>Posts one event, signed the Standard Webhooks way with the platform's secret.</summary>
public sealed class EventSender(StandardWebhook webhook) : IDisposable
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

    public void Dispose() => _http.Dispose();
}
