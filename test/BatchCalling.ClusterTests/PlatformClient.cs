using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BatchCalling.Testing;
using StandardWebhooks;

namespace BatchCalling.ClusterTests;

/// <summary>The cluster's side of the simulated platform's API, for its contract tests: every request signed, unless told otherwise.</summary>
public sealed class PlatformClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A dial as the cluster sends it; the contact's custom fields script the call.</summary>
    public static string CallBody(string jobId, string callId, string eventsUrl, object customFields, int attempt = 1, int maxDurationSeconds = 600) =>
        JsonSerializer.Serialize(new
        {
            callId,
            attempt,
            jobId,
            organizationId = "org_platform_tests",
            to = "+12025550101",
            from = "+12025550100",
            agentId = "agent_1",
            contact = new { name = "Ada", customFields },
            metadata = new { crm = "tests" },
            eventsUrl,
            maxDurationSeconds,
            ringTimeoutSeconds = 30,
        }, JsonSerializerOptions.Web);

    public Task<HttpResponseMessage> PlaceAsync(string callId, string body, CancellationToken cancellation = default) =>
        SendAsync(HttpMethod.Post, "/calls", body, callId, cancellation: cancellation);

    public Task<HttpResponseMessage> GetAsync(string callId) => SendAsync(HttpMethod.Get, $"/calls/{callId}");

    public Task<HttpResponseMessage> HangUpAsync(string callId) => SendAsync(HttpMethod.Post, $"/calls/{callId}/hangup");

    /// <summary>The call's latest event, as GET answers it.</summary>
    public async Task<JsonElement> LatestAsync(string callId) =>
        await (await GetAsync(callId)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A request signed with <paramref name="secret"/> (the platform's by default) at <paramref name="signedAt"/> (now by default).</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string body = "", string? idempotencyKey = null, string secret = PlatformProcess.Secret,
        DateTimeOffset? signedAt = null, CancellationToken cancellation = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var id = "msg_" + Guid.NewGuid().ToString("N");
        var at = signedAt ?? DateTimeOffset.UtcNow;
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", new StandardWebhook(secret).Sign(id, at, body));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await _http.SendAsync(request, cancellation);
    }

    public void Dispose() => _http.Dispose();
}
