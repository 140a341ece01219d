using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using BatchCalling.Testing;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace BatchCalling.ClusterTests;

/// <summary>
/// A stand-in for the gateway's <c>POST /calls/{callId}/events</c> on a loopback port: records every post, verifies its
/// signature with the StandardWebhooks library (401 when it fails), and answers a chosen status for a call told to fail.
/// </summary>
public sealed class EventReceiver : LoopbackReceiver<ReceivedEvent>
{
    private readonly ConcurrentDictionary<string, int> _failing = new();
    private readonly StandardWebhook _webhook = new(PlatformProcess.Secret);

    public string EventsUrl(string callId) => new Uri(Address, $"/calls/{callId}/events").ToString();

    /// <summary>Every post for the call, in the order they came.</summary>
    public List<ReceivedEvent> EventsOf(string callId) => PostsOf(callId);

    /// <summary>Answers <paramref name="status"/> to the call's posts until <see cref="Recover"/>.</summary>
    public void Fail(string callId, int status) => _failing[callId] = status;

    public void Recover(string callId) => _failing.TryRemove(callId, out _);

    /// <summary>Until the call's events include one with this status that the receiver took.</summary>
    public Task<ReceivedEvent> WaitForAsync(string callId, string status, TimeSpan? timeout = null) =>
        WaitForAsync(callId, $"{status} event", e => e.Status == status && e.Answered == StatusCodes.Status200OK, e => $"{e.Status} {e.Answered}", timeout);

    protected override string Route => "/calls/{callId}/events";

    protected override async Task<(ReceivedEvent Post, int Status)> ReadAsync(string callId, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync();
        bool verified;
        try
        {
            _webhook.Verify(raw, request.Headers);
            verified = true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            verified = false;
        }

        var answer = _failing.TryGetValue(callId, out var failure) ? failure
            : verified ? StatusCodes.Status200OK
            : StatusCodes.Status401Unauthorized;
        using var body = JsonDocument.Parse(raw);
        return (new ReceivedEvent(callId, request.Headers["webhook-id"].ToString(), request.Headers["webhook-signature"].ToString(),
            raw, body.RootElement.Clone(), verified, answer, DateTimeOffset.UtcNow), answer);
    }
}
