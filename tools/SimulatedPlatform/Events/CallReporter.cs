using BatchCalling.SimulatedPlatform.Calls;
using BatchCalling.SimulatedPlatform.Twilio;

namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>
/// Posts a call's events to its <c>eventsUrl</c> (a Twilio call's: its status callbacks to its <c>StatusCallback</c>),
/// misbehaving as the call asks.
/// </summary>
public sealed partial class CallReporter(EventSender sender, IHostApplicationLifetime lifetime, ILogger<CallReporter> logger)
{
    /// <summary>Progress still being posted, by call id: a final event waits for its call's, so they arrive in order.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _progress = new();

    /// <summary>Posts the final event; once it is taken, posts it again (<c>duplicate_events</c>) and the progress events after it (<c>reordered_events</c>).</summary>
    public async Task<DeliveryResult> DeliverFinalAsync(StoredCall call, CancellationToken cancellation)
    {
        if (_progress.TryRemove(call.CallId, out var progress))
        {
            await progress.WaitAsync(cancellation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var result = new DeliveryResult(call.CallId, await PostFinalAsync(call, cancellation));
        if (result.Status is >= 200 and < 300)
        {
            if (call.Behaviour.HasFlag(Behaviour.DuplicateEvents))
            {
                await PostFinalAsync(call, cancellation);
            }

            if (call.Behaviour.HasFlag(Behaviour.ReorderedEvents))
            {
                foreach (var late in ProgressPosts(call).Reverse())
                {
                    await late(cancellation);
                }
            }
        }
        else
        {
            LogNotDelivered(call.CallId, result.Status);
        }

        return result;
    }

    /// <summary>Posts the progress events in the background, once each: progress is not worth a retry.</summary>
    public void StartProgress(StoredCall call) => _progress[call.CallId] = PostProgressAsync(call);

    private async Task PostProgressAsync(StoredCall call)
    {
        try
        {
            foreach (var progress in ProgressPosts(call))
            {
                await progress(lifetime.ApplicationStopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: a progress event is not owed.
        }
        finally
        {
            _progress.TryRemove(call.CallId, out _);
        }
    }

    private Task<int?> PostFinalAsync(StoredCall call, CancellationToken cancellation) => call.Twilio is { } twilio
        ? sender.PostAsync(call.EventsUrl, TwilioCallback.Final(call, twilio), cancellation)
        : sender.PostAsync(call.EventsUrl, CallEvents.Final(call), cancellation);

    /// <summary>The call's progress events, in order, each a post still to make.</summary>
    private IEnumerable<Func<CancellationToken, Task<int?>>> ProgressPosts(StoredCall call) => call.Twilio is { } twilio
        ? TwilioCallback.Progress(call, twilio).Select(callback => (Func<CancellationToken, Task<int?>>)(c => sender.PostAsync(call.EventsUrl, callback, c)))
        : CallEvents.Progress(call).Select(progress => (Func<CancellationToken, Task<int?>>)(c => sender.PostAsync(call.EventsUrl, progress, c)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Final event of call {CallId} was not taken: status {Status}")]
    private partial void LogNotDelivered(string callId, int? status);
}
