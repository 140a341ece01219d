using System.Collections.Concurrent;
using BatchCalling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Twilio.Security;

namespace BatchCalling.ClusterTests;

/// <summary>
/// A stand-in for the gateway's <c>POST /twilio/calls/{callId}/status</c> on a loopback port: records every callback and
/// checks its <c>X-Twilio-Signature</c> with the official package's RequestValidator (401 when it fails), over the address
/// the dial gave as <c>StatusCallback</c>.
/// </summary>
public sealed class TwilioCallbackReceiver : IAsyncLifetime
{
    private readonly ConcurrentQueue<ReceivedCallback> _callbacks = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public string StatusCallback(string callId) => new Uri(Address, $"/twilio/calls/{callId}/status").AbsoluteUri;

    /// <summary>Every callback of the call, in the order they came.</summary>
    public List<ReceivedCallback> CallbacksOf(string callId) => [.. _callbacks.Where(c => c.CallId == callId)];

    /// <summary>Until the call's callbacks include a verified one with this <c>CallStatus</c>.</summary>
    public Task<ReceivedCallback> WaitForAsync(string callId, string status, TimeSpan? timeout = null) =>
        WaitForAsync(callId, status, c => c.Status == status, timeout);

    /// <summary>Until the call's callbacks include a verified final one (neither <c>initiated</c>, <c>ringing</c> nor <c>in-progress</c>).</summary>
    public Task<ReceivedCallback> WaitForFinalAsync(string callId, TimeSpan? timeout = null) =>
        WaitForAsync(callId, "final", c => c.Status is not ("initiated" or "ringing" or "in-progress"), timeout);

    private async Task<ReceivedCallback> WaitForAsync(string callId, string awaited, Func<ReceivedCallback, bool> matches, TimeSpan? timeout)
    {
        ReceivedCallback? taken = null;
        await Wait.UntilAsync(
            () => Task.FromResult((taken = CallbacksOf(callId).FirstOrDefault(c => matches(c) && c.Verified)) is not null),
            timeout ?? TimeSpan.FromSeconds(15),
            () => $"no verified {awaited} callback of {callId}; got [{string.Join(", ", CallbacksOf(callId).Select(c => $"{c.Status} {c.Verified}"))}]");
        return taken!;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/twilio/calls/{callId}/status", ReceiveAsync);
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
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var verified = new RequestValidator(PlatformProcess.TwilioAuthToken).Validate(StatusCallback(callId), form, request.Headers["X-Twilio-Signature"].ToString());
        _callbacks.Enqueue(new ReceivedCallback(callId, form, verified, DateTimeOffset.UtcNow));
        return Results.StatusCode(verified ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized);
    }
}
