using BatchCalling.Dialing;
using BatchCalling.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace BatchCalling.Contacts;

/// <summary>
/// Dials one contact. The call id is stored before the dialer is asked, so a repeated or recovered dial of the
/// same attempt never rings twice; the grain stays active only while a call is in progress. Its record is read only
/// when it may exist: a contact's first dial writes it without reading (one database round trip less per attempt).
/// </summary>
internal sealed class ContactGrain(
    [FromKeyedServices(BatchStorage.Name)] IGrainStorage storage,
    ICallDialer dialer,
    IOptions<DispatchOptions> options,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time) : Grain, IContactGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private const string StateName = "contact";

    private GrainState<ContactState>? _state;
    private IGrainTimer? _timeout;
    private IGrainTimer? _reportRetry;

    private string JobId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    private int Index => int.Parse(this.GetPrimaryKeyString().AsSpan(JobId.Length + 1), System.Globalization.CultureInfo.InvariantCulture);

    private List<CallAttempt> Calls => (_state?.State ?? throw new InvalidOperationException("The contact record is not loaded.")).Calls;

    private CallAttempt? InProgress => Calls.Find(c => c.Outcome is null);

    async Task<DialResult> IContactGrain.DialAsync(DialRequest request, CancellationToken cancellationToken)
    {
        if (request.FirstDial && !request.OutcomeOnly)
        {
            _state ??= new GrainState<ContactState>(new ContactState());
        }
        else
        {
            await LoadAsync();
        }

        if (Calls.Find(c => c.Attempt == request.Attempt) is { } placed)
        {
            if (placed.Outcome is null)
            {
                await ReconcileAsync(placed, request);
            }

            return Result(placed);
        }

        var call = new CallAttempt
        {
            CallId = ContactKey.CallId(JobId, Index, request.Attempt),
            Attempt = request.Attempt,
            StartedAt = time.GetUtcNow(),
        };
        Calls.Add(call);
        if (request.OutcomeOnly)
        {
            // Stored, so that this attempt's dial, should it still arrive, finds it ended and places nothing.
            await RecordAsync(call, CallOutcome.NotPlaced, 0);
            return Result(call);
        }

        // The job may stop waiting; the write-ahead and the dial still complete, so the attempt stays accounted for.
        await WriteAsync();

        await dialer.PlaceCallAsync(CallFor(call, request), CancellationToken.None);
        ArmTimeout();
        return Result(call);
    }

    async Task IContactGrain.CompleteCallAsync(string callId, CallOutcome outcome, double durationSeconds)
    {
        await LoadAsync();
        if (Calls.Find(c => c.CallId == callId) is { Outcome: null } call)
        {
            await RecordAsync(call, outcome, durationSeconds);
            await ReportAsync(call);
        }
    }

    /// <summary>Reads without loading the record into the activation, so an interleaved read never races a dial's write.</summary>
    async Task<IReadOnlyList<CallAttempt>> IContactGrain.GetCallsAsync()
    {
        if (_state is { State: { } loaded })
        {
            return [.. loaded.Calls];
        }

        var stored = new GrainState<ContactState>(new ContactState());
        await storage.ReadStateAsync(StateName, this.GetGrainId(), stored);
        return stored.State?.Calls ?? [];
    }

    /// <summary>Reads the record once per activation, and resumes the timeout of a call it shows in progress.</summary>
    private async Task LoadAsync()
    {
        if (_state is null)
        {
            var state = new GrainState<ContactState>(new ContactState());
            await storage.ReadStateAsync(StateName, this.GetGrainId(), state);
            _state = state;
            ArmTimeout();
        }
    }

    /// <summary>Writes the record; after a failed write it is read again, as storage may hold something else.</summary>
    private async Task WriteAsync()
    {
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), _state!);
        }
        catch
        {
            _state = null;
            throw;
        }
    }

    /// <summary>
    /// An attempt stored as placed but with no outcome, dialed again (its job recovered, or our answer was lost):
    /// the dialer tells, by call id, whether it ever got the call, so the contact is never rung twice for it.
    /// </summary>
    private async Task ReconcileAsync(CallAttempt call, DialRequest request)
    {
        var status = await dialer.GetStatusAsync(call.CallId, CancellationToken.None);
        if (!status.Placed && request.OutcomeOnly)
        {
            await RecordAsync(call, CallOutcome.NotPlaced, 0);
        }
        else if (!status.Placed)
        {
            await dialer.PlaceCallAsync(CallFor(call, request), CancellationToken.None);
        }
        else if (status.Outcome is { } outcome)
        {
            await RecordAsync(call, outcome, status.DurationSeconds);
        }

        ArmTimeout();
    }

    private async Task RecordAsync(CallAttempt call, CallOutcome outcome, double durationSeconds)
    {
        call.Outcome = outcome;
        call.EndedAt = time.GetUtcNow();
        call.DurationSeconds = durationSeconds;
        await WriteAsync();
        _timeout?.Dispose();
        _timeout = null;
    }

    /// <summary>Tells the job; while it cannot be reached, the contact stays active and tries again.</summary>
    private async Task ReportAsync(CallAttempt call)
    {
        try
        {
            await GrainFactory.GetGrain<IBatchJobGrain>(JobId).ReportAttemptAsync(Report(call));
            _reportRetry?.Dispose();
            _reportRetry = null;
            DeactivateOnIdle();
        }
        catch (Exception) when (_reportRetry is null)
        {
            _reportRetry = this.RegisterGrainTimer(() => ReportAsync(call),
                new GrainTimerCreationOptions(RetryDelay, RetryDelay) { KeepAlive = true });
        }
    }

    private CallRequest CallFor(CallAttempt call, DialRequest request) =>
        new(call.CallId, request.OrganizationId, JobId, call.Attempt, request.FromNumber, request.AgentId, request.Contact);

    private void ArmTimeout()
    {
        if (InProgress is not { } call || _timeout is not null)
        {
            return;
        }

        var due = call.StartedAt + options.Value.MaxCallDuration - time.GetUtcNow();
        // Tried again until the call is recorded ended (which disposes the timer), should the dialer not answer.
        _timeout = this.RegisterGrainTimer(() => HangUpAsync(call),
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, RetryDelay) { KeepAlive = true });
    }

    /// <summary>
    /// Ends a call that outlived the maximum duration. Only once the dialer has hung up is it recorded (as a timeout), so
    /// its slot is never freed, nor the contact rung again, while the first call may still be up. A call that ended by
    /// itself meanwhile is recorded with its own outcome.
    /// </summary>
    private async Task HangUpAsync(CallAttempt call)
    {
        if (await dialer.HangUpAsync(call.CallId, CancellationToken.None))
        {
            await ((IContactGrain)this).CompleteCallAsync(call.CallId, CallOutcome.Timeout, (time.GetUtcNow() - call.StartedAt).TotalSeconds);
        }
        else if (await dialer.GetStatusAsync(call.CallId, CancellationToken.None) is { Outcome: { } outcome } ended)
        {
            await ((IContactGrain)this).CompleteCallAsync(call.CallId, outcome, ended.DurationSeconds);
        }
    }

    private DialResult Result(CallAttempt call) => new(call.CallId, call.StartedAt, call.Outcome is null ? null : Report(call));

    private AttemptReport Report(CallAttempt call) =>
        new(Index, call.Attempt, call.Outcome!.Value, call.EndedAt!.Value, call.DurationSeconds ?? 0);
}
