using BatchCalling.SimulatedPlatform.Calls;

namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>Posts a call's events to its <c>eventsUrl</c>, misbehaving as the call asks.</summary>
public sealed partial class CallReporter(EventSender sender, IHostApplicationLifetime lifetime, ILogger<CallReporter> logger)
{
    /// <summary>Posts the final event; once it is taken, posts it again (<c>duplicate_events</c>) and the progress events after it (<c>reordered_events</c>).</summary>
    public async Task<DeliveryResult> DeliverFinalAsync(StoredCall call, CancellationToken cancellation)
    {
        var final = CallEvents.Final(call);
        var result = new DeliveryResult(call.CallId, await sender.PostAsync(call.EventsUrl, final, cancellation));
        if (result.Status is >= 200 and < 300)
        {
            if (call.Behaviour.HasFlag(Behaviour.DuplicateEvents))
            {
                await sender.PostAsync(call.EventsUrl, final, cancellation);
            }

            if (call.Behaviour.HasFlag(Behaviour.ReorderedEvents))
            {
                foreach (var late in CallEvents.Progress(call).Reverse())
                {
                    await sender.PostAsync(call.EventsUrl, late, cancellation);
                }
            }
        }
        else
        {
            LogNotDelivered(call.CallId, result.Status);
        }

        return result;
    }

    /// <summary>Posts <c>ringing</c> (and <c>answered</c>) in the background, once each: progress is not worth a retry.</summary>
    public void StartProgress(StoredCall call) => _ = PostProgressAsync(call);

    private async Task PostProgressAsync(StoredCall call)
    {
        try
        {
            foreach (var progress in CallEvents.Progress(call))
            {
                await sender.PostAsync(call.EventsUrl, progress, lifetime.ApplicationStopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: a progress event is not owed.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Final event of call {CallId} was not taken: status {Status}")]
    private partial void LogNotDelivered(string callId, int? status);
}
