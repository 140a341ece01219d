using BatchCalling.Contacts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchCalling.Dialing;

/// <summary>
/// A dialer with no telephony: each call lasts <see cref="SimulatedDialerOptions.CallDurationMs"/> (or as its contact says), then its outcome
/// is reported to the contact grain named by the call id, as a real platform's call event would be. The call log
/// rings each call id once, whoever asks.
/// </summary>
public sealed partial class SimulatedDialer(
    IGrainFactory grains,
    IOptions<SimulatedDialerOptions> options,
    ISimulatedCallLog log,
    TimeProvider time,
    ILogger<SimulatedDialer> logger) : ICallDialer
{
    public async Task PlaceCallAsync(CallRequest request, CancellationToken cancellationToken)
    {
        if (!ContactKey.TryParseCallId(request.CallId, out _))
        {
            throw new ArgumentException($"Call id '{request.CallId}' does not name a contact.", nameof(request));
        }

        var settings = options.Value;
        var outcome = SimulatedOutcomes.Pick(request, settings.Outcomes);
        var duration = SimulatedOutcomes.Duration(request, TimeSpan.FromMilliseconds(settings.CallDurationMs));
        if (await log.StartAsync(request, outcome, duration))
        {
            // Off the grain's scheduler: the call goes on by itself, like a phone call would.
            _ = Task.Run(() => EndAsync(new EndedCall(request.CallId, outcome, duration.TotalSeconds), duration), CancellationToken.None);
        }
    }

    public Task<CallStatus> GetStatusAsync(string callId, CancellationToken cancellationToken) => log.GetStatusAsync(callId);

    public Task<bool> HangUpAsync(string callId, CancellationToken cancellationToken) => log.HangUpAsync(callId);

    /// <summary>Reports a call that ended, unless someone else already claimed it; a failed report is given back.</summary>
    public async Task ReportAsync(EndedCall call)
    {
        if (!ContactKey.TryParseCallId(call.CallId, out var contactKey))
        {
            return;
        }

        try
        {
            await grains.GetGrain<IContactGrain>(contactKey).CompleteCallAsync(call.CallId, call.Outcome, call.DurationSeconds);
        }
        catch (Exception ex)
        {
            LogReportFailed(ex, call.CallId);
            await log.ReleaseAsync(call.CallId);
        }
    }

    private async Task EndAsync(EndedCall call, TimeSpan duration)
    {
        try
        {
            await Task.Delay(duration, time).ConfigureAwait(false);
            if (await log.ClaimEndAsync(call.CallId))
            {
                await ReportAsync(call);
            }
        }
        catch (Exception ex)
        {
            // The call log is unreachable: the call stays unreported and a sweep reports it later.
            LogReportFailed(ex, call.CallId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the outcome of call {CallId}; it will be reported again")]
    private partial void LogReportFailed(Exception ex, string callId);
}
