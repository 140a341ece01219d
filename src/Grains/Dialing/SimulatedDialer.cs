using BatchCalling.Contacts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchCalling.Dialing;

/// <summary>
/// A dialer with no telephony: each call lasts <see cref="SimulatedDialerOptions.CallDurationMs"/>, then its outcome
/// is reported to the contact grain named by the call id, as a real platform's call event would be.
/// </summary>
public sealed partial class SimulatedDialer(
    IGrainFactory grains,
    IOptions<SimulatedDialerOptions> options,
    DialerRecorder recorder,
    TimeProvider time,
    ILogger<SimulatedDialer> logger) : ICallDialer
{
    public Task PlaceCallAsync(CallRequest request, CancellationToken cancellationToken)
    {
        if (!ContactKey.TryParseCallId(request.CallId, out var contactKey))
        {
            throw new ArgumentException($"Call id '{request.CallId}' does not name a contact.", nameof(request));
        }

        recorder.CallStarted(request);
        // Off the grain's scheduler: the call goes on by itself, like a phone call would.
        _ = Task.Run(() => RunCallAsync(request, contactKey), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task RunCallAsync(CallRequest request, string contactKey)
    {
        var settings = options.Value;
        var outcome = SimulatedOutcomes.Pick(request, settings.Outcomes);
        var duration = TimeSpan.FromMilliseconds(settings.CallDurationMs);
        try
        {
            await Task.Delay(duration, time).ConfigureAwait(false);
        }
        finally
        {
            recorder.CallEnded(request);
        }

        try
        {
            await grains.GetGrain<IContactGrain>(contactKey).CompleteCallAsync(request.CallId, outcome, duration.TotalSeconds);
        }
        catch (Exception ex)
        {
            LogReportFailed(ex, request.CallId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the outcome of call {CallId}; the job reconciles it")]
    private partial void LogReportFailed(Exception ex, string callId);
}
