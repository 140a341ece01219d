using BatchCalling.Dialing;
using BatchCalling.Throttling;

namespace BatchCalling.Contacts;

/// <summary>Placing a stored attempt with its platform: paced when its number or organization is, and reconciled by call id.</summary>
internal sealed partial class ContactGrain
{
    /// <summary>
    /// Asks the platform to place a stored attempt. Refused for now, the attempt is taken back (it never happened) and the
    /// job tries the contact again later; of unknown fate, the job asks again and the attempt is reconciled.
    /// </summary>
    private async Task<DialResult> PlaceAsync(CallAttempt call, DialRequest request)
    {
        var dialer = await DialerAsync();
        var placed = request.Paced
            ? await PlacePacedAsync(dialer, CallFor(call, request), request)
            : await dialer.PlaceCallAsync(CallFor(call, request), CancellationToken.None);

        switch (placed.Kind)
        {
            case PlaceResult.Kinds.Rejected:
                await RecordAsync(call, new CallEnd(CallOutcome.Failed, 0, placed.ErrorCode));
                return Result(call);
            case PlaceResult.Kinds.NotPlaced:
                Calls.Remove(call);
                await WriteAsync();
                await ReleaseAsync(request.OrganizationId, request.Contact.Phone, call.CallId, placed: false);
                return new DialResult(call.CallId, call.StartedAt, null, time.GetUtcNow() + placed.RetryAfter);
            default:
                (call.RoomName, call.ProviderCallId) = (placed.RoomName, placed.ProviderCallId);
                WatchOverdue();
                return Result(call) with { FateUnknown = placed.Kind == PlaceResult.Kinds.Unknown };
        }
    }

    /// <summary>
    /// A paced call starts at the time its throttle reserves for it, and says when its dial was answered, so the next start
    /// comes an interval after the platform had this one, however long each dial took. The slot was granted about a second
    /// ahead at most, so the wait is short.
    /// </summary>
    private async Task<PlaceResult> PlacePacedAsync(ICallDialer dialer, CallRequest call, DialRequest request)
    {
        var throttle = GrainFactory.GetGrain<IOrganizationThrottleGrain>(request.OrganizationId);
        var wait = await throttle.ReserveStartAsync(request.PhoneNumberId, request.NumberCallsPerSecond) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time);
        }

        try
        {
            return await dialer.PlaceCallAsync(call, CancellationToken.None);
        }
        finally
        {
            await throttle.ConfirmStartAsync(request.PhoneNumberId, request.NumberCallsPerSecond);
        }
    }

    /// <summary>
    /// An attempt stored as placed but with no outcome, dialed again (its job recovered, our answer was lost, or the
    /// platform's answer was): the platform tells, by call id, whether it ever got the call, so the contact is never rung
    /// twice for it.
    /// </summary>
    private async Task<DialResult> ReconcileAsync(CallAttempt call, DialRequest request)
    {
        var status = await (await DialerAsync()).GetStatusAsync(Dialed(call), CancellationToken.None);
        if (!status.Placed)
        {
            if (!request.OutcomeOnly)
            {
                // Its time runs from this post, not from when the attempt was first stored: stamped, and stored as before any
                // post, so the check of an overdue call never hangs it up for the time it waited to be placed.
                call.StartedAt = time.GetUtcNow();
                await WriteAsync();
                _overdue?.Dispose();
                _overdue = null;
                return await PlaceAsync(call, request);
            }

            await RecordAsync(call, new CallEnd(CallOutcome.NotPlaced, 0));
        }
        else if (status.End is { } end)
        {
            await RecordAsync(call, end);
        }

        WatchOverdue();
        return Result(call);
    }

    private CallRequest CallFor(CallAttempt call, DialRequest request) =>
        new(call.CallId, request.OrganizationId, JobId, call.Attempt, request.FromNumber, request.AgentId, request.Contact,
            request.MetadataJson, CallLimit);
}
