using BatchCalling.Dialing;
using BatchCalling.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BatchCalling.Contacts;

/// <summary>
/// Dials one contact. The call id is stored before the dialer is asked, so a repeated or recovered dial of the
/// same attempt never rings twice; the grain stays active only while a call is in progress.
/// </summary>
internal sealed class ContactGrain(
    [PersistentState("contact", BatchStorage.Name)] IPersistentState<ContactState> state,
    ICallDialer dialer,
    IOptions<DispatchOptions> options,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time) : Grain, IContactGrain
{
    private IGrainTimer? _timeout;

    private string JobId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    private int Index => int.Parse(this.GetPrimaryKeyString().AsSpan(JobId.Length + 1), System.Globalization.CultureInfo.InvariantCulture);

    private CallAttempt? InProgress => state.State.Calls.Find(c => c.Outcome is null);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ArmTimeout();
        return Task.CompletedTask;
    }

    async Task<DialResult> IContactGrain.DialAsync(DialRequest request)
    {
        if (state.State.Calls.Find(c => c.Attempt == request.Attempt) is { } placed)
        {
            return Result(placed);
        }

        var call = new CallAttempt
        {
            CallId = ContactKey.CallId(JobId, Index, request.Attempt),
            Attempt = request.Attempt,
            StartedAt = time.GetUtcNow(),
        };
        state.State.Calls.Add(call);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Calls.Remove(call);
            throw;
        }

        await dialer.PlaceCallAsync(
            new CallRequest(call.CallId, request.OrganizationId, JobId, request.Attempt, request.FromNumber, request.AgentId, request.Contact),
            CancellationToken.None);
        ArmTimeout();
        return Result(call);
    }

    async Task IContactGrain.CompleteCallAsync(string callId, CallOutcome outcome, double durationSeconds)
    {
        var call = state.State.Calls.Find(c => c.CallId == callId);
        if (call is null || call.Outcome is not null)
        {
            return;
        }

        call.Outcome = outcome;
        call.EndedAt = time.GetUtcNow();
        call.DurationSeconds = durationSeconds;
        await state.WriteStateAsync();
        _timeout?.Dispose();
        _timeout = null;
        await GrainFactory.GetGrain<IBatchJobGrain>(JobId).ReportAttemptAsync(Report(call));
        DeactivateOnIdle();
    }

    Task<IReadOnlyList<CallAttempt>> IContactGrain.GetCallsAsync() =>
        Task.FromResult<IReadOnlyList<CallAttempt>>(state.State.Calls);

    private void ArmTimeout()
    {
        if (InProgress is not { } call || _timeout is not null)
        {
            return;
        }

        var limit = options.Value.MaxCallDuration;
        var due = call.StartedAt + limit - time.GetUtcNow();
        _timeout = this.RegisterGrainTimer(
            () => ((IContactGrain)this).CompleteCallAsync(call.CallId, CallOutcome.Timeout, limit.TotalSeconds),
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private DialResult Result(CallAttempt call) => new(call.CallId, call.StartedAt, call.Outcome is null ? null : Report(call));

    private AttemptReport Report(CallAttempt call) =>
        new(Index, call.Attempt, call.Outcome!.Value, call.EndedAt!.Value, call.DurationSeconds ?? 0);
}
