using System.Globalization;
using System.Text;
using Polly;

namespace BatchCalling.Webhooks;

/// <summary>
/// Posts one event to one endpoint, signed per Standard Webhooks, through the <see cref="HttpClientName"/> client (no
/// retries of its own: the outbox retries; a 5 s attempt timeout). The timestamp is the real time whatever clock the
/// cluster runs on, since receivers check it against theirs.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "webhooks";

    /// <summary>The HTTP status the endpoint answered, or null when none came (no connection, a timeout, an open circuit).</summary>
    public async Task<int?> SendAsync(WebhookEndpoint endpoint, string eventId, string body, CancellationToken cancellationToken = default)
    {
        var now = TimeProvider.System.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // As given: a rotation's signature header is several space-separated values that header parsing must not touch.
        request.Headers.TryAddWithoutValidation("webhook-id", eventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSecrets.SignatureHeader(endpoint, eventId, now, body, now));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
