using BatchCalling.Testing;
using Microsoft.AspNetCore.Http;
using Twilio.Security;

namespace BatchCalling.ClusterTests;

/// <summary>
/// A stand-in for the gateway's <c>POST /twilio/calls/{callId}/status</c> on a loopback port: records every callback and
/// checks its <c>X-Twilio-Signature</c> with the official package's RequestValidator (401 when it fails), over the address
/// the dial gave as <c>StatusCallback</c>.
/// </summary>
public sealed class TwilioCallbackReceiver : LoopbackReceiver<ReceivedCallback>
{
    public string StatusCallback(string callId) => new Uri(Address, $"/twilio/calls/{callId}/status").AbsoluteUri;

    /// <summary>Every callback of the call, in the order they came.</summary>
    public List<ReceivedCallback> CallbacksOf(string callId) => PostsOf(callId);

    /// <summary>Until the call's callbacks include a verified one with this <c>CallStatus</c>.</summary>
    public Task<ReceivedCallback> WaitForAsync(string callId, string status, TimeSpan? timeout = null) =>
        WaitForAsync(callId, $"verified {status} callback", c => c.Status == status && c.Verified, Describe, timeout);

    /// <summary>Until the call's callbacks include a verified final one (neither <c>initiated</c>, <c>ringing</c> nor <c>in-progress</c>).</summary>
    public Task<ReceivedCallback> WaitForFinalAsync(string callId, TimeSpan? timeout = null) =>
        WaitForAsync(callId, "verified final callback", c => c.Status is not ("initiated" or "ringing" or "in-progress") && c.Verified, Describe, timeout);

    protected override string Route => "/twilio/calls/{callId}/status";

    protected override async Task<(ReceivedCallback Post, int Status)> ReadAsync(string callId, HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var verified = new RequestValidator(PlatformProcess.TwilioAuthToken).Validate(StatusCallback(callId), form, request.Headers["X-Twilio-Signature"].ToString());
        return (new ReceivedCallback(callId, form, verified, DateTimeOffset.UtcNow), verified ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized);
    }

    private static string Describe(ReceivedCallback callback) => $"{callback.Status} {callback.Verified}";
}
