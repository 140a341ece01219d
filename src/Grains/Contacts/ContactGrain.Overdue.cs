using BatchCalling.Dialing;

namespace BatchCalling.Contacts;

/// <summary>A call past its maximum duration and the grace for its final event: asked about, and hung up only when its platform cannot say.</summary>
internal sealed partial class ContactGrain
{
    /// <summary>Arms, once, the check of a call in progress that is past its maximum duration and the grace for its final event.</summary>
    private void WatchOverdue()
    {
        if (InProgress is not { } call || _overdue is not null)
        {
            return;
        }

        var due = call.StartedAt + CallLimit + options.Value.EndGrace - time.GetUtcNow();
        // Tried again until the call is recorded ended (which disposes the timer), should the platform not answer.
        _overdue = this.RegisterGrainTimer(() => EndOverdueAsync(call),
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, RetryDelay) { KeepAlive = true });
    }

    /// <summary>
    /// A call past its maximum duration with no final event: the platform is asked how it ended. Only when it cannot say is
    /// the call hung up, and recorded (as a timeout) once that succeeded, so its slot is never freed, nor the contact rung
    /// again, while the call may still be up.
    /// </summary>
    private async Task EndOverdueAsync(CallAttempt call)
    {
        var status = await StatusOrNullAsync(call);
        if (status?.End is { } end)
        {
            await ((IContactGrain)this).CompleteCallAsync(call.CallId, end);
        }
        else if (status is { Placed: false })
        {
            // Never placed (a dial of unknown fate that never arrived): nothing to end. Its job asks again, and the attempt
            // is posted then, or recorded not placed if the job has stopped.
            _overdue?.Dispose();
            _overdue = null;
        }
        else if (await (await DialerAsync()).HangUpAsync(Dialed(call), CancellationToken.None))
        {
            await ((IContactGrain)this).CompleteCallAsync(call.CallId, new CallEnd(CallOutcome.Timeout, (time.GetUtcNow() - call.StartedAt).TotalSeconds));
        }
    }

    /// <summary>What the platform says of the call; null when it cannot say (down, or answering nonsense).</summary>
    private async Task<CallStatus?> StatusOrNullAsync(CallAttempt call)
    {
        try
        {
            return await (await DialerAsync()).GetStatusAsync(Dialed(call), CancellationToken.None);
        }
        catch (Exception ex) when (DialAnswers.IsNoAnswer(ex))
        {
            return null;
        }
    }

    private DialedCall Dialed(CallAttempt call) => new(call.CallId, call.StartedAt, State.To, State.From, call.ProviderCallId);
}
