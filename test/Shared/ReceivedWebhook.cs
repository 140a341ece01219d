using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace BatchCalling.Testing;

/// <summary>One post to a <see cref="WebhookReceiver"/>; <see cref="Answered"/> is 0 when it was never answered.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string Body, int Answered, DateTimeOffset At)
{
    public JsonElement Json { get; } = JsonDocument.Parse(Body).RootElement.Clone();

    public string Type => Json.GetProperty("type").GetString()!;

    public string? JobId => Json.TryGetProperty("jobId", out var job) ? job.GetString() : null;

    /// <summary>Whether the StandardWebhooks library accepts its signature with <paramref name="secret"/>.</summary>
    public bool VerifiesWith(string secret)
    {
        var headers = new HeaderDictionary { ["webhook-id"] = Id, ["webhook-timestamp"] = Timestamp, ["webhook-signature"] = Signature };
        try
        {
            new StandardWebhook(secret).Verify(Body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }
}
