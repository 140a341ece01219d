using BatchCalling.Contacts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchCalling.Dialing;

/// <summary>
/// A dialer with no telephony, in the silo's memory: each call lasts <see cref="SimulatedDialerOptions.CallDurationMs"/> (or as
/// its contact says, at most the call's maximum), then its end is reported to the contact grain named by the call id, as a
/// platform's call event would be. For demos and tests: a call placed by a silo that dies is never reported (the contact
/// finds it by asking, past the maximum duration); the simulated platform of <c>tools/</c> is the durable one.
/// </summary>
public sealed partial class SimulatedDialer(
    IGrainFactory grains,
    IOptions<SimulatedDialerOptions> options,
    DialerRecorder log,
    TimeProvider time,
    ILogger<SimulatedDialer> logger) : ICallDialer
{
    public Task<PlaceResult> PlaceCallAsync(CallRequest request, CancellationToken cancellationToken)
    {
        if (!ContactKey.TryParseCallId(request.CallId, out var contactKey))
        {
            throw new ArgumentException($"Call id '{request.CallId}' does not name a contact.", nameof(request));
        }

        var settings = options.Value;
        var outcome = SimulatedOutcomes.Pick(request, settings.Outcomes);
        var scripted = SimulatedOutcomes.Duration(request, TimeSpan.FromMilliseconds(settings.CallDurationMs));
        // The platform ends a call at its maximum itself.
        var duration = scripted < request.MaxDuration ? scripted : request.MaxDuration;
        if (log.Start(request, outcome, duration) && !SimulatedOutcomes.NeverEnds(request))
        {
            // Off the grain's scheduler: the call goes on by itself, like a phone call would.
            _ = Task.Run(() => EndAsync(contactKey, request.CallId, new CallEnd(outcome, duration.TotalSeconds), duration), CancellationToken.None);
        }

        return Task.FromResult(PlaceResult.Placed(null));
    }

    public Task<CallStatus> GetStatusAsync(DialedCall dialed, CancellationToken cancellationToken) => Task.FromResult(log.Status(dialed.CallId));

    public Task<bool> HangUpAsync(DialedCall dialed, CancellationToken cancellationToken) => Task.FromResult(log.HangUp(dialed.CallId));

    /// <summary>None come: this dialer reports its calls' ends itself.</summary>
    public CallEventReading ReadEvent(InboundCallEvent callEvent) => CallEventReading.Unauthorized;

    private async Task EndAsync(string contactKey, string callId, CallEnd end, TimeSpan duration)
    {
        try
        {
            await Task.Delay(duration, time).ConfigureAwait(false);
            if (log.End(callId))
            {
                await grains.GetGrain<IContactGrain>(contactKey).CompleteCallAsync(callId, end);
            }
        }
        catch (Exception ex)
        {
            // The contact asks for the call's status once the call is overdue.
            LogReportFailed(ex, callId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the end of simulated call {CallId}; its contact will ask")]
    private partial void LogReportFailed(Exception ex, string callId);
}
