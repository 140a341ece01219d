using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using BatchCalling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace BatchCalling.ClusterTests;

/// <summary>
/// A stand-in for the gateway's <c>POST /calls/{callId}/events</c> on a loopback port: records every post, verifies its
/// signature with the StandardWebhooks library (401 when it fails), and answers a chosen status for a call told to fail.
/// </summary>
public sealed class EventReceiver : IAsyncLifetime
{
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly ConcurrentDictionary<string, int> _failing = new();
    private readonly StandardWebhook _webhook = new(PlatformProcess.Secret);
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public string EventsUrl(string callId) => new Uri(Address, $"/calls/{callId}/events").ToString();

    /// <summary>Every post for the call, in the order they came.</summary>
    public List<ReceivedEvent> EventsOf(string callId) => [.. _events.Where(e => e.CallId == callId)];

    /// <summary>Answers <paramref name="status"/> to the call's posts until <see cref="Recover"/>.</summary>
    public void Fail(string callId, int status) => _failing[callId] = status;

    public void Recover(string callId) => _failing.TryRemove(callId, out _);

    /// <summary>Until the call's events include one with this status that the receiver took.</summary>
    public async Task<ReceivedEvent> WaitForAsync(string callId, string status, TimeSpan? timeout = null)
    {
        ReceivedEvent? taken = null;
        await Wait.UntilAsync(
            () => Task.FromResult((taken = EventsOf(callId).FirstOrDefault(e => e.Status == status && e.Answered == StatusCodes.Status200OK)) is not null),
            timeout ?? TimeSpan.FromSeconds(15),
            () => $"no {status} event of {callId}; got [{string.Join(", ", EventsOf(callId).Select(e => $"{e.Status} {e.Answered}"))}]");
        return taken!;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/calls/{callId}/events", ReceiveAsync);
        await _app.StartAsync();
        Address = new Uri(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> ReceiveAsync(string callId, HttpRequest request)
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
        _events.Enqueue(new ReceivedEvent(callId, request.Headers["webhook-id"].ToString(), request.Headers["webhook-signature"].ToString(),
            raw, body.RootElement.Clone(), verified, answer, DateTimeOffset.UtcNow));
        return Results.StatusCode(answer);
    }
}
