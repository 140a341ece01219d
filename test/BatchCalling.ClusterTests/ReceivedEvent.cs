using System.Text.Json;

namespace BatchCalling.ClusterTests;

/// <summary>
/// One post the event receiver got: its webhook headers, its body (<paramref name="Raw"/>, parsed as <paramref name="Body"/>),
/// whether its signature verified, and the status the receiver answered.
/// </summary>
public sealed record ReceivedEvent(
    string CallId, string WebhookId, string Signature, string Raw, JsonElement Body, bool Verified, int Answered, DateTimeOffset At)
{
    public string Status => Body.GetProperty("status").GetString()!;
}
